"""Statutory context: care-leaver status, review schedules, DTO dates, complaints.

Owns: the rules that come from legislation rather than from a local protocol, each citing
its source.

May import: :mod:`~care_justice_protocol.calendar`, :mod:`~care_justice_protocol.model`.
"""

from ._care_leaver import (
    ADVISER_TO_25_FROM,
    BirthdayPolicy,
    CareEpisode,
    CareLeaverStatus,
    LegalBasis,
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
from ._reviews import (
    Detention,
    ReviewCheck,
    ReviewKind,
    ReviewState,
    looked_after_reviews,
    pathway_plan_reviews,
)

__all__ = [
    "ADVISER_TO_25_FROM",
    "BirthdayPolicy",
    "CareEpisode",
    "CareLeaverStatus",
    "LegalBasis",
    "attained_age_on",
    "care_leaver_status",
    "OR_AS_SOON_AS_REASONABLY_PRACTICABLE",
    "REPRESENTATIONS_PROCEDURE",
    "RepresentationsStep",
    "representations_deadline",
    "representations_timetable",
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
    "Detention",
    "ReviewCheck",
    "ReviewKind",
    "ReviewState",
    "looked_after_reviews",
    "pathway_plan_reviews",
]
