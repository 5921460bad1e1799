"""JSON Schema (draft 2020-12) for caseload and case documents, generated from the types.

The schema is derived by walking the attrs classes, their type hints and the
constraints in their field metadata, the same metadata the converter enforces, so
non-Python systems can validate documents before sending them.

>>> schema = caseload_json_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> schema["$defs"]["Service"]["enum"]
['next-step', 'yos', 'nps', 'crc', 'probation-service']
>>> schema["$defs"]["Allocated"]["properties"]["type"]
{'const': 'allocated'}
"""

from __future__ import annotations

import copy
import enum
import inspect
import re
from collections.abc import Mapping
from datetime import date
from typing import Any, Final, Union, get_args, get_origin

import attrs

from ..model._entities import CONSTRAINTS, TEXT_MAX_LENGTH
from ..model._events import EVENT_TYPES, SCHEMA_VERSION, CaseEvent, Caseload, Event, JointCase
from ._json import make_converter

__all__ = ["case_json_schema", "caseload_json_schema"]

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
#: The regular expression every date string must match (before the calendar check).
DATE_PATTERN: Final = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def caseload_json_schema() -> dict[str, Any]:
    """The JSON Schema of a caseload document (:func:`load_caseload`'s input).

    Returns:
        A new dict each call (safe to modify).
    """
    builder = _Builder()
    builder.ref(Caseload)
    return {
        "$schema": DRAFT,
        "$id": f"urn:care-justice-protocol:caseload:{SCHEMA_VERSION}",
        "title": "care_justice_protocol caseload document",
        "$ref": "#/$defs/Caseload",
        "$defs": builder.defs,
    }


def case_json_schema() -> dict[str, Any]:
    """The JSON Schema of a single-case document (:func:`load_case`'s input).

    A case document is a joint case's fields plus ``schema_version``.

    Returns:
        A new dict each call (safe to modify).
    """
    builder = _Builder()
    builder.ref(JointCase)
    case = copy.deepcopy(builder.defs["JointCase"])
    case["properties"] = {
        "schema_version": {"type": "integer", "const": SCHEMA_VERSION},
        **case["properties"],
    }
    case["required"] = ["schema_version", *case["required"]]
    return {
        "$schema": DRAFT,
        "$id": f"urn:care-justice-protocol:case:{SCHEMA_VERSION}",
        "title": "care_justice_protocol case document",
        **{k: v for k, v in case.items() if k != "title"},
        "$defs": builder.defs,
    }


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}
        self.converter = make_converter()

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name first: definitions may recurse
            self.defs[name] = self.definition(cls)
        return {"$ref": f"#/$defs/{name}"}

    def definition(self, cls: type) -> dict[str, Any]:
        if issubclass(cls, enum.Enum):
            return {
                "title": cls.__name__,
                "description": _summary(cls),
                "type": "string",
                "enum": [member.value for member in cls],
            }
        klass: Any = cls
        attrs.resolve_types(klass)
        described: dict[str, str] = {}
        for base in reversed(cls.__mro__):
            described.update(_attribute_docs(base))
        properties: dict[str, Any] = {}
        required: list[str] = []
        if issubclass(cls, CaseEvent):
            properties["type"] = {"const": cls.type}
            required.append("type")
        for field in attrs.fields(klass):
            constraints = field.metadata.get(CONSTRAINTS, {})
            schema = self.type_schema(field.type, constraints)
            if field.name in described:
                schema = {"description": described[field.name], **schema}
            if field.default is attrs.NOTHING or constraints.get("required"):
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

    def type_schema(self, type_: Any, constraints: Mapping[str, Any]) -> dict[str, Any]:
        origin, args = get_origin(type_), get_args(type_)
        if origin in (Union, type(int | None)) and type(None) in args and len(args) == 2:
            inner = next(arg for arg in args if arg is not type(None))
            return {"anyOf": [self.type_schema(inner, constraints), {"type": "null"}]}
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            item_constraints = {
                k: v for k, v in constraints.items() if k not in ("min_items", "unique")
            }
            schema: dict[str, Any] = {
                "type": "array",
                "items": self.type_schema(args[0], item_constraints),
            }
            if "min_items" in constraints:
                schema["minItems"] = constraints["min_items"]
            if constraints.get("unique"):
                schema["uniqueItems"] = True
            return schema
        if type_ is str:
            return {
                "type": "string",
                "minLength": constraints.get("min_length", 0),
                "maxLength": constraints.get("max_length", TEXT_MAX_LENGTH),
            }
        if type_ is bool:
            return {"type": "boolean"}
        if type_ is int:
            schema = {"type": "integer"}
            if "minimum" in constraints:
                schema["minimum"] = constraints["minimum"]
            if "const" in constraints:
                schema["const"] = constraints["const"]
            return schema
        if type_ is date:
            return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            if "choices" in constraints:
                return {"type": "string", "enum": [c.value for c in constraints["choices"]]}
            return self.ref(type_)
        if type_ == Event:
            if "Event" not in self.defs:
                self.defs["Event"] = {
                    "title": "Event",
                    "description": "A case event, discriminated by its 'type'.",
                    "oneOf": [self.ref(cls) for cls in EVENT_TYPES.values()],
                }
            return {"$ref": "#/$defs/Event"}
        if attrs.has(type_):
            return self.ref(type_)
        raise TypeError(f"no JSON Schema for {type_!r}")  # pragma: no cover


def _summary(cls: type) -> str:
    doc = inspect.getdoc(cls) or cls.__name__
    return doc.split("\n\n", 1)[0].replace("\n", " ")


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
