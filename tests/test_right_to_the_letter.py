"""Salford's readings fixed through the rule language: strength, and conditions on the day.

Each test quotes the clause, computes the dates by hand and has a positive control (the
duty still bites where it should).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

import pytest

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    PROTOCOL_3_14_12,
    PROTOCOL_3_14_13,
    CareJusticeWarning,
    Protocol,
    ProtocolFileError,
    Status,
    evaluate,
    load_case,
    parse_protocol,
    protocol_from_text,
    protocol_to_document,
)
from care_justice_protocol.testing import Scenario

MEET = "3.14.12/2/meet-within-15-working-days"
INVITE_NS = "3.14.12/2/invite-next-steps-to-yos-reviews"
SOLICITOR = "3.14.13/charged/legal-representation"
AT_COURT = "3.14.13/charged/worker-at-court-on-sentencing-day"
COMMUNITY = "3.14.13/community-sentence/share-information"


def _one(case: object, as_of: date, oid: str) -> object:
    (r,) = [r for r in evaluate(case, as_of, protocol=BUNDLED_PROTOCOLS) if r.obligation == oid]  # type: ignore[arg-type]
    return r


class TestTheFifteenDaysRunFromTheAllocationThatMadeTheCaseJoint:
    """3.14.12 §2: "On being allocated a new case, workers from each service will confirm
    if the case is open to the other service. Where this is applicable the case workers
    will arrange to meet within 15 working days"."""

    def test_a_next_steps_case_since_2024_allocated_by_yos_in_december_2026(self) -> None:
        # Next Steps allocated on Monday 4 March 2024 (the case was not open to YOS then);
        # YOS allocates on Friday 18 December 2026 and finds it open to Next Steps. 15
        # working days from 18 December: 21-24 Dec (4), not 25 Dec, not the Boxing Day
        # substitute Mon 28 Dec, 29-31 Dec (7), not 1 Jan, 4-8 Jan (12), 11-13 Jan (15):
        # due Wednesday 13 January 2027. The meeting on Tuesday 12 January is on time.
        case = (
            Scenario.for_case()
            .allocate(date(2024, 3, 4), "next-step")
            .check_other_service(date(2024, 3, 4), "next-step", "yos", open_to_other=False)
            .allocate(date(2026, 12, 18), "yos")
            .check_other_service(date(2026, 12, 18), "yos", "next-step", open_to_other=True)
            .meeting(date(2027, 1, 12), "case-worker-information-sharing", "yos", "next-step")
            .build()
        )
        r = _one(case, date(2027, 2, 1), MEET)
        assert (r.status, r.trigger, r.due) == (Status.MET, date(2026, 12, 18), date(2027, 1, 13))  # type: ignore[attr-defined]

    def test_positive_control_a_late_meeting_is_still_late(self) -> None:
        # The same case, the meeting on Thursday 14 January 2027: one working day late.
        case = (
            Scenario.for_case()
            .allocate(date(2024, 3, 4), "next-step")
            .allocate(date(2026, 12, 18), "yos")
            .check_other_service(date(2026, 12, 18), "yos", "next-step", open_to_other=True)
            .meeting(date(2027, 1, 14), "case-worker-information-sharing", "yos", "next-step")
            .build()
        )
        r = _one(case, date(2027, 2, 1), MEET)
        assert (r.status, r.due) == (Status.MET_LATE, date(2027, 1, 13))  # type: ignore[attr-defined]

    def test_a_check_on_the_next_working_day_still_counts_from_the_allocation(self) -> None:
        # Allocated Friday 18 December 2026, found open to Next Steps on Monday 21st: the
        # clock still runs from the allocation (due 13 January 2027).
        case = (
            Scenario.for_case()
            .allocate(date(2026, 12, 18), "yos")
            .check_other_service(date(2026, 12, 21), "yos", "next-step", open_to_other=True)
            .build()
        )
        r = _one(case, date(2027, 1, 14), MEET)
        assert (r.status, r.trigger, r.due) == (  # type: ignore[attr-defined]
            Status.OVERDUE,
            date(2026, 12, 18),
            date(2027, 1, 13),
        )


