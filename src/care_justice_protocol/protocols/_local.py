"""A council's local variant of the protocols, loaded from data (no code changes).

A local variant may set, for the obligations of any protocol it is loaded for:

* ``timescales``: a local timescale for any case-level obligation: working days after the
  trigger (``10`` or ``{"working_days": 10}``) or calendar months (``{"months": 3}``; a
  recurring obligation such as a 6-monthly review takes months only). Where the protocol
  gives no timescale the words are ``"local timescale: ..."``; where it gives one they
  also say what the protocol's is: ``"local timescale: 10 working days after allocation
  on 2026-12-18 (protocol: 15 working days)"``;
* ``extra_closures``: local closure days added to the England calendar;
* ``policies``: the reading of "quarterly" / "twice a year" per periodic obligation
  (``"per-calendar-period"`` or ``"at-most-n-months-since-last"``);
* ``contacts``: who the single point of contact is per service (configuration only;
  never hard-coded people);
* ``ladder_timescales``: working days for leaving each rung of an escalation ladder, by
  ladder id and rung state;
* ``notes_rotation``: the order in which the agencies take the notes of a periodic
  meeting whose notes rotate, by periodic obligation id.

A variant is used through one value, [`Rulebook`][care_justice_protocol.Rulebook]:
``variant.applied_to(protocols)`` holds the adjusted protocols *and* the calendar with the local
closures (and the contacts and ladder timescales), and the evaluators take it as ``protocol=``.
Passing a calendar beside it is refused, so no part of the variant can be left out by mistake.

Example document::

    {"schema_version": 1,
     "timescales": {"3.14.12/2/joint-meeting-with-young-person": 10,
                    "3.14.12/2/meet-within-15-working-days": 10,
                    "3.14.13/charged/legal-representation": {"months": 1}},
     "extra_closures": ["2026-12-24"],
     "policies": {"3.14.12/3/quarterly-management-meeting": "at-most-n-months-since-last"},
     "contacts": {"next-step": "Next Step SPOC (duty inbox)"},
     "ladder_timescales": {"yos-next-steps-disputes": {"operational-managers": 10}},
     "notes_rotation": {"3.14.13/3/quarterly-middle-management-meeting":
                        ["@probation", "next-step"]}}

The document keeps ``schema_version`` 1: every key and value form added since the first
release is an addition, and a reader of the first release rejects each of them with an
error (an unknown key, or a timescale for an obligation that has one), so no document can
be misread silently by any version.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, Final, TypeVar

import attrs

from .._errors import InvalidArgumentError, ValidationError, _did_you_mean, _safe_repr
from .._strict_json import StrictJSONError, strict_json_loads
from ..calendar._deadlines import DeadlineShape, MonthsAfter, NoTimescale, WorkingDaysAfter
from ..calendar._periods import PeriodPolicy
from ..calendar._working_days import WorkingCalendar
from ._rules import (
    MAX_LOCAL_DAYS,
    MAX_LOCAL_MONTHS,
    LadderSpec,
    Obligation,
    PeriodicObligation,
    Protocol,
    UnknownObligationError,
    local_shape,
)

__all__ = ["LocalVariant", "Rulebook", "RungTimescale", "load_local_variant"]

_KEYS: Final = (
    "schema_version",
    "timescales",
    "extra_closures",
    "policies",
    "contacts",
    "ladder_timescales",
    "notes_rotation",
)
#: A date as a document writes it, YYYY-MM-DD.
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: The most characters a contact may have.
MAX_CONTACT_LENGTH: Final = 200
#: The most working days a ladder rung may be given (as in a protocol file).
MAX_RUNG_DAYS: Final = 3650

_V = TypeVar("_V")


def _read_only(value: Mapping[str, _V]) -> Mapping[str, _V]:
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(f"expected a mapping, not {type(value).__name__}")
    return MappingProxyType(dict(value))


def _timescales(value: Mapping[str, object]) -> Mapping[str, DeadlineShape]:
    """Counts become [`WorkingDaysAfter`][care_justice_protocol.WorkingDaysAfter]; shapes are
    checked when applied."""
    out: dict[str, Any] = {}
    for oid, v in _read_only(value).items():
        out[oid] = local_shape(oid, v, NoTimescale()) if v.__class__ is int else v
    return MappingProxyType(out)


def _ladder_days(value: Mapping[str, Mapping[str, int]]) -> Mapping[str, Mapping[str, int]]:
    return MappingProxyType({k: _read_only(v) for k, v in _read_only(value).items()})


def _rotations(value: Mapping[str, Iterable[str]]) -> Mapping[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for oid, order in _read_only(value).items():
        if isinstance(order, str) or not isinstance(order, Iterable):
            raise InvalidArgumentError(
                f"notes_rotation for {oid!r} must be a list of services, not {type(order).__name__}"
            )
        out[oid] = tuple(order)
    return MappingProxyType(out)


def _frozen_dates(value: Iterable[date]) -> frozenset[date]:
    return frozenset(value)


def _mapping_field(converter: Any) -> Any:
    return attrs.field(factory=dict, converter=converter, hash=False)


def _owned_by(protocol: Protocol, oid: str) -> bool:
    return oid.startswith(protocol.id + "/")


@attrs.frozen
class LocalVariant:
    """A council's local settings. The empty variant changes nothing.

    Use it through [`applied_to`][care_justice_protocol.LocalVariant.applied_to], which gives the
    one value (a [`Rulebook`][care_justice_protocol.Rulebook]) the evaluators take;
    [`apply`][care_justice_protocol.LocalVariant.apply] and
    [`calendar`][care_justice_protocol.LocalVariant.calendar] are its two halves.

    Attributes:
        timescales: local timescales by case-level obligation id (a count is working
            days; [`WorkingDaysAfter`][care_justice_protocol.WorkingDaysAfter] or
            [`MonthsAfter`][care_justice_protocol.MonthsAfter] as given).
        extra_closures: local closure days.
        policies: readings of "quarterly" / "twice a year" by periodic obligation id.
        contacts: the single point of contact by service id.
        ladder_timescales: working days per rung, by ladder id then rung state.
        notes_rotation: the order the agencies take the notes in, by periodic
            obligation id (services, or ``"@<group>"``).

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import BUNDLED_PROTOCOLS
        >>> v = LocalVariant(timescales={"3.14.12/2/joint-meeting-with-young-person": 10,
        ...                              "3.14.12/2/meet-within-15-working-days": 10},
        ...                  extra_closures=frozenset({date(2026, 12, 24)}))
        >>> rules = v.applied_to(BUNDLED_PROTOCOLS)
        >>> p = rules.protocol("3.14.12")
        >>> p.obligation("3.14.12/2/joint-meeting-with-young-person").deadline.describe(
        ...     "the meeting")
        'local timescale: 10 working days after the meeting'
        >>> p.obligation("3.14.12/2/meet-within-15-working-days").deadline.describe(
        ...     "allocation")
        'local timescale: 10 working days after allocation (protocol: 15 working days)'
        >>> rules.calendar.is_working_day(date(2026, 12, 24))
        False
    """

    timescales: Mapping[str, DeadlineShape] = _mapping_field(_timescales)
    extra_closures: frozenset[date] = attrs.field(default=frozenset(), converter=_frozen_dates)
    policies: Mapping[str, PeriodPolicy] = _mapping_field(_read_only)
    contacts: Mapping[str, str] = _mapping_field(_read_only)
    ladder_timescales: Mapping[str, Mapping[str, int]] = _mapping_field(_ladder_days)
    notes_rotation: Mapping[str, tuple[str, ...]] = _mapping_field(_rotations)

    def apply(self, protocol: Protocol) -> Protocol:
        """The protocol with this variant's timescales, period policies and rotations.

        Only the entries for ``protocol``'s own obligations (ids ``"<protocol id>/..."``)
        apply to it, so one variant serves several protocols. The calendar, contacts and
        ladder timescales are not part of a protocol:
        [`applied_to`][care_justice_protocol.LocalVariant.applied_to] keeps them all together.

        Raises:
            InvalidArgumentError: every entry for ``protocol`` that names nothing in it
                or cannot apply (an
                [`UnknownObligationError`][care_justice_protocol.UnknownObligationError] when there
                is only one and it is an unknown id).
        """
        problems: list[InvalidArgumentError] = []
        out = self._apply(protocol, problems)
        _raise(problems)
        return out

    def _apply(self, protocol: Protocol, problems: list[InvalidArgumentError]) -> Protocol:
        def own(values: Mapping[str, _V]) -> dict[str, _V]:
            return {k: v for k, v in values.items() if _owned_by(protocol, k)}

        timescales, policies = own(self.timescales), own(self.policies)
        rotations = own(self.notes_rotation)
        if not (timescales or policies or rotations):
            return protocol
        before = len(problems)
        # Each entry alone first, so that every problem is reported, not just the first.
        for oid, value in timescales.items():
            _attempt(problems, protocol.with_timescales, {oid: value})
        for oid, policy in policies.items():
            _attempt(problems, protocol.with_policies, {oid: policy})
        for oid, order in rotations.items():
            _attempt(problems, protocol.with_rotations, {oid: order})
        if len(problems) > before:
            return protocol
        return (
            protocol.with_timescales(timescales).with_policies(policies).with_rotations(rotations)
        )

    def calendar(self, base: WorkingCalendar | None = None) -> WorkingCalendar:
        """``base`` (default: the England calendar) with this variant's local closures."""
        if base is None:
            return WorkingCalendar.england(extra_closures=self.extra_closures)
        if not isinstance(base, WorkingCalendar):
            raise InvalidArgumentError(
                f"calendar must be a WorkingCalendar, not {type(base).__name__}"
            )
        return base.with_closures(*self.extra_closures) if self.extra_closures else base

    def applied_to(
        self,
        protocols: Protocol | Iterable[Protocol],
        *,
        calendar: WorkingCalendar | None = None,
    ) -> Rulebook:
        """The protocols with this variant applied, with its calendar: one value.

        Pass the result as ``protocol=`` to [`evaluate`][care_justice_protocol.evaluate],
        [`evaluate_caseload`][care_justice_protocol.evaluate_caseload],
        [`evaluate_partnership`][care_justice_protocol.evaluate_partnership] and
        [`notes_rotation`][care_justice_protocol.notes_rotation]; it carries the calendar, so those
        refuse a separate ``calendar=``.

        Entries for protocols not among ``protocols`` (ids of another protocol, ladders
        none of them has, services none of them declares) are left out, so one variant
        serves any selection of the protocols it was loaded for.

        Args:
            protocols: one protocol or several.
            calendar: the calendar the local closures are added to (default: England).

        Raises:
            InvalidArgumentError: every entry for one of ``protocols`` that names nothing
                in it or cannot apply, in one error.
        """
        chosen = _protocol_tuple(protocols)
        problems: list[InvalidArgumentError] = []
        adjusted = tuple(self._apply(p, problems) for p in chosen)
        ladders = {lad.id for p in chosen for lad in p.ladders}
        services = {s for p in chosen for s in p.vocabulary.services}
        rung_days = {k: v for k, v in self.ladder_timescales.items() if k in ladders}
        problems.extend(InvalidArgumentError(m) for m in _ladder_problems(chosen, rung_days))
        _raise(problems)
        return Rulebook(
            adjusted,
            self.calendar(calendar),
            contacts={k: v for k, v in self.contacts.items() if k in services},
            ladder_timescales=rung_days,
        )


