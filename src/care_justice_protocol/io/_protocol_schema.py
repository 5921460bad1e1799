"""JSON Schema (draft 2020-12) of the protocol document format, for other systems and editors.

A protocol file is TOML or the same structure as JSON (docs/reference/protocol-format.md).
This schema describes the JSON form, dates as ``YYYY-MM-DD`` strings; ``cjp schema
--protocol`` prints it. It checks the *shape* of a document: every key, which keys are
required, the kinds of values and their bounds. What it cannot say is checked by the
loader ([`load_protocol`][care_justice_protocol.load_protocol]), which is the authority: that every
service, role, event type and field a rule names is declared, that versions do not
overlap, that ids are unique. A document the loader accepts always validates.

The keys and choices are read from the loader's own tables and enums, so the schema cannot
drift from what the loader reads.

>>> schema = protocol_json_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> schema["required"]
['format_version', 'protocol', 'versions']
>>> sorted(schema["$defs"]["due"]["properties"]["kind"]["enum"])[:3]
['before', 'by-the-day', 'calendar-days-after']
"""

from __future__ import annotations

from typing import Any, Final

from ..calendar._periods import PeriodPolicy
from ..model._entities import CareStatus
from ..protocols._document import (
    _OBLIGATION_OPTIONAL,
    _OBLIGATION_REQUIRED,
    _SHAPES,
    _TOP,
    FORMAT_VERSION,
)
from ..protocols._rules import Recurs, ReviewLaw, Strength, Window
from ..protocols._vocabulary import FIELD_PATTERN, RESERVED_FIELDS, TERM_PATTERN, FieldKind
from ._schema import DRAFT, date_schema, schema_id

__all__ = ["protocol_json_schema"]

#: The longest string a document may hold (the loader's limit).
_MAX_STRING: Final = 20_000
#: The most items of any one list (the loader's limit).
_MAX_ITEMS: Final = 2_000


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _array(items: dict[str, Any], *, min_items: int = 0) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "array", "items": items, "maxItems": _MAX_ITEMS}
    if min_items:
        out["minItems"] = min_items
    return out


