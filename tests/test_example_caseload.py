"""The bundled example caseload: valid, round-trips, and covers every obligation and status."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import defaultdict
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from care_justice_protocol import BUNDLED_PROTOCOLS
from care_justice_protocol.compliance import CaseloadReport, Status, evaluate_caseload
from care_justice_protocol.io._json import dumps_caseload, load_caseload
from care_justice_protocol.model._events import Caseload

AS_OF = date(2026, 11, 25)
ROOT = Path(__file__).resolve().parent.parent
# The example caseload is Salford's: it covers the default set, not the transitions
# protocol (its example is example_transition_caseload, tests/test_transitions.py).
CASE_LEVEL_IDS = [o.id for p in BUNDLED_PROTOCOLS for o in p.obligations]
PERIODIC_IDS = [o.id for p in BUNDLED_PROTOCOLS for o in p.periodic]


def _text() -> str:
    return (
        resources.files("care_justice_protocol.io.data")
        .joinpath("example_caseload.json")
        .read_text(encoding="utf-8")
    )


@pytest.fixture(scope="module")
def caseload() -> Caseload:
    return load_caseload(_text())


@pytest.fixture(scope="module")
def report(caseload: Caseload) -> CaseloadReport:
    return evaluate_caseload(caseload, AS_OF, protocol=BUNDLED_PROTOCOLS)


@pytest.fixture(scope="module")
def statuses(report: CaseloadReport) -> dict[str, set[Status]]:
    out: dict[str, set[Status]] = defaultdict(set)
    for r in report.results:
        out[r.obligation].add(r.status)
    return out


class TestExampleCaseloadFile:
    def test_is_shipped_as_package_data_and_loads(self, caseload: Caseload) -> None:
        assert 25 <= len(caseload.cases) <= 40
        assert caseload.management_meetings
        assert caseload.quality_assurance

    def test_round_trips_through_json_unchanged(self, caseload: Caseload) -> None:
        again = load_caseload(dumps_caseload(caseload))
        assert again == caseload
        assert json.loads(dumps_caseload(again)) == json.loads(_text())

    def test_ids_follow_the_synthetic_patterns_and_carry_no_names(self, caseload: Caseload) -> None:
        for n, case in enumerate(caseload.cases, start=1):
            assert case.case_id == f"C-{n:04d}"
            assert case.young_person.id == f"YP-{n:04d}"
            assert case.young_person.name is None
            assert all(s.id.startswith("W-") and s.name is None for s in case.staff)

    def test_is_what_the_generator_script_writes(self) -> None:
        script = ROOT / "scripts" / "make_example_caseload.py"
        done = subprocess.run(
            [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr


class TestExampleCaseloadCoverage:
    @pytest.mark.parametrize("obligation", CASE_LEVEL_IDS)
    def test_every_case_level_obligation_is_met_somewhere_and_not_applicable_somewhere(
        self, statuses: dict[str, set[Status]], obligation: str
    ) -> None:
        assert {Status.MET, Status.NOT_APPLICABLE} <= statuses[obligation]

    @pytest.mark.parametrize("obligation", CASE_LEVEL_IDS)
    def test_every_case_level_obligation_also_shows_a_shortfall(
        self, statuses: dict[str, set[Status]], obligation: str
    ) -> None:
        shortfalls = {Status.OVERDUE, Status.DUE, Status.MET_LATE, Status.NO_TIMESCALE}
        assert statuses[obligation] & shortfalls

    @pytest.mark.parametrize("obligation", PERIODIC_IDS)
    def test_every_periodic_obligation_has_a_met_and_an_overdue_period(
        self, statuses: dict[str, set[Status]], obligation: str
    ) -> None:
        assert {Status.MET, Status.OVERDUE} <= statuses[obligation]

    def test_covers_every_status_overall(self, report: CaseloadReport) -> None:
        assert all(n > 0 for n in report.counts().values()), report.counts()

    def test_the_christmas_2025_allocation_is_overdue_since_13_january_2026(
        self, report: CaseloadReport
    ) -> None:
        [r] = [
            r
            for r in report.for_case("C-0001")
            if r.obligation == "3.14.12/2/meet-within-15-working-days"
        ]
        assert (r.status, r.trigger, r.due) == (
            Status.OVERDUE,
            date(2025, 12, 18),
            date(2026, 1, 13),
        )

    def test_the_pre_2019_case_is_outside_3_14_13(self, report: CaseloadReport) -> None:
        results = [r for r in report.for_case("C-0016") if r.obligation.startswith("3.14.13/")]
        assert results
        assert {r.status for r in results} == {Status.NOT_APPLICABLE}
