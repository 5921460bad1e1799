"""Eldbury's own protocol, from Python: read the file, its caseload and its local variant.

The worked example of the how-to "Encode your council's protocol"
(docs/how-to/encode-a-protocol.md). Eldbury is invented; so are its cases. The files are
in examples/eldbury/: the protocol (eldbury.toml), a caseload export (caseload.json) and
the council's local variant (local.json). Run from the repository root:

    python examples/eldbury_protocol.py
"""

from __future__ import annotations

import warnings
from datetime import date
from pathlib import Path

from care_justice_protocol import (
    CareJusticeWarning,
    Status,
    evaluate_caseload,
    ladder_status,
    read_caseload,
    read_local_variant,
    read_protocol,
)

HERE = Path(__file__).resolve().parent / "eldbury"
AS_OF = date(2026, 7, 1)

protocol = read_protocol(HERE / "eldbury.toml")
print(f"{protocol.id}: {len(protocol.obligations)} obligations, ladder {protocol.ladders[0].id}")

# The caseload is read for the protocol: its services, roles and meeting kinds must be
# the file's, and its own event types (csc-involvement-checked, safeguarding-referral) are
# read. One event names the Trust after it ended: loading warns, and the event counts for
# nothing.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always", CareJusticeWarning)
    caseload = read_caseload(HERE / "caseload.json", protocols=[protocol])
for w in caught:
    print(f"warning: {w.message}")

local = read_local_variant(HERE / "local.json", protocols=[protocol])
rulebook = local.applied_to([protocol])

for title, rules in (("the protocol alone", [protocol]), ("with the local variant", rulebook)):
    report = evaluate_caseload(caseload, AS_OF, protocol=rules)
    print(f"{title}:")
    for r in report.results:
        if r.status is not Status.NOT_APPLICABLE:
            due = f"due {r.due.isoformat()}" if r.due else "no timescale"
            print(f"  {r.case_id} {r.obligation}: {r.status.value} ({due})")

(case,) = [c for c in caseload.cases if c.case_id == "E-001"]
for rules in ([protocol], rulebook):
    (disagreement,) = ladder_status(case.events, AS_OF, protocol=rules)
    print(f"{case.case_id} {disagreement.disagreement_id}: {disagreement.explanation}")
