"""Disagreement ladders and complaint routes of loaded protocols, and where cases stand on them.

A protocol file declares its escalation ladders ([`LadderSpec`][care_justice_protocol.LadderSpec],
any number of rungs) and its complaint routes
([`ComplaintRoute`][care_justice_protocol.ComplaintRoute]). This module builds their machines
([`ladder_of`][care_justice_protocol.ladder_of],
[`complaint_path_of`][care_justice_protocol.complaint_path_of],
[`protocol_machines`][care_justice_protocol.protocol_machines]), chooses the ladder a disagreement
follows ([`ladder_for`][care_justice_protocol.ladder_for]) and reports where each disagreement and
complaint of a case stands ([`ladder_status`][care_justice_protocol.ladder_status],
[`complaint_status`][care_justice_protocol.complaint_status]) for any protocols given; nothing here
knows Salford's.

**Which ladder.** A ladder's ``between`` lists services, or ``"@<group>"`` for the members
of a group of services party to the protocol on a day. A disagreement follows the ladder
that covers one of the services it is between, on the day it was raised: a service is
covered on a day when a version of the protocol is in force and the service exists then
(by the vocabulary's dates); a group's members are those of
[`members_on`][care_justice_protocol.Protocol.members_on] that day. Exactly one ladder of the
protocols given must apply; otherwise the choice is an error, naming the ladders and what
they cover (pass ``ladder=`` to choose one).

**Which complaint route.** A protocol's complaint routes apply to complaints about a
service party to the protocol (in any of its versions), or to any complaint whose service
is not recorded. A complaint follows every route that applies, each reported on its own;
one that no route applies to is still reported, with ``route=None`` and no clause.

Examples:
    >>> from datetime import date
    >>> from types import SimpleNamespace as Ev
    >>> from care_justice_protocol import BUNDLED_PROTOCOLS, WorkingCalendar
    >>> log = [
    ...     Ev(type="disagreement-raised", on=date(2026, 12, 1), disagreement_id="D-1",
    ...        between=("yos", "next-step")),
    ...     Ev(type="disagreement-escalated", on=date(2026, 12, 7), disagreement_id="D-1"),
    ... ]
    >>> cal = WorkingCalendar.england()
    >>> (status,) = ladder_status(log, date(2026, 12, 21), cal, protocol=BUNDLED_PROTOCOLS)
    >>> status.explanation
    'at Heads of Service since 2026-12-07 (3.14.12 §5); no timescale in protocol'
    >>> local = LadderTimescales(second_level=5, source="Salford local guidance")
    >>> (status,) = ladder_status(log, date(2026, 12, 21), cal, local, protocol=BUNDLED_PROTOCOLS)
    >>> str(status.deadline), status.overdue
    ('2026-12-14: 5 working days after referral to Heads of Service on 2026-12-07 \
(local timescale: Salford local guidance; none in protocol) (3.14.12 §5)', True)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Final

from .._checks import check_date
from .._errors import InvalidArgumentError
from ..calendar._working_days import WorkingCalendar
from ..machines._core import EventLike, Machine
from ..machines._ladders import (
    NO_TIMESCALE,
    ComplaintEvent,
    ComplaintStatus,
    EscalationEvent,
    Ladder,
    LadderStatus,
    LadderTimescales,
    Level,
    build_complaint_path,
    build_ladder,
)
from ..protocols._local import Rulebook
from ..protocols._rules import ComplaintRoute, LadderSpec, Protocol
from ._engine import _protocols, rules

__all__ = [
    "complaint_path_of",
    "complaint_status",
    "ladder_for",
    "ladder_of",
    "ladder_status",
    "ladders_of",
    "protocol_machines",
]

#: Built machines, by the id of the declaration they were built from. Each entry keeps its
#: declaration alive, so an id cannot be reused while its entry is here.
_BUILT: dict[tuple[int, str], tuple[object, Any]] = {}
_BUILT_MAX: Final = 512


def _cached(key: object, protocol_id: str, build: Any) -> Any:
    slot = (id(key), protocol_id)
    found = _BUILT.get(slot)
    if found is not None and found[0] is key:
        return found[1]
    if len(_BUILT) >= _BUILT_MAX:
        _BUILT.clear()
    made = build()
    _BUILT[slot] = (key, made)
    return made


def ladder_of(spec: LadderSpec, protocol: Protocol) -> Ladder[str]:
    """The ladder a protocol declares, built as a machine (the same object each time).

    Each rung becomes a [`Level`][care_justice_protocol.Level] numbered from 1, with its
    clause, quote and the protocol's timescale (``working_days``), if it gives one.

    Raises:
        InvalidArgumentError: ``spec`` is not one of ``protocol``'s ladders.

    Examples:
        >>> from care_justice_protocol import PROTOCOL_3_14_12
        >>> ladder = ladder_of(PROTOCOL_3_14_12.ladders[0], PROTOCOL_3_14_12)
        >>> [level.state for level in ladder.levels], ladder.between
        (['operational-managers', 'heads-of-service', 'assistant-director'], ('yos',))
    """
    if not isinstance(protocol, Protocol) or spec not in protocol.ladders:
        raise InvalidArgumentError(
            f"ladder {getattr(spec, 'id', spec)!r} is not a ladder of protocol "
            f"{getattr(protocol, 'id', protocol)!r}"
        )

    def build() -> Ladder[str]:
        return build_ladder(
            protocol=protocol.id,
            name=spec.id,
            title=spec.title,
            before=spec.before,
            levels=[
                Level(r.state, n, r.role, r.role_tag, r.citation, r.quote, r.working_days)
                for n, r in enumerate(spec.rungs, 1)
            ],
            resolved=spec.resolved,
            raise_note=spec.raise_note,
            resolved_note=spec.resolved_note,
            between=spec.between,
        )

    ladder: Ladder[str] = _cached(spec, protocol.id, build)
    return ladder


def complaint_path_of(route: ComplaintRoute) -> Machine[str, ComplaintEvent]:
    """A protocol's complaint route, built as a machine (the same object each time).

    Examples:
        >>> from care_justice_protocol import PROTOCOL_3_14_13
        >>> path = complaint_path_of(PROTOCOL_3_14_13.complaints[0])
        >>> path.name, path.clause
        ('complaint-path', '3.14.13 Disagreements, bullet 2')
    """
    if not isinstance(route, ComplaintRoute):
        raise InvalidArgumentError(f"route must be a ComplaintRoute, not {type(route).__name__}")

    def build() -> Machine[str, ComplaintEvent]:
        return build_complaint_path(
            name=route.id,
            title=route.title,
            clause=str(route.citation),
            before=route.before,
            state=route.state,
            description=route.description,
            note=route.note,
        )

    path: Machine[str, ComplaintEvent] = _cached(route, "", build)
    return path


def ladders_of(protocol: Protocol | Iterable[Protocol] | Rulebook) -> tuple[Ladder[str], ...]:
    """Every ladder of the protocols given, in protocol then declaration order.

    Examples:
        >>> from care_justice_protocol import BUNDLED_PROTOCOLS
        >>> [ladder.name for ladder in ladders_of(BUNDLED_PROTOCOLS)]
        ['yos-next-steps-disputes', 'probation-next-step-disagreements']
    """
    return tuple(ladder_of(spec, p) for p in _protocols(protocol) for spec in p.ladders)


def protocol_machines(
    protocol: Protocol | Iterable[Protocol] | Rulebook,
) -> tuple[Machine[Any, Any], ...]:
    """The machines the protocols declare: their ladders, then their complaint routes.

    With [`machine_registry`][care_justice_protocol.machine_registry] this gives the registry of
    every machine for a set of protocols (``cjp machines --protocol-file FILE`` draws it).

    Examples:
        >>> from care_justice_protocol import BUNDLED_PROTOCOLS
        >>> [m.name for m in protocol_machines(BUNDLED_PROTOCOLS)]
        ['yos-next-steps-disputes', 'probation-next-step-disagreements', 'complaint-path']
    """
    protocols = _protocols(protocol)
    ladders = [ladder.machine for ladder in ladders_of(protocols)]
    paths = [complaint_path_of(route) for p in protocols for route in p.complaints]
    return (*ladders, *paths)


def _members(protocol: Protocol, token: str, on: date | None) -> tuple[str, ...]:
    """The services a ladder's ``between`` token stands for on ``on`` (any day if ``None``)."""
    if token.startswith("@"):
        group = token[1:]
        if on is not None:
            return protocol.members_on(group, on)
        members = protocol.vocabulary.groups.get(group, ())
        parties = {s for v in protocol.versions for s in v.parties}
        return tuple(s for s in members if s in parties)
    if on is None:
        return (token,)
    if protocol.version_on(on) is None:
        return ()
    service = protocol.vocabulary.services.get(token)
    return (token,) if service is None or service.period.contains(on) else ()


