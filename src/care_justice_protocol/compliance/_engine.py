"""The compliance engine: (case events, protocol, calendar, as-of date) -> obligation statuses.

One generic evaluation serves every obligation record of :mod:`._protocols`:
applicability -> trigger(s) -> due date -> evidence -> status -> explanation. A result
never depends on the wall clock or on anything but its inputs, and every result carries
the clause it comes from and the calendar policy used.
"""

from __future__ import annotations

import enum
import functools
import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final, TypeGuard

import attrs

from .._checks import check_date
from .._errors import InvalidArgumentError
from .._gc import gc_paused
from ..calendar._deadlines import MONTHS_POLICY, Deadline
from ..calendar._periods import add_months
from ..calendar._working_days import WorkingCalendar
from ..model._entities import PROBATION_SERVICES, Meeting, Service
from ..model._events import CaseEvent, Caseload, JointCase
from ..protocols._rules import (
    ALL_PROTOCOLS,
    PROBATION_TOKEN,
    TRIGGER_PREFIX,
    DeadlineKind,
    DeadlineRule,
    Match,
    Obligation,
    PeriodicObligation,
    Protocol,
    Recurs,
    Window,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "URGENCY",
    "CaseloadReport",
    "ObligationResult",
    "Status",
    "evaluate",
    "evaluate_caseload",
    "evaluate_partnership",
    "notes_rotation",
    "qa_sample",
]


class Status(enum.StrEnum):
    """The status of one obligation on the as-of date."""

    MET = "met"
    """Discharged on time (or, with no timescale, discharged)."""
    MET_LATE = "met-late"
    """Discharged after its due date."""
    DUE = "due"
    """Not yet discharged, not yet past its due date."""
    OVERDUE = "overdue"
    """Not discharged and past its due date."""
    NOT_APPLICABLE = "not-applicable"
    """The obligation does not arise on this case (the explanation says why)."""
    NO_TIMESCALE = "no-timescale"
    """Arises, not yet discharged, and the protocol gives no timescale for it."""


#: Most urgent first: the order in which reports list results (overdue first, then due...).
URGENCY: Final[Mapping[Status, int]] = {
    Status.OVERDUE: 0,
    Status.DUE: 1,
    Status.NO_TIMESCALE: 2,
    Status.MET_LATE: 3,
    Status.MET: 4,
    Status.NOT_APPLICABLE: 5,
}


