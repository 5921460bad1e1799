"""Shared pytest configuration for every suite in the repository: the Hypothesis profiles.

It sits at the root so that ``tests/``, ``downstream_tests/`` and the doctests share one
set of profiles (Hypothesis settings are global to a session).

* ``dev`` (the default): few examples, for a quick local run.
* ``ci``: many more examples, chosen automatically when the environment variable ``CI``
  is ``true`` (GitHub Actions, GitLab and most CI services set it). Sized so that the
  calendar, period and deadline tests together stay well under a minute on two cores.

``HYPOTHESIS_PROFILE=<name>`` overrides the choice, e.g. to run ``ci`` locally.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "dev",
    max_examples=50,
    deadline=None,
)
settings.register_profile(
    "ci",
    # 200 derandomised examples per property (500 until the suite passed 2,400 tests, 300
    # until it passed 3,100 tests and the CI run, with PostgreSQL and the browser tests,
    # neared its 5-minute budget; tests that need more say so).
    max_examples=200,
    deadline=None,
    # CI machines are slow and shared; a slow data draw is not a failure there.
    suppress_health_check=[HealthCheck.too_slow],
    # The same examples on every CI run, so a red build is reproducible and not flaky;
    # no example database survives between runs, so print a reproduction blob instead.
    derandomize=True,
    database=None,
    print_blob=True,
)


def _profile_name() -> str:
    explicit = os.environ.get("HYPOTHESIS_PROFILE")
    if explicit:
        return explicit
    return "ci" if os.environ.get("CI", "").strip().lower() == "true" else "dev"


settings.load_profile(_profile_name())


def pytest_sessionstart(session: object) -> None:
    """Write the synthetic SSD database the docs' transcripts read.

    ``examples/ssd/ssd.sqlite`` is not committed (git ignores it): it is made at test and
    demo time by ``scripts/make_ssd_example.py`` (deterministic; a fifth of a second), so
    ``cjp care-leavers sqlite:///examples/ssd/ssd.sqlite`` in ``docs/`` runs as written.
    Skipped without the ``ssd`` extra (SQLAlchemy).
    """
    import importlib.util
    from pathlib import Path

    if importlib.util.find_spec("sqlalchemy") is None:
        return
    script = Path(__file__).resolve().parent / "scripts" / "make_ssd_example.py"
    spec = importlib.util.spec_from_file_location("_make_ssd_example", script)
    if spec is None or spec.loader is None:
        return
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main([])
