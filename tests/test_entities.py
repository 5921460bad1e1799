"""Entities: services and their dates, roles and kinds, parties, reprs, immutability."""

from __future__ import annotations

import re
from datetime import date, datetime

import attrs
import pytest
from hypothesis import given

from care_justice_protocol._errors import (
    CareJusticeError,
    InvalidArgumentError,
    InvalidDateTypeError,
)
from care_justice_protocol.model._entities import (
    PROBATION_SERVICES,
    SERVICE_PERIODS,
    CareStatus,
    Complainant,
    DocumentKind,
    FieldValueError,
    LegalStatus,
    Meeting,
    MeetingKind,
    QualityAssuranceRecord,
    Role,
    SentenceOutcome,
    Service,
    ServicePeriod,
    StaffMember,
    YoungPerson,
    service_exists_on,
)
from tests.strategies import any_dates, staff_members, young_people

KEBAB = re.compile(r"[a-z]+(-[a-z]+)*")
ENUMS = (
    Service,
    Role,
    CareStatus,
    LegalStatus,
    SentenceOutcome,
    Complainant,
    DocumentKind,
    MeetingKind,
)


class TestServiceExistence:
    def test_nps_and_crc_exist_until_25_june_2021_inclusive(self) -> None:
        for service in (Service.NPS, Service.CRC):
            assert service_exists_on(service, date(2019, 3, 18))
            assert service_exists_on(service, date(2021, 6, 25))
            assert not service_exists_on(service, date(2021, 6, 26))

    def test_probation_service_exists_from_26_june_2021(self) -> None:
        assert not service_exists_on(Service.PROBATION_SERVICE, date(2021, 6, 25))
        assert service_exists_on(Service.PROBATION_SERVICE, date(2021, 6, 26))
        assert service_exists_on(Service.PROBATION_SERVICE, date(9999, 12, 31))

    @given(day=any_dates())
    def test_next_step_and_yos_exist_on_every_day(self, day: date) -> None:
        assert service_exists_on(Service.NEXT_STEP, day)
        assert service_exists_on(Service.YOS, day)

    @given(day=any_dates())
    def test_exactly_one_probation_provider_model_is_in_force_on_any_day(self, day: date) -> None:
        old = service_exists_on(Service.NPS, day) and service_exists_on(Service.CRC, day)
        assert old != service_exists_on(Service.PROBATION_SERVICE, day)

    def test_every_service_has_a_period(self) -> None:
        assert set(SERVICE_PERIODS) == set(Service)

    def test_a_datetime_is_refused(self) -> None:
        with pytest.raises(InvalidDateTypeError, match=r"call \.date"):
            service_exists_on(Service.YOS, datetime(2021, 6, 26, 9, 0))

    def test_a_string_is_refused(self) -> None:
        with pytest.raises(InvalidDateTypeError):
            service_exists_on(Service.YOS, "2021-06-26")  # type: ignore[arg-type]

    def test_a_service_value_string_is_accepted(self) -> None:
        assert service_exists_on("nps", date(2020, 1, 1))  # type: ignore[arg-type]

    def test_probation_services_are_nps_crc_and_the_probation_service(self) -> None:
        assert {Service.NPS, Service.CRC, Service.PROBATION_SERVICE} == PROBATION_SERVICES

    def test_every_service_has_a_label(self) -> None:
        assert all(service.label for service in Service)


class TestServicePeriod:
    def test_an_open_period_contains_every_day(self) -> None:
        assert ServicePeriod(None, None).contains(date(1, 1, 1))

    def test_both_ends_are_inclusive(self) -> None:
        period = ServicePeriod(date(2020, 1, 1), date(2020, 1, 31))
        assert period.contains(date(2020, 1, 1))
        assert period.contains(date(2020, 1, 31))
        assert not period.contains(date(2019, 12, 31))
        assert not period.contains(date(2020, 2, 1))


