"""Identifiers that may display as another one: mixed scripts and confusables, at load.

The model refuses what an identifier may never hold (control, format and invisible
characters; see [`identifier_problem`][care_justice_protocol.identifier_problem]). What it allows
can still deceive: a Cyrillic ES (U+0421) looks like the Latin ``C``, so a case
``"\u0421-0001"`` beside ``"C-0001"`` would show as the same child. Loading a document warns
([`CareJusticeWarning`][care_justice_protocol.CareJusticeWarning]; with ``strict=True``, refuses)
about:

* a **mixed-script** identifier: one whose characters belong to no single script, as
  UTS #39 section 5.1 defines it (each character's Script_Extensions, Common and
  Inherited going with any script, Han augmented with Japanese, Korean and Bopomofo);
  ``"\u0421ase-1"`` mixes Cyrillic and Latin, ``"\u0421-0001"`` does not;
* two **confusable** identifiers in the same document: different strings with the same
  skeleton (UTS #39 section 4: NFD, each character replaced by its prototype from
  ``confusables.txt``, NFD again), at least one of them outside ASCII. Pairs of ASCII
  identifiers (``O`` and ``0``, ``l``, ``1`` and ``I``, ``rn`` and ``m``) are left to the
  council's own identifier scheme: every scheme with letters and digits has them, and
  checking them would mean a skeleton for every identifier of every load.

The identifiers compared are those of the model's identifier fields (case, young person,
staff and disagreement ids, ``recorded_by``, ``worker_id``, attendees, the case ids and
``by`` of meetings and quality assurance); the string fields of event types a protocol
file declares keep to the alphabet but are not compared.

Each warning names the paths, and shows the identifiers with ``ascii``, so the
difference is visible (``'\\u0421-0001'``). The data come from Unicode's files, turned into
``io/data/identifier_tables.txt`` by ``scripts/gen_identifier_tables.py`` (which says which
versions), and are read the first time a document holds an identifier outside ASCII: a
document of ASCII identifiers costs nothing more than the alphabet check.

>>> skeleton("\u0421-0001") == skeleton("C-0001"), skeleton("C-0001")
(True, 'C-OOOl')
>>> script_names("\u0421ase-1"), script_names("\u0421-0001")
(('Cyrillic', 'Latin'), ())
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import unicodedata
import warnings
from collections.abc import Iterator
from contextvars import ContextVar
from importlib import resources
from typing import Any, Final

from .._errors import CareJusticeWarning, ValidationError
from .._gc import gc_paused
from ..model._constraints import (
    Many,
    Maybe,
    Meaning,
    Record,
    Scalar,
    Tagged,
    fields_of,
    is_identifier,
)
from ..model._events import Caseload, DeclaredEvent, JointCase

__all__ = [
    "check_identifiers",
    "identifier_ok",
    "identifier_warnings",
    "script_names",
    "skeleton",
    "watching_identifiers",
]

#: The most identifier warnings one load gives (then one counting the others).
_MAX_WARNINGS: Final = 50

#: Set while a document is read: ``[True]`` once an identifier outside ASCII was read.
_SEEN: ContextVar[list[bool] | None] = ContextVar("cjp_identifier_outside_ascii", default=None)


def identifier_ok(value: str) -> bool:
    """[`is_identifier`][care_justice_protocol.model.is_identifier], noting an identifier outside
    ASCII.

    The loaders' fast path calls it for every identifier that is not plain ASCII.
    """
    if not is_identifier(value):
        return False
    if not value.isascii():
        seen = _SEEN.get()
        if seen is not None:
            seen[0] = True
    return True


@contextlib.contextmanager
def watching_identifiers() -> Iterator[list[bool]]:
    """While reading a document: ``box[0]`` becomes true when an identifier outside ASCII
    is read (per thread and task: a context variable)."""
    box = [False]
    token = _SEEN.set(box)
    try:
        yield box
    finally:
        _SEEN.reset(token)


# --------------------------------------------------------------------------- the tables


@functools.cache
def _tables() -> tuple[dict[int, str], list[int], list[int], list[frozenset[str]], dict[str, str]]:
    """The confusables, the script ranges (starts, ends, sets) and the script names."""
    text = (
        resources.files("care_justice_protocol.io.data")
        .joinpath("identifier_tables.txt")
        .read_text(encoding="utf-8")
    )
    prototypes: dict[int, str] = {}
    starts: list[int] = []
    ends: list[int] = []
    sets: list[frozenset[str]] = []
    names: dict[str, str] = {}
    for line in text.splitlines():
        kind, _, rest = line.partition(" ")
        fields = rest.split()
        if kind == "c":
            prototypes[int(fields[0], 16)] = "".join(chr(int(f, 16)) for f in fields[1:])
        elif kind == "s":
            starts.append(int(fields[0], 16))
            ends.append(int(fields[1], 16))
            sets.append(_augmented(frozenset(fields[2:])))
        elif kind == "n":
            names[fields[0]] = fields[1]
    return prototypes, starts, ends, sets, names


def _augmented(scripts: frozenset[str]) -> frozenset[str]:
    """UTS #39 section 5.1: Han, Hiragana, Katakana, Hangul and Bopomofo augmented."""
    extra: set[str] = set()
    if "Hani" in scripts:
        extra |= {"Hanb", "Jpan", "Kore"}
    if scripts & {"Hira", "Kana"}:
        extra.add("Jpan")
    if "Hang" in scripts:
        extra.add("Kore")
    if "Bopo" in scripts:
        extra.add("Hanb")
    return scripts | extra if extra else scripts


