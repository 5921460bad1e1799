"""Protocols as data: the record types of clauses, obligations and protocol versions.

Nothing here is a function body that encodes a rule: each obligation is a record saying
where it comes from, when it applies, what starts its clock, how its due date is
computed, and which recorded event discharges it. :mod:`..compliance` evaluates any such
record generically, so a council's variant is new data, not new code.

Event patterns (:class:`Match`) name an event ``type`` and, optionally, field values the
event must have (``where``) or values a tuple field must contain (``contains``). Values
may be tokens:

* ``"@probation"`` - any probation provider that is a party to 3.14.13 on the event's
  date (NPS or CRC until 25 June 2021, the Probation Service from 26 June 2021);
* ``"@trigger.<field>"`` - the same value as the triggering event's field.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from typing import Any, Final

import attrs

from .._errors import InvalidArgumentError
from ..calendar._periods import PeriodPolicy, Recurrence
from ..model._entities import MeetingKind, Service

__all__ = [
    "PROBATION_TOKEN",
    "TRIGGER_PREFIX",
    "DeadlineKind",
    "DeadlineRule",
    "Match",
    "Obligation",
    "PeriodicObligation",
    "Protocol",
    "ProtocolVersion",
    "Recurs",
    "Window",
]

PROBATION_TOKEN: Final = "@probation"
TRIGGER_PREFIX: Final = "@trigger."

Value = str | bool


def _pairs(value: Mapping[str, Any] | tuple[tuple[str, tuple[Value, ...]], ...]) -> Any:
    if isinstance(value, Mapping):
        return tuple(
            (k, tuple(v) if isinstance(v, list | tuple) else (v,)) for k, v in value.items()
        )
    return value


@attrs.frozen(cache_hash=True)
class Match:
    """A pattern over case events: a type tag and field conditions.

    Examples:
        >>> m = Match("allocated", {"service": ["yos", "next-step"]})
        >>> m.describe()
        'allocated (service: yos/next-step)'
    """

    type: str
    where: tuple[tuple[str, tuple[Value, ...]], ...] = attrs.field(default=(), converter=_pairs)
    contains: tuple[tuple[str, tuple[Value, ...]], ...] = attrs.field(default=(), converter=_pairs)

    def describe(self) -> str:
        conds = [f"{k}: {'/'.join(str(v).lower() for v in vs)}" for k, vs in self.where]
        conds += [f"{k} includes {'/'.join(str(v) for v in vs)}" for k, vs in self.contains]
        return self.type + (f" ({', '.join(conds)})" if conds else "")


class DeadlineKind(enum.StrEnum):
    """How an obligation's due date is computed from its trigger."""

    WORKING_DAYS = "working-days"
    """``amount`` working days after the trigger (day 1 = first working day after it)."""
    MONTHS = "months"
    """``amount`` calendar months after the trigger (clipped to month end)."""
    SAME_DAY = "same-day"
    """On the trigger's own day (e.g. attending court on the day of sentence)."""
    ON_OR_BEFORE_TRIGGER = "on-or-before-trigger"
    """By the trigger's date (e.g. an invitation sent before the meeting it is for)."""
    BEFORE_EVENT = "before-event"
    """On or before the first later event matching ``before`` (e.g. before the report)."""
    RECURRING = "recurring"
    """Again and again from the trigger, per ``recurrence`` (e.g. reviews 6 monthly)."""
    NONE = "none"
    """No timescale in protocol."""


@attrs.frozen(cache_hash=True)
class DeadlineRule:
    """A deadline rule as data.

    Examples:
        >>> DeadlineRule(DeadlineKind.WORKING_DAYS, 15).describe("allocation")
        '15 working days after allocation'
        >>> DeadlineRule(DeadlineKind.NONE).describe("allocation")
        'no timescale in protocol'
    """

    kind: DeadlineKind
    amount: int | None = None
    before: Match | None = None
    recurrence: Recurrence | None = None
    local: bool = False

    def __attrs_post_init__(self) -> None:
        needs_amount = self.kind in (DeadlineKind.WORKING_DAYS, DeadlineKind.MONTHS)
        if needs_amount != (self.amount is not None):
            raise InvalidArgumentError(
                f"deadline kind {self.kind.value!r} "
                + ("needs an amount" if needs_amount else "takes no amount")
            )
        if (self.kind is DeadlineKind.BEFORE_EVENT) != (self.before is not None):
            raise InvalidArgumentError("a 'before-event' deadline needs the event to precede")
        if (self.kind is DeadlineKind.RECURRING) != (self.recurrence is not None):
            raise InvalidArgumentError("a 'recurring' deadline needs a recurrence")

    def describe(self, trigger_name: str) -> str:
        prefix = "local timescale: " if self.local else ""
        if self.kind is DeadlineKind.WORKING_DAYS:
            unit = "working day" if self.amount == 1 else "working days"
            return f"{prefix}{self.amount} {unit} after {trigger_name}"
        if self.kind is DeadlineKind.MONTHS:
            unit = "month" if self.amount == 1 else "months"
            return f"{prefix}{self.amount} {unit} after {trigger_name}"
        if self.kind is DeadlineKind.SAME_DAY:
            return f"on the day of {trigger_name}"
        if self.kind is DeadlineKind.ON_OR_BEFORE_TRIGGER:
            return f"by the day of {trigger_name}"
        if self.kind is DeadlineKind.BEFORE_EVENT:
            assert self.before is not None
            return f"before {self.before.describe()}"
        if self.kind is DeadlineKind.RECURRING:
            assert self.recurrence is not None
            return f"from {trigger_name}, {self.recurrence.describe()}"
        return "no timescale in protocol"


