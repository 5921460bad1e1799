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

from .._checks import check_date
from .._errors import InvalidArgumentError
from ..model._entities import PROBATION_SERVICES, SERVICE_PERIODS, DocumentKind, Service
from ._rules import PROBATION_TOKEN
from ._salford import PROTOCOL_3_14_12, PROTOCOL_3_14_13

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
    ``document`` ``None`` means any document.
    """

    document: DocumentKind | None
    source: str
    target: str
    required: bool
    when: str
    clause: str


_NS, _YOS = Service.NEXT_STEP.value, Service.YOS.value

#: Every sharing rule of the two protocols; required rules first.
SHARING_RULES: Final = (
    SharingRule(DocumentKind.PATHWAY_PLAN, _NS, _YOS, True,
                "a copy, on a joint case", "3.14.12 §3"),
    SharingRule(DocumentKind.INTERVENTION_PLAN, _YOS, _NS, True,
                "a copy, on a joint case", "3.14.12 §3"),
    SharingRule(DocumentKind.PATHWAY_PLAN, _NS, PROBATION_TOKEN, True,
                "once probation is responsible for the young person; and a copy",
                "3.14.13 §2, §3 (6)"),
    SharingRule(DocumentKind.RISK_ASSESSMENT, _NS, PROBATION_TOKEN, True,
                "once probation is responsible for the young person", "3.14.13 §2"),
    SharingRule(DocumentKind.SENTENCE_PLAN, PROBATION_TOKEN, _NS, True,
                "sentence plan objectives, and a copy of the sentence plan",
                "3.14.13 §2, §3 (7)"),
    SharingRule(DocumentKind.RISK_ASSESSMENT, PROBATION_TOKEN, _NS, True,
                "shared between the agencies", "3.14.13 §2"),
    SharingRule(DocumentKind.PRE_SENTENCE_REPORT, _NS, PROBATION_TOKEN, True,
                "information fed in before the report, when custody is likely",
                "3.14.13 (custodial sentence likely)"),
    SharingRule(None, _YOS, _NS, False,
                "case workers share information on a joint case", "3.14.12 §2"),
    SharingRule(None, _NS, _YOS, False,
                "case workers share information on a joint case", "3.14.12 §2"),
    SharingRule(None, _NS, PROBATION_TOKEN, False,
                "any relevant information held by the agency", "3.14.13 §2"),
    SharingRule(None, PROBATION_TOKEN, _NS, False,
                "any relevant information held by the agency", "3.14.13 §2"),
)  # fmt: skip


@attrs.frozen
class ShareDecision:
    """The answer of :func:`check_share`."""

    verdict: ShareVerdict
    reason: str
    clause: str | None = None


def _party_ok(party: str, service: Service, day: date) -> bool:
    if party == PROBATION_TOKEN:
        version = PROTOCOL_3_14_13.version_on(day)
        return version is not None and service in version.probation_parties
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
    try:
        doc = DocumentKind(document)
    except ValueError:
        allowed = ", ".join(d.value for d in DocumentKind)
        raise InvalidArgumentError(f"unknown document {document!r}; use one of {allowed}") from None
    services = []
    for name, value in (("source", source), ("target", target)):
        try:
            services.append(Service(value))
        except ValueError:
            allowed = ", ".join(s.value for s in Service)
            raise InvalidArgumentError(
                f"unknown {name} service {value!r}; use one of {allowed}"
            ) from None
    src, dst = services
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
            f"3.14.13 was not in force on {day.isoformat()} (signed 2019-03-18)",
        )
    pair = f"{src.value} and {dst.value}"
    return ShareDecision(
        ShareVerdict.NOT_COVERED,
        f"neither {PROTOCOL_3_14_12.id} nor {PROTOCOL_3_14_13.id} covers sharing between {pair}",
    )
