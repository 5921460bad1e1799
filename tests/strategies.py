"""Hypothesis strategies for the project's own suite: plural nouns, each producing valid values.

They are the testing kit's (:mod:`care_justice_protocol.testing`) derivation from the
attrs classes, with one difference: dates range over every day :class:`datetime.date`
can hold (biased towards the years the protocols are in force), because the
serialisation and validation tests must cover year 1 and year 9999. The kit's public
strategies keep dates inside the years a calendar knows, so their cases can be evaluated.

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
from care_justice_protocol.testing import identifiers as _kit_identifiers
from care_justice_protocol.testing._strategies import _Derive

T = TypeVar("T")

__all__ = [
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


def dates() -> st.SearchStrategy[date]:
    """Any calendar day, biased towards the years the protocols are in force."""
    return st.one_of(st.dates(date(2015, 1, 1), date(2035, 12, 31)), st.dates())


_DERIVE = _Derive(dates())


def identifiers(min_size: int = 1, max_size: int = 64) -> st.SearchStrategy[str]:
    """Identifiers: any text (no lone surrogates) within the length limits."""
    return _kit_identifiers(min_size, min(max_size, 20))


def instances(cls: type[T]) -> st.SearchStrategy[T]:
    """Valid instances of any entity or event class of the domain model."""
    return _DERIVE.instances(cls)


def staff_members() -> st.SearchStrategy[StaffMember]:
    """Staff members (names sometimes given)."""
    return instances(StaffMember)


def young_people() -> st.SearchStrategy[YoungPerson]:
    """Young people in any care and legal status."""
    return instances(YoungPerson)


def meetings() -> st.SearchStrategy[Meeting]:
    """Management meetings."""
    return instances(Meeting)


def quality_assurance_records() -> st.SearchStrategy[QualityAssuranceRecord]:
    """Quality assurance records."""
    return instances(QualityAssuranceRecord)


def events(*types: type[CaseEvent]) -> st.SearchStrategy[Event]:
    """Events of the given types (all types when none are given)."""
    return _DERIVE.events(*types)


def cases(max_events: int = 8) -> st.SearchStrategy[JointCase]:
    """Joint cases with up to *max_events* events and staff with unique ids."""
    return _DERIVE.cases(max_events)


def caseloads(max_cases: int = 3) -> st.SearchStrategy[Caseload]:
    """Caseloads with up to *max_cases* cases (unique case ids) and some meetings."""
    return _DERIVE.caseloads(max_cases)
