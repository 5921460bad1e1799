"""Compare every result the engine gives before and after a change.

    python scripts/compare_results.py snapshot DIR   # on the old code: caseloads + results
    python scripts/compare_results.py compare DIR    # on the new code: same results?

``snapshot`` writes the bundled example and a set of generated caseloads (drawn by the
testing kit's strategies with fixed seeds, then stored as JSON so that ``compare`` evaluates
exactly the same inputs even if the strategies change), and the results of evaluating each
with each protocol alone and both together, on several as-of dates, through
``evaluate_caseload`` (which holds the partnership results and the notes rotation),
``evaluate`` (one case at a time) and ``qa_sample``. ``compare`` recomputes them with the
code in the working tree and prints how many results it compared and every difference. Only public
names are used, so the script survives a reorganisation of the package.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import care_justice_protocol as cjp

AS_OF = (
    date(2019, 6, 30),
    date(2021, 6, 25),
    date(2021, 6, 26),
    date(2022, 12, 31),
    date(2024, 2, 29),
    date(2026, 11, 25),
    date(2026, 12, 24),
    date(2027, 3, 31),
    date(2030, 1, 1),
)


def _generated(count: int) -> list[str]:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from care_justice_protocol.testing import caseloads

    out: list[str] = []

    @settings(
        max_examples=count,
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(caseloads(), st.integers(2015, 2028))
    def draw(caseload: Any, year: int) -> None:
        out.append(cjp.dumps_caseload(caseload))

    draw()
    return out


def _protocol_sets() -> dict[str, Any]:
    p12 = cjp.ALL_PROTOCOLS["3.14.12"]
    p13 = cjp.ALL_PROTOCOLS["3.14.13"]
    both = getattr(cjp, "BUNDLED_PROTOCOLS", None)  # None: the default before protocol files
    return {"3.14.12": p12, "3.14.13": p13, "both": both}


def _qa(caseload: Any, as_of: date) -> tuple[str, ...]:
    try:
        return tuple(cjp.qa_sample(caseload, as_of, 3, seed=7, protocol=cjp.PROTOCOL_3_14_12))
    except TypeError:  # before protocol files, qa_sample used 3.14.12 itself
        return tuple(cjp.qa_sample(caseload, as_of, 3, seed=7, protocol=cjp.PROTOCOL_3_14_12))


def _results(documents: list[str]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for i, text in enumerate(documents):
        caseload = cjp.load_caseload(text)
        for name, protocol in _protocol_sets().items():
            for as_of in AS_OF:
                try:
                    report = cjp.evaluate_caseload(caseload, as_of, protocol=protocol)
                except cjp.CareJusticeError as exc:
                    rows.append([i, name, str(as_of), "caseload-error", type(exc).__name__])
                    continue
                for r in report.results:
                    rows.append([i, name, str(as_of), "caseload", r.to_dict()])
                if as_of == AS_OF[5]:
                    for case in caseload.cases:
                        for r in cjp.evaluate(case, as_of, protocol=protocol):
                            rows.append([i, name, str(as_of), "case", r.to_dict()])
        for as_of in AS_OF:
            rows.append([i, "qa", str(as_of), "qa", list(_qa(caseload, as_of))])
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in {"snapshot", "compare"}:
        print(__doc__)
        return 2
    folder = Path(argv[1])
    if argv[0] == "snapshot":
        folder.mkdir(parents=True, exist_ok=True)
        documents = [cjp.dumps_caseload(cjp.example_caseload()), *_generated(200)]
        (folder / "caseloads.json").write_text(json.dumps(documents))
        rows = _results(documents)
        (folder / "results.json").write_text(json.dumps(rows, sort_keys=True))
        print(f"snapshot: {len(documents)} caseloads, {len(rows)} results")
        return 0
    documents = json.loads((folder / "caseloads.json").read_text())
    old = json.loads((folder / "results.json").read_text())
    new = json.loads(json.dumps(_results(documents), sort_keys=True))
    differences = 0
    added: set[str] = set()
    by_obligation: dict[str, int] = {}
    for index, (a, b) in enumerate(zip(old, new, strict=False)):
        if isinstance(a[-1], dict) and isinstance(b[-1], dict):
            # A field the results gained since the snapshot is not a difference in them.
            added |= set(b[-1]) - set(a[-1])
            b = [*b[:-1], {k: v for k, v in b[-1].items() if k in a[-1]}]
        if a != b:
            differences += 1
            key = a[-1].get("obligation", "?") if isinstance(a[-1], dict) else str(a[3])
            by_obligation[key] = by_obligation.get(key, 0) + 1
            if differences <= 20:
                print(f"difference at {index}:\n  old {a}\n  new {b}")
    if len(old) != len(new):
        print(f"count differs: old {len(old)}, new {len(new)}")
        differences += 1
    if added:
        print(f"fields added since the snapshot (not compared): {', '.join(sorted(added))}")
    for key, count in sorted(by_obligation.items()):
        print(f"changed: {key}: {count} results")
    print(f"compared {len(old)} results over {len(documents)} caseloads: {differences} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
