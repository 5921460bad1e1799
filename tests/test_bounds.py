"""Bounds on what a document may hold: cases, events, problems listed, characters quoted;
a caseload read one case at a time gives what reading it whole gives."""

from __future__ import annotations

import copy
import json
import resource
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from care_justice_protocol import (
    MAX_CASES,
    MAX_ECHOED_CHARS,
    MAX_EVENTS_PER_CASE,
    MAX_PROBLEMS,
    InvalidArgumentError,
    ValidationError,
    dumps_caseload,
    load_case,
    load_caseload,
    read_caseload,
)
from care_justice_protocol._strict_json import cap_problems, strict_json_stream
from care_justice_protocol.cli import main
from care_justice_protocol.io._json import _streamed_caseload
from tests.strategies import caseloads

DATA = Path(__file__).parent / "data"


def caseload_doc() -> dict[str, Any]:
    return json.loads((DATA / "caseload.json").read_text())


def empties(count: int, inside: str = "cases") -> str:
    items = ",".join(["{}"] * count)
    if inside == "cases":
        return '{"schema_version": 1, "cases": [' + items + "]}"
    return '{"schema_version": 1, "cases": [{"case_id": "C-1", "events": [' + items + "]}]}"


class TestDefaults:
    def test_are_the_documented_numbers(self) -> None:
        assert (MAX_CASES, MAX_EVENTS_PER_CASE, MAX_PROBLEMS, MAX_ECHOED_CHARS) == (
            100_000,
            10_000,
            50,
            80,
        )

    @pytest.mark.parametrize("bound", ["max_cases", "max_events", "max_problems"])
    def test_a_bound_must_be_a_whole_number(self, bound: str) -> None:
        with pytest.raises(InvalidArgumentError):
            load_caseload("{}", **{bound: -1})


class TestCounts:
    def test_more_cases_than_allowed_are_refused_on_their_count(self) -> None:
        doc = caseload_doc()
        with pytest.raises(ValidationError) as caught:
            load_caseload(json.dumps(doc), max_cases=1)
        assert "too many cases: 2, at most 1 allowed @ $.cases" in caught.value.errors
        assert len(load_caseload(json.dumps(doc), max_cases=2).cases) == 2  # on the bound

    def test_more_events_than_allowed_in_one_case(self) -> None:
        doc = caseload_doc()
        events = len(doc["cases"][1]["events"])
        with pytest.raises(ValidationError) as caught:
            load_caseload(json.dumps(doc), max_events=events - 1)
        assert (
            f"too many events: {events}, at most {events - 1} allowed @ $.cases[1].events"
            in caught.value.errors
        )
        load_caseload(json.dumps(doc), max_events=max(len(c["events"]) for c in doc["cases"]))

    def test_a_single_case_document(self) -> None:
        text = (DATA / "case.json").read_text()
        with pytest.raises(
            ValidationError, match=r"too many events: \d+, at most 0 .* @ \$\.events"
        ):
            load_case(text, max_events=0)

    def test_the_partnership_lists_are_bounded_like_the_cases(self) -> None:
        doc = {"schema_version": 1, "management_meetings": [{}, {}]}
        with pytest.raises(ValidationError, match="too many management meetings: 2, at most 1"):
            load_caseload(json.dumps(doc), max_cases=1)

    def test_a_mapping_is_counted_too(self) -> None:
        with pytest.raises(ValidationError, match="too many cases: 3"):
            load_caseload({"schema_version": 1, "cases": [{}, {}, {}]}, max_cases=2)


class TestHostileDocuments:
    """A few megabytes that once took gigabytes: refused in well under a second."""

    @pytest.mark.parametrize("inside", ["cases", "events"])
    def test_a_million_empty_items_is_refused_quickly(self, inside: str) -> None:
        text = empties(1_000_000, inside)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        with pytest.raises(ValidationError) as caught:
            load_caseload(text)
        seconds = time.perf_counter() - start
        grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
        (line,) = caught.value.errors
        assert line.startswith(f"too many {inside}: 1000000, at most ")
        assert seconds < 5
        assert grown_mb < 400  # the parsed document, not gigabytes


class TestProblems:
    def test_the_structuring_path_keeps_the_first_fifty_and_counts_the_rest(self) -> None:
        with pytest.raises(ValidationError) as caught:
            load_caseload(empties(300))
        errors = caught.value.errors
        # each empty case: case_id and young_person missing = 600 problems
        assert len(errors) == MAX_PROBLEMS + 1
        assert errors[0] == "required field missing @ $.cases[0].case_id"
        assert errors[-1] == f"... and {600 - MAX_PROBLEMS} more problems"

    def test_the_bound_is_a_loader_argument(self) -> None:
        with pytest.raises(ValidationError) as caught:
            load_caseload(empties(10), max_problems=3)
        assert caught.value.errors[3] == "... and 17 more problems"

    def test_nested_lists_are_counted_exactly(self) -> None:
        doc = caseload_doc()
        doc["cases"][0]["events"] = [{"type": "charged"}] * 80  # on, recorded_by missing
        with pytest.raises(ValidationError) as caught:
            load_caseload(json.dumps(doc))
        assert caught.value.errors[-1] == f"... and {160 - MAX_PROBLEMS} more problems"

    def test_cap_problems(self) -> None:
        assert cap_problems(["a"] * 3, limit=3) == ["a"] * 3
        assert cap_problems(["a"] * 4, limit=3) == ["a"] * 3 + ["... and 1 more problem"]


