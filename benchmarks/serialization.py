"""Benchmark: load and validate a large caseload against plain ``json.loads``.

Generates (seeded) a caseload of 10,000 joint cases with 30 events each, serialises it
to JSON bytes, then times ``json.loads`` and ``load_caseload`` on the same bytes, best
of 3. Targets (issue 3): the whole load in at most 3 s and at most 5x ``json.loads``.

Run from the repository root with either of::

    python -m benchmarks.serialization [--cases 10000] [--events 30] [--repeat 3]
    python benchmarks/serialization.py
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from care_justice_protocol.io._json import dumps_caseload, load_caseload, make_converter
from care_justice_protocol.model._entities import (
    CareStatus,
    Complainant,
    DocumentKind,
    LegalStatus,
    MeetingKind,
    Role,
    SentenceOutcome,
    Service,
    StaffMember,
    YoungPerson,
)
from care_justice_protocol.model._events import (
    Allocated,
    Caseload,
    Charged,
    ComplaintMade,
    CourtHearing,
    DisagreementRaised,
    DocumentCopyGiven,
    DocumentShared,
    DocumentSigned,
    Event,
    InvitationSent,
    JointCase,
    MeetingHeld,
    OtherServiceChecked,
    PlanUpdated,
    Sentenced,
)

SERVICES = (Service.NEXT_STEP, Service.YOS, Service.PROBATION_SERVICE)


def make_event(rng: random.Random, on: date, staff: list[str]) -> Event:
    """One plausible event of a randomly chosen type."""
    who = rng.choice(staff)
    a, b = rng.sample(SERVICES, 2)
    choice = rng.randrange(12)
    if choice == 0:
        return Allocated(on=on, recorded_by=who, service=a, worker_id=who)
    if choice == 1:
        return OtherServiceChecked(
            on=on, recorded_by=who, service=a, other_service=b, open_to_other=True
        )
    if choice == 2:
        return MeetingHeld(
            on=on,
            recorded_by=who,
            kind=rng.choice(list(MeetingKind)),
            attendees=tuple(staff),
            services=(a, b),
            recorded=rng.random() < 0.8,
            notes_taken_by=a,
        )
    if choice == 3:
        return InvitationSent(
            on=on,
            recorded_by=who,
            kind=MeetingKind.STATUTORY_REVIEW,
            from_service=a,
            to_service=b,
            for_date=on + timedelta(days=14),
        )
    if choice == 4:
        return DocumentShared(
            on=on,
            recorded_by=who,
            document=rng.choice(list(DocumentKind)),
            from_service=a,
            to_service=b,
            version=rng.randint(1, 5),
        )
    if choice == 5:
        return DocumentSigned(
            on=on,
            recorded_by=who,
            document=DocumentKind.PATHWAY_PLAN,
            signed_by_service=b,
            version=rng.randint(1, 5),
        )
    if choice == 6:
        return DocumentCopyGiven(
            on=on,
            recorded_by=who,
            document=DocumentKind.SENTENCE_PLAN,
            from_service=a,
            to_service=b,
            version=1,
        )
    if choice == 7:
        return PlanUpdated(
            on=on,
            recorded_by=who,
            document=DocumentKind.INTERVENTION_PLAN,
            version=rng.randint(1, 5),
            includes_snapshot_of=(DocumentKind.PATHWAY_PLAN,),
            takes_account_of=(MeetingKind.CASE_WORKER_INFORMATION_SHARING,),
        )
    if choice == 8:
        return CourtHearing(on=on, recorded_by=who, is_sentencing=False, attended_by=(a,))
    if choice == 9:
        return Sentenced(
            on=on,
            recorded_by=who,
            outcome=rng.choice(list(SentenceOutcome)),
            term_months=rng.randint(1, 24),
        )
    if choice == 10:
        return DisagreementRaised(
            on=on, recorded_by=who, disagreement_id=f"D-{rng.randrange(10**6)}", between=(a, b)
        )
    if rng.random() < 0.5:
        return ComplaintMade(on=on, recorded_by=who, by=Complainant.CARER, about_service=a)
    return Charged(on=on, recorded_by=who)


def make_caseload(cases: int, events: int, seed: int = 20260101) -> Caseload:
    """A seeded caseload of *cases* cases with *events* events each."""
    rng = random.Random(seed)
    result = []
    for number in range(cases):
        staff = [
            StaffMember(f"S-{number}-{i}", Role.CASE_WORKER, service)
            for i, service in enumerate(SERVICES)
        ]
        ids = [member.id for member in staff]
        day = date(2024, 1, 1) + timedelta(days=rng.randrange(365))
        log = []
        for _ in range(events):
            day += timedelta(days=rng.randrange(10))
            log.append(make_event(rng, day, ids))
        young_person = YoungPerson(
            f"YP-{number:05d}",
            date(2005, 1, 1) + timedelta(days=rng.randrange(2000)),
            rng.choice(list(CareStatus)),
            rng.random() < 0.1,
            rng.choice(list(LegalStatus)),
        )
        result.append(JointCase(f"C-{number:05d}", young_person, tuple(log), tuple(staff)))
    return Caseload(cases=tuple(result))


def best_of(repeat: int, function: Callable[[], Any]) -> float:
    """The fastest of *repeat* runs, in seconds."""
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    start = time.perf_counter()
    caseload = make_caseload(args.cases, args.events)
    built = time.perf_counter() - start
    start = time.perf_counter()
    payload = dumps_caseload(caseload).encode()
    dumped = time.perf_counter() - start
    assert load_caseload(payload) == caseload, "round trip failed"

    json_time = best_of(args.repeat, lambda: json.loads(payload))
    load_time = best_of(args.repeat, lambda: load_caseload(payload))
    ratio = load_time / json_time
    converter = make_converter()  # the detailed path, taken only to report errors
    detailed_time = best_of(args.repeat, lambda: converter.structure(json.loads(payload), Caseload))

    print(f"caseload: {args.cases:,} cases x {args.events} events, {len(payload) / 1e6:.1f} MB")
    print(f"(generated in {built:.2f} s, dumped to JSON in {dumped:.2f} s)")
    print()
    print(f"| {'step (best of ' + str(args.repeat) + ')':<28} | {'seconds':>8} | {'x json':>7} |")
    print(f"|{'-' * 30}|{'-' * 10}|{'-' * 9}|")
    print(f"| {'json.loads(bytes)':<28} | {json_time:>8.3f} | {1:>7.2f} |")
    print(f"| {'load_caseload(bytes)':<28} | {load_time:>8.3f} | {ratio:>7.2f} |")
    detailed_ratio = detailed_time / json_time
    print(
        f"| {'detailed converter (errors)':<28} | {detailed_time:>8.3f} | {detailed_ratio:>7.2f} |"
    )
    print()
    ok = load_time <= 3.0 and ratio <= 5.0
    print(f"targets (<= 3 s, <= 5x json.loads): {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
