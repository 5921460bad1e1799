"""pseudonymise(..., shift_dates=True): keyed whole-week offsets that keep every result.

Each check here is made independently of the implementation: the released copy is read
back through the public API (``evaluate_caseload``, ``evaluate_partnership``), each kept
case is matched to its original through its pseudonym (the test knows the key), and its
results are compared with the original's after moving every date back by the case's
offset, read off its events.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import warnings
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    MAX_SHIFT_WEEKS,
    PROTOCOL_3_14_12,
    Caseload,
    DateShiftReport,
    DeclaredEvent,
    InvalidArgumentError,
    InvalidDateTypeError,
    JointCase,
    LocalVariant,
    MeetingKind,
    ObligationResult,
    Pseudonymised,
    QualityAssuranceRecord,
    Service,
    WorkingCalendar,
    WorkingDaysAfter,
    evaluate,
    evaluate_caseload,
    evaluate_partnership,
    example_caseload,
    load_caseload,
    pseudonymise,
    read_protocol,
)
from care_justice_protocol.io._existence import check_case
from care_justice_protocol.testing import Scenario, cases

KEY = hashlib.sha256(b"test_date_shift key").digest()
OTHER_KEY = hashlib.sha256(b"test_date_shift other key").digest()
AS_OF = date(2026, 11, 25)  # the bundled example's date
#: The dates the bundled rules quote that are not a case's: 3.14.13's first day, the last
#: day of NPS and CRC, the Probation Service's first day. They stay put in the words.
FIXED = {date(2019, 3, 18), date(2021, 6, 25), date(2021, 6, 26)}
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
WORDS = ("clause", "evidence", "explanation", "rule", "policy", "period")
WEEKS = [w for w in range(-MAX_SHIFT_WEEKS, MAX_SHIFT_WEEKS + 1) if w]
#: A complete quality assurance record from long before the cases here, so that the
#: partnership's periods start from it, not from a case (see TestPartnership).
QA_2019 = QualityAssuranceRecord(on=date(2019, 1, 15), services=(Service.YOS, Service.NEXT_STEP),
                                 findings_recorded=True, feedback_given=True,
                                 shared_with_heads_of_service=True)  # fmt: skip


def pseudonym(ident: str, key: bytes = KEY) -> str:
    return "P-" + hmac.new(key, ident.encode(), hashlib.sha256).hexdigest()[:16]


def release(caseload: Caseload, key: bytes = KEY, as_of: date = AS_OF, **kw: Any) -> Pseudonymised:
    kw.setdefault("protocols", BUNDLED_PROTOCOLS)
    return pseudonymise(caseload, key, shift_dates=True, as_of=as_of, **kw)


def offset_of(original: JointCase, shifted: JointCase) -> timedelta:
    """The case's offset, read off its first event (every date is checked to agree)."""
    return shifted.events[0].on - original.timeline()[0].on


def dates_of(event: Any) -> list[date]:
    if isinstance(event, DeclaredEvent):
        values: Iterable[Any] = event.values.values()
        return [event.on, *(v for v in values if isinstance(v, date))]
    out = []
    for a in attrs.fields(type(event)):
        value = getattr(event, a.name)
        out += [value] if isinstance(value, date) else []
    return out


def moved_back(text: str | None, delta: timedelta) -> str | None:
    """``text`` with each ISO date moved back by ``delta``, but the rules' fixed dates."""
    if text is None:
        return None

    def back(match: re.Match[str]) -> str:
        day = date.fromisoformat(match.group())
        return match.group() if day in FIXED else (day - delta).isoformat()

    return _ISO.sub(back, text)


def unshifted(result: ObligationResult, delta: timedelta) -> tuple[Any, ...]:
    """What the result would have been without the shift (dates back, ids aside)."""
    days = [None if d is None else d - delta for d in (result.due, result.trigger, result.met_on)]
    words = [moved_back(getattr(result, f), delta) for f in WORDS]
    return (result.obligation, result.status, result.strength, *days, *words)


def plain(result: ObligationResult) -> tuple[Any, ...]:
    days = [result.due, result.trigger, result.met_on]
    words = [getattr(result, f) for f in WORDS]
    return (result.obligation, result.status, result.strength, *days, *words)