class TestInvitationsApplyOnTheDayOfTheReview:
    """3.14.12 §2: "Next Steps workers will be invited and are expected to attend formal
    review meetings ... at the Youth Offending Service"."""

    def test_a_review_held_before_the_case_became_joint_is_not_applicable(self) -> None:
        # A YOS formal review on Monday 7 December 2026; the case became joint on Monday
        # 14 December 2026.
        case = (
            Scenario.for_case()
            .allocate(date(2026, 12, 1), "yos")
            .meeting(date(2026, 12, 7), "formal-review", "yos")
            .check_other_service(date(2026, 12, 14), "yos", "next-step", open_to_other=True)
            .build()
        )
        r = _one(case, date(2027, 1, 4), INVITE_NS)
        assert r.status is Status.NOT_APPLICABLE  # type: ignore[attr-defined]
        assert "on a day when the case is open to both YOS and Next Steps" in r.explanation  # type: ignore[attr-defined]

    def test_positive_control_a_review_after_it_became_joint_is_owed(self) -> None:
        case = (
            Scenario.for_case()
            .allocate(date(2026, 12, 1), "yos")
            .check_other_service(date(2026, 12, 1), "yos", "next-step", open_to_other=True)
            .meeting(date(2026, 12, 7), "formal-review", "yos")
            .build()
        )
        r = _one(case, date(2027, 1, 4), INVITE_NS)
        # Due by the day of the review (Monday 7 December 2026), no invitation recorded.
        assert (r.status, r.due) == (Status.OVERDUE, date(2026, 12, 7))  # type: ignore[attr-defined]

    def test_a_review_after_closure_is_not_applicable(self) -> None:
        case = (
            Scenario.for_case()
            .allocate(date(2026, 12, 1), "yos")
            .check_other_service(date(2026, 12, 1), "yos", "next-step", open_to_other=True)
            .closed(date(2026, 12, 4), "next-step")
            .meeting(date(2026, 12, 7), "formal-review", "yos")
            .build()
        )
        assert _one(case, date(2027, 1, 4), INVITE_NS).status is Status.NOT_APPLICABLE  # type: ignore[attr-defined]


class TestANextStepYoungPersonCharged:
    """3.14.13: "If a Next Step young person is charged with an offence: ... The home
    authority must ensure that the young person is: legally represented by a solicitor
    with expertise in youth justice"."""

    def test_a_yos_only_child_is_not_a_next_step_young_person(self) -> None:
        case = (
            Scenario.for_case(care_status="other")
            .allocate(date(2026, 11, 2), "yos")
            .charged(date(2026, 11, 2), recorded_by="yos")
            .build()
        )
        r = _one(case, date(2026, 12, 1), SOLICITOR)
        assert r.status is Status.NOT_APPLICABLE  # type: ignore[attr-defined]
        assert "the young person is open to Next Step" in r.explanation  # type: ignore[attr-defined]

    def test_positive_control_a_relevant_child_is_one(self) -> None:
        # A relevant child (a care leaver Next Step serves), charged on Monday 2 November
        # 2026, no hearing yet: the duty is due before the first hearing.
        case = Scenario.for_case(care_status="relevant").charged(date(2026, 11, 2)).build()
        r = _one(case, date(2026, 12, 1), SOLICITOR)
        assert r.status is Status.DUE  # type: ignore[attr-defined]

    def test_a_child_allocated_to_next_step_is_one_until_next_step_closes(self) -> None:
        open_case = (
            Scenario.for_case(care_status="other")
            .allocate(date(2026, 10, 1), "next-step")
            .charged(date(2026, 11, 2))
            .build()
        )
        assert _one(open_case, date(2026, 12, 1), SOLICITOR).status is Status.DUE  # type: ignore[attr-defined]
        closed = (
            Scenario.for_case(care_status="other")
            .allocate(date(2026, 10, 1), "next-step")
            .closed(date(2026, 10, 30), "next-step")
            .charged(date(2026, 11, 2))
            .build()
        )
        assert _one(closed, date(2026, 12, 1), SOLICITOR).status is Status.NOT_APPLICABLE  # type: ignore[attr-defined]


