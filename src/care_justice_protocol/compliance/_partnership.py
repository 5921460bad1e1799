"""Partnership-level evaluation: quarterly meetings, the notes rotation, QA; a caseload.

3.14.12 §3 and 3.14.13 §3 ask for quarterly management meetings, 3.14.12 §4 for
twice-yearly quality assurance of joint cases; 3.14.13 §3 for notes taken in rotation.
[`evaluate_caseload`][care_justice_protocol.evaluate_caseload] evaluates every case and these
partnership obligations.
"""

from __future__ import annotations

import operator
import random
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Final

import attrs

from .._checks import check_count, check_date
from .._errors import CareJusticeError, DateOutOfRangeError, InvalidArgumentError
from .._gc import gc_paused
from ..calendar._deadlines import NO_TIMESCALE
from ..calendar._working_days import WorkingCalendar
from ..model._entities import Meeting
from ..model._events import Caseload, JointCase
from ..protocols._local import Rulebook
from ..protocols._rules import PeriodicObligation, Protocol
from ._engine import _compile, _evaluate_case, _protocols, rules
from ._matching import find, index
from ._results import (
    CaseloadReport,
    ObligationResult,
    RefusedCase,
    Status,
    new_result,
    slot_result,
)

__all__ = [
    "PROGRESS_EVERY",
    "evaluate_caseload",
    "joint_case_ids",
    "evaluate_partnership",
    "notes_rotation",
    "qa_sample",
]


#: How many cases are evaluated between two calls of
#: [`evaluate_caseload`][care_justice_protocol.evaluate_caseload]'s ``progress``.
PROGRESS_EVERY = 256


_ON: Final = operator.attrgetter("on")


def _earliest_day(caseload: Caseload) -> date | None:
    """The earliest date anything in the caseload happened, or ``None`` for an empty one."""
    on = _ON
    days = [min(map(on, c.events), default=date.max) for c in caseload.cases]
    days += [m.on for m in caseload.management_meetings]
    days += [q.on for q in caseload.quality_assurance]
    earliest = min(days, default=date.max)
    return None if earliest == date.max else earliest


def _monitoring_start(earliest: date | None, protocol: Protocol) -> date | None:
    if earliest is None:
        return None
    first = protocol.effective_from
    return max(earliest, first) if first is not None else earliest


def evaluate_partnership(
    caseload: Caseload,
    as_of: date,
    *,
    protocol: Protocol | Iterable[Protocol] | Rulebook,
    monitoring_from: date | None = None,
) -> tuple[ObligationResult, ...]:
    """Evaluate the partnership-level obligations: quarterly meetings and twice-yearly QA.

    Periods run from ``monitoring_from`` (default: the earliest date in the caseload, or
    the protocol's effective date if later) to the period holding ``as_of``; the current
    period is ``due`` until it ends. For 3.14.13 each meeting's notes are also checked
    against the rotation (see [`notes_rotation`][care_justice_protocol.notes_rotation]); for 3.14.12
    §4 each QA record's completeness is reported.

    ``protocol`` is one protocol, several, or a [`Rulebook`][care_justice_protocol.Rulebook]
    (a local variant's period policies and notes rotations are in its protocols; these
    obligations count months and periods, not working days, so no calendar is needed).
    """
    if not isinstance(caseload, Caseload):
        raise InvalidArgumentError(f"caseload must be a Caseload, not {type(caseload).__name__}")
    day = check_date("as_of", as_of)
    protocols = _protocols(protocol)
    earliest = _earliest_day(caseload) if monitoring_from is None else None
    return _partnership(caseload, day, protocols, monitoring_from, earliest)


def _partnership(
    caseload: Caseload,
    day: date,
    protocols: tuple[Protocol, ...],
    monitoring_from: date | None,
    earliest: date | None,
) -> tuple[ObligationResult, ...]:
    """[`evaluate_partnership`][care_justice_protocol.evaluate_partnership] with the caseload's
    earliest day already known."""
    out: list[ObligationResult] = []
    for p in protocols:
        start = (
            check_date("monitoring_from", monitoring_from)
            if monitoring_from is not None
            else _monitoring_start(earliest, p)
        )
        if start is None:
            continue
        for ob in p.periodic:
            out.extend(_periodic(caseload, ob, p, start, day))
    return tuple(out)


