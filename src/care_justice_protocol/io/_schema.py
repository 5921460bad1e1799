"""JSON Schema (draft 2020-12) for caseload and case documents, generated from the types.

The schema is derived by walking the attrs classes with
[`fields_of`][care_justice_protocol.model.fields_of], the walker the converter uses too, and
each field's [`Constraint`][care_justice_protocol.model.Constraint] gives its keywords, so
non-Python systems can validate documents before sending them.

>>> schema = caseload_json_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> schema["$defs"]["Service"]["enum"]
['next-step', 'yos', 'nps', 'crc', 'probation-service']
>>> schema["$defs"]["Allocated"]["properties"]["type"]
{'const': 'allocated'}
>>> schema["$id"]
'https://care-justice-protocol.github.io/care_justice_protocol/schemas/caseload.schema.json'

An event is discriminated by its ``type``: the ``Event`` definition lists every type
(``properties.type.enum``) and, for each, an ``if`` (the type is this one) / ``then`` (the
type's definition) in an ``allOf``. A validator therefore checks an event against its own
type only, and a bad field gives one error at the field's path (a bare ``oneOf`` would
give "is not valid under any of the given schemas" at the event):

>>> import json
>>> from importlib import resources
>>> from jsonschema import Draft202012Validator
>>> text = resources.files("care_justice_protocol.io.data").joinpath("example_caseload.json")
>>> document = json.loads(text.read_text(encoding="utf-8"))
>>> document["cases"][0]["events"][2]["on"] = "2026-02-30"
>>> validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
>>> [(e.json_path, e.message) for e in validator.iter_errors(document)]
[('$.cases[0].events[2].on', "'2026-02-30' is not a 'date'")]

Descriptions are plain text (docstrings through ``plain_text``: no markup).
"""

from __future__ import annotations

import copy
import enum
import inspect
import re
from datetime import date
from typing import Any, Final

from .._text import plain_text
from ..model._constraints import (
    EXTERNAL_REF,
    ID,
    Choice,
    Many,
    Maybe,
    Record,
    Scalar,
    Shape,
    Tagged,
    fields_of,
)
from ..model._events import SCHEMA_VERSION, CaseEvent, Caseload, JointCase
from ..protocols._rules import Protocol
from ..protocols._vocabulary import EventField, EventTypeSpec, FieldKind
from ._json import _VOCABULARY_ENUMS, _Lexicon, _lexicon, make_converter

__all__ = ["SCHEMA_BASE_URL", "case_json_schema", "caseload_json_schema", "schema_id"]

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
#: The regular expression every date string must match (before the calendar check).
DATE_PATTERN: Final = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
#: Where the schemas are published (the docs site); each schema's ``$id`` is a file here.
SCHEMA_BASE_URL: Final = "https://care-justice-protocol.github.io/care_justice_protocol/schemas/"


def schema_id(name: str) -> str:
    """The ``$id`` of the published schema ``name`` (``caseload``, ``results``, ...).

    >>> schema_id("results")
    'https://care-justice-protocol.github.io/care_justice_protocol/schemas/results.schema.json'
    """
    return f"{SCHEMA_BASE_URL}{name}.schema.json"


def date_schema() -> dict[str, Any]:
    """A date ``YYYY-MM-DD``: the pattern, and ``format: date`` only once the pattern holds.

    The ``format`` sits under ``if``/``then`` so that a malformed string gives one error
    (the pattern's), not two; a well-formed impossible date (``2026-02-30``) gives the
    format's, with a validator that checks formats.
    """
    return {
        "type": "string",
        "pattern": DATE_PATTERN,
        "if": {"pattern": DATE_PATTERN},
        "then": {"format": "date"},
    }


def _date_ref() -> dict[str, Any]:
    return {"$ref": "#/$defs/Date"}