class TestChoices:
    @pytest.mark.parametrize("choice", ENUMS)
    def test_values_are_kebab_case(self, choice: type[Service]) -> None:
        assert all(KEBAB.fullmatch(member.value) for member in choice)

    @pytest.mark.parametrize("choice", ENUMS)
    def test_repr_is_the_json_value(self, choice: type[Service]) -> None:
        member = next(iter(choice))
        assert repr(member) == repr(member.value)

    def test_members_compare_equal_to_their_json_values(self) -> None:
        assert Service.NEXT_STEP == "next-step"

    def test_every_meeting_the_texts_name_is_a_meeting_kind(self) -> None:
        named = {
            "case-worker-information-sharing",
            "joint-meeting-with-young-person",
            "formal-review",
            "complex-case-panel",
            "mappa-review",
            "next-steps-review",
            "dto-review",
            "statutory-review",
            "relevant-review",
            "former-relevant-review",
            "prison-meeting",
            "joint-prison-visit",
            "quarterly-management",
            "practice-manager",
            "senior-management",
            "middle-management-quarterly",
        }
        assert named <= {kind.value for kind in MeetingKind}

    def test_every_role_the_texts_name_is_a_role(self) -> None:
        named = {
            "case-worker",
            "spoc",
            "practice-manager",
            "operational-manager",
            "lead-manager",
            "middle-manager",
            "senior-manager",
            "head-of-service",
            "assistant-director-specialist-childrens-services",
            "iro",
            "relevant-review-officer",
            "icta",
            "youth-justice-solicitor",
            "carer",
            "young-person",
        }
        assert named <= {role.value for role in Role}

    def test_the_five_documents_are_document_kinds(self) -> None:
        assert {kind.value for kind in DocumentKind} == {
            "pathway-plan",
            "intervention-plan",
            "sentence-plan",
            "risk-assessment",
            "pre-sentence-report",
        }


class TestReprs:
    def test_a_young_persons_repr_shows_the_id_not_the_name_or_birth_date(self) -> None:
        person = YoungPerson(
            "YP-0007",
            date(2007, 5, 1),
            CareStatus.RELEVANT,
            has_icta=True,
            legal_status=LegalStatus.REMANDED,
            name="Jo Bloggs",
        )
        assert repr(person) == (
            "YoungPerson(id='YP-0007', care_status='relevant', has_icta=True, "
            "legal_status='remanded')"
        )

    @given(person=young_people())
    def test_no_young_persons_repr_contains_the_birth_date(self, person: YoungPerson) -> None:
        text = repr(person)
        assert "date_of_birth" not in text
        assert "name=" not in text
        assert "datetime.date" not in text

    @given(member=staff_members())
    def test_no_staff_members_repr_contains_a_name(self, member: StaffMember) -> None:
        assert "name=" not in repr(member)
        assert repr(member).startswith(f"StaffMember(id={member.id!r}")


class TestImmutability:
    @given(person=young_people())
    def test_young_people_are_frozen(self, person: YoungPerson) -> None:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            person.has_icta = not person.has_icta  # type: ignore[misc]

    @pytest.mark.parametrize(
        "cls", [StaffMember, YoungPerson, Meeting, QualityAssuranceRecord, ServicePeriod]
    )
    def test_entities_are_slotted(self, cls: type) -> None:
        assert "__slots__" in cls.__dict__
        assert "__dict__" not in cls.__dict__


class TestMeeting:
    def test_a_management_meeting_defaults_to_no_attendees_and_no_cases(self) -> None:
        meeting = Meeting(
            kind=MeetingKind.QUARTERLY_MANAGEMENT, on=date(2026, 3, 31), recorded=True
        )
        assert meeting.attendees == ()
        assert meeting.case_ids == ()
        assert meeting.notes_taken_by is None


class TestFieldValueError:
    def test_is_a_library_error_and_a_value_error(self) -> None:
        error = FieldValueError("version", 0, "version must be at least 1, not 0")
        assert isinstance(error, InvalidArgumentError)
        assert isinstance(error, CareJusticeError)
        assert isinstance(error, ValueError)
        assert error.field == "version"
        assert error.value == 0


class TestFieldConstraintsOnConstruction:
    """The loader's limits hold for hand-built entities too (one Constraint each)."""

    def test_an_identifier_is_1_to_64_characters(self) -> None:
        assert StaffMember("x" * 64, Role.SPOC, Service.YOS).id == "x" * 64
        with pytest.raises(FieldValueError) as raised:
            StaffMember("", Role.SPOC, Service.YOS)
        assert str(raised.value) == "id too short: 0 characters, at least 1 needed"
        with pytest.raises(FieldValueError, match=r"^id too long: 65 characters, at most 64"):
            StaffMember("x" * 65, Role.SPOC, Service.YOS)

    def test_a_name_is_at_most_1000_characters_and_is_never_quoted(self) -> None:
        with pytest.raises(FieldValueError) as raised:
            YoungPerson(
                "YP-1",
                date(2008, 1, 1),
                CareStatus.RELEVANT,
                False,
                LegalStatus.CHARGED,
                name="Jo " * 334,  # 1002 characters
            )
        assert str(raised.value) == "name too long: 1002 characters, at most 1000 allowed"
        assert raised.value.field == "name"

    def test_each_attendee_id_is_checked(self) -> None:
        with pytest.raises(FieldValueError) as raised:
            Meeting(
                kind=MeetingKind.QUARTERLY_MANAGEMENT,
                on=date(2026, 3, 31),
                recorded=True,
                attendees=("S-1", ""),
            )
        assert str(raised.value) == ("attendees[1] too short: 0 characters, at least 1 needed")
