"""What if a young person is allocated just before Christmas?

Prints the 3.14.12 §2 deadline (case workers meet within 15 working days of allocation)
for each allocation day in December 2026, with the closures it skips.

Run: ``python examples/deadlines_over_christmas.py``
"""

from __future__ import annotations

from datetime import date, timedelta

from care_justice_protocol import WorkingCalendar, WorkingDaysAfter


def main() -> None:
    cal = WorkingCalendar.england()
    rule = WorkingDaysAfter(15)
    day = date(2026, 12, 1)
    while day.month == 12:
        deadline = rule.deadline(day, cal, clause="3.14.12 §2", trigger_name="allocation")
        skipped = ", ".join(name for _, name in cal.closures_between(day, deadline.due))
        print(
            f"{day:%a %d %b} -> {deadline.due:%a %d %b %Y}" + (f"  ({skipped})" if skipped else "")
        )
        day += timedelta(days=1)


if __name__ == "__main__":
    main()
