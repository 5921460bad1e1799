"""Benchmark: a Standard Safeguarding Dataset database of 100,000 young people (SQLite).

Generates (seeded) the tables the SSD reader reads, as the SSDA903 benchmark's return:
each young person has one period of care of ten episodes (legal status or placement
changes, ``X1`` between them), one legal status per episode, three looked-after reviews
(each with its recorded due date), a care-leaver row and two involvements. Then, in one
run, on the same file:

* **plain SELECT**: ``sqlite3`` iterating ``SELECT`` of the same columns of every table,
  counting rows (the floor: no ordering, no checks);
* **stream**, alone and with evaluation: :meth:`~care_justice_protocol.SsdSource.stream`
  (every table read ordered by person and merged; one person's rows held at a time), then
  :func:`~care_justice_protocol.ssda903_status` and
  :func:`~care_justice_protocol.ssd_eligibility_check` for each person as they come;
* optionally (``--read``) **read()**, which keeps everyone, for contrast.

Each runs in a fresh interpreter (a subprocess of this run), which reports its time and
peak resident memory (``ru_maxrss``); a run that only imports the library gives the
baseline every peak includes. Run from the repository root::

    python benchmarks/ssd.py [--young-people 100000] [--read]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
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

from care_justice_protocol import (
    SSD_COLUMNS,
    open_ssd,
    ssd_eligibility_check,
    ssda903_status,
)

AS_OF = date(2026, 3, 1)
EXTRACTED_ON = date(2026, 3, 31)
ELIGIBILITY = ("Eligible", "Relevant", "Former Relevant", "Qualifying", "No Current Eligibility")


def generate(path: Path, people: int, seed: int = 903) -> int:
    """Write the database at ``path``; the number of episode rows written."""
    rng = random.Random(seed)
    db = sqlite3.connect(path)
    for table, columns in SSD_COLUMNS.items():
        cols = ", ".join(
            f"{c} {'DATETIME' if c.endswith('_date') or c == 'pers_dob' else 'TEXT'}"
            for c in columns
        )
        db.execute(f"CREATE TABLE {table} ({cols})")
    db.execute("INSERT INTO ssd_department VALUES ('T-NS', NULL), ('T-YOS', NULL)")
    db.execute("INSERT INTO ssd_professionals VALUES ('P1')")
    width = len(str(people))
    rows: dict[str, list[tuple[object, ...]]] = {t: [] for t in SSD_COLUMNS}

    def iso(day: date | None) -> str | None:
        return None if day is None else f"{day.isoformat()} 00:00:00.000000"

    episodes = 0
    for n in range(people):
        pid = f"C{n:0{width}d}"
        dob = date(2008, 6, 1) + timedelta(days=rng.randrange(6 * 365))
        start = date(2022, 4, 1) + timedelta(days=rng.randrange(3 * 365))
        starts = [start]
        for _ in range(10):
            starts.append(starts[-1] + timedelta(days=rng.randrange(10, 40)))
        closed = rng.random() < 0.6
        rows["ssd_person"].append((pid, iso(dob)))
        for i in range(10):
            decom, dec = starts[i], starts[i + 1]
            rec: str | None = "E4A" if i == 9 else "X1"
            if i == 9 and not closed:
                dec, rec = None, None
            ls = "J1" if i == 4 else "C2" if i > 4 else "V2"
            rows["ssd_cla_episodes"].append(
                (f"E{pid}-{i}", pid, iso(decom), "S" if i == 0 else "L", iso(dec), rec,
                 f"CLA{pid}")
            )  # fmt: skip
            rows["ssd_legal_status"].append((f"L{pid}-{i}", pid, ls, iso(decom), iso(dec)))
            episodes += 1
        end = starts[10] if closed else EXTRACTED_ON
        for k in range(3):
            held = start + timedelta(days=14 + 60 * k)
            if held < end:
                due = held + timedelta(days=3)
                rows["ssd_cla_reviews"].append(
                    (f"R{pid}-{k}", f"CLA{pid}", iso(due), iso(held), "N", "PN1")
                )
        rows["ssd_care_leavers"].append(
            (f"CL{pid}", pid, rng.choice(ELIGIBILITY), iso(start), "T-NS", "P1")
        )
        rows["ssd_involvements"].append((f"I{pid}-1", pid, "P1", "PA", "T-NS", iso(start), None))
        rows["ssd_involvements"].append(
            (f"I{pid}-2", pid, "P1", "YOS", "T-YOS", iso(starts[4]), iso(starts[5]))
        )
        if n % 1000 == 999:
            _flush(db, rows)
    _flush(db, rows)
    db.commit()
    db.close()
    return episodes


def _flush(db: sqlite3.Connection, rows: dict[str, list[tuple[object, ...]]]) -> None:
    for table, got in rows.items():
        if got:
            marks = ", ".join("?" for _ in SSD_COLUMNS[table])
            db.executemany(f"INSERT INTO {table} VALUES ({marks})", got)
            got.clear()


def plain_select(path: Path) -> int:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    count = 0
    for table, columns in SSD_COLUMNS.items():
        for _ in db.execute(f"SELECT {', '.join(columns)} FROM {table}"):
            count += 1
    db.close()
    return count


def _source(path: Path):  # type: ignore[no-untyped-def]
    return open_ssd(f"sqlite:///{path}", extracted_on=EXTRACTED_ON)


def stream_only(path: Path) -> int:
    return sum(1 for _ in _source(path).stream())


def stream_and_evaluate(path: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    for person in _source(path).stream():
        counts[ssda903_status(person.history, AS_OF).status] += 1
        check = ssd_eligibility_check(person, AS_OF)
        counts["eligibility disagrees"] += bool(check is not None and check.agrees is False)
    return counts


def read_whole(path: Path) -> int:
    return len(_source(path).read().young_people)


def imports_only(path: Path) -> int:
    return 0


APPROACHES: dict[str, tuple[str, Callable[[Path], object]]] = {
    "baseline": ("import the library only", imports_only),
    "select": ("plain SELECT of the same rows", plain_select),
    "stream-only": ("stream(), no evaluation", stream_only),
    "stream": ("stream() + status + eligibility", stream_and_evaluate),
    "read": ("read() (everyone kept)", read_whole),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--young-people", type=int, default=100_000)
    parser.add_argument("--read", action="store_true", help="also time read()")
    parser.add_argument("--measure", nargs=2, metavar=("APPROACH", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        _peaks.measure_here(APPROACHES, args.measure[0], Path(args.measure[1]))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ssd.sqlite"
        started = time.perf_counter()
        episodes = generate(path, args.young_people)
        size = path.stat().st_size / 2**20
        print(
            f"{args.young_people:,} young people, {episodes:,} episode rows, {size:.0f} MiB "
            f"of SQLite (written in {time.perf_counter() - started:.1f} s)"
        )
        keys = ["baseline", "select", "stream-only", "stream"] + (["read"] if args.read else [])
        results = {key: _peaks.measure(__file__, key, path) for key in keys}
    _peaks.report(APPROACHES, results, "select", "x sel")
    return 0


if __name__ == "__main__":
    sys.exit(main())
