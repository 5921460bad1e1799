"""Time and peak memory of a benchmark's approaches, each in a fresh interpreter.

Shared by ``benchmarks/ssda903.py`` and ``benchmarks/ssd.py``: the script runs itself
once per approach (``--measure KEY PATH``); that run prints its seconds, its peak resident
memory (``ru_maxrss``) and its answer as JSON; the table compares them with a floor (a
plain read of the same data) and the bare interpreter with the library imported.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path

Approaches = Mapping[str, tuple[str, Callable[[Path], object]]]


def measure_here(approaches: Approaches, key: str, path: Path) -> None:
    """Run one approach in this (fresh) interpreter and print its figures as JSON."""
    started = time.perf_counter()
    answer = approaches[key][1](path)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    shown = dict(answer) if isinstance(answer, Counter) else answer
    print(json.dumps({"seconds": seconds, "peak": peak, "answer": shown}))


def measure(script: str, key: str, path: Path) -> dict[str, object]:
    """The figures of ``script --measure key path``, run in a fresh interpreter."""
    out = subprocess.run(
        [sys.executable, script, "--measure", key, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.splitlines()[-1])  # type: ignore[no-any-return]


def report(approaches: Approaches, results: Mapping[str, Mapping[str, object]], floor: str,
           short: str) -> None:  # fmt: skip
    """The table: seconds, times the ``floor`` approach's (headed ``short``), peak MiB."""
    base_time = float(results[floor]["seconds"])  # type: ignore[arg-type]
    base_peak = float(results["baseline"]["peak"])  # type: ignore[arg-type]
    print(f"{'approach':36} {'seconds':>8} {short:>6} {'peak MiB':>9} {'- base':>7}  answer")
    for key, r in results.items():
        seconds, peak = float(r["seconds"]), float(r["peak"])  # type: ignore[arg-type]
        print(
            f"{approaches[key][0]:36} {seconds:8.2f} {seconds / base_time:6.1f} {peak:9.1f} "
            f"{peak - base_peak:7.1f}  {r['answer']}"
        )
    print("peak: the process's peak resident memory (ru_maxrss); - base: less the baseline")
