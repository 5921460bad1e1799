"""The SSDA903 reader, what a return implies, and ``cjp care-leavers``.

The synthetic return (``examples/ssda903``, four collection years, 2022-23 to 2025-26, made
by ``scripts/make_ssda903_example.py``) is evaluated on Sunday 1 March 2026 (``AS_OF``)
against a table computed by hand: each row's comment gives the birthdays and the 13 weeks
(day 1 is the first day of care, day 91 the day it completes: DECOM + 90 days). The files
hold 1 April 2022 to 31 March 2026. An episode's last day of care is the day before its DEC.
"""

from __future__ import annotations

import contextlib
import csv
import importlib.util
import io
import itertools
import json
import random
import shutil
import sys
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol import (
    SSDA903_COLUMNS,
    BirthdayPolicy,
    CareStatus,
    Detention,
    InputFileError,
    LegalStatus,
    ReviewKind,
    ReviewState,
    SpecialGuardianshipOrder,
    Ssda903Error,
    Ssda903Table,
    WorkingCalendar,
    care_leaver_status,
    dumps_caseload,
    load_caseload,
    open_ssda903,
    read_ssda903,
    ssda903_caseload_skeleton,
    ssda903_oc3_checks,
    ssda903_population,
    ssda903_reviews,
    ssda903_status,
    ssda903_statuses,
)
from care_justice_protocol._strict_json import MAX_PROBLEMS
from care_justice_protocol.cli import main
from care_justice_protocol.io._ssda903 import _Cells, _Problems

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ssda903"
AS_OF = date(2026, 3, 1)
DATA = read_ssda903(EXAMPLE)
ENGLAND = WorkingCalendar.england()

CA = "Children Act 1989"


def person(child: str):  # type: ignore[no-untyped-def]
    return DATA.young_person(child)


