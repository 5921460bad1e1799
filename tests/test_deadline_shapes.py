"""Due-date shapes: one small frozen type per way a protocol sets a due date.

Expected dates are checked by hand against the England calendar (bank holidays: Fri 25
and Mon 28 December 2026 - Boxing Day observed - and Fri 1 January 2027).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol import (
    PROTOCOL_3_14_12,
    BeforeEvent,
    ByTheDay,
    DeadlineShape,
    InvalidArgumentError,
    LocalTimescale,
    Match,
    MonthsAfter,
    NoTimescale,
    OnTheDay,
    PeriodPolicy,
    Recurring,
    Status,
    WorkingCalendar,
    WorkingDaysAfter,
    evaluate,
)
from care_justice_protocol.testing import Scenario

CAL = WorkingCalendar.england()
FRI_18_DEC = date(2026, 12, 18)
CAL_TEXT = CAL.describe()


class TestWorkingDaysAfter:
    def test_fifteen_working_days_over_christmas_end_on_wednesday_13_january(self) -> None:
        # Dec 21-24 (4), 29-31 (7), Jan 4-8 (12), 11-13 (15); 25, 28 Dec and 1 Jan closed.
        assert WorkingDaysAfter(15).due(FRI_18_DEC, CAL) == date(2027, 1, 13)

    def test_rule_names_the_trigger_date_and_policy_is_the_calendar(self) -> None:
        shape = WorkingDaysAfter(15)
        assert (
            shape.rule("allocation", FRI_18_DEC) == "15 working days after allocation on 2026-12-18"
        )
        assert shape.policy(CAL) == CAL_TEXT

    def test_deadline_keeps_its_behaviour(self) -> None:
        d = WorkingDaysAfter(1).deadline(FRI_18_DEC, CAL, clause="x", trigger_name="it")
        # day 1 is the first working day after Friday 18th: Monday 21st.
        assert (d.due, d.rule, d.policy) == (
            date(2026, 12, 21),
            "1 working day after it on 2026-12-18",
            CAL_TEXT,
        )


class TestMonthsAfter:
    def test_six_months_after_31_august_is_the_end_of_february(self) -> None:
        assert MonthsAfter(6).due(date(2026, 8, 31), CAL) == date(2027, 2, 28)

    def test_rule_and_policy(self) -> None:
        shape = MonthsAfter(1)
        assert shape.rule("release", date(2026, 1, 31)) == "1 month after release on 2026-01-31"
        assert (
            shape.policy(CAL)
            == "calendar months (dateutil relativedelta, clipped to the month's end)"
        )


class TestOnTheDayAndByTheDay:
    def test_on_the_day_is_the_trigger_even_on_christmas_day(self) -> None:
        christmas = date(2026, 12, 25)
        assert OnTheDay().due(christmas, CAL) == christmas
        assert (
            OnTheDay().rule("the sentencing hearing", christmas)
            == "on the day of the sentencing hearing"
        )
        assert OnTheDay().policy(CAL) == "calendar days"

    def test_by_the_day_is_the_trigger(self) -> None:
        assert ByTheDay().due(FRI_18_DEC, CAL) == FRI_18_DEC
        assert (
            ByTheDay().rule("the mappa-review meeting", FRI_18_DEC)
            == "by the day of the mappa-review meeting"
        )


class TestBeforeEvent:
    SHAPE = BeforeEvent(Match("court-hearing"))

    def test_due_on_the_first_awaited_event_on_or_after_the_trigger(self) -> None:
        later = [date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 9)]
        assert self.SHAPE.due(date(2026, 3, 2), CAL, later) == date(2026, 3, 2)
        assert self.SHAPE.due(date(2026, 3, 3), CAL, later) == date(2026, 3, 9)

    def test_no_due_date_while_waiting(self) -> None:
        assert self.SHAPE.due(date(2026, 3, 10), CAL, [date(2026, 3, 9)]) is None
        assert self.SHAPE.waiting() == "before court-hearing"
        assert self.SHAPE.awaits == Match("court-hearing")

    def test_words(self) -> None:
        assert self.SHAPE.rule("the charge", FRI_18_DEC) == "before court-hearing"


class TestNoTimescale:
    def test_no_due_date_no_policy(self) -> None:
        shape = NoTimescale()
        assert shape.due(FRI_18_DEC, CAL) is None
        assert shape.policy(CAL) == ""
        assert shape.waiting() is None
        assert shape.rule("allocation", FRI_18_DEC) == "no timescale in protocol"


class TestRecurring:
    def test_at_most_six_months_since_the_last(self) -> None:
        shape = Recurring(MonthsAfter(6))
        assert shape.due(date(2026, 8, 31), CAL) == date(2027, 2, 28)
        assert shape.rule("responsibility accepted by nps", date(2026, 8, 31)) == (
            "from responsibility accepted by nps, at most 6 months since the last "
            "(dateutil month arithmetic) on 2026-08-31"
        )
        # met on 4 Jan 2027: the next slot is due 6 months later, 4 July 2027.
        slots = shape.slots(date(2026, 8, 31), [date(2027, 1, 4)], date(2027, 3, 1))
        assert [(s.due, s.met_on) for s in slots] == [
            (date(2027, 2, 28), date(2027, 1, 4)),
            (date(2027, 7, 4), None),
        ]

    def test_per_calendar_half_year(self) -> None:
        shape = Recurring(MonthsAfter(6), "per-calendar-period")
        assert shape.reading is PeriodPolicy.PER_CALENDAR_PERIOD
        # 31 August is in the half-year Jul-Dec, which ends on 31 December.
        assert shape.due(date(2026, 8, 31), CAL) == date(2026, 12, 31)
        assert shape.policy(CAL) == "once in each calendar half-year (Jan-Jun, Jul-Dec)"

    @pytest.mark.parametrize("bad", [WorkingDaysAfter(5), "6 months", None])
    def test_wraps_only_a_months_shape(self, bad: object) -> None:
        with pytest.raises(InvalidArgumentError, match="must be a MonthsAfter"):
            Recurring(bad)  # type: ignore[arg-type]

    def test_zero_months_cannot_recur(self) -> None:
        with pytest.raises(InvalidArgumentError, match="months must be a whole number >= 1"):
            Recurring(MonthsAfter(0))

    def test_unknown_reading(self) -> None:
        with pytest.raises(InvalidArgumentError, match="weekly"):
            Recurring(MonthsAfter(6), "weekly")  # type: ignore[arg-type]


class TestLocalTimescale:
    def test_behaves_as_the_wrapped_shape_and_says_it_is_local(self) -> None:
        local = LocalTimescale(WorkingDaysAfter(10))
        # Dec 21-24 (4), 29-31 (7), Jan 4-6 (10).
        assert local.due(FRI_18_DEC, CAL) == date(2027, 1, 6)
        assert local.policy(CAL) == CAL_TEXT
        assert local.rule("the meeting", FRI_18_DEC) == (
            "local timescale: 10 working days after the meeting on 2026-12-18"
        )

    def test_in_place_of_a_protocol_timescale_it_names_the_protocols_own(self) -> None:
        local = LocalTimescale(WorkingDaysAfter(10), replaces=WorkingDaysAfter(15))
        # 10 working days after Fri 18 Dec 2026, as above: Wed 6 Jan 2027.
        assert local.due(FRI_18_DEC, CAL) == date(2027, 1, 6)
        assert local.rule("allocation", FRI_18_DEC) == (
            "local timescale: 10 working days after allocation on 2026-12-18 "
            "(protocol: 15 working days)"
        )
        assert local.describe("allocation") == (
            "local timescale: 10 working days after allocation (protocol: 15 working days)"
        )

    def test_where_the_protocol_gives_none_the_words_are_unchanged(self) -> None:
        local = LocalTimescale(WorkingDaysAfter(10), replaces=NoTimescale())
        assert local.rule("the meeting", FRI_18_DEC) == (
            "local timescale: 10 working days after the meeting on 2026-12-18"
        )

    def test_a_recurring_shape_may_be_wrapped_and_still_recurs(self) -> None:
        local = LocalTimescale(Recurring(MonthsAfter(3)), replaces=Recurring(MonthsAfter(6)))
        assert local.recurrence == Recurring(MonthsAfter(3)).recurrence
        # 31 Aug 2026 + 3 months = 30 Nov 2026 (clipped to the month's end).
        assert local.due(date(2026, 8, 31), CAL) == date(2026, 11, 30)
        assert local.rule("responsibility", date(2026, 8, 31)) == (
            "local timescale: from responsibility, at most 3 months since the last (dateutil "
            "month arithmetic) on 2026-08-31 (protocol: at most 6 months since the last "
            "(dateutil month arithmetic))"
        )

    @pytest.mark.parametrize("bad", [LocalTimescale(OnTheDay()), "10 working days", None])
    def test_wraps_a_shape_that_is_not_itself_local(self, bad: object) -> None:
        with pytest.raises(InvalidArgumentError, match="not itself local"):
            LocalTimescale(bad)  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError, match=r"replaces must be .* not itself local"):
            LocalTimescale(OnTheDay(), replaces=LocalTimescale(OnTheDay()))

    @pytest.mark.parametrize(
        ("shape", "words"),
        [
            (WorkingDaysAfter(1), "1 working day"),
            (WorkingDaysAfter(15), "15 working days"),
            (MonthsAfter(1), "1 month"),
            (MonthsAfter(6), "6 months"),
            (OnTheDay(), "on the day"),
            (ByTheDay(), "by the day"),
            (NoTimescale(), "no timescale in protocol"),
            (LocalTimescale(WorkingDaysAfter(5)), "local timescale: 5 working days"),
        ],
    )
    def test_every_shape_says_its_timescale_in_a_few_words(
        self, shape: DeadlineShape, words: str
    ) -> None:
        assert shape.timescale() == words


SHAPES = st.one_of(
    st.builds(WorkingDaysAfter, st.integers(0, 60)),
    st.builds(MonthsAfter, st.integers(0, 24)),
    st.just(OnTheDay()),
    st.just(ByTheDay()),
    st.just(NoTimescale()),
    st.builds(LocalTimescale, st.builds(WorkingDaysAfter, st.integers(0, 60))),
    st.builds(
        LocalTimescale,
        st.builds(WorkingDaysAfter, st.integers(0, 60)),
        st.builds(WorkingDaysAfter, st.integers(0, 60))
        | st.builds(MonthsAfter, st.integers(0, 24)),
    ),
)
DAYS = st.dates(date(2015, 1, 1), date(2035, 12, 31))


class TestEveryShape:
    @given(shape=SHAPES, day=DAYS)
    def test_a_due_date_is_never_before_the_trigger_and_has_a_policy(
        self, shape: DeadlineShape, day: date
    ) -> None:
        due = shape.due(day, CAL)
        assert (due is None) == (shape.policy(CAL) == "")
        assert due is None or due >= day
        words = shape.describe("x")
        replaced = getattr(shape, "replaces", None)
        if replaced is not None:  # "(protocol: ...)" closes the rule, after the date
            suffix = f" (protocol: {replaced.timescale()})"
            assert words.endswith(suffix)
            assert shape.rule("x", day).endswith(suffix)
            words = words.removesuffix(suffix)
        assert shape.rule("x", day).startswith(words)

    @given(days=st.integers(1, 60), day=DAYS)
    def test_working_days_land_on_a_working_day(self, days: int, day: date) -> None:
        due = WorkingDaysAfter(days).due(day, CAL)
        assert CAL.is_working_day(due)
        assert CAL.working_days_between(day, due) == days


@attrs.frozen
class CalendarDaysAfter(DeadlineShape):
    """A shape the library does not have yet: adding one is one class."""

    dated = True
    days: int

    def describe(self, trigger_name: str = "the trigger") -> str:
        return f"{self.days} calendar days after {trigger_name}"

    def due(self, trigger: date, calendar: WorkingCalendar, later: Sequence[date] = ()) -> date:
        return trigger + timedelta(days=self.days)

    def policy(self, calendar: WorkingCalendar) -> str:
        return "calendar days"


class TestANewShape:
    def test_the_engine_evaluates_a_shape_it_has_never_seen(self) -> None:
        oid = "3.14.12/2/meet-within-15-working-days"
        ob = PROTOCOL_3_14_12.obligation(oid)
        changed = attrs.evolve(
            PROTOCOL_3_14_12,
            obligations=tuple(
                attrs.evolve(o, deadline=CalendarDaysAfter(10)) if o is ob else o
                for o in PROTOCOL_3_14_12.obligations
            ),
        )
        case = Scenario.for_case("C-0001").joint_yos_next_steps(FRI_18_DEC).build()
        [r] = [r for r in evaluate(case, date(2027, 1, 5), protocol=changed) if r.obligation == oid]
        # 18 December + 10 calendar days = 28 December (a bank holiday: calendar days ignore it).
        assert (r.status, r.due, r.policy) == (Status.OVERDUE, date(2026, 12, 28), "calendar days")
        assert r.rule == "10 calendar days after allocation by yos on 2026-12-18"


class TestCalendarDaysAfter:
    """A text that counts days, not working days (#15: calendar days as a due-date shape)."""

    def test_christmas_and_the_weekend_count(self) -> None:
        from care_justice_protocol import CalendarDaysAfter, WorkingCalendar

        cal = WorkingCalendar.england()
        # Friday 18 December 2026: day 1 is Saturday 19th, day 7 is Friday 25th (Christmas).
        assert CalendarDaysAfter(7).due(date(2026, 12, 18), cal) == date(2026, 12, 25)
        assert CalendarDaysAfter(1).due(date(2026, 12, 18), cal) == date(2026, 12, 19)
        # Across the leap day: Tuesday 27 February 2024 + 3 = Friday 1 March 2024.
        assert CalendarDaysAfter(3).due(date(2024, 2, 27), cal) == date(2024, 3, 1)

    def test_the_words_say_calendar_days(self) -> None:
        from care_justice_protocol import CalendarDaysAfter, WorkingCalendar

        shape = CalendarDaysAfter(7)
        assert shape.rule("the charge", date(2026, 12, 18)) == (
            "7 calendar days after the charge on 2026-12-18"
        )
        assert "weekends and bank holidays count" in shape.policy(WorkingCalendar.england())

    def test_a_due_date_past_the_year_9999_is_refused(self) -> None:
        from care_justice_protocol import CalendarDaysAfter, DateOutOfRangeError

        with pytest.raises(DateOutOfRangeError, match="after the year 9999"):
            CalendarDaysAfter(2).due(date(9999, 12, 30))

    @given(st.dates(date(2000, 1, 1), date(2100, 1, 1)), st.integers(1, 3650))
    def test_the_due_date_is_exactly_that_many_days_later(self, day: date, days: int) -> None:
        from care_justice_protocol import CalendarDaysAfter

        assert (CalendarDaysAfter(days).due(day) - day).days == days
