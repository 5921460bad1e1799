"""The loader's messages, as a council officer writing a first protocol file meets them.

Each problem names the file and the line where the key is written, what is wrong, what
would be valid, and a likely fix where there is one ("did you mean 'yjs'?"); a problem
that follows from another (a field whose declaration did not check) is not reported twice.
``tests/data/protocols/invalid/eldbury-first-draft.toml`` is the how-to's first draft.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol import (
    ALL_PROTOCOLS,
    ProtocolFileError,
    ValidationError,
    protocol_from_text,
    read_caseload,
    read_local_variant,
    read_protocol,
)
from care_justice_protocol.protocols._document import toml_line

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "tests" / "data" / "protocols" / "invalid" / "eldbury-first-draft.toml"
ELDBURY = ROOT / "examples" / "eldbury" / "eldbury.toml"
BUNDLED = ROOT / "src" / "care_justice_protocol" / "io" / "data" / "protocols"


def problems_of(text: str) -> ProtocolFileError:
    with pytest.raises(ProtocolFileError) as info:
        protocol_from_text(text)
    return info.value


@pytest.fixture(scope="module")
def error() -> ProtocolFileError:
    with pytest.raises(ProtocolFileError) as info:
        read_protocol(DRAFT)
    return info.value


class TestTheFirstDraft:
    def test_the_message_names_the_file(self, error: ProtocolFileError) -> None:
        assert error.path == str(DRAFT)
        assert str(error).startswith(f"invalid protocol file '{DRAFT}': 10 problems\n")

    def test_each_problem_is_on_the_line_where_its_key_is_written(
        self, error: ProtocolFileError
    ) -> None:
        lines = DRAFT.read_text(encoding="utf-8").splitlines()
        paths = [e.rsplit(" @ ", 1)[1] for e in error.errors]
        written = [lines[n - 1] for n in error.lines if n is not None]
        assert len(written) == len(error.errors)
        for path, line in zip(paths, written, strict=True):
            # the key, or the key that holds it inline (parties[3] -> parties; the short
            # form open_to_csc = "bool" for open_to_csc.kind)
            keys = [re.sub(r"\[\d+\]$", "", k) for k in path.split(".")[-2:]]
            assert any(f"{k} =" in line for k in keys), (path, line)

    def test_problems_come_in_the_order_of_the_file(self, error: ProtocolFileError) -> None:
        assert list(error.lines) == sorted(n for n in error.lines if n is not None)

    def test_near_misses_are_named(self, error: ProtocolFileError) -> None:
        hints = [re.search(r"did you mean '([^']+)'", e) for e in error.errors]
        assert [h.group(1) for h in hints if h] == [
            "boolean", "working-days-after", "yjs", "order-ended", "team-manager"
        ]  # fmt: skip

    def test_a_quoted_number_says_to_drop_the_quotes(self, error: ProtocolFileError) -> None:
        assert error.errors[-1] == (
            "expected a whole number from 1 to 3650, got '5'; write it without quotes: "
            "working_days = 5 @ $.ladders[0].rungs[1].working_days"
        )

    def test_a_field_whose_declaration_failed_is_not_reported_again_where_it_is_used(
        self, error: ProtocolFileError
    ) -> None:
        # open_to_csc was declared with kind 'bool': one problem, at the declaration, not
        # "unknown field 'open_to_csc'" at each of its two uses
        assert [e for e in error.errors if "open_to_csc" in e] == [
            (
                "unknown field kind 'bool'; expected one of string, date, boolean, integer, "
                "service, role, document, meeting-kind, choice; did you mean 'boolean'? "
                "@ $.vocabulary.event_types.csc-involvement-checked.fields.open_to_csc.kind"
            )
        ]

    def test_fixing_them_gives_the_example(self) -> None:
        assert read_protocol(ELDBURY).id == "eldbury"


class TestLines:
    @pytest.mark.parametrize("path", sorted(BUNDLED.glob("*.toml")), ids=lambda p: p.name)
    def test_every_obligation_and_rung_of_the_bundled_files_is_found(self, path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        protocol = read_protocol(path)
        for i, ob in enumerate(protocol.obligations):
            n = toml_line(text, f"x @ $.obligations[{i}].id")
            assert n is not None
            assert lines[n - 1] == f'id = "{ob.id}"'
            n = toml_line(text, f"x @ $.obligations[{i}].trigger.where.service")
            assert n is not None
            assert lines[n - 1].startswith("trigger = ")
        for i, ladder in enumerate(protocol.ladders):
            for j, rung in enumerate(ladder.rungs):
                n = toml_line(text, f"x @ $.ladders[{i}].rungs[{j}].state")
                assert n is not None
                assert lines[n - 1] == f'state = "{rung.state}"'
        for sid in protocol.vocabulary.services:
            n = toml_line(text, f"x @ $.vocabulary.services.{sid}.label")
            assert n is not None
            assert lines[n - 1].startswith("label = ")

    def test_a_line_inside_a_multi_line_string_is_not_a_key(self) -> None:
        text = 'title = """\\\n  id = "not a key"\n  """\nid = "the key"\n'
        assert toml_line(text, "x @ $.id") == 4

    def test_json_and_syntax_errors_have_no_line(self) -> None:
        with pytest.raises(ProtocolFileError) as info:
            protocol_from_text('{"format_version": 1}', format="json")
        assert set(info.value.lines) == {None}
        error = problems_of("format_version = 1\n[protocol\n")
        assert error.lines == (None,)
        assert "line 2" in error.errors[0]  # tomllib's own position

    @given(st.integers(0, 5), st.integers(0, 3))
    def test_the_nth_array_item_is_its_nth_header(self, blank: int, index: int) -> None:
        """Invariant: ``$.obligations[i]`` is the line of the (i+1)-th ``[[obligations]]``."""
        text = "".join("\n" * blank + '[[obligations]]\nid = "o"\n' for _ in range(4))
        n = toml_line(text, f"x @ $.obligations[{index}].id")
        header = [i for i, line in enumerate(text.splitlines(), 1) if line == "[[obligations]]"]
        assert n == header[index] + 1


class TestOtherFiles:
    def test_a_missing_field_of_a_core_event_says_what_it_needs(self, tmp_path: Path) -> None:
        case = {
            "case_id": "C-1",
            "young_person": {"id": "YP-1", "date_of_birth": "2010-01-01",
                             "care_status": "other", "has_icta": False,
                             "legal_status": "no-proceedings"},
            "events": [{"type": "meeting-held", "on": "2026-01-05", "recorded_by": "W-1",
                        "kind": "formal-review"}],
        }  # fmt: skip
        path = tmp_path / "export.json"
        path.write_text(json.dumps({"schema_version": 1, "cases": [case]}))
        with pytest.raises(ValidationError) as info:
            read_caseload(path)
        assert str(info.value) == (
            f"invalid caseload '{path}': 1 problem\n  - required field missing: a "
            "meeting-held event needs recorded (true or false) @ $.cases[0].events[0].recorded"
        )

    def test_the_bundled_protocols_still_read_without_a_problem(self) -> None:
        assert len(ALL_PROTOCOLS) == 3


class TestTheLocalVariant:
    def test_near_misses_and_quoted_numbers_are_named(self, tmp_path: Path) -> None:
        eldbury = read_protocol(ELDBURY)
        path = tmp_path / "local.json"
        path.write_text(json.dumps({
            "schema_version": 1,
            "timescales": {"eldbury/2.3/tell-the-child-who-their-worker-are": "5"},
            "ladder_timescales": {"eldbury-disagreement": {"heads-of-service": 10}},
            "contacts": {"CSC": "duty inbox"},
        }))  # fmt: skip
        with pytest.raises(ValidationError) as info:
            read_local_variant(path, protocols=[eldbury])
        assert str(info.value).startswith(f"invalid local variant '{path}': 3 problems\n")
        assert [e.split("; did you mean ", 1)[-1].split(" @ ")[0] for e in info.value.errors] == [
            "'eldbury/2.3/tell-the-child-who-their-workers-are'?",
            "'csc'?",
            "'eldbury-disagreements'?",
        ]
