"""The layout is the architecture: the import graph of ``src/`` follows the layer order.

Every import in the package is read from the source with :mod:`ast` — top-level imports,
imports inside functions and imports under ``TYPE_CHECKING`` alike — and the test fails on
any import against the layer order, and on any cycle between modules. See
``docs/explanation/architecture.md``.

The layers, innermost first (a module may import only from layers before its own):

0. the errors, the version and the lazy exports: ``_errors``, ``_version``, ``_lazy``
1. the shared checks: ``_checks`` (dates, numbers, enum members), ``_gc`` (the GC pause),
   ``_text`` (output neutralisation), ``_strict_json`` (the one strict JSON reader)
2. ``calendar``
3. ``model``
4. ``statutory``
5. ``machines`` and ``protocols`` (side by side: neither imports the other)
6. ``compliance``
7. ``io``
8. ``notebook``, ``testing`` and ``_terminal`` (the command's text layout) (side by side:
   none imports another)
9. ``cli`` (it calls the notebook's report builder for ``cjp report``)

The package root (``__init__``, ``__main__``) sits above them all.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import care_justice_protocol as cjp

PACKAGE = "care_justice_protocol"
SRC = Path(cjp.__file__).parent

#: Each top-level part of the package and its layer (a smaller number is more inward).
LAYERS: dict[str, int] = {
    "_errors": 0,
    "_version": 0,
    "_lazy": 0,
    "_checks": 1,
    "_gc": 1,
    "_text": 1,
    "_strict_json": 1,
    "calendar": 2,
    "model": 3,
    "statutory": 4,
    "machines": 5,
    "protocols": 5,
    "compliance": 6,
    "io": 7,
    "notebook": 8,
    "testing": 8,
    "_terminal": 8,
    "cli": 9,
}
#: The root modules, which may import everything.
ROOT = frozenset({"__init__", "__main__"})


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(SRC.rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        yield ".".join([PACKAGE, *parts]), path


def _imports(module: str, path: Path) -> Iterator[tuple[str, int]]:
    """Every package module that ``module`` imports, with the line of the import."""
    is_package = path.name == "__init__.py"
    here = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == PACKAGE:
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != PACKAGE:
                continue
            if node.module is None:  # ``from . import x``: x may be a module
                for alias in node.names:
                    yield f"{target}.{alias.name}", node.lineno
            else:
                yield target, node.lineno


def _part(module: str) -> str:
    """The top-level part of the package a module belongs to (``"model"``, ``"__init__"``)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _graph() -> dict[str, set[str]]:
    modules = dict(_modules())
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        for target, _ in _imports(module, path):
            # ``from .x import y`` names module x (or package x); keep the longest module prefix
            while target not in modules and "." in target:
                target = target.rsplit(".", 1)[0]
            if target != module:
                graph[module].add(target)
    return graph


def _violations() -> list[str]:
    out = []
    for module, path in _modules():
        source = _part(module)
        if source in ROOT:
            continue
        for target, line in _imports(module, path):
            dest = _part(target)
            if dest == source:
                continue
            where = f"{path.relative_to(SRC.parent)}:{line} imports {target}"
            if dest in ROOT:
                out.append(f"{where}: nothing may import the package root")
            elif dest not in LAYERS or source not in LAYERS:
                out.append(f"{where}: {source!r} or {dest!r} is not in the layer table")
            elif LAYERS[dest] >= LAYERS[source]:
                out.append(
                    f"{where}: layer {LAYERS[source]} ({source}) may not import "
                    f"layer {LAYERS[dest]} ({dest})"
                )
    return out


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


class TestImportGraph:
    def test_no_import_goes_against_the_layer_order(self) -> None:
        assert _violations() == []

    def test_the_import_graph_has_no_cycle(self) -> None:
        # a package's __init__ importing its own modules is not a cycle unless one of them
        # imports the __init__ back (``from . import x`` or ``from .. import x``)
        assert _cycles(_graph()) == []

    def test_every_top_level_part_of_the_package_has_a_layer(self) -> None:
        parts = {_part(m) for m, _ in _modules()} - ROOT
        assert parts == set(LAYERS)

    def test_imports_inside_functions_are_read(self, tmp_path: Path) -> None:
        # The reader must see an import hidden in a function body and one under
        # TYPE_CHECKING, or the layer test could be dodged.
        source = tmp_path / "mod.py"
        source.write_text(
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n"
            "    from ..notebook._html import case_html\n"
            "def f():\n"
            "    from ..io import load_case\n"
        )
        found = {t for t, _ in _imports("care_justice_protocol.model._x", source)}
        assert found == {"care_justice_protocol.notebook._html", "care_justice_protocol.io"}

    def test_a_cycle_is_found(self) -> None:
        graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
        assert _cycles(graph) == [["a", "b", "c"]]


