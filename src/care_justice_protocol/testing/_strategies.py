"""Hypothesis strategies for the domain model: plural nouns, each producing valid values.

Entities and events are derived from the attrs classes (each field's shape and
[`Constraint`][care_justice_protocol.model.Constraint], read by the model's one walker,
[`fields_of`][care_justice_protocol.model.fields_of]), so every event type is covered,
including ones added later, and every drawn value passes the field's validator. Cases
asked to show a status are built constructively with drawn dates, so Hypothesis never has
to filter for them: for any protocol, from its obligations' own patterns and due-date
shapes (``._plans``); for Salford's bundled protocols, also from scenario templates
(a joint allocation and the 15-working-day meeting; a charge, the first hearing and the
solicitor; a community sentence).
"""

from __future__ import annotations

import enum
import functools
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from typing import Any, Final, TypeVar

import attrs
from hypothesis import strategies as st

from .._checks import check_choices, check_count, check_date
from .._errors import InvalidArgumentError
from ..calendar._deadlines import WorkingDaysAfter
from ..calendar._working_days import WorkingCalendar
from ..compliance._results import Status
from ..io._crosscheck import cross_check_case
from ..io._protocols import ALL_PROTOCOLS, PROTOCOL_3_14_12, PROTOCOL_3_14_13
from ..model._constraints import (
    Choice,
    Many,
    Maybe,
    Meaning,
    Record,
    Scalar,
    Shape,
    Tagged,
    fields_of,
    is_identifier,
)
from ..model._entities import (
    SERVICE_PERIODS,
    CareStatus,
    DocumentKind,
    LegalStatus,
    Meeting,
    MeetingKind,
    QualityAssuranceRecord,
    Role,
    SentenceOutcome,
    Service,
    StaffMember,
    YoungPerson,
)
from ..model._events import (
    EVENT_TYPES,
    CaseEvent,
    Caseload,
    DisagreementRaised,
    Event,
    JointCase,
)
from ..protocols._local import Rulebook
from ..protocols._rules import Obligation, Protocol, UnknownObligationError
from ._builder import _STAFF_ORDER, DEFAULT_AS_OF, Scenario
from ._plans import Plan, plans_for, young_person_for

__all__ = [
    "calendars",
    "caseloads",
    "cases",
    "dates",
    "events",
    "identifiers",
    "staff_members",
    "young_people",
]

T = TypeVar("T")

#: The default range of generated dates: wide around the years the protocols are in force,
#: and inside the years the England calendar knows, so every generated case can be evaluated.
MIN_DATE: Final = date(2010, 1, 1)
MAX_DATE: Final = date(2040, 12, 31)

_TEXT_CHARACTERS = st.characters(codec="utf-8")  # no lone surrogates: they cannot be encoded
#: Identifiers: characters of one script at a time (a block of it), with the ASCII digits,
#: punctuation, symbols and the space that go with any script; what is drawn is kept only
#: if it keeps to the identifier alphabet and to one script (so loading it never warns).
_ID_BLOCKS: Final = (
    (0x0041, 0x024F),  # Basic Latin letters to Latin Extended-B
    (0x0391, 0x03C9),  # Greek
    (0x0400, 0x04FF),  # Cyrillic
    (0x0600, 0x06FF),  # Arabic
    (0x0900, 0x097F),  # Devanagari
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
)
#: The characters that go with any script: the ASCII digits, punctuation and symbols,
#: and the space.
_ID_COMMON: Final = "".join(
    c for c in map(chr, range(0x20, 0x7F)) if unicodedata.category(c)[0] in "NPS" or c == " "
)


def _block_characters(block: tuple[int, int]) -> st.SearchStrategy[str]:
    return st.characters(
        codec="utf-8",
        categories=("L", "M", "N"),
        min_codepoint=block[0],
        max_codepoint=block[1],
        include_characters=_ID_COMMON,
    )


#: How far before the as-of date a template's first event may lie.
_REACH_DAYS: Final = 600


def dates(min_value: date = MIN_DATE, max_value: date = MAX_DATE) -> st.SearchStrategy[date]:
    """Days from ``min_value`` to ``max_value`` (both inclusive; default 2010 to 2040).

    Raises:
        InvalidArgumentError: ``max_value`` is before ``min_value``.
    """
    lo, hi = check_date("min_value", min_value), check_date("max_value", max_value)
    if hi < lo:
        raise InvalidArgumentError(f"max_value {hi} is before min_value {lo}")
    return st.dates(lo, hi)


