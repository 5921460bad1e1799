"""``external_ref``: a source system's reference on cases, events and staff, carried into
results, out of every message and out of pseudonymised copies."""

from __future__ import annotations

import csv
import io
import json
import secrets
import warnings
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from care_justice_protocol import (
    ALL_PROTOCOLS,
    BUNDLED_PROTOCOLS,
    EVENT_TYPES,
    EXTERNAL_REF_MAX_LENGTH,
    PROTOCOL_3_14_12,
    Allocated,
    CareStatus,
    CaseClosed,
    Caseload,
    CaseloadReport,
    CaseTransferred,
    Charged,
    Complainant,
    ComplaintMade,
    CourtHearing,
    CustodyLikely,
    DeclaredEvent,
    DisagreementEscalated,
    DisagreementRaised,
    DisagreementResolved,
    DocumentCopyGiven,
    DocumentKind,
    DocumentShared,
    DocumentSigned,
    IctaAdvised,
    InformationFedIn,
    InvalidArgumentError,
    InvitationSent,
    JointCase,
    LegalRepresentationArranged,
    LegalStatus,
    MeetingHeld,
    MeetingKind,
    ObligationResult,
    OrderEnded,
    OtherServiceChecked,
    PlanUpdated,
    Released,
    Remanded,
    ReportPrepared,
    ResponsibilityAccepted,
    Role,
    Sentenced,
    SentenceOutcome,
    Service,
    StaffMember,
    Status,
    ValidationError,
    YoungPerson,
    YoungPersonInformed,
    caseload_json_schema,
    dump_caseload,
    dump_results,
    dumps_caseload,
    dumps_results,
    evaluate,
    evaluate_caseload,
    example_caseload,
    load_caseload,
    load_results,
    results_json_schema,
)
from care_justice_protocol.cli import main
from care_justice_protocol.io._pseudonymise import pseudonymise
from care_justice_protocol.model import EXTERNAL_REF, FieldValueError, Meaning
from care_justice_protocol.protocols._vocabulary import FieldKind, core_event_fields, is_field_name
from care_justice_protocol.testing import cases
from tests.legacy_rules import P13R

KEY = bytes.fromhex("8f3a5c17e2b94d60a1c8f7e3920b4d5e6f718293a4b5c6d7e8f9011223344556")
YOS, NS, PS = Service.YOS, Service.NEXT_STEP, Service.PROBATION_SERVICE
MEET = "3.14.12/2/meet-within-15-working-days"
#: A reference that must never be shown: it is unlike anything else in a message.
SECRET = "LL-CASE-0731-SECRET"


def _person() -> YoungPerson:
    return YoungPerson("YP-1", date(2008, 1, 1), CareStatus.RELEVANT, False,
                       LegalStatus.CHARGED)  # fmt: skip


def _allocated_case(*, refs: bool = True) -> JointCase:
    """YOS allocates on Fri 2026-12-18 and YOS confirms the case is open to Next Steps the
    same day; the case workers meet on Mon 2027-01-11, before the 15th working day
    (Wed 2027-01-13: 21 Dec to 13 Jan less 25, 28 Dec and 1 Jan)."""
    day = date(2026, 12, 18)

    def ref(text: str) -> str | None:
        return text if refs else None

    return JointCase(
        "C-1", _person(),
        events=(
            Allocated(on=day, recorded_by="W-1", service=YOS, worker_id="W-1",
                      external_ref=ref("CV-ALLOC-1")),
            OtherServiceChecked(on=day, recorded_by="W-1", service=YOS, other_service=NS,
                                open_to_other=True, external_ref=ref("CV-CHECK-1")),
            MeetingHeld(on=date(2027, 1, 11), recorded_by="W-1",
                        kind=MeetingKind.CASE_WORKER_INFORMATION_SHARING, recorded=True,
                        services=(YOS, NS), external_ref=ref("CF-MEET-9")),
        ),
        staff=(StaffMember("W-1", Role.CASE_WORKER, YOS, external_ref=ref("CV-WORKER-4")),),
        external_ref=ref(SECRET),
    )  # fmt: skip


