"""Parties outside their dates of existence: events naming a service on a day it did not exist.

A protocol's vocabulary gives each service the days it existed
(``vocabulary.services[id].period``); Salford's NPS and CRC ended on 25 June 2021, the
Probation Service began on 26 June 2021. An event whose service-valued field names a
service on a day outside its period is allowed (the record may be right about what was
done and wrong about who did it) but probably wrong: loading a document warns about
each such event ([`CareJusticeWarning`][care_justice_protocol.CareJusticeWarning]), or refuses the
document in strict mode. Messages hold ids, paths and event dates only.

One event is not a problem: the ``from_service`` of a ``case-transferred`` to the
service's declared successor on the successor's first day (NPS or CRC to the Probation
Service on 26 June 2021) records the handover itself, not work by a service that had
ceased (policy ``HANDOVER_ON_SUCCESSORS_FIRST_DAY``).
"""

from __future__ import annotations

import ast
import functools
import warnings
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, Final

from .._errors import CrossCheckWarning, ValidationError
from ..model._constraints import Choice, Many, Maybe, fields_of
from ..model._entities import SERVICE_PERIODS, Service, ServicePeriod
from ..model._events import Caseload, DeclaredEvent, JointCase
from ..protocols._rules import Protocol
from ..protocols._vocabulary import FieldKind, merge_vocabularies

__all__ = ["HANDOVER_ON_SUCCESSORS_FIRST_DAY", "check_case", "check_caseload", "existence_problem"]

#: The one reading allowed: a transfer from a service to its successor dated the day
#: after the service ended is the handover (quoted in the interpretation page).
HANDOVER_ON_SUCCESSORS_FIRST_DAY: Final = "handover-on-successors-first-day"

#: (field name, whether it holds a list) for each service-valued field of an event class.
_Fields = tuple[tuple[str, bool], ...]
_NONE: Final[_Fields] = ()


@functools.cache
def _service_fields(cls: type) -> _Fields:
    """The service-valued fields of the core event class *cls* (computed once per class)."""
    out = []
    for f in fields_of(cls):
        shape = f.shape
        if isinstance(shape, Maybe):
            shape = shape.inner
        many = isinstance(shape, Many)
        if isinstance(shape, Many):
            shape = shape.item
        if isinstance(shape, Choice) and shape.type is Service:
            out.append((f.alias, many))
    return tuple(out)


def existence_problem(service: object, day: date, period: ServicePeriod) -> str | None:
    """Why *service* could not be named on *day* (``None``: it existed then).

    Examples:
        >>> crc = ServicePeriod(None, date(2021, 6, 25))
        >>> existence_problem("crc", date(2021, 7, 1), crc)
        'crc ceased to exist on 2021-06-25: an event on 2021-07-01 names it'
        >>> existence_problem("crc", date(2021, 6, 25), crc) is None
        True
    """
    name = str.__str__(service) if isinstance(service, str) else str(service)
    if period.end is not None and day > period.end:
        return (
            f"{name} ceased to exist on {period.end.isoformat()}: an event on "
            f"{day.isoformat()} names it"
        )
    if period.start is not None and day < period.start:
        return (
            f"{name} did not exist until {period.start.isoformat()}: an event on "
            f"{day.isoformat()} names it"
        )
    return None


@functools.lru_cache(maxsize=16)
def _periods(
    protocols: tuple[Protocol, ...],
) -> tuple[Mapping[str, ServicePeriod], Any, Mapping[str, str]]:
    """The bounded periods, the service fields of declared event types, the successors."""
    vocabulary = merge_vocabularies((p.id, p.vocabulary) for p in protocols)
    bounded = {
        sid: term.period
        for sid, term in vocabulary.services.items()
        if term.period.start is not None or term.period.end is not None
    }
    declared = {
        tag: tuple((f.name, f.many) for f in spec.fields if f.kind is FieldKind.SERVICE)
        for tag, spec in vocabulary.event_types.items()
    }
    successors = {
        sid: term.successor for sid, term in vocabulary.services.items() if term.successor
    }
    return bounded, declared, successors


def _handover(event: Any, name: str, period: ServicePeriod, successors: Mapping[str, str]) -> bool:
    """A transfer from a service to its successor on the day after the service ended."""
    return (
        name == "from_service"
        and event.type == "case-transferred"
        and period.end is not None
        and event.on == period.end + timedelta(days=1)
        and successors.get(event.from_service) == event.to_service
    )


@functools.cache
def _model_periods() -> tuple[Mapping[str, ServicePeriod], Any, Mapping[str, str]]:
    """The model's own dates ([`SERVICE_PERIODS`][care_justice_protocol.SERVICE_PERIODS], the
    bundled protocols' vocabulary).

    A service's successor is the one that began the day after it ended (NPS and CRC: the
    Probation Service); tests check these agree with the bundled protocol files.
    """
    bounded = {
        str(s): p for s, p in SERVICE_PERIODS.items() if p.start is not None or p.end is not None
    }
    successors = {
        sid: nxt
        for sid, p in bounded.items()
        if p.end is not None
        for nxt, q in bounded.items()
        if q.start is not None and q.start == p.end + timedelta(days=1)
    }
    return bounded, {}, successors


