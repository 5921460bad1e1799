"""What an SSDA903 return implies: care-leaver statuses, OC3 checks, reviews, the population.

From a return read by [`read_ssda903`][care_justice_protocol.read_ssda903] (or one young person at
a time from [`stream`][care_justice_protocol.Ssda903Source.stream]):

* [`ssda903_status`][care_justice_protocol.ssda903_status] /
  [`ssda903_statuses`][care_justice_protocol.ssda903_statuses] - each young person's statutory
  care-leaver status on a date ([`care_leaver_status`][care_justice_protocol.care_leaver_status] on
  the history the files hold), or **history incomplete** with what is missing, never a guess
  ([`SSDA903_HISTORY_POLICY`][care_justice_protocol.SSDA903_HISTORY_POLICY],
  [`SSDA903_UNKNOWN_FACTS_POLICY`][care_justice_protocol.SSDA903_UNKNOWN_FACTS_POLICY]);
* [`ssda903_oc3_checks`][care_justice_protocol.ssda903_oc3_checks] - where the OC3 (care leavers)
  table implies a status the law does not give, or leaves out a young person the law makes a care
  leaver;
* [`ssda903_reviews`][care_justice_protocol.ssda903_reviews] - the looked-after reviews of CPPCR
  2010 reg 33 against the Reviews table
  ([`SSDA903_REVIEW_POLICY`][care_justice_protocol.SSDA903_REVIEW_POLICY]);
* [`ssda903_population`][care_justice_protocol.ssda903_population] and
  [`ssda903_caseload_skeleton`][care_justice_protocol.ssda903_caseload_skeleton] - the young people
  the protocols are about (care leavers Next Step serves with a conviction in OC2 or a youth-justice
  legal status), and a caseload of them in the JSON caseload format, to which a council adds only
  the protocol events.

No reason, text or ``to_dict()`` value names the date of birth or a date derived from it:
such a date is said in words ("the day before the 18th birthday"), as the statutory
results do.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Final

import attrs

from .._checks import check_choice, check_date
from .._errors import InvalidArgumentError
from ..calendar._working_days import WorkingCalendar
from ..model._citation import Citation
from ..model._entities import CareStatus, LegalStatus, YoungPerson
from ..model._events import Caseload, Event, JointCase
from ..statutory._care_leaver import (
    BirthdayPolicy,
    CareLeaverStatus,
    attained_age_on,
    care_leaver_status,
)
from ..statutory._history import Detention, SpecialGuardianshipOrder
from ..statutory._reviews import ReviewCheck, ReviewKind, statutory_reviews
from ._held import SsdPeriod
from ._ssda903 import CollectionYear, Ssda903Episode, Ssda903Return, Ssda903Row, Ssda903YoungPerson

__all__ = [
    "SSDA903_HISTORY_POLICY",
    "NEXT_STEP_CARE_STATUSES",
    "SSDA903_OC3_POLICY",
    "SSDA903_REVIEW_POLICY",
    "SSD_REVIEW_POLICY",
    "SSDA903_SKELETON_POLICY",
    "SSDA903_UNKNOWN_FACTS_POLICY",
    "YOUTH_JUSTICE_LEGAL_STATUSES",
    "Ssda903Oc3Check",
    "Ssda903PopulationEntry",
    "Ssda903Reviews",
    "Ssda903Status",
    "ssda903_statuses",
    "ssda903_caseload_skeleton",
    "ssda903_oc3_checks",
    "ssda903_population",
    "ssda903_reviews",
    "ssda903_status",
]

_ONE: Final = timedelta(days=1)
_CA: Final = "Children Act 1989"
_CPPCR: Final = "Care Planning, Placement and Case Review (England) Regulations 2010"

#: When a status is decided from the files (quoted in every "history incomplete" result).
SSDA903_HISTORY_POLICY: Final = (
    "a status is decided only when the files hold every day of care it rests on: from the "
    "14th birthday to the day asked about (to the day before the 18th birthday from 18 on); "
    "under 16, the day asked about"
)
#: Facts the return does not record, tried both ways.
SSDA903_UNKNOWN_FACTS_POLICY: Final = (
    "a fact the return does not record is tried both ways (still in custody on the 16th "
    "birthday after REC E9; a special guardianship order after REC E45-E48 still in force): "
    "if the status differs, it is not decided"
)
#: Which looked-after reviews the Reviews table lets the library check.
SSDA903_REVIEW_POLICY: Final = (
    "reg 33 reviews are checked for periods of care that began within the files (the day "
    "before known) and that the files hold to the day checked; the check is made on the "
    "day asked about or the last day of the files, whichever is earlier"
)
#: How the caseload skeleton fills what the return does not hold.
SSDA903_SKELETON_POLICY: Final = (
    "legal_status from the SSDA903 legal status on the day (J1: remanded, J2: charged, "
    "J3: community-order), otherwise no-proceedings; has_icta false: the return holds "
    "neither, so the council corrects them from the youth-justice record"
)

#: Which young people the OC3 table is expected to give care-leaver information for.
SSDA903_OC3_POLICY: Final = (
    "care-leaver information at the 17th birthday implies a relevant child, at the 18th to "
    "21st a former relevant one; the law's relevant (17) and former relevant (18 to 21) "
    "young people are expected in OC3, but not at 18 one who left care at 18 (DfE rule 1016)"
)
#: The care statuses of a young person Next Step serves: the bundled 3.14.13 condition
#: "the young person is open to Next Step" (``care_statuses``).
NEXT_STEP_CARE_STATUSES: Final = frozenset(
    {CareStatus.ELIGIBLE, CareStatus.RELEVANT, CareStatus.FORMER_RELEVANT}
)
#: The youth-justice SSDA903 legal statuses: remand (J1), PACE accommodation (J2) and a
#: youth rehabilitation order with a local authority residence requirement (J3).
YOUTH_JUSTICE_LEGAL_STATUSES: Final = ("J1", "J2", "J3")
_SKELETON_LEGAL: Final = {
    "J1": LegalStatus.REMANDED,
    "J2": LegalStatus.CHARGED,
    "J3": LegalStatus.COMMUNITY_ORDER,
}

_WINDOW_SOURCES: Final = (Citation(_CA, "Sch 2 para 19B(2)"), Citation(_CPPCR, "reg 40(1)"))
_LOOKED_AFTER_SOURCES: Final = (Citation(_CA, "s.22(1)"),)
_E9_SOURCE: Final = Citation("Care Leavers (England) Regulations 2010", "reg 3(2)")
_SGO_SOURCE: Final = Citation(_CA, "s.24(1A)")
_SGO_CODES: Final = frozenset({"E45", "E46", "E47", "E48"})
_ORDINAL: Final = {17: "17th", 18: "18th", 19: "19th", 20: "20th", 21: "21st"}

_Span = tuple[date, date]


# --------------------------------------------------------------------------- helpers


class _Ages:
    """A young person's birthdays, and dates said in words where they are one."""

    def __init__(self, dob: date, policy: BirthdayPolicy) -> None:
        self.dob = dob
        self.policy = policy
        self.at = {n: attained_age_on(dob, n, policy) for n in (14, 16, 17, 18, 19, 20, 21, 25)}
        self.names = {dob: "the date of birth"} | {
            d: f"the {n}th birthday" if n != 21 else "the 21st birthday" for n, d in self.at.items()
        }

    def say(self, day: date) -> str:
        if day in self.names:
            return self.names[day]
        if day + _ONE in self.names:
            return f"the day before {self.names[day + _ONE]}"
        return day.isoformat()


