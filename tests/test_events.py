"""Case events, the append-only joint case and the caseload."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import get_args

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol._errors import ValidationError
from care_justice_protocol.model._entities import (
    CareStatus,
    FieldValueError,
    LegalStatus,
    MeetingKind,
    Role,
    SentenceOutcome,
    Service,
    StaffMember,
    YoungPerson,
)
from care_justice_protocol.model._events import (
    EVENT_TYPES,
    SCHEMA_VERSION,
    Allocated,
    CaseEvent,
    Caseload,
    Charged,
    DeclaredEvent,
    DisagreementRaised,
    DocumentSigned,
    Event,
    JointCase,
    MeetingHeld,
    ResponsibilityAccepted,
    Sentenced,
    UnknownCaseError,
)
from tests.strategies import cases, events

REQUIRED_TAGS = {
    "allocated",
    "other-service-checked",
    "responsibility-accepted",
    "meeting-held",
    "invitation-sent",
    "document-shared",
    "document-signed",
    "document-copy-given",
    "plan-updated",
    "charged",
    "legal-representation-arranged",
    "icta-advised",
    "court-hearing",
    "custody-likely",
    "information-fed-in",
    "report-prepared",
    "remanded",
    "sentenced",
    "released",
    "order-ended",
    "disagreement-raised",
    "disagreement-escalated",
    "disagreement-resolved",
    "complaint-made",
    "case-closed",
    "case-transferred",
}
DAY = date(2026, 11, 23)
PERSON = YoungPerson("YP-1", date(2008, 2, 29), CareStatus.RELEVANT, False, LegalStatus.CHARGED)


def charged(on: date, by: str = "S-1") -> Charged:
    return Charged(on=on, recorded_by=by)


class TestEventTypes:
    def test_every_required_tag_has_an_event_class(self) -> None:
        assert set(EVENT_TYPES) >= REQUIRED_TAGS

    def test_tags_are_kebab_case(self) -> None:
        assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", tag) for tag in EVENT_TYPES)

    def test_the_registry_maps_each_tag_to_its_class(self) -> None:
        assert all(cls.type == tag for tag, cls in EVENT_TYPES.items())

    def test_the_event_union_is_exactly_the_registered_classes_and_declared_events(
        self,
    ) -> None:
        assert set(get_args(Event)) == {*EVENT_TYPES.values(), DeclaredEvent}

    @pytest.mark.parametrize("cls", list(EVENT_TYPES.values()), ids=list(EVENT_TYPES))
    def test_every_event_is_a_frozen_slotted_case_event_dated_and_attributed(
        self, cls: type[CaseEvent]
    ) -> None:
        assert issubclass(cls, CaseEvent)
        assert "__slots__" in cls.__dict__
        assert [f.name for f in attrs.fields(cls)][:2] == ["on", "recorded_by"]
        assert cls.__attrs_attrs__ is not None  # an attrs class
        assert attrs.has(cls)

    @given(event=events())
    def test_events_cannot_be_changed(self, event: Event) -> None:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            event.on = DAY  # type: ignore[misc]

    def test_the_type_tag_is_not_an_instance_field(self) -> None:
        assert "type" not in {f.name for f in attrs.fields(Allocated)}
        assert Allocated(on=DAY, recorded_by="S", service=Service.YOS, worker_id="S").type == (
            "allocated"
        )


class TestEventValidation:
    def test_a_document_version_starts_at_1(self) -> None:
        with pytest.raises(FieldValueError, match="version must be at least 1, not 0"):
            DocumentSigned(
                on=DAY,
                recorded_by="S",
                document="pathway-plan",  # type: ignore[arg-type]
                signed_by_service=Service.YOS,
                version=0,
            )

    def test_a_sentence_term_is_at_least_a_month(self) -> None:
        with pytest.raises(FieldValueError, match="term_months"):
            Sentenced(on=DAY, recorded_by="S", outcome=SentenceOutcome.DTO, term_months=0)

    def test_any_service_may_be_recorded_accepting_responsibility(self) -> None:
        # Who may accept responsibility is the protocol's to say: 3.14.13 matches
        # "@probation", so a YOS acceptance starts none of its obligations (see
        # test_compliance), but the event itself is a fact a council may record.
        event = ResponsibilityAccepted(on=DAY, recorded_by="S", service=Service.YOS)
        assert event.service == "yos"

    @pytest.mark.parametrize(
        ("between", "message"),
        [
            ((Service.YOS,), "between must have at least 2 items, not 1"),
            ((Service.YOS, Service.YOS), "between must not repeat an item, not ('yos', 'yos')"),
            ((), "between must have at least 2 items, not 0"),
        ],
        ids=["one", "same", "none"],
    )
    def test_a_disagreement_is_between_at_least_two_different_services(
        self, between: tuple[Service, ...], message: str
    ) -> None:
        with pytest.raises(FieldValueError) as raised:
            DisagreementRaised(on=DAY, recorded_by="S", disagreement_id="D", between=between)
        assert str(raised.value) == message
        assert raised.value.field == "between"

    def test_a_disagreements_free_text_is_not_in_its_repr(self) -> None:
        event = DisagreementRaised(
            on=DAY,
            recorded_by="S",
            disagreement_id="D-1",
            between=(Service.YOS, Service.NEXT_STEP),
            about="Jo's accommodation",
        )
        assert "Jo" not in repr(event)


class TestRecord:
    @given(case=cases(), event=events())
    def test_record_returns_a_new_case_and_never_mutates(
        self, case: JointCase, event: Event
    ) -> None:
        before = case.events
        after = case.record(event)
        assert case.events is before
        assert after.events == (*before, event)
        assert after is not case

    def test_events_dated_before_the_last_may_be_recorded_late(self) -> None:
        case = JointCase("C-1", PERSON).record(charged(DAY)).record(charged(DAY - timedelta(30)))
        assert [e.on for e in case.events] == [DAY, DAY - timedelta(30)]

    def test_several_events_can_be_recorded_at_once_in_order(self) -> None:
        first, second = charged(DAY, "A"), charged(DAY, "B")
        assert JointCase("C-1", PERSON).record(first, second).events == (first, second)


class TestTimeline:
    @given(case=cases(max_events=12))
    def test_the_timeline_is_in_date_order(self, case: JointCase) -> None:
        days = [event.on for event in case.timeline()]
        assert days == sorted(days)

    @given(case=cases(max_events=12))
    def test_the_timeline_is_a_permutation_of_the_recorded_events(self, case: JointCase) -> None:
        assert sorted(map(id, case.timeline())) == sorted(map(id, case.events))

    @given(
        days=st.lists(st.sampled_from([DAY, DAY + timedelta(1), DAY - timedelta(1)]), max_size=12)
    )
    def test_events_on_the_same_day_keep_their_recording_order(self, days: list[date]) -> None:
        recorded = [charged(day, f"S-{index}") for index, day in enumerate(days)]
        timeline = JointCase("C-1", PERSON, tuple(recorded)).timeline()
        for day in set(days):
            same_day = [e.recorded_by for e in timeline if e.on == day]
            assert same_day == [e.recorded_by for e in recorded if e.on == day]

    @given(case=cases())
    def test_the_timeline_is_deterministic(self, case: JointCase) -> None:
        again = JointCase(case.case_id, case.young_person, case.events, case.staff)
        assert case.timeline() == again.timeline()


class TestJointCase:
    def test_staff_ids_must_be_unique(self) -> None:
        staff = (
            StaffMember("S-1", Role.CASE_WORKER, Service.YOS),
            StaffMember("S-2", Role.CASE_WORKER, Service.YOS),
            StaffMember("S-1", Role.SPOC, Service.NEXT_STEP),
        )
        with pytest.raises(ValidationError) as raised:
            JointCase("C-1", PERSON, staff=staff)
        assert raised.value.errors == (
            "duplicate staff id 'S-1' (first at $.staff[0]) @ $.staff[2].id",
        )

    def test_the_repr_counts_events_and_staff_rather_than_listing_them(self) -> None:
        case = JointCase("C-1", PERSON, (charged(DAY),))
        assert repr(case) == (
            "JointCase(case_id='C-1', young_person=YoungPerson(id='YP-1', "
            "care_status='relevant', has_icta=False, legal_status='charged'), "
            "events=<1 events>, staff=<0 staff>)"
        )

    def test_services_at_a_meeting_come_from_named_services_and_attendees(self) -> None:
        staff = (StaffMember("S-1", Role.CASE_WORKER, Service.YOS),)
        meeting = MeetingHeld(
            on=DAY,
            recorded_by="S-1",
            kind=MeetingKind.CASE_WORKER_INFORMATION_SHARING,
            attendees=("S-1", "S-unknown"),
            services=(Service.NEXT_STEP,),
            recorded=True,
        )
        case = JointCase("C-1", PERSON, (meeting,), staff)
        assert case.services_at(meeting) == {Service.YOS, Service.NEXT_STEP}

    def test_a_staff_member_is_found_by_id(self) -> None:
        member = StaffMember("S-1", Role.SPOC, Service.NEXT_STEP)
        case = JointCase("C-1", PERSON, staff=(member,))
        assert case.staff_member("S-1") is member
        assert case.staff_member("S-2") is None

    def test_a_held_meeting_converts_to_a_meeting_entity(self) -> None:
        held = MeetingHeld(
            on=DAY, recorded_by="S-1", kind=MeetingKind.PRISON_MEETING, recorded=False
        )
        assert held.meeting.kind is MeetingKind.PRISON_MEETING
        assert held.meeting.on == DAY


class TestCaseload:
    def test_case_ids_must_be_unique(self) -> None:
        with pytest.raises(ValidationError) as raised:
            Caseload(
                cases=(JointCase("C-1", PERSON), JointCase("C-2", PERSON), JointCase("C-1", PERSON))
            )
        assert raised.value.errors == (
            "duplicate case_id 'C-1' (first at $.cases[0]) @ $.cases[2].case_id",
        )

    def test_only_schema_version_1_exists(self) -> None:
        assert Caseload().schema_version == SCHEMA_VERSION == 1
        with pytest.raises(FieldValueError, match="unsupported schema_version 2"):
            Caseload(schema_version=2)

    def test_a_case_is_found_by_id(self) -> None:
        case = JointCase("C-1", PERSON)
        assert Caseload(cases=(case,)).case("C-1") is case
        with pytest.raises(UnknownCaseError, match="no case with case_id 'C-1'") as raised:
            Caseload().case("C-1")
        assert isinstance(raised.value, KeyError)
        assert raised.value.case_id == "C-1"

    def test_the_repr_counts_rather_than_lists(self) -> None:
        assert repr(Caseload(cases=(JointCase("C-1", PERSON),))) == (
            "Caseload(schema_version=1, cases=<1 cases>, management_meetings=<0 meetings>, "
            "quality_assurance=<0 records>)"
        )
