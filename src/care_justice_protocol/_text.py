"""Text that leaves the package: neutralised in one place per format.

The inputs are children's case records; the outputs go to terminals and spreadsheets. A
case id or an explanation is data, never a command to the device that shows it:

* ``terminal_text`` for anything written to a terminal (the ``cjp`` table and
  ``explain``): control characters (C0, DEL, C1: ESC sequences, CR and LF that would forge
  a table row, BEL, NUL), bidirectional and other format characters (Unicode category
  ``Cf``: U+202E RIGHT-TO-LEFT OVERRIDE, zero-width joiners...), line and paragraph
  separators, surrogates and unassigned code points are shown as escapes (``\\x1b``,
  ``\\u202e``), never raw; a backslash is shown doubled, so an escape in the output always
  means a character that was escaped.
* ``csv_cell`` for every CSV cell: the OWASP CSV-injection rule (a cell starting with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read as a formula by
  spreadsheets) is applied by prefixing a single quote ``'``, which spreadsheets show as
  text. The rest of the cell is left to the CSV writer's quoting.

* [`plain_text`][care_justice_protocol._text.plain_text] for a docstring that leaves as plain
  words (JSON Schema descriptions): cross-references in the Markdown form the API reference
  renders (``[`JointCase`][care_justice_protocol.JointCase]``) and any Sphinx role left
  (``:class:`~care_justice_protocol.JointCase```) become the name alone.

HTML is escaped by [`care_justice_protocol.notebook`][care_justice_protocol.notebook]
(``html.escape``).

This is a foundation module (layer 1): it imports nothing from the package.

>>> terminal_text("C-0001\\x1b[31m red")
'C-0001\\\\x1b[31m red'
>>> terminal_text("a\\u202eb")
'a\\\\u202eb'
>>> csv_cell("=HYPERLINK(1)")
"'=HYPERLINK(1)"
>>> csv_cell("C-0001")
'C-0001'
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

__all__ = ["CSV_FORMULA_STARTS", "csv_cell", "is_unsafe_char", "plain_text", "terminal_text"]

#: First characters that make a spreadsheet read a CSV cell as a formula (OWASP).
CSV_FORMULA_STARTS: Final = frozenset("=+-@\t\r")

#: Categories never written raw: controls, format (bidi, zero-width), line and paragraph
#: separators, surrogates, private use and unassigned code points.
_UNSAFE_CATEGORIES: Final = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})

#: Fast check: a string of printable ASCII (and no backslash) needs no work.
_PLAIN: Final = re.compile(r"[ -\[\]-~]*")


def is_unsafe_char(char: str) -> bool:
    """Whether ``char`` must never reach a terminal raw (see the module docstring).

    >>> is_unsafe_char("\\x07"), is_unsafe_char("\\u2066"), is_unsafe_char("§")
    (True, True, False)
    """
    return unicodedata.category(char) in _UNSAFE_CATEGORIES


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def terminal_text(text: str, *, double_backslash: bool = True) -> str:
    """``text`` safe to write to a terminal: unsafe characters as escapes, ``\\`` doubled.

    Printable text (any script, ``§``, accents) is kept as it is; what the terminal's
    encoding cannot show is escaped when it is written (the ``cjp`` command writes with
    ``backslashreplace``). ``double_backslash=False`` keeps backslashes as they are (for
    messages whose values are already quoted with ``repr``).

    >>> terminal_text("line\\nforged row")
    'line\\\\x0aforged row'
    >>> terminal_text("§ 3.14.12")
    '§ 3.14.12'
    """
    if _PLAIN.fullmatch(text):
        return text
    out = []
    for char in text:
        if char == "\\":
            out.append("\\\\" if double_backslash else char)
        elif unicodedata.category(char) in _UNSAFE_CATEGORIES:
            out.append(_escape(char))
        else:
            out.append(char)
    return "".join(out)


def csv_cell(value: object) -> object:
    """A CSV cell value with the OWASP formula rule applied (other values unchanged).

    Strings starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return get a leading
    ``'``; numbers, ``None`` and other strings are returned as they are.

    >>> [csv_cell(v) for v in ("+1", "-", "@SUM(1)", "\\tx", "ok", 3, None)]
    ["'+1", "'-", "'@SUM(1)", "'\\tx", 'ok', 3, None]
    """
    if isinstance(value, str) and value and value[0] in CSV_FORMULA_STARTS:
        return "'" + value
    return value


#: A Markdown cross-reference as mkdocstrings/autorefs read it: ``[text][identifier]`` or
#: ``[text][]``; the text may be code (``[`name`][...]``).
_CROSS_REFERENCE: Final = re.compile(r"\[(?:`([^`\]]+)`|([^\]]+))\]\[[\w.]*\]")

#: A Sphinx role (``:class:`~a.B```, ``:meth:`title <a.B.c>```), for docstrings not yet
#: converted.
_SPHINX_ROLE: Final = re.compile(r":(?:py:)?[a-z]+:`(?:([^`<]*?)\s*<[^`>]+>|([~!]?)([^`]+))`")


def _role_words(match: re.Match[str]) -> str:
    title, short, target = match.groups()
    if title is not None:
        return str(title)
    return str(target.rsplit(".", 1)[-1] if short == "~" else target)


def plain_text(text: str) -> str:
    """``text`` with its cross-references as plain words: a docstring's words for elsewhere.

    A Markdown cross-reference (``[`JointCase`][care_justice_protocol.JointCase]``,
    ``[the caseload][care_justice_protocol.Caseload]``) becomes its text without the code
    marks; a Sphinx role becomes its title, or its target (the last part only with ``~``).
    Nothing else changes.

    >>> plain_text("A case of a [`Caseload`][care_justice_protocol.Caseload].")
    'A case of a Caseload.'
    >>> plain_text("See [the loader][care_justice_protocol.load_caseload] and [`x`][].")
    'See the loader and x.'
    >>> plain_text(":meth:`timeline`, :class:`~care_justice_protocol.JointCase`, :func:`a <b.c>`")
    'timeline, JointCase, a'
    >>> plain_text("a [list] [1] and ``code``")
    'a [list] [1] and ``code``'
    """
    if "[" not in text and ":" not in text:
        return text
    text = _CROSS_REFERENCE.sub(lambda m: m.group(1) or m.group(2), text)
    return _SPHINX_ROLE.sub(_role_words, text)
