"""JSON Schema: generated from the types, and in agreement with the loader."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

from care_justice_protocol._errors import ValidationError
from care_justice_protocol.io._json import dump_case, dump_caseload, load_caseload
from care_justice_protocol.io._schema import case_json_schema, caseload_json_schema
from care_justice_protocol.model._entities import Service
from care_justice_protocol.model._events import EVENT_TYPES, Caseload, JointCase
from tests.strategies import caseloads, cases

DATA = Path(__file__).parent / "data"
INVALID = sorted((DATA / "invalid").glob("*.json"))
CASELOAD = Draft202012Validator(
    caseload_json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
)
CASE = Draft202012Validator(case_json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)


def objects(node: Any) -> list[dict[str, Any]]:
    """Every sub-schema describing an object."""
    found = []
    if isinstance(node, dict):
        if node.get("type") == "object":
            found.append(node)
        for child in node.values():
            found.extend(objects(child))
    elif isinstance(node, list):
        for child in node:
            found.extend(objects(child))
    return found


class TestSchemaShape:
    @pytest.mark.parametrize("make", [caseload_json_schema, case_json_schema])
    def test_is_a_valid_draft_2020_12_schema(self, make: Any) -> None:
        schema = make()
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    @pytest.mark.parametrize("make", [caseload_json_schema, case_json_schema])
    def test_every_object_forbids_additional_properties(self, make: Any) -> None:
        schema = make()
        found = objects({k: v for k, v in schema["$defs"].items() if k != "Event"})
        assert found
        assert all(schema["additionalProperties"] is False for schema in found)
        # the Event definition only dispatches: each type's definition forbids extra keys
        assert "additionalProperties" not in schema["$defs"]["Event"]

    def test_events_are_discriminated_by_type_with_if_then(self) -> None:
        event = caseload_json_schema()["$defs"]["Event"]
        assert event["properties"]["type"]["enum"] == list(EVENT_TYPES)
        assert event["required"] == ["type"]
        assert event["allOf"] == [
            {
                "if": {
                    "type": "object",
                    "properties": {"type": {"const": tag}},
                    "required": ["type"],
                },
                "then": {"$ref": f"#/$defs/{cls.__name__}"},
            }
            for tag, cls in EVENT_TYPES.items()
        ]
        schema = caseload_json_schema()
        for tag, cls in EVENT_TYPES.items():
            definition = schema["$defs"][cls.__name__]
            assert definition["properties"]["type"] == {"const": tag}
            assert definition["required"][:3] == ["type", "on", "recorded_by"]

    def test_enums_are_listed_with_their_json_values(self) -> None:
        assert caseload_json_schema()["$defs"]["Service"]["enum"] == [s.value for s in Service]

    def test_dates_are_strings_with_a_pattern_and_then_a_format(self) -> None:
        schema = caseload_json_schema()
        assert schema["$defs"]["Allocated"]["properties"]["on"]["$ref"] == "#/$defs/Date"
        on = schema["$defs"]["Date"]
        assert on["type"] == "string"
        assert on["pattern"] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        # the format is checked only once the pattern holds: one error per bad date
        assert on["if"] == {"pattern": on["pattern"]}
        assert on["then"] == {"format": "date"}

    def test_schema_version_is_required_and_fixed_at_1(self) -> None:
        for schema in (caseload_json_schema()["$defs"]["Caseload"], case_json_schema()):
            assert "schema_version" in schema["required"]
            assert schema["properties"]["schema_version"]["const"] == 1

    def test_field_descriptions_come_from_the_docstrings(self) -> None:
        qa = caseload_json_schema()["$defs"]["QualityAssuranceRecord"]
        assert qa["description"].startswith("A twice-yearly quality assurance")
        assert "feedback given" in qa["properties"]["feedback_given"]["description"]

    def test_each_call_returns_a_fresh_schema(self) -> None:
        first = caseload_json_schema()
        first["$defs"].clear()
        assert caseload_json_schema()["$defs"]

    def test_the_schema_is_json_serialisable(self) -> None:
        assert json.loads(json.dumps(caseload_json_schema())) == caseload_json_schema()


class TestSampleDocuments:
    def test_the_sample_caseload_is_valid(self) -> None:
        document = json.loads((DATA / "caseload.json").read_text(encoding="utf-8"))
        CASELOAD.validate(document)
        load_caseload(document)

    def test_the_sample_case_is_valid(self) -> None:
        CASE.validate(json.loads((DATA / "case.json").read_text(encoding="utf-8")))

    @pytest.mark.parametrize("path", INVALID, ids=[path.stem for path in INVALID])
    def test_an_invalid_sample_is_rejected_by_the_schema_and_the_loader(self, path: Path) -> None:
        document = json.loads(path.read_text(encoding="utf-8"))
        assert not CASELOAD.is_valid(document)
        with pytest.raises(ValidationError):
            load_caseload(document)

    def test_there_are_invalid_samples(self) -> None:
        assert len(INVALID) >= 10


#: Validating whole caseloads is slow: a share of the profile's examples.
SCHEMA_CHECKS = settings(
    max_examples=max(10, settings.default.max_examples // 4),
    suppress_health_check=[HealthCheck.too_slow],
)


class TestAgreementWithTheLoader:
    @SCHEMA_CHECKS
    @given(value=caseloads())
    def test_every_dumped_caseload_is_valid_under_the_schema(self, value: Caseload) -> None:
        CASELOAD.validate(dump_caseload(value))

    @SCHEMA_CHECKS
    @given(value=cases())
    def test_every_dumped_case_document_is_valid_under_the_schema(self, value: JointCase) -> None:
        CASE.validate(dump_case(value))