class TestSyntheticReturn:
    def test_the_files_are_those_the_script_writes(self) -> None:
        spec = importlib.util.spec_from_file_location(
            "make_ssda903_example", ROOT / "scripts" / "make_ssda903_example.py"
        )
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up
        try:
            spec.loader.exec_module(module)
        finally:
            del sys.modules[spec.name]
        assert module.main(["--check"]) == 0

    def test_four_years_and_twenty_two_young_people(self) -> None:
        assert [str(y) for y in DATA.years] == ["2022-23", "2023-24", "2024-25", "2025-26"]
        assert [p.child for p in DATA.young_people] == [f"SYN{n:03d}" for n in range(1, 23)]

    #: CHILD -> (status, first citation, period), on 1 March 2026.
    EXPECTED: Mapping[str, tuple[str, str, str]] = {
        # dob 2009-06-15: 14th 2023-06-15, 16th 2025-06-15. C2 from 2023-09-04, open:
        # day 91 = 2023-12-03; eligible from the 16th birthday.
        "SYN001": (
            "eligible",
            f"{CA} Sch 2 para 19B(2)",
            "from the 16th birthday to at least 2026-03-31 (the files end there)",
        ),
        # dob 2009-10-20: 16th 2025-10-20. V2 from 2025-08-01: day 91 = 2025-10-30.
        "SYN002": (
            "eligible",
            f"{CA} Sch 2 para 19B(2)",
            "from 2025-10-30 to at least 2026-03-31 (the files end there)",
        ),
        # dob 2009-05-10. V2 from 2026-01-05: day 91 = 2026-04-05, after 1 March.
        "SYN003": (
            "looked-after",
            f"{CA} s.22(1)",
            "from 2026-01-05 to at least 2026-03-31 (the files end there)",
        ),
        # dob 2009-04-20: 16th 2025-04-20. V2 2024-09-02 to DEC 2025-11-14 (last day
        # 2025-11-13); day 91 = 2024-12-01: eligible from the 16th birthday, relevant after.
        "SYN004": (
            "relevant",
            f"{CA} s.23A(2)",
            "from 2025-11-14 to at least 2026-03-31 (the files end there)",
        ),
        # DEC 2025-05-12 with REC E9 (sentenced to custody), before the 16th birthday
        # (2025-07-01): relevant only if still detained on it, which the return does not say.
        "SYN005": (
            "history-incomplete",
            "Care Leavers (England) Regulations 2010 reg 3(2)",
            "",
        ),
        # dob 2007-08-10: 14th 2021-08-10 (before the files, inside the C2 episode from
        # 2018-03-05), 18th 2025-08-10 = DEC: looked after and eligible the day before.
        "SYN006": (
            "former-relevant",
            f"{CA} s.23C(1)",
            "from the 18th birthday to the day before the 21st birthday",
        ),
        # dob 2004-06-10: 18th 2022-06-10 = DEC of C2 from 2014-09-01; 21st 2025-06-10.
        "SYN007": (
            "former-relevant",
            (
                f"{CA} s.23C(1) and s.23CZB (Children and Social Work Act 2017 s.3, in force 1 "
                "April 2018)"
            ),
            "from the 21st birthday to the day before the 25th birthday",
        ),
        # dob 2006-11-05: 16th 2022-11-05, 18th 2024-11-05. C2 2017-01-09 to DEC 2023-07-03:
        # eligible from 16, relevant from 2023-07-03, former relevant from 18.
        "SYN008": (
            "former-relevant",
            f"{CA} s.23C(1)",
            "from the 18th birthday to the day before the 21st birthday",
        ),
        # dob 2009-02-14: 16th 2025-02-14. V2, J1, V2 (X1 between) from 2023-05-02:
        # day 91 = 2023-07-31.
        "SYN009": (
            "eligible",
            f"{CA} Sch 2 para 19B(2)",
            "from the 16th birthday to at least 2026-03-31 (the files end there)",
        ),
        # dob 2008-12-01: 16th 2024-12-01. V2 from 2023-03-06, J3 to DEC 2025-06-02.
        "SYN010": (
            "relevant",
            f"{CA} s.23A(2)",
            "from 2025-06-02 to at least 2026-03-31 (the files end there)",
        ),
        # dob 2007-05-20: 18th 2025-05-20 = DEC of C2 from 2016-10-03.
        "SYN011": (
            "former-relevant",
            f"{CA} s.23C(1)",
            "from the 18th birthday to the day before the 21st birthday",
        ),
        # dob 2009-09-09: 16th 2025-09-09. Three V3 short breaks after it, the last to
        # DEC 2026-01-12: looked after after 16, never eligible (CPPCR reg 40(2)).
        "SYN012": (
            "qualifying",
            f"{CA} s.24(1B)",
            "from 2026-01-12 to at least 2026-03-31 (the files end there)",
        ),
        # dob 2009-08-01: V2 2025-10-06 to DEC 2025-11-17: 42 days, fewer than 91.
        "SYN013": (
            "qualifying",
            f"{CA} s.24(1B)",
            "from 2025-11-17 to at least 2026-03-31 (the files end there)",
        ),
        # dob 2007-06-30: 14th 2021-06-30, before 1 April 2022, and no episode then.
        "SYN014": ("history-incomplete", f"{CA} Sch 2 para 19B(2)", ""),
        # dob 2007-09-15: 16th 2023-09-15, 18th 2025-09-15. V4 from 2021-01-04 (before the
        # 14th birthday) to DEC 2024-03-29: short breaks, looked after after 16.
        "SYN015": (
            "qualifying",
            f"{CA} s.24(1B)",
            "from 2024-03-29 to the day before the 21st birthday",
        ),
        # dob 2012-03-03: 13. C1 from 2025-07-14.
        "SYN016": (
            "looked-after",
            f"{CA} s.22(1)",
            "from 2025-07-14 to at least 2026-03-31 (the files end there)",
        ),
        # dob 2010-01-10: 14th 2024-01-10, 16th 2026-01-10. V2 2022-05-03 to DEC 2023-02-06.
        "SYN017": ("other", f"{CA} Sch 2 para 19B, ss.23A, 23C, 24", "from 2023-02-06"),
        # dob 2008-10-12: 16th 2024-10-12. J1 2025-09-22 to DEC 2026-01-19: day 91 =
        # 2025-12-21 (eligible), relevant from 2026-01-19.
        "SYN018": (
            "relevant",
            f"{CA} s.23A(2)",
            "from 2026-01-19 to at least 2026-03-31 (the files end there)",
        ),
        # REC E46 (special guardianship order) on 2024-10-07, at 15: is it in force?
        "SYN019": ("history-incomplete", f"{CA} s.24(1A)", ""),
        # dob 2006-12-12: 18th 2024-12-12 = DEC of C2 from 2016-02-01.
        "SYN020": (
            "former-relevant",
            f"{CA} s.23C(1)",
            "from the 18th birthday to the day before the 21st birthday",
        ),
        # dob 2004-11-11: 21st 2025-11-11. Short breaks only (V4) to 2022-06-29: qualifying
        # to 21, nothing after.
        "SYN021": ("other", f"{CA} Sch 2 para 19B, ss.23A, 23C, 24", "from the 21st birthday"),
        # dob 2008-02-29: 18th 1 March 2026 (2026 is a common year; the default policy),
        # DEC 2026-03-01 of C2 from 2021-02-01 (before the 14th birthday, 2022-03-01).
        "SYN022": (
            "former-relevant",
            f"{CA} s.23C(1)",
            "from the 18th birthday to the day before the 21st birthday",
        ),
    }

    def test_statuses_on_1_march_2026_are_the_hand_computed_ones(self) -> None:
        got = {
            s.child: (s.status, str(s.sources[0]), s.period) for s in ssda903_statuses(DATA, AS_OF)
        }
        assert got == self.EXPECTED

    def test_every_decided_status_is_the_statutory_one_on_the_same_episodes(self) -> None:
        for p in DATA.young_people:
            s = ssda903_status(p, AS_OF)
            if s.decided:
                assert s.result == care_leaver_status(p.date_of_birth, p.care_episodes, AS_OF)

    def test_detained_on_the_16th_birthday_is_relevant_once_the_detention_is_known(self) -> None:
        # custody from the DEC (2025-05-12, REC E9) to a release after the 16th birthday
        # (2025-07-01); 13 weeks from 2023-09-11 complete 2023-12-10, before it began
        s = ssda903_status(
            person("SYN005"), AS_OF, detentions=[Detention(date(2025, 5, 12), date(2025, 11, 12))]
        )
        assert s.status == "relevant"
        assert s.citation == f"{CA} s.23A(3); Care Leavers (England) Regulations 2010 reg 3(2)"

    def test_released_before_the_16th_birthday_is_no_leaving_care_status(self) -> None:
        # released on the day of the 16th birthday (2025-07-01): not detained on it
        s = ssda903_status(
            person("SYN005"), AS_OF, detentions=[Detention(date(2025, 5, 12), date(2025, 7, 1))]
        )
        assert s.status == "other"

    def test_the_unknown_release_is_named_with_its_row(self) -> None:
        s = ssda903_status(person("SYN005"), AS_OF)
        assert s.missing == (
            (
                "whether the young person was still detained on the 16th birthday after the "
                "custody that began on 2025-05-12 (REC 'E9', 2025-26/episodes.csv row 6): the "
                "return does not record the release"
            ),
        )

    def test_a_special_guardianship_order_in_force_is_qualifying_under_s24_1a(self) -> None:
        sgo = SpecialGuardianshipOrder(date(2024, 10, 7))
        s = ssda903_status(person("SYN019"), AS_OF, special_guardianship_order=sgo)
        assert (s.status, s.citation) == ("qualifying", f"{CA} s.24(1A)")
        ended = SpecialGuardianshipOrder(date(2024, 10, 7), date(2025, 1, 6))
        assert ssda903_status(person("SYN019"), AS_OF, special_guardianship_order=ended).status == (
            "other"
        )

    def test_the_29_february_birthday_policy_is_applied(self) -> None:
        # 18th birthday 28 February 2026 under the other reading: former relevant from then
        s = ssda903_status(person("SYN022"), AS_OF, birthday_policy=BirthdayPolicy.FEBRUARY_28)
        assert s.status == "former-relevant"
        assert s.result is not None
        assert s.result.starts == date(2026, 2, 28)

    def test_the_missing_history_is_said_in_words(self) -> None:
        s = ssda903_status(person("SYN014"), AS_OF)
        assert s.reason == (
            "history incomplete: the care history from the 14th birthday to 2022-03-31 is not "
            "in the files (they hold 2022-23 to 2025-26)"
        )

    def test_no_text_names_a_date_of_birth(self) -> None:
        dobs = {p.date_of_birth for p in DATA.young_people}
        texts = []
        for p in DATA.young_people:
            s = ssda903_status(p, AS_OF)
            texts += [s.reason, s.period, repr(s), str(p), repr(p)]
            texts += [c.explanation for c in ssda903_oc3_checks(p)]
        for day in dobs:
            for shown in (day.isoformat(), day.strftime("%d/%m/%Y")):
                assert not any(shown in t for t in texts)


