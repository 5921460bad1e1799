"""The justice pathway (3.14.13, "If a Next Step young person is charged with an offence").

A Next Step young person is charged, goes through court hearings (at liberty or remanded
in custody, with or without a custodial sentence being likely), is sentenced to a
community order, custody or a Detention and Training Order (DTO), is released (on licence
or not) and the order ends. Each state switches on *duties*:
[`duties`][care_justice_protocol.duties] lists them, each with its clause.

Citations: ``3.14.13 §3 charged, bullet N`` is the N-th bullet (in text order) of the
list under "If a Next Step young person is charged with an offence", which sits in
section 3 of the text. A duty that the compliance engine also checks
([`Duty.checked`][care_justice_protocol.Duty]) is that protocol obligation: it has the obligation's
id and cites exactly as it does, e.g. ``3.14.13 If a Next Step young person is charged with an
offence``: one duty, one citation, one id.

Evidence events (``legal-representation-arranged``, ``icta-advised``,
``information-fed-in``, ``report-prepared``) do not move the pathway: they discharge
duties, which the compliance rules check, so replay skips them.

Examples:
    >>> from datetime import date
    >>> from types import SimpleNamespace as Ev
    >>> log = [
    ...     Ev(type="charged", on=date(2027, 2, 1)),
    ...     Ev(type="legal-representation-arranged", on=date(2027, 2, 2)),
    ...     Ev(type="court-hearing", on=date(2027, 2, 8), is_sentencing=False),
    ...     Ev(type="custody-likely", on=date(2027, 3, 1)),
    ... ]
    >>> state = JUSTICE_PATHWAY.replay(log).state
    >>> state
    <JusticeState.CUSTODY_LIKELY: 'custody-likely'>
    >>> for d in duties(state)[-4:]:
    ...     print(d.id)
    3.14.13/custody-likely/prepare-young-person
    3.14.13/custody-likely/information-before-report
    family-informed
    sentence-planning-input
    >>> JUSTICE_PATHWAY.fire(state, JusticeEvent.SENTENCED, {"outcome": "dto"})
    <JusticeState.DTO: 'dto'>
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final

import attrs

from .._checks import check_choice
from .._errors import InvalidArgumentError
from ..model._citation import Citation
from ._core import Guard, Machine, StateSpec, Transition

__all__ = [
    "JUSTICE_PATHWAY",
    "Duty",
    "JusticeEvent",
    "JusticeState",
    "duties",
]


class JusticeState(StrEnum):
    """Where a charged Next Step young person stands in the justice process."""

    NOT_CHARGED = "not-charged"
    CHARGED = "charged"
    IN_PROCEEDINGS = "in-proceedings"
    CUSTODY_LIKELY = "custody-likely"
    REMANDED = "remanded"
    REMANDED_CUSTODY_LIKELY = "remanded-custody-likely"
    COMMUNITY_ORDER = "community-order"
    CUSTODY = "custody"
    DTO = "dto"
    ON_LICENCE = "on-licence"
    ORDER_ENDED = "order-ended"


class JusticeEvent(StrEnum):
    """The case events the justice pathway reacts to (values are the event type tags)."""

    CHARGED = "charged"
    COURT_HEARING = "court-hearing"
    CUSTODY_LIKELY = "custody-likely"
    REMANDED = "remanded"
    SENTENCED = "sentenced"
    RELEASED = "released"
    ORDER_ENDED = "order-ended"


def _citations(values: Iterable[Citation]) -> tuple[Citation, ...]:
    return tuple(values)


@attrs.frozen
class Duty:
    """Something the protocol asks of the services while a pathway state holds.

    Where the duty is also an obligation the compliance engine checks, it *is* that
    obligation: it has the obligation's id and cites exactly as the obligation does, so a
    duty on the justice pathway page and a result in a report point to the same place in
    the same words.

    Attributes:
        id: a stable identifier: the obligation's id
            (``"3.14.13/charged/legal-representation"``) where ``checked``, otherwise a
            kebab-case name (``"not-disadvantaged"``).
        text: the duty in a sentence.
        citation: where the text says so.
        condition: when it applies within the state (``""``: always), e.g.
            ``"if the young person has an ICTA"``.
        checked: the compliance engine checks this duty as the protocol obligation ``id``.
        also: further places that say the same, cited after ``citation``.

    Examples:
        >>> duty = next(d for d in duties("charged") if d.checked)
        >>> duty.id, duty.obligation_id
        ('3.14.13/charged/legal-representation', '3.14.13/charged/legal-representation')
        >>> duty.clause
        '3.14.13 If a Next Step young person is charged with an offence'
    """

    id: str
    text: str
    citation: Citation
    condition: str = ""
    checked: bool = attrs.field(default=False, kw_only=True)
    also: tuple[Citation, ...] = attrs.field(default=(), kw_only=True, converter=_citations)

    def __attrs_post_init__(self) -> None:
        if self.checked and self.id.split("/", 1)[0] != self.citation.document:
            raise InvalidArgumentError(
                f"a checked duty's id must be its obligation's id "
                f"('{self.citation.document}/...'), not {self.id!r}"
            )

    @property
    def obligation_id(self) -> str | None:
        """The id of the protocol obligation this duty is, or ``None`` if none checks it."""
        return self.id if self.checked else None

    @property
    def clause(self) -> str:
        """Every citation as text, ``"; "``-separated, as the docs pages show it."""
        return "; ".join(str(c) for c in (self.citation, *self.also))


#: The list of bullets under "If a Next Step young person is charged with an offence",
#: cited by bullet where no obligation checks the duty.
_CHARGED_BULLETS: Final = Citation("3.14.13", "§3 charged")
#: The same as text, for the states' and transitions' ``clause`` strings.
_CHARGED: Final = str(_CHARGED_BULLETS)
#: The same section as the obligations cite it (``Obligation.clause``).
_CHARGED_SECTION: Final = Citation(
    "3.14.13", "If a Next Step young person is charged with an offence"
)
_S3_12: Final = Citation("3.14.12", "§3")
_S2_13: Final = Citation("3.14.13", "§2")
_S4_13: Final = Citation("3.14.13", "§4")

_NOT_DISADVANTAGED = Duty(
    "not-disadvantaged",
    "The young person is not disadvantaged because of their looked-after status.",
    _CHARGED_BULLETS.at("bullet 1"),
)
_LEGAL_REPRESENTATION = Duty(
    "3.14.13/charged/legal-representation",
    "The home authority ensures the young person is legally represented by a solicitor "
    "with expertise in youth justice.",
    _CHARGED_SECTION,
    checked=True,
)
_SUPPORTED_TO_UNDERSTAND = Duty(
    "supported-to-understand",
    "The young person is supported to understand what is happening to them.",
    _CHARGED_BULLETS.at("bullet 3"),
)
_WORKER_AT_COURT = Duty(
    "3.14.13/charged/worker-at-court-on-sentencing-day",
    "The young person's worker attends court with them, particularly on the day of "
    "sentence (good practice).",
    _CHARGED_SECTION,
    checked=True,
)
_ICTA_ADVISED = Duty(
    "3.14.13/charged/icta-advised",
    "The young person's ICTA is advised and able to attend court.",
    _CHARGED_SECTION,
    condition="if the young person has an ICTA",
    checked=True,
)
_COMMUNITY_JOINT_WORKING = Duty(
    "3.14.13/community-sentence/share-information",
    "The Next Step worker and the NPS or CRC case manager work closely together, share "
    "information and clarify their roles and responsibilities.",
    Citation(_CHARGED_SECTION.document, f"{_CHARGED_SECTION.place} (community sentence)"),
    checked=True,
)
_SHARING_BEYOND_CUSTODY = Duty(
    "sharing-beyond-custody",
    "Information sharing extends beyond young people in custody to those subject to a "
    "Community Order.",
    Citation("3.14.13", "§3 item 3"),
    also=(_S3_12,),
)
_LIKELY_SECTION: Final = Citation(
    _CHARGED_SECTION.document, f"{_CHARGED_SECTION.place} (custodial sentence likely)"
)
_JOINT_PREPARATION = Duty(
    "3.14.13/custody-likely/prepare-young-person",
    "The NPS or CRC and Next Step workers prepare the young person together, explaining "
    "what will happen and how they will be supported.",
    _LIKELY_SECTION,
    checked=True,
)
_INFORMATION_BEFORE_REPORT = Duty(
    "3.14.13/custody-likely/information-before-report",
    "The Next Step worker feeds any relevant information to the NPS or CRC worker before "
    "they prepare any report.",
    _LIKELY_SECTION,
    checked=True,
)
_FAMILY_INFORMED = Duty(
    "family-informed",
    "The young person and their family are kept informed of the progress of plans and of "
    "what is expected.",
    _S4_13,
)
_SENTENCE_PLANNING_INPUT = Duty(
    "sentence-planning-input",
    "Other services working with the young person are kept informed and can contribute "
    "to sentence planning.",
    _S4_13,
)
_JOINT_PRISON_VISITS = Duty(
    "joint-prison-visits",
    "The agencies undertake joint prison visits.",
    _S4_13,
    condition="when appropriate",
)
_PRISON_MEETINGS = Duty(
    "prison-meetings-prioritised",
    "Prison meetings involve significant professionals and every agency prioritises "
    "attending them.",
    _S4_13,
)
# Not one obligation but two (3.14.13/2/sentence-plan-objectives-to-next-step and
# .../risk-assessment-to-next-step): a duty that is the sum of two is the same as neither.
_SHARE_PLANS = Duty(
    "share-sentence-plan-and-risk",
    "The agencies share sentence plan objectives and risk assessment.",
    _S2_13,
)
_REVIEWS_ATTENDED = Duty(
    "dto-reviews-attended",
    "Staff from both services attend DTO and statutory reviews.",
    Citation("3.14.13", "§3 item 8"),
    also=(_S3_12,),
)

_BEFORE_SENTENCE: Final = (
    _NOT_DISADVANTAGED,
    _LEGAL_REPRESENTATION,
    _SUPPORTED_TO_UNDERSTAND,
    _WORKER_AT_COURT,
    _ICTA_ADVISED,
)
_LIKELY: Final = (
    _JOINT_PREPARATION,
    _INFORMATION_BEFORE_REPORT,
    _FAMILY_INFORMED,
    _SENTENCE_PLANNING_INPUT,
)
_IN_PRISON: Final = (_FAMILY_INFORMED, _JOINT_PRISON_VISITS, _PRISON_MEETINGS)


def _union(*groups: tuple[Duty, ...]) -> tuple[Duty, ...]:
    return tuple(dict.fromkeys(d for group in groups for d in group))


_DUTIES: Final[Mapping[JusticeState, tuple[Duty, ...]]] = MappingProxyType(
    {
        JusticeState.NOT_CHARGED: (),
        JusticeState.CHARGED: (
            _NOT_DISADVANTAGED,
            _LEGAL_REPRESENTATION,
            _SUPPORTED_TO_UNDERSTAND,
            _ICTA_ADVISED,
        ),
        JusticeState.IN_PROCEEDINGS: _BEFORE_SENTENCE,
        JusticeState.CUSTODY_LIKELY: _union(_BEFORE_SENTENCE, _LIKELY),
        JusticeState.REMANDED: _union(_BEFORE_SENTENCE, _IN_PRISON),
        JusticeState.REMANDED_CUSTODY_LIKELY: _union(_BEFORE_SENTENCE, _LIKELY, _IN_PRISON),
        JusticeState.COMMUNITY_ORDER: (
            _COMMUNITY_JOINT_WORKING,
            _SHARING_BEYOND_CUSTODY,
            _SHARE_PLANS,
        ),
        JusticeState.CUSTODY: _union(_IN_PRISON, (_SENTENCE_PLANNING_INPUT, _SHARE_PLANS)),
        JusticeState.DTO: _union(
            _IN_PRISON, (_SENTENCE_PLANNING_INPUT, _SHARE_PLANS, _REVIEWS_ATTENDED)
        ),
        JusticeState.ON_LICENCE: (_SHARE_PLANS,),
        JusticeState.ORDER_ENDED: (),
    }
)


def duties(state: JusticeState | str) -> tuple[Duty, ...]:
    """The duties that ``state`` switches on, in a stable order, each with its clause.

    Args:
        state: a [`JusticeState`][care_justice_protocol.JusticeState] (or its string value).

    Raises:
        InvalidArgumentError: ``state`` is not a justice-pathway state.

    Examples:
        >>> [(d.id, d.clause) for d in duties(JusticeState.CHARGED)][:3:2]
        [('not-disadvantaged', '3.14.13 §3 charged, bullet 1'), \
('supported-to-understand', '3.14.13 §3 charged, bullet 3')]
        >>> duties("order-ended")
        ()
    """
    return _DUTIES[check_choice(JusticeState, "state", state)]


def _build() -> Machine[JusticeState, JusticeEvent]:
    st, ev = JusticeState, JusticeEvent
    states = [
        StateSpec(st.NOT_CHARGED, "No charge recorded.", initial=True),
        StateSpec(
            st.CHARGED,
            "Charged with an offence; no court hearing recorded yet.",
            _CHARGED,
        ),
        StateSpec(
            st.IN_PROCEEDINGS,
            "Court hearings under way; the young person is not in custody.",
            f"{_CHARGED}, bullet 4",
        ),
        StateSpec(
            st.CUSTODY_LIKELY,
            "Before sentence, not in custody, and a custodial sentence is likely.",
            f"{_CHARGED}, bullet 7",
        ),
        StateSpec(
            st.REMANDED,
            "Remanded in custody before sentence.",
            "3.14.13 §4",
        ),
        StateSpec(
            st.REMANDED_CUSTODY_LIKELY,
            "Remanded in custody, and a custodial sentence is likely.",
            f"{_CHARGED}, bullet 7; 3.14.13 §4",
        ),
        StateSpec(
            st.COMMUNITY_ORDER,
            "Serving a community sentence.",
            f"{_CHARGED}, bullet 6",
        ),
        StateSpec(st.CUSTODY, "Serving a custodial sentence.", "3.14.13 §4"),
        StateSpec(
            st.DTO,
            "Serving the custodial part of a Detention and Training Order.",
            "3.14.13 §3 item 8; 3.14.13 §4",
        ),
        StateSpec(
            st.ON_LICENCE,
            "Released on licence (or, after a DTO, under supervision in the community).",
            "3.14.13 §2",
        ),
        StateSpec(st.ORDER_ENDED, "The order or licence has ended.", "", final=True),
    ]
    t: list[Transition[JusticeState, JusticeEvent]] = [
        Transition(
            st.NOT_CHARGED,
            ev.CHARGED,
            st.CHARGED,
            clause=_CHARGED,
            note="If a Next Step young person is charged with an offence",
        )
    ]
    before_sentence = (
        (st.CHARGED, st.IN_PROCEEDINGS, st.REMANDED, st.CUSTODY_LIKELY),
        (st.IN_PROCEEDINGS, st.IN_PROCEEDINGS, st.REMANDED, st.CUSTODY_LIKELY),
        (st.CUSTODY_LIKELY, st.CUSTODY_LIKELY, st.REMANDED_CUSTODY_LIKELY, st.CUSTODY_LIKELY),
        (st.REMANDED, st.REMANDED, st.REMANDED, st.REMANDED_CUSTODY_LIKELY),
        (
            st.REMANDED_CUSTODY_LIKELY,
            st.REMANDED_CUSTODY_LIKELY,
            st.REMANDED_CUSTODY_LIKELY,
            st.REMANDED_CUSTODY_LIKELY,
        ),
    )
    for source, after_hearing, after_remand, after_likely in before_sentence:
        t.append(
            Transition(
                source,
                ev.COURT_HEARING,
                after_hearing,
                clause=f"{_CHARGED}, bullet 4",
                note="the worker attends court with them",
            )
        )
        t.append(
            Transition(
                source,
                ev.REMANDED,
                after_remand,
                clause="3.14.13 §4",
                note="remanded in custody: custody is a fragile time",
            )
        )
        t.append(
            Transition(
                source,
                ev.CUSTODY_LIKELY,
                after_likely,
                clause=f"{_CHARGED}, bullet 7",
                note="If a custodial sentence is likely",
            )
        )
    bail = ((st.REMANDED, st.IN_PROCEEDINGS), (st.REMANDED_CUSTODY_LIKELY, st.CUSTODY_LIKELY))
    for source, target in bail:
        t.append(
            Transition(
                source,
                ev.RELEASED,
                target,
                clause="3.14.13 §4",
                guard=Guard.equals("on_licence", False),
                note="released from remand (bail) before sentence",
            )
        )
    outcomes = (
        ("community-order", st.COMMUNITY_ORDER, f"{_CHARGED}, bullet 6", "community sentence"),
        ("custody", st.CUSTODY, f"{_CHARGED}, bullet 4", "custody only as a last resort"),
        ("dto", st.DTO, "3.14.13 §3 item 8", "Detention and Training Order"),
    )
    for source in (st.IN_PROCEEDINGS, st.CUSTODY_LIKELY, st.REMANDED, st.REMANDED_CUSTODY_LIKELY):
        for outcome, target, clause, note in outcomes:
            t.append(
                Transition(
                    source,
                    ev.SENTENCED,
                    target,
                    clause=clause,
                    guard=Guard.equals("outcome", outcome),
                    note=note,
                )
            )
    t.append(
        Transition(
            st.COMMUNITY_ORDER,
            ev.ORDER_ENDED,
            st.ORDER_ENDED,
            clause=f"{_CHARGED}, bullet 6",
            note="the community order ends",
        )
    )
    for source in (st.CUSTODY, st.DTO):
        t.append(
            Transition(
                source,
                ev.RELEASED,
                st.ON_LICENCE,
                clause="3.14.13 §2; 3.14.13 §4",
                guard=Guard.equals("on_licence", True),
                note="released on licence or supervision",
            )
        )
        t.append(
            Transition(
                source,
                ev.RELEASED,
                st.ORDER_ENDED,
                clause="3.14.13 §4",
                guard=Guard.equals("on_licence", False),
                note="released with nothing left to serve",
            )
        )
    t.append(
        Transition(
            st.ON_LICENCE,
            ev.ORDER_ENDED,
            st.ORDER_ENDED,
            clause="3.14.13 §2",
            note="the licence or supervision ends",
        )
    )
    return Machine(
        name="justice-pathway",
        title="Justice pathway",
        states=states,
        transitions=t,
        clause="3.14.13 §3 charged; 3.14.13 §4",
    )


#: The justice pathway machine (3.14.13 "If a Next Step young person is charged...").
JUSTICE_PATHWAY: Final = _build()
