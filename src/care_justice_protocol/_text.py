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

Docstring text shown outside the API reference (JSON Schema descriptions, ``--help``) goes
through ``plain_text``, which turns Sphinx roles and Markdown cross-references into
plain words.

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


#: A Sphinx role: ``:meth:`timeline```, ``:func:`~a.b.load` ``, ``:class:`words <a.B>` ``.
_ROLE: Final = re.compile(r":(?:py:)?[a-z]+:`(~?)([^`<]*?)(?:\s*<([^`>]*)>)?`")
#: A Markdown (autorefs) cross-reference: ``[`JointCase`][care_justice_protocol.JointCase]``
#: or ``[JointCase][]``.
_CROSS_REF: Final = re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]")
#: An inline literal: ````x```` (reStructuredText) or ```x``` (Markdown).
_LITERAL: Final = re.compile(r"``([^`]+)``|`([^`]+)`")


def _role_words(match: re.Match[str]) -> str:
    tilde, text, target = match.groups()
    if target is not None:  # :class:`words <a.B>`: the words
        return text.strip() or target
    return text.rsplit(".", 1)[-1] if tilde else text


def plain_text(text: str) -> str:
    """Docstring text as plain words: no Sphinx roles, cross-references or literal marks.

    A role keeps its target (the last part with ``~``), a cross-reference its words, an
    inline literal its text; anything else is left as it is.

    >>> plain_text("Use :meth:`timeline` or :func:`~care_justice_protocol.load_case`.")
    'Use timeline or load_case.'
    >>> plain_text("A [`JointCase`][care_justice_protocol.JointCase] of ``events``.")
    'A JointCase of events.'
    >>> plain_text("See [the loader][care_justice_protocol.load_caseload] and `at_role`.")
    'See the loader and at_role.'
    """
    text = _ROLE.sub(_role_words, text)
    text = _CROSS_REF.sub(lambda m: m.group(1), text)
    return _LITERAL.sub(lambda m: m.group(1) or m.group(2), text)