def _merge(spans: Iterable[_Span]) -> list[_Span]:
    out: list[_Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1] + _ONE:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _minus(span: _Span, known: Sequence[_Span]) -> list[_Span]:
    """The days of ``span`` outside ``known`` (sorted, merged)."""
    s, e = span
    out: list[_Span] = []
    for ks, ke in known:
        if ke < s:
            continue
        if ks > e:
            break
        if ks > s:
            out.append((s, ks - _ONE))
        s = max(s, ke + _ONE)
        if s > e:
            return out
    if s <= e:
        out.append((s, e))
    return out


def _known(person: Ssda903YoungPerson) -> list[_Span]:
    """The days whose care the files record: the years held, and each episode's days."""
    spans = [(y.first_day, y.last_day) for y in person.coverage]
    spans += [(ep.start, ep.known_until) for ep in person.episodes if ep.known_until >= ep.start]
    return _merge(spans)


def _years(coverage: Sequence[CollectionYear | SsdPeriod]) -> str:
    if not coverage:
        return "no collection year"
    runs: list[list[CollectionYear | SsdPeriod]] = []
    for y in coverage:
        if runs and isinstance(y, CollectionYear) and runs[-1][-1].last_day + _ONE == y.first_day:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]} to {r[-1]}" for r in runs)


#: How the SSD reader's incomplete periods of care are said (the SSDA903 policy, of a
#: database extract rather than files).
SSD_REVIEW_POLICY: Final = (
    "reg 33 reviews are checked for periods of care that began within the period the "
    "database holds (the day before known) and that it holds to the day checked; the check "
    "is made on the day asked about or the last day held, whichever is earlier"
)


