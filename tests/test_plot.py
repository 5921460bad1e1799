"""The case timeline picture: lanes, obligation rows, status colours, no pyplot state."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date

import attrs
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from care_justice_protocol import ALL_PROTOCOLS
from care_justice_protocol._errors import (
    InvalidArgumentError,
    InvalidDateTypeError,
    MissingOptionalDependencyError,
)
from care_justice_protocol.calendar._working_days import WorkingCalendar
from care_justice_protocol.compliance import Status, evaluate
from care_justice_protocol.model._entities import MeetingKind, Service
from care_justice_protocol.model._events import JointCase
from care_justice_protocol.notebook._html import STATUS_COLOURS
from care_justice_protocol.notebook._plot import plot_timeline
from care_justice_protocol.testing import Scenario

DOB = date(1999, 12, 31)
NAME = "Zebedee Quxworth"
AS_OF = date(2027, 2, 1)
P12 = ALL_PROTOCOLS["3.14.12"]
YOS, NS = Service.YOS, Service.NEXT_STEP


def _case(case_id: str = "C-7") -> JointCase:
    """Allocated Fri 18 Dec 2026: the case workers must meet by Wed 13 Jan 2027.

    They meet on Thu 14 Jan (late); a hearing is listed for 20 Jan; an event after
    ``AS_OF`` (a meeting on 1 Mar) must not be drawn.
    """
    case = (
        Scenario.for_case(case_id, young_person_id="YP-7", born=DOB, legal_status="charged")
        .joint_yos_next_steps(date(2026, 12, 18))
        .charged(date(2027, 1, 4))
        .meeting(date(2027, 1, 14), MeetingKind.CASE_WORKER_INFORMATION_SHARING, YOS, NS)
        .hearing(date(2027, 1, 20))
        .meeting(date(2027, 3, 1), MeetingKind.FORMAL_REVIEW)
        .build()
    )
    return attrs.evolve(case, young_person=attrs.evolve(case.young_person, name=NAME))


def _labels(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].get_yticklabels()]


class TestPlotTimeline:
    def test_returns_a_figure_titled_by_case_id_and_date(self) -> None:
        fig = plot_timeline(_case(), AS_OF, protocol=P12)
        assert isinstance(fig, Figure)
        assert fig.axes[0].get_title() == "Case C-7: events and obligations as of 2027-02-01"

    def test_rows_are_the_event_lanes_then_each_applicable_obligation(self) -> None:
        fig = plot_timeline(_case(), AS_OF, protocol=P12)
        applicable = [
            r.obligation
            for r in evaluate(_case(), AS_OF, protocol=P12)
            if r.status is not Status.NOT_APPLICABLE
        ]
        assert "3.14.12/2/meet-within-15-working-days" in applicable
        assert _labels(fig) == ["allocation", "meetings", "court", "other events", *applicable]

    def test_the_late_meeting_is_drawn_in_the_met_late_colour_with_its_dates(self) -> None:
        fig = plot_timeline(_case(), AS_OF, protocol=P12)
        row = _labels(fig).index("3.14.12/2/meet-within-15-working-days")
        amber = STATUS_COLOURS[Status.MET_LATE].mark
        on_row = [
            line
            for line in fig.axes[0].get_lines()
            if list(line.get_ydata()) and all(y == row for y in line.get_ydata())
        ]
        assert on_row
        assert {to_hex(line.get_color()) for line in on_row} == {amber}
        span, due, met, late = on_row
        xs = fig.axes[0].xaxis.convert_units
        assert list(span.get_xdata()) == [date(2026, 12, 18), date(2027, 1, 14)]
        assert (due.get_marker(), list(due.get_xdata())) == ("|", [date(2027, 1, 13)])
        assert (met.get_marker(), list(met.get_xdata())) == ("o", [date(2027, 1, 14)])
        assert xs(date(2027, 1, 13)) < xs(date(2027, 1, 14))
        # one day late (due Wed 13 Jan, met Thu 14 Jan) shows: a thick bar and words
        assert list(late.get_xdata()) == [date(2027, 1, 13), date(2027, 1, 14)]
        assert late.get_linewidth() > span.get_linewidth()
        assert "1 day late" in [t.get_text() for t in fig.axes[0].texts]

    def test_the_axis_spans_the_activity_not_the_empty_time_up_to_as_of(self) -> None:
        # the last date drawn is the hearing of Wed 20 Jan 2027; as of is Mon 1 Feb
        fig = plot_timeline(_case(), AS_OF, protocol=P12)
        xs = fig.axes[0].xaxis.convert_units
        low, high = fig.axes[0].get_xlim()
        assert xs(date(2026, 12, 18)) > low
        assert high < xs(AS_OF)
        assert any("as of 2027-02-01" in t.get_text() for t in fig.axes[0].texts)
        stretched = plot_timeline(_case(), AS_OF, protocol=P12, to_as_of=True)
        assert stretched.axes[0].get_xlim()[1] > xs(AS_OF)

    def test_every_event_is_labelled_and_labels_on_a_lane_do_not_overlap(self) -> None:
        # two events on one day in one lane, and events a day apart: all named, no "+1 more"
        case = (
            Scenario.for_case("C-8", young_person_id="YP-8", born=DOB, legal_status="charged")
            .joint_yos_next_steps(date(2026, 12, 18))
            .charged(date(2027, 1, 4))
            .hearing(date(2027, 1, 20))
            .hearing(date(2027, 1, 20))
            .hearing(date(2027, 1, 21))
            .build()
        )
        fig = plot_timeline(case, AS_OF, protocol=P12)
        texts = [t for t in fig.axes[0].texts if "court-hearing" in t.get_text()]
        assert not any("more" in t.get_text() for t in fig.axes[0].texts)
        assert sorted(t.get_text() for t in texts) == ["court-hearing", "court-hearing (2)"]
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        boxes = [t.get_window_extent(renderer) for t in texts]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not a.overlaps(b)

    def test_events_after_the_as_of_date_are_left_out(self) -> None:
        fig = plot_timeline(_case(), AS_OF, protocol=P12)
        meetings_row = _labels(fig).index("meetings")
        drawn = [
            x
            for line in fig.axes[0].get_lines()
            if line.get_marker() == "D"
            for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True)
            if y == meetings_row
        ]
        assert drawn == [date(2027, 1, 14)]
        annotations = [t.get_text() for t in fig.axes[0].texts]
        assert "case-worker-information-sharing" in annotations
        assert "formal-review" not in annotations
        assert "allocated +1 more" not in annotations  # different lanes, same day
        assert "allocated" in annotations
        assert "other-service-checked" in annotations

    def test_the_legend_spells_out_each_status_drawn(self) -> None:
        fig = plot_timeline(_case(), AS_OF, protocol=P12)
        statuses = {r.status for r in evaluate(_case(), AS_OF, protocol=P12)}
        legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
        drawn = [s.value for s in Status if s in statuses and s is not Status.NOT_APPLICABLE]
        assert legend == [*drawn, "due date", "met on", "as of"]
        assert "met-late" in legend

    def test_the_as_of_date_is_marked(self) -> None:
        fig = plot_timeline(_case(), AS_OF, protocol=P12)
        dashed = [line for line in fig.axes[0].get_lines() if line.get_linestyle() == "--"]
        assert [list(line.get_xdata()) for line in dashed] == [[AS_OF, AS_OF]]

    def test_no_personal_data_in_any_text(self) -> None:
        fig = plot_timeline(_case(), AS_OF)
        ax = fig.axes[0]
        texts = [ax.get_title(), *(t.get_text() for t in ax.texts), *_labels(fig)]
        texts += [t.get_text() for t in ax.get_legend().get_texts()]
        joined = "\n".join(texts)
        assert NAME not in joined
        assert DOB.isoformat() not in joined

    def test_draws_on_given_axes_and_returns_their_root_figure(self) -> None:
        root = Figure()
        sub = root.subfigures(1, 2)[1]
        ax = sub.add_subplot()
        fig = plot_timeline(_case(), AS_OF, ax=ax, protocol=P12)
        assert fig is root
        assert ax.get_title().startswith("Case C-7")

    def test_a_case_id_with_mathtext_characters_is_drawn_literally(self) -> None:
        fig = plot_timeline(_case(case_id=r"$\frac{1}{"), AS_OF, protocol=P12)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png")  # would raise if "$...$" were parsed as maths
        assert buffer.getvalue()[:4] == b"\x89PNG"
        assert fig.axes[0].get_title().startswith(r"Case $\frac{1}{:")

    def test_a_calendar_can_be_given(self) -> None:
        closed = WorkingCalendar.england().with_closures(date(2027, 1, 13))
        fig = plot_timeline(_case(), AS_OF, protocol=P12, calendar=closed)
        row = _labels(fig).index("3.14.12/2/meet-within-15-working-days")
        colours = {
            to_hex(line.get_color())
            for line in fig.axes[0].get_lines()
            if list(line.get_ydata()) and all(y == row for y in line.get_ydata())
        }
        # With 13 January closed the deadline is Thu 14 January: the meeting was on time.
        assert colours == {STATUS_COLOURS[Status.MET].mark}

    def test_a_case_with_no_events_still_draws(self) -> None:
        empty = JointCase(case_id="C-0", young_person=_case().young_person)
        fig = plot_timeline(empty, AS_OF)
        assert _labels(fig) == []
        assert isinstance(fig.axes[0].get_legend().legend_handles[0], Line2D)

    def test_refuses_what_is_not_a_case_or_a_date(self) -> None:
        with pytest.raises(InvalidArgumentError, match="case must be a JointCase, not str"):
            plot_timeline("C-7", AS_OF)  # type: ignore[arg-type]
        with pytest.raises(InvalidDateTypeError):
            plot_timeline(_case(), "2027-02-01")  # type: ignore[arg-type]

    def test_a_missing_matplotlib_names_the_plot_extra(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setitem(sys.modules, "matplotlib.figure", None)
        with pytest.raises(MissingOptionalDependencyError) as info:
            plot_timeline(_case(), AS_OF)
        assert (info.value.package, info.value.extra) == ("matplotlib", "plot")
        assert "pip install 'care_justice_protocol[plot]'" in str(info.value)
        assert isinstance(info.value, ImportError)


def test_plotting_never_imports_pyplot() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from care_justice_protocol.io._bundled import example_caseload\n"
        "from care_justice_protocol.notebook._plot import plot_timeline\n"
        "fig = plot_timeline(example_caseload().case('C-0002'), date(2026, 11, 25))\n"
        "print(type(fig).__name__, 'matplotlib.pyplot' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split() == ["Figure", "False"]
