"""One registry of every machine the library defines, by name.

``cjp machines`` and ``scripts/gen_machine_docs.py`` read this registry rather than
keeping their own lists, so a new machine is drawn and documented once it is added here.

Example:
    >>> list(MACHINES)
    ['joint-case-lifecycle', 'justice-pathway', 'yos-next-steps-disputes', \
'probation-next-step-disagreements', 'complaint-path']
    >>> machine_named("complaint-path").title
    'Complaints by the young person or parent/carer (3.14.13)'
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Final

from .._errors import InvalidArgumentError
from ._core import Machine
from ._justice import JUSTICE_PATHWAY
from ._ladders import COMPLAINT_PATH, PROBATION_NEXT_STEP_LADDER, YOS_NEXT_STEPS_LADDER
from ._lifecycle import LIFECYCLE

__all__ = ["MACHINES", "machine_named"]

#: Every machine, keyed by :attr:`Machine.name`, in the order docs and the CLI show them:
#: the lifecycle, the justice pathway, the two dispute ladders, the complaint path.
MACHINES: Final[Mapping[str, Machine[Any, Any]]] = MappingProxyType(
    {
        m.name: m
        for m in (
            LIFECYCLE,
            JUSTICE_PATHWAY,
            YOS_NEXT_STEPS_LADDER.machine,
            PROBATION_NEXT_STEP_LADDER.machine,
            COMPLAINT_PATH,
        )
    }
)


def machine_named(name: str) -> Machine[Any, Any]:
    """The registered machine called ``name``.

    Raises:
        InvalidArgumentError: no machine has that name (the message lists the names).

    Example:
        >>> machine_named("lifecycle")
        Traceback (most recent call last):
        ...
        care_justice_protocol._errors.InvalidArgumentError: no machine named 'lifecycle'; \
machines: 'joint-case-lifecycle', 'justice-pathway', 'yos-next-steps-disputes', \
'probation-next-step-disagreements', 'complaint-path'
    """
    try:
        return MACHINES[name]
    except (KeyError, TypeError):
        known = ", ".join(repr(n) for n in MACHINES)
        raise InvalidArgumentError(f"no machine named {name!r}; machines: {known}") from None