@attrs.frozen
class _Where:
    """How a history's source is named in results: files of a return, or a database."""

    noun: str
    holds: str
    first: str
    ends: str
    review_policy: str
    record: str = "the return"


_FILES: Final = _Where(
    "the files", "they hold", "the files' first year", "the files end there", SSDA903_REVIEW_POLICY
)
_DATABASE: Final = _Where(
    "the database", "it holds", "the first day it holds", "the database ends there",
    SSD_REVIEW_POLICY, "the database",
)  # fmt: skip


def _where(person: Ssda903YoungPerson) -> _Where:
    return _DATABASE if any(isinstance(c, SsdPeriod) for c in person.coverage) else _FILES


# --------------------------------------------------------------------------- statuses


@attrs.frozen
class Ssda903Status:
    """A young person's care-leaver status on a date, from their SSDA903 return.

    Attributes:
        child: ``CHILD``.
        as_of: the date asked about.
        result: the statutory status (with its reason, run and citation), or ``None`` when
            the files do not decide it.
        missing: what the files lack to decide it, in words (empty when decided).
        sources: the provisions the result rests on (those of
            [`result`][care_justice_protocol.Ssda903Status], or those that make the missing history
            or fact matter).
        period: the run of the status in words: its first and last day as far as the
            files show them (birthdays in words).
    """

    child: str
    as_of: date
    result: CareLeaverStatus | None
    missing: tuple[str, ...] = ()
    sources: tuple[Citation, ...] = ()
    period: str = ""

    @property
    def decided(self) -> bool:
        """Whether the files decide the status."""
        return self.result is not None

    @property
    def status(self) -> str:
        """The status's value (``"relevant"``), or ``"history-incomplete"``."""
        return self.result.status.value if self.result is not None else "history-incomplete"

    @property
    def reason(self) -> str:
        """The rule in words, or what is missing."""
        if self.result is not None:
            return self.result.reason
        return "history incomplete: " + "; ".join(self.missing)

    @property
    def citation(self) -> str:
        """[`sources`][care_justice_protocol.Ssda903Status] as text, ``"; "``-separated."""
        return "; ".join(str(c) for c in self.sources)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record (no date derived from the date of birth but in words)."""
        return {
            "child": self.child,
            "as_of": self.as_of.isoformat(),
            "status": self.status,
            "decided": self.decided,
            "period": self.period,
            "reason": self.reason,
            "citation": self.citation,
            "missing": list(self.missing),
        }

    def __str__(self) -> str:
        day = self.as_of.isoformat()
        return f"{self.child}: {self.status} on {day}: {self.reason} ({self.citation})"


def _status_key(result: CareLeaverStatus) -> CareStatus:
    return result.status


def _unknowns(
    person: Ssda903YoungPerson,
    ages: _Ages,
    detentions: Sequence[Detention] | None,
    sgo: SpecialGuardianshipOrder | None,
) -> list[tuple[str, str, Any]]:
    """The facts the return does not record that could matter: (kind, words, value)."""
    out: list[tuple[str, str, Any]] = []
    record = _where(person).record
    b16, b18 = ages.at[16], ages.at[18]
    eps = person.episodes
    if detentions is None:
        e9 = [
            ep
            for ep in eps
            if ep.reason_ceased == "E9" and ep.ceased is not None and ep.ceased <= b16
        ]
        if e9:
            ep = e9[-1]
            assert ep.ceased is not None
            if not any(ep.ceased < later.start <= b16 for later in eps):
                out.append(
                    (
                        "custody",
                        (
                            "whether the young person was still detained on the 16th birthday "
                            f"after the custody that began on {ages.say(ep.ceased)} (REC 'E9', "
                            f"{ep.sources[-1]}): {record} does not record the release"
                        ),
                        Detention(ep.ceased, b16 + _ONE),
                    )
                )
    if sgo is None:
        made = [
            ep
            for ep in eps
            if ep.reason_ceased in _SGO_CODES and ep.ceased is not None and ep.ceased < b18
        ]
        if made:
            ep = made[-1]
            assert ep.ceased is not None
            out.append(
                (
                    "sgo",
                    (
                        f"whether the special guardianship order made on {ages.say(ep.ceased)} "
                        f"(REC {ep.reason_ceased!r}, {ep.sources[-1]}) is (or was at 18) in "
                        f"force: {record} does not record its end"
                    ),
                    SpecialGuardianshipOrder(ep.ceased),
                )
            )
    return out


def _period(
    result: CareLeaverStatus,
    ages: _Ages,
    known: Sequence[_Span],
    coverage_end: date | None,
    where: _Where = _FILES,
) -> str:
    """The run in words: its first and last day, where the files show them."""
    b16, b18 = ages.at[16], ages.at[18]

    def needs(day: date) -> _Span:
        return (day, day) if day < b16 else (ages.at[14], min(day, b18 - _ONE))

    def is_known(span: _Span) -> bool:
        return span[1] < span[0] or not _minus(span, known)

    parts = []
    s = result.starts
    if s is not None:
        before = s - _ONE
        certain = before < ages.dob or (
            is_known(needs(before)) and is_known((max(s, ages.dob), min(result.as_of, b16 - _ONE)))
        )
        parts.append(("from " if certain else "since at least ") + ages.say(s))
    e = result.ends
    if e is not None:
        after = e + _ONE
        certain = is_known(needs(after)) and is_known(
            (result.as_of, min(e, b16 - _ONE, b18 - _ONE))
        )
        if certain:
            parts.append("to " + ages.say(e))
        elif coverage_end is not None:
            parts.append(f"to at least {ages.say(min(coverage_end, e))} ({where.ends})")
    return " ".join(parts)


def ssda903_status(
    person: Ssda903YoungPerson,
    as_of: date,
    *,
    detentions: Iterable[Detention] | None = None,
    special_guardianship_order: SpecialGuardianshipOrder | None = None,
    birthday_policy: BirthdayPolicy = BirthdayPolicy.MARCH_1,
) -> Ssda903Status:
    """The young person's care-leaver status on ``as_of``, from what their return holds.

    The care history is the return's episodes
    ([`Ssda903YoungPerson.care_episodes`][care_justice_protocol.Ssda903YoungPerson.care_episodes]).
    The status is decided only when the files hold every day it rests on
    ([`SSDA903_HISTORY_POLICY`][care_justice_protocol.SSDA903_HISTORY_POLICY]): from 16 that is the
    care history from the 14th birthday (Children Act 1989 Sch 2 para 19B(2): 13 weeks "which began
    after he reached the age of fourteen"). Facts the return does not record are tried both ways
    ([`SSDA903_UNKNOWN_FACTS_POLICY`][care_justice_protocol.SSDA903_UNKNOWN_FACTS_POLICY]); give
    them to decide: ``detentions`` (then the E9 rule is not tried) and
    ``special_guardianship_order`` (then the E45-E48 rule is not).

    Args:
        person: the young person, from [`read_ssda903`][care_justice_protocol.read_ssda903] or
            [`Ssda903Source.stream`][care_justice_protocol.Ssda903Source.stream].
        as_of: the date asked about (on or after the date of birth).
        detentions: custody, remands to youth detention accommodation and hospital stays
            known from elsewhere ([`Detention`][care_justice_protocol.Detention]).
        special_guardianship_order: a special guardianship order known from elsewhere.
        birthday_policy: how a 29 February birthday is read.

    Raises:
        InvalidArgumentError: ``as_of`` is before the date of birth, or a detention or order
            given does not fit the history (as for ``care_leaver_status``).

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import read_ssda903
        >>> data = read_ssda903("examples/ssda903")
        >>> s = ssda903_status(data.young_person("SYN004"), date(2026, 3, 1))
        >>> s.status, s.citation
        ('relevant', 'Children Act 1989 s.23A(2)')
        >>> print(ssda903_status(data.young_person("SYN014"), date(2026, 3, 1)).reason)
        history incomplete: the care history from the 14th birthday to 2022-03-31 is not in \
the files (they hold 2022-23 to 2025-26)
    """
    day = check_date("as_of", as_of)
    policy = check_choice(BirthdayPolicy, "birthday_policy", birthday_policy)
    dob = person.date_of_birth
    if day < dob:
        raise InvalidArgumentError(
            f"as_of ({day.isoformat()}) is before the date of birth of CHILD {person.child!r}: "
            "it must be on or after it"
        )
    ages = _Ages(dob, policy)
    known = _known(person)
    b14, b16, b18 = ages.at[14], ages.at[16], ages.at[18]
    window = (day, day) if day < b16 else (b14, min(day, b18 - _ONE))
    gaps = _minus(window, known)
    coverage_end = person.coverage[-1].last_day if person.coverage else None
    where = _where(person)
    if gaps:
        held = _years(person.coverage)
        missing = tuple(
            (
                f"the care history on {ages.say(s)}"
                if s == e
                else f"the care history from {ages.say(s)} to {ages.say(e)}"
            )
            + f" is not in {where.noun} ({where.holds} {held})"
            for s, e in gaps
        )
        sources = _WINDOW_SOURCES if day >= b16 else _LOOKED_AFTER_SOURCES
        return Ssda903Status(person.child, day, None, missing, sources)
    given = None if detentions is None else list(detentions)
    episodes = person.care_episodes
    unknown = _unknowns(person, ages, given, special_guardianship_order)

    def status_in(world: Sequence[tuple[str, str, Any]]) -> CareLeaverStatus:
        custody = [v for k, _, v in world if k == "custody"]
        sgo = next((v for k, _, v in world if k == "sgo"), special_guardianship_order)
        return care_leaver_status(
            dob,
            episodes,
            day,
            birthday_policy=policy,
            detentions=given if given is not None else custody,
            special_guardianship_order=sgo,
        )

    base = status_in([])
    differing: list[tuple[str, str, Any]] = []
    for n in range(1, len(unknown) + 1):
        for world in itertools.combinations(unknown, n):
            if _status_key(status_in(world)) != _status_key(base):
                differing.extend(w for w in world if w not in differing)
    if differing:
        return Ssda903Status(
            person.child,
            day,
            None,
            tuple(words for _, words, _ in differing),
            tuple(
                dict.fromkeys(
                    _E9_SOURCE if k == "custody" else _SGO_SOURCE for k, _, _ in differing
                )
            ),
        )
    return Ssda903Status(
        person.child,
        day,
        base,
        (),
        base.sources,
        _period(base, ages, known, coverage_end, where),
    )


def ssda903_statuses(
    data: Ssda903Return | Iterable[Ssda903YoungPerson],
    as_of: date,
    *,
    detentions: Mapping[str, Iterable[Detention]] | None = None,
    special_guardianship_orders: Mapping[str, SpecialGuardianshipOrder] | None = None,
    birthday_policy: BirthdayPolicy = BirthdayPolicy.MARCH_1,
) -> tuple[Ssda903Status, ...]:
    """[`ssda903_status`][care_justice_protocol.ssda903_status] for everyone born on or before
    ``as_of``, by ``CHILD``.

    ``detentions`` and ``special_guardianship_orders`` map a ``CHILD`` to the facts known
    from elsewhere (see [`ssda903_status`][care_justice_protocol.ssda903_status]).

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import read_ssda903
        >>> statuses = ssda903_statuses(read_ssda903("examples/ssda903"), date(2026, 3, 1))
        >>> statuses[0]
        Ssda903Status(child='SYN001', as_of=datetime.date(2026, 3, 1), ...)
    """
    people = data.young_people if isinstance(data, Ssda903Return) else data
    dets = detentions or {}
    sgos = special_guardianship_orders or {}
    return tuple(
        ssda903_status(
            p,
            as_of,
            detentions=dets.get(p.child),
            special_guardianship_order=sgos.get(p.child),
            birthday_policy=birthday_policy,
        )
        for p in people
        if p.date_of_birth <= as_of
    )


# --------------------------------------------------------------------------- OC3


@attrs.frozen
class Ssda903Oc3Check:
    """Whether the OC3 (care leavers) table agrees with the law at a 17th-21st birthday.

    Attributes:
        child: ``CHILD``.
        year: the collection year holding the birthday.
        age: which birthday (17 to 21).
        source: the OC3 row, or ``None`` when the young person has none that year.
        returned: whether that row gives care-leaver information (``IN_TOUCH``, ``ACTIV``
            or ``ACCOM``), which implies a relevant child (at 17) or a former relevant one
            (18 to 21).
        found: the status the law gives on the birthday, from the files.
        agrees: whether they agree; ``None`` when the files do not decide the status.
        explanation: both values, and why, in words.
    """

    child: str
    year: CollectionYear
    age: int
    source: Ssda903Row | None
    returned: bool
    found: Ssda903Status
    agrees: bool | None
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record."""
        return {
            "child": self.child,
            "year": str(self.year),
            "birthday": _ORDINAL[self.age],
            "source": None if self.source is None else str(self.source),
            "returned": self.returned,
            "status": self.found.status,
            "agrees": self.agrees,
            "explanation": self.explanation,
        }


def ssda903_oc3_checks(
    person: Ssda903YoungPerson,
    *,
    detentions: Iterable[Detention] | None = None,
    special_guardianship_order: SpecialGuardianshipOrder | None = None,
    birthday_policy: BirthdayPolicy = BirthdayPolicy.MARCH_1,
) -> tuple[Ssda903Oc3Check, ...]:
    """The OC3 table against the law, at each 17th to 21st birthday in a year the files hold.

    A check is made where the OC3 row gives care-leaver information (which implies a
    relevant child at 17, a former relevant one from 18 to 21), and where the law makes the
    young person relevant at 17, or former relevant from 18 to 21, although the OC3 of that
    year gives none ([`SSDA903_OC3_POLICY`][care_justice_protocol.SSDA903_OC3_POLICY]: not at 18 for
    a young person who left care at 18, whom the DfE collects from 19). Where both say "not a care
    leaver" there is nothing to check.

    Examples:
        >>> from care_justice_protocol import read_ssda903
        >>> data = read_ssda903("examples/ssda903")
        >>> [c.agrees for c in ssda903_oc3_checks(data.young_person("SYN021"))]
        [False]
    """
    ages = _Ages(person.date_of_birth, birthday_policy)
    rows = {r.year: r for r in person.oc3}
    given = None if detentions is None else list(detentions)
    out: list[Ssda903Oc3Check] = []
    for year in person.coverage:
        if not isinstance(year, CollectionYear):
            continue  # the OC3 table is a return's; a database extract has none
        for age in range(17, 22):
            birthday = ages.at[age]
            if not year.contains(birthday):
                continue
            row = rows.get(year)
            returned = row is not None and row.returned
            found = ssda903_status(
                person,
                birthday,
                detentions=given,
                special_guardianship_order=special_guardianship_order,
                birthday_policy=birthday_policy,
            )
            implied = CareStatus.RELEVANT if age == 17 else CareStatus.FORMER_RELEVANT
            law = found.result.status if found.result is not None else None
            # The DfE collects no information at 18 from a young person who left care at 18
            # (looked after on the day before the birthday): the first OC3 row is at 19.
            left_at_18 = age == 18 and any(
                ep.covers(birthday - _ONE) for ep in person.care_episodes
            )
            expected = law is implied and not left_at_18
            if not returned and not expected:
                continue
            where = f"{row.source}" if row is not None else f"the OC3 of {year} (no row)"
            the_day = f"the {_ORDINAL[age]} birthday"
            if law is None:
                agrees = None
                why = (
                    f"{where}: care-leaver information at {the_day} implies a {implied.value} "
                    f"young person; the files do not decide the status then ({found.reason})"
                )
            elif returned:
                agrees = law is implied
                if agrees:
                    why = (
                        f"{where}: care-leaver information at {the_day}, and the law gives "
                        f"{law.value}"
                    )
                else:
                    why = (
                        f"{where}: care-leaver information at {the_day} implies a "
                        f"{implied.value} young person (the OC3 cohort); the law gives "
                        f"{law.value}: {found.reason} ({found.citation})"
                    )
            else:
                agrees = False
                why = (
                    f"{where}: no care-leaver information at {the_day}, but the law gives "
                    f"{law.value}: {found.reason} ({found.citation})"
                )
            out.append(
                Ssda903Oc3Check(
                    person.child,
                    year,
                    age,
                    None if row is None else row.source,
                    returned,
                    found,
                    agrees,
                    why,
                )
            )
    return tuple(out)


# --------------------------------------------------------------------------- reviews


@attrs.frozen
class Ssda903Reviews:
    """A young person's looked-after reviews (CPPCR 2010 reg 33) against the Reviews table.

    Attributes:
        child: ``CHILD``.
        as_of: the date asked about.
        checked_on: the day the reviews were checked: ``as_of``, or the last day of the
            files if that is earlier
            ([`SSDA903_REVIEW_POLICY`][care_justice_protocol.SSDA903_REVIEW_POLICY]).
        checks: each review due, with its due date, provision and state (met, met late,
            due, overdue), for the periods of care the files hold whole.
        incomplete: the periods of care the files do not hold whole, in words.
    """

    child: str
    as_of: date
    checked_on: date
    checks: tuple[ReviewCheck, ...]
    incomplete: tuple[str, ...] = ()

    def rows(self) -> list[dict[str, Any]]:
        """One JSON-ready record per check (due dates in words where a birthday)."""
        return [
            {
                "child": self.child,
                "checked_on": self.checked_on.isoformat(),
                "kind": c.kind.value,
                "number": c.number,
                "state": c.state.value,
                "due": c.due_in_words or c.deadline.due.isoformat(),
                "held_on": None if c.held_on is None else c.held_on.isoformat(),
                "rule": c.deadline.rule,
                "citation": c.deadline.clause,
            }
            for c in self.checks
        ]


def ssda903_reviews(
    person: Ssda903YoungPerson,
    as_of: date,
    calendar: WorkingCalendar,
    *,
    birthday_policy: BirthdayPolicy = BirthdayPolicy.MARCH_1,
) -> Ssda903Reviews:
    """The looked-after reviews reg 33 sets, against the reviews the Reviews table holds.

    [`statutory_reviews`][care_justice_protocol.statutory_reviews] on the return's episodes and
    reviews: the first review within 20 working days of becoming looked after (reg 33(1)),
    the second within 3 months of the first, then every 6 months (reg 33(2)), and the
    earlier review before accommodation under s.21(2)(b) or (c) ends (J2, J3 episodes;
    reg 33(3)(c)). Pathway-plan reviews (not in the return) are not checked. A period of
    care that began before the files, or that a missing year cuts, is listed in
    [`Ssda903Reviews.incomplete`][care_justice_protocol.Ssda903Reviews] instead
    ([`SSDA903_REVIEW_POLICY`][care_justice_protocol.SSDA903_REVIEW_POLICY]).

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import WorkingCalendar, read_ssda903
        >>> data = read_ssda903("examples/ssda903")
        >>> r = ssda903_reviews(data.young_person("SYN001"), date(2026, 3, 1),
        ...                       WorkingCalendar.england())
        >>> [(c.number, c.state.value) for c in r.checks][:2]
        [(1, 'met'), (2, 'met')]
    """
    day = check_date("as_of", as_of)
    dob = person.date_of_birth
    if day < dob:
        raise InvalidArgumentError(
            f"as_of ({day.isoformat()}) is before the date of birth of CHILD {person.child!r}"
        )
    ages = _Ages(dob, birthday_policy)
    last = person.coverage[-1].last_day if person.coverage else day
    checked_on = min(day, last)
    covered = _merge((y.first_day, y.last_day) for y in person.coverage)
    b18 = ages.at[18]
    periods: list[_Span] = []
    for ep in person.care_episodes:
        end = b18 - _ONE if ep.end is None else min(ep.end, b18 - _ONE)
        if periods and ep.start <= periods[-1][1] + _ONE:
            periods[-1] = (periods[-1][0], max(periods[-1][1], end))
        else:
            periods.append((ep.start, end))
    whole: set[date] = set()
    incomplete: list[str] = []
    for ps, pe in periods:
        if ps > checked_on:
            continue
        span = (ps - _ONE, min(pe, checked_on))
        if _minus(span, covered):
            first = person.coverage[0] if person.coverage else None
            held = _where(person)
            why = (
                f"began before {held.first} "
                f"({first if isinstance(first, CollectionYear) else first.first_day.isoformat()})"
                if first is not None and ps <= first.first_day
                else f"is not held whole by {held.noun} ({held.holds} {_years(person.coverage)})"
            )
            incomplete.append(
                f"the period of care from {ages.say(ps)} {why}: its reviews cannot be checked "
                f"({held.review_policy})"
            )
        else:
            whole.add(ps)
    checks: tuple[ReviewCheck, ...] = ()
    if whole:
        every = statutory_reviews(
            dob,
            person.care_episodes,
            calendar,
            checked_on,
            reviews_held=[r.held_on for r in person.reviews],
            birthday_policy=birthday_policy,
        )
        checks = tuple(
            c
            for c in every
            if c.kind in (ReviewKind.LOOKED_AFTER, ReviewKind.SECTION_21_ACCOMMODATION)
            and c.period_start in whole
        )
    return Ssda903Reviews(person.child, day, checked_on, checks, tuple(incomplete))


# --------------------------------------------------------------------------- population


@attrs.frozen
class Ssda903PopulationEntry:
    """Where a young person stands for the protocols, from their return.

    Attributes:
        child: ``CHILD``.
        status: the care-leaver status on the day
            ([`ssda903_status`][care_justice_protocol.ssda903_status]).
        next_step: whether Next Step serves the young person (the status is one of
            [`NEXT_STEP_CARE_STATUSES`][care_justice_protocol.NEXT_STEP_CARE_STATUSES]); ``None``
            when the status is not decided.
        convicted_in: the collection years whose OC2 says "convicted or subject to a
            youth caution ... during the year".
        youth_justice: the episodes with a youth-justice legal status (J1, J2, J3).
        youth_justice_on_day: the youth-justice legal status on the day, if any.
    """

    child: str
    status: Ssda903Status
    next_step: bool | None
    convicted_in: tuple[CollectionYear, ...]
    youth_justice: tuple[Ssda903Episode, ...]
    youth_justice_on_day: str | None

    @property
    def in_population(self) -> bool | None:
        """Served by Next Step and with a conviction or a youth-justice legal status
        (``None`` when the status is not decided): a likely joint case."""
        if self.next_step is None:
            return None
        return self.next_step and bool(self.convicted_in or self.youth_justice)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record."""
        return {
            "child": self.child,
            "status": self.status.status,
            "next_step": self.next_step,
            "convicted_in": [str(y) for y in self.convicted_in],
            "youth_justice": [
                f"{ep.legal_status} from {ep.start.isoformat()}"
                + (f" to {ep.ceased.isoformat()}" if ep.ceased else "")
                for ep in self.youth_justice
            ],
            "youth_justice_on_day": self.youth_justice_on_day,
            "in_population": self.in_population,
        }


def ssda903_population(
    data: Ssda903Return | Iterable[Ssda903YoungPerson],
    as_of: date,
    *,
    birthday_policy: BirthdayPolicy = BirthdayPolicy.MARCH_1,
) -> tuple[Ssda903PopulationEntry, ...]:
    """Everyone born by ``as_of``: Next Step or not, convicted (OC2) or not, youth justice.

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import read_ssda903
        >>> people = ssda903_population(read_ssda903("examples/ssda903"), date(2026, 3, 1))
        >>> sorted(p.child for p in people if p.in_population)[:3]
        ['SYN009', 'SYN010', 'SYN011']
    """
    day = check_date("as_of", as_of)
    people = data.young_people if isinstance(data, Ssda903Return) else data
    out = []
    for p in people:
        if p.date_of_birth > day:
            continue
        status = ssda903_status(p, day, birthday_policy=birthday_policy)
        yj = tuple(ep for ep in p.episodes if ep.legal_status in YOUTH_JUSTICE_LEGAL_STATUSES)
        on_day = next(
            (ep.legal_status for ep in yj if ep.start <= day and (ep.end is None or day <= ep.end)),
            None,
        )
        out.append(
            Ssda903PopulationEntry(
                p.child,
                status,
                None if status.result is None else status.result.status in NEXT_STEP_CARE_STATUSES,
                tuple(r.year for r in p.oc2 if r.convicted),
                yj,
                on_day,
            )
        )
    return tuple(out)


def ssda903_caseload_skeleton(
    data: Ssda903Return | Iterable[Ssda903YoungPerson],
    as_of: date,
    *,
    everyone_next_step_serves: bool = False,
    birthday_policy: BirthdayPolicy = BirthdayPolicy.MARCH_1,
    case_prefix: str = "SSDA903-",
    events: Mapping[str, Sequence[Event]] | None = None,
) -> Caseload:
    """A caseload of the protocol population on ``as_of``, with no events yet.

    One case per young person in the population
    ([`Ssda903PopulationEntry.in_population`][care_justice_protocol.Ssda903PopulationEntry.in_population]),
    or, with ``everyone_next_step_serves``, per young person Next Step serves: case id
    ``SSDA903-<CHILD>`` (``case_prefix`` and the id), the young person's id, date of birth
    and care status on the day; the legal status and ICTA flag as
    [`SSDA903_SKELETON_POLICY`][care_justice_protocol.SSDA903_SKELETON_POLICY] says; ``events`` maps
    an id to the events its case starts with (none by default: the return holds none). Dump it with
    [`dumps_caseload`][care_justice_protocol.dumps_caseload]: it loads with ``load_caseload``.

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import dumps_caseload, load_caseload, read_ssda903
        >>> skeleton = ssda903_caseload_skeleton(read_ssda903("examples/ssda903"), date(2026, 3, 1))
        >>> load_caseload(dumps_caseload(skeleton)) == skeleton
        True
    """
    people = list(data.young_people if isinstance(data, Ssda903Return) else data)
    born = {p.child: p.date_of_birth for p in people}
    cases = []
    for entry in ssda903_population(people, as_of, birthday_policy=birthday_policy):
        chosen = entry.next_step if everyone_next_step_serves else entry.in_population
        if not chosen or entry.status.result is None:
            continue
        legal = _SKELETON_LEGAL.get(entry.youth_justice_on_day or "", LegalStatus.NO_PROCEEDINGS)
        cases.append(
            JointCase(
                case_id=f"{case_prefix}{entry.child}",
                events=tuple((events or {}).get(entry.child, ())),
                young_person=YoungPerson(
                    entry.child, born[entry.child], entry.status.result.status, False, legal
                ),
            )
        )
    return Caseload(cases=tuple(cases))
