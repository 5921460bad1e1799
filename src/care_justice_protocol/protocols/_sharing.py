"""Information-sharing rules as data, and a check of whether a given share is covered.

:func:`check_share` answers, for a document going from one service to another on a date,
whether the protocols *require* it, *allow* it, or do not cover it - always with the
reason and, where there is one, the clause.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Final

import attrs

from .._checks import check_choice, check_date
from .._errors import InvalidArgumentError
from ..model._citation import Citation
from ..model._entities import PROBATION_SERVICES, SERVICE_PERIODS, DocumentKind, Service
from ._rules import PROBATION_TOKEN, Match, Obligation
from ._salford import PROTOCOL_3_14_12, PROTOCOL_3_14_13, obligation_by_id

__all__ = ["SHARING_RULES", "ShareDecision", "ShareVerdict", "SharingRule", "check_share"]


class ShareVerdict(enum.StrEnum):
    """What the protocols say about a share."""

    REQUIRED = "required"
    ALLOWED = "allowed"
    NOT_COVERED = "not-covered"


@attrs.frozen
class SharingRule:
    """One sharing rule: which document goes from which party to which, and when.

    ``"@probation"`` stands for the probation providers party to 3.14.13 on the date
    (NPS and CRC until 25 June 2021, the Probation Service from 26 June 2021);
    ``document`` ``None`` means any document; ``obligations`` are the ids of the share
    obligations the rule is derived from.
    """

    document: DocumentKind | None
    source: str
    target: str
    required: bool
    when: str
    clause: str
    obligations: tuple[str, ...] = ()


def _where(m: Match, field: str) -> str | None:
    """The single value a pattern requires of ``field`` (``None`` if it requires none)."""
    for name, values in m.where:
        if name == field and len(values) == 1 and isinstance(values[0], str):
            return values[0]
    return None


def _shared_document(ob: Obligation) -> DocumentKind:
    """The document a share obligation moves: its evidence's, or the awaited report's."""
    for m in (ob.evidence, ob.deadline.awaits):
        document = _where(m, "document") if isinstance(m, Match) else None
        if document is not None:
            return DocumentKind(document)
    raise InvalidArgumentError(f"{ob.id!r} names no document to share")  # pragma: no cover


def _merged(citations: list[Citation]) -> str:
    """``"3.14.13 §2"`` and ``"3.14.13 §3 (6)"`` -> ``"3.14.13 §2, §3 (6)"``."""
    places = ", ".join(c.place for c in citations)
    return str(Citation(citations[0].document, places))


def _required(ids: tuple[str, ...], when: str, clause: str | None = None) -> SharingRule:
    """The rule for the share obligations ``ids`` (one document, one direction)."""
    obligations = [obligation_by_id(i) for i in ids]
    shares = {
        (_shared_document(o), _where(o.evidence, "from_service"), _where(o.evidence, "to_service"))
        for o in obligations
        if isinstance(o, Obligation)
    }
    if len(shares) != 1:  # pragma: no cover - a mistake in the table above
        raise InvalidArgumentError(f"{ids!r} do not move one document in one direction")
    ((document, source, target),) = shares
    if source is None or target is None:  # pragma: no cover - as above
        raise InvalidArgumentError(f"{ids!r} name no source or target service")
    text = clause if clause is not None else _merged([o.citation for o in obligations])
    return SharingRule(document, source, target, True, when, text, ids)


def _allowed(oid: str, parties: tuple[str, str], when: str) -> tuple[SharingRule, ...]:
    """Any document, both ways between ``parties``, under obligation ``oid``'s clause."""
    clause = obligation_by_id(oid).clause
    a, b = parties
    return (
        SharingRule(None, a, b, False, when, clause, (oid,)),
        SharingRule(None, b, a, False, when, clause, (oid,)),
    )


