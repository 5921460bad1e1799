"""Strict JSON in and out: a documented cattrs converter and load / dump functions.

Loading never guesses. Every problem in a document is reported at once, inside one
[`ValidationError`][care_justice_protocol.ValidationError], as ``"message @ $.path"``:

>>> load_caseload('{"schema_version": 1, "cases": [{"case_id": 7}], "extra": true}')
Traceback (most recent call last):
...
care_justice_protocol._errors.ValidationError: invalid caseload: 3 problems
  - expected a string, got integer 7 @ $.cases[0].case_id
  - required field missing @ $.cases[0].young_person
  - extra fields found ('extra'); allowed: ... @ $

Good documents survive a round trip:

>>> doc = {"schema_version": 1, "cases": []}
>>> dump_caseload(load_caseload(doc))
{'schema_version': 1, 'cases': [], 'management_meetings': [], 'quality_assurance': []}
"""

from __future__ import annotations

import enum
import functools
import json
import re
import warnings
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from datetime import date
from typing import Any, Final, TypeAlias, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .._checks import check_count
from .._errors import CareJusticeError, InvalidArgumentError, ValidationError
from .._gc import gc_paused
from .._strict_json import (
    MAX_DOCUMENT_BYTES,
    MAX_ECHOED_CHARS,
    MAX_PROBLEMS,
    StreamAbandonedError,
    StrictJSONError,
    cap_problems,
    strict_json_loads,
    strict_json_stream,
    too_large,
)
from ..model._constraints import (
    EXTERNAL_REF,
    ID,
    NO_CONSTRAINT,
    Choice,
    Constraint,
    FieldValueError,
    Many,
    Maybe,
    Meaning,
    Record,
    Scalar,
    Shape,
    Tagged,
    fields_of,
    shape_of,
)
from ..model._entities import (
    DocumentKind,
    Meeting,
    MeetingKind,
    QualityAssuranceRecord,
    Role,
    Service,
    StaffMember,
    YoungPerson,
    _Choice,
)
from ..model._events import (
    EVENT_TYPES,
    SCHEMA_VERSION,
    CaseEvent,
    Caseload,
    DeclaredEvent,
    Event,
    JointCase,
)
from ..protocols._rules import Protocol
from ..protocols._vocabulary import (
    EventField,
    EventTypeSpec,
    FieldKind,
    core_event_fields,
    merge_vocabularies,
)
from ._crosscheck import cross_check, cross_check_case, report_findings
from ._existence import check_case, check_caseload
from ._identifiers import check_identifiers, identifier_ok, watching_identifiers

__all__ = [
    "MAX_CASES",
    "MAX_EVENTS_PER_CASE",
    "dump_case",
    "dump_caseload",
    "dumps_case",
    "dumps_caseload",
    "load_case",
    "load_caseload",
    "make_converter",
]

Hook: TypeAlias = Callable[[Any, Any], Any]
UnstructureHook: TypeAlias = Callable[[Any], Any]

#: Every attrs class the converter knows, in dependency order.
_CLASSES: Final[tuple[type, ...]] = (
    StaffMember,
    YoungPerson,
    Meeting,
    QualityAssuranceRecord,
    *EVENT_TYPES.values(),
    JointCase,
    Caseload,
)

#: The most cases a caseload document may hold by default (a large council has a few
#: thousand joint cases; the bound is far above that and far below what exhausts memory).
MAX_CASES: Final = 100_000
#: The most events one case may hold by default (years of a busy case are hundreds).
MAX_EVENTS_PER_CASE: Final = 10_000

#: The constraint on a document's ``schema_version`` (declared on
#: [`Caseload`][care_justice_protocol.Caseload]).
_VERSION: Final = next(f.constraint for f in fields_of(Caseload) if f.name == "schema_version")
_DATE_PATTERN: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class _InvalidError(ValueError):
    """A value failed a check; the message is the whole explanation."""


#: What the detailed path reports as a problem in the document: cattrs' groups, the
#: hooks' own errors and the model's (``CareJusticeError``: constructors' checks), and
#: the built-in errors cattrs raises for a value of the wrong type or a missing key.
#: Anything else (an ``AttributeError``, an ``IndexError``...) is a bug and propagates.
_INVALID: Final = (cattrs.BaseValidationError, CareJusticeError, ValueError, TypeError, KeyError)


# --------------------------------------------------------------------------- lexicon

#: The model's closed enums whose values a protocol's vocabulary declares.
_VOCABULARY_ENUMS: Final[Mapping[FieldKind, type[_Choice]]] = {
    FieldKind.SERVICE: Service,
    FieldKind.ROLE: Role,
    FieldKind.DOCUMENT: DocumentKind,
    FieldKind.MEETING_KIND: MeetingKind,
}


@attrs.frozen
class _Lexicon:
    """What a caseload read for given protocols may say: their terms and event types.

    Without one (the default), the values are the model's own enums, which are the
    bundled protocols' vocabulary.
    """

    terms: tuple[tuple[FieldKind, tuple[str, ...]], ...]
    declared: tuple[EventTypeSpec, ...]

    def allowed(self, enum_type: type) -> tuple[str, ...] | None:
        for kind, terms in self.terms:
            if _VOCABULARY_ENUMS[kind] is enum_type:
                return terms
        return None

    def of_kind(self, kind: FieldKind) -> tuple[str, ...]:
        return next(terms for k, terms in self.terms if k is kind)

    def lookup(self, enum_type: type[enum.Enum], terms: tuple[str, ...]) -> dict[str, Any]:
        """Each term as the model's enum member where it has one, else as the string."""
        members = {m.value: m for m in enum_type}
        return {t: members.get(t, t) for t in terms}


def _lexicon(protocols: Protocol | Any | None) -> _Lexicon | None:
    """The lexicon of the protocols a document is read for (``None``: the model's enums).

    Raises:
        InvalidArgumentError: not protocols, or their vocabularies clash.
    """
    if protocols is None:
        return None
    given = (protocols,) if isinstance(protocols, Protocol) else tuple(protocols)
    if not given or not all(isinstance(p, Protocol) for p in given):
        raise InvalidArgumentError("protocols must be one or more Protocol values, or None")
    vocabulary = merge_vocabularies((p.id, p.vocabulary) for p in given)
    terms = tuple((kind, tuple(vocabulary.terms(kind))) for kind in _VOCABULARY_ENUMS)
    return _Lexicon(terms, tuple(vocabulary.event_types.values()))


# --------------------------------------------------------------------------- messages


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def _echo_limit() -> int:
    """The most characters of a value a message of the load under way quotes."""
    return _BOUNDS.get().max_echoed_chars


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: max(limit - 3, 1)] + "..."


def _show(value: object) -> str:
    """Describe *value* as ``<json type> <short repr>`` without echoing huge strings."""
    kind = _json_type(value)
    if isinstance(value, list | tuple | Mapping):
        return kind
    if value is None or isinstance(value, bool):
        return f"{kind} {json.dumps(value)}" if value is not None else kind
    if type(value) is int and value.bit_length() > 4 * _echo_limit():
        return f"{kind} of about {int(value.bit_length() * 0.30103) + 1} digits"
    return f"{kind} {_cut(repr(value), _echo_limit())}"


def _described(value: object) -> str:
    """What *value* is, never what it says: for fields that may hold personal data (dates,
    which may be a date of birth; names and free text; enum values, into which a name may
    be typed).

    >>> _described("29/02/2008"), _described(39507), _described(["x"])
    ('a string of 10 characters', 'an integer', 'an array')
    """
    if type(value) is str:
        return f"a string of {len(value)} character{'' if len(value) == 1 else 's'}"
    kind = _json_type(value)
    if kind in ("null", "boolean"):
        return f"{kind} {json.dumps(value)}" if kind == "boolean" else "null"
    return f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}"


def _quote(value: object) -> str:
    """A string's repr (shortened), or the JSON type and repr of anything else."""
    if type(value) is str:
        limit = _echo_limit()
        return repr(value if len(value) <= limit else value[: max(limit - 3, 1)] + "...")
    return _show(value)


