"""Looked-after and pathway-plan review schedules: hand-computed due dates and properties."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol._errors import InvalidArgumentError, InvalidDateTypeError
from care_justice_protocol.calendar._working_days import WorkingCalendar
from care_justice_protocol.model._citation import Citation
from care_justice_protocol.statutory._care_leaver import (
    BirthdayPolicy,
    CareEpisode,
    _person,
    attained_age_on,
)
from care_justice_protocol.statutory._history import DetentionKind, EducationProgramme
from care_justice_protocol.statutory._legal_status import LegalBasis
from care_justice_protocol.statutory._reviews import (
    _BEFORE_END_POLICY as BEFORE_END_POLICY,
)
from care_justice_protocol.statutory._reviews import (
    _CARE_ENDS_FIRST_POLICY as CARE_ENDS_FIRST_POLICY,
)
from care_justice_protocol.statutory._reviews import (
    _PATHWAY_STATUS_START_POLICY as PATHWAY_STATUS_START_POLICY,
)
from care_justice_protocol.statutory._reviews import (
    EARLIER_REVIEW_POLICY,
    Detention,
    ProposalToCease,
    ReviewCheck,
    ReviewKind,
    ReviewState,
    looked_after_reviews,
    pathway_plan_reviews,
    statutory_reviews,
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

    def test_a_hospital_stay_is_not_detention(self) -> None:
        checks = looked_after_reviews(
            date(2026, 1, 5),
            self.HELD,
            CAL,
            date(2026, 8, 14),
            detention=Detention(date(2026, 6, 1), date(2026, 8, 15), DetentionKind.HOSPITAL),
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


# ------------------------------------------------ the whole schedule from the care history

DOB = date(2008, 3, 15)  # 16 on Fri 15 Mar 2024, 18 on Sun 15 Mar 2026
YOUNG = date(2012, 6, 1)  # 14 on Mon 1 Jun 2026: a long childhood for the reg 33 tests


def kinds(checks: list[ReviewCheck]) -> list[tuple[str, int, date, ReviewState]]:
    return [(c.kind.value, c.number, c.deadline.due, c.state) for c in checks]


class TestStatutoryReviewsPeriods:
    """s.20 from Mon 8 Jan 2024 to Mon 30 Sep 2024, then a relevant child."""

    EPISODES = (CareEpisode(date(2024, 1, 8), date(2024, 9, 30), "V2"),)
    HELD = (date(2024, 2, 2), date(2024, 5, 1))

    def test_looked_after_reviews_then_pathway_plan_reviews(self) -> None:
        checks = statutory_reviews(
            DOB, self.EPISODES, CAL, date(2025, 6, 1), reviews_held=self.HELD
        )
        assert kinds(checks) == [
            # 20 working days after Mon 8 Jan 2024 (no bank holiday): Mon 5 Feb.
            ("looked-after", 1, date(2024, 2, 5), ReviewState.MET),
            # 3 months after Fri 2 Feb: Thu 2 May.
            ("looked-after", 2, date(2024, 5, 2), ReviewState.MET),
            # The third (6 months after 1 May: 1 Nov) falls after care ended on 30 Sep: not
            # owed. The pathway plan, last reviewed at the review of 1 May, is due 1 Nov.
            ("pathway-plan", 1, date(2024, 11, 1), ReviewState.OVERDUE),
        ]
        assert [c.period_start for c in checks] == [
            date(2024, 1, 8),
            date(2024, 1, 8),
            date(2024, 10, 1),
        ]
        assert checks[2].source == Citation("Care Leavers (England) Regulations 2010", "reg 7")
        assert checks[2].deadline.rule == (
            "6 months after the last review of the pathway plan on 2024-05-01"
        )
        assert all(c.deadline.clause == str(c.source) for c in checks)

    @pytest.mark.parametrize(
        ("as_of", "state"),
        [
            (date(2024, 10, 31), ReviewState.DUE),
            (date(2024, 11, 1), ReviewState.DUE),
            (date(2024, 11, 2), ReviewState.OVERDUE),
        ],
    )
    def test_the_pathway_plan_review_on_its_due_date(self, as_of: date, state: ReviewState) -> None:
        checks = statutory_reviews(DOB, self.EPISODES, CAL, as_of, reviews_held=self.HELD)
        assert checks[-1].kind is ReviewKind.PATHWAY_PLAN
        assert checks[-1].state is state

    def test_pathway_plan_reviews_every_6_months_to_21(self) -> None:
        held = [date(2024, 10, 28), date(2025, 4, 30)]
        checks = statutory_reviews(
            DOB,
            self.EPISODES,
            CAL,
            date(2025, 11, 1),
            reviews_held=self.HELD,
            pathway_plan_reviews_held=held,
        )
        assert kinds(checks)[2:] == [
            ("pathway-plan", 1, date(2024, 11, 1), ReviewState.MET),
            # 6 months after Mon 28 Oct 2024: Mon 28 Apr 2025; held 30 Apr, late.
            ("pathway-plan", 2, date(2025, 4, 28), ReviewState.MET_LATE),
            # 6 months after Wed 30 Apr 2025: Thu 30 Oct 2025.
            ("pathway-plan", 3, date(2025, 10, 30), ReviewState.OVERDUE),
        ]
        # Relevant then former relevant without a break: one run from 1 Oct 2024.
        assert {c.period_start for c in checks[2:]} == {date(2024, 10, 1)}

    def test_care_shorter_than_20_working_days_owes_no_review(self) -> None:
        episodes = [CareEpisode(date(2024, 1, 8), date(2024, 1, 20), "V2")]
        assert statutory_reviews(DOB, episodes, CAL, date(2024, 3, 1)) == []

    def test_a_review_held_in_a_short_period_is_listed(self) -> None:
        episodes = [CareEpisode(date(2024, 1, 8), date(2024, 1, 20), "V2")]
        checks = statutory_reviews(
            DOB, episodes, CAL, date(2024, 3, 1), reviews_held=[date(2024, 1, 19)]
        )
        assert kinds(checks) == [("looked-after", 1, date(2024, 2, 5), ReviewState.MET)]

    def test_periods_of_only_short_breaks_are_left_out(self) -> None:
        # CPPCR reg 48 modifies the review timing of a child in a series of short breaks.
        episodes = [CareEpisode(date(2024, 1, 8), date(2024, 3, 30), "V3")]
        checks = statutory_reviews(
            DOB, episodes, CAL, date(2024, 6, 1), reviews_held=[date(2024, 3, 1)]
        )
        assert checks == []


class TestPathwayPlanReviewsBeyond21:
    """In care from 2021 to 18 (Sun 15 Mar 2026), former relevant; 21 on Thu 15 Mar 2029."""

    EPISODES = (CareEpisode(date(2021, 6, 1), None, LegalBasis.CARE_ORDER),)
    # Pathway-plan reviews every six months from 1 Sep 2026; the next due 1 Sep 2029.
    HELD = (
        date(2026, 9, 1),
        date(2027, 3, 1),
        date(2027, 9, 1),
        date(2028, 3, 1),
        date(2028, 9, 1),
        date(2029, 3, 1),
    )

    def pathway(self, **kwargs: object) -> list[ReviewCheck]:
        checks = statutory_reviews(
            DOB,
            self.EPISODES,
            CAL,
            date(2030, 1, 1),
            pathway_plan_reviews_held=self.HELD,
            **kwargs,  # type: ignore[arg-type]
        )
        return [c for c in checks if c.kind is ReviewKind.PATHWAY_PLAN]

    def test_no_review_is_owed_after_21(self) -> None:
        checks = self.pathway()
        assert [c.held_on for c in checks] == list(self.HELD)
        # With no looked-after review recorded, the first runs from the status itself, and
        # its rule says so without the date (the 18th birthday).
        assert checks[0].deadline.due == date(2026, 9, 15)
        assert "2026-03-15" not in checks[0].deadline.rule
        assert "the 18th birthday" in checks[0].deadline.rule

    def test_a_programme_beyond_21_continues_them(self) -> None:
        ed = [EducationProgramme(date(2028, 9, 1), date(2031, 6, 30))]
        checks = self.pathway(education=ed)
        # 6 months after Thu 1 Mar 2029: Sat 1 Sep 2029, owed under s.23C(7)(b).
        assert kinds(checks)[-1] == ("pathway-plan", 7, date(2029, 9, 1), ReviewState.OVERDUE)


class TestCustodyAndReviews:
    """In care from Mon 9 Jan 2023; reviews as held below; custody later."""

    HELD = (
        date(2023, 2, 3),  # due Mon 6 Feb 2023 (20 working days after 9 Jan)
        date(2023, 5, 2),  # due Wed 3 May (3 months after 3 Feb)
        date(2023, 11, 1),  # due Thu 2 Nov (6 months after 2 May)
        date(2024, 4, 30),  # due Wed 1 May 2024
        date(2024, 10, 29),  # due Wed 30 Oct 2024
    )

    def test_custody_ends_a_period_of_accommodation_and_release_starts_another(self) -> None:
        episodes = [CareEpisode(date(2023, 1, 9), None, LegalBasis.SECTION_20)]
        custody = [Detention(date(2025, 1, 6), date(2025, 7, 7))]
        checks = statutory_reviews(
            DOB, episodes, CAL, date(2025, 8, 1), reviews_held=self.HELD, detentions=custody
        )
        assert kinds(checks) == [
            ("looked-after", 1, date(2023, 2, 6), ReviewState.MET),
            ("looked-after", 2, date(2023, 5, 3), ReviewState.MET),
            ("looked-after", 3, date(2023, 11, 2), ReviewState.MET),
            ("looked-after", 4, date(2024, 5, 1), ReviewState.MET),
            ("looked-after", 5, date(2024, 10, 30), ReviewState.MET),
            # The sixth (29 Apr 2025) falls after care was interrupted on 6 Jan 2025. In
            # custody the child is relevant: the pathway plan, last reviewed on 29 Oct 2024,
            # is due 29 Apr 2025.
            ("pathway-plan", 1, date(2025, 4, 29), ReviewState.OVERDUE),
            # Back in care on release, Mon 7 Jul 2025: a new first review, 20 working days
            # later (no bank holiday in July): Mon 4 Aug.
            ("looked-after", 1, date(2025, 8, 4), ReviewState.DUE),
        ]
        assert checks[-1].period_start == date(2025, 7, 7)

    def test_a_child_in_care_detained_needs_a_review_before_release(self) -> None:
        # Care order; custody Mon 4 Nov 2024 to release Tue 1 Apr 2025 (last day 31 Mar).
        # The next scheduled review (29 Apr 2025) falls after release: reg 33(3)(d) calls
        # for one by 31 Mar.
        episodes = [CareEpisode(date(2023, 1, 9), None, LegalBasis.CARE_ORDER)]
        custody = [Detention(date(2024, 11, 4), date(2025, 4, 1))]
        checks = statutory_reviews(
            DOB, episodes, CAL, date(2025, 4, 15), reviews_held=self.HELD, detentions=custody
        )
        det = [c for c in checks if c.kind is ReviewKind.DETENTION]
        assert kinds(det) == [("detention", 1, date(2025, 3, 31), ReviewState.OVERDUE)]
        assert det[0].source == Citation(
            "Care Planning, Placement and Case Review (England) Regulations 2010", "reg 33(3)(d)"
        )
        assert det[0].deadline.rule == (
            "before ceasing to be detained on 2025-04-01 (from 2024-11-04)"
        )

    def test_a_review_during_detention_meets_it_and_restarts_the_chain(self) -> None:
        episodes = [CareEpisode(date(2023, 1, 9), None, LegalBasis.CARE_ORDER)]
        custody = [Detention(date(2024, 11, 4), date(2025, 4, 1))]
        checks = statutory_reviews(
            DOB,
            episodes,
            CAL,
            date(2025, 4, 15),
            reviews_held=[*self.HELD, date(2025, 2, 10)],
            detentions=custody,
        )
        assert kinds(checks)[-3:] == [
            ("detention", 1, date(2025, 3, 31), ReviewState.MET),
            ("looked-after", 6, date(2025, 4, 29), ReviewState.MET),
            # 6 months after Mon 10 Feb 2025: Sun 10 Aug.
            ("looked-after", 7, date(2025, 8, 10), ReviewState.DUE),
        ]

    @pytest.mark.parametrize(
        ("release", "expected"),
        [
            # Released Tue 29 Apr 2025 (last day 28 Apr): the review due 29 Apr comes after.
            (date(2025, 4, 29), [ReviewKind.DETENTION]),
            # Released Wed 30 Apr: the scheduled review (29 Apr) falls within; none extra.
            (date(2025, 4, 30), []),
        ],
    )
    def test_no_extra_review_when_one_falls_due_before_release(
        self, release: date, expected: list[ReviewKind]
    ) -> None:
        episodes = [CareEpisode(date(2023, 1, 9), None, LegalBasis.CARE_ORDER)]
        custody = [Detention(date(2024, 11, 4), release)]
        checks = statutory_reviews(
            DOB, episodes, CAL, date(2025, 4, 15), reviews_held=self.HELD, detentions=custody
        )
        assert [c.kind for c in checks if c.kind is not ReviewKind.LOOKED_AFTER] == expected

    def test_a_hospital_stay_calls_for_no_detention_review(self) -> None:
        episodes = [CareEpisode(date(2023, 1, 9), None, LegalBasis.CARE_ORDER)]
        stay = [Detention(date(2024, 11, 4), date(2025, 4, 1), DetentionKind.HOSPITAL)]
        checks = statutory_reviews(
            DOB, episodes, CAL, date(2025, 4, 15), reviews_held=self.HELD, detentions=stay
        )
        assert {c.kind for c in checks} == {ReviewKind.LOOKED_AFTER}


class TestEarlierReviewTriggers:
    """Accommodated under s.20 from Mon 5 Jan 2026; first review held Fri 30 Jan (due Mon
    2 Feb: 20 working days); the second due 3 months later, Thu 30 Apr."""

    EPISODES = (CareEpisode(date(2026, 1, 5), None, LegalBasis.SECTION_20),)
    HELD = (date(2026, 1, 30),)

    def reviews(self, as_of: date, **kwargs: object) -> list[ReviewCheck]:
        held = kwargs.pop("held", self.HELD)
        return statutory_reviews(
            YOUNG,
            self.EPISODES,
            CAL,
            as_of,
            reviews_held=held,
            **kwargs,  # type: ignore[arg-type]
        )

    def test_an_iro_request_is_due_by_the_next_scheduled_review(self) -> None:
        checks = self.reviews(date(2026, 4, 1), iro_requests=[date(2026, 3, 2)])
        [iro] = [c for c in checks if c.kind is ReviewKind.IRO_REQUEST]
        assert (iro.deadline.due, iro.state) == (date(2026, 4, 30), ReviewState.DUE)
        assert iro.deadline.policy == EARLIER_REVIEW_POLICY
        assert iro.deadline.clause.endswith("reg 33(3)(a)")
        assert iro.deadline.rule == (
            "before the next scheduled review, after the IRO's request on 2026-03-02"
        )

    def test_the_review_held_after_the_request_meets_it_and_restarts_the_chain(self) -> None:
        checks = self.reviews(
            date(2026, 4, 1), iro_requests=[date(2026, 3, 2)], held=[*self.HELD, date(2026, 3, 20)]
        )
        assert kinds(checks) == [
            ("looked-after", 1, date(2026, 2, 2), ReviewState.MET),
            ("looked-after", 2, date(2026, 4, 30), ReviewState.MET),
            ("iro-request", 1, date(2026, 4, 30), ReviewState.MET),
            # 6 months after Fri 20 Mar 2026: Sun 20 Sep.
            ("looked-after", 3, date(2026, 9, 20), ReviewState.DUE),
        ]

    @pytest.mark.parametrize(
        ("as_of", "state"),
        [(date(2026, 5, 11), ReviewState.DUE), (date(2026, 5, 12), ReviewState.OVERDUE)],
    )
    def test_a_request_after_the_scheduled_date_is_due_on_its_own_day(
        self, as_of: date, state: ReviewState
    ) -> None:
        # The second review (30 Apr) is already overdue when the IRO asks on Mon 11 May.
        checks = self.reviews(as_of, iro_requests=[date(2026, 5, 11)])
        [iro] = [c for c in checks if c.kind is ReviewKind.IRO_REQUEST]
        assert (iro.deadline.due, iro.state) == (date(2026, 5, 11), state)

    def test_a_visit_concern_is_reg_33_3_b(self) -> None:
        checks = self.reviews(date(2026, 4, 1), visit_concerns=[date(2026, 3, 2)])
        [visit] = [c for c in checks if c.kind is ReviewKind.VISIT_CONCERN]
        assert visit.source == Citation(
            "Care Planning, Placement and Case Review (England) Regulations 2010",
            "reg 33(3)(b) and reg 30",
        )
        assert visit.deadline.due == date(2026, 4, 30)

    @pytest.mark.parametrize(
        ("as_of", "state"),
        [(date(2026, 3, 15), ReviewState.DUE), (date(2026, 3, 16), ReviewState.OVERDUE)],
    )
    def test_a_proposal_to_cease_accommodation_is_due_before_it_ceases(
        self, as_of: date, state: ReviewState
    ) -> None:
        # Proposed Mon 2 Mar to end accommodation from Mon 16 Mar: by Sun 15 Mar.
        proposal = ProposalToCease(date(2026, 3, 2), date(2026, 3, 16))
        checks = self.reviews(as_of, proposals_to_cease=[proposal])
        [cease] = [c for c in checks if c.kind is ReviewKind.CEASING_ACCOMMODATION]
        assert (cease.deadline.due, cease.state) == (date(2026, 3, 15), state)
        assert cease.deadline.clause.endswith("reg 33(3)(e)")

    def test_no_review_for_ceasing_when_a_parent_will_accommodate(self) -> None:
        proposal = ProposalToCease(date(2026, 3, 2), date(2026, 3, 16), True)
        checks = self.reviews(date(2026, 3, 16), proposals_to_cease=[proposal])
        assert ReviewKind.CEASING_ACCOMMODATION not in {c.kind for c in checks}

    def test_no_review_for_ceasing_for_a_child_in_care(self) -> None:
        episodes = [CareEpisode(date(2026, 1, 5), None, LegalBasis.CARE_ORDER)]
        proposal = ProposalToCease(date(2026, 3, 2), date(2026, 3, 16))
        checks = statutory_reviews(
            YOUNG, episodes, CAL, date(2026, 3, 16), proposals_to_cease=[proposal]
        )
        assert ReviewKind.CEASING_ACCOMMODATION not in {c.kind for c in checks}

    def test_a_proposal_must_cease_after_it_is_made(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"ceases_on \(2026-03-02\) must be after"):
            ProposalToCease(date(2026, 3, 2), date(2026, 3, 2))


class TestSection21Accommodation:
    """reg 33(3)(c): accommodation under s.21(2)(b) (PACE) or (c) (e.g. a YRO)."""

    @pytest.mark.parametrize(
        ("as_of", "state"),
        [(date(2026, 1, 6), ReviewState.DUE), (date(2026, 1, 7), ReviewState.OVERDUE)],
    )
    def test_a_pace_transfer_needs_a_review_before_it_ends(
        self, as_of: date, state: ReviewState
    ) -> None:
        # PACE Mon 5 to Tue 6 Jan 2026, then s.20: the first review (2 Feb) comes later.
        episodes = [
            CareEpisode(date(2026, 1, 5), date(2026, 1, 6), "J2"),
            CareEpisode(date(2026, 1, 7), None, "V2"),
        ]
        checks = statutory_reviews(YOUNG, episodes, CAL, as_of)
        [pace] = [c for c in checks if c.kind is ReviewKind.SECTION_21_ACCOMMODATION]
        assert (pace.deadline.due, pace.state) == (date(2026, 1, 6), state)
        assert pace.deadline.clause.endswith("reg 33(3)(c)")
        # One period of care from 5 Jan: the first review is still 20 working days after it.
        first = next(c for c in checks if c.kind is ReviewKind.LOOKED_AFTER)
        assert first.deadline.due == date(2026, 2, 2)

    @pytest.mark.parametrize(
        ("last_day", "extra"),
        [
            # The YRO accommodation ends Sun 1 Feb, before the first review (Mon 2 Feb).
            (date(2026, 2, 1), [ReviewKind.SECTION_21_ACCOMMODATION]),
            # It ends on Mon 2 Feb: the first review falls due before it ends.
            (date(2026, 2, 2), []),
        ],
    )
    def test_only_when_no_review_would_otherwise_occur(
        self, last_day: date, extra: list[ReviewKind]
    ) -> None:
        episodes = [
            CareEpisode(date(2026, 1, 5), last_day, "J3"),
            CareEpisode(last_day + timedelta(days=1), None, "V2"),
        ]
        checks = statutory_reviews(YOUNG, episodes, CAL, date(2026, 1, 20))
        assert [c.kind for c in checks if c.kind is not ReviewKind.LOOKED_AFTER] == extra

    def test_a_remand_under_laspo_is_not_section_21(self) -> None:
        episodes = [CareEpisode(date(2026, 1, 5), date(2026, 1, 12), "J1")]
        checks = statutory_reviews(YOUNG, episodes, CAL, date(2026, 1, 20))
        assert checks == []


class TestCareEndsBeforeTheDetentionOrAccommodation:
    """Care ends at 18 (Sun 15 Mar 2026 for DOB): reg 33 reviews only a looked-after child.

    A care order from Mon 9 Jan 2023 with every review held on time; the seventh was held
    Mon 27 Oct 2025, so the eighth (6 months later, Mon 27 Apr 2026) falls after care ends
    and is not owed.
    """

    EPISODES = (CareEpisode(date(2023, 1, 9), None, LegalBasis.CARE_ORDER),)
    HELD = (
        *TestCustodyAndReviews.HELD,
        date(2025, 4, 28),  # due Tue 29 Apr 2025 (6 months after 29 Oct 2024)
        date(2025, 10, 27),  # due Tue 28 Oct 2025
    )

    def reviews(self, as_of: date, **kwargs: object) -> list[ReviewCheck]:
        return statutory_reviews(
            DOB,
            self.EPISODES,
            CAL,
            as_of,
            reviews_held=self.HELD,
            **kwargs,  # type: ignore[arg-type]
        )

    def detention(self, release: date, as_of: date = date(2026, 3, 1)) -> ReviewCheck:
        # Custody from Sat 1 Nov 2025; no scheduled review falls due before care ends.
        checks = self.reviews(as_of, detentions=[Detention(date(2025, 11, 1), release)])
        [det] = [c for c in checks if c.kind is ReviewKind.DETENTION]
        return det

    def test_custody_past_18_is_reviewed_by_the_last_day_of_care(self) -> None:
        # Released Mon 1 Jun 2026, after care ends: the review is due by Sat 14 Mar 2026,
        # the last day of care (the day before the 18th birthday).
        det = self.detention(date(2026, 6, 1))
        assert det.deadline.due == date(2026, 3, 14)
        assert det.deadline.rule == (
            "before ceasing to be looked after on the 18th birthday, while still detained "
            "(from 2025-11-01; release on 2026-06-01)"
        )
        assert det.deadline.policy == CARE_ENDS_FIRST_POLICY
        assert det.source == Citation(
            "Care Planning, Placement and Case Review (England) Regulations 2010", "reg 33(3)(d)"
        )

    @pytest.mark.parametrize(
        ("as_of", "state"),
        [
            (date(2026, 3, 13), ReviewState.DUE),
            (date(2026, 3, 14), ReviewState.DUE),
            (date(2026, 3, 15), ReviewState.OVERDUE),
        ],
    )
    def test_it_is_overdue_from_the_18th_birthday(self, as_of: date, state: ReviewState) -> None:
        assert self.detention(date(2026, 6, 1), as_of).state is state

    @pytest.mark.parametrize(
        ("release", "due", "rule", "policy"),
        [
            # Released Sat 14 Mar 2026 (the day before the 18th birthday): last day 13 Mar.
            (
                date(2026, 3, 14),
                date(2026, 3, 13),
                (
                    "before ceasing to be detained on the day before the 18th birthday "
                    "(from 2025-11-01)"
                ),
                BEFORE_END_POLICY,
            ),
            # Released on the 18th birthday: detention and care end together on 14 Mar.
            (
                date(2026, 3, 15),
                date(2026, 3, 14),
                "before ceasing to be detained on the 18th birthday (from 2025-11-01)",
                BEFORE_END_POLICY,
            ),
            # Released the day after: care ends first.
            (
                date(2026, 3, 16),
                date(2026, 3, 14),
                (
                    "before ceasing to be looked after on the 18th birthday, while still "
                    "detained (from 2025-11-01; release on 2026-03-16)"
                ),
                CARE_ENDS_FIRST_POLICY,
            ),
        ],
    )
    def test_release_around_the_18th_birthday(
        self, release: date, due: date, rule: str, policy: str
    ) -> None:
        det = self.detention(release)
        assert (det.deadline.due, det.deadline.rule, det.deadline.policy) == (due, rule, policy)

    def test_str_says_a_birthday_due_date_in_words(self) -> None:
        det = self.detention(date(2026, 6, 1))
        assert det.due_in_words == "the day before the 18th birthday"
        assert str(det).startswith(
            "detention review 1: due; the day before the 18th birthday: before ceasing to be "
            "looked after on the 18th birthday"
        )
        for text in texts(det):
            assert not set(_ISO.findall(text)) & (forbidden(DOB) - {"2026-06-01"}), text

    def test_a_care_order_ending_in_custody_is_reviewed_by_its_last_day(self) -> None:
        # The care order is discharged after Wed 31 Dec 2025, custody continues.
        episodes = [CareEpisode(date(2023, 1, 9), date(2025, 12, 31), LegalBasis.CARE_ORDER)]
        checks = statutory_reviews(
            DOB,
            episodes,
            CAL,
            date(2025, 12, 1),
            reviews_held=self.HELD,
            detentions=[Detention(date(2025, 11, 1), date(2026, 6, 1))],
        )
        [det] = [c for c in checks if c.kind is ReviewKind.DETENTION]
        assert det.deadline.due == date(2025, 12, 31)
        assert det.deadline.rule == (
            "before ceasing to be looked after on 2026-01-01, while still detained "
            "(from 2025-11-01; release on 2026-06-01)"
        )
        assert det.due_in_words is None

    def test_an_iro_request_is_due_by_the_last_day_of_care_when_no_review_comes_first(
        self,
    ) -> None:
        # The IRO asks on Mon 5 Jan 2026; the next scheduled review (27 Apr 2026) is not
        # owed (care ends first): the request is due by the last day of care, 14 Mar 2026.
        checks = self.reviews(date(2026, 2, 1), iro_requests=[date(2026, 1, 5)])
        [iro] = [c for c in checks if c.kind is ReviewKind.IRO_REQUEST]
        assert iro.deadline.due == date(2026, 3, 14)
        assert iro.deadline.rule == (
            "before the next scheduled review, after the IRO's request on 2026-01-05; no "
            "scheduled review falls due before care ends, so before ceasing to be looked "
            "after on the 18th birthday"
        )
        assert iro.deadline.policy == CARE_ENDS_FIRST_POLICY
        assert "2026-03-14" not in str(iro)

    def test_section_21_accommodation_ends_at_18_whatever_the_episode_records(
        self,
    ) -> None:
        # s.20 from Mon 2 Jun 2025 (first review due Mon 30 Jun, 20 working days; held Fri
        # 27 Jun; the second due 27 Sep, held Fri 26 Sep; the third, 26 Mar 2026, falls
        # after care ends). A YRO with a local authority residence requirement from Mon
        # 1 Dec 2025, recorded to Tue 1 Sep 2026: care ends at 18 first.
        episodes = [
            CareEpisode(date(2025, 6, 2), date(2025, 11, 30), "V2"),
            CareEpisode(date(2025, 12, 1), date(2026, 9, 1), "J3"),
        ]
        checks = statutory_reviews(
            DOB,
            episodes,
            CAL,
            date(2026, 6, 1),
            reviews_held=[date(2025, 6, 27), date(2025, 9, 26)],
        )
        [yro] = [c for c in checks if c.kind is ReviewKind.SECTION_21_ACCOMMODATION]
        assert (yro.deadline.due, yro.state) == (date(2026, 3, 14), ReviewState.OVERDUE)
        # Accommodation under s.21 is accommodation of a child: it ends at 18, with care.
        assert yro.deadline.rule == (
            "before ceasing to be provided with accommodation under section 21(2)(b) or (c) "
            "(yro-local-authority-residence) on the 18th birthday (from 2025-12-01)"
        )
        assert yro.deadline.policy == BEFORE_END_POLICY
        assert yro.due_in_words == "the day before the 18th birthday"

    def test_custody_ends_section_21_accommodation(self) -> None:
        # YRO accommodation from Mon 5 Jan 2026 to 30 Jun; custody from Tue 20 Jan (the
        # first review, Mon 2 Feb, is not owed: the period of care ended on Mon 19 Jan).
        episodes = [CareEpisode(date(2026, 1, 5), date(2026, 6, 30), "J3")]
        checks = statutory_reviews(
            YOUNG,
            episodes,
            CAL,
            date(2026, 1, 19),
            detentions=[Detention(date(2026, 1, 20), date(2026, 3, 1))],
        )
        [yro] = [c for c in checks if c.kind is ReviewKind.SECTION_21_ACCOMMODATION]
        assert yro.deadline.due == date(2026, 1, 19)
        assert yro.deadline.rule == (
            "before ceasing to be provided with accommodation under section 21(2)(b) or (c) "
            "(yro-local-authority-residence) on 2026-01-20 (from 2026-01-05)"
        )


class TestPathwayPlanClock:
    """Care Leavers reg 7 applies from the first day of the relevant or former relevant
    status: a first review is never due before that day."""

    def test_a_missed_looked_after_review_leaves_the_plan_due_when_the_status_begins(
        self,
    ) -> None:
        # Care order from Mon 6 Jan 2025: first review due Mon 3 Feb (20 working days),
        # held Thu 30 Jan; the second due Wed 30 Apr (3 months), held Mon 28 Apr; the third
        # due Tue 28 Oct 2025 (6 months) was missed. Care ends at 18 (Sun 15 Mar 2026),
        # former relevant from that day. 6 months after 28 Apr 2025 ran out before then:
        # the pathway plan is due for review on the day the status begins.
        checks = statutory_reviews(
            DOB,
            [CareEpisode(date(2025, 1, 6), None, "C2")],
            CAL,
            date(2026, 6, 1),
            reviews_held=[date(2025, 1, 30), date(2025, 4, 28)],
        )
        assert kinds(checks) == [
            ("looked-after", 1, date(2025, 2, 3), ReviewState.MET),
            ("looked-after", 2, date(2025, 4, 30), ReviewState.MET),
            ("looked-after", 3, date(2025, 10, 28), ReviewState.OVERDUE),
            ("pathway-plan", 1, date(2026, 3, 15), ReviewState.OVERDUE),
        ]
        pathway = checks[-1]
        assert pathway.period_start == date(2026, 3, 15)
        assert pathway.deadline.rule == (
            "when the status began (the 18th birthday): 6 months after the last review of "
            "the pathway plan on 2025-04-28 fell before then"
        )
        assert pathway.deadline.policy == PATHWAY_STATUS_START_POLICY
        assert pathway.due_in_words == "the 18th birthday"
        assert "2026-03-15" not in str(pathway)

    @pytest.mark.parametrize(
        ("care_ends", "looked_after_3", "due", "rule"),
        [
            # Care ends Thu 31 Oct 2024: the third looked-after review (Fri 1 Nov, 6 months
            # after 1 May) is not owed; relevant from 1 Nov; the plan is due 1 Nov.
            (
                date(2024, 10, 31),
                False,
                date(2024, 11, 1),
                "6 months after the last review of the pathway plan on 2024-05-01",
            ),
            # Care ends Fri 1 Nov: the third review falls due in care and is missed;
            # relevant from Sat 2 Nov, the plan is due that day.
            (
                date(2024, 11, 1),
                True,
                date(2024, 11, 2),
                (
                    "when the status began (2024-11-02): 6 months after the last review of "
                    "the pathway plan on 2024-05-01 fell before then"
                ),
            ),
            # Care ends Sat 2 Nov: relevant from Sun 3 Nov, due that day.
            (
                date(2024, 11, 2),
                True,
                date(2024, 11, 3),
                (
                    "when the status began (2024-11-03): 6 months after the last review of "
                    "the pathway plan on 2024-05-01 fell before then"
                ),
            ),
        ],
    )
    def test_leaving_care_around_the_next_review(
        self, care_ends: date, looked_after_3: bool, due: date, rule: str
    ) -> None:
        # s.20 from Mon 8 Jan 2024 (DOB: 16 on 15 Mar 2024, eligible from 7 Apr 2024);
        # reviews held 2 Feb and 1 May 2024.
        checks = statutory_reviews(
            DOB,
            [CareEpisode(date(2024, 1, 8), care_ends, "V2")],
            CAL,
            date(2025, 1, 1),
            reviews_held=TestStatutoryReviewsPeriods.HELD,
        )
        third = [c for c in checks if c.kind is ReviewKind.LOOKED_AFTER and c.number == 3]
        assert bool(third) is looked_after_3
        [pathway] = [c for c in checks if c.kind is ReviewKind.PATHWAY_PLAN]
        assert (pathway.deadline.due, pathway.deadline.rule) == (due, rule)
        assert pathway.period_start == care_ends + timedelta(days=1)


class TestReviewErrorsNeverNameABirthday:
    """Errors quote the caller's own dates (even one falling on a birthday), never a date
    derived from the date of birth."""

    def test_no_error_names_a_date_derived_from_the_date_of_birth(self) -> None:
        s20 = [CareEpisode(date(2024, 1, 8), date(2024, 9, 30), "V2")]
        bad: list[tuple[list[CareEpisode], dict[str, object], date, set[str]]] = [
            (s20, {}, date(2008, 3, 14), {"2008-03-14"}),  # as_of before birth
            (s20, {"reviews_held": [date(2008, 3, 14)]}, date(2025, 1, 1), {"2008-03-14"}),
            ([CareEpisode(date(2026, 3, 15), None, "V2")], {}, date(2026, 6, 1), set()),
            ([], {"detentions": [Detention(date(2026, 3, 15), date(2026, 4, 1))]},
             date(2026, 6, 1), set()),
            # A review on the 18th birthday: the caller's own date is quoted.
            (s20, {"reviews_held": [date(2026, 3, 15)]}, date(2026, 6, 1), {"2026-03-15"}),
            (s20, {"iro_requests": [date(2026, 3, 14)]}, date(2026, 6, 1), {"2026-03-14"}),
            (s20, {"visit_concerns": [date(2022, 3, 15)]}, date(2025, 1, 1), {"2022-03-15"}),
        ]  # fmt: skip
        for episodes, kwargs, as_of, given_here in bad:
            with pytest.raises(InvalidArgumentError) as caught:
                statutory_reviews(DOB, episodes, CAL, as_of, **kwargs)  # type: ignore[arg-type]
            message = str(caught.value)
            for day in forbidden(DOB) - given_here:
                assert day not in message, message

    def test_an_overlap_error_may_quote_the_callers_birthday_date(self) -> None:
        # Two episodes that overlap, the second starting on the 16th birthday: the message
        # names the caller's date (it reveals nothing the caller did not give).
        episodes = [
            CareEpisode(date(2024, 1, 8), date(2024, 6, 30), "V2"),
            CareEpisode(date(2024, 3, 15), None, "C2"),
        ]
        with pytest.raises(InvalidArgumentError) as caught:
            statutory_reviews(DOB, episodes, CAL, date(2025, 1, 1))
        assert "episodes[1].start (2024-03-15) overlaps episodes[0]" in str(caught.value)


class TestStatutoryReviewsValidation:
    EPISODES = (CareEpisode(date(2026, 1, 5), date(2026, 6, 30), LegalBasis.SECTION_20),)

    def test_a_review_before_birth_names_the_field(self) -> None:
        with pytest.raises(
            InvalidArgumentError, match=r"reviews_held\[1\] \(2012-05-01\) is before the date"
        ):
            statutory_reviews(
                YOUNG,
                self.EPISODES,
                CAL,
                date(2026, 7, 1),
                reviews_held=[date(2026, 1, 30), date(2012, 5, 1)],
            )

    def test_a_review_outside_care_names_the_field(self) -> None:
        with pytest.raises(
            InvalidArgumentError,
            match=r"reviews_held\[0\] \(2026-07-01\) is not a day on which the child is looked",
        ):
            statutory_reviews(
                YOUNG, self.EPISODES, CAL, date(2026, 8, 1), reviews_held=[date(2026, 7, 1)]
            )

    def test_an_iro_request_outside_care_names_the_field(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"iro_requests\[0\]"):
            statutory_reviews(
                YOUNG, self.EPISODES, CAL, date(2026, 8, 1), iro_requests=[date(2025, 12, 1)]
            )

    def test_dates_after_as_of_are_not_yet_known(self) -> None:
        checks = statutory_reviews(
            YOUNG, self.EPISODES, CAL, date(2026, 1, 20), reviews_held=[date(2026, 1, 30)]
        )
        assert kinds(checks) == [("looked-after", 1, date(2026, 2, 2), ReviewState.DUE)]

    def test_a_datetime_review_date_is_refused_by_its_index(self) -> None:
        from datetime import datetime

        with pytest.raises(InvalidDateTypeError, match=r"reviews_held\[0\]"):
            statutory_reviews(
                YOUNG,
                self.EPISODES,
                CAL,
                date(2026, 8, 1),
                reviews_held=[datetime(2026, 1, 30, 10)],  # type: ignore[list-item]
            )

    def test_a_proposal_of_the_wrong_type(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"proposals_to_cease\[0\] must be"):
            statutory_reviews(
                YOUNG,
                self.EPISODES,
                CAL,
                date(2026, 8, 1),
                proposals_to_cease=[date(2026, 2, 1)],  # type: ignore[list-item]
            )

    def test_the_calendar_must_be_a_working_calendar(self) -> None:
        with pytest.raises(InvalidArgumentError, match="calendar must be a WorkingCalendar"):
            statutory_reviews(YOUNG, self.EPISODES, None, date(2026, 8, 1))  # type: ignore[arg-type]

    def test_no_message_names_the_date_of_birth(self) -> None:
        with pytest.raises(InvalidArgumentError) as caught:
            statutory_reviews(YOUNG, self.EPISODES, CAL, date(2012, 5, 31))
        assert "2012-06-01" not in str(caught.value)


_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def forbidden(dob: date) -> set[str]:
    """The date of birth, every birthday the rules use, and the day before each."""
    days = [attained_age_on(dob, n) for n in (14, 16, 18, 21, 25)]
    return {d.isoformat() for d in (dob, *days, *(d - timedelta(days=1) for d in days))}


def texts(check: ReviewCheck) -> list[str]:
    """Every text a review check carries (the due date itself is a value, not a text)."""
    return [
        check.deadline.rule,
        check.deadline.policy,
        check.deadline.clause,
        str(check.source),
        str(check),
    ]


History = tuple[date, list[CareEpisode], list[date], list[Detention]]


@st.composite
def care_histories(draw: st.DrawFn) -> History:
    """A date of birth and a care history from the age of 12, with reviews held in care.

    Episodes start before 18 and may run past it (care ends at 18 whatever they say), so
    the histories reach eligible, relevant and former relevant children (16 to 21).
    """
    dob = draw(st.dates(date(2000, 1, 1), date(2012, 12, 31)))
    eighteen = attained_age_on(dob, 18)
    cursor = dob + timedelta(days=draw(st.integers(12 * 365, 17 * 365 + 300)))
    episodes: list[CareEpisode] = []
    held: list[date] = []
    for _ in range(draw(st.integers(1, 3))):
        if cursor >= eighteen:
            break
        length = draw(st.integers(1, 900))
        end = cursor + timedelta(days=length - 1)
        basis = draw(st.sampled_from(list(LegalBasis)))
        episodes.append(CareEpisode(cursor, end, basis))
        for _ in range(draw(st.integers(0, 5))):
            held.append(cursor + timedelta(days=draw(st.integers(0, length - 1))))
        cursor = end + timedelta(days=draw(st.integers(1, 200)))
    if not episodes:
        episodes.append(CareEpisode(eighteen - timedelta(days=400), None, LegalBasis.CARE_ORDER))
    dets: list[Detention] = []
    if draw(st.booleans()):
        start = episodes[0].start + timedelta(days=draw(st.integers(0, 700)))
        if start < eighteen:
            kind = draw(
                st.sampled_from([DetentionKind.CUSTODY, DetentionKind.YOUTH_DETENTION_REMAND])
            )
            release = start + timedelta(days=draw(st.integers(1, 400)))
            dets.append(Detention(start, release, kind))
    # Only days looked after (custody may take the child out of care; care ends at 18).
    person = _person(dob, episodes, BirthdayPolicy.MARCH_1, dets, None, ())
    held = [d for d in held if person.looked_after(d)]
    return dob, episodes, held, dets


def given_dates(
    episodes: list[CareEpisode], dets: list[Detention], *others: list[date]
) -> set[str]:
    """Every date the caller gave: it may appear in a text (it reveals nothing new)."""
    days: set[date] = set()
    for ep in episodes:
        days |= {ep.start} | ({ep.end} if ep.end is not None else set())
    for det in dets:
        days |= {det.start, det.release}
    for more in others:
        days |= set(more)
    return {d.isoformat() for d in days}


class TestStatutoryReviewsProperties:
    @given(care_histories(), st.integers(12 * 365, 22 * 365))
    def test_a_flat_list_ordered_by_due_date_each_citing_its_source(
        self, history: History, age_days: int
    ) -> None:
        dob, episodes, held, dets = history
        as_of = dob + timedelta(days=age_days)
        checks = statutory_reviews(dob, episodes, CAL, as_of, reviews_held=held, detentions=dets)
        dues = [(c.deadline.due, c.kind, c.number) for c in checks]
        assert [d[0] for d in dues] == sorted(d[0] for d in dues)
        for c in checks:
            assert c.source is not None
            assert c.deadline.clause == str(c.source)
            assert c.as_of == as_of
            assert c.period_start is not None
            assert c.period_start <= c.deadline.due or c.held_on is not None
            if c.kind is ReviewKind.PATHWAY_PLAN:
                # Never due before the status it belongs to began, held or not.
                assert c.period_start <= c.deadline.due

    @given(care_histories(), st.integers(12 * 365, 22 * 365))
    def test_each_looked_after_review_follows_the_one_before_in_its_period(
        self, history: History, age_days: int
    ) -> None:
        dob, episodes, held, _ = history
        as_of = dob + timedelta(days=age_days)
        person = _person(dob, episodes, BirthdayPolicy.MARCH_1, (), None, ())
        held = [d for d in held if person.looked_after(d)]
        checks = statutory_reviews(dob, episodes, CAL, as_of, reviews_held=held)
        by_period: dict[date | None, list[ReviewCheck]] = {}
        for c in checks:
            if c.kind is ReviewKind.LOOKED_AFTER:
                by_period.setdefault(c.period_start, []).append(c)
        for chain in by_period.values():
            chain.sort(key=lambda c: c.number)
            assert [c.number for c in chain] == list(range(1, len(chain) + 1))
            for prev, nxt in itertools.pairwise(chain):
                assert prev.held_on is not None
                assert nxt.deadline.trigger == prev.held_on

    @given(care_histories(), st.integers(12 * 365, 22 * 365), st.data())
    def test_no_text_names_the_date_of_birth_or_a_birthday_the_caller_did_not_give(
        self, history: History, age_days: int, data: st.DataObject
    ) -> None:
        dob, episodes, held, dets = history
        as_of = dob + timedelta(days=age_days)
        person = _person(dob, episodes, BirthdayPolicy.MARCH_1, dets, None, ())
        weekly = (dob + timedelta(days=n) for n in range(12 * 365, 18 * 365, 7))
        in_care = [d for d in weekly if person.looked_after(d)]
        iro = data.draw(st.lists(st.sampled_from(in_care), max_size=2)) if in_care else []
        visits = data.draw(st.lists(st.sampled_from(in_care), max_size=2)) if in_care else []
        pathway = [as_of - timedelta(days=n) for n in data.draw(st.lists(st.integers(0, 2000)))]
        pathway = [d for d in pathway if d >= dob]
        checks = statutory_reviews(
            dob,
            episodes,
            CAL,
            as_of,
            reviews_held=held,
            pathway_plan_reviews_held=pathway,
            detentions=dets,
            iro_requests=iro,
            visit_concerns=visits,
        )
        allowed = given_dates(episodes, dets, held, pathway, iro, visits)
        for c in checks:
            for text in texts(c):
                for day in set(_ISO.findall(text)) & forbidden(dob):
                    assert day in allowed, (day, text)


@st.composite
def around_18(draw: st.DrawFn) -> tuple[date, list[CareEpisode], list[date], list[Detention]]:
    """Custody, or accommodation under s.21(2)(c), of a child in care that nears or spans
    the 18th birthday, with reviews held in care: the histories where care ends first."""
    dob = draw(st.dates(date(2000, 1, 1), date(2012, 12, 31)))
    eighteen = attained_age_on(dob, 18)
    start = eighteen - timedelta(days=draw(st.integers(400, 1500)))
    ends = eighteen + timedelta(days=draw(st.integers(-60, 300)))
    begins = eighteen - timedelta(days=draw(st.integers(1, 300)))
    dets: list[Detention] = []
    if draw(st.booleans()):
        episodes = [CareEpisode(start, None, LegalBasis.CARE_ORDER)]
        dets.append(Detention(begins, max(ends, begins + timedelta(days=1))))
    else:
        episodes = [
            CareEpisode(start, begins - timedelta(days=1), LegalBasis.SECTION_20),
            CareEpisode(begins, max(ends, begins), LegalBasis.YRO_LOCAL_AUTHORITY_RESIDENCE),
        ]
    gaps = draw(st.lists(st.integers(20, 250), max_size=8))
    held = list(itertools.accumulate((timedelta(days=g) for g in gaps), initial=start))[1:]
    person = _person(dob, episodes, BirthdayPolicy.MARCH_1, dets, None, ())
    return dob, episodes, [d for d in held if person.looked_after(d)], dets


class TestAround18:
    @given(around_18(), st.integers(0, 400), st.data())
    def test_no_text_names_a_birthday_the_caller_did_not_give(
        self,
        history: tuple[date, list[CareEpisode], list[date], list[Detention]],
        after: int,
        data: st.DataObject,
    ) -> None:
        dob, episodes, held, dets = history
        eighteen = attained_age_on(dob, 18)
        as_of = eighteen - timedelta(days=200) + timedelta(days=after)
        iro = data.draw(st.lists(st.sampled_from(held), max_size=1)) if held else []
        checks = statutory_reviews(
            dob, episodes, CAL, as_of, reviews_held=held, detentions=dets, iro_requests=iro
        )
        allowed = given_dates(episodes, dets, held, iro)
        for c in checks:
            assert c.period_start is not None
            assert c.period_start <= c.deadline.due
            for text in texts(c):
                for day in set(_ISO.findall(text)) & forbidden(dob):
                    assert day in allowed, (day, text)


class TestLooseSchedulesPrintOnlyTheCallersDates:
    """looked_after_reviews and pathway_plan_reviews know no date of birth: every date in
    their texts is one the caller gave, so none can be derived from a date of birth."""

    @given(
        st.dates(date(2015, 1, 1), date(2035, 12, 31)),
        st.lists(st.integers(1, 400), max_size=6),
        st.integers(0, 3000),
        st.one_of(st.none(), st.tuples(st.integers(0, 900), st.integers(1, 300))),
    )
    def test_every_date_in_a_text_was_given(
        self,
        start: date,
        gaps: list[int],
        horizon: int,
        detained: tuple[int, int] | None,
    ) -> None:
        held = list(itertools.accumulate((timedelta(days=g) for g in gaps), initial=start))[1:]
        as_of = start + timedelta(days=horizon)
        det = None
        given = {start, *held}
        if detained is not None:
            det_start = start + timedelta(days=detained[0])
            det = Detention(det_start, det_start + timedelta(days=detained[1]))
            given |= {det.start, det.release}
        allowed = {d.isoformat() for d in given}
        for checks in (
            looked_after_reviews(start, held, CAL, as_of, detention=det),
            pathway_plan_reviews(start, held, as_of),
        ):
            for c in checks:
                for text in texts(c):
                    # str(check) shows the due date, a value computed from these dates.
                    assert set(_ISO.findall(text)) <= allowed | {c.deadline.due.isoformat()}
