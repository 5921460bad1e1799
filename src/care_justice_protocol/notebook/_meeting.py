"""The pack for the quarterly management meeting: one self-contained HTML page.

3.14.12 §3: "the lead managers ... will meet on a quarterly basis to review joint cases";
3.14.13 §3: a quarterly middle-management meeting, "notes will be taken on a rotational
basis between agencies"; 3.14.12 §4: "twice a year the operational managers ... will
quality assure a number of joint cases. These findings will be recorded and feedback given
to individual workers" and "shared with the heads of the services".

[`quarterly_report_html`][care_justice_protocol.quarterly_report_html] builds what a manager takes
into that meeting: the joint cases of the quarter, what is overdue and what falls due (per case and
per service), the partnership obligations (meetings held, quarters missed, whose turn it is to take
the notes), the twice-yearly QA (its seed and sample, and whether each record is complete), a
chart of the caseload by obligation and a small timeline per case with something overdue.

The page needs nothing else: inline CSS, inline SVG pictures, no script, no font or image
fetched, laid out for A4 paper when printed. It shows ids, statuses, dates of events and
counts: no names, dates of birth or free text, and every value is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from html import escape
from typing import Final

from .._checks import check_count, check_date
from .._errors import InvalidArgumentError
from ..calendar._periods import Period, Recurrence
from ..calendar._working_days import WorkingCalendar
from ..compliance._partnership import joint_case_ids, notes_rotation, qa_sample
from ..compliance._results import (
    STATUSES_BY_URGENCY,
    CaseloadReport,
    ObligationResult,
    Status,
    who_must_act,
    workers_on,
)
from ..model._events import Caseload, JointCase
from ..protocols._rules import Protocol, Strength
from ._html import STATUS_COLOURS, status_badge

__all__ = ["quarter_of", "quarterly_report_html"]

_QUARTERS: Final = Recurrence.quarterly()

#: The page's style sheet: screen and A4 print.
_CSS: Final = """
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
       color: #24292f; margin: 0 auto; max-width: 190mm; padding: 8mm 6mm;
       font-size: 10.5pt; line-height: 1.35; background: #fff; }
h1 { font-size: 17pt; margin: 0 0 2mm 0; }
h2 { font-size: 13pt; margin: 7mm 0 2mm 0; border-bottom: 1px solid #d0d7de;
     padding-bottom: 1mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 4mm 0 1mm 0; break-after: avoid; }
