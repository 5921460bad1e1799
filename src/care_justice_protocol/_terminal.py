"""What ``cjp check`` shows on a terminal: the first screen and the full table.

The first screen answers "what do I do today": the counts by status (good practice
apart), the overdue items longest overdue first, what falls due within the next working
days, and one line per case with something overdue or due soon. The full table
(``--all``, or ``--status``) lists results one per row with the explanation wrapped.

Everything is laid out for a width (the terminal's, or ``COLUMNS``): columns shrink, then
cells are cut with an ellipsis, so no line is longer than the width. Colour (ANSI) is only
added when asked (the command asks on a terminal, never when piped or with ``NO_COLOR``);
status words are always spelled out, so colour is never the only signal. Every value
shown goes through ``terminal_text`` first.

This module builds lines of text; it writes nothing. It sits beside ``notebook`` (layer 8)
and is used by the command line only.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Final

import attrs

from ._text import terminal_text
from .calendar._working_days import WorkingCalendar
from .compliance._results import (
    STATUSES_BY_URGENCY,
    CaseloadReport,
    ObligationResult,
    Status,
    who_must_act,
    workers_on,
)
from .model._events import Caseload
from .protocols._rules import Protocol, Strength

__all__ = ["Style", "first_screen", "full_table"]

#: ANSI styles per status (bold red for overdue...). Only used when colour is on.
_STATUS_SGR: Final[Mapping[Status, str]] = {
    Status.OVERDUE: "1;31",
    Status.DUE: "1;34",
    Status.NOT_FOLLOWED: "33",
    Status.GOOD_PRACTICE_MISSED: "35",
    Status.NO_TIMESCALE: "35",
    Status.MET_LATE: "33",
    Status.MET: "32",
    Status.NOT_APPLICABLE: "2",
}
_HEADING: Final = "1"
_DIM: Final = "2"
#: The narrowest layout (a narrower terminal gets lines of this width).
MIN_WIDTH: Final = 40


@attrs.frozen
class Style:
    """How to lay lines out: the width, colour or not, and the ellipsis character."""

    width: int = 100
    colour: bool = False
    ellipsis: str = "\N{HORIZONTAL ELLIPSIS}"

    def paint(self, text: str, sgr: str) -> str:
        """``text`` in the ANSI style ``sgr`` when colour is on (the text itself otherwise)."""
        return f"\x1b[{sgr}m{text}\x1b[0m" if self.colour and text.strip() else text

    def cut(self, text: str, width: int) -> str:
        """``text`` cut to ``width`` characters, the last one an ellipsis when cut."""
        if len(text) <= width:
            return text
        if width <= len(self.ellipsis):
            return text[:width]
        return text[: width - len(self.ellipsis)] + self.ellipsis


@attrs.frozen
class _Column:
    header: str
    cells: tuple[str, ...]
    right: bool = False
    #: The narrowest this column may be squeezed to (0: never squeezed).
    squeeze_to: int = 0
    #: Columns with a lower number are squeezed first.
    squeeze_order: int = 0
    #: Left out altogether when even squeezed the columns do not fit.
    optional: bool = False


def _layout(columns: Sequence[_Column], width: int, indent: int = 2) -> list[int]:
    """Column widths that fit ``width`` (0: left out).

    Natural widths; when too wide, columns are squeezed in ``squeeze_order`` down to
    their ``squeeze_to``; then optional columns are left out; then the last column takes
    what is left (cells are cut with an ellipsis).
    """
    widths = [max([len(c.header), *(len(x) for x in c.cells)]) for c in columns]

    def excess() -> int:
        shown = [w for w in widths if w]
        return indent + sum(shown) + 2 * (len(shown) - 1) - width

    for i in sorted(range(len(columns)), key=lambda i: columns[i].squeeze_order):
        c = columns[i]
        over = excess()
        if over <= 0:
            break
        if c.squeeze_to and widths[i] > c.squeeze_to:
            widths[i] -= min(over, widths[i] - c.squeeze_to)
    for i, c in enumerate(columns):
        if excess() > 0 and c.optional:
            widths[i] = 0
    for i in sorted(range(len(columns)), key=lambda i: columns[i].squeeze_order):
        over = excess()
        if over > 0 and columns[i].squeeze_to and widths[i] > 8:  # a narrow terminal
            widths[i] -= min(over, widths[i] - 8)
    if excess() > 0:  # still too wide: the last column takes the rest, however little
        widths[-1] = max(1, widths[-1] - excess())
    return widths


def _rows(
    columns: Sequence[_Column],
    style: Style,
    paints: Sequence[str | None] = (),
    indent: int = 2,
) -> list[str]:
    """A header line and one line per row, cells cut to the layout's widths."""
    widths = _layout(columns, style.width, indent)
    shown = [(i, c, w) for i, (c, w) in enumerate(zip(columns, widths, strict=True)) if w]
    lines = []
    n = len(columns[0].cells) if columns else 0
    head = []
    for _, c, w in shown:
        cell = style.cut(c.header, w)
        head.append(cell.rjust(w) if c.right else cell.ljust(w))
    lines.append(" " * indent + style.paint("  ".join(head).rstrip(), _DIM))
    for row in range(n):
        cells = []
        for i, c, w in shown:
            cell = style.cut(c.cells[row], w)
            cell = cell.rjust(w) if c.right else cell.ljust(w)
            if i < len(paints) and paints[i]:
                cell = style.paint(cell, paints[i] or "")
            cells.append(cell)
        lines.append((" " * indent + "  ".join(cells)).rstrip())
    return lines


