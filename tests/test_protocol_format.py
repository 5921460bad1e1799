"""The protocol file format: Salford's files, round trips, and every problem with its path."""

from __future__ import annotations

import copy
import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from care_justice_protocol import (
    ALL_PROTOCOLS,
    BUNDLED_PROTOCOLS,
    PROTOCOL_3_14_12,
    PROTOCOL_3_14_13,
    InputFileError,
    ProtocolFileError,
    Status,
    evaluate,
    load_protocol,
    parse_protocol,
    protocol_from_text,
    protocol_to_document,
    protocol_to_toml,
    read_protocol,
)
from care_justice_protocol.testing import Scenario

DAY = date(2026, 12, 1)


def _minimal() -> dict[str, Any]:
    """A small valid document: one service, one version, one obligation."""
    return {
        "format_version": 1,
        "protocol": {"id": "demo", "title": "A demonstration", "parties": ["yos", "leaving-care"]},
        "versions": [{"id": "v1", "label": "first", "effective_from": "2024-01-01"}],
        "vocabulary": {
            "services": {
                "yos": {"label": "Youth Offending Service"},
                "leaving-care": {"label": "Leaving Care"},
            },
            "meeting_kinds": {"case-worker-information-sharing": "Case workers meet"},
        },
        "obligations": [
            {
                "id": "demo/1/meet",
                "clause": "§1",
                "summary": "the case workers meet",
                "text": "The case workers will meet within 10 working days.",
                "strength": "must",
                "strength_words": "will meet",
                "parties": ["yos", "leaving-care"],
                "trigger": {"type": "allocated", "where": {"service": ["yos", "leaving-care"]}},
                "trigger_name": "allocation by {service}",
                "due": {"kind": "working-days-after", "days": 10},
                "evidence": {
                    "type": "meeting-held",
                    "where": {"kind": "case-worker-information-sharing"},
                },
                "evidence_name": "the case workers' meeting",
            }
        ],
    }


def _problems(doc: dict[str, Any]) -> tuple[str, ...]:
    with pytest.raises(ProtocolFileError) as info:
        parse_protocol(doc)
    return info.value.errors


class TestTheBundledFiles:
    def test_salford_ships_as_two_files_read_by_the_public_loader(self) -> None:
        assert [p.id for p in BUNDLED_PROTOCOLS] == ["3.14.12", "3.14.13"]
        assert ALL_PROTOCOLS["3.14.12"] is PROTOCOL_3_14_12
        # 12 case-level and 2 partnership obligations in 3.14.12; 20 and 1 in 3.14.13 (with
        # "Right to the letter": informing of Next Step clients in both; prison meetings
        # and the family kept informed in 3.14.13 §4, whose review obligation became the
        # invitation to the next review due by law).
        assert (len(PROTOCOL_3_14_12.obligations), len(PROTOCOL_3_14_12.periodic)) == (12, 2)
        assert (len(PROTOCOL_3_14_13.obligations), len(PROTOCOL_3_14_13.periodic)) == (20, 1)
        # Passages given no obligation, each with its reason.
        assert (len(PROTOCOL_3_14_12.not_encoded), len(PROTOCOL_3_14_13.not_encoded)) == (5, 4)

    def test_the_15_working_days_come_from_the_file(self) -> None:
        ob = PROTOCOL_3_14_12.obligation("3.14.12/2/meet-within-15-working-days")
        assert protocol_to_document(PROTOCOL_3_14_12)["obligations"][1]["due"] == {
            "kind": "working-days-after",
            "days": 15,
        }
        assert ob.clause == "3.14.12 §2"

    def test_3_14_13_has_two_versions_and_the_probation_group(self) -> None:
        v1, v2 = PROTOCOL_3_14_13.versions
        assert (v1.id, v1.effective_from, v1.effective_to) == (
            "2019-03-18",
            date(2019, 3, 18),
            date(2021, 6, 25),
        )
        assert (v2.id, v2.effective_from, v2.supersedes) == (
            "2021-06-26",
            date(2021, 6, 26),
            "2019-03-18",
        )
        assert PROTOCOL_3_14_13.vocabulary.groups["probation"] == (
            "nps",
            "crc",
            "probation-service",
        )
        assert PROTOCOL_3_14_13.vocabulary.services["crc"].successor == "probation-service"

    def test_the_ladders_have_three_rungs_each_and_3_14_13_a_complaint_route(self) -> None:
        (yos,) = PROTOCOL_3_14_12.ladders
        (probation,) = PROTOCOL_3_14_13.ladders
        assert [r.state for r in yos.rungs] == [
            "operational-managers",
            "heads-of-service",
            "assistant-director",
        ]
        assert [r.role_tag for r in probation.rungs] == ["case-worker", None, "senior-manager"]
        assert [c.state for c in PROTOCOL_3_14_13.complaints] == ["agency-complaints-procedure"]


