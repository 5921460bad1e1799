"""A small, typed, declarative state-machine core.

A [`Machine`][care_justice_protocol.Machine] is data: declared states
([`StateSpec`][care_justice_protocol.StateSpec]), transitions
([`Transition`][care_justice_protocol.Transition]) with optional guards
([`Guard`][care_justice_protocol.Guard]), exactly one initial state and any number of final states.
It has no threads, no mutation and no callbacks: a state is a plain value (a ``enum.StrEnum`` member
or a string) and [`Machine.fire`][care_justice_protocol.Machine.fire] returns the next one.

The definition is checked when the machine is built, and every problem found is reported
at once in an [`InvalidMachineDefinition`][care_justice_protocol.InvalidMachineDefinition]:

* exactly one initial state;
* every transition's source and target is a declared state, and every transition cites
  its clause;
* every state is reachable from the initial state;
* every non-final state has a way out (a transition to *another* state), and final states
  have no outgoing transitions;
* no two transitions from one state on one event can both apply (see
  [`Guard`][care_justice_protocol.Guard] for how that is decided).

Examples:
    >>> from enum import StrEnum
    >>> class Light(StrEnum):
    ...     RED = "red"
    ...     GREEN = "green"
    ...     OFF = "off"
    >>> class Press(StrEnum):
    ...     GO = "go"
    ...     STOP = "stop"
    ...     UNPLUG = "unplug"
    >>> lights = Machine(
    ...     name="lights",
    ...     title="Traffic lights",
    ...     states=[
    ...         StateSpec(Light.RED, "stopped", initial=True),
    ...         StateSpec(Light.GREEN, "moving"),
    ...         StateSpec(Light.OFF, "unplugged", final=True),
    ...     ],
    ...     transitions=[
    ...         Transition(Light.RED, Press.GO, Light.GREEN, clause="rule 1"),
    ...         Transition(Light.GREEN, Press.STOP, Light.RED, clause="rule 2"),
    ...         Transition(Light.RED, Press.UNPLUG, Light.OFF, clause="rule 3"),
    ...     ],
    ... )
    >>> lights.fire(Light.RED, Press.GO)
    <Light.GREEN: 'green'>
    >>> lights.allowed(Light.GREEN)
    (<Press.STOP: 'stop'>,)
    >>> lights.fire(Light.GREEN, Press.GO)
    Traceback (most recent call last):
    ...
    care_justice_protocol.machines._core.InvalidTransition: lights: event 'go' is not allowed \
in state 'green'; allowed events: 'stop'
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from datetime import date
from operator import attrgetter
from typing import Any, Final, Generic, NamedTuple, Protocol, TypeVar

import attrs

from .._errors import CareJusticeError, InvalidArgumentError

__all__ = [
    "EventLike",
    "Guard",
    "InvalidMachineDefinition",
    "InvalidTransition",
    "Machine",
    "Replay",
    "StateSpec",
    "Step",
    "Transition",
    "Translate",
]

S = TypeVar("S", bound=str)
"""The type of a machine's states (a ``enum.StrEnum``, or ``str``)."""
E = TypeVar("E", bound=str)
"""The type of a machine's events (a ``enum.StrEnum``, or ``str``)."""