def caseload_json_schema(*, protocols: Protocol | Any | None = None) -> dict[str, Any]:
    """The JSON Schema of a caseload document
    ([`load_caseload`][care_justice_protocol.load_caseload]'s input).

    Args:
        protocols: the protocols the documents are for, as
            [`load_caseload`][care_justice_protocol.load_caseload] takes them: the services, roles,
            documents and meeting kinds are then their declared terms, and the event types they
            declare are listed with the core ones.

    Returns:
        A new dict each call (safe to modify).

    Examples:
        >>> from care_justice_protocol import PROTOCOL_3_14_12
        >>> caseload_json_schema(protocols=PROTOCOL_3_14_12)["$defs"]["Service"]["enum"]
        ['yos', 'next-step']
    """
    builder = _Builder(_lexicon(protocols))
    builder.ref(Caseload)
    return {
        "$schema": DRAFT,
        "$id": schema_id("caseload"),
        "$comment": f"caseload document schema_version {SCHEMA_VERSION}",
        "title": "care_justice_protocol caseload document",
        "description": "A caseload: the joint cases (each with its young person, staff "
        "and events) that load_caseload reads. Dates are YYYY-MM-DD.",
        "$ref": "#/$defs/Caseload",
        "$defs": builder.defs,
    }


def case_json_schema(*, protocols: Protocol | Any | None = None) -> dict[str, Any]:
    """The JSON Schema of a single-case document ([`load_case`][care_justice_protocol.load_case]'s
    input).

    A case document is a joint case's fields plus ``schema_version``; ``protocols`` as for
    [`caseload_json_schema`][care_justice_protocol.caseload_json_schema].

    Returns:
        A new dict each call (safe to modify).
    """
    builder = _Builder(_lexicon(protocols))
    builder.ref(JointCase)
    case = copy.deepcopy(builder.defs["JointCase"])
    case["properties"] = {
        "schema_version": {"type": "integer", "const": SCHEMA_VERSION},
        **case["properties"],
    }
    case["required"] = ["schema_version", *case["required"]]
    return {
        "$schema": DRAFT,
        "$id": schema_id("case"),
        "$comment": f"case document schema_version {SCHEMA_VERSION}",
        "title": "care_justice_protocol case document",
        **{k: v for k, v in case.items() if k != "title"},
        "$defs": builder.defs,
    }


class _Builder:
    def __init__(self, lexicon: _Lexicon | None = None) -> None:
        self.defs: dict[str, Any] = {
            "Date": {"title": "Date", "description": "A date, YYYY-MM-DD.", **date_schema()}
        }
        self.converter = make_converter()
        self.lexicon = lexicon

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name first: definitions may recurse
            self.defs[name] = self.definition(cls)
        return {"$ref": f"#/$defs/{name}"}

    def definition(self, cls: type) -> dict[str, Any]:
        if issubclass(cls, enum.Enum):
            allowed = self.lexicon.allowed(cls) if self.lexicon is not None else None
            return {
                "title": cls.__name__,
                "description": _summary(cls)
                + ("" if allowed is None else " The terms the protocols declare."),
                # enum alone (its values are strings): a wrong value of any type is one error
                "enum": [member.value for member in cls] if allowed is None else list(allowed),
            }
        described: dict[str, str] = {}
        for base in reversed(cls.__mro__):
            described.update(_attribute_docs(base))
        properties: dict[str, Any] = {}
        required: list[str] = []
        if issubclass(cls, CaseEvent):
            properties["type"] = {"const": cls.type}
            required.append("type")
        for field in fields_of(cls):
            schema = self.shape_schema(field.shape)
            if field.name in described:
                schema = {"description": plain_text(described[field.name]), **schema}
            if field.required:
                required.append(field.name)
            else:
                schema["default"] = self.converter.unstructure(field.default)
            properties[field.name] = schema
        return {
            "title": cls.__name__,
            "description": _summary(cls),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }

    def shape_schema(self, shape: Shape) -> dict[str, Any]:
        match shape:
            case Maybe(inner):
                return _or_null(self.shape_schema(inner))
            case Many(item, constraint):
                return constraint.schema({"type": "array", "items": self.shape_schema(item)})
            case Scalar(type_, constraint):
                if type_ is bool:
                    return {"type": "boolean"}
                if type_ is date:
                    return _date_ref()
                return constraint.schema({"type": "string" if type_ is str else "integer"})
            case Choice(type_, members, restricted):
                if restricted:
                    return {"enum": [member.value for member in members]}
                return self.ref(type_)
            case Record(type_):
                return self.ref(type_)
            case Tagged(_, tags):
                if "Event" not in self.defs:
                    self.defs["Event"] = {}
                    declared = self.lexicon.declared if self.lexicon is not None else ()
                    options = {
                        **{tag: self.ref(cls) for tag, cls in tags.items()},
                        **{spec.type: self.declared(spec) for spec in declared},
                    }
                    self.defs["Event"] = {
                        "title": "Event",
                        "description": "A case event, discriminated by its type: the "
                        "definition of that type applies.",
                        "type": "object",
                        "required": ["type"],
                        "properties": {"type": {"enum": list(options)}},
                        "allOf": [
                            {
                                "if": {
                                    "type": "object",
                                    "properties": {"type": {"const": tag}},
                                    "required": ["type"],
                                },
                                "then": ref,
                            }
                            for tag, ref in options.items()
                        ],
                    }
                return {"$ref": "#/$defs/Event"}

    def declared(self, spec: EventTypeSpec) -> dict[str, Any]:
        """The definition of an event type a protocol declares, as ``DeclaredEvent:<type>``."""
        name = f"DeclaredEvent:{spec.type}"
        properties: dict[str, Any] = {
            "type": {"const": spec.type},
            "on": _date_ref(),
            "recorded_by": ID.schema({"type": "string"}),
            "external_ref": {"anyOf": [EXTERNAL_REF.schema({"type": "string"}), {"type": "null"}]},
        }
        for f in spec.fields:
            one = self.field_schema(f)
            item = {"type": "array", "items": one} if f.many else one
            properties[f.name] = item if f.required else {"anyOf": [item, {"type": "null"}]}
        self.defs[name] = {
            "title": spec.type,
            "description": plain_text(spec.summary) + " (declared by a protocol file)",
            "type": "object",
            "properties": properties,
            "required": ["type", "on", "recorded_by", *(f.name for f in spec.fields if f.required)],
            "additionalProperties": False,
        }
        return {"$ref": f"#/$defs/{name}"}

    def field_schema(self, f: EventField) -> dict[str, Any]:
        if f.kind is FieldKind.STRING:
            return ID.schema({"type": "string"})
        if f.kind is FieldKind.DATE:
            return _date_ref()
        if f.kind is FieldKind.BOOLEAN:
            return {"type": "boolean"}
        if f.kind is FieldKind.INTEGER:
            return {"type": "integer"}
        if f.kind is FieldKind.CHOICE:
            return {"enum": list(f.choices)}
        return self.ref(_VOCABULARY_ENUMS[f.kind])


