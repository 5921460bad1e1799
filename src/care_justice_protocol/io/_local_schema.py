"""JSON Schema (draft 2020-12) of the local-variant document (``load_local_variant``'s input).

Written from the loader's accepted format (``protocols/_local.py``) and its own constants,
so that the two agree. Without ``protocols`` it checks the shape: the keys, the value
forms (a timescale is ``n``, ``{"working_days": n}`` or ``{"months": n}``), the bounds,
the obligation id, ladder id and service spellings. With ``protocols`` (the protocols the
variant is for, as the loader takes them) it is exact: the obligation ids, services,
ladders, rungs and groups are those the protocols declare, a recurring obligation takes
months only, a periodic obligation whose period does not divide a year cannot take
``per-calendar-period``, and only obligations whose notes rotate take a rotation.

What JSON Schema cannot say: ``1.0`` is an integer to JSON Schema but refused by the
loader; the loader also reads the document as strict JSON (no duplicate keys, no NaN).

>>> schema = local_variant_json_schema()
>>> schema["$id"]
'https://care-justice-protocol.github.io/care_justice_protocol/schemas/local-variant.schema.json'
>>> sorted(schema["properties"])[:3]
['contacts', 'extra_closures', 'ladder_timescales']
>>> from jsonschema import Draft202012Validator
>>> from care_justice_protocol import BUNDLED_PROTOCOLS
>>> exact = Draft202012Validator(local_variant_json_schema(protocols=BUNDLED_PROTOCOLS))
>>> doc = {"timescales": {"3.14.12/2/meet-within-15-working-days": {"weeks": 2}}}
>>> [(e.json_path, e.message) for e in exact.iter_errors(doc)]
[("$.timescales['3.14.12/2/meet-within-15-working-days']", "Additional properties are not \
allowed ('weeks' was unexpected)")]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from ..calendar._deadlines import Recurring
from ..calendar._periods import PeriodPolicy
from ..protocols._local import (
    _KEYS,
    MAX_CONTACT_LENGTH,
    MAX_RUNG_DAYS,
    _ladders_by_id,
    _protocol_tuple,
)
from ..protocols._rules import MAX_LOCAL_DAYS, MAX_LOCAL_MONTHS, Protocol
from ..protocols._vocabulary import TERM_PATTERN
from ._schema import DRAFT, date_schema, schema_id

__all__ = ["LOCAL_VARIANT_SCHEMA_VERSION", "local_variant_json_schema"]

#: The version of the local-variant document format (its ``schema_version``).
LOCAL_VARIANT_SCHEMA_VERSION: Final = 1
#: An obligation id as a protocol file spells it: ``<protocol id>/...``, no spaces.
_OBLIGATION_ID: Final = {"type": "string", "pattern": "^[^\\s/]+/\\S*$", "maxLength": 200}
_TERM: Final = f"(?:{TERM_PATTERN.pattern})"


def _int(low: int, high: int) -> dict[str, Any]:
    return {"type": "integer", "minimum": low, "maximum": high}


def _map(values: dict[str, Any], names: dict[str, Any], description: str) -> dict[str, Any]:
    """An object of any keys spelt as ``names``, each value as ``values``."""
    return {
        "description": description,
        "type": "object",
        "propertyNames": names,
        "additionalProperties": values,
    }


def _exact(values: dict[str, Any], description: str) -> dict[str, Any]:
    """An object whose keys are exactly those of ``values`` (each optional)."""
    return {
        "description": description,
        "type": "object",
        "properties": values,
        "additionalProperties": False,
    }


def _months_only(shape: Recurring) -> dict[str, Any]:
    """A recurring obligation's: ``{"months": n}``; a calendar-period reading splits a year."""
    months: dict[str, Any] = _int(1, MAX_LOCAL_MONTHS)
    if shape.reading is PeriodPolicy.PER_CALENDAR_PERIOD:
        months = {"enum": [n for n in range(1, 13) if not 12 % n]}
    return {
        "description": 'A recurring obligation\'s local timescale: {"months": n}.',
        "type": "object",
        "required": ["months"],
        "properties": {"months": months},
        "additionalProperties": False,
    }


def _timescale() -> dict[str, Any]:
    """``n`` working days, ``{"working_days": n}`` or ``{"months": n}``."""
    return {
        "description": "A local timescale: working days after the trigger (n or "
        '{"working_days": n}) or calendar months ({"months": n}).',
        "if": {"type": "object"},
        "then": {
            "type": "object",
            "minProperties": 1,
            "maxProperties": 1,
            "properties": {
                "working_days": _int(0, MAX_LOCAL_DAYS),
                "months": _int(1, MAX_LOCAL_MONTHS),
            },
            "additionalProperties": False,
        },
        "else": _int(0, MAX_LOCAL_DAYS),
    }


def _contact() -> dict[str, Any]:
    return {
        "description": "Who the single point of contact is (not a person's details).",
        "type": "string",
        "minLength": 1,
        "maxLength": MAX_CONTACT_LENGTH,
        "pattern": "\\S",
    }


