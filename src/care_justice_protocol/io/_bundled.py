"""The bundled example caseloads (synthetic joint cases, no real people) and schema files."""

from __future__ import annotations

from importlib import resources
from typing import Final

from .._strict_json import MAX_DOCUMENT_BYTES
from ..model._events import Caseload
from ._json import _read_caseload, load_caseload
from ._protocols import BUNDLED_PROTOCOLS, PROTOCOL_TRANSITIONS_2021

__all__ = [
    "EXAMPLE_TRANSITION_PROTOCOLS",
    "example_caseload",
    "example_transition_caseload",
    "shipped_schema_text",
]

#: The protocols [`example_transition_caseload`][care_justice_protocol.example_transition_caseload]
#: is for: Salford's two and the national transitions protocol.
EXAMPLE_TRANSITION_PROTOCOLS: Final = (*BUNDLED_PROTOCOLS, PROTOCOL_TRANSITIONS_2021)


def example_caseload(*, strict: bool = False) -> Caseload:
    """Load the bundled example caseload (~30 synthetic joint cases, no real people).

    Its dates are chosen so that, evaluated as of 2026-11-25, every obligation of both
    protocols is met on some case and not applicable on another. One event names a
    service outside its dates on purpose (C-0015 shares with CRC after it ceased); the
    [`CareJusticeWarning`][care_justice_protocol.CareJusticeWarning] that loading the file gives for
    it is not repeated here.

    Args:
        strict: read it with every check, as ``load_caseload(..., strict=True)`` reads a
            file (``cjp check --strict`` with no file): its deliberate finding then
            refuses it with a [`ValidationError`][care_justice_protocol.ValidationError].

    Examples:
        >>> len(example_caseload().cases) >= 25
        True
        >>> from care_justice_protocol import ValidationError
        >>> try:
        ...     example_caseload(strict=True)
        ... except ValidationError as error:
        ...     print(error.errors[0].split(" @ ")[0])
        crc ceased to exist on 2021-06-25: an event on 2021-08-02 names it
    """
    data = resources.files("care_justice_protocol.io.data").joinpath("example_caseload.json")
    if strict:
        return load_caseload(data.read_bytes(), strict=True)
    # On purpose, case C-0015 shares a risk assessment with CRC on 2021-08-02, after CRC
    # ceased (25 June 2021): the dates check that load_caseload adds would warn of it, so
    # it is left out here (read_caseload of the file still gives the warning).
    return _read_caseload(data.read_bytes(), None, MAX_DOCUMENT_BYTES)


def example_transition_caseload() -> Caseload:
    """Load the bundled transition example: one Next Step young person under YOS
    supervision who turns 18 and moves to the Probation Service (synthetic, no real person).

    Case ``C-0101`` is a joint case of 3.14.12 (YOS and Next Step) from the YOS allocation
    after a community order; the YOS prepares the transfer under the national transitions
    protocol (``transitions-2021``), the case is transferred to the Probation Service on
    Mon 28 Sep 2026 and the Probation Service becomes responsible (3.14.13). Its events
    include the transitions protocol's own event types, so it is read with
    [`EXAMPLE_TRANSITION_PROTOCOLS`][care_justice_protocol.EXAMPLE_TRANSITION_PROTOCOLS] and
    evaluated with them.

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import evaluate
        >>> (case,) = example_transition_caseload().cases
        >>> results = evaluate(case, date(2026, 11, 25), protocol=EXAMPLE_TRANSITION_PROTOCOLS)
        >>> for r in results:
        ...     if r.obligation.startswith("transitions-2021/"):
        ...         print(r.obligation.split("/", 1)[1], r.status, r.met_on or "-")
        guidance-1/prepare-before-transfer met 2026-03-16
        guidance-2/transition-plan-in-sentence-plan met 2026-05-12
        guidance-2/plan-developed-with-child-and-family overdue -
        guidance-5/planned-introductions met 2026-08-19
        guidance-8/information-before-transfer met 2026-09-23
        guidance-9/transition-reviewed no-timescale -
    """
    data = resources.files("care_justice_protocol.io.data").joinpath(
        "example_transition_caseload.json"
    )
    return _read_caseload(data.read_bytes(), EXAMPLE_TRANSITION_PROTOCOLS, MAX_DOCUMENT_BYTES)


def shipped_schema_text(name: str) -> str:
    """The text of the JSON Schema file ``<name>.schema.json`` shipped in the package.

    The files are written by ``scripts/write_schemas.py`` from the code
    (``care_justice_protocol.io._published``).

    >>> shipped_schema_text("results").startswith("{")
    True
    """
    folder = resources.files("care_justice_protocol.io.data").joinpath("schemas")
    return folder.joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
