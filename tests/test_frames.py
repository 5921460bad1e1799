"""Results as a pandas DataFrame: typed columns, one row per result, a clear missing-extra error."""

from __future__ import annotations

import sys
from datetime import date

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol import BUNDLED_PROTOCOLS
from care_justice_protocol._errors import (
    CareJusticeError,
    InvalidArgumentError,
    MissingOptionalDependencyError,
)
from care_justice_protocol.compliance import (
    STATUSES_BY_URGENCY,
    URGENCY,
    CaseloadReport,
    ObligationResult,
    Status,
    evaluate,
    evaluate_caseload,
)
from care_justice_protocol.io._bundled import example_caseload
from care_justice_protocol.model._events import JointCase
from care_justice_protocol.notebook._frames import DATE_COLUMNS, results_to_pandas
from care_justice_protocol.testing import Scenario
from tests.strategies import cases

MEET = "3.14.12/2/meet-within-15-working-days"


def _case() -> JointCase:
    # YOS allocates on Fri 18 Dec 2026 and confirms the case is open to Next Steps; 15
    # working days skipping 25, 28 Dec and 1 Jan: the meeting is due Wed 13 Jan 2027.
    scenario = Scenario.for_case("C-1", young_person_id="YP-1", legal_status="charged")
    return scenario.joint_yos_next_steps(date(2026, 12, 18)).build()


