"""The published JSON Schemas: valid, shipped as generated, plain text, and precise.

Every example document validates with the ``jsonschema`` package; every wrong document
yields exactly one error (``iter_errors``), at the expected ``json_path``, and
``best_match`` gives that error. The local-variant schema agrees with its loader on valid
and wrong documents.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import re
import tomllib
from collections.abc import Callable, Iterator
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, exceptions

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    load_caseload,
    load_results,
    parse_protocol,
    protocol_to_document,
    read_protocol,
)
from care_justice_protocol._errors import ValidationError
from care_justice_protocol.cli import main
from care_justice_protocol.io._bundled import EXAMPLE_TRANSITION_PROTOCOLS, shipped_schema_text
from care_justice_protocol.io._local_schema import local_variant_json_schema
from care_justice_protocol.io._published import (
    SCHEMA_BUILDERS,
    published_schemas,
    schema_text,
)
from care_justice_protocol.io._schema import SCHEMA_BASE_URL, caseload_json_schema
from care_justice_protocol.protocols._local import load_local_variant

ROOT = Path(__file__).resolve().parent.parent
DATA = resources.files("care_justice_protocol.io.data")
SITE = "https://care-justice-protocol.github.io/care_justice_protocol/"
ELDBURY = ROOT / "examples" / "eldbury"
TEST_PROTOCOLS = sorted((ROOT / "tests" / "data" / "protocols").glob("*.toml"))
#: The version each schema states (its document's schema_version or format_version).
VERSIONS = {
    "caseload": "schema_version 1",
    "case": "schema_version 1",
    "results": "schema_version 1",
    "local-variant": "schema_version 1",
    "protocol": "format_version 1",
}


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


SCHEMAS = published_schemas()
CASELOAD = validator(SCHEMAS["caseload"])
CASE = validator(SCHEMAS["case"])
RESULTS = validator(SCHEMAS["results"])
LOCAL = validator(SCHEMAS["local-variant"])
PROTOCOL = validator(SCHEMAS["protocol"])
LOCAL_BUNDLED = validator(local_variant_json_schema(protocols=BUNDLED_PROTOCOLS))
ELDBURY_PROTOCOL = read_protocol(ELDBURY / "eldbury.toml")
LOCAL_ELDBURY = validator(local_variant_json_schema(protocols=ELDBURY_PROTOCOL))


def example_caseload() -> dict[str, Any]:
    return json.loads(DATA.joinpath("example_caseload.json").read_text(encoding="utf-8"))


def four_cases() -> dict[str, Any]:
    """The example caseload's first four cases (the wrong documents are made from it)."""
    document = example_caseload()
    return {**document, "cases": document["cases"][:4]}


def example_transition_caseload() -> dict[str, Any]:
    text = DATA.joinpath("example_transition_caseload.json").read_text(encoding="utf-8")
    return json.loads(text)


def as_json(value: Any) -> Any:
    """A TOML or Python structure as JSON would carry it (dates as YYYY-MM-DD)."""
    return json.loads(json.dumps(value, default=date.isoformat))


def bundled_protocol_file(name: str) -> dict[str, Any]:
    text = DATA.joinpath("protocols", name).read_text(encoding="utf-8")
    return as_json(tomllib.loads(text))


@pytest.fixture(scope="module")
def results_document() -> dict[str, Any]:
    """What ``cjp check --format json`` prints on the example caseload."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["check", "--format", "json", "--as-of", "2026-11-25"]) == 0
    return json.loads(out.getvalue())


def strings(node: Any) -> Iterator[str]:
    """Every string of a schema (keys and values) but its regular expressions."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield key
            if key != "pattern":
                yield from strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from strings(value)


#: Markup that must not reach a schema: a Sphinx role, a Markdown cross-reference, an
#: inline literal.
MARKUP = re.compile(r":[a-z]+:`|\]\[|``|`")


