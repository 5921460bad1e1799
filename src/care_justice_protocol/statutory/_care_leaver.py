"""Care-leaver status on a date: eligible, relevant, former relevant, qualifying.

The protocols (3.14.12, 3.14.13) speak of "Next Step young people" and of "Relevant /
Former Relevant reviews" without restating who those young people are. The definitions
live in the Children Act 1989 and its regulations; this module encodes them, each result
naming the provision it rests on and saying in words why it applies.

Rules (England):

* **eligible** - aged 16 or 17, looked after, and looked after for periods amounting in
  all to 13 weeks which began after the age of 14 and ended after 16 (Children Act 1989
  Sch 2 para 19B(2); Care Planning, Placement and Case Review (England) Regulations 2010
  reg 40(1)); a child to whom reg 48 (a series of short breaks) applies is not eligible
  (reg 40(2)).
* **relevant** - aged 16 or 17, not looked after, and eligible before last ceasing to be
  looked after (s.23A(2)); or, an additional category (s.23A(3); Care Leavers (England)
  Regulations 2010 reg 3(2)), aged 16 or 17, not subject to a care order, detained or in
  hospital on the 16th birthday, and looked after for 13 weeks since the 14th birthday
  immediately before being detained or admitted.
* **former relevant** - aged 18 or over and either relevant (and would still be were they
  under 18) or looked after at 18 having been eligible immediately before (s.23C(1)); the
  main duties run to 21 (s.23C(6)), and beyond for as long as a programme of education or
  training in the pathway plan continues (s.23C(7)); a former relevant child under 25 who
  pursues or wishes to pursue one is owed them again (s.23CA); from 1 April 2018 a
  personal adviser on request from 21 to 25 (s.23CZB, inserted by the Children and Social
  Work Act 2017 s.3).
* **qualifying** - aged 16 to 20 under a special guardianship order made when looked after
  (s.24(1A)); or under 21, looked after at some time after reaching 16 while still a
  child, no longer looked after, and neither relevant nor former relevant (s.24(1B)).
  A series of short breaks is being looked after for this rule.

A remand counts as being looked after (Legal Aid, Sentencing and Punishment of Offenders
Act 2012 s.104(1) for a remand to youth detention accommodation; s.92 for a remand to
local authority accommodation). A sentence of detention interrupts accommodation under
section 20 (and every other basis that rests on the authority providing accommodation),
but a child in care under a care order stays looked after in custody (see
[`LegalBasis.survives_custody`][care_justice_protocol.LegalBasis.survives_custody]).

No message, reason or explanation names the date of birth or a date derived from it (a
birthday or the day before one): where such a date would appear in a reason, the reason
says it in words ("the day before the 18th birthday"). Error messages quote the caller's
own dates (``episodes[1].start (2024-03-15)``), which may happen to fall on a birthday;
they never print one the library derived.
"""

from __future__ import annotations

import bisect
import enum
import itertools
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Final, TypeVar

import attrs

from .._checks import check_choice, check_count, check_date, date_validator
from .._errors import DateOutOfRangeError, InvalidArgumentError
from ..model._citation import Citation
from ..model._entities import CareStatus
from ._history import Detention, DetentionKind, EducationProgramme, SpecialGuardianshipOrder
from ._legal_status import LegalBasis, to_legal_basis