class TestGoodPracticeIsNotADuty:
    """3.14.13: "It is good practice for the child's worker to attend court with them,
    particularly on the day of sentence"."""

    def _sentenced_without_the_worker(self) -> object:
        return (
            Scenario.for_case(care_status="relevant")
            .charged(date(2026, 4, 1))
            .hearing(date(2026, 4, 20), sentencing=True)
            .build()
        )

    def test_missing_it_is_good_practice_missed_not_overdue(self) -> None:
        r = _one(self._sentenced_without_the_worker(), date(2026, 5, 1), AT_COURT)
        assert (r.status, r.strength, r.due) == (  # type: ignore[attr-defined]
            Status.GOOD_PRACTICE_MISSED,
            "good-practice",
            date(2026, 4, 20),
        )
        assert r.explanation.startswith("good practice not followed by 2026-04-20")  # type: ignore[attr-defined]

    def test_a_duty_missed_is_still_overdue(self) -> None:
        # Positive control: the solicitor ("must ensure") before the hearing of 20 April.
        r = _one(self._sentenced_without_the_worker(), date(2026, 5, 1), SOLICITOR)
        assert (r.status, r.strength) == (Status.OVERDUE, "must")  # type: ignore[attr-defined]

    def test_every_result_carries_the_strength_of_its_obligation(self) -> None:
        case = self._sentenced_without_the_worker()
        for r in evaluate(case, date(2026, 5, 1), protocol=BUNDLED_PROTOCOLS):  # type: ignore[arg-type]
            p = PROTOCOL_3_14_12 if r.obligation.startswith("3.14.12") else PROTOCOL_3_14_13
            assert r.strength == p.obligation(r.obligation).strength


class TestTheCommunitySentenceShareIsBetweenNextStepAndProbation:
    """3.14.13: "their Next Step worker and NPS or CRC case manager should continue to work
    closely together, share information"."""

    def _sentenced(self) -> Scenario:
        return (
            Scenario.for_case(care_status="relevant")
            .responsibility(date(2026, 3, 2), "probation-service")
            .sentenced(date(2026, 4, 20), "community-order")
        )

    def test_a_yos_share_with_next_step_does_not_discharge_it(self) -> None:
        case = self._sentenced().share(date(2026, 4, 22), "risk-assessment", "yos",
                                       "next-step").build()  # fmt: skip
        assert _one(case, date(2026, 5, 1), COMMUNITY).status is Status.NO_TIMESCALE  # type: ignore[attr-defined]

    def test_positive_control_a_share_with_probation_does(self) -> None:
        case = self._sentenced().share(date(2026, 4, 22), "risk-assessment", "next-step",
                                       "probation-service").build()  # fmt: skip
        r = _one(case, date(2026, 5, 1), COMMUNITY)
        assert (r.status, r.met_on) == (Status.MET, date(2026, 4, 22))  # type: ignore[attr-defined]


CONFIRM = "3.14.12/2/confirm-open-to-other-service"
YOS_INFORMS = "3.14.12/3/yos-informs-of-next-step-clients"
PROBATION_INFORMS = "3.14.13/3/probation-informs-of-next-step-clients"
PRISON_NS = "3.14.13/4/prison-meeting-attended-by-next-step"
PRISON_PROBATION = "3.14.13/4/prison-meeting-attended-by-probation"
FAMILY = "3.14.13/4/young-person-and-family-kept-informed"


