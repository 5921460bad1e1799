"""Deadlines and the due-date shapes that make them, each carrying its provenance.

A due-date *shape* is one small frozen type per way the protocols set a due date:

* [`WorkingDaysAfter`][care_justice_protocol.WorkingDaysAfter] - N working days after the trigger;
* [`MonthsAfter`][care_justice_protocol.MonthsAfter] - N calendar months after it (anchored, clipped
  at month end);
* [`OnTheDay`][care_justice_protocol.OnTheDay] - on the trigger's own day (court on the day of
  sentence);
* [`ByTheDay`][care_justice_protocol.ByTheDay] - by the trigger's day (an invitation before the
  meeting it is for);
* [`BeforeEvent`][care_justice_protocol.BeforeEvent] - before the first later event of a kind
  (before the report);
* [`NoTimescale`][care_justice_protocol.NoTimescale] - the protocol gives none;

and two wrappers: [`Recurring`][care_justice_protocol.Recurring] (again and again from the trigger,
every N months) and [`LocalTimescale`][care_justice_protocol.LocalTimescale] (a council's own
timescale, where the protocol gives none or in place of the protocol's). Every shape implements
[`DeadlineShape`][care_justice_protocol.DeadlineShape]: its due date for a trigger, its rule in
words, the timescale in a few words, and the calendar policy that computed it. Adding a shape
(calendar days after, until an event) is one class.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import ClassVar, Final, Protocol

import attrs

from .._checks import check_choice, check_date, check_int
from .._errors import DateOutOfRangeError, InvalidArgumentError
from ._periods import PeriodPolicy, Recurrence, RecurrenceSlot, add_months
from ._working_days import WorkingCalendar

__all__ = [
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
]

MONTHS_POLICY: Final = "calendar months (dateutil relativedelta, clipped to the month's end)"
CALENDAR_DAYS_POLICY: Final = "calendar days"


@attrs.frozen
class Deadline:
    """A due date with the reason it exists.

    A ``Deadline`` is not a ``datetime.date``: it says which rule produced the date,
    from which trigger, under which calendar policy, for which protocol clause.

    Attributes:
        due: the last day the obligation can be met on time.
        rule: the rule in words, e.g. ``"15 working days after allocation"``.
        clause: the clause reference, e.g. ``"3.14.12 §2"``.
        policy: the calendar policy used (see
            [`WorkingCalendar.describe`][care_justice_protocol.WorkingCalendar.describe]).
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


class EventPattern(Protocol):
    """What a shape needs of an event pattern (a protocol's ``Match``): words for it."""

    def describe(self) -> str:
        """The pattern in words, e.g. ``"court-hearing"``."""
        ...


#: The words for a step the protocol gives no timescale for (never an invented one).
NO_TIMESCALE: Final = "no timescale in protocol"


