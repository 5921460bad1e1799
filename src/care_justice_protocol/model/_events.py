"""Case events and the append-only joint case that records them.

Each event is a small frozen class with a class-level ``type`` tag (its JSON
discriminator), the day it happened (``on``) and who recorded it (``recorded_by``, a
staff id). State is derived from events, never stored twice. A
[`JointCase`][care_justice_protocol.JointCase] only grows:
[`JointCase.record`][care_justice_protocol.JointCase.record] returns a new case.

>>> from datetime import date
>>> from care_justice_protocol.model._entities import *
>>> yp = YoungPerson("YP-1", date(2008, 2, 29), CareStatus.RELEVANT, False,
...                  LegalStatus.NO_PROCEEDINGS)
>>> case = JointCase("C-1", yp)
>>> later = case.record(Allocated(on=date(2026, 11, 23), recorded_by="S-1",
...                               service=Service.YOS, worker_id="S-1"))
>>> late = later.record(Charged(on=date(2026, 11, 2), recorded_by="S-1"))
>>> [e.type for e in late.timeline()], len(case.events)
(['charged', 'allocated'], 0)
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import ClassVar, Final, TypeAlias, get_args

import attrs

from .._errors import CareJusticeError, InvalidArgumentError, ValidationError
from ._constraints import EXTERNAL_REF, ID, TEXT, VERSION, Constraint
from ._entities import (
    Complainant,
    DocumentKind,
    Meeting,
    MeetingKind,
    QualityAssuranceRecord,
    Role,
    SentenceOutcome,
    Service,
    StaffMember,
    YoungPerson,
)

__all__ = [
    "EVENT_TYPES",
    "SCHEMA_VERSION",
    "Allocated",
    "CaseClosed",
    "CaseEvent",
    "CaseTransferred",
    "Caseload",
    "Charged",
    "ComplaintMade",
    "CourtHearing",
    "CustodyLikely",
    "DisagreementEscalated",
    "DisagreementRaised",
    "DeclaredEvent",
    "DisagreementResolved",
    "DocumentCopyGiven",
    "DocumentShared",
    "DocumentSigned",
    "Event",
    "IctaAdvised",
    "InformationFedIn",
    "InvitationSent",
    "JointCase",
    "LegalRepresentationArranged",
    "MeetingHeld",
    "OrderEnded",
    "OtherServiceChecked",
    "PlanUpdated",
    "Released",
    "Remanded",
    "ReportPrepared",
    "ResponsibilityAccepted",
    "Sentenced",
    "UnknownCaseError",
    "YoungPersonInformed",
]

#: The document format version this library reads and writes.
SCHEMA_VERSION: Final = 1
#: A document's ``schema_version``: required, and only
#: [`SCHEMA_VERSION`][care_justice_protocol.SCHEMA_VERSION] is read.
_DOCUMENT_VERSION: Final = Constraint(const=SCHEMA_VERSION, required=True)
#: A sentence's term in months (from 1).
_TERM: Final = Constraint(minimum=1)


@attrs.frozen(kw_only=True)
class CaseEvent:
    """Fields every case event has.

    Attributes:
        on: the day the event happened (not the day it was recorded).
        recorded_by: the staff id of whoever recorded it.
        external_ref: optional: the source system's own reference to the record of this
            event (1 to 128 characters of the identifier alphabet), carried into every
            result the event triggers or discharges; never shown in the repr or in
            messages, removed by pseudonymisation.
    """

    type: ClassVar[str]

    on: date
    recorded_by: str = attrs.field(validator=ID.check, metadata=ID.metadata)
    external_ref: str | None = attrs.field(
        default=None, repr=False, validator=EXTERNAL_REF.check, metadata=EXTERNAL_REF.metadata
    )


# --------------------------------------------------------------------------- allocation


@attrs.frozen(kw_only=True)
class Allocated(CaseEvent):
    """A service allocated the case to a worker (3.14.12 §2 "On being allocated")."""

    type: ClassVar[str] = "allocated"
    service: Service
    worker_id: str = attrs.field(validator=ID.check, metadata=ID.metadata)


@attrs.frozen(kw_only=True)
class OtherServiceChecked(CaseEvent):
    """A worker confirmed whether the case is open to the other service (3.14.12 §2)."""

    type: ClassVar[str] = "other-service-checked"
    service: Service
    other_service: Service
    open_to_other: bool


@attrs.frozen(kw_only=True)
class ResponsibilityAccepted(CaseEvent):
    """A service became responsible for the young person (3.14.13 §2: a probation service).

    Which services may accept responsibility is the protocol's to say (3.14.13's rules
    match ``"@probation"``); the event records whichever did.
    """

    type: ClassVar[str] = "responsibility-accepted"
    service: Service


@attrs.frozen(kw_only=True)
class CaseTransferred(CaseEvent):
    """Responsibility moved from one service to another (e.g. NPS/CRC to Probation Service)."""

    type: ClassVar[str] = "case-transferred"
    from_service: Service
    to_service: Service


@attrs.frozen(kw_only=True)
class CaseClosed(CaseEvent):
    """A service closed its involvement in the case."""

    type: ClassVar[str] = "case-closed"
    service: Service


# --------------------------------------------------------------------------- meetings


@attrs.frozen(kw_only=True)
class MeetingHeld(CaseEvent):
    """A meeting about this case took place.

    Attributes:
        kind: which meeting.
        attendees: staff ids of those present.
        services: services represented (when individual staff are not tracked).
        recorded: whether the meeting was recorded.
        notes_taken_by: the service that took the notes, if known.
    """

    type: ClassVar[str] = "meeting-held"
    kind: MeetingKind
    attendees: tuple[str, ...] = attrs.field(default=(), validator=ID.check, metadata=ID.metadata)
    services: tuple[Service, ...] = ()
    recorded: bool
    notes_taken_by: Service | None = None

    @property
    def meeting(self) -> Meeting:
        """The meeting as a [`Meeting`][care_justice_protocol.Meeting] entity."""
        return Meeting(
            kind=self.kind,
            on=self.on,
            attendees=self.attendees,
            services=self.services,
            recorded=self.recorded,
            notes_taken_by=self.notes_taken_by,
        )


@attrs.frozen(kw_only=True)
class InvitationSent(CaseEvent):
    """One service invited another to a meeting or review (3.14.12 §2, 3.14.13 §5)."""

    type: ClassVar[str] = "invitation-sent"
    kind: MeetingKind
    from_service: Service
    to_service: Service
    for_date: date | None = None


@attrs.frozen(kw_only=True)
class YoungPersonInformed(CaseEvent):
    """The young person (and family) were told about plans and progress (3.14.13 §4)."""

    type: ClassVar[str] = "young-person-informed"
    by_service: Service
    family_informed: bool = False


# --------------------------------------------------------------------------- documents


@attrs.frozen(kw_only=True)
class DocumentShared(CaseEvent):
    """A document was shared with another service (3.14.13 §2: pathway plan, risk assessment)."""

    type: ClassVar[str] = "document-shared"
    document: DocumentKind
    from_service: Service
    to_service: Service
    version: int = attrs.field(validator=VERSION.check, metadata=VERSION.metadata)


@attrs.frozen(kw_only=True)
class DocumentSigned(CaseEvent):
    """Staff of a service signed a document (3.14.12 §3: YOS staff sign the pathway plan)."""

    type: ClassVar[str] = "document-signed"
    document: DocumentKind
    signed_by_service: Service
    version: int = attrs.field(validator=VERSION.check, metadata=VERSION.metadata)


@attrs.frozen(kw_only=True)
class DocumentCopyGiven(CaseEvent):
    """A copy of a document was given to another service (3.14.12 §3, 3.14.13 §3 items 6-7)."""

    type: ClassVar[str] = "document-copy-given"
    document: DocumentKind
    from_service: Service
    to_service: Service
    version: int = attrs.field(validator=VERSION.check, metadata=VERSION.metadata)


@attrs.frozen(kw_only=True)
class PlanUpdated(CaseEvent):
    """A plan reached a new version.

    Attributes:
        document: the plan.
        version: its new version number (from 1).
        includes_snapshot_of: documents it includes a snapshot of (3.14.12 §3: the
            intervention plan includes a "snap shot" of the pathway plan).
        takes_account_of: meetings whose discussions it takes account of (3.14.12 §2).
    """

    type: ClassVar[str] = "plan-updated"
    document: DocumentKind
    version: int = attrs.field(validator=VERSION.check, metadata=VERSION.metadata)
    includes_snapshot_of: tuple[DocumentKind, ...] = ()
    takes_account_of: tuple[MeetingKind, ...] = ()


@attrs.frozen(kw_only=True)
class ReportPrepared(CaseEvent):
    """A report was prepared (normally the pre-sentence report; 3.14.13 §3 custody)."""

    type: ClassVar[str] = "report-prepared"
    by_service: Service
    document: DocumentKind = DocumentKind.PRE_SENTENCE_REPORT


@attrs.frozen(kw_only=True)
class InformationFedIn(CaseEvent):
    """A worker fed information to another service (3.14.13: before a report is prepared)."""

    type: ClassVar[str] = "information-fed-in"
    from_service: Service
    to_service: Service


# --------------------------------------------------------------------------- justice


@attrs.frozen(kw_only=True)
class Charged(CaseEvent):
    """The young person was charged with an offence (3.14.13 "If ... charged")."""

    type: ClassVar[str] = "charged"


@attrs.frozen(kw_only=True)
class LegalRepresentationArranged(CaseEvent):
    """Legal representation was arranged (3.14.13: a solicitor with youth justice expertise)."""

    type: ClassVar[str] = "legal-representation-arranged"
    youth_justice_expertise: bool


@attrs.frozen(kw_only=True)
class IctaAdvised(CaseEvent):
    """The young person's ICTA was advised of court (3.14.13: "advised and able to attend")."""

    type: ClassVar[str] = "icta-advised"
    hearing_on: date | None = None


