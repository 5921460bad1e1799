"""The protocol definition format: a document (TOML or JSON) in, a checked Protocol out.

A protocol file declares the protocol (id, title, source, parties), its versions, its
vocabulary (services, groups of services, roles, documents, meeting kinds and new event
types), its case-level obligations, its partnership obligations, its escalation ladders and
its complaint routes. [`parse_protocol`][care_justice_protocol.parse_protocol] checks every key,
value, pattern, field and reference against the vocabulary and the core event types and reports
every problem at once, each with its path (``"unknown field 'servce' of event type 'allocated' @
$.obligations[1].trigger.where"``); [`protocol_from_text`][care_justice_protocol.protocol_from_text]
reads TOML or JSON text first, giving the line of a syntax error. Nothing in a file is executed.

[`protocol_to_document`][care_justice_protocol.protocol_to_document] is the inverse (nothing is lost
on a round trip), and [`protocol_to_toml`][care_justice_protocol.protocol_to_toml] writes a document
as TOML. Reading files and the bundled protocols is
[`care_justice_protocol.io`][care_justice_protocol.io]'s.

The format is described key by key in ``docs/reference/protocol-format.md``; its JSON
Schema is
[`care_justice_protocol.io.protocol_json_schema`][care_justice_protocol.protocol_json_schema].
"""

from __future__ import annotations

import itertools
import json
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Final, TypeVar

from .._errors import InvalidArgumentError, ValidationError, _did_you_mean, _safe_repr
from .._strict_json import StrictJSONError, strict_json_loads
from ..calendar._deadlines import (
    BeforeEvent,
    ByTheDay,
    CalendarDaysAfter,
    DeadlineShape,
    LocalTimescale,
    MonthsAfter,
    NoTimescale,
    OnTheDay,
    Recurring,
    WorkingDaysAfter,
)
from ..calendar._periods import PeriodPolicy, Recurrence
from ..model._citation import Citation
from ..model._entities import CareStatus, ServicePeriod
from ._rules import (
    OTHER_TOKEN,
    TRIGGER_PREFIX,
    ComplaintRoute,
    Condition,
    LadderSpec,
    Match,
    NotEncoded,
    Obligation,
    PeriodicObligation,
    Protocol,
    ProtocolVersion,
    Recurs,
    ReviewLaw,
    Rung,
    SharingDeclaration,
    Strength,
    Window,
)
from ._vocabulary import (
    EventField,
    EventTypeSpec,
    FieldKind,
    ServiceTerm,
    Term,
    Vocabulary,
    core_event_fields,
    is_field_name,
    is_term,
)

__all__ = [
    "FORMAT_VERSION",
    "MAX_PROTOCOL_BYTES",
    "ProtocolFileError",
    "parse_protocol",
    "protocol_from_text",
    "protocol_to_document",
    "protocol_to_toml",
]

#: The protocol document format this library reads and writes (``format_version``).
FORMAT_VERSION: Final = 1
#: The largest protocol text read (a protocol is a few tens of kilobytes).
MAX_PROTOCOL_BYTES: Final = 2_000_000
#: Longest string a protocol document may hold (a quoted clause is a paragraph or two).
_MAX_STRING: Final = 20_000
#: Most items in any one list (obligations, rungs, values of a pattern...).
_MAX_ITEMS: Final = 2_000

_PROTOCOL_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_FIELD_REF: Final = re.compile(r"\{([^{}]*)\}")


class ProtocolFileError(ValidationError):
    """A protocol document did not parse or did not check.

    ``errors`` lists every problem, each ``"message @ $.path"`` (a syntax error gives the
    line and column instead of a path). ``lines`` gives, for each, the line of the TOML
    text where the key it is about is written (``None`` when it cannot be told, or for
    JSON); ``path`` is the file's, when it was read from one. The message names both.

    Examples:
        >>> error = ProtocolFileError(["missing required key @ $.protocol.id"], path="x.toml",
        ...                           lines=[3])
        >>> print(error)
        invalid protocol file 'x.toml': 1 problem
          - line 3: missing required key @ $.protocol.id
        >>> error.located()
        ('x.toml:3: missing required key @ $.protocol.id',)
    """

    def __init__(
        self,
        errors: Sequence[str],
        *,
        path: str | None = None,
        lines: Sequence[int | None] | None = None,
    ) -> None:
        self.path = path
        found = tuple(lines) if lines is not None else ()
        self.lines: tuple[int | None, ...] = (
            found if len(found) == len(errors) else (None,) * len(errors)
        )
        what = "protocol document" if path is None else f"protocol file {path!r}"
        super().__init__(errors, what=what)
        self.args = (self._message(what),)

    def _message(self, what: str) -> str:
        count = len(self.errors)
        noun = "problem" if count == 1 else "problems"
        shown = [
            f"  - line {line}: {e}" if line is not None else f"  - {e}"
            for e, line in zip(self.errors, self.lines, strict=True)
        ]
        return "\n".join([f"invalid {what}: {count} {noun}", *shown])

    def located(self, name: str | None = None) -> tuple[str, ...]:
        """Each problem as ``"FILE:LINE: message @ $.path"`` (``"FILE: ..."`` without a
        line), for ``name`` (default: ``path``); the form editors and terminals
        open at the line."""
        where = name if name is not None else (self.path or "<protocol>")
        return tuple(
            f"{where}:{line}: {e}" if line is not None else f"{where}: {e}"
            for e, line in zip(self.errors, self.lines, strict=True)
        )


# --------------------------------------------------------------------------- reading

_T = TypeVar("_T")


#: Marks a problem that follows from another (see ``_Reader.follows``).
_FOLLOWS: Final = "\0"


