"""The ``cjp`` command (also ``python -m care_justice_protocol``).

Sub-commands::

    cjp check [CASELOAD.json] [--as-of D] [--format table|json|csv] [--fail-on overdue]
              [--due-within N] [--cases] [--all] [--status S] [--quiet]
    cjp report [CASELOAD.json] --as-of D [--period 2026Q4] --output FILE.html
    cjp explain CASE_ID [CASELOAD.json] [--as-of D]
    cjp deadlines --allocated D [--allocated D ...]
    cjp machines [--mermaid | --table]
    cjp schema [--case | --protocol | --results | --local-variant]
    cjp protocol lint FILE [FILE ...]
    cjp care-leavers SOURCE --as-of D [--format table|json|csv]
                     [--show statuses|reviews|population|skeleton]
                     [--teams FILE] [--extracted-on D] [--held-from D] [--schema NAME]

Without a file, ``check``, ``report`` and ``explain`` use the bundled example caseload.

On a terminal, ``check`` opens with a first screen (counts by status, what is overdue,
what falls due within ``--due-within`` working days, one line per case with something to
do), laid out to the terminal's width, coloured unless ``NO_COLOR`` is set; ``--all`` gives
every result as a table. ``--format json`` and ``--format csv`` are for programs and do not
change. ``report`` writes the pack for the quarterly management meeting as one
self-contained HTML file. Long loads and evaluations show a live count on stderr when it is
a terminal (not with ``--quiet``). ``--local``
loads a council's local variant (timescales, closures, period policies, contacts).

Which protocols: ``check``, ``explain``, ``deadlines`` and ``machines`` use the default set
of bundled protocols (Salford's 3.14.12 and 3.14.13). The national transitions protocol is
bundled too and used only when named: ``--protocol 3.14.12 --protocol 3.14.13 --protocol
transitions-2021`` (a caseload file is then read for its event types as well).
``--protocol-file FILE`` (repeatable) loads a
protocol file (``.toml`` or ``.json``) instead: with it, only the named files are used,
unless bundled protocols are also asked for with ``--protocol ID`` (repeatable; alone, it
narrows the bundled ones). Two protocols with the same id, or whose vocabularies clash,
cannot be used together. With ``--protocol-file``, a caseload file is read for the
protocols used: its services, roles, documents and meeting kinds must be theirs, and the
event types their files declare are read.

``care-leavers`` reads an SSDA903 return (SOURCE: a directory of collection-year
directories, ``2024-25/``, of the return's CSV files) and shows every young person's
statutory care-leaver status on the date, with its reason and citation, or "history
incomplete" and what is missing, and where the OC3 table disagrees with the law; or
(``--show``) the looked-after reviews against CPPCR reg 33, the protocol population, or a
caseload skeleton (JSON caseload document, whatever ``--format``). A return with problems
gives one line per problem on stderr (``FILE row N, column C: message``), exit 2. SOURCE
may also be the URL of a Standard Safeguarding Dataset database (``sqlite:///FILE``,
``postgresql://USER@HOST/DB``; the ``ssd`` extra), read read-only: the same statuses, plus
where the recorded ``clea_care_leaver_eligibility`` disagrees with the law, recorded review
due dates against reg 33, pathway-plan review due dates and the services allocated
(``--teams``: the mapping file). A database with problems gives one line per problem
(``TABLE KEY, column C: message``), exit 2; an unreachable one, one line with the URL's
password masked, exit 2.

``protocol lint`` checks protocol files without evaluating anything: one summary line per
good file on stdout (its id, versions and number of obligations), and the files named
together are also checked against each other (no shared id, no vocabulary clash).

Exit codes (the same table for every command; see
[`EXIT_CODES`][care_justice_protocol.cli.EXIT_CODES])::

    0  clean: the command did what was asked
    1  a --fail-on status is present in the results (check); findings but no
       format errors (validate)
    2  bad input or usage: a caseload, local variant or protocol file that is refused,
       a bad path, bad arguments, or a case refused during evaluation (the other cases
       are still evaluated and shown)
    3  output failure: stdout could not be written (a closed pipe such as ``| head``, a
       full disk, an I/O error), or the ``report --output`` file could not be written
    4  internal error (a bug): one line on stderr naming the exception type, no traceback

When several apply, the most important wins: 2, then 1, then 3, then 0. So a ``--fail-on``
match is never hidden by a broken pipe: ``cjp check --fail-on overdue | head -1`` exits 1.
A usage error is one line on stderr (``cjp: error: ...``). A caseload or local variant that
is refused gives a line naming it and counting its problems, then one line per problem
(``  - message @ $.path``); a protocol file with problems (a syntax error, an unknown
reference, a duplicate id, missing parts, a vocabulary clash, an unreadable file) gives one
line per problem on stderr, each ``FILE:LINE: message @ $.path`` (the line of the TOML text
where the key is written; a syntax error gives its line and column instead of a path; a
JSON file gives no line). Every such list, and the warnings loading gives
(``cjp: warning: ...``), shows at most 50 lines (``MAX_PROBLEMS``), then one line counting
the others (``and 276 more problems, not listed``).
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
import os
import re
import shutil
import sys
import time
import warnings
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

import attrs

from ._errors import CareJusticeError, CareJusticeWarning, InvalidArgumentError, ValidationError
from ._strict_json import MAX_DOCUMENT_BYTES, MAX_PROBLEMS
from ._terminal import MIN_WIDTH, Style, first_screen, full_table
from ._text import csv_cell, terminal_text
from ._version import __version__
from .calendar._deadlines import CalendarDaysAfter, LocalTimescale, MonthsAfter, WorkingDaysAfter
from .compliance._partnership import evaluate_caseload
from .compliance._results import CaseloadReport, ObligationResult, Status
from .io._bundled import example_caseload
from .io._crosscheck import CROSS_CHECK_CODES
from .io._files import (
    InputFileError,
    OutputFileError,
    discard_stdout,
    read_caseload,
    read_local_variant,
    write_text_file,
)
from .io._json import MAX_CASES, MAX_EVENTS_PER_CASE
from .io._protocols import ALL_PROTOCOLS, BUNDLED_PROTOCOLS, protocol_file_line, read_protocol
from .model._entities import CareStatus
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
    ExitCode.FAIL_ON: "a --fail-on status is present (check); findings but no errors (validate)",
    ExitCode.BAD_INPUT: "bad input or usage (including a refused case)",
    ExitCode.OUTPUT_FAILURE: "output failure (broken pipe, full disk, I/O error)",
    ExitCode.INTERNAL: "internal error (a bug); no traceback",
}


def _worst(*codes: int) -> int:
    """The code that wins among ``codes`` (see
    [`PRECEDENCE`][care_justice_protocol.cli.PRECEDENCE]).

    >>> _worst(ExitCode.OUTPUT_FAILURE, ExitCode.FAIL_ON)
    <ExitCode.FAIL_ON: 1>
    >>> _worst(0, 0)
    <ExitCode.CLEAN: 0>
    """
    return min((ExitCode(c) for c in codes), key=PRECEDENCE.index)


#: The date ``make demo`` evaluates the bundled example on, so the demo is reproducible.
DEMO_AS_OF = date(2026, 11, 25)
_PROGRESS_THRESHOLD = 1000


#: The line a loader's capped problem list ends with ("... and 12 more problems"): counted
#: by ``cjp``, never printed as a problem.
_COUNT_LINE = re.compile(r"^\.\.\. and ([0-9,]+) more")


def _bounded(items: Sequence[str], bound: int = MAX_PROBLEMS) -> tuple[list[str], int]:
    """The items to print (at most ``bound``) and how many there are in all: a loader's
    closing count line ("... and 12 more problems") is counted, not printed.

    Examples:
        >>> _bounded(["a", "b", "c"], bound=2)
        (['a', 'b'], 3)
        >>> _bounded(["a", "... and 9 more problems"])
        (['a'], 10)
    """
    shown = [p for p in items if not _COUNT_LINE.match(p)]
    total = len(shown) + sum(
        int(m.group(1).replace(",", "")) for p in items if (m := _COUNT_LINE.match(p))
    )
    return shown[:bound], total


def _not_listed(shown: int, total: int, noun: str) -> str | None:
    """The line after a capped list ("and 276 more problems, not listed"), or ``None``.

    Examples:
        >>> _not_listed(50, 326, "problem")
        'and 276 more problems, not listed'
        >>> _not_listed(3, 3, "problem") is None
        True
    """
    more = total - shown
    if more <= 0:
        return None
    return f"and {more:,} more {noun}{'' if more == 1 else 's'}, not listed"


class _UsageError(Exception):
    pass


class _ProtocolFilesError(Exception):
    """Protocol files that cannot be used: one ``FILE:LINE: message @ $.path`` per problem."""

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


def _count_arg(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 3650:
        raise argparse.ArgumentTypeError(f"not a number of working days (0 to 3650): {text!r}")
    return value


def _example(*lines: str) -> str:
    """The epilog of a sub-command's help: its example(s)."""
    return "example:\n" + "\n".join(f"  {line}" for line in lines)


