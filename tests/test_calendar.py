"""Tests for ``WorkingCalendar`` and ``BankHolidays``.

Every expected date below was checked by hand against a printed calendar and the
published England & Wales bank holidays; the property tests compare the library with an
independent day-by-day implementation built straight on the ``holidays`` package.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import attrs
import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol import (
    BankHolidays,
    CareJusticeError,
    DateOutOfRangeError,
    InvalidArgumentError,
    InvalidDateTypeError,
    WorkingCalendar,
)

ENGLAND = WorkingCalendar.england()

# ----------------------------------------------------------------------------------------
# An independent, obviously-correct reference: walk one day at a time.

FIRST_DAY = date(2015, 1, 1)
LAST_DAY = date(2035, 12, 31)
_NAIVE_BANK_HOLIDAYS = frozenset(
    holidays.country_holidays("GB", subdiv="ENG", years=range(2014, 2037))
)
_ONE_DAY = timedelta(days=1)


def naive_is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _NAIVE_BANK_HOLIDAYS


def naive_add_working_days(day: date, n: int) -> date:
    step = 1 if n > 0 else -1
    remaining = abs(n)
    while remaining:
        day += step * _ONE_DAY
        if naive_is_working_day(day):
            remaining -= 1
    return day


def naive_working_days_between(start: date, end: date) -> int:
    lo, hi, sign = (start, end, 1) if start <= end else (end, start, -1)
    count = 0
    day = lo + _ONE_DAY
    while day <= hi:
        count += naive_is_working_day(day)
        day += _ONE_DAY
    return sign * count


days = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY)
counts = st.integers(min_value=-60, max_value=60)
non_negative_counts = st.integers(min_value=0, max_value=60)


# ----------------------------------------------------------------------------------------
# Worked examples


class TestAddWorkingDaysWorkedExamples:
    def test_allocation_on_monday_23_november_meets_by_14_december(self) -> None:
        assert ENGLAND.add_working_days(date(2026, 11, 23), 15) == date(2026, 12, 14)

    def test_allocation_on_friday_18_december_meets_by_13_january(self) -> None:
        # Christmas Fri 25, Boxing Day substituted to Mon 28, New Year's Day Fri 1.
        assert ENGLAND.add_working_days(date(2026, 12, 18), 15) == date(2027, 1, 13)

    def test_allocation_on_saturday_19_december_also_meets_by_13_january(self) -> None:
        assert ENGLAND.add_working_days(date(2026, 12, 19), 15) == date(2027, 1, 13)

    def test_allocation_on_sunday_20_december_also_meets_by_13_january(self) -> None:
        assert ENGLAND.add_working_days(date(2026, 12, 20), 15) == date(2027, 1, 13)

    def test_allocation_on_thursday_30_april_2020_skips_ve_day(self) -> None:
        # The early May bank holiday moved from Mon 4 May to Fri 8 May (VE Day 75).
        assert ENGLAND.add_working_days(date(2020, 4, 30), 15) == date(2020, 5, 22)

    def test_allocation_on_christmas_day_counts_from_the_next_working_day(self) -> None:
        # Day 1 is Tue 29 December 2026.
        assert ENGLAND.add_working_days(date(2026, 12, 25), 1) == date(2026, 12, 29)

    def test_one_working_day_after_friday_is_monday(self) -> None:
        assert ENGLAND.add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 30)

    def test_first_working_day_after_christmas_eve_2021_is_29_december(self) -> None:
        # Christmas and Boxing Day 2021 fell at the weekend: substitutes Mon 27, Tue 28.
        assert ENGLAND.add_working_days(date(2021, 12, 24), 1) == date(2021, 12, 29)

    def test_jubilee_weekend_2022_skips_thursday_and_friday(self) -> None:
        # Spring bank holiday moved to Thu 2 June, Platinum Jubilee Fri 3 June.
        assert ENGLAND.add_working_days(date(2022, 6, 1), 1) == date(2022, 6, 6)

    def test_state_funeral_2022_is_skipped(self) -> None:
        assert ENGLAND.add_working_days(date(2022, 9, 16), 1) == date(2022, 9, 20)

    def test_coronation_2023_is_skipped(self) -> None:
        # Mon 1 May 2023 (early May) and Mon 8 May 2023 (Coronation) are both closed:
        # from Fri 28 April, days 1-4 are 2-5 May and day 5 is Tue 9 May.
        assert ENGLAND.add_working_days(date(2023, 4, 28), 4) == date(2023, 5, 5)
        assert ENGLAND.add_working_days(date(2023, 4, 28), 5) == date(2023, 5, 9)

    def test_zero_days_returns_the_date_unchanged_on_a_working_day(self) -> None:
        assert ENGLAND.add_working_days(date(2026, 11, 23), 0) == date(2026, 11, 23)

    def test_zero_days_returns_the_date_unchanged_even_on_a_bank_holiday(self) -> None:
        assert ENGLAND.add_working_days(date(2026, 12, 25), 0) == date(2026, 12, 25)

    def test_zero_days_returns_the_date_unchanged_even_on_a_saturday(self) -> None:
        assert ENGLAND.add_working_days(date(2026, 12, 19), 0) == date(2026, 12, 19)


class TestAddWorkingDaysBackwards:
    def test_minus_one_from_monday_is_the_friday_before(self) -> None:
        assert ENGLAND.add_working_days(date(2026, 11, 30), -1) == date(2026, 11, 27)

    def test_minus_one_from_a_working_day_is_strictly_before_it(self) -> None:
        assert ENGLAND.add_working_days(date(2026, 11, 25), -1) == date(2026, 11, 24)

    def test_minus_one_from_4_january_2027_goes_back_over_new_year(self) -> None:
        assert ENGLAND.add_working_days(date(2027, 1, 4), -1) == date(2026, 12, 31)

    def test_minus_fifteen_from_13_january_2027_returns_to_18_december(self) -> None:
        assert ENGLAND.add_working_days(date(2027, 1, 13), -15) == date(2026, 12, 18)

    def test_minus_one_from_29_december_2021_skips_both_substitute_days(self) -> None:
        assert ENGLAND.add_working_days(date(2021, 12, 29), -1) == date(2021, 12, 24)

    def test_minus_one_from_a_sunday_is_the_friday(self) -> None:
        assert ENGLAND.add_working_days(date(2026, 11, 29), -1) == date(2026, 11, 27)


class TestIsWorkingDay:
    @pytest.mark.parametrize(
        ("day", "why"),
        [
            (date(2020, 5, 8), "VE Day 75: early May bank holiday moved"),
            (date(2022, 6, 2), "spring bank holiday moved for the Platinum Jubilee"),
            (date(2022, 6, 3), "Platinum Jubilee"),
            (date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
            (date(2023, 5, 8), "Coronation of Charles III"),
        ],
    )
    def test_one_off_bank_holidays_are_not_working_days(self, day: date, why: str) -> None:
        assert not ENGLAND.is_working_day(day), why

    def test_4_may_2020_is_a_working_day_because_the_holiday_moved(self) -> None:
        assert ENGLAND.is_working_day(date(2020, 5, 4))

    def test_30_may_2022_is_a_working_day_because_spring_holiday_moved(self) -> None:
        assert ENGLAND.is_working_day(date(2022, 5, 30))

    @pytest.mark.parametrize(
        "day",
        [
            date(2021, 12, 27),  # Christmas Day (Sat) substituted
            date(2021, 12, 28),  # Boxing Day (Sun) substituted
            date(2022, 1, 3),  # New Year's Day (Sat) substituted
            date(2022, 12, 27),  # Christmas Day (Sun) substituted
            date(2023, 1, 2),  # New Year's Day (Sun) substituted
            date(2026, 12, 28),  # Boxing Day (Sat) substituted
        ],
    )
    def test_substitute_days_are_not_working_days(self, day: date) -> None:
        assert not ENGLAND.is_working_day(day)

    @pytest.mark.parametrize(
        "day",
        [date(2026, 12, 25), date(2027, 1, 1), date(2026, 4, 3), date(2026, 4, 6)],
    )
    def test_regular_bank_holidays_are_not_working_days(self, day: date) -> None:
        assert not ENGLAND.is_working_day(day)

    def test_saturday_and_sunday_are_not_working_days(self) -> None:
        assert not ENGLAND.is_working_day(date(2026, 11, 28))
        assert not ENGLAND.is_working_day(date(2026, 11, 29))

    def test_an_ordinary_weekday_is_a_working_day(self) -> None:
        assert ENGLAND.is_working_day(date(2026, 11, 25))

    def test_christmas_eve_is_a_working_day(self) -> None:
        assert ENGLAND.is_working_day(date(2026, 12, 24))

    def test_a_date_subclass_that_is_not_a_datetime_is_accepted(self) -> None:
        class LocalDate(date):
            pass

        assert not ENGLAND.is_working_day(LocalDate(2026, 12, 25))
        assert ENGLAND.is_working_day(LocalDate(2026, 12, 24))


class TestNextAndPreviousWorkingDay:
    def test_next_working_day_after_christmas_eve_2026_is_29_december(self) -> None:
        assert ENGLAND.next_working_day(date(2026, 12, 24)) == date(2026, 12, 29)

    def test_next_working_day_is_strictly_after_a_working_day(self) -> None:
        assert ENGLAND.next_working_day(date(2026, 11, 24)) == date(2026, 11, 25)

    def test_next_working_day_after_friday_is_monday(self) -> None:
        assert ENGLAND.next_working_day(date(2026, 11, 27)) == date(2026, 11, 30)

    def test_previous_working_day_before_29_december_2026_is_christmas_eve(self) -> None:
        assert ENGLAND.previous_working_day(date(2026, 12, 29)) == date(2026, 12, 24)

    def test_previous_working_day_before_tuesday_after_easter_is_maundy_thursday(
        self,
    ) -> None:
        # Easter 2026: Good Friday 3 April, Easter Monday 6 April.
        assert ENGLAND.previous_working_day(date(2026, 4, 7)) == date(2026, 4, 2)


class TestWorkingDaysBetween:
    def test_18_december_to_13_january_is_fifteen(self) -> None:
        assert ENGLAND.working_days_between(date(2026, 12, 18), date(2027, 1, 13)) == 15

    def test_reversed_interval_is_negative(self) -> None:
        assert ENGLAND.working_days_between(date(2027, 1, 13), date(2026, 12, 18)) == -15

    def test_same_day_is_zero(self) -> None:
        assert ENGLAND.working_days_between(date(2026, 11, 25), date(2026, 11, 25)) == 0

    def test_start_is_excluded_and_end_is_included(self) -> None:
        # (Wed 25, Thu 26] holds only Thursday.
        assert ENGLAND.working_days_between(date(2026, 11, 25), date(2026, 11, 26)) == 1

    def test_friday_to_monday_is_one(self) -> None:
        assert ENGLAND.working_days_between(date(2026, 11, 27), date(2026, 11, 30)) == 1

    def test_saturday_to_sunday_is_zero(self) -> None:
        assert ENGLAND.working_days_between(date(2026, 11, 28), date(2026, 11, 29)) == 0

    def test_christmas_eve_to_29_december_is_one(self) -> None:
        assert ENGLAND.working_days_between(date(2026, 12, 24), date(2026, 12, 29)) == 1

    def test_the_year_2026_has_253_working_days(self) -> None:
        # 261 weekdays less 8 weekday bank holidays: 1 Jan, 3 and 6 Apr, 4 and 25 May,
        # 31 Aug, 25 Dec and 28 Dec (Boxing Day substitute). (31 Dec 2025, 31 Dec 2026]
        # is exactly the days of 2026.
        assert ENGLAND.working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 253

    def test_is_antisymmetric_across_a_year_boundary(self) -> None:
        a, b = date(2021, 12, 20), date(2022, 1, 10)
        assert ENGLAND.working_days_between(a, b) == -ENGLAND.working_days_between(b, a)
        # 21-24 Dec (4), 29-31 Dec (3), 4-7 Jan (4), 10 Jan (1).
        assert ENGLAND.working_days_between(a, b) == 12


class TestExtraClosures:
    CLOSED_ON_CHRISTMAS_EVE = WorkingCalendar.england(extra_closures=[date(2026, 12, 24)])

    def test_a_local_closure_is_not_a_working_day(self) -> None:
        assert not self.CLOSED_ON_CHRISTMAS_EVE.is_working_day(date(2026, 12, 24))
        assert ENGLAND.is_working_day(date(2026, 12, 24))

    def test_a_local_closure_shifts_the_christmas_deadline_to_14_january(self) -> None:
        # 21, 22, 23 Dec (3); 29, 30, 31 Dec (6); 4-8 Jan (11); 11-14 Jan (15).
        cal = self.CLOSED_ON_CHRISTMAS_EVE
        assert cal.add_working_days(date(2026, 12, 18), 15) == date(2027, 1, 14)

    def test_a_local_closure_is_counted_out_of_working_days_between(self) -> None:
        cal = self.CLOSED_ON_CHRISTMAS_EVE
        assert cal.working_days_between(date(2026, 12, 18), date(2027, 1, 13)) == 14

    def test_a_local_closure_on_a_weekend_changes_nothing(self) -> None:
        cal = WorkingCalendar.england(extra_closures=[date(2026, 12, 19)])
        assert cal.add_working_days(date(2026, 12, 18), 15) == date(2027, 1, 13)

    def test_with_closures_adds_to_the_existing_closures(self) -> None:
        cal = self.CLOSED_ON_CHRISTMAS_EVE.with_closures(date(2026, 12, 29), date(2026, 12, 30))
        assert cal.extra_closures == {date(2026, 12, 24), date(2026, 12, 29), date(2026, 12, 30)}
        assert cal.next_working_day(date(2026, 12, 23)) == date(2026, 12, 31)

    def test_with_closures_leaves_the_original_calendar_alone(self) -> None:
        ENGLAND.with_closures(date(2026, 11, 25))
        assert ENGLAND.is_working_day(date(2026, 11, 25))
        assert ENGLAND.extra_closures == frozenset()

    def test_a_closure_added_after_a_query_is_honoured(self) -> None:
        cal = WorkingCalendar.england()
        assert cal.is_working_day(date(2026, 11, 25))  # builds the table
        assert not cal.with_closures(date(2026, 11, 25)).is_working_day(date(2026, 11, 25))

    def test_a_closure_item_that_is_a_datetime_is_refused(self) -> None:
        with pytest.raises(InvalidDateTypeError, match="extra_closures"):
            WorkingCalendar.england(extra_closures=[datetime(2026, 12, 24, 9, 0)])

    def test_a_closure_item_that_is_a_string_is_refused(self) -> None:
        with pytest.raises(InvalidDateTypeError, match="extra_closures"):
            WorkingCalendar.england(extra_closures=["2026-12-24"])  # type: ignore[list-item]

    def test_a_single_date_instead_of_a_collection_raises_a_library_error(self) -> None:
        # BUG: frozenset(date) raises a bare TypeError, not a CareJusticeError.
        with pytest.raises(CareJusticeError):
            WorkingCalendar.england(extra_closures=date(2026, 12, 24))  # type: ignore[arg-type]


class TestCustomWeekend:
    FRIDAY_SATURDAY = WorkingCalendar.weekdays_only(weekend=(4, 5))

    def test_friday_and_saturday_are_not_working_days(self) -> None:
        assert not self.FRIDAY_SATURDAY.is_working_day(date(2026, 11, 27))  # Friday
        assert not self.FRIDAY_SATURDAY.is_working_day(date(2026, 11, 28))  # Saturday

    def test_sunday_is_a_working_day(self) -> None:
        assert self.FRIDAY_SATURDAY.is_working_day(date(2026, 11, 29))

    def test_day_one_after_thursday_is_sunday(self) -> None:
        assert self.FRIDAY_SATURDAY.add_working_days(date(2026, 11, 26), 1) == date(2026, 11, 29)

    def test_five_days_after_thursday_is_the_next_thursday(self) -> None:
        # Sun 29, Mon 30, Tue 1, Wed 2, Thu 3.
        assert self.FRIDAY_SATURDAY.add_working_days(date(2026, 11, 26), 5) == date(2026, 12, 3)

    def test_bank_holidays_still_apply_with_a_custom_weekend(self) -> None:
        cal = WorkingCalendar.england(weekend=(4, 5))
        # Sun 27 Dec 2026 works; Mon 28 (Boxing Day substitute) is closed.
        assert cal.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 27)
        assert cal.add_working_days(date(2026, 12, 24), 2) == date(2026, 12, 29)

    def test_only_sunday_working(self) -> None:
        cal = WorkingCalendar.england(weekend=range(6))
        assert cal.add_working_days(date(2026, 12, 24), 2) == date(2027, 1, 3)

    def test_an_empty_weekend_makes_every_non_holiday_a_working_day(self) -> None:
        cal = WorkingCalendar.england(weekend=())
        # Sat 26 Dec 2026 is Boxing Day itself and Mon 28 its substitute: both closed.
        assert cal.add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 27)
        assert cal.add_working_days(date(2026, 12, 24), 2) == date(2026, 12, 29)
        assert cal.is_working_day(date(2026, 11, 28))  # an ordinary Saturday

    @pytest.mark.parametrize("bad", [[7], [-1], ["5"], [5.0], [True]])
    def test_weekday_numbers_outside_0_to_6_are_refused(self, bad: list[object]) -> None:
        with pytest.raises(InvalidArgumentError, match="weekend"):
            WorkingCalendar.england(weekend=bad)  # type: ignore[arg-type]

    def test_a_weekend_of_all_seven_days_is_refused(self) -> None:
        with pytest.raises(InvalidArgumentError, match="seven"):
            WorkingCalendar.england(weekend=range(7))

    def test_a_weekend_of_all_seven_days_is_refused_without_bank_holidays(self) -> None:
        with pytest.raises(InvalidArgumentError):
            WorkingCalendar.weekdays_only(weekend=range(7))

    def test_a_weekend_given_as_a_single_int_raises_a_library_error(self) -> None:
        # BUG: frozenset(5) raises a bare TypeError, not a CareJusticeError.
        with pytest.raises(CareJusticeError):
            WorkingCalendar.england(weekend=5)  # type: ignore[arg-type]


class TestClosureReasons:
    def test_a_working_day_has_no_closure_reason(self) -> None:
        assert ENGLAND.closure_reason(date(2026, 11, 25)) is None

    def test_a_weekend_day_is_closed_for_the_weekend(self) -> None:
        assert ENGLAND.closure_reason(date(2026, 11, 28)) == "weekend"

    @pytest.mark.parametrize(
        ("day", "reason"),
        [
            (date(2026, 12, 28), "Boxing Day (observed)"),
            (date(2022, 9, 19), "State Funeral of Queen Elizabeth II"),
            (date(2023, 5, 8), "Coronation of Charles III"),
            (date(2022, 6, 3), "Platinum Jubilee of Elizabeth II"),
            (date(2026, 12, 25), "Christmas Day"),
        ],
    )
    def test_a_bank_holiday_is_named(self, day: date, reason: str) -> None:
        assert ENGLAND.closure_reason(day) == reason

    def test_a_local_closure_is_named_as_such(self) -> None:
        cal = WorkingCalendar.england(extra_closures=[date(2026, 12, 24)])
        assert cal.closure_reason(date(2026, 12, 24)) == "local closure"

    def test_a_bank_holiday_that_is_also_a_local_closure_keeps_its_name(self) -> None:
        cal = WorkingCalendar.england(extra_closures=[date(2026, 12, 25)])
        assert cal.closure_reason(date(2026, 12, 25)) == "Christmas Day"

    def test_closures_between_names_the_christmas_closures(self) -> None:
        assert ENGLAND.closures_between(date(2026, 12, 18), date(2027, 1, 13)) == [
            (date(2026, 12, 25), "Christmas Day"),
            (date(2026, 12, 28), "Boxing Day (observed)"),
            (date(2027, 1, 1), "New Year's Day"),
        ]

    def test_closures_between_leaves_out_holidays_falling_at_the_weekend(self) -> None:
        # Christmas 2021 (Sat) and Boxing Day (Sun): only the substitutes close an office.
        assert ENGLAND.closures_between(date(2021, 12, 24), date(2022, 1, 4)) == [
            (date(2021, 12, 27), "Christmas Day (observed)"),
            (date(2021, 12, 28), "Boxing Day (observed)"),
            (date(2022, 1, 3), "New Year's Day (observed)"),
        ]

    def test_closures_between_includes_local_closures(self) -> None:
        cal = WorkingCalendar.england(extra_closures=[date(2026, 12, 24)])
        assert cal.closures_between(date(2026, 12, 18), date(2026, 12, 26)) == [
            (date(2026, 12, 24), "local closure"),
            (date(2026, 12, 25), "Christmas Day"),
        ]

    def test_closures_between_excludes_start_and_includes_end(self) -> None:
        assert ENGLAND.closures_between(date(2026, 12, 25), date(2026, 12, 28)) == [
            (date(2026, 12, 28), "Boxing Day (observed)"),
        ]

    def test_closures_between_a_reversed_interval_is_empty(self) -> None:
        assert ENGLAND.closures_between(date(2027, 1, 13), date(2026, 12, 18)) == []


class TestDescribe:
    def test_england(self) -> None:
        assert ENGLAND.describe() == (
            "working days: Mon-Fri less England & Wales bank holidays (holidays GB/ENG); "
            "day 1 = first working day after the trigger"
        )

    def test_england_with_one_local_closure(self) -> None:
        cal = WorkingCalendar.england(extra_closures=[date(2026, 12, 24)])
        assert cal.describe() == (
            "working days: Mon-Fri less England & Wales bank holidays (holidays GB/ENG) "
            "and 1 local closure day; day 1 = first working day after the trigger"
        )

    def test_england_with_two_local_closures(self) -> None:
        cal = WorkingCalendar.england(extra_closures=[date(2026, 12, 24), date(2026, 12, 31)])
        assert "and 2 local closure days;" in cal.describe()

    def test_weekdays_only(self) -> None:
        assert WorkingCalendar.weekdays_only().describe() == (
            "working days: Mon-Fri; day 1 = first working day after the trigger"
        )

    def test_a_custom_weekend_lists_the_working_days(self) -> None:
        cal = WorkingCalendar.england(weekend=(4, 5))
        assert cal.describe().startswith("working days: Mon,Tue,Wed,Thu,Sun less England")


class TestValueSemantics:
    def test_calendars_are_immutable(self) -> None:
        cal = WorkingCalendar.england()
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            cal.weekend = frozenset({6})  # type: ignore[misc]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            cal.extra_closures = frozenset({date(2026, 1, 2)})  # type: ignore[misc]

    def test_two_england_calendars_are_equal_and_hash_alike(self) -> None:
        assert WorkingCalendar.england() == WorkingCalendar.england()
        assert hash(WorkingCalendar.england()) == hash(WorkingCalendar.england())

    def test_england_equals_its_explicit_construction(self) -> None:
        explicit = WorkingCalendar(BankHolidays("GB", "ENG"), frozenset({5, 6}), frozenset())
        assert explicit == ENGLAND

    def test_different_closures_make_different_calendars(self) -> None:
        closed = WorkingCalendar.england(extra_closures=[date(2026, 12, 24)])
        assert closed != ENGLAND
        assert closed == WorkingCalendar.england(extra_closures=[date(2026, 12, 24)])

    def test_different_weekends_make_different_calendars(self) -> None:
        assert WorkingCalendar.england(weekend=(4, 5)) != ENGLAND

    def test_weekdays_only_differs_from_england(self) -> None:
        assert WorkingCalendar.weekdays_only() != ENGLAND

    def test_calendars_work_as_dict_keys_and_set_members(self) -> None:
        assert len({WorkingCalendar.england(), WorkingCalendar.england()}) == 1
        assert {ENGLAND: "x"}[WorkingCalendar.england()] == "x"

    def test_the_lazily_built_table_does_not_change_equality_or_hash(self) -> None:
        used, fresh = WorkingCalendar.england(), WorkingCalendar.england()
        before = hash(used)
        used.add_working_days(date(2026, 12, 18), 15)
        used.is_working_day(date(1900, 1, 1))
        assert used == fresh
        assert hash(used) == before == hash(fresh)

    def test_repr_does_not_show_the_table(self) -> None:
        cal = WorkingCalendar.england()
        cal.is_working_day(date(2026, 1, 1))
        assert "_table" not in repr(cal)
        assert repr(cal) == repr(WorkingCalendar.england())


class TestBankHolidays:
    def test_england_and_wales_is_gb_eng(self) -> None:
        assert BankHolidays.england_and_wales() == BankHolidays("GB", "ENG")

    def test_data_years_run_from_the_bank_holidays_act(self) -> None:
        assert BankHolidays.england_and_wales().years == range(1872, 2101)

    def test_between_names_the_2022_one_off_days(self) -> None:
        days_2022 = BankHolidays.england_and_wales().between(2022, 2022)
        assert days_2022[date(2022, 6, 3)] == "Platinum Jubilee of Elizabeth II"
        assert days_2022[date(2022, 9, 19)] == "State Funeral of Queen Elizabeth II"
        assert all(d.year == 2022 for d in days_2022)

    def test_between_years_outside_the_data_is_empty(self) -> None:
        assert BankHolidays.england_and_wales().between(1700, 1800) == {}

    def test_an_unknown_country_is_an_invalid_argument(self) -> None:
        with pytest.raises(InvalidArgumentError, match="XX"):
            WorkingCalendar(BankHolidays("XX")).is_working_day(date(2026, 1, 1))


# ----------------------------------------------------------------------------------------
# Errors


class TestArgumentTypes:
    @pytest.mark.parametrize("bad", [datetime(2026, 12, 18, 9, 30), "2026-12-18", None, 20261218])
    def test_add_working_days_refuses_a_non_date(self, bad: object) -> None:
        with pytest.raises(InvalidDateTypeError) as info:
            ENGLAND.add_working_days(bad, 15)  # type: ignore[arg-type]
        assert info.value.argument == "day"
        assert info.value.value is bad
        assert "day" in str(info.value)

    def test_the_error_is_both_a_library_error_and_a_type_error(self) -> None:
        with pytest.raises(CareJusticeError):
            ENGLAND.add_working_days("2026-12-18", 15)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            ENGLAND.add_working_days("2026-12-18", 15)  # type: ignore[arg-type]

    def test_a_datetime_message_says_to_call_date(self) -> None:
        with pytest.raises(InvalidDateTypeError, match=r"\.date\(\)"):
            ENGLAND.is_working_day(datetime(2026, 12, 18, 9, 30))

    def test_a_string_message_quotes_the_value(self) -> None:
        with pytest.raises(InvalidDateTypeError, match="'2026-12-18'"):
            ENGLAND.is_working_day("2026-12-18")  # type: ignore[arg-type]

    @pytest.mark.parametrize("bad", [datetime(2026, 12, 18, 9, 30), "2026-12-18", None])
    def test_is_working_day_refuses_a_non_date(self, bad: object) -> None:
        with pytest.raises(InvalidDateTypeError, match=r"^day "):
            ENGLAND.is_working_day(bad)  # type: ignore[arg-type]

    @pytest.mark.parametrize("bad", [datetime(2026, 12, 18, 9, 30), "2026-12-18", None])
    def test_working_days_between_names_start(self, bad: object) -> None:
        with pytest.raises(InvalidDateTypeError) as info:
            ENGLAND.working_days_between(bad, date(2027, 1, 13))  # type: ignore[arg-type]
        assert info.value.argument == "start"

    @pytest.mark.parametrize("bad", [datetime(2027, 1, 13, 9, 30), "2027-01-13", None])
    def test_working_days_between_names_end(self, bad: object) -> None:
        with pytest.raises(InvalidDateTypeError) as info:
            ENGLAND.working_days_between(date(2026, 12, 18), bad)  # type: ignore[arg-type]
        assert info.value.argument == "end"

    @pytest.mark.parametrize(
        "call",
        [
            ENGLAND.next_working_day,
            ENGLAND.previous_working_day,
            ENGLAND.closure_reason,
            ENGLAND.is_working_day,
        ],
    )
    def test_every_single_date_query_refuses_a_datetime(self, call: object) -> None:
        with pytest.raises(InvalidDateTypeError):
            call(datetime(2026, 12, 18, 9, 30))  # type: ignore[operator]

    def test_closures_between_refuses_a_string(self) -> None:
        with pytest.raises(InvalidDateTypeError) as info:
            ENGLAND.closures_between(date(2026, 12, 18), "2027-01-13")  # type: ignore[arg-type]
        assert info.value.argument == "end"

    @pytest.mark.parametrize("bad", [15.0, "15", True, False, None])
    def test_add_working_days_refuses_a_count_that_is_not_an_int(self, bad: object) -> None:
        with pytest.raises(InvalidArgumentError, match=r"^n must be an int"):
            ENGLAND.add_working_days(date(2026, 12, 18), bad)  # type: ignore[arg-type]

    def test_an_int_subclass_count_is_accepted(self) -> None:
        class Count(int):
            pass

        assert ENGLAND.add_working_days(date(2026, 12, 18), Count(15)) == date(2027, 1, 13)


class TestDateRange:
    def test_england_knows_1872_to_2100(self) -> None:
        assert ENGLAND.years == range(1872, 2101)

    def test_weekdays_only_knows_every_year_date_can_hold(self) -> None:
        assert WorkingCalendar.weekdays_only().years == range(1, 10000)

    @pytest.mark.parametrize("day", [date(1871, 12, 31), date(2101, 1, 1), date(1, 1, 1)])
    def test_is_working_day_outside_the_bank_holiday_years_raises(self, day: date) -> None:
        with pytest.raises(DateOutOfRangeError, match="1872-2100"):
            ENGLAND.is_working_day(day)

    @pytest.mark.parametrize("day", [date(1871, 12, 31), date(2101, 1, 1), date(9999, 12, 31)])
    def test_add_working_days_outside_the_bank_holiday_years_raises(self, day: date) -> None:
        with pytest.raises(DateOutOfRangeError):
            ENGLAND.add_working_days(day, 15)

    def test_an_answer_past_2100_raises_rather_than_wrapping(self) -> None:
        # Fri 31 December 2100 is the last day with known bank holidays.
        assert ENGLAND.add_working_days(date(2100, 12, 30), 1) == date(2100, 12, 31)
        with pytest.raises(DateOutOfRangeError):
            ENGLAND.add_working_days(date(2100, 12, 31), 1)

    def test_an_answer_before_1872_raises_rather_than_wrapping(self) -> None:
        with pytest.raises(DateOutOfRangeError):
            ENGLAND.add_working_days(date(1872, 1, 1), -1)

    def test_a_huge_count_raises_rather_than_wrapping(self) -> None:
        with pytest.raises(DateOutOfRangeError):
            ENGLAND.add_working_days(date(2026, 1, 1), 1_000_000)
        with pytest.raises(DateOutOfRangeError):
            ENGLAND.add_working_days(date(2026, 1, 1), -1_000_000)

    def test_working_days_between_outside_the_years_raises(self) -> None:
        with pytest.raises(DateOutOfRangeError):
            ENGLAND.working_days_between(date(2026, 1, 1), date(2101, 1, 1))
        with pytest.raises(DateOutOfRangeError):
            ENGLAND.working_days_between(date(1871, 12, 31), date(2026, 1, 1))

    def test_closure_questions_outside_the_years_raise(self) -> None:
        with pytest.raises(DateOutOfRangeError):
            ENGLAND.closure_reason(date(2101, 1, 3))
        with pytest.raises(DateOutOfRangeError):
            ENGLAND.closures_between(date(1871, 1, 1), date(1880, 1, 1))

    def test_the_error_is_both_a_library_error_and_an_overflow_error(self) -> None:
        with pytest.raises(CareJusticeError):
            ENGLAND.is_working_day(date(2101, 1, 1))
        with pytest.raises(OverflowError):
            ENGLAND.is_working_day(date(2101, 1, 1))

    def test_weekdays_only_reaches_the_last_day_date_can_hold(self) -> None:
        cal = WorkingCalendar.weekdays_only()
        # Fri 31 December 9999.
        assert cal.add_working_days(date(9999, 12, 30), 1) == date(9999, 12, 31)
        assert cal.is_working_day(date(9999, 12, 31))

    def test_weekdays_only_beyond_9999_raises(self) -> None:
        with pytest.raises(DateOutOfRangeError):
            WorkingCalendar.weekdays_only().add_working_days(date(9999, 12, 31), 1)

    def test_weekdays_only_before_year_1_raises(self) -> None:
        with pytest.raises(DateOutOfRangeError):
            WorkingCalendar.weekdays_only().add_working_days(date(1, 1, 1), -1)

    def test_weekdays_only_reaches_the_first_day_date_can_hold(self) -> None:
        # Mon 1 January 0001; Tue 2 January 0001 minus one is that Monday.
        assert WorkingCalendar.weekdays_only().add_working_days(date(1, 1, 2), -1) == date(1, 1, 1)

    def test_a_query_in_1890_then_2090_is_still_right(self) -> None:
        cal = WorkingCalendar.england()
        # Easter Monday 1890 was 7 April; Good Friday 4 April.
        assert not cal.is_working_day(date(1890, 4, 7))
        assert cal.add_working_days(date(1890, 4, 3), 1) == date(1890, 4, 8)
        # Easter 2090 is 16 April: Good Friday 14, Easter Monday 17.
        assert cal.add_working_days(date(2090, 4, 13), 1) == date(2090, 4, 18)
        assert cal.working_days_between(date(2090, 4, 13), date(2090, 4, 18)) == 1
        # And the widened table still answers the middle and the first query.
        assert cal.add_working_days(date(2026, 12, 18), 15) == date(2027, 1, 13)
        assert not cal.is_working_day(date(1890, 4, 7))

    def test_widening_the_table_agrees_with_the_holidays_package(self) -> None:
        cal = WorkingCalendar.england()
        cal.is_working_day(date(1890, 6, 2))
        years = [1872, 1890, 1950, 2090, 2100]
        source = holidays.country_holidays("GB", subdiv="ENG", years=years)
        for year in years:
            day = date(year, 1, 1)
            while day.year == year:
                assert cal.is_working_day(day) == (day.weekday() < 5 and day not in source)
                day += _ONE_DAY


# ----------------------------------------------------------------------------------------
# Properties against the naive implementation


class TestAgreesWithNaiveImplementation:
    @given(day=days, n=counts)
    def test_add_working_days_equals_naive(self, day: date, n: int) -> None:
        assert ENGLAND.add_working_days(day, n) == naive_add_working_days(day, n)

    @given(day=days, n=counts.filter(bool))
    def test_a_nonzero_count_lands_on_a_working_day(self, day: date, n: int) -> None:
        result = ENGLAND.add_working_days(day, n)
        assert result.weekday() < 5
        assert result not in _NAIVE_BANK_HOLIDAYS
        assert ENGLAND.is_working_day(result)
        assert (result > day) if n > 0 else (result < day)

    @given(day=days, n=counts)
    def test_add_working_days_is_strictly_increasing_in_n(self, day: date, n: int) -> None:
        assert ENGLAND.add_working_days(day, n) < ENGLAND.add_working_days(day, n + 1)

    @given(first=days, second=days, n=counts)
    def test_add_working_days_is_monotonic_in_the_date(
        self, first: date, second: date, n: int
    ) -> None:
        earlier, later = sorted((first, second))
        assert ENGLAND.add_working_days(earlier, n) <= ENGLAND.add_working_days(later, n)

    @given(day=days, n=non_negative_counts)
    def test_counting_back_recovers_n(self, day: date, n: int) -> None:
        assert ENGLAND.working_days_between(day, ENGLAND.add_working_days(day, n)) == n

    @given(day=days, n=non_negative_counts.filter(bool))
    def test_n_working_days_on_is_the_first_day_with_n_between(self, day: date, n: int) -> None:
        due = ENGLAND.add_working_days(day, n)
        assert ENGLAND.working_days_between(day, due - _ONE_DAY) == n - 1

    @given(start=days, span=st.integers(min_value=-90, max_value=90))
    def test_working_days_between_equals_naive(self, start: date, span: int) -> None:
        end = start + timedelta(days=span)
        assert ENGLAND.working_days_between(start, end) == naive_working_days_between(start, end)

    @given(first=days, second=days)
    def test_working_days_between_is_antisymmetric(self, first: date, second: date) -> None:
        assert ENGLAND.working_days_between(first, second) == -ENGLAND.working_days_between(
            second, first
        )

    @given(first=days, second=days, third=days)
    def test_working_days_between_adds_up(self, first: date, second: date, third: date) -> None:
        between = ENGLAND.working_days_between
        assert between(first, second) + between(second, third) == between(first, third)

    @given(day=days)
    def test_is_working_day_equals_naive(self, day: date) -> None:
        assert ENGLAND.is_working_day(day) == naive_is_working_day(day)

    @given(day=days)
    def test_next_and_previous_working_day_equal_naive(self, day: date) -> None:
        assert ENGLAND.next_working_day(day) == naive_add_working_days(day, 1)
        assert ENGLAND.previous_working_day(day) == naive_add_working_days(day, -1)

    @given(day=days)
    def test_next_and_previous_undo_each_other_on_working_days(self, day: date) -> None:
        working = ENGLAND.next_working_day(day)
        assert ENGLAND.next_working_day(ENGLAND.previous_working_day(working)) == working
        assert ENGLAND.previous_working_day(ENGLAND.next_working_day(working)) == working

    @given(day=days, n=counts)
    def test_a_fresh_calendar_gives_the_same_answer(self, day: date, n: int) -> None:
        # A new calendar builds its table around ``day``; the shared one already has one.
        fresh = WorkingCalendar.england()
        assert fresh.add_working_days(day, n) == ENGLAND.add_working_days(day, n)


class TestExhaustively:
    def test_fifteen_working_days_from_every_day_2015_to_2035_equals_naive(self) -> None:
        cal = WorkingCalendar.england()
        mismatches = []
        day = FIRST_DAY
        while day <= LAST_DAY:
            expected = naive_add_working_days(day, 15)
            if cal.add_working_days(day, 15) != expected:
                mismatches.append(day)
            day += _ONE_DAY
        assert mismatches == []

    def test_every_day_2015_to_2035_is_classified_as_naive(self) -> None:
        cal = WorkingCalendar.england()
        day = FIRST_DAY
        mismatches = []
        while day <= LAST_DAY:
            if cal.is_working_day(day) != naive_is_working_day(day):
                mismatches.append(day)
            day += _ONE_DAY
        assert mismatches == []
