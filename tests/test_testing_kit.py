"""The testing kit itself: its public names, the pytest plugin, and the builder's edges.

How a downstream project uses the kit is tested in ``downstream_tests/``, which imports
only public names (checked here, by reading its source).
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from collections.abc import Callable
from datetime import date, timedelta
from importlib.metadata import entry_points
from pathlib import Path

import attrs
import pytest
from hypothesis import find, given

import care_justice_protocol as cjp
import care_justice_protocol.testing as kit
from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    Caseload,
    DateOutOfRangeError,
    DocumentKind,
    FieldValueError,
    InvalidArgumentError,
    InvalidDateTypeError,
    MeetingKind,
    MonthsAfter,
    Role,
    SentenceOutcome,
    Service,
    StaffMember,
    Status,
    WorkingCalendar,
    WorkingDaysAfter,
    evaluate,
    evaluate_partnership,
)
from care_justice_protocol.testing import DEFAULT_AS_OF, Scenario
from tests import strategies as suite

ROOT = Path(__file__).resolve().parent.parent
DOWNSTREAM = ROOT / "downstream_tests"
YOS, NS, PS = Service.YOS, Service.NEXT_STEP, Service.PROBATION_SERVICE


class TestPublicNames:
    def test_every_name_in_all_is_importable(self) -> None:
        assert [name for name in kit.__all__ if not hasattr(kit, name)] == []

    def test_all_has_no_duplicates(self) -> None:
        assert len(kit.__all__) == len(set(kit.__all__))

    def test_every_public_attribute_is_in_all(self) -> None:
        public = {
            name
            for name in dir(kit)
            if not name.startswith("_") and not isinstance(getattr(kit, name), type(sys))
        }
        assert public - set(kit.__all__) == set()

    def test_an_unknown_attribute_is_an_attribute_error(self) -> None:
        with pytest.raises(AttributeError, match="no_such_strategy"):
            kit.no_such_strategy  # noqa: B018


def _imports(path: Path) -> list[tuple[str, str | None, int]]:
    """(module, name or None, line) for every import in ``path``."""
    out: list[tuple[str, str | None, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out.extend((alias.name, None, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            out.extend((module, alias.name, node.lineno) for alias in node.names)
    return out


def _private_imports(path: Path) -> list[str]:
    bad = []
    public = {
        "care_justice_protocol": set(cjp.__all__),
        "care_justice_protocol.testing": set(kit.__all__),
    }
    for module, name, line in _imports(path):
        where = f"{path.name}:{line}: {module}" + (f" import {name}" if name else "")
        root = module.split(".")[0]
        if module == "__future__":
            continue
        if module.startswith(".") or root == "tests":
            bad.append(where)
        elif root == "care_justice_protocol":
            if module not in public or (name is not None and name not in public[module]):
                bad.append(where)
        elif any(part.startswith("_") for part in module.split(".")) or (
            name is not None and name.startswith("_")
        ):
            bad.append(where)
    return bad


#: The downstream suite and the downstream example: public names only.
DOWNSTREAM_FILES = [
    *sorted(DOWNSTREAM.rglob("*.py")),
    ROOT / "examples" / "downstream_test_example.py",
]


class TestTheDownstreamSuiteUsesOnlyThePublicApi:
    FILES = DOWNSTREAM_FILES

    def test_the_downstream_suite_exists(self) -> None:
        assert len(self.FILES) >= 4
        assert all(path.is_file() for path in self.FILES)

    @pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
    def test_it_imports_no_private_module_or_name(self, path: Path) -> None:
        assert _private_imports(path) == []

    def test_the_check_catches_private_imports(self, tmp_path: Path) -> None:
        sample = tmp_path / "test_sample.py"
        sample.write_text(
            textwrap.dedent(
                """
                from care_justice_protocol.model._events import JointCase
                from care_justice_protocol.io import _bundled as _examples
                from care_justice_protocol.testing import _Derive
                import care_justice_protocol.testing._strategies
                from tests.strategies import cases
                from care_justice_protocol import JointCase, evaluate
                from care_justice_protocol.testing import Scenario
                """
            ),
            encoding="utf-8",
        )
        assert len(_private_imports(sample)) == 5


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


class TestThePlugin:
    def test_it_is_registered_through_the_pytest11_entry_point(
        self, pytestconfig: pytest.Config
    ) -> None:
        [ep] = [e for e in entry_points(group="pytest11") if e.name == "care_justice_protocol"]
        assert ep.value == "care_justice_protocol.testing.plugin"
        assert pytestconfig.pluginmanager.has_plugin("care_justice_protocol")

    def test_importing_it_does_not_need_hypothesis(self, tmp_path: Path) -> None:
        code = textwrap.dedent(
            """
            import sys
            sys.modules["hypothesis"] = None  # as if Hypothesis were not installed
            import care_justice_protocol.testing.plugin
            from care_justice_protocol.testing import Scenario
            from care_justice_protocol import MissingOptionalDependencyError
            try:
                from care_justice_protocol.testing import cases
            except MissingOptionalDependencyError as error:
                assert isinstance(error, ImportError) and error.extra == "testing"
                print(error)
            """
        )
        done = _run("-c", code, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert "pip install 'care_justice_protocol[testing]'" in done.stdout

    @pytest.fixture
    def project(self, tmp_path: Path) -> Path:
        (tmp_path / "test_as_of.py").write_text(
            textwrap.dedent(
                """
                def test_as_of(cjp_as_of, cjp_calendar, cjp_scenario):
                    print("AS_OF", cjp_as_of.isoformat())
                    assert cjp_scenario().calendar is cjp_calendar
                """
            ),
            encoding="utf-8",
        )
        return tmp_path

    def _pytest(self, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return _run("-m", "pytest", "-s", "-p", "no:cacheprovider", *args, cwd=project)

    def test_the_as_of_date_defaults_to_25_november_2026(self, project: Path) -> None:
        (project / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        done = self._pytest(project)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "AS_OF 2026-11-25" in done.stdout
        assert "care_justice_protocol: cjp_as_of=2026-11-25" in done.stdout

    def test_the_ini_option_sets_it_and_the_command_line_wins(self, project: Path) -> None:
        (project / "pytest.ini").write_text("[pytest]\ncjp_as_of = 2027-01-13\n", encoding="utf-8")
        assert "AS_OF 2027-01-13" in self._pytest(project).stdout
        done = self._pytest(project, "--cjp-as-of", "2026-12-18")
        assert "AS_OF 2026-12-18" in done.stdout

    def test_a_malformed_date_stops_the_run_with_a_usage_error(self, project: Path) -> None:
        (project / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
        done = self._pytest(project, "--cjp-as-of", "25/11/2026")
        assert done.returncode == pytest.ExitCode.USAGE_ERROR
        assert "--cjp-as-of must be a date written YYYY-MM-DD" in done.stderr
        assert "'25/11/2026'" in done.stderr

    def test_the_fixtures_in_this_session(
        self,
        cjp_as_of: date,
        cjp_scenario: Callable[..., Scenario],
        cjp_calendar: WorkingCalendar,
        pytestconfig: pytest.Config,
    ) -> None:
        given = pytestconfig.getoption("cjp_as_of")
        assert cjp_as_of == (DEFAULT_AS_OF if given is None else date.fromisoformat(given))
        made = cjp_scenario("C-0009")
        assert (made.case_id, made.events, made.calendar) == ("C-0009", (), cjp_calendar)


class TestTheBuilder:
    def test_relative_steps_count_from_the_previous_step(self) -> None:
        s = Scenario.for_case().charged(date(2026, 12, 18))
        assert s.resolve(WorkingDaysAfter(15)) == date(2027, 1, 13)
        assert s.resolve(MonthsAfter(2)) == date(2027, 2, 18)
        assert s.resolve(timedelta(days=-4)) == date(2026, 12, 14)
        assert s.resolve(date(2020, 2, 29)) == date(2020, 2, 29)

    def test_steps_do_not_change_the_scenario_they_start_from(self) -> None:
        base = Scenario.for_case().charged(date(2026, 11, 2))
        base.hearing(date(2026, 11, 16), NS)
        assert [e.type for e in base.events] == ["charged"]

    def test_the_case_lists_the_workers_its_events_mention_in_service_order(self) -> None:
        case = (
            Scenario.for_case("C-7", workers={PS: "P-1"})
            .responsibility(date(2026, 1, 5), PS)
            .joint_yos_next_steps(date(2026, 1, 6))
            .build()
        )
        assert case.staff == (
            StaffMember("W-YOS-01", Role.CASE_WORKER, YOS),
            StaffMember("P-1", Role.CASE_WORKER, PS),
        )

    def test_a_review_invites_fourteen_days_ahead_by_default(self) -> None:
        s = Scenario.for_case().review(date(2026, 3, 1), MeetingKind.STATUTORY_REVIEW)
        invite, meeting = s.events
        assert (invite.on, invite.type, meeting.type) == (
            date(2026, 2, 15),
            "invitation-sent",
            "meeting-held",
        )

    def test_the_3_14_13_discharge_meets_every_sharing_obligation(self) -> None:
        s = Scenario.for_case().responsibility(date(2026, 6, 1), PS)
        done = s.discharge_3_14_13_sharing(date(2026, 6, 8)).build()
        shares = [
            r
            for r in evaluate(done, DEFAULT_AS_OF, protocol=BUNDLED_PROTOCOLS)
            if r.obligation.startswith(("3.14.13/2/", "3.14.13/3/"))
        ]
        # 8 sharing, signing and copying obligations, and "Salford NPS and CRC to inform of
        # all Next Step clients they become involved with" (3.14.13 §3)
        assert len(shares) == 9
        assert {r.status for r in shares} == {Status.MET}

    @pytest.mark.parametrize(
        ("step", "message"),
        [
            (lambda s: s.allocate(date(2026, 1, 5), "social-care"), "service must be a Service"),
            (lambda s: s.plan(date(2026, 1, 5), DocumentKind.PATHWAY_PLAN, 0, by=NS), "version"),
            (lambda s: s.plan(date(2026, 1, 5), "pathway-plan", "2", by=NS), "version"),
            (lambda s: s.sentenced(date(2026, 1, 5), SentenceOutcome.DTO, 0), "term_months"),
            (lambda s: s.sentenced(date(2026, 1, 5), "prison"), "outcome"),
            (lambda s: s.meeting(date(2026, 1, 5), "coffee", YOS), "kind must be a MeetingKind"),
            (lambda s: s.meeting(date(2026, 1, 5), MeetingKind.MAPPA_REVIEW, "police"), "services"),
            (lambda s: s.hearing(date(2026, 1, 5), sentencing="yes"), "sentencing"),
            (lambda s: s.disagreement_raised(date(2026, 1, 5), "D-1", YOS), "two different"),
            (lambda s: s.disagreement_raised(date(2026, 1, 5), "D-1", YOS, NS, about=3), "about"),
            (
                lambda s: s.disagreement_escalated(date(2026, 1, 5), "", Role.SPOC),
                "disagreement_id",
            ),
            (lambda s: s.review(date(2026, 1, 5), invited_days_before=-1), "invited_days_before"),
            (lambda s: s.charged("2026-01-05"), "on must be a date"),
            (
                lambda s: s.check_other_service(date(2026, 1, 5), YOS, NS, open_to_other=1),
                "open_to_other",
            ),
            (lambda s: s.worker("mi5"), "service must be a Service"),
            (
                lambda s: s.charged(date(2026, 1, 5), recorded_by="police"),
                "recorded_by must be a Service",
            ),
            (
                lambda s: s.meeting(
                    date(2026, 1, 5),
                    MeetingKind.CASE_WORKER_INFORMATION_SHARING,
                    YOS,
                    recorded_by="police",
                ),
                "recorded_by must be a Service",
            ),
            (
                lambda s: s.discharge_3_14_13_sharing(date(2026, 1, 5), probation=YOS),
                "probation must be a probation service",
            ),
            (
                lambda s: s.charged(date(2026, 1, 5)).charged(timedelta(hours=3)),
                "whole number of days",
            ),
        ],
    )
    def test_bad_input_is_an_invalid_argument_error_naming_the_argument(
        self, step: object, message: str
    ) -> None:
        with pytest.raises(InvalidArgumentError, match=message):
            step(Scenario.for_case())  # type: ignore[operator]

    def test_a_step_outside_the_years_1_to_9999_is_a_date_out_of_range_error(self) -> None:
        s = Scenario.for_case().charged(date(9999, 12, 1))
        with pytest.raises(DateOutOfRangeError, match=r"outside 0001-01-01\.\.9999-12-31"):
            s.charged(timedelta(days=31))
        assert s.charged(timedelta(days=30)).last_on == date(9999, 12, 31)
        early = Scenario.for_case().charged(date(1, 1, 31))
        with pytest.raises(DateOutOfRangeError):
            early.charged(timedelta(days=-31))
        assert early.charged(timedelta(days=-30)).last_on == date(1, 1, 1)

    def test_for_case_checks_its_arguments(self) -> None:
        with pytest.raises(InvalidDateTypeError):
            Scenario.for_case(born="2008-01-01")  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError, match="calendar"):
            Scenario.for_case(calendar="england")  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError, match="case_id"):
            Scenario.for_case("")
        with pytest.raises(InvalidArgumentError, match="workers"):
            Scenario.for_case(workers=["W-1"])  # type: ignore[arg-type]
        with pytest.raises(FieldValueError, match="probation service"):
            Scenario.for_case().responsibility(date(2026, 1, 5), NS)

    def test_the_constructor_checks_its_fields_too(self) -> None:
        person = Scenario.for_case().young_person
        with pytest.raises(InvalidArgumentError, match="young_person must be a YoungPerson"):
            Scenario("C-1", "YP-1")  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError, match="calendar must be a WorkingCalendar"):
            Scenario("C-1", person, calendar=None)  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError, match="workers"):
            Scenario("C-1", person, workers=[("yos",)])  # type: ignore[list-item]
        with pytest.raises(InvalidArgumentError, match="case events"):
            Scenario("C-1", person).record("allocated")  # type: ignore[arg-type]
        partial = Scenario("C-1", person, workers=[(YOS, "Y-9")])
        assert (partial.worker(YOS), partial.worker(NS)) == ("Y-9", "W-NS-01")

    def test_the_repr_shows_ids_and_counts_only(self) -> None:
        s = Scenario.for_case("C-1").charged(date(2026, 11, 2))
        assert repr(s) == (
            "Scenario(case_id='C-1', young_person=YoungPerson(id='YP-0001', "
            "care_status='relevant', has_icta=False, legal_status='no-proceedings'), "
            "events=<1 events>, last_on='2026-11-02')"
        )


class TestStrategyArguments:
    def test_bad_arguments_are_refused_when_the_strategy_is_made(self) -> None:
        with pytest.raises(InvalidArgumentError, match="max_value"):
            kit.dates(date(2026, 1, 2), date(2026, 1, 1))
        with pytest.raises(InvalidArgumentError, match="event classes"):
            kit.events(str)  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError, match="must not be empty"):
            kit.young_people(care_statuses=())
        with pytest.raises(InvalidArgumentError, match="has_icta"):
            kit.young_people(has_icta=1)  # type: ignore[arg-type]
        with pytest.raises(InvalidArgumentError, match="protocol"):
            kit.cases(statuses={"due"}, protocol=["3.14.12"])  # type: ignore[list-item]
        with pytest.raises(InvalidArgumentError, match="edge of the years"):
            kit.cases(statuses={"due"}, as_of=date(2100, 6, 1))
        with pytest.raises(InvalidArgumentError, match="max_cases"):
            kit.caseloads(max_cases=-1)
        with pytest.raises(InvalidArgumentError, match="max_events"):
            kit.cases(max_events=-1)

    def test_a_status_no_obligation_of_the_protocol_can_show_is_refused(self) -> None:
        import attrs

        # With only the obligations that have no timescale, nothing can be overdue.
        p = cjp.PROTOCOL_3_14_12
        custom = attrs.evolve(
            p, obligations=tuple(o for o in p.obligations if o.deadline == cjp.NoTimescale())
        )
        with pytest.raises(InvalidArgumentError, match="no obligation can show it then"):
            kit.cases(statuses={"overdue"}, protocol=custom)


def _days(caseload: Caseload) -> list[date]:
    """Every date in a caseload's document (events, dates of birth, meetings, QA)."""
    days = [m.on for m in caseload.management_meetings]
    days += [q.on for q in caseload.quality_assurance]
    for case in caseload.cases:
        days.append(case.young_person.date_of_birth)
        days += [e.on for e in case.events]
    return days


