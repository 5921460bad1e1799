"""Identifiers: the alphabet applied at load and by constructors; mixed scripts and
confusables (UTS #39) warned about with both paths; the kit draws identifiers that load."""

from __future__ import annotations

import copy
import json
import unicodedata
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol import (
    IDENTIFIER_ALPHABET,
    CareJusticeWarning,
    StaffMember,
    ValidationError,
    identifier_problem,
    load_case,
    load_caseload,
)
from care_justice_protocol.cli import main
from care_justice_protocol.io._identifiers import identifier_warnings, script_names, skeleton
from care_justice_protocol.model import FieldValueError, Role, Service, is_identifier
from care_justice_protocol.testing import identifiers

DATA = Path(__file__).parent / "data"
CYRILLIC_ES = "\u0421"  # looks like the Latin C


def caseload_doc() -> dict[str, Any]:
    return json.loads((DATA / "caseload.json").read_text())


def with_case_id(index: int, case_id: str) -> dict[str, Any]:
    doc = caseload_doc()
    doc["cases"][index]["case_id"] = case_id
    return doc


def quiet_load(doc: Any, **kwargs: Any) -> tuple[Any, list[str]]:
    """The caseload and the library's warnings while loading it."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = load_caseload(json.dumps(doc), **kwargs)
    return result, [str(w.message) for w in caught if issubclass(w.category, CareJusticeWarning)]


# --------------------------------------------------------------------------- the alphabet

REFUSED = [
    ("C-1\x1b[2J", "a control character (U+001B) (character 4)"),
    ("C-1\nC-2", "a control character (U+000A)"),
    ("C-1\r", "a control character (U+000D)"),
    ("C-\x00", "a control character (U+0000)"),
    ("C-\x7f1", "a control character (U+007F)"),
    ("C-\x851", "a control character (U+0085)"),
    ("C-\u202e1000", "a format character (U+202E)"),  # RIGHT-TO-LEFT OVERRIDE
    ("C-\u20661", "a format character (U+2066)"),  # LEFT-TO-RIGHT ISOLATE
    ("C-1\u200b", "a format character (U+200B)"),  # ZERO WIDTH SPACE
    ("C-\u00ad1", "a format character (U+00AD)"),  # SOFT HYPHEN
    ("C-1\u2028", "a line separator (U+2028)"),
    ("C-1\u2029", "a paragraph separator (U+2029)"),
    ("C\u00a01", "a space other than U+0020 (U+00A0)"),  # NO-BREAK SPACE
    ("C\u30001", "a space other than U+0020 (U+3000)"),  # IDEOGRAPHIC SPACE
    ("C-\ue0001", "a private-use character (U+E000)"),
    ("C-\U000e0100", "an invisible (default-ignorable) character (U+E0100)"),
    ("C-1\ufe0f", "an invisible (default-ignorable) character (U+FE0F)"),
    ("C\u3164", "an invisible (default-ignorable) character (U+3164)"),  # HANGUL FILLER
    (" C-1", "may not start or end with a space"),
    ("C-1 ", "may not start or end with a space"),
    ("C  1", "two spaces in a row"),
]


class TestTheAlphabet:
    @pytest.mark.parametrize(("ident", "kind"), REFUSED)
    def test_is_refused_with_the_kind_of_character(self, ident: str, kind: str) -> None:
        problem = identifier_problem(ident)
        assert problem is not None
        assert kind in problem
        assert problem.endswith(f"allowed: {IDENTIFIER_ALPHABET}")

    @pytest.mark.parametrize(
        "ident", ["C-0001", "YP 12/3", "Zoë-1", f"{CYRILLIC_ES}-0001", "日本-7", "§1.2", "a"]
    )
    def test_letters_digits_punctuation_symbols_and_inner_spaces_are_allowed(
        self, ident: str
    ) -> None:
        assert identifier_problem(ident) is None
        assert is_identifier(ident)

    @pytest.mark.parametrize(("ident", "kind"), REFUSED)
    def test_a_document_is_refused_with_the_path_and_without_the_identifier(
        self, ident: str, kind: str
    ) -> None:
        with pytest.raises(ValidationError) as caught:
            load_caseload(json.dumps(with_case_id(1, ident)))
        (line,) = (e for e in caught.value.errors if "identifier" in e)
        assert line.endswith("@ $.cases[1].case_id")
        assert kind in line
        assert ident not in str(caught.value)

    def test_every_identifier_field_is_checked(self) -> None:
        doc = caseload_doc()
        doc["cases"][0]["young_person"]["id"] = "YP\u202e"
        doc["cases"][0]["staff"][0]["id"] = "S\x07"
        doc["cases"][0]["events"][0]["recorded_by"] = "S\u200b"
        with pytest.raises(ValidationError) as caught:
            load_caseload(json.dumps(doc))
        paths = [e.rsplit(" @ ", 1)[1] for e in caught.value.errors]
        assert paths == [
            "$.cases[0].young_person.id",
            "$.cases[0].events[0].recorded_by",
            "$.cases[0].staff[0].id",
        ]

    def test_a_single_case_document_too(self) -> None:
        doc = json.loads((DATA / "case.json").read_text())
        doc["case_id"] = "C-1\x1b[31m"
        with pytest.raises(ValidationError, match=r"control character .* @ \$\.case_id"):
            load_case(json.dumps(doc))

    def test_a_constructor_refuses_the_same_identifiers(self) -> None:
        with pytest.raises(FieldValueError, match=r"^id: an identifier may not hold a format"):
            StaffMember("S-\u202e1", Role.SPOC, Service.YOS)

    @given(st.text(max_size=12))
    def test_is_identifier_agrees_with_the_problem_and_the_categories(self, text: str) -> None:
        allowed = bool(text) and all(
            unicodedata.category(c)[0] in "LMNPS" or c == " " for c in text
        )
        if not allowed or text != text.strip(" ") or "  " in text:
            assert not is_identifier(text) or not text
        assert is_identifier(text) is (identifier_problem(text) is None)


# --------------------------------------------------------------------------- warnings


class TestMixedScriptsAndConfusables:
    def test_a_cyrillic_lookalike_of_another_case_id_warns_naming_both_paths(self) -> None:
        doc = caseload_doc()
        real = doc["cases"][0]["case_id"]
        doc["cases"][1]["case_id"] = CYRILLIC_ES + real[1:]
        _, found = quiet_load(doc)
        (message,) = found
        assert message == (
            f"identifier '\\u0421{real[1:]}' @ $.cases[1].case_id is confusable with "
            f"{real!r} @ $.cases[0].case_id (the same UTS #39 skeleton): they may display "
            "alike"
        )

    def test_the_lookalike_may_be_any_identifier_of_the_document(self) -> None:
        doc = caseload_doc()
        staff = doc["cases"][0]["staff"][0]["id"]
        assert staff.startswith("S")
        doc["cases"][1]["events"][0]["recorded_by"] = "\u0405" + staff[1:]  # Cyrillic DZE
        _, found = quiet_load(doc)
        assert any(
            m.startswith(f"identifier '\\u0405{staff[1:]}' @ $.cases[1].events[0].recorded_by")
            and f"is confusable with {staff!r} @ $.cases[0]." in m  # where it is first named
            for m in found
        ), found

    def test_a_mixed_script_identifier_warns(self) -> None:
        _, found = quiet_load(with_case_id(0, CYRILLIC_ES + "ase-1"))
        assert found == [
            "identifier '\\u0421ase-1' mixes scripts (Cyrillic, Latin) @ $.cases[0].case_id"
        ]

    def test_a_single_script_identifier_alone_is_quiet(self) -> None:
        _, found = quiet_load(with_case_id(0, "Сделка-1"))
        assert found == []

    def test_ascii_pairs_are_the_councils_scheme_and_not_flagged(self) -> None:
        doc = caseload_doc()
        doc["cases"][1]["case_id"] = doc["cases"][0]["case_id"].replace("0", "O")
        _, found = quiet_load(doc)
        assert found == []

    def test_strict_refuses_instead(self) -> None:
        doc = with_case_id(1, CYRILLIC_ES + caseload_doc()["cases"][0]["case_id"][1:])
        with pytest.raises(ValidationError, match="confusable"):
            load_caseload(json.dumps(doc), strict=True)

    def test_a_mapping_read_by_the_detailed_path_is_checked_too(self) -> None:
        from types import MappingProxyType

        doc = with_case_id(0, CYRILLIC_ES + "ase-1")
        with pytest.warns(CareJusticeWarning, match="mixes scripts"):
            load_caseload(MappingProxyType(doc))

    def test_cjp_shows_them_on_stderr(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "caseload.json"
        path.write_text(json.dumps(with_case_id(0, CYRILLIC_ES + "ase-1")))
        main(["check", str(path), "--as-of", "2027-01-04", "--format", "csv"])
        err = capsys.readouterr().err
        assert "cjp: warning: identifier '\\u0421ase-1' mixes scripts (Cyrillic, Latin)" in err

    def test_the_skeleton_follows_uts_39(self) -> None:
        # confusables.txt: 0421 -> 0043 (C), 0030 -> 004F (O), 0031 -> 006C (l), m -> rn
        assert skeleton(f"{CYRILLIC_ES}-0001") == skeleton("C-0001") == "C-OOOl"
        assert skeleton("m") == skeleton("rn")
        assert skeleton("e\u0301") == skeleton("é")  # NFD first

    def test_han_and_kana_are_one_script_japanese(self) -> None:
        assert script_names("日本カナ") == ()
        assert script_names("Ab\u0391") == ("Greek", "Latin")

    def test_warnings_are_bounded(self) -> None:
        doc = caseload_doc()
        case = doc["cases"][0]
        doc["cases"] = []
        for n in range(60):
            copied = copy.deepcopy(case)
            copied["case_id"] = f"{CYRILLIC_ES}ase-{n}"
            doc["cases"].append(copied)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CareJusticeWarning)
            found = identifier_warnings(load_caseload(json.dumps(doc)))
        assert len(found) == 51
        assert found[-1] == "... and 10 more identifiers"


class TestTheKit:
    @given(identifiers())
    def test_draws_identifiers_that_load_without_a_warning(self, ident: str) -> None:
        assert is_identifier(ident)
        assert script_names(ident) == ()
