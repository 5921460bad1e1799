"""The library's exceptions and warnings.

Every error the public API raises derives from
[`CareJusticeError`][care_justice_protocol.CareJusticeError] and also from the built-in exception
that matches its meaning, so callers can catch either.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import reprlib
from collections.abc import Iterable, Sequence

__all__ = [
    "CareJusticeError",
    "CareJusticeWarning",
    "CrossCheckWarning",
    "DateOutOfRangeError",
    "InvalidArgumentError",
    "InvalidDateTypeError",
    "MissingOptionalDependencyError",
    "ValidationError",
]


class CareJusticeError(Exception):
    """Base class of every error raised by care_justice_protocol."""


class CareJusticeWarning(UserWarning):
    """Something allowed but probably wrong (e.g. a date before a protocol took effect)."""


class CrossCheckWarning(CareJusticeWarning):
    """A finding of the cross-checks of a loaded document's content, with its fields.

    The message is ``"message @ $.path (case 'id')"``; it holds ids, field paths, types
    and event dates only, never personal data.

    Attributes:
        code: what kind of finding (one of ``CROSS_CHECK_CODES``, e.g. ``"unknown-staff"``).
        path: where in the document (``"$.cases[3].events[5].recorded_by"``).
        case_id: the case, or ``None`` for partnership records.
    """

    def __init__(self, message: str, *, code: str, path: str, case_id: str | None) -> None:
        super().__init__(message)
        self.code = code
        self.path = path
        self.case_id = case_id


class InvalidDateTypeError(CareJusticeError, TypeError):
    """An argument that must be a ``datetime.date`` was something else.

    A ``datetime.datetime`` is refused too: a deadline is a day, not an instant,
    and silently dropping the time would hide a bug in the caller.

    Attributes:
        argument: the name of the offending argument.
        value: the value that was passed.
    """

    def __init__(self, argument: str, value: object) -> None:
        self.argument = argument
        self.value = value
        kind = type(value).__name__
        if isinstance(value, _dt.datetime):
            # never quoted: a date and time may be a date of birth
            message = f"{argument} must be a datetime.date, not {kind} (call .date() on it first)"
        else:
            message = f"{argument} must be a datetime.date, not {kind}: {_safe_repr(value)}"
        super().__init__(message)


class InvalidArgumentError(CareJusticeError, ValueError):
    """An argument had the right type but a value the function cannot accept."""


class DateOutOfRangeError(CareJusticeError, OverflowError):
    """A date computation went outside the years ``datetime.date`` can hold (1-9999)."""


class MissingOptionalDependencyError(CareJusticeError, ImportError):
    """A feature needs a package that is only installed with one of the optional extras.

    The core library depends on nothing beyond its listed requirements; notebook helpers
    such as tables and pictures import their package when first used.

    Attributes:
        package: the importable name of the missing package (e.g. ``"pandas"``).
        extra: the optional-dependency group that installs it (e.g. ``"pandas"``).
        feature: what was asked for (e.g. ``"CaseloadReport.to_pandas()"``).

    Examples:
        >>> print(MissingOptionalDependencyError("pandas", "pandas", "to_pandas()"))
        to_pandas() needs pandas, an optional dependency:
        pip install 'care_justice_protocol[pandas]'
    """

    def __init__(self, package: str, extra: str, feature: str) -> None:
        self.package = package
        self.extra = extra
        self.feature = feature
        super().__init__(
            f"{feature} needs {package}, an optional dependency: "
            f"pip install 'care_justice_protocol[{extra}]'",
            name=package,
        )


class ValidationError(CareJusticeError, ValueError):
    """A document did not match the expected structure.

    ``errors`` lists every problem found, each as ``"message @ $.path"``.
    """

    def __init__(self, errors: Sequence[str], *, what: str = "document") -> None:
        self.errors: tuple[str, ...] = tuple(errors)
        count = len(self.errors)
        noun = "problem" if count == 1 else "problems"
        lines = "\n".join(f"  - {e}" for e in self.errors)
        super().__init__(f"invalid {what}: {count} {noun}\n{lines}")


_REPR = reprlib.Repr()
_REPR.maxlevel = 3
_REPR.maxstring = 40
_REPR.maxother = 40


def _safe_repr(value: object, limit: int = 60) -> str:
    """A short repr that cannot recurse deeply or grow large (for error messages)."""
    text = _REPR.repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _did_you_mean(value: object, options: Iterable[object]) -> str:
    """``"; did you mean 'yjs'?"`` when ``value`` is close to one of ``options`` (the same
    but for case, or a near miss such as ``'alocated'``), else ``""`` (for error messages).

    Examples:
        >>> _did_you_mean("alocated", ["allocated", "charged"])
        "; did you mean 'allocated'?"
        >>> _did_you_mean("YJS", ["yjs"]), _did_you_mean("police", ["yjs"])
        ("; did you mean 'yjs'?", '')
    """
    if not isinstance(value, str) or not value:
        return ""
    known = [str(o) for o in options]
    same = [o for o in known if o.lower() == value.lower() and o != value]
    found = same or difflib.get_close_matches(value, known, n=1, cutoff=0.7)
    # the suggestion is one of the known terms, shown whole
    return f"; did you mean {found[0]!r}?" if found and found[0] != value else ""
