"""Deadlines and the rules that make them, each carrying its provenance."""

from __future__ import annotations

from datetime import date

import attrs

from .._checks import check_date, check_int
from .._errors import InvalidArgumentError
from ._periods import add_months
from ._working_days import WorkingCalendar

__all__ = ["Deadline", "MonthsAfter", "WorkingDaysAfter"]

MONTHS_POLICY = "calendar months (dateutil relativedelta, clipped to the month's end)"


@attrs.frozen
class Deadline:
    """A due date with the reason it exists.

    A ``Deadline`` is not a :class:`datetime.date`: it says which rule produced the date,
    from which trigger, under which calendar policy, for which protocol clause.

    Attributes:
        due: the last day the obligation can be met on time.
        rule: the rule in words, e.g. ``"15 working days after allocation"``.
        clause: the clause reference, e.g. ``"3.14.12 §2"``.
        policy: the calendar policy used (see :meth:`WorkingCalendar.describe`).
        trigger: the date the clock started, if any.

    Examples:
        >>> from datetime import date
        >>> cal = WorkingCalendar.england()
        >>> d = WorkingDaysAfter(15).deadline(date(2026, 12, 18), cal, clause="3.14.12 §2",
        ...                                   trigger_name="allocation")
        >>> str(d)
        '2027-01-13: 15 working days after allocation on 2026-12-18 (3.14.12 §2)'
    """

    due: date
    rule: str
    clause: str
    policy: str
    trigger: date | None = None

    def __str__(self) -> str:
        return f"{self.due.isoformat()}: {self.rule} ({self.clause})"

    def is_overdue(self, as_of: date) -> bool:
        """Whether ``as_of`` is after the due date (the due day itself is on time)."""
        return check_date("as_of", as_of) > self.due


def _positive(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    check_int(attribute.name, value)
    if value < 0:
        raise InvalidArgumentError(f"{attribute.name} must be >= 0, got {value!r}")


@attrs.frozen
class WorkingDaysAfter:
    """ "Within N working days of the trigger": day 1 is the first working day after it.

    Examples:
        >>> from datetime import date
        >>> rule = WorkingDaysAfter(15)
        >>> rule.describe("allocation")
        '15 working days after allocation'
        >>> rule.deadline(date(2026, 11, 23), WorkingCalendar.england(), clause="3.14.12 §2").due
        datetime.date(2026, 12, 14)
    """

    days: int = attrs.field(validator=_positive)

    def describe(self, trigger_name: str = "the trigger") -> str:
        unit = "working day" if self.days == 1 else "working days"
        return f"{self.days} {unit} after {trigger_name}"

    def deadline(
        self,
        trigger: date,
        calendar: WorkingCalendar,
        *,
        clause: str,
        trigger_name: str = "the trigger",
    ) -> Deadline:
        """The deadline for a clock started on ``trigger``."""
        trigger = check_date("trigger", trigger)
        due = calendar.add_working_days(trigger, self.days)
        return Deadline(
            due=due,
            rule=f"{self.describe(trigger_name)} on {trigger.isoformat()}",
            clause=clause,
            policy=calendar.describe(),
            trigger=trigger,
        )


@attrs.frozen
class MonthsAfter:
    """ "Within N months of the trigger", anchored on the trigger and clipped at month end.

    Examples:
        >>> from datetime import date
        >>> MonthsAfter(6).deadline(date(2026, 8, 31), clause="3.14.13 §5").due
        datetime.date(2027, 2, 28)
    """

    months: int = attrs.field(validator=_positive)

    def describe(self, trigger_name: str = "the trigger") -> str:
        unit = "month" if self.months == 1 else "months"
        return f"{self.months} {unit} after {trigger_name}"

    def deadline(
        self, trigger: date, *, clause: str, trigger_name: str = "the trigger"
    ) -> Deadline:
        """The deadline for a clock started on ``trigger``."""
        trigger = check_date("trigger", trigger)
        due = add_months(trigger, self.months)
        return Deadline(
            due=due,
            rule=f"{self.describe(trigger_name)} on {trigger.isoformat()}",
            clause=clause,
            policy=MONTHS_POLICY,
            trigger=trigger,
        )