def _keys(keys: object) -> str:
    """Keys for a message: each cut to the echo bound, at most ten, then a count."""
    names = sorted(map(str, keys))  # type: ignore[call-overload]
    shown = ", ".join(repr(_cut(k, _echo_limit())) for k in names[:10])
    return shown if len(names) <= 10 else f"{shown} and {len(names) - 10} more"


def _noun(cls: type) -> str:
    return re.sub(r"(?<!^)([A-Z])", r" \1", cls.__name__).lower()


# --------------------------------------------------------------------------- leaf hooks


def _object_check(value: object) -> None:
    if type(value) is not dict and not isinstance(value, Mapping):
        raise _InvalidError(f"expected an object, got {_show(value)}")


def _scalar_hook(kind: type, noun: str, constraint: Constraint) -> Hook:
    """A hook for a JSON string or integer: exactly that type, then the constraint."""
    problem = constraint.problem
    expected = f"expected {noun}, got "
    identifier = constraint.meaning is Meaning.IDENTIFIER
    # Free text may name people and a source system's reference identifies its record
    # outside this library: what they hold is described, never quoted.
    hidden = constraint.meaning in (Meaning.FREE_TEXT, Meaning.EXTERNAL_REFERENCE)
    shown = _described if hidden else _show

    def structure_scalar(value: Any, _: Any) -> Any:
        if type(value) is not kind:
            raise _InvalidError(expected + shown(value))
        found = problem(value)
        if found is not None:
            raise _InvalidError(found)
        if identifier and not value.isascii():  # type: ignore[attr-defined]
            identifier_ok(value)  # type: ignore[arg-type]  # noted for the mixed-script and confusable checks
        return value

    return structure_scalar


def _str_hook(constraint: Constraint) -> Hook:
    return _scalar_hook(str, "a string", constraint)


def _int_hook(constraint: Constraint) -> Hook:
    return _scalar_hook(int, "an integer", constraint)


def _enum_value(member: enum.Enum) -> Any:
    """A plain ``str`` (not the ``StrEnum`` member), so dumps hold builtins only."""
    return str.__str__(member) if isinstance(member, str) else member.value


def _structure_bool(value: Any, _: Any) -> bool:
    if value is True or value is False:
        return value
    raise _InvalidError(f"expected a boolean (true or false), got {_show(value)}")


def _structure_date(value: Any, _: Any) -> date:
    if type(value) is str:
        if len(value) == 10 and _DATE_PATTERN.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError as exc:
                # The value is not quoted: a date may be a date of birth (personal data).
                raise _InvalidError(f"not a valid date ({exc})") from None
        if "T" in value[:20] or " " in value[:20]:
            raise _InvalidError("expected a date 'YYYY-MM-DD', not a date-time")
        # Never quoted, in any form: a date may be a date of birth (personal data).
        raise _InvalidError(f"expected a date 'YYYY-MM-DD', got {_described(value)}")
    if type(value) is date:
        return value
    raise _InvalidError(f"expected a date string 'YYYY-MM-DD', got {_described(value)}")


def _enum_hook(cls: type[enum.Enum], members: tuple[enum.Enum, ...]) -> Hook:
    lookup = {member.value: member for member in members}
    expected = ", ".join(repr(member.value) for member in members)
    noun = _noun(cls)

    def structure_enum(value: Any, _: Any) -> enum.Enum:
        try:
            return lookup[value]
        except (KeyError, TypeError):
            raise _InvalidError(  # what was typed is not quoted: it may be a name
                f"{_described(value)} is not a valid {noun}; expected one of {expected}"
            ) from None

    return structure_enum


def _terms_hook(cls: type[enum.Enum], lookup: Mapping[str, Any]) -> Hook:
    """Like ``_enum_hook``, for the terms a protocol's vocabulary declares."""
    expected = ", ".join(repr(t) for t in lookup) or "none declared"
    noun = _noun(cls)

    def structure_term(value: Any, _: Any) -> Any:
        try:
            return lookup[value]
        except (KeyError, TypeError):
            raise _InvalidError(
                f"{_described(value)} is not a {noun} the protocols declare; expected one of "
                f"{expected}"
            ) from None

    return structure_term


@functools.cache
def _choice_hook(cls: type[enum.Enum]) -> Hook:
    return _enum_hook(cls, tuple(cls))


