"""Results as a pandas DataFrame (the optional ``pandas`` extra)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from .._errors import InvalidArgumentError
from ..compliance._results import ObligationResult, Status
from ._optional import import_optional

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DATE_COLUMNS", "results_to_pandas"]

#: The columns holding dates (``datetime64[s]``, missing as ``NaT``).
DATE_COLUMNS = ("due", "trigger", "met_on")

_EPOCH = date(1970, 1, 1).toordinal()
_NAT = -(2**63)  # numpy's NaT as an int64


def results_to_pandas(results: Iterable[ObligationResult]) -> pd.DataFrame:
    """Obligation results as a DataFrame: one row per result, in the order given.

    Needs the optional ``pandas`` extra (``pip install 'care_justice_protocol[pandas]'``);
    pandas is imported on the first call. Works on the tuple :func:`evaluate` returns, on
    :attr:`CaseloadReport.results`, or on any filtered selection of results.

    The columns are the fields of :class:`ObligationResult`, in order, typed so that
    filtering and grouping behave:

    * ``status``: an ordered ``Categorical`` whose categories are every :class:`Status`
      value in declaration order (``met`` < ``met-late`` < ``due`` < ``overdue`` <
      ``not-applicable`` < ``no-timescale``), present or not, so counts per status
      include the zeros;
    * ``due``, ``trigger``, ``met_on``: ``datetime64[s]`` at midnight, ``NaT`` where the
      result has no such date. Second resolution holds every :class:`datetime.date`
      (years 1 to 9999), which pandas' default nanoseconds would not (1677 to 2262); use
      ``.dt.date`` to get :class:`datetime.date` objects back;
    * every other column (``case_id``, ``obligation``, ``clause``, ``evidence``,
      ``explanation``, ``rule``, ``policy``, ``period``): pandas' ``string`` dtype, with
      ``<NA>`` for ``None`` (``case_id`` is ``<NA>`` for partnership-level results).

    Args:
        results: the results, e.g. ``evaluate(case, as_of)``.

    Returns:
        A ``pandas.DataFrame`` with ``len(results)`` rows and a default ``RangeIndex``.

    Raises:
        MissingOptionalDependencyError: if pandas is not installed.
        InvalidArgumentError: if an item is not an :class:`ObligationResult`.

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import BUNDLED_PROTOCOLS, evaluate, example_caseload
        >>> case = example_caseload().case("C-0001")
        >>> df = results_to_pandas(evaluate(case, date(2026, 11, 25), protocol=BUNDLED_PROTOCOLS))
        >>> len(df), str(df.status.dtype), str(df.due.dtype)
        (32, 'category', 'datetime64[s]')
        >>> row = df.loc[df.obligation == "3.14.12/2/meet-within-15-working-days"].iloc[0]
        >>> row.status, row.due.date(), row.met_on
        ('overdue', datetime.date(2026, 1, 13), NaT)
        >>> df.status.value_counts(sort=False).to_dict()  # doctest: +NORMALIZE_WHITESPACE
        {'met': 2, 'met-late': 0, 'due': 0, 'overdue': 2, 'not-applicable': 24,
         'no-timescale': 4, 'good-practice-missed': 0, 'not-followed': 0}
    """
    rows = list(results)
    for index, r in enumerate(rows):
        if not isinstance(r, ObligationResult):
            raise InvalidArgumentError(
                f"results[{index}] must be an ObligationResult, not {type(r).__name__}"
            )
    pd: Any = import_optional("pandas", "pandas", "results_to_pandas()")
    np: Any = import_optional("numpy", "pandas", "results_to_pandas()")
    columns: dict[str, Any] = {}
    for a in attrs.fields(ObligationResult):
        values = [getattr(r, a.name) for r in rows]
        if a.name == "status":
            columns[a.name] = pd.Categorical(
                [s.value for s in values], categories=[s.value for s in Status], ordered=True
            )
        elif a.name in DATE_COLUMNS:
            # Days since 1970-01-01 as integers (the minimum int64 is NaT): much faster
            # than letting numpy parse each date object.
            ordinals = [_NAT if d is None else d.toordinal() - _EPOCH for d in values]
            days = np.array(ordinals, dtype="int64").view("datetime64[D]")
            columns[a.name] = pd.Series(days.astype("datetime64[s]"), dtype="datetime64[s]")
        else:
            columns[a.name] = pd.Series(values, dtype="string")
    return pd.DataFrame(columns)
