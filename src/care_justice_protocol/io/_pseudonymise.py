"""Pseudonymisation of caseloads for analysts.

:func:`pseudonymise` returns a copy of a caseload from which the direct identifiers
have gone and in which every identifier has been replaced by a keyed hash, so the
compliance engine gives the same answers on the copy as on the original.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, Final

import attrs

from .._errors import InvalidArgumentError
from ..model._constraints import ID_MAX_LENGTH, Meaning, fields_of
from ..model._entities import YoungPerson
from ..model._events import Caseload, DeclaredEvent
from ..protocols._rules import Protocol
from ..protocols._vocabulary import EventTypeSpec, FieldKind

__all__ = ["pseudonymise"]

#: Every pseudonymous id starts with this prefix, then 16 lower-case hex digits.
PSEUDONYM_PREFIX: Final = "P-"
#: Shortest key accepted (128 bits): a shorter key could be found by trying them all.
MIN_KEY_LENGTH: Final = 16
_HEX_DIGITS: Final = 16

assert len(PSEUDONYM_PREFIX) + _HEX_DIGITS <= ID_MAX_LENGTH


def pseudonymise(
    caseload: Caseload, key: bytes, *, protocols: Protocol | Iterable[Protocol] | None = None
) -> Caseload:
    """A copy of *caseload* with ids replaced by keyed hashes and direct identifiers dropped.

    What changes:

    * **Identifiers** (case ids, young person ids, staff ids, ``recorded_by``,
      ``worker_id``, meeting attendees, disagreement ids, and the ``case_ids`` and ``by``
      of management meetings and quality assurance records) become
      ``"P-" + the first 16 hex digits of HMAC-SHA256(key, id)``. The same id becomes
      the same pseudonym everywhere in the document (one namespace for all ids), so every
      reference still resolves: a meeting attendee still names the same staff member and
      a quality assurance record still names the same cases. Pseudonyms are 18
      characters, well within :data:`~care_justice_protocol.ID_MAX_LENGTH`.
    * **Names** (of young people and staff) become ``None``; **free text** that may name
      people (a disagreement's ``about``) becomes ``""``.
    * **Dates of birth** are reduced to the first day of the birth month. This keeps
      every age-based rule (care-leaver status at 18, 21 and 25; young person under 18)
      correct to within a month while the exact birthday, a strong identifier when
      combined with a case, is gone.

    * **Events of declared types** (:class:`~care_justice_protocol.DeclaredEvent`):
      ``recorded_by`` and every ``string`` field (the identifier kind) become pseudonyms;
      their other fields are terms, choices, flags and dates and are kept. Only the
      protocols that declare the types say which fields are ``string``: a caseload with
      such events needs ``protocols``.

    Nothing else changes: event dates, services, statuses and the order of cases and
    events are kept, so :func:`~care_justice_protocol.evaluate_caseload` reports the
    same statuses, under the new ids. The input is not modified (all the classes are
    frozen; a new caseload is returned).

    Without the key the pseudonyms cannot be reversed or recomputed; with it, anyone can
    check whether a given original id is in the data. Keep the key secret, and use a new
    key for each release of data that should not be linkable to the others.

    Args:
        caseload: the caseload to pseudonymise.
        key: the secret key, at least 16 bytes (e.g. ``secrets.token_bytes(32)``).
        protocols: the protocols that declare the caseload's declared event types (needed
            only when it holds such events).

    Returns:
        A new caseload.

    Raises:
        InvalidArgumentError: if *caseload* is not a caseload, *key* is not ``bytes``
            of at least 16 bytes, or the caseload holds an event of a declared type that
            none of ``protocols`` declares.

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import (
        ...     CareStatus, Caseload, JointCase, LegalStatus, YoungPerson)
        >>> yp = YoungPerson("YP-0007", date(2007, 5, 19), CareStatus.RELEVANT, False,
        ...                  LegalStatus.CHARGED, name="Jo Bloggs")
        >>> original = Caseload(cases=(JointCase("C-1", yp),))
        >>> copy = pseudonymise(original, b"a key of sixteen or more bytes")
        >>> person = copy.cases[0].young_person
        >>> person.id.startswith("P-"), len(person.id), person.name, person.date_of_birth
        (True, 18, None, datetime.date(2007, 5, 1))
        >>> copy == pseudonymise(original, b"a key of sixteen or more bytes")
        True
        >>> original.cases[0].young_person.name
        'Jo Bloggs'
    """
    if not isinstance(caseload, Caseload):
        raise InvalidArgumentError(f"caseload must be a Caseload, not {type(caseload).__name__}")
    if not isinstance(key, bytes):
        raise InvalidArgumentError(f"key must be bytes, not {type(key).__name__}")
    if len(key) < MIN_KEY_LENGTH:
        raise InvalidArgumentError(
            f"key must be at least {MIN_KEY_LENGTH} bytes, not {len(key)} "
            "(use e.g. secrets.token_bytes(32))"
        )
    cache: dict[str, str] = {}

    def pseudonym(ident: str) -> str:
        if ident not in cache:
            digest = hmac.new(key, ident.encode("utf-8", "surrogatepass"), hashlib.sha256)
            cache[ident] = PSEUDONYM_PREFIX + digest.hexdigest()[:_HEX_DIGITS]
        return cache[ident]

    given = () if protocols is None else (
        (protocols,) if isinstance(protocols, Protocol) else tuple(protocols)
    )  # fmt: skip
    declared = {tag: spec for p in given for tag, spec in p.vocabulary.event_types.items()}
    result: Caseload = _scrub(caseload, pseudonym, declared)
    return result


def _scrub_declared(
    event: DeclaredEvent, pseudonym: Callable[[str], str], declared: Mapping[str, EventTypeSpec]
) -> DeclaredEvent:
    spec = declared.get(event.type)
    if spec is None:
        raise InvalidArgumentError(
            f"the caseload holds events of type {event.type!r}, which none of the given "
            "protocols declares: pass protocols= with the protocol that declares it, so "
            "its identifier fields can be pseudonymised"
        )
    ids = {f.name for f in spec.fields if f.kind is FieldKind.STRING}
    values: dict[str, Any] = {}
    for name, current in event.values.items():
        if name in ids and isinstance(current, tuple):
            values[name] = tuple(pseudonym(v) if isinstance(v, str) else v for v in current)
        elif name in ids and isinstance(current, str):
            values[name] = pseudonym(current)
        else:
            values[name] = current
    return attrs.evolve(event, recorded_by=pseudonym(event.recorded_by), values=values)


def _scrub(
    value: Any, pseudonym: Callable[[str], str], declared: Mapping[str, EventTypeSpec]
) -> Any:
    """Rebuild *value*: ids through *pseudonym*, text blanked, recursing into parts."""
    if isinstance(value, tuple):
        return tuple(_scrub(item, pseudonym, declared) for item in value)
    if isinstance(value, DeclaredEvent):
        return _scrub_declared(value, pseudonym, declared)
    if not attrs.has(type(value)):
        return value
    changes: dict[str, Any] = {}
    for field in fields_of(type(value)):
        current = getattr(value, field.name)
        meaning = field.constraint.meaning
        if meaning is Meaning.IDENTIFIER:
            new: Any = (
                tuple(pseudonym(i) for i in current)
                if isinstance(current, tuple)
                else pseudonym(current)
            )
        elif meaning is Meaning.FREE_TEXT:
            new = None if current is None or field.default is None else ""
        elif isinstance(value, YoungPerson) and field.name == "date_of_birth":
            new = _first_of_month(current)
        else:
            new = _scrub(current, pseudonym, declared)
        if new is not current:
            changes[field.alias] = new
    return attrs.evolve(value, **changes) if changes else value


def _first_of_month(day: date) -> date:
    return day.replace(day=1)
