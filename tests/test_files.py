"""Reading documents from files (care_justice_protocol.io): the only place that opens one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    CareJusticeError,
    LocalVariant,
    ValidationError,
    dumps_case,
    dumps_caseload,
    example_caseload,
)
from care_justice_protocol.io import InputFileError, read_case, read_caseload, read_local_variant

DATA = Path(__file__).parent / "data"


class TestReaders:
    def test_a_file_and_its_bytes_give_the_same_caseload(self, tmp_path: Path) -> None:
        caseload = example_caseload()
        path = tmp_path / "caseload.json"
        path.write_text(dumps_caseload(caseload))
        assert read_caseload(path) == caseload
        assert read_caseload(str(path)) == caseload  # a str path too

    def test_a_single_case_file(self, tmp_path: Path) -> None:
        case = example_caseload().cases[0]
        path = tmp_path / "case.json"
        path.write_text(dumps_case(case))
        assert read_case(path) == case

    def test_a_local_variant_file(self, tmp_path: Path) -> None:
        path = tmp_path / "local.json"
        path.write_text('{"schema_version": 1, "extra_closures": ["2026-12-24"]}')
        variant = read_local_variant(path, protocols=BUNDLED_PROTOCOLS)
        assert isinstance(variant, LocalVariant)
        # 24 Dec 2026 is a Thursday: a working day unless the council closes
        assert variant.calendar().closure_reason(date(2026, 12, 24))

    def test_an_invalid_document_in_a_file_lists_its_problems(self, tmp_path: Path) -> None:
        path = tmp_path / "bad.json"
        path.write_text('{"schema_version": 1, "cases": [{"case_id": ""}]}')
        with pytest.raises(ValidationError) as info:
            read_caseload(path)
        assert "@ $.cases[0]" in str(info.value)


class TestUnreadableFiles:
    def test_a_missing_file_names_the_path(self, tmp_path: Path) -> None:
        missing = tmp_path / "nope.json"
        with pytest.raises(InputFileError) as info:
            read_caseload(missing)
        assert str(info.value) == f"no such file: {str(missing)!r}"
        assert info.value.path == str(missing)
        assert isinstance(info.value, CareJusticeError)
        assert isinstance(info.value, OSError)

    def test_a_directory_is_not_a_file(self, tmp_path: Path) -> None:
        with pytest.raises(InputFileError, match="is a directory, not a file"):
            read_caseload(tmp_path)
