"""A protocol's vocabulary: the services, roles, documents, meeting kinds and event types.

A protocol file declares every term its rules use, so that loading can check each pattern,
party and reference against it (a typo is an error, never a silently inapplicable rule).
The core event types ([`EVENT_TYPES`][care_justice_protocol.EVENT_TYPES]) are known to every
protocol; their fields' kinds come from the model's own annotations
([`core_event_fields`][care_justice_protocol.protocols.core_event_fields]), so the model and the
checks cannot drift apart.

>>> fields = core_event_fields()["allocated"]
>>> [(f.name, f.kind.value) for f in fields]
[('on', 'date'), ('recorded_by', 'string'), ('service', 'service'), ('worker_id', 'string')]
"""

from __future__ import annotations

import enum
import functools
import keyword
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from types import MappingProxyType
from typing import Any, Final, TypeVar

import attrs

from .._errors import InvalidArgumentError
from ..model._constraints import Choice, Many, Maybe, Meaning, Scalar, Shape, fields_of
from ..model._entities import DocumentKind, MeetingKind, Role, Service, ServicePeriod
from ..model._events import EVENT_TYPES

__all__ = [
    "TERM_PATTERN",
    "EventField",
    "EventTypeSpec",
    "FieldKind",
    "ServiceTerm",
    "Term",
    "Vocabulary",
    "VocabularyClashError",
    "core_event_fields",
    "merge_vocabularies",
]

_V = TypeVar("_V")

#: What a term (service, role, document, meeting kind, event type) may look like:
#: lower-case letters, digits and hyphens, starting with a letter, at most 64 characters.
TERM_PATTERN: Final = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
#: What a declared event field's name may look like (a Python identifier in snake_case).
FIELD_PATTERN: Final = re.compile(r"[a-z][a-z0-9_]{0,39}")
#: Field names every event has (they cannot be declared again).
RESERVED_FIELDS: Final = frozenset({"type", "on", "recorded_by", "external_ref"})


class FieldKind(enum.StrEnum):
    """The kind of a value an event field holds; vocabulary kinds are checked against it."""

    STRING = "string"
    DATE = "date"
    BOOLEAN = "boolean"
    INTEGER = "integer"
    SERVICE = "service"
    ROLE = "role"
    DOCUMENT = "document"
    MEETING_KIND = "meeting-kind"
    CHOICE = "choice"

    @property
    def vocabulary(self) -> str | None:
        """The vocabulary section that holds this kind's values, if any."""
        return _SECTION.get(self)


_SECTION: Final[Mapping[FieldKind, str]] = MappingProxyType(
    {
        FieldKind.SERVICE: "services",
        FieldKind.ROLE: "roles",
        FieldKind.DOCUMENT: "documents",
        FieldKind.MEETING_KIND: "meeting_kinds",
    }
)
#: The model's closed enums and the vocabulary kind a protocol declares for them.
_ENUM_KINDS: Final[Mapping[type, FieldKind]] = MappingProxyType(
    {
        Service: FieldKind.SERVICE,
        Role: FieldKind.ROLE,
        DocumentKind: FieldKind.DOCUMENT,
        MeetingKind: FieldKind.MEETING_KIND,
    }
)
_SCALAR_KINDS: Final[Mapping[type, FieldKind]] = MappingProxyType(
    {str: FieldKind.STRING, date: FieldKind.DATE, bool: FieldKind.BOOLEAN, int: FieldKind.INTEGER}
)


@attrs.frozen
class EventField:
    """One field of an event type.

    Attributes:
        name: the field name (the JSON key).
        kind: what it holds.
        many: whether it holds a list of such values.
        required: whether every event of the type must carry it.
        choices: the allowed values of a ``choice`` field.
    """

    name: str
    kind: FieldKind
    many: bool = False
    required: bool = True
    choices: tuple[str, ...] = ()


@attrs.frozen
class EventTypeSpec:
    """An event type a protocol declares (the core types are model classes).

    Attributes:
        type: the type tag, as events carry it in JSON (``"type": "..."``).
        summary: what the event records, in a line.
        fields: its fields beyond ``on`` and ``recorded_by``.
    """

    type: str
    summary: str
    fields: tuple[EventField, ...]

    def field(self, name: str) -> EventField | None:
        """The field called ``name``, or ``None``."""
        return next((f for f in self.fields if f.name == name), None)


@attrs.frozen
class Term:
    """A declared term: an id and its label as the protocol writes it."""

    id: str
    label: str


@attrs.frozen
class ServiceTerm:
    """A declared service: its label, the days it existed and what succeeded it.

    Attributes:
        id: the service id events carry (``"probation-service"``).
        label: its name as the protocol text writes it.
        period: the days on which it existed (both ends inclusive; ``None`` open).
        successor: the service that took over its work when it ended, if any.
    """

    id: str
    label: str
    period: ServicePeriod = attrs.field(factory=lambda: ServicePeriod(None, None))
    successor: str | None = None


def _read_only(value: Mapping[str, _V]) -> Mapping[str, _V]:
    return MappingProxyType(dict(value))


def _TERMS() -> Any:  # noqa: N802 - a field factory, named like the constant it stands for
    """A read-only mapping field, compared by value and left out of the hash."""
    return attrs.field(factory=dict, converter=_read_only, hash=False)


