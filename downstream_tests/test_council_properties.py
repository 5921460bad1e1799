"""Property tests with the kit's strategies, as a downstream suite would write them.

Strategies whose arguments depend on a fixture (the frozen as-of date) are drawn inside
the test with ``st.data()``; the kit's fixtures are session-scoped, so ``@given`` may use
them.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    PROTOCOL_3_14_12,
    PROTOCOL_3_14_13,
    Allocated,
    CareStatus,
    Caseload,
    InvalidArgumentError,
    JointCase,
    LegalStatus,
    MeetingHeld,
    Status,
    WorkingCalendar,
    dumps_case,
    dumps_caseload,
    evaluate,
    load_case,
    load_caseload,
)
from care_justice_protocol.testing import (
    calendars,
    caseloads,
    cases,
    dates,
    events,
    young_people,
)

PROTOCOLS = st.sampled_from([PROTOCOL_3_14_12, PROTOCOL_3_14_13, None])


class TestCasesWithAStatus:
    # (not-followed: only the partnership's notes rotation shows it, never a case)
    @given(
        data=st.data(),
        protocol=PROTOCOLS,
        status=st.sampled_from([s for s in Status if s is not Status.NOT_FOLLOWED]),
    )
    def test_every_case_shows_the_status_it_was_asked_for(
        self, cjp_as_of: date, data: st.DataObject, protocol: object, status: Status
    ) -> None:
        if status is Status.GOOD_PRACTICE_MISSED and protocol is PROTOCOL_3_14_12:
            return  # 3.14.12 has no good-practice obligation (3.14.13's court attendance is)
        case = data.draw(cases(statuses={status}, protocol=protocol, as_of=cjp_as_of))  # type: ignore[arg-type]
        chosen = BUNDLED_PROTOCOLS if protocol is None else protocol
        results = evaluate(case, cjp_as_of, protocol=chosen)  # type: ignore[arg-type]
        assert status in {r.status for r in results}

    @given(case=cases(statuses={"overdue", "met-late"}, as_of=date(2027, 1, 14)))
    def test_statuses_may_be_given_as_their_json_values(self, case: JointCase) -> None:
        found = {r.status for r in evaluate(case, date(2027, 1, 14), protocol=BUNDLED_PROTOCOLS)}
        assert found & {Status.OVERDUE, Status.MET_LATE}

    def test_overdue_under_3_14_13_on_the_day_it_took_effect_is_impossible(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"under protocol '3\.14\.13'"):
            cases(statuses={"overdue"}, protocol=PROTOCOL_3_14_13, as_of=date(2019, 3, 18))

    def test_an_unknown_status_names_the_valid_ones(self) -> None:
        with pytest.raises(InvalidArgumentError, match="'overdue'"):
            cases(statuses={"late"})


class TestEveryGeneratedDocumentRoundTrips:
    @given(case=cases())
    def test_cases_round_trip_through_json(self, case: JointCase) -> None:
        assert load_case(dumps_case(case)) == case

    @given(caseload=caseloads())
    def test_caseloads_round_trip_through_json(self, caseload: Caseload) -> None:
        assert load_caseload(dumps_caseload(caseload)) == caseload
        assert len({c.case_id for c in caseload.cases}) == len(caseload.cases)

    @given(case=cases(), as_of=dates())
    def test_every_case_can_be_evaluated_on_any_day(self, case: JointCase, as_of: date) -> None:
        results = evaluate(case, as_of, protocol=BUNDLED_PROTOCOLS)
        assert {r.case_id for r in results} == {case.case_id}


class TestNarrowedStrategies:
    @given(person=young_people(care_statuses={"relevant"}, legal_statuses={"charged"}))
    def test_young_people_keep_the_statuses_asked_for(self, person: object) -> None:
        assert getattr(person, "care_status", None) is CareStatus.RELEVANT
        assert getattr(person, "legal_status", None) is LegalStatus.CHARGED

    @given(event=events(Allocated, MeetingHeld, dates=dates(date(2026, 1, 1), date(2026, 12, 31))))
    def test_events_are_of_the_classes_and_years_asked_for(self, event: object) -> None:
        assert isinstance(event, (Allocated, MeetingHeld))
        assert event.on.year == 2026


class TestCalendars:
    @given(cal=calendars(), day=dates(date(2015, 1, 1), date(2035, 12, 31)), n=st.integers(1, 400))
    def test_counting_forward_then_measuring_gives_the_count_back(
        self, cal: WorkingCalendar, day: date, n: int
    ) -> None:
        later = cal.add_working_days(day, n)
        assert cal.is_working_day(later)
        assert cal.working_days_between(day, later) == n

    @given(cal=calendars(), day=dates(date(2015, 1, 1), date(2035, 12, 31)), n=st.integers(1, 400))
    def test_counting_back_from_a_working_day_inverts_counting_forward(
        self, cal: WorkingCalendar, day: date, n: int
    ) -> None:
        start = cal.next_working_day(day)
        assert cal.add_working_days(cal.add_working_days(start, n), -n) == start
        assert cal.add_working_days(cal.add_working_days(start, -n), n) == start
