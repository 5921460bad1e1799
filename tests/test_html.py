"""Notebook HTML: escaped, status-coloured, summarised when large, never personal data."""

from __future__ import annotations

from datetime import date
from html.parser import HTMLParser

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from care_justice_protocol import BUNDLED_PROTOCOLS
from care_justice_protocol.compliance import (
    CaseloadReport,
    ObligationResult,
    Status,
    evaluate,
    evaluate_caseload,
)
from care_justice_protocol.io._bundled import example_caseload
from care_justice_protocol.model._entities import MeetingKind, Service
from care_justice_protocol.model._events import Caseload, JointCase
from care_justice_protocol.notebook._html import (
    MAX_CASES,
    MAX_EVENTS,
    MAX_RESULTS,
    STATUS_COLOURS,
    status_badge,
    visible_fields,
)
from care_justice_protocol.testing import Scenario
from tests.strategies import caseloads, cases

DOB = date(1999, 12, 31)
NAME = "Zebedee Quxworth"
STAFF_NAME = "Ottoline Farnaby"
ABOUT = "argued about the Quxworth family's housing"
HOSTILE = '<script>alert("x")</script>&'
AS_OF = date(2027, 1, 14)

_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "col", "wbr"})


class _Balance(HTMLParser):
    """Checks that every opened element is closed in order; records the text seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unexpected </{tag}>")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Balance:
    parser = _Balance()
    parser.feed(html)
    parser.close()
    assert parser.errors == []
    assert parser.stack == []
    return parser


def _scenario(case_id: str = "C-1", worker: str = "W-1") -> Scenario:
    """YOS allocates on Fri 18 Dec 2026 (the meeting is due 15 working days later, Wed 13
    Jan 2027) and confirms the case is open to Next Steps; a disagreement on Mon 21 Dec."""
    return (
        Scenario.for_case(
            case_id, young_person_id="YP-1", born=DOB, legal_status="charged",
            workers={Service.YOS: worker},
        )
        .joint_yos_next_steps(date(2026, 12, 18))
        .disagreement_raised(date(2026, 12, 21), "D-1", Service.YOS, Service.NEXT_STEP, about=ABOUT)
    )  # fmt: skip


def _named(case: JointCase) -> JointCase:
    """The case with its young person and staff named (names the HTML must never show)."""
    return attrs.evolve(
        case,
        young_person=attrs.evolve(case.young_person, name=NAME),
        staff=tuple(attrs.evolve(member, name=STAFF_NAME) for member in case.staff),
    )


def _case(case_id: str = "C-1", worker: str = "W-1") -> JointCase:
    return _named(_scenario(case_id, worker).build())


class TestStatusColours:
    def test_every_status_has_a_swatch_with_distinct_marks(self) -> None:
        assert set(STATUS_COLOURS) == set(Status)
        marks = [sw.mark for sw in STATUS_COLOURS.values()]
        assert len(set(marks)) == len(marks)

    @pytest.mark.parametrize("status", list(Status))
    def test_a_badge_spells_the_status_out_as_well_as_colouring_it(self, status: Status) -> None:
        badge = status_badge(status)
        sw = STATUS_COLOURS[status]
        assert f"color:{sw.text}" in badge
        assert f"background:{sw.background}" in badge
        assert "".join(_parse(badge).text) == status.value

    def test_only_overdue_is_bold(self) -> None:
        assert "font-weight:700" in status_badge(Status.OVERDUE)
        assert "font-weight:700" not in status_badge(Status.DUE)


class TestCaseHtml:
    def test_shows_ids_statuses_and_events_in_date_order(self) -> None:
        html = _case()._repr_html_()
        text = " ".join(_parse(html).text)
        assert "JointCase C-1" in text
        assert "YP-1" in text
        assert "relevant" in text
        assert "charged" in text
        assert text.index("allocated") < text.index("disagreement-raised")
        assert "disagreement_id=D-1; between=yos, next-step" in text

    def test_never_shows_the_date_of_birth_names_or_free_text(self) -> None:
        html = _case()._repr_html_()
        for secret in (DOB.isoformat(), "1999", NAME, STAFF_NAME, ABOUT, "Quxworth"):
            assert secret not in html

    def test_hostile_ids_are_escaped(self) -> None:
        html = _case(case_id=HOSTILE, worker=HOSTILE)._repr_html_()
        assert "<script>" not in html
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;" in html
        parsed = _parse(html)
        assert "script" not in parsed.tags
        assert HOSTILE in "".join(parsed.text)

    def test_a_case_with_no_events_says_so(self) -> None:
        empty = JointCase(case_id="C-0", young_person=_case().young_person)
        assert "No events recorded." in empty._repr_html_()

    def test_a_long_case_is_cut_short_with_a_note(self) -> None:
        s = _scenario()
        for i in range(MAX_EVENTS + 5):
            s = s.meeting(date(2027, 1, 1 + i % 28), MeetingKind.FORMAL_REVIEW, Service.YOS)
        html = _named(s.build())._repr_html_()
        assert html.count("<tr><td") == MAX_EVENTS
        assert f"Showing the first {MAX_EVENTS} of {MAX_EVENTS + 8} events." in html

    def test_visible_fields_follow_the_repr_and_leave_out_free_text(self) -> None:
        event = _case().events[-1]
        assert [name for name, _ in visible_fields(event)] == ["disagreement_id", "between"]


class TestCaseloadHtml:
    def test_counts_and_one_row_per_case_without_personal_data(self) -> None:
        caseload = Caseload(cases=(_case("C-1"), _case("C-2")))
        html = caseload._repr_html_()
        text = " ".join(_parse(html).text)
        assert "C-1" in text
        assert "C-2" in text
        assert "2026-12-18" in text  # first event
        assert "2026-12-21" in text  # last event
        for secret in (DOB.isoformat(), NAME, STAFF_NAME, ABOUT):
            assert secret not in html

    def test_a_large_caseload_lists_the_first_cases_and_says_so(self) -> None:
        base = _case()
        many = Caseload(cases=tuple(attrs.evolve(base, case_id=f"C-{i}") for i in range(60)))
        html = many._repr_html_()
        assert f"Showing the first {MAX_CASES} of 60 cases." in html
        assert "C-49<" in html
        assert "C-50<" not in html


class TestResultHtml:
    def test_a_result_is_a_table_of_its_fields_with_a_coloured_status(self) -> None:
        [r] = [
            r
            for r in evaluate(_case(), AS_OF, protocol=BUNDLED_PROTOCOLS)
            if r.obligation == "3.14.12/2/meet-within-15-working-days"
        ]
        html = r._repr_html_()
        text = " ".join(_parse(html).text)
        assert "overdue" in text
        assert "2027-01-13" in text
        assert f"color:{STATUS_COLOURS[Status.OVERDUE].text}" in html
        assert "3.14.12 §2" in text

    def test_a_partnership_result_says_so(self) -> None:
        r = ObligationResult(None, "x/<y>", "c", Status.DUE, None, None, None, None, "e", "r", "")
        html = r._repr_html_()
        assert "partnership" in html
        assert "x/&lt;y&gt;" in html
        _parse(html)


class TestReportHtml:
    def test_a_small_report_lists_every_result_in_order(self) -> None:
        results = evaluate(_case(), AS_OF, protocol=BUNDLED_PROTOCOLS)
        html = CaseloadReport(AS_OF, results)._repr_html_()
        _parse(html)
        assert html.count("<tr><td") == len(Status) + len({r.obligation for r in results}) + (
            len(results)
        )
        assert f"{len(results)} results for 1 case" in html
        assert "Showing the" not in html

    def test_a_large_report_is_summarised_and_lists_the_most_urgent_first(self) -> None:
        caseload = example_caseload()
        report = evaluate_caseload(caseload, date(2026, 11, 25), protocol=BUNDLED_PROTOCOLS)
        html = report._repr_html_()
        parsed = _parse(html)
        n = len(report.results)
        assert n > MAX_RESULTS
        assert f"Showing the {MAX_RESULTS} most urgent of {n:,} results" in html
        assert "and the partnership" in html
        # The detail table is the last table: its rows start with overdue, oldest first.
        detail = html[html.rindex("<table") :]
        badges = [s.value for s in Status]
        order = [
            next(b for b in badges if f">{b}</span>" in row) for row in detail.split("<tr>")[2:]
        ]
        assert len(order) == MAX_RESULTS
        overdue = report.with_status(Status.OVERDUE)
        assert order[: len(overdue)] == ["overdue"] * len(overdue)
        counts = report.counts()
        for status, count in counts.items():
            assert f">{status.value}</span></td><td" in html
            assert f">{count:,}</td>" in html
        assert "".join(parsed.text).count("3.14.12/2/meet-within-15-working-days") >= 1

    def test_an_empty_report_says_there_are_no_results(self) -> None:
        html = CaseloadReport(AS_OF, ())._repr_html_()
        assert "0 results for 0 cases" in html
        assert "No results." in html

    def test_a_report_never_shows_personal_data(self) -> None:
        report = evaluate_caseload(Caseload(cases=(_case(),)), AS_OF, protocol=BUNDLED_PROTOCOLS)
        html = report._repr_html_()
        for secret in (DOB.isoformat(), NAME, STAFF_NAME, ABOUT):
            assert secret not in html


def _shown_dates(case: JointCase) -> set[str]:
    """Every date the case's HTML may legitimately show (event dates and date fields)."""
    out = set()
    for e in case.events:
        out.add(e.on.isoformat())
        for _, value in visible_fields(e):
            if isinstance(value, date):
                out.add(value.isoformat())
    return out