class TestRoundTrips:
    @pytest.mark.parametrize("protocol", BUNDLED_PROTOCOLS, ids=lambda p: p.id)
    def test_document_toml_and_json_each_give_the_same_protocol(self, protocol: Any) -> None:
        doc = protocol_to_document(protocol)
        assert parse_protocol(doc) == protocol
        assert protocol_from_text(protocol_to_toml(doc)) == protocol
        text = json.dumps(doc, default=date.isoformat)
        assert protocol_from_text(text, format="json") == protocol
        assert load_protocol(text) == protocol

    def test_long_texts_are_wrapped_without_losing_a_character(self) -> None:
        doc = _minimal()
        doc["obligations"][0]["text"] = "word  double " * 20 + 'will meet "quote" and \\ backslash'
        back = protocol_from_text(protocol_to_toml(doc))
        assert back.obligations[0].text == doc["obligations"][0]["text"]

    def test_a_file_on_disk_reads_like_its_text(self, tmp_path: Any) -> None:
        path = tmp_path / "demo.toml"
        path.write_text(protocol_to_toml(_minimal()), encoding="utf-8")
        assert read_protocol(path) == load_protocol(str(path)) == parse_protocol(_minimal())

    def test_a_file_with_another_suffix_is_refused_by_name(self, tmp_path: Any) -> None:
        path = tmp_path / "demo.yaml"
        path.write_text("x", encoding="utf-8")
        with pytest.raises(InputFileError, match=r"ends in \.toml or \.json"):
            read_protocol(path)


