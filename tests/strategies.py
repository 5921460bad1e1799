"""Hypothesis strategies for the domain model: plural nouns, each producing valid values.

The strategies are derived from the attrs classes (field types and the constraints in
their metadata), so every entity and event type is covered, including ones added later.

* :func:`staff_members`, :func:`young_people`, :func:`meetings`,
  :func:`quality_assurance_records`
* :func:`events` (any type, or those given), :func:`cases`, :func:`caseloads`
* :func:`instances` - any attrs class of the domain model
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from datetime import date
from typing import Any, TypeVar, Union, get_args, get_origin

import attrs
from hypothesis import strategies as st

from care_justice_protocol._entities import (
    CONSTRAINTS,
    Meeting,
    QualityAssuranceRecord,
    StaffMember,
    YoungPerson,
)
from care_justice_protocol._events import EVENT_TYPES, CaseEvent, Caseload, Event, JointCase

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

_TEXT_CHARACTERS = st.characters(exclude_categories=("Cs",))  # no lone surrogates


def dates() -> st.SearchStrategy[date]:
    """Any calendar day, biased towards the years the protocols are in force."""
    return st.one_of(st.dates(date(2015, 1, 1), date(2035, 12, 31)), st.dates())


def identifiers(min_size: int = 1, max_size: int = 64) -> st.SearchStrategy[str]:
    """Identifiers: any text (no lone surrogates) within the length limits."""
    return st.text(_TEXT_CHARACTERS, min_size=min_size, max_size=min(max_size, 20))


def _strategy(type_: Any, constraints: Mapping[str, Any]) -> st.SearchStrategy[Any]:
    origin, args = get_origin(type_), get_args(type_)
    if origin in (Union, type(int | None)) and type(None) in args:
        inner = next(arg for arg in args if arg is not type(None))
        return st.none() | _strategy(inner, constraints)
    if origin is tuple:
        item_constraints = {
            k: v for k, v in constraints.items() if k not in ("min_items", "unique")
        }
        return st.lists(
            _strategy(args[0], item_constraints),
            min_size=constraints.get("min_items", 0),
            max_size=max(4, constraints.get("min_items", 0)),
            unique=bool(constraints.get("unique")),
        ).map(tuple)
    if type_ is str:
        low, high = constraints.get("min_length", 0), constraints.get("max_length", 1000)
        if low:
            return identifiers(low, high)
        return st.text(_TEXT_CHARACTERS, max_size=min(high, 30))
    if type_ is bool:
        return st.booleans()
    if type_ is int:
        if "const" in constraints:
            return st.just(constraints["const"])
        return st.integers(min_value=constraints.get("minimum", -(10**6)), max_value=10**6)
    if type_ is date:
        return dates()
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return st.sampled_from(constraints.get("choices") or tuple(type_))
    if type_ == Event:
        return events()
    if attrs.has(type_):
        return instances(type_)
    raise TypeError(f"no strategy for {type_!r}")


@functools.cache
def _builds(cls: type[T]) -> st.SearchStrategy[T]:
    attrs.resolve_types(cls)
    fields = {
        field.alias: _strategy(field.type, field.metadata.get(CONSTRAINTS, {}))
        for field in attrs.fields(cls)  # type: ignore[misc]
    }
    return st.builds(cls, **fields)


def instances(cls: type[T]) -> st.SearchStrategy[T]:
    """Valid instances of any entity or event class of the domain model."""
    if cls is JointCase:
        return cases()  # type: ignore[return-value]
    if cls is Caseload:
        return caseloads()  # type: ignore[return-value]
    return _builds(cls)


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
    chosen = types or tuple(EVENT_TYPES.values())
    return st.one_of([_builds(cls) for cls in chosen])  # type: ignore[arg-type]


@st.composite
def cases(draw: st.DrawFn, max_events: int = 8) -> JointCase:
    """Joint cases with up to *max_events* events and staff with unique ids."""
    staff = draw(st.lists(staff_members(), max_size=3, unique_by=lambda member: member.id))
    return JointCase(
        case_id=draw(identifiers()),
        young_person=draw(young_people()),
        events=tuple(draw(st.lists(events(), max_size=max_events))),
        staff=tuple(staff),
    )


@st.composite
def caseloads(draw: st.DrawFn, max_cases: int = 3) -> Caseload:
    """Caseloads with up to *max_cases* cases (unique case ids) and some meetings."""
    return Caseload(
        cases=tuple(draw(st.lists(cases(), max_size=max_cases, unique_by=lambda c: c.case_id))),
        management_meetings=tuple(draw(st.lists(meetings(), max_size=2))),
        quality_assurance=tuple(draw(st.lists(quality_assurance_records(), max_size=2))),
    )