class TestProperties:
    @given(cases())
    def test_any_case_renders_balanced_html_without_its_date_of_birth_or_name(
        self, case: JointCase
    ) -> None:
        secret_name = "Name-Sentinel-7f3a"
        case = attrs.evolve(case, young_person=attrs.evolve(case.young_person, name=secret_name))
        dob = case.young_person.date_of_birth.isoformat()
        assume(dob not in _shown_dates(case))
        html = case._repr_html_()
        _parse(html)
        assert dob not in html
        assert secret_name not in html

    @given(caseloads(), st.dates(date(2000, 1, 1), date(2040, 12, 31)))
    def test_any_caseload_and_its_report_render_balanced_html(
        self, caseload: Caseload, as_of: date
    ) -> None:
        _parse(caseload._repr_html_())
        report = evaluate_caseload(caseload, as_of, protocol=BUNDLED_PROTOCOLS)
        html = report._repr_html_()
        _parse(html)
        assert f"{len(report.results):,} result" in html


class TestNoWrappedDates:
    def test_dates_and_periods_never_wrap_at_their_hyphens(self) -> None:
        report = evaluate_caseload(example_caseload(), date(2026, 11, 25),
                                   protocol=BUNDLED_PROTOCOLS)  # fmt: skip
        html = report._repr_html_()  # type: ignore[attr-defined]
        # every ISO date shown is inside a no-wrap span
        for found in ("2020-06-30", "2024-02-22"):
            assert f'<span style="white-space:nowrap">{found}</span>' in html
        assert '<span style="white-space:nowrap">2020-Q2</span>' in html  # a period

    def test_statuses_are_listed_most_urgent_first(self) -> None:
        report = evaluate_caseload(example_caseload(), date(2026, 11, 25),
                                   protocol=BUNDLED_PROTOCOLS)  # fmt: skip
        html = report._repr_html_()  # type: ignore[attr-defined]
        positions = [html.index(f">{s}</span>") for s in ("overdue", "due", "met-late", "met")]
        assert positions == sorted(positions)
