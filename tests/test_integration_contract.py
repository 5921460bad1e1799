"""The integration contract: the results document, the cross-checks, ``cjp validate``."""

from __future__ import annotations

import json
import warnings
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    CROSS_CHECK_CODES,
    CaseloadReport,
    CrossCheckWarning,
    ObligationResult,
    RefusedCase,
    Status,
    ValidationError,
    cross_check,
    dump_caseload,
    dump_results,
    dumps_results,
    evaluate_caseload,
    example_caseload,
    load_caseload,
    load_results,
    results_json_schema,
)
from care_justice_protocol.cli import main
from care_justice_protocol.protocols._rules import Strength

AS_OF = date(2026, 11, 25)


@pytest.fixture(scope="module")
def report() -> CaseloadReport:
    return evaluate_caseload(example_caseload(), AS_OF, protocol=BUNDLED_PROTOCOLS)


def _example_document() -> dict[str, Any]:
    return dump_caseload(example_caseload())


_days = st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2100, 12, 31)))
_text = st.text(max_size=12)
_results = st.builds(
    ObligationResult,
    case_id=st.one_of(st.none(), _text),
    obligation=_text,
    clause=_text,
    status=st.sampled_from(Status),
    due=_days,
    trigger=_days,
    met_on=_days,
    evidence=st.one_of(st.none(), _text),
    explanation=_text,
    rule=_text,
    policy=_text,
    period=st.one_of(st.none(), _text),
    strength=st.sampled_from(Strength),
    case_external_ref=st.one_of(st.none(), _text),
    trigger_external_ref=st.one_of(st.none(), _text),
    evidence_external_ref=st.one_of(st.none(), _text),
).map(
    # an overdue, good-practice-missed or met-late result has a due day (the loader and
    # the results schema refuse one without)
    lambda r: attrs.evolve(r, due=AS_OF) if r.due is None and r.status in _DATED else r
)
_DATED = (Status.OVERDUE, Status.GOOD_PRACTICE_MISSED, Status.MET_LATE)


