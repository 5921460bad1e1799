"""Typed entities: the parties and artefacts the two Salford protocols talk about.

Every value here is a frozen, slotted attrs class or a ``enum.StrEnum`` whose
values are the kebab-case strings used in JSON. Reprs never show personal data
(names, dates of birth, free text): they show ids.

>>> from datetime import date
>>> yp = YoungPerson("YP-0007", date(2007, 5, 1), CareStatus.RELEVANT, has_icta=False,
...                  legal_status=LegalStatus.CHARGED, name="Jo Bloggs")
>>> yp
YoungPerson(id='YP-0007', care_status='relevant', has_icta=False, legal_status='charged')
>>> [service_exists_on(Service.CRC, day) for day in (date(2021, 6, 25), date(2021, 6, 26))]
[True, False]
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Final

import attrs

from .._checks import check_date
from ._constraints import EXTERNAL_REF, ID, ID_MAX_LENGTH, TEXT, TEXT_MAX_LENGTH, FieldValueError

__all__ = [
    "ID_MAX_LENGTH",
    "PROBATION_SERVICES",
    "SERVICE_PERIODS",
    "TEXT_MAX_LENGTH",
    "CareStatus",
    "Complainant",
    "DocumentKind",
    "FieldValueError",
    "LegalStatus",
    "Meeting",
    "MeetingKind",
    "QualityAssuranceRecord",
    "Role",
    "SentenceOutcome",
    "Service",
    "ServicePeriod",
    "StaffMember",
    "YoungPerson",
    "service_exists_on",
]

# --------------------------------------------------------------------------- enums


class _Choice(enum.StrEnum):
    """A closed set of kebab-case strings; the repr is the JSON value."""

    def __repr__(self) -> str:
        return repr(self.value)


class Service(_Choice):
    """An agency party to one of the protocols.

    ``NPS`` and ``CRC`` are the probation providers named in 3.14.13 (2019); they were
    replaced by the unified ``PROBATION_SERVICE`` on 26 June 2021 (see
    [`SERVICE_PERIODS`][care_justice_protocol.SERVICE_PERIODS]).
    """

    NEXT_STEP = "next-step"
    YOS = "yos"
    NPS = "nps"
    CRC = "crc"
    PROBATION_SERVICE = "probation-service"

    @property
    def label(self) -> str:
        """The service's name as the protocol texts write it.

        Examples:
            >>> Service.NEXT_STEP.label
            'Next Step (Salford Leaving Care service)'
        """
        return _SERVICE_LABELS[self]


_SERVICE_LABELS: Final[Mapping[Service, str]] = MappingProxyType(
    {
        Service.NEXT_STEP: "Next Step (Salford Leaving Care service)",
        Service.YOS: "Salford Youth Offending Service",
        Service.NPS: "National Probation Service (Salford)",
        Service.CRC: "Cheshire and Greater Manchester Community Rehabilitation Company",
        Service.PROBATION_SERVICE: "Probation Service",
    }
)

#: The services that can become responsible for a young person under 3.14.13 §2.
PROBATION_SERVICES: Final = frozenset({Service.NPS, Service.CRC, Service.PROBATION_SERVICE})


class Role(_Choice):
    """A role the protocol texts name (staff, reviewing officers, and the young person)."""

    CASE_WORKER = "case-worker"
    SPOC = "spoc"
    PRACTICE_MANAGER = "practice-manager"
    OPERATIONAL_MANAGER = "operational-manager"
    LEAD_MANAGER = "lead-manager"
    MIDDLE_MANAGER = "middle-manager"
    SENIOR_MANAGER = "senior-manager"
    HEAD_OF_SERVICE = "head-of-service"
    ASSISTANT_DIRECTOR_SPECIALIST_CHILDRENS_SERVICES = (
        "assistant-director-specialist-childrens-services"
    )
    MANAGEMENT_REPRESENTATIVE = "management-representative"
    IRO = "iro"
    RELEVANT_REVIEW_OFFICER = "relevant-review-officer"
    ICTA = "icta"
    YOUTH_JUSTICE_SOLICITOR = "youth-justice-solicitor"
    CARER = "carer"
    PARENT = "parent"
    YOUNG_PERSON = "young-person"


class CareStatus(_Choice):
    """The young person's status under the Children Act 1989 leaving-care provisions."""

    LOOKED_AFTER = "looked-after"
    ELIGIBLE = "eligible"
    RELEVANT = "relevant"
    FORMER_RELEVANT = "former-relevant"
    QUALIFYING = "qualifying"
    OTHER = "other"