@attrs.frozen(kw_only=True)
class CourtHearing(CaseEvent):
    """A court hearing (3.14.13: the worker attends, "particularly on the day of sentence")."""

    type: ClassVar[str] = "court-hearing"
    is_sentencing: bool
    attended_by: tuple[Service, ...] = ()
    icta_attended: bool = False


@attrs.frozen(kw_only=True)
class CustodyLikely(CaseEvent):
    """A custodial sentence became likely (3.14.13: joint preparation, information first)."""

    type: ClassVar[str] = "custody-likely"


@attrs.frozen(kw_only=True)
class Remanded(CaseEvent):
    """The young person was remanded."""

    type: ClassVar[str] = "remanded"


@attrs.frozen(kw_only=True)
class Sentenced(CaseEvent):
    """The young person was sentenced (community order, custody or DTO)."""

    type: ClassVar[str] = "sentenced"
    outcome: SentenceOutcome
    term_months: int | None = attrs.field(
        default=None, validator=_TERM.check, metadata=_TERM.metadata
    )


@attrs.frozen(kw_only=True)
class Released(CaseEvent):
    """The young person was released from custody."""

    type: ClassVar[str] = "released"
    on_licence: bool


@attrs.frozen(kw_only=True)
class OrderEnded(CaseEvent):
    """The young person's order or licence ended."""

    type: ClassVar[str] = "order-ended"