def _periodic(
    caseload: Caseload, ob: PeriodicObligation, protocol: Protocol, start: date, as_of: date
) -> list[ObligationResult]:
    rec = ob.recurrence
    policy = rec.describe()
    out: list[ObligationResult] = []
    if ob.meeting_kind is not None:
        meetings = sorted(
            (m for m in caseload.management_meetings
             if m.kind == ob.meeting_kind and m.on <= as_of
             and (m.recorded or not ob.must_be_recorded)),
            key=lambda m: m.on,
        )  # fmt: skip
        what = ("minuted " if ob.must_be_recorded else "") + (
            ob.meeting_kind.replace("-", " ") + " meeting"
        )
        rule = f"{ob.summary}: {policy}"
        for slot in rec.slots(start, [m.on for m in meetings], as_of):
            out.append(slot_result(None, ob.id, ob.clause, what, slot.label, slot.due,
                                    slot.met_on, None, as_of, rule, policy,
                                    ob.strength))  # fmt: skip
        if ob.notes_rotate:
            out.extend(_rotation_results(ob, protocol, meetings))
        return out
    records = sorted((q for q in caseload.quality_assurance if q.on <= as_of),
                     key=lambda q: q.on)  # fmt: skip
    rule = f"{ob.summary}: {policy}"
    for slot in rec.slots(start, [q.on for q in records], as_of):
        out.append(slot_result(None, ob.id, ob.clause, "quality-assurance record", slot.label,
                                slot.due, slot.met_on, None, as_of, rule, policy,
                                ob.strength))  # fmt: skip
    for q in records:
        missing = [name for flag, name in (
            (q.findings_recorded, "findings recorded"),
            (q.feedback_given, "feedback given to workers"),
            (q.shared_with_heads_of_service, "shared with heads of service"),
        ) if not flag]  # fmt: skip
        status = Status.NO_TIMESCALE if missing else Status.MET
        text = (f"QA of {q.on.isoformat()} complete: findings recorded, feedback given, shared "
                "with heads of service") if not missing else (
                f"QA of {q.on.isoformat()} incomplete, {NO_TIMESCALE}: not yet "
                + ", ".join(missing))  # fmt: skip
        out.append(new_result(
            None, ob.id.rsplit("/", 1)[0] + "/qa-record-complete", ob.clause, status, None,
            q.on, q.on if not missing else None, "complete QA record" if not missing else None,
            text, "findings recorded, feedback given, shared with heads of service",
            "", q.on.isoformat(),  # no timescale, so no date policy (null, as on a case)
        ))  # fmt: skip
    return out


def _rotation_order(protocol: Protocol, ob: PeriodicObligation, day: date) -> tuple[str, ...]:
    """The rotation on ``day``: its services that exist then, a group standing for its members
    party to the protocol then."""
    services = protocol.vocabulary.services
    out: list[str] = []
    for entry in ob.rotation:
        if entry.startswith("@"):
            members: tuple[str, ...] = protocol.members_on(entry[1:], day)
        elif entry in services and not services[entry].period.contains(day):
            members = ()  # a service that did not exist that day (NPS, CRC after June 2021)
        else:
            members = (entry,)
        out.extend(m for m in members if m not in out)
    return tuple(out)


def _expected_taker(
    protocol: Protocol, ob: PeriodicObligation, previous: str | None, previous_day: date,
    day: date,
) -> str | None:  # fmt: skip
    if previous is None:
        return None
    then = _rotation_order(protocol, ob, previous_day)
    successor = then[(then.index(previous) + 1) % len(then)] if previous in then else then[0]
    now = _rotation_order(protocol, ob, day)
    services = protocol.vocabulary.services
    seen = {successor}
    while successor not in now and successor in services:
        # A service that has ended passes its turn to its declared successor
        # (NPS and CRC to the Probation Service on 26 June 2021).
        nxt = services[successor].successor
        if nxt is None or nxt in seen:
            break
        successor = nxt
        seen.add(nxt)
    if successor not in now:
        successor = now[0]
    return successor


def _rotating(protocol: Protocol, obligation: str | None) -> PeriodicObligation:
    found = [q for q in protocol.periodic if q.rotation and obligation in (None, q.id)]
    if not found:
        what = f"obligation {obligation!r}" if obligation else "obligation"
        raise InvalidArgumentError(
            f"protocol {protocol.id} has no periodic {what} whose notes rotate"
        )
    return found[0]


