"""Cases that show a status under any protocol, built from its rules (no templates).

For an obligation and a status, a *plan* says which events to record and between which
days each may fall, worked out from the obligation's record alone: its conditions
(``applies_if``), its trigger and evidence patterns, its evidence window and its due-date
shape. Every event is built to match its pattern (tokens resolved: ``"@<group>"`` to a
member party on the event's day, ``"@trigger.<field>"`` to the trigger's value); fields a
pattern leaves open take a value no pattern of the protocol mentions, where there is one.

The days are drawn inside one *stretch* of the protocol's history: a run of days with the
same version in force and the same services in existence, so that nothing the rules look
at changes between the events of one case. Each plan is tried once, with its earliest and
its latest days, when it is made; a plan whose rules interfere with each other (an event
that also matches another pattern of the obligation) is dropped then, so a drawn case is
never filtered.

Nothing here needs Hypothesis: a plan builds its events from any ``pick(lo, hi)`` that
returns a day from ``lo`` to ``hi``.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import Any, Final

import attrs

from .._errors import DateOutOfRangeError
from ..calendar._deadlines import DeadlineShape, LocalTimescale, NoTimescale
from ..calendar._periods import PeriodPolicy
from ..calendar._working_days import WorkingCalendar
from ..compliance._engine import evaluate
from ..compliance._results import Status
from ..model._constraints import Choice, Many, Maybe, Scalar, Shape, fields_of
from ..model._entities import CareStatus, LegalStatus, YoungPerson
from ..model._events import (
    EVENT_TYPES,
    CaseEvent,
    DeclaredEvent,
    DeclaredValue,
    Event,
    JointCase,
)
from ..protocols._rules import (
    TRIGGER_PREFIX,
    Match,
    Obligation,
    Protocol,
    Recurs,
    Strength,
    Window,
)
from ..protocols._vocabulary import EventField, FieldKind
from ..statutory._reviews import pathway_plan_reviews

__all__ = ["Pick", "Plan", "plans_for", "young_person_for"]

#: Returns a day from ``lo`` to ``hi`` (both inclusive).
Pick = Callable[[date, date], date]
#: How far before the as-of date a plan's first event may lie, beyond its rule's span.
REACH_DAYS: Final = 600
#: At most this many combinations of a trigger's allowed values are tried.
_MAX_VARIANTS: Final = 6
#: The staff id the planned events are recorded by.
_STAFF: Final = "W-0001"


class _InfeasibleError(Exception):
    """This plan cannot be built (an empty range of days, a value nothing can hold)."""


def _earliest(lo: date, hi: date) -> date:
    return lo


def _latest(lo: date, hi: date) -> date:
    return hi


@attrs.frozen
class Plan:
    """How to build a case in which ``obligation`` shows ``status`` under ``protocol``.

    Attributes:
        protocol: the protocol.
        obligation: the obligation's id.
        status: the status the case shows for it.
        lo, hi: the stretch of days the events fall in.
        needs_icta: whether the young person must (``True``) or must not (``False``) have
            an ICTA, or either (``None``).
        care_status: the care status the young person must have, or ``None`` for any
            (a plan that must fall outside a condition held for some care statuses).
    """

    protocol: Protocol
    obligation: str
    status: Status
    lo: date
    hi: date
    needs_icta: bool | None
    _build: Callable[[Pick], list[Event]] = attrs.field(repr=False, eq=False)
    care_status: CareStatus | None = None

    def events(self, pick: Pick) -> list[Event]:
        """The plan's events, their days chosen by ``pick``."""
        return self._build(pick)


def plans_for(
    protocol: Protocol,
    statuses: Iterable[Status],
    as_of: date,
    calendar: WorkingCalendar,
    obligations: frozenset[str] | None = None,
) -> list[Plan]:
    """Every plan that makes a case show one of ``statuses`` under ``protocol`` on ``as_of``.

    Args:
        protocol: the protocol.
        statuses: the statuses wanted.
        as_of: the evaluation date.
        calendar: the working-day calendar the case is evaluated with.
        obligations: only plans for these obligations (default: every case-level one).
    """
    wanted = tuple(dict.fromkeys(statuses))
    out: list[Plan] = []
    values = _Values(protocol)
    for ob in protocol.obligations:
        if obligations is not None and ob.id not in obligations:
            continue
        for status in wanted:
            for plan in _plans(protocol, ob, status, as_of, calendar, values):
                if _works(plan, as_of, calendar):
                    out.append(plan)
    return out