def check_release(
    original: Caseload, released: Pseudonymised, as_of: date = AS_OF,
    protocols: Any = BUNDLED_PROTOCOLS, key: bytes = KEY,
) -> dict[str, timedelta | None]:  # fmt: skip
    """Every property a release promises; returns each kept case's offset by original id
    (``None`` for a case with no events, of which only the date of birth moves)."""
    report, copy = released.report, released.caseload
    assert report.cases == len(original.cases) == report.shifted + report.left_out
    assert report.shifted == len(copy.cases)
    assert 0 <= report.another_offset <= report.shifted
    assert (report.as_of, report.max_weeks) == (as_of, MAX_SHIFT_WEEKS)
    by_id = {case.case_id: case for case in copy.cases}
    earliest = min(
        [e.on for c in original.cases for e in c.events]
        + [m.on for m in original.management_meetings]
        + [q.on for q in original.quality_assurance],
        default=None,
    )
    before = evaluate_caseload(original, as_of, protocol=protocols)
    after = evaluate_caseload(copy, as_of, protocol=protocols)
    offsets: dict[str, timedelta | None] = {}
    for case in original.cases:
        shifted = by_id.get(pseudonym(case.case_id, key))
        if shifted is None:
            continue
        if not case.events:
            offsets[case.case_id] = None
            assert shifted.young_person.date_of_birth.day == 1
            continue
        delta = offset_of(case, shifted)
        offsets[case.case_id] = delta
        # a whole, non-zero number of weeks within the range: never kept unshifted
        assert delta.days % 7 == 0
        assert 1 <= abs(delta.days) // 7 <= MAX_SHIFT_WEEKS
        # every date moves by it; the date of birth too, then reduced to its month
        old = [d for e in case.timeline() for d in dates_of(e)]
        assert [d for e in shifted.events for d in dates_of(e)] == [d + delta for d in old]
        dob = case.young_person.date_of_birth + delta
        assert shifted.young_person.date_of_birth == dob.replace(day=1)
        # no event crosses the as-of date, none moves before the caseload's first date
        assert all((e.on <= as_of) == (e.on - delta <= as_of) for e in shifted.events)
        assert (
            earliest is None
            or all(e.on >= earliest for e in shifted.events)
            or not any(p.periodic for p in (protocols if isinstance(protocols, tuple) else ()))
        )
        # and the results on the as-of date are the same, with every date moved
        assert [unshifted(r, delta) for r in after.for_case(shifted.case_id)] == [
            plain(r) for r in before.for_case(case.case_id)
        ]
    # the flag tells the truth about the partnership results
    same = evaluate_partnership(copy, as_of, protocol=protocols) == evaluate_partnership(
        original, as_of, protocol=protocols
    )
    assert report.partnership_unchanged is same
    assert len(offsets) == report.shifted
    return offsets


@pytest.fixture(scope="module")
def bundled() -> tuple[Caseload, Pseudonymised]:
    caseload = example_caseload()
    return caseload, release(caseload)


class TestTheBundledExample:
    def test_every_promise_holds(self, bundled: tuple[Caseload, Pseudonymised]) -> None:
        original, released = bundled
        check_release(original, released)

    def test_the_report_gives_the_counts(self, bundled: tuple[Caseload, Pseudonymised]) -> None:
        # Figures for this key (the offsets are drawn with it); every case is accounted for.
        assert bundled[1].report == DateShiftReport(
            AS_OF,
            26,
            cases=30,
            shifted=25,
            another_offset=15,
            left_out=5,
            partnership_unchanged=True,
        )
        assert bundled[1].report.first_offset == 10

    def test_the_cases_no_offset_keeps_are_left_out(
        self, bundled: tuple[Caseload, Pseudonymised]
    ) -> None:
        original, released = bundled
        kept = {case.case_id for case in released.caseload.cases}
        left_out = [c for c in original.cases if pseudonym(c.case_id) not in kept]
        # C-0015 and C-0025: transferred from NPS / CRC to the Probation Service on its
        # first day, 26 June 2021 (a fixed date: moved, the handover names a service that
        # no longer or not yet existed); C-0007, C-0020, C-0024: events on the as-of date
        # with a deadline still to come (earlier they would be overdue, later unseen).
        assert [c.case_id for c in left_out] == ["C-0007", "C-0015", "C-0020", "C-0024", "C-0025"]
        for case in left_out:
            for weeks in WEEKS:
                assert not _keeps(case, timedelta(weeks=weeks)), (case.case_id, weeks)

    def test_a_deadline_over_christmas_moves_only_to_a_week_with_the_same_holidays(
        self, bundled: tuple[Caseload, Pseudonymised]
    ) -> None:
        # C-0001: allocated Thu 18 Dec 2025; 15 working days skip 25 and 26 Dec and 1 Jan
        # -> Tue 13 Jan 2026. One week earlier, Thu 11 Dec 2025 + 15 working days skips
        # the same three days -> Tue 6 Jan 2026: the only offset in the range that keeps
        # the interval (21 -> 26 calendar days either way); every other one changes it.
        original, released = bundled
        case = original.case("C-0001")
        shifted = released.caseload.case(pseudonym("C-0001"))
        assert offset_of(case, shifted) == timedelta(weeks=-1)
        [r] = [r for r in evaluate(shifted, AS_OF, protocol=BUNDLED_PROTOCOLS)
               if r.obligation == "3.14.12/2/meet-within-15-working-days"]  # fmt: skip
        assert (r.trigger, r.due) == (date(2025, 12, 11), date(2026, 1, 6))
        assert [w for w in range(-26, 27) if w and _keeps(case, timedelta(weeks=w))] == [-1]

    def test_the_released_copy_round_trips_through_json(
        self, bundled: tuple[Caseload, Pseudonymised]
    ) -> None:
        from care_justice_protocol import dumps_caseload

        copy = bundled[1].caseload
        assert load_caseload(dumps_caseload(copy)) == copy

    def test_is_deterministic_for_a_key_and_differs_between_keys(
        self, bundled: tuple[Caseload, Pseudonymised]
    ) -> None:
        original, released = bundled
        assert release(original) == released
        other = release(original, OTHER_KEY)
        mine = check_release(original, released)
        theirs = check_release(original, other, key=OTHER_KEY)
        both = mine.keys() & theirs.keys()
        assert any(mine[c] != theirs[c] for c in both)


