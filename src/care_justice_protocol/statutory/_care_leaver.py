"""Care-leaver status on a date: eligible, relevant, former relevant, qualifying.

The protocols (3.14.12, 3.14.13) speak of "Next Step young people" and of "Relevant /
Former Relevant reviews" without restating who those young people are. The definitions
live in the Children Act 1989 and its regulations; this module encodes them, each result
naming the provision it rests on and saying in words why it applies.

Rules (England):

* **eligible** - aged 16 or 17, looked after, and looked after for periods amounting in
  all to 13 weeks which began after the age of 14 and ended after 16 (Children Act 1989
  Sch 2 para 19B(2); Care Planning, Placement and Case Review (England) Regulations 2010
  reg 40(1)); a child in a series of short breaks (reg 48) is not eligible (reg 40(2)).
* **relevant** - aged 16 or 17, not looked after, and eligible before last ceasing to be
  looked after (s.23A(2)).
* **former relevant** - aged 18 or over and either relevant (and would still be were they
  under 18) or looked after at 18 having been eligible immediately before (s.23C(1)); the
  main duties run to 21 (s.23C); from 1 April 2018 a personal adviser on request from 21
  to 25 (s.23CZB, inserted by the Children and Social Work Act 2017 s.3).
* **qualifying** - under 21, looked after at some time after reaching 16 while still a
  child, no longer looked after, and neither relevant nor former relevant (s.24(1B)).

A remand counts as being looked after (Legal Aid, Sentencing and Punishment of Offenders
Act 2012 s.104(1) for a remand to youth detention accommodation; s.92 for a remand to
local authority accommodation). A sentence of detention does not, and is not a care
episode.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Final

import attrs

from .._checks import check_choice, check_count, check_date, date_validator
from .._errors import DateOutOfRangeError, InvalidArgumentError
from ..model._citation import Citation
from ..model._entities import CareStatus

__all__ = [
    "ADVISER_TO_25_FROM",
    "BirthdayPolicy",
    "CareEpisode",
    "CareLeaverStatus",
    "LegalBasis",
    "attained_age_on",
    "care_leaver_status",
]

#: Children and Social Work Act 2017 s.3 (new s.23CZB, personal adviser from 21 to 25 on
#: request) came into force on this day (SI 2018/346 reg 4(c)).
ADVISER_TO_25_FROM: Final = date(2018, 4, 1)

#: Reg 40(1): "the prescribed period is 13 weeks and the prescribed age is 14".
_THIRTEEN_WEEKS_DAYS: Final = 13 * 7

_CA: Final = "Children Act 1989"
_ELIGIBLE: Final = (
    Citation(_CA, "Sch 2 para 19B(2)"),
    Citation("Care Planning, Placement and Case Review (England) Regulations 2010", "reg 40"),
)
_RELEVANT: Final = (Citation(_CA, "s.23A(2)"),)
_FORMER_RELEVANT: Final = (Citation(_CA, "s.23C(1)"),)
_FORMER_RELEVANT_25: Final = (
    Citation(
        _CA,
        "s.23C(1) and s.23CZB (Children and Social Work Act 2017 s.3, in force 1 April 2018)",
    ),
)
_QUALIFYING: Final = (Citation(_CA, "s.24(1B)"),)
_LOOKED_AFTER: Final = (Citation(_CA, "s.22(1)"), Citation("LASPO 2012", "s.104(1) for remands"))
_NONE: Final = (Citation(_CA, "Sch 2 para 19B, ss.23A, 23C, 24"),)


class BirthdayPolicy(enum.StrEnum):
    """When someone born on 29 February attains an age in a year that has no 29 February.

    The Family Law Reform Act 1969 s.9 makes a person attain an age at the beginning of
    the relevant anniversary of their birth, but does not say which day that anniversary
    is in a common year. The usual reading, and the default here, is 1 March; the
    alternative is 28 February. Every result names the policy it used.
    """

    MARCH_1 = "1-march"
    """The anniversary of 29 February is 1 March in a common year (default)."""

    FEBRUARY_28 = "28-february"
    """The anniversary of 29 February is 28 February in a common year."""


def attained_age_on(
    date_of_birth: date, years: int, policy: BirthdayPolicy = BirthdayPolicy.MARCH_1
) -> date:
    """The day a person born on ``date_of_birth`` attains the age of ``years``.

    Family Law Reform Act 1969 s.9: an age is attained at the beginning of the relevant
    anniversary of the date of birth. For a birth on 29 February the anniversary in a
    common year follows ``policy``.

    Examples:
        >>> from datetime import date
        >>> attained_age_on(date(2008, 2, 29), 18)
        datetime.date(2026, 3, 1)
        >>> attained_age_on(date(2008, 2, 29), 18, BirthdayPolicy.FEBRUARY_28)
        datetime.date(2026, 2, 28)
        >>> attained_age_on(date(2008, 2, 29), 16)  # 2024 is a leap year
        datetime.date(2024, 2, 29)
    """
    dob = check_date("date_of_birth", date_of_birth)
    pol = check_choice(BirthdayPolicy, "policy", policy)
    years = check_count("years", years)
    year = dob.year + years
    if year > date.max.year:
        raise DateOutOfRangeError(f"age {years} from {dob.isoformat()} is after the year 9999")
    if dob.month == 2 and dob.day == 29:
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 3, 1) if pol is BirthdayPolicy.MARCH_1 else date(year, 2, 28)
    return dob.replace(year=year)


class LegalBasis(enum.StrEnum):
    """Why a child is (or is treated as) looked after during a care episode."""

    CARE_ORDER = "care-order"
    """In care under a care order (Children Act 1989 s.31)."""

    INTERIM_CARE_ORDER = "interim-care-order"
    """In care under an interim care order (Children Act 1989 s.38)."""

    SECTION_20 = "section-20"
    """Accommodated under Children Act 1989 s.20 (looked after by s.22(1))."""

    REMAND_LOCAL_AUTHORITY = "remand-local-authority"
    """Remanded to local authority accommodation (LASPO 2012 s.92): looked after."""

    REMAND_YOUTH_DETENTION = "remand-youth-detention"
    """Remanded to youth detention accommodation: treated as looked after by the
    designated authority (LASPO 2012 s.104(1))."""

    SHORT_BREAK = "short-break"
    """A series of short breaks (CPPCR 2010 reg 48): never counted towards eligibility
    (reg 40(2)), and not counted as being looked after for any status here."""

    @property
    def counts(self) -> bool:
        """Whether the episode counts as being looked after for leaving-care purposes."""
        return self is not LegalBasis.SHORT_BREAK


def _check_optional_end(_: object, __: attrs.Attribute[date | None], value: date | None) -> None:
    if value is not None:
        check_date("end", value)


def _to_basis(value: object) -> LegalBasis:
    return check_choice(LegalBasis, "legal_basis", value)


@attrs.frozen
class CareEpisode:
    """A period of being looked after, both ends inclusive.

    Attributes:
        start: the first day looked after.
        end: the last day looked after, or ``None`` while it continues.
        legal_basis: why the child is looked after (see :class:`LegalBasis`).

    Examples:
        >>> from datetime import date
        >>> CareEpisode(date(2024, 1, 8), None, "remand-youth-detention").legal_basis
        <LegalBasis.REMAND_YOUTH_DETENTION: 'remand-youth-detention'>
    """

    start: date = attrs.field(validator=date_validator)
    end: date | None = attrs.field(validator=_check_optional_end)
    legal_basis: LegalBasis = attrs.field(converter=_to_basis)

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise InvalidArgumentError(
                f"a care episode cannot end ({self.end.isoformat()}) before it starts "
                f"({self.start.isoformat()})"
            )

    def covers(self, day: date) -> bool:
        """Whether the child is looked after under this episode on ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)


