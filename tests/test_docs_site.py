"""The built documentation site: a complete API reference, no raw Sphinx roles, search.

``make test`` builds the site into ``.site`` (``make docs``: ``mkdocs build --strict``)
before pytest runs. These tests read what was built:

* the inventory mkdocstrings writes (``objects.inv``, the Sphinx inventory format: four
  header lines, then zlib-compressed lines ``name domain:role priority uri dispname``)
  holds every name of the package root's ``__all__`` and of each public module's, each
  documented once at its canonical place: the root path (``care_justice_protocol.NAME``)
  for a name the root exports, the module path otherwise;
* no HTML page shows a Sphinx role (``:class:`X```) that was never turned into a link;
* the search index finds an API entry from its short name (``load_caseload``).

In CI (``CI=true``) a missing site fails the tests; elsewhere they are skipped with the
reason, so that ``pytest`` alone still runs.
"""

from __future__ import annotations

import html
import importlib
import json
import os
import pkgutil
import re
import zlib
from pathlib import Path

import pytest

import care_justice_protocol as cjp

SITE = Path(__file__).resolve().parent.parent / ".site"

#: The roles of Sphinx's Python domain (and ``:ref:``), as the HTML shows them: the
#: backtick, or the ``<code>`` that Markdown made of the backticks.
RAW_ROLE = re.compile(r":(?:py:)?(meth|class|func|mod|attr|data|exc|obj|ref|const):(`|<code)")


def site() -> Path:
    """The built site, or a failure in CI and a skip elsewhere when it is missing."""
    if not (SITE / "objects.inv").is_file():
        reason = f"the docs site is not built ({SITE / 'objects.inv'} is missing): run `make docs`"
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(reason)
        pytest.skip(reason)
    return SITE


def read_inventory(path: Path) -> dict[str, tuple[str, str]]:
    """The names of a Sphinx inventory (version 2), each with its ``domain:role`` and URI."""
    header, _, rest = path.read_bytes().partition(b"\n")
    assert header == b"# Sphinx inventory version 2", header
    comments = rest.split(b"\n", 3)
    assert all(line.startswith(b"#") for line in comments[:3]), comments[:3]
    names: dict[str, tuple[str, str]] = {}
    line_re = re.compile(r"(.+?)\s+(\S+:\S+)\s+(-?\d+)\s+(\S*)\s+(.*)")
    for line in zlib.decompress(comments[3]).decode().splitlines():
        match = line_re.fullmatch(line)
        assert match is not None, line
        names[match.group(1)] = (match.group(2), match.group(4))
    return names


def rendered(path: Path) -> set[str]:
    """The names of an inventory rendered under their own heading.

    mkdocstrings also lists each alias of a rendered object (the module path of a name
    documented at its root path, its private defining module's path), with the URI of the
    heading it was rendered under; a name is rendered itself when the URI's anchor is the
    name (``$`` abbreviates it).
    """
    return {
        name for name, (_, uri) in read_inventory(path).items() if uri.endswith(("#$", f"#{name}"))
    }


def public_modules() -> list[str]:
    """The package's public modules and subpackages (no leading underscore) with ``__all__``."""
    found = []
    for info in pkgutil.iter_modules(cjp.__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"care_justice_protocol.{info.name}")
        if hasattr(module, "__all__"):
            found.append(info.name)
    return sorted(found)


class TestTheInventoryReader:
    def test_it_reads_the_names_and_roles_of_an_inventory(self, tmp_path: Path) -> None:
        body = (
            "care_justice_protocol.JointCase py:class 1 reference/api/model/#$ -\n"
            "care_justice_protocol.model.JointCase py:class 1 "
            "reference/api/model/#care_justice_protocol.JointCase -\n"
        )
        path = tmp_path / "objects.inv"
        path.write_bytes(
            b"# Sphinx inventory version 2\n# Project: p\n# Version: 0\n"
            b"# The remainder of this file is compressed using zlib.\n"
            + zlib.compress(body.encode())
        )
        assert read_inventory(path) == {
            "care_justice_protocol.JointCase": ("py:class", "reference/api/model/#$"),
            "care_justice_protocol.model.JointCase": (
                "py:class",
                "reference/api/model/#care_justice_protocol.JointCase",
            ),
        }
        assert rendered(path) == {"care_justice_protocol.JointCase"}


