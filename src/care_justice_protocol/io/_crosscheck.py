"""Cross-checks of a caseload's content: what loads but is certainly (or very probably) wrong.

The loaders check each value's format exactly; these checks compare values with each
other, inside one case. Each finding is a [`Finding`][care_justice_protocol.Finding] (a code, a
path, the case id, one line) and, on load, a
[`CrossCheckWarning`][care_justice_protocol.CrossCheckWarning] (or, with ``strict=True``, part of a
[`ValidationError`][care_justice_protocol.ValidationError]). Messages hold ids, field paths, event
types and event dates only: never a name, a date of birth or free text.

The codes ([`CROSS_CHECK_CODES`][care_justice_protocol.CROSS_CHECK_CODES]):

- ``unknown-staff``: a ``recorded_by``, an allocation's ``worker_id`` or a meeting's
  ``attendees`` entry that is not in the case's own ``staff`` list. A case with no staff
  list is not checked (nothing to check against).
- ``disagreement-not-raised``: a ``disagreement-escalated`` or ``disagreement-resolved``
  whose ``disagreement_id`` no ``disagreement-raised`` of the case raises.
- ``disagreement-before-raised``: one dated before the disagreement was raised.
- ``disagreement-raised-twice``: a ``disagreement_id`` raised by two events (events have
  no ids of their own; the disagreement id is the one that must be unique).
- ``event-after-closure``: work by a service (a meeting, an invitation, a plan, a
  document shared, signed or copied, information fed in, a check of the other service,
  a report, the young person informed) dated after every service that allocated the case
  had closed it, with no allocation since. Cases with a transfer are not checked (a
  transfer moves the case to a service that may never record an allocation).
- ``meeting-before-allocation``: a meeting of a kind that a rule triggered by the
  allocation asks for (3.14.12 §2: the case workers' information-sharing meeting) dated
  before the case's first allocation: it cannot be the meeting that follows it.
- ``service-outside-dates``: an event naming a service on a day it did not exist (see
  ``care_justice_protocol.io._existence``).

Examples:
    >>> from datetime import date
    >>> from care_justice_protocol import Caseload, JointCase, YoungPerson
    >>> from care_justice_protocol import DisagreementResolved
    >>> step = DisagreementResolved(on=date(2026, 3, 2), recorded_by="W-1", disagreement_id="D-9")
    >>> young = YoungPerson("YP-1", date(2008, 1, 1), "relevant", False, "no-proceedings")
    >>> case = JointCase("C-1", young, events=(step,))
    >>> [f.line() for f in cross_check(Caseload(cases=(case,)))]
    ["disagreement-resolved of disagreement 'D-9' on 2026-03-02, which no \
disagreement-raised of the case raises @ $.cases[0].events[0].disagreement_id (case 'C-1')"]
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, Final

import attrs

from .._errors import CrossCheckWarning, ValidationError
from ..model._events import Caseload, JointCase
from ..protocols._rules import Protocol

__all__ = ["CROSS_CHECK_CODES", "Finding", "cross_check", "cross_check_case", "report_findings"]

#: Every code a finding may have, with what it means in a few words.
CROSS_CHECK_CODES: Final[Mapping[str, str]] = {
    "unknown-staff": "a staff id not in the case's staff list",
    "disagreement-not-raised": "a disagreement escalated or resolved that was never raised",
    "disagreement-before-raised": "a disagreement escalated or resolved before it was raised",
    "disagreement-raised-twice": "a disagreement id raised twice",
    "event-after-closure": "work by a service after every service had closed the case",
    "meeting-before-allocation": "a meeting an allocation asks for, dated before it",
    "service-outside-dates": "a service named on a day it did not exist",
}

#: The event types that record work by a service on an open case.
_WORK: Final = frozenset({
    "meeting-held", "invitation-sent", "plan-updated", "document-shared", "document-signed",
    "document-copy-given", "information-fed-in", "other-service-checked", "report-prepared",
    "young-person-informed",
})  # fmt: skip
_DISAGREEMENT_STEPS: Final = frozenset({"disagreement-escalated", "disagreement-resolved"})


@attrs.frozen
class Finding:
    """One cross-check finding.

    Attributes:
        code: one of [`CROSS_CHECK_CODES`][care_justice_protocol.CROSS_CHECK_CODES].
        path: where in the document, e.g. ``"$.cases[3].events[5].recorded_by"``.
        case_id: the case (``None``: a partnership record).
        message: one line with ids, types and event dates only.
    """

    code: str
    path: str
    case_id: str | None
    message: str

    def line(self) -> str:
        """``"message @ path (case 'id')"``, the form of every problem line."""
        case = "" if self.case_id is None else f" (case {self.case_id!r})"
        return f"{self.message} @ {self.path}{case}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (``code``, ``path``, ``case_id``, ``message``)."""
        return {"code": self.code, "path": self.path, "case_id": self.case_id,
                "message": self.message}  # fmt: skip


@functools.lru_cache(maxsize=16)
def _allocation_meetings(protocols: tuple[Protocol, ...]) -> frozenset[str]:
    """The meeting kinds that an obligation triggered by an allocation takes as evidence."""
    kinds: set[str] = set()
    for p in protocols:
        for ob in p.obligations:
            if ob.trigger.type == "allocated" and ob.evidence.type == "meeting-held":
                for name, values in ob.evidence.where:
                    if name == "kind":
                        kinds.update(str(v) for v in values if not str(v).startswith("@"))
    return frozenset(kinds)


#: Without protocols: the meeting 3.14.12 §2 asks for after an allocation (the bundled
#: protocols' one; ``tests/test_integration_contract.py`` checks they agree).
_MODEL_KINDS: Final = frozenset({"case-worker-information-sharing"})


