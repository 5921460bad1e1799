"""What if the case workers met a day later? What if the allocation were on another day?

One joint YOS / Next Steps case is built from events: YOS allocates it on Friday
18 December 2026, finds it open to Next Steps, and the two case workers meet on Wednesday
13 January 2027. 3.14.12 §2 asks them to meet within 15 working days of allocation.
The case is then changed one event at a time, and evaluated again, to see how the due
date and the status move.

Hand-checked dates (England & Wales bank holidays; day 1 is the first working day after
the allocation):

* Fri 18 Dec 2026 + 15 working days = Wed 13 Jan 2027 (skips Fri 25 Dec, Mon 28 Dec
  Boxing Day observed, Fri 1 Jan);
* with a local closure on Thu 24 Dec 2026, one more day: Thu 14 Jan 2027;
* Mon 23 Nov 2026 + 15 working days = Mon 14 Dec 2026;
* Mon 4 Jan 2027 + 15 working days = Mon 25 Jan 2027.

Run: ``python examples/what_if_scenario.py``
"""

from __future__ import annotations

from datetime import date

import attrs

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    Allocated,
    CareStatus,
    JointCase,
    LegalStatus,
    MeetingHeld,
    MeetingKind,
    ObligationResult,
    OtherServiceChecked,
    Service,
    WorkingCalendar,
    YoungPerson,
    evaluate,
)

MEET = "3.14.12/2/meet-within-15-working-days"
AS_OF = date(2027, 2, 1)


def build_case(allocated: date, met: date | None) -> JointCase:
    """The case as the events record it: allocation, check, and (maybe) the meeting."""
    young_person = YoungPerson(
        id="YP-0001",
        date_of_birth=date(2008, 3, 1),
        care_status=CareStatus.RELEVANT,
        has_icta=False,
        legal_status=LegalStatus.CHARGED,
    )
    events = [
        Allocated(on=allocated, recorded_by="S-YOS-1", service=Service.YOS, worker_id="S-YOS-1"),
        OtherServiceChecked(
            on=allocated,
            recorded_by="S-YOS-1",
            service=Service.YOS,
            other_service=Service.NEXT_STEP,
            open_to_other=True,
        ),
    ]
    if met is not None:
        events.append(
            MeetingHeld(
                on=met,
                recorded_by="S-YOS-1",
                kind=MeetingKind.CASE_WORKER_INFORMATION_SHARING,
                attendees=("S-YOS-1", "S-NS-1"),
                recorded=True,
            )
        )
    return JointCase(case_id="C-0001", young_person=young_person).record(*events)


def meeting_result(
    case: JointCase, as_of: date = AS_OF, calendar: WorkingCalendar | None = None
) -> ObligationResult:
    """The result for the 15-working-day meeting obligation."""
    [result] = [
        r
        for r in evaluate(case, as_of, calendar=calendar, protocol=BUNDLED_PROTOCOLS)
        if r.obligation == MEET
    ]
    return result


def show(label: str, result: ObligationResult) -> None:
    met = f"{result.met_on:%a %d %b %Y}" if result.met_on else "not yet"
    print(f"{label:<36} due {result.due:%a %d %b %Y}  met {met:<15} {result.status.value}")


def main() -> None:
    print(f"3.14.12 §2: case workers meet within 15 working days of allocation (as of {AS_OF})")
    print()

    base = build_case(allocated=date(2026, 12, 18), met=date(2027, 1, 13))
    show("as recorded", meeting_result(base))

    # What if the meeting had been held a day later? Replace that one event.
    meeting = base.events[-1]
    later = attrs.evolve(
        base, events=(*base.events[:-1], attrs.evolve(meeting, on=date(2027, 1, 14)))
    )
    show("meeting a day later", meeting_result(later))

    # ... and if the council had also closed on Christmas Eve (a local closure day)?
    salford = WorkingCalendar.england(extra_closures=[date(2026, 12, 24)])
    show("meeting a day later, 24 Dec closed", meeting_result(later, calendar=salford))

    # What if the allocation had been on a different date (same meeting day)?
    for allocated in (date(2026, 11, 23), date(2027, 1, 4)):
        case = build_case(allocated=allocated, met=date(2027, 1, 13))
        show(f"allocated {allocated:%a %d %b %Y}", meeting_result(case))

    # What if no meeting is recorded? The status depends on the date you look.
    pending = build_case(allocated=date(2026, 12, 18), met=None)
    print()
    for as_of in (date(2027, 1, 13), date(2027, 1, 14)):
        result = meeting_result(pending, as_of)
        print(f"no meeting, as of {as_of:%a %d %b %Y}: {result.status.value}")
        print(f"  {result.explanation}")


if __name__ == "__main__":
    main()
