"""Notebook helpers: HTML views, pandas frames and timeline plots (optional extras).

Owns: the HTML views attached to the domain types as ``_repr_html_``, the pandas frames
(``pandas`` extra) and the timeline plot (``plot`` extra). The domain never imports this
package: it attaches its views to the domain types when it is imported.

May import: every layer below (calendar to io).
"""

from ._attach import attach as _attach
from ._frames import (
    results_to_pandas,
)
from ._plot import (
    plot_timeline,
)

_attach()

__all__ = [
    "results_to_pandas",
    "plot_timeline",
]