def _keeps(case: JointCase, delta: timedelta, rules: Any = BUNDLED_PROTOCOLS) -> bool:
    """Whether shifting ``case`` by ``delta`` keeps its results (an independent check)."""
    moved = attrs.evolve(case, events=tuple(
        attrs.evolve(e, **{a.alias: getattr(e, a.name) + delta for a in attrs.fields(type(e))
                           if isinstance(getattr(e, a.name), date)})
        for e in case.timeline()
    ))  # fmt: skip
    before = evaluate(case, AS_OF, protocol=rules)
    after = evaluate(moved, AS_OF, protocol=rules)
    if any(e.on <= AS_OF < e.on + delta or e.on + delta <= AS_OF < e.on for e in case.events):
        return False  # an event moved across the as-of date (the rule, whatever the results)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        problems = [_ISO.sub("D", p) for p in check_case(case, BUNDLED_PROTOCOLS)]
        new_problems = [_ISO.sub("D", p) for p in check_case(moved, BUNDLED_PROTOCOLS)]
    return problems == new_problems and [unshifted(r, delta) for r in after] == [
        plain(r) for r in before
    ]


class TestRules:
    def test_the_cases_of_one_young_person_move_together(self) -> None:
        first = Scenario.for_case("C-1", young_person_id="YP-9").joint_yos_next_steps(
            date(2024, 3, 4)
        )
        second = Scenario.for_case("C-2", young_person_id="YP-9").allocate(
            date(2024, 9, 2), Service.NEXT_STEP
        )
        other = Scenario.for_case("C-3", young_person_id="YP-3").allocate(
            date(2024, 9, 2), Service.NEXT_STEP
        )
        original = Caseload(cases=(first.build(), second.build(), other.build()))
        offsets = check_release(original, release(original))
        assert offsets["C-1"] == offsets["C-2"] is not None
        assert len(offsets) == 3

    def test_an_event_on_the_as_of_date_can_only_move_earlier(self) -> None:
        # Allocated by Next Step on the as-of date: "no timescale in protocol" for the
        # check of the other service, whatever the day; later, the allocation is unseen.
        s = Scenario.for_case("C-1").allocate(AS_OF, Service.NEXT_STEP)
        original = Caseload(cases=(s.build(),), quality_assurance=(QA_2019,))
        for n in range(6):
            key = hashlib.sha256(b"as-of %d" % n).digest()
            offsets = check_release(original, release(original, key), key=key)
            delta = offsets["C-1"]
            assert delta is not None
            assert delta < timedelta(0)

    def test_a_date_field_of_a_declared_event_moves_too(self) -> None:
        riverside = read_protocol(
            Path(__file__).parent / "data" / "protocols" / "riverside-transitions.toml"
        )
        document = {"schema_version": 1, "cases": [{
            "case_id": "C-1",
            "young_person": {"id": "YP-1", "date_of_birth": "2009-05-19",
                             "care_status": "relevant", "has_icta": False,
                             "legal_status": "charged"},
            "events": [
                {"type": "allocated", "on": "2026-09-14", "recorded_by": "W-1",
                 "service": "yjs", "worker_id": "W-1"},
                {"type": "transition-plan-agreed", "on": "2026-09-23", "recorded_by": "W-1",
                 "by_service": "yjs", "stage": "final", "agreed_by": ["W-1"],
                 "review_on": "2027-03-01"},
            ],
        }]}  # fmt: skip
        original = load_caseload(document, protocols=riverside)
        released = release(original, protocols=riverside)
        offsets = check_release(original, released, protocols=riverside)
        [plan] = [e for e in released.caseload.cases[0].events if isinstance(e, DeclaredEvent)]
        delta = offsets["C-1"]
        assert delta is not None
        assert plan.review_on == date(2027, 3, 1) + delta
        assert plan.agreed_by == (pseudonym("W-1"),)

    def test_a_rulebook_brings_its_closures(self) -> None:
        # A local closure on Fri 2 Oct 2026 puts the 15th working day after Mon 14 Sep
        # (Fri 2 Oct without it) on Mon 5 Oct: a shift keeps that interval only to a week
        # where a bank holiday falls in the window instead. The offsets that keep the
        # case differ between the rulebook and the plain calendar, and the one taken is
        # one the rulebook keeps.
        rules = LocalVariant(extra_closures=[date(2026, 10, 2)]).applied_to(BUNDLED_PROTOCOLS)
        s = Scenario.for_case("C-1").joint_yos_next_steps(date(2026, 9, 14))
        original = Caseload(cases=(s.build(),), quality_assurance=(QA_2019,))
        case = original.cases[0]
        with_closure = [w for w in WEEKS if _keeps(case, timedelta(weeks=w), rules)]
        without = [w for w in WEEKS if _keeps(case, timedelta(weeks=w))]
        assert with_closure != without
        assert with_closure  # e.g. into December: Christmas Day is in the window
        offsets = check_release(original, release(original, protocols=rules), protocols=rules)
        delta = offsets["C-1"]
        assert delta is not None
        assert delta.days // 7 in with_closure

    def test_a_case_spanning_a_fixed_date_is_never_moved_across_it(self) -> None:
        # A case run by CRC that the Probation Service took over on its first day: every
        # offset moves the handover away from 26 June 2021, so the case is left out.
        s = Scenario.for_case("C-1").responsibility(date(2021, 3, 1), Service.CRC)
        s = s.transferred(date(2021, 6, 26), Service.CRC, Service.PROBATION_SERVICE)
        original = Caseload(cases=(s.build(),), quality_assurance=(QA_2019,))
        report = release(original).report
        assert (report.shifted, report.left_out) == (0, 1)


