"""Pictures (the optional ``plot`` extra, matplotlib): a case's timeline, a caseload.

The picture is drawn on a ``matplotlib.figure.Figure`` created directly, never
through ``pyplot``, so nothing here touches matplotlib's global state or backend.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Final

from .._checks import check_date
from .._errors import InvalidArgumentError
from ..calendar._working_days import WorkingCalendar
from ..compliance._engine import evaluate
from ..compliance._results import STATUSES_BY_URGENCY, CaseloadReport, ObligationResult, Status
from ..io._protocols import BUNDLED_PROTOCOLS
from ..model._events import CaseEvent, JointCase
from ._html import STATUS_COLOURS
from ._optional import import_optional

if TYPE_CHECKING:
    from collections.abc import Iterable

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..protocols._rules import Protocol

__all__ = ["EVENT_LANES", "plot_caseload", "plot_timeline"]

#: The event lanes at the top of the picture, top to bottom, and the event types in each;
#: events of any other type go in the last lane, "other events".
EVENT_LANES: Final[Mapping[str, frozenset[str]]] = {
    "allocation": frozenset(
        {"allocated", "responsibility-accepted", "case-transferred", "case-closed"}
    ),
    "meetings": frozenset({"meeting-held"}),
    "court": frozenset({"court-hearing", "sentenced"}),
}
_OTHER: Final = "other events"
_LANE_MARKERS: Final[Mapping[str, str]] = {
    "allocation": "s",
    "meetings": "D",
    "court": "^",
    _OTHER: "o",
}
_INK: Final = "#24292f"
_FEATURE: Final = "plot_timeline()"


def _lane(event: CaseEvent) -> str:
    for lane, types in EVENT_LANES.items():
        if event.type in types:
            return lane
    return _OTHER


def _label(r: ObligationResult) -> str:
    return r.obligation if r.period is None else f"{r.obligation} ({r.period})"


def _stack(names: list[str]) -> str:
    """The names of one day's events in one lane, one per line, a repeat counted: all shown."""
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return "\n".join(name if n == 1 else f"{name} ({n})" for name, n in counts.items())


def _tiers(
    items: list[tuple[date, str]], span_days: float, chars_across: float
) -> tuple[list[int], int]:
    """A tier (0, 1, 2...) per label so labels on one lane never overlap; and how many.

    A label is as many days wide as its characters take on the axis; it goes on the
    lowest tier whose last label ends before it starts.
    """
    day_per_char = span_days / max(chars_across, 1.0)
    ends: list[float] = []
    out = []
    for on, text in items:
        lines = text.split("\n")
        start = float(on.toordinal())
        end = start + (max(len(x) for x in lines) + 2) * day_per_char
        height = len(lines)
        for tier in range(len(ends) + 1):
            block = range(tier, tier + height)
            if all(t >= len(ends) or ends[t] < start for t in block):
                break
        for t in range(tier, tier + height):
            if t < len(ends):
                ends[t] = end
            else:
                ends.append(end)
        out.append(tier)
    return out, len(ends)


