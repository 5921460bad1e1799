"""The bundled example caseload: synthetic joint cases, no real people."""

from __future__ import annotations

from importlib import resources

from .._strict_json import MAX_DOCUMENT_BYTES
from ..model._events import Caseload
from ._json import _read_caseload

__all__ = ["example_caseload"]


def example_caseload() -> Caseload:
    """Load the bundled example caseload (~30 synthetic joint cases, no real people).

    Its dates are chosen so that, evaluated as of 2026-11-25, every obligation of both
    protocols is met on some case and not applicable on another. One event names a
    service outside its dates on purpose (C-0015 shares with CRC after it ceased); the
    :class:`~care_justice_protocol.CareJusticeWarning` that loading the file gives for it
    is not repeated here.

    Examples:
        >>> len(example_caseload().cases) >= 25
        True
    """
    data = resources.files("care_justice_protocol.io.data").joinpath("example_caseload.json")
    # On purpose, case C-0015 shares a risk assessment with CRC on 2021-08-02, after CRC
    # ceased (25 June 2021): the dates check that load_caseload adds would warn of it, so
    # it is left out here (read_caseload of the file still gives the warning).
    return _read_caseload(data.read_bytes(), None, MAX_DOCUMENT_BYTES)
