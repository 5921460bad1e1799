"""Protocols answer by name: their parties on a day, obligations by id, local timescales.

Also: every obligation cites its clause as one :class:`Citation`, and the sharing rules
are derived from the share obligations.
"""

from __future__ import annotations

from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol import (
    ALL_PROTOCOLS,
    PROTOCOL_3_14_12,
    PROTOCOL_3_14_13,
    SERVICE_PERIODS,
    SHARING_RULES,
    CareJusticeError,
    Citation,
    InvalidArgumentError,
    LocalTimescale,
    LocalVariant,
    Match,
    Obligation,
    PeriodPolicy,
    Service,
    UnknownObligationError,
    WorkingDaysAfter,
    obligation_by_id,
)

NS, YOS = Service.NEXT_STEP, Service.YOS
NPS, CRC, PS = Service.NPS, Service.CRC, Service.PROBATION_SERVICE
JOINT_MEETING = "3.14.12/2/joint-meeting-with-young-person"


class TestPartiesOnADay:
    def test_nps_and_crc_until_25_june_2021(self) -> None:
        assert PROTOCOL_3_14_13.parties_on(date(2021, 6, 25)) == (NS, NPS, CRC)
        assert PROTOCOL_3_14_13.probation_on(date(2021, 6, 25)) == (NPS, CRC)

    def test_the_probation_service_from_26_june_2021(self) -> None:
        assert PROTOCOL_3_14_13.parties_on(date(2021, 6, 26)) == (NS, PS)
        assert PROTOCOL_3_14_13.probation_on(date(2021, 6, 26)) == (PS,)

    def test_no_parties_before_3_14_13_was_signed_on_18_march_2019(self) -> None:
        assert PROTOCOL_3_14_13.parties_on(date(2019, 3, 17)) == ()
        assert PROTOCOL_3_14_13.parties_on(date(2019, 3, 18)) == (NS, NPS, CRC)

    def test_3_14_12_is_yos_and_next_steps_with_no_probation(self) -> None:
        assert PROTOCOL_3_14_12.parties_on(date(2026, 1, 5)) == (YOS, NS)
        assert PROTOCOL_3_14_12.probation_on(date(2026, 1, 5)) == ()

    @given(day=st.dates(date(2015, 1, 1), date(2035, 12, 31)))
    def test_every_party_on_a_day_exists_on_that_day(self, day: date) -> None:
        for p in ALL_PROTOCOLS.values():
            for s in p.parties_on(day):
                assert SERVICE_PERIODS[s].contains(day)
            # "@probation" is the group a protocol declares as "probation" (3.14.13's); a
            # protocol that declares none (the transitions protocol names the Probation
            # Service itself) has no probation providers by that name.
            probation = tuple(s for s in p.parties_on(day) if s in (NPS, CRC, PS))
            expected = probation if "probation" in p.vocabulary.groups else ()
            assert p.probation_on(day) == expected


class TestObligationById:
    def test_a_case_level_and_a_periodic_obligation(self) -> None:
        assert PROTOCOL_3_14_12.obligation(JOINT_MEETING).id == JOINT_MEETING
        q = PROTOCOL_3_14_12.obligation("3.14.12/4/twice-yearly-quality-assurance")
        assert q.clause == "3.14.12 §4"

    def test_an_unknown_id_names_itself_and_the_known_ids(self) -> None:
        with pytest.raises(UnknownObligationError) as info:
            PROTOCOL_3_14_12.obligation("3.14.12/2/no-such")
        error = info.value
        assert isinstance(error, CareJusticeError)
        assert isinstance(error, KeyError)
        assert isinstance(error, ValueError)
        assert error.ids == ("3.14.12/2/no-such",)
        assert JOINT_MEETING in error.known
        assert str(error).startswith("no obligation '3.14.12/2/no-such' in protocol 3.14.12;")

    def test_an_id_of_the_other_protocol_is_unknown_here(self) -> None:
        with pytest.raises(UnknownObligationError):
            PROTOCOL_3_14_13.obligation(JOINT_MEETING)

    def test_obligation_by_id_searches_both_protocols(self) -> None:
        assert (
            obligation_by_id("3.14.13/5/invite-probation-to-next-review-due-by-law").clause
            == "3.14.13 §5"
        )
        with pytest.raises(UnknownObligationError, match="the bundled protocols") as info:
            obligation_by_id("9.99/1/x")
        assert len(info.value.known) == sum(
            len(p.obligations) + len(p.periodic) for p in ALL_PROTOCOLS.values()
        )

    def test_the_joint_case_conditions_are_named(self) -> None:
        [joint] = PROTOCOL_3_14_12.joint_case
        assert joint.type == "other-service-checked"
        assert PROTOCOL_3_14_12.joint_case_name == "the case is open to both YOS and Next Steps"
        [responsible] = PROTOCOL_3_14_13.joint_case
        assert responsible == Match("responsibility-accepted", {"service": "@probation"})