def _coverage(protocol: Protocol, spec: LadderSpec, on: date | None) -> str:
    parts = []
    for token in spec.between:
        members = _members(protocol, token, on)
        if token.startswith("@"):
            parts.append(f"{token!r} {members!r}" if members else f"{token!r} (no members)")
        else:
            parts.append(repr(token) if members else f"{token!r} (not in force)")
    return f"{spec.id} of {protocol.id}: {', '.join(parts) or 'no services'}"


def ladder_for(
    between: Iterable[str],
    *,
    protocol: Protocol | Iterable[Protocol] | Rulebook,
    on: date | None = None,
) -> Ladder[str]:
    """The ladder of ``protocol`` that a disagreement between these services follows.

    Args:
        between: the services that disagree.
        protocol: one protocol or several (the bundled ones are
            [`BUNDLED_PROTOCOLS`][care_justice_protocol.BUNDLED_PROTOCOLS]).
        on: the day the disagreement was raised: a group's members, and whether a
            protocol is in force, are read on that day; ``None`` counts any day.

    Raises:
        InvalidArgumentError: no ladder, or more than one, covers these services (the
            message names each ladder and what it covers).

    Examples:
        >>> from care_justice_protocol import BUNDLED_PROTOCOLS
        >>> ladder_for(["next-step", "crc"], protocol=BUNDLED_PROTOCOLS).protocol
        '3.14.13'
        >>> ladder_for(["next-step", "crc"], protocol=BUNDLED_PROTOCOLS, on=date(2022, 1, 4))
        Traceback (most recent call last):
        ...
        care_justice_protocol._errors.InvalidArgumentError: cannot tell which ladder applies \
to a disagreement between ('crc', 'next-step') on 2022-01-04: no ladder covers these \
services (yos-next-steps-disputes of 3.14.12: 'yos'; probation-next-step-disagreements of \
3.14.13: '@probation' ('probation-service',)); pass ladder= explicitly
    """
    protocols = _protocols(protocol)
    if on is not None:
        check_date("on", on)
    services = {str(s) for s in between}
    found = [
        (p, spec)
        for p in protocols
        for spec in p.ladders
        if any(s in services for token in spec.between for s in _members(p, token, on))
    ]
    if len(found) == 1:
        p, spec = found[0]
        return ladder_of(spec, p)
    when = f" on {on.isoformat()}" if on is not None else ""
    head = f"cannot tell which ladder applies to a disagreement between {tuple(sorted(services))!r}"
    if found:
        why = "the ladders " + ", ".join(f"{s.id} of {p.id}" for p, s in found) + " all do"
    else:
        listed = "; ".join(_coverage(p, s, on) for p in protocols for s in p.ladders)
        why = f"no ladder covers these services ({listed or 'the protocols declare none'})"
    raise InvalidArgumentError(f"{head}{when}: {why}; pass ladder= explicitly")