class LegalStatus(_Choice):
    """Where the young person stands in the criminal justice process."""

    NO_PROCEEDINGS = "no-proceedings"
    CHARGED = "charged"
    ON_BAIL = "on-bail"
    REMANDED = "remanded"
    COMMUNITY_ORDER = "community-order"
    CUSTODY = "custody"
    DTO = "dto"
    ON_LICENCE = "on-licence"


class SentenceOutcome(_Choice):
    """A sentence outcome; each changes which obligations apply (3.14.13 §3)."""

    COMMUNITY_ORDER = "community-order"
    CUSTODY = "custody"
    DTO = "dto"


class Complainant(_Choice):
    """Who may make a complaint (3.14.13, Disagreements: "young person or their parent/carer")."""

    YOUNG_PERSON = "young-person"
    PARENT = "parent"
    CARER = "carer"


class DocumentKind(_Choice):
    """A plan, assessment or report the services share, sign or copy."""

    PATHWAY_PLAN = "pathway-plan"
    INTERVENTION_PLAN = "intervention-plan"
    SENTENCE_PLAN = "sentence-plan"
    RISK_ASSESSMENT = "risk-assessment"
    PRE_SENTENCE_REPORT = "pre-sentence-report"


class MeetingKind(_Choice):
    """Every kind of meeting the two protocol texts name."""

    #: 3.14.12 §2: case workers meet to share information (within 15 working days).
    CASE_WORKER_INFORMATION_SHARING = "case-worker-information-sharing"
    #: 3.14.12 §2: joint meeting with the young person to explain roles.
    JOINT_MEETING_WITH_YOUNG_PERSON = "joint-meeting-with-young-person"
    #: 3.14.12 §2: YOS formal review meeting.
    FORMAL_REVIEW = "formal-review"
    #: 3.14.12 §2: Complex Case Panel at YOS.
    COMPLEX_CASE_PANEL = "complex-case-panel"
    #: 3.14.12 §2: MAPPA review.
    MAPPA_REVIEW = "mappa-review"
    #: 3.14.12 §2: meetings and reviews held at Next Steps.
    NEXT_STEPS_REVIEW = "next-steps-review"
    #: 3.14.12 §3 / 3.14.13 §3 item 8: Detention and Training Order review.
    DTO_REVIEW = "dto-review"
    #: Statutory (looked-after) review chaired by an IRO (3.14.13 §5, 6-monthly).
    STATUTORY_REVIEW = "statutory-review"
    #: Relevant review (Relevant Review Officer).
    RELEVANT_REVIEW = "relevant-review"
    #: Former relevant review.
    FORMER_RELEVANT_REVIEW = "former-relevant-review"
    #: 3.14.13 §4: prison meeting (attendance prioritised).
    PRISON_MEETING = "prison-meeting"
    #: 3.14.13 §4: joint prison visit.
    JOINT_PRISON_VISIT = "joint-prison-visit"
    #: 3.14.12 §3: lead and operational managers, quarterly.
    QUARTERLY_MANAGEMENT = "quarterly-management"
    #: 3.14.12 §3: YOS and Next Step practice manager meeting.
    PRACTICE_MANAGER = "practice-manager"
    #: 3.14.12 §3: senior management meeting.
    SENIOR_MANAGEMENT = "senior-management"
    #: 3.14.13 §3: Next Step, CRC and NPS middle management quarterly meeting.
    MIDDLE_MANAGEMENT_QUARTERLY = "middle-management-quarterly"


# --------------------------------------------------------------------------- services


@attrs.frozen
class ServicePeriod:
    """The days on which a service existed; ``None`` means open-ended.

    Examples:
        >>> ServicePeriod(None, date(2021, 6, 25)).contains(date(2019, 3, 18))
        True
    """

    start: date | None
    end: date | None

    def contains(self, day: date) -> bool:
        """Whether *day* falls within the period (both ends inclusive)."""
        check_date("day", day)
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day <= self.end


#: When each service existed. NPS and CRC ended on 25 June 2021 when probation was
#: unified; the Probation Service began on 26 June 2021.
SERVICE_PERIODS: Final[Mapping[Service, ServicePeriod]] = MappingProxyType(
    {
        Service.NEXT_STEP: ServicePeriod(None, None),
        Service.YOS: ServicePeriod(None, None),
        Service.NPS: ServicePeriod(None, date(2021, 6, 25)),
        Service.CRC: ServicePeriod(None, date(2021, 6, 25)),
        Service.PROBATION_SERVICE: ServicePeriod(date(2021, 6, 26), None),
    }
)


