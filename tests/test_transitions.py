"""The national transitions protocol (``transitions-2021``) and its bundled example.

Dates are checked with Python's calendar: Mon 28 Sep 2026 (the transfer), Mon 3 Nov 2025
(the YOS allocation), Tue 13 Oct 2026 (the last review held).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol import (
    ALL_PROTOCOLS,
    BUNDLED_PROTOCOLS,
    EXAMPLE_TRANSITION_PROTOCOLS,
    PROTOCOL_3_14_12,
    PROTOCOL_3_14_13,
    PROTOCOL_TRANSITIONS_2021,
    CareJusticeWarning,
    JointCase,
    ObligationResult,
    Status,
    check_share,
    evaluate,
    example_transition_caseload,
    load_case,
    protocol_clashes,
    protocol_from_text,
)
from care_justice_protocol.cli import main

T = PROTOCOL_TRANSITIONS_2021
AS_OF = date(2026, 11, 25)
TRANSFER = date(2026, 9, 28)  # Mon
DATA = Path(__file__).parent.parent / "src" / "care_justice_protocol" / "io" / "data"
BUNDLED_FILE = DATA / "protocols" / "yjb-transitions-2021.toml"
EXAMPLE_FILE = DATA / "example_transition_caseload.json"
PREPARE = "transitions-2021/guidance-1/prepare-before-transfer"
IN_PLAN = "transitions-2021/guidance-2/transition-plan-in-sentence-plan"
WITH_FAMILY = "transitions-2021/guidance-2/plan-developed-with-child-and-family"
INTRODUCTIONS = "transitions-2021/guidance-5/planned-introductions"
INFORMATION = "transitions-2021/guidance-8/information-before-transfer"
REVIEWED = "transitions-2021/guidance-9/transition-reviewed"


def results(case: JointCase, as_of: date = AS_OF) -> dict[str, ObligationResult]:
    out = {}
    for r in evaluate(case, as_of, protocol=EXAMPLE_TRANSITION_PROTOCOLS):
        if r.obligation.startswith("transitions-2021/"):
            assert r.obligation not in out  # one transfer: one result each
            out[r.obligation] = r
    return out


def case_with(events: list[dict[str, Any]], born: str = "2008-09-14") -> JointCase:
    """A case of the YOS and the Probation Service with these events (JSON form)."""
    doc = {
        "schema_version": 1,
        "case_id": "C-1",
        "young_person": {"id": "YP-1", "date_of_birth": born, "care_status": "former-relevant",
                         "has_icta": False, "legal_status": "community-order"},
        "events": [{"recorded_by": "W-1", **e} for e in events],
    }  # fmt: skip
    return load_case(json.dumps(doc), protocols=EXAMPLE_TRANSITION_PROTOCOLS)


def transfer(on: date = TRANSFER, to: str = "probation-service") -> dict[str, Any]:
    return {"type": "case-transferred", "on": on.isoformat(), "from_service": "yos",
            "to_service": to}  # fmt: skip


def shared(on: date, frm: str = "yos", to: str = "probation-service") -> dict[str, Any]:
    return {"type": "information-fed-in", "on": on.isoformat(), "from_service": frm,
            "to_service": to}  # fmt: skip


class TestTheFile:
    def test_it_is_shipped_and_available_by_id_but_not_in_the_default_set(self) -> None:
        assert ALL_PROTOCOLS["transitions-2021"] is T
        assert T not in BUNDLED_PROTOCOLS
        assert BUNDLED_PROTOCOLS == (PROTOCOL_3_14_12, PROTOCOL_3_14_13)

    def test_it_loads_with_salford_s_protocols_with_no_clash(self) -> None:
        assert protocol_clashes([*BUNDLED_PROTOCOLS, T]) == ()
        # its two services are declared as Salford's files declare them
        assert T.vocabulary.services["yos"] == PROTOCOL_3_14_12.vocabulary.services["yos"]
        ps = PROTOCOL_3_14_13.vocabulary.services["probation-service"]
        assert T.vocabulary.services["probation-service"] == ps

    def test_it_is_in_force_from_the_probation_service_s_first_day(self) -> None:
        # the texts give "June 2021"; the Probation Service existed from 26 June 2021
        assert T.version_on(date(2021, 6, 25)) is None
        assert T.version_on(date(2021, 6, 26)) is not None
        assert T.parties_on(date(2026, 9, 28)) == ("yos", "probation-service")

    def test_every_rule_names_the_youth_justice_service_through_its_group(self) -> None:
        assert T.vocabulary.groups == {"youth-justice": ("yos",)}
        for ob in T.obligations:
            assert ob.parties == ("@youth-justice",)
            assert ob.trigger.type == "case-transferred"
            assert dict(ob.trigger.where) == {
                "from_service": ("@youth-justice",),
                "to_service": ("probation-service",),
            }

    def test_only_item_2_s_must_is_a_duty(self) -> None:
        strengths = {ob.id: ob.strength.value for ob in T.obligations}
        assert strengths.pop(IN_PLAN) == "must"
        assert set(strengths.values()) == {"should"}

    def test_what_could_not_be_encoded_is_listed(self) -> None:
        clauses = [n.clause for n in T.not_encoded]
        for item in (3, 4, 6, 7):
            assert f"How to manage transitions, item {item}" in clauses
        assert "protocol (Resource Hub description)" in clauses

    def test_information_before_transfer_is_a_required_share(self) -> None:
        # Salford's protocols do not cover a risk assessment from YOS to probation; the
        # national guidance requires all relevant information before the transfer
        args = ("risk-assessment", "yos", "probation-service", TRANSFER)
        assert check_share(*args, protocols=BUNDLED_PROTOCOLS).verdict.value == "not-covered"
        d = check_share(*args, protocols=EXAMPLE_TRANSITION_PROTOCOLS)
        assert (d.verdict.value, d.clause) == (
            "required",
            "transitions-2021 How to manage transitions, item 8",
        )


@pytest.fixture(scope="module")
def case() -> JointCase:
    (example,) = example_transition_caseload().cases
    return example


class TestTheExampleCase:
    def test_the_transitions_results_as_of_25_november_2026(self, case: JointCase) -> None:
        got = {oid: (r.status, r.due, r.met_on) for oid, r in results(case).items()}
        assert got == {
            # each due by the day of the transfer, Mon 28 Sep 2026, on or before it
            PREPARE: (Status.MET, TRANSFER, date(2026, 3, 16)),
            IN_PLAN: (Status.MET, TRANSFER, date(2026, 5, 12)),
            # the plan of 12 May was developed with the child but not the family or carers
            WITH_FAMILY: (Status.OVERDUE, TRANSFER, None),
            INTRODUCTIONS: (Status.MET, TRANSFER, date(2026, 8, 19)),
            INFORMATION: (Status.MET, TRANSFER, date(2026, 9, 23)),
            # "Reviewing each transition": no timescale
            REVIEWED: (Status.NO_TIMESCALE, None, None),
        }

    def test_salford_s_protocols_see_the_same_young_person(self, case: JointCase) -> None:
        got = {
            r.obligation: (r.status, r.due, r.met_on)
            for r in evaluate(case, AS_OF, protocol=EXAMPLE_TRANSITION_PROTOCOLS)
        }
        # YOS allocation Mon 3 Nov 2025 + 15 working days: 4-7 Nov (4), 10-14 (9),
        # 17-21 (14), Mon 24 Nov (15); no bank holiday: due Mon 24 Nov 2025
        assert got["3.14.12/2/meet-within-15-working-days"] == (
            Status.MET, date(2025, 11, 24), date(2025, 11, 20)
        )  # fmt: skip
        assert got["3.14.13/2/pathway-plan-to-probation"][0] is Status.MET
        # last review Tue 13 Oct 2026 + 6 months: Tue 13 Apr 2027
        assert got["3.14.13/5/invite-probation-to-next-review-due-by-law"] == (
            Status.DUE, date(2027, 4, 13), None
        )  # fmt: skip

    def test_before_the_transfer_nothing_of_it_arises(self, case: JointCase) -> None:
        for r in results(case, TRANSFER - timedelta(days=1)).values():
            assert r.status is Status.NOT_APPLICABLE
            assert r.explanation.startswith("not applicable: no case-transferred")

    def test_on_the_transfer_day_a_missing_step_is_due_and_overdue_the_day_after(
        self, case: JointCase
    ) -> None:
        assert results(case, TRANSFER)[WITH_FAMILY].status is Status.DUE
        assert results(case, TRANSFER + timedelta(days=1))[WITH_FAMILY].status is Status.OVERDUE

    def test_it_is_read_only_with_the_protocol_that_declares_its_event_types(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        args = ["check", str(EXAMPLE_FILE), "--as-of", "2026-11-25", "--format", "json"]
        assert main(args) == 2  # the default set does not know its event types
        assert (
            capsys.readouterr()
            .err.rstrip()
            .endswith(
                "do not declare: give the protocol that declares them with --protocol-file "
                "FILE, or --protocol ID for a bundled one (transitions-2021)"
            )
        )
        named = ["--protocol", "3.14.12", "--protocol", "3.14.13", "--protocol",
                 "transitions-2021"]  # fmt: skip
        assert main([*args, *named]) == 0
        doc = json.loads(capsys.readouterr().out)
        got = {r["obligation"]: r["status"] for r in doc["results"]}
        assert got[INFORMATION] == "met"
        assert got[WITH_FAMILY] == "overdue"
        assert got["3.14.12/2/meet-within-15-working-days"] == "met"


class TestBeforeTheTransfer:
    def test_information_shared_on_the_transfer_day_counts_and_the_day_after_does_not(
        self,
    ) -> None:
        for offset, status in ((-1, Status.MET), (0, Status.MET), (1, Status.OVERDUE)):
            case = case_with([shared(TRANSFER + timedelta(days=offset)), transfer()])
            assert results(case)[INFORMATION].status is status, offset

    def test_information_from_another_service_does_not_count(self) -> None:
        case = case_with([shared(TRANSFER, frm="next-step"), transfer()])
        assert results(case)[INFORMATION].status is Status.OVERDUE

    def test_a_transfer_to_another_service_is_not_a_transfer_to_probation(self) -> None:
        case = case_with([transfer(to="next-step")])
        assert {r.status for r in results(case).values()} == {Status.NOT_APPLICABLE}

    def test_a_transfer_before_the_protocol_took_effect_is_not_applicable(self) -> None:
        with pytest.warns(CareJusticeWarning, match="did not exist until 2021-06-26"):
            case = case_with([transfer(date(2021, 6, 25))])
        r = results(case)[INFORMATION]
        # on 25 June 2021 the group "@youth-justice" has no member party to the protocol
        # (no version in force), so the transfer is not the trigger
        assert r.status is Status.NOT_APPLICABLE
        assert r.explanation == (
            "not applicable: no case-transferred (from_service: @youth-justice, to_service: "
            "probation-service) recorded"
        )

    def test_a_second_transfer_needs_its_own_information(self) -> None:
        first, second = TRANSFER, date(2027, 3, 1)  # Mon
        case = case_with([shared(first), transfer(first), transfer(second)])
        got = [
            (r.trigger, r.status)
            for r in evaluate(case, AS_OF.replace(year=2027, month=6), protocol=[T])
            if r.obligation == INFORMATION
        ]
        assert got == [(first, Status.MET), (second, Status.OVERDUE)]


@given(offset=st.integers(-60, 60))
def test_information_counts_exactly_when_recorded_by_the_transfer_day(offset: int) -> None:
    """Invariant: "before transfer" is met if and only if shared on or before its day."""
    case = case_with([shared(TRANSFER + timedelta(days=offset)), transfer()])
    r = results(case)[INFORMATION]
    assert (r.status is Status.MET) == (offset <= 0)
    assert r.due == TRANSFER


class TestAnotherCouncil:
    def test_declaring_its_own_youth_justice_service_changes_no_rule(self) -> None:
        text = BUNDLED_FILE.read_text(encoding="utf-8")
        text = text.replace(
            '[vocabulary.services.yos]\nlabel = "Salford Youth Offending Service"',
            '[vocabulary.services.yjs]\nlabel = "Anyshire Youth Justice Service"',
        ).replace('youth-justice = ["yos"]', 'youth-justice = ["yjs"]')
        text = text.replace('parties = ["yos", "probation-service"]',
                            'parties = ["yjs", "probation-service"]')  # fmt: skip
        theirs = protocol_from_text(text)
        assert [ob.trigger for ob in theirs.obligations] == [ob.trigger for ob in T.obligations]
        doc = {
            "schema_version": 1,
            "case_id": "C-1",
            "young_person": {"id": "YP-1", "date_of_birth": "2008-09-14",
                             "care_status": "other", "has_icta": False,
                             "legal_status": "community-order"},
            "events": [
                {"type": "information-fed-in", "on": "2026-09-24", "recorded_by": "W-1",
                 "from_service": "yjs", "to_service": "probation-service"},
                {"type": "case-transferred", "on": "2026-09-28", "recorded_by": "W-1",
                 "from_service": "yjs", "to_service": "probation-service"},
            ],
        }  # fmt: skip
        case = load_case(json.dumps(doc), protocols=[theirs])
        (r,) = [r for r in evaluate(case, AS_OF, protocol=[theirs]) if r.obligation == INFORMATION]
        assert (r.status, r.met_on) == (Status.MET, date(2026, 9, 24))