def skeleton(value: str) -> str:
    """The UTS #39 skeleton of ``value``: NFD, each character's prototype, NFD again.

    >>> skeleton("rn") == skeleton("m"), skeleton("\u0405-1") == skeleton("S-1")
    (True, True)
    """
    prototypes = _tables()[0]
    mapped = unicodedata.normalize("NFD", value).translate(prototypes)
    return unicodedata.normalize("NFD", mapped)


def _scripts_of(char: str) -> frozenset[str] | None:
    """The augmented script set of ``char`` (``None``: Common or Inherited, any script)."""
    _, starts, ends, sets, _ = _tables()
    code = ord(char)
    at = bisect.bisect_right(starts, code) - 1
    if at >= 0 and code <= ends[at]:
        return sets[at]
    return None


def script_names(value: str) -> tuple[str, ...]:
    """The scripts ``value`` mixes, by name (empty: a single script, UTS #39 section 5.1).

    >>> script_names("C-0001"), script_names("日本語カナ"), script_names("Ab\u0391")
    ((), (), ('Greek', 'Latin'))
    """
    resolved: frozenset[str] | None = None
    seen: list[frozenset[str]] = []
    for char in value:
        scripts = _scripts_of(char)
        if scripts is None:
            continue
        seen.append(scripts)
        resolved = scripts if resolved is None else resolved & scripts
    if resolved is None or resolved:
        return ()
    names = _tables()[4]
    shown = {code for scripts in seen for code in scripts if code in names}
    return tuple(sorted(names[code] for code in shown))


# --------------------------------------------------------------------------- the walk

#: For each class: (attribute, how it holds identifiers or records, ``".attribute"``).
_Plan = tuple[tuple[str, str, str], ...]


@functools.cache
def _plan(cls: Any) -> _Plan:
    """Where the identifiers of ``cls`` are: ``id``, ``ids``, ``record``, ``records``."""
    out: list[tuple[str, str, str]] = []
    for field in fields_of(cls):
        shape = field.shape
        if isinstance(shape, Maybe):
            shape = shape.inner
        many = isinstance(shape, Many)
        if isinstance(shape, Many):
            shape = shape.item
        if isinstance(shape, Scalar) and shape.constraint.meaning is Meaning.IDENTIFIER:
            out.append((field.name, "ids" if many else "id", f".{field.name}"))
        elif isinstance(shape, Record | Tagged):
            out.append((field.name, "records" if many else "record", f".{field.name}"))
    return tuple(out)


