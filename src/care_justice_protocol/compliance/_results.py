"""The results of the compliance engine: statuses, their urgency, one result, a report.

A result is a plain record: which obligation, for which case, with which status on the
as-of date, and the provenance (clause, rule in words, calendar policy) that explains it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs

from .._checks import check_choices, check_count, check_date
from .._errors import InvalidArgumentError, ValidationError
from ..calendar._deadlines import Deadline
from ..calendar._working_days import WorkingCalendar
from ..protocols._rules import Protocol, Strength

if TYPE_CHECKING:
    import pandas as pd

    from ..model._events import Caseload

__all__ = [
    "STATUSES_BY_URGENCY",
    "URGENCY",
    "CaseloadReport",
    "ObligationResult",
    "RefusedCase",
    "Status",
    "slot_result",
    "urgency_key",
    "who_must_act",
    "workers_on",
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
    NOT_FOLLOWED = "not-followed"
    """A duty about how something is done, with no deadline, not done the way the text
    says (3.14.13 §3: a meeting's notes taken out of the rotation). Nothing is outstanding
    and nothing is late: the next occasion is the chance to follow it."""


#: Most urgent first: the order in which reports list results (overdue first, then due...).
URGENCY: Final[Mapping[Status, int]] = MappingProxyType(
    {
        Status.OVERDUE: 0,
        Status.DUE: 1,
        Status.NOT_FOLLOWED: 2,
        Status.GOOD_PRACTICE_MISSED: 3,
        Status.NO_TIMESCALE: 4,
        Status.MET_LATE: 5,
        Status.MET: 6,
        Status.NOT_APPLICABLE: 7,
    }
)

#: Every status, most urgent first (the order of
#: [`URGENCY`][care_justice_protocol.compliance.URGENCY]).
STATUSES_BY_URGENCY: Final[tuple[Status, ...]] = tuple(sorted(Status, key=URGENCY.__getitem__))


@attrs.frozen(weakref_slot=False)  # no weak references: see _Unfrozen
class ObligationResult:
    """The status of one obligation for one case (or for the partnership) on a date.

    Attributes:
        case_id: the case, or ``None`` for partnership-level obligations (meetings, QA).
        obligation: the obligation id, e.g. ``"3.14.12/2/meet-within-15-working-days"``.
        clause: the clause reference.
        status: see [`Status`][care_justice_protocol.Status].
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
            [`Status.GOOD_PRACTICE_MISSED`][care_justice_protocol.Status.GOOD_PRACTICE_MISSED],
            never [`Status.OVERDUE`][care_justice_protocol.Status.OVERDUE]).
        case_external_ref: the case's ``external_ref`` (the source system's reference to
            the case), on every result of the case; ``None`` for the partnership and for
            a case without one.
        trigger_external_ref: the ``external_ref`` of the event that triggered the
            obligation (the event whose date is ``trigger``), if it has one.
        evidence_external_ref: the ``external_ref`` of the event that discharged it (the
            event whose date is ``met_on``), if it has one.

    The three references are the source system's own record references, carried so
    that a council can write each result back against its records; like the ids they
    sit beside, they are never part of a message, and the repr does not show them.
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
    case_external_ref: str | None = attrs.field(default=None, repr=False)
    trigger_external_ref: str | None = attrs.field(default=None, repr=False)
    evidence_external_ref: str | None = attrs.field(default=None, repr=False)

    @property
    def deadline(self) -> Deadline | None:
        """The due date as a [`Deadline`][care_justice_protocol.Deadline] with its provenance, if
        there is one."""
        if self.due is None:
            return None
        return Deadline(self.due, self.rule, self.clause, self.policy, self.trigger)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (dates as ISO strings), every field in declaration order.

        Every empty value is ``None`` (JSON ``null``): an empty
        [`policy`][care_justice_protocol.ObligationResult] (a result with no due date has no
        calendar policy) is written ``None``, and
        [`from_dict`][care_justice_protocol.ObligationResult.from_dict] reads it back as ``""``.

        Examples:
            >>> r = ObligationResult("C-1", "x/1", "§1", Status.DUE, None, None, None,
            ...                      None, "due before the hearing", "before the hearing", "")
            >>> d = r.to_dict()
            >>> d["policy"], d["due"], d["status"]
            (None, None, 'due')
            >>> ObligationResult.from_dict(d) == r
            True
        """
        out: dict[str, Any] = {}
        for a in _FIELDS:
            v = getattr(self, a)
            out[a] = (
                v.isoformat()
                if isinstance(v, date)
                else (str(v) if isinstance(v, enum.Enum) else v)
            )
        if not out["policy"]:
            out["policy"] = None
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, path: str = "$") -> ObligationResult:
        """The result [`to_dict`][care_justice_protocol.ObligationResult.to_dict] wrote (the exact
        inverse: ``from_dict(r.to_dict()) == r``).

        Args:
            data: one result record, as in a results document.
            path: where the record is, for the messages (e.g. ``"$.results[3]"``).

        Raises:
            ValidationError: listing every problem as ``"message @ $.path"`` (a missing
                or extra key, a wrong type, a date that is not ``YYYY-MM-DD``, a status or
                strength that is not one of the values).
        """
        problems = _record_problems(data, path)
        if problems:
            raise ValidationError(problems, what="result")
        return cls(
            case_id=data["case_id"],
            obligation=data["obligation"],
            clause=data["clause"],
            status=Status(data["status"]),
            due=_day(data["due"]),
            trigger=_day(data["trigger"]),
            met_on=_day(data["met_on"]),
            evidence=data["evidence"],
            explanation=data["explanation"],
            rule=data["rule"],
            policy=data["policy"] or "",
            period=data["period"],
            strength=Strength(data["strength"]),
            case_external_ref=data["case_external_ref"],
            trigger_external_ref=data["trigger_external_ref"],
            evidence_external_ref=data["evidence_external_ref"],
        )


#: The fields of a result, in declaration order (the keys of
#: [`ObligationResult.to_dict`][care_justice_protocol.ObligationResult.to_dict]).
_FIELDS: Final[tuple[str, ...]] = tuple(a.name for a in attrs.fields(ObligationResult))
#: What each key of a result record holds: "s" a string, "s?" a string or null, "d?" a
#: date or null, else the enum whose values it takes.
_KINDS: Final[Mapping[str, Any]] = MappingProxyType(
    {
        "case_id": "s?", "obligation": "s", "clause": "s", "status": Status, "due": "d?",
        "trigger": "d?", "met_on": "d?", "evidence": "s?", "explanation": "s", "rule": "s",
        "policy": "s?", "period": "s?", "strength": Strength, "case_external_ref": "s?",
        "trigger_external_ref": "s?", "evidence_external_ref": "s?",
    }
)  # fmt: skip


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _record_problems(data: object, path: str) -> list[str]:
    """Every problem of one result record, as ``"message @ $.path"``."""
    if not isinstance(data, Mapping):
        return [f"expected an object, got {type(data).__name__} @ {path}"]
    out = [f"required field missing @ {path}.{k}" for k in _FIELDS if k not in data]
    extra = sorted(str(k) for k in data if k not in _KINDS)
    if extra:
        out.append(f"extra fields found ({', '.join(map(repr, extra))}) @ {path}")
    kind: Any
    for key, kind in _KINDS.items():
        if key not in data:
            continue
        value = data[key]
        at = f"{path}.{key}"
        if not isinstance(kind, str):  # an enum
            if not isinstance(value, str) or value not in {m.value for m in kind}:
                allowed = ", ".join(repr(m.value) for m in kind)
                out.append(f"expected one of {allowed}, got {_short(value)} @ {at}")
        elif value is None:
            if not kind.endswith("?"):
                out.append(f"expected a string, got null @ {at}")
        elif not isinstance(value, str):
            out.append(f"expected a string{' or null' if kind.endswith('?') else ''}, "
                       f"got {type(value).__name__} @ {at}")  # fmt: skip
        elif kind == "d?" and not _is_day(value):
            out.append(f"expected a date YYYY-MM-DD or null, got {_short(value)} @ {at}")
    if data.get("status") in _DATED and "due" in data and data["due"] is None:
        out.append(f"expected a date: a {data['status']} result has a due day, got null "
                   f"@ {path}.due")  # fmt: skip
    return out


#: The statuses a result has only once its due day has passed, so its ``due`` is a date
#: (the results schema says the same).
_DATED: Final = frozenset({"overdue", "good-practice-missed", "met-late"})


#: A date as the documents write it (``date.fromisoformat`` also reads ``2026-W48-1``).
_DAY_PATTERN: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _is_day(text: str) -> bool:
    if not _DAY_PATTERN.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class _Unfrozen:
    """The slot layout of [`ObligationResult`][care_justice_protocol.ObligationResult], without its
    frozen ``__setattr__``.

    The engine builds hundreds of thousands of results per caseload. An attrs frozen
    class sets each field through ``object.__setattr__`` (a call per field, a third of
    the time of building a result); this twin sets them as plain slot stores and then
    becomes an [`ObligationResult`][care_justice_protocol.ObligationResult], which CPython allows
    because the two classes' layouts are the same: the same slots in the same order, on ``object``,
    and no ``__weakref__`` slot (CPython refuses the switch between two classes that each add
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
    case_external_ref: str | None
    trigger_external_ref: str | None
    evidence_external_ref: str | None


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
    case_external_ref: str | None = None,
    trigger_external_ref: str | None = None,
    evidence_external_ref: str | None = None,
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
    r.case_external_ref = case_external_ref
    r.trigger_external_ref = trigger_external_ref
    r.evidence_external_ref = evidence_external_ref
    r.__class__ = ObligationResult  # type: ignore[assignment]
    return r  # type: ignore[return-value]


_new: Final = object.__new__


def urgency_key(r: ObligationResult) -> tuple[int, date, str, str]:
    """The sort key that puts the most urgent result first.

    By status ([`URGENCY`][care_justice_protocol.compliance.URGENCY]: overdue, due, good practice
    missed, no timescale, met late, met, not applicable), then the earliest due date (none last),
    then case and obligation ids (partnership results, with no case, first).
    """
    return (URGENCY[r.status], r.due or date.max, r.case_id or "", r.obligation)


def _overdue_key(r: ObligationResult) -> tuple[date, str, str]:
    return (r.due or date.max, r.case_id or "", r.obligation)


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

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, path: str = "$") -> RefusedCase:
        """The refusal [`to_dict`][care_justice_protocol.RefusedCase.to_dict] wrote.

        Raises:
            ValidationError: a missing or extra key, or a value that is not a string
                (``case_id`` may be null).
        """
        if not isinstance(data, Mapping):
            raise ValidationError([f"expected an object @ {path}"], what="refused case")
        problems = [f"required field missing @ {path}.{k}"
                    for k in ("case_id", "path", "reason") if k not in data]  # fmt: skip
        extra = sorted(str(k) for k in data if k not in ("case_id", "path", "reason"))
        if extra:
            problems.append(f"extra fields found ({', '.join(map(repr, extra))}) @ {path}")
        for key in ("case_id", "path", "reason"):
            value = data.get(key)
            if (
                key in data
                and not isinstance(value, str)
                and not (key == "case_id" and value is None)
            ):
                problems.append(f"expected a string, got {type(value).__name__} @ {path}.{key}")
        if problems:
            raise ValidationError(problems, what="refused case")
        return cls(data["case_id"], data["path"], data["reason"])


