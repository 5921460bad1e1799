"""Every list ``cjp`` prints: each item on its own line, at most ``MAX_PROBLEMS``, then a count.

The integration-contract issue: "Every error list printed by cjp shows every problem up to
the documented bound, then a count, one per line, never '...'". The documents here are the
bundled example with one field spoiled many times over, so each count is known by
construction (the example has 326 events; case C-0015 shares with CRC after it ceased).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from care_justice_protocol import MAX_PROBLEMS, dumps_caseload, example_caseload
from care_justice_protocol.cli import main

EVENTS = 326  # events in the bundled example (every one gets an impossible date below)


def _example() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(dumps_caseload(example_caseload()))
    return doc


def _write(tmp_path: Path, doc: object, name: str = "caseload.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture
def every_date_impossible(tmp_path: Path) -> Path:
    doc = _example()
    for case in doc["cases"]:
        for event in case["events"]:
            event["on"] = "2026-02-30"
    assert sum(len(c["events"]) for c in doc["cases"]) == EVENTS
    return _write(tmp_path, doc)


@pytest.fixture
def sixty_findings(tmp_path: Path) -> Path:
    # C-0015 (the example's 15th case) shares a risk assessment with CRC on 2021-08-02,
    # after CRC ceased: one finding. Sixty copies of that case under new ids: sixty.
    doc = _example()
    c15 = doc["cases"][14]
    assert c15["case_id"] == "C-0015"
    copies = []
    for i in range(60):
        twin = copy.deepcopy(c15)
        twin["case_id"] = f"X-{i:04d}"
        twin["young_person"]["id"] = f"YP-X-{i:04d}"
        copies.append(twin)
    doc["cases"] = copies
    doc["management_meetings"], doc["quality_assurance"] = [], []
    return _write(tmp_path, doc)


class TestCaseloadErrors:
    def test_check_lists_fifty_then_counts_the_rest(
        self, every_date_impossible: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["check", str(every_date_impossible), "--as-of", "2026-11-25"]) == 2
        lines = capsys.readouterr().err.splitlines()
        assert lines[0] == f"cjp: error: invalid caseload {every_date_impossible}: 326 problems"
        problems = [line for line in lines if line.startswith("  - ")]
        assert len(problems) == MAX_PROBLEMS == 50
        assert all(p.endswith(".on") for p in problems)
        # 326 - 50 = 276, on the line after the fiftieth problem
        assert lines[51] == "  and 276 more problems, not listed"
        assert not any("..." in line for line in lines)

    def test_validate_counts_every_error_and_lists_fifty(
        self, every_date_impossible: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["validate", str(every_date_impossible)]) == 2
        lines = capsys.readouterr().out.splitlines()
        name = str(every_date_impossible)
        assert sum(1 for line in lines if line.startswith(f"{name}: error: ")) == 50
        assert lines[-2:] == [f"{name}: and 276 more errors, not listed",
                              f"{name}: 326 errors, 0 findings"]  # fmt: skip
        assert not any("..." in line for line in lines)

    def test_validate_json_gives_the_count_apart_from_the_errors(
        self, every_date_impossible: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["validate", str(every_date_impossible), "--format", "json"]) == 2
        doc = json.loads(capsys.readouterr().out)
        assert (doc["valid"], doc["error_count"], len(doc["errors"])) == (False, 326, 50)
        assert not any(e.startswith("...") for e in doc["errors"])
        assert (doc["finding_count"], doc["findings"], doc["exit_code"]) == (0, [], 2)


class TestFindingsAndWarnings:
    def test_check_warns_of_fifty_then_counts_the_rest(
        self, sixty_findings: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["check", str(sixty_findings), "--as-of", "2026-11-25"]) == 0
        err = capsys.readouterr().err.splitlines()
        warned = [line for line in err if line.startswith("cjp: warning: crc ceased")]
        assert len(warned) == 50
        assert "(case 'X-0049')" in warned[-1]  # the first fifty cases, in document order
        assert err[-1] == ("cjp: and 10 more warnings, not listed "
                           "(cjp validate FILE --format json lists every one)")  # fmt: skip

    def test_validate_lists_fifty_findings_and_json_lists_all(
        self, sixty_findings: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        name = str(sixty_findings)
        assert main(["validate", name]) == 1
        lines = capsys.readouterr().out.splitlines()
        assert sum(1 for line in lines if line.startswith(f"{name}: warning [")) == 50
        assert lines[-2:] == [
            f"{name}: and 10 more findings, not listed (--format json lists every one)",
            f"{name}: 0 errors, 60 findings",
        ]
        assert main(["validate", name, "--format", "json"]) == 1
        doc = json.loads(capsys.readouterr().out)
        assert (doc["error_count"], doc["finding_count"], len(doc["findings"])) == (0, 60, 60)
        assert {f["case_id"] for f in doc["findings"]} == {f"X-{i:04d}" for i in range(60)}

    def test_a_strict_check_of_the_bundled_example_is_refused_for_its_finding(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        # The example's one deliberate finding (C-0015, CRC after 2021-06-25) refuses it
        # under --strict, as it refuses the same file named on the command line.
        assert main(["check", "--strict", "--as-of", "2026-11-25"]) == 2
        assert capsys.readouterr().err.splitlines() == [
            "cjp: error: invalid caseload (the bundled example): 1 problem",
            (
                "  - crc ceased to exist on 2021-06-25: an event on 2021-08-02 names it "
                "@ $.cases[14].events[3].to_service (case 'C-0015')"
            ),
        ]
        assert main(["check", "--as-of", "2026-11-25"]) == 0  # not strict: no warning
        assert capsys.readouterr().err == ""


class TestOtherLists:
    def test_a_local_variant_lists_fifty_problems_then_counts_the_rest(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        closures = [f"2026-13-{d:02d}" for d in range(1, 31)] + ["x"] * 52  # 82 bad dates
        path = _write(tmp_path, {"schema_version": 1, "extra_closures": closures}, "local.json")
        assert main(["check", "--local", str(path), "--as-of", "2026-11-25"]) == 2
        lines = capsys.readouterr().err.splitlines()
        assert lines[0] == f"cjp: error: invalid local variant {str(path)!r}: 82 problems"
        assert sum(1 for line in lines if line.startswith("  - ")) == 50
        assert lines[-1] == "  and 32 more problems, not listed"  # 82 - 50

    def test_protocol_lint_lists_fifty_problems_then_counts_the_rest(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        # 60 files with one syntax error each: 60 problems, one line each
        paths = []
        for i in range(60):
            path = tmp_path / f"p{i:02d}.toml"
            path.write_text("[protocol\n", encoding="utf-8")
            paths.append(str(path))
        assert main(["protocol", "lint", *paths]) == 2
        lines = capsys.readouterr().err.splitlines()
        assert len(lines) == 51
        assert lines[0] == (f"{paths[0]}: TOML syntax error: Expected ']' at the end of a "
                            "table declaration (at line 1, column 10)")  # fmt: skip
        assert lines[-1] == "cjp: and 10 more problems, not listed"

    def test_validate_json_reports_a_missing_file_as_a_document(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        missing = tmp_path / "nowhere.json"
        assert main(["validate", str(missing), "--format", "json"]) == 2
        doc = json.loads(capsys.readouterr().out)
        assert (doc["valid"], doc["error_count"], doc["exit_code"]) == (False, 1, 2)
        assert str(missing) in doc["errors"][0]


def test_only_the_librarys_warnings_count_towards_the_bound(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from care_justice_protocol import CareJusticeWarning
    from care_justice_protocol.cli import _Warnings

    said = _Warnings(bound=1)
    said.show(DeprecationWarning("old API"), DeprecationWarning, "x.py", 1)
    said.show(CareJusticeWarning("first"), CareJusticeWarning, "x.py", 1)
    said.show(CareJusticeWarning("second"), CareJusticeWarning, "x.py", 1)
    said.show(DeprecationWarning("older API"), DeprecationWarning, "x.py", 1)
    said.close()
    assert capsys.readouterr().err.splitlines() == [
        "cjp: warning: old API",
        "cjp: warning: first",
        "cjp: warning: older API",
        "cjp: and 1 more warning, not listed (cjp validate FILE --format json lists every one)",
    ]