class TestOc3:
    def test_the_two_disagreements_are_found_and_the_rest_agree(self) -> None:
        checks = [c for p in DATA.young_people for c in ssda903_oc3_checks(p)]
        against = {(c.child, str(c.year), c.age) for c in checks if c.agrees is False}
        # SYN020: former relevant at the 19th birthday (2025-12-12), no OC3 row in 2025-26.
        # SYN021: OC3 row at the 18th birthday (2022-11-11), but short breaks only.
        assert against == {("SYN020", "2025-26", 19), ("SYN021", "2022-23", 18)}
        assert all(c.agrees for c in checks if c.child not in ("SYN020", "SYN021"))

    def test_a_disagreement_gives_both_values_and_why(self) -> None:
        (check,) = ssda903_oc3_checks(person("SYN021"))
        assert check.explanation == (
            "2022-23/oc3.csv row 2: care-leaver information at the 18th birthday implies a "
            "former-relevant young person (the OC3 cohort); the law gives qualifying: under 21 "
            "and looked after after reaching 16 (last on 2022-06-29), but not an eligible or "
            "relevant child at 18 (Children Act 1989 s.24(1B))"
        )

    def test_no_row_is_expected_at_18_from_a_young_person_who_left_care_at_18(self) -> None:
        # SYN006 left care on the 18th birthday (2025-08-10): the DfE collects from 19
        assert ssda903_oc3_checks(person("SYN006")) == ()


