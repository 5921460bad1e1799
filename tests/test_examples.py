"""Every script in examples/ runs, and prints the hand-checked lines it promises.

Scripts are found by glob, so a new example is run as soon as it is added. A script with
an entry in ``EXPECTED`` must also print each of those lines exactly (dates checked by
hand against a calendar: England & Wales bank holidays, day 1 being the first working
day after the trigger); any other script must exit 0.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))

#: Lines each script must print, verbatim.
EXPECTED: dict[str, list[str]] = {
    "deadlines_over_christmas.py": [
        # Tue 1 Dec .. Tue 22 Dec: no bank holiday in between.
        "Tue 01 Dec -> Tue 22 Dec 2026",
        # Fri 18 Dec: skips 25 Dec, 28 Dec (Boxing Day observed) and 1 Jan.
        "Fri 18 Dec -> Wed 13 Jan 2027  (Christmas Day, Boxing Day (observed), New Year's Day)",
        # A weekend allocation counts from the next working day, like the Friday before.
        "Sun 20 Dec -> Wed 13 Jan 2027  (Christmas Day, Boxing Day (observed), New Year's Day)",
        "Thu 31 Dec -> Fri 22 Jan 2027  (New Year's Day)",
    ],
    "eldbury_protocol.py": [
        "eldbury: 5 obligations, ladder eldbury-disagreements",
        # the Trust ended on 31 Mar 2025; its reply of 2 Apr counts for nothing
        (
            "warning: cs-trust ceased to exist on 2025-03-31: an event on 2025-04-02 names "
            "it @ $.cases[1].events[6].from_service (case 'E-002')"
        ),
        "the protocol alone:",
        # checked Thu 18 Dec 2025 + 10 working days over Christmas: Tue 6 Jan 2026; met Wed 7
        "  E-001 eldbury/2.2/meet-within-10-working-days: met-late (due 2026-01-06)",
        "  E-001 eldbury/2.3/tell-the-child-who-their-workers-are: met (no timescale)",
        # checked Thu 18 Dec 2025 + 3 months; the next slot falls after the order ended
        "  E-001 eldbury/4.1/joint-plan-review-every-3-months: met (due 2026-03-18)",
        # referral Thu 27 Mar 2025 + 3 working days: Tue 1 Apr; told Thu 3 Apr
        "  E-002 eldbury/3.1/decision-within-3-working-days: met-late (due 2025-04-01)",
        "  E-004 eldbury/2.1/check-csc-within-2-working-days: due (due 2026-07-01)",
        "with the local variant:",
        # Wed 24 Dec 2025 closed locally: one day later, Wed 7 Jan 2026
        "  E-001 eldbury/2.2/meet-within-10-working-days: met (due 2026-01-07)",
        # the meeting Wed 7 Jan + 5 local working days: Wed 14 Jan
        "  E-001 eldbury/2.3/tell-the-child-who-their-workers-are: met (due 2026-01-14)",
        (
            "E-001 D-2: at the Head of Youth Justice and the Head of Children's Social Care "
            "since 2026-06-16 (eldbury 5.3); no timescale in protocol"
        ),
        # at the heads of service since Tue 16 Jun 2026 + 10 local working days: Tue 30 Jun
        (
            "E-001 D-2: at the Head of Youth Justice and the Head of Children's Social Care "
            "since 2026-06-16 (eldbury 5.3); due 2026-06-30 — overdue"
        ),
    ],
    "integration_round_trip.py": [
        "loaded 2 cases, 5 events",
        # Allocated Mon 23 Nov 2026, met Thu 10 Dec: due Mon 14 Dec, met.
        "  C-0001 3.14.12/2/meet-within-15-working-days: met, due 2026-12-14",
        # Allocated Fri 18 Dec 2026, no meeting: due Wed 13 Jan, overdue on Fri 15 Jan.
        "  C-0002 3.14.12/2/meet-within-15-working-days: overdue, due 2027-01-13",
        "results round trip: 70 results read back equal: True",
        # the two cases and the five events (every one started or met a result)
        "filed against 7 source records",
        # the meeting of Thu 10 Dec met C-0001's; the allocation of Fri 18 Dec started
        # C-0002's, overdue since Wed 13 Jan
        "  CMS-STEP-5003: 3.14.12/2/meet-within-15-working-days met",
        "  CMS-STEP-6001: 3.14.12/2/meet-within-15-working-days overdue",
        "bad export refused: 4 problems",
        (
            "  - not a valid date (day is out of range for month)"
            " @ $.cases[0].young_person.date_of_birth"
        ),
        (
            "  - expected a boolean (true or false), got string 'no'"
            " @ $.cases[0].young_person.has_icta"
        ),
    ],
    "what_if_scenario.py": [
        "as recorded                          due Wed 13 Jan 2027  met Wed 13 Jan 2027 met",
        "meeting a day later                  due Wed 13 Jan 2027  met Thu 14 Jan 2027 met-late",
        "meeting a day later, 24 Dec closed   due Thu 14 Jan 2027  met Thu 14 Jan 2027 met",
        "allocated Mon 23 Nov 2026            due Mon 14 Dec 2026  met Wed 13 Jan 2027 met-late",
        "allocated Mon 04 Jan 2027            due Mon 25 Jan 2027  met Wed 13 Jan 2027 met",
        "no meeting, as of Wed 13 Jan 2027: due",
        "no meeting, as of Thu 14 Jan 2027: overdue",
    ],
}


def _run(script: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(script)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
class TestEveryExample:
    def test_runs_to_completion_and_prints_its_hand_checked_lines(self, script: Path) -> None:
        done = _run(script)
        assert done.returncode == 0, f"{script.name} failed:\n{done.stdout}\n{done.stderr}"
        printed = done.stdout.splitlines()
        missing = [line for line in EXPECTED.get(script.name, []) if line not in printed]
        assert missing == [], f"{script.name} did not print:\n" + "\n".join(missing)

    def test_does_not_read_the_clock(self, script: Path) -> None:
        source = script.read_text(encoding="utf-8")
        for call in ("date.today(", "datetime.now(", "datetime.today(", "time.time("):
            assert call not in source, f"{script.name} calls {call}...): results would vary"


class TestTheExamplesFolder:
    def test_holds_the_promised_scripts(self) -> None:
        names = {s.name for s in SCRIPTS}
        assert set(EXPECTED) <= names
        assert len(names) >= 3