def _works(plan: Plan, as_of: date, calendar: WorkingCalendar) -> bool:
    """Whether the plan, built with its earliest and its latest days, shows its status."""
    for pick in (_earliest, _latest):
        try:
            events = plan.events(pick)
        except (_InfeasibleError, DateOutOfRangeError):
            return False
        if any(e.on > as_of or e.on < plan.lo for e in events):
            return False
        person = _probe_person(plan.needs_icta)
        if plan.care_status is not None:
            person = attrs.evolve(person, care_status=plan.care_status)
        case = JointCase("C-PROBE", person, tuple(events))
        found = {
            r.status
            for r in evaluate(case, as_of, protocol=plan.protocol, calendar=calendar)
            if r.obligation == plan.obligation
        }
        if plan.status not in found:
            return False
    return True


def _probe_person(icta: bool | None) -> YoungPerson:
    return YoungPerson(
        "YP-PROBE", date(2000, 1, 1), CareStatus.RELEVANT, bool(icta), LegalStatus.CHARGED
    )


# --------------------------------------------------------------------------- stretches


def _stretches(protocol: Protocol, first: date, as_of: date) -> list[tuple[date, date]]:
    """Runs of days from ``first`` to ``as_of`` with one version in force, one set of parties."""
    cuts = {first, as_of + timedelta(days=1)}
    for v in protocol.versions:
        cuts.add(v.effective_from or first)
        if v.effective_to is not None and v.effective_to < date.max:
            cuts.add(v.effective_to + timedelta(days=1))
    for s in protocol.vocabulary.services.values():
        if s.period.start is not None:
            cuts.add(s.period.start)
        if s.period.end is not None and s.period.end < date.max:
            cuts.add(s.period.end + timedelta(days=1))
    days = sorted(d for d in cuts if first <= d <= as_of + timedelta(days=1))
    out = []
    for lo, nxt in itertools.pairwise(days):
        hi = nxt - timedelta(days=1)
        if lo <= hi and protocol.version_on(lo) is not None:
            out.append((lo, hi))
    return out


def _span_days(shape: DeadlineShape) -> int:
    """About how many calendar days the shape's due date may lie after its trigger."""
    inner = shape.shape if isinstance(shape, LocalTimescale) else shape
    days = getattr(inner, "days", None)
    if isinstance(days, int):
        return 2 * days + 30
    recurrence = inner.recurrence
    months = recurrence.months if recurrence is not None else getattr(inner, "months", None)
    return 31 * months + 31 if isinstance(months, int) else 0


# --------------------------------------------------------------------------- values


class _Values:
    """The values the protocol's patterns mention, per event type and field."""

    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol
        self.mentioned: dict[tuple[str, str], set[object]] = {}
        patterns: list[Match] = list(protocol.joint_case)
        for ob in protocol.obligations:
            patterns += [*ob.applies_if, ob.trigger, ob.evidence]
            awaited = ob.deadline.awaits
            if isinstance(awaited, Match):
                patterns.append(awaited)
        for m in patterns:
            for name, allowed in (*m.where, *m.contains):
                self.mentioned.setdefault((m.type, name), set()).update(allowed)

    def resolve(self, value: object, day: date, trigger: CaseEvent | None) -> object:
        """A pattern value as an event holds it on ``day`` (tokens resolved)."""
        if not (isinstance(value, str) and value.startswith("@")):
            return value
        if value.startswith(TRIGGER_PREFIX):
            if trigger is None:
                raise _InfeasibleError(value)
            return getattr(trigger, value[len(TRIGGER_PREFIX) :])
        members = self.protocol.members_on(value[1:], day)
        if not members:
            raise _InfeasibleError(value)
        return members[0]

    def avoided(self, event_type: str, field: str, day: date) -> set[object]:
        """The values other patterns mention for this field (groups as their members)."""
        out: set[object] = set()
        for v in self.mentioned.get((event_type, field), ()):
            if isinstance(v, str) and v.startswith(TRIGGER_PREFIX):
                continue
            if isinstance(v, str) and v.startswith("@"):
                out.update(self.protocol.members_on(v[1:], day))
            else:
                out.add(v)
        return out

    def free(self, event_type: str, spec: EventField, shape: Shape, day: date) -> object:
        """A value for a field the event's pattern leaves open."""
        avoid = self.avoided(event_type, spec.name, day)
        many = isinstance(shape, Many)
        item = shape.item if isinstance(shape, Many) else shape
        candidates = self._candidates(spec, item, day)
        fresh = [c for c in candidates if c not in avoid] + [c for c in candidates if c in avoid]
        if not fresh:
            raise _InfeasibleError(spec.name)
        if many:
            assert isinstance(shape, Many)
            least = shape.constraint.min_items or 0
            if len(fresh) < least:
                raise _InfeasibleError(spec.name)
            return tuple(fresh[:least])
        return fresh[0]

    def _candidates(self, spec: EventField, item: Shape, day: date) -> list[object]:
        kind = spec.kind
        vocabulary = self.protocol.vocabulary
        enum_values = [m.value for m in item.members] if isinstance(item, Choice) else []
        if kind is FieldKind.SERVICE:
            parties = list(self.protocol.parties_on(day))
            return list(dict.fromkeys([*parties, *vocabulary.services, *enum_values]))
        if kind.vocabulary is not None:
            return list(dict.fromkeys([*vocabulary.terms(kind), *enum_values]))
        if kind is FieldKind.CHOICE:
            return list(spec.choices)
        if kind is FieldKind.BOOLEAN:
            return [False, True]
        if kind is FieldKind.INTEGER:
            least = item.constraint.minimum if isinstance(item, Scalar) else None
            return [least if least is not None else 1]
        if kind is FieldKind.DATE:
            return [day]
        return [f"{spec.name.replace('_', '-')}-1"]