class _Missing:
    """A field an event does not have; never equal to any guard value."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<missing>"


_MISSING: Final = _Missing()


def _plain(value: object) -> str:
    """A state or event as the plain string users see in messages (no enum repr)."""
    return str.__str__(value) if isinstance(value, str) else str(value)


def _quoted(values: Iterable[object]) -> str:
    return ", ".join(repr(_plain(v)) for v in values)


# --------------------------------------------------------------------------- errors


class InvalidTransition(CareJusticeError, ValueError):  # noqa: N818 (name set by STYLE.md)
    """An event was fired in a state that does not allow it.

    Attributes:
        machine: the machine's name.
        state: the state the event was fired in.
        event: the event.
        allowed: the events the state does allow, in declaration order.
        detail: why a guarded event did not apply, or ``""``.
        on: the date of the offending event when it came from a replayed log.
    """

    def __init__(
        self,
        machine: str,
        state: object,
        event: object,
        allowed: Sequence[object],
        detail: str = "",
        on: date | None = None,
    ) -> None:
        self.machine = machine
        self.state = state
        self.event = event
        self.allowed: tuple[object, ...] = tuple(allowed)
        self.detail = detail
        self.on = on
        when = f" (event dated {on.isoformat()})" if on is not None else ""
        why = f" ({detail})" if detail else ""
        valid = _quoted(self.allowed) if self.allowed else "none (final state)"
        super().__init__(
            f"{machine}: event {_plain(event)!r} is not allowed in state {_plain(state)!r}"
            f"{why}{when}; allowed events: {valid}"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            type(self),
            (self.machine, self.state, self.event, self.allowed, self.detail, self.on),
        )


class InvalidMachineDefinition(CareJusticeError, ValueError):  # noqa: N818 (pairs with above)
    """A machine definition failed its checks; ``problems`` lists every failure found.

    Attributes:
        machine: the machine's name.
        problems: one sentence per problem, each quoting the offending values.
    """

    def __init__(self, machine: str, problems: Sequence[str]) -> None:
        self.machine = machine
        self.problems: tuple[str, ...] = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"invalid machine {machine!r}: {count} {noun}\n{lines}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.machine, self.problems))


# --------------------------------------------------------------------------- guards


def _frozen_tests(
    tests: Iterable[tuple[str, frozenset[Hashable]]],
) -> tuple[tuple[str, frozenset[Hashable]], ...]:
    merged: dict[str, frozenset[Hashable]] = {}
    for field, values in tests:
        if not field:
            raise InvalidArgumentError("a guard's field name must not be empty")
        values = frozenset(values)
        merged[field] = merged[field] & values if field in merged else values
        if not merged[field]:
            raise InvalidArgumentError(
                f"guard on field {field!r} can never hold: it allows no value"
            )
    return tuple(sorted(merged.items()))


def _value_text(value: object) -> str:
    return repr(_plain(value)) if isinstance(value, str) else repr(value)


@attrs.frozen
class Guard:
    """A named, pure predicate over an event's fields.

    A guard is a conjunction of *field tests*: each named field of the event must have one
    of the listed values. Guards are data, not functions, so that a machine can decide
    when it is built whether two guards can both hold.

    **How mutual exclusion is proven.** Two guards exclude each other exactly when some
    field is tested by both with *disjoint* value sets: a field has one value, so it
    cannot lie in two disjoint sets. The check is exact, not just cautious: if no such
    field exists, the context that gives every shared field a common value and every
    other field one of its allowed values satisfies both guards, and the definition check
    reports that context as a witness
    ([`overlap_witness`][care_justice_protocol.Guard.overlap_witness]). An unguarded transition
    overlaps every other transition on the same state and event.

    Examples:
        >>> custody = Guard.equals("outcome", "custody")
        >>> str(custody)
        "outcome == 'custody'"
        >>> custody.holds({"outcome": "custody"}), custody.holds({"outcome": "dto"})
        (True, False)
        >>> custody.excludes(Guard.one_of("outcome", ["dto", "community-order"]))
        True
        >>> custody.overlap_witness(Guard.equals("kind", "joint"))
        {'kind': 'joint', 'outcome': 'custody'}
    """

    tests: tuple[tuple[str, frozenset[Hashable]], ...] = attrs.field(converter=_frozen_tests)

    @classmethod
    def equals(cls, field: str, value: Hashable) -> Guard:
        """A guard that holds when ``field`` equals ``value``."""
        return cls(((field, frozenset((value,))),))

    @classmethod
    def one_of(cls, field: str, values: Iterable[Hashable]) -> Guard:
        """A guard that holds when ``field`` is one of ``values``."""
        return cls(((field, frozenset(values)),))

    def __and__(self, other: Guard) -> Guard:
        """Both guards at once (field tests on the same field intersect)."""
        return Guard(self.tests + other.tests)

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of the fields this guard reads, sorted."""
        return tuple(field for field, _ in self.tests)

    def holds(self, context: Mapping[str, object]) -> bool:
        """Whether every field test holds; a missing field never holds."""
        for field, values in self.tests:
            value = context.get(field, _MISSING)
            try:
                if value not in values:
                    return False
            except TypeError:  # an unhashable value equals none of the (hashable) values
                return False
        return True

    def excludes(self, other: Guard) -> bool:
        """Whether no event can satisfy both guards (see the class docstring)."""
        return self.overlap_witness(other) is None

    def overlap_witness(self, other: Guard) -> dict[str, object] | None:
        """A context satisfying both guards, or ``None`` when they exclude each other."""
        mine = dict(self.tests)
        theirs = dict(other.tests)
        witness: dict[str, object] = {}
        for field in sorted(mine.keys() | theirs.keys()):
            if field in mine and field in theirs:
                common = mine[field] & theirs[field]
                if not common:
                    return None
                witness[field] = _first(common)
            else:
                witness[field] = _first(mine.get(field) or theirs[field])
        return witness

    def example(self) -> dict[str, object]:
        """A context that satisfies this guard (the first allowed value of each field)."""
        return {field: _first(values) for field, values in self.tests}

    def __str__(self) -> str:
        parts = []
        for field, values in self.tests:
            ordered = _ordered(values)
            if len(ordered) == 1:
                (value,) = ordered
                op = "is" if isinstance(value, bool) or value is None else "=="
                parts.append(f"{field} {op} {_value_text(value)}")
            else:
                parts.append(f"{field} in ({', '.join(_value_text(v) for v in ordered)})")
        return " and ".join(parts)


