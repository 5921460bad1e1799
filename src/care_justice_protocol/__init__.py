"""care_justice_protocol: the Salford care-leaver / criminal-justice protocols, executable.

The public API is re-exported here; implementation lives in private modules.
"""

from ._calendar import BankHolidays, WorkingCalendar
from ._deadlines import Deadline, MonthsAfter, WorkingDaysAfter
from ._errors import (
    CareJusticeError,
    CareJusticeWarning,
    DateOutOfRangeError,
    InvalidArgumentError,
    InvalidDateTypeError,
    ValidationError,
)
from ._escalation import (
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
from ._justice import JUSTICE_PATHWAY, Duty, JusticeEvent, JusticeState, duties
from ._lifecycle import (
    CASE_WORKER_MEETING,
    JOINT_MEETING,
    LIFECYCLE,
    LifecycleEvent,
    LifecycleState,
    read_lifecycle_event,
)
from ._machines import (
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
    to_markdown_table,
    to_mermaid,
)
from ._periods import (
    Period,
    PeriodPolicy,
    Recurrence,
    RecurrenceSlot,
    add_months,
    anchored_dates,
)
from ._version import __version__

__all__ = [
    # calendar
    "BankHolidays",
    "WorkingCalendar",
    # periods and deadlines
    "Deadline",
    "MonthsAfter",
    "Period",
    "PeriodPolicy",
    "Recurrence",
    "RecurrenceSlot",
    "WorkingDaysAfter",
    "add_months",
    "anchored_dates",
    # machine core
    "EventLike",
    "Guard",
    "Machine",
    "Replay",
    "StateSpec",
    "Step",
    "Transition",
    "Translate",
    "to_markdown_table",
    "to_mermaid",
    # joint-case lifecycle
    "CASE_WORKER_MEETING",
    "JOINT_MEETING",
    "LIFECYCLE",
    "LifecycleEvent",
    "LifecycleState",
    "read_lifecycle_event",
    # justice pathway
    "JUSTICE_PATHWAY",
    "Duty",
    "JusticeEvent",
    "JusticeState",
    "duties",
    # dispute ladders and complaints
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
    # errors and warnings
    "CareJusticeError",
    "CareJusticeWarning",
    "DateOutOfRangeError",
    "InvalidArgumentError",
    "InvalidDateTypeError",
    "InvalidMachineDefinition",
    "InvalidTransition",
    "ValidationError",
    # metadata
    "__version__",
]