class _Reader:
    """Collects every problem of one document, each with its path."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{message} @ {path}")

    def follows(self, path: str) -> None:
        """A problem that follows from one already reported (a field whose declaration
        did not check): it fails what holds it, and is not shown."""
        self.errors.append(f"{_FOLLOWS}{path}")

    def shown(self) -> list[str]:
        """The problems to report: all but those that follow from another."""
        return [e for e in self.errors if not e.startswith(_FOLLOWS)]

    def table(self, value: object, path: str) -> Mapping[str, Any] | None:
        if isinstance(value, Mapping):
            return value
        self.error(path, f"expected a table (object), got {_kind(value)}")
        return None

    def keys(
        self,
        table: Mapping[str, Any],
        path: str,
        required: Iterable[str] = (),
        optional: Iterable[str] = (),
    ) -> None:
        required = tuple(required)
        allowed = (*required, *optional)
        for key in table:
            if key not in allowed:
                self.error(
                    f"{path}.{key}" if isinstance(key, str) else path,
                    f"unknown key {_safe_repr(key)}; expected one of {', '.join(allowed)}"
                    + _did_you_mean(key, allowed),
                )
        for key in required:
            if key not in table:
                self.error(f"{path}.{key}", "missing required key")

    def string(
        self, table: Mapping[str, Any], key: str, path: str, default: str | None = None
    ) -> str | None:
        if key not in table:
            return default
        value = table[key]
        if not isinstance(value, str):
            self.error(f"{path}.{key}", f"expected a string, got {_kind(value)}")
            return None
        if len(value) > _MAX_STRING:
            self.error(f"{path}.{key}", f"string too long: at most {_MAX_STRING} characters")
            return None
        if not value.strip():
            self.error(f"{path}.{key}", "expected a non-empty string")
            return None
        return value

    def term(self, value: object, path: str, what: str = "id") -> str | None:
        if is_term(value):
            assert isinstance(value, str)
            return value
        self.error(
            path,
            f"invalid {what} {_safe_repr(value)}: expected lower-case letters, digits and "
            "single hyphens, starting with a letter (at most 64 characters)",
        )
        return None

    def boolean(self, table: Mapping[str, Any], key: str, path: str, default: bool) -> bool:
        value = table.get(key, default)
        if value.__class__ is not bool:
            self.error(f"{path}.{key}", f"expected true or false, got {_kind(value)}")
            return default
        return bool(value)

    def integer(
        self, table: Mapping[str, Any], key: str, path: str, low: int, high: int
    ) -> int | None:
        value = table.get(key)
        if value.__class__ is not int or not low <= value <= high:
            quoted = isinstance(value, str) and value.isdigit()
            self.error(
                f"{path}.{key}",
                f"expected a whole number from {low} to {high}, got {_safe_repr(value)}"
                + (f"; write it without quotes: {key} = {value}" if quoted else ""),
            )
            return None
        assert isinstance(value, int)
        return value

    def day(self, table: Mapping[str, Any], key: str, path: str) -> date | None:
        if key not in table:
            return None
        value = table[key]
        if value.__class__ is date:
            assert isinstance(value, date)
            return value
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.error(f"{path}.{key}", f"expected a date YYYY-MM-DD, got {_safe_repr(value)}")
        return None

    def items(self, value: object, path: str, what: str = "list") -> list[Any]:
        if not isinstance(value, list):
            self.error(path, f"expected a {what} (array), got {_kind(value)}")
            return []
        if len(value) > _MAX_ITEMS:
            self.error(path, f"too many items: {len(value)}, at most {_MAX_ITEMS}")
            return []
        return value

    def choice(self, value: object, path: str, choices: Iterable[_T], what: str) -> _T | None:
        options = {str(c): c for c in choices}
        if isinstance(value, str) and value in options:
            return options[value]
        self.error(
            path,
            f"unknown {what} {_safe_repr(value)}; expected one of {', '.join(options)}"
            + _did_you_mean(value, options),
        )
        return None


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    names = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
        date: "a date",
    }
    return names.get(type(value), type(value).__name__)


def _toml_value(value: object) -> str:
    """A value as a TOML literal, for a message that shows the corrected form."""
    if value.__class__ is bool:
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, str | int):
        return json.dumps(value, ensure_ascii=False)
    return "..."


# --------------------------------------------------------------------------- references


class _Scope:
    """What a protocol's rules may refer to: its vocabulary, versions and parties."""

    def __init__(self, protocol_id: str, vocabulary: Vocabulary, versions: Iterable[str]) -> None:
        self.protocol_id = protocol_id
        self.vocabulary = vocabulary
        self.versions = frozenset(versions)
        #: Declared condition ids and their names (filled once the conditions are read).
        self.conditions: dict[str, str] = {}
        #: Ids of obligations declared but not read (their problems are reported).
        self.failed: set[str] = set()
        #: Fields of declared event types whose declaration did not check, by type (a
        #: pattern naming one is not reported again as an unknown field).
        self.failed_fields: Mapping[str, frozenset[str]] = {}

    def party(self, r: _Reader, value: object, path: str) -> str | None:
        """A service id or ``"@<group>"``."""
        if isinstance(value, str) and value.startswith("@"):
            if value[1:] in self.vocabulary.groups:
                return value
            declared = ["@" + g for g in self.vocabulary.groups]
            groups = ", ".join(declared) or "none declared"
            r.error(
                path,
                f"unknown group {_safe_repr(value)}; declared groups: {groups}"
                + _did_you_mean(value, declared),
            )
            return None
        return self.service(r, value, path)

    def service(self, r: _Reader, value: object, path: str) -> str | None:
        return self.declared(r, value, path, FieldKind.SERVICE)

    def declared(self, r: _Reader, value: object, path: str, kind: FieldKind) -> str | None:
        terms = self.vocabulary.terms(kind)
        if isinstance(value, str) and value in terms:
            return value
        section = kind.vocabulary
        shown = ", ".join(terms) or "none declared"
        r.error(
            path,
            f"{_safe_repr(value)} is not a declared {kind.value} (vocabulary.{section}: {shown})"
            + _did_you_mean(value, terms),
        )
        return None

    def fields(self, r: _Reader, event_type: object, path: str) -> tuple[EventField, ...] | None:
        if not isinstance(event_type, str):
            r.error(path, f"expected an event type (a string), got {_kind(event_type)}")
            return None
        found = self.vocabulary.fields_of(event_type)
        if found is None:
            known = [*core_event_fields(), *self.vocabulary.event_types]
            hint = _did_you_mean(event_type, known).removeprefix("; ")
            r.error(
                path,
                f"unknown event type {_safe_repr(event_type)}"
                + (f" ({hint})" if hint else "")
                + f"; core types: {', '.join(core_event_fields())}"
                + (
                    f"; declared: {', '.join(self.vocabulary.event_types)}"
                    if self.vocabulary.event_types
                    else ""
                ),
            )
        return found

    def value(
        self,
        r: _Reader,
        value: object,
        field: EventField,
        path: str,
        trigger: tuple[EventField, ...] | None,
    ) -> str | bool | None:
        """One value a pattern allows for ``field``, checked against its kind."""
        if value == OTHER_TOKEN:
            if trigger is None or field.kind is not FieldKind.SERVICE:
                r.error(path, f"{OTHER_TOKEN!r} (the other party) is allowed only for a "
                        "service field of an evidence or deadline pattern")  # fmt: skip
                return None
            return OTHER_TOKEN
        if isinstance(value, str) and value.startswith(TRIGGER_PREFIX):
            if trigger is None:
                r.error(
                    path,
                    f"{_safe_repr(value)}: a trigger reference is allowed only in "
                    "an evidence or deadline pattern",
                )
                return None
            name = value[len(TRIGGER_PREFIX) :]
            ref = next((f for f in trigger if f.name == name), None)
            if ref is None:
                r.error(
                    path,
                    f"{_safe_repr(value)}: the trigger has no field {_safe_repr(name)} "
                    f"(its fields: {', '.join(f.name for f in trigger)})"
                    + _did_you_mean(name, [f.name for f in trigger]),
                )
                return None
            if ref.kind != field.kind:
                r.error(
                    path,
                    f"{_safe_repr(value)}: the trigger's {name} is a {ref.kind.value}, "
                    f"not a {field.kind.value}",
                )
                return None
            return value
        kind = field.kind
        if kind is FieldKind.BOOLEAN:
            if value.__class__ is bool:
                assert isinstance(value, bool)
                return value
            r.error(
                path, f"{field.name} is a boolean: expected true or false, got {_safe_repr(value)}"
            )
            return None
        if kind is FieldKind.SERVICE:
            return self.party(r, value, path)
        if kind.vocabulary is not None:
            return self.declared(r, value, path, kind)
        if kind is FieldKind.CHOICE:
            if value in field.choices:
                assert isinstance(value, str)
                return value
            r.error(
                path,
                f"{_safe_repr(value)} is not one of {field.name}'s choices "
                f"({', '.join(field.choices)})" + _did_you_mean(value, field.choices),
            )
            return None
        if kind is FieldKind.STRING:
            if isinstance(value, str) and value and len(value) <= 64:
                return value
            r.error(
                path, f"expected an identifier string for {field.name}, got {_safe_repr(value)}"
            )
            return None
        r.error(path, f"{field.name} is a {kind.value} field: a pattern cannot match on it")
        return None

    def match(
        self,
        r: _Reader,
        raw: object,
        path: str,
        trigger: tuple[EventField, ...] | None = None,
    ) -> tuple[Match | None, tuple[EventField, ...] | None]:
        """A pattern, and the fields of its event type (``None`` when it did not check)."""
        table = r.table(raw, path)
        if table is None:
            return None, None
        r.keys(table, path, ("type",), ("where", "contains"))
        fields = self.fields(r, table.get("type"), f"{path}.type") if "type" in table else None
        ok = fields is not None
        parts: dict[str, dict[str, tuple[str | bool, ...]]] = {}
        for section, many in (("where", False), ("contains", True)):
            conds = table.get(section, {})
            cpath = f"{path}.{section}"
            ctable = r.table(conds, cpath)
            if ctable is None:
                ok = False
                continue
            out: dict[str, tuple[str | bool, ...]] = {}
            for name, raw_values in ctable.items():
                fpath = f"{cpath}.{name}"
                if fields is None:
                    continue
                field = next((f for f in fields if f.name == name), None)
                if field is None:
                    ok = False
                    if name in self.failed_fields.get(str(table.get("type")), ()):
                        r.follows(fpath)  # its declaration did not check: that is reported
                        continue
                    r.error(
                        fpath,
                        f"unknown field {_safe_repr(name)} of event type "
                        f"{_safe_repr(table.get('type'))} (its fields: "
                        f"{', '.join(f.name for f in fields)})"
                        + _did_you_mean(name, [f.name for f in fields]),
                    )
                    continue
                if field.many != many:
                    shown = f"{{ {name} = {_toml_value(raw_values)} }}"
                    hint = (
                        f"it holds a list: match it under contains (contains = {shown})"
                        if field.many
                        else f"it holds one value: match it under where (where = {shown})"
                    )
                    r.error(fpath, f"{name}: {hint}")
                    ok = False
                    continue
                values = raw_values if isinstance(raw_values, list) else [raw_values]
                if not values:
                    r.error(fpath, "expected at least one value")
                    ok = False
                    continue
                checked = []
                for i, v in enumerate(values):
                    vpath = f"{fpath}[{i}]" if isinstance(raw_values, list) else fpath
                    got = self.value(r, v, field, vpath, trigger)
                    if got is None:
                        ok = False
                    else:
                        checked.append(got)
                out[name] = tuple(checked)
            parts[section] = out
        if not ok or fields is None:
            return None, fields
        kind = table["type"]
        return Match(kind, parts.get("where", {}), contains=parts.get("contains", {})), fields

    def name_template(
        self, r: _Reader, text: str | None, fields: tuple[EventField, ...] | None, path: str
    ) -> None:
        """Check that ``{field}`` in a name refers to a field of the event."""
        if text is None or fields is None:
            return
        for ref in _FIELD_REF.findall(text):
            if not any(f.name == ref for f in fields):
                r.error(
                    path,
                    f"{{{ref}}} is not a field of the event "
                    f"(its fields: {', '.join(f.name for f in fields)})",
                )


# --------------------------------------------------------------------------- sections


