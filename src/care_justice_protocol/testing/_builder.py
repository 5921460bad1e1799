"""A fluent, immutable builder for hand-written joint-case scenarios.

Every step returns a new [`Scenario`][care_justice_protocol.testing.Scenario], so a test can branch
one history into several ("the same case, with and without the meeting"). Dates are
``datetime.date`` objects, or steps relative to the previous step: a
``timedelta`` (calendar days), a
[`WorkingDaysAfter`][care_justice_protocol.WorkingDaysAfter] (working days on the scenario's
calendar) or a [`MonthsAfter`][care_justice_protocol.MonthsAfter] (calendar months, clipped at
month end).

This module needs only the package's runtime dependencies (no Hypothesis), so the
pytest plugin can import it in any project.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any, Final, TypeAlias, TypeVar

import attrs

from .._checks import check_choice, check_choices, check_count, check_date, check_flag
from .._errors import DateOutOfRangeError, InvalidArgumentError
from ..calendar._deadlines import MonthsAfter, WorkingDaysAfter
from ..calendar._working_days import WorkingCalendar
from ..model._constraints import Constraint, FieldValueError
from ..model._entities import (
    PROBATION_SERVICES,
    CareStatus,
    Complainant,
    DocumentKind,
    LegalStatus,
    MeetingKind,
    Role,
    SentenceOutcome,
    Service,
    StaffMember,
    YoungPerson,
)
from ..model._events import (
    Allocated,
    CaseClosed,
    CaseEvent,
    CaseTransferred,
    Charged,
    ComplaintMade,
    CourtHearing,
    CustodyLikely,
    DeclaredEvent,
    DeclaredValue,
    DisagreementEscalated,
    DisagreementRaised,
    DisagreementResolved,
    DocumentCopyGiven,
    DocumentShared,
    DocumentSigned,
    Event,
    IctaAdvised,
    InformationFedIn,
    InvitationSent,
    JointCase,
    LegalRepresentationArranged,
    MeetingHeld,
    OrderEnded,
    OtherServiceChecked,
    PlanUpdated,
    Released,
    Remanded,
    ReportPrepared,
    ResponsibilityAccepted,
    Sentenced,
    YoungPersonInformed,
)

__all__ = ["DEFAULT_AS_OF", "Scenario", "When"]

#: The as-of date the kit uses when none is given: the bundled example caseload's
#: documented evaluation date (the ``cjp_as_of`` fixture's default too).
DEFAULT_AS_OF: Final = date(2026, 11, 25)

#: A step's date: a day, or a step after the previous step's day.
When: TypeAlias = date | timedelta | WorkingDaysAfter | MonthsAfter

_NS, _YOS, _PS = Service.NEXT_STEP, Service.YOS, Service.PROBATION_SERVICE
_STAFF_ORDER: Final = (Service.YOS, Service.NEXT_STEP, Service.NPS, Service.CRC, _PS)
_ABBREVIATIONS: Final[Mapping[Service, str]] = MappingProxyType(
    {
        Service.YOS: "YOS",
        Service.NEXT_STEP: "NS",
        Service.NPS: "NPS",
        Service.CRC: "CRC",
        Service.PROBATION_SERVICE: "PS",
    }
)

_E = TypeVar("_E", bound=enum.Enum)


def _count(argument: str, value: object, minimum: int = 1) -> int:
    return check_count(argument, value, minimum)


def _text(argument: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        raise InvalidArgumentError(f"{argument} must be a non-empty string, not {value!r}")
    return value


def _default_workers(number: int = 1) -> dict[Service, str]:
    return {s: f"W-{_ABBREVIATIONS[s]}-{number:02d}" for s in _STAFF_ORDER}


def _workers(
    value: Mapping[Service, str] | Iterable[tuple[Service, str]] | None,
) -> tuple[tuple[Service, str], ...]:
    """Staff ids for every service: the defaults, replaced by those given."""
    workers = _default_workers()
    if value is not None:
        try:
            given = dict(value)
        except (TypeError, ValueError):
            raise InvalidArgumentError(
                f"workers must map each Service to a staff id, not {value!r}"
            ) from None
        for service, staff_id in given.items():
            workers[check_choice(Service, "workers key", service)] = _text(
                f"workers[{service!r}]", staff_id
            )
    return tuple((s, workers[s]) for s in _STAFF_ORDER)


def _of(kind: type[object]) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """An attrs validator raising InvalidArgumentError for a value not of ``kind``."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            raise InvalidArgumentError(
                f"{attribute.name} must be a {kind.__name__}, not {type(value).__name__}"
            )

    return check


