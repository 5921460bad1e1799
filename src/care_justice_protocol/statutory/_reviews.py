"""Statutory review schedules: looked-after reviews and pathway-plan reviews.

3.14.13 §5 invites NPS/CRC to "statutory and Relevant / Former Relevant reviews" and calls
them "6 monthly"; 3.14.12 §3 expects attendance at statutory reviews. When those reviews
fall due is set by national regulations, encoded here as chains of
[`Deadline`][care_justice_protocol.Deadline]:

* Looked-after reviews (Care Planning, Placement and Case Review (England) Regulations 2010
  reg 33): the first within 20 working days of the date the child becomes looked after
  (reg 33(1)); the second not more than three months after the first; later ones at
  intervals of not more than six months (reg 33(2)).
* Earlier reviews: "The responsible authority must carry out a review before the time
  specified in paragraph (1) or (2) if" (reg 33(3)) (a) "the IRO so requests"; (b)
  "regulation 30 applies" (a visit finds that the child's welfare "is not adequately
  safeguarded and promoted by the placement"); (c) the child "is provided with
  accommodation under section 21(2)(b) or (c) and a review would not otherwise occur
  before C ceases to be so provided with accommodation"; (d) the child "is in the care of
  the responsible authority and is detained in a secure training centre or a young
  offenders institution, and a review would not otherwise occur before C ceases to be so
  detained"; (e) the child "is looked after but is not in the care of the responsible
  authority and (i) the responsible authority propose to cease to provide accommodation
  for C, and (ii) accommodation will not subsequently be provided for C by C's parents (or
  one of them) or any person who is not C's parent but who has parental responsibility".
* Pathway-plan reviews for relevant and former relevant children: at intervals of not
  more than six months (Care Leavers (England) Regulations 2010 reg 7).

Each interval runs from the date the previous review was actually held, so a late review
moves the next due date; a review that has not been held stops the chain (the next one
cannot be scheduled before it happens).
[`statutory_reviews`][care_justice_protocol.statutory_reviews] gives every review the law sets for
one young person, from the care history.

Reg 33 reviews the case of "C", "a child who is looked after by the responsible
authority" (reg 2(1)): when care ends (at 18, or when a care order ends) while the child is
still detained, the review reg 33(3)(d) calls for is due by the last day of care.
Accommodation under s.21 is accommodation of a child, so it ends at 18 with care. Care
Leavers reg 7 governs a relevant or former relevant child: its first review is never due
before that status began.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import Final

import attrs

from .._checks import check_date, check_flag, date_validator
from .._errors import InvalidArgumentError
from ..calendar._deadlines import Deadline, MonthsAfter, WorkingDaysAfter
from ..calendar._working_days import WorkingCalendar
from ..model._citation import Citation
from ..model._entities import CareStatus
from ._care_leaver import BirthdayPolicy, CareEpisode, _Person, _person
from ._history import Detention, EducationProgramme, SpecialGuardianshipOrder

__all__ = [
    "EARLIER_REVIEW_POLICY",
    "Detention",
    "ProposalToCease",
    "ReviewCheck",
    "ReviewKind",
    "ReviewState",
    "looked_after_reviews",
    "pathway_plan_reviews",
    "statutory_reviews",
]

_CPPCR: Final = "Care Planning, Placement and Case Review (England) Regulations 2010"
_REG33_1: Final = Citation(_CPPCR, "reg 33(1)")
_REG33_2: Final = Citation(_CPPCR, "reg 33(2)")


def _reg33_3(place: str) -> Citation:
    return Citation(_CPPCR, f"reg 33(3){place}")


_CL_REG7: Final = Citation("Care Leavers (England) Regulations 2010", "reg 7")
_ONE: Final = timedelta(days=1)

#: The reading of "before the time specified in paragraph (1) or (2)" for an earlier review
#: whose trigger has no end of its own (reg 33(3)(a), (b)): the regulation sets no time
#: limit, so the review is due at the latest on the due date of the next scheduled review
#: (and not before the trigger). Every such result quotes this policy.
EARLIER_REVIEW_POLICY: Final = (
    "no time limit in reg 33(3): due at the latest when the next scheduled review is due"
)
_BEFORE_END_POLICY: Final = "calendar days: the last day before it ends"
#: Reg 33 reviews the case of "C", "a child who is looked after by the responsible
#: authority" (reg 2(1)): when care ends (at 18, or earlier) before the detention or the
#: section 21 accommodation does, a review that "would not otherwise occur before C ceases
#: to be so detained" (or so accommodated) is due by the last day of care.
_CARE_ENDS_FIRST_POLICY: Final = (
    "reg 33 reviews only a looked-after child: when care ends first, due by the last day of care"
)
#: Care Leavers (England) Regulations 2010 reg 7 governs a relevant or former relevant
#: child: a first review whose 6 months (from the last review of the pathway plan) ran out
#: before the status began is due on the first day of the status.
_PATHWAY_STATUS_START_POLICY: Final = (
    "reg 7 applies from the first day of the status: a first review whose 6 months ran out "
    "before then is due on that day"
)


class ReviewKind(enum.StrEnum):
    """Which statutory review a check is about."""

    LOOKED_AFTER = "looked-after"
    """A review of a looked-after child's case (CPPCR 2010 Part 6), chaired by the IRO."""

    IRO_REQUEST = "iro-request"
    """An earlier review the IRO requests (reg 33(3)(a))."""

    VISIT_CONCERN = "visit-concern"
    """An earlier review after a visit finds the placement does not adequately safeguard
    and promote the child's welfare (reg 33(3)(b), reg 30)."""

    SECTION_21_ACCOMMODATION = "section-21-accommodation"
    """The earlier review before accommodation under s.21(2)(b) or (c) ends (reg 33(3)(c))."""

    DETENTION = "detention"
    """The earlier review before a detained child in care is released (reg 33(3)(d))."""

    CEASING_ACCOMMODATION = "ceasing-accommodation"
    """The earlier review before the authority cease to accommodate a child not in care
    who will not go to a parent (reg 33(3)(e))."""

    PATHWAY_PLAN = "pathway-plan"
    """A review of a relevant or former relevant child's pathway plan."""


