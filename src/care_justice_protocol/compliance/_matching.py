"""Event matching: a [`Match`][care_justice_protocol.Match] against a case's events.

Patterns are compiled once into specialised searches (``finder``): tuple membership
per field for patterns with no tokens, the general matcher (``matches``) otherwise.
Tokens resolve against the protocol (``"@<group>"``: the members of a group its vocabulary
declares that are party to it on the event's date, e.g. ``"@probation"``) and the
triggering event (``"@trigger.<field>"``).
"""

from __future__ import annotations

import functools
import operator
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Final, TypeGuard

import attrs

from ..model._events import CaseEvent, DeclaredEvent, JointCase
from ..protocols._rules import OTHER_TOKEN, PROBATION_TOKEN, TRIGGER_PREFIX, Match, Protocol

__all__ = [
    "Finder",
    "fill_name",
    "find",
    "ignored_for_dates",
    "finder",
    "index",
    "indexed",
    "is_token",
    "match_text",
    "matches",
    "named_by",
    "trigger_refs",
]


_MISSING: Final = object()
_FIELD_REF: Final = re.compile(r"\{(\w+)\}")


def _value_ok(
    value: object, allowed: tuple[object, ...], event: CaseEvent, trigger: CaseEvent | None,
    protocol: Protocol,
) -> bool:  # fmt: skip
    for a in allowed:
        if is_token(a):
            if a == PROBATION_TOKEN:
                if value in protocol.probation_on(event.on):
                    return True
            elif a == OTHER_TOKEN:
                # "the other party": a party on the event's day that the trigger does not name
                if (trigger is not None and value in protocol.parties_on(event.on)
                        and value not in named_by(trigger)):  # fmt: skip
                    return True
            elif a.startswith(TRIGGER_PREFIX):
                if trigger is not None and value == getattr(
                    trigger, a[len(TRIGGER_PREFIX) :], _MISSING
                ):
                    return True
            elif value in protocol.members_on(a[1:], event.on):
                # "@<group>": a member of the group party to the protocol on the event's day
                return True
        elif value == a and (value.__class__ is bool) == (a.__class__ is bool):
            return True
    return False


def matches(m: Match, event: CaseEvent, trigger: CaseEvent | None, protocol: Protocol) -> bool:
    for field, allowed in m.where:
        value = getattr(event, field, _MISSING)
        # Fast path: a plain value listed as allowed (tokens start with "@", so a plain
        # value never equals one; the data holds no ints, so True == 1 cannot mislead).
        if value in allowed:
            continue
        if not _value_ok(value, allowed, event, trigger, protocol):
            return False
    for field, allowed in m.contains:
        items = getattr(event, field, ())
        if not any(_value_ok(x, allowed, event, trigger, protocol) for x in items):
            return False
    return True


Finder = Callable[[Mapping[str, list[CaseEvent]], CaseEvent | None, Protocol], list[CaseEvent]]


def find(
    by_type: Mapping[str, list[CaseEvent]],
    m: Match,
    trigger: CaseEvent | None,
    protocol: Protocol,
) -> list[CaseEvent]:
    """The events (in date order) that match ``m``; tokens resolve against ``trigger``."""
    return finder(m)(by_type, trigger, protocol)


def named_by(event: CaseEvent) -> frozenset[object]:
    """Every value an event's fields hold (the items of a tuple field one by one).

    Not its ``external_ref``: a source system's reference names no party, whatever it
    reads (a reference ``"yos"`` does not make the event name YOS).
    """
    if isinstance(event, DeclaredEvent):
        values: Iterable[object] = event.values.values()
    else:
        values = (getattr(event, name) for name in _field_names(type(event)))
    out: set[object] = set()
    for v in values:
        if v.__class__ is tuple:
            out.update(v)
        else:
            out.add(v)
    return frozenset(out)