class TestTheCheckIsOfTheOtherService:
    """3.14.12 §2: "workers from each service will confirm if the case is open to the
    other service" ("@other": a party the trigger does not name)."""

    def test_a_yos_check_of_next_steps_meets_it(self) -> None:
        case = (
            Scenario.for_case()
            .allocate(date(2026, 5, 11), "yos")
            .check_other_service(date(2026, 5, 11), "yos", "next-step", open_to_other=False)
            .build()
        )
        r = _one(case, date(2026, 6, 1), CONFIRM)
        assert (r.status, r.met_on) == (Status.MET, date(2026, 5, 11))  # type: ignore[attr-defined]

    def test_a_check_of_a_service_that_is_not_the_other_party_does_not(self) -> None:
        # YOS checked whether the Probation Service (not a party to 3.14.12) had the case.
        case = (
            Scenario.for_case()
            .allocate(date(2026, 5, 11), "yos")
            .check_other_service(date(2026, 5, 11), "yos", "probation-service", open_to_other=False)
            .build()
        )
        assert _one(case, date(2026, 6, 1), CONFIRM).status is Status.NO_TIMESCALE  # type: ignore[attr-defined]


class TestInformingOfNextStepClients:
    """3.14.12 §3 "Salford YOS to inform of all Next Step clients they become involved
    with"; 3.14.13 §3 "Salford NPS and CRC to inform of all Next Step clients they become
    involved with". An arrangement "X to do Y" (`should`), no timescale."""

    def test_yos_allocating_a_relevant_young_person_tells_next_steps(self) -> None:
        allocated = Scenario.for_case(care_status="relevant").allocate(date(2026, 1, 7), "yos")
        r = _one(allocated.build(), date(2026, 2, 1), YOS_INFORMS)
        assert (r.status, r.trigger, r.strength) == (  # type: ignore[attr-defined]
            Status.NO_TIMESCALE, date(2026, 1, 7), "should",
        )  # fmt: skip
        told = allocated.information_fed_in(date(2026, 1, 8), "yos", "next-step").build()
        r = _one(told, date(2026, 2, 1), YOS_INFORMS)
        assert (r.status, r.met_on) == (Status.MET, date(2026, 1, 8))  # type: ignore[attr-defined]

    def test_a_young_person_not_open_to_next_steps_is_not_a_next_step_client(self) -> None:
        case = Scenario.for_case(care_status="other").allocate(date(2026, 1, 7), "yos").build()
        r = _one(case, date(2026, 2, 1), YOS_INFORMS)
        assert r.status is Status.NOT_APPLICABLE  # type: ignore[attr-defined]
        assert r.explanation == (  # type: ignore[attr-defined]
            "not applicable: no allocated recorded on a day when the young person is open "
            "to Next Steps"
        )

    def test_one_open_to_next_steps_by_allocation_is(self) -> None:
        # Not a leaving-care status, but allocated to Next Steps before YOS allocated.
        case = (
            Scenario.for_case(care_status="other")
            .allocate(date(2026, 1, 5), "next-step")
            .allocate(date(2026, 1, 7), "yos")
            .build()
        )
        assert _one(case, date(2026, 2, 1), YOS_INFORMS).status is Status.NO_TIMESCALE  # type: ignore[attr-defined]

    def test_the_probation_provider_tells_next_step(self) -> None:
        responsible = Scenario.for_case(care_status="former-relevant").responsibility(
            date(2026, 3, 2), "probation-service"
        )
        r = _one(responsible.build(), date(2026, 4, 1), PROBATION_INFORMS)
        assert (r.status, r.trigger) == (Status.NO_TIMESCALE, date(2026, 3, 2))  # type: ignore[attr-defined]
        told = responsible.information_fed_in(date(2026, 3, 4), "probation-service", "next-step")
        r = _one(told.build(), date(2026, 4, 1), PROBATION_INFORMS)
        assert (r.status, r.met_on) == (Status.MET, date(2026, 3, 4))  # type: ignore[attr-defined]

    def test_information_the_other_way_does_not_count(self) -> None:
        case = (
            Scenario.for_case(care_status="former-relevant")
            .responsibility(date(2026, 3, 2), "probation-service")
            .information_fed_in(date(2026, 3, 4), "next-step", "probation-service")
            .build()
        )
        assert _one(case, date(2026, 4, 1), PROBATION_INFORMS).status is Status.NO_TIMESCALE  # type: ignore[attr-defined]