class TestDateRanges:
    """Generated dates stay in the years the rules are used (the CI budget depends on it)."""

    @given(day=kit.dates())
    def test_the_kits_dates_default_to_2010_to_2040(self, day: date) -> None:
        assert date(2010, 1, 1) <= day <= date(2040, 12, 31)

    @given(caseload=suite.caseloads())
    def test_the_suites_caseloads_keep_every_date_in_that_range(self, caseload: Caseload) -> None:
        assert all(date(2010, 1, 1) <= d <= date(2040, 12, 31) for d in _days(caseload))

    @given(caseload=suite.caseloads())
    def test_so_a_partnership_schedule_has_at_most_a_few_dozen_quarters(
        self, caseload: Caseload
    ) -> None:
        # Monitoring starts on the caseload's earliest date (2010 at the earliest): to the
        # end of 2027 that is at most 18 years x 4 quarters of each quarterly obligation.
        quarters = [
            r
            for r in evaluate_partnership(caseload, date(2027, 12, 31), protocol=BUNDLED_PROTOCOLS)
            if r.period is not None and "-Q" in r.period
        ]
        assert len(quarters) <= 2 * 18 * 4

    def test_any_dates_reaches_the_extremes_for_the_tests_that_need_them(self) -> None:
        assert find(suite.any_dates(), lambda d: d.year < 2010) < date(2010, 1, 1)
        assert find(suite.any_dates(), lambda d: d.year > 2040) > date(2040, 12, 31)

    def test_explicit_bounds_are_kept(self) -> None:
        @given(day=suite.dates(date(2026, 2, 1), date(2026, 2, 28)))
        def check(day: date) -> None:
            assert (day.year, day.month) == (2026, 2)

        check()