def _as_field(shape: Shape, value: object) -> object:
    """``value`` as the model's field holds it (an enum member where it is one)."""
    inner = shape.inner if isinstance(shape, Maybe) else shape
    if isinstance(inner, Many):
        if not isinstance(value, tuple):
            value = (value,)
        return tuple(_as_field(inner.item, v) for v in value)
    if isinstance(inner, Choice) and isinstance(value, str):
        try:
            member: enum.Enum = inner.type(value)
        except ValueError:
            return value  # a term the protocol declares beyond the model's own
        return member
    return value


def _event(
    values: _Values, m: Match, day: date, trigger: CaseEvent | None = None,
    choice: Mapping[str, object] | None = None,
) -> Event:  # fmt: skip
    """An event of ``m``'s type on ``day`` that matches ``m``."""
    cls = EVENT_TYPES.get(m.type)
    specs = {f.name: f for f in values.protocol.vocabulary.fields_of(m.type) or ()}
    given: dict[str, object] = {}
    for name, allowed in m.where:
        picked = choice[name] if choice is not None and name in choice else allowed[0]
        given[name] = values.resolve(picked, day, trigger)
    for name, allowed in m.contains:
        given[name] = (values.resolve(allowed[0], day, trigger),)
    if cls is None:
        return _declared_event(values, m, day, given)
    kwargs: dict[str, Any] = {"on": day, "recorded_by": _STAFF}
    for f in fields_of(cls):
        if f.name in ("on", "recorded_by"):
            continue
        if f.name in given:
            kwargs[f.alias] = _as_field(f.shape, given[f.name])
        elif f.default is attrs.NOTHING:
            spec = specs.get(f.name)
            if spec is None:  # pragma: no cover - the vocabulary reads the same classes
                raise _InfeasibleError(f.name)
            shape = f.shape.inner if isinstance(f.shape, Maybe) else f.shape
            kwargs[f.alias] = _as_field(f.shape, values.free(m.type, spec, shape, day))
    try:
        made: Event = cls(**kwargs)  # type: ignore[assignment]
    except (TypeError, ValueError) as error:
        raise _InfeasibleError(str(error)) from None
    return made


def _declared_event(
    values: _Values, m: Match, day: date, given: Mapping[str, object]
) -> DeclaredEvent:
    """An event of a type the protocol declares, with the values ``m`` asks for."""
    spec = values.protocol.vocabulary.event_types.get(m.type)
    if spec is None:  # pragma: no cover - the protocol file's checks refuse such a pattern
        raise _InfeasibleError(m.type)
    fields: dict[str, DeclaredValue] = {}
    for f in spec.fields:
        if f.name in given:
            value = given[f.name]
            if f.many and not isinstance(value, tuple):
                value = (value,)
            fields[f.name] = value  # type: ignore[assignment]
        elif f.required:
            shape: Shape = Many(Scalar(str)) if f.many else Scalar(str)
            fields[f.name] = values.free(m.type, f, shape, day)  # type: ignore[assignment]
        else:  # as the loader reads an absent optional field
            fields[f.name] = () if f.many else None  # type: ignore[assignment]
    return DeclaredEvent(type=m.type, on=day, recorded_by=_STAFF, values=fields)


def _trigger_choices(m: Match) -> list[dict[str, object]]:
    """Combinations of the trigger's allowed values (at most a few)."""
    names = [name for name, _ in m.where]
    combos = itertools.product(*(allowed for _, allowed in m.where))
    return [dict(zip(names, c, strict=True)) for c in itertools.islice(combos, _MAX_VARIANTS)]


