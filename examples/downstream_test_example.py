"""A council application's tests, written with care_justice_protocol's testing kit.

Copy this file into your own suite as a starting point. It uses the three parts of the
kit:

* the pytest plugin's fixtures (``cjp_calendar``, ``cjp_as_of``, ``cjp_scenario``), which
  pytest provides as soon as ``care_justice_protocol`` is installed;
* ``care_justice_protocol.testing.Scenario``, to write one case by hand, step by
  step, with dates relative to each other in working days;
* the Hypothesis strategies (``cases()``, ``calendars()``...), to check a property of
  *your* code on many valid cases.

The "application code" here is one function, ``overdue_worklist``: the overdue
obligations a team leader sees, most overdue first.

Run: ``python examples/downstream_test_example.py`` (it runs itself with pytest).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    JointCase,
    MeetingKind,
    Service,
    Status,
    WorkingCalendar,
    WorkingDaysAfter,
    evaluate,
)
from care_justice_protocol.testing import Scenario, cases

# --------------------------------------------------------------- the application's code


def overdue_worklist(
    cases: list[JointCase], as_of: date, calendar: WorkingCalendar
) -> list[tuple[str, str, int]]:
    """(case id, obligation, working days overdue) for every overdue result, worst first."""
    rows = [
        (r.case_id or "", r.obligation, calendar.working_days_between(r.due, as_of))
        for case in cases
        for r in evaluate(case, as_of, calendar=calendar, protocol=BUNDLED_PROTOCOLS)
        if r.status is Status.OVERDUE and r.due is not None
    ]
    return sorted(rows, key=lambda row: (-row[2], row[0], row[1]))


# --------------------------------------------------------------- its tests

MEET = "3.14.12/2/meet-within-15-working-days"
CW = MeetingKind.CASE_WORKER_INFORMATION_SHARING


def test_a_case_allocated_before_christmas_is_three_working_days_overdue(
    cjp_scenario: Callable[..., Scenario], cjp_calendar: WorkingCalendar
) -> None:
    # Allocated Fri 18 Dec 2026: due Wed 13 Jan 2027 (Christmas Day, Boxing Day observed
    # on Mon 28 Dec and New Year's Day skipped). On Mon 18 Jan it is 3 working days over
    # (Thu 14, Fri 15, Mon 18).
    case = cjp_scenario("C-0001").joint_yos_next_steps(date(2026, 12, 18)).build()
    assert overdue_worklist([case], date(2027, 1, 18), cjp_calendar) == [("C-0001", MEET, 3)]


def test_a_meeting_on_the_fifteenth_working_day_leaves_the_worklist_empty(
    cjp_scenario: Callable[..., Scenario], cjp_calendar: WorkingCalendar
) -> None:
    allocated = cjp_scenario("C-0001").joint_yos_next_steps(date(2026, 12, 18))
    met = allocated.meeting(WorkingDaysAfter(15), CW, Service.YOS, Service.NEXT_STEP)
    assert met.last_on == date(2027, 1, 13)
    assert overdue_worklist([met.build()], date(2027, 1, 18), cjp_calendar) == []


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_every_case_with_an_overdue_obligation_is_on_the_worklist(
    data: st.DataObject, cjp_as_of: date, cjp_calendar: WorkingCalendar
) -> None:
    case = data.draw(cases(statuses={"overdue"}, as_of=cjp_as_of))
    rows = overdue_worklist([case], cjp_as_of, cjp_calendar)
    assert rows, "a case built to be overdue must appear"
    assert all(days >= 1 for _, _, days in rows)
    assert [row[2] for row in rows] == sorted((row[2] for row in rows), reverse=True)


if __name__ == "__main__":
    # This process has already imported the library and Hypothesis (above), so pytest
    # cannot rewrite their asserts; that is harmless here, so silence its warning.
    quiet = ["-W", "ignore::pytest.PytestAssertRewriteWarning"]
    raise SystemExit(pytest.main([__file__, "-q", "-p", "no:cacheprovider", *quiet]))
