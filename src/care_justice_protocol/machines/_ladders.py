"""Escalation ladders for disagreements, one per protocol, and the separate complaint path.

* 3.14.12 §5 (YOS and Next Steps): disputes are ordinarily resolved at Operational
  Manager level, otherwise referred to Heads of Service, and if required the Assistant
  Director of Specialist Children's Services makes a final arbitration.
* 3.14.13 "Disagreements" (NPS, CRC and Next Step), bullet 1: difficulties the case
  workers cannot resolve are referred to their respective managers, and if still
  unresolved to the Senior Manager at the respective agency.
* 3.14.13 "Disagreements", bullet 2: complaints by the young person or their parent or
  carer follow the agency's own complaints procedure: a different path, never a rung of
  a ladder.

Neither text gives a timescale for any step. :func:`ladder_status` says so
("no timescale in protocol") unless a council configures its own
:class:`LadderTimescales`, in working days; only then can a level be overdue.

Each disagreement is a separate run of its ladder, told apart by the events'
``disagreement_id`` (events without one form a single unnamed disagreement).

Example:
    >>> from datetime import date
    >>> from types import SimpleNamespace as Ev
    >>> from care_justice_protocol.calendar._working_days import WorkingCalendar
    >>> log = [
    ...     Ev(type="disagreement-raised", on=date(2026, 12, 1), disagreement_id="D-1",
    ...        between=("yos", "next-step")),
    ...     Ev(type="disagreement-escalated", on=date(2026, 12, 7), disagreement_id="D-1"),
    ... ]
    >>> cal = WorkingCalendar.england()
    >>> (status,) = ladder_status(log, date(2026, 12, 21), cal)
    >>> status.explanation
    'at Heads of Service since 2026-12-07 (3.14.12 §5); no timescale in protocol'
    >>> local = LadderTimescales(second_level=5, source="Salford local guidance")
    >>> (status,) = ladder_status(log, date(2026, 12, 21), cal, local)
    >>> str(status.deadline), status.overdue
    ('2026-12-14: 5 working days after referral to Heads of Service on 2026-12-07 \
(local timescale: Salford local guidance; none in protocol) (3.14.12 §5)', True)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import Any, Final, Generic, TypeVar

import attrs

from .._errors import InvalidArgumentError
from ..calendar._deadlines import NO_TIMESCALE, Deadline, WorkingDaysAfter
from ..calendar._working_days import WorkingCalendar
from ..model._citation import Citation
from ..model._entities import PROBATION_SERVICES, Service
from ._core import EventLike, InvalidTransition, Machine, StateSpec, Transition

__all__ = [
    "COMPLAINT_PATH",
    "NO_TIMESCALE",
    "PROBATION_NEXT_STEP_LADDER",
    "YOS_NEXT_STEPS_LADDER",
    "ComplaintEvent",
    "ComplaintState",
    "ComplaintStatus",
    "EscalationEvent",
    "Ladder",
    "LadderStatus",
    "LadderTimescales",
    "Level",
    "ProbationDisagreementState",
    "YosDisputeState",
    "complaint_status",
    "ladder_for",
    "ladder_status",
]

S = TypeVar("S", bound=str)

#: What results say where the protocol texts give no timescale.


class EscalationEvent(StrEnum):
    """The case events a ladder reacts to (values are the event type tags)."""

    RAISED = "disagreement-raised"
    ESCALATED = "disagreement-escalated"
    RESOLVED = "disagreement-resolved"


class YosDisputeState(StrEnum):
    """A dispute's place on the 3.14.12 §5 ladder."""

    NO_DISPUTE = "no-dispute"
    OPERATIONAL_MANAGERS = "operational-managers"
    HEADS_OF_SERVICE = "heads-of-service"
    ASSISTANT_DIRECTOR = "assistant-director"
    RESOLVED = "resolved"


class ProbationDisagreementState(StrEnum):
    """A disagreement's place on the 3.14.13 "Disagreements" ladder."""

    NO_DISAGREEMENT = "no-disagreement"
    CASE_WORKERS = "case-workers"
    RESPECTIVE_MANAGERS = "respective-managers"
    SENIOR_MANAGERS = "senior-managers"
    RESOLVED = "resolved"


class ComplaintState(StrEnum):
    """A complaint's path (3.14.13 "Disagreements", bullet 2)."""

    NO_COMPLAINT = "no-complaint"
    AGENCY_COMPLAINTS_PROCEDURE = "agency-complaints-procedure"


