"""The compliance engine: results, matching, case and partnership evaluation.

Owns: [`Status`][care_justice_protocol.Status] and its urgency order,
[`ObligationResult`][care_justice_protocol.ObligationResult],
[`CaseloadReport`][care_justice_protocol.CaseloadReport] (``_results``), event matching
(``_matching``), the evaluation of a case (``_engine``) and of the partnership - meetings, QA, the
notes rotation - and of a whole caseload (``_partnership``), and the disagreement ladders and
complaint routes of any loaded protocols, with where a case's disagreements and complaints stand
(``_escalation``).

May import: calendar, model, statutory, machines, protocols.
"""

import typing

from .._lazy import lazy_exports as _lazy_exports

if typing.TYPE_CHECKING:
    from ._engine import evaluate
    from ._escalation import (
        complaint_path_of,
        complaint_status,
        ladder_for,
        ladder_of,
        ladder_status,
        ladders_of,
        protocol_machines,
    )
    from ._partnership import (
        PROGRESS_EVERY,
        evaluate_caseload,
        evaluate_partnership,
        joint_case_ids,
        notes_rotation,
        qa_sample,
    )
    from ._results import (
        STATUSES_BY_URGENCY,
        URGENCY,
        CaseloadReport,
        ObligationResult,
        RefusedCase,
        Status,
        urgency_key,
        who_must_act,
        workers_on,
    )

__all__ = [
    "PROGRESS_EVERY",
    "STATUSES_BY_URGENCY",
    "URGENCY",
    "CaseloadReport",
    "ObligationResult",
    "RefusedCase",
    "Status",
    "urgency_key",
    "who_must_act",
    "workers_on",
    "evaluate",
    "evaluate_caseload",
    "evaluate_partnership",
    "joint_case_ids",
    "notes_rotation",
    "qa_sample",
    "complaint_path_of",
    "complaint_status",
    "ladder_for",
    "ladder_of",
    "ladder_status",
    "ladders_of",
    "protocol_machines",
]

__getattr__, __dir__ = _lazy_exports(
    __name__,
    {
        "._engine": ("evaluate",),
        "._escalation": (
            "complaint_path_of",
            "complaint_status",
            "ladder_for",
            "ladder_of",
            "ladder_status",
            "ladders_of",
            "protocol_machines",
        ),
        "._partnership": (
            "PROGRESS_EVERY",
            "evaluate_caseload",
            "evaluate_partnership",
            "joint_case_ids",
            "notes_rotation",
            "qa_sample",
        ),
        "._results": (
            "STATUSES_BY_URGENCY",
            "URGENCY",
            "CaseloadReport",
            "ObligationResult",
            "RefusedCase",
            "Status",
            "urgency_key",
            "who_must_act",
            "workers_on",
        ),
    },
)
