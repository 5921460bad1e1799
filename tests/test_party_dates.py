"""Parties outside their dates of existence (issue "Right to the letter", item 4).

Salford's vocabulary (salford-3.14.13.toml): NPS and CRC existed up to and including
2021-06-25; the Probation Service from 2021-06-26 (probation unification).
"""

from __future__ import annotations

import copy
import json
import warnings
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import pytest

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    PROTOCOL_3_14_13,
    CareJusticeWarning,
    ValidationError,
    evaluate,
    example_caseload,
    load_case,
    load_caseload,
)
from care_justice_protocol.io._existence import check_caseload
from care_justice_protocol.io._files import read_case, read_caseload

DATA = Path(__file__).parent / "data"


def _event(tag: str, on: str, **fields: Any) -> dict[str, Any]:
    return {"type": tag, "on": on, "recorded_by": "S-NS-1", **fields}


def _case(*events: dict[str, Any], case_id: str = "C-0001") -> dict[str, Any]:
    return {
        "case_id": case_id,
        "young_person": {
            "id": "YP-0001",
            "date_of_birth": "2003-01-15",
            "care_status": "former-relevant",
            "has_icta": False,
            "legal_status": "community-order",
        },
        "events": list(events),
    }


def _share(on: str, to: str) -> dict[str, Any]:
    return _event(
        "document-shared",
        on,
        document="risk-assessment",
        from_service="next-step",
        to_service=to,
        version=1,
    )


def _caseload(*cases: dict[str, Any]) -> dict[str, Any]:
    return {"schema_version": 1, "cases": list(cases)}


class TestLoadWarns:
    def test_a_share_to_crc_after_it_ceased_warns_with_the_path_and_case_id(self) -> None:
        # CRC ended 2021-06-25; 2021-07-01 is 6 days later.
        doc = _caseload(_case(), _case(_share("2021-07-01", "crc"), case_id="C-0002"))
        with pytest.warns(CareJusticeWarning) as caught:
            load_caseload(doc)
        expected = (
            "crc ceased to exist on 2021-06-25: an event on 2021-07-01 names it "
            "@ $.cases[1].events[0].to_service (case 'C-0002')"
        )
        # (only this library's warnings: a garbage-collected socket of another test may
        # warn during the call too)
        ours = [str(w.message) for w in caught if issubclass(w.category, CareJusticeWarning)]
        assert ours == [expected]

    def test_the_last_day_of_crc_gives_no_warning(self) -> None:
        # 2021-06-25 is CRC's last day (inclusive).
        with warnings.catch_warnings():
            warnings.simplefilter("error", CareJusticeWarning)
            load_caseload(_caseload(_case(_share("2021-06-25", "crc"))))

    def test_the_probation_service_on_its_first_day_gives_no_warning(self) -> None:
        # Positive control: the Probation Service began 2021-06-26.
        with warnings.catch_warnings():
            warnings.simplefilter("error", CareJusticeWarning)
            load_caseload(_caseload(_case(_share("2021-06-26", "probation-service"))))

    def test_the_probation_service_the_day_before_it_began_warns(self) -> None:
        pattern = (
            r"probation-service did not exist until 2021-06-26: "
            r"an event on 2021-06-25 names it @ \$\.cases\[0\]"
        )
        with pytest.warns(CareJusticeWarning, match=pattern):
            load_caseload(_caseload(_case(_share("2021-06-25", "probation-service"))))

    def test_a_list_of_services_names_the_position(self) -> None:
        meeting = _event(
            "meeting-held",
            "2022-01-10",
            kind="relevant-review",
            attendees=[],
            services=["next-step", "nps"],
            recorded=True,
        )
        with pytest.warns(CareJusticeWarning, match=r"@ \$\.events\[0\]\.services\[1\] "):
            load_case({"schema_version": 1, **_case(meeting)})

    def test_one_warning_per_event_and_field(self) -> None:
        doc = _caseload(_case(_share("2021-07-01", "crc"), _share("2022-03-01", "nps")))
        with pytest.warns(CareJusticeWarning) as caught:
            load_caseload(doc)
        assert len(caught) == 2

    def test_the_handover_from_nps_to_its_successor_on_unification_day_is_not_a_problem(
        self,
    ) -> None:
        transfer = _event(
            "case-transferred", "2021-06-26", from_service="nps", to_service="probation-service"
        )
        with warnings.catch_warnings():
            warnings.simplefilter("error", CareJusticeWarning)
            load_caseload(_caseload(_case(transfer)))

    def test_a_transfer_from_nps_a_day_later_warns(self) -> None:
        transfer = _event(
            "case-transferred", "2021-06-27", from_service="nps", to_service="probation-service"
        )
        with pytest.warns(CareJusticeWarning, match=r"from_service"):
            load_caseload(_caseload(_case(transfer)))

    def test_read_case_and_read_caseload_warn_too(self, tmp_path: Path) -> None:
        path = tmp_path / "c.json"
        path.write_text(json.dumps({"schema_version": 1, **_case(_share("2021-07-01", "crc"))}))
        with pytest.warns(CareJusticeWarning, match=r"@ \$\.events\[0\]\.to_service"):
            read_case(path)
        path.write_text(json.dumps(_caseload(_case(_share("2021-07-01", "crc")))))
        with pytest.warns(CareJusticeWarning, match=r"@ \$\.cases\[0\]"):
            read_caseload(path, protocols=PROTOCOL_3_14_13)

    def test_no_personal_data_in_the_message(self) -> None:
        doc = _caseload(_case(_share("2021-07-01", "crc")))
        with pytest.warns(CareJusticeWarning) as caught:
            load_caseload(doc)
        text = str(caught[0].message)
        assert "2003-01-15" not in text
        assert "YP-0001" not in text