class TestTheResultsDocument:
    def test_keys_come_in_the_documented_order(self, report: CaseloadReport) -> None:
        doc = dump_results(report, protocols=BUNDLED_PROTOCOLS)
        assert list(doc) == ["schema_version", "library_version", "protocols", "calendar",
                             "as_of", "counts", "results", "refused"]  # fmt: skip
        assert [p["id"] for p in doc["protocols"]] == ["3.14.12", "3.14.13"]
        assert doc["calendar"] == {"bank_holidays": "GB-ENG", "weekend": [5, 6],
                                   "extra_closures": []}  # fmt: skip

    def test_the_example_report_round_trips_exactly(self, report: CaseloadReport) -> None:
        text = dumps_results(report, protocols=BUNDLED_PROTOCOLS)
        assert load_results(text).report == report

    def test_the_document_validates_against_its_schema(self, report: CaseloadReport) -> None:
        doc = json.loads(dumps_results(report, protocols=BUNDLED_PROTOCOLS))
        jsonschema.Draft202012Validator.check_schema(results_json_schema())
        jsonschema.Draft202012Validator(results_json_schema()).validate(doc)

    def test_empty_values_are_null_policy_included(self, report: CaseloadReport) -> None:
        rows = dump_results(report)["results"]
        assert "" not in {r["policy"] for r in rows}
        assert None in {r["policy"] for r in rows}
        # a result with no timescale has no date policy, for a case and for the partnership
        # alike (the example's 16 QA records' completeness: 15 met, 1 no-timescale)
        qa = [r for r in rows if r["obligation"] == "3.14.12/4/qa-record-complete"]
        assert len(qa) == 16
        assert {r["policy"] for r in qa} == {None}
        assert {r["policy"] for r in rows if r["rule"] == "no timescale in protocol"} == {None}

    def test_due_is_null_only_for_due_before_an_event_not_yet_recorded(
        self, report: CaseloadReport
    ) -> None:
        for r in report.results:
            if r.status in (Status.OVERDUE, Status.GOOD_PRACTICE_MISSED, Status.MET_LATE):
                assert r.due is not None, r
            if r.status is Status.DUE and r.due is None:
                assert r.explanation.startswith("due before "), r.explanation
        assert any(r.status is Status.DUE and r.due is None for r in report.results)

    @settings(max_examples=60)
    @given(st.lists(_results, max_size=5))
    def test_any_results_round_trip(self, results: list[ObligationResult]) -> None:
        report = CaseloadReport(AS_OF, tuple(results), (RefusedCase("C-1", "$.cases[0]", "x"),))
        assert load_results(dumps_results(report)).report == report
        for r in results:
            assert ObligationResult.from_dict(r.to_dict()) == r

    def test_an_overdue_or_met_late_result_without_a_due_day_is_refused(
        self, report: CaseloadReport
    ) -> None:
        doc = dump_results(report)
        first = {s: i for i, r in reversed(list(enumerate(doc["results"]))) for s in [r["status"]]}
        for status in ("overdue", "met-late", "good-practice-missed"):
            doc["results"][first[status]]["due"] = None
        doc["results"][first["met"]]["due"] = None  # a met result may have none
        with pytest.raises(ValidationError) as caught:
            load_results(doc)
        assert caught.value.errors == tuple(
            f"expected a date: a {status} result has a due day, got null "
            f"@ $.results[{first[status]}].due"
            for status in sorted(("overdue", "met-late", "good-practice-missed"),
                                 key=lambda s: first[s])
        )  # fmt: skip

    def test_a_bad_document_lists_every_problem_with_its_path(self, report: CaseloadReport) -> None:
        doc = dump_results(report)
        doc["results"][0]["status"] = "late"
        doc["results"][2]["due"] = "2026-02-30"
        del doc["results"][3]["rule"]
        with pytest.raises(ValidationError) as caught:
            load_results(doc)
        paths = [e.rpartition(" @ ")[2] for e in caught.value.errors]
        assert paths == ["$.results[0].status", "$.results[2].due", "$.results[3].rule"]

    def test_counts_that_do_not_match_are_refused(self, report: CaseloadReport) -> None:
        doc = dump_results(report)
        doc["counts"]["met"] += 1
        with pytest.raises(ValidationError, match=r"@ \$\.counts"):
            load_results(doc)


def _findings(doc: dict[str, Any]) -> list[CrossCheckWarning]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_caseload(doc)
    return [w.message for w in caught if isinstance(w.message, CrossCheckWarning)]


