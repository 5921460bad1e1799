"""Disagreement ladders (3.14.12 §5; 3.14.13 Disagreements) and the complaint path."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis.stateful import RuleBasedStateMachine, invariant

from care_justice_protocol._errors import InvalidArgumentError
from care_justice_protocol.calendar._working_days import WorkingCalendar
from care_justice_protocol.machines._core import InvalidTransition
from care_justice_protocol.machines._ladders import (
    COMPLAINT_PATH,
    NO_TIMESCALE,
    PROBATION_NEXT_STEP_LADDER,
    YOS_NEXT_STEPS_LADDER,
    ComplaintState,
    EscalationEvent,
    Ladder,
    LadderTimescales,
    ProbationDisagreementState,
    YosDisputeState,
    complaint_status,
    ladder_for,
    ladder_status,
)
from care_justice_protocol.model._citation import Citation
from care_justice_protocol.model._entities import PROBATION_SERVICES, Complainant, Role, Service
from care_justice_protocol.model._events import (
    ComplaintMade,
    DisagreementEscalated,
    DisagreementRaised,
    DisagreementResolved,
)
from tests.machine_rules import as_test_case, machine_rules

CAL = WorkingCalendar.england()
YOS = ("yos", "next-step")
PROBATION = ("next-step", "crc")


def raised(on: date, key: str = "D-1", between: tuple[str, ...] = YOS) -> SimpleNamespace:
    return SimpleNamespace(type="disagreement-raised", on=on, disagreement_id=key, between=between)


def escalated(on: date, key: str = "D-1") -> SimpleNamespace:
    return SimpleNamespace(type="disagreement-escalated", on=on, disagreement_id=key)


def resolved(on: date, key: str = "D-1") -> SimpleNamespace:
    return SimpleNamespace(type="disagreement-resolved", on=on, disagreement_id=key)


class TestLadders:
    def test_the_yos_ladder_names_the_3_14_12_roles_in_order(self) -> None:
        assert [level.role for level in YOS_NEXT_STEPS_LADDER.levels] == [
            "Operational Managers",
            "Heads of Service",
            "Assistant Director of Specialist Children's Services",
        ]
        assert {level.citation for level in YOS_NEXT_STEPS_LADDER.levels} == {
            Citation("3.14.12", "§5")
        }
        assert {level.clause for level in YOS_NEXT_STEPS_LADDER.levels} == {"3.14.12 §5"}

    def test_the_probation_ladder_names_the_3_14_13_roles_in_order(self) -> None:
        assert [level.state for level in PROBATION_NEXT_STEP_LADDER.levels] == [
            ProbationDisagreementState.CASE_WORKERS,
            ProbationDisagreementState.RESPECTIVE_MANAGERS,
            ProbationDisagreementState.SENIOR_MANAGERS,
        ]

    def test_role_tags_are_roles_of_the_domain_model(self) -> None:
        for ladder in (YOS_NEXT_STEPS_LADDER, PROBATION_NEXT_STEP_LADDER):
            for level in ladder.levels:
                assert level.role_tag is None or Role(level.role_tag)

    def test_nothing_escalates_above_final_arbitration(self) -> None:
        machine = YOS_NEXT_STEPS_LADDER.machine
        with pytest.raises(InvalidTransition) as caught:
            machine.fire(YosDisputeState.ASSISTANT_DIRECTOR, EscalationEvent.ESCALATED)
        assert caught.value.allowed == (EscalationEvent.RESOLVED,)

    def test_complaints_are_not_ladder_events(self) -> None:
        for ladder in (YOS_NEXT_STEPS_LADDER, PROBATION_NEXT_STEP_LADDER):
            assert ladder.machine.event("complaint-made") is None
        assert COMPLAINT_PATH.fire(ComplaintState.NO_COMPLAINT, "complaint-made") is (  # type: ignore[arg-type]
            ComplaintState.AGENCY_COMPLAINTS_PROCEDURE
        )

    def test_the_probation_ladder_cites_the_first_disagreements_bullet(self) -> None:
        assert {level.citation for level in PROBATION_NEXT_STEP_LADDER.levels} == {
            Citation("3.14.13", "Disagreements, bullet 1")
        }

    def test_the_ladder_is_chosen_from_the_services_in_disagreement(self) -> None:
        assert ladder_for(YOS) is YOS_NEXT_STEPS_LADDER
        assert ladder_for(["next-step", "probation-service"]) is PROBATION_NEXT_STEP_LADDER

    def test_every_probation_party_of_the_model_selects_the_probation_ladder(self) -> None:
        for service in PROBATION_SERVICES:
            assert ladder_for([Service.NEXT_STEP, service]) is PROBATION_NEXT_STEP_LADDER

    def test_a_disagreement_without_yos_or_probation_has_no_ladder(self) -> None:
        with pytest.raises(
            InvalidArgumentError,
            match=r"cannot tell which ladder .* \('nps', 'crc', 'probation-service'\)",
        ):
            ladder_for(["next-step"])


class TestLadderStatus:
    def test_with_no_local_timescale_the_status_says_so_and_is_never_overdue(self) -> None:
        log = [raised(date(2026, 12, 1)), escalated(date(2026, 12, 7))]
        (status,) = ladder_status(log, date(2027, 6, 1), CAL)
        assert status.state == "heads-of-service"
        assert status.level is YOS_NEXT_STEPS_LADDER.levels[1]
        assert (status.since, status.timescale, status.deadline) == (
            date(2026, 12, 7),
            NO_TIMESCALE,
            None,
        )
        assert not status.overdue
        assert status.clause == "3.14.12 §5"

    def test_a_local_timescale_gives_a_due_date_counted_in_working_days(self) -> None:
        # Raised Friday 18 Dec 2026; the 5 working days are Mon 21, Tue 22, Wed 23, Thu 24
        # and, after Christmas Day (Fri 25) and Boxing Day's substitute (Mon 28), Tue 29.
        log = [raised(date(2026, 12, 18), between=PROBATION)]
        local = LadderTimescales(first_level=5, source="council policy 7")
        (status,) = ladder_status(log, date(2026, 12, 29), CAL, local)
        assert status.deadline is not None
        assert status.deadline.due == date(2026, 12, 29)
        assert status.deadline.trigger == date(2026, 12, 18)
        assert "council policy 7" in status.deadline.rule
        assert status.timescale == "5 working days (local timescale: council policy 7)"
        assert not status.overdue
        (late,) = ladder_status(log, date(2026, 12, 30), CAL, local)
        assert late.overdue
        assert late.explanation.endswith("due 2026-12-29 — overdue")

    def test_a_timescale_for_another_rung_does_not_apply(self) -> None:
        local = LadderTimescales(third_level=3)
        (status,) = ladder_status([raised(date(2026, 12, 1))], date(2027, 1, 1), CAL, local)
        assert (status.deadline, status.overdue) == (None, False)

    def test_a_resolved_disagreement_says_at_which_rung(self) -> None:
        log = [raised(date(2026, 12, 1)), escalated(date(2026, 12, 2)), resolved(date(2026, 12, 3))]
        (status,) = ladder_status(log, date(2027, 1, 1), CAL, LadderTimescales(2, 2, 2))
        assert status.resolved
        assert not status.overdue
        assert status.level is YOS_NEXT_STEPS_LADDER.levels[1]
        assert status.explanation == "resolved at Heads of Service level on 2026-12-03 (3.14.12 §5)"

    def test_events_after_the_as_of_date_are_ignored(self) -> None:
        log = [raised(date(2026, 12, 1)), resolved(date(2026, 12, 10))]
        (status,) = ladder_status(log, date(2026, 12, 5), CAL)
        assert status.state == "operational-managers"

    def test_each_disagreement_is_its_own_run(self) -> None:
        log = [
            raised(date(2026, 12, 1), "A"),
            raised(date(2026, 12, 2), "B", between=PROBATION),
            escalated(date(2026, 12, 3), "B"),
            resolved(date(2026, 12, 4), "A"),
        ]
        first, second = ladder_status(log, date(2027, 1, 1), CAL)
        assert (first.disagreement_id, first.ladder, first.resolved) == ("A", "3.14.12", True)
        assert (second.disagreement_id, second.ladder, second.state) == (
            "B",
            "3.14.13",
            "respective-managers",
        )

    def test_escalating_past_the_top_is_reported_as_an_anomaly(self) -> None:
        log = [raised(date(2026, 12, 1))] + [escalated(date(2026, 12, d)) for d in (2, 3, 4)]
        (status,) = ladder_status(log, date(2027, 1, 1), CAL)
        assert status.state == "assistant-director"
        assert [a.on for a in status.anomalies] == [date(2026, 12, 4)]
        with pytest.raises(InvalidTransition):
            ladder_status(log, date(2027, 1, 1), CAL, strict=True)

    def test_complaints_do_not_appear_on_any_ladder(self) -> None:
        complaint = SimpleNamespace(type="complaint-made", on=date(2026, 12, 1), by="carer")
        assert ladder_status([complaint], date(2027, 1, 1), CAL) == ()

    def test_an_explicit_ladder_overrides_the_choice(self) -> None:
        log = [raised(date(2026, 12, 1), between=("next-step",))]
        (status,) = ladder_status(log, date(2027, 1, 1), CAL, ladder=PROBATION_NEXT_STEP_LADDER)
        assert status.state == "case-workers"


class TestLadderTimescales:
    def test_defaults_are_no_timescale_in_protocol(self) -> None:
        assert LadderTimescales().for_rank(1) is None

    @pytest.mark.parametrize("bad", [0, -3, True, 2.5, "5"])
    def test_a_timescale_must_be_a_positive_whole_number_of_working_days(self, bad: Any) -> None:
        with pytest.raises(InvalidArgumentError, match="second_level"):
            LadderTimescales(second_level=bad)


class TestComplaintStatus:
    def test_each_complaint_follows_the_agency_procedure_with_no_timescale(self) -> None:
        log: list[Any] = [
            ComplaintMade(
                on=date(2027, 1, 5),
                recorded_by="S-1",
                by=Complainant.CARER,
                about_service=Service.NPS,
            ),
            SimpleNamespace(type="complaint-made", on=date(2027, 3, 1)),
        ]
        (first,) = complaint_status(log, date(2027, 2, 1))
        assert len(complaint_status(log, date(2027, 3, 1))) == 2
        assert (first.by, first.about_service, first.timescale) == ("carer", "nps", NO_TIMESCALE)
        assert first.clause == "3.14.13 Disagreements, bullet 2"


class TestLaddersWithTheLibraryEvents:
    def test_recorded_disagreement_events_climb_the_probation_ladder(self) -> None:
        log: list[Any] = [
            DisagreementRaised(
                on=date(2027, 1, 4),
                recorded_by="S-1",
                disagreement_id="D-9",
                between=(Service.NEXT_STEP, Service.PROBATION_SERVICE),
            ),
            DisagreementEscalated(
                on=date(2027, 1, 11),
                recorded_by="S-1",
                disagreement_id="D-9",
                to_role=Role.SENIOR_MANAGER,
            ),
            DisagreementResolved(on=date(2027, 1, 20), recorded_by="S-1", disagreement_id="D-9"),
        ]
        (status,) = ladder_status(log, date(2027, 1, 15), CAL)
        assert (status.ladder, status.state, status.disagreement_id) == (
            "3.14.13",
            "respective-managers",
            "D-9",
        )


def _ladder_rules(ladder: Ladder[Any]) -> type[RuleBasedStateMachine]:
    class Rules(machine_rules(ladder.machine)):  # type: ignore[misc]
        @invariant()
        def a_ladder_climbs_one_rung_at_a_time(self) -> None:
            levels = [ladder.level(step.target) for step in self.replayed().steps]
            ranks = [level.rank for level in levels if level is not None]
            assert ranks == list(range(1, len(ranks) + 1))

    return Rules


# five states and three events each: 100 runs of 20 steps visit every transition
TestYosLadderRules = as_test_case(_ladder_rules(YOS_NEXT_STEPS_LADDER), max_examples=100)
TestProbationLadderRules = as_test_case(_ladder_rules(PROBATION_NEXT_STEP_LADDER), max_examples=100)
