"""Where held records come from when they come from a database: a row, and the days held.

The SSDA903 reader names a record by its file and row
([`Ssda903Row`][care_justice_protocol.Ssda903Row]) and the days its files hold by collection year
([`CollectionYear`][care_justice_protocol.CollectionYear]). The Standard Safeguarding Dataset reader
builds the same care histories from database tables, so it names a record by its table and key
([`SsdRow`][care_justice_protocol.SsdRow]) and the days the extract holds by one period
([`SsdPeriod`][care_justice_protocol.SsdPeriod]). The status rules read both alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar, Final

import attrs

from .._errors import CareJusticeError, InvalidArgumentError
from .._strict_json import MAX_PROBLEMS

__all__ = ["Problems", "ProblemsError", "SsdPeriod", "SsdRow", "shown_key"]


class ProblemsError(CareJusticeError, ValueError):
    """Input that cannot be read: every problem at once (the SSDA903 and SSD readers').

    Attributes:
        problems: the problems (at most [`MAX_PROBLEMS`][care_justice_protocol.MAX_PROBLEMS]).
        more: how many more problems were found and not listed.
    """

    #: What could not be read, the message's first words (``"invalid SSDA903 return"``).
    title: ClassVar[str] = "invalid input"

    def __init__(self, problems: Sequence[Any], more: int = 0) -> None:
        self.problems: tuple[Any, ...] = tuple(problems)
        self.more = more
        total = len(self.problems) + more
        noun = "problem" if total == 1 else "problems"
        lines = [f"  - {p}" for p in self.problems]
        if more:
            lines.append(f"  - ... and {more} more problems")
        super().__init__(f"{self.title}: {total} {noun}\n" + "\n".join(lines))

    @property
    def lines(self) -> tuple[str, ...]:
        """One line per problem (and one counting those not listed)."""
        out = tuple(str(p) for p in self.problems)
        return (*out, f"... and {self.more} more problems") if self.more else out


class Problems:
    """Problems found so far: the first [`MAX_PROBLEMS`][care_justice_protocol.MAX_PROBLEMS] kept,
    the rest counted."""

    def __init__(self, error: type[ProblemsError]) -> None:
        self.error = error
        self.kept: list[Any] = []
        self.more = 0

    def keep(self, problem: object) -> None:
        if len(self.kept) < MAX_PROBLEMS:
            self.kept.append(problem)
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.kept)

    def raise_if_any(self) -> None:
        if self.kept:
            raise self.error(self.kept, self.more)


_KEY_LIKE: Final = re.compile(r"[!-~]{1,64}")


def shown_key(key: object) -> str:
    """A key quoted when it looks like an id (printable, no spaces), else described.

    Examples:
        >>> shown_key("E17"), shown_key("Jane Smith")
        ("'E17'", 'a key of 10 characters')
    """
    if isinstance(key, str) and _KEY_LIKE.fullmatch(key):
        return repr(key)
    if isinstance(key, str):
        return f"a key of {len(key)} characters"
    return f"a key of type {type(key).__name__}"


@attrs.frozen(order=True)
class SsdRow:
    """Where a record came from: a table of the database and the row's key.

    Examples:
        >>> print(SsdRow("ssd_cla_episodes", "clae_cla_episode_id", "E17"))
        ssd_cla_episodes clae_cla_episode_id 'E17'
    """

    table: str
    key_column: str
    key: str

    def __str__(self) -> str:
        return f"{self.table} {self.key_column} {shown_key(self.key)}"


@attrs.frozen(order=True)
class SsdPeriod:
    """The days whose care a database extract holds: [`first_day`][care_justice_protocol.SsdPeriod]
    to [`last_day`][care_justice_protocol.SsdPeriod].

    Examples:
        >>> p = SsdPeriod(date(2020, 3, 31), date(2026, 3, 31))
        >>> str(p), p.contains(date(2020, 3, 30))
        ('2020-03-31 to 2026-03-31', False)
    """

    first_day: date
    last_day: date

    def __attrs_post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise InvalidArgumentError(
                f"the period held ends ({self.last_day.isoformat()}) before it begins "
                f"({self.first_day.isoformat()}): give a first day on or before the last"
            )

    def contains(self, day: date) -> bool:
        """Whether ``day`` is held."""
        return self.first_day <= day <= self.last_day

    def __str__(self) -> str:
        return f"{self.first_day.isoformat()} to {self.last_day.isoformat()}"
