"""A motivated intruder against :func:`pseudonymise`: a seeded caseload and the attacks.

Used by ``tests/test_reidentification.py``, and run as a script to print the table on the
reliability page (``docs/explanation/reliability.md``, "What pseudonymisation leaves")::

    python -m tests.reidentification            # 1,000 generated cases, about 5 s

The intruder knows some facts about one young person from outside the data (the date of
a first contact, court hearing dates, which are often public, the month of birth, the
care and legal status) and looks for the pseudonymised cases that fit them. For each
attack and each young person in the released data, the chance of naming the right case
is ``1 / (number of cases that fit)`` when the right case fits, else 0; the linkage rate
is the mean over those people. A random guess has the chance rate ``1 / cases released``.
"""

from __future__ import annotations

import hashlib
import random
import sys
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterator, Mapping
from datetime import date, timedelta

import attrs
from dateutil.relativedelta import relativedelta

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    MAX_SHIFT_WEEKS,
    CareStatus,
    Caseload,
    CourtHearing,
    DocumentKind,
    JointCase,
    LegalStatus,
    MeetingKind,
    SentenceOutcome,
    Service,
    WorkingDaysAfter,
    example_caseload,
    pseudonymise,
)
from care_justice_protocol.testing import Scenario

#: The date every release here is checked on (the bundled example's own date).
AS_OF = date(2026, 11, 25)
#: The key of every release here (fixed, so the figures are reproducible; a real key
#: comes from ``secrets.token_bytes(32)``).
KEY = hashlib.sha256(b"care_justice_protocol re-identification test key").digest()
YOS, NS, PS, NPS, CRC = (Service.YOS, Service.NEXT_STEP, Service.PROBATION_SERVICE,
                         Service.NPS, Service.CRC)  # fmt: skip
_UNIFIED = date(2021, 6, 26)


# --------------------------------------------------------------------------- the caseload


def _weekday(rng: random.Random, lo: date, hi: date) -> date:
    while True:
        day = lo + timedelta(days=rng.randrange((hi - lo).days + 1))
        if day.weekday() < 5:
            return day


def _yos_next_steps(rng: random.Random, s: Scenario, start: date, end: date) -> Scenario:
    """A 3.14.12 case: joint allocation, the case workers' meeting, plans, reviews."""
    s = s.joint_yos_next_steps(start)
    if rng.random() < 0.85:
        s = s.meeting(WorkingDaysAfter(rng.randint(3, 20)),
                      MeetingKind.CASE_WORKER_INFORMATION_SHARING, YOS, NS)  # fmt: skip
    if rng.random() < 0.6:
        s = s.meeting(timedelta(days=rng.randint(7, 30)),
                      MeetingKind.JOINT_MEETING_WITH_YOUNG_PERSON, YOS, NS)  # fmt: skip
    if rng.random() < 0.5:
        s = s.discharge_3_14_12_plans(timedelta(days=rng.randint(3, 20)))
    day = start + relativedelta(months=rng.randint(2, 5))
    while day <= end:
        kind = rng.choice((MeetingKind.FORMAL_REVIEW, MeetingKind.NEXT_STEPS_REVIEW))
        if rng.random() < 0.7:
            host, guest = (YOS, NS) if kind is MeetingKind.FORMAL_REVIEW else (NS, YOS)
            s = s.invite(day - timedelta(days=rng.randint(5, 20)), kind, host, guest)
            s = s.meeting(day, kind, host, guest)
        else:
            s = s.meeting(day, kind, YOS if kind is MeetingKind.FORMAL_REVIEW else NS)
        day += relativedelta(months=rng.randint(3, 6), days=rng.randint(-5, 5))
    return s