def _attempt(
    problems: list[InvalidArgumentError], apply: Any, argument: Mapping[str, object]
) -> None:
    try:
        apply(argument)
    except InvalidArgumentError as error:
        problems.append(error)


def _raise(problems: list[InvalidArgumentError]) -> None:
    """Raise the one problem as it is (an unknown id stays a KeyError too), or all in one."""
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise InvalidArgumentError("; ".join(str(p) for p in problems))


def _whole(value: object, low: int, high: int) -> bool:
    """Whether ``value`` is an int (not a bool) from ``low`` to ``high``."""
    return isinstance(value, int) and value.__class__ is int and low <= value <= high


def _protocol_tuple(protocols: object) -> tuple[Protocol, ...]:
    if isinstance(protocols, Protocol):
        return (protocols,)
    if isinstance(protocols, Rulebook):
        raise InvalidArgumentError(
            "protocols is already a Rulebook (a variant applied to protocols); give the "
            "plain protocols, e.g. rulebook.protocols"
        )
    if isinstance(protocols, str | bytes) or not isinstance(protocols, Iterable):
        raise InvalidArgumentError(
            f"protocols must be a Protocol or an iterable of them, not {type(protocols).__name__}"
        )
    out = tuple(protocols)
    for p in out:
        if not isinstance(p, Protocol):
            raise InvalidArgumentError(f"protocols must hold Protocols, not {type(p).__name__}")
    ids = [p.id for p in out]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise InvalidArgumentError(f"protocol {', '.join(repeated)} is given more than once")
    return out


