"""Protocol files: reading a council's protocol, and the protocols bundled with the package.

Parsing and checking are [`care_justice_protocol.protocols`][care_justice_protocol.protocols]'s
([`protocol_from_text`][care_justice_protocol.protocol_from_text]); this module reads the bytes.
Salford's 3.14.12 and 3.14.13 and the national transitions protocol (``transitions-2021``)
ship as TOML files inside the package (``care_justice_protocol/io/data/protocols/``) and are
read by the same loader a council's file goes through.

Which are the default: [`BUNDLED_PROTOCOLS`][care_justice_protocol.BUNDLED_PROTOCOLS], the set the
edges (``cjp``, the notebook helpers, the testing kit) use when none is named, is Salford's two. The
transitions protocol is shipped and available by id
([`ALL_PROTOCOLS`][care_justice_protocol.ALL_PROTOCOLS], ``cjp check --protocol transitions-2021``)
but is not in the default set: there it would add a result for each of its obligations to every case
of every caseload evaluated by default (not applicable on a case with no transfer), change every
count the example caseload gives in the README, the docs and the tests, and make every caseload be
read with its vocabulary. A caseload that records transfers names it with Salford's
([`example_transition_caseload`][care_justice_protocol.example_transition_caseload] does).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Final

from ..protocols._document import (
    MAX_PROTOCOL_BYTES,
    ProtocolFileError,
    protocol_from_text,
    toml_line,
)
from ..protocols._rules import Obligation, PeriodicObligation, Protocol, UnknownObligationError
from ..protocols._sharing import SharingRule, sharing_rules
from ._files import InputFileError, read_bytes

__all__ = [
    "ALL_PROTOCOLS",
    "BUNDLED_PROTOCOLS",
    "BUNDLED_PROTOCOL_FILES",
    "SHARING_RULES",
    "PROTOCOL_3_14_12",
    "PROTOCOL_3_14_13",
    "PROTOCOL_TRANSITIONS_2021",
    "load_protocol",
    "obligation_by_id",
    "read_protocol",
]

#: The bundled protocol files, by protocol id (names inside the package's data).
BUNDLED_PROTOCOL_FILES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "3.14.12": "salford-3.14.12.toml",
        "3.14.13": "salford-3.14.13.toml",
        "transitions-2021": "yjb-transitions-2021.toml",
    }
)


def _format_of(name: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix == ".toml":
        return "toml"
    raise InputFileError(
        f"cannot tell the format of {name!r}: a protocol file ends in .toml or .json", name
    )


def _text_of(data: bytes, name: str) -> str:
    if len(data) > MAX_PROTOCOL_BYTES:
        raise ProtocolFileError(
            [f"protocol file too large: at most {MAX_PROTOCOL_BYTES} bytes"], path=name
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProtocolFileError(
            [f"not UTF-8 text: invalid byte at offset {error.start} of {name!r}"], path=name
        ) from None


def read_protocol(path: str | os.PathLike[str]) -> Protocol:
    """Read, parse and check the protocol file at ``path`` (``.toml`` or ``.json``).

    Raises:
        InputFileError: the file cannot be read, or its name ends in neither suffix.
        ProtocolFileError: the file does not parse or check (every problem, with its path
            in the document; the message and ``ProtocolFileError.path`` name the file).

    Examples:
        >>> read_protocol("no/such/protocol.toml")
        Traceback (most recent call last):
        ...
        care_justice_protocol.io._files.InputFileError: no such file: 'no/such/protocol.toml'
    """
    name = os.fspath(path)
    fmt = _format_of(name)
    data = read_bytes(name, max_bytes=MAX_PROTOCOL_BYTES)
    try:
        return protocol_from_text(_text_of(data, name), format=fmt)
    except ProtocolFileError as error:
        if error.path is not None:
            raise
        raise ProtocolFileError(error.errors, path=name, lines=error.lines) from None


def protocol_file_line(path: str | os.PathLike[str], problem: str) -> int | None:
    """The line of the TOML protocol file at ``path`` that a ``"message @ $.path"``
    problem found outside the loader (a clash between files) is about, or ``None`` (a
    JSON file, a file that cannot be read now)."""
    name = os.fspath(path)
    if not name.lower().endswith(".toml"):
        return None
    try:
        text = read_bytes(name, max_bytes=MAX_PROTOCOL_BYTES).decode("utf-8")
    except (InputFileError, UnicodeDecodeError):
        return None
    return toml_line(text, problem)


def load_protocol(path_or_text: str | os.PathLike[str]) -> Protocol:
    """A protocol from a file path, or from TOML or JSON text.

    A ``os.PathLike`` is always a path. A string is read as text when it holds a
    line break or starts with ``{`` (JSON); otherwise it is a path.

    Raises:
        InputFileError: a path that cannot be read.
        ProtocolFileError: the document does not parse or check.

    Examples:
        >>> text = '''
        ... format_version = 1
        ... [protocol]
        ... id = "demo"
        ... title = "A demonstration"
        ... parties = ["yos"]
        ... [[versions]]
        ... id = "v1"
        ... label = "first"
        ... [vocabulary.services.yos]
        ... label = "Youth Offending Service"
        ... '''
        >>> load_protocol(text).parties_on(__import__("datetime").date(2026, 1, 1))
        ('yos',)
    """
    if isinstance(path_or_text, str):
        stripped = path_or_text.lstrip()
        if "\n" in path_or_text or stripped.startswith("{"):
            return protocol_from_text(
                path_or_text, format="json" if stripped.startswith("{") else "toml"
            )
    return read_protocol(path_or_text)


def _bundled(protocol_id: str) -> Protocol:
    name = BUNDLED_PROTOCOL_FILES[protocol_id]
    data = resources.files("care_justice_protocol.io.data.protocols").joinpath(name).read_bytes()
    return protocol_from_text(_text_of(data, name), format="toml")


#: 3.14.12, Salford YOS and Next Steps, read from its bundled file.
PROTOCOL_3_14_12: Final = _bundled("3.14.12")
#: 3.14.13, Salford NPS, CRC and Next Step, read from its bundled file.
PROTOCOL_3_14_13: Final = _bundled("3.14.13")
#: The national transitions protocol (YJB, Probation Service and HMPPS, June 2021, and the
#: guidance "How to manage transitions"), read from its bundled file; not in the default
#: set [`BUNDLED_PROTOCOLS`][care_justice_protocol.BUNDLED_PROTOCOLS] (see the module docstring).
PROTOCOL_TRANSITIONS_2021: Final = _bundled("transitions-2021")
#: Every protocol shipped with the package, by id (the default set and the others).
ALL_PROTOCOLS: Final[Mapping[str, Protocol]] = MappingProxyType(
    {
        PROTOCOL_3_14_12.id: PROTOCOL_3_14_12,
        PROTOCOL_3_14_13.id: PROTOCOL_3_14_13,
        PROTOCOL_TRANSITIONS_2021.id: PROTOCOL_TRANSITIONS_2021,
    }
)
#: The default set: Salford's two protocols in id order, as the ``protocol=`` argument of
#: the evaluators (the edges use it when no protocol is named).
BUNDLED_PROTOCOLS: Final[tuple[Protocol, ...]] = (PROTOCOL_3_14_12, PROTOCOL_3_14_13)
#: Every sharing rule of the bundled protocols
#: ([`sharing_rules`][care_justice_protocol.sharing_rules]).
SHARING_RULES: Final[tuple[SharingRule, ...]] = sharing_rules(BUNDLED_PROTOCOLS)


def obligation_by_id(obligation_id: str) -> Obligation | PeriodicObligation:
    """Look an obligation up by its id in the bundled protocols.

    Examples:
        >>> obligation_by_id("3.14.12/2/meet-within-15-working-days").clause
        '3.14.12 §2'

    Raises:
        UnknownObligationError: no such obligation (the message lists the protocols' ids);
            also an ``InvalidArgumentError`` and a ``KeyError``.
    """
    protocol = (
        ALL_PROTOCOLS.get(obligation_id.split("/", 1)[0])
        if isinstance(obligation_id, str)
        else None
    )
    if protocol is not None:
        try:
            return protocol.obligation(obligation_id)
        except UnknownObligationError:
            pass
    known = tuple(
        i
        for p in ALL_PROTOCOLS.values()
        for i in (*(o.id for o in p.obligations), *(q.id for q in p.periodic))
    )
    raise UnknownObligationError((obligation_id,), known, "the bundled protocols")