def _ordered(values: frozenset[Hashable]) -> list[Hashable]:
    return sorted(values, key=lambda v: (type(v).__name__, repr(v)))


def _first(values: frozenset[Hashable]) -> Hashable:
    return _ordered(values)[0]


# --------------------------------------------------------------------------- definitions


@attrs.frozen
class StateSpec(Generic[S]):
    """A declared state: its value, what it means, the clause it comes from, its kind.

    Attributes:
        state: the state value (a ``StrEnum`` member or a string).
        description: what being in this state means, in a sentence.
        clause: the protocol clause the state comes from (``""`` when none applies).
        initial: whether this is the machine's initial state (exactly one must be).
        final: whether this state ends the machine (it then has no outgoing transitions).
    """

    state: S
    description: str
    clause: str = ""
    initial: bool = attrs.field(default=False, kw_only=True)
    final: bool = attrs.field(default=False, kw_only=True)


@attrs.frozen
class Transition(Generic[S, E]):
    """``source --event [guard]--> target``, citing the clause that creates it.

    Attributes:
        source: the state the transition leaves.
        event: the event that fires it.
        target: the state it enters (may equal ``source``: a self-loop).
        clause: the protocol clause, e.g. ``"3.14.12 §2"``.
        guard: a condition on the event's fields, or ``None`` (always applies).
        note: a short quotation or explanation shown in the transition table.
    """

    source: S
    event: E
    target: S
    clause: str = attrs.field(kw_only=True)
    guard: Guard | None = attrs.field(default=None, kw_only=True)
    note: str = attrs.field(default="", kw_only=True)

    def label(self) -> str:
        """``event`` or ``event [guard]``, as drawn on diagrams."""
        event = _plain(self.event)
        return event if self.guard is None else f"{event} [{self.guard}]"


class EventLike(Protocol):
    """What replay needs of a case event: a type tag and the date it happened.

    The library's event classes (frozen, with a class-level ``type`` tag and an ``on``
    date) satisfy it, and so does any object with those two attributes. Guards read other
    fields of the event by attribute name.
    """

    @property
    def type(self) -> str: ...

    @property
    def on(self) -> date: ...


Translate = Callable[[EventLike], tuple[str, Mapping[str, object]] | None]
"""Maps a case event to ``(machine event, guard context)``, or ``None`` to skip it."""


class Step(NamedTuple, Generic[S, E]):
    """One event that fired during a replay."""

    on: date
    event: E
    source: S
    target: S


@attrs.frozen
class Replay(Generic[S, E]):
    """The result of replaying a case's event log through a machine.

    Attributes:
        state: the state after the last applicable event.
        since: the date the machine entered ``state`` (``None`` while still initial).
            Self-loops do not move it.
        steps: every event that fired, in the order applied.
        anomalies: events that were known to the machine but not allowed where they
            occurred, collected instead of raised when ``strict=False``; the state was
            left unchanged by each of them.
    """

    state: S
    since: date | None
    steps: tuple[Step[S, E], ...]
    anomalies: tuple[InvalidTransition, ...] = ()


_BY_DATE: Final = attrgetter("on")