# --------------------------------------------------------------------------- disputes


#: The services of a disagreement: at least two, none repeated.
_PARTIES: Final = Constraint(min_items=2, unique_items=True)


@attrs.frozen(kw_only=True)
class DisagreementRaised(CaseEvent):
    """A disagreement between services was raised (3.14.12 §5, 3.14.13 Disagreements).

    Attributes:
        disagreement_id: links the escalations and resolution to this disagreement.
        between: the services that disagree (at least two, no repeats).
        about: free text; never shown in the repr.
    """

    type: ClassVar[str] = "disagreement-raised"
    disagreement_id: str = attrs.field(validator=ID.check, metadata=ID.metadata)
    between: tuple[Service, ...] = attrs.field(validator=_PARTIES.check, metadata=_PARTIES.metadata)
    about: str = attrs.field(default="", repr=False, validator=TEXT.check, metadata=TEXT.metadata)


@attrs.frozen(kw_only=True)
class DisagreementEscalated(CaseEvent):
    """A disagreement was referred up the ladder (to ``to_role``)."""

    type: ClassVar[str] = "disagreement-escalated"
    disagreement_id: str = attrs.field(validator=ID.check, metadata=ID.metadata)
    to_role: Role


@attrs.frozen(kw_only=True)
class DisagreementResolved(CaseEvent):
    """A disagreement was resolved (``at_role``: the level it was resolved at, if known)."""

    type: ClassVar[str] = "disagreement-resolved"
    disagreement_id: str = attrs.field(validator=ID.check, metadata=ID.metadata)
    at_role: Role | None = None


@attrs.frozen(kw_only=True)
class ComplaintMade(CaseEvent):
    """A complaint by the young person or parent/carer (the agency's own procedure)."""

    type: ClassVar[str] = "complaint-made"
    by: Complainant
    about_service: Service


#: The values a declared event's field may hold.
DeclaredValue: TypeAlias = str | bool | int | date | tuple[str | bool | int | date, ...]


