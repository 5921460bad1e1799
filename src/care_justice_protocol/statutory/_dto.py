"""Detention and training order (DTO) arithmetic: valid terms, release point, windows.

A DTO is a term of detention and training followed by supervision. The rules:

* **Term.** Before 28 June 2022 the term had to be 4, 6, 8, 10, 12, 18 or 24 months
  (Powers of Criminal Courts (Sentencing) Act 2000 s.101(1); from 1 December 2020 the
  Sentencing Act 2020 s.236(1)). The Police, Crime, Sentencing and Courts Act 2022 s.158,
  in force 28 June 2022, replaced the list with "at least 4 months but must not exceed
  24 months".
* **Release at half-way.** The period of detention and training is half the term
  (Sentencing Act 2020 s.241(2); before, PCC(S)A 2000 s.102(2)).
* **Early release** (s.241(4)): for a term of 8 months or more but less than 18 months,
  at any time during the 1 month ending with the half-way point; for 18 months or more,
  during the 2 months ending with it.
* **Late release** (s.241(5)): on the Secretary of State's application, a youth court may
  order release 1 month after the half-way point (8 to under 18 months) or 1 or 2 months
  after it (18 months or more).

Interpretive choices (each named in results, see the docs): the term runs from the
sentence date; the half-way point is the sentence date plus half the number of days in
the term (rounded down), the term's length in days being the days from the sentence date
to the same date ``term_months`` later (dateutil month arithmetic); the early-release
window opens ``n`` calendar months before the half-way point. Remand time, consecutive
orders and compassionate release (s.241(3)) are not modelled.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from types import MappingProxyType
from typing import Final

import attrs

from .._checks import check_date
from .._errors import InvalidArgumentError
from ..calendar._periods import add_months
from ..model._citation import Citation

__all__ = [
    "DTO_ANY_TERM_FROM",
    "DTO_FIXED_TERMS",
    "DTO_HALFWAY_POLICY",
    "DtoDates",
    "check_dto_term",
    "dto_dates",
    "valid_dto_terms",
]

#: Police, Crime, Sentencing and Courts Act 2022 s.158 came into force on this day.
DTO_ANY_TERM_FROM: Final = date(2022, 6, 28)
#: The only terms allowed before :data:`DTO_ANY_TERM_FROM`.
DTO_FIXED_TERMS: Final = (4, 6, 8, 10, 12, 18, 24)
#: The Sentencing Code (Sentencing Act 2020) applies from this day.
_SENTENCING_CODE_FROM: Final = date(2020, 12, 1)

#: How the half-way point is computed, quoted in every result.
DTO_HALFWAY_POLICY: Final = (
    "half-way point = sentence date + floor(days in term / 2); days in term = days from "
    "the sentence date to the same date term_months later (dateutil, clipped at month end)"
)


_CODE: Final = "Sentencing Act 2020"
_PCCSA: Final = "Powers of Criminal Courts (Sentencing) Act 2000"


def _term_citation(sentence_date: date) -> Citation:
    if sentence_date >= DTO_ANY_TERM_FROM:
        return Citation(
            _CODE,
            "s.236(1), as amended by the Police, Crime, Sentencing and Courts Act 2022 s.158 "
            "(from 28 June 2022)",
        )
    if sentence_date >= _SENTENCING_CODE_FROM:
        return Citation(_CODE, "s.236(1)")
    return Citation(_PCCSA, "s.101(1)")


def _release_citation(sentence_date: date, sub: str) -> Citation:
    if sentence_date >= _SENTENCING_CODE_FROM:
        return Citation(_CODE, f"s.241({sub})")
    return Citation(_PCCSA, f"s.102({sub})")


def valid_dto_terms(sentence_date: date) -> tuple[int, ...]:
    """The terms (in whole months) a DTO made on ``sentence_date`` may have.

    Examples:
        >>> from datetime import date
        >>> valid_dto_terms(date(2022, 6, 27))
        (4, 6, 8, 10, 12, 18, 24)
        >>> valid_dto_terms(date(2022, 6, 28))[:3], len(valid_dto_terms(date(2022, 6, 28)))
        ((4, 5, 6), 21)
    """
    day = check_date("sentence_date", sentence_date)
    if day >= DTO_ANY_TERM_FROM:
        return tuple(range(4, 25))
    return DTO_FIXED_TERMS


def check_dto_term(term_months: int, sentence_date: date) -> int:
    """Return ``term_months`` if a DTO made on ``sentence_date`` may have that term.

    Raises:
        InvalidArgumentError: the term is not allowed on that date (the message quotes
            the allowed terms and the provision).

    Examples:
        >>> from datetime import date
        >>> check_dto_term(5, date(2022, 6, 28))
        5
        >>> check_dto_term(5, date(2022, 6, 27))
        Traceback (most recent call last):
        ...
        care_justice_protocol._errors.InvalidArgumentError: a DTO made on 2022-06-27 cannot ...
    """
    day = check_date("sentence_date", sentence_date)
    if term_months.__class__ is not int:
        raise InvalidArgumentError(
            f"term_months must be an int (whole months), not {type(term_months).__name__}: "
            f"{term_months!r}"
        )
    allowed = valid_dto_terms(day)
    if term_months not in allowed:
        if day >= DTO_ANY_TERM_FROM:
            what = "any whole number of months from 4 to 24"
        else:
            what = "4, 6, 8, 10, 12, 18 or 24 months (any term from 4 to 24 months only from "
            what += "28 June 2022)"
        raise InvalidArgumentError(
            f"a DTO made on {day.isoformat()} cannot have a term of {term_months!r} months: "
            f"the term must be {what} ({_term_citation(day)})"
        )
    return term_months


@attrs.frozen
class DtoDates:
    """The key dates of a detention and training order, each with its provision.

    Attributes:
        sentence_date: the day the order was made (the term runs from it).
        term_months: the term.
        term_ends: the last day of the term (the end of supervision).
        halfway: the half-way point: the release date unless released early or late.
        earliest_release: the first day of the early-release window, or ``None`` for a
            term under 8 months.
        late_release: the dates a youth court may order release after the half-way point
            (empty for a term under 8 months).
        sources: the provision of each date, as a
            :class:`~care_justice_protocol.model.Citation`:
            ``{"term": ..., "halfway": ..., "early": ..., "late": ...}``.
        policy: how the half-way point was computed (:data:`DTO_HALFWAY_POLICY`).

    Example:
        >>> from datetime import date
        >>> d = dto_dates(date(2023, 3, 1), 12)
        >>> d.sources["halfway"], d.citations["halfway"]
        (Citation(document='Sentencing Act 2020', place='s.241(2)'), 'Sentencing Act 2020 s.241(2)')
    """

    sentence_date: date
    term_months: int
    term_ends: date
    halfway: date
    earliest_release: date | None
    late_release: tuple[date, ...]
    sources: Mapping[str, Citation] = attrs.field(eq=False, hash=False)
    policy: str = DTO_HALFWAY_POLICY

    @property
    def citations(self) -> Mapping[str, str]:
        """:attr:`sources` as text (``"Sentencing Act 2020 s.241(2)"``), by the same keys."""
        return MappingProxyType({key: str(c) for key, c in self.sources.items()})

    @property
    def early_release_window(self) -> tuple[date, date] | None:
        """``(first day, last day)`` the Secretary of State may release early, or ``None``."""
        if self.earliest_release is None:
            return None
        return (self.earliest_release, self.halfway)

    def describe(self) -> list[str]:
        """The dates in words, one line each, with their provisions."""
        c = self.citations
        lines = [
            (
                f"term: {self.term_months} months from {self.sentence_date.isoformat()} to "
                f"{self.term_ends.isoformat()} ({c['term']})"
            ),
            f"release at the half-way point: {self.halfway.isoformat()} ({c['halfway']})",
        ]
        if self.earliest_release is not None:
            lines.append(
                f"early release possible from {self.earliest_release.isoformat()} to "
                f"{self.halfway.isoformat()} ({c['early']})"
            )
            dates = " or ".join(d.isoformat() for d in self.late_release)
            lines.append(f"late release if a youth court orders: {dates} ({c['late']})")
        return lines


def dto_dates(sentence_date: date, term_months: int) -> DtoDates:
    """The term end, half-way release point and early/late release dates of a DTO.

    Args:
        sentence_date: the day the order is made.
        term_months: the term in whole months; checked by :func:`check_dto_term`.

    Raises:
        InvalidArgumentError: the term is not allowed on ``sentence_date``.

    Examples:
        >>> from datetime import date
        >>> d = dto_dates(date(2023, 3, 1), 12)
        >>> d.halfway, d.earliest_release, d.late_release
        (datetime.date(2023, 8, 31), datetime.date(2023, 7, 31), (datetime.date(2023, 9, 30),))
        >>> for line in dto_dates(date(2019, 3, 1), 4).describe():
        ...     print(line)
        term: 4 months from 2019-03-01 to 2019-06-30 (Powers of Criminal Courts (Sentencing)
        Act 2000 s.101(1))
        release at the half-way point: 2019-05-01 (Powers of Criminal Courts (Sentencing)
        Act 2000 s.102(2))
    """
    day = check_date("sentence_date", sentence_date)
    term = check_dto_term(term_months, day)
    end_exclusive = add_months(day, term)
    halfway = day + timedelta(days=(end_exclusive - day).days // 2)
    if term >= 18:
        early_months: int | None = 2
        late: tuple[date, ...] = (add_months(halfway, 1), add_months(halfway, 2))
    elif term >= 8:
        early_months = 1
        late = (add_months(halfway, 1),)
    else:
        early_months = None
        late = ()
    earliest = add_months(halfway, -early_months) if early_months is not None else None
    return DtoDates(
        sentence_date=day,
        term_months=term,
        term_ends=end_exclusive - timedelta(days=1),
        halfway=halfway,
        earliest_release=earliest,
        late_release=late,
        sources=MappingProxyType(
            {
                "term": _term_citation(day),
                "halfway": _release_citation(day, "2"),
                "early": _release_citation(day, "4"),
                "late": _release_citation(day, "5"),
            }
        ),
    )
