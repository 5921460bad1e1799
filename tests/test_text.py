"""Output neutralisation (``care_justice_protocol._text``): terminal text and CSV cells."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol._text import CSV_FORMULA_STARTS, csv_cell, is_unsafe_char, terminal_text

UNSAFE = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


class TestTerminalText:
    @pytest.mark.parametrize(
        ("raw", "shown"),
        [
            ("\x1b[31mred", "\\x1b[31mred"),  # an ESC sequence (colour)
            ("a\nb", "a\\x0ab"),  # a newline that would forge a table row
            ("a\rb", "a\\x0db"),  # a carriage return that would overwrite the line
            ("\x07", "\\x07"),  # BEL
            ("\x00", "\\x00"),  # NUL
            ("\x7f\x9b", "\\x7f\\x9b"),  # DEL and the C1 CSI
            ("\x1b]8;;http://x\x1b\\link", "\\x1b]8;;http://x\\x1b\\\\link"),  # OSC-8 link
            ("C-\u202e1000", "C-\\u202e1000"),  # RIGHT-TO-LEFT OVERRIDE
            ("a\u200db", "a\\u200db"),  # ZERO WIDTH JOINER
            ("a\u2028b", "a\\u2028b"),  # LINE SEPARATOR
            ("\udc80", "\\udc80"),  # a lone surrogate
            ("\U000e0041", "\\U000e0041"),  # a tag character (format)
            ("a\\x1b", "a\\\\x1b"),  # a backslash is doubled: the escape cannot be forged
        ],
    )
    def test_unsafe_characters_are_shown_as_escapes(self, raw: str, shown: str) -> None:
        assert terminal_text(raw) == shown

    @pytest.mark.parametrize("text", ["C-0001", "§ 3.14.12", "Zoë Ōtake", "\u0421-0001", "日本"])
    def test_printable_text_in_any_script_is_unchanged(self, text: str) -> None:
        assert terminal_text(text) == text

    def test_backslashes_can_be_kept_for_messages_already_quoted(self) -> None:
        assert terminal_text("'a\\x1b' \x1b", double_backslash=False) == "'a\\x1b' \\x1b"

    @given(st.text())
    def test_no_unsafe_character_is_ever_written(self, text: str) -> None:
        shown = terminal_text(text)
        assert not any(unicodedata.category(c) in UNSAFE for c in shown)

    @given(st.text(), st.text())
    def test_different_texts_are_shown_differently(self, a: str, b: str) -> None:
        # the escaping is reversible: nothing is lost, no two ids look the same
        if a != b:
            assert terminal_text(a) != terminal_text(b)

    @given(st.text(st.characters(exclude_categories=("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"),
                                 exclude_characters="\\")))  # fmt: skip
    def test_safe_text_is_unchanged(self, text: str) -> None:
        assert terminal_text(text) == text

    @given(st.characters())
    def test_is_unsafe_char_agrees_with_the_categories(self, char: str) -> None:
        assert is_unsafe_char(char) is (unicodedata.category(char) in UNSAFE)


class TestCsvCell:
    @pytest.mark.parametrize("first", sorted(CSV_FORMULA_STARTS))
    def test_every_dangerous_first_character_is_neutralised(self, first: str) -> None:
        assert csv_cell(f"{first}cmd|' /C calc'!A0") == f"'{first}cmd|' /C calc'!A0"

    def test_the_dangerous_characters_are_the_owasp_ones(self) -> None:
        assert set(CSV_FORMULA_STARTS) == {"=", "+", "-", "@", "\t", "\r"}

    @pytest.mark.parametrize("value", ["C-0001", "", "a=b", " =x", "'=x", 0, -1, None, True])
    def test_other_values_are_unchanged(self, value: object) -> None:
        assert csv_cell(value) == value

    @given(st.text())
    def test_a_cell_never_starts_a_formula_and_loses_nothing(self, text: str) -> None:
        cell = csv_cell(text)
        assert isinstance(cell, str)
        assert cell[:1] not in CSV_FORMULA_STARTS
        assert cell in (text, "'" + text)