class ComplaintEvent(StrEnum):
    """The case event that starts a complaint path."""

    COMPLAINT_MADE = "complaint-made"


@attrs.frozen
class Level(Generic[S]):
    """One rung of a ladder.

    Attributes:
        state: the ladder state for this rung.
        rank: 1 for the first rung, counting up.
        role: who deals with the disagreement at this rung, as the text names them.
        role_tag: the matching role identifier (``"head-of-service"``), or ``None`` when
            the text names no grade ("respective managers").
        citation: where the text creates this rung.
        quote: the words of the text.

    Example:
        >>> level = YOS_NEXT_STEPS_LADDER.levels[1]
        >>> level.citation, level.clause
        (Citation(document='3.14.12', place='§5'), '3.14.12 §5')
    """

    state: S
    rank: int
    role: str
    role_tag: str | None
    citation: Citation
    quote: str

    @property
    def clause(self) -> str:
        """The citation as text (``"3.14.12 §5"``), as results and docs show it."""
        return str(self.citation)


@attrs.frozen
class Ladder(Generic[S]):
    """A protocol's disagreement ladder: its machine and its rungs.

    Attributes:
        protocol: the protocol identifier (``"3.14.12"``).
        title: a human title.
        machine: the ladder as a :class:`~care_justice_protocol.machines._core.Machine`.
        levels: the rungs, lowest first.
    """

    protocol: str
    title: str
    machine: Machine[S, EscalationEvent]
    levels: tuple[Level[S], ...]

    def level(self, state: S) -> Level[S] | None:
        """The rung for ``state``, or ``None`` for the states before and after the ladder."""
        for level in self.levels:
            if level.state == state:
                return level
        return None