class TestDrawnDocumentsNameServicesInTheirDates:
    """The kit's raw strategies name a service only on days it existed (NPS and CRC until
    25 June 2021, the Probation Service from 26 June 2021), so the documents they draw
    load without a "did not exist then" warning, as a council's should."""

    @given(caseload=kit.caseloads())
    def test_no_event_or_partnership_record_names_a_service_outside_its_dates(
        self, caseload: cjp.Caseload
    ) -> None:
        from care_justice_protocol.io._existence import check_caseload

        problems = check_caseload(caseload, cjp.BUNDLED_PROTOCOLS, stacklevel=1)
        # The one exception: a disagreement "between" NPS and the Probation Service after
        # 2021 cannot become two services that existed then (both are the Probation
        # Service), so it is left as drawn.
        assert [p for p in problems if ".between[" not in p] == []

    def test_a_drawn_share_to_crc_after_2021_names_the_probation_service(self) -> None:
        from care_justice_protocol.testing._strategies import _in_their_dates

        share = cjp.DocumentShared(
            on=date(2022, 1, 1), recorded_by="S-1", document=cjp.DocumentKind.PATHWAY_PLAN,
            from_service=cjp.Service.NEXT_STEP, to_service=cjp.Service.CRC, version=1,
        )  # fmt: skip
        assert _in_their_dates(share).to_service is cjp.Service.PROBATION_SERVICE
        before = attrs.evolve(share, on=date(2020, 1, 1), to_service=cjp.Service.PROBATION_SERVICE)
        assert _in_their_dates(before).to_service is cjp.Service.NPS