def plot_timeline(
    case: JointCase,
    as_of: date,
    *,
    protocol: Protocol | Iterable[Protocol] | None = None,
    calendar: WorkingCalendar | None = None,
    ax: Axes | None = None,
    to_as_of: bool = False,
) -> Figure:
    """Draw a case's events and obligations up to ``as_of`` (needs the ``plot`` extra).

    The top lanes mark the events recorded on or before ``as_of``: allocation (and
    transfers, acceptance of responsibility, closure), meetings, court (hearings and
    sentence) and other events, each labelled by its event type (several on one day are
    all listed; labels that would overlap are moved up a tier, never hidden). Below, one
    row per obligation that applies on ``as_of`` (not-applicable results are left out): a
    line from the trigger to the day it was met (or to ``as_of`` while outstanding), a
    tick at the due date and a dot on the day it was met, coloured by status with the same
    colours as the HTML tables (met green, met late amber, due blue, overdue red, no
    timescale purple); a result met late also gets a thick bar from its due date to the
    day it was met and says how late ("1 day late"), so even a day shows. The legend
    spells each status out. A dashed line marks ``as_of``. Labels carry case ids, event
    types and obligation ids only: no names, dates of birth or free text.

    The time axis spans the events and the obligations' dates (triggers, due dates,
    days met), not the empty time up to ``as_of``: when ``as_of`` is later, an arrow at
    the right edge says so. ``to_as_of=True`` stretches the axis to ``as_of``.

    Args:
        case: the joint case.
        as_of: the date to evaluate on; later events are left out.
        protocol: as for [`evaluate`][care_justice_protocol.evaluate] (default: both bundled
            protocols).
        calendar: as for [`evaluate`][care_justice_protocol.evaluate] (default:
            ``WorkingCalendar.england()``).
        ax: axes to draw on; by default a new ``Figure`` sized to
            the number of rows is created (without ``pyplot``).
        to_as_of: run the time axis up to ``as_of`` even when nothing happens near it.

    Returns:
        The figure drawn on (the one holding ``ax`` when given).

    Raises:
        MissingOptionalDependencyError: if matplotlib is not installed.
        InvalidArgumentError: if ``case`` is not a [`JointCase`][care_justice_protocol.JointCase].

    Examples:
        >>> from datetime import date, timedelta
        >>> from care_justice_protocol import example_caseload
        >>> fig = plot_timeline(example_caseload().case("C-0001"), date(2026, 11, 25))
        >>> ax = fig.axes[0]
        >>> ax.get_title()
        'Case C-0001: events and obligations as of 2026-11-25'
        >>> [t.get_text() for t in ax.get_yticklabels()][:3]
        ['allocation', 'meetings', 'other events']
    """
    if not isinstance(case, JointCase):
        raise InvalidArgumentError(f"case must be a JointCase, not {type(case).__name__}")
    day = check_date("as_of", as_of)
    figure_module: Any = import_optional("matplotlib.figure", "plot", _FEATURE)
    lines_module: Any = import_optional("matplotlib.lines", "plot", _FEATURE)
    dates_module: Any = import_optional("matplotlib.dates", "plot", _FEATURE)
    results = [
        r
        for r in evaluate(
            case,
            day,
            protocol=BUNDLED_PROTOCOLS if protocol is None else protocol,
            calendar=calendar,
        )
        if r.status is not Status.NOT_APPLICABLE
    ]
    events = [e for e in case.timeline() if e.on <= day]
    lanes = [lane for lane in (*EVENT_LANES, _OTHER) if any(_lane(e) == lane for e in events)]

    # The time axis: the events and the obligations' own dates (as_of only if asked).
    days = [e.on for e in events]
    days += [d for r in results for d in (r.trigger, r.due, r.met_on) if d is not None]
    if to_as_of or not days:
        days.append(day)
    lo, hi = min(days), max(days)
    if hi == lo:
        lo, hi = lo - timedelta(days=15), hi + timedelta(days=15)
    pad = max((hi - lo).days * 0.04, 2)
    x_lo, x_hi = lo - timedelta(days=pad), hi + timedelta(days=pad)
    span = float((x_hi - x_lo).days)

    # The labels of each lane, all of them, on tiers that do not overlap.
    names: dict[str, dict[date, list[str]]] = {lane: {} for lane in lanes}
    for e in events:
        kind = getattr(e, "kind", None)
        names[_lane(e)].setdefault(e.on, []).append(e.type if kind is None else str(kind.value))
    chars_across = 9.0 * 72 / (7 * 0.6)  # about 9 inches of axis at 7-point type
    tiers: dict[str, tuple[list[tuple[date, str]], list[int]]] = {}
    lane_height: dict[str, float] = {}
    for lane in lanes:
        items = [(on, _stack(here)) for on, here in sorted(names[lane].items())]
        placed, used = _tiers(items, span, chars_across)
        tiers[lane] = (items, placed)
        lane_height[lane] = 1.0 + 0.45 * max(used - 1, 0)
    lane_y: dict[str, float] = {}
    y = 0.0
    for lane in lanes:
        y += lane_height[lane] - 1.0
        lane_y[lane] = y
        y += 1.0
    rows_y = [y + i for i in range(len(results))]
    labels = [*lanes, *(_label(r) for r in results)]
    ticks = [*(lane_y[lane] for lane in lanes), *rows_y]
    bottom = (rows_y[-1] if rows_y else (y - 1.0)) + 0.5

    if ax is None:
        fig = figure_module.Figure(
            figsize=(11, 1.6 + 0.3 * max(bottom + 0.5, 1)), layout="constrained"
        )
        ax = fig.add_subplot()
    else:
        fig = ax.figure
        while not isinstance(fig, figure_module.Figure):  # a SubFigure: find its root
            fig = fig.figure
    assert ax is not None
    # matplotlib's date converter plots datetime.date values, but its type hints list
    # only numbers and arrays, so the drawing calls go through an untyped name.
    draw: Any = ax

    line2d = lines_module.Line2D
    for lane in lanes:
        here = [e.on for e in events if _lane(e) == lane]
        draw.plot(here, [lane_y[lane]] * len(here), linestyle="none",
                  marker=_LANE_MARKERS[lane], color=_INK, markersize=6)  # fmt: skip
        items, placed = tiers[lane]
        for (on, text), tier in zip(items, placed, strict=True):
            right = (on - x_lo).days > 0.8 * span  # near the right edge: label to the left
            draw.annotate(text, (on, lane_y[lane]), xytext=(-3 if right else 3, 5 + 9 * tier),
                          textcoords="offset points", fontsize=7, color=_INK,
                          ha="right" if right else "left", va="bottom",
                          parse_math=False)  # fmt: skip
    for y_row, r in zip(rows_y, results, strict=True):
        mark = STATUS_COLOURS[r.status].mark
        start = r.trigger if r.trigger is not None else (r.due or r.met_on or day)
        end = r.met_on if r.met_on is not None else day
        draw.plot([start, max(start, end)], [y_row, y_row], color=mark, linewidth=2, alpha=0.7,
                  solid_capstyle="butt")  # fmt: skip
        if r.due is not None:
            draw.plot([r.due], [y_row], linestyle="none", marker="|", markersize=12,
                      markeredgewidth=2, color=mark)  # fmt: skip
        if r.met_on is not None:
            draw.plot([r.met_on], [y_row], linestyle="none", marker="o", markersize=6,
                      color=mark)  # fmt: skip
        if r.status is Status.MET_LATE and r.due is not None and r.met_on is not None:
            late = (r.met_on - r.due).days
            draw.plot([r.due, r.met_on], [y_row, y_row], color=mark, linewidth=6,
                      solid_capstyle="butt")  # fmt: skip
            draw.annotate(f"{late} day{'s' if late != 1 else ''} late", (r.met_on, y_row),
                          xytext=(6, -3), textcoords="offset points", fontsize=7,
                          color=STATUS_COLOURS[Status.MET_LATE].text,
                          parse_math=False)  # fmt: skip
    draw.axvline(day, color=_INK, linestyle="--", linewidth=1)
    ax.set_xlim(x_lo, x_hi)  # type: ignore[arg-type]
    if day > x_hi:
        ax.annotate(f"as of {day.isoformat()} \N{RIGHTWARDS ARROW}", (1.0, 1.0),
                    xycoords="axes fraction", xytext=(-4, -12), textcoords="offset points",
                    ha="right", fontsize=8, color=_INK, parse_math=False)  # fmt: skip

    ax.set_yticks(ticks, labels, fontsize=8, parse_math=False)
    ax.set_ylim(max(bottom, 0.5), -0.5)
    if lanes and results:
        ax.axhline(rows_y[0] - 0.5, color="#d0d7de", linewidth=1)
    ax.grid(axis="x", color="#eaeef2", linewidth=0.8)
    locator = dates_module.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(dates_module.ConciseDateFormatter(locator))
    ax.set_title(
        f"Case {case.case_id}: events and obligations as of {day.isoformat()}",
        fontsize=10,
        parse_math=False,
    )

    present = [s for s in Status if any(r.status is s for r in results)]
    handles = [
        line2d([], [], color=STATUS_COLOURS[s].mark, linewidth=2, label=s.value) for s in present
    ]
    handles += [
        line2d([], [], color=_INK, linestyle="none", marker="|", markersize=10,
               markeredgewidth=2, label="due date"),
        line2d([], [], color=_INK, linestyle="none", marker="o", markersize=6, label="met on"),
        line2d([], [], color=_INK, linestyle="--", linewidth=1, label="as of"),
    ]  # fmt: skip
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
              frameon=False)  # fmt: skip
    result: Figure = fig
    return result


