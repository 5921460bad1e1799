"""The quarterly meeting pack (HTML) and the notebook additions: what-if, events, plot."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import attrs
import pytest

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    InvalidArgumentError,
    Status,
    WhatIf,
    evaluate_caseload,
    events_to_pandas,
    example_caseload,
    plot_caseload,
    quarter_of,
    quarterly_report_html,
    what_if,
)
from care_justice_protocol.model._events import Caseload

AS_OF = date(2026, 11, 25)
NAME = "Zebedee Quxworth"
DOB = date(2008, 2, 29)


class _Sections(HTMLParser):
    """The page's sections and their counts, and every tag seen."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: dict[str, int] = {}
        self.tags: set[str] = set()
        self.depth = 0

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        values = dict(attrs_)
        if "data-count" in values and values.get("id"):
            self.sections[str(values["id"])] = int(values["data-count"] or 0)


def _page(caseload: Caseload | None = None, **options: object) -> str:
    caseload = caseload or example_caseload()
    report = evaluate_caseload(caseload, AS_OF, protocol=BUNDLED_PROTOCOLS)
    return quarterly_report_html(caseload, report, protocols=BUNDLED_PROTOCOLS, **options)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def page() -> str:
    return _page()


class TestQuarterlyReport:
    def test_every_section_with_its_count(self, page: str) -> None:
        parser = _Sections()
        parser.feed(page)
        assert parser.sections == {
            "counts": 1135,
            "joint-cases": 22,
            "overdue": 15,
            "upcoming": 7,  # 4 within 10 working days, 3 due before an event
            "services": 3,  # yos, next-step, probation-service (NPS and CRC gave way to it)
            "partnership": 0,  # no management meeting held yet in 2026-Q4
            "qa": 4,
            "chart": 37,  # obligations with a result that applies
            "timelines": 8,  # C-0001, 3, 7, 14, 17, 18, 20, 22
        }

    def test_self_contained_and_printable(self, page: str) -> None:
        parser = _Sections()
        parser.feed(page)
        assert not parser.tags & {"script", "link", "img", "iframe", "object", "embed"}
        assert "http" not in page
        assert "url(" not in page
        assert "@import" not in page
        assert "@page { size: A4;" in page

    def test_the_qa_sample_is_reproducible_and_shows_its_seed(self) -> None:
        one = _page(qa_seed=7, qa_size=3)
        assert 'data-seed="7"' in one
        assert one == _page(qa_seed=7, qa_size=3)
        default = _page()
        assert 'data-seed="20264"' in default  # 2026-Q4
        sample = re.search(r"seed <b>20264</b> \(the same seed gives the same sample\): ([^.]*)\.",
                           default)  # fmt: skip
        assert sample is not None
        assert len(sample.group(1).split(", ")) == 5

    def test_whose_turn_to_take_the_notes(self, page: str) -> None:
        # the last recorded 3.14.13 meeting (22 Aug 2026) had its notes taken by Next Step
        assert re.search(r'id="notes-next".*<b>probation-service</b>', page)

    def test_the_qa_records_say_what_is_missing(self, page: str) -> None:
        # the record of 10 Nov 2025 was not shared with the heads of service
        row = re.search(r"2025-11-10</time></td>.*?</tr>", page)
        assert row is not None
        assert "<b>no</b>" in row.group(0)
        assert "<b>incomplete</b>" in row.group(0)

    def test_no_personal_data_and_every_value_escaped(self) -> None:
        caseload = example_caseload()
        first = caseload.cases[0]
        hostile = attrs.evolve(
            first,
            case_id="C-<script>&",
            young_person=attrs.evolve(first.young_person, name=NAME, date_of_birth=DOB),
        )
        page = _page(attrs.evolve(caseload, cases=(hostile, *caseload.cases[1:])))
        assert NAME not in page
        assert DOB.isoformat() not in page
        assert "C-<script>" not in page
        assert "C-&lt;script&gt;&amp;" in page

    def test_an_earlier_quarter(self) -> None:
        page = _page(period=quarter_of(2026, 3))
        assert "<h1>Quarterly management meeting: 2026-Q3</h1>" in page
        parser = _Sections()
        parser.feed(page)
        assert parser.sections["partnership"] == 2  # the meetings of 15 and 22 Aug 2026

    def test_refuses_what_is_not_a_report(self) -> None:
        with pytest.raises(InvalidArgumentError, match="report must be a CaseloadReport"):
            quarterly_report_html(example_caseload(), "x", protocols=BUNDLED_PROTOCOLS)  # type: ignore[arg-type]

    @pytest.mark.parametrize(("year", "quarter"), [(2026, 0), (2026, 5), (0, 1)])
    def test_quarter_of_refuses_a_bad_quarter(self, year: int, quarter: int) -> None:
        with pytest.raises(InvalidArgumentError):
            quarter_of(year, quarter)


