"""Every code example in docs/ and README.md is executed or checked, so none can rot.

Each fenced code block of every page (``docs/**/*.md`` and ``README.md``, found by glob so
new pages are covered as soon as they exist) is checked according to its language:

``pycon``, and ``python`` blocks of ``>>>`` examples
    doctests: pytest runs them (``--doctest-glob='*.md'`` in pyproject.toml); here they
    are only checked to hold at least one example.
other ``python`` blocks
    executed, each page's blocks in order in one namespace, with the repository root as
    the working directory; any exception fails the page.
``console``
    a transcript: each ``$ `` line is a ``cjp`` / ``python -m care_justice_protocol``
    command, run in a subprocess from the repository root, and the lines after it are its
    expected output (stdout then stderr). A line that is exactly ``...`` matches any
    number of lines. ``$ echo $?`` prints the previous command's exit code; without it,
    a command must exit 0.
``bash`` / ``sh``
    one command a line (``#`` comments allowed), run like ``console`` commands but with
    no output shown: each must exit 0, or 1 when it uses ``--fail-on`` (the documented
    meaning of 1). A trailing ``> FILE`` is honoured by discarding the output, so the
    repository is never written to. ``make TARGET`` lines are not run (``make test`` runs
    this very suite); the target must exist in the Makefile. ``pip install`` lines are
    not run (the tests use no network); extras of this package must be declared in
    pyproject.toml.
``json``
    must parse; a caseload, case, local-variant or ``cjp check --format json`` results
    document must also load with the library's loaders (or match the result fields).
``mermaid``
    a block between ``<!-- generated: NAME -->`` markers is compared with the code by
    ``tests/test_machines_core.py`` (``scripts/gen_machine_docs.py``); an ``erDiagram``
    elsewhere must name only exported classes and their real fields.
a snippet include
    a block whose only line is ``--8<-- "examples/NAME.py"`` shows a script that
    ``tests/test_examples.py`` runs.
anything else
    fails, unless the block is preceded by ``<!-- not-executed: REASON -->`` (for output
    that cannot be reproduced in a test, such as benchmark timings).
"""

from __future__ import annotations

import doctest
import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import attrs
import pytest

import care_justice_protocol as cjp

ROOT = Path(__file__).resolve().parent.parent
PAGES = [*sorted((ROOT / "docs").rglob("*.md")), ROOT / "README.md"]

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
_NOT_EXECUTED = re.compile(r"^<!--\s*not-executed:\s*(?P<reason>\S.*?)\s*-->$")
_SNIPPET = re.compile(r'^-{1,3}8<-{1,3}\s+"(?P<path>[^"]+)"$')
_GENERATED_OPEN = re.compile(r"^<!-- generated: (?P<name>[\w-]+) -->$")
_GENERATED_CLOSE = re.compile(r"^<!-- end generated: (?P<name>[\w-]+) -->$")
_SHELL_PROGRAMS = ("cjp", "python -m care_justice_protocol")


@dataclass(frozen=True)
class Block:
    """One fenced code block of a page."""

    page: Path
    line: int  # 1-based line of the opening fence
    language: str
    body: str
    exemption: str | None = None  # the reason of a <!-- not-executed: ... --> marker
    generated: str | None = None  # the name of an enclosing <!-- generated: ... --> region

    @property
    def where(self) -> str:
        page = self.page.relative_to(ROOT) if self.page.is_relative_to(ROOT) else self.page
        return f"{page}:{self.line}"


