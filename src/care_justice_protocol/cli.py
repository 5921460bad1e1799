"""The ``cjp`` command (also ``python -m care_justice_protocol``).

Sub-commands::

    cjp check [CASELOAD.json] [--as-of D] [--format table|json|csv] [--fail-on overdue]
    cjp explain CASE_ID [CASELOAD.json] [--as-of D]
    cjp deadlines --allocated D [--allocated D ...]
    cjp machines [--mermaid | --table]
    cjp schema [--case | --protocol]
    cjp protocol lint FILE [FILE ...]

Without a file, ``check`` and ``explain`` use the bundled example caseload. ``--local``
loads a council's local variant (timescales, closures, period policies, contacts).

Which protocols: ``check``, ``explain``, ``deadlines`` and ``machines`` use the bundled
protocols (Salford's 3.14.12 and 3.14.13). ``--protocol-file FILE`` (repeatable) loads a
protocol file (``.toml`` or ``.json``) instead: with it, only the named files are used,
unless bundled protocols are also asked for with ``--protocol ID`` (repeatable; alone, it
narrows the bundled ones). Two protocols with the same id, or whose vocabularies clash,
cannot be used together. With ``--protocol-file``, a caseload file is read for the
protocols used: its services, roles, documents and meeting kinds must be theirs, and the
event types their files declare are read.

``protocol lint`` checks protocol files without evaluating anything: one summary line per
good file on stdout (its id, versions and number of obligations), and the files named
together are also checked against each other (no shared id, no vocabulary clash).

Exit codes (the same table for every command; see :data:`EXIT_CODES`)::

    0  clean: the command did what was asked
    1  a --fail-on status is present in the results
    2  bad input or usage: a caseload, local variant or protocol file that is refused,
       a bad path, bad arguments, or a case refused during evaluation (the other cases
       are still evaluated and shown)
    3  output failure: stdout could not be written (a closed pipe such as ``| head``, a
       full disk, an I/O error)
    4  internal error (a bug): one line on stderr naming the exception type, no traceback

When several apply, the most important wins: 2, then 1, then 3, then 0. So a ``--fail-on``
match is never hidden by a broken pipe: ``cjp check --fail-on overdue | head -1`` exits 1.
A caseload, local variant or usage error is one line on stderr (``cjp: error: ...``); a
protocol file with problems (a syntax error, an unknown reference, a duplicate id, missing
parts, a vocabulary clash, an unreadable file) gives one line per problem on stderr, each
``FILE: message @ $.path`` (a syntax error gives its line and column instead of a path).
Output is written in the terminal's encoding with backslash escapes for what it cannot
show, and every identifier or text shown in the table and ``explain`` is neutralised
(control, bidi and format characters as escapes); CSV cells follow the OWASP formula
rule. The command never writes to its input.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import enum
import io
import json
import sys
import warnings
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import attrs

from ._errors import CareJusticeError, CareJusticeWarning, InvalidArgumentError
from ._strict_json import MAX_DOCUMENT_BYTES
from ._text import csv_cell, terminal_text
from .calendar._deadlines import CalendarDaysAfter, LocalTimescale, MonthsAfter, WorkingDaysAfter
from .compliance._escalation import complaint_status, ladder_status, protocol_machines
from .compliance._partnership import evaluate_caseload
from .compliance._results import CaseloadReport, ObligationResult, Status
from .io._bundled import example_caseload
from .io._files import InputFileError, discard_stdout, read_caseload, read_local_variant
from .io._json import MAX_CASES, MAX_EVENTS_PER_CASE
from .io._protocols import ALL_PROTOCOLS, read_protocol
from .io._schema import case_json_schema, caseload_json_schema
from .machines._justice import JUSTICE_PATHWAY
from .machines._lifecycle import LIFECYCLE
from .machines._registry import machine_registry
from .machines._render import to_markdown_table, to_mermaid
from .model._events import Caseload
from .protocols._document import ProtocolFileError
from .protocols._local import LocalVariant, Rulebook
from .protocols._rules import Protocol

__all__ = ["EXIT_CODES", "PRECEDENCE", "ExitCode", "main"]


class ExitCode(enum.IntEnum):
    """The exit codes of every ``cjp`` command (see the module docstring)."""

    #: The command did what was asked.
    CLEAN = 0
    #: A ``--fail-on`` status is present in the results.
    FAIL_ON = 1
    #: Bad input or usage, or a case refused during evaluation.
    BAD_INPUT = 2
    #: Output could not be written (broken pipe, full disk, I/O error).
    OUTPUT_FAILURE = 3
    #: An internal error (a bug), reported in one line without a traceback.
    INTERNAL = 4


#: Which code wins when several apply: earlier in this tuple is more important.
PRECEDENCE: tuple[ExitCode, ...] = (
    ExitCode.INTERNAL,
    ExitCode.BAD_INPUT,
    ExitCode.FAIL_ON,
    ExitCode.OUTPUT_FAILURE,
    ExitCode.CLEAN,
)

#: The exit-code table, as documented.
EXIT_CODES: dict[int, str] = {
    ExitCode.CLEAN: "clean",
    ExitCode.FAIL_ON: "a --fail-on status is present",
    ExitCode.BAD_INPUT: "bad input or usage (including a refused case)",
    ExitCode.OUTPUT_FAILURE: "output failure (broken pipe, full disk, I/O error)",
    ExitCode.INTERNAL: "internal error (a bug); no traceback",
}


def _worst(*codes: int) -> int:
    """The code that wins among ``codes`` (see :data:`PRECEDENCE`).

    >>> _worst(ExitCode.OUTPUT_FAILURE, ExitCode.FAIL_ON)
    <ExitCode.FAIL_ON: 1>
    >>> _worst(0, 0)
    <ExitCode.CLEAN: 0>
    """
    return min((ExitCode(c) for c in codes), key=PRECEDENCE.index)


#: The date ``make demo`` evaluates the bundled example on, so the demo is reproducible.
DEMO_AS_OF = date(2026, 11, 25)
_PROGRESS_THRESHOLD = 1000


class _UsageError(Exception):
    pass


class _ProtocolFilesError(Exception):
    """Protocol files that cannot be used: one ``FILE: message @ $.path`` per problem."""

    def __init__(self, lines: Sequence[str]) -> None:
        super().__init__(len(lines))
        self.lines = tuple(lines)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text) if len(text) == 10 else date.fromisoformat("x")
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _whole_number(text: str) -> int:
    if not text.isdigit() or len(text) > 18:
        raise argparse.ArgumentTypeError(f"not a whole number: {text[:20]!r}")
    return int(text)


def _parser() -> _Parser:
    parser = _Parser(prog="cjp", description="Salford care-leaver / justice protocols.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def protocol_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--protocol", choices=sorted(ALL_PROTOCOLS), action="append",
                       help="a bundled protocol to use (repeatable)")  # fmt: skip
        p.add_argument("--protocol-file", type=Path, action="append", metavar="FILE",
                       help="use the protocol in this .toml or .json file (repeatable); "
                            "then bundled ones only with --protocol")  # fmt: skip

    def caseload_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD",
                       help="date to evaluate on (default: today)")  # fmt: skip
        p.add_argument("--local", type=Path, metavar="LOCAL.json",
                       help="a council's local variant (timescales, closures...)")  # fmt: skip
        p.add_argument("--max-bytes", type=_whole_number, default=MAX_DOCUMENT_BYTES,
                       metavar="N", help="refuse a caseload file over N bytes "
                                         f"(default {MAX_DOCUMENT_BYTES})")  # fmt: skip
        p.add_argument("--max-cases", type=_whole_number, default=MAX_CASES, metavar="N",
                       help=f"refuse more than N cases (default {MAX_CASES})")  # fmt: skip
        p.add_argument("--max-events", type=_whole_number, default=MAX_EVENTS_PER_CASE,
                       metavar="N", help="refuse a case of more than N events "
                                         f"(default {MAX_EVENTS_PER_CASE})")  # fmt: skip
        protocol_args(p)

    check = sub.add_parser("check", help="evaluate every obligation of a caseload")
    check.add_argument("caseload", nargs="?", type=Path, help="caseload JSON (default: example)")
    caseload_args(check)
    check.add_argument("--format", choices=("table", "json", "csv"), default="table")
    check.add_argument("--fail-on", choices=[s.value for s in Status], action="append",
                       default=[], help="exit 1 if any result has this status")  # fmt: skip
    check.add_argument("--status", choices=[s.value for s in Status], action="append",
                       help="show only results with this status (repeatable)")  # fmt: skip

    explain = sub.add_parser("explain", help="everything about one case")
    explain.add_argument("case_id")
    explain.add_argument("caseload", nargs="?", type=Path)
    caseload_args(explain)

    dl = sub.add_parser("deadlines", help="protocol deadlines that follow an allocation date")
    dl.add_argument("--allocated", type=_iso_date, action="append", required=True,
                    metavar="YYYY-MM-DD", help="allocation date (repeatable)")  # fmt: skip
    dl.add_argument("--local", type=Path, metavar="LOCAL.json")
    protocol_args(dl)

    machines = sub.add_parser("machines", help="the protocols' state machines")
    form = machines.add_mutually_exclusive_group()
    form.add_argument("--mermaid", action="store_true", help="Mermaid diagrams (default)")
    form.add_argument("--table", action="store_true", help="Markdown transition tables")
    protocol_args(machines)

    schema = sub.add_parser("schema", help="JSON Schema of the caseload document")
    which = schema.add_mutually_exclusive_group()
    which.add_argument("--case", action="store_true", help="schema of a single case instead")
    which.add_argument("--protocol", action="store_true",
                       help="schema of the protocol document format instead")  # fmt: skip

    protocol = sub.add_parser("protocol", help="protocol files")
    actions = protocol.add_subparsers(dest="action", required=True, parser_class=_Parser)
    lint = actions.add_parser("lint", help="check protocol files; evaluate nothing")
    lint.add_argument("files", nargs="+", type=Path, metavar="FILE",
                      help="a protocol file (.toml or .json)")  # fmt: skip
    return parser


# --------------------------------------------------------------------------- inputs


def _caseload(args: argparse.Namespace, protocols: Sequence[Protocol]) -> Caseload:
    """The caseload named (default: the bundled example, Salford's).

    With ``--protocol-file``, a caseload file is read for the protocols used: its terms must
    be theirs, and the event types their files declare are read.
    """
    if args.caseload is None:
        return example_caseload()
    return read_caseload(
        args.caseload,
        protocols=protocols if args.protocol_file else None,
        max_bytes=args.max_bytes,
        max_cases=args.max_cases,
        max_events=args.max_events,
    )


def _rulebook(args: argparse.Namespace, protocols: Sequence[Protocol]) -> Rulebook:
    """The protocols with the ``--local`` variant applied, and its calendar: one value."""
    local = (
        LocalVariant()
        if args.local is None
        else read_local_variant(args.local, protocols=protocols)
    )
    return local.applied_to(protocols)


#: How messages name a bundled protocol (where a file's name would be).
_BUNDLED = "bundled protocol "


def _load_files(paths: Sequence[Path]) -> tuple[list[tuple[str, Protocol]], list[str]]:
    """The protocols in ``paths`` that load, and one line per problem of the others."""
    loaded: list[tuple[str, Protocol]] = []
    problems: list[str] = []
    for path in paths:
        name = str(path)
        try:
            loaded.append((name, read_protocol(path)))
        except ProtocolFileError as error:
            problems.extend(f"{name}: {line}" for line in error.errors)
        except InputFileError as error:
            problems.append(f"{name}: {error}")
    return loaded, problems


def _together(named: Sequence[tuple[str, Protocol]]) -> tuple[list[str], set[str]]:
    """One line per clash between protocols used together (in the later one's file), and
    the names of every file involved in one."""
    from .protocols._together import protocol_clashes  # only when a file is named

    problems: list[str] = []
    involved: set[str] = set()
    for c in protocol_clashes([p for _, p in named]):
        (name, later), (other, earlier) = named[c.protocol], named[c.other]
        message, _, path = c.problem.rpartition(" @ ")
        if later.id == earlier.id or not other.startswith(_BUNDLED):
            message += f" ({other})"  # the message names the other protocol by id only
        problems.append(f"{name}: {message} @ {path}")
        involved |= {named[c.protocol][0], named[c.other][0]}
    if not problems:
        try:
            machine_registry(protocol_machines([p for _, p in named]))
        except InvalidArgumentError as error:
            problems.append(f"{named[-1][0]}: {error}")
            involved.add(named[-1][0])
    return problems, involved


def _protocols(args: argparse.Namespace) -> tuple[Protocol, ...]:
    """The protocols a command uses: see the module docstring (``--protocol-file``)."""
    files: Sequence[Path] = args.protocol_file or ()
    asked: Sequence[str] = args.protocol or ()
    ids = sorted(set(asked)) if asked or files else sorted(ALL_PROTOCOLS)
    bundled = [(f"{_BUNDLED}{i}", ALL_PROTOCOLS[i]) for i in ids]
    loaded, problems = _load_files(files)
    if problems:
        raise _ProtocolFilesError(problems)
    named = [*bundled, *loaded]
    if loaded:  # the bundled protocols agree with each other (tested)
        problems, _ = _together(named)
        if problems:
            raise _ProtocolFilesError(problems)
    return tuple(p for _, p in named)


def _report(args: argparse.Namespace, caseload: Caseload, rulebook: Rulebook) -> CaseloadReport:
    as_of = args.as_of or date.today()
    cases = caseload.cases
    show_progress = len(cases) >= _PROGRESS_THRESHOLD and sys.stderr.isatty()
    if show_progress:
        print(f"evaluating {len(cases):,} cases as of {as_of}...", file=sys.stderr, end="\r")
    report = evaluate_caseload(caseload, as_of, protocol=rulebook)
    if show_progress:
        print(" " * 60, file=sys.stderr, end="\r")
    return report


# --------------------------------------------------------------------------- outputs

#: The CSV columns: every field of a result, in declaration order, whether or not there
#: are any results (an empty caseload gets the same header as a full one).
_COLUMNS: tuple[str, ...] = tuple(a.name for a in attrs.fields(ObligationResult))


def _row(r: ObligationResult) -> dict[str, Any]:
    return r.to_dict()


def _print_table(results: Sequence[ObligationResult], report: CaseloadReport) -> None:
    t = terminal_text
    rows = [
        (t(r.case_id or "(partnership)"), t(r.obligation), r.status.value,
         r.due.isoformat() if r.due else "-", t(r.explanation))
        for r in results
    ]  # fmt: skip
    headers = ("case", "obligation", "status", "due", "explanation")
    widths = [max([len(headers[i])] + [len(row[i]) for row in rows]) for i in range(4)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers[:4], widths, strict=True))
    print(f"{line}  {headers[4]}")
    print("  ".join("-" * w for w in widths) + "  " + "-" * 11)
    for row in rows:
        cells = "  ".join(c.ljust(w) for c, w in zip(row[:4], widths, strict=True))
        print(f"{cells}  {row[4]}")
    counts = report.counts()
    summary = ", ".join(f"{counts[s]} {s.value}" for s in Status)
    print(f"\n{len(results)} results as of {report.as_of.isoformat()}: {summary}")


#: How many rows or results the CSV and JSON writers hold before writing them out.
_CHUNK = 2000


def _print_csv(results: Sequence[ObligationResult]) -> None:
    """The results as CSV, written a chunk at a time (never all of it in memory)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for start in range(0, len(results), _CHUNK):
        for r in results[start : start + _CHUNK]:
            writer.writerow({k: csv_cell(v) for k, v in _row(r).items()})
        sys.stdout.write(buf.getvalue())
        buf.seek(0)
        buf.truncate()
    sys.stdout.write(buf.getvalue())


def _print_json(report: CaseloadReport, results: Sequence[ObligationResult]) -> None:
    """The report as JSON (``as_of``, ``counts``, ``results``, ``refused``): the text
    ``json.dump(..., indent=2)`` gives, written a chunk at a time.

    The results are flat records (strings, numbers, ``null``), so each is written by the
    fast encoder with the separators the indented form uses.
    """
    counts = {s.value: n for s, n in report.counts().items()}
    head = json.dumps({"as_of": report.as_of.isoformat(), "counts": counts}, indent=2)
    sys.stdout.write(head[:-2])  # without the closing "\n}"
    if not results:
        sys.stdout.write(',\n  "results": []' + _refused_json(report) + "\n}\n")
        return
    sys.stdout.write(',\n  "results": [\n')
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",\n      ", ": ")).encode
    for start in range(0, len(results), _CHUNK):
        chunk = results[start : start + _CHUNK]
        sys.stdout.write(
            ",\n".join("    {\n      " + encode(_row(r))[1:-1] + "\n    }" for r in chunk)
        )
        if start + _CHUNK < len(results):
            sys.stdout.write(",\n")
    sys.stdout.write("\n  ]" + _refused_json(report) + "\n}\n")