class TestTheApiReference:
    def test_the_public_modules_are_the_documented_ones(self) -> None:
        # A new public subpackage needs its page under docs/reference/api/.
        assert public_modules() == [
            "calendar",
            "cli",
            "compliance",
            "io",
            "machines",
            "model",
            "notebook",
            "protocols",
            "statutory",
            "testing",
        ]

    def test_every_name_the_root_exports_is_rendered_at_its_root_path(self) -> None:
        inventory = rendered(site() / "objects.inv")
        missing = [n for n in cjp.__all__ if f"care_justice_protocol.{n}" not in inventory]
        assert missing == [], f"not in the API reference: {missing}"

    def test_the_root_page_lists_every_name_the_root_exports(self) -> None:
        page = (SITE.parent / "docs" / "reference" / "api.md").read_text(encoding="utf-8")
        listed = set(re.findall(r"\]\[care_justice_protocol\.(\w+)\]", page))
        documented = set(re.findall(r"^::: care_justice_protocol\.(\w+)$", page, re.M))
        missing = [n for n in cjp.__all__ if n not in listed | documented]
        assert missing == [], f"docs/reference/api.md does not list: {missing}"

    @pytest.mark.parametrize("module_name", public_modules())
    def test_every_name_a_public_module_exports_is_rendered_once(self, module_name: str) -> None:
        inventory = rendered(site() / "objects.inv")
        module = importlib.import_module(f"care_justice_protocol.{module_name}")
        missing, twice = [], []
        for name in module.__all__:
            at_root = name in cjp.__all__ and getattr(cjp, name) is getattr(module, name)
            root_path = f"care_justice_protocol.{name}"
            module_path = f"care_justice_protocol.{module_name}.{name}"
            if at_root and module_path in inventory:
                twice.append(name)
            if (root_path if at_root else module_path) not in inventory:
                missing.append(name)
        assert missing == [], f"care_justice_protocol.{module_name}: not rendered: {missing}"
        assert twice == [], f"care_justice_protocol.{module_name}: rendered twice: {twice}"


class TestNoRawSphinxRoles:
    def test_no_page_of_the_site_shows_a_sphinx_role(self) -> None:
        found = []
        for page in sorted(site().rglob("*.html")):
            text = page.read_text(encoding="utf-8")
            for match in RAW_ROLE.finditer(text):
                around = text[max(0, match.start() - 80) : match.end() + 60]
                around = re.sub(r"^[^<]*>|<[^>]*$", "", around)  # tags cut at either end
                snippet = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", around)).split())
                found.append(f"{page.relative_to(SITE)}: ...{snippet}...")
        assert found == [], "raw Sphinx roles on the site:\n" + "\n".join(found)

    def test_the_pattern_finds_a_role_as_markdown_renders_it(self) -> None:
        assert RAW_ROLE.search("see :meth:<code>timeline</code>")
        assert RAW_ROLE.search("see :class:`JointCase`")
        assert not RAW_ROLE.search('see <a href="#x"><code>JointCase</code></a> at 10:30')


class TestSearch:
    def test_searching_a_short_api_name_finds_its_entry(self) -> None:
        index = json.loads((site() / "search" / "search_index.json").read_text("utf-8"))
        separator = re.compile(index["config"]["separator"])

        def tokens(text: str) -> set[str]:
            return {t.lower() for t in separator.split(text) if t}

        for query, location in [
            ("load_caseload", "reference/api/io/#care_justice_protocol.load_caseload"),
            ("JointCase", "reference/api/model/#care_justice_protocol.JointCase"),
            ("Constraint", "reference/api/model/#care_justice_protocol.model.Constraint"),
        ]:
            (entry,) = [d for d in index["docs"] if d["location"] == location]
            assert tokens(query) <= tokens(entry["title"]), (query, entry["title"])