def _kept(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


@attrs.frozen(eq=False)
class Machine(Generic[S, E]):
    """A checked, immutable state machine over states ``S`` and events ``E``.

    Build one from [`StateSpec`][care_justice_protocol.StateSpec] and
    [`Transition`][care_justice_protocol.Transition] values; the definition is checked at once (see
    the module docstring) and a lookup table keyed by ``(state, event)`` is precomputed, so
    [`fire`][care_justice_protocol.Machine.fire] is a dictionary lookup.

    Args:
        name: a short identifier, used in error messages (``"joint-case-lifecycle"``).
        title: a human title for docs.
        states: the declared states; exactly one must be ``initial``.
        transitions: the transitions, in the order they should be documented.
        clause: the clauses the machine as a whole encodes, for docs.
        translate: the machine's own reading of case events for
            [`replay`][care_justice_protocol.Machine.replay], when the default (type tag, fields
            read by name) is not enough.

    Raises:
        InvalidMachineDefinition: listing every problem found in the definition.
    """

    name: str
    title: str
    states: tuple[StateSpec[S], ...] = attrs.field(converter=_kept)
    transitions: tuple[Transition[S, E], ...] = attrs.field(converter=_kept)
    clause: str = attrs.field(default="", kw_only=True)
    translate: Translate | None = attrs.field(default=None, kw_only=True, repr=False)

    _table: dict[tuple[S, E], S] = attrs.field(init=False, repr=False)
    _guarded: dict[tuple[S, E], tuple[Transition[S, E], ...]] = attrs.field(init=False, repr=False)
    _allowed: dict[S, tuple[E, ...]] = attrs.field(init=False, repr=False)
    _outgoing: dict[S, tuple[Transition[S, E], ...]] = attrs.field(init=False, repr=False)
    _specs: dict[S, StateSpec[S]] = attrs.field(init=False, repr=False)
    _events: dict[str, E] = attrs.field(init=False, repr=False)
    _relevance: dict[E, tuple[Guard, ...] | None] = attrs.field(init=False, repr=False)
    _guard_fields: dict[E, tuple[str, ...]] = attrs.field(init=False, repr=False)
    _initial: S = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        problems = _check_definition(self.states, self.transitions)
        if problems:
            raise InvalidMachineDefinition(self.name, problems)
        specs = {spec.state: spec for spec in self.states}
        table: dict[tuple[S, E], S] = {}
        guarded: dict[tuple[S, E], list[Transition[S, E]]] = {}
        outgoing: dict[S, list[Transition[S, E]]] = {spec.state: [] for spec in self.states}
        allowed: dict[S, list[E]] = {spec.state: [] for spec in self.states}
        events: dict[str, E] = {}
        relevance: dict[E, list[Guard] | None] = {}
        guard_fields: dict[E, set[str]] = {}
        for t in self.transitions:
            outgoing[t.source].append(t)
            if t.event not in allowed[t.source]:
                allowed[t.source].append(t.event)
            events.setdefault(_plain(t.event), t.event)
            if t.guard is None:
                table[t.source, t.event] = t.target
                relevance[t.event] = None
            else:
                guarded.setdefault((t.source, t.event), []).append(t)
                guard_fields.setdefault(t.event, set()).update(t.guard.fields)
                known = relevance.setdefault(t.event, [])
                if known is not None and t.guard not in known:
                    known.append(t.guard)
        setattr_ = object.__setattr__
        setattr_(self, "_table", table)
        setattr_(self, "_guarded", {k: tuple(v) for k, v in guarded.items()})
        setattr_(self, "_allowed", {k: tuple(v) for k, v in allowed.items()})
        setattr_(self, "_outgoing", {k: tuple(v) for k, v in outgoing.items()})
        setattr_(self, "_specs", specs)
        setattr_(self, "_events", events)
        setattr_(
            self,
            "_relevance",
            {k: None if v is None else tuple(v) for k, v in relevance.items()},
        )
        setattr_(self, "_guard_fields", {k: tuple(sorted(v)) for k, v in guard_fields.items()})
        setattr_(self, "_initial", next(s.state for s in self.states if s.initial))

    # ----------------------------------------------------------------- the hot path

    def fire(self, state: S, event: E, context: Mapping[str, object] | None = None) -> S:
        """The state after ``event`` in ``state``.

        Args:
            state: the current state.
            event: the event to apply.
            context: the event's fields, read by guards (e.g. ``{"outcome": "custody"}``);
                needed only for guarded events.

        Returns:
            The next state (``state`` itself for a self-loop). Nothing is mutated.

        Raises:
            InvalidTransition: the state does not allow the event, or no guard holds.
        """
        target = self._table.get((state, event))
        if target is not None:
            return target
        return self._fire_guarded(state, event, context, None)

    def _fire_guarded(
        self, state: S, event: E, context: Mapping[str, object] | None, on: date | None
    ) -> S:
        options = self._guarded.get((state, event))
        if options is None:
            if state not in self._specs:
                raise InvalidTransition(
                    self.name,
                    state,
                    event,
                    (),
                    f"{_plain(state)!r} is not a state of this machine; states: "
                    + _quoted(self._specs),
                    on,
                )
            raise InvalidTransition(self.name, state, event, self._allowed[state], "", on)
        if context is not None:
            for t in options:
                assert t.guard is not None  # only guarded transitions are stored here
                if t.guard.holds(context):
                    return t.target
        fields = sorted({f for t in options if t.guard for f in t.guard.fields})
        seen = (
            "no event fields given"
            if context is None
            else ", ".join(f"{f}={context.get(f, _MISSING)!r}" for f in fields)
        )
        wanted = " or ".join(str(t.guard) for t in options)
        raise InvalidTransition(
            self.name,
            state,
            event,
            self._allowed[state],
            f"no guard holds: needs {wanted}; got {seen}",
            on,
        )

    # ----------------------------------------------------------------- inspection

    @property
    def initial(self) -> S:
        """The initial state."""
        return self._initial

    @property
    def finals(self) -> tuple[S, ...]:
        """The final states, in declaration order."""
        return tuple(spec.state for spec in self.states if spec.final)

    @property
    def events(self) -> tuple[E, ...]:
        """Every event some transition uses, in order of first use."""
        return tuple(self._events.values())

    def spec(self, state: S) -> StateSpec[S]:
        """The declaration of ``state``.

        Raises:
            InvalidArgumentError: ``state`` is not a state of this machine.
        """
        try:
            return self._specs[state]
        except KeyError:
            raise InvalidArgumentError(
                f"{self.name}: {_plain(state)!r} is not a state; states: {_quoted(self._specs)}"
            ) from None

    def is_final(self, state: S) -> bool:
        """Whether ``state`` is a final state."""
        return self.spec(state).final

    def allowed(self, state: S) -> tuple[E, ...]:
        """The events ``state`` allows (guarded ones included), in declaration order."""
        self.spec(state)
        return self._allowed[state]

    def transitions_from(self, state: S) -> tuple[Transition[S, E], ...]:
        """The transitions leaving ``state``, in declaration order."""
        self.spec(state)
        return self._outgoing[state]

    def event(self, tag: str) -> E | None:
        """The machine event whose value is ``tag``, or ``None`` if the machine lacks it."""
        return self._events.get(tag)

    def is_relevant(self, event: E, context: Mapping[str, object]) -> bool:
        """Whether an event with these fields concerns this machine at all.

        An event is relevant when some transition uses it unguarded, or when its fields
        satisfy at least one of the guards the machine has on it, in any state. A
        ``meeting-held`` event of a kind no lifecycle guard names (a MAPPA review, say)
        is not a lifecycle event; a case-worker meeting held in the wrong state is.
        """
        guards = self._relevance.get(event, ())
        if guards is None:
            return True
        return any(g.holds(context) for g in guards)

    # ----------------------------------------------------------------- replay

    def replay(
        self,
        events: Iterable[EventLike],
        *,
        translate: Translate | None = None,
        strict: bool = True,
        until: date | None = None,
    ) -> Replay[S, E]:
        """Fold a case's event log through the machine, with no side effects.

        Events are applied in date order; events on the same date keep the order given
        (their recording order): the sort is stable, so replay is deterministic.

        Each event is first *translated* into a machine event and a guard context. By
        default the event's ``type`` tag is the machine event and the fields the
        machine's guards read are taken from the event's attributes. Events are then
        skipped, silently, when

        * their tag is not one of the machine's events (``document-shared`` means nothing
          to the justice pathway), or ``translate`` returned ``None``;
        * they are not [relevant][care_justice_protocol.Machine.is_relevant] (a ``meeting-held`` of
          a kind no guard names);
        * they are dated after ``until``.

        Args:
            events: the case's events, in recording order.
            translate: maps an event to ``(machine event tag, context)`` or ``None``;
                defaults to the machine's own ``translate``, if it has one.
            strict: raise on the first event the machine knows but the current state does
                not allow (the default); when ``False``, collect such events in
                [`Replay.anomalies`][care_justice_protocol.Replay], leave the state unchanged and go
                on.
            until: ignore events dated after this day (an as-of date).

        Returns:
            The final state, the date it was entered, the steps taken and any anomalies.

        Raises:
            InvalidTransition: with ``strict=True``, for the first disallowed event; its
                ``on`` attribute is the event's date.
        """
        state = self._initial
        since: date | None = None
        steps: list[Step[S, E]] = []
        anomalies: list[InvalidTransition] = []
        if translate is None:
            translate = self.translate
        table = self._table
        known = self._events
        guard_fields = self._guard_fields
        relevance = self._relevance
        for item in sorted(events, key=_BY_DATE):
            on = item.on
            if until is not None and on > until:
                break
            context: Mapping[str, object] | None
            if translate is None:
                event = known.get(item.type)
                if event is None:
                    continue
                names = guard_fields.get(event)
                context = None if names is None else {n: getattr(item, n, _MISSING) for n in names}
            else:
                translated = translate(item)
                if translated is None:
                    continue
                tag, context = translated
                event = known.get(tag)
                if event is None:
                    continue
            guards = relevance[event]
            if guards is not None and (
                context is None or not any(g.holds(context) for g in guards)
            ):
                continue
            target = table.get((state, event))
            if target is None:
                try:
                    target = self._fire_guarded(state, event, context, on)
                except InvalidTransition as error:
                    if strict:
                        raise
                    anomalies.append(error)
                    continue
            steps.append(Step(on, event, state, target))
            if target != state:
                since = on
                state = target
        return Replay(state, since, tuple(steps), tuple(anomalies))


def _check_definition(
    states: Sequence[StateSpec[S]], transitions: Sequence[Transition[S, E]]
) -> list[str]:
    """Every problem with a definition, as sentences quoting the offending values."""
    problems: list[str] = []
    declared: dict[S, StateSpec[S]] = {}
    for spec in states:
        if not _plain(spec.state):
            problems.append("a state value is the empty string; states need a name")
        if spec.state in declared:
            problems.append(f"state {_plain(spec.state)!r} is declared more than once")
        declared[spec.state] = spec
    initials = [s.state for s in states if s.initial]
    if len(initials) != 1:
        found = _quoted(initials) if initials else "none"
        problems.append(f"expected exactly one initial state, found {len(initials)}: {found}")
    for t in transitions:
        where = f"transition {_plain(t.source)!r} --{t.label()}--> {_plain(t.target)!r}"
        for role, value in (("source", t.source), ("target", t.target)):
            if value not in declared:
                problems.append(f"{where}: {role} {_plain(value)!r} is not a declared state")
        if not t.clause.strip():
            problems.append(f"{where} cites no clause")
    valid = [t for t in transitions if t.source in declared and t.target in declared]

    for spec in states:
        if spec.final:
            leaving = [t for t in valid if t.source == spec.state]
            if leaving:
                problems.append(
                    f"final state {_plain(spec.state)!r} has outgoing transitions on "
                    f"{_quoted(dict.fromkeys(t.event for t in leaving))}; final states end "
                    "the machine"
                )
        elif not any(t.source == spec.state and t.target != spec.state for t in valid):
            problems.append(
                f"non-final state {_plain(spec.state)!r} has no way out (no transition to "
                "another state): add one or mark it final"
            )

    if len(initials) == 1:
        reached = {initials[0]}
        queue = deque(reached)
        while queue:
            here = queue.popleft()
            for t in valid:
                if t.source == here and t.target not in reached:
                    reached.add(t.target)
                    queue.append(t.target)
        problems.extend(
            f"state {_plain(spec.state)!r} is unreachable from the initial state "
            f"{_plain(initials[0])!r}"
            for spec in states
            if spec.state not in reached
        )

    groups: dict[tuple[S, E], list[Transition[S, E]]] = {}
    for t in valid:
        groups.setdefault((t.source, t.event), []).append(t)
    for (source, event), group in groups.items():
        for i, first in enumerate(group):
            for second in group[i + 1 :]:
                where = f"in state {_plain(source)!r} on {_plain(event)!r}"
                if first.guard is None or second.guard is None:
                    problems.append(
                        f"{where}: transitions to {_plain(first.target)!r} and "
                        f"{_plain(second.target)!r} overlap: an unguarded transition "
                        "cannot share its state and event with another"
                    )
                    continue
                witness = first.guard.overlap_witness(second.guard)
                if witness is not None:
                    problems.append(
                        f"{where}: guards {str(first.guard)!r} and {str(second.guard)!r} "
                        f"can both hold, e.g. for {witness!r}; make them test one field "
                        "with disjoint values"
                    )
    return problems
