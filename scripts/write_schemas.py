"""Write the published JSON Schemas into the package (``src/.../io/data/schemas/``).

    python scripts/write_schemas.py          # write every <name>.schema.json
    python scripts/write_schemas.py --check  # exit 1 if a shipped file differs

The files are generated from the code (``care_justice_protocol.io._published``); run this
after changing a document format. ``tests/test_json_schema_contract.py`` fails while a
shipped file differs from what the code generates. The docs build publishes the same files
at ``<site>/schemas/`` (``scripts/docs_schemas_hook.py``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from care_justice_protocol.io._published import published_schemas, schema_text

FOLDER = Path(__file__).resolve().parent.parent / "src/care_justice_protocol/io/data/schemas"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; write nothing")
    args = parser.parse_args(argv)
    stale = []
    for name, schema in published_schemas().items():
        path = FOLDER / f"{name}.schema.json"
        text = schema_text(schema)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path.name)
        if not args.check:
            path.write_text(text, encoding="utf-8")
    if stale:
        print(("out of date: " if args.check else "wrote: ") + ", ".join(stale))
    names = {f"{name}.schema.json" for name in published_schemas()}
    unknown = sorted(p.name for p in FOLDER.glob("*.json") if p.name not in names)
    if unknown:
        print("not generated (remove): " + ", ".join(unknown))
    return 1 if args.check and (stale or unknown) else 0


if __name__ == "__main__":
    sys.exit(main())