class TestThePublishedSchemas:
    def test_there_is_one_for_each_document_format(self) -> None:
        assert list(SCHEMAS) == ["caseload", "case", "results", "local-variant", "protocol"]

    @pytest.mark.parametrize("name", list(SCHEMA_BUILDERS))
    def test_each_is_a_valid_draft_2020_12_schema(self, name: str) -> None:
        Draft202012Validator.check_schema(SCHEMAS[name])
        assert SCHEMAS[name]["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    @pytest.mark.parametrize("name", list(SCHEMA_BUILDERS))
    def test_each_id_is_its_address_on_the_docs_site(self, name: str) -> None:
        assert SCHEMA_BASE_URL == SITE + "schemas/"
        assert SCHEMAS[name]["$id"] == f"{SITE}schemas/{name}.schema.json"

    @pytest.mark.parametrize("name", list(SCHEMA_BUILDERS))
    def test_each_states_its_version(self, name: str) -> None:
        assert SCHEMAS[name]["$comment"].endswith(VERSIONS[name])
        assert SCHEMAS[name]["title"].startswith("care_justice_protocol ")

    @pytest.mark.parametrize("name", list(SCHEMA_BUILDERS))
    def test_the_shipped_file_is_what_the_code_generates(self, name: str) -> None:
        # after changing a format: python scripts/write_schemas.py
        assert shipped_schema_text(name) == schema_text(SCHEMAS[name])

    def test_no_other_schema_file_is_shipped(self) -> None:
        shipped = {p.name for p in DATA.joinpath("schemas").iterdir() if p.name.endswith(".json")}
        assert shipped == {f"{name}.schema.json" for name in SCHEMA_BUILDERS}

    def test_the_docs_site_publishes_the_shipped_files(self) -> None:
        hooks = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        assert "scripts/docs_schemas_hook.py" in hooks
        page = (ROOT / "docs" / "reference" / "json-format.md").read_text(encoding="utf-8")
        for name in SCHEMA_BUILDERS:
            assert SCHEMAS[name]["$id"] in page, name

    def test_cjp_schema_prints_the_shipped_files(self, capsys: pytest.CaptureFixture[str]) -> None:
        for flag, name in [([], "caseload"), (["--local-variant"], "local-variant")]:
            assert main(["schema", *flag]) == 0
            assert capsys.readouterr().out == shipped_schema_text(name)


class TestPlainTextDescriptions:
    SCHEMAS_WITH_PROTOCOLS: tuple[Callable[[], dict[str, Any]], ...] = (
        lambda: caseload_json_schema(protocols=ELDBURY_PROTOCOL),
        lambda: local_variant_json_schema(protocols=BUNDLED_PROTOCOLS),
    )

    @pytest.mark.parametrize("name", list(SCHEMA_BUILDERS))
    def test_no_string_of_a_schema_carries_markup(self, name: str) -> None:
        found = sorted({s for s in strings(SCHEMAS[name]) if MARKUP.search(s)})
        assert found == []

    @pytest.mark.parametrize("make", SCHEMAS_WITH_PROTOCOLS, ids=["caseload", "local-variant"])
    def test_nor_with_a_protocols_declared_terms(self, make: Callable[[], Any]) -> None:
        assert sorted({s for s in strings(make()) if MARKUP.search(s)}) == []

    def test_the_descriptions_that_held_markup_keep_their_words(self) -> None:
        defs = SCHEMAS["caseload"]["$defs"]
        assert "timeline" in defs["JointCase"]["properties"]["events"]["description"]


class TestExampleDocumentsValidate:
    def test_the_bundled_example_caseload(self) -> None:
        CASELOAD.validate(example_caseload())

    def test_the_bundled_transition_example_with_its_protocols(self) -> None:
        schema = caseload_json_schema(protocols=EXAMPLE_TRANSITION_PROTOCOLS)
        validator(schema).validate(example_transition_caseload())

    def test_eldburys_caseload_with_its_protocol(self) -> None:
        document = json.loads((ELDBURY / "caseload.json").read_text(encoding="utf-8"))
        validator(caseload_json_schema(protocols=ELDBURY_PROTOCOL)).validate(document)

    def test_one_case_of_the_example_as_a_case_document(self) -> None:
        CASE.validate({"schema_version": 1, **example_caseload()["cases"][1]})

    def test_the_results_document_of_cjp_check(self, results_document: dict[str, Any]) -> None:
        RESULTS.validate(results_document)
        assert load_results(results_document).report.results

    @pytest.mark.parametrize("name", ["salford-3.14.12.toml", "salford-3.14.13.toml",
                                      "yjb-transitions-2021.toml"])  # fmt: skip
    def test_the_bundled_protocol_files_as_json(self, name: str) -> None:
        document = bundled_protocol_file(name)
        PROTOCOL.validate(document)
        PROTOCOL.validate(as_json(protocol_to_document(parse_protocol(document))))

    @pytest.mark.parametrize("path", TEST_PROTOCOLS, ids=[p.stem for p in TEST_PROTOCOLS])
    def test_the_test_protocol_files_as_json(self, path: Path) -> None:
        PROTOCOL.validate(as_json(tomllib.loads(path.read_text(encoding="utf-8"))))

    def test_eldburys_protocol_and_local_variant(self) -> None:
        PROTOCOL.validate(as_json(tomllib.loads((ELDBURY / "eldbury.toml").read_text())))
        local = json.loads((ELDBURY / "local.json").read_text(encoding="utf-8"))
        LOCAL.validate(local)
        LOCAL_ELDBURY.validate(local)


def the_error(check: Draft202012Validator, document: Any) -> exceptions.ValidationError:
    """The one error ``document`` has (and ``best_match`` agrees)."""
    errors = list(check.iter_errors(document))
    assert len(errors) == 1, [(e.json_path, e.message) for e in errors]
    best = exceptions.best_match(errors)
    assert best is not None
    assert (best.json_path, best.message) == (errors[0].json_path, errors[0].message)
    return errors[0]


def changed(document: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> Any:
    out = copy.deepcopy(document)
    change(out)
    return out


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change setting ``value`` at ``path`` (keys and indexes with dots: cases.3.events.1)."""

    def apply(doc: dict[str, Any]) -> None:
        *head, last = (int(p) if p.isdigit() else p for p in path.split("."))
        node: Any = doc
        for part in head:
            node = node[part]
        node[last] = value

    return apply


def _del(path: str) -> Callable[[dict[str, Any]], None]:
    def apply(doc: dict[str, Any]) -> None:
        *head, last = path.split(".")
        node: Any = doc
        for part in head:
            node = node[int(part) if part.isdigit() else part]
        del node[last]

    return apply


EVENT = "cases.3.events.1"  # an other-service-checked event of case C-0004

#: (name, change, json_path of the one error)
CASELOAD_WRONG = [
    ("impossible-date-in-one-event", _set(f"{EVENT}.on", "2026-02-30"),
     "$.cases[3].events[1].on"),
    ("malformed-date-in-one-event", _set(f"{EVENT}.on", "18/12/2025"),
     "$.cases[3].events[1].on"),
    ("unknown-event-type", _set(f"{EVENT}.type", "other-service-chekced"),
     "$.cases[3].events[1].type"),
    ("event-without-a-type", _del(f"{EVENT}.type"), "$.cases[3].events[1]"),
    ("missing-required-event-field", _del(f"{EVENT}.open_to_other"), "$.cases[3].events[1]"),
    ("wrong-enum-value-in-an-event", _set(f"{EVENT}.other_service", "police"),
     "$.cases[3].events[1].other_service"),
    ("extra-key-in-an-event", _set(f"{EVENT}.colour", "red"), "$.cases[3].events[1]"),
    ("wrong-type-in-an-event", _set(f"{EVENT}.open_to_other", "yes"),
     "$.cases[3].events[1].open_to_other"),
    ("number-for-a-service", _set(f"{EVENT}.service", 3), "$.cases[3].events[1].service"),
    ("event-that-is-not-an-object", _set(EVENT, "allocated"), "$.cases[3].events[1]"),
    ("bad-optional-date", _set("cases.1.events.9.for_date", "2026-13-01"),
     "$.cases[1].events[9].for_date"),
    ("wrong-care-status", _set("cases.0.young_person.care_status", "adopted"),
     "$.cases[0].young_person.care_status"),
    ("staff-name-not-a-string", _set("cases.0.staff.0.name", 7), "$.cases[0].staff[0].name"),
    ("empty-case-id", _set("cases.2.case_id", ""), "$.cases[2].case_id"),
    ("extra-top-level-key", _set("colour", 1), "$"),
    ("schema-version-2", _set("schema_version", 2), "$.schema_version"),
]  # fmt: skip


class TestWrongCaseloadsGiveOneErrorAtTheirPath:
    @pytest.mark.parametrize(
        ("change", "path"), [c[1:] for c in CASELOAD_WRONG], ids=[c[0] for c in CASELOAD_WRONG]
    )
    def test_one_error_at_the_path(self, change: Callable[..., None], path: str) -> None:
        document = changed(four_cases(), change)
        assert the_error(CASELOAD, document).json_path == path
        with pytest.raises(ValidationError):  # the loader refuses it too
            load_caseload(document)

    def test_the_bad_date_message_names_the_value(self) -> None:
        document = changed(four_cases(), _set(f"{EVENT}.on", "2026-02-30"))
        assert the_error(CASELOAD, document).message == "'2026-02-30' is not a 'date'"

    def test_a_case_document_too(self) -> None:
        document = {"schema_version": 1, **example_caseload()["cases"][3]}
        document["events"][1]["on"] = "2026-02-30"
        assert the_error(CASE, document).json_path == "$.events[1].on"

    def test_a_protocols_declared_event_type_too(self) -> None:
        document = json.loads((ELDBURY / "caseload.json").read_text(encoding="utf-8"))
        declared = set(ELDBURY_PROTOCOL.vocabulary.event_types)
        index, event = next(
            (i, e) for i, e in enumerate(document["cases"][0]["events"]) if e["type"] in declared
        )
        event["on"] = "2026-02-30"
        check = validator(caseload_json_schema(protocols=ELDBURY_PROTOCOL))
        assert the_error(check, document).json_path == f"$.cases[0].events[{index}].on"


@pytest.fixture
def results_head(results_document: dict[str, Any]) -> dict[str, Any]:
    """The results document with its first 40 results (the wrong ones are made from it)."""
    return {**results_document, "results": results_document["results"][:40]}


class TestWrongResultsDocumentsGiveOneErrorAtTheirPath:
    def test_an_unknown_status(self, results_head: dict[str, Any]) -> None:
        document = changed(results_head, _set("results.0.status", "late"))
        assert the_error(RESULTS, document).json_path == "$.results[0].status"

    def test_an_overdue_result_without_a_due_date(self, results_head: dict[str, Any]) -> None:
        index = next(i for i, r in enumerate(results_head["results"]) if r["status"] == "overdue")
        document = changed(results_head, _set(f"results.{index}.due", None))
        assert the_error(RESULTS, document).json_path == f"$.results[{index}].due"

    def test_an_impossible_as_of_date(self, results_head: dict[str, Any]) -> None:
        document = changed(results_head, _set("as_of", "2026-11-31"))
        assert the_error(RESULTS, document).json_path == "$.as_of"

    def test_an_iso_week_date_refused_by_the_schema_and_the_loader(
        self, results_head: dict[str, Any]
    ) -> None:
        index = next(i for i, r in enumerate(results_head["results"]) if r["due"] is not None)
        for key, path in [
            ("as_of", "$.as_of"),
            (f"results.{index}.due", f"$.results[{index}].due"),
        ]:
            document = changed(results_head, _set(key, "2026-W48-1"))
            assert the_error(RESULTS, document).json_path == path
            with pytest.raises(ValidationError, match=re.escape(f"@ {path}")):
                load_results(document)

    def test_a_count_missing(self, results_head: dict[str, Any]) -> None:
        document = changed(results_head, _del("counts.met"))
        assert the_error(RESULTS, document).json_path == "$.counts"

    def test_an_extra_key_in_a_result(self, results_head: dict[str, Any]) -> None:
        document = changed(results_head, _set("results.2.colour", "red"))
        assert the_error(RESULTS, document).json_path == "$.results[2]"


def protocol_312() -> dict[str, Any]:
    return bundled_protocol_file("salford-3.14.12.toml")


def _first(kind: str) -> int:
    return next(i for i, o in enumerate(protocol_312()["obligations"]) if o["due"]["kind"] == kind)


class TestWrongProtocolDocumentsGiveOneErrorAtTheirPath:
    def test_an_unknown_strength(self) -> None:
        document = changed(protocol_312(), _set("obligations.0.strength", "compulsory"))
        assert the_error(PROTOCOL, document).json_path == "$.obligations[0].strength"

    def test_a_due_rule_with_days_out_of_range(self) -> None:
        i = _first("working-days-after")
        document = changed(protocol_312(), _set(f"obligations.{i}.due.days", 0))
        assert the_error(PROTOCOL, document).json_path == f"$.obligations[{i}].due.days"

    def test_a_due_rule_with_a_key_of_another_kind(self) -> None:
        i = _first("working-days-after")
        document = changed(protocol_312(), _set(f"obligations.{i}.due.months", 3))
        assert the_error(PROTOCOL, document).json_path == f"$.obligations[{i}].due"

    def test_a_due_rule_of_an_unknown_kind(self) -> None:
        document = changed(protocol_312(), _set("obligations.0.due.kind", "fortnightly"))
        assert the_error(PROTOCOL, document).json_path == "$.obligations[0].due.kind"

    def test_an_impossible_version_date(self) -> None:
        document = protocol_312()
        document["versions"][0]["effective_from"] = "2019-02-29"
        assert the_error(PROTOCOL, document).json_path == "$.versions[0].effective_from"

    def test_a_sharing_declaration_with_an_extra_key(self) -> None:
        document = changed(protocol_312(), _set("sharing.0.colour", "red"))
        assert the_error(PROTOCOL, document).json_path == "$.sharing[0]"


OID = "3.14.12/2/meet-within-15-working-days"
PERIODIC = "3.14.12/3/quarterly-management-meeting"
ROTATING = "3.14.13/3/quarterly-middle-management-meeting"

#: (name, document, json_path under the published schema, json_path with the protocols)
LOCAL_WRONG: list[tuple[str, dict[str, Any], str, str]] = [
    ("negative-working-days", {"timescales": {OID: -1}},
     f"$.timescales['{OID}']", f"$.timescales['{OID}']"),
    ("days-as-a-string", {"timescales": {OID: "10"}},
     f"$.timescales['{OID}']", f"$.timescales['{OID}']"),
    ("two-units", {"timescales": {OID: {"working_days": 5, "months": 1}}},
     f"$.timescales['{OID}']", f"$.timescales['{OID}']"),
    ("zero-months", {"timescales": {OID: {"months": 0}}},
     f"$.timescales['{OID}'].months", f"$.timescales['{OID}'].months"),
    ("impossible-closure-day", {"extra_closures": ["2026-12-24", "2026-02-29"]},
     "$.extra_closures[1]", "$.extra_closures[1]"),
    ("unknown-key", {"colour": 1}, "$", "$"),
    ("schema-version-2", {"schema_version": 2}, "$.schema_version", "$.schema_version"),
    ("unknown-policy", {"policies": {PERIODIC: "monthly"}},
     f"$.policies['{PERIODIC}']", f"$.policies['{PERIODIC}']"),
    ("blank-contact", {"contacts": {"yos": "   "}}, "$.contacts.yos", "$.contacts.yos"),
    ("rung-days-zero", {"ladder_timescales": {"yos-next-steps-disputes":
                                              {"operational-managers": 0}}},
     "$.ladder_timescales['yos-next-steps-disputes']['operational-managers']",
     "$.ladder_timescales['yos-next-steps-disputes']['operational-managers']"),
    ("rotation-listing-a-service-twice", {"notes_rotation": {ROTATING: ["nps", "nps"]}},
     f"$.notes_rotation['{ROTATING}']", f"$.notes_rotation['{ROTATING}']"),
    ("closures-not-a-list", {"extra_closures": "2026-12-24"},
     "$.extra_closures", "$.extra_closures"),
    # an ISO week date: date.fromisoformat reads it, the loader (like the schema) does not
    ("week-date-closure", {"extra_closures": ["2026-W48-1"]},
     "$.extra_closures[0]", "$.extra_closures[0]"),
]  # fmt: skip

#: Wrong only against the protocols: (name, document, json_path).
LOCAL_WRONG_FOR_THE_PROTOCOLS: list[tuple[str, dict[str, Any], str]] = [
    ("unknown-obligation", {"timescales": {"3.14.12/2/typo": 10}}, "$.timescales"),
    ("a-periodic-obligation-in-timescales", {"timescales": {PERIODIC: 10}}, "$.timescales"),
    ("unknown-service", {"contacts": {"police": "duty desk"}}, "$.contacts"),
    ("unknown-rung", {"ladder_timescales": {"yos-next-steps-disputes": {"chief": 5}}},
     "$.ladder_timescales['yos-next-steps-disputes']"),
    ("undeclared-group", {"notes_rotation": {ROTATING: ["@police"]}},
     f"$.notes_rotation['{ROTATING}'][0]"),
    ("notes-that-do-not-rotate", {"notes_rotation": {PERIODIC: ["yos"]}}, "$.notes_rotation"),
]  # fmt: skip


class TestWrongLocalVariantsGiveOneErrorAtTheirPath:
    @pytest.mark.parametrize(
        ("document", "path", "exact_path"),
        [c[1:] for c in LOCAL_WRONG],
        ids=[c[0] for c in LOCAL_WRONG],
    )
    def test_under_both_schemas_and_refused_by_the_loader(
        self, document: dict[str, Any], path: str, exact_path: str
    ) -> None:
        assert the_error(LOCAL, document).json_path == path
        assert the_error(LOCAL_BUNDLED, document).json_path == exact_path
        with pytest.raises(ValidationError):
            load_local_variant(document, protocols=BUNDLED_PROTOCOLS)

    @pytest.mark.parametrize(
        ("document", "path"),
        [c[1:] for c in LOCAL_WRONG_FOR_THE_PROTOCOLS],
        ids=[c[0] for c in LOCAL_WRONG_FOR_THE_PROTOCOLS],
    )
    def test_against_the_protocols_as_the_loader(self, document: dict[str, Any], path: str) -> None:
        LOCAL.validate(document)  # the shape is right
        assert the_error(LOCAL_BUNDLED, document).json_path == path
        with pytest.raises(ValidationError):
            load_local_variant(document, protocols=BUNDLED_PROTOCOLS)

    def test_a_recurring_obligation_takes_months_only(self) -> None:
        oid = "eldbury/4.1/joint-plan-review-every-3-months"
        for value, path in [(10, f"$.timescales['{oid}']"), ({"months": 2}, None)]:
            document = {"timescales": {oid: value}}
            if path is None:
                LOCAL_ELDBURY.validate(document)
                load_local_variant(document, protocols=[ELDBURY_PROTOCOL])
            else:
                assert the_error(LOCAL_ELDBURY, document).json_path == path
                with pytest.raises(ValidationError):
                    load_local_variant(document, protocols=[ELDBURY_PROTOCOL])


#: Documents the loader reads (for the bundled protocols).
LOCAL_VALID: list[dict[str, Any]] = [
    {},
    {"schema_version": 1},
    {
        "schema_version": 1,
        "timescales": {"3.14.12/2/joint-meeting-with-young-person": 10, OID: {"working_days": 0},
                       "3.14.13/charged/legal-representation": {"months": 1}},
        "extra_closures": ["2026-12-24"],
        "policies": {PERIODIC: "at-most-n-months-since-last",
                     "3.14.12/4/twice-yearly-quality-assurance": "per-calendar-period"},
        "contacts": {"next-step": "Next Step SPOC (duty inbox)"},
        "ladder_timescales": {"yos-next-steps-disputes": {"operational-managers": 10}},
        "notes_rotation": {ROTATING: ["@probation", "next-step"]},
    },
]  # fmt: skip


class TestTheLocalVariantSchemaAgreesWithTheLoader:
    @pytest.mark.parametrize("document", LOCAL_VALID, ids=["empty", "version", "every-key"])
    def test_what_the_loader_reads_validates(self, document: dict[str, Any]) -> None:
        load_local_variant(document, protocols=BUNDLED_PROTOCOLS)
        LOCAL.validate(document)
        LOCAL_BUNDLED.validate(document)

    def test_the_eldbury_local_variant_loads_and_validates(self) -> None:
        text = (ELDBURY / "local.json").read_text(encoding="utf-8")
        load_local_variant(text, protocols=[ELDBURY_PROTOCOL])
        LOCAL_ELDBURY.validate(json.loads(text))


#: Values a local variant's entries may be given: right and wrong, at the bounds.
_VALUES = st.sampled_from(
    [0, 1, 10, 3650, 3651, -1, True, None, "10", "", "  ", "duty inbox", "x" * 201,
     "at-most-n-months-since-last", "per-calendar-period", "monthly",
     {"working_days": 5}, {"months": 1}, {"months": 0}, {"months": 1201}, {"weeks": 2}, {},
     {"working_days": 1, "months": 1}, ["nps"], ["@probation", "next-step"], ["nps", "nps"],
     ["@police"], [], ["yos"], {"operational-managers": 10}, {"operational-managers": 0},
     {"chief": 5}, "2026-12-24", "2026-02-29", "2026-W48-1"]
)  # fmt: skip
_NAMES = st.sampled_from(
    [OID, PERIODIC, ROTATING, "3.14.13/charged/legal-representation", "3.14.12/2/typo",
     "yos", "next-step", "police", "yos-next-steps-disputes", "probation-next-step-disagreements",
     "3.14.12/4/twice-yearly-quality-assurance"]
)  # fmt: skip
_SECTIONS = st.sampled_from(
    ["timescales", "policies", "contacts", "ladder_timescales", "notes_rotation"]
)


@st.composite
def local_variants(draw: st.DrawFn) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for section in draw(st.lists(_SECTIONS, max_size=3, unique=True)):
        document[section] = draw(st.dictionaries(_NAMES, _VALUES, max_size=3))
    if draw(st.booleans()):
        document["extra_closures"] = draw(st.lists(_VALUES, max_size=2))
    if draw(st.booleans()):
        document["schema_version"] = draw(st.sampled_from([1, 2, True, "1"]))
    return document


class TestTheLoaderAndTheExactSchemaAgreeOnAnyDocument:
    @settings(max_examples=max(50, settings.default.max_examples // 2))
    @given(document=local_variants())
    def test_the_schema_accepts_exactly_what_the_loader_reads(
        self, document: dict[str, Any]
    ) -> None:
        try:
            load_local_variant(document, protocols=BUNDLED_PROTOCOLS)
            loaded = True
        except ValidationError:
            loaded = False
        assert LOCAL_BUNDLED.is_valid(document) == loaded
        if loaded:  # and the published (shape-only) schema accepts it too
            assert LOCAL.is_valid(document)
