"""The JSON Schema of the protocol document format, and its agreement with the loader."""

from __future__ import annotations

import copy
import json
import random
import tomllib
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from care_justice_protocol import (
    ALL_PROTOCOLS,
    BUNDLED_PROTOCOLS,
    ProtocolFileError,
    load_protocol,
    parse_protocol,
    protocol_json_schema,
    protocol_to_document,
)
from care_justice_protocol.io import BUNDLED_PROTOCOL_FILES
from care_justice_protocol.io import protocol_json_schema as from_io
from tests.test_fuzz import Mutator

DATA = Path(__file__).parent / "data" / "protocols"
PACKAGE_DATA = "care_justice_protocol.io.data.protocols"
ANYTOWN = load_protocol(DATA / "anytown.toml")
SCHEMA = Draft202012Validator(
    protocol_json_schema(), format_checker=Draft202012Validator.FORMAT_CHECKER
)


def as_json(document: Any) -> Any:
    """The JSON form of a document: dates as ``YYYY-MM-DD`` strings."""
    return json.loads(json.dumps(document, default=date.isoformat))


def documents() -> dict[str, Any]:
    protocols = {**ALL_PROTOCOLS, ANYTOWN.id: ANYTOWN}
    return {pid: as_json(protocol_to_document(p)) for pid, p in protocols.items()}


def problems(document: Any) -> list[str]:
    return [f"{error.message} @ {error.json_path}" for error in SCHEMA.iter_errors(document)]


def loader_accepts(document: Any) -> bool:
    try:
        parse_protocol(document)
    except ProtocolFileError:
        return False
    return True


class TestTheSchema:
    def test_is_a_valid_draft_2020_12_schema_exported_from_io_and_the_root(self) -> None:
        schema = protocol_json_schema()
        Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema == from_io()
        assert schema is not protocol_json_schema()  # a new dict each call

    def test_the_top_level_keys_are_the_loader_s(self) -> None:
        schema = protocol_json_schema()
        assert list(schema["properties"]) == [
            "format_version",
            "protocol",
            "versions",
            "vocabulary",
            "joint_case",
            "obligations",
            "partnership",
            "ladders",
            "complaints",
            "sharing",
            "conditions",
            "not_encoded",
        ]
        assert schema["additionalProperties"] is False
        assert schema["properties"]["format_version"] == {"const": 1}

    @pytest.mark.parametrize("pid", ["3.14.12", "3.14.13", "anytown"])
    def test_the_bundled_and_test_protocol_documents_validate(self, pid: str) -> None:
        assert problems(documents()[pid]) == []

    def test_every_due_rule_the_loader_reads_validates(self) -> None:
        rules = [
            {"kind": "none"}, {"kind": "on-the-day"}, {"kind": "by-the-day"},
            {"kind": "working-days-after", "days": 15},
            {"kind": "calendar-days-after", "days": 7},
            {"kind": "months-after", "months": 6},
            {"kind": "recurring", "months": 6, "reading": "at-most-n-months-since-last"},
            {"kind": "before", "event": {"type": "court-hearing"}},
        ]  # fmt: skip
        for rule in rules:
            document = copy.deepcopy(documents()["3.14.12"])
            document["obligations"][1]["due"] = rule
            assert loader_accepts(document), rule
            assert problems(document) == [], rule

    @pytest.mark.parametrize("protocol", BUNDLED_PROTOCOLS, ids=lambda p: p.id)
    def test_the_bundled_files_read_as_toml_validate_once_dates_are_strings(
        self, protocol: Any
    ) -> None:
        name = BUNDLED_PROTOCOL_FILES[protocol.id]
        text = resources.files(PACKAGE_DATA).joinpath(name).read_text(encoding="utf-8")
        assert problems(as_json(tomllib.loads(text))) == []


def _broken(pid: str, change: Any) -> Any:
    document = copy.deepcopy(documents()[pid])
    change(document)
    return document


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(document: Any) -> None:
        for step in path[:-1]:
            document = document[step]
        document[path[-1]] = value

    return change


