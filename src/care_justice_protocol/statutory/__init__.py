"""Statutory context: care-leaver status, review schedules, DTO dates, complaints.

The care history these rules read (care episodes with their legal basis, given as the
library's names or as SSDA903 legal-status codes; detentions; special guardianship orders;
programmes of education) is part of this package too.

Owns: the rules that come from legislation rather than from a local protocol, each citing
its source.

May import: [`calendar`][care_justice_protocol.calendar], [`model`][care_justice_protocol.model].
"""

import typing

from .._lazy import lazy_exports as _lazy_exports

if typing.TYPE_CHECKING:
    from ._care_leaver import (
        ADVISER_TO_25_FROM,
        EDUCATION_TO_25_FROM,
        BirthdayPolicy,
        CareEpisode,
        CareLeaverStatus,
        attained_age_on,
        care_leaver_status,
    )
    from ._complaints import (
        OR_AS_SOON_AS_REASONABLY_PRACTICABLE,
        REPRESENTATIONS_PROCEDURE,
        RepresentationsStep,
        representations_deadline,
        representations_timetable,
    )
    from ._dto import (
        DTO_ANY_TERM_FROM,
        DTO_COMBINED_POLICY,
        DTO_CREDIT_POLICY,
        DTO_EARLY_RELEASE_POLICY,
        DTO_FIXED_TERMS,
        DTO_HALFWAY_POLICY,
        DTO_MAX_TOTAL_MONTHS,
        DTO_REMAND_CREDIT_FROM,
        CombinedDto,
        DtoDates,
        DtoOrder,
        RemandCredit,
        RemandRegime,
        check_dto_term,
        combined_dto,
        dto_dates,
        months_ending_with,
        remand_credit,
        valid_dto_terms,
    )
    from ._history import (
        Detention,
        DetentionKind,
        EducationProgramme,
        SpecialGuardianshipOrder,
    )
    from ._legal_status import (
        SSDA903_LEGAL_STATUS,
        LegalBasis,
        Ssda903LegalStatus,
        legal_basis_from_ssda903,
    )
    from ._reviews import (
        EARLIER_REVIEW_POLICY,
        ProposalToCease,
        ReviewCheck,
        ReviewKind,
        ReviewState,
        looked_after_reviews,
        pathway_plan_reviews,
        statutory_reviews,
    )

__all__ = [
    # care-leaver status
    "ADVISER_TO_25_FROM",
    "EDUCATION_TO_25_FROM",
    "BirthdayPolicy",
    "CareEpisode",
    "CareLeaverStatus",
    "attained_age_on",
    "care_leaver_status",
    "OR_AS_SOON_AS_REASONABLY_PRACTICABLE",
    # the care history: legal bases (and SSDA903 codes), detentions, orders, education
    "SSDA903_LEGAL_STATUS",
    "LegalBasis",
    "Ssda903LegalStatus",
    "legal_basis_from_ssda903",
    "Detention",
    "DetentionKind",
    "EducationProgramme",
    "SpecialGuardianshipOrder",
    # complaints
    "REPRESENTATIONS_PROCEDURE",
    "RepresentationsStep",
    "representations_deadline",
    "representations_timetable",
    # detention and training orders
    "DTO_ANY_TERM_FROM",
    "DTO_COMBINED_POLICY",
    "DTO_CREDIT_POLICY",
    "DTO_EARLY_RELEASE_POLICY",
    "DTO_FIXED_TERMS",
    "DTO_HALFWAY_POLICY",
    "DTO_MAX_TOTAL_MONTHS",
    "DTO_REMAND_CREDIT_FROM",
    "CombinedDto",
    "DtoDates",
    "DtoOrder",
    "RemandCredit",
    "RemandRegime",
    "check_dto_term",
    "combined_dto",
    "dto_dates",
    "months_ending_with",
    "remand_credit",
    "valid_dto_terms",
    # review schedules
    "EARLIER_REVIEW_POLICY",
    "ProposalToCease",
    "ReviewCheck",
    "ReviewKind",
    "ReviewState",
    "looked_after_reviews",
    "pathway_plan_reviews",
    "statutory_reviews",
]

__getattr__, __dir__ = _lazy_exports(
    __name__,
    {
        "._care_leaver": (
            "ADVISER_TO_25_FROM",
            "EDUCATION_TO_25_FROM",
            "BirthdayPolicy",
            "CareEpisode",
            "CareLeaverStatus",
            "attained_age_on",
            "care_leaver_status",
        ),
        "._complaints": (
            "OR_AS_SOON_AS_REASONABLY_PRACTICABLE",
            "REPRESENTATIONS_PROCEDURE",
            "RepresentationsStep",
            "representations_deadline",
            "representations_timetable",
        ),
        "._dto": (
            "DTO_ANY_TERM_FROM",
            "DTO_COMBINED_POLICY",
            "DTO_CREDIT_POLICY",
            "DTO_EARLY_RELEASE_POLICY",
            "DTO_FIXED_TERMS",
            "DTO_HALFWAY_POLICY",
            "DTO_MAX_TOTAL_MONTHS",
            "DTO_REMAND_CREDIT_FROM",
            "CombinedDto",
            "DtoDates",
            "DtoOrder",
            "RemandCredit",
            "RemandRegime",
            "check_dto_term",
            "combined_dto",
            "dto_dates",
            "months_ending_with",
            "remand_credit",
            "valid_dto_terms",
        ),
        "._history": (
            "Detention",
            "DetentionKind",
            "EducationProgramme",
            "SpecialGuardianshipOrder",
        ),
        "._legal_status": (
            "SSDA903_LEGAL_STATUS",
            "LegalBasis",
            "Ssda903LegalStatus",
            "legal_basis_from_ssda903",
        ),
        "._reviews": (
            "EARLIER_REVIEW_POLICY",
            "ProposalToCease",
            "ReviewCheck",
            "ReviewKind",
            "ReviewState",
            "looked_after_reviews",
            "pathway_plan_reviews",
            "statutory_reviews",
        ),
    },
)
