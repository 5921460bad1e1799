"""Attach the notebook views to the domain types, so the domain never imports them.

[`care_justice_protocol.notebook`][care_justice_protocol.notebook] calls ``attach`` when it is
imported (and the package root imports it, so ``import care_justice_protocol`` is enough). Attaching
sets class attributes only: the frozen, slotted instances are untouched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..compliance._results import CaseloadReport, ObligationResult
from ..model._events import Caseload, JointCase
from ._frames import events_to_pandas, results_to_pandas
from ._html import case_html, caseload_html, report_html, result_html

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["attach"]


def _report_to_pandas(self: CaseloadReport) -> pd.DataFrame:
    """The results as a DataFrame, one row per result (needs the ``pandas`` extra).

    See [`results_to_pandas`][care_justice_protocol.results_to_pandas] for the columns and dtypes.

    Raises:
        MissingOptionalDependencyError: if pandas is not installed.
    """
    return results_to_pandas(self.results)


def _events_to_pandas(self: Caseload | JointCase) -> pd.DataFrame:
    """Every event as a DataFrame, one row per event (needs the ``pandas`` extra).

    See [`events_to_pandas`][care_justice_protocol.events_to_pandas] for the columns.

    Raises:
        MissingOptionalDependencyError: if pandas is not installed.
    """
    return events_to_pandas(self)


def _view(render: Any, doc: str) -> Any:
    def _repr_html_(self: object) -> str:
        return str(render(self))

    _repr_html_.__doc__ = doc
    return _repr_html_


#: (type, attribute, function): what ``attach`` sets.
_ATTACHMENTS: tuple[tuple[type, str, Any], ...] = (
    (JointCase, "_repr_html_",
     _view(case_html, "The case's ids, statuses and events as HTML (no personal data).")),
    (Caseload, "_repr_html_",
     _view(caseload_html, "Counts and one row per case as HTML (no personal data).")),
    (ObligationResult, "_repr_html_",
     _view(result_html, "The result as an HTML table, status coloured.")),
    (CaseloadReport, "_repr_html_",
     _view(report_html, "Counts per status and obligation, then the most urgent results.")),
    (CaseloadReport, "to_pandas", _report_to_pandas),
    (Caseload, "events_to_pandas", _events_to_pandas),
    (JointCase, "events_to_pandas", _events_to_pandas),
)  # fmt: skip


def attach() -> None:
    """Set each view on its domain type (idempotent)."""
    for cls, name, function in _ATTACHMENTS:
        function.__qualname__ = f"{cls.__name__}.{name}"
        setattr(cls, name, function)
