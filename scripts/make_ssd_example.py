"""Write the synthetic Standard Safeguarding Dataset database: the SSDA903 example's people.

The same 22 young people who do not exist as ``scripts/make_ssda903_example.py`` writes
(``SYN001`` to ``SYN022``, their episodes of care as there), as the SSD's tables hold them
in an extract taken on 31 March 2026 (:data:`EXTRACTED_ON`) with the SSD's default
time-frame of six years (every episode ending on or after 31 March 2020 is kept whole,
reviews from then on): ``ssd_person``, ``ssd_cla_episodes`` (one period of care,
``clae_cla_id``, per unbroken run), ``ssd_legal_status`` (one row per episode's legal
status), ``ssd_cla_reviews`` (the reviews held, each with the due date the council
recorded, the next one due, one cancelled), ``ssd_care_leavers`` (recorded eligibility and
the latest pathway-plan review date), ``ssd_involvements``, ``ssd_professionals``,
``ssd_department`` and ``ssd_cla_convictions``. Names, NHS numbers and offence text are
filled with obviously fake values so that tests can prove they are never read.

Deliberately wrong records (the reader finds each):

======  ==========================================================================
SYN008  recorded "Relevant" at 19: the law gives former relevant
SYN012  recorded "Eligible": short breaks only, the law gives qualifying
SYN018  recorded "Qualifying": a remand of 17 weeks at 16 made them relevant
SYN021  recorded "Former Relevant": short breaks only, qualifying (as OC3 wrongly says)
SYN002  eligible by law, no ssd_care_leavers row
SYN001  the second review recorded as due 6 months after the first (the law: 3)
SYN016  the first review recorded as due 21 days after care began (the law: 20 working
        days)
SYN006  pathway plan last reviewed 2025-06-02: the next was due 2025-12-02, overdue
======  ==========================================================================

Usage (from the repository root)::

    python scripts/make_ssd_example.py                       # examples/ssd/ssd.sqlite
    python scripts/make_ssd_example.py sqlite:///tmp/ssd.sqlite
    python scripts/make_ssd_example.py postgresql://cjp@/ssd?host=/tmp/pg

The tables are dropped and written again (an SQLite file is replaced). Nothing is
committed to the repository: the file is made at test and demo time.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from dateutil.relativedelta import relativedelta

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "examples" / "ssd" / "ssd.sqlite"
#: The day the synthetic extract was taken (the SSDA903 example's last day).
EXTRACTED_ON = date(2026, 3, 31)
#: The first day it holds: the SSD's default time-frame, six years.
HELD_FROM = EXTRACTED_ON - relativedelta(years=6)


def _part1() -> Any:
    spec = importlib.util.spec_from_file_location(
        "make_ssda903_example", ROOT / "scripts" / "make_ssda903_example.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_ssda903_example", module)
    spec.loader.exec_module(module)
    return module


P1 = _part1()


def _tables(meta: sa.MetaData) -> dict[str, sa.Table]:
    """The SSD tables (the columns the reader reads and some it never reads), typed as the
    SSD's SQL Server deployment types them (``nvarchar`` as text, ``datetime``)."""
    s, dt = sa.String, sa.DateTime
    t = {}
    t["ssd_person"] = sa.Table(
        "ssd_person", meta,
        sa.Column("pers_person_id", s(48), primary_key=True),
        sa.Column("pers_forename", s(100)), sa.Column("pers_surname", s(255)),
        sa.Column("pers_sex", s(20)), sa.Column("pers_dob", dt),
        sa.Column("pers_common_child_id", s(48)), sa.Column("pers_legacy_id", s(48)),
        sa.Column("pers_expected_dob", dt), sa.Column("pers_death_date", dt),
    )  # fmt: skip
    t["ssd_cla_episodes"] = sa.Table(
        "ssd_cla_episodes", meta,
        sa.Column("clae_cla_episode_id", s(48), primary_key=True),
        sa.Column("clae_person_id", s(48), index=True),
        sa.Column("clae_cla_episode_start_date", dt),
        sa.Column("clae_cla_episode_start_reason", s(100)),
        sa.Column("clae_cla_primary_need_code", s(3)),
        sa.Column("clae_cla_episode_ceased_date", dt),
        sa.Column("clae_cla_episode_ceased_reason", s(255)),
        sa.Column("clae_cla_id", s(48), index=True),
        sa.Column("clae_entered_care_date", dt),
    )  # fmt: skip
    t["ssd_legal_status"] = sa.Table(
        "ssd_legal_status", meta,
        sa.Column("lega_legal_status_id", s(48), primary_key=True),
        sa.Column("lega_person_id", s(48), index=True),
        sa.Column("lega_legal_status", s(100)),
        sa.Column("lega_legal_status_start_date", sa.Date),  # text YYYY-MM-DD in SQLite
        sa.Column("lega_legal_status_end_date", sa.Date),
    )  # fmt: skip
    t["ssd_cla_reviews"] = sa.Table(
        "ssd_cla_reviews", meta,
        sa.Column("clar_cla_review_id", s(48), primary_key=True),
        sa.Column("clar_cla_id", s(48), index=True),
        sa.Column("clar_cla_review_due_date", dt), sa.Column("clar_cla_review_date", dt),
        sa.Column("clar_cla_review_cancelled", sa.CHAR(1)),
        sa.Column("clar_cla_review_participation", s(100)),
    )  # fmt: skip
    t["ssd_care_leavers"] = sa.Table(
        "ssd_care_leavers", meta,
        sa.Column("clea_table_id", s(48), primary_key=True),
        sa.Column("clea_person_id", s(48), index=True),
        sa.Column("clea_care_leaver_eligibility", s(100)),
        sa.Column("clea_care_leaver_in_touch", s(100)),
        sa.Column("clea_care_leaver_latest_contact", dt),
        sa.Column("clea_pathway_plan_review_date", dt),
        sa.Column("clea_care_leaver_personal_advisor", s(100)),
        sa.Column("clea_care_leaver_allocated_team", s(48)),
        sa.Column("clea_care_leaver_worker_id", s(100)),
    )  # fmt: skip
    t["ssd_involvements"] = sa.Table(
        "ssd_involvements", meta,
        sa.Column("invo_involvements_id", s(48), primary_key=True),
        sa.Column("invo_professional_id", s(48)),
        sa.Column("invo_professional_role_id", s(200)),
        sa.Column("invo_professional_team", s(48)),
        sa.Column("invo_person_id", s(48), index=True),
        sa.Column("invo_involvement_start_date", dt),
        sa.Column("invo_involvement_end_date", dt),
        sa.Column("invo_worker_change_reason", s(200)),
    )  # fmt: skip
    t["ssd_professionals"] = sa.Table(
        "ssd_professionals", meta,
        sa.Column("prof_professional_id", s(48), primary_key=True),
        sa.Column("prof_staff_id", s(48)), sa.Column("prof_professional_name", s(300)),
        sa.Column("prof_professional_job_title", s(500)),
        sa.Column("prof_professional_department", s(100)),
    )  # fmt: skip
    t["ssd_department"] = sa.Table(
        "ssd_department", meta,
        sa.Column("dept_team_id", s(48), primary_key=True),
        sa.Column("dept_team_name", s(255)), sa.Column("dept_team_parent_id", s(48)),
        sa.Column("dept_team_parent_name", s(255)),
    )  # fmt: skip
    t["ssd_cla_convictions"] = sa.Table(
        "ssd_cla_convictions", meta,
        sa.Column("clac_cla_conviction_id", s(48), primary_key=True),
        sa.Column("clac_person_id", s(48), index=True),
        sa.Column("clac_cla_conviction_date", dt),
        sa.Column("clac_cla_conviction_offence", s(1000)),
    )  # fmt: skip
    return t


