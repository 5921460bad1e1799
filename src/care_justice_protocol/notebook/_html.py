"""HTML for notebooks: the ``_repr_html_`` of cases, caseloads, results and reports.

Every function returns a string built from escaped text (``html.escape``) with inline
styles only, so the tables look the same in Jupyter, in a rendered notebook on a code
host and in the documentation. Statuses are coloured *and* spelled out, so colour is
never the only signal.

What is shown follows the reprs: identifiers, counts, statuses, event types, dates and
enumerated fields. Names, dates of birth and free text (fields with ``repr=False``) are
never shown. Large reports are summarised (counts per status and per obligation) and
their detail is capped, so a report of ten thousand cases renders in well under a second.
"""

from __future__ import annotations

import enum
import heapq
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from html import escape
from typing import TYPE_CHECKING, Final, NamedTuple

import attrs

from ..compliance._results import STATUSES_BY_URGENCY, Status, urgency_key
from ..model._constraints import Meaning, fields_of

if TYPE_CHECKING:
    from ..compliance._results import CaseloadReport, ObligationResult
    from ..model._events import CaseEvent, Caseload, JointCase

__all__ = [
    "MAX_CASES",
    "MAX_EVENTS",
    "MAX_RESULTS",
    "STATUS_COLOURS",
    "case_html",
    "caseload_html",
    "report_html",
    "result_html",
    "results_html",
    "status_badge",
    "visible_fields",
]


class Swatch(NamedTuple):
    """The colours of one status: text on background for tables, a mark for pictures."""

    text: str
    background: str
    mark: str


#: Colours per status, shared by the HTML tables and the timeline picture. The text and
#: background pairs have a contrast ratio above 4.5:1 (WCAG AA for normal text).
STATUS_COLOURS: Final[Mapping[Status, Swatch]] = {
    Status.MET: Swatch("#116329", "#dafbe1", "#1a7f37"),
    Status.MET_LATE: Swatch("#7d4e00", "#fff8c5", "#bf8700"),
    Status.DUE: Swatch("#0550ae", "#ddf4ff", "#0969da"),
    Status.OVERDUE: Swatch("#a40e26", "#ffebe9", "#cf222e"),
    Status.NOT_APPLICABLE: Swatch("#57606a", "#f6f8fa", "#8c959f"),
    Status.NO_TIMESCALE: Swatch("#6639ba", "#fbefff", "#8250df"),
    Status.GOOD_PRACTICE_MISSED: Swatch("#3d4f5c", "#eef2f5", "#6e7781"),
    Status.NOT_FOLLOWED: Swatch("#953800", "#fff1e5", "#bc4c00"),
}

#: Detail rows shown before a report is cut short (the summary tables are always whole).
MAX_RESULTS: Final = 50
#: Events shown for one case before the table is cut short.
MAX_EVENTS: Final = 100
#: Cases listed for a caseload before the table is cut short.
MAX_CASES: Final = 50

_TABLE: Final = "border-collapse:collapse;margin:0.25em 0 0.75em 0;font-size:0.9em"
_CELL: Final = "border:1px solid #d0d7de;padding:2px 6px;text-align:left;vertical-align:top"
_HEAD: Final = _CELL + ";font-weight:600"
_NUM: Final = "border:1px solid #d0d7de;padding:2px 6px;text-align:right"
_NOTE: Final = "margin:0.25em 0;font-size:0.85em;font-style:italic"
_TITLE: Final = "margin:0.25em 0;font-weight:600"
_EMPTY: Final = "\N{EM DASH}"


def _text(value: object) -> str:
    """A field value as escaped text: enums by value, dates ISO, tuples comma-joined."""
    if value is None:
        return _EMPTY
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return escape(str(value.value))
    if isinstance(value, date):  # never wrapped at its hyphens
        return f'<span style="white-space:nowrap">{value.isoformat()}</span>'

    if isinstance(value, tuple):
        return ", ".join(_text(v) for v in value) if value else _EMPTY
    return escape(str(value))


def _nowrap(html: str) -> str:
    """Already-escaped text kept on one line (a period such as "since 2025-08-01")."""
    return f'<span style="white-space:nowrap">{html}</span>'


