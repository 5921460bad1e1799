"""Brockfield, the second protocol written from the how-to alone (a shape Eldbury has not).

Children's social care (CSC) and the youth justice service (YJS) invite each other to their
meetings, the invited YJS worker attends, and the YJS tells CSC the outcome of every court
hearing within one working day and of a remand on the day. Weekdays and bank holidays
checked with Python's calendar (Christmas Day Thu 25 Dec 2025, Boxing Day Fri 26 Dec).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from care_justice_protocol import JointCase, Status, evaluate, load_case, read_protocol

PROTOCOL = read_protocol(Path(__file__).parent / "data" / "protocols" / "brockfield.toml")
INVITE_YJS = "brockfield/2.1/invite-yjs-to-csc-reviews"
INVITE_CSC = "brockfield/2.2/invite-csc-to-yjs-meetings"
ATTENDS = "brockfield/2.3/yjs-attends"
COURT = "brockfield/3.1/court-outcome-within-1-working-day"
REMAND = "brockfield/3.2/remand-on-the-day"


def case_of(*events: dict[str, Any]) -> JointCase:
    """A child open to both services (CSC from Mon 1 Sep 2025, the YJS from Mon 6 Oct)."""
    doc = {
        "schema_version": 1,
        "case_id": "B-1",
        "young_person": {"id": "YP-B1", "date_of_birth": "2010-03-03",
                         "care_status": "looked-after", "has_icta": False,
                         "legal_status": "remanded"},
        "events": [
            {"type": "allocated", "on": "2025-09-01", "service": "csc", "worker_id": "W-CSC-1"},
            {"type": "allocated", "on": "2025-10-06", "service": "yjs", "worker_id": "W-YJS-1"},
            *events,
        ],
    }  # fmt: skip
    for e in doc["events"]:
        e.setdefault("recorded_by", "W-1")
    return load_case(json.dumps(doc), protocols=[PROTOCOL])


def statuses(case: JointCase, oid: str, as_of: date = date(2026, 2, 2)) -> list[tuple[Any, ...]]:
    return [
        (r.status, r.due, r.met_on)
        for r in evaluate(case, as_of, protocol=[PROTOCOL])
        if r.obligation == oid
    ]


def meeting(on: str, kind: str, *services: str) -> dict[str, Any]:
    return {"type": "meeting-held", "on": on, "kind": kind, "services": list(services),
            "recorded": True}  # fmt: skip


def invitation(on: str, kind: str, frm: str, to: str) -> dict[str, Any]:
    return {"type": "invitation-sent", "on": on, "kind": kind, "from_service": frm,
            "to_service": to}  # fmt: skip


def told(on: str) -> dict[str, Any]:
    return {"type": "information-fed-in", "on": on, "from_service": "yjs", "to_service": "csc"}


class TestInvitationsBothWays:
    def test_each_service_invites_the_other_by_the_day_of_its_meeting(self) -> None:
        case = case_of(
            invitation("2025-10-20", "child-in-care-review", "csc", "yjs"),
            meeting("2025-10-27", "child-in-care-review", "csc", "yjs"),  # Mon
            meeting("2025-11-10", "referral-order-panel", "yjs"),  # Mon, no invitation
        )
        assert statuses(case, INVITE_YJS) == [(Status.MET, date(2025, 10, 27), date(2025, 10, 20))]
        assert statuses(case, INVITE_CSC) == [(Status.OVERDUE, date(2025, 11, 10), None)]
        assert statuses(case, ATTENDS) == [(Status.MET, date(2025, 10, 27), date(2025, 10, 27))]

    def test_an_invitation_for_another_kind_of_meeting_does_not_count(self) -> None:
        case = case_of(
            invitation("2025-10-20", "child-protection-conference", "csc", "yjs"),
            meeting("2025-10-27", "child-in-care-review", "csc"),
        )
        assert statuses(case, INVITE_YJS) == [(Status.OVERDUE, date(2025, 10, 27), None)]
        # the YJS was not there
        assert statuses(case, ATTENDS) == [(Status.OVERDUE, date(2025, 10, 27), None)]

    def test_a_meeting_before_the_yjs_had_the_child_owes_it_no_invitation(self) -> None:
        case = case_of(meeting("2025-09-29", "child-in-care-review", "csc"))  # before 6 Oct
        ((status, _, _),) = statuses(case, INVITE_YJS)
        assert status is Status.NOT_APPLICABLE


class TestCourtOutcomeWithinOneWorkingDay:
    @pytest.mark.parametrize(
        ("hearing", "told_on", "due", "status"),
        [
            # Fri 19 Dec 2025: day 1 is Mon 22 Dec
            ("2025-12-19", "2025-12-22", date(2025, 12, 22), Status.MET),
            ("2025-12-19", "2025-12-23", date(2025, 12, 22), Status.MET_LATE),
            # Wed 24 Dec: Thu 25 and Fri 26 are bank holidays, then the weekend: Mon 29 Dec
            ("2025-12-24", "2025-12-29", date(2025, 12, 29), Status.MET),
            ("2025-12-24", "2025-12-30", date(2025, 12, 29), Status.MET_LATE),
            # told on the day of the hearing itself: on time
            ("2025-12-24", "2025-12-24", date(2025, 12, 29), Status.MET),
        ],
    )
    def test_the_day_after_is_the_first_working_day_after(
        self, hearing: str, told_on: str, due: date, status: Status
    ) -> None:
        case = case_of(
            {"type": "court-hearing", "on": hearing, "is_sentencing": False}, told(told_on)
        )
        assert statuses(case, COURT) == [(status, due, date.fromisoformat(told_on))]

    def test_each_hearing_is_told_and_a_remand_on_its_day(self) -> None:
        case = case_of(
            {"type": "court-hearing", "on": "2025-12-19", "is_sentencing": False},
            told("2025-12-22"),
            {"type": "remanded", "on": "2026-01-09"},  # Fri
            {"type": "court-hearing", "on": "2026-01-09", "is_sentencing": False},
        )
        # the second hearing, Fri 9 Jan 2026, due Mon 12 Jan: nothing told since
        assert statuses(case, COURT)[1] == (Status.OVERDUE, date(2026, 1, 12), None)
        assert statuses(case, REMAND) == [(Status.OVERDUE, date(2026, 1, 9), None)]
