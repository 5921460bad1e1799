"""One factory for the `RuleBasedStateMachine` of every library machine.

`machine_rules(machine, event_for)` builds a Hypothesis state machine that fires random
transitions of ``machine`` (and random events, allowed or not), records a case event for
each transition it fires, and checks after every step that

* ``fire`` agrees with the transition table in the current state: every transition leads
  to its target, every other event of the machine raises :class:`InvalidTransition`
  naming the state and what it allows;
* replaying the recorded events gives the same state, entered on the date of the last
  step that changed state.

What the machine's constructor already guarantees (declared states, final states without
a way out, one initial state) is not re-checked here. A test file subclasses the class to
add what is specific to its machine.
"""

from __future__ import annotations

import unittest
from collections.abc import Callable
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from care_justice_protocol.machines import (
    EventLike,
    InvalidTransition,
    Machine,
    Replay,
    Transition,
)

#: The date of the first recorded event; each later step is one day after the previous.
START = date(2027, 2, 1)

#: Builds the case event that fires a transition, given its day number (0, 1, ...).
EventFor = Callable[[Transition[Any, Any], int], EventLike]


def guard_event(t: Transition[Any, Any], day: int) -> SimpleNamespace:
    """The default event source: the event's tag, its date and its guard's example fields."""
    fields = {} if t.guard is None else t.guard.example()
    return SimpleNamespace(type=str(t.event), on=START + timedelta(days=day), **fields)


def as_test_case(
    rules: type[RuleBasedStateMachine], *, max_examples: int | None = None
) -> type[unittest.TestCase]:
    """The pytest-collectable test case of ``rules``, with the suite's stateful settings.

    Hypothesis reads settings from the class whose ``TestCase`` runs (not from a base
    class), so each file passes its final class here. Runs are 20 steps long (enough to
    reach every state of these machines); ``max_examples`` caps the profile's number of
    runs, for machines so small that a few runs visit every transition.
    """
    runs = settings().max_examples  # the loaded profile
    if max_examples is not None:
        runs = min(runs, max_examples)
    return settings(stateful_step_count=20, max_examples=runs)(rules).TestCase


def machine_rules(
    machine: Machine[Any, Any], event_for: EventFor = guard_event
) -> type[RuleBasedStateMachine]:
    """A `RuleBasedStateMachine` class for ``machine``; ``event_for`` makes its log."""

    class Rules(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.machine = machine
            self.state: Any = machine.initial
            self.entered: date | None = None
            self.log: list[EventLike] = []

        def replayed(self) -> Replay[Any, Any]:
            return machine.replay(self.log)

        @precondition(lambda self: not machine.is_final(self.state))
        @rule(data=st.data())
        def fire_a_valid_transition(self, data: st.DataObject) -> None:
            t = data.draw(st.sampled_from(machine.transitions_from(self.state)))
            context = None if t.guard is None else t.guard.example()
            target = machine.fire(self.state, t.event, context)
            assert target == t.target
            recorded = event_for(t, len(self.log))
            self.log.append(recorded)
            if target != self.state:
                self.entered = recorded.on
            self.state = target

        @rule(event=st.sampled_from(machine.events))
        def fire_any_event(self, event: Any) -> None:
            allowed = machine.allowed(self.state)
            if event in allowed:
                return
            with pytest.raises(InvalidTransition) as caught:
                machine.fire(self.state, event, {})
            assert (caught.value.state, caught.value.event) == (self.state, event)
            assert caught.value.allowed == allowed

        @invariant()
        def fire_agrees_with_the_transitions_of_the_state(self) -> None:
            for t in machine.transitions_from(self.state):
                context = None if t.guard is None else t.guard.example()
                assert machine.fire(self.state, t.event, context) == t.target
            for event in set(machine.events) - set(machine.allowed(self.state)):
                with pytest.raises(InvalidTransition):
                    machine.fire(self.state, event, {})

        @invariant()
        def replaying_the_log_gives_the_same_state_and_date(self) -> None:
            replay = self.replayed()
            assert replay.state == self.state
            assert replay.since == self.entered
            assert len(replay.steps) == len(self.log)
            assert replay.anomalies == ()

    Rules.__name__ = Rules.__qualname__ = f"Rules[{machine.name}]"
    return Rules