def dt(day: date | None) -> datetime | None:
    """A day as the SSD's datetime columns hold it (midnight)."""
    return None if day is None else datetime(day.year, day.month, day.day)


DEPARTMENTS = [
    ("T-LA", "Children's Services", None),
    ("T-CSC", "Children in Care Team", "T-LA"),
    ("T-NS", "Next Step (Leaving Care)", "T-LA"),
    ("T-NS-EAST", "Next Step East", "T-NS"),
    ("T-YOS", "Youth Justice Service", "T-LA"),
    ("T-PROB", "Probation Liaison", "T-LA"),
]
PROFESSIONALS = [
    ("P-SW1", "Social Worker", "T-CSC"),
    ("P-NS1", "Personal Adviser", "T-NS"),
    ("P-NS2", "Personal Adviser", "T-NS-EAST"),
    ("P-YOS1", "YOS Case Manager", "T-YOS"),
    ("P-PROB1", "Probation Officer", "T-PROB"),
]
#: (child, team, worker, role, start, end)
INVOLVEMENTS = [
    ("SYN009", "T-CSC", "P-SW1", "Allocated Case Worker", "2023-05-02", None),
    ("SYN009", "T-YOS", "P-YOS1", "YOS Case Manager", "2025-01-20", None),
    ("SYN009", "T-NS-EAST", "P-NS2", "Personal Adviser", "2025-02-14", None),
    ("SYN010", "T-YOS", "P-YOS1", "YOS Case Manager", "2024-06-03", "2025-06-02"),
    ("SYN010", "T-NS", "P-NS1", "Personal Adviser", "2024-12-01", None),
    ("SYN011", "T-NS", "P-NS1", "Personal Adviser", "2023-05-20", None),
    ("SYN011", "T-PROB", "P-PROB1", "Probation Officer", "2025-06-01", None),
    ("SYN018", "T-YOS", "P-YOS1", "YOS Case Manager", "2025-09-22", None),
    ("SYN018", "T-NS", "P-NS1", "Personal Adviser", "2026-01-19", None),
    ("SYN004", "T-NS", "P-NS1", "Personal Adviser", "2025-11-14", None),
    ("SYN006", "T-NS", "P-NS1", "Personal Adviser", "2024-08-10", None),
]
#: (child, recorded eligibility, latest pathway-plan start or review)
CARE_LEAVERS = [
    ("SYN001", "Eligible", "2025-08-01"),
    ("SYN004", "Relevant", "2025-11-20"),
    ("SYN005", "Relevant", "2025-06-02"),
    ("SYN006", "Former Relevant", "2025-06-02"),
    ("SYN007", "Former Relevant", "2025-10-01"),
    ("SYN008", "Relevant", "2025-09-15"),  # wrong: former relevant at 19
    ("SYN009", "Eligible", "2025-07-01"),
    ("SYN010", "Relevant", "2026-01-10"),
    ("SYN011", "Former Relevant", "2026-02-02"),
    ("SYN012", "Eligible", None),  # wrong: short breaks only, qualifying
    ("SYN013", "Qualifying", None),
    ("SYN015", "Qualifying", None),
    ("SYN017", "No Current Eligibility", None),
    ("SYN018", "Qualifying", None),  # wrong: relevant after the remand
    ("SYN020", "Former Relevant", "2025-12-12"),
    ("SYN021", "Former Relevant", None),  # wrong: qualifying (short breaks only)
    ("SYN022", "Former Relevant", "2026-02-02"),
]
CONVICTIONS = {"SYN005": "2024-10-01", "SYN009": "2024-11-15", "SYN010": "2024-05-20",
               "SYN011": "2023-11-15"}  # fmt: skip


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _periods(p: Any) -> list[list[Any]]:
    """The episodes in unbroken runs (each next episode starts on the previous DEC)."""
    runs: list[list[Any]] = []
    for e in p.episodes:
        if runs and runs[-1][-1].dec == e.decom:
            runs[-1].append(e)
        else:
            runs.append([e])
    return runs


