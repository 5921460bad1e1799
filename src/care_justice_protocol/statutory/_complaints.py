"""The Children Act 1989 representations (complaints) procedure, as data with due dates.

3.14.13 sends a complaint by a young person or carer to the agency's own complaints
procedure. For a local authority's children's services (Next Step) that is the statutory
procedure of the Children Act 1989 ss.24D and 26 and the Children Act 1989
Representations Procedure (England) Regulations 2006 (SI 2006/1738), in three stages:

1. local resolution - 10 working days, extendable to 20 (reg 14);
2. investigation - 25 working days, extendable to 65 (reg 17);
3. review panel - the complainant asks within 20 working days of the stage 2 response
   (reg 18); the panel meets within 30 working days of the request (reg 19(4)); the panel
   reports within 5 working days of meeting; the local authority responds within 15
   working days of the report (reg 20).

The regulations define a working day as any day other than a Saturday, Sunday, Christmas
Day, Boxing Day, Good Friday or bank holiday under the Banking and Financial Dealings Act
1971 (reg 2) - which is what :meth:`WorkingCalendar.england` computes. A council's own
closure days are *not* statutory non-working days: use a calendar without them for
statutory deadlines.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import Final

import attrs

from .._checks import check_date
from .._errors import InvalidArgumentError
from ..calendar._deadlines import Deadline, WorkingDaysAfter
from ..calendar._working_days import WorkingCalendar
from ..model._citation import Citation

__all__ = [
    "REPRESENTATIONS_PROCEDURE",
    "RepresentationsStep",
    "representations_deadline",
    "representations_timetable",
]

_REGS: Final = "Children Act 1989 Representations Procedure (England) Regulations 2006"


def _reg(place: str) -> Citation:
    return Citation(_REGS, place)


@attrs.frozen
class RepresentationsStep:
    """One time limit of the representations procedure.

    Attributes:
        key: a stable identifier, e.g. ``"stage-2-investigation"``.
        stage: 1, 2 or 3.
        description: what must happen by the deadline.
        working_days: the time limit.
        extended_working_days: the longest time limit when extended, or ``None``.
        trigger: the event that starts the clock, in words.
        source: the regulation, as a :class:`~care_justice_protocol.model.Citation`.

    Example:
        >>> step = REPRESENTATIONS_PROCEDURE["stage-1-local-resolution"]
        >>> step.source.place, step.citation
        ('reg 14', 'Children Act 1989 Representations Procedure (England) Regulations 2006 reg 14')
    """

    key: str
    stage: int
    description: str
    working_days: int
    extended_working_days: int | None
    trigger: str
    source: Citation

    @property
    def citation(self) -> str:
        """:attr:`source` as text, as deadlines and docs show it."""
        return str(self.source)

    def deadline(
        self, trigger: date, calendar: WorkingCalendar, *, extended: bool = False
    ) -> Deadline:
        """The due date for a clock started on ``trigger``.

        Args:
            trigger: the date of the triggering event.
            calendar: the working-day calendar (England, without local closures, for the
                statutory definition).
            extended: use the extended limit (raises if this step has none).

        Examples:
            >>> from datetime import date
            >>> step = REPRESENTATIONS_PROCEDURE["stage-2-investigation"]
            >>> d = step.deadline(date(2026, 12, 18), WorkingCalendar.england())
            >>> d.due, d.rule
            (datetime.date(2027, 1, 27), '25 working days after the start of stage 2 on 2026-12-18')
            >>> d.clause
            'Children Act 1989 Representations Procedure (England) Regulations 2006 reg 17'
        """
        if extended and self.extended_working_days is None:
            raise InvalidArgumentError(f"{self.key!r} has no extended time limit")
        days = self.extended_working_days if extended else self.working_days
        assert days is not None
        d = WorkingDaysAfter(days).deadline(
            check_date("trigger", trigger),
            calendar,
            clause=self.citation,
            trigger_name=self.trigger,
        )
        if extended:
            d = attrs.evolve(d, rule=f"{d.rule} (extended limit)")
        return d


def _steps(*steps: RepresentationsStep) -> Mapping[str, RepresentationsStep]:
    return MappingProxyType({s.key: s for s in steps})


#: Every time limit of the procedure, in order, keyed by :attr:`RepresentationsStep.key`.
REPRESENTATIONS_PROCEDURE: Final = _steps(
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
    ),
    RepresentationsStep(
        "stage-3-authority-response",
        3,
        "the local authority sends its response to the panel's recommendations",
        15,
        None,
        "receipt of the panel's report",
        _reg("reg 20"),
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