@attrs.frozen
class Vocabulary:
    """Every term a protocol declares, by id, plus its named groups of services.

    Attributes:
        services: declared services by id.
        groups: named groups of services (``{"probation": ("nps", "crc", ...)}``); a rule
            refers to a group as ``"@<name>"``: the members party to the protocol on the
            event's date.
        roles, documents, meeting_kinds: declared terms by id.
        event_types: event types the protocol declares beyond the core ones, by tag.
    """

    services: Mapping[str, ServiceTerm] = _TERMS()
    groups: Mapping[str, tuple[str, ...]] = _TERMS()
    roles: Mapping[str, Term] = _TERMS()
    documents: Mapping[str, Term] = _TERMS()
    meeting_kinds: Mapping[str, Term] = _TERMS()
    event_types: Mapping[str, EventTypeSpec] = _TERMS()

    def terms(self, kind: FieldKind) -> Mapping[str, object]:
        """The declared terms of a vocabulary kind (services, roles, ...)."""
        section = kind.vocabulary
        if section is None:
            return {}
        found: Mapping[str, object] = getattr(self, section)
        return found

    def fields_of(self, event_type: str) -> tuple[EventField, ...] | None:
        """The fields of a core or declared event type, or ``None`` if it is neither."""
        core = core_event_fields().get(event_type)
        if core is not None:
            return core
        spec = self.event_types.get(event_type)
        return None if spec is None else spec.fields


def _field_of(name: str, shape: Shape, required: bool) -> EventField:
    many = False
    if isinstance(shape, Maybe):
        shape, required = shape.inner, False
    if isinstance(shape, Many):
        shape, many = shape.item, True
    if isinstance(shape, Choice):
        kind = _ENUM_KINDS.get(shape.type)
        if kind is not None:
            return EventField(name, kind, many, required)
        return EventField(
            name, FieldKind.CHOICE, many, required, tuple(str(m.value) for m in shape.members)
        )
    assert isinstance(shape, Scalar), shape
    return EventField(name, _SCALAR_KINDS[shape.type], many, required)


@functools.cache
def core_event_fields() -> Mapping[str, tuple[EventField, ...]]:
    """The fields of every core event type, by type tag, read from the model's classes.

    ``external_ref`` is left out: a rule never matches on a source system's reference.
    """
    return MappingProxyType(
        {
            tag: tuple(
                _field_of(f.name, f.shape, f.required)
                for f in fields_of(cls)
                # a source system's reference is not the protocol's to match on
                if f.constraint.meaning is not Meaning.EXTERNAL_REFERENCE
            )
            for tag, cls in EVENT_TYPES.items()
        }
    )


def is_term(value: object) -> bool:
    """Whether ``value`` is a well-formed term id."""
    return isinstance(value, str) and len(value) <= 64 and TERM_PATTERN.fullmatch(value) is not None


def is_field_name(value: object) -> bool:
    """Whether ``value`` may name a declared event field."""
    return (
        isinstance(value, str)
        and FIELD_PATTERN.fullmatch(value) is not None
        and not keyword.iskeyword(value)
        and value not in RESERVED_FIELDS
    )


class VocabularyClashError(InvalidArgumentError):
    """Protocols loaded together declare the same term differently.

    Attributes:
        problems: one line per clash, naming the term and the protocols.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("; ".join(self.problems))


def merge_vocabularies(named: Iterable[tuple[str, Vocabulary]]) -> Vocabulary:
    """One vocabulary for protocols used together (each given as ``(protocol id, vocabulary)``).

    A term declared by several protocols must be declared the same way by each (the same
    label, dates and successor for a service; the same members for a group; the same fields
    for an event type); roles, documents and meeting kinds may carry different labels (the
    first is kept), as each protocol names them in its own words.

    Raises:
        VocabularyClashError: every clash, each naming the term and both protocols.

    Examples:
        >>> from care_justice_protocol import PROTOCOL_3_14_12, PROTOCOL_3_14_13
        >>> both = merge_vocabularies((p.id, p.vocabulary) for p in (PROTOCOL_3_14_12,
        ...                                                           PROTOCOL_3_14_13))
        >>> list(both.services)
        ['yos', 'next-step', 'nps', 'crc', 'probation-service']
    """
    problems: list[str] = []
    merged: dict[str, dict[str, object]] = {
        section: {} for section in ("services", "groups", "roles", "documents", "meeting_kinds",
                                    "event_types")
    }  # fmt: skip
    first: dict[tuple[str, str], str] = {}
    strict = {"services", "groups", "event_types"}
    for pid, vocabulary in named:
        for section, terms in merged.items():
            for key, value in getattr(vocabulary, section).items():
                if key not in terms:
                    terms[key] = value
                    first[(section, key)] = pid
                elif section in strict and terms[key] != value:
                    what = section[:-1].replace("_", " ")
                    problems.append(
                        f"vocabulary clash: {what} {key!r} is declared differently by "
                        f"{first[(section, key)]} and {pid}"
                    )
    if problems:
        raise VocabularyClashError(problems)
    return Vocabulary(**merged)  # type: ignore[arg-type]
