"""The command as a person meets it: cold start, and a 10,000-case file to the first screen.

Usage: ``python benchmarks/first_screen.py [--cases 10000] [--events 30] [--runs 5]``

1. Cold start: ``cjp check --as-of 2026-11-25`` on the bundled example in a fresh process,
   beside ``python -c pass`` measured in the same run (the same interpreter, and the
   ``python`` found on ``PATH``, which may be a wrapper such as pyenv's shim), best of
   ``--runs``. Target: at most 7x ``python -c pass``.
2. The import time of the command by module (``python -X importtime``), the largest first.
3. A generated caseload of ``--cases`` cases x ``--events`` events (the generator of
   ``benchmarks/serialization.py``) written to a temporary file; ``cjp check FILE`` in a
   fresh process until the first screen is written, against ``json.loads`` of the file's
   bytes in this process (the least any program must do to read it).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from care_justice_protocol import dumps_caseload

HERE = Path(__file__).resolve().parent
AS_OF = "2026-11-25"


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("_bench_serialization", HERE / "serialization.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_caseload


def _best(command: list[str], runs: int, env: dict[str, str]) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                       check=False)  # fmt: skip
        best = min(best, time.perf_counter() - t0)
    return best


#: How many attrs classes ``cjp check`` on the bundled example defines (its own and its
#: dependencies'), counted after running it in this process.
_COUNT = """
import contextlib, io, sys
from care_justice_protocol.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["check", "--as-of", "2026-11-25"])
print(sum(1 for m in list(sys.modules.values()) for v in vars(m).values()
          if isinstance(v, type) and "__attrs_attrs__" in vars(v) and v.__module__ == m.__name__))
"""
#: The least a program on the same foundations can start in: the interpreter, the three
#: libraries ``cjp check`` imports, and as many frozen, slotted attrs classes of five fields
#: (each class costs its generated ``__init__``, ``__eq__``, ``__hash__`` and ``__repr__``).
_FLOOR = """
import datetime, attrs, cattrs, dateutil.relativedelta
for i in range({n}):
    attrs.frozen(kw_only=True)(type(f"C{{i}}", (), {{"__annotations__": {{
        "id": str, "day": datetime.date, "by": "str | None", "notes": str, "n": int}}}}))
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--events", type=int, default=30)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    env = {**os.environ, "COLUMNS": "100"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a cold start with the bytecode cache, as users
    cjp = [sys.executable, "-m", "care_justice_protocol"]
    subprocess.run([*cjp, "check", "--as-of", AS_OF], stdout=subprocess.DEVNULL, env=env,
                   check=True)  # fmt: skip
    # (that first run writes the bytecode cache)

    print(f"cold start, best of {args.runs} (Python {sys.version.split()[0]})")
    same = _best([sys.executable, "-c", "pass"], args.runs, env)
    found = shutil.which("python")
    on_path = _best([found, "-c", "pass"], args.runs, env) if found else None
    check = _best([*cjp, "check", "--as-of", AS_OF], args.runs, env)
    print(f"  python -c pass (this interpreter)   {same * 1000:8.1f} ms")
    if on_path is not None:
        print(f"  python -c pass ({found})  {on_path * 1000:8.1f} ms")
    print(f"  cjp check, bundled example          {check * 1000:8.1f} ms")
    print(f"  ratio to this interpreter           {check / same:8.1f}x")
    if on_path is not None:
        print(f"  ratio to the python on PATH         {check / on_path:8.1f}x  (target <= 7x)")
    classes = int(subprocess.run([*cjp[:1], "-c", _COUNT], capture_output=True, text=True,
                                 env=env, check=True).stdout)  # fmt: skip
    floor = _best([sys.executable, "-c", _FLOOR.format(n=classes)], args.runs, env)
    print(f"  floor: attrs, cattrs, dateutil and {classes} attrs classes "
          f"{floor * 1000:6.1f} ms  ({floor / same:.1f}x)")  # fmt: skip

    done = subprocess.run([sys.executable, "-X", "importtime", "-c",
                           "import care_justice_protocol.cli"], capture_output=True, text=True,
                          env=env, check=True)  # fmt: skip
    rows = []
    for line in done.stderr.splitlines()[1:]:
        _, rest = line.split(":", 1)
        own, total, name = rest.split("|")
        rows.append((int(own), int(total), name.strip()))
    print("\nimport time by module (self, cumulative; microseconds), the 15 largest:")
    for own, total, name in sorted(rows, reverse=True)[:15]:
        print(f"  {own:>8,} {total:>9,}  {name}")
    print(f"  total: {max(t for _, t, _ in rows) / 1000:.1f} ms")

    make_caseload = _generator()
    caseload = make_caseload(args.cases, args.events)  # type: ignore[operator]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "caseload.json"
        path.write_text(dumps_caseload(caseload), encoding="utf-8")
        del caseload
        payload = path.read_bytes()
        parse = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            json.loads(payload)
            parse = min(parse, time.perf_counter() - t0)
        runs = max(1, min(args.runs, 3))
        first = _best([*cjp, "check", str(path), "--as-of", AS_OF], runs, env)
    size = len(payload) / 1e6
    print(f"\n{args.cases:,} cases x {args.events} events ({size:.1f} MB), best of {runs}:")
    print(f"  json.loads(bytes)                   {parse:8.3f} s")
    print(
        f"  cjp check FILE, to the first screen {first:8.3f} s  ({first / parse:.1f}x json.loads)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