def _read_only(values: Mapping[str, DeclaredValue]) -> Mapping[str, DeclaredValue]:
    if not isinstance(values, Mapping):
        raise InvalidArgumentError(f"values must be a mapping, not {type(values).__name__}")
    return MappingProxyType(dict(values))


def _declared_type(_: object, __: object, value: object) -> None:
    if type(value) is not str or not value or value in EVENT_TYPES:
        raise InvalidArgumentError(
            f"type must be the tag of an event type a protocol declares (not a core one), "
            f"got {value!r}"
        )


@attrs.frozen(kw_only=True, repr=False)
class DeclaredEvent(CaseEvent):
    """An event of a type a protocol file declares (``vocabulary.event_types``).

    The core event types are classes; a declared type is data, so its events carry their
    tag and their field values. The values read as attributes (``event.stage``), so rules
    match them as they match a core event's fields. Loading a caseload with the protocols
    that declare the type checks every value against the declaration.

    Attributes:
        type: the declared type's tag (``"transition-plan-agreed"``).
        values: the fields beyond ``on``, ``recorded_by`` and ``external_ref``, by name.

    Examples:
        >>> from datetime import date
        >>> e = DeclaredEvent(type="transition-plan-agreed", on=date(2026, 12, 1),
        ...                   recorded_by="S-1", values={"stage": "final"})
        >>> e.stage, e
        ('final', DeclaredEvent(type='transition-plan-agreed', on=datetime.date(2026, 12, 1), \
recorded_by='S-1', fields=('stage',)))
    """

    type: str = attrs.field(validator=_declared_type)  # type: ignore[misc,assignment]
    values: Mapping[str, DeclaredValue] = attrs.field(
        factory=dict, converter=_read_only, eq=False, hash=False
    )
    _items: tuple[tuple[str, DeclaredValue], ...] = attrs.field(
        init=False, repr=False, default=attrs.Factory(
            lambda self: tuple(sorted(self.values.items())), takes_self=True
        ),
    )  # fmt: skip

    def __getattr__(self, name: str) -> DeclaredValue:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            values = object.__getattribute__(self, "values")
        except AttributeError:
            raise AttributeError(name) from None
        try:
            found: DeclaredValue = values[name]
        except KeyError:
            raise AttributeError(
                f"{type(self).__name__} of type {self.type!r} has no field {name!r}"
            ) from None
        return found

    def __repr__(self) -> str:  # values may be identifiers: name the fields only
        return (
            f"DeclaredEvent(type={self.type!r}, on={self.on!r}, "
            f"recorded_by={self.recorded_by!r}, fields={tuple(sorted(self.values))!r})"
        )


Event: TypeAlias = (
    Allocated
    | OtherServiceChecked
    | ResponsibilityAccepted
    | CaseTransferred
    | CaseClosed
    | MeetingHeld
    | InvitationSent
    | YoungPersonInformed
    | DocumentShared
    | DocumentSigned
    | DocumentCopyGiven
    | PlanUpdated
    | ReportPrepared
    | InformationFedIn
    | Charged
    | LegalRepresentationArranged
    | IctaAdvised
    | CourtHearing
    | CustodyLikely
    | Remanded
    | Sentenced
    | Released
    | OrderEnded
    | DisagreementRaised
    | DisagreementEscalated
    | DisagreementResolved
    | ComplaintMade
    | DeclaredEvent
)

#: Every core event class by its ``type`` tag, in declaration order.
EVENT_TYPES: Final[Mapping[str, type[CaseEvent]]] = MappingProxyType(
    {cls.type: cls for cls in get_args(Event) if cls is not DeclaredEvent}
)


# --------------------------------------------------------------------------- aggregates


class UnknownCaseError(CareJusticeError, KeyError):
    """A case id that is not in the caseload.

    Attributes:
        case_id: the id that was asked for.
    """

    def __init__(self, case_id: str) -> None:
        self.case_id = case_id
        super().__init__(f"no case with case_id {case_id!r} in the caseload")

    def __str__(self) -> str:
        return str(self.args[0])


def _duplicates(ids: Iterable[str]) -> dict[int, int]:
    """Map the index of each repeated id to the index where it first appeared."""
    first: dict[str, int] = {}
    repeats: dict[int, int] = {}
    for index, ident in enumerate(ids):
        if ident in first:
            repeats[index] = first[ident]
        else:
            first[ident] = index
    return repeats


