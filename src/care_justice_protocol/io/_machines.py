"""The machines of the bundled protocols: Salford's ladders, its complaint path, the registry.

Salford's escalation ladders and complaint route are declared in its bundled protocol
files, like a council's; these are their built forms, and
[`MACHINES`][care_justice_protocol.MACHINES] is the registry of every machine for the bundled
protocols (the core machines, then the protocols' own), which ``cjp machines`` and
``scripts/gen_machine_docs.py`` draw.

Examples:
    >>> list(MACHINES)
    ['joint-case-lifecycle', 'justice-pathway', 'yos-next-steps-disputes', \
'probation-next-step-disagreements', 'complaint-path']
    >>> YOS_NEXT_STEPS_LADDER.machine is MACHINES["yos-next-steps-disputes"]
    True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from ..compliance._escalation import complaint_path_of, ladder_of, protocol_machines
from ..machines._core import Machine
from ..machines._ladders import ComplaintEvent, Ladder
from ..machines._registry import machine_registry
from ..protocols._rules import Protocol
from ._protocols import BUNDLED_PROTOCOLS, PROTOCOL_3_14_12, PROTOCOL_3_14_13

__all__ = ["COMPLAINT_PATH", "MACHINES", "PROBATION_NEXT_STEP_LADDER", "YOS_NEXT_STEPS_LADDER"]


def _ladder(protocol: Protocol, name: str) -> Ladder[str]:
    (spec,) = (s for s in protocol.ladders if s.id == name)
    return ladder_of(spec, protocol)


def _complaints(protocol: Protocol, name: str) -> Machine[str, ComplaintEvent]:
    (route,) = (r for r in protocol.complaints if r.id == name)
    return complaint_path_of(route)


#: The 3.14.12 §5 ladder: Operational Managers, Heads of Service, Assistant Director.
YOS_NEXT_STEPS_LADDER: Final = _ladder(PROTOCOL_3_14_12, "yos-next-steps-disputes")
#: The 3.14.13 "Disagreements" ladder: case workers, respective managers, Senior Manager.
PROBATION_NEXT_STEP_LADDER: Final = _ladder(PROTOCOL_3_14_13, "probation-next-step-disagreements")
#: A complaint's path (3.14.13 "Disagreements", bullet 2): straight to the agency's own
#: procedure (one run per complaint).
COMPLAINT_PATH: Final = _complaints(PROTOCOL_3_14_13, "complaint-path")
#: Every machine for the bundled protocols, by name: the joint-case lifecycle, the
#: justice pathway, the two dispute ladders, the complaint path.
MACHINES: Final[Mapping[str, Machine[Any, Any]]] = machine_registry(
    protocol_machines(BUNDLED_PROTOCOLS)
)