@attrs.frozen
class CareLeaverStatus:
    """A young person's leaving-care status on a date, with its reason and provenance.

    Attributes:
        status: one of :class:`CareStatus` (``OTHER`` when none applies).
        as_of: the date asked about.
        starts: the first day of the unbroken run of this status, under the same
            provision, that holds ``as_of`` (as far as the recorded episodes show).
        ends: the last day of that run, or ``None`` when nothing recorded ends it. A
            former relevant child's run under s.23C ends the day before the 21st
            birthday; the run under s.23CZB (21 to 25) is a separate one.
        reason: the rule in words, with the dates that make it apply.
        sources: the statutory provision(s), as
            :class:`~care_justice_protocol.model.Citation` values.
        personal_adviser_until: the last day a personal adviser is (or may on request be)
            provided, where the status carries one.
        birthday_policy: how a 29 February birthday was read.
    """

    status: CareStatus
    as_of: date
    starts: date | None
    ends: date | None
    reason: str
    sources: tuple[Citation, ...]
    personal_adviser_until: date | None = None
    birthday_policy: BirthdayPolicy = BirthdayPolicy.MARCH_1

    @property
    def citation(self) -> str:
        """:attr:`sources` as text, ``"; "``-separated (``"Children Act 1989 s.23A(2)"``)."""
        return "; ".join(str(c) for c in self.sources)

    def __str__(self) -> str:
        return f"{self.status.value} on {self.as_of.isoformat()}: {self.reason} ({self.citation})"


