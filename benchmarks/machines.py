"""Benchmark: 100,000 transitions of the joint-case lifecycle, three ways, in one run.

* ``care_justice_protocol``: the public ``Machine.fire`` on immutable state values.
* ``transitions`` (pytransitions): the same states, triggers and guards (as conditions).
* ``python-statemachine``: the same, built as a ``StateMachine`` class.

The peers are built *from* the library's own definition (``LIFECYCLE``), so all three run
exactly the same machine, guards included. Every run walks the same path over and over:

    allocated, other-service-checked (open), case-worker meeting, joint meeting,
    aligned plan update, another case-worker meeting and another aligned plan update
    (self-loops), case closed   -- 8 transitions, 5 of them guarded; 12,500 rounds

and then goes back to the initial state (a state assignment, not counted as a
transition). In the peers the final state is declared non-final, so that a reset is
allowed; nothing else differs.

Run with ``python benchmarks/machines.py`` (needs the ``bench`` extra). Target:
<= 1 µs per transition and >= 7x faster than ``transitions``.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable, Mapping
from typing import Any

from care_justice_protocol.machines._core import Guard
from care_justice_protocol.machines._lifecycle import (
    CASE_WORKER_MEETING,
    JOINT_MEETING,
    LIFECYCLE,
    LifecycleEvent,
)

TRANSITIONS = 100_000
E = LifecycleEvent
PATH: list[tuple[LifecycleEvent, Mapping[str, object] | None]] = [
    (E.ALLOCATED, None),
    (E.OTHER_SERVICE_CHECKED, {"open_to_other": True}),
    (E.MEETING_HELD, {"kind": CASE_WORKER_MEETING}),
    (E.MEETING_HELD, {"kind": JOINT_MEETING}),
    (E.PLAN_UPDATED, {"aligned": True}),
    (E.MEETING_HELD, {"kind": CASE_WORKER_MEETING}),
    (E.PLAN_UPDATED, {"aligned": True}),
    (E.CASE_CLOSED, None),
]
ROUNDS = TRANSITIONS // len(PATH)
COUNTED = ROUNDS * len(PATH)
assert COUNTED == TRANSITIONS


def _ident(value: str) -> str:
    return value.replace("-", "_")


# --------------------------------------------------------------------------- ours


Runner = tuple[Callable[[], str], Callable[[], list[str]]]


def run_ours() -> Runner:
    fire = LIFECYCLE.fire
    initial = LIFECYCLE.initial
    path = PATH
    rounds = ROUNDS

    def run() -> str:
        state = initial
        for _ in range(rounds):
            state = initial
            for event, context in path:
                state = fire(state, event, context)
        return str(state)

    def trace() -> list[str]:
        state, seen = initial, []
        for event, context in path:
            state = fire(state, event, context)
            seen.append(str(state))
        return seen

    return run, trace


# --------------------------------------------------------------------------- transitions


def _condition(guard: Guard) -> Callable[[Any], bool]:
    def holds(event_data: Any) -> bool:
        return guard.holds(event_data.kwargs)

    return holds


def run_transitions() -> Runner:
    from transitions import Machine as PeerMachine

    class Model:
        pass

    model = Model()
    machine = PeerMachine(
        model=model,
        states=[str(spec.state) for spec in LIFECYCLE.states],
        transitions=[
            {
                "trigger": str(t.event),
                "source": str(t.source),
                "dest": str(t.target),
                **({"conditions": [_condition(t.guard)]} if t.guard is not None else {}),
            }
            for t in LIFECYCLE.transitions
        ],
        initial=str(LIFECYCLE.initial),
        auto_transitions=False,
        send_event=True,
    )
    trigger = model.trigger  # type: ignore[attr-defined]
    set_state = machine.set_state
    initial = str(LIFECYCLE.initial)
    path = [(str(event), dict(context or {})) for event, context in PATH]
    rounds = ROUNDS

    def run() -> str:
        for _ in range(rounds):
            set_state(initial)
            for event, kwargs in path:
                trigger(event, **kwargs)
        return str(model.state)  # type: ignore[attr-defined]

    def trace() -> list[str]:
        set_state(initial)
        seen = []
        for event, kwargs in path:
            trigger(event, **kwargs)
            seen.append(str(model.state))  # type: ignore[attr-defined]
        return seen

    return run, trace


# --------------------------------------------------------------------------- python-statemachine


def _cond(guard: Guard) -> Callable[..., bool]:
    def holds(*args: object, **kwargs: object) -> bool:
        return guard.holds(kwargs)

    return holds


def run_statemachine() -> Runner:
    from statemachine import State, StateMachine

    namespace: dict[str, Any] = {}
    for spec in LIFECYCLE.states:
        namespace[_ident(spec.state)] = State(
            str(spec.state), value=str(spec.state), initial=spec.initial, final=spec.final
        )
    events: dict[str, Any] = {}
    for t in LIFECYCLE.transitions:
        source, target = namespace[_ident(t.source)], namespace[_ident(t.target)]
        kwargs = {"cond": _cond(t.guard)} if t.guard is not None else {}
        edge = source.to(target, **kwargs)
        name = "ev_" + _ident(t.event)  # states and events share the class namespace
        events[name] = edge if name not in events else events[name] | edge
    namespace.update(events)
    cls = type("Lifecycle", (StateMachine,), namespace)
    machine = cls()
    send = machine.send
    initial = str(LIFECYCLE.initial)
    path = [("ev_" + _ident(event), dict(context or {})) for event, context in PATH]
    rounds = ROUNDS

    engine = machine._engine  # reaching a final state stops the engine; restart it

    def run() -> str:
        for _ in range(rounds):
            machine.current_state_value = initial
            engine.running = True
            for event, kwargs in path:
                send(event, **kwargs)
        return str(machine.current_state_value)

    def trace() -> list[str]:
        machine.current_state_value = initial
        engine.running = True
        seen = []
        for event, kwargs in path:
            send(event, **kwargs)
            seen.append(str(machine.current_state_value))
        return seen

    return run, trace


# --------------------------------------------------------------------------- harness


def measure(run: Callable[[], str], repeat: int) -> float:
    """The best of ``repeat`` runs, in nanoseconds per transition."""
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter_ns()
        final = run()
        times.append(time.perf_counter_ns() - start)
        assert final == "closed", final
    return min(times) / COUNTED


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per library (best kept)")
    parser.add_argument(
        "--peer-repeat", type=int, default=1, help="runs for the (slow) peer libraries"
    )
    args = parser.parse_args(argv)

    run, trace = run_ours()
    expected = trace()
    ours = measure(run, args.repeat)
    rows = [("care_justice_protocol", ours)]
    for name, build in (
        ("transitions", run_transitions),
        ("python-statemachine", run_statemachine),
    ):
        try:
            run, trace = build()
        except ImportError as error:  # the bench extra is not installed
            print(f"{name}: skipped ({error})", file=sys.stderr)
            continue
        if trace() != expected:  # the same machine, step by step
            raise SystemExit(f"{name} disagrees: {trace()} != {expected}")
        rows.append((name, measure(run, args.peer_repeat)))

    print(
        f"{COUNTED:,} transitions of {LIFECYCLE.name!r} "
        f"(best of runs, Python {sys.version.split()[0]})"
    )
    print(f"{'library':<24}{'ns/transition':>15}{'x ours':>10}")
    for name, ns in rows:
        print(f"{name:<24}{ns:>15,.0f}{ns / ours:>10.1f}")
    target_ok = ours <= 1000
    peers = dict(rows[1:])
    ratio_ok = "transitions" not in peers or peers["transitions"] / ours >= 7
    print(
        f"target <= 1000 ns/transition: {'met' if target_ok else 'MISSED'}; "
        f">= 7x faster than transitions: {'met' if ratio_ok else 'MISSED'}"
    )
    return 0 if target_ok and ratio_ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
