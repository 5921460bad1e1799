"""Protocols as data: rule records, Salford's two protocols, local variants, sharing.

Owns: :class:`Obligation` and the other rule records, the encoded protocols 3.14.12 and
3.14.13, parsing of local variants (from text or a mapping; reading files is the
caller's), and the information-sharing rules.

May import: calendar, model, statutory.
"""

from ._local import (
    LocalVariant,
    load_local_variant,
)
from ._rules import (
    Match,
    Obligation,
    PeriodicObligation,
    Protocol,
    ProtocolVersion,
    Recurs,
    UnknownObligationError,
    Window,
)
from ._salford import (
    ALL_PROTOCOLS,
    PROTOCOL_3_14_12,
    PROTOCOL_3_14_13,
    obligation_by_id,
)
from ._sharing import (
    SHARING_RULES,
    ShareDecision,
    ShareVerdict,
    SharingRule,
    check_share,
)

__all__ = [
    "LocalVariant",
    "load_local_variant",
    "ALL_PROTOCOLS",
    "PROTOCOL_3_14_12",
    "PROTOCOL_3_14_13",
    "Match",
    "Obligation",
    "PeriodicObligation",
    "Protocol",
    "ProtocolVersion",
    "Recurs",
    "UnknownObligationError",
    "Window",
    "obligation_by_id",
    "SHARING_RULES",
    "ShareDecision",
    "ShareVerdict",
    "SharingRule",
    "check_share",
]