def _table(required: tuple[str, ...], properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    missing = sorted(set(required) - set(properties))
    assert not missing, missing  # every required key is described
    return {
        "type": "object",
        "required": list(required),
        "properties": properties,
        "additionalProperties": False,
        **extra,
    }


def _int(low: int, high: int) -> dict[str, Any]:
    return {"type": "integer", "minimum": low, "maximum": high}


def _due() -> dict[str, Any]:
    simple = [k for k in _SHAPES if k in ("none", "on-the-day", "by-the-day")]
    kinds: list[dict[str, Any]] = [
        _table(("kind",), {"kind": {"enum": simple}}),
        _table(
            ("kind", "days"),
            {
                "kind": {"enum": ["working-days-after", "calendar-days-after"]},
                "days": _int(1, 3650),
            },
        ),
        _table(("kind", "months"), {"kind": {"const": "months-after"}, "months": _int(1, 1200)}),
        _table(
            ("kind", "months"),
            {
                "kind": {"const": "recurring"},
                "months": _int(1, 1200),
                "reading": {"enum": [p.value for p in PeriodPolicy]},
            },
        ),
        _table(("kind", "event"), {"kind": {"const": "before"}, "event": _ref("pattern")}),
    ]
    described = {k for item in kinds for k in _kinds(item)}
    assert described == set(_SHAPES), described ^ set(_SHAPES)
    return {
        "description": "The due-date rule, discriminated by its kind.",
        "type": "object",
        "required": ["kind"],
        "properties": {"kind": {"enum": list(_SHAPES)}},
        # if/then by kind (not oneOf): a bad key gives one error at its path
        "allOf": [
            {
                "if": {
                    "type": "object",
                    "properties": {"kind": item["properties"]["kind"]},
                    "required": ["kind"],
                },
                "then": item,
            }
            for item in kinds
        ],
    }


def _kinds(table: dict[str, Any]) -> list[str]:
    kind = table["properties"]["kind"]
    return list(kind["enum"]) if "enum" in kind else [kind["const"]]


def _defs() -> dict[str, Any]:
    term = {"type": "string", "pattern": f"^(?:{TERM_PATTERN.pattern})$", "maxLength": 64}
    words = {"type": "string", "minLength": 1, "maxLength": _MAX_STRING, "pattern": "\\S"}
    field_kinds = [k.value for k in FieldKind]
    field_name = {
        "type": "string",
        "pattern": f"^(?:{FIELD_PATTERN.pattern})$",
        "not": {"enum": sorted(RESERVED_FIELDS)},
    }
    value = {"anyOf": [{"type": "string"}, {"type": "boolean"}]}
    conditions = {
        "type": "object",
        "additionalProperties": {"anyOf": [value, _array(value, min_items=1)]},
    }
    obligation_props: dict[str, Any] = {
        "id": {
            "description": "'<protocol id>/...', no spaces.",
            "type": "string",
            "pattern": "^[^\\s/]+/\\S*$",
            "maxLength": 200,
        },
        "clause": _ref("text"),
        "summary": _ref("text"),
        "text": _ref("text"),
        "strength": {"enum": [v.value for v in Strength]},
        "strength_words": {
            **words,
            "description": "The words of the text that give the strength (in the text).",
        },
        "parties": _array(_ref("party"), min_items=1),
        "trigger": _ref("pattern"),
        "trigger_name": _ref("text"),
        "due": _ref("due"),
        "evidence": _ref("pattern"),
        "evidence_name": _ref("text"),
        "applies_if": {
            "if": {"type": "string"},
            "then": {"const": "joint-case"},
            "else": _array(_ref("pattern")),
            "description": "'joint-case' (the [joint_case] patterns) or a list of patterns.",
        },
        "applies_if_name": _ref("text"),
        "applies_when": {
            **_array(term),
            "description": "Conditions ([conditions.<id>]) that must hold on the trigger's day.",
        },
        "applies_when_name": _ref("text"),
        "trigger_from": {
            **term,
            "description": "A condition: the trigger is the last one on or before each day it "
            "started.",
        },
        "requires_icta": {"type": "boolean"},
        "window": {"enum": [w.value for w in Window]},
        "recurs": {"enum": [r.value for r in Recurs]},
        "until": {
            **_ref("pattern"),
            "description": "With a recurring due date: the event that ends the cycle.",
        },
        "law": {
            "enum": [w.value for w in ReviewLaw],
            "description": "With recurs 'next-due-by-law': the law that dates the next review.",
        },
        "versions": _array({"type": "string"}),
    }
    assert set(obligation_props) == {*_OBLIGATION_REQUIRED, *_OBLIGATION_OPTIONAL}
    return {
        "text": words,
        "term": term,
        "date": date_schema(),
        "party": {
            "description": "A declared service id, or '@<group>' for a group's members.",
            "anyOf": [term, {"type": "string", "pattern": f"^@(?:{TERM_PATTERN.pattern})$"}],
        },
        "pattern": _table(
            ("type",),
            {
                "type": {"type": "string", "minLength": 1},
                "where": conditions,
                "contains": conditions,
            },
            description="A pattern over case events: a type and field values.",
        ),
        "due": _due(),
        "field": {
            "description": "A field kind, or a table with its kind.",
            "if": {"type": "string"},
            "then": {"enum": field_kinds},
            "else": _table(
                ("kind",),
                {
                    "kind": {"enum": field_kinds},
                    "many": {"type": "boolean"},
                    "required": {"type": "boolean"},
                    "choices": _array(term, min_items=1),
                },
            ),
        },
        "version": _table(
            ("id", "label"),
            {
                "id": _ref("text"),
                "label": _ref("text"),
                "effective_from": _ref("date"),
                "effective_to": _ref("date"),
                "review_due": _ref("date"),
                "supersedes": {"type": "string"},
                "parties": _array(term, min_items=1),
            },
        ),
        "vocabulary": _table(
            (),
            {
                "services": {
                    "type": "object",
                    "propertyNames": term,
                    "additionalProperties": _table(
                        ("label",),
                        {
                            "label": _ref("text"),
                            "from": _ref("date"),
                            "to": _ref("date"),
                            "successor": term,
                        },
                    ),
                },
                "groups": {
                    "type": "object",
                    "propertyNames": {**term, "not": {"pattern": "^trigger"}},
                    "additionalProperties": _array(term, min_items=1),
                },
                **{
                    section: {
                        "type": "object",
                        "propertyNames": term,
                        "additionalProperties": _ref("text"),
                    }
                    for section in ("roles", "documents", "meeting_kinds")
                },
                "event_types": {
                    "type": "object",
                    "propertyNames": term,
                    "additionalProperties": _table(
                        ("summary", "fields"),
                        {
                            "summary": _ref("text"),
                            "fields": {
                                "type": "object",
                                "propertyNames": field_name,
                                "additionalProperties": _ref("field"),
                            },
                        },
                    ),
                },
            },
        ),
        "obligation": _table(
            _OBLIGATION_REQUIRED,
            obligation_props,
            # a list of patterns needs its name (a 'joint-case' takes [joint_case]'s)
            **{
                "if": {"required": ["applies_if"], "properties": {"applies_if": {"type": "array"}}},
                "then": {
                    "required": ["applies_if_name"],
                    "properties": {"applies_if_name": _ref("text")},
                },
            },
        ),
        "partnership": _table(
            (
                "id",
                "clause",
                "summary",
                "text",
                "strength",
                "strength_words",
                "parties",
                "recurrence",
            ),
            {
                "id": obligation_props["id"],
                "clause": _ref("text"),
                "summary": _ref("text"),
                "text": _ref("text"),
                "strength": obligation_props["strength"],
                "strength_words": obligation_props["strength_words"],
                "parties": _array(_ref("party"), min_items=1),
                "recurrence": _table(
                    ("months", "reading"),
                    {
                        "months": _int(1, 120),
                        "reading": {"enum": [p.value for p in PeriodPolicy]},
                        "year_start_month": _int(1, 12),
                    },
                ),
                "meeting_kind": term,
                "must_be_recorded": {"type": "boolean"},
                "notes_rotation": _array(_ref("party"), min_items=1),
                "notes_rotation_name": _ref("text"),
            },
            dependentRequired={"notes_rotation_name": ["notes_rotation"]},
        ),
        "rung": _table(
            ("state", "role", "clause", "quote"),
            {
                "state": term,
                "role": _ref("text"),
                "role_tag": term,
                "clause": _ref("text"),
                "quote": _ref("text"),
                "working_days": _int(1, 3650),
            },
        ),
        "ladder": _table(
            ("id", "title", "between", "before", "resolved", "rungs"),
            {
                "id": term,
                "title": _ref("text"),
                "between": _array(_ref("party"), min_items=1),
                "before": term,
                "resolved": term,
                "raise_note": _ref("text"),
                "resolved_note": _ref("text"),
                "rungs": _array(_ref("rung"), min_items=1),
            },
        ),
        "complaint": _table(
            ("id", "title", "clause", "before", "state", "description"),
            {
                "id": term,
                "title": _ref("text"),
                "clause": _ref("text"),
                "before": term,
                "state": term,
                "description": _ref("text"),
                "note": _ref("text"),
                "procedure": _ref("text"),
            },
        ),
        "condition": _table(
            ("name", "starts"),
            {
                "name": _ref("text"),
                "starts": _array(_ref("pattern"), min_items=1),
                "ends": _array(_ref("pattern")),
                "care_statuses": _array({"enum": [c.value for c in CareStatus]}),
            },
            description="A state of a case from one event to another (or for a care status).",
        ),
        "sharing": {
            "description": "A data-sharing declaration: what must be shared (required), or "
            "what may be shared between two parties (allowed_between).",
            "if": {
                "type": "object",
                "properties": {"allowed_between": True},
                "required": ["allowed_between"],
            },
            "then": _table(
                ("allowed_between", "under", "when"),
                {
                    "allowed_between": {**_array(_ref("party")), "minItems": 2, "maxItems": 2},
                    "under": {"type": "string"},
                    "when": _ref("text"),
                    "clause": _ref("text"),
                },
            ),
            "else": _table(
                ("required", "when"),
                {
                    "required": _array({"type": "string"}, min_items=1),
                    "when": _ref("text"),
                    "clause": _ref("text"),
                },
            ),
        },
    }


def protocol_json_schema() -> dict[str, Any]:
    """The JSON Schema of a protocol document (the JSON form of a protocol file).

    Returns:
        A new dict each call (safe to modify).
    """
    top = _table(
        ("format_version", "protocol", "versions"),
        {
            "format_version": {"const": FORMAT_VERSION},
            "protocol": _table(
                ("id", "title", "parties"),
                {
                    "id": {
                        "type": "string",
                        "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
                    },
                    "title": _ref("text"),
                    "source": _ref("text"),
                    "parties": _array(_ref("term"), min_items=1),
                },
            ),
            "versions": _array(_ref("version"), min_items=1),
            "vocabulary": _ref("vocabulary"),
            "joint_case": _table(
                ("name", "when"),
                {"name": _ref("text"), "when": _array(_ref("pattern"), min_items=1)},
            ),
            "obligations": _array(_ref("obligation")),
            "partnership": _array(_ref("partnership")),
            "ladders": _array(_ref("ladder")),
            "complaints": _array(_ref("complaint")),
            "sharing": _array(_ref("sharing")),
            "conditions": {
                "type": "object",
                "propertyNames": _ref("term"),
                "additionalProperties": _ref("condition"),
            },
            "not_encoded": _array(
                _table(
                    ("text", "clause", "reason"),
                    {"text": _ref("text"), "clause": _ref("text"), "reason": _ref("text")},
                    description="A passage of the text given no obligation, and why.",
                )
            ),
        },
    )
    assert list(top["properties"]) == list(_TOP)
    return {
        "$schema": DRAFT,
        "$id": schema_id("protocol"),
        "$comment": f"protocol document format_version {FORMAT_VERSION}",
        "title": "care_justice_protocol protocol document",
        "description": (
            "A protocol definition (TOML or JSON; this is the JSON form, dates as "
            "YYYY-MM-DD). The loader checks what a schema cannot: every reference against "
            "the declared vocabulary."
        ),
        **top,
        "$defs": _defs(),
    }
