"""Another council's vocabulary and declared event types: load, evaluate, dump, schema."""

from __future__ import annotations

import json
import secrets
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from care_justice_protocol import (
    PROTOCOL_3_14_12,
    PROTOCOL_3_14_13,
    DeclaredEvent,
    InvalidArgumentError,
    Status,
    ValidationError,
    caseload_json_schema,
    dump_caseload,
    dumps_caseload,
    evaluate,
    load_caseload,
    parse_protocol,
    protocol_to_document,
    pseudonymise,
    read_protocol,
)
from care_justice_protocol.protocols import VocabularyClashError, merge_vocabularies
from care_justice_protocol.testing import Scenario, identifiers

RIVERSIDE = read_protocol(
    Path(__file__).parent / "data" / "protocols" / "riverside-transitions.toml"
)
OID = "riverside-t1/3/transition-plan-within-10-working-days"


def _case(*events: dict[str, Any]) -> dict[str, Any]:
    return {
        "case_id": "C-1",
        "young_person": {"id": "YP-1", "date_of_birth": "2009-05-01", "care_status": "relevant",
                         "has_icta": False, "legal_status": "no-proceedings"},
        "events": list(events),
    }  # fmt: skip


ALLOCATED = {"type": "allocated", "on": "2026-12-18", "recorded_by": "W-1", "service": "yjs",
             "worker_id": "W-1"}  # fmt: skip
PLAN = {"type": "transition-plan-agreed", "on": "2027-01-06", "recorded_by": "W-1",
        "by_service": "yjs", "stage": "final", "agreed_by": ["W-1", "W-2"]}  # fmt: skip


def _doc(*events: dict[str, Any]) -> dict[str, Any]:
    return {"schema_version": 1, "cases": [_case(*events)]}


class TestLoading:
    def test_a_council_caseload_loads_with_its_protocol(self) -> None:
        caseload = load_caseload(_doc(ALLOCATED, PLAN), protocols=RIVERSIDE)
        allocated, plan = caseload.cases[0].events
        assert allocated.service == "yjs"  # type: ignore[union-attr]
        assert isinstance(plan, DeclaredEvent)
        assert (plan.type, plan.stage, plan.agreed_by, plan.review_on) == (
            "transition-plan-agreed",
            "final",
            ("W-1", "W-2"),
            None,  # optional, absent
        )

    def test_without_the_protocol_its_terms_and_types_are_unknown(self) -> None:
        with pytest.raises(ValidationError) as info:
            load_caseload(_doc(ALLOCATED, PLAN))
        assert info.value.errors[0].startswith("a string of 3 characters is not a valid service")
        assert info.value.errors[0].endswith("@ $.cases[0].events[0].service")
        assert info.value.errors[1].startswith("unknown event type 'transition-plan-agreed'")

    def test_every_problem_of_a_declared_event_has_its_path(self) -> None:
        bad = {**PLAN, "stage": "signed", "by_service": "police", "extra": 1}
        del bad["recorded_by"]
        with pytest.raises(ValidationError) as info:
            load_caseload(_doc(ALLOCATED, bad), protocols=RIVERSIDE)
        at = "$.cases[0].events[1]"
        assert sorted(info.value.errors) == sorted(
            [
                (
                    f"extra fields found ('extra'); allowed: agreed_by, by_service, "
                    f"external_ref, on, recorded_by, review_on, stage, type @ {at}"
                ),
                f"required field missing @ {at}.recorded_by",
                (
                    f"a string of 6 characters is not a service the protocols declare; expected "
                    f"one of 'yjs', "
                    f"'leaving-care', 'probation-service' @ {at}.by_service"
                ),
                (
                    f"a string of 6 characters is not one of stage's choices; expected one of "
                    f"'draft', 'final' "
                    f"@ {at}.stage"
                ),
            ]
        )

    def test_a_salford_term_is_refused_under_the_council_protocol_alone(self) -> None:
        with pytest.raises(
            ValidationError, match=r"a string of 9 characters is not a service the protocols"
        ):
            load_caseload(_doc({**ALLOCATED, "service": "next-step"}), protocols=RIVERSIDE)

    def test_protocols_used_together_merge_their_terms(self) -> None:
        doc = _doc(ALLOCATED, {**ALLOCATED, "service": "next-step"}, PLAN)
        caseload = load_caseload(doc, protocols=(PROTOCOL_3_14_12, RIVERSIDE))
        assert [e.type for e in caseload.cases[0].events] == [
            "allocated",
            "allocated",
            "transition-plan-agreed",
        ]

    def test_protocols_that_declare_a_service_differently_clash(self) -> None:
        doc = protocol_to_document(RIVERSIDE)
        # 3.14.13's Probation Service began on 26 June 2021; say 2021-07-01 instead.
        doc["vocabulary"]["services"]["probation-service"]["from"] = date(2021, 7, 1)
        other = parse_protocol(doc)
        with pytest.raises(VocabularyClashError) as info:
            merge_vocabularies([(p.id, p.vocabulary) for p in (PROTOCOL_3_14_13, other)])
        assert info.value.problems == (
            (
                "vocabulary clash: service 'probation-service' is declared differently by "
                "3.14.13 and riverside-t1"
            ),
        )
        with pytest.raises(InvalidArgumentError, match="vocabulary clash"):
            load_caseload(_doc(), protocols=(PROTOCOL_3_14_13, other))