#: A path being walked, built as nested tuples (``(parent, ".name")`` or
#: ``(parent, ".name", index)``) and written out only for an identifier's first place.
_At = Any


def _written(at: _At) -> str:
    parts: list[str] = []
    while type(at) is tuple:
        parent, name, *index = at
        parts.append(f"{name}[{index[0]}]" if index else name)
        at = parent
    root: str = at
    return root + "".join(reversed(parts))


def _collect(value: Any, at: _At, first: dict[str, _At]) -> None:
    """Note in ``first`` where each identifier of ``value`` is first named."""
    cls: Any = type(value)
    if cls is DeclaredEvent:  # its declared fields are the protocol file's
        if value.recorded_by not in first:
            first[value.recorded_by] = (at, ".recorded_by")
        return
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _plan(cls)
    for name, how, dotted in plan:
        held = getattr(value, name)
        if held is None:
            continue
        if how == "id":
            if held not in first:
                first[held] = (at, dotted)
        elif how == "ids":
            for index, item in enumerate(held):
                if item not in first:
                    first[item] = (at, dotted, index)
        elif how == "record":
            _collect(held, (at, dotted), first)
        else:
            for index, item in enumerate(held):
                _collect(item, (at, dotted, index), first)


_PLANS: Final[dict[type, _Plan]] = {}


def identifier_warnings(document: Caseload | JointCase, path: str = "$") -> list[str]:
    """The mixed-script and confusable identifiers of ``document`` (see the module).

    Each message names the path (both paths, for a confusable pair), e.g.
    ``"identifier '\\u0421-0001' @ $.cases[1].case_id is confusable with 'C-0001' @
    $.cases[0].case_id (the same UTS #39 skeleton): they may display alike"``.
    """
    places: dict[str, _At] = {}
    with gc_paused():  # the paths are tuples: no collection of the whole caseload for them
        _collect(document, path, places)
    outside = [ident for ident in places if not ident.isascii()]
    if not outside:
        return []
    first = _Paths(places)
    out = []
    for ident in outside:
        mixed = script_names(ident)
        if mixed:
            out.append(f"identifier {ident!a} mixes scripts ({', '.join(mixed)}) @ {first[ident]}")
    keys = {skeleton(ident) for ident in outside}
    groups: dict[str, list[str]] = {}
    for ident in first:  # in document order
        key = skeleton(ident)
        if key in keys:
            groups.setdefault(key, []).append(ident)
    for members in groups.values():
        head = members[0]
        for other in members[1:]:
            if head.isascii() and other.isascii():
                continue
            out.append(
                f"identifier {other!a} @ {first[other]} is confusable with {head!a} "
                f"@ {first[head]} (the same UTS #39 skeleton): they may display alike"
            )
    if len(out) > _MAX_WARNINGS:
        out = [*out[:_MAX_WARNINGS], f"... and {len(out) - _MAX_WARNINGS} more identifiers"]
    return out


class _Paths(dict[str, str]):
    """The first path of each identifier, written out when asked for."""

    def __init__(self, places: dict[str, _At]) -> None:
        super().__init__()
        self.places = places

    def __missing__(self, ident: str) -> str:
        written: str = _written(self.places[ident])
        self[ident] = written
        return written

    def __iter__(self) -> Any:
        return iter(self.places)


def check_identifiers(
    document: Caseload | JointCase,
    *,
    strict: bool = False,
    stacklevel: int = 2,
    path: str = "$",
) -> list[str]:
    """Warn about (or, *strict*, refuse) the identifiers ``identifier_warnings`` finds.

    Raises:
        ValidationError: in strict mode, listing every one.
    """
    problems = identifier_warnings(document, path)
    if problems and strict:
        what = "caseload" if isinstance(document, Caseload) else "case"
        raise ValidationError(problems, what=what)
    for problem in problems:
        warnings.warn(problem, CareJusticeWarning, stacklevel=stacklevel + 1)
    return problems