class TestResultsToPandas:
    def test_one_row_per_result_with_the_fields_as_columns_in_order(self) -> None:
        results = evaluate(_case(), date(2027, 1, 14), protocol=BUNDLED_PROTOCOLS)
        df = results_to_pandas(results)
        assert len(df) == len(results)
        assert list(df.columns) == [
            "case_id", "obligation", "clause", "status", "due", "trigger", "met_on",
            "evidence", "explanation", "rule", "policy", "period", "strength",
            "case_external_ref", "trigger_external_ref", "evidence_external_ref",
        ]  # fmt: skip
        assert isinstance(df.index, pd.RangeIndex)

    def test_columns_are_typed(self) -> None:
        df = results_to_pandas(evaluate(_case(), date(2027, 1, 14), protocol=BUNDLED_PROTOCOLS))
        assert isinstance(df.status.dtype, pd.CategoricalDtype)
        assert df.status.cat.ordered
        # most urgent first: overdue < due < ... < not-applicable
        assert list(df.status.cat.categories) == [
            "overdue", "due", "not-followed", "good-practice-missed", "no-timescale",
            "met-late", "met", "not-applicable",
        ]  # fmt: skip
        for column in DATE_COLUMNS:
            assert df[column].dtype == "datetime64[s]"
        for column in ("case_id", "obligation", "clause", "explanation", "period"):
            assert df[column].dtype == "string"

    def test_the_hand_checked_meeting_deadline(self) -> None:
        df = results_to_pandas(evaluate(_case(), date(2027, 1, 14), protocol=BUNDLED_PROTOCOLS))
        row = df[df.obligation == MEET].iloc[0]
        assert row.case_id == "C-1"
        assert row.status == "overdue"
        assert row.due == pd.Timestamp(2027, 1, 13)
        assert row.trigger == pd.Timestamp(2026, 12, 18)
        assert pd.isna(row.met_on)
        assert pd.isna(row.evidence)
        assert pd.isna(row.period)
        confirmed = df[df.obligation == "3.14.12/2/confirm-open-to-other-service"].iloc[0]
        assert confirmed.status == "met"
        assert confirmed.met_on == pd.Timestamp(2026, 12, 18)

    def test_the_day_before_it_is_due(self) -> None:
        df = results_to_pandas(evaluate(_case(), date(2027, 1, 13), protocol=BUNDLED_PROTOCOLS))
        assert df.loc[df.obligation == MEET, "status"].tolist() == ["due"]

    def test_status_sorts_most_urgent_first_and_counts_include_zeros(self) -> None:
        df = results_to_pandas(evaluate(_case(), date(2027, 1, 14), protocol=BUNDLED_PROTOCOLS))
        counts = df.status.value_counts(sort=False)
        assert list(counts.index) == [s.value for s in STATUSES_BY_URGENCY]
        assert counts["met-late"] == 0
        ordered = df.sort_values("status").status.tolist()
        rank = {s.value: URGENCY[s] for s in Status}
        assert ordered == sorted(ordered, key=rank.__getitem__)
        assert ordered[0] == "overdue"

    def test_partnership_results_have_no_case_id(self) -> None:
        report = evaluate_caseload(
            example_caseload(), date(2026, 11, 25), protocol=BUNDLED_PROTOCOLS
        )
        df = report.to_pandas()
        partnership = [r for r in report.results if r.case_id is None]
        assert partnership
        assert int(df.case_id.isna().sum()) == len(partnership)

    def test_every_date_fits_including_the_extremes(self) -> None:
        r = ObligationResult(
            "C", "o", "c", Status.MET, date(1, 1, 1), date(1, 1, 1), date(9999, 12, 31),
            "e", "x", "r", "p", None,
        )  # fmt: skip
        df = results_to_pandas([r])
        assert df.due.dt.date.tolist() == [date(1, 1, 1)]
        assert df.met_on.dt.date.tolist() == [date(9999, 12, 31)]

    def test_no_results_give_an_empty_frame_with_the_same_columns_and_types(self) -> None:
        empty = results_to_pandas(())
        full = results_to_pandas(evaluate(_case(), date(2027, 1, 14), protocol=BUNDLED_PROTOCOLS))
        assert len(empty) == 0
        assert empty.dtypes.to_dict() == full.dtypes.to_dict()

    def test_anything_but_results_is_refused(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"results\[1\] must be an ObligationResult"):
            results_to_pandas(
                [*evaluate(_case(), date(2027, 1, 14), protocol=BUNDLED_PROTOCOLS)[:1], "met"]
            )  # type: ignore[list-item]

    def test_the_report_method_gives_the_same_frame(self) -> None:
        report = evaluate_caseload(
            example_caseload(), date(2026, 11, 25), protocol=BUNDLED_PROTOCOLS
        )
        pd.testing.assert_frame_equal(report.to_pandas(), results_to_pandas(report.results))

    @given(cases(), st.dates(date(2000, 1, 1), date(2040, 12, 31)))
    def test_any_evaluation_gives_one_matching_row_per_result(
        self, case: JointCase, as_of: date
    ) -> None:
        results = evaluate(case, as_of, protocol=BUNDLED_PROTOCOLS)
        df = results_to_pandas(results)
        assert len(df) == len(results)
        assert df.status.tolist() == [r.status.value for r in results]
        assert df.obligation.tolist() == [r.obligation for r in results]
        for column in DATE_COLUMNS:
            got = [None if pd.isna(v) else v.date() for v in df[column]]
            assert got == [getattr(r, column) for r in results]


class TestMissingPandas:
    def test_a_missing_pandas_names_the_extra_to_install(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "pandas", None)
        report = CaseloadReport(
            date(2027, 1, 14), evaluate(_case(), date(2027, 1, 14), protocol=BUNDLED_PROTOCOLS)
        )
        with pytest.raises(MissingOptionalDependencyError) as info:
            report.to_pandas()
        err = info.value
        assert isinstance(err, ImportError)
        assert isinstance(err, CareJusticeError)
        assert (err.package, err.extra, err.name) == ("pandas", "pandas", "pandas")
        assert "pip install 'care_justice_protocol[pandas]'" in str(err)
        assert isinstance(err.__cause__, ImportError)

    def test_the_function_says_it_is_the_one_that_needs_pandas(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(ImportError, match=r"^results_to_pandas\(\) needs pandas"):
            results_to_pandas(())
