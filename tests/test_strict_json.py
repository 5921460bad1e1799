"""The one strict JSON reader (``care_justice_protocol._strict_json``) and bounded files."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    InputFileError,
    StrictJSONError,
    ValidationError,
    load_case,
    load_caseload,
    load_local_variant,
    read_caseload,
    strict_json_loads,
)
from care_justice_protocol.io._files import read_bytes

CASELOAD = Path(__file__).parent / "data" / "caseload.json"


class TestStrictJsonLoads:
    def test_a_key_given_twice_is_refused_with_its_path(self) -> None:
        with pytest.raises(StrictJSONError) as info:
            strict_json_loads('{"a": [{"x": {"k": 1, "k": 2}}]}')
        assert info.value.errors == ("the key 'k' is given more than once @ $.a[0].x",)

    def test_every_repeated_key_is_listed_in_document_order(self) -> None:
        text = '{"s": 2, "s": 1, "cases": [{"id": 1}, {"d": 1, "d": 2, "d": 3}]}'
        with pytest.raises(StrictJSONError) as info:
            strict_json_loads(text)
        assert info.value.errors == (
            "the key 's' is given more than once @ $",
            "the key 'd' is given more than once @ $.cases[1]",
        )

    def test_a_long_or_odd_key_is_cut_and_quoted(self) -> None:
        key = "k" * 1000
        with pytest.raises(StrictJSONError) as info:
            strict_json_loads(json.dumps({"a b": {key: 1}}).replace("}}", f', "{key}": 2}}}}'))
        (line,) = info.value.errors
        assert line.endswith('@ $["a b"]')
        assert len(line) < 200  # 80 characters of the key at most

    @pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
    def test_nan_and_infinity_are_refused(self, constant: str) -> None:
        with pytest.raises(StrictJSONError, match=f"{constant} is not a JSON number @ \\$"):
            strict_json_loads(f'{{"a": [{constant}]}}')

    def test_the_size_bound_is_in_utf8_bytes(self) -> None:
        text = '"' + "§" * 4 + '"'  # 6 characters, 10 bytes
        assert strict_json_loads(text, max_bytes=10) == "§§§§"
        with pytest.raises(StrictJSONError, match="more than 9 bytes"):
            strict_json_loads(text, max_bytes=9)
        with pytest.raises(StrictJSONError, match="more than 9 bytes"):
            strict_json_loads(text.encode(), max_bytes=9)

    @pytest.mark.parametrize(
        ("data", "needle"),
        [(b"\xff", "not UTF-8"), ("[" * 100_000, "nested too deeply"), ("{", "line 1")],
    )
    def test_malformed_text_is_one_line(self, data: str | bytes, needle: str) -> None:
        with pytest.raises(StrictJSONError) as info:
            strict_json_loads(data)
        (line,) = info.value.errors
        assert needle in line
        assert line.endswith(" @ $")

    def test_many_problems_are_capped_then_counted(self) -> None:
        text = "[" + ",".join('{"a": 1, "a": 2}' for _ in range(60)) + "]"
        with pytest.raises(StrictJSONError) as info:
            strict_json_loads(text)
        assert len(info.value.errors) == 51
        assert info.value.errors[-1] == "... and 10 more problems"

    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False,
        allow_infinity=False) | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=20,
    )  # fmt: skip

    @given(json_values)
    def test_valid_json_reads_as_the_standard_library_reads_it(self, value: object) -> None:
        text = json.dumps(value)
        assert strict_json_loads(text) == json.loads(text)


class TestEveryLoaderUsesIt:
    DUPLICATE = '{"schema_version": 1, "cases": [], "cases": []}'

    def test_a_second_cases_key_is_refused_not_last_wins(self) -> None:
        with pytest.raises(ValidationError) as info:
            load_caseload(self.DUPLICATE)
        assert info.value.errors == ("the key 'cases' is given more than once @ $",)

    def test_a_second_schema_version_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="'schema_version' is given more than once"):
            load_caseload('{"schema_version": 2, "schema_version": 1, "cases": []}')

    def test_a_second_date_of_birth_is_refused_without_either_value(self) -> None:
        doc = json.loads(CASELOAD.read_text())
        text = json.dumps(doc).replace(
            '"date_of_birth": "2008-02-29"', '"date_of_birth": "2008-02-29", '
            '"date_of_birth": "2009-01-01"', 1,
        )  # fmt: skip
        with pytest.raises(ValidationError) as info:
            load_caseload(text)
        assert info.value.errors == (
            "the key 'date_of_birth' is given more than once @ $.cases[0].young_person",
        )
        assert "2008" not in str(info.value)
        assert "2009" not in str(info.value)

    def test_a_single_case_document(self) -> None:
        with pytest.raises(ValidationError, match="'case_id' is given more than once @ \\$"):
            load_case('{"schema_version": 1, "case_id": "a", "case_id": "b"}')

    def test_a_local_variant(self) -> None:
        with pytest.raises(ValidationError, match="'timescales' is given more than once"):
            load_local_variant('{"timescales": {}, "timescales": {}}',
                               protocols=BUNDLED_PROTOCOLS)  # fmt: skip

    def test_nan_in_a_caseload_is_refused(self) -> None:
        with pytest.raises(ValidationError, match="NaN is not a JSON number"):
            load_caseload('{"schema_version": NaN, "cases": []}')

    def test_the_size_bound_is_a_loader_argument(self) -> None:
        text = CASELOAD.read_text()
        with pytest.raises(ValidationError, match="document too large"):
            load_caseload(text, max_bytes=100)


class TestBoundedFiles:
    def test_a_file_over_the_bound_is_refused_after_reading_one_byte_more(
        self, tmp_path: Path
    ) -> None:
        path = tmp_path / "big.json"
        path.write_bytes(b" " * 101)
        assert read_bytes(path, max_bytes=101) == b" " * 101
        with pytest.raises(InputFileError, match="file too large: more than 100 bytes"):
            read_bytes(path, max_bytes=100)
        with pytest.raises(InputFileError, match="more than 100 bytes"):
            read_caseload(path, max_bytes=100)

    @pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
    def test_an_endless_device_is_refused_at_the_bound(self) -> None:
        with pytest.raises(InputFileError, match="more than 1000 bytes: '/dev/zero'"):
            read_bytes("/dev/zero", max_bytes=1000)

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
    def test_a_fifo_nobody_writes_to_times_out(self, tmp_path: Path) -> None:
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        with pytest.raises(InputFileError, match=r"no end of data within 0\.2 seconds"):
            read_bytes(fifo, timeout=0.2)

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
    def test_a_fifo_is_read_to_its_end(self, tmp_path: Path) -> None:
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        content = CASELOAD.read_bytes()

        def write() -> None:
            with open(fifo, "wb") as handle:
                handle.write(content)

        writer = threading.Thread(target=write)
        writer.start()
        try:
            assert read_bytes(fifo, timeout=10) == content
        finally:
            writer.join(timeout=10)

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs")
    def test_an_endless_fifo_is_refused_at_the_bound(self, tmp_path: Path) -> None:
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        stop = threading.Event()

        def write() -> None:
            fd = os.open(fifo, os.O_WRONLY)
            try:
                while not stop.is_set():
                    os.write(fd, b" " * 4096)
            except BrokenPipeError:
                pass
            finally:
                os.close(fd)

        writer = threading.Thread(target=write, daemon=True)
        writer.start()
        try:
            with pytest.raises(InputFileError, match="more than 10000 bytes"):
                read_bytes(fifo, max_bytes=10_000, timeout=10)
        finally:
            stop.set()
            writer.join(timeout=10)

    def test_a_directory_is_refused(self, tmp_path: Path) -> None:
        with pytest.raises(InputFileError, match="is a directory"):
            read_bytes(tmp_path)