def _wrap(text: str, style: Style, indent: str = "") -> list[str]:
    return textwrap.wrap(
        text,
        max(style.width - len(indent), 10),
        initial_indent=indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
        break_long_words=True,
    )


def _t(value: str | None) -> str:
    return "" if value is None else terminal_text(value)


def _n(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count:,} {noun if count == 1 else (plural or noun + 's')}"


def _status_counts(counts: Mapping[Status, int], style: Style) -> list[str]:
    """The counts by status, most urgent first; good practice on a line of its own."""
    duties = [s for s in STATUSES_BY_URGENCY if s is not Status.GOOD_PRACTICE_MISSED]
    parts = [style.paint(f"{counts[s]:,} {s.value}", _STATUS_SGR[s]) for s in duties]
    words = [f"{counts[s]:,} {s.value}" for s in duties]
    lines: list[str] = []
    line: list[str] = []
    used = 2  # the indent, then each count and the " | " before all but the first
    for painted, plain in zip(parts, words, strict=True):
        if line and used + 3 + len(plain) > style.width:
            lines.append("  " + " | ".join(line))
            line, used = [], 2
        used += (3 if line else 0) + len(plain)
        line.append(painted)
    if line:
        lines.append("  " + " | ".join(line))
    gp = counts[Status.GOOD_PRACTICE_MISSED]
    gp_words = f"{gp:,} {Status.GOOD_PRACTICE_MISSED.value}"
    label = "  good practice, not a duty:"
    gp_painted = style.paint(gp_words, _STATUS_SGR[Status.GOOD_PRACTICE_MISSED])
    if len(label) + 1 + len(gp_words) <= style.width:
        lines.append(f"{label} {gp_painted}")
    else:
        lines += [label, f"  {gp_painted}"]
    return lines


def _heading(text: str, style: Style) -> list[str]:
    """A section title, wrapped to the width, in bold when colour is on."""
    return [style.paint(line, _HEADING) for line in _wrap(text, style)]


def _case_label(r: ObligationResult) -> str:
    return _t(r.case_id) if r.case_id is not None else "partnership"


def _obligation_label(r: ObligationResult) -> str:
    """The obligation's own name (its id less the protocol and section, which the clause
    column gives), with the period for partnership results, and good practice marked."""
    name = _t(r.obligation.rsplit("/", 1)[-1])
    if r.case_id is None and r.period:
        name += f" ({_t(r.period)})"
    if r.strength is Strength.GOOD_PRACTICE:
        name += " [good practice]"
    return name