def _vocabulary(
    r: _Reader, raw: object, path: str, failed_fields: dict[str, frozenset[str]] | None = None
) -> Vocabulary:
    """The vocabulary; ``failed_fields`` receives, by declared event type, the fields whose
    declaration did not check."""
    table = r.table(raw, path)
    if table is None:
        return Vocabulary()
    r.keys(
        table,
        path,
        (),
        ("services", "groups", "roles", "documents", "meeting_kinds", "event_types"),
    )
    services: dict[str, ServiceTerm] = {}
    spath = f"{path}.services"
    stable = r.table(table.get("services", {}), spath) or {}
    successors: list[tuple[str, object, str]] = []
    for sid, raw_service in stable.items():
        p = f"{spath}.{sid}"
        if r.term(sid, p, "service id") is None:
            continue
        entry = r.table(raw_service, p)
        if entry is None:
            continue
        r.keys(entry, p, ("label",), ("from", "to", "successor"))
        label = r.string(entry, "label", p)
        start, end = r.day(entry, "from", p), r.day(entry, "to", p)
        if start is not None and end is not None and end < start:
            r.error(f"{p}.to", f"{end.isoformat()} is before from ({start.isoformat()})")
        if "successor" in entry:
            successors.append((sid, entry["successor"], f"{p}.successor"))
        services[sid] = ServiceTerm(sid, label or sid, ServicePeriod(start, end), None)
    for sid, successor, p in successors:
        if successor == sid:
            r.error(p, "a service cannot succeed itself")
        elif isinstance(successor, str) and successor in services:
            assert isinstance(successor, str)
            services[sid] = ServiceTerm(sid, services[sid].label, services[sid].period, successor)
        else:
            r.error(p, f"{_safe_repr(successor)} is not a declared service")
    groups: dict[str, tuple[str, ...]] = {}
    gpath = f"{path}.groups"
    for name, members in (r.table(table.get("groups", {}), gpath) or {}).items():
        p = f"{gpath}.{name}"
        if r.term(name, p, "group name") is None:
            continue
        if name.startswith("trigger"):
            r.error(p, "a group name cannot start with 'trigger' (that is the trigger reference)")
            continue
        if name == OTHER_TOKEN[1:]:
            r.error(p, f"the group name 'other' is reserved ({OTHER_TOKEN!r} is the other party)")
            continue
        listed = r.items(members, p)
        ok = []
        for i, m in enumerate(listed):
            if isinstance(m, str) and m in services:
                ok.append(m)
            else:
                r.error(f"{p}[{i}]", f"{_safe_repr(m)} is not a declared service")
        if not listed:
            r.error(p, "a group needs at least one service")
        groups[name] = tuple(ok)
    labelled: dict[str, dict[str, Term]] = {}
    for section in ("roles", "documents", "meeting_kinds"):
        p0 = f"{path}.{section}"
        terms: dict[str, Term] = {}
        for tid, label in (r.table(table.get(section, {}), p0) or {}).items():
            p = f"{p0}.{tid}"
            if r.term(tid, p) is None:
                continue
            if not isinstance(label, str) or not label.strip():
                r.error(p, f"expected the term's label (a non-empty string), got {_kind(label)}")
                continue
            terms[tid] = Term(tid, label)
        labelled[section] = terms
    events: dict[str, EventTypeSpec] = {}
    epath = f"{path}.event_types"
    for tag, raw_spec in (r.table(table.get("event_types", {}), epath) or {}).items():
        p = f"{epath}.{tag}"
        if r.term(tag, p, "event type") is None:
            continue
        if tag in core_event_fields():
            r.error(p, f"{tag!r} is a core event type; a protocol cannot declare it again")
            continue
        spec = r.table(raw_spec, p)
        if spec is None:
            continue
        r.keys(spec, p, ("summary", "fields"), ())
        summary = r.string(spec, "summary", p) or ""
        fields: list[EventField] = []
        for fname, raw_field in (r.table(spec.get("fields", {}), f"{p}.fields") or {}).items():
            fp = f"{p}.fields.{fname}"
            if not is_field_name(fname):
                r.error(
                    fp,
                    f"invalid field name {_safe_repr(fname)}: expected snake_case letters, "
                    "digits and underscores (not type, on or recorded_by)",
                )
                continue
            field = _event_field(r, fname, raw_field, fp)
            if field is not None:
                fields.append(field)
            elif failed_fields is not None:
                failed_fields[tag] = failed_fields.get(tag, frozenset()) | {fname}
        events[tag] = EventTypeSpec(tag, summary, tuple(fields))
    vocabulary = Vocabulary(
        services=services,
        groups=groups,
        roles=labelled["roles"],
        documents=labelled["documents"],
        meeting_kinds=labelled["meeting_kinds"],
        event_types=events,
    )
    # A field of a vocabulary kind needs that vocabulary's terms declared.
    for tag, declared in events.items():
        for f in declared.fields:
            if f.kind.vocabulary is not None and not vocabulary.terms(f.kind):
                r.error(
                    f"{epath}.{tag}.fields.{f.name}",
                    f"a {f.kind.value} field needs vocabulary.{f.kind.vocabulary} to declare "
                    "its values",
                )
    return vocabulary


def _event_field(r: _Reader, name: str, raw: object, path: str) -> EventField | None:
    if isinstance(raw, str):
        raw = {"kind": raw}
    table = r.table(raw, path)
    if table is None:
        return None
    r.keys(table, path, ("kind",), ("many", "required", "choices"))
    kind = r.choice(table.get("kind"), f"{path}.kind", FieldKind, "field kind")
    many = r.boolean(table, "many", path, False)
    required = r.boolean(table, "required", path, not many)
    choices: tuple[str, ...] = ()
    if kind is FieldKind.CHOICE:
        listed = r.items(table.get("choices"), f"{path}.choices")
        choices = tuple(
            c for i, c in enumerate(listed) if r.term(c, f"{path}.choices[{i}]", "choice")
        )
        if not listed:
            r.error(f"{path}.choices", "a choice field needs at least one choice")
    elif "choices" in table:
        r.error(f"{path}.choices", "only a choice field has choices")
    if kind is None:
        return None
    return EventField(name, kind, many, required, choices)


def _versions(
    r: _Reader, raw: object, path: str, default_parties: tuple[str, ...], scope: _Scope
) -> tuple[ProtocolVersion, ...]:
    listed = r.items(raw, path, "list of versions")
    if not listed and isinstance(raw, list):
        r.error(path, "a protocol needs at least one version")
    out: list[ProtocolVersion] = []
    ids: dict[str, int] = {}
    for i, item in enumerate(listed):
        p = f"{path}[{i}]"
        table = r.table(item, p)
        if table is None:
            continue
        r.keys(
            table,
            p,
            ("id", "label"),
            ("effective_from", "effective_to", "review_due", "supersedes", "parties"),
        )
        vid = r.string(table, "id", p)
        label = r.string(table, "label", p)
        start, end = r.day(table, "effective_from", p), r.day(table, "effective_to", p)
        if start is not None and end is not None and end < start:
            r.error(
                f"{p}.effective_to",
                f"{end.isoformat()} is before effective_from ({start.isoformat()})",
            )
        if vid is not None:
            if vid in ids:
                r.error(f"{p}.id", f"duplicate version id {vid!r} (first at {path}[{ids[vid]}])")
            ids.setdefault(vid, i)
        parties = default_parties
        if "parties" in table:
            parties = _parties(r, table["parties"], f"{p}.parties", scope, groups=False)
        out.append(
            ProtocolVersion(
                label or "",
                start,
                end,
                parties,
                id=vid or "",
                review_due=r.day(table, "review_due", p),
                supersedes=table.get("supersedes")
                if isinstance(table.get("supersedes"), str)
                else None,
            )
        )
    for i in range(len(out)):
        raw_item = listed[i] if isinstance(listed[i], Mapping) else {}
        supersedes = raw_item.get("supersedes")
        if "supersedes" in raw_item and not (isinstance(supersedes, str) and supersedes in ids):
            r.error(
                f"{path}[{i}].supersedes",
                f"{_safe_repr(raw_item['supersedes'])} is not the id of another version",
            )
    dated = sorted(
        (v.effective_from or date.min, v.effective_to or date.max, i) for i, v in enumerate(out)
    )
    for (_, end_a, a), (start_b, _, b) in itertools.pairwise(dated):
        if start_b <= end_a:
            r.error(
                f"{path}[{b}]",
                f"versions {out[a].id!r} and {out[b].id!r} are both in force on the same days",
            )
    if [i for *_, i in dated] != list(range(len(out))):
        r.error(path, "versions must be listed in date order")
    return tuple(out)


def _parties(
    r: _Reader, raw: object, path: str, scope: _Scope, *, groups: bool = True
) -> tuple[str, ...]:
    listed = r.items(raw, path)
    if not listed and isinstance(raw, list):
        r.error(path, "expected at least one party")
    out = []
    for i, item in enumerate(listed):
        check = scope.party if groups else scope.service
        got = check(r, item, f"{path}[{i}]")
        if got is not None:
            out.append(got)
    return tuple(out)


_SHAPES: Final = (
    "none",
    "working-days-after",
    "calendar-days-after",
    "months-after",
    "on-the-day",
    "by-the-day",
    "before",
    "recurring",
)