class TestPrisonMeetings:
    """3.14.13 §4: "Prison meetings will involve significant professionals and attendance
    at such meetings will be prioritised by all agencies." Each agency's attendance, on the
    day (`should`: prioritising is not a promise to attend)."""

    BASE = Scenario.for_case(care_status="former-relevant").responsibility(
        date(2026, 6, 1), "probation-service"
    )

    def test_both_agencies_at_the_meeting_meet_both(self) -> None:
        case = self.BASE.meeting(
            date(2026, 9, 15), "prison-meeting", "next-step", "probation-service"
        ).build()
        for oid in (PRISON_NS, PRISON_PROBATION):
            r = _one(case, date(2026, 10, 1), oid)
            assert (r.status, r.due, r.met_on) == (  # type: ignore[attr-defined]
                Status.MET, date(2026, 9, 15), date(2026, 9, 15),
            )  # fmt: skip

    def test_an_agency_absent_is_overdue_from_the_day_after(self) -> None:
        case = self.BASE.meeting(date(2026, 9, 15), "prison-meeting", "next-step").build()
        assert _one(case, date(2026, 9, 15), PRISON_PROBATION).status is Status.DUE  # type: ignore[attr-defined]
        r = _one(case, date(2026, 9, 16), PRISON_PROBATION)
        assert (r.status, r.strength) == (Status.OVERDUE, "should")  # type: ignore[attr-defined]
        assert _one(case, date(2026, 9, 16), PRISON_NS).status is Status.MET  # type: ignore[attr-defined]

    def test_not_applicable_before_probation_is_responsible(self) -> None:
        case = (
            Scenario.for_case(care_status="former-relevant")
            .meeting(date(2026, 5, 1), "prison-meeting", "next-step")
            .responsibility(date(2026, 6, 1), "probation-service")
            .build()
        )
        assert _one(case, date(2026, 7, 1), PRISON_PROBATION).status is Status.NOT_APPLICABLE  # type: ignore[attr-defined]


class TestTheYoungPersonAndFamilyKeptInformed:
    """3.14.13 §4: "custody and sentencing is a fragile time for the young person. It is
    therefore of great importance to keep the young person and their family informed
    about the progress of plans" (`should`, no timescale; from the sentencing hearing)."""

    SENTENCED = Scenario.for_case(care_status="relevant").hearing(
        date(2026, 7, 29), "next-step", sentencing=True
    )

    def test_outstanding_after_sentence_until_recorded(self) -> None:
        r = _one(self.SENTENCED.build(), date(2026, 8, 1), FAMILY)
        assert (r.status, r.trigger) == (Status.NO_TIMESCALE, date(2026, 7, 29))  # type: ignore[attr-defined]
        told = self.SENTENCED.young_person_informed(date(2026, 7, 30), family_informed=True)
        r = _one(told.build(), date(2026, 8, 1), FAMILY)
        assert (r.status, r.met_on) == (Status.MET, date(2026, 7, 30))  # type: ignore[attr-defined]

    def test_the_young_person_alone_is_not_the_family(self) -> None:
        told = self.SENTENCED.young_person_informed(date(2026, 7, 30), family_informed=False)
        assert _one(told.build(), date(2026, 8, 1), FAMILY).status is Status.NO_TIMESCALE  # type: ignore[attr-defined]


