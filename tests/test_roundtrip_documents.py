"""Nothing lost: whole documents round-trip, future versions are refused, input is not written."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given

from care_justice_protocol import (
    Caseload,
    ValidationError,
    dump_case,
    dump_caseload,
    dumps_case,
    dumps_caseload,
    load_case,
    load_caseload,
)
from care_justice_protocol.cli import main
from tests.strategies import caseloads

DATA = Path(__file__).parent / "data"


class TestWholeDocumentRoundTrip:
    def test_the_sample_caseload_document_is_unchanged_by_load_and_dump(self) -> None:
        document = json.loads((DATA / "caseload.json").read_text())
        caseload = load_caseload(json.dumps(document))
        assert load_caseload(dumps_caseload(caseload)) == caseload
        assert dump_caseload(load_caseload(dump_caseload(caseload))) == dump_caseload(caseload)

    def test_the_sample_case_document_round_trips(self) -> None:
        case = load_case((DATA / "case.json").read_bytes())
        assert load_case(dumps_case(case)) == case
        assert dump_case(load_case(dump_case(case))) == dump_case(case)

    @given(caseloads())
    def test_generated_caseloads_round_trip(self, caseload: Caseload) -> None:
        text = dumps_caseload(caseload)
        again = load_caseload(text)
        assert again == caseload
        assert dumps_caseload(again) == text

    @given(caseloads())
    def test_generated_caseloads_round_trip_through_indented_bytes(
        self, caseload: Caseload
    ) -> None:
        data = dumps_caseload(caseload, indent=2).encode("utf-8")
        assert load_caseload(data) == caseload


class TestFutureSchemaVersions:
    @pytest.mark.parametrize("version", [2, 3, 0, "1", 1.0, None])
    def test_an_unsupported_schema_version_is_refused_clearly(self, version: object) -> None:
        document = json.loads((DATA / "caseload.json").read_text())
        document["schema_version"] = version
        with pytest.raises(ValidationError) as caught:
            load_caseload(json.dumps(document))
        assert "schema_version" in str(caught.value)
        if version == 2:
            assert "unsupported schema_version 2" in str(caught.value)

    def test_a_version_2_case_document_is_refused(self) -> None:
        document = json.loads((DATA / "case.json").read_text())
        document["schema_version"] = 2
        with pytest.raises(ValidationError, match="schema_version"):
            load_case(json.dumps(document))


class TestTheCliDoesNotWriteItsInput:
    @pytest.mark.parametrize("fmt", ["json", "csv", "table"])
    def test_mtime_and_bytes_unchanged(
        self, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "caseload.json"
        path.write_bytes((DATA / "caseload.json").read_bytes())
        os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
        before = (path.read_bytes(), path.stat().st_mtime_ns)
        assert main(["check", str(path), "--as-of", "2027-01-04", "--format", fmt]) in {0, 1}
        capsys.readouterr()
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before

    def test_an_invalid_input_is_not_rewritten_either(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "caseload.json"
        path.write_bytes(b'{"schema_version": 2, "cases": []}')
        before = (path.read_bytes(), path.stat().st_mtime_ns)
        assert main(["check", str(path), "--as-of", "2027-01-04"]) == 2
        assert "schema_version" in capsys.readouterr().err
        assert (path.read_bytes(), path.stat().st_mtime_ns) == before