class TestManagementMeetingsAndQualityAssurance:
    """The partnership records are checked too: a meeting's services and note-taker, a
    QA record's services."""

    MEETING: ClassVar[dict[str, Any]] = {
        "kind": "middle-management-quarterly",
        "on": "2022-01-10",
        "recorded": True,
        "services": ["next-step", "crc"],
        "notes_taken_by": "nps",
    }
    QA: ClassVar[dict[str, Any]] = {
        "on": "2019-02-01",
        "services": ["probation-service"],
        "findings_recorded": True,
        "feedback_given": True,
        "shared_with_heads_of_service": True,
    }

    def test_a_meeting_naming_crc_and_nps_in_2022_warns_for_each(self) -> None:
        doc = {**_caseload(), "management_meetings": [self.MEETING]}
        with pytest.warns(CareJusticeWarning) as caught:
            load_caseload(doc)
        ours = [str(w.message) for w in caught if issubclass(w.category, CareJusticeWarning)]
        # CRC and NPS ended on 2021-06-25; the meeting is on 2022-01-10.
        assert ours == [
            (
                "crc ceased to exist on 2021-06-25: an event on 2022-01-10 names it "
                "@ $.management_meetings[0].services[1]"
            ),
            (
                "nps ceased to exist on 2021-06-25: an event on 2022-01-10 names it "
                "@ $.management_meetings[0].notes_taken_by"
            ),
        ]

    def test_a_qa_record_naming_the_probation_service_before_it_began_is_refused_strictly(
        self,
    ) -> None:
        doc = {**_caseload(), "quality_assurance": [self.QA]}
        with pytest.raises(ValidationError) as info:
            load_caseload(doc, strict=True)
        assert info.value.errors == (
            (
                "probation-service did not exist until 2021-06-26: an event on 2019-02-01 "
                "names it @ $.quality_assurance[0].services[0]"
            ),
        )

    def test_a_meeting_within_the_dates_gives_none(self) -> None:
        meeting = {**self.MEETING, "on": "2021-06-25"}  # CRC's and NPS's last day
        doc = {**_caseload(), "management_meetings": [meeting]}
        with warnings.catch_warnings():
            warnings.simplefilter("error", CareJusticeWarning)
            load_caseload(doc)


class TestStrictMode:
    def test_strict_lists_every_one_with_its_path(self) -> None:
        doc = _caseload(
            _case(_share("2021-07-01", "crc")),
            _case(_share("2020-01-01", "probation-service"), case_id="C-0002"),
        )
        with pytest.raises(ValidationError) as info:
            load_caseload(doc, strict=True)
        first = (
            "crc ceased to exist on 2021-06-25: an event on 2021-07-01 names it "
            "@ $.cases[0].events[0].to_service (case 'C-0001')"
        )
        second = (
            "probation-service did not exist until 2021-06-26: an event on 2020-01-01 names it "
            "@ $.cases[1].events[0].to_service (case 'C-0002')"
        )
        assert info.value.errors == (first, second)

    def test_strict_single_case(self) -> None:
        with pytest.raises(ValidationError, match=r"@ \$\.events\[0\]\.to_service"):
            load_case({"schema_version": 1, **_case(_share("2021-07-01", "crc"))}, strict=True)

    def test_strict_accepts_a_document_with_none(self) -> None:
        case = load_caseload(_caseload(_case(_share("2021-06-26", "probation-service"))),
                             strict=True)  # fmt: skip
        assert len(case.cases) == 1


