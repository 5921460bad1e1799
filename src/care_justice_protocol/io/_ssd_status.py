"""What an SSD database implies: recorded eligibility, reviews and pathway plans against the law.

From a database read by [`read_ssd`][care_justice_protocol.read_ssd] (or streamed, one person at
a time, by [`stream`][care_justice_protocol.SsdSource.stream]); every status is
[`ssda903_status`][care_justice_protocol.ssda903_status] on the person's history, as for the SSDA903
return:

* [`ssd_eligibility_check`][care_justice_protocol.ssd_eligibility_check] - where
  ``clea_care_leaver_eligibility`` disagrees with the status the law gives on the day, with both
  values and why ([`SSD_ELIGIBILITY_POLICY`][care_justice_protocol.SSD_ELIGIBILITY_POLICY]);
* [`ssd_reviews`][care_justice_protocol.ssd_reviews] - the looked-after reviews of CPPCR 2010 reg 33
  against ``ssd_cla_reviews``, and where the due date the council recorded differs from the law's;
* [`ssd_pathway_plan`][care_justice_protocol.ssd_pathway_plan] - when the pathway plan's next review
  is due (Care Leavers (England) Regulations 2010 reg 7) from ``clea_pathway_plan_review_date``;
* [`ssd_population`][care_justice_protocol.ssd_population] and
  [`ssd_caseload_skeleton`][care_justice_protocol.ssd_caseload_skeleton] - the protocol population
  with the services allocated on the day, and a caseload of it whose cases start with the
  allocations the mapping file names.

No reason or ``to_dict()`` value names the date of birth or a date derived from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Final

import attrs

from .._checks import check_date
from ..calendar._working_days import WorkingCalendar
from ..model._entities import CareStatus
from ..model._events import Allocated, Caseload, Event
from ..statutory._care_leaver import BirthdayPolicy
from ..statutory._reviews import ReviewCheck, ReviewKind, pathway_plan_reviews
from ._held import SsdRow
from ._ssd import SsdAllocation, SsdDatabase, SsdReview, SsdYoungPerson
from ._ssda903_status import (
    Ssda903PopulationEntry,
    Ssda903Status,
    _Ages,
    ssda903_caseload_skeleton,
    ssda903_population,
    ssda903_reviews,
    ssda903_status,
)

__all__ = [
    "SSD_ELIGIBILITY",
    "SSD_ELIGIBILITY_POLICY",
    "SSD_PATHWAY_PLAN_POLICY",
    "SSD_RECORDED_DUE_POLICY",
    "SsdEligibilityCheck",
    "SsdPathwayPlan",
    "SsdPopulationEntry",
    "SsdReviewCheck",
    "SsdReviews",
    "ssd_caseload_skeleton",
    "ssd_eligibility_check",
    "ssd_pathway_plan",
    "ssd_population",
    "ssd_reviews",
]

#: The statuses each recorded eligibility names (``No Current Eligibility``: none of the
#: care-leaver statuses, so a looked-after child under 16 or nobody's).
SSD_ELIGIBILITY: Final[Mapping[str, frozenset[CareStatus]]] = {
    "Eligible": frozenset({CareStatus.ELIGIBLE}),
    "Relevant": frozenset({CareStatus.RELEVANT}),
    "Former Relevant": frozenset({CareStatus.FORMER_RELEVANT}),
    "Qualifying": frozenset({CareStatus.QUALIFYING}),
    "No Current Eligibility": frozenset({CareStatus.LOOKED_AFTER, CareStatus.OTHER}),
}
#: Which people are checked, and against which day.
SSD_ELIGIBILITY_POLICY: Final = (
    "clea_care_leaver_eligibility is the current eligibility, compared with the status the "
    "law gives on the day asked about (ask about the extract day); a person with no "
    "ssd_care_leavers row is checked when the law makes them eligible, relevant, former "
    "relevant or qualifying"
)
#: How a recorded due date is matched with the law's.
SSD_RECORDED_DUE_POLICY: Final = (
    "a review the law sets is matched with the ssd_cla_reviews row held on the day it was "
    "held, or, not held yet, with the period's row that has no review date; cancelled rows "
    "are not reviews held"
)
#: When the next pathway-plan review is due.
SSD_PATHWAY_PLAN_POLICY: Final = (
    "the next pathway-plan review is due 6 months after clea_pathway_plan_review_date (the "
    "latest start or review of the plan) for a young person the law makes relevant, or "
    "former relevant while the s.23C duties last, on the day asked about"
)
_REG7: Final = "Care Leavers (England) Regulations 2010 reg 7"
_CARE_LEAVER: Final = frozenset(
    {CareStatus.ELIGIBLE, CareStatus.RELEVANT, CareStatus.FORMER_RELEVANT, CareStatus.QUALIFYING}
)


def _history(data: SsdDatabase | Iterable[SsdYoungPerson]) -> list[SsdYoungPerson]:
    return list(data.young_people if isinstance(data, SsdDatabase) else data)


# --------------------------------------------------------------------------- eligibility


@attrs.frozen
class SsdEligibilityCheck:
    """The recorded care-leaver eligibility against the law, on a day.

    Attributes:
        person_id: ``pers_person_id``.
        as_of: the day asked about.
        recorded: ``clea_care_leaver_eligibility`` (``None``: no row, or NULL).
        source: the ``ssd_care_leavers`` row, or ``None``.
        found: the status the law gives ([`ssda903_status`][care_justice_protocol.ssda903_status]).
        agrees: whether they agree; ``None`` when the history does not decide the status.
        explanation: both values, and why, in words.
    """

    person_id: str
    as_of: date
    recorded: str | None
    source: SsdRow | None
    found: Ssda903Status
    agrees: bool | None
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record."""
        return {
            "person_id": self.person_id,
            "as_of": self.as_of.isoformat(),
            "recorded": self.recorded,
            "source": None if self.source is None else str(self.source),
            "status": self.found.status,
            "agrees": self.agrees,
            "explanation": self.explanation,
        }