def plot_caseload(
    report: CaseloadReport,
    *,
    include_not_applicable: bool = False,
    ax: Axes | None = None,
) -> Figure:
    """Draw a caseload's results by obligation and status (needs the ``plot`` extra).

    One horizontal bar per obligation, split by status in urgency order (overdue first,
    in the same colours as the HTML tables), the obligations with the most overdue
    results at the top; the bar's total is written at its end. Not-applicable results
    are left out unless ``include_not_applicable``. Labels are obligation ids and status
    words only.

    Args:
        report: the results of [`evaluate_caseload`][care_justice_protocol.evaluate_caseload].
        include_not_applicable: draw the not-applicable results too.
        ax: axes to draw on; by default a new figure sized to the number of obligations.

    Returns:
        The figure drawn on.

    Raises:
        MissingOptionalDependencyError: if matplotlib is not installed.
        InvalidArgumentError: if ``report`` is not a
            [`CaseloadReport`][care_justice_protocol.CaseloadReport].

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import BUNDLED_PROTOCOLS, evaluate_caseload
        >>> from care_justice_protocol import example_caseload
        >>> report = evaluate_caseload(example_caseload(), date(2026, 11, 25),
        ...                            protocol=BUNDLED_PROTOCOLS)
        >>> fig = plot_caseload(report)
        >>> fig.axes[0].get_title()
        'Results by obligation as of 2026-11-25 (30 cases and the partnership)'
        >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()][:2]
        ['overdue', 'due']
    """
    if not isinstance(report, CaseloadReport):
        raise InvalidArgumentError(f"report must be a CaseloadReport, not {type(report).__name__}")
    figure_module: Any = import_optional("matplotlib.figure", "plot", "plot_caseload()")
    statuses = [
        s for s in STATUSES_BY_URGENCY if include_not_applicable or s is not Status.NOT_APPLICABLE
    ]
    per: dict[str, dict[Status, int]] = {}
    for r in report.results:
        if r.status in statuses:
            per.setdefault(r.obligation, dict.fromkeys(statuses, 0))[r.status] += 1
    rows = sorted(
        per.items(),
        key=lambda kv: (-kv[1][Status.OVERDUE] if Status.OVERDUE in kv[1] else 0,
                        -sum(kv[1].values()), kv[0]),
    )  # fmt: skip
    if ax is None:
        fig = figure_module.Figure(figsize=(11, 1.4 + 0.24 * max(len(rows), 1)),
                                   layout="constrained")  # fmt: skip
        ax = fig.add_subplot()
    else:
        fig = ax.figure
        while not isinstance(fig, figure_module.Figure):
            fig = fig.figure
    assert ax is not None
    draw: Any = ax
    names = [ob for ob, _ in rows]
    left = [0] * len(rows)
    for s in statuses:
        widths = [counts[s] for _, counts in rows]
        if any(widths):
            draw.barh(range(len(rows)), widths, left=left, color=STATUS_COLOURS[s].mark,
                      label=s.value, height=0.7)  # fmt: skip
        left = [a + b for a, b in zip(left, widths, strict=True)]
    for i, total in enumerate(left):
        draw.annotate(f"{total:,}", (total, i), xytext=(3, 0), textcoords="offset points",
                      va="center", fontsize=7, color=_INK, parse_math=False)  # fmt: skip
    ax.set_yticks(range(len(rows)), names, fontsize=7, parse_math=False)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlabel("results", fontsize=8)
    ax.grid(axis="x", color="#eaeef2", linewidth=0.8)
    cases = len({r.case_id for r in report.results} - {None})
    partnership = " and the partnership" if any(r.case_id is None for r in report.results) else ""
    ax.set_title(
        f"Results by obligation as of {report.as_of.isoformat()} "
        f"({cases:,} case{'s' if cases != 1 else ''}{partnership})",
        fontsize=10,
        parse_math=False,
    )
    if rows:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    result: Figure = fig
    return result
