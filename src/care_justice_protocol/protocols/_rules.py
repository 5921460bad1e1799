"""Protocols as data: the record types of clauses, obligations and protocol versions.

Nothing here is a function body that encodes a rule: each obligation is a record saying
where it comes from, when it applies, what starts its clock, how its due date is
computed, and which recorded event discharges it. [`..compliance`][care_justice_protocol.compliance]
evaluates any such record generically, so a council's variant is new data, not new code.

Event patterns ([`Match`][care_justice_protocol.Match]) name an event ``type`` and, optionally,
field values the event must have (``where``) or values a tuple field must contain (``contains``).
Values
may be tokens:

* ``"@<group>"`` - any member of a group of services the protocol's vocabulary names that
  is a party to the protocol on the event's date; Salford's 3.14.13 names the group
  ``probation`` (``"@probation"``: NPS or CRC until 25 June 2021, the Probation Service from
  26 June 2021);
* ``"@trigger.<field>"`` - the same value as the triggering event's field.

Protocols are written as files (``._document`` reads them); these records are what a
file becomes.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from typing import Any, Final

import attrs

from .._errors import InvalidArgumentError, _safe_repr
from ..calendar._deadlines import (
    DeadlineShape,
    LocalTimescale,
    MonthsAfter,
    NoTimescale,
    Recurring,
    WorkingDaysAfter,
)
from ..calendar._periods import PeriodPolicy, Recurrence
from ..model._citation import Citation
from ._vocabulary import Vocabulary

__all__ = [
    "NotEncoded",
    "OTHER_TOKEN",
    "PROBATION_TOKEN",
    "TRIGGER_PREFIX",
    "ComplaintRoute",
    "Condition",
    "LadderSpec",
    "Match",
    "Obligation",
    "PeriodicObligation",
    "Protocol",
    "ProtocolVersion",
    "Recurs",
    "ReviewLaw",
    "Rung",
    "SharingDeclaration",
    "Strength",
    "UnknownObligationError",
    "Window",
]

PROBATION_TOKEN: Final = "@probation"
#: In an evidence pattern: "the other party", any party to the protocol on the event's day
#: that the trigger does not name (3.14.12 §2: "confirm if the case is open to the other
#: service").
OTHER_TOKEN: Final = "@other"
TRIGGER_PREFIX: Final = "@trigger."
#: The group of services ``"@probation"`` names (Salford 3.14.13's probation providers).
PROBATION_GROUP: Final = "probation"

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
    NEXT_DUE_BY_LAW = "next-due-by-law"
    """Once, for the next review the law requires after the last trigger recorded (the
    triggers are the reviews held; the obligation's ``law`` says when the next is due).
    Its due date is that review's date by law, and evidence counts from the day after the
    last review held (3.14.13 §5: probation "will be invited to a young person's
    statutory review ... (6 monthly)")."""


class ReviewLaw(enum.StrEnum):
    """The law that sets when a review is due (for
    [`Recurs.NEXT_DUE_BY_LAW`][care_justice_protocol.Recurs.NEXT_DUE_BY_LAW])."""

    PATHWAY_PLAN_REVIEWS = "pathway-plan-reviews"
    """Care Leavers (England) Regulations 2010 reg 7: the pathway plan of a relevant or
    former relevant young person reviewed at intervals of not more than six months
    ([`pathway_plan_reviews`][care_justice_protocol.pathway_plan_reviews] gives the dates)."""


@attrs.frozen
class NotEncoded:
    """A passage of a protocol's text given no obligation, and why (``[[not_encoded]]``).

    Attributes:
        text: the passage, quoted.
        clause: where it is (``"§3"``).
        reason: why it has no obligation with a status (a standing role with no event
            to record, a matter of professional judgement, no duty in the words...).
    """

    text: str
    clause: str
    reason: str


@attrs.frozen
class Condition:
    """A state a case is in from one event to another ("the case is joint").

    It starts with an event matching any of ``starts`` and lasts until an event matching
    any of ``ends`` (a later start begins it again). Events are taken in timeline order
    (by date, then in recording order), and the state on a day is the state at the end
    of that day: a condition that ends on a day does not hold on it.

    It also holds on every day if the young person's recorded care status is one of
    ``care_statuses`` (a relevant child is a leaving-care client whatever the events say).

    Attributes:
        id: the name rules use for it (``"joint"``).
        name: the condition in words (``"the case is open to both YOS and Next Steps"``).
        starts: patterns of the events that start it.
        ends: patterns of the events that end it.
        care_statuses: recorded care statuses for which it always holds.
    """

    id: str
    name: str
    starts: tuple[Match, ...]
    ends: tuple[Match, ...] = ()
    care_statuses: tuple[str, ...] = ()


class Strength(enum.StrEnum):
    """How strong an obligation is, in the text's own words.

    The texts mix "will", "must", "should", "expected to" and "good practice"; a result
    carries the strength of its obligation, so a missed good-practice item is never
    reported as a breached duty.
    """

    MUST = "must"
    """A duty: the text says "will" or "must" (3.14.12 §2 "will arrange to meet")."""
    SHOULD = "should"
    """Expected: the text says "should" or "expected to", or lists an agreed arrangement
    as "X to do Y" with no modal (3.14.13 "should feed in")."""
    GOOD_PRACTICE = "good-practice"
    """Good practice: not a breach when missed (3.14.13 "It is good practice for the
    child's worker to attend court")."""


def _to_citation(value: Citation | str) -> Citation:
    if isinstance(value, Citation):
        return value
    if value.__class__ is not str:
        raise InvalidArgumentError(
            f"citation must be a Citation or a str, not {type(value).__name__}"
        )
    document, _, place = value.partition(" ")
    return Citation(document, place)


def _shape(_: object, attribute: attrs.Attribute[DeadlineShape], value: object) -> None:
    if not isinstance(value, DeadlineShape):
        raise InvalidArgumentError(
            f"{attribute.name} must be a due-date shape (WorkingDaysAfter, NoTimescale...), "
            f"not {type(value).__name__}"
        )


class UnknownObligationError(InvalidArgumentError, KeyError):
    """An obligation id that the protocol (or the bundled protocols) does not have.

    Attributes:
        ids: the unknown ids, as given.
        known: the ids that would have been valid.
    """

    def __init__(self, ids: tuple[str, ...], known: tuple[str, ...], where: str) -> None:
        self.ids = ids
        self.known = known
        shown = ", ".join(_safe_repr(i) for i in ids)
        noun = "obligation" if len(ids) == 1 else "obligations"
        super().__init__(f"no {noun} {shown} in {where}; known ids: {', '.join(known)}")

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class _Record:
    """What every obligation record has: an id ``"<protocol>/..."`` and a citation."""

    __slots__ = ()
    id: str
    citation: Citation

    @property
    def protocol(self) -> str:
        """The protocol number, e.g. ``"3.14.12"``."""
        return self.id.split("/", 1)[0]


def _clause_of(record: _Record) -> str:
    return str(record.citation)


#: The default of a record's ``clause``: its citation as text (``"3.14.12 §2"``).
_CLAUSE: Final = attrs.Factory(_clause_of, takes_self=True)


@attrs.frozen
class Obligation(_Record):
    """One case-level obligation, as a record.

    Attributes:
        id: stable identifier, ``"<protocol>/<section>/<slug>"``.
        citation: where the protocol says so; its text
            ([`clause`][care_justice_protocol.Obligation], e.g. ``"3.14.12 §2"``) is what results
            show. A string ``"<document> <place>"`` is read as a citation.
        summary: the obligation in a line.
        text: the protocol text it encodes (quoted).
        parties: services that carry it (``"@probation"`` for the probation provider).
        applies_if: patterns every one of which some recorded event must match for the
            obligation to apply (the case is a joint case of this protocol...).
        requires_icta: applies only when the young person has an ICTA.
        trigger: the event that starts the clock; ``trigger_name`` names it in words.
        deadline: the due-date shape ([`WorkingDaysAfter`][care_justice_protocol.WorkingDaysAfter],
            [`NoTimescale`][care_justice_protocol.NoTimescale]...).
        evidence: the event that discharges it (tokens may refer to the trigger).
        window: which evidence counts for a trigger.
        recurs: once or per trigger.
        versions: the ids of the protocol versions the obligation belongs to (empty: all);
            a trigger dated when another version is in force does not start it.
        strength: a duty, expected, or good practice (``Strength``).
        strength_words: the text's own words that give the strength ("will arrange",
            "should", "It is good practice"), quoted from
            [`text`][care_justice_protocol.Obligation].
        applies_when: ids of the protocol's ``Condition`` values that must hold on
            the trigger's day for the trigger to start the obligation ("a review held
            while the case is joint"); ``applies_when_name`` says it in words.
        trigger_from: the id of a condition: the trigger is then the last trigger event
            on or before each day that condition started ("the allocation that made the
            case joint"), not every trigger.
        law: with ``recurs``
            [`Recurs.NEXT_DUE_BY_LAW`][care_justice_protocol.Recurs.NEXT_DUE_BY_LAW], the law that
            dates the next review ([`ReviewLaw`][care_justice_protocol.ReviewLaw]).
        until: for a recurring due date, the event that ends the cycle (no slot after
            the first such event on or after the trigger: "every 3 months during an order
            until the order ends"); a case closed stops it too.
    """

    id: str
    citation: Citation = attrs.field(converter=_to_citation)
    summary: str
    text: str
    parties: tuple[str, ...]
    trigger: Match
    trigger_name: str
    deadline: DeadlineShape = attrs.field(validator=_shape)
    evidence: Match
    evidence_name: str
    applies_if: tuple[Match, ...] = ()
    applies_if_name: str = ""
    requires_icta: bool = False
    window: Window = Window.AFTER_TRIGGER
    recurs: Recurs = Recurs.ONCE
    versions: tuple[str, ...] = ()
    strength: Strength = Strength.MUST
    strength_words: str = ""
    applies_when: tuple[str, ...] = ()
    applies_when_name: str = ""
    trigger_from: str | None = None
    law: ReviewLaw | None = None
    until: Match | None = None
    #: The citation as results show it, ``str(citation)``, computed once.
    clause: str = attrs.field(init=False, repr=False, eq=False, default=_CLAUSE)


@attrs.frozen
class PeriodicObligation(_Record):
    """A partnership-level obligation that recurs per period (meetings, QA).

    Attributes:
        id, citation, summary, text: as for [`Obligation`][care_justice_protocol.Obligation].
        meeting_kind: the management meeting kind that discharges it, or ``None`` for the
            quality-assurance records of the caseload.
        recurrence: the reading of "quarterly" / "twice a year" in force.
        must_be_recorded: the meeting must be recorded (3.14.12 §3).
        notes_rotate: notes are taken by the agencies in rotation (3.14.13 §3).
        rotation: the order in which the agencies take the notes: services, or
            ``"@<group>"`` for the members of a group party to the protocol on the
            meeting's date (3.14.13: ``("next-step", "@probation")``).
        rotation_name: the rotation in words, as results show it.
        strength, strength_words: as for [`Obligation`][care_justice_protocol.Obligation].
    """

    id: str
    citation: Citation = attrs.field(converter=_to_citation)
    summary: str
    text: str
    parties: tuple[str, ...]
    recurrence: Recurrence
    meeting_kind: str | None = None
    must_be_recorded: bool = False
    notes_rotate: bool = False
    rotation: tuple[str, ...] = ()
    rotation_name: str = ""
    strength: Strength = Strength.MUST
    strength_words: str = ""
    #: The citation as results show it, ``str(citation)``, computed once.
    clause: str = attrs.field(init=False, repr=False, eq=False, default=_CLAUSE)


@attrs.frozen
class ProtocolVersion:
    """A version of a protocol: the dates it is in force and the services party to it.

    Attributes:
        label: the version in words.
        effective_from, effective_to: the first and last day in force (``None``: open).
        parties: the services party to this version, in the order the text names them
            (for 3.14.13: Next Step, then the probation providers).
        id: a short, stable id that obligations name in their ``versions``
            (default: the label).
        review_due: the day the version says it is due for review, if it says.
        supersedes: the id of the version this one replaces, if any.

    Examples:
        >>> from datetime import date
        >>> v = ProtocolVersion("signed", date(2019, 3, 18), date(2021, 6, 25),
        ...                     ("next-step", "nps", "crc"), id="2019")
        >>> v.in_force_on(date(2021, 6, 25)), v.in_force_on(date(2021, 6, 26))
        (True, False)
    """

    label: str
    effective_from: date | None
    effective_to: date | None
    parties: tuple[str, ...] = ()
    id: str = attrs.field(default=attrs.Factory(lambda self: self.label, takes_self=True))
    review_due: date | None = None
    supersedes: str | None = None

    def in_force_on(self, day: date) -> bool:
        """Whether ``day`` is within the version's dates (both ends inclusive)."""
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day <= self.effective_to
        )


@attrs.frozen
class Rung:
    """One rung of an escalation ladder, as a protocol file declares it.

    Attributes:
        state: the ladder's state while the disagreement is at this rung
            (``"heads-of-service"``).
        role: who deals with it here, in the text's words (``"Heads of Service"``).
        role_tag: the declared role (``"head-of-service"``), or ``None`` where the text
            names no grade ("respective managers").
        citation: where the text creates this rung.
        quote: the words of the text.
        working_days: a timescale for leaving the rung, where the protocol gives one.
    """

    state: str
    role: str
    role_tag: str | None
    citation: Citation = attrs.field(converter=_to_citation)
    quote: str
    working_days: int | None = None


@attrs.frozen
class LadderSpec:
    """An escalation ladder for disagreements, with any number of rungs.

    Attributes:
        id: the ladder's machine name (``"yos-next-steps-disputes"``).
        title: a human title.
        between: the services (or ``"@<group>"``) whose disagreements follow this
            ladder: a disagreement between services that include one of them.
        before: the state before a disagreement is raised.
        rungs: the rungs, lowest first.
        resolved: the state once resolved.
        raise_note: what raising a disagreement means, in words.
        resolved_note: what resolving means, in words.
    """

    id: str
    title: str
    between: tuple[str, ...]
    before: str
    rungs: tuple[Rung, ...]
    resolved: str
    raise_note: str = ""
    resolved_note: str = ""


@attrs.frozen
class ComplaintRoute:
    """Where a complaint goes: a separate path, never a rung of a ladder.

    Attributes:
        id: the route's machine name (``"complaint-path"``).
        title: a human title.
        citation: where the text says so.
        before: the state before a complaint is made.
        state: the state a complaint moves to.
        description: what that state means.
        note: the text's words for the step.
        procedure: where the complaint goes, in a few words, as complaint results show
            it (``"the agency's own complaints procedure"``); ``""``: the title.
    """

    id: str
    title: str
    citation: Citation = attrs.field(converter=_to_citation)
    before: str
    state: str
    description: str
    note: str = ""
    procedure: str = ""


@attrs.frozen
class SharingDeclaration:
    """An information-sharing rule as a protocol file states it.

    A *required* share names the share obligations it stands for (their evidence gives
    the document, the direction and the clause); an *allowed* share names the two parties
    that may share any document with each other, under one obligation's clause.

    Attributes:
        when: the circumstances, in words (``"a copy, on a joint case"``).
        obligations: the share obligations a required rule is derived from.
        allowed_between: the two parties of an allowed rule (empty for a required one).
        under: the obligation whose clause an allowed rule cites.
        clause: the clause to cite instead of the obligations' own, if given.
    """

    when: str
    obligations: tuple[str, ...] = ()
    allowed_between: tuple[str, ...] = ()
    under: str | None = None
    clause: str | None = None


#: The most working days a local timescale may give (as a protocol file's rules).
MAX_LOCAL_DAYS: Final = 3650
#: The most months a local timescale may give.
MAX_LOCAL_MONTHS: Final = 1200
#: How a local notes-rotation order is named in results.
_LOCAL_ORDER: Final = "local order: "


def local_shape(oid: str, value: object, original: DeadlineShape) -> DeadlineShape:
    """The shape a local timescale ``value`` gives obligation ``oid`` in place of ``original``.

    A count is working days; a [`WorkingDaysAfter`][care_justice_protocol.WorkingDaysAfter] or
    [`MonthsAfter`][care_justice_protocol.MonthsAfter] is used as given; a recurring obligation
    takes months and keeps the protocol's reading.

    Raises:
        InvalidArgumentError: anything else, naming the obligation.
    """
    if value.__class__ is int:
        assert isinstance(value, int)
        if not 0 <= value <= MAX_LOCAL_DAYS:
            raise InvalidArgumentError(
                f"local timescale for {oid!r} must be a whole number of working days from 0 "
                f"to {MAX_LOCAL_DAYS}, got {value!r}"
            )
        value = WorkingDaysAfter(value)
    if (isinstance(value, WorkingDaysAfter) and value.days > MAX_LOCAL_DAYS) or (
        isinstance(value, MonthsAfter) and value.months > MAX_LOCAL_MONTHS
    ):
        raise InvalidArgumentError(
            f"local timescale for {oid!r} is too long ({value.timescale()}): at most "
            f"{MAX_LOCAL_DAYS} working days or {MAX_LOCAL_MONTHS} months"
        )
    if isinstance(original, Recurring):
        if not isinstance(value, MonthsAfter) or value.months < 1:
            raise InvalidArgumentError(
                f"{oid!r} recurs ({original.timescale()}): its local timescale must be "
                f'MonthsAfter(n) with n >= 1 (in a document: {{"months": n}}), '
                f"got {_safe_repr(value)}"
            )
        try:
            return Recurring(value, original.reading)
        except InvalidArgumentError as error:
            raise InvalidArgumentError(f"local timescale for {oid!r}: {error}") from None
    if isinstance(value, WorkingDaysAfter | MonthsAfter):
        return value
    raise InvalidArgumentError(
        f"local timescale for {oid!r} must be a whole number of working days (0 to "
        f"{MAX_LOCAL_DAYS}), WorkingDaysAfter(n) or MonthsAfter(n), got {_safe_repr(value)}"
    )


#: How many days' answers [`Protocol.members_on`][care_justice_protocol.Protocol.members_on] keeps
#: (it is asked per event).
_DAY_CACHE_SIZE: Final = 4096


@attrs.frozen
class Protocol:
    """A protocol: its versions, case-level obligations and periodic obligations.

    Attributes:
        id: the protocol number, e.g. ``"3.14.12"``.
        title: its title.
        versions: its versions, in date order.
        obligations: the case-level obligations.
        periodic: the partnership-level obligations (meetings, QA).
        joint_case: the conditions (patterns some recorded event must match) under which
            a case is a joint case of this protocol; ``joint_case_name`` says it in words.
        source: where the protocol's text comes from (publisher, document).
        vocabulary: the services, groups, roles, documents, meeting kinds and event types
            its rules use.
        ladders: its escalation ladders for disagreements.
        complaints: its complaint routes.
        sharing: its information-sharing rules (see
            [`SharingDeclaration`][care_justice_protocol.SharingDeclaration]).
        conditions: the states of a case its rules name (see ``Condition``).
        not_encoded: passages of the text given no obligation, each with the reason
            (see [`NotEncoded`][care_justice_protocol.NotEncoded]).
    """

    id: str
    title: str
    versions: tuple[ProtocolVersion, ...]
    obligations: tuple[Obligation, ...]
    periodic: tuple[PeriodicObligation, ...] = ()
    joint_case: tuple[Match, ...] = ()
    joint_case_name: str = ""
    source: str = ""
    vocabulary: Vocabulary = attrs.field(factory=Vocabulary)
    ladders: tuple[LadderSpec, ...] = ()
    complaints: tuple[ComplaintRoute, ...] = ()
    sharing: tuple[SharingDeclaration, ...] = ()
    conditions: tuple[Condition, ...] = ()
    not_encoded: tuple[NotEncoded, ...] = ()
    _members_by_day: dict[tuple[str, date], tuple[str, ...]] = attrs.field(
        factory=dict, init=False, repr=False, eq=False, hash=False
    )
    #: The version in force by day (a bounded memo: the engine asks for each trigger).
    _version_by_day: dict[date, ProtocolVersion | None] = attrs.field(
        factory=dict, init=False, repr=False, eq=False, hash=False
    )

    @property
    def effective_from(self) -> date | None:
        """The day the first version took effect, or ``None`` if it is undated (3.14.12).

        Examples:
            >>> from care_justice_protocol import PROTOCOL_3_14_12, PROTOCOL_3_14_13
            >>> PROTOCOL_3_14_13.effective_from, PROTOCOL_3_14_12.effective_from
            (datetime.date(2019, 3, 18), None)
        """
        return self.versions[0].effective_from if self.versions else None

    def version_on(self, day: date) -> ProtocolVersion | None:
        """The version in force on ``day``, or ``None`` before (or after) all of them."""
        cache = self._version_by_day
        if day in cache:
            return cache[day]
        if len(cache) >= _DAY_CACHE_SIZE:
            cache.clear()
        found = next((v for v in self.versions if v.in_force_on(day)), None)
        cache[day] = found
        return found

    def parties_on(self, day: date) -> tuple[str, ...]:
        """The services party to this protocol on ``day``.

        The parties of the version in force that exist on ``day`` (their dates of
        existence are the vocabulary's; a service it gives no dates always exists); none
        before the protocol took effect.

        Examples:
            >>> from datetime import date
            >>> from care_justice_protocol import PROTOCOL_3_14_13
            >>> PROTOCOL_3_14_13.parties_on(date(2021, 6, 25))
            ('next-step', 'nps', 'crc')
            >>> PROTOCOL_3_14_13.parties_on(date(2021, 6, 26))
            ('next-step', 'probation-service')
            >>> PROTOCOL_3_14_13.parties_on(date(2019, 3, 17))
            ()
        """
        cache = self._members_by_day
        key = ("@parties", day)  # (a group name never starts with "@")
        found = cache.get(key)
        if found is None:
            if len(cache) >= _DAY_CACHE_SIZE:
                cache.clear()
            v = self.version_on(day)
            services = self.vocabulary.services
            found = cache[key] = (
                ()
                if v is None
                else tuple(
                    s for s in v.parties if s not in services or services[s].period.contains(day)
                )
            )
        return found

    def members_on(self, group: str, day: date) -> tuple[str, ...]:
        """The members of the vocabulary's ``group`` party to this protocol on ``day``.

        This is what ``"@<group>"`` in a rule stands for; a group the vocabulary does not
        name has no members.

        Examples:
            >>> from datetime import date
            >>> from care_justice_protocol import PROTOCOL_3_14_13
            >>> PROTOCOL_3_14_13.members_on("probation", date(2021, 6, 25))
            ('nps', 'crc')
        """
        key = (group, day)
        found = self._members_by_day.get(key)
        if found is None:
            if len(self._members_by_day) >= _DAY_CACHE_SIZE:
                self._members_by_day.clear()
            members = self.vocabulary.groups.get(group, ())
            found = tuple(s for s in self.parties_on(day) if s in members)
            self._members_by_day[key] = found
        return found

    def probation_on(self, day: date) -> tuple[str, ...]:
        """The probation providers party to this protocol on ``day`` (``"@probation"``).

        Examples:
            >>> from datetime import date
            >>> from care_justice_protocol import PROTOCOL_3_14_12, PROTOCOL_3_14_13
            >>> PROTOCOL_3_14_13.probation_on(date(2026, 1, 5))
            ('probation-service',)
            >>> PROTOCOL_3_14_12.probation_on(date(2026, 1, 5))
            ()
        """
        return self.members_on(PROBATION_GROUP, day)

    def obligation(self, obligation_id: str) -> Obligation | PeriodicObligation:
        """The obligation (case-level or periodic) with this id.

        Examples:
            >>> from care_justice_protocol import PROTOCOL_3_14_12
            >>> PROTOCOL_3_14_12.obligation("3.14.12/2/meet-within-15-working-days").clause
            '3.14.12 §2'

        Raises:
            UnknownObligationError: no such obligation in this protocol (the message
                lists the known ids); it is also a ``KeyError`` and a ``ValueError``.
        """
        for o in self.obligations:
            if o.id == obligation_id:
                return o
        for q in self.periodic:
            if q.id == obligation_id:
                return q
        known = tuple(o.id for o in self.obligations) + tuple(q.id for q in self.periodic)
        raise UnknownObligationError((obligation_id,), known, f"protocol {self.id}")

    def with_timescales(self, timescales: Mapping[str, int | DeadlineShape]) -> Protocol:
        """A copy where obligations take a local timescale in place of the protocol's.

        A count is working days after the trigger
        ([`WorkingDaysAfter`][care_justice_protocol.WorkingDaysAfter]); a shape is used as given. An
        obligation the protocol gives no timescale gets ``LocalTimescale(shape)``, whose words are
        ``"local timescale: ..."``; one with a protocol timescale gets ``LocalTimescale(shape,
        replaces=<the protocol's>)``, whose words add ``"(protocol: ...)"``. A recurring obligation
        ("6 monthly") takes a [`MonthsAfter`][care_justice_protocol.MonthsAfter] (every N months,
        read as the protocol reads it). Applying timescales again replaces the earlier local ones;
        the protocol's own timescale is kept as the one replaced.

        Examples:
            >>> from care_justice_protocol import PROTOCOL_3_14_12
            >>> oid = "3.14.12/2/joint-meeting-with-young-person"
            >>> PROTOCOL_3_14_12.with_timescales({oid: 10}).obligation(oid).deadline
            LocalTimescale(shape=WorkingDaysAfter(days=10), replaces=None)
            >>> meet = "3.14.12/2/meet-within-15-working-days"
            >>> PROTOCOL_3_14_12.with_timescales({meet: 10}).obligation(meet).deadline.describe(
            ...     "allocation")
            'local timescale: 10 working days after allocation (protocol: 15 working days)'
            >>> try:
            ...     PROTOCOL_3_14_12.with_timescales({"3.14.12/2/no-such": 10})
            ... except UnknownObligationError as error:
            ...     print(error.ids, isinstance(error, KeyError))
            ('3.14.12/2/no-such',) True

        Raises:
            UnknownObligationError: an id is not a case-level obligation of this protocol
                (every unknown id is named); also a ``KeyError`` and an
                [`InvalidArgumentError`][care_justice_protocol.InvalidArgumentError].
            InvalidArgumentError: a count is not a whole number of working days from 0 to
                3650, a shape is not a plain due-date shape, or a recurring obligation is
                given anything but a [`MonthsAfter`][care_justice_protocol.MonthsAfter].
        """
        known = {o.id: o for o in self.obligations}
        unknown = tuple(oid for oid in timescales if oid not in known)
        if unknown:
            raise UnknownObligationError(unknown, tuple(known), f"protocol {self.id}")
        changed = dict(known)
        for oid, value in timescales.items():
            original = known[oid].deadline
            if isinstance(original, LocalTimescale):
                original = original.replaces if original.replaces is not None else NoTimescale()
            shape = local_shape(oid, value, original)
            replaces = None if isinstance(original, NoTimescale) else original
            changed[oid] = attrs.evolve(known[oid], deadline=LocalTimescale(shape, replaces))
        return attrs.evolve(self, obligations=tuple(changed.values()))

    def with_rotations(self, rotations: Mapping[str, tuple[str, ...]]) -> Protocol:
        """A copy where periodic obligations whose notes rotate use a local order.

        Each order lists services the vocabulary declares, or ``"@<group>"`` for the
        members of a declared group party on the meeting's date (as the protocol file's
        ``notes_rotation`` does). Results then name the order as local:
        ``"rotation: local order: probation-service, then next-step (protocol: Next Step,
        CRC, the Salford NPS (...))"``.

        Examples:
            >>> from care_justice_protocol import PROTOCOL_3_14_13
            >>> oid = "3.14.13/3/quarterly-middle-management-meeting"
            >>> q = PROTOCOL_3_14_13.with_rotations({oid: ("@probation", "next-step")})
            >>> q.obligation(oid).rotation
            ('@probation', 'next-step')

        Raises:
            UnknownObligationError: an id is not a periodic obligation of this protocol.
            InvalidArgumentError: the obligation's notes do not rotate, or an order is
                empty, repeats an entry, or names an undeclared service or group.
        """
        known = {q.id: q for q in self.periodic}
        unknown = tuple(oid for oid in rotations if oid not in known)
        if unknown:
            raise UnknownObligationError(unknown, tuple(known), f"protocol {self.id}")
        problems = [
            f"{oid}: {problem}"
            for oid, order in rotations.items()
            for problem in self.rotation_problems(known[oid], order)
        ]
        if problems:
            raise InvalidArgumentError("; ".join(problems))
        out = []
        for q in self.periodic:
            if q.id in rotations:
                order = tuple(rotations[q.id])
                was = q.rotation_name or ", then ".join(q.rotation)
                if q.rotation_name.startswith(_LOCAL_ORDER):
                    was = q.rotation_name.partition(" (protocol: ")[2][:-1]
                name = f"{_LOCAL_ORDER}{', then '.join(order)} (protocol: {was})"
                q = attrs.evolve(q, rotation=order, rotation_name=name)
            out.append(q)
        return attrs.evolve(self, periodic=tuple(out))

    def rotation_problems(self, obligation: PeriodicObligation, order: object) -> list[str]:
        """What is wrong with ``order`` as the notes rotation of ``obligation`` (none: ``[]``).

        Examples:
            >>> from care_justice_protocol import PROTOCOL_3_14_13
            >>> [q] = PROTOCOL_3_14_13.periodic
            >>> for problem in PROTOCOL_3_14_13.rotation_problems(
            ...         q, ["next-step", "@police", "next-step"]):
            ...     print(problem)
            '@police' is not a declared group (declared: @probation)
            'next-step' is listed twice
        """
        if not obligation.notes_rotate:
            return ["its notes do not rotate (the protocol gives no notes_rotation)"]
        if isinstance(order, str) or not isinstance(order, tuple | list):
            return [f"expected a list of services, got {type(order).__name__}"]
        if not order:
            return ["expected at least one service"]
        vocabulary = self.vocabulary
        out: list[str] = []
        seen: set[object] = set()
        for entry in order:
            if not isinstance(entry, str):
                out.append(f"expected a service id, got {type(entry).__name__}")
            elif entry.startswith("@"):
                if entry[1:] not in vocabulary.groups:
                    groups = ", ".join("@" + g for g in vocabulary.groups) or "none"
                    out.append(f"{_safe_repr(entry)} is not a declared group (declared: {groups})")
            elif entry not in vocabulary.services:
                services = ", ".join(vocabulary.services) or "none"
                out.append(f"{_safe_repr(entry)} is not a declared service (declared: {services})")
            if isinstance(entry, str) and entry in seen:
                out.append(f"{_safe_repr(entry)} is listed twice")
            seen.add(entry)
        return out

    def with_policies(self, policies: Mapping[str, PeriodPolicy]) -> Protocol:
        """A copy where periodic obligations use the given period policies.

        Examples:
            >>> from care_justice_protocol import PROTOCOL_3_14_12, PeriodPolicy
            >>> oid = "3.14.12/3/quarterly-management-meeting"
            >>> policy = PeriodPolicy.AT_MOST_N_MONTHS_SINCE_LAST
            >>> PROTOCOL_3_14_12.with_policies({oid: policy}).obligation(oid).recurrence.policy
            <PeriodPolicy.AT_MOST_N_MONTHS_SINCE_LAST: 'at-most-n-months-since-last'>
            >>> PROTOCOL_3_14_12.with_policies({"3.14.12/3/no-such": policy})
            Traceback (most recent call last):
            ...
            care_justice_protocol.protocols._rules.UnknownObligationError: ...

        Raises:
            UnknownObligationError: an id is not a periodic obligation of this protocol
                (every unknown id is named).
        """
        known = tuple(p.id for p in self.periodic)
        unknown = tuple(oid for oid in policies if oid not in known)
        if unknown:
            raise UnknownObligationError(unknown, known, f"protocol {self.id}")
        out = []
        for p in self.periodic:
            if p.id in policies:
                rec = attrs.evolve(p.recurrence, policy=policies[p.id])
                p = attrs.evolve(p, recurrence=rec)
            out.append(p)
        return attrs.evolve(self, periodic=tuple(out))