def blocks_of(page: Path) -> Iterator[Block]:
    """The fenced code blocks of a Markdown page, in order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    previous = ""  # the last non-blank line outside a block
    generated: str | None = None
    i = 0
    while i < len(lines):
        text = lines[i]
        match = _FENCE.match(text)
        if match is None:
            stripped = text.strip()
            if opened := _GENERATED_OPEN.match(stripped):
                generated = opened["name"]
            elif _GENERATED_CLOSE.match(stripped):
                generated = None
            if stripped:
                previous = stripped
            i += 1
            continue
        indent, fence = match["indent"], match["fence"]
        start = i
        body = []
        i += 1
        while i < len(lines) and not (
            lines[i].strip().startswith(fence[0] * len(fence))
            and lines[i].strip().strip(fence[0]) == ""
        ):
            body.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
            i += 1
        marker = _NOT_EXECUTED.match(previous)
        yield Block(
            page=page,
            line=start + 1,
            language=(match["info"].split() or [""])[0].lower(),
            body="\n".join(body) + "\n",
            exemption=marker["reason"] if marker else None,
            generated=generated,
        )
        previous = ""
        i += 1


# --------------------------------------------------------------------------- shell


def _argv(command: str) -> tuple[list[str], bool]:
    """The argv for a documented command, and whether its stdout is redirected away."""
    words = shlex.split(command, comments=True)
    redirected = len(words) >= 2 and words[-2] == ">"
    if redirected:
        words = words[:-2]
    for program in _SHELL_PROGRAMS:
        prefix = program.split()
        if words[: len(prefix)] == prefix:
            args = words[len(prefix) :]
            break
    else:
        raise AssertionError(f"cannot run {command!r}: only {_SHELL_PROGRAMS} are executed")
    bad = [w for w in args if w in {"|", "||", "&&", ";", "<", ">", ">>", "&"}]
    assert not bad, f"shell operator {bad[0]!r} in {command!r}: show one plain command a line"
    cjp_script = Path(sys.executable).with_name("cjp")
    runner = [str(cjp_script)] if cjp_script.exists() else [sys.executable, "-m", cjp.__name__]
    return runner + args, redirected


def run_command(command: str) -> tuple[int, list[str]]:
    """Run a documented command from the repository root; its exit code and output lines."""
    argv, redirected = _argv(command)
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    done = subprocess.run(
        argv, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False, env=env
    )
    out = [] if redirected else done.stdout.splitlines()
    return done.returncode, [line.rstrip() for line in out + done.stderr.splitlines()]


def output_matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` matches ``expected``, where a ``...`` line matches any lines."""
    if not expected:
        return not actual
    head, *rest = expected
    if head == "...":
        return any(output_matches(rest, actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and actual[0] == head and output_matches(rest, actual[1:])


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([\w.-]+):", text, flags=re.MULTILINE))


@dataclass
class Transcript:
    """A ``console`` block split into commands and their expected output."""

    steps: list[tuple[str, list[str]]] = field(default_factory=list)

    @classmethod
    def parse(cls, body: str) -> Transcript:
        transcript = cls()
        for line in body.splitlines():
            if line.startswith("$ "):
                transcript.steps.append((line[2:].strip(), []))
            elif transcript.steps:
                transcript.steps[-1][1].append(line.rstrip())
            elif line.strip():
                raise AssertionError(f"output before the first '$ ' command: {line!r}")
        for _, out in transcript.steps:
            while out and not out[-1]:
                out.pop()
        return transcript


def check_console(block: Block) -> None:
    transcript = Transcript.parse(block.body)
    assert transcript.steps, "a console block needs at least one '$ ' command"
    last_code: int | None = None
    for command, expected in transcript.steps:
        if command == "echo $?":
            assert last_code is not None, "'echo $?' before any command"
            assert expected == [str(last_code)], f"exit code {last_code}, shown as {expected}"
            last_code = None
            continue
        if last_code not in (None, 0):
            raise AssertionError(f"a command exited {last_code}; show it with '$ echo $?'")
        last_code, actual = run_command(command)
        assert output_matches(expected, actual), (
            f"$ {command}\nexpected:\n" + "\n".join(expected) + "\nactual:\n" + "\n".join(actual)
        )
    assert last_code in (None, 0), f"the last command exited {last_code}; add '$ echo $?'"


def shell_commands(body: str) -> list[str]:
    commands, pending = [], ""
    for raw in body.splitlines():
        line = raw.strip()
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line, pending = pending + line, ""
        if line and not line.startswith("#"):
            commands.append(line)
    return commands


def declared_extras() -> set[str]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        project = tomllib.load(f)["project"]
    return set(project.get("optional-dependencies", {}))


def check_pip_install(requirements: list[str]) -> None:
    """Not run (tests use no network); this package's extras must be declared."""
    for requirement in requirements:
        name, _, extras = requirement.partition("[")
        if name.replace("-", "_") == cjp.__name__ and extras:
            missing = set(extras.rstrip("]").split(",")) - declared_extras()
            assert not missing, f"{requirement!r}: no such extra {sorted(missing)}"


def check_shell(block: Block) -> None:
    commands = shell_commands(block.body)
    assert commands, "an empty shell block"
    for command in commands:
        words = shlex.split(command, comments=True)
        if words[0] == "make":
            missing = set(words[1:]) - makefile_targets()
            assert not missing, f"{command!r}: no such Makefile target {sorted(missing)}"
            continue
        if words[:2] == ["pip", "install"] or words[:4] == ["python", "-m", "pip", "install"]:
            check_pip_install(words[words.index("install") + 1 :])
            continue
        code, output = run_command(command)
        allowed = {0, 1} if "--fail-on" in words else {0}
        assert code in allowed, f"{command!r} exited {code}:\n" + "\n".join(output[-20:])


# --------------------------------------------------------------------------- json, mermaid


def _protocol_sets() -> list[tuple[cjp.Protocol, ...]]:
    """The sets of protocols a documented document may be for: the default set, Salford's
    with the transitions protocol, and each example protocol file alone."""
    examples = [
        (cjp.read_protocol(p),) for p in _PROTOCOL_FILES if p.is_relative_to(ROOT / "examples")
    ]
    return [cjp.BUNDLED_PROTOCOLS, cjp.EXAMPLE_TRANSITION_PROTOCOLS, *examples]


def _with_some_protocols(load: Any, document: dict[str, Any]) -> None:
    """``load`` the document for the first set of protocols it loads with (the error of the
    default set if none)."""
    first: Exception | None = None
    for protocols in _protocol_sets():
        try:
            load(document, protocols=protocols)
            return
        except cjp.ValidationError as error:
            first = first or error
    assert first is not None
    raise first


def check_json(block: Block) -> None:
    document = json.loads(block.body)
    if not isinstance(document, dict):
        return
    keys = set(document)
    if "cases" in keys or (keys >= {"schema_version"} and not keys & {"case_id", "timescales"}):
        _with_some_protocols(cjp.load_caseload, document)
    elif "case_id" in keys:
        _with_some_protocols(cjp.load_case, document)
    elif keys & {"timescales", "extra_closures", "policies", "contacts"}:
        _with_some_protocols(cjp.load_local_variant, document)
    elif "results" in keys:
        names = {a.name for a in attrs.fields(cjp.ObligationResult)}
        assert {"as_of", "counts", "results"} == keys, sorted(keys)
        assert set(document["counts"]) == {s.value for s in cjp.Status}
        for row in document["results"]:
            assert set(row) == names, sorted(set(row) ^ names)
            assert cjp.Status(row["status"])


def _fields(name: str) -> set[str]:
    cls = getattr(cjp, name)
    own = {a.name for a in attrs.fields(cls)} if attrs.has(cls) else set()
    if name == "CaseEvent":  # the common fields of every event, and the JSON tag
        own |= {"type"}
    return own | {n for n in dir(cls) if isinstance(getattr(cls, n, None), property)}


def check_er_diagram(block: Block) -> None:
    lines = [line.strip() for line in block.body.splitlines() if line.strip()]
    assert lines[0] == "erDiagram", "only erDiagram is checked outside generated regions"
    entity: str | None = None
    for line in lines[1:]:
        if entity is not None:
            if line == "}":
                entity = None
                continue
            attribute = line.split()[1]
            assert attribute in _fields(entity), f"{entity} has no field {attribute!r}"
        elif line.endswith("{"):
            entity = line[:-1].strip()
            assert entity in cjp.__all__, f"{entity!r} is not exported"
        else:
            left, right = re.split(r"\s+[|}o]\S*--\S*[|{o]\s+", line.split(":")[0].strip())
            for name in (left, right):
                assert name.strip() in cjp.__all__, f"{name!r} is not exported"


def check_mermaid(block: Block) -> None:
    if block.generated is not None:
        return  # compared with the code by tests/test_machines_core.py
    check_er_diagram(block)


# --------------------------------------------------------------------------- dispatch


def is_doctest(block: Block) -> bool:
    return block.body.lstrip().startswith(">>>")


def is_snippet(block: Block) -> bool:
    lines = [line for line in block.body.splitlines() if line.strip()]
    return len(lines) == 1 and _SNIPPET.match(lines[0].strip()) is not None


def is_script(block: Block) -> bool:
    """Python to execute here (not a doctest, not a snippet include)."""
    return block.language == "python" and not is_doctest(block) and not is_snippet(block)


#: The protocol files a TOML block may quote: the bundled ones and the examples' (the
#: how-to's council, examples/eldbury/eldbury.toml).
_PROTOCOL_FILES = sorted(
    path
    for path in [
        *(ROOT / "src/care_justice_protocol/io/data/protocols").glob("*.toml"),
        *(ROOT / "examples").rglob("*.toml"),
    ]
    # (examples/ holds other TOML files too: the SSD mapping files have no format_version)
    if "format_version" in tomllib.loads(path.read_text(encoding="utf-8"))
)
_BUNDLED_TOML = "\n".join(path.read_text(encoding="utf-8") for path in _PROTOCOL_FILES)


def check_toml(block: Block) -> None:
    """A TOML block parses, and is an excerpt of a bundled or example protocol file: every
    line of it appears in one of them (so "from Salford 3.14.12" stays true); or it is an
    SSD mapping file (``[teams]``, ``[codes]``), which must load."""
    import tomllib

    doc = tomllib.loads(block.body)
    if set(doc) <= {"teams", "codes"}:  # an SSD mapping file: it must load as one
        cjp.load_ssd_mapping(block.body, name=block.where)
        return
    bundled = set(_BUNDLED_TOML.splitlines())
    missing = [line for line in block.body.splitlines() if line.strip() and line not in bundled]
    assert missing == [], f"{block.where}: not in a bundled protocol file: {missing}"


def check_block(block: Block) -> None:
    """Check one block that is not executable Python (those run per page, below)."""
    lines = [line for line in block.body.splitlines() if line.strip()]
    if len(lines) == 1 and (snippet := _SNIPPET.match(lines[0].strip())):
        path = ROOT / snippet["path"].split(":")[0]  # without a ":start:end" line range
        assert path.parent == ROOT / "examples", "snippets must come from examples/"
        assert path.suffix == ".py", "snippets must be example scripts"
        assert path.exists(), f"no such example: {snippet['path']}"
        return
    if block.exemption is not None:
        return
    if block.language in {"pycon", "python"}:
        examples = doctest.DocTestParser().get_examples(block.body)
        assert examples, "a pycon block without '>>>' examples"
        return
    checker = {
        "console": check_console,
        "bash": check_shell,
        "sh": check_shell,
        "shell": check_shell,
        "json": check_json,
        "mermaid": check_mermaid,
        "toml": check_toml,
    }.get(block.language)
    if checker is None:
        raise AssertionError(
            f"{block.where}: a {block.language or 'plain'!r} block cannot be checked; use "
            "pycon, python, console, bash, json, toml or mermaid, or precede it with "
            "'<!-- not-executed: REASON -->'"
        )
    checker(block)


ALL_BLOCKS = [b for page in PAGES for b in blocks_of(page)]
CHECKED = [b for b in ALL_BLOCKS if not is_script(b)]
PYTHON_PAGES = sorted({b.page for b in ALL_BLOCKS if is_script(b)})


@pytest.mark.parametrize("block", CHECKED, ids=[b.where for b in CHECKED])
def test_code_block(block: Block) -> None:
    check_block(block)


@pytest.mark.parametrize("page", PYTHON_PAGES, ids=[str(p.relative_to(ROOT)) for p in PYTHON_PAGES])
def test_python_blocks_run_in_order(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    namespace: dict[str, Any] = {"__name__": f"docs_{page.stem}"}
    for block in blocks_of(page):
        if is_script(block):
            code = compile(block.body, block.where, "exec")
            exec(code, namespace)


class TestTheDiagrams:
    def test_every_machine_of_cjp_machines_is_drawn_in_the_docs(self) -> None:
        done = subprocess.run(
            [sys.executable, "-m", cjp.__name__, "machines", "--mermaid"],
            capture_output=True, text=True, check=True, timeout=60,
        )  # fmt: skip
        printed = re.findall(r"^## (.+?)\n\n```mermaid\n(.*?)```$", done.stdout, re.M | re.S)
        drawn = {b.body for b in ALL_BLOCKS if b.language == "mermaid"}
        assert len(printed) == 5
        missing = [name for name, body in printed if body not in drawn]
        assert missing == [], f"machines with no diagram in docs/: {missing}"


class TestTheExemptions:
    def test_every_exemption_gives_its_reason_and_the_list_is_known(self) -> None:
        exempt = {(b.where, b.exemption) for b in ALL_BLOCKS if b.exemption is not None}
        pages = {where.rsplit(":", 1)[0] for where, _ in exempt}
        assert pages <= {"docs/reference/benchmarks.md"}, sorted(exempt)
        assert all(reason.startswith("benchmark output") for _, reason in exempt)


class TestTheRunner:
    """The runner's own rules, on small made-up pages."""

    def page(self, tmp_path: Path, text: str) -> list[Block]:
        path = tmp_path / "page.md"
        path.write_text(text, encoding="utf-8")
        return list(blocks_of(path))

    def test_finds_blocks_with_their_language_marker_and_region(self, tmp_path: Path) -> None:
        text = (
            "<!-- not-executed: benchmark output -->\n\n```text\nx\n```\n"
            "<!-- generated: demo -->\n```mermaid\nstateDiagram-v2\n```\n"
            "<!-- end generated: demo -->\n"
            "- item\n\n    ```json\n    {}\n    ```\n"
        )
        first, second, third = self.page(tmp_path, text)
        assert (first.language, first.exemption, first.line) == ("text", "benchmark output", 3)
        assert (second.language, second.generated) == ("mermaid", "demo")
        assert (third.language, third.body, third.generated) == ("json", "{}\n", None)

    def test_an_unknown_language_fails(self, tmp_path: Path) -> None:
        [block] = self.page(tmp_path, "```text\nmake demo\n```\n")
        with pytest.raises(AssertionError, match="cannot be checked"):
            check_block(block)

    def test_an_ellipsis_line_matches_any_number_of_lines(self) -> None:
        assert output_matches(["a", "...", "z"], ["a", "z"])
        assert output_matches(["a", "...", "z"], ["a", "b", "c", "z"])
        assert not output_matches(["a", "...", "z"], ["a", "b"])
        assert not output_matches(["a"], ["a", "b"])

    def test_a_console_transcript_is_split_into_commands_and_output(self) -> None:
        transcript = Transcript.parse("$ cjp schema --case\n{\n...\n}\n$ echo $?\n0\n")
        assert transcript.steps == [("cjp schema --case", ["{", "...", "}"]), ("echo $?", ["0"])]

    def test_only_the_library_commands_are_run(self) -> None:
        with pytest.raises(AssertionError, match="only"):
            _argv("rm -rf /")
        with pytest.raises(AssertionError, match="shell operator"):
            _argv("cjp schema | head")

    def test_make_and_pip_lines_are_checked_but_not_run(self, tmp_path: Path) -> None:
        [make] = self.page(tmp_path, "```bash\nmake demo\nmake no-such-target\n```\n")
        with pytest.raises(AssertionError, match="no such Makefile target"):
            check_block(make)
        [pip] = self.page(tmp_path, "```bash\npip install 'care_justice_protocol[nope]'\n```\n")
        with pytest.raises(AssertionError, match="no such extra"):
            check_block(pip)

    def test_a_json_caseload_with_a_problem_fails(self, tmp_path: Path) -> None:
        [block] = self.page(tmp_path, '```json\n{"schema_version": 1, "cases": [{}]}\n```\n')
        with pytest.raises(cjp.ValidationError):
            check_block(block)
