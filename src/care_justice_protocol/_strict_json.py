"""The one strict JSON reader every document loader uses.

[`strict_json_loads`][care_justice_protocol.strict_json_loads] reads JSON text as ``json.loads``
does, and refuses what the
standard library lets through silently:

* a **document over the size bound**
  ([`MAX_DOCUMENT_BYTES`][care_justice_protocol.MAX_DOCUMENT_BYTES] by default; the file readers
  read no more than the bound and one byte);
* a **key given twice in one object** (``json.loads`` keeps the last: a second
  ``"cases": []`` would drop every case), reported with the object's path;
* ``NaN``, ``Infinity`` and ``-Infinity``, which are not JSON (RFC 8259 section 6);
* bad UTF-8, and nesting too deep.

Problems are reported as ``"message @ $.path"`` lines in
[`StrictJSONError`][care_justice_protocol.StrictJSONError]; values are never quoted (a document
holds children's data), keys are quoted cut to
[`MAX_ECHOED_CHARS`][care_justice_protocol.MAX_ECHOED_CHARS] characters.

This is a foundation module (layer 1): it imports only ``._errors``, so every layer's
loaders (``protocols`` and ``io``) can use it.

>>> strict_json_loads('{"a": [1, {"b": 2}]}')
{'a': [1, {'b': 2}]}
>>> try:
...     strict_json_loads('{"cases": [{"id": 1, "id": 2}], "v": 2, "v": 1}')
... except StrictJSONError as error:
...     print(*error.errors, sep="\\n")
the key 'v' is given more than once @ $
the key 'id' is given more than once @ $.cases[0]
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, Final

from ._errors import CareJusticeError

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "MAX_ECHOED_CHARS",
    "MAX_PROBLEMS",
    "StreamAbandonedError",
    "StrictJSONError",
    "cap_problems",
    "json_path",
    "shown_key",
    "strict_json_loads",
    "strict_json_stream",
    "too_large",
]

#: The largest document read by default: 128 MiB (several times a large council's
#: caseload; the strict reader and the file readers refuse anything larger).
MAX_DOCUMENT_BYTES: Final = 128 * 1024 * 1024
#: The most characters of a key (or other fragment of a document) a message quotes.
MAX_ECHOED_CHARS: Final = 80
#: The most problems an error lists (then one line counting the others): the strict
#: reader's, the document loaders' and the protocol files' alike.
MAX_PROBLEMS: Final = 50

_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class StrictJSONError(CareJusticeError, ValueError):
    """JSON text that the strict reader refuses.

    Attributes:
        errors: one ``"message @ $.path"`` line per problem (at most
            [`MAX_PROBLEMS`][care_justice_protocol.MAX_PROBLEMS], then one line counting the
            others).
    """

    def __init__(self, errors: list[str]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(self.errors))


def shown_key(key: str) -> str:
    """``key`` quoted for a message, cut to
    [`MAX_ECHOED_CHARS`][care_justice_protocol.MAX_ECHOED_CHARS] characters.

    >>> shown_key("cases"), shown_key("x" * 100)[-6:]
    ("'cases'", "xx...'")
    """
    if len(key) > MAX_ECHOED_CHARS:
        key = key[: MAX_ECHOED_CHARS - 3] + "..."
    return repr(key)


def json_path(path: str, key: str | int) -> str:
    """The path of ``key`` (an object key or an array index) inside ``path``.

    >>> json_path("$", "cases"), json_path("$.cases", 0), json_path("$", "a b")
    ('$.cases', '$.cases[0]', '$["a b"]')
    """
    if isinstance(key, int):
        return f"{path}[{key}]"
    if _NAME.fullmatch(key):
        return f"{path}.{key}"
    shown = key if len(key) <= MAX_ECHOED_CHARS else key[: MAX_ECHOED_CHARS - 3] + "..."
    return f"{path}[{json.dumps(shown)}]"


class _Repeated(dict[str, Any]):
    """An object in which a key was given more than once (the keys, in order)."""

    __slots__ = ("repeated",)
    repeated: tuple[str, ...]


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def cap_problems(errors: list[str], more: int = 0, limit: int = MAX_PROBLEMS) -> list[str]:
    """The first ``limit`` of ``errors``, then one line counting the others.

    ``more`` counts problems found but not kept (a loader stops keeping them at the bound).

    >>> cap_problems(["a", "b", "c"], limit=2)
    ['a', 'b', '... and 1 more problem']
    >>> cap_problems(["a"], more=9, limit=2)
    ['a', '... and 9 more problems']
    """
    total = len(errors) + more
    if total <= limit:
        return errors
    kept = errors[:limit]
    rest = total - len(kept)
    return [*kept, f"... and {rest} more problem{'' if rest == 1 else 's'}"]


def _repeats(value: Any, path: str) -> Iterator[str]:
    """Every repeated key inside ``value``, in document order."""
    stack: list[tuple[Any, str]] = [(value, path)]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            for key in getattr(node, "repeated", ()):
                yield f"the key {shown_key(key)} is given more than once @ {where}"
            stack.extend((v, json_path(where, k)) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((v, json_path(where, i)) for i, v in reversed(list(enumerate(node))))


def strict_json_loads(
    data: str | bytes,
    *,
    max_bytes: int | None = MAX_DOCUMENT_BYTES,
    max_problems: int = MAX_PROBLEMS,
) -> Any:
    """The value of the JSON text ``data``, read strictly (see the module docstring).

    Args:
        data: JSON text, as ``str`` or UTF-8 ``bytes``.
        max_bytes: the size bound in bytes (``None``: no bound).
        max_problems: the most problems listed (then a count of the others).

    Raises:
        StrictJSONError: every problem, as ``"message @ $.path"`` lines.

    Examples:
        >>> strict_json_loads('{"a": NaN}')
        Traceback (most recent call last):
        ...
        care_justice_protocol._strict_json.StrictJSONError: malformed JSON: NaN is not a \
