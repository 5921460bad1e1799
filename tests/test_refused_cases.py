"""One bad case never hides the others: a case whose evaluation fails is refused, by id
and path, and every other case is still evaluated (``evaluate_caseload``, ``cjp``)."""

from __future__ import annotations

import json
import warnings
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    CareJusticeWarning,
    Caseload,
    RefusedCase,
    dump_caseload,
    evaluate_caseload,
    example_caseload,
    load_caseload,
)
from care_justice_protocol._errors import DateOutOfRangeError
from care_justice_protocol.calendar import WorkingCalendar
from care_justice_protocol.cli import main
from care_justice_protocol.compliance._partnership import _refusal

AS_OF = date(2026, 11, 25)


def with_event_dated(on: str, case: int = 3, event: int = 0) -> dict[str, Any]:
    doc = dump_caseload(example_caseload())
    doc["cases"][case]["events"][event]["on"] = on
    return doc


def load(doc: dict[str, Any]) -> Caseload:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CareJusticeWarning)  # C-0015's known CRC warning
        return load_caseload(doc)


class TestEvaluateCaseload:
    def test_the_loaders_accept_a_date_in_1026(self) -> None:
        # a valid ISO date: the calendar, not the document format, cannot go there
        assert load(with_event_dated("1026-03-02")).cases[3].events[0].on == date(1026, 3, 2)

    def test_an_event_in_1026_refuses_that_case_only(self) -> None:
        caseload = load(with_event_dated("1026-03-02"))
        report = evaluate_caseload(caseload, AS_OF, protocol=BUNDLED_PROTOCOLS)
        bad = caseload.cases[3].case_id
        assert report.refused == (
            RefusedCase(
                bad,
                "$.cases[3].events[0].on",
                "an event on 1026-03-02 is outside the years the calendar knows (1872-2100)",
            ),
        )
        assert bad not in {r.case_id for r in report.results}

    def test_every_other_case_gets_the_results_it_gets_alone(self) -> None:
        caseload = load(with_event_dated("1026-03-02"))
        report = evaluate_caseload(caseload, AS_OF, protocol=BUNDLED_PROTOCOLS)
        others = attrs.evolve(caseload, cases=caseload.cases[:3] + caseload.cases[4:])
        expected = evaluate_caseload(others, AS_OF, protocol=BUNDLED_PROTOCOLS)
        assert report.results == expected.results
        assert expected.refused == ()

    def test_several_bad_cases_are_each_refused_and_a_future_event_is_not_a_problem(
        self,
    ) -> None:
        doc = with_event_dated("1026-03-02")
        doc["cases"][6]["events"][0]["on"] = "0999-01-04"
        doc["cases"][1]["events"][0]["on"] = "2101-01-05"  # after as_of: not evaluated
        report = evaluate_caseload(load(doc), AS_OF, protocol=BUNDLED_PROTOCOLS)
        assert [r.path for r in report.refused] == [
            "$.cases[3].events[0].on",
            "$.cases[6].events[0].on",
        ]

    def test_a_date_of_birth_outside_the_calendar_is_named_but_not_shown(self) -> None:
        # (the engine needs no working day from a date of birth today: the refusal is
        # built directly, as it would be for a failure that came from one)
        doc = dump_caseload(example_caseload())
        doc["cases"][2]["young_person"]["date_of_birth"] = "1026-07-14"
        case = load(doc).cases[2]
        error = DateOutOfRangeError("asked about 1044")
        refused = _refusal(case, 2, error, WorkingCalendar.england())
        assert refused.path == "$.cases[2].young_person.date_of_birth"
        assert "1026" not in refused.line()
        assert "1044" not in refused.line()

    def test_a_clean_caseload_refuses_nothing(self) -> None:
        report = evaluate_caseload(example_caseload(), AS_OF, protocol=BUNDLED_PROTOCOLS)
        assert report.refused == ()

    def test_the_line(self) -> None:
        assert RefusedCase(None, "$", "why").line() == "partnership obligations @ $: why"
        assert RefusedCase("C-1", "$.cases[0]", "why").to_dict() == {
            "case_id": "C-1",
            "path": "$.cases[0]",
            "reason": "why",
        }


class TestCommandLine:
    @pytest.fixture
    def path(self, tmp_path: Path) -> Path:
        path = tmp_path / "caseload.json"
        doc = with_event_dated("1026-03-02")
        doc["cases"][6]["events"][0]["on"] = "0999-01-04"
        path.write_text(json.dumps(doc))
        return path

    @pytest.mark.parametrize("form", ["table", "csv", "json"])
    def test_check_prints_one_line_per_refused_case_and_exits_2(
        self, path: Path, form: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["check", str(path), "--as-of", "2026-11-25", "--format", form]) == 2
        out, err = capsys.readouterr()
        refused = [line for line in err.splitlines() if line.startswith("cjp: refused: ")]
        assert refused == [
            (
                "cjp: refused: case 'C-0004' @ $.cases[3].events[0].on: an event on "
                "1026-03-02 is outside the years the calendar knows (1872-2100)"
            ),
            (
                "cjp: refused: case 'C-0007' @ $.cases[6].events[0].on: an event on "
                "0999-01-04 is outside the years the calendar knows (1872-2100)"
            ),
        ]
        assert "C-0001" in out  # the others' results are printed
        assert "C-0004" not in out.replace('"case_id": "C-0004"', "")
        if form == "json":
            assert [r["case_id"] for r in json.loads(out)["refused"]] == ["C-0004", "C-0007"]

    def test_a_fail_on_match_does_not_hide_the_refusal(
        self, path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        argv = ["check", str(path), "--as-of", "2026-11-25", "--fail-on", "overdue"]
        assert main(argv) == 2  # 2 comes before 1 in the precedence
        capsys.readouterr()

    def test_explain_of_a_refused_case(
        self, path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["explain", "C-0004", str(path), "--as-of", "2026-11-25"]) == 2
        assert "cjp: refused: case 'C-0004' @ $.cases[3].events[0].on" in capsys.readouterr().err
        assert main(["explain", "C-0001", str(path), "--as-of", "2026-11-25"]) == 0
        capsys.readouterr()

    def test_a_clean_json_report_has_an_empty_refused_list(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["check", "--as-of", "2026-11-25", "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out)["refused"] == []