def status_badge(status: Status) -> str:
    """The status as coloured, bold-when-overdue text (colour is never the only signal)."""
    sw = STATUS_COLOURS[status]
    weight = ";font-weight:700" if status is Status.OVERDUE else ""
    return (
        f'<span style="color:{sw.text};background:{sw.background};padding:0 4px;'
        f'border-radius:3px;white-space:nowrap{weight}">{escape(status.value)}</span>'
    )


def _row(cells: Iterable[str], style: str = _CELL) -> str:
    return "<tr>" + "".join(f'<td style="{style}">{c}</td>' for c in cells) + "</tr>"


def _table(headers: Sequence[str], rows: Iterable[str]) -> str:
    head = "".join(f'<th style="{_HEAD}">{escape(h)}</th>' for h in headers)
    body = "".join(rows)
    return f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _facts(pairs: Iterable[tuple[str, str]]) -> str:
    """A two-column table of already-escaped values."""
    rows = "".join(
        f'<tr><th style="{_HEAD}">{escape(k)}</th><td style="{_CELL}">{v}</td></tr>'
        for k, v in pairs
    )
    return f'<table style="{_TABLE}"><tbody>{rows}</tbody></table>'


def _wrap(title: str, *parts: str) -> str:
    return f'<div class="cjp"><div style="{_TITLE}">{title}</div>{"".join(parts)}</div>'


def _note(text: str) -> str:
    return f'<p style="{_NOTE}">{text}</p>'


# --------------------------------------------------------------------------- results


def result_html(result: ObligationResult) -> str:
    """One obligation result as a two-column table, status coloured."""
    r = result
    pairs = [
        ("case", _text(r.case_id) if r.case_id is not None else "partnership"),
        ("obligation", _text(r.obligation)),
        ("clause", _text(r.clause)),
        ("status", status_badge(r.status)),
        ("due", _text(r.due)),
        ("trigger", _text(r.trigger)),
        ("met on", _text(r.met_on)),
        ("evidence", _text(r.evidence)),
        ("explanation", _text(r.explanation)),
        ("rule", _text(r.rule)),
        ("policy", _text(r.policy) if r.policy else _EMPTY),
    ]
    if r.period is not None:
        pairs.append(("period", _nowrap(_text(r.period))))
    return _wrap("ObligationResult", _facts(pairs))


_RESULT_HEADERS: Final = ("case", "obligation", "status", "due", "met on", "period", "explanation")


def _result_row(r: ObligationResult) -> str:
    return _row(
        (
            _text(r.case_id) if r.case_id is not None else "partnership",
            _text(r.obligation),
            status_badge(r.status),
            _text(r.due),
            _text(r.met_on),
            _nowrap(_text(r.period)),
            _text(r.explanation),
        )
    )


def results_html(results: Sequence[ObligationResult]) -> str:
    """A table with one row per result, in the order given."""
    return _table(_RESULT_HEADERS, (_result_row(r) for r in results))


def report_html(report: CaseloadReport, *, max_rows: int = MAX_RESULTS) -> str:
    """A caseload report: counts per status, counts per obligation, then the results.

    With more than ``max_rows`` results only the ``max_rows`` most urgent are listed
    (overdue first, earliest due date first), with a note saying so.
    """
    results = report.results
    per_status = dict.fromkeys(Status, 0)
    per_obligation: dict[str, dict[Status, int]] = {}
    cases: set[str | None] = set()
    for r in results:
        per_status[r.status] += 1
        counts = per_obligation.get(r.obligation)
        if counts is None:
            counts = per_obligation[r.obligation] = dict.fromkeys(Status, 0)
        counts[r.status] += 1
        cases.add(r.case_id)
    n_cases = len(cases - {None})
    title = (
        f"CaseloadReport as of {report.as_of.isoformat()}: {len(results):,} "
        f"result{'s' if len(results) != 1 else ''} for {n_cases:,} "
        f"case{'s' if n_cases != 1 else ''}" + (" and the partnership" if None in cases else "")
    )
    statuses = STATUSES_BY_URGENCY  # most urgent first
    status_table = _table(
        ("status", "results"),
        (_row((status_badge(s), f"{per_status[s]:,}")) for s in statuses),
    )
    obligation_rows = []
    for ob, counts in per_obligation.items():
        cells = [_text(ob)]
        for s in statuses:
            n = counts[s]
            sw = STATUS_COLOURS[s]
            cells.append(f'<span style="color:{sw.text}">{n:,}</span>' if n else "0")
        obligation_rows.append(_row(cells))
    obligation_table = _table(("obligation", *(s.value for s in statuses)), obligation_rows)
    if len(results) <= max_rows:
        shown: Sequence[ObligationResult] = results
        note = ""
    else:
        shown = heapq.nsmallest(max_rows, results, key=urgency_key)
        note = _note(
            f"Showing the {len(shown):,} most urgent of {len(results):,} results (overdue "
            "first, earliest due date first). <code>report.to_pandas()</code> or "
            "<code>report.with_status(...)</code> gives them all."
        )
    return _wrap(
        escape(title),
        status_table,
        f'<details><summary style="cursor:pointer">per obligation ({len(per_obligation)})'
        f"</summary>{obligation_table}</details>",
        note,
        results_html(shown) if shown else _note("No results."),
    )


