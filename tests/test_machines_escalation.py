"""Disagreement ladders and complaint routes: Salford's from its files, and any protocol's.

Salford's ladders are 3.14.12 §5 and 3.14.13 "Disagreements" (bullet 1), its complaint
route 3.14.13 "Disagreements" (bullet 2); a fictional third protocol
(``tests/data/protocols/anytown.toml``) has a ladder of four rungs, the third with a
timescale of 10 working days, and a complaint route of its own.
"""

from __future__ import annotations

from collections import deque
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    COMPLAINT_PATH,
    PROBATION_NEXT_STEP_LADDER,
    PROTOCOL_3_14_12,
    PROTOCOL_3_14_13,
    YOS_NEXT_STEPS_LADDER,
    LocalVariant,
    load_local_variant,
    load_protocol,
)
from care_justice_protocol._errors import InvalidArgumentError
from care_justice_protocol.calendar._working_days import WorkingCalendar
from care_justice_protocol.compliance._escalation import (
    complaint_path_of,
    complaint_status,
    ladder_for,
    ladder_of,
    ladder_status,
    ladders_of,
    protocol_machines,
)
from care_justice_protocol.machines._core import InvalidMachineDefinition, InvalidTransition
from care_justice_protocol.machines._ladders import (
    NO_TIMESCALE,
    ComplaintEvent,
    ComplaintState,
    EscalationEvent,
    Ladder,
    LadderTimescales,
    Level,
    ProbationDisagreementState,
    YosDisputeState,
    build_complaint_path,
    build_ladder,
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
ANYTOWN = load_protocol(Path(__file__).parent / "data" / "protocols" / "anytown.toml")
#: Salford's protocols and the third one, loaded together.
ALL_THREE = (*BUNDLED_PROTOCOLS, ANYTOWN)
(ANYTOWN_LADDER,) = ladders_of(ANYTOWN)


def raised(on: date, key: str = "D-1", between: tuple[str, ...] = YOS) -> SimpleNamespace:
    return SimpleNamespace(type="disagreement-raised", on=on, disagreement_id=key, between=between)


def escalated(on: date, key: str = "D-1") -> SimpleNamespace:
    return SimpleNamespace(type="disagreement-escalated", on=on, disagreement_id=key)


def resolved(on: date, key: str = "D-1") -> SimpleNamespace:
    return SimpleNamespace(type="disagreement-resolved", on=on, disagreement_id=key)


def complaint(on: date, about: str | None = None) -> SimpleNamespace:
    fields = {} if about is None else {"about_service": about}
    return SimpleNamespace(type="complaint-made", on=on, by="carer", **fields)


class TestSalfordLadders:
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

    def test_the_state_enums_name_the_states_the_bundled_files_declare(self) -> None:
        for ladder, enum in (
            (YOS_NEXT_STEPS_LADDER, YosDisputeState),
            (PROBATION_NEXT_STEP_LADDER, ProbationDisagreementState),
        ):
            assert [str(spec.state) for spec in ladder.machine.states] == [m.value for m in enum]
        assert [str(spec.state) for spec in COMPLAINT_PATH.states] == [
            m.value for m in ComplaintState
        ]

    def test_the_salford_constants_are_built_from_the_bundled_files(self) -> None:
        assert YOS_NEXT_STEPS_LADDER is ladder_of(PROTOCOL_3_14_12.ladders[0], PROTOCOL_3_14_12)
        assert PROBATION_NEXT_STEP_LADDER is ladder_of(
            PROTOCOL_3_14_13.ladders[0], PROTOCOL_3_14_13
        )
        assert COMPLAINT_PATH is complaint_path_of(PROTOCOL_3_14_13.complaints[0])
        assert YOS_NEXT_STEPS_LADDER.between == ("yos",)
        assert PROBATION_NEXT_STEP_LADDER.between == ("@probation",)

    def test_no_salford_rung_has_a_timescale(self) -> None:
        for ladder in (YOS_NEXT_STEPS_LADDER, PROBATION_NEXT_STEP_LADDER):
            assert [level.working_days for level in ladder.levels] == [None, None, None]

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
        for ladder in (YOS_NEXT_STEPS_LADDER, PROBATION_NEXT_STEP_LADDER, ANYTOWN_LADDER):
            assert ladder.machine.event("complaint-made") is None
        assert COMPLAINT_PATH.fire(ComplaintState.NO_COMPLAINT, ComplaintEvent.COMPLAINT_MADE) == (
            ComplaintState.AGENCY_COMPLAINTS_PROCEDURE
        )

    def test_the_probation_ladder_cites_the_first_disagreements_bullet(self) -> None:
        assert {level.citation for level in PROBATION_NEXT_STEP_LADDER.levels} == {
            Citation("3.14.13", "Disagreements, bullet 1")
        }


class TestLadderFor:
    def test_the_ladder_is_chosen_from_the_services_in_disagreement(self) -> None:
        assert ladder_for(YOS, protocol=BUNDLED_PROTOCOLS) is YOS_NEXT_STEPS_LADDER
        assert (
            ladder_for(["next-step", "probation-service"], protocol=BUNDLED_PROTOCOLS)
            is PROBATION_NEXT_STEP_LADDER
        )

    def test_every_probation_party_of_the_model_selects_the_probation_ladder(self) -> None:
        for service in PROBATION_SERVICES:
            ladder = ladder_for([Service.NEXT_STEP, service], protocol=BUNDLED_PROTOCOLS)
            assert ladder is PROBATION_NEXT_STEP_LADDER

    def test_the_probation_group_is_read_on_the_day_the_disagreement_was_raised(self) -> None:
        # the CRC was a party until 25 June 2021; the Probation Service from the 26th
        on_25th = ladder_for(PROBATION, protocol=BUNDLED_PROTOCOLS, on=date(2021, 6, 25))
        assert on_25th is PROBATION_NEXT_STEP_LADDER
        with pytest.raises(InvalidArgumentError, match=r"on 2021-06-26: no ladder covers"):
            ladder_for(PROBATION, protocol=BUNDLED_PROTOCOLS, on=date(2021, 6, 26))
        later = ("next-step", "probation-service")
        assert ladder_for(later, protocol=BUNDLED_PROTOCOLS, on=date(2021, 6, 26)) is (
            PROBATION_NEXT_STEP_LADDER
        )

    def test_before_a_protocol_takes_effect_its_ladder_does_not_apply(self) -> None:
        # 3.14.13 took effect on 18 March 2019
        with pytest.raises(InvalidArgumentError, match="'@probation' \\(no members\\)"):
            ladder_for(PROBATION, protocol=BUNDLED_PROTOCOLS, on=date(2019, 3, 17))
        assert ladder_for(PROBATION, protocol=BUNDLED_PROTOCOLS, on=date(2019, 3, 18)) is (
            PROBATION_NEXT_STEP_LADDER
        )

    def test_a_disagreement_covered_by_no_ladder_is_an_error_naming_each_ladder(self) -> None:
        with pytest.raises(
            InvalidArgumentError,
            match=r"between \('next-step',\): no ladder covers these services "
            r"\(yos-next-steps-disputes of 3.14.12: 'yos'; probation-next-step-disagreements "
            r"of 3.14.13: '@probation' \('nps', 'crc', 'probation-service'\)\)",
        ):
            ladder_for(["next-step"], protocol=BUNDLED_PROTOCOLS)

    def test_a_disagreement_covered_by_two_ladders_is_an_error(self) -> None:
        with pytest.raises(
            InvalidArgumentError,
            match=r"the ladders yos-next-steps-disputes of 3\.14\.12, probation-next-step-"
            r"disagreements of 3\.14\.13 all do; pass ladder= explicitly",
        ):
            ladder_for(["yos", "crc"], protocol=BUNDLED_PROTOCOLS)

    def test_a_third_protocol_s_ladder_is_chosen_among_salford_s(self) -> None:
        assert ladder_for(["yjs", "leaving-care"], protocol=ALL_THREE) is ANYTOWN_LADDER
        assert ladder_for(YOS, protocol=ALL_THREE) is YOS_NEXT_STEPS_LADDER

    def test_the_third_protocol_s_group_follows_its_versions(self) -> None:
        # Probation North is a member of @probation-providers until 31 March 2025, Anytown
        # Probation from 1 April 2025 (the second version)
        north = ("leaving-care", "probation-north")
        assert ladder_for(north, protocol=ANYTOWN, on=date(2025, 3, 31)) is ANYTOWN_LADDER
        with pytest.raises(
            InvalidArgumentError, match="'@probation-providers' \\('probation-anytown',\\)"
        ):
            ladder_for(north, protocol=ANYTOWN, on=date(2025, 4, 1))
        merged = ("leaving-care", "probation-anytown")
        assert ladder_for(merged, protocol=ANYTOWN, on=date(2025, 4, 1)) is ANYTOWN_LADDER

    def test_a_plain_service_counts_only_while_the_protocol_is_in_force(self) -> None:
        # anytown's first version takes effect on 1 April 2024
        with pytest.raises(InvalidArgumentError, match="'yjs' \\(not in force\\)"):
            ladder_for(["yjs", "leaving-care"], protocol=ANYTOWN, on=date(2024, 3, 31))
        assert ladder_for(["yjs"], protocol=ANYTOWN, on=date(2024, 4, 1)) is ANYTOWN_LADDER

    def test_protocols_must_be_given(self) -> None:
        with pytest.raises(TypeError):
            ladder_for(YOS)  # type: ignore[call-arg]
        with pytest.raises(InvalidArgumentError, match="protocol must be a Protocol"):
            ladder_for(YOS, protocol=["3.14.12"])  # type: ignore[list-item]


class TestLadderStatus:
    def test_with_no_timescale_the_status_says_so_and_is_never_overdue(self) -> None:
        log = [raised(date(2026, 12, 1)), escalated(date(2026, 12, 7))]
        (status,) = ladder_status(log, date(2027, 6, 1), CAL, protocol=BUNDLED_PROTOCOLS)
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
        log = [raised(date(2026, 12, 18), between=("next-step", "probation-service"))]
        local = LadderTimescales(first_level=5, source="council policy 7")
        (status,) = ladder_status(log, date(2026, 12, 29), CAL, local, protocol=BUNDLED_PROTOCOLS)
        assert status.deadline is not None
        assert status.deadline.due == date(2026, 12, 29)
        assert status.deadline.trigger == date(2026, 12, 18)
        assert "council policy 7" in status.deadline.rule
        assert status.deadline.rule.endswith(
            "(local timescale: council policy 7; none in protocol)"
        )
        assert status.timescale == "5 working days (local timescale: council policy 7)"
        assert not status.overdue
        (late,) = ladder_status(log, date(2026, 12, 30), CAL, local, protocol=BUNDLED_PROTOCOLS)
        assert late.overdue
        assert late.explanation.endswith("due 2026-12-29 — overdue")

    def test_a_timescale_for_another_rung_does_not_apply(self) -> None:
        local = LadderTimescales(third_level=3)
        (status,) = ladder_status(
            [raised(date(2026, 12, 1))], date(2027, 1, 1), CAL, local, protocol=BUNDLED_PROTOCOLS
        )
        assert (status.deadline, status.overdue) == (None, False)

    def test_a_resolved_disagreement_says_at_which_rung(self) -> None:
        log = [raised(date(2026, 12, 1)), escalated(date(2026, 12, 2)), resolved(date(2026, 12, 3))]
        (status,) = ladder_status(
            log, date(2027, 1, 1), CAL, LadderTimescales(2, 2, 2), protocol=BUNDLED_PROTOCOLS
        )
        assert status.resolved
        assert not status.overdue
        assert status.level is YOS_NEXT_STEPS_LADDER.levels[1]
        assert status.explanation == "resolved at Heads of Service level on 2026-12-03 (3.14.12 §5)"

    def test_events_after_the_as_of_date_are_ignored(self) -> None:
        log = [raised(date(2026, 12, 1)), resolved(date(2026, 12, 10))]
        (status,) = ladder_status(log, date(2026, 12, 5), CAL, protocol=BUNDLED_PROTOCOLS)
        assert status.state == "operational-managers"

    def test_each_disagreement_is_its_own_run(self) -> None:
        log = [
            raised(date(2026, 12, 1), "A"),
            raised(date(2026, 12, 2), "B", between=("next-step", "probation-service")),
            escalated(date(2026, 12, 3), "B"),
            resolved(date(2026, 12, 4), "A"),
        ]
        first, second = ladder_status(log, date(2027, 1, 1), CAL, protocol=BUNDLED_PROTOCOLS)
        assert (first.disagreement_id, first.ladder, first.resolved) == ("A", "3.14.12", True)
        assert (second.disagreement_id, second.ladder, second.state) == (
            "B",
            "3.14.13",
            "respective-managers",
        )

    def test_escalating_past_the_top_is_reported_as_an_anomaly(self) -> None:
        log = [raised(date(2026, 12, 1))] + [escalated(date(2026, 12, d)) for d in (2, 3, 4)]
        (status,) = ladder_status(log, date(2027, 1, 1), CAL, protocol=BUNDLED_PROTOCOLS)
        assert status.state == "assistant-director"
        assert [a.on for a in status.anomalies] == [date(2026, 12, 4)]
        with pytest.raises(InvalidTransition):
            ladder_status(log, date(2027, 1, 1), CAL, protocol=BUNDLED_PROTOCOLS, strict=True)

    def test_complaints_do_not_appear_on_any_ladder(self) -> None:
        log = [complaint(date(2026, 12, 1))]
        assert ladder_status(log, date(2027, 1, 1), CAL, protocol=BUNDLED_PROTOCOLS) == ()

    def test_an_explicit_ladder_overrides_the_choice(self) -> None:
        log = [raised(date(2026, 12, 1), between=("next-step",))]
        (status,) = ladder_status(log, date(2027, 1, 1), CAL, ladder=PROBATION_NEXT_STEP_LADDER)
        assert status.state == "case-workers"

    def test_without_protocols_or_a_ladder_it_is_an_error(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"needs protocol= .* or ladder="):
            ladder_status([raised(date(2026, 12, 1))], date(2027, 1, 1), CAL)

    def test_a_disagreement_raised_when_no_ladder_covers_it_is_an_error(self) -> None:
        # the CRC ended on 25 June 2021: a disagreement with it raised later has no ladder
        log = [raised(date(2022, 1, 4), between=PROBATION)]
        with pytest.raises(InvalidArgumentError, match="on 2022-01-04: no ladder covers"):
            ladder_status(log, date(2022, 2, 1), CAL, protocol=BUNDLED_PROTOCOLS)


class TestAThirdProtocolsLadder:
    """anytown §5: practitioners, team managers, service managers (10 working days), Director."""

    def test_its_four_rungs_come_from_the_file_in_order_with_their_clauses(self) -> None:
        assert [(lv.rank, lv.state, lv.clause) for lv in ANYTOWN_LADDER.levels] == [
            (1, "practitioners", "anytown §5.1"),
            (2, "team-managers", "anytown §5.2"),
            (3, "service-managers", "anytown §5.3"),
            (4, "director", "anytown §5.4"),
        ]
        assert [lv.working_days for lv in ANYTOWN_LADDER.levels] == [None, None, 10, None]
        assert ANYTOWN_LADDER.name == "anytown-disagreements"
        assert ANYTOWN_LADDER.protocol == "anytown"

    def test_its_machine_has_three_escalations_and_four_ways_to_resolve(self) -> None:
        machine = ANYTOWN_LADDER.machine
        escalations = [t for t in machine.transitions if t.event == EscalationEvent.ESCALATED]
        resolutions = [t for t in machine.transitions if t.event == EscalationEvent.RESOLVED]
        assert [(t.source, t.target) for t in escalations] == [
            ("practitioners", "team-managers"),
            ("team-managers", "service-managers"),
            ("service-managers", "director"),
        ]
        assert {t.source for t in resolutions} == {lv.state for lv in ANYTOWN_LADDER.levels}
        assert machine.allowed("director") == (EscalationEvent.RESOLVED,)

    def _at_service_managers(self) -> list[SimpleNamespace]:
        between = ("yjs", "leaving-care")
        return [
            raised(date(2025, 12, 1), between=between),
            escalated(date(2025, 12, 3)),
            escalated(date(2025, 12, 5)),
        ]

    def test_the_rung_timescale_from_the_file_gives_a_due_date(self) -> None:
        # referred to the service managers on Fri 5 Dec 2025; 10 working days: Mon 8 to
        # Fri 12 and Mon 15 to Fri 19 Dec 2025 (no bank holiday): due Fri 19 Dec 2025
        log = self._at_service_managers()
        (status,) = ladder_status(log, date(2025, 12, 19), CAL, protocol=ALL_THREE)
        assert (status.ladder, status.state, status.since) == (
            "anytown",
            "service-managers",
            date(2025, 12, 5),
        )
        assert status.timescale == "10 working days"
        assert status.deadline is not None
        assert status.deadline.due == date(2025, 12, 19)
        assert status.deadline.rule == (
            "10 working days after referral to service managers on 2025-12-05"
        )
        assert status.deadline.clause == status.clause == "anytown §5.3"
        assert not status.overdue
        (late,) = ladder_status(log, date(2025, 12, 22), CAL, protocol=ALL_THREE)
        assert late.overdue
        assert late.explanation == (
            "at service managers since 2025-12-05 (anytown §5.3); due 2025-12-19 — overdue"
        )

    def test_a_local_timescale_by_rung_state_replaces_the_file_s(self) -> None:
        # 3 working days after Fri 5 Dec 2025: Mon 8, Tue 9, Wed 10 Dec
        local = LadderTimescales(by_rung={"service-managers": 3}, source="Anytown guidance")
        (status,) = ladder_status(
            self._at_service_managers(), date(2025, 12, 11), CAL, local, protocol=ALL_THREE
        )
        assert status.deadline is not None
        assert status.deadline.due == date(2025, 12, 10)
        assert status.deadline.rule.endswith(
            "(local timescale: Anytown guidance; 10 working days in protocol)"
        )
        assert status.overdue

    def test_a_local_timescale_by_rung_number_reaches_the_fourth_rung(self) -> None:
        # at the Director from Mon 1 Dec 2025; 2 working days: Tue 2, Wed 3 Dec
        log = [raised(date(2025, 11, 26), between=("yjs",))] + [
            escalated(date(2025, 11, d)) for d in (27, 28)
        ]
        log.append(escalated(date(2025, 12, 1)))
        (plain,) = ladder_status(log, date(2025, 12, 4), CAL, protocol=ANYTOWN)
        assert (plain.state, plain.timescale, plain.overdue) == ("director", NO_TIMESCALE, False)
        local = LadderTimescales(by_rung={4: 2})
        (status,) = ladder_status(log, date(2025, 12, 4), CAL, local, protocol=ANYTOWN)
        assert status.deadline is not None
        assert (status.deadline.due, status.overdue) == (date(2025, 12, 3), True)
        assert status.timescale == "2 working days (local timescale: local configuration)"

    def test_a_local_timescale_keyed_by_state_wins_over_one_keyed_by_number(self) -> None:
        local = LadderTimescales(third_level=7, by_rung={3: 5, "service-managers": 4})
        level = ANYTOWN_LADDER.levels[2]
        assert local.for_level(level) == 4
        assert LadderTimescales(third_level=7, by_rung={3: 5}).for_level(level) == 5
        assert LadderTimescales(third_level=7).for_level(level) == 7

    def test_a_resolved_disagreement_is_never_overdue(self) -> None:
        log = [*self._at_service_managers(), resolved(date(2025, 12, 10))]
        (status,) = ladder_status(log, date(2026, 1, 30), CAL, protocol=ALL_THREE)
        assert (status.resolved, status.deadline, status.overdue) == (True, None, False)
        assert status.explanation == (
            "resolved at service managers level on 2025-12-10 (anytown §5.3)"
        )


class TestWithARulebook:
    """A council's local variant, applied as one Rulebook: its calendar and rung timescales."""

    def _at_service_managers(self) -> list[SimpleNamespace]:
        return TestAThirdProtocolsLadder()._at_service_managers()

    def test_the_variant_s_rung_timescale_replaces_the_file_s(self) -> None:
        # 3 working days after Fri 5 Dec 2025: Mon 8, Tue 9, Wed 10 Dec
        variant = load_local_variant(
            {"ladder_timescales": {"anytown-disagreements": {"service-managers": 3}}},
            protocols=ALL_THREE,
        )
        rules = variant.applied_to(ALL_THREE)
        (status,) = ladder_status(self._at_service_managers(), date(2025, 12, 11), protocol=rules)
        assert status.deadline is not None
        assert (status.deadline.due, status.overdue) == (date(2025, 12, 10), True)
        assert status.timescale == "3 working days (local timescale: local variant)"
        assert status.deadline.rule.endswith(
            "(local timescale: local variant; 10 working days in protocol)"
        )

    def test_the_variant_s_closures_move_the_file_s_due_date(self) -> None:
        # 10 working days after Fri 5 Dec 2025 with Wed 10 Dec closed locally: Mon 8, Tue 9,
        # Thu 11, Fri 12, Mon 15 to Fri 19 and Mon 22 Dec 2025
        variant = load_local_variant({"extra_closures": ["2025-12-10"]}, protocols=ALL_THREE)
        rules = variant.applied_to(ALL_THREE)
        (status,) = ladder_status(self._at_service_managers(), date(2025, 12, 22), protocol=rules)
        assert status.deadline is not None
        assert (status.deadline.due, status.overdue) == (date(2025, 12, 22), False)
        assert status.timescale == "10 working days"

    def test_a_rulebook_brings_its_calendar_and_its_timescales(self) -> None:
        variant = load_local_variant(
            {"ladder_timescales": {"anytown-disagreements": {"service-managers": 3}}},
            protocols=ALL_THREE,
        )
        rules = variant.applied_to(ALL_THREE)
        log = self._at_service_managers()
        with pytest.raises(InvalidArgumentError, match="calendar must not be given with a Rule"):
            ladder_status(log, date(2025, 12, 11), CAL, protocol=rules)
        with pytest.raises(InvalidArgumentError, match="timescales must not be given with a Rule"):
            ladder_status(
                log, date(2025, 12, 11), timescales=LadderTimescales(first_level=2), protocol=rules
            )
        plain = LocalVariant().applied_to(ALL_THREE)
        (status,) = ladder_status(
            log, date(2025, 12, 11), timescales=LadderTimescales(third_level=2), protocol=plain
        )
        assert status.deadline is not None
        assert status.deadline.due == date(2025, 12, 9)  # Mon 8, Tue 9 Dec 2025

    def test_ladder_for_and_complaint_status_take_a_rulebook(self) -> None:
        rules = LocalVariant().applied_to(ALL_THREE)
        assert ladder_for(["yjs"], protocol=rules) is ANYTOWN_LADDER
        (status,) = complaint_status(
            [complaint(date(2026, 1, 5), "yjs")], date(2026, 2, 1), protocol=rules
        )
        assert status.route == "anytown-complaints"


class TestLadderTimescales:
    def test_defaults_are_no_timescale_in_protocol(self) -> None:
        assert LadderTimescales().for_rank(1) is None
        assert LadderTimescales().empty
        assert not LadderTimescales(by_rung={5: 1}).empty

    @pytest.mark.parametrize("bad", [0, -3, True, 2.5, "5"])
    def test_a_timescale_must_be_a_positive_whole_number_of_working_days(self, bad: Any) -> None:
        with pytest.raises(InvalidArgumentError, match="second_level"):
            LadderTimescales(second_level=bad)
        with pytest.raises(InvalidArgumentError, match=r"by_rung\['x'\]"):
            LadderTimescales(by_rung={"x": bad})

    @pytest.mark.parametrize("key", [0, -1, True, 2.0, ""])
    def test_a_rung_is_named_by_its_state_or_its_number_from_1(self, key: Any) -> None:
        with pytest.raises(InvalidArgumentError, match="by_rung"):
            LadderTimescales(by_rung={key: 3})

    def test_timescales_are_values(self) -> None:
        assert LadderTimescales(by_rung={"a": 1, 2: 3}) == LadderTimescales(
            by_rung=(("a", 1), (2, 3))
        )
        assert hash(LadderTimescales(by_rung={"a": 1}))


def _rungs(n: int, days: dict[int, int] | None = None) -> list[Level[str]]:
    days = days or {}
    return [
        Level(
            f"rung-{i}", i, f"role {i}", None, Citation("demo", f"§{i}"), f"quote {i}", days.get(i)
        )
        for i in range(1, n + 1)
    ]


def _demo(n: int, days: dict[int, int] | None = None) -> Ladder[str]:
    return build_ladder(
        protocol="demo",
        name=f"demo-{n}",
        title=f"Demo ladder of {n} rungs",
        before="none",
        resolved="resolved",
        levels=_rungs(n, days),
    )


class TestBuildLadder:
    @given(st.integers(1, 12))
    def test_a_ladder_of_n_rungs_has_n_levels_and_every_state_is_reachable(self, n: int) -> None:
        ladder = _demo(n)
        machine = ladder.machine
        assert [lv.rank for lv in ladder.levels] == list(range(1, n + 1))
        assert len(machine.states) == n + 2
        reached, queue = {machine.initial}, deque([machine.initial])
        while queue:
            here = queue.popleft()
            for t in machine.transitions_from(here):
                if t.target not in reached:
                    reached.add(t.target)
                    queue.append(t.target)
        assert reached == {spec.state for spec in machine.states}
        assert machine.finals == ("resolved",)

    @given(st.integers(1, 12), st.data())
    def test_escalating_k_times_reaches_rung_k_plus_1_and_no_further(
        self, n: int, data: st.DataObject
    ) -> None:
        k = data.draw(st.integers(0, n + 2))
        log = [raised(date(2027, 2, 1))] + [escalated(date(2027, 2, 2 + i)) for i in range(k)]
        status = _demo(n).status(log, date(2027, 3, 1), CAL)
        assert status.level is not None
        assert status.level.rank == min(k + 1, n)
        assert len(status.anomalies) == max(0, k - (n - 1))
        assert [a.on for a in status.anomalies] == [e.on for e in log[n:]]

    @given(st.integers(1, 8), st.integers(1, 30), st.integers(0, 40))
    def test_a_rung_timescale_is_overdue_exactly_after_its_due_date(
        self, n: int, days: int, wait: int
    ) -> None:
        start = date(2027, 2, 1)
        ladder = _demo(n, {1: days})
        due = CAL.add_working_days(start, days)
        as_of = date.fromordinal(start.toordinal() + wait)
        status = ladder.status([raised(start)], as_of, CAL)
        assert status.deadline is not None
        assert status.deadline.due == due
        assert status.overdue == (as_of > due)

    def test_an_escalation_on_a_ladder_of_one_rung_is_an_anomaly(self) -> None:
        log = [raised(date(2027, 2, 1)), escalated(date(2027, 2, 3))]
        status = _demo(1).status(log, date(2027, 3, 1), CAL)
        (anomaly,) = status.anomalies
        assert (anomaly.state, anomaly.on) == ("rung-1", date(2027, 2, 3))
        assert "nowhere to escalate" in str(anomaly)
        with pytest.raises(InvalidTransition, match="nowhere to escalate"):
            _demo(1).status(log, date(2027, 3, 1), CAL, strict=True)

    def test_a_ladder_needs_a_rung(self) -> None:
        with pytest.raises(InvalidArgumentError, match="'demo-0' needs at least one rung"):
            _demo(0)

    def test_rungs_are_numbered_in_order(self) -> None:
        rungs = _rungs(3)
        with pytest.raises(InvalidArgumentError, match=r"levels\[1\] .* has rank 3"):
            build_ladder(protocol="d", name="d", title="d", before="none", resolved="done",
                         levels=[rungs[0], rungs[2], rungs[1]])  # fmt: skip

    def test_a_state_used_twice_is_an_invalid_machine(self) -> None:
        twice = [attrs.evolve(level, state="same") for level in _rungs(2)]
        with pytest.raises(InvalidMachineDefinition, match="'same' is declared more than once"):
            build_ladder(protocol="d", name="d", title="d", before="none", resolved="done",
                         levels=twice)  # fmt: skip

    def test_a_rung_timescale_must_be_a_positive_number(self) -> None:
        with pytest.raises(InvalidArgumentError, match="working_days must be at least 1"):
            _rungs(1, {1: 0})

    def test_a_complaint_path_ends_where_the_complaint_goes(self) -> None:
        path = build_complaint_path(name="c", title="Complaints", clause="demo §6",
                                    before="none", state="procedure", description="d")  # fmt: skip
        assert path.fire("none", ComplaintEvent.COMPLAINT_MADE) == "procedure"
        assert path.finals == ("procedure",)


class TestBuiltOnce:
    def test_a_protocol_s_ladder_is_built_once_and_not_for_another_protocol(self) -> None:
        assert ladder_of(ANYTOWN.ladders[0], ANYTOWN) is ANYTOWN_LADDER
        with pytest.raises(InvalidArgumentError, match=r"is not a ladder of protocol '3\.14\.12'"):
            ladder_of(ANYTOWN.ladders[0], PROTOCOL_3_14_12)

    def test_the_machines_of_three_protocols_are_their_ladders_then_their_routes(self) -> None:
        assert [m.name for m in protocol_machines(ALL_THREE)] == [
            "yos-next-steps-disputes",
            "probation-next-step-disagreements",
            "anytown-disagreements",
            "complaint-path",
            "anytown-complaints",
        ]


class TestComplaintStatus:
    def test_each_complaint_follows_the_agency_procedure_with_no_timescale(self) -> None:
        log: list[Any] = [
            ComplaintMade(
                on=date(2027, 1, 5),
                recorded_by="S-1",
                by=Complainant.CARER,
                about_service=Service.NPS,
            ),
            complaint(date(2027, 3, 1)),
        ]
        (first,) = complaint_status(log, date(2027, 2, 1), protocol=BUNDLED_PROTOCOLS)
        assert len(complaint_status(log, date(2027, 3, 1), protocol=BUNDLED_PROTOCOLS)) == 2
        assert (first.by, first.about_service, first.timescale) == ("carer", "nps", NO_TIMESCALE)
        assert first.clause == "3.14.13 Disagreements, bullet 2"
        assert first.procedure == "the agency's own complaints procedure (nps)"
        assert first.route == "complaint-path"

    def test_a_complaint_about_a_service_of_no_route_s_protocol_has_no_route(self) -> None:
        # 3.14.12 has no complaint route, and the YOS is not a party to 3.14.13
        (status,) = complaint_status(
            [complaint(date(2027, 1, 5), "yos")], date(2027, 2, 1), protocol=BUNDLED_PROTOCOLS
        )
        assert (status.route, status.clause) == (None, "")
        assert status.procedure == "no complaint route in the protocols given (yos)"

    def test_a_third_protocol_s_route_takes_complaints_about_its_parties(self) -> None:
        log = [complaint(date(2026, 1, 5), "yjs"), complaint(date(2026, 1, 6), "next-step")]
        about_yjs, about_next_step = complaint_status(log, date(2026, 2, 1), protocol=ALL_THREE)
        assert (about_yjs.route, about_yjs.clause, about_yjs.procedure) == (
            "anytown-complaints",
            "anytown §6",
            "the council's corporate complaints procedure (yjs)",
        )
        assert about_next_step.route == "complaint-path"

    def test_a_complaint_with_no_service_follows_every_route(self) -> None:
        statuses = complaint_status(
            [complaint(date(2026, 1, 5))], date(2026, 2, 1), protocol=ALL_THREE
        )
        assert [s.route for s in statuses] == ["complaint-path", "anytown-complaints"]

    def test_a_route_with_no_procedure_words_is_named_by_its_title(self) -> None:
        route = attrs.evolve(ANYTOWN.complaints[0], procedure="")
        quiet = attrs.evolve(ANYTOWN, complaints=(route,))
        (status,) = complaint_status(
            [complaint(date(2026, 1, 5))], date(2026, 2, 1), protocol=quiet
        )
        assert status.procedure == "Complaints by the young person or their carer (anytown §6)"


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
        (status,) = ladder_status(log, date(2027, 1, 15), CAL, protocol=BUNDLED_PROTOCOLS)
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


# five or six states and three events each: 100 runs of 20 steps visit every transition
TestYosLadderRules = as_test_case(_ladder_rules(YOS_NEXT_STEPS_LADDER), max_examples=100)
TestProbationLadderRules = as_test_case(_ladder_rules(PROBATION_NEXT_STEP_LADDER), max_examples=100)
TestAnytownLadderRules = as_test_case(_ladder_rules(ANYTOWN_LADDER), max_examples=100)
