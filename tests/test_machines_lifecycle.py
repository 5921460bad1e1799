"""The joint-case lifecycle (3.14.12 §2; 3.14.13 §2)."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis.stateful import invariant

from care_justice_protocol.machines._core import InvalidTransition, Transition
from care_justice_protocol.machines._lifecycle import (
    CASE_WORKER_MEETING,
    JOINT_MEETING,
    LIFECYCLE,
    LifecycleEvent,
    LifecycleState,
    lifecycle_on,
    read_lifecycle_event,
)
from care_justice_protocol.model._entities import DocumentKind, MeetingKind, Service
from care_justice_protocol.model._events import (
    Allocated,
    CaseClosed,
    CaseTransferred,
    DocumentShared,
    MeetingHeld,
    OtherServiceChecked,
    PlanUpdated,
)
from tests.machine_rules import as_test_case, machine_rules

S, E = LifecycleState, LifecycleEvent
START = date(2026, 11, 23)


def ev(tag: str, day: int, **fields: object) -> SimpleNamespace:
    return SimpleNamespace(type=tag, on=START + timedelta(days=day), **fields)


def happy_path() -> list[SimpleNamespace]:
    return [
        ev("allocated", 0),
        ev("other-service-checked", 1, open_to_other=True),
        ev("meeting-held", 10, kind=CASE_WORKER_MEETING),
        ev("meeting-held", 20, kind=JOINT_MEETING),
        ev("plan-updated", 30, document="intervention-plan", takes_account_of=(JOINT_MEETING,)),
    ]


class TestLifecycleDefinition:
    def test_every_transition_cites_a_protocol_clause(self) -> None:
        for t in LIFECYCLE.transitions:
            assert t.clause.startswith(("3.14.12", "3.14.13")), t

    def test_closed_is_the_only_final_state(self) -> None:
        assert LIFECYCLE.finals == (S.CLOSED,)

    def test_event_values_are_the_case_event_type_tags(self) -> None:
        assert {e.value for e in E} == set(LIFECYCLE.events)

    def test_meeting_kinds_match_the_domain_model(self) -> None:
        assert MeetingKind.CASE_WORKER_INFORMATION_SHARING.value == CASE_WORKER_MEETING
        assert MeetingKind.JOINT_MEETING_WITH_YOUNG_PERSON.value == JOINT_MEETING


class TestLifecycleReplay:
    def test_the_section_2_steps_lead_to_active_joint_working(self) -> None:
        result = LIFECYCLE.replay(happy_path())
        assert result.state is S.ACTIVE_JOINT_WORKING
        assert result.since == START + timedelta(days=30)
        assert [s.target for s in result.steps] == [
            S.ALLOCATED,
            S.AWAITING_CASE_WORKER_MEETING,
            S.AWAITING_JOINT_MEETING,
            S.AWAITING_PLAN_ALIGNMENT,
            S.ACTIVE_JOINT_WORKING,
        ]

    def test_a_case_not_open_to_the_other_service_is_single_service(self) -> None:
        log = [ev("allocated", 0), ev("other-service-checked", 1, open_to_other=False)]
        assert LIFECYCLE.replay(log).state is S.SINGLE_SERVICE

    def test_probation_taking_responsibility_makes_a_single_service_case_joint(self) -> None:
        log = [
            ev("allocated", 0),
            ev("other-service-checked", 1, open_to_other=False),
            ev("responsibility-accepted", 5),
        ]
        assert LIFECYCLE.replay(log).state is S.AWAITING_CASE_WORKER_MEETING

    def test_meetings_of_other_kinds_and_unrelated_events_are_skipped(self) -> None:
        log = [*happy_path()[:2], ev("meeting-held", 3, kind="mappa-review"), ev("charged", 4)]
        result = LIFECYCLE.replay(log)
        assert (result.state, len(result.steps)) == (S.AWAITING_CASE_WORKER_MEETING, 2)

    def test_a_joint_meeting_before_the_case_workers_meet_is_invalid(self) -> None:
        log = [*happy_path()[:2], ev("meeting-held", 3, kind=JOINT_MEETING)]
        with pytest.raises(InvalidTransition) as caught:
            LIFECYCLE.replay(log)
        assert caught.value.state is S.AWAITING_CASE_WORKER_MEETING
        assert "kind='joint-meeting-with-young-person'" in str(caught.value)

    def test_a_pathway_plan_update_alone_does_not_align_the_plans(self) -> None:
        log = [
            *happy_path()[:4],
            ev("plan-updated", 30, document="pathway-plan", takes_account_of=(JOINT_MEETING,)),
        ]
        assert LIFECYCLE.replay(log).state is S.AWAITING_PLAN_ALIGNMENT

    def test_a_sentence_plan_with_a_pathway_plan_snapshot_aligns_the_plans(self) -> None:
        aligned = ev(
            "plan-updated",
            30,
            document="sentence-plan",
            takes_account_of=(),
            includes_snapshot_of=("pathway-plan",),
        )
        assert LIFECYCLE.replay([*happy_path()[:4], aligned]).state is S.ACTIVE_JOINT_WORKING

    def test_a_transfer_keeps_the_case_where_it_is(self) -> None:
        log = [*happy_path()[:3], ev("case-transferred", 12)]
        assert LIFECYCLE.replay(log).state is S.AWAITING_JOINT_MEETING

    def test_closure_ends_the_case_and_later_events_are_anomalies(self) -> None:
        log = [*happy_path(), ev("case-closed", 40), ev("meeting-held", 41, kind=JOINT_MEETING)]
        result = LIFECYCLE.replay(log, strict=False)
        assert result.state is S.CLOSED
        assert [a.event for a in result.anomalies] == [E.MEETING_HELD]

    def test_replay_is_deterministic(self) -> None:
        log = happy_path()
        assert LIFECYCLE.replay(log) == LIFECYCLE.replay(list(reversed(log)))


class TestLifecycleWithTheLibraryEvents:
    def test_a_recorded_yos_case_reaches_active_joint_working(self) -> None:
        day = START
        log: list[Any] = [
            Allocated(on=day, recorded_by="S-1", service=Service.YOS, worker_id="S-1"),
            OtherServiceChecked(
                on=day,
                recorded_by="S-1",
                service=Service.YOS,
                other_service=Service.NEXT_STEP,
                open_to_other=True,
            ),
            DocumentShared(
                on=day + timedelta(days=2),
                recorded_by="S-1",
                document=DocumentKind.PATHWAY_PLAN,
                from_service=Service.NEXT_STEP,
                to_service=Service.YOS,
                version=1,
            ),
            MeetingHeld(
                on=day + timedelta(days=7),
                recorded_by="S-1",
                kind=MeetingKind.CASE_WORKER_INFORMATION_SHARING,
                recorded=True,
            ),
            MeetingHeld(
                on=day + timedelta(days=14),
                recorded_by="S-1",
                kind=MeetingKind.JOINT_MEETING_WITH_YOUNG_PERSON,
                recorded=True,
            ),
            PlanUpdated(
                on=day + timedelta(days=21),
                recorded_by="S-1",
                document=DocumentKind.INTERVENTION_PLAN,
                version=2,
                takes_account_of=(MeetingKind.JOINT_MEETING_WITH_YOUNG_PERSON,),
            ),
            CaseTransferred(
                on=day + timedelta(days=30),
                recorded_by="S-1",
                from_service=Service.YOS,
                to_service=Service.PROBATION_SERVICE,
            ),
        ]
        assert LIFECYCLE.replay(log).state is S.ACTIVE_JOINT_WORKING
        closed = CaseClosed(on=day + timedelta(days=60), recorded_by="S-1", service=Service.YOS)
        assert LIFECYCLE.replay([*log, closed]).state is S.CLOSED

    def test_the_lifecycle_reads_plan_updates_through_its_own_translation(self) -> None:
        plan = PlanUpdated(
            on=START, recorded_by="S-1", document=DocumentKind.SENTENCE_PLAN, version=1
        )
        assert read_lifecycle_event(plan) == ("plan-updated", {"aligned": False})


def _event_for(t: Transition[LifecycleState, LifecycleEvent], day: int) -> SimpleNamespace:
    """A case event that fires ``t`` through the lifecycle's own reading of events."""
    if t.event is E.PLAN_UPDATED:
        return ev(t.event, day, document="sentence-plan", takes_account_of=(JOINT_MEETING,))
    fields = {} if t.guard is None else t.guard.example()
    return ev(t.event, day, **fields)


class LifecycleRules(machine_rules(LIFECYCLE, _event_for)):  # type: ignore[misc]
    """Random events through the lifecycle, read through its own translation."""

    @invariant()
    def lifecycle_on_the_last_day_is_the_state(self) -> None:
        day = self.log[-1].on if self.log else START
        on = lifecycle_on(self.log, day)
        assert (on.state, on.since) == (self.state, self.entered)


TestLifecycleRules = as_test_case(LifecycleRules)
