"""Hand-written scenarios, built with the kit's Scenario and checked against the calendar.

Each expected date was counted by hand on a calendar of England & Wales bank holidays
(day 1 is the first working day after the trigger), and each status follows from the
protocol text quoted in the test's docstring.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    PROTOCOL_3_14_12,
    PROTOCOL_3_14_13,
    DocumentKind,
    InvalidArgumentError,
    InvalidDateTypeError,
    JointCase,
    MeetingKind,
    MonthsAfter,
    ObligationResult,
    Service,
    Status,
    WorkingCalendar,
    WorkingDaysAfter,
    evaluate,
)
from care_justice_protocol.testing import DEFAULT_AS_OF, Scenario

YOS, NS, PS = Service.YOS, Service.NEXT_STEP, Service.PROBATION_SERVICE
CW = MeetingKind.CASE_WORKER_INFORMATION_SHARING
MEET = "3.14.12/2/meet-within-15-working-days"

NewScenario = Callable[..., Scenario]


def result(case: JointCase, obligation: str, as_of: date) -> ObligationResult:
    """The one result for ``obligation`` (the test fails if there are none or several)."""
    [found] = [
        r for r in evaluate(case, as_of, protocol=BUNDLED_PROTOCOLS) if r.obligation == obligation
    ]
    return found


class TestTheFixtures:
    def test_the_calendar_closes_on_the_christmas_2026_bank_holidays(
        self, cjp_calendar: WorkingCalendar
    ) -> None:
        # Fri 25 Dec (Christmas Day), Mon 28 Dec (Boxing Day, Saturday, observed), Fri 1 Jan.
        closed = [date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)]
        assert [cjp_calendar.is_working_day(d) for d in closed] == [False, False, False]
        assert cjp_calendar.is_working_day(date(2026, 12, 24))

    def test_the_as_of_date_is_a_fixed_day_not_the_clock(
        self, cjp_as_of: date, pytestconfig: pytest.Config
    ) -> None:
        # 25 November 2026 (DEFAULT_AS_OF), unless the run passes --cjp-as-of (this
        # project sets no cjp_as_of ini option).
        given = pytestconfig.getoption("cjp_as_of")
        assert cjp_as_of == (DEFAULT_AS_OF if given is None else date.fromisoformat(given))

    def test_the_scenario_factory_uses_the_fixture_calendar(
        self, cjp_scenario: NewScenario, cjp_calendar: WorkingCalendar
    ) -> None:
        s = cjp_scenario("C-0042", has_icta=True, legal_status="charged")
        assert s.calendar is cjp_calendar
        assert (s.case_id, s.young_person.has_icta, s.young_person.legal_status) == (
            "C-0042",
            True,
            "charged",
        )


class TestTheCaseWorkersMeetingOverChristmas:
    """3.14.12 §2: "the case workers will arrange to meet within 15 working days"."""

    @pytest.fixture
    def allocated(self, cjp_scenario: NewScenario) -> Scenario:
        # Fri 18 Dec 2026; the 15th working day after it is Wed 13 Jan 2027.
        return cjp_scenario("C-0001").joint_yos_next_steps(date(2026, 12, 18))

    def test_allocation_on_friday_18_december_is_due_by_wednesday_13_january(
        self, allocated: Scenario
    ) -> None:
        r = result(allocated.build(), MEET, date(2027, 1, 4))
        assert (r.status, r.due) == (Status.DUE, date(2027, 1, 13))

    def test_a_meeting_15_working_days_later_is_on_time(self, allocated: Scenario) -> None:
        met = allocated.meeting(WorkingDaysAfter(15), CW, YOS, NS)
        assert met.last_on == date(2027, 1, 13)
        r = result(met.build(), MEET, date(2027, 1, 14))
        assert (r.status, r.met_on) == (Status.MET, date(2027, 1, 13))

    def test_a_meeting_16_working_days_later_is_late(self, allocated: Scenario) -> None:
        late = allocated.meeting(WorkingDaysAfter(16), CW, YOS, NS)
        r = result(late.build(), MEET, date(2027, 1, 20))
        assert (r.status, r.met_on, r.due) == (
            Status.MET_LATE,
            date(2027, 1, 14),
            date(2027, 1, 13),
        )

    def test_no_meeting_by_thursday_14_january_is_overdue(self, allocated: Scenario) -> None:
        assert result(allocated.build(), MEET, date(2027, 1, 14)).status is Status.OVERDUE

    def test_a_council_closure_on_christmas_eve_moves_the_deadline_a_day(
        self, cjp_scenario: NewScenario, cjp_calendar: WorkingCalendar
    ) -> None:
        closed = cjp_calendar.with_closures(date(2026, 12, 24))
        s = cjp_scenario(calendar=closed).joint_yos_next_steps(date(2026, 12, 18))
        assert s.meeting(WorkingDaysAfter(15), CW, YOS, NS).last_on == date(2027, 1, 14)


class TestAScenarioRelativeToTheFrozenDate:
    def test_an_allocation_15_working_days_ago_is_due_today(
        self, cjp_scenario: NewScenario, cjp_calendar: WorkingCalendar, cjp_as_of: date
    ) -> None:
        if not cjp_calendar.is_working_day(cjp_as_of):
            pytest.skip("the frozen date is not a working day")
        allocated = cjp_calendar.add_working_days(cjp_as_of, -15)
        case = cjp_scenario().joint_yos_next_steps(allocated).build()
        r = result(case, MEET, cjp_as_of)
        assert (r.status, r.due) == (Status.DUE, cjp_as_of)
        assert result(case, MEET, cjp_as_of + timedelta(days=1)).status is Status.OVERDUE


NEXT_REVIEW = "3.14.13/5/invite-probation-to-next-review-due-by-law"


class TestProbation:
    """3.14.13 §5: probation "will be invited to a young person's statutory review"
    "(6 monthly)"."""

    @pytest.fixture
    def responsible(self, cjp_scenario: NewScenario) -> Scenario:
        return cjp_scenario("C-0013").responsibility(date(2026, 8, 31), PS)

    def test_a_review_held_31_august_makes_the_next_due_by_law_28_february(
        self, responsible: Scenario
    ) -> None:
        # Pathway-plan reviews at intervals of not more than six months (Care Leavers
        # (England) Regulations 2010 reg 7): 31 Aug 2026 + 6 months, clipped, is 28 Feb 2027.
        case = responsible.review(date(2026, 8, 31), MeetingKind.RELEVANT_REVIEW).build()
        r = result(case, NEXT_REVIEW, DEFAULT_AS_OF)
        assert (r.status, r.due) == (Status.DUE, date(2027, 2, 28))

    def test_a_review_nobody_invited_probation_to_is_overdue(self, responsible: Scenario) -> None:
        reviewed = responsible.review(date(2027, 2, 26), MeetingKind.RELEVANT_REVIEW, invite=None)
        case = reviewed.build()
        invited = result(case, "3.14.13/5/invite-probation-to-reviews", date(2027, 3, 1))
        assert (invited.status, invited.due) == (Status.OVERDUE, date(2027, 2, 26))
        # The next review is due by law by 26 Aug 2027; probation is to be invited to it.
        r = result(case, NEXT_REVIEW, date(2027, 3, 1))
        assert (r.status, r.due) == (Status.DUE, date(2027, 8, 26))

    def test_with_everything_shared_and_a_review_only_the_next_invitation_is_outstanding(
        self, responsible: Scenario
    ) -> None:
        done = responsible.discharge_3_14_13_sharing(timedelta(days=5)).review(MonthsAfter(5))
        assert done.last_on == date(2027, 2, 5)  # 5 Sep 2026 + 5 months
        outstanding = [
            (r.obligation, r.status, r.due)
            for r in evaluate(done.build(), date(2027, 2, 5), protocol=PROTOCOL_3_14_13)
            if r.status not in (Status.MET, Status.NOT_APPLICABLE)
        ]
        # The next review is due by law 6 months after this one: 5 Aug 2027.
        assert outstanding == [(NEXT_REVIEW, Status.DUE, date(2027, 8, 5))]

    def test_information_fed_in_the_day_before_the_report_is_met(
        self, cjp_scenario: NewScenario
    ) -> None:
        """3.14.13: Next Step feeds information in "ahead of them preparing any report"."""
        case = (
            cjp_scenario("C-0020")
            .charged(date(2026, 9, 1))
            .hearing(date(2026, 9, 14), NS)
            .custody_likely(date(2026, 10, 1))
            .information_fed_in(date(2026, 10, 19))
            .report_prepared(date(2026, 10, 20))
            .build()
        )
        fed = result(case, "3.14.13/custody-likely/information-before-report", DEFAULT_AS_OF)
        assert (fed.status, fed.due, fed.met_on) == (
            Status.MET,
            date(2026, 10, 20),
            date(2026, 10, 19),
        )
        # No solicitor by the first hearing on 14 Sep: overdue.
        solicitor = result(case, "3.14.13/charged/legal-representation", DEFAULT_AS_OF)
        assert (solicitor.status, solicitor.due) == (Status.OVERDUE, date(2026, 9, 14))


class TestAFullyCompliantJointCase:
    def test_every_3_14_12_case_obligation_is_met(self, cjp_scenario: NewScenario) -> None:
        # Allocated Mon 2 Mar 2026 (due Mon 23 Mar), met Thu 12 Mar.
        s = (
            cjp_scenario("C-0002")
            .joint_yos_next_steps(date(2026, 3, 2))
            .meeting(date(2026, 3, 12), CW, YOS, NS)
            .meeting(timedelta(days=14), MeetingKind.JOINT_MEETING_WITH_YOUNG_PERSON, YOS, NS)
            .discharge_3_14_12_plans(date(2026, 4, 1))
        )
        statuses = {
            r.obligation: r.status
            for r in evaluate(s.build(), DEFAULT_AS_OF, protocol=PROTOCOL_3_14_12)
        }
        # No review has been held, so no invitation was owed.
        invitations = {o for o in statuses if "/invite-" in o}
        assert invitations == {
            "3.14.12/2/invite-next-steps-to-yos-reviews",
            "3.14.12/2/invite-yos-to-next-steps-reviews",
        }
        assert {statuses[o] for o in invitations} == {Status.NOT_APPLICABLE}
        assert {v for o, v in statuses.items() if o not in invitations} == {Status.MET}
        assert len(statuses) == len(PROTOCOL_3_14_12.obligations)


class TestBadInputIsRefusedClearly:
    def test_a_date_written_as_text_is_refused(self, cjp_scenario: NewScenario) -> None:
        with pytest.raises(InvalidArgumentError, match="on must be a date"):
            cjp_scenario().charged("2026-11-02")  # type: ignore[arg-type]

    def test_a_datetime_is_refused(self, cjp_scenario: NewScenario) -> None:
        with pytest.raises(InvalidDateTypeError, match=r"call \.date\(\) on it first"):
            cjp_scenario().charged(datetime(2026, 11, 2, 9, 30))

    def test_yos_cannot_accept_probation_responsibility(self, cjp_scenario: NewScenario) -> None:
        with pytest.raises(InvalidArgumentError, match="probation service"):
            cjp_scenario().responsibility(date(2026, 1, 5), YOS)

    def test_an_unknown_document_names_the_valid_ones(self, cjp_scenario: NewScenario) -> None:
        with pytest.raises(InvalidArgumentError, match="'pathway-plan'"):
            cjp_scenario().share(date(2026, 1, 5), "care-plan", NS, PS)
        assert DocumentKind.PATHWAY_PLAN.value == "pathway-plan"
