"""Registries of machines by name: the core machines, and any set with the protocols' ones.

The machines of the core (the joint-case lifecycle and the justice pathway) are defined in
code; ladders and complaint paths come from protocol files, so a registry of every machine
depends on which protocols are loaded. [`machine_registry`][care_justice_protocol.machine_registry]
builds one; [`care_justice_protocol.MACHINES`][care_justice_protocol.MACHINES] is the registry for
the bundled protocols, which ``cjp machines`` and ``scripts/gen_machine_docs.py`` read rather than
keeping their own lists.

Examples:
    >>> list(CORE_MACHINES)
    ['joint-case-lifecycle', 'justice-pathway']
    >>> machine_named("justice-pathway").title
    'Justice pathway'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Final

from .._errors import InvalidArgumentError
from ._core import Machine
from ._justice import JUSTICE_PATHWAY
from ._lifecycle import LIFECYCLE

__all__ = ["CORE_MACHINES", "machine_named", "machine_registry"]

#: The machines defined in code, keyed by [`Machine.name`][care_justice_protocol.Machine]: the
#: lifecycle, then the justice pathway.
CORE_MACHINES: Final[Mapping[str, Machine[Any, Any]]] = MappingProxyType(
    {m.name: m for m in (LIFECYCLE, JUSTICE_PATHWAY)}
)


def machine_registry(machines: Iterable[Machine[Any, Any]]) -> Mapping[str, Machine[Any, Any]]:
    """The core machines followed by ``machines``, keyed by name, read-only.

    Raises:
        InvalidArgumentError: two machines share a name (the message names it).

    Examples:
        >>> machine_registry([LIFECYCLE])
        Traceback (most recent call last):
        ...
        care_justice_protocol._errors.InvalidArgumentError: two machines are named \
'joint-case-lifecycle'; machine names must be unique in a registry
    """
    out: dict[str, Machine[Any, Any]] = dict(CORE_MACHINES)
    for m in machines:
        if not isinstance(m, Machine):
            raise InvalidArgumentError(f"a registry holds machines, not {type(m).__name__}")
        if m.name in out:
            raise InvalidArgumentError(
                f"two machines are named {m.name!r}; machine names must be unique in a registry"
            )
        out[m.name] = m
    return MappingProxyType(out)


def machine_named(
    name: str, machines: Mapping[str, Machine[Any, Any]] = CORE_MACHINES
) -> Machine[Any, Any]:
    """The machine called ``name`` in ``machines`` (by default the core machines).

    Raises:
        InvalidArgumentError: no machine has that name (the message lists the names).

    Examples:
        >>> machine_named("lifecycle")
        Traceback (most recent call last):
        ...
        care_justice_protocol._errors.InvalidArgumentError: no machine named 'lifecycle'; \
machines: 'joint-case-lifecycle', 'justice-pathway'
    """
    try:
        return machines[name]
    except (KeyError, TypeError):
        known = ", ".join(repr(n) for n in machines)
        raise InvalidArgumentError(f"no machine named {name!r}; machines: {known}") from None
