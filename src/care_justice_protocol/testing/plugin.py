"""The pytest plugin of care_justice_protocol, registered through the ``pytest11`` entry point.

pytest loads it in every project that installs the package, so it imports only the
package's runtime dependencies (never Hypothesis). Disable it with
``pytest -p no:care_justice_protocol``.

Fixtures (prefixed ``cjp_`` so they never shadow a project's own; all session-scoped,
their values being immutable, so Hypothesis ``@given`` tests may use them):

* ``cjp_calendar``: ``WorkingCalendar.england()``, Monday to Friday less England & Wales
  bank holidays.
* ``cjp_as_of``: the frozen as-of date, 2026-11-25 unless the ``cjp_as_of`` ini option
  or the ``--cjp-as-of`` command-line option says otherwise (the command line wins).
* ``cjp_scenario``: a factory for [`Scenario`][care_justice_protocol.testing.Scenario], with
  the same arguments as
  [`Scenario.for_case`][care_justice_protocol.testing.Scenario.for_case] and
  ``cjp_calendar`` as the calendar.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from ..calendar._working_days import WorkingCalendar
from ._builder import DEFAULT_AS_OF, Scenario

__all__ = ["cjp_as_of", "cjp_calendar", "cjp_scenario"]

_OPTION = "cjp_as_of"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Register ``--cjp-as-of`` and the ``cjp_as_of`` ini option."""
    group = parser.getgroup("care_justice_protocol", "care_justice_protocol testing kit")
    group.addoption(
        "--cjp-as-of",
        dest=_OPTION,
        default=None,
        metavar="YYYY-MM-DD",
        help="the date the cjp_as_of fixture returns (overrides the cjp_as_of ini option)",
    )
    parser.addini(
        _OPTION,
        help=f"the date the cjp_as_of fixture returns (default {DEFAULT_AS_OF.isoformat()})",
        default=DEFAULT_AS_OF.isoformat(),
    )


def _configured_as_of(config: pytest.Config) -> date:
    given = config.getoption(_OPTION)
    where = "--cjp-as-of"
    if given is None:
        given, where = config.getini(_OPTION), "the cjp_as_of ini option"
    text = str(given).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise pytest.UsageError(
            f"{where} must be a date written YYYY-MM-DD (e.g. 2026-11-25), not {text!r}"
        ) from None


def pytest_configure(config: pytest.Config) -> None:
    """Check the as-of option once, so a typo fails the run before any test."""
    _configured_as_of(config)


def pytest_report_header(config: pytest.Config) -> str:
    """Say which as-of date the run uses."""
    return f"care_justice_protocol: cjp_as_of={_configured_as_of(config).isoformat()}"


@pytest.fixture(scope="session")
def cjp_calendar() -> WorkingCalendar:
    """Monday to Friday less England & Wales bank holidays."""
    return WorkingCalendar.england()


@pytest.fixture(scope="session")
def cjp_as_of(pytestconfig: pytest.Config) -> date:
    """The frozen "today" for compliance tests (default 2026-11-25)."""
    return _configured_as_of(pytestconfig)


@pytest.fixture(scope="session")
def cjp_scenario(cjp_calendar: WorkingCalendar) -> Callable[..., Scenario]:
    """``Scenario.for_case`` with ``cjp_calendar``: ``cjp_scenario("C-1", has_icta=True)``."""

    def new(case_id: str = "C-0001", **kwargs: Any) -> Scenario:
        kwargs.setdefault("calendar", cjp_calendar)
        return Scenario.for_case(case_id, **kwargs)

    return new