@attrs.frozen(repr=False)
class CaseloadReport:
    """Results for a whole caseload on one date.

    The questions a manager asks have a method each: what is overdue
    ([`overdue`][care_justice_protocol.CaseloadReport.overdue]), what falls due in the next working
    days ([`upcoming`][care_justice_protocol.CaseloadReport.upcoming]), the results per case
    ([`by_case`][care_justice_protocol.CaseloadReport.by_case]) and per worker
    ([`by_worker`][care_justice_protocol.CaseloadReport.by_worker]). Its repr gives counts, not
    contents.

    Attributes:
        as_of: the date evaluated on.
        results: every result of the cases evaluated, then the partnership's.
        refused: the cases that could not be evaluated (one bad case never hides the
            others: see [`evaluate_caseload`][care_justice_protocol.evaluate_caseload]).

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import BUNDLED_PROTOCOLS, evaluate_caseload
        >>> from care_justice_protocol import example_caseload
        >>> report = evaluate_caseload(example_caseload(), date(2026, 11, 25),
        ...                            protocol=BUNDLED_PROTOCOLS)
        >>> report  # doctest: +NORMALIZE_WHITESPACE
        CaseloadReport(as_of=2026-11-25, 1,135 results for 30 cases and the partnership:
        15 overdue, 20 due, 1 not-followed, 1 good-practice-missed, 71 no-timescale,
        3 met-late, 330 met, 694 not-applicable)
        >>> [(r.case_id, r.due.isoformat()) for r in report.overdue()[:2]]
        [(None, '2020-06-30'), (None, '2022-06-30')]
        >>> [(r.case_id, r.due.isoformat()) for r in report.upcoming(working_days=10)][:3]
        [('C-0007', '2026-11-25'), ('C-0020', '2026-11-25'), ('C-0020', '2026-11-25')]
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
            InvalidArgumentError: a value that is not a [`Status`][care_justice_protocol.Status].
        """
        wanted = set(check_choices(Status, "statuses", statuses))
        return tuple(r for r in self.results if r.status in wanted)

    def by_urgency(self) -> tuple[ObligationResult, ...]:
        """Every result, most urgent first (see
        [`urgency_key`][care_justice_protocol.urgency_key])."""
        return tuple(sorted(self.results, key=urgency_key))

    def overdue(self) -> tuple[ObligationResult, ...]:
        """The overdue results, longest overdue first (earliest due date), then by case.

        Good practice not followed is
        [`Status.GOOD_PRACTICE_MISSED`][care_justice_protocol.Status.GOOD_PRACTICE_MISSED], never
        here.
        """
        return tuple(sorted((r for r in self.results if r.status is Status.OVERDUE),
                            key=_overdue_key))  # fmt: skip

    def upcoming(
        self,
        as_of: date | None = None,
        working_days: int = 10,
        *,
        calendar: WorkingCalendar | None = None,
    ) -> tuple[ObligationResult, ...]:
        """The results still due that fall due within ``working_days`` working days.

        A result is listed when its status is [`Status.DUE`][care_justice_protocol.Status.DUE] and
        its due date is on or after ``as_of`` and no later than the ``working_days``-th working day
        after it (day 1 is the first working day after ``as_of``, as for every timescale), earliest
        first. Results due with no date yet ("before the court hearing") are not listed:
        they have no day to fall on.

        Args:
            as_of: the first day of the window (default: the report's own date).
            working_days: how many working days the window spans (0: ``as_of`` only).
            calendar: the working-day calendar (default: England & Wales); pass the
                rulebook's calendar when a council's closures apply.

        Raises:
            InvalidArgumentError: a bad date, count or calendar.
        """
        start = self.as_of if as_of is None else check_date("as_of", as_of)
        n = check_count("working_days", working_days)
        if calendar is None:
            calendar = WorkingCalendar.england()
        elif not isinstance(calendar, WorkingCalendar):
            raise InvalidArgumentError(
                f"calendar must be a WorkingCalendar, not {type(calendar).__name__}"
            )
        end = calendar.add_working_days(start, n)
        found = (
            r for r in self.results
            if r.status is Status.DUE and r.due is not None and start <= r.due <= end
        )  # fmt: skip
        return tuple(sorted(found, key=_overdue_key))

    def by_case(self) -> dict[str | None, tuple[ObligationResult, ...]]:
        """The results of each case, most urgent first; the partnership's under ``None``.

        Cases come in the order of the results (the caseload's order), the partnership
        last.
        """
        groups: dict[str | None, list[ObligationResult]] = {}
        for r in self.results:
            groups.setdefault(r.case_id, []).append(r)
        if None in groups:
            groups[None] = groups.pop(None)
        return {k: tuple(sorted(v, key=urgency_key)) for k, v in groups.items()}

    def by_worker(self, caseload: Caseload) -> dict[str, tuple[ObligationResult, ...]]:
        """The results of each worker's cases, most urgent first, by worker id.

        A case belongs to every worker it is allocated to on the report's date: for each
        service, the worker of the latest allocation by that service on or before it
        (a closure by the service, or a transfer away from it, ends it). Workers come in
        id order; partnership results belong to no worker.

        Args:
            caseload: the caseload the report was evaluated on.

        Raises:
            InvalidArgumentError: ``caseload`` is not a caseload.
        """
        from ..model._events import Caseload  # the model is an inner layer

        if not isinstance(caseload, Caseload):
            raise InvalidArgumentError(
                f"caseload must be a Caseload, not {type(caseload).__name__}"
            )
        per_case = self.by_case()
        out: dict[str, list[ObligationResult]] = {}
        for case in caseload.cases:
            results = per_case.get(case.case_id)
            if not results:
                continue
            for worker in workers_on(case.events, self.as_of).values():
                out.setdefault(worker, []).extend(results)
        return {w: tuple(sorted(out[w], key=urgency_key)) for w in sorted(out)}

    def __repr__(self) -> str:
        counts = self.counts()
        cases = len({r.case_id for r in self.results} - {None})
        partnership = any(r.case_id is None for r in self.results)
        n = len(self.results)
        what = (
            f"{n:,} result{'' if n == 1 else 's'} for {cases:,} case{'' if cases == 1 else 's'}"
            + (" and the partnership" if partnership else "")
        )
        shown = ", ".join(f"{counts[s]:,} {s.value}" for s in STATUSES_BY_URGENCY if counts[s])
        return f"CaseloadReport(as_of={self.as_of.isoformat()}, {what}" + (
            f": {shown})" if shown else ")"
        )

    if TYPE_CHECKING:  # attached by care_justice_protocol.notebook, which the domain never imports

        def to_pandas(self) -> pd.DataFrame:
            """The results as a DataFrame, one row per result (needs the ``pandas`` extra)."""
            ...