#: Every sharing rule of the two protocols; required rules first. Each is derived from
#: the share obligations it names (document, direction, clause); only the words of
#: ``when`` are written here.
SHARING_RULES: Final = (
    _required(("3.14.12/3/pathway-plan-copy-to-yos",), "a copy, on a joint case"),
    _required(("3.14.12/3/intervention-plan-copy-to-next-step",), "a copy, on a joint case"),
    _required(
        ("3.14.13/2/pathway-plan-to-probation", "3.14.13/3/pathway-plan-copy-to-probation"),
        "once probation is responsible for the young person; and a copy",
    ),
    _required(
        ("3.14.13/2/risk-assessment-to-probation",),
        "once probation is responsible for the young person",
    ),
    _required(
        (
            "3.14.13/2/sentence-plan-objectives-to-next-step",
            "3.14.13/3/sentence-plan-copy-to-next-step",
        ),
        "sentence plan objectives, and a copy of the sentence plan",
    ),
    _required(("3.14.13/2/risk-assessment-to-next-step",), "shared between the agencies"),
    _required(
        ("3.14.13/custody-likely/information-before-report",),
        "information fed in before the report, when custody is likely",
        # The clause as check_share has always shown it (the obligation's own citation
        # names the whole "charged with an offence" heading).
        clause="3.14.13 (custodial sentence likely)",
    ),
    *_allowed(
        "3.14.12/2/meet-within-15-working-days",
        (Service.YOS.value, Service.NEXT_STEP.value),
        "case workers share information on a joint case",
    ),
    *_allowed(
        "3.14.13/2/risk-assessment-to-next-step",
        (Service.NEXT_STEP.value, PROBATION_TOKEN),
        "any relevant information held by the agency",
    ),
)


@attrs.frozen
class ShareDecision:
    """The answer of :func:`check_share`."""

    verdict: ShareVerdict
    reason: str
    clause: str | None = None


def _party_ok(party: str, service: Service, day: date) -> bool:
    if party == PROBATION_TOKEN:
        return service in PROTOCOL_3_14_13.probation_on(day)
    return service.value == party


def _existence_problem(service: Service, day: date) -> str | None:
    period = SERVICE_PERIODS[service]
    if period.start is not None and day < period.start:
        return f"{service.value} did not exist before {period.start.isoformat()}"
    if period.end is not None and day > period.end:
        return f"{service.value} ceased to exist on {period.end.isoformat()}"
    return None


def check_share(
    document: DocumentKind | str, source: Service | str, target: Service | str, on: date
) -> ShareDecision:
    """Whether the protocols require, allow or do not cover sharing ``document``.

    Examples:
        >>> from datetime import date
        >>> d = check_share("pathway-plan", "next-step", "probation-service", date(2026, 1, 5))
        >>> print(d.verdict, "|", d.clause, "|", d.reason)
        required | 3.14.13 §2, §3 (6) | once probation is responsible for the young person;
        and a copy
        >>> check_share("sentence-plan", "next-step", "crc", date(2026, 1, 5)).reason
        'crc ceased to exist on 2021-06-25'
        >>> d = check_share("risk-assessment", "yos", "probation-service", date(2026, 1, 5))
        >>> print(d.verdict)
        not-covered

    Raises:
        InvalidArgumentError: an unknown document kind or service.
        InvalidDateTypeError: ``on`` is not a date.
    """
    day = check_date("on", on)
    doc = check_choice(DocumentKind, "document", document)
    src = check_choice(Service, "source", source)
    dst = check_choice(Service, "target", target)
    if src == dst:
        return ShareDecision(ShareVerdict.NOT_COVERED, "source and target are the same service")
    for s in (src, dst):
        problem = _existence_problem(s, day)
        if problem is not None:
            return ShareDecision(ShareVerdict.NOT_COVERED, problem)
    for rule in SHARING_RULES:
        if rule.document not in (None, doc):
            continue
        if _party_ok(rule.source, src, day) and _party_ok(rule.target, dst, day):
            verdict = ShareVerdict.REQUIRED if rule.required else ShareVerdict.ALLOWED
            return ShareDecision(verdict, rule.when, rule.clause)
    if (src in PROBATION_SERVICES or dst in PROBATION_SERVICES) and (
        PROTOCOL_3_14_13.version_on(day) is None
    ):
        return ShareDecision(
            ShareVerdict.NOT_COVERED,
            f"3.14.13 was not in force on {day.isoformat()} "
            f"(signed {PROTOCOL_3_14_13.effective_from})",
        )
    pair = f"{src.value} and {dst.value}"
    return ShareDecision(
        ShareVerdict.NOT_COVERED,
        f"neither {PROTOCOL_3_14_12.id} nor {PROTOCOL_3_14_13.id} covers sharing between {pair}",
    )
