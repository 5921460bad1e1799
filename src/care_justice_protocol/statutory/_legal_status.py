"""Why a child is looked after: the legal bases, and the SSDA903 legal-status codes for them.

Every English council records each period of care in its SSDA903 return with a legal status
code (``LS``). This module maps each of the thirteen codes to a
[`LegalBasis`][care_justice_protocol.LegalBasis], the statutory model the care-leaver and review
rules read, and each basis to the provision that makes the child looked after. A care history can
then be given with the codes a council already holds (``"V2"``) or with the library's names
(``"section-20"``).

The code list and the meaning of the protective (L1-L3), youth-justice (J1-J3), adoption
(D1, E1) and short-break (V3, V4) codes were checked against the validation rules of the DfE
rules package councils use (``csc-validator-be-903``: rule 144 lists the valid codes; rules
361-364 the police protection, EPO, child assessment order and PACE codes; rules 445-446
freeing and placement orders; 365-366 short breaks). The wording of each meaning follows the
DfE guide to the SSDA903 collection as summarised in the project's reference notes; the
guide's own table was not available to check word for word.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

import attrs

from .._errors import InvalidArgumentError
from ..model._citation import Citation

__all__ = [
    "SSDA903_LEGAL_STATUS",
    "LegalBasis",
    "Ssda903LegalStatus",
    "legal_basis_from_ssda903",
]

_CA: Final = "Children Act 1989"
_LASPO: Final = "Legal Aid, Sentencing and Punishment of Offenders Act 2012"
_CPPCR: Final = "Care Planning, Placement and Case Review (England) Regulations 2010"


class LegalBasis(enum.StrEnum):
    """Why a child is (or is treated as) looked after during a care episode.

    Each member names the provision that makes the child looked after
    ([`source`][care_justice_protocol.LegalBasis.source]) and says how the leaving-care and review
    rules treat it ([`counts`][care_justice_protocol.LegalBasis.counts],
    [`in_care`][care_justice_protocol.LegalBasis.in_care],
    [`survives_custody`][care_justice_protocol.LegalBasis.survives_custody],
    [`section_21_accommodation`][care_justice_protocol.LegalBasis.section_21_accommodation]).

    Examples:
        >>> LegalBasis.SHORT_BREAK.counts, LegalBasis.CARE_ORDER.in_care
        (False, True)
        >>> str(LegalBasis.PACE_ACCOMMODATION.source)
        'Children Act 1989 s.21(2)(b); Police and Criminal Evidence Act 1984 s.38(6)'
    """

    CARE_ORDER = "care-order"
    """In care under a care order (Children Act 1989 s.31); SSDA903 ``C2``."""

    INTERIM_CARE_ORDER = "interim-care-order"
    """In care under an interim care order (Children Act 1989 s.38); SSDA903 ``C1``."""

    SECTION_20 = "section-20"
    """Accommodated under Children Act 1989 s.20 (looked after by s.22(1)); SSDA903 ``V2``."""

    REMAND_LOCAL_AUTHORITY = "remand-local-authority"
    """Remanded to local authority accommodation (LASPO 2012 s.91(3), s.92): looked after."""

    REMAND_YOUTH_DETENTION = "remand-youth-detention"
    """Remanded to youth detention accommodation: treated as looked after by the
    designated authority (LASPO 2012 s.104(1))."""

    REMAND = "remand"
    """Remanded to local authority accommodation or to youth detention accommodation, not
    saying which (LASPO 2012 s.91); SSDA903 ``J1``. Looked after either way."""

    REMAND_ON_BREACH = "remand-on-breach"
    """Remanded to local authority accommodation on breach of a referral, reparation or
    youth rehabilitation order or an order under the Street Offences Act 1959 s.1(2A)
    (Children Act 1989 s.21(2)(c)(ia), (ii), (iia)). Not an SSDA903 code of its own (it is
    recorded as ``J1``); give it to have CPPCR reg 33(3)(c) applied."""

    SHORT_BREAK = "short-break"
    """A series of short breaks (CPPCR 2010 reg 48); SSDA903 ``V3`` or ``V4``. The child is
    looked after during each break, but a child to whom reg 48 applies is not an eligible
    child (reg 40(2)) and the days do not count towards the 13 weeks."""

    FREEING_ORDER = "freeing-order"
    """Freed for adoption (Adoption Act 1976 s.18; no new orders after 30 December 2005);
    SSDA903 ``D1``."""

    PLACEMENT_ORDER = "placement-order"
    """Authorised to be placed for adoption by a placement order (Adoption and Children Act
    2002 s.21): looked after by s.18(3) of that Act; SSDA903 ``E1``."""

    PACE_ACCOMMODATION = "pace-accommodation"
    """Received into local authority accommodation at the request of the police under the
    Police and Criminal Evidence Act 1984 s.38(6) (Children Act 1989 s.21(2)(b)); SSDA903
    ``J2``."""

    YRO_LOCAL_AUTHORITY_RESIDENCE = "yro-local-authority-residence"
    """Subject to a youth rehabilitation order with a local authority residence requirement
    (or with fostering) (Children Act 1989 s.21(2)(c)(iii)); SSDA903 ``J3``."""

    POLICE_PROTECTION = "police-protection"
    """In police protection and received into local authority accommodation (Children Act
    1989 s.46(3)(f), s.21(2)(a)); SSDA903 ``L1``."""

    EMERGENCY_PROTECTION_ORDER = "emergency-protection-order"
    """Removed or kept away from home under an emergency protection order (Children Act 1989
    s.44, accommodated under s.21(1)); SSDA903 ``L2``."""

    CHILD_ASSESSMENT_ORDER = "child-assessment-order"
    """Kept away from home under a child assessment order and in local authority
    accommodation (Children Act 1989 s.43, s.21(1)); SSDA903 ``L3``."""

    @property
    def source(self) -> Citation:
        """The provision that makes (or treats) the child looked after on this basis."""
        return _SOURCES[self]

    @property
    def counts(self) -> bool:
        """Whether days on this basis count towards the 13 weeks of an eligible child.

        Every basis counts but [`SHORT_BREAK`][care_justice_protocol.LegalBasis.SHORT_BREAK]: CPPCR
        2010 reg 40(2) makes a child to whom reg 48 applies not an eligible child, and the library
        does not count the days of a series of short breaks towards the 13 weeks (an interpretive
        choice). Short breaks *are* periods of being looked after: they count for "qualifying"
        (Children Act 1989 s.24(1B)) and for looked-after reviews.
        """
        return self is not LegalBasis.SHORT_BREAK

    @property
    def in_care(self) -> bool:
        """Whether the child is *in the care* of the authority: subject to a care order.

        A care order includes an interim care order (Children Act 1989 s.31(11)); being
        "in the care of a local authority" means by virtue of a care order (s.105(1)).
        While a placement order is in force a care order "does not have effect" (Adoption
        and Children Act 2002 s.29(1)), so
        [`PLACEMENT_ORDER`][care_justice_protocol.LegalBasis.PLACEMENT_ORDER] is not in care.
        """
        return self in (LegalBasis.CARE_ORDER, LegalBasis.INTERIM_CARE_ORDER)

    @property
    def survives_custody(self) -> bool:
        """Whether the child stays looked after while detained under a sentence.

        A child in care stays in care (s.22(1)(a)) until the order ends, and a child
        authorised to be placed for adoption stays looked after (Adoption and Children Act
        2002 s.18(3)): CPPCR reg 33(3)(d) presupposes a child "in the care of the
        responsible authority" who "is detained". Any other basis rests on the authority
        providing accommodation (s.22(1)(b)), which a custodial sentence interrupts: the
        child "has ceased to be looked after" as a result of being "detained pursuant to
        an order of a court" (Visits to Former Looked After Children in Detention (England)
        Regulations 2010 regs 2(1), 3(1); Children Act 1989 s.23ZA(1)(b)).
        """
        return self.in_care or self in (LegalBasis.PLACEMENT_ORDER, LegalBasis.FREEING_ORDER)

    @property
    def section_21_accommodation(self) -> bool:
        """Whether the child is "provided with accommodation under section 21(2)(b) or (c)".

        That is CPPCR 2010 reg 33(3)(c), which calls for an earlier review before the
        accommodation ends: PACE transfers (s.21(2)(b)), youth rehabilitation orders with
        a local authority residence requirement (s.21(2)(c)(iii)) and remands on breach
        (s.21(2)(c)(ia), (ii), (iia)). A remand under LASPO 2012 s.91 is not: s.21(2)(c)(i)
        was repealed when those remands began.
        """
        return self in (
            LegalBasis.PACE_ACCOMMODATION,
            LegalBasis.YRO_LOCAL_AUTHORITY_RESIDENCE,
            LegalBasis.REMAND_ON_BREACH,
        )


_SOURCES: Final[Mapping[LegalBasis, Citation]] = MappingProxyType(
    {
        LegalBasis.CARE_ORDER: Citation(_CA, "s.31; s.22(1)(a)"),
        LegalBasis.INTERIM_CARE_ORDER: Citation(_CA, "s.38; s.31(11); s.22(1)(a)"),
        LegalBasis.SECTION_20: Citation(_CA, "s.20; s.22(1)(b)"),
        LegalBasis.REMAND_LOCAL_AUTHORITY: Citation(_LASPO, "s.91(3), s.92"),
        LegalBasis.REMAND_YOUTH_DETENTION: Citation(_LASPO, "s.91(4), s.104(1)"),
        LegalBasis.REMAND: Citation(_LASPO, "s.91, s.92, s.104(1)"),
        LegalBasis.REMAND_ON_BREACH: Citation(_CA, "s.21(2)(c)(ia), (ii), (iia)"),
        LegalBasis.SHORT_BREAK: Citation(_CPPCR, "reg 48; Children Act 1989 s.20"),
        LegalBasis.FREEING_ORDER: Citation("Adoption Act 1976", "s.18"),
        LegalBasis.PLACEMENT_ORDER: Citation("Adoption and Children Act 2002", "s.21, s.18(3)"),
        LegalBasis.PACE_ACCOMMODATION: Citation(
            _CA, "s.21(2)(b); Police and Criminal Evidence Act 1984 s.38(6)"
        ),
        LegalBasis.YRO_LOCAL_AUTHORITY_RESIDENCE: Citation(
            _CA, "s.21(2)(c)(iii); Sentencing Act 2020 Sch 6 para 24"
        ),
        LegalBasis.POLICE_PROTECTION: Citation(_CA, "s.46(3)(f), s.21(2)(a)"),
        LegalBasis.EMERGENCY_PROTECTION_ORDER: Citation(_CA, "s.44, s.21(1)"),
        LegalBasis.CHILD_ASSESSMENT_ORDER: Citation(_CA, "s.43, s.21(1)"),
    }
)


@attrs.frozen
class Ssda903LegalStatus:
    """One SSDA903 legal status code and what the library reads it as.

    Attributes:
        code: the code as the return records it (``"V2"``).
        meaning: the DfE guide's meaning, in summary.
        legal_basis: the [`LegalBasis`][care_justice_protocol.LegalBasis] it maps to.

    Examples:
        >>> s = SSDA903_LEGAL_STATUS["J1"]
        >>> s.legal_basis
        <LegalBasis.REMAND: 'remand'>
        >>> print(s.source)
        Legal Aid, Sentencing and Punishment of Offenders Act 2012 s.91, s.92, s.104(1)
    """

    code: str
    meaning: str
    legal_basis: LegalBasis

    @property
    def source(self) -> Citation:
        """The provision that makes the child looked after (that of
        [`legal_basis`][care_justice_protocol.Ssda903LegalStatus])."""
        return self.legal_basis.source


def _status(code: str, meaning: str, basis: LegalBasis) -> tuple[str, Ssda903LegalStatus]:
    return code, Ssda903LegalStatus(code, meaning, basis)


#: Every SSDA903 legal status code (``LS``), in the guide's order, with its meaning and the
#: [`LegalBasis`][care_justice_protocol.LegalBasis] it maps to. Read-only.
SSDA903_LEGAL_STATUS: Final[Mapping[str, Ssda903LegalStatus]] = MappingProxyType(
    dict(
        [
            _status("C1", "interim care order", LegalBasis.INTERIM_CARE_ORDER),
            _status("C2", "full care order", LegalBasis.CARE_ORDER),
            _status("D1", "freeing order granted", LegalBasis.FREEING_ORDER),
            _status("E1", "placement order granted", LegalBasis.PLACEMENT_ORDER),
            _status(
                "J1",
                "remanded to local authority accommodation or to youth detention accommodation",
                LegalBasis.REMAND,
            ),
            _status(
                "J2",
                "placed in local authority accommodation under the Police and Criminal "
                "Evidence Act 1984, including secure accommodation",
                LegalBasis.PACE_ACCOMMODATION,
            ),
            _status(
                "J3",
                "sentenced to a youth rehabilitation order with a local authority residence "
                "requirement",
                LegalBasis.YRO_LOCAL_AUTHORITY_RESIDENCE,
            ),
            _status(
                "L1",
                "under police protection and in local authority accommodation",
                LegalBasis.POLICE_PROTECTION,
            ),
            _status("L2", "emergency protection order", LegalBasis.EMERGENCY_PROTECTION_ORDER),
            _status(
                "L3",
                "under a child assessment order and in local authority accommodation",
                LegalBasis.CHILD_ASSESSMENT_ORDER,
            ),
            _status(
                "V2",
                "single period of accommodation under section 20 of the Children Act 1989",
                LegalBasis.SECTION_20,
            ),
            _status(
                "V3",
                "accommodated under an agreement for a series of short-term breaks, "
                "individual episodes of care recorded",
                LegalBasis.SHORT_BREAK,
            ),
            _status(
                "V4",
                "accommodated under an agreement for a series of short-term breaks, "
                "agreements recorded (not individual episodes)",
                LegalBasis.SHORT_BREAK,
            ),
        ]
    )
)

_VALID_CODES: Final = ", ".join(repr(c) for c in SSDA903_LEGAL_STATUS)


def legal_basis_from_ssda903(code: object) -> LegalBasis:
    """The [`LegalBasis`][care_justice_protocol.LegalBasis] for an SSDA903 legal status code.

    Codes are matched exactly, as the return records them (upper case, no spaces): the DfE
    validation rejects ``"c1"``, and so does this function, rather than guess.

    Raises:
        InvalidArgumentError: for anything but one of the thirteen codes, listing them.

    Examples:
        >>> legal_basis_from_ssda903("V3")
        <LegalBasis.SHORT_BREAK: 'short-break'>
        >>> legal_basis_from_ssda903("X1")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        care_justice_protocol..._errors.InvalidArgumentError: an SSDA903 legal status code \
must be one of 'C1', 'C2', 'D1', ..., 'V4', not 'X1'
    """
    status = SSDA903_LEGAL_STATUS.get(code) if isinstance(code, str) else None
    if status is None:
        raise InvalidArgumentError(
            f"an SSDA903 legal status code must be one of {_VALID_CODES}, not {code!r}"
        )
    return status.legal_basis


def to_legal_basis(argument: str, value: object) -> LegalBasis:
    """``value`` as a [`LegalBasis`][care_justice_protocol.LegalBasis]: a member, its value, or an
    SSDA903 code.

    Raises:
        InvalidArgumentError: naming ``argument`` and listing both kinds of valid value.
    """
    if isinstance(value, LegalBasis):
        return value
    if isinstance(value, str):
        status = SSDA903_LEGAL_STATUS.get(value)
        if status is not None:
            return status.legal_basis
        try:
            return LegalBasis(value)
        except ValueError:
            pass
    names = ", ".join(repr(m.value) for m in LegalBasis)
    raise InvalidArgumentError(
        f"{argument} must be a LegalBasis ({names}) or an SSDA903 legal status code "
        f"({_VALID_CODES}), not {value!r}"
    )
