"""Results as a pandas DataFrame (the optional ``pandas`` extra)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from .._errors import InvalidArgumentError
from ..compliance._results import STATUSES_BY_URGENCY, ObligationResult
from ..model._events import Caseload, JointCase
from ._optional import import_optional

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DATE_COLUMNS", "EVENT_COLUMNS", "events_to_pandas", "results_to_pandas"]

#: The columns holding dates (``datetime64[s]``, missing as ``NaT``).
DATE_COLUMNS = ("due", "trigger", "met_on")

_EPOCH = date(1970, 1, 1).toordinal()
_NAT = -(2**63)  # numpy's NaT as an int64


def results_to_pandas(results: Iterable[ObligationResult]) -> pd.DataFrame:
    """Obligation results as a DataFrame: one row per result, in the order given.

    Needs the optional ``pandas`` extra (``pip install 'care_justice_protocol[pandas]'``);
    pandas is imported on the first call. Works on the tuple
    [`evaluate`][care_justice_protocol.evaluate] returns, on
    [`CaseloadReport.results`][care_justice_protocol.CaseloadReport], or on any filtered selection
    of results.

    The columns are the fields of [`ObligationResult`][care_justice_protocol.ObligationResult], in
    order, typed so that
    filtering and grouping behave:

    * ``status``: an ordered ``Categorical`` whose categories are every
      [`Status`][care_justice_protocol.Status] value, most urgent first (``overdue`` < ``due`` <
      ``good-practice-missed`` < ``no-timescale`` < ``met-late`` < ``met`` < ``not-applicable``, the
      order of [`URGENCY`][care_justice_protocol.compliance.URGENCY]), present or not, so counts per
      status include the zeros and ``df.sort_values("status")`` puts the most urgent first;
    * ``due``, ``trigger``, ``met_on``: ``datetime64[s]`` at midnight, ``NaT`` where the
      result has no such date. Second resolution holds every ``datetime.date``
      (years 1 to 9999), which pandas' default nanoseconds would not (1677 to 2262); use
      ``.dt.date`` to get ``datetime.date`` objects back;
    * every other column (``case_id``, ``obligation``, ``clause``, ``evidence``,
      ``explanation``, ``rule``, ``policy``, ``period``, ``strength`` and the
      source-system references ``case_external_ref``, ``trigger_external_ref``,
      ``evidence_external_ref``): pandas' ``string`` dtype, with ``<NA>`` for ``None``
      (``case_id`` is ``<NA>`` for partnership-level results).

    Args:
        results: the results, e.g. ``evaluate(case, as_of)``.

    Returns:
        A ``pandas.DataFrame`` with ``len(results)`` rows and a default ``RangeIndex``.

    Raises:
        MissingOptionalDependencyError: if pandas is not installed.
        InvalidArgumentError: if an item is not an
            [`ObligationResult`][care_justice_protocol.ObligationResult].

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
        {'overdue': 2, 'due': 0, 'not-followed': 0, 'good-practice-missed': 0,
         'no-timescale': 4, 'met-late': 0, 'met': 2, 'not-applicable': 24}
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
                [s.value for s in values],
                categories=[s.value for s in STATUSES_BY_URGENCY],
                ordered=True,
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


#: The columns of [`events_to_pandas`][care_justice_protocol.events_to_pandas], in order.
EVENT_COLUMNS = ("case_id", "on", "type", "recorded_by", "details")


def events_to_pandas(cases: Caseload | JointCase | Iterable[JointCase]) -> pd.DataFrame:
    """Every event of the cases as a DataFrame, one row per event, in date order per case.

    Needs the optional ``pandas`` extra. Columns: ``case_id``, ``on`` (``datetime64[s]``),
    ``type`` (a ``Categorical`` of the event types present), ``recorded_by`` and
    ``details``: the event's other fields as ``name=value`` pairs, as its repr shows them
    (free text, names and dates of birth are never included).

    Args:
        cases: a caseload, one case, or several cases.

    Raises:
        MissingOptionalDependencyError: if pandas is not installed.
        InvalidArgumentError: if an item is not a [`JointCase`][care_justice_protocol.JointCase].

    Examples:
        >>> from care_justice_protocol import example_caseload
        >>> df = events_to_pandas(example_caseload())
        >>> list(df.columns), str(df.on.dtype)
        (['case_id', 'on', 'type', 'recorded_by', 'details'], 'datetime64[s]')
        >>> df.iloc[0].case_id, df.iloc[0].type, df.iloc[0].details
        ('C-0001', 'allocated', 'service=yos; worker_id=W-YOS-01')
    """
    from ._html import visible_fields

    if isinstance(cases, Caseload):
        items: list[object] = list(cases.cases)
    elif isinstance(cases, JointCase):
        items = [cases]
    else:
        items = list(cases)
    rows: list[tuple[str, date, str, str, str]] = []
    for index, case in enumerate(items):
        if not isinstance(case, JointCase):
            raise InvalidArgumentError(
                f"cases[{index}] must be a JointCase, not {type(case).__name__}"
            )
        for e in case.timeline():
            details = "; ".join(f"{name}={_plain(value)}" for name, value in visible_fields(e))
            rows.append((case.case_id, e.on, e.type, e.recorded_by, details))
    pd: Any = import_optional("pandas", "pandas", "events_to_pandas()")
    np: Any = import_optional("numpy", "pandas", "events_to_pandas()")
    ordinals = [r[1].toordinal() - _EPOCH for r in rows]
    days = np.array(ordinals, dtype="int64").view("datetime64[D]").astype("datetime64[s]")
    return pd.DataFrame(
        {
            "case_id": pd.Series([r[0] for r in rows], dtype="string"),
            "on": pd.Series(days, dtype="datetime64[s]"),
            "type": pd.Categorical([r[2] for r in rows]),
            "recorded_by": pd.Series([r[3] for r in rows], dtype="string"),
            "details": pd.Series([r[4] for r in rows], dtype="string"),
        }
    )


def _plain(value: object) -> str:
    """A field value as plain text: enums by value, dates ISO, tuples comma-joined."""
    import enum

    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(_plain(v) for v in value)
    return str(value)
