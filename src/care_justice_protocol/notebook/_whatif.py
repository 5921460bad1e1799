"""What if one event of a case had been on another day, or not at all?

A case only grows, so a scenario is a new case: [`what_if`][care_justice_protocol.what_if] moves (or
drops) one event, evaluates both cases on the same date, and says which results changed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import attrs

from .._checks import check_date
from .._errors import InvalidArgumentError
from ..calendar._working_days import WorkingCalendar
from ..compliance._engine import evaluate
from ..compliance._results import ObligationResult
from ..io._protocols import BUNDLED_PROTOCOLS
from ..model._events import CaseEvent, JointCase
from ._html import results_html, status_badge

if TYPE_CHECKING:
    from ..protocols._rules import Protocol

__all__ = ["Change", "WhatIf", "what_if"]


@attrs.frozen
class Change:
    """One result that differs between a case and its scenario.

    Attributes:
        obligation: the obligation id.
        period: the result's period or window, if any.
        before: the result on the recorded case (``None``: it did not arise there).
        after: the result in the scenario (``None``: it no longer arises).
    """

    obligation: str
    period: str | None
    before: ObligationResult | None
    after: ObligationResult | None

    def describe(self) -> str:
        """The change in words: ``"<obligation>: met -> met-late (due 2026-07-27)"``."""
        was = self.before.status.value if self.before else "(none)"
        now = self.after.status.value if self.after else "(none)"
        due = self.after.due if self.after else None
        where = f" ({self.period})" if self.period else ""
        return f"{self.obligation}{where}: {was} -> {now}" + (f" (due {due})" if due else "")


def _key(r: ObligationResult) -> tuple[str, str | None]:
    return (r.obligation, r.period)


@attrs.frozen(repr=False)
class WhatIf:
    """A case, a scenario made from it by changing one event, and both sets of results.

    Attributes:
        scenario: what was changed, in words (event type and dates only).
        case: the scenario's case.
        before: the results of the recorded case.
        after: the results of the scenario.
    """

    scenario: str
    case: JointCase
    before: tuple[ObligationResult, ...]
    after: tuple[ObligationResult, ...]

    @property
    def changes(self) -> tuple[Change, ...]:
        """The results whose status, due date or day met differ, in obligation order."""

        def grouped(results: Iterable[ObligationResult]) -> dict[Any, list[ObligationResult]]:
            out: dict[Any, list[ObligationResult]] = {}
            for r in results:
                out.setdefault(_key(r), []).append(r)
            return out

        was, now = grouped(self.before), grouped(self.after)
        out = []
        for key in dict.fromkeys([*was, *now]):
            a, b = was.get(key, []), now.get(key, [])
            for i in range(max(len(a), len(b))):
                x = a[i] if i < len(a) else None
                y = b[i] if i < len(b) else None
                if x is None or y is None or (x.status, x.due, x.met_on) != (
                    y.status, y.due, y.met_on,
                ):  # fmt: skip
                    out.append(Change(key[0], key[1], x, y))
        return tuple(out)

    def result(self, obligation: str) -> tuple[ObligationResult | None, ObligationResult | None]:
        """The first result of ``obligation`` before and after (``None`` where none)."""
        first = next((r for r in self.before if r.obligation == obligation), None)
        second = next((r for r in self.after if r.obligation == obligation), None)
        return first, second

    def __repr__(self) -> str:
        changes = self.changes
        shown = "; ".join(c.describe() for c in changes[:3])
        more = f"; +{len(changes) - 3} more" if len(changes) > 3 else ""
        n = len(changes)
        return (
            f"WhatIf({self.case.case_id}: {self.scenario}: {n} result"
            f"{'' if n == 1 else 's'} changed" + (f": {shown}{more})" if n else ")")
        )

    def _repr_html_(self) -> str:
        from html import escape

        rows = []
        for c in self.changes:
            rows.append(
                "<tr>"
                + "".join(
                    f'<td style="border:1px solid #d0d7de;padding:2px 6px">{cell}</td>'
                    for cell in (
                        escape(c.obligation) + (f" ({escape(c.period)})" if c.period else ""),
                        status_badge(c.before.status) if c.before else "(none)",
                        status_badge(c.after.status) if c.after else "(none)",
                        _day(c.before.due if c.before else None),
                        _day(c.after.due if c.after else None),
                    )
                )
                + "</tr>"
            )
        head = "".join(
            f'<th style="border:1px solid #d0d7de;padding:2px 6px;text-align:left">{h}</th>'
            for h in ("obligation", "before", "after", "due before", "due after")
        )
        body = (
            f'<table style="border-collapse:collapse"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
            if rows
            else "<p><em>No result changed.</em></p>"
        )
        title = escape(f"What if, case {self.case.case_id}: {self.scenario}")
        return f'<div class="cjp"><div style="font-weight:600">{title}</div>{body}</div>'

    def changed_results(self) -> str:
        """The scenario's changed results as an HTML table (as the report shows results)."""
        return results_html([c.after for c in self.changes if c.after is not None])


