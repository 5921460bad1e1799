"""Statutory review schedules: looked-after reviews and pathway-plan reviews.

3.14.13 §5 invites NPS/CRC to "statutory and Relevant / Former Relevant reviews" and calls
them "6 monthly"; 3.14.12 §3 expects attendance at statutory reviews. When those reviews
fall due is set by national regulations, encoded here as chains of :class:`Deadline`:

* Looked-after reviews (Care Planning, Placement and Case Review (England) Regulations 2010
  reg 33): the first within 20 working days of the date the child becomes looked after
  (reg 33(1)); the second not more than 3 months after the first; later ones at intervals
  of not more than 6 months (reg 33(2)). An earlier review is required when a child in
  care is detained in a secure training centre or young offender institution and a review
  would not otherwise occur before the child ceases to be detained (reg 33(3)(d)).
* Pathway-plan reviews for relevant and former relevant children: at intervals of not
  more than 6 months (Care Leavers (England) Regulations 2010 reg 7).

Each interval runs from the date the previous review was actually held, so a late review
moves the next due date; a review that has not been held stops the chain (the next one
cannot be scheduled before it happens).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Final

import attrs

from .._checks import check_date, date_validator
from .._errors import InvalidArgumentError
from ..calendar._deadlines import Deadline, MonthsAfter, WorkingDaysAfter
from ..calendar._working_days import WorkingCalendar
from ..model._citation import Citation

__all__ = [
    "Detention",
    "ReviewCheck",
    "ReviewKind",
    "ReviewState",
    "looked_after_reviews",
    "pathway_plan_reviews",
]

_CPPCR: Final = "Care Planning, Placement and Case Review (England) Regulations 2010"
_REG33_1: Final = Citation(_CPPCR, "reg 33(1)")
_REG33_2: Final = Citation(_CPPCR, "reg 33(2)")
_REG33_3D: Final = Citation(_CPPCR, "reg 33(3)(d)")
_CL_REG7: Final = Citation("Care Leavers (England) Regulations 2010", "reg 7")


class ReviewKind(enum.StrEnum):
    """Which statutory review a check is about."""

    LOOKED_AFTER = "looked-after"
    """A review of a looked-after child's case (CPPCR 2010 Part 6), chaired by the IRO."""

    DETENTION = "detention"
    """The earlier review before a detained child in care is released (reg 33(3)(d))."""

    PATHWAY_PLAN = "pathway-plan"
    """A review of a relevant or former relevant child's pathway plan."""


class ReviewState(enum.StrEnum):
    """Where one review stands on the as-of date."""

    MET = "met"
    """Held on or before its due date."""

    MET_LATE = "met-late"
    """Held, but after its due date."""

    DUE = "due"
    """Not held yet; the due date is today or later."""

    OVERDUE = "overdue"
    """Not held, and the due date has passed."""


@attrs.frozen
class ReviewCheck:
    """One review in a schedule and whether it happened in time.

    Attributes:
        kind: which review.
        number: 1 for the first review of its kind, 2 for the second, ...
        deadline: the due date with its rule, citation and calendar policy.
        held_on: the date the review was held, or ``None``.
        state: met, met late, due or overdue on ``as_of``.
        as_of: the date the check was made for.
    """

    kind: ReviewKind
    number: int
    deadline: Deadline
    held_on: date | None
    state: ReviewState
    as_of: date

    def __str__(self) -> str:
        held = f", held {self.held_on.isoformat()}" if self.held_on else ""
        return f"{self.kind.value} review {self.number}: {self.state.value}{held}; {self.deadline}"


@attrs.frozen
class Detention:
    """A period in which a child in care is detained (reg 33(3)(d)).

    Attributes:
        start: the first day of detention.
        release: the day the child ceases to be detained (for a detention and training
            order, see :func:`dto_dates`).
    """

    start: date = attrs.field(validator=date_validator)
    release: date = attrs.field(validator=date_validator)

    def __attrs_post_init__(self) -> None:
        if self.release <= self.start:
            raise InvalidArgumentError(
                f"release ({self.release.isoformat()}) must be after the start of detention "
                f"({self.start.isoformat()})"
            )


def _held_dates(held: Iterable[date], since: date, as_of: date) -> list[date]:
    out = sorted({check_date("held", d) for d in held})
    return [d for d in out if since <= d <= as_of]


def _state(deadline: Deadline, held_on: date | None, as_of: date) -> ReviewState:
    if held_on is not None:
        return ReviewState.MET if held_on <= deadline.due else ReviewState.MET_LATE
    return ReviewState.OVERDUE if as_of > deadline.due else ReviewState.DUE


