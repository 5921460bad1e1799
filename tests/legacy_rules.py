"""3.14.13 with the six-monthly review rule it carried before "Right to the letter".

That rule (a duty the text does not impose, replaced by invitations to the reviews the law
dates) is kept here, in a test-only copy, as a recurring timescale: a local variant can
change it, and a recurring slot's results can be checked against it.
"""

from __future__ import annotations

from importlib import resources

from care_justice_protocol import PROTOCOL_3_14_12, Protocol
from care_justice_protocol.protocols import protocol_from_text

#: The test-only rule's id.
REVIEW = "3.14.13/5/review-within-6-months"
_REVIEW_TOML = """
[[obligations]]
id = "3.14.13/5/review-within-6-months"
clause = "§5"
summary = "a statutory review takes place at least every 6 months (test-only rule)"
text = "Salford NPS or CRC will be invited to a young person's statutory review (6 monthly)."
strength = "must"
strength_words = "will be invited"
parties = ["next-step"]
applies_if = "joint-case"
trigger = { type = "responsibility-accepted", where = { service = "@probation" } }
trigger_name = "responsibility accepted by {service}"
due = { kind = "recurring", months = 6, reading = "at-most-n-months-since-last" }
evidence = { type = "meeting-held", where = { kind = ["statutory-review", "relevant-review"] } }
evidence_name = "statutory / Relevant review"
"""
#: 3.14.13 as bundled, plus the test-only rule.
P13R: Protocol = protocol_from_text(
    (resources.files("care_justice_protocol") / "io/data/protocols/salford-3.14.13.toml").read_text(
        encoding="utf-8"
    )
    + _REVIEW_TOML
)
#: Salford's two protocols, 3.14.13 with the test-only rule.
WITH_REVIEW = (PROTOCOL_3_14_12, P13R)
