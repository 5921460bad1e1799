"""The machine core: definitions checked when built, fire, guards, replay, export."""

from __future__ import annotations

import contextlib
import importlib.util
import pickle
import random
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol import BUNDLED_PROTOCOLS, MACHINES, YOS_NEXT_STEPS_LADDER
from care_justice_protocol._errors import CareJusticeError, InvalidArgumentError
from care_justice_protocol.compliance import protocol_machines
from care_justice_protocol.machines._core import (
    Guard,
    InvalidMachineDefinition,
    InvalidTransition,
    Machine,
    StateSpec,
    Transition,
)
from care_justice_protocol.machines._justice import JUSTICE_PATHWAY
from care_justice_protocol.machines._lifecycle import LIFECYCLE
from care_justice_protocol.machines._registry import CORE_MACHINES, machine_named, machine_registry
from care_justice_protocol.machines._render import to_markdown_table, to_mermaid

ROOT = Path(__file__).resolve().parent.parent


class Door(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    LOCKED = "locked"
    GONE = "gone"


class Act(StrEnum):
    OPEN = "open"
    SHUT = "shut"
    LOCK = "lock"
    UNLOCK = "unlock"
    REMOVE = "remove"


def door_machine() -> Machine[Door, Act]:
    """A door: 'remove' is guarded on who removes it (only a 'builder' may)."""
    return Machine(
        name="door",
        title="A door",
        states=[
            StateSpec(Door.CLOSED, "shut", "c1", initial=True),
            StateSpec(Door.OPEN, "open", "c2"),
            StateSpec(Door.LOCKED, "locked", "c3"),
            StateSpec(Door.GONE, "removed", "c4", final=True),
        ],
        transitions=[
            Transition(Door.CLOSED, Act.OPEN, Door.OPEN, clause="c2"),
            Transition(Door.OPEN, Act.SHUT, Door.CLOSED, clause="c1"),
            Transition(Door.CLOSED, Act.LOCK, Door.LOCKED, clause="c3"),
            Transition(Door.LOCKED, Act.UNLOCK, Door.CLOSED, clause="c1"),
            Transition(
                Door.OPEN,
                Act.REMOVE,
                Door.GONE,
                clause="c4",
                guard=Guard.equals("by", "builder"),
            ),
            Transition(
                Door.OPEN,
                Act.REMOVE,
                Door.OPEN,
                clause="c4",
                guard=Guard.one_of("by", ["child", "cat"]),
                note="nothing happens",
            ),
        ],
    )


DOOR = door_machine()


def build(
    states: list[StateSpec[str]], transitions: list[Transition[str, str]]
) -> Machine[str, str]:
    return Machine(name="broken", title="Broken", states=states, transitions=transitions)


def ev(tag: str, on: date, **fields: object) -> SimpleNamespace:
    return SimpleNamespace(type=tag, on=on, **fields)


D1, D2, D3, D4 = (date(2026, 11, 23) + timedelta(days=i) for i in range(4))


class TestFire:
    def test_an_allowed_event_returns_the_next_state(self) -> None:
        assert DOOR.fire(Door.CLOSED, Act.OPEN) is Door.OPEN

    def test_a_plain_string_event_finds_the_same_transition_as_the_enum(self) -> None:
        assert DOOR.fire(Door.CLOSED, "open") is Door.OPEN  # type: ignore[arg-type]

    def test_a_disallowed_event_raises_naming_state_event_and_allowed_events(self) -> None:
        with pytest.raises(InvalidTransition) as caught:
            DOOR.fire(Door.LOCKED, Act.OPEN)
        error = caught.value
        assert (error.machine, error.state, error.event) == ("door", Door.LOCKED, Act.OPEN)
        assert error.allowed == (Act.UNLOCK,)
        assert str(error) == (
            "door: event 'open' is not allowed in state 'locked'; allowed events: 'unlock'"
        )

    def test_invalid_transition_is_a_value_error_and_a_library_error(self) -> None:
        with pytest.raises(ValueError, match="not allowed"):
            DOOR.fire(Door.GONE, Act.OPEN)
        assert issubclass(InvalidTransition, CareJusticeError)

    def test_a_final_state_says_no_event_is_allowed(self) -> None:
        with pytest.raises(InvalidTransition, match=r"allowed events: none \(final state\)"):
            DOOR.fire(Door.GONE, Act.SHUT)

    def test_an_unknown_state_is_named_with_the_valid_states(self) -> None:
        with pytest.raises(InvalidTransition, match="'ajar' is not a state of this machine"):
            DOOR.fire("ajar", Act.OPEN)  # type: ignore[arg-type]

    def test_a_guarded_event_follows_the_guard_that_holds(self) -> None:
        assert DOOR.fire(Door.OPEN, Act.REMOVE, {"by": "builder"}) is Door.GONE
        assert DOOR.fire(Door.OPEN, Act.REMOVE, {"by": "cat"}) is Door.OPEN

    def test_a_guarded_event_with_no_holding_guard_explains_what_was_needed(self) -> None:
        with pytest.raises(InvalidTransition) as caught:
            DOOR.fire(Door.OPEN, Act.REMOVE, {"by": "burglar"})
        assert "needs by == 'builder' or by in ('cat', 'child'); got by='burglar'" in str(
            caught.value
        )

    def test_a_guarded_event_without_fields_says_none_were_given(self) -> None:
        with pytest.raises(InvalidTransition, match="no event fields given"):
            DOOR.fire(Door.OPEN, Act.REMOVE)

    def test_invalid_transition_survives_pickling(self) -> None:
        with pytest.raises(InvalidTransition) as caught:
            DOOR.fire(Door.LOCKED, Act.OPEN)
        again = pickle.loads(pickle.dumps(caught.value))
        assert str(again) == str(caught.value)
        assert again.allowed == caught.value.allowed


class TestInspection:
    def test_allowed_lists_events_in_declaration_order_once_each(self) -> None:
        assert DOOR.allowed(Door.OPEN) == (Act.SHUT, Act.REMOVE)

    def test_initial_finals_and_events_come_from_the_declarations(self) -> None:
        assert DOOR.initial is Door.CLOSED
        assert DOOR.finals == (Door.GONE,)
        assert DOOR.events == (Act.OPEN, Act.SHUT, Act.LOCK, Act.UNLOCK, Act.REMOVE)

    def test_an_unknown_state_is_an_invalid_argument(self) -> None:
        with pytest.raises(InvalidArgumentError, match="'ajar' is not a state"):
            DOOR.allowed("ajar")  # type: ignore[arg-type]

    def test_event_maps_a_tag_to_the_machine_event(self) -> None:
        assert DOOR.event("lock") is Act.LOCK
        assert DOOR.event("paint") is None

    def test_relevance_depends_on_guard_values_anywhere_in_the_machine(self) -> None:
        assert DOOR.is_relevant(Act.REMOVE, {"by": "cat"})
        assert not DOOR.is_relevant(Act.REMOVE, {"by": "wind"})
        assert DOOR.is_relevant(Act.OPEN, {})


class TestGuard:
    def test_equals_holds_only_for_its_value(self) -> None:
        guard = Guard.equals("outcome", "custody")
        assert guard.holds({"outcome": "custody"})
        assert not guard.holds({"outcome": "dto"})

    def test_a_missing_field_never_holds(self) -> None:
        assert not Guard.equals("outcome", None).holds({})

    def test_an_unhashable_value_does_not_hold(self) -> None:
        assert not Guard.equals("kind", "x").holds({"kind": ["x"]})

    def test_and_combines_tests_and_intersects_a_shared_field(self) -> None:
        guard = Guard.one_of("a", [1, 2]) & Guard.one_of("a", [2, 3]) & Guard.equals("b", "x")
        assert guard == Guard((("a", frozenset({2})), ("b", frozenset({"x"}))))
        assert str(guard) == "a == 2 and b == 'x'"

    def test_a_guard_that_can_never_hold_is_refused(self) -> None:
        with pytest.raises(InvalidArgumentError, match="guard on field 'a' can never hold"):
            Guard.one_of("a", [1]) & Guard.one_of("a", [2])

    def test_an_empty_field_name_is_refused(self) -> None:
        with pytest.raises(InvalidArgumentError, match="must not be empty"):
            Guard.equals("", 1)

    def test_disjoint_values_on_a_shared_field_exclude(self) -> None:
        assert Guard.equals("k", 1).excludes(Guard.one_of("k", [2, 3]))

    def test_different_fields_overlap_with_a_witness_satisfying_both(self) -> None:
        first, second = Guard.equals("a", 1), Guard.equals("b", 2)
        witness = first.overlap_witness(second)
        assert witness == {"a": 1, "b": 2}
        assert first.holds(witness)
        assert second.holds(witness)

    @given(
        st.frozensets(st.integers(0, 5), min_size=1),
        st.frozensets(st.integers(0, 5), min_size=1),
        st.dictionaries(st.sampled_from("xyz"), st.integers(0, 5)),
    )
    def test_exclusion_is_exact_no_context_satisfies_two_excluding_guards(
        self, mine: frozenset[int], theirs: frozenset[int], other: dict[str, int]
    ) -> None:
        first, second = Guard.one_of("k", mine), Guard.one_of("k", theirs)
        if first.excludes(second):
            for value in range(6):
                context = {**other, "k": value}
                assert not (first.holds(context) and second.holds(context))
        else:
            witness = first.overlap_witness(second)
            assert witness is not None
            assert first.holds(witness)
            assert second.holds(witness)

    def test_example_satisfies_the_guard(self) -> None:
        guard = Guard.one_of("outcome", ["dto", "custody"]) & Guard.equals("on_licence", True)
        assert guard.holds(guard.example())

    def test_booleans_render_with_is(self) -> None:
        assert str(Guard.equals("open_to_other", False)) == "open_to_other is False"


def _ok_states() -> list[StateSpec[str]]:
    return [
        StateSpec("a", "start", initial=True),
        StateSpec("b", "middle"),
        StateSpec("z", "end", final=True),
    ]


def _ok_transitions() -> list[Transition[str, str]]:
    return [
        Transition("a", "go", "b", clause="x"),
        Transition("b", "stop", "z", clause="x"),
    ]


class TestDefinitionChecks:
    def test_a_well_formed_definition_builds(self) -> None:
        assert build(_ok_states(), _ok_transitions()).initial == "a"

    def test_two_initial_states_are_rejected_by_name(self) -> None:
        states = [*_ok_states(), StateSpec("c", "second start", initial=True)]
        transitions = [*_ok_transitions(), Transition("c", "go", "b", clause="x")]
        with pytest.raises(InvalidMachineDefinition) as caught:
            build(states, transitions)
        assert caught.value.problems == ("expected exactly one initial state, found 2: 'a', 'c'",)

    def test_no_initial_state_is_rejected(self) -> None:
        states = [StateSpec("a", "start"), StateSpec("z", "end", final=True)]
        with pytest.raises(InvalidMachineDefinition, match="found 0: none"):
            build(states, [Transition("a", "go", "z", clause="x")])

    def test_an_unreachable_state_is_rejected(self) -> None:
        states = [*_ok_states(), StateSpec("island", "cut off")]
        transitions = [*_ok_transitions(), Transition("island", "go", "z", clause="x")]
        with pytest.raises(InvalidMachineDefinition) as caught:
            build(states, transitions)
        assert caught.value.problems == (
            "state 'island' is unreachable from the initial state 'a'",
        )

    def test_a_dead_end_non_final_state_is_rejected(self) -> None:
        transitions = [*_ok_transitions(), Transition("a", "wander", "c", clause="x")]
        states = [*_ok_states(), StateSpec("c", "dead end")]
        with pytest.raises(InvalidMachineDefinition) as caught:
            build(states, transitions)
        assert caught.value.problems == (
            (
                "non-final state 'c' has no way out (no transition to another state): add one "
                "or mark it final"
            ),
        )

    def test_a_state_with_only_self_loops_is_a_dead_end(self) -> None:
        transitions = [*_ok_transitions(), Transition("a", "w", "c", clause="x")]
        transitions.append(Transition("c", "spin", "c", clause="x"))
        states = [*_ok_states(), StateSpec("c", "trap")]
        with pytest.raises(InvalidMachineDefinition, match="non-final state 'c' has no way out"):
            build(states, transitions)

    def test_a_final_state_with_outgoing_transitions_is_rejected(self) -> None:
        transitions = [*_ok_transitions(), Transition("z", "again", "a", clause="x")]
        with pytest.raises(InvalidMachineDefinition, match="final state 'z' has outgoing"):
            build(_ok_states(), transitions)

    def test_overlapping_guards_are_rejected_with_a_witness(self) -> None:
        transitions = [
            *_ok_transitions(),
            Transition("b", "judge", "a", clause="x", guard=Guard.equals("outcome", "dto")),
            Transition("b", "judge", "z", clause="x", guard=Guard.equals("kind", "joint")),
        ]
        with pytest.raises(InvalidMachineDefinition) as caught:
            build(_ok_states(), transitions)
        assert caught.value.problems == (
            (
                "in state 'b' on 'judge': guards \"outcome == 'dto'\" and \"kind == 'joint'\" "
                "can both hold, e.g. for {'kind': 'joint', 'outcome': 'dto'}; make them test "
                "one field with disjoint values"
            ),
        )

    def test_an_unguarded_transition_overlaps_any_other_on_the_same_state_and_event(
        self,
    ) -> None:
        transitions = [
            *_ok_transitions(),
            Transition("b", "stop", "a", clause="x", guard=Guard.equals("k", 1)),
        ]
        with pytest.raises(InvalidMachineDefinition, match="an unguarded transition cannot"):
            build(_ok_states(), transitions)

    def test_disjoint_guards_on_one_field_are_accepted(self) -> None:
        transitions = [
            *_ok_transitions(),
            Transition("b", "judge", "a", clause="x", guard=Guard.equals("outcome", "dto")),
            Transition("b", "judge", "z", clause="x", guard=Guard.equals("outcome", "custody")),
        ]
        assert build(_ok_states(), transitions).allowed("b") == ("stop", "judge")

    def test_an_undeclared_target_and_a_missing_clause_are_reported(self) -> None:
        transitions = [*_ok_transitions(), Transition("b", "leap", "nowhere", clause=" ")]
        with pytest.raises(InvalidMachineDefinition) as caught:
            build(_ok_states(), transitions)
        assert caught.value.problems == (
            "transition 'b' --leap--> 'nowhere': target 'nowhere' is not a declared state",
            "transition 'b' --leap--> 'nowhere' cites no clause",
        )

    def test_a_state_declared_twice_is_rejected(self) -> None:
        states = [*_ok_states(), StateSpec("b", "again")]
        with pytest.raises(InvalidMachineDefinition, match="'b' is declared more than once"):
            build(states, _ok_transitions())

    def test_every_problem_is_reported_at_once(self) -> None:
        states = [StateSpec("a", "x"), StateSpec("b", "y"), StateSpec("c", "z", final=True)]
        with pytest.raises(InvalidMachineDefinition) as caught:
            build(states, [Transition("c", "go", "a", clause="x")])
        message = str(caught.value)
        assert message.startswith("invalid machine 'broken': 4 problems\n  - ")
        assert len(caught.value.problems) == 4

    def test_the_definition_error_is_a_value_error_that_survives_pickling(self) -> None:
        with pytest.raises(ValueError, match="invalid machine") as caught:
            build([StateSpec("a", "x")], [])
        again = pickle.loads(pickle.dumps(caught.value))
        assert again.problems == caught.value.problems  # type: ignore[attr-defined]


class TestReplay:
    def test_replay_folds_events_in_date_order(self) -> None:
        log = [ev("shut", D3), ev("open", D1), ev("lock", D4), ev("open", D2)]
        # in date order: open, open (not allowed when open: an anomaly), shut, lock
        result = DOOR.replay(log, strict=False)
        assert result.state is Door.LOCKED
        assert [s.event for s in result.steps] == [Act.OPEN, Act.SHUT, Act.LOCK]
        assert [a.on for a in result.anomalies] == [D2]

    def test_events_on_the_same_day_keep_their_recording_order(self) -> None:
        assert DOOR.replay([ev("open", D1), ev("shut", D1)]).state is Door.CLOSED
        assert DOOR.replay([ev("lock", D1), ev("unlock", D1)]).state is Door.CLOSED

    def test_replay_is_deterministic_whatever_the_input_order_of_different_days(self) -> None:
        log = [ev("open", D1), ev("shut", D2), ev("lock", D3), ev("unlock", D4)]
        expected = DOOR.replay(log)
        rng = random.Random(7)
        for _ in range(20):
            shuffled = log[:]
            rng.shuffle(shuffled)
            assert DOOR.replay(shuffled) == expected

    def test_events_the_machine_does_not_use_are_skipped(self) -> None:
        result = DOOR.replay([ev("paint", D1), ev("open", D2)])
        assert result.state is Door.OPEN
        assert len(result.steps) == 1

    def test_events_whose_fields_satisfy_no_guard_anywhere_are_skipped(self) -> None:
        result = DOOR.replay([ev("open", D1), ev("remove", D2, by="wind")])
        assert (result.state, result.anomalies) == (Door.OPEN, ())

    def test_guards_read_the_event_attributes(self) -> None:
        result = DOOR.replay([ev("open", D1), ev("remove", D2, by="builder")])
        assert (result.state, result.since) == (Door.GONE, D2)

    def test_a_known_event_in_the_wrong_state_raises_with_its_date(self) -> None:
        with pytest.raises(InvalidTransition) as caught:
            DOOR.replay([ev("unlock", D1)])
        assert caught.value.on == D1
        assert "(event dated 2026-11-23)" in str(caught.value)

    def test_non_strict_replay_collects_anomalies_and_leaves_the_state(self) -> None:
        result = DOOR.replay([ev("unlock", D1), ev("open", D2)], strict=False)
        assert result.state is Door.OPEN
        assert [(a.state, a.event) for a in result.anomalies] == [(Door.CLOSED, Act.UNLOCK)]

    def test_until_ignores_later_events(self) -> None:
        result = DOOR.replay([ev("open", D1), ev("shut", D3)], until=D2)
        assert (result.state, result.since) == (Door.OPEN, D1)

    def test_self_loops_do_not_move_since(self) -> None:
        result = DOOR.replay([ev("open", D1), ev("remove", D2, by="cat")])
        assert (result.state, result.since, len(result.steps)) == (Door.OPEN, D1, 2)

    def test_an_empty_log_leaves_the_initial_state_with_no_since(self) -> None:
        result = DOOR.replay([])
        assert (result.state, result.since, result.steps) == (Door.CLOSED, None, ())

    def test_translate_maps_foreign_events(self) -> None:
        def translate(event: Any) -> tuple[str, dict[str, object]] | None:
            return None if event.type == "ignored" else (event.type.lower(), {})

        result = DOOR.replay([ev("OPEN", D1), ev("ignored", D2)], translate=translate)
        assert result.state is Door.OPEN

    @given(st.lists(st.sampled_from(list(Act)), max_size=12))
    def test_replay_agrees_with_folding_fire(self, acts: list[Act]) -> None:
        log = [ev(a.value, D1 + timedelta(days=i), by="builder") for i, a in enumerate(acts)]
        state = DOOR.initial
        for act in acts:
            with contextlib.suppress(InvalidTransition):
                state = DOOR.fire(state, act, {"by": "builder"})
        assert DOOR.replay(log, strict=False).state is state


class TestExport:
    def test_mermaid_draws_every_transition_and_the_initial_and_final_markers(self) -> None:
        text = to_mermaid(DOOR)
        lines = text.splitlines()
        assert lines[0] == "stateDiagram-v2"
        assert "    [*] --> closed" in lines
        assert "    open --> gone : remove [by == 'builder']" in lines
        assert "    gone --> [*]" in lines
        assert sum(" : " in line for line in lines) == len(DOOR.transitions)

    def test_mermaid_aliases_states_that_are_not_identifiers(self) -> None:
        machine = build(
            [StateSpec("a-b", "x", initial=True), StateSpec("c d", "y", final=True)],
            [Transition("a-b", "go", "c d", clause="x")],
        )
        assert to_mermaid(machine).splitlines()[1:4] == [
            '    state "a-b" as a_b',
            '    state "c d" as c_d',
            "    [*] --> a_b",
        ]

    def test_the_markdown_table_has_a_row_per_transition_with_guard_and_clause(self) -> None:
        lines = to_markdown_table(DOOR).splitlines()
        assert lines[0] == "| From | Event | Guard | To | Clause | Note |"
        assert len(lines) == 2 + len(DOOR.transitions)
        assert lines[-1] == (
            "| `open` | `remove` | `by in ('cat', 'child')` | `open` | c4 | nothing happens |"
        )


def _load_generator() -> ModuleType:
    path = ROOT / "scripts" / "gen_machine_docs.py"
    spec = importlib.util.spec_from_file_location("gen_machine_docs", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestRegistry:
    def test_every_machine_is_registered_once_under_its_own_name(self) -> None:
        assert list(MACHINES) == [
            "joint-case-lifecycle",
            "justice-pathway",
            "yos-next-steps-disputes",
            "probation-next-step-disagreements",
            "complaint-path",
        ]
        assert all(machine.name == name for name, machine in MACHINES.items())
        assert MACHINES["justice-pathway"] is JUSTICE_PATHWAY
        assert MACHINES["yos-next-steps-disputes"] is YOS_NEXT_STEPS_LADDER.machine

    def test_an_unknown_name_is_an_error_listing_the_names(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"no machine named 'x'; machines: 'joint"):
            machine_named("x", MACHINES)
        assert machine_named("complaint-path", MACHINES) is MACHINES["complaint-path"]

    def test_the_core_registry_holds_the_machines_defined_in_code(self) -> None:
        assert list(CORE_MACHINES) == ["joint-case-lifecycle", "justice-pathway"]
        assert machine_named("justice-pathway") is JUSTICE_PATHWAY
        with pytest.raises(InvalidArgumentError, match="'complaint-path'; machines: 'joint"):
            machine_named("complaint-path")

    def test_the_bundled_registry_is_the_core_then_the_protocols_machines(self) -> None:
        assert dict(MACHINES) == dict(machine_registry(protocol_machines(BUNDLED_PROTOCOLS)))

    def test_a_registry_refuses_two_machines_of_one_name(self) -> None:
        with pytest.raises(InvalidArgumentError, match="two machines are named 'joint-case-"):
            machine_registry([LIFECYCLE])
        with pytest.raises(InvalidArgumentError, match="holds machines, not str"):
            machine_registry(["lifecycle"])  # type: ignore[list-item]

    def test_the_docs_generator_draws_every_registered_machine(self) -> None:
        generator = _load_generator()
        assert set(generator.PLACES) == set(MACHINES)
        diagrams = {
            block for blocks in generator.PAGES.values() for block in blocks
            if block.endswith("-diagram")
        }  # fmt: skip
        assert len(diagrams) == len(MACHINES)


class TestGeneratedDocs:
    def test_the_committed_machine_pages_equal_the_generated_text(self) -> None:
        generator = _load_generator()
        assert generator.stale_pages() == [], "run: python scripts/gen_machine_docs.py"

    def test_a_page_missing_a_generated_block_is_an_error(self) -> None:
        generator = _load_generator()
        with pytest.raises(ValueError, match="missing generated blocks"):
            generator.render("lifecycle.md", "# no blocks here\n")
