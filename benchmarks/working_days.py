"""Working-day arithmetic: this library against a naive loop and named peers, in one run.

Usage: ``python benchmarks/working_days.py [--n 100000] [--seed 2026]`` (peers come from the
``bench`` extra: workalendar, numpy, pandas).

For 100,000 seeded random dates in 2015-2034 it times ``add_working_days(d, 15)`` and
``working_days_between(d, d2)`` for each implementation, checks every answer against
this library and reports disagreements with their reason, then prints medians (of 5
repeats, per call) and ratios. Semantics mapped onto the peers:

* this library: day 1 is the first working day strictly after ``d``; counts in (a, b].
* numpy: ``busday_offset(d, n, roll="backward")`` gives the same day for n > 0 (a
  non-working ``d`` is first rolled back to the previous working day, from which the
  n-th working day is the one we want); ``busday_count(a + 1, b + 1)`` counts (a, b].
* pandas: ``Timestamp(d) + n * CustomBusinessDay(holidays=...)`` (a non-working ``d``
  counts its roll-forward as the first step: same semantics).
* workalendar: ``UnitedKingdom().add_working_days(d, n)`` and
  ``get_working_days_delta(a, b)`` (its own holiday list, not the ``holidays`` one).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import warnings
from collections.abc import Callable
from datetime import date, timedelta

from care_justice_protocol import WorkingCalendar

START, END = date(2015, 1, 1), date(2034, 12, 31)
N_DAYS = 15


def _time(fn: Callable[[], object], repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    span = (END - START).days
    days = [START + timedelta(days=rng.randrange(span + 1)) for _ in range(args.n)]
    others = [START + timedelta(days=rng.randrange(span + 1)) for _ in range(args.n)]
    pairs = [(min(a, b), max(a, b)) for a, b in zip(days, others, strict=True)]

    cal = WorkingCalendar.england()
    cal.add_working_days(START, 1)  # build the table outside the timed runs
    cal.add_working_days(END, 30)
    holiday_list = sorted(
        d for d, _ in cal.closures_between(START - timedelta(days=1), END + timedelta(days=60))
    )

    add = cal.add_working_days
    between = cal.working_days_between
    ours_add = [add(d, N_DAYS) for d in days]
    ours_between = [between(a, b) for a, b in pairs]

    results: list[tuple[str, str, float, str]] = []

    def record(name: str, op: str, seconds: float, got: list[object], want: list[object]) -> None:
        bad = [
            (x, g, w)
            for x, g, w in zip(days if op == "add" else pairs, got, want, strict=True)
            if g != w
        ]
        agree = "all agree" if not bad else f"{len(bad)} differ, e.g. {bad[0]}"
        results.append((name, op, seconds / args.n * 1e9, agree))

    r = args.repeat
    results.append(
        (
            "care_justice_protocol",
            "add",
            _time(lambda: [add(d, N_DAYS) for d in days], r) / args.n * 1e9,
            "reference",
        )
    )
    results.append(
        (
            "care_justice_protocol",
            "between",
            _time(lambda: [between(a, b) for a, b in pairs], r) / args.n * 1e9,
            "reference",
        )
    )

    # naive day-by-day loop over the same holiday set
    hol = set(holiday_list)

    def naive_add(d: date, n: int) -> date:
        while n:
            d += timedelta(days=1)
            if d.weekday() < 5 and d not in hol:
                n -= 1
        return d

    def naive_between(a: date, b: date) -> int:
        count, d = 0, a
        while d < b:
            d += timedelta(days=1)
            if d.weekday() < 5 and d not in hol:
                count += 1
        return count

    got: list[object] = [naive_add(d, N_DAYS) for d in days]
    record(
        "naive loop",
        "add",
        _time(lambda: [naive_add(d, N_DAYS) for d in days], 1),
        got,
        list(ours_add),
    )
    sub = pairs[: max(1, args.n // 10)]
    t = _time(lambda: [naive_between(a, b) for a, b in sub], 1) * len(pairs) / len(sub)
    results.append(("naive loop (10% sample)", "between", t / args.n * 1e9, "not checked"))

    try:
        import numpy as np
    except ImportError:
        print("numpy not installed: pip install -e '.[bench]'")
    else:
        np_hol = np.array(holiday_list, dtype="datetime64[D]")
        bdc = np.busdaycalendar(weekmask="1111100", holidays=np_hol)
        np_days = [np.datetime64(d, "D") for d in days]

        def np_scalar_add() -> list[object]:
            return [np.busday_offset(d, N_DAYS, roll="backward", busdaycal=bdc) for d in np_days]

        got = [x.astype(object) for x in np_scalar_add()]
        record(
            "numpy busday_offset per scalar", "add", _time(np_scalar_add, r), got, list(ours_add)
        )
        arr = np.array(np_days)
        t = _time(lambda: np.busday_offset(arr, N_DAYS, roll="backward", busdaycal=bdc), r)
        got = list(np.busday_offset(arr, N_DAYS, roll="backward", busdaycal=bdc).astype(object))
        record("numpy busday_offset vectorised", "add", t, got, list(ours_add))
        one = np.timedelta64(1, "D")
        np_pairs = [(np.datetime64(a, "D") + one, np.datetime64(b, "D") + one) for a, b in pairs]
        got = [int(np.busday_count(a, b, busdaycal=bdc)) for a, b in np_pairs]
        t = _time(lambda: [np.busday_count(a, b, busdaycal=bdc) for a, b in np_pairs], r)
        record("numpy busday_count per scalar", "between", t, got, list(ours_between))
        a_arr = np.array([a for a, _ in np_pairs])
        b_arr = np.array([b for _, b in np_pairs])
        t = _time(lambda: np.busday_count(a_arr, b_arr, busdaycal=bdc), r)
        got = [int(x) for x in np.busday_count(a_arr, b_arr, busdaycal=bdc)]
        record("numpy busday_count vectorised", "between", t, got, list(ours_between))

    try:
        import pandas as pd
    except ImportError:
        print("pandas not installed: pip install -e '.[bench]'")
    else:
        cbd = pd.offsets.CustomBusinessDay(N_DAYS, holidays=holiday_list)
        ts = [pd.Timestamp(d) for d in days]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            got = [(x + cbd).date() for x in ts]
            t = _time(lambda: [x + cbd for x in ts], 1)
        record("pandas CustomBusinessDay per scalar", "add", t, got, list(ours_add))

    try:
        from workalendar.europe import UnitedKingdom
    except ImportError:
        print("workalendar not installed: pip install -e '.[bench]'")
    else:
        uk = UnitedKingdom()
        got = [uk.add_working_days(d, N_DAYS) for d in days]  # also warms its cache
        t = _time(lambda: [uk.add_working_days(d, N_DAYS) for d in days], 1)
        record("workalendar UnitedKingdom", "add", t, got, list(ours_add))
        # workalendar counts by walking every day of the range (milliseconds per call on
        # these spans): time it on a 1% sample and scale, and check that sample.
        sub = pairs[: max(1, args.n // 100)]
        got = [uk.get_working_days_delta(a, b) for a, b in sub]
        t = _time(lambda: [uk.get_working_days_delta(a, b) for a, b in sub], 1)
        want = ours_between[: len(sub)]
        bad = [(p, g, w) for p, g, w in zip(sub, got, want, strict=True) if g != w]
        agree = (
            "all agree (1% sample)" if not bad else f"{len(bad)}/{len(sub)} differ, e.g. {bad[0]}"
        )
        results.append(
            ("workalendar UnitedKingdom (1% sample)", "between", t / len(sub) * 1e9, agree)
        )

    print(f"{args.n:,} random dates {START}..{END}, add {N_DAYS} working days / count (a, b]")
    print(f"{'implementation':38} {'op':8} {'ns/call':>10} {'x ours':>8}  answers")
    ours = {op: ns for name, op, ns, _ in results if name == "care_justice_protocol"}
    for name, op, ns, agree in results:
        print(f"{name:38} {op:8} {ns:10.0f} {ns / ours[op]:8.2f}  {agree}")
    print("x ours > 1 means the peer is that many times slower than this library.")
    print("workalendar 17.0.0 (Jan 2023) lacks the 2023-05-08 Coronation bank holiday, so")
    print("its answers differ from the holidays-package list on spans that cross that day.")


if __name__ == "__main__":
    main()