def _structure_choice(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    result: enum.Enum = _choice_hook(cls)(value, cls)
    return result


def _tuple_hook(item: Hook, item_type: Any, detailed: bool) -> Hook:
    if detailed:

        def structure_tuple(value: Any, _: Any) -> tuple[Any, ...]:
            if type(value) is not list and type(value) is not tuple:
                raise _InvalidError(f"expected an array, got {_show(value)}")
            errors: list[Exception] = []
            result = []
            more = 0
            for index, element in enumerate(value):
                try:
                    result.append(item(element, item_type))
                except _INVALID as exc:
                    if errors and len(errors) >= _BOUNDS.get().max_problems:
                        # counted, not kept: the memory stays bounded
                        more += _count(exc)
                        continue
                    note = IterableValidationNote(f"index {index}", index, item_type)
                    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                    errors.append(exc)
            if errors:
                group = IterableValidationError("While structuring an array", errors, tuple)
                group.more = more  # type: ignore[attr-defined]
                raise group
            return tuple(result)

        return structure_tuple

    def structure_tuple_fast(value: Any, _: Any) -> tuple[Any, ...]:
        if type(value) is not list and type(value) is not tuple:
            raise _InvalidError(f"expected an array, got {_show(value)}")
        return tuple([item(element, item_type) for element in value])

    return structure_tuple_fast


def _items_check(hook: Hook, constraint: Constraint) -> Hook:
    problem = constraint.problem

    def structure_checked(value: Any, type_: Any) -> Any:
        result = hook(value, type_)
        found = problem(result)
        if found is not None:
            raise _InvalidError(found)
        return result

    return structure_checked


def _optional_hook(inner: Hook) -> Hook:
    def structure_optional(value: Any, _: Any) -> Any:
        if value is None:
            return None
        return inner(value, None)

    return structure_optional


def _shape_hook(
    converter: cattrs.Converter, shape: Shape, detailed: bool, lexicon: _Lexicon | None = None
) -> Hook:
    """The strict structuring hook for a value of *shape* (see
    [`fields_of`][care_justice_protocol.model.fields_of])."""
    match shape:
        case Maybe(inner):
            return _optional_hook(_shape_hook(converter, inner, detailed, lexicon))
        case Many(item, constraint):
            hook = _tuple_hook(_shape_hook(converter, item, detailed, lexicon), object, detailed)
            if constraint.min_items is not None or constraint.unique_items:
                hook = _items_check(hook, constraint)
            return hook
        case Scalar(type_, constraint):
            if type_ is str:
                return _str_hook(constraint)
            if type_ is int:
                return _int_hook(constraint)
            return _structure_bool if type_ is bool else _structure_date
        case Choice(type_, members, restricted):
            allowed = lexicon.allowed(type_) if lexicon is not None else None
            if allowed is not None:
                return _terms_hook(type_, lexicon.lookup(type_, allowed))  # type: ignore[union-attr]
            return _enum_hook(type_, members) if restricted else _choice_hook(type_)
        case Record(type_):
            return converter.get_structure_hook(type_)
        case Tagged(union):
            return converter.get_structure_hook(union)


# --------------------------------------------------------------------------- class hooks


def _noted(exc: Exception, field: str) -> Exception:
    exc.__notes__ = [*getattr(exc, "__notes__", []), AttributeValidationNote(field, field, None)]
    return exc


def _class_hook(
    converter: cattrs.Converter, cls: type, detailed: bool, lexicon: _Lexicon | None = None
) -> Hook:
    """The structuring hook of an attrs class: strict fields, no extra keys."""
    fields = fields_of(cls)
    overrides: dict[str, Any] = {
        field.name: override(struct_hook=_shape_hook(converter, field.shape, detailed, lexicon))
        for field in fields
    }
    is_event = issubclass(cls, CaseEvent)
    generated: Hook = make_dict_structure_fn(
        cls,
        converter,
        _cattrs_forbid_extra_keys=False,
        _cattrs_detailed_validation=detailed,
        **overrides,
    )
    allowed = frozenset(field.name for field in fields) | ({"type"} if is_event else set())
    listed = ", ".join(sorted(allowed))
    tag: str | None = getattr(cls, "type", None) if is_event else None

    def problems(value: Mapping[str, Any]) -> list[Exception]:
        found: list[Exception] = []
        if tag is not None and value.get("type", tag) != tag:
            found.append(
                _noted(
                    _InvalidError(f"expected type {tag!r}, got {_quote(value['type'])}"),
                    "type",
                )
            )
        if not allowed.issuperset(value):
            extra = _keys(set(value) - allowed)
            found.append(_InvalidError(f"extra fields found ({extra}); allowed: {listed}"))
        return found

    if not detailed:

        def structure_fast(value: Any, _: Any) -> Any:
            _object_check(value)
            if not allowed.issuperset(value) or (tag is not None and value.get("type", tag) != tag):
                raise problems(value)[0]
            return generated(value, cls)

        return structure_fast

    def structure_detailed(value: Any, _: Any) -> Any:
        _object_check(value)
        found = problems(value)
        try:
            result = generated(value, cls)
        except ClassValidationError as exc:
            raise ClassValidationError(exc.message, [*exc.exceptions, *found], cls) from None
        if found:
            raise ClassValidationError(f"While structuring {cls.__name__}", found, cls)
        return result

    return structure_detailed


def _event_hook(
    converter: cattrs.Converter, detailed: bool, lexicon: _Lexicon | None = None
) -> Hook:
    """Structure the [`Event`][care_justice_protocol.Event] union, discriminated by the ``type``
    key.

    Not cattrs' ``configure_tagged_union``: its errors for a missing or unknown tag
    (and ``transform_error``'s wording for every other problem) differ from the
    messages this library documents and its tests pin, so both are left unused.
    """
    hooks = {tag: converter.get_structure_hook(cls) for tag, cls in EVENT_TYPES.items()}
    if lexicon is not None:
        for spec in lexicon.declared:
            hooks[spec.type] = _declared_hook(spec, lexicon, detailed)
    expected = ", ".join(repr(tag) for tag in hooks)

    def structure_event(value: Any, _: Any) -> Any:
        _object_check(value)
        if "type" not in value:
            problem: Exception = _noted(KeyError("type"), "type")
        else:
            tag = value["type"]
            hook = hooks.get(tag) if type(tag) is str else None
            if hook is not None:
                return hook(value, None)
            problem = _noted(
                _InvalidError(f"unknown event type {_quote(tag)}; expected one of {expected}"),
                "type",
            )
        if not detailed:
            raise problem
        raise ClassValidationError("While structuring an event", [problem], object)

    return structure_event


def _version_problems(value: Mapping[str, Any], detailed: bool, strip: bool) -> list[Exception]:
    """Check ``schema_version``: missing is reported with the rest; a wrong number alone.

    With *strip* (a case document, whose class has no ``schema_version`` field to
    check its type) a version that is not an integer is reported with the rest.
    """
    if "schema_version" not in value:
        return [_noted(KeyError("schema_version"), "schema_version")]
    version = value["schema_version"]
    if type(version) is not int:
        if not strip:
            return []  # the class hook reports it, with the other fields
        wrong = _InvalidError(f"expected an integer, got {_show(version)}")
        return [_noted(wrong, "schema_version")]
    found = _VERSION.problem(version, "schema_version")
    if found is not None:
        problem = _noted(_InvalidError(found), "schema_version")
        if not detailed:
            raise problem
        raise ClassValidationError("While reading a document", [problem], dict)
    return []


def _versioned(structure: Hook, cls: type, detailed: bool, *, strip: bool) -> Hook:
    """Wrap a class hook so the document must carry a supported ``schema_version``."""

    def structure_document(value: Any, _: Any) -> Any:
        _object_check(value)
        found = _version_problems(value, detailed, strip)
        body = {k: v for k, v in value.items() if k != "schema_version"} if strip else value
        if not detailed:
            if found:
                raise found[0]
            return structure(body, cls)
        try:
            result = structure(body, cls)
        except ClassValidationError as exc:
            raise ClassValidationError(exc.message, [*found, *exc.exceptions], cls) from None
        if found:
            raise ClassValidationError(f"While structuring {cls.__name__}", found, cls)
        return result

    return structure_document


# --------------------------------------------------------------------------- declared events


def _field_hook(field: EventField, lexicon: _Lexicon, detailed: bool) -> Hook:
    """The structuring hook of one declared field (its kind; a list of them if ``many``)."""
    kind = field.kind
    one: Hook
    if kind is FieldKind.STRING:
        one = _str_hook(ID)
    elif kind is FieldKind.DATE:
        one = _structure_date
    elif kind is FieldKind.BOOLEAN:
        one = _structure_bool
    elif kind is FieldKind.INTEGER:
        one = _int_hook(NO_CONSTRAINT)
    elif kind is FieldKind.CHOICE:
        choices = {c: c for c in field.choices}
        expected = ", ".join(repr(c) for c in field.choices)

        def one(value: Any, _: Any) -> Any:
            try:
                return choices[value]
            except (KeyError, TypeError):
                raise _InvalidError(
                    f"{_described(value)} is not one of {field.name}'s choices; expected one of "
                    f"{expected}"
                ) from None
    else:
        enum_type = _VOCABULARY_ENUMS[kind]
        one = _terms_hook(enum_type, lexicon.lookup(enum_type, lexicon.of_kind(kind)))
    return _tuple_hook(one, object, detailed) if field.many else one


def _declared_hook(spec: EventTypeSpec, lexicon: _Lexicon, detailed: bool) -> Hook:
    """Structure an event of a declared type: every field checked against its declaration.

    Written as closures, not generated source: a protocol file's names never become code.
    """
    base = {
        "on": _structure_date,
        "recorded_by": _str_hook(ID),
        "external_ref": _optional_hook(_str_hook(EXTERNAL_REF)),
    }
    hooks = {f.name: _field_hook(f, lexicon, detailed) for f in spec.fields}
    defaults = {f.name: (() if f.many else None) for f in spec.fields if not f.required}
    required = ("on", "recorded_by", *(f.name for f in spec.fields if f.required))
    allowed = frozenset(("type", *base, *hooks))
    listed = ", ".join(sorted(allowed))

    def structure_declared(value: Any, _: Any) -> DeclaredEvent:
        _object_check(value)
        found: list[Exception] = []
        if not allowed.issuperset(value):
            extra = _keys(set(value) - allowed)
            found.append(_InvalidError(f"extra fields found ({extra}); allowed: {listed}"))
        out: dict[str, Any] = {}
        for name in required:
            if name not in value:
                found.append(_noted(KeyError(name), name))
        for name, hook in (*base.items(), *hooks.items()):
            if name not in value:
                continue
            if value[name] is None and name in defaults:  # an optional field written as null
                out[name] = defaults[name]
                continue
            try:
                out[name] = hook(value[name], None)
            except _INVALID as exc:
                found.append(_noted(exc, name))
        if found:
            if not detailed:
                raise found[0]
            raise ClassValidationError(f"While structuring {spec.type}", found, DeclaredEvent)
        values = {**defaults, **{k: v for k, v in out.items() if k in hooks}}
        return DeclaredEvent(
            type=spec.type, on=out["on"], recorded_by=out["recorded_by"],
            external_ref=out.get("external_ref"), values=values,
        )  # fmt: skip

    return structure_declared


def _unstructure_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_unstructure_value(v) for v in value]
    if isinstance(value, str):
        return str.__str__(value)
    return value


def _unstructure_declared(event: DeclaredEvent) -> dict[str, Any]:
    return {
        "type": event.type,
        "on": event.on.isoformat(),
        "recorded_by": event.recorded_by,
        "external_ref": event.external_ref,
        **{k: _unstructure_value(v) for k, v in event.values.items()},
    }


# --------------------------------------------------------------------------- unstructuring