JSON number @ $
        >>> strict_json_loads(b"[1, 2]", max_bytes=5)
        Traceback (most recent call last):
        ...
        care_justice_protocol._strict_json.StrictJSONError: document too large: more than \
5 bytes @ $
    """
    if too_large(data, max_bytes):
        raise StrictJSONError([f"document too large: more than {max_bytes} bytes @ $"])
    found = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal found
        out = dict(items)
        if len(out) == len(items):
            return out
        found = True
        repeated: list[str] = []
        seen: set[str] = set()
        for key, _ in items:
            if key in seen and key not in repeated:
                repeated.append(key)
            seen.add(key)
        marked = _Repeated(out)
        marked.repeated = tuple(repeated)
        return marked

    try:
        value = json.loads(data, object_pairs_hook=pairs, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        message = f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}) @ $"
        raise StrictJSONError([message]) from None
    except UnicodeDecodeError as exc:
        raise StrictJSONError([f"malformed JSON: not UTF-8 (byte {exc.start}) @ $"]) from None
    except RecursionError:
        raise StrictJSONError(["malformed JSON: nested too deeply @ $"]) from None
    except ValueError as exc:  # NaN / Infinity, a huge integer
        raise StrictJSONError([f"malformed JSON: {str(exc)[:200]} @ $"]) from None
    if found:
        raise StrictJSONError(cap_problems(list(_repeats(value, "$")), limit=max_problems))
    return value


def too_large(data: str | bytes, max_bytes: int | None) -> bool:
    """Whether ``data`` is over ``max_bytes`` bytes (as UTF-8, for ``str``).

    >>> too_large("é", 1), too_large(b"ab", 2), too_large("x" * 10, None)
    (True, False, False)
    """
    if max_bytes is None:
        return False
    size = len(data) if isinstance(data, bytes) else _utf8_size(data, max_bytes)
    return size > max_bytes


class StreamAbandonedError(Exception):
    """Raised by a ``strict_json_stream`` item hook: read the document another way."""


def _pairs_checker() -> tuple[Any, list[bool]]:
    """An ``object_pairs_hook`` that notes (in ``found[0]``) a key given twice."""
    found = [False]

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(items)
        if len(out) != len(items):
            found[0] = True
        return out

    return pairs, found


def strict_json_stream(
    text: str, key: str, item: Any, *, max_items: int | None = None
) -> dict[str, Any] | None:
    """The JSON object ``text``, each item of its array ``key`` handed to ``item`` as read.

    A large caseload's parsed JSON takes five times the memory of its text: reading one
    case at a time and keeping only what ``item(index, value)`` returns (the case built
    from it) means the parsed cases never all exist at once. The result is the object
    with that array replaced by the list of ``item``'s results.

    This is a fast path only: it returns ``None`` for anything but well-formed JSON whose
    top level is an object, with no key given twice anywhere, no ``NaN`` or ``Infinity``
    and at most ``max_items`` items in the array; or when ``item`` raises
    ``StreamAbandonedError``. The caller then reads the text with
    [`strict_json_loads`][care_justice_protocol.strict_json_loads], which says what is wrong. Values
    are parsed by the standard library's scanner, as
    [`strict_json_loads`][care_justice_protocol.strict_json_loads] parses them.

    >>> strict_json_stream('{"v": 1, "cases": [{"a": 1}, {"a": 2}]}', "cases",
    ...                    lambda i, c: (i, c["a"]))
    {'v': 1, 'cases': [(0, 1), (1, 2)]}
    >>> strict_json_stream('{"cases": [], "cases": []}', "cases", None) is None
    True
    """
    pairs, found = _pairs_checker()
    decoder = json.JSONDecoder(object_pairs_hook=pairs, parse_constant=_refuse_constant)
    scan = decoder.scan_once  # type: ignore[attr-defined]  # the scanner json.loads uses
    space = _skip
    out: dict[str, Any] = {}
    try:
        at = space(text, 0)
        if text[at : at + 1] != "{":
            return None
        at = space(text, at + 1)
        if text[at : at + 1] == "}":
            at += 1
        else:
            while True:
                if text[at : at + 1] != '"':
                    return None
                name, at = _scanstring(text, at + 1, True)
                if name in out:
                    return None
                at = space(text, at)
                if text[at : at + 1] != ":":
                    return None
                at = space(text, at + 1)
                if name == key and text[at : at + 1] == "[":
                    out[name], at = _stream_array(text, at, scan, item, max_items, found)
                else:
                    out[name], at = scan(text, at)
                at = space(text, at)
                if text[at : at + 1] == "}":
                    at += 1
                    break
                if text[at : at + 1] != ",":
                    return None
                at = space(text, at + 1)
        if space(text, at) != len(text):
            return None
    except (StopIteration, ValueError, RecursionError, StreamAbandonedError):
        return None
    return None if found[0] else out


#: The standard library's string scanner (what ``json.loads`` reads keys with).
_scanstring: Final[Any] = getattr(json.decoder, "scanstring")  # noqa: B009 - untyped
_SPACE: Final = re.compile(r"[ \t\n\r]*")


def _skip(text: str, at: int) -> int:
    """The index after the JSON whitespace at ``at``."""
    match = _SPACE.match(text, at)
    return at if match is None else match.end()


def _stream_array(
    text: str, at: int, scan: Any, item: Any, max_items: int | None, found: list[bool]
) -> tuple[list[Any], int]:
    space = _skip
    at = space(text, at + 1)
    items: list[Any] = []
    if text[at : at + 1] == "]":
        return items, at + 1
    while True:
        if max_items is not None and len(items) >= max_items:
            raise StreamAbandonedError
        value, at = scan(text, at)
        if found[0]:
            raise StreamAbandonedError
        items.append(item(len(items), value))
        del value  # the parsed item goes now: only what item() made of it stays
        at = space(text, at)
        if text[at : at + 1] == "]":
            return items, at + 1
        if text[at : at + 1] != ",":
            raise StreamAbandonedError
        at = space(text, at + 1)


def _utf8_size(text: str, bound: int) -> int:
    """The UTF-8 size of ``text``, or a size over ``bound`` as soon as it is known."""
    if len(text) * 4 <= bound:  # at most 4 bytes a character: no need to encode
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))
