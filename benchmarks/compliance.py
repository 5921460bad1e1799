"""Compliance evaluation: time to evaluate a generated caseload, and how it scales.

Usage: ``python benchmarks/compliance.py [--cases 10000] [--events 30] [--scale]``

Evaluates a seeded caseload (the generator of ``benchmarks/serialization.py``: N cases x
30 events, every event type) with ``evaluate_caseload`` as of one date, best of 3, and
prints time per case against the target (10,000 cases in <= 1 s, <= 100 us per case).
With ``--scale`` it also evaluates 1,000 / 10,000 / 100,000 cases to show that time grows
linearly (per-case time stays flat).

Reference measured in the same run: the standard library's ``json.loads`` parsing the same
caseload as JSON (the least any system must do to read the data), so the ratio column is
comparable across machines.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import sys
import time
from datetime import date
from pathlib import Path

from care_justice_protocol import BUNDLED_PROTOCOLS, dumps_caseload, evaluate_caseload

HERE = Path(__file__).resolve().parent


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("_bench_serialization", HERE / "serialization.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_caseload


#: Linear growth means flat per-case time; allow this much spread across sizes (the
#: 100,000-case run holds 3 million events and results in memory, which costs a little).
GROWTH_BOUND = 1.5


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--events", type=int, default=30)
    ap.add_argument("--scale", action="store_true")
    args = ap.parse_args()
    make_caseload = _generator()
    as_of = date(2026, 11, 25)
    sizes = [1_000, 10_000, 100_000] if args.scale else [args.cases]
    per_case: dict[int, float] = {}
    print(f"evaluate_caseload as of {as_of}, {args.events} events per case, best of 3")
    print(
        f"{'cases':>8} {'results':>9} {'seconds':>9} {'us/case':>9} {'json.loads s':>13} "
        f"{'ratio':>6}"
    )
    # Warm up first (lazily built calendar tables, compiled patterns), so the smallest
    # size is not charged for them.
    evaluate_caseload(make_caseload(100, args.events), as_of, protocol=BUNDLED_PROTOCOLS)  # type: ignore[operator]
    for n in sizes:
        caseload = make_caseload(n, args.events)  # type: ignore[operator]
        best = float("inf")
        results = 0
        for _ in range(3 if n <= 10_000 else 1):
            t0 = time.perf_counter()
            report = evaluate_caseload(caseload, as_of, protocol=BUNDLED_PROTOCOLS)
            best = min(best, time.perf_counter() - t0)
            results = len(report.results)
            del report
        payload = dumps_caseload(caseload).encode()
        del caseload
        parse = float("inf")
        for _ in range(3 if n <= 10_000 else 1):
            gc.disable()  # evaluate_caseload pauses the cyclic GC too: like for like
            t0 = time.perf_counter()
            json.loads(payload)
            parse = min(parse, time.perf_counter() - t0)
            gc.enable()
        del payload
        per_case[n] = best / n * 1e6
        print(
            f"{n:>8,} {results:>9,} {best:>9.3f} {per_case[n]:>9.1f} {parse:>13.3f} "
            f"{best / parse:>5.2f}x"
        )
    ok = True
    if 10_000 in per_case:
        met = per_case[10_000] <= 100.0
        ok = ok and met
        print(f"target: 10,000 cases in <= 1 s (<= 100 us per case): {'met' if met else 'NOT met'}")
    if len(per_case) > 1:
        growth = max(per_case.values()) / min(per_case.values())
        linear = growth <= GROWTH_BOUND
        ok = ok and linear
        print(
            f"linear growth: per-case time varies {growth:.2f}x across sizes "
            f"(bound {GROWTH_BOUND}x): {'met' if linear else 'NOT met'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