def _ladders_by_id(protocols: Iterable[Protocol]) -> dict[str, list[LadderSpec]]:
    out: dict[str, list[LadderSpec]] = {}
    for p in protocols:
        for lad in p.ladders:
            out.setdefault(lad.id, []).append(lad)
    return out


def _ladder_problems(
    protocols: tuple[Protocol, ...], rung_days: Mapping[str, Mapping[str, object]]
) -> list[str]:
    by_id = _ladders_by_id(protocols)
    problems: list[str] = []
    for lid, states in rung_days.items():
        found = by_id.get(lid)
        if not found:
            known = ", ".join(by_id) or "none"
            problems.append(f"no ladder {_safe_repr(lid)} in the protocols (ladders: {known})")
            continue
        rungs = [r.state for lad in found for r in lad.rungs]
        for state, days in states.items():
            if state not in rungs:
                problems.append(
                    f"{_safe_repr(state)} is not a rung of ladder {lid!r} "
                    f"(rungs: {', '.join(rungs)})"
                )
            elif not _whole(days, 1, MAX_RUNG_DAYS):
                problems.append(
                    f"ladder {lid!r} rung {state!r}: expected a whole number of working days "
                    f"from 1 to {MAX_RUNG_DAYS}, got {_safe_repr(days)}"
                )
    return problems


