"""The ``cjp`` command.

Exit codes: 0 success; 2 bad input or usage, with a one-line message and no traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date

from ._calendar import WorkingCalendar
from ._deadlines import WorkingDaysAfter
from ._errors import CareJusticeError

__all__ = ["main"]

_DEMO_ALLOCATIONS = ("2026-11-23", "2026-12-18", "2026-12-19", "2020-04-30", "2022-09-09")


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]  # raise, don't exit
        raise _UsageError(message)


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _parser() -> _Parser:
    parser = _Parser(prog="cjp", description="Salford care-leaver / justice protocols.")
    sub = parser.add_subparsers(dest="command", required=True)
    dl = sub.add_parser("deadlines", help="protocol deadlines that follow an allocation date")
    dl.add_argument(
        "--allocated",
        type=_iso_date,
        action="append",
        required=True,
        metavar="YYYY-MM-DD",
        help="allocation date (repeatable)",
    )
    sub.add_parser("demo", help="print deadlines for a few example allocation dates")
    return parser


def _print_deadlines(allocations: Sequence[date], calendar: WorkingCalendar) -> None:
    rule = WorkingDaysAfter(15)
    print("3.14.12 §2 - case workers meet within 15 working days of allocation")
    print(f"calendar: {calendar.describe()}")
    for allocated in allocations:
        deadline = rule.deadline(
            allocated, calendar, clause="3.14.12 §2", trigger_name="allocation"
        )
        skipped = calendar.closures_between(allocated, deadline.due)
        note = "; ".join(f"{d.isoformat()} {name}" for d, name in skipped)
        line = f"  allocated {allocated:%a %d %b %Y} -> meet by {deadline.due:%a %d %b %Y}"
        print(line + (f"  (skips {note})" if note else ""))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    try:
        args = _parser().parse_args(argv)
        calendar = WorkingCalendar.england()
        if args.command == "deadlines":
            _print_deadlines(args.allocated, calendar)
        else:
            _print_deadlines([date.fromisoformat(d) for d in _DEMO_ALLOCATIONS], calendar)
    except _UsageError as exc:
        print(f"cjp: error: {exc}", file=sys.stderr)
        return 2
    except CareJusticeError as exc:
        print(f"cjp: error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    return 0