class TestExampleData:
    def _bundled_bytes(self) -> bytes:
        from importlib import resources

        data = resources.files("care_justice_protocol.io.data")
        return data.joinpath("example_caseload.json").read_bytes()

    def test_the_example_caseload_names_crc_once_after_it_ceased(self) -> None:
        # Deliberate in scripts/make_example_caseload.py (C-0015): "shared with CRC" in
        # August 2021 does not count, CRC having ceased on 25 June 2021. Loading the file
        # warns about it (expected); the transfers NPS/CRC -> Probation Service on
        # 2021-06-26 are handovers and are not reported.
        with pytest.warns(CareJusticeWarning) as caught:
            load_caseload(self._bundled_bytes())
        expected = (
            "crc ceased to exist on 2021-06-25: an event on 2021-08-02 names it "
            "@ $.cases[14].events[3].to_service (case 'C-0015')"
        )
        # (only this library's warnings: a garbage-collected socket of another test may
        # warn during the call too)
        ours = [str(w.message) for w in caught if issubclass(w.category, CareJusticeWarning)]
        assert ours == [expected]

    def test_example_caseload_does_not_repeat_the_known_warning(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("error", CareJusticeWarning)
            caseload = example_caseload()
        with pytest.raises(ValidationError, match=r"\(case 'C-0015'\)"):
            check_caseload(caseload, strict=True)

    def test_the_test_caseload_has_none(self) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("error", CareJusticeWarning)
            read_caseload(DATA / "caseload.json")
            read_caseload(DATA / "caseload.json", protocols=BUNDLED_PROTOCOLS)


class TestDefaultDates:
    def test_the_default_dates_are_the_bundled_protocols(self) -> None:
        # With no protocols, the model's SERVICE_PERIODS stand for the bundled files.
        from care_justice_protocol.io._existence import _model_periods, _periods

        assert _model_periods()[0] == _periods(tuple(BUNDLED_PROTOCOLS))[0]
        assert _model_periods()[2] == _periods(tuple(BUNDLED_PROTOCOLS))[2]


class TestExplanation:
    NOTE = "; an event on 2021-08-02 names crc, which did not exist then"

    def _c0015(self) -> dict[str, Any]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CareJusticeWarning)
            from care_justice_protocol import dump_case

            return dump_case(example_caseload().case("C-0015"))

    def _result(self, doc: dict[str, Any]) -> Any:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CareJusticeWarning)
            case = load_case(doc)
        results = evaluate(case, date(2027, 3, 31), protocol=PROTOCOL_3_14_13)
        return next(r for r in results if r.obligation == "3.14.13/2/risk-assessment-to-probation")

    def test_an_ignored_share_to_crc_is_named_in_the_explanation(self) -> None:
        result = self._result(self._c0015())
        assert result.status.value == "no-timescale"
        assert result.explanation.endswith(
            "no risk assessment from next-step to probation recorded" + self.NOTE
        )

    def test_the_same_share_to_the_probation_service_counts(self) -> None:
        # Positive control: to the Probation Service on 2021-08-02, the duty is met.
        doc = copy.deepcopy(self._c0015())
        for event in doc["events"]:
            if event.get("to_service") == "crc":
                event["to_service"] = "probation-service"
        result = self._result(doc)
        assert result.status.value == "met"
        assert result.met_on == date(2021, 8, 2)
        assert "did not exist" not in result.explanation

    def test_no_note_when_there_is_no_such_event(self) -> None:
        doc = copy.deepcopy(self._c0015())
        doc["events"] = [e for e in doc["events"] if e.get("to_service") != "crc"]
        result = self._result(doc)
        assert result.status.value == "no-timescale"
        assert "did not exist" not in result.explanation


class TestDeclaredEvents:
    RIVERSIDE = DATA / "protocols" / "riverside-transitions.toml"

    def _plan(self, on: str, service: str) -> dict[str, Any]:
        return _event(
            "transition-plan-agreed", on, by_service=service, stage="final", agreed_by=["S-1"]
        )

    def test_a_declared_service_field_is_checked_against_the_given_protocols_dates(
        self,
    ) -> None:
        # Riverside declares probation-service from 2021-06-26: 2021-06-25 is the day before.
        from care_justice_protocol import read_protocol

        riverside = read_protocol(self.RIVERSIDE)
        doc = _caseload(_case(self._plan("2021-06-25", "probation-service")))
        with pytest.raises(ValidationError) as info:
            load_caseload(doc, protocols=riverside, strict=True)
        assert info.value.errors == (
            (
                "probation-service did not exist until 2021-06-26: an event on 2021-06-25 "
                "names it @ $.cases[0].events[0].by_service (case 'C-0001')"
            ),
        )
        ok = _caseload(_case(self._plan("2021-06-26", "probation-service")))
        assert len(load_caseload(ok, protocols=riverside, strict=True).cases) == 1
