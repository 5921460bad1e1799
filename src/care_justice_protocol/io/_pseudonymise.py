"""Pseudonymisation of caseloads for analysts.

[`pseudonymise`][care_justice_protocol.pseudonymise] returns a copy of a caseload from which the
direct identifiers have gone, in which every identifier has been replaced by a keyed hash and every
order that carries no meaning has been replaced by a keyed or a canonical one, so the compliance
engine gives the same answers on the copy as on the original. With ``shift_dates=True``
each case's dates also move by a keyed whole number of weeks, chosen, and checked by
evaluating the case before and after, so that the case's results on the given as-of date
are the same; a case that no offset keeps the same is left out and counted.

What remains identifiable is stated, with measured figures, on the reliability page
(``docs/explanation/reliability.md``, "What pseudonymisation leaves").
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, timedelta
from typing import Any, Final, Literal, overload

import attrs

from .._checks import check_date, check_flag
from .._errors import InvalidArgumentError
from ..calendar._working_days import WorkingCalendar
from ..compliance._engine import _compile, _evaluate_case
from ..compliance._engine import rules as engine_rules
from ..compliance._partnership import evaluate_partnership
from ..compliance._results import ObligationResult
from ..model._constraints import ID_MAX_LENGTH, Many, Maybe, Meaning, Scalar, fields_of
from ..model._entities import SERVICE_PERIODS, Meeting, QualityAssuranceRecord, YoungPerson
from ..model._events import Caseload, DeclaredEvent, Event, JointCase, MeetingHeld
from ..protocols._local import Rulebook
from ..protocols._rules import Protocol
from ..protocols._vocabulary import EventTypeSpec, FieldKind
from ._existence import _case_problems, _lookup

__all__ = [
    "MAX_SHIFT_WEEKS",
    "MIN_KEY_LENGTH",
    "DateShiftReport",
    "Pseudonymised",
    "pseudonymise",
]

#: Every pseudonymous id starts with this prefix, then 16 lower-case hex digits.
PSEUDONYM_PREFIX: Final = "P-"
#: Shortest key accepted (256 bits, the size of the HMAC-SHA256 block's output): a key
#: is the only secret, and ``secrets.token_bytes(32)`` makes one.
MIN_KEY_LENGTH: Final = 32
#: ``shift_dates=True`` moves each case by 1 to this many whole weeks, earlier or later
#: (52 possible offsets: half a year either way; see
#: [`pseudonymise`][care_justice_protocol.pseudonymise]).
MAX_SHIFT_WEEKS: Final = 26
_HEX_DIGITS: Final = 16
#: Separates the offsets' keyed stream from the pseudonyms (the same key serves both).
_SHIFT_CONTEXT: Final = b"care_justice_protocol/shift-dates/1\x00"
#: How many of the earliest cases are tried again when the partnership results moved.
_ANCHORS_TRIED: Final = 8
_ISO_DATE: Final = re.compile(r"(\d{4}-\d{2}-\d{2})")

assert len(PSEUDONYM_PREFIX) + _HEX_DIGITS <= ID_MAX_LENGTH

_Rules = Protocol | Iterable[Protocol] | Rulebook


@attrs.frozen
class DateShiftReport:
    """What ``pseudonymise(..., shift_dates=True)`` did to the cases' dates.

    Attributes:
        as_of: the date on which every kept case's results were checked to be the same.
        max_weeks: the offsets tried: 1 to this many whole weeks, earlier or later.
        cases: the cases in the input.
        shifted: the cases in the output, every one of them shifted (none is kept
            unshifted).
        another_offset: of those, the cases for which the first offset tried (drawn with
            the key) did not keep the results the same, so a later one in the keyed
            order was taken.
        left_out: the cases left out of the output because no offset in the range kept
            their results the same (``cases == shifted + left_out``).
        partnership_unchanged: whether the partnership results (the quarterly meetings
            and quality assurance, evaluated on ``as_of``) are the same on the copy. They
            are not shifted, but their periods start at the caseload's earliest date, a
            case's date when the first management meeting or quality assurance record
            comes later; when no offset of the earliest cases keeps that start in the
            same period (or the case holding it is left out), this is ``False``: evaluate
            the partnership on the original, not on the copy.

    Examples:
        >>> report = DateShiftReport(date(2026, 11, 25), 26, cases=30, shifted=24,
        ...                          another_offset=5, left_out=6)
        >>> report.first_offset, report
        (19, DateShiftReport(as_of=datetime.date(2026, 11, 25), max_weeks=26, cases=30, \
shifted=24, another_offset=5, left_out=6, partnership_unchanged=True))
    """

    as_of: date
    max_weeks: int
    cases: int = attrs.field(kw_only=True)
    shifted: int = attrs.field(kw_only=True)
    another_offset: int = attrs.field(kw_only=True)
    left_out: int = attrs.field(kw_only=True)
    partnership_unchanged: bool = attrs.field(default=True, kw_only=True)

    @property
    def first_offset(self) -> int:
        """The shifted cases that kept the first offset tried."""
        return self.shifted - self.another_offset


@attrs.frozen
class Pseudonymised:
    """The result of ``pseudonymise(..., shift_dates=True)``: the copy and the report.

    Attributes:
        caseload: the pseudonymised, date-shifted caseload (the one to hand over).
        report: how many cases were shifted, needed another offset, or were left out
            (keep it: it is about the release, not part of it).
    """

    caseload: Caseload
    report: DateShiftReport


@overload
def pseudonymise(
    caseload: Caseload,
    key: bytes,
    *,
    protocols: _Rules | None = None,
    shift_dates: Literal[False] = False,
    as_of: None = None,
    calendar: None = None,
) -> Caseload: ...


@overload
def pseudonymise(
    caseload: Caseload,
    key: bytes,
    *,
    protocols: _Rules,
    shift_dates: Literal[True],
    as_of: date,
    calendar: WorkingCalendar | None = None,
) -> Pseudonymised: ...


@overload
def pseudonymise(
    caseload: Caseload,
    key: bytes,
    *,
    protocols: _Rules | None = None,
    shift_dates: bool,
    as_of: date | None = None,
    calendar: WorkingCalendar | None = None,
) -> Caseload | Pseudonymised: ...


def pseudonymise(
    caseload: Caseload,
    key: bytes,
    *,
    protocols: _Rules | None = None,
    shift_dates: bool = False,
    as_of: date | None = None,
    calendar: WorkingCalendar | None = None,
) -> Caseload | Pseudonymised:
    """A copy of *caseload* with ids replaced by keyed hashes and direct identifiers dropped.

    What changes:

    * **Identifiers** (case ids, young person ids, staff ids, ``recorded_by``,
      ``worker_id``, meeting attendees, disagreement ids, and the ``case_ids`` and ``by``
      of management meetings and quality assurance records) become
      ``"P-" + the first 16 hex digits of HMAC-SHA256(key, id)``. The same id becomes
      the same pseudonym everywhere in the document (one namespace for all ids), so every
      reference still resolves: a meeting attendee still names the same staff member and
      a quality assurance record still names the same cases. Pseudonyms are 18
      characters, well within [`ID_MAX_LENGTH`][care_justice_protocol.ID_MAX_LENGTH]. Every
      string field of the model is an identifier, free text or a source system's
      reference (the model refuses a string field that declares none of them), so a
      field added later is covered too.
    * **Names** (of young people and staff) become ``None``; **free text** that may name
      people (a disagreement's ``about``) becomes ``""``.
    * **Source-system references** (the ``external_ref`` of cases, events and staff: a
      council's own record numbers, which identify the records to anyone with the
      source system) become ``None``: removed, not replaced, so nothing in the copy
      links back to the source system.
    * **Dates of birth** are reduced to the first day of the birth month. This keeps
      every age-based rule (care-leaver status at 18, 21 and 25; young person under 18)
      correct to within a month while the exact birthday, a strong identifier when
      combined with a case, is gone.
    * **Events of declared types** ([`DeclaredEvent`][care_justice_protocol.DeclaredEvent]):
      ``recorded_by`` and every ``string`` field (the identifier kind) become pseudonyms;
      their other fields are terms, choices, flags and dates and are kept. Only the
      protocols that declare the types say which fields are ``string``: a caseload with
      such events needs ``protocols``.
    * **Orders that carry no meaning** go: the cases are put in the order of their
      pseudonyms (a keyed shuffle: without the key, a case's position says nothing about
      its position in the original); a case's staff, a meeting's attendees and the
      ``case_ids`` and ``by`` of management meetings and quality assurance records are
      put in pseudonym order; a case's events, the management meetings and the quality
      assurance records are put in date order. Events on the same day keep their
      recording order, which rules can depend on (the engine reads a case in date order,
      then recording order), so nothing the engine reads changes.

    With ``shift_dates=False`` (the default) nothing else changes: event dates, services
    and statuses are kept, so [`evaluate_caseload`][care_justice_protocol.evaluate_caseload] reports
    the same statuses, under the new ids (the results come in the new order of cases).

    **Shifting dates** (``shift_dates=True``; ``protocols`` and ``as_of`` are then
    required): every date of a case (event dates, ``for_date``, ``hearing_on``, date
    fields of declared events, and the date of birth before it is reduced to its month)
    moves by the same whole number of weeks, 1 to
    [`MAX_SHIFT_WEEKS`][care_justice_protocol.MAX_SHIFT_WEEKS] (26) earlier or later, drawn with the
    key for each young person (the cases of one young person move together, and are left out
    together). Whole weeks keep every weekday, so working-day counts change only where a bank
    holiday or closure day falls differently. Each shifted case is checked:
    evaluated on ``as_of`` with ``protocols`` (and ``calendar``) before and after, it
    must give the same results, field by field (obligation, status, strength, clause,
    policy, words), with every date in them (due, trigger, met on, and each date quoted
    in the words) moved by exactly the offset, except the protocol's own fixed dates
    (a version's first day, a service's last day) which stay; and the events it names
    outside a service's dates must be the same. Two rules hold whatever the results: no
    event moves across ``as_of`` (the case as it stood on that day must stay the same:
    an event on ``as_of`` can only move earlier, one after it only later), and no date
    moves before the caseload's earliest date, where the partnership's periods start;
    the partnership results (management meetings and quality assurance, which are not
    shifted) are compared too: if the offsets taken moved that start to another period,
    the earliest young people are tried at other offsets, and where none keeps it the
    report says so (``partnership_unchanged=False``). Where an offset fails the next one
    in the keyed order is tried; where none of the 52 keeps a case the same (a deadline
    still to come on ``as_of``, a bank holiday in a working-day window, six months that
    would count other days, a fixed date such as 25 June 2021 or a version's first day),
    the case is left out of the output. The
    [`DateShiftReport`][care_justice_protocol.DateShiftReport] says how many were shifted, how many
    needed another offset than the first and how many were left out. "The same" holds on ``as_of``:
    on another date a shifted case is seen at another point of its own history (that date minus its
    offset). Management meetings and quality assurance records keep their dates (they are about the
    partnership, not about one young person) and their ``case_ids`` keep naming cases that were left
    out.

    Without the key the pseudonyms and offsets cannot be reversed or recomputed; with it,
    anyone can check whether a given original id is in the data. Keep the key secret,
    and use a new key for each release of data that should not be linkable to the
    others. Pseudonymised data is still personal data: see the reliability page for
    what an intruder can still do (the intervals between a case's events are kept by
    design), with measured rates.

    Args:
        caseload: the caseload to pseudonymise.
        key: the secret key: at least 32 random bytes (``secrets.token_bytes(32)``);
            a key of one repeated byte, a repeating pattern, counting bytes or mostly
            one byte value is refused.
        protocols: the protocols (or a [`Rulebook`][care_justice_protocol.Rulebook]) the copy
            will be evaluated with: needed to check shifted cases, and for any events of
            declared types (their protocols say which fields are identifiers).
        shift_dates: whether to shift each case's dates (see above).
        as_of: with ``shift_dates=True``, the date the copy will be evaluated on.
        calendar: with ``shift_dates=True``, the working-day calendar the copy will be
            evaluated with (default: England and Wales; not with a rulebook).

    Returns:
        A new caseload; with ``shift_dates=True``, a
        [`Pseudonymised`][care_justice_protocol.Pseudonymised] holding the new caseload and its
        [`DateShiftReport`][care_justice_protocol.DateShiftReport].

    Raises:
        InvalidArgumentError: if *caseload* is not a caseload; *key* is not ``bytes``, is
            shorter than 32 bytes or is a pattern (the message says which, never the
            key); ``shift_dates=True`` without ``protocols`` or ``as_of``, or ``as_of``
            or ``calendar`` without it; the caseload holds an event of a declared type
            that none of ``protocols`` declares.

    Examples:
        >>> import secrets
        >>> from datetime import date
        >>> from care_justice_protocol import (
        ...     CareStatus, Caseload, JointCase, LegalStatus, YoungPerson)
        >>> yp = YoungPerson("YP-0007", date(2007, 5, 19), CareStatus.RELEVANT, False,
        ...                  LegalStatus.CHARGED, name="Jo Bloggs")
        >>> original = Caseload(cases=(JointCase("C-1", yp),))
        >>> key = secrets.token_bytes(32)
        >>> copy = pseudonymise(original, key)
        >>> person = copy.cases[0].young_person
        >>> person.id.startswith("P-"), len(person.id), person.name, person.date_of_birth
        (True, 18, None, datetime.date(2007, 5, 1))
        >>> copy == pseudonymise(original, key)
        True
        >>> original.cases[0].young_person.name
        'Jo Bloggs'
        >>> pseudonymise(original, bytes(range(32)))  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        care_justice_protocol..._errors.InvalidArgumentError: key must be secret random \
bytes, not counting bytes (each byte 1 more than the one before); make one with \
secrets.token_bytes(32)

        Shifting dates, checked on the date the copy will be evaluated on:

        >>> from care_justice_protocol import BUNDLED_PROTOCOLS, example_caseload
        >>> release = pseudonymise(example_caseload(), key, shift_dates=True,
        ...                        protocols=BUNDLED_PROTOCOLS, as_of=date(2026, 11, 25))
        >>> report = release.report
        >>> report.cases == report.shifted + report.left_out == 30
        True
        >>> len(release.caseload.cases) == report.shifted
        True
    """
    if not isinstance(caseload, Caseload):
        raise InvalidArgumentError(f"caseload must be a Caseload, not {type(caseload).__name__}")
    secret = _check_key(key)
    shift = check_flag("shift_dates", shift_dates)
    if shift:
        if protocols is None:
            raise InvalidArgumentError(
                "shift_dates=True needs protocols=: the protocols the copy will be evaluated "
                "with, so that each case's results can be checked before and after its shift"
            )
        if as_of is None:
            raise InvalidArgumentError(
                "shift_dates=True needs as_of=: the date the copy will be evaluated on (each "
                "shifted case keeps its results on that date)"
            )
        day = check_date("as_of", as_of)
    elif as_of is not None or calendar is not None:
        raise InvalidArgumentError(
            "as_of and calendar are used only with shift_dates=True (they say how the "
            "shifted copy will be evaluated)"
        )
    given = _given(protocols)
    declared = {tag: spec for p in given for tag, spec in p.vocabulary.event_types.items()}
    pseudonym = _pseudonyms(secret)
    scrubbed: Caseload = _scrub(caseload, pseudonym, declared, exact_birth=shift)
    ordered = _reordered(scrubbed)
    if not shift:
        return ordered
    assert protocols is not None
    checker = _Checker(protocols, given, day, calendar)
    return _shifted(ordered, caseload, secret, checker)


# --------------------------------------------------------------------------- the key


def _check_key(key: object) -> bytes:
    if not isinstance(key, bytes):
        raise InvalidArgumentError(
            f"key must be bytes, not {type(key).__name__} (make one with secrets.token_bytes(32))"
        )
    if len(key) < MIN_KEY_LENGTH:
        raise InvalidArgumentError(
            f"key must be at least {MIN_KEY_LENGTH} bytes, not {len(key)} (make one with "
            "secrets.token_bytes(32))"
        )
    weakness = key_weakness(key)
    if weakness is not None:
        raise InvalidArgumentError(
            f"key must be secret random bytes, not {weakness}; make one with "
            "secrets.token_bytes(32)"
        )
    return key


def key_weakness(key: bytes) -> str | None:
    """What makes *key* a guessable pattern, in words that never quote it (``None``: none).

    Refused: every byte the same; a repeating pattern (a block of at most half the key,
    repeated); counting bytes (each byte a constant step from the one before, such as
    ``bytes(range(32))``); one byte value making up more than half of the key. Random
    keys of 32 bytes are never refused in practice: the likeliest of these, one value
    filling 17 of 32 bytes, has a chance far below 1 in 10**20.

    Examples:
        >>> key_weakness(bytes(32))
        'one byte repeated (all 32 bytes the same)'
        >>> key_weakness(b"abcd" * 8)
        'a repeating pattern (a block of 4 bytes, repeated)'
        >>> key_weakness(bytes(range(40, 8, -1)))
        'counting bytes (each byte 1 less than the one before)'
        >>> key_weakness(bytes(31) + b"x")
        'mostly one byte value (31 of 32 bytes the same)'
        >>> key_weakness(bytes.fromhex("8f3a5c" + "17" * 29))
        'mostly one byte value (29 of 32 bytes the same)'
        >>> import secrets
        >>> key_weakness(secrets.token_bytes(32)) is None
        True
    """
    n = len(key)
    if n == 0:
        return "empty"
    if key.count(key[0]) == n:
        return f"one byte repeated (all {n} bytes the same)"
    for period in range(1, n // 2 + 1):
        if key[period:] == key[:-period]:
            return f"a repeating pattern (a block of {period} bytes, repeated)"
    step = (key[1] - key[0]) % 256
    if all((key[i + 1] - key[i]) % 256 == step for i in range(n - 1)):
        how = f"{step} more" if step < 128 else f"{256 - step} less"
        return f"counting bytes (each byte {how} than the one before)"
    count = Counter(key).most_common(1)[0][1]
    if count * 2 > n:
        return f"mostly one byte value ({count} of {n} bytes the same)"
    return None


# --------------------------------------------------------------------------- ids and text


def _pseudonyms(key: bytes) -> Callable[[str], str]:
    cache: dict[str, str] = {}

    def pseudonym(ident: str) -> str:
        found = cache.get(ident)
        if found is None:
            digest = hmac.new(key, ident.encode("utf-8", "surrogatepass"), hashlib.sha256)
            found = cache[ident] = PSEUDONYM_PREFIX + digest.hexdigest()[:_HEX_DIGITS]
        return found

    return pseudonym


def _given(protocols: _Rules | None) -> tuple[Protocol, ...]:
    if protocols is None:
        return ()
    if isinstance(protocols, Rulebook):
        return protocols.protocols
    if isinstance(protocols, Protocol):
        return (protocols,)
    if isinstance(protocols, str | bytes) or not isinstance(protocols, Iterable):
        raise InvalidArgumentError(
            "protocols must be a Protocol, an iterable of them or a Rulebook, not "
            f"{type(protocols).__name__}"
        )
    out = tuple(protocols)
    for p in out:
        if not isinstance(p, Protocol):
            raise InvalidArgumentError(
                f"protocols must hold Protocol values, not {type(p).__name__}"
            )
    return out


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
    return attrs.evolve(
        event, recorded_by=pseudonym(event.recorded_by), external_ref=None, values=values
    )


def _scrub(
    value: Any,
    pseudonym: Callable[[str], str],
    declared: Mapping[str, EventTypeSpec],
    *,
    exact_birth: bool = False,
) -> Any:
    """Rebuild *value*: ids through *pseudonym*, text blanked, source-system references
    (``external_ref``) removed, recursing into parts.

    The date of birth goes to the first of its month, unless *exact_birth* (dates are to
    be shifted first: the month is taken after the shift).
    """
    if isinstance(value, tuple):
        return tuple(_scrub(item, pseudonym, declared, exact_birth=exact_birth) for item in value)
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
        elif meaning is Meaning.EXTERNAL_REFERENCE:
            new = None  # a source system's own record reference: removed, not replaced
        elif isinstance(value, YoungPerson) and field.name == "date_of_birth":
            new = current if exact_birth else _first_of_month(current)
        else:
            new = _scrub(current, pseudonym, declared, exact_birth=exact_birth)
        if new is not current:
            changes[field.alias] = new
    return attrs.evolve(value, **changes) if changes else value


def _first_of_month(day: date) -> date:
    return day.replace(day=1)


# --------------------------------------------------------------------------- orders


def _on(record: Event | Meeting | QualityAssuranceRecord) -> date:
    return record.on


def _case_id(case: JointCase) -> str:
    return case.case_id


def _staff_id(member: Any) -> str:
    return str(member.id)


def _reordered(caseload: Caseload) -> Caseload:
    """The orders that carry no meaning replaced (ids are pseudonyms already, so sorting
    by them is a keyed shuffle)."""
    cases = tuple(sorted((_reordered_case(c) for c in caseload.cases), key=_case_id))
    meetings = sorted(
        (attrs.evolve(m, attendees=tuple(sorted(m.attendees)), case_ids=tuple(sorted(m.case_ids)))
         for m in caseload.management_meetings),
        key=_on,
    )  # fmt: skip
    records = sorted(
        (attrs.evolve(q, by=tuple(sorted(q.by)), case_ids=tuple(sorted(q.case_ids)))
         for q in caseload.quality_assurance),
        key=_on,
    )  # fmt: skip
    return attrs.evolve(
        caseload, cases=cases, management_meetings=tuple(meetings), quality_assurance=tuple(records)
    )


def _reordered_case(case: JointCase) -> JointCase:
    events = tuple(
        attrs.evolve(e, attendees=tuple(sorted(e.attendees))) if isinstance(e, MeetingHeld) else e
        for e in sorted(case.events, key=_on)  # stable: same-day recording order kept
    )
    staff = tuple(sorted(case.staff, key=_staff_id))
    return attrs.evolve(case, events=events, staff=staff)


# --------------------------------------------------------------------------- shifting dates


def keyed_offsets(key: bytes, ident: str) -> tuple[int, ...]:
    """Every offset in weeks (``-26 .. -1, 1 .. 26``), in an order drawn with *key* for *ident*.

    A Fisher-Yates shuffle driven by HMAC-SHA256(key, context, ident, counter), with
    rejection sampling so that every order, and so the first offset, is equally likely.

    Examples:
        >>> key = bytes.fromhex("9c" "41" "e2" "07") + bytes(range(100, 128))
        >>> order = keyed_offsets(key, "YP-0001")
        >>> sorted(order) == [w for w in range(-26, 27) if w], len(order)
        (True, 52)
        >>> order == keyed_offsets(key, "YP-0001") != keyed_offsets(key, "YP-0002")
        True
    """
    weeks = [w for w in range(-MAX_SHIFT_WEEKS, MAX_SHIFT_WEEKS + 1) if w]
    draws = _keyed_words(key, ident)
    for i in range(len(weeks) - 1, 0, -1):
        bound = i + 1
        limit = (1 << 32) - (1 << 32) % bound
        word = next(draws)
        while word >= limit:
            word = next(draws)
        j = word % bound
        weeks[i], weeks[j] = weeks[j], weeks[i]
    return tuple(weeks)


def _keyed_words(key: bytes, ident: str) -> Iterator[int]:
    seed = _SHIFT_CONTEXT + ident.encode("utf-8", "surrogatepass") + b"\x00"
    counter = 0
    while True:
        block = hmac.new(key, seed + counter.to_bytes(8, "big"), hashlib.sha256).digest()
        for i in range(0, len(block), 4):
            yield int.from_bytes(block[i : i + 4], "big")
        counter += 1


def _shift_value(value: Any, delta: timedelta) -> Any:
    if isinstance(value, date):
        return value + delta
    if isinstance(value, tuple) and any(isinstance(v, date) for v in value):
        return tuple(v + delta if isinstance(v, date) else v for v in value)
    return value


@functools.cache
def _date_fields(cls: type) -> tuple[tuple[str, str], ...]:
    """The (name, alias) of each field of the event class *cls* that holds a date (or
    ``None``) or a tuple of dates, from the model's declared shapes."""
    out = []
    for f in fields_of(cls):
        shape = f.shape
        while isinstance(shape, Maybe | Many):
            shape = shape.inner if isinstance(shape, Maybe) else shape.item
        if isinstance(shape, Scalar) and shape.type is date:
            out.append((f.name, f.alias))
    return tuple(out)


def _shift_event(event: Event, delta: timedelta) -> Event:
    if isinstance(event, DeclaredEvent):
        values = {name: _shift_value(v, delta) for name, v in event.values.items()}
        return attrs.evolve(event, on=event.on + delta, values=values)
    cls: type = type(event)
    changes = {
        alias: _shift_value(getattr(event, name), delta) for name, alias in _date_fields(cls)
    }
    return attrs.evolve(event, **changes)


def _shift_case(case: JointCase, delta: timedelta) -> JointCase:
    """*case* with every date moved by *delta* and the date of birth then reduced to its
    month (raises ``OverflowError`` past the years 1 to 9999)."""
    person = case.young_person
    person = attrs.evolve(person, date_of_birth=_first_of_month(person.date_of_birth + delta))
    events = tuple(_shift_event(e, delta) for e in case.events)
    return attrs.evolve(case, young_person=person, events=events)


def _unshifted(case: JointCase) -> JointCase:
    """*case* as it would be handed over without a shift (the reference to compare with)."""
    person = case.young_person
    return attrs.evolve(
        case, young_person=attrs.evolve(person, date_of_birth=_first_of_month(person.date_of_birth))
    )


_Outcome = tuple[list[ObligationResult], list[str]]


class _Checker:
    """Evaluates cases and compares their results before and after a shift."""

    def __init__(
        self, protocols: _Rules, given: tuple[Protocol, ...], as_of: date,
        calendar: WorkingCalendar | None,
    ) -> None:  # fmt: skip
        self.rules = protocols if isinstance(protocols, Rulebook) else given
        self.as_of = as_of
        self.periods = _lookup(given) if given else _lookup(None)
        self.fixed = _fixed_dates(given)
        self.has_periodic = any(p.periodic for p in given)
        # refuses a rulebook with a calendar beside it, and arguments of the wrong kind
        protocols_in_force, self.cal = engine_rules(self.rules, calendar)
        self.plans = _compile(protocols_in_force, self.cal)

    def outcome(self, case: JointCase) -> _Outcome:
        """The case's results on the as-of date (as ``evaluate`` gives them) and the events
        it names outside a service's dates."""
        results = _evaluate_case(case, self.as_of, self.plans, self.cal)
        return results, _case_problems(case, "$", *self.periods)

    def same(
        self,
        before: _Outcome,
        after: _Outcome,
        delta: timedelta,
    ) -> bool:
        (results, problems), (new_results, new_problems) = before, after
        if len(results) != len(new_results) or len(problems) != len(new_problems):
            return False
        fixed = self.fixed
        for r, s in zip(results, new_results, strict=True):
            if r.status is not s.status or r.strength is not s.strength:
                return False
            if r.obligation != s.obligation or r.case_id != s.case_id:
                return False
            for a, b in ((r.due, s.due), (r.trigger, s.trigger), (r.met_on, s.met_on)):
                if a is None or b is None:
                    if a is not b:
                        return False
                elif not _moved(a, b, delta):
                    return False
            for field in ("clause", "evidence", "explanation", "rule", "policy", "period"):
                if not _same_words(getattr(r, field), getattr(s, field), delta, fixed):
                    return False
        return all(
            _same_words(a, b, delta, fixed) for a, b in zip(problems, new_problems, strict=True)
        )

    def partnership(self, caseload: Caseload) -> tuple[ObligationResult, ...]:
        return evaluate_partnership(caseload, self.as_of, protocol=self.rules)


def _moved(before: date, after: date, delta: timedelta) -> bool:
    try:
        return after == before + delta
    except OverflowError:
        return False


def _same_words(
    before: str | None, after: str | None, delta: timedelta, fixed: frozenset[date]
) -> bool:
    """The same text, but for its ISO dates, each moved by *delta* (or, for the protocol's
    own fixed dates, kept)."""
    if before is None or after is None:
        return before is after
    if before == after and "-" not in before:
        return True
    old, new = _ISO_DATE.split(before), _ISO_DATE.split(after)
    if len(old) != len(new):
        return False
    for i, (a, b) in enumerate(zip(old, new, strict=True)):
        if i % 2 == 0:
            if a != b:
                return False
            continue
        try:
            was, now = date.fromisoformat(a), date.fromisoformat(b)
        except ValueError:
            if a != b:
                return False
            continue
        if not (_moved(was, now, delta) or (was == now and was in fixed)):
            return False
    return True


def _fixed_dates(protocols: tuple[Protocol, ...]) -> frozenset[date]:
    """The dates rules quote that are not a case's: versions' and services' first and last
    days (they stay where they are when a case moves)."""
    out: set[date | None] = set()
    for period in SERVICE_PERIODS.values():
        out.update((period.start, period.end))
    for p in protocols:
        for v in p.versions:
            out.update((v.effective_from, v.effective_to, v.review_due))
            for text in (v.id, v.label):
                for token in _ISO_DATE.findall(text):
                    with contextlib.suppress(ValueError):
                        out.add(date.fromisoformat(token))
        for term in p.vocabulary.services.values():
            out.update((term.period.start, term.period.end))
    out.discard(None)
    return frozenset(d for d in out if d is not None)


@attrs.define
class _Group:
    """The cases of one young person, moved together by one offset."""

    cases: list[int]  # indexes into the reordered caseload's cases
    offsets: tuple[int, ...]
    first_day: date | None
    #: The latest event on or before the as-of date, the earliest after it.
    last_seen: date | None
    first_unseen: date | None
    chosen: int | None = None  # index into offsets

    def keeps_in_place(self, delta: timedelta, earliest: date | None, as_of: date) -> bool:
        """Whether *delta* moves no event across the as-of date (the case as it stood that
        day would change) and none before *earliest*."""
        try:
            return (
                (self.last_seen is None or self.last_seen + delta <= as_of)
                and (self.first_unseen is None or self.first_unseen + delta > as_of)
                and (earliest is None or self.first_day is None
                     or self.first_day + delta >= earliest)
            )  # fmt: skip
        except OverflowError:
            return False


def _shifted(ordered: Caseload, original: Caseload, key: bytes, checker: _Checker) -> Pseudonymised:
    from ..compliance._partnership import _earliest_day

    cases = ordered.cases
    references = [checker.outcome(_unshifted(c)) for c in cases]
    by_person: dict[str, list[int]] = {}
    for index, case in enumerate(cases):
        by_person.setdefault(case.young_person.id, []).append(index)
    earliest = _earliest_day(original) if checker.has_periodic else None
    day = checker.as_of
    groups = []
    for person, indexes in by_person.items():
        days = [e.on for i in indexes for e in cases[i].events]
        seen = [d for d in days if d <= day]
        unseen = [d for d in days if d > day]
        groups.append(_Group(indexes, keyed_offsets(key, person), min(days, default=None),
                             max(seen, default=None), min(unseen, default=None)))  # fmt: skip

    shifted: dict[int, JointCase] = {}

    def fits(group: _Group, weeks: int) -> dict[int, JointCase] | None:
        delta = timedelta(weeks=weeks)
        if not group.keeps_in_place(delta, earliest, day):
            return None
        out = {}
        for i in group.cases:
            try:
                moved = _shift_case(cases[i], delta)
            except OverflowError:
                return None
            if not checker.same(references[i], checker.outcome(moved), delta):
                return None
            out[i] = moved
        return out

    for group in groups:
        for position, weeks in enumerate(group.offsets):
            found = fits(group, weeks)
            if found is not None:
                group.chosen = position
                shifted.update(found)
                break

    def build() -> Caseload:
        kept = tuple(shifted[i] for i in range(len(cases)) if i in shifted)
        return attrs.evolve(ordered, cases=kept)

    expected = checker.partnership(attrs.evolve(ordered, cases=tuple(map(_unshifted, cases))))
    result = build()
    kept = not checker.has_periodic or checker.partnership(result) == expected
    if not kept:
        repaired = _repair(groups, shifted, fits, build, checker, expected)
        kept = repaired is not None
        result = repaired or build()
    another = sum(len(g.cases) for g in groups if g.chosen not in (None, 0))
    report = DateShiftReport(
        checker.as_of,
        MAX_SHIFT_WEEKS,
        cases=len(cases),
        shifted=len(result.cases),
        another_offset=another,
        left_out=len(cases) - len(result.cases),
        partnership_unchanged=kept,
    )
    return Pseudonymised(result, report)


def _repair(
    groups: list[_Group],
    shifted: dict[int, JointCase],
    fits: Callable[[_Group, int], dict[int, JointCase] | None],
    build: Callable[[], Caseload],
    checker: _Checker,
    expected: tuple[ObligationResult, ...],
) -> Caseload | None:
    """Move one of the earliest young people by another offset until the partnership
    results (whose periods start at the caseload's earliest date) are the same again
    (``None``: none of them can; every case keeps the offset it had)."""
    candidates = sorted(
        (g for g in groups if g.chosen is not None and g.first_day is not None),
        key=lambda g: g.first_day or date.max,
    )[:_ANCHORS_TRIED]
    for group in candidates:
        assert group.chosen is not None
        before = group.chosen, {i: shifted[i] for i in group.cases}
        for position, weeks in enumerate(group.offsets):
            if position == before[0]:
                continue
            found = fits(group, weeks)
            if found is None:
                continue
            shifted.update(found)
            result = build()
            if checker.partnership(result) == expected:
                group.chosen = position
                return result
        shifted.update(before[1])
    return None
