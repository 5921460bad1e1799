"""Escalation ladders for disagreements and complaint paths, built from plain data.

A protocol file declares its ladders (any number of rungs, each naming who deals with the
disagreement there, the clause, the words of the text and, where the protocol gives one, a
timescale in working days) and its complaint routes. This module turns such data into
checked machines ([`build_ladder`][care_justice_protocol.build_ladder],
[`build_complaint_path`][care_justice_protocol.build_complaint_path]) and says where one
disagreement stands on its ladder ([`Ladder.status`][care_justice_protocol.Ladder.status]). Reading
the ladders of a [`Protocol`][care_justice_protocol.Protocol] and choosing which one applies to a
disagreement is [`care_justice_protocol.compliance`][care_justice_protocol.compliance]'s
(``ladder_for``, ``ladder_status``, ``complaint_status``); the machines layer knows nothing of
protocol files.

Salford's ladders (3.14.12 §5; 3.14.13 "Disagreements", bullet 1) and its complaint path
(3.14.13 "Disagreements", bullet 2) are declared in the bundled protocol files; their
built forms are
[`care_justice_protocol.YOS_NEXT_STEPS_LADDER`][care_justice_protocol.YOS_NEXT_STEPS_LADDER],
[`PROBATION_NEXT_STEP_LADDER`][care_justice_protocol.PROBATION_NEXT_STEP_LADDER] and
[`COMPLAINT_PATH`][care_justice_protocol.COMPLAINT_PATH].

Neither Salford text gives a timescale for any step: a rung without ``working_days`` is
"no timescale in protocol" and never overdue, unless a council configures its own
[`LadderTimescales`][care_justice_protocol.LadderTimescales], in working days.

Examples:
    >>> from datetime import date
    >>> from types import SimpleNamespace as Ev
    >>> from care_justice_protocol.calendar._working_days import WorkingCalendar
    >>> from care_justice_protocol.model._citation import Citation
    >>> clause = Citation("demo", "§9")
    >>> ladder = build_ladder(
    ...     protocol="demo", name="demo-disputes", title="Disputes (demo §9)",
    ...     before="none", resolved="settled",
    ...     levels=[Level("team-managers", 1, "team managers", None, clause, "Managers meet."),
    ...             Level("director", 2, "the Director", None, clause, "Then the Director.",
    ...                   working_days=5)])
    >>> log = [Ev(type="disagreement-raised", on=date(2026, 12, 1)),
    ...        Ev(type="disagreement-escalated", on=date(2026, 12, 7))]
    >>> status = ladder.status(log, date(2026, 12, 21), WorkingCalendar.england())
    >>> status.explanation
    'at the Director since 2026-12-07 (demo §9); due 2026-12-14 — overdue'
    >>> local = LadderTimescales(by_rung={"director": 10}, source="council policy 7")
    >>> status = ladder.status(log, date(2026, 12, 21), WorkingCalendar.england(), local)
    >>> status.timescale, status.overdue
    ('10 working days (local timescale: council policy 7)', False)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from typing import Any, Final, Generic, TypeVar

import attrs

from .._errors import InvalidArgumentError
from ..calendar._deadlines import NO_TIMESCALE, Deadline, WorkingDaysAfter
from ..calendar._working_days import WorkingCalendar
from ..model._citation import Citation
from ._core import EventLike, InvalidTransition, Machine, Replay, StateSpec, Transition

__all__ = [
    "NO_TIMESCALE",
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
    "build_complaint_path",
    "build_ladder",
]

S = TypeVar("S", bound=str)


class EscalationEvent(StrEnum):
    """The case events a ladder reacts to (values are the event type tags)."""

    RAISED = "disagreement-raised"
    ESCALATED = "disagreement-escalated"
    RESOLVED = "disagreement-resolved"


class YosDisputeState(StrEnum):
    """The states of Salford's 3.14.12 §5 ladder, as its bundled file declares them.

    The ladder's machine uses the file's strings; these members equal them.
    """

    NO_DISPUTE = "no-dispute"
    OPERATIONAL_MANAGERS = "operational-managers"
    HEADS_OF_SERVICE = "heads-of-service"
    ASSISTANT_DIRECTOR = "assistant-director"
    RESOLVED = "resolved"


class ProbationDisagreementState(StrEnum):
    """The states of Salford's 3.14.13 "Disagreements" ladder, as its bundled file declares."""

    NO_DISAGREEMENT = "no-disagreement"
    CASE_WORKERS = "case-workers"
    RESPECTIVE_MANAGERS = "respective-managers"
    SENIOR_MANAGERS = "senior-managers"
    RESOLVED = "resolved"


