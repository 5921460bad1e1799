"""Argument checks shared by every layer: dates, whole numbers, enum members, flags.

A foundation module (like ``care_justice_protocol._errors``): it imports nothing from
the package but the errors, and every layer may import it. Each check returns the value it
accepted (narrowed to its type), so callers write ``day = check_date("as_of", as_of)``.
Every message names the argument and, for enums, lists the allowed values.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable
from typing import Any, TypeVar

from ._errors import InvalidArgumentError, InvalidDateTypeError

__all__ = [
    "check_choice",
    "check_choices",
    "check_count",
    "check_date",
    "check_flag",
    "check_int",
    "date_validator",
]

_E = TypeVar("_E", bound=enum.Enum)


def check_date(argument: str, value: object) -> _dt.date:
    """Return ``value`` if it is a plain date (not a datetime), else raise.

    Raises:
        InvalidDateTypeError: for anything but a ``datetime.date``; a
            ``datetime.datetime`` is refused too (a deadline is a day, not an instant).

    Examples:
        >>> check_date("as_of", _dt.date(2026, 12, 1))
        datetime.date(2026, 12, 1)
        >>> check_date("as_of", "2026-12-01")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        care_justice_protocol...InvalidDateTypeError: as_of must be a datetime.date, not str: ...
    """
    if value.__class__ is _dt.date or (
        isinstance(value, _dt.date) and not isinstance(value, _dt.datetime)
    ):
        return value
    raise InvalidDateTypeError(argument, value)


def date_validator(_instance: object, attribute: Any, value: Any) -> None:
    """An attrs validator: the field must hold a plain date (see ``check_date``)."""
    check_date(attribute.name, value)


def check_int(argument: str, value: object) -> int:
    """Return ``value`` as an ``int`` (``bool`` refused), else raise ``InvalidArgumentError``."""
    if value.__class__ is int:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    raise InvalidArgumentError(f"{argument} must be an int, not {type(value).__name__}: {value!r}")


def check_count(argument: str, value: object, minimum: int = 0, maximum: int | None = None) -> int:
    """Return ``value`` if it is a whole number (an ``int``, not a ``bool``) in range.

    Raises:
        InvalidArgumentError: naming the argument and the range.

    Examples:
        >>> check_count("size", 3)
        3
        >>> check_count("months", 0, minimum=1)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        care_justice_protocol...InvalidArgumentError: months must be a whole number >= 1, got 0
        >>> check_count("start_month", 13, 1, 12)  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        care_justice_protocol...: start_month must be a whole number from 1 to 12, got 13
    """
    if value.__class__ is int and value >= minimum and (maximum is None or value <= maximum):
        return value
    wanted = f">= {minimum}" if maximum is None else f"from {minimum} to {maximum}"
    raise InvalidArgumentError(f"{argument} must be a whole number {wanted}, got {value!r}")


def check_flag(argument: str, value: object) -> bool:
    """Return ``value`` if it is ``True`` or ``False`` (not 0 / 1), else raise."""
    if value.__class__ is not bool:
        raise InvalidArgumentError(f"{argument} must be True or False, not {value!r}")
    return bool(value)


def check_choice(kind: type[_E], argument: str, value: object) -> _E:
    """``value`` as a member of ``kind``; its value (the JSON string) is accepted too.

    Raises:
        InvalidArgumentError: naming ``argument`` and every allowed value.

    Examples:
        >>> class Colour(enum.StrEnum):
        ...     RED = "red"
        >>> check_choice(Colour, "colour", "red")
        <Colour.RED: 'red'>
        >>> check_choice(Colour, "colour", "blue")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        care_justice_protocol...InvalidArgumentError: colour must be a Colour ('red'), not 'blue'
    """
    if isinstance(value, kind):
        return value
    try:
        return kind(value)
    except (ValueError, TypeError):
        allowed = ", ".join(repr(m.value) for m in kind)
        raise InvalidArgumentError(
            f"{argument} must be a {kind.__name__} ({allowed}), not {value!r}"
        ) from None


def check_choices(kind: type[_E], argument: str, values: object) -> tuple[_E, ...]:
    """Every item of a collection (not a string) as a member of ``kind``."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise InvalidArgumentError(f"{argument} must be a collection, not {values!r}")
    return tuple(check_choice(kind, argument, v) for v in values)