def ssd_eligibility_check(
    person: SsdYoungPerson,
    as_of: date,
    *,
    birthday_policy: BirthdayPolicy = BirthdayPolicy.MARCH_1,
) -> SsdEligibilityCheck | None:
    """The recorded eligibility against the law on ``as_of``
    ([`SSD_ELIGIBILITY_POLICY`][care_justice_protocol.SSD_ELIGIBILITY_POLICY]).

    ``None`` when there is nothing to check: no ``ssd_care_leavers`` row (or a NULL
    eligibility) and the law gives no care-leaver status.
    """
    day = check_date("as_of", as_of)
    found = ssda903_status(person.history, day, birthday_policy=birthday_policy)
    row = person.care_leaver
    recorded = None if row is None else row.eligibility
    source = None if row is None else row.source
    law = None if found.result is None else found.result.status
    where = str(source) if source is not None else "no ssd_care_leavers row"
    if recorded is None:
        if law is None or law not in _CARE_LEAVER:
            return None
        why = (
            f"{where}{' (eligibility NULL)' if row is not None else ''}: no eligibility "
            f"recorded, but the law gives {law.value}: {found.reason} ({found.citation})"
        )
        return SsdEligibilityCheck(person.person_id, day, None, source, found, False, why)
    if law is None:
        why = (
            f"{where}: recorded {recorded!r}; the history does not decide the status on "
            f"{day.isoformat()} ({found.reason})"
        )
        return SsdEligibilityCheck(person.person_id, day, recorded, source, found, None, why)
    agrees = law in SSD_ELIGIBILITY[recorded]
    if agrees:
        why = f"{where}: recorded {recorded!r}, and the law gives {law.value}"
    else:
        why = (
            f"{where}: recorded {recorded!r}, but the law gives {law.value} on "
            f"{day.isoformat()}: {found.reason} ({found.citation})"
        )
    return SsdEligibilityCheck(person.person_id, day, recorded, source, found, agrees, why)


# --------------------------------------------------------------------------- reviews


@attrs.frozen
class SsdReviewCheck:
    """A review the law sets, with the ``ssd_cla_reviews`` row it matches.

    Attributes:
        check: the review, its due date by law, and its state (met, met late, due, overdue).
        recorded: the matching row
            ([`SSD_RECORDED_DUE_POLICY`][care_justice_protocol.SSD_RECORDED_DUE_POLICY]), or
            ``None``.
        due_agrees: whether the recorded due date is the law's; ``None`` when no row, or no
            due date, is recorded.
        explanation: the recorded and the law's due dates, and why, when they differ.
    """

    check: ReviewCheck
    recorded: SsdReview | None
    due_agrees: bool | None
    explanation: str = ""