def _event_unstructure_hook(converter: cattrs.Converter, cls: type[CaseEvent]) -> UnstructureHook:
    generated = make_dict_unstructure_fn(cls, converter)
    tag = cls.type

    def unstructure_event(event: Any) -> dict[str, Any]:
        return {"type": tag, **generated(event)}

    return unstructure_event


def _unstructure_tuple_factory(
    converter: cattrs.Converter,
) -> Callable[[Any], UnstructureHook]:
    def factory(type_: Any) -> UnstructureHook:
        item_type = get_args(type_)[0]
        item = converter.get_unstructure_hook(item_type)

        def unstructure_tuple(value: Any) -> list[Any]:
            return [item(element) for element in value]

        return unstructure_tuple

    return factory


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


# --------------------------------------------------------------------------- converter


def make_converter(
    *, detailed_validation: bool = True, protocols: Protocol | Any | None = None
) -> cattrs.Converter:
    """Build the cattrs converter for the library's JSON documents.

    Each serialisation choice, in the manner of ``cattrs.preconf.json``:

    * **Dates** are ISO-8601 calendar dates, ``"YYYY-MM-DD"`` exactly. A date-time
      string (``"2026-01-05T09:00"``), a compact or week date (``"20260105"``,
      ``"2026-W02-1"``) and impossible days (``"2026-02-30"``) are refused. A Python
      ``datetime`` is refused too; a ``date`` object is accepted.
    * **Enums** are their kebab-case string values (``"next-step"``); anything else is
      refused with the list of valid values.
    * **No coercion**: ``"5"`` is not an int, ``true`` is not an int, ``5`` is not a
      string, a string is not an array, ``1.0`` is not an int, ``"yes"`` is not a bool.
    * **Tuples** are JSON arrays (a Python ``list`` or ``tuple``); they unstructure to
      ``list``.
    * **Strings** have lengths bounded by the field: identifiers 1-64 characters, free
      text at most 1000, so a huge string is an error rather than a memory problem.
    * **Events** are a tagged union on the key ``"type"`` (see
      [`EVENT_TYPES`][care_justice_protocol.EVENT_TYPES]); the tag is written first on dump.
      An unknown tag is an error naming the allowed tags.
    * **Extra keys** are rejected everywhere (``forbid_extra_keys``).
    * **Optional fields** holding ``None`` are written as ``null``; on load they may
      be ``null`` or omitted. Fields with defaults may be omitted.
    * **Constraints** are each field's [`Constraint`][care_justice_protocol.model.Constraint]
      (identifiers 1-64 characters, minimum version 1, at least two different services
      in a disagreement, ...), read through [`fields_of`][care_justice_protocol.model.fields_of]
      as the JSON Schema and the field validators read them; they are checked while
      structuring, so they are reported with the other problems and at the field's path.
    * **Errors**: with ``detailed_validation`` (the default) every problem is kept,
      with its path, in cattrs' exception groups; turn them into ``"message @ $.path"``
      strings with [`load_caseload`][care_justice_protocol.load_caseload] (or
      ``cattrs.transform_error``). Without it, the first problem is raised as soon as it is found.
      ([`load_caseload`][care_justice_protocol.load_caseload] and
      [`load_case`][care_justice_protocol.load_case] use neither mode first: they try a generated
      fast path, and only a document it refuses is read again with the detailed converter.)

    The ``schema_version`` of a [`Caseload`][care_justice_protocol.Caseload] document is
    required, and any version other than 1 is refused on its own, since the rest of a
    document cannot be read without knowing its version.

    * **Vocabulary**: with ``protocols``, services, roles, documents and meeting kinds
      are the terms those protocols' files declare (a term the model's enums also hold is
      read as the enum member, any other as the string), and the event types the files
      declare are read as [`DeclaredEvent`][care_justice_protocol.DeclaredEvent] values, each field
      checked against its declaration. Without, they are the model's own enums (the
      bundled protocols' vocabulary) and only the core event types are known.

    Args:
        detailed_validation: collect every problem with its path (slower).
        protocols: the protocols whose vocabulary documents may use (default: the
            model's own enums).

    Returns:
        A new converter; it shares nothing with any other converter.

    Raises:
        InvalidArgumentError: ``protocols`` is not protocols, or their vocabularies clash.

    Examples:
        >>> from datetime import date
        >>> from care_justice_protocol.model._entities import StaffMember, Role, Service
        >>> converter = make_converter()
        >>> converter.unstructure(StaffMember("S-1", Role.SPOC, Service.YOS))
        {'id': 'S-1', 'role': 'spoc', 'service': 'yos', 'name': None, 'external_ref': None}
        >>> converter.structure({"id": "S-1", "role": "spoc", "service": "yos"}, StaffMember)
        StaffMember(id='S-1', role='spoc', service='yos')
    """
    return _make_converter(detailed_validation, _lexicon(protocols))


def _make_converter(detailed_validation: bool, lexicon: _Lexicon | None) -> cattrs.Converter:
    converter = cattrs.Converter(
        detailed_validation=detailed_validation,
        forbid_extra_keys=True,
        prefer_attrib_converters=False,
    )
    converter.register_unstructure_hook(date, date.isoformat)
    # On _Choice itself: cattrs' hook for ``str`` would otherwise win (StrEnum is a str).
    converter.register_unstructure_hook(_Choice, _enum_value)
    converter.register_unstructure_hook_factory(
        _is_homogeneous_tuple, _unstructure_tuple_factory(converter)
    )
    for cls in _CLASSES:
        if issubclass(cls, CaseEvent):
            converter.register_unstructure_hook(cls, _event_unstructure_hook(converter, cls))
    converter.register_unstructure_hook(DeclaredEvent, _unstructure_declared)
    converter.register_unstructure_hook_func(
        lambda type_: type_ == Event,
        lambda event: converter.unstructure(event, unstructure_as=event.__class__),
    )

    # Leaves first, so class hooks capture the strict versions.
    # cattrs consults these by class, most specific first: the enum hook (on _Choice)
    # beats the one for str, and the one for bool beats the one for int.
    converter.register_structure_hook(date, _structure_date)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(int, _int_hook(NO_CONSTRAINT))
    converter.register_structure_hook(str, _str_hook(NO_CONSTRAINT))
    converter.register_structure_hook(_Choice, _structure_choice)
    converter.register_structure_hook_factory(
        _is_homogeneous_tuple,
        lambda type_: _shape_hook(converter, shape_of(type_), detailed_validation),
    )
    for cls in _CLASSES[:4]:
        converter.register_structure_hook(
            cls, _class_hook(converter, cls, detailed_validation, lexicon)
        )
    for cls in EVENT_TYPES.values():
        converter.register_structure_hook(
            cls, _class_hook(converter, cls, detailed_validation, lexicon)
        )
    converter.register_structure_hook_func(
        lambda type_: type_ == Event, _event_hook(converter, detailed_validation, lexicon)
    )
    converter.register_structure_hook(
        JointCase, _class_hook(converter, JointCase, detailed_validation)
    )
    converter.register_structure_hook(
        Caseload,
        _versioned(
            _class_hook(converter, Caseload, detailed_validation),
            Caseload,
            detailed_validation,
            strip=False,
        ),
    )
    return converter


class _Converters:
    """The fast structurers and the detailed converter of one lexicon, each built on first
    use: a valid document never needs the detailed converter, whose construction is a
    third of the cold start of ``cjp check``."""

    def __init__(self, lexicon: _Lexicon | None) -> None:
        self.lexicon = lexicon
        self._fast: Mapping[type, Callable[[Any], Any]] | None = None
        self._detailed: cattrs.Converter | None = None

    def __getitem__(self, which: int) -> Any:
        if which == 0:
            if self._fast is None:
                self._fast = _compile_fast_structurers(self.lexicon)
            return self._fast
        if which == 1:
            if self._detailed is None:
                self._detailed = _make_converter(True, self.lexicon)
            return self._detailed
        raise IndexError(which)

    def __iter__(self) -> Iterator[Any]:
        yield self[0]
        yield self[1]