class TestWithTimescales:
    def test_a_local_timescale_on_an_obligation_with_none(self) -> None:
        p = PROTOCOL_3_14_12.with_timescales({JOINT_MEETING: 10})
        assert p.obligation(JOINT_MEETING).deadline == LocalTimescale(WorkingDaysAfter(10))
        # every other obligation unchanged, in the same order
        assert [o.id for o in p.obligations] == [o.id for o in PROTOCOL_3_14_12.obligations]

    def test_unknown_ids_raise_naming_every_one(self) -> None:
        with pytest.raises(UnknownObligationError) as info:
            PROTOCOL_3_14_12.with_timescales({"3.14.12/x": 1, JOINT_MEETING: 2, "nope": 3})
        assert info.value.ids == ("3.14.12/x", "nope")
        assert isinstance(info.value, KeyError)
        assert "'3.14.12/x', 'nope'" in str(info.value)

    def test_a_periodic_id_is_not_a_case_level_obligation(self) -> None:
        with pytest.raises(UnknownObligationError):
            PROTOCOL_3_14_12.with_timescales({"3.14.12/3/quarterly-management-meeting": 5})

    def test_an_obligation_with_a_protocol_timescale_takes_a_local_one_naming_both(self) -> None:
        meet = "3.14.12/2/meet-within-15-working-days"
        p = PROTOCOL_3_14_12.with_timescales({meet: 5})
        assert p.obligation(meet).deadline == LocalTimescale(
            WorkingDaysAfter(5), replaces=WorkingDaysAfter(15)
        )
        assert p.obligation(meet).deadline.describe("allocation") == (
            "local timescale: 5 working days after allocation (protocol: 15 working days)"
        )

    @pytest.mark.parametrize("days", [-1, 1.5, True, "3"])
    def test_a_count_must_be_a_whole_number(self, days: object) -> None:
        with pytest.raises(InvalidArgumentError, match="whole number of working days"):
            PROTOCOL_3_14_12.with_timescales({JOINT_MEETING: days})  # type: ignore[dict-item]

    def test_a_variant_applies_each_protocols_own_timescales(self) -> None:
        community = "3.14.13/community-sentence/share-information"
        v = LocalVariant(timescales={JOINT_MEETING: 10, community: 5})
        assert v.apply(PROTOCOL_3_14_12).obligation(JOINT_MEETING).deadline == LocalTimescale(
            WorkingDaysAfter(10)
        )
        assert v.apply(PROTOCOL_3_14_13).obligation(community).deadline == LocalTimescale(
            WorkingDaysAfter(5)
        )


class TestWithPolicies:
    QUARTERLY_12 = "3.14.12/3/quarterly-management-meeting"
    QUARTERLY_13 = "3.14.13/3/quarterly-middle-management-meeting"

    def test_a_policy_replaces_the_reading_of_that_obligation_only(self) -> None:
        since = PeriodPolicy.AT_MOST_N_MONTHS_SINCE_LAST
        p = PROTOCOL_3_14_12.with_policies({self.QUARTERLY_12: since})
        assert p.obligation(self.QUARTERLY_12).recurrence.policy is since
        others = [q for q in p.periodic if q.id != self.QUARTERLY_12]
        assert others == [q for q in PROTOCOL_3_14_12.periodic if q.id != self.QUARTERLY_12]

    def test_unknown_ids_raise_naming_every_one(self) -> None:
        # It used to skip them silently, as with_timescales did.
        with pytest.raises(UnknownObligationError) as info:
            PROTOCOL_3_14_12.with_policies(
                {"3.14.12/3/no-such": PeriodPolicy.PER_CALENDAR_PERIOD, JOINT_MEETING: "x"}
            )
        assert info.value.ids == ("3.14.12/3/no-such", JOINT_MEETING)

    def test_a_variant_applies_each_protocols_own_policies(self) -> None:
        since = PeriodPolicy.AT_MOST_N_MONTHS_SINCE_LAST
        v = LocalVariant(policies={self.QUARTERLY_12: since, self.QUARTERLY_13: since})
        assert v.apply(PROTOCOL_3_14_12).obligation(self.QUARTERLY_12).recurrence.policy is since
        assert v.apply(PROTOCOL_3_14_13).obligation(self.QUARTERLY_13).recurrence.policy is since


class TestCitations:
    def test_every_clause_is_its_citation_as_text(self) -> None:
        for p in ALL_PROTOCOLS.values():
            for ob in (*p.obligations, *p.periodic):
                assert isinstance(ob.citation, Citation)
                assert ob.clause == str(ob.citation)
                assert ob.citation.document == p.id

    def test_a_string_is_read_as_document_and_place(self) -> None:
        ob = PROTOCOL_3_14_12.obligation(JOINT_MEETING)
        assert isinstance(ob, Obligation)
        changed = attrs.evolve(ob, citation="3.14.12 §2, para 3")
        assert changed.citation == Citation("3.14.12", "§2, para 3")
        assert changed.clause == "3.14.12 §2, para 3"


class TestSharingRulesComeFromTheObligations:
    def test_each_rule_names_obligations_that_exist(self) -> None:
        for rule in SHARING_RULES:
            assert rule.obligations
            for oid in rule.obligations:
                obligation_by_id(oid)

    def test_each_required_rule_moves_what_its_obligations_move(self) -> None:
        for rule in (r for r in SHARING_RULES if r.required):
            for oid in rule.obligations:
                ob = obligation_by_id(oid)
                assert isinstance(ob, Obligation)
                where = dict(ob.evidence.where)
                assert where["from_service"] == (rule.source,)
                assert where["to_service"] == (rule.target,)

    def test_every_copy_or_share_of_a_named_document_has_a_required_rule(self) -> None:
        covered = {oid for r in SHARING_RULES if r.required for oid in r.obligations}
        for p in ALL_PROTOCOLS.values():
            for ob in p.obligations:
                where = dict(ob.evidence.where)
                if (
                    ob.evidence.type in ("document-shared", "document-copy-given")
                    and "document" in where
                ):
                    assert ob.id in covered, ob.id

    def test_the_pathway_plan_rule_merges_its_two_clauses(self) -> None:
        [rule] = [r for r in SHARING_RULES if r.required and r.source == "next-step"
                  and r.target == "@probation" and r.document == "pathway-plan"]  # fmt: skip
        # §2 (pathway plan to probation) and §3 (6) (a copy): "3.14.13 §2, §3 (6)".
        assert rule.clause == "3.14.13 §2, §3 (6)"
