"""Calendar-period arithmetic: months, quarters, half-years, with named policies.

The protocols say "quarterly", "twice a year" and "6 monthly" without saying which
reading they mean. Two readings are offered, each a named
[`PeriodPolicy`][care_justice_protocol.PeriodPolicy]:

* ``PER_CALENDAR_PERIOD`` - at least once in each period of the year (each calendar
  quarter, each half-year). The year's periods start in ``year_start_month`` (January by
  default; April gives financial-year quarters).
* ``AT_MOST_N_MONTHS_SINCE_LAST`` - no more than N months between one occurrence and the
  next (the first counted from a start date).

Month addition uses ``dateutil.relativedelta.relativedelta``, which clips to the
end of a shorter month: 31 August + 6 months is the last day of February. Schedules are
anchored: the k-th date is ``anchor + k*N months`` computed from the anchor, never by
chaining clipped dates (31 Aug, 28 Feb, 31 Aug - not 28 Aug).
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

import attrs
from dateutil.relativedelta import relativedelta

from .._checks import check_choice, check_count, check_date, check_int
from .._errors import DateOutOfRangeError, InvalidArgumentError

__all__ = [
    "Period",
    "PeriodPolicy",
    "Recurrence",
    "RecurrenceSlot",
    "add_months",
    "anchored_dates",
]


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, clipped to the end of a shorter month.

    Examples:
        >>> from datetime import date
        >>> add_months(date(2026, 8, 31), 6)
        datetime.date(2027, 2, 28)
        >>> add_months(date(2027, 8, 31), 6)  # leap year
        datetime.date(2028, 2, 29)
        >>> add_months(date(2028, 2, 29), 12)
        datetime.date(2029, 2, 28)
        >>> add_months(date(2026, 3, 31), -1)
        datetime.date(2026, 2, 28)
    """
    d = check_date("day", day)
    n = check_int("months", months)
    try:
        result: date = d + relativedelta(months=n)
    except (OverflowError, ValueError) as exc:
        raise DateOutOfRangeError(
            f"{d.isoformat()} plus {n} months is outside the years 1-9999"
        ) from exc
    return result


def anchored_dates(anchor: date, every_months: int) -> Iterator[date]:
    """An endless schedule ``anchor + k*every_months`` for k = 1, 2, ... .

    Each date is computed from the anchor, so month-end clipping never accumulates:

    Examples:
        >>> from datetime import date
        >>> from itertools import islice
        >>> list(islice(anchored_dates(date(2026, 8, 31), 6), 3))
        [datetime.date(2027, 2, 28), datetime.date(2027, 8, 31), datetime.date(2028, 2, 29)]
    """
    d = check_date("anchor", anchor)
    step = check_int("every_months", every_months)
    if step <= 0:
        raise InvalidArgumentError(f"every_months must be positive, got {step!r}")
    k = 1
    while True:
        try:
            yield d + relativedelta(months=k * step)
        except (OverflowError, ValueError):
            return
        k += 1


class PeriodPolicy(enum.StrEnum):
    """How a recurring obligation ("quarterly", "twice a year", "6 monthly") is read."""

    PER_CALENDAR_PERIOD = "per-calendar-period"
    """At least once in each period of the year (calendar quarter, half-year...)."""

    AT_MOST_N_MONTHS_SINCE_LAST = "at-most-n-months-since-last"
    """No more than N months from one occurrence (or the start) to the next."""


@attrs.frozen
class Period:
    """A period of the year, both ends inclusive, e.g. the quarter 2026-10-01..2026-12-31."""

    start: date
    end: date
    label: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


@attrs.frozen
class RecurrenceSlot:
    """One window a recurring obligation must be met in.

    Attributes:
        opens: the first day an occurrence counts for this slot.
        due: the last day it can be met on time.
        met_on: the first occurrence that discharged it (possibly after ``due``: late),
            or ``None``.
        label: the period label ("2026-Q4") or "since 2026-05-01".
    """

    opens: date
    due: date
    met_on: date | None
    label: str

    @property
    def late(self) -> bool:
        """Met, but after its due date."""
        return self.met_on is not None and self.met_on > self.due


def _validate_months(_: object, __: object, value: int) -> None:
    check_count("months", value, minimum=1)