@functools.lru_cache(maxsize=16)
def _converters(lexicon: _Lexicon | None = None) -> _Converters:
    """The fast structurers (``[0]``) and the detailed converter (``[1]``) the load
    functions share, per lexicon, each built when first asked for."""
    return _Converters(lexicon)


# --------------------------------------------------------------------------- fast path
#
# Loading first tries these generated functions: one per class, with every strict check
# inlined as an expression (no call per field on the happy path), enum values looked up
# in dicts and parsed dates cached. Each field's checks come from its shape and its
# [`Constraint`][care_justice_protocol.model.Constraint]
# ([`Constraint.test_source`][care_justice_protocol.model.Constraint.test_source], the inlined twin
# of the detailed hooks' [`Constraint.problem`][care_justice_protocol.model.Constraint.problem]),
# and objects are built slot by slot, as attrs' own ``__init__`` does, so the constraints are not
# checked a second time by the field validators; the class-level checks (unique case and staff ids)
# are called explicitly.
#
# The fast path reports a problem in exactly one way: it raises ``_FastPathError``,
# at a validation point, and the load functions then re-read the document with the
# detailed converter, which alone produces error reports. Any other exception out of
# the fast path is a bug and propagates (tests see it): nothing is caught broadly.

_DATE_CACHE_LIMIT: Final = 50_000

#: What the class-level checks (unique case ids, unique staff ids) raise.
_REFUSED: Final = (FieldValueError, ValidationError)


class _FastPathError(Exception):
    """The fast path cannot read the input; the detailed converter then decides.

    For JSON text, and for mappings made of ``dict`` and ``list``, this means the input
    is invalid (tests/test_fast_path.py proves it on the fuzz corpus). Other mappings
    (``MappingProxyType``, ...) are not read by the fast path at all: the detailed
    converter reads them, with the same result.
    """


def _fail() -> Any:
    raise _FastPathError


def _fail_one(_value: Any) -> Any:
    """Stands in for the structuring function of an unknown event type."""
    raise _FastPathError


def _date_parser(cache: dict[str, date]) -> Callable[[Any], date]:
    """Parse what the detailed path's ``_structure_date`` accepts, or fail."""

    def parse(value: Any) -> date:
        if type(value) is str:
            if len(value) != 10 or not _DATE_PATTERN.fullmatch(value):
                raise _FastPathError
            try:
                day = date.fromisoformat(value)
            except ValueError:  # an impossible day such as 2026-02-30
                raise _FastPathError from None
            if len(cache) >= _DATE_CACHE_LIMIT:
                cache.clear()
            cache[value] = day
            return day
        if type(value) is date:
            return value
        raise _FastPathError

    return parse