@attrs.frozen
class ObligationResult:
    """The status of one obligation for one case (or for the partnership) on a date.

    Attributes:
        case_id: the case, or ``None`` for partnership-level obligations (meetings, QA).
        obligation: the obligation id, e.g. ``"3.14.12/2/meet-within-15-working-days"``.
        clause: the clause reference.
        status: see :class:`Status`.
        due: the due date, or ``None`` where there is none (yet).
        trigger: the date the obligation arose, if any.
        met_on: the date of the evidence that discharged it, if any.
        evidence: the evidence in words, if any.
        explanation: one line for humans.
        rule: the deadline rule in words.
        policy: the calendar / period policy used.
        period: for recurring obligations, the period or window ("2026-Q4").
    """

    case_id: str | None
    obligation: str
    clause: str
    status: Status
    due: date | None
    trigger: date | None
    met_on: date | None
    evidence: str | None
    explanation: str
    rule: str
    policy: str
    period: str | None = None

    @property
    def deadline(self) -> Deadline | None:
        """The due date as a :class:`Deadline` with its provenance, if there is one."""
        if self.due is None:
            return None
        return Deadline(self.due, self.rule, self.clause, self.policy, self.trigger)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (dates as ISO strings)."""
        out: dict[str, Any] = {}
        for a in attrs.fields(ObligationResult):
            v = getattr(self, a.name)
            out[a.name] = (
                v.isoformat()
                if isinstance(v, date)
                else (str(v) if isinstance(v, enum.Enum) else v)
            )
        return out


@attrs.frozen
class CaseloadReport:
    """Results for a whole caseload on one date."""

    as_of: date
    results: tuple[ObligationResult, ...]

    def counts(self) -> dict[Status, int]:
        """How many results have each status (every status present, possibly 0)."""
        out = dict.fromkeys(Status, 0)
        for r in self.results:
            out[r.status] += 1
        return out

    def for_case(self, case_id: str) -> tuple[ObligationResult, ...]:
        return tuple(r for r in self.results if r.case_id == case_id)

    def with_status(self, *statuses: Status | str) -> tuple[ObligationResult, ...]:
        wanted = {Status(s) for s in statuses}
        return tuple(r for r in self.results if r.status in wanted)

    if TYPE_CHECKING:  # attached by care_justice_protocol.notebook, which the domain never imports

        def to_pandas(self) -> pd.DataFrame:
            """The results as a DataFrame, one row per result (needs the ``pandas`` extra)."""
            ...


# --------------------------------------------------------------------------- matching

_MISSING: Final = object()
_FIELD_REF: Final = re.compile(r"\{(\w+)\}")


def _probation_on(protocol: Protocol, day: date) -> tuple[Service, ...]:
    v = protocol.version_on(day)
    return v.probation_parties if v is not None else ()


def _value_ok(
    value: object, allowed: tuple[object, ...], event: CaseEvent, trigger: CaseEvent | None,
    protocol: Protocol,
) -> bool:  # fmt: skip
    for a in allowed:
        if _is_token(a):
            if a == PROBATION_TOKEN:
                if value in _probation_on(protocol, event.on):
                    return True
            elif (
                a.startswith(TRIGGER_PREFIX)
                and trigger is not None
                and value == getattr(trigger, a[len(TRIGGER_PREFIX) :], _MISSING)
            ):
                return True
        elif value == a and (value.__class__ is bool) == (a.__class__ is bool):
            return True
    return False


def _matches(m: Match, event: CaseEvent, trigger: CaseEvent | None, protocol: Protocol) -> bool:
    for field, allowed in m.where:
        value = getattr(event, field, _MISSING)
        # Fast path: a plain value listed as allowed (tokens start with "@", so a plain
        # value never equals one; the data holds no ints, so True == 1 cannot mislead).
        if value in allowed:
            continue
        if not _value_ok(value, allowed, event, trigger, protocol):
            return False
    for field, allowed in m.contains:
        items = getattr(event, field, ())
        if not any(_value_ok(x, allowed, event, trigger, protocol) for x in items):
            return False
    return True


_Finder = Callable[[Mapping[str, list[CaseEvent]], CaseEvent | None, Protocol], list[CaseEvent]]


def _find(
    by_type: Mapping[str, list[CaseEvent]],
    m: Match,
    trigger: CaseEvent | None,
    protocol: Protocol,
) -> list[CaseEvent]:
    """The events (in date order) that match ``m``; tokens resolve against ``trigger``."""
    return _finder(m)(by_type, trigger, protocol)


def _is_token(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and value[:1] == "@"


@functools.lru_cache(maxsize=1024)
def _finder(m: Match) -> _Finder:
    """A search function for ``m``, specialised once per pattern.

    Patterns with no tokens ("@probation", "@trigger.<field>") and no ``contains`` need
    only tuple membership per field, which is most of them; the rest take the general path.
    """
    kind = m.type
    plain = not m.contains and not any(_is_token(a) for _, allowed in m.where for a in allowed)
    if not m.where and not m.contains:

        def find_all(by_type: Mapping[str, list[CaseEvent]], trigger: CaseEvent | None,
                     protocol: Protocol) -> list[CaseEvent]:  # fmt: skip
            return list(by_type.get(kind, ()))

        return find_all
    if plain and len(m.where) == 1:
        ((f1, a1),) = m.where

        def find_1(by_type: Mapping[str, list[CaseEvent]], trigger: CaseEvent | None,
                   protocol: Protocol) -> list[CaseEvent]:  # fmt: skip
            return [e for e in by_type.get(kind, ()) if getattr(e, f1, _MISSING) in a1]

        return find_1
    if plain:
        where = m.where

        def find_n(by_type: Mapping[str, list[CaseEvent]], trigger: CaseEvent | None,
                   protocol: Protocol) -> list[CaseEvent]:  # fmt: skip
            events = by_type.get(kind)
            if not events:
                return []
            out = []
            for e in events:
                for f, allowed in where:
                    if getattr(e, f, _MISSING) not in allowed:
                        break
                else:
                    out.append(e)
            return out

        return find_n

    def find_general(by_type: Mapping[str, list[CaseEvent]], trigger: CaseEvent | None,
                     protocol: Protocol) -> list[CaseEvent]:  # fmt: skip
        events = by_type.get(kind)
        if not events:
            return []
        return [e for e in events if _matches(m, e, trigger, protocol)]

    return find_general


def _name(template: str, event: CaseEvent) -> str:
    if "{" not in template:
        return template
    return _FIELD_REF.sub(lambda mo: str(getattr(event, mo.group(1), mo.group(0))), template)


# --------------------------------------------------------------------------- evaluation


def _check_inputs(case: object, as_of: object, calendar: object) -> tuple[JointCase, date]:
    if not isinstance(case, JointCase):
        raise InvalidArgumentError(f"case must be a JointCase, not {type(case).__name__}")
    if not isinstance(calendar, WorkingCalendar):
        raise InvalidArgumentError(
            f"calendar must be a WorkingCalendar, not {type(calendar).__name__}"
        )
    return case, check_date("as_of", as_of)


def _index(case: JointCase, as_of: date) -> dict[str, list[CaseEvent]]:
    by_type: dict[str, list[CaseEvent]] = defaultdict(list)
    for e in case.timeline():
        if e.on <= as_of:
            by_type[e.type].append(e)
    return by_type


def evaluate(
    case: JointCase,
    as_of: date,
    *,
    protocol: Protocol | Iterable[Protocol] | None = None,
    calendar: WorkingCalendar | None = None,
) -> tuple[ObligationResult, ...]:
    """Evaluate every case-level obligation of ``protocol`` for ``case`` on ``as_of``.

    Events dated after ``as_of`` are ignored, so evaluating on an earlier date shows the
    case as it stood then.

    Args:
        case: the joint case.
        as_of: the date to evaluate on (injected: nothing reads the clock).
        protocol: one protocol, several, or ``None`` for both bundled protocols.
        calendar: the working-day calendar (default: ``WorkingCalendar.england()``).

    Returns:
        One result per obligation (and per trigger, for obligations that recur).

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import (Allocated, CareStatus, JointCase, LegalStatus,
        ...     OtherServiceChecked, Service, YoungPerson)
        >>> yp = YoungPerson(id="YP-1", date_of_birth=date(2008, 1, 1),
        ...                  care_status=CareStatus.RELEVANT, has_icta=False,
        ...                  legal_status=LegalStatus.CHARGED)
        >>> day = date(2026, 12, 18)
        >>> case = JointCase(case_id="C-1", young_person=yp).record(
        ...     Allocated(on=day, recorded_by="W-1", service=Service.YOS, worker_id="W-1"),
        ...     OtherServiceChecked(on=day, recorded_by="W-1", service=Service.YOS,
        ...                         other_service=Service.NEXT_STEP, open_to_other=True))
        >>> [r] = [r for r in evaluate(case, date(2027, 1, 14))
        ...        if r.obligation == "3.14.12/2/meet-within-15-working-days"]
        >>> r.status, r.due
        (<Status.OVERDUE: 'overdue'>, datetime.date(2027, 1, 13))
        >>> for part in r.explanation.split("; "):
        ...     print(part)
        overdue since 2027-01-13: 15 working days after allocation by yos on 2026-12-18
        no case workers' information-sharing meeting recorded
    """
    cal = calendar if calendar is not None else _default_calendar()
    case, day = _check_inputs(case, as_of, cal)
    plans = _compile(_protocols(protocol))
    return tuple(_evaluate_case(case, day, plans, cal, cal.describe()))


def _evaluate_case(
    case: JointCase,
    day: date,
    plans: tuple[tuple[Protocol, tuple[_Compiled, ...]], ...],
    cal: WorkingCalendar,
    cal_text: str,
) -> list[ObligationResult]:
    """:func:`evaluate` without the argument checks (the caller has made them)."""
    by_type = _index(case, day)
    out: list[ObligationResult] = []
    cid = case.case_id
    icta = case.young_person.has_icta
    for p, compiled in plans:
        seen: dict[Match, bool] = {}
        for c in compiled:
            ob = c.ob
            why = None
            if ob.requires_icta and not icta:
                why = c.na_icta
            else:
                for cond, find in c.applies:
                    found = seen.get(cond)
                    if found is None:
                        found = seen[cond] = bool(find(by_type, None, p))
                    if not found:
                        why = c.na_applies
                        break
                else:
                    if c.trigger_type not in by_type:
                        why = c.na_trigger
            if why is not None:
                out.append(_na(cid, c, why))
            else:
                out.extend(_evaluate_one(case, c, p, by_type, day, cal, cal_text))
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
    applies: tuple[tuple[Match, _Finder], ...]
    find_trigger: _Finder
    find_evidence: _Finder
    find_before: _Finder | None


def _compile(
    protocols: tuple[Protocol, ...],
) -> tuple[tuple[Protocol, tuple[_Compiled, ...]], ...]:
    return tuple((p, tuple(_compile_one(ob) for ob in p.obligations)) for p in protocols)


@functools.lru_cache(maxsize=256)
def _compile_one(ob: Obligation) -> _Compiled:
    return _Compiled(
        ob, _rule_text(ob.deadline, ob.trigger_name),
        "not applicable: the young person has no ICTA",
        f"not applicable: not recorded that {ob.applies_if_name}",
        f"not applicable: no {_match_text(ob.trigger)} recorded", ob.trigger.type,
        tuple((m, _finder(m)) for m in ob.applies_if), _finder(ob.trigger),
        _finder(ob.evidence),
        _finder(ob.deadline.before) if ob.deadline.before is not None else None,
    )  # fmt: skip


def _default_calendar() -> WorkingCalendar:
    return _ENGLAND


_ENGLAND: Final = WorkingCalendar.england()


def _protocols(protocol: Protocol | Iterable[Protocol] | None) -> tuple[Protocol, ...]:
    if protocol is None:
        return tuple(ALL_PROTOCOLS.values())
    if isinstance(protocol, Protocol):
        return (protocol,)
    out = tuple(protocol)
    for p in out:
        if not isinstance(p, Protocol):
            raise InvalidArgumentError(f"protocol must be a Protocol, not {type(p).__name__}")
    return out


@functools.lru_cache(maxsize=1024)
def _rule_text(rule: DeadlineRule, trigger_name: str) -> str:
    """Memoised :meth:`DeadlineRule.describe` (pure; records are immutable)."""
    return rule.describe(trigger_name)


@functools.lru_cache(maxsize=1024)
def _match_text(m: Match) -> str:
    return m.describe()


def _na(case_id: str, c: _Compiled, explanation: str) -> ObligationResult:
    """A not-applicable result; ``explanation`` starts "not applicable: "."""
    ob = c.ob
    return ObligationResult(
        case_id, ob.id, ob.clause, Status.NOT_APPLICABLE, None, None, None, None,
        explanation, c.rule_text, "",
    )  # fmt: skip


def _evaluate_one(
    case: JointCase,
    c: _Compiled,
    protocol: Protocol,
    by_type: Mapping[str, list[CaseEvent]],
    as_of: date,
    cal: WorkingCalendar,
    cal_text: str,
) -> list[ObligationResult]:
    ob = c.ob
    triggers = c.find_trigger(by_type, None, protocol)
    if not triggers:
        return [_na(case.case_id, c, c.na_trigger)]
    if ob.recurs is Recurs.ONCE:
        triggers = triggers[:1]
    out: list[ObligationResult] = []
    # For evidence windows "up to the trigger", the window opens at the previous trigger
    # of the same kind: the one the same evidence could have answered.
    up_to = ob.window is Window.UP_TO_TRIGGER
    refs = _trigger_refs(ob.evidence) if up_to else ()
    previous_of_kind: dict[tuple[object, ...], CaseEvent] = {}
    previous: CaseEvent | None = None
    for t in triggers:
        if up_to:
            key = tuple(getattr(t, f, None) for f in refs)
            previous = previous_of_kind.get(key)
            previous_of_kind[key] = t
        if protocol.version_on(t.on) is None:
            first = protocol.versions[0].effective_from
            out.append(_na(case.case_id, c, f"not applicable: {t.type} on {t.on} is before "
                           f"{protocol.id} took effect ({first})"))  # fmt: skip
        elif ob.deadline.kind is DeadlineKind.RECURRING:
            out.extend(_recurring(case, ob, protocol, by_type, t, as_of))
        else:
            out.append(_single(case, c, protocol, by_type, t, previous, as_of, cal, cal_text))
    return out


@functools.lru_cache(maxsize=256)
def _trigger_refs(m: Match) -> tuple[str, ...]:
    """The trigger fields a pattern refers to (``"@trigger.kind"`` -> ``"kind"``)."""
    refs = {
        v[len(TRIGGER_PREFIX) :]
        for _, values in (*m.where, *m.contains)
        for v in values
        if isinstance(v, str) and v.startswith(TRIGGER_PREFIX)
    }
    return tuple(sorted(refs))


def _single(
    case: JointCase,
    c: _Compiled,
    protocol: Protocol,
    by_type: Mapping[str, list[CaseEvent]],
    t: CaseEvent,
    previous: CaseEvent | None,
    as_of: date,
    cal: WorkingCalendar,
    cal_text: str,
) -> ObligationResult:
    ob = c.ob
    rule = ob.deadline
    tname = _name(ob.trigger_name, t)
    policy = ""
    due: date | None = None
    pending_before = ""
    if rule.kind is DeadlineKind.WORKING_DAYS:
        assert rule.amount is not None
        due = cal.add_working_days(t.on, rule.amount)
        policy = cal_text
    elif rule.kind is DeadlineKind.MONTHS:
        assert rule.amount is not None
        due = add_months(t.on, rule.amount)
        policy = MONTHS_POLICY
    elif rule.kind in (DeadlineKind.SAME_DAY, DeadlineKind.ON_OR_BEFORE_TRIGGER):
        due = t.on
        policy = "calendar days"
    elif rule.kind is DeadlineKind.BEFORE_EVENT:
        assert rule.before is not None
        assert c.find_before is not None
        later = [e for e in c.find_before(by_type, t, protocol) if e.on >= t.on]
        if later:
            due = later[0].on
            policy = "calendar days"
        else:
            pending_before = rule.before.describe()
    rule_text = _rule_text(rule, tname) + (
        f" on {t.on.isoformat()}" if rule.kind in (DeadlineKind.WORKING_DAYS, DeadlineKind.MONTHS)
        else ""
    )  # fmt: skip

    candidates = c.find_evidence(by_type, t, protocol)
    if ob.window is Window.AFTER_TRIGGER:
        candidates = [e for e in candidates if e.on >= t.on]
    elif ob.window is Window.SAME_DAY:
        candidates = [e for e in candidates if e.on == t.on]
    else:  # UP_TO_TRIGGER: after the previous trigger, up to this one
        lo = previous.on if previous is not None else date.min
        candidates = [e for e in candidates if lo <= e.on <= t.on] if previous is None else [
            e for e in candidates if lo < e.on <= t.on
        ]  # fmt: skip
    met = candidates[0] if candidates else None

    if met is not None:
        late = due is not None and met.on > due
        status = Status.MET_LATE if late else Status.MET
        when = f" (due {due.isoformat()})" if due is not None else ""
        text = (f"{status.value} {met.on.isoformat()}: {ob.evidence_name}; rule: {rule_text}"
                f"{when}")  # fmt: skip
    elif due is None:
        if pending_before:
            status = Status.DUE
            text = (f"due before {pending_before}, not yet recorded: {ob.evidence_name} "
                    f"outstanding since {t.on.isoformat()} ({tname})")  # fmt: skip
        else:
            status = Status.NO_TIMESCALE
            text = (f"outstanding since {t.on.isoformat()} ({tname}), no timescale in "
                    f"protocol: no {ob.evidence_name} recorded")  # fmt: skip
    elif as_of > due:
        status = Status.OVERDUE
        text = f"overdue since {due.isoformat()}: {rule_text}; no {ob.evidence_name} recorded"
    else:
        status = Status.DUE
        text = f"due {due.isoformat()}: {rule_text}; no {ob.evidence_name} recorded yet"
    return ObligationResult(
        case.case_id, ob.id, ob.clause, status, due, t.on,
        met.on if met is not None else None,
        ob.evidence_name if met is not None else None,
        text, rule_text, policy,
    )  # fmt: skip


def _recurring(
    case: JointCase,
    ob: Obligation,
    protocol: Protocol,
    by_type: Mapping[str, list[CaseEvent]],
    t: CaseEvent,
    as_of: date,
) -> list[ObligationResult]:
    rec = ob.deadline.recurrence
    assert rec is not None
    occurrences = [e.on for e in _find(by_type, ob.evidence, t, protocol)]
    tname = _name(ob.trigger_name, t)
    rule_text = ob.deadline.describe(tname) + f" on {t.on.isoformat()}"
    out = []
    # A closed case stops the cycle: no slots after the day it closed.
    closed = [e.on for e in by_type.get("case-closed", ()) if e.on >= t.on]
    until = min(as_of, closed[0]) if closed else as_of
    for slot in rec.slots(t.on, occurrences, until):
        out.append(_slot_result(case.case_id, ob.id, ob.clause, ob.evidence_name, slot.label,
                                slot.due, slot.met_on, t.on, as_of, rule_text,
                                rec.describe()))  # fmt: skip
    return out


def _slot_result(
    case_id: str | None, oid: str, clause: str, evidence_name: str, label: str, due: date,
    met_on: date | None, trigger: date | None, as_of: date, rule_text: str, policy: str,
) -> ObligationResult:  # fmt: skip
    if met_on is not None:
        status = Status.MET_LATE if met_on > due else Status.MET
        text = f"{status.value} {met_on.isoformat()}: {evidence_name} ({label}, due {due})"
    elif as_of > due:
        status = Status.OVERDUE
        text = f"overdue since {due.isoformat()}: no {evidence_name} recorded ({label})"
    else:
        status = Status.DUE
        text = f"due {due.isoformat()}: no {evidence_name} recorded yet ({label})"
    return ObligationResult(
        case_id, oid, clause, status, due, trigger, met_on,
        evidence_name if met_on is not None else None, text, rule_text, policy, label,
    )  # fmt: skip


# --------------------------------------------------------------------------- partnership


def _monitoring_start(caseload: Caseload, protocol: Protocol) -> date | None:
    days = [e.on for c in caseload.cases for e in c.events]
    days += [m.on for m in caseload.management_meetings]
    days += [q.on for q in caseload.quality_assurance]
    if not days:
        return None
    start = min(days)
    first = protocol.versions[0].effective_from
    return max(start, first) if first is not None else start


def evaluate_partnership(
    caseload: Caseload,
    as_of: date,
    *,
    protocol: Protocol | Iterable[Protocol] | None = None,
    monitoring_from: date | None = None,
) -> tuple[ObligationResult, ...]:
    """Evaluate the partnership-level obligations: quarterly meetings and twice-yearly QA.

    Periods run from ``monitoring_from`` (default: the earliest date in the caseload, or
    the protocol's effective date if later) to the period holding ``as_of``; the current
    period is ``due`` until it ends. For 3.14.13 each meeting's notes are also checked
    against the rotation (see :func:`notes_rotation`); for 3.14.12 §4 each QA record's
    completeness is reported.
    """
    if not isinstance(caseload, Caseload):
        raise InvalidArgumentError(f"caseload must be a Caseload, not {type(caseload).__name__}")
    day = check_date("as_of", as_of)
    out: list[ObligationResult] = []
    for p in _protocols(protocol):
        start = (
            check_date("monitoring_from", monitoring_from)
            if monitoring_from is not None
            else _monitoring_start(caseload, p)
        )
        if start is None:
            continue
        for ob in p.periodic:
            out.extend(_periodic(caseload, ob, p, start, day))
    return tuple(out)


def _periodic(
    caseload: Caseload, ob: PeriodicObligation, protocol: Protocol, start: date, as_of: date
) -> list[ObligationResult]:
    rec = ob.recurrence
    policy = rec.describe()
    out: list[ObligationResult] = []
    if ob.meeting_kind is not None:
        meetings = sorted(
            (m for m in caseload.management_meetings
             if m.kind == ob.meeting_kind and m.on <= as_of
             and (m.recorded or not ob.must_be_recorded)),
            key=lambda m: m.on,
        )  # fmt: skip
        what = ("minuted " if ob.must_be_recorded else "") + (
            ob.meeting_kind.value.replace("-", " ") + " meeting"
        )
        rule = f"{ob.summary}: {policy}"
        for slot in rec.slots(start, [m.on for m in meetings], as_of):
            out.append(_slot_result(None, ob.id, ob.clause, what, slot.label, slot.due,
                                    slot.met_on, None, as_of, rule, policy))  # fmt: skip
        if ob.notes_rotate:
            out.extend(_rotation_results(ob, protocol, meetings))
        return out
    records = sorted((q for q in caseload.quality_assurance if q.on <= as_of),
                     key=lambda q: q.on)  # fmt: skip
    rule = f"{ob.summary}: {policy}"
    for slot in rec.slots(start, [q.on for q in records], as_of):
        out.append(_slot_result(None, ob.id, ob.clause, "quality-assurance record", slot.label,
                                slot.due, slot.met_on, None, as_of, rule, policy))  # fmt: skip
    for q in records:
        missing = [name for flag, name in (
            (q.findings_recorded, "findings recorded"),
            (q.feedback_given, "feedback given to workers"),
            (q.shared_with_heads_of_service, "shared with heads of service"),
        ) if not flag]  # fmt: skip
        status = Status.NO_TIMESCALE if missing else Status.MET
        text = (f"QA of {q.on.isoformat()} complete: findings recorded, feedback given, shared "
                "with heads of service") if not missing else (
                f"QA of {q.on.isoformat()} incomplete, no timescale in protocol: not yet "
                + ", ".join(missing))  # fmt: skip
        out.append(ObligationResult(
            None, ob.id.rsplit("/", 1)[0] + "/qa-record-complete", ob.clause, status, None,
            q.on, q.on if not missing else None, "complete QA record" if not missing else None,
            text, "findings recorded, feedback given, shared with heads of service",
            "no timescale in protocol", q.on.isoformat(),
        ))  # fmt: skip
    return out


def _rotation_order(protocol: Protocol, day: date) -> tuple[Service, ...]:
    return (Service.NEXT_STEP, *_probation_on(protocol, day))


def _expected_taker(
    protocol: Protocol, previous: Service | None, previous_day: date, day: date
) -> Service | None:
    if previous is None:
        return None
    then = _rotation_order(protocol, previous_day)
    successor = then[(then.index(previous) + 1) % len(then)] if previous in then else then[0]
    now = _rotation_order(protocol, day)
    if successor not in now:
        # NPS/CRC no longer exist: the Probation Service takes their turn.
        probation = [s for s in now if s in PROBATION_SERVICES]
        successor = probation[0] if probation else now[0]
    return successor


def notes_rotation(
    meetings: Sequence[Meeting], as_of: date, *, protocol: Protocol | None = None
) -> tuple[list[tuple[Meeting, Service | None]], Service | None]:
    """Whose turn it was to take notes at each middle-management meeting, and whose is next.

    3.14.13 §3: "notes will be taken on a rotational basis between agencies". The rotation
    is Next Step, then the probation providers in force on the meeting's date (NPS, CRC
    until 25 June 2021; the Probation Service from 26 June 2021). The turn after an agency is
    worked out in the rotation in force when it took the notes; a turn that would fall to
    NPS or CRC after 25 June 2021 falls to the Probation Service.
    The first recorded meeting sets the rotation going (anyone may take its notes); each
    later meeting falls to the agency after the one that took the previous notes.

    Returns:
        ``([(meeting, expected taker or None for the first), ...], next taker)``.

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import Meeting, MeetingKind, Service
        >>> m = [Meeting(kind=MeetingKind.MIDDLE_MANAGEMENT_QUARTERLY, on=date(2026, d, 10),
        ...              recorded=True, notes_taken_by=s)
        ...      for d, s in ((1, Service.NEXT_STEP), (4, Service.PROBATION_SERVICE))]
        >>> notes_rotation(m, date(2026, 6, 1))[1]
        'next-step'
    """
    p = protocol if protocol is not None else ALL_PROTOCOLS["3.14.13"]
    day = check_date("as_of", as_of)
    rows: list[tuple[Meeting, Service | None]] = []
    previous: Service | None = None
    previous_day = day
    for m in sorted(meetings, key=lambda m: m.on):
        if m.on > day:
            break
        rows.append((m, _expected_taker(p, previous, previous_day, m.on)))
        if m.notes_taken_by is not None:
            previous, previous_day = m.notes_taken_by, m.on
    upcoming = _expected_taker(p, previous, previous_day, day)
    return rows, upcoming if upcoming is not None else Service.NEXT_STEP


def _rotation_results(
    ob: PeriodicObligation, protocol: Protocol, meetings: Sequence[Meeting]
) -> list[ObligationResult]:
    out = []
    rows, _ = notes_rotation(meetings, date.max, protocol=protocol)
    oid = ob.id.rsplit("/", 1)[0] + "/notes-in-rotation"
    for m, expected in rows:
        taker = m.notes_taken_by
        if expected is None:
            ok, text = taker is not None, f"first meeting, notes by {taker}"
        else:
            ok = taker == expected
            text = f"notes by {taker}, {'as' if ok else 'but'} it was {expected}'s turn"
        if taker is None:
            text = "no note-taker recorded"
        out.append(ObligationResult(
            None, oid, ob.clause, Status.MET if ok else Status.OVERDUE, m.on, m.on,
            m.on if ok else None,
            f"notes taken by {taker}" if taker else None,
            ("met: " if ok else "not in rotation: ") + text,
            "notes taken on a rotational basis between agencies",
            "rotation: Next Step, then the probation providers in force", m.on.isoformat(),
        ))  # fmt: skip
    return out


# --------------------------------------------------------------------------- caseload


def evaluate_caseload(
    caseload: Caseload,
    as_of: date,
    *,
    protocol: Protocol | Iterable[Protocol] | None = None,
    calendar: WorkingCalendar | None = None,
    monitoring_from: date | None = None,
) -> CaseloadReport:
    """Evaluate every case and the partnership obligations of a caseload on ``as_of``."""
    if not isinstance(caseload, Caseload):
        raise InvalidArgumentError(f"caseload must be a Caseload, not {type(caseload).__name__}")
    cal = calendar if calendar is not None else _default_calendar()
    protocols = _protocols(protocol)
    results: list[ObligationResult] = []
    day = check_date("as_of", as_of)
    if not isinstance(cal, WorkingCalendar):
        raise InvalidArgumentError(f"calendar must be a WorkingCalendar, not {type(cal).__name__}")
    plans = _compile(protocols)
    cal_text = cal.describe()
    # The results form no reference cycles: see gc_paused.
    with gc_paused():
        for case in caseload.cases:
            results.extend(_evaluate_case(case, day, plans, cal, cal_text))
    results.extend(evaluate_partnership(caseload, as_of, protocol=protocols,
                                        monitoring_from=monitoring_from))  # fmt: skip
    return CaseloadReport(day, tuple(results))


def qa_sample(caseload: Caseload, as_of: date, size: int, *, seed: int) -> tuple[str, ...]:
    """A reproducible sample of joint YOS / Next Steps case ids for quality assurance.

    3.14.12 §4 asks operational managers to quality-assure "a number of joint cases" twice
    a year. The population is every case recorded (on or before ``as_of``) as open to both
    services and not closed by then, in id order; the sample is drawn with
    ``random.Random(seed)``, so the same inputs always give the same sample. When the
    population is smaller than ``size`` the whole population is returned.
    """
    if not isinstance(caseload, Caseload):
        raise InvalidArgumentError(f"caseload must be a Caseload, not {type(caseload).__name__}")
    day = check_date("as_of", as_of)
    if size.__class__ is not int or size < 0:
        raise InvalidArgumentError(f"size must be a whole number >= 0, got {size!r}")
    p = ALL_PROTOCOLS["3.14.12"]
    joint = ALL_PROTOCOLS["3.14.12"].obligations[1].applies_if[0]
    population = []
    for case in sorted(caseload.cases, key=lambda c: c.case_id):
        by_type = _index(case, day)
        if _find(by_type, joint, None, p) and not by_type.get("case-closed"):
            population.append(case.case_id)
    if size >= len(population):
        return tuple(population)
    return tuple(sorted(random.Random(seed).sample(population, size)))