def workers_on(events: Iterable[Any], day: date) -> dict[str, str]:
    """The worker each service has allocated the case to on ``day``: ``{service: worker}``.

    The latest ``allocated`` event of each service on or before ``day`` names the worker;
    a ``case-closed`` by that service, or a ``case-transferred`` away from it, after the
    allocation ends it. Events are read in date order (recording order on one day).
    """
    out: dict[str, str] = {}
    for e in sorted((e for e in events if e.on <= day), key=_on):
        kind = e.type
        if kind == "allocated":
            out[str(e.service)] = e.worker_id
        elif kind == "case-closed":
            out.pop(str(getattr(e, "service", "")), None)
        elif kind == "case-transferred":
            out.pop(str(getattr(e, "from_service", "")), None)
    return out


def _on(e: Any) -> date:
    return e.on  # type: ignore[no-any-return]


def slot_result(
    case_id: str | None, oid: str, clause: str, evidence_name: str, label: str, due: date,
    met_on: date | None, trigger: date | None, as_of: date, rule_text: str, policy: str,
    strength: Strength = Strength.MUST, case_ref: str | None = None,
    trigger_ref: str | None = None, evidence_ref: str | None = None,
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
        strength, case_ref, trigger_ref, evidence_ref if met_on is not None else None,
    )  # fmt: skip