def _kinds(protocols: Protocol | Iterable[Protocol] | None) -> frozenset[str]:
    if protocols is None:  # the model's own terms (the bundled protocols': 3.14.12 §2)
        return _MODEL_KINDS
    given = getattr(protocols, "protocols", protocols)
    return _allocation_meetings((given,) if isinstance(given, Protocol) else tuple(given))


def _case_findings(case: JointCase, prefix: str, kinds: frozenset[str]) -> list[Finding]:
    out: list[Finding] = []
    cid = case.case_id
    staff = {m.id for m in case.staff} if case.staff else None
    raised: dict[str, tuple[int, date]] = {}
    steps: list[tuple[int, Any]] = []
    allocations: dict[str, date] = {}
    closures: dict[str, date] = {}
    transferred = False
    first_allocation: date | None = None
    e: Any
    for index, e in enumerate(case.events):
        kind = e.type
        if staff is not None:
            if e.recorded_by not in staff:
                out.append(_unknown(cid, f"{prefix}.events[{index}].recorded_by", kind, e.on))
            if kind == "allocated" and e.worker_id not in staff:
                out.append(_unknown(cid, f"{prefix}.events[{index}].worker_id", kind, e.on))
            elif kind == "meeting-held":
                for k, who in enumerate(e.attendees):
                    if who not in staff:
                        out.append(_unknown(cid, f"{prefix}.events[{index}].attendees[{k}]",
                                            kind, e.on))  # fmt: skip
        if kind == "allocated":
            service = str(e.service)
            if service not in allocations or e.on > allocations[service]:
                allocations[service] = e.on
            if first_allocation is None or e.on < first_allocation:
                first_allocation = e.on
        elif kind == "case-closed":
            service = str(e.service)
            if service not in closures or e.on > closures[service]:
                closures[service] = e.on
        elif kind == "case-transferred":
            transferred = True
        elif kind == "disagreement-raised":
            did = e.disagreement_id
            if did in raised:
                out.append(Finding(
                    "disagreement-raised-twice", f"{prefix}.events[{index}].disagreement_id",
                    cid, f"disagreement {did!r} raised again on {e.on.isoformat()} (first "
                    f"at {prefix}.events[{raised[did][0]}])",
                ))  # fmt: skip
            else:
                raised[did] = (index, e.on)
        elif kind in _DISAGREEMENT_STEPS:
            steps.append((index, e))
    for index, e in steps:
        did = e.disagreement_id
        at = f"{prefix}.events[{index}].disagreement_id"
        first = raised.get(did)
        if first is None:
            out.append(Finding("disagreement-not-raised", at, cid,
                               f"{e.type} of disagreement {did!r} on {e.on.isoformat()}, which "
                               "no disagreement-raised of the case raises"))  # fmt: skip
        elif e.on < first[1]:
            out.append(Finding("disagreement-before-raised", f"{prefix}.events[{index}].on", cid,
                               f"{e.type} of disagreement {did!r} on {e.on.isoformat()}, before "
                               f"it was raised on {first[1].isoformat()} "
                               f"({prefix}.events[{first[0]}])"))  # fmt: skip
    if kinds and first_allocation is not None:
        for index, e in enumerate(case.events):
            if e.type == "meeting-held" and e.on < first_allocation and str(e.kind) in kinds:
                out.append(Finding(
                    "meeting-before-allocation", f"{prefix}.events[{index}].on", cid,
                    f"a {e.kind} meeting on {e.on.isoformat()}, before the case's first "
                    f"allocation on {first_allocation.isoformat()}",
                ))  # fmt: skip
    if (
        allocations
        and not transferred
        and all(s in closures and closures[s] >= allocations[s] for s in allocations)
    ):
        closed = max(closures[s] for s in allocations)
        for index, e in enumerate(case.events):
            if e.on > closed and e.type in _WORK:
                out.append(Finding(
                    "event-after-closure", f"{prefix}.events[{index}].on", cid,
                    f"{e.type} on {e.on.isoformat()}, after every service that allocated "
                    f"the case had closed it (the last on {closed.isoformat()})",
                ))  # fmt: skip
    return out


def _unknown(case_id: str, at: str, kind: str, on: date) -> Finding:
    what = f"a staff id not in the case's staff list ({kind} on {on.isoformat()})"
    return Finding("unknown-staff", at, case_id, what)


def cross_check(
    caseload: Caseload, protocols: Protocol | Iterable[Protocol] | None = None
) -> tuple[Finding, ...]:
    """Every cross-check finding of ``caseload`` (see the module docstring for the codes).

    Args:
        caseload: the caseload.
        protocols: the protocols it is for (default: the bundled ones): they say which
            meetings an allocation asks for.
    """
    kinds = _kinds(protocols)
    out: list[Finding] = []
    for index, case in enumerate(caseload.cases):
        out += _case_findings(case, f"$.cases[{index}]", kinds)
    return tuple(out)


def cross_check_case(
    case: JointCase, protocols: Protocol | Iterable[Protocol] | None = None
) -> tuple[Finding, ...]:
    """As [`cross_check`][care_justice_protocol.cross_check], for a single case (paths from
    ``$``)."""
    return tuple(_case_findings(case, "$", _kinds(protocols)))


def report_findings(findings: Iterable[Finding], what: str, strict: bool, stacklevel: int) -> None:
    """Warn about each finding (a [`CrossCheckWarning`][care_justice_protocol.CrossCheckWarning])
    or, ``strict``, refuse them all."""
    found = list(findings)
    if not found:
        return
    if strict:
        raise ValidationError([f.line() for f in found], what=what)
    for f in found:
        warnings.warn(
            CrossCheckWarning(f.line(), code=f.code, path=f.path, case_id=f.case_id),
            stacklevel=stacklevel + 1,
        )