def service_exists_on(service: Service, day: date) -> bool:
    """Whether *service* existed on *day*.

    Args:
        service: the service.
        day: the day (a ``datetime.date``, not a ``datetime``).

    Returns:
        True if *day* is within [`SERVICE_PERIODS`][care_justice_protocol.SERVICE_PERIODS] for the
        service.

    Raises:
        InvalidDateTypeError: if *day* is not a date.

    Examples:
        >>> service_exists_on(Service.PROBATION_SERVICE, date(2021, 6, 26))
        True
        >>> service_exists_on(Service.NPS, date(2022, 1, 4))
        False
    """
    return SERVICE_PERIODS[Service(service)].contains(day)


# --------------------------------------------------------------------------- parties


@attrs.frozen
class StaffMember:
    """A member of staff, identified by id and role; the personal name is optional.

    Contacts such as the SPOC are configuration, never hard-coded people (DESIGN.md).

    Attributes:
        id: the staff id events name (``recorded_by``, ``worker_id``, attendees).
        role: the role.
        service: the service the member works for.
        name: optional, never shown in the repr.
        external_ref: optional: the source system's own reference to this worker's
            record (1 to 128 characters of the identifier alphabet); never shown in the
            repr or in messages, removed by pseudonymisation.

    Examples:
        >>> StaffMember("S-0001", Role.SPOC, Service.NEXT_STEP, name="A. Person",
        ...             external_ref="LL-WORKER-88231")
        StaffMember(id='S-0001', role='spoc', service='next-step')
    """

    id: str = attrs.field(validator=ID.check, metadata=ID.metadata)
    role: Role
    service: Service
    name: str | None = attrs.field(
        default=None, repr=False, validator=TEXT.check, metadata=TEXT.metadata
    )
    external_ref: str | None = attrs.field(
        default=None, repr=False, validator=EXTERNAL_REF.check, metadata=EXTERNAL_REF.metadata
    )


@attrs.frozen
class YoungPerson:
    """The young person at the centre of a joint case.

    Attributes:
        id: the identifier (no personal data).
        date_of_birth: never shown in the repr.
        care_status: looked after, or the leaving-care category.
        has_icta: whether an Independent Child Trafficking Advocate is involved
            (3.14.13: "If the child has an ICTA, they should be advised").
        legal_status: where they stand in the criminal justice process.
        name: optional, never shown in the repr.
    """

    id: str = attrs.field(validator=ID.check, metadata=ID.metadata)
    date_of_birth: date = attrs.field(repr=False)
    care_status: CareStatus
    has_icta: bool
    legal_status: LegalStatus
    name: str | None = attrs.field(
        default=None, repr=False, validator=TEXT.check, metadata=TEXT.metadata
    )


# --------------------------------------------------------------------------- meetings


@attrs.frozen(kw_only=True)
class Meeting:
    """A meeting that is not about one case: the management meetings.

    3.14.12 §3 (lead and operational managers, quarterly, recorded) and 3.14.13 §3
    (middle management, quarterly, notes taken in rotation) sit on the
    [`Caseload`][care_justice_protocol.Caseload], not on a case.

    Attributes:
        kind: which meeting.
        on: the day it was held.
        attendees: staff ids of those present.
        services: services represented (when individual staff are not tracked).
        recorded: whether the meeting was recorded (3.14.12 §3).
        notes_taken_by: the service that took the notes (3.14.13 §3 rotation).
        case_ids: joint cases reviewed at the meeting.
    """

    kind: MeetingKind
    on: date
    attendees: tuple[str, ...] = attrs.field(default=(), validator=ID.check, metadata=ID.metadata)
    services: tuple[Service, ...] = ()
    recorded: bool
    notes_taken_by: Service | None = None
    case_ids: tuple[str, ...] = attrs.field(default=(), validator=ID.check, metadata=ID.metadata)


@attrs.frozen(kw_only=True)
class QualityAssuranceRecord:
    """A twice-yearly quality assurance of joint cases (3.14.12 §4).

    Attributes:
        on: the day the quality assurance was completed.
        services: the services whose operational managers took part.
        by: staff ids of the operational managers.
        case_ids: the joint cases sampled.
        findings_recorded: "These findings will be recorded".
        feedback_given: "feedback given to individual workers".
        shared_with_heads_of_service: "shared with the heads of the services".
    """

    on: date
    services: tuple[Service, ...]
    by: tuple[str, ...] = attrs.field(default=(), validator=ID.check, metadata=ID.metadata)
    case_ids: tuple[str, ...] = attrs.field(default=(), validator=ID.check, metadata=ID.metadata)
    findings_recorded: bool
    feedback_given: bool
    shared_with_heads_of_service: bool