def _day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%b %Y}"


class _Who:
    """Who must act on a result: the services carrying it, with each case's worker id."""

    def __init__(self, caseload: Caseload | None, protocols: Sequence[Protocol], as_of: date):
        self.protocols = protocols
        self.as_of = as_of
        self.cases = {c.case_id: c for c in caseload.cases} if caseload is not None else {}
        self.workers: dict[str, dict[str, str]] = {}

    def _workers(self, case_id: str | None) -> dict[str, str]:
        if case_id is None or case_id not in self.cases:
            return {}
        found = self.workers.get(case_id)
        if found is None:  # only for the cases shown
            found = self.workers[case_id] = workers_on(self.cases[case_id].events, self.as_of)
        return found

    def of(self, r: ObligationResult) -> str:
        services = who_must_act(r, self.protocols, on=self.as_of)
        workers = self._workers(r.case_id)
        parts = [f"{s} {workers[s]}" if s in workers else s for s in services]
        return _t(", ".join(parts)) if parts else "-"

    def case_workers(self, case_id: str) -> str:
        workers = self._workers(case_id)
        return _t(", ".join(f"{w} ({s})" for s, w in workers.items())) or "-"


def _item_columns(rows: Sequence[ObligationResult], who: _Who) -> list[_Column]:
    """The columns every item list shares: case, obligation, clause and who must act."""
    return [
        _Column("case", tuple(_case_label(r) for r in rows)),
        _Column(
            "obligation",
            tuple(_obligation_label(r) for r in rows),
            squeeze_to=20,
            squeeze_order=3,
        ),
        _Column(
            "clause",
            tuple(_t(r.clause) for r in rows),
            squeeze_to=14,
            squeeze_order=1,
            optional=True,
        ),
        _Column("who must act", tuple(who.of(r) for r in rows), squeeze_to=16, squeeze_order=2),
    ]


