"""Information-sharing rules: required, allowed or not covered, with the reason."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    PROBATION_SERVICES,
    SHARING_RULES,
    DocumentKind,
    InvalidArgumentError,
    InvalidDateTypeError,
    Service,
    ShareVerdict,
    check_share,
    service_exists_on,
)

UNIFIED = date(2021, 6, 26)


class TestRequiredShares:
    @pytest.mark.parametrize(
        ("document", "source", "target", "clause"),
        [
            ("pathway-plan", "next-step", "yos", "3.14.12 §3"),
            ("intervention-plan", "yos", "next-step", "3.14.12 §3"),
            ("pathway-plan", "next-step", "probation-service", "3.14.13 §2, §3 (6)"),
            ("risk-assessment", "next-step", "probation-service", "3.14.13 §2"),
            ("sentence-plan", "probation-service", "next-step", "3.14.13 §2, §3 (7)"),
            ("risk-assessment", "probation-service", "next-step", "3.14.13 §2"),
            ("pre-sentence-report", "next-step", "probation-service",
             "3.14.13 (custodial sentence likely)"),
        ],
    )  # fmt: skip
    def test_after_unification(self, document: str, source: str, target: str, clause: str) -> None:
        decision = check_share(
            document, source, target, date(2026, 1, 5), protocols=BUNDLED_PROTOCOLS
        )
        assert decision.verdict is ShareVerdict.REQUIRED
        assert decision.clause == clause

    def test_nps_and_crc_were_parties_before_unification(self) -> None:
        for provider in ("nps", "crc"):
            d = check_share(
                "risk-assessment",
                "next-step",
                provider,
                date(2020, 3, 2),
                protocols=BUNDLED_PROTOCOLS,
            )
            assert d.verdict is ShareVerdict.REQUIRED


class TestAllowedAndNotCovered:
    def test_other_documents_between_yos_and_next_steps_are_allowed(self) -> None:
        d = check_share(
            "risk-assessment", "yos", "next-step", date(2026, 1, 5), protocols=BUNDLED_PROTOCOLS
        )
        assert (d.verdict, d.clause) == (ShareVerdict.ALLOWED, "3.14.12 §2")

    def test_yos_to_probation_is_not_covered_by_either_protocol(self) -> None:
        d = check_share(
            "risk-assessment",
            "yos",
            "probation-service",
            date(2026, 1, 5),
            protocols=BUNDLED_PROTOCOLS,
        )
        assert d.verdict is ShareVerdict.NOT_COVERED
        assert d.reason == (
            "neither 3.14.12 nor 3.14.13 covers sharing between yos and probation-service"
        )

    def test_crc_after_it_ceased_to_exist(self) -> None:
        d = check_share(
            "pathway-plan", "next-step", "crc", date(2021, 6, 26), protocols=BUNDLED_PROTOCOLS
        )
        assert d.verdict is ShareVerdict.NOT_COVERED
        assert d.reason == "crc ceased to exist on 2021-06-25"

    def test_probation_service_before_it_existed(self) -> None:
        d = check_share(
            "pathway-plan",
            "next-step",
            "probation-service",
            date(2021, 6, 25),
            protocols=BUNDLED_PROTOCOLS,
        )
        assert d.reason == "probation-service did not exist before 2021-06-26"

    def test_nps_before_the_protocol_was_signed(self) -> None:
        d = check_share(
            "pathway-plan", "next-step", "nps", date(2019, 3, 17), protocols=BUNDLED_PROTOCOLS
        )
        assert d.verdict is ShareVerdict.NOT_COVERED
        assert d.reason == "3.14.13 was not in force on 2019-03-17 (in force from 2019-03-18)"

    def test_a_service_sharing_with_itself_is_not_a_share(self) -> None:
        d = check_share("pathway-plan", "yos", "yos", date(2026, 1, 5), protocols=BUNDLED_PROTOCOLS)
        assert d.verdict is ShareVerdict.NOT_COVERED


class TestBadArguments:
    def test_unknown_document(self) -> None:
        with pytest.raises(
            InvalidArgumentError,
            match=r"document must be a document the protocols declare \(intervention-plan, "
            r"pathway-plan, pre-sentence-report, risk-assessment, sentence-plan\), not 'diary'",
        ):
            check_share("diary", "yos", "next-step", date(2026, 1, 5), protocols=BUNDLED_PROTOCOLS)

    def test_unknown_service(self) -> None:
        with pytest.raises(
            InvalidArgumentError, match=r"target must be a service the protocols declare .*'police'"
        ):
            check_share(
                "pathway-plan", "yos", "police", date(2026, 1, 5), protocols=BUNDLED_PROTOCOLS
            )

    def test_a_datetime_is_refused(self) -> None:
        from datetime import datetime

        with pytest.raises(InvalidDateTypeError, match=r"on must be a datetime\.date"):
            check_share(
                "pathway-plan",
                "yos",
                "next-step",
                datetime(2026, 1, 5),
                protocols=BUNDLED_PROTOCOLS,
            )  # type: ignore[arg-type]


days = st.dates(date(2019, 3, 18), date(2035, 12, 31))


class TestProperties:
    @given(day=days, rule_index=st.integers(0, len(SHARING_RULES) - 1))
    def test_every_required_share_is_not_refused(self, day: date, rule_index: int) -> None:
        rule = SHARING_RULES[rule_index]
        if not rule.required or rule.document is None:
            return
        expand = {
            "@probation": [s for s in PROBATION_SERVICES if service_exists_on(s, day)],
        }
        for src in expand.get(rule.source, [rule.source]):
            for dst in expand.get(rule.target, [rule.target]):
                d = check_share(rule.document, src, dst, day, protocols=BUNDLED_PROTOCOLS)
                assert d.verdict is ShareVerdict.REQUIRED

    @given(
        day=days,
        document=st.sampled_from(list(DocumentKind)),
        source=st.sampled_from(list(Service)),
        target=st.sampled_from(list(Service)),
    )
    def test_nothing_goes_to_or_from_a_service_that_is_not_there(
        self, day: date, document: DocumentKind, source: Service, target: Service
    ) -> None:
        d = check_share(document, source, target, day, protocols=BUNDLED_PROTOCOLS)
        if not (service_exists_on(source, day) and service_exists_on(target, day)):
            assert d.verdict is ShareVerdict.NOT_COVERED
        assert d.reason
        assert (d.clause is None) == (d.verdict is ShareVerdict.NOT_COVERED)
