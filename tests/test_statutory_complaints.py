"""The Children Act 1989 representations procedure: data, citations and due dates by hand."""

from __future__ import annotations

from datetime import date

import pytest

from care_justice_protocol._errors import InvalidArgumentError
from care_justice_protocol.calendar._working_days import WorkingCalendar
from care_justice_protocol.statutory._complaints import (
    REPRESENTATIONS_PROCEDURE,
    representations_deadline,
    representations_timetable,
)

CAL = WorkingCalendar.england()
REGS = "Children Act 1989 Representations Procedure (England) Regulations 2006"


class TestData:
    def test_the_time_limits_and_their_regulations(self) -> None:
        table = [
            (s.key, s.stage, s.working_days, s.extended_working_days, s.source.place)
            for s in REPRESENTATIONS_PROCEDURE.values()
        ]
        assert table == [
            ("stage-1-local-resolution", 1, 10, 20, "reg 14"),
            ("stage-2-investigation", 2, 25, 65, "reg 17"),
            ("stage-3-request", 3, 20, None, "reg 18"),
            ("stage-3-panel-meets", 3, 30, None, "reg 19(4)"),
            ("stage-3-panel-report", 3, 5, None, "reg 20"),
            ("stage-3-authority-response", 3, 15, None, "reg 20"),
        ]

    def test_every_source_is_the_regulations_and_its_text_is_document_then_place(self) -> None:
        for s in REPRESENTATIONS_PROCEDURE.values():
            assert s.source.document == REGS
            assert s.citation == f"{REGS} {s.source.place}"

    def test_the_table_is_read_only(self) -> None:
        with pytest.raises(TypeError):
            REPRESENTATIONS_PROCEDURE["x"] = REPRESENTATIONS_PROCEDURE["stage-3-request"]  # type: ignore[index]

    @pytest.mark.parametrize(
        "day", [date(2026, 4, 3), date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1)]
    )
    def test_statutory_non_working_days_are_closed_in_the_england_calendar(self, day: date) -> None:
        # reg 2: not Christmas Day, Boxing Day, Good Friday or a bank holiday (1971 Act).
        assert not CAL.is_working_day(day)


class TestDeadlines:
    def test_stage_1_over_christmas(self) -> None:
        # Fri 18 Dec 2026: Dec 21-24, 29-31, Jan 4-6 -> Wed 6 Jan 2027.
        d = representations_deadline("stage-1-local-resolution", date(2026, 12, 18), CAL)
        assert d.due == date(2027, 1, 6)
        assert d.clause == f"{REGS} reg 14"
        assert d.rule == "10 working days after receipt of the representations on 2026-12-18"

    def test_stage_1_extended_to_20_working_days(self) -> None:
        d = representations_deadline(
            "stage-1-local-resolution", date(2026, 12, 18), CAL, extended=True
        )
        assert d.due == date(2027, 1, 20)
        assert d.rule.endswith("(extended limit)")

    def test_stage_2_25_and_65_working_days(self) -> None:
        start = date(2026, 12, 18)
        assert representations_deadline("stage-2-investigation", start, CAL).due == date(
            2027, 1, 27
        )
        extended = representations_deadline("stage-2-investigation", start, CAL, extended=True)
        assert extended.due == date(2027, 3, 24)

    def test_panel_meets_within_30_working_days_over_easter(self) -> None:
        # Mon 2 Mar 2026; Good Friday 3 Apr and Easter Monday 6 Apr -> Wed 15 Apr 2026.
        d = representations_deadline("stage-3-panel-meets", date(2026, 3, 2), CAL)
        assert d.due == date(2026, 4, 15)

    def test_a_step_without_extension_refuses_one(self) -> None:
        with pytest.raises(InvalidArgumentError, match="no extended time limit"):
            representations_deadline("stage-3-request", date(2026, 3, 2), CAL, extended=True)

    def test_unknown_step_lists_the_known_ones(self) -> None:
        with pytest.raises(InvalidArgumentError, match="'stage-2-investigation'"):
            representations_deadline("stage-4", date(2026, 3, 2), CAL)


class TestTimetable:
    def test_only_steps_whose_trigger_happened(self) -> None:
        dues = representations_timetable(
            date(2026, 3, 2),
            CAL,
            stage_2_started=date(2026, 3, 20),
            stage_2_response_received=date(2026, 4, 28),
            panel_requested=date(2026, 5, 11),
            panel_met=date(2026, 6, 12),
            panel_report_received=date(2026, 6, 19),
            extended=frozenset({"stage-2-investigation"}),
        )
        assert [d.due for d in dues] == [
            date(2026, 3, 16),  # 10 working days from Mon 2 Mar
            date(2026, 6, 25),  # 65 working days from Fri 20 Mar (Easter, 4 & 25 May closed)
            date(2026, 5, 28),  # 20 working days from Tue 28 Apr (4 and 25 May closed)
            date(2026, 6, 23),  # 30 working days from Mon 11 May (25 May closed)
            date(2026, 6, 19),  # 5 working days from Fri 12 Jun
            date(2026, 7, 10),  # 15 working days from Fri 19 Jun
        ]

    def test_unknown_extended_key_is_refused(self) -> None:
        with pytest.raises(InvalidArgumentError):
            representations_timetable(date(2026, 3, 2), CAL, extended=frozenset({"stage-9"}))
