"""State machines: the typed core, rendering, lifecycle, justice pathway and ladders.

Owns: [`Machine`][care_justice_protocol.Machine] and its guards (``_core``), Mermaid / Markdown
rendering (``_render``), the joint-case lifecycle (``_lifecycle``), the justice pathway with its
duties (``_justice``), dispute ladders and complaint paths built from plain data (``_ladders``:
any number of rungs; the protocol files declare them, and the compliance layer builds them
from a protocol), and registries of machines by name (``_registry``).

May import: calendar, model, statutory.
"""

import typing

from .._lazy import lazy_exports as _lazy_exports

if typing.TYPE_CHECKING:
    from ._core import (
        EventLike,
        Guard,
        InvalidMachineDefinition,
        InvalidTransition,
        Machine,
        Replay,
        StateSpec,
        Step,
        Transition,
        Translate,
    )
    from ._justice import (
        JUSTICE_PATHWAY,
        Duty,
        JusticeEvent,
        JusticeState,
        duties,
    )
    from ._ladders import (
        NO_TIMESCALE,
        ComplaintEvent,
        ComplaintState,
        ComplaintStatus,
        EscalationEvent,
        Ladder,
        LadderStatus,
        LadderTimescales,
        Level,
        ProbationDisagreementState,
        YosDisputeState,
        build_complaint_path,
        build_ladder,
    )
    from ._lifecycle import (
        CASE_WORKER_MEETING,
        JOINT_MEETING,
        JOINT_STATES,
        LIFECYCLE,
        LifecycleEvent,
        LifecycleOnDay,
        LifecycleState,
        lifecycle_on,
        read_lifecycle_event,
    )
    from ._registry import (
        CORE_MACHINES,
        machine_named,
        machine_registry,
    )
    from ._render import (
        to_markdown_table,
        to_mermaid,
    )

__all__ = [
    "NO_TIMESCALE",
    "ComplaintEvent",
    "ComplaintState",
    "ComplaintStatus",
    "EscalationEvent",
    "Ladder",
    "LadderStatus",
    "LadderTimescales",
    "Level",
    "ProbationDisagreementState",
    "YosDisputeState",
    "build_complaint_path",
    "build_ladder",
    "JUSTICE_PATHWAY",
    "Duty",
    "JusticeEvent",
    "JusticeState",
    "duties",
    "CASE_WORKER_MEETING",
    "JOINT_MEETING",
    "LIFECYCLE",
    "JOINT_STATES",
    "LifecycleEvent",
    "LifecycleOnDay",
    "LifecycleState",
    "lifecycle_on",
    "read_lifecycle_event",
    "EventLike",
    "Guard",
    "InvalidMachineDefinition",
    "InvalidTransition",
    "Machine",
    "Replay",
    "StateSpec",
    "Step",
    "Transition",
    "Translate",
    "to_markdown_table",
    "to_mermaid",
    "CORE_MACHINES",
    "machine_named",
    "machine_registry",
]

__getattr__, __dir__ = _lazy_exports(
    __name__,
    {
        "._core": (
            "EventLike",
            "Guard",
            "InvalidMachineDefinition",
            "InvalidTransition",
            "Machine",
            "Replay",
            "StateSpec",
            "Step",
            "Transition",
            "Translate",
        ),
        "._justice": (
            "JUSTICE_PATHWAY",
            "Duty",
            "JusticeEvent",
            "JusticeState",
            "duties",
        ),
        "._ladders": (
            "NO_TIMESCALE",
            "ComplaintEvent",
            "ComplaintState",
            "ComplaintStatus",
            "EscalationEvent",
            "Ladder",
            "LadderStatus",
            "LadderTimescales",
            "Level",
            "ProbationDisagreementState",
            "YosDisputeState",
            "build_complaint_path",
            "build_ladder",
        ),
        "._lifecycle": (
            "CASE_WORKER_MEETING",
            "JOINT_MEETING",
            "JOINT_STATES",
            "LIFECYCLE",
            "LifecycleEvent",
            "LifecycleOnDay",
            "LifecycleState",
            "lifecycle_on",
            "read_lifecycle_event",
        ),
        "._registry": (
            "CORE_MACHINES",
            "machine_named",
            "machine_registry",
        ),
        "._render": (
            "to_markdown_table",
            "to_mermaid",
        ),
    },
)