def _refused_json(report: CaseloadReport) -> str:
    """The ``"refused"`` member of the JSON report (the cases that were not evaluated)."""
    refused = json.dumps([r.to_dict() for r in report.refused], indent=2, ensure_ascii=False)
    return ',\n  "refused": ' + refused.replace("\n", "\n  ")


def _say_refused(args: argparse.Namespace, report: CaseloadReport) -> None:
    """One line on stderr per case the evaluation refused; the exit code will say 2."""
    for refused in report.refused:
        _say(f"cjp: refused: {refused.line()}")
    if report.refused:
        args.refused = ExitCode.BAD_INPUT


def _cmd_check(args: argparse.Namespace) -> int:
    protocols = _protocols(args)
    report = _report(args, _caseload(args, protocols), _rulebook(args, protocols))
    results = report.results
    if args.status:
        results = report.with_status(*args.status)
    failing = {Status(s) for s in args.fail_on}
    # decided before any output, so a closed pipe cannot hide it
    args.verdict = (
        ExitCode.FAIL_ON
        if failing and any(r.status in failing for r in report.results)
        else ExitCode.CLEAN
    )
    _say_refused(args, report)
    if args.format == "json":
        _print_json(report, results)
    elif args.format == "csv":
        _print_csv(results)
    else:
        _print_table(results, report)
    return int(args.verdict)