# --------------------------------------------------------------------------- days


def _due(shape: DeadlineShape, day: date, calendar: WorkingCalendar) -> date | None:
    """The due date of a clock started on ``day`` (``None``: past the calendar's years)."""
    try:
        return shape.due(day, calendar)
    except DateOutOfRangeError:
        return None


def _last(lo: date, hi: date, ok: Callable[[date], bool]) -> date | None:
    """The last day from ``lo`` to ``hi`` for which ``ok`` holds (``ok`` true, then false)."""
    if not ok(lo):
        return None
    a, b = lo.toordinal(), hi.toordinal()
    while a < b:
        mid = (a + b + 1) // 2
        if ok(date.fromordinal(mid)):
            a = mid
        else:
            b = mid - 1
    return date.fromordinal(a)


def _first(lo: date, hi: date, ok: Callable[[date], bool]) -> date | None:
    """The first day from ``lo`` to ``hi`` for which ``ok`` holds (``ok`` false, then true)."""
    if not ok(hi):
        return None
    a, b = lo.toordinal(), hi.toordinal()
    while a < b:
        mid = (a + b) // 2
        if ok(date.fromordinal(mid)):
            b = mid
        else:
            a = mid + 1
    return date.fromordinal(a)


def _day(pick: Pick, lo: date | None, hi: date | None) -> date:
    if lo is None or hi is None or hi < lo:
        raise _InfeasibleError("no day")
    return pick(lo, hi)


# --------------------------------------------------------------------------- plans


def _plans(
    protocol: Protocol,
    ob: Obligation,
    status: Status,
    as_of: date,
    calendar: WorkingCalendar,
    values: _Values,
) -> list[Plan]:
    first = as_of - timedelta(days=REACH_DAYS + _span_days(ob.deadline))
    first = max(first, date(calendar.years.start, 1, 1))
    icta: bool | None = True if ob.requires_icta else None
    # A review the law dates is owed to the young people the law names (reg 7: relevant
    # and former relevant).
    care = CareStatus.RELEVANT if ob.recurs is Recurs.NEXT_DUE_BY_LAW else None
    out: list[Plan] = []
    if status is Status.NOT_APPLICABLE:
        out.append(Plan(protocol, ob.id, status, as_of, as_of, None, lambda pick: []))
    for lo, hi in _stretches(protocol, first, as_of):
        if ob.versions:
            v = protocol.version_on(lo)
            if v is None or v.id not in ob.versions:
                continue
        for choice in _trigger_choices(ob.trigger):
            build = _builder(ob, status, lo, hi, as_of, calendar, values, choice)
            if build is not None:
                out.append(Plan(protocol, ob.id, status, lo, hi, icta, build, care))
        if status is Status.NOT_APPLICABLE:
            out.extend(_not_applicable(protocol, ob, lo, hi, values))
    return out


def _not_applicable(
    protocol: Protocol, ob: Obligation, lo: date, hi: date, values: _Values
) -> list[Plan]:
    """The conditions without the trigger; the trigger without the conditions (or ICTA)."""
    out = []
    if ob.applies_if:

        def conditions(pick: Pick) -> list[Event]:
            day = pick(lo, hi)
            return [_event(values, m, day) for m in ob.applies_if]

        out.append(Plan(protocol, ob.id, Status.NOT_APPLICABLE, lo, hi, None, conditions))
    if ob.applies_if or ob.requires_icta or ob.applies_when or ob.trigger_from:

        def trigger(pick: Pick) -> list[Event]:
            return [_event(values, ob.trigger, pick(lo, hi))]

        icta = False if ob.requires_icta else None
        held = {s for c in protocol.conditions if c.id in ob.applies_when for s in c.care_statuses}
        outside = next((c for c in CareStatus if c not in held), None) if held else None
        out.append(Plan(protocol, ob.id, Status.NOT_APPLICABLE, lo, hi, icta, trigger, outside))
    return out