@attrs.frozen
class RungTimescale:
    """The timescale in force for one rung of a ladder, and where it comes from.

    Attributes:
        ladder: the ladder's id.
        state: the rung's state.
        working_days: the working days allowed at the rung, or ``None`` for none.
        local: whether they are the council's own (the local variant's).
        protocol_working_days: the protocol's own timescale for the rung, if any.

    Examples:
        >>> RungTimescale("l", "s", 10, True, None).describe()
        'local timescale: 10 working days'
        >>> RungTimescale("l", "s", 10, True, 15).describe()
        'local timescale: 10 working days (protocol: 15 working days)'
        >>> RungTimescale("l", "s", None, False, None).describe()
        'no timescale in protocol'
    """

    ladder: str
    state: str
    working_days: int | None
    local: bool
    protocol_working_days: int | None = None

    def describe(self) -> str:
        """The timescale in words, as a result would quote it."""
        if self.working_days is None:
            return NoTimescale().describe()
        words = WorkingDaysAfter(self.working_days).timescale()
        if not self.local:
            return words
        theirs = self.protocol_working_days
        suffix = "" if theirs is None else f" (protocol: {WorkingDaysAfter(theirs).timescale()})"
        return f"local timescale: {words}{suffix}"


def _check_calendar(_: object, __: object, value: object) -> None:
    if not isinstance(value, WorkingCalendar):
        raise InvalidArgumentError(
            f"calendar must be a WorkingCalendar, not {type(value).__name__}"
        )


def _england() -> WorkingCalendar:
    return WorkingCalendar.england()


