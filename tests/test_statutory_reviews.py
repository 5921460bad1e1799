"""Looked-after and pathway-plan review schedules: hand-computed due dates and properties."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol._errors import InvalidArgumentError
from care_justice_protocol.calendar._working_days import WorkingCalendar
from care_justice_protocol.statutory._reviews import (
    Detention,
    ReviewKind,
    ReviewState,
    looked_after_reviews,
    pathway_plan_reviews,
)

CAL = WorkingCalendar.england()


class TestLookedAfterReviews:
    def test_first_review_within_20_working_days_over_christmas(self) -> None:
        # Fri 18 Dec 2026: 15 working days is Wed 13 Jan 2027; 5 more is Wed 20 Jan.
        [first] = looked_after_reviews(date(2026, 12, 18), [], CAL, date(2027, 1, 20))
        assert first.deadline.due == date(2027, 1, 20)
        assert first.state is ReviewState.DUE
        assert first.deadline.clause.endswith("reg 33(1)")
        assert first.deadline.policy == CAL.describe()
        assert first.deadline.trigger == date(2026, 12, 18)

    def test_first_review_overdue_the_day_after(self) -> None:
        [first] = looked_after_reviews(date(2026, 12, 18), [], CAL, date(2027, 1, 21))
        assert first.state is ReviewState.OVERDUE

    def test_second_within_3_months_then_every_6_months_from_the_actual_review(self) -> None:
        checks = looked_after_reviews(
            date(2026, 12, 18),
            [date(2027, 1, 20), date(2027, 4, 21)],
            CAL,
            date(2027, 10, 21),
        )
        assert [(c.number, c.state, c.deadline.due) for c in checks] == [
            (1, ReviewState.MET, date(2027, 1, 20)),
            (2, ReviewState.MET_LATE, date(2027, 4, 20)),
            (3, ReviewState.DUE, date(2027, 10, 21)),
        ]
        assert checks[1].deadline.clause.endswith("reg 33(2)")
        assert checks[2].deadline.rule == "6 months after the previous review on 2027-04-21"

    def test_third_review_overdue_the_day_after_its_due_date(self) -> None:
        checks = looked_after_reviews(
            date(2026, 12, 18), [date(2027, 1, 20), date(2027, 4, 21)], CAL, date(2027, 10, 22)
        )
        assert checks[-1].state is ReviewState.OVERDUE

    def test_month_end_clipping_is_from_the_actual_review(self) -> None:
        checks = looked_after_reviews(
            date(2026, 11, 2), [date(2026, 11, 30), date(2027, 2, 28)], CAL, date(2027, 3, 1)
        )
        assert [c.deadline.due for c in checks] == [
            date(2026, 11, 30),
            date(2027, 2, 28),
            date(2027, 8, 28),
        ]

    def test_reviews_before_the_trigger_or_after_as_of_are_ignored(self) -> None:
        checks = looked_after_reviews(
            date(2026, 1, 5), [date(2025, 12, 1), date(2026, 3, 1)], CAL, date(2026, 2, 1)
        )
        assert [c.held_on for c in checks] == [None]

    def test_as_of_before_the_trigger_gives_nothing(self) -> None:
        assert looked_after_reviews(date(2026, 1, 5), [], CAL, date(2026, 1, 4)) == []

    def test_str_reads_as_a_sentence(self) -> None:
        [c] = looked_after_reviews(date(2026, 1, 5), [date(2026, 1, 30)], CAL, date(2026, 1, 30))[
            :1
        ]
        assert str(c).startswith("looked-after review 1: met, held 2026-01-30; 2026-02-02: ")


class TestDetentionReview:
    """Looked after from Mon 5 Jan 2026; reviews 30 Jan and 28 Apr; the third due 28 Oct."""

    HELD = (
        date(2026, 1, 30),
        date(2026, 4, 28),
    )

    def test_release_before_the_next_review_needs_an_earlier_one(self) -> None:
        checks = looked_after_reviews(
            date(2026, 1, 5),
            self.HELD,
            CAL,
            date(2026, 8, 14),
            detention=Detention(date(2026, 6, 1), date(2026, 8, 15)),
        )
        det = checks[-1]
        assert det.kind is ReviewKind.DETENTION
        assert det.deadline.due == date(2026, 8, 14)
        assert det.state is ReviewState.DUE
        assert det.deadline.clause.endswith("reg 33(3)(d)")

    def test_a_review_during_detention_meets_it(self) -> None:
        checks = looked_after_reviews(
            date(2026, 1, 5),
            [*self.HELD, date(2026, 7, 20)],
            CAL,
            date(2026, 9, 1),
            detention=Detention(date(2026, 6, 1), date(2026, 8, 15)),
        )
        assert checks[2].held_on == date(2026, 7, 20)
        assert checks[-1].kind is ReviewKind.DETENTION
        assert checks[-1].state is ReviewState.MET

    def test_no_extra_review_when_the_next_one_falls_before_release(self) -> None:
        checks = looked_after_reviews(
            date(2026, 1, 5),
            self.HELD,
            CAL,
            date(2026, 9, 1),
            detention=Detention(date(2026, 6, 1), date(2026, 11, 30)),
        )
        assert [c.kind for c in checks] == [ReviewKind.LOOKED_AFTER] * 3

    def test_release_must_follow_the_start(self) -> None:
        with pytest.raises(InvalidArgumentError):
            Detention(date(2026, 6, 1), date(2026, 6, 1))


class TestPathwayPlanReviews:
    def test_every_6_months_from_the_last_review(self) -> None:
        checks = pathway_plan_reviews(
            date(2025, 8, 31), [date(2026, 2, 27), date(2026, 9, 1)], date(2026, 9, 1)
        )
        assert [(c.state, c.deadline.due) for c in checks] == [
            (ReviewState.MET, date(2026, 2, 28)),
            (ReviewState.MET_LATE, date(2026, 8, 27)),
            (ReviewState.DUE, date(2027, 3, 1)),
        ]
        assert all(
            c.deadline.clause == "Care Leavers (England) Regulations 2010 reg 7" for c in checks
        )
        assert checks[0].deadline.rule == "6 months after the pathway plan on 2025-08-31"

    def test_reviews_on_30_and_31_october_give_the_same_due_date(self) -> None:
        checks = pathway_plan_reviews(
            date(2016, 5, 1), [date(2016, 10, 30), date(2016, 10, 31)], date(2016, 11, 1)
        )
        assert [c.deadline.due for c in checks] == [
            date(2016, 11, 1),
            date(2017, 4, 30),
            date(2017, 4, 30),
        ]

    def test_review_on_the_day_the_plan_was_made_does_not_count(self) -> None:
        [c] = pathway_plan_reviews(date(2025, 8, 31), [date(2025, 8, 31)], date(2025, 9, 1))
        assert c.held_on is None

    def test_as_of_before_the_plan(self) -> None:
        assert pathway_plan_reviews(date(2025, 8, 31), [], date(2025, 8, 30)) == []


class TestProperties:
    @given(
        st.dates(date(2015, 1, 1), date(2035, 12, 31)),
        st.lists(st.integers(1, 400), max_size=6),
        st.integers(0, 3000),
    )
    def test_due_dates_never_decrease_and_each_follows_the_previous_review(
        self, start: date, gaps: list[int], horizon: int
    ) -> None:
        held = []
        d = start
        for g in gaps:
            d += timedelta(days=g)
            held.append(d)
        as_of = start + timedelta(days=horizon)
        for checks in (
            looked_after_reviews(start, held, CAL, as_of),
            pathway_plan_reviews(start, held, as_of),
        ):
            dues = [c.deadline.due for c in checks]
            # Never decreasing; two reviews on 30 and 31 October both give 30 April.
            assert dues == sorted(dues)
            for prev, nxt in itertools.pairwise(checks):
                assert prev.held_on is not None
                assert nxt.deadline.trigger == prev.held_on
            assert all(c.held_on is not None for c in checks[:-1])
            assert checks[-1].held_on is None
