"""Protocols loaded together: ids, vocabularies and machine names must not clash."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    PROTOCOL_3_14_12,
    PROTOCOL_3_14_13,
    InvalidArgumentError,
    Protocol,
    ProtocolClash,
    ServicePeriod,
    load_protocol,
    protocol_clashes,
)
from care_justice_protocol.protocols import (
    EventField,
    EventTypeSpec,
    FieldKind,
    VocabularyClashError,
    merge_vocabularies,
)

DATA = Path(__file__).parent / "data" / "protocols"
ANYTOWN = load_protocol(DATA / "anytown.toml")
CLASH = load_protocol(DATA / "clash-next-step.toml")


def with_vocabulary(protocol: Protocol, **sections: object) -> Protocol:
    return attrs.evolve(protocol, vocabulary=attrs.evolve(protocol.vocabulary, **sections))


class TestNoClash:
    def test_salford_s_protocols_and_a_third_one_agree(self) -> None:
        assert protocol_clashes([*BUNDLED_PROTOCOLS, ANYTOWN]) == ()

    def test_a_protocol_alone_never_clashes(self) -> None:
        assert protocol_clashes([CLASH]) == ()
        assert protocol_clashes([]) == ()


class TestClashes:
    def test_two_protocols_with_one_id(self) -> None:
        assert protocol_clashes([PROTOCOL_3_14_12, ANYTOWN, PROTOCOL_3_14_12]) == (
            ProtocolClash(
                2,
                0,
                "protocol id '3.14.12' is the id of another protocol loaded with it "
                "@ $.protocol.id",
            ),
        )

    def test_a_service_with_another_label_and_dates(self) -> None:
        # the role 'case-worker' is labelled 'Caseworker' there: not a clash
        (first,) = protocol_clashes([PROTOCOL_3_14_12, CLASH])
        assert (first.protocol, first.other) == (1, 0)
        assert first.problem == (
            "service 'next-step' is declared differently by protocol '3.14.12' (label 'Next "
            "Step' here, 'Next Step (Salford Leaving Care service)' there; dates from "
            "2020-01-01 here, none there) @ $.vocabulary.services.next-step"
        )

    def test_the_clash_is_reported_in_the_later_protocol(self) -> None:
        (first,) = protocol_clashes([CLASH, PROTOCOL_3_14_13])
        assert (first.protocol, first.other) == (1, 0)
        assert "by protocol 'clash'" in first.problem

    def test_a_group_of_one_name_with_other_members(self) -> None:
        groups = {"probation": ANYTOWN.vocabulary.groups["probation-providers"]}
        other = with_vocabulary(ANYTOWN, groups=groups)
        (clash,) = protocol_clashes([PROTOCOL_3_14_13, other])
        assert clash.problem == (
            "group 'probation' has other members in protocol '3.14.13' (probation-north, "
            "probation-anytown here, nps, crc, probation-service there) "
            "@ $.vocabulary.groups.probation"
        )

    def test_it_finds_what_the_caseload_loader_refuses(self) -> None:
        groups = {"probation": ANYTOWN.vocabulary.groups["probation-providers"]}
        for other in (with_vocabulary(ANYTOWN, groups=groups), CLASH):
            pair = (PROTOCOL_3_14_13, other)
            assert protocol_clashes(pair) != ()
            with pytest.raises(VocabularyClashError):
                merge_vocabularies((p.id, p.vocabulary) for p in pair)
        assert protocol_clashes((*BUNDLED_PROTOCOLS, ANYTOWN)) == ()
        merge_vocabularies((p.id, p.vocabulary) for p in (*BUNDLED_PROTOCOLS, ANYTOWN))

    def test_a_successor_differs(self) -> None:
        nps = PROTOCOL_3_14_13.vocabulary.services["nps"]
        services = {**ANYTOWN.vocabulary.services, "nps": attrs.evolve(nps, successor=None)}
        other = with_vocabulary(ANYTOWN, services=services)
        (clash,) = protocol_clashes([PROTOCOL_3_14_13, other])
        assert "successor None here, 'probation-service' there" in clash.problem

    def test_roles_documents_and_meeting_kinds_may_be_labelled_differently(self) -> None:
        # they name kinds of things, each in its own text's words ("Pathway plan")
        documents = {**ANYTOWN.vocabulary.documents}
        documents["pathway-plan"] = attrs.evolve(
            PROTOCOL_3_14_12.vocabulary.documents["pathway-plan"], label="Pathway plan (PP)"
        )
        kinds = {**ANYTOWN.vocabulary.meeting_kinds}
        kinds["dto-review"] = attrs.evolve(
            PROTOCOL_3_14_12.vocabulary.meeting_kinds["dto-review"], label="DTO review"
        )
        other = with_vocabulary(ANYTOWN, documents=documents, meeting_kinds=kinds)
        assert protocol_clashes([PROTOCOL_3_14_12, other]) == ()
        assert CLASH.vocabulary.roles["case-worker"].label == "Caseworker"
        assert protocol_clashes([PROTOCOL_3_14_12, attrs.evolve(CLASH, vocabulary=attrs.evolve(
            CLASH.vocabulary, services={}))]) == ()  # fmt: skip

    def test_an_event_type_declared_with_other_fields(self) -> None:
        one = EventTypeSpec(
            "safeguarding-referral", "a referral", (EventField("by", FieldKind.SERVICE),)
        )
        two = attrs.evolve(one, fields=(EventField("to", FieldKind.SERVICE),))
        a = with_vocabulary(ANYTOWN, event_types={one.type: one})
        b = with_vocabulary(attrs.evolve(CLASH, id="other"), event_types={two.type: two})
        b = with_vocabulary(b, services={}, roles={})
        (clash,) = protocol_clashes([a, b])
        assert clash.problem == (
            "event type 'safeguarding-referral' is declared with other fields by protocol "
            "'anytown' (to here, by there) @ $.vocabulary.event_types.safeguarding-referral"
        )
        same = with_vocabulary(b, event_types={one.type: attrs.evolve(one, summary="other words")})
        assert protocol_clashes([a, same]) == ()

    def test_two_protocols_naming_a_machine_alike(self) -> None:
        renamed = attrs.evolve(
            ANYTOWN, ladders=(attrs.evolve(ANYTOWN.ladders[0], id="complaint-path"),)
        )
        (clash,) = protocol_clashes([PROTOCOL_3_14_13, renamed])
        assert clash.problem == (
            "machine name 'complaint-path' is also used by protocol '3.14.13' "
            "($.complaints[0].id) @ $.ladders[0].id"
        )

    def test_only_protocols(self) -> None:
        with pytest.raises(InvalidArgumentError, match=r"protocols\[1\] must be a Protocol"):
            protocol_clashes([ANYTOWN, "3.14.12"])  # type: ignore[list-item]


@given(
    st.sampled_from(["Next Step (Salford Leaving Care service)"])
    | st.text(alphabet="abcdef ", min_size=1, max_size=12),
    st.none() | st.dates(date(2000, 1, 1), date(2030, 12, 31)),
)
def test_a_service_clashes_exactly_when_it_differs(label: str, start: date | None) -> None:
    """Invariant: two declarations of one service clash if and only if they are unequal."""
    mine = PROTOCOL_3_14_12.vocabulary.services["next-step"]
    theirs = attrs.evolve(mine, label=label, period=ServicePeriod(start, None))
    other = with_vocabulary(CLASH, services={"next-step": theirs}, roles={})
    clashes = protocol_clashes([PROTOCOL_3_14_12, other])
    assert bool(clashes) == (theirs != mine)
    assert all(c.problem.endswith("@ $.vocabulary.services.next-step") for c in clashes)
