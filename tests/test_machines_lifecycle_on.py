"""The lifecycle on a day (`lifecycle_on`), and how its "joint" meets the engine's.

A top-layer test: it reads the machines and the compliance engine side by side.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from care_justice_protocol import (
    PROTOCOL_3_14_12,
    InvalidDateTypeError,
    MeetingKind,
    Service,
    Status,
    evaluate,
)
from care_justice_protocol.machines import JOINT_STATES, LifecycleState, lifecycle_on
from care_justice_protocol.model._events import JointCase
from care_justice_protocol.testing import Scenario

MEET = "3.14.12/2/meet-within-15-working-days"
FRI_18_DEC = date(2026, 12, 18)
MON_21_DEC = date(2026, 12, 21)
MON_4_JAN = date(2027, 1, 4)
WED_13_JAN = date(2027, 1, 13)


def engine_says_joint(case: JointCase, as_of: date) -> bool:
    """Whether the engine finds the 15-working-day meeting obligation applicable."""
    results = [r for r in evaluate(case, as_of, protocol=PROTOCOL_3_14_12) if r.obligation == MEET]
    assert results, "the engine reports on every obligation"
    return any(r.status is not Status.NOT_APPLICABLE for r in results)


class TestLifecycleOnBuiltCases:
    def test_before_the_allocation_the_case_is_unallocated_and_not_joint(self) -> None:
        case = Scenario.for_case().joint_yos_next_steps(FRI_18_DEC).build()
        on = lifecycle_on(case, FRI_18_DEC - timedelta(days=1))
        assert (on.state, on.since, on.joint) == (LifecycleState.UNALLOCATED, None, False)
        assert (on.allocated_on, on.became_joint_on) == (None, None)

    def test_allocated_and_found_open_the_same_day_is_joint_that_day(self) -> None:
        case = Scenario.for_case().joint_yos_next_steps(FRI_18_DEC).build()
        on = lifecycle_on(case, FRI_18_DEC)
        assert on.state is LifecycleState.AWAITING_CASE_WORKER_MEETING
        assert on.joint
        assert (on.allocated_on, on.became_joint_on, on.since) == (FRI_18_DEC,) * 3
        assert on.anomalies == ()

    def test_a_later_check_makes_the_case_joint_on_the_day_of_that_check(self) -> None:
        case = (
            Scenario.for_case()
            .allocate(FRI_18_DEC, Service.YOS)
            .check_other_service(MON_21_DEC, Service.YOS, Service.NEXT_STEP, open_to_other=False)
            .check_other_service(MON_4_JAN, Service.YOS, Service.NEXT_STEP, open_to_other=True)
            .build()
        )
        single = lifecycle_on(case, date(2026, 12, 31))
        assert (single.state, single.since, single.joint) == (
            LifecycleState.SINGLE_SERVICE,
            MON_21_DEC,
            False,
        )
        joint = lifecycle_on(case, MON_4_JAN)
        assert joint.joint
        assert (joint.allocated_on, joint.became_joint_on) == (FRI_18_DEC, MON_4_JAN)

    def test_the_day_counts_events_up_to_and_including_it(self) -> None:
        met = (
            Scenario.for_case()
            .joint_yos_next_steps(FRI_18_DEC)
            .meeting(
                WED_13_JAN,
                MeetingKind.CASE_WORKER_INFORMATION_SHARING,
                Service.YOS,
                Service.NEXT_STEP,
            )
            .build()
        )
        assert lifecycle_on(met, WED_13_JAN - timedelta(days=1)).state is (
            LifecycleState.AWAITING_CASE_WORKER_MEETING
        )
        on = lifecycle_on(met, WED_13_JAN)
        assert (on.state, on.since) == (LifecycleState.AWAITING_JOINT_MEETING, WED_13_JAN)
        assert on.became_joint_on == FRI_18_DEC  # moving on does not move the joint date

    def test_closure_ends_joint_but_keeps_the_day_it_became_joint(self) -> None:
        case = (
            Scenario.for_case()
            .joint_yos_next_steps(FRI_18_DEC)
            .closed(date(2027, 2, 1), Service.YOS)
            .build()
        )
        on = lifecycle_on(case, date(2027, 2, 1))
        assert (on.state, on.joint, on.became_joint_on) == (
            LifecycleState.CLOSED,
            False,
            FRI_18_DEC,
        )

    def test_probation_taking_responsibility_makes_the_case_joint(self) -> None:
        case = (
            Scenario.for_case()
            .allocate(FRI_18_DEC, Service.NEXT_STEP)
            .responsibility(MON_21_DEC, Service.PROBATION_SERVICE)
            .build()
        )
        on = lifecycle_on(case, MON_21_DEC)
        assert (on.joint, on.allocated_on, on.became_joint_on) == (True, FRI_18_DEC, MON_21_DEC)

    def test_the_events_of_a_case_give_the_same_answer_as_the_case(self) -> None:
        case = Scenario.for_case().joint_yos_next_steps(FRI_18_DEC).build()
        assert lifecycle_on(case.events, MON_4_JAN) == lifecycle_on(case, MON_4_JAN)

    def test_the_day_must_be_a_date(self) -> None:
        case = Scenario.for_case().joint_yos_next_steps(FRI_18_DEC).build()
        with pytest.raises(InvalidDateTypeError):
            lifecycle_on(case, "2026-12-18")  # type: ignore[arg-type]


class TestWhereTheReplayAndTheEngineDifferByDesign:
    """Each difference listed in the `LifecycleOnDay` docstring, shown on one case."""

    def test_a_check_recorded_before_the_allocation(self) -> None:
        case = (
            Scenario.for_case()
            .check_other_service(FRI_18_DEC, Service.YOS, Service.NEXT_STEP, open_to_other=True)
            .allocate(MON_21_DEC, Service.YOS)
            .build()
        )
        on = lifecycle_on(case, MON_4_JAN)
        assert (on.state, on.became_joint_on) == (LifecycleState.ALLOCATED, None)
        assert [a.event for a in on.anomalies] == ["other-service-checked"]
        # 3.14.12 §2's clock runs from the allocation that made the case joint: none came
        # on or before the check, so the engine agrees (the rule's trigger_from).
        assert not engine_says_joint(case, MON_4_JAN)

    def test_probation_responsibility_is_not_a_joint_yos_next_steps_case(self) -> None:
        case = (
            Scenario.for_case()
            .allocate(FRI_18_DEC, Service.YOS)
            .responsibility(MON_21_DEC, Service.PROBATION_SERVICE)
            .build()
        )
        assert lifecycle_on(case, MON_4_JAN).joint
        assert not engine_says_joint(case, MON_4_JAN)

    def test_a_check_about_another_service(self) -> None:
        case = (
            Scenario.for_case()
            .allocate(FRI_18_DEC, Service.YOS)
            .check_other_service(FRI_18_DEC, Service.YOS, Service.CRC, open_to_other=True)
            .build()
        )
        assert lifecycle_on(case, MON_4_JAN).joint
        assert not engine_says_joint(case, MON_4_JAN)

    def test_a_closed_case(self) -> None:
        case = (
            Scenario.for_case()
            .joint_yos_next_steps(FRI_18_DEC)
            .closed(MON_4_JAN, Service.YOS)
            .build()
        )
        assert not lifecycle_on(case, MON_4_JAN).joint
        assert engine_says_joint(case, MON_4_JAN)


_PAIR = {Service.YOS: Service.NEXT_STEP, Service.NEXT_STEP: Service.YOS}


@st.composite
def yos_next_steps_cases(draw: st.DrawFn) -> tuple[JointCase, date]:
    """A YOS or Next Steps allocation, then checks between the two, and an as-of date.

    The allocation comes first (on its day it is recorded before any check), every check
    is by one of the two services about the other, and nothing closes the case: the
    conditions under which the replay and the engine should read "joint" alike.
    """
    allocated = draw(st.dates(date(2024, 1, 1), date(2029, 12, 31)))
    by = draw(st.sampled_from(sorted(_PAIR)))
    scenario = Scenario.for_case().allocate(allocated, by)
    offsets = sorted(draw(st.lists(st.integers(0, 60), max_size=4)))
    for offset in offsets:
        checker = draw(st.sampled_from(sorted(_PAIR)))
        scenario = scenario.check_other_service(
            allocated + timedelta(days=offset),
            checker,
            _PAIR[checker],
            open_to_other=draw(st.booleans()),
        )
    as_of = allocated + timedelta(days=draw(st.integers(-5, 90)))
    return scenario.build(), as_of


class TestTheReplayAgreesWithTheEngine:
    @given(yos_next_steps_cases())
    def test_joint_by_replay_exactly_when_the_15_day_meeting_applies(
        self, drawn: tuple[JointCase, date]
    ) -> None:
        case, as_of = drawn
        on = lifecycle_on(case, as_of)
        engine = engine_says_joint(case, as_of)
        event(f"joint: {engine}")
        assert (on.became_joint_on is not None) == engine
        assert on.joint == engine == (on.state in JOINT_STATES)
        if engine:
            # the engine counts from the allocation; the replay names that same day
            (result,) = [
                r for r in evaluate(case, as_of, protocol=PROTOCOL_3_14_12) if r.obligation == MEET
            ]
            assert result.trigger == on.allocated_on