_LADDER_TAGS: Final = frozenset(e.value for e in EscalationEvent)
_NO_LOCAL_TIMESCALES: Final = LadderTimescales()
_ENGLAND: Final = WorkingCalendar.england()


def ladder_status(
    events: Iterable[EventLike],
    as_of: date,
    calendar: WorkingCalendar | None = None,
    timescales: LadderTimescales = _NO_LOCAL_TIMESCALES,
    *,
    protocol: Protocol | Iterable[Protocol] | Rulebook | None = None,
    ladder: Ladder[Any] | None = None,
    strict: bool = False,
) -> tuple[LadderStatus, ...]:
    """Where each disagreement in a case's log stands on ``as_of``.

    Events dated after ``as_of`` are ignored; complaints are not disagreements and are
    ignored too (see [`complaint_status`][care_justice_protocol.complaint_status]). Each
    disagreement is a separate run of its ladder, told apart by the events' ``disagreement_id``
    (events without one form a single unnamed disagreement).

    A rung's timescale is the protocol's (its ``working_days``) unless a local one applies
    (``timescales``, or the ladder timescales of a [`Rulebook`][care_justice_protocol.Rulebook]
    given as ``protocol``); with neither, the status says "no timescale in protocol" and is
    never overdue.

    Args:
        events: the case's events; only ``disagreement-*`` events are read.
        as_of: the date to report on.
        calendar: the working-day calendar for timescales (default: England & Wales); not
            with a rulebook, which carries its own.
        timescales: a council's own timescales (by rung state or number); not with a
            rulebook that has ladder timescales of its own.
        protocol: the protocols whose ladders apply, or a
            [`Rulebook`][care_justice_protocol.Rulebook] (its protocols, calendar and ladder
            timescales, from a council's local variant); the ladder of each disagreement is
            chosen by [`ladder_for`][care_justice_protocol.ladder_for] from the services of its
            ``disagreement-raised`` event, on its date.
        ladder: the ladder to use for every disagreement instead (then ``protocol`` may be
            left out).
        strict: raise [`InvalidTransition`][care_justice_protocol.InvalidTransition] on a disallowed
            ladder event instead of reporting it in
            [`LadderStatus.anomalies`][care_justice_protocol.LadderStatus].

    Returns:
        One status per disagreement, in the order they were first recorded.

    Raises:
        InvalidArgumentError: neither ``protocol`` nor ``ladder`` was given, a calendar or
            timescales beside a rulebook that carries its own, or a ladder cannot be chosen
            for a disagreement.

    Examples:
        >>> from care_justice_protocol import BUNDLED_PROTOCOLS, load_local_variant
        >>> from types import SimpleNamespace as Ev
        >>> variant = load_local_variant(
        ...     {"ladder_timescales": {"yos-next-steps-disputes": {"operational-managers": 5}}},
        ...     protocols=BUNDLED_PROTOCOLS)
        >>> log = [Ev(type="disagreement-raised", on=date(2026, 12, 1), between=("yos",))]
        >>> (status,) = ladder_status(log, date(2026, 12, 9),
        ...                           protocol=variant.applied_to(BUNDLED_PROTOCOLS))
        >>> status.timescale, str(status.deadline.due), status.overdue
        ('5 working days (local timescale: local variant)', '2026-12-08', True)
    """
    if ladder is None and protocol is None:
        raise InvalidArgumentError(
            "ladder_status needs protocol= (the protocols whose ladders apply, e.g. "
            "BUNDLED_PROTOCOLS, or a Rulebook) or ladder="
        )
    if ladder is not None and not isinstance(ladder, Ladder):
        raise InvalidArgumentError(f"ladder must be a Ladder, not {type(ladder).__name__}")
    if not isinstance(timescales, LadderTimescales):
        raise InvalidArgumentError(
            f"timescales must be LadderTimescales, not {type(timescales).__name__}"
        )
    rulebook = protocol if isinstance(protocol, Rulebook) else None
    if rulebook is not None and rulebook.ladder_timescales and not timescales.empty:
        raise InvalidArgumentError(
            "timescales must not be given with a Rulebook that has ladder timescales: the "
            "rulebook carries those of its local variant"
        )
    if protocol is not None:
        protocols, cal = rules(protocol, calendar)
    else:
        protocols, cal = (), calendar if calendar is not None else _ENGLAND
    if not isinstance(cal, WorkingCalendar):
        raise InvalidArgumentError(f"calendar must be a WorkingCalendar, not {type(cal).__name__}")
    check_date("as_of", as_of)
    groups: dict[str | None, list[EventLike]] = {}
    for event in events:
        if event.type in _LADDER_TAGS and event.on <= as_of:
            groups.setdefault(getattr(event, "disagreement_id", None), []).append(event)
    out = []
    for key, group in groups.items():
        chosen = ladder
        if chosen is None:
            raised = sorted((e for e in group if e.type == EscalationEvent.RAISED), key=_on)
            between = getattr(raised[0], "between", ()) if raised else ()
            chosen = ladder_for(between, protocol=protocols, on=raised[0].on if raised else None)
        local = timescales
        if rulebook is not None and chosen.name in rulebook.ladder_timescales:
            local = LadderTimescales(
                by_rung=rulebook.ladder_timescales[chosen.name], source="local variant"
            )
        out.append(chosen.status(group, as_of, cal, local, disagreement_id=key, strict=strict))
    return tuple(out)