class ComplaintState(StrEnum):
    """The states of Salford's complaint path (3.14.13 "Disagreements", bullet 2)."""

    NO_COMPLAINT = "no-complaint"
    AGENCY_COMPLAINTS_PROCEDURE = "agency-complaints-procedure"


class ComplaintEvent(StrEnum):
    """The case event that starts a complaint path."""

    COMPLAINT_MADE = "complaint-made"


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
        working_days: the protocol's timescale for leaving the rung (resolved or escalated),
            in working days, or ``None`` where it gives none.

    Examples:
        >>> level = Level("heads-of-service", 2, "Heads of Service", "head-of-service",
        ...               Citation("3.14.12", "§5"), "... referred to Heads of Service.")
        >>> level.clause, level.working_days
        ('3.14.12 §5', None)
    """

    state: S
    rank: int
    role: str
    role_tag: str | None
    citation: Citation
    quote: str
    working_days: int | None = attrs.field(default=None, validator=_timescale)

    @property
    def clause(self) -> str:
        """The citation as text (``"3.14.12 §5"``), as results and docs show it."""
        return str(self.citation)


def _rung_key(key: object) -> str | int:
    if isinstance(key, bool) or not isinstance(key, str | int):
        raise InvalidArgumentError(
            f"by_rung keys must be rung states (str) or rung numbers (int >= 1), not {key!r}"
        )
    if isinstance(key, int) and key < 1:
        raise InvalidArgumentError(f"by_rung rung numbers start at 1, not {key!r}")
    if isinstance(key, str) and not key:
        raise InvalidArgumentError("by_rung keys must not be the empty string")
    return key


def _by_rung(value: object) -> tuple[tuple[str | int, int], ...]:
    if isinstance(value, Mapping):
        items: Iterable[Any] = value.items()
    elif isinstance(value, tuple):
        items = value
    else:
        raise InvalidArgumentError(
            f"by_rung must map rung states or numbers to working days, not {type(value).__name__}"
        )
    out: dict[str | int, int] = {}
    for key, days in items:
        key = _rung_key(key)
        if isinstance(days, bool) or not isinstance(days, int) or days < 1:
            raise InvalidArgumentError(
                f"by_rung[{key!r}] must be a whole number of working days >= 1, not {days!r}"
            )
        out[key] = days
    return tuple(out.items())


@attrs.frozen
class LadderTimescales:
    """A council's own timescales for the rungs of its ladders, in working days.

    A number ``n`` means the rung should be left (resolved or escalated) within ``n``
    working days of reaching it; day 1 is the first working day after that date. A local
    timescale replaces the protocol's own (a rung's ``working_days``), and every result
    that uses one quotes ``source``.

    Rungs are named generically in ``by_rung``: by their state (``"heads-of-service"``)
    or by their number, counting from 1 at the lowest rung, for ladders of any length. A
    state takes precedence over a number; ``first_level``, ``second_level`` and
    ``third_level`` are the numbers 1, 2 and 3 by another name (``by_rung`` wins over
    them).

    Attributes:
        first_level: working days at rung 1.
        second_level: at rung 2.
        third_level: at rung 3.
        source: where the timescales come from, quoted in every result that uses them.
        by_rung: working days by rung state or rung number (a mapping; kept as pairs).

    Examples:
        >>> local = LadderTimescales(second_level=5, by_rung={4: 3, "director": 2})
        >>> local.for_rank(2), local.for_rank(4), local.for_rank(3)
        (5, 3, None)
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
    by_rung: tuple[tuple[str | int, int], ...] = attrs.field(
        default=(), converter=_by_rung, kw_only=True
    )

    def for_rank(self, rank: int) -> int | None:
        """The working days allowed at rung number ``rank`` (1-based), or ``None``."""
        for key, days in self.by_rung:
            if key.__class__ is int and key == rank:
                return days
        by_rank = {1: self.first_level, 2: self.second_level, 3: self.third_level}
        return by_rank.get(rank)

    def for_level(self, level: Level[Any]) -> int | None:
        """The working days allowed at ``level``: by its state, else by its number."""
        for key, days in self.by_rung:
            if key.__class__ is str and key == str(level.state):
                return days
        return self.for_rank(level.rank)

    @property
    def empty(self) -> bool:
        """Whether no rung has a local timescale."""
        return not self.by_rung and (self.first_level, self.second_level, self.third_level) == (
            None,
            None,
            None,
        )