class TestPartnership:
    """The partnership's periods start at the caseload's earliest date: it must hold."""

    def test_the_earliest_case_is_moved_within_its_quarter_when_there_are_no_records(
        self,
    ) -> None:
        # Allocated Mon 5 Jan 2026, no management meeting or QA record: the quarterly
        # meetings are owed from 2026-Q1. The case can only move later (nothing may go
        # before the earliest date) and no later than Mon 30 Mar (12 weeks), or the
        # partnership's first quarter would be 2026-Q2. For each key the offset drawn
        # first is tried, then the others in the keyed order until one keeps it.
        s = Scenario.for_case("C-1").joint_yos_next_steps(date(2026, 1, 5))
        s = s.meeting(WorkingDaysAfter(10), MeetingKind.CASE_WORKER_INFORMATION_SHARING,
                      Service.YOS, Service.NEXT_STEP)  # fmt: skip
        original = Caseload(cases=(s.build(),))
        seen = set()
        for n in range(8):
            key = hashlib.sha256(b"partnership %d" % n).digest()
            offsets = check_release(original, release(original, key, date(2027, 1, 4),
                                                      protocols=PROTOCOL_3_14_12),
                                    date(2027, 1, 4), PROTOCOL_3_14_12, key)  # fmt: skip
            delta = offsets["C-1"]
            assert delta is not None
            assert timedelta(weeks=1) <= delta <= timedelta(weeks=12)
            seen.add(delta)
            assert release(original, key, date(2027, 1, 4),
                           protocols=PROTOCOL_3_14_12).report.partnership_unchanged  # fmt: skip
        assert len(seen) > 1

    def test_a_first_date_that_cannot_stay_in_its_quarter_is_reported(self) -> None:
        # Allocated Mon 29 Sep 2025, the last week of 2025-Q3, and nothing else: any later
        # week starts the partnership in 2025-Q4; no earlier one is allowed. The case is
        # still shifted (its own results are kept); the report says the partnership's
        # are not.
        s = Scenario.for_case("C-1").joint_yos_next_steps(date(2025, 9, 29))
        original = Caseload(cases=(s.build(),))
        released = release(original, as_of=date(2027, 1, 4), protocols=PROTOCOL_3_14_12)
        assert released.report.partnership_unchanged is False
        assert released.report.shifted == 1
        check_release(original, released, date(2027, 1, 4), PROTOCOL_3_14_12)

    def test_a_left_out_case_holding_the_first_date_is_reported(self) -> None:
        # The sample document's C-0002 starts on 1 Mar 2021, before every partnership
        # record, and is handed over on 26 Jun 2021 (a fixed date): it is left out, and
        # the partnership's periods would start in 2021-Q2, at the first meeting.
        original = load_caseload((Path(__file__).parent / "data" / "caseload.json").read_bytes())
        released = release(original, as_of=date(2027, 2, 1))
        assert released.report.partnership_unchanged is False
        assert released.report.left_out == 1
        check_release(original, released, date(2027, 2, 1))


