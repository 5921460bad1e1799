"""Detention and training order (DTO) arithmetic: terms, release dates, remand, combined orders.

A DTO is a term of detention and training followed by supervision. The rules, each cited
in every result (the docs page "Statutory context" says which were read in the statute
text and which only in secondary sources):

* **Term.** Before 28 June 2022 the term had to be 4, 6, 8, 10, 12, 18 or 24 months
  (Powers of Criminal Courts (Sentencing) Act 2000 s.101(1); from 1 December 2020 the
  Sentencing Act 2020 s.236(1)). The Police, Crime, Sentencing and Courts Act 2022 s.158,
  in force 28 June 2022, substituted "at least 4 months but must not exceed 24 months".
* **Release at half-way.** "The period of detention and training under a detention and
  training order is half of the term of the order" (Sentencing Act 2020 s.241(2); before,
  PCC(S)A 2000 s.102(2)).
* **Early release** (s.241(4)): "at any time during the period of 1 month ending with the
  half-way point" for a term of 8 months or more but less than 18 months, "at any time
  during the period of 2 months ending with that point" for 18 months or more. The period
  of ``n`` months ending with a day begins on the day after the date ``n`` months before
  it ([`months_ending_with`][care_justice_protocol.months_ending_with]).
* **Late release** (s.241(5)): on the Secretary of State's application a youth court may
  order release "1 month after the half-way point" (8 to under 18 months) or "1 month or
  2 months after that point" (18 months or more).
* **Remand.** For an order made before 28 June 2022 the court "must take account of the
  period for which the offender was so remanded" in custody or on bail with a qualifying
  curfew and electronic monitoring "in determining the term" (Sentencing Act 2020 s.239(2);
  PCC(S)A 2000 s.101(8)): the term the court chose already reflects the remand, and no
  days are deducted by calculation. For an order made on or after 28 June 2022 the
  Police, Crime, Sentencing and Courts Act 2022 Sch 16 applies the Criminal Justice Act
  2003 crediting to DTOs: days remanded in custody count as time served (s.240ZA(3), which
  s.240ZA(1A) and (1B), inserted by Sch 16 para 2, apply to a DTO made on or after that
  day), and half the days on bail with a qualifying electronically monitored curfew,
  rounded up (s.240A). See [`remand_credit`][care_justice_protocol.remand_credit].
* **Consecutive and concurrent orders** (PCC(S)A 2000 s.101(3)-(7), (13); Sentencing Act
  2020 ss.237-238): a court may order an order's term to begin when another's ends; an
  offender may not be subject to DTOs "for a term which exceeds 24 months", and "the
  excess shall be treated as remitted". See [`combined_dto`][care_justice_protocol.combined_dto].

Interpretive choices (each named in results, see the docs): the term runs from the
sentence date; the half-way point is the sentence date plus half the number of days in
the term (rounded down) ([`DTO_HALFWAY_POLICY`][care_justice_protocol.DTO_HALFWAY_POLICY]); the
early-release window is the period of months ending with the half-way point
([`DTO_EARLY_RELEASE_POLICY`][care_justice_protocol.DTO_EARLY_RELEASE_POLICY]); credited days move
every date of the order earlier ([`DTO_CREDIT_POLICY`][care_justice_protocol.DTO_CREDIT_POLICY]);
combined orders are one term measured from the first sentence date
([`DTO_COMBINED_POLICY`][care_justice_protocol.DTO_COMBINED_POLICY]). Compassionate release
(s.241(3)) and a DTO combined with a sentence of detention (s.241(5A)) are not modelled.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from types import MappingProxyType
from typing import Final

import attrs

from .._checks import check_count, check_date, check_flag, date_validator
from .._errors import InvalidArgumentError
from ..calendar._periods import add_months
from ..model._citation import Citation
from ._history import Detention, DetentionKind

__all__ = [
    "DTO_ANY_TERM_FROM",
    "DTO_COMBINED_POLICY",
    "DTO_CREDIT_POLICY",
    "DTO_EARLY_RELEASE_POLICY",
    "DTO_FIXED_TERMS",
    "DTO_HALFWAY_POLICY",
    "DTO_MAX_TOTAL_MONTHS",
    "DTO_REMAND_CREDIT_FROM",
    "CombinedDto",
    "DtoDates",
    "DtoOrder",
    "RemandCredit",
    "RemandRegime",
    "check_dto_term",
    "combined_dto",
    "dto_dates",
    "months_ending_with",
    "remand_credit",
    "valid_dto_terms",
]

#: Police, Crime, Sentencing and Courts Act 2022 s.158 came into force on this day.
DTO_ANY_TERM_FROM: Final = date(2022, 6, 28)
#: The only terms allowed before [`DTO_ANY_TERM_FROM`][care_justice_protocol.DTO_ANY_TERM_FROM].
DTO_FIXED_TERMS: Final = (4, 6, 8, 10, 12, 18, 24)
#: The Police, Crime, Sentencing and Courts Act 2022 Sch 16 (remand credited against a
#: DTO) came into force on this day (Sch 16 para 1; s.208(5)(t)); it applies to orders
#: made on or after it.
DTO_REMAND_CREDIT_FROM: Final = date(2022, 6, 28)
#: The longest total term of detention and training orders an offender may be subject to.
DTO_MAX_TOTAL_MONTHS: Final = 24
#: The Sentencing Code (Sentencing Act 2020) applies from this day.
_SENTENCING_CODE_FROM: Final = date(2020, 12, 1)

#: How the half-way point is computed, quoted in every result.
DTO_HALFWAY_POLICY: Final = (
    "half-way point = sentence date + floor(days in term / 2); days in term = days from "
    "the sentence date to the same date term_months later (dateutil, clipped at month end)"
)

#: How the early-release window is read, quoted in every result.
DTO_EARLY_RELEASE_POLICY: Final = (
    "the period of n months ending with the half-way point H runs from the day after the "
    "date n months before H (that date clipped to the end of a shorter month) to H; it "
    "never begins before the sentence date"
)

#: How credited remand moves the dates of an order, quoted in every remand result.
DTO_CREDIT_POLICY: Final = (
    "credited days count as days of the order already served: the half-way point, the "
    "early-release window, the late-release dates and the end of the term all move that "
    "many days earlier; curfew days credit half, rounded up"
)

#: How orders combine into one term, quoted in every combined result.
DTO_COMBINED_POLICY: Final = (
    "orders made on the same occasion, or with no release in between, are one term: from "
    "the first order's sentence date to the end of the latest-ending order, a consecutive "
    "order beginning the day after the order before it ends; any part more than 24 months "
    "after the first sentence date is treated as remitted"
)

_CODE: Final = "Sentencing Act 2020"
_PCCSA: Final = "Powers of Criminal Courts (Sentencing) Act 2000"
_CJA: Final = "Criminal Justice Act 2003"
_PCSCA: Final = "Police, Crime, Sentencing and Courts Act 2022"


def _term_citation(sentence_date: date) -> Citation:
    if sentence_date >= DTO_ANY_TERM_FROM:
        return Citation(_CODE, f"s.236(1), as amended by the {_PCSCA} s.158 (from 28 June 2022)")
    if sentence_date >= _SENTENCING_CODE_FROM:
        return Citation(_CODE, "s.236(1)")
    return Citation(_PCCSA, "s.101(1)")


def _release_citation(sentence_date: date, sub: str) -> Citation:
    if sentence_date >= _SENTENCING_CODE_FROM:
        return Citation(_CODE, f"s.241({sub})")
    return Citation(_PCCSA, f"s.102({sub})")


def _combined_citations(sentence_date: date) -> dict[str, Citation]:
    if sentence_date >= _SENTENCING_CODE_FROM:
        return {
            "consecutive": Citation(_CODE, "s.237"),
            "limit": Citation(_CODE, "s.238"),
            "single-term": Citation(_CODE, "s.238(3)"),
        }
    return {
        "consecutive": Citation(_PCCSA, "s.101(3)"),
        "limit": Citation(_PCCSA, "s.101(4)-(5)"),
        "single-term": Citation(_PCCSA, "s.101(13)"),
    }


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


def months_ending_with(last_day: date, months: int) -> tuple[date, date]:
    """``(first day, last day)`` of "the period of ``months`` months ending with" a day.

    The period ends with (includes) ``last_day`` and begins on the day after the date
    ``months`` calendar months before it. Where the earlier month is too short to have
    that date, the date is the last day of that month (dateutil clipping, as everywhere
    in the library), so the period begins on the first of the following month.

    Examples:
        >>> from datetime import date
        >>> months_ending_with(date(2023, 8, 31), 1)  # 31 July + 1 day
        (datetime.date(2023, 8, 1), datetime.date(2023, 8, 31))
        >>> months_ending_with(date(2023, 3, 31), 1)[0]  # 31 Feb -> 28 Feb, + 1 day
        datetime.date(2023, 3, 1)
        >>> months_ending_with(date(2024, 3, 28), 1)[0]  # 28 Feb 2024 + 1 day
        datetime.date(2024, 2, 29)
        >>> months_ending_with(date(2023, 5, 31), 2)[0]  # 31 March + 1 day
        datetime.date(2023, 4, 1)
    """
    day = check_date("last_day", last_day)
    n = check_count("months", months, minimum=1)
    return (add_months(day, -n) + timedelta(days=1), day)


class RemandRegime(enum.StrEnum):
    """How remand before sentence affects a DTO, decided by the date the order was made."""

    TAKEN_ACCOUNT_OF_IN_TERM = "taken-account-of-in-term"
    """Orders made before 28 June 2022: the court "must take account of" the remand "in
    determining the term" (Sentencing Act 2020 s.239(2); PCC(S)A 2000 s.101(8)). How much
    is the court's discretion, so the term as made already reflects it: no days are
    credited by calculation."""

    CREDITED = "credited"
    """Orders made on or after 28 June 2022: days remanded in custody count as time served
    (Criminal Justice Act 2003 s.240ZA(3), applied to DTOs by s.240ZA(1A) and (1B), which
    the Police, Crime, Sentencing and Courts Act 2022 Sch 16 para 2 inserted) and half the
    days on qualifying curfew bail, rounded up (s.240A, as amended by Sch 16 para 3)."""


@attrs.frozen
class RemandCredit:
    """The remand before a DTO and the days credited against it, with the provisions.

    Attributes:
        regime: which rule applied ([`RemandRegime`][care_justice_protocol.RemandRegime]), by the
            sentence date.
        remand_days: the days remanded in custody (or to youth detention accommodation)
            in connection with the offence or a related offence, as counted by the caller.
        curfew_days: the days on bail with a qualifying curfew and electronic monitoring
            condition that count under the Criminal Justice Act 2003 s.240A steps 1-3 (the
            caller deducts the days the steps exclude); the library halves and rounds up.
        credited_days: the days deducted from the order's dates (0 when the court took
            account of the remand in the term).
        sources: the provisions, as [`Citation`][care_justice_protocol.Citation] values.
        policy: how credited days move the dates
            ([`DTO_CREDIT_POLICY`][care_justice_protocol.DTO_CREDIT_POLICY]).

    Examples:
        >>> from datetime import date
        >>> c = remand_credit(date(2023, 3, 1), remand_days=30, curfew_days=21)
        >>> c.regime, c.curfew_credit, c.credited_days
        (<RemandRegime.CREDITED: 'credited'>, 11, 41)
    """

    regime: RemandRegime
    remand_days: int
    curfew_days: int
    credited_days: int
    sources: tuple[Citation, ...]
    policy: str = DTO_CREDIT_POLICY

    @property
    def curfew_credit(self) -> int:
        """The days the curfew bail credits: half of
        [`curfew_days`][care_justice_protocol.RemandCredit], rounded up."""
        if self.regime is RemandRegime.CREDITED:
            return (self.curfew_days + 1) // 2
        return 0

    @property
    def citation(self) -> str:
        """[`sources`][care_justice_protocol.RemandCredit] as text, joined by ``"; "``."""
        return "; ".join(str(c) for c in self.sources)

    def describe(self) -> str:
        """The remand and its effect in one line, with the provisions."""
        held = (
            f"{self.remand_days} days remanded in custody and {self.curfew_days} days on "
            "qualifying curfew bail"
        )
        if self.regime is RemandRegime.CREDITED:
            return (
                f"remand: {held}; credited {self.credited_days} days ({self.remand_days} + "
                f"half of {self.curfew_days}, rounded up) ({self.citation})"
            )
        return (
            f"remand: {held}; the court took account of it in setting the term, so no days "
            f"are credited by calculation ({self.citation})"
        )


def remand_credit(
    sentence_date: date, *, remand_days: int = 0, curfew_days: int = 0
) -> RemandCredit:
    """The remand regime for an order made on ``sentence_date`` and the days it credits.

    Args:
        sentence_date: the day the order is made (decides the regime).
        remand_days: days remanded in custody, a whole number >= 0.
        curfew_days: days on qualifying curfew bail that count (s.240A steps 1-3), a whole
            number >= 0.

    Raises:
        InvalidArgumentError: a count that is not a whole number >= 0.

    Examples:
        >>> from datetime import date
        >>> c = remand_credit(date(2022, 6, 27), remand_days=30)
        >>> c.regime.value, c.credited_days, c.citation
        ('taken-account-of-in-term', 0, 'Sentencing Act 2020 s.239(2)')
        >>> remand_credit(date(2022, 6, 28), remand_days=30).credited_days
        30
        >>> remand_credit(date(2023, 1, 1), remand_days=-1)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        care_justice_protocol...: remand_days must be a whole number >= 0, got -1
    """
    day = check_date("sentence_date", sentence_date)
    remand = check_count("remand_days", remand_days)
    curfew = check_count("curfew_days", curfew_days)
    if day >= DTO_REMAND_CREDIT_FROM:
        return RemandCredit(
            regime=RemandRegime.CREDITED,
            remand_days=remand,
            curfew_days=curfew,
            credited_days=remand + (curfew + 1) // 2,
            sources=(
                Citation(
                    _CJA,
                    "s.240ZA(3), as applied to detention and training orders by s.240ZA(1A) "
                    f"and (1B) (inserted by the {_PCSCA} Sch 16 para 2)",
                ),
                Citation(_CJA, f"s.240A, as amended by the {_PCSCA} Sch 16 para 3"),
            ),
        )
    source = (
        Citation(_CODE, "s.239(2)")
        if day >= _SENTENCING_CODE_FROM
        else Citation(_PCCSA, "s.101(8)")
    )
    return RemandCredit(
        regime=RemandRegime.TAKEN_ACCOUNT_OF_IN_TERM,
        remand_days=remand,
        curfew_days=curfew,
        credited_days=0,
        sources=(source,),
    )


def _check_credit(credit: RemandCredit, start: date, end_exclusive: date, what: str) -> None:
    term_days = (end_exclusive - start).days
    if credit.remand_days > term_days:
        raise InvalidArgumentError(
            f"remand_days must not be longer than the term ({term_days} days: {what}), "
            f"got {credit.remand_days}"
        )
    detention_days = term_days // 2
    if credit.credited_days > detention_days:
        raise InvalidArgumentError(
            f"the credited remand must not exceed the period of detention and training "
            f"({detention_days} days, half the {term_days}-day term: {what}); "
            f"remand_days={credit.remand_days} and curfew_days={credit.curfew_days} credit "
            f"{credit.credited_days} days"
        )


@attrs.frozen
class _Points:
    halfway: date
    earliest_release: date | None
    late_release: tuple[date, ...]
    term_ends: date


def _points(start: date, end_exclusive: date, credited: int) -> _Points:
    """The release points of one term from ``start`` to ``end_exclusive``, less ``credited``."""
    shift = timedelta(days=credited)
    halfway = start + timedelta(days=(end_exclusive - start).days // 2) - shift
    if end_exclusive >= add_months(start, 18):
        window: int | None = 2
        late: tuple[date, ...] = (add_months(halfway, 1), add_months(halfway, 2))
    elif end_exclusive >= add_months(start, 8):
        window = 1
        late = (add_months(halfway, 1),)
    else:
        window = None
        late = ()
    earliest = None
    if window is not None:
        earliest = max(months_ending_with(halfway, window)[0], start)
    return _Points(halfway, earliest, late, end_exclusive - timedelta(days=1) - shift)


def _window_lines(
    halfway: date,
    earliest: date | None,
    late: tuple[date, ...],
    citations: Mapping[str, str],
) -> list[str]:
    lines = [f"release at the half-way point: {halfway.isoformat()} ({citations['halfway']})"]
    if earliest is not None:
        lines.append(
            f"early release possible from {earliest.isoformat()} to {halfway.isoformat()} "
            f"({citations['early']})"
        )
        dates = " or ".join(d.isoformat() for d in late)
        lines.append(f"late release if a youth court orders: {dates} ({citations['late']})")
    return lines


def _remand_sources(credit: RemandCredit) -> dict[str, Citation]:
    """Every provision of the remand, keyed ``"remand"`` (custody) and ``"remand-curfew"``."""
    out = {"remand": credit.sources[0]}
    if len(credit.sources) > 1:
        out["remand-curfew"] = credit.sources[1]
    return out


def _term_words(what: str, starts: date, term_ends: date, credited: int) -> str:
    """The term from ``starts`` to its end; with credit, how far the end moved and to when."""
    if not credited:
        return f"{what} from {starts.isoformat()} to {term_ends.isoformat()}"
    full = term_ends + timedelta(days=credited)
    return (
        f"{what} from {starts.isoformat()} to {full.isoformat()}, ending {credited} days "
        f"earlier, on {term_ends.isoformat()}, for the credited remand"
    )


def _custody(starts: date, halfway: date, term_ends: date, release: date | None) -> Detention:
    """The custody of a term from ``starts``: to the half-way point, or to ``release``."""
    if release is None:
        if halfway <= starts:
            raise InvalidArgumentError(
                f"the credited remand equals the period of detention and training: the "
                f"offender was released on the day it was made ({starts.isoformat()}), so "
                "there is no custody under the order to record"
            )
        return Detention(starts, halfway, DetentionKind.CUSTODY)
    day = check_date("release", release)
    after_term = term_ends + timedelta(days=1)
    if not (starts < day <= after_term):
        raise InvalidArgumentError(
            f"release ({day.isoformat()}) must be after the sentence date "
            f"({starts.isoformat()}) and no later than the day after the term ends "
            f"({after_term.isoformat()})"
        )
    return Detention(starts, day, DetentionKind.CUSTODY)


@attrs.frozen
class DtoDates:
    """The key dates of a detention and training order, each with its provision.

    Attributes:
        sentence_date: the day the order was made (the term runs from it).
        term_months: the term.
        term_ends: the last day of the term (the end of supervision), less any credited
            remand.
        halfway: the half-way point, less any credited remand: the release date unless
            released early or late.
        earliest_release: the first day of the early-release window (the period of 1 or
            2 months ending with [`halfway`][care_justice_protocol.DtoDates]), or ``None`` for a
            term under 8 months.
        late_release: the dates a youth court may order release after the half-way point
            (empty for a term under 8 months).
        sources: the provision of each date, as a
            [`Citation`][care_justice_protocol.Citation]:
            ``{"term": ..., "halfway": ..., "early": ..., "late": ..., "remand": ...}``
            (``"remand"`` is the first provision of [`remand`][care_justice_protocol.DtoDates]; when
            remand is credited, ``"remand-curfew"`` is its second, the s.240A curfew credit).
        policy: how the half-way point was computed
            ([`DTO_HALFWAY_POLICY`][care_justice_protocol.DTO_HALFWAY_POLICY]).
        remand: the remand and the days credited
            ([`RemandCredit`][care_justice_protocol.RemandCredit]).
        early_release_policy: how the window was read
            ([`DTO_EARLY_RELEASE_POLICY`][care_justice_protocol.DTO_EARLY_RELEASE_POLICY]).

    Examples:
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
    remand: RemandCredit = attrs.field(kw_only=True)
    early_release_policy: str = attrs.field(default=DTO_EARLY_RELEASE_POLICY, kw_only=True)

    @property
    def citations(self) -> Mapping[str, str]:
        """[`sources`][care_justice_protocol.DtoDates] as text (``"Sentencing Act 2020 s.241(2)"``),
        by the same keys."""
        return MappingProxyType({key: str(c) for key, c in self.sources.items()})

    @property
    def early_release_window(self) -> tuple[date, date] | None:
        """``(first day, last day)`` the Secretary of State may release early, or ``None``."""
        if self.earliest_release is None:
            return None
        return (self.earliest_release, self.halfway)

    def describe(self) -> list[str]:
        """The dates in words, one line each, with their provisions.

        Examples:
            >>> from datetime import date
            >>> print(dto_dates(date(2023, 3, 1), 12, remand_days=30).describe()[0])
            term: 12 months from 2023-03-01 to 2024-02-29, ending 30 days earlier, on
            2024-01-30, for the credited remand (Sentencing Act 2020 s.236(1), as amended by
            the Police, Crime, Sentencing and Courts Act 2022 s.158 (from 28 June 2022))
        """
        c = self.citations
        term = f"term: {self.term_months} months"
        credited = self.remand.credited_days
        lines = [
            f"{_term_words(term, self.sentence_date, self.term_ends, credited)} ({c['term']})",
            *_window_lines(self.halfway, self.earliest_release, self.late_release, c),
        ]
        if self.remand.remand_days or self.remand.curfew_days:
            lines.append(self.remand.describe())
        return lines

    def detention(self, release: date | None = None) -> Detention:
        """The custody under the order, as a [`Detention`][care_justice_protocol.Detention] for the
        care history.

        From the sentence date to the release at [`halfway`][care_justice_protocol.DtoDates] (which
        credited remand has already moved earlier), or to ``release`` when the offender was released
        early or late. Give it to [`statutory_reviews`][care_justice_protocol.statutory_reviews]
        (``detentions=``): for a child in care, CPPCR reg 33(3)(d) then calls for a review before
        release. Custody on remand before the sentence is a separate
        [`Detention`][care_justice_protocol.Detention] (``"youth-detention-remand"``).

        Args:
            release: the first day no longer detained, if not the half-way point; after the
                sentence date and no later than the day after the term ends.

        Raises:
            InvalidArgumentError: ``release`` out of that range, or no custody to record
                (credit equal to the period of detention and training: released on the day).

        Examples:
            >>> from datetime import date
            >>> d = dto_dates(date(2023, 3, 1), 12, remand_days=30, curfew_days=21)
            >>> d.detention().start, d.detention().release, d.detention().kind.value
            (datetime.date(2023, 3, 1), datetime.date(2023, 7, 21), 'custody')
        """
        return _custody(self.sentence_date, self.halfway, self.term_ends, release)