def identifiers(min_size: int = 1, max_size: int = 20) -> st.SearchStrategy[str]:
    """Identifiers of ``min_size`` to ``max_size`` characters in the identifier alphabet.

    Each is in one script (Latin, Greek, Cyrillic, Arabic, Devanagari or Han, with the
    ASCII digits, punctuation, symbols and inner spaces that go with any script; see
    [`identifier_problem`][care_justice_protocol.identifier_problem]), so a document of them loads
    without a mixed-script warning.
    """
    return _identifiers(min_size, max_size)


@functools.lru_cache(maxsize=64)
def _identifiers(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    texts = [
        st.text(_block_characters(block), min_size=min_size, max_size=max_size)
        for block in _ID_BLOCKS
    ]
    return st.one_of(texts).filter(is_identifier)  # each block is of one script


class _Derive:
    """Strategies for the attrs classes of the domain model, with one strategy for dates."""

    def __init__(self, day: st.SearchStrategy[date]) -> None:
        self.day = day
        self._cache: dict[type[Any], st.SearchStrategy[Any]] = {}

    def shape(self, shape: Shape) -> st.SearchStrategy[Any]:
        """Values of *shape* that its constraints accept (see
        [`fields_of`][care_justice_protocol.model.fields_of])."""
        match shape:
            case Maybe(inner):
                return st.none() | self.shape(inner)
            case Many(item, constraint):
                least = constraint.min_items or 0
                return st.lists(
                    self.shape(item),
                    min_size=least,
                    max_size=max(4, least),
                    unique=constraint.unique_items,
                ).map(tuple)
            case Scalar(type_, constraint):
                if type_ is str:
                    low, high = constraint.string_bounds()
                    if constraint.meaning in (Meaning.IDENTIFIER, Meaning.EXTERNAL_REFERENCE):
                        return identifiers(max(low, 1), min(high, 20))
                    if low:
                        return st.text(_TEXT_CHARACTERS, min_size=low, max_size=min(high, 30))
                    return st.text(_TEXT_CHARACTERS, max_size=min(high, 30))
                if type_ is bool:
                    return st.booleans()
                if type_ is int:
                    if constraint.const is not None:
                        return st.just(constraint.const)
                    least = -(10**6) if constraint.minimum is None else constraint.minimum
                    return st.integers(min_value=least, max_value=10**6)
                return self.day
            case Choice(_, members):
                return st.sampled_from(members)
            case Record(type_):
                return self.builds(type_)
            case Tagged():
                return self.events()

    def builds(self, cls: type[T], **fixed: st.SearchStrategy[Any]) -> st.SearchStrategy[T]:
        if not fixed and cls in self._cache:
            return self._cache[cls]
        fields = {
            f.alias: fixed[f.alias] if f.alias in fixed else self.shape(f.shape)
            for f in fields_of(cls)
        }
        out: st.SearchStrategy[T] = st.builds(cls, **fields)
        if not fixed:
            self._cache[cls] = out
        return out

    def instances(self, cls: type[T]) -> st.SearchStrategy[T]:
        if cls is JointCase:
            return self.cases()  # type: ignore[return-value]
        if cls is Caseload:
            return self.caseloads()  # type: ignore[return-value]
        return self.builds(cls)

    def events(self, *types: type[CaseEvent]) -> st.SearchStrategy[Event]:
        for cls in types:
            if not (isinstance(cls, type) and issubclass(cls, CaseEvent)):
                raise InvalidArgumentError(
                    f"events() takes event classes (e.g. Allocated), not {cls!r}"
                )
        chosen = types or tuple(EVENT_TYPES.values())
        return st.one_of([self.builds(cls).map(_in_their_dates) for cls in chosen])  # type: ignore[arg-type]

    def cases(self, max_events: int = 8) -> st.SearchStrategy[JointCase]:
        return st.builds(
            JointCase,
            case_id=identifiers(),
            young_person=self.builds(YoungPerson),
            events=st.lists(self.events(), max_size=max_events).map(tuple),
            staff=st.lists(self.builds(StaffMember), max_size=3, unique_by=_staff_id).map(tuple),
            external_ref=st.none() | identifiers(),
        ).map(_consistent)

    def caseloads(
        self, max_cases: int = 3, cases: st.SearchStrategy[JointCase] | None = None
    ) -> st.SearchStrategy[Caseload]:
        return st.builds(
            Caseload,
            cases=st.lists(
                self.cases() if cases is None else cases, max_size=max_cases, unique_by=_case_id
            ).map(tuple),
            management_meetings=st.lists(self.builds(Meeting).map(_in_their_dates), max_size=2).map(
                tuple
            ),
            quality_assurance=st.lists(
                self.builds(QualityAssuranceRecord).map(_in_their_dates), max_size=2
            ).map(tuple),
        )


def _existing(service: Service, day: date) -> Service:
    """``service``, or on a day it did not exist the one that did in its place (NPS and CRC
    after 25 June 2021: the Probation Service; the Probation Service before: NPS)."""
    period = SERVICE_PERIODS[service]
    if period.contains(day):
        return service
    for other, span in SERVICE_PERIODS.items():
        if span.contains(day) and (
            (period.end is not None and span.start == period.end + timedelta(days=1))
            or (period.start is not None and span.end == period.start - timedelta(days=1))
        ):
            return other
    return service  # pragma: no cover - every bounded service has a successor or predecessor


def _in_their_dates(record: T) -> T:
    """A drawn event or partnership record whose services exist on its day: the kit's
    documents load without a "did not exist then" warning (as a council's should)."""
    day = getattr(record, "on", None)
    if not isinstance(day, date):
        return record
    changes: dict[str, Any] = {}
    for a in attrs.fields(type(record)):  # type: ignore[arg-type]
        value = getattr(record, a.name)
        if isinstance(value, Service):
            fixed: Any = _existing(value, day)
        elif isinstance(value, tuple) and value and all(isinstance(v, Service) for v in value):
            fixed = tuple(dict.fromkeys(_existing(v, day) for v in value))
        else:
            continue
        if fixed != value:
            changes[a.alias] = fixed
    if not changes:
        return record
    try:
        return attrs.evolve(record, **changes)  # type: ignore[misc]
    except ValueError:  # e.g. two services that became one, where two are needed
        return record


def _consistent(case: JointCase, *, drop: bool = True) -> JointCase:
    """A drawn case that passes the cross-checks of ``care_justice_protocol.io._crosscheck``
    (as a council's should): every staff id it names is on its staff list, a disagreement
    escalated or resolved is raised first (a ``disagreement-raised`` on the day of its first
    step, added), and, with ``drop``, the other events a cross-check finds impossible (work
    after the case was closed, a disagreement raised twice, ...) are left out."""
    findings = cross_check_case(case)
    if not findings:
        return case
    known = {m.id for m in case.staff}
    extra: dict[str, StaffMember] = {}
    raises: dict[str, Event] = {}
    dropped: set[int] = set()
    for f in findings:
        index = int(f.path.split("events[", 1)[1].split("]", 1)[0])
        event: Any = case.events[index]
        if f.code in ("disagreement-not-raised", "disagreement-before-raised"):
            did = event.disagreement_id
            if did not in raises or event.on < raises[did].on:
                raises[did] = DisagreementRaised(
                    on=event.on, recorded_by=event.recorded_by, disagreement_id=did,
                    between=(Service.YOS, Service.NEXT_STEP),
                )  # fmt: skip
        elif f.code != "unknown-staff":
            dropped.add(index)
        else:
            name, _, position = f.path.rsplit(".", 1)[1].partition("[")
            value = getattr(event, name)
            ident = value[int(position[:-1])] if position else value
            if ident not in known:
                extra.setdefault(ident, StaffMember(ident, Role.CASE_WORKER, Service.YOS))
    for raised in raises.values():
        if raised.recorded_by not in known and case.staff:
            who = raised.recorded_by
            extra.setdefault(who, StaffMember(who, Role.CASE_WORKER, Service.YOS))
    kept = case.events if not drop else tuple(
        e for i, e in enumerate(case.events) if i not in dropped
    )  # fmt: skip
    fixed = attrs.evolve(case, events=tuple(raises.values()) + kept,
                         staff=case.staff + tuple(extra.values()))  # fmt: skip
    return fixed if not (drop and dropped) else _consistent(fixed)


def _kept_statuses(case: JointCase) -> JointCase:
    """``_consistent`` for a case built for its statuses: nothing is left out."""
    return _consistent(case, drop=False)


def _staff_id(member: StaffMember) -> str:
    return member.id


def _case_id(case: JointCase) -> str:
    return case.case_id


_KIT: Final = _Derive(dates())


def staff_members() -> st.SearchStrategy[StaffMember]:
    """Staff members in any role and service (names sometimes given)."""
    return _KIT.builds(StaffMember)


def young_people(
    *,
    care_statuses: Iterable[CareStatus | str] | None = None,
    legal_statuses: Iterable[LegalStatus | str] | None = None,
    has_icta: bool | None = None,
) -> st.SearchStrategy[YoungPerson]:
    """Young people, in any care and legal status unless the arguments narrow them.

    Args:
        care_statuses: the care statuses to draw from (default: all).
        legal_statuses: the legal statuses to draw from (default: all).
        has_icta: fix whether they have an ICTA (default: either).

    Raises:
        InvalidArgumentError: an unknown status, an empty collection, or a non-bool
            ``has_icta``.
    """
    fixed: dict[str, st.SearchStrategy[Any]] = {}
    if care_statuses is not None:
        fixed["care_status"] = st.sampled_from(_members(CareStatus, "care_statuses", care_statuses))
    if legal_statuses is not None:
        fixed["legal_status"] = st.sampled_from(
            _members(LegalStatus, "legal_statuses", legal_statuses)
        )
    if has_icta is not None:
        if has_icta.__class__ is not bool:
            raise InvalidArgumentError(f"has_icta must be True, False or None, not {has_icta!r}")
        fixed["has_icta"] = st.just(has_icta)
    return _KIT.builds(YoungPerson, **fixed)


_Enum = TypeVar("_Enum", bound=enum.Enum)


def _members(kind: type[_Enum], argument: str, values: Iterable[object]) -> tuple[_Enum, ...]:
    out = check_choices(kind, argument, values)
    if not out:
        raise InvalidArgumentError(f"{argument} must not be empty")
    return tuple(dict.fromkeys(out))


def events(
    *types: type[CaseEvent], dates: st.SearchStrategy[date] | None = None
) -> st.SearchStrategy[Event]:
    """Events of the given classes (every class when none is given).

    Args:
        types: event classes, e.g. ``Allocated, MeetingHeld``.
        dates: the strategy for every date field (default:
            [`dates`][care_justice_protocol.testing.dates]).

    Raises:
        InvalidArgumentError: something other than an event class was given.
    """
    derive = _KIT if dates is None else _Derive(dates)
    return derive.events(*types)


def calendars() -> st.SearchStrategy[WorkingCalendar]:
    """Working calendars: mostly England's, some with local closures or another weekend,
    and some with no bank holidays at all."""
    weekends = st.sampled_from(
        [frozenset({5, 6}), frozenset({6}), frozenset({4, 5}), frozenset({4, 5, 6})]
    ) | st.frozensets(st.integers(0, 6), max_size=3)
    closures = st.frozensets(dates(date(2015, 1, 1), date(2035, 12, 31)), max_size=6)
    return st.one_of(
        st.just(WorkingCalendar.england()),
        st.builds(WorkingCalendar.england, extra_closures=closures, weekend=weekends),
        st.builds(WorkingCalendar.weekdays_only, weekend=weekends),
    )


# --------------------------------------------------------------------------- cases

_Template = Callable[[st.DrawFn, Scenario, date, Protocol], Scenario]

_MEET: Final = "3.14.12/2/meet-within-15-working-days"
_CONFIRM: Final = "3.14.12/2/confirm-open-to-other-service"
_SOLICITOR: Final = "3.14.13/charged/legal-representation"
_COMMUNITY: Final = "3.14.13/community-sentence/share-information"
_NS, _YOS = Service.NEXT_STEP, Service.YOS
_CW = MeetingKind.CASE_WORKER_INFORMATION_SHARING


def _obligation(protocol: Protocol, obligation_id: str) -> Obligation | None:
    """The case-level obligation with this id, or ``None`` where the protocol has none."""
    try:
        found = protocol.obligation(obligation_id)
    except UnknownObligationError:
        return None
    return found if isinstance(found, Obligation) else None


def _working_days(protocol: Protocol) -> int:
    ob = _obligation(protocol, _MEET)
    amount = (
        ob.deadline.days if ob is not None and isinstance(ob.deadline, WorkingDaysAfter) else None
    )
    if amount is None:  # pragma: no cover - _usable() checked the protocol first
        raise InvalidArgumentError(f"protocol {protocol.id!r} has no {_MEET!r} in working days")
    return amount


def _back(draw: st.DrawFn, cal: WorkingCalendar, as_of: date, least: int, most: int) -> date:
    """A day ``least``..``most`` working days before ``as_of`` (``as_of`` itself for 0)."""
    k = draw(st.integers(least, most))
    return as_of if k == 0 else cal.add_working_days(as_of, -k)


# 3.14.12: a joint YOS / Next Steps case and the 15-working-day meeting (N from the protocol).


def _t12_overdue(draw: st.DrawFn, s: Scenario, as_of: date, p: Protocol) -> Scenario:
    n = _working_days(p)
    return s.joint_yos_next_steps(_back(draw, s.calendar, as_of, n + 1, n + 300))


def _t12_due(draw: st.DrawFn, s: Scenario, as_of: date, p: Protocol) -> Scenario:
    return s.joint_yos_next_steps(_back(draw, s.calendar, as_of, 0, _working_days(p)))


def _t12_met(draw: st.DrawFn, s: Scenario, as_of: date, p: Protocol) -> Scenario:
    k = draw(st.integers(0, 300))
    allocated = as_of if k == 0 else s.calendar.add_working_days(as_of, -k)
    met = s.calendar.add_working_days(allocated, draw(st.integers(0, min(_working_days(p), k))))
    return s.joint_yos_next_steps(allocated).meeting(min(met, as_of), _CW, _YOS, _NS)


def _t12_met_late(draw: st.DrawFn, s: Scenario, as_of: date, p: Protocol) -> Scenario:
    n = _working_days(p)
    k = draw(st.integers(n + 2, n + 300))
    allocated = s.calendar.add_working_days(as_of, -k)
    met = s.calendar.add_working_days(allocated, draw(st.integers(n + 1, k - 1)))
    return s.joint_yos_next_steps(allocated).meeting(met, _CW, _YOS, _NS)


def _t12_no_timescale(draw: st.DrawFn, s: Scenario, as_of: date, p: Protocol) -> Scenario:
    """Allocated, and nobody has checked whether the other service has the case."""
    day = as_of - timedelta(days=draw(st.integers(0, _REACH_DAYS)))
    return s.allocate(day, draw(st.sampled_from((_YOS, _NS))))


def _t12_not_applicable(draw: st.DrawFn, s: Scenario, as_of: date, p: Protocol) -> Scenario:
    """YOS allocated; the case is not open to Next Steps, so the joint duties do not arise."""
    day = as_of - timedelta(days=draw(st.integers(0, _REACH_DAYS)))
    return s.allocate(day, _YOS).check_other_service(day, _YOS, _NS, open_to_other=False)


# 3.14.13: the charge, the first hearing and the solicitor; the community sentence.


def _days_back(draw: st.DrawFn, as_of: date, first: date, least: int) -> date:
    return as_of - timedelta(days=draw(st.integers(least, min((as_of - first).days, _REACH_DAYS))))


def _between(draw: st.DrawFn, lo: date, hi: date) -> date:
    return lo + timedelta(days=draw(st.integers(0, (hi - lo).days)))


def _effective(p: Protocol) -> date:
    first = p.effective_from
    return first if first is not None else date.min


def _t13_overdue(draw: st.DrawFn, s: Scenario, as_of: date, p: Protocol) -> Scenario:
    """Charged, the first hearing has passed, and no solicitor was arranged."""
    charged = _days_back(draw, as_of, _effective(p), 1)
    hearing = _between(draw, charged, as_of - timedelta(days=1))
    return _next_step(s, charged).charged(charged).hearing(hearing, _NS)


def _next_step(s: Scenario, day: date) -> Scenario:
    """A Next Step young person (3.14.13 "If a Next Step young person is charged"): Next
    Step allocates the case on ``day``, whatever the drawn care status."""
    return s.allocate(day, _NS)


def _t13_due(draw: st.DrawFn, s: Scenario, as_of: date, p: Protocol) -> Scenario:
    """Charged, no hearing yet, no solicitor yet."""
    day = _days_back(draw, as_of, _effective(p), 0)
    return _next_step(s, day).charged(day)


def _t13_met(draw: st.DrawFn, s: Scenario, as_of: date, p: Protocol) -> Scenario:
    charged = _days_back(draw, as_of, _effective(p), 0)
    return (
        _next_step(s, charged).charged(charged).legal_representation(_between(draw, charged, as_of))
    )


def _t13_met_late(draw: st.DrawFn, s: Scenario, as_of: date, p: Protocol) -> Scenario:
    """The solicitor was arranged after the first hearing."""
    charged = _days_back(draw, as_of, _effective(p), 1)
    hearing = _between(draw, charged, as_of - timedelta(days=1))
    solicitor = _between(draw, hearing + timedelta(days=1), as_of)
    return (
        _next_step(s, charged)
        .charged(charged)
        .hearing(hearing, _NS)
        .legal_representation(solicitor)
    )


def _t13_no_timescale(draw: st.DrawFn, s: Scenario, as_of: date, p: Protocol) -> Scenario:
    """A community sentence with no information shared since."""
    day = _days_back(draw, as_of, _effective(p), 0)
    return _next_step(s, day).sentenced(
        day, SentenceOutcome.COMMUNITY_ORDER, draw(st.integers(1, 36))
    )


def _t13_not_applicable(draw: st.DrawFn, s: Scenario, as_of: date, p: Protocol) -> Scenario:
    """Nothing has happened under 3.14.13: every obligation is not applicable."""
    return s


#: (protocol id, status) -> (template, the obligations the template relies on, the least
#: number of days the as-of date must be after the protocol took effect).
_TEMPLATES: Final[Mapping[tuple[str, Status], tuple[_Template, tuple[str, ...], int]]] = {
    ("3.14.12", Status.OVERDUE): (_t12_overdue, (_MEET,), 0),
    ("3.14.12", Status.DUE): (_t12_due, (_MEET,), 0),
    ("3.14.12", Status.MET): (_t12_met, (_MEET,), 0),
    ("3.14.12", Status.MET_LATE): (_t12_met_late, (_MEET,), 0),
    ("3.14.12", Status.NO_TIMESCALE): (_t12_no_timescale, (_CONFIRM,), 0),
    ("3.14.12", Status.NOT_APPLICABLE): (_t12_not_applicable, (_MEET,), 0),
    ("3.14.13", Status.OVERDUE): (_t13_overdue, (_SOLICITOR,), 1),
    ("3.14.13", Status.DUE): (_t13_due, (_SOLICITOR,), 0),
    ("3.14.13", Status.MET): (_t13_met, (_SOLICITOR,), 0),
    ("3.14.13", Status.MET_LATE): (_t13_met_late, (_SOLICITOR,), 1),
    ("3.14.13", Status.NO_TIMESCALE): (_t13_no_timescale, (_COMMUNITY,), 0),
    ("3.14.13", Status.NOT_APPLICABLE): (_t13_not_applicable, (), 0),
}


def _usable(p: Protocol, needs: tuple[str, ...]) -> bool:
    """Whether the template's obligations are in ``p`` with the bundled deadline kinds."""
    bundled = ALL_PROTOCOLS.get(p.id)
    if bundled is None:
        return False
    for oid in needs:
        ob, original = _obligation(p, oid), _obligation(bundled, oid)
        if ob is None or original is None or type(ob.deadline) is not type(original.deadline):
            return False
        if isinstance(ob.deadline, WorkingDaysAfter) and not ob.deadline.days:
            return False
    return True


def _templates(
    protocols: tuple[Protocol, ...], statuses: tuple[Status, ...], as_of: date
) -> list[tuple[Protocol, _Template]]:
    plans = []
    for p in protocols:
        for status in statuses:
            entry = _TEMPLATES.get((p.id, status))
            if entry is None:
                continue
            template, needs, margin = entry
            first = _effective(p)
            if _usable(p, needs) and (first == date.min or (as_of - first).days >= margin):
                plans.append((p, template))
    return plans


@functools.lru_cache(maxsize=128)
def _generic(
    protocol: Protocol,
    statuses: tuple[Status, ...],
    as_of: date,
    calendar: WorkingCalendar,
    obligations: frozenset[str] | None,
) -> tuple[Plan, ...]:
    return tuple(plans_for(protocol, statuses, as_of, calendar, obligations))


def _check_protocols(
    protocol: Protocol | Iterable[Protocol] | Rulebook | None,
    calendar: WorkingCalendar | None,
) -> tuple[tuple[Protocol, ...], WorkingCalendar]:
    if isinstance(protocol, Rulebook):
        if calendar is not None:
            raise InvalidArgumentError(
                "calendar must not be given with a Rulebook: the rulebook carries its own"
            )
        return protocol.protocols, protocol.calendar
    cal = WorkingCalendar.england() if calendar is None else calendar
    if not isinstance(cal, WorkingCalendar):
        raise InvalidArgumentError(f"calendar must be a WorkingCalendar, not {cal!r}")
    if protocol is None:
        return (PROTOCOL_3_14_12, PROTOCOL_3_14_13), cal
    if isinstance(protocol, str | bytes) or not isinstance(protocol, Protocol | Iterable):
        raise InvalidArgumentError(
            "protocol must be a Protocol, an iterable of them or a Rulebook, not "
            f"{type(protocol).__name__}"
        )
    out = (protocol,) if isinstance(protocol, Protocol) else tuple(protocol)
    for p in out:
        if not isinstance(p, Protocol):
            raise InvalidArgumentError(f"protocol must be a Protocol, not {type(p).__name__}")
    return out, cal


def _check_obligations(
    obligations: str | Iterable[str] | None, protocols: tuple[Protocol, ...]
) -> frozenset[str] | None:
    if obligations is None:
        return None
    chosen = (obligations,) if isinstance(obligations, str) else tuple(obligations)
    if not chosen:
        raise InvalidArgumentError("obligations must not be empty")
    known = [o.id for p in protocols for o in p.obligations]
    unknown = [o for o in chosen if o not in known]
    if unknown:
        raise UnknownObligationError(
            tuple(str(o) for o in unknown), tuple(known), "the case-level obligations given"
        )
    return frozenset(chosen)


@functools.lru_cache(maxsize=64)
def _events_after(as_of: date) -> st.SearchStrategy[Event]:
    """Events after ``as_of``: evaluate() ignores them, so they vary the document only."""
    return events(dates=dates(as_of + timedelta(days=1), as_of + timedelta(days=_REACH_DAYS)))


def _scenario_cases(
    plans: list[tuple[Protocol, _Template] | Plan],
    as_of: date,
    cal: WorkingCalendar,
    max_events: int,
) -> st.SearchStrategy[JointCase]:
    later = _events_after(as_of)
    workers = st.lists(identifiers(), min_size=len(_STAFF_ORDER), max_size=5, unique=True)

    @st.composite
    def scenario_cases(draw: st.DrawFn) -> JointCase:
        # Plans are drawn by index: a strategy over protocols would have a huge repr.
        plan = plans[draw(st.integers(0, len(plans) - 1))]
        if isinstance(plan, Plan):
            built = _planned(draw, plan)
        else:
            p, template = plan
            ids = tuple(zip(_STAFF_ORDER, draw(workers), strict=True))
            base = Scenario(draw(identifiers()), draw(young_people()), cal, ids)
            built = template(draw, base, as_of, p).build()
        protocol = plan.protocol if isinstance(plan, Plan) else plan[0]
        if not _bundled_terms(protocol):
            # The filler events are drawn from the model's own (the bundled protocols')
            # terms: a case for another protocol gets none, so it stays a document that
            # protocol's loader reads (load_case(..., protocols=protocol)).
            return built
        extra = draw(st.lists(later, max_size=max(0, max_events - len(built.events))))
        return built.record(*extra)

    return scenario_cases()


def _bundled_terms(protocol: Protocol) -> bool:
    """Whether ``protocol`` uses only the bundled protocols' terms (the model's enums)."""
    v = protocol.vocabulary
    return all(
        set(terms) <= {m.value for m in enum_type}
        for terms, enum_type in (
            (v.services, Service), (v.roles, Role), (v.documents, DocumentKind),
            (v.meeting_kinds, MeetingKind),
        )
    ) and not v.event_types  # fmt: skip


def _planned(draw: st.DrawFn, plan: Plan) -> JointCase:
    """A case from a plan made from the protocol's own rules, its days drawn."""

    def pick(lo: date, hi: date) -> date:
        return lo + timedelta(days=draw(st.integers(0, (hi - lo).days)))

    person = young_person_for(plan, draw(young_people()))
    return JointCase(draw(identifiers()), person, tuple(plan.events(pick)))


def cases(
    *,
    statuses: Iterable[Status | str] | None = None,
    protocol: Protocol | Iterable[Protocol] | Rulebook | None = None,
    as_of: date | None = None,
    calendar: WorkingCalendar | None = None,
    max_events: int = 8,
    obligations: str | Iterable[str] | None = None,
) -> st.SearchStrategy[JointCase]:
    """Valid joint cases.

    Without ``statuses``: a mix of arbitrary valid cases (any events, in any order) and
    realistic scenarios. With ``statuses``: only cases where
    ``evaluate(case, as_of, protocol=protocol, calendar=calendar)`` has at least one
    result with one of those statuses.

    Cases are built, not filtered. For any protocol, including one loaded from a file,
    they come from its obligations: for an obligation and a status, the events its
    conditions, trigger and evidence patterns describe, on days its due-date shape and
    evidence window make give that status (a trigger and no evidence after the due date
    for ``overdue``; evidence after it for ``met-late``...). For Salford's bundled
    protocols, scenario templates add realistic histories (a joint YOS / Next Steps
    allocation and the 15-working-day meeting; a charge, the first hearing and the
    solicitor; a community sentence). The events carry the protocol's own terms
    (services, documents, meeting kinds), so a case drawn for another council's protocol
    holds that council's service ids.

    Args:
        statuses: statuses (or their values, e.g. ``"overdue"``) a case must show.
        protocol: the protocol(s) the case is evaluated under (default: Salford's two), or
            a [`Rulebook`][care_justice_protocol.Rulebook] (its protocols and its calendar).
        as_of: the evaluation date (default: ``DEFAULT_AS_OF``, 2026-11-25).
        calendar: the working-day calendar (default: England & Wales; not with a
            rulebook).
        max_events: the most events a case has (a plan may need a few more).
        obligations: with ``statuses``, the case-level obligations (ids) that must show
            one of them (default: any).

    Raises:
        InvalidArgumentError: an unknown status or obligation, a calendar beside a
            rulebook, or an ``as_of`` on which no case can show the statuses (e.g.
            ``overdue`` under 3.14.13 on the day it took effect).
    """
    day = DEFAULT_AS_OF if as_of is None else check_date("as_of", as_of)
    protocols, cal = _check_protocols(protocol, calendar)
    check_count("max_events", max_events)
    years = cal.years
    if not years.start + 2 <= day.year <= years.stop - 3:
        raise InvalidArgumentError(
            f"as_of {day.isoformat()} is too near the edge of the years the calendar knows "
            f"({years.start}-{years.stop - 1})"
        )
    chosen = _check_obligations(obligations, protocols)
    wanted = tuple(Status) if statuses is None else _members(Status, "statuses", statuses)
    plans: list[tuple[Protocol, _Template] | Plan] = []
    if chosen is None:
        plans.extend(_templates(protocols, wanted, day))
    for p in protocols:
        plans.extend(_generic(p, wanted, day, cal, chosen))
    if not plans:
        names = ", ".join(repr(p.id) for p in protocols)
        which = "" if chosen is None else f" for {', '.join(sorted(chosen))}"
        raise InvalidArgumentError(
            f"cases() cannot construct a case showing {[s.value for s in wanted]} under "
            f"protocol {names}{which} as of {day.isoformat()}: no obligation can show it "
            "then (e.g. 'overdue' needs a due date after the protocol took effect and "
            "before as_of; 'no-timescale' an obligation with no timescale)"
        )
    built = _scenario_cases(plans, day, cal, max_events).map(_kept_statuses)
    if statuses is None:
        return st.one_of(_KIT.cases(max_events), built)
    return built


def caseloads(
    *, cases: st.SearchStrategy[JointCase] | None = None, max_cases: int = 3
) -> st.SearchStrategy[Caseload]:
    """Caseloads of up to ``max_cases`` cases with unique ids, plus management meetings and
    quality-assurance records.

    Args:
        cases: the strategy for the cases (default: [`cases`][care_justice_protocol.testing.cases]).
        max_cases: the most cases in a caseload.
    """
    check_count("max_cases", max_cases)
    return _KIT.caseloads(max_cases, _default_cases() if cases is None else cases)


def _default_cases() -> st.SearchStrategy[JointCase]:
    return cases()