def _on(event: EventLike) -> date:
    return event.on


#: The procedure of a complaint that no route of the protocols given applies to.
_NO_ROUTE: Final = "no complaint route in the protocols given"


def _routes_for(
    protocols: tuple[Protocol, ...], about: str | None
) -> list[tuple[Protocol, ComplaintRoute]]:
    return [
        (p, route)
        for p in protocols
        for route in p.complaints
        if about is None or any(about in v.parties for v in p.versions)
    ]


def complaint_status(
    events: Iterable[EventLike],
    as_of: date,
    *,
    protocol: Protocol | Iterable[Protocol] | Rulebook,
) -> tuple[ComplaintStatus, ...]:
    """Every complaint made on or before ``as_of``, on each route of ``protocol`` it follows.

    Complaints never climb a disagreement ladder. Salford's route (3.14.13 "Disagreements",
    bullet 2) sends complaints by the young person or their parent/carer to the agency's own
    complaints procedure, which sets its own timescale: the protocol gives none.

    Args:
        events: the case's events; only ``complaint-made`` events are read.
        as_of: the date to report on.
        protocol: the protocols whose complaint routes apply.

    Examples:
        >>> from types import SimpleNamespace as Ev
        >>> from care_justice_protocol import BUNDLED_PROTOCOLS
        >>> (c,) = complaint_status([Ev(type="complaint-made", on=date(2027, 1, 5),
        ...     by="carer", about_service="nps")], date(2027, 2, 1), protocol=BUNDLED_PROTOCOLS)
        >>> c.procedure, c.timescale, c.route
        ("the agency's own complaints procedure (nps)", 'no timescale in protocol', \
'complaint-path')
        >>> (c,) = complaint_status([Ev(type="complaint-made", on=date(2027, 1, 5),
        ...     by="carer", about_service="yos")], date(2027, 2, 1), protocol=BUNDLED_PROTOCOLS)
        >>> c.procedure, c.clause, c.route
        ('no complaint route in the protocols given (yos)', '', None)
    """
    protocols = _protocols(protocol)
    check_date("as_of", as_of)
    found: list[ComplaintStatus] = []
    for event in sorted(events, key=_on):
        if event.type != ComplaintEvent.COMPLAINT_MADE or event.on > as_of:
            continue
        by = getattr(event, "by", None)
        about = getattr(event, "about_service", None)
        about_text = None if about is None else str(about)
        suffix = "" if about is None else f" ({about_text})"
        routes: list[tuple[str, str, str | None]] = [
            ((route.procedure or route.title) + suffix, str(route.citation), route.id)
            for _, route in _routes_for(protocols, about_text)
        ] or [(_NO_ROUTE + suffix, "", None)]
        found.extend(
            ComplaintStatus(
                made_on=event.on,
                by=None if by is None else str(by),
                about_service=about_text,
                procedure=procedure,
                timescale=NO_TIMESCALE,
                clause=clause,
                route=route_id,
            )
            for procedure, clause, route_id in routes
        )
    return tuple(found)