def _whole_number(text: str) -> int:
    if not text.isdigit() or len(text) > 18:
        raise argparse.ArgumentTypeError(f"not a whole number: {text[:20]!r}")
    return int(text)


def _parser() -> _Parser:
    parser = _Parser(
        prog="cjp",
        description="Salford care-leaver / justice protocols: what is owed, by whom, by when.",
        epilog=_example("cjp check --as-of 2026-11-25"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"cjp {__version__}",
                        help="print the version and exit")  # fmt: skip
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser,
                                metavar="COMMAND")  # fmt: skip

    def command(name: str, summary: str, *examples: str) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, help=summary, description=summary[0].upper() + summary[1:] + ".",
            epilog=_example(*examples), formatter_class=argparse.RawDescriptionHelpFormatter,
        )  # fmt: skip

    def protocol_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--protocol", choices=sorted(ALL_PROTOCOLS), action="append",
                       help="a bundled protocol to use (repeatable; default: "
                            f"{' and '.join(_DEFAULT_IDS)}, Salford's)")  # fmt: skip
        p.add_argument("--protocol-file", type=Path, action="append", metavar="FILE",
                       help="use the protocol in this .toml or .json file (repeatable); "
                            "then bundled ones only with --protocol")  # fmt: skip

    def caseload_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("--as-of", type=_iso_date, metavar="YYYY-MM-DD",
                       help="date to evaluate on (default: today)")  # fmt: skip
        p.add_argument("--local", type=Path, metavar="LOCAL.json",
                       help="a council's local variant (timescales, closures, period "
                            "policies, notes rotation, contacts)")  # fmt: skip
        p.add_argument("--max-bytes", type=_whole_number, default=MAX_DOCUMENT_BYTES,
                       metavar="N", help="refuse a caseload file over N bytes "
                                         f"(default {MAX_DOCUMENT_BYTES})")  # fmt: skip
        p.add_argument("--max-cases", type=_whole_number, default=MAX_CASES, metavar="N",
                       help=f"refuse more than N cases (default {MAX_CASES})")  # fmt: skip
        p.add_argument("--max-events", type=_whole_number, default=MAX_EVENTS_PER_CASE,
                       metavar="N", help="refuse a case of more than N events "
                                         f"(default {MAX_EVENTS_PER_CASE})")  # fmt: skip
        protocol_args(p)

    def quiet_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--quiet", "-q", action="store_true",
                       help="no progress display on stderr (shown on a terminal only)")  # fmt: skip

    check = command("check", "evaluate every obligation of a caseload",
                    "cjp check --as-of 2026-11-25 --due-within 5")  # fmt: skip
    check.add_argument("caseload", nargs="?", type=Path,
                       help="caseload JSON (default: the bundled example)")  # fmt: skip
    caseload_args(check)
    check.add_argument("--format", choices=("table", "json", "csv"), default="table",
                       help="table: the first screen for people (default); json, csv: "
                            "every result, for programs")  # fmt: skip
    check.add_argument("--fail-on", choices=[s.value for s in Status], action="append",
                       default=[], help="exit 1 if a result has this status (repeatable)",
                       )  # fmt: skip
    check.add_argument("--status", choices=[s.value for s in Status], action="append",
                       help="a table of the results with this status (repeatable)")  # fmt: skip
    check.add_argument("--due-within", type=_count_arg, default=10, metavar="N",
                       help="the first screen lists what falls due within N working days "
                            "(default: 10)")  # fmt: skip
    check.add_argument("--cases", action="store_true",
                       help="the first screen lists every case, not only those with "
                            "something overdue or due")  # fmt: skip
    check.add_argument("--limit", type=_count_arg, default=20, metavar="N",
                       help="the first screen lists at most N rows a section (default: 20; "
                            "0: no limit)")  # fmt: skip
    check.add_argument("--all", action="store_true",
                       help="every result as a table (not-applicable ones too), not the "
                            "first screen")  # fmt: skip
    check.add_argument("--color", "--colour", choices=("auto", "always", "never"),
                       default="auto", dest="color",
                       help="colour the table: auto (default) on a terminal unless NO_COLOR "
                            "is set, always, never")  # fmt: skip
    check.add_argument("--strict", action="store_true",
                       help="refuse the caseload (exit 2) for what loading would warn about: "
                            "cross-check findings, services outside their dates, "
                            "confusable identifiers")  # fmt: skip
    quiet_arg(check)

    validate = command(
        "validate", "check a caseload file: every format error, or once the format is "
        "right, every cross-check finding (at most 50 lines each, then a count)",
        "cjp validate export.json", "cjp validate export.json --format json",
    )  # fmt: skip
    validate.add_argument("caseload", type=Path, help="caseload JSON")
    validate.add_argument("--format", choices=("text", "json"), default="text",
                          help="text: one problem a line (default); json: a document "
                               "for programs")  # fmt: skip
    validate.add_argument("--max-bytes", type=_whole_number, default=MAX_DOCUMENT_BYTES,
                          metavar="N", help="refuse a caseload file over N bytes "
                                            f"(default {MAX_DOCUMENT_BYTES})")  # fmt: skip
    protocol_args(validate)

    report = command(
        "report", "write the pack for the quarterly management meeting (HTML)",
        "cjp report --as-of 2026-11-25 --period 2026Q4 --output pack.html",
    )  # fmt: skip
    report.add_argument("caseload", nargs="?", type=Path,
                        help="caseload JSON (default: the bundled example)")  # fmt: skip
    caseload_args(report)
    report.add_argument("--period", type=_quarter, metavar="YYYYQN",
                        help="the quarter the meeting reviews, e.g. 2026Q4 (default: the "
                             "quarter holding --as-of)")  # fmt: skip
    report.add_argument("--output", "-o", type=Path, required=True, metavar="FILE.html",
                        help="where to write the HTML file ('-': standard output)")  # fmt: skip
    report.add_argument("--due-within", type=_count_arg, default=10, metavar="N",
                        help="upcoming means due within N working days (default: 10)")  # fmt: skip
    report.add_argument("--qa-size", type=_count_arg, default=5, metavar="N",
                        help="how many joint cases the QA sample draws (default: 5)")  # fmt: skip
    report.add_argument("--qa-seed", type=int, metavar="SEED",
                        help="the QA sample's seed, printed in the report (default: the "
                             "period's year and quarter, e.g. 20264)")  # fmt: skip
    quiet_arg(report)

    explain = command("explain", "everything about one case",
                      "cjp explain C-0001 --as-of 2026-11-25")  # fmt: skip
    explain.add_argument("case_id", help="the case's id, e.g. C-0001")
    explain.add_argument("caseload", nargs="?", type=Path,
                         help="caseload JSON (default: the bundled example)")  # fmt: skip
    caseload_args(explain)

    dl = command("deadlines", "protocol deadlines that follow an allocation date",
                 "cjp deadlines --allocated 2026-12-18")  # fmt: skip
    dl.add_argument("--allocated", type=_iso_date, action="append", required=True,
                    metavar="YYYY-MM-DD", help="allocation date (repeatable)")  # fmt: skip
    dl.add_argument("--local", type=Path, metavar="LOCAL.json",
                    help="a council's local variant (its closures, timescales apply)")  # fmt: skip
    protocol_args(dl)

    machines = command("machines", "the protocols' state machines", "cjp machines --table")
    form = machines.add_mutually_exclusive_group()
    form.add_argument("--mermaid", action="store_true", help="Mermaid diagrams (default)")
    form.add_argument("--table", action="store_true", help="Markdown transition tables")
    protocol_args(machines)

    schema = command("schema", "JSON Schema of the caseload document",
                     "cjp schema --case > case.schema.json")  # fmt: skip
    which = schema.add_mutually_exclusive_group()
    which.add_argument("--case", action="store_true", help="schema of a single case instead")
    which.add_argument("--protocol", action="store_true",
                       help="schema of the protocol document format instead")  # fmt: skip
    which.add_argument("--results", action="store_true",
                       help="schema of the results document (cjp check --format json) "
                            "instead")  # fmt: skip
    which.add_argument("--local-variant", action="store_true",
                       help="schema of the local-variant document (--local FILE) "
                            "instead")  # fmt: skip

    leavers = command(
        "care-leavers", "statutory care-leaver statuses from an SSDA903 return",
        "cjp care-leavers examples/ssda903 --as-of 2026-03-01",
        "cjp care-leavers examples/ssda903 --as-of 2026-03-01 --show reviews --format csv",
        "cjp care-leavers sqlite:///examples/ssd/ssd.sqlite --as-of 2026-03-31 "
        "--extracted-on 2026-03-31 --teams examples/ssd/teams.toml",
    )  # fmt: skip
    leavers.add_argument("source", metavar="SOURCE",
                         help="directory of collection years (2024-25/) of CSV files, or "
                              "an SSD database URL (sqlite:///FILE, "
                              "postgresql://USER@HOST/DB)")  # fmt: skip
    leavers.add_argument("--as-of", type=_iso_date, required=True, metavar="YYYY-MM-DD",
                         help="the date asked about")  # fmt: skip
    leavers.add_argument("--format", choices=("table", "json", "csv"), default="table",
                         help="output format (default: table)")  # fmt: skip
    leavers.add_argument("--show", choices=("statuses", "reviews", "population", "skeleton"),
                         default="statuses", help="what to show (default: statuses)")  # fmt: skip
    leavers.add_argument("--teams", type=Path, metavar="FILE",
                         help="SSD: the mapping file of teams to services (TOML)")  # fmt: skip
    leavers.add_argument("--extracted-on", type=_iso_date, metavar="YYYY-MM-DD",
                         help="SSD: the day the extract was taken (default: the latest date "
                              "it records)")  # fmt: skip
    leavers.add_argument("--held-from", type=_iso_date, metavar="YYYY-MM-DD",
                         help="SSD: the first day it holds (default: 6 years before "
                              "--extracted-on)")  # fmt: skip
    leavers.add_argument("--schema", metavar="NAME",
                         help="SSD: the database schema of its tables (default: the "
                              "connection's)")  # fmt: skip

    protocol = command("protocol", "protocol files",
                       "cjp protocol lint tests/data/protocols/anytown.toml")  # fmt: skip
    actions = protocol.add_subparsers(dest="action", required=True, parser_class=_Parser,
                                      metavar="ACTION")  # fmt: skip
    lint = actions.add_parser(
        "lint", help="check protocol files; evaluate nothing",
        description="Check protocol files; evaluate nothing.",
        epilog=_example("cjp protocol lint tests/data/protocols/anytown.toml"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    lint.add_argument("files", nargs="+", type=Path, metavar="FILE",
                      help="a protocol file (.toml or .json)")  # fmt: skip
    return parser


def _quarter(text: str) -> tuple[int, int]:
    """``2026Q4`` or ``2026-Q4`` as (year, quarter)."""
    compact = text.upper().replace("-", "")
    year, q, quarter = compact[:4], compact[4:5], compact[5:]
    if not (year.isdigit() and q == "Q" and quarter in ("1", "2", "3", "4")) or not (
        1 <= int(year) <= 9999
    ):
        raise argparse.ArgumentTypeError(f"not a quarter (YYYYQN, e.g. 2026Q4): {text!r}")
    return int(year), int(quarter)


# --------------------------------------------------------------------------- inputs


def _caseload(args: argparse.Namespace, protocols: Sequence[Protocol]) -> Caseload:
    """The caseload named (default: the bundled example, Salford's).

    With ``--protocol-file``, a caseload file is read for the protocols used: its terms must
    be theirs, and the event types their files declare are read.
    """
    if args.caseload is None:
        if not getattr(args, "strict", False):
            return example_caseload()
        try:  # the example's deliberate finding refuses it, as it refuses the same file
            return example_caseload(strict=True)
        except ValidationError as error:
            raise _UsageError(_problem_list("invalid caseload (the bundled example)",
                                            error.errors)) from None  # fmt: skip
    progress = _Progress.for_args(args, "loading", "cases")
    if progress is not None:
        with contextlib.suppress(OSError):
            size = os.stat(args.caseload).st_size
            progress.note(f"reading {size / 1e6:,.1f} MB")
    try:
        return read_caseload(
            args.caseload,
            protocols=_reading_protocols(args, protocols),
            max_bytes=args.max_bytes,
            max_cases=args.max_cases,
            max_events=args.max_events,
            strict=getattr(args, "strict", False),
            progress=progress,
        )
    except ValidationError as error:
        raise _UsageError(_refused(args, protocols, error)) from None
    finally:
        if progress is not None:
            progress.close()


#: Words of the loader's messages for a term or event type no protocol in use declares.
_UNDECLARED = ("is not a valid ", "unknown event type", "the protocols declare")


def _problem_list(head: str, problems: Sequence[str]) -> str:
    """``head: N problems`` then each problem on its own line, at most
    [`MAX_PROBLEMS`][care_justice_protocol.MAX_PROBLEMS] of them, then one line counting
    the others (``and 276 more problems, not listed``)."""
    shown, count = _bounded(problems)
    noun = "problem" if count == 1 else "problems"
    lines = [f"{head}: {count:,} {noun}", *(f"  - {p}" for p in shown)]
    rest = _not_listed(len(shown), count, "problem")
    return "\n".join([*lines, f"  {rest}"] if rest else lines)


def _refused(
    args: argparse.Namespace, protocols: Sequence[Protocol], error: ValidationError
) -> str:
    """What a caseload file that does not load gets: a line naming it with the count, its
    problems one a line (see ``_problem_list``), and, when a term or event type is not
    declared, what to do about it."""
    line = _problem_list(f"invalid caseload {args.caseload}", error.errors)
    if not any(words in e for e in error.errors for words in _UNDECLARED):
        return line
    if not args.protocol_file:
        others = [i for i in sorted(ALL_PROTOCOLS) if i not in {p.id for p in protocols}]
        bundled = f", or --protocol ID for a bundled one ({', '.join(others)})" if others else ""
        used = ", ".join(p.id for p in protocols)
        return (f"{line}\nit names services, roles, meeting kinds or event types the "
                f"protocols used ({used}) do not declare: give the protocol that declares "
                f"them with --protocol-file FILE{bundled}")  # fmt: skip
    return (f"{line}\nevery service, role, document, meeting kind and event type it names "
            f"must be declared by a protocol used ({', '.join(p.id for p in protocols)}): "
            "declare it in the protocol file's vocabulary, or add the protocol that "
            "declares it (--protocol ID or --protocol-file FILE)")  # fmt: skip


def _reading_protocols(
    args: argparse.Namespace, protocols: Sequence[Protocol]
) -> Sequence[Protocol] | None:
    """The protocols a caseload file is read for.

    With ``--protocol-file``, the protocols used. With a bundled protocol outside the
    default set (``--protocol transitions-2021``), the default set and the protocols used,
    so that its event types are read and a Salford caseload still reads as before.
    Otherwise ``None``: the model's own terms, as always.
    """
    if args.protocol_file:
        return protocols
    extra = [p for p in protocols if p.id not in _DEFAULT_IDS]
    if not extra:
        return None
    return [*BUNDLED_PROTOCOLS, *extra]


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
#: The bundled protocols used when none is named: the default set, Salford's two (the
#: transitions protocol is used only when asked for with ``--protocol``).
_DEFAULT_IDS: tuple[str, ...] = tuple(p.id for p in BUNDLED_PROTOCOLS)


def _load_files(paths: Sequence[Path]) -> tuple[list[tuple[str, Protocol]], list[str]]:
    """The protocols in ``paths`` that load, and one line per problem of the others."""
    loaded: list[tuple[str, Protocol]] = []
    problems: list[str] = []
    for path in paths:
        name = str(path)
        try:
            loaded.append((name, read_protocol(path)))
        except ProtocolFileError as error:
            problems.extend(error.located(name))
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
        problems.append(f"{_located(name, c.problem)}: {message} @ {path}")
        involved |= {named[c.protocol][0], named[c.other][0]}
    if not problems:
        from .compliance._escalation import protocol_machines  # only when a file is named
        from .machines._registry import machine_registry

        try:
            machine_registry(protocol_machines([p for _, p in named]))
        except InvalidArgumentError as error:
            problems.append(f"{named[-1][0]}: {error}")
            involved.add(named[-1][0])
    return problems, involved


def _located(name: str, problem: str) -> str:
    """``FILE:LINE`` for a problem of a TOML protocol file (``FILE`` when the line cannot
    be told: a bundled protocol, a JSON file, a file no longer readable)."""
    line = None if name.startswith(_BUNDLED) else protocol_file_line(name, problem)
    return name if line is None else f"{name}:{line}"


def _protocols(args: argparse.Namespace) -> tuple[Protocol, ...]:
    """The protocols a command uses: see the module docstring (``--protocol-file``)."""
    files: Sequence[Path] = args.protocol_file or ()
    asked: Sequence[str] = args.protocol or ()
    ids = sorted(set(asked)) if asked or files else list(_DEFAULT_IDS)
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


class _Progress:
    """A live count on stderr: ``loading: 4,096 of 10,000 cases (8,200/s), about 1 s left``.

    Only on a terminal, and not with ``--quiet``; it redraws at most ten times a second
    and clears its line when closed, so the output that follows starts clean.
    """

    def __init__(self, what: str, noun: str) -> None:
        self.what = what
        self.noun = noun
        self.started = time.monotonic()
        self.drawn = 0.0
        self.width = 0
        #: The first count and when it came: the rate is measured from there, so time
        #: spent before counting starts (parsing the file) does not skew the estimate.
        self.first: tuple[int, float] | None = None

    @classmethod
    def for_args(cls, args: argparse.Namespace, what: str, noun: str) -> _Progress | None:
        quiet = getattr(args, "quiet", False)
        try:
            tty = sys.stderr.isatty()
        except (AttributeError, ValueError):
            tty = False
        return None if quiet or not tty else cls(what, noun)

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self.first is None:
            self.first = (done, now)
        if done < total and now - self.drawn < 0.1:
            return
        self.drawn = now
        counted, since = done - self.first[0], now - self.first[1]
        line = f"{self.what}: {done:,} of {total:,} {self.noun}"
        if counted > 0 and since > 0:
            rate = counted / since
            line += f" ({rate:,.0f}/s)"
            if done < total:
                line += f", about {(total - done) / rate:,.0f} s left"
        if done >= total:
            line += f" in {now - self.started:,.1f} s"
        self._draw(line)

    def note(self, line: str) -> None:
        """A line of its own until the count starts (``loading: reading 49.4 MB``)."""
        self._draw(f"{self.what}: {line}")

    def _draw(self, line: str) -> None:
        with contextlib.suppress(OSError, ValueError):
            sys.stderr.write("\r" + line.ljust(self.width))
            sys.stderr.flush()
        self.width = len(line)

    def close(self) -> None:
        """Clear the line."""
        if self.width:
            self._draw("")
            with contextlib.suppress(OSError, ValueError):
                sys.stderr.write("\r")
                sys.stderr.flush()


def _report(args: argparse.Namespace, caseload: Caseload, rulebook: Rulebook) -> CaseloadReport:
    as_of = args.as_of or date.today()
    cases = caseload.cases
    progress = (
        _Progress.for_args(args, f"evaluating as of {as_of.isoformat()}", "cases")
        if len(cases) >= _PROGRESS_THRESHOLD
        else None
    )
    try:
        return evaluate_caseload(caseload, as_of, protocol=rulebook, progress=progress)
    finally:
        if progress is not None:
            progress.close()


# --------------------------------------------------------------------------- outputs

#: The CSV columns: every field of a result, in declaration order, whether or not there
#: are any results (an empty caseload gets the same header as a full one).
_COLUMNS: tuple[str, ...] = tuple(a.name for a in attrs.fields(ObligationResult))


def _row(r: ObligationResult) -> dict[str, Any]:
    return r.to_dict()


def _style(args: argparse.Namespace | None = None) -> Style:
    """The layout of the table: the terminal's width (or ``COLUMNS``), colour on a
    terminal unless ``NO_COLOR`` is set (``--color`` decides otherwise)."""
    width = max(shutil.get_terminal_size((100, 24)).columns, MIN_WIDTH)
    choice = getattr(args, "color", "auto")
    if choice == "auto":
        try:
            tty = sys.stdout.isatty()
        except (AttributeError, ValueError):
            tty = False
        colour = tty and not os.environ.get("NO_COLOR")
    else:
        colour = choice == "always"
    encoding = getattr(sys.stdout, "encoding", None) or "ascii"
    try:
        "\N{HORIZONTAL ELLIPSIS}".encode(encoding)
        ellipsis = "\N{HORIZONTAL ELLIPSIS}"
    except (UnicodeEncodeError, LookupError):
        ellipsis = "~"
    return Style(width=width, colour=colour, ellipsis=ellipsis)


def _print_table(
    results: Sequence[ObligationResult],
    report: CaseloadReport,
    style: Style | None = None,
    statuses: Sequence[Status] = (),
) -> None:
    """Every result given as a table (``--all``, ``--status``), the footer counting them."""
    for line in full_table(results, report, style=style or _style(), statuses=statuses):
        print(line)


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


def _print_json(
    report: CaseloadReport, results: Sequence[ObligationResult], rulebook: Rulebook | None = None
) -> None:
    """The results document (see ``care_justice_protocol.io._results``: ``schema_version``,
    ``library_version``, ``protocols``, ``calendar``, ``as_of``, ``counts``, ``results``,
    ``refused``): the text ``json.dump(..., indent=2)`` gives, written a chunk at a time.

    The results are flat records (strings, numbers, ``null``), so each is written by the
    fast encoder with the separators the indented form uses.
    """
    from .io._results import results_head  # only for --format json

    protocols: Any = () if rulebook is None else rulebook
    head = json.dumps(results_head(report, protocols), indent=2, ensure_ascii=False)
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
    caseload = _caseload(args, protocols)
    rulebook = _rulebook(args, protocols)
    report = _report(args, caseload, rulebook)
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
        _print_json(report, results, rulebook)
    elif args.format == "csv":
        _print_csv(results)
    elif args.all or args.status:
        statuses = [Status(x) for x in dict.fromkeys(args.status or ())]
        _print_table(results, report, _style(args), statuses)
    else:
        for line in first_screen(
            report, protocols=rulebook.protocols, calendar=rulebook.calendar,
            caseload=caseload, due_within=args.due_within, every_case=args.cases,
            limit=args.limit or None,
            style=_style(args),
        ):  # fmt: skip
            print(line)
    return int(args.verdict)


def _cmd_validate(args: argparse.Namespace) -> int:
    """Every problem of a caseload file: format errors (exit 2) or cross-check findings and
    other warnings (exit 1); nothing (exit 0).

    The cross-checks read a document that loads: while it has format errors, only those
    are listed. Each list shows at most
    [`MAX_PROBLEMS`][care_justice_protocol.MAX_PROBLEMS] lines, then a line counting the
    others; ``--format json`` gives every finding, the errors the loader kept (at most
    [`MAX_PROBLEMS`][care_justice_protocol.MAX_PROBLEMS]) and both counts.
    """
    protocols = _protocols(args)
    errors: tuple[str, ...] = ()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CareJusticeWarning)
        try:
            read_caseload(args.caseload, protocols=_reading_protocols(args, protocols),
                          max_bytes=args.max_bytes, max_cases=None, max_events=None)  # fmt: skip
        except ValidationError as error:
            errors = error.errors
        except InputFileError as error:  # no such file, unreadable: a program still gets JSON
            if args.format != "json":
                raise
            errors = (str(error),)
    findings = [_finding(w.message) for w in caught if isinstance(w.message, CareJusticeWarning)]
    listed, error_count = _bounded(errors)
    code = ExitCode.BAD_INPUT if errors else ExitCode.FAIL_ON if findings else ExitCode.CLEAN
    if args.format == "json":
        doc = {
            "file": str(args.caseload),
            "valid": not errors,
            "error_count": error_count,
            "errors": listed,
            "finding_count": len(findings),
            "findings": findings,
            "exit_code": int(code),
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return int(code)
    name = args.caseload
    for line in listed:
        print(terminal_text(f"{name}: error: {line}"))
    rest = _not_listed(len(listed), error_count, "error")
    if rest:
        print(terminal_text(f"{name}: {rest}"))
    shown = findings[:MAX_PROBLEMS]
    for f in shown:
        print(terminal_text(f"{name}: warning [{f['code']}]: {f['message']} @ "
                            f"{f['path']}" + ("" if f["case_id"] is None
                                              else f" (case {f['case_id']!r})")))  # fmt: skip
    rest = _not_listed(len(shown), len(findings), "finding")
    if rest:
        print(terminal_text(f"{name}: {rest} (--format json lists every one)"))
    what = f"{error_count:,} error{'' if error_count == 1 else 's'}, {len(findings):,} finding" + (
        "" if len(findings) == 1 else "s"
    )
    print(terminal_text(f"{name}: {what}"))
    return int(code)


def _finding(warning: CareJusticeWarning) -> dict[str, Any]:
    """A warning as ``{code, path, case_id, message}`` (identifier warnings: code
    ``"identifier"``, their first path)."""
    text = str(warning)
    message, _, where = text.partition(" @ ")
    path, _, _ = where.partition(" (case ")
    code = getattr(warning, "code", "identifier")
    assert code in CROSS_CHECK_CODES or code == "identifier"
    return {
        "code": code,
        "path": getattr(warning, "path", path.split(" and ")[0].strip() or "$"),
        "case_id": getattr(warning, "case_id", None),
        "message": message,
    }


def _cmd_report(args: argparse.Namespace) -> int:
    from .notebook._meeting import quarter_of, quarterly_report_html  # only for this command

    protocols = _protocols(args)
    caseload = _caseload(args, protocols)
    rulebook = _rulebook(args, protocols)
    report = _report(args, caseload, rulebook)
    period = quarter_of(report.as_of) if args.period is None else quarter_of(*args.period)
    page = quarterly_report_html(
        caseload, report, protocols=rulebook.protocols, calendar=rulebook.calendar,
        period=period, due_within=args.due_within, qa_size=args.qa_size, qa_seed=args.qa_seed,
    )  # fmt: skip
    if str(args.output) == "-":
        sys.stdout.write(page)
        return 0
    write_text_file(args.output, page)
    counts = report.counts()
    print(terminal_text(
        f"wrote {args.output} ({period.label}, as of {report.as_of.isoformat()}: "
        f"{counts[Status.OVERDUE]:,} overdue, {counts[Status.DUE]:,} due)"
    ))  # fmt: skip
    return 0


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
    from .machines._justice import JUSTICE_PATHWAY  # only for this command
    from .machines._lifecycle import LIFECYCLE

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
    from .compliance._escalation import complaint_status, ladder_status  # only for explain

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
    from .compliance._escalation import protocol_machines  # only for this command
    from .machines._registry import machine_registry
    from .machines._render import to_markdown_table, to_mermaid

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
    from .io._published import SCHEMA_BUILDERS, schema_text  # only for this command

    which = ("results", "protocol", "local_variant", "case")
    name = next((n for n in which if getattr(args, n)), "caseload").replace("_", "-")
    sys.stdout.write(schema_text(SCHEMA_BUILDERS[name]()))
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


def _cmd_care_leavers(args: argparse.Namespace) -> int:
    """``cjp care-leavers``: what an SSDA903 return implies on the day (see the docstring)."""
    from .calendar._working_days import WorkingCalendar
    from .io import _ssda903_status as s903
    from .io._json import dumps_caseload
    from .io._ssda903 import Ssda903Error, read_ssda903

    if "://" in args.source:
        return _care_leavers_ssd(args)
    try:
        data = read_ssda903(Path(args.source))
    except Ssda903Error as error:
        for line in error.lines:
            _say(f"cjp: {line}")
        return ExitCode.BAD_INPUT
    day: date = args.as_of
    if args.show == "skeleton":
        print(dumps_caseload(s903.ssda903_caseload_skeleton(data, day), indent=2))
        return 0
    born = [p for p in data.young_people if p.date_of_birth <= day]
    notes: list[str] = []
    table: list[tuple[str, ...]]
    headers: tuple[str, ...]
    if args.show == "statuses":
        statuses = s903.ssda903_statuses(born, day)
        rows = [x.to_dict() for x in statuses]
        checks = [c for p in born for c in s903.ssda903_oc3_checks(p)]
        counts = _status_counts(statuses)
        extra: dict[str, Any] = {"counts": counts, "oc3_checks": [c.to_dict() for c in checks]}
        table = [(r["child"], r["status"], r["period"], f"{r['reason']} ({r['citation']})")
                 for r in rows]  # fmt: skip
        headers = ("child", "status", "period", "reason")
        against = [c for c in checks if c.agrees is False]
        summary = ", ".join(f"{n} {k}" for k, n in counts.items())
        notes.append(f"{len(rows)} young people as of {day.isoformat()}: {summary}")
        notes.append(f"OC3 disagreements: {len(against)}")
        notes += [f"  {c.child}: {c.explanation}" for c in against]
    elif args.show == "reviews":
        calendar = WorkingCalendar.england()
        reviews = [s903.ssda903_reviews(p, day, calendar) for p in born]
        rows = [r for x in reviews for r in x.rows()]
        incomplete = [{"child": x.child, "incomplete": i} for x in reviews for i in x.incomplete]
        extra = {"incomplete": incomplete}
        table = [(r["child"], f"{r['kind']} {r['number']}", r["state"], r["due"],
                  r["held_on"] or "-", r["citation"]) for r in rows]  # fmt: skip
        headers = ("child", "review", "state", "due", "held", "citation")
        notes.append(f"{len(rows)} reviews as of {day.isoformat()} (CPPCR 2010 reg 33)")
        notes += [f"  {i['child']}: {i['incomplete']}" for i in incomplete]
    else:
        rows = [e.to_dict() for e in s903.ssda903_population(born, day)]
        extra = {}
        table = [(r["child"], r["status"], _yes(r["next_step"]), ", ".join(r["convicted_in"]),
                  "; ".join(r["youth_justice"]), _yes(r["in_population"]))
                 for r in rows]  # fmt: skip
        headers = ("child", "status", "next step", "convicted", "youth justice", "population")
        joint = sum(1 for r in rows if r["in_population"])
        notes.append(f"{joint} of {len(rows)} young people in the protocol population")
    head = {"years": [str(y) for y in data.years]}
    return _care_leavers_output(args, day, rows, extra, headers, table, notes, head)


def _status_counts(statuses: Sequence[Any]) -> dict[str, int]:
    """How many of each status (in the statuses' order, then history incomplete)."""
    order = [*(c.value for c in CareStatus), "history-incomplete"]
    return {k: n for k in order if (n := sum(1 for x in statuses if x.status == k))}


def _care_leavers_ssd(args: argparse.Namespace) -> int:
    """``cjp care-leavers URL``: what an SSD database implies on the day."""
    from .calendar._working_days import WorkingCalendar
    from .io import _ssd_status as sst
    from .io import _ssda903_status as s903
    from .io._json import dumps_caseload
    from .io._ssd import SsdConnectionError, SsdError, read_ssd
    from .io._ssd_mapping import SsdMappingError, read_ssd_mapping

    try:
        mapping = None if args.teams is None else read_ssd_mapping(args.teams)
        data = read_ssd(
            args.source,
            extracted_on=args.extracted_on,
            held_from=args.held_from,
            mapping=mapping,
            schema=args.schema,
        )
    except (SsdError, SsdMappingError) as error:
        for line in error.lines:
            _say(f"cjp: {line}")
        return ExitCode.BAD_INPUT
    except SsdConnectionError as error:
        _say(f"cjp: error: {error}")
        return ExitCode.BAD_INPUT
    day: date = args.as_of
    if args.show == "skeleton":
        print(dumps_caseload(sst.ssd_caseload_skeleton(data, day), indent=2))
        return 0
    born = [p for p in data.young_people if p.date_of_birth <= day]
    held = f"the database holds {data.held} ({data.url})"
    notes: list[str] = []
    extra: dict[str, Any]
    table: list[tuple[str, ...]]
    if args.show == "statuses":
        statuses = s903.ssda903_statuses([p.history for p in born], day)
        rows = [{"person_id": r.pop("child"), **r} for r in (x.to_dict() for x in statuses)]
        checks = [c for p in born if (c := sst.ssd_eligibility_check(p, day)) is not None]
        counts = _status_counts(statuses)
        extra = {"counts": counts, "eligibility_checks": [c.to_dict() for c in checks]}
        table = [(r["person_id"], r["status"], r["period"], f"{r['reason']} ({r['citation']})")
                 for r in rows]  # fmt: skip
        headers: tuple[str, ...] = ("person", "status", "period", "reason")
        against = [c for c in checks if c.agrees is False]
        summary = ", ".join(f"{n} {k}" for k, n in counts.items())
        notes.append(f"{len(rows)} young people as of {day.isoformat()}: {summary}; {held}")
        notes.append(f"recorded eligibility disagreements: {len(against)}")
        notes += [f"  {c.person_id}: {c.explanation}" for c in against]
    elif args.show == "reviews":
        calendar = WorkingCalendar.england()
        reviews = [sst.ssd_reviews(p, day, calendar) for p in born]
        rows = [r for x in reviews for r in x.rows()]
        plans = [x for p in born if (x := sst.ssd_pathway_plan(p, day)) is not None]
        incomplete = [{"person_id": x.person_id, "incomplete": i}
                      for x in reviews for i in x.incomplete]  # fmt: skip
        extra = {"incomplete": incomplete, "pathway_plans": [x.to_dict() for x in plans]}
        table = [(r["person_id"], f"{r['kind']} {r['number']}", r["state"], r["due"],
                  r["recorded_due"] or "-", r["held_on"] or "-", r["citation"])
                 for r in rows]  # fmt: skip
        headers = ("person", "review", "state", "due", "recorded due", "held", "citation")
        differ = [r for r in rows if r["due_agrees"] is False]
        notes.append(f"{len(rows)} reviews as of {day.isoformat()} (CPPCR 2010 reg 33); {held}")
        notes.append(f"recorded due dates that differ from the law's: {len(differ)}")
        notes += [f"  {r['person_id']}: {r['explanation']}" for r in differ]
        notes += [f"  {i['person_id']}: {i['incomplete']}" for i in incomplete]
        notes.append(f"pathway plans (Care Leavers (England) Regulations 2010 reg 7): {len(plans)}")
        notes += [f"  {x.person_id}: {x.explanation}" for x in plans]
    else:
        entries = sst.ssd_population(born, day)
        rows = [e.to_dict() for e in entries]
        extra = {}
        table = [(r["person_id"], r["status"], _yes(r["next_step"]), ", ".join(r["convicted_in"]),
                  "; ".join(r["youth_justice"]), "; ".join(r["allocated"]),
                  _yes(r["in_population"])) for r in rows]  # fmt: skip
        headers = ("person", "status", "next step", "convicted", "youth justice", "allocated",
                   "population")  # fmt: skip
        joint = sum(1 for r in rows if r["in_population"])
        notes.append(f"{joint} of {len(rows)} young people in the protocol population; {held}")
    return _care_leavers_output(args, day, rows, extra, headers, table, notes,
                                {"source": data.url, "held": str(data.held)})  # fmt: skip


def _care_leavers_output(
    args: argparse.Namespace,
    day: date,
    rows: Sequence[dict[str, Any]],
    extra: dict[str, Any],
    headers: Sequence[str],
    table: Sequence[Sequence[str]],
    notes: Sequence[str],
    head: dict[str, Any],
) -> int:
    """The rows of ``cjp care-leavers`` as JSON, CSV or a table with its notes."""
    if args.format == "json":
        doc = {"as_of": day.isoformat(), **head, args.show: rows}
        json.dump(doc | extra, sys.stdout, indent=2, ensure_ascii=False)
        print()
    elif args.format == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(rows[0].keys() if rows else headers)
        for r in rows:
            writer.writerow(
                csv_cell("; ".join(v) if isinstance(v, list) else v) for v in r.values()
            )
        sys.stdout.write(buf.getvalue())
    else:
        _print_rows(headers, table)
        print()
        for line in notes:
            print(terminal_text(line))
    return 0


def _cell(value: object) -> object:
    return "; ".join(map(str, value)) if isinstance(value, list) else value


def _yes(flag: bool | None) -> str:
    return "?" if flag is None else "yes" if flag else "no"


def _print_rows(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A plain table: every cell neutralised, columns padded but the last."""
    cells = [[terminal_text(str(c)) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers[:-1])]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=False))
    print(f"{line}  {headers[-1]}")
    print("  ".join("-" * w for w in widths) + "  " + "-" * len(headers[-1]))
    for r in cells:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1])


_COMMANDS = {
    "check": _cmd_check,
    "validate": _cmd_validate,
    "report": _cmd_report,
    "explain": _cmd_explain,
    "deadlines": _cmd_deadlines,
    "machines": _cmd_machines,
    "schema": _cmd_schema,
    "protocol": _cmd_protocol,
    "care-leavers": _cmd_care_leavers,
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


def _say_lines(text: str) -> None:
    """Each line of ``text`` on stderr, one ``_say`` each (every problem of a list)."""
    for line in text.splitlines():
        _say(line)


def _silence_stdout() -> None:
    """After an output failure: drop what is still buffered, so exit does not fail again."""
    discard_stdout()


class _Warnings:
    """Warnings on stderr (``cjp: warning: ...``), at most
    [`MAX_PROBLEMS`][care_justice_protocol.MAX_PROBLEMS], then one line counting the others
    (a large export with a recording error in every case stays readable)."""

    def __init__(self, bound: int = MAX_PROBLEMS) -> None:
        self.bound = bound
        self.count = 0

    def show(
        self,
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: Any = None,
        line: str | None = None,
    ) -> None:
        counted = issubclass(category, CareJusticeWarning)  # another library's: always shown
        self.count += counted
        if not counted or self.count <= self.bound:
            _say(f"cjp: warning: {message}")

    def close(self) -> None:
        rest = _not_listed(min(self.count, self.bound), self.count, "warning")
        if rest:
            _say(f"cjp: {rest} (cjp validate FILE --format json lists every one)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (see
    [`EXIT_CODES`][care_justice_protocol.cli.EXIT_CODES])."""
    _configure_streams()
    args: argparse.Namespace | None = None
    said = _Warnings()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", CareJusticeWarning)
            warnings.showwarning = said.show
            try:
                args = _parser().parse_args(argv)
                code = _COMMANDS[args.command](args)
                sys.stdout.flush()
            finally:
                said.close()
        return _worst(code, getattr(args, "refused", 0))
    except OutputFileError as exc:  # cjp report --output FILE: the file cannot be written
        _say(f"cjp: error: {exc}")
        return ExitCode.OUTPUT_FAILURE
    except (_UsageError, InputFileError) as exc:
        _say_lines(f"cjp: error: {exc}")
        return ExitCode.BAD_INPUT
    except _ProtocolFilesError as exc:
        try:
            sys.stdout.flush()
        except OSError:
            _silence_stdout()
        shown, total = _bounded(exc.lines)
        for line in shown:
            _say(" ".join(line.split()))
        rest = _not_listed(len(shown), total, "problem")
        if rest:
            _say(f"cjp: {rest}")
        return ExitCode.BAD_INPUT
    except ValidationError as exc:  # a local variant, say: every problem, up to the bound
        head = str(exc).split("\n", 1)[0].rsplit(": ", 1)[0]
        _say_lines(_problem_list(f"cjp: error: {head}", exc.errors))
        return ExitCode.BAD_INPUT
    except CareJusticeError as exc:
        _say_lines(f"cjp: error: {exc}")
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
