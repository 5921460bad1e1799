"""Salford's two protocols, encoded clause by clause as records of :mod:`._rules`.

3.14.12 (Salford YOS and Next Steps) and 3.14.13 (Salford NPS, CRC and Next Step, signed
18 March 2019, as applied after probation unification on 26 June 2021).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Final

from ..calendar._deadlines import (
    BeforeEvent,
    ByTheDay,
    MonthsAfter,
    NoTimescale,
    OnTheDay,
    Recurring,
    WorkingDaysAfter,
)
from ..calendar._periods import Recurrence
from ..model._citation import Citation
from ..model._entities import SERVICE_PERIODS, MeetingKind, Service
from ._rules import (
    PROBATION_TOKEN,
    Match,
    Obligation,
    PeriodicObligation,
    Protocol,
    ProtocolVersion,
    Recurs,
    UnknownObligationError,
    Window,
)

__all__ = ["ALL_PROTOCOLS", "PROTOCOL_3_14_12", "PROTOCOL_3_14_13", "obligation_by_id"]


# --------------------------------------------------------------------------- helpers

_YOS_NS: Final = ("yos", "next-step")
_JOINT_YOS_NS: Final = (
    Match(
        "other-service-checked",
        {"service": list(_YOS_NS), "other_service": list(_YOS_NS), "open_to_other": True},
    ),
)
_JOINT_YOS_NS_NAME: Final = "the case is open to both YOS and Next Steps"
_PROBATION_JOINT: Final = (Match("responsibility-accepted", {"service": PROBATION_TOKEN}),)
_PROBATION_JOINT_NAME: Final = "a probation provider is responsible for the young person"


def _ob(**kw: Any) -> Obligation:
    return Obligation(**kw)


def _yos_ns(**kw: Any) -> Obligation:
    """An obligation that arises only on a joint YOS / Next Steps case (3.14.12)."""
    return Obligation(
        applies_if=_JOINT_YOS_NS,
        applies_if_name=_JOINT_YOS_NS_NAME,
        **kw,
    )


def _probation(**kw: Any) -> Obligation:
    """An obligation that arises only once probation is responsible (3.14.13)."""
    return Obligation(
        applies_if=_PROBATION_JOINT,
        applies_if_name=_PROBATION_JOINT_NAME,
        **kw,
    )


_NO: Final = NoTimescale()

# --------------------------------------------------------------------------- 3.14.12

_T12_2 = (
    "On being allocated a new case, workers from each service will confirm if the case is "
    "open to the other service. Where this is applicable the case workers will arrange to "
    "meet within 15 working days, to share information and discuss future working "
    "arrangements. Following this meeting they will hold a joint meeting with the young "
    "person to explain their specific roles and responsibilities. The YOS intervention plan "
    "and Pathway Plan will be formulated to take account of these discussions."
)
_T12_2_INVITE = (
    "Next Steps workers will be invited and are expected to attend formal review meetings, "
    "Complex Case Panel and MAPPA reviews at the Youth Offending Service. YOS case workers "
    "will be invited to meetings and reviews held at Next Steps and are expected to attend."
)

_YOS_MEETINGS: Final = ["formal-review", "complex-case-panel", "mappa-review"]
_NS_MEETINGS: Final = ["next-steps-review", "statutory-review", "relevant-review",
                       "former-relevant-review"]  # fmt: skip

PROTOCOL_3_14_12: Final = Protocol(
    id="3.14.12",
    title="Protocol between Salford Youth Offending Service and Salford Next Steps Service",
    versions=(ProtocolVersion("3.14.12 (undated)", None, None, (Service.YOS, Service.NEXT_STEP)),),
    joint_case=_JOINT_YOS_NS,
    joint_case_name=_JOINT_YOS_NS_NAME,
    obligations=(
        _ob(
            id="3.14.12/2/confirm-open-to-other-service",
            citation=Citation("3.14.12", "§2"),
            summary="on allocation, the worker confirms whether the case is open to the "
            "other service",
            text=_T12_2.split(". ")[0] + ".",
            parties=_YOS_NS,
            trigger=Match("allocated", {"service": list(_YOS_NS)}),
            trigger_name="allocation by {service}",
            deadline=_NO,
            evidence=Match("other-service-checked", {"service": "@trigger.service"}),
            evidence_name="check of the other service",
            recurs=Recurs.PER_TRIGGER,
        ),
        _yos_ns(
            id="3.14.12/2/meet-within-15-working-days",
            citation=Citation("3.14.12", "§2"),
            summary="the two case workers meet within 15 working days of allocation",
            text=_T12_2,
            parties=_YOS_NS,
            trigger=Match("allocated", {"service": list(_YOS_NS)}),
            trigger_name="allocation by {service}",
            deadline=WorkingDaysAfter(15),
            evidence=Match("meeting-held", {"kind": "case-worker-information-sharing"}),
            evidence_name="case workers' information-sharing meeting",
        ),
        _yos_ns(
            id="3.14.12/2/joint-meeting-with-young-person",
            citation=Citation("3.14.12", "§2"),
            summary="after their meeting, the case workers hold a joint meeting with the "
            "young person to explain their roles",
            text=_T12_2,
            parties=_YOS_NS,
            trigger=Match("meeting-held", {"kind": "case-worker-information-sharing"}),
            trigger_name="the case workers' meeting",
            deadline=_NO,
            evidence=Match("meeting-held", {"kind": "joint-meeting-with-young-person"}),
            evidence_name="joint meeting with the young person",
        ),
        _yos_ns(
            id="3.14.12/2/intervention-plan-takes-account",
            citation=Citation("3.14.12", "§2"),
            summary="the YOS intervention plan takes account of the case workers' discussions",
            text=_T12_2,
            parties=("yos",),
            trigger=Match("meeting-held", {"kind": "case-worker-information-sharing"}),
            trigger_name="the case workers' meeting",
            deadline=_NO,
            evidence=Match(
                "plan-updated",
                {"document": "intervention-plan"},
                contains={"takes_account_of": ["case-worker-information-sharing"]},
            ),
            evidence_name="intervention plan updated to take account of the meeting",
        ),
        _yos_ns(
            id="3.14.12/2/pathway-plan-takes-account",
            citation=Citation("3.14.12", "§2"),
            summary="the Pathway Plan takes account of the case workers' discussions",
            text=_T12_2,
            parties=("next-step",),
            trigger=Match("meeting-held", {"kind": "case-worker-information-sharing"}),
            trigger_name="the case workers' meeting",
            deadline=_NO,
            evidence=Match(
                "plan-updated",
                {"document": "pathway-plan"},
                contains={"takes_account_of": ["case-worker-information-sharing"]},
            ),
            evidence_name="pathway plan updated to take account of the meeting",
        ),
        _yos_ns(
            id="3.14.12/2/invite-next-steps-to-yos-reviews",
            citation=Citation("3.14.12", "§2"),
            summary="Next Steps workers are invited to YOS formal reviews, Complex Case Panel "
            "and MAPPA reviews",
            text=_T12_2_INVITE,
            parties=("yos",),
            trigger=Match("meeting-held", {"kind": _YOS_MEETINGS}),
            trigger_name="the {kind} meeting",
            deadline=ByTheDay(),
            evidence=Match("invitation-sent", {"kind": "@trigger.kind", "to_service": "next-step"}),
            evidence_name="invitation to Next Steps",
            window=Window.UP_TO_TRIGGER,
            recurs=Recurs.PER_TRIGGER,
        ),
        _yos_ns(
            id="3.14.12/2/invite-yos-to-next-steps-reviews",
            citation=Citation("3.14.12", "§2"),
            summary="YOS case workers are invited to meetings and reviews held at Next Steps",
            text=_T12_2_INVITE,
            parties=("next-step",),
            trigger=Match("meeting-held", {"kind": _NS_MEETINGS}),
            trigger_name="the {kind} meeting",
            deadline=ByTheDay(),
            evidence=Match("invitation-sent", {"kind": "@trigger.kind", "to_service": "yos"}),
            evidence_name="invitation to YOS",
            window=Window.UP_TO_TRIGGER,
            recurs=Recurs.PER_TRIGGER,
        ),
        _yos_ns(
            id="3.14.12/3/intervention-plan-includes-pathway-snapshot",
            citation=Citation("3.14.12", "§3"),
            summary="YOS develops the intervention plan to include a snapshot of the pathway plan",
            text="Salford YOS to develop the current intervention plan to include a "
            "'snap shot' of pathway plan;",
            parties=("yos",),
            trigger=_JOINT_YOS_NS[0],
            trigger_name="confirmation that the case is joint",
            deadline=_NO,
            evidence=Match(
                "plan-updated",
                {"document": "intervention-plan"},
                contains={"includes_snapshot_of": ["pathway-plan"]},
            ),
            evidence_name="intervention plan with a pathway-plan snapshot",
        ),
        _yos_ns(
            id="3.14.12/3/pathway-plan-signed-by-yos",
            citation=Citation("3.14.12", "§3"),
            summary="Next Step staff ensure YOS staff sign the pathway plan",
            text="Next step staff to ensure YOS staff sign the pathway plan;",
            parties=("next-step",),
            trigger=_JOINT_YOS_NS[0],
            trigger_name="confirmation that the case is joint",
            deadline=_NO,
            evidence=Match(
                "document-signed", {"document": "pathway-plan", "signed_by_service": "yos"}
            ),
            evidence_name="pathway plan signed by YOS",
        ),
        _yos_ns(
            id="3.14.12/3/pathway-plan-copy-to-yos",
            citation=Citation("3.14.12", "§3"),
            summary="Next Step staff give YOS staff a copy of the pathway plan",
            text="Next step staff to provide YOS staff with a copy of the pathway plan;",
            parties=("next-step",),
            trigger=_JOINT_YOS_NS[0],
            trigger_name="confirmation that the case is joint",
            deadline=_NO,
            evidence=Match(
                "document-copy-given",
                {"document": "pathway-plan", "from_service": "next-step", "to_service": "yos"},
            ),
            evidence_name="copy of the pathway plan given to YOS",
        ),
        _yos_ns(
            id="3.14.12/3/intervention-plan-copy-to-next-step",
            citation=Citation("3.14.12", "§3"),
            summary="YOS staff give Next Step staff a copy of the intervention plan",
            text="YOS staff to provide Next Step staff with a copy of the Intervention plan;",
            parties=("yos",),
            trigger=_JOINT_YOS_NS[0],
            trigger_name="confirmation that the case is joint",
            deadline=_NO,
            evidence=Match(
                "document-copy-given",
                {
                    "document": "intervention-plan",
                    "from_service": "yos",
                    "to_service": "next-step",
                },
            ),
            evidence_name="copy of the intervention plan given to Next Step",
        ),
    ),
    periodic=(
        PeriodicObligation(
            id="3.14.12/3/quarterly-management-meeting",
            citation=Citation("3.14.12", "§3"),
            summary="lead and operational managers of both services meet quarterly to review "
            "joint cases; the meetings are recorded",
            text="The lead managers of each service and the operational managers with lead "
            "responsibility from each service will meet on a quarterly basis to review joint "
            "cases and discuss future developments. These meetings will be recorded.",
            parties=_YOS_NS,
            recurrence=Recurrence.quarterly(),
            meeting_kind=MeetingKind.QUARTERLY_MANAGEMENT,
            must_be_recorded=True,
        ),
        PeriodicObligation(
            id="3.14.12/4/twice-yearly-quality-assurance",
            citation=Citation("3.14.12", "§4"),
            summary="operational managers quality-assure a number of joint cases twice a "
            "year; findings recorded, feedback given, shared with heads of service",
            text="Twice a year the operational managers with lead responsibility from each "
            "service will quality assure a number of joint cases to ensure the joint working "
            "arrangements detailed in this document are being adhered to. These findings will "
            "be recorded and feedback given to individual workers and shared with the heads "
            "of the services.",
            parties=_YOS_NS,
            recurrence=Recurrence.twice_a_year(),
        ),
    ),
)

# --------------------------------------------------------------------------- 3.14.13

_T13_2 = (
    "Once it is established a young person has become the responsibility to one of the above "
    "services, the Next Step worker (Salford Leaving Care service) will provide information to "
    "the service representative including the current pathway plan and risk assessment."
)
_T13_2B = (
    "Any relevant information held by the agency will also be shared between the agencies "
    "(Sentence Plan Objectives and risk assessment)."
)
_T13_CHARGED = "If a Next Step young person is charged with an offence"


def _party_name(party: str) -> str:
    return "probation" if party == PROBATION_TOKEN else party


def _share(
    oid: str, clause: str, summary: str, text: str, document: str, src: str, dst: str,
    event: str = "document-shared",
) -> Obligation:  # fmt: skip
    who = "next-step" if src == "next-step" else PROBATION_TOKEN
    return _probation(
        id=oid,
        citation=clause,
        summary=summary,
        text=text,
        parties=(who,),
        trigger=_PROBATION_JOINT[0],
        trigger_name="responsibility accepted by {service}",
        deadline=_NO,
        evidence=Match(event, {"document": document, "from_service": src, "to_service": dst}),
        evidence_name=(
            f"{document.replace('-', ' ')} from {_party_name(src)} to {_party_name(dst)}"
        ),
    )


PROTOCOL_3_14_13: Final = Protocol(
    id="3.14.13",
    title="Salford NPS, CRC and Next Step (Salford Leaving Care service)",
    versions=(
        ProtocolVersion(
            "3.14.13 signed 2019-03-18",
            date(2019, 3, 18),
            SERVICE_PERIODS[Service.NPS].end,  # NPS and CRC ended on 25 June 2021
            (Service.NEXT_STEP, Service.NPS, Service.CRC),
        ),
        ProtocolVersion(
            "3.14.13 as applied after probation unification (2021-06-26)",
            SERVICE_PERIODS[Service.PROBATION_SERVICE].start,
            None,
            (Service.NEXT_STEP, Service.PROBATION_SERVICE),
        ),
    ),
    joint_case=_PROBATION_JOINT,
    joint_case_name=_PROBATION_JOINT_NAME,
    obligations=(
        _share(
            "3.14.13/2/pathway-plan-to-probation",
            "3.14.13 §2",
            "the Next Step worker gives the probation representative the current pathway plan",
            _T13_2,
            "pathway-plan",
            "next-step",
            PROBATION_TOKEN,
        ),
        _share(
            "3.14.13/2/risk-assessment-to-probation",
            "3.14.13 §2",
            "the Next Step worker gives the probation representative the risk assessment",
            _T13_2,
            "risk-assessment",
            "next-step",
            PROBATION_TOKEN,
        ),
        _share(
            "3.14.13/2/sentence-plan-objectives-to-next-step",
            "3.14.13 §2",
            "probation shares the sentence plan objectives with Next Step",
            _T13_2B,
            "sentence-plan",
            PROBATION_TOKEN,
            "next-step",
        ),
        _share(
            "3.14.13/2/risk-assessment-to-next-step",
            "3.14.13 §2",
            "probation shares its risk assessment with Next Step",
            _T13_2B,
            "risk-assessment",
            PROBATION_TOKEN,
            "next-step",
        ),
        _probation(
            id="3.14.13/3/intervention-plan-includes-pathway-snapshot",
            citation=Citation("3.14.13", "§3 (4)"),
            summary="probation develops the current intervention plan to include a snapshot of "
            "the pathway plan",
            text="NPS and CRC to develop the current intervention plan to include a 'snap "
            "shot' of pathway plan",
            parties=(PROBATION_TOKEN,),
            trigger=_PROBATION_JOINT[0],
            trigger_name="responsibility accepted by {service}",
            deadline=_NO,
            evidence=Match(
                "plan-updated",
                {"document": ["intervention-plan", "sentence-plan"]},
                contains={"includes_snapshot_of": ["pathway-plan"]},
            ),
            evidence_name="intervention plan with a pathway-plan snapshot",
        ),
        _probation(
            id="3.14.13/3/pathway-plan-signed-by-probation",
            citation=Citation("3.14.13", "§3 (5)"),
            summary="Next Step staff ensure probation staff sign the pathway plan",
            text="Next step staff to ensure CRC and NPS staff sign the pathway plan",
            parties=("next-step",),
            trigger=_PROBATION_JOINT[0],
            trigger_name="responsibility accepted by {service}",
            deadline=_NO,
            evidence=Match(
                "document-signed",
                {"document": "pathway-plan", "signed_by_service": PROBATION_TOKEN},
            ),
            evidence_name="pathway plan signed by probation",
        ),
        _share(
            "3.14.13/3/pathway-plan-copy-to-probation",
            "3.14.13 §3 (6)",
            "Next Step staff give probation staff a copy of the pathway plan",
            "Next step staff to provide CRC and NPS staff with a copy of the pathway plan",
            "pathway-plan",
            "next-step",
            PROBATION_TOKEN,
            event="document-copy-given",
        ),
        _share(
            "3.14.13/3/sentence-plan-copy-to-next-step",
            "3.14.13 §3 (7)",
            "probation staff give Next Step staff a copy of the sentence plan",
            "NPS and CRC staff to provide Next Step staff with a copy of the sentence plan",
            "sentence-plan",
            PROBATION_TOKEN,
            "next-step",
            event="document-copy-given",
        ),
        _ob(
            id="3.14.13/charged/legal-representation",
            citation=Citation("3.14.13", _T13_CHARGED),
            summary="the home authority ensures the young person is represented by a "
            "solicitor with youth-justice expertise, by the first court hearing",
            text="The home authority must ensure that the young person is: legally "
            "represented by a solicitor with expertise in youth justice.",
            parties=("next-step",),
            trigger=Match("charged"),
            trigger_name="the charge",
            deadline=BeforeEvent(Match("court-hearing")),
            evidence=Match("legal-representation-arranged", {"youth_justice_expertise": True}),
            evidence_name="representation by a youth-justice solicitor arranged",
            recurs=Recurs.PER_TRIGGER,
        ),
        _ob(
            id="3.14.13/charged/worker-at-court-on-sentencing-day",
            citation=Citation("3.14.13", _T13_CHARGED),
            summary="the Next Step worker attends court with the young person on the day of "
            "sentence",
            text="It is good practice for the child's worker to attend court with them, "
            "particularly on the day of sentence, to ensure that the child's best interests "
            "are represented and that custody is used only as a last resort.",
            parties=("next-step",),
            trigger=Match("court-hearing", {"is_sentencing": True}),
            trigger_name="the sentencing hearing",
            deadline=OnTheDay(),
            evidence=Match(
                "court-hearing", {"is_sentencing": True}, contains={"attended_by": ["next-step"]}
            ),
            evidence_name="Next Step worker recorded at the hearing",
            window=Window.SAME_DAY,
            recurs=Recurs.PER_TRIGGER,
        ),
        _ob(
            id="3.14.13/charged/icta-advised",
            citation=Citation("3.14.13", _T13_CHARGED),
            summary="a young person's ICTA is advised of court, before the first hearing",
            text="If the child has an ICTA, they should be advised and be able to attend "
            "court to further support the child.",
            parties=("next-step",),
            requires_icta=True,
            trigger=Match("charged"),
            trigger_name="the charge",
            deadline=BeforeEvent(Match("court-hearing")),
            evidence=Match("icta-advised"),
            evidence_name="ICTA advised",
            recurs=Recurs.PER_TRIGGER,
        ),
        _ob(
            id="3.14.13/community-sentence/share-information",
            citation=Citation("3.14.13", _T13_CHARGED + " (community sentence)"),
            summary="after a community sentence, the Next Step worker and probation case "
            "manager share information",
            text="If a Next Step young person receives a community sentence, their Next Step "
            "worker and NPS or CRC case manager should continue to work closely together, "
            "share information and clarify their roles and responsibilities to ensure the "
            "young person receives the support they need.",
            parties=("next-step", PROBATION_TOKEN),
            trigger=Match("sentenced", {"outcome": "community-order"}),
            trigger_name="the community sentence",
            deadline=_NO,
            evidence=Match("document-shared"),
            evidence_name="information shared between the services",
            recurs=Recurs.PER_TRIGGER,
        ),
        _ob(
            id="3.14.13/custody-likely/information-before-report",
            citation=Citation("3.14.13", _T13_CHARGED + " (custodial sentence likely)"),
            summary="when custody is likely, the Next Step worker feeds information to the "
            "probation worker before the report is prepared",
            text="The Next Step worker should feed in any relevant information to the CRC or "
            "NPS worker ahead of them preparing any report.",
            parties=("next-step",),
            trigger=Match("custody-likely"),
            trigger_name="custody being recorded as likely",
            deadline=BeforeEvent(Match("report-prepared", {"document": "pre-sentence-report"})),
            evidence=Match(
                "information-fed-in", {"from_service": "next-step", "to_service": PROBATION_TOKEN}
            ),
            evidence_name="information fed in by Next Step",
            recurs=Recurs.PER_TRIGGER,
        ),
        _ob(
            id="3.14.13/custody-likely/prepare-young-person",
            citation=Citation("3.14.13", _T13_CHARGED + " (custodial sentence likely)"),
            summary="when custody is likely, the workers prepare the young person, explaining "
            "what will happen",
            text="If a custodial sentence is likely, the CRC or NPS and Next Step worker "
            "should work together to prepare the young person, explaining what will happen "
            "and how they will be supported.",
            parties=("next-step", PROBATION_TOKEN),
            trigger=Match("custody-likely"),
            trigger_name="custody being recorded as likely",
            deadline=BeforeEvent(Match("sentenced")),
            evidence=Match("young-person-informed"),
            evidence_name="young person informed and prepared",
            recurs=Recurs.PER_TRIGGER,
        ),
        _probation(
            id="3.14.13/5/invite-probation-to-reviews",
            citation=Citation("3.14.13", "§5"),
            summary="probation is invited to the young person's statutory and Relevant / "
            "Former Relevant reviews",
            text="Salford NPS or CRC will be invited to a young person's statutory review and "
            "contribute towards the sentence/pathway planning process, (6 monthly).",
            parties=("next-step",),
            trigger=Match(
                "meeting-held",
                {"kind": ["statutory-review", "relevant-review", "former-relevant-review"]},
            ),
            trigger_name="the {kind}",
            deadline=ByTheDay(),
            evidence=Match(
                "invitation-sent", {"kind": "@trigger.kind", "to_service": PROBATION_TOKEN}
            ),
            evidence_name="invitation to probation",
            window=Window.UP_TO_TRIGGER,
            recurs=Recurs.PER_TRIGGER,
        ),
        _probation(
            id="3.14.13/5/review-within-6-months",
            citation=Citation("3.14.13", "§5"),
            summary="the young person's statutory review takes place at least every 6 months",
            text="Salford NPS or CRC will be invited to a young person's statutory review and "
            "contribute towards the sentence/pathway planning process, (6 monthly).",
            parties=("next-step",),
            trigger=_PROBATION_JOINT[0],
            trigger_name="responsibility accepted by {service}",
            deadline=Recurring(MonthsAfter(6)),
            evidence=Match(
                "meeting-held",
                {"kind": ["statutory-review", "relevant-review", "former-relevant-review"]},
            ),
            evidence_name="statutory / Relevant / Former Relevant review",
        ),
    ),
    periodic=(
        PeriodicObligation(
            id="3.14.13/3/quarterly-middle-management-meeting",
            citation=Citation("3.14.13", "§3"),
            summary="Next Step and probation middle managers meet quarterly; notes are taken "
            "by the agencies in rotation",
            text="Middle management quarterly meeting. At each of these meetings, notes will "
            "be taken on a rotational basis between agencies.",
            parties=("next-step", PROBATION_TOKEN),
            recurrence=Recurrence.quarterly(),
            meeting_kind=MeetingKind.MIDDLE_MANAGEMENT_QUARTERLY,
            notes_rotate=True,
        ),
    ),
)

#: Both protocols, by id.
ALL_PROTOCOLS: Final[Mapping[str, Protocol]] = {
    PROTOCOL_3_14_12.id: PROTOCOL_3_14_12,
    PROTOCOL_3_14_13.id: PROTOCOL_3_14_13,
}


def obligation_by_id(obligation_id: str) -> Obligation | PeriodicObligation:
    """Look an obligation up by its id in the bundled protocols.

    Examples:
        >>> obligation_by_id("3.14.12/2/meet-within-15-working-days").clause
        '3.14.12 §2'

    Raises:
        UnknownObligationError: no such obligation (the message lists the protocols' ids);
            also an ``InvalidArgumentError`` and a ``KeyError``.
    """
    protocol = (
        ALL_PROTOCOLS.get(obligation_id.split("/", 1)[0])
        if isinstance(obligation_id, str)
        else None
    )
    if protocol is not None:
        try:
            return protocol.obligation(obligation_id)
        except UnknownObligationError:
            pass
    known = tuple(
        i
        for p in ALL_PROTOCOLS.values()
        for i in (*(o.id for o in p.obligations), *(q.id for q in p.periodic))
    )
    raise UnknownObligationError((obligation_id,), known, "the bundled protocols")