def _deadline(
    r: _Reader, raw: object, path: str, scope: _Scope, trigger: tuple[EventField, ...] | None
) -> DeadlineShape | None:
    table = r.table(raw, path)
    if table is None:
        return None
    kind = r.choice(table.get("kind"), f"{path}.kind", _SHAPES, "due-date rule")
    if kind is None:
        return None
    if kind in ("none", "on-the-day", "by-the-day"):
        r.keys(table, path, ("kind",))
        return {"none": NoTimescale(), "on-the-day": OnTheDay(), "by-the-day": ByTheDay()}[kind]
    if kind in ("working-days-after", "calendar-days-after"):
        r.keys(table, path, ("kind", "days"))
        days = r.integer(table, "days", path, 1, 3650)
        if days is None:
            return None
        return WorkingDaysAfter(days) if kind == "working-days-after" else CalendarDaysAfter(days)
    if kind == "months-after":
        r.keys(table, path, ("kind", "months"))
        months = r.integer(table, "months", path, 1, 1200)
        return None if months is None else MonthsAfter(months)
    if kind == "recurring":
        r.keys(table, path, ("kind", "months"), ("reading",))
        months = r.integer(table, "months", path, 1, 1200)
        reading = r.choice(
            table.get("reading", PeriodPolicy.AT_MOST_N_MONTHS_SINCE_LAST.value),
            f"{path}.reading",
            PeriodPolicy,
            "reading",
        )
        if months is None or reading is None:
            return None
        return Recurring(MonthsAfter(months), reading)
    r.keys(table, path, ("kind", "event"))
    m, _ = scope.match(r, table.get("event"), f"{path}.event", trigger)
    return None if m is None else BeforeEvent(m)


def _citation(r: _Reader, table: Mapping[str, Any], path: str, protocol_id: str) -> Citation:
    place = r.string(table, "clause", path)
    if place is None:
        return Citation(protocol_id, "?")
    try:
        return Citation(protocol_id, place)
    except InvalidArgumentError as error:
        r.error(f"{path}.clause", str(error))
        return Citation(protocol_id, "?")


_OBLIGATION_REQUIRED: Final = (
    "id",
    "clause",
    "summary",
    "text",
    "strength",
    "strength_words",
    "parties",
    "trigger",
    "trigger_name",
    "due",
    "evidence",
    "evidence_name",
)
_OBLIGATION_OPTIONAL: Final = (
    "applies_if",
    "applies_if_name",
    "applies_when",
    "applies_when_name",
    "trigger_from",
    "requires_icta",
    "window",
    "recurs",
    "law",
    "until",
    "versions",
)


def _conditions(r: _Reader, raw: object, scope: _Scope) -> tuple[Condition, ...]:
    """``[conditions.<id>]``: states of a case that start and end with events."""
    table = r.table(raw, "$.conditions")
    if table is None:
        return ()
    out = []
    for cid, raw_condition in table.items():
        p = f"$.conditions.{cid}"
        if r.term(cid, p, "condition id") is None:
            continue
        entry = r.table(raw_condition, p)
        if entry is None:
            continue
        r.keys(entry, p, ("name", "starts"), ("ends", "care_statuses"))
        statuses = []
        for i, value in enumerate(r.items(entry.get("care_statuses", []), f"{p}.care_statuses")):
            got = r.choice(value, f"{p}.care_statuses[{i}]", CareStatus, "care status")
            if got is not None:
                statuses.append(str(got))
        name = r.string(entry, "name", p)
        patterns: dict[str, list[Match]] = {}
        for key in ("starts", "ends"):
            found = []
            listed = r.items(entry.get(key, []), f"{p}.{key}", "list of patterns")
            for i, item in enumerate(listed):
                m, _ = scope.match(r, item, f"{p}.{key}[{i}]")
                if m is not None:
                    found.append(m)
            patterns[key] = found
        if "starts" in entry and entry.get("starts") == []:
            r.error(f"{p}.starts", "expected at least one pattern")
        if name is not None and patterns["starts"]:
            out.append(
                Condition(
                    cid, name, tuple(patterns["starts"]), tuple(patterns["ends"]),
                    tuple(statuses),
                )
            )  # fmt: skip
    return tuple(out)


def _strength(
    r: _Reader, table: Mapping[str, Any], path: str, text: str | None
) -> tuple[Strength, str] | None:
    """The strength and the words of the text that give it (they must be in the text)."""
    if "strength" not in table:  # reported as a missing key
        return None
    strength = r.choice(table["strength"], f"{path}.strength", Strength, "strength")
    words = r.string(table, "strength_words", path)
    if words is not None and text is not None and words.lower() not in text.lower():
        r.error(
            f"{path}.strength_words",
            f"{_safe_repr(words)} is not in the obligation's text: quote the words that "
            "give its strength",
        )
        return None
    if strength is None or words is None:
        return None
    return strength, words


def _obligation_id(r: _Reader, table: Mapping[str, Any], path: str, protocol_id: str) -> str | None:
    oid = r.string(table, "id", path)
    if oid is None:
        return None
    if not oid.startswith(protocol_id + "/") or any(c.isspace() for c in oid) or len(oid) > 200:
        r.error(
            f"{path}.id",
            f"an obligation id must be '{protocol_id}/...' with no spaces "
            f"(at most 200 characters), got {_safe_repr(oid)}",
        )
        return None
    return oid


def _obligation(
    r: _Reader,
    raw: object,
    path: str,
    scope: _Scope,
    joint: tuple[tuple[Match, ...], str] | None,
) -> Obligation | None:
    table = r.table(raw, path)
    if table is None:
        return None
    before = len(r.errors)
    r.keys(table, path, _OBLIGATION_REQUIRED, _OBLIGATION_OPTIONAL)
    pid = scope.protocol_id
    oid = _obligation_id(r, table, path, pid)
    citation = _citation(r, table, path, pid)
    summary, text = r.string(table, "summary", path), r.string(table, "text", path)
    parties = _parties(r, table.get("parties", []), f"{path}.parties", scope)
    trigger, tfields = scope.match(r, table.get("trigger"), f"{path}.trigger")
    trigger_name = r.string(table, "trigger_name", path)
    scope.name_template(r, trigger_name, tfields, f"{path}.trigger_name")
    refs = tfields if tfields is not None else ()
    deadline = _deadline(r, table.get("due"), f"{path}.due", scope, refs)
    evidence, _ = scope.match(r, table.get("evidence"), f"{path}.evidence", refs)
    evidence_name = r.string(table, "evidence_name", path)
    applies_if: tuple[Match, ...] = ()
    applies_if_name = r.string(table, "applies_if_name", path, "") or ""
    raw_if = table.get("applies_if")
    if raw_if == "joint-case":
        if joint is None:
            r.error(f"{path}.applies_if", "'joint-case' needs a [joint_case] table")
        else:
            applies_if = joint[0]
            if "applies_if_name" not in table:
                applies_if_name = joint[1]
    elif raw_if is not None:
        found = []
        for i, item in enumerate(r.items(raw_if, f"{path}.applies_if", "'joint-case' or a list")):
            m, _ = scope.match(r, item, f"{path}.applies_if[{i}]")
            if m is not None:
                found.append(m)
        applies_if = tuple(found)
        if "applies_if_name" not in table:
            r.error(f"{path}.applies_if_name", "missing required key (applies_if is a list)")
    window = r.choice(
        table.get("window", Window.AFTER_TRIGGER.value), f"{path}.window", Window, "window"
    )
    recurs = r.choice(table.get("recurs", Recurs.ONCE.value), f"{path}.recurs", Recurs, "recurs")
    law = _law(r, table, path, recurs, deadline, evidence)
    until: Match | None = None
    if "until" in table:
        until, _ = scope.match(r, table["until"], f"{path}.until", refs)
        if deadline is not None and deadline.recurrence is None:
            r.error(f"{path}.until", "only with a recurring due date (due kind 'recurring')")
    versions: list[str] = []
    for i, v in enumerate(r.items(table.get("versions", []), f"{path}.versions")):
        if isinstance(v, str) and v in scope.versions:
            versions.append(v)
        else:
            r.error(
                f"{path}.versions[{i}]",
                f"{_safe_repr(v)} is not a version id of this "
                f"protocol ({', '.join(sorted(scope.versions))})",
            )
    requires_icta = r.boolean(table, "requires_icta", path, False)
    strength = _strength(r, table, path, text)
    when: list[str] = []
    for i, cid in enumerate(r.items(table.get("applies_when", []), f"{path}.applies_when")):
        if isinstance(cid, str) and cid in scope.conditions:
            when.append(cid)
        else:
            r.error(f"{path}.applies_when[{i}]", _unknown_condition(cid, scope))
    when_name = r.string(table, "applies_when_name", path, "") or ""
    if when and not when_name:
        when_name = " and ".join(scope.conditions[c] for c in when)
    trigger_from = table.get("trigger_from")
    if trigger_from is not None and not (
        isinstance(trigger_from, str) and trigger_from in scope.conditions
    ):
        r.error(f"{path}.trigger_from", _unknown_condition(trigger_from, scope))
    if len(r.errors) > before:
        return None
    assert strength
    assert oid
    assert summary
    assert text
    assert trigger
    assert trigger_name
    assert deadline
    assert evidence
    assert evidence_name
    assert window
    assert recurs
    return Obligation(
        id=oid,
        citation=citation,
        summary=summary,
        text=text,
        parties=parties,
        trigger=trigger,
        trigger_name=trigger_name,
        deadline=deadline,
        evidence=evidence,
        evidence_name=evidence_name,
        applies_if=applies_if,
        applies_if_name=applies_if_name,
        requires_icta=requires_icta,
        window=window,
        recurs=recurs,
        versions=tuple(versions),
        strength=strength[0],
        strength_words=strength[1],
        applies_when=tuple(when),
        applies_when_name=when_name,
        trigger_from=trigger_from,
        law=law,
        until=until,
    )


