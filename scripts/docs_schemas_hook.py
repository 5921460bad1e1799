"""MkDocs hook: publish the package's JSON Schemas at ``<site>/schemas/<name>.schema.json``.

The files are the ones shipped in the package (``src/care_justice_protocol/io/data/
schemas/``, written by ``scripts/write_schemas.py``), copied as they are: each schema's
``$id`` is its address on the site, and there is one copy in the repository, so the site
cannot drift from the package. Registered in ``mkdocs.yml`` under ``hooks:``.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

FOLDER = "src/care_justice_protocol/io/data/schemas"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    folder = Path(config.config_file_path).parent / FOLDER
    paths = sorted(folder.glob("*.schema.json"))
    if not paths:
        raise PluginError(f"no schema files in {FOLDER} (run scripts/write_schemas.py)")
    for path in paths:
        files.append(File.generated(config, f"schemas/{path.name}", abs_src_path=str(path)))
    return files