class TestArguments:
    def test_shift_dates_needs_protocols_and_as_of(self) -> None:
        with pytest.raises(InvalidArgumentError, match="needs protocols="):
            pseudonymise(Caseload(), KEY, shift_dates=True, as_of=AS_OF)  # type: ignore[call-overload]
        with pytest.raises(InvalidArgumentError, match="needs as_of="):
            pseudonymise(Caseload(), KEY, shift_dates=True, protocols=BUNDLED_PROTOCOLS)  # type: ignore[call-overload]

    @pytest.mark.parametrize("extra", [{"as_of": AS_OF}, {"calendar": WorkingCalendar.england()}])
    def test_as_of_and_calendar_need_shift_dates(self, extra: dict[str, Any]) -> None:
        with pytest.raises(InvalidArgumentError, match="only with shift_dates=True"):
            pseudonymise(Caseload(), KEY, **extra)

    def test_bad_values_are_refused(self) -> None:
        with pytest.raises(InvalidArgumentError, match="shift_dates must be"):
            pseudonymise(Caseload(), KEY, shift_dates="yes")  # type: ignore[call-overload]
        with pytest.raises(InvalidDateTypeError, match=r"as_of must be a datetime\.date"):
            release(Caseload(), as_of=datetime(2026, 11, 25))
        rules = LocalVariant().applied_to(BUNDLED_PROTOCOLS)
        with pytest.raises(InvalidArgumentError, match="calendar must not be given"):
            release(Caseload(), protocols=rules, calendar=WorkingCalendar.england())
        with pytest.raises(InvalidArgumentError, match="protocols must"):
            release(Caseload(), protocols="3.14.12")

    def test_a_weak_key_is_refused_before_anything_is_evaluated(self) -> None:
        with pytest.raises(InvalidArgumentError, match="counting bytes"):
            release(example_caseload(), bytes(range(32)))

    def test_an_empty_caseload_gives_an_empty_report(self) -> None:
        assert release(Caseload(), secrets.token_bytes(32)).report == DateShiftReport(
            AS_OF,
            26,
            cases=0,
            shifted=0,
            another_offset=0,
            left_out=0,
            partnership_unchanged=True,
        )


class TestGeneratedCaseloads:
    @settings(max_examples=25)  # each example evaluates its cases up to 52 times
    @given(
        st.lists(cases(protocol=BUNDLED_PROTOCOLS, as_of=date(2027, 1, 4)), max_size=4,
                 unique_by=lambda c: c.case_id),
        st.binary(min_size=32, max_size=32),
    )  # fmt: skip
    def test_every_promise_holds(self, drawn: list[JointCase], raw: bytes) -> None:
        # A QA record before every date the kit draws (2010 on) holds the partnership's
        # first date, which TestPartnership covers on its own.
        key = hashlib.sha256(raw).digest()
        record = attrs.evolve(QA_2019, on=date(2009, 12, 31))
        original = Caseload(cases=tuple(drawn), quality_assurance=(record,))
        released = release(original, key, date(2027, 1, 4))
        assert released.report.partnership_unchanged
        check_release(original, released, date(2027, 1, 4), key=key)