class TestReviews:
    def test_first_review_late_and_second_overdue(self) -> None:
        r = ssda903_reviews(person("SYN016"), AS_OF, ENGLAND)
        first, second = r.checks
        # 20 working days after Mon 14 Jul 2025 (no bank holiday): Mon 11 Aug; held 20 Aug
        assert (first.deadline.due, first.held_on, first.state) == (
            date(2025, 8, 11),
            date(2025, 8, 20),
            ReviewState.MET_LATE,
        )
        # 3 months after the review held on 20 Aug 2025: 20 Nov 2025; none held by 1 Mar
        assert (second.deadline.due, second.state) == (date(2025, 11, 20), ReviewState.OVERDUE)

    def test_the_earlier_review_before_j3_accommodation_ends_is_met(self) -> None:
        r = ssda903_reviews(person("SYN010"), AS_OF, ENGLAND)
        (s21,) = [c for c in r.checks if c.kind is ReviewKind.SECTION_21_ACCOMMODATION]
        # J3 from 2024-06-03, last day 2025-06-01 (DEC 2025-06-02); review held 2024-08-20
        assert (s21.deadline.due, s21.held_on, s21.state) == (
            date(2025, 6, 1),
            date(2024, 8, 20),
            ReviewState.MET,
        )

    def test_a_period_of_care_begun_before_the_files_is_not_checked(self) -> None:
        r = ssda903_reviews(person("SYN006"), AS_OF, ENGLAND)
        assert r.checks == ()
        assert r.incomplete[0].startswith(
            "the period of care from 2018-03-05 began before the files' first year (2022-23)"
        )

    def test_after_the_files_end_the_reviews_are_checked_on_their_last_day(self) -> None:
        r = ssda903_reviews(person("SYN001"), date(2026, 9, 1), ENGLAND)
        assert r.checked_on == date(2026, 3, 31)
        assert r.checks[-1].state is ReviewState.DUE  # due 2026-06-18, after 31 March


class TestPopulationAndSkeleton:
    def test_the_protocol_population(self) -> None:
        entries = {e.child: e for e in ssda903_population(DATA, AS_OF)}
        joint = sorted(c for c, e in entries.items() if e.in_population)
        # eligible with J1 and OC2 2024-25; relevant with J3 and OC2 2024-25; former relevant
        # with OC2 2023-24; relevant after a J1 remand
        assert joint == ["SYN009", "SYN010", "SYN011", "SYN018"]
        assert entries["SYN005"].in_population is None  # status not decided
        assert [str(y) for y in entries["SYN005"].convicted_in] == ["2024-25"]
        assert entries["SYN013"].next_step is False  # qualifying: not Next Step's

    def test_the_youth_justice_status_on_the_day(self) -> None:
        (entry,) = [e for e in ssda903_population(DATA, date(2025, 3, 1)) if e.child == "SYN009"]
        assert entry.youth_justice_on_day == "J1"  # remand from 2025-01-20 to 2025-04-27

    def test_the_skeleton_loads_as_a_caseload(self) -> None:
        skeleton = ssda903_caseload_skeleton(DATA, date(2025, 3, 1))
        assert load_caseload(dumps_caseload(skeleton)) == skeleton
        people = {c.case_id: c.young_person for c in skeleton.cases}
        assert sorted(people) == ["SSDA903-SYN009", "SSDA903-SYN010", "SSDA903-SYN011"]
        assert people["SSDA903-SYN009"].legal_status is LegalStatus.REMANDED
        assert people["SSDA903-SYN010"].legal_status is LegalStatus.COMMUNITY_ORDER
        assert people["SSDA903-SYN010"].care_status is CareStatus.ELIGIBLE

    def test_everyone_next_step_serves(self) -> None:
        skeleton = ssda903_caseload_skeleton(DATA, AS_OF, everyone_next_step_serves=True)
        assert len(skeleton.cases) == 12  # 3 eligible + 3 relevant + 6 former relevant


def facts(p):  # type: ignore[no-untyped-def]
    """What a young person's records say, without where they were (file and row)."""
    return (
        p.child,
        p.date_of_birth,
        [(e.start, e.ceased, e.legal_status, e.reason_ceased, e.end) for e in p.episodes],
        [(r.held_on, r.participation) for r in p.reviews],
        [(r.year, r.convicted) for r in p.oc2],
        [(r.year, r.in_touch, r.activity, r.accommodation) for r in p.oc3],
        p.years,
    )


