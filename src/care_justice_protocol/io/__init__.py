"""Input and output: the JSON converter and schemas, bundled data, pseudonymisation.

Owns: the cattrs converter and the loaders / dumpers, the JSON Schemas, package-data
reading (the bundled example caseload) and :func:`pseudonymise`.

May import: every domain layer (calendar to compliance).
"""

from ._bundled import (
    example_caseload,
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
from ._pseudonymise import (
    pseudonymise,
)
from ._schema import (
    case_json_schema,
    caseload_json_schema,
)

__all__ = [
    "example_caseload",
    "pseudonymise",
    "case_json_schema",
    "caseload_json_schema",
    "dump_case",
    "dump_caseload",
    "dumps_case",
    "dumps_caseload",
    "load_case",
    "load_caseload",
    "make_converter",
]