def first_screen(
    report: CaseloadReport,
    *,
    protocols: Sequence[Protocol],
    calendar: WorkingCalendar,
    caseload: Caseload | None = None,
    due_within: int = 10,
    every_case: bool = False,
    limit: int | None = 20,
    style: Style | None = None,
) -> list[str]:
    """The lines of the first screen of ``cjp check`` (see the module docstring).

    Args:
        report: the evaluated caseload.
        protocols: the protocols evaluated (for who must act).
        calendar: the working-day calendar (for "within N working days").
        caseload: the caseload (for the workers of each case and the number of cases).
        due_within: the window, in working days, of "falls due".
        every_case: one line for every case, not only those with something to do (and
            every one, whatever ``limit``).
        limit: the most rows each list shows (the longest overdue, the soonest due, the
            first cases); the footer says how many more there are. ``None``: no limit.
        style: width, colour, ellipsis.
    """
    style = style or Style()
    as_of = report.as_of
    counts = report.counts()
    who = _Who(caseload, protocols, as_of)
    n_cases = (
        len(caseload.cases)
        if caseload is not None
        else len({r.case_id for r in report.results} - {None})
    )
    end = calendar.add_working_days(as_of, due_within)
    lines = [
        *_heading(
            f"cjp check: {_n(n_cases, 'case')} and the partnership, as of "
            f"{_day(as_of)} ({as_of.isoformat()})",
            style,
        ),
        *_status_counts(counts, style),
    ]

    every_overdue = report.overdue()
    overdue = every_overdue[:limit]
    lines += ["", *_heading(f"Overdue: {len(every_overdue):,}, longest overdue first", style)]
    if overdue:
        lines += _rows(
            [
                _Column(
                    "days late",
                    tuple(f"{(as_of - r.due).days:,}" if r.due else "-" for r in overdue),
                    right=True,
                ),
                *_item_columns(overdue, who),
            ],
            style,
            paints=(_STATUS_SGR[Status.OVERDUE],),
        )
    else:
        lines.append("  nothing is overdue")

    soon = report.upcoming(as_of, due_within, calendar=calendar)
    undated = [r for r in report.results if r.status is Status.DUE and r.due is None]
    every_due = [*soon, *sorted(undated, key=lambda r: (r.case_id or "", r.obligation))]
    due_rows = every_due[:limit]
    lines += [
        "",
        *_heading(
            f"Due within {_n(due_within, 'working day')} (by {_day(end)}): "
            f"{len(soon):,}; due before an event, with no date: {len(undated):,}",
            style,
        ),
    ]
    if due_rows:
        lines += _rows(
            [
                _Column(
                    "due", tuple(r.due.isoformat() if r.due else "before event" for r in due_rows)
                ),
                *_item_columns(due_rows, who),
            ],
            style,
            paints=(_STATUS_SGR[Status.DUE],),
        )
    else:
        lines.append("  nothing falls due")

    per_case = _per_case(report, every_overdue, soon, undated)
    every_case_id = (
        [c.case_id for c in caseload.cases]
        if every_case and caseload is not None
        else [c for c in per_case if c is not None]
    )
    case_ids = every_case_id if every_case else every_case_id[:limit]
    title = (
        f"Cases: all {n_cases:,}"
        if every_case
        else f"Cases with something overdue or due: {len(every_case_id):,} of {n_cases:,}"
    )
    lines += ["", *_heading(title, style)]
    if case_ids:
        rows = [per_case.get(c, _CaseLine()) for c in case_ids]
        lines += _rows(
            [
                _Column("case", tuple(_t(c) for c in case_ids)),
                _Column(
                    "overdue",
                    tuple(f"{x.overdue:,}" if x.overdue else "-" for x in rows),
                    right=True,
                ),
                _Column(
                    "due soon", tuple(f"{x.soon:,}" if x.soon else "-" for x in rows), right=True
                ),
                _Column(
                    "oldest overdue",
                    tuple(x.oldest.isoformat() if x.oldest else "-" for x in rows),
                    optional=True,
                ),
                _Column(
                    "next due",
                    tuple(x.next_due.isoformat() if x.next_due else "-" for x in rows),
                    optional=True,
                ),
                _Column("workers", tuple(who.case_workers(c) for c in case_ids), squeeze_to=12),
            ],
            style,
        )
    partnership = per_case.get(None)
    if partnership is not None and not every_case:
        lines += _wrap(
            f"and the partnership: {partnership.overdue:,} overdue, {partnership.soon:,} due soon",
            style,
            "  ",
        )

    def part(shown: int, of: int, noun: str) -> str:
        return _n(shown, noun) if shown == of else f"{shown:,} of {_n(of, noun)}"

    shown = (
        f"Shown: {part(len(overdue), len(every_overdue), 'overdue item')}, "
        f"{part(len(due_rows), len(every_due), 'due item')} and "
        f"{part(len(case_ids), len(every_case_id), 'case')}, of "
        f"{_n(len(report.results), 'result')} as of {as_of.isoformat()}."
    )
    hidden = counts[Status.DUE] - len(soon) - len(undated)
    rest = [f"{hidden:,} due later"] if hidden else []
    rest += [
        f"{counts[s]:,} {s.value}"
        for s in STATUSES_BY_URGENCY
        if s not in (Status.OVERDUE, Status.DUE) and counts[s]
    ]
    hint = (f"Not listed: {', '.join(rest)}. " if rest else "") + (
        "More: --all, --status S, --cases, --limit N, --due-within N; see --help."
    )
    lines += ["", *_wrap(shown, style), *_wrap(hint, style)]
    return lines


@attrs.define
class _CaseLine:
    overdue: int = 0
    soon: int = 0
    oldest: date | None = None
    next_due: date | None = None


