"""The example notebook and the docs hook that runs it and publishes its output.

The docs build (``mkdocs build --strict``) runs the notebook too; these tests make
``pytest`` alone enough to catch a broken notebook, and pin the conversion of each kind
of output to markdown.
"""

from __future__ import annotations

import base64
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import nbformat
import pytest
from mkdocs.exceptions import PluginError
from nbformat.v4 import (
    new_code_cell,
    new_markdown_cell,
    new_notebook,
    new_output,
)

from care_justice_protocol.compliance import Status
from care_justice_protocol.notebook._html import STATUS_COLOURS

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "examples" / "analyst_notebook.ipynb"


def _hook() -> ModuleType:
    path = ROOT / "scripts" / "docs_notebook_hook.py"
    spec = importlib.util.spec_from_file_location("docs_notebook_hook", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestTheCommittedNotebook:
    def test_is_a_valid_notebook_with_no_outputs_so_its_diffs_stay_readable(self) -> None:
        nb = nbformat.read(NOTEBOOK, as_version=4)
        nbformat.validate(nb)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert code
        assert all(c.outputs == [] and c.execution_count is None for c in code)

    def test_does_not_read_the_clock(self) -> None:
        source = NOTEBOOK.read_text(encoding="utf-8")
        for call in ("date.today(", "datetime.now(", "datetime.today(", "time.time("):
            assert call not in source

    def test_the_docs_build_runs_it_through_the_hook(self) -> None:
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        assert "\nhooks:\n" in config
        assert "  - scripts/docs_notebook_hook.py\n" in config


class TestOutputMarkdown:
    def test_a_stream_is_a_text_block_fenced_longer_than_any_fence_inside(self) -> None:
        hook = _hook()
        out = new_output("stream", name="stdout", text="a\n```\nb\n")
        assert hook.output_markdown(out) == "````text\na\n```\nb\n````\n"

    def test_html_is_passed_through_in_a_div(self) -> None:
        hook = _hook()
        out = new_output(
            "execute_result", data={"text/html": "<table><tr><td>1</td></tr></table>",
                                    "text/plain": "1"}, execution_count=1,
        )  # fmt: skip
        assert hook.output_markdown(out) == (
            '<div class="notebook-output">\n<table><tr><td>1</td></tr></table>\n</div>\n'
        )

    def test_a_png_becomes_a_data_uri_image_with_escaped_alt_text(self) -> None:
        hook = _hook()
        png = base64.b64encode(b"\x89PNG\r\n\x1a\nrest").decode()
        out = new_output(
            "display_data", data={"image/png": png, "text/plain": "<Figure size 10x10>"}
        )
        md = hook.output_markdown(out)
        assert f'src="data:image/png;base64,{png}"' in md
        assert 'alt="&lt;Figure size 10x10&gt;"' in md

    def test_a_png_that_is_not_base64_is_refused(self) -> None:
        hook = _hook()
        out = new_output("display_data", data={"image/png": "not base64!"})
        with pytest.raises(PluginError, match="an image/png output is not base64"):
            hook.output_markdown(out)

    def test_plain_text_is_a_text_block(self) -> None:
        hook = _hook()
        out = new_output("execute_result", data={"text/plain": "42"}, execution_count=1)
        assert hook.output_markdown(out) == "```text\n42\n```\n"

    def test_an_error_output_stops_the_build(self) -> None:
        hook = _hook()
        out = new_output("error", ename="KeyError", evalue="'C-9'", traceback=[])
        with pytest.raises(PluginError, match="KeyError: 'C-9'"):
            hook.output_markdown(out)

    def test_a_page_has_the_markdown_then_each_code_cell_and_its_outputs(self) -> None:
        hook = _hook()
        cell = new_code_cell("print(1)")
        cell.outputs = [new_output("stream", name="stdout", text="1\n")]
        nb = new_notebook(cells=[new_markdown_cell("# Title\n\nWords."), cell])
        md = hook.to_markdown(nb)
        assert md.index("# Title") < md.index("every output below is real")
        assert md.index("every output below is real") < md.index("```python\nprint(1)\n```")
        assert md.rstrip().endswith("```text\n1\n```")


class TestExecution:
    def test_a_cell_that_raises_stops_the_build_with_the_error(self, tmp_path: Path) -> None:
        hook = _hook()
        path = tmp_path / "broken.ipynb"
        nbformat.write(
            new_notebook(cells=[new_code_cell("x = 1"), new_code_cell("{}['missing']")]), path
        )
        with pytest.raises(PluginError, match="KeyError"):
            hook.execute(path)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.ipynb"]

    def test_the_example_notebook_runs_and_shows_tables_and_figures(self) -> None:
        hook = _hook()
        nb = hook.execute(NOTEBOOK)
        outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
        assert not [o for o in outputs if o.output_type == "error"]
        html = [o.data["text/html"] for o in outputs if "text/html" in o.get("data", {})]
        pngs = [o for o in outputs if "image/png" in o.get("data", {})]
        assert len(pngs) == 3  # the caseload chart and two timelines
        assert any(h.startswith('<div class="cjp">') and "CaseloadReport as of 2026-11-25" in h
                   for h in html)  # fmt: skip
        overdue = STATUS_COLOURS[Status.OVERDUE].text
        assert any(overdue in h for h in html)
        # The what-if table: a meeting on Tue 28 Jul would have been late.
        assert any("Tue 28 Jul" in h and "met-late" in h for h in html)
        md = hook.to_markdown(nb)
        assert md.count("data:image/png;base64,") == 3
        json.dumps(md)  # one string, no stray objects
