"""The ``cjp`` command, run as a user would: in a subprocess."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
CASELOAD = DATA / "caseload.json"
#: Every field of an ObligationResult, in order: the CSV header whatever the results.
CSV_COLUMNS = ["case_id", "obligation", "clause", "status", "due", "trigger", "met_on",
               "evidence", "explanation", "rule", "policy", "period"]  # fmt: skip


def cjp(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "care_justice_protocol", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=120,
        check=False,
    )


class TestCheck:
    def test_json_output_has_results_with_the_documented_keys(self) -> None:
        out = cjp("check", str(CASELOAD), "--as-of", "2026-11-25", "--format", "json")
        assert out.returncode == 0, out.stderr
        doc = json.loads(out.stdout)
        assert doc["as_of"] == "2026-11-25"
        assert doc["results"]
        for item in doc["results"]:
            assert {"case_id", "obligation", "status", "due", "explanation"} <= item.keys()
            assert item["due"] is None or date.fromisoformat(item["due"])
        meeting = next(
            r for r in doc["results"]
            if r["case_id"] == "C-0001"
            and r["obligation"] == "3.14.12/2/meet-within-15-working-days"
        )  # fmt: skip
        # allocated by YOS on Mon 2026-11-23: 15 working days -> Mon 2026-12-14
        assert meeting["status"] == "due"
        assert meeting["due"] == "2026-12-14"
        assert meeting["clause"] == "3.14.12 §2"
        assert "Mon-Fri less England & Wales bank holidays" in meeting["policy"]

    def test_table_is_the_default_and_ends_with_a_summary(self) -> None:
        out = cjp("check", str(CASELOAD), "--as-of", "2026-11-25")
        assert out.returncode == 0
        lines = out.stdout.splitlines()
        assert lines[0].split()[:4] == ["case", "obligation", "status", "due"]
        assert lines[-1].startswith(f"{len(lines) - 4} results as of 2026-11-25:")

    def test_csv_output_parses_with_a_header(self) -> None:
        out = cjp("check", str(CASELOAD), "--as-of", "2026-11-25", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out.stdout)))
        assert rows
        assert list(rows[0]) == CSV_COLUMNS
        meeting = next(
            r for r in rows
            if r["case_id"] == "C-0001"
            and r["obligation"] == "3.14.12/2/meet-within-15-working-days"
        )  # fmt: skip
        # allocated by YOS on Mon 2026-11-23: 15 working days -> Mon 2026-12-14
        assert (meeting["status"], meeting["due"], meeting["clause"]) == (
            "due",
            "2026-12-14",
            "3.14.12 §2",
        )

    def test_csv_header_of_an_empty_caseload_is_the_full_header(self, tmp_path: Path) -> None:
        path = tmp_path / "empty.json"
        path.write_text(json.dumps({"schema_version": 1, "cases": []}))
        out = cjp("check", str(path), "--as-of", "2026-11-25", "--format", "csv")
        assert out.returncode == 0, out.stderr
        # no cases, so no results: the output is the header line alone
        assert out.stdout == ",".join(CSV_COLUMNS) + "\n"

    def test_csv_header_with_every_result_filtered_out_is_the_full_header(self) -> None:
        out = cjp("check", str(CASELOAD), "--as-of", "2026-11-25", "--format", "csv",
                  "--protocol", "3.14.12", "--status", "met-late")  # fmt: skip
        assert out.returncode == 0, out.stderr
        # the example has no 3.14.12 result met late: the header line alone
        assert out.stdout == ",".join(CSV_COLUMNS) + "\n"

    def test_fail_on_overdue_exits_1_when_something_is_overdue(self) -> None:
        out = cjp("check", str(CASELOAD), "--as-of", "2026-11-25", "--fail-on", "overdue")
        assert out.returncode == 1

    def test_fail_on_exits_0_when_no_result_has_that_status(self, tmp_path: Path) -> None:
        doc = {"schema_version": 1, "cases": []}
        path = tmp_path / "empty.json"
        path.write_text(json.dumps(doc))
        out = cjp("check", str(path), "--as-of", "2026-11-25", "--fail-on", "overdue")
        assert out.returncode == 0, out.stderr

    def test_the_bundled_example_is_used_without_a_file(self) -> None:
        out = cjp("check", "--as-of", "2026-11-25", "--format", "json")
        assert out.returncode == 0, out.stderr
        statuses = {r["status"] for r in json.loads(out.stdout)["results"]}
        assert statuses == {"met", "met-late", "due", "overdue", "not-applicable", "no-timescale"}

    def test_status_filter_keeps_only_that_status(self) -> None:
        out = cjp("check", str(CASELOAD), "--as-of", "2026-11-25", "--format", "json",
                  "--status", "overdue")  # fmt: skip
        assert {r["status"] for r in json.loads(out.stdout)["results"]} == {"overdue"}

    def test_the_input_file_is_never_written(self, tmp_path: Path) -> None:
        path = tmp_path / "caseload.json"
        path.write_bytes(CASELOAD.read_bytes())
        before = path.stat().st_mtime_ns, path.read_bytes()
        cjp("check", str(path), "--as-of", "2026-11-25")
        assert (path.stat().st_mtime_ns, path.read_bytes()) == before

    def test_a_local_variant_gives_a_timescale_and_overdue_follows(self, tmp_path: Path) -> None:
        local = tmp_path / "local.json"
        local.write_text(json.dumps({
            "schema_version": 1,
            "timescales": {"3.14.12/3/pathway-plan-copy-to-yos": 5},
        }))  # fmt: skip
        out = cjp("check", str(CASELOAD), "--as-of", "2026-11-25", "--format", "json",
                  "--local", str(local))  # fmt: skip
        assert out.returncode == 0, out.stderr
        results = json.loads(out.stdout)["results"]
        [r] = [
            r for r in results
            if r["case_id"] == "C-0001" and r["obligation"].endswith("pathway-plan-copy-to-yos")
        ]  # fmt: skip
        # joint case confirmed Mon 2026-11-23; 5 working days -> Mon 2026-11-30: still due
        assert (r["status"], r["due"]) == ("due", "2026-11-30")
        assert r["rule"].startswith("local timescale: 5 working days")


class TestBadInput:
    @pytest.mark.parametrize(
        ("args", "needle"),
        [
            (["check", "/no/such/file.json"], "no such file"),
            (["check", "--as-of", "2026-02-30"], "not a date"),
            (["check", "--as-of", "2026-11-25T10:00"], "not a date"),
            (["check", "--format", "xml"], "invalid choice"),
            (["explain", "NO-SUCH-CASE"], "NO-SUCH-CASE"),
            (["frobnicate"], "invalid choice"),
            ([], "required"),
        ],
    )
    def test_exits_2_with_one_line_and_no_traceback(self, args: list[str], needle: str) -> None:
        out = cjp(*args)
        assert out.returncode == 2
        assert "Traceback" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1
        assert needle in out.stderr

    @pytest.mark.parametrize(
        "content",
        [b"", b"{", b"[]", b'{"schema_version": 1, "cases": "x"}', b"\xff\xfe\x00",
         b'{"schema_version": 99, "cases": []}'],
    )  # fmt: skip
    def test_malformed_caseloads_exit_2(self, tmp_path: Path, content: bytes) -> None:
        path = tmp_path / "bad.json"
        path.write_bytes(content)
        out = cjp("check", str(path), "--as-of", "2026-11-25")
        assert out.returncode == 2
        assert "Traceback" not in out.stderr
        assert out.stderr.startswith("cjp: error: invalid")

    def test_a_bad_local_variant_exits_2_naming_the_path(self, tmp_path: Path) -> None:
        local = tmp_path / "local.json"
        # (a local timescale may now replace a protocol's own: an unknown id is still bad)
        local.write_text('{"timescales": {"3.14.12/2/meet-within-15-workin-days": 3}}')
        out = cjp("check", str(CASELOAD), "--local", str(local), "--as-of", "2026-11-25")
        assert out.returncode == 2
        assert "$.timescales" in out.stderr


class TestOtherCommands:
    def test_deadlines_over_christmas(self) -> None:
        out = cjp("deadlines", "--allocated", "2026-12-18", "--allocated", "2020-04-30")
        assert out.returncode == 0
        assert "allocated Fri 18 Dec 2026 -> meet by Wed 13 Jan 2027" in out.stdout
        assert "2026-12-28 Boxing Day (observed)" in out.stdout
        assert "allocated Thu 30 Apr 2020 -> meet by Fri 22 May 2020" in out.stdout

    def test_explain_shows_state_and_obligations_with_clauses(self) -> None:
        out = cjp("explain", "C-0001", str(CASELOAD), "--as-of", "2026-11-25")
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith("case C-0001 (young person ")
        assert "lifecycle:" in out.stdout
        assert "[due] 3.14.12/2/meet-within-15-working-days (3.14.12 §2)" in out.stdout

    def test_machines_prints_a_mermaid_diagram_per_registered_machine_in_order(self) -> None:
        out = cjp("machines", "--mermaid")
        assert out.returncode == 0
        assert out.stdout.count("```mermaid") == 5
        assert out.stdout.count("stateDiagram-v2") == 5
        headings = [line for line in out.stdout.splitlines() if line.startswith("## ")]
        assert headings == [
            "## joint-case-lifecycle",
            "## justice-pathway",
            "## yos-next-steps-disputes",
            "## probation-next-step-disagreements",
            "## complaint-path",
        ]

    def test_machines_table_gives_each_machine_its_transition_table(self) -> None:
        out = cjp("machines", "--table")
        assert out.returncode == 0
        lines = out.stdout.splitlines()
        assert lines.count("| From | Event | Guard | To | Clause | Note |") == 5
        # the complaint path has one transition, so its table is header, rule and one row
        at = lines.index("## complaint-path")
        assert lines[at + 4].startswith(
            "| `no-complaint` | `complaint-made` | — | `agency-complaints-procedure` |"
        )

    def test_schema_is_json_schema(self) -> None:
        out = cjp("schema")
        doc = json.loads(out.stdout)
        assert doc["$schema"].endswith("2020-12/schema")

    def test_python_dash_m_and_the_cjp_script_agree(self) -> None:
        script = Path(sys.executable).with_name("cjp")
        if not script.exists():
            pytest.skip("cjp script not installed next to this interpreter")
        a = subprocess.run([str(script), "deadlines", "--allocated", "2026-11-23"],
                           capture_output=True, text=True, check=False)  # fmt: skip
        b = cjp("deadlines", "--allocated", "2026-11-23")
        assert a.stdout == b.stdout
        assert "meet by Mon 14 Dec 2026" in a.stdout
