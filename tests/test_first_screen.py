"""What ``cjp check`` shows people: the first screen, the full table, help, progress."""

from __future__ import annotations

import io
import json
import re
import sys
from datetime import date
from pathlib import Path

import attrs
import pytest

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    WorkingCalendar,
    dumps_caseload,
    evaluate_caseload,
    example_caseload,
    load_caseload,
)
from care_justice_protocol import cli as cli_module
from care_justice_protocol._terminal import Style, first_screen
from care_justice_protocol.cli import main

AS_OF = "2026-11-25"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str,
    columns: int = 100,
) -> tuple[int, list[str]]:  # fmt: skip
    monkeypatch.setenv("COLUMNS", str(columns))
    code = main(["check", "--as-of", AS_OF, *args])
    return code, capsys.readouterr().out.splitlines()


class _TTY(io.StringIO):
    def isatty(self) -> bool:
        return True


class TestFirstScreen:
    def test_the_example_fits_50_lines_of_100_columns(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        code, lines = run(capsys, monkeypatch)
        assert code == 0
        assert len(lines) <= 50
        assert max(len(line) for line in lines) <= 100
        assert lines[0] == (
            "cjp check: 30 cases and the partnership, as of Wed 25 Nov 2026 (2026-11-25)"
        )
        titles = [line for line in lines if line and not line.startswith(" ")]
        assert titles[1:5] == [
            "Overdue: 15, longest overdue first",
            (
                "Due within 10 working days (by Wed 9 Dec 2026): 4; due before an event, with "
                "no date: 3"
            ),
            "Cases with something overdue or due: 11 of 30",
            (
                "Shown: 15 overdue items, 7 due items and 11 cases, of 1,135 results as of "
                "2026-11-25."
            ),
        ]

    def test_counts_by_status_most_urgent_first_and_good_practice_apart(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        _, lines = run(capsys, monkeypatch)
        assert lines[1] == (
            "  15 overdue | 20 due | 1 not-followed | 71 no-timescale | 3 met-late | 330 met | "
            "694 not-applicable"
        )
        assert lines[2] == "  good practice, not a duty: 1 good-practice-missed"

    def test_overdue_rows_longest_first_with_case_clause_and_who(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        _, lines = run(capsys, monkeypatch)
        start = lines.index("Overdue: 15, longest overdue first")
        assert lines[start + 1].split() == ["days", "late", "case", "obligation", "clause",
                                            "who", "must", "act"]  # fmt: skip
        rows = lines[start + 2 : start + 17]
        days = [int(row.split()[0].replace(",", "")) for row in rows]
        assert days == sorted(days, reverse=True)
        # C-0001: allocated Thu 18 Dec 2025, meeting due Tue 13 Jan 2026: 316 days by 25 Nov
        [c1] = [row for row in rows if "meet-within-15-working-days" in row]
        assert c1.split()[:4] == ["316", "C-0001", "meet-within-15-working-days", "3.14.12"]
        assert "yos W-YOS-01" in c1

    def test_not_applicable_rows_appear_only_with_all(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        _, lines = run(capsys, monkeypatch)
        assert not any("not applicable:" in line for line in lines)
        _, full = run(capsys, monkeypatch, "--all", columns=400)
        assert sum("not-applicable" in line for line in full) >= 694

    def test_due_within_widens_the_window(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # C-0004's meeting is due Fri 11 Dec 2026, the 12th working day after Wed 25 Nov
        _, ten = run(capsys, monkeypatch)
        _, twelve = run(capsys, monkeypatch, "--due-within", "12")
        assert not any("C-0004" in line for line in ten)
        assert any(line.split()[:2] == ["2026-12-11", "C-0004"] for line in twelve)

    def test_cases_lists_every_case(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        _, lines = run(capsys, monkeypatch, "--cases")
        start = lines.index("Cases: all 30")
        assert [line.split()[0] for line in lines[start + 2 : start + 32]] == [
            f"C-{i:04d}" for i in range(1, 31)
        ]

    def test_limit_caps_each_list_and_the_footer_says_how_many_more(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        _, lines = run(capsys, monkeypatch, "--limit", "3")
        start = lines.index("Overdue: 15, longest overdue first")
        assert lines[start + 5] == ""  # title, header, 3 rows, blank
        assert (
            "Shown: 3 of 15 overdue items, 3 of 7 due items and 3 of 11 cases, of 1,135 "
            "results as of 2026-11-25." in " ".join(lines)
        )
        _, unlimited = run(capsys, monkeypatch, "--limit", "0")
        assert unlimited == run(capsys, monkeypatch)[1]  # the example fits the default 20

    @pytest.mark.parametrize("columns", [40, 60, 80, 160])
    def test_no_line_is_wider_than_the_terminal(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: int
    ) -> None:
        _, lines = run(capsys, monkeypatch, columns=columns)
        assert max(len(line) for line in lines) <= columns

    def test_status_shows_a_table_whose_footer_counts_the_rows_shown(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        _, lines = run(capsys, monkeypatch, "--status", "overdue", columns=400)
        assert lines[-1] == (
            "15 results shown with status overdue (15 overdue), of 1,135 results as of 2026-11-25."
        )
        assert len(lines) == 2 + 15 + 2

    def test_values_are_neutralised(self) -> None:
        caseload = example_caseload()
        report = evaluate_caseload(caseload, date(2026, 11, 25), protocol=BUNDLED_PROTOCOLS)
        forged = tuple(
            attrs.evolve(r, case_id="C-1\x1b[2J\u202e") if r.case_id == "C-0001" else r
            for r in report.results
        )
        lines = first_screen(
            attrs.evolve(report, results=forged), protocols=BUNDLED_PROTOCOLS,
            calendar=WorkingCalendar.england(), style=Style(width=200),
        )  # fmt: skip
        text = "\n".join(lines)
        assert "C-1\\x1b[2J\\u202e" in text
        assert "\x1b" not in text
        assert "\u202e" not in text


class TestColour:
    def test_none_when_piped(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        _, lines = run(capsys, monkeypatch)
        assert not any("\x1b" in line for line in lines)

    def test_on_a_terminal_unless_no_color(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(sys, "stdout", _TTY())
        monkeypatch.delenv("NO_COLOR", raising=False)
        assert cli_module._style().colour
        monkeypatch.setenv("NO_COLOR", "1")
        assert not cli_module._style().colour

    def test_always_colours_and_the_words_stay(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        _, lines = run(capsys, monkeypatch, "--color", "always")
        assert any("\x1b[1;31m" in line for line in lines)
        plain = [ANSI.sub("", line) for line in lines]
        assert "Overdue: 15, longest overdue first" in plain
        assert max(len(line) for line in plain) <= 100


class TestMachineFormatsAreUnchanged:
    def test_json_counts_keep_the_declaration_order(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        _, lines = run(capsys, monkeypatch, "--format", "json")
        doc = json.loads("\n".join(lines))
        # (``refused``: the cases the evaluation could not evaluate, always present)
        assert list(doc) == ["schema_version", "library_version", "protocols", "calendar",
                             "as_of", "counts", "results", "refused"]  # fmt: skip
        assert list(doc["counts"]) == [
            "met", "met-late", "due", "overdue", "not-applicable", "no-timescale",
            "good-practice-missed", "not-followed",
        ]  # fmt: skip
        assert len(doc["results"]) == 1135


class TestHelp:
    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        from care_justice_protocol import __version__

        with pytest.raises(SystemExit) as exit_:
            main(["--version"])
        assert exit_.value.code == 0
        assert capsys.readouterr().out == f"cjp {__version__}\n"

    def test_every_option_of_every_command_is_described_with_an_example(self) -> None:
        import argparse

        parser = cli_module._parser()
        [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        seen = []
        pending = list(sub.choices.items())
        while pending:
            name, command = pending.pop()
            seen.append(name)
            assert command.epilog, name
            assert command.epilog.startswith("example:\n  cjp "), name
            for action in command._actions:
                if isinstance(action, argparse._SubParsersAction):
                    pending += [(f"{name} {k}", v) for k, v in action.choices.items()]
                elif not isinstance(action, argparse._HelpAction):
                    assert action.help, (name, action.dest)
        assert {"check", "report", "explain", "protocol lint"} <= set(seen)


class TestProgress:
    def test_a_live_count_on_a_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import argparse

        clock = iter([0.0, 0.8, 1.0, 1.5, 2.0])  # start, then one tick per call
        monkeypatch.setattr(cli_module.time, "monotonic", lambda: next(clock))
        err = _TTY()
        monkeypatch.setattr(sys, "stderr", err)
        progress = cli_module._Progress.for_args(argparse.Namespace(quiet=False), "loading",
                                                 "cases")  # fmt: skip
        assert progress is not None
        progress.note("reading 49.4 MB")
        progress(256, 1000)  # at 0.8 s, after parsing: the count starts here
        progress(512, 1000)  # 256 more in 0.2 s: 1,280/s, 488 left: about 0 s
        progress(768, 1000)  # at 1.5 s
        progress(1000, 1000)
        progress.close()
        shown = err.getvalue()
        assert "loading: reading 49.4 MB" in shown
        assert "loading: 256 of 1,000 cases" in shown
        assert "loading: 512 of 1,000 cases (1,280/s), about 0 s left" in shown
        assert "loading: 1,000 of 1,000 cases (620/s) in 2.0 s" in shown  # 744 in 1.2 s
        assert shown.endswith("\r")  # the line is cleared for what follows

    def test_silent_when_quiet_or_not_a_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import argparse

        monkeypatch.setattr(sys, "stderr", _TTY())
        assert cli_module._Progress.for_args(argparse.Namespace(quiet=True), "x", "y") is None
        monkeypatch.setattr(sys, "stderr", io.StringIO())
        assert cli_module._Progress.for_args(argparse.Namespace(quiet=False), "x", "y") is None

    # the example's C-0015 names CRC after 2021 (a known finding, warned at load)
    @pytest.mark.filterwarnings("ignore::care_justice_protocol.CareJusticeWarning")
    def test_load_and_evaluate_report_their_counts_and_give_the_same_results(self) -> None:
        caseload = example_caseload()
        text = dumps_caseload(caseload)
        seen: list[tuple[int, int]] = []
        loaded = load_caseload(text, progress=lambda done, total: seen.append((done, total)))
        assert loaded == load_caseload(text)
        assert seen[-1] == (30, 30)
        calls: list[tuple[int, int]] = []
        day = date(2026, 11, 25)
        with_progress = evaluate_caseload(loaded, day, protocol=BUNDLED_PROTOCOLS,
                                          progress=lambda d, t: calls.append((d, t)))  # fmt: skip
        assert with_progress == evaluate_caseload(loaded, day, protocol=BUNDLED_PROTOCOLS)
        assert calls == [(30, 30)]

    @pytest.mark.filterwarnings("ignore::care_justice_protocol.CareJusticeWarning")
    def test_a_bad_document_read_with_progress_lists_its_problems_as_without(self) -> None:
        from care_justice_protocol import ValidationError

        doc = json.loads(dumps_caseload(example_caseload()))
        doc["cases"][1]["case_id"] = doc["cases"][0]["case_id"]
        text = json.dumps(doc)
        with pytest.raises(ValidationError) as plain:
            load_caseload(text)
        with pytest.raises(ValidationError) as counted:
            load_caseload(text, progress=lambda d, t: None)
        assert counted.value.errors == plain.value.errors


class TestReportCommand:
    def test_writes_the_pack_and_says_so(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        out = tmp_path / "pack.html"
        code = main(["report", "--as-of", AS_OF, "--period", "2026Q4", "--output", str(out)])
        assert code == 0
        assert capsys.readouterr().out == (
            f"wrote {out} (2026-Q4, as of 2026-11-25: 15 overdue, 20 due)\n"
        )
        page = out.read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>")
        assert not list(tmp_path.glob(".*tmp"))  # the temporary file is gone

    @pytest.mark.parametrize("period", ["2026Q5", "26Q4", "2026-4", "Q4"])
    def test_a_bad_period_exits_2(self, capsys: pytest.CaptureFixture[str], period: str) -> None:
        code = main(["report", "--as-of", AS_OF, "--period", period, "--output", "x.html"])
        assert code == 2
        assert "not a quarter (YYYYQN, e.g. 2026Q4)" in capsys.readouterr().err

    def test_an_unwritable_output_is_an_output_failure(
        self, capsys: pytest.CaptureFixture[str], tmp_path: Path
    ) -> None:
        target = tmp_path / "no" / "such" / "pack.html"
        code = main(["report", "--as-of", AS_OF, "--output", str(target)])
        assert code == 3
        assert capsys.readouterr().err.startswith("cjp: error: cannot write ")
