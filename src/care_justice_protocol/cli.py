"""The ``cjp`` command (also ``python -m care_justice_protocol``).

Sub-commands::

    cjp check [CASELOAD.json] [--as-of D] [--format table|json|csv] [--fail-on overdue]
    cjp explain CASE_ID [CASELOAD.json] [--as-of D]
    cjp deadlines --allocated D [--allocated D ...]
    cjp machines [--mermaid | --table]
    cjp schema [--case]

Without a file, ``check`` and ``explain`` use the bundled example caseload. ``--local``
loads a council's local variant (timescales, closures, period policies, contacts).

Exit codes: 0 success; 1 with ``--fail-on`` when a result has that status; 2 for bad
input, a bad path or bad usage, with a one-line message on stderr and no traceback.
The command never writes to its input.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import attrs

from ._errors import CareJusticeError
from .calendar._deadlines import WorkingDaysAfter
from .compliance._partnership import evaluate_caseload
from .compliance._results import CaseloadReport, ObligationResult, Status
from .io._bundled import example_caseload
from .io._files import InputFileError, read_caseload, read_local_variant
from .io._protocols import ALL_PROTOCOLS, BUNDLED_PROTOCOLS
from .io._schema import case_json_schema, caseload_json_schema
from .machines._justice import JUSTICE_PATHWAY
from .machines._lifecycle import LIFECYCLE
from .machines._registry import MACHINES
from .machines._render import to_markdown_table, to_mermaid
from .model._events import Caseload
from .protocols._local import LocalVariant

__all__ = ["main"]

#: The date ``make demo`` evaluates the bundled example on, so the demo is reproducible.
DEMO_AS_OF = date(2026, 11, 25)
_PROGRESS_THRESHOLD = 1000


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text) if len(text) == 10 else date.fromisoformat("x")
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _parser() -> _Parser:
    parser = _Parser(prog="cjp", description="Salford care-leaver / justice protocols.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def caseload_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD",
                       help="date to evaluate on (default: today)")  # fmt: skip
        p.add_argument("--local", type=Path, metavar="LOCAL.json",
                       help="a council's local variant (timescales, closures...)")  # fmt: skip
        p.add_argument("--protocol", choices=sorted(ALL_PROTOCOLS), action="append",
                       help="evaluate only this protocol (repeatable)")  # fmt: skip

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

    machines = sub.add_parser("machines", help="the protocols' state machines")
    form = machines.add_mutually_exclusive_group()
    form.add_argument("--mermaid", action="store_true", help="Mermaid diagrams (default)")
    form.add_argument("--table", action="store_true", help="Markdown transition tables")

    schema = sub.add_parser("schema", help="JSON Schema of the caseload document")
    schema.add_argument("--case", action="store_true", help="schema of a single case instead")
    return parser


# --------------------------------------------------------------------------- inputs


def _caseload(path: Path | None) -> Caseload:
    if path is None:
        return example_caseload()
    return read_caseload(path)


def _local(path: Path | None) -> LocalVariant:
    if path is None:
        return LocalVariant()
    return read_local_variant(path, protocols=BUNDLED_PROTOCOLS)


def _report(args: argparse.Namespace, caseload: Caseload) -> CaseloadReport:
    local = _local(args.local)
    protocols = [ALL_PROTOCOLS[p] for p in (args.protocol or sorted(ALL_PROTOCOLS))]
    as_of = args.as_of or date.today()
    cases = caseload.cases
    show_progress = len(cases) >= _PROGRESS_THRESHOLD and sys.stderr.isatty()
    if show_progress:
        print(f"evaluating {len(cases):,} cases as of {as_of}...", file=sys.stderr, end="\r")
    report = evaluate_caseload(
        caseload, as_of, protocol=[local.apply(p) for p in protocols], calendar=local.calendar()
    )
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
    rows = [
        (r.case_id or "(partnership)", r.obligation, r.status.value,
         r.due.isoformat() if r.due else "-", r.explanation)
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


def _print_csv(results: Sequence[ObligationResult]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for r in results:
        writer.writerow(_row(r))
    sys.stdout.write(buf.getvalue())


def _cmd_check(args: argparse.Namespace) -> int:
    report = _report(args, _caseload(args.caseload))
    results = report.results
    if args.status:
        results = report.with_status(*args.status)
    if args.format == "json":
        counts = {s.value: n for s, n in report.counts().items()}
        doc = {"as_of": report.as_of.isoformat(), "counts": counts,
               "results": [_row(r) for r in results]}  # fmt: skip
        json.dump(doc, sys.stdout, indent=2, ensure_ascii=False)
        print()
    elif args.format == "csv":
        _print_csv(results)
    else:
        _print_table(results, report)
    failing = {Status(s) for s in args.fail_on}
    if failing and any(r.status in failing for r in report.results):
        return 1
    return 0


def _cmd_explain(args: argparse.Namespace) -> int:
    caseload = _caseload(args.caseload)
    case = caseload.case(args.case_id)
    single = Caseload(cases=(case,))
    report = _report(args, single)
    as_of = report.as_of
    yp = case.young_person
    print(f"case {case.case_id} (young person {yp.id}, {yp.care_status}, ICTA: "
          f"{'yes' if yp.has_icta else 'no'}) as of {as_of.isoformat()}")  # fmt: skip
    for title, machine in (("lifecycle", LIFECYCLE), ("justice pathway", JUSTICE_PATHWAY)):
        replay = machine.replay(case.events, strict=False, until=as_of)
        since = f" since {replay.since.isoformat()}" if replay.since else ""
        extra = f" ({len(replay.anomalies)} out-of-order events)" if replay.anomalies else ""
        print(f"  {title}: {replay.state}{since}{extra}")
    print()
    for r in report.for_case(case.case_id):
        if r.status is Status.NOT_APPLICABLE:
            continue
        print(f"[{r.status.value}] {r.obligation} ({r.clause})")
        print(f"    {r.explanation}")
        if r.policy:
            print(f"    policy: {r.policy}")
    skipped = sum(1 for r in report.for_case(case.case_id) if r.status is Status.NOT_APPLICABLE)
    print(f"\n{skipped} obligations not applicable to this case.")
    return 0


def _cmd_deadlines(args: argparse.Namespace) -> int:
    calendar = _local(args.local).calendar()
    rule = WorkingDaysAfter(15)
    print("3.14.12 §2 - case workers meet within 15 working days of allocation")
    print(f"calendar: {calendar.describe()}")
    for allocated in args.allocated:
        deadline = rule.deadline(allocated, calendar, clause="3.14.12 §2",
                                 trigger_name="allocation")  # fmt: skip
        skipped = calendar.closures_between(allocated, deadline.due)
        note = "; ".join(f"{d.isoformat()} {name}" for d, name in skipped)
        line = f"  allocated {allocated:%a %d %b %Y} -> meet by {deadline.due:%a %d %b %Y}"
        print(line + (f"  (skips {note})" if note else ""))
    return 0


def _cmd_machines(args: argparse.Namespace) -> int:
    for m in MACHINES.values():
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
    schema = case_json_schema() if args.case else caseload_json_schema()
    json.dump(schema, sys.stdout, indent=2)
    print()
    return 0


_COMMANDS = {
    "check": _cmd_check,
    "explain": _cmd_explain,
    "deadlines": _cmd_deadlines,
    "machines": _cmd_machines,
    "schema": _cmd_schema,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    try:
        args = _parser().parse_args(argv)
        return _COMMANDS[args.command](args)
    except (_UsageError, InputFileError) as exc:
        print(f"cjp: error: {exc}", file=sys.stderr)
        return 2
    except CareJusticeError as exc:
        lines = str(exc).splitlines()
        detail = (
            f" ({lines[1].strip()[2:]}{', ...' if len(lines) > 2 else ''})"
            if len(lines) > 1
            else ""
        )
        print(f"cjp: error: {lines[0]}{detail}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `cjp check | head`
        sys.stderr.close()
        return 0