@attrs.frozen(eq=True)
class Rulebook:
    """The protocols a council works to, with its local variant applied: one value.

    It holds the (adjusted) protocols, the working-day calendar with the local closures,
    the contacts and the ladder timescales, so that none of them can be left out: the
    evaluators take it as ``protocol=`` and refuse a separate ``calendar=`` beside it.
    Build it with [`LocalVariant.applied_to`][care_justice_protocol.LocalVariant.applied_to], or
    directly from plain protocols.

    A rulebook is deliberately not iterable: a function that takes only protocols
    refuses it rather than quietly dropping its calendar. Its protocols are
    [`protocols`][care_justice_protocol.Rulebook].

    Attributes:
        protocols: the protocols, adjusted by the variant.
        calendar: the working-day calendar (default: England & Wales).
        contacts: the single point of contact by service id.
        ladder_timescales: the local working days per rung, by ladder id then state.

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import BUNDLED_PROTOCOLS
        >>> rules = LocalVariant(
        ...     ladder_timescales={"yos-next-steps-disputes": {"heads-of-service": 10}}
        ... ).applied_to(BUNDLED_PROTOCOLS)
        >>> [p.id for p in rules.protocols]
        ['3.14.12', '3.14.13']
        >>> rules.rung_timescale("yos-next-steps-disputes", "heads-of-service").describe()
        'local timescale: 10 working days'
        >>> rules.rung_timescale("yos-next-steps-disputes", "operational-managers").describe()
        'no timescale in protocol'
    """

    protocols: tuple[Protocol, ...] = attrs.field(converter=_protocol_tuple)
    calendar: WorkingCalendar = attrs.field(factory=_england, validator=_check_calendar)
    contacts: Mapping[str, str] = _mapping_field(_read_only)
    ladder_timescales: Mapping[str, Mapping[str, int]] = _mapping_field(_ladder_days)

    def __attrs_post_init__(self) -> None:
        problems = _ladder_problems(self.protocols, self.ladder_timescales)
        services = {s for p in self.protocols for s in p.vocabulary.services}
        for service, contact in self.contacts.items():
            if service not in services:
                problems.append(
                    f"contact for {_safe_repr(service)}: not a service the protocols declare "
                    f"({', '.join(sorted(services)) or 'none'})"
                )
            elif not _is_contact(contact):
                problems.append(
                    f"contact for {service!r}: expected a non-empty string of at most "
                    f"{MAX_CONTACT_LENGTH} characters"
                )
        if problems:
            raise InvalidArgumentError("; ".join(problems))

    def protocol(self, protocol_id: str) -> Protocol:
        """The protocol with this id.

        Raises:
            InvalidArgumentError: the rulebook has no such protocol (the known ids are
                named).
        """
        for p in self.protocols:
            if p.id == protocol_id:
                return p
        known = ", ".join(p.id for p in self.protocols) or "none"
        raise InvalidArgumentError(
            f"no protocol {_safe_repr(protocol_id)} in the rulebook (protocols: {known})"
        )

    def obligation(self, obligation_id: str) -> Obligation | PeriodicObligation:
        """The obligation (case-level or periodic) with this id, in whichever protocol.

        Raises:
            UnknownObligationError: no protocol of the rulebook has it.
        """
        for p in self.protocols:
            if _owned_by(p, obligation_id):
                return p.obligation(obligation_id)
        known = tuple(o.id for p in self.protocols for o in (*p.obligations, *p.periodic))
        raise UnknownObligationError((obligation_id,), known, "the rulebook")

    def contact(self, service: str) -> str | None:
        """The single point of contact configured for ``service``, or ``None``."""
        return self.contacts.get(service)

    def rung_timescale(self, ladder_id: str, state: str) -> RungTimescale:
        """The timescale in force at a ladder's rung: the local one, else the protocol's.

        Raises:
            InvalidArgumentError: no ladder of the rulebook's protocols has that id, or it
                has no rung in that state.
        """
        found = _ladders_by_id(self.protocols).get(ladder_id)
        if not found:
            known = ", ".join(_ladders_by_id(self.protocols)) or "none"
            raise InvalidArgumentError(
                f"no ladder {_safe_repr(ladder_id)} in the rulebook (ladders: {known})"
            )
        rung = next((r for lad in found for r in lad.rungs if r.state == state), None)
        if rung is None:
            rungs = ", ".join(r.state for lad in found for r in lad.rungs)
            raise InvalidArgumentError(
                f"{_safe_repr(state)} is not a rung of ladder {ladder_id!r} (rungs: {rungs})"
            )
        local = self.ladder_timescales.get(ladder_id, {}).get(state)
        if local is None:
            return RungTimescale(ladder_id, state, rung.working_days, False, rung.working_days)
        return RungTimescale(ladder_id, state, local, True, rung.working_days)