class DeadlineShape(abc.ABC):
    """How a due date follows from a trigger: the interface every shape implements.

    A shape says three things: the due date for a trigger
    ([`due`][care_justice_protocol.DeadlineShape.due]), the rule in the words results show
    ([`describe`][care_justice_protocol.DeadlineShape.describe],
    [`rule`][care_justice_protocol.DeadlineShape.rule]), and the calendar policy under which its
    dates are computed ([`policy`][care_justice_protocol.DeadlineShape.policy]). A shape that waits
    for a later event names it ([`awaits`][care_justice_protocol.DeadlineShape.awaits]); a shape
    that recurs gives its [`recurrence`][care_justice_protocol.DeadlineShape.recurrence].

    Examples:
        >>> from datetime import date
        >>> cal = WorkingCalendar.england()
        >>> shapes = (WorkingDaysAfter(15), MonthsAfter(6), OnTheDay(), ByTheDay(),
        ...           NoTimescale())
        >>> for shape in shapes:
        ...     print(shape.due(date(2026, 12, 18), cal), "|", shape.rule("allocation",
        ...           date(2026, 12, 18)))
        2027-01-13 | 15 working days after allocation on 2026-12-18
        2027-06-18 | 6 months after allocation on 2026-12-18
        2026-12-18 | on the day of allocation
        2026-12-18 | by the day of allocation
        None | no timescale in protocol
    """

    __slots__ = ()

    #: Whether the rule in words ends with the trigger's date ("... on 2026-12-18").
    dated: ClassVar[bool] = False

    @abc.abstractmethod
    def describe(self, trigger_name: str = "the trigger") -> str:
        """The rule in words, e.g. ``"15 working days after allocation"``."""

    @abc.abstractmethod
    def due(
        self, trigger: date, calendar: WorkingCalendar, later: Sequence[date] = ()
    ) -> date | None:
        """The due date for a clock started on ``trigger``, or ``None`` if there is none.

        Args:
            trigger: the trigger's date.
            calendar: the working-day calendar.
            later: for a shape that [`awaits`][care_justice_protocol.DeadlineShape.awaits] an event,
                the dates (in order) of the recorded events of that kind; other shapes ignore it.
        """

    @abc.abstractmethod
    def policy(self, calendar: WorkingCalendar) -> str:
        """The calendar policy the due date is computed under (``""`` with no due date)."""

    def rule(self, trigger_name: str, trigger: date) -> str:
        """The rule in words for one trigger, as results show it."""
        text = self.describe(trigger_name)
        return f"{text} on {trigger.isoformat()}" if self.dated else text

    def timescale(self) -> str:
        """The timescale alone, in a few words (``"15 working days"``, ``"on the day"``).

        This is how a local timescale names the protocol's own one that it replaces
        (``"local timescale: 10 working days after ... (protocol: 15 working days)"``).
        The default is the rule in words with a neutral trigger name.
        """
        return self.describe("the trigger")

    @property
    def awaits(self) -> EventPattern | None:
        """The event the due date waits for ([`BeforeEvent`][care_justice_protocol.BeforeEvent]), or
        ``None``."""
        return None

    def waiting(self) -> str | None:
        """While [`awaits`][care_justice_protocol.DeadlineShape.awaits] has not happened: what the
        due date waits for, in words."""
        return None

    @property
    def recurrence(self) -> Recurrence | None:
        """For a recurring shape, the reading of "every N months"; otherwise ``None``."""
        return None


@attrs.frozen
class WorkingDaysAfter(DeadlineShape):
    """ "Within N working days of the trigger": day 1 is the first working day after it.

    Examples:
        >>> from datetime import date
        >>> rule = WorkingDaysAfter(15)
        >>> rule.describe("allocation")
        '15 working days after allocation'
        >>> rule.deadline(date(2026, 11, 23), WorkingCalendar.england(), clause="3.14.12 §2").due
        datetime.date(2026, 12, 14)
    """

    dated: ClassVar[bool] = True

    days: int = attrs.field(validator=_positive)

    def describe(self, trigger_name: str = "the trigger") -> str:
        return f"{self.timescale()} after {trigger_name}"

    def timescale(self) -> str:
        unit = "working day" if self.days == 1 else "working days"
        return f"{self.days} {unit}"

    def due(self, trigger: date, calendar: WorkingCalendar, later: Sequence[date] = ()) -> date:
        return calendar.add_working_days(trigger, self.days)

    def policy(self, calendar: WorkingCalendar) -> str:
        return calendar.describe()

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
        return Deadline(
            due=self.due(trigger, calendar),
            rule=self.rule(trigger_name, trigger),
            clause=clause,
            policy=self.policy(calendar),
            trigger=trigger,
        )