#: No local timescales: every rung keeps the protocol's (most have none).
_NO_LOCAL_TIMESCALES: Final = LadderTimescales()


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
        timescale: ``"no timescale in protocol"``, the protocol's timescale
            (``"5 working days"``), or the local timescale and its source.
        deadline: the due date at this rung with its provenance, when a timescale applies
            and the disagreement is open; otherwise ``None``.
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
        clause: the clause that sends complaints down this path (``""`` when no route of
            the protocols given applies).
        route: the complaint route's machine name (``"complaint-path"``), or ``None``
            when none of the protocols given has a route for this complaint.
    """

    made_on: date
    by: str | None
    about_service: str | None
    procedure: str
    timescale: str
    clause: str
    route: str | None = None


@attrs.frozen
class Ladder(Generic[S]):
    """A protocol's disagreement ladder: its machine and its rungs.

    Build one with [`build_ladder`][care_justice_protocol.build_ladder] (the compliance layer builds
    them from protocol files).

    Attributes:
        protocol: the protocol identifier (``"3.14.12"``).
        title: a human title.
        machine: the ladder as a [`Machine`][care_justice_protocol.Machine].
        levels: the rungs, lowest first; there may be any number of them (at least one).
        between: the services (or ``"@<group>"``) whose disagreements follow the ladder,
            as the protocol declares them (empty: not stated).
    """

    protocol: str
    title: str
    machine: Machine[S, EscalationEvent]
    levels: tuple[Level[S], ...]
    between: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The ladder's machine name (``"yos-next-steps-disputes"``)."""
        return self.machine.name

    def level(self, state: S) -> Level[S] | None:
        """The rung for ``state``, or ``None`` for the states before and after the ladder."""
        for level in self.levels:
            if level.state == state:
                return level
        return None

    def status(
        self,
        events: Iterable[EventLike],
        as_of: date,
        calendar: WorkingCalendar,
        timescales: LadderTimescales = _NO_LOCAL_TIMESCALES,
        *,
        disagreement_id: str | None = None,
        strict: bool = False,
    ) -> LadderStatus:
        """Where one disagreement, whose ladder events these are, stands on ``as_of``.

        Args:
            events: the disagreement's events (other events are skipped by the replay).
            as_of: the date to report on; later events are ignored.
            calendar: the working-day calendar for timescales.
            timescales: a council's own timescales, replacing the protocol's.
            disagreement_id: the disagreement, as the status reports it.
            strict: raise [`InvalidTransition`][care_justice_protocol.InvalidTransition] on a
                disallowed ladder event instead of reporting it in
                [`LadderStatus.anomalies`][care_justice_protocol.LadderStatus].
        """
        log = list(events)
        run = self.machine.replay(log, strict=strict, until=as_of)
        if self.machine.event(EscalationEvent.ESCALATED) is None:
            run = self._unescalatable(log, run, as_of, strict)
        state = run.state
        resolved = self.machine.is_final(state)
        level = self.level(run.steps[-1].source if resolved else state)
        clause = level.clause if level is not None else self.machine.clause
        timescale = NO_TIMESCALE
        deadline = None
        overdue = False
        if level is not None and not resolved and run.since is not None:
            local = timescales.for_level(level)
            days = local if local is not None else level.working_days
            if days is not None:
                trigger = f"referral to {level.role}"
                if level.rank == 1:
                    trigger = "the disagreement was raised"
                deadline = WorkingDaysAfter(days).deadline(
                    run.since, calendar, clause=clause, trigger_name=trigger
                )
                timescale = f"{days} working days"
                if local is not None:
                    timescale += f" (local timescale: {timescales.source})"
                    protocol = (
                        "none in protocol"
                        if level.working_days is None
                        else f"{level.working_days} working days in protocol"
                    )
                    deadline = attrs.evolve(
                        deadline,
                        rule=f"{deadline.rule} (local timescale: {timescales.source}; {protocol})",
                    )
                overdue = deadline.is_overdue(as_of)
        return LadderStatus(
            ladder=self.protocol,
            disagreement_id=disagreement_id,
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

    def _unescalatable(
        self, events: list[EventLike], run: Replay[S, EscalationEvent], as_of: date, strict: bool
    ) -> Replay[S, EscalationEvent]:
        """A one-rung ladder has nowhere to escalate: its escalations are anomalies too.

        The machine has no escalation transition, so its replay skips such events as not
        its own; they are reported instead of silently ignored.
        """
        found = []
        for event in sorted(events, key=_on):
            if event.type != EscalationEvent.ESCALATED or event.on > as_of:
                continue
            there = self.machine.replay(events, strict=False, until=event.on).state
            error = InvalidTransition(
                self.machine.name,
                there,
                EscalationEvent.ESCALATED,
                self.machine.allowed(there),
                "a ladder of one rung has nowhere to escalate",
                event.on,
            )
            if strict:
                raise error
            found.append(error)
        if not found:
            return run
        anomalies = tuple(sorted((*run.anomalies, *found), key=lambda a: a.on or date.min))
        return attrs.evolve(run, anomalies=anomalies)


def _on(event: EventLike) -> date:
    return event.on


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


def build_ladder(
    *,
    protocol: str,
    name: str,
    title: str,
    before: str,
    levels: Sequence[Level[Any]],
    resolved: str,
    raise_note: str = "",
    resolved_note: str = "",
    between: Iterable[str] = (),
) -> Ladder[str]:
    """A ladder with any number of rungs, as a checked machine.

    The machine has the state ``before`` (initial), one state per rung and ``resolved``
    (final). ``disagreement-raised`` moves from ``before`` to the first rung,
    ``disagreement-escalated`` from each rung to the next (the top rung has no way up) and
    ``disagreement-resolved`` from every rung to ``resolved``; every transition cites the
    clause of the rung it enters (resolving cites the rung it leaves).

    Args:
        protocol: the protocol identifier.
        name: the machine's name (unique in a registry).
        title: a human title.
        before: the state before a disagreement is raised.
        levels: the rungs, lowest first, numbered 1, 2, ... in order.
        resolved: the state once resolved.
        raise_note: what raising means, shown on the first transition.
        resolved_note: what resolving means, shown on the resolving transitions.
        between: the services (or ``"@<group>"``) whose disagreements follow the ladder.

    Raises:
        InvalidArgumentError: no rung, or rungs not numbered 1, 2, ... in order.
        InvalidMachineDefinition: the states do not make a valid machine (a state used
            twice, say).

    Examples:
        >>> clause = Citation("demo", "§1")
        >>> ladder = build_ladder(protocol="demo", name="demo", title="Demo", before="none",
        ...     resolved="done", levels=[Level("rung-a", 2, "A", None, clause, "text")])
        Traceback (most recent call last):
        ...
        care_justice_protocol._errors.InvalidArgumentError: levels[0] of ladder 'demo' has \
rank 2; rungs are numbered 1, 2, ... lowest first
    """
    rungs = tuple(levels)
    if not rungs:
        raise InvalidArgumentError(f"ladder {name!r} needs at least one rung in levels")
    for i, level in enumerate(rungs):
        if not isinstance(level, Level):
            raise InvalidArgumentError(
                f"levels[{i}] of ladder {name!r} must be a Level, not {type(level).__name__}"
            )
        if level.rank != i + 1:
            raise InvalidArgumentError(
                f"levels[{i}] of ladder {name!r} has rank {level.rank!r}; rungs are numbered "
                "1, 2, ... lowest first"
            )
    clause = rungs[0].clause
    states = [
        StateSpec(before, "No disagreement raised.", initial=True),
        *(
            StateSpec(level.state, f"With the {level.role}: {level.quote}", level.clause)
            for level in rungs
        ),
        StateSpec(resolved, "The disagreement was resolved.", clause, final=True),
    ]
    transitions: list[Transition[str, EscalationEvent]] = [
        Transition(before, EscalationEvent.RAISED, rungs[0].state, clause=clause, note=raise_note)
    ]
    for lower, upper in itertools.pairwise(rungs):
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
        for level in rungs
    )
    machine: Machine[str, EscalationEvent] = Machine(
        name=name, title=title, states=states, transitions=transitions, clause=clause
    )
    return Ladder(
        protocol=protocol, title=title, machine=machine, levels=rungs, between=tuple(between)
    )


def build_complaint_path(
    *,
    name: str,
    title: str,
    clause: str,
    before: str,
    state: str,
    description: str,
    note: str = "",
) -> Machine[str, ComplaintEvent]:
    """A complaint route as a machine: ``complaint-made`` moves ``before`` to ``state``.

    ``state`` is final: the protocol's part ends there (the agency's own procedure takes
    over) and no disagreement ladder applies.

    Examples:
        >>> path = build_complaint_path(name="complaints", title="Complaints (demo §4)",
        ...     clause="demo §4", before="none", state="agency-procedure",
        ...     description="The agency's own procedure applies.")
        >>> path.fire("none", ComplaintEvent.COMPLAINT_MADE)
        'agency-procedure'
    """
    return Machine(
        name=name,
        title=title,
        states=[
            StateSpec(before, "No complaint made.", initial=True),
            StateSpec(state, description, clause, final=True),
        ],
        transitions=[
            Transition(before, ComplaintEvent.COMPLAINT_MADE, state, clause=clause, note=note)
        ],
        clause=clause,
    )
