"""MkDocs hook: run the example notebook and publish it, outputs included, as a page.

``mkdocs build`` executes ``examples/analyst_notebook.ipynb`` in a fresh Python kernel
(nbclient, ipykernel) and adds the generated page ``how-to/notebook-example.md``: the
markdown cells as they are, each code cell as a Python block, and each output as the
notebook shows it (HTML tables as HTML, figures as PNG images inlined as data URIs,
anything else as text). A cell that raises stops the build, so the docs build is also the
notebook's test. The committed notebook carries no outputs; nothing is written back.

Registered in ``mkdocs.yml`` under ``hooks:``.
"""

from __future__ import annotations

import base64
import binascii
import html
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

NOTEBOOK = "examples/analyst_notebook.ipynb"
PAGE = "how-to/notebook-example.md"
#: Seconds one cell may run before the build gives up.
CELL_TIMEOUT = 120
#: Output formats in order of preference (what Jupyter itself would show first).
PREFERRED = ("image/png", "text/html", "text/plain")


def _notebook_path(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / NOTEBOOK


def execute(path: Path) -> Any:
    """Read and run the notebook at ``path`` in a fresh kernel; return it with outputs."""
    import nbformat
    from jupyter_client.manager import KernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    # IPC sockets in a private directory: no TCP ports, nothing left in the work tree.
    # The kernel's own log goes to a file, shown only if the notebook fails.
    with tempfile.TemporaryDirectory(prefix="cjp-notebook-") as scratch:
        km = KernelManager(
            kernel_name="python3",
            transport="ipc",
            ip=str(Path(scratch) / "k"),
            connection_file=str(Path(scratch) / "kernel.json"),
        )
        client = NotebookClient(
            nb,
            km=km,
            timeout=CELL_TIMEOUT,
            resources={"metadata": {"path": str(path.parent)}},
        )
        log_path = Path(scratch) / "kernel.log"
        with log_path.open("w+b") as log:
            try:
                client.execute(stdout=log, stderr=log)
            except (CellExecutionError, RuntimeError, TimeoutError) as exc:
                log.seek(0)
                kernel_log = log.read().decode(errors="replace")
                raise PluginError(
                    f"{path.name} failed to run:\n{exc}\nkernel log:\n{kernel_log}"
                ) from exc
    return nb


def _fence(text: str, language: str) -> str:
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}{language}\n{text.rstrip()}\n{fence}\n"


def _text(value: str | list[str]) -> str:
    return "".join(value) if isinstance(value, list) else value


def output_markdown(output: Any) -> str:
    """One cell output as markdown (raw HTML for tables and images)."""
    kind = output["output_type"]
    if kind == "stream":
        return _fence(_text(output["text"]), "text")
    if kind == "error":
        raise PluginError(f"{NOTEBOOK}: a cell raised {output['ename']}: {output['evalue']}")
    data = output.get("data", {})
    for mime in PREFERRED:
        if mime not in data:
            continue
        if mime == "image/png":
            alt = html.escape(_text(data.get("text/plain", "figure")), quote=True)
            png = _text(data[mime]).replace("\n", "")
            try:  # refuse anything that is not base64: it is pasted into an attribute
                base64.b64decode(png, validate=True)
            except binascii.Error as exc:
                raise PluginError(f"{NOTEBOOK}: an image/png output is not base64") from exc
            return (
                f'<div class="notebook-output"><img alt="{alt}" '
                f'src="data:image/png;base64,{png}" style="max-width:100%"></div>\n'
            )
        if mime == "text/html":
            return f'<div class="notebook-output">\n{_text(data[mime]).strip()}\n</div>\n'
        return _fence(_text(data[mime]), "text")
    return ""


def to_markdown(nb: Any) -> str:
    """The executed notebook as one markdown page."""
    parts = [f"<!-- Generated at build time from {NOTEBOOK} by scripts/docs_notebook_hook.py -->\n"]
    for index, cell in enumerate(nb["cells"]):
        source = _text(cell["source"])
        if cell["cell_type"] == "markdown":
            parts.append(source.strip() + "\n")
            if index == 0:
                parts.append(
                    f"*This page is `{NOTEBOOK}`, run when the documentation was built: "
                    "every output below is real.*\n"
                )
        elif cell["cell_type"] == "code":
            parts.append(_fence(source, "python"))
            parts.extend(output_markdown(o) for o in cell.get("outputs", ()))
    return "\n".join(parts)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Rebuild on ``mkdocs serve`` when the notebook changes."""
    config.watch.append(str(_notebook_path(config)))
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Run the notebook and add the generated page."""
    nb = execute(_notebook_path(config))
    files.append(File.generated(config, PAGE, content=to_markdown(nb)))
    return files
