"""Notebook helpers: HTML views, pandas frames, plots, what-if, the meeting pack.

Owns: the HTML views attached to the domain types as ``_repr_html_``, the pandas frames
of results and events (``pandas`` extra), the timeline and caseload plots (``plot``
extra), the what-if helper (move or drop one event and compare), and the quarterly
management meeting pack (one self-contained HTML page, which ``cjp report`` writes). The
domain never imports this package: it attaches its views to the domain types when it is
imported.

May import: every layer below (calendar to io).
"""

import typing

from .._lazy import lazy_exports as _lazy_exports
from ._attach import attach as _attach

if typing.TYPE_CHECKING:
    from ._frames import (
        events_to_pandas,
        results_to_pandas,
    )
    from ._meeting import (
        quarter_of,
        quarterly_report_html,
    )
    from ._plot import (
        plot_caseload,
        plot_timeline,
    )
    from ._whatif import (
        Change,
        WhatIf,
        what_if,
    )

_attach()

__all__ = [
    # frames
    "events_to_pandas",
    "results_to_pandas",
    # plots
    "plot_caseload",
    "plot_timeline",
    # what if
    "Change",
    "WhatIf",
    "what_if",
    # the quarterly meeting pack
    "quarter_of",
    "quarterly_report_html",
]

__getattr__, __dir__ = _lazy_exports(
    __name__,
    {
        "._frames": (
            "events_to_pandas",
            "results_to_pandas",
        ),
        "._meeting": (
            "quarter_of",
            "quarterly_report_html",
        ),
        "._plot": (
            "plot_caseload",
            "plot_timeline",
        ),
        "._whatif": (
            "Change",
            "WhatIf",
            "what_if",
        ),
    },
)