def _law(
    r: _Reader,
    table: Mapping[str, Any],
    path: str,
    recurs: Recurs | None,
    deadline: DeadlineShape | None,
    evidence: Match | None,
) -> ReviewLaw | None:
    """``law``: which law dates the next review, for ``recurs = "next-due-by-law"`` only."""
    by_law = recurs is Recurs.NEXT_DUE_BY_LAW
    if "law" not in table:
        if by_law:
            r.error(f"{path}.law", "missing required key (recurs is 'next-due-by-law'); "
                    f"expected one of {', '.join(ReviewLaw)}")  # fmt: skip
        return None
    law = r.choice(table["law"], f"{path}.law", ReviewLaw, "law")
    if law is not None and not by_law:
        r.error(f"{path}.law", "only with recurs = 'next-due-by-law'")
    if by_law and deadline is not None and not isinstance(deadline, ByTheDay):
        r.error(f"{path}.due", "with recurs = 'next-due-by-law' the due date is the law's: "
                "expected { kind = \"by-the-day\" }")  # fmt: skip
    if (
        by_law
        and evidence is not None
        and any(
            isinstance(v, str) and v.startswith(TRIGGER_PREFIX)
            for _, values in (*evidence.where, *evidence.contains)
            for v in values
        )
    ):
        r.error(f"{path}.evidence", "with recurs = 'next-due-by-law' there is no trigger "
                "event to refer to ('@trigger.<field>'): the next review is not held "
                "yet")  # fmt: skip
    return law


def _unknown_condition(value: object, scope: _Scope) -> str:
    known = ", ".join(scope.conditions) or "none declared"
    return f"{_safe_repr(value)} is not a declared condition (conditions: {known})" + (
        _did_you_mean(value, scope.conditions)
    )


def _periodic(r: _Reader, raw: object, path: str, scope: _Scope) -> PeriodicObligation | None:
    table = r.table(raw, path)
    if table is None:
        return None
    before = len(r.errors)
    r.keys(
        table,
        path,
        ("id", "clause", "summary", "text", "strength", "strength_words", "parties",
         "recurrence"),
        ("meeting_kind", "must_be_recorded", "notes_rotation", "notes_rotation_name"),
    )  # fmt: skip
    pid = scope.protocol_id
    oid = _obligation_id(r, table, path, pid)
    citation = _citation(r, table, path, pid)
    summary, text = r.string(table, "summary", path), r.string(table, "text", path)
    parties = _parties(r, table.get("parties", []), f"{path}.parties", scope)
    rpath = f"{path}.recurrence"
    rec = r.table(table.get("recurrence"), rpath)
    recurrence = None
    if rec is not None:
        r.keys(rec, rpath, ("months", "reading"), ("year_start_month",))
        months = r.integer(rec, "months", rpath, 1, 120)
        reading = r.choice(rec.get("reading"), f"{rpath}.reading", PeriodPolicy, "reading")
        start = (
            1 if "year_start_month" not in rec else r.integer(rec, "year_start_month", rpath, 1, 12)
        )
        if months is not None and reading is not None and start is not None:
            try:
                recurrence = Recurrence(months, reading, start)
            except InvalidArgumentError as error:
                r.error(rpath, str(error))
    kind = None
    if "meeting_kind" in table:
        kind = scope.declared(
            r, table["meeting_kind"], f"{path}.meeting_kind", FieldKind.MEETING_KIND
        )
    rotation: tuple[str, ...] = ()
    if "notes_rotation" in table:
        rotation = _parties(r, table["notes_rotation"], f"{path}.notes_rotation", scope)
    rotation_name = r.string(table, "notes_rotation_name", path, "") or ""
    if rotation_name and not rotation:
        r.error(f"{path}.notes_rotation_name", "needs notes_rotation")
    must_be_recorded = r.boolean(table, "must_be_recorded", path, False)
    strength = _strength(r, table, path, text)
    if len(r.errors) > before:
        return None
    assert strength
    assert oid
    assert summary
    assert text
    assert recurrence
    return PeriodicObligation(
        id=oid,
        citation=citation,
        summary=summary,
        text=text,
        parties=parties,
        recurrence=recurrence,
        meeting_kind=kind,
        must_be_recorded=must_be_recorded,
        notes_rotate=bool(rotation),
        rotation=rotation,
        rotation_name=rotation_name,
        strength=strength[0],
        strength_words=strength[1],
    )


def _ladder(r: _Reader, raw: object, path: str, scope: _Scope) -> LadderSpec | None:
    table = r.table(raw, path)
    if table is None:
        return None
    before = len(r.errors)
    r.keys(
        table,
        path,
        ("id", "title", "between", "before", "resolved", "rungs"),
        ("raise_note", "resolved_note"),
    )
    lid = r.term(table.get("id"), f"{path}.id", "ladder id")
    title = r.string(table, "title", path)
    between = _parties(r, table.get("between", []), f"{path}.between", scope)
    states: dict[str, str] = {}

    def state(key: str, value: object, p: str) -> str | None:
        got = r.term(value, p, "state")
        if got is not None:
            if got in states:
                r.error(p, f"state {got!r} is used twice in this ladder (first at {states[got]})")
            states.setdefault(got, p)
        return got

    first = state("before", table.get("before"), f"{path}.before")
    rungs: list[Rung] = []
    listed = r.items(table.get("rungs", []), f"{path}.rungs", "list of rungs")
    if not listed:
        r.error(f"{path}.rungs", "a ladder needs at least one rung")
    for i, item in enumerate(listed):
        p = f"{path}.rungs[{i}]"
        rung = r.table(item, p)
        if rung is None:
            continue
        r.keys(rung, p, ("state", "role", "clause", "quote"), ("role_tag", "working_days"))
        st = state("state", rung.get("state"), f"{p}.state")
        role = r.string(rung, "role", p)
        tag = None
        if "role_tag" in rung:
            tag = scope.declared(r, rung["role_tag"], f"{p}.role_tag", FieldKind.ROLE)
        days = None
        if "working_days" in rung:
            days = r.integer(rung, "working_days", p, 1, 3650)
        quote = r.string(rung, "quote", p)
        citation = _citation(r, rung, p, scope.protocol_id)
        if st and role and quote:
            rungs.append(Rung(st, role, tag, citation, quote, days))
    last = state("resolved", table.get("resolved"), f"{path}.resolved")
    raise_note = r.string(table, "raise_note", path, "") or ""
    resolved_note = r.string(table, "resolved_note", path, "") or ""
    if len(r.errors) > before:
        return None
    assert lid
    assert title
    assert first
    assert last
    return LadderSpec(lid, title, between, first, tuple(rungs), last, raise_note, resolved_note)


def _complaint(r: _Reader, raw: object, path: str, scope: _Scope) -> ComplaintRoute | None:
    table = r.table(raw, path)
    if table is None:
        return None
    before = len(r.errors)
    r.keys(
        table,
        path,
        ("id", "title", "clause", "before", "state", "description"),
        ("note", "procedure"),
    )
    cid = r.term(table.get("id"), f"{path}.id", "complaint route id")
    title = r.string(table, "title", path)
    citation = _citation(r, table, path, scope.protocol_id)
    first = r.term(table.get("before"), f"{path}.before", "state")
    then = r.term(table.get("state"), f"{path}.state", "state")
    if first is not None and first == then:
        r.error(f"{path}.state", "the route must move to a different state")
    description = r.string(table, "description", path)
    note = r.string(table, "note", path, "") or ""
    procedure = r.string(table, "procedure", path, "") or ""
    if len(r.errors) > before:
        return None
    assert cid
    assert title
    assert first
    assert then
    assert description
    return ComplaintRoute(cid, title, citation, first, then, description, note, procedure)


def _list_of(
    r: _Reader,
    doc: Mapping[str, Any],
    key: str,
    read: Callable[[_Reader, object, str], _T | None],
) -> list[_T]:
    out = []
    for i, item in enumerate(r.items(doc.get(key, []), f"$.{key}")):
        got = read(r, item, f"$.{key}[{i}]")
        if got is not None:
            out.append(got)
    return out


_TOP: Final = (
    "format_version",
    "protocol",
    "versions",
    "vocabulary",
    "joint_case",
    "obligations",
    "partnership",
    "ladders",
    "complaints",
    "sharing",
    "conditions",
    "not_encoded",
)

_SHARE_EVENTS: Final = frozenset({"document-shared", "document-copy-given", "information-fed-in"})