@attrs.frozen
class SsdReviews:
    """A person's looked-after reviews against ``ssd_cla_reviews``.

    Attributes:
        person_id: ``pers_person_id``.
        as_of: the day asked about.
        checked_on: the day checked (``as_of``, or the last day held if earlier).
        checks: each review the law sets, matched with its row.
        incomplete: the periods of care the database does not hold whole, in words.
        cancelled: the cancelled rows (not reviews held).
    """

    person_id: str
    as_of: date
    checked_on: date
    checks: tuple[SsdReviewCheck, ...]
    incomplete: tuple[str, ...] = ()
    cancelled: tuple[SsdReview, ...] = ()

    def rows(self) -> list[dict[str, Any]]:
        """One JSON-ready record per review (due dates in words where a birthday)."""
        out = []
        for x in self.checks:
            c = x.check
            r = x.recorded
            out.append(
                {
                    "person_id": self.person_id,
                    "checked_on": self.checked_on.isoformat(),
                    "kind": c.kind.value,
                    "number": c.number,
                    "state": c.state.value,
                    "due": c.due_in_words or c.deadline.due.isoformat(),
                    "recorded_due": None
                    if r is None or r.due_on is None or c.due_in_words
                    else r.due_on.isoformat(),
                    "due_agrees": x.due_agrees,
                    "held_on": None if c.held_on is None else c.held_on.isoformat(),
                    "source": None if r is None else str(r.source),
                    "rule": c.deadline.rule,
                    "citation": c.deadline.clause,
                    "explanation": x.explanation,
                }
            )
        return out


def ssd_reviews(
    person: SsdYoungPerson,
    as_of: date,
    calendar: WorkingCalendar,
    *,
    birthday_policy: BirthdayPolicy = BirthdayPolicy.MARCH_1,
) -> SsdReviews:
    """The reg 33 reviews ([`ssda903_reviews`][care_justice_protocol.ssda903_reviews] on the
    history), each matched with its ``ssd_cla_reviews`` row and its recorded due date compared.

    A recorded due date that is a birthday, or the day before one, is compared but never
    shown (the law's is said in words).
    """
    law = ssda903_reviews(person.history, as_of, calendar, birthday_policy=birthday_policy)
    ages = _Ages(person.date_of_birth, birthday_policy)
    by_held = {r.held_on: r for r in person.reviews if r.held}
    checks: list[SsdReviewCheck] = []
    for c in law.checks:
        row = by_held.get(c.held_on) if c.held_on is not None else None
        if c.held_on is None:
            row = _next_row(person.reviews, c, law.checked_on)
        if c.kind is not ReviewKind.LOOKED_AFTER or row is None or row.due_on is None:
            checks.append(SsdReviewCheck(c, row, None))
            continue
        law_due = c.deadline.due
        if row.due_on == law_due:
            checks.append(SsdReviewCheck(c, row, True))
            continue
        shown = ages.say(row.due_on)
        due = c.due_in_words or law_due.isoformat()
        days = (row.due_on - law_due).days
        way = "later" if days > 0 else "earlier"
        checks.append(
            SsdReviewCheck(
                c,
                row,
                False,
                f"{row.source}: the recorded due date ({shown}) is {abs(days)} days {way} than "
                f"the law's ({due}: {c.deadline.rule}, {c.deadline.clause})",
            )
        )
    cancelled = tuple(r for r in person.reviews if r.cancelled)
    return SsdReviews(
        person.person_id, law.as_of, law.checked_on, tuple(checks), law.incomplete, cancelled
    )


def _next_row(rows: Sequence[SsdReview], check: ReviewCheck, checked_on: date) -> SsdReview | None:
    """The row of a review not held by ``checked_on``: the first held after it in the
    period, else the period's row with no review date."""
    start = check.period_start or check.deadline.trigger or checked_on
    later = [
        r for r in rows if r.held and r.held_on is not None and r.held_on > checked_on
        and r.held_on >= start
    ]  # fmt: skip
    if later:
        return min(later, key=lambda r: r.held_on or checked_on)
    return next(
        (r for r in rows if r.held_on is None and not r.cancelled and (r.due_on or start) >= start),
        None,
    )


# --------------------------------------------------------------------------- pathway plans