def _reviews_held(p: Any) -> list[date]:
    """Reviews held on time (as the SSDA903 example's), from the extract's first day."""
    if p.reviews is not None:
        return [date.fromisoformat(r) for r in p.reviews]
    out: list[date] = []
    for start, end, short in P1.periods(p):
        if short:
            continue
        held = start + timedelta(days=14)
        step = relativedelta(months=2)
        while held <= min(end, P1.RECORDED_TO):
            if held >= HELD_FROM:
                out.append(held)
            held += step
            step = relativedelta(months=5)
    return out


def _law_due(p: Any, held: list[date]) -> tuple[dict[date, date], date | None]:
    """The due date the law gives each review held, and the next one's (if any)."""
    from care_justice_protocol import CareEpisode, WorkingCalendar, statutory_reviews

    episodes = [
        CareEpisode(
            date.fromisoformat(e.decom),
            (date.fromisoformat(e.dec) - timedelta(days=1)) if e.dec else None,
            e.ls,
        )
        for e in p.episodes
    ]
    dob = date.fromisoformat(p.dob)
    checks = statutory_reviews(
        dob, episodes, WorkingCalendar.england(), EXTRACTED_ON, reviews_held=held
    )
    due = {
        c.held_on: c.deadline.due for c in checks if c.kind.value == "looked-after" and c.held_on
    }
    upcoming = [
        c.deadline.due for c in checks if c.kind.value == "looked-after" and c.held_on is None
    ]
    return due, (upcoming[-1] if upcoming else None)