def looked_after_reviews(
    became_looked_after: date,
    held: Iterable[date],
    calendar: WorkingCalendar,
    as_of: date,
    *,
    detention: Detention | None = None,
) -> list[ReviewCheck]:
    """Every looked-after review due from ``became_looked_after`` up to the next one pending.

    Args:
        became_looked_after: the date the child became looked after (the trigger of
            reg 33(1)).
        held: the dates reviews were held (any order; dates before the trigger or after
            ``as_of`` are ignored).
        calendar: the working-day calendar for the 20 working days of reg 33(1).
        as_of: the date to check on.
        detention: a period of detention of a child *in care* (care order); reg 33(3)(d)
            then requires a review before release unless one falls due before it anyway.

    Returns:
        One :class:`ReviewCheck` per review in order, ending with the first one not yet
        held (due or overdue); then, if ``detention`` calls for it, the detention review.

    Examples:
        >>> from datetime import date
        >>> cal = WorkingCalendar.england()
        >>> for c in looked_after_reviews(date(2026, 1, 5), [date(2026, 1, 30)], cal,
        ...                               date(2026, 6, 1)):
        ...     print(c.number, c.state, c.deadline.due, c.deadline.rule, c.deadline.clause[-10:])
        1 met 2026-02-02 20 working days after becoming looked after on 2026-01-05 reg 33(1)
        2 overdue 2026-04-30 3 months after the previous review on 2026-01-30 reg 33(2)
    """
    start = check_date("became_looked_after", became_looked_after)
    day = check_date("as_of", as_of)
    dates = _held_dates(held, start, day)
    checks: list[ReviewCheck] = []
    if day < start:
        return checks
    deadline = WorkingDaysAfter(20).deadline(
        start, calendar, clause=str(_REG33_1), trigger_name="becoming looked after"
    )
    remaining = iter(dates)
    number = 1
    while True:
        held_on = next(remaining, None)
        checks.append(
            ReviewCheck(
                ReviewKind.LOOKED_AFTER,
                number,
                deadline,
                held_on,
                _state(deadline, held_on, day),
                day,
            )
        )
        if held_on is None:
            break
        number += 1
        months = 3 if number == 2 else 6
        deadline = MonthsAfter(months).deadline(
            held_on, clause=str(_REG33_2), trigger_name="the previous review"
        )
    if detention is not None:
        checks.extend(_detention_review(detention, checks, dates, day))
    return checks


def _detention_review(
    detention: Detention, checks: list[ReviewCheck], held: list[date], as_of: date
) -> list[ReviewCheck]:
    """The reg 33(3)(d) review, when no scheduled review falls during the detention."""
    last_day = detention.release - timedelta(days=1)
    if any(detention.start <= d <= last_day for d in held):
        held_on = next(d for d in held if detention.start <= d <= last_day)
    else:
        held_on = None
    pending = checks[-1]
    scheduled_in_time = pending.held_on is None and pending.deadline.due <= last_day
    if held_on is None and scheduled_in_time:
        return []  # the next regular review falls due before release anyway
    deadline = Deadline(
        due=last_day,
        rule=(
            f"before ceasing to be detained on {detention.release.isoformat()} "
            f"(detained from {detention.start.isoformat()})"
        ),
        clause=str(_REG33_3D),
        policy="calendar days: the last day before release",
        trigger=detention.start,
    )
    return [
        ReviewCheck(
            ReviewKind.DETENTION, 1, deadline, held_on, _state(deadline, held_on, as_of), as_of
        )
    ]


def pathway_plan_reviews(plan_made: date, held: Iterable[date], as_of: date) -> list[ReviewCheck]:
    """Pathway-plan reviews at intervals of not more than 6 months (Care Leavers reg 7).

    Args:
        plan_made: the date the pathway plan was prepared (or last reviewed before the
            period of interest).
        held: the dates reviews were held.
        as_of: the date to check on.

    Examples:
        >>> from datetime import date
        >>> for c in pathway_plan_reviews(date(2025, 8, 31), [date(2026, 2, 27)], date(2026, 9, 1)):
        ...     print(c.number, c.state, c.deadline.due)
        1 met 2026-02-28
        2 overdue 2026-08-27
    """
    start = check_date("plan_made", plan_made)
    day = check_date("as_of", as_of)
    checks: list[ReviewCheck] = []
    if day < start:
        return checks
    dates = [d for d in _held_dates(held, start, day) if d > start]
    trigger, trigger_name = start, "the pathway plan"
    number = 1
    remaining = iter(dates)
    while True:
        deadline = MonthsAfter(6).deadline(trigger, clause=str(_CL_REG7), trigger_name=trigger_name)
        held_on = next(remaining, None)
        checks.append(
            ReviewCheck(
                ReviewKind.PATHWAY_PLAN,
                number,
                deadline,
                held_on,
                _state(deadline, held_on, day),
                day,
            )
        )
        if held_on is None:
            return checks
        trigger, trigger_name = held_on, "the previous review"
        number += 1
