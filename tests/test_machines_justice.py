"""The justice pathway and the duties its states switch on (3.14.13)."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis.stateful import invariant

from care_justice_protocol._errors import InvalidArgumentError
from care_justice_protocol.machines._core import InvalidTransition
from care_justice_protocol.machines._justice import (
    JUSTICE_PATHWAY,
    JusticeEvent,
    JusticeState,
    duties,
)
from care_justice_protocol.model._entities import SentenceOutcome
from care_justice_protocol.model._events import (
    Charged,
    CourtHearing,
    CustodyLikely,
    InformationFedIn,
    Released,
    Remanded,
    Sentenced,
)
from tests.machine_rules import as_test_case, machine_rules

S, E = JusticeState, JusticeEvent
START = date(2027, 2, 1)


def ev(tag: str, day: int, **fields: object) -> SimpleNamespace:
    return SimpleNamespace(type=tag, on=START + timedelta(days=day), **fields)


def ids(state: JusticeState) -> set[str]:
    return {d.id for d in duties(state)}


class TestJusticePathwayReplay:
    def test_a_community_order_runs_from_charge_to_the_end_of_the_order(self) -> None:
        log = [
            ev("charged", 0),
            ev("court-hearing", 7, is_sentencing=False),
            ev("sentenced", 30, outcome="community-order"),
            ev("order-ended", 400),
        ]
        result = JUSTICE_PATHWAY.replay(log)
        assert [s.target for s in result.steps] == [
            S.CHARGED,
            S.IN_PROCEEDINGS,
            S.COMMUNITY_ORDER,
            S.ORDER_ENDED,
        ]

    def test_remand_then_custody_likely_then_a_dto_then_release_on_licence(self) -> None:
        log = [
            ev("charged", 0),
            ev("remanded", 1),
            ev("custody-likely", 10),
            ev("court-hearing", 20, is_sentencing=True),
            ev("sentenced", 20, outcome="dto"),
            ev("released", 200, on_licence=True),
        ]
        result = JUSTICE_PATHWAY.replay(log)
        assert result.state is S.ON_LICENCE
        assert [s.target for s in result.steps][:3] == [
            S.CHARGED,
            S.REMANDED,
            S.REMANDED_CUSTODY_LIKELY,
        ]

    def test_release_from_remand_is_bail_and_keeps_custody_likely(self) -> None:
        log = [ev("charged", 0), ev("remanded", 1), ev("custody-likely", 2)]
        log.append(ev("released", 3, on_licence=False))
        assert JUSTICE_PATHWAY.replay(log).state is S.CUSTODY_LIKELY

    def test_evidence_events_do_not_move_the_pathway(self) -> None:
        log = [
            ev("charged", 0),
            ev("legal-representation-arranged", 1, youth_justice_expertise=True),
            ev("icta-advised", 2),
            ev("information-fed-in", 3),
            ev("report-prepared", 4),
        ]
        result = JUSTICE_PATHWAY.replay(log)
        assert (result.state, len(result.steps)) == (S.CHARGED, 1)

    def test_a_sentence_outcome_the_pathway_does_not_know_is_skipped(self) -> None:
        log = [ev("charged", 0), ev("court-hearing", 1), ev("sentenced", 2, outcome="fine")]
        assert JUSTICE_PATHWAY.replay(log).state is S.IN_PROCEEDINGS

    def test_a_sentence_before_any_hearing_is_invalid(self) -> None:
        with pytest.raises(InvalidTransition) as caught:
            JUSTICE_PATHWAY.replay([ev("charged", 0), ev("sentenced", 1, outcome="custody")])
        assert caught.value.state is S.CHARGED
        assert caught.value.allowed == (E.COURT_HEARING, E.REMANDED, E.CUSTODY_LIKELY)


class TestDuties:
    def test_charge_switches_on_legal_representation_and_the_icta_duty(self) -> None:
        assert {
            "3.14.13/charged/legal-representation",
            "3.14.13/charged/icta-advised",
            "not-disadvantaged",
        } <= ids(S.CHARGED)

    def test_the_icta_duty_is_conditional_on_the_young_person_having_one(self) -> None:
        (icta,) = [d for d in duties(S.CHARGED) if d.id == "3.14.13/charged/icta-advised"]
        assert icta.condition == "if the young person has an ICTA"
        assert icta.clause == "3.14.13 If a Next Step young person is charged with an offence"

    def test_court_hearings_switch_on_the_worker_at_court(self) -> None:
        assert "3.14.13/charged/worker-at-court-on-sentencing-day" in ids(S.IN_PROCEEDINGS)
        assert "3.14.13/charged/worker-at-court-on-sentencing-day" not in ids(S.CHARGED)

    def test_custody_likely_switches_on_preparation_and_information_before_the_report(
        self,
    ) -> None:
        assert {
            "3.14.13/custody-likely/prepare-young-person",
            "3.14.13/custody-likely/information-before-report",
        } <= ids(S.CUSTODY_LIKELY)
        assert "3.14.13/custody-likely/information-before-report" not in ids(S.REMANDED)

    def test_custody_of_any_kind_switches_on_joint_prison_visits(self) -> None:
        for state in (S.REMANDED, S.REMANDED_CUSTODY_LIKELY, S.CUSTODY, S.DTO):
            assert "joint-prison-visits" in ids(state), state

    def test_a_community_order_switches_on_joint_working(self) -> None:
        assert {"3.14.13/community-sentence/share-information", "sharing-beyond-custody"} <= ids(
            S.COMMUNITY_ORDER
        )

    def test_remanded_and_custody_likely_has_both_sets_of_duties_once_each(self) -> None:
        both = duties(S.REMANDED_CUSTODY_LIKELY)
        assert ids(S.REMANDED_CUSTODY_LIKELY) == ids(S.REMANDED) | ids(S.CUSTODY_LIKELY)
        assert len(both) == len(set(both))

    def test_no_duties_before_charge_or_after_the_order(self) -> None:
        assert duties(S.NOT_CHARGED) == duties(S.ORDER_ENDED) == ()

    def test_every_duty_cites_one_of_the_two_protocols_first(self) -> None:
        cited = {d.citation.protocol for state in S for d in duties(state)}
        # every duty is from the justice text (3.14.13); 3.14.12 §3 is only ever "also"
        assert cited == {"3.14.13"}
        also = {c.protocol for state in S for d in duties(state) for c in d.also}
        assert also == {"3.14.12"}

    def test_an_unknown_state_is_an_invalid_argument(self) -> None:
        with pytest.raises(
            InvalidArgumentError, match=r"state must be a JusticeState .*, not 'paroled'"
        ):
            duties("paroled")


class TestJusticeWithTheLibraryEvents:
    def test_recorded_events_reach_custody_and_release(self) -> None:
        log: list[Any] = [
            Charged(on=START, recorded_by="S-1"),
            CourtHearing(on=START + timedelta(days=7), recorded_by="S-1", is_sentencing=False),
            CustodyLikely(on=START + timedelta(days=8), recorded_by="S-1"),
            Remanded(on=START + timedelta(days=9), recorded_by="S-1"),
            Sentenced(
                on=START + timedelta(days=40),
                recorded_by="S-1",
                outcome=SentenceOutcome.CUSTODY,
            ),
        ]
        assert JUSTICE_PATHWAY.replay(log).state is S.CUSTODY
        release = Released(on=START + timedelta(days=300), recorded_by="S-1", on_licence=False)
        assert JUSTICE_PATHWAY.replay([*log, release]).state is S.ORDER_ENDED

    def test_information_fed_in_is_not_a_pathway_event(self) -> None:
        assert JUSTICE_PATHWAY.event(InformationFedIn.type) is None


class JusticeRules(machine_rules(JUSTICE_PATHWAY)):  # type: ignore[misc]
    """Random events through the pathway (the guard fields, outcome and on_licence, are the
    events' own); the duties follow the state."""

    @invariant()
    def the_court_duties_hold_exactly_until_sentence(self) -> None:
        # 3.14.13 charged, bullets 2 and 4: representation and a worker at court are
        # owed while the young person is in proceedings, and not once sentenced.
        before_sentence = {
            S.IN_PROCEEDINGS, S.CUSTODY_LIKELY, S.REMANDED, S.REMANDED_CUSTODY_LIKELY
        }  # fmt: skip
        assert ("3.14.13/charged/worker-at-court-on-sentencing-day" in ids(self.state)) == (
            self.state in before_sentence
        )


TestJusticeRules = as_test_case(JusticeRules)