def _timescale(_: object, attribute: attrs.Attribute[int | None], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgumentError(
            f"{attribute.name} must be a whole number of working days or None, not {value!r}"
        )
    if value < 1:
        raise InvalidArgumentError(
            f"{attribute.name} must be at least 1 working day (or None for no timescale), "
            f"not {value!r}"
        )


@attrs.frozen
class LadderTimescales:
    """A council's own timescales for each rung of a ladder, in working days.

    The protocols give none, so every rung defaults to ``None``: "no timescale in
    protocol", never overdue. A number ``n`` means the rung should be left (resolved or
    escalated) within ``n`` working days of reaching it; day 1 is the first working day
    after that date. The same value applies to either ladder, by rung.

    Attributes:
        first_level: working days at the first rung (Operational Managers / case workers).
        second_level: at the second (Heads of Service / respective managers).
        third_level: at the third (Assistant Director / Senior Manager).
        source: where the timescales come from, quoted in every result that uses them.

    Example:
        >>> LadderTimescales(first_level=0)
        Traceback (most recent call last):
        ...
        care_justice_protocol._errors.InvalidArgumentError: first_level must be at least \
1 working day (or None for no timescale), not 0
    """

    first_level: int | None = attrs.field(default=None, validator=_timescale)
    second_level: int | None = attrs.field(default=None, validator=_timescale)
    third_level: int | None = attrs.field(default=None, validator=_timescale)
    source: str = "local configuration"

    def for_rank(self, rank: int) -> int | None:
        """The working days allowed at rung ``rank`` (1-based), or ``None``."""
        by_rank = {1: self.first_level, 2: self.second_level, 3: self.third_level}
        return by_rank.get(rank)


@attrs.frozen
class LadderStatus:
    """Where one disagreement stands on its ladder on an as-of date.

    Attributes:
        ladder: the protocol whose ladder applies (``"3.14.12"`` or ``"3.14.13"``).
        disagreement_id: the disagreement, or ``None`` for events without an id.
        state: the ladder state.
        level: the rung it is at, or (once resolved) the rung it was resolved at.
        resolved: whether it has been resolved.
        since: the date it reached ``level`` (or was resolved).
        timescale: ``"no timescale in protocol"`` or the local timescale and its source.
        deadline: the due date at this rung with its provenance, when a local timescale
            applies and the disagreement is open; otherwise ``None``.
        overdue: whether ``as_of`` is after ``deadline``.
        clause: the clause that creates the rung.
        explanation: the above in one line.
        anomalies: ladder events that were not allowed where they occurred (an
            escalation above the top rung, say); each left the state unchanged.
    """

    ladder: str
    disagreement_id: str | None
    state: str
    level: Level[Any] | None
    resolved: bool
    since: date | None
    timescale: str
    deadline: Deadline | None
    overdue: bool
    clause: str
    explanation: str
    anomalies: tuple[InvalidTransition, ...] = ()


@attrs.frozen
class ComplaintStatus:
    """A complaint and the path it follows.

    Attributes:
        made_on: the date of the complaint.
        by: who made it (young person, parent, carer), if recorded.
        about_service: the service complained about, if recorded.
        procedure: the path the complaint follows.
        timescale: always "no timescale in protocol": the agency's procedure sets its own.
        clause: the clause that sends complaints down this path.
    """

    made_on: date
    by: str | None
    about_service: str | None
    procedure: str
    timescale: str
    clause: str


_YOS_CLAUSE: Final = Citation("3.14.12", "§5")
_PROBATION_CLAUSE: Final = Citation("3.14.13", "Disagreements").at("bullet 1")
_COMPLAINT_CLAUSE: Final = Citation("3.14.13", "Disagreements").at("bullet 2")


def _build_ladder(
    *,
    protocol: str,
    name: str,
    title: str,
    before: S,
    levels: tuple[Level[S], ...],
    resolved: S,
    raise_note: str,
    resolved_note: str,
) -> Ladder[S]:
    clause = levels[0].clause
    states = [
        StateSpec(before, "No disagreement raised.", initial=True),
        *(
            StateSpec(level.state, f"With the {level.role}: {level.quote}", level.clause)
            for level in levels
        ),
        StateSpec(resolved, "The disagreement was resolved.", clause, final=True),
    ]
    transitions: list[Transition[S, EscalationEvent]] = [
        Transition(before, EscalationEvent.RAISED, levels[0].state, clause=clause, note=raise_note)
    ]
    for lower, upper in itertools.pairwise(levels):
        transitions.append(
            Transition(
                lower.state,
                EscalationEvent.ESCALATED,
                upper.state,
                clause=upper.clause,
                note=upper.quote,
            )
        )
    transitions.extend(
        Transition(
            level.state,
            EscalationEvent.RESOLVED,
            resolved,
            clause=level.clause,
            note=resolved_note,
        )
        for level in levels
    )
    machine: Machine[S, EscalationEvent] = Machine(
        name=name, title=title, states=states, transitions=transitions, clause=clause
    )
    return Ladder(protocol=protocol, title=title, machine=machine, levels=levels)


#: The 3.14.12 §5 ladder: Operational Managers, Heads of Service, Assistant Director.
YOS_NEXT_STEPS_LADDER: Final = _build_ladder(
    protocol="3.14.12",
    name="yos-next-steps-disputes",
    title="Disputes between YOS and Next Steps (3.14.12 §5)",
    before=YosDisputeState.NO_DISPUTE,
    levels=(
        Level(
            YosDisputeState.OPERATIONAL_MANAGERS,
            1,
            "Operational Managers",
            "operational-manager",
            _YOS_CLAUSE,
            "Disputes between the YOS and Next Steps should ordinarily be resolved at "
            "Operational Manager level.",
        ),
        Level(
            YosDisputeState.HEADS_OF_SERVICE,
            2,
            "Heads of Service",
            "head-of-service",
            _YOS_CLAUSE,
            "If this is not possible then it should be referred to Heads of Service.",
        ),
        Level(
            YosDisputeState.ASSISTANT_DIRECTOR,
            3,
            "Assistant Director of Specialist Children's Services",
            "assistant-director-specialist-childrens-services",
            _YOS_CLAUSE,
            "If require a final arbitration will be made by the Assistant Director of "
            "Specialist Children Services.",
        ),
    ),
    resolved=YosDisputeState.RESOLVED,
    raise_note="ordinarily resolved at Operational Manager level",
    resolved_note="resolved (at the top rung: final arbitration)",
)

#: The 3.14.13 "Disagreements" ladder: case workers, respective managers, Senior Manager.
PROBATION_NEXT_STEP_LADDER: Final = _build_ladder(
    protocol="3.14.13",
    name="probation-next-step-disagreements",
    title="Disagreements between NPS, CRC and Next Step (3.14.13)",
    before=ProbationDisagreementState.NO_DISAGREEMENT,
    levels=(
        Level(
            ProbationDisagreementState.CASE_WORKERS,
            1,
            "case workers (Next Step, NPS and CRC)",
            "case-worker",
            _PROBATION_CLAUSE,
            "Any difficulties that cannot be resolved between the Next Step, NPS and CRC "
            "case worker will be referred to the respective managers.",
        ),
        Level(
            ProbationDisagreementState.RESPECTIVE_MANAGERS,
            2,
            "respective managers",
            None,
            _PROBATION_CLAUSE,
            "... will be referred to the respective managers.",
        ),
        Level(
            ProbationDisagreementState.SENIOR_MANAGERS,
            3,
            "Senior Manager at the respective agency",
            "senior-manager",
            _PROBATION_CLAUSE,
            "If an issue remains unresolved it will be referred to the Senior Manager at "
            "the respective agency.",
        ),
    ),
    resolved=ProbationDisagreementState.RESOLVED,
    raise_note="difficulties between the case workers",
    resolved_note="resolved",
)


def _build_complaints() -> Machine[ComplaintState, ComplaintEvent]:
    return Machine(
        name="complaint-path",
        title="Complaints by the young person or parent/carer (3.14.13)",
        states=[
            StateSpec(ComplaintState.NO_COMPLAINT, "No complaint made.", initial=True),
            StateSpec(
                ComplaintState.AGENCY_COMPLAINTS_PROCEDURE,
                "The complaint follows the agency's own complaints procedure; the protocol's "
                "part ends here and its disagreement ladder does not apply.",
                str(_COMPLAINT_CLAUSE),
                final=True,
            ),
        ],
        transitions=[
            Transition(
                ComplaintState.NO_COMPLAINT,
                ComplaintEvent.COMPLAINT_MADE,
                ComplaintState.AGENCY_COMPLAINTS_PROCEDURE,
                clause=str(_COMPLAINT_CLAUSE),
                note="agency specific complaints procedures will be pursued",
            )
        ],
        clause=str(_COMPLAINT_CLAUSE),
    )


#: A complaint's path: straight to the agency's own procedure (one run per complaint).
COMPLAINT_PATH: Final = _build_complaints()


#: The probation parties of 3.14.13 in declaration order, as the error message lists them.
_PROBATION_NAMES: Final = ", ".join(repr(s.value) for s in Service if s in PROBATION_SERVICES)


def ladder_for(between: Iterable[str]) -> Ladder[Any]:
    """The ladder for a disagreement between these services.

    A disagreement involving the YOS follows 3.14.12 §5; one involving NPS, CRC or the
    Probation Service follows 3.14.13.

    Raises:
        InvalidArgumentError: neither, or both, apply.

    Example:
        >>> ladder_for(["next-step", "crc"]).protocol
        '3.14.13'
    """
    services = {str(s) for s in between}
    yos = Service.YOS in services
    probation = not PROBATION_SERVICES.isdisjoint(services)
    if yos == probation:
        raise InvalidArgumentError(
            f"cannot tell which ladder applies to a disagreement between "
            f"{tuple(sorted(services))!r}: expected {Service.YOS.value!r} or a probation "
            f"service ({_PROBATION_NAMES}) with {Service.NEXT_STEP.value!r}; pass ladder= "
            "explicitly"
        )
    return YOS_NEXT_STEPS_LADDER if yos else PROBATION_NEXT_STEP_LADDER


_LADDER_TAGS: Final = frozenset(e.value for e in EscalationEvent)
_NO_LOCAL_TIMESCALES: Final = LadderTimescales()


def ladder_status(
    events: Iterable[EventLike],
    as_of: date,
    calendar: WorkingCalendar,
    timescales: LadderTimescales = _NO_LOCAL_TIMESCALES,
    *,
    ladder: Ladder[Any] | None = None,
    strict: bool = False,
) -> tuple[LadderStatus, ...]:
    """Where each disagreement in a case's log stands on ``as_of``.

    Events dated after ``as_of`` are ignored; complaints are not disagreements and are
    ignored too (see :func:`complaint_status`).

    Args:
        events: the case's events; only ``disagreement-*`` events are read.
        as_of: the date to report on.
        calendar: the working-day calendar for local timescales.
        timescales: a council's own timescales; by default none ("no timescale in
            protocol").
        ladder: the ladder to use; by default chosen per disagreement from the
            ``between`` services of its ``disagreement-raised`` event (:func:`ladder_for`).
        strict: raise :class:`InvalidTransition` on a disallowed ladder event instead of
            reporting it in :attr:`LadderStatus.anomalies`.

    Returns:
        One status per disagreement, in the order they were first recorded.

    Raises:
        InvalidArgumentError: no ``ladder`` was given and one cannot be chosen.
    """
    groups: dict[str | None, list[EventLike]] = {}
    for event in events:
        if event.type in _LADDER_TAGS and event.on <= as_of:
            groups.setdefault(getattr(event, "disagreement_id", None), []).append(event)
    return tuple(
        _status(key, group, as_of, calendar, timescales, ladder, strict)
        for key, group in groups.items()
    )


def _status(
    key: str | None,
    group: list[EventLike],
    as_of: date,
    calendar: WorkingCalendar,
    timescales: LadderTimescales,
    ladder: Ladder[Any] | None,
    strict: bool,
) -> LadderStatus:
    if ladder is None:
        raised = [e for e in group if e.type == EscalationEvent.RAISED]
        between = getattr(raised[0], "between", ()) if raised else ()
        ladder = ladder_for(between)
    run = ladder.machine.replay(group, strict=strict, until=as_of)
    state = run.state
    resolved = ladder.machine.is_final(state)
    level = ladder.level(run.steps[-1].source if resolved else state)
    clause = level.clause if level is not None else ladder.machine.clause
    timescale = NO_TIMESCALE
    deadline = None
    overdue = False
    days = timescales.for_rank(level.rank) if level is not None else None
    if days is not None and not resolved and level is not None and run.since is not None:
        timescale = f"{days} working days (local timescale: {timescales.source})"
        trigger = "the disagreement was raised" if level.rank == 1 else f"referral to {level.role}"
        deadline = WorkingDaysAfter(days).deadline(
            run.since, calendar, clause=clause, trigger_name=trigger
        )
        deadline = attrs.evolve(
            deadline,
            rule=f"{deadline.rule} (local timescale: {timescales.source}; none in protocol)",
        )
        overdue = deadline.is_overdue(as_of)
    return LadderStatus(
        ladder=ladder.protocol,
        disagreement_id=key,
        state=str(state),
        level=level,
        resolved=resolved,
        since=run.since,
        timescale=timescale,
        deadline=deadline,
        overdue=overdue,
        clause=clause,
        explanation=_explain(level, resolved, run.since, clause, timescale, deadline, overdue),
        anomalies=run.anomalies,
    )


def _explain(
    level: Level[Any] | None,
    resolved: bool,
    since: date | None,
    clause: str,
    timescale: str,
    deadline: Deadline | None,
    overdue: bool,
) -> str:
    day = since.isoformat() if since is not None else "?"
    if level is None:
        return f"no disagreement raised ({clause})"
    if resolved:
        return f"resolved at {level.role} level on {day} ({clause})"
    text = f"at {level.role} since {day} ({clause}); "
    if deadline is None:
        return text + timescale
    return text + f"due {deadline.due.isoformat()}" + (" — overdue" if overdue else "")


def complaint_status(events: Iterable[EventLike], as_of: date) -> tuple[ComplaintStatus, ...]:
    """Every complaint made on or before ``as_of``, each on its own path.

    Complaints by the young person or their parent/carer follow the agency's own
    complaints procedure (3.14.13 "Disagreements", bullet 2): they never climb a
    disagreement ladder, and the protocol gives them no timescale.

    Example:
        >>> from types import SimpleNamespace as Ev
        >>> (c,) = complaint_status([Ev(type="complaint-made", on=date(2027, 1, 5),
        ...     by="carer", about_service="nps")], date(2027, 2, 1))
        >>> c.procedure, c.timescale
        ("the agency's own complaints procedure (nps)", 'no timescale in protocol')
    """
    found = []
    for event in sorted(events, key=lambda e: e.on):
        if event.type != ComplaintEvent.COMPLAINT_MADE or event.on > as_of:
            continue
        by = getattr(event, "by", None)
        about = getattr(event, "about_service", None)
        agency = "the agency's own complaints procedure"
        found.append(
            ComplaintStatus(
                made_on=event.on,
                by=None if by is None else str(by),
                about_service=None if about is None else str(about),
                procedure=agency if about is None else f"{agency} ({about})",
                timescale=NO_TIMESCALE,
                clause=str(_COMPLAINT_CLAUSE),
            )
        )
    return tuple(found)