def _builder(
    ob: Obligation,
    status: Status,
    lo: date,
    hi: date,
    as_of: date,
    calendar: WorkingCalendar,
    values: _Values,
    choice: Mapping[str, object],
) -> Callable[[Pick], list[Event]] | None:
    """How to build the events for ``status`` in the stretch ``lo``..``hi``, or ``None``."""
    good_practice = ob.strength is Strength.GOOD_PRACTICE
    if status is Status.GOOD_PRACTICE_MISSED:
        if not good_practice:
            return None
        status = Status.OVERDUE  # built as an overdue duty would be; reported as missed
    elif status is Status.OVERDUE and good_practice:
        return None
    started = [
        c.starts[0]
        for c in values.protocol.conditions
        if c.id in ob.applies_when or c.id == ob.trigger_from
    ]
    shape = ob.deadline
    awaited = shape.awaits
    recurrence = shape.recurrence
    no_due = isinstance(shape.shape if isinstance(shape, LocalTimescale) else shape, NoTimescale)
    window = Window.AFTER_TRIGGER if recurrence is not None else ob.window

    by_law = ob.recurs is Recurs.NEXT_DUE_BY_LAW

    def due(day: date) -> date | None:
        if by_law:
            # One review held on ``day``: the next is due when the law says (the engine's
            # own source of the date).
            return pathway_plan_reviews(day, (), day)[-1].deadline.due
        return _due(shape, day, calendar)

    def case(t: date, evidence: date | None = None, awaits: date | None = None) -> list[Event]:
        trigger = _event(values, ob.trigger, t, choice=choice)
        out = [trigger, *(_event(values, m, t) for m in ob.applies_if)]
        # The conditions it needs start on the trigger's day (after it: that trigger is
        # then the last one before the start, as trigger_from asks).
        out += [_event(values, m, t) for m in started]
        if evidence is not None:
            out.append(_event(values, ob.evidence, evidence, trigger))
        if awaits is not None:
            assert isinstance(awaited, Match)
            out.append(_event(values, awaited, awaits, trigger))
        return out

    def on_time(pick: Pick, t: date) -> date:
        """A day for evidence that meets the obligation on time."""
        if window is Window.SAME_DAY:
            return t
        if window is Window.UP_TO_TRIGGER:
            return pick(lo, t)
        limit = hi if no_due or awaited is not None else min(due(t) or hi, hi)
        # evidence for the next review due by law counts from the day after the last one
        return _day(pick, t + timedelta(days=1) if by_law else t, limit)

    fixed = not no_due and awaited is None
    if status is Status.MET:
        # (by law: the evidence comes after the review, so the review is before ``hi``)
        latest = hi - timedelta(days=1) if by_law else hi
        return lambda pick: (lambda t: case(t, on_time(pick, t)))(_day(pick, lo, latest))
    if status is Status.NO_TIMESCALE:
        return (lambda pick: case(pick(lo, hi))) if no_due else None
    if status is Status.DUE:
        if no_due:
            return None
        if awaited is not None:
            return lambda pick: case(pick(lo, hi))
        start = _first(lo, hi, lambda d: (due(d) or date.max) >= as_of)
        return None if start is None else (lambda pick: case(pick(start, hi)))
    if status is Status.OVERDUE:
        if no_due:
            return None
        if awaited is not None:
            end = min(hi, as_of - timedelta(days=1))
            if end < lo:
                return None
            return lambda pick: (lambda t: case(t, awaits=pick(t, end)))(pick(lo, end))
        last_t = _last(lo, hi, lambda d: (due(d) or date.max) < as_of)
        if last_t is None:
            return None
        return lambda pick: case(pick(lo, last_t))
    if status is Status.MET_LATE:
        if no_due or window is not Window.AFTER_TRIGGER:
            return None
        if recurrence is not None and recurrence.policy is PeriodPolicy.PER_CALENDAR_PERIOD:
            return None  # a later period's occurrence does not rescue an earlier one
        if awaited is not None:
            if hi <= lo:
                return None

            def late_after_event(pick: Pick) -> list[Event]:
                t = pick(lo, hi - timedelta(days=1))
                x = pick(t, hi - timedelta(days=1))
                return case(t, pick(x + timedelta(days=1), hi), x)

            return late_after_event
        assert fixed
        end_t = _last(lo, hi, lambda d: (due(d) or date.max) < hi)
        if end_t is None:
            return None

        def late(pick: Pick) -> list[Event]:
            t = pick(lo, end_t)
            d = due(t)
            assert d is not None
            return case(t, pick(d + timedelta(days=1), hi))

        return late
    return None  # NOT_APPLICABLE: see _not_applicable


def young_person_for(plan: Plan, drawn: YoungPerson) -> YoungPerson:
    """``drawn``, with an ICTA or without one, and the care status, where the plan needs."""
    person = drawn
    if plan.needs_icta is not None and drawn.has_icta is not plan.needs_icta:
        person = attrs.evolve(person, has_icta=plan.needs_icta)
    if plan.care_status is not None and person.care_status != plan.care_status:
        person = attrs.evolve(person, care_status=plan.care_status)
    return person