# --------------------------------------------------------------------------- cases


def visible_fields(event: CaseEvent) -> list[tuple[str, object]]:
    """The fields of ``event`` its repr shows (never free text), less ``on``/``recorded_by``."""
    out = []
    for a, spec in zip(attrs.fields(type(event)), fields_of(type(event)), strict=True):
        if not a.repr or a.name in ("on", "recorded_by"):
            continue
        if spec.constraint.meaning is Meaning.FREE_TEXT:
            continue
        out.append((a.name, getattr(event, a.name)))
    return out


def _details(event: CaseEvent) -> str:
    parts = [f"{escape(name)}={_text(value)}" for name, value in visible_fields(event)]
    return "; ".join(parts) if parts else _EMPTY


def case_html(case: JointCase, *, max_events: int = MAX_EVENTS) -> str:
    """A joint case: its ids, the young person's statuses, and its events in date order.

    The young person's name and date of birth, staff names and free text are not shown.
    """
    yp = case.young_person
    facts = _facts(
        [
            ("case", _text(case.case_id)),
            ("young person", _text(yp.id)),
            ("care status", _text(yp.care_status)),
            ("legal status", _text(yp.legal_status)),
            ("ICTA", _text(yp.has_icta)),
            ("events", f"{len(case.events):,}"),
            ("staff", f"{len(case.staff):,}"),
        ]
    )
    timeline = case.timeline()
    shown = timeline[:max_events]
    rows = (_row((_text(e.on), _text(e.type), _text(e.recorded_by), _details(e))) for e in shown)
    parts = [facts]
    if shown:
        parts.append(_table(("on", "event", "recorded by", "details"), rows))
    else:
        parts.append(_note("No events recorded."))
    if len(timeline) > len(shown):
        parts.append(_note(f"Showing the first {len(shown):,} of {len(timeline):,} events."))
    return _wrap(f"JointCase {_text(case.case_id)}", *parts)


def caseload_html(caseload: Caseload, *, max_cases: int = MAX_CASES) -> str:
    """A caseload: counts, then one row per case (ids, statuses, event counts and span)."""
    facts = _facts(
        [
            ("schema version", _text(caseload.schema_version)),
            ("cases", f"{len(caseload.cases):,}"),
            ("management meetings", f"{len(caseload.management_meetings):,}"),
            ("quality assurance records", f"{len(caseload.quality_assurance):,}"),
        ]
    )
    rows = []
    for case in caseload.cases[:max_cases]:
        days = [e.on for e in case.events]
        rows.append(
            _row(
                (
                    _text(case.case_id),
                    _text(case.young_person.id),
                    _text(case.young_person.care_status),
                    _text(case.young_person.legal_status),
                    f"{len(case.events):,}",
                    _text(min(days)) if days else _EMPTY,
                    _text(max(days)) if days else _EMPTY,
                )
            )
        )
    parts = [facts]
    if rows:
        parts.append(
            _table(
                ("case", "young person", "care status", "legal status", "events", "first", "last"),
                rows,
            )
        )
    if len(caseload.cases) > max_cases:
        parts.append(_note(f"Showing the first {max_cases:,} of {len(caseload.cases):,} cases."))
    return _wrap("Caseload", *parts)
