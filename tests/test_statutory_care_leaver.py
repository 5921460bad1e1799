"""Care-leaver status: hand-computed dates for every rule and boundary, plus properties.

The young person in most tests is born on Saturday 15 March 2008, so:
14th birthday 2022-03-15, 16th 2024-03-15, 18th 2026-03-15, 21st 2029-03-15, 25th 2033-03-15.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol._errors import (
    DateOutOfRangeError,
    InvalidArgumentError,
    InvalidDateTypeError,
)
from care_justice_protocol.model._citation import Citation
from care_justice_protocol.model._entities import CareStatus
from care_justice_protocol.statutory._care_leaver import (
    ADVISER_TO_25_FROM,
    EDUCATION_TO_25_FROM,
    BirthdayPolicy,
    CareEpisode,
    LegalBasis,
    _person,
    attained_age_on,
    care_leaver_status,
)
from care_justice_protocol.statutory._history import (
    Detention,
    DetentionKind,
    EducationProgramme,
    SpecialGuardianshipOrder,
)

DOB = date(2008, 3, 15)


def status_on(
    episodes: Sequence[CareEpisode],
    day: date,
    dob: date = DOB,
    *,
    dets: Sequence[Detention] = (),
    sgo: SpecialGuardianshipOrder | None = None,
    education: Sequence[EducationProgramme] = (),
) -> CareStatus:
    return care_leaver_status(
        dob, episodes, day, detentions=dets, special_guardianship_order=sgo, education=education
    ).status


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


# ----------------------------------------------- reg 3(2): detained or in hospital at 16

S20_TO_SENTENCE = (CareEpisode(date(2023, 1, 9), date(2024, 1, 7), LegalBasis.SECTION_20),)
"""Accommodated under s.20 from Mon 9 Jan 2023 (day 91 of care is Sun 9 Apr 2023) until the
day before sentence; custody from Mon 8 Jan 2024."""


def detained(start: date, release: date, kind: str = "custody") -> list[Detention]:
    return [Detention(start, release, kind)]  # type: ignore[arg-type]


class TestDetainedOnThe16thBirthday:
    """Care Leavers (England) Regulations 2010 reg 3(2), for s.23A(3)."""

    DTO = detained(date(2024, 1, 8), date(2024, 7, 8))

    def test_the_day_before_16_is_no_status(self) -> None:
        s = care_leaver_status(DOB, S20_TO_SENTENCE, date(2024, 3, 14), detentions=self.DTO)
        assert s.status is CareStatus.OTHER

    def test_on_the_16th_birthday_a_relevant_child_until_18(self) -> None:
        s = care_leaver_status(DOB, S20_TO_SENTENCE, date(2024, 3, 15), detentions=self.DTO)
        assert s.status is CareStatus.RELEVANT
        # Relevant from the 16th birthday; not looked after again, so to the day before 18.
        assert (s.starts, s.ends) == (date(2024, 3, 15), date(2026, 3, 14))
        assert s.sources == (
            Citation("Children Act 1989", "s.23A(3)"),
            Citation("Care Leavers (England) Regulations 2010", "reg 3(2)"),
        )
        assert "detained on the 16th birthday (from 2024-01-08)" in s.reason

    def test_still_relevant_after_release(self) -> None:
        s = care_leaver_status(DOB, S20_TO_SENTENCE, date(2024, 7, 8), detentions=self.DTO)
        assert s.status is CareStatus.RELEVANT

    def test_former_relevant_at_18(self) -> None:
        s = care_leaver_status(DOB, S20_TO_SENTENCE, date(2026, 3, 15), detentions=self.DTO)
        assert s.status is CareStatus.FORMER_RELEVANT
        assert "a relevant child on the day before the 18th birthday" in s.reason

    @pytest.mark.parametrize(
        ("release", "expected"),
        [
            # Release on the 16th birthday: not detained on attaining 16.
            (date(2024, 3, 15), CareStatus.OTHER),
            # Released the day after: detained on the birthday.
            (date(2024, 3, 16), CareStatus.RELEVANT),
        ],
    )
    def test_release_on_or_after_the_birthday(self, release: date, expected: CareStatus) -> None:
        dets = detained(date(2024, 1, 8), release)
        assert status_on(S20_TO_SENTENCE, date(2024, 3, 20), dets=dets) is expected

    def test_detained_from_the_16th_birthday_itself_is_relevant_by_reg_3(self) -> None:
        # s.20 to Thu 14 Mar 2024, custody from the 16th birthday: looked after the day
        # before, 13 weeks long done (9 Apr 2023), but under 16 when care ended.
        episodes = [CareEpisode(date(2023, 1, 9), date(2024, 3, 14), LegalBasis.SECTION_20)]
        s = care_leaver_status(
            DOB,
            episodes,
            date(2024, 3, 15),
            detentions=detained(date(2024, 3, 15), date(2024, 9, 15)),
        )
        assert s.status is CareStatus.RELEVANT
        assert s.citation.endswith("reg 3(2)")

    def test_detained_the_day_after_16_is_eligible_then_relevant_by_s23a(self) -> None:
        # Looked after on the 16th birthday with 13 weeks: eligible; custody from Sat 16 Mar
        # interrupts s.20: relevant under s.23A(2), not reg 3.
        episodes = [CareEpisode(date(2023, 1, 9), None, LegalBasis.SECTION_20)]
        dets = detained(date(2024, 3, 16), date(2024, 9, 16))
        assert status_on(episodes, date(2024, 3, 15), dets=dets) is CareStatus.ELIGIBLE
        s = care_leaver_status(DOB, episodes, date(2024, 3, 16), detentions=dets)
        assert (s.status, s.citation) == (CareStatus.RELEVANT, "Children Act 1989 s.23A(2)")
        assert (s.starts, s.ends) == (date(2024, 3, 16), date(2024, 9, 15))
        # Released Mon 16 Sep 2024 into the open s.20 episode: eligible again.
        assert status_on(episodes, date(2024, 9, 16), dets=dets) is CareStatus.ELIGIBLE

    @pytest.mark.parametrize(
        ("care_from", "expected"),
        [
            # Mon 9 Oct 2023 to Sun 7 Jan 2024 is 91 days: 13 weeks immediately before.
            (date(2023, 10, 9), CareStatus.RELEVANT),
            # From Tue 10 Oct: 90 days, a day short.
            (date(2023, 10, 10), CareStatus.OTHER),
        ],
    )
    def test_13_weeks_must_be_complete_before_detention(
        self, care_from: date, expected: CareStatus
    ) -> None:
        episodes = [CareEpisode(care_from, date(2024, 1, 7), LegalBasis.SECTION_20)]
        assert status_on(episodes, date(2024, 3, 15), dets=self.DTO) is expected

    @pytest.mark.parametrize(
        ("last_week", "expected"),
        [
            # Mon 9 Oct 2023 to Sun 7 Jan 2024 under s.20: 91 days, 13 weeks.
            (LegalBasis.SECTION_20, CareStatus.RELEVANT),
            # The last 7 days (1 to 7 Jan 2024) a short break: 84 days count, not 13 weeks.
            (LegalBasis.SHORT_BREAK, CareStatus.OTHER),
        ],
    )
    def test_short_breaks_do_not_count_towards_the_13_weeks(
        self, last_week: LegalBasis, expected: CareStatus
    ) -> None:
        # Reg 3(2) is "Subject to paragraph (3)", whose text was not available; council
        # procedures leave "a series of pre-planned short-term placements" out of the 13
        # weeks. The library counts no short-break day (CPPCR reg 48) towards them.
        episodes = [
            CareEpisode(date(2023, 10, 9), date(2023, 12, 31), LegalBasis.SECTION_20),
            CareEpisode(date(2024, 1, 1), date(2024, 1, 7), last_week),
        ]
        assert status_on(episodes, date(2024, 3, 15), dets=self.DTO) is expected

    def test_a_gap_before_detention_is_not_immediately_before(self) -> None:
        # Care ended Sat 6 Jan 2024; detained Mon 8 Jan: not looked after on Sun 7 Jan.
        episodes = [CareEpisode(date(2023, 1, 9), date(2024, 1, 6), LegalBasis.SECTION_20)]
        assert status_on(episodes, date(2024, 3, 15), dets=self.DTO) is CareStatus.OTHER

    def test_in_hospital_on_the_16th_birthday(self) -> None:
        dets = detained(date(2024, 1, 8), date(2024, 4, 1), "hospital")
        s = care_leaver_status(DOB, S20_TO_SENTENCE, date(2024, 3, 15), detentions=dets)
        assert s.status is CareStatus.RELEVANT
        assert "in hospital on the 16th birthday" in s.reason

    def test_a_child_on_a_care_order_stays_looked_after_and_is_eligible_instead(self) -> None:
        # reg 3(2)(b) "not subject to a care order": a care order survives custody.
        episodes = [CareEpisode(date(2023, 1, 9), None, LegalBasis.CARE_ORDER)]
        s = care_leaver_status(DOB, episodes, date(2024, 3, 15), detentions=self.DTO)
        assert s.status is CareStatus.ELIGIBLE


class TestCustodyAndTheLegalBasis:
    """Custody interrupts accommodation (s.22(1)(b)), never a care order (s.22(1)(a))."""

    DTO = detained(date(2025, 1, 6), date(2025, 7, 7))  # Mon 6 Jan to Sun 6 Jul 2025

    @pytest.mark.parametrize(
        "basis",
        [LegalBasis.CARE_ORDER, LegalBasis.INTERIM_CARE_ORDER, LegalBasis.PLACEMENT_ORDER,
         LegalBasis.FREEING_ORDER],
    )  # fmt: skip
    def test_in_care_or_authorised_for_adoption_stays_looked_after(self, basis: LegalBasis) -> None:
        episodes = [CareEpisode(date(2023, 1, 9), None, basis)]
        s = care_leaver_status(DOB, episodes, date(2025, 3, 1), detentions=self.DTO)
        assert s.status is CareStatus.ELIGIBLE
        assert (s.starts, s.ends) == (date(2024, 3, 15), date(2026, 3, 14))

    @pytest.mark.parametrize(
        "basis", [LegalBasis.SECTION_20, LegalBasis.YRO_LOCAL_AUTHORITY_RESIDENCE, "V2"]
    )
    def test_accommodation_is_interrupted(self, basis: LegalBasis) -> None:
        episodes = [CareEpisode(date(2023, 1, 9), None, basis)]
        assert status_on(episodes, date(2025, 1, 5), dets=self.DTO) is CareStatus.ELIGIBLE
        s = care_leaver_status(DOB, episodes, date(2025, 1, 6), detentions=self.DTO)
        assert s.status is CareStatus.RELEVANT
        assert (s.starts, s.ends) == (date(2025, 1, 6), date(2025, 7, 6))
        assert status_on(episodes, date(2025, 7, 7), dets=self.DTO) is CareStatus.ELIGIBLE

    def test_a_remand_to_youth_detention_is_care_with_no_episode(self) -> None:
        # LASPO 2012 s.104(1): remanded Mon 8 Jan 2024 for 91 days (to Sun 7 Apr): eligible
        # on the 91st day, relevant the day after release.
        dets = detained(date(2024, 1, 8), date(2024, 4, 8), "youth-detention-remand")
        assert status_on([], date(2024, 4, 6), dets=dets) is CareStatus.LOOKED_AFTER
        assert status_on([], date(2024, 4, 7), dets=dets) is CareStatus.ELIGIBLE
        assert status_on([], date(2024, 4, 8), dets=dets) is CareStatus.RELEVANT

    def test_a_hospital_stay_changes_no_care(self) -> None:
        episodes = [CareEpisode(date(2023, 1, 9), None, LegalBasis.SECTION_20)]
        dets = detained(date(2025, 1, 6), date(2025, 7, 7), "hospital")
        assert status_on(episodes, date(2025, 3, 1), dets=dets) is CareStatus.ELIGIBLE


class TestShortBreaksAfter16:
    """Short breaks are being looked after (s.24(1B)); only eligibility excludes them."""

    @pytest.mark.parametrize(
        ("last_break_day", "expected"),
        [
            # The last break ends the day before the 16th birthday: never looked after at 16.
            (date(2024, 3, 14), CareStatus.OTHER),
            # It ends on the 16th birthday: looked after after reaching 16, so qualifying.
            (date(2024, 3, 15), CareStatus.QUALIFYING),
        ],
    )
    def test_a_break_on_the_16th_birthday_makes_a_qualifying_young_person(
        self, last_break_day: date, expected: CareStatus
    ) -> None:
        episodes = [CareEpisode(date(2024, 3, 10), last_break_day, "V3")]
        assert status_on(episodes, date(2024, 3, 20)) is expected

    def test_qualifying_from_the_day_after_the_break_to_the_day_before_21(self) -> None:
        episodes = [CareEpisode(date(2024, 5, 1), date(2024, 5, 3), "V4")]
        assert status_on(episodes, date(2024, 5, 3)) is CareStatus.LOOKED_AFTER
        s = care_leaver_status(DOB, episodes, date(2024, 5, 4))
        assert (s.status, s.starts, s.ends) == (
            CareStatus.QUALIFYING,
            date(2024, 5, 4),
            date(2029, 3, 14),
        )
        assert status_on(episodes, date(2029, 3, 15)) is CareStatus.OTHER

    def test_short_break_days_do_not_count_towards_13_weeks(self) -> None:
        # 60 days of breaks then s.20 from Mon 2 Sep 2024: the 91st counting day is
        # 2 Sep + 90 = Sun 1 Dec 2024, not earlier.
        episodes = [
            CareEpisode(date(2024, 6, 1), date(2024, 7, 30), LegalBasis.SHORT_BREAK),
            CareEpisode(date(2024, 9, 2), None, LegalBasis.SECTION_20),
        ]
        assert status_on(episodes, date(2024, 11, 30)) is CareStatus.LOOKED_AFTER
        assert status_on(episodes, date(2024, 12, 1)) is CareStatus.ELIGIBLE

    def test_an_eligible_child_moved_to_short_breaks_is_relevant_when_they_end(self) -> None:
        # Eligible from the 16th birthday; breaks from Mon 1 Jul 2024 (not eligible then,
        # reg 40(2)); after the last break, relevant: eligible "before last ceasing".
        episodes = [
            CareEpisode(date(2023, 1, 9), date(2024, 6, 30), LegalBasis.SECTION_20),
            CareEpisode(date(2024, 7, 1), date(2024, 7, 4), LegalBasis.SHORT_BREAK),
        ]
        assert status_on(episodes, date(2024, 6, 30)) is CareStatus.ELIGIBLE
        assert status_on(episodes, date(2024, 7, 1)) is CareStatus.LOOKED_AFTER
        s = care_leaver_status(DOB, episodes, date(2024, 7, 5))
        assert s.status is CareStatus.RELEVANT
        assert "last on 2024-07-04" in s.reason
        assert "from the 16th birthday" in s.reason


class TestSpecialGuardianship:
    """Children Act 1989 s.24(1A): looked after to Sat 30 Apr 2016, SGO made Sun 1 May."""

    EPISODES = (CareEpisode(date(2015, 1, 1), date(2016, 4, 30), LegalBasis.CARE_ORDER),)
    SGO = SpecialGuardianshipOrder(date(2016, 5, 1))

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (date(2024, 3, 14), CareStatus.OTHER),
            (date(2024, 3, 15), CareStatus.QUALIFYING),
            (date(2029, 3, 14), CareStatus.QUALIFYING),
            (date(2029, 3, 15), CareStatus.OTHER),
        ],
    )
    def test_qualifying_from_16_to_the_day_before_21(self, day: date, expected: CareStatus) -> None:
        s = care_leaver_status(DOB, self.EPISODES, day, special_guardianship_order=self.SGO)
        assert s.status is expected
        if expected is CareStatus.QUALIFYING:
            assert s.citation == "Children Act 1989 s.24(1A)"
            assert (s.starts, s.ends) == (date(2024, 3, 15), date(2029, 3, 14))

    def test_not_looked_after_immediately_before_the_order(self) -> None:
        episodes = [CareEpisode(date(2015, 1, 1), date(2016, 4, 29), LegalBasis.CARE_ORDER)]
        s = care_leaver_status(DOB, episodes, date(2025, 1, 1), special_guardianship_order=self.SGO)
        assert s.status is CareStatus.OTHER

    @pytest.mark.parametrize(
        ("ended", "at_18"),
        [
            # Discharged on the 18th birthday (first day not in force): not in force at 18.
            (date(2026, 3, 15), CareStatus.OTHER),
            # Discharged the day after: in force when 18 was reached.
            (date(2026, 3, 16), CareStatus.QUALIFYING),
        ],
    )
    def test_from_18_the_order_must_have_been_in_force_at_18(
        self, ended: date, at_18: CareStatus
    ) -> None:
        sgo = SpecialGuardianshipOrder(date(2016, 5, 1), ended)
        assert status_on(self.EPISODES, date(2026, 3, 14), sgo=sgo) is CareStatus.QUALIFYING
        assert status_on(self.EPISODES, date(2027, 6, 1), sgo=sgo) is at_18

    def test_the_end_must_follow_the_making(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"ended \(2016-05-01\) must be after"):
            SpecialGuardianshipOrder(date(2016, 5, 1), date(2016, 5, 1))


class TestProgrammeBeyond21:
    """s.23C(7): in care from 2021 to 18, so former relevant; 21 on Thu 15 Mar 2029."""

    EPISODES = (CareEpisode(date(2021, 6, 1), None, LegalBasis.CARE_ORDER),)

    def test_the_duties_continue_while_the_programme_is_pursued(self) -> None:
        ed = [EducationProgramme(date(2028, 9, 1), date(2031, 6, 30))]
        before = care_leaver_status(DOB, self.EPISODES, date(2029, 3, 14), education=ed)
        assert before.citation == "Children Act 1989 s.23C(1)"
        s = care_leaver_status(DOB, self.EPISODES, date(2029, 3, 15), education=ed)
        assert (s.status, s.citation) == (
            CareStatus.FORMER_RELEVANT,
            "Children Act 1989 s.23C(1), (7)",
        )
        assert (s.starts, s.ends) == (date(2029, 3, 15), date(2031, 6, 30))
        assert s.personal_adviser_until == date(2033, 3, 14)
        after = care_leaver_status(DOB, self.EPISODES, date(2031, 7, 1), education=ed)
        assert "s.23CZB" in after.citation

    @pytest.mark.parametrize(
        ("end", "on_21st_birthday"),
        [
            (date(2029, 3, 14), "s.23CZB"),  # ended the day before 21: not beyond it
            (date(2029, 3, 15), "s.23C(1), (7)"),  # still pursued on the birthday
        ],
    )
    def test_the_programme_must_extend_beyond_21(self, end: date, on_21st_birthday: str) -> None:
        ed = [EducationProgramme(date(2028, 9, 1), end)]
        s = care_leaver_status(DOB, self.EPISODES, date(2029, 3, 15), education=ed)
        assert on_21st_birthday in s.citation

    @pytest.mark.parametrize(
        ("start", "citation"),
        [
            (date(2029, 3, 14), "Children Act 1989 s.23C(1), (7)"),  # in the plan before 21
            (date(2029, 3, 15), "Children Act 1989 s.23CA(1)"),  # told the authority at 21
        ],
    )
    def test_a_programme_set_out_on_the_21st_birthday_is_s23ca(
        self, start: date, citation: str
    ) -> None:
        ed = [EducationProgramme(start, date(2030, 6, 30))]
        assert care_leaver_status(DOB, self.EPISODES, date(2029, 6, 1), education=ed).citation == (
            citation
        )

    def test_no_age_limit_under_s23c7(self) -> None:
        ed = [EducationProgramme(date(2028, 9, 1), date(2034, 6, 30))]
        s = care_leaver_status(DOB, self.EPISODES, date(2033, 3, 15), education=ed)
        assert (s.status, s.ends) == (CareStatus.FORMER_RELEVANT, date(2034, 6, 30))
        assert s.personal_adviser_until == date(2034, 6, 30)

    def test_an_open_programme_has_no_recorded_end(self) -> None:
        ed = [EducationProgramme(date(2028, 9, 1))]
        s = care_leaver_status(DOB, self.EPISODES, date(2035, 1, 1), education=ed)
        assert (s.status, s.ends, s.personal_adviser_until) == (
            CareStatus.FORMER_RELEVANT,
            None,
            None,
        )


class TestEducationTo25:
    """s.23CA: a former relevant child under 25 who tells the authority of a programme."""

    EPISODES = (CareEpisode(date(2021, 6, 1), None, LegalBasis.CARE_ORDER),)
    ED = (EducationProgramme(date(2030, 9, 1), date(2034, 6, 30)),)

    @pytest.mark.parametrize(
        ("day", "citation"),
        [
            (date(2030, 8, 31), "s.23CZB"),
            (date(2030, 9, 1), "s.23CA(1)"),
            (date(2033, 3, 14), "s.23CA(1)"),  # the day before 25
        ],
    )
    def test_from_telling_the_authority_to_the_day_before_25(
        self, day: date, citation: str
    ) -> None:
        s = care_leaver_status(DOB, self.EPISODES, day, education=self.ED)
        assert s.status is CareStatus.FORMER_RELEVANT
        assert citation in s.citation

    def test_it_ends_at_25(self) -> None:
        s = care_leaver_status(DOB, self.EPISODES, date(2033, 3, 15), education=self.ED)
        assert s.status is CareStatus.OTHER

    @pytest.mark.parametrize(
        ("day", "expected"),
        [
            (date(2011, 3, 31), CareStatus.OTHER),
            (EDUCATION_TO_25_FROM, CareStatus.FORMER_RELEVANT),
        ],
    )
    def test_applied_from_1_april_2011(self, day: date, expected: CareStatus) -> None:
        # Born Wed 10 Jan 1990 and in care from 2004 to 18: 21 on 10 Jan 2011, 25 on
        # 10 Jan 2015; before 1 April 2018 no s.23CZB, so only s.23CA can give a status.
        dob = date(1990, 1, 10)
        episodes = [CareEpisode(date(2004, 1, 1), None, LegalBasis.CARE_ORDER)]
        ed = [EducationProgramme(date(2011, 3, 1), date(2013, 6, 30))]
        assert status_on(episodes, day, dob=dob, education=ed) is expected


class TestHistoryValidation:
    def test_overlapping_episodes_name_both_by_index(self) -> None:
        episodes = [
            CareEpisode(date(2024, 3, 1), None, LegalBasis.CARE_ORDER),
            CareEpisode(date(2024, 1, 1), date(2024, 3, 1), LegalBasis.SECTION_20),
        ]
        with pytest.raises(
            InvalidArgumentError,
            match=r"episodes\[0\]\.start \(2024-03-01\) overlaps episodes\[1\], which "
            r"starts 2024-01-01 and ends 2024-03-01",
        ):
            care_leaver_status(DOB, episodes, date(2024, 6, 1))

    def test_an_episode_after_an_open_one_overlaps(self) -> None:
        episodes = [
            CareEpisode(date(2024, 1, 1), None, LegalBasis.SECTION_20),
            CareEpisode(date(2025, 1, 1), None, LegalBasis.SECTION_20),
        ]
        with pytest.raises(InvalidArgumentError, match=r"episodes\[1\].*has no end"):
            care_leaver_status(DOB, episodes, date(2025, 6, 1))

    def test_a_short_break_may_not_overlap_another_episode(self) -> None:
        episodes = [
            CareEpisode(date(2024, 1, 1), None, LegalBasis.SECTION_20),
            CareEpisode(date(2024, 5, 1), date(2024, 5, 3), LegalBasis.SHORT_BREAK),
        ]
        with pytest.raises(InvalidArgumentError, match="overlap"):
            care_leaver_status(DOB, episodes, date(2025, 6, 1))

    def test_an_episode_ending_before_it_starts_names_both_fields(self) -> None:
        with pytest.raises(
            InvalidArgumentError,
            match=r"end \(2024-01-31\) must be on or after start \(2024-02-01\)",
        ):
            CareEpisode(date(2024, 2, 1), date(2024, 1, 31), LegalBasis.SECTION_20)

    def test_overlapping_detentions(self) -> None:
        dets = [
            Detention(date(2024, 1, 8), date(2024, 7, 8)),
            Detention(date(2024, 7, 7), date(2024, 9, 1), DetentionKind.HOSPITAL),
        ]
        with pytest.raises(
            InvalidArgumentError,
            match=r"detentions\[1\]\.start \(2024-07-07\) is before the release of "
            r"detentions\[0\] \(2024-07-08\)",
        ):
            care_leaver_status(DOB, [], date(2025, 1, 1), detentions=dets)

    def test_a_detention_may_start_on_the_day_of_release(self) -> None:
        dets = [
            Detention(date(2024, 1, 8), date(2024, 7, 8), DetentionKind.YOUTH_DETENTION_REMAND),
            Detention(date(2024, 7, 8), date(2024, 9, 1)),
        ]
        assert care_leaver_status(DOB, [], date(2025, 1, 1), detentions=dets).status

    def test_a_detention_before_birth(self) -> None:
        dets = [Detention(date(2001, 1, 1), date(2001, 2, 1))]
        with pytest.raises(InvalidArgumentError, match=r"detentions\[0\]\.start \(2001-01-01\)"):
            care_leaver_status(DOB, [], date(2025, 1, 1), detentions=dets)

    def test_a_detention_from_18(self) -> None:
        dets = [Detention(date(2026, 3, 15), date(2026, 9, 1))]
        with pytest.raises(InvalidArgumentError, match=r"detentions\[0\]\.start is on or after"):
            care_leaver_status(DOB, [], date(2027, 1, 1), detentions=dets)

    def test_an_unknown_detention_kind_lists_the_kinds(self) -> None:
        with pytest.raises(InvalidArgumentError, match="'custody', 'youth-detention-remand'"):
            Detention(date(2024, 1, 8), date(2024, 7, 8), "prison")  # type: ignore[arg-type]

    def test_a_detention_of_the_wrong_type(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"detentions\[0\] must be a Detention"):
            care_leaver_status(DOB, [], date(2025, 1, 1), detentions=[(1, 2)])  # type: ignore[list-item]

    def test_an_order_made_before_birth(self) -> None:
        sgo = SpecialGuardianshipOrder(date(2007, 1, 1))
        with pytest.raises(InvalidArgumentError, match=r"special_guardianship_order\.made"):
            care_leaver_status(DOB, [], date(2025, 1, 1), special_guardianship_order=sgo)

    def test_a_programme_before_16(self) -> None:
        ed = [EducationProgramme(date(2023, 9, 1))]
        with pytest.raises(InvalidArgumentError, match=r"education\[0\]\.start is before"):
            care_leaver_status(DOB, [], date(2025, 1, 1), education=ed)

    def test_a_programme_ending_before_it_starts(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"end \(2028-08-31\) must be on or after"):
            EducationProgramme(date(2028, 9, 1), date(2028, 8, 31))


class TestNoDateOfBirthInAnyMessage:
    """No error message and no reason names the date of birth or a birthday."""

    @staticmethod
    def forbidden(dob: date) -> list[str]:
        days = [dob, *(attained_age_on(dob, n) for n in (14, 16, 18, 21, 25))]
        return [d.isoformat() for d in days] + [
            (d - timedelta(days=1)).isoformat() for d in days[1:]
        ]

    def messages(self) -> list[str]:
        def s20(start: date) -> list[CareEpisode]:
            return [CareEpisode(start, None, LegalBasis.SECTION_20)]

        def det(start: date) -> dict[str, object]:
            return {"detentions": [Detention(start, start + timedelta(days=30))]}

        def sgo(made: date) -> dict[str, object]:
            return {"special_guardianship_order": SpecialGuardianshipOrder(made)}

        late = date(2027, 1, 1)
        bad: list[tuple[list[CareEpisode], dict[str, object], date]] = [
            (s20(date(2026, 3, 15)), {}, date(2026, 6, 1)),  # starts on the 18th birthday
            (s20(date(2029, 3, 15)), {}, date(2030, 6, 1)),  # on the 21st
            (s20(date(2008, 3, 14)), {}, date(2020, 6, 1)),  # the day before birth
            ([], {}, date(2008, 3, 14)),  # as_of before birth
            ([], det(date(2026, 3, 15)), late),
            ([], det(date(2008, 3, 14)), late),
            ([], sgo(date(2026, 3, 15)), late),
            ([], sgo(date(2008, 3, 14)), late),
            ([], {"education": [EducationProgramme(date(2024, 3, 14))]}, late),
        ]
        out = []
        for episodes, kwargs, day in bad:
            with pytest.raises(InvalidArgumentError) as caught:
                care_leaver_status(DOB, episodes, day, **kwargs)  # type: ignore[arg-type]
            out.append(str(caught.value))
        with pytest.raises(DateOutOfRangeError) as too_late:
            attained_age_on(date(9990, 3, 15), 25)
        out.append(str(too_late.value))
        return out

    def test_no_error_message_names_a_birthday(self) -> None:
        for message in self.messages():
            for day in [*self.forbidden(DOB), "9990-03-15"]:
                assert day not in message, message

    def test_no_reason_names_a_birthday_in_the_worked_histories(self) -> None:
        sgo = TestSpecialGuardianship.SGO
        histories_: list[tuple[Sequence[CareEpisode], dict[str, object]]] = [
            (S20_TO_SENTENCE, {"detentions": TestDetainedOnThe16thBirthday.DTO}),
            (TestCareBeginningBefore14.EPISODES, {}),
            (TestCareBeginningBefore14.EPISODES, {"education": list(TestEducationTo25.ED)}),
            (TestSpecialGuardianship.EPISODES, {"special_guardianship_order": sgo}),
            ([CareEpisode(date(2024, 3, 1), date(2026, 3, 14), LegalBasis.SECTION_20)], {}),
        ]
        for episodes, kwargs in histories_:
            for offset in range(0, 26 * 366, 61):
                day = DOB + timedelta(days=offset)
                s = care_leaver_status(DOB, episodes, day, **kwargs)  # type: ignore[arg-type]
                for text in self.forbidden(DOB):
                    assert text not in s.reason, (s.reason, text)

    def test_a_care_end_on_the_eve_of_18_is_said_in_words(self) -> None:
        # s.20 to the day before the 18th birthday: the reason never prints that date.
        episodes = [CareEpisode(date(2024, 6, 3), date(2026, 3, 14), LegalBasis.SECTION_20)]
        s = care_leaver_status(DOB, episodes, date(2026, 3, 15))
        assert "the day before the 18th birthday" in s.reason


# ------------------------------------------------------------------ properties


@st.composite
def detention_lists(draw: st.DrawFn, dob: date) -> list[Detention]:
    """Up to two detentions of a child, not overlapping, of any kind."""
    eighteen = attained_age_on(dob, 18)
    cursor = dob + timedelta(days=draw(st.integers(13 * 365, 17 * 365)))
    out: list[Detention] = []
    for _ in range(draw(st.integers(0, 2))):
        if cursor >= eighteen:
            break
        release = cursor + timedelta(days=draw(st.integers(1, 300)))
        out.append(Detention(cursor, release, draw(st.sampled_from(list(DetentionKind)))))
        cursor = release + timedelta(days=draw(st.integers(0, 200)))
    return out


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


@st.composite
def full_histories(
    draw: st.DrawFn,
) -> tuple[date, list[CareEpisode], list[Detention], list[EducationProgramme]]:
    dob, episodes = draw(histories())
    dets = draw(detention_lists(dob))
    education: list[EducationProgramme] = []
    if draw(st.booleans()):
        start = attained_age_on(dob, 16) + timedelta(days=draw(st.integers(0, 8 * 365)))
        end = None if draw(st.booleans()) else start + timedelta(days=draw(st.integers(0, 2000)))
        education.append(EducationProgramme(start, end))
    return dob, episodes, dets, education


class TestHistoryProperties:
    @given(full_histories(), st.integers(0, 27 * 365))
    def test_the_status_is_constant_between_change_points(
        self,
        history: tuple[date, list[CareEpisode], list[Detention], list[EducationProgramme]],
        offset: int,
    ) -> None:
        dob, episodes, dets, education = history
        person = _person(dob, episodes, BirthdayPolicy.MARCH_1, dets, None, education)
        day = dob + timedelta(days=offset)
        point = max(p for p in person.change_points() if p <= day)
        assert person.verdict(day).phase == person.verdict(point).phase

    @given(full_histories(), st.integers(0, 27 * 365), st.randoms(use_true_random=False))
    def test_the_order_of_the_history_changes_nothing(
        self,
        history: tuple[date, list[CareEpisode], list[Detention], list[EducationProgramme]],
        offset: int,
        rnd: random.Random,
    ) -> None:
        dob, episodes, dets, education = history
        day = dob + timedelta(days=offset)
        before = care_leaver_status(dob, episodes, day, detentions=dets, education=education)
        rnd.shuffle(episodes)
        rnd.shuffle(dets)
        after = care_leaver_status(dob, episodes, day, detentions=dets, education=education)
        assert after == before

    @given(full_histories(), st.integers(0, 400), st.integers(1, 60), st.integers(0, 19 * 365))
    def test_adding_a_short_break_never_makes_an_eligible_child(
        self,
        history: tuple[date, list[CareEpisode], list[Detention], list[EducationProgramme]],
        gap_offset: int,
        length: int,
        offset: int,
    ) -> None:
        dob, episodes, dets, _ = history
        ends = [e.end for e in episodes]
        if None in ends:
            return
        # A short break in the free time after the last episode (or from the 10th birthday).
        free = max([e for e in ends if e is not None], default=dob + timedelta(days=3650))
        start = free + timedelta(days=1 + gap_offset)
        if start >= attained_age_on(dob, 18):
            return
        brk = CareEpisode(start, start + timedelta(days=length - 1), LegalBasis.SHORT_BREAK)
        day = dob + timedelta(days=offset)
        with_break = care_leaver_status(dob, [*episodes, brk], day, detentions=dets)
        without = care_leaver_status(dob, episodes, day, detentions=dets)
        if with_break.status is CareStatus.ELIGIBLE:
            assert without.status is CareStatus.ELIGIBLE

    @given(
        st.dates(date(1998, 1, 1), date(2010, 12, 31)),
        st.integers(10 * 365, 16 * 365),
        st.integers(0, 700),
        st.integers(1, 400),
        st.integers(0, 400),
        st.sampled_from([LegalBasis.CARE_ORDER, LegalBasis.INTERIM_CARE_ORDER]),
    )
    def test_a_child_in_care_stays_looked_after_in_custody(
        self, dob: date, care_from: int, sentence_after: int, length: int, into: int,
        basis: LegalBasis,
    ) -> None:  # fmt: skip
        start = dob + timedelta(days=care_from)
        sentence = start + timedelta(days=sentence_after)
        eighteen = attained_age_on(dob, 18)
        if sentence >= eighteen:
            return
        custody = Detention(sentence, sentence + timedelta(days=length))
        day = sentence + timedelta(days=min(into, length - 1))
        if day >= eighteen:
            return
        s = care_leaver_status(dob, [CareEpisode(start, None, basis)], day, detentions=[custody])
        assert s.status in {CareStatus.LOOKED_AFTER, CareStatus.ELIGIBLE}

    @given(full_histories(), st.integers(0, 27 * 365))
    def test_no_reason_names_a_birthday(
        self,
        history: tuple[date, list[CareEpisode], list[Detention], list[EducationProgramme]],
        offset: int,
    ) -> None:
        dob, episodes, dets, education = history
        day = dob + timedelta(days=offset)
        s = care_leaver_status(dob, episodes, day, detentions=dets, education=education)
        for text in TestNoDateOfBirthInAnyMessage.forbidden(dob):
            assert text not in s.reason