def _events(value: Iterable[Event]) -> tuple[Event, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidArgumentError(f"events must be a collection of events, not {value!r}")
    out = tuple(value)
    for event in out:
        if not isinstance(event, CaseEvent):
            raise InvalidArgumentError(
                f"events must be case events (e.g. Allocated), not {type(event).__name__}"
            )
    return out


#: The services 3.14.13 §2 says may become responsible (the trigger that
#: [`Scenario.responsibility`][care_justice_protocol.testing.Scenario.responsibility] records).
_PROBATION: Final = Constraint(
    choices=tuple(sorted(PROBATION_SERVICES)), described_as="a probation service"
)


@attrs.frozen(repr=False)
class Scenario:
    """A joint case under construction; every step returns a new scenario.

    Build one with [`for_case`][care_justice_protocol.testing.Scenario.for_case], add steps, then
    call [`build`][care_justice_protocol.testing.Scenario.build]. Each service has one case worker
    (ids ``W-YOS-01``, ``W-NS-01``, ... unless ``workers`` says otherwise); a step is recorded by
    the worker of the service acting in it, and the built case lists the workers its events mention.

    Examples:
        Allocated on Friday 18 December 2026, the case workers meet 15 working days later:
        Wednesday 13 January 2027, after Christmas Day, Boxing Day (observed on Monday
        28th) and New Year's Day.

        >>> from datetime import date
        >>> from care_justice_protocol import (BUNDLED_PROTOCOLS, MeetingKind, Service, Status,
        ...     WorkingDaysAfter, evaluate)
        >>> allocated = Scenario.for_case("C-0001").joint_yos_next_steps(date(2026, 12, 18))
        >>> met = allocated.meeting(WorkingDaysAfter(15),
        ...     MeetingKind.CASE_WORKER_INFORMATION_SHARING, Service.YOS, Service.NEXT_STEP)
        >>> met.last_on
        datetime.date(2027, 1, 13)
        >>> def status(s):
        ...     [r] = [r for r in evaluate(s.build(), date(2027, 1, 14), protocol=BUNDLED_PROTOCOLS)
        ...            if r.obligation == "3.14.12/2/meet-within-15-working-days"]
        ...     return r.status.value, r.due
        >>> status(met)
        ('met', datetime.date(2027, 1, 13))
        >>> status(allocated)  # the same case without the meeting
        ('overdue', datetime.date(2027, 1, 13))

        Six months after 31 August is the last day of February:

        >>> from care_justice_protocol import MonthsAfter
        >>> s = (Scenario.for_case("C-0002")
        ...      .responsibility(date(2026, 8, 31), Service.PROBATION_SERVICE)
        ...      .review(MonthsAfter(6)))
        >>> s.last_on, [e.type for e in s.events]
        (datetime.date(2027, 2, 28),
         ['responsibility-accepted', 'invitation-sent', 'meeting-held'])

        Bad input is refused with the library's own errors:

        >>> from care_justice_protocol import InvalidArgumentError
        >>> try:
        ...     Scenario.for_case("C-0003").charged(WorkingDaysAfter(1))
        ... except InvalidArgumentError as error:
        ...     print(error)
        a relative date (WorkingDaysAfter(days=1)) needs an earlier step to count from;
        give a date for the first step
    """

    case_id: str = attrs.field(validator=lambda _s, _a, v: _text("case_id", v))
    young_person: YoungPerson = attrs.field(validator=_of(YoungPerson))
    calendar: WorkingCalendar = attrs.field(
        factory=WorkingCalendar.england, validator=_of(WorkingCalendar)
    )
    workers: tuple[tuple[Service, str], ...] = attrs.field(
        factory=lambda: _workers(None), converter=_workers
    )
    events: tuple[Event, ...] = attrs.field(default=(), converter=_events)

    # ------------------------------------------------------------------ creating

    @classmethod
    def for_case(
        cls,
        case_id: str = "C-0001",
        *,
        young_person_id: str = "YP-0001",
        born: date = date(2008, 1, 1),
        care_status: CareStatus | str = CareStatus.RELEVANT,
        legal_status: LegalStatus | str = LegalStatus.NO_PROCEEDINGS,
        has_icta: bool = False,
        workers: Mapping[Service, str] | None = None,
        calendar: WorkingCalendar | None = None,
    ) -> Scenario:
        """A scenario with no events yet.

        Args:
            case_id: the case id.
            young_person_id: the young person's id.
            born: their date of birth.
            care_status: their care status.
            legal_status: their legal status.
            has_icta: whether they have an Independent Child Trafficking Advocate.
            workers: staff ids by service, replacing the defaults (``W-YOS-01`` ...).
            calendar: the calendar for working-day steps (default: England & Wales).

        Raises:
            InvalidArgumentError: a value of the wrong kind (the message says which).
            InvalidDateTypeError: ``born`` is not a date.

        Examples:
            >>> Scenario.for_case("C-9", legal_status="charged").young_person
            YoungPerson(id='YP-0001', care_status='relevant', has_icta=False,
                        legal_status='charged')
        """
        if calendar is None:
            calendar = WorkingCalendar.england()
        young_person = YoungPerson(
            id=_text("young_person_id", young_person_id),
            date_of_birth=check_date("born", born),
            care_status=check_choice(CareStatus, "care_status", care_status),
            has_icta=check_flag("has_icta", has_icta),
            legal_status=check_choice(LegalStatus, "legal_status", legal_status),
        )
        return cls(case_id, young_person, calendar, _workers(workers))

    # ------------------------------------------------------------------ reading

    @property
    def last_on(self) -> date | None:
        """The date of the latest step (the base of relative dates), or None before any."""
        return self.events[-1].on if self.events else None

    def worker(self, service: Service | str) -> str:
        """The staff id of ``service``'s case worker in this scenario.

        Examples:
            >>> Scenario.for_case(workers={Service.YOS: "YOS-7"}).worker("yos")
            'YOS-7'
        """
        return self._worker(service, "service")

    def _worker(self, service: Service | str, name: str) -> str:
        return dict(self.workers)[check_choice(Service, name, service)]

    def resolve(self, on: When) -> date:
        """The day a step given as ``on`` falls on.

        Raises:
            InvalidArgumentError: a relative step with no earlier step, or ``on`` is not a
                date, timedelta, WorkingDaysAfter or MonthsAfter.
            InvalidDateTypeError: ``on`` is a datetime.
            DateOutOfRangeError: the step falls outside the years 1-9999.
        """
        if isinstance(on, (WorkingDaysAfter, MonthsAfter, timedelta)):
            base = self.last_on
            if base is None:
                raise InvalidArgumentError(
                    f"a relative date ({on!r}) needs an earlier step to count from; "
                    "give a date for the first step"
                )
            if isinstance(on, (WorkingDaysAfter, MonthsAfter)):
                return on.due(base, self.calendar)  # the shape computes its own due date
            if on % timedelta(days=1):
                raise InvalidArgumentError(
                    f"a timedelta step must be a whole number of days, got {on!r}"
                )
            try:
                return base + on
            except OverflowError:
                raise DateOutOfRangeError(
                    f"{on.days} days from {base.isoformat()} is outside 0001-01-01..9999-12-31"
                ) from None
        if isinstance(on, date):
            return check_date("on", on)
        raise InvalidArgumentError(
            "on must be a date, a timedelta, a WorkingDaysAfter or a MonthsAfter, "
            f"not {type(on).__name__}: {on!r}"
        )

    def build(self) -> JointCase:
        """The joint case: the events in the order recorded, and the workers they mention.

        Examples:
            >>> from datetime import date
            >>> case = Scenario.for_case("C-1").charged(date(2026, 11, 2)).build()
            >>> case.case_id, [m.id for m in case.staff]
            ('C-1', ['W-NS-01'])
        """
        mentioned: set[str] = set()
        for e in self.events:
            mentioned.add(e.recorded_by)
            if isinstance(e, Allocated):
                mentioned.add(e.worker_id)
            elif isinstance(e, MeetingHeld):
                mentioned.update(e.attendees)
        staff = tuple(
            StaffMember(id=staff_id, role=Role.CASE_WORKER, service=service)
            for service, staff_id in self.workers
            if staff_id in mentioned
        )
        return JointCase(
            case_id=self.case_id, young_person=self.young_person, events=self.events, staff=staff
        )

    # ------------------------------------------------------------------ any event

    def record(self, *events: Event) -> Scenario:
        """Append ready-made events (any of the library's event classes).

        Raises:
            InvalidArgumentError: something that is not a case event.
        """
        return attrs.evolve(self, events=self.events + _events(events))

    def declared(
        self, on: When, event_type: str, *, recorded_by: str, **values: DeclaredValue
    ) -> Scenario:
        """An event of a type a protocol file declares (``vocabulary.event_types``).

        ``recorded_by`` is a service (its worker records the step) or a staff id; the
        other keywords are the event's fields. Load or evaluate the case with the protocol
        that declares the type; its declaration checks the fields when a caseload is read.

        Examples:
            >>> from datetime import date
            >>> s = Scenario.for_case("C-1").declared(
            ...     date(2026, 12, 1), "transition-plan-agreed", recorded_by="S-9",
            ...     stage="final")
            >>> (e,) = s.events
            >>> e.type, e.stage, e.recorded_by
            ('transition-plan-agreed', 'final', 'S-9')
        """
        by = (
            self._worker(recorded_by, "recorded_by") if recorded_by in set(Service) else recorded_by
        )
        event = DeclaredEvent(type=event_type, on=self.resolve(on), recorded_by=by, values=values)
        return self.record(event)

    def _by(self, service: Service | str | None, default: Service) -> str:
        """The id of the worker recording a step: ``recorded_by``'s, or ``default``'s."""
        if service is None:
            return self._worker(default, "service")
        return self._worker(service, "recorded_by")

    # ------------------------------------------------------------------ allocation

    def allocate(
        self, on: When, service: Service | str, *, recorded_by: Service | str | None = None
    ) -> Scenario:
        """``service`` allocates the case to its worker (3.14.12 §2 trigger)."""
        svc = check_choice(Service, "service", service)
        day = self.resolve(on)
        return self.record(
            Allocated(
                on=day, recorded_by=self._by(recorded_by, svc), service=svc,
                worker_id=self.worker(svc),
            )
        )  # fmt: skip

    def check_other_service(
        self,
        on: When,
        service: Service | str,
        other: Service | str,
        *,
        open_to_other: bool,
        recorded_by: Service | str | None = None,
    ) -> Scenario:
        """``service``'s worker confirms whether the case is open to ``other`` (3.14.12 §2)."""
        svc = check_choice(Service, "service", service)
        return self.record(
            OtherServiceChecked(
                on=self.resolve(on),
                recorded_by=self._by(recorded_by, svc),
                service=svc,
                other_service=check_choice(Service, "other", other),
                open_to_other=check_flag("open_to_other", open_to_other),
            )
        )

    def joint_yos_next_steps(self, on: When) -> Scenario:
        """YOS allocates and confirms, the same day, that the case is open to Next Steps."""
        allocated = self.allocate(on, _YOS)
        day = allocated.last_on
        assert day is not None
        return allocated.check_other_service(day, _YOS, _NS, open_to_other=True)

    def responsibility(
        self, on: When, service: Service | str, *, recorded_by: Service | str | None = None
    ) -> Scenario:
        """A probation service becomes responsible for the young person (3.14.13 §2 trigger).

        The event itself may record any service (a protocol says whose acceptance counts);
        this builder is for 3.14.13's trigger, so it takes a probation provider only.

        Raises:
            InvalidArgumentError: ``service`` is not a probation service (a
                [`FieldValueError`][care_justice_protocol.FieldValueError]).
        """
        svc = check_choice(Service, "service", service)
        problem = _PROBATION.violation("service", svc)
        if problem is not None:
            raise FieldValueError("service", svc, problem)
        return self.record(
            ResponsibilityAccepted(
                on=self.resolve(on), recorded_by=self._by(recorded_by, svc), service=svc
            )
        )

    def transferred(
        self,
        on: When,
        from_service: Service | str,
        to_service: Service | str,
        *,
        recorded_by: Service | str | None = None,
    ) -> Scenario:
        """Responsibility moves from one service to another (recorded by the receiver)."""
        dst = check_choice(Service, "to_service", to_service)
        return self.record(
            CaseTransferred(
                on=self.resolve(on),
                recorded_by=self._by(recorded_by, dst),
                from_service=check_choice(Service, "from_service", from_service),
                to_service=dst,
            )
        )

    def closed(
        self, on: When, service: Service | str, *, recorded_by: Service | str | None = None
    ) -> Scenario:
        """``service`` closes its involvement (a closed case stops recurring reviews)."""
        svc = check_choice(Service, "service", service)
        return self.record(
            CaseClosed(on=self.resolve(on), recorded_by=self._by(recorded_by, svc), service=svc)
        )

    # ------------------------------------------------------------------ meetings

    def meeting(
        self,
        on: When,
        kind: MeetingKind | str,
        *services: Service | str,
        recorded: bool = True,
        notes_taken_by: Service | str | None = None,
        recorded_by: Service | str | None = None,
    ) -> Scenario:
        """A meeting about the case, attended by the workers of ``services``.

        Recorded by the first attending service's worker (Next Step's if none attend).
        """
        svcs = check_choices(Service, "services", services)
        attendees = tuple(self.worker(s) for s in svcs)
        who = (attendees[0] if attendees else self.worker(_NS)) if recorded_by is None else (
            self._worker(recorded_by, "recorded_by")
        )  # fmt: skip
        return self.record(
            MeetingHeld(
                on=self.resolve(on),
                recorded_by=who,
                kind=check_choice(MeetingKind, "kind", kind),
                attendees=attendees,
                services=svcs,
                recorded=check_flag("recorded", recorded),
                notes_taken_by=None
                if notes_taken_by is None
                else check_choice(Service, "notes_taken_by", notes_taken_by),
            )
        )

    def invite(
        self,
        on: When,
        kind: MeetingKind | str,
        from_service: Service | str,
        to_service: Service | str,
        *,
        for_date: date | None = None,
        recorded_by: Service | str | None = None,
    ) -> Scenario:
        """``from_service`` invites ``to_service`` to a meeting of ``kind``."""
        src = check_choice(Service, "from_service", from_service)
        return self.record(
            InvitationSent(
                on=self.resolve(on),
                recorded_by=self._by(recorded_by, src),
                kind=check_choice(MeetingKind, "kind", kind),
                from_service=src,
                to_service=check_choice(Service, "to_service", to_service),
                for_date=None if for_date is None else check_date("for_date", for_date),
            )
        )

    def review(
        self,
        on: When,
        kind: MeetingKind | str = MeetingKind.RELEVANT_REVIEW,
        *,
        invite: Service | str | None = _PS,
        invited_days_before: int = 14,
    ) -> Scenario:
        """A Next Step review, ``invite`` invited ``invited_days_before`` days ahead.

        With ``invite=None`` nobody is invited and Next Step meets alone.
        """
        day = self.resolve(on)
        back = timedelta(days=_count("invited_days_before", invited_days_before, 0))
        if invite is None:
            return self.meeting(day, kind, _NS)
        guest = check_choice(Service, "invite", invite)
        sent = day - back
        return self.invite(sent, kind, _NS, guest).meeting(day, kind, _NS, guest)

    def young_person_informed(
        self,
        on: When,
        by_service: Service | str = _NS,
        *,
        family_informed: bool = False,
        recorded_by: Service | str | None = None,
    ) -> Scenario:
        """The young person (and family) are told about plans and progress (3.14.13 §4)."""
        svc = check_choice(Service, "by_service", by_service)
        return self.record(
            YoungPersonInformed(
                on=self.resolve(on),
                recorded_by=self._by(recorded_by, svc),
                by_service=svc,
                family_informed=check_flag("family_informed", family_informed),
            )
        )

    # ------------------------------------------------------------------ documents

    def plan(
        self,
        on: When,
        document: DocumentKind | str,
        version: int,
        *,
        by: Service | str,
        includes_snapshot_of: Iterable[DocumentKind | str] = (),
        takes_account_of: Iterable[MeetingKind | str] = (),
    ) -> Scenario:
        """``by`` updates a plan to ``version`` (3.14.12 §2-3, 3.14.13 §3)."""
        svc = check_choice(Service, "by", by)
        return self.record(
            PlanUpdated(
                on=self.resolve(on),
                recorded_by=self.worker(svc),
                document=check_choice(DocumentKind, "document", document),
                version=_count("version", version),
                includes_snapshot_of=check_choices(
                    DocumentKind, "includes_snapshot_of", includes_snapshot_of
                ),
                takes_account_of=check_choices(MeetingKind, "takes_account_of", takes_account_of),
            )
        )

    def signed(
        self,
        on: When,
        by: Service | str,
        *,
        document: DocumentKind | str = DocumentKind.PATHWAY_PLAN,
        version: int = 1,
        recorded_by: Service | str | None = _NS,
    ) -> Scenario:
        """Staff of ``by`` sign a document (recorded by Next Step, who ensures it)."""
        return self.record(
            DocumentSigned(
                on=self.resolve(on),
                recorded_by=self._by(recorded_by, _NS),
                document=check_choice(DocumentKind, "document", document),
                signed_by_service=check_choice(Service, "by", by),
                version=_count("version", version),
            )
        )

    def copy(
        self,
        on: When,
        document: DocumentKind | str,
        from_service: Service | str,
        to_service: Service | str,
        *,
        version: int = 1,
    ) -> Scenario:
        """``from_service`` gives ``to_service`` a copy of ``document``."""
        return self._handed_over(DocumentCopyGiven, on, document, from_service, to_service, version)

    def share(
        self,
        on: When,
        document: DocumentKind | str,
        from_service: Service | str,
        to_service: Service | str,
        *,
        version: int = 1,
    ) -> Scenario:
        """``from_service`` shares ``document`` with ``to_service`` (3.14.13 §2)."""
        return self._handed_over(DocumentShared, on, document, from_service, to_service, version)

    def _handed_over(
        self,
        kind: type[DocumentCopyGiven] | type[DocumentShared],
        on: When,
        document: DocumentKind | str,
        from_service: Service | str,
        to_service: Service | str,
        version: int,
    ) -> Scenario:
        src = check_choice(Service, "from_service", from_service)
        return self.record(
            kind(
                on=self.resolve(on),
                recorded_by=self.worker(src),
                document=check_choice(DocumentKind, "document", document),
                from_service=src,
                to_service=check_choice(Service, "to_service", to_service),
                version=_count("version", version),
            )
        )

    def discharge_3_14_12_plans(self, on: When) -> Scenario:
        """Every 3.14.12 §2-§3 plan obligation discharged on one day.

        Intervention plan v2 with a pathway-plan snapshot taking account of the case
        workers' meeting; pathway plan v2 taking account of it; YOS signs it; copies
        exchanged both ways.
        """
        day = self.resolve(on)
        dk, cw = DocumentKind, (MeetingKind.CASE_WORKER_INFORMATION_SHARING,)
        return (
            self.plan(day, dk.INTERVENTION_PLAN, 2, by=_YOS,
                      includes_snapshot_of=(dk.PATHWAY_PLAN,), takes_account_of=cw)
            .plan(day, dk.PATHWAY_PLAN, 2, by=_NS, takes_account_of=cw)
            .signed(day, _YOS, version=2)
            .copy(day, dk.PATHWAY_PLAN, _NS, _YOS)
            .copy(day, dk.INTERVENTION_PLAN, _YOS, _NS)
        )  # fmt: skip

    def discharge_3_14_13_sharing(self, on: When, probation: Service | str = _PS) -> Scenario:
        """Every 3.14.13 §2-§3 sharing, signing, copying and informing obligation discharged
        on one day (the probation provider also tells Next Step of its involvement)."""
        day = self.resolve(on)
        ps = check_choice(Service, "probation", probation)
        if ps not in PROBATION_SERVICES:
            raise InvalidArgumentError(
                f"probation must be a probation service ({', '.join(PROBATION_SERVICES)}), "
                f"not {ps.value!r}"
            )
        dk = DocumentKind
        return (
            self.share(day, dk.PATHWAY_PLAN, _NS, ps)
            .share(day, dk.RISK_ASSESSMENT, _NS, ps)
            .share(day, dk.SENTENCE_PLAN, ps, _NS)
            .share(day, dk.RISK_ASSESSMENT, ps, _NS)
            .plan(day, dk.INTERVENTION_PLAN, 1, by=ps, includes_snapshot_of=(dk.PATHWAY_PLAN,))
            .signed(day, ps)
            .copy(day, dk.PATHWAY_PLAN, _NS, ps)
            .copy(day, dk.SENTENCE_PLAN, ps, _NS)
            .information_fed_in(day, ps, _NS)
        )

    def report_prepared(
        self,
        on: When,
        by_service: Service | str = _PS,
        *,
        document: DocumentKind | str = DocumentKind.PRE_SENTENCE_REPORT,
    ) -> Scenario:
        """``by_service`` prepares a report (the pre-sentence report unless told otherwise)."""
        svc = check_choice(Service, "by_service", by_service)
        return self.record(
            ReportPrepared(
                on=self.resolve(on),
                recorded_by=self.worker(svc),
                by_service=svc,
                document=check_choice(DocumentKind, "document", document),
            )
        )

    def information_fed_in(
        self, on: When, from_service: Service | str = _NS, to_service: Service | str = _PS
    ) -> Scenario:
        """``from_service`` feeds information to ``to_service`` (3.14.13: before the report)."""
        src = check_choice(Service, "from_service", from_service)
        return self.record(
            InformationFedIn(
                on=self.resolve(on),
                recorded_by=self.worker(src),
                from_service=src,
                to_service=check_choice(Service, "to_service", to_service),
            )
        )

    # ------------------------------------------------------------------ justice

    def charged(self, on: When, *, recorded_by: Service | str = _NS) -> Scenario:
        """The young person is charged with an offence."""
        return self.record(
            Charged(on=self.resolve(on), recorded_by=self._worker(recorded_by, "recorded_by"))
        )

    def legal_representation(
        self, on: When, *, youth_justice_expertise: bool = True, recorded_by: Service | str = _NS
    ) -> Scenario:
        """A solicitor is arranged (with youth-justice expertise unless told otherwise)."""
        return self.record(
            LegalRepresentationArranged(
                on=self.resolve(on),
                recorded_by=self._worker(recorded_by, "recorded_by"),
                youth_justice_expertise=check_flag(
                    "youth_justice_expertise", youth_justice_expertise
                ),
            )
        )

    def icta_advised(
        self, on: When, *, hearing_on: date | None = None, recorded_by: Service | str = _NS
    ) -> Scenario:
        """The young person's ICTA is advised of court."""
        return self.record(
            IctaAdvised(
                on=self.resolve(on),
                recorded_by=self._worker(recorded_by, "recorded_by"),
                hearing_on=None if hearing_on is None else check_date("hearing_on", hearing_on),
            )
        )

    def hearing(
        self,
        on: When,
        *attended_by: Service | str,
        sentencing: bool = False,
        icta_attended: bool = False,
        recorded_by: Service | str = _NS,
    ) -> Scenario:
        """A court hearing attended by the workers of ``attended_by``."""
        return self.record(
            CourtHearing(
                on=self.resolve(on),
                recorded_by=self._worker(recorded_by, "recorded_by"),
                is_sentencing=check_flag("sentencing", sentencing),
                attended_by=check_choices(Service, "attended_by", attended_by),
                icta_attended=check_flag("icta_attended", icta_attended),
            )
        )

    def custody_likely(self, on: When, *, recorded_by: Service | str = _NS) -> Scenario:
        """A custodial sentence becomes likely (3.14.13)."""
        return self.record(
            CustodyLikely(on=self.resolve(on), recorded_by=self._worker(recorded_by, "recorded_by"))
        )

    def remanded(self, on: When, *, recorded_by: Service | str = _NS) -> Scenario:
        """The young person is remanded."""
        return self.record(
            Remanded(on=self.resolve(on), recorded_by=self._worker(recorded_by, "recorded_by"))
        )

    def sentenced(
        self,
        on: When,
        outcome: SentenceOutcome | str,
        term_months: int | None = None,
        *,
        recorded_by: Service | str = _NS,
    ) -> Scenario:
        """The young person is sentenced (community order, custody or DTO)."""
        return self.record(
            Sentenced(
                on=self.resolve(on),
                recorded_by=self._worker(recorded_by, "recorded_by"),
                outcome=check_choice(SentenceOutcome, "outcome", outcome),
                term_months=None if term_months is None else _count("term_months", term_months),
            )
        )

    def released(self, on: When, *, on_licence: bool, recorded_by: Service | str = _NS) -> Scenario:
        """The young person is released from custody."""
        return self.record(
            Released(
                on=self.resolve(on),
                recorded_by=self._worker(recorded_by, "recorded_by"),
                on_licence=check_flag("on_licence", on_licence),
            )
        )

    def order_ended(self, on: When, *, recorded_by: Service | str = _NS) -> Scenario:
        """The young person's order or licence ends."""
        return self.record(
            OrderEnded(on=self.resolve(on), recorded_by=self._worker(recorded_by, "recorded_by"))
        )

    # ------------------------------------------------------------------ disputes

    def disagreement_raised(
        self,
        on: When,
        disagreement_id: str,
        *between: Service | str,
        about: str = "",
    ) -> Scenario:
        """Services ``between`` disagree (recorded by the first of them)."""
        svcs = check_choices(Service, "between", between)
        if not isinstance(about, str):
            raise InvalidArgumentError(f"about must be a string, not {about!r}")
        if len(set(svcs)) < 2 or len(set(svcs)) != len(svcs):
            raise InvalidArgumentError(
                f"a disagreement is between at least two different services, not {svcs!r}"
            )
        return self.record(
            DisagreementRaised(
                on=self.resolve(on),
                recorded_by=self.worker(svcs[0]),
                disagreement_id=_text("disagreement_id", disagreement_id),
                between=svcs,
                about=about,
            )
        )

    def disagreement_escalated(
        self, on: When, disagreement_id: str, to_role: Role | str, *,
        recorded_by: Service | str = _NS,
    ) -> Scenario:  # fmt: skip
        """A disagreement is referred up the ladder to ``to_role``."""
        return self.record(
            DisagreementEscalated(
                on=self.resolve(on),
                recorded_by=self._worker(recorded_by, "recorded_by"),
                disagreement_id=_text("disagreement_id", disagreement_id),
                to_role=check_choice(Role, "to_role", to_role),
            )
        )

    def disagreement_resolved(
        self, on: When, disagreement_id: str, at_role: Role | str | None = None, *,
        recorded_by: Service | str = _NS,
    ) -> Scenario:  # fmt: skip
        """A disagreement is resolved (at ``at_role``, if known)."""
        return self.record(
            DisagreementResolved(
                on=self.resolve(on),
                recorded_by=self._worker(recorded_by, "recorded_by"),
                disagreement_id=_text("disagreement_id", disagreement_id),
                at_role=None if at_role is None else check_choice(Role, "at_role", at_role),
            )
        )

    def complaint(self, on: When, by: Complainant | str, about_service: Service | str) -> Scenario:
        """The young person or a parent/carer complains about ``about_service``."""
        svc = check_choice(Service, "about_service", about_service)
        return self.record(
            ComplaintMade(
                on=self.resolve(on),
                recorded_by=self.worker(svc),
                by=check_choice(Complainant, "by", by),
                about_service=svc,
            )
        )

    def __repr__(self) -> str:
        last = self.last_on.isoformat() if self.last_on is not None else None
        return (
            f"Scenario(case_id={self.case_id!r}, young_person={self.young_person!r}, "
            f"events=<{len(self.events)} events>, last_on={last!r})"
        )
