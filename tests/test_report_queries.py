"""The questions a manager asks of a report: overdue, upcoming, by case, by worker, who."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    PROTOCOL_3_14_12,
    InvalidArgumentError,
    Protocol,
    WorkingCalendar,
    evaluate_caseload,
    example_caseload,
    joint_case_ids,
    qa_sample,
    read_caseload,
    read_protocol,
    urgency_key,
    who_must_act,
)
from care_justice_protocol.compliance import (
    STATUSES_BY_URGENCY,
    URGENCY,
    CaseloadReport,
    ObligationResult,
    Status,
    workers_on,
)
from care_justice_protocol.model._entities import Service, ServicePeriod
from care_justice_protocol.model._events import Allocated, CaseClosed, CaseTransferred
from care_justice_protocol.protocols._rules import Strength
from care_justice_protocol.protocols._vocabulary import ServiceTerm

AS_OF = date(2026, 11, 25)  # a Wednesday
CALENDAR = WorkingCalendar.england()
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _result(
    status: Status, due: date | None, case_id: str | None = "C-1", obligation: str = "3.14.12/2/x"
) -> ObligationResult:
    return ObligationResult(case_id, obligation, "3.14.12 §2", status, due, None, None, None,
                            "text", "rule", "policy")  # fmt: skip


@pytest.fixture(scope="module")
def example() -> CaseloadReport:
    return evaluate_caseload(example_caseload(), AS_OF, protocol=BUNDLED_PROTOCOLS)


class TestUrgency:
    def test_the_order_is_overdue_due_then_the_rest(self) -> None:
        assert [s.value for s in STATUSES_BY_URGENCY] == [
            "overdue", "due", "not-followed", "good-practice-missed", "no-timescale",
            "met-late", "met", "not-applicable",
        ]  # fmt: skip
        assert sorted(Status, key=URGENCY.__getitem__) == list(STATUSES_BY_URGENCY)

    def test_by_urgency_puts_overdue_first_then_the_earliest_due(self) -> None:
        report = CaseloadReport(AS_OF, (
            _result(Status.MET, date(2026, 1, 1)),
            _result(Status.DUE, date(2026, 12, 1)),
            _result(Status.OVERDUE, date(2026, 11, 1)),
            _result(Status.OVERDUE, date(2026, 10, 1)),
        ))  # fmt: skip
        assert [(r.status.value, r.due) for r in report.by_urgency()] == [
            ("overdue", date(2026, 10, 1)), ("overdue", date(2026, 11, 1)),
            ("due", date(2026, 12, 1)), ("met", date(2026, 1, 1)),
        ]  # fmt: skip

    @given(st.lists(st.sampled_from(list(Status)), max_size=20))
    def test_no_result_ranks_above_a_more_urgent_status(self, statuses: list[Status]) -> None:
        report = CaseloadReport(AS_OF, tuple(_result(s, None) for s in statuses))
        ranks = [URGENCY[r.status] for r in report.by_urgency()]
        assert ranks == sorted(ranks)
        assert sorted(urgency_key(r) for r in report.results) == [
            urgency_key(r) for r in report.by_urgency()
        ]


class TestOverdue:
    def test_longest_overdue_first_and_only_overdue(self, example: CaseloadReport) -> None:
        overdue = example.overdue()
        assert len(overdue) == example.counts()[Status.OVERDUE] == 15
        assert {r.status for r in overdue} == {Status.OVERDUE}
        dues = [r.due for r in overdue]
        assert dues == sorted(dues)  # type: ignore[type-var]
        # the oldest: the 3.14.13 middle-management meeting of 2020-Q2, due Tue 30 Jun 2020
        assert (overdue[0].obligation, overdue[0].due) == (
            "3.14.13/3/quarterly-middle-management-meeting", date(2020, 6, 30),
        )  # fmt: skip

    def test_good_practice_not_followed_is_not_overdue(self, example: CaseloadReport) -> None:
        assert all(r.strength is not Strength.GOOD_PRACTICE for r in example.overdue())
        assert example.counts()[Status.GOOD_PRACTICE_MISSED] == 1


class TestUpcoming:
    # Wed 25 Nov 2026 + 10 working days = Wed 9 Dec (no bank holiday between)
    def test_the_window_ends_on_the_tenth_working_day(self) -> None:
        on, after = date(2026, 12, 9), date(2026, 12, 10)
        report = CaseloadReport(AS_OF, (_result(Status.DUE, on), _result(Status.DUE, after)))
        assert [r.due for r in report.upcoming(AS_OF, 10)] == [on]
        # 11 working days: Thu 10 Dec
        assert [r.due for r in report.upcoming(AS_OF, 11)] == [on, after]

    def test_the_day_before_the_window_and_the_first_day(self) -> None:
        before, first = date(2026, 11, 24), AS_OF
        report = CaseloadReport(AS_OF, (_result(Status.DUE, before), _result(Status.DUE, first)))
        # a due result dated before as_of cannot be due on as_of: not in the window
        assert [r.due for r in report.upcoming(working_days=0)] == [first]

    def test_over_christmas_the_bank_holidays_do_not_count(self) -> None:
        # Wed 23 Dec 2026 + 3 working days: Thu 24, (Fri 25 Christmas, Mon 28 Boxing Day
        # observed) Tue 29, Wed 30 Dec
        day = date(2026, 12, 23)
        report = CaseloadReport(day, (
            _result(Status.DUE, date(2026, 12, 30)), _result(Status.DUE, date(2026, 12, 31)),
        ))  # fmt: skip
        assert [r.due for r in report.upcoming(day, 3)] == [date(2026, 12, 30)]
        closed = CALENDAR.with_closures(date(2026, 12, 24))
        assert [r.due for r in report.upcoming(day, 3, calendar=closed)] == [
            date(2026, 12, 30), date(2026, 12, 31),
        ]  # fmt: skip

    def test_only_due_results_with_a_date(self) -> None:
        report = CaseloadReport(AS_OF, (
            _result(Status.OVERDUE, date(2026, 11, 26)), _result(Status.MET, date(2026, 11, 26)),
            _result(Status.DUE, None), _result(Status.DUE, date(2026, 11, 26)),
        ))  # fmt: skip
        assert [(r.status, r.due) for r in report.upcoming()] == [
            (Status.DUE, date(2026, 11, 26)),
        ]

    def test_the_example_has_four_falling_due_in_ten_working_days(
        self, example: CaseloadReport
    ) -> None:
        soon = example.upcoming(AS_OF, 10)
        assert [(r.case_id, r.due) for r in soon] == [
            ("C-0007", AS_OF), ("C-0020", AS_OF), ("C-0020", AS_OF), ("C-0024", AS_OF),
        ]  # fmt: skip
        # C-0004's meeting is due Fri 11 Dec: the 12th working day
        assert "C-0004" not in {r.case_id for r in soon}
        assert "C-0004" in {r.case_id for r in example.upcoming(AS_OF, 12)}

    @pytest.mark.parametrize("bad", [-1, 1.5, "10", True])
    def test_refuses_a_bad_count(self, bad: object) -> None:
        with pytest.raises(InvalidArgumentError, match="working_days"):
            CaseloadReport(AS_OF, ()).upcoming(AS_OF, bad)  # type: ignore[arg-type]


class TestByCaseAndWorker:
    def test_by_case_groups_most_urgent_first_partnership_last(
        self, example: CaseloadReport
    ) -> None:
        groups = example.by_case()
        assert list(groups)[-1] is None
        assert sum(len(v) for v in groups.values()) == len(example.results)
        assert groups["C-0001"][0].status is Status.OVERDUE
        assert len(groups) == 31  # 30 cases and the partnership

    def test_by_worker_uses_the_allocation_in_force(self, example: CaseloadReport) -> None:
        caseload = example_caseload()
        workers = example.by_worker(caseload)
        assert list(workers) == sorted(workers)
        c1 = {r.case_id for r in workers["W-YOS-01"]}
        assert "C-0001" in c1
        assert None not in {r.case_id for rs in workers.values() for r in rs}

    def test_a_closure_or_a_transfer_ends_an_allocation(self) -> None:
        def allocated(on: date, service: Service, worker: str) -> Allocated:
            return Allocated(on=on, recorded_by=worker, service=service, worker_id=worker)

        events = [
            allocated(date(2026, 1, 5), Service.YOS, "W-1"),
            allocated(date(2026, 1, 6), Service.NEXT_STEP, "W-2"),
            allocated(date(2026, 2, 2), Service.YOS, "W-3"),
            CaseClosed(on=date(2026, 3, 2), recorded_by="W-2", service=Service.NEXT_STEP),
            CaseTransferred(
                on=date(2026, 4, 1),
                recorded_by="W-3",
                from_service=Service.YOS,
                to_service=Service.NEXT_STEP,
            ),
        ]
        assert workers_on(events, date(2026, 1, 31)) == {"yos": "W-1", "next-step": "W-2"}
        assert workers_on(events, date(2026, 2, 2)) == {"yos": "W-3", "next-step": "W-2"}
        assert workers_on(events, date(2026, 3, 2)) == {"yos": "W-3"}
        assert workers_on(events, date(2026, 4, 1)) == {}

    def test_by_worker_refuses_what_is_not_a_caseload(self) -> None:
        with pytest.raises(InvalidArgumentError, match="caseload"):
            CaseloadReport(AS_OF, ()).by_worker("C-1")  # type: ignore[arg-type]


class TestWhoMustAct:
    def test_a_group_stands_for_its_members_on_the_day(self, example: CaseloadReport) -> None:
        first = example.overdue()[0]  # 2020-Q2: NPS and CRC were the probation providers
        assert who_must_act(first, BUNDLED_PROTOCOLS) == ("next-step", "nps", "crc")
        [notes] = example.with_status(Status.NOT_FOLLOWED)  # notes out of turn, 22 Feb 2024
        assert notes.obligation == "3.14.13/3/notes-in-rotation"
        # the meeting of 22 Feb 2024: the Probation Service
        assert who_must_act(notes, BUNDLED_PROTOCOLS) == ("next-step", "probation-service")

    def test_on_a_day_an_ended_service_gives_way_to_its_successor(
        self, example: CaseloadReport
    ) -> None:
        # 3.14.13's vocabulary: NPS and CRC end on 2021-06-25, successor probation-service
        # (from 2021-06-26). The 2020-Q2 meeting was theirs to hold; who acts on it is asked
        # on the day given.
        first = example.overdue()[0]
        assert first.period == "2020-Q2"
        assert who_must_act(first, BUNDLED_PROTOCOLS, on=date(2021, 6, 25)) == (
            "next-step", "nps", "crc",
        )  # fmt: skip
        # the day after: both give way to the one successor, named once
        assert who_must_act(first, BUNDLED_PROTOCOLS, on=date(2021, 6, 26)) == (
            "next-step", "probation-service",
        )  # fmt: skip
        assert who_must_act(first, BUNDLED_PROTOCOLS, on=AS_OF) == (
            "next-step", "probation-service",
        )  # fmt: skip

    def test_a_result_due_later_names_who_exists_on_the_day_asked(self) -> None:
        # As of Mon 2021-04-05 the 2021-Q2 middle-management meeting falls due on
        # 2021-06-30, when the Probation Service (from 2021-06-26) will hold it; on
        # 2021-04-05 it is still NPS and CRC who must act.
        report = evaluate_caseload(example_caseload(), date(2021, 4, 5),
                                   protocol=BUNDLED_PROTOCOLS)  # fmt: skip
        [q2] = [r for r in report.results
                if r.obligation == "3.14.13/3/quarterly-middle-management-meeting"
                and r.period == "2021-Q2"]  # fmt: skip
        assert (q2.status, q2.due) == (Status.DUE, date(2021, 6, 30))
        assert who_must_act(q2, BUNDLED_PROTOCOLS) == ("next-step", "probation-service")
        assert who_must_act(q2, BUNDLED_PROTOCOLS, on=date(2021, 4, 5)) == (
            "next-step", "nps", "crc",
        )  # fmt: skip

    def test_the_first_screen_names_the_successor_of_a_council_service(self) -> None:
        # Eldbury: the Children's Services Trust ran children's social care until
        # 2025-03-31 (successor "csc", from 2025-04-01). E-002's meeting within 10 working
        # days fell due in 2025 while the Trust existed; on 2026-07-01 the council's own
        # service must act.
        protocol = read_protocol(EXAMPLES / "eldbury" / "eldbury.toml")
        report = evaluate_caseload(
            read_caseload(EXAMPLES / "eldbury" / "caseload.json", protocols=[protocol]),
            date(2026, 7, 1),
            protocol=[protocol],
        )
        [meet] = [
            r for r in report.overdue() if r.obligation.endswith("meet-within-10-working-days")
        ]
        assert meet.case_id == "E-002"
        assert who_must_act(meet, [protocol]) == ("yjs", "cs-trust")
        assert who_must_act(meet, [protocol], on=date(2025, 3, 31)) == ("yjs", "cs-trust")
        assert who_must_act(meet, [protocol], on=date(2025, 4, 1)) == ("yjs", "csc")

    def test_a_service_with_no_successor_is_still_named_and_a_cycle_ends(self) -> None:
        eldbury = read_protocol(EXAMPLES / "eldbury" / "eldbury.toml")
        meet_id = "eldbury/2.2/meet-within-10-working-days"
        # allocated 2025-03-10, while the Trust existed: "@childrens-social-care" was it
        meet = attrs.evolve(_result(Status.OVERDUE, date(2025, 3, 24), obligation=meet_id),
                            trigger=date(2025, 3, 10))  # fmt: skip
        assert who_must_act(meet, [eldbury]) == ("yjs", "cs-trust")
        # a group is read on the day asked: in 2026 children's social care is csc's
        assert who_must_act(meet, [eldbury], on=date(2026, 7, 1)) == ("yjs", "csc")
        # The same rule naming the Trust itself (not the group): what succeeds it decides.
        named = attrs.evolve(eldbury, obligations=tuple(
            attrs.evolve(o, parties=("yjs", "cs-trust")) if o.id == meet_id else o
            for o in eldbury.obligations))  # fmt: skip
        services = dict(named.vocabulary.services)

        def with_services(**changed: ServiceTerm) -> Protocol:
            vocabulary = attrs.evolve(named.vocabulary, services={**services, **changed})
            return attrs.evolve(named, vocabulary=vocabulary)

        assert who_must_act(meet, [named], on=date(2025, 3, 31)) == ("yjs", "cs-trust")
        assert who_must_act(meet, [named], on=date(2025, 4, 1)) == ("yjs", "csc")
        # no successor declared: the duty was the Trust's, and it is still named
        lone = with_services(**{"cs-trust": attrs.evolve(services["cs-trust"], successor=None)})
        assert who_must_act(meet, [lone], on=date(2026, 7, 1)) == ("yjs", "cs-trust")
        # a successor that had itself ended hands on to its own (Trust -> csc -> x)
        handed = with_services(
            csc=attrs.evolve(services["csc"], period=ServicePeriod(date(2025, 4, 1),
                             date(2025, 12, 31)), successor="x"),
            x=ServiceTerm("x", "X", ServicePeriod(date(2026, 1, 1), None)),
        )  # fmt: skip
        assert who_must_act(meet, [handed], on=date(2026, 7, 1)) == ("yjs", "x")
        assert who_must_act(meet, [handed], on=date(2025, 12, 31)) == ("yjs", "csc")
        # a gap between the Trust's end (2025-03-31) and csc's start (moved to 2025-06-01):
        # on 2025-05-01 nobody has begun, so the Trust is still named
        gap = with_services(
            csc=attrs.evolve(services["csc"], period=ServicePeriod(date(2025, 6, 1), None)),
        )
        assert who_must_act(meet, [gap], on=date(2025, 5, 1)) == ("yjs", "cs-trust")
        assert who_must_act(meet, [gap], on=date(2025, 6, 1)) == ("yjs", "csc")
        # a cycle of successors stops where it closes
        cyclic = with_services(
            csc=attrs.evolve(services["csc"], successor="cs-trust",
                             period=ServicePeriod(date(2025, 4, 1), date(2025, 12, 31))),
        )  # fmt: skip
        assert who_must_act(meet, [cyclic], on=date(2026, 7, 1)) == ("yjs", "csc")

    def test_an_unknown_obligation_has_no_one(self) -> None:
        assert who_must_act(_result(Status.DUE, None, obligation="9.9/x"), BUNDLED_PROTOCOLS) == ()


class TestRepr:
    def test_counts_not_contents(self, example: CaseloadReport) -> None:
        text = repr(example)
        assert len(text) < 300
        assert text.startswith("CaseloadReport(as_of=2026-11-25, 1,135 results for 30 cases")
        assert "15 overdue, 20 due, 1 not-followed" in text
        assert (
            repr(CaseloadReport(AS_OF, ()))
            == "CaseloadReport(as_of=2026-11-25, 0 results for 0 cases)"
        )


class TestJointCases:
    def test_the_qa_population_is_the_joint_cases(self) -> None:
        caseload = example_caseload()
        population = joint_case_ids(caseload, AS_OF, protocol=PROTOCOL_3_14_12)
        sample = qa_sample(caseload, AS_OF, 3, seed=7, protocol=PROTOCOL_3_14_12)
        assert set(sample) <= set(population)
        assert len(sample) == 3
        assert qa_sample(caseload, AS_OF, 100, seed=7, protocol=PROTOCOL_3_14_12) == population
