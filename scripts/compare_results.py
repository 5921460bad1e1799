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
    argv = [a for a in argv if a != "--quiet"] + (["--quiet"] if "--quiet" in argv else [])
    if len(argv) not in (2, 3) or argv[0] not in {"snapshot", "compare"}:
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
    return _compare(old, new, len(documents), verbose="--quiet" not in argv)


def _key(row: list[Any]) -> tuple[Any, ...]:
    """Where a result belongs: caseload, protocol set, date, mode, case and obligation."""
    value = row[-1]
    if isinstance(value, dict):
        return (*row[:4], value.get("case_id"), value.get("obligation"))
    return tuple(row[:4])


def _compare(old: list[list[Any]], new: list[list[Any]], caseloads: int, verbose: bool) -> int:
    """Results compared by where they belong, not by position, so that an obligation added
    or removed shows as itself and does not shift every later result."""
    olds: dict[tuple[Any, ...], list[Any]] = {}
    news: dict[tuple[Any, ...], list[Any]] = {}
    for rows, into in ((old, olds), (new, news)):
        for row in rows:
            into.setdefault(_key(row), []).append(row[-1])
    added_fields: set[str] = set()
    changed: dict[str, int] = {}
    appeared: dict[str, int] = {}
    vanished: dict[str, int] = {}
    shown = 0
    for key in sorted(set(olds) | set(news), key=repr):
        a, b = olds.get(key), news.get(key)
        what = str(key[-1]) if len(key) == 6 else str(key[3])
        if a is None:
            appeared[what] = appeared.get(what, 0) + len(b or ())
            continue
        if b is None:
            vanished[what] = vanished.get(what, 0) + len(a)
            continue
        if a and isinstance(a[0], dict) and b and isinstance(b[0], dict):
            added_fields |= set(b[0]) - set(a[0])
            b = [{k: v for k, v in r.items() if k in a[0]} for r in b]
        if a != b:
            changed[what] = changed.get(what, 0) + max(len(a), len(b))
            shown += 1
            if verbose and shown <= 20:
                print(f"difference at {key}:\n  old {a}\n  new {b}")
    if added_fields:
        print(f"fields added since the snapshot (not compared): {', '.join(sorted(added_fields))}")
    for label, counts in (("changed", changed), ("added", appeared), ("removed", vanished)):
        for what, count in sorted(counts.items()):
            print(f"{label}: {what}: {count} results")
    total = sum(changed.values()) + sum(appeared.values()) + sum(vanished.values())
    print(f"compared {len(old)} results ({len(new)} now) over {caseloads} caseloads: "
          f"{total} differences")  # fmt: skip
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