_FIELD_NAMES_BY_TYPE: Final[dict[type, tuple[str, ...]]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """The attrs field names of an event class but ``external_ref`` (worked out once per
    class)."""
    found = _FIELD_NAMES_BY_TYPE.get(cls)
    if found is None:
        found = _FIELD_NAMES_BY_TYPE[cls] = tuple(
            a.name for a in attrs.fields(cls) if a.name != "external_ref"
        )
    return found


def is_token(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and value[:1] == "@"


@functools.lru_cache(maxsize=1024)
def finder(m: Match) -> Finder:
    """A search function for ``m``, specialised once per pattern.

    Patterns with no tokens ("@probation", "@trigger.<field>") and no ``contains`` need
    only tuple membership per field, which is most of them; the rest take the general path.
    """
    kind = m.type
    plain = not m.contains and not any(is_token(a) for _, allowed in m.where for a in allowed)
    if not m.where and not m.contains:

        def find_all(by_type: Mapping[str, list[CaseEvent]], trigger: CaseEvent | None,
                     protocol: Protocol) -> list[CaseEvent]:  # fmt: skip
            return list(by_type.get(kind, ()))

        return find_all
    if plain and len(m.where) == 1:
        ((f1, a1),) = m.where

        def find_1(by_type: Mapping[str, list[CaseEvent]], trigger: CaseEvent | None,
                   protocol: Protocol) -> list[CaseEvent]:  # fmt: skip
            return [e for e in by_type.get(kind, ()) if getattr(e, f1, _MISSING) in a1]

        return find_1
    if plain:
        where = m.where

        def find_n(by_type: Mapping[str, list[CaseEvent]], trigger: CaseEvent | None,
                   protocol: Protocol) -> list[CaseEvent]:  # fmt: skip
            events = by_type.get(kind)
            if not events:
                return []
            out = []
            for e in events:
                for f, allowed in where:
                    if getattr(e, f, _MISSING) not in allowed:
                        break
                else:
                    out.append(e)
            return out

        return find_n

    if not m.contains:
        # Tokens in ``where`` only: each field is checked against its plain values, the
        # trigger's values (worked out once per search), the members of its groups on the
        # event's day ("@probation") and, for "@other", the parties of the event's day the
        # trigger does not name.
        split = tuple(
            (
                f,
                tuple(a for a in allowed if not is_token(a)),
                tuple(
                    a[len(TRIGGER_PREFIX) :]
                    for a in allowed
                    if is_token(a) and a.startswith(TRIGGER_PREFIX)
                ),
                tuple(
                    a[1:]
                    for a in allowed
                    if is_token(a) and not a.startswith(TRIGGER_PREFIX) and a != OTHER_TOKEN
                ),
                OTHER_TOKEN in allowed,
            )
            for f, allowed in m.where
        )
        with_trigger = tuple(
            (f, plain, refs, groups[0] if len(groups) == 1 else None,
             groups if len(groups) > 1 else (), other)
            for f, plain, refs, groups, other in split
        )  # fmt: skip
        without_trigger: tuple[_Wanted, ...] = tuple(
            (f, plain, (), one, groups, False) for f, plain, _, one, groups, _ in with_trigger
        )

        def find_refs(by_type: Mapping[str, list[CaseEvent]], trigger: CaseEvent | None,
                      protocol: Protocol) -> list[CaseEvent]:  # fmt: skip
            events = by_type.get(kind)
            if not events:
                return []
            wanted: tuple[_Wanted, ...]
            if trigger is None:
                wanted = without_trigger
            else:
                wanted = tuple(
                    (f, plain, tuple([getattr(trigger, r, _MISSING) for r in refs]) if refs
                     else (), one, groups, other)
                    for f, plain, refs, one, groups, other in with_trigger
                )  # fmt: skip
            members = protocol.members_on
            named: frozenset[object] | None = None
            out = []
            for e in events:
                for f, plain, from_trigger, one, groups, other in wanted:
                    v = getattr(e, f, _MISSING)
                    if v is _MISSING:
                        break
                    # (a string equal to an allowed value is of its kind: no bool equals it)
                    if v in plain and (v.__class__ is str or _same_kind(v, plain)):
                        continue
                    if (
                        from_trigger
                        and v in from_trigger
                        and (v.__class__ is str or _same_kind(v, from_trigger))
                    ):
                        continue  # fmt: skip
                    if one is not None and v in members(one, e.on):
                        continue
                    if groups and any(v in members(g, e.on) for g in groups):
                        continue
                    if other:
                        if named is None:
                            named = named_by(trigger)  # type: ignore[arg-type]
                        if v not in named and v in protocol.parties_on(e.on):
                            continue
                    break
                else:
                    out.append(e)
            return out

        return find_refs

    def find_general(by_type: Mapping[str, list[CaseEvent]], trigger: CaseEvent | None,
                     protocol: Protocol) -> list[CaseEvent]:  # fmt: skip
        events = by_type.get(kind)
        if not events:
            return []
        return [e for e in events if matches(m, e, trigger, protocol)]

    return find_general


#: One field of a compiled search: its name, plain values, the trigger's values, one group,
#: more groups, and whether "@other" is allowed.
_Wanted = tuple[str, tuple[object, ...], tuple[object, ...], str | None, tuple[str, ...], bool]


def _same_kind(value: object, allowed: tuple[object, ...]) -> bool:
    """``value`` equals one of ``allowed`` of its own kind (``True`` is not the string
    ``"True"``, and a bool is not an int), as ``_value_ok`` requires."""
    if value.__class__ is bool:
        # (True and False are singletons: the same bool is the same object)
        for a in allowed:  # noqa: SIM110 - a loop, not any(): this runs per event
            if a is value:
                return True
        return False
    for a in allowed:  # noqa: SIM110
        if a == value and a.__class__ is not bool:
            return True
    return False


def fill_name(template: str, event: CaseEvent) -> str:
    if "{" not in template:
        return template
    return _FIELD_REF.sub(lambda mo: str(getattr(event, mo.group(1), mo.group(0))), template)


def index(case: JointCase, as_of: date) -> dict[str, list[CaseEvent]]:
    """The case's events up to ``as_of`` by type, each list in timeline order."""
    return indexed(case, as_of)[0]


def indexed(case: JointCase, as_of: date) -> tuple[dict[str, list[CaseEvent]], date | None]:
    """``index``, and the day of the case's first event (any date; ``None``: none)."""
    by_type: dict[str, list[CaseEvent]] = defaultdict(list)
    timeline = sorted(case.events, key=_ON)  # stable, so recording order stays
    if not timeline:
        return by_type, None
    first = timeline[0].on
    if timeline[-1].on > as_of:
        timeline = [e for e in timeline if e.on <= as_of]
    for e in timeline:
        by_type[e.type].append(e)
    return by_type, first


#: The sort key of a timeline (C-level, as
#: [`JointCase.timeline`][care_justice_protocol.JointCase.timeline] uses).
_ON: Final = operator.attrgetter("on")


@functools.lru_cache(maxsize=1024)
def match_text(m: Match) -> str:
    return m.describe()


@functools.lru_cache(maxsize=256)
def trigger_refs(m: Match) -> tuple[str, ...]:
    """The trigger fields a pattern refers to (``"@trigger.kind"`` -> ``"kind"``)."""
    refs = {
        v[len(TRIGGER_PREFIX) :]
        for _, values in (*m.where, *m.contains)
        for v in values
        if isinstance(v, str) and v.startswith(TRIGGER_PREFIX)
    }
    return tuple(sorted(refs))


def _outside_dates(value: object, day: date, protocol: Protocol) -> bool:
    term = protocol.vocabulary.services.get(value) if isinstance(value, str) else None
    return term is not None and not term.period.contains(day)


def _relaxed_ok(
    value: object, allowed: tuple[object, ...], event: CaseEvent, trigger: CaseEvent | None,
    protocol: Protocol,
) -> bool:  # fmt: skip
    """As ``_value_ok``, a group token also taking a member outside its dates."""
    if _value_ok(value, allowed, event, trigger, protocol):
        return True
    if not _outside_dates(value, event.on, protocol):
        return False
    groups = protocol.vocabulary.groups
    return any(
        is_token(a) and not a.startswith(TRIGGER_PREFIX) and value in groups.get(a[1:], ())
        for a in allowed
    )


def ignored_for_dates(
    m: Match, events: list[CaseEvent], trigger: CaseEvent | None, protocol: Protocol
) -> tuple[CaseEvent, str] | None:
    """The first event that would match ``m`` but for a service outside its dates.

    Only group tokens ("@probation") exclude a service on a day it did not exist; an event
    of ``m``'s type that fails ``m`` only because of that is returned with the service.
    Called on the not-met path only.
    """
    for e in events:
        if e.type != m.type or matches(m, e, trigger, protocol):
            continue
        named: str | None = None
        ok = True
        for field, allowed in m.where:
            value = getattr(e, field, _MISSING)
            if value in allowed or _value_ok(value, allowed, e, trigger, protocol):
                continue
            if _relaxed_ok(value, allowed, e, trigger, protocol):
                named = str(value)
                continue
            ok = False
            break
        if ok:
            for field, allowed in m.contains:
                items = getattr(e, field, ())
                if any(_value_ok(x, allowed, e, trigger, protocol) for x in items):
                    continue
                found = next(
                    (x for x in items if _relaxed_ok(x, allowed, e, trigger, protocol)), None
                )
                if found is None:
                    ok = False
                    break
                named = str(found)
        if ok and named is not None:
            return e, named
    return None