def _with_refs(caseload: Caseload) -> Caseload:
    """``caseload`` with a distinct reference on every case, event and staff member."""
    out = []
    for i, case in enumerate(caseload.cases):
        events = tuple(attrs.evolve(e, external_ref=f"REF-C{i}-E{j}")
                       for j, e in enumerate(case.events))  # fmt: skip
        staff = tuple(attrs.evolve(m, external_ref=f"REF-C{i}-S{j}")
                      for j, m in enumerate(case.staff))  # fmt: skip
        out.append(attrs.evolve(case, events=events, staff=staff, external_ref=f"REF-C{i}"))
    return attrs.evolve(caseload, cases=tuple(out))


def _strings(value: Any) -> list[str]:
    """Every string in a JSON document, keys included."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _refs_in(value: Any) -> list[Any]:
    """Every value held under an ``external_ref`` key, anywhere in a JSON document."""
    if isinstance(value, dict):
        here = [v for k, v in value.items() if k == "external_ref"]
        return here + [r for v in value.values() for r in _refs_in(v)]
    if isinstance(value, list):
        return [r for v in value for r in _refs_in(v)]
    return []


# --------------------------------------------------------------------------- the field


class TestTheField:
    def test_it_is_declared_as_a_constraint_on_cases_staff_and_every_event(self) -> None:
        holders = [JointCase, StaffMember, *EVENT_TYPES.values()]
        for cls in holders:
            field = attrs.fields_dict(cls)["external_ref"]
            assert field.default is None, cls
            assert field.metadata["care_justice_protocol.constraint"] is EXTERNAL_REF, cls
        assert EXTERNAL_REF.meaning is Meaning.EXTERNAL_REFERENCE
        assert EXTERNAL_REF.string_bounds() == (1, EXTERNAL_REF_MAX_LENGTH) == (1, 128)

    @pytest.mark.parametrize("cls", list(EVENT_TYPES.values()), ids=list(EVENT_TYPES))
    def test_every_event_type_takes_one_and_writes_it_back(self, cls: type) -> None:
        event = next(e for e in _every_event() if type(e) is cls)
        case = JointCase("C-1", _person(), events=(attrs.evolve(event, external_ref="X/1"),))
        written = dump_caseload(Caseload(cases=(case,)))["cases"][0]["events"][0]
        assert written["external_ref"] == "X/1"
        assert load_caseload(dumps_caseload(Caseload(cases=(case,)))).cases[0] == case

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("x" * 129, "external_ref too long: 129 characters, at most 128 allowed"),
            ("", "external_ref too short: 0 characters, at least 1 needed"),
            ("CF-1\x1b[2J", ("external_ref: an identifier may not hold a control character "
                            "(U+001B) (character 5)")),
            ("CF-1\u202e", "external_ref: an identifier may not hold a format character"),
            (" CF-1", "external_ref: an identifier may not start or end with a space"),
        ],
    )  # fmt: skip
    def test_a_bad_one_is_refused_without_being_quoted(self, value: str, message: str) -> None:
        for build in (
            lambda: JointCase("C-1", _person(), external_ref=value),
            lambda: StaffMember("S-1", Role.SPOC, YOS, external_ref=value),
            lambda: Allocated(on=date(2026, 1, 5), recorded_by="S-1", service=YOS,
                              worker_id="S-1", external_ref=value),
        ):  # fmt: skip
            with pytest.raises(FieldValueError) as caught:
                build()
            assert str(caught.value).startswith(message)
            assert caught.value.field == "external_ref"
            if value:
                assert value not in str(caught.value)

    def test_128_characters_with_single_inner_spaces_and_any_script_are_accepted(self) -> None:
        for value in ("x" * 128, "MOSAIC/CASE 42", "urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427",
                      "Ребёнок-17", "=HYPERLINK"):  # fmt: skip
            assert JointCase("C-1", _person(), external_ref=value).external_ref == value

    def test_no_repr_shows_it(self) -> None:
        case = _allocated_case()
        shown = [repr(case), repr(case.staff[0]), *map(repr, case.events)]
        shown += map(repr, evaluate(case, date(2027, 1, 14), protocol=PROTOCOL_3_14_12))
        for text in shown:
            assert "CV-" not in text
            assert "CF-" not in text
            assert SECRET not in text


def _every_event() -> tuple[Any, ...]:
    """An event of every core type."""
    base: dict[str, Any] = {"on": date(2026, 1, 5), "recorded_by": "S-1"}
    pathway = DocumentKind.PATHWAY_PLAN
    built = (
        Allocated(**base, service=YOS, worker_id="S-1"),
        OtherServiceChecked(**base, service=YOS, other_service=NS, open_to_other=True),
        ResponsibilityAccepted(**base, service=PS),
        CaseTransferred(**base, from_service=YOS, to_service=PS),
        CaseClosed(**base, service=YOS),
        MeetingHeld(**base, kind=MeetingKind.FORMAL_REVIEW, recorded=True),
        InvitationSent(**base, kind=MeetingKind.FORMAL_REVIEW, from_service=YOS, to_service=NS),
        YoungPersonInformed(**base, by_service=NS),
        DocumentShared(**base, document=pathway, from_service=NS, to_service=YOS, version=1),
        DocumentSigned(**base, document=pathway, signed_by_service=YOS, version=1),
        DocumentCopyGiven(**base, document=pathway, from_service=NS, to_service=YOS, version=1),
        PlanUpdated(**base, document=pathway, version=2),
        ReportPrepared(**base, by_service=YOS),
        InformationFedIn(**base, from_service=NS, to_service=PS),
        Charged(**base),
        LegalRepresentationArranged(**base, youth_justice_expertise=True),
        IctaAdvised(**base),
        CourtHearing(**base, is_sentencing=False),
        CustodyLikely(**base),
        Remanded(**base),
        Sentenced(**base, outcome=SentenceOutcome.COMMUNITY_ORDER),
        Released(**base, on_licence=True),
        OrderEnded(**base),
        DisagreementRaised(**base, disagreement_id="D-1", between=(YOS, NS)),
        DisagreementEscalated(**base, disagreement_id="D-1", to_role=Role.OPERATIONAL_MANAGER),
        DisagreementResolved(**base, disagreement_id="D-1"),
        ComplaintMade(**base, by=Complainant.YOUNG_PERSON, about_service=YOS),
    )
    assert {type(e) for e in built} == set(EVENT_TYPES.values())
    return built


# --------------------------------------------------------------------------- documents


class TestDocuments:
    def test_a_caseload_with_references_everywhere_round_trips_exactly(self) -> None:
        caseload = _with_refs(example_caseload())
        text = dumps_caseload(caseload)
        assert load_caseload(text) == caseload
        assert json.loads(dumps_caseload(load_caseload(text))) == json.loads(text)

    def test_an_absent_reference_is_written_null_and_may_be_omitted(self) -> None:
        doc = dump_caseload(Caseload(cases=(_allocated_case(refs=False),)))
        assert doc["cases"][0]["external_ref"] is None
        assert doc["cases"][0]["staff"][0]["external_ref"] is None
        assert all(e["external_ref"] is None for e in doc["cases"][0]["events"])
        del doc["cases"][0]["external_ref"]
        assert load_caseload(doc).cases[0].external_ref is None

    def test_the_schema_has_it_with_its_bound_and_validates_what_the_loader_reads(self) -> None:
        schema = caseload_json_schema()
        prop = schema["$defs"]["JointCase"]["properties"]["external_ref"]
        assert {k: prop[k] for k in ("type", "minLength", "maxLength")} == {
            "type": ["string", "null"], "minLength": 1, "maxLength": 128,
        }  # fmt: skip
        assert "source system" in prop["description"]
        assert "external_ref" in schema["$defs"]["StaffMember"]["properties"]
        assert "external_ref" in schema["$defs"]["Allocated"]["properties"]
        validator = jsonschema.Draft202012Validator(schema)
        doc = dump_caseload(_with_refs(Caseload(cases=example_caseload().cases[:3])))
        validator.validate(doc)
        doc["cases"][0]["events"][0]["external_ref"] = "x" * 129
        (error,) = validator.iter_errors(doc)
        assert error.message.endswith("is too long")
        assert error.json_path == "$.cases[0].events[0].external_ref"
        doc["cases"][0]["events"][0]["external_ref"] = 5  # a wrong type: one error, both types
        (error,) = validator.iter_errors(doc)
        assert error.message == "5 is not of type 'string', 'null'"

    def test_loading_errors_give_the_path_and_never_the_value(self) -> None:
        doc = dump_caseload(Caseload(cases=(_allocated_case(),)))
        doc["cases"][0]["external_ref"] = SECRET + "\x07"
        doc["cases"][0]["staff"][0]["external_ref"] = 73311
        doc["cases"][0]["events"][1]["external_ref"] = SECRET * 7
        with pytest.raises(ValidationError) as caught:
            load_caseload(json.dumps(doc))
        assert caught.value.errors == (
            (
                "string too long: 133 characters, at most 128 allowed "
                "@ $.cases[0].events[1].external_ref"
            ),
            "expected a string, got an integer @ $.cases[0].staff[0].external_ref",
            (
                "an identifier may not hold a control character (U+0007) (character 20); "
                "allowed: letters, marks, digits, punctuation, symbols and single spaces inside "
                "@ $.cases[0].external_ref"
            ),
        )
        assert SECRET not in str(caught.value)
        assert "73311" not in str(caught.value)

    def test_cross_check_warnings_never_show_a_reference(self) -> None:
        case = _allocated_case()
        stranger = attrs.evolve(case.events[2], recorded_by="W-UNKNOWN")
        doc = dumps_caseload(Caseload(cases=(attrs.evolve(case, events=(*case.events,
                                                                       stranger)),)))  # fmt: skip
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            load_caseload(doc)
        assert caught, "an unknown staff id is a cross-check finding"
        for w in caught:
            assert SECRET not in str(w.message)
            assert "CF-MEET-9" not in str(w.message)
        with pytest.raises(ValidationError) as strict:
            load_caseload(doc, strict=True)
        assert SECRET not in str(strict.value)
        assert "CF-" not in str(strict.value)

    def test_a_protocol_file_may_not_declare_a_field_named_external_ref(self) -> None:
        toml = (resources.files("care_justice_protocol") / "io/data/protocols/"
                "yjb-transitions-2021.toml").read_text(encoding="utf-8")  # fmt: skip
        assert "external_ref" not in toml
        assert not is_field_name("external_ref")
        assert "external_ref" not in {f.name for f in core_event_fields()["allocated"]}


# --------------------------------------------------------------------------- results


class TestResults:
    def test_a_result_carries_the_case_the_trigger_and_the_evidence_reference(self) -> None:
        (r,) = [r for r in evaluate(_allocated_case(), date(2027, 1, 14),
                                    protocol=PROTOCOL_3_14_12) if r.obligation == MEET]  # fmt: skip
        assert (r.status, r.trigger, r.met_on) == (Status.MET, date(2026, 12, 18),
                                                   date(2027, 1, 11))  # fmt: skip
        assert r.case_external_ref == SECRET
        assert r.trigger_external_ref == "CV-ALLOC-1"  # the allocation, dated 2026-12-18
        assert r.evidence_external_ref == "CF-MEET-9"  # the meeting, dated 2027-01-11

    def test_an_outstanding_result_has_no_evidence_reference(self) -> None:
        case = _allocated_case()
        case = attrs.evolve(case, events=case.events[:2])
        (r,) = [r for r in evaluate(case, date(2027, 1, 14), protocol=PROTOCOL_3_14_12)
                if r.obligation == MEET]  # fmt: skip
        assert r.status is Status.OVERDUE
        assert (r.case_external_ref, r.trigger_external_ref, r.evidence_external_ref) == (
            SECRET, "CV-ALLOC-1", None)  # fmt: skip

    def test_every_result_of_the_case_has_the_case_reference(self) -> None:
        results = evaluate(_allocated_case(), date(2027, 1, 14), protocol=BUNDLED_PROTOCOLS)
        assert {r.case_external_ref for r in results} == {SECRET}
        na = [r for r in results if r.status is Status.NOT_APPLICABLE]
        assert na
        assert all(r.trigger_external_ref is r.evidence_external_ref is None for r in na)

    def test_partnership_results_carry_none(self) -> None:
        report = evaluate_caseload(_with_refs(example_caseload()), date(2026, 11, 25),
                                   protocol=BUNDLED_PROTOCOLS)  # fmt: skip
        partnership = [r for r in report.results if r.case_id is None]
        assert partnership
        assert all(r.case_external_ref is r.trigger_external_ref is r.evidence_external_ref
                   is None for r in partnership)  # fmt: skip

    def test_a_recurring_slot_carries_the_reference_of_the_event_that_met_it(self) -> None:
        # A test-only recurring rule: every 6 months from responsibility accepted (Mon
        # 2026-01-05): the first slot is due 2026-07-05 and met by the review of
        # 2026-03-02; the next is due 6 months after it, 2026-09-02, and met by none.
        protocol = P13R
        review = MeetingHeld(on=date(2026, 3, 2), recorded_by="S-1",
                             kind=MeetingKind.STATUTORY_REVIEW, recorded=True,
                             external_ref="CF-REVIEW-2")  # fmt: skip
        case = JointCase("C-1", _person(), external_ref="CF-C1", events=(
            Allocated(on=date(2026, 1, 5), recorded_by="S-1", service=NS, worker_id="S-1"),
            ResponsibilityAccepted(on=date(2026, 1, 5), recorded_by="S-2", service=PS,
                                   external_ref="ND-ACCEPT-1"),
            review,
        ))  # fmt: skip
        slots = [r for r in evaluate(case, date(2026, 10, 1), protocol=protocol)
                 if r.obligation == "3.14.13/5/review-within-6-months"]  # fmt: skip
        assert [(r.due, r.met_on, r.trigger_external_ref, r.evidence_external_ref)
                for r in slots] == [
            (date(2026, 7, 5), date(2026, 3, 2), "ND-ACCEPT-1", "CF-REVIEW-2"),
            (date(2026, 9, 2), None, "ND-ACCEPT-1", None),
        ]  # fmt: skip
        assert {r.case_external_ref for r in slots} == {"CF-C1"}

    def test_the_next_review_due_by_law_is_triggered_by_the_last_review_held(self) -> None:
        # 3.14.13 §5: probation responsible since 2026-01-05; reviews held 2026-02-02
        # and 2026-06-01: the next is due by law 6 months after the last, 2026-12-01;
        # the invitation of 2026-11-02 discharges it.
        events = (
            Allocated(on=date(2026, 1, 5), recorded_by="S-1", service=NS, worker_id="S-1"),
            ResponsibilityAccepted(on=date(2026, 1, 5), recorded_by="S-2", service=PS),
            MeetingHeld(on=date(2026, 2, 2), recorded_by="S-1", recorded=True,
                        kind=MeetingKind.RELEVANT_REVIEW, external_ref="CF-R1"),
            MeetingHeld(on=date(2026, 6, 1), recorded_by="S-1", recorded=True,
                        kind=MeetingKind.RELEVANT_REVIEW, external_ref="CF-R2"),
            InvitationSent(on=date(2026, 11, 2), recorded_by="S-1",
                           kind=MeetingKind.RELEVANT_REVIEW, from_service=NS, to_service=PS,
                           external_ref="CF-INV-3"),
        )  # fmt: skip
        case = JointCase("C-1", _person(), events=events)
        oid = "3.14.13/5/invite-probation-to-next-review-due-by-law"
        (r,) = [r for r in evaluate(case, date(2026, 11, 25), protocol=BUNDLED_PROTOCOLS)
                if r.obligation == oid]  # fmt: skip
        assert (r.status, r.trigger, r.due, r.met_on) == (
            Status.MET, date(2026, 6, 1), date(2026, 12, 1), date(2026, 11, 2))  # fmt: skip
        assert (r.trigger_external_ref, r.evidence_external_ref) == ("CF-R2", "CF-INV-3")

    def test_a_reference_that_reads_like_a_service_changes_nothing(self) -> None:
        # "@other" is a party the trigger does not name: a trigger whose reference is
        # "next-step" still does not name Next Step.
        for ref in ("next-step", "yos", "probation-service", "W-1"):
            case = _with_refs(Caseload(cases=(_allocated_case(refs=False),))).cases[0]
            case = attrs.evolve(case, events=tuple(attrs.evolve(e, external_ref=ref)
                                                   for e in case.events))  # fmt: skip
            plain = evaluate(_allocated_case(refs=False), date(2027, 1, 14),
                             protocol=BUNDLED_PROTOCOLS)  # fmt: skip
            refs = evaluate(case, date(2027, 1, 14), protocol=BUNDLED_PROTOCOLS)
            assert [_without_refs(r) for r in refs] == list(plain)

    @settings(max_examples=40, deadline=None)
    @given(
        st.one_of(cases(), cases(statuses=("met", "met-late", "overdue", "due"))),
        st.sampled_from((date(2026, 11, 25), date(2021, 6, 25), date(2027, 6, 30))),
    )
    def test_references_never_change_a_result_and_each_points_at_its_event(
        self, case: JointCase, as_of: date
    ) -> None:
        events = tuple(attrs.evolve(e, external_ref=None) for e in case.events)
        bare = attrs.evolve(case, external_ref=None, events=events)
        tagged = _with_refs(Caseload(cases=(case,))).cases[0]
        plain = evaluate(bare, as_of, protocol=BUNDLED_PROTOCOLS)
        results = evaluate(tagged, as_of, protocol=BUNDLED_PROTOCOLS)
        assert [_without_refs(r) for r in results] == list(plain)
        day_of = {e.external_ref: e.on for e in tagged.events}
        for r in results:
            assert r.case_external_ref == tagged.external_ref
            # every event has a reference, so a result has one exactly where it has a date
            assert (r.trigger_external_ref is None) == (r.trigger is None), r
            assert (r.evidence_external_ref is None) == (r.met_on is None), r
            if r.trigger is not None:
                assert day_of[r.trigger_external_ref] == r.trigger
            if r.met_on is not None:
                assert day_of[r.evidence_external_ref] == r.met_on


def _without_refs(r: ObligationResult) -> ObligationResult:
    return attrs.evolve(r, case_external_ref=None, trigger_external_ref=None,
                        evidence_external_ref=None)  # fmt: skip


# --------------------------------------------------------------------------- results out


@pytest.fixture(scope="module")
def report() -> CaseloadReport:
    return evaluate_caseload(_with_refs(example_caseload()), date(2026, 11, 25),
                             protocol=BUNDLED_PROTOCOLS)  # fmt: skip


class TestResultsOut:
    def test_the_results_document_carries_them_and_reads_them_back(
        self, report: CaseloadReport
    ) -> None:
        doc = dump_results(report, protocols=BUNDLED_PROTOCOLS)
        rows = [r for r in doc["results"] if r["case_id"] == "C-0001"]
        assert {r["case_external_ref"] for r in rows} == {"REF-C0"}
        assert any(r["trigger_external_ref"] and r["evidence_external_ref"] for r in rows)
        assert load_results(dumps_results(report, protocols=BUNDLED_PROTOCOLS)).report == report
        jsonschema.Draft202012Validator(results_json_schema()).validate(doc)

    def test_a_result_record_without_them_is_refused(self, report: CaseloadReport) -> None:
        doc = dump_results(report)
        del doc["results"][0]["trigger_external_ref"]
        doc["results"][1]["case_external_ref"] = 7
        with pytest.raises(ValidationError) as caught:
            load_results(doc)
        assert caught.value.errors == (
            "required field missing @ $.results[0].trigger_external_ref",
            "expected a string or null, got int @ $.results[1].case_external_ref",
        )

    def test_cjp_check_json_and_csv_carry_them(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "caseload.json"
        case = attrs.evolve(_allocated_case(), external_ref="=CF-C1")  # a formula start
        path.write_text(dumps_caseload(Caseload(cases=(case,))), encoding="utf-8")
        assert main(["check", str(path), "--as-of", "2027-01-14", "--protocol", "3.14.12",
                     "--format", "json"]) == 0  # fmt: skip
        doc = json.loads(capsys.readouterr().out)
        (row,) = [r for r in doc["results"] if r["obligation"] == MEET]
        assert (row["case_external_ref"], row["trigger_external_ref"],
                row["evidence_external_ref"]) == ("=CF-C1", "CV-ALLOC-1", "CF-MEET-9")  # fmt: skip
        assert load_results(doc).report.results[0].case_external_ref == "=CF-C1"
        assert main(["check", str(path), "--as-of", "2027-01-14", "--protocol", "3.14.12",
                     "--format", "csv"]) == 0  # fmt: skip
        (line,) = [r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))
                   if r["obligation"] == MEET]  # fmt: skip
        # the formula rule applies to references as to every other cell
        refs = [line[k] for k in ("case_external_ref", "trigger_external_ref",
                                  "evidence_external_ref")]  # fmt: skip
        assert refs == ["'=CF-C1", "CV-ALLOC-1", "CF-MEET-9"]


# --------------------------------------------------------------------------- privacy


class TestPseudonymisation:
    def test_no_reference_survives_anywhere_in_the_document(self) -> None:
        caseload = _with_refs(example_caseload())
        originals = {r for r in _refs_in(dump_caseload(caseload)) if r is not None}
        assert len(originals) > 300  # every case, event and staff member has one
        document = json.loads(dumps_caseload(pseudonymise(caseload, KEY)))
        assert _refs_in(document)
        assert set(_refs_in(document)) == {None}
        assert not originals & set(_strings(document))
        assert not any("REF-C" in s for s in _strings(document))

    def test_nor_in_a_date_shifted_copy_or_one_with_declared_events(self) -> None:
        caseload = _with_refs(Caseload(cases=example_caseload().cases[:4]))
        release = pseudonymise(caseload, secrets.token_bytes(32), shift_dates=True,
                               protocols=BUNDLED_PROTOCOLS, as_of=date(2026, 11, 25))  # fmt: skip
        document = json.loads(dumps_caseload(release.caseload))
        assert set(_refs_in(document)) <= {None}
        assert not any("REF-C" in s for s in _strings(document))

    def test_a_declared_event_loses_its_reference_too(self) -> None:
        yjb = ALL_PROTOCOLS["transitions-2021"]
        spec = next(iter(yjb.vocabulary.event_types.values()))
        values = {f.name: _a_value(f) for f in spec.fields if f.required}
        event = DeclaredEvent(type=spec.type, on=date(2026, 1, 5), recorded_by="S-1",
                              external_ref="CF-DECL-1", values=values)  # fmt: skip
        caseload = Caseload(cases=(JointCase("C-1", _person(), events=(event,)),))
        text = dumps_caseload(caseload)
        assert load_caseload(text, protocols=yjb) == caseload
        copy = pseudonymise(caseload, KEY, protocols=yjb)
        assert copy.cases[0].events[0].external_ref is None
        assert "CF-DECL-1" not in dumps_caseload(copy)

    def test_results_of_a_pseudonymised_copy_carry_no_reference(self) -> None:
        copy = pseudonymise(_with_refs(example_caseload()), KEY)
        report = evaluate_caseload(copy, date(2026, 11, 25), protocol=BUNDLED_PROTOCOLS)
        assert not any(
            r.case_external_ref or r.trigger_external_ref or r.evidence_external_ref
            for r in report.results
        )


def _a_value(field: Any) -> Any:
    kind = field.kind
    one: Any = {
        FieldKind.STRING: "S-1", FieldKind.DATE: date(2026, 1, 5), FieldKind.BOOLEAN: True,
        FieldKind.INTEGER: 1, FieldKind.SERVICE: "yos",
    }.get(kind, field.choices[0] if field.choices else None)  # fmt: skip
    if one is None:
        raise InvalidArgumentError(f"no test value for {field.name}")
    return (one,) if field.many else one