@attrs.frozen
class _Birthdays:
    b14: date
    b16: date
    b18: date
    b21: date
    b25: date


@attrs.frozen
class _Verdict:
    status: CareStatus
    reason: str
    sources: tuple[Citation, ...]
    adviser_until: date | None = None

    @property
    def phase(self) -> tuple[CareStatus, tuple[Citation, ...]]:
        """A run of one status under one provision (former relevant to 21, then to 25)."""
        return (self.status, self.sources)


class _Person:
    """The facts, pre-digested: birthdays and episodes clipped to childhood."""

    def __init__(self, dob: date, episodes: Sequence[CareEpisode], policy: BirthdayPolicy) -> None:
        self.dob = dob
        self.policy = policy
        self.b = _Birthdays(*(attained_age_on(dob, n, policy) for n in (14, 16, 18, 21, 25)))
        last_child_day = self.b.b18 - timedelta(days=1)
        spans: list[tuple[date, date]] = []
        for ep in sorted(episodes, key=lambda e: e.start):
            if ep.start < dob:
                raise InvalidArgumentError(
                    f"a care episode starts ({ep.start.isoformat()}) before the date of birth"
                )
            if ep.start > last_child_day:
                raise InvalidArgumentError(
                    f"a care episode cannot start on or after the 18th birthday "
                    f"({self.b.b18.isoformat()}): got {ep.start.isoformat()}"
                )
            if not ep.legal_basis.counts:
                continue
            end = last_child_day if ep.end is None else min(ep.end, last_child_day)
            if spans and ep.start <= spans[-1][1]:
                raise InvalidArgumentError(
                    f"care episodes overlap: one starting {ep.start.isoformat()} begins "
                    f"before the previous one ends ({spans[-1][1].isoformat()})"
                )
            spans.append((ep.start, end))
        # Adjacent spans (one ends the day before the next starts) are one period of care.
        merged: list[tuple[date, date]] = []
        for s, e in spans:
            if merged and s == merged[-1][1] + timedelta(days=1):
                merged[-1] = (merged[-1][0], e)
            else:
                merged.append((s, e))
        self.spans = merged
        self.thirteen_weeks_on = self._thirteen_weeks_completed_on()

    def looked_after(self, day: date) -> bool:
        return any(s <= day <= e for s, e in self.spans)

    def _thirteen_weeks_completed_on(self) -> date | None:
        """The 91st day of care on or after the 14th birthday (13 weeks, counted inclusively)."""
        total = 0
        for s, e in self.spans:
            s = max(s, self.b.b14)
            if e < s:
                continue
            length = (e - s).days + 1
            if total + length >= _THIRTEEN_WEEKS_DAYS:
                return s + timedelta(days=_THIRTEEN_WEEKS_DAYS - total - 1)
            total += length
        return None

    def eligible(self, day: date) -> bool:
        return (
            self.b.b16 <= day < self.b.b18
            and self.looked_after(day)
            and self.thirteen_weeks_on is not None
            and self.thirteen_weeks_on <= day
        )

    def last_care_day_before(self, day: date) -> date | None:
        last = None
        for _, e in self.spans:
            if e < day:
                last = e
        return last

    def relevant(self, day: date) -> bool:
        if not (self.b.b16 <= day < self.b.b18) or self.looked_after(day):
            return False
        last = self.last_care_day_before(day)
        return last is not None and self.eligible(last)

    def care_since_16_before(self, day: date) -> date | None:
        """The last day looked after on or after the 16th birthday and before ``day``."""
        last = self.last_care_day_before(day)
        return last if last is not None and last >= self.b.b16 else None

    def verdict(self, day: date) -> _Verdict:
        b = self.b
        one = timedelta(days=1)
        if day < b.b18:
            if self.eligible(day):
                assert self.thirteen_weeks_on is not None
                since = max(b.b16, self.thirteen_weeks_on)
                return _Verdict(
                    CareStatus.ELIGIBLE,
                    f"aged 16 or 17 and looked after, with 13 weeks' care since the 14th "
                    f"birthday ({b.b14.isoformat()}) completed by "
                    f"{self.thirteen_weeks_on.isoformat()}; eligible from {since.isoformat()}",
                    _ELIGIBLE,
                    b.b18 - one,
                )
            if self.relevant(day):
                last = self.last_care_day_before(day)
                assert last is not None
                return _Verdict(
                    CareStatus.RELEVANT,
                    f"aged 16 or 17, no longer looked after, and eligible when last looked "
                    f"after (on {last.isoformat()})",
                    _RELEVANT,
                    b.b18 - one,
                )
            if self.looked_after(day):
                return _Verdict(
                    CareStatus.LOOKED_AFTER,
                    "looked after, but not an eligible child: "
                    + (
                        "under 16"
                        if day < b.b16
                        else "fewer than 13 weeks' care since the 14th birthday"
                    ),
                    _LOOKED_AFTER,
                )
            last16 = self.care_since_16_before(day)
            if last16 is not None:
                return _Verdict(
                    CareStatus.QUALIFYING,
                    f"under 21 and looked after after reaching 16 (last on "
                    f"{last16.isoformat()}), but not an eligible child when care ended",
                    _QUALIFYING,
                )
            return _Verdict(CareStatus.OTHER, "not looked after since the 16th birthday", _NONE)
        eve = b.b18 - one
        was_eligible = self.eligible(eve)
        was_relevant = self.relevant(eve)
        if was_eligible or was_relevant:
            how = "looked after and eligible" if was_eligible else "a relevant child"
            if day < b.b21:
                return _Verdict(
                    CareStatus.FORMER_RELEVANT,
                    f"aged 18 to 20 and {how} on the day before the 18th birthday "
                    f"({eve.isoformat()})",
                    _FORMER_RELEVANT,
                    (b.b25 if day >= ADVISER_TO_25_FROM else b.b21) - one,
                )
            if day < b.b25 and day >= ADVISER_TO_25_FROM:
                return _Verdict(
                    CareStatus.FORMER_RELEVANT,
                    f"aged 21 to 24 and {how} on the day before the 18th birthday: the "
                    "main duties ended at 21; a personal adviser, assessment and pathway plan "
                    "on request until 25",
                    _FORMER_RELEVANT_25,
                    b.b25 - one,
                )
            return _Verdict(
                CareStatus.OTHER,
                "a former relevant child whose leaving-care duties have ended "
                + ("at 25" if day >= b.b25 else "at 21 (before 1 April 2018)"),
                _FORMER_RELEVANT_25 if day >= b.b25 else _FORMER_RELEVANT,
            )
        last16 = self.care_since_16_before(b.b18)
        if last16 is not None and day < b.b21:
            return _Verdict(
                CareStatus.QUALIFYING,
                f"under 21 and looked after after reaching 16 (last on {last16.isoformat()}), "
                "but not an eligible or relevant child at 18",
                _QUALIFYING,
            )
        return _Verdict(CareStatus.OTHER, "no leaving-care status applies", _NONE)

    def change_points(self) -> list[date]:
        """Every day on which the status can change (it is constant between them)."""
        one = timedelta(days=1)
        points = {self.b.b14, self.b.b16, self.b.b18, self.b.b21, self.b.b25, ADVISER_TO_25_FROM}
        for s, e in self.spans:
            points.add(s)
            points.add(e + one)
        if self.thirteen_weeks_on is not None:
            points.add(self.thirteen_weeks_on)
        points.add(self.dob)
        return sorted(p for p in points if p >= self.dob)