class TestPassagesGivenNoObligationSayWhy:
    def test_each_protocol_lists_them_with_a_reason(self) -> None:
        texts = {n.text: n.reason for p in BUNDLED_PROTOCOLS for n in p.not_encoded}
        assert "YOS to have access to carefirst;" in texts
        assert "Agencies will undertake joint prison visits when appropriate." in texts
        assert all(reason for reason in texts.values())


_NORTHBY = (
    Path(__file__).parent / "data" / "protocols" / "northby-youth-justice-leaving-care.toml"
).read_text(encoding="utf-8")
_EVERY_3_MONTHS = (
    'due = { kind = "recurring", months = 3, reading = "at-most-n-months-since-last" }\n'
    'evidence = { type = "meeting-held", where = { kind = "pathway-review" } }'
)
REVIEWS = "northby-yj-lc/4/pathway-review-every-3-months"


def _northby(until: str = "", evidence: str = "") -> Protocol:
    """Northby's 3-monthly review, with an ``until`` event and another evidence pattern."""
    changed = _EVERY_3_MONTHS.replace("due = {", f"{until}due = {{") if until else _EVERY_3_MONTHS
    if evidence:
        changed = changed.split("\n")[0] + "\n" + evidence
    assert _EVERY_3_MONTHS in _NORTHBY
    return protocol_from_text(_NORTHBY.replace(_EVERY_3_MONTHS, changed))


def _northby_case(protocol: Protocol, *events: dict[str, object]) -> object:
    return load_case(
        {
            "schema_version": 1,
            "case_id": "C-1",
            "young_person": {
                "id": "Y-1",
                "date_of_birth": "2005-01-01",
                "care_status": "former-relevant",
                "has_icta": False,
                "legal_status": "community-order",
            },
            "events": [
                {
                    "type": "responsibility-accepted",
                    "on": "2026-01-05",
                    "recorded_by": "S-1",
                    "service": "probation-service",
                },
                *events,
            ],
        },
        protocols=protocol,
    )


