"""The testing kit: Hypothesis strategies, a scenario builder and a pytest plugin.

Install it with the ``testing`` extra (``pip install "care_justice_protocol[testing]"``),
which brings Hypothesis and pytest. The builder needs neither; the strategies need
Hypothesis and are imported on first use, so the pytest plugin (loaded in every project
that installs the package) never requires it.

Owns: [`Scenario`][care_justice_protocol.testing.Scenario] (an immutable builder of joint cases,
step by step), the Hypothesis strategies and the pytest plugin with its fixtures.

May import: every domain layer and [`care_justice_protocol.io`][care_justice_protocol.io]; not the
CLI or the notebook helpers.

>>> from datetime import date
>>> from care_justice_protocol import MeetingKind, Service, WorkingDaysAfter
>>> s = Scenario.for_case("C-0001").joint_yos_next_steps(date(2026, 12, 18))
>>> s.meeting(WorkingDaysAfter(15), MeetingKind.CASE_WORKER_INFORMATION_SHARING,
...           Service.YOS, Service.NEXT_STEP).last_on
datetime.date(2027, 1, 13)
"""

import importlib
import typing

from ._builder import DEFAULT_AS_OF, Scenario, When

if typing.TYPE_CHECKING:
    from ._strategies import (
        calendars,
        caseloads,
        cases,
        dates,
        events,
        identifiers,
        staff_members,
        young_people,
    )

__all__ = [
    # scenario builder
    "Scenario",
    "When",
    "DEFAULT_AS_OF",
    # Hypothesis strategies (need the ``testing`` extra)
    "calendars",
    "caseloads",
    "cases",
    "dates",
    "events",
    "identifiers",
    "staff_members",
    "young_people",
]

_STRATEGIES = frozenset(__all__[__all__.index("calendars") :])


def __getattr__(name: str) -> typing.Any:
    """Import the strategies on first use, so importing the plugin never needs Hypothesis."""
    if name not in _STRATEGIES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    try:
        module = importlib.import_module("._strategies", __name__)
    except ModuleNotFoundError as exc:  # pragma: no cover - only without Hypothesis
        if exc.name != "hypothesis":
            raise
        from .._errors import MissingOptionalDependencyError

        raise MissingOptionalDependencyError(
            "hypothesis", "testing", f"care_justice_protocol.testing.{name}"
        ) from exc
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