__all__ = [
    "ADVISER_TO_25_FROM",
    "EDUCATION_TO_25_FROM",
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

#: The first day the library applies Children Act 1989 s.23CA (support to 25 for a former
#: relevant child pursuing education or training). The section was inserted by the
#: Children and Young Persons Act 2008 s.22; its commencement order was not checked, but
#: the Care Leavers (England) Regulations 2010, in force on 1 April 2011, refer to advisers
#: "appointed ... under section 23CA(2)" (reg 2(1)), so it was in force by then. Before
#: this day s.23CA is not applied (never a status the law may not have given).
EDUCATION_TO_25_FROM: Final = date(2011, 4, 1)

#: Reg 40(1): "the prescribed period is 13 weeks and the prescribed age is 14".
_THIRTEEN_WEEKS_DAYS: Final = 13 * 7
_ONE: Final = timedelta(days=1)

_CA: Final = "Children Act 1989"
_CPPCR: Final = "Care Planning, Placement and Case Review (England) Regulations 2010"
_CLR: Final = "Care Leavers (England) Regulations 2010"
_ELIGIBLE: Final = (Citation(_CA, "Sch 2 para 19B(2)"), Citation(_CPPCR, "reg 40"))
_RELEVANT: Final = (Citation(_CA, "s.23A(2)"),)
_RELEVANT_DETAINED: Final = (Citation(_CA, "s.23A(3)"), Citation(_CLR, "reg 3(2)"))
_FORMER_RELEVANT: Final = (Citation(_CA, "s.23C(1)"),)
_FORMER_RELEVANT_25: Final = (
    Citation(
        _CA,
        "s.23C(1) and s.23CZB (Children and Social Work Act 2017 s.3, in force 1 April 2018)",
    ),
)
_FORMER_RELEVANT_PROGRAMME: Final = (Citation(_CA, "s.23C(1), (7)"),)
_FORMER_RELEVANT_23CA: Final = (Citation(_CA, "s.23CA(1)"),)
_QUALIFYING: Final = (Citation(_CA, "s.24(1B)"),)
_QUALIFYING_SGO: Final = (Citation(_CA, "s.24(1A)"),)
_LOOKED_AFTER: Final = (Citation(_CA, "s.22(1)"), Citation("LASPO 2012", "s.104(1) for remands"))
_NONE: Final = (Citation(_CA, "Sch 2 para 19B, ss.23A, 23C, 24"),)
#: The provisions under which a pathway plan is kept under review at intervals of not more
#: than six months (Care Leavers (England) Regulations 2010 reg 7): relevant, and former
#: relevant while the s.23C duties last (to 21, or beyond under s.23C(7)).
_PATHWAY_PLAN_PHASES: Final = frozenset(
    {_RELEVANT, _RELEVANT_DETAINED, _FORMER_RELEVANT, _FORMER_RELEVANT_PROGRAMME}
)


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
        raise DateOutOfRangeError(f"age {years} from the date of birth is after the year 9999")
    if dob.month == 2 and dob.day == 29:
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 3, 1) if pol is BirthdayPolicy.MARCH_1 else date(year, 2, 28)
    return dob.replace(year=year)


def _check_optional_end(_: object, __: attrs.Attribute[date | None], value: date | None) -> None:
    if value is not None:
        check_date("end", value)


def _to_basis(value: object) -> LegalBasis:
    return to_legal_basis("legal_basis", value)


@attrs.frozen
class CareEpisode:
    """A period of being looked after, both ends inclusive.

    Attributes:
        start: the first day looked after.
        end: the last day looked after, or ``None`` while it continues.
        legal_basis: why the child is looked after: a
            [`LegalBasis`][care_justice_protocol.LegalBasis], its value (``"section-20"``) or an
            SSDA903 legal status code (``"V2"``, see
            [`SSDA903_LEGAL_STATUS`][care_justice_protocol.SSDA903_LEGAL_STATUS]).

    Examples:
        >>> from datetime import date
        >>> CareEpisode(date(2024, 1, 8), None, "remand-youth-detention").legal_basis
        <LegalBasis.REMAND_YOUTH_DETENTION: 'remand-youth-detention'>
        >>> CareEpisode(date(2024, 1, 8), None, "C2").legal_basis
        <LegalBasis.CARE_ORDER: 'care-order'>
    """

    start: date = attrs.field(validator=date_validator)
    end: date | None = attrs.field(validator=_check_optional_end)
    legal_basis: LegalBasis = attrs.field(converter=_to_basis)

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise InvalidArgumentError(
                f"end ({self.end.isoformat()}) must be on or after start "
                f"({self.start.isoformat()}): a care episode cannot end before it starts"
            )

    def covers(self, day: date) -> bool:
        """Whether the child is looked after under this episode on ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)


@attrs.frozen
class CareLeaverStatus:
    """A young person's leaving-care status on a date, with its reason and provenance.

    Attributes:
        status: one of [`CareStatus`][care_justice_protocol.CareStatus] (``OTHER`` when none
            applies).
        as_of: the date asked about.
        starts: the first day of the unbroken run of this status, under the same
            provision, that holds ``as_of`` (as far as the recorded history shows).
        ends: the last day of that run, or ``None`` when nothing recorded ends it. A
            former relevant child's run under s.23C ends the day before the 21st
            birthday; the run under s.23CZB (21 to 25) is a separate one.
        reason: the rule in words, with the dates that make it apply (a birthday, or the
            day before one, in words).
        sources: the statutory provision(s), as
            [`Citation`][care_justice_protocol.Citation] values.
        personal_adviser_until: the last day a personal adviser is (or may on request be)
            provided, where the status carries one; ``None`` also where the adviser stays
            for as long as a programme of education continues with no end recorded.
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
        """[`sources`][care_justice_protocol.CareLeaverStatus] as text, ``"; "``-separated
        (``"Children Act 1989 s.23A(2)"``)."""
        return "; ".join(str(c) for c in self.sources)

    @property
    def pathway_plan_reviewed(self) -> bool:
        """Whether the status carries pathway-plan reviews at intervals of not more than six
        months (Care Leavers (England) Regulations 2010 reg 7): relevant, and former relevant
        while the s.23C duties last (not the s.23CZB or s.23CA runs after 21)."""
        return self.sources in _PATHWAY_PLAN_PHASES

    def __str__(self) -> str:
        return f"{self.status.value} on {self.as_of.isoformat()}: {self.reason} ({self.citation})"