def _probation(rng: random.Random, s: Scenario, start: date, end: date) -> Scenario:
    """A 3.14.13 case: probation responsible, sharing, reviews every few months."""
    provider = PS if start >= _UNIFIED else rng.choice((NPS, CRC))
    s = s.responsibility(start, provider)
    if provider is not PS and end >= _UNIFIED:
        s = s.transferred(_UNIFIED, provider, PS)
    if rng.random() < 0.7:
        s = s.discharge_3_14_13_sharing(start + timedelta(days=rng.randint(3, 20)),
                                        provider if start + timedelta(days=20) < _UNIFIED
                                        else PS)  # fmt: skip
    day = start + relativedelta(months=rng.randint(3, 6))
    while day <= end:
        guest = PS if day >= _UNIFIED else NPS
        kind = rng.choice((MeetingKind.RELEVANT_REVIEW, MeetingKind.FORMER_RELEVANT_REVIEW))
        s = s.review(day, kind, invite=guest if rng.random() < 0.8 else None)
        day += relativedelta(months=rng.randint(4, 7), days=rng.randint(-5, 5))
    return s


def _court(rng: random.Random, s: Scenario, start: date, end: date) -> Scenario:
    """A charge, two to five hearings a few weeks apart, a sentence at the last one."""
    charged = _weekday(rng, start, min(end, start + timedelta(days=300)))
    s = s.charged(charged)
    if rng.random() < 0.8:
        s = s.legal_representation(charged + timedelta(days=rng.randint(0, 10)))
    day = charged + timedelta(days=rng.randint(7, 21))
    hearings = rng.randint(2, 5)
    for n in range(hearings):
        if day > end:
            break
        last = n == hearings - 1
        attended = (NS,) if rng.random() < 0.7 else ()
        s = s.hearing(day, *attended, sentencing=last)
        if last:
            s = s.sentenced(day, rng.choice(list(SentenceOutcome)), rng.randint(3, 24))
        day = _weekday(rng, day + timedelta(days=7), day + timedelta(days=56))
    return s


def generated_caseload(cases: int, seed: int) -> Caseload:
    """``cases`` synthetic joint cases built with the testing kit's :class:`Scenario`.

    Half are YOS / Next Steps cases (3.14.12, young people of 15 to 17), half Next Step /
    probation cases (3.14.13, care leavers of 18 to 22), starting on a weekday from April
    2019 to two weeks before :data:`AS_OF`, lasting 3 to 36 months; 45% have a charge and
    two to five court hearings. The management meetings and quality assurance records
    are the bundled example's. The same ``seed`` gives the same caseload.
    """
    rng = random.Random(seed)
    built: list[JointCase] = []
    for number in range(1, cases + 1):
        start = _weekday(rng, date(2019, 4, 1), AS_OF - timedelta(days=14))
        end = min(AS_OF, start + relativedelta(months=rng.randint(3, 36)))
        yos = rng.random() < 0.5
        age = rng.randint(15, 17) if yos else rng.randint(18, 22)
        born = start - relativedelta(years=age, days=rng.randint(0, 364))
        care = rng.choice(
            (CareStatus.LOOKED_AFTER, CareStatus.RELEVANT, CareStatus.ELIGIBLE)
            if yos else (CareStatus.RELEVANT, CareStatus.FORMER_RELEVANT)
        )  # fmt: skip
        legal = rng.choice(list(LegalStatus))
        team = rng.randint(1, 12)
        s = Scenario.for_case(
            f"C-{number:05d}", young_person_id=f"YP-{number:05d}", born=born,
            care_status=care, legal_status=legal, has_icta=rng.random() < 0.05,
            workers={svc: f"W-{svc.value}-{team:02d}" for svc in (YOS, NS, PS, NPS, CRC)},
        )  # fmt: skip
        s = (_yos_next_steps if yos else _probation)(rng, s, start, end)
        if rng.random() < 0.45:
            s = _court(rng, s, start, end)
        if not yos and rng.random() < 0.3:
            s = s.plan(end, DocumentKind.PATHWAY_PLAN, 2, by=NS)
        built.append(s.build())
    example = example_caseload()
    return Caseload(cases=tuple(built), management_meetings=example.management_meetings,
                    quality_assurance=example.quality_assurance)  # fmt: skip