class Window(enum.StrEnum):
    """Which evidence events count for a trigger."""

    AFTER_TRIGGER = "after-trigger"
    """Evidence on or after the trigger's date."""
    UP_TO_TRIGGER = "up-to-trigger"
    """Evidence on or before the trigger's date (and after the previous trigger)."""
    SAME_DAY = "same-day"
    """Evidence on the trigger's date."""


class Recurs(enum.StrEnum):
    """How many times an obligation arises on a case."""

    ONCE = "once"
    """Once, from the first trigger."""
    PER_TRIGGER = "per-trigger"
    """Once for every trigger event."""


@attrs.frozen
class Obligation:
    """One case-level obligation, as a record.

    Attributes:
        id: stable identifier, ``"<protocol>/<section>/<slug>"``.
        clause: the clause reference shown in results, e.g. ``"3.14.12 §2"``.
        summary: the obligation in a line.
        text: the protocol text it encodes (quoted).
        parties: services that carry it (``"@probation"`` for the probation provider).
        applies_if: patterns every one of which some recorded event must match for the
            obligation to apply (the case is a joint case of this protocol...).
        requires_icta: applies only when the young person has an ICTA.
        trigger: the event that starts the clock; ``trigger_name`` names it in words.
        deadline: the deadline rule.
        evidence: the event that discharges it (tokens may refer to the trigger).
        window: which evidence counts for a trigger.
        recurs: once or per trigger.
    """

    id: str
    clause: str
    summary: str
    text: str
    parties: tuple[str, ...]
    trigger: Match
    trigger_name: str
    deadline: DeadlineRule
    evidence: Match
    evidence_name: str
    applies_if: tuple[Match, ...] = ()
    applies_if_name: str = ""
    requires_icta: bool = False
    window: Window = Window.AFTER_TRIGGER
    recurs: Recurs = Recurs.ONCE

    @property
    def protocol(self) -> str:
        """The protocol number, e.g. ``"3.14.12"``."""
        return self.id.split("/", 1)[0]


@attrs.frozen
class PeriodicObligation:
    """A partnership-level obligation that recurs per period (meetings, QA).

    Attributes:
        id, clause, summary, text: as for :class:`Obligation`.
        meeting_kind: the management meeting kind that discharges it, or ``None`` for the
            quality-assurance records of the caseload.
        recurrence: the reading of "quarterly" / "twice a year" in force.
        must_be_recorded: the meeting must be recorded (3.14.12 §3).
        notes_rotate: notes are taken by the agencies in rotation (3.14.13 §3).
    """

    id: str
    clause: str
    summary: str
    text: str
    parties: tuple[str, ...]
    recurrence: Recurrence
    meeting_kind: MeetingKind | None = None
    must_be_recorded: bool = False
    notes_rotate: bool = False

    @property
    def protocol(self) -> str:
        return self.id.split("/", 1)[0]


@attrs.frozen
class ProtocolVersion:
    """A version of a protocol, with the dates it is in force and its probation parties."""

    label: str
    effective_from: date | None
    effective_to: date | None
    probation_parties: tuple[Service, ...] = ()

    def in_force_on(self, day: date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day <= self.effective_to
        )


@attrs.frozen
class Protocol:
    """A protocol: its versions, case-level obligations and periodic obligations."""

    id: str
    title: str
    versions: tuple[ProtocolVersion, ...]
    obligations: tuple[Obligation, ...]
    periodic: tuple[PeriodicObligation, ...] = ()

    def version_on(self, day: date) -> ProtocolVersion | None:
        """The version in force on ``day``, or ``None`` before (or after) all of them."""
        for v in self.versions:
            if v.in_force_on(day):
                return v
        return None

    def with_timescales(self, timescales: Mapping[str, int]) -> Protocol:
        """A copy where obligations with no timescale get a local one (working days).

        Raises:
            InvalidArgumentError: an id is unknown, or names an obligation that already
                has a protocol timescale, or a count is not a non-negative int.
        """
        known = {o.id: o for o in self.obligations}
        changed = dict(known)
        for oid, days in timescales.items():
            if oid not in known:
                continue
            if days.__class__ is not int or days < 0:
                raise InvalidArgumentError(
                    f"local timescale for {oid!r} must be a whole number of working days >= 0,"
                    f" got {days!r}"
                )
            if known[oid].deadline.kind is not DeadlineKind.NONE:
                raise InvalidArgumentError(
                    f"{oid!r} has a protocol timescale ({known[oid].deadline.describe('it')});"
                    " only obligations with no timescale take a local one"
                )
            changed[oid] = attrs.evolve(
                known[oid],
                deadline=DeadlineRule(DeadlineKind.WORKING_DAYS, days, local=True),
            )
        return attrs.evolve(self, obligations=tuple(changed.values()))

    def with_policies(self, policies: Mapping[str, PeriodPolicy]) -> Protocol:
        """A copy where periodic obligations use the given period policies."""
        out = []
        for p in self.periodic:
            if p.id in policies:
                rec = attrs.evolve(p.recurrence, policy=policies[p.id])
                p = attrs.evolve(p, recurrence=rec)
            out.append(p)
        return attrs.evolve(self, periodic=tuple(out))
