"""Information-sharing rules as data, and a check of whether a given share is covered.

A protocol file's ``[[sharing]]`` entries name the share obligations each rule stands for
([`SharingDeclaration`][care_justice_protocol.SharingDeclaration]); the document, the direction
and the clause come from those obligations, so a rule cannot drift from the duty it
describes. [`check_share`][care_justice_protocol.check_share] answers, for a document going from one
service to another on a date, whether the given protocols *require* it, *allow* it, or do not cover
it - always with the reason and, where there is one, the clause.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date

import attrs

from .._checks import check_date
from .._errors import InvalidArgumentError, _safe_repr
from ..model._citation import Citation
from ._local import Rulebook
from ._rules import Match, Obligation, Protocol, SharingDeclaration

__all__ = ["ShareDecision", "ShareVerdict", "SharingRule", "check_share", "sharing_rules"]


class ShareVerdict(enum.StrEnum):
    """What the protocols say about a share."""

    REQUIRED = "required"
    ALLOWED = "allowed"
    NOT_COVERED = "not-covered"


@attrs.frozen
class SharingRule:
    """One sharing rule: which document goes from which party to which, and when.

    A party ``"@<group>"`` stands for the group's members party to the protocol on the
    date (for 3.14.13, ``"@probation"``: NPS and CRC until 25 June 2021, the Probation
    Service from 26 June 2021); ``document`` ``None`` means any document; ``obligations``
    are the ids of the share obligations the rule is derived from; ``protocol`` is the id
    of the protocol that states it.
    """

    document: str | None
    source: str
    target: str
    required: bool
    when: str
    clause: str
    obligations: tuple[str, ...] = ()
    protocol: str = ""


def _where(m: Match, field: str) -> str | None:
    """The single value a pattern requires of ``field`` (``None`` if it requires none)."""
    for name, values in m.where:
        if name == field and len(values) == 1 and isinstance(values[0], str):
            return values[0]
    return None


def _shared_document(ob: Obligation) -> str | None:
    """The document a share obligation moves: its evidence's, or the awaited report's."""
    for m in (ob.evidence, ob.deadline.awaits):
        document = _where(m, "document") if isinstance(m, Match) else None
        if document is not None:
            return document
    return None


def _merged(citations: list[Citation]) -> str:
    """``"3.14.13 §2"`` and ``"3.14.13 §3 (6)"`` -> ``"3.14.13 §2, §3 (6)"``."""
    places = ", ".join(c.place for c in citations)
    return str(Citation(citations[0].document, places))


def _rules_of(protocol: Protocol, d: SharingDeclaration) -> tuple[SharingRule, ...]:
    by_id = {o.id: o for o in protocol.obligations}
    obligations = [by_id[i] for i in d.obligations]
    if d.allowed_between:
        a, b = d.allowed_between
        clause = d.clause or obligations[0].clause
        return (
            SharingRule(None, a, b, False, d.when, clause, d.obligations, protocol.id),
            SharingRule(None, b, a, False, d.when, clause, d.obligations, protocol.id),
        )
    shares = {
        (_shared_document(o), _where(o.evidence, "from_service"), _where(o.evidence, "to_service"))
        for o in obligations
    }
    if len(shares) != 1:
        raise InvalidArgumentError(
            f"the sharing rule for {d.obligations!r} in protocol {protocol.id} does not move "
            "one document in one direction"
        )
    ((document, source, target),) = shares
    assert source is not None
    assert target is not None  # checked when the file was read
    clause = d.clause or _merged([o.citation for o in obligations])
    return (
        SharingRule(document, source, target, True, d.when, clause, d.obligations, protocol.id),
    )


def sharing_rules(protocols: Iterable[Protocol]) -> tuple[SharingRule, ...]:
    """Every sharing rule of the protocols: required rules first, then allowed ones.

    Raises:
        InvalidArgumentError: a required rule's obligations do not move one document in
            one direction.

    Examples:
        >>> from care_justice_protocol import BUNDLED_PROTOCOLS
        >>> rules = sharing_rules(BUNDLED_PROTOCOLS)
        >>> rules[0].document, rules[0].source, rules[0].target, rules[0].clause
        ('pathway-plan', 'next-step', 'yos', '3.14.12 §3')
    """
    found = [rule for p in protocols for d in p.sharing for rule in _rules_of(p, d)]
    return tuple(r for r in found if r.required) + tuple(r for r in found if not r.required)


@attrs.frozen
class ShareDecision:
    """The answer of [`check_share`][care_justice_protocol.check_share]."""

    verdict: ShareVerdict
    reason: str
    clause: str | None = None


def _names(protocols: tuple[Protocol, ...]) -> str:
    ids = [p.id for p in protocols]
    if len(ids) == 1:
        return f"{ids[0]} does not cover"
    if len(ids) == 2:
        return f"neither {ids[0]} nor {ids[1]} covers"
    return f"none of {', '.join(ids)} covers"


def check_share(
    document: str, source: str, target: str, on: date, *, protocols: Iterable[Protocol] | Rulebook
) -> ShareDecision:
    """Whether the protocols require, allow or do not cover sharing ``document``.

    ``protocols`` may be a [`Rulebook`][care_justice_protocol.Rulebook] (its protocols are
    used; a local variant changes no sharing rule).

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import BUNDLED_PROTOCOLS as both
        >>> d = check_share("pathway-plan", "next-step", "probation-service", date(2026, 1, 5),
        ...                 protocols=both)
        >>> print(d.verdict, "|", d.clause, "|", d.reason)
        required | 3.14.13 §2, §3 (6) | once probation is responsible for the young person;
        and a copy
        >>> check_share("sentence-plan", "next-step", "crc", date(2026, 1, 5),
        ...             protocols=both).reason
        'crc ceased to exist on 2021-06-25'
        >>> d = check_share("risk-assessment", "yos", "probation-service", date(2026, 1, 5),
        ...                 protocols=both)
        >>> print(d.verdict)
        not-covered

    Raises:
        InvalidArgumentError: a document or service no given protocol declares, or no
            protocols.
        InvalidDateTypeError: ``on`` is not a date.
    """
    day = check_date("on", on)
    given = protocols.protocols if isinstance(protocols, Rulebook) else tuple(protocols)
    if not given or not all(isinstance(p, Protocol) for p in given):
        raise InvalidArgumentError("protocols must be one or more Protocol values")
    services = {k: v for p in given for k, v in p.vocabulary.services.items()}
    documents = {k for p in given for k in p.vocabulary.documents}
    if document not in documents:
        raise InvalidArgumentError(
            f"document must be a document the protocols declare ({', '.join(sorted(documents))}), "
            f"not {_safe_repr(document)}"
        )
    for name, value in (("source", source), ("target", target)):
        if value not in services:
            raise InvalidArgumentError(
                f"{name} must be a service the protocols declare ({', '.join(services)}), "
                f"not {_safe_repr(value)}"
            )
    if source == target:
        return ShareDecision(ShareVerdict.NOT_COVERED, "source and target are the same service")
    for s in (source, target):
        period = services[s].period
        if period.start is not None and day < period.start:
            reason = f"{s} did not exist before {period.start.isoformat()}"
            return ShareDecision(ShareVerdict.NOT_COVERED, reason)
        if period.end is not None and day > period.end:
            return ShareDecision(ShareVerdict.NOT_COVERED, f"{s} ceased to exist on {period.end}")
    by_id = {p.id: p for p in given}
    for rule in sharing_rules(given):
        if rule.document not in (None, document):
            continue
        p = by_id[rule.protocol]
        if _party_ok(p, rule.source, source, day) and _party_ok(p, rule.target, target, day):
            verdict = ShareVerdict.REQUIRED if rule.required else ShareVerdict.ALLOWED
            return ShareDecision(verdict, rule.when, rule.clause)
    for p in given:
        named = {s for v in p.versions for s in v.parties}
        if (source in named or target in named) and p.version_on(day) is None:
            start = p.effective_from
            since = f" (in force from {start.isoformat()})" if start is not None else ""
            return ShareDecision(
                ShareVerdict.NOT_COVERED, f"{p.id} was not in force on {day.isoformat()}{since}"
            )
    return ShareDecision(
        ShareVerdict.NOT_COVERED, f"{_names(given)} sharing between {source} and {target}"
    )


def _party_ok(protocol: Protocol, party: str, service: str, day: date) -> bool:
    if party.startswith("@"):
        return service in protocol.members_on(party[1:], day)
    return service == party and service in protocol.parties_on(day)
