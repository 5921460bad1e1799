"""Write the bundled synthetic SSDA903 return, ``examples/ssda903/<year>/*.csv``.

Four collection years (2022-23 to 2025-26) of the five tables the library reads (Header,
Episodes, Reviews, OC2, OC3), for 22 young people who do not exist (``SYN001`` to
``SYN022``; no names, made-up pupil numbers, Salford postcodes of no one's home). Each
covers a route of the leaving-care rules; the statuses on 2026-03-01 are computed by hand
in ``tests/test_ssda903.py::TestSyntheticReturn``:

======  ==========================================================================
SYN001  eligible: care order from 14, looked after at 16
SYN002  eligible: section 20 from 16 (13 weeks after the 16th birthday)
SYN003  looked after, fewer than 13 weeks since 14
SYN004  relevant: eligible, left care at 16
SYN005  relevant if detained at 16 (episode ended REC E9, sentenced to custody):
        history incomplete from the return alone
SYN006  former relevant (to 21): care order from 10, care ended at 18
SYN007  former relevant (21 to 25, s.23CZB): care ended at 18 in 2022
SYN008  former relevant at 19: relevant at 17 (left care at 16)
SYN009  eligible, remanded (J1) at 16, convicted (OC2 2024-25): the protocol population
SYN010  relevant, youth rehabilitation order with LA residence (J3), convicted (OC2)
SYN011  former relevant, convicted (OC2 2023-24)
SYN012  qualifying: short breaks (V3) after 16
SYN013  qualifying: six weeks of section 20 care after 16
SYN014  history incomplete: aged 18, the files do not reach back to the 14th birthday
SYN015  qualifying at 18: a series of short breaks (V4) from before 14 to 16
SYN016  looked after under 16 (interim care order): first review late, second overdue
SYN017  no leaving-care status: in care at 12 only
SYN018  relevant after a remand (J1) of 17 weeks at 16
SYN019  special guardianship order at 15 (REC E46): history incomplete from the return
        alone (is the order still in force?), qualifying under s.24(1A) if it is
SYN020  former relevant at 19 with no OC3 row at the 19th birthday (2025-26)
SYN021  OC3 care-leaver information at 18 (2022-23), but short breaks only: qualifying
SYN022  born 29 February 2008: former relevant from 1 March 2026 (the 18th birthday)
======  ==========================================================================

Each year's files follow the DfE rules for that year (sex coded 1/2 before 2024-25 and
M/F after; episodes open during the year; an episode still open on 31 March has no DEC in
that year's file; OC2 for children looked after for 12 months at 31 March; OC3 for care
leavers at their 17th to 21st birthday). ``make validate-903`` runs the DfE rules package on
them; its results are in ``examples/ssda903/VALIDATION.md``.

The output is deterministic, so re-running gives byte-identical files;
``tests/test_ssda903.py`` checks them (``--check``).

Usage (from the repository root)::

    python scripts/make_ssda903_example.py            # rewrite the CSV files
    python scripts/make_ssda903_example.py --check    # exit 1 if a file is stale
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from dateutil.relativedelta import relativedelta

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "examples" / "ssda903"
YEARS = (2022, 2023, 2024, 2025)
#: The last day the synthetic records reach (reviews are held up to it).
RECORDED_TO = date(2026, 3, 31)

COLUMNS = {
    "header": ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
    "episodes": [
        "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
        "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN",
    ],
    "reviews": ["CHILD", "DOB", "REVIEW", "REVIEW_CODE"],
    "oc2": [
        "CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK",
        "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
        "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED",
    ],
    "oc3": ["CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"],
}  # fmt: skip

#: Postcodes in Salford (the placing authority): a home and a placement, far apart enough
#: to have a distance, near enough to stay in the authority.
HOME_POST = "M6 8NG"
PL_POST = "M27 9YA"


def d(text: str) -> date:
    return date.fromisoformat(text)


@dataclass
class Ep:
    decom: str
    dec: str | None
    ls: str
    rne: str = "S"
    rec: str | None = None
    place: str = "U4"


@dataclass
class Person:
    child: str
    dob: str
    female: bool
    episodes: list[Ep]
    convicted: tuple[int, ...] = ()  # collection years (start) with CONVICTED 1
    oc3: dict[int, tuple[str, str, str]] = field(default_factory=dict)
    reviews: list[str] | None = None  # None: held on time, automatically


_OC3 = ("YES", "F2", "D1")

PEOPLE = [
    Person("SYN001", "2009-06-15", False, [Ep("2023-09-04", None, "C2")]),
    Person("SYN002", "2009-10-20", True, [Ep("2025-08-01", None, "V2")]),
    Person("SYN003", "2009-05-10", False, [Ep("2026-01-05", None, "V2")]),
    Person("SYN004", "2009-04-20", True, [Ep("2024-09-02", "2025-11-14", "V2", rec="E4A")]),
    Person(
        "SYN005", "2009-07-01", False,
        [Ep("2023-09-11", "2025-05-12", "V2", rec="E9")],
        convicted=(2024,),
    ),
    Person(
        "SYN006", "2007-08-10", True,
        [Ep("2018-03-05", "2025-08-10", "C2", rec="E17")],
    ),
    Person(
        "SYN007", "2004-06-10", False,
        [Ep("2014-09-01", "2022-06-10", "C2", rec="E17")],
        oc3={2023: ("YES", "F4", "D1"), 2024: ("YES", "F4", "K1"), 2025: ("YES", "F4", "K1")},
    ),
    Person(
        "SYN008", "2006-11-05", True,
        [Ep("2017-01-09", "2023-07-03", "C2", rec="E13")],
        oc3={2023: _OC3, 2024: _OC3, 2025: ("YES", "F4", "D1")},
    ),
    Person(
        "SYN009", "2009-02-14", False,
        [
            Ep("2023-05-02", "2025-01-20", "V2", rec="X1", place="U6"),
            Ep("2025-01-20", "2025-04-28", "J1", rne="L", rec="X1", place="U6"),
            Ep("2025-04-28", None, "V2", rne="L", place="U6"),
        ],
        convicted=(2024,),
    ),
    Person(
        "SYN010", "2008-12-01", False,
        [
            Ep("2023-03-06", "2024-06-03", "V2", rec="X1", place="U6"),
            Ep("2024-06-03", "2025-06-02", "J3", rne="L", rec="E13", place="U6"),
        ],
        convicted=(2024,),
        oc3={2025: _OC3},
    ),
    Person(
        "SYN011", "2007-05-20", False,
        [Ep("2016-10-03", "2025-05-20", "C2", rec="E5")],
        convicted=(2023,),
    ),
    Person(
        "SYN012", "2009-09-09", True,
        [
            Ep("2025-10-03", "2025-10-06", "V3", rec="E4A", place="R1"),
            Ep("2025-11-07", "2025-11-10", "V3", rec="E4A", place="R1"),
            Ep("2026-01-09", "2026-01-12", "V3", rec="E4A", place="R1"),
        ],
    ),
    Person("SYN013", "2009-08-01", False, [Ep("2025-10-06", "2025-11-17", "V2", rec="E4A")]),
    Person("SYN014", "2007-06-30", True, [Ep("2023-08-07", "2023-09-25", "V2", rec="E4A")]),
    Person(
        "SYN015", "2007-09-15", False,
        [Ep("2021-01-04", "2024-03-29", "V4", rec="E8", place="R1")],
    ),
    Person(
        "SYN016", "2012-03-03", True,
        [Ep("2025-07-14", None, "C1")],
        reviews=["2025-08-20"],
    ),
    Person("SYN017", "2010-01-10", False, [Ep("2022-05-03", "2023-02-06", "V2", rec="E4A")]),
    Person(
        "SYN018", "2008-10-12", False,
        [Ep("2025-09-22", "2026-01-19", "J1", rec="E14", place="U6")],
    ),
    Person("SYN019", "2009-03-03", True, [Ep("2022-06-06", "2024-10-07", "C2", rec="E46")]),
    Person(
        "SYN020", "2006-12-12", False,
        [Ep("2016-02-01", "2024-12-12", "C2", rec="E5")],
    ),
    Person(
        "SYN021", "2004-11-11", True,
        [Ep("2017-06-05", "2022-06-30", "V4", rec="E8", place="R1")],
        oc3={2022: _OC3},
    ),
    Person(
        "SYN022", "2008-02-29", True,
        [Ep("2021-02-01", "2026-03-01", "C2", rec="E17")],
    ),
]  # fmt: skip


def dmy(day: date | None) -> str:
    return "" if day is None else day.strftime("%d/%m/%Y")


def first_day(y: int) -> date:
    return date(y, 4, 1)


def last_day(y: int) -> date:
    return date(y + 1, 3, 31)


def birthday(dob: date, years: int) -> date:
    try:
        return dob.replace(year=dob.year + years)
    except ValueError:  # 29 February in a common year: 1 March (the library's default)
        return date(dob.year + years, 3, 1)


def periods(p: Person) -> list[tuple[date, date, bool]]:
    """Periods of care (first day, last day, short breaks only), the last day before DEC."""
    out: list[tuple[date, date, bool]] = []
    b18 = birthday(d(p.dob), 18)
    for e in p.episodes:
        start = d(e.decom)
        end = (d(e.dec) if e.dec else b18) - timedelta(days=1)
        short = e.ls in ("V3", "V4")
        if out and start <= out[-1][1] + timedelta(days=1):
            out[-1] = (out[-1][0], max(out[-1][1], end), out[-1][2] and short)
        else:
            out.append((start, end, short))
    return out


def reviews(p: Person) -> list[date]:
    """Reviews held on time: 2 weeks in, then at 2 and 5 months' intervals (in the files)."""
    if p.reviews is not None:
        return [d(r) for r in p.reviews]
    out: list[date] = []
    for start, end, short in periods(p):
        if short:
            continue
        held = start + timedelta(days=14)
        step = relativedelta(months=2)
        while held <= min(end, RECORDED_TO):
            if held >= first_day(YEARS[0]):
                out.append(held)
            held += step
            step = relativedelta(months=5)
    return out


