"""The compliance engine: (case events, protocol, calendar, as-of date) -> obligation statuses.

One generic evaluation serves every obligation record of
[`..protocols`][care_justice_protocol.protocols]: applicability -> trigger(s) -> due date ->
evidence -> status -> explanation. A result never depends on the wall clock or on anything but its
inputs, and every result carries the clause it comes from and the calendar policy used.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Final

import attrs

from .._checks import check_date
from .._errors import InvalidArgumentError
from ..calendar._deadlines import NO_TIMESCALE
from ..calendar._periods import Recurrence
from ..calendar._working_days import WorkingCalendar
from ..model._entities import CareStatus
from ..model._events import CaseEvent, JointCase
from ..protocols._local import Rulebook
from ..protocols._rules import (
    TRIGGER_PREFIX,
    Condition,
    Match,
    Obligation,
    Protocol,
    Recurs,
    ReviewLaw,
    Strength,
    Window,
)
from ..statutory._reviews import pathway_plan_reviews
from ._matching import (
    Finder,
    fill_name,
    find,
    finder,
    ignored_for_dates,
    indexed,
    match_text,
    trigger_refs,
)
from ._results import ObligationResult, Status, _Unfrozen, new_result, slot_result

__all__ = ["evaluate"]


def _check_inputs(case: object, as_of: object, calendar: object) -> tuple[JointCase, date]:
    if not isinstance(case, JointCase):
        raise InvalidArgumentError(f"case must be a JointCase, not {type(case).__name__}")
    if not isinstance(calendar, WorkingCalendar):
        raise InvalidArgumentError(
            f"calendar must be a WorkingCalendar, not {type(calendar).__name__}"
        )
    return case, check_date("as_of", as_of)


def evaluate(
    case: JointCase,
    as_of: date,
    *,
    protocol: Protocol | Iterable[Protocol] | Rulebook,
    calendar: WorkingCalendar | None = None,
) -> tuple[ObligationResult, ...]:
    """Evaluate every case-level obligation of ``protocol`` for ``case`` on ``as_of``.

    Events dated after ``as_of`` are ignored, so evaluating on an earlier date shows the
    case as it stood then.

    Args:
        case: the joint case.
        as_of: the date to evaluate on (injected: nothing reads the clock).
        protocol: one protocol or several (the bundled ones are
            [`BUNDLED_PROTOCOLS`][care_justice_protocol.BUNDLED_PROTOCOLS]), or a
            [`Rulebook`][care_justice_protocol.Rulebook] (protocols with a council's local
            variant applied, and its calendar).
        calendar: the working-day calendar (default: ``WorkingCalendar.england()``); not
            with a rulebook, which carries its own.

    Returns:
        One result per obligation (and per trigger, for obligations that recur).

    Raises:
        InvalidArgumentError: an argument of the wrong kind, or a rulebook and a
            calendar both given.

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import (Allocated, CareStatus, JointCase, LegalStatus,
        ...     OtherServiceChecked, Service, YoungPerson, PROTOCOL_3_14_12)
        >>> yp = YoungPerson(id="YP-1", date_of_birth=date(2008, 1, 1),
        ...                  care_status=CareStatus.RELEVANT, has_icta=False,
        ...                  legal_status=LegalStatus.CHARGED)
        >>> day = date(2026, 12, 18)
        >>> case = JointCase(case_id="C-1", young_person=yp).record(
        ...     Allocated(on=day, recorded_by="W-1", service=Service.YOS, worker_id="W-1"),
        ...     OtherServiceChecked(on=day, recorded_by="W-1", service=Service.YOS,
        ...                         other_service=Service.NEXT_STEP, open_to_other=True))
        >>> [r] = [r for r in evaluate(case, date(2027, 1, 14), protocol=PROTOCOL_3_14_12)
        ...        if r.obligation == "3.14.12/2/meet-within-15-working-days"]
        >>> r.status, r.due
        (<Status.OVERDUE: 'overdue'>, datetime.date(2027, 1, 13))
        >>> for part in r.explanation.split("; "):
        ...     print(part)
        overdue since 2027-01-13: 15 working days after allocation by yos on 2026-12-18
        no case workers' information-sharing meeting recorded
    """
    protocols, cal = rules(protocol, calendar)
    case, day = _check_inputs(case, as_of, cal)
    plans = _compile(protocols, cal)
    return tuple(_evaluate_case(case, day, plans, cal))


def rules(
    protocol: Protocol | Iterable[Protocol] | Rulebook, calendar: WorkingCalendar | None
) -> tuple[tuple[Protocol, ...], WorkingCalendar]:
    """The protocols and the calendar to evaluate with, from the evaluators' arguments.

    A [`Rulebook`][care_justice_protocol.Rulebook] brings both; a calendar beside it is refused, so
    that a local variant is never half applied.

    Raises:
        InvalidArgumentError: both a rulebook and a calendar, or arguments of the wrong
            kind.
    """
    if isinstance(protocol, Rulebook):
        if calendar is not None:
            raise InvalidArgumentError(
                "calendar must not be given with a Rulebook: the rulebook carries the "
                "calendar of its local variant (build it with "
                "variant.applied_to(protocols, calendar=...) to choose the base calendar)"
            )
        return protocol.protocols, protocol.calendar
    cal = calendar if calendar is not None else _default_calendar()
    if not isinstance(cal, WorkingCalendar):
        raise InvalidArgumentError(f"calendar must be a WorkingCalendar, not {type(cal).__name__}")
    return _protocols(protocol), cal


def _evaluate_case(
    case: JointCase,
    day: date,
    plans: _Plans,
    cal: WorkingCalendar,
    first_days: list[date] | None = None,
) -> list[ObligationResult]:
    """[`evaluate`][care_justice_protocol.evaluate] without the argument checks (the caller has made
    them).

    With ``first_days``, the day of the case's first event is appended to it once the
    case is evaluated (the caseload's earliest day, for the partnership periods).
    """
    by_type, first = indexed(case, day)
    out: list[ObligationResult] = []
    append = out.append
    cid = case.case_id
    cref = case.external_ref
    icta = case.young_person.has_icta
    new, unfrozen, result_class = object.__new__, _Unfrozen, ObligationResult
    na = Status.NOT_APPLICABLE
    for p, conditions, searches, trigger_searches, gates, compiled in plans:
        # Each gate (ICTA, conditions, trigger pattern) is judged once per case: 0 passes,
        # 1 no ICTA, 2 a condition not recorded, 3 no trigger recorded. The triggers a
        # passing gate found are handed to each of its obligations.
        verdicts = [-1] * len(gates)
        found = [-1] * len(searches)
        triggers_of: list[list[CaseEvent]] = [_NO_EVENTS] * len(gates)
        memo = _CaseSpans(case, by_type, p, conditions)
        for c, policy, gate, oid, clause, strength in compiled:
            code = verdicts[gate]
            if code < 0:
                needs_icta, conds, trigger_index = gates[gate]
                if needs_icta and not icta:
                    code = 1
                else:
                    code = 0
                    for i in conds:
                        hit = found[i]
                        if hit < 0:
                            hit = found[i] = 1 if searches[i](by_type, None, p) else 0
                        if not hit:
                            code = 2
                            break
                    else:
                        triggers = trigger_searches[trigger_index](by_type, None, p)
                        if triggers:
                            triggers_of[gate] = triggers
                        else:
                            code = 3
                verdicts[gate] = code
            if not code:
                out.extend(_evaluate_one(case, c, p, by_type, day, cal, policy, memo,
                                         triggers_of[gate]))  # fmt: skip
            else:
                # _na() and new_result(), inlined: most results of most cases are not
                # applicable (the same slot stores as new_result, without the call)
                r = new(unfrozen)
                r.case_id = cid
                r.obligation = oid
                r.clause = clause
                r.status = na
                r.due = r.trigger = r.met_on = r.evidence = r.period = None
                r.trigger_external_ref = r.evidence_external_ref = None
                r.case_external_ref = cref
                r.explanation = c.whys[code]
                r.rule = c.rule_text
                r.policy = ""
                r.strength = strength
                r.__class__ = result_class  # type: ignore[assignment]
                append(r)  # type: ignore[arg-type]
    if first_days is not None and first is not None:
        first_days.append(first)
    return out


@attrs.frozen
class _Compiled:
    """An obligation with the texts that do not depend on the case worked out once."""

    ob: Obligation
    rule_text: str
    na_icta: str
    na_applies: str
    na_trigger: str
    trigger_type: str
    applies: tuple[tuple[Match, Finder], ...]
    find_trigger: Finder
    find_evidence: Finder
    find_awaited: Finder | None
    #: The fields of the trigger its name refers to (``{service}``).
    name_fields: tuple[str, ...] = ()
    #: The trigger's name, by the values of those fields (a bounded memo).
    names: dict[object, str] = attrs.field(factory=dict, eq=False, repr=False)
    #: Whether the evidence pattern names a group ("@probation"), the only way an event
    #: can be left out for naming a service outside its dates (see ``_ignored_note``).
    evidence_groups: bool = attrs.field(init=False, eq=False, repr=False)
    #: The not-applicable explanations by gate verdict (see ``_evaluate_case``).
    whys: tuple[str, str, str, str] = attrs.field(init=False, eq=False, repr=False)
    #: The rule in words, by trigger name and date (a bounded memo).
    rules: dict[tuple[str, date], str] = attrs.field(factory=dict, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        whys = ("", self.na_icta, self.na_applies, self.na_trigger)  # 0: applicable
        object.__setattr__(self, "whys", whys)
        object.__setattr__(self, "evidence_groups", bool(_group_fields(self.ob.evidence)))


#: How many texts each memo of ``_Compiled`` keeps before it starts again.
_TEXT_CACHE: Final = 4096


def _name_of(c: _Compiled, t: CaseEvent) -> str:
    """The trigger's name for this trigger (``"allocation by yos"``), memoised."""
    fields = c.name_fields
    if not fields:
        return c.ob.trigger_name
    key = (
        getattr(t, fields[0], None)
        if len(fields) == 1
        else tuple(getattr(t, f, None) for f in fields)
    )
    found = c.names.get(key)
    if found is None:
        if len(c.names) >= _TEXT_CACHE:
            c.names.clear()
        found = c.names[key] = fill_name(c.ob.trigger_name, t)
    return found


#: Per protocol: its distinct conditions' searches; its gates (whether an ICTA is needed,
#: the indices of the conditions, the trigger's type), each judged once per case; and
#: each obligation compiled, with its calendar policy, its gate's index, its id, its clause
#: and its strength unpacked for the engine's loop.
_Gate = tuple[bool, tuple[int, ...], int]
_Plan = tuple["_Compiled", str, int, str, str, Strength]
_Plans = tuple[
    tuple[
        Protocol,
        Mapping[str, Condition],
        tuple[Finder, ...],
        tuple[Finder, ...],
        tuple[_Gate, ...],
        tuple[_Plan, ...],
    ],
    ...,
]
_NO_EVENTS: Final[list[CaseEvent]] = []


def _compile(protocols: tuple[Protocol, ...], cal: WorkingCalendar) -> _Plans:
    """Per protocol, each obligation compiled, with what the hot loop reads unpacked."""
    out = []
    for p in protocols:
        conditions: dict[Match, int] = {}
        searches: list[Finder] = []
        trigger_patterns: dict[Match, int] = {}
        trigger_searches: list[Finder] = []
        gates: dict[_Gate, int] = {}
        plan: list[_Plan] = []
        for ob in p.obligations:
            c = _compile_one(ob)
            for m, search in c.applies:
                if m not in conditions:
                    conditions[m] = len(searches)
                    searches.append(search)
            if ob.trigger not in trigger_patterns:
                trigger_patterns[ob.trigger] = len(trigger_searches)
                trigger_searches.append(c.find_trigger)
            gate = (
                ob.requires_icta,
                tuple(conditions[m] for m, _ in c.applies),
                trigger_patterns[ob.trigger],
            )
            g = gates.setdefault(gate, len(gates))
            plan.append((c, ob.deadline.policy(cal), g, ob.id, ob.clause, ob.strength))
        by_id = {cond.id: cond for cond in p.conditions}
        out.append((p, by_id, tuple(searches), tuple(trigger_searches), tuple(gates), tuple(plan)))
    return tuple(out)


@functools.lru_cache(maxsize=256)
def _compile_one(ob: Obligation) -> _Compiled:
    awaited = ob.deadline.awaits
    return _Compiled(
        ob, ob.deadline.describe(ob.trigger_name),
        "not applicable: the young person has no ICTA",
        f"not applicable: not recorded that {ob.applies_if_name}",
        f"not applicable: no {match_text(ob.trigger)} recorded", ob.trigger.type,
        tuple((m, finder(m)) for m in ob.applies_if), finder(ob.trigger),
        finder(ob.evidence),
        finder(awaited) if isinstance(awaited, Match) else None,
        tuple(_FIELD_NAMES.findall(ob.trigger_name)),
    )  # fmt: skip


_FIELD_NAMES: Final = re.compile(r"\{(\w+)\}")


def _default_calendar() -> WorkingCalendar:
    return _ENGLAND


_ENGLAND: Final = WorkingCalendar.england()


def _protocols(protocol: Protocol | Iterable[Protocol] | Rulebook) -> tuple[Protocol, ...]:
    if isinstance(protocol, Protocol):
        return (protocol,)
    if isinstance(protocol, Rulebook):
        return protocol.protocols
    if isinstance(protocol, str | bytes) or not isinstance(protocol, Iterable):
        raise InvalidArgumentError(
            "protocol must be a Protocol, an iterable of them or a Rulebook, not "
            f"{type(protocol).__name__}"
        )
    out = tuple(protocol)
    for p in out:
        if not isinstance(p, Protocol):
            raise InvalidArgumentError(f"protocol must be a Protocol, not {type(p).__name__}")
    ids = [p.id for p in out]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise InvalidArgumentError(f"protocol {', '.join(repeated)} is given more than once")
    return out


def _na(case: JointCase, c: _Compiled, explanation: str) -> ObligationResult:
    """A not-applicable result; ``explanation`` starts "not applicable: "."""
    ob = c.ob
    return new_result(
        case.case_id, ob.id, ob.clause, Status.NOT_APPLICABLE, None, None, None, None,
        explanation, c.rule_text, "", None, ob.strength, case.external_ref,
    )  # fmt: skip


def _evaluate_one(
    case: JointCase,
    c: _Compiled,
    protocol: Protocol,
    by_type: Mapping[str, list[CaseEvent]],
    as_of: date,
    cal: WorkingCalendar,
    policy: str,
    memo: _CaseSpans | None = None,
    found: list[CaseEvent] | None = None,
) -> list[ObligationResult]:
    ob = c.ob
    triggers = c.find_trigger(by_type, None, protocol) if found is None else found
    if not triggers:
        return [_na(case, c, c.na_trigger)]
    if ob.versions:
        # An obligation of some versions only: triggers dated under another version (or
        # under none) do not start it.
        kept = [t for t in triggers if _version_id(protocol, t.on) in ob.versions]
        if not kept:
            versions = ", ".join(ob.versions)
            return [_na(case, c, f"not applicable: no {c.trigger_type} recorded while "
                        f"version {versions} of {protocol.id} was in force")]  # fmt: skip
        triggers = kept
    if ob.recurs is Recurs.NEXT_DUE_BY_LAW:
        return [_next_due_by_law(case, c, protocol, by_type, triggers, as_of, memo)]
    if ob.trigger_from is not None or ob.applies_when:
        if memo is None:
            memo = _CaseSpans(case, by_type, protocol)
        triggers = _on_their_day(case, c, protocol, memo, triggers)
        if not triggers:
            return [_na(case, c, _na_conditions(ob, protocol, c.trigger_type))]
    if ob.recurs is Recurs.ONCE:
        triggers = triggers[:1]
    out: list[ObligationResult] = []
    # For evidence windows "up to the trigger", the window opens at the previous trigger
    # of the same kind: the one the same evidence could have answered.
    up_to = ob.window is Window.UP_TO_TRIGGER
    refs = trigger_refs(ob.evidence) if up_to else ()
    previous_of_kind: dict[tuple[object, ...], CaseEvent] = {}
    previous: CaseEvent | None = None
    recurrence = ob.deadline.recurrence
    for t in triggers:
        if up_to:
            key = tuple(getattr(t, f, None) for f in refs)
            previous = previous_of_kind.get(key)
            previous_of_kind[key] = t
        if protocol.version_on(t.on) is None:
            first = protocol.effective_from
            out.append(_na(case, c, f"not applicable: {t.type} on {t.on} is before "
                           f"{protocol.id} took effect ({first})"))  # fmt: skip
        elif recurrence is not None:
            out.extend(_recurring(case, ob, recurrence, protocol, by_type, t, as_of, policy))
        else:
            out.append(_single(case, c, protocol, by_type, t, previous, as_of, cal, policy))
    return out


def _on_their_day(
    case: JointCase,
    c: _Compiled,
    protocol: Protocol,
    memo: _CaseSpans,
    triggers: list[CaseEvent],
) -> list[CaseEvent]:
    """The triggers the obligation's conditions let start it, judged on their own day.

    With ``trigger_from``, the trigger is the last one on or before each day that
    condition started (the allocation that made the case joint); with ``applies_when``,
    only triggers on a day every named condition holds count.
    """
    ob = c.ob
    key = (ob.trigger, ob.applies_when, ob.trigger_from)
    kept = memo.kept.get(key)
    if kept is not None:  # another obligation with the same trigger and conditions
        return kept
    conditions = memo.conditions
    if ob.trigger_from is not None:
        # (a care status that makes the condition hold always gives it no start to choose by)
        starts = [s for s, _ in memo.spans(conditions[ob.trigger_from])]
        chosen: list[CaseEvent] = []
        for day in starts:
            before = [t for t in triggers if t.on <= day]
            if before and before[-1] not in chosen:
                chosen.append(before[-1])
        triggers = chosen
    for cid in ob.applies_when:
        condition = conditions[cid]
        if case.young_person.care_status in condition.care_statuses:
            continue  # holds on every day
        spans = memo.spans(condition)
        # A trigger before the protocol took effect is kept: its result says so.
        triggers = [t for t in triggers if protocol.version_on(t.on) is None or _holds(spans, t.on)]
    memo.kept[key] = triggers
    return triggers


class _CaseSpans:
    """The runs of each condition on one case, worked out once for the case and protocol.

    One is made per case and protocol by ``_evaluate_case`` and handed to each of the
    protocol's obligations in turn.
    """

    __slots__ = ("by_type", "case", "conditions", "found", "kept", "protocol")

    def __init__(
        self,
        case: JointCase,
        by_type: Mapping[str, list[CaseEvent]],
        protocol: Protocol,
        conditions: Mapping[str, Condition] | None = None,
    ) -> None:
        self.case, self.by_type, self.protocol = case, by_type, protocol
        #: The protocol's conditions by id (worked out once per protocol by the caller).
        self.conditions = (
            conditions if conditions is not None else {c.id: c for c in protocol.conditions}
        )
        self.found: dict[str, list[tuple[date, date | None]]] = {}
        #: The triggers kept, by trigger pattern and conditions (shared by obligations).
        self.kept: dict[tuple[object, ...], list[CaseEvent]] = {}

    def spans(self, condition: Condition) -> list[tuple[date, date | None]]:
        found = self.found.get(condition.id)
        if found is None:
            found = self.found[condition.id] = _spans(
                condition, self.case, self.by_type, self.protocol
            )
        return found


def _spans(
    condition: Condition,
    case: JointCase,
    by_type: Mapping[str, list[CaseEvent]],
    protocol: Protocol,
) -> list[tuple[date, date | None]]:
    """The runs of days ``condition`` holds: ``(first day, day it ended or None)``.

    Events are taken in timeline order (by date, then recording order); the state on a day
    is the state at its end, so a run that ends on a day does not hold on it.
    """
    starts = [e for m in condition.starts for e in finder(m)(by_type, None, protocol)]
    if not starts:
        return []  # (an end with no start ends nothing)
    ends = [e for m in condition.ends for e in finder(m)(by_type, None, protocol)]
    if not ends:  # one run, from the first start (the usual case)
        return [(min(e.on for e in starts), None)]
    marks = [(e.on, True, e) for e in starts] + [(e.on, False, e) for e in ends]
    days = [day for day, _, _ in marks]
    if len(set(days)) == len(days):
        marks.sort(key=lambda mark: mark[0])
    else:  # a start and an end on one day: the recording order decides (rare)
        order = {id(e): i for i, e in enumerate(case.events)}
        marks.sort(key=lambda mark: (mark[0], order[id(mark[2])]))
    spans: list[tuple[date, date | None]] = []
    start: date | None = None
    for day, is_start, _ in marks:
        if is_start and start is None:
            start = day
        elif not is_start and start is not None:
            spans.append((start, day))
            start = None
    if start is not None:
        spans.append((start, None))
    return spans


def _holds(spans: list[tuple[date, date | None]], day: date) -> bool:
    # (a loop, not any() over a generator: this runs for each trigger of each case)
    for s, e in spans:  # noqa: SIM110
        if s <= day and (e is None or day < e):
            return True
    return False


def _na_conditions(ob: Obligation, protocol: Protocol, trigger_type: str) -> str:
    names = {cond.id: cond.name for cond in protocol.conditions}
    if ob.applies_when:
        return f"not applicable: no {trigger_type} recorded on a day when {ob.applies_when_name}"
    assert ob.trigger_from is not None
    return (
        f"not applicable: no {trigger_type} recorded on or before the day {names[ob.trigger_from]}"
    )


def _version_id(protocol: Protocol, day: date) -> str | None:
    v = protocol.version_on(day)
    return None if v is None else v.id


def _windowed(
    window: Window, candidates: list[CaseEvent], t: CaseEvent, previous: CaseEvent | None
) -> list[CaseEvent]:
    """The candidates inside the obligation's window around trigger ``t``."""
    if window is Window.AFTER_TRIGGER:
        return [e for e in candidates if e.on >= t.on]
    if window is Window.SAME_DAY:
        return [e for e in candidates if e.on == t.on]
    # UP_TO_TRIGGER: after the previous trigger, up to this one
    if previous is None:
        return [e for e in candidates if e.on <= t.on]
    return [e for e in candidates if previous.on < e.on <= t.on]


@functools.lru_cache(maxsize=1024)
def _group_fields(m: Match) -> tuple[str, ...]:
    """The fields a pattern matches against a group ("@probation")."""
    return tuple(
        f
        for f, values in (*m.where, *m.contains)
        if any(isinstance(v, str) and v.startswith("@") and not v.startswith(TRIGGER_PREFIX)
               for v in values)
    )  # fmt: skip


def _any_outside_dates(
    events: list[CaseEvent], fields: tuple[str, ...], protocol: Protocol
) -> bool:
    """Whether any event names, in one of ``fields``, a service on a day it did not exist."""
    services = protocol.vocabulary.services
    for e in events:
        day = e.on
        for f in fields:
            value = getattr(e, f, None)
            for v in value if value.__class__ is tuple else (value,):
                term = services.get(v) if isinstance(v, str) else None
                if term is None:
                    continue
                period = term.period
                if (period.start is not None and day < period.start) or (
                    period.end is not None and day > period.end
                ):
                    return True
    return False


def _ignored_note(
    ob: Obligation,
    by_type: Mapping[str, list[CaseEvent]],
    t: CaseEvent,
    previous: CaseEvent | None,
    protocol: Protocol,
) -> str:
    """On the not-met path: an evidence event ignored for naming a service outside its dates."""
    fields = _group_fields(ob.evidence)
    if not fields:
        return ""  # only a group token leaves out a service on a day it did not exist
    events = by_type.get(ob.evidence.type)
    if not events:
        return ""
    # Cheap first: does any such event name a service on a day it did not exist?
    if not _any_outside_dates(events, fields, protocol):
        return ""
    found = ignored_for_dates(ob.evidence, _windowed(ob.window, events, t, previous), t, protocol)
    if found is None:
        return ""
    event, service = found
    return f"; an event on {event.on.isoformat()} names {service}, which did not exist then"


def _single(
    case: JointCase,
    c: _Compiled,
    protocol: Protocol,
    by_type: Mapping[str, list[CaseEvent]],
    t: CaseEvent,
    previous: CaseEvent | None,
    as_of: date,
    cal: WorkingCalendar,
    policy: str,
) -> ObligationResult:
    ob = c.ob
    shape = ob.deadline
    tname = _name_of(c, t)
    if c.find_awaited is None:
        due = shape.due(t.on, cal)
    else:
        due = shape.due(t.on, cal, [e.on for e in c.find_awaited(by_type, t, protocol)])
    if due is None:
        policy = ""
    key = (tname, t.on)
    rule_text = c.rules.get(key)
    if rule_text is None:
        if len(c.rules) >= _TEXT_CACHE:
            c.rules.clear()
        rule_text = c.rules[key] = shape.rule(tname, t.on)

    candidates = c.find_evidence(by_type, t, protocol)
    met = None
    if candidates:  # the window, as _windowed (inlined: this is the engine's hot path)
        if ob.window is Window.AFTER_TRIGGER:
            day = t.on
            for e in candidates:  # the first on or after the trigger's day
                if e.on >= day:
                    met = e
                    break
        else:
            inside = _windowed(ob.window, candidates, t, previous)
            met = inside[0] if inside else None

    if met is not None:
        late = due is not None and met.on > due
        status = Status.MET_LATE if late else Status.MET
        when = f" (due {due.isoformat()})" if due is not None else ""
        text = (f"{status.value} {met.on.isoformat()}: {ob.evidence_name}; rule: {rule_text}"
                f"{when}")  # fmt: skip
    elif due is None:
        waiting = shape.waiting()
        if waiting is not None:
            status = Status.DUE
            text = (f"due {waiting}, not yet recorded: {ob.evidence_name} "
                    f"outstanding since {t.on.isoformat()} ({tname})")  # fmt: skip
        else:
            status = Status.NO_TIMESCALE
            text = (f"outstanding since {t.on.isoformat()} ({tname}), {NO_TIMESCALE}: "
                    f"no {ob.evidence_name} recorded")  # fmt: skip
    elif as_of > due and ob.strength is Strength.GOOD_PRACTICE:
        status = Status.GOOD_PRACTICE_MISSED
        text = (f"good practice not followed by {due.isoformat()} ({ob.strength_words}): "
                f"{rule_text}; no {ob.evidence_name} recorded")  # fmt: skip
    elif as_of > due:
        status = Status.OVERDUE
        text = f"overdue since {due.isoformat()}: {rule_text}; no {ob.evidence_name} recorded"
    else:
        status = Status.DUE
        text = f"due {due.isoformat()}: {rule_text}; no {ob.evidence_name} recorded yet"
    if met is None and c.evidence_groups:  # only a group token can leave such an event out
        text += _ignored_note(ob, by_type, t, previous, protocol)
    return new_result(
        case.case_id, ob.id, ob.clause, status, due, t.on,
        met.on if met is not None else None,
        ob.evidence_name if met is not None else None,
        text, rule_text, policy, None, ob.strength,
        case.external_ref, t.external_ref, met.external_ref if met is not None else None,
    )  # fmt: skip


def _recurring(
    case: JointCase,
    ob: Obligation,
    recurrence: Recurrence,
    protocol: Protocol,
    by_type: Mapping[str, list[CaseEvent]],
    t: CaseEvent,
    as_of: date,
    policy: str,
) -> list[ObligationResult]:
    evidence = find(by_type, ob.evidence, t, protocol)
    occurrences = [e.on for e in evidence]
    # A slot met on a day is discharged by the first evidence event of that day (in
    # timeline order): its reference is the slot's evidence_external_ref.
    refs: dict[date, str | None] = {}
    for e in evidence:
        refs.setdefault(e.on, e.external_ref)
    rule_text = ob.deadline.rule(fill_name(ob.trigger_name, t), t.on)
    out = []
    # A closed case stops the cycle, and so does the obligation's ``until`` event: no
    # slots after the first on or after the trigger.
    ends = [e.on for e in by_type.get("case-closed", ()) if e.on >= t.on]
    if ob.until is not None:
        ends += [e.on for e in find(by_type, ob.until, t, protocol) if e.on >= t.on]
    until = min(as_of, *ends) if ends else as_of
    ended = min(ends) if ends and min(ends) <= as_of else None
    note: str | None = None
    for slot in recurrence.slots(t.on, occurrences, until):
        if ended is not None and slot.met_on is None and slot.due > ended:
            continue  # the cycle ended before this slot fell due: nothing was owed
        r = slot_result(case.case_id, ob.id, ob.clause, ob.evidence_name, slot.label,
                        slot.due, slot.met_on, t.on, as_of, rule_text,
                        policy, ob.strength, case.external_ref, t.external_ref,
                        None if slot.met_on is None else refs.get(slot.met_on))  # fmt: skip
        if slot.met_on is None:
            if note is None:
                note = _ignored_note(ob, by_type, t, None, protocol)
            if note:
                r = attrs.evolve(r, explanation=r.explanation + note)
        out.append(r)
    if not out and ended is not None:
        return [_na(case, _compile_one(ob), f"not applicable: the cycle from {t.on} "
                    f"ended on {ended} before anything fell due")]  # fmt: skip
    return out


#: Whom each law's reviews are for (Care Leavers (England) Regulations 2010 reg 7: the
#: pathway plans of relevant and former relevant young people).
_LAW_APPLIES_TO: Final = {
    ReviewLaw.PATHWAY_PLAN_REVIEWS: frozenset({CareStatus.RELEVANT, CareStatus.FORMER_RELEVANT}),
}


def _next_due_by_law(
    case: JointCase,
    c: _Compiled,
    protocol: Protocol,
    by_type: Mapping[str, list[CaseEvent]],
    triggers: list[CaseEvent],
    as_of: date,
    memo: _CaseSpans | None,
) -> ObligationResult:
    """``recurs = "next-due-by-law"``: the next review the law requires after the last one
    held, with the evidence due by that review's date by law.

    The reviews held (the triggers, in timeline order) set the law's clock; the reviews
    already held are not this obligation's (a per-review obligation covers them). The
    conditions (``applies_when``) are judged on the day the next review is due.
    """
    ob = c.ob
    law = ob.law
    assert law is not None  # the loader requires it with this recurs
    status_of_person = case.young_person.care_status
    if status_of_person not in _LAW_APPLIES_TO[law]:
        return _na(case, c, f"not applicable: {law.value} are for relevant and former "
                   f"relevant young people (care status {status_of_person.value})")  # fmt: skip
    held = [t.on for t in triggers]
    # pathway_plan_reviews(first, later, as_of): the chain ends with the first review not
    # held, which is the next one due by law after the last held.
    pending = pathway_plan_reviews(held[0], held[1:], as_of)[-1]
    deadline = pending.deadline
    due = deadline.due
    if ob.applies_when:
        memo = memo if memo is not None else _CaseSpans(case, by_type, protocol)
        conditions = memo.conditions
        for cid in ob.applies_when:
            condition = conditions[cid]
            if status_of_person in condition.care_statuses:
                continue
            if not _holds(memo.spans(condition), due):
                return _na(case, c, f"not applicable: the next review is due by law on "
                           f"{due.isoformat()}, a day when it is not recorded that "
                           f"{ob.applies_when_name}")  # fmt: skip
    last = held[-1]
    rule_text = (f"by the day the next review is due by law, {due.isoformat()} (reviews at "
                 f"intervals of not more than six months, {deadline.clause}; last review held "
                 f"{last.isoformat()})")  # fmt: skip
    candidates = [e for e in c.find_evidence(by_type, None, protocol) if e.on > last]
    met = candidates[0] if candidates else None
    if met is not None:
        status = Status.MET_LATE if met.on > due else Status.MET
        text = f"{status.value} {met.on.isoformat()}: {ob.evidence_name}; rule: {rule_text}"
    elif as_of > due and ob.strength is Strength.GOOD_PRACTICE:
        status = Status.GOOD_PRACTICE_MISSED
        text = (f"good practice not followed by {due.isoformat()} ({ob.strength_words}): "
                f"{rule_text}; no {ob.evidence_name} recorded since the review of "
                f"{last.isoformat()}")  # fmt: skip
    elif as_of > due:
        status = Status.OVERDUE
        text = (f"overdue since {due.isoformat()}: {rule_text}; no {ob.evidence_name} "
                f"recorded since the review of {last.isoformat()}")  # fmt: skip
    else:
        status = Status.DUE
        text = (f"due {due.isoformat()}: {rule_text}; no {ob.evidence_name} recorded yet "
                f"since the review of {last.isoformat()}")  # fmt: skip
    return new_result(
        case.case_id, ob.id, ob.clause, status, due, last,
        met.on if met is not None else None,
        ob.evidence_name if met is not None else None,
        text, rule_text, deadline.policy, None, ob.strength,
        case.external_ref, triggers[-1].external_ref,
        met.external_ref if met is not None else None,
    )  # fmt: skip
