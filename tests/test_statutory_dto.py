"""Detention and training orders: valid terms by sentence date, release dates by hand."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol._errors import InvalidArgumentError
from care_justice_protocol.model._citation import Citation
from care_justice_protocol.statutory._dto import (
    DTO_ANY_TERM_FROM,
    DTO_FIXED_TERMS,
    DTO_HALFWAY_POLICY,
    check_dto_term,
    dto_dates,
    valid_dto_terms,
)


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
    def test_odd_term_allowed_on_the_day(self, term: int) -> None:
        assert check_dto_term(term, date(2022, 6, 28)) == term

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


class TestReleaseDates:
    def test_4_months_has_no_early_or_late_release(self) -> None:
        # 1 Mar to 1 Jul 2023 is 122 days; half is 61: Mon 1 May 2023.
        d = dto_dates(date(2023, 3, 1), 4)
        assert d.halfway == date(2023, 5, 1)
        assert d.term_ends == date(2023, 6, 30)
        assert d.earliest_release is None
        assert d.early_release_window is None
        assert d.late_release == ()
        assert d.policy == DTO_HALFWAY_POLICY

    def test_8_months_under_the_2000_act(self) -> None:
        # 10 Jun 2019 to 10 Feb 2020 is 245 days; half 122: 10 Oct 2019.
        d = dto_dates(date(2019, 6, 10), 8)
        assert d.halfway == date(2019, 10, 10)
        assert d.early_release_window == (date(2019, 9, 10), date(2019, 10, 10))
        assert d.late_release == (date(2019, 11, 10),)
        assert d.citations["early"] == "Powers of Criminal Courts (Sentencing) Act 2000 s.102(4)"
        assert d.citations["late"] == "Powers of Criminal Courts (Sentencing) Act 2000 s.102(5)"

    def test_12_months_over_a_leap_day(self) -> None:
        # 1 Mar 2023 to 1 Mar 2024 is 366 days; half 183: 31 Aug 2023.
        d = dto_dates(date(2023, 3, 1), 12)
        assert d.halfway == date(2023, 8, 31)
        assert d.early_release_window == (date(2023, 7, 31), date(2023, 8, 31))
        assert d.late_release == (date(2023, 9, 30),)
        assert d.citations["halfway"] == "Sentencing Act 2020 s.241(2)"
        assert d.sources["halfway"] == Citation("Sentencing Act 2020", "s.241(2)")
        assert set(d.sources) == set(d.citations) == {"term", "halfway", "early", "late"}

    def test_17_months_is_1_month_either_side(self) -> None:
        # 1 Aug 2022 to 1 Jan 2024 is 518 days; half 259: 17 Apr 2023.
        d = dto_dates(date(2022, 8, 1), 17)
        assert d.halfway == date(2023, 4, 17)
        assert d.earliest_release == date(2023, 3, 17)
        assert d.late_release == (date(2023, 5, 17),)

    def test_18_months_is_2_months_either_side(self) -> None:
        # 1 Aug 2022 to 1 Feb 2024 is 549 days; half 274: 2 May 2023.
        d = dto_dates(date(2022, 8, 1), 18)
        assert d.halfway == date(2023, 5, 2)
        assert d.earliest_release == date(2023, 3, 2)
        assert d.late_release == (date(2023, 6, 2), date(2023, 7, 2))

    def test_24_months(self) -> None:
        # 15 Jan 2021 to 15 Jan 2023 is 730 days; half 365: 15 Jan 2022.
        d = dto_dates(date(2021, 1, 15), 24)
        assert d.halfway == date(2022, 1, 15)
        assert d.early_release_window == (date(2021, 11, 15), date(2022, 1, 15))
        assert d.late_release == (date(2022, 2, 15), date(2022, 3, 15))
        assert d.term_ends == date(2023, 1, 14)
        assert d.citations["term"] == "Sentencing Act 2020 s.236(1)"

    def test_7_months_has_no_windows(self) -> None:
        d = dto_dates(date(2023, 1, 10), 7)
        assert d.early_release_window is None
        assert d.late_release == ()

    def test_describe_lists_every_date_with_its_provision(self) -> None:
        lines = dto_dates(date(2023, 3, 1), 12).describe()
        assert len(lines) == 4
        assert lines[2].startswith("early release possible from 2023-07-31 to 2023-08-31")
        assert lines[3].endswith("(Sentencing Act 2020 s.241(5))")


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

    @given(st.dates(DTO_ANY_TERM_FROM, date(2090, 12, 31)), st.integers(4, 23))
    def test_a_longer_term_never_releases_earlier(self, day: date, term: int) -> None:
        assert dto_dates(day, term).halfway <= dto_dates(day, term + 1).halfway

    @given(st.dates(date(2000, 6, 1), DTO_ANY_TERM_FROM), st.sampled_from(DTO_FIXED_TERMS))
    def test_fixed_terms_always_valid(self, day: date, term: int) -> None:
        assert check_dto_term(term, day) == term
