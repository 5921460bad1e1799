"""The results document: what ``cjp check --format json`` prints and
[`load_results`][care_justice_protocol.load_results] reads.

A results document says what produced it and on what, then every result::

    {"schema_version": 1, "library_version": "...", "protocols": [...],
     "calendar": {...}, "as_of": "2026-11-25", "counts": {...},
     "results": [...], "refused": [...]}

Keys come in that order, always. Every empty value is ``null`` (a result's ``policy``
too, where it has none). A result with status ``due`` and ``due: null`` is due *before an
event not yet recorded* (a court hearing, a report, a sentence: "due before court-hearing,
not yet recorded: ..."); every ``overdue`` and ``good-practice-missed`` result has a
``due`` date.

Each result carries the source system's references where the caseload gave them:
``case_external_ref`` (the case's ``external_ref``, on every result of the case),
``trigger_external_ref`` and ``evidence_external_ref`` (those of the events that
triggered and discharged it), so that a council can write results back to its records.

>>> from datetime import date
>>> from care_justice_protocol import BUNDLED_PROTOCOLS, evaluate_caseload, example_caseload
>>> report = evaluate_caseload(example_caseload(), date(2026, 11, 25),
...                            protocol=BUNDLED_PROTOCOLS)
>>> doc = dump_results(report, protocols=BUNDLED_PROTOCOLS)
>>> list(doc)[:5]
['schema_version', 'library_version', 'protocols', 'calendar', 'as_of']
>>> load_results(doc).report == report
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Final

import attrs

from .._errors import ValidationError
from .._strict_json import (
    MAX_DOCUMENT_BYTES,
    MAX_PROBLEMS,
    StrictJSONError,
    cap_problems,
    strict_json_loads,
)
from .._version import __version__
from ..calendar._working_days import WorkingCalendar
from ..compliance._results import CaseloadReport, ObligationResult, RefusedCase, Status
from ..protocols._rules import Protocol, Strength
from ._schema import DATE_PATTERN, DRAFT, date_schema, schema_id

__all__ = [
    "RESULTS_SCHEMA_VERSION",
    "ResultsDocument",
    "dump_results",
    "dumps_results",
    "load_results",
    "results_json_schema",
]

#: The version of the results document format (``schema_version``).
RESULTS_SCHEMA_VERSION: Final = 1
#: The keys of a results document, in the order they are written.
_KEYS: Final = (
    "schema_version", "library_version", "protocols", "calendar", "as_of", "counts",
    "results", "refused",
)  # fmt: skip


@attrs.frozen
class ResultsDocument:
    """A results document read back by [`load_results`][care_justice_protocol.load_results].

    Attributes:
        schema_version: the format version (only 1 exists).
        library_version: the version of care_justice_protocol that wrote it.
        protocols: each protocol evaluated: ``{"id", "title", "versions"}`` (version ids).
        calendar: the calendar policy: ``{"bank_holidays", "weekend", "extra_closures"}``.
        report: the results (``as_of``, ``results``, ``refused``).
    """

    schema_version: int
    library_version: str
    protocols: tuple[Mapping[str, Any], ...]
    calendar: Mapping[str, Any]
    report: CaseloadReport


def _calendar(calendar: WorkingCalendar | None) -> dict[str, Any]:
    cal = WorkingCalendar.england() if calendar is None else calendar
    holidays = cal.bank_holidays
    return {
        "bank_holidays": None
        if holidays is None
        else f"{holidays.country}-{holidays.subdivision}"
        if holidays.subdivision
        else holidays.country,
        "weekend": sorted(cal.weekend),
        "extra_closures": sorted(d.isoformat() for d in cal.extra_closures),
    }


def _protocols(protocols: Protocol | Iterable[Protocol] | Any) -> list[dict[str, Any]]:
    given = getattr(protocols, "protocols", protocols)  # a Rulebook carries its protocols
    items = (given,) if isinstance(given, Protocol) else tuple(given)
    return [{"id": p.id, "title": p.title, "versions": [v.id for v in p.versions]} for p in items]


def results_head(
    report: CaseloadReport,
    protocols: Protocol | Iterable[Protocol] | Any = (),
    calendar: WorkingCalendar | None = None,
) -> dict[str, Any]:
    """Every key of the document before ``results``, in order (for writers that stream)."""
    if calendar is None:
        calendar = getattr(protocols, "calendar", None)
    return {
        "schema_version": RESULTS_SCHEMA_VERSION,
        "library_version": __version__,
        "protocols": _protocols(protocols),
        "calendar": _calendar(calendar),
        "as_of": report.as_of.isoformat(),
        "counts": {s.value: n for s, n in report.counts().items()},
    }


def dump_results(
    report: CaseloadReport,
    *,
    protocols: Protocol | Iterable[Protocol] | Any = (),
    calendar: WorkingCalendar | None = None,
) -> dict[str, Any]:
    """The results document of ``report`` as JSON-ready builtins.

    Args:
        report: the evaluation's report.
        protocols: the protocols evaluated (or the [`Rulebook`][care_justice_protocol.Rulebook],
            whose calendar is then used).
        calendar: the working-day calendar used (default: the rulebook's, else England
            and Wales).
    """
    return {
        **results_head(report, protocols, calendar),
        "results": [r.to_dict() for r in report.results],
        "refused": [r.to_dict() for r in report.refused],
    }


def dumps_results(
    report: CaseloadReport,
    *,
    protocols: Protocol | Iterable[Protocol] | Any = (),
    calendar: WorkingCalendar | None = None,
    indent: int | None = None,
) -> str:
    """[`dump_results`][care_justice_protocol.dump_results] as JSON text (compact unless ``indent``
    is given)."""
    separators = (",", ":") if indent is None else (",", ": ")
    doc = dump_results(report, protocols=protocols, calendar=calendar)
    return json.dumps(doc, ensure_ascii=False, indent=indent, separators=separators)


def load_results(
    data: bytes | str | Mapping[str, Any],
    *,
    max_bytes: int | None = MAX_DOCUMENT_BYTES,
    max_problems: int = MAX_PROBLEMS,
) -> ResultsDocument:
    """Read a results document back exactly (``load_results(dump_results(r)).report == r``).

    Args:
        data: JSON text or an already parsed mapping.
        max_bytes: the largest JSON text read (``None``: no bound).
        max_problems: the most problems an error lists, then a count of the others.

    Raises:
        ValidationError: listing every problem as ``"message @ $.path"`` (strict JSON:
            no duplicate keys, no ``NaN``; missing or extra keys, wrong types, a
            ``schema_version`` other than 1, counts that do not match the results).
    """
    if isinstance(data, bytes | bytearray | str):
        try:
            value: Any = strict_json_loads(
                bytes(data) if isinstance(data, bytearray) else data,
                max_bytes=max_bytes, max_problems=max_problems,
            )  # fmt: skip
        except StrictJSONError as exc:
            raise ValidationError(exc.errors, what="results") from None
    else:
        value = data
    problems: list[str] = []
    if not isinstance(value, Mapping):
        raise ValidationError([f"expected an object, got {type(value).__name__} @ $"],
                              what="results")  # fmt: skip
    problems += [f"required field missing @ $.{k}" for k in _KEYS if k not in value]
    extra = sorted(str(k) for k in value if k not in _KEYS)
    if extra:
        problems.append(f"extra fields found ({', '.join(map(repr, extra))}); allowed: "
                        f"{', '.join(_KEYS)} @ $")  # fmt: skip
    version = value.get("schema_version")
    if "schema_version" in value and (type(version) is not int or version != 1):
        problems.append(f"unsupported schema_version {version!r} (supported: 1) @ $.schema_version")
    if "library_version" in value and not isinstance(value["library_version"], str):
        problems.append("expected a string @ $.library_version")
    as_of: date | None = None
    raw = value.get("as_of")
    try:
        as_of = date.fromisoformat(raw) if isinstance(raw, str) and _is_date(raw) else None
    except ValueError:
        as_of = None
    if "as_of" in value and as_of is None:
        problems.append("expected a date YYYY-MM-DD @ $.as_of")
    protocols = value.get("protocols", [])
    if not isinstance(protocols, list) or not all(_protocol_ok(p) for p in protocols):
        problems.append("expected a list of {id, title, versions} objects @ $.protocols")
    calendar = value.get("calendar", {})
    if not isinstance(calendar, Mapping):
        problems.append("expected an object @ $.calendar")
    results: list[ObligationResult] = []
    rows = value.get("results", [])
    if not isinstance(rows, list):
        problems.append("expected a list @ $.results")
        rows = []
    for index, row in enumerate(rows):
        try:
            results.append(ObligationResult.from_dict(row, path=f"$.results[{index}]"))
        except ValidationError as error:
            problems += error.errors
    refused: list[RefusedCase] = []
    refusals = value.get("refused", [])
    if not isinstance(refusals, list):
        problems.append("expected a list @ $.refused")
        refusals = []
    for index, row in enumerate(refusals):
        try:
            refused.append(RefusedCase.from_dict(row, path=f"$.refused[{index}]"))
        except ValidationError as error:
            problems += error.errors
    counts = value.get("counts")
    if not problems and isinstance(counts, Mapping):
        real = {s.value: 0 for s in Status}
        for r in results:
            real[r.status.value] += 1
        if dict(counts) != real:
            problems.append(f"the counts do not match the results (they count {real}) @ $.counts")
    elif "counts" in value and not isinstance(counts, Mapping):
        problems.append("expected an object @ $.counts")
    if problems:
        raise ValidationError(cap_problems(problems, 0, max_problems), what="results")
    assert as_of is not None
    return ResultsDocument(
        schema_version=version,  # type: ignore[arg-type]
        library_version=value["library_version"],
        protocols=tuple(protocols),
        calendar=calendar,
        report=CaseloadReport(as_of, tuple(results), tuple(refused)),
    )


def _is_date(text: str) -> bool:
    """``YYYY-MM-DD`` (``date.fromisoformat`` alone also reads ``2026-W48-1``)."""
    return re.fullmatch(DATE_PATTERN, text) is not None


def _protocol_ok(p: object) -> bool:
    return (
        isinstance(p, Mapping)
        and set(p) == {"id", "title", "versions"}
        and isinstance(p["id"], str)
        and isinstance(p["title"], str)
        and isinstance(p["versions"], list)
        and all(isinstance(v, str) for v in p["versions"])
    )


_NULLABLE_STRING: Final = {"type": ["string", "null"]}


def _nullable_date() -> dict[str, Any]:
    return {**date_schema(), "type": ["string", "null"]}


def results_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a results document.

    Examples:
        >>> results_json_schema()["$id"]
        'https://care-justice-protocol.github.io/care_justice_protocol/schemas/results.schema.json'
    """
    result = {
        "type": "object",
        "description": "The status of one obligation for one case (case_id null: the "
        "partnership) on the as-of date. Empty values are null. A status of due with due "
        "null means due before an event not yet recorded (the explanation names it).",
        "additionalProperties": False,
        "required": list(attrs.fields_dict(ObligationResult)),
        "properties": {
            "case_id": _NULLABLE_STRING,
            "obligation": {"type": "string"},
            "clause": {"type": "string"},
            "status": {"enum": [s.value for s in Status]},
            "due": _nullable_date(),
            "trigger": _nullable_date(),
            "met_on": _nullable_date(),
            "evidence": _NULLABLE_STRING,
            "explanation": {"type": "string"},
            "rule": {"type": "string"},
            "policy": _NULLABLE_STRING,
            "period": _NULLABLE_STRING,
            "strength": {"enum": [s.value for s in Strength]},
            "case_external_ref": {
                **_NULLABLE_STRING,
                "description": "The case's external_ref (the source system's reference to "
                "the case), on every result of the case; null for the partnership and for a "
                "case without one.",
            },
            "trigger_external_ref": {
                **_NULLABLE_STRING,
                "description": "The external_ref of the event that triggered the obligation "
                "(the event dated trigger), if it has one.",
            },
            "evidence_external_ref": {
                **_NULLABLE_STRING,
                "description": "The external_ref of the event that discharged the "
                "obligation (the event dated met_on), if it has one.",
            },
        },
        "allOf": [
            {
                "if": {
                    "properties": {
                        "status": {"enum": ["overdue", "good-practice-missed", "met-late"]}
                    }
                },
                "then": {"properties": {"due": {"type": "string"}}},
            }
        ],
    }
    return {
        "$schema": DRAFT,
        "$id": schema_id("results"),
        "$comment": f"results document schema_version {RESULTS_SCHEMA_VERSION}",
        "title": "care_justice_protocol results document",
        "description": "What cjp check --format json prints and load_results reads: what "
        "produced the results (library, protocols and their versions, calendar), the date, "
        "the counts by status, every result, and the cases that could not be evaluated.",
        "type": "object",
        "additionalProperties": False,
        "required": list(_KEYS),
        "properties": {
            "schema_version": {"const": RESULTS_SCHEMA_VERSION},
            "library_version": {"type": "string"},
            "protocols": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["id", "title", "versions"],
                    "properties": {
                        "id": {"type": "string"},
                        "title": {"type": "string"},
                        "versions": {"type": "array", "items": {"type": "string"}},
                    },
                },
            },
            "calendar": {
                "type": "object",
                "description": "The working-day calendar: the bank holidays' source "
                "(e.g. GB-ENG, or null for none), the weekend days (Monday is 0) and any "
                "extra closure days.",
                "additionalProperties": False,
                "required": ["bank_holidays", "weekend", "extra_closures"],
                "properties": {
                    "bank_holidays": _NULLABLE_STRING,
                    "weekend": {
                        "type": "array",
                        "items": {"type": "integer", "minimum": 0, "maximum": 6},
                    },
                    "extra_closures": {"type": "array", "items": date_schema()},
                },
            },
            "as_of": date_schema(),
            "counts": {
                "type": "object",
                "additionalProperties": False,
                "required": [s.value for s in Status],
                "properties": {s.value: {"type": "integer", "minimum": 0} for s in Status},
            },
            "results": {"type": "array", "items": {"$ref": "#/$defs/ObligationResult"}},
            "refused": {
                "type": "array",
                "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["case_id", "path", "reason"],
                    "properties": {
                        "case_id": _NULLABLE_STRING,
                        "path": {"type": "string"},
                        "reason": {"type": "string"},
                    },
                },
            },
        },
        "$defs": {"ObligationResult": result},
    }