_KIND_ORDER: Final = {kind: i for i, kind in enumerate(ReviewKind)}


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
        number: 1 for the first review of its kind (in its period), 2 for the second, ...
        deadline: the due date with its rule, citation (``clause``) and calendar policy.
        held_on: the date the review was held, or ``None``.
        state: met, met late, due or overdue on ``as_of``.
        as_of: the date the check was made for.
        source: the provision that requires the review, as a
            [`Citation`][care_justice_protocol.Citation].
        period_start: the first day of the period of care (looked-after reviews) or of the
            relevant / former relevant status (pathway-plan reviews) the review belongs to.
        due_in_words: the due date in words when it is a birthday or the day before one
            (``"the day before the 18th birthday"``), as
            [`statutory_reviews`][care_justice_protocol.statutory_reviews] gives it; ``None``
            otherwise. [`__str__`][care_justice_protocol.ReviewCheck] then shows the words, not the
            date, so that no text reveals the date of birth (``deadline.due`` still holds the date).
    """

    kind: ReviewKind
    number: int
    deadline: Deadline
    held_on: date | None
    state: ReviewState
    as_of: date
    source: Citation | None = None
    period_start: date | None = None
    due_in_words: str | None = None

    def __str__(self) -> str:
        held = f", held {self.held_on.isoformat()}" if self.held_on else ""
        d = self.deadline
        due = self.due_in_words or d.due.isoformat()
        return (
            f"{self.kind.value} review {self.number}: {self.state.value}{held}; "
            f"{due}: {d.rule} ({d.clause})"
        )


@attrs.frozen
class ProposalToCease:
    """The authority propose to stop accommodating a child not in their care (reg 33(3)(e)).

    Attributes:
        proposed_on: the day the proposal is made.
        ceases_on: the first day the child would no longer be accommodated.
        parent_will_accommodate: whether a parent (or a person with parental
            responsibility) will accommodate the child afterwards; if so, reg 33(3)(e)
            does not call for an earlier review.
    """

    proposed_on: date = attrs.field(validator=date_validator)
    ceases_on: date = attrs.field(validator=date_validator)
    parent_will_accommodate: bool = attrs.field(
        default=False, validator=lambda _, a, v: check_flag(a.name, v)
    )

    def __attrs_post_init__(self) -> None:
        if self.ceases_on <= self.proposed_on:
            raise InvalidArgumentError(
                f"ceases_on ({self.ceases_on.isoformat()}) must be after proposed_on "
                f"({self.proposed_on.isoformat()}): it is the first day not accommodated"
            )


def _held_dates(held: Iterable[date], since: date, as_of: date) -> list[date]:
    out = sorted({check_date("held", d) for d in held})
    return [d for d in out if since <= d <= as_of]


def _state(deadline: Deadline, held_on: date | None, as_of: date) -> ReviewState:
    if held_on is not None:
        return ReviewState.MET if held_on <= deadline.due else ReviewState.MET_LATE
    return ReviewState.OVERDUE if as_of > deadline.due else ReviewState.DUE


def _check(
    kind: ReviewKind,
    number: int,
    deadline: Deadline,
    held_on: date | None,
    as_of: date,
    source: Citation,
    period_start: date | None,
) -> ReviewCheck:
    return ReviewCheck(
        kind,
        number,
        deadline,
        held_on,
        _state(deadline, held_on, as_of),
        as_of,
        source=source,
        period_start=period_start,
    )


def _chain(
    kind: ReviewKind,
    first: tuple[Deadline, Citation],
    following: Callable[[int, date], tuple[Deadline, Citation]],
    held: Sequence[date],
    as_of: date,
    *,
    last_day: date | None = None,
    period_start: date | None = None,
) -> list[ReviewCheck]:
    """A chain of reviews: each held review starts the clock for the next.

    ``following(number, held_on)`` gives the deadline of review ``number`` after the
    previous one was held on ``held_on``. The chain ends with the first review not held;
    a review not held whose due date is after ``last_day`` (the end of the period of care
    or status) is not owed and not listed.
    """
    checks: list[ReviewCheck] = []
    deadline, source = first
    remaining = iter(held)
    number = 1
    while True:
        held_on = next(remaining, None)
        if held_on is None and last_day is not None and deadline.due > last_day:
            return checks
        checks.append(_check(kind, number, deadline, held_on, as_of, source, period_start))
        if held_on is None:
            return checks
        number += 1
        deadline, source = following(number, held_on)


def _first_looked_after(start: date, calendar: WorkingCalendar) -> tuple[Deadline, Citation]:
    deadline = WorkingDaysAfter(20).deadline(
        start, calendar, clause=str(_REG33_1), trigger_name="becoming looked after"
    )
    return deadline, _REG33_1


def _next_looked_after(number: int, held_on: date) -> tuple[Deadline, Citation]:
    months = 3 if number == 2 else 6
    deadline = MonthsAfter(months).deadline(
        held_on, clause=str(_REG33_2), trigger_name="the previous review"
    )
    return deadline, _REG33_2


def _next_pathway(number: int, held_on: date) -> tuple[Deadline, Citation]:
    deadline = MonthsAfter(6).deadline(
        held_on, clause=str(_CL_REG7), trigger_name="the previous review"
    )
    return deadline, _CL_REG7


def _pending(chain: Sequence[ReviewCheck], day: date) -> ReviewCheck | None:
    """The scheduled review next due on ``day``: the first not held before it."""
    for c in chain:
        if c.held_on is None or c.held_on >= day:
            return c
    return None


def _iso(day: date) -> str:
    return day.isoformat()


@attrs.frozen
class _Period:
    """One period of care's scheduled reviews and the reviews held in it.

    ``end`` is the last day of the period of care when the history gives it
    ([`statutory_reviews`][care_justice_protocol.statutory_reviews]); ``say`` writes a date derived
    from another (the day after an end) into a rule, in words where it is a birthday or the day
    before one.
    """

    chain: Sequence[ReviewCheck]
    held: Sequence[date]
    as_of: date
    start: date
    end: date | None = None
    say: Callable[[date], str] = _iso


@attrs.frozen
class _Ending:
    """What ends for reg 33(3)(c) or (d), in the words of a rule.

    ``ceasing``: "ceasing to be detained"; for a detention, which can outlast care,
    ``still``: "still detained" and ``until``: the caller's own end ("release on
    2026-06-01").
    """

    ceasing: str
    still: str | None = None
    until: str | None = None


def _before_end(
    kind: ReviewKind,
    source: Citation,
    first_day: date,
    end_last_day: date,
    ending: _Ending,
    period: _Period,
    number: int = 1,
) -> ReviewCheck | None:
    """Reg 33(3)(c) and (d): a review before an end, "if a review would not otherwise occur".

    Held during the window: met. Otherwise, if the next scheduled review falls due on or
    before the last day, it would occur anyway and nothing extra is owed. Otherwise the
    review is due by the last day; one held after it does not meet it. When care ends
    before a detention does (at 18, or when a care order ends in custody), the last day is
    the last day of care: reg 33 reviews only a looked-after child
    (``_CARE_ENDS_FIRST_POLICY``).
    """
    outlasts = ending.still is not None and period.end is not None and period.end < end_last_day
    last_day = period.end if outlasts and period.end is not None else end_last_day
    held_on = next((d for d in period.held if first_day <= d <= last_day), None)
    pending = _pending(period.chain, first_day)
    if held_on is None and pending is not None and pending.deadline.due <= last_day:
        return None
    if outlasts:
        rule = (
            f"before ceasing to be looked after on {period.say(last_day + _ONE)}, while "
            f"{ending.still} (from {first_day.isoformat()}; {ending.until})"
        )
        policy = _CARE_ENDS_FIRST_POLICY
    else:
        rule = (
            f"before {ending.ceasing} on {period.say(last_day + _ONE)} "
            f"(from {first_day.isoformat()})"
        )
        policy = _BEFORE_END_POLICY
    deadline = Deadline(
        due=last_day,
        rule=rule,
        clause=str(source),
        policy=policy,
        trigger=first_day,
    )
    return _check(kind, number, deadline, held_on, period.as_of, source, period.start)


def _detained(detention: Detention) -> _Ending:
    return _Ending(
        "ceasing to be detained",
        "still detained",
        f"release on {detention.release.isoformat()}",
    )


def _earlier(
    kind: ReviewKind,
    source: Citation,
    trigger: date,
    what: str,
    period: _Period,
    *,
    window_last: date,
    cap: date | None = None,
    number: int,
) -> ReviewCheck:
    """Reg 33(3)(a), (b), (e): an earlier review after a trigger with no time limit of its own.

    Due at the latest when the next scheduled review is due (and not before the trigger),
    and never after ``cap`` (the last day of accommodation, for (e)); met by the first
    review held on or after the trigger and no later than ``window_last``.
    """
    pending = _pending(period.chain, trigger)
    limits = [d for d in (None if pending is None else pending.deadline.due, cap) if d is not None]
    due = max(min([*limits, window_last]), trigger)
    held_on = next((d for d in period.held if trigger <= d <= window_last), None)
    rule = f"{what} on {trigger.isoformat()}"
    policy = EARLIER_REVIEW_POLICY
    if window_last == period.end and due == window_last and all(window_last < d for d in limits):
        # No scheduled review (nor the end of accommodation) comes before care ends.
        rule += (
            "; no scheduled review falls due before care ends, so before ceasing to be "
            f"looked after on {period.say(window_last + _ONE)}"
        )
        policy = _CARE_ENDS_FIRST_POLICY
    deadline = Deadline(
        due=due,
        rule=rule,
        clause=str(source),
        policy=policy,
        trigger=trigger,
    )
    return _check(kind, number, deadline, held_on, period.as_of, source, period.start)


def looked_after_reviews(
    became_looked_after: date,
    held: Iterable[date],
    calendar: WorkingCalendar,
    as_of: date,
    *,
    detention: Detention | None = None,
) -> list[ReviewCheck]:
    """Every looked-after review due from ``became_looked_after`` up to the next one pending.

    For one period of care, without the history;
    [`statutory_reviews`][care_justice_protocol.statutory_reviews] gives every review of every
    period from the care history, with every earlier-review trigger.

    Args:
        became_looked_after: the date the child became looked after (the trigger of
            reg 33(1)).
        held: the dates reviews were held (any order; dates before the trigger or after
            ``as_of`` are ignored).
        calendar: the working-day calendar for the 20 working days of reg 33(1).
        as_of: the date to check on.
        detention: a period of detention of a child *in care* (care order); reg 33(3)(d)
            then requires a review before release unless one falls due before it anyway.
            A hospital stay (``DetentionKind.HOSPITAL``) calls for none.

    Returns:
        One [`ReviewCheck`][care_justice_protocol.ReviewCheck] per review in order, ending with the
        first one not yet held (due or overdue); then, if ``detention`` calls for it, the detention
        review.

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
    if day < start:
        return []
    checks = _chain(
        ReviewKind.LOOKED_AFTER,
        _first_looked_after(start, calendar),
        _next_looked_after,
        dates,
        day,
    )
    if detention is not None:
        if not isinstance(detention, Detention):
            raise InvalidArgumentError(
                f"detention must be a Detention or None, not {type(detention).__name__}"
            )
        if not detention.kind.detained:
            return checks  # a hospital stay is not detention (reg 33(3)(d))
        extra = _before_end(
            ReviewKind.DETENTION,
            _reg33_3("(d)"),
            detention.start,
            detention.last_day,
            _detained(detention),
            _Period(checks, dates, day, start),
        )
        if extra is not None:
            checks.append(extra)
    return checks


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
    if day < start:
        return []
    dates = [d for d in _held_dates(held, start, day) if d > start]
    first = MonthsAfter(6).deadline(start, clause=str(_CL_REG7), trigger_name="the pathway plan")
    return _chain(ReviewKind.PATHWAY_PLAN, (first, _CL_REG7), _next_pathway, dates, day)