# --------------------------------------------------------------------------- the attacks

Feature = Callable[[JointCase], Hashable]


def _days(case: JointCase) -> tuple[date, ...]:
    return tuple(sorted(e.on for e in case.events))


def _first(case: JointCase) -> date | None:
    return min((e.on for e in case.events), default=None)


def _hearings(case: JointCase) -> tuple[date, ...]:
    return tuple(sorted(e.on for e in case.events if isinstance(e, CourtHearing)))


def _month(case: JointCase) -> date:
    return case.young_person.date_of_birth.replace(day=1)


def _pattern(days: tuple[date, ...]) -> tuple[int, tuple[int, ...]] | None:
    """Dates with the offset taken out: the weekday of the first and the gaps in days."""
    if not days:
        return None
    return days[0].weekday(), tuple((d - days[0]).days for d in days)


def _within_range(
    day: Callable[[JointCase], date | None],
) -> Callable[[JointCase, JointCase], bool]:
    """A fitting case's date ``day`` lies within the documented range of the known one."""
    reach = timedelta(weeks=MAX_SHIFT_WEEKS)

    def fits(known: JointCase, candidate: JointCase) -> bool:
        a, b = day(known), day(candidate)
        return a is not None and b is not None and abs(b - a) <= reach

    return fits


def _same_age_at_first_event(known: JointCase, candidate: JointCase) -> bool:
    """Within the range, and the age at the first event fits: the intruder knows the exact
    date of birth; the copy has the first of the (shifted) birth month, so its age at the
    first event is the true one plus 0 to 30 days."""
    first, other = _first(known), _first(candidate)
    if first is None or other is None or not _within_range(_first)(known, candidate):
        return False
    extra = (other - _month(candidate)) - (first - known.young_person.date_of_birth)
    return 0 <= extra.days <= 30


def _status(case: JointCase) -> tuple[object, ...]:
    return (case.young_person.care_status, case.young_person.legal_status)


@attrs.frozen
class Attack:
    """What the intruder knows: a feature that fitting cases share exactly and, for an
    intruder who allows for any shift within the documented range, a test of the rest."""

    name: str
    feature: Feature
    fits: Callable[[JointCase, JointCase], bool] | None = None


#: The issue's five attacks, then the ones an intruder who knows the offsets' range uses.
ATTACKS: tuple[Attack, ...] = (
    Attack("all event dates", _days),
    Attack("first event date only", _first),
    Attack("date-of-birth month + first event date", lambda c: (_month(c), _first(c))),
    Attack("date-of-birth month + care and legal status", lambda c: (_month(c), *_status(c))),
    Attack("first event date, any shift in the range",
           lambda c: d.weekday() if (d := _first(c)) else None, _within_range(_first)),
    Attack("all event dates' intervals, any shift in the range",
           lambda c: _pattern(_days(c)), _within_range(_first)),
    Attack("court hearing dates' intervals (2 or more hearings), any shift in the range",
           lambda c: _pattern(h) if len(h := _hearings(c)) >= 2 else None,
           _within_range(lambda c: h[0] if (h := _hearings(c)) else None)),
    Attack("date of birth + first event date + care and legal status, any shift in the range",
           lambda c: (d.weekday(), *_status(c)) if (d := _first(c)) else None,
           _same_age_at_first_event),
)  # fmt: skip


@attrs.frozen
class Linkage:
    """One attack's outcome: the linkage rate over the people it could be tried on."""

    rate: float
    people: int


