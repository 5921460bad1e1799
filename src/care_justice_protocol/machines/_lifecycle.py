"""The joint-case lifecycle (3.14.12 §2 and 3.14.13 §2).

A joint case is allocated, checked for whether it is open to the other service, met on by
the two case workers (within 15 working days of allocation), met on with the young person,
planned (the agency's plan takes account of the discussions and the pathway plan) and
worked jointly until it is closed.

A ``case-transferred`` event moves responsibility from one service to another (YOS to
probation when a young person turns 18; NPS or CRC to the Probation Service in June
2021): the case stays joint, so it is a self-loop, not an end.

The machine says *where* a case stands; the deadlines (15 working days, and "no
timescale in protocol" for the joint meeting) belong to the compliance rules, which read
their triggers and evidence from the case's events themselves, not from this replay.
[`lifecycle_on`][care_justice_protocol.lifecycle_on] is the link between the two: the state on a
day, and the day the case became joint and the allocation it followed, for a caller (a rule that
needs "joint on that day") to ask. Where the engine's own reading of "joint" and the replay's
differ, the reasons are listed in [`LifecycleOnDay`][care_justice_protocol.LifecycleOnDay].

Examples:
    >>> from datetime import date
    >>> from types import SimpleNamespace as Ev
    >>> log = [
    ...     Ev(type="allocated", on=date(2026, 11, 23)),
    ...     Ev(type="other-service-checked", on=date(2026, 11, 24), open_to_other=True),
    ...     Ev(type="document-shared", on=date(2026, 11, 25)),
    ...     Ev(type="meeting-held", on=date(2026, 12, 7), kind="mappa-review"),
    ...     Ev(type="meeting-held", on=date(2026, 12, 8), kind="case-worker-information-sharing"),
    ... ]
    >>> result = LIFECYCLE.replay(log)
    >>> result.state, result.since
    (<LifecycleState.AWAITING_JOINT_MEETING: 'awaiting-joint-meeting'>, datetime.date(2026, 12, 8))
    >>> [str(e) for e in LIFECYCLE.allowed(result.state)]
    ['meeting-held', 'case-closed', 'case-transferred']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Final

import attrs

from .._checks import check_date
from ..model._events import JointCase
from ._core import EventLike, Guard, InvalidTransition, Machine, StateSpec, Transition

__all__ = [
    "CASE_WORKER_MEETING",
    "JOINT_MEETING",
    "LIFECYCLE",
    "JOINT_STATES",
    "LifecycleEvent",
    "LifecycleOnDay",
    "LifecycleState",
    "lifecycle_on",
    "read_lifecycle_event",
]

#: The meeting kind of the case workers' information-sharing meeting (3.14.12 §2).
CASE_WORKER_MEETING: Final = "case-worker-information-sharing"
#: The meeting kind of the joint meeting with the young person (3.14.12 §2).
JOINT_MEETING: Final = "joint-meeting-with-young-person"

_AGENCY_PLANS: Final = frozenset({"intervention-plan", "sentence-plan"})
_PATHWAY_PLAN: Final = "pathway-plan"
_SECTION_2_MEETINGS: Final = frozenset({CASE_WORKER_MEETING, JOINT_MEETING})
_NO_FIELDS: Final[Mapping[str, object]] = MappingProxyType({})


class LifecycleState(StrEnum):
    """Where a joint case stands in 3.14.12 §2 / 3.14.13 §2."""

    UNALLOCATED = "unallocated"
    ALLOCATED = "allocated"
    SINGLE_SERVICE = "single-service"
    AWAITING_CASE_WORKER_MEETING = "awaiting-case-worker-meeting"
    AWAITING_JOINT_MEETING = "awaiting-joint-meeting"
    AWAITING_PLAN_ALIGNMENT = "awaiting-plan-alignment"
    ACTIVE_JOINT_WORKING = "active-joint-working"
    CLOSED = "closed"


class LifecycleEvent(StrEnum):
    """The case events the lifecycle reacts to (their values are the event type tags)."""

    ALLOCATED = "allocated"
    OTHER_SERVICE_CHECKED = "other-service-checked"
    RESPONSIBILITY_ACCEPTED = "responsibility-accepted"
    MEETING_HELD = "meeting-held"
    PLAN_UPDATED = "plan-updated"
    CASE_CLOSED = "case-closed"
    CASE_TRANSFERRED = "case-transferred"


def _plan_aligns(event: EventLike) -> bool:
    document = getattr(event, "document", None)
    if document not in _AGENCY_PLANS:
        return False
    discussions = getattr(event, "takes_account_of", ())
    snapshots = getattr(event, "includes_snapshot_of", ())
    return bool(_SECTION_2_MEETINGS.intersection(discussions)) or _PATHWAY_PLAN in snapshots


def read_lifecycle_event(event: EventLike) -> tuple[str, Mapping[str, object]] | None:
    """The lifecycle's reading of a case event: its tag and the fields its guards test.

    ``plan-updated`` is read as ``aligned``: true when the plan is the YOS intervention
    plan or the NPS/CRC sentence plan and it either takes account of a §2 meeting
    (3.14.12 §2: "formulated to take account of these discussions") or includes a
    snapshot of the pathway plan (3.14.12 §3; 3.14.13 §3 item 4). Other plan updates
    (the pathway plan itself, a plan that takes account of nothing) are not lifecycle
    events and are skipped by replay.

    Examples:
        >>> from datetime import date
        >>> from types import SimpleNamespace as Ev
        >>> read_lifecycle_event(Ev(type="plan-updated", on=date(2027, 1, 4),
        ...     document="sentence-plan", takes_account_of=(),
        ...     includes_snapshot_of=("pathway-plan",)))
        ('plan-updated', {'aligned': True})
    """
    tag = event.type
    if tag == LifecycleEvent.MEETING_HELD:
        return tag, {"kind": getattr(event, "kind", None)}
    if tag == LifecycleEvent.OTHER_SERVICE_CHECKED:
        return tag, {"open_to_other": getattr(event, "open_to_other", None)}
    if tag == LifecycleEvent.PLAN_UPDATED:
        return tag, {"aligned": _plan_aligns(event)}
    return tag, _NO_FIELDS


def _build() -> Machine[LifecycleState, LifecycleEvent]:
    st, ev = LifecycleState, LifecycleEvent
    open_ = Guard.equals("open_to_other", True)
    not_open = Guard.equals("open_to_other", False)
    case_workers = Guard.equals("kind", CASE_WORKER_MEETING)
    joint = Guard.equals("kind", JOINT_MEETING)
    either_meeting = Guard.one_of("kind", (CASE_WORKER_MEETING, JOINT_MEETING))
    aligned = Guard.equals("aligned", True)
    s2 = "3.14.12 §2"

    states = [
        StateSpec(st.UNALLOCATED, "No allocation recorded yet.", initial=True),
        StateSpec(
            st.ALLOCATED,
            "Allocated to a worker, who must confirm whether the case is open to the other "
            "service.",
            s2,
        ),
        StateSpec(
            st.SINGLE_SERVICE,
            "Checked and not open to the other service: the joint-working steps do not "
            "apply unless that changes.",
            s2,
        ),
        StateSpec(
            st.AWAITING_CASE_WORKER_MEETING,
            "A joint case: the case workers are to meet within 15 working days to share "
            "information and discuss future working arrangements (and, under 3.14.13, the "
            "Next Step worker gives the pathway plan and risk assessment to the SPOC).",
            "3.14.12 §2; 3.14.13 §2",
        ),
        StateSpec(
            st.AWAITING_JOINT_MEETING,
            "The case workers have met; next, a joint meeting with the young person to "
            "explain their roles and responsibilities (no timescale in protocol).",
            s2,
        ),
        StateSpec(
            st.AWAITING_PLAN_ALIGNMENT,
            "The joint meeting has been held; the intervention plan (YOS) or sentence plan "
            "(NPS/CRC) is to take account of the discussions and the pathway plan.",
            "3.14.12 §2, §3; 3.14.13 §3 item 4",
        ),
        StateSpec(
            st.ACTIVE_JOINT_WORKING,
            "Plans aligned; joint working continues: invitations to reviews, information "
            "sharing, signatures and copies of plans.",
            "3.14.12 §2, §3; 3.14.13 §3",
        ),
        StateSpec(
            st.CLOSED,
            "A service closed its involvement: the case is no longer a joint case.",
            "3.14.12 §1",
            final=True,
        ),
    ]

    transitions: list[Transition[LifecycleState, LifecycleEvent]] = [
        Transition(
            st.UNALLOCATED,
            ev.ALLOCATED,
            st.ALLOCATED,
            clause=s2,
            note="On being allocated a new case",
        ),
        Transition(
            st.ALLOCATED,
            ev.OTHER_SERVICE_CHECKED,
            st.AWAITING_CASE_WORKER_MEETING,
            clause=s2,
            guard=open_,
            note="workers ... will confirm if the case is open to the other service",
        ),
        Transition(
            st.ALLOCATED,
            ev.OTHER_SERVICE_CHECKED,
            st.SINGLE_SERVICE,
            clause=s2,
            guard=not_open,
            note="Where this is applicable: here it is not",
        ),
        Transition(
            st.ALLOCATED,
            ev.RESPONSIBILITY_ACCEPTED,
            st.AWAITING_CASE_WORKER_MEETING,
            clause="3.14.13 §2",
            note="a young person has become the responsibility of NPS or CRC",
        ),
        Transition(
            st.SINGLE_SERVICE,
            ev.OTHER_SERVICE_CHECKED,
            st.AWAITING_CASE_WORKER_MEETING,
            clause=s2,
            guard=open_,
            note="a later check finds the case open to the other service",
        ),
        Transition(
            st.SINGLE_SERVICE,
            ev.OTHER_SERVICE_CHECKED,
            st.SINGLE_SERVICE,
            clause=s2,
            guard=not_open,
            note="checked again: still not open to the other service",
        ),
        Transition(
            st.SINGLE_SERVICE,
            ev.RESPONSIBILITY_ACCEPTED,
            st.AWAITING_CASE_WORKER_MEETING,
            clause="3.14.13 §2",
            note="a young person has become the responsibility of NPS or CRC",
        ),
        Transition(
            st.AWAITING_CASE_WORKER_MEETING,
            ev.OTHER_SERVICE_CHECKED,
            st.AWAITING_CASE_WORKER_MEETING,
            clause=s2,
            guard=open_,
            note="the other service confirms too",
        ),
        Transition(
            st.AWAITING_CASE_WORKER_MEETING,
            ev.RESPONSIBILITY_ACCEPTED,
            st.AWAITING_CASE_WORKER_MEETING,
            clause="3.14.13 §2",
            note="responsibility recorded after the check",
        ),
        Transition(
            st.AWAITING_CASE_WORKER_MEETING,
            ev.MEETING_HELD,
            st.AWAITING_JOINT_MEETING,
            clause=s2,
            guard=case_workers,
            note="the case workers will arrange to meet within 15 working days",
        ),
        Transition(
            st.AWAITING_JOINT_MEETING,
            ev.MEETING_HELD,
            st.AWAITING_PLAN_ALIGNMENT,
            clause=s2,
            guard=joint,
            note="Following this meeting they will hold a joint meeting with the young person",
        ),
        Transition(
            st.AWAITING_JOINT_MEETING,
            ev.MEETING_HELD,
            st.AWAITING_JOINT_MEETING,
            clause=s2,
            guard=case_workers,
            note="the case workers meet again",
        ),
        Transition(
            st.AWAITING_PLAN_ALIGNMENT,
            ev.PLAN_UPDATED,
            st.ACTIVE_JOINT_WORKING,
            clause="3.14.12 §2; 3.14.13 §3 item 4",
            guard=aligned,
            note="plan formulated to take account of these discussions",
        ),
        Transition(
            st.AWAITING_PLAN_ALIGNMENT,
            ev.MEETING_HELD,
            st.AWAITING_PLAN_ALIGNMENT,
            clause=s2,
            guard=either_meeting,
            note="further §2 meetings",
        ),
        Transition(
            st.ACTIVE_JOINT_WORKING,
            ev.MEETING_HELD,
            st.ACTIVE_JOINT_WORKING,
            clause=s2,
            guard=either_meeting,
            note="further §2 meetings",
        ),
        Transition(
            st.ACTIVE_JOINT_WORKING,
            ev.PLAN_UPDATED,
            st.ACTIVE_JOINT_WORKING,
            clause="3.14.12 §3; 3.14.13 §3 item 4",
            guard=aligned,
            note="plans kept aligned",
        ),
    ]
    open_states = (
        st.ALLOCATED,
        st.SINGLE_SERVICE,
        st.AWAITING_CASE_WORKER_MEETING,
        st.AWAITING_JOINT_MEETING,
        st.AWAITING_PLAN_ALIGNMENT,
        st.ACTIVE_JOINT_WORKING,
    )
    transitions.extend(
        Transition(
            source,
            ev.CASE_CLOSED,
            st.CLOSED,
            clause="3.14.12 §1",
            note="the protocols govern joint cases while they are open",
        )
        for source in open_states
    )
    transitions.extend(
        Transition(
            source,
            ev.CASE_TRANSFERRED,
            source,
            clause="3.14.13 §2",
            note="responsibility moves to another service; the joint case goes on",
        )
        for source in open_states
    )
    return Machine(
        name="joint-case-lifecycle",
        title="Joint-case lifecycle",
        states=states,
        transitions=transitions,
        clause="3.14.12 §2; 3.14.13 §2",
        translate=read_lifecycle_event,
    )


#: The joint-case lifecycle machine (3.14.12 §2; 3.14.13 §2).
LIFECYCLE: Final = _build()

#: The states in which a case is joint: from the check (or the probation service taking
#: responsibility) that made it joint until it is closed.
JOINT_STATES: Final = frozenset(
    {
        LifecycleState.AWAITING_CASE_WORKER_MEETING,
        LifecycleState.AWAITING_JOINT_MEETING,
        LifecycleState.AWAITING_PLAN_ALIGNMENT,
        LifecycleState.ACTIVE_JOINT_WORKING,
    }
)


@attrs.frozen
class LifecycleOnDay:
    """Where a case stood in the lifecycle at the end of one day.

    Attributes:
        day: the day asked about; events dated after it were not replayed.
        state: the lifecycle state at the end of ``day``.
        since: the day ``state`` was entered (``None`` while unallocated).
        allocated_on: the date of the allocation, or ``None`` before it.
        became_joint_on: the date of the event that made the case joint: the check that
            found it open to the other service (3.14.12 §2) or a probation service taking
            responsibility (3.14.13 §2); ``None`` if that had not happened by ``day``. It
            stays set after the case is closed.
        anomalies: events the lifecycle does not allow where they occur (a check recorded
            before any allocation, a second allocation, anything after closure); each was
            skipped, leaving the state unchanged.

    **The engine's reading of "joint" is not the replay's.** The 3.14.12 obligations apply
    when *some* check by YOS or Next Steps, about the other of the two, found the case open,
    and count 15 working days from the allocation that made the case joint (the last
    allocation on or before that check), whether or not the case has since closed. The
    replay follows the recorded order through 3.14.12 §2 and 3.14.13 §2 at once. So the two
    agree on a joint YOS / Next Steps case whose allocation comes first (and on one whose
    check is recorded before any allocation: not joint for either), and differ, by design,
    where

    * a probation service takes responsibility: joint for the replay (3.14.13 §2), not a
      joint YOS / Next Steps case for the engine;
    * the allocation or the check is by, or about, another service: the lifecycle reads no
      services, the engine's 3.14.12 patterns do;
    * the case is closed: [`joint`][care_justice_protocol.LifecycleOnDay.joint] is false from the
      closure on; the engine's rules still report on what was owed while it was open.
    """

    day: date
    state: LifecycleState
    since: date | None
    allocated_on: date | None
    became_joint_on: date | None
    anomalies: tuple[InvalidTransition, ...] = ()

    @property
    def joint(self) -> bool:
        """Whether the case was joint on [`day`][care_justice_protocol.LifecycleOnDay] (made joint,
        and not yet closed)."""
        return self.state in JOINT_STATES


def lifecycle_on(case: JointCase | Iterable[EventLike], day: date) -> LifecycleOnDay:
    """Replay a case's events up to and including ``day`` through
    [`LIFECYCLE`][care_justice_protocol.LIFECYCLE].

    Pure: nothing is mutated and nothing but the arguments is read. Events the lifecycle
    does not allow where they occur are skipped and listed in
    [`LifecycleOnDay.anomalies`][care_justice_protocol.LifecycleOnDay] (never raised), so a messy
    real log still gives an answer.

    Args:
        case: a [`JointCase`][care_justice_protocol.JointCase], or its events (anything with
            a ``type`` tag and an ``on`` date).
        day: the day to report on (the case as it stood at the end of that day).

    Returns:
        The state on ``day``, when it was entered, and when the case was allocated and
        became joint.

    Raises:
        InvalidDateTypeError: ``day`` is not a ``datetime.date``.

    Examples:
        Allocated by YOS on Friday 18 December 2026; the check finds the case open to Next
        Steps on Monday 21st; the case workers meet on 13 January 2027:

        >>> from datetime import date
        >>> from types import SimpleNamespace as Ev
        >>> log = [
        ...     Ev(type="allocated", on=date(2026, 12, 18)),
        ...     Ev(type="other-service-checked", on=date(2026, 12, 21), open_to_other=True),
        ...     Ev(type="meeting-held", on=date(2027, 1, 13),
        ...        kind="case-worker-information-sharing"),
        ... ]
        >>> before = lifecycle_on(log, date(2026, 12, 20))
        >>> before.state, before.joint, before.became_joint_on
        (<LifecycleState.ALLOCATED: 'allocated'>, False, None)
        >>> after = lifecycle_on(log, date(2027, 1, 13))
        >>> after.state.value, after.joint, after.allocated_on, after.became_joint_on
        ('awaiting-joint-meeting', True, datetime.date(2026, 12, 18), datetime.date(2026, 12, 21))
    """
    until = check_date("day", day)
    events = case.events if isinstance(case, JointCase) else case
    run = LIFECYCLE.replay(events, strict=False, until=until)
    allocated_on: date | None = None
    became_joint_on: date | None = None
    for step in run.steps:
        if step.target == LifecycleState.ALLOCATED and allocated_on is None:
            allocated_on = step.on
        if (
            became_joint_on is None
            and step.target == LifecycleState.AWAITING_CASE_WORKER_MEETING
            and step.source != step.target
        ):
            became_joint_on = step.on
    return LifecycleOnDay(
        day=until,
        state=run.state,
        since=run.since,
        allocated_on=allocated_on,
        became_joint_on=became_joint_on,
        anomalies=run.anomalies,
    )
