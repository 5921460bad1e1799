"""JSON in and out: round trips, strictness, and every problem reported with its path."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from care_justice_protocol._errors import CareJusticeError, ValidationError
from care_justice_protocol.io._json import (
    _converters,
    dump_case,
    dump_caseload,
    dumps_case,
    dumps_caseload,
    load_case,
    load_caseload,
    make_converter,
)
from care_justice_protocol.model._entities import (
    Meeting,
    QualityAssuranceRecord,
    StaffMember,
    YoungPerson,
)
from care_justice_protocol.model._events import EVENT_TYPES, CaseEvent, Caseload, Event, JointCase
from tests.strategies import any_dates, caseloads, cases, events, instances

DATA = Path(__file__).parent / "data"
CONVERTER = make_converter()
FAST_CONVERTER = make_converter(detailed_validation=False)
ENTITIES = [StaffMember, YoungPerson, Meeting, QualityAssuranceRecord]
#: For tests repeated per type (27 event types): a share of the profile's examples.
PER_TYPE = settings(max_examples=max(10, settings.default.max_examples // 8))

PERSON = {
    "id": "YP-1",
    "date_of_birth": "2008-01-01",
    "care_status": "relevant",
    "has_icta": False,
    "legal_status": "charged",
}
ALLOCATED = {
    "type": "allocated",
    "on": "2026-11-23",
    "recorded_by": "S-1",
    "service": "yos",
    "worker_id": "S-1",
}


def document(*cases: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"schema_version": 1, "cases": list(cases), **extra}


def case(case_id: str = "C-1", *events: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"case_id": case_id, "young_person": dict(PERSON), "events": list(events), **extra}


def errors_of(load: Callable[[Any], Any], data: Any) -> tuple[str, ...]:
    with pytest.raises(ValidationError) as raised:
        load(data)
    return raised.value.errors


def _problems(load: Callable[[Any], Any], data: Any) -> tuple[str, ...]:
    """The problems loading *data* reports (none if it loads); nothing else may escape."""
    try:
        load(data)
    except ValidationError as error:
        problems = error.errors
    else:
        return ()
    assert problems
    return problems


class TestRoundTrip:
    # Round trips reach every year a date can hold (1-9999): nothing here is evaluated.

    @pytest.mark.parametrize("cls", ENTITIES, ids=lambda cls: cls.__name__)
    @PER_TYPE
    @given(data=st.data())
    def test_structure_inverts_unstructure_for_every_entity(self, cls: type, data: Any) -> None:
        value = data.draw(instances(cls, dates=any_dates()))
        assert CONVERTER.structure(CONVERTER.unstructure(value), cls) == value
        assert FAST_CONVERTER.structure(FAST_CONVERTER.unstructure(value), cls) == value

    @pytest.mark.parametrize("cls", list(EVENT_TYPES.values()), ids=list(EVENT_TYPES))
    @PER_TYPE
    @given(data=st.data())
    def test_structure_inverts_unstructure_for_every_event_type(
        self, cls: type[CaseEvent], data: Any
    ) -> None:
        event = data.draw(events(cls, dates=any_dates()))
        raw = CONVERTER.unstructure(event)
        assert CONVERTER.structure(raw, cls) == event
        assert CONVERTER.structure(raw, Event) == event  # type: ignore[arg-type]
        assert CONVERTER.structure(json.loads(json.dumps(raw)), Event) == event  # type: ignore[arg-type]

    @given(value=cases(dates=any_dates()))
    def test_structure_inverts_unstructure_for_joint_cases(self, value: JointCase) -> None:
        assert CONVERTER.structure(CONVERTER.unstructure(value), JointCase) == value

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(value=caseloads(dates=any_dates()))
    def test_load_inverts_dump_for_whole_caseloads(self, value: Caseload) -> None:
        assert load_caseload(dumps_caseload(value)) == value
        assert load_caseload(dumps_caseload(value).encode()) == value
        assert load_caseload(dump_caseload(value)) == value
        assert load_caseload(dumps_caseload(value, indent=2)) == value

    @given(value=cases(dates=any_dates()))
    def test_load_inverts_dump_for_single_case_documents(self, value: JointCase) -> None:
        assert load_case(dumps_case(value)) == value
        assert load_case(dump_case(value)) == value

    @given(value=caseloads(dates=any_dates()))
    def test_dump_load_dump_is_stable(self, value: Caseload) -> None:
        text = dumps_caseload(value)
        assert dumps_caseload(load_caseload(text)) == text

    @pytest.mark.parametrize("name", ["caseload.json"])
    def test_the_sample_caseload_loads_and_survives_a_round_trip(self, name: str) -> None:
        loaded = load_caseload((DATA / name).read_bytes())
        assert load_caseload(dumps_caseload(loaded)) == loaded
        assert len(loaded.cases) == 2

    def test_the_sample_case_document_loads(self) -> None:
        loaded = load_case((DATA / "case.json").read_text(encoding="utf-8"))
        assert loaded.case_id == "C-0100"
        assert load_case(dumps_case(loaded)) == loaded


class TestDump:
    def test_an_event_is_written_with_its_type_first_and_dates_as_iso_strings(self) -> None:
        loaded = load_caseload(document(case("C-1", ALLOCATED)))
        written = dump_caseload(loaded)["cases"][0]["events"][0]
        assert next(iter(written)) == "type"
        assert written == {**ALLOCATED, "external_ref": None}  # an absent reference: null

    def test_optional_fields_holding_none_are_written_as_null(self) -> None:
        written = dump_caseload(load_caseload(document(case())))
        assert written["cases"][0]["young_person"]["name"] is None

    def test_a_case_document_starts_with_its_schema_version(self) -> None:
        written = dump_case(load_case({"schema_version": 1, **case()}))
        assert next(iter(written.items())) == ("schema_version", 1)

    @given(value=caseloads())
    def test_dumps_are_plain_json_types(self, value: Caseload) -> None:
        def plain(node: Any) -> bool:
            if isinstance(node, dict):
                return all(isinstance(k, str) and plain(v) for k, v in node.items())
            if isinstance(node, list):
                return all(plain(v) for v in node)
            return node is None or type(node) in (str, int, bool)

        assert plain(dump_caseload(value))

    def test_dumps_are_compact_unless_indented(self) -> None:
        value = load_caseload(document())
        assert dumps_caseload(value) == (
            '{"schema_version":1,"cases":[],"management_meetings":[],"quality_assurance":[]}'
        )
        assert dumps_caseload(value, indent=2).startswith('{\n  "schema_version": 1,')


class TestFastPath:
    @given(value=caseloads())
    def test_fast_and_detailed_structuring_agree_on_valid_documents(self, value: Caseload) -> None:
        fast, detailed = _converters()
        raw = dump_caseload(value)
        assert fast[Caseload](raw) == detailed.structure(raw, Caseload) == value

    @settings(suppress_health_check=[HealthCheck.too_slow])
    @given(value=caseloads(), data=st.data())
    def test_fast_and_detailed_structuring_accept_the_same_mutated_documents(
        self, value: Caseload, data: Any
    ) -> None:
        raw = dump_caseload(value)
        paths = list(_leaf_paths(raw))
        path = data.draw(st.sampled_from(paths))
        replacement = data.draw(_json_values)
        mutated = _replace(raw, path, replacement)
        fast, detailed = _converters()
        outcomes = []
        for structure in (
            lambda: fast[Caseload](mutated),
            lambda: detailed.structure(mutated, Caseload),
        ):
            try:
                outcomes.append(structure())
            except Exception:
                outcomes.append("rejected")
        assert outcomes[0] == outcomes[1]


_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.floats(allow_nan=False)
    | st.text(max_size=5)
    | st.sampled_from(["2026-02-30", "2026-01-05", "yos", "nps", "S-1", "5", "", "x" * 65]),
    lambda children: (
        st.lists(children, max_size=2) | st.dictionaries(st.text(max_size=3), children, max_size=2)
    ),
    max_leaves=4,
)


def _leaf_paths(node: Any, path: tuple[Any, ...] = ()) -> Any:
    yield path
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _leaf_paths(child, (*path, key))
        yield (*path, "__new_key__")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _leaf_paths(child, (*path, index))


def _replace(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    result = copy.copy(node)
    head, rest = path[0], path[1:]
    if head == "__new_key__" and not rest:
        result["__new_key__"] = value
    else:
        result[head] = _replace(node[head], rest, value)
    return result


class TestMalformedDocuments:
    def test_a_missing_field_is_reported_at_its_path(self) -> None:
        bad = document(case())
        del bad["cases"][0]["young_person"]["care_status"]
        assert errors_of(load_caseload, bad) == (
            "required field missing @ $.cases[0].young_person.care_status",
        )

    def test_a_missing_event_type_is_reported_at_the_type_key(self) -> None:
        event = {k: v for k, v in ALLOCATED.items() if k != "type"}
        assert errors_of(load_caseload, document(case("C-1", event))) == (
            "required field missing @ $.cases[0].events[0].type",
        )

    def test_an_unknown_event_type_is_reported_with_the_allowed_types(self) -> None:
        (message,) = errors_of(load_caseload, document(case("C-1", {**ALLOCATED, "type": "moved"})))
        assert message.startswith("unknown event type 'moved'; expected one of 'allocated', ")
        assert all(repr(tag) in message for tag in EVENT_TYPES)
        assert message.endswith(" @ $.cases[0].events[0].type")

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("2026-02-30", "not a valid date (day is out of range for month)"),
            ("2026-13-01", "not a valid date (month must be in 1..12)"),
            (
                "2026-11-23T09:00:00",
                "expected a date 'YYYY-MM-DD', not a date-time",
            ),
            (
                "2026-11-23 09:00",
                "expected a date 'YYYY-MM-DD', not a date-time",
            ),
            ("20261123", "expected a date 'YYYY-MM-DD', got a string of 8 characters"),
            ("2026-W48-1", "expected a date 'YYYY-MM-DD', got a string of 10 characters"),
            ("23/11/2026", "expected a date 'YYYY-MM-DD', got a string of 10 characters"),
            (20261123, "expected a date string 'YYYY-MM-DD', got an integer"),
            (None, "expected a date string 'YYYY-MM-DD', got null"),
        ],
    )
    def test_a_bad_date_is_refused(self, value: Any, message: str) -> None:
        bad = document(case("C-1", {**ALLOCATED, "on": value}))
        assert errors_of(load_caseload, bad) == (f"{message} @ $.cases[0].events[0].on",)

    def test_a_python_datetime_is_refused_but_a_date_is_accepted(self) -> None:
        bad = document(case("C-1", {**ALLOCATED, "on": datetime(2026, 11, 23, 9, 0)}))
        (message,) = errors_of(load_caseload, bad)
        assert message.startswith("expected a date string 'YYYY-MM-DD', got a datetime")
        good = document(case("C-1", {**ALLOCATED, "on": date(2026, 11, 23)}))
        assert load_caseload(good).cases[0].events[0].on == date(2026, 11, 23)

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("term_months", "5", "expected an integer, got string '5'"),
            ("term_months", True, "expected an integer, got boolean true"),
            ("term_months", 5.0, "expected an integer, got number 5.0"),
            ("term_months", 0, "expected an integer of at least 1, got 0"),
            (
                "outcome",
                "prison",
                (
                    "a string of 6 characters is not a valid sentence outcome; expected one of "
                    "'community-order', 'custody', 'dto'"
                ),
            ),
            (
                "outcome",
                1,
                (
                    "an integer is not a valid sentence outcome; expected one of "
                    "'community-order', 'custody', 'dto'"
                ),
            ),
            ("recorded_by", 7, "expected a string, got integer 7"),
            ("recorded_by", "", "string too short: 0 characters, at least 1 needed"),
            ("recorded_by", ["S-1"], "expected a string, got array"),
        ],
    )
    def test_no_value_is_coerced(self, field: str, value: Any, message: str) -> None:
        event = {"type": "sentenced", "on": "2026-01-05", "recorded_by": "S-1", "outcome": "dto"}
        bad = document(case("C-1", {**event, field: value}))
        assert errors_of(load_caseload, bad) == (f"{message} @ $.cases[0].events[0].{field}",)

    def test_a_string_is_not_an_array(self) -> None:
        meeting = {"kind": "practice-manager", "on": "2026-01-05", "recorded": True}
        bad = document(management_meetings=[{**meeting, "attendees": "S-1"}])
        assert errors_of(load_caseload, bad) == (
            "expected an array, got string 'S-1' @ $.management_meetings[0].attendees",
        )

    def test_a_bad_item_is_reported_at_its_index(self) -> None:
        meeting = {"kind": "practice-manager", "on": "2026-01-05", "recorded": True}
        bad = document(management_meetings=[{**meeting, "services": ["yos", "police", 3]}])
        assert errors_of(load_caseload, bad) == (
            (
                "a string of 6 characters is not a valid service; expected one of 'next-step', "
                "'yos', 'nps', "
                "'crc', 'probation-service' @ $.management_meetings[0].services[1]"
            ),
            (
                "an integer is not a valid service; expected one of 'next-step', 'yos', 'nps', "
                "'crc', 'probation-service' @ $.management_meetings[0].services[2]"
            ),
        )

    def test_a_boolean_must_be_true_or_false(self) -> None:
        bad = document(case())
        bad["cases"][0]["young_person"]["has_icta"] = 1
        assert errors_of(load_caseload, bad) == (
            "expected a boolean (true or false), got integer 1 @ $.cases[0].young_person.has_icta",
        )

    def test_extra_keys_are_rejected_at_every_level(self) -> None:
        bad = document(case("C-1", {**ALLOCATED, "colour": "red"}, notes="x"), version="1")
        assert errors_of(load_caseload, bad) == (
            (
                "extra fields found ('colour'); allowed: external_ref, on, recorded_by, "
                "service, type, worker_id @ $.cases[0].events[0]"
            ),
            (
                "extra fields found ('notes'); allowed: case_id, events, external_ref, staff, "
                "young_person @ $.cases[0]"
            ),
            (
                "extra fields found ('version'); allowed: cases, management_meetings, "
                "quality_assurance, schema_version @ $"
            ),
        )

    def test_a_huge_string_is_refused_without_being_echoed(self) -> None:
        huge = "x" * 1_000_000
        (message,) = errors_of(load_caseload, document(case(huge)))
        assert message == (
            "string too long: 1000000 characters, at most 64 allowed @ $.cases[0].case_id"
        )
        text_bad = document(case("C-1", {**ALLOCATED, "type": "disagreement-raised"}))
        del (
            text_bad["cases"][0]["events"][0]["service"],
            text_bad["cases"][0]["events"][0]["worker_id"],
        )
        text_bad["cases"][0]["events"][0].update(
            disagreement_id="D", between=["yos", "nps"], about=huge
        )
        assert errors_of(load_caseload, text_bad) == (
            (
                "string too long: 1000000 characters, at most 1000 allowed "
                "@ $.cases[0].events[0].about"
            ),
        )

    def test_every_problem_in_a_document_is_reported_at_once(self) -> None:
        good = case("C-0")
        bad_date = case(
            "C-3", {**ALLOCATED, "on": "2026-02-30"}, {**ALLOCATED, "service": "police"}
        )
        missing = case("C-4")
        del missing["young_person"]["date_of_birth"]
        bad = document(good, case("C-1"), case("C-2"), bad_date, missing)
        assert errors_of(load_caseload, bad) == (
            ("not a valid date (day is out of range for month) @ $.cases[3].events[0].on"),
            (
                "a string of 6 characters is not a valid service; expected one of 'next-step', "
                "'yos', 'nps', "
                "'crc', 'probation-service' @ $.cases[3].events[1].service"
            ),
            "required field missing @ $.cases[4].young_person.date_of_birth",
        )

    def test_constraints_are_reported_at_the_field(self) -> None:
        event = {"type": "responsibility-accepted", "on": "2026-01-05", "recorded_by": "S-1"}
        disagreement = {
            "type": "disagreement-raised",
            "on": "2026-01-05",
            "recorded_by": "S-1",
            "disagreement_id": "D-1",
            "between": ["yos", "yos"],
        }
        bad = document(case("C-1", {**event, "service": "police"}, disagreement))
        assert errors_of(load_caseload, bad) == (
            (
                "a string of 6 characters is not a valid service; expected one of 'next-step', "
                "'yos', 'nps', "
                "'crc', 'probation-service' @ $.cases[0].events[0].service"
            ),
            "expected no repeated items @ $.cases[0].events[1].between",
        )

    def test_duplicate_case_ids_are_reported_at_the_repeat(self) -> None:
        assert errors_of(load_caseload, document(case("C-1"), case("C-2"), case("C-1"))) == (
            "duplicate case_id 'C-1' (first at $.cases[0]) @ $.cases[2].case_id",
        )

    def test_duplicate_staff_ids_are_reported_inside_their_case(self) -> None:
        staff = [{"id": "S-1", "role": "spoc", "service": "yos"}] * 2
        bad = document(case("C-1"), case("C-2", staff=staff))
        assert errors_of(load_caseload, bad) == (
            "duplicate staff id 'S-1' (first at $.cases[1].staff[0]) @ $.cases[1].staff[1].id",
        )

    def test_an_object_must_be_an_object(self) -> None:
        assert errors_of(load_caseload, document(["C-1"])) == (
            "expected an object, got array @ $.cases[0]",
        )
        assert errors_of(load_caseload, "[]") == ("expected an object, got array @ $",)
        assert errors_of(load_caseload, document(case("C-1", "allocated"))) == (
            "expected an object, got string 'allocated' @ $.cases[0].events[0]",
        )


class TestSchemaVersion:
    def test_a_missing_schema_version_is_reported_with_the_other_problems(self) -> None:
        assert errors_of(load_caseload, {"cases": [{"case_id": 1}]}) == (
            "required field missing @ $.schema_version",
            "expected a string, got integer 1 @ $.cases[0].case_id",
            "required field missing @ $.cases[0].young_person",
        )

    def test_a_later_schema_version_is_reported_alone(self) -> None:
        assert errors_of(load_caseload, {"schema_version": 2, "cases": 5}) == (
            "unsupported schema_version 2; this library reads 1 @ $.schema_version",
        )

    def test_a_schema_version_must_be_an_integer(self) -> None:
        assert errors_of(load_caseload, {"schema_version": "1", "cases": []}) == (
            "expected an integer, got string '1' @ $.schema_version",
        )

    def test_a_case_document_needs_a_schema_version_too(self) -> None:
        assert errors_of(load_case, case()) == ("required field missing @ $.schema_version",)
        assert errors_of(load_case, {"schema_version": 3, **case()}) == (
            "unsupported schema_version 3; this library reads 1 @ $.schema_version",
        )
        assert errors_of(load_case, {"schema_version": 1, **case(), "cases": []}) == (
            (
                "extra fields found ('cases'); allowed: case_id, events, external_ref, staff, "
                "young_person @ $"
            ),
        )


class TestMalformedJson:
    @pytest.mark.parametrize(
        ("data", "message"),
        [
            (
                b'{"schema_version": 1,',
                (
                    "malformed JSON: Expecting property name enclosed in "
                    "double quotes (line 1, column 22) @ $"
                ),
            ),
            ("", "malformed JSON: Expecting value (line 1, column 1) @ $"),
            (b"\xff\xfe\x00", None),
            ("[" * 100_000 + "]" * 100_000, None),
            ('{"schema_version": 1' + "0" * 5000 + "}", None),
        ],
        ids=["truncated", "empty", "bad-utf8", "deep", "huge-int"],
    )
    def test_malformed_json_is_a_validation_error(self, data: Any, message: str | None) -> None:
        (error,) = errors_of(load_caseload, data)
        assert error.startswith("malformed JSON")
        assert error.endswith(" @ $")
        if message is not None:
            assert error == message

    def test_something_that_is_not_json_or_a_mapping_is_a_validation_error(self) -> None:
        assert errors_of(load_caseload, 42) == (
            "expected JSON text (str or bytes) or a mapping, got int @ $",
        )


class TestValidationError:
    def test_is_a_library_error_and_a_value_error(self) -> None:
        with pytest.raises(ValidationError) as raised:
            load_caseload("{}")
        assert isinstance(raised.value, CareJusticeError)
        assert isinstance(raised.value, ValueError)
        assert str(raised.value) == (
            "invalid caseload: 1 problem\n  - required field missing @ $.schema_version"
        )

    @settings(max_examples=100)
    @given(value=_json_values)
    def test_garbage_never_escapes_as_another_exception(self, value: Any) -> None:
        for load in (load_caseload, load_case):
            for data in (value, json.dumps(value)):
                assert all(" @ $" in message for message in _problems(load, data))

    @given(value=caseloads(), data=st.data())
    def test_a_mutated_document_loads_or_raises_a_validation_error(
        self, value: Caseload, data: Any
    ) -> None:
        raw = dump_caseload(value)
        path = data.draw(st.sampled_from(list(_leaf_paths(raw))))
        mutated = _replace(raw, path, data.draw(_json_values))
        problems = _problems(load_caseload, mutated)
        assert all(" @ $" in message for message in problems)


class TestConverter:
    def test_each_call_builds_a_new_converter(self) -> None:
        assert make_converter() is not make_converter()

    def test_an_event_class_refuses_a_different_type_tag(self) -> None:
        fast, detailed = _converters()
        with pytest.raises(Exception) as raised:  # noqa: PT011 - cattrs' exception group
            detailed.structure({**ALLOCATED, "type": "charged"}, EVENT_TYPES["allocated"])
        assert "expected type 'allocated', got 'charged'" in repr(raised.value.exceptions)
        with pytest.raises(Exception):  # noqa: B017, PT011 - any error, then re-read in detail
            fast[EVENT_TYPES["allocated"]]({**ALLOCATED, "type": "charged"})

    def test_an_event_class_accepts_its_fields_without_the_tag(self) -> None:
        event = {k: v for k, v in ALLOCATED.items() if k != "type"}
        assert CONVERTER.structure(event, EVENT_TYPES["allocated"]).worker_id == "S-1"