def _link(
    targets: list[tuple[JointCase, JointCase]], released: tuple[JointCase, ...], attack: Attack
) -> Linkage:
    by_feature: dict[Hashable, list[JointCase]] = defaultdict(list)
    for case in released:
        by_feature[attack.feature(case)].append(case)
    total, people = 0.0, 0
    for original, truth in targets:
        known = attack.feature(original)
        if known is None:
            continue
        people += 1
        fitting = by_feature.get(known, [])
        if attack.fits is not None:
            fitting = [c for c in fitting if attack.fits(original, c)]
        if any(c is truth for c in fitting):
            total += 1 / len(fitting)
    return Linkage(total / people if people else 0.0, people)


def linkage_rates(original: Caseload, released: Caseload) -> dict[str, Linkage]:
    """Every attack's linkage rate on ``released``, a pseudonymised copy of ``original``
    made with :data:`KEY` (the test knows the key, so it knows the right answers)."""
    released_by_id = {case.case_id: case for case in released.cases}
    pseudonym = _pseudonym_of(original, released)
    targets = [
        (case, released_by_id[pseudonym[case.case_id]])
        for case in original.cases
        if pseudonym[case.case_id] in released_by_id
    ]
    position = {case.case_id: i for i, case in enumerate(released.cases)}
    right = sum(
        1 for i, case in enumerate(original.cases)
        if position.get(pseudonym[case.case_id]) == i
    )  # fmt: skip
    out = {"position in the file": Linkage(right / len(targets) if targets else 0.0,
                                           len(targets))}  # fmt: skip
    for attack in ATTACKS:
        out[attack.name] = _link(targets, released.cases, attack)
    return out


def _pseudonym_of(original: Caseload, released: Caseload) -> Mapping[str, str]:
    import hmac

    return {
        case.case_id: "P-" + hmac.new(KEY, case.case_id.encode(), hashlib.sha256).hexdigest()[:16]
        for case in original.cases
    }


def in_original_order(original: Caseload, copy: Caseload) -> Caseload:
    """``copy`` with its cases in the original's order: what ``pseudonymise`` gave before
    the keyed shuffle (the "before" column)."""
    pseudonym = _pseudonym_of(original, copy)
    by_id = {case.case_id: case for case in copy.cases}
    cases = tuple(
        by_id[pseudonym[c.case_id]] for c in original.cases if pseudonym[c.case_id] in by_id
    )
    return attrs.evolve(copy, cases=cases)


def releases(original: Caseload) -> Iterator[tuple[str, Caseload, object]]:
    """The three releases compared: ids only in the original order (before this change),
    the keyed shuffle, and the keyed shuffle with shifted dates (with its report)."""
    shuffled = pseudonymise(original, KEY)
    yield "before (order kept)", in_original_order(original, shuffled), None
    yield "pseudonymise", shuffled, None
    shifted = pseudonymise(original, KEY, shift_dates=True, protocols=BUNDLED_PROTOCOLS,
                           as_of=AS_OF)  # fmt: skip
    yield "shift_dates=True", shifted.caseload, shifted.report


def table(datasets: Mapping[str, Caseload]) -> str:
    """The Markdown table of the reliability page: every attack, every dataset, every
    release."""
    columns: list[str] = []
    rows: dict[str, list[str]] = defaultdict(list)
    notes = []
    for label, original in datasets.items():
        for release, copy, report in releases(original):
            columns.append(f"{label}: {release}")
            for name, found in linkage_rates(original, copy).items():
                rows[name].append(f"{found.rate:.0%} ({found.people:,})")
            rows["chance (1 / cases released)"].append(f"{1 / len(copy.cases):.1%}")
            if report is not None:
                notes.append(f"{label}: {report}")
    lines = ["| attack | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    lines += [f"| {name} | " + " | ".join(cells) + " |" for name, cells in rows.items()]
    return "\n".join([*lines, "", *notes])


def main(argv: list[str]) -> int:
    cases = int(argv[0]) if argv else 1000
    print(table({"bundled (30)": example_caseload(),
                 f"generated ({cases:,})": generated_caseload(cases, seed=17)}))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
