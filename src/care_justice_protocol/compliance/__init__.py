"""The compliance engine: results, matching, case and partnership evaluation.

Owns: :class:`Status` and its urgency order, :class:`ObligationResult`,
:class:`CaseloadReport`, event matching, and the evaluation of cases and of the
partnership (meetings, QA, the notes rotation).

May import: calendar, model, statutory, machines, protocols.
"""

from ._engine import (
    CaseloadReport,
    ObligationResult,
    Status,
    evaluate,
    evaluate_caseload,
    evaluate_partnership,
    notes_rotation,
    qa_sample,
)

__all__ = [
    "CaseloadReport",
    "ObligationResult",
    "Status",
    "evaluate",
    "evaluate_caseload",
    "evaluate_partnership",
    "notes_rotation",
    "qa_sample",
]