def who_must_act(
    result: ObligationResult, protocols: Iterable[Protocol], *, on: date | None = None
) -> tuple[str, ...]:
    """The services that carry ``result``'s obligation, as the protocol names them.

    The obligation's ``parties``; a group token (``"@probation"``) stands for its members
    party to the protocol on the result's trigger date (else its due date), so a result of
    2026 names the Probation Service, not NPS or CRC. The notes-rotation and QA-record
    results of a periodic obligation name that obligation's parties. An obligation none
    of ``protocols`` has gives ``()``.

    With ``on`` (the first screen and the meeting pack pass the as-of day), the services
    are those who must act on that day: a group stands for its members on ``on`` (an item
    falling due later names who exists now), and a service that no longer exists then is
    replaced by the successor its protocol's vocabulary declares (``successor``, followed
    to one that has begun by ``on``), so an item overdue since 2020 names the Probation
    Service rather than CRC, which ceased on 25 June 2021. A service that ended with no
    successor declared (or before its successor began) is still named: the duty was its
    own, and no other service is named for it by the protocol. This is the policy
    ``successor-acts``; see the interpretation page.

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import BUNDLED_PROTOCOLS, evaluate_caseload
        >>> from care_justice_protocol import example_caseload
        >>> report = evaluate_caseload(example_caseload(), date(2026, 11, 25),
        ...                            protocol=BUNDLED_PROTOCOLS)
        >>> first = report.overdue()[0]  # the middle-management meeting of 2020-Q2
        >>> first.period, who_must_act(first, BUNDLED_PROTOCOLS)
        ('2020-Q2', ('next-step', 'nps', 'crc'))
        >>> [r] = [r for r in report.overdue() if r.case_id == "C-0014"
        ...        and r.obligation == "3.14.13/5/invite-probation-to-next-review-due-by-law"]
        >>> who_must_act(r, BUNDLED_PROTOCOLS)
        ('next-step',)
        >>> who_must_act(first, BUNDLED_PROTOCOLS, on=date(2026, 11, 25))
        ('next-step', 'probation-service')
    """
    if on is not None:
        check_date("on", on)
    for p in protocols:
        if not result.obligation.startswith(p.id + "/"):
            continue
        parties: tuple[str, ...] | None = None
        for o in p.obligations:
            if o.id == result.obligation:
                parties = o.parties
        if parties is None:
            prefix = result.obligation.rsplit("/", 1)[0] + "/"
            for q in p.periodic:
                if q.id == result.obligation or q.id.startswith(prefix):
                    parties = q.parties
                    break
        if parties is None:
            continue
        day = result.trigger or result.due
        out: list[str] = []
        for party in parties:
            if party.startswith("@"):
                # on ``on``, the group's members then (a result due later names who exists
                # now); failing that, its members on the result's day, handed on below
                members = p.members_on(party[1:], on) if on is not None else ()
                if not members and day is not None:
                    members = p.members_on(party[1:], day)
                out.extend(members or (party[1:],))
            else:
                out.append(party)
        if on is not None:
            out = [_successor_on(p, s, on) for s in out]
        return tuple(dict.fromkeys(out))
    return ()


def _successor_on(protocol: Protocol, service: str, day: date) -> str:
    """``service``, or, if it had ended by ``day``, the successor that has begun by then
    (followed along the chain; a successor not yet begun leaves the ended service named)."""
    services = protocol.vocabulary.services
    seen = {service}
    current = service
    while True:
        term = services.get(current)
        if term is None or term.successor is None or term.successor in seen:
            return current  # (a cycle of successors stops where it closes)
        end = term.period.end
        if end is None or day <= end:  # it has not ended by ``day``
            return current
        after = services.get(term.successor)
        start = after.period.start if after is not None else None
        if start is not None and day < start:  # a gap: the successor has not begun
            return current
        seen.add(term.successor)
        current = term.successor