def _drop(path: tuple[Any, ...]) -> Any:
    def change(document: Any) -> None:
        for step in path[:-1]:
            document = document[step]
        del document[path[-1]]

    return change


BROKEN = {
    "no format_version": ("3.14.12", _drop(("format_version",))),
    "format_version 2": ("3.14.12", _set(("format_version",), 2)),
    "an unknown top-level key": ("3.14.12", _set(("ladder",), [])),
    "no versions": ("3.14.12", _set(("versions",), [])),
    "a date that is not YYYY-MM-DD": (
        "3.14.13",
        _set(("versions", 0, "effective_from"), "18/3/19"),
    ),
    "a service id with capitals": (
        "3.14.12",
        _set(("vocabulary", "services", "YOS"), {"label": "x"}),
    ),
    "a due rule without its days": (
        "3.14.12",
        _set(("obligations", 1, "due"), {"kind": "working-days-after"}),
    ),
    "an unknown due rule": ("3.14.12", _set(("obligations", 1, "due"), {"kind": "fortnightly"})),
    "days of a due rule it does not take": (
        "3.14.12",
        _set(("obligations", 1, "due"), {"kind": "none", "days": 3}),
    ),
    "an obligation without evidence": ("3.14.12", _drop(("obligations", 1, "evidence"))),
    "applies_if patterns with no name": (
        "3.14.12",
        _set(("obligations", 1, "applies_if"), [{"type": "allocated"}]),
    ),
    "a rung without its quote": ("3.14.12", _drop(("ladders", 0, "rungs", 0, "quote"))),
    "a rung timescale of 0 days": ("anytown", _set(("ladders", 0, "rungs", 2, "working_days"), 0)),
    "a ladder without rungs": ("3.14.12", _set(("ladders", 0, "rungs"), [])),
    "a complaint route with an unknown key": ("3.14.13", _set(("complaints", 0, "timescale"), 5)),
    "a sharing rule both required and allowed": (
        "3.14.13",
        _set(("sharing", 0, "allowed_between"), ["next-step", "nps"]),
    ),
    "a rotation name without a rotation": (
        "3.14.12",
        _set(("partnership", 0, "notes_rotation_name"), "in turn"),
    ),
    # each of these four crashed the loader with a TypeError (an unhashable value looked up)
    "a list where a sharing rule's obligation id goes": (
        "3.14.13",
        _set(("sharing", 5, "under"), []),
    ),
    "a list where a superseded version's id goes": (
        "3.14.13",
        _set(("versions", 1, "supersedes"), []),
    ),
    "a list among an obligation's versions": (
        "3.14.13",
        _set(("obligations", 0, "versions"), [[1]]),
    ),
    "a table where a successor goes": (
        "3.14.13",
        _set(("vocabulary", "services", "nps", "successor"), {}),
    ),
    "a pattern value that is a number": (
        "3.14.12",
        _set(("obligations", 1, "trigger", "where", "service"), 7),
    ),
}


class TestBrokenDocuments:
    @pytest.mark.parametrize("name", list(BROKEN))
    def test_fail_the_schema_and_the_loader(self, name: str) -> None:
        pid, change = BROKEN[name]
        document = _broken(pid, change)
        assert problems(document) != [], name
        assert not loader_accepts(document), name


class TestAgreementWithTheLoader:
    @pytest.mark.parametrize("pid", ["3.14.12", "3.14.13", "anytown"])
    def test_every_mutated_document_the_loader_accepts_validates(self, pid: str) -> None:
        # the schema says less than the loader (no references), never more: a document the
        # loader accepts must validate
        mutator = Mutator(random.Random(f"protocol-schema-{pid}"))
        base = documents()[pid]
        accepted = 0
        for _ in range(300):
            document = mutator.mutate(base)
            try:
                ok = loader_accepts(document)
            except (RecursionError, ValueError, TypeError):  # pragma: no cover - the fuzz test's
                continue
            if ok:
                accepted += 1
                assert problems(document) == [], document
        assert accepted > 0
