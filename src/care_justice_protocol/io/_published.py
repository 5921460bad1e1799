"""The published JSON Schemas: one file per document format, shipped and on the docs site.

Each schema's ``$id`` is the address of its file on the docs site
(``<site>/schemas/<name>.schema.json``); the same files are shipped in the package under
``care_justice_protocol/io/data/schemas/``. ``scripts/write_schemas.py`` writes them from
these builders, and a test checks that the shipped files are what the builders give, so
the files cannot drift from the code.

>>> sorted(published_schemas())
['case', 'caseload', 'local-variant', 'protocol', 'results']
>>> from care_justice_protocol.io._bundled import shipped_schema_text
>>> text = shipped_schema_text("results")
>>> text == schema_text(published_schemas()["results"])
True
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Final

from ._local_schema import local_variant_json_schema
from ._protocol_schema import protocol_json_schema
from ._results import results_json_schema
from ._schema import case_json_schema, caseload_json_schema

__all__ = ["SCHEMA_BUILDERS", "published_schemas", "schema_text"]

#: The published schemas by name (the file is ``<name>.schema.json``), generic forms.
SCHEMA_BUILDERS: Final[dict[str, Callable[[], dict[str, Any]]]] = {
    "caseload": caseload_json_schema,
    "case": case_json_schema,
    "results": results_json_schema,
    "local-variant": local_variant_json_schema,
    "protocol": protocol_json_schema,
}


def published_schemas() -> dict[str, dict[str, Any]]:
    """Every published schema, by name, as the code generates it now."""
    return {name: build() for name, build in SCHEMA_BUILDERS.items()}


def schema_text(schema: dict[str, Any]) -> str:
    """A schema as its file holds it (and ``cjp schema`` prints it): indented, UTF-8."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