p { margin: 1mm 0 2mm 0; }
.meta { color: #57606a; font-size: 9.5pt; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm 0; font-size: 9.5pt; }
th, td { border: 1px solid #d0d7de; padding: 1.2mm 1.6mm; text-align: left;
         vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
.nowrap, time, td:first-child { white-space: nowrap; }
.cards { display: flex; flex-wrap: wrap; gap: 3mm; margin: 3mm 0; }
.card { border: 1px solid #d0d7de; border-radius: 2mm; padding: 2mm 3mm; min-width: 34mm; }
.card b { display: block; font-size: 16pt; }
.card.alert { border-color: #cf222e; }
.badge { padding: 0 1.2mm; border-radius: 1mm; white-space: nowrap; }
.none { color: #57606a; font-style: italic; }
.timeline { break-inside: avoid; margin: 2mm 0 4mm 0; }
svg text { font-family: inherit; }
footer { margin-top: 8mm; color: #57606a; font-size: 8.5pt; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; } }
"""


def quarter_of(day_or_year: date | int, quarter: int | None = None) -> Period:
    """The calendar quarter holding a day, or quarter ``quarter`` of a year.

    Examples:
        >>> from datetime import date
        >>> quarter_of(date(2026, 11, 25))
        Period(start=datetime.date(2026, 10, 1), end=datetime.date(2026, 12, 31), label='2026-Q4')
        >>> quarter_of(2027, 1).label
        '2027-Q1'
    """
    if isinstance(day_or_year, date):
        return _QUARTERS.period_containing(check_date("day", day_or_year))
    year = check_count("year", day_or_year, 1, 9999)
    q = check_count("quarter", quarter, 1, 4)
    return _QUARTERS.period_containing(date(year, 3 * q - 2, 1))


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _day(d: date | None) -> str:
    if d is None:
        return '<span class="none">none</span>'
    return f'<time datetime="{d.isoformat()}">{d.isoformat()}</time>'


def _long_day(d: date) -> str:
    return f"{d:%a} {d.day} {d:%B %Y}"


def _table(
    headers: Sequence[str], rows: Iterable[Sequence[str]], *, numeric: Iterable[int] = ()
) -> str:
    nums = set(numeric)
    head = "".join(
        f"<th{' class=num' if i in nums else ''}>{_e(h)}</th>" for i, h in enumerate(headers)
    )
    body = "".join(
        "<tr>"
        + "".join(f"<td{' class=num' if i in nums else ''}>{c}</td>" for i, c in enumerate(row))
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _section(key: str, title: str, count: int, *parts: str) -> str:
    return (
        f'<section id="{key}" data-count="{count}"><h2>{_e(title)}</h2>{"".join(parts)}</section>'
    )


def _none(text: str) -> str:
    return f'<p class="none">{_e(text)}</p>'


def _case_label(r: ObligationResult) -> str:
    return _e(r.case_id) if r.case_id is not None else "partnership"


def _obligation(r: ObligationResult) -> str:
    text = _e(r.obligation)
    if r.case_id is None and r.period:
        text += f" <span class=nowrap>({_e(r.period)})</span>"
    if r.strength is Strength.GOOD_PRACTICE:
        text += " <em>(good practice)</em>"
    return text


class _People:
    """Who must act on each result: services, with each case's allocated worker id."""

    def __init__(self, caseload: Caseload, protocols: Sequence[Protocol], as_of: date) -> None:
        self.protocols = protocols
        self.as_of = as_of
        self.workers = {c.case_id: workers_on(c.events, as_of) for c in caseload.cases}

    def services(self, r: ObligationResult) -> tuple[str, ...]:
        return who_must_act(r, self.protocols, on=self.as_of)

    def of(self, r: ObligationResult) -> str:
        workers = self.workers.get(r.case_id or "", {})
        parts = [
            f"{_e(s)} <span class=nowrap>({_e(workers[s])})</span>" if s in workers else _e(s)
            for s in self.services(r)
        ]
        return ", ".join(parts) or '<span class="none">-</span>'


def quarterly_report_html(
    caseload: Caseload,
    report: CaseloadReport,
    *,
    protocols: Sequence[Protocol],
    calendar: WorkingCalendar | None = None,
    period: Period | None = None,
    due_within: int = 10,
    qa_size: int = 5,
    qa_seed: int | None = None,
) -> str:
    """The quarterly meeting pack as one self-contained HTML page (see the module docstring).

    Args:
        caseload: the caseload evaluated.
        report: its results (``evaluate_caseload(caseload, as_of, protocol=...)``).
        protocols: the protocols evaluated (who must act, meetings, QA, rotation).
        calendar: the working-day calendar of "due within" (default: England & Wales).
        period: the quarter the meeting reviews (default: the one holding the report's
            date; [`quarter_of`][care_justice_protocol.quarter_of] makes one).
        due_within: "upcoming" means due within this many working days of the report's
            date.
        qa_size: how many joint cases the QA sample draws.
        qa_seed: the sample's seed (default: the year and quarter, 2026-Q4 -> 20264), shown
            in the page so the sample can be drawn again.

    Returns:
        The HTML text of the page (UTF-8; write it to a ``.html`` file).

    Raises:
        InvalidArgumentError: an argument of the wrong kind.

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import BUNDLED_PROTOCOLS, evaluate_caseload
        >>> from care_justice_protocol import example_caseload
        >>> caseload = example_caseload()
        >>> report = evaluate_caseload(caseload, date(2026, 11, 25), protocol=BUNDLED_PROTOCOLS)
        >>> page = quarterly_report_html(caseload, report, protocols=BUNDLED_PROTOCOLS)
        >>> page.startswith("<!DOCTYPE html>"), '<section id="overdue" data-count="15">' in page
        (True, True)
        >>> "<script" in page, "http" in page
        (False, False)
    """
    if not isinstance(caseload, Caseload):
        raise InvalidArgumentError(f"caseload must be a Caseload, not {type(caseload).__name__}")
    if not isinstance(report, CaseloadReport):
        raise InvalidArgumentError(f"report must be a CaseloadReport, not {type(report).__name__}")
    protocols = tuple(protocols)
    if not all(isinstance(p, Protocol) for p in protocols):
        raise InvalidArgumentError("protocols must be Protocol values")
    calendar = calendar or WorkingCalendar.england()
    as_of = report.as_of
    period = period or quarter_of(as_of)
    if not isinstance(period, Period):
        raise InvalidArgumentError(f"period must be a Period, not {type(period).__name__}")
    due_within = check_count("due_within", due_within, 0, 3650)
    qa_size = check_count("qa_size", qa_size)
    seed = period.start.year * 10 + (period.start.month + 2) // 3 if qa_seed is None else qa_seed
    if type(seed) is not int:
        raise InvalidArgumentError(f"qa_seed must be an int, not {type(seed).__name__}")
    people = _People(caseload, protocols, as_of)
    overdue = report.overdue()
    soon = report.upcoming(as_of, due_within, calendar=calendar)
    undated = tuple(r for r in report.results if r.status is Status.DUE and r.due is None)
    until = calendar.add_working_days(as_of, due_within)
    joint = _joint_cases(caseload, protocols, period, as_of)

    body = [
        _header(report, protocols, period, caseload, joint, overdue, soon, undated, until),
        _counts_section(report),
        _actions_section(overdue, soon, undated, people, as_of, until),
        _services_section(overdue, soon, undated, people),
        _partnership_section(caseload, report, protocols, period, as_of),
        _qa_section(caseload, report, protocols, period, as_of, qa_size, seed),
        _joint_section(joint, report, people, caseload),
        _chart_section(report),
        _timelines_section(caseload, overdue, as_of),
        (
            "<footer>Built by care_justice_protocol from the caseload and the protocols named "
            "above. Case, young-person and staff ids only: no names, dates of birth or free "
            "text. Each status, due date and clause can be traced with "
            f"<code>cjp explain CASE_ID --as-of {as_of.isoformat()}</code>.</footer>"
        ),
    ]
    title = f"Quarterly management meeting {period.label}"
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{_CSS}</style></head>"
        f"<body>{''.join(body)}</body></html>\n"
    )


def _header(
    report: CaseloadReport,
    protocols: Sequence[Protocol],
    period: Period,
    caseload: Caseload,
    joint: Mapping[str, tuple[str, ...]],
    overdue: Sequence[ObligationResult],
    soon: Sequence[ObligationResult],
    undated: Sequence[ObligationResult],
    until: date,
) -> str:
    as_of = report.as_of
    names = "; ".join(f"{_e(p.id)} {_e(p.title)}" for p in protocols) or "none"
    gp = report.counts()[Status.GOOD_PRACTICE_MISSED]
    cards = [
        ("overdue", len(overdue), "alert" if overdue else ""),
        (f"due by {until.isoformat()}", len(soon), ""),
        ("due before an event", len(undated), ""),
        ("joint cases this quarter", len(joint), ""),
        ("cases in the caseload", len(caseload.cases), ""),
        ("good practice not followed", gp, ""),
    ]
    card_html = "".join(
        f'<div class="card {cls}"><b>{n:,}</b>{_e(label)}</div>' for label, n, cls in cards
    )
    return (
        f"<header><h1>Quarterly management meeting: {_e(period.label)}</h1>"
        f'<p class="meta">Quarter {_day(period.start)} to {_day(period.end)}. Statuses as of '
        f"{_e(_long_day(as_of))} ({_day(as_of)}). Protocols: {names}.</p>"
        f'<div class="cards">{card_html}</div></header>'
    )


def _counts_section(report: CaseloadReport) -> str:
    counts = report.counts()
    duties = [s for s in STATUSES_BY_URGENCY if s is not Status.GOOD_PRACTICE_MISSED]
    rows = [(status_badge(s), f"{counts[s]:,}") for s in duties]
    gp = Status.GOOD_PRACTICE_MISSED
    return _section(
        "counts",
        "Results by status",
        len(report.results),
        _table(("status", "results"), rows, numeric=(1,)),
        f"<p>Good practice, not a duty (3.14.13 &ldquo;It is good practice&rdquo;): "
        f"{status_badge(gp)} {counts[gp]:,}.</p>",
    )


def _joint_cases(
    caseload: Caseload, protocols: Sequence[Protocol], period: Period, as_of: date
) -> dict[str, tuple[str, ...]]:
    """Case id -> the protocols it is a joint case of in the quarter.

    A case counts when it is a joint case on the quarter's last day (or the report's date,
    if earlier), or on its first day (closed since).
    """
    end = min(period.end, as_of)
    days = [end] + ([period.start] if period.start <= end else [])
    out: dict[str, list[str]] = {}
    for p in protocols:
        if not p.joint_case:
            continue
        for day in days:
            for case_id in joint_case_ids(caseload, day, protocol=p):
                ids = out.setdefault(case_id, [])
                if p.id not in ids:
                    ids.append(p.id)
    return {k: tuple(v) for k, v in sorted(out.items())}


def _joint_section(
    joint: Mapping[str, tuple[str, ...]],
    report: CaseloadReport,
    people: _People,
    caseload: Caseload,
) -> str:
    per_case = report.by_case()
    rows = []
    for case_id, ids in joint.items():
        results = per_case.get(case_id, ())
        over = sum(1 for r in results if r.status is Status.OVERDUE)
        due = sum(1 for r in results if r.status is Status.DUE)
        workers = people.workers.get(case_id, {})
        rows.append(
            (
                _e(case_id),
                ", ".join(_e(i) for i in ids),
                f"{over:,}",
                f"{due:,}",
                ", ".join(f"{_e(w)} ({_e(s)})" for s, w in workers.items())
                or '<span class="none">-</span>',
            )
        )
    parts = (
        [
            _table(
                ("case", "joint case of", "overdue", "due", "allocated workers"),
                rows,
                numeric=(2, 3),
            )
        ]
        if rows
        else [_none("No joint cases in this quarter.")]
    )
    return _section(
        "joint-cases",
        f"Joint cases in the quarter: {len(joint):,}",
        len(joint),
        "<p>Open to both services (3.14.12) or a Next Step young person the probation "
        "service is responsible for (3.14.13) on the quarter's first or last day.</p>",
        *parts,
    )


def _actions_section(
    overdue: Sequence[ObligationResult],
    soon: Sequence[ObligationResult],
    undated: Sequence[ObligationResult],
    people: _People,
    as_of: date,
    until: date,
) -> str:
    def rows(results: Iterable[ObligationResult], late: bool) -> list[tuple[str, ...]]:
        out: list[tuple[str, ...]] = []
        for r in results:
            if r.due is None:
                days = '<span class="none">before an event</span>'
            else:
                days = f"{abs((as_of - r.due).days):,}"
            out.append(
                (_case_label(r), _obligation(r), _e(r.clause), _day(r.due), days, people.of(r))
            )
        return out

    by_case_over = sorted(
        overdue, key=lambda r: (r.case_id is None, r.case_id or "", r.due or as_of)
    )
    parts = [
        f"<h3>Overdue: {len(overdue):,}</h3>",
        _table(
            ("case", "obligation", "clause", "due", "days late", "who must act"),
            rows(by_case_over, True),
            numeric=(4,),
        )
        if overdue
        else _none("Nothing is overdue."),
        (
            f"<h3>Due by {_e(_long_day(until))}: {len(soon):,}; due before an event: "
            f"{len(undated):,}</h3>"
        ),
        _table(
            ("case", "obligation", "clause", "due", "days left", "who must act"),
            rows([*soon, *undated], False),
            numeric=(4,),
        )
        if soon or undated
        else _none("Nothing falls due."),
    ]
    return (
        _section("overdue", "Overdue and upcoming, per case", len(overdue), *parts)
        + f'<span id="upcoming" data-count="{len(soon) + len(undated)}" hidden></span>'
    )


def _services_section(
    overdue: Sequence[ObligationResult],
    soon: Sequence[ObligationResult],
    undated: Sequence[ObligationResult],
    people: _People,
) -> str:
    table: dict[str, list[int]] = {}
    for column, results in ((0, overdue), (1, (*soon, *undated))):
        for r in results:
            for s in people.services(r):
                table.setdefault(s, [0, 0])[column] += 1
    rows = [(_e(s), f"{a:,}", f"{b:,}") for s, (a, b) in sorted(table.items())]
    return _section(
        "services",
        "Per service",
        len(rows),
        "<p>Each item counts for every service that carries it.</p>",
        _table(("service", "overdue", "due soon"), rows, numeric=(1, 2))
        if rows
        else _none("No service has anything overdue or due."),
    )


def _partnership_section(
    caseload: Caseload,
    report: CaseloadReport,
    protocols: Sequence[Protocol],
    period: Period,
    as_of: date,
) -> str:
    parts = []
    meetings_total = 0
    for p in protocols:
        for q in p.periodic:
            if q.meeting_kind is None:
                continue
            slots = [r for r in report.results if r.case_id is None and r.obligation == q.id]
            missed = [r for r in slots if r.status is Status.OVERDUE]
            held = [
                m
                for m in caseload.management_meetings
                if m.kind == q.meeting_kind and m.on in period and m.on <= as_of
            ]
            meetings_total += len(held)
            parts.append(f"<h3>{_e(q.clause)}: {_e(q.summary)}</h3>")
            parts.append(
                f"<p>Read as: {_e(q.recurrence.describe())}. Periods missed since monitoring "
                f"began: {len(missed):,}"
                + (
                    " ("
                    + ", ".join(f"<span class=nowrap>{_e(r.period)}</span>" for r in missed)
                    + ")"
                    if missed
                    else ""
                )
                + ".</p>"
            )
            recent = slots[-4:]
            parts.append(
                _table(
                    ("period", "status", "due", "held on"),
                    [
                        (_e(r.period or ""), status_badge(r.status), _day(r.due), _day(r.met_on))
                        for r in recent
                    ],
                )
                if recent
                else _none("No periods to report yet.")
            )
            rows = [
                (
                    _day(m.on),
                    "yes" if m.recorded else "no",
                    _e(m.notes_taken_by or "-"),
                    f"{len(m.case_ids):,}",
                )
                for m in sorted(held, key=lambda m: m.on)
            ]
            parts.append(
                _table(
                    ("meeting held", "recorded", "notes taken by", "cases reviewed"),
                    rows,
                    numeric=(3,),
                )
                if rows
                else _none(f"No {q.meeting_kind} meeting held in {period.label} yet.")
            )
            if q.notes_rotate:
                meetings = [m for m in caseload.management_meetings if m.kind == q.meeting_kind]
                _, upcoming = notes_rotation(meetings, as_of, protocol=p, obligation=q.id)
                parts.append(
                    f'<p id="notes-next">Whose turn to take the notes next (3.14.13 &ldquo;notes '
                    f"will be taken on a rotational basis between agencies&rdquo;): "
                    f"<b>{_e(upcoming)}</b>.</p>"
                )
    return _section(
        "partnership",
        "Partnership obligations: management meetings",
        meetings_total,
        *(parts or [_none("The protocols give no management meetings.")]),
    )


def _qa_section(
    caseload: Caseload,
    report: CaseloadReport,
    protocols: Sequence[Protocol],
    period: Period,
    as_of: date,
    size: int,
    seed: int,
) -> str:
    parts = []
    n_records = 0
    for p in protocols:
        for q in p.periodic:
            if q.meeting_kind is not None:
                continue
            slots = [r for r in report.results if r.case_id is None and r.obligation == q.id]
            current = next((r for r in slots if r.due is not None and r.due >= period.start), None)
            parts.append(f"<h3>{_e(q.clause)}: {_e(q.summary)}</h3>")
            if current is not None:
                parts.append(
                    f"<p>This half-year ({_e(current.period or '')}): "
                    f"{status_badge(current.status)}, due {_day(current.due)}.</p>"
                )
            if p.joint_case:
                population = joint_case_ids(caseload, as_of, protocol=p)
                sample = qa_sample(caseload, as_of, size, seed=seed, protocol=p)
                parts.append(
                    f'<p id="qa-sample" data-seed="{seed}">Sample of {len(sample):,} of the '
                    f"{len(population):,} joint cases of {_e(p.id)} on {_day(as_of)}, drawn "
                    f"with seed <b>{seed}</b> (the same seed gives the same sample): "
                    + (", ".join(_e(c) for c in sample) or "none")
                    + ".</p>"
                )
            records = sorted(
                (r for r in caseload.quality_assurance if r.on <= as_of), key=lambda r: r.on
            )[-4:]
            n_records += len(records)
            rows = [
                (
                    _day(r.on),
                    f"{len(r.case_ids):,}",
                    _yes(r.findings_recorded),
                    _yes(r.feedback_given),
                    _yes(r.shared_with_heads_of_service),
                    "complete"
                    if r.findings_recorded and r.feedback_given and r.shared_with_heads_of_service
                    else "<b>incomplete</b>",
                )
                for r in records
            ]
            parts.append(
                _table(
                    (
                        "QA on",
                        "cases",
                        "findings recorded",
                        "feedback to workers",
                        "shared with heads of service",
                        "record",
                    ),
                    rows,
                    numeric=(1,),
                )
                if rows
                else _none("No quality assurance recorded yet.")
            )
    return _section(
        "qa",
        "Twice-yearly quality assurance (3.14.12 §4)",
        n_records,
        "<p>&ldquo;These findings will be recorded and feedback given to individual workers"
        "&rdquo;, and shared with the heads of the services. The last four records:</p>",
        *(parts or [_none("The protocols give no quality assurance.")]),
    )


def _yes(flag: bool) -> str:
    return "yes" if flag else "<b>no</b>"


# --------------------------------------------------------------------------- pictures


def _chart_section(report: CaseloadReport) -> str:
    """A horizontal stacked bar per obligation: its results by status (not-applicable left
    out), most urgent status first, with a legend."""
    shown = [s for s in STATUSES_BY_URGENCY if s is not Status.NOT_APPLICABLE]
    per: dict[str, dict[Status, int]] = {}
    for r in report.results:
        if r.status is Status.NOT_APPLICABLE:
            continue
        per.setdefault(r.obligation, dict.fromkeys(shown, 0))[r.status] += 1
    if not per:
        return _section("chart", "The caseload by obligation", 0, _none("No results."))
    rows = sorted(per.items(), key=lambda kv: (-kv[1][Status.OVERDUE], -sum(kv[1].values()), kv[0]))
    label_w, bar_w, row_h, top = 330, 360, 15, 26
    most = max(sum(c.values()) for _, c in rows)
    height = top + row_h * len(rows) + 8
    out = [
        (
            f'<svg role="img" aria-label="Results by obligation and status" width="100%" '
            f'viewBox="0 0 {label_w + bar_w + 40} {height}">'
        )
    ]
    x = 0
    for s in shown:  # legend
        colour = STATUS_COLOURS[s].mark
        out.append(
            f'<rect x="{x}" y="4" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="13" font-size="10">{_e(s.value)}</text>'
        )
        x += 14 + 7 * len(s.value) + 14
    for i, (obligation, counts) in enumerate(rows):
        y = top + i * row_h
        out.append(
            f'<text x="{label_w - 6}" y="{y + 10}" font-size="9" '
            f'text-anchor="end">{_e(obligation)}</text>'
        )
        x0 = float(label_w)
        for s in shown:
            n = counts[s]
            if not n:
                continue
            w = bar_w * n / most
            out.append(
                f'<rect x="{x0:.1f}" y="{y + 1}" width="{max(w, 1):.1f}" height="{row_h - 4}" '
                f'fill="{STATUS_COLOURS[s].mark}"><title>{_e(obligation)}: {n} '
                f"{_e(s.value)}</title></rect>"
            )
            x0 += w
        out.append(
            f'<text x="{x0 + 4:.1f}" y="{y + 10}" font-size="9">{sum(counts.values()):,}</text>'
        )
    out.append("</svg>")
    return _section(
        "chart",
        "The caseload by obligation",
        len(rows),
        "<p>Results that apply, per obligation, by status (not-applicable left out).</p>",
        "".join(out),
    )


def _timelines_section(caseload: Caseload, overdue: Sequence[ObligationResult], as_of: date) -> str:
    cases: dict[str, list[ObligationResult]] = {}
    for r in overdue:
        if r.case_id is not None:
            cases.setdefault(r.case_id, []).append(r)
    parts = []
    by_id = {c.case_id: c for c in caseload.cases}
    for case_id in sorted(cases):
        case = by_id.get(case_id)
        if case is not None:
            parts.append(_timeline_svg(case, cases[case_id], as_of))
    return _section(
        "timelines",
        "A timeline per case with something overdue",
        len(parts),
        "<p>Events (grey marks, by type) and each overdue obligation: a bar from the day it "
        "arose, a tick at its due date, red from the due date to today.</p>",
        *(parts or [_none("No case has anything overdue.")]),
    )


def _timeline_svg(case: JointCase, results: Sequence[ObligationResult], as_of: date) -> str:
    events = [e for e in case.timeline() if e.on <= as_of]
    days = [e.on for e in events] + [as_of]
    days += [d for r in results for d in (r.trigger, r.due) if d is not None]
    first, last = min(days), max(days)
    first -= timedelta(days=7)
    last += timedelta(days=7)
    span = max((last - first).days, 1)
    left, width, row_h = 190, 480, 16
    height = 30 + row_h * (1 + len(results)) + 14

    def x(d: date) -> float:
        return left + width * (d - first).days / span

    out = [
        (
            f'<div class="timeline"><h3>{_e(case.case_id)}</h3>'
            f'<svg role="img" aria-label="Timeline of case {_e(case.case_id)}" width="100%" '
            f'viewBox="0 0 {left + width + 20} {height}">'
        ),
        f'<text x="{left - 6}" y="22" font-size="9" text-anchor="end">events</text>',
    ]
    for e in events:
        out.append(
            f'<circle cx="{x(e.on):.1f}" cy="18" r="3.2" fill="#57606a">'
            f"<title>{e.on.isoformat()} {_e(e.type)}</title></circle>"
        )
    red = STATUS_COLOURS[Status.OVERDUE].mark
    for i, r in enumerate(results):
        y = 30 + row_h * (i + 1)
        start = r.trigger or r.due or as_of
        out.append(
            f'<text x="{left - 6}" y="{y + 4}" font-size="9" text-anchor="end">'
            f"{_e(r.obligation.rsplit('/', 1)[-1])}</text>"
        )
        out.append(
            f'<line x1="{x(start):.1f}" y1="{y}" x2="{x(r.due or as_of):.1f}" y2="{y}" '
            f'stroke="#8c959f" stroke-width="4"/>'
        )
        if r.due is not None:
            out.append(
                f'<line x1="{x(r.due):.1f}" y1="{y}" x2="{x(as_of):.1f}" y2="{y}" '
                f'stroke="{red}" stroke-width="4"/>'
                f'<line x1="{x(r.due):.1f}" y1="{y - 6}" x2="{x(r.due):.1f}" '
                f'y2="{y + 6}" stroke="{red}" stroke-width="2">'
                f"<title>due {r.due.isoformat()}</title></line>"
            )
    axis_y = height - 6
    out.append(
        f'<line x1="{x(as_of):.1f}" y1="2" x2="{x(as_of):.1f}" y2="{axis_y - 8}" '
        'stroke="#24292f" stroke-dasharray="3,2"/>'
    )
    out.append(
        f'<text x="{left}" y="{axis_y}" font-size="9">{first.isoformat()}</text>'
        f'<text x="{left + width}" y="{axis_y}" font-size="9" text-anchor="end">'
        f"{last.isoformat()}</text>"
        f'<text x="{x(as_of) - 4:.1f}" y="9" font-size="9" text-anchor="end">'
        f"as of {as_of.isoformat()}</text>"
    )
    out.append("</svg></div>")
    return "".join(out)