def _per_case(
    report: CaseloadReport,
    overdue: Iterable[ObligationResult],
    soon: Iterable[ObligationResult],
    undated: Iterable[ObligationResult],
) -> dict[str | None, _CaseLine]:
    """Per case with something overdue or due soon: counts, oldest overdue, next due."""
    out: dict[str | None, _CaseLine] = {}
    for r in overdue:
        line = out.setdefault(r.case_id, _CaseLine())
        line.overdue += 1
        if r.due is not None and (line.oldest is None or r.due < line.oldest):
            line.oldest = r.due
    for r in (*soon, *undated):
        line = out.setdefault(r.case_id, _CaseLine())
        line.soon += 1
    for r in report.results:
        if r.status is Status.DUE and r.due is not None and r.case_id in out:
            line = out[r.case_id]
            if line.next_due is None or r.due < line.next_due:
                line.next_due = r.due
    order = {r.case_id: i for i, r in enumerate(report.results)}
    return dict(sorted(out.items(), key=lambda kv: (kv[0] is None, order.get(kv[0], 0))))


def full_table(
    results: Sequence[ObligationResult],
    report: CaseloadReport,
    *,
    style: Style | None = None,
    statuses: Sequence[Status] = (),
) -> list[str]:
    """Every result given, one per row, the explanation wrapped to the width.

    The footer counts the rows shown, by status (most urgent first), and says which
    statuses were asked for and how many results the report holds in all.
    """
    style = style or Style()
    rows = [
        (
            _case_label(r),
            _t(r.obligation),
            r.status,
            r.due.isoformat() if r.due else "-",
            _t(r.explanation),
        )
        for r in results
    ]
    headers = ("case", "obligation", "status", "due")
    cols = [
        [row[0] for row in rows],
        [row[1] for row in rows],
        [row[2].value for row in rows],
        [row[3] for row in rows],
    ]
    widths = [max([len(h), *(len(x) for x in col)]) for h, col in zip(headers, cols, strict=True)]
    # the obligation column gives way first, so the explanation keeps 30 columns or more
    room = style.width - (sum(widths) + 2 * 4) - 30
    if room < 0:
        widths[1] = max(20, widths[1] + room)
    # narrower still: the case and obligation columns share what the others leave
    fixed = widths[2] + widths[3] + 2 * 4
    if fixed + widths[0] + widths[1] > style.width:
        left = max(style.width - fixed, 8)
        widths[0] = min(widths[0], max(left // 3, 4))
        widths[1] = max(left - widths[0], 4)
    used = sum(widths) + 2 * 4
    explain_width = style.width - used
    below = explain_width < 20  # too narrow for a column: each explanation goes below
    lines = [
        style.paint(
            "  ".join(style.cut(h, w).ljust(w) for h, w in zip(headers, widths, strict=True))
            + ("" if below else "  explanation"),
            _DIM,
        ),
        "  ".join("-" * w for w in widths) + ("" if below else "  " + "-" * 11),
    ]
    indent = " " * used
    for case, obligation, status, due, explanation in rows:
        cells = [
            style.cut(case, widths[0]).ljust(widths[0]),
            style.cut(obligation, widths[1]).ljust(widths[1]),
            style.paint(status.value.ljust(widths[2]), _STATUS_SGR[status]),
            due.ljust(widths[3]),
        ]
        head = "  ".join(cells) + "  "
        if not below:
            wrapped = textwrap.wrap(explanation, explain_width, break_on_hyphens=False) or [""]
            lines.append(head + wrapped[0])
            lines.extend(indent + more for more in wrapped[1:])
        else:  # too narrow for a column: the explanation goes below, indented
            lines.append(head.rstrip())
            lines.extend(_wrap(explanation, style, "    "))
    counts = dict.fromkeys(Status, 0)
    for r in results:
        counts[r.status] += 1
    summary = ", ".join(f"{counts[s]:,} {s.value}" for s in STATUSES_BY_URGENCY if counts[s])
    which = f" with status {', '.join(s.value for s in statuses)}" if statuses else ""
    footer = (
        f"{_n(len(results), 'result')} shown{which}"
        + (f" ({summary})" if summary else "")
        + f", of {_n(len(report.results), 'result')} as of {report.as_of.isoformat()}."
    )
    lines += ["", *_wrap(footer, style)]
    return lines
