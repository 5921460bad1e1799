"""The results of the compliance engine: statuses, their urgency, one result, a report.

A result is a plain record: which obligation, for which case, with which status on the
as-of date, and the provenance (clause, rule in words, calendar policy) that explains it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs

from .._checks import check_choices
from ..calendar._deadlines import Deadline
from ..protocols._rules import Strength

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "URGENCY",
    "CaseloadReport",
    "ObligationResult",
    "RefusedCase",
    "Status",
    "slot_result",
]


class Status(enum.StrEnum):
    """The status of one obligation on the as-of date."""

    MET = "met"
    """Discharged on time (or, with no timescale, discharged)."""
    MET_LATE = "met-late"
    """Discharged after its due date."""
    DUE = "due"
    """Not yet discharged, not yet past its due date."""
    OVERDUE = "overdue"
    """Not discharged and past its due date."""
    NOT_APPLICABLE = "not-applicable"
    """The obligation does not arise on this case (the explanation says why)."""
    NO_TIMESCALE = "no-timescale"
    """Arises, not yet discharged, and the protocol gives no timescale for it."""
    GOOD_PRACTICE_MISSED = "good-practice-missed"
    """A good-practice item (the text's own words, e.g. "It is good practice for the
    child's worker to attend court") not done by its due date: not a breach of a duty."""


#: Most urgent first: the order in which reports list results (overdue first, then due...).
URGENCY: Final[Mapping[Status, int]] = MappingProxyType(
    {
        Status.OVERDUE: 0,
        Status.DUE: 1,
        Status.GOOD_PRACTICE_MISSED: 2,
        Status.NO_TIMESCALE: 3,
        Status.MET_LATE: 4,
        Status.MET: 5,
        Status.NOT_APPLICABLE: 6,
    }
)


@attrs.frozen(weakref_slot=False)  # no weak references: see _Unfrozen
class ObligationResult:
    """The status of one obligation for one case (or for the partnership) on a date.

    Attributes:
        case_id: the case, or ``None`` for partnership-level obligations (meetings, QA).
        obligation: the obligation id, e.g. ``"3.14.12/2/meet-within-15-working-days"``.
        clause: the clause reference.
        status: see :class:`Status`.
        due: the due date, or ``None`` where there is none (yet).
        trigger: the date the obligation arose, if any.
        met_on: the date of the evidence that discharged it, if any.
        evidence: the evidence in words, if any.
        explanation: one line for humans.
        rule: the deadline rule in words.
        policy: the calendar / period policy used.
        period: for recurring obligations, the period or window ("2026-Q4").
        strength: the strength of the obligation, in the text's words: a duty ("must"),
            expected ("should") or good practice (a missed one is
            :attr:`Status.GOOD_PRACTICE_MISSED`, never :attr:`Status.OVERDUE`).
    """

    case_id: str | None
    obligation: str
    clause: str
    status: Status
    due: date | None
    trigger: date | None
    met_on: date | None
    evidence: str | None
    explanation: str
    rule: str
    policy: str
    period: str | None = None
    strength: Strength = Strength.MUST

    @property
    def deadline(self) -> Deadline | None:
        """The due date as a :class:`Deadline` with its provenance, if there is one."""
        if self.due is None:
            return None
        return Deadline(self.due, self.rule, self.clause, self.policy, self.trigger)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (dates as ISO strings)."""
        out: dict[str, Any] = {}
        for a in attrs.fields(ObligationResult):
            v = getattr(self, a.name)
            out[a.name] = (
                v.isoformat()
                if isinstance(v, date)
                else (str(v) if isinstance(v, enum.Enum) else v)
            )
        return out


class _Unfrozen:
    """The slot layout of :class:`ObligationResult`, without its frozen ``__setattr__``.

    The engine builds hundreds of thousands of results per caseload. An attrs frozen
    class sets each field through ``object.__setattr__`` (a call per field, a third of
    the time of building a result); this twin sets them as plain slot stores and then
    becomes an :class:`ObligationResult`, which CPython allows because the two classes'
    layouts are the same: the same slots in the same order, on ``object``, and no
    ``__weakref__`` slot (CPython refuses the switch between two classes that each add
    one). ``tests/test_compliance.py`` checks that a result built either way is equal,
    hashes the same, has the same repr and is frozen. Nothing else ever sees an
    ``_Unfrozen``.
    """

    __slots__ = tuple(a.name for a in attrs.fields(ObligationResult))
    case_id: str | None
    obligation: str
    clause: str
    status: Status
    due: date | None
    trigger: date | None
    met_on: date | None
    evidence: str | None
    explanation: str
    rule: str
    policy: str
    period: str | None
    strength: Strength


def new_result(
    case_id: str | None,
    obligation: str,
    clause: str,
    status: Status,
    due: date | None,
    trigger: date | None,
    met_on: date | None,
    evidence: str | None,
    explanation: str,
    rule: str,
    policy: str,
    period: str | None = None,
    strength: Strength = Strength.MUST,
) -> ObligationResult:
    """``ObligationResult(...)`` with the same arguments, built in a third of the time."""
    r = _new(_Unfrozen)
    r.case_id = case_id
    r.obligation = obligation
    r.clause = clause
    r.status = status
    r.due = due
    r.trigger = trigger
    r.met_on = met_on
    r.evidence = evidence
    r.explanation = explanation
    r.rule = rule
    r.policy = policy
    r.period = period
    r.strength = strength
    r.__class__ = ObligationResult  # type: ignore[assignment]
    return r  # type: ignore[return-value]


_new: Final = object.__new__


@attrs.frozen
class RefusedCase:
    """A case the evaluation could not evaluate; the other cases were evaluated.

    Attributes:
        case_id: the case (``None``: the partnership-level obligations, which could not
            be evaluated).
        path: where in the caseload document: the field at fault where it is known
            (``"$.cases[3].events[0].on"``), else the case (``"$.cases[3]"``).
        reason: one line, with event dates and ids only (never a date of birth, a name
            or free text).

    Examples:
        >>> RefusedCase("C-0004", "$.cases[3].events[0].on", "an event on 1026-03-02 is "
        ...             "outside the years the calendar knows (1872-2100)").line()
        "case 'C-0004' @ $.cases[3].events[0].on: an event on 1026-03-02 is outside the \
years the calendar knows (1872-2100)"
    """

    case_id: str | None
    path: str
    reason: str

    def line(self) -> str:
        """The refusal in one line: ``case 'C-1' @ $.cases[0]...: reason``."""
        what = "partnership obligations" if self.case_id is None else f"case {self.case_id!r}"
        return f"{what} @ {self.path}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {"case_id": self.case_id, "path": self.path, "reason": self.reason}


@attrs.frozen
class CaseloadReport:
    """Results for a whole caseload on one date.

    Attributes:
        as_of: the date evaluated on.
        results: every result of the cases evaluated, then the partnership's.
        refused: the cases that could not be evaluated (one bad case never hides the
            others: see :func:`~care_justice_protocol.evaluate_caseload`).
    """

    as_of: date
    results: tuple[ObligationResult, ...]
    refused: tuple[RefusedCase, ...] = ()

    def counts(self) -> dict[Status, int]:
        """How many results have each status (every status present, possibly 0)."""
        out = dict.fromkeys(Status, 0)
        for r in self.results:
            out[r.status] += 1
        return out

    def for_case(self, case_id: str) -> tuple[ObligationResult, ...]:
        return tuple(r for r in self.results if r.case_id == case_id)

    def with_status(self, *statuses: Status | str) -> tuple[ObligationResult, ...]:
        """The results with any of ``statuses`` (members or their strings).

        Raises:
            InvalidArgumentError: a value that is not a :class:`Status`.
        """
        wanted = set(check_choices(Status, "statuses", statuses))
        return tuple(r for r in self.results if r.status in wanted)

    if TYPE_CHECKING:  # attached by care_justice_protocol.notebook, which the domain never imports

        def to_pandas(self) -> pd.DataFrame:
            """The results as a DataFrame, one row per result (needs the ``pandas`` extra)."""
            ...


def slot_result(
    case_id: str | None, oid: str, clause: str, evidence_name: str, label: str, due: date,
    met_on: date | None, trigger: date | None, as_of: date, rule_text: str, policy: str,
    strength: Strength = Strength.MUST,
) -> ObligationResult:  # fmt: skip
    if met_on is not None:
        status = Status.MET_LATE if met_on > due else Status.MET
        text = f"{status.value} {met_on.isoformat()}: {evidence_name} ({label}, due {due})"
    elif as_of > due and strength is Strength.GOOD_PRACTICE:
        status = Status.GOOD_PRACTICE_MISSED
        text = (f"good practice not followed by {due.isoformat()}: no {evidence_name} "
                f"recorded ({label})")  # fmt: skip
    elif as_of > due:
        status = Status.OVERDUE
        text = f"overdue since {due.isoformat()}: no {evidence_name} recorded ({label})"
    else:
        status = Status.DUE
        text = f"due {due.isoformat()}: no {evidence_name} recorded yet ({label})"
    return ObligationResult(
        case_id, oid, clause, status, due, trigger, met_on,
        evidence_name if met_on is not None else None, text, rule_text, policy, label,
        strength,
    )  # fmt: skip