class TestEveryProblemWithItsPath:
    def test_typos_in_a_pattern_are_errors_not_inapplicable_rules(self) -> None:
        doc = _minimal()
        doc["obligations"][0]["trigger"] = {"type": "alocated", "where": {"service": "yos"}}
        doc["obligations"][0]["evidence"]["where"] = {"knd": "case-worker-information-sharing"}
        problems = _problems(doc)
        assert [p.rsplit(" @ ", 1)[1] for p in problems] == [
            "$.obligations[0].trigger.type",
            "$.obligations[0].evidence.where.knd",
        ]
        assert problems[1].startswith("unknown field 'knd' of event type 'meeting-held'")

    def test_an_undeclared_service_and_group_are_named(self) -> None:
        doc = _minimal()
        doc["obligations"][0]["trigger"]["where"]["service"] = ["yos", "yjs", "@probation"]
        problems = _problems(doc)
        assert problems == (
            (
                "'yjs' is not a declared service (vocabulary.services: yos, leaving-care) "
                "@ $.obligations[0].trigger.where.service[1]"
            ),
            (
                "unknown group '@probation'; declared groups: none declared "
                "@ $.obligations[0].trigger.where.service[2]"
            ),
        )

    def test_unknown_and_missing_keys(self) -> None:
        doc = _minimal()
        del doc["obligations"][0]["evidence_name"]
        doc["obligations"][0]["deu"] = {"kind": "none"}
        doc["extra"] = 1
        problems = _problems(doc)
        assert any(p.endswith("@ $.extra") and "unknown key 'extra'" in p for p in problems)
        assert "missing required key @ $.obligations[0].evidence_name" in problems
        assert any(p.endswith("@ $.obligations[0].deu") for p in problems)

    def test_a_list_field_must_be_matched_under_contains(self) -> None:
        doc = _minimal()
        doc["obligations"][0]["evidence"] = {
            "type": "court-hearing",
            "where": {"attended_by": "yos"},
        }
        (problem,) = _problems(doc)
        assert problem == (
            "attended_by: it holds a list: match it under contains (contains = { attended_by "
            '= "yos" }) @ $.obligations[0].evidence.where.attended_by'
        )

    def test_a_trigger_reference_must_name_a_field_of_the_trigger_of_the_same_kind(self) -> None:
        doc = _minimal()
        where = doc["obligations"][0]["evidence"]["where"]
        where["kind"] = "@trigger.worker_id"
        doc["obligations"][0]["trigger_name"] = "allocation by {servise}"
        problems = _problems(doc)
        assert problems[0].startswith("{servise} is not a field of the event")
        assert problems[1] == (
            "'@trigger.worker_id': the trigger's worker_id is a string, not a meeting-kind "
            "@ $.obligations[0].evidence.where.kind"
        )

    def test_a_boolean_field_takes_true_or_false(self) -> None:
        doc = _minimal()
        doc["joint_case"] = {
            "name": "joint",
            "when": [{"type": "other-service-checked", "where": {"open_to_other": "yes"}}],
        }
        (problem,) = _problems(doc)
        assert problem.startswith("open_to_other is a boolean: expected true or false, got 'yes'")

    def test_duplicate_ids_and_ids_outside_the_protocol(self) -> None:
        doc = _minimal()
        doc["obligations"].append(copy.deepcopy(doc["obligations"][0]))
        doc["obligations"].append(copy.deepcopy(doc["obligations"][0]))
        doc["obligations"][2]["id"] = "other/1/meet"
        problems = _problems(doc)
        assert (
            "duplicate obligation id 'demo/1/meet' (first at $.obligations[0].id) "
            "@ $.obligations[1].id"
        ) in problems
        assert any("an obligation id must be 'demo/...'" in p for p in problems)

    def test_versions_must_not_overlap_and_must_be_in_order(self) -> None:
        doc = _minimal()
        doc["versions"] = [
            {"id": "v2", "label": "second", "effective_from": date(2025, 1, 1)},
            {"id": "v1", "label": "first", "effective_from": date(2024, 1, 1),
             "effective_to": date(2025, 1, 1), "supersedes": "v0"},
        ]  # fmt: skip
        problems = _problems(doc)
        assert (
            "versions 'v1' and 'v2' are both in force on the same days @ $.versions[0]" in problems
        )
        assert "versions must be listed in date order @ $.versions" in problems
        assert "'v0' is not the id of another version @ $.versions[1].supersedes" in problems

    def test_a_due_rule_with_missing_parts(self) -> None:
        doc = _minimal()
        doc["obligations"][0]["due"] = {"kind": "working-days-after"}
        assert _problems(doc) == (
            "missing required key @ $.obligations[0].due.days",
            "expected a whole number from 1 to 3650, got None @ $.obligations[0].due.days",
        )

    def test_a_vocabulary_cannot_redeclare_a_core_event_type_or_misspell_an_id(self) -> None:
        doc = _minimal()
        doc["vocabulary"]["event_types"] = {"allocated": {"summary": "x", "fields": {}}}
        doc["vocabulary"]["roles"] = {"Case Worker": "Case worker"}
        problems = _problems(doc)
        assert problems[0].startswith("invalid id 'Case Worker'")
        assert problems[1] == (
            "'allocated' is a core event type; a protocol cannot declare it again "
            "@ $.vocabulary.event_types.allocated"
        )

    def test_all_problems_come_at_once(self) -> None:
        doc = _minimal()
        doc["protocol"]["parties"] = ["nobody"]
        doc["obligations"][0]["recurs"] = "sometimes"
        doc["obligations"][0]["window"] = "whenever"
        assert len(_problems(doc)) == 3


