"""Input and output: the JSON converter and schemas, bundled data, pseudonymisation.

Owns: the cattrs converter and the loaders / dumpers, the JSON Schemas, reading
documents from files (the only place that opens a file the caller names: caseloads,
local variants, protocol files), package-data reading (the bundled example caseload and
the bundled protocol files, :data:`BUNDLED_PROTOCOLS`, and the machines they declare,
:data:`MACHINES`), the JSON Schema of the protocol document format, :func:`pseudonymise`,
and the readers of the data councils already hold: the SSDA903 return
(:func:`read_ssda903`) and what it implies (:func:`ssda903_status`, :func:`ssda903_reviews`,
:func:`ssda903_population`, :func:`ssda903_caseload_skeleton`).

May import: every domain layer (calendar to compliance).
"""

from .._strict_json import (
    MAX_DOCUMENT_BYTES,
    StrictJSONError,
    strict_json_loads,
)
from ._bundled import (
    example_caseload,
)
from ._files import (
    READ_TIMEOUT_SECONDS,
    InputFileError,
    OutputFileError,
    read_case,
    read_caseload,
    read_local_variant,
    write_text_file,
)
from ._json import (
    dump_case,
    dump_caseload,
    dumps_case,
    dumps_caseload,
    load_case,
    load_caseload,
    make_converter,
)
from ._machines import (
    COMPLAINT_PATH,
    MACHINES,
    PROBATION_NEXT_STEP_LADDER,
    YOS_NEXT_STEPS_LADDER,
)
from ._protocol_schema import (
    protocol_json_schema,
)
from ._protocols import (
    ALL_PROTOCOLS,
    BUNDLED_PROTOCOL_FILES,
    BUNDLED_PROTOCOLS,
    PROTOCOL_3_14_12,
    PROTOCOL_3_14_13,
    SHARING_RULES,
    load_protocol,
    obligation_by_id,
    read_protocol,
)
from ._pseudonymise import (
    MAX_SHIFT_WEEKS,
    MIN_KEY_LENGTH,
    DateShiftReport,
    Pseudonymised,
    pseudonymise,
)
from ._schema import (
    case_json_schema,
    caseload_json_schema,
)
from ._ssda903 import (
    SSDA903_CODES,
    SSDA903_COLUMNS,
    SSDA903_DEC_POLICY,
    SSDA903_MERGE_RULE,
    CollectionYear,
    Ssda903Episode,
    Ssda903Error,
    Ssda903Oc2,
    Ssda903Oc3,
    Ssda903Problem,
    Ssda903Return,
    Ssda903Review,
    Ssda903Row,
    Ssda903Source,
    Ssda903Table,
    Ssda903YoungPerson,
    open_ssda903,
    read_ssda903,
)
from ._ssda903_status import (
    NEXT_STEP_CARE_STATUSES,
    SSDA903_HISTORY_POLICY,
    SSDA903_OC3_POLICY,
    SSDA903_REVIEW_POLICY,
    SSDA903_SKELETON_POLICY,
    SSDA903_UNKNOWN_FACTS_POLICY,
    YOUTH_JUSTICE_LEGAL_STATUSES,
    Ssda903Oc3Check,
    Ssda903PopulationEntry,
    Ssda903Reviews,
    Ssda903Status,
    ssda903_caseload_skeleton,
    ssda903_oc3_checks,
    ssda903_population,
    ssda903_reviews,
    ssda903_status,
    ssda903_statuses,
)

__all__ = [
    # bounds and the strict reader
    "MAX_DOCUMENT_BYTES",
    "READ_TIMEOUT_SECONDS",
    "StrictJSONError",
    "strict_json_loads",
    "InputFileError",
    "OutputFileError",
    "read_case",
    "read_caseload",
    "read_local_variant",
    "write_text_file",
    "example_caseload",
    "ALL_PROTOCOLS",
    "BUNDLED_PROTOCOL_FILES",
    "BUNDLED_PROTOCOLS",
    "PROTOCOL_3_14_12",
    "PROTOCOL_3_14_13",
    "SHARING_RULES",
    "load_protocol",
    "obligation_by_id",
    "read_protocol",
    "COMPLAINT_PATH",
    "MACHINES",
    "PROBATION_NEXT_STEP_LADDER",
    "YOS_NEXT_STEPS_LADDER",
    "pseudonymise",
    "MAX_SHIFT_WEEKS",
    "MIN_KEY_LENGTH",
    "DateShiftReport",
    "Pseudonymised",
    # the SSDA903 return: reading it
    "SSDA903_CODES",
    "SSDA903_COLUMNS",
    "SSDA903_DEC_POLICY",
    "SSDA903_MERGE_RULE",
    "CollectionYear",
    "Ssda903Episode",
    "Ssda903Error",
    "Ssda903Oc2",
    "Ssda903Oc3",
    "Ssda903Problem",
    "Ssda903Return",
    "Ssda903Review",
    "Ssda903Row",
    "Ssda903Source",
    "Ssda903Table",
    "Ssda903YoungPerson",
    "open_ssda903",
    "read_ssda903",
    # the SSDA903 return: what it implies
    "NEXT_STEP_CARE_STATUSES",
    "SSDA903_HISTORY_POLICY",
    "SSDA903_OC3_POLICY",
    "SSDA903_REVIEW_POLICY",
    "SSDA903_SKELETON_POLICY",
    "SSDA903_UNKNOWN_FACTS_POLICY",
    "YOUTH_JUSTICE_LEGAL_STATUSES",
    "Ssda903Oc3Check",
    "Ssda903PopulationEntry",
    "Ssda903Reviews",
    "Ssda903Status",
    "ssda903_caseload_skeleton",
    "ssda903_oc3_checks",
    "ssda903_population",
    "ssda903_reviews",
    "ssda903_status",
    "ssda903_statuses",
    "case_json_schema",
    "caseload_json_schema",
    "protocol_json_schema",
    "dump_case",
    "dump_caseload",
    "dumps_case",
    "dumps_caseload",
    "load_case",
    "load_caseload",
    "make_converter",
]
