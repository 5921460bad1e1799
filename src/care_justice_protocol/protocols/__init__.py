"""Protocols as data: the protocol file format, rule records, local variants, sharing.

Owns: [`Obligation`][care_justice_protocol.Obligation] and the other rule records, the protocol
definition format (parsing and checking a protocol document from TOML or JSON text or a mapping, and
writing one back; reading files and the bundled protocols is
[`care_justice_protocol.io`][care_justice_protocol.io]'s), a protocol's vocabulary, parsing of local
variants and the [`Rulebook`][care_justice_protocol.Rulebook] that applies one (the adjusted
protocols with their calendar), the information-sharing rules, and the checks of protocols loaded
together (``_together``: no vocabulary clash, no shared id).

May import: calendar, model, statutory.
"""

import typing

from .._lazy import lazy_exports as _lazy_exports

if typing.TYPE_CHECKING:
    from ._document import (
        FORMAT_VERSION,
        MAX_PROTOCOL_BYTES,
        ProtocolFileError,
        parse_protocol,
        protocol_from_text,
        protocol_to_document,
        protocol_to_toml,
    )
    from ._local import (
        LocalVariant,
        Rulebook,
        RungTimescale,
        load_local_variant,
    )
    from ._rules import (
        ComplaintRoute,
        LadderSpec,
        Match,
        NotEncoded,
        Obligation,
        PeriodicObligation,
        Protocol,
        ProtocolVersion,
        Recurs,
        ReviewLaw,
        Rung,
        SharingDeclaration,
        UnknownObligationError,
        Window,
    )
    from ._sharing import (
        ShareDecision,
        ShareVerdict,
        SharingRule,
        check_share,
        sharing_rules,
    )
    from ._together import (
        ProtocolClash,
        protocol_clashes,
    )
    from ._vocabulary import (
        EventField,
        EventTypeSpec,
        FieldKind,
        ServiceTerm,
        Term,
        Vocabulary,
        VocabularyClashError,
        core_event_fields,
        merge_vocabularies,
    )

__all__ = [
    # the protocol definition format
    "FORMAT_VERSION",
    "MAX_PROTOCOL_BYTES",
    "ProtocolFileError",
    "parse_protocol",
    "protocol_from_text",
    "protocol_to_document",
    "protocol_to_toml",
    # local variants
    "LocalVariant",
    "Rulebook",
    "RungTimescale",
    "load_local_variant",
    # rule records
    "ComplaintRoute",
    "LadderSpec",
    "Match",
    "Obligation",
    "PeriodicObligation",
    "Protocol",
    "ProtocolVersion",
    "Recurs",
    "NotEncoded",
    "ReviewLaw",
    "Rung",
    "SharingDeclaration",
    "UnknownObligationError",
    "Window",
    # information sharing
    "ShareDecision",
    "ShareVerdict",
    "SharingRule",
    "check_share",
    "sharing_rules",
    # protocols loaded together
    "ProtocolClash",
    "protocol_clashes",
    # vocabulary
    "EventField",
    "EventTypeSpec",
    "FieldKind",
    "ServiceTerm",
    "Term",
    "Vocabulary",
    "VocabularyClashError",
    "core_event_fields",
    "merge_vocabularies",
]

__getattr__, __dir__ = _lazy_exports(
    __name__,
    {
        "._document": (
            "FORMAT_VERSION",
            "MAX_PROTOCOL_BYTES",
            "ProtocolFileError",
            "parse_protocol",
            "protocol_from_text",
            "protocol_to_document",
            "protocol_to_toml",
        ),
        "._local": (
            "LocalVariant",
            "Rulebook",
            "RungTimescale",
            "load_local_variant",
        ),
        "._rules": (
            "ComplaintRoute",
            "LadderSpec",
            "Match",
            "NotEncoded",
            "Obligation",
            "PeriodicObligation",
            "Protocol",
            "ProtocolVersion",
            "Recurs",
            "ReviewLaw",
            "Rung",
            "SharingDeclaration",
            "UnknownObligationError",
            "Window",
        ),
        "._sharing": (
            "ShareDecision",
            "ShareVerdict",
            "SharingRule",
            "check_share",
            "sharing_rules",
        ),
        "._together": (
            "ProtocolClash",
            "protocol_clashes",
        ),
        "._vocabulary": (
            "EventField",
            "EventTypeSpec",
            "FieldKind",
            "ServiceTerm",
            "Term",
            "Vocabulary",
            "VocabularyClashError",
            "core_event_fields",
            "merge_vocabularies",
        ),
    },
)
