"""Dates: the working-day calendar, calendar-month periods and due-date rule shapes.

Owns: [`WorkingCalendar`][care_justice_protocol.WorkingCalendar] (England & Wales bank holidays plus
local closures), month arithmetic and recurrence periods, and the deadline shapes with their
provenance.

May import: the foundation modules (errors, checks) only.
"""

import typing

from .._lazy import lazy_exports as _lazy_exports

if typing.TYPE_CHECKING:
    from ._deadlines import (
        BeforeEvent,
        ByTheDay,
        CalendarDaysAfter,
        Deadline,
        DeadlineShape,
        EventPattern,
        LocalTimescale,
        MonthsAfter,
        NoTimescale,
        OnTheDay,
        Recurring,
        WorkingDaysAfter,
    )
    from ._periods import (
        Period,
        PeriodPolicy,
        Recurrence,
        RecurrenceSlot,
        add_months,
        anchored_dates,
    )
    from ._working_days import (
        BankHolidays,
        WorkingCalendar,
    )

__all__ = [
    "BankHolidays",
    "WorkingCalendar",
    "BeforeEvent",
    "ByTheDay",
    "Deadline",
    "DeadlineShape",
    "EventPattern",
    "LocalTimescale",
    "MonthsAfter",
    "NoTimescale",
    "OnTheDay",
    "Recurring",
    "CalendarDaysAfter",
    "WorkingDaysAfter",
    "Period",
    "PeriodPolicy",
    "Recurrence",
    "RecurrenceSlot",
    "add_months",
    "anchored_dates",
]

__getattr__, __dir__ = _lazy_exports(
    __name__,
    {
        "._deadlines": (
            "BeforeEvent",
            "ByTheDay",
            "CalendarDaysAfter",
            "Deadline",
            "DeadlineShape",
            "EventPattern",
            "LocalTimescale",
            "MonthsAfter",
            "NoTimescale",
            "OnTheDay",
            "Recurring",
            "WorkingDaysAfter",
        ),
        "._periods": (
            "Period",
            "PeriodPolicy",
            "Recurrence",
            "RecurrenceSlot",
            "add_months",
            "anchored_dates",
        ),
        "._working_days": (
            "BankHolidays",
            "WorkingCalendar",
        ),
    },
)
