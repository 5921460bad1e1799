"""SSDA903 legal status codes: each maps to a cited legal basis; unknown codes are refused."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol._errors import InvalidArgumentError
from care_justice_protocol.model._citation import Citation
from care_justice_protocol.statutory._care_leaver import CareEpisode
from care_justice_protocol.statutory._legal_status import (
    SSDA903_LEGAL_STATUS,
    LegalBasis,
    legal_basis_from_ssda903,
)

SHORT_BREAKS = (
    "Care Planning, Placement and Case Review (England) Regulations 2010 reg 48; "
    "Children Act 1989 s.20"
)
#: The valid codes of the DfE rules package councils use (csc-validator-be-903, rule 144).
VALIDATOR_CODES = {"C1", "C2", "D1", "E1", "V2", "V3", "V4", "J1", "J2", "J3", "L1", "L2", "L3"}


class TestTheMapping:
    def test_every_code_of_the_return_is_mapped_and_no_other(self) -> None:
        assert set(SSDA903_LEGAL_STATUS) == VALIDATOR_CODES

    @pytest.mark.parametrize(
        ("code", "basis", "citation"),
        [
            ("C1", LegalBasis.INTERIM_CARE_ORDER, "Children Act 1989 s.38; s.31(11); s.22(1)(a)"),
            ("C2", LegalBasis.CARE_ORDER, "Children Act 1989 s.31; s.22(1)(a)"),
            ("D1", LegalBasis.FREEING_ORDER, "Adoption Act 1976 s.18"),
            ("E1", LegalBasis.PLACEMENT_ORDER, "Adoption and Children Act 2002 s.21, s.18(3)"),
            (
                "J1",
                LegalBasis.REMAND,
                "Legal Aid, Sentencing and Punishment of Offenders Act 2012 s.91, s.92, s.104(1)",
            ),
            (
                "J2",
                LegalBasis.PACE_ACCOMMODATION,
                "Children Act 1989 s.21(2)(b); Police and Criminal Evidence Act 1984 s.38(6)",
            ),
            (
                "J3",
                LegalBasis.YRO_LOCAL_AUTHORITY_RESIDENCE,
                "Children Act 1989 s.21(2)(c)(iii); Sentencing Act 2020 Sch 6 para 24",
            ),
            ("L1", LegalBasis.POLICE_PROTECTION, "Children Act 1989 s.46(3)(f), s.21(2)(a)"),
            ("L2", LegalBasis.EMERGENCY_PROTECTION_ORDER, "Children Act 1989 s.44, s.21(1)"),
            ("L3", LegalBasis.CHILD_ASSESSMENT_ORDER, "Children Act 1989 s.43, s.21(1)"),
            ("V2", LegalBasis.SECTION_20, "Children Act 1989 s.20; s.22(1)(b)"),
            (
                "V3",
                LegalBasis.SHORT_BREAK,
                SHORT_BREAKS,
            ),
            (
                "V4",
                LegalBasis.SHORT_BREAK,
                SHORT_BREAKS,
            ),
        ],
    )
    def test_each_code_has_its_basis_and_citation(
        self, code: str, basis: LegalBasis, citation: str
    ) -> None:
        assert legal_basis_from_ssda903(code) is basis
        status = SSDA903_LEGAL_STATUS[code]
        assert (status.code, status.legal_basis) == (code, basis)
        assert isinstance(status.source, Citation)
        assert str(status.source) == citation

    def test_the_mapping_is_read_only(self) -> None:
        with pytest.raises(TypeError):
            SSDA903_LEGAL_STATUS["X1"] = SSDA903_LEGAL_STATUS["C1"]  # type: ignore[index]

    def test_every_basis_cites_its_source(self) -> None:
        for basis in LegalBasis:
            assert isinstance(basis.source, Citation), basis


class TestUnknownCodes:
    @pytest.mark.parametrize("code", ["X1", "c1", " C1", "C1 ", "", "section 20", None, 12])
    def test_are_refused_listing_every_valid_code(self, code: object) -> None:
        with pytest.raises(InvalidArgumentError) as caught:
            legal_basis_from_ssda903(code)
        message = str(caught.value)
        for valid in VALIDATOR_CODES:
            assert repr(valid) in message
        assert repr(code) in message

    def test_a_care_episode_refuses_an_unknown_code_listing_both_kinds_of_name(self) -> None:
        with pytest.raises(InvalidArgumentError) as caught:
            CareEpisode(date(2024, 1, 1), None, "C9")
        message = str(caught.value)
        assert "legal_basis must be a LegalBasis ('care-order'" in message
        assert "or an SSDA903 legal status code ('C1', 'C2'" in message
        assert "not 'C9'" in message


class TestCareEpisodesTakeCodesOrNames:
    @pytest.mark.parametrize("code", sorted(VALIDATOR_CODES))
    def test_a_code_and_the_library_name_give_the_same_episode(self, code: str) -> None:
        basis = legal_basis_from_ssda903(code)
        by_code = CareEpisode(date(2024, 1, 1), None, code)
        by_name = CareEpisode(date(2024, 1, 1), None, basis.value)
        assert by_code == by_name

    @given(st.sampled_from(sorted(VALIDATOR_CODES)))
    def test_the_library_name_of_a_code_maps_back_to_itself(self, code: str) -> None:
        basis = legal_basis_from_ssda903(code)
        assert LegalBasis(basis.value) is basis


class TestWhatEachBasisMeans:
    def test_only_short_breaks_do_not_count_towards_13_weeks(self) -> None:
        assert [b for b in LegalBasis if not b.counts] == [LegalBasis.SHORT_BREAK]

    def test_in_care_means_a_care_order_or_interim_care_order(self) -> None:
        # Children Act 1989 s.31(11), s.105(1); a placement order suspends the care order
        # (Adoption and Children Act 2002 s.29(1)).
        assert {b for b in LegalBasis if b.in_care} == {
            LegalBasis.CARE_ORDER,
            LegalBasis.INTERIM_CARE_ORDER,
        }

    def test_custody_interrupts_everything_but_care_and_adoption_authority(self) -> None:
        assert {b for b in LegalBasis if b.survives_custody} == {
            LegalBasis.CARE_ORDER,
            LegalBasis.INTERIM_CARE_ORDER,
            LegalBasis.PLACEMENT_ORDER,
            LegalBasis.FREEING_ORDER,
        }

    def test_section_21_2_b_and_c_accommodation(self) -> None:
        # CPPCR reg 33(3)(c): s.21(2)(b) PACE; s.21(2)(c) remands on breach and YROs with a
        # local authority residence requirement. Police protection is s.21(2)(a).
        assert {b for b in LegalBasis if b.section_21_accommodation} == {
            LegalBasis.PACE_ACCOMMODATION,
            LegalBasis.YRO_LOCAL_AUTHORITY_RESIDENCE,
            LegalBasis.REMAND_ON_BREACH,
        }