def _lookup(
    protocols: Protocol | Iterable[Protocol] | None,
) -> tuple[Mapping[str, ServicePeriod], Any, Mapping[str, str]]:
    if protocols is None:
        return _model_periods()
    given = (protocols,) if isinstance(protocols, Protocol) else tuple(protocols)
    return _periods(given)


def _case_problems(
    case: JointCase,
    prefix: str,
    bounded: Mapping[str, ServicePeriod],
    declared: Mapping[str, _Fields],
    successors: Mapping[str, str],
) -> list[str]:
    out: list[str] = []
    fields_by_class: dict[type, _Fields] = {}
    for index, event in enumerate(case.events):
        cls: type = type(event)
        fields = fields_by_class.get(cls)
        if fields is None:
            fields = fields_by_class[cls] = () if cls is DeclaredEvent else _service_fields(cls)
        if cls is DeclaredEvent:
            values: Mapping[str, Any] = event.values  # type: ignore[union-attr]
            fields = declared.get(event.type, _NONE)
            if not fields:
                continue
        elif not fields:
            continue
        for name, many in fields:
            value = values.get(name) if cls is DeclaredEvent else getattr(event, name)
            if value is None:
                continue
            if not many:
                period = bounded.get(value)
                if period is not None and not period.contains(event.on):
                    out += _problem(case, event, index, prefix, name, None, value, period,
                                    successors)  # fmt: skip
                continue
            for position, service in enumerate(value):
                period = bounded.get(service)
                if period is not None and not period.contains(event.on):
                    out += _problem(case, event, index, prefix, name, position, service, period,
                                    successors)  # fmt: skip
    return out


def _problem(
    case: JointCase,
    event: Any,
    index: int,
    prefix: str,
    name: str,
    position: int | None,
    service: object,
    period: ServicePeriod,
    successors: Mapping[str, str],
) -> list[str]:
    """The message for one service named outside its dates (none for a handover)."""
    problem = existence_problem(service, event.on, period)
    if problem is None or _handover(event, name, period, successors):
        return []
    at = f"{prefix}.events[{index}].{name}" + ("" if position is None else f"[{position}]")
    return [f"{problem} @ {at} (case {case.case_id!r})"]


def _report(problems: list[str], what: str, strict: bool, stacklevel: int) -> None:
    if not problems:
        return
    if strict:
        raise ValidationError(problems, what=what)
    for problem in problems:
        warnings.warn(_warning(problem), stacklevel=stacklevel + 1)


def _warning(problem: str) -> CrossCheckWarning:
    """The structured warning of one problem line ``"message @ path (case 'id')"``."""
    _, _, where = problem.rpartition(" @ ")
    path, _, case = where.partition(" (case ")
    case_id = ast.literal_eval(case[:-1]) if case.endswith(")") else None
    return CrossCheckWarning(problem, code="service-outside-dates", path=path, case_id=case_id)


def check_caseload(
    caseload: Caseload,
    protocols: Protocol | Iterable[Protocol] | None = None,
    *,
    strict: bool = False,
    stacklevel: int = 2,
) -> list[str]:
    """Warn about (or, *strict*, refuse) every event naming a service outside its dates.

    Returns:
        The problems found, each ``"message @ $.path (case 'id')"``.

    Raises:
        ValidationError: in strict mode, listing every one.
    """
    bounded, declared, successors = _lookup(protocols)
    if not bounded:
        return []
    problems: list[str] = []
    for index, case in enumerate(caseload.cases):
        problems += _case_problems(case, f"$.cases[{index}]", bounded, declared, successors)
    problems += _partnership_problems(caseload, bounded)
    _report(problems, "caseload", strict, stacklevel)
    return problems


def _partnership_problems(caseload: Caseload, bounded: Mapping[str, ServicePeriod]) -> list[str]:
    """The same check for the management meetings and QA records of a caseload: a meeting's
    ``services`` and ``notes_taken_by``, a QA record's ``services``."""
    out: list[str] = []
    records: tuple[tuple[str, Iterable[Any]], ...] = (
        ("management_meetings", caseload.management_meetings),
        ("quality_assurance", caseload.quality_assurance),
    )
    for key, items in records:
        for index, record in enumerate(items):
            named = [(f"services[{i}]", s) for i, s in enumerate(record.services)]
            taker = getattr(record, "notes_taken_by", None)
            if taker is not None:
                named.append(("notes_taken_by", taker))
            for at, service in named:
                period = bounded.get(service)
                if period is None or period.contains(record.on):
                    continue
                problem = existence_problem(service, record.on, period)
                if problem is not None:
                    out.append(f"{problem} @ $.{key}[{index}].{at}")
    return out


def check_case(
    case: JointCase,
    protocols: Protocol | Iterable[Protocol] | None = None,
    *,
    strict: bool = False,
    stacklevel: int = 2,
) -> list[str]:
    """As ``check_caseload``, for a single-case document (paths from ``$``)."""
    bounded, declared, successors = _lookup(protocols)
    if not bounded:
        return []
    problems = _case_problems(case, "$", bounded, declared, successors)
    _report(problems, "case", strict, stacklevel)
    return problems
