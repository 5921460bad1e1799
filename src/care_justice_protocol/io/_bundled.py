"""The bundled example caseload: synthetic joint cases, no real people."""

from __future__ import annotations

from importlib import resources

from ..model._events import Caseload
from ._json import load_caseload

__all__ = ["example_caseload"]


def example_caseload() -> Caseload:
    """Load the bundled example caseload (~30 synthetic joint cases, no real people).

    Its dates are chosen so that, evaluated as of 2026-11-25, every obligation of both
    protocols is met on some case and not applicable on another.

    Examples:
        >>> len(example_caseload().cases) >= 25
        True
    """
    data = resources.files("care_justice_protocol.io.data").joinpath("example_caseload.json")
    return load_caseload(data.read_bytes())
