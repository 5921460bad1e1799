"""A case's timeline as a picture (the optional ``plot`` extra, matplotlib).

The picture is drawn on a :class:`matplotlib.figure.Figure` created directly, never
through ``pyplot``, so nothing here touches matplotlib's global state or backend.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from .._checks import check_date
from .._errors import InvalidArgumentError
from ..calendar._working_days import WorkingCalendar
from ..compliance._engine import evaluate
from ..compliance._results import ObligationResult, Status
from ..io._protocols import BUNDLED_PROTOCOLS
from ..model._events import CaseEvent, JointCase
from ._html import STATUS_COLOURS
from ._optional import import_optional

if TYPE_CHECKING:
    from collections.abc import Iterable

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..protocols._rules import Protocol

__all__ = ["EVENT_LANES", "plot_timeline"]

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


def plot_timeline(
    case: JointCase,
    as_of: date,
    *,
    protocol: Protocol | Iterable[Protocol] | None = None,
    calendar: WorkingCalendar | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Draw a case's events and obligations up to ``as_of`` (needs the ``plot`` extra).

    The top lanes mark the events recorded on or before ``as_of``: allocation (and
    transfers, acceptance of responsibility, closure), meetings, court (hearings and
    sentence) and other events, labelled by event type. Below, one row per obligation
    that applies on ``as_of`` (not-applicable results are left out): a line from the
    trigger to the day it was met (or to ``as_of`` while outstanding), a tick at the due
    date and a dot on the day it was met, coloured by status with the same colours as the
    HTML tables (met green, met late amber, due blue, overdue red, no timescale purple);
    the legend spells each status out. A dashed line marks ``as_of``. Labels carry case
    ids, event types and obligation ids only: no names, dates of birth or free text.

    Args:
        case: the joint case.
        as_of: the date to evaluate on; later events are left out.
        protocol: as for :func:`evaluate` (default: both bundled protocols).
        calendar: as for :func:`evaluate` (default: ``WorkingCalendar.england()``).
        ax: axes to draw on; by default a new :class:`~matplotlib.figure.Figure` sized to
            the number of rows is created (without ``pyplot``).

    Returns:
        The figure drawn on (the one holding ``ax`` when given).

    Raises:
        MissingOptionalDependencyError: if matplotlib is not installed.
        InvalidArgumentError: if ``case`` is not a :class:`JointCase`.

    Examples:
        >>> from datetime import date
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
    labels = [*lanes, *(_label(r) for r in results)]

    if ax is None:
        fig = figure_module.Figure(
            figsize=(11, 1.6 + 0.3 * max(len(labels), 1)), layout="constrained"
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
    lane_y = {lane: i for i, lane in enumerate(lanes)}
    for lane in lanes:
        days = [e.on for e in events if _lane(e) == lane]
        draw.plot(days, [lane_y[lane]] * len(days), linestyle="none",
                  marker=_LANE_MARKERS[lane], color=_INK, markersize=6)  # fmt: skip
    names: dict[tuple[str, date], list[str]] = {}
    for e in events:
        kind = getattr(e, "kind", None)
        names.setdefault((_lane(e), e.on), []).append(e.type if kind is None else kind.value)
    for (lane, on), here in names.items():
        text = here[0] if len(here) == 1 else f"{here[0]} +{len(here) - 1} more"
        draw.annotate(text, (on, lane_y[lane]), xytext=(3, 4), textcoords="offset points",
                      fontsize=6, rotation=15, color=_INK, parse_math=False)  # fmt: skip
    for i, r in enumerate(results, start=len(lanes)):
        mark = STATUS_COLOURS[r.status].mark
        start = r.trigger if r.trigger is not None else (r.due or r.met_on or day)
        end = r.met_on if r.met_on is not None else day
        draw.plot([start, max(start, end)], [i, i], color=mark, linewidth=2, alpha=0.7,
                  solid_capstyle="butt")  # fmt: skip
        if r.due is not None:
            draw.plot([r.due], [i], linestyle="none", marker="|", markersize=12,
                      markeredgewidth=2, color=mark)  # fmt: skip
        if r.met_on is not None:
            draw.plot([r.met_on], [i], linestyle="none", marker="o", markersize=6, color=mark)
    draw.axvline(day, color=_INK, linestyle="--", linewidth=1)

    ax.set_yticks(range(len(labels)), labels, fontsize=8, parse_math=False)
    ax.set_ylim(max(len(labels), 1) - 0.5, -0.5)
    if lanes and results:
        ax.axhline(len(lanes) - 0.5, color="#d0d7de", linewidth=1)
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