def notes_rotation(
    meetings: Sequence[Meeting],
    as_of: date,
    *,
    protocol: Protocol | Rulebook,
    obligation: str | None = None,
) -> tuple[list[tuple[Meeting, str | None]], str]:
    """Whose turn it was to take notes at each meeting, and whose is next.

    3.14.13 §3: "notes will be taken on a rotational basis between agencies". The order
    is the protocol file's ``notes_rotation`` (for 3.14.13: Next Step, then the probation
    providers party on the meeting's date: NPS, CRC until 25 June 2021; the Probation
    Service from 26 June 2021). The turn after an agency is worked out in the rotation in
    force when it took the notes; a turn that would fall to a service that has ended falls
    to its declared successor (NPS and CRC: the Probation Service).
    The first recorded meeting sets the rotation going (anyone may take its notes); each
    later meeting falls to the agency after the one that took the previous notes.

    Args:
        meetings: the meetings (any order; those after ``as_of`` are ignored).
        as_of: the date to answer for.
        protocol: the protocol whose rotation applies, or a
            [`Rulebook`][care_justice_protocol.Rulebook] (a local variant's order applies):
            the protocol of ``obligation``, or the first of its protocols with a rotation.
        obligation: the id of the periodic obligation whose notes rotate (default: the
            protocol's first).

    Returns:
        ``([(meeting, expected taker or None for the first), ...], next taker)``.

    Raises:
        InvalidArgumentError: the protocol has no such rotating obligation.

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import Meeting, MeetingKind, Service, PROTOCOL_3_14_13
        >>> m = [Meeting(kind=MeetingKind.MIDDLE_MANAGEMENT_QUARTERLY, on=date(2026, d, 10),
        ...              recorded=True, notes_taken_by=s)
        ...      for d, s in ((1, Service.NEXT_STEP), (4, Service.PROBATION_SERVICE))]
        >>> notes_rotation(m, date(2026, 6, 1), protocol=PROTOCOL_3_14_13)[1]
        'next-step'
    """
    if isinstance(protocol, Rulebook):
        protocol = _rotating_protocol(protocol, obligation)
    if not isinstance(protocol, Protocol):
        raise InvalidArgumentError(
            f"protocol must be a Protocol or a Rulebook, not {type(protocol).__name__}"
        )
    ob = _rotating(protocol, obligation)
    day = check_date("as_of", as_of)
    rows: list[tuple[Meeting, str | None]] = []
    previous: str | None = None
    previous_day = day
    for m in sorted(meetings, key=lambda m: m.on):
        if m.on > day:
            break
        rows.append((m, _expected_taker(protocol, ob, previous, previous_day, m.on)))
        if m.notes_taken_by is not None:
            previous, previous_day = m.notes_taken_by, m.on
    upcoming = _expected_taker(protocol, ob, previous, previous_day, day)
    if upcoming is None:
        order = _rotation_order(protocol, ob, day)
        upcoming = order[0] if order else ob.rotation[0]
    return rows, upcoming


def _rotating_protocol(rulebook: Rulebook, obligation: str | None) -> Protocol:
    for p in rulebook.protocols:
        if any(q.rotation and obligation in (None, q.id) for q in p.periodic):
            return p
    what = f"obligation {obligation!r}" if obligation else "obligation"
    ids = ", ".join(p.id for p in rulebook.protocols) or "none"
    raise InvalidArgumentError(
        f"no protocol of the rulebook ({ids}) has a periodic {what} whose notes rotate"
    )


