"""Detention and training orders: terms, release dates, remand credit and combined orders.

Every expected date is computed by hand in the comment beside it (day counts month by
month); ``d + n`` means n days after d.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol._errors import InvalidArgumentError
from care_justice_protocol.calendar._periods import add_months
from care_justice_protocol.model._citation import Citation
from care_justice_protocol.statutory._dto import (
    DTO_ANY_TERM_FROM,
    DTO_COMBINED_POLICY,
    DTO_CREDIT_POLICY,
    DTO_EARLY_RELEASE_POLICY,
    DTO_FIXED_TERMS,
    DTO_HALFWAY_POLICY,
    DTO_REMAND_CREDIT_FROM,
    DtoDates,
    DtoOrder,
    RemandRegime,
    check_dto_term,
    combined_dto,
    dto_dates,
    months_ending_with,
    remand_credit,
    valid_dto_terms,
)
from care_justice_protocol.statutory._history import Detention, DetentionKind


def _dates(d: DtoDates) -> tuple[object, ...]:
    return (d.term_ends, d.halfway, d.earliest_release, d.late_release)


class TestValidTerms:
    def test_fixed_list_before_28_june_2022(self) -> None:
        assert valid_dto_terms(date(2022, 6, 27)) == (4, 6, 8, 10, 12, 18, 24)

    def test_any_term_from_4_to_24_from_28_june_2022(self) -> None:
        assert valid_dto_terms(DTO_ANY_TERM_FROM) == tuple(range(4, 25))

    @pytest.mark.parametrize("term", [5, 7, 9, 11, 13, 17, 23])
    def test_odd_term_refused_the_day_before(self, term: int) -> None:
        with pytest.raises(InvalidArgumentError, match=r"4, 6, 8, 10, 12, 18 or 24 months"):
            check_dto_term(term, date(2022, 6, 27))

    @pytest.mark.parametrize("term", [5, 7, 9, 11, 13, 17, 23])
    @pytest.mark.parametrize("day", [date(2022, 6, 28), date(2022, 6, 29)])
    def test_odd_term_allowed_on_the_day_and_after(self, term: int, day: date) -> None:
        assert check_dto_term(term, day) == term

    @pytest.mark.parametrize("term", [0, 3, 25, 36, -4])
    @pytest.mark.parametrize("day", [date(2021, 1, 1), date(2022, 6, 28), date(2024, 1, 1)])
    def test_outside_4_to_24_always_refused(self, term: int, day: date) -> None:
        with pytest.raises(InvalidArgumentError, match=f"term of {term} months"):
            check_dto_term(term, day)

    def test_the_error_cites_the_provision_in_force(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"Sentencing Act 2020 s\.236\(1\)\)"):
            check_dto_term(5, date(2021, 6, 1))
        with pytest.raises(InvalidArgumentError, match=r"2000 s\.101\(1\)"):
            check_dto_term(5, date(2019, 6, 1))
        with pytest.raises(InvalidArgumentError, match=r"2022 s\.158"):
            check_dto_term(3, date(2023, 6, 1))

    @pytest.mark.parametrize("term", [True, 6.0, "6"])
    def test_non_int_term_refused(self, term: object) -> None:
        with pytest.raises(InvalidArgumentError, match="whole months"):
            check_dto_term(term, date(2023, 1, 1))  # type: ignore[arg-type]

    def test_dto_dates_refuses_an_invalid_term(self) -> None:
        with pytest.raises(InvalidArgumentError):
            dto_dates(date(2022, 6, 27), 5)


class TestMonthsEndingWith:
    """ "The period of n months ending with" H begins the day after the date n months before H."""

    @pytest.mark.parametrize(
        ("last", "months", "first"),
        [
            (date(2023, 8, 31), 1, date(2023, 8, 1)),  # 31 Jul 2023 + 1
            (date(2023, 3, 31), 1, date(2023, 3, 1)),  # "31 Feb" -> 28 Feb 2023, + 1
            (date(2023, 3, 30), 1, date(2023, 3, 1)),  # "30 Feb" -> 28 Feb 2023, + 1
            (date(2023, 3, 29), 1, date(2023, 3, 1)),  # "29 Feb" -> 28 Feb 2023, + 1
            (date(2023, 3, 28), 1, date(2023, 3, 1)),  # 28 Feb 2023 + 1
            (date(2024, 3, 30), 1, date(2024, 3, 1)),  # "30 Feb" -> 29 Feb 2024 (leap), + 1
            (date(2024, 3, 29), 1, date(2024, 3, 1)),  # 29 Feb 2024 + 1
            (date(2024, 3, 28), 1, date(2024, 2, 29)),  # 28 Feb 2024 + 1
            (date(2023, 5, 31), 2, date(2023, 4, 1)),  # 31 Mar 2023 + 1
            (date(2022, 1, 15), 2, date(2021, 11, 16)),  # 15 Nov 2021 + 1
        ],
    )
    def test_first_day(self, last: date, months: int, first: date) -> None:
        assert months_ending_with(last, months) == (first, last)

    @pytest.mark.parametrize("months", [0, -1, 1.0, True])
    def test_months_must_be_a_whole_number_of_at_least_1(self, months: object) -> None:
        with pytest.raises(InvalidArgumentError, match="months must be a whole number >= 1"):
            months_ending_with(date(2023, 1, 31), months)  # type: ignore[arg-type]


class TestReleaseDates:
    def test_4_months_has_no_early_or_late_release(self) -> None:
        # 1 Mar to 1 Jul 2023 is 31+30+31+30 = 122 days; half is 61: Mon 1 May 2023.
        d = dto_dates(date(2023, 3, 1), 4)
        assert d.halfway == date(2023, 5, 1)
        assert d.term_ends == date(2023, 6, 30)
        assert d.earliest_release is None
        assert d.early_release_window is None
        assert d.late_release == ()
        assert d.policy == DTO_HALFWAY_POLICY
        assert d.early_release_policy == DTO_EARLY_RELEASE_POLICY

    def test_8_months_under_the_2000_act(self) -> None:
        # 10 Jun 2019 to 10 Feb 2020 is 245 days; half 122: 10 Oct 2019.
        # Window: the month ending with 10 Oct begins 10 Sep + 1 = 11 Sep 2019.
        d = dto_dates(date(2019, 6, 10), 8)
        assert d.halfway == date(2019, 10, 10)
        assert d.early_release_window == (date(2019, 9, 11), date(2019, 10, 10))
        assert d.late_release == (date(2019, 11, 10),)
        assert d.citations["early"] == "Powers of Criminal Courts (Sentencing) Act 2000 s.102(4)"
        assert d.citations["late"] == "Powers of Criminal Courts (Sentencing) Act 2000 s.102(5)"

    def test_12_months_over_a_leap_day_opens_the_window_on_1_august(self) -> None:
        # 1 Mar 2023 to 1 Mar 2024 is 366 days; half 183: 31 Aug 2023.
        # The month ending with 31 Aug begins 31 Jul + 1 = 1 Aug 2023 (issue 13's example).
        d = dto_dates(date(2023, 3, 1), 12)
        assert d.halfway == date(2023, 8, 31)
        assert d.early_release_window == (date(2023, 8, 1), date(2023, 8, 31))
        assert d.late_release == (date(2023, 9, 30),)  # 31 Aug + 1 month, clipped
        assert d.citations["halfway"] == "Sentencing Act 2020 s.241(2)"
        assert d.sources["halfway"] == Citation("Sentencing Act 2020", "s.241(2)")
        # An order made from 28 June 2022: both remand provisions (s.240ZA, s.240A) apply.
        keys = {"term", "halfway", "early", "late", "remand", "remand-curfew"}
        assert set(d.sources) == set(d.citations) == keys

    @pytest.mark.parametrize(
        ("day", "inside"),
        [
            (date(2023, 7, 31), False),  # the day before the window
            (date(2023, 8, 1), True),  # its first day
            (date(2023, 8, 2), True),  # the day after
            (date(2023, 8, 31), True),  # the half-way point, its last day
            (date(2023, 9, 1), False),  # the day after it
        ],
    )
    def test_early_release_window_boundaries(self, day: date, inside: bool) -> None:
        window = dto_dates(date(2023, 3, 1), 12).early_release_window
        assert window is not None
        assert (window[0] <= day <= window[1]) is inside

    def test_24_months(self) -> None:
        # 15 Jan 2021 to 15 Jan 2023 is 730 days; half 365: 15 Jan 2022.
        # Window: 2 months ending with 15 Jan 2022 begin 15 Nov 2021 + 1 = 16 Nov 2021.
        d = dto_dates(date(2021, 1, 15), 24)
        assert d.halfway == date(2022, 1, 15)
        assert d.early_release_window == (date(2021, 11, 16), date(2022, 1, 15))
        assert d.late_release == (date(2022, 2, 15), date(2022, 3, 15))
        assert d.term_ends == date(2023, 1, 14)
        assert d.citations["term"] == "Sentencing Act 2020 s.236(1)"

    def test_describe_lists_every_date_with_its_provision(self) -> None:
        lines = dto_dates(date(2023, 3, 1), 12).describe()
        assert len(lines) == 4
        assert lines[2].startswith("early release possible from 2023-08-01 to 2023-08-31")
        assert lines[3].endswith("(Sentencing Act 2020 s.241(5))")


class TestTermBoundaries:
    """8 months and 18 months change the windows; 7 and 17 months exist from 28 June 2022."""

    def test_7_months_has_no_windows(self) -> None:
        # 1 Jul 2022 to 1 Feb 2023: 31+31+30+31+30+31+31 = 215 days; half 107:
        # 1 Jul + 107 = 16 Oct 2022 (31 Jul is +30, 31 Aug +61, 30 Sep +91, 16 Oct +107).
        d = dto_dates(date(2022, 7, 1), 7)
        assert d.halfway == date(2022, 10, 16)
        assert d.early_release_window is None
        assert d.late_release == ()

    def test_8_months_has_one_month_either_side(self) -> None:
        # 1 Jul 2022 to 1 Mar 2023: 215 + 28 = 243 days; half 121: 30 Oct 2022.
        # Window 30 Sep + 1 = 1 Oct 2022 to 30 Oct; late 30 Nov 2022.
        d = dto_dates(date(2022, 7, 1), 8)
        assert d.halfway == date(2022, 10, 30)
        assert d.early_release_window == (date(2022, 10, 1), date(2022, 10, 30))
        assert d.late_release == (date(2022, 11, 30),)

    def test_17_months_has_one_month_either_side(self) -> None:
        # 1 Jul 2022 to 1 Dec 2023: 365 + 31+31+30+31+30 = 518 days; half 259:
        # 1 Jul 2022 + 184 = 1 Jan 2023, + 75 more = 17 Mar 2023.
        # Window 17 Feb + 1 = 18 Feb 2023 to 17 Mar; late 17 Apr 2023.
        d = dto_dates(date(2022, 7, 1), 17)
        assert d.halfway == date(2023, 3, 17)
        assert d.early_release_window == (date(2023, 2, 18), date(2023, 3, 17))
        assert d.late_release == (date(2023, 4, 17),)

    def test_18_months_has_two_months_either_side(self) -> None:
        # 1 Jul 2022 to 1 Jan 2024: 518 + 31 = 549 days; half 274:
        # 1 Jan 2023 + 90 (31+28+31) = 1 Apr 2023.
        # Window 1 Feb + 1 = 2 Feb 2023 to 1 Apr; late 1 May or 1 Jun 2023.
        d = dto_dates(date(2022, 7, 1), 18)
        assert d.halfway == date(2023, 4, 1)
        assert d.early_release_window == (date(2023, 2, 2), date(2023, 4, 1))
        assert d.late_release == (date(2023, 5, 1), date(2023, 6, 1))

    def test_17_months_from_1_august_2022(self) -> None:
        # 1 Aug 2022 to 1 Jan 2024 is 518 days; half 259: 17 Apr 2023.
        d = dto_dates(date(2022, 8, 1), 17)
        assert d.halfway == date(2023, 4, 17)
        assert d.earliest_release == date(2023, 3, 18)  # 17 Mar + 1
        assert d.late_release == (date(2023, 5, 17),)

    def test_18_months_from_1_august_2022(self) -> None:
        # 1 Aug 2022 to 1 Feb 2024 is 549 days; half 274: 2 May 2023.
        d = dto_dates(date(2022, 8, 1), 18)
        assert d.halfway == date(2023, 5, 2)
        assert d.earliest_release == date(2023, 3, 3)  # 2 Mar + 1
        assert d.late_release == (date(2023, 6, 2), date(2023, 7, 2))


class TestRemandRegimes:
    def test_the_day_before_28_june_2022_the_term_reflects_the_remand(self) -> None:
        with_remand = dto_dates(date(2022, 6, 27), 12, remand_days=30, curfew_days=10)
        assert _dates(with_remand) == _dates(dto_dates(date(2022, 6, 27), 12))
        assert with_remand.remand.regime is RemandRegime.TAKEN_ACCOUNT_OF_IN_TERM
        assert with_remand.remand.credited_days == 0
        assert with_remand.citations["remand"] == "Sentencing Act 2020 s.239(2)"

    def test_on_28_june_2022_remand_is_credited(self) -> None:
        # 28 Jun 2022 to 28 Jun 2023 is 365 days; half 182: 27 Dec 2022.
        # 30 days credited: 27 Nov 2022. Window 27 Oct + 1 = 28 Oct to 27 Nov;
        # late 27 Dec 2022; term ends 27 Jun 2023 - 30 = 28 May 2023.
        d = dto_dates(date(2022, 6, 28), 12, remand_days=30)
        assert d.remand.regime is RemandRegime.CREDITED
        assert d.remand.credited_days == 30
        assert d.halfway == date(2022, 11, 27)
        assert d.early_release_window == (date(2022, 10, 28), date(2022, 11, 27))
        assert d.late_release == (date(2022, 12, 27),)
        assert d.term_ends == date(2023, 5, 28)
        assert d.remand.policy == DTO_CREDIT_POLICY
        assert d.citations["remand"] == (
            "Criminal Justice Act 2003 s.240ZA(3), as applied to detention and training orders "
            "by s.240ZA(1A) and (1B) (inserted by the Police, Crime, Sentencing and Courts Act "
            "2022 Sch 16 para 2)"
        )

    def test_the_day_after_28_june_2022_remand_is_credited(self) -> None:
        assert remand_credit(date(2022, 6, 29), remand_days=5).regime is RemandRegime.CREDITED

    def test_before_the_sentencing_code_the_2000_act_is_cited(self) -> None:
        c = remand_credit(date(2019, 1, 1), remand_days=5)
        assert c.citation == "Powers of Criminal Courts (Sentencing) Act 2000 s.101(8)"
        assert c.credited_days == 0

    @pytest.mark.parametrize(("curfew", "credit"), [(0, 0), (1, 1), (20, 10), (21, 11)])
    def test_curfew_days_credit_half_rounded_up(self, curfew: int, credit: int) -> None:
        c = remand_credit(date(2023, 1, 1), curfew_days=curfew)
        assert c.curfew_credit == credit
        assert c.credited_days == credit

    def test_remand_and_curfew_add_up(self) -> None:
        # 10 days in custody + half of 5 curfew days rounded up (3) = 13.
        # 28 Jun 2022, 12 months: 27 Dec 2022 - 13 = 14 Dec 2022.
        d = dto_dates(date(2022, 6, 28), 12, remand_days=10, curfew_days=5)
        assert d.remand.credited_days == 13
        assert d.halfway == date(2022, 12, 14)
        assert "credited 13 days (10 + half of 5, rounded up)" in d.describe()[-1]

    def test_the_window_never_opens_before_the_sentence_date(self) -> None:
        # 1 Jul 2022, 8 months: half-way 30 Oct 2022 (see TestTermBoundaries).
        # 100 days credited: 30 Oct - 100 = 22 Jul 2022 (30+30+31+9); the month ending with
        # it would begin 23 Jun, before the order: the window opens on 1 Jul 2022.
        # Term ends 28 Feb 2023 - 100 = 20 Nov 2022 (28+31+31+10).
        d = dto_dates(date(2022, 7, 1), 8, remand_days=100)
        assert d.halfway == date(2022, 7, 22)
        assert d.early_release_window == (date(2022, 7, 1), date(2022, 7, 22))
        assert d.late_release == (date(2022, 8, 22),)
        assert d.term_ends == date(2022, 11, 20)

    def test_describe_says_the_court_took_account_before_the_change(self) -> None:
        line = dto_dates(date(2021, 3, 1), 12, remand_days=30).describe()[-1]
        assert "took account of it in setting the term" in line
        assert line.endswith("(Sentencing Act 2020 s.239(2))")

    def test_no_remand_line_without_remand(self) -> None:
        assert not any("remand" in line for line in dto_dates(date(2023, 3, 1), 12).describe())


class TestRemandCitationsAndWords:
    """12 months from Wed 1 Mar 2023 with 30 days remanded and 21 on curfew bail: 41 credited."""

    DAY = date(2023, 3, 1)

    def dates(self) -> DtoDates:
        return dto_dates(self.DAY, 12, remand_days=30, curfew_days=21)

    def test_s240za_3_is_applied_by_1a_and_1b_not_inserted(self) -> None:
        # PCSCA 2022 Sch 16 para 2(3) inserts (1A) and (1B) after s.240ZA(1); para 2(5)
        # substitutes (8A) and (9) for (9). Subsection (3) was already there.
        [custody, curfew] = self.dates().remand.sources
        assert custody == Citation(
            "Criminal Justice Act 2003",
            "s.240ZA(3), as applied to detention and training orders by s.240ZA(1A) and (1B) "
            "(inserted by the Police, Crime, Sentencing and Courts Act 2022 Sch 16 para 2)",
        )
        assert curfew.place.startswith("s.240A")

    def test_every_remand_source_is_in_the_citations(self) -> None:
        d = self.dates()
        assert d.sources["remand"] == d.remand.sources[0]
        assert d.sources["remand-curfew"] == d.remand.sources[1]
        assert d.citations["remand-curfew"] == (
            "Criminal Justice Act 2003 s.240A, as amended by the Police, Crime, Sentencing and "
            "Courts Act 2022 Sch 16 para 3"
        )
        assert set(d.sources) == {"term", "halfway", "early", "late", "remand", "remand-curfew"}

    def test_before_28_june_2022_there_is_one_remand_source(self) -> None:
        d = dto_dates(date(2022, 6, 27), 12, remand_days=30, curfew_days=21)
        assert set(d.sources) == {"term", "halfway", "early", "late", "remand"}

    def test_a_combined_order_cites_every_remand_source_too(self) -> None:
        orders = [DtoOrder(self.DAY, 6), DtoOrder(self.DAY, 6, consecutive=True)]
        c = combined_dto(orders, remand_days=30, curfew_days=21)
        assert [c.sources["remand"], c.sources["remand-curfew"]] == list(c.remand.sources)

    def test_describe_says_the_credit_moved_the_end_of_the_term(self) -> None:
        # 1 Mar 2023 + 12 months = 1 Mar 2024: the term runs to Thu 29 Feb 2024 (2024 is a
        # leap year). 41 days earlier: 29 Feb - 29 = 31 Jan, - 12 more = Fri 19 Jan 2024.
        line = self.dates().describe()[0]
        assert line.startswith(
            "term: 12 months from 2023-03-01 to 2024-02-29, ending 41 days earlier, on "
            "2024-01-19, for the credited remand ("
        )
        assert self.dates().term_ends == date(2024, 1, 19)

    def test_describe_without_credit_gives_the_term_alone(self) -> None:
        # Taken account of in the term (before 28 June 2022): nothing is credited.
        line = dto_dates(date(2022, 6, 27), 12, remand_days=30).describe()[0]
        assert line == (
            "term: 12 months from 2022-06-27 to 2023-06-26 (Sentencing Act 2020 s.236(1))"
        )

    def test_a_combined_order_says_so_too(self) -> None:
        # 6 + 6 months from 1 Mar 2023: one term to 29 Feb 2024; 30 days earlier: 30 Jan 2024.
        orders = [DtoOrder(self.DAY, 6), DtoOrder(self.DAY, 6, consecutive=True)]
        line = combined_dto(orders, remand_days=30).describe()[0]
        assert line.startswith(
            "single term of 2 orders from 2023-03-01 to 2024-02-29, ending 30 days earlier, "
            "on 2024-01-30, for the credited remand ("
        )


class TestDetentionFromADto:
    """The custody a DTO stands for, for CPPCR reg 33(3)(d) and the care history."""

    def test_custody_runs_from_the_sentence_to_the_remand_adjusted_release(self) -> None:
        # 12 months from 1 Mar 2023 with 41 days credited: half-way 31 Aug 2023 - 41 days
        # = 21 Jul 2023 (31 Aug - 31 = 31 Jul, - 10 = 21 Jul): released that day.
        d = dto_dates(date(2023, 3, 1), 12, remand_days=30, curfew_days=21)
        assert d.detention() == Detention(date(2023, 3, 1), date(2023, 7, 21))
        assert d.detention().kind is DetentionKind.CUSTODY
        assert d.detention().release == d.halfway

    def test_an_early_or_late_release_can_be_given(self) -> None:
        d = dto_dates(date(2023, 3, 1), 12)
        # The window opens 1 Aug 2023; the late release is 30 Sep 2023.
        assert d.detention(release=date(2023, 8, 1)).release == date(2023, 8, 1)
        assert d.detention(release=date(2023, 9, 30)).last_day == date(2023, 9, 29)

    @pytest.mark.parametrize(
        ("release", "ok"),
        [
            (date(2023, 3, 1), False),  # the sentence date itself: no day detained
            (date(2023, 3, 2), True),
            (date(2024, 3, 1), True),  # the day after the term (to 29 Feb 2024) ends
            (date(2024, 3, 2), False),
        ],
    )
    def test_the_release_must_fall_after_the_sentence_and_by_the_end_of_the_term(
        self, release: date, ok: bool
    ) -> None:
        d = dto_dates(date(2023, 3, 1), 12)
        if ok:
            assert d.detention(release=release).release == release
        else:
            with pytest.raises(InvalidArgumentError, match=r"release \("):
                d.detention(release=release)

    def test_credit_equal_to_the_detention_period_leaves_no_custody_to_record(self) -> None:
        # 4 months from 1 Mar 2023: 61 days' detention; 61 credited: released on the day.
        d = dto_dates(date(2023, 3, 1), 4, remand_days=61)
        with pytest.raises(InvalidArgumentError, match="released on the day it was made"):
            d.detention()

    def test_a_combined_order_gives_the_custody_of_the_single_term(self) -> None:
        # 6 + 6 months from 1 Mar 2023 with 30 days: released 1 Aug 2023 (31 Aug - 30).
        orders = [DtoOrder(date(2023, 3, 1), 6), DtoOrder(date(2023, 3, 1), 6, consecutive=True)]
        c = combined_dto(orders, remand_days=30)
        assert c.detention() == Detention(date(2023, 3, 1), date(2023, 8, 1))

    def test_the_detention_review_of_a_child_in_care_falls_the_day_before_release(self) -> None:
        # Care order from Mon 9 Jan 2023 (born 2012-06-01, so no leaving-care status
        # interferes); reviews held 3 Feb and 2 May 2023; the third is due 2 Nov 2023.
        # Sentenced 1 Jun 2023 to 4 months with 10 days remanded: 1 Jun to 1 Oct is 122
        # days, half 61: 1 Aug; less 10: released Sat 22 Jul 2023. Reg 33(3)(d): a review
        # by Fri 21 Jul 2023, as none falls due before release.
        from care_justice_protocol.calendar._working_days import WorkingCalendar
        from care_justice_protocol.statutory._care_leaver import CareEpisode
        from care_justice_protocol.statutory._reviews import ReviewKind, statutory_reviews

        dto = dto_dates(date(2023, 6, 1), 4, remand_days=10)
        assert dto.halfway == date(2023, 7, 22)
        checks = statutory_reviews(
            date(2012, 6, 1),
            [CareEpisode(date(2023, 1, 9), None, "C2")],
            WorkingCalendar.england(),
            date(2023, 7, 1),
            reviews_held=[date(2023, 2, 3), date(2023, 5, 2)],
            detentions=[dto.detention()],
        )
        [det] = [c for c in checks if c.kind is ReviewKind.DETENTION]
        assert det.deadline.due == date(2023, 7, 21)
        assert det.deadline.rule == "before ceasing to be detained on 2023-07-22 (from 2023-06-01)"


class TestRemandLimits:
    """4 months from 1 Mar 2023: a 122-day term, 61 days of detention and training."""

    @pytest.mark.parametrize(
        ("remand", "halfway"), [(60, date(2023, 3, 2)), (61, date(2023, 3, 1))]
    )
    def test_credit_up_to_the_detention_period(self, remand: int, halfway: date) -> None:
        # 1 Mar 2023 + 61 = 1 May; less 60 = 2 Mar, less 61 = 1 Mar (released on the day).
        assert dto_dates(date(2023, 3, 1), 4, remand_days=remand).halfway == halfway

    def test_one_day_more_than_the_detention_period_is_refused(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"period of detention and training \(61"):
            dto_dates(date(2023, 3, 1), 4, remand_days=62)

    @pytest.mark.parametrize(("curfew", "ok"), [(121, True), (122, True), (123, False)])
    def test_curfew_credit_counts_towards_the_limit(self, curfew: int, ok: bool) -> None:
        # half of 121 and 122 rounded up is 61 (allowed); of 123 it is 62 (refused).
        if ok:
            assert dto_dates(date(2023, 3, 1), 4, curfew_days=curfew).halfway == date(2023, 3, 1)
        else:
            with pytest.raises(InvalidArgumentError, match="curfew_days=123 credit 62 days"):
                dto_dates(date(2023, 3, 1), 4, curfew_days=curfew)

    @pytest.mark.parametrize(("remand", "ok"), [(121, True), (122, True), (123, False)])
    def test_remand_longer_than_the_term_is_refused_under_either_regime(
        self, remand: int, ok: bool
    ) -> None:
        # 1 Mar 2021, 4 months: 1 Mar to 1 Jul 2021 is 122 days (the court-term regime).
        if ok:
            assert dto_dates(date(2021, 3, 1), 4, remand_days=remand).remand.credited_days == 0
        else:
            with pytest.raises(InvalidArgumentError, match=r"longer than the term \(122 days"):
                dto_dates(date(2021, 3, 1), 4, remand_days=remand)

    @pytest.mark.parametrize("field", ["remand_days", "curfew_days"])
    @pytest.mark.parametrize("value", [-1, 2.5, True, "3", None])
    def test_counts_must_be_whole_numbers_of_days(self, field: str, value: object) -> None:
        with pytest.raises(InvalidArgumentError, match=f"{field} must be a whole number >= 0"):
            dto_dates(date(2023, 3, 1), 12, **{field: value})  # type: ignore[arg-type]


class TestCombinedOrders:
    def test_18_and_12_consecutive_are_capped_at_24_months(self) -> None:
        # 1 Mar 2023 + 18 months = 1 Sep 2024; + 12 = 1 Sep 2025 (last day 31 Aug 2025).
        # Cap: 1 Mar 2025 (last day 28 Feb 2025); remitted 1 Mar-31 Aug 2025:
        # 31+30+31+30+31+31 = 184 days. Single term 1 Mar 2023 - 1 Mar 2025 = 731 days;
        # half 365: 29 Feb 2024. Window 29 Dec 2023 + 1 = 30 Dec 2023; late 29 Mar, 29 Apr.
        day = date(2023, 3, 1)
        c = combined_dto([DtoOrder(day, 18), DtoOrder(day, 12, consecutive=True)])
        assert c.uncapped_term_ends == date(2025, 8, 31)
        assert c.term_ends == date(2025, 2, 28)
        assert c.remitted_days == 184
        assert c.total_months == 24
        assert c.halfway == date(2024, 2, 29)
        assert c.early_release_window == (date(2023, 12, 30), date(2024, 2, 29))
        assert c.late_release == (date(2024, 3, 29), date(2024, 4, 29))
        assert c.citations["limit"] == "Sentencing Act 2020 s.238"
        assert c.citations["single-term"] == "Sentencing Act 2020 s.238(3)"
        assert c.policy == DTO_COMBINED_POLICY
        assert "184 days beyond 24 months (to 2025-08-31) treated as remitted" in c.describe()[1]

    def test_concurrent_orders_run_as_the_longest(self) -> None:
        day = date(2023, 3, 1)
        c = combined_dto([DtoOrder(day, 18), DtoOrder(day, 12)])
        d = dto_dates(day, 18)
        assert c.total_months == 18
        assert c.remitted_days == 0
        assert (c.term_ends, c.halfway, c.earliest_release, c.late_release) == _dates(d)

    def test_two_consecutive_6_month_orders_are_one_12_month_term_with_windows(self) -> None:
        # 6 + 6 months from 1 Mar 2023 = the 12-month term: half-way 31 Aug 2023, window
        # 1 Aug to 31 Aug, late 30 Sep - though neither order alone is 8 months.
        day = date(2023, 3, 1)
        c = combined_dto([DtoOrder(day, 6), DtoOrder(day, 6, consecutive=True)])
        assert c.total_months == 12
        assert c.halfway == date(2023, 8, 31)
        assert c.early_release_window == (date(2023, 8, 1), date(2023, 8, 31))
        assert c.late_release == (date(2023, 9, 30),)

    def test_a_later_shorter_concurrent_order_changes_nothing(self) -> None:
        # 12 months from 1 Mar 2023 ends 29 Feb 2024; 6 months from 1 May 2023 ends
        # 31 Oct 2023, inside it.
        c = combined_dto([DtoOrder(date(2023, 3, 1), 12), DtoOrder(date(2023, 5, 1), 6)])
        assert c.term_ends == date(2024, 2, 29)
        assert c.halfway == date(2023, 8, 31)

    def test_a_later_consecutive_order_follows_the_first(self) -> None:
        # 12 months from 1 Mar 2023 ends 29 Feb 2024; 12 more from 1 Mar 2024 end
        # 28 Feb 2025: 24 months in all, nothing remitted; half-way 29 Feb 2024 as above.
        first = DtoOrder(date(2023, 3, 1), 12)
        c = combined_dto([first, DtoOrder(date(2023, 6, 1), 12, consecutive=True)])
        assert (c.term_ends, c.remitted_days, c.total_months) == (date(2025, 2, 28), 0, 24)
        assert c.halfway == date(2024, 2, 29)

    def test_a_later_concurrent_order_past_24_months_is_remitted(self) -> None:
        # 24 months from 1 Mar 2023 (half-way 29 Feb 2024); 18 months from 1 Feb 2024 end
        # 1 Aug 2025 (exclusive); the cap is 1 Mar 2025: remitted 31+30+31+30+31 = 153.
        c = combined_dto([DtoOrder(date(2023, 3, 1), 24), DtoOrder(date(2024, 2, 1), 18)])
        assert c.uncapped_term_ends == date(2025, 7, 31)
        assert c.term_ends == date(2025, 2, 28)
        assert c.remitted_days == 153
        assert c.total_months == 24

    def test_each_consecutive_term_runs_from_its_own_start_so_clipping_can_shorten_it(
        self,
    ) -> None:
        # 31 May 2023 + 4 months = 30 Sep (clipped): the first order's last day is 29 Sep.
        # The second begins 30 Sep; + 4 months = 30 Jan 2024: its last day is 29 Jan 2024,
        # one day short of 8 months from 31 May (31 Jan 2024 exclusive).
        day = date(2023, 5, 31)
        c = combined_dto([DtoOrder(day, 4), DtoOrder(day, 4, consecutive=True)])
        assert c.term_ends == date(2024, 1, 29)
        assert c.total_months is None

    def test_a_single_term_not_in_whole_months_has_no_total_months(self) -> None:
        # 4 months from 1 Mar 2023 (to 1 Jul); 4 more from 15 Mar 2023 (to 15 Jul).
        c = combined_dto([DtoOrder(date(2023, 3, 1), 4), DtoOrder(date(2023, 3, 15), 4)])
        assert c.term_ends == date(2023, 7, 14)
        assert c.total_months is None

    @pytest.mark.parametrize(
        ("made", "ok"),
        [(date(2023, 8, 30), True), (date(2023, 8, 31), False), (date(2023, 9, 1), False)],
    )
    def test_an_order_made_after_release_is_not_part_of_the_term(
        self, made: date, ok: bool
    ) -> None:
        # The first order's half-way point is 31 Aug 2023: from then on its supervision has
        # begun and a new order is not one term with it.
        orders = [DtoOrder(date(2023, 3, 1), 12), DtoOrder(made, 4)]
        if ok:
            assert combined_dto(orders).term_ends == date(2024, 2, 29)
        else:
            with pytest.raises(InvalidArgumentError, match=r"orders\[1\].*half-way point"):
                combined_dto(orders)

    def test_remand_is_credited_once_against_the_single_term(self) -> None:
        # 6 + 6 months from 1 Mar 2023 with 30 days: 31 Aug - 30 = 1 Aug 2023; window
        # 1 Jul + 1 = 2 Jul to 1 Aug; the same as one 12-month order with the same remand.
        day = date(2023, 3, 1)
        orders = [DtoOrder(day, 6), DtoOrder(day, 6, consecutive=True)]
        c = combined_dto(orders, remand_days=30)
        assert c.halfway == date(2023, 8, 1)
        assert c.early_release_window == (date(2023, 7, 2), date(2023, 8, 1))
        assert c.total_months == 12
        assert c.halfway == dto_dates(day, 12, remand_days=30).halfway

    def test_remand_across_28_june_2022_is_refused(self) -> None:
        orders = [DtoOrder(date(2022, 6, 27), 12), DtoOrder(date(2022, 6, 28), 6)]
        assert combined_dto(orders).remitted_days == 0
        with pytest.raises(InvalidArgumentError, match="two remand regimes"):
            combined_dto(orders, remand_days=10)

    def test_an_order_before_the_code_cites_the_2000_act(self) -> None:
        c = combined_dto([DtoOrder(date(2019, 6, 10), 8)])
        assert (
            c.citations["limit"] == "Powers of Criminal Courts (Sentencing) Act 2000 s.101(4)-(5)"
        )

    def test_bad_orders_are_refused(self) -> None:
        day = date(2023, 3, 1)
        with pytest.raises(InvalidArgumentError, match="at least one DtoOrder"):
            combined_dto([])
        with pytest.raises(InvalidArgumentError, match=r"orders\[0\] must be a DtoOrder"):
            combined_dto([(day, 12)])  # type: ignore[list-item]
        with pytest.raises(InvalidArgumentError, match=r"orders\[0\] cannot be consecutive"):
            combined_dto([DtoOrder(day, 12, consecutive=True)])
        with pytest.raises(InvalidArgumentError, match=r"orders\[1\] \(made on 2023-02-01\)"):
            combined_dto([DtoOrder(day, 12), DtoOrder(date(2023, 2, 1), 6)])

    def test_an_order_with_a_term_invalid_on_its_date_cannot_be_made(self) -> None:
        with pytest.raises(InvalidArgumentError, match="a DTO made on 2022-06-27 cannot"):
            DtoOrder(date(2022, 6, 27), 5)
        with pytest.raises(InvalidArgumentError, match="consecutive must be True or False"):
            DtoOrder(date(2023, 3, 1), 6, consecutive=1)  # type: ignore[arg-type]


_ANY_TERM_DAYS = st.dates(DTO_ANY_TERM_FROM, date(2090, 12, 31))


class TestProperties:
    @given(st.dates(date(2000, 6, 1), date(2090, 12, 31)), st.data())
    def test_release_points_lie_within_the_term_in_order(
        self, day: date, data: st.DataObject
    ) -> None:
        term = data.draw(st.sampled_from(valid_dto_terms(day)))
        d = dto_dates(day, term)
        points = [day]
        if d.earliest_release is not None:
            points.append(d.earliest_release)
        points.append(d.halfway)
        points.extend(d.late_release)
        points.append(d.term_ends)
        assert points == sorted(points)
        assert day < d.halfway < d.term_ends
        assert len(set(points)) == len(points)

    @given(_ANY_TERM_DAYS, st.integers(4, 23))
    def test_a_longer_term_never_releases_earlier(self, day: date, term: int) -> None:
        assert dto_dates(day, term).halfway <= dto_dates(day, term + 1).halfway

    @given(st.dates(date(2000, 6, 1), DTO_ANY_TERM_FROM), st.sampled_from(DTO_FIXED_TERMS))
    def test_fixed_terms_always_valid(self, day: date, term: int) -> None:
        assert check_dto_term(term, day) == term

    @given(_ANY_TERM_DAYS, st.integers(4, 24))
    def test_the_window_is_the_period_of_months_ending_with_the_half_way_point(
        self, day: date, term: int
    ) -> None:
        d = dto_dates(day, term)
        if term < 8:
            assert d.early_release_window is None
        else:
            months = 2 if term >= 18 else 1
            assert d.early_release_window == months_ending_with(d.halfway, months)
            # the day before the window is exactly `months` months before the half-way point
            assert d.early_release_window[0] - timedelta(days=1) == add_months(d.halfway, -months)

    @given(st.dates(date(2000, 6, 1), date(2090, 12, 31)), st.data())
    def test_crediting_zero_days_changes_nothing(self, day: date, data: st.DataObject) -> None:
        term = data.draw(st.sampled_from(valid_dto_terms(day)))
        assert dto_dates(day, term, remand_days=0, curfew_days=0) == dto_dates(day, term)

    @given(st.dates(date(2000, 6, 1), date(2022, 6, 27)), st.data())
    def test_before_28_june_2022_remand_never_changes_a_date(
        self, day: date, data: st.DataObject
    ) -> None:
        term = data.draw(st.sampled_from(valid_dto_terms(day)))
        remand = data.draw(st.integers(0, 120))
        assert _dates(dto_dates(day, term, remand_days=remand)) == _dates(dto_dates(day, term))

    @given(_ANY_TERM_DAYS, st.integers(4, 24), st.data())
    def test_more_credited_remand_never_moves_any_date_later(
        self, day: date, term: int, data: st.DataObject
    ) -> None:
        detention = (add_months(day, term) - day).days // 2
        low = data.draw(st.integers(0, detention))
        high = data.draw(st.integers(low, detention))
        less, more = dto_dates(day, term, remand_days=low), dto_dates(day, term, remand_days=high)
        assert more.halfway <= less.halfway <= dto_dates(day, term).halfway
        assert more.term_ends <= less.term_ends
        if more.earliest_release is not None and less.earliest_release is not None:
            assert more.earliest_release <= less.earliest_release
        assert all(m <= n for m, n in zip(more.late_release, less.late_release, strict=True))
        assert less.halfway - more.halfway == timedelta(days=high - low)
        assert day <= more.halfway

    @given(_ANY_TERM_DAYS, st.integers(4, 24), st.integers(0, 400))
    def test_curfew_credits_half_rounded_up(self, day: date, term: int, curfew: int) -> None:
        detention = (add_months(day, term) - day).days // 2
        credit = (curfew + 1) // 2
        if credit > detention:
            with pytest.raises(InvalidArgumentError):
                dto_dates(day, term, curfew_days=curfew)
        else:
            assert (
                dto_dates(day, term, curfew_days=curfew).halfway
                == dto_dates(day, term, remand_days=credit).halfway
            )


@st.composite
def _same_day_orders(draw: st.DrawFn) -> list[DtoOrder]:
    day = draw(_ANY_TERM_DAYS)
    terms = draw(st.lists(st.integers(4, 24), min_size=1, max_size=4))
    flags = [False] + [draw(st.booleans()) for _ in terms[1:]]
    return [DtoOrder(day, t, consecutive=f) for t, f in zip(terms, flags, strict=True)]


class TestRemandSourceProperties:
    @given(
        st.dates(date(2015, 1, 1), date(2040, 12, 31)),
        st.integers(0, 40),
        st.integers(0, 40),
    )
    def test_every_remand_source_is_cited_among_the_dates_sources(
        self, day: date, remand: int, curfew: int
    ) -> None:
        d = dto_dates(day, 12, remand_days=remand, curfew_days=curfew)
        assert set(d.remand.sources) <= set(d.sources.values())
        assert {str(c) for c in d.remand.sources} <= set(d.citations.values())


class TestCombinedProperties:
    @given(_same_day_orders())
    def test_the_single_term_never_exceeds_24_months(self, orders: list[DtoOrder]) -> None:
        c = combined_dto(orders)
        cap = add_months(c.starts, 24)
        assert c.term_ends < cap
        assert c.remitted_days == max(0, (c.uncapped_term_ends + timedelta(days=1) - cap).days)

    @given(_ANY_TERM_DAYS, st.lists(st.integers(4, 24), min_size=1, max_size=4))
    def test_concurrent_orders_run_as_the_longest(self, day: date, terms: list[int]) -> None:
        c = combined_dto([DtoOrder(day, t) for t in terms])
        assert c.total_months == max(terms)
        assert (c.term_ends, c.halfway, c.earliest_release, c.late_release) == _dates(
            dto_dates(day, max(terms))
        )

    @given(_ANY_TERM_DAYS, st.lists(st.integers(4, 12), min_size=1, max_size=3))
    def test_consecutive_orders_add_up_to_at_most_24_months(
        self, day: date, terms: list[int]
    ) -> None:
        day = day.replace(day=min(day.day, 28))  # no month-end clipping: see the 31 May test
        orders = [DtoOrder(day, t, consecutive=i > 0) for i, t in enumerate(terms)]
        c = combined_dto(orders)
        assert c.total_months == min(sum(terms), 24)
        if sum(terms) <= 24:
            assert c.remitted_days == 0
            assert c.halfway == dto_dates(day, sum(terms)).halfway

    @given(st.dates(date(2000, 6, 1), date(2090, 12, 31)), st.data())
    def test_one_order_alone_has_its_own_dates(self, day: date, data: st.DataObject) -> None:
        term = data.draw(st.sampled_from(valid_dto_terms(day)))
        c = combined_dto([DtoOrder(day, term)])
        assert (c.term_ends, c.halfway, c.earliest_release, c.late_release) == _dates(
            dto_dates(day, term)
        )

    @given(_same_day_orders(), st.integers(0, 60))
    def test_credited_remand_never_moves_release_later(
        self, orders: list[DtoOrder], remand: int
    ) -> None:
        assert combined_dto(orders, remand_days=remand).halfway <= combined_dto(orders).halfway


def test_the_credit_regime_starts_with_the_any_term_rule() -> None:
    assert DTO_REMAND_CREDIT_FROM == DTO_ANY_TERM_FROM == date(2022, 6, 28)
