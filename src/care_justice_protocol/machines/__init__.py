"""State machines: the typed core, rendering, lifecycle, justice pathway and ladders.

Owns: :class:`Machine` and its guards (``_core``), Mermaid / Markdown rendering
(``_render``), the joint-case lifecycle (``_lifecycle``), the justice pathway with its duties
(``_justice``), the dispute ladders and the complaint path (``_ladders``), and one registry
of every machine by name (``_registry``).

May import: calendar, model, statutory.
"""

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
    COMPLAINT_PATH,
    NO_TIMESCALE,
    PROBATION_NEXT_STEP_LADDER,
    YOS_NEXT_STEPS_LADDER,
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
    complaint_status,
    ladder_for,
    ladder_status,
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
    MACHINES,
    machine_named,
)
from ._render import (
    to_markdown_table,
    to_mermaid,
)

__all__ = [
    "COMPLAINT_PATH",
    "NO_TIMESCALE",
    "PROBATION_NEXT_STEP_LADDER",
    "YOS_NEXT_STEPS_LADDER",
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
    "complaint_status",
    "ladder_for",
    "ladder_status",
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
    "MACHINES",
    "machine_named",
]