# --- the whole schedule for one young person -------------------------------------------


def _dates(argument: str, values: Iterable[object], dob: date) -> list[tuple[int, date]]:
    out: list[tuple[int, date]] = []
    for i, value in enumerate(values):
        d = check_date(f"{argument}[{i}]", value)
        if d < dob:
            raise InvalidArgumentError(
                f"{argument}[{i}] ({d.isoformat()}) is before the date of birth: it must be "
                "on or after it"
            )
        out.append((i, d))
    return out


def _period_of(periods: Sequence[tuple[date, date]], day: date) -> tuple[date, date] | None:
    for s, e in periods:
        if s <= day <= e:
            return (s, e)
    return None


def _in_care_periods(
    argument: str,
    values: Sequence[tuple[int, date]],
    periods: Sequence[tuple[date, date]],
    as_of: date,
    what: str,
) -> list[date]:
    out: list[date] = []
    for i, d in values:
        if d > as_of:
            continue
        if _period_of(periods, d) is None:
            raise InvalidArgumentError(
                f"{argument}[{i}] ({d.isoformat()}) is not a day on which the child is looked "
                f"after (by the care episodes and detentions): {what}"
            )
        out.append(d)
    return sorted(set(out))


def _looked_after_schedule(
    person: _Person,
    calendar: WorkingCalendar,
    as_of: date,
    held: Sequence[date],
    iro: Sequence[date],
    visits: Sequence[date],
    proposals: Sequence[ProposalToCease],
) -> list[ReviewCheck]:
    out: list[ReviewCheck] = []
    for ps, pe in person.looked.spans:
        if ps > as_of or _only_short_breaks(person, ps, pe):
            continue
        held_here = [d for d in held if ps <= d <= pe]
        chain = _chain(
            ReviewKind.LOOKED_AFTER,
            _first_looked_after(ps, calendar),
            _next_looked_after,
            held_here,
            as_of,
            last_day=pe,
            period_start=ps,
        )
        out.extend(chain)
        period = _Period(chain, held_here, as_of, ps, pe, person.say)
        for number, t in enumerate((t for t in iro if ps <= t <= pe), 1):
            out.append(
                _earlier(
                    ReviewKind.IRO_REQUEST,
                    _reg33_3("(a)"),
                    t,
                    "before the next scheduled review, after the IRO's request",
                    period,
                    window_last=pe,
                    number=number,
                )
            )
        for number, t in enumerate((t for t in visits if ps <= t <= pe), 1):
            out.append(
                _earlier(
                    ReviewKind.VISIT_CONCERN,
                    _reg33_3("(b) and reg 30"),
                    t,
                    "before the next scheduled review, after a visit found the placement "
                    "does not adequately safeguard and promote the child's welfare",
                    period,
                    window_last=pe,
                    number=number,
                )
            )
        out.extend(_section_21_reviews(person, pe, period))
        out.extend(_detention_reviews(person, pe, period))
        number = 0
        for p in proposals:
            if not (ps <= p.proposed_on <= pe) or p.parent_will_accommodate:
                continue
            if p.proposed_on in person.in_care or p.proposed_on > as_of:
                continue
            number += 1
            last = p.ceases_on - _ONE
            out.append(
                _earlier(
                    ReviewKind.CEASING_ACCOMMODATION,
                    _reg33_3("(e)"),
                    p.proposed_on,
                    f"before accommodation ceases on {p.ceases_on.isoformat()}, as proposed",
                    period,
                    window_last=min(last, pe),
                    cap=last,
                    number=number,
                )
            )
    return out