class TestPackagesExportTheirNames:
    PACKAGES = sorted(
        name for name, layer in LAYERS.items() if (SRC / name / "__init__.py").exists()
    )

    def test_each_layer_is_a_package(self) -> None:
        assert self.PACKAGES == [
            "calendar", "compliance", "io", "machines", "model", "notebook", "protocols",
            "statutory", "testing",
        ]  # fmt: skip

    @pytest.mark.parametrize("name", PACKAGES)
    def test_all_lists_exactly_the_public_names(self, name: str) -> None:
        package = importlib.import_module(f"{PACKAGE}.{name}")
        exported = list(package.__all__)
        assert len(exported) == len(set(exported)), "duplicates in __all__"
        assert [n for n in exported if not hasattr(package, n)] == []
        public = {
            n
            for n, value in vars(package).items()
            if not n.startswith("_")
            and not inspect.ismodule(value)
            and n not in {"annotations", "TYPE_CHECKING"}
        }
        # the testing kit's strategies are imported on first use (``__getattr__``)
        assert public - set(exported) == set()

    @pytest.mark.parametrize("name", PACKAGES)
    def test_each_package_says_what_it_owns_and_may_import(self, name: str) -> None:
        doc = importlib.import_module(f"{PACKAGE}.{name}").__doc__ or ""
        assert "Owns" in doc or "owns" in doc, name
        assert "May import" in doc or "may import" in doc, name

    @pytest.mark.parametrize("name", PACKAGES)
    def test_everyday_names_reach_the_root_from_their_package(self, name: str) -> None:
        # Every root name defined inside a layer is exported by that layer's package too,
        # so ``care_justice_protocol.model.JointCase is care_justice_protocol.JointCase``.
        package = importlib.import_module(f"{PACKAGE}.{name}")
        for root_name in cjp.__all__:
            obj = getattr(cjp, root_name)
            module = getattr(obj, "__module__", "") or ""
            if module.startswith(f"{PACKAGE}.{name}.") and (
                inspect.isclass(obj) or inspect.isfunction(obj)
            ):
                assert getattr(package, root_name, None) is obj, (name, root_name)


def test_every_module_imports_on_its_own() -> None:
    # Each module is the first import of a fresh interpreter. The package root always
    # comes first, and it imports most modules itself: one interpreter importing the root
    # proves those. Every module the root does not import (the testing kit's strategies
    # and plugin, optional views) then gets an interpreter of its own, so none can pass
    # only because an earlier test imported something for it.
    import json
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    names = [m.name for m in pkgutil.walk_packages(cjp.__path__, f"{PACKAGE}.")]
    assert f"{PACKAGE}.compliance._engine" in names
    names.remove(f"{PACKAGE}.__main__")  # runs the command line when imported

    # The root imports each name on first use: touching every exported name of the root
    # and of each package imports the modules those names need.
    packages = [PACKAGE, *(f"{PACKAGE}.{n}" for n in LAYERS if not n.startswith("_"))]
    packages.remove(f"{PACKAGE}.cli")
    listing = (
        "import importlib, json, sys\n"
        f"for name in {packages!r}:\n"
        "    m = importlib.import_module(name)\n"
        "    [getattr(m, n) for n in m.__all__]\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    root = subprocess.run(
        [sys.executable, "-c", listing], capture_output=True, text=True, check=False
    )
    assert root.returncode == 0, root.stderr[-400:]
    by_root = set(json.loads(root.stdout))
    alone = [n for n in names if n not in by_root]
    assert alone, "the root imports every module: the per-module runs would test nothing"

    def first_import(name: str) -> tuple[str, int, str]:
        done = subprocess.run(
            [sys.executable, "-c", f"import {name}"], capture_output=True, text=True, check=False
        )
        return name, done.returncode, done.stderr[-400:]

    with ThreadPoolExecutor(max_workers=2) as pool:
        failed = [r for r in pool.map(first_import, alone) if r[1] != 0]
    assert failed == []


def test_no_script_shadows_a_standard_library_module() -> None:
    # A script run as ``python benchmarks/x.py`` puts its folder first on sys.path, so a
    # file named like a standard-library module (``calendar.py``) would replace it.
    import sys

    repo = SRC.parent.parent
    shadowing = sorted(
        str(path.relative_to(repo))
        for folder in ("benchmarks", "scripts", "examples", "fuzz")
        for path in (repo / folder).glob("*.py")
        if path.stem in sys.stdlib_module_names
    )
    assert shadowing == []


def test_only_io_opens_files() -> None:
    # The core has no I/O: a call of open(), Path.read_bytes/read_text/write_* or
    # resources.files() anywhere but the io readers fails this test.
    allowed = {f"{PACKAGE}.io._files", f"{PACKAGE}.io._bundled", f"{PACKAGE}.io._protocols"}
    allowed.add(f"{PACKAGE}.io._identifiers")  # package data: the Unicode identifier tables
    calls = {"open", "read_bytes", "read_text", "write_bytes", "write_text", "files"}
    found = []
    for module, path in _modules():
        if module in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in calls:
                    found.append(f"{path.relative_to(SRC.parent)}:{node.lineno} calls {name}()")
    assert found == []


@pytest.mark.parametrize("path", [SRC / "__init__.py", *sorted(SRC.glob("*/__init__.py"))])
def test_the_lazy_table_and_the_type_checking_imports_agree(path: Path) -> None:
    # Each package lists its exports as imports under ``TYPE_CHECKING`` (for type checkers
    # and readers) and as the table of ``_lazy_exports`` (what runs): the two must agree.
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported: dict[str, set[str]] = {}
    table: dict[str, set[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                if isinstance(inner, ast.ImportFrom):
                    module = "." * inner.level + (inner.module or "")
                    imported.setdefault(module, set()).update(a.name for a in inner.names)
        elif (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Call)
            and ast.unparse(node.value.func) == "_lazy_exports"
        ):
            exports = node.value.args[1]
            assert isinstance(exports, ast.Dict)
            for key, value in zip(exports.keys, exports.values, strict=True):
                assert isinstance(key, ast.Constant)
                assert isinstance(value, ast.Tuple)
                table[key.value] = {ast.literal_eval(e) for e in value.elts}
    if path.parent.name == "testing":  # its strategies: its own __getattr__ (needs Hypothesis)
        assert table == {}
        return
    assert imported, f"{path}: no imports under TYPE_CHECKING"
    assert table == imported
    package = importlib.import_module(
        PACKAGE if path.parent == SRC else f"{PACKAGE}.{path.parent.name}"
    )
    assert {n for names in table.values() for n in names} <= set(package.__all__)