class TestWhatIf:
    # C-0011: allocated by YOS Mon 6 Jul 2026; meet within 15 working days: by Mon 27 Jul
    # (no bank holiday between); the case workers met on Fri 24 Jul
    def test_a_meeting_four_days_later_is_met_late(self) -> None:
        case = example_caseload().case("C-0011")
        later = what_if(case, AS_OF, event="meeting-held", by=4)
        assert isinstance(later, WhatIf)
        [change] = later.changes
        assert change.obligation == "3.14.12/2/meet-within-15-working-days"
        assert change.before is not None
        assert change.after is not None
        assert (change.before.status, change.after.status) == (Status.MET, Status.MET_LATE)
        assert change.after.met_on == date(2026, 7, 28)
        assert "1 result changed" in repr(later)
        assert case.events != later.case.events  # the recorded case is unchanged

    def test_on_the_day_of_the_deadline_it_is_still_met(self) -> None:
        case = example_caseload().case("C-0011")
        on_the_day = what_if(case, AS_OF, event="meeting-held", to=date(2026, 7, 27))
        # the day met changes, the status does not
        assert [(c.before.status, c.after.status) for c in on_the_day.changes if c.before
                and c.after] == [(Status.MET, Status.MET)]  # fmt: skip
        later = what_if(case, AS_OF, event="meeting-held", to=date(2026, 7, 28))
        assert [c.after.status for c in later.changes if c.after] == [Status.MET_LATE]

    def test_dropping_the_meeting_makes_it_overdue(self) -> None:
        case = example_caseload().case("C-0011")
        dropped = what_if(case, AS_OF, event="meeting-held", drop=True)
        _, after = dropped.result("3.14.12/2/meet-within-15-working-days")
        assert after is not None
        assert after.status is Status.OVERDUE
        assert dropped.scenario == "meeting-held of 2026-07-24 left out"

    @pytest.mark.parametrize(
        ("options", "message"),
        [({}, "exactly one"), ({"by": 1, "drop": True}, "exactly one"),
         ({"event": "no-such", "by": 1}, "no event matches"), ({"event": 99, "by": 1}, "range")],
    )  # fmt: skip
    def test_refuses_what_it_cannot_do(self, options: dict[str, object], message: str) -> None:
        case = example_caseload().case("C-0011")
        arguments = {"event": "meeting-held", **options}
        with pytest.raises(InvalidArgumentError, match=message):
            what_if(case, AS_OF, **arguments)  # type: ignore[arg-type]


class TestEventsFrame:
    def test_one_row_per_event_without_free_text(self) -> None:
        caseload = example_caseload()
        df = caseload.events_to_pandas()  # type: ignore[attr-defined]
        assert len(df) == sum(len(c.events) for c in caseload.cases)
        assert str(df.on.dtype) == "datetime64[s]"
        assert list(df.columns) == ["case_id", "on", "type", "recorded_by", "details"]
        assert events_to_pandas(caseload.cases[0]).case_id.unique().tolist() == ["C-0001"]

    def test_refuses_what_is_not_a_case(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"cases\[0\]"):
            events_to_pandas(["C-1"])  # type: ignore[list-item]


class TestPlotCaseload:
    def test_bars_per_obligation_most_overdue_first(self) -> None:
        report = evaluate_caseload(example_caseload(), AS_OF, protocol=BUNDLED_PROTOCOLS)
        fig = plot_caseload(report)
        ax = fig.axes[0]
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert labels[0] == "3.14.12/2/invite-next-steps-to-yos-reviews"  # 2 overdue
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert legend[:2] == ["overdue", "due"]
        assert "not-applicable" not in legend
        everything = plot_caseload(report, include_not_applicable=True)
        assert "not-applicable" in [
            t.get_text() for t in everything.axes[0].get_legend().get_texts()
        ]