def dto_dates(
    sentence_date: date, term_months: int, *, remand_days: int = 0, curfew_days: int = 0
) -> DtoDates:
    """The term end, half-way release point and early/late release dates of a DTO.

    Args:
        sentence_date: the day the order is made.
        term_months: the term in whole months; checked by
            [`check_dto_term`][care_justice_protocol.check_dto_term].
        remand_days: days remanded in custody in connection with the offence (see
            [`remand_credit`][care_justice_protocol.remand_credit]); credited only for an order made
            on or after 28 June 2022.
        curfew_days: days on qualifying curfew bail that count; half, rounded up, is
            credited for an order made on or after 28 June 2022.

    Raises:
        InvalidArgumentError: the term is not allowed on ``sentence_date``; a count that
            is not a whole number >= 0; remand longer than the term; or more days credited
            than the period of detention and training.

    Examples:
        >>> from datetime import date
        >>> d = dto_dates(date(2023, 3, 1), 12)
        >>> d.halfway, d.earliest_release, d.late_release
        (datetime.date(2023, 8, 31), datetime.date(2023, 8, 1), (datetime.date(2023, 9, 30),))
        >>> dto_dates(date(2023, 3, 1), 12, remand_days=30).halfway
        datetime.date(2023, 8, 1)
        >>> for line in dto_dates(date(2019, 3, 1), 4).describe():
        ...     print(line)
        term: 4 months from 2019-03-01 to 2019-06-30 (Powers of Criminal Courts (Sentencing)
        Act 2000 s.101(1))
        release at the half-way point: 2019-05-01 (Powers of Criminal Courts (Sentencing)
        Act 2000 s.102(2))
    """
    day = check_date("sentence_date", sentence_date)
    term = check_dto_term(term_months, day)
    credit = remand_credit(day, remand_days=remand_days, curfew_days=curfew_days)
    end_exclusive = add_months(day, term)
    _check_credit(credit, day, end_exclusive, f"{term} months from {day.isoformat()}")
    p = _points(day, end_exclusive, credit.credited_days)
    return DtoDates(
        sentence_date=day,
        term_months=term,
        term_ends=p.term_ends,
        halfway=p.halfway,
        earliest_release=p.earliest_release,
        late_release=p.late_release,
        sources=MappingProxyType(
            {
                "term": _term_citation(day),
                "halfway": _release_citation(day, "2"),
                "early": _release_citation(day, "4"),
                "late": _release_citation(day, "5"),
                **_remand_sources(credit),
            }
        ),
        remand=credit,
    )