def _day(d: date | None) -> str:
    return "\N{EM DASH}" if d is None else f'<span style="white-space:nowrap">{d}</span>'


def _find(case: JointCase, event: int | str | CaseEvent | Callable[[CaseEvent], bool]) -> int:
    """The index in ``case.events`` of the event meant (see
    [`what_if`][care_justice_protocol.what_if])."""
    events = case.events
    if isinstance(event, bool):
        raise InvalidArgumentError("event must be an index, an event type, an event or a test")
    if isinstance(event, int):
        if not -len(events) <= event < len(events):
            raise InvalidArgumentError(
                f"event index {event!r} is out of range: the case has {len(events)} events"
            )
        return event % len(events)
    if isinstance(event, CaseEvent):
        for i, e in enumerate(events):
            if e is event:
                return i
        for i, e in enumerate(events):
            if e == event:
                return i
        raise InvalidArgumentError(f"event {event.type!r} of {event.on} is not one of the case's")
    if isinstance(event, str):
        test: Callable[[CaseEvent], bool] = lambda e: e.type == event  # noqa: E731
        what = f"event type {event!r}"
    elif callable(event):
        test, what = event, "test"
    else:
        raise InvalidArgumentError(
            f"event must be an index, an event type, an event or a test, not {type(event).__name__}"
        )
    order = sorted(range(len(events)), key=lambda i: events[i].on)
    for i in order:
        if test(events[i]):
            return i
    types = ", ".join(sorted({e.type for e in events})) or "none"
    raise InvalidArgumentError(f"no event matches the {what} (event types: {types})")


def what_if(
    case: JointCase,
    as_of: date,
    *,
    event: int | str | CaseEvent | Callable[[CaseEvent], bool],
    to: date | None = None,
    by: int | None = None,
    drop: bool = False,
    protocol: Protocol | Iterable[Protocol] | None = None,
    calendar: WorkingCalendar | None = None,
) -> WhatIf:
    """Move or drop one event of ``case``, evaluate both on ``as_of``, and compare.

    Args:
        case: the recorded case (unchanged).
        as_of: the date both are evaluated on.
        event: which event: its index in ``case.events``, its type (``"meeting-held"``:
            the earliest event of that type), the event itself, or a test
            (``lambda e: e.type == "meeting-held" and e.kind == "formal-review"``: the
            earliest event that passes).
        to: the day the event is moved to.
        by: or the number of days it is moved by (negative: earlier).
        drop: or leave the event out altogether.
        protocol: as for [`evaluate`][care_justice_protocol.evaluate] (default: the bundled
            protocols).
        calendar: as for [`evaluate`][care_justice_protocol.evaluate].

    Returns:
        A [`WhatIf`][care_justice_protocol.WhatIf]: the scenario's case, both sets of results and
        [`WhatIf.changes`][care_justice_protocol.WhatIf.changes].

    Raises:
        InvalidArgumentError: not exactly one of ``to``, ``by`` and ``drop``; no such
            event; a bad date.

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import example_caseload
        >>> case = example_caseload().case("C-0011")
        >>> later = what_if(case, date(2026, 11, 25), event="meeting-held", by=4)
        >>> later.scenario
        'meeting-held of 2026-07-24 moved to 2026-07-28'
        >>> [c.describe() for c in later.changes]
        ['3.14.12/2/meet-within-15-working-days: met -> met-late (due 2026-07-27)']
    """
    if not isinstance(case, JointCase):
        raise InvalidArgumentError(f"case must be a JointCase, not {type(case).__name__}")
    day = check_date("as_of", as_of)
    if sum((to is not None, by is not None, bool(drop))) != 1:
        raise InvalidArgumentError("give exactly one of to=DATE, by=DAYS and drop=True")
    index = _find(case, event)
    chosen = case.events[index]
    if drop:
        events = case.events[:index] + case.events[index + 1 :]
        scenario = f"{chosen.type} of {chosen.on} left out"
    else:
        if by is not None:
            if isinstance(by, bool) or not isinstance(by, int):
                raise InvalidArgumentError(f"by must be a whole number of days, got {by!r}")
            new_day = chosen.on + timedelta(days=by)
        else:
            new_day = check_date("to", to)
        events = (*case.events[:index], attrs.evolve(chosen, on=new_day),
                  *case.events[index + 1 :])  # fmt: skip
        scenario = f"{chosen.type} of {chosen.on} moved to {new_day}"
    scenario_case = attrs.evolve(case, events=tuple(events))
    protocols = BUNDLED_PROTOCOLS if protocol is None else protocol
    before = evaluate(case, day, protocol=protocols, calendar=calendar)
    after = evaluate(scenario_case, day, protocol=protocols, calendar=calendar)
    return WhatIf(scenario, scenario_case, tuple(before), tuple(after))
