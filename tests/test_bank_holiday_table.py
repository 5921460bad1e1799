"""The generated England & Wales table gives exactly what the ``holidays`` package gives."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date

import holidays

from care_justice_protocol.calendar import _bank_holidays_gb_eng as table
from care_justice_protocol.calendar._working_days import BankHolidays, _table_matches_holidays


class TestGeneratedTable:
    def test_it_comes_from_the_installed_holidays(self) -> None:
        # a new holidays release fails here: run scripts/gen_bank_holidays.py again
        assert holidays.__version__ == table.HOLIDAYS_VERSION
        assert _table_matches_holidays()

    def test_every_day_and_name_agrees_with_the_package(self) -> None:
        start = time.perf_counter()
        years = range(table.FIRST_YEAR, table.LAST_YEAR + 1)
        source = holidays.country_holidays("GB", subdiv="ENG", years=years)
        expected = {d: str(name) for d, name in source.items()}
        got = BankHolidays.england_and_wales().between(years.start, years.stop - 1)
        assert got == expected
        assert (int(source.start_year), int(source.end_year)) == (years.start, years.stop - 1)
        assert time.perf_counter() - start < 5

    def test_the_one_off_days_are_there(self) -> None:
        days = BankHolidays.england_and_wales().between(2022, 2023)
        assert days[date(2022, 9, 19)] == "State Funeral of Queen Elizabeth II"
        assert days[date(2023, 5, 8)] == "Coronation of Charles III"

    def test_other_countries_still_ask_the_package(self) -> None:
        scotland = BankHolidays("GB", "SCT").between(2026, 2026)
        assert date(2026, 1, 2) in scotland  # 2 January: a bank holiday in Scotland only
        assert date(2026, 1, 2) not in BankHolidays.england_and_wales().between(2026, 2026)


def test_a_check_of_the_example_does_not_import_the_holidays_package() -> None:
    code = (
        "import sys, io, contextlib\n"
        "from care_justice_protocol.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['check', '--as-of', '2026-11-25'])\n"
        "print('holidays' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)  # fmt: skip
    assert done.stdout.strip() == "False"
