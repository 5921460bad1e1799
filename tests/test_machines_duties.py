"""Duties of the justice pathway that are also protocol obligations: one id, one citation.

This test sits in the top layer: it reads both ``machines`` (the duties) and
``protocols`` (the obligations), which may not import each other.
"""

from __future__ import annotations

import pytest

from care_justice_protocol import ALL_PROTOCOLS, InvalidArgumentError
from care_justice_protocol.machines._justice import Duty, JusticeState, duties
from care_justice_protocol.model._citation import Citation
from care_justice_protocol.protocols import Obligation, PeriodicObligation


def _every_duty() -> list[Duty]:
    return list(dict.fromkeys(d for state in JusticeState for d in duties(state)))


def _obligations() -> dict[str, Obligation | PeriodicObligation]:
    found: dict[str, Obligation | PeriodicObligation] = {}
    for p in ALL_PROTOCOLS.values():
        found.update((o.id, o) for o in p.obligations)
        found.update((o.id, o) for o in p.periodic)
    return found


class TestDutiesThatAreObligations:
    def test_the_linked_duties_are_the_six_checked_by_the_engine(self) -> None:
        # Read from the texts: bullets 2, 4, 5, 6 and both halves of 7 of 3.14.13
        # "If a Next Step young person is charged with an offence" are obligations too.
        # One duty, one id: a checked duty's id is the obligation's id.
        linked = {d.id for d in _every_duty() if d.checked}
        assert linked == {
            "3.14.13/charged/legal-representation",
            "3.14.13/charged/worker-at-court-on-sentencing-day",
            "3.14.13/charged/icta-advised",
            "3.14.13/community-sentence/share-information",
            "3.14.13/custody-likely/prepare-young-person",
            "3.14.13/custody-likely/information-before-report",
        }
        assert all(d.obligation_id == d.id for d in _every_duty() if d.checked)
        assert all(d.obligation_id is None for d in _every_duty() if not d.checked)

    def test_a_checked_duty_must_carry_an_obligation_id_of_its_protocol(self) -> None:
        with pytest.raises(InvalidArgumentError, match="must be its obligation's id"):
            Duty("legal-representation", "x", Citation("3.14.13", "§3"), checked=True)

    def test_every_obligation_id_exists_and_is_used_by_one_duty_only(self) -> None:
        obligations = _obligations()
        ids = [d.obligation_id for d in _every_duty() if d.obligation_id is not None]
        assert len(ids) == len(set(ids))
        assert [i for i in ids if i not in obligations] == []

    def test_a_linked_duty_cites_exactly_as_its_obligation(self) -> None:
        obligations = _obligations()
        for duty in _every_duty():
            if duty.obligation_id is None:
                continue
            obligation = obligations[duty.obligation_id]
            assert duty.also == (), duty.id
            assert duty.clause == obligation.clause, duty.id
            assert duty.citation == obligation.citation, duty.id

    def test_the_charged_section_is_cited_as_document_and_place(self) -> None:
        (legal,) = (d for d in duties("charged") if d.id.endswith("/legal-representation"))
        assert legal.citation == Citation(
            "3.14.13", "If a Next Step young person is charged with an offence"
        )
        assert legal.citation.protocol == "3.14.13"


class TestDutyCitationText:
    def test_a_duty_with_two_sources_shows_both_separated_by_a_semicolon(self) -> None:
        (reviews,) = (d for d in duties("dto") if d.id == "dto-reviews-attended")
        assert reviews.citation == Citation("3.14.13", "§3 item 8")
        assert reviews.also == (Citation("3.14.12", "§3"),)
        assert reviews.clause == "3.14.13 §3 item 8; 3.14.12 §3"

    def test_an_unlinked_bullet_keeps_its_bullet_citation(self) -> None:
        (first,) = (d for d in duties("charged") if d.id == "not-disadvantaged")
        assert first.obligation_id is None
        assert first.clause == "3.14.13 §3 charged, bullet 1"
