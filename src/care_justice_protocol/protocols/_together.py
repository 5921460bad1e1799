"""Protocols loaded together: what one protocol declares must not contradict another.

Each protocol file is checked on its own when it is loaded (``._document``). Protocols
evaluated together share one caseload, so what its events mean must not depend on which
protocol reads them: a service that two protocols both declare must be the same
organisation (the same label, dates and successor), a group of services both declare the
same members, an event type both declare the same fields, and no two protocols may have the
same id or give two machines (ladders, complaint routes) the same name. These are the
clashes [`merge_vocabularies`][care_justice_protocol.protocols.merge_vocabularies] refuses when a
caseload is read for several protocols; here each is reported at its path in the file.

Not compared: the labels of roles, documents and meeting kinds. Those name kinds of things,
not organisations, and each file labels them in its own text's words: Salford's "Pathway
Plan" and another council's "Pathway plan" are the same document.

Examples:
    >>> from care_justice_protocol import PROTOCOL_3_14_12, PROTOCOL_3_14_13
    >>> protocol_clashes([PROTOCOL_3_14_12, PROTOCOL_3_14_13])
    ()
    >>> (clash,) = protocol_clashes([PROTOCOL_3_14_12, PROTOCOL_3_14_12])
    >>> clash.protocol, clash.other, clash.problem
    (1, 0, "protocol id '3.14.12' is the id of another protocol loaded with it @ $.protocol.id")
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import attrs

from .._errors import InvalidArgumentError
from ._rules import Protocol
from ._vocabulary import ServiceTerm

__all__ = ["ProtocolClash", "protocol_clashes"]


@attrs.frozen
class ProtocolClash:
    """One way in which a protocol contradicts another loaded with it.

    Attributes:
        protocol: the position (from 0) of the later protocol, whose document ``problem``'s
            path is in.
        other: the position of the earlier protocol it contradicts.
        problem: ``"message @ $.path"``, the path in the later protocol's document.
    """

    protocol: int
    other: int
    problem: str


def _dates(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "none"
    if end is None:
        return f"from {start}"
    if start is None:
        return f"to {end}"
    return f"{start} to {end}"


def _service_difference(here: ServiceTerm, there: ServiceTerm) -> str:
    parts = []
    if here.label != there.label:
        parts.append(f"label {here.label!r} here, {there.label!r} there")
    if here.period != there.period:
        parts.append(
            f"dates {_dates(here.period.start, here.period.end)} here, "
            f"{_dates(there.period.start, there.period.end)} there"
        )
    if here.successor != there.successor:
        parts.append(f"successor {here.successor!r} here, {there.successor!r} there")
    return "; ".join(parts)


def _machine_names(p: Protocol) -> dict[str, str]:
    names = {lad.id: f"$.ladders[{i}].id" for i, lad in enumerate(p.ladders)}
    for i, route in enumerate(p.complaints):
        names.setdefault(route.id, f"$.complaints[{i}].id")
    return names


def _pair(j: int, later: Protocol, i: int, earlier: Protocol) -> list[ProtocolClash]:
    out: list[ProtocolClash] = []

    def clash(path: str, message: str) -> None:
        out.append(ProtocolClash(j, i, f"{message} @ {path}"))

    if later.id == earlier.id:
        clash(
            "$.protocol.id",
            f"protocol id {later.id!r} is the id of another protocol loaded with it",
        )
        return out
    other = f"protocol {earlier.id!r}"
    mine, theirs = later.vocabulary, earlier.vocabulary
    for sid, service in mine.services.items():
        known = theirs.services.get(sid)
        if known is not None and known != service:
            clash(
                f"$.vocabulary.services.{sid}",
                f"service {sid!r} is declared differently by {other} "
                f"({_service_difference(service, known)})",
            )
    for name, members in mine.groups.items():
        known_members = theirs.groups.get(name)
        if known_members is not None and known_members != members:
            clash(
                f"$.vocabulary.groups.{name}",
                f"group {name!r} has other members in {other} "
                f"({', '.join(members)} here, {', '.join(known_members)} there)",
            )
    for tag, spec in mine.event_types.items():
        known_spec = theirs.event_types.get(tag)
        if known_spec is not None and known_spec.fields != spec.fields:
            clash(
                f"$.vocabulary.event_types.{tag}",
                f"event type {tag!r} is declared with other fields by {other} "
                f"({', '.join(f.name for f in spec.fields) or 'none'} here, "
                f"{', '.join(f.name for f in known_spec.fields) or 'none'} there)",
            )
    theirs_names = _machine_names(earlier)
    for name, path in _machine_names(later).items():
        if name in theirs_names:
            clash(path, f"machine name {name!r} is also used by {other} ({theirs_names[name]})")
    return out


def protocol_clashes(protocols: Sequence[Protocol]) -> tuple[ProtocolClash, ...]:
    """Every contradiction between protocols meant to be loaded together, in order.

    Each later protocol is compared with every earlier one; a clash is reported in the
    later one's document (its path), naming the earlier one.

    Raises:
        InvalidArgumentError: ``protocols`` holds something other than protocols.

    Examples:
        >>> import attrs
        >>> from care_justice_protocol import PROTOCOL_3_14_12, PROTOCOL_3_14_13
        >>> vocab = PROTOCOL_3_14_12.vocabulary
        >>> renamed = attrs.evolve(vocab.services["next-step"], label="Leaving Care")
        >>> other = attrs.evolve(PROTOCOL_3_14_12, id="demo", ladders=(),
        ...     vocabulary=attrs.evolve(vocab, services={**vocab.services, "next-step": renamed}))
        >>> for clash in protocol_clashes([PROTOCOL_3_14_13, other]):
        ...     print(clash.problem)
        service 'next-step' is declared differently by protocol '3.14.13' (label 'Leaving \
Care' here, 'Next Step (Salford Leaving Care service)' there) @ $.vocabulary.services.next-step
    """
    listed = tuple(protocols)
    for n, p in enumerate(listed):
        if not isinstance(p, Protocol):
            raise InvalidArgumentError(f"protocols[{n}] must be a Protocol, not {type(p).__name__}")
    return tuple(
        clash
        for j, later in enumerate(listed)
        for i, earlier in enumerate(listed[:j])
        for clash in _pair(j, later, i, earlier)
    )
