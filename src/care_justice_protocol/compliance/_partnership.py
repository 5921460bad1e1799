"""Partnership-level evaluation: quarterly meetings, the notes rotation, QA; a caseload.

3.14.12 §3 and 3.14.13 §3 ask for quarterly management meetings, 3.14.12 §4 for
twice-yearly quality assurance of joint cases; 3.14.13 §3 for notes taken in rotation.
:func:`evaluate_caseload` evaluates every case and these partnership obligations.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from datetime import date

from .._checks import check_count, check_date
from .._errors import InvalidArgumentError
from .._gc import gc_paused
from ..calendar._deadlines import NO_TIMESCALE
from ..calendar._working_days import WorkingCalendar
from ..model._entities import Meeting, Service
from ..model._events import Caseload
from ..protocols._rules import PeriodicObligation, Protocol
from ..protocols._salford import ALL_PROTOCOLS
from ._engine import _compile, _default_calendar, _evaluate_case, _protocols
from ._matching import find, index
from ._results import CaseloadReport, ObligationResult, Status, slot_result

__all__ = ["evaluate_caseload", "evaluate_partnership", "notes_rotation", "qa_sample"]


def _monitoring_start(caseload: Caseload, protocol: Protocol) -> date | None:
    days = [e.on for c in caseload.cases for e in c.events]
    days += [m.on for m in caseload.management_meetings]
    days += [q.on for q in caseload.quality_assurance]
    if not days:
        return None
    start = min(days)
    first = protocol.effective_from
    return max(start, first) if first is not None else start


def evaluate_partnership(
    caseload: Caseload,
    as_of: date,
    *,
    protocol: Protocol | Iterable[Protocol] | None = None,
    monitoring_from: date | None = None,
) -> tuple[ObligationResult, ...]:
    """Evaluate the partnership-level obligations: quarterly meetings and twice-yearly QA.

    Periods run from ``monitoring_from`` (default: the earliest date in the caseload, or
    the protocol's effective date if later) to the period holding ``as_of``; the current
    period is ``due`` until it ends. For 3.14.13 each meeting's notes are also checked
    against the rotation (see :func:`notes_rotation`); for 3.14.12 §4 each QA record's
    completeness is reported.
    """
    if not isinstance(caseload, Caseload):
        raise InvalidArgumentError(f"caseload must be a Caseload, not {type(caseload).__name__}")
    day = check_date("as_of", as_of)
    out: list[ObligationResult] = []
    for p in _protocols(protocol):
        start = (
            check_date("monitoring_from", monitoring_from)
            if monitoring_from is not None
            else _monitoring_start(caseload, p)
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
            ob.meeting_kind.value.replace("-", " ") + " meeting"
        )
        rule = f"{ob.summary}: {policy}"
        for slot in rec.slots(start, [m.on for m in meetings], as_of):
            out.append(slot_result(None, ob.id, ob.clause, what, slot.label, slot.due,
                                    slot.met_on, None, as_of, rule, policy))  # fmt: skip
        if ob.notes_rotate:
            out.extend(_rotation_results(ob, protocol, meetings))
        return out
    records = sorted((q for q in caseload.quality_assurance if q.on <= as_of),
                     key=lambda q: q.on)  # fmt: skip
    rule = f"{ob.summary}: {policy}"
    for slot in rec.slots(start, [q.on for q in records], as_of):
        out.append(slot_result(None, ob.id, ob.clause, "quality-assurance record", slot.label,
                                slot.due, slot.met_on, None, as_of, rule, policy))  # fmt: skip
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
        out.append(ObligationResult(
            None, ob.id.rsplit("/", 1)[0] + "/qa-record-complete", ob.clause, status, None,
            q.on, q.on if not missing else None, "complete QA record" if not missing else None,
            text, "findings recorded, feedback given, shared with heads of service",
            NO_TIMESCALE, q.on.isoformat(),
        ))  # fmt: skip
    return out


def _rotation_order(protocol: Protocol, day: date) -> tuple[Service, ...]:
    return (Service.NEXT_STEP, *protocol.probation_on(day))


def _expected_taker(
    protocol: Protocol, previous: Service | None, previous_day: date, day: date
) -> Service | None:
    if previous is None:
        return None
    then = _rotation_order(protocol, previous_day)
    successor = then[(then.index(previous) + 1) % len(then)] if previous in then else then[0]
    now = _rotation_order(protocol, day)
    if successor not in now:
        # NPS/CRC no longer exist: the Probation Service takes their turn.
        probation = protocol.probation_on(day)
        successor = probation[0] if probation else now[0]
    return successor


def notes_rotation(
    meetings: Sequence[Meeting], as_of: date, *, protocol: Protocol | None = None
) -> tuple[list[tuple[Meeting, Service | None]], Service | None]:
    """Whose turn it was to take notes at each middle-management meeting, and whose is next.

    3.14.13 §3: "notes will be taken on a rotational basis between agencies". The rotation
    is Next Step, then the probation providers in force on the meeting's date (NPS, CRC
    until 25 June 2021; the Probation Service from 26 June 2021). The turn after an agency is
    worked out in the rotation in force when it took the notes; a turn that would fall to
    NPS or CRC after 25 June 2021 falls to the Probation Service.
    The first recorded meeting sets the rotation going (anyone may take its notes); each
    later meeting falls to the agency after the one that took the previous notes.

    Returns:
        ``([(meeting, expected taker or None for the first), ...], next taker)``.

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol import Meeting, MeetingKind, Service
        >>> m = [Meeting(kind=MeetingKind.MIDDLE_MANAGEMENT_QUARTERLY, on=date(2026, d, 10),
        ...              recorded=True, notes_taken_by=s)
        ...      for d, s in ((1, Service.NEXT_STEP), (4, Service.PROBATION_SERVICE))]
        >>> notes_rotation(m, date(2026, 6, 1))[1]
        'next-step'
    """
    p = protocol if protocol is not None else ALL_PROTOCOLS["3.14.13"]
    day = check_date("as_of", as_of)
    rows: list[tuple[Meeting, Service | None]] = []
    previous: Service | None = None
    previous_day = day
    for m in sorted(meetings, key=lambda m: m.on):
        if m.on > day:
            break
        rows.append((m, _expected_taker(p, previous, previous_day, m.on)))
        if m.notes_taken_by is not None:
            previous, previous_day = m.notes_taken_by, m.on
    upcoming = _expected_taker(p, previous, previous_day, day)
    return rows, upcoming if upcoming is not None else Service.NEXT_STEP


def _rotation_results(
    ob: PeriodicObligation, protocol: Protocol, meetings: Sequence[Meeting]
) -> list[ObligationResult]:
    out = []
    rows, _ = notes_rotation(meetings, date.max, protocol=protocol)
    oid = ob.id.rsplit("/", 1)[0] + "/notes-in-rotation"
    for m, expected in rows:
        taker = m.notes_taken_by
        if expected is None:
            ok, text = taker is not None, f"first meeting, notes by {taker}"
        else:
            ok = taker == expected
            text = f"notes by {taker}, {'as' if ok else 'but'} it was {expected}'s turn"
        if taker is None:
            text = "no note-taker recorded"
        out.append(ObligationResult(
            None, oid, ob.clause, Status.MET if ok else Status.OVERDUE, m.on, m.on,
            m.on if ok else None,
            f"notes taken by {taker}" if taker else None,
            ("met: " if ok else "not in rotation: ") + text,
            "notes taken on a rotational basis between agencies",
            "rotation: Next Step, then the probation providers in force", m.on.isoformat(),
        ))  # fmt: skip
    return out


# --------------------------------------------------------------------------- caseload


def evaluate_caseload(
    caseload: Caseload,
    as_of: date,
    *,
    protocol: Protocol | Iterable[Protocol] | None = None,
    calendar: WorkingCalendar | None = None,
    monitoring_from: date | None = None,
) -> CaseloadReport:
    """Evaluate every case and the partnership obligations of a caseload on ``as_of``."""
    if not isinstance(caseload, Caseload):
        raise InvalidArgumentError(f"caseload must be a Caseload, not {type(caseload).__name__}")
    cal = calendar if calendar is not None else _default_calendar()
    protocols = _protocols(protocol)
    results: list[ObligationResult] = []
    day = check_date("as_of", as_of)
    if not isinstance(cal, WorkingCalendar):
        raise InvalidArgumentError(f"calendar must be a WorkingCalendar, not {type(cal).__name__}")
    plans = _compile(protocols, cal)
    # The results form no reference cycles: see gc_paused.
    with gc_paused():
        for case in caseload.cases:
            results.extend(_evaluate_case(case, day, plans, cal))
    results.extend(evaluate_partnership(caseload, as_of, protocol=protocols,
                                        monitoring_from=monitoring_from))  # fmt: skip
    return CaseloadReport(day, tuple(results))


def qa_sample(caseload: Caseload, as_of: date, size: int, *, seed: int) -> tuple[str, ...]:
    """A reproducible sample of joint YOS / Next Steps case ids for quality assurance.

    3.14.12 §4 asks operational managers to quality-assure "a number of joint cases" twice
    a year. The population is every case recorded (on or before ``as_of``) as open to both
    services and not closed by then, in id order; the sample is drawn with
    ``random.Random(seed)``, so the same inputs always give the same sample. When the
    population is smaller than ``size`` the whole population is returned.
    """
    if not isinstance(caseload, Caseload):
        raise InvalidArgumentError(f"caseload must be a Caseload, not {type(caseload).__name__}")
    day = check_date("as_of", as_of)
    size = check_count("size", size)
    p = ALL_PROTOCOLS["3.14.12"]
    joint = p.joint_case
    population = []
    for case in sorted(caseload.cases, key=lambda c: c.case_id):
        by_type = index(case, day)
        if all(find(by_type, m, None, p) for m in joint) and not by_type.get("case-closed"):
            population.append(case.case_id)
    if size >= len(population):
        return tuple(population)
    return tuple(sorted(random.Random(seed).sample(population, size)))
