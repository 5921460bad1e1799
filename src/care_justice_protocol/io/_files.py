"""Reading documents from files: a caseload, a single case or a local variant.

The only place in the package that opens a file the caller names (the bundled example is
package data, read by ``._bundled``). Each reader reads the whole file as bytes and
hands them to the loader, so a file and the same bytes in memory give the same result.

Bounds: no more than ``max_bytes`` + 1 bytes are ever read (default
[`MAX_DOCUMENT_BYTES`][care_justice_protocol.MAX_DOCUMENT_BYTES]), so ``/dev/zero`` or an endless
pipe is refused as too large instead of filling the memory; what is not a regular file (a FIFO, a
pipe, a device) is read without blocking, within ``timeout`` seconds in all (default
[`READ_TIMEOUT_SECONDS`][care_justice_protocol.READ_TIMEOUT_SECONDS]), so a FIFO nobody writes to is
refused instead of hanging.
"""

from __future__ import annotations

import contextlib
import io
import os
import select
import stat
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Final

from .._errors import CareJusticeError, ValidationError
from .._strict_json import MAX_DOCUMENT_BYTES, MAX_ECHOED_CHARS, MAX_PROBLEMS
from ..model._events import Caseload, JointCase
from ..protocols._local import LocalVariant, load_local_variant
from ..protocols._rules import Protocol
from ._json import (
    MAX_CASES,
    MAX_EVENTS_PER_CASE,
    _bounds,
    _load_case,
    _load_caseload,
)

__all__ = [
    "READ_TIMEOUT_SECONDS",
    "InputFileError",
    "OutputFileError",
    "discard_stdout",
    "iter_lines",
    "read_head",
    "read_case",
    "read_caseload",
    "read_local_variant",
    "write_text_file",
]


#: How long, in all, reading a FIFO, a pipe or a device may take before it is refused.
READ_TIMEOUT_SECONDS: Final = 10.0
_CHUNK: Final = 1 << 20


class InputFileError(CareJusticeError, OSError):
    """A named file could not be read (missing, a directory, no permission...).

    The message names the path (never the file's content).

    Attributes:
        path: the path as given.
    """

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


class OutputFileError(CareJusticeError, OSError):
    """A file could not be written (no such folder, no permission, a full disk...).

    The message names the path (never the content).

    Attributes:
        path: the path as given.
    """

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.path = path