# --- day spans: sorted, disjoint, inclusive (first, last) pairs -------------------------

_Span = tuple[date, date]


def _merge(spans: Iterable[_Span]) -> list[_Span]:
    """Sorted, with overlapping or adjacent spans joined (adjacent care is one period)."""
    out: list[_Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1] + _ONE:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _subtract(span: _Span, holes: Sequence[_Span]) -> list[_Span]:
    """The days of ``span`` outside every hole (holes sorted and disjoint)."""
    pieces = [span]
    for hs, he in holes:
        nxt: list[_Span] = []
        for s, e in pieces:
            if he < s or hs > e:
                nxt.append((s, e))
                continue
            if s < hs:
                nxt.append((s, hs - _ONE))
            if he < e:
                nxt.append((he + _ONE, e))
        pieces = nxt
    return pieces


class _Days:
    """A set of days held as merged spans, with a fast membership test."""

    def __init__(self, spans: Iterable[_Span]) -> None:
        self.spans = _merge(spans)
        self._starts = [s for s, _ in self.spans]

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        i = bisect.bisect_right(self._starts, day) - 1
        return i >= 0 and day <= self.spans[i][1]

    def last_before(self, day: date) -> date | None:
        """The last day in the set before ``day``."""
        last = None
        for s, e in self.spans:
            if s >= day:
                break
            last = min(e, day - _ONE)
        return last

    def edges(self) -> set[date]:
        """The first day of each span and the day after its last."""
        return {s for s, _ in self.spans} | {e + _ONE for _, e in self.spans}


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


_T = TypeVar("_T")


def _indexed(values: Iterable[object], argument: str, kind: type[_T]) -> list[tuple[int, _T]]:
    """Each item with its index, refusing any that is not a ``kind`` (named by its index)."""
    out: list[tuple[int, _T]] = []
    for i, value in enumerate(values):
        if not isinstance(value, kind):
            raise InvalidArgumentError(
                f"{argument}[{i}] must be a {kind.__name__}, not {type(value).__name__}"
            )
        out.append((i, value))
    return out