def _sharing(
    r: _Reader, raw: object, path: str, scope: _Scope, obligations: Mapping[str, Obligation]
) -> SharingDeclaration | None:
    table = r.table(raw, path)
    if table is None:
        return None
    before = len(r.errors)
    when = r.string(table, "when", path)
    clause = r.string(table, "clause", path)
    if "required" in table:
        r.keys(table, path, ("required", "when"), ("clause",))
        ids = []
        for i, oid in enumerate(r.items(table["required"], f"{path}.required")):
            p = f"{path}.required[{i}]"
            ob = obligations.get(oid) if isinstance(oid, str) else None
            if ob is None and isinstance(oid, str) and oid in scope.failed:
                continue  # the obligation's own problems are reported
            if ob is None:
                r.error(p, f"{_safe_repr(oid)} is not a case-level obligation of this protocol")
            elif ob.evidence.type not in _SHARE_EVENTS or not all(
                len(dict(ob.evidence.where).get(k, ())) == 1 for k in ("from_service", "to_service")
            ):
                r.error(
                    p,
                    f"{oid!r} is not a share obligation: its evidence must be "
                    f"{', '.join(sorted(_SHARE_EVENTS))} with one from_service and one "
                    "to_service",
                )
            else:
                ids.append(oid)
        if table["required"] == []:
            r.error(f"{path}.required", "expected at least one obligation")
        if len(r.errors) > before or when is None:
            return None
        return SharingDeclaration(when, tuple(ids), clause=clause)
    r.keys(table, path, ("allowed_between", "under", "when"), ("clause",))
    parties = _parties(r, table.get("allowed_between", []), f"{path}.allowed_between", scope)
    if len(parties) != 2 or parties[0] == parties[1]:
        r.error(f"{path}.allowed_between", "expected two different parties")
    under = table.get("under")
    if isinstance(under, str) and under in scope.failed:
        return None  # the obligation's own problems are reported
    if not isinstance(under, str) or under not in obligations:
        r.error(
            f"{path}.under", f"{_safe_repr(under)} is not a case-level obligation of this protocol"
        )
    if len(r.errors) > before or when is None:
        return None
    assert isinstance(under, str)
    return SharingDeclaration(when, (under,), parties, under, clause)


def parse_protocol(document: Mapping[str, Any]) -> Protocol:
    """The protocol a document (a parsed TOML or JSON object) declares, fully checked.

    Raises:
        ProtocolFileError: every problem of the document, each with its path.

    Examples:
        >>> doc = {
        ...     "format_version": 1,
        ...     "protocol": {"id": "demo", "title": "A demonstration", "source": "none",
        ...                  "parties": ["yos"]},
        ...     "versions": [{"id": "v1", "label": "first"}],
        ...     "vocabulary": {"services": {"yos": {"label": "Youth Offending Service"}}},
        ...     "obligations": [{
        ...         "id": "demo/1/check", "clause": "§1", "summary": "check",
        ...         "text": "The worker will check.", "strength": "must",
        ...         "strength_words": "will check", "parties": ["yos"],
        ...         "trigger": {"type": "allocated", "where": {"servce": "yos"}},
        ...         "trigger_name": "allocation", "due": {"kind": "working-days-after",
        ...         "days": 5}, "evidence": {"type": "other-service-checked"},
        ...         "evidence_name": "the check"}],
        ... }
        >>> try:
        ...     parse_protocol(doc)
        ... except ProtocolFileError as error:
        ...     print(error.errors[0])
        unknown field 'servce' of event type 'allocated' (its fields: on, recorded_by, \
service, worker_id); did you mean 'service'? @ $.obligations[0].trigger.where.servce
        >>> doc["obligations"][0]["trigger"]["where"] = {"service": "yos"}
        >>> parse_protocol(doc).obligations[0].deadline
        WorkingDaysAfter(days=5)
    """
    r = _Reader()
    if not isinstance(document, Mapping):
        raise ProtocolFileError([f"expected a table (object), got {_kind(document)} @ $"])
    r.keys(document, "$", ("format_version", "protocol", "versions"), _TOP[3:])
    version = document.get("format_version")
    if version.__class__ is not int or version != FORMAT_VERSION:
        if "format_version" in document:
            r.error(
                "$.format_version",
                f"unsupported format_version {_safe_repr(version)}; "
                f"this library reads format_version {FORMAT_VERSION}",
            )
        raise ProtocolFileError(r.shown())
    head = r.table(document.get("protocol", {}), "$.protocol") or {}
    r.keys(head, "$.protocol", ("id", "title", "parties"), ("source",))
    pid = head.get("id")
    if not isinstance(pid, str) or not _PROTOCOL_ID.fullmatch(pid):
        if "id" in head:
            r.error(
                "$.protocol.id",
                f"invalid protocol id {_safe_repr(pid)}: letters, digits, "
                "dots, hyphens and underscores, at most 64",
            )
        pid = "?"
    title = r.string(head, "title", "$.protocol") or ""
    source = r.string(head, "source", "$.protocol", "") or ""
    failed_fields: dict[str, frozenset[str]] = {}
    vocabulary = _vocabulary(r, document.get("vocabulary", {}), "$.vocabulary", failed_fields)
    raw_versions = document.get("versions", [])
    version_ids = (
        [v["id"] for v in raw_versions if isinstance(v, Mapping) and isinstance(v.get("id"), str)]
        if isinstance(raw_versions, list)
        else []
    )
    scope = _Scope(pid, vocabulary, version_ids)
    scope.failed_fields = failed_fields
    parties = _parties(r, head.get("parties", []), "$.protocol.parties", scope, groups=False)
    versions = _versions(r, raw_versions, "$.versions", parties, scope)
    joint: tuple[tuple[Match, ...], str] | None = None
    if "joint_case" in document:
        jt = r.table(document["joint_case"], "$.joint_case")
        if jt is not None:
            r.keys(jt, "$.joint_case", ("name", "when"))
            name = r.string(jt, "name", "$.joint_case") or ""
            found = []
            patterns = r.items(jt.get("when", []), "$.joint_case.when")
            for i, item in enumerate(patterns):
                m, _ = scope.match(r, item, f"$.joint_case.when[{i}]")
                if m is not None:
                    found.append(m)
            if not patterns and jt.get("when") == []:
                r.error("$.joint_case.when", "expected at least one pattern")
            joint = (tuple(found), name)
    conditions = _conditions(r, document.get("conditions", {}), scope)
    scope.conditions = {c.id: c.name for c in conditions}
    raw_conditions = document.get("conditions")
    if isinstance(raw_conditions, Mapping):  # a condition that did not check is still known
        for cid, entry in raw_conditions.items():
            if isinstance(cid, str) and cid not in scope.conditions:
                named = entry.get("name", cid) if isinstance(entry, Mapping) else cid
                scope.conditions[cid] = named if isinstance(named, str) else cid
    obligations = _list_of(
        r, document, "obligations", lambda r, raw, p: _obligation(r, raw, p, scope, joint)
    )
    periodic = _list_of(r, document, "partnership", lambda r, raw, p: _periodic(r, raw, p, scope))
    ladders = _list_of(r, document, "ladders", lambda r, raw, p: _ladder(r, raw, p, scope))
    complaints = _list_of(r, document, "complaints", lambda r, raw, p: _complaint(r, raw, p, scope))
    by_id = {o.id: o for o in obligations}
    raw_obligations = document.get("obligations", [])
    scope.failed = {
        item["id"]
        for item in (raw_obligations if isinstance(raw_obligations, list) else [])
        if isinstance(item, Mapping) and isinstance(item.get("id"), str)
        and item["id"] not in by_id
    }  # fmt: skip
    sharing = _list_of(r, document, "sharing", lambda r, raw, p: _sharing(r, raw, p, scope, by_id))
    not_encoded = _list_of(r, document, "not_encoded", _not_encoded)
    _unique(r, document)
    if r.errors:
        raise ProtocolFileError(r.shown())
    return Protocol(
        id=pid,
        title=title,
        versions=versions,
        obligations=tuple(obligations),
        periodic=tuple(periodic),
        joint_case=joint[0] if joint else (),
        joint_case_name=joint[1] if joint else "",
        source=source,
        vocabulary=vocabulary,
        ladders=tuple(ladders),
        complaints=tuple(complaints),
        sharing=tuple(sharing),
        conditions=conditions,
        not_encoded=tuple(not_encoded),
    )


def _not_encoded(r: _Reader, raw: object, path: str) -> NotEncoded | None:
    """``[[not_encoded]]``: a passage given no obligation, with the reason."""
    table = r.table(raw, path)
    if table is None:
        return None
    before = len(r.errors)
    r.keys(table, path, ("text", "clause", "reason"), ())
    text = r.string(table, "text", path)
    clause = r.string(table, "clause", path)
    reason = r.string(table, "reason", path)
    if len(r.errors) > before:
        return None
    assert text
    assert clause
    assert reason
    return NotEncoded(text=text, clause=clause, reason=reason)


def _unique(r: _Reader, document: Mapping[str, Any]) -> None:
    """Obligation ids are unique across both lists; ladder and route ids across theirs."""
    for keys, what in (
        (("obligations", "partnership"), "obligation"),
        (("ladders", "complaints"), "machine"),
    ):
        seen: dict[str, str] = {}
        for key in keys:
            items = document.get(key, [])
            if not isinstance(items, list):
                continue
            for i, item in enumerate(items):
                if not isinstance(item, Mapping) or not isinstance(item.get("id"), str):
                    continue
                here = f"$.{key}[{i}].id"
                if item["id"] in seen:
                    r.error(
                        here, f"duplicate {what} id {item['id']!r} (first at {seen[item['id']]})"
                    )
                else:
                    seen[item["id"]] = here


