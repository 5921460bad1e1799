"""The testing kit with protocols loaded from files: ``cases(protocol=...)`` for any protocol.

The protocol under test is Northby's (``tests/data/protocols/``), a fictional council's,
written with its own service ids (``yot`` until 31 March 2024, then ``yjs``;
``leaving-care``; ``probation-service``), meeting kinds and documents, and one rule of each
due-date shape. Salford's bundled protocols are drawn through the same rule-based plans
(``obligations=``), so every one of their obligations is covered too.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import care_justice_protocol.testing as kit
from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    PROTOCOL_3_14_12,
    PROTOCOL_3_14_13,
    Allocated,
    InvalidArgumentError,
    JointCase,
    LocalVariant,
    Protocol,
    Status,
    UnknownObligationError,
    WorkingCalendar,
    evaluate,
    load_protocol,
    protocol_to_document,
)
from care_justice_protocol.testing._plans import plans_for

NORTHBY_FILE = (
    Path(__file__).parent / "data" / "protocols" / "northby-youth-justice-leaving-care.toml"
)
NORTHBY = load_protocol(NORTHBY_FILE)
AS_OF = date(2026, 11, 25)
CAL = WorkingCalendar.england()
N = "northby-yj-lc/"
MET, LATE, DUE, OVER, NONE, NA = (
    Status.MET,
    Status.MET_LATE,
    Status.DUE,
    Status.OVERDUE,
    Status.NO_TIMESCALE,
    Status.NOT_APPLICABLE,
)

#: What each Northby obligation can show on 2026-11-25, worked out from its rule by hand:
#: a timescale in working days, months or "before" gives every status but no-timescale; "on
#: the day" with a same-day window and "by the day" with an up-to window cannot be met late;
#: no timescale gives met or no-timescale; a per-calendar-period reading cannot be met late
#: (a later half-year's review does not rescue an earlier one); the 2022 version's rule ended
#: on 31 March 2024, beyond the 600 days a case reaches back, so only not-applicable.
NORTHBY_CAN_SHOW = {
    N + "2/case-managers-meet": {MET, LATE, DUE, OVER, NA},
    N + "2/welcome-letter": {MET, NONE, NA},
    N + "2/asset-copy-to-leaving-care": {NA},
    N + "2/transition-plan-to-probation": {MET, LATE, DUE, OVER, NA},
    N + "3/worker-at-sentencing": {MET, DUE, OVER, NA},
    N + "3/invite-youth-justice-to-reviews": {MET, DUE, OVER, NA},
    N + "3/advocate-before-first-hearing": {MET, LATE, DUE, OVER, NA},
    N + "4/pathway-review-every-3-months": {MET, LATE, DUE, OVER, NA},
    N + "4/looked-after-review-each-half-year": {MET, DUE, OVER, NA},
}
#: Northby with a local variant: 3 working days for the case managers' meeting, and a
#: closure day (Fri 20 Nov 2026).
LOCAL = LocalVariant(
    timescales={N + "2/case-managers-meet": 3}, extra_closures=frozenset({date(2026, 11, 20)})
).applied_to([NORTHBY])
NORTHBY_PAIRS = sorted((oid, s) for oid, shown in NORTHBY_CAN_SHOW.items() for s in shown)


def _shown(case: JointCase, obligation: str, protocol: object, as_of: date = AS_OF) -> set[Status]:
    return {
        r.status
        for r in evaluate(case, as_of, protocol=protocol)  # type: ignore[arg-type]
        if r.obligation == obligation
    }


def _pairs(protocol: Protocol) -> list[tuple[str, Status]]:
    """Every (obligation, status) the kit can build for ``protocol`` on AS_OF."""
    found = {(p.obligation, p.status) for p in plans_for(protocol, list(Status), AS_OF, CAL)}
    return sorted(found)


class TestTheNorthbyFile:
    def test_it_loads_with_its_own_services_and_one_rule_of_each_shape(self) -> None:
        assert set(NORTHBY.vocabulary.services) == {
            "yot",
            "yjs",
            "leaving-care",
            "probation-service",
        }
        kinds = {type(o.deadline).__name__ for o in NORTHBY.obligations}
        assert kinds == {
            "WorkingDaysAfter",
            "NoTimescale",
            "MonthsAfter",
            "OnTheDay",
            "ByTheDay",
            "BeforeEvent",
            "Recurring",
        }
        assert NORTHBY.members_on("youth-justice", date(2024, 3, 31)) == ("yot",)
        assert NORTHBY.members_on("youth-justice", date(2024, 4, 1)) == ("yjs",)


# (not-followed: only a partnership obligation, the notes rotation, shows it; never a case)
_ALL_BUT_GOOD_PRACTICE = [
    s for s in Status if s not in (Status.GOOD_PRACTICE_MISSED, Status.NOT_FOLLOWED)
]


class TestCasesForAFileDefinedProtocol:
    def test_the_kit_finds_exactly_the_statuses_each_rule_can_show(self) -> None:
        assert _pairs(NORTHBY) == NORTHBY_PAIRS

    @given(data=st.data(), pair=st.sampled_from(NORTHBY_PAIRS))
    def test_a_drawn_case_shows_the_status_asked_for_its_obligation(
        self, data: st.DataObject, pair: tuple[str, Status]
    ) -> None:
        oid, status = pair
        case = data.draw(kit.cases(statuses={status}, protocol=NORTHBY, obligations=oid))
        assert status in _shown(case, oid, NORTHBY)

    # Northby has no good-practice obligation, so no case can show one missed.
    @given(data=st.data(), status=st.sampled_from(_ALL_BUT_GOOD_PRACTICE))
    def test_without_obligations_some_result_shows_the_status(
        self, data: st.DataObject, status: Status
    ) -> None:
        case = data.draw(kit.cases(statuses={status}, protocol=NORTHBY, as_of=AS_OF))
        assert status in {r.status for r in evaluate(case, AS_OF, protocol=NORTHBY)}

    @given(
        case=kit.cases(
            statuses={"overdue"}, protocol=NORTHBY, obligations=N + "2/case-managers-meet"
        )
    )
    def test_the_events_carry_the_councils_own_service_ids(self, case: JointCase) -> None:
        # On 2026-11-25 every event is in the 2024 version: youth justice is "yjs".
        services = {e.service for e in case.events if isinstance(e, Allocated) and e.on <= AS_OF}
        assert services
        assert services <= {"yjs", "leaving-care"}

    @given(
        case=kit.cases(
            statuses={"overdue", "met"},
            protocol=NORTHBY,
            as_of=date(2024, 6, 3),
            obligations=N + "2/case-managers-meet",
        )
    )
    def test_a_cases_events_stay_within_one_version_and_one_set_of_services(
        self, case: JointCase
    ) -> None:
        # The 2022 version ends on Sun 31 Mar 2024; "yot" becomes "yjs" on Mon 1 Apr 2024.
        days = [e.on for e in case.events if e.on <= date(2024, 6, 3)]
        assert all(d <= date(2024, 3, 31) for d in days) or all(d >= date(2024, 4, 1) for d in days)
        assert _shown(case, N + "2/case-managers-meet", NORTHBY, date(2024, 6, 3)) & {OVER, MET}

    @given(data=st.data())
    def test_the_2022_versions_rule_can_be_overdue_while_that_version_is_in_reach(
        self, data: st.DataObject
    ) -> None:
        # As of Mon 3 Jun 2024 the 2022 version (1 Apr 2022 - 31 Mar 2024) is within reach.
        oid = N + "2/asset-copy-to-leaving-care"
        case = data.draw(
            kit.cases(
                statuses={"overdue"}, protocol=NORTHBY, as_of=date(2024, 6, 3), obligations=oid
            )
        )
        assert OVER in _shown(case, oid, NORTHBY, date(2024, 6, 3))
        assert all(e.on <= date(2024, 3, 31) for e in case.events if e.on <= date(2024, 6, 3))

    @given(data=st.data(), status=st.sampled_from([MET, LATE, DUE, OVER]))
    def test_a_rulebook_brings_its_local_timescale_and_calendar(
        self, data: st.DataObject, status: Status
    ) -> None:
        oid = N + "2/case-managers-meet"
        case = data.draw(kit.cases(statuses={status}, protocol=LOCAL, obligations=oid))
        assert status in _shown(case, oid, LOCAL)

    def test_a_rulebook_and_a_calendar_are_not_both_taken(self) -> None:
        rules = LocalVariant().applied_to([NORTHBY])
        with pytest.raises(
            InvalidArgumentError, match="calendar must not be given with a Rulebook"
        ):
            kit.cases(statuses={"due"}, protocol=rules, calendar=CAL)

    @pytest.mark.parametrize(
        ("oid", "status"),
        [
            (N + "2/welcome-letter", "overdue"),  # no timescale: never overdue
            (N + "3/worker-at-sentencing", "met-late"),  # same-day evidence window
            (N + "3/invite-youth-justice-to-reviews", "met-late"),  # evidence up to the day
            (N + "4/looked-after-review-each-half-year", "met-late"),  # per half-year
            (N + "2/case-managers-meet", "no-timescale"),
            (N + "2/asset-copy-to-leaving-care", "overdue"),  # its version ended in 2024
        ],
    )
    def test_a_status_the_rule_cannot_show_is_refused_when_the_strategy_is_made(
        self, oid: str, status: str
    ) -> None:
        with pytest.raises(
            InvalidArgumentError, match=rf"under protocol 'northby-yj-lc' for {oid}"
        ):
            kit.cases(statuses={status}, protocol=NORTHBY, obligations=oid)

    def test_unknown_or_no_obligations_are_refused(self) -> None:
        with pytest.raises(UnknownObligationError, match="northby-yj-lc/2/no-such"):
            kit.cases(statuses={"due"}, protocol=NORTHBY, obligations=[N + "2/no-such"])
        with pytest.raises(InvalidArgumentError, match="obligations must not be empty"):
            kit.cases(statuses={"due"}, protocol=NORTHBY, obligations=[])

    def test_a_protocol_with_no_case_level_obligation_is_refused(self) -> None:
        bare = attrs.evolve(NORTHBY, obligations=())
        with pytest.raises(InvalidArgumentError, match="cannot construct a case showing"):
            kit.cases(statuses={"not-applicable"}, protocol=bare)

    @given(data=st.data())
    def test_a_rule_on_a_declared_event_type_is_built_too(self, data: st.DataObject) -> None:
        # A declared type's events are DeclaredEvent values with the declared fields.
        doc = protocol_to_document(NORTHBY)
        doc["vocabulary"]["event_types"] = {
            "transition-agreed": {"summary": "a transition was agreed", "fields": {}}
        }
        doc["obligations"] = [
            {**doc["obligations"][1], "trigger": {"type": "transition-agreed"}},
        ]
        from care_justice_protocol import parse_protocol

        declared = parse_protocol(doc)
        strategy = kit.cases(statuses={"no-timescale"}, protocol=declared)
        case = data.draw(strategy)
        assert any(e.type == "transition-agreed" for e in case.events)


class TestSalfordThroughTheRuleBasedPlans:
    """Every obligation of the bundled protocols, drawn from its own rule (no templates)."""

    PAIRS_12 = _pairs(PROTOCOL_3_14_12)
    PAIRS_13 = _pairs(PROTOCOL_3_14_13)

    def test_every_obligation_can_show_met_and_not_applicable(self) -> None:
        for protocol, pairs in (
            (PROTOCOL_3_14_12, self.PAIRS_12),
            (PROTOCOL_3_14_13, self.PAIRS_13),
        ):
            for ob in protocol.obligations:
                assert {(ob.id, MET), (ob.id, NA)} <= set(pairs), ob.id

    def test_the_15_working_day_meeting_can_show_every_status_but_no_timescale(self) -> None:
        oid = "3.14.12/2/meet-within-15-working-days"
        assert {s for o, s in self.PAIRS_12 if o == oid} == {MET, LATE, DUE, OVER, NA}

    @given(data=st.data(), pair=st.sampled_from(PAIRS_12 + PAIRS_13))
    def test_a_drawn_case_shows_the_status_asked_for_its_obligation(
        self, data: st.DataObject, pair: tuple[str, Status]
    ) -> None:
        oid, status = pair
        case = data.draw(kit.cases(statuses={status}, obligations=oid))
        assert status in _shown(case, oid, BUNDLED_PROTOCOLS)

    # 3.14.12 has no good-practice obligation (3.14.13's court attendance is one).
    @given(data=st.data(), status=st.sampled_from(_ALL_BUT_GOOD_PRACTICE))
    def test_a_renamed_copy_of_a_bundled_protocol_is_drawn_from_its_rules(
        self, data: st.DataObject, status: Status
    ) -> None:
        # No template knows "my-council": its cases come from its rules alone.
        mine = attrs.evolve(PROTOCOL_3_14_12, id="my-council")
        case = data.draw(kit.cases(statuses={status}, protocol=mine))
        assert status in {r.status for r in evaluate(case, AS_OF, protocol=mine)}
