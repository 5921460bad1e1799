"""Exports imported on first use (PEP 562), so importing a package costs only what is used.

Each package ``__init__`` lists its exports twice, and a test keeps the two lists equal:
once as ordinary imports under ``typing.TYPE_CHECKING`` (what type checkers, editors and
readers see) and once as the table given to ``lazy_exports`` (what runs). ``cjp check``
then imports the loaders, the engine and the bundled protocols, not the SSDA903 and SSD
readers, the notebook's meeting pack or the state-machine renderers.

>>> import types
>>> pkg = types.ModuleType("pkg")
>>> pkg.__getattr__, pkg.__dir__ = lazy_exports("json", {".decoder": ("JSONDecodeError",)})
>>> pkg.__getattr__("JSONDecodeError").__name__
'JSONDecodeError'
>>> pkg.__getattr__("nothing")
Traceback (most recent call last):
...
AttributeError: module 'json' has no attribute 'nothing'
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_exports"]


def lazy_exports(
    package: str, table: Mapping[str, tuple[str, ...]]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A module ``__getattr__`` and ``__dir__`` that import each export on first use.

    Args:
        package: the package's ``__name__``.
        table: for each module, relative to ``package`` (``"._engine"``, ``".model"``),
            the names the package exports from it.

    Returns:
        ``(__getattr__, __dir__)``, to assign in the package's namespace. The first use of
        a name imports its module and keeps the value in the package's namespace, so later
        uses are plain attribute reads. The package's own subpackages are attributes too.
    """
    where = {name: module for module, names in table.items() for name in names}
    exported = sorted(where)

    def attribute(name: str) -> Any:
        module = where.get(name)
        if module is None:
            if name.startswith("_"):
                raise AttributeError(f"module {package!r} has no attribute {name!r}")
            try:
                # ``package.sub`` for a subpackage not yet imported
                return importlib.import_module(f".{name}", package)
            except ModuleNotFoundError as exc:
                if exc.name != f"{package}.{name}":
                    raise
                raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(module, package), name)
        setattr(sys.modules[package], name, value)
        return value

    def listing() -> list[str]:
        return sorted({*vars(sys.modules[package]), *exported})

    return attribute, listing