_ARRAY_HEADER: Final = re.compile(r"\s*\[\[\s*([^\[\]]+?)\s*\]\]\s*(?:#.*)?")
_TABLE_HEADER: Final = re.compile(r"\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?")
_KEY_LINE: Final = re.compile(
    r"\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\")(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"))*)\s*="
)


def _dotted(key: str) -> list[str]:
    return [
        part.strip().strip('"') for part in re.split(r"\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", key)
    ]


def _toml_places(text: str) -> dict[str, int]:
    """Where each table and key of a TOML text is written: ``{"$.obligations[4].until":
    118, ...}`` (1-based lines), read from its headers and ``key =`` lines only.

    A reading for messages, not a parser: lines inside multi-line strings are skipped,
    and a key written in an inline table (``trigger = { type = ... }``) is placed on the
    line of the key that holds it.
    """
    places: dict[str, int] = {}
    counts: dict[str, int] = {}
    last: dict[str, str] = {}  # a header's dotted key -> its resolved path (arrays: last item)
    table = "$"
    in_string: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        if in_string is not None:
            if line.count(in_string) % 2 == 1:
                in_string = None
            continue
        array, plain = _ARRAY_HEADER.fullmatch(line), _TABLE_HEADER.fullmatch(line)
        header = array or plain
        if header is not None:
            parts = _dotted(header.group(1))
            path, key = "$", ""
            for i, part in enumerate(parts):
                key = f"{key}.{part}" if key else part
                path = last.get(key, f"{path}.{part}") if i < len(parts) - 1 else f"{path}.{part}"
            if array is not None:
                index = counts.get(path, 0)
                counts[path] = index + 1
                places.setdefault(path, number)
                path = f"{path}[{index}]"
            last[key] = path
            places.setdefault(path, number)
            table = path
            continue
        found = _KEY_LINE.match(line)
        if found is not None:
            path = table
            for part in _dotted(found.group(1)):
                path = f"{path}.{part}"
                places.setdefault(path, number)
        for quote in ('"""', "'''"):
            if line.count(quote) % 2 == 1:
                in_string = quote
                break
    return places


def toml_line(text: str, error: str) -> int | None:
    r"""The line of a TOML protocol ``text`` that a ``"message @ $.path"`` problem is
    about (for problems found outside the loader, such as clashes between files).

    Examples:
        >>> toml_line('[protocol]\nid = "x"\n', "bad id @ $.protocol.id")
        2
    """
    return _line_of(error, _toml_places(text))


def _line_of(error: str, places: Mapping[str, int]) -> int | None:
    """The line of the key a ``"message @ $.path"`` problem is about (its longest known
    prefix), or ``None``."""
    _, sep, path = error.rpartition(" @ ")
    if not sep or not path.startswith("$"):
        return None
    while path:
        if path in places:
            return places[path]
        cut = max(path.rfind("."), path.rfind("["))
        if cut <= 0:
            return None
        path = path[:cut]
    return None


def protocol_from_text(text: str, *, format: str = "toml") -> Protocol:
    """Parse protocol text, TOML (``format="toml"``) or JSON (``format="json"``), and check it.

    Raises:
        ProtocolFileError: a syntax error (with its line and column), or every problem
            [`parse_protocol`][care_justice_protocol.parse_protocol] finds.
        InvalidArgumentError: ``text`` is not a string or ``format`` is unknown.
    """
    if not isinstance(text, str):
        raise InvalidArgumentError(f"text must be a str, not {type(text).__name__}")
    if format not in ("toml", "json"):
        raise InvalidArgumentError(f"format must be 'toml' or 'json', not {_safe_repr(format)}")
    if len(text.encode("utf-8", "surrogatepass")) > MAX_PROTOCOL_BYTES:
        raise ProtocolFileError([f"protocol text too large: at most {MAX_PROTOCOL_BYTES} bytes"])
    if format == "json":
        # The one strict JSON reader: duplicate keys, NaN and Infinity refused, with paths.
        try:
            doc: object = strict_json_loads(text, max_bytes=MAX_PROTOCOL_BYTES)
        except StrictJSONError as error:
            raise ProtocolFileError(list(error.errors)) from None
    else:
        try:
            doc = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise ProtocolFileError([f"TOML syntax error: {error}"]) from None
        except RecursionError:
            raise ProtocolFileError(["document nested too deeply"]) from None
    if not isinstance(doc, Mapping):
        raise ProtocolFileError([f"expected a table (object), got {_kind(doc)} @ $"])
    if format == "json":
        return parse_protocol(doc)
    try:
        return parse_protocol(doc)
    except ProtocolFileError as error:
        places = _toml_places(text)
        found = [(_line_of(e, places), e) for e in error.errors]
        # in the order of the file, so a reader fixes them top to bottom
        found.sort(key=lambda pair: pair[0] if pair[0] is not None else len(places) + 10**9)
        raise ProtocolFileError([e for _, e in found], lines=[n for n, _ in found]) from None


# --------------------------------------------------------------------------- writing


def _match_doc(m: Match) -> dict[str, Any]:
    out: dict[str, Any] = {"type": m.type}
    for section, pairs in (("where", m.where), ("contains", m.contains)):
        if pairs:
            out[section] = {k: (v[0] if len(v) == 1 else list(v)) for k, v in pairs}
    return out


def _deadline_doc(shape: DeadlineShape) -> dict[str, Any]:
    if isinstance(shape, LocalTimescale):
        shape = shape.shape
    if isinstance(shape, WorkingDaysAfter):
        return {"kind": "working-days-after", "days": shape.days}
    if isinstance(shape, CalendarDaysAfter):
        return {"kind": "calendar-days-after", "days": shape.days}
    if isinstance(shape, MonthsAfter):
        return {"kind": "months-after", "months": shape.months}
    if isinstance(shape, Recurring):
        return {"kind": "recurring", "months": shape.every.months, "reading": shape.reading.value}
    if isinstance(shape, BeforeEvent):
        assert isinstance(shape.event, Match)
        return {"kind": "before", "event": _match_doc(shape.event)}
    for cls, kind in ((OnTheDay, "on-the-day"), (ByTheDay, "by-the-day"), (NoTimescale, "none")):
        if isinstance(shape, cls):
            return {"kind": kind}
    raise InvalidArgumentError(f"no document form for the due-date shape {type(shape).__name__}")


def _put(out: dict[str, Any], key: str, value: Any, default: Any = None) -> None:
    if value != default:
        out[key] = value


def protocol_to_document(protocol: Protocol) -> dict[str, Any]:
    """The document (TOML/JSON structure, dates as ``datetime.date``) of a protocol.

    [`parse_protocol`][care_justice_protocol.parse_protocol] of the result gives an equal protocol.

    Examples:
        >>> from care_justice_protocol import PROTOCOL_3_14_12
        >>> doc = protocol_to_document(PROTOCOL_3_14_12)
        >>> doc["obligations"][1]["due"], parse_protocol(doc) == PROTOCOL_3_14_12
        ({'kind': 'working-days-after', 'days': 15}, True)
    """
    v = protocol.vocabulary
    head: dict[str, Any] = {"id": protocol.id, "title": protocol.title}
    _put(head, "source", protocol.source, "")
    first_parties = protocol.versions[0].parties if protocol.versions else ()
    head["parties"] = list(first_parties)
    versions = []
    for ver in protocol.versions:
        item: dict[str, Any] = {"id": ver.id, "label": ver.label}
        _put(item, "effective_from", ver.effective_from)
        _put(item, "effective_to", ver.effective_to)
        _put(item, "review_due", ver.review_due)
        _put(item, "supersedes", ver.supersedes)
        if ver.parties != first_parties:
            item["parties"] = list(ver.parties)
        versions.append(item)
    services: dict[str, Any] = {}
    for s in v.services.values():
        entry: dict[str, Any] = {"label": s.label}
        _put(entry, "from", s.period.start)
        _put(entry, "to", s.period.end)
        _put(entry, "successor", s.successor)
        services[s.id] = entry
    vocabulary: dict[str, Any] = {"services": services}
    if v.groups:
        vocabulary["groups"] = {k: list(m) for k, m in v.groups.items()}
    for section in ("roles", "documents", "meeting_kinds"):
        terms: Mapping[str, Term] = getattr(v, section)
        if terms:
            vocabulary[section] = {t.id: t.label for t in terms.values()}
    if v.event_types:
        vocabulary["event_types"] = {
            spec.type: {
                "summary": spec.summary,
                "fields": {f.name: _field_doc(f) for f in spec.fields},
            }
            for spec in v.event_types.values()
        }
    doc: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "protocol": head,
        "versions": versions,
        "vocabulary": vocabulary,
    }
    if protocol.conditions:
        doc["conditions"] = {
            c.id: {"name": c.name, "starts": [_match_doc(m) for m in c.starts]}
            | ({"ends": [_match_doc(m) for m in c.ends]} if c.ends else {})
            | ({"care_statuses": list(c.care_statuses)} if c.care_statuses else {})
            for c in protocol.conditions
        }
    if protocol.joint_case:
        doc["joint_case"] = {
            "name": protocol.joint_case_name,
            "when": [_match_doc(m) for m in protocol.joint_case],
        }
    doc["obligations"] = [_obligation_doc(o, protocol) for o in protocol.obligations]
    if protocol.periodic:
        doc["partnership"] = [_periodic_doc(p) for p in protocol.periodic]
    if protocol.ladders:
        doc["ladders"] = [_ladder_doc(lad) for lad in protocol.ladders]
    if protocol.complaints:
        doc["complaints"] = [_complaint_doc(c) for c in protocol.complaints]
    if protocol.sharing:
        doc["sharing"] = [_sharing_doc(d) for d in protocol.sharing]
    if protocol.not_encoded:
        doc["not_encoded"] = [
            {"text": n.text, "clause": n.clause, "reason": n.reason} for n in protocol.not_encoded
        ]
    return doc


