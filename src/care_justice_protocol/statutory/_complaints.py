"""The Children Act 1989 representations (complaints) procedure, as data with due dates.

3.14.13 sends a complaint by a young person or carer to the agency's own complaints
procedure. For a local authority's children's services (Next Step) that is the statutory
procedure of the Children Act 1989 ss.24D and 26 and the Children Act 1989
Representations Procedure (England) Regulations 2006 (SI 2006/1738):

0. making representations - no later than one year after the grounds arose; the local
   authority may consider later ones if it would not have been reasonable to expect them
   within the year and they can still be considered effectively and fairly (reg 9);
1. local resolution - 10 working days, extendable to 20 (reg 14);
2. investigation - 25 working days, extendable to 65 (reg 17);
3. review panel - the complainant asks within 20 working days of receiving the stage 2
   response (reg 18); the panel meets within 30 working days of the local authority
   receiving the request (reg 19(4)); the panel sends its report within 5 working days
   of meeting "or as soon as is reasonably practicable"; the local authority responds
   within 15 working days of receiving it "or as soon as is reasonably practicable"
   (reg 20).

The regulations define a working day as any day other than a Saturday, Sunday, Christmas
Day, Boxing Day, Good Friday or bank holiday under the Banking and Financial Dealings Act
1971 (reg 2) - which is what
[`WorkingCalendar.england`][care_justice_protocol.WorkingCalendar.england] computes. A council's own
closure days are *not* statutory non-working days: use a calendar without them for statutory
deadlines. Which of these were read in the regulation text and which only in secondary sources is
recorded on the docs page "Statutory context".
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Final

import attrs

from .._checks import check_count, check_date, check_flag
from .._errors import InvalidArgumentError
from ..calendar._deadlines import Deadline, MonthsAfter, WorkingDaysAfter
from ..calendar._working_days import WorkingCalendar
from ..model._citation import Citation

__all__ = [
    "OR_AS_SOON_AS_REASONABLY_PRACTICABLE",
    "REPRESENTATIONS_PROCEDURE",
    "RepresentationsStep",
    "representations_deadline",
    "representations_timetable",
]

_REGS: Final = "Children Act 1989 Representations Procedure (England) Regulations 2006"


#: The words some time limits carry, shown in their rule text.
OR_AS_SOON_AS_REASONABLY_PRACTICABLE: Final = "or as soon as is reasonably practicable"


def _flag(_instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    check_flag(attribute.name, value)


def _reg(place: str) -> Citation:
    return Citation(_REGS, place)


def _limit_validator(instance: RepresentationsStep, _attribute: object, value: int | None) -> None:
    if value is not None:
        check_count("months", value, minimum=1)
    if (value is None) == (instance.working_days is None):
        raise InvalidArgumentError(
            f"step {instance.key!r} must have exactly one time limit: working_days "
            f"({instance.working_days!r}) or months ({value!r})"
        )


@attrs.frozen
class RepresentationsStep:
    """One time limit of the representations procedure.

    Attributes:
        key: a stable identifier, e.g. ``"stage-2-investigation"``.
        stage: 1, 2 or 3 (making the representations counts as stage 1).
        description: what must happen by the deadline.
        working_days: the time limit in working days, or ``None`` for a limit in months.
        extended_working_days: the longest time limit when extended, or ``None``.
        trigger: the event that starts the clock, in words.
        source: the regulation, as a [`Citation`][care_justice_protocol.Citation].
        months: the time limit in calendar months (``None`` for a limit in working days).
        or_as_soon_as_reasonably_practicable: whether the limit is qualified by "or as
            soon as is reasonably practicable" (the due date is still the day count's; a
            later date may be lawful, which the library cannot judge).
        late_discretion: for a limit the local authority may waive, the conditions, in
            words; otherwise ``None``.

    Examples:
        >>> step = REPRESENTATIONS_PROCEDURE["stage-1-local-resolution"]
        >>> step.source.place, step.citation
        ('reg 14', 'Children Act 1989 Representations Procedure (England) Regulations 2006 reg 14')
        >>> REPRESENTATIONS_PROCEDURE["stage-3-panel-report"].or_as_soon_as_reasonably_practicable
        True
    """

    key: str
    stage: int
    description: str
    working_days: int | None
    extended_working_days: int | None
    trigger: str
    source: Citation
    months: int | None = attrs.field(default=None, kw_only=True, validator=_limit_validator)
    or_as_soon_as_reasonably_practicable: bool = attrs.field(
        default=False, kw_only=True, validator=_flag
    )
    late_discretion: str | None = attrs.field(default=None, kw_only=True)

    @property
    def citation(self) -> str:
        """[`source`][care_justice_protocol.RepresentationsStep] as text, as deadlines and docs show
        it."""
        return str(self.source)

    def limit(self) -> str:
        """The time limit in words: ``"one year"``, ``"10 working days (extendable to 20)"``."""
        if self.months is not None:
            text = "one year" if self.months == 12 else f"{self.months} months"
        else:
            text = f"{self.working_days} working days"
        if self.extended_working_days is not None:
            text += f" (extendable to {self.extended_working_days})"
        return text

    def describe(self) -> str:
        """The step in one line: stage, what, limit, trigger, qualifier, discretion, provision.

        Examples:
            >>> print(REPRESENTATIONS_PROCEDURE["stage-3-panel-report"].describe())
            stage 3: the panel sends its report and recommendations: 5 working days after
            the panel meeting, or as soon as is reasonably practicable (Children Act 1989
            Representations Procedure (England) Regulations 2006 reg 20)
        """
        text = f"stage {self.stage}: {self.description}: {self.limit()} after {self.trigger}"
        if self.or_as_soon_as_reasonably_practicable:
            text += f", {OR_AS_SOON_AS_REASONABLY_PRACTICABLE}"
        if self.late_discretion is not None:
            text += f"; {self.late_discretion}"
        return f"{text} ({self.citation})"

    def deadline(
        self, trigger: date, calendar: WorkingCalendar, *, extended: bool = False
    ) -> Deadline:
        """The due date for a clock started on ``trigger``.

        Args:
            trigger: the date of the triggering event.
            calendar: the working-day calendar (England, without local closures, for the
                statutory definition); not used by a limit in months.
            extended: use the extended limit (raises if this step has none).

        Examples:
            >>> from datetime import date
            >>> step = REPRESENTATIONS_PROCEDURE["stage-2-investigation"]
            >>> d = step.deadline(date(2026, 12, 18), WorkingCalendar.england())
            >>> d.due, d.rule
            (datetime.date(2027, 1, 27), '25 working days after the start of stage 2 on 2026-12-18')
            >>> d.clause
            'Children Act 1989 Representations Procedure (England) Regulations 2006 reg 17'
            >>> report = REPRESENTATIONS_PROCEDURE["stage-3-panel-report"]
            >>> print(report.deadline(date(2026, 6, 12), WorkingCalendar.england()).rule)
            5 working days after the panel meeting on 2026-06-12, or as soon as is
            reasonably practicable
        """
        if extended and self.extended_working_days is None:
            raise InvalidArgumentError(f"{self.key!r} has no extended time limit")
        day = check_date("trigger", trigger)
        if self.months is not None:
            d = MonthsAfter(self.months).deadline(
                day, clause=self.citation, trigger_name=self.trigger
            )
        else:
            days = self.extended_working_days if extended else self.working_days
            assert days is not None
            d = WorkingDaysAfter(days).deadline(
                day, calendar, clause=self.citation, trigger_name=self.trigger
            )
        rule = d.rule
        if extended:
            rule += " (extended limit)"
        if self.or_as_soon_as_reasonably_practicable:
            rule += f", {OR_AS_SOON_AS_REASONABLY_PRACTICABLE}"
        if self.late_discretion is not None:
            rule += f"; {self.late_discretion}"
        return attrs.evolve(d, rule=rule) if rule != d.rule else d


def _steps(*steps: RepresentationsStep) -> Mapping[str, RepresentationsStep]:
    return MappingProxyType({s.key: s for s in steps})


#: Every time limit of the procedure, in order, keyed by
#: [`RepresentationsStep.key`][care_justice_protocol.RepresentationsStep].
REPRESENTATIONS_PROCEDURE: Final = _steps(
    RepresentationsStep(
        "making-representations",
        1,
        "the complainant makes the representations",
        None,
        None,
        "the grounds for the representations arising",
        _reg("reg 9"),
        months=12,
        late_discretion=(
            "later ones may be considered if it would not have been reasonable to expect "
            "them within the time limit and they can still be considered effectively and "
            "fairly (reg 9)"
        ),
    ),
    RepresentationsStep(
        "stage-1-local-resolution",
        1,
        "respond to the representations by local resolution",
        10,
        20,
        "receipt of the representations",
        _reg("reg 14"),
    ),
    RepresentationsStep(
        "stage-2-investigation",
        2,
        "investigate and send the local authority's response",
        25,
        65,
        "the start of stage 2",
        _reg("reg 17"),
    ),
    RepresentationsStep(
        "stage-3-request",
        3,
        "the complainant asks for a review panel",
        20,
        None,
        "receipt of the stage 2 response",
        _reg("reg 18"),
    ),
    RepresentationsStep(
        "stage-3-panel-meets",
        3,
        "the review panel meets",
        30,
        None,
        "the local authority's receipt of the request for a review panel",
        _reg("reg 19(4)"),
    ),
    RepresentationsStep(
        "stage-3-panel-report",
        3,
        "the panel sends its report and recommendations",
        5,
        None,
        "the panel meeting",
        _reg("reg 20"),
        or_as_soon_as_reasonably_practicable=True,
    ),
    RepresentationsStep(
        "stage-3-authority-response",
        3,
        "the local authority sends its response to the panel's recommendations",
        15,
        None,
        "receipt of the panel's report",
        _reg("reg 20"),
        or_as_soon_as_reasonably_practicable=True,
    ),
)


def representations_deadline(
    key: str, trigger: date, calendar: WorkingCalendar, *, extended: bool = False
) -> Deadline:
    """The due date of the step ``key`` for a clock started on ``trigger``.

    Raises:
        InvalidArgumentError: an unknown step (the message lists the known ones).

    Examples:
        >>> from datetime import date
        >>> representations_deadline("stage-1-local-resolution", date(2026, 12, 18),
        ...                          WorkingCalendar.england()).due
        datetime.date(2027, 1, 6)
    """
    step = REPRESENTATIONS_PROCEDURE.get(key)
    if step is None:
        known = ", ".join(repr(k) for k in REPRESENTATIONS_PROCEDURE)
        raise InvalidArgumentError(f"unknown representations step {key!r}; use one of {known}")
    return step.deadline(trigger, calendar, extended=extended)


def representations_timetable(
    received: date,
    calendar: WorkingCalendar,
    *,
    stage_2_started: date | None = None,
    stage_2_response_received: date | None = None,
    panel_requested: date | None = None,
    panel_met: date | None = None,
    panel_report_received: date | None = None,
    extended: frozenset[str] = frozenset(),
    grounds_arose: date | None = None,
) -> list[Deadline]:
    """The due dates of every step whose trigger has happened, in procedure order.

    Each step's clock starts on the recorded date of its own trigger, so a late step
    never shifts an earlier one; steps whose trigger is not recorded are left out.

    Args:
        received: the day the representations were received (starts stage 1).
        calendar: the working-day calendar.
        stage_2_started: the start of stage 2.
        stage_2_response_received: the complainant's receipt of the stage 2 response.
        panel_requested: the local authority's receipt of the request for a panel.
        panel_met: the day the panel met.
        panel_report_received: the local authority's receipt of the panel's report.
        extended: the keys of steps whose time limit was extended.
        grounds_arose: the day the grounds for the representations arose (starts the
            one-year limit for making them, reg 9).

    Examples:
        >>> from datetime import date
        >>> cal = WorkingCalendar.england()
        >>> for d in representations_timetable(date(2026, 3, 2), cal,
        ...                                    stage_2_started=date(2026, 3, 20)):
        ...     print(d.due, d.clause[-6:])
        2026-03-16 reg 14
        2026-04-28 reg 17
    """
    unknown = set(extended) - set(REPRESENTATIONS_PROCEDURE)
    if unknown:
        raise InvalidArgumentError(f"unknown representations steps in extended: {sorted(unknown)}")
    triggers: dict[str, date | None] = {
        "making-representations": grounds_arose,
        "stage-1-local-resolution": received,
        "stage-2-investigation": stage_2_started,
        "stage-3-request": stage_2_response_received,
        "stage-3-panel-meets": panel_requested,
        "stage-3-panel-report": panel_met,
        "stage-3-authority-response": panel_report_received,
    }
    out: list[Deadline] = []
    for key, step in REPRESENTATIONS_PROCEDURE.items():
        trigger = triggers[key]
        if trigger is not None:
            out.append(step.deadline(trigger, calendar, extended=key in extended))
    return out
