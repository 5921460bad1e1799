"""The how-to's invented council, Eldbury: its files in examples/eldbury/, run from ``cjp``.

``examples/eldbury_protocol.py`` does the same from Python (``tests/test_examples.py``
checks its lines). Every expected date is worked out by hand below, day 1 being the first
working day after the trigger; weekdays and bank holidays checked with Python's calendar
(Christmas Day Thu 25 Dec 2025, Boxing Day Fri 26 Dec, New Year's Day Thu 1 Jan 2026).
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from care_justice_protocol import read_protocol
from care_justice_protocol.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "eldbury"
PROTOCOL = EXAMPLE / "eldbury.toml"
CASELOAD = EXAMPLE / "caseload.json"
LOCAL = EXAMPLE / "local.json"
CHECK = "eldbury/2.1/check-csc-within-2-working-days"
MEET = "eldbury/2.2/meet-within-10-working-days"
TELL = "eldbury/2.3/tell-the-child-who-their-workers-are"
DECISION = "eldbury/3.1/decision-within-3-working-days"
REVIEW = "eldbury/4.1/joint-plan-review-every-3-months"

#: The results that apply, as of Wed 1 Jul 2026, with the protocol alone.
ALONE = {
    # allocated Tue 16 Dec 2025: Wed 17 (1), Thu 18 (2); checked Thu 18
    ("E-001", CHECK): ("met", "2025-12-18", "2025-12-18"),
    # checked Thu 18 Dec: Fri 19 (1), Mon 22, Tue 23, Wed 24 (4), [25, 26 Dec], Mon 29 (5),
    # Tue 30, Wed 31 (7), [1 Jan], Fri 2 (8), Mon 5 (9), Tue 6 Jan 2026 (10); met Wed 7
    ("E-001", MEET): ("met-late", "2026-01-06", "2026-01-07"),
    # no timescale in the protocol
    ("E-001", TELL): ("met", None, "2026-01-12"),
    # checked Thu 18 Dec 2025 + 3 months: Wed 18 Mar 2026; reviewed Tue 10 Mar. The next,
    # due Wed 10 Jun, would fall after the order ended (Mon 1 Jun): not owed, no result
    ("E-001", REVIEW): ("met", "2026-03-18", "2026-03-10"),
    # allocated Mon 17 Mar 2025: Tue 18 (1), Wed 19 (2); checked Mon 24
    ("E-002", CHECK): ("met-late", "2025-03-19", "2025-03-24"),
    # checked Mon 24 Mar 2025: Tue 25 ... Fri 28 (4), Mon 31 (5) ... Fri 4 Apr (9),
    # Mon 7 Apr (10); no meeting
    ("E-002", MEET): ("overdue", "2025-04-07", None),
    # referral Thu 27 Mar 2025: Fri 28 (1), Mon 31 (2), Tue 1 Apr (3). The Trust's reply of
    # Wed 2 Apr names a service that ended on 31 Mar and counts for nothing; Children's
    # Social Care's of Thu 3 Apr is late
    ("E-002", DECISION): ("met-late", "2025-04-01", "2025-04-03"),
    # checked Mon 24 Mar 2025 + 3 months: Tue 24 Jun 2025, before the order ended
    # (Tue 30 Sep 2025): still owed
    ("E-002", REVIEW): ("overdue", "2025-06-24", None),
    # allocated Mon 2 Feb 2026: Tue 3 (1), Wed 4 (2); checked Tue 3, not open to CSC
    ("E-003", CHECK): ("met", "2026-02-04", "2026-02-03"),
    # allocated Mon 29 Jun 2026: Tue 30 (1), Wed 1 Jul (2): due on the day asked
    ("E-004", CHECK): ("due", "2026-07-01", None),
}
#: With examples/eldbury/local.json: Wed 24 Dec 2025 closed, 5 working days for 2.3.
WITH_LOCAL = {
    **ALONE,
    # Fri 19 (1), Mon 22, Tue 23 (3), [24 closed, 25, 26], Mon 29 (4) ... Wed 31 (6),
    # [1 Jan], Fri 2 (7), Mon 5 (8), Tue 6 (9), Wed 7 Jan 2026 (10): the meeting is on time
    ("E-001", MEET): ("met", "2026-01-07", "2026-01-07"),
    # meeting Wed 7 Jan: Thu 8 (1), Fri 9, Mon 12 (3), Tue 13, Wed 14 Jan (5); told Mon 12
    ("E-001", TELL): ("met", "2026-01-14", "2026-01-12"),
}


Found = dict[tuple[str, str], tuple[str, str | None, str | None]]


def check(capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[Found, str]:
    args = ["check", str(CASELOAD), "--protocol-file", str(PROTOCOL), "--as-of", "2026-07-01",
            "--format", "json", *extra]  # fmt: skip
    assert main(args) == 0
    out = capsys.readouterr()
    found = {
        (r["case_id"], r["obligation"]): (r["status"], r["due"], r["met_on"])
        for r in json.loads(out.out)["results"]
        if r["status"] != "not-applicable"
    }
    return found, out.err


class TestFromCjp:
    def test_the_file_lints(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["protocol", "lint", str(PROTOCOL)]) == 0
        assert capsys.readouterr().out == (
            f"{PROTOCOL}: ok: protocol eldbury, 1 version (2024), 5 obligations, "
            "0 partnership obligations, 1 ladder, 0 complaint routes\n"
        )

    def test_the_protocol_alone(self, capsys: pytest.CaptureFixture[str]) -> None:
        found, err = check(capsys)
        assert found == ALONE
        assert err == (
            "cjp: warning: cs-trust ceased to exist on 2025-03-31: an event on 2025-04-02 "
            "names it @ $.cases[1].events[6].from_service (case 'E-002')\n"
        )

    def test_with_the_local_variant(self, capsys: pytest.CaptureFixture[str]) -> None:
        found, _ = check(capsys, "--local", str(LOCAL))
        assert found == WITH_LOCAL

    def test_the_open_disagreement_has_a_timescale_only_locally(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        args = ["explain", "E-001", str(CASELOAD), "--protocol-file", str(PROTOCOL),
                "--as-of", "2026-07-01"]  # fmt: skip
        assert main(args) == 0
        line = (
            "  disagreement D-2 (eldbury): at the Head of Youth Justice and the Head of "
            "Children's Social Care since 2026-06-16 (eldbury 5.3); "
        )
        assert f"{line}no timescale in protocol\n" in capsys.readouterr().out
        assert main([*args, "--local", str(LOCAL)]) == 0
        # at the heads of service since Tue 16 Jun 2026: 10 local working days, Wed 17 (1)
        # ... Fri 19 (3), Mon 22 ... Fri 26 (8), Mon 29 (9), Tue 30 Jun (10): overdue on 1 Jul
        assert f"{line}due 2026-06-30 — overdue\n" in capsys.readouterr().out

    def test_without_the_file_the_caseload_is_refused(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["check", str(CASELOAD), "--as-of", "2026-07-01"]) == 2
        err = capsys.readouterr().err
        # the file, the count, every problem one a line (up to the bound), what to do
        lines = err.splitlines()
        assert lines[0] == f"cjp: error: invalid caseload {CASELOAD}: 41 problems"
        # (the value typed is described, never quoted: an enum field may hold a name)
        assert lines[1] == (
            "  - a string of 3 characters is not a valid service; expected one of "
            "'next-step', 'yos', 'nps', 'crc', 'probation-service' @ "
            "$.cases[0].events[1].attended_by[0]"
        )
        assert len(lines) == 1 + 41 + 1
        assert lines[-1].startswith(
            "it names services, roles, meeting kinds or event types the protocols used "
            "(3.14.12, 3.14.13) do not declare: give the protocol that declares them with "
        )


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class TestTheFile:
    def test_every_quotation_is_the_council_s_own_words(self) -> None:
        source = _normalised((EXAMPLE / "protocol-text.txt").read_text(encoding="utf-8"))
        protocol = read_protocol(PROTOCOL)
        quoted = [ob.text for ob in protocol.obligations]
        quoted += [n.text for n in protocol.not_encoded]
        quoted += [rung.quote for ladder in protocol.ladders for rung in ladder.rungs]
        for text in quoted:
            assert _normalised(text) in source, text

    def test_the_trust_ended_and_its_successor_took_over(self) -> None:
        protocol = read_protocol(PROTOCOL)
        trust = protocol.vocabulary.services["cs-trust"]
        assert (trust.period.end, trust.successor) == (date(2025, 3, 31), "csc")
        assert protocol.members_on("childrens-social-care", date(2025, 3, 31)) == ("cs-trust",)
        assert protocol.members_on("childrens-social-care", date(2025, 4, 1)) == ("csc",)