def write_text_file(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to the file at ``path``, whole or not at all.

    The text goes to a new file beside it, which then replaces ``path`` in one step, so a
    reader never sees half a file and a failure leaves any earlier file as it was.

    Raises:
        OutputFileError: the file cannot be written, naming the path and the reason.
    """
    name = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(name))
    temporary = os.path.join(folder, f".{os.path.basename(name)}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, name)
    except OSError as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        reason = error.strerror or type(error).__name__
        raise OutputFileError(f"cannot write {name!r}: {reason}", name) from None


def read_bytes(
    path: str | os.PathLike[str],
    *,
    max_bytes: int | None = MAX_DOCUMENT_BYTES,
    timeout: float = READ_TIMEOUT_SECONDS,
) -> bytes:
    """The whole content of the file at ``path``, at most ``max_bytes`` bytes.

    Args:
        path: the file (a regular file, or a FIFO, pipe or device).
        max_bytes: the most bytes accepted (``None``: no bound); one more is read to
            know the file is larger, and no more.
        timeout: the most seconds reading something other than a regular file may take.

    Raises:
        InputFileError: the file is missing, a directory, cannot be read, is larger than
            ``max_bytes``, or gave no end of data within ``timeout`` seconds.

    Examples:
        >>> read_bytes("no/such/file.json")
        Traceback (most recent call last):
        ...
        care_justice_protocol.io._files.InputFileError: no such file: 'no/such/file.json'
    """
    name = os.fspath(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(name, flags)
    except FileNotFoundError:
        raise InputFileError(f"no such file: {name!r}", name) from None
    except IsADirectoryError:
        raise InputFileError(f"is a directory, not a file: {name!r}", name) from None
    except OSError as exc:
        raise InputFileError(f"cannot read {name!r}: {exc.strerror}", name) from None
    limit = None if max_bytes is None else max_bytes + 1
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputFileError(f"is a directory, not a file: {name!r}", name)
        if stat.S_ISREG(mode):
            os.set_blocking(fd, True)
            data = _read_regular(fd, limit)
        else:
            data = _read_stream(fd, limit, timeout, name)
    except OSError as exc:
        if isinstance(exc, InputFileError):
            raise
        raise InputFileError(f"cannot read {name!r}: {exc.strerror}", name) from None
    finally:
        os.close(fd)
    if max_bytes is not None and len(data) > max_bytes:
        raise InputFileError(f"file too large: more than {max_bytes} bytes: {name!r}", name)
    return data


def read_head(path: str | os.PathLike[str], limit: int) -> bytes:
    """The first ``limit`` bytes (at most) of the regular file at ``path``.

    Raises:
        InputFileError: the file is missing or cannot be read.
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            return handle.read(limit)
    except OSError as exc:
        raise InputFileError(f"cannot read {name!r}: {exc.strerror}", name) from None


def iter_lines(
    path: str | os.PathLike[str], *, max_bytes: int | None = MAX_DOCUMENT_BYTES
) -> Iterator[bytes]:
    """The lines of the regular file at ``path``, read one at a time (bounded memory).

    Raises:
        InputFileError: the file is not a regular file, cannot be read, or is larger than
            ``max_bytes`` (found as the lines are read: the lines before are yielded).
    """
    name = os.fspath(path)
    if not os.path.isfile(name):
        raise InputFileError(f"not a regular file: {name!r}", name)
    size = 0
    try:
        with open(name, "rb") as handle:
            for line in handle:
                size += len(line)
                if max_bytes is not None and size > max_bytes:
                    raise InputFileError(
                        f"file too large: more than {max_bytes} bytes: {name!r}", name
                    )
                yield line
    except InputFileError:
        raise
    except OSError as exc:
        raise InputFileError(f"cannot read {name!r}: {exc.strerror}", name) from None


def _read_regular(fd: int, limit: int | None) -> bytes:
    with open(fd, "rb", closefd=False) as handle:
        return handle.read() if limit is None else handle.read(limit)


def _read_stream(fd: int, limit: int | None, timeout: float, name: str) -> bytes:
    """Read a FIFO, pipe or device without blocking, until its end, ``limit`` or time."""
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    size = 0
    while limit is None or size < limit:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise InputFileError(
                f"no end of data within {timeout:g} seconds: {name!r}", name
            ) from None
        try:
            chunk = os.read(fd, _CHUNK if limit is None else min(_CHUNK, limit - size))
        except BlockingIOError:  # woken without data
            continue
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def read_caseload(
    path: str | os.PathLike[str],
    *,
    protocols: Protocol | Iterable[Protocol] | None = None,
    max_bytes: int | None = MAX_DOCUMENT_BYTES,
    max_cases: int | None = MAX_CASES,
    max_events: int | None = MAX_EVENTS_PER_CASE,
    max_problems: int = MAX_PROBLEMS,
    max_echoed_chars: int = MAX_ECHOED_CHARS,
    strict: bool = False,
    progress: Callable[[int, int], object] | None = None,
) -> Caseload:
    """Load the caseload document in the file at ``path`` (see ``load_caseload``).

    ``protocols`` as for ``load_caseload``: the protocols the caseload is for (their terms
    and declared event types); by default the model's own terms. ``max_bytes``: the
    size bound (see ``read_bytes``). ``max_cases``, ``max_events``, ``max_problems``,
    ``max_echoed_chars`` and ``strict`` as for ``load_caseload``. ``progress``: called
    with (cases built, cases in the file), as for ``load_caseload``. The file's bytes are
    freed as soon as they are decoded; a refused document's error names the file.

    Warns:
        CareJusticeWarning: as ``load_caseload``.

    Raises:
        InputFileError: the file cannot be read.
        ValidationError: the document is not a valid caseload (every problem listed).
    """
    bounds = _bounds(max_bytes, max_cases, max_events, max_problems, max_echoed_chars)
    holder: list[object] = [read_bytes(path, max_bytes=max_bytes)]
    with _naming(path, "caseload"):
        return _load_caseload(holder, protocols, bounds, strict, stacklevel=3, progress=progress)


def read_case(
    path: str | os.PathLike[str],
    *,
    max_bytes: int | None = MAX_DOCUMENT_BYTES,
    max_events: int | None = MAX_EVENTS_PER_CASE,
    max_problems: int = MAX_PROBLEMS,
    max_echoed_chars: int = MAX_ECHOED_CHARS,
    strict: bool = False,
) -> JointCase:
    """Load the single-case document in the file at ``path`` (see ``load_case``).

    ``max_bytes``: the size bound (see ``read_bytes``); the other bounds and
    ``strict`` as for [`read_caseload`][care_justice_protocol.read_caseload].

    Warns:
        CareJusticeWarning: as ``load_case``.

    Raises:
        InputFileError: the file cannot be read.
        ValidationError: the document is not a valid case (every problem listed).
    """
    bounds = _bounds(max_bytes, None, max_events, max_problems, max_echoed_chars)
    holder: list[object] = [read_bytes(path, max_bytes=max_bytes)]
    with _naming(path, "case"):
        return _load_case(holder, None, bounds, strict, stacklevel=3)


def read_local_variant(
    path: str | os.PathLike[str],
    *,
    protocols: Iterable[Protocol],
    max_bytes: int | None = MAX_DOCUMENT_BYTES,
) -> LocalVariant:
    """Load the local-variant document in the file at ``path`` (see ``load_local_variant``).

    Its obligation ids, ladders, services and groups are checked against ``protocols``.
    Apply it with ``variant.applied_to(protocols)``: the resulting
    [`Rulebook`][care_justice_protocol.Rulebook] is what the evaluators take as ``protocol=``.

    Raises:
        InputFileError: the file cannot be read.
        ValidationError: the document is not a valid local variant.
    """
    data = read_bytes(path, max_bytes=max_bytes)
    with _naming(path, "local variant"):
        return load_local_variant(data, protocols=protocols)


@contextlib.contextmanager
def _naming(path: str | os.PathLike[str], what: str) -> Iterator[None]:
    """A document's ValidationError, raised again naming the file it was read from
    (``invalid caseload 'export.json': 2 problems``); the problems are unchanged."""
    try:
        yield
    except ValidationError as error:
        if type(error) is not ValidationError:
            raise
        raise ValidationError(error.errors, what=f"{what} {os.fspath(path)!r}") from None


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