def _term_months_validator(instance: DtoOrder, _attribute: object, value: int) -> None:
    check_dto_term(value, instance.sentence_date)


def _flag_validator(_instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    check_flag(attribute.name, value)


@attrs.frozen
class DtoOrder:
    """One detention and training order, for [`combined_dto`][care_justice_protocol.combined_dto].

    Attributes:
        sentence_date: the day the order was made.
        term_months: its term, valid on that day
            ([`check_dto_term`][care_justice_protocol.check_dto_term]).
        consecutive: whether the court ordered its term to begin when the term of the
            order before it (in the list given to
            [`combined_dto`][care_justice_protocol.combined_dto]) ends; otherwise it runs from its
            own sentence date, concurrently.

    Examples:
        >>> from datetime import date
        >>> DtoOrder(date(2022, 6, 27), 5)
        Traceback (most recent call last):
        ...
        care_justice_protocol._errors.InvalidArgumentError: a DTO made on 2022-06-27 cannot ...
    """

    sentence_date: date = attrs.field(validator=date_validator)
    term_months: int = attrs.field(validator=_term_months_validator)
    consecutive: bool = attrs.field(default=False, validator=_flag_validator)


@attrs.frozen
class CombinedDto:
    """Two or more detention and training orders as the one term they make.

    Attributes:
        orders: the orders, in the order they were made.
        starts: the first day of the single term (the first order's sentence date).
        uncapped_term_ends: the last day of the latest-ending order, before the 24-month
            limit.
        term_ends: the last day of the single term after any remission, less any credited
            remand.
        remitted_days: the days beyond 24 months from [`starts`][care_justice_protocol.CombinedDto],
            treated as remitted (0 when the orders are within the limit).
        halfway: the half-way point of the single term, less any credited remand.
        earliest_release: the first day of the early-release window, or ``None`` when the
            single term is under 8 months.
        late_release: the dates a youth court may order release after the half-way point.
        sources: the provisions, as [`Citation`][care_justice_protocol.Citation] values,
            keyed ``"consecutive"``, ``"limit"``, ``"single-term"``, ``"halfway"``,
            ``"early"``, ``"late"``, ``"remand"`` and, when remand is credited,
            ``"remand-curfew"`` (the Act in force on the last order's sentence date).
        remand: the remand and the days credited against the single term.
        policy: [`DTO_COMBINED_POLICY`][care_justice_protocol.DTO_COMBINED_POLICY].
        halfway_policy: [`DTO_HALFWAY_POLICY`][care_justice_protocol.DTO_HALFWAY_POLICY].
        early_release_policy:
            [`DTO_EARLY_RELEASE_POLICY`][care_justice_protocol.DTO_EARLY_RELEASE_POLICY].
    """

    orders: tuple[DtoOrder, ...]
    starts: date
    uncapped_term_ends: date
    term_ends: date
    remitted_days: int
    halfway: date
    earliest_release: date | None
    late_release: tuple[date, ...]
    sources: Mapping[str, Citation] = attrs.field(eq=False, hash=False)
    remand: RemandCredit
    policy: str = DTO_COMBINED_POLICY
    halfway_policy: str = DTO_HALFWAY_POLICY
    early_release_policy: str = DTO_EARLY_RELEASE_POLICY

    @property
    def citations(self) -> Mapping[str, str]:
        """[`sources`][care_justice_protocol.CombinedDto] as text, by the same keys."""
        return MappingProxyType({key: str(c) for key, c in self.sources.items()})

    @property
    def early_release_window(self) -> tuple[date, date] | None:
        """``(first day, last day)`` the Secretary of State may release early, or ``None``."""
        if self.earliest_release is None:
            return None
        return (self.earliest_release, self.halfway)

    @property
    def total_months(self) -> int | None:
        """The single term in whole months (before any credit), or ``None`` if not whole."""
        end = self.term_ends + timedelta(days=1 + self.remand.credited_days)
        for months in range(1, DTO_MAX_TOTAL_MONTHS + 1):
            if add_months(self.starts, months) == end:
                return months
        return None

    def describe(self) -> list[str]:
        """The single term and its dates in words, one line each, with their provisions."""
        c = self.citations
        what = f"single term of {len(self.orders)} orders"
        credited = self.remand.credited_days
        lines = [f"{_term_words(what, self.starts, self.term_ends, credited)} ({c['single-term']})"]
        if self.remitted_days:
            lines.append(
                f"{self.remitted_days} days beyond 24 months (to "
                f"{self.uncapped_term_ends.isoformat()}) treated as remitted ({c['limit']})"
            )
        lines.extend(_window_lines(self.halfway, self.earliest_release, self.late_release, c))
        if self.remand.remand_days or self.remand.curfew_days:
            lines.append(self.remand.describe())
        return lines

    def detention(self, release: date | None = None) -> Detention:
        """The custody under the single term, as a [`Detention`][care_justice_protocol.Detention]
        (see [`DtoDates.detention`][care_justice_protocol.DtoDates.detention]): from
        [`starts`][care_justice_protocol.CombinedDto] to the release at
        [`halfway`][care_justice_protocol.CombinedDto],
        or to ``release``."""
        return _custody(self.starts, self.halfway, self.term_ends, release)


def combined_dto(
    orders: Iterable[DtoOrder], *, remand_days: int = 0, curfew_days: int = 0
) -> CombinedDto:
    """The single term of consecutive or concurrent DTOs, capped at 24 months, and its dates.

    The orders must form one term: made on the same occasion, or each made while the
    offender was still detained under the ones before (no release in between). A
    consecutive order begins the day after the order before it in the list ends; a
    concurrent one runs from its own sentence date. The term runs from the first sentence
    date to the end of the latest-ending order; any part more than 24 months after the
    first sentence date is treated as remitted. Release dates are those of the single term.

    Args:
        orders: the orders ([`DtoOrder`][care_justice_protocol.DtoOrder]), in the order they were
            made.
        remand_days: days remanded in custody in connection with any of the offences,
            credited once against the single term (orders made on or after 28 June 2022).
        curfew_days: days on qualifying curfew bail that count; half, rounded up, credited.

    Raises:
        InvalidArgumentError: no orders; something that is not a
            [`DtoOrder`][care_justice_protocol.DtoOrder]; the first order consecutive; orders out of
            date order; an order made on or after the half-way point of the orders before it (the
            supervision of those has begun, so they are not one term); remand on both sides of 28
            June 2022; or remand that [`dto_dates`][care_justice_protocol.dto_dates] would refuse.

    Examples:
        >>> from datetime import date
        >>> day = date(2023, 3, 1)
        >>> c = combined_dto([DtoOrder(day, 18), DtoOrder(day, 12, consecutive=True)])
        >>> c.term_ends, c.remitted_days, c.total_months
        (datetime.date(2025, 2, 28), 184, 24)
        >>> c.citations["limit"]
        'Sentencing Act 2020 s.238'
        >>> combined_dto([DtoOrder(day, 18), DtoOrder(day, 12)]).total_months  # concurrent
        18
    """
    given = tuple(orders) if not isinstance(orders, DtoOrder) else (orders,)
    if not given:
        raise InvalidArgumentError("orders must hold at least one DtoOrder, got none")
    for i, order in enumerate(given):
        if not isinstance(order, DtoOrder):
            raise InvalidArgumentError(
                f"orders[{i}] must be a DtoOrder, not {type(order).__name__}"
            )
    if given[0].consecutive:
        raise InvalidArgumentError(
            "orders[0] cannot be consecutive: there is no order before it for its term to "
            "follow (give consecutive=False)"
        )
    starts = given[0].sentence_date
    cap = add_months(starts, DTO_MAX_TOTAL_MONTHS)
    ends: list[date] = []
    for i, order in enumerate(given):
        if i:
            before = given[i - 1]
            if order.sentence_date < before.sentence_date:
                raise InvalidArgumentError(
                    f"orders[{i}] (made on {order.sentence_date.isoformat()}) is before "
                    f"orders[{i - 1}] (made on {before.sentence_date.isoformat()}): give the "
                    "orders in the order they were made"
                )
            so_far = min(max(ends), cap)
            halfway = starts + timedelta(days=(so_far - starts).days // 2)
            if order.sentence_date >= halfway:
                raise InvalidArgumentError(
                    f"orders[{i}] (made on {order.sentence_date.isoformat()}) was made on or "
                    f"after the half-way point ({halfway.isoformat()}) of the orders before "
                    "it: their supervision has begun, so they are not one term with it "
                    "(compute that order alone with dto_dates)"
                )
        begins = ends[-1] if order.consecutive else order.sentence_date
        ends.append(add_months(begins, order.term_months))
    uncapped = max(ends)
    end_exclusive = min(uncapped, cap)
    last = given[-1].sentence_date
    if (remand_days or curfew_days) and (starts < DTO_REMAND_CREDIT_FROM <= last):
        raise InvalidArgumentError(
            "remand cannot be credited against orders made both before and on or after "
            f"{DTO_REMAND_CREDIT_FROM.isoformat()} (two remand regimes): not modelled"
        )
    credit = remand_credit(last, remand_days=remand_days, curfew_days=curfew_days)
    what = f"{len(given)} orders from {starts.isoformat()}"
    _check_credit(credit, starts, end_exclusive, what)
    p = _points(starts, end_exclusive, credit.credited_days)
    sources = _combined_citations(last)
    sources.update(
        halfway=_release_citation(last, "2"),
        early=_release_citation(last, "4"),
        late=_release_citation(last, "5"),
        **_remand_sources(credit),
    )
    return CombinedDto(
        orders=given,
        starts=starts,
        uncapped_term_ends=uncapped - timedelta(days=1),
        term_ends=p.term_ends,
        remitted_days=max(0, (uncapped - cap).days),
        halfway=p.halfway,
        earliest_release=p.earliest_release,
        late_release=p.late_release,
        sources=MappingProxyType(sources),
        remand=credit,
    )