class _Person:
    """The facts, pre-digested: birthdays, the days looked after, the detentions, orders."""

    def __init__(
        self,
        dob: date,
        episodes: Iterable[object],
        policy: BirthdayPolicy,
        *,
        detentions: Iterable[object] = (),
        special_guardianship_order: object = None,
        education: Iterable[object] = (),
    ) -> None:
        self.dob = dob
        self.policy = policy
        self.b = _Birthdays(*(attained_age_on(dob, n, policy) for n in (14, 16, 18, 21, 25)))
        self.detentions = self._check_detentions(_indexed(detentions, "detentions", Detention))
        eps = self._check_episodes(_indexed(episodes, "episodes", CareEpisode))
        self.episodes = [ep for _, ep in eps]
        self.sgo = self._check_sgo(special_guardianship_order)
        self.education = self._check_education(_indexed(education, "education", EducationProgramme))
        last_child_day = self.b.b18 - _ONE
        custody = _merge(
            (d.start, min(d.last_day, last_child_day))
            for d in self.detentions
            if d.kind is DetentionKind.CUSTODY
        )
        remand = [
            (d.start, min(d.last_day, last_child_day))
            for d in self.detentions
            if d.kind is DetentionKind.YOUTH_DETENTION_REMAND
        ]
        looked: list[_Span] = list(remand)
        counting: list[_Span] = list(remand)
        short: list[_Span] = []
        in_care: list[_Span] = []
        for ep in self.episodes:
            span = (ep.start, last_child_day if ep.end is None else min(ep.end, last_child_day))
            basis = ep.legal_basis
            pieces = [span] if basis.survives_custody else _subtract(span, custody)
            looked.extend(pieces)
            (counting if basis.counts else short).extend(pieces)
            if basis.in_care:
                in_care.append(span)
        self.looked = _Days(looked)
        self.counting = _Days(counting)
        self.short = _Days(s for p in short for s in _subtract(p, _merge(remand)))
        self.in_care = _Days(in_care)
        self.thirteen_weeks_on = self._thirteen_weeks_completed_on()
        self.first_eligible = self._first_eligible_day()
        self.detained_at_16 = self._detained_at_16()

    # --- validation: every message names the field; never the dob or a date derived from it ---

    def _check_episodes(
        self, items: list[tuple[int, CareEpisode]]
    ) -> list[tuple[int, CareEpisode]]:
        eps = sorted(items, key=lambda item: item[1].start)
        for i, ep in eps:
            if ep.start < self.dob:
                raise InvalidArgumentError(
                    f"episodes[{i}].start ({ep.start.isoformat()}) is before the date of "
                    "birth: a care episode must start on or after it"
                )
            if ep.start >= self.b.b18:
                raise InvalidArgumentError(
                    f"episodes[{i}].start is on or after the 18th birthday: a care episode "
                    "must start before it (care ends at 18)"
                )
        for (i, prev), (j, ep) in itertools.pairwise(eps):
            if prev.end is None or ep.start <= prev.end:
                ends = "has no end" if prev.end is None else f"ends {prev.end.isoformat()}"
                raise InvalidArgumentError(
                    f"episodes[{j}].start ({ep.start.isoformat()}) overlaps episodes[{i}], "
                    f"which starts {prev.start.isoformat()} and {ends}: care episodes may not "
                    "overlap; the next may start at the earliest the day after one ends"
                )
        return eps

    def _check_detentions(self, items: list[tuple[int, Detention]]) -> list[Detention]:
        dets = sorted(items, key=lambda item: item[1].start)
        for i, d in dets:
            if d.start < self.dob:
                raise InvalidArgumentError(
                    f"detentions[{i}].start ({d.start.isoformat()}) is before the date of "
                    "birth: a detention must start on or after it"
                )
            if d.start >= self.b.b18:
                raise InvalidArgumentError(
                    f"detentions[{i}].start is on or after the 18th birthday: only the "
                    "detention of a child (under 18) is part of a care history"
                )
        for (i, prev), (j, d) in itertools.pairwise(dets):
            if d.start < prev.release:
                raise InvalidArgumentError(
                    f"detentions[{j}].start ({d.start.isoformat()}) is before the release of "
                    f"detentions[{i}] ({prev.release.isoformat()}): detentions may not "
                    "overlap; the next may start at the earliest on the day of release"
                )
        return [d for _, d in dets]

    def _check_sgo(self, value: object) -> SpecialGuardianshipOrder | None:
        if value is None:
            return None
        if not isinstance(value, SpecialGuardianshipOrder):
            raise InvalidArgumentError(
                "special_guardianship_order must be a SpecialGuardianshipOrder or None, "
                f"not {type(value).__name__}"
            )
        if value.made < self.dob:
            raise InvalidArgumentError(
                f"special_guardianship_order.made ({value.made.isoformat()}) is before the "
                "date of birth: the order must be made on or after it"
            )
        if value.made >= self.b.b18:
            raise InvalidArgumentError(
                "special_guardianship_order.made is on or after the 18th birthday: the order "
                "is made for a child (under 18)"
            )
        return value

    def _check_education(
        self, items: list[tuple[int, EducationProgramme]]
    ) -> list[EducationProgramme]:
        out: list[EducationProgramme] = []
        for i, p in items:
            if p.start < self.b.b16:
                raise InvalidArgumentError(
                    f"education[{i}].start is before the 16th birthday: a programme for "
                    "s.23C(7) or s.23CA is set out in a pathway plan, from 16 on"
                )
            out.append(p)
        return sorted(out, key=lambda p: p.start)

    # --- facts ---

    def _thirteen_weeks_completed_on(self) -> date | None:
        """The 91st day of counting care on or after the 14th birthday (counted inclusively)."""
        total = 0
        for s, e in self.counting.spans:
            s = max(s, self.b.b14)
            if e < s:
                continue
            length = (e - s).days + 1
            if total + length >= _THIRTEEN_WEEKS_DAYS:
                return s + timedelta(days=_THIRTEEN_WEEKS_DAYS - total - 1)
            total += length
        return None

    def _first_eligible_day(self) -> date | None:
        """The first day the child is an eligible child, if any."""
        weeks = self.thirteen_weeks_on
        if weeks is None:
            return None
        since = max(weeks, self.b.b16)
        for s, e in self.looked.spans:
            lo = max(s, since)
            if lo > e:
                continue
            for first, _ in _subtract((lo, e), self.short.spans):
                return first if first < self.b.b18 else None
        return None

    def _detained_at_16(self) -> Detention | None:
        """The detention (or hospital stay) of reg 3(2)(c), if the facts make one.

        "on attaining the age of 16 the child was detained, or in hospital, and immediately
        before being detained or admitted to hospital had been looked after ... for at
        least 13 weeks, which began after the child reached the age of 14": the stay holds
        the 16th birthday, the child was looked after on the day before it began, and the
        13 weeks were complete by then (no short-break day counts towards them).

        Reg 3(2) opens "Subject to paragraph (3)": paragraph (3), which qualifies this
        category, was not in any stored copy of the regulation and is not applied beyond
        the short-break rule above (see the docs page "Statutory context").
        """
        for d in self.detentions:
            if d.covers(self.b.b16):
                eve = d.start - _ONE
                weeks = self.thirteen_weeks_on
                if eve in self.looked and weeks is not None and weeks <= eve:
                    return d
        return None

    def say(self, day: date) -> str:
        """``day`` as text, or in words where it is a birthday or the day before one."""
        b = self.b
        names = {
            self.dob: "the date of birth",
            b.b14: "the 14th birthday",
            b.b16: "the 16th birthday",
            b.b18: "the 18th birthday",
            b.b21: "the 21st birthday",
            b.b25: "the 25th birthday",
        }
        if day in names:
            return names[day]
        if day + _ONE in names:
            return f"the day before {names[day + _ONE]}"
        return day.isoformat()

    def looked_after(self, day: date) -> bool:
        return day in self.looked

    def eligible(self, day: date) -> bool:
        return (
            self.b.b16 <= day < self.b.b18
            and day in self.looked
            and day not in self.short
            and self.thirteen_weeks_on is not None
            and self.thirteen_weeks_on <= day
        )

    def last_care_day_before(self, day: date) -> date | None:
        return self.looked.last_before(day)

    def relevant_by_leaving(self, day: date) -> bool:
        """s.23A(2): not looked after, and "was, before last ceasing to be looked after, an
        eligible child" (at any time before, unlike s.23C(1)(b)'s "immediately before")."""
        if not (self.b.b16 <= day < self.b.b18) or day in self.looked:
            return False
        last = self.last_care_day_before(day)
        first = self.first_eligible
        return last is not None and first is not None and first <= last

    def relevant_by_detention(self, day: date) -> bool:
        """Care Leavers (England) Regulations 2010 reg 3(2)."""
        return (
            self.detained_at_16 is not None
            and self.b.b16 <= day < self.b.b18
            and day not in self.looked
            and day not in self.in_care
        )

    def relevant(self, day: date) -> bool:
        return self.relevant_by_leaving(day) or self.relevant_by_detention(day)

    def care_since_16_before(self, day: date) -> date | None:
        """The last day looked after on or after the 16th birthday and before ``day``."""
        last = self.last_care_day_before(min(day, self.b.b18))
        return last if last is not None and last >= self.b.b16 else None

    def sgo_applies(self, day: date) -> bool:
        """s.24(1A): 16 to 20, the order in force (at 18 when 18 or over), looked after before."""
        sgo = self.sgo
        if sgo is None or not (self.b.b16 <= day < self.b.b21):
            return False
        in_force = sgo.in_force_on(day if day < self.b.b18 else self.b.b18)
        made = sgo.made
        return in_force and (made - _ONE in self.looked or made in self.looked)

    def programme_beyond_21(self, day: date) -> EducationProgramme | None:
        """s.23C(7): set out before 21, pursued on the 21st birthday and on ``day``."""
        for p in self.education:
            if p.start < self.b.b21 and p.pursued_on(self.b.b21) and p.pursued_on(day):
                return p
        return None

    def programme_to_25(self, day: date) -> EducationProgramme | None:
        """s.23CA(1): under 25, pursuing (or wishing to pursue) a programme, on ``day``."""
        if not (EDUCATION_TO_25_FROM <= day < self.b.b25):
            return None
        for p in self.education:
            if p.pursued_on(day):
                return p
        return None

    # --- the verdict on one day ---

    def verdict(self, day: date) -> _Verdict:
        if day < self.b.b18:
            return self._child_verdict(day)
        return self._adult_verdict(day)

    def _child_verdict(self, day: date) -> _Verdict:
        b = self.b
        if self.eligible(day):
            weeks = self.thirteen_weeks_on
            assert weeks is not None
            return _Verdict(
                CareStatus.ELIGIBLE,
                "aged 16 or 17 and looked after, with 13 weeks' care since the 14th birthday "
                f"completed on {self.say(weeks)}",
                _ELIGIBLE,
                b.b18 - _ONE,
            )
        if self.relevant_by_leaving(day):
            last = self.last_care_day_before(day)
            assert last is not None
            first = self.first_eligible
            assert first is not None
            return _Verdict(
                CareStatus.RELEVANT,
                "aged 16 or 17, no longer looked after (last on "
                f"{self.say(last)}), and an eligible child before that (from "
                f"{self.say(first)})",
                _RELEVANT,
                b.b18 - _ONE,
            )
        if day in self.looked:
            if day < b.b16:
                why = "under 16"
            elif day in self.short:
                why = "a child in a series of short breaks (CPPCR 2010 reg 48, reg 40(2))"
            else:
                why = "fewer than 13 weeks' care since the 14th birthday"
            return _Verdict(
                CareStatus.LOOKED_AFTER,
                f"looked after, but not an eligible child: {why}",
                _LOOKED_AFTER,
            )
        if self.relevant_by_detention(day):
            d = self.detained_at_16
            assert d is not None
            what = "in hospital" if d.kind is DetentionKind.HOSPITAL else "detained"
            return _Verdict(
                CareStatus.RELEVANT,
                f"aged 16 or 17, not subject to a care order, {what} on the 16th birthday "
                f"(from {self.say(d.start)}), and looked after for 13 weeks since the 14th "
                "birthday immediately before",
                _RELEVANT_DETAINED,
                b.b18 - _ONE,
            )
        if self.sgo_applies(day):
            return self._sgo_verdict()
        last16 = self.care_since_16_before(day)
        if last16 is not None:
            return _Verdict(
                CareStatus.QUALIFYING,
                f"under 21 and looked after after reaching 16 (last on {self.say(last16)}), "
                "but not an eligible child when care ended",
                _QUALIFYING,
            )
        return _Verdict(CareStatus.OTHER, "not looked after since the 16th birthday", _NONE)

    def _sgo_verdict(self) -> _Verdict:
        assert self.sgo is not None
        return _Verdict(
            CareStatus.QUALIFYING,
            "aged 16 to 20 with a special guardianship order (made on "
            f"{self.say(self.sgo.made)}) in force, or in force at 18, having been looked "
            "after immediately before it was made",
            _QUALIFYING_SGO,
        )

    def _adult_verdict(self, day: date) -> _Verdict:
        b = self.b
        eve = b.b18 - _ONE
        was_eligible = self.eligible(eve)
        if was_eligible or self.relevant(eve):
            how = "looked after and eligible" if was_eligible else "a relevant child"
            if day < b.b21:
                return _Verdict(
                    CareStatus.FORMER_RELEVANT,
                    f"aged 18 to 20 and {how} on the day before the 18th birthday",
                    _FORMER_RELEVANT,
                    (b.b25 if day >= ADVISER_TO_25_FROM else b.b21) - _ONE,
                )
            return self._former_relevant_after_21(day, how)
        if day < b.b21 and self.sgo_applies(day):
            return self._sgo_verdict()
        last16 = self.care_since_16_before(b.b18)
        if last16 is not None and day < b.b21:
            return _Verdict(
                CareStatus.QUALIFYING,
                f"under 21 and looked after after reaching 16 (last on {self.say(last16)}), "
                "but not an eligible or relevant child at 18",
                _QUALIFYING,
            )
        return _Verdict(CareStatus.OTHER, "no leaving-care status applies", _NONE)

    def _former_relevant_after_21(self, day: date, how: str) -> _Verdict:
        b = self.b
        to_25 = b.b25 - _ONE
        programme = self.programme_beyond_21(day)
        if programme is not None:
            until = programme.end
            if until is not None and day >= ADVISER_TO_25_FROM:
                until = max(until, to_25)
            return _Verdict(
                CareStatus.FORMER_RELEVANT,
                f"{how} on the day before the 18th birthday, pursuing a programme of "
                f"education or training set out in the pathway plan (from "
                f"{self.say(programme.start)}) that extends beyond the 21st birthday: the "
                "duties continue for as long as it is pursued",
                _FORMER_RELEVANT_PROGRAMME,
                until,
            )
        programme = self.programme_to_25(day)
        if programme is not None:
            until = to_25
            if day < ADVISER_TO_25_FROM and programme.end is not None:
                until = min(programme.end, to_25)
            return _Verdict(
                CareStatus.FORMER_RELEVANT,
                f"aged 21 to 24, {how} on the day before the 18th birthday, and pursuing or "
                "wishing to pursue a programme of education or training (the authority "
                f"informed on {self.say(programme.start)}): personal adviser, assessment, "
                "pathway plan and assistance",
                _FORMER_RELEVANT_23CA,
                until,
            )
        if day < b.b25 and day >= ADVISER_TO_25_FROM:
            return _Verdict(
                CareStatus.FORMER_RELEVANT,
                f"aged 21 to 24 and {how} on the day before the 18th birthday: the main "
                "duties ended at 21; a personal adviser, assessment and pathway plan on "
                "request until 25",
                _FORMER_RELEVANT_25,
                to_25,
            )
        return _Verdict(
            CareStatus.OTHER,
            "a former relevant child whose leaving-care duties have ended "
            + ("at 25" if day >= b.b25 else "at 21 (before 1 April 2018)"),
            _FORMER_RELEVANT_25 if day >= b.b25 else _FORMER_RELEVANT,
        )

    def pathway_plan_reviewed(self, verdict: _Verdict) -> bool:
        """Whether the verdict's status carries six-monthly pathway-plan reviews."""
        return verdict.sources in _PATHWAY_PLAN_PHASES

    def change_points(self) -> list[date]:
        """Every day on which the status can change (it is constant between them)."""
        b = self.b
        points = {b.b14, b.b16, b.b18, b.b21, b.b25, ADVISER_TO_25_FROM, EDUCATION_TO_25_FROM}
        for days in (self.looked, self.counting, self.short, self.in_care):
            points |= days.edges()
        if self.thirteen_weeks_on is not None:
            points.add(self.thirteen_weeks_on)
        if self.first_eligible is not None:
            points.add(self.first_eligible)
        if self.sgo is not None:
            points.add(self.sgo.made)
            if self.sgo.ended is not None:
                points.add(self.sgo.ended)
        for p in self.education:
            points.add(p.start)
            if p.end is not None:
                points.add(p.end + _ONE)
        points.add(self.dob)
        return sorted(p for p in points if p >= self.dob)

    def runs(self, until: date) -> list[tuple[date, date | None, _Verdict]]:
        """The runs of one status under one provision, from birth, up to ``until``.

        Each run is (first day, last day or ``None`` when nothing recorded ends it, the
        verdict). Runs after ``until`` are not computed (a run holding ``until`` is).
        """
        points = self.change_points()
        out: list[tuple[date, date | None, _Verdict]] = []
        for p in points:
            v = self.verdict(p)
            if out and out[-1][2].phase == v.phase:
                continue
            if out:
                first, _, prev = out[-1]
                out[-1] = (first, p - _ONE, prev)
            if p > until:
                break
            out.append((p, None, v))
        return out