def _only_short_breaks(person: _Person, first: date, last: date) -> bool:
    """Whether a period of care is all short breaks (CPPCR reg 48 modifies its reviews)."""
    return any(s <= first and last <= e for s, e in person.short.spans)


def _section_21_reviews(person: _Person, pe: date, period: _Period) -> list[ReviewCheck]:
    """Reg 33(3)(c): before accommodation under s.21(2)(b) or (c) ends."""
    out: list[ReviewCheck] = []
    for ep in person.episodes:
        if not ep.legal_basis.section_21_accommodation or ep.end is None:
            continue
        if not (period.start <= ep.start <= pe) or ep.start > period.as_of:
            continue
        # Accommodation under s.21 is accommodation of a child: like care, it ends at 18
        # (or when custody interrupts it), whatever end the episode records.
        check = _before_end(
            ReviewKind.SECTION_21_ACCOMMODATION,
            _reg33_3("(c)"),
            ep.start,
            min(ep.end, pe),
            _Ending(
                "ceasing to be provided with accommodation under section 21(2)(b) or (c) "
                f"({ep.legal_basis.value})"
            ),
            period,
            len(out) + 1,
        )
        if check is not None:
            out.append(check)
    return out


def _detention_reviews(person: _Person, pe: date, period: _Period) -> list[ReviewCheck]:
    """Reg 33(3)(d): before a detained child in care ceases to be detained."""
    out: list[ReviewCheck] = []
    for d in person.detentions:
        if not d.kind.detained or not (period.start <= d.start <= pe):
            continue
        if d.start > period.as_of or d.start not in person.in_care:
            continue
        check = _before_end(
            ReviewKind.DETENTION,
            _reg33_3("(d)"),
            d.start,
            d.last_day,
            _detained(d),
            period,
            len(out) + 1,
        )
        if check is not None:
            out.append(check)
    return out