def _cmd_explain(args: argparse.Namespace) -> int:
    protocols = _protocols(args)
    caseload = _caseload(args, protocols)
    case = caseload.case(args.case_id)
    single = Caseload(cases=(case,))
    rulebook = _rulebook(args, protocols)
    report = _report(args, single, rulebook)
    if report.refused:  # paths in the file named: the case's own index, not 0
        where = f"$.cases[{caseload.cases.index(case)}]"
        refused = tuple(
            attrs.evolve(r, path=r.path.replace("$.cases[0]", where, 1)) for r in report.refused
        )
        _say_refused(args, attrs.evolve(report, refused=refused))
        return ExitCode.BAD_INPUT
    as_of = report.as_of
    yp = case.young_person
    t = terminal_text
    print(f"case {t(case.case_id)} (young person {t(yp.id)}, {yp.care_status}, ICTA: "
          f"{'yes' if yp.has_icta else 'no'}) as of {as_of.isoformat()}")  # fmt: skip
    for title, machine in (("lifecycle", LIFECYCLE), ("justice pathway", JUSTICE_PATHWAY)):
        replay = machine.replay(case.events, strict=False, until=as_of)
        since = f" since {replay.since.isoformat()}" if replay.since else ""
        extra = f" ({len(replay.anomalies)} out-of-order events)" if replay.anomalies else ""
        print(f"  {title}: {replay.state}{since}{extra}")
    for line in _escalations(case.events, as_of, rulebook):
        print(f"  {t(line)}")
    print()
    for r in report.for_case(case.case_id):
        if r.status is Status.NOT_APPLICABLE:
            continue
        print(f"[{r.status.value}] {t(r.obligation)} ({t(r.clause)})")
        print(f"    {t(r.explanation)}")
        if r.policy:
            print(f"    policy: {t(r.policy)}")
    skipped = sum(1 for r in report.for_case(case.case_id) if r.status is Status.NOT_APPLICABLE)
    print(f"\n{skipped} obligations not applicable to this case.")
    return 0