def _person(
    date_of_birth: date,
    episodes: Iterable[CareEpisode],
    policy: BirthdayPolicy,
    detentions: Iterable[Detention],
    special_guardianship_order: SpecialGuardianshipOrder | None,
    education: Iterable[EducationProgramme],
) -> _Person:
    return _Person(
        date_of_birth,
        list(episodes),
        policy,
        detentions=list(detentions),
        special_guardianship_order=special_guardianship_order,
        education=list(education),
    )


def care_leaver_status(
    date_of_birth: date,
    episodes: Iterable[CareEpisode],
    as_of: date,
    *,
    birthday_policy: BirthdayPolicy = BirthdayPolicy.MARCH_1,
    detentions: Iterable[Detention] = (),
    special_guardianship_order: SpecialGuardianshipOrder | None = None,
    education: Iterable[EducationProgramme] = (),
) -> CareLeaverStatus:
    """The leaving-care status on ``as_of``, with its reason, dates and citation.

    Args:
        date_of_birth: the young person's date of birth.
        episodes: every period of being looked after, in any order, not overlapping.
            Care ends at 18 whatever an episode's ``end`` says.
        as_of: the date asked about. Only the history as recorded is used: an episode
            that is still open (``end=None``) is taken to continue.
        birthday_policy: how a 29 February birthday is read in a common year.
        detentions: periods in custody, on remand to youth detention accommodation or in
            hospital ([`Detention`][care_justice_protocol.Detention]), not overlapping. Custody
            interrupts every episode whose basis does not
            [`survives_custody`][care_justice_protocol.LegalBasis.survives_custody]; a remand to
            youth detention accommodation is care (LASPO 2012 s.104(1)); a stay that holds the 16th
            birthday can make a relevant child (Care Leavers Regulations reg 3(2)).
        special_guardianship_order: for the Children Act 1989 s.24(1A) route.
        education: programmes of education or training
            ([`EducationProgramme`][care_justice_protocol.EducationProgramme]) for s.23C(7) and
            s.23CA.

    Returns:
        The status, the first and last day of the run it belongs to, the reason in
        words and the statutory citation.

    Raises:
        InvalidArgumentError: an impossible history (overlapping episodes or detentions,
            one before birth or starting at 18 or later, an order made before birth), naming
            the field (``episodes[2].start``) and what would be valid; never the date of
            birth or a date derived from it (the caller's own dates are quoted).
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

        Sentenced at 15 while accommodated under section 20, and in custody on the 16th
        birthday (Care Leavers Regulations reg 3(2)):

        >>> s20 = [CareEpisode(date(2023, 1, 9), None, "V2")]
        >>> dto = [Detention(date(2024, 1, 8), date(2024, 7, 8))]
        >>> d = care_leaver_status(date(2008, 3, 15), s20, date(2024, 3, 15), detentions=dto)
        >>> d.status, d.citation
        ('relevant', 'Children Act 1989 s.23A(3); Care Leavers (England) Regulations 2010 reg 3(2)')
    """
    dob = check_date("date_of_birth", date_of_birth)
    day = check_date("as_of", as_of)
    policy = check_choice(BirthdayPolicy, "birthday_policy", birthday_policy)
    if day < dob:
        raise InvalidArgumentError(
            f"as_of ({day.isoformat()}) is before the date of birth: it must be on or after it"
        )
    person = _person(dob, episodes, policy, detentions, special_guardianship_order, education)
    run_start, run_end, _ = person.runs(day)[-1]
    verdict = person.verdict(day)  # the reason in the words of the day asked about
    return CareLeaverStatus(
        status=verdict.status,
        as_of=day,
        starts=run_start,
        ends=run_end,
        reason=verdict.reason,
        sources=verdict.sources,
        personal_adviser_until=verdict.adviser_until,
        birthday_policy=policy,
    )