@attrs.frozen
class MonthsAfter(DeadlineShape):
    """ "Within N months of the trigger", anchored on the trigger and clipped at month end.

    Examples:
        >>> from datetime import date
        >>> MonthsAfter(6).deadline(date(2026, 8, 31), clause="3.14.13 §5").due
        datetime.date(2027, 2, 28)
    """

    dated: ClassVar[bool] = True

    months: int = attrs.field(validator=_positive)

    def describe(self, trigger_name: str = "the trigger") -> str:
        return f"{self.timescale()} after {trigger_name}"

    def timescale(self) -> str:
        unit = "month" if self.months == 1 else "months"
        return f"{self.months} {unit}"

    def due(
        self, trigger: date, calendar: WorkingCalendar | None = None, later: Sequence[date] = ()
    ) -> date:
        return add_months(trigger, self.months)

    def policy(self, calendar: WorkingCalendar | None = None) -> str:
        return MONTHS_POLICY

    def deadline(
        self, trigger: date, *, clause: str, trigger_name: str = "the trigger"
    ) -> Deadline:
        """The deadline for a clock started on ``trigger``."""
        trigger = check_date("trigger", trigger)
        return Deadline(
            due=self.due(trigger),
            rule=self.rule(trigger_name, trigger),
            clause=clause,
            policy=MONTHS_POLICY,
            trigger=trigger,
        )


#: How [`CalendarDaysAfter`][care_justice_protocol.CalendarDaysAfter] counts, quoted in every result
#: that uses it.
COUNTED_DAYS_POLICY: Final = (
    "calendar days: day 1 is the day after the trigger; weekends and bank holidays count"
)


@attrs.frozen
class CalendarDaysAfter(DeadlineShape):
    """ "Within N days of the trigger", in calendar days: day 1 is the day after it.

    For a text that counts days, not working days ("within 7 days"). Weekends and bank
    holidays count like any other day.

    Examples:
        >>> from datetime import date
        >>> rule = CalendarDaysAfter(7)
        >>> rule.describe("the charge")
        '7 calendar days after the charge'
        >>> rule.due(date(2026, 12, 18), WorkingCalendar.england())  # Fri + 7 = Fri 25 Dec
        datetime.date(2026, 12, 25)
    """

    dated: ClassVar[bool] = True

    days: int = attrs.field(validator=_positive)

    def describe(self, trigger_name: str = "the trigger") -> str:
        unit = "calendar day" if self.days == 1 else "calendar days"
        return f"{self.days} {unit} after {trigger_name}"

    def due(
        self, trigger: date, calendar: WorkingCalendar | None = None, later: Sequence[date] = ()
    ) -> date:
        try:
            return trigger + timedelta(days=self.days)
        except OverflowError:
            raise DateOutOfRangeError(
                f"{self.days} calendar days after {trigger.isoformat()} is after the year 9999"
            ) from None

    def policy(self, calendar: WorkingCalendar | None = None) -> str:
        return COUNTED_DAYS_POLICY


@attrs.frozen
class OnTheDay(DeadlineShape):
    """On the trigger's own day (e.g. attending court on the day of sentence).

    Examples:
        >>> from datetime import date
        >>> OnTheDay().describe("the sentencing hearing")
        'on the day of the sentencing hearing'
        >>> OnTheDay().due(date(2026, 12, 25), WorkingCalendar.england())
        datetime.date(2026, 12, 25)
    """

    def describe(self, trigger_name: str = "the trigger") -> str:
        return f"on the day of {trigger_name}"

    def timescale(self) -> str:
        return "on the day"

    def due(self, trigger: date, calendar: WorkingCalendar, later: Sequence[date] = ()) -> date:
        return trigger

    def policy(self, calendar: WorkingCalendar) -> str:
        return CALENDAR_DAYS_POLICY


@attrs.frozen
class ByTheDay(DeadlineShape):
    """By the trigger's day (e.g. an invitation sent before the meeting it is for).

    Examples:
        >>> ByTheDay().describe("the statutory-review")
        'by the day of the statutory-review'
    """

    def describe(self, trigger_name: str = "the trigger") -> str:
        return f"by the day of {trigger_name}"

    def timescale(self) -> str:
        return "by the day"

    def due(self, trigger: date, calendar: WorkingCalendar, later: Sequence[date] = ()) -> date:
        return trigger

    def policy(self, calendar: WorkingCalendar) -> str:
        return CALENDAR_DAYS_POLICY