class TestEvaluating:
    def test_a_declared_event_discharges_a_rule_of_its_protocol(self) -> None:
        # Allocated Friday 18 December 2026; 10 working days: 21, 22, 23, 24 Dec (4), not
        # Christmas Day (Fri 25) nor the Boxing Day substitute (Mon 28), 29, 30, 31 Dec
        # (7), not New Year's Day, 4, 5, 6 Jan (10): due Wednesday 6 January 2027.
        (case,) = load_caseload(_doc(ALLOCATED, PLAN), protocols=RIVERSIDE).cases
        (r,) = evaluate(case, date(2027, 2, 1), protocol=RIVERSIDE)
        assert (r.obligation, r.status, r.due, r.met_on) == (
            OID,
            Status.MET,
            date(2027, 1, 6),
            date(2027, 1, 6),
        )

    def test_a_draft_or_a_plan_by_another_service_does_not(self) -> None:
        draft = {**PLAN, "stage": "draft"}
        other = {**PLAN, "by_service": "leaving-care"}
        (case,) = load_caseload(_doc(ALLOCATED, draft, other), protocols=RIVERSIDE).cases
        (r,) = evaluate(case, date(2027, 1, 7), protocol=RIVERSIDE)
        assert (r.status, r.due) == (Status.OVERDUE, date(2027, 1, 6))

    def test_the_testing_kit_records_declared_events(self) -> None:
        s = (
            Scenario.for_case("C-9")
            .record(*load_caseload(_doc(ALLOCATED), protocols=RIVERSIDE).cases[0].events)
            .declared(date(2027, 1, 7), "transition-plan-agreed", recorded_by="W-1",
                      by_service="yjs", stage="final", agreed_by=("W-1",))
        )  # fmt: skip
        (r,) = evaluate(s.build(), date(2027, 2, 1), protocol=RIVERSIDE)
        assert (r.status, r.met_on) == (Status.MET_LATE, date(2027, 1, 7))