def _or_null(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` or ``null``: a plain type gains ``"null"`` in its ``type`` (the keywords
    beside it apply to that type only), so a wrong value is one error naming both types;
    an enumeration gains ``None``; anything else (a ``$ref``, a ``const``) is an ``anyOf``.

    Examples:
        >>> _or_null({"type": "string", "maxLength": 128})
        {'type': ['string', 'null'], 'maxLength': 128}
        >>> _or_null({"enum": ["yos", "crc"]})
        {'enum': ['yos', 'crc', None]}
        >>> _or_null({"$ref": "#/$defs/Date"})
        {'anyOf': [{'$ref': '#/$defs/Date'}, {'type': 'null'}]}
    """
    kind = schema.get("type")
    if isinstance(kind, str) and "enum" not in schema and "const" not in schema:
        return {**schema, "type": [kind, "null"]}
    if set(schema) == {"enum"}:
        return {"enum": [*schema["enum"], None]}
    return {"anyOf": [schema, {"type": "null"}]}


def _summary(cls: type) -> str:
    doc = inspect.getdoc(cls) or cls.__name__
    return plain_text(doc.split("\n\n", 1)[0].replace("\n", " "))


_ATTRIBUTE = re.compile(r"^    (\w+): (.*)$")


def _attribute_docs(cls: type) -> dict[str, str]:
    """Field descriptions from the Google-style ``Attributes:`` section of a docstring."""
    doc = cls.__dict__.get("__doc__") or ""
    doc = inspect.cleandoc(doc)
    found: dict[str, str] = {}
    current: str | None = None
    inside = False
    for line in doc.splitlines():
        if line.strip() == "Attributes:":
            inside = True
            continue
        if not inside:
            continue
        if line and not line.startswith(" "):
            break
        match = _ATTRIBUTE.match(line)
        if match:
            current = match.group(1)
            found[current] = match.group(2).strip()
        elif current is not None and line.startswith("        "):
            found[current] += " " + line.strip()
    return found
