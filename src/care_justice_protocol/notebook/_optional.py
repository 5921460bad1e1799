"""Optional dependencies, imported when a feature first needs them."""

from __future__ import annotations

import importlib
from types import ModuleType

from .._errors import MissingOptionalDependencyError

__all__ = ["import_optional"]


def import_optional(package: str, extra: str, feature: str) -> ModuleType:
    """Import ``package``, or say which extra installs it.

    Args:
        package: the module to import, e.g. ``"pandas"`` or ``"matplotlib.figure"``.
        extra: the optional-dependency group that installs it.
        feature: what needs it, for the message.

    Raises:
        MissingOptionalDependencyError: if the import fails (an ``ImportError`` too).
    """
    try:
        return importlib.import_module(package)
    except ImportError as exc:
        top = package.partition(".")[0]
        raise MissingOptionalDependencyError(top, extra, feature) from exc