def in_year(e: Ep, y: int) -> bool:
    return d(e.decom) <= last_day(y) and (e.dec is None or d(e.dec) >= first_day(y))


def continuously_looked_after(p: Person, y: int) -> bool:
    """The DfE's "looked after continuously for 12 months at 31 March" of year ``y``."""
    eps = [e for e in p.episodes if in_year(e, y)]
    if not eps or any(e.ls in ("V3", "V4") for e in eps):
        return False
    start, end = first_day(y), last_day(y)
    enters = any(e.rne == "S" and start < d(e.decom) <= end for e in eps)
    leaves = any(e.rec not in (None, "X1") and start <= d(e.dec) < end for e in eps if e.dec)
    return not enters and not leaves


def age_on(dob: date, day: date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def rows(p: Person, y: int) -> dict[str, list[list[str]]]:
    dob = d(p.dob)
    out: dict[str, list[list[str]]] = {name: [] for name in COLUMNS}
    eps = [e for e in p.episodes if in_year(e, y)]
    for e in eps:
        dec = d(e.dec) if e.dec else None
        closed = dec is not None and dec <= last_day(y)
        short = e.ls in ("V3", "V4")  # no placement location for short breaks (rule 214)
        out["episodes"].append(
            [
                p.child, dmy(d(e.decom)), e.rne, e.ls, "N1", e.place, "PR1",
                dmy(dec) if closed else "", (e.rec or "") if closed else "", "",
                "" if short else HOME_POST, "" if short else PL_POST,
                "" if short else "SC" + p.child[-3:].rjust(6, "0"),
            ]
        )  # fmt: skip
    for r in reviews(p):
        if first_day(y) <= r <= last_day(y):
            out["reviews"].append([p.child, dmy(dob), dmy(r), "PN1"])
    if eps and continuously_looked_after(p, y):
        at_start, at_end = age_on(dob, first_day(y)), age_on(dob, last_day(y))
        sdq = "12" if 4 <= at_start < 17 else ""
        convicted = ("1" if y in p.convicted else "0") if at_end >= 10 else ""
        health = "1" if at_end < 5 else ""
        out["oc2"].append(
            [p.child, dmy(dob), sdq, "", convicted, health, "1", "1", "1", "0", "", ""]
        )
    if y in p.oc3:
        out["oc3"].append([p.child, dmy(dob), *p.oc3[y]])
    if eps or out["oc3"]:
        sex = ("2" if p.female else "1") if y < 2024 else ("F" if p.female else "M")
        upn = "A" + str(800000000000 + int(p.child[3:]))
        # the mother field is for girls looked after in the year, not only on short breaks
        # (rules 393, 399, 628)
        mother = p.female and any(e.ls not in ("V3", "V4") for e in eps)
        out["header"].append([p.child, sex, dmy(dob), "WBRI", upn, "0" if mother else "", ""])
    return out


def files() -> Iterator[tuple[Path, str]]:
    for y in YEARS:
        label = f"{y}-{(y + 1) % 100:02d}"
        tables: dict[str, list[list[str]]] = {name: [] for name in COLUMNS}
        for p in sorted(PEOPLE, key=lambda p: p.child):
            for name, got in rows(p, y).items():
                tables[name].extend(got)
        for name, columns in COLUMNS.items():
            buf = io.StringIO()
            writer = csv.writer(buf, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows(tables[name])
            yield OUT / label / f"{name}.csv", buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a file is stale")
    args = parser.parse_args(argv)
    stale = []
    for path, text in files():
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for path in stale:
        print(f"stale: {path.relative_to(ROOT)} (run scripts/make_ssda903_example.py)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