def _to_policy(value: object) -> PeriodPolicy:
    return check_choice(PeriodPolicy, "policy", value)


def _validate_start_month(_: object, __: object, value: int) -> None:
    check_count("year_start_month", value, 1, 12)


@attrs.frozen
class Recurrence:
    """A named reading of "every N months".

    Attributes:
        months: the length of the period or the longest gap (3 for quarterly, 6 for
            twice a year / 6 monthly).
        policy: which reading, see [`PeriodPolicy`][care_justice_protocol.PeriodPolicy].
        year_start_month: with ``PER_CALENDAR_PERIOD``, the month the year's periods
            start from (1: calendar quarters; 4: financial-year quarters).

    Examples:
        >>> from datetime import date
        >>> q = Recurrence.quarterly()
        >>> q.period_containing(date(2026, 11, 25))
        Period(start=datetime.date(2026, 10, 1), end=datetime.date(2026, 12, 31), label='2026-Q4')
        >>> Recurrence.quarterly(year_start_month=4).period_containing(date(2026, 11, 25)).label
        '2026/27-Q3'
    """

    months: int = attrs.field(validator=_validate_months)
    policy: PeriodPolicy = attrs.field(converter=_to_policy)
    year_start_month: int = attrs.field(default=1, validator=_validate_start_month)

    def __attrs_post_init__(self) -> None:
        if self.policy is PeriodPolicy.PER_CALENDAR_PERIOD and 12 % self.months:
            raise InvalidArgumentError(
                f"a year cannot be split into periods of {self.months} months; "
                "use 1, 2, 3, 4, 6 or 12"
            )

    @classmethod
    def quarterly(
        cls,
        policy: PeriodPolicy = PeriodPolicy.PER_CALENDAR_PERIOD,
        *,
        year_start_month: int = 1,
    ) -> Recurrence:
        """Quarterly: once each quarter (default) or at most 3 months apart."""
        return cls(3, policy, year_start_month)

    @classmethod
    def twice_a_year(
        cls,
        policy: PeriodPolicy = PeriodPolicy.PER_CALENDAR_PERIOD,
        *,
        year_start_month: int = 1,
    ) -> Recurrence:
        """Twice a year: once each half-year (default) or at most 6 months apart."""
        return cls(6, policy, year_start_month)

    @classmethod
    def six_monthly(
        cls, policy: PeriodPolicy = PeriodPolicy.AT_MOST_N_MONTHS_SINCE_LAST
    ) -> Recurrence:
        """6 monthly: at most 6 months since the last (default) or once each half-year."""
        return cls(6, policy)

    def describe(self) -> str:
        """The policy in words, for provenance.

        Examples:
            >>> Recurrence.quarterly().describe()
            'once in each calendar quarter (Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec)'
            >>> Recurrence.six_monthly().describe()
            'at most 6 months since the last (dateutil month arithmetic)'
        """
        if self.policy is PeriodPolicy.AT_MOST_N_MONTHS_SINCE_LAST:
            return f"at most {self.months} months since the last (dateutil month arithmetic)"
        names = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
        spans = []
        for k in range(12 // self.months):
            first = (self.year_start_month - 1 + k * self.months) % 12
            last = (first + self.months - 1) % 12
            spans.append(names[first] if first == last else f"{names[first]}-{names[last]}")
        kind = {3: "quarter", 6: "half-year", 12: "year", 1: "month"}.get(
            self.months, f"{self.months}-month period"
        )
        year = "calendar" if self.year_start_month == 1 else "financial"
        return f"once in each {year} {kind} ({', '.join(spans)})"

    def period_containing(self, day: date) -> Period:
        """The period of the year that ``day`` falls in (``PER_CALENDAR_PERIOD`` reading)."""
        d = check_date("day", day)
        if 12 % self.months:
            raise InvalidArgumentError(
                f"a year cannot be split into periods of {self.months} months; "
                "calendar periods need 1, 2, 3, 4, 6 or 12"
            )
        months_since = (d.month - self.year_start_month) % 12
        index = months_since // self.months
        year0 = d.year if d.month >= self.year_start_month else d.year - 1
        start_month_abs = self.year_start_month - 1 + index * self.months
        start = date(year0 + start_month_abs // 12, start_month_abs % 12 + 1, 1)
        end_abs = start.year * 12 + start.month - 1 + self.months  # first month after
        if end_abs // 12 > date.max.year:
            if end_abs == (date.max.year + 1) * 12:  # the period ends with year 9999
                end = date.max
            else:
                raise DateOutOfRangeError(
                    f"the period holding {d.isoformat()} runs past the year 9999"
                )
        else:
            end = date(end_abs // 12, end_abs % 12 + 1, 1) - timedelta(days=1)
        return Period(start, end, self._label(year0, index))

    def _label(self, year0: int, index: int) -> str:
        year = str(year0) if self.year_start_month == 1 else f"{year0}/{(year0 + 1) % 100:02d}"
        tag = {3: "Q", 6: "H", 1: "M", 2: "B", 4: "T"}.get(self.months, "P")
        return year if self.months == 12 else f"{year}-{tag}{index + 1}"

    def periods(self, start: date, end: date) -> list[Period]:
        """Every period from the one holding ``start`` to the one holding ``end``."""
        a = check_date("start", start)
        b = check_date("end", end)
        out: list[Period] = []
        if b < a:
            return out
        p = self.period_containing(a)
        while p.start <= b:
            out.append(p)
            if p.end == date.max:
                break
            p = self.period_containing(p.end + timedelta(days=1))
        return out

    def slots(self, start: date, occurrences: Iterable[date], as_of: date) -> list[RecurrenceSlot]:
        """The windows the obligation had to be met in from ``start`` to ``as_of``.

        With ``PER_CALENDAR_PERIOD``: one slot per period from the one holding ``start``
        to the one holding ``as_of``, due on the period's last day, met by the first
        occurrence inside it (an occurrence in a later period does not rescue an
        earlier one). With ``AT_MOST_N_MONTHS_SINCE_LAST``: the first slot opens on
        ``start`` and is due ``months`` later; each occurrence closes its slot and opens
        the next, due ``months`` after that occurrence; a late occurrence still counts
        (the slot is met late).

        Occurrences before ``start`` or after ``as_of`` are ignored.

        Examples:
            >>> from datetime import date
            >>> q = Recurrence.quarterly()
            >>> for s in q.slots(date(2026, 1, 10), [date(2026, 2, 3), date(2026, 7, 8)],
            ...                  date(2026, 9, 30)):
            ...     print(s.label, s.due, s.met_on)
            2026-Q1 2026-03-31 2026-02-03
            2026-Q2 2026-06-30 None
            2026-Q3 2026-09-30 2026-07-08
            >>> r = Recurrence.six_monthly()
            >>> for s in r.slots(date(2026, 1, 31), [date(2026, 7, 31), date(2027, 3, 1)],
            ...                  date(2027, 6, 1)):
            ...     print(s.label, s.due, s.met_on, "late" if s.late else "")
            since 2026-01-31 2026-07-31 2026-07-31
            since 2026-07-31 2027-01-31 2027-03-01 late
            since 2027-03-01 2027-09-01 None
        """
        a = check_date("start", start)
        limit = check_date("as_of", as_of)
        seen = sorted({d for d in map(_check_occurrence, occurrences) if a <= d <= limit})
        if limit < a:
            return []
        if self.policy is PeriodPolicy.PER_CALENDAR_PERIOD:
            out = []
            it = iter(seen)
            nxt = next(it, None)
            for p in self.periods(a, limit):
                while nxt is not None and nxt < p.start:
                    nxt = next(it, None)
                met = nxt if nxt is not None and nxt <= p.end else None
                out.append(RecurrenceSlot(max(p.start, a), p.end, met, p.label))
            return out
        slots: list[RecurrenceSlot] = []
        opens = a
        for occ in seen:
            slots.append(
                RecurrenceSlot(
                    opens, add_months(opens, self.months), occ, f"since {opens.isoformat()}"
                )
            )
            opens = occ
        slots.append(
            RecurrenceSlot(
                opens, add_months(opens, self.months), None, f"since {opens.isoformat()}"
            )
        )
        return slots


def _check_occurrence(value: object) -> date:
    return check_date("occurrence", value)
