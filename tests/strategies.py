"""Hypothesis strategies for the project's own suite: plural nouns, each producing valid values.

They are the testing kit's (:mod:`care_justice_protocol.testing`) derivation from the
attrs classes. Dates are drawn where the rules are used: by default every date field
takes :func:`dates`, the kit's range (2010-01-01 to 2040-12-31: around the years the
protocols are in force, well inside the years the England & Wales bank-holiday table
knows, 1872-2100). So a generated case can be evaluated, and a generated caseload's
partnership schedule (quarters and half-years from its earliest date) is a few dozen
periods, not the 40,000 quarters from year 1.

A test that needs the extremes of :class:`datetime.date` (a round trip of year 1 or
year 9999, a calendar range error) asks for them explicitly: every strategy here takes
``dates=`` (e.g. ``caseloads(dates=any_dates())``).

* :func:`dates` (the default range, or explicit bounds), :func:`any_dates` (every day)
* :func:`staff_members`, :func:`young_people`, :func:`meetings`,
  :func:`quality_assurance_records`
* :func:`events` (any type, or those given), :func:`cases`, :func:`caseloads`
* :func:`instances` - any attrs class of the domain model
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from hypothesis import strategies as st

from care_justice_protocol.model._entities import (
    Meeting,
    QualityAssuranceRecord,
    StaffMember,
    YoungPerson,
)
from care_justice_protocol.model._events import CaseEvent, Caseload, Event, JointCase
from care_justice_protocol.testing import dates
from care_justice_protocol.testing import identifiers as _kit_identifiers
from care_justice_protocol.testing._strategies import _Derive

T = TypeVar("T")

__all__ = [
    "any_dates",
    "caseloads",
    "cases",
    "dates",
    "events",
    "identifiers",
    "instances",
    "meetings",
    "quality_assurance_records",
    "staff_members",
    "young_people",
]


def any_dates() -> st.SearchStrategy[date]:
    """Any day :class:`datetime.date` can hold (year 1 to 9999), half of them in 2015-2035.

    For tests of the extremes only: a caseload dated in year 1 has a partnership schedule
    of about 32,000 quarters, and no calendar knows its working days.
    """
    return st.one_of(dates(date(2015, 1, 1), date(2035, 12, 31)), st.dates())


_DEFAULT = _Derive(dates())


def _derive(day: st.SearchStrategy[date] | None) -> _Derive:
    return _DEFAULT if day is None else _Derive(day)


def identifiers(min_size: int = 1, max_size: int = 64) -> st.SearchStrategy[str]:
    """Identifiers: any text (no lone surrogates) within the length limits."""
    return _kit_identifiers(min_size, min(max_size, 20))


def instances(
    cls: type[T], *, dates: st.SearchStrategy[date] | None = None
) -> st.SearchStrategy[T]:
    """Valid instances of any entity or event class of the domain model."""
    return _derive(dates).instances(cls)


def staff_members() -> st.SearchStrategy[StaffMember]:
    """Staff members (names sometimes given)."""
    return instances(StaffMember)


def young_people(*, dates: st.SearchStrategy[date] | None = None) -> st.SearchStrategy[YoungPerson]:
    """Young people in any care and legal status."""
    return instances(YoungPerson, dates=dates)


def meetings(*, dates: st.SearchStrategy[date] | None = None) -> st.SearchStrategy[Meeting]:
    """Management meetings."""
    return instances(Meeting, dates=dates)


def quality_assurance_records(
    *, dates: st.SearchStrategy[date] | None = None
) -> st.SearchStrategy[QualityAssuranceRecord]:
    """Quality assurance records."""
    return instances(QualityAssuranceRecord, dates=dates)


def events(
    *types: type[CaseEvent], dates: st.SearchStrategy[date] | None = None
) -> st.SearchStrategy[Event]:
    """Events of the given types (all types when none are given)."""
    return _derive(dates).events(*types)


def cases(
    max_events: int = 8, *, dates: st.SearchStrategy[date] | None = None
) -> st.SearchStrategy[JointCase]:
    """Joint cases with up to *max_events* events and staff with unique ids."""
    return _derive(dates).cases(max_events)


def caseloads(
    max_cases: int = 3, *, dates: st.SearchStrategy[date] | None = None
) -> st.SearchStrategy[Caseload]:
    """Caseloads with up to *max_cases* cases (unique case ids) and some meetings."""
    return _derive(dates).caseloads(max_cases)
