"""Benchmark: an SSDA903 return of 100,000 young people with 10 episodes each.

Generates (seeded) two collection years (2024-25, 2025-26) of Header, Episodes, Reviews,
OC2 and OC3 files, sorted by ``CHILD``: each young person has one period of care of ten
episodes (legal status or placement changes, ``REC`` X1 between them), three looked-after
reviews, and an episode open on 31 March 2025 appears in both years' files. Then, in one
run, on the same files:

* **plain csv**: ``csv.reader`` over every file, counting rows (the floor: no checks);
* **stream**, alone and with evaluation:
  :meth:`~care_justice_protocol.Ssda903Source.stream` (files read row by row and merged on
  ``CHILD``; one young person's rows held at a time), then
  :func:`~care_justice_protocol.ssda903_status` for each young person as they come;
* optionally (``--read``) **read()**, the in-memory reader, for contrast.

Each runs in a fresh interpreter (a subprocess of this run), which reports its time and
its peak resident memory (``ru_maxrss``); a run that only imports the library gives the
baseline that every peak includes. The streaming reader's peak stays flat as the return
grows (bounded memory: one young person at a time, plus the ``csv`` and file buffers and
at most ``MAX_PROBLEMS`` problems); ``read()``'s grows with it.

Run from the repository root with either of::

    python -m benchmarks.ssda903 [--young-people 100000] [--read]
    python benchmarks/ssda903.py
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

try:  # python -m benchmarks.NAME, or python benchmarks/NAME.py
    from benchmarks import _peaks
except ImportError:  # pragma: no cover
    import _peaks  # type: ignore[no-redef]

from care_justice_protocol.io._ssda903 import SSDA903_COLUMNS, Ssda903Table, open_ssda903
from care_justice_protocol.io._ssda903_status import ssda903_status

AS_OF = date(2026, 3, 1)
YEARS = {2022: "2022-23", 2023: "2023-24", 2024: "2024-25", 2025: "2025-26"}


def dmy(day: date | None) -> str:
    return "" if day is None else day.strftime("%d/%m/%Y")


def generate(root: Path, people: int, seed: int = 903) -> int:
    """Write the return under ``root``; the number of episode rows written."""
    rng = random.Random(seed)
    writers = {}
    handles = []
    for label in YEARS.values():
        (root / label).mkdir(parents=True)
        for table in Ssda903Table:
            handle = open(root / label / f"{table.value.lower()}.csv", "w", newline="")  # noqa: SIM115
            handles.append(handle)
            w = csv.writer(handle, lineterminator="\n")
            w.writerow(SSDA903_COLUMNS[table])
            writers[label, table] = w
    rows = 0
    width = len(str(people))
    for n in range(people):
        child = f"C{n:0{width}d}"  # sorted as text, as the streaming reader needs
        dob = date(2008, 6, 1) + timedelta(days=rng.randrange(6 * 365))  # under 18 in care
        start = date(2022, 4, 1) + timedelta(days=rng.randrange(3 * 365))
        starts = [start]
        for _ in range(10):
            starts.append(starts[-1] + timedelta(days=rng.randrange(10, 40)))
        closed = rng.random() < 0.6  # else the last episode is still open
        in_year: dict[str, bool] = {}
        for i in range(10):
            decom, dec = starts[i], starts[i + 1]
            last = i == 9
            rec = "E4A" if last else "X1"
            if last and not closed:
                dec, rec = None, ""
            ls = "J1" if i == 4 else "C2" if i > 4 else "V2"
            for y, label in YEARS.items():
                first, end = date(y, 4, 1), date(y + 1, 3, 31)
                if decom > end or (dec is not None and dec < first):
                    continue
                shown = dec if dec is not None and dec <= end else None
                writers[label, Ssda903Table.EPISODES].writerow(
                    [child, dmy(decom), "S" if i == 0 else "L", ls, "N1", "U4", "PR1",
                     dmy(shown), rec if shown else "", "", "", "", ""]
                )  # fmt: skip
                rows += 1
                in_year[label] = True
        care_end = starts[10] if closed else AS_OF
        for k in range(3):
            held = start + timedelta(days=14 + 60 * k)
            if held < care_end and held < date(2026, 3, 31):
                label = YEARS[held.year if held.month > 3 else held.year - 1]
                if label in in_year:
                    writers[label, Ssda903Table.REVIEWS].writerow(
                        [child, dmy(dob), dmy(held), "PN1"]
                    )
        for label in in_year:
            writers[label, Ssda903Table.HEADER].writerow([child, "1", dmy(dob), "WBRI", "", "", ""])
    for handle in handles:
        handle.close()
    return rows


def plain_csv(root: Path) -> int:
    count = 0
    for path in sorted(root.glob("*/*.csv")):
        with open(path, newline="") as handle:
            for _ in csv.reader(handle):
                count += 1
    return count


def stream_and_evaluate(root: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for person in open_ssda903(root).stream():
        counts[ssda903_status(person, AS_OF).status] += 1
    return counts


def stream_only(root: Path) -> int:
    return sum(1 for _ in open_ssda903(root).stream())


def read_whole(root: Path) -> int:
    return len(open_ssda903(root).read().young_people)


def imports_only(root: Path) -> int:
    return 0


APPROACHES: dict[str, tuple[str, Callable[[Path], object]]] = {
    "baseline": ("import the library only", imports_only),
    "csv": ("plain csv.reader, count rows", plain_csv),
    "stream-only": ("stream(), no evaluation", stream_only),
    "stream": ("stream() + ssda903_status each", stream_and_evaluate),
    "read": ("read() (in memory), no evaluation", read_whole),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--young-people", type=int, default=100_000)
    parser.add_argument("--read", action="store_true", help="also time the in-memory read()")
    parser.add_argument("--measure", nargs=2, metavar=("APPROACH", "ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        _peaks.measure_here(APPROACHES, args.measure[0], Path(args.measure[1]))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        episodes = generate(root, args.young_people)
        size = sum(p.stat().st_size for p in root.glob("*/*.csv")) / 2**20
        print(
            f"{args.young_people:,} young people, {episodes:,} episode rows in "
            f"{len(YEARS)} years, {size:.0f} MiB of CSV (written in "
            f"{time.perf_counter() - started:.1f} s)"
        )
        keys = ["baseline", "csv", "stream-only", "stream"] + (["read"] if args.read else [])
        results = {key: _peaks.measure(__file__, key, root) for key in keys}
    _peaks.report(APPROACHES, results, "csv", "x csv")
    return 0


if __name__ == "__main__":
    sys.exit(main())
