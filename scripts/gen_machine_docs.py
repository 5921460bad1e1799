"""Regenerate the diagrams and tables in docs/explanation/machines/ from the code.

Each page keeps its prose by hand; the parts between

    <!-- generated: NAME -->
    ...
    <!-- end generated: NAME -->

are rewritten from the machine definitions, so the pictures can never drift from the
code. ``tests/test_machines_core.py`` fails when a committed page differs from what this
script would write.

Usage (from the repository root)::

    python scripts/gen_machine_docs.py          # rewrite the pages
    python scripts/gen_machine_docs.py --check  # exit 1, naming stale pages, if any
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from care_justice_protocol import (
    MACHINES,
    PROBATION_NEXT_STEP_LADDER,
    YOS_NEXT_STEPS_LADDER,
    JusticeState,
    Ladder,
    Machine,
    duties,
    to_markdown_table,
    to_mermaid,
)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "explanation" / "machines"

_BLOCK = re.compile(
    r"(<!-- generated: (?P<name>[\w-]+) -->\n)(?P<body>.*?)(<!-- end generated: (?P=name) -->)",
    re.DOTALL,
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|") if text else "—"


def _code(text: str | None) -> str:
    return f"`{text}`" if text else "—"


def diagram(machine: Machine[Any, Any]) -> str:
    """A Mermaid fence (pymdownx.superfences custom fence ``mermaid``)."""
    return f"```mermaid\n{to_mermaid(machine)}```\n"


def states(machine: Machine[Any, Any]) -> str:
    """The declared states: kind, meaning, clause."""
    lines = ["| State | Kind | Meaning | Clause |", "|---|---|---|---|"]
    for spec in machine.states:
        kind = "initial" if spec.initial else "final" if spec.final else ""
        lines.append(
            f"| `{spec.state}` | {_cell(kind)} | {_cell(spec.description)} | {_cell(spec.clause)} |"
        )
    return "\n".join(lines) + "\n"


_CHECKED = "yes: the duty is the obligation of that id"


def duty_table() -> str:
    """Every justice-pathway state with the duties it switches on and their obligations."""
    lines = [
        "| State | Duty | Condition | Clause | Checked by the engine |",
        "|---|---|---|---|---|",
    ]
    for state in JusticeState:
        lines.extend(
            f"| `{state}` | {_cell(duty.text)} (`{duty.id}`) | {_cell(duty.condition)} "
            f"| {_cell(duty.clause)} | {_CHECKED if duty.checked else '—'} |"
            for duty in duties(state)
        )
        if not duties(state):
            lines.append(f"| `{state}` | none | — | — | — |")
    return "\n".join(lines) + "\n"


def rungs(ladder: Ladder[Any]) -> str:
    """A ladder's rungs, lowest first."""
    lines = ["| Rung | State | Role | Clause | Text |", "|---|---|---|---|---|"]
    lines.extend(
        f"| {level.rank} | `{level.state}` | {_cell(level.role)} | {_cell(level.clause)} "
        f"| {_cell(level.quote)} |"
        for level in ladder.levels
    )
    return "\n".join(lines) + "\n"


def _machine_blocks(prefix: str, machine: Machine[Any, Any]) -> dict[str, Callable[[], str]]:
    return {
        f"{prefix}-diagram": lambda: diagram(machine),
        f"{prefix}-states": lambda: states(machine),
        f"{prefix}-transitions": lambda: to_markdown_table(machine),
    }


#: Registered machine name -> (page, block prefix): where each machine of
#: ``care_justice_protocol.MACHINES`` (the bundled protocols' registry) is drawn. A machine
#: missing here fails the drift test, so a new machine cannot go undocumented.
PLACES: dict[str, tuple[str, str]] = {
    "joint-case-lifecycle": ("lifecycle.md", "lifecycle"),
    "justice-pathway": ("justice.md", "justice"),
    "yos-next-steps-disputes": ("escalation.md", "yos-ladder"),
    "probation-next-step-disagreements": ("escalation.md", "probation-ladder"),
    "complaint-path": ("escalation.md", "complaints"),
}

#: Blocks that are not a machine's diagram, states or transitions.
_EXTRA: dict[str, dict[str, Callable[[], str]]] = {
    "justice.md": {"justice-duties": duty_table},
    "escalation.md": {
        "yos-ladder-rungs": lambda: rungs(YOS_NEXT_STEPS_LADDER),
        "probation-ladder-rungs": lambda: rungs(PROBATION_NEXT_STEP_LADDER),
    },
}


def _pages() -> dict[str, dict[str, Callable[[], str]]]:
    unplaced = sorted(set(MACHINES) - set(PLACES))
    if unplaced:
        raise ValueError(f"machines with no docs page (add them to PLACES): {unplaced!r}")
    pages: dict[str, dict[str, Callable[[], str]]] = {}
    for name, machine in MACHINES.items():
        page, prefix = PLACES[name]
        pages.setdefault(page, {}).update(_machine_blocks(prefix, machine))
    for page, blocks in _EXTRA.items():
        pages[page].update(blocks)
    return pages


#: Page name -> block name -> renderer.
PAGES: dict[str, dict[str, Callable[[], str]]] = _pages()


def render(page: str, text: str) -> str:
    """``text`` with every generated block of ``page`` rewritten.

    Raises:
        ValueError: a block the page should have is missing, or an unknown one is present.
    """
    blocks = PAGES[page]
    found: set[str] = set()

    def fill(match: re.Match[str]) -> str:
        name = match.group("name")
        if name not in blocks:
            raise ValueError(f"{page}: unknown generated block {name!r}")
        found.add(name)
        return f"{match.group(1)}{blocks[name]()}{match.group(4)}"

    result = _BLOCK.sub(fill, text)
    missing = sorted(set(blocks) - found)
    if missing:
        raise ValueError(f"{page}: missing generated blocks {missing!r}")
    return result


def stale_pages(docs: Path = DOCS) -> list[str]:
    """The pages whose generated blocks differ from the code (empty when all are fresh)."""
    return [
        page
        for page in PAGES
        if (docs / page).read_text(encoding="utf-8")
        != render(page, (docs / page).read_text(encoding="utf-8"))
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale pages")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_pages()
        for page in stale:
            print(f"stale: {DOCS / page} (run python scripts/gen_machine_docs.py)")
        return 1 if stale else 0
    for page in PAGES:
        path = DOCS / page
        before = path.read_text(encoding="utf-8")
        after = render(page, before)
        if after != before:
            path.write_text(after, encoding="utf-8")
            print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