def care_leaver_status(
    date_of_birth: date,
    episodes: Iterable[CareEpisode],
    as_of: date,
    *,
    birthday_policy: BirthdayPolicy = BirthdayPolicy.MARCH_1,
) -> CareLeaverStatus:
    """The leaving-care status on ``as_of``, with its reason, dates and citation.

    Args:
        date_of_birth: the young person's date of birth.
        episodes: every period of being looked after, in any order, not overlapping.
            Care ends at 18 whatever an episode's ``end`` says; short breaks never count.
        as_of: the date asked about. Only episodes as recorded are used: an episode
            that is still open (``end=None``) is taken to continue.
        birthday_policy: how a 29 February birthday is read in a common year.

    Returns:
        The status, the first and last day of the run it belongs to, the reason in
        words and the statutory citation.

    Raises:
        InvalidArgumentError: overlapping episodes, an episode before birth or starting
            on or after the 18th birthday, or an unknown policy.
        InvalidDateTypeError: a date argument that is not a ``datetime.date``.

    Examples:
        >>> from datetime import date
        >>> episodes = [CareEpisode(date(2024, 1, 8), date(2024, 9, 30), "section-20")]
        >>> s = care_leaver_status(date(2008, 3, 15), episodes, date(2024, 6, 1))
        >>> s.status, s.starts, s.ends
        ('eligible', datetime.date(2024, 4, 7), datetime.date(2024, 9, 30))
        >>> r = care_leaver_status(date(2008, 3, 15), episodes, date(2024, 10, 1))
        >>> r.status, r.starts, r.ends
        ('relevant', datetime.date(2024, 10, 1), datetime.date(2026, 3, 14))
        >>> f = care_leaver_status(date(2008, 3, 15), episodes, date(2026, 3, 15))
        >>> f.status, f.ends, f.personal_adviser_until
        ('former-relevant', datetime.date(2029, 3, 14), datetime.date(2033, 3, 14))
    """
    dob = check_date("date_of_birth", date_of_birth)
    day = check_date("as_of", as_of)
    policy = check_choice(BirthdayPolicy, "birthday_policy", birthday_policy)
    eps = list(episodes)
    for i, ep in enumerate(eps):
        if not isinstance(ep, CareEpisode):
            raise InvalidArgumentError(
                f"episodes[{i}] must be a CareEpisode, not {type(ep).__name__}: {ep!r}"
            )
    if day < dob:
        raise InvalidArgumentError(
            f"as_of ({day.isoformat()}) is before the date of birth ({dob.isoformat()})"
        )
    person = _Person(dob, eps, policy)
    verdict = person.verdict(day)
    points = person.change_points()
    one = timedelta(days=1)
    # The status is constant between change points: walk back to the start of the run.
    starts = dob
    for p in reversed([p for p in points if p <= day]):
        if p == dob or person.verdict(p - one).phase != verdict.phase:
            starts = p
            break
    ends: date | None = None
    for p in (p for p in points if p > day):
        if person.verdict(p).phase != verdict.phase:
            ends = p - one
            break
    return CareLeaverStatus(
        status=verdict.status,
        as_of=day,
        starts=starts,
        ends=ends,
        reason=verdict.reason,
        sources=verdict.sources,
        personal_adviser_until=verdict.adviser_until,
        birthday_policy=policy,
    )
