"""The facts of a care history besides care episodes: detentions, orders, education.

The care-leaver rules and the review schedules read the same history:

* [`Detention`][care_justice_protocol.Detention] - a period in custody under a sentence, on remand
  to youth detention accommodation, or in hospital. It can make a child a relevant child (Care
  Leavers (England) Regulations 2010 reg 3(2)), it interrupts accommodation under section 20 but
  not a care order, and it can call for an earlier looked-after review (CPPCR 2010
  reg 33(3)(d));
* [`SpecialGuardianshipOrder`][care_justice_protocol.SpecialGuardianshipOrder] - the route into
  "qualifying" of the Children Act 1989 s.24(1A);
* [`EducationProgramme`][care_justice_protocol.EducationProgramme] - a programme of education or
  training a former relevant child pursues, which continues the leaving-care duties beyond 21
  (s.23C(7)) or brings them back until 25 (s.23CA).
"""

from __future__ import annotations

import enum
from datetime import date, timedelta

import attrs

from .._checks import check_choice, check_date, date_validator
from .._errors import InvalidArgumentError

__all__ = [
    "Detention",
    "DetentionKind",
    "EducationProgramme",
    "SpecialGuardianshipOrder",
]


class DetentionKind(enum.StrEnum):
    """What kind of detention a [`Detention`][care_justice_protocol.Detention] is."""

    CUSTODY = "custody"
    """Detained under a sentence (a detention and training order, or detention under the
    Sentencing Act 2020 ss.250, 259): "detained pursuant to an order of a court". It
    interrupts every care episode except one that keeps the child in care or authorised
    for adoption
    ([`LegalBasis.survives_custody`][care_justice_protocol.LegalBasis.survives_custody])."""

    YOUTH_DETENTION_REMAND = "youth-detention-remand"
    """Remanded to youth detention accommodation (LASPO 2012 s.91(4)). The child is looked
    after throughout (s.104(1)), whether or not a care episode records it."""

    HOSPITAL = "hospital"
    """In hospital. Whether the child stays looked after is what the care episodes say:
    a hospital stay never interrupts or adds care by itself."""

    @property
    def detained(self) -> bool:
        """Whether this is detention (custody or remand) rather than a hospital stay."""
        return self is not DetentionKind.HOSPITAL


def _to_kind(value: object) -> DetentionKind:
    return check_choice(DetentionKind, "kind", value)


def _check_optional(_: object, attribute: attrs.Attribute[date | None], value: object) -> None:
    if value is not None:
        check_date(attribute.name, value)


@attrs.frozen
class Detention:
    """A period in which a child is detained or in hospital.

    Attributes:
        start: the first day detained (or in hospital).
        release: the day the child ceases to be detained (or leaves hospital): the first
            day *not* detained. For a detention and training order, see
            [`dto_dates`][care_justice_protocol.dto_dates].
        kind: custody under a sentence (the default, as before this field existed),
            remand to youth detention accommodation, or hospital.

    Examples:
        >>> from datetime import date
        >>> d = Detention(date(2024, 2, 1), date(2024, 8, 1))
        >>> d.kind, d.last_day
        (<DetentionKind.CUSTODY: 'custody'>, datetime.date(2024, 7, 31))
        >>> Detention(date(2024, 2, 1), date(2024, 2, 1))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        care_justice_protocol..._errors.InvalidArgumentError: release (2024-02-01) must be \
after start (2024-02-01): release is the first day no longer detained
    """

    start: date = attrs.field(validator=date_validator)
    release: date = attrs.field(validator=date_validator)
    kind: DetentionKind = attrs.field(default=DetentionKind.CUSTODY, converter=_to_kind)

    def __attrs_post_init__(self) -> None:
        if self.release <= self.start:
            raise InvalidArgumentError(
                f"release ({self.release.isoformat()}) must be after start "
                f"({self.start.isoformat()}): release is the first day no longer detained"
            )

    @property
    def last_day(self) -> date:
        """The last day detained (the day before [`release`][care_justice_protocol.Detention])."""
        return self.release - timedelta(days=1)

    def covers(self, day: date) -> bool:
        """Whether the child is detained (or in hospital) on ``day``."""
        return self.start <= day < self.release


@attrs.frozen
class SpecialGuardianshipOrder:
    """A special guardianship order (Children Act 1989 s.14A), for s.24(1A).

    Attributes:
        made: the day the order was made.
        ended: the first day the order is no longer in force (revoked or discharged), or
            ``None`` while it is in force. From 18, s.24(1A) asks whether it was in
            force when the young person reached 18.

    Examples:
        >>> from datetime import date
        >>> SpecialGuardianshipOrder(date(2020, 5, 4)).in_force_on(date(2030, 1, 1))
        True
    """

    made: date = attrs.field(validator=date_validator)
    ended: date | None = attrs.field(default=None, validator=_check_optional)

    def __attrs_post_init__(self) -> None:
        if self.ended is not None and self.ended <= self.made:
            raise InvalidArgumentError(
                f"ended ({self.ended.isoformat()}) must be after made "
                f"({self.made.isoformat()}): ended is the first day the order is not in force"
            )

    def in_force_on(self, day: date) -> bool:
        """Whether the order is in force on ``day``."""
        return self.made <= day and (self.ended is None or day < self.ended)


@attrs.frozen
class EducationProgramme:
    """A programme of education or training that a former relevant child pursues.

    Attributes:
        start: the day the programme was set out in the pathway plan or, for s.23CA, the
            day the young person informed the authority that they are pursuing or wish to
            pursue it.
        end: the last day the programme is pursued, or ``None`` while it continues. An
            interruption the authority is satisfied will be followed by resuming "as soon
            as is reasonably practicable" is disregarded (s.23C(8)): record one programme
            across it.

    Examples:
        >>> from datetime import date
        >>> EducationProgramme(date(2028, 9, 1), date(2031, 6, 30)).pursued_on(date(2031, 7, 1))
        False
    """

    start: date = attrs.field(validator=date_validator)
    end: date | None = attrs.field(default=None, validator=_check_optional)

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise InvalidArgumentError(
                f"end ({self.end.isoformat()}) must be on or after start "
                f"({self.start.isoformat()}): end is the last day the programme is pursued"
            )

    def pursued_on(self, day: date) -> bool:
        """Whether the programme is being pursued on ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)