class TestStreaming:
    def test_rows_in_any_order_give_the_same_return(self, tmp_path: Path) -> None:
        copy = tmp_path / "ret"
        shutil.copytree(EXAMPLE, copy)
        shuffle = random.Random(903).shuffle
        for path in copy.glob("*/*.csv"):
            head, *rows = path.read_text().splitlines(keepends=True)
            shuffle(rows)
            path.write_text(head + "".join(rows))
        assert [facts(p) for p in read_ssda903(copy).young_people] == [
            facts(p) for p in DATA.young_people
        ]

    def test_the_streaming_reader_gives_the_same_young_people(self) -> None:
        assert tuple(open_ssda903(EXAMPLE).stream()) == DATA.young_people

    def test_a_file_not_sorted_by_child_is_a_problem(self, tmp_path: Path) -> None:
        copy = tmp_path / "ret"
        shutil.copytree(EXAMPLE, copy)
        path = copy / "2025-26" / "header.csv"
        lines = path.read_text().splitlines(keepends=True)
        path.write_text(lines[0] + "".join(reversed(lines[1:])))
        with pytest.raises(Ssda903Error) as caught:
            list(open_ssda903(copy).stream())
        assert any("not sorted by CHILD" in line for line in caught.value.lines)
        assert read_ssda903(copy).young_people == DATA.young_people  # read() takes any order


# --------------------------------------------------------------------------- bad input

HEADER = {"CHILD": "C1", "SEX": "1", "DOB": "15/03/2008"}


def write(root: Path, years: Mapping[str, Mapping[str, Sequence[Mapping[str, str]]]]) -> Path:
    """A return under ``root``: each year's five tables, rows given by their columns."""
    for label, tables in years.items():
        folder = root / label
        folder.mkdir(parents=True)
        for table in Ssda903Table:
            columns = SSDA903_COLUMNS[table]
            name = table.value.lower()
            if name in tables and tables[name] is None:  # type: ignore[comparison-overlap]
                continue
            buf = io.StringIO()
            w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
            w.writeheader()
            for row in tables.get(name, ()):
                w.writerow({c: row.get(c, "") for c in columns})
            (folder / f"{name}.csv").write_text(buf.getvalue())
    return root


def episode(
    decom: str, dec: str = "", ls: str = "V2", rec: str = "", **more: str
) -> dict[str, str]:
    return {"CHILD": "C1", "DECOM": decom, "RNE": "S", "LS": ls, "DEC": dec,
            "REC": rec or ("E4A" if dec else ""), **more}  # fmt: skip


def problems(root: Path) -> list[str]:
    with pytest.raises(Ssda903Error) as caught:
        read_ssda903(root)
    return list(caught.value.lines)


