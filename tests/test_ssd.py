"""The Standard Safeguarding Dataset reader, on SQLite and on a real PostgreSQL server.

Every test taking ``backend`` runs twice: on an SQLite file and on the PostgreSQL server
whose URL ``CJP_TEST_POSTGRES_URL`` gives (``.ci/run`` starts one and exports it). Without
that variable the PostgreSQL runs are skipped with the reason, except in CI (``CI=true``),
where they fail. Each test gets its own database (an SQLite file, or a PostgreSQL schema)
written by ``scripts/make_ssd_example.py`` (the SSDA903 example's 22 young people).
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import sys
import uuid
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from datetime import date
from pathlib import Path

import pytest

sa = pytest.importorskip("sqlalchemy")

from care_justice_protocol import (  # noqa: E402
    CareStatus,
    Service,
    SsdConnectionError,
    SsdError,
    SsdMappingError,
    SsdPeriod,
    WorkingCalendar,
    dumps_caseload,
    load_caseload,
    load_ssd_mapping,
    mask_url,
    open_ssd,
    read_ssd,
    read_ssd_mapping,
    read_ssda903,
    ssd_caseload_skeleton,
    ssd_eligibility_check,
    ssd_pathway_plan,
    ssd_population,
    ssd_reviews,
    ssda903_status,
)
from care_justice_protocol.cli import main  # noqa: E402
from care_justice_protocol.io._ssd import _connect  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
EXTRACTED_ON = date(2026, 3, 31)
MAPPING = ROOT / "examples" / "ssd" / "teams.toml"
FORBIDDEN = (
    "pers_forename", "pers_surname", "pers_common_child_id", "prof_professional_name",
    "clac_cla_conviction_offence", "clea_care_leaver_personal_advisor",
)  # fmt: skip


def _example() -> object:
    spec = importlib.util.spec_from_file_location(
        "make_ssd_example", ROOT / "scripts" / "make_ssd_example.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("make_ssd_example", module)
    spec.loader.exec_module(module)
    return module


EXAMPLE: object = _example()


class Db:
    """One synthetic database: its URL, schema, and a way to change it (as its owner)."""

    def __init__(self, url: str, schema: str | None, writer: str) -> None:
        self.url = url
        self.schema = schema
        self.writer = writer

    def table(self, name: str) -> str:
        return name if self.schema is None else f'"{self.schema}".{name}'

    def sql(self, *statements: str) -> None:
        engine = sa.create_engine(self.writer)
        with engine.begin() as conn:
            for statement in statements:
                conn.execute(sa.text(statement))
        engine.dispose()

    def read(self, **kwargs: object):  # type: ignore[no-untyped-def]
        kwargs.setdefault("extracted_on", EXTRACTED_ON)
        return read_ssd(self.url, schema=self.schema, **kwargs)  # type: ignore[arg-type]

    def problems(self, **kwargs: object) -> list[str]:
        with pytest.raises(SsdError) as info:
            self.read(**kwargs)
        return list(info.value.lines)


def _postgres() -> str | None:
    url = os.environ.get("CJP_TEST_POSTGRES_URL")
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail("CJP_TEST_POSTGRES_URL is not set: .ci/run starts PostgreSQL and sets it")
    pytest.skip("no PostgreSQL server: set CJP_TEST_POSTGRES_URL (as .ci/run does) to run these")


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Db]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'ssd.sqlite'}"
        EXAMPLE.write(url)  # type: ignore[attr-defined]
        yield Db(url, None, url)
        return
    server = _postgres()
    assert server is not None
    schema = f"t_{uuid.uuid4().hex[:12]}"
    writer = "postgresql+psycopg://" + server.removeprefix("postgresql://")
    EXAMPLE.write(writer, schema=schema)  # type: ignore[attr-defined]
    try:
        yield Db(server, schema, writer)
    finally:
        Db(server, schema, writer).sql(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(scope="module")
def sqlite_db(tmp_path_factory: pytest.TempPathFactory) -> Db:
    url = f"sqlite:///{tmp_path_factory.mktemp('ssd') / 'ssd.sqlite'}"
    EXAMPLE.write(url)  # type: ignore[attr-defined]
    return Db(url, None, url)


@pytest.fixture(scope="module")
def example(sqlite_db: Db):  # type: ignore[no-untyped-def]
    return sqlite_db.read(mapping=read_ssd_mapping(MAPPING))


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


# --------------------------------------------------------------------------- both backends


class TestTheSyntheticDatabase:
    def test_twenty_two_people_held_for_six_years_before_the_extract(self, backend: Db) -> None:
        db = backend.read()
        assert len(db.young_people) == 22
        # 31 March 2026 less 6 years (relativedelta) = 31 March 2020
        assert db.held == SsdPeriod(date(2020, 3, 31), EXTRACTED_ON)

    def test_the_extract_day_defaults_to_the_latest_date_recorded(self, backend: Db) -> None:
        source = open_ssd(backend.url, schema=backend.schema)
        # the latest event date recorded: SYN003, looked after from 5 January 2026, is
        # reviewed 14 days in (19 January) and 2 months later, 19 March 2026; held_from is
        # 6 years before it (SSD_TIMEFRAME_YEARS)
        assert source.held == SsdPeriod(date(2020, 3, 19), date(2026, 3, 19))

    def test_statuses_are_those_of_the_return_wherever_the_return_decides(
        self, backend: Db
    ) -> None:
        db = backend.read()
        ret = read_ssda903(ROOT / "examples" / "ssda903")
        day = date(2026, 3, 1)
        differ = {}
        for p in db.young_people:
            mine = ssda903_status(p.history, day)
            theirs = ssda903_status(ret.young_person(p.person_id), day)
            if theirs.decided:
                assert mine.status == theirs.status, p.person_id
            elif mine.status != theirs.status:
                differ[p.person_id] = mine.status
        # SYN014 (born 2007-06-30): the 14th birthday, 30 June 2021, is after the first day
        # held (31 March 2020), so the database holds the whole window the return lacks;
        # care from 7 August to 24 September 2023 after the 16th birthday (30 June 2023),
        # 7 weeks: looked after after 16 but never eligible, so qualifying (s.24(1B)).
        assert differ == {"SYN014": "qualifying"}

    def test_the_wrong_recorded_eligibilities_are_found(self, backend: Db) -> None:
        db = backend.read()
        checks = [ssd_eligibility_check(p, EXTRACTED_ON) for p in db.young_people]
        against = sorted(c.person_id for c in checks if c is not None and c.agrees is False)
        # SYN002 and SYN014 have no row; the other four are recorded wrongly
        assert against == ["SYN002", "SYN008", "SYN012", "SYN014", "SYN018", "SYN021"]
        undecided = sorted(c.person_id for c in checks if c is not None and c.agrees is None)
        # SYN005 is recorded "Relevant"; whether still detained on the 16th birthday is not
        # recorded, so the law's status is not decided (SYN019 has no row: nothing to check)
        assert undecided == ["SYN005"]

    def test_recorded_due_dates_that_differ_from_the_law_are_named(self, backend: Db) -> None:
        db = backend.read()
        cal = WorkingCalendar.england()
        found = {
            (p.person_id, x.check.number): x
            for p in db.young_people
            for x in ssd_reviews(p, EXTRACTED_ON, cal).checks
            if x.due_agrees is False
        }
        assert set(found) == {("SYN001", 2), ("SYN016", 1)}
        # SYN001: first review held 18 September 2023 (looked after from 4 September, +14
        # days); the second is due 3 months later, 18 December 2023 (reg 33(2)); recorded
        # 6 months later, 18 March 2024: 91 days later.
        syn001 = found["SYN001", 2]
        assert syn001.check.deadline.due == date(2023, 12, 18)
        assert syn001.recorded is not None
        assert syn001.recorded.due_on == date(2024, 3, 18)
        assert "91 days later than the law's (2023-12-18" in syn001.explanation
        # SYN016: looked after from Monday 14 July 2025; 20 working days (no bank holiday
        # before 25 August) end on Monday 11 August 2025 (reg 33(1)); recorded 21 days
        # after, 4 August: 7 days earlier.
        syn016 = found["SYN016", 1]
        assert syn016.check.deadline.due == date(2025, 8, 11)
        assert "7 days earlier" in syn016.explanation
        assert "reg 33(1)" in syn016.explanation

    def test_pathway_plan_due_dates(self, backend: Db) -> None:
        db = backend.read()
        plans = {p.person_id: ssd_pathway_plan(p, EXTRACTED_ON) for p in db.young_people}
        # SYN004: last reviewed 20 November 2025, + 6 months = 20 May 2026: due
        syn004 = plans["SYN004"]
        assert syn004 is not None
        assert syn004.check is not None
        assert (syn004.check.deadline.due, syn004.check.state.value) == (date(2026, 5, 20), "due")
        # SYN006: 2 June 2025 + 6 months = 2 December 2025: overdue on 31 March 2026
        syn006 = plans["SYN006"]
        assert syn006 is not None
        assert syn006.to_dict()["due"] == "2025-12-02"
        assert syn006.to_dict()["state"] == "overdue"
        # SYN020's latest review is on the 19th birthday: said in words, never dated
        syn020 = plans["SYN020"]
        assert syn020 is not None
        assert syn020.to_dict()["latest"] is None
        assert "the 19th birthday" in syn020.explanation
        # no reg 7 reviews: eligible (SYN001), former relevant after 21 (SYN007)
        assert plans["SYN001"] is None
        assert plans["SYN007"] is None

    def test_stream_gives_the_young_people_read_gives(self, backend: Db) -> None:
        source = open_ssd(backend.url, extracted_on=EXTRACTED_ON, schema=backend.schema)
        assert tuple(source.stream()) == source.read().young_people

    def test_the_reader_cannot_write(self, backend: Db) -> None:
        conn = _connect(backend.url)
        try:
            with pytest.raises(sa.exc.DBAPIError):
                conn.exec_driver_sql("CREATE TABLE written_by_the_reader (a INTEGER)")
        finally:
            conn.close()
        engine = sa.create_engine(backend.writer)
        with engine.connect() as owner:
            names = sa.inspect(owner).get_table_names(schema=backend.schema)
        engine.dispose()
        assert "written_by_the_reader" not in names

    def test_only_selects_are_issued_and_no_name_nhs_number_or_offence(self, backend: Db) -> None:
        seen: list[str] = []

        def listen(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
            seen.append(statement)

        sa.event.listen(sa.engine.Engine, "before_cursor_execute", listen)
        try:
            backend.read()
        finally:
            sa.event.remove(sa.engine.Engine, "before_cursor_execute", listen)
        reads = [s for s in seen if "ssd_" in s]
        assert reads
        assert all(s.lstrip().upper().startswith(("SELECT", "PRAGMA", "SHOW")) for s in seen)
        assert not [s for s in seen for name in FORBIDDEN if name in s]

    def test_the_command_reads_the_url(self, backend: Db) -> None:
        extra = () if backend.schema is None else ("--schema", backend.schema)
        code, out, err = run(
            "care-leavers", backend.url, "--as-of", "2026-03-31", "--extracted-on", "2026-03-31",
            "--teams", str(MAPPING), "--format", "json", *extra,
        )  # fmt: skip
        assert (code, err) == (0, "")
        doc = json.loads(out)
        assert len(doc["statuses"]) == 22
        assert "FAKE-" not in out
        assert sum(1 for c in doc["eligibility_checks"] if c["agrees"] is False) == 6


class TestUnreachable:
    def test_an_unreachable_server_masks_the_password(self) -> None:
        url = "postgresql://cjp:s3cr3t-pw@127.0.0.1:9/ssd"
        with pytest.raises(SsdConnectionError) as info:
            open_ssd(url)
        assert "s3cr3t-pw" not in str(info.value)
        assert "postgresql://cjp:***@127.0.0.1:9/ssd" in str(info.value)
        code, out, err = run("care-leavers", url, "--as-of", "2026-03-01")
        assert code == 2
        assert "s3cr3t-pw" not in out + err
        assert err.count("\n") == 1

    def test_a_missing_sqlite_file_is_not_created(self, tmp_path: Path) -> None:
        with pytest.raises(SsdConnectionError, match="unable to open"):
            open_ssd(f"sqlite:///{tmp_path / 'none.sqlite'}")
        assert not (tmp_path / "none.sqlite").exists()

    def test_passwords_in_the_query_are_masked_too(self) -> None:
        assert mask_url("postgresql://u@h/d?password=x&sslmode=require") == (
            "postgresql://u@h/d?password=***&sslmode=require"
        )


# --------------------------------------------------------------------------- SQLite only


class TestWhatIsRead:
    def test_nothing_is_written_to_the_file(self, sqlite_db: Db) -> None:
        path = Path(sqlite_db.url.removeprefix("sqlite:///"))
        before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
        sqlite_db.read()
        run("care-leavers", sqlite_db.url, "--as-of", "2026-03-01", "--show", "reviews")
        after = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
        assert before == after
        assert not list(path.parent.glob("*-journal")) + list(path.parent.glob("*-wal"))

    def test_allocations_map_teams_to_services_through_their_parents(self, example) -> None:  # type: ignore[no-untyped-def]
        syn009 = example.young_person("SYN009")
        on = {a.team: a.service for a in syn009.allocated_on(date(2026, 3, 1))}
        # T-NS-EAST's parent is T-NS, which the mapping makes Next Step's
        assert on == {"T-CSC": None, "T-YOS": Service.YOS, "T-NS-EAST": Service.NEXT_STEP}

    def test_the_population_lists_the_allocations(self, example) -> None:  # type: ignore[no-untyped-def]
        entries = {e.entry.child: e for e in ssd_population(example, date(2026, 3, 1))}
        joint = sorted(k for k, e in entries.items() if e.entry.in_population)
        assert joint == ["SYN009", "SYN010", "SYN011", "SYN018"]
        assert entries["SYN011"].to_dict()["allocated"] == [
            "next-step (T-NS, from 2023-05-20)",
            "probation-service (T-PROB, from 2025-06-01)",
        ]

    def test_the_skeleton_starts_with_the_allocations_and_loads(self, example) -> None:  # type: ignore[no-untyped-def]
        skeleton = ssd_caseload_skeleton(example, date(2026, 3, 1))
        assert [c.case_id for c in skeleton.cases] == [
            "SSD-SYN009", "SSD-SYN010", "SSD-SYN011", "SSD-SYN018",
        ]  # fmt: skip
        syn018 = skeleton.cases[-1]
        assert [(e.on, e.service) for e in syn018.events] == [  # type: ignore[union-attr]
            (date(2025, 9, 22), Service.YOS),
            (date(2026, 1, 19), Service.NEXT_STEP),
        ]
        assert load_caseload(dumps_caseload(skeleton)) == skeleton

    def test_a_cancelled_review_is_not_a_review_held(self, example) -> None:  # type: ignore[no-untyped-def]
        syn002 = example.young_person("SYN002")
        cancelled = ssd_reviews(syn002, EXTRACTED_ON, WorkingCalendar.england()).cancelled
        assert [r.held_on for r in cancelled] == [date(2025, 8, 20)]
        assert date(2025, 8, 20) not in [r.held_on for r in syn002.history.reviews]

    def test_a_disagreement_gives_both_values_and_why(self, example) -> None:  # type: ignore[no-untyped-def]
        check = ssd_eligibility_check(example.young_person("SYN008"), EXTRACTED_ON)
        assert check is not None
        assert check.recorded == "Relevant"
        assert check.found.status == CareStatus.FORMER_RELEVANT.value
        assert "recorded 'Relevant', but the law gives former-relevant" in check.explanation
        assert "Children Act 1989 s.23C(1)" in check.explanation

    def test_no_output_holds_a_name_nhs_number_or_offence(self, sqlite_db: Db) -> None:
        for show in ("statuses", "reviews", "population", "skeleton"):
            for fmt in ("table", "json", "csv"):
                code, out, err = run(
                    "care-leavers", sqlite_db.url, "--as-of", "2026-03-31", "--show", show,
                    "--format", fmt, "--teams", str(MAPPING),
                )  # fmt: skip
                assert code == 0
                assert "FAKE-" not in out + err
                assert "9990000" not in out + err


def _problems_after(db: Db, *statements: str, **kwargs: object) -> list[str]:
    db.sql(*statements)
    return db.problems(**kwargs)


class TestBadInput:
    def test_a_missing_table_is_named_with_its_columns(self, backend: Db) -> None:
        lines = _problems_after(backend, f"DROP TABLE {backend.table('ssd_cla_convictions')}")
        assert lines == [
            "ssd_cla_convictions: no such table"
            + (f" in schema {backend.schema!r}" if backend.schema else "")
            + ": the reader needs ssd_cla_convictions (clac_cla_conviction_id, clac_person_id, "
            "clac_cla_conviction_date)"
        ]

    def test_a_missing_column(self, backend: Db) -> None:
        lines = _problems_after(
            backend,
            f"ALTER TABLE {backend.table('ssd_cla_episodes')} "
            "DROP COLUMN clae_cla_episode_start_reason",
        )
        assert lines == [
            (
                "ssd_cla_episodes, column clae_cla_episode_start_reason: no such column (the "
                "reader needs clae_cla_episode_start_reason)"
            )
        ]

    def test_a_column_of_the_wrong_type(self, backend: Db) -> None:
        t = backend.table("ssd_department")
        lines = _problems_after(
            backend,
            f"ALTER TABLE {t} DROP COLUMN dept_team_parent_id",
            f"ALTER TABLE {t} ADD COLUMN dept_team_parent_id INTEGER",
        )
        assert lines == [
            (
                "ssd_department, column dept_team_parent_id: the column is declared INTEGER: the "
                "SSD defines nvarchar (text)"
            )
        ]

    def test_an_unknown_code_names_the_allowed_codes_and_the_row(self, backend: Db) -> None:
        t = backend.table("ssd_legal_status")
        lines = _problems_after(
            backend,
            f"UPDATE {t} SET lega_legal_status = 'Interim care order' "
            "WHERE lega_legal_status_id = 'L-SYN016-1-1'",
        )
        assert len(lines) == 1
        assert lines[0].startswith(
            "ssd_legal_status lega_legal_status_id 'L-SYN016-1-1', column lega_legal_status: "
            "lega_legal_status 'Interim care order' is not a valid code: one of 'C1', 'C2',"
        )
        mapping = load_ssd_mapping('[codes.lega_legal_status]\n"Interim care order" = "C1"\n')
        assert (
            backend.read(mapping=mapping).young_person("SYN016").history.episodes[0].legal_status
            == "C1"
        )

    def test_an_orphan_episode_names_its_table_key_and_column(self, backend: Db) -> None:
        lines = _problems_after(
            backend, f"DELETE FROM {backend.table('ssd_person')} WHERE pers_person_id = 'SYN003'"
        )
        assert (
            "ssd_cla_episodes clae_cla_episode_id 'E-SYN003-1-1', column clae_person_id: an "
            "orphan row: no ssd_person row has pers_person_id 'SYN003'"
        ) in lines
        assert all("SYN003" in line for line in lines)

    def test_an_orphan_review(self, backend: Db) -> None:
        lines = _problems_after(
            backend,
            f"UPDATE {backend.table('ssd_cla_reviews')} SET clar_cla_id = 'CLA-NONE' "
            "WHERE clar_cla_review_id = 'R-SYN001-1-1'",
        )
        assert lines == [
            (
                "ssd_cla_reviews clar_cla_review_id 'R-SYN001-1-1', column clar_cla_id: an orphan "
                "row: no ssd_cla_episodes row has clae_cla_id 'CLA-NONE'"
            )
        ]

    def test_a_text_that_is_not_a_date_and_a_dob_never_quoted(
        self, sqlite_db: Db, tmp_path: Path
    ) -> None:
        url = f"sqlite:///{tmp_path / 'bad.sqlite'}"
        EXAMPLE.write(url)  # type: ignore[attr-defined]
        db = Db(url, None, url)
        lines = _problems_after(
            db,
            "UPDATE ssd_cla_episodes SET clae_cla_episode_start_date = 'soon' "
            "WHERE clae_cla_episode_id = 'E-SYN001-1-1'",
            "UPDATE ssd_person SET pers_dob = '15/06/2009' WHERE pers_person_id = 'SYN001'",
            "UPDATE ssd_involvements SET invo_involvement_start_date = 42 "
            "WHERE invo_involvements_id = 'I-001'",
        )
        assert (
            "ssd_person pers_person_id 'SYN001', column pers_dob: pers_dob is not a date "
            "(YYYY-MM-DD, or a datetime)"
        ) in lines
        assert not [line for line in lines if "15/06/2009" in line]
        assert (
            "ssd_involvements invo_involvements_id 'I-001', column invo_involvement_start_date: "
            "invo_involvement_start_date holds a value of type int: the SSD defines a datetime "
            "(a date, a datetime or text YYYY-MM-DD is read)"
        ) in lines

    def test_the_command_gives_one_line_per_problem_and_exit_2(self, tmp_path: Path) -> None:
        url = f"sqlite:///{tmp_path / 'bad.sqlite'}"
        EXAMPLE.write(url)  # type: ignore[attr-defined]
        Db(url, None, url).sql("DROP TABLE ssd_involvements", "DROP TABLE ssd_department")
        code, out, err = run("care-leavers", url, "--as-of", "2026-03-01")
        assert (code, out) == (2, "")
        assert err.splitlines() == [
            (
                "cjp: ssd_involvements: no such table: the reader needs ssd_involvements "
                "(invo_involvements_id, invo_person_id, invo_professional_id, "
                "invo_professional_role_id, invo_professional_team, invo_involvement_start_date, "
                "invo_involvement_end_date)"
            ),
            (
                "cjp: ssd_department: no such table: the reader needs ssd_department "
                "(dept_team_id, dept_team_parent_id)"
            ),
        ]


class TestMappingFile:
    def test_the_example_file(self) -> None:
        m = read_ssd_mapping(MAPPING)
        assert dict(m.teams) == {
            "T-NS": Service.NEXT_STEP, "T-YOS": Service.YOS, "T-PROB": Service.PROBATION_SERVICE,
        }  # fmt: skip

    def test_every_problem_at_once_with_its_path(self) -> None:
        text = (
            '[teams]\nleaving-care = ["T1"]\nyos = ["T2", "T2"]\nnext-step = []\n'
            '[codes.clea_care_leaver_eligibility]\n"FR" = "Former relevant"\n[other]\n'
        )
        with pytest.raises(SsdMappingError) as info:
            load_ssd_mapping(text, name="m.toml")
        assert info.value.lines == (
            "m.toml: unknown key 'other': a mapping file has [teams] and [codes] @ $",
            (
                "m.toml: unknown service 'leaving-care': one of 'next-step', 'yos', 'nps', 'crc', "
                "'probation-service' @ $.teams[\"leaving-care\"]"
            ),
            "m.toml: team 'T2' is already 'yos''s: a team belongs to one service @ $.teams.yos[1]",
            'm.toml: must be a list of dept_team_id values (text) @ $.teams["next-step"]',
            (
                "m.toml: must be one of 'Relevant', 'Former Relevant', 'Eligible', 'Qualifying', "
                "'No Current Eligibility' @ $.codes.clea_care_leaver_eligibility.FR"
            ),
        )

    def test_a_team_the_database_does_not_hold_is_a_warning(self, sqlite_db: Db) -> None:
        with pytest.warns(UserWarning, match="names team 'T-GONE'"):
            sqlite_db.read(mapping=load_ssd_mapping('[teams]\nyos = ["T-GONE"]\n'))