class TestStrength:
    def test_each_obligation_quotes_the_words_that_give_its_strength(self) -> None:
        # 3.14.13 "It is good practice for the child's worker to attend court with them".
        ob = PROTOCOL_3_14_13.obligation("3.14.13/charged/worker-at-court-on-sentencing-day")
        assert (ob.strength, ob.strength_words) == ("good-practice", "It is good practice")
        # 3.14.12 §2 "the case workers will arrange to meet within 15 working days".
        meet = PROTOCOL_3_14_12.obligation("3.14.12/2/meet-within-15-working-days")
        assert meet.strength == "must"
        # 3.14.13 "The Next Step worker should feed in any relevant information".
        feed = PROTOCOL_3_14_13.obligation("3.14.13/custody-likely/information-before-report")
        assert (feed.strength, feed.strength_words) == (
            "should",
            "The Next Step worker should feed in",
        )

    def test_the_strength_words_must_be_in_the_text(self) -> None:
        doc = _minimal()
        doc["obligations"][0]["strength_words"] = "must meet"
        (problem,) = _problems(doc)
        assert problem == (
            "'must meet' is not in the obligation's text: quote the words that give its "
            "strength @ $.obligations[0].strength_words"
        )

    def test_an_unknown_strength_is_named(self) -> None:
        doc = _minimal()
        doc["obligations"][0]["strength"] = "shall"
        (problem,) = _problems(doc)
        assert problem.startswith(
            "unknown strength 'shall'; expected one of must, should, good-practice"
        )


class TestDeclaredEventTypes:
    def test_a_declared_type_and_its_choice_field_can_be_matched(self) -> None:
        doc = _minimal()
        doc["vocabulary"]["event_types"] = {
            "transition-plan-agreed": {
                "summary": "the transition plan was agreed",
                "fields": {"by_service": "service", "stage": {"kind": "choice",
                                                          "choices": ["draft", "final"]}},
            }
        }  # fmt: skip
        doc["obligations"][0]["evidence"] = {
            "type": "transition-plan-agreed",
            "where": {"by_service": "@trigger.service", "stage": "final"},
        }
        p = parse_protocol(doc)
        assert p.vocabulary.event_types["transition-plan-agreed"].field("stage").choices == (  # type: ignore[union-attr]
            "draft",
            "final",
        )
        doc["obligations"][0]["evidence"]["where"]["stage"] = "signed"
        (problem,) = _problems(doc)
        assert problem.startswith("'signed' is not one of stage's choices (draft, final)")


class TestSyntaxAndSize:
    def test_a_toml_syntax_error_gives_its_line(self) -> None:
        with pytest.raises(ProtocolFileError, match=r"TOML syntax error: .*line 2"):
            protocol_from_text("format_version = 1\n[protocol\nid = 1")

    def test_a_json_syntax_error_and_a_duplicate_key(self) -> None:
        with pytest.raises(ProtocolFileError, match=r"malformed JSON: .*line 1, column 2"):
            protocol_from_text("{,}", format="json")
        with pytest.raises(ProtocolFileError, match=r"the key 'a' is given more than once @ \$"):
            protocol_from_text('{"a": 1, "a": 2}', format="json")

    def test_an_unsupported_format_version_stops_at_once(self) -> None:
        doc = _minimal() | {"format_version": 2}
        assert _problems(doc) == (
            "unsupported format_version 2; this library reads format_version 1 @ $.format_version",
        )

    def test_text_over_the_limit_is_refused_unread(self) -> None:
        with pytest.raises(ProtocolFileError, match="too large"):
            protocol_from_text("#" * 2_000_001)