def _escalations(events: Sequence[Any], as_of: date, rulebook: Rulebook) -> list[str]:
    """Where the case's disagreements and complaints stand, one line each."""
    try:
        ladders = ladder_status(events, as_of, protocol=rulebook)
    except InvalidArgumentError as error:
        return [f"disagreements: {error}"]
    lines = [
        f"disagreement {s.disagreement_id or '(no id)'} ({s.ladder}): {s.explanation}"
        for s in ladders
    ]
    lines += [
        f"complaint of {c.made_on.isoformat()}: {c.procedure}"
        + (f" ({c.clause})" if c.clause else "")
        + f"; {c.timescale}"
        for c in complaint_status(events, as_of, protocol=rulebook)
    ]
    return lines


def _cmd_deadlines(args: argparse.Namespace) -> int:
    rulebook = _rulebook(args, _protocols(args))
    calendar = rulebook.calendar
    print(f"calendar: {calendar.describe()}")
    for protocol in rulebook.protocols:
        timed = [
            o
            for o in protocol.obligations
            if o.trigger.type == "allocated"
            and isinstance(
                o.deadline.shape if isinstance(o.deadline, LocalTimescale) else o.deadline,
                WorkingDaysAfter | CalendarDaysAfter | MonthsAfter,
            )
        ]
        if not timed:
            print(f"{protocol.id}: no obligation triggered by an allocation has a working-days, "
                  "calendar-days or months timescale")  # fmt: skip
        for o in timed:
            print(f"{o.clause} - {o.summary} ({o.id}; {o.deadline.describe('allocation')})")
            for allocated in args.allocated:
                due = o.deadline.due(allocated, calendar)
                assert due is not None  # working days and months always give a date
                line = f"  allocated {allocated:%a %d %b %Y} -> due by {due:%a %d %b %Y}"
                inner = o.deadline.shape if isinstance(o.deadline, LocalTimescale) else o.deadline
                skipped = (
                    calendar.closures_between(allocated, due)
                    if isinstance(inner, WorkingDaysAfter)
                    else ()
                )
                note = "; ".join(f"{d.isoformat()} {name}" for d, name in skipped)
                print(line + (f"  (skips {note})" if note else ""))
    return 0


