"""Peak memory of ``cjp check`` on a large valid caseload, per case, and of a hostile one.

Usage: ``python benchmarks/memory.py [--cases 40000] [--events 30] [--formats table,csv,json]``

Writes a seeded caseload (the generator of ``benchmarks/serialization.py``: N cases x E
events, every event type; 40,000 x 30 is about 200 MB of JSON) to a temporary file, then
runs ``cjp check FILE --format F`` in a fresh process for each format and reports the
process's peak resident memory (``VmHWM``), in all and per case, against the target
(issue "Trustworthy with children's data": at most half of the 1.4 GB measured before, so
0.7 GB). Then two hostile documents of 3 MB: a million empty cases and a million empty
events in one case, each of which must be refused (exit 2) within seconds and well under
1 GiB.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGET_BYTES = 700 * 1024 * 1024
HOSTILE_BYTES = 1024 * 1024 * 1024


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("_bench_serialization", HERE / "serialization.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _peak() -> int:
    """This process's peak resident memory, in bytes.

    ``VmHWM`` where Linux gives it: ``ru_maxrss`` keeps, across the ``exec`` that starts a
    child, the memory of the parent it was forked from.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux


def _child(argv: list[str]) -> int:
    """Run ``cjp`` in this process with stdout to the null device; print the peak."""
    from care_justice_protocol.cli import main

    with open(os.devnull, "w") as sink:
        sys.stdout = sink
        start = time.perf_counter()
        code = main(argv)
        seconds = time.perf_counter() - start
        sys.stdout = sys.__stdout__
    print(json.dumps({"code": code, "peak": _peak(), "seconds": seconds}))
    return 0


def _run(argv: list[str]) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *argv],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        return _child(sys.argv[2:])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=40_000)
    ap.add_argument("--events", type=int, default=30)
    ap.add_argument("--formats", default="table,csv,json")
    args = ap.parse_args()
    generator = _generator()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "caseload.json"
        caseload = generator.make_caseload(args.cases, args.events)  # type: ignore[attr-defined]
        path.write_text(generator.dumps_caseload(caseload))  # type: ignore[attr-defined]
        del caseload
        size = path.stat().st_size
        print(f"cjp check on {args.cases:,} cases x {args.events} events ({size / 1e6:.0f} MB)")
        print(f"| {'format':<8} | {'exit':>4} | {'seconds':>7} | {'peak MB':>8} | {'KB/case':>8} |")
        print(f"|{'-' * 10}|{'-' * 6}|{'-' * 9}|{'-' * 10}|{'-' * 10}|")
        for form in args.formats.split(","):
            got = _run(["check", str(path), "--as-of", "2026-11-25", "--format", form,
                        "--max-bytes", str(size)])  # fmt: skip
            per_case = got["peak"] / max(args.cases, 1) / 1024
            print(f"| {form:<8} | {got['code']:>4.0f} | {got['seconds']:>7.1f} | "
                  f"{got['peak'] / 2**20:>8.0f} | {per_case:>8.1f} |")  # fmt: skip
            ok = ok and got["code"] in (0, 1) and got["peak"] <= TARGET_BYTES
        print(f"target (<= {TARGET_BYTES / 2**20:.0f} MB): {'met' if ok else 'NOT met'}\n")

        print("hostile documents (must exit 2 within seconds, well under 1 GiB)")
        hostile = {
            "a million empty cases": '{"schema_version":1,"cases":[' + ",".join(["{}"] * 10**6),
            "a million empty events": '{"schema_version":1,"cases":[{"case_id":"C-1","events":['
            + ",".join(["{}"] * 10**6)
            + "]}",
        }
        for name, text in hostile.items():
            bad = Path(tmp) / "hostile.json"
            bad.write_text(text + "]}")
            got = _run(["check", str(bad), "--as-of", "2026-11-25"])
            print(f"  {name} ({bad.stat().st_size / 1e6:.0f} MB): exit {got['code']:.0f}, "
                  f"{got['seconds']:.2f} s, peak {got['peak'] / 2**20:.0f} MB")  # fmt: skip
            ok = ok and got["code"] == 2 and got["peak"] < HOSTILE_BYTES and got["seconds"] < 10
    print(f"all targets: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
