"""Input and output: the JSON converter and schemas, bundled data, pseudonymisation.

Owns: the cattrs converter and the loaders / dumpers, the JSON Schemas, reading
documents from files (the only place that opens a file the caller names: caseloads,
local variants, protocol files), package-data reading (the bundled example caseload and
the bundled protocol files, :data:`BUNDLED_PROTOCOLS`, and the machines they declare,
:data:`MACHINES`), the JSON Schema of the protocol document format and :func:`pseudonymise`.

May import: every domain layer (calendar to compliance).
"""

from .._strict_json import (
    MAX_DOCUMENT_BYTES,
    MAX_ECHOED_CHARS,
    MAX_PROBLEMS,
    StrictJSONError,
    strict_json_loads,
)
from ._bundled import (
    example_caseload,
)
from ._files import (
    READ_TIMEOUT_SECONDS,
    InputFileError,
    read_case,
    read_caseload,
    read_local_variant,
)
from ._json import (
    MAX_CASES,
    MAX_EVENTS_PER_CASE,
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
    pseudonymise,
)
from ._schema import (
    case_json_schema,
    caseload_json_schema,
)

__all__ = [
    # bounds and the strict reader
    "MAX_DOCUMENT_BYTES",
    "MAX_CASES",
    "MAX_EVENTS_PER_CASE",
    "MAX_PROBLEMS",
    "MAX_ECHOED_CHARS",
    "READ_TIMEOUT_SECONDS",
    "StrictJSONError",
    "strict_json_loads",
    "InputFileError",
    "read_case",
    "read_caseload",
    "read_local_variant",
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