class TestBadInput:
    def test_a_missing_table_is_named_with_its_columns(self, tmp_path: Path) -> None:
        root = write(tmp_path, {"2024-25": {"header": [HEADER], "oc3": None}})  # type: ignore[dict-item]
        (line,) = problems(root)
        assert line.startswith("2024-25/: no OC3 table for 2024-25")
        assert "CHILD, DOB, IN_TOUCH, ACTIV, ACCOM" in line

    def test_wrong_columns_say_what_is_missing_and_unexpected(self, tmp_path: Path) -> None:
        root = write(tmp_path, {"2024-25": {"header": [HEADER]}})
        text = (root / "2024-25" / "episodes.csv").read_text().replace(",DEC,", ",END,", 1)
        (root / "2024-25" / "episodes.csv").write_text(text)
        lines = problems(root)
        assert lines[0] == (
            "2024-25/episodes.csv row 1: wrong columns for the Episodes table: missing DEC; "
            "unexpected 'END' (its columns are CHILD, DECOM, RNE, LS, CIN, PLACE, "
            "PLACE_PROVIDER, DEC, REC, REASON_PLACE_CHANGE, HOME_POST, PL_POST, URN)"
        )

    def test_every_problem_at_once_with_file_row_and_column(self, tmp_path: Path) -> None:
        rows = [episode("2024-04-01", ls="V1"), episode("02/05/2024", ls="V2")]
        rows.append({**episode("03/06/2024"), "CHILD": "C2"})
        root = write(tmp_path, {"2024-25": {"header": [HEADER], "episodes": rows}})
        assert problems(root) == [
            (
                "2024-25/episodes.csv row 2, column DECOM: DECOM '2024-04-01' is not a date in the "
                "form dd/mm/yyyy"
            ),
            (
                "2024-25/episodes.csv row 2, column LS: LS 'V1' is not a valid code: one of 'C1', "
                "'C2', 'D1', 'E1', 'J1', 'J2', 'J3', 'L1', 'L2', 'L3', 'V2', 'V3', 'V4'"
            ),
            (
                "2024-25/episodes.csv row 4, column CHILD: CHILD 'C2' is not in the Header of "
                "2024-25: every child of a year's tables must be in its Header"
            ),
        ]

    def test_no_value_of_a_dob_column_is_quoted(self, tmp_path: Path) -> None:
        review = {"CHILD": "C1", "DOB": "1503/2008", "REVIEW": "10/05/2024", "REVIEW_CODE": "PN1"}
        root = write(
            tmp_path,
            {
                "2024-25": {
                    "header": [{**HEADER, "DOB": "2008-03-15"}],
                    "episodes": [episode("01/04/2024")],
                    "reviews": [review],
                }
            },
        )
        lines = problems(root)
        assert lines == [
            "2024-25/header.csv row 2, column DOB: DOB is not a date in the form dd/mm/yyyy",
            "2024-25/reviews.csv row 2, column DOB: DOB is not a date in the form dd/mm/yyyy",
        ]

    def test_a_dob_that_differs_between_years_names_both_rows_not_the_dates(
        self, tmp_path: Path
    ) -> None:
        ep = [episode("01/04/2023")]
        root = write(
            tmp_path,
            {
                "2023-24": {"header": [HEADER], "episodes": ep},
                "2024-25": {"header": [{**HEADER, "DOB": "16/03/2008"}], "episodes": ep},
            },
        )
        (line,) = problems(root)
        assert line == (
            "2024-25/header.csv row 2, column DOB: DOB differs from the DOB of CHILD 'C1' in "
            "2023-24/header.csv row 2 (the dates of birth are not shown)"
        )

    def test_overlapping_episodes_name_both_rows(self, tmp_path: Path) -> None:
        rows = [episode("01/04/2024", "01/06/2024"), episode("15/05/2024")]
        root = write(tmp_path, {"2024-25": {"header": [HEADER], "episodes": rows}})
        assert problems(root) == [
            (
                "2024-25/episodes.csv row 3, column DECOM: the episode starting 2024-05-15 "
                "overlaps the one starting 2024-04-01 (2024-25/episodes.csv row 2), which ceased "
                "2024-06-01: "
                "the next episode starts at the earliest on the previous DEC"
            )
        ]

    def test_an_episode_may_start_on_the_previous_dec(self, tmp_path: Path) -> None:
        rows = [episode("01/04/2024", "01/06/2024", rec="X1"), episode("01/06/2024")]
        root = write(tmp_path, {"2024-25": {"header": [HEADER], "episodes": rows}})
        (p,) = read_ssda903(root).young_people
        assert [e.end for e in p.episodes] == [date(2024, 5, 31), None]

    def test_a_review_before_its_episode(self, tmp_path: Path) -> None:
        review = {"CHILD": "C1", "DOB": "15/03/2008", "REVIEW": "10/04/2024", "REVIEW_CODE": "PN1"}
        root = write(
            tmp_path,
            {"2024-25": {"header": [HEADER], "episodes": [episode("01/05/2024")],
                         "reviews": [review]}},
        )  # fmt: skip
        assert problems(root) == [
            (
                "2024-25/reviews.csv row 2, column REVIEW: REVIEW (2024-04-10) is before the "
                "episode starting 2024-05-01 of CHILD 'C1': a looked-after review is held while "
                "the "
                "child is looked after (from DECOM to the day before DEC)"
            )
        ]

    def test_conflicting_copies_of_an_episode_name_both_files(self, tmp_path: Path) -> None:
        root = write(
            tmp_path,
            {
                "2023-24": {"header": [HEADER], "episodes": [episode("01/02/2024")]},
                "2024-25": {"header": [HEADER], "episodes": [episode("01/02/2024", ls="C2")]},
            },
        )
        assert problems(root) == [
            (
                "2024-25/episodes.csv row 2: two copies of the episode of CHILD 'C1' starting "
                "2024-02-01 differ in LS: 2023-24/episodes.csv row 2 and 2024-25/episodes.csv "
                "row 2 "
                "(an episode is identified by CHILD and DECOM; its copies in several years' files "
                "must agree on LS and RNE, and on DEC and REC where both give them; a copy without "
                "DEC is the episode at the end of its collection year, so a later year may add a "
                "DEC after that year's 31 March)"
            )
        ]

    def test_a_later_year_may_close_an_open_episode(self, tmp_path: Path) -> None:
        root = write(
            tmp_path,
            {
                "2023-24": {"header": [HEADER], "episodes": [episode("01/02/2024")]},
                "2024-25": {"header": [HEADER], "episodes": [episode("01/02/2024", "01/07/2024")]},
            },
        )
        (ep,) = read_ssda903(root).young_people[0].episodes
        assert (ep.ceased, ep.end, len(ep.sources)) == (date(2024, 7, 1), date(2024, 6, 30), 2)

    def test_an_open_episode_missing_from_the_next_year(self, tmp_path: Path) -> None:
        root = write(
            tmp_path,
            {
                "2023-24": {"header": [HEADER], "episodes": [episode("01/02/2024")]},
                "2024-25": {"header": [HEADER]},
            },
        )
        (line,) = problems(root)
        assert line.startswith(
            "2023-24/episodes.csv row 2, column DEC: the episode of CHILD 'C1' starting "
            "2024-02-01 is open at the end of 2023-24 but not in the Episodes of 2024-25"
        )

    def test_an_episode_from_the_18th_birthday_does_not_quote_it(self, tmp_path: Path) -> None:
        rows = [episode("15/03/2026", ls="V2")]
        root = write(tmp_path, {"2025-26": {"header": [HEADER], "episodes": rows}})
        assert problems(root) == [
            (
                "2025-26/episodes.csv row 2, column DECOM: DECOM is on or after the 18th birthday: "
                "an episode of care starts before it"
            )
        ]

    def test_problems_are_bounded(self, tmp_path: Path) -> None:
        rows = [{**episode("01/04/2024", ls="XX"), "CHILD": "C1"} for _ in range(MAX_PROBLEMS + 7)]
        root = write(tmp_path, {"2024-25": {"header": [HEADER], "episodes": rows}})
        with pytest.raises(Ssda903Error) as caught:
            read_ssda903(root)
        assert len(caught.value.problems) == MAX_PROBLEMS
        assert caught.value.lines[-1] == "... and 7 more problems"

    def test_a_name_in_a_code_column_is_not_echoed(self, tmp_path: Path) -> None:
        rows = [episode("01/04/2024", ls="Jo Bloggs")]
        root = write(tmp_path, {"2024-25": {"header": [HEADER], "episodes": rows}})
        (line,) = problems(root)
        assert "Bloggs" not in line
        assert "a value of 9 characters" in line

    def test_files_outside_a_year_directory(self, tmp_path: Path) -> None:
        write(tmp_path, {"2024-25": {"header": [HEADER]}})
        (tmp_path / "stray.csv").write_text("CHILD\n")
        (tmp_path / "old").mkdir()
        assert problems(tmp_path) == [
            (
                "stray.csv: a CSV file outside a collection-year directory: put each year's "
                "files in "
                "a directory named YYYY-YY (2024-25)"
            ),
            "old/: not a collection-year directory: name it YYYY-YY (2024-25), or move it",
        ]

    def test_other_tables_of_the_return_are_ignored(self, tmp_path: Path) -> None:
        root = write(tmp_path, {"2024-25": {"header": [HEADER]}})
        (root / "2024-25" / "uasc.csv").write_text("CHILD,SEX,DOB,DUC\n")
        assert read_ssda903(root).ignored == ("2024-25/uasc.csv",)

    def test_a_missing_source_is_an_input_file_error(self, tmp_path: Path) -> None:
        with pytest.raises(InputFileError, match="no such directory"):
            read_ssda903(tmp_path / "nope")

    def test_a_list_of_files(self, tmp_path: Path) -> None:
        root = write(
            tmp_path, {"2024-25": {"header": [HEADER], "episodes": [episode("01/04/2024")]}}
        )
        files = sorted((root / "2024-25").iterdir())
        (given,) = read_ssda903(files).young_people
        (found,) = read_ssda903(root).young_people
        assert given.episodes[0].sources[0].file == str(root / "2024-25" / "episodes.csv")
        assert (given.child, given.date_of_birth) == (found.child, found.date_of_birth)
        assert [e.care_episode for e in given.episodes] == [e.care_episode for e in found.episodes]