def _rotation_results(
    ob: PeriodicObligation, protocol: Protocol, meetings: Sequence[Meeting]
) -> list[ObligationResult]:
    out = []
    rows, _ = notes_rotation(meetings, date.max, protocol=protocol, obligation=ob.id)
    oid = ob.id.rsplit("/", 1)[0] + "/notes-in-rotation"
    for m, expected in rows:
        taker = m.notes_taken_by
        if taker is None:
            # Who took the notes is not recorded: the rotation cannot be judged yet.
            status, text = Status.NO_TIMESCALE, f"{NO_TIMESCALE}: no note-taker recorded"
        elif expected is None:
            status, text = Status.MET, f"met: first meeting, notes by {taker}"
        elif taker == expected:
            status, text = Status.MET, f"met: notes by {taker}, as it was {expected}'s turn"
        else:
            # "notes will be taken on a rotational basis": notes were taken, by another
            # agency; nothing is outstanding or late (see Status.NOT_FOLLOWED).
            status = Status.NOT_FOLLOWED
            text = f"not in rotation: notes by {taker}, but it was {expected}'s turn"
        ok = status is Status.MET
        out.append(new_result(
            None, oid, ob.clause, status, m.on if ok else None, m.on,
            m.on if ok else None,
            f"notes taken by {taker}" if ok else None,
            text,
            "notes taken on a rotational basis between agencies",
            "rotation: " + (ob.rotation_name or ", then ".join(ob.rotation)), m.on.isoformat(),
            ob.strength,
        ))  # fmt: skip
    return out


# --------------------------------------------------------------------------- caseload


def evaluate_caseload(
    caseload: Caseload,
    as_of: date,
    *,
    protocol: Protocol | Iterable[Protocol] | Rulebook,
    calendar: WorkingCalendar | None = None,
    monitoring_from: date | None = None,
    progress: Callable[[int, int], object] | None = None,
) -> CaseloadReport:
    """Evaluate every case and the partnership obligations of a caseload on ``as_of``.

    One bad case never hides the others: a case whose evaluation fails on its data (a date
    outside the years the calendar knows, such as an event in 1026, or any other error of
    the library's own, an overflow or a value error) is left out of the results and
    reported in [`CaseloadReport.refused`][care_justice_protocol.CaseloadReport] with its id and
    path; every other case is evaluated, and the partnership obligations are evaluated over the
    cases that were.

    Args:
        caseload: the caseload.
        as_of: the date to evaluate on.
        protocol: one protocol, several, or a [`Rulebook`][care_justice_protocol.Rulebook]
            (protocols with a council's local variant applied, and its calendar).
        calendar: the working-day calendar (default: England & Wales); not with a
            rulebook, which carries its own.
        monitoring_from: where the partnership periods start (see
            [`evaluate_partnership`][care_justice_protocol.evaluate_partnership]).
        progress: called as ``progress(cases_done, cases_in_all)`` every
            [`PROGRESS_EVERY`][care_justice_protocol.compliance.PROGRESS_EVERY] cases and once at
            the end, for a progress display (the caller keeps any clock: the evaluation stays pure).

    Raises:
        InvalidArgumentError: an argument of the wrong kind, or a rulebook and a
            calendar both given.
    """
    if not isinstance(caseload, Caseload):
        raise InvalidArgumentError(f"caseload must be a Caseload, not {type(caseload).__name__}")
    protocols, cal = rules(protocol, calendar)
    results: list[ObligationResult] = []
    refused: list[RefusedCase] = []
    day = check_date("as_of", as_of)
    plans = _compile(protocols, cal)
    # The results form no reference cycles: see gc_paused. The partnership results and the
    # report are built inside the pause too, or the collector, back on, would scan every
    # case's results at once on the first allocation after it.
    with gc_paused():
        cases = caseload.cases
        firsts: list[date] = []  # each evaluated case's first day: the earliest of them
        for start in range(0, len(cases), PROGRESS_EVERY):
            for position in range(start, min(start + PROGRESS_EVERY, len(cases))):
                case = cases[position]
                try:
                    results.extend(_evaluate_case(case, day, plans, cal, firsts))
                except _REFUSED_ON_DATA as error:
                    refused.append(_refusal(case, position, error, cal))
            if progress is not None:
                progress(min(start + PROGRESS_EVERY, len(cases)), len(cases))
        if progress is not None and not cases:
            progress(0, 0)
        evaluated = caseload
        if refused:
            skip = {r.case_id for r in refused}
            evaluated = attrs.evolve(
                caseload, cases=tuple(c for c in caseload.cases if c.case_id not in skip)
            )
        try:
            if monitoring_from is not None:
                start_day: date | None = check_date("monitoring_from", monitoring_from)
                earliest = None
            else:
                start_day = None
                days = [*firsts, *(m.on for m in evaluated.management_meetings),
                        *(q.on for q in evaluated.quality_assurance)]  # fmt: skip
                earliest = min(days) if days else None
            results.extend(_partnership(evaluated, day, protocols, start_day, earliest))
        except _REFUSED_ON_DATA as error:
            refused.append(RefusedCase(None, "$", _reason(error, cal)))
        return CaseloadReport(day, tuple(results), tuple(refused))