@attrs.frozen
class BeforeEvent(DeadlineShape):
    """On or before the first event of a kind on or after the trigger (before the report).

    Until that event is recorded there is no due date yet: the obligation is due "before"
    it.

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import Match
        >>> shape = BeforeEvent(Match("court-hearing"))
        >>> shape.describe("the charge")
        'before court-hearing'
        >>> cal = WorkingCalendar.england()
        >>> shape.due(date(2026, 3, 2), cal, later=[date(2026, 2, 1), date(2026, 3, 9)])
        datetime.date(2026, 3, 9)
        >>> print(shape.due(date(2026, 3, 2), cal, later=[date(2026, 2, 1)]))
        None
    """

    event: EventPattern

    def describe(self, trigger_name: str = "the trigger") -> str:
        return f"before {self.event.describe()}"

    def due(
        self, trigger: date, calendar: WorkingCalendar, later: Sequence[date] = ()
    ) -> date | None:
        return next((d for d in later if d >= trigger), None)

    def policy(self, calendar: WorkingCalendar) -> str:
        return CALENDAR_DAYS_POLICY

    @property
    def awaits(self) -> EventPattern:
        return self.event

    def waiting(self) -> str:
        return self.describe()


@attrs.frozen
class NoTimescale(DeadlineShape):
    """The protocol gives no timescale: the library reports that rather than invent one.

    Examples:
        >>> NoTimescale().describe("allocation")
        'no timescale in protocol'
    """

    def describe(self, trigger_name: str = "the trigger") -> str:
        return NO_TIMESCALE

    def due(self, trigger: date, calendar: WorkingCalendar, later: Sequence[date] = ()) -> None:
        return None

    def policy(self, calendar: WorkingCalendar) -> str:
        return ""


def _months_shape(_: object, attribute: attrs.Attribute[MonthsAfter], value: object) -> None:
    if not isinstance(value, MonthsAfter):
        raise InvalidArgumentError(
            f"{attribute.name} must be a MonthsAfter, not {type(value).__name__}"
        )


def _to_reading(value: object) -> PeriodPolicy:
    return check_choice(PeriodPolicy, "reading", value)


@attrs.frozen
class Recurring(DeadlineShape):
    """Again and again from the trigger: every ``every`` months, read by ``policy``.

    With the default reading (``AT_MOST_N_MONTHS_SINCE_LAST``) each slot is due
    ``every`` after the previous occurrence (the first after the trigger); with
    ``PER_CALENDAR_PERIOD``, once in each calendar period of that length.

    Examples:
        >>> from datetime import date
        >>> shape = Recurring(MonthsAfter(6))
        >>> shape.describe("the allocation")
        'from the allocation, at most 6 months since the last (dateutil month arithmetic)'
        >>> shape.due(date(2026, 8, 31), WorkingCalendar.england())
        datetime.date(2027, 2, 28)
        >>> [s.due for s in shape.slots(date(2026, 8, 31), [date(2027, 1, 4)], date(2027, 3, 1))]
        [datetime.date(2027, 2, 28), datetime.date(2027, 7, 4)]
    """

    dated: ClassVar[bool] = True

    every: MonthsAfter
    reading: PeriodPolicy = attrs.field(
        default=PeriodPolicy.AT_MOST_N_MONTHS_SINCE_LAST, converter=_to_reading
    )
    _recurrence: Recurrence = attrs.field(init=False, repr=False, eq=False)

    @_recurrence.default
    def _build(self) -> Recurrence:
        # attrs runs validators after defaults: check the wrapped shape here first.
        _months_shape(self, attrs.fields(Recurring).every, self.every)
        return Recurrence(self.every.months, self.reading)

    @property
    def recurrence(self) -> Recurrence:
        return self._recurrence

    def describe(self, trigger_name: str = "the trigger") -> str:
        return f"from {trigger_name}, {self._recurrence.describe()}"

    def timescale(self) -> str:
        return self._recurrence.describe()

    def due(self, trigger: date, calendar: WorkingCalendar, later: Sequence[date] = ()) -> date:
        """The first slot's due date."""
        return self._recurrence.slots(trigger, (), trigger)[0].due

    def policy(self, calendar: WorkingCalendar) -> str:
        return self._recurrence.describe()

    def slots(self, start: date, occurrences: Iterable[date], until: date) -> list[RecurrenceSlot]:
        """The windows from ``start`` to ``until`` (see
        [`Recurrence.slots`][care_justice_protocol.Recurrence.slots])."""
        return self._recurrence.slots(start, occurrences, until)


