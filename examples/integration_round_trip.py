"""A case-management system's JSON export in, compliance results out, nothing lost.

The steps an integration takes, end to end:

1. read the nightly export (a caseload document, ``schema_version`` 1, in which every
   case, event and worker carries the source system's own reference, ``external_ref``)
   with ``load_caseload``;
2. evaluate every obligation on a fixed date with ``evaluate_caseload``;
3. write the results document (what ``cjp check --format json`` prints) with
   ``dumps_results``;
4. prove nothing was lost: dump the caseload, load it back and compare; read the results
   document back with ``load_results`` and compare;
5. bring the results back: file each one against the source system's records, found by
   the references the export carried (``case_external_ref``, ``trigger_external_ref``,
   ``evidence_external_ref``);
6. show what a bad export produces: one ``ValidationError`` listing every problem as
   ``"message @ $.path"``.

The export is synthetic (no real people): ``examples/integration/export.json``, the file
the integration how-to runs ``cjp`` on. Run: ``python examples/integration_round_trip.py``
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    Status,
    ValidationError,
    dumps_caseload,
    dumps_results,
    evaluate_caseload,
    load_caseload,
    load_results,
)

#: What the case-management system exported (as it would arrive on disk or over HTTP).
EXPORT = (Path(__file__).resolve().parent / "integration" / "export.json").read_text(
    encoding="utf-8"
)

#: The date the nightly job evaluates on: passed in, never read from the clock.
AS_OF = date(2027, 1, 15)

#: The obligation the hand-checked lines below are about.
MEET = "3.14.12/2/meet-within-15-working-days"

#: A broken export: a wrong type, an impossible date, a misspelt event type, an extra key.
BAD_EXPORT = """
{"schema_version": 1,
 "cases": [{"case_id": "C-0003",
            "young_person": {"id": "YP-0012", "date_of_birth": "2008-02-30",
                             "care_status": "relevant", "has_icta": "no",
                             "legal_status": "charged"},
            "events": [{"type": "alocated", "on": "2026-11-23", "recorded_by": "S-1"}],
            "priority": "high"}]}
"""


def leaves(value: Any, path: str = "$") -> Iterator[tuple[str, Any]]:
    """Every scalar in a JSON value, with its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, f"{path}[{index}]")
    else:
        yield path, value


def main() -> None:
    # 1. JSON in.
    caseload = load_caseload(EXPORT)
    events = sum(len(case.events) for case in caseload.cases)
    print(f"loaded {len(caseload.cases)} cases, {events} events")

    # 2. Evaluate on a fixed date.
    report = evaluate_caseload(caseload, AS_OF, protocol=BUNDLED_PROTOCOLS)
    counts = ", ".join(f"{n} {s.value}" for s, n in report.counts().items() if n)
    print(f"{len(report.results)} results as of {AS_OF}: {counts}")
    for r in report.results:
        if r.obligation == MEET:
            print(f"  {r.case_id} {r.obligation}: {r.status.value}, due {r.due}")

    # 3. Results out, as JSON text for the case-management system to import.
    results_json = dumps_results(report, protocols=BUNDLED_PROTOCOLS, indent=2)
    print(f"results JSON: {len(results_json.splitlines())} lines")

    # 4a. Nothing lost from the caseload: every value of the export is in the dump, and
    #     loading the dump gives an equal caseload.
    original = json.loads(EXPORT)
    dumped_text = dumps_caseload(caseload, indent=2)
    dumped = dict(leaves(json.loads(dumped_text)))
    lost = [(p, v) for p, v in leaves(original) if p not in dumped or dumped[p] != v]
    assert not lost, lost
    assert load_caseload(dumped_text) == caseload
    added = len(dumped) - sum(1 for _ in leaves(original))
    print(
        f"caseload round trip: all {sum(1 for _ in leaves(original))} exported values kept, "
        f"{added} defaults written out, reloaded caseload equal: True"
    )

    # 4b. Nothing lost from the results: read the JSON back and compare.
    read_back = load_results(results_json).report.results
    assert read_back == report.results
    print(f"results round trip: {len(read_back)} results read back equal: True")

    # 5. Results back into the source system, by its own references: every result of a
    #    case carries the case's; a result carries the references of the events dated
    #    its trigger and its met_on.
    by_case = {case.case_id: case.external_ref for case in caseload.cases}
    assert all(r.case_external_ref == by_case.get(r.case_id) for r in read_back)
    filed: dict[str, list[str]] = {}
    for r in read_back:
        if r.status is Status.NOT_APPLICABLE:
            continue
        for ref in (r.case_external_ref, r.trigger_external_ref, r.evidence_external_ref):
            if ref is not None:
                filed.setdefault(ref, []).append(f"{r.obligation} {r.status.value}")
    print(f"filed against {len(filed)} source records")
    for ref in ("CMS-STEP-5003", "CMS-STEP-6001"):
        met_or_started = [line for line in filed[ref] if MEET in line]
        print(f"  {ref}: {', '.join(met_or_started)}")

    # 5. A bad export: every problem at once, each with its path.
    try:
        load_caseload(BAD_EXPORT)
    except ValidationError as error:
        print(f"bad export refused: {len(error.errors)} problems")
        for problem in error.errors:
            message, _, path = problem.rpartition(" @ ")
            short = message if len(message) <= 64 else message[:61] + "..."
            print(f"  - {short} @ {path}")
    else:  # pragma: no cover - the document above is invalid by construction
        raise SystemExit("the bad export was accepted")


if __name__ == "__main__":
    main()