def rows() -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in _tables(sa.MetaData())}
    for n, (team, name, parent) in enumerate(DEPARTMENTS):
        out["ssd_department"].append(
            {"dept_team_id": team, "dept_team_name": name, "dept_team_parent_id": parent,
             "dept_team_parent_name": None if parent is None else DEPARTMENTS[0][1]}
        )  # fmt: skip
        del n
    for i, (pid, title, team) in enumerate(PROFESSIONALS, 1):
        out["ssd_professionals"].append(
            {"prof_professional_id": pid, "prof_staff_id": f"S{i:03d}",
             "prof_professional_name": f"FAKE-WORKER-NAME-{i:03d}",
             "prof_professional_job_title": title, "prof_professional_department": team}
        )  # fmt: skip
    for p in sorted(P1.PEOPLE, key=lambda p: p.child):
        n = int(p.child[3:])
        dob = date.fromisoformat(p.dob)
        out["ssd_person"].append(
            {"pers_person_id": p.child, "pers_forename": f"FAKE-FORENAME-{n:03d}",
             "pers_surname": f"FAKE-SURNAME-{n:03d}", "pers_sex": "F" if p.female else "M",
             "pers_dob": dt(dob), "pers_common_child_id": f"999{n:07d}",
             "pers_legacy_id": None, "pers_expected_dob": None, "pers_death_date": None}
        )  # fmt: skip
        held = _reviews_held(p)
        due, upcoming = _law_due(p, held)
        for k, run in enumerate(_periods(p), 1):
            cla = f"CLA-{p.child}-{k}"
            for j, e in enumerate(run, 1):
                eid = f"E-{p.child}-{k}-{j}"
                start, dec = date.fromisoformat(e.decom), _day(e.dec)
                out["ssd_cla_episodes"].append(
                    {"clae_cla_episode_id": eid, "clae_person_id": p.child,
                     "clae_cla_episode_start_date": dt(start),
                     "clae_cla_episode_start_reason": e.rne, "clae_cla_primary_need_code": "N1",
                     "clae_cla_episode_ceased_date": dt(dec),
                     "clae_cla_episode_ceased_reason": e.rec if dec else None,
                     "clae_cla_id": cla,
                     "clae_entered_care_date": dt(date.fromisoformat(run[0].decom))}
                )  # fmt: skip
                out["ssd_legal_status"].append(
                    {"lega_legal_status_id": f"L-{p.child}-{k}-{j}", "lega_person_id": p.child,
                     "lega_legal_status": e.ls, "lega_legal_status_start_date": start,
                     "lega_legal_status_end_date": dec}
                )  # fmt: skip
            first = date.fromisoformat(run[0].decom)
            last = _day(run[-1].dec)
            mine = [h for h in held if first <= h and (last is None or h < last)]
            for m, h in enumerate(mine, 1):
                recorded = due.get(h)
                if p.child == "SYN001" and m == 2:
                    recorded = mine[0] + relativedelta(months=6)  # wrong: the law gives 3
                if p.child == "SYN016" and m == 1:
                    recorded = first + timedelta(days=21)  # wrong: 20 working days
                out["ssd_cla_reviews"].append(
                    {"clar_cla_review_id": f"R-{p.child}-{k}-{m}", "clar_cla_id": cla,
                     "clar_cla_review_due_date": dt(recorded), "clar_cla_review_date": dt(h),
                     "clar_cla_review_cancelled": "N", "clar_cla_review_participation": "PN1"}
                )  # fmt: skip
            if last is None and upcoming is not None:
                out["ssd_cla_reviews"].append(
                    {"clar_cla_review_id": f"R-{p.child}-{k}-next", "clar_cla_id": cla,
                     "clar_cla_review_due_date": dt(upcoming), "clar_cla_review_date": None,
                     "clar_cla_review_cancelled": None, "clar_cla_review_participation": None}
                )  # fmt: skip
            if p.child == "SYN002":
                out["ssd_cla_reviews"].append(
                    {"clar_cla_review_id": f"R-{p.child}-{k}-cancelled", "clar_cla_id": cla,
                     "clar_cla_review_due_date": dt(date(2025, 8, 29)),
                     "clar_cla_review_date": dt(date(2025, 8, 20)),
                     "clar_cla_review_cancelled": "Y", "clar_cla_review_participation": None}
                )  # fmt: skip
    for child, eligibility, plan in CARE_LEAVERS:
        team = "T-NS" if eligibility in ("Relevant", "Former Relevant") else None
        out["ssd_care_leavers"].append(
            {"clea_table_id": f"CL-{child}", "clea_person_id": child,
             "clea_care_leaver_eligibility": eligibility, "clea_care_leaver_in_touch": "YES",
             "clea_care_leaver_latest_contact": None,
             "clea_pathway_plan_review_date": dt(_day(plan)),
             "clea_care_leaver_personal_advisor": "FAKE-ADVISER-NAME" if team else None,
             "clea_care_leaver_allocated_team": team,
             "clea_care_leaver_worker_id": "P-NS1" if team else None}
        )  # fmt: skip
    for i, (child, team, worker, role, start, end) in enumerate(INVOLVEMENTS, 1):
        out["ssd_involvements"].append(
            {"invo_involvements_id": f"I-{i:03d}", "invo_professional_id": worker,
             "invo_professional_role_id": role, "invo_professional_team": team,
             "invo_person_id": child, "invo_involvement_start_date": dt(_day(start)),
             "invo_involvement_end_date": dt(_day(end)), "invo_worker_change_reason": None}
        )  # fmt: skip
    for i, (child, day) in enumerate(sorted(CONVICTIONS.items()), 1):
        out["ssd_cla_convictions"].append(
            {"clac_cla_conviction_id": f"C-{i:03d}", "clac_person_id": child,
             "clac_cla_conviction_date": dt(_day(day)),
             "clac_cla_conviction_offence": f"FAKE-OFFENCE-TEXT-{i:03d}"}
        )  # fmt: skip
    return out


def write(url: str, *, schema: str | None = None) -> None:
    """Drop and write every table at ``url`` (an SQLite file is replaced), in ``schema``
    (created if missing; PostgreSQL) or the default one."""
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    engine = sa.create_engine(url)
    if engine.dialect.name == "sqlite" and engine.url.database:
        path = Path(engine.url.database)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
    meta = sa.MetaData(schema=schema)
    tables = _tables(meta)
    data = rows()
    with engine.begin() as conn:
        if schema is not None:
            conn.execute(sa.text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
        meta.drop_all(conn)
        meta.create_all(conn)
        for name, table in tables.items():
            if data[name]:
                conn.execute(table.insert(), data[name])
    engine.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", nargs="?", default=f"sqlite:///{DEFAULT}",
                        help="where to write (default: examples/ssd/ssd.sqlite)")  # fmt: skip
    args = parser.parse_args(argv)
    write(args.url)
    return 0


if __name__ == "__main__":
    sys.exit(main())