class TestVersionsOfAnObligation:
    def test_an_obligation_of_the_2019_version_does_not_arise_from_a_2022_trigger(self) -> None:
        doc = protocol_to_document(PROTOCOL_3_14_13)
        solicitor = next(o for o in doc["obligations"] if o["id"].endswith("legal-representation"))
        solicitor["versions"] = ["2019-03-18"]
        p = parse_protocol(doc)
        oid = solicitor["id"]
        # Charged on Monday 3 January 2022: after unification, so under version 2021-06-26.
        case = Scenario.for_case("C-1").charged(date(2022, 1, 3)).build()
        (result,) = [r for r in evaluate(case, DAY, protocol=p) if r.obligation == oid]
        assert result.status is Status.NOT_APPLICABLE
        assert "while version 2019-03-18 of 3.14.13 was in force" in result.explanation
        # Charged on Tuesday 2 March 2021, under the signed version: it arises.
        early = Scenario.for_case("C-2").charged(date(2021, 3, 2)).build()
        (result,) = [r for r in evaluate(early, DAY, protocol=p) if r.obligation == oid]
        assert result.status is Status.DUE  # no hearing recorded yet: due before the hearing


def _mutations() -> st.SearchStrategy[tuple[int, Any]]:
    junk = st.one_of(
        st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=8),
        st.lists(st.text(max_size=3), max_size=2), st.dictionaries(st.text(max_size=3),
                                                                  st.integers(), max_size=2),
    )  # fmt: skip
    return st.tuples(st.integers(0, 10_000), junk)


def _paths(value: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here]
    if isinstance(value, dict):
        for k, v in value.items():
            out += _paths(v, (*here, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            out += _paths(v, (*here, i))
    return out


class TestAnUnhashableValue:
    def test_a_list_for_under_is_a_problem_with_its_path_not_a_type_error(self) -> None:
        doc = protocol_to_document(BUNDLED_PROTOCOLS[1])
        [i] = [i for i, d in enumerate(doc["sharing"]) if "under" in d][:1]
        doc["sharing"][i]["under"] = []
        with pytest.raises(ProtocolFileError) as info:
            parse_protocol(doc)
        assert info.value.errors == (
            f"[] is not a case-level obligation of this protocol @ $.sharing[{i}].under",
        )

    def test_a_list_for_a_successor_or_a_version_is_a_problem_with_its_path(self) -> None:
        doc = protocol_to_document(BUNDLED_PROTOCOLS[1])
        doc["vocabulary"]["services"]["nps"]["successor"] = ["probation-service"]
        doc["obligations"][0]["versions"] = [["2019-03-18"]]
        with pytest.raises(ProtocolFileError) as info:
            parse_protocol(doc)
        paths = [e.rsplit(" @ ", 1)[1] for e in info.value.errors]
        # (then the sharing rule naming the refused obligation is refused too)
        assert paths[:2] == ["$.vocabulary.services.nps.successor", "$.obligations[0].versions[0]"]

    def test_a_list_for_supersedes_is_a_problem_with_its_path(self) -> None:
        doc = protocol_to_document(BUNDLED_PROTOCOLS[1])
        doc["versions"][1]["supersedes"] = ["2019-03-18"]
        with pytest.raises(ProtocolFileError) as info:
            parse_protocol(doc)
        assert info.value.errors == (
            "['2019-03-18'] is not the id of another version @ $.versions[1].supersedes",
        )

    def test_a_clause_with_a_line_break_character_is_a_problem_with_its_path(self) -> None:
        doc = protocol_to_document(BUNDLED_PROTOCOLS[1])
        doc["obligations"][0]["clause"] = "0\x85"  # NEL: str.splitlines() breaks the line there
        with pytest.raises(ProtocolFileError) as info:
            parse_protocol(doc)
        assert info.value.errors[0].endswith("@ $.obligations[0].clause")


class TestProperties:
    @settings(max_examples=200)
    @given(which=st.sampled_from(BUNDLED_PROTOCOLS), edits=st.lists(_mutations(), max_size=3))
    def test_a_damaged_document_raises_only_protocol_file_error(
        self, which: Any, edits: list[tuple[int, Any]]
    ) -> None:
        doc = protocol_to_document(which)
        for index, junk in edits:
            paths = [p for p in _paths(doc) if p]
            path = paths[index % len(paths)]
            parent = doc
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = junk
        try:
            back = parse_protocol(doc)
        except ProtocolFileError as error:
            problems = error.errors
        else:
            assert parse_protocol(protocol_to_document(back)) == back
            return
        assert problems
        assert all(" @ $" in e for e in problems)
