"""The Children Act 1989 representations procedure: data, citations and due dates by hand."""

from __future__ import annotations

from datetime import date

import pytest

from care_justice_protocol._errors import InvalidArgumentError
from care_justice_protocol.calendar._working_days import WorkingCalendar
from care_justice_protocol.model._citation import Citation
from care_justice_protocol.statutory._complaints import (
    OR_AS_SOON_AS_REASONABLY_PRACTICABLE,
    REPRESENTATIONS_PROCEDURE,
    RepresentationsStep,
    representations_deadline,
    representations_timetable,
)

CAL = WorkingCalendar.england()
REGS = "Children Act 1989 Representations Procedure (England) Regulations 2006"


class TestData:
    def test_the_time_limits_and_their_regulations(self) -> None:
        table = [
            (s.key, s.stage, s.working_days, s.extended_working_days, s.months, s.source.place)
            for s in REPRESENTATIONS_PROCEDURE.values()
        ]
        assert table == [
            ("making-representations", 1, None, None, 12, "reg 9"),
            ("stage-1-local-resolution", 1, 10, 20, None, "reg 14"),
            ("stage-2-investigation", 2, 25, 65, None, "reg 17"),
            ("stage-3-request", 3, 20, None, None, "reg 18"),
            ("stage-3-panel-meets", 3, 30, None, None, "reg 19(4)"),
            ("stage-3-panel-report", 3, 5, None, None, "reg 20"),
            ("stage-3-authority-response", 3, 15, None, None, "reg 20"),
        ]

    def test_only_the_panel_report_and_the_response_are_as_soon_as_reasonably_practicable(
        self,
    ) -> None:
        qualified = [
            s.key
            for s in REPRESENTATIONS_PROCEDURE.values()
            if s.or_as_soon_as_reasonably_practicable
        ]
        assert qualified == ["stage-3-panel-report", "stage-3-authority-response"]

    def test_only_the_one_year_limit_may_be_waived(self) -> None:
        waivable = {k: s.late_discretion for k, s in REPRESENTATIONS_PROCEDURE.items()}
        reg9 = waivable.pop("making-representations")
        assert reg9 is not None
        assert "not have been reasonable to expect" in reg9
        # The paragraph number (2) comes only from secondary sources: cite the regulation.
        assert reg9.endswith("effectively and fairly (reg 9)")
        assert set(waivable.values()) == {None}

    def test_no_step_cites_a_paragraph_of_reg_9_the_text_was_not_read_for(self) -> None:
        for step in REPRESENTATIONS_PROCEDURE.values():
            texts = [step.describe(), str(step.source), step.late_discretion or ""]
            assert not any("reg 9(" in text for text in texts), texts

    def test_describe_shows_the_limit_its_qualifier_and_the_regulation(self) -> None:
        lines = {k: s.describe() for k, s in REPRESENTATIONS_PROCEDURE.items()}
        assert lines["stage-1-local-resolution"] == (
            "stage 1: respond to the representations by local resolution: 10 working days "
            f"(extendable to 20) after receipt of the representations ({REGS} reg 14)"
        )
        assert lines["stage-3-authority-response"].endswith(
            f"after receipt of the panel's report, or as soon as is reasonably practicable "
            f"({REGS} reg 20)"
        )
        assert lines["making-representations"].startswith(
            "stage 1: the complainant makes the representations: one year after the grounds"
        )
        for key, line in lines.items():
            practicable = OR_AS_SOON_AS_REASONABLY_PRACTICABLE in line
            assert (
                practicable is REPRESENTATIONS_PROCEDURE[key].or_as_soon_as_reasonably_practicable
            )

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

    def test_the_panel_report_is_due_in_5_working_days_or_as_soon_as_reasonably_practicable(
        self,
    ) -> None:
        # Fri 12 Jun 2026: Mon 15 to Fri 19 Jun are working days 1-5 -> Fri 19 Jun 2026.
        d = representations_deadline("stage-3-panel-report", date(2026, 6, 12), CAL)
        assert d.due == date(2026, 6, 19)
        assert d.rule == (
            "5 working days after the panel meeting on 2026-06-12, "
            "or as soon as is reasonably practicable"
        )
        assert d.clause == f"{REGS} reg 20"

    def test_the_authority_response_is_due_in_15_working_days_or_as_soon_as_practicable(
        self,
    ) -> None:
        # Fri 19 Jun 2026: 22-26 Jun (5), 29 Jun-3 Jul (10), 6-10 Jul (15) -> Fri 10 Jul.
        d = representations_deadline("stage-3-authority-response", date(2026, 6, 19), CAL)
        assert d.due == date(2026, 7, 10)
        assert d.rule.endswith(", or as soon as is reasonably practicable")

    def test_the_request_for_a_panel_is_due_20_working_days_after_the_response_arrives(
        self,
    ) -> None:
        # Fri 18 Dec 2026: Dec 21-24 (4), 29-31 (7; 25 and 28 Dec closed), Jan 4-8 (12;
        # 1 Jan closed), 11-15 (17), 18-20 (20) -> Wed 20 Jan 2027. No qualifier.
        d = representations_deadline("stage-3-request", date(2026, 12, 18), CAL)
        assert d.due == date(2027, 1, 20)
        assert d.rule == "20 working days after receipt of the stage 2 response on 2026-12-18"
        assert d.clause == f"{REGS} reg 18"

    @pytest.mark.parametrize(
        ("grounds", "due"),
        [
            (date(2025, 3, 1), date(2026, 3, 1)),  # the day before: one year later
            (date(2025, 3, 2), date(2026, 3, 2)),  # Sun 2 Mar 2025 -> Mon 2 Mar 2026
            (date(2025, 3, 3), date(2026, 3, 3)),  # the day after
            (date(2024, 2, 29), date(2025, 2, 28)),  # 29 Feb + 1 year, clipped
        ],
    )
    def test_representations_are_due_one_year_after_the_grounds_arose(
        self, grounds: date, due: date
    ) -> None:
        # reg 9: calendar months, not working days (the calendar is not consulted).
        d = representations_deadline("making-representations", grounds, CAL)
        assert d.due == due
        assert d.clause == f"{REGS} reg 9"
        assert d.rule.startswith(
            f"12 months after the grounds for the representations arising on {grounds}; "
            "later ones may be considered"
        )

    def test_a_step_without_extension_refuses_one(self) -> None:
        with pytest.raises(InvalidArgumentError, match="no extended time limit"):
            representations_deadline("stage-3-request", date(2026, 3, 2), CAL, extended=True)
        with pytest.raises(InvalidArgumentError, match="no extended time limit"):
            representations_deadline("making-representations", date(2026, 3, 2), CAL, extended=True)

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

    def test_the_one_year_limit_comes_first_when_the_grounds_date_is_known(self) -> None:
        dues = representations_timetable(date(2026, 3, 2), CAL, grounds_arose=date(2025, 11, 14))
        assert [d.due for d in dues] == [
            date(2026, 11, 14),  # 14 Nov 2025 + 1 year
            date(2026, 3, 16),  # 10 working days from Mon 2 Mar 2026
        ]
        assert dues[0].clause.endswith("reg 9")

    def test_unknown_extended_key_is_refused(self) -> None:
        with pytest.raises(InvalidArgumentError):
            representations_timetable(date(2026, 3, 2), CAL, extended=frozenset({"stage-9"}))


class TestStepValidation:
    def _step(self, **kwargs: object) -> RepresentationsStep:
        fields: dict[str, object] = {
            "key": "x",
            "stage": 1,
            "description": "d",
            "working_days": 10,
            "extended_working_days": None,
            "trigger": "t",
            "source": Citation(REGS, "reg 14"),
        }
        fields.update(kwargs)
        return RepresentationsStep(**fields)  # type: ignore[arg-type]

    def test_a_step_has_exactly_one_time_limit(self) -> None:
        with pytest.raises(InvalidArgumentError, match="exactly one time limit"):
            self._step(months=12)
        with pytest.raises(InvalidArgumentError, match="exactly one time limit"):
            self._step(working_days=None)
        assert self._step(working_days=None, months=12).months == 12

    def test_months_must_be_a_whole_number_of_at_least_1(self) -> None:
        with pytest.raises(InvalidArgumentError, match="months must be a whole number >= 1"):
            self._step(working_days=None, months=0)

    def test_the_practicable_flag_must_be_a_bool(self) -> None:
        with pytest.raises(InvalidArgumentError, match="must be True or False"):
            self._step(or_as_soon_as_reasonably_practicable=1)
