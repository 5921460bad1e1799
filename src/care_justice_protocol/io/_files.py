"""Reading documents from files: a caseload, a single case or a local variant.

The only place in the package that opens a file the caller names (the bundled example is
package data, read by :mod:`._bundled`). Each reader reads the whole file as bytes and
hands them to the loader, so a file and the same bytes in memory give the same result.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable

from .._errors import CareJusticeError
from ..model._events import Caseload, JointCase
from ..protocols._local import LocalVariant, load_local_variant
from ..protocols._rules import Protocol
from ._json import load_case, load_caseload

__all__ = [
    "InputFileError",
    "discard_stdout",
    "read_case",
    "read_caseload",
    "read_local_variant",
]


class InputFileError(CareJusticeError, OSError):
    """A named file could not be read (missing, a directory, no permission...).

    The message names the path (never the file's content).

    Attributes:
        path: the path as given.
    """

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The whole content of the file at ``path``.

    Raises:
        InputFileError: the file is missing, a directory, or cannot be read.

    Examples:
        >>> read_bytes("no/such/file.json")
        Traceback (most recent call last):
        ...
        care_justice_protocol.io._files.InputFileError: no such file: 'no/such/file.json'
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputFileError(f"no such file: {name!r}", name) from None
    except IsADirectoryError:
        raise InputFileError(f"is a directory, not a file: {name!r}", name) from None
    except OSError as exc:
        raise InputFileError(f"cannot read {name!r}: {exc.strerror}", name) from None


def read_caseload(
    path: str | os.PathLike[str], *, protocols: Protocol | Iterable[Protocol] | None = None
) -> Caseload:
    """Load the caseload document in the file at ``path`` (see ``load_caseload``).

    ``protocols`` as for ``load_caseload``: the protocols the caseload is for (their terms
    and declared event types); by default the model's own terms.

    Raises:
        InputFileError: the file cannot be read.
        ValidationError: the document is not a valid caseload (every problem listed).
    """
    return load_caseload(read_bytes(path), protocols=protocols)


def read_case(path: str | os.PathLike[str]) -> JointCase:
    """Load the single-case document in the file at ``path`` (see ``load_case``).

    Raises:
        InputFileError: the file cannot be read.
        ValidationError: the document is not a valid case (every problem listed).
    """
    return load_case(read_bytes(path))


def read_local_variant(
    path: str | os.PathLike[str], *, protocols: Iterable[Protocol]
) -> LocalVariant:
    """Load the local-variant document in the file at ``path`` (see ``load_local_variant``).

    Its obligation ids, ladders, services and groups are checked against ``protocols``.
    Apply it with ``variant.applied_to(protocols)``: the resulting
    :class:`~care_justice_protocol.Rulebook` is what the evaluators take as ``protocol=``.

    Raises:
        InputFileError: the file cannot be read.
        ValidationError: the document is not a valid local variant.
    """
    return load_local_variant(read_bytes(path), protocols=protocols)


def discard_stdout() -> None:
    """Point the standard output's file descriptor at the null device.

    After a broken pipe or a full disk, what is still buffered would fail again when the
    interpreter flushes it at exit (an ``Exception ignored`` message); this drops it.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
        pass