#: The errors a case's data can cause in its evaluation (anything else is a bug, and
#: propagates): the library's own (a date outside the calendar's years), an overflow of
#: the date arithmetic, a value error.
_REFUSED_ON_DATA = (CareJusticeError, ArithmeticError, ValueError)


def _reason(error: Exception, cal: WorkingCalendar) -> str:
    """The reason of a refusal: the kind of failure, no value from the document."""
    if isinstance(error, DateOutOfRangeError | OverflowError):
        years = cal.years
        return (
            "a date the evaluation needs is outside the years the calendar knows "
            f"({years.start}-{years.stop - 1})"
        )
    return f"the evaluation failed ({type(error).__name__})"


def _refusal(case: JointCase, position: int, error: Exception, cal: WorkingCalendar) -> RefusedCase:
    """Where a case's evaluation failed: the first event dated outside the calendar's
    years, else the date of birth (never shown), else the case."""
    where = f"$.cases[{position}]"
    if isinstance(error, DateOutOfRangeError | OverflowError):
        years = cal.years
        known = f"({years.start}-{years.stop - 1})"
        for index, event in enumerate(case.events):
            if event.on.year not in years:
                return RefusedCase(
                    case.case_id,
                    f"{where}.events[{index}].on",
                    f"an event on {event.on.isoformat()} is outside the years the calendar "
                    f"knows {known}",
                )
        born = case.young_person.date_of_birth.year
        if born not in years or born + 25 not in years:
            return RefusedCase(
                case.case_id,
                f"{where}.young_person.date_of_birth",
                f"the date of birth gives dates outside the years the calendar knows {known}",
            )
    return RefusedCase(case.case_id, where, _reason(error, cal))


def qa_sample(
    caseload: Caseload, as_of: date, size: int, *, seed: int, protocol: Protocol
) -> tuple[str, ...]:
    """A reproducible sample of a protocol's joint case ids for quality assurance.

    3.14.12 §4 asks operational managers to quality-assure "a number of joint cases" twice
    a year. The population is every case recorded (on or before ``as_of``) as a joint case
    of ``protocol`` (for 3.14.12: open to both services) and not closed by then, in id
    order; the sample is drawn with ``random.Random(seed)``, so the same inputs always give
    the same sample. When the population is smaller than ``size`` the whole population is
    returned.
    """
    size = check_count("size", size)
    population = joint_case_ids(caseload, as_of, protocol=protocol)
    if size >= len(population):
        return tuple(population)
    return tuple(sorted(random.Random(seed).sample(population, size)))


def joint_case_ids(caseload: Caseload, as_of: date, *, protocol: Protocol) -> tuple[str, ...]:
    """The ids of the caseload's joint cases of ``protocol`` on ``as_of``, in id order.

    A case is one when it is recorded (on or before ``as_of``) as a joint case of the
    protocol (for 3.14.12: open to both services) and not closed by then: the population
    [`qa_sample`][care_justice_protocol.qa_sample] draws from.

    Raises:
        InvalidArgumentError: not a caseload, a bad date, or a protocol that defines no
            joint case.

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import PROTOCOL_3_14_12, example_caseload
        >>> joint_case_ids(example_caseload(), date(2026, 11, 25), protocol=PROTOCOL_3_14_12)
        ... # doctest: +NORMALIZE_WHITESPACE
        ('C-0001', 'C-0002', 'C-0003', 'C-0004', 'C-0007', 'C-0008', 'C-0009', 'C-0010',
         'C-0011', 'C-0012')
    """
    if not isinstance(caseload, Caseload):
        raise InvalidArgumentError(f"caseload must be a Caseload, not {type(caseload).__name__}")
    day = check_date("as_of", as_of)
    p = protocol
    if not isinstance(p, Protocol) or not p.joint_case:
        raise InvalidArgumentError("protocol must be a Protocol that defines a joint case")
    joint = p.joint_case
    population = []
    for case in sorted(caseload.cases, key=lambda c: c.case_id):
        by_type = index(case, day)
        if all(find(by_type, m, None, p) for m in joint) and not by_type.get("case-closed"):
            population.append(case.case_id)
    return tuple(population)
