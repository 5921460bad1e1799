"""The meeting pack and the notebook views, rendered in a real browser (headless Chromium).

Each page is rendered by Chromium: its DOM (``--dump-dom``) must hold the expected
sections and counts, a screenshot must be produced, and the pack must print to A4 pages.
``.ci/run`` installs Chromium from the distribution's packages when it is missing; in CI
(``CI=true``) a missing browser fails these tests, elsewhere they are skipped, saying why.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    evaluate_caseload,
    example_caseload,
    quarterly_report_html,
    what_if,
)

AS_OF = date(2026, 11, 25)
BROWSER = next(
    (found for name in ("chromium", "chromium-browser", "google-chrome")
     if (found := shutil.which(name))),
    None,
)  # fmt: skip
IN_CI = os.environ.get("CI") == "true"


@pytest.fixture(scope="module")
def browser() -> str:
    if BROWSER is None:
        if IN_CI:
            pytest.fail("CI=true but no headless Chromium: .ci/run installs the 'chromium' package")
        pytest.skip("no Chromium on this machine (apt-get install chromium; CI installs it)")
    return BROWSER


def _chromium(
    browser: str, page: Path, options: tuple[str, ...]
) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-extensions", f"--user-data-dir={profile}", *options, page.as_uri()],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip


class _Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
            if values.get("data-count") is not None:
                self.counts[str(values["id"])] = int(values["data-count"] or 0)


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    caseload = example_caseload()
    report = evaluate_caseload(caseload, AS_OF, protocol=BUNDLED_PROTOCOLS)
    (folder / "pack.html").write_text(
        quarterly_report_html(caseload, report, protocols=BUNDLED_PROTOCOLS), encoding="utf-8"
    )
    case = caseload.case("C-0011")
    views = [
        ("caseload", caseload._repr_html_()),  # type: ignore[attr-defined]
        ("report", report._repr_html_()),  # type: ignore[attr-defined]
        ("case", case._repr_html_()),  # type: ignore[attr-defined]
        ("result", report.overdue()[0]._repr_html_()),  # type: ignore[attr-defined]
        ("what-if", what_if(case, AS_OF, event="meeting-held", by=4)._repr_html_()),
    ]
    body = "".join(f'<section id="view-{name}">{html}</section>' for name, html in views)
    (folder / "views.html").write_text(
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>views</title>'
        f"</head><body>{body}</body></html>",
        encoding="utf-8",
    )
    return folder


def _render(browser: str, page: Path, shot: Path, pdf: Path | None) -> str:
    """The page's DOM after rendering, with its screenshot (and PDF) written.

    Chromium does the three in one run; one that does only one thing a run (older
    versions) gets a run for each.
    """
    size = "--window-size=1200,1400"
    outputs = (f"--screenshot={shot}", *((f"--print-to-pdf={pdf}",) if pdf else ()))
    run = _chromium(browser, page, (size, "--no-pdf-header-footer", *outputs, "--dump-dom"))
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    for option, path in ((outputs[0], shot), *(((outputs[1], pdf),) if pdf else ())):
        if not path.exists():
            again = _chromium(browser, page, (size, "--no-pdf-header-footer", option))
            assert again.returncode == 0, again.stderr[-2000:]
    if "<html" not in dom:
        again = _chromium(browser, page, ("--dump-dom",))
        assert again.returncode == 0, again.stderr[-2000:]
        dom = again.stdout
    return dom


@pytest.fixture(scope="module")
def rendered(browser: str, pages: Path) -> dict[str, str]:
    """Both pages rendered at once: their DOMs by name."""
    jobs = {
        "pack": (pages / "pack.html", pages / "pack.png", pages / "pack.pdf"),
        "views": (pages / "views.html", pages / "views.png", None),
    }
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        doms = list(pool.map(lambda job: _render(browser, *job), jobs.values()))
    return dict(zip(jobs, doms, strict=True))


class TestInChromium:
    def test_the_pack_renders_with_its_sections_and_prints_to_a4(
        self, rendered: dict[str, str], pages: Path
    ) -> None:
        shot, pdf = pages / "pack.png", pages / "pack.pdf"
        dom = rendered["pack"]
        parsed = _Dom()
        parsed.feed(dom)
        assert parsed.counts["overdue"] == 15
        assert parsed.counts["upcoming"] == 7
        assert parsed.counts["joint-cases"] == 22
        assert {"counts", "services", "partnership", "qa", "chart", "timelines"} <= set(
            parsed.counts
        )
        assert "Quarterly management meeting: 2026-Q4" in dom
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert shot.stat().st_size > 10_000
        boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf.read_bytes())
        assert boxes
        # A4 is 210 x 297 mm: 595.3 x 841.9 points
        assert all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)

    def test_the_notebook_views_render(self, rendered: dict[str, str], pages: Path) -> None:
        shot = pages / "views.png"
        dom = rendered["views"]
        parsed = _Dom()
        parsed.feed(dom)
        assert {f"view-{v}" for v in ("caseload", "report", "case", "result", "what-if")} <= (
            parsed.ids
        )
        assert "CaseloadReport as of 2026-11-25: 1,135 results for 30 cases" in dom
        assert "What if, case C-0011: meeting-held of 2026-07-24 moved to 2026-07-28" in dom
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