def _pathway_spans(person: _Person, as_of: date) -> list[tuple[date, date | None]]:
    """The runs of relevant or former relevant status (to 21, or longer under s.23C(7)).

    A run under s.23CZB or s.23CA (after the main duties ended) is not included.
    """
    spans: list[tuple[date, date | None]] = []
    for first, last, verdict in person.runs(as_of):
        if verdict.status not in (CareStatus.RELEVANT, CareStatus.FORMER_RELEVANT):
            continue
        if not person.pathway_plan_reviewed(verdict):
            continue
        if spans and spans[-1][1] is not None and spans[-1][1] + _ONE == first:
            spans[-1] = (spans[-1][0], last)
        else:
            spans.append((first, last))
    return [(s, e) for s, e in spans if s <= as_of]


def _pathway_schedule(
    person: _Person,
    as_of: date,
    looked_after_held: Sequence[date],
    pathway_held: Sequence[date],
) -> list[ReviewCheck]:
    out: list[ReviewCheck] = []
    for first, last in _pathway_spans(person, as_of):
        earlier = [d for d in (*looked_after_held, *pathway_held) if person.b.b16 <= d < first]
        if earlier and MonthsAfter(6).due(max(earlier)) < first:
            # The plan went unreviewed for 6 months before the status began (a looked-after
            # review was missed, and stays overdue): reg 7 applies from the first day of the
            # status, so the review is due that day, never before it.
            anchor = max(earlier)
            deadline = Deadline(
                due=first,
                rule=(
                    f"when the status began ({person.say(first)}): 6 months after the last "
                    f"review of the pathway plan on {anchor.isoformat()} fell before then"
                ),
                clause=str(_CL_REG7),
                policy=_PATHWAY_STATUS_START_POLICY,
                trigger=anchor,
            )
        elif earlier:
            anchor = max(earlier)
            deadline = MonthsAfter(6).deadline(
                anchor, clause=str(_CL_REG7), trigger_name="the last review of the pathway plan"
            )
        else:
            anchor = first
            deadline = Deadline(
                due=MonthsAfter(6).due(anchor),
                rule=(
                    "6 months after the status began "
                    f"({person.say(anchor)}; no earlier review of the pathway plan recorded)"
                ),
                clause=str(_CL_REG7),
                policy=MonthsAfter(6).policy(),
                trigger=anchor,
            )
        held_here = [d for d in pathway_held if first <= d and (last is None or d <= last)]
        out.extend(
            _chain(
                ReviewKind.PATHWAY_PLAN,
                (deadline, _CL_REG7),
                _next_pathway,
                held_here,
                as_of,
                last_day=last,
                period_start=first,
            )
        )
    return out