class TestCrossChecks:
    def test_the_example_caseload_has_only_its_known_finding(self) -> None:
        # C-0015 names CRC after 25 June 2021 on purpose (the parties-in-existence example)
        assert cross_check(example_caseload()) == ()
        found = _findings(_example_document())
        assert [(f.code, f.case_id) for f in found] == [("service-outside-dates", "C-0015")]

    def test_an_unknown_recorder_is_found_at_its_path(self) -> None:
        doc = _example_document()
        doc["cases"][0]["events"][0]["recorded_by"] = "S-NOBODY"
        found = [f for f in _findings(doc) if f.code == "unknown-staff"]
        assert [(f.path, f.case_id) for f in found] == [
            ("$.cases[0].events[0].recorded_by", "C-0001")
        ]
        assert "S-NOBODY" not in str(found[0])  # ids of unknown staff are not echoed

    def test_a_resolution_with_no_raise_and_one_before_it(self) -> None:
        doc = _example_document()
        events = doc["cases"][1]["events"]
        who = events[0]["recorded_by"]
        events += [
            {"type": "disagreement-resolved", "on": "2026-01-05", "recorded_by": who,
             "disagreement_id": "D-77"},
            {"type": "disagreement-escalated", "on": "2026-01-04", "recorded_by": who,
             "disagreement_id": "D-78", "to_role": "senior-manager"},
            {"type": "disagreement-raised", "on": "2026-01-06", "recorded_by": who,
             "disagreement_id": "D-78", "between": ["yos", "next-step"]},
        ]  # fmt: skip
        n = len(events)
        found = {f.code: f.path for f in _findings(doc) if f.case_id == "C-0002"}
        assert found == {
            "disagreement-not-raised": f"$.cases[1].events[{n - 3}].disagreement_id",
            "disagreement-before-raised": f"$.cases[1].events[{n - 2}].on",
        }

    def test_work_after_every_service_closed_the_case(self) -> None:
        doc = _example_document()
        case = next(c for c in doc["cases"] if not any(
            e["type"] == "case-transferred" for e in c["events"]))  # fmt: skip
        who = case["events"][0]["recorded_by"]
        services = {e["service"] for e in case["events"] if e["type"] == "allocated"}
        case["events"] += [{"type": "case-closed", "on": "2026-11-01", "recorded_by": who,
                            "service": s} for s in sorted(services)]  # fmt: skip
        case["events"].append({"type": "plan-updated", "on": "2026-11-02", "recorded_by": who,
                               "document": "pathway-plan", "version": 9})  # fmt: skip
        found = [f for f in _findings(doc) if f.code == "event-after-closure"]
        assert [f.path for f in found][-1].endswith(f"events[{len(case['events']) - 1}].on")

    def test_strict_refuses_every_finding_at_once(self) -> None:
        doc = _example_document()
        doc["cases"][0]["events"][0]["recorded_by"] = "S-NOBODY"
        with pytest.raises(ValidationError) as caught:
            load_caseload(doc, strict=True)
        assert len(caught.value.errors) == 2  # the known C-0015 finding and this one

    def test_the_default_meeting_kinds_are_the_bundled_protocols(self) -> None:
        from care_justice_protocol.io import _crosscheck

        assert _crosscheck._kinds(None) == _crosscheck._kinds(BUNDLED_PROTOCOLS)

    def test_every_code_is_documented(self) -> None:
        assert set(CROSS_CHECK_CODES) >= {"unknown-staff", "service-outside-dates"}


class TestValidateCommand:
    def _run(self, tmp_path: Path, doc: Any, *extra: str) -> int:
        path = tmp_path / "c.json"
        path.write_text(json.dumps(doc))
        return main(["validate", str(path), *extra])

    def test_findings_exit_1_and_print_one_a_line(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        doc = _example_document()
        doc["cases"][0]["events"][0]["recorded_by"] = "S-NOBODY"
        assert self._run(tmp_path, doc) == 1
        lines = capsys.readouterr().out.splitlines()
        assert lines[-1].endswith(": 0 errors, 2 findings")
        assert "[unknown-staff]" in lines[1]

    def test_errors_exit_2_with_every_problem_in_json(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        doc = _example_document()
        doc["cases"][2]["case_id"] = 5
        doc["cases"][3]["events"][0]["on"] = "2026-02-30"
        assert self._run(tmp_path, doc, "--format", "json") == 2
        out = json.loads(capsys.readouterr().out)
        assert [e.rpartition(" @ ")[2] for e in out["errors"]] == [
            "$.cases[2].case_id", "$.cases[3].events[0].on"]  # fmt: skip
        assert out["valid"] is False
        assert out["exit_code"] == 2

    def test_a_clean_file_exits_0(self, tmp_path: Path) -> None:
        doc = _example_document()
        doc["cases"] = [c for c in doc["cases"] if c["case_id"] != "C-0015"]
        assert self._run(tmp_path, doc) == 0

    def test_check_lists_every_problem_one_a_line_never_dots(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        doc = _example_document()
        doc["cases"][2]["case_id"] = 5
        doc["cases"][3]["events"][0]["on"] = "2026-02-30"
        path = tmp_path / "c.json"
        path.write_text(json.dumps(doc))
        assert main(["check", str(path)]) == 2
        err = capsys.readouterr().err.splitlines()
        assert err[0].endswith(": 2 problems")
        assert err[1].endswith("@ $.cases[2].case_id")
        assert err[2].endswith("@ $.cases[3].events[0].on")
        assert not any(", ..." in line for line in err)

    def test_check_json_is_the_results_document(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["check", "--as-of", "2026-11-25", "--format", "json"]) == 0
        document = load_results(capsys.readouterr().out)
        assert document.schema_version == 1
        assert [p["id"] for p in document.protocols] == ["3.14.12", "3.14.13"]
