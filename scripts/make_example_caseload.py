"""Write the bundled example caseload, ``src/care_justice_protocol/io/data/example_caseload.json``.

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

Each case is written with the testing kit's fluent builder,
:class:`care_justice_protocol.testing.Scenario`.

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

from care_justice_protocol import (
    CareStatus,
    Caseload,
    DocumentKind,
    LegalStatus,
    Meeting,
    MeetingKind,
    QualityAssuranceRecord,
    SentenceOutcome,
    Service,
    dumps_caseload,
)
from care_justice_protocol.testing import Scenario

#: The date the demo evaluates on (``make demo``, ``cjp check`` without a file).
AS_OF = date(2026, 11, 25)

OUTPUT = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "care_justice_protocol"
    / "io"
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


def case(
    number: int, *, born: str, care: CareStatus, legal: LegalStatus, icta: bool = False
) -> Scenario:
    """Case ``C-<number>`` of young person ``YP-<number>``; six teams of workers in turn."""
    team = (number - 1) % 6 + 1
    abbreviations = {YOS: "YOS", NS: "NS", PS: "PS", NPS: "NPS", CRC: "CRC"}
    return Scenario.for_case(
        f"C-{number:04d}",
        young_person_id=f"YP-{number:04d}",
        born=d(born),
        care_status=care,
        legal_status=legal,
        has_icta=icta,
        workers={s: f"W-{abbr}-{team:02d}" for s, abbr in abbreviations.items()},
    )


def reviews(
    c: Scenario, first: str, last: str, *, kind: MeetingKind = MK.RELEVANT_REVIEW,
    every_months: int = 5,
) -> Scenario:  # fmt: skip
    """Reviews every ``every_months`` months, probation (NPS before unification) invited."""
    day = d(first)
    while day <= d(last):
        probation = PS if day >= date(2021, 6, 26) else NPS
        c = c.review(day, kind, invite=probation)
        day += relativedelta(months=every_months)
    return c


def yos_ns_cases() -> Iterator[Scenario]:
    """3.14.12 joint cases: YOS and Next Steps (young people of 16 and 17)."""
    rel, chg, co = CareStatus.RELEVANT, LegalStatus.CHARGED, LegalStatus.COMMUNITY_ORDER

    # Christmas 2025: allocated Thu 18 Dec -> due Tue 13 Jan 2026 (25, 26 Dec and 1 Jan
    # are bank holidays); no case workers' meeting -> overdue. A formal review without an
    # invitation to Next Steps -> overdue; the pathway plan copy was given -> met.
    c = case(1, born="2009-04-11", care=rel, legal=co)
    c = c.joint_yos_next_steps(d("2025-12-18")).copy(d("2026-01-20"), DK.PATHWAY_PLAN, NS, YOS)
    yield c.meeting(d("2026-03-10"), MK.FORMAL_REVIEW, YOS)

    # Fully compliant: allocated Mon 2 Mar 2026 -> due Mon 23 Mar; met 12 Mar.
    c = case(2, born="2009-08-02", care=CareStatus.LOOKED_AFTER, legal=co)
    c = c.joint_yos_next_steps(d("2026-03-02")).meeting(d("2026-03-12"), CW_MEETING, YOS, NS)
    c = c.meeting(d("2026-03-26"), MK.JOINT_MEETING_WITH_YOUNG_PERSON, YOS, NS)
    c = c.discharge_3_14_12_plans(d("2026-04-01"))
    c = c.invite(d("2026-06-01"), MK.FORMAL_REVIEW, YOS, NS)
    c = c.meeting(d("2026-06-15"), MK.FORMAL_REVIEW, YOS, NS)
    c = c.invite(d("2026-06-25"), MK.NEXT_STEPS_REVIEW, NS, YOS)
    yield c.meeting(d("2026-07-07"), MK.NEXT_STEPS_REVIEW, NS, YOS)

    # Met late: allocated Wed 1 Apr 2026 -> due Fri 24 Apr (Good Friday 3 Apr and Easter
    # Monday 6 Apr skipped); the case workers met on 1 May. No joint meeting with the
    # young person yet and plans not updated -> no timescale in protocol. YOS was not
    # invited to the Next Steps review on 10 Jun -> overdue.
    c = case(3, born="2009-01-23", care=rel, legal=chg)
    c = c.joint_yos_next_steps(d("2026-04-01")).meeting(d("2026-05-01"), CW_MEETING, YOS, NS)
    yield c.meeting(d("2026-06-10"), MK.NEXT_STEPS_REVIEW, NS)  # YOS not invited -> overdue

    # Recent: allocated Fri 20 Nov 2026 -> due Fri 11 Dec 2026 -> due on 25 Nov.
    c = case(4, born="2010-02-14", care=CareStatus.LOOKED_AFTER, legal=chg)
    yield c.joint_yos_next_steps(d("2026-11-20"))

    # YOS allocated; the check found the case is NOT open to Next Steps -> the joint
    # obligations do not apply; the check itself is met.
    c = case(5, born="2009-06-30", care=CareStatus.OTHER, legal=co)
    c = c.allocate(d("2026-05-11"), YOS)
    yield c.check_other_service(d("2026-05-11"), YOS, NS, open_to_other=False)

    # Next Steps allocated on 5 Oct 2026; no check of the other service recorded ->
    # no timescale in protocol.
    c = case(6, born="2008-12-05", care=rel, legal=LegalStatus.NO_PROCEEDINGS)
    yield c.allocate(d("2026-10-05"), NS)

    # Invitations: Complex Case Panel without an invitation (overdue); a MAPPA review
    # today without one (due); a Next Steps statutory review with YOS invited (met).
    c = case(7, born="2009-03-19", care=rel, legal=co)
    c = c.joint_yos_next_steps(d("2025-06-02")).meeting(d("2025-06-12"), CW_MEETING, YOS, NS)
    c = c.meeting(d("2025-07-01"), MK.JOINT_MEETING_WITH_YOUNG_PERSON, YOS, NS)
    c = c.plan(d("2025-07-10"), DK.INTERVENTION_PLAN, 2, by=YOS,
               includes_snapshot_of=[DK.PATHWAY_PLAN], takes_account_of=[CW_MEETING])  # fmt: skip
    c = c.meeting(d("2025-09-10"), MK.COMPLEX_CASE_PANEL, YOS, NS)
    c = c.invite(d("2025-11-20"), MK.STATUTORY_REVIEW, NS, YOS)
    c = c.meeting(d("2025-12-02"), MK.STATUTORY_REVIEW, NS, YOS)
    yield c.meeting(d("2026-11-25"), MK.MAPPA_REVIEW, YOS)

    # Both services allocate; both confirm the case is open to the other; routine.
    c = case(8, born="2009-10-10", care=rel, legal=co)
    c = c.allocate(d("2026-01-05"), NS).check_other_service(
        d("2026-01-05"), NS, YOS, open_to_other=True
    )
    c = c.allocate(d("2026-01-07"), YOS).check_other_service(
        d("2026-01-08"), YOS, NS, open_to_other=True
    )
    c = c.meeting(d("2026-01-20"), CW_MEETING, YOS, NS)
    c = c.meeting(d("2026-02-03"), MK.JOINT_MEETING_WITH_YOUNG_PERSON, YOS, NS)
    c = c.discharge_3_14_12_plans(d("2026-02-16"))
    c = c.invite(d("2026-04-01"), MK.RELEVANT_REVIEW, NS, YOS)
    yield c.meeting(d("2026-04-14"), MK.RELEVANT_REVIEW, NS)

    # Four routine joint cases through 2026, each a little different.
    for n, start, meet in (
        (9, "2026-02-09", "2026-02-19"),
        (10, "2026-05-18", "2026-06-05"),
        (11, "2026-07-06", "2026-07-24"),
        (12, "2026-09-14", "2026-09-30"),
    ):
        c = case(n, born=f"2009-0{n - 8}-1{n - 8}", care=rel, legal=co)
        c = c.joint_yos_next_steps(d(start)).meeting(d(meet), CW_MEETING, YOS, NS)
        if n != 12:
            c = c.meeting(d(meet) + relativedelta(days=14),
                          MK.JOINT_MEETING_WITH_YOUNG_PERSON, YOS, NS)  # fmt: skip
            c = c.discharge_3_14_12_plans(d(meet) + relativedelta(days=21))
        yield c


def probation_cases() -> Iterator[Scenario]:
    """3.14.13 cases: Next Step and probation (care leavers of 18 to 22)."""
    fr, rel = CareStatus.FORMER_RELEVANT, CareStatus.RELEVANT
    co, cust, lic = LegalStatus.COMMUNITY_ORDER, LegalStatus.CUSTODY, LegalStatus.ON_LICENCE

    # Fully compliant since the Probation Service took responsibility on 1 Sep 2025:
    # reviews 20 Feb 2026 (due 1 Mar) and 14 Aug 2026 (due 20 Aug); next due 14 Feb 2027.
    c = case(13, born="2005-05-05", care=fr, legal=co)
    c = c.allocate(d("2025-08-20"), NS)
    c = c.check_other_service(d("2025-08-20"), NS, YOS, open_to_other=False)
    c = c.responsibility(d("2025-09-01"), PS).discharge_3_14_13_sharing(d("2025-09-05"))
    yield c.review(d("2026-02-20")).review(d("2026-08-14"))

    # Nothing shared since responsibility on 15 Jan 2025 (no timescale in protocol); the
    # first review was late (1 Aug 2025, due 15 Jul) and uninvited; the next was due
    # 1 Feb 2026 -> overdue.
    c = case(14, born="2004-11-30", care=fr, legal=co)
    yield c.responsibility(d("2025-01-15"), PS).meeting(d("2025-08-01"), MK.RELEVANT_REVIEW, NS, NS)

    # Probation unification: NPS accepted responsibility in March 2021; the pathway plan
    # shared with the Probation Service in July 2021 counts; the risk assessment
    # "shared with CRC" in August 2021 does not (CRC ceased on 25 June 2021).
    c = case(15, born="2002-07-21", care=fr, legal=lic)
    c = c.responsibility(d("2021-03-10"), NPS).transferred(d("2021-06-26"), NPS, PS)
    c = c.share(d("2021-07-05"), DK.PATHWAY_PLAN, NS, PS)
    c = c.share(d("2021-08-02"), DK.RISK_ASSESSMENT, NS, CRC)
    c = c.share(d("2021-04-01"), DK.SENTENCE_PLAN, NPS, NS)
    yield reviews(c, "2021-08-02", "2026-11-01")

    # Before 3.14.13 took effect (18 Mar 2019): charged and NPS responsible in 2018 ->
    # not applicable. Closed by Next Step in 2019.
    c = case(16, born="2000-01-15", care=fr, legal=lic)
    c = c.charged(d("2018-10-01")).legal_representation(d("2018-10-02"))
    c = c.hearing(d("2018-10-15"), NS, sentencing=True)
    c = c.sentenced(d("2018-10-15"), SentenceOutcome.COMMUNITY_ORDER, 12)
    yield c.responsibility(d("2018-10-15"), NPS).closed(d("2019-02-28"), NS)

    # Charged with everything done on time, ICTA advised, custody likely handled well.
    c = case(17, born="2007-09-09", care=rel, legal=cust, icta=True)
    c = c.charged(d("2026-06-01")).legal_representation(d("2026-06-02"))
    c = c.icta_advised(d("2026-06-05"), hearing_on=d("2026-06-10"))
    c = c.responsibility(d("2026-06-01"), PS).discharge_3_14_13_sharing(d("2026-06-08"))
    c = c.hearing(d("2026-06-10"), NS).custody_likely(d("2026-07-01"), recorded_by=PS)
    c = c.information_fed_in(d("2026-07-06"), NS, PS)
    c = c.young_person_informed(d("2026-07-08"), NS, family_informed=True)
    c = c.report_prepared(d("2026-07-15"), PS)
    c = c.hearing(d("2026-07-29"), NS, PS, sentencing=True)
    c = c.sentenced(d("2026-07-29"), SentenceOutcome.CUSTODY, 8)
    yield c.review(d("2026-10-20"), MK.STATUTORY_REVIEW)

    # Solicitor arranged after the first hearing (met late); ICTA never advised
    # (overdue); no Next Step worker at the sentencing hearing (overdue); community
    # sentence with nothing shared since (no timescale in protocol).
    c = case(18, born="2007-02-02", care=rel, legal=co, icta=True)
    c = c.charged(d("2026-02-02")).hearing(d("2026-02-16"))
    c = c.legal_representation(d("2026-02-20")).hearing(d("2026-04-20"), PS, sentencing=True)
    yield c.sentenced(d("2026-04-20"), SentenceOutcome.COMMUNITY_ORDER, 12)

    # Charged on 2 Nov 2026, no hearing yet: solicitor still due before the first hearing;
    # ICTA advised (met).
    c = case(19, born="2007-12-12", care=rel, legal=LegalStatus.ON_BAIL, icta=True)
    yield c.charged(d("2026-11-02")).icta_advised(d("2026-11-05"))

    # No solicitor by the first hearing (overdue); information fed in after the report
    # (met late); sentencing today with the young person not yet prepared (due) and no
    # Next Step worker recorded yet (due).
    c = case(20, born="2006-04-04", care=fr, legal=LegalStatus.REMANDED)
    c = c.charged(d("2026-09-01")).hearing(d("2026-09-14")).custody_likely(d("2026-10-01"))
    c = c.report_prepared(d("2026-10-20"), PS).information_fed_in(d("2026-10-22"), NS, PS)
    c = c.hearing(d("2026-11-25"), PS, sentencing=True)
    yield c.sentenced(d("2026-11-25"), SentenceOutcome.CUSTODY, 6)

    # Community sentence with sharing since (met), probation responsible from sentence.
    c = case(21, born="2006-10-01", care=fr, legal=co)
    c = c.charged(d("2025-10-01")).legal_representation(d("2025-10-02"))
    c = c.hearing(d("2025-10-15"), NS, PS, sentencing=True)
    c = c.sentenced(d("2025-10-15"), SentenceOutcome.COMMUNITY_ORDER, 18)
    c = c.responsibility(d("2025-10-15"), PS).discharge_3_14_13_sharing(d("2025-10-30"))
    yield c.review(d("2026-04-10")).review(d("2026-09-25"))

    # Custody likely: the report was prepared without Next Step's information (overdue)
    # and custody imposed without the young person being prepared (overdue).
    c = case(22, born="2005-03-03", care=fr, legal=cust)
    c = c.charged(d("2026-08-03")).legal_representation(d("2026-08-03"))
    c = c.hearing(d("2026-08-17"), NS).custody_likely(d("2026-09-15"), recorded_by=PS)
    c = c.report_prepared(d("2026-10-01"), PS).hearing(d("2026-10-20"), NS, sentencing=True)
    yield c.sentenced(d("2026-10-20"), SentenceOutcome.CUSTODY, 10)

    # Custody likely since 10 Nov 2026; no report and no sentence yet -> both due.
    c = case(23, born="2006-06-16", care=rel, legal=LegalStatus.ON_BAIL)
    c = c.charged(d("2026-10-12")).legal_representation(d("2026-10-13"))
    yield c.hearing(d("2026-10-26"), NS).custody_likely(d("2026-11-10"))

    # A statutory review today without an invitation to probation -> due.
    c = case(24, born="2005-08-08", care=fr, legal=co)
    c = c.responsibility(d("2026-06-15"), PS).discharge_3_14_13_sharing(d("2026-06-20"))
    yield c.meeting(d("2026-11-25"), MK.FORMER_RELEVANT_REVIEW, NS, NS)

    # Pre-unification case run by CRC, with the 2019 rotation's providers, now with the
    # Probation Service; sharing all done in 2020.
    c = case(25, born="2001-09-27", care=fr, legal=lic)
    c = c.responsibility(d("2020-01-13"), CRC).discharge_3_14_13_sharing(d("2020-01-20"), CRC)
    c = c.transferred(d("2021-06-26"), CRC, PS)
    c = reviews(c, "2020-06-15", "2026-10-15", kind=MK.FORMER_RELEVANT_REVIEW)
    # Probation already invited (16 Nov 2026) to the next review, which the law requires
    # within six months of the last one held -> met (3.14.13 §5).
    yield c.invite(d("2026-11-16"), MK.FORMER_RELEVANT_REVIEW, NS, PS)

    # Routine probation cases with varied gaps.
    for n, start in ((26, "2024-03-04"), (27, "2024-09-09"), (28, "2025-05-12"),
                     (29, "2025-11-03"), (30, "2026-04-06")):  # fmt: skip
        c = case(n, born=f"2005-{n - 20:02d}-0{n - 25}", care=fr, legal=co)
        c = c.responsibility(d(start), PS)
        if n % 2 == 0:
            c = c.discharge_3_14_13_sharing(d(start) + relativedelta(days=7))
        else:
            c = c.share(d(start) + relativedelta(days=3), DK.PATHWAY_PLAN, NS, PS)
        first = d(start) + relativedelta(months=5)
        yield reviews(c, first.isoformat(), "2026-11-20")


def management_meetings() -> list[Meeting]:
    """Quarterly meetings from Q4 2018 to Q3 2026; Q4 2026 not yet held (due).

    3.14.12 §3: one quarter (2025-Q2) had only an unrecorded meeting, so it is overdue.
    3.14.13 §3 (from 18 Mar 2019, first meeting 28 Mar 2019): 2020-Q2 was missed; notes
    rotate in the text's order, Next Step -> CRC -> NPS, until unification, then Next Step ->
    Probation Service;
    the last meeting before unification was Next Step's, so the Probation Service takes
    the first one after.
    The 2024-Q1 meeting broke the rotation (Next Step took the notes out of turn).
    """
    before = {NS: CRC, CRC: NPS, NPS: NS}
    after = {NS: PS, PS: NS, CRC: PS, NPS: NS}
    out: list[Meeting] = []
    quarter = date(2018, 10, 1)
    previous = NS  # so that the first 3.14.13 meeting's notes fall to CRC
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