def _is_contact(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip()) and len(value) <= MAX_CONTACT_LENGTH


# --------------------------------------------------------------------------- documents


class _Reader:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{message} @ {path}")

    def obj(self, doc: Any, path: str) -> Mapping[str, Any]:
        """``doc`` if it is an object; otherwise note the error (and read it as empty)."""
        if not isinstance(doc, Mapping):
            self.error(path, "expected an object")
            return {}
        return doc

    def section(self, doc: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        return self.obj(doc.get(key, {}), f"$.{key}")


#: The longest key a path shows in full (a longer one is cut, so messages stay short).
_MAX_KEY_SHOWN: Final = 80


def _key(path: str, key: str) -> str:
    shown = key if len(key) <= _MAX_KEY_SHOWN else key[: _MAX_KEY_SHOWN - 3] + "..."
    return f"{path}[{json.dumps(shown)}]"


def load_local_variant(
    data: str | bytes | Mapping[str, Any], *, protocols: Iterable[Protocol]
) -> LocalVariant:
    """Read a local variant document (JSON text, bytes or an already parsed mapping).

    Every obligation id, ladder, rung, service and group is checked against
    ``protocols`` (the protocols the variant is for), and every problem is reported at
    once, each with its path in the document. Messages quote ids, keys and numbers, never
    a contact's text.

    Raises:
        ValidationError: listing every problem with its path.
        InvalidArgumentError: ``protocols`` is not one or more protocols (a
            [`Rulebook`][care_justice_protocol.Rulebook] is refused: give its ``protocols``).

    Examples:
        >>> from care_justice_protocol import BUNDLED_PROTOCOLS
        >>> v = load_local_variant('{"timescales": {"3.14.12/2/meet-within-15-working-days":'
        ...                        ' 10}}', protocols=BUNDLED_PROTOCOLS)
        >>> v.timescales["3.14.12/2/meet-within-15-working-days"]
        WorkingDaysAfter(days=10)
        >>> try:
        ...     load_local_variant('{"timescales": {"3.14.12/2/typo": 10}, "colour": 1}',
        ...                        protocols=BUNDLED_PROTOCOLS)
        ... except ValidationError as error:
        ...     for line in error.errors:
        ...         print(line)
        unknown key 'colour' (allowed: schema_version, timescales, extra_closures, \
policies, contacts, ladder_timescales, notes_rotation) @ $
        '3.14.12/2/typo' is not a case-level obligation of protocol 3.14.12 or 3.14.13 \
@ $.timescales["3.14.12/2/typo"]
    """
    given = _protocol_tuple(protocols)
    doc: Any = data
    if isinstance(data, str | bytes | bytearray):
        try:
            doc = strict_json_loads(data if isinstance(data, str) else bytes(data))
        except StrictJSONError as exc:
            raise ValidationError(list(exc.errors), what="local variant") from None
    if not isinstance(doc, Mapping):
        raise ValidationError(
            [f"expected an object, got {type(doc).__name__} @ $"], what="local variant"
        )
    r = _Reader()
    r.obj(doc, "$")
    for key in doc:
        if key not in _KEYS:
            r.error("$", f"unknown key {_safe_repr(key)} (allowed: {', '.join(_KEYS)})")
    version = doc.get("schema_version", 1)
    if version != 1 or version.__class__ is not int:
        r.error("$.schema_version", f"unsupported schema_version {_safe_repr(version)}; this "
                "library reads 1")  # fmt: skip
    names = " or ".join(p.id for p in given) or "(none given)"
    where = f"protocol {names}"
    variant = LocalVariant(
        _read_timescales(r, r.section(doc, "timescales"), given, where),
        _read_closures(r, doc.get("extra_closures", [])),
        _read_policies(r, r.section(doc, "policies"), given, where),
        _read_contacts(r, r.section(doc, "contacts"), given, where),
        _read_ladders(r, r.section(doc, "ladder_timescales"), given, where),
        _read_rotations(r, r.section(doc, "notes_rotation"), given, where),
    )
    if r.errors:
        raise ValidationError(r.errors, what="local variant")
    return variant


def _case_level(protocols: tuple[Protocol, ...]) -> dict[str, Obligation]:
    return {o.id: o for p in protocols for o in p.obligations}


def _periodic(protocols: tuple[Protocol, ...]) -> dict[str, tuple[Protocol, PeriodicObligation]]:
    return {q.id: (p, q) for p in protocols for q in p.periodic}


def _read_timescales(
    r: _Reader, raw: Mapping[str, Any], protocols: tuple[Protocol, ...], where: str
) -> dict[str, DeadlineShape]:
    case_level, periodic = _case_level(protocols), _periodic(protocols)
    out: dict[str, DeadlineShape] = {}
    for oid, value in raw.items():
        path = _key("$.timescales", oid)
        ob = case_level.get(oid)
        if ob is None:
            hint = (
                " (it is a partnership obligation: set its reading under policies)"
                if oid in periodic
                else ""
            )
            hint = hint or _did_you_mean(oid, case_level)
            r.error(path, f"{_safe_repr(oid)} is not a case-level obligation of {where}{hint}")
            continue
        shape = _read_shape(r, value, path)
        if shape is None:
            continue
        try:
            local_shape(oid, shape, ob.deadline)
        except InvalidArgumentError:
            r.error(
                path,
                f"{oid!r} recurs ({ob.deadline.timescale()}): give its local timescale in "
                'months, {"months": n}',
            )
            continue
        out[oid] = shape
    return out


_FORMS: Final = (
    f"a whole number of working days from 0 to {MAX_LOCAL_DAYS}, "
    '{"working_days": n} or {"months": n}'
)


def _read_shape(r: _Reader, value: object, path: str) -> DeadlineShape | None:
    if isinstance(value, Mapping):
        if len(value) != 1 or next(iter(value)) not in ("working_days", "months"):
            keys = ", ".join(_safe_repr(k) for k in value) or "none"
            r.error(path, f"expected exactly one of the keys working_days, months; got {keys}")
            return None
        ((unit, n),) = value.items()
        low, high = (0, MAX_LOCAL_DAYS) if unit == "working_days" else (1, MAX_LOCAL_MONTHS)
        if not _whole(n, low, high):
            r.error(
                f"{path}.{unit}",
                f"expected a whole number from {low} to {high}, got {_safe_repr(n)}",
            )
            return None
        return WorkingDaysAfter(n) if unit == "working_days" else MonthsAfter(n)
    if not _whole(value, 0, MAX_LOCAL_DAYS):
        quoted = isinstance(value, str) and value.isdigit()
        r.error(
            path,
            f"expected {_FORMS}, got {_safe_repr(value)}"
            + (f"; write it without quotes: {value}" if quoted else ""),
        )
        return None
    assert isinstance(value, int)
    return WorkingDaysAfter(value)


def _read_closures(r: _Reader, dates: object) -> frozenset[date]:
    closures: set[date] = set()
    if not isinstance(dates, list):
        r.error("$.extra_closures", "expected a list of dates")
        return frozenset()
    for i, text in enumerate(dates):
        try:
            # date.fromisoformat alone would also read "2026-W48-1"
            if not isinstance(text, str) or not _DATE.fullmatch(text):
                raise ValueError
            closures.add(date.fromisoformat(text))
        except ValueError:
            r.error(f"$.extra_closures[{i}]", f"expected a date YYYY-MM-DD, got {_safe_repr(text)}")
    return frozenset(closures)


def _read_policies(
    r: _Reader, raw: Mapping[str, Any], protocols: tuple[Protocol, ...], where: str
) -> dict[str, PeriodPolicy]:
    periodic = _periodic(protocols)
    out: dict[str, PeriodPolicy] = {}
    for oid, value in raw.items():
        path = _key("$.policies", oid)
        if oid not in periodic:
            r.error(
                path,
                f"{_safe_repr(oid)} is not a periodic obligation of {where}"
                + _did_you_mean(oid, periodic),
            )
            continue
        try:
            policy = PeriodPolicy(value)
        except ValueError:
            allowed = ", ".join(p.value for p in PeriodPolicy)
            r.error(path, f"unknown policy {_safe_repr(value)} (allowed: {allowed})")
            continue
        months = periodic[oid][1].recurrence.months
        if policy is PeriodPolicy.PER_CALENDAR_PERIOD and 12 % months:
            r.error(path, f"a year cannot be split into periods of {months} months")
            continue
        out[oid] = policy
    return out


def _read_contacts(
    r: _Reader, raw: Mapping[str, Any], protocols: tuple[Protocol, ...], where: str
) -> dict[str, str]:
    services = {s for p in protocols for s in p.vocabulary.services}
    out: dict[str, str] = {}
    for key, value in raw.items():
        path = _key("$.contacts", key)
        if key not in services:
            shown = ", ".join(sorted(services)) or "none"
            r.error(
                path,
                f"unknown service {_safe_repr(key)} (services of {where}: {shown})"
                + _did_you_mean(key, services),
            )
        elif not _is_contact(value):  # never quote it: a contact may name a person
            r.error(path, f"expected a non-empty contact string (<= {MAX_CONTACT_LENGTH} chars)")
        else:
            out[key] = value
    return out


def _read_ladders(
    r: _Reader, raw: Mapping[str, Any], protocols: tuple[Protocol, ...], where: str
) -> dict[str, dict[str, int]]:
    by_id = _ladders_by_id(protocols)
    out: dict[str, dict[str, int]] = {}
    for lid, states in raw.items():
        path = _key("$.ladder_timescales", lid)
        found = by_id.get(lid)
        if not found:
            known = ", ".join(by_id) or "none"
            r.error(
                path,
                f"unknown ladder {_safe_repr(lid)} (ladders of {where}: {known})"
                + _did_you_mean(lid, by_id),
            )
            continue
        rungs = [rung.state for lad in found for rung in lad.rungs]
        days_by_state: dict[str, int] = {}
        for state, days in r.obj(states, path).items():
            spath = _key(path, state)
            if state not in rungs:
                r.error(
                    spath,
                    f"{_safe_repr(state)} is not a rung of ladder {lid!r} "
                    f"(rungs: {', '.join(rungs)})" + _did_you_mean(state, rungs),
                )
            elif not _whole(days, 1, MAX_RUNG_DAYS):
                r.error(
                    spath,
                    f"expected a whole number of working days from 1 to {MAX_RUNG_DAYS}, "
                    f"got {_safe_repr(days)}",
                )
            else:
                days_by_state[state] = days
        out[lid] = days_by_state
    return out


def _read_rotations(
    r: _Reader, raw: Mapping[str, Any], protocols: tuple[Protocol, ...], where: str
) -> dict[str, tuple[str, ...]]:
    periodic = _periodic(protocols)
    out: dict[str, tuple[str, ...]] = {}
    for oid, order in raw.items():
        path = _key("$.notes_rotation", oid)
        if oid not in periodic:
            r.error(path, f"{_safe_repr(oid)} is not a periodic obligation of {where}")
            continue
        protocol, ob = periodic[oid]
        problems = protocol.rotation_problems(ob, order)
        for problem in problems:
            r.error(path, problem)
        if not problems:
            out[oid] = tuple(order)
    return out