def _rotation(entry: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": "The order in which the agencies take the notes: services, or "
        "@<group> for a group's members.",
        "type": "array",
        "minItems": 1,
        "uniqueItems": True,
        "items": entry,
    }


_POLICIES: Final = [p.value for p in PeriodPolicy]
_DESCRIBE: Final = {
    "timescales": "Local timescales by case-level obligation id.",
    "policies": "The reading of each periodic obligation's period (quarterly, twice a "
    "year), by periodic obligation id.",
    "contacts": "The single point of contact by service id.",
    "ladder_timescales": "Working days for leaving each rung, by ladder id and rung state.",
    "notes_rotation": "The notes-rotation order by periodic obligation id.",
}


def _generic() -> dict[str, Any]:
    term = {"type": "string", "pattern": f"^{_TERM}$", "maxLength": 64}
    return {
        "timescales": _map(_timescale(), _OBLIGATION_ID, _DESCRIBE["timescales"]),
        "policies": _map({"enum": _POLICIES}, _OBLIGATION_ID, _DESCRIBE["policies"]),
        "contacts": _map(_contact(), term, _DESCRIBE["contacts"]),
        "ladder_timescales": _map(
            _map(_int(1, MAX_RUNG_DAYS), term, "Working days by rung state."),
            term,
            _DESCRIBE["ladder_timescales"],
        ),
        "notes_rotation": _map(
            _rotation({"type": "string", "pattern": f"^@?{_TERM}$"}),
            _OBLIGATION_ID,
            _DESCRIBE["notes_rotation"],
        ),
    }


def _declared(protocols: tuple[Protocol, ...]) -> dict[str, Any]:
    timescales = {
        o.id: _months_only(o.deadline) if isinstance(o.deadline, Recurring) else _timescale()
        for p in protocols
        for o in p.obligations
    }
    policies = {
        q.id: {
            "enum": [
                v
                for v in _POLICIES
                if v != PeriodPolicy.PER_CALENDAR_PERIOD.value or not 12 % q.recurrence.months
            ]
        }
        for p in protocols
        for q in p.periodic
    }
    contacts = {s: _contact() for p in protocols for s in p.vocabulary.services}
    ladders = {
        lid: _exact(
            {rung.state: _int(1, MAX_RUNG_DAYS) for lad in found for rung in lad.rungs},
            "Working days by rung state.",
        )
        for lid, found in _ladders_by_id(protocols).items()
    }
    rotations = {
        q.id: _rotation({"enum": [*p.vocabulary.services, *("@" + g for g in p.vocabulary.groups)]})
        for p in protocols
        for q in p.periodic
        if q.notes_rotate
    }
    return {
        "timescales": _exact(timescales, _DESCRIBE["timescales"]),
        "policies": _exact(policies, _DESCRIBE["policies"]),
        "contacts": _exact(contacts, _DESCRIBE["contacts"]),
        "ladder_timescales": _exact(ladders, _DESCRIBE["ladder_timescales"]),
        "notes_rotation": _exact(rotations, _DESCRIBE["notes_rotation"]),
    }


def local_variant_json_schema(
    *, protocols: Protocol | Iterable[Protocol] | None = None
) -> dict[str, Any]:
    """The JSON Schema of a local-variant document (``load_local_variant``'s input).

    Args:
        protocols: the protocols the variant is for (as ``load_local_variant`` takes
            them): the schema then lists their obligation ids, services, ladders, rungs
            and groups. Without them, the shape only (the published schema).

    Returns:
        A new dict each call (safe to modify).

    Examples:
        >>> from care_justice_protocol import PROTOCOL_3_14_13
        >>> schema = local_variant_json_schema(protocols=PROTOCOL_3_14_13)
        >>> rotation = schema["properties"]["notes_rotation"]["properties"]
        >>> rotation["3.14.13/3/quarterly-middle-management-meeting"]["items"]["enum"]
        ['next-step', 'nps', 'crc', 'probation-service', '@probation']
    """
    sections = _generic() if protocols is None else _declared(_protocol_tuple(protocols))
    properties: dict[str, Any] = {
        "schema_version": {
            "description": "The format version (1, the default when absent).",
            "const": LOCAL_VARIANT_SCHEMA_VERSION,
        },
        "timescales": sections["timescales"],
        "extra_closures": {
            "description": "Local closure days, added to the England calendar.",
            "type": "array",
            "items": date_schema(),
        },
        "policies": sections["policies"],
        "contacts": sections["contacts"],
        "ladder_timescales": sections["ladder_timescales"],
        "notes_rotation": sections["notes_rotation"],
    }
    assert tuple(properties) == _KEYS, (tuple(properties), _KEYS)
    return {
        "$schema": DRAFT,
        "$id": schema_id("local-variant"),
        "$comment": f"local-variant document schema_version {LOCAL_VARIANT_SCHEMA_VERSION}",
        "title": "care_justice_protocol local variant",
        "description": "A council's local variant of the protocols: local timescales, "
        "closure days, period readings, contacts, ladder timescales and notes-rotation "
        "orders. Every key is optional. The loader checks the ids against the protocols "
        "it is loaded for.",
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
