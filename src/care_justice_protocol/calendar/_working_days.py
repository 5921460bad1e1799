"""Working days in England: Monday to Friday less bank holidays and local closures.

The arithmetic is exact and explicit:

* a *working day* is a day whose weekday is not in the calendar's weekend, that is not a
  bank holiday of England & Wales (from the ``holidays`` package, ``GB`` subdivision
  ``ENG``, substitute days included) and that is not one of the council's
  ``extra_closures``;
* "N working days after D" counts D as day 0 whatever day D is: day 1 is the first
  working day strictly after D.

Look-ups go through a table of cumulative working-day counts that each calendar builds
lazily for the years it is asked about, so a call costs a few list indexings. The table
is a private memo: it never changes an answer, only how fast it comes.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Final

import attrs

from .._checks import check_date, check_int
from .._errors import DateOutOfRangeError, InvalidArgumentError

if TYPE_CHECKING:
    import holidays as _holidays

__all__ = ["BankHolidays", "WorkingCalendar"]

_WEEKDAY_NAMES: Final = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: Years each table build adds around a requested date.
_BLOCK_YEARS: Final = 12


@attrs.frozen
class BankHolidays:
    """Where bank holidays come from: a country (and subdivision) of the ``holidays`` package.

    Substitute ("observed") days are included, as they are in the published lists.

    Attributes:
        country: ISO 3166 code known to ``holidays``, e.g. ``"GB"``.
        subdivision: subdivision code, e.g. ``"ENG"`` for England & Wales rules.

    Examples:
        >>> BankHolidays.england_and_wales().years
        range(1872, 2101)
    """

    country: str
    subdivision: str | None = None

    @classmethod
    def england_and_wales(cls) -> BankHolidays:
        """The bank holidays of England & Wales (``holidays`` GB / ENG)."""
        return cls("GB", "ENG")

    def _source(self, years: Iterable[int] = ()) -> _holidays.HolidayBase:
        import holidays as _holidays  # about 0.15 s in a fresh process: only when needed

        try:
            return _holidays.country_holidays(
                self.country, subdiv=self.subdivision, years=list(years)
            )
        except NotImplementedError as exc:
            raise InvalidArgumentError(
                f"unknown holiday country/subdivision {self.country!r}/{self.subdivision!r}"
            ) from exc

    def _tabled(self) -> bool:
        """Whether the days come from the generated England & Wales table (see
        ``_table_matches_holidays``) rather than from the ``holidays`` package."""
        return (self.country, self.subdivision) == ("GB", "ENG") and _table_matches_holidays()

    @property
    def years(self) -> range:
        """The years the ``holidays`` package has data for (inclusive range)."""
        if self._tabled():
            from . import _bank_holidays_gb_eng as table

            return range(table.FIRST_YEAR, table.LAST_YEAR + 1)
        src = self._source()
        return range(int(src.start_year), int(src.end_year) + 1)

    def between(self, first_year: int, last_year: int) -> dict[date, str]:
        """Bank holidays dated in ``first_year``..``last_year`` (inclusive) with their names."""
        years = self.years
        lo, hi = max(first_year, years.start), min(last_year, years.stop - 1)
        if lo > hi:
            return {}
        if self._tabled():
            from . import _bank_holidays_gb_eng as table

            start, end = date(lo, 1, 1).toordinal(), date(hi, 12, 31).toordinal()
            names = table.NAMES
            return {date.fromordinal(o): names[i] for o, i in table.DAYS if start <= o <= end}
        return {d: str(name) for d, name in self._source(range(lo, hi + 1)).items()}


@functools.cache
def _table_matches_holidays() -> bool:
    """Whether the installed ``holidays`` is the version the generated table came from.

    ``scripts/gen_bank_holidays.py`` writes, from the ``holidays`` package, every England
    & Wales bank holiday it knows into ``_bank_holidays_gb_eng``, so a process need not
    import the package and its country registry (about 0.15 s, most of the cold start of
    ``cjp check``) to learn them. The table is used only when the installed package is
    that very version, told by its ``holidays-<version>.dist-info`` folder (found without
    importing the package; an already imported package is asked directly); any other
    version, or none found, and the package is asked, as it always was. The answers are
    the same either way: ``tests/test_calendar.py`` compares the table with the package
    day for day.
    """
    from . import _bank_holidays_gb_eng as table

    imported = __import__("sys").modules.get("holidays")
    if imported is not None:
        return getattr(imported, "__version__", None) == table.HOLIDAYS_VERSION
    try:
        spec = importlib.util.find_spec("holidays")
    except (ImportError, ValueError):
        return False
    folders = list(spec.submodule_search_locations or ()) if spec is not None else []
    marker = f"holidays-{table.HOLIDAYS_VERSION}.dist-info"
    return any(os.path.isdir(os.path.join(os.path.dirname(f), marker)) for f in folders)


class _Table:
    """Cumulative working-day counts for the whole years ``first``..``last``."""

    __slots__ = ("count", "days", "first", "last", "lo", "names", "size")

    def __init__(
        self,
        first: int,
        last: int,
        weekend: frozenset[int],
        closures: dict[date, str],
    ) -> None:
        self.first = first
        self.last = last
        lo = date(first, 1, 1).toordinal()
        hi = date(last, 12, 31).toordinal() + 1
        self.lo = lo
        self.size = hi - lo
        self.names = closures
        closed_ordinals = {d.toordinal() for d in closures}
        # count[i] = number of working days in [lo, lo + i)
        count = [0] * (self.size + 1)
        days: list[date] = []
        fromordinal = date.fromordinal
        # date(…).weekday() of ordinal o is (o - 1) % 7 (ordinal 1 = Monday 0001-01-01).
        for i in range(self.size):
            o = lo + i
            if (o - 1) % 7 not in weekend and o not in closed_ordinals:
                days.append(fromordinal(o))
            count[i + 1] = len(days)
        self.count = count
        self.days = days


_EMPTY: Final = _Table.__new__(_Table)
_EMPTY.first, _EMPTY.last, _EMPTY.lo, _EMPTY.size = 0, -1, 0, 0
_EMPTY.count, _EMPTY.days, _EMPTY.names = [0], [], {}


def _frozenset_of(what: str, value: object) -> frozenset[object]:
    if isinstance(value, (str, bytes, date, int)) or not isinstance(value, Iterable):
        raise InvalidArgumentError(
            f"{what} must be a collection (e.g. a list or set), not "
            f"{type(value).__name__}: {value!r}"
        )
    return frozenset(value)


def _frozen_weekend(value: Iterable[int]) -> frozenset[int]:
    days: frozenset[int] = _frozenset_of("weekend", value)  # type: ignore[assignment]
    for d in days:
        if d.__class__ is not int or not 0 <= d <= 6:
            raise InvalidArgumentError(
                f"weekend days are weekday numbers 0 (Monday) to 6 (Sunday), got {d!r}"
            )
    if len(days) == 7:
        raise InvalidArgumentError("a weekend of all seven days leaves no working day")
    return days


def _frozen_closures(value: Iterable[date]) -> frozenset[date]:
    closures: frozenset[date] = _frozenset_of("extra_closures", value)  # type: ignore[assignment]
    for d in closures:
        check_date("extra_closures item", d)
    return closures


@attrs.frozen
class WorkingCalendar:
    """A working-day calendar: weekdays less bank holidays and local closures.

    Immutable and hashable. Build the usual one with
    [`england`][care_justice_protocol.WorkingCalendar.england].

    Attributes:
        bank_holidays: where bank holidays come from, or ``None`` for none.
        weekend: weekday numbers that are never working days (Monday is 0).
        extra_closures: further non-working dates a council adds (e.g. a closure day
            between Christmas and New Year).

    Examples:
        The protocol's 15 working days, over Christmas 2026 (Christmas Friday, Boxing Day
        substituted to Monday 28th, New Year's Day):

        >>> from datetime import date
        >>> cal = WorkingCalendar.england()
        >>> cal.add_working_days(date(2026, 12, 18), 15)
        datetime.date(2027, 1, 13)

        VE Day 2020 moved the early May bank holiday to Friday 8 May:

        >>> cal.add_working_days(date(2020, 4, 30), 15)
        datetime.date(2020, 5, 22)
        >>> cal.closure_reason(date(2022, 9, 19))
        'State Funeral of Queen Elizabeth II'
    """

    bank_holidays: BankHolidays | None = attrs.field(default=None)
    weekend: frozenset[int] = attrs.field(default=frozenset({5, 6}), converter=_frozen_weekend)
    extra_closures: frozenset[date] = attrs.field(default=frozenset(), converter=_frozen_closures)
    _table: _Table = attrs.field(init=False, default=_EMPTY, eq=False, hash=False, repr=False)

    # ------------------------------------------------------------------ builders

    @classmethod
    def england(
        cls,
        *,
        extra_closures: Iterable[date] = (),
        weekend: Iterable[int] = (5, 6),
    ) -> WorkingCalendar:
        """Monday to Friday less England & Wales bank holidays (and any local closures).

        Examples:
            >>> from datetime import date
            >>> cal = WorkingCalendar.england(extra_closures=[date(2026, 12, 24)])
            >>> cal.is_working_day(date(2026, 12, 24))
            False
        """
        return cls(
            BankHolidays.england_and_wales(),
            weekend,  # the field converters check and freeze
            extra_closures,
        )

    @classmethod
    def weekdays_only(cls, *, weekend: Iterable[int] = (5, 6)) -> WorkingCalendar:
        """Every day but the weekend is a working day (no bank holidays); any year 1-9999."""
        return cls(None, weekend)  # the converter checks and freezes

    def with_closures(self, *days: date) -> WorkingCalendar:
        """A copy of this calendar with more local closure days."""
        return attrs.evolve(self, extra_closures=self.extra_closures | frozenset(days))

    # ------------------------------------------------------------------ facts

    @property
    def years(self) -> range:
        """The years this calendar can answer for.

        Outside them bank holidays are not known, so a question about such a date raises
        [`DateOutOfRangeError`][care_justice_protocol.DateOutOfRangeError] rather than guessing.
        """
        if self.bank_holidays is None:
            return range(date.min.year, date.max.year + 1)
        return self.bank_holidays.years

    def describe(self) -> str:
        """One line naming this calendar's policy, for provenance in results.

        Examples:
            >>> print(WorkingCalendar.england().describe())
            working days: Mon-Fri less England & Wales bank holidays (holidays GB/ENG);
            day 1 = first working day after the trigger
        """
        workdays = [n for i, n in enumerate(_WEEKDAY_NAMES) if i not in self.weekend]
        span = "Mon-Fri" if workdays == list(_WEEKDAY_NAMES[:5]) else ",".join(workdays)
        parts = [f"working days: {span}"]
        if self.bank_holidays is not None:
            bh = self.bank_holidays
            is_ew = (bh.country, bh.subdivision) == ("GB", "ENG")
            where = "England & Wales" if is_ew else bh.country
            code = bh.country + (f"/{bh.subdivision}" if bh.subdivision else "")
            parts.append(f" less {where} bank holidays (holidays {code})")
        if self.extra_closures:
            n = len(self.extra_closures)
            parts.append(f" and {n} local closure day{'s' if n != 1 else ''}")
        parts.append("; day 1 = first working day after the trigger")
        return "".join(parts)

    # ------------------------------------------------------------------ table

    def _table_for(self, first_year: int, last_year: int) -> _Table:
        """Return a table covering the years, building (and keeping) a wider one if needed."""
        t = self._table
        if t.first <= first_year and last_year <= t.last:
            return t
        span = self.years
        lo_year, hi_year = span.start, span.stop - 1
        if first_year < lo_year or last_year > hi_year:
            raise DateOutOfRangeError(
                f"{self.describe().split(';')[0]} is known for {lo_year}-{hi_year} only; "
                f"asked about {first_year if first_year < lo_year else last_year}"
            )
        if t.size:
            first_year, last_year = min(first_year, t.first), max(last_year, t.last)
        first_year = max(lo_year, first_year - _BLOCK_YEARS)
        last_year = min(hi_year, last_year + _BLOCK_YEARS)
        closures: dict[date, str] = {}
        if self.bank_holidays is not None:
            closures.update(self.bank_holidays.between(first_year, last_year))
        for d in self.extra_closures:
            if first_year <= d.year <= last_year:
                closures.setdefault(d, "local closure")
        table = _Table(first_year, last_year, self.weekend, closures)
        object.__setattr__(self, "_table", table)
        return table

    # ------------------------------------------------------------------ queries

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day.

        Examples:
            >>> from datetime import date
            >>> WorkingCalendar.england().is_working_day(date(2023, 5, 8))  # Coronation
            False
        """
        t = self._table
        i = day.toordinal() - t.lo if day.__class__ is date else -1
        if not 0 <= i < t.size:
            day = check_date("day", day)
            t = self._table_for(day.year, day.year)
            i = day.toordinal() - t.lo
        return t.count[i + 1] != t.count[i]

    def closure_reason(self, day: date) -> str | None:
        """Why ``day`` is not a working day (bank holiday name, "weekend", "local closure"),
        or ``None`` when it is one.

        Examples:
            >>> from datetime import date
            >>> WorkingCalendar.england().closure_reason(date(2026, 12, 28))
            'Boxing Day (observed)'
        """
        if self.is_working_day(day):
            return None
        t = self._table_for(day.year, day.year)
        name = t.names.get(day)
        return name if name is not None else "weekend"

    def add_working_days(self, day: date, n: int) -> date:
        """The ``n``-th working day strictly after ``day`` (before it when ``n`` < 0).

        Day 1 is the first working day after ``day``, whatever day ``day`` is; ``-1`` is
        the last working day before it. ``n == 0`` returns ``day`` itself, unchanged, even
        when it is not a working day: adding nothing moves nothing. (Use
        [`next_working_day`][care_justice_protocol.WorkingCalendar.next_working_day] to roll
        forward.)

        Args:
            day: the trigger date (day 0).
            n: how many working days to count; negative counts backwards.

        Returns:
            The date reached.

        Raises:
            InvalidDateTypeError: ``day`` is not a ``datetime.date`` (a datetime or
                string is refused).
            InvalidArgumentError: ``n`` is not an int.
            DateOutOfRangeError: the answer lies outside the years the calendar knows.

        Examples:
            >>> from datetime import date
            >>> cal = WorkingCalendar.england()
            >>> cal.add_working_days(date(2026, 11, 23), 15)
            datetime.date(2026, 12, 14)
            >>> cal.add_working_days(date(2026, 12, 19), 15)  # a Saturday: same as from Friday
            datetime.date(2027, 1, 13)
            >>> cal.add_working_days(date(2027, 1, 4), -1)  # back over New Year and Christmas
            datetime.date(2026, 12, 31)
            >>> cal.add_working_days(date(2026, 12, 25), 0)
            datetime.date(2026, 12, 25)
        """
        t = self._table
        if day.__class__ is date and n.__class__ is int:
            i = day.toordinal() - t.lo
            if 0 <= i < t.size:
                if n > 0:
                    k = t.count[i + 1] + n - 1
                elif n < 0:
                    k = t.count[i] + n
                else:
                    return day
                if 0 <= k < len(t.days):
                    return t.days[k]
        return self._add_slow(day, n)

    def _add_slow(self, day: object, n: object) -> date:
        d = check_date("day", day)
        k_n = check_int("n", n)
        if k_n == 0:
            return d
        span = self.years
        if d.year not in span:
            self._table_for(d.year, d.year)  # raises DateOutOfRangeError
        # Years to cover: start from a guess (at least ~200 working days a year) and
        # widen until the answer is inside the table or the calendar's years run out.
        reach = abs(k_n) // 200 + 1
        while True:
            if k_n > 0:
                t = self._table_for(d.year, min(d.year + reach, span.stop - 1))
            else:
                t = self._table_for(max(d.year - reach, span.start), d.year)
            i = d.toordinal() - t.lo
            k = t.count[i + 1] + k_n - 1 if k_n > 0 else t.count[i] + k_n
            if 0 <= k < len(t.days):
                return t.days[k]
            if (k_n > 0 and t.last >= span.stop - 1) or (k_n < 0 and t.first <= span.start):
                break
            reach *= 2
        direction = "after" if k_n > 0 else "before"
        raise DateOutOfRangeError(
            f"working day {abs(k_n)} {direction} {d.isoformat()} lies outside the years "
            f"{span.start}-{span.stop - 1} this calendar knows"
        )

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in the half-open interval (``start``, ``end``].

        Negative when ``end`` is before ``start`` (the count of (``end``, ``start``],
        negated), so ``working_days_between(a, b) == -working_days_between(b, a)``.

        Examples:
            >>> from datetime import date
            >>> cal = WorkingCalendar.england()
            >>> cal.working_days_between(date(2026, 12, 18), date(2027, 1, 13))
            15
            >>> cal.working_days_between(date(2027, 1, 13), date(2026, 12, 18))
            -15
        """
        t = self._table
        if start.__class__ is date and end.__class__ is date:
            i = start.toordinal() - t.lo
            j = end.toordinal() - t.lo
            if 0 <= i < t.size and 0 <= j < t.size:
                return t.count[j + 1] - t.count[i + 1]
        a = check_date("start", start)
        b = check_date("end", end)
        t = self._table_for(min(a.year, b.year), max(a.year, b.year))
        return t.count[b.toordinal() - t.lo + 1] - t.count[a.toordinal() - t.lo + 1]

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after ``day``.

        Examples:
            >>> from datetime import date
            >>> WorkingCalendar.england().next_working_day(date(2026, 12, 24))
            datetime.date(2026, 12, 29)
        """
        return self.add_working_days(day, 1)

    def previous_working_day(self, day: date) -> date:
        """The last working day strictly before ``day``.

        Examples:
            >>> from datetime import date
            >>> WorkingCalendar.england().previous_working_day(date(2026, 12, 29))
            datetime.date(2026, 12, 24)
        """
        return self.add_working_days(day, -1)

    def closures_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """Bank holidays and local closures on weekdays in (``start``, ``end``], with names.

        Used to explain a deadline ("Christmas Day, Boxing Day (observed)...").

        Examples:
            >>> from datetime import date
            >>> [n for _, n in WorkingCalendar.england().closures_between(
            ...     date(2026, 12, 18), date(2027, 1, 13))]
            ['Christmas Day', 'Boxing Day (observed)', "New Year's Day"]
        """
        a = check_date("start", start)
        b = check_date("end", end)
        if b <= a:
            return []
        t = self._table_for(a.year, b.year)
        return sorted(
            (d, name)
            for d, name in t.names.items()
            if a < d <= b and d.weekday() not in self.weekend
        )