class TestEchoedFragments:
    def test_a_megabyte_key_is_quoted_cut_to_the_bound(self) -> None:
        key = "k" * 1_000_000
        doc = caseload_doc()
        doc["cases"][0][key] = 1
        with pytest.raises(ValidationError) as caught:
            load_caseload(json.dumps(doc))
        (line,) = caught.value.errors
        assert len(line) < 600
        assert "'" + "k" * (MAX_ECHOED_CHARS - 3) + "...'" in line

    def test_many_unknown_keys_are_listed_ten_then_counted(self) -> None:
        doc = caseload_doc()
        doc["cases"][0].update({f"x{n:03d}": 1 for n in range(25)})
        with pytest.raises(ValidationError, match=r"'x009' and 15 more\); allowed"):
            load_caseload(json.dumps(doc))

    def test_a_value_is_quoted_cut_to_the_bound_given(self) -> None:
        doc = caseload_doc()
        doc["cases"][0]["events"][0]["type"] = "t" * 500
        with pytest.raises(ValidationError) as caught:
            load_caseload(json.dumps(doc), max_echoed_chars=20)
        assert "'" + "t" * 17 + "...'" in str(caught.value)
        assert "t" * 18 not in str(caught.value)


class TestReadingOneCaseAtATime:
    def test_the_stream_hands_each_item_over_and_keeps_what_it_returns(self) -> None:
        got = strict_json_stream(' {"a": [1], "cases": [ {"x": 1} , {"x": 2} ] } ', "cases",
                                 lambda i, v: (i, v["x"]))  # fmt: skip
        assert got == {"a": [1], "cases": [(0, 1), (1, 2)]}

    @pytest.mark.parametrize(
        "text",
        [
            '{"cases": [{}], "cases": []}',
            '{"cases": [{"a": 1, "a": 2}]}',
            '{"cases": [NaN]}',
            '{"cases": [1,]}',
            '{"cases": [1] ',
            '{"cases": [1]} x',
            "[]",
            "\ufeff{}",
            '{"cases": [' * 5000,
        ],
    )
    def test_leaves_anything_unusual_to_the_whole_reading(self, text: str) -> None:
        assert strict_json_stream(text, "cases", lambda i, v: v) is None

    @settings(max_examples=60)  # generated caseloads are slow to draw; 60 cover the shapes
    @given(caseloads(), st.sampled_from([0, 2, None]))
    def test_gives_what_reading_the_whole_document_gives(self, caseload: Any, indent: Any) -> None:
        text = dumps_caseload(caseload, indent=indent)
        streamed = _streamed_caseload(text, None, _default_bounds())
        assert streamed == caseload
        assert load_caseload(text) == load_caseload(json.loads(text)) == caseload

    def test_a_problem_in_one_case_is_reported_by_the_whole_reading(self) -> None:
        doc = caseload_doc()
        doc["cases"][1]["events"][0]["on"] = "2026-02-30"
        text = json.dumps(doc)
        assert _streamed_caseload(text, None, _default_bounds()) is None
        with pytest.raises(ValidationError, match=r"not a valid date .* @ \$\.cases\[1\]"):
            load_caseload(text)

    def test_a_repeated_case_id_is_reported_by_the_whole_reading(self) -> None:
        doc = caseload_doc()
        doc["cases"].append(copy.deepcopy(doc["cases"][0]))
        with pytest.raises(ValidationError, match=r"duplicate case_id .* @ \$\.cases\[2\]"):
            load_caseload(json.dumps(doc))

    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-32"])
    def test_bytes_in_any_encoding_json_reads(self, encoding: str) -> None:
        text = (DATA / "caseload.json").read_text()
        assert load_caseload(text.encode(encoding)) == load_caseload(text)


class TestCommandLine:
    def test_the_bounds_are_options(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "caseload.json"
        path.write_text((DATA / "caseload.json").read_text())
        assert main(["check", str(path), "--as-of", "2027-01-04", "--max-cases", "1"]) == 2
        assert "too many cases: 2, at most 1 allowed @ $.cases" in capsys.readouterr().err
        assert main(["check", str(path), "--as-of", "2027-01-04", "--max-bytes", "10"]) == 2
        assert "file too large" in capsys.readouterr().err
        assert main(["check", str(path), "--max-events", "x"]) == 2
        assert "not a whole number" in capsys.readouterr().err
        assert read_caseload(path, max_cases=2).cases


def _default_bounds() -> Any:
    from care_justice_protocol.io._json import _DEFAULT_BOUNDS

    return _DEFAULT_BOUNDS