class TestARecurringCheckUntilAnEvent:
    """The rule language: "every 3 months during an order until the order ends"
    (``until``). Northby's pathway review, at most 3 months apart from probation taking
    responsibility on Mon 5 Jan 2026: the first is due 5 Apr 2026 (5 Jan + 3 months)."""

    UNTIL = _northby(until='until = { type = "order-ended" }\n')
    REVIEW: ClassVar[dict[str, object]] = {
        "type": "meeting-held",
        "on": "2026-02-10",
        "recorded_by": "S-1",
        "kind": "pathway-review",
        "recorded": True,
    }

    def _results(self, protocol: Protocol, *events: dict[str, object]) -> list[object]:
        case = _northby_case(protocol, *events)
        return [r for r in evaluate(case, date(2026, 8, 1), protocol=protocol)  # type: ignore[arg-type]
                if r.obligation == REVIEWS]  # fmt: skip

    def test_positive_control_without_the_event_the_review_is_overdue(self) -> None:
        [r] = self._results(self.UNTIL)
        assert (r.status, r.due) == (Status.OVERDUE, date(2026, 4, 5))  # type: ignore[attr-defined]

    def test_an_order_ending_before_the_first_review_was_due_leaves_nothing_owed(self) -> None:
        ended = {"type": "order-ended", "on": "2026-03-01", "recorded_by": "S-1"}
        [r] = self._results(self.UNTIL, ended)
        assert r.status is Status.NOT_APPLICABLE  # type: ignore[attr-defined]
        assert r.explanation == (  # type: ignore[attr-defined]
            "not applicable: the cycle from 2026-01-05 ended on 2026-03-01 before anything fell due"
        )

    def test_a_review_missed_before_the_order_ended_is_still_overdue(self) -> None:
        # Reviewed 10 Feb: the next was due 10 May (10 Feb + 3 months), before the order
        # ended on 1 Jun; nothing after 1 Jun is owed.
        ended = {"type": "order-ended", "on": "2026-06-01", "recorded_by": "S-1"}
        found = self._results(self.UNTIL, self.REVIEW, ended)
        assert [(r.status, r.due, r.met_on) for r in found] == [  # type: ignore[attr-defined]
            (Status.MET, date(2026, 4, 5), date(2026, 2, 10)),
            (Status.OVERDUE, date(2026, 5, 10), None),
        ]

    def test_without_until_the_end_of_the_order_does_not_stop_it(self) -> None:
        ended = {"type": "order-ended", "on": "2026-03-01", "recorded_by": "S-1"}
        [r] = self._results(_northby(), ended)
        assert r.status is Status.OVERDUE  # type: ignore[attr-defined]

    def test_a_closed_case_stops_it_the_same_way(self) -> None:
        closed = {"type": "case-closed", "on": "2026-03-01", "recorded_by": "S-1",
                  "service": "probation-service"}  # fmt: skip
        [r] = self._results(_northby(), closed)
        assert r.status is Status.NOT_APPLICABLE  # type: ignore[attr-defined]

    def test_until_is_only_for_a_recurring_due_date(self) -> None:
        # Northby's half-yearly review given an ``until`` and, instead of its recurring
        # due date, none.
        bad = _NORTHBY.replace(
            'trigger_name = "allocation by leaving care"\n'
            'due = { kind = "recurring", months = 6, reading = "per-calendar-period" }\n',
            'trigger_name = "allocation by leaving care"\n'
            'until = { type = "order-ended" }\n'
            'due = { kind = "none" }\n',
            1,
        )
        assert bad != _NORTHBY
        with pytest.raises(ProtocolFileError, match=r"only with a recurring due date .*until"):
            protocol_from_text(bad)

    def test_until_survives_a_round_trip(self) -> None:
        assert parse_protocol(protocol_to_document(self.UNTIL)) == self.UNTIL

    def test_a_slot_not_met_names_evidence_ignored_for_a_service_outside_its_dates(
        self,
    ) -> None:
        # The review must be attended by youth justice ("@youth-justice": the YOT until
        # 31 Mar 2024, the YJS from 1 Apr 2024); the one on 10 Feb 2026 names the YOT.
        protocol = _northby(
            evidence='evidence = { type = "meeting-held", where = { kind = "pathway-review" }, '
            'contains = { services = "@youth-justice" } }'
        )
        review = {**self.REVIEW, "services": ["yot"]}
        with pytest.warns(CareJusticeWarning):
            found = self._results(protocol, review)
        assert found[0].status is Status.OVERDUE  # type: ignore[attr-defined]
        assert found[0].explanation.endswith(  # type: ignore[attr-defined]
            "; an event on 2026-02-10 names yot, which did not exist then"
        )


class TestConditionsInTheFile:
    def test_an_unknown_condition_is_named(self) -> None:
        doc = protocol_to_document(PROTOCOL_3_14_12)
        doc["obligations"][1]["trigger_from"] = "jiont"
        with pytest.raises(ProtocolFileError) as info:
            parse_protocol(doc)
        assert info.value.errors == (
            (
                "'jiont' is not a declared condition (conditions: joint, open-to-next-steps); "
                "did you mean 'joint'? @ $.obligations[1].trigger_from"
            ),
        )

    def test_conditions_survive_a_round_trip(self) -> None:
        for p in BUNDLED_PROTOCOLS:
            assert parse_protocol(protocol_to_document(p)) == p
        joint, open_to_next_steps = PROTOCOL_3_14_12.conditions
        assert (joint.id, len(joint.starts), len(joint.ends)) == ("joint", 1, 1)
        assert open_to_next_steps.care_statuses == ("eligible", "relevant", "former-relevant")
        statuses = {c.id: c.care_statuses for c in PROTOCOL_3_14_13.conditions}
        assert statuses["open-to-next-step"] == ("eligible", "relevant", "former-relevant")