def statutory_reviews(
    date_of_birth: date,
    episodes: Iterable[CareEpisode],
    calendar: WorkingCalendar,
    as_of: date,
    *,
    reviews_held: Iterable[date] = (),
    pathway_plan_reviews_held: Iterable[date] = (),
    detentions: Iterable[Detention] = (),
    iro_requests: Iterable[date] = (),
    visit_concerns: Iterable[date] = (),
    proposals_to_cease: Iterable[ProposalToCease] = (),
    special_guardianship_order: SpecialGuardianshipOrder | None = None,
    education: Iterable[EducationProgramme] = (),
    birthday_policy: BirthdayPolicy = BirthdayPolicy.MARCH_1,
) -> list[ReviewCheck]:
    """The review dates the law sets for this young person, from the care history.

    For every period of care (consecutive days looked after, after custody has
    interrupted any accommodation it interrupts), the chain of looked-after reviews of
    reg 33(1)-(2) and every earlier review reg 33(3) calls for; for every run of relevant
    or former relevant status (to 21, or longer under s.23C(7)), the pathway-plan reviews
    of Care Leavers (England) Regulations 2010 reg 7. Each is a
    [`ReviewCheck`][care_justice_protocol.ReviewCheck] with a dated, cited
    [`Deadline`][care_justice_protocol.Deadline] and its state on ``as_of``.

    Args:
        date_of_birth: the young person's date of birth.
        episodes: the care episodes (as for
            [`care_leaver_status`][care_justice_protocol.care_leaver_status]).
        calendar: the working-day calendar for the 20 working days of reg 33(1).
        as_of: the date to check on; anything recorded after it is not yet known.
        reviews_held: the dates looked-after reviews were held. Each must fall in a period
            of care.
        pathway_plan_reviews_held: the dates pathway plans were reviewed after care ended.
        detentions: custody, remands to youth detention accommodation and hospital stays.
        iro_requests: the dates the IRO asked for a review (reg 33(3)(a)); each in care.
        visit_concerns: the dates a visit found the placement does not adequately
            safeguard and promote the child's welfare (reg 30, reg 33(3)(b)); each in care.
        proposals_to_cease: the authority's proposals to stop accommodating a child not in
            their care (reg 33(3)(e)).
        special_guardianship_order: as for
            [`care_leaver_status`][care_justice_protocol.care_leaver_status].
        education: as for [`care_leaver_status`][care_justice_protocol.care_leaver_status] (a
            programme beyond 21 continues the pathway-plan reviews).
        birthday_policy: how a 29 February birthday is read.

    Returns:
        Every review, ordered by due date (then kind and number). Within a period each
        chain ends with its first review not held; a review whose due date falls after the
        period ended (the child left care first) is not owed and not listed. Periods made
        only of short breaks are left out: CPPCR reg 48 modifies their review timing. An
        earlier review owed before a detention ends is due by the last day of care when
        care ends first (at 18, say): reg 33 reviews only a looked-after child. The first
        pathway-plan review is never due before its status began: if six months from the
        last review of the plan ran out before then, it is due on the status's first day.
        No text of a result (rule, policy, ``str()``) prints the date of birth or a date
        derived from it: such a date is said in words, and a due date that is a birthday
        or the day before one is also given as
        [`ReviewCheck.due_in_words`][care_justice_protocol.ReviewCheck].

    Raises:
        InvalidArgumentError: an impossible history (as for
            [`care_leaver_status`][care_justice_protocol.care_leaver_status]), a date before birth,
            or a looked-after review or trigger on a day the child is not looked after, naming the
            field (``reviews_held[3]``).

    Examples:
        >>> from datetime import date
        >>> cal = WorkingCalendar.england()
        >>> episodes = [CareEpisode(date(2024, 1, 8), date(2024, 9, 30), "V2")]
        >>> for c in statutory_reviews(date(2008, 3, 15), episodes, cal, date(2025, 6, 1),
        ...                            reviews_held=[date(2024, 2, 2), date(2024, 5, 1)]):
        ...     print(c.kind, c.number, c.state, c.deadline.due, c.source.place)
        looked-after 1 met 2024-02-05 reg 33(1)
        looked-after 2 met 2024-05-02 reg 33(2)
        pathway-plan 1 overdue 2024-11-01 reg 7
    """
    dob = check_date("date_of_birth", date_of_birth)
    day = check_date("as_of", as_of)
    if day < dob:
        raise InvalidArgumentError(
            f"as_of ({day.isoformat()}) is before the date of birth: it must be on or after it"
        )
    if not isinstance(calendar, WorkingCalendar):
        raise InvalidArgumentError(
            f"calendar must be a WorkingCalendar, not {type(calendar).__name__}"
        )
    person = _person(
        dob, episodes, birthday_policy, detentions, special_guardianship_order, education
    )
    periods = person.looked.spans
    held = _in_care_periods(
        "reviews_held",
        _dates("reviews_held", reviews_held, dob),
        periods,
        day,
        "a looked-after review is held while the child is looked after",
    )
    pathway_held = sorted(
        {d for _, d in _dates("pathway_plan_reviews_held", pathway_plan_reviews_held, dob)}
    )
    iro = _in_care_periods(
        "iro_requests",
        _dates("iro_requests", iro_requests, dob),
        periods,
        day,
        "the IRO asks for a review of a looked-after child",
    )
    visits = _in_care_periods(
        "visit_concerns",
        _dates("visit_concerns", visit_concerns, dob),
        periods,
        day,
        "a visit is made to a looked-after child",
    )
    proposals: list[ProposalToCease] = []
    for i, p in enumerate(proposals_to_cease):
        if not isinstance(p, ProposalToCease):
            raise InvalidArgumentError(
                f"proposals_to_cease[{i}] must be a ProposalToCease, not {type(p).__name__}"
            )
        _in_care_periods(
            "proposals_to_cease",
            [(i, p.proposed_on)],
            periods,
            day,
            "the authority propose to stop accommodating a looked-after child",
        )
        proposals.append(p)
    checks = _looked_after_schedule(person, calendar, day, held, iro, visits, proposals)
    checks.extend(_pathway_schedule(person, day, held, [d for d in pathway_held if d <= day]))
    checks.sort(key=lambda c: (c.deadline.due, _KIND_ORDER[c.kind], c.number))
    return [_in_words(c, person) for c in checks]


def _in_words(check: ReviewCheck, person: _Person) -> ReviewCheck:
    """The check, with its due date in words if the date is a birthday or the day before."""
    words = person.say(check.deadline.due)
    if words == check.deadline.due.isoformat():
        return check
    return attrs.evolve(check, due_in_words=words)
