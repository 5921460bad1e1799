"""Care-leaver status: hand-computed dates for every rule and boundary, plus properties.

The young person in most tests is born on Saturday 15 March 2008, so:
14th birthday 2022-03-15, 16th 2024-03-15, 18th 2026-03-15, 21st 2029-03-15, 25th 2033-03-15.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol._errors import InvalidArgumentError, InvalidDateTypeError
from care_justice_protocol.model._citation import Citation
from care_justice_protocol.model._entities import CareStatus
from care_justice_protocol.statutory._care_leaver import (
    ADVISER_TO_25_FROM,
    BirthdayPolicy,
    CareEpisode,
    LegalBasis,
    attained_age_on,
    care_leaver_status,
)

DOB = date(2008, 3, 15)


def status_on(episodes: Sequence[CareEpisode], day: date, dob: date = DOB) -> CareStatus:
    return care_leaver_status(dob, episodes, day).status


class TestAttainedAge:
    def test_ordinary_birthday_is_the_anniversary(self) -> None:
        assert attained_age_on(DOB, 16) == date(2024, 3, 15)

    @pytest.mark.parametrize(
        ("policy", "expected"),
        [
            (BirthdayPolicy.MARCH_1, date(2026, 3, 1)),
            (BirthdayPolicy.FEBRUARY_28, date(2026, 2, 28)),
        ],
    )
    def test_29_february_in_a_common_year_follows_the_policy(
        self, policy: BirthdayPolicy, expected: date
    ) -> None:
        assert attained_age_on(date(2008, 2, 29), 18, policy) == expected

    def test_29_february_in_a_leap_year_is_29_february(self) -> None:
        assert attained_age_on(date(2008, 2, 29), 16, BirthdayPolicy.FEBRUARY_28) == date(
            2024, 2, 29
        )

    def test_policy_may_be_given_as_its_string_value(self) -> None:
        assert attained_age_on(date(2008, 2, 29), 18, "28-february") == date(2026, 2, 28)  # type: ignore[arg-type]

    def test_unknown_policy_is_refused(self) -> None:
        with pytest.raises(InvalidArgumentError, match="'29-feb'"):
            attained_age_on(DOB, 18, "29-feb")  # type: ignore[arg-type]

    def test_negative_age_is_refused(self) -> None:
        with pytest.raises(InvalidArgumentError):
            attained_age_on(DOB, -1)


class TestCareEpisode:
    def test_end_before_start_is_refused(self) -> None:
        with pytest.raises(InvalidArgumentError, match="before it starts"):
            CareEpisode(date(2024, 2, 1), date(2024, 1, 31), LegalBasis.SECTION_20)

    def test_unknown_basis_is_refused_with_the_valid_ones(self) -> None:
        with pytest.raises(InvalidArgumentError, match="'care-order'"):
            CareEpisode(date(2024, 2, 1), None, "adopted")

    def test_datetime_start_is_refused(self) -> None:
        from datetime import datetime

        with pytest.raises(InvalidDateTypeError):
            CareEpisode(datetime(2024, 2, 1, 9), None, "section-20")  # type: ignore[arg-type]

    def test_only_short_breaks_do_not_count(self) -> None:
        assert [b for b in LegalBasis if not b.counts] == [LegalBasis.SHORT_BREAK]


class TestEligibleAndRelevant:
    """Section 20 from Mon 8 Jan 2024 to Mon 30 Sep 2024: day 91 of care is Sun 7 Apr 2024."""

    EPISODES = (CareEpisode(date(2024, 1, 8), date(2024, 9, 30), LegalBasis.SECTION_20),)

    def test_day_before_13_weeks_is_looked_after_only(self) -> None:
        s = care_leaver_status(DOB, self.EPISODES, date(2024, 4, 6))
        assert s.status is CareStatus.LOOKED_AFTER
        assert "fewer than 13 weeks" in s.reason
        assert (s.starts, s.ends) == (date(2024, 1, 8), date(2024, 4, 6))

    def test_91st_day_of_care_makes_the_child_eligible(self) -> None:
        s = care_leaver_status(DOB, self.EPISODES, date(2024, 4, 7))
        assert s.status is CareStatus.ELIGIBLE
        assert (s.starts, s.ends) == (date(2024, 4, 7), date(2024, 9, 30))
        assert s.sources == (
            Citation("Children Act 1989", "Sch 2 para 19B(2)"),
            Citation(
                "Care Planning, Placement and Case Review (England) Regulations 2010", "reg 40"
            ),
        )
        assert s.citation == (
            "Children Act 1989 Sch 2 para 19B(2); "
            "Care Planning, Placement and Case Review (England) Regulations 2010 reg 40"
        )
        assert s.personal_adviser_until == date(2026, 3, 14)

    def test_day_after_leaving_care_is_relevant_until_the_day_before_18(self) -> None:
        s = care_leaver_status(DOB, self.EPISODES, date(2024, 10, 1))
        assert s.status is CareStatus.RELEVANT
        assert (s.starts, s.ends) == (date(2024, 10, 1), date(2026, 3, 14))
        assert s.citation == "Children Act 1989 s.23A(2)"
        assert "2024-09-30" in s.reason

    def test_last_day_in_care_is_still_eligible(self) -> None:
        assert status_on(self.EPISODES, date(2024, 9, 30)) is CareStatus.ELIGIBLE

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (date(2026, 3, 14), CareStatus.RELEVANT),
            (date(2026, 3, 15), CareStatus.FORMER_RELEVANT),
            (date(2026, 3, 16), CareStatus.FORMER_RELEVANT),
        ],
    )
    def test_18th_birthday_turns_relevant_into_former_relevant(
        self, day: date, expected: CareStatus
    ) -> None:
        assert status_on(self.EPISODES, day) is expected

    def test_former_relevant_runs_to_21_with_adviser_to_25(self) -> None:
        s = care_leaver_status(DOB, self.EPISODES, date(2026, 3, 15))
        assert (s.starts, s.ends) == (date(2026, 3, 15), date(2029, 3, 14))
        assert s.personal_adviser_until == date(2033, 3, 14)
        assert s.citation == "Children Act 1989 s.23C(1)"

    @pytest.mark.parametrize(
        ("day", "expected", "starts", "ends"),
        [
            (date(2029, 3, 14), CareStatus.FORMER_RELEVANT, date(2026, 3, 15), date(2029, 3, 14)),
            (date(2029, 3, 15), CareStatus.FORMER_RELEVANT, date(2029, 3, 15), date(2033, 3, 14)),
            (date(2033, 3, 14), CareStatus.FORMER_RELEVANT, date(2029, 3, 15), date(2033, 3, 14)),
            (date(2033, 3, 15), CareStatus.OTHER, date(2033, 3, 15), None),
        ],
    )
    def test_21st_and_25th_birthdays(
        self, day: date, expected: CareStatus, starts: date, ends: date | None
    ) -> None:
        s = care_leaver_status(DOB, self.EPISODES, day)
        assert (s.status, s.starts, s.ends) == (expected, starts, ends)

    def test_from_21_the_citation_is_section_23czb(self) -> None:
        s = care_leaver_status(DOB, self.EPISODES, date(2030, 1, 1))
        assert "s.23CZB" in s.citation
        assert "1 April 2018" in s.citation
        assert "on request" in s.reason


class TestCareBeginningBefore14:
    """An open care order from 1 June 2021 (before the 14th birthday)."""

    EPISODES = (CareEpisode(date(2021, 6, 1), None, LegalBasis.CARE_ORDER),)

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (date(2024, 3, 14), CareStatus.LOOKED_AFTER),
            (date(2024, 3, 15), CareStatus.ELIGIBLE),
            (date(2024, 3, 16), CareStatus.ELIGIBLE),
        ],
    )
    def test_eligible_from_the_16th_birthday(self, day: date, expected: CareStatus) -> None:
        assert status_on(self.EPISODES, day) is expected

    def test_under_16_reason_says_so(self) -> None:
        assert "under 16" in care_leaver_status(DOB, self.EPISODES, date(2024, 3, 14)).reason

    def test_only_care_after_the_14th_birthday_counts_towards_13_weeks(self) -> None:
        # Looked after from 2021-06-01 to 2022-06-12 (the day before the 91st day after 14),
        # then again from 2024-01-01: 90 days after 14, so 1 more day is needed.
        episodes = [
            CareEpisode(date(2021, 6, 1), date(2022, 6, 12), LegalBasis.CARE_ORDER),
            CareEpisode(date(2024, 3, 14), None, LegalBasis.SECTION_20),
        ]
        assert status_on(episodes, date(2024, 3, 14)) is CareStatus.LOOKED_AFTER
        assert status_on(episodes, date(2024, 3, 15)) is CareStatus.ELIGIBLE

    def test_looked_after_until_18_makes_former_relevant(self) -> None:
        s = care_leaver_status(DOB, self.EPISODES, date(2026, 3, 15))
        assert s.status is CareStatus.FORMER_RELEVANT
        assert "looked after and eligible" in s.reason
        assert status_on(self.EPISODES, date(2026, 3, 14)) is CareStatus.ELIGIBLE

    def test_care_after_14_that_ended_before_16_gives_no_status(self) -> None:
        episodes = [CareEpisode(date(2022, 4, 1), date(2023, 4, 1), LegalBasis.CARE_ORDER)]
        assert status_on(episodes, date(2024, 6, 1)) is CareStatus.OTHER


class TestRemand:
    """A remand to youth detention accommodation counts as being looked after (LASPO s.104)."""

    def test_13_weeks_on_remand_make_an_eligible_then_relevant_child(self) -> None:
        # Remanded Mon 8 Jan 2024 to Sun 7 Apr 2024: exactly 91 days, 13 weeks.
        episodes = [
            CareEpisode(date(2024, 1, 8), date(2024, 4, 7), LegalBasis.REMAND_YOUTH_DETENTION)
        ]
        assert status_on(episodes, date(2024, 4, 7)) is CareStatus.ELIGIBLE
        assert status_on(episodes, date(2024, 4, 8)) is CareStatus.RELEVANT

    def test_a_day_short_of_13_weeks_makes_a_qualifying_young_person(self) -> None:
        episodes = [
            CareEpisode(date(2024, 1, 8), date(2024, 4, 6), LegalBasis.REMAND_LOCAL_AUTHORITY)
        ]
        s = care_leaver_status(DOB, episodes, date(2024, 4, 7))
        assert s.status is CareStatus.QUALIFYING
        assert (s.starts, s.ends) == (date(2024, 4, 7), date(2029, 3, 14))
        assert s.citation == "Children Act 1989 s.24(1B)"

    def test_adjacent_episodes_are_one_period_of_care(self) -> None:
        episodes = [
            CareEpisode(date(2024, 1, 8), date(2024, 2, 29), LegalBasis.REMAND_YOUTH_DETENTION),
            CareEpisode(date(2024, 3, 1), date(2024, 4, 7), LegalBasis.SECTION_20),
        ]
        s = care_leaver_status(DOB, episodes, date(2024, 3, 20))
        assert s.status is CareStatus.LOOKED_AFTER
        assert s.starts == date(2024, 1, 8)
        assert status_on(episodes, date(2024, 4, 8)) is CareStatus.RELEVANT


class TestShortBreaksAndQualifying:
    def test_short_breaks_are_looked_after_but_never_eligible(self) -> None:
        # A whole year of short breaks: looked after (s.22(1)), never eligible (reg 40(2)).
        episodes = [CareEpisode(date(2024, 1, 1), date(2024, 12, 31), LegalBasis.SHORT_BREAK)]
        s = care_leaver_status(DOB, episodes, date(2024, 6, 1))
        assert s.status is CareStatus.LOOKED_AFTER
        assert "short breaks" in s.reason
        # Looked after after 16 and no longer: qualifying (s.24(1B)), to the day before 21.
        assert status_on(episodes, date(2025, 6, 1)) is CareStatus.QUALIFYING

    def test_qualifying_runs_to_the_day_before_21(self) -> None:
        episodes = [CareEpisode(date(2024, 5, 1), date(2024, 6, 30), LegalBasis.SECTION_20)]
        assert status_on(episodes, date(2024, 6, 30)) is CareStatus.LOOKED_AFTER
        assert status_on(episodes, date(2024, 7, 1)) is CareStatus.QUALIFYING
        assert status_on(episodes, date(2029, 3, 14)) is CareStatus.QUALIFYING
        assert status_on(episodes, date(2029, 3, 15)) is CareStatus.OTHER

    def test_never_looked_after(self) -> None:
        s = care_leaver_status(DOB, [], date(2025, 1, 1))
        assert s.status is CareStatus.OTHER
        assert (s.starts, s.ends) == (DOB, None)


class TestBefore1April2018:
    """Born 15 Mar 1996, looked after to 18: 21 on 15 Mar 2017, 25 on 15 Mar 2021."""

    DOB96 = date(1996, 3, 15)
    EPISODES = (CareEpisode(date(2011, 1, 1), None, LegalBasis.CARE_ORDER),)

    def test_aged_21_before_the_2017_act_has_no_status(self) -> None:
        s = care_leaver_status(self.DOB96, self.EPISODES, date(2018, 3, 31))
        assert s.status is CareStatus.OTHER
        assert s.ends == date(2018, 3, 31)

    def test_from_1_april_2018_adviser_on_request_to_25(self) -> None:
        s = care_leaver_status(self.DOB96, self.EPISODES, ADVISER_TO_25_FROM)
        assert s.status is CareStatus.FORMER_RELEVANT
        assert (s.starts, s.ends) == (date(2018, 4, 1), date(2021, 3, 14))

    def test_before_2018_the_adviser_ran_to_21(self) -> None:
        s = care_leaver_status(self.DOB96, self.EPISODES, date(2015, 1, 1))
        assert s.personal_adviser_until == date(2017, 3, 14)


class TestTwentyNinthFebruary:
    """Born Fri 29 Feb 2008, looked after from 1 Jan 2023 with no end."""

    LEAPLING = date(2008, 2, 29)
    EPISODES = (CareEpisode(date(2023, 1, 1), None, LegalBasis.SECTION_20),)

    @pytest.mark.parametrize(
        ("policy", "expected"),
        [
            (BirthdayPolicy.MARCH_1, CareStatus.ELIGIBLE),
            (BirthdayPolicy.FEBRUARY_28, CareStatus.FORMER_RELEVANT),
        ],
    )
    def test_28_february_2026_depends_on_the_policy(
        self, policy: BirthdayPolicy, expected: CareStatus
    ) -> None:
        s = care_leaver_status(
            self.LEAPLING, self.EPISODES, date(2026, 2, 28), birthday_policy=policy
        )
        assert s.status is expected
        assert s.birthday_policy is policy

    def test_1_march_2026_is_former_relevant_under_both(self) -> None:
        for policy in BirthdayPolicy:
            s = care_leaver_status(
                self.LEAPLING, self.EPISODES, date(2026, 3, 1), birthday_policy=policy
            )
            assert s.status is CareStatus.FORMER_RELEVANT

    def test_16th_birthday_falls_on_29_february_2024(self) -> None:
        assert status_on(self.EPISODES, date(2024, 2, 28), self.LEAPLING) is (
            CareStatus.LOOKED_AFTER
        )
        assert status_on(self.EPISODES, date(2024, 2, 29), self.LEAPLING) is CareStatus.ELIGIBLE


class TestValidation:
    def test_overlapping_episodes_are_refused(self) -> None:
        episodes = [
            CareEpisode(date(2024, 1, 1), date(2024, 3, 1), LegalBasis.SECTION_20),
            CareEpisode(date(2024, 3, 1), None, LegalBasis.CARE_ORDER),
        ]
        with pytest.raises(InvalidArgumentError, match="overlap"):
            care_leaver_status(DOB, episodes, date(2024, 6, 1))

    def test_episode_starting_at_18_is_refused(self) -> None:
        episodes = [CareEpisode(date(2026, 3, 15), None, LegalBasis.SECTION_20)]
        with pytest.raises(InvalidArgumentError, match="18th birthday"):
            care_leaver_status(DOB, episodes, date(2026, 6, 1))

    def test_episode_before_birth_is_refused(self) -> None:
        episodes = [CareEpisode(date(2008, 1, 1), None, LegalBasis.SECTION_20)]
        with pytest.raises(InvalidArgumentError, match="before the date of birth"):
            care_leaver_status(DOB, episodes, date(2020, 6, 1))

    def test_as_of_before_birth_is_refused(self) -> None:
        with pytest.raises(InvalidArgumentError):
            care_leaver_status(DOB, [], date(2008, 3, 14))

    def test_non_episode_is_refused(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"episodes\[0\]"):
            care_leaver_status(DOB, [(date(2024, 1, 1), None)], date(2024, 6, 1))  # type: ignore[list-item]

    def test_str_names_status_reason_and_citation(self) -> None:
        text = str(care_leaver_status(DOB, [], date(2025, 1, 1)))
        assert text.startswith("other on 2025-01-01: ")


# ------------------------------------------------------------------ properties


@st.composite
def histories(draw: st.DrawFn) -> tuple[date, list[CareEpisode]]:
    dob = draw(st.dates(date(1998, 1, 1), date(2010, 12, 31)))
    eighteen = attained_age_on(dob, 18)
    cursor = dob + timedelta(days=draw(st.integers(10 * 365, 17 * 365)))
    episodes = []
    for _ in range(draw(st.integers(0, 3))):
        if cursor >= eighteen:
            break
        length = draw(st.integers(1, 400))
        open_ended = draw(st.booleans()) and draw(st.booleans())
        end = None if open_ended else cursor + timedelta(days=length - 1)
        basis = draw(st.sampled_from(list(LegalBasis)))
        episodes.append(CareEpisode(cursor, end, basis))
        if end is None:
            break
        cursor = end + timedelta(days=draw(st.integers(1, 300)))
    return dob, episodes


AFTER_18 = {CareStatus.FORMER_RELEVANT, CareStatus.QUALIFYING, CareStatus.OTHER}


class TestProperties:
    @given(histories(), st.integers(0, 30 * 365), st.integers(1, 10 * 365))
    def test_once_former_relevant_never_a_child_status_again(
        self, history: tuple[date, list[CareEpisode]], offset: int, later: int
    ) -> None:
        dob, episodes = history
        d1 = dob + timedelta(days=offset)
        d2 = d1 + timedelta(days=later)
        s1 = care_leaver_status(dob, episodes, d1).status
        s2 = care_leaver_status(dob, episodes, d2).status
        if s1 is CareStatus.FORMER_RELEVANT:
            assert s2 in {CareStatus.FORMER_RELEVANT, CareStatus.OTHER}

    @given(histories(), st.integers(18 * 366, 30 * 365))
    def test_no_child_status_after_18(
        self, history: tuple[date, list[CareEpisode]], offset: int
    ) -> None:
        dob, episodes = history
        assert care_leaver_status(dob, episodes, dob + timedelta(days=offset)).status in AFTER_18

    @given(histories(), st.integers(0, 26 * 365))
    def test_the_run_holds_from_starts_to_ends(
        self, history: tuple[date, list[CareEpisode]], offset: int
    ) -> None:
        dob, episodes = history
        day = dob + timedelta(days=offset)
        s = care_leaver_status(dob, episodes, day)
        assert s.starts is not None
        assert s.starts <= day
        assert care_leaver_status(dob, episodes, s.starts).status is s.status
        if s.starts > dob:
            before = care_leaver_status(dob, episodes, s.starts - timedelta(days=1))
            assert (before.status, before.citation) != (s.status, s.citation)
        if s.ends is not None:
            assert day <= s.ends
            assert care_leaver_status(dob, episodes, s.ends).status is s.status
            after = care_leaver_status(dob, episodes, s.ends + timedelta(days=1))
            assert (after.status, after.citation) != (s.status, s.citation)
