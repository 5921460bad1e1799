"""Write the bundled example caseload, ``src/care_justice_protocol/data/example_caseload.json``.

About thirty synthetic joint cases (YOS / Next Steps under 3.14.12, Next Step / probation
under 3.14.13) plus the partnership's management meetings and quality-assurance records.
Nobody in it is real: ids only (``C-0001``, ``YP-0001``, ``W-YOS-01``), no names.

The dates are chosen so that, evaluated as of **2026-11-25** (the demo's documented
``as_of``), every case-level obligation of both protocols has at least one case where it
is met and one where it is not applicable, and, where the rule allows it, cases where it
is met late, due, overdue or outstanding with no timescale. Each case's docstring-like
comment says what it shows; the hand-computed dates use the England & Wales calendar
(e.g. allocation Thu 2025-12-18 -> 15 working days -> Tue 2026-01-13, skipping Christmas
Day, Boxing Day and New Year's Day).

The output is fully deterministic (no randomness, no clock), so re-running the script
gives a byte-identical file; ``tests/test_example_caseload.py`` checks the file.

Usage (from the repository root)::

    python scripts/make_example_caseload.py            # rewrite the JSON
    python scripts/make_example_caseload.py --check    # exit 1 if the file is stale
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from dateutil.relativedelta import relativedelta

from care_justice_protocol._entities import (
    CareStatus,
    DocumentKind,
    LegalStatus,
    Meeting,
    MeetingKind,
    QualityAssuranceRecord,
    Role,
    SentenceOutcome,
    Service,
    StaffMember,
    YoungPerson,
)
from care_justice_protocol._events import (
    Allocated,
    CaseClosed,
    CaseEvent,
    Caseload,
    CaseTransferred,
    Charged,
    CourtHearing,
    CustodyLikely,
    DocumentCopyGiven,
    DocumentShared,
    DocumentSigned,
    IctaAdvised,
    InformationFedIn,
    InvitationSent,
    JointCase,
    LegalRepresentationArranged,
    MeetingHeld,
    OtherServiceChecked,
    PlanUpdated,
    ReportPrepared,
    ResponsibilityAccepted,
    Sentenced,
    YoungPersonInformed,
)
from care_justice_protocol._serialization import dumps_caseload

#: The date the demo evaluates on (``make demo``, ``cjp check`` without a file).
AS_OF = date(2026, 11, 25)

OUTPUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "care_justice_protocol"
    / "data"
    / "example_caseload.json"
)

YOS, NS, PS = Service.YOS, Service.NEXT_STEP, Service.PROBATION_SERVICE
NPS, CRC = Service.NPS, Service.CRC
MK = MeetingKind
DK = DocumentKind
CW_MEETING = MK.CASE_WORKER_INFORMATION_SHARING


def d(text: str) -> date:
    return date.fromisoformat(text)


class CaseBuilder:
    """Collects the events of one synthetic case; staff ids are derived from its number."""

    def __init__(
        self,
        number: int,
        *,
        born: str,
        care: CareStatus,
        legal: LegalStatus,
        icta: bool = False,
    ) -> None:
        self.case_id = f"C-{number:04d}"
        self.young_person = YoungPerson(
            id=f"YP-{number:04d}",
            date_of_birth=d(born),
            care_status=care,
            has_icta=icta,
            legal_status=legal,
        )
        worker = (number - 1) % 6 + 1
        self.staff_ids: dict[Service, str] = {
            YOS: f"W-YOS-{worker:02d}",
            NS: f"W-NS-{worker:02d}",
            PS: f"W-PS-{worker:02d}",
            NPS: f"W-NPS-{worker:02d}",
            CRC: f"W-CRC-{worker:02d}",
        }
        self.events: list[CaseEvent] = []
        self.services: set[Service] = set()

    def by(self, service: Service) -> str:
        self.services.add(service)
        return self.staff_ids[service]

    def add(self, event: CaseEvent) -> CaseBuilder:
        self.events.append(event)
        return self

    # --------------------------------------------------------------- 3.14.12 §2

    def allocate(self, on: str, service: Service) -> CaseBuilder:
        who = self.by(service)
        return self.add(Allocated(on=d(on), recorded_by=who, service=service, worker_id=who))

    def check(self, on: str, service: Service, other: Service, *, open_: bool) -> CaseBuilder:
        return self.add(
            OtherServiceChecked(
                on=d(on),
                recorded_by=self.by(service),
                service=service,
                other_service=other,
                open_to_other=open_,
            )
        )

    def joint_yos_ns(self, on: str) -> CaseBuilder:
        """YOS allocates and confirms the case is open to Next Steps the same day."""
        return self.allocate(on, YOS).check(on, YOS, NS, open_=True)

    def meeting(self, on: str, kind: MeetingKind, *services: Service) -> CaseBuilder:
        attendees = tuple(self.by(s) for s in services)
        return self.add(
            MeetingHeld(
                on=d(on),
                recorded_by=attendees[0] if attendees else self.by(NS),
                kind=kind,
                attendees=attendees,
                services=services,
                recorded=True,
            )
        )

    def invite(self, on: str, kind: MeetingKind, src: Service, dst: Service) -> CaseBuilder:
        return self.add(
            InvitationSent(
                on=d(on), recorded_by=self.by(src), kind=kind, from_service=src, to_service=dst
            )
        )

    def plan(
        self,
        on: str,
        document: DocumentKind,
        version: int,
        *,
        snapshot: bool = False,
        account: bool = False,
        by: Service = YOS,
    ) -> CaseBuilder:
        return self.add(
            PlanUpdated(
                on=d(on),
                recorded_by=self.by(by),
                document=document,
                version=version,
                includes_snapshot_of=(DK.PATHWAY_PLAN,) if snapshot else (),
                takes_account_of=(CW_MEETING,) if account else (),
            )
        )

    def signed(self, on: str, by: Service, version: int = 1) -> CaseBuilder:
        return self.add(
            DocumentSigned(
                on=d(on),
                recorded_by=self.by(NS),
                document=DK.PATHWAY_PLAN,
                signed_by_service=by,
                version=version,
            )
        )

    def copy(self, on: str, document: DocumentKind, src: Service, dst: Service) -> CaseBuilder:
        return self.add(
            DocumentCopyGiven(
                on=d(on),
                recorded_by=self.by(src),
                document=document,
                from_service=src,
                to_service=dst,
                version=1,
            )
        )

    def share(self, on: str, document: DocumentKind, src: Service, dst: Service) -> CaseBuilder:
        return self.add(
            DocumentShared(
                on=d(on),
                recorded_by=self.by(src),
                document=document,
                from_service=src,
                to_service=dst,
                version=1,
            )
        )

    def full_3_14_12_plans(self, on: str) -> CaseBuilder:
        """Every 3.14.12 §2/§3 plan obligation discharged on ``on``."""
        return (
            self.plan(on, DK.INTERVENTION_PLAN, 2, snapshot=True, account=True)
            .plan(on, DK.PATHWAY_PLAN, 2, account=True, by=NS)
            .signed(on, YOS, 2)
            .copy(on, DK.PATHWAY_PLAN, NS, YOS)
            .copy(on, DK.INTERVENTION_PLAN, YOS, NS)
        )

    # --------------------------------------------------------------- 3.14.13

    def responsibility(self, on: str, service: Service) -> CaseBuilder:
        return self.add(ResponsibilityAccepted(on=d(on), recorded_by=self.by(service),
                                               service=service))  # fmt: skip

    def full_3_14_13_sharing(self, on: str, probation: Service = PS) -> CaseBuilder:
        """Every 3.14.13 §2/§3 sharing obligation discharged on ``on``."""
        return (
            self.share(on, DK.PATHWAY_PLAN, NS, probation)
            .share(on, DK.RISK_ASSESSMENT, NS, probation)
            .share(on, DK.SENTENCE_PLAN, probation, NS)
            .share(on, DK.RISK_ASSESSMENT, probation, NS)
            .plan(on, DK.INTERVENTION_PLAN, 1, snapshot=True, by=probation)
            .signed(on, probation)
            .copy(on, DK.PATHWAY_PLAN, NS, probation)
            .copy(on, DK.SENTENCE_PLAN, probation, NS)
        )

    def review(
        self, on: str, kind: MeetingKind = MK.RELEVANT_REVIEW, *, invite: Service | None = PS,
        invite_days_before: int = 14,
    ) -> CaseBuilder:  # fmt: skip
        """A Next Step review; probation (or YOS) invited ``invite_days_before`` days ahead."""
        if invite is not None:
            sent = d(on) - relativedelta(days=invite_days_before)
            self.invite(sent.isoformat(), kind, NS, invite)
        return self.meeting(on, kind, NS, invite or NS)

    def reviews(
        self, first: str, last: str, *, kind: MeetingKind = MK.RELEVANT_REVIEW,
        every_months: int = 5,
    ) -> CaseBuilder:  # fmt: skip
        """Reviews every ``every_months`` months, probation invited to each."""
        day = d(first)
        while day <= d(last):
            probation = PS if day >= date(2021, 6, 26) else NPS
            self.review(day.isoformat(), kind, invite=probation)
            day += relativedelta(months=every_months)
        return self

    def charged(self, on: str) -> CaseBuilder:
        return self.add(Charged(on=d(on), recorded_by=self.by(NS)))

    def solicitor(self, on: str, *, youth_expert: bool = True) -> CaseBuilder:
        return self.add(
            LegalRepresentationArranged(
                on=d(on), recorded_by=self.by(NS), youth_justice_expertise=youth_expert
            )
        )

    def hearing(self, on: str, *attended: Service, sentencing: bool = False) -> CaseBuilder:
        return self.add(CourtHearing(on=d(on), recorded_by=self.by(NS),
                                     is_sentencing=sentencing, attended_by=attended))  # fmt: skip

    def sentenced(self, on: str, outcome: SentenceOutcome, months: int) -> CaseBuilder:
        return self.add(Sentenced(on=d(on), recorded_by=self.by(NS), outcome=outcome,
                                  term_months=months))  # fmt: skip

    def build(self) -> JointCase:
        roles = {
            YOS: Role.CASE_WORKER,
            NS: Role.CASE_WORKER,
            PS: Role.CASE_WORKER,
            NPS: Role.CASE_WORKER,
            CRC: Role.CASE_WORKER,
        }
        staff = tuple(
            StaffMember(id=self.staff_ids[s], role=roles[s], service=s)
            for s in (YOS, NS, NPS, CRC, PS)
            if s in self.services
        )
        return JointCase(
            case_id=self.case_id,
            young_person=self.young_person,
            events=tuple(self.events),
            staff=staff,
        )


def yos_ns_cases() -> Iterator[CaseBuilder]:
    """3.14.12 joint cases: YOS and Next Steps (young people of 16 and 17)."""
    rel, chg, co = CareStatus.RELEVANT, LegalStatus.CHARGED, LegalStatus.COMMUNITY_ORDER

    # Christmas 2025: allocated Thu 18 Dec -> due Tue 13 Jan 2026 (25, 26 Dec and 1 Jan
    # are bank holidays); no case workers' meeting -> overdue. A formal review without an
    # invitation to Next Steps -> overdue; the pathway plan copy was given -> met.
    c = CaseBuilder(1, born="2009-04-11", care=rel, legal=co)
    c.joint_yos_ns("2025-12-18").copy("2026-01-20", DK.PATHWAY_PLAN, NS, YOS)
    c.meeting("2026-03-10", MK.FORMAL_REVIEW, YOS)
    yield c

    # Fully compliant: allocated Mon 2 Mar 2026 -> due Mon 23 Mar; met 12 Mar.
    c = CaseBuilder(2, born="2009-08-02", care=CareStatus.LOOKED_AFTER, legal=co)
    c.joint_yos_ns("2026-03-02").meeting("2026-03-12", CW_MEETING, YOS, NS)
    c.meeting("2026-03-26", MK.JOINT_MEETING_WITH_YOUNG_PERSON, YOS, NS)
    c.full_3_14_12_plans("2026-04-01")
    c.invite("2026-06-01", MK.FORMAL_REVIEW, YOS, NS).meeting(
        "2026-06-15", MK.FORMAL_REVIEW, YOS, NS
    )
    c.invite("2026-06-25", MK.NEXT_STEPS_REVIEW, NS, YOS)
    c.meeting("2026-07-07", MK.NEXT_STEPS_REVIEW, NS, YOS)
    yield c

    # Met late: allocated Wed 1 Apr 2026 -> due Fri 24 Apr (Good Friday 3 Apr and Easter
    # Monday 6 Apr skipped); the case workers met on 1 May. No joint meeting with the
    # young person yet and plans not updated -> no timescale in protocol. YOS was not
    # invited to the Next Steps review on 10 Jun -> overdue.
    c = CaseBuilder(3, born="2009-01-23", care=rel, legal=chg)
    c.joint_yos_ns("2026-04-01").meeting("2026-05-01", CW_MEETING, YOS, NS)
    c.meeting("2026-06-10", MK.NEXT_STEPS_REVIEW, NS)  # YOS not invited -> overdue
    yield c

    # Recent: allocated Fri 20 Nov 2026 -> due Fri 11 Dec 2026 -> due on 25 Nov.
    c = CaseBuilder(4, born="2010-02-14", care=CareStatus.LOOKED_AFTER, legal=chg)
    c.joint_yos_ns("2026-11-20")
    yield c

    # YOS allocated; the check found the case is NOT open to Next Steps -> the joint
    # obligations do not apply; the check itself is met.
    c = CaseBuilder(5, born="2009-06-30", care=CareStatus.OTHER, legal=co)
    c.allocate("2026-05-11", YOS).check("2026-05-11", YOS, NS, open_=False)
    yield c

    # Next Steps allocated on 5 Oct 2026; no check of the other service recorded ->
    # no timescale in protocol.
    c = CaseBuilder(6, born="2008-12-05", care=rel, legal=LegalStatus.NO_PROCEEDINGS)
    c.allocate("2026-10-05", NS)
    yield c

    # Invitations: Complex Case Panel without an invitation (overdue); a MAPPA review
    # today without one (due); a Next Steps statutory review with YOS invited (met).
    c = CaseBuilder(7, born="2009-03-19", care=rel, legal=co)
    c.joint_yos_ns("2025-06-02").meeting("2025-06-12", CW_MEETING, YOS, NS)
    c.meeting("2025-07-01", MK.JOINT_MEETING_WITH_YOUNG_PERSON, YOS, NS)
    c.plan("2025-07-10", DK.INTERVENTION_PLAN, 2, snapshot=True, account=True)
    c.meeting("2025-09-10", MK.COMPLEX_CASE_PANEL, YOS, NS)
    c.invite("2025-11-20", MK.STATUTORY_REVIEW, NS, YOS)
    c.meeting("2025-12-02", MK.STATUTORY_REVIEW, NS, YOS)
    c.meeting("2026-11-25", MK.MAPPA_REVIEW, YOS)
    yield c

    # Both services allocate; both confirm the case is open to the other; routine.
    c = CaseBuilder(8, born="2009-10-10", care=rel, legal=co)
    c.allocate("2026-01-05", NS).check("2026-01-05", NS, YOS, open_=True)
    c.allocate("2026-01-07", YOS).check("2026-01-08", YOS, NS, open_=True)
    c.meeting("2026-01-20", CW_MEETING, YOS, NS)
    c.meeting("2026-02-03", MK.JOINT_MEETING_WITH_YOUNG_PERSON, YOS, NS)
    c.full_3_14_12_plans("2026-02-16")
    c.invite("2026-04-01", MK.RELEVANT_REVIEW, NS, YOS).meeting(
        "2026-04-14", MK.RELEVANT_REVIEW, NS
    )
    yield c

    # Four routine joint cases through 2026, each a little different.
    for n, start, meet in (
        (9, "2026-02-09", "2026-02-19"),
        (10, "2026-05-18", "2026-06-05"),
        (11, "2026-07-06", "2026-07-24"),
        (12, "2026-09-14", "2026-09-30"),
    ):
        c = CaseBuilder(n, born=f"2009-0{n - 8}-1{n - 8}", care=rel, legal=co)
        c.joint_yos_ns(start).meeting(meet, CW_MEETING, YOS, NS)
        if n != 12:
            c.meeting((d(meet) + relativedelta(days=14)).isoformat(),
                      MK.JOINT_MEETING_WITH_YOUNG_PERSON, YOS, NS)  # fmt: skip
            c.full_3_14_12_plans((d(meet) + relativedelta(days=21)).isoformat())
        yield c


def probation_cases() -> Iterator[CaseBuilder]:
    """3.14.13 cases: Next Step and probation (care leavers of 18 to 22)."""
    fr, rel = CareStatus.FORMER_RELEVANT, CareStatus.RELEVANT
    co, cust, lic = LegalStatus.COMMUNITY_ORDER, LegalStatus.CUSTODY, LegalStatus.ON_LICENCE

    # Fully compliant since the Probation Service took responsibility on 1 Sep 2025:
    # reviews 20 Feb 2026 (due 1 Mar) and 14 Aug 2026 (due 20 Aug); next due 14 Feb 2027.
    c = CaseBuilder(13, born="2005-05-05", care=fr, legal=co)
    c.allocate("2025-08-20", NS).check("2025-08-20", NS, YOS, open_=False)
    c.responsibility("2025-09-01", PS).full_3_14_13_sharing("2025-09-05")
    c.review("2026-02-20").review("2026-08-14")
    yield c

    # Nothing shared since responsibility on 15 Jan 2025 (no timescale in protocol); the
    # first review was late (1 Aug 2025, due 15 Jul) and uninvited; the next was due
    # 1 Feb 2026 -> overdue.
    c = CaseBuilder(14, born="2004-11-30", care=fr, legal=co)
    c.responsibility("2025-01-15", PS).review("2025-08-01", invite=None)
    yield c

    # Probation unification: NPS accepted responsibility in March 2021; the pathway plan
    # shared with the Probation Service in July 2021 counts; the risk assessment
    # "shared with CRC" in August 2021 does not (CRC ceased on 25 June 2021).
    c = CaseBuilder(15, born="2002-07-21", care=fr, legal=lic)
    c.responsibility("2021-03-10", NPS)
    c.add(CaseTransferred(on=d("2021-06-26"), recorded_by=c.by(PS), from_service=NPS,
                          to_service=PS))  # fmt: skip
    c.share("2021-07-05", DK.PATHWAY_PLAN, NS, PS)
    c.share("2021-08-02", DK.RISK_ASSESSMENT, NS, CRC)
    c.share("2021-04-01", DK.SENTENCE_PLAN, NPS, NS)
    c.reviews("2021-08-02", "2026-11-01")
    yield c

    # Before 3.14.13 took effect (18 Mar 2019): charged and NPS responsible in 2018 ->
    # not applicable. Closed by Next Step in 2019.
    c = CaseBuilder(16, born="2000-01-15", care=fr, legal=lic)
    c.charged("2018-10-01").solicitor("2018-10-02").hearing("2018-10-15", NS, sentencing=True)
    c.sentenced("2018-10-15", SentenceOutcome.COMMUNITY_ORDER, 12)
    c.responsibility("2018-10-15", NPS)
    c.add(CaseClosed(on=d("2019-02-28"), recorded_by=c.by(NS), service=NS))
    yield c

    # Charged with everything done on time, ICTA advised, custody likely handled well.
    c = CaseBuilder(17, born="2007-09-09", care=rel, legal=cust, icta=True)
    c.charged("2026-06-01").solicitor("2026-06-02").add(
        IctaAdvised(on=d("2026-06-05"), recorded_by=c.by(NS), hearing_on=d("2026-06-10"))
    )
    c.responsibility("2026-06-01", PS).full_3_14_13_sharing("2026-06-08")
    c.hearing("2026-06-10", NS)
    c.add(CustodyLikely(on=d("2026-07-01"), recorded_by=c.by(PS)))
    c.add(InformationFedIn(on=d("2026-07-06"), recorded_by=c.by(NS), from_service=NS,
                           to_service=PS))  # fmt: skip
    c.add(YoungPersonInformed(on=d("2026-07-08"), recorded_by=c.by(NS), by_service=NS,
                              family_informed=True))  # fmt: skip
    c.add(ReportPrepared(on=d("2026-07-15"), recorded_by=c.by(PS), by_service=PS))
    c.hearing("2026-07-29", NS, PS, sentencing=True)
    c.sentenced("2026-07-29", SentenceOutcome.CUSTODY, 8)
    c.review("2026-10-20", MK.STATUTORY_REVIEW)
    yield c

    # Solicitor arranged after the first hearing (met late); ICTA never advised
    # (overdue); no Next Step worker at the sentencing hearing (overdue); community
    # sentence with nothing shared since (no timescale in protocol).
    c = CaseBuilder(18, born="2007-02-02", care=rel, legal=co, icta=True)
    c.charged("2026-02-02").hearing("2026-02-16").solicitor("2026-02-20")
    c.hearing("2026-04-20", PS, sentencing=True)
    c.sentenced("2026-04-20", SentenceOutcome.COMMUNITY_ORDER, 12)
    yield c

    # Charged on 2 Nov 2026, no hearing yet: solicitor still due before the first hearing;
    # ICTA advised (met).
    c = CaseBuilder(19, born="2007-12-12", care=rel, legal=LegalStatus.ON_BAIL, icta=True)
    c.charged("2026-11-02").add(IctaAdvised(on=d("2026-11-05"), recorded_by=c.by(NS)))
    yield c

    # No solicitor by the first hearing (overdue); information fed in after the report
    # (met late); sentencing today with the young person not yet prepared (due) and no
    # Next Step worker recorded yet (due).
    c = CaseBuilder(20, born="2006-04-04", care=fr, legal=LegalStatus.REMANDED)
    c.charged("2026-09-01").hearing("2026-09-14")
    c.add(CustodyLikely(on=d("2026-10-01"), recorded_by=c.by(NS)))
    c.add(ReportPrepared(on=d("2026-10-20"), recorded_by=c.by(PS), by_service=PS))
    c.add(InformationFedIn(on=d("2026-10-22"), recorded_by=c.by(NS), from_service=NS,
                           to_service=PS))  # fmt: skip
    c.hearing("2026-11-25", PS, sentencing=True).sentenced("2026-11-25", SentenceOutcome.CUSTODY, 6)
    yield c

    # Community sentence with sharing since (met), probation responsible from sentence.
    c = CaseBuilder(21, born="2006-10-01", care=fr, legal=co)
    c.charged("2025-10-01").solicitor("2025-10-02")
    c.hearing("2025-10-15", NS, PS, sentencing=True)
    c.sentenced("2025-10-15", SentenceOutcome.COMMUNITY_ORDER, 18)
    c.responsibility("2025-10-15", PS).full_3_14_13_sharing("2025-10-30")
    c.review("2026-04-10").review("2026-09-25")
    yield c

    # Custody likely: the report was prepared without Next Step's information (overdue)
    # and custody imposed without the young person being prepared (overdue).
    c = CaseBuilder(22, born="2005-03-03", care=fr, legal=cust)
    c.charged("2026-08-03").solicitor("2026-08-03").hearing("2026-08-17", NS)
    c.add(CustodyLikely(on=d("2026-09-15"), recorded_by=c.by(PS)))
    c.add(ReportPrepared(on=d("2026-10-01"), recorded_by=c.by(PS), by_service=PS))
    c.hearing("2026-10-20", NS, sentencing=True).sentenced(
        "2026-10-20", SentenceOutcome.CUSTODY, 10
    )
    yield c

    # Custody likely since 10 Nov 2026; no report and no sentence yet -> both due.
    c = CaseBuilder(23, born="2006-06-16", care=rel, legal=LegalStatus.ON_BAIL)
    c.charged("2026-10-12").solicitor("2026-10-13").hearing("2026-10-26", NS)
    c.add(CustodyLikely(on=d("2026-11-10"), recorded_by=c.by(NS)))
    yield c

    # A statutory review today without an invitation to probation -> due.
    c = CaseBuilder(24, born="2005-08-08", care=fr, legal=co)
    c.responsibility("2026-06-15", PS).full_3_14_13_sharing("2026-06-20")
    c.review("2026-11-25", MK.FORMER_RELEVANT_REVIEW, invite=None)
    yield c

    # Pre-unification case run by CRC, with the 2019 rotation's providers, now with the
    # Probation Service; sharing all done in 2020.
    c = CaseBuilder(25, born="2001-09-27", care=fr, legal=lic)
    c.responsibility("2020-01-13", CRC).full_3_14_13_sharing("2020-01-20", CRC)
    c.add(CaseTransferred(on=d("2021-06-26"), recorded_by=c.by(PS), from_service=CRC,
                          to_service=PS))  # fmt: skip
    c.reviews("2020-06-15", "2026-10-15", kind=MK.FORMER_RELEVANT_REVIEW)
    yield c

    # Routine probation cases with varied gaps.
    for n, start in ((26, "2024-03-04"), (27, "2024-09-09"), (28, "2025-05-12"),
                     (29, "2025-11-03"), (30, "2026-04-06")):  # fmt: skip
        c = CaseBuilder(n, born=f"2005-{n - 20:02d}-0{n - 25}", care=fr, legal=co)
        c.responsibility(start, PS)
        if n % 2 == 0:
            c.full_3_14_13_sharing((d(start) + relativedelta(days=7)).isoformat())
        else:
            c.share((d(start) + relativedelta(days=3)).isoformat(), DK.PATHWAY_PLAN, NS, PS)
        first = d(start) + relativedelta(months=5)
        c.reviews(first.isoformat(), "2026-11-20")
        yield c


def management_meetings() -> list[Meeting]:
    """Quarterly meetings from Q4 2018 to Q3 2026; Q4 2026 not yet held (due).

    3.14.12 §3: one quarter (2025-Q2) had only an unrecorded meeting, so it is overdue.
    3.14.13 §3 (from 18 Mar 2019, first meeting 28 Mar 2019): 2020-Q2 was missed; notes
    rotate Next Step -> NPS -> CRC until unification, then Next Step -> Probation Service;
    the last meeting before unification was Next Step's, so the Probation Service takes
    the first one after.
    The 2024-Q1 meeting broke the rotation (Next Step took the notes out of turn).
    """
    before = {NS: NPS, NPS: CRC, CRC: NS}
    after = {NS: PS, PS: NS, CRC: NS}
    out: list[Meeting] = []
    quarter = date(2018, 10, 1)
    previous = NS  # so that the first 3.14.13 meeting's notes fall to NPS
    while quarter < date(2026, 10, 1):
        on = quarter + relativedelta(months=1, days=14)
        out.append(
            Meeting(
                kind=MK.QUARTERLY_MANAGEMENT,
                on=on,
                attendees=("W-YOS-M1", "W-NS-M1"),
                services=(YOS, NS),
                recorded=quarter != date(2025, 4, 1),
            )
        )
        # The first 3.14.13 meeting was held soon after signing (18 Mar 2019).
        middle = on + relativedelta(days=7)
        if quarter == date(2019, 1, 1):
            middle = date(2019, 3, 28)
        if middle >= date(2019, 3, 18) and quarter != date(2020, 4, 1):
            unified = middle >= date(2021, 6, 26)
            taker = (after if unified else before)[previous]
            if quarter == date(2024, 1, 1):
                taker = NS if taker is PS else PS  # out of turn
            out.append(
                Meeting(
                    kind=MK.MIDDLE_MANAGEMENT_QUARTERLY,
                    on=middle,
                    attendees=("W-NS-M1", "W-PS-M1" if unified else "W-NPS-M1"),
                    services=(NS, PS) if unified else (NS, NPS, CRC),
                    recorded=True,
                    notes_taken_by=taker,
                )
            )
            previous = taker
        quarter += relativedelta(months=3)
    return out


def quality_assurance() -> list[QualityAssuranceRecord]:
    """Twice-yearly QA from H2 2018 to H2 2026; 2022-H1 missed; 2025-H2 incomplete."""
    out = []
    half = date(2018, 7, 1)
    while half <= date(2026, 7, 1):
        if half != date(2022, 1, 1):
            incomplete = half == date(2025, 7, 1)
            out.append(
                QualityAssuranceRecord(
                    on=half + relativedelta(months=4, days=9),
                    services=(YOS, NS),
                    by=("W-YOS-M1", "W-NS-M1"),
                    case_ids=("C-0002", "C-0007", "C-0008") if half.year >= 2025 else (),
                    findings_recorded=True,
                    feedback_given=True,
                    shared_with_heads_of_service=not incomplete,
                )
            )
        half += relativedelta(months=6)
    return out


def build() -> Caseload:
    cases = [c.build() for c in (*yos_ns_cases(), *probation_cases())]
    return Caseload(
        cases=tuple(cases),
        management_meetings=tuple(management_meetings()),
        quality_assurance=tuple(quality_assurance()),
    )


def render() -> str:
    return dumps_caseload(build(), indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is stale: run scripts/make_example_caseload.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(build().cases)} cases)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