class TestNoDateOfBirthEchoed:
    @given(st.text(alphabet="0123456789/-. abcXYZ", max_size=14))
    def test_a_bad_dob_cell_is_never_quoted(self, cell: str) -> None:
        problems = _Problems()
        cells = _Cells("header.csv", problems, {})
        cells.row = 2
        day = cells.date("DOB", cell, dob=True)
        if day is None:
            (problem,) = problems.kept
            # one of two fixed messages: nothing of the cell is echoed
            assert problem.message in (
                "DOB is not a date in the form dd/mm/yyyy",
                "DOB is blank: a date (dd/mm/yyyy) is needed",
            )
            assert problem.column == "DOB"
            assert problem.row == 2


class TestHistoryWindow:
    """Born 15 March 2008: 14th birthday 2022-03-15, 16th 2024-03-15. Files from 2022-04-01."""

    def test_the_14th_birthday_the_day_before_the_files_is_missing(self, tmp_path: Path) -> None:
        # born 2008-03-31: the 14th birthday is 2022-03-31, one day before the files
        root = write(
            tmp_path,
            {
                y: {"header": [{**HEADER, "DOB": "31/03/2008"}]}
                for y in ("2022-23", "2023-24", "2024-25")
            },
        )
        s = ssda903_status(read_ssda903(root).young_people[0], date(2024, 6, 1))
        assert s.missing == (
            (
                "the care history on the 14th birthday is not in the files (they hold 2022-23 to "
                "2024-25)"
            ),
        )

    def test_the_14th_birthday_on_the_first_day_of_the_files_is_decided(
        self, tmp_path: Path
    ) -> None:
        root = write(
            tmp_path,
            {
                y: {"header": [{**HEADER, "DOB": "01/04/2008"}]}
                for y in ("2022-23", "2023-24", "2024-25")
            },
        )
        s = ssda903_status(read_ssda903(root).young_people[0], date(2024, 6, 1))
        assert s.status == "other"

    def test_after_the_files_end_a_16_year_old_is_not_decided(self) -> None:
        s = ssda903_status(person("SYN001"), date(2026, 4, 1))
        assert s.reason == (
            "history incomplete: the care history on 2026-04-01 is not in the files (they hold "
            "2022-23 to 2025-26)"
        )

    def test_after_the_files_end_a_former_relevant_young_person_is_decided(self) -> None:
        assert ssda903_status(person("SYN006"), date(2027, 1, 1)).status == "former-relevant"