def _cmd_machines(args: argparse.Namespace) -> int:
    registry = machine_registry(protocol_machines(_protocols(args)))
    for m in registry.values():
        print(f"## {m.name}\n")
        if args.table:
            print(to_markdown_table(m))
        else:
            print("```mermaid")
            print(to_mermaid(m).rstrip("\n"))
            print("```")
        print()
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    if args.protocol:
        from .io._protocol_schema import protocol_json_schema  # only for this command

        schema = protocol_json_schema()
    else:
        schema = case_json_schema() if args.case else caseload_json_schema()
    json.dump(schema, sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _summary(name: str, p: Protocol) -> str:
    versions = ", ".join(v.id for v in p.versions)
    return (
        f"{name}: ok: protocol {p.id}, {_count(len(p.versions), 'version')} ({versions}), "
        f"{_count(len(p.obligations), 'obligation')}, "
        f"{_count(len(p.periodic), 'partnership obligation')}, "
        f"{_count(len(p.ladders), 'ladder')}, {_count(len(p.complaints), 'complaint route')}"
    )


def _cmd_protocol(args: argparse.Namespace) -> int:
    loaded, problems = _load_files(args.files)
    failed = {line.split(": ", 1)[0] for line in problems}
    if loaded:
        clashes, involved = _together(loaded)
        problems += clashes
        failed |= involved
    for name, p in loaded:
        if name not in failed:
            print(_summary(name, p))
    if problems:
        raise _ProtocolFilesError(problems)
    return 0


_COMMANDS = {
    "check": _cmd_check,
    "explain": _cmd_explain,
    "deadlines": _cmd_deadlines,
    "machines": _cmd_machines,
    "schema": _cmd_schema,
    "protocol": _cmd_protocol,
}


def _configure_streams() -> None:
    """Write what the terminal's encoding cannot show as backslash escapes, never fail."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a closed or odd stream
                reconfigure(errors="backslashreplace")


def _say(line: str) -> None:
    """One line on stderr, neutralised; a closed stderr is ignored."""
    with contextlib.suppress(OSError, ValueError):
        print(terminal_text(line, double_backslash=False), file=sys.stderr)


def _silence_stdout() -> None:
    """After an output failure: drop what is still buffered, so exit does not fail again."""
    discard_stdout()


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    _say(f"cjp: warning: {message}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (see :data:`EXIT_CODES`)."""
    _configure_streams()
    args: argparse.Namespace | None = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", CareJusticeWarning)
            warnings.showwarning = _show_warning
            args = _parser().parse_args(argv)
            code = _COMMANDS[args.command](args)
            sys.stdout.flush()
        return _worst(code, getattr(args, "refused", 0))
    except (_UsageError, InputFileError) as exc:
        _say(f"cjp: error: {exc}")
        return ExitCode.BAD_INPUT
    except _ProtocolFilesError as exc:
        try:
            sys.stdout.flush()
        except OSError:
            _silence_stdout()
        for line in exc.lines:
            _say(" ".join(line.split()))
        return ExitCode.BAD_INPUT
    except CareJusticeError as exc:
        lines = str(exc).splitlines()
        detail = (
            f" ({lines[1].strip()[2:]}{', ...' if len(lines) > 2 else ''})"
            if len(lines) > 1
            else ""
        )
        _say(f"cjp: error: {lines[0]}{detail}")
        return ExitCode.BAD_INPUT
    except BrokenPipeError:  # e.g. `cjp check | head`: the reader had enough; say nothing
        _silence_stdout()
        return _worst(ExitCode.OUTPUT_FAILURE, getattr(args, "verdict", 0))
    except OSError as exc:  # a full disk, an I/O error: stdout could not be written
        _silence_stdout()
        _say(f"cjp: error: cannot write the output: {exc.strerror or type(exc).__name__}")
        return _worst(ExitCode.OUTPUT_FAILURE, getattr(args, "verdict", 0))
    except Exception as exc:  # a bug: one line, no traceback (it may quote a child's data)
        _say(f"cjp: internal error: {type(exc).__name__} (a bug: please report it)")
        return ExitCode.INTERNAL