def _unique_staff(instance: JointCase, _attribute: object, staff: tuple[StaffMember, ...]) -> None:
    repeats = _duplicates(member.id for member in staff)
    if repeats:
        raise ValidationError(
            [
                f"duplicate staff id {staff[index].id!r} (first at $.staff[{first}]) "
                f"@ $.staff[{index}].id"
                for index, first in repeats.items()
            ],
            what=f"joint case {instance.case_id!r}",
        )


@attrs.frozen(repr=False)
class JointCase:
    """A case open to two or more services, with its append-only event log.

    Attributes:
        case_id: the case's identifier, unique in a caseload.
        young_person: the young person.
        events: every event in recording order (use
            [`timeline`][care_justice_protocol.JointCase.timeline] for date order).
        staff: staff involved, so meeting attendees and recorders can be resolved.
        external_ref: optional: the source system's own reference to the case (1 to 128
            characters of the identifier alphabet), carried into every result of the
            case; never shown in the repr or in messages, removed by pseudonymisation.
    """

    case_id: str = attrs.field(validator=ID.check, metadata=ID.metadata)
    young_person: YoungPerson
    events: tuple[Event, ...] = ()
    staff: tuple[StaffMember, ...] = attrs.field(default=(), validator=_unique_staff)
    external_ref: str | None = attrs.field(
        default=None, validator=EXTERNAL_REF.check, metadata=EXTERNAL_REF.metadata
    )

    def record(self, *events: Event) -> JointCase:
        """Return a new case with *events* appended; this case is unchanged.

        Events may be dated earlier than those already recorded (recorded late).
        """
        return attrs.evolve(self, events=self.events + events)

    def timeline(self) -> tuple[Event, ...]:
        """Events in date order; events on the same day stay in recording order."""
        return tuple(sorted(self.events, key=_event_day))

    def staff_member(self, staff_id: str) -> StaffMember | None:
        """The staff member with id *staff_id*, or None if not listed on the case."""
        return next((member for member in self.staff if member.id == staff_id), None)

    def services_at(self, meeting: MeetingHeld) -> frozenset[Service]:
        """Services present at *meeting*: those named plus those of listed attendees."""
        by_id = {member.id: member.service for member in self.staff}
        named = {by_id[i] for i in meeting.attendees if i in by_id}
        return frozenset(named.union(meeting.services))

    def __repr__(self) -> str:
        return (
            f"JointCase(case_id={self.case_id!r}, young_person={self.young_person!r}, "
            f"events=<{len(self.events)} events>, staff=<{len(self.staff)} staff>)"
        )


#: The sort key of a timeline (C-level, so sorting calls no Python function per event).
_event_day: Final = operator.attrgetter("on")


def _unique_cases(_instance: object, _attribute: object, cases: tuple[JointCase, ...]) -> None:
    repeats = _duplicates(case.case_id for case in cases)
    if repeats:
        raise ValidationError(
            [
                f"duplicate case_id {cases[index].case_id!r} (first at $.cases[{first}]) "
                f"@ $.cases[{index}].case_id"
                for index, first in repeats.items()
            ],
            what="caseload",
        )


@attrs.frozen(repr=False, kw_only=True)
class Caseload:
    """A document of joint cases, plus the meetings and audits that span cases.

    Attributes:
        schema_version: the document format version (only 1 exists).
        cases: the joint cases; case ids are unique.
        management_meetings: quarterly management meetings (3.14.12 §3, 3.14.13 §3).
        quality_assurance: twice-yearly quality assurance records (3.14.12 §4).

    Raises:
        ValidationError: if two cases share a case id.
    """

    schema_version: int = attrs.field(
        default=SCHEMA_VERSION,
        validator=_DOCUMENT_VERSION.check,
        metadata=_DOCUMENT_VERSION.metadata,
    )
    cases: tuple[JointCase, ...] = attrs.field(default=(), validator=_unique_cases)
    management_meetings: tuple[Meeting, ...] = ()
    quality_assurance: tuple[QualityAssuranceRecord, ...] = ()

    def case(self, case_id: str) -> JointCase:
        """The case with id *case_id*.

        Raises:
            UnknownCaseError: if there is no such case (a ``KeyError`` too).
        """
        for candidate in self.cases:
            if candidate.case_id == case_id:
                return candidate
        raise UnknownCaseError(case_id)

    def __repr__(self) -> str:
        return (
            f"Caseload(schema_version={self.schema_version!r}, "
            f"cases=<{len(self.cases)} cases>, "
            f"management_meetings=<{len(self.management_meetings)} meetings>, "
            f"quality_assurance=<{len(self.quality_assurance)} records>)"
        )
