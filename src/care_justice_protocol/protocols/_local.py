"""A council's local variant of the protocols, loaded from data (no code changes).

A local variant may set:

* ``timescales``: working days for obligations the protocol gives no timescale
  (``{"3.14.12/2/joint-meeting-with-young-person": 10}``);
* ``extra_closures``: local closure days added to the England calendar;
* ``policies``: the reading of "quarterly" / "twice a year" per periodic obligation
  (``"per-calendar-period"`` or ``"at-most-n-months-since-last"``);
* ``contacts``: who the single point of contact is per service (configuration only;
  never hard-coded people).

Example document::

    {"schema_version": 1,
     "timescales": {"3.14.12/2/joint-meeting-with-young-person": 10},
     "extra_closures": ["2026-12-24"],
     "policies": {"3.14.12/3/quarterly-management-meeting": "at-most-n-months-since-last"},
     "contacts": {"next-step": "Next Step SPOC (duty inbox)"}}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Final, TypeVar

import attrs

from .._errors import ValidationError, _safe_repr
from ..calendar._deadlines import NoTimescale
from ..calendar._periods import PeriodPolicy
from ..calendar._working_days import WorkingCalendar
from ..model._entities import Service
from ._rules import Protocol

__all__ = ["LocalVariant", "load_local_variant"]

_KEYS: Final = ("schema_version", "timescales", "extra_closures", "policies", "contacts")


_V = TypeVar("_V")


@attrs.frozen
class LocalVariant:
    """A council's local settings. The empty variant changes nothing.

    Examples:
        >>> from datetime import date
        >>> v = LocalVariant(timescales={"3.14.12/2/joint-meeting-with-young-person": 10})
        >>> from care_justice_protocol import PROTOCOL_3_14_12
        >>> p = v.apply(PROTOCOL_3_14_12)
        >>> p.obligation("3.14.12/2/joint-meeting-with-young-person").deadline.describe(
        ...     "the meeting")
        'local timescale: 10 working days after the meeting'

    """

    timescales: Mapping[str, int] = attrs.field(factory=dict)
    extra_closures: frozenset[date] = frozenset()
    policies: Mapping[str, PeriodPolicy] = attrs.field(factory=dict)
    contacts: Mapping[Service, str] = attrs.field(factory=dict)

    def apply(self, protocol: Protocol) -> Protocol:
        """The protocol with this variant's timescales and period policies.

        Only the timescales and policies of ``protocol``'s own obligations (ids
        ``"<protocol id>/..."``) apply to it, so one variant serves both protocols.

        Raises:
            UnknownObligationError: a timescale's or policy's id starts with ``protocol``'s
                id but names no obligation of it.
        """

        def own(values: Mapping[str, _V]) -> dict[str, _V]:
            return {k: v for k, v in values.items() if k.split("/", 1)[0] == protocol.id}

        return protocol.with_timescales(own(self.timescales)).with_policies(own(self.policies))

    def calendar(self) -> WorkingCalendar:
        """The England calendar with this variant's local closures."""
        return WorkingCalendar.england(extra_closures=self.extra_closures)


def _known_ids(protocols: Iterable[Protocol]) -> tuple[set[str], set[str]]:
    case_level, periodic = set(), set()
    for p in protocols:
        case_level |= {o.id for o in p.obligations if isinstance(o.deadline, NoTimescale)}
        periodic |= {o.id for o in p.periodic}
    return case_level, periodic


def _object_at(doc: Mapping[str, Any], key: str, errors: list[str]) -> Mapping[str, Any]:
    """``doc[key]`` if it is an object (default: empty); otherwise note the error."""
    raw = doc.get(key, {})
    if isinstance(raw, Mapping):
        return raw
    errors.append(f"expected an object @ $.{key}")
    return {}


def load_local_variant(
    data: str | bytes | Mapping[str, Any], *, protocols: Iterable[Protocol]
) -> LocalVariant:
    """Read a local variant document (JSON text, bytes or an already parsed mapping).

    Obligation ids are checked against ``protocols`` (the protocols the variant is for).

    Raises:
        ValidationError: listing every problem with its path.
    """
    errors: list[str] = []
    doc: Any = data
    if isinstance(data, str | bytes | bytearray):
        try:
            doc = json.loads(data)
        except (ValueError, RecursionError) as exc:
            raise ValidationError([f"not valid JSON: {exc} @ $"], what="local variant") from None
    if not isinstance(doc, Mapping):
        raise ValidationError(
            [f"expected an object, got {type(doc).__name__} @ $"], what="local variant"
        )
    for key in doc:
        if key not in _KEYS:
            errors.append(f"unknown key {key!r} (allowed: {', '.join(_KEYS)}) @ $")
    version = doc.get("schema_version", 1)
    if version != 1 or version.__class__ is not int:
        errors.append(f"unsupported schema_version {_safe_repr(version)}; this library reads 1 @ $")
    no_timescale, periodic = _known_ids(protocols)

    timescales: dict[str, int] = {}
    raw = _object_at(doc, "timescales", errors)
    for oid, days in raw.items():
        path = f"$.timescales[{json.dumps(oid)}]"
        if oid not in no_timescale:
            errors.append(f"{oid!r} is not an obligation without a protocol timescale @ {path}")
        elif days.__class__ is not int or days < 0:
            errors.append(
                f"expected a whole number of working days >= 0, got {_safe_repr(days)} @ {path}"
            )
        else:
            timescales[oid] = days

    closures: set[date] = set()
    dates = doc.get("extra_closures", [])
    if not isinstance(dates, list):
        errors.append("expected a list of dates @ $.extra_closures")
        dates = []
    for i, text in enumerate(dates):
        try:
            if not isinstance(text, str) or len(text) != 10:
                raise ValueError
            closures.add(date.fromisoformat(text))
        except ValueError:
            errors.append(
                f"expected a date YYYY-MM-DD, got {_safe_repr(text)} @ $.extra_closures[{i}]"
            )

    policies: dict[str, PeriodPolicy] = {}
    raw = _object_at(doc, "policies", errors)
    for oid, value in raw.items():
        path = f"$.policies[{json.dumps(oid)}]"
        if oid not in periodic:
            errors.append(f"{oid!r} is not a periodic obligation @ {path}")
            continue
        try:
            policies[oid] = PeriodPolicy(value)
        except ValueError:
            allowed = ", ".join(p.value for p in PeriodPolicy)
            errors.append(f"unknown policy {_safe_repr(value)} (allowed: {allowed}) @ {path}")

    contacts: dict[Service, str] = {}
    raw = _object_at(doc, "contacts", errors)
    for key, value in raw.items():
        path = f"$.contacts[{json.dumps(key)}]"
        try:
            service = Service(key)
        except ValueError:
            errors.append(f"unknown service {key!r} @ {path}")
            continue
        if not isinstance(value, str) or not value.strip() or len(value) > 200:
            errors.append(f"expected a non-empty contact string (<= 200 chars) @ {path}")
        else:
            contacts[service] = value

    if errors:
        raise ValidationError(errors, what="local variant")
    return LocalVariant(timescales, frozenset(closures), policies, contacts)
