"""Tests for ``Deadline`` and the rules that make deadlines."""

from __future__ import annotations

from datetime import date, datetime

import attrs
import pytest

from care_justice_protocol import (
    Deadline,
    InvalidArgumentError,
    InvalidDateTypeError,
    MonthsAfter,
    WorkingCalendar,
    WorkingDaysAfter,
)

ENGLAND = WorkingCalendar.england()
MONTHS_POLICY = "calendar months (dateutil relativedelta, clipped to the month's end)"


class TestWorkingDaysAfter:
    def test_allocation_on_friday_18_december_meets_by_13_january(self) -> None:
        deadline = WorkingDaysAfter(15).deadline(
            date(2026, 12, 18), ENGLAND, clause="3.14.12 §2", trigger_name="allocation"
        )
        assert deadline == Deadline(
            due=date(2027, 1, 13),
            rule="15 working days after allocation on 2026-12-18",
            clause="3.14.12 §2",
            policy=ENGLAND.describe(),
            trigger=date(2026, 12, 18),
        )

    def test_allocation_on_monday_23_november_meets_by_14_december(self) -> None:
        deadline = WorkingDaysAfter(15).deadline(date(2026, 11, 23), ENGLAND, clause="3.14.12 §2")
        assert deadline.due == date(2026, 12, 14)
        assert deadline.rule == "15 working days after the trigger on 2026-11-23"

    def test_the_policy_names_the_calendar_used(self) -> None:
        closed = WorkingCalendar.england(extra_closures=[date(2026, 12, 24)])
        deadline = WorkingDaysAfter(15).deadline(date(2026, 12, 18), closed, clause="x")
        assert deadline.due == date(2027, 1, 14)
        assert deadline.policy == closed.describe()
        assert "1 local closure day" in deadline.policy

    def test_one_working_day_is_singular(self) -> None:
        assert WorkingDaysAfter(1).describe("allocation") == "1 working day after allocation"
        assert WorkingDaysAfter(2).describe() == "2 working days after the trigger"

    def test_zero_working_days_is_due_on_the_trigger_itself(self) -> None:
        deadline = WorkingDaysAfter(0).deadline(date(2026, 12, 25), ENGLAND, clause="x")
        assert deadline.due == date(2026, 12, 25)

    @pytest.mark.parametrize("days", [-1, -15])
    def test_negative_days_are_refused(self, days: int) -> None:
        with pytest.raises(InvalidArgumentError, match="days"):
            WorkingDaysAfter(days)

    @pytest.mark.parametrize("days", [15.0, "15", True, None])
    def test_days_must_be_an_int(self, days: object) -> None:
        with pytest.raises(InvalidArgumentError, match="days"):
            WorkingDaysAfter(days)  # type: ignore[arg-type]

    def test_a_datetime_trigger_is_refused(self) -> None:
        with pytest.raises(InvalidDateTypeError):
            WorkingDaysAfter(15).deadline(
                datetime(2026, 12, 18, 9, 0),
                ENGLAND,
                clause="3.14.12 §2",
            )

    def test_rules_are_frozen_values(self) -> None:
        rule = WorkingDaysAfter(15)
        assert rule == WorkingDaysAfter(15)
        assert hash(rule) == hash(WorkingDaysAfter(15))
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            rule.days = 10  # type: ignore[misc]


class TestMonthsAfter:
    def test_31_august_plus_6_months_is_due_28_february(self) -> None:
        deadline = MonthsAfter(6).deadline(
            date(2026, 8, 31), clause="3.14.13 §5", trigger_name="release"
        )
        assert deadline == Deadline(
            due=date(2027, 2, 28),
            rule="6 months after release on 2026-08-31",
            clause="3.14.13 §5",
            policy=MONTHS_POLICY,
            trigger=date(2026, 8, 31),
        )

    def test_a_leap_february(self) -> None:
        assert MonthsAfter(6).deadline(date(2027, 8, 31), clause="x").due == date(2028, 2, 29)

    def test_the_default_trigger_name(self) -> None:
        deadline = MonthsAfter(3).deadline(date(2026, 11, 30), clause="x")
        assert deadline.due == date(2027, 2, 28)
        assert deadline.rule == "3 months after the trigger on 2026-11-30"

    def test_one_month_is_singular(self) -> None:
        assert MonthsAfter(1).describe("release") == "1 month after release"
        assert MonthsAfter(12).describe() == "12 months after the trigger"

    @pytest.mark.parametrize("months", [-1, -6])
    def test_negative_months_are_refused(self, months: int) -> None:
        with pytest.raises(InvalidArgumentError, match="months"):
            MonthsAfter(months)

    @pytest.mark.parametrize("months", [6.0, "6", False])
    def test_months_must_be_an_int(self, months: object) -> None:
        with pytest.raises(InvalidArgumentError, match="months"):
            MonthsAfter(months)  # type: ignore[arg-type]


class TestDeadline:
    DUE_13_JANUARY = WorkingDaysAfter(15).deadline(
        date(2026, 12, 18), ENGLAND, clause="3.14.12 §2", trigger_name="allocation"
    )

    def test_str_gives_date_rule_and_clause(self) -> None:
        assert str(self.DUE_13_JANUARY) == (
            "2027-01-13: 15 working days after allocation on 2026-12-18 (3.14.12 §2)"
        )

    def test_the_day_before_the_due_date_is_not_overdue(self) -> None:
        assert not self.DUE_13_JANUARY.is_overdue(date(2027, 1, 12))

    def test_the_due_day_itself_is_on_time(self) -> None:
        assert not self.DUE_13_JANUARY.is_overdue(date(2027, 1, 13))

    def test_the_day_after_the_due_date_is_overdue(self) -> None:
        assert self.DUE_13_JANUARY.is_overdue(date(2027, 1, 14))

    def test_is_overdue_refuses_a_datetime(self) -> None:
        with pytest.raises(InvalidDateTypeError) as info:
            self.DUE_13_JANUARY.is_overdue(datetime(2027, 1, 14, 9, 0))
        assert info.value.argument == "as_of"

    def test_a_deadline_without_a_trigger(self) -> None:
        deadline = Deadline(date(2027, 3, 31), "end of the quarter", "3.14.13 §2", "quarterly")
        assert deadline.trigger is None
        assert str(deadline) == "2027-03-31: end of the quarter (3.14.13 §2)"

    def test_a_deadline_is_not_a_date(self) -> None:
        assert not isinstance(self.DUE_13_JANUARY, date)

    def test_deadlines_are_frozen_values(self) -> None:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            self.DUE_13_JANUARY.due = date(2027, 1, 14)  # type: ignore[misc]
        same = WorkingDaysAfter(15).deadline(
            date(2026, 12, 18),
            WorkingCalendar.england(),
            clause="3.14.12 §2",
            trigger_name="allocation",
        )
        assert same == self.DUE_13_JANUARY
        assert hash(same) == hash(self.DUE_13_JANUARY)