def _sharing_doc(d: SharingDeclaration) -> dict[str, Any]:
    out: dict[str, Any]
    if d.allowed_between:
        out = {"allowed_between": list(d.allowed_between), "under": d.under, "when": d.when}
    else:
        out = {"required": list(d.obligations), "when": d.when}
    _put(out, "clause", d.clause)
    return out


def _field_doc(f: EventField) -> Any:
    if not f.many and f.required and not f.choices:
        return f.kind.value
    out: dict[str, Any] = {"kind": f.kind.value}
    _put(out, "many", f.many, False)
    _put(out, "required", f.required, not f.many)
    if f.choices:
        out["choices"] = list(f.choices)
    return out


def _obligation_doc(o: Obligation, protocol: Protocol) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": o.id,
        "clause": o.citation.place,
        "summary": o.summary,
        "text": o.text,
        "strength": o.strength.value,
        "strength_words": o.strength_words,
        "parties": list(o.parties),
    }
    if o.applies_if and o.applies_if == protocol.joint_case:
        out["applies_if"] = "joint-case"
        _put(out, "applies_if_name", o.applies_if_name, protocol.joint_case_name)
    elif o.applies_if:
        out["applies_if"] = [_match_doc(m) for m in o.applies_if]
        out["applies_if_name"] = o.applies_if_name
    _put(out, "requires_icta", o.requires_icta, False)
    out["trigger"] = _match_doc(o.trigger)
    out["trigger_name"] = o.trigger_name
    out["due"] = _deadline_doc(o.deadline)
    out["evidence"] = _match_doc(o.evidence)
    out["evidence_name"] = o.evidence_name
    _put(out, "window", o.window.value, Window.AFTER_TRIGGER.value)
    _put(out, "recurs", o.recurs.value, Recurs.ONCE.value)
    if o.law is not None:
        out["law"] = o.law.value
    if o.until is not None:
        out["until"] = _match_doc(o.until)
    if o.versions:
        out["versions"] = list(o.versions)
    if o.applies_when:
        out["applies_when"] = list(o.applies_when)
        names = {c.id: c.name for c in protocol.conditions}
        default = " and ".join(names.get(c, c) for c in o.applies_when)
        _put(out, "applies_when_name", o.applies_when_name, default)
    _put(out, "trigger_from", o.trigger_from)
    return out


def _periodic_doc(p: PeriodicObligation) -> dict[str, Any]:
    rec: dict[str, Any] = {"months": p.recurrence.months, "reading": p.recurrence.policy.value}
    _put(rec, "year_start_month", p.recurrence.year_start_month, 1)
    out: dict[str, Any] = {
        "id": p.id,
        "clause": p.citation.place,
        "summary": p.summary,
        "text": p.text,
        "strength": p.strength.value,
        "strength_words": p.strength_words,
        "parties": list(p.parties),
        "recurrence": rec,
    }
    _put(out, "meeting_kind", None if p.meeting_kind is None else str(p.meeting_kind))
    _put(out, "must_be_recorded", p.must_be_recorded, False)
    if p.rotation:
        out["notes_rotation"] = list(p.rotation)
    _put(out, "notes_rotation_name", p.rotation_name, "")
    return out


def _ladder_doc(lad: LadderSpec) -> dict[str, Any]:
    rungs = []
    for rung in lad.rungs:
        item: dict[str, Any] = {"state": rung.state, "role": rung.role}
        _put(item, "role_tag", rung.role_tag)
        item["clause"] = rung.citation.place
        item["quote"] = rung.quote
        _put(item, "working_days", rung.working_days)
        rungs.append(item)
    out: dict[str, Any] = {
        "id": lad.id,
        "title": lad.title,
        "between": list(lad.between),
        "before": lad.before,
        "resolved": lad.resolved,
    }
    _put(out, "raise_note", lad.raise_note, "")
    _put(out, "resolved_note", lad.resolved_note, "")
    out["rungs"] = rungs
    return out


def _complaint_doc(c: ComplaintRoute) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": c.id,
        "title": c.title,
        "clause": c.citation.place,
        "before": c.before,
        "state": c.state,
        "description": c.description,
    }
    _put(out, "note", c.note, "")
    _put(out, "procedure", c.procedure, "")
    return out


# --------------------------------------------------------------------------- TOML out

_BARE: Final = re.compile(r"[A-Za-z0-9_-]+")
#: Strings longer than this are written as multi-line strings, wrapped at spaces.
_WRAP: Final = 88


def _key(key: str) -> str:
    return key if _BARE.fullmatch(key) else json.dumps(key, ensure_ascii=False)


def _string(value: str, indent: str) -> str:
    quoted = json.dumps(value, ensure_ascii=False)
    if len(quoted) <= _WRAP or "\\n" in quoted:
        return quoted
    # A multi-line basic string whose line ends are escaped: TOML trims each newline and
    # the whitespace after it, so the value is unchanged. Break only at a single space
    # followed by a non-space, so no space is lost.
    body, lines, line = quoted[1:-1], [], ""
    for word in re.split(r"(?<= )(?=\S)", body):
        if line and len(line) + len(word) > _WRAP - len(indent):
            lines.append(line)
            line = ""
        line += word
    lines.append(line)
    inner = "\\\n".join(indent + "  " + ln if n else ln for n, ln in enumerate(lines))
    return '"""\\\n' + indent + "  " + inner + '"""'


def _scalar(value: Any, indent: str = "") -> str:
    if value.__class__ is bool:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return _string(value, indent)
    if isinstance(value, list):
        return "[" + ", ".join(_scalar(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{_key(k)} = {_scalar(v)}" for k, v in value.items()) + " }"
    raise InvalidArgumentError(f"no TOML form for {type(value).__name__}")


def _table_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _emit(lines: list[str], name: str, table: Mapping[str, Any], in_array: bool) -> None:
    """The body of ``[name]`` (or ``[[name]]``): keys first, then sub-tables.

    In a table, a table value becomes a sub-table until three levels deep
    (``[vocabulary.services.yos]``); in an array's item, tables are written inline and
    lists of tables become arrays of tables (``[[ladders.rungs]]``).
    """
    later: list[tuple[str, Any]] = []
    for key, value in table.items():
        sub = f"{name}.{_key(key)}"
        if (isinstance(value, Mapping) and not in_array and sub.count(".") < 3) or (
            _table_list(value) and in_array
        ):
            later.append((sub, value))
        else:
            lines.append(f"{_key(key)} = {_scalar(value)}")
    for sub, value in later:
        if isinstance(value, Mapping):
            # A table holding only tables needs no header of its own (TOML defines it).
            if not value or not all(isinstance(v, Mapping) for v in value.values()):
                lines.extend(("", f"[{sub}]"))
            _emit(lines, sub, value, False)
        else:
            for item in value:
                lines.extend(("", f"[[{sub}]]"))
                _emit(lines, sub, item, True)


def protocol_to_toml(document: Mapping[str, Any], *, header: str = "") -> str:
    """A protocol document ([`protocol_to_document`][care_justice_protocol.protocol_to_document]) as
    TOML text.

    ``header`` is written first as ``#`` comment lines.
    [`protocol_from_text`][care_justice_protocol.protocol_from_text] of the result gives the same
    protocol.

    Examples:
        >>> from care_justice_protocol import PROTOCOL_3_14_12
        >>> text = protocol_to_toml(protocol_to_document(PROTOCOL_3_14_12))
        >>> print(text[:45])
        format_version = 1
        <BLANKLINE>
        [protocol]
        id = "3.14.12"
        >>> protocol_from_text(text) == PROTOCOL_3_14_12
        True
    """
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    if lines:
        lines.append("")
    for key, value in document.items():
        if isinstance(value, Mapping):
            if not value or not all(isinstance(v, Mapping) for v in value.values()):
                lines.extend(("", f"[{_key(key)}]"))
            _emit(lines, _key(key), value, False)
        elif _table_list(value):
            for item in value:
                lines.extend(("", f"[[{_key(key)}]]"))
                _emit(lines, _key(key), item, True)
        else:
            lines.append(f"{_key(key)} = {_scalar(value)}")
    return "\n".join(lines).strip("\n") + "\n"
