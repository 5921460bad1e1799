"""A downstream suite, as a council's application would write it.

This package tests the testing kit the way a project that installs
``care_justice_protocol[testing]`` would: it imports only the public API and
``care_justice_protocol.testing``, and gets the ``cjp_*`` fixtures from the pytest plugin
the package registers (no ``pytest_plugins`` line needed).

A downstream project chooses its own Hypothesis profiles; in this repository they come
from the root ``conftest.py`` (``dev`` locally, ``ci`` when ``CI=true``), which every suite
shares because Hypothesis settings are global to a session.
"""