class _FastCompiler:
    """Generates the source of one fast structuring function per attrs class.

    The source comes from the library's own classes only; a lexicon's terms and declared
    event types enter as constants and closures in the namespace, never as source.
    """

    def __init__(self, lexicon: _Lexicon | None = None) -> None:
        self.lexicon = lexicon
        cache: dict[str, date] = {}
        self.namespace: dict[str, Any] = {
            "_fail": _fail,
            "_fail_one": _fail_one,
            "_date_get": cache.get,
            "_date_parse": _date_parser(cache),
            "_REFUSED": _REFUSED,
            "_identifier_ok": identifier_ok,
            "_new": object.__new__,
            "_set": object.__setattr__,
        }
        self.counter = 0

    def name(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def constant(self, value: Any, prefix: str = "_c") -> str:
        key = self.name(prefix)
        self.namespace[key] = value
        return key

    def expr(self, shape: Shape, src: str) -> str:
        """An expression that structures the value of expression *src*, or fails."""
        v = self.name("v")
        match shape:
            case Maybe(inner):
                return f"(None if ({v} := {src}) is None else {self.expr(inner, v)})"
            case Many(item, constraint):
                e = self.name("e")
                result = (
                    f"(tuple([{self.expr(item, e)} for {e} in {v}]) "
                    f"if type({v} := {src}) is list or type({v}) is tuple else _fail())"
                )
                w = self.name("w")
                test = constraint.test_source(tuple, w)
                if test == "True":
                    return result
                return f"({w} if type({w} := {result}) is tuple and {test} else _fail())"
            case Scalar(type_, constraint):
                if type_ is bool:
                    return f"({v} if ({v} := {src}) is True or {v} is False else _fail())"
                if type_ is date:
                    return (
                        f"((_date_get({v}) or _date_parse({v})) "
                        f"if type({v} := {src}) is str else _date_parse({v}))"
                    )
                test = constraint.test_source(type_, v)
                return f"({v} if type({v} := {src}) is {type_.__name__} and {test} else _fail())"
            case Choice(type_, members):
                assert all(m.value for m in members), "a falsy enum value would read as a miss"
                allowed = self.lexicon.allowed(type_) if self.lexicon is not None else None
                table = (
                    {m.value: m for m in members}
                    if allowed is None or self.lexicon is None
                    else self.lexicon.lookup(type_, allowed)
                )
                lookup = self.constant(table, "_enum")
                return f"(({lookup}.get({v}) or _fail()) if type({v} := {src}) is str else _fail())"
            case Record(type_):
                return f"_structure_{type_.__name__}({src})"
            case Tagged():
                # one call per event: look the tag up here, not in a dispatch function
                t = self.name("t")
                return (
                    f"(((_event_get({t}) if type({t} := {v}.get('type')) is str else None) "
                    f"or _fail_one)({v}) if type({v} := {src}) is dict else _fail())"
                )

    def function(self, cls: type) -> str:
        fields = fields_of(cls)
        _check_buildable(cls)
        is_event = issubclass(cls, CaseEvent)
        allowed = frozenset(field.name for field in fields) | ({"type"} if is_event else set())
        required = frozenset(field.name for field in fields if field.required)
        lines = [
            f"def _structure_{cls.__name__}(o):",
            "    if type(o) is not dict:",
            "        _fail()",
            f"    if not {self.constant(allowed, '_allowed')}.issuperset(o):",
            "        _fail()",
        ]
        if required:  # a document written by dump_caseload has every key: len() settles it
            every = self.constant(required, "_required")
            lines += [
                f"    if len(o) != {len(allowed)} and not {every}.issubset(o):",
                "        _fail()",
            ]
        if is_event:
            lines += [f"    if o.get('type', {cls.type!r}) != {cls.type!r}:", "        _fail()"]  # type: ignore[attr-defined]
        lines.append(f"    i = _new({self.constant(cls, '_cls')})")
        checks = []
        for field, attribute in zip(fields, attrs.fields(cls), strict=True):
            key = repr(field.name)
            value = self.expr(field.shape, f"o[{key}]")
            if not field.required:
                default = self.constant(field.default, "_default")
                value = f"({value} if {key} in o else {default})"
            lines.append(f"    _set(i, {key}, {value})")
            if (
                attribute.validator is not None
                and attribute.validator is not field.constraint.check
            ):
                validator = self.constant(attribute.validator, "_validator")
                checks.append(
                    f"        {validator}(i, {self.constant(attribute, '_attr')}, i.{field.name})"
                )
        if checks:
            lines += [
                "    try:",
                *checks,
                "    except _REFUSED:  # a class-level check refused",
                "        _fail()",
            ]
        lines.append("    return i")
        return "\n".join(lines)


def _check_buildable(cls: type) -> None:
    """Refuse to build *cls* slot by slot if its ``__init__`` would do more than that."""
    klass: Any = cls
    hooks = ("__attrs_pre_init__", "__attrs_post_init__", "__attrs_init__")
    if any(hasattr(cls, hook) for hook in hooks) or any(
        field.converter is not None or not field.init for field in attrs.fields(klass)
    ):  # pragma: no cover - a guard for classes added later
        raise TypeError(f"the fast path cannot build {cls.__name__} without its __init__")


def _fast_declared(spec: EventTypeSpec, lexicon: _Lexicon) -> Callable[[Any], Any]:
    """A declared type's structurer for the fast path: any problem is a _FastPathError."""
    structure = _declared_hook(spec, lexicon, False)

    def structure_fast(value: Any) -> Any:
        try:
            return structure(value, None)
        except _INVALID:
            raise _FastPathError from None

    return structure_fast


def _compile_fast_structurers(
    lexicon: _Lexicon | None = None,
) -> Mapping[type, Callable[[Any], Any]]:
    compiler = _FastCompiler(lexicon)
    sources = [compiler.function(cls) for cls in _CLASSES]
    namespace = compiler.namespace
    exec("\n\n".join(sources), namespace)  # source generated from our own classes above
    events = {tag: namespace[f"_structure_{cls.__name__}"] for tag, cls in EVENT_TYPES.items()}
    if lexicon is not None:
        events.update({spec.type: _fast_declared(spec, lexicon) for spec in lexicon.declared})
    namespace["_event_get"] = events.get
    return {cls: namespace[f"_structure_{cls.__name__}"] for cls in _CLASSES}


# --------------------------------------------------------------------------- errors


def _count(exc: BaseException) -> int:
    """How many messages ``_messages`` would give for ``exc``."""
    if isinstance(exc, BaseExceptionGroup):
        return sum(_count(sub) for sub in exc.exceptions) + getattr(exc, "more", 0)
    if isinstance(exc, ValidationError):
        return len(exc.errors)
    return 1


def _messages(exc: BaseException, path: str, more: list[int] | None = None) -> list[str]:
    """Flatten a (nested) structuring error into ``"message @ path"`` strings.

    ``more[0]`` is increased by the problems counted but not kept (past the bound).
    """
    if more is None:
        more = [0]
    if isinstance(exc, IterableValidationError):
        more[0] += getattr(exc, "more", 0)
        with_notes, without = exc.group_exceptions()
        out = []
        for sub, note in with_notes:
            out.extend(_messages(sub, f"{path}[{note.index!r}]", more))
        for sub in without:
            out.extend(_messages(sub, path, more))
        return out
    if isinstance(exc, ClassValidationError):
        with_attr_notes, others = exc.group_exceptions()
        out = []
        for sub, attr_note in with_attr_notes:
            needed = _needed(exc.cl, attr_note.name) if isinstance(sub, KeyError) else None
            if needed is not None:
                out.append(f"required field missing: {needed} @ {path}.{attr_note.name}")
                continue
            out.extend(_messages(sub, f"{path}.{attr_note.name}", more))
        for sub in others:
            out.extend(_messages(sub, path, more))
        return out
    if isinstance(exc, ValidationError):
        return [_reroot(message, path) for message in exc.errors]
    if isinstance(exc, FieldValueError):
        return [f"{exc} @ {path}.{exc.field}"]
    return [f"{_describe(exc)} @ {path}"]


#: What a value of each kind of event field looks like, for "required field missing".
_KIND_WORDS: Final[Mapping[FieldKind, str]] = {
    FieldKind.STRING: "an identifier",
    FieldKind.DATE: "a date YYYY-MM-DD",
    FieldKind.BOOLEAN: "true or false",
    FieldKind.INTEGER: "a whole number",
    FieldKind.SERVICE: "a service",
    FieldKind.ROLE: "a role",
    FieldKind.DOCUMENT: "a document",
    FieldKind.MEETING_KIND: "a meeting kind",
    FieldKind.CHOICE: "one of its choices",
}


def _needed(cls: type, name: str) -> str | None:
    """For a core event's missing field: what the event type needs there, in words
    (``"a meeting-held event needs recorded (true or false)"``); ``None`` otherwise."""
    if not (isinstance(cls, type) and issubclass(cls, CaseEvent)) or cls is DeclaredEvent:
        return None
    field = next((f for f in core_event_fields().get(cls.type, ()) if f.name == name), None)
    if field is None:
        return None
    words = _KIND_WORDS[field.kind]
    if field.kind is FieldKind.CHOICE and field.choices:
        words = "one of " + ", ".join(field.choices)
    if field.many:
        words = f"a list; each {words}"
    return f"a {cls.type} event needs {name} ({words})"


def _reroot(message: str, path: str) -> str:
    """Move a message's paths (``@ $...`` and ``first at $...``) under *path*."""
    head, sep, tail = message.rpartition(" @ $")
    if not sep:
        return f"{message} @ {path}"
    return f"{head.replace('(first at $', f'(first at {path}')} @ {path}{tail}"


def _describe(exc: BaseException) -> str:
    if isinstance(exc, _InvalidError):
        return str(exc)
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        return f"extra fields found ({_keys(exc.extra_fields)})"
    text = str(exc)
    if len(text) > 200:
        text = text[:197] + "..."
    return f"invalid value ({type(exc).__name__}: {text})"


# --------------------------------------------------------------------------- load / dump


@attrs.frozen
class _Bounds:
    """The bounds one load applies (see [`load_caseload`][care_justice_protocol.load_caseload])."""

    max_bytes: int | None = MAX_DOCUMENT_BYTES
    max_cases: int | None = MAX_CASES
    max_events: int | None = MAX_EVENTS_PER_CASE
    max_problems: int = MAX_PROBLEMS
    max_echoed_chars: int = MAX_ECHOED_CHARS


_DEFAULT_BOUNDS: Final = _Bounds()
_ZERO_ALLOWED: Final = frozenset({"max_cases", "max_events"})
#: The bounds of the load under way (the detailed path's hooks are shared, so they read it
#: here: the most problems kept, the most characters of a value quoted).
_BOUNDS: ContextVar[_Bounds] = ContextVar("cjp_load_bounds", default=_DEFAULT_BOUNDS)


def _bounds(
    max_bytes: int | None,
    max_cases: int | None,
    max_events: int | None,
    max_problems: int,
    max_echoed_chars: int,
) -> _Bounds:
    """The bounds of a load, each checked (``None``: no bound, where one is allowed)."""
    values: dict[str, int | None] = {}
    for name, value, optional in (
        ("max_bytes", max_bytes, True),
        ("max_cases", max_cases, True),
        ("max_events", max_events, True),
        ("max_problems", max_problems, False),
        ("max_echoed_chars", max_echoed_chars, False),
    ):
        if value is None and optional:
            values[name] = None
            continue
        values[name] = check_count(name, value, minimum=0 if name in _ZERO_ALLOWED else 1)
    bounds = _Bounds(**values)  # type: ignore[arg-type]
    return _DEFAULT_BOUNDS if bounds == _DEFAULT_BOUNDS else bounds


def _text(data: bytes | bytearray | memoryview | str, what: str, bounds: _Bounds) -> str:
    """JSON text within the size bound, as ``str`` (bytes decoded as ``json.loads`` does)."""
    raw = data if isinstance(data, str) else bytes(data)
    if too_large(raw, bounds.max_bytes):
        raise ValidationError(
            [f"document too large: more than {bounds.max_bytes} bytes @ $"], what=what
        )
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode(json.detect_encoding(raw), "surrogatepass")
    except UnicodeDecodeError as exc:
        problem = f"malformed JSON: not UTF-8 (byte {exc.start}) @ $"
        raise ValidationError([problem], what=what) from None


def _parse(data: Any, what: str, bounds: _Bounds = _DEFAULT_BOUNDS) -> Any:
    """The document: JSON text read by the one strict reader, or a mapping as it is."""
    if isinstance(data, bytes | bytearray | memoryview | str):
        try:
            return strict_json_loads(
                data if isinstance(data, str) else bytes(data),
                max_bytes=bounds.max_bytes,
                max_problems=bounds.max_problems,
            )
        except StrictJSONError as exc:
            raise ValidationError(list(exc.errors), what=what) from None
    if isinstance(data, Mapping):
        return data
    raise ValidationError(
        [f"expected JSON text (str or bytes) or a mapping, got {type(data).__name__} @ $"],
        what=what,
    )


def _too_many_events(case: Any, path: str, bounds: _Bounds) -> str | None:
    events = case.get("events") if isinstance(case, Mapping) else None
    limit = bounds.max_events
    if limit is not None and isinstance(events, list | tuple) and len(events) > limit:
        return f"too many events: {len(events)}, at most {limit} allowed @ {path}.events"
    return None


#: The lists of a caseload that ``max_cases`` bounds, and how messages name their items.
_RECORDS: Final = (
    ("cases", "cases"),
    ("management_meetings", "management meetings"),
    ("quality_assurance", "quality-assurance records"),
)


def _count_problems(value: Any, single_case: bool, bounds: _Bounds) -> list[str]:
    """The counts over their bounds, found before anything is built: a document of a
    million empty cases is refused on its count, not read case by case."""
    if not isinstance(value, Mapping):
        return []
    if single_case:
        found = _too_many_events(value, "$", bounds)
        return [] if found is None else [found]
    limit = bounds.max_cases
    out = []
    for key, noun in _RECORDS:
        held = value.get(key)
        if limit is not None and isinstance(held, list | tuple) and len(held) > limit:
            out.append(f"too many {noun}: {len(held)}, at most {limit} allowed @ $.{key}")
    cases = value.get("cases")
    if out or not isinstance(cases, list | tuple):
        return out
    for index, case in enumerate(cases):
        found = _too_many_events(case, f"$.cases[{index}]", bounds)
        if found is not None:
            out.append(found)
    return cap_problems(out, limit=bounds.max_problems)


def _fast_caseload(value: Any, lexicon: _Lexicon | None = None) -> Caseload:
    """The fast path for a caseload document: the caseload, or ``_FastPathError``."""
    result: Caseload = _converters(lexicon)[0][Caseload](value)
    return result


def _detailed_caseload(value: Any, lexicon: _Lexicon | None = None) -> Caseload:
    """The detailed path for a caseload document (raises cattrs' exception groups)."""
    result: Caseload = _converters(lexicon)[1].structure(value, Caseload)
    return result


def _fast_case(value: Any, lexicon: _Lexicon | None = None) -> JointCase:
    """The fast path for a single-case document: the case, or ``_FastPathError``."""
    if type(value) is not dict:
        raise _FastPathError
    version = value.get("schema_version")
    if type(version) is not int or _VERSION.problem(version) is not None:
        raise _FastPathError
    body = {k: v for k, v in value.items() if k != "schema_version"}
    case: JointCase = _converters(lexicon)[0][JointCase](body)
    return case


def _detailed_case(value: Any, lexicon: _Lexicon | None = None) -> JointCase:
    """The detailed path for a single-case document (raises cattrs' exception groups)."""
    converter = _converters(lexicon)[1]
    hook = _versioned(converter.get_structure_hook(JointCase), JointCase, True, strip=True)
    case: JointCase = hook(value, JointCase)
    return case


def _streamed_caseload(text: str, lexicon: _Lexicon | None, bounds: _Bounds) -> Caseload | None:
    """A valid caseload document read one case at a time (``None``: read it in full).

    Each case is built by the fast path as soon as its JSON is parsed, and its parsed JSON
    dropped, so a large caseload never holds all its parsed JSON and its objects at once
    (a third of the memory). Anything unusual (a problem in the JSON or in a case, a count
    over its bound) gives ``None``, and the document is then read in full, which reports it.
    """
    fast = _converters(lexicon)[0]
    structure_case = fast[JointCase]

    def one(index: int, value: Any) -> JointCase:
        if type(value) is not dict or _too_many_events(value, "", bounds) is not None:
            raise StreamAbandonedError
        try:
            case: JointCase = structure_case(value)
        except _FastPathError:
            raise StreamAbandonedError from None
        return case

    with gc_paused():
        top = strict_json_stream(text, "cases", one, max_items=bounds.max_cases)
        if top is None:
            return None
        cases = top.pop("cases", [])
        if type(cases) is not list or _count_problems(top, False, bounds):
            return None
        try:
            shell = _fast_caseload({**top, "cases": []}, lexicon)
            return attrs.evolve(shell, cases=tuple(cases))
        except (_FastPathError, ValidationError):  # a repeated case id: reported in full
            return None


def _load(
    fast: Callable[[Any, _Lexicon | None], Any],
    detailed: Callable[[Any, _Lexicon | None], Any],
    value: Any,
    what: str,
    lexicon: _Lexicon | None = None,
    bounds: _Bounds = _DEFAULT_BOUNDS,
) -> tuple[Any, bool]:
    """Read *value* with the fast path; only if it signals invalid input, in detail.

    Returns the value and whether the detailed path read it. Only ``_FastPathError``
    sends a document to the detailed path: any other exception from the fast path is a
    bug and propagates. Counts over their bounds are refused before either path starts.
    """
    counted = _count_problems(value, what == "case", bounds)
    if counted:
        raise ValidationError(counted, what=what)
    try:
        with gc_paused():
            return fast(value, lexicon), False
    except _FastPathError:
        pass
    token = _BOUNDS.set(bounds)
    try:
        return detailed(value, lexicon), True
    except _INVALID as exc:
        more = [0]
        messages = _messages(exc, "$", more)
        raise ValidationError(
            cap_problems(messages, more[0], bounds.max_problems), what=what
        ) from None
    finally:
        _BOUNDS.reset(token)


def load_caseload(
    data: bytes | str | Mapping[str, Any],
    *,
    protocols: Protocol | Any | None = None,
    max_bytes: int | None = MAX_DOCUMENT_BYTES,
    max_cases: int | None = MAX_CASES,
    max_events: int | None = MAX_EVENTS_PER_CASE,
    max_problems: int = MAX_PROBLEMS,
    max_echoed_chars: int = MAX_ECHOED_CHARS,
    strict: bool = False,
    progress: Callable[[int, int], object] | None = None,
) -> Caseload:
    """Load and validate a caseload document.

    Args:
        data: JSON text (``str`` or UTF-8 ``bytes``) or an already parsed mapping.
        protocols: the protocols the caseload is for: its services, roles, documents and
            meeting kinds must be terms their files declare, and events of the types the
            files declare are read (as [`DeclaredEvent`][care_justice_protocol.DeclaredEvent]).
            Default: the model's own terms (the bundled protocols') and the core event
            types only.
        max_bytes: the largest JSON text read, in UTF-8 bytes (default
            [`MAX_DOCUMENT_BYTES`][care_justice_protocol.MAX_DOCUMENT_BYTES]; ``None``: no bound).
        max_cases: the most cases, and the most management meetings or quality-assurance
            records (default [`MAX_CASES`][care_justice_protocol.MAX_CASES]; ``None``: no bound).
        max_events: the most events in one case (default
            [`MAX_EVENTS_PER_CASE`][care_justice_protocol.MAX_EVENTS_PER_CASE]; ``None``: no bound).
        max_problems: the most problems an error lists, then one line counting the others
            (default [`MAX_PROBLEMS`][care_justice_protocol.MAX_PROBLEMS]).
        max_echoed_chars: the most characters of a value or key an error quotes (default
            [`MAX_ECHOED_CHARS`][care_justice_protocol.MAX_ECHOED_CHARS]).
        strict: refuse the document instead of warning about it, for an event that names
            a service on a day outside its dates of existence (the vocabulary's
            ``period``; e.g. CRC after 25 June 2021), and for mixed-script or confusable
            identifiers.
        progress: called as ``progress(cases_read, cases_in_document)`` while the cases
            are built (every 256 cases and once at the end), for a progress display; it
            is the caller's (the loader keeps no clock). With ``progress`` the document is
            read whole, not one case at a time (the count of cases must be known first).

    Returns:
        The caseload.

    Warns:
        CareJusticeWarning: one per event whose service-valued field names a service on
            a day outside its dates of existence (the protocols given, else the bundled
            ones), e.g. ``"crc ceased to exist on 2021-06-25: an event on 2021-07-01
            names it @ $.cases[3].events[5].to_service (case 'C-0004')"``; one per
            mixed-script identifier, and one per identifier confusable with another of
            the document (both paths named; see ``care_justice_protocol.io._identifiers``).

    Raises:
        ValidationError: listing every problem as ``"message @ $.path"`` (malformed
            JSON, a key given twice in one object, ``NaN`` or ``Infinity``, a document
            over ``max_bytes``, more cases or events than allowed, missing or extra keys,
            wrong types, impossible dates, identifiers outside the identifier alphabet,
            unknown event types, unsupported ``schema_version``, duplicate case ids);
            with ``strict``, also what it would otherwise warn about.
        InvalidArgumentError: ``protocols`` whose vocabularies clash, or a bound that is
            not a positive integer.

    Note:
        A valid document is read by a generated fast path, one case at a time for JSON
        text; only a document with a problem is read again, more slowly, to report every
        problem. While the objects are built, Python's cyclic garbage collector is paused
        (and then restored to its previous state), which halves the time for large
        caseloads.
    """
    bounds = _bounds(max_bytes, max_cases, max_events, max_problems, max_echoed_chars)
    return _load_caseload([data], protocols, bounds, strict, stacklevel=4, progress=progress)


def _load_caseload(
    holder: list[Any], protocols: Protocol | Any | None, bounds: _Bounds, strict: bool,
    stacklevel: int, progress: Callable[[int, int], object] | None = None,
) -> Caseload:  # fmt: skip
    """[`load_caseload`][care_justice_protocol.load_caseload] of ``holder``'s one item, which it
    takes (so that bytes read
    from a file are freed as soon as they are decoded)."""
    result, scan = _read_caseload_owned(holder, protocols, bounds, progress)
    _check_content(result, protocols, strict, stacklevel + 1)
    if scan:
        check_identifiers(result, strict=strict, stacklevel=stacklevel)
    return result


def _check_content(
    document: Caseload | JointCase, protocols: Protocol | Any | None, strict: bool,
    stacklevel: int,
) -> None:  # fmt: skip
    """The cross-checks of a loaded document (services outside their dates, then the
    others of ``care_justice_protocol.io._crosscheck``): warnings, or with ``strict`` one
    error listing all of them."""
    what = "caseload" if isinstance(document, Caseload) else "case"
    with warnings.catch_warnings():
        if strict:
            warnings.simplefilter("ignore")
        if isinstance(document, Caseload):
            problems = check_caseload(document, protocols, stacklevel=stacklevel)
            found = cross_check(document, protocols)
        else:
            problems = check_case(document, protocols, stacklevel=stacklevel)
            found = cross_check_case(document, protocols)
    if not strict:
        report_findings(found, what, False, stacklevel)
        return
    problems += [f.line() for f in found]
    if problems:
        raise ValidationError(cap_problems(problems), what=what)


def _read_caseload_owned(
    holder: list[Any], protocols: Protocol | Any | None, bounds: _Bounds,
    progress: Callable[[int, int], object] | None = None,
) -> tuple[Caseload, bool]:  # fmt: skip
    """The caseload in ``holder`` (emptied), and whether its identifiers need the
    mixed-script and confusable check (one is outside ASCII, or the detailed path read it)."""
    lexicon = _lexicon(protocols)
    data = holder.pop()
    with watching_identifiers() as seen:
        if isinstance(data, bytes | bytearray | memoryview | str):
            text = _text(data, "caseload", bounds)
            del data  # the caller's bytes may now go: only the text is needed
            # (with a progress display the whole document is read: its count comes first)
            streamed = None if progress is not None else _streamed_caseload(text, lexicon, bounds)
            if streamed is not None:
                return streamed, seen[0]
            data = text
            del text
        value = _parse(data, "caseload", bounds)
        del data
        fast = _fast_caseload if progress is None else _counting(progress)
        result, detailed = _load(fast, _detailed_caseload, value, "caseload", lexicon, bounds)
        return result, seen[0] or detailed


#: How many cases are built between two calls of a loader's ``progress``.
_PROGRESS_EVERY: Final = 256


def _read_caseload(
    data: bytes | str | Mapping[str, Any],
    protocols: Protocol | Any | None,
    max_bytes: int | None,
    progress: Callable[[int, int], object] | None = None,
) -> Caseload:
    """[`load_caseload`][care_justice_protocol.load_caseload] without the checks of services' dates
    and of identifiers."""
    bounds = attrs.evolve(_DEFAULT_BOUNDS, max_bytes=max_bytes)
    return _read_caseload_owned([data], protocols, bounds, progress)[0]


def _counting(
    progress: Callable[[int, int], object],
) -> Callable[[Any, _Lexicon | None], Caseload]:
    """The fast path of a caseload, built case by case with ``progress`` called between.

    The cases are built by the same generated function as in ``_fast_caseload``, the
    rest of the document with no cases, and the two joined with the class's own checks
    (unique case ids): any problem sends the document to the detailed path, as there.
    """

    def fast(value: Any, lexicon: _Lexicon | None = None) -> Caseload:
        if type(value) is not dict or type(value.get("cases")) is not list:
            return _fast_caseload(value, lexicon)
        converters = _converters(lexicon)[0]
        one = converters[JointCase]
        cases = value["cases"]
        total = len(cases)
        built = []
        for start in range(0, total, _PROGRESS_EVERY):
            built.extend([one(c) for c in cases[start : start + _PROGRESS_EVERY]])
            progress(len(built), total)
        if not total:
            progress(0, 0)
        shell: Caseload = converters[Caseload]({**value, "cases": []})
        try:
            return attrs.evolve(shell, cases=tuple(built))
        except _REFUSED:
            raise _FastPathError from None

    return fast


def load_case(
    data: bytes | str | Mapping[str, Any],
    *,
    protocols: Protocol | Any | None = None,
    max_bytes: int | None = MAX_DOCUMENT_BYTES,
    max_events: int | None = MAX_EVENTS_PER_CASE,
    max_problems: int = MAX_PROBLEMS,
    max_echoed_chars: int = MAX_ECHOED_CHARS,
    strict: bool = False,
) -> JointCase:
    """Load and validate a single-case document (a case plus ``schema_version``).

    ``protocols``, ``max_bytes``, ``max_events``, ``max_problems``, ``max_echoed_chars``
    and ``strict`` as for [`load_caseload`][care_justice_protocol.load_caseload] (paths of the
    warnings start at ``$.events``).

    Warns:
        CareJusticeWarning: as [`load_caseload`][care_justice_protocol.load_caseload].

    Raises:
        ValidationError: as [`load_caseload`][care_justice_protocol.load_caseload].
    """
    bounds = _bounds(max_bytes, None, max_events, max_problems, max_echoed_chars)
    return _load_case([data], protocols, bounds, strict, stacklevel=4)


def _load_case(
    holder: list[Any], protocols: Protocol | Any | None, bounds: _Bounds, strict: bool,
    stacklevel: int,
) -> JointCase:  # fmt: skip
    """[`load_case`][care_justice_protocol.load_case] of ``holder``'s one item, which it takes."""
    lexicon = _lexicon(protocols)
    with watching_identifiers() as seen:
        value = _parse(holder.pop(), "case", bounds)
        result, detailed = _load(_fast_case, _detailed_case, value, "case", lexicon, bounds)
        del value
    _check_content(result, protocols, strict, stacklevel + 1)
    if seen[0] or detailed:
        check_identifiers(result, strict=strict, stacklevel=stacklevel)
    case: JointCase = result
    return case


def dump_caseload(caseload: Caseload) -> dict[str, Any]:
    """The caseload as JSON-ready builtins (dicts, lists, strings, ints, bools, None)."""
    converter = _converters()[1]
    result: dict[str, Any] = converter.unstructure(caseload, Caseload)
    return result


def dump_case(case: JointCase) -> dict[str, Any]:
    """A single-case document: ``schema_version`` then the case's fields."""
    converter = _converters()[1]
    return {"schema_version": SCHEMA_VERSION, **converter.unstructure(case, JointCase)}


def _dumps(value: dict[str, Any], indent: int | None) -> str:
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)


def dumps_caseload(caseload: Caseload, *, indent: int | None = None) -> str:
    """The caseload as JSON text (compact unless *indent* is given)."""
    return _dumps(dump_caseload(caseload), indent)


def dumps_case(case: JointCase, *, indent: int | None = None) -> str:
    """A single-case document as JSON text (compact unless *indent* is given)."""
    return _dumps(dump_case(case), indent)