def _plain_shape(_: object, attribute: attrs.Attribute[DeadlineShape], value: object) -> None:
    if not isinstance(value, DeadlineShape) or isinstance(value, LocalTimescale):
        raise InvalidArgumentError(
            f"{attribute.name} must be a due-date shape that is not itself local, "
            f"not {type(value).__name__}"
        )


def _replaced_shape(
    _: object, attribute: attrs.Attribute[DeadlineShape | None], value: object
) -> None:
    if value is not None:
        _plain_shape(_, attribute, value)  # type: ignore[arg-type]


@attrs.frozen
class LocalTimescale(DeadlineShape):
    """A council's own timescale: where the protocol gives none, or in place of its own.

    Behaves as the wrapped shape; its words say the timescale is local and, where it
    replaces one the protocol gives (``replaces``), what the protocol's is. A recurring
    shape may be wrapped too (a local "every 3 months" for the protocol's "6 monthly").

    Attributes:
        shape: the local timescale.
        replaces: the protocol's own shape it stands in for, if the protocol gives one
            (``None`` where the protocol gives no timescale: the words are then
            ``"local timescale: ..."`` alone).

    Examples:
        >>> from datetime import date
        >>> local = LocalTimescale(WorkingDaysAfter(10))
        >>> local.rule("the case workers' meeting", date(2026, 12, 18))
        "local timescale: 10 working days after the case workers' meeting on 2026-12-18"
        >>> local.due(date(2026, 12, 18), WorkingCalendar.england())
        datetime.date(2027, 1, 6)
        >>> shorter = LocalTimescale(WorkingDaysAfter(10), replaces=WorkingDaysAfter(15))
        >>> print(shorter.rule("allocation", date(2026, 11, 23)))
        local timescale: 10 working days after allocation on 2026-11-23 (protocol: 15 working days)
        >>> shorter.due(date(2026, 11, 23), WorkingCalendar.england())
        datetime.date(2026, 12, 7)
    """

    shape: DeadlineShape = attrs.field(validator=_plain_shape)
    replaces: DeadlineShape | None = attrs.field(default=None, validator=_replaced_shape)

    def _protocol_words(self) -> str:
        if self.replaces is None or isinstance(self.replaces, NoTimescale):
            return ""
        return f" (protocol: {self.replaces.timescale()})"

    def describe(self, trigger_name: str = "the trigger") -> str:
        return "local timescale: " + self.shape.describe(trigger_name) + self._protocol_words()

    def rule(self, trigger_name: str, trigger: date) -> str:
        return "local timescale: " + self.shape.rule(trigger_name, trigger) + self._protocol_words()

    def timescale(self) -> str:
        return "local timescale: " + self.shape.timescale()

    def due(
        self, trigger: date, calendar: WorkingCalendar, later: Sequence[date] = ()
    ) -> date | None:
        return self.shape.due(trigger, calendar, later)

    def policy(self, calendar: WorkingCalendar) -> str:
        return self.shape.policy(calendar)

    @property
    def awaits(self) -> EventPattern | None:
        return self.shape.awaits

    def waiting(self) -> str | None:
        return self.shape.waiting()

    @property
    def recurrence(self) -> Recurrence | None:
        return self.shape.recurrence