@attrs.frozen
class SsdPathwayPlan:
    """When the pathway plan's next review is due (Care Leavers (England) Regs 2010 reg 7).

    Attributes:
        person_id: ``pers_person_id``.
        as_of: the day asked about.
        status: the status the law gives on the day.
        latest: ``clea_pathway_plan_review_date`` (``None``: not recorded).
        check: the next review: due date (6 months after ``latest``), rule, citation and
            state (due or overdue); ``None`` when no date is recorded, or it is after
            ``as_of``.
        explanation: in words.
    """

    person_id: str
    as_of: date
    status: Ssda903Status
    latest: date | None
    check: ReviewCheck | None
    explanation: str
    latest_in_words: bool = False

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record (``latest`` left out when it is a birthday or the day before)."""
        c = self.check
        return {
            "person_id": self.person_id,
            "as_of": self.as_of.isoformat(),
            "status": self.status.status,
            "latest": None
            if self.latest is None or self.latest_in_words
            else self.latest.isoformat(),
            "due": None if c is None else c.due_in_words or c.deadline.due.isoformat(),
            "state": None if c is None else c.state.value,
            "citation": _REG7,
            "explanation": self.explanation,
        }


def ssd_pathway_plan(
    person: SsdYoungPerson,
    as_of: date,
    *,
    birthday_policy: BirthdayPolicy = BirthdayPolicy.MARCH_1,
) -> SsdPathwayPlan | None:
    """The next pathway-plan review
    ([`SSD_PATHWAY_PLAN_POLICY`][care_justice_protocol.SSD_PATHWAY_PLAN_POLICY]), or ``None`` when
    the
    law gives the young person no reg 7 reviews on ``as_of``."""
    day = check_date("as_of", as_of)
    status = ssda903_status(person.history, day, birthday_policy=birthday_policy)
    if status.result is None or not status.result.pathway_plan_reviewed:
        return None
    row = person.care_leaver
    latest = None if row is None else row.pathway_plan_review
    what = status.result.status.value
    if latest is None:
        where = "no ssd_care_leavers row" if row is None else str(row.source)
        return SsdPathwayPlan(
            person.person_id,
            day,
            status,
            None,
            None,
            f"{where}: no pathway-plan date recorded for a {what} young person, whose plan is "
            f"reviewed at intervals of not more than six months ({_REG7})",
        )
    if latest > day:
        return SsdPathwayPlan(
            person.person_id,
            day,
            status,
            latest,
            None,
            "the latest pathway-plan date is after the day asked about: not checked",
        )
    check = pathway_plan_reviews(latest, (), day)[0]
    ages = _Ages(person.date_of_birth, birthday_policy)
    words = ages.say(check.deadline.due)
    if words != check.deadline.due.isoformat():
        check = attrs.evolve(check, due_in_words=words)
    return SsdPathwayPlan(
        person.person_id,
        day,
        status,
        latest,
        check,
        latest_in_words=ages.say(latest) != latest.isoformat(),
        explanation=f"{row.source if row else ''}: pathway plan last started or reviewed on "
        f"{ages.say(latest)}; the next review is {check.state.value} by {words} "
        f"(6 months after it, {_REG7})",
    )


# --------------------------------------------------------------------------- population


@attrs.frozen
class SsdPopulationEntry:
    """Where a person stands for the protocols, and who is allocated on the day.

    Attributes:
        entry: as for the SSDA903 return
            ([`Ssda903PopulationEntry`][care_justice_protocol.Ssda903PopulationEntry]; convictions
            by the collection year of the offence date).
        allocated: the ``ssd_involvements`` open on the day.
    """

    entry: Ssda903PopulationEntry
    allocated: tuple[SsdAllocation, ...]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record (the SSDA903 one, with ``allocated``)."""
        out = self.entry.to_dict()
        out["person_id"] = out.pop("child")
        out["allocated"] = [
            f"{a.service.value if a.service else 'other'} ({a.team or 'no team'}, "
            f"from {a.start.isoformat()})"
            for a in self.allocated
        ]
        return {"person_id": out.pop("person_id"), **out}


def ssd_population(
    data: SsdDatabase | Iterable[SsdYoungPerson],
    as_of: date,
    *,
    birthday_policy: BirthdayPolicy = BirthdayPolicy.MARCH_1,
) -> tuple[SsdPopulationEntry, ...]:
    """[`ssda903_population`][care_justice_protocol.ssda903_population] on the histories, with
    allocations."""
    people = {p.person_id: p for p in _history(data)}
    entries = ssda903_population(
        [p.history for p in people.values()], as_of, birthday_policy=birthday_policy
    )
    return tuple(SsdPopulationEntry(e, people[e.child].allocated_on(as_of)) for e in entries)


def _allocations(person: SsdYoungPerson, as_of: date) -> Sequence[Event]:
    out: list[Event] = []
    for a in person.allocations:
        if a.service is None or a.start > as_of:
            continue
        worker = a.worker or a.team or "unknown"
        out.append(Allocated(on=a.start, recorded_by=worker, service=a.service, worker_id=worker))
    return out


def ssd_caseload_skeleton(
    data: SsdDatabase | Iterable[SsdYoungPerson],
    as_of: date,
    *,
    everyone_next_step_serves: bool = False,
    birthday_policy: BirthdayPolicy = BirthdayPolicy.MARCH_1,
) -> Caseload:
    """A caseload of the protocol population on ``as_of`` (``SSD-<pers_person_id>``),
    each case starting with an ``allocated`` event for every allocation, up to the day, to a
    team the mapping file makes a service's (the worker's id, never a name)."""
    people = _history(data)
    return ssda903_caseload_skeleton(
        [p.history for p in people],
        as_of,
        everyone_next_step_serves=everyone_next_step_serves,
        birthday_policy=birthday_policy,
        case_prefix="SSD-",
        events={p.person_id: _allocations(p, as_of) for p in people},
    )