#: Every subset of the four years, read once.
_YEARS = [p for p in sorted(EXAMPLE.iterdir()) if p.is_dir()]
_SUBSETS = [
    read_ssda903([f for y in chosen for f in sorted(y.glob("*.csv"))])
    for n in range(1, 5)
    for chosen in itertools.combinations(_YEARS, n)
]


class TestNeverAGuess:
    @given(
        st.sampled_from(_SUBSETS),
        st.integers(0, 21),
        st.dates(date(2022, 1, 1), date(2027, 6, 30)),
    )
    def test_fewer_years_give_the_same_status_or_history_incomplete(
        self, subset, index: int, day: date
    ) -> None:  # type: ignore[no-untyped-def]
        full = DATA.young_people[index]
        if day < full.date_of_birth:
            return
        try:
            part = subset.young_person(full.child)
        except Exception:  # not in these years
            return
        got = ssda903_status(part, day)
        if got.decided:
            assert got.status == ssda903_status(full, day).status


# --------------------------------------------------------------------------- the command


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


class TestCommand:
    def test_the_table_lists_everyone_and_the_disagreements(self) -> None:
        code, out, _ = run("care-leavers", str(EXAMPLE), "--as-of", "2026-03-01")
        assert code == 0
        assert "SYN005  history-incomplete" in out
        assert (
            "22 young people as of 2026-03-01: 2 looked-after, 3 eligible, 3 relevant, "
            "6 former-relevant, 3 qualifying, 2 other, 3 history-incomplete"
        ) in out
        assert "OC3 disagreements: 2" in out

    def test_json_and_csv(self) -> None:
        code, out, _ = run(
            "care-leavers", str(EXAMPLE), "--as-of", "2026-03-01", "--format", "json"
        )
        doc = json.loads(out)
        assert code == 0
        assert doc["years"][0] == "2022-23"
        assert len(doc["statuses"]) == 22
        assert doc["counts"]["former-relevant"] == 6
        code, out, _ = run("care-leavers", str(EXAMPLE), "--as-of", "2026-03-01", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows[4]["status"] == "history-incomplete"
        assert rows[4]["child"] == "SYN005"

    def test_reviews_population_and_skeleton(self) -> None:
        _, out, _ = run("care-leavers", str(EXAMPLE), "--as-of", "2026-03-01", "--show", "reviews")
        assert "SYN016  looked-after 2" in out
        assert "overdue" in out
        _, out, _ = run(
            "care-leavers", str(EXAMPLE), "--as-of", "2026-03-01", "--show", "population"
        )
        assert "4 of 22 young people in the protocol population" in out
        _, out, _ = run("care-leavers", str(EXAMPLE), "--as-of", "2026-03-01", "--show", "skeleton")
        assert len(load_caseload(out).cases) == 4

    def test_a_bad_return_gives_one_line_per_problem_and_exit_2(self, tmp_path: Path) -> None:
        rows = [episode("2024-04-01", ls="V1")]
        root = write(tmp_path, {"2024-25": {"header": [HEADER], "episodes": rows}})
        code, out, err = run("care-leavers", str(root), "--as-of", "2025-01-01")
        assert (code, out) == (2, "")
        assert err.splitlines() == [
            (
                "cjp: 2024-25/episodes.csv row 2, column DECOM: DECOM '2024-04-01' is not a date "
                "in "
                "the form dd/mm/yyyy"
            ),
            (
                "cjp: 2024-25/episodes.csv row 2, column LS: LS 'V1' is not a valid code: one of "
                "'C1', 'C2', 'D1', 'E1', 'J1', 'J2', 'J3', 'L1', 'L2', 'L3', 'V2', 'V3', 'V4'"
            ),
        ]

    def test_as_of_is_required_and_a_missing_source_is_exit_2(self, tmp_path: Path) -> None:
        assert run("care-leavers", str(EXAMPLE))[0] == 2
        code, _, err = run("care-leavers", str(tmp_path / "nope"), "--as-of", "2025-01-01")
        assert code == 2
        assert "no such directory" in err