class TestWriting:
    def test_a_round_trip_keeps_every_field(self) -> None:
        caseload = load_caseload(_doc(ALLOCATED, {**PLAN, "review_on": "2027-06-01"}),
                                 protocols=RIVERSIDE)  # fmt: skip
        text = dumps_caseload(caseload)
        again = load_caseload(text, protocols=RIVERSIDE)
        assert again == caseload
        assert dump_caseload(again)["cases"][0]["events"][1] == {
            **PLAN,
            "external_ref": None,
            "review_on": "2027-06-01",
        }

    def test_the_schema_with_the_protocol_accepts_what_the_loader_accepts(self) -> None:
        schema = Draft202012Validator(caseload_json_schema(protocols=RIVERSIDE))
        assert schema.is_valid(_doc(ALLOCATED, PLAN))
        assert not schema.is_valid(_doc(ALLOCATED, {**PLAN, "stage": "signed"}))
        assert not schema.is_valid(_doc({**ALLOCATED, "service": "next-step"}))
        default = Draft202012Validator(caseload_json_schema())
        assert not default.is_valid(_doc(ALLOCATED))

    def test_pseudonymising_declared_events_needs_their_protocol(self) -> None:
        caseload = load_caseload(_doc(ALLOCATED, PLAN), protocols=RIVERSIDE)
        key = secrets.token_bytes(32)
        with pytest.raises(InvalidArgumentError, match="none of the given protocols declares"):
            pseudonymise(caseload, key)
        plan = pseudonymise(caseload, key, protocols=RIVERSIDE).cases[0].events[1]
        assert isinstance(plan, DeclaredEvent)
        assert plan.stage == "final"
        assert plan.by_service == "yjs"
        assert all(str(i).startswith("P-") for i in (*plan.agreed_by, plan.recorded_by))  # type: ignore[union-attr]

    def test_a_declared_event_never_shows_its_values_in_its_repr(self) -> None:
        event = DeclaredEvent(type="transition-plan-agreed", on=date(2027, 1, 6),
                              recorded_by="W-1", values={"agreed_by": ("Jo Bloggs",)})  # fmt: skip
        assert "Jo Bloggs" not in repr(event)

    def test_a_declared_event_cannot_take_a_core_type(self) -> None:
        with pytest.raises(InvalidArgumentError, match="not a core one"):
            DeclaredEvent(type="allocated", on=date(2027, 1, 6), recorded_by="W-1")


_words = st.text("abcdefghij-", min_size=1, max_size=12).filter(lambda w: w.strip("-"))


@given(
    stage=st.sampled_from(["draft", "final"]),
    service=st.sampled_from(["yjs", "leaving-care", "probation-service"]),
    agreed=st.lists(_words, max_size=3),
    review=st.none() | st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    on=st.dates(date(2020, 1, 1), date(2030, 12, 31)),
    ref=st.none() | identifiers(max_size=128),
)
def test_any_valid_declared_event_survives_a_round_trip(
    stage: str, service: str, agreed: list[str], review: date | None, on: date, ref: str | None
) -> None:
    event = {"type": "transition-plan-agreed", "on": on.isoformat(), "recorded_by": "W-1",
             "external_ref": ref, "by_service": service, "stage": stage, "agreed_by": agreed,
             "review_on": None if review is None else review.isoformat()}  # fmt: skip
    caseload = load_caseload(json.dumps(_doc(event)), protocols=RIVERSIDE)
    assert dump_caseload(caseload)["cases"][0]["events"][0] == event
    assert load_caseload(dumps_caseload(caseload), protocols=RIVERSIDE) == caseload


@given(data=st.data())
def test_the_testing_kit_draws_cases_with_declared_events(data: st.DataObject) -> None:
    from care_justice_protocol.testing import cases

    status = data.draw(st.sampled_from([Status.MET, Status.MET_LATE, Status.OVERDUE, Status.DUE]))
    as_of = date(2026, 12, 1)
    case = data.draw(cases(protocol=RIVERSIDE, statuses={status}, as_of=as_of))
    (r,) = evaluate(case, as_of, protocol=RIVERSIDE)
    assert r.status is status
    if status in (Status.MET, Status.MET_LATE):
        assert any(isinstance(e, DeclaredEvent) for e in case.events)
    # The drawn case is a document the protocol's own loader reads back.
    from care_justice_protocol import dumps_case, load_case

    assert load_case(dumps_case(case), protocols=RIVERSIDE) == case
