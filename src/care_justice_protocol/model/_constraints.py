"""Field constraints, and the one walker that reads the model's types.

A [`Constraint`][care_justice_protocol.model.Constraint] is attached to an attrs field with
``attrs.field(validator=C.check, metadata=C.metadata)``. From
that one declaration come:

* the **attrs validator** [`Constraint.check`][care_justice_protocol.model.Constraint] (so a
  hand-built entity obeys the same rules as a loaded one), raising
  [`FieldValueError`][care_justice_protocol.FieldValueError] with a ``"<field> must ..."`` message;
* the **loader's check**: [`Constraint.problem`][care_justice_protocol.model.Constraint.problem],
  worded as a document error (``"string too long: ..."``), for the detailed structuring path, and
  [`Constraint.test_source`][care_justice_protocol.model.Constraint.test_source], the same test as
  an inlined expression, for the generated fast path;
* the **JSON Schema** keywords
  ([`Constraint.schema`][care_justice_protocol.model.Constraint.schema]);
* the **bounds a Hypothesis strategy draws within**
  ([`Constraint.string_bounds`][care_justice_protocol.model.Constraint.string_bounds],
  [`Constraint.minimum`][care_justice_protocol.model.Constraint], ...; the strategies themselves are
  built by [`care_justice_protocol.testing`][care_justice_protocol.testing], so the model does not
  import Hypothesis);
* what a view needs ([`Constraint.meaning`][care_justice_protocol.model.Constraint]: an identifier,
  free text that may name people and is never shown, a source system's reference that is
  never shown, or a plain value).

Every consumer walks the classes with [`fields_of`][care_justice_protocol.model.fields_of], which
resolves the annotations once and unwraps ``X | None``, ``tuple[X, ...]``, enums, dates, nested
attrs classes and the tagged event union into a small tree of shapes
([`Scalar`][care_justice_protocol.model.Scalar], [`Choice`][care_justice_protocol.model.Choice],
[`Maybe`][care_justice_protocol.model.Maybe], [`Many`][care_justice_protocol.model.Many],
[`Record`][care_justice_protocol.model.Record], [`Tagged`][care_justice_protocol.model.Tagged]),
each carrying its own constraint.

>>> ID.problem("x" * 65)
'string too long: 65 characters, at most 64 allowed'
>>> ID.schema({"type": "string"})
{'type': 'string', 'minLength': 1, 'maxLength': 64}
>>> ID.violation("case_id", "")
'case_id too short: 0 characters, at least 1 needed'

Identifiers also keep to [the identifier alphabet][care_justice_protocol.identifier_problem]; the
message names the character's kind and position, never the identifier:

>>> ID.problem("C-0001\u202e")
'an identifier may not hold a format character (U+202E) (character 7); allowed: letters, \
marks, digits, punctuation, symbols and single spaces inside'
"""

from __future__ import annotations

import enum
import re
import types
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any, Final, TypeAlias, Union, get_args, get_origin

import attrs

from .._errors import InvalidArgumentError

__all__ = [
    "EXTERNAL_REF",
    "EXTERNAL_REF_MAX_LENGTH",
    "ID",
    "IDENTIFIER_ALPHABET",
    "ID_MAX_LENGTH",
    "NO_CONSTRAINT",
    "TEXT",
    "TEXT_MAX_LENGTH",
    "VERSION",
    "Choice",
    "Constraint",
    "FieldSpec",
    "FieldValueError",
    "Many",
    "Maybe",
    "Meaning",
    "Record",
    "Scalar",
    "Shape",
    "Tagged",
    "constraint_of",
    "fields_of",
    "identifier_problem",
    "is_identifier",
    "shape_of",
]

#: Longest identifier (staff id, case id, young person id) a document may carry.
ID_MAX_LENGTH: Final = 64
#: Longest free-text string (names, descriptions) a document may carry.
TEXT_MAX_LENGTH: Final = 1000
#: Longest source-system reference (``external_ref``) a document may carry: twice
#: ``ID_MAX_LENGTH``, so that a reference a council's system builds from several
#: parts (a system prefix, a record type and a record number, or a URN holding a UUID:
#: ``"urn:uuid:"`` and 36 characters) fits, while a string that is not a reference
#: (a pasted note, a whole record) is refused.
EXTERNAL_REF_MAX_LENGTH: Final = 128

#: The identifier alphabet, in words (the messages and the docs quote it).
IDENTIFIER_ALPHABET: Final = "letters, marks, digits, punctuation, symbols and single spaces inside"

#: Characters Python calls printable but Unicode calls invisible: the
#: Default_Ignorable_Code_Point characters outside the categories ``str.isprintable``
#: refuses (DerivedCoreProperties.txt, Unicode 15.0.0): U+034F COMBINING GRAPHEME JOINER,
#: the Hangul fillers, the Khmer inherent vowels, the Mongolian free variation selectors
#: and the variation selectors.
_INVISIBLE: Final = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u3164\ufe00-\ufe0f\uffa0"
    "\U000e0100-\U000e01ef]"
)

#: How a message names the kind of a refused character, by Unicode general category.
_KINDS: Final = {
    "Cc": "a control character",
    "Cf": "a format character",
    "Cs": "a surrogate",
    "Co": "a private-use character",
    "Cn": "an unassigned code point",
    "Zl": "a line separator",
    "Zp": "a paragraph separator",
    "Zs": "a space other than U+0020",
}


#: ASCII identifiers already found to keep to the alphabet (a caseload names each staff
#: member hundreds of times, and the constructors check what the detailed loading path
#: has checked): a set look-up instead of the check. Cleared when it reaches
#: ``_KNOWN_LIMIT`` entries.
_KNOWN: Final[set[str]] = set()
_KNOWN_LIMIT: Final = 50_000


def is_identifier(value: str) -> bool:
    """Whether the string ``value`` keeps to the identifier alphabet (any length).

    Examples:
        >>> is_identifier("C-0001"), is_identifier("\u0421-0001"), is_identifier("C-1\u200b")
        (True, True, False)
    """
    if value in _KNOWN:
        return True
    if not value.isprintable() or value[:1] == " " or value[-1:] == " " or "  " in value:
        return False
    if not value.isascii():
        return _INVISIBLE.search(value) is None
    if len(_KNOWN) >= _KNOWN_LIMIT:
        _KNOWN.clear()
    _KNOWN.add(value)
    return True


def identifier_problem(value: str) -> str | None:
    """Why the string ``value`` is not in the identifier alphabet, or ``None``.

    The alphabet ([`IDENTIFIER_ALPHABET`][care_justice_protocol.IDENTIFIER_ALPHABET]): every
    character a letter, mark, number, punctuation or symbol (Unicode general categories L, M, N, P
    and S), or the space U+0020 between two other characters (not first, not last, not two in a
    row). Refused: control characters (C0, DEL, C1), format characters (category Cf: the
    bidirectional controls such as U+202E, zero-width spaces and joiners, the soft hyphen), line and
    paragraph separators, every other space (no-break, ideographic...), surrogates,
    private-use and unassigned code points (as Python's ``unicodedata`` knows them), and
    the invisible characters Unicode calls default-ignorable (variation selectors, Hangul
    fillers, U+034F COMBINING GRAPHEME JOINER). An identifier is data that is shown, so
    nothing in it may be invisible, move text, or end a line.

    The message names the kind of the first refused character, its code point and its
    position, never the identifier (which may then display as another one).

    Examples:
        >>> identifier_problem("C-0001") is None
        True
        >>> identifier_problem("C-1\x1b[2J")
        'an identifier may not hold a control character (U+001B) (character 4); allowed: \
letters, marks, digits, punctuation, symbols and single spaces inside'
        >>> identifier_problem(" C-1")
        'an identifier may not start or end with a space; allowed: letters, marks, digits, \
punctuation, symbols and single spaces inside'
    """
    if is_identifier(value):
        return None
    for position, char in enumerate(value, 1):
        if not char.isprintable() and char != " ":
            kind = _KINDS.get(unicodedata.category(char), "a character that is not shown")
        elif _INVISIBLE.match(char):
            kind = "an invisible (default-ignorable) character"
        else:
            continue
        return (
            f"an identifier may not hold {kind} (U+{ord(char):04X}) (character {position}); "
            f"allowed: {IDENTIFIER_ALPHABET}"
        )
    if "  " in value.strip(" "):
        return f"an identifier may not hold two spaces in a row; allowed: {IDENTIFIER_ALPHABET}"
    return f"an identifier may not start or end with a space; allowed: {IDENTIFIER_ALPHABET}"


#: The attrs metadata key under which
#: [`Constraint.metadata`][care_justice_protocol.model.Constraint.metadata] puts the constraint;
#: only [`constraint_of`][care_justice_protocol.model.constraint_of] reads it.
_KEY: Final = "care_justice_protocol.constraint"


class FieldValueError(InvalidArgumentError):
    """A field of an entity or event was given a value outside its allowed range.

    Attributes:
        field: the name of the offending field, so document loaders can point at it.
        value: the offending value.
    """

    def __init__(self, field: str, value: object, message: str) -> None:
        self.field = field
        self.value = value
        super().__init__(message)


class Meaning(enum.Enum):
    """What a field's value is, for the views and the pseudonymiser."""

    #: A plain value: shown, kept by pseudonymisation.
    VALUE = "value"
    #: An identifier (case, person, staff, disagreement): replaced by pseudonymisation.
    IDENTIFIER = "identifier"
    #: Free text that may name people: never shown, blanked by pseudonymisation.
    FREE_TEXT = "free-text"
    #: A source system's own reference to the record (``external_ref``): kept to the
    #: identifier alphabet like an identifier, but identifying outside this library (a
    #: council's record number), so never shown in messages, reprs or warnings, carried
    #: into results, and removed (not replaced) by pseudonymisation.
    EXTERNAL_REFERENCE = "external-reference"


#: The meanings whose strings keep to the identifier alphabet.
_ALPHABET: Final = frozenset({Meaning.IDENTIFIER, Meaning.EXTERNAL_REFERENCE})


def _plain(value: object) -> object:
    return str.__str__(value) if isinstance(value, enum.Enum) and isinstance(value, str) else value


@attrs.frozen
class Constraint:
    """What a field's value must satisfy beyond its type.

    Length and choice limits apply to a string or enum field, or to each item of a
    ``tuple[...]`` field; ``min_items`` and ``unique_items`` to the tuple itself.

    Attributes:
        min_length: fewest characters of a string.
        max_length: most characters of a string (``None``:
            [`TEXT_MAX_LENGTH`][care_justice_protocol.TEXT_MAX_LENGTH]).
        minimum: smallest integer.
        const: the only integer allowed (a document version).
        choices: the enum members allowed (``None``: every member).
        described_as: how messages name a valid choice (``"a probation service"``).
        min_items: fewest items of a tuple.
        unique_items: whether a tuple's items must all differ.
        required: whether a document must carry the field even though it has a default.
        meaning: what the value is ([`Meaning`][care_justice_protocol.model.Meaning]).

    Examples:
        >>> VERSION.violation("version", 0)
        'version must be at least 1, not 0'
        >>> VERSION.problem(0)
        'expected an integer of at least 1, got 0'
        >>> Constraint(min_items=2, unique_items=True).schema({"type": "array"})
        {'type': 'array', 'minItems': 2, 'uniqueItems': True}
    """

    min_length: int | None = None
    max_length: int | None = None
    minimum: int | None = None
    const: int | None = None
    choices: tuple[enum.Enum, ...] | None = None
    described_as: str = "one of"
    min_items: int | None = None
    unique_items: bool = False
    required: bool = False
    meaning: Meaning = Meaning.VALUE
    #: The attrs validator: ``attrs.field(validator=C.check, metadata=C.metadata)``.
    check: Callable[[object, attrs.Attribute[Any], object], None] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    _items: Constraint = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        if self.min_items is None and not self.unique_items:
            object.__setattr__(self, "_items", self)
        else:
            items = attrs.evolve(self, min_items=None, unique_items=False, required=False)
            object.__setattr__(self, "_items", items)
        object.__setattr__(self, "check", self._validator())

    # ----------------------------------------------------------------- parts

    def items(self) -> Constraint:
        """The constraint on each item of a tuple (without the item-count limits)."""
        return self._items

    def string_bounds(self) -> tuple[int, int]:
        """The shortest and longest string allowed."""
        high = TEXT_MAX_LENGTH if self.max_length is None else self.max_length
        return (self.min_length or 0, high)

    # ----------------------------------------------------------------- documents

    def problem(self, value: object, name: str = "value") -> str | None:
        """The document error for *value* (already of the field's type), or ``None``.

        *value* is a string, an int, or a tuple of already structured items; enum
        choices are applied by the structuring hook's look-up of
        [`Choice.members`][care_justice_protocol.model.Choice].
        """
        if type(value) is str:
            low, high = self.string_bounds()
            length = len(value)
            if length > high:
                return f"string too long: {length} characters, at most {high} allowed"
            if length < low:
                return f"string too short: {length} characters, at least {low} needed"
            if self.meaning in _ALPHABET and value not in _KNOWN:
                return identifier_problem(value)
            return None
        if type(value) is int:
            if self.const is not None and value != self.const:
                return f"unsupported {name} {value}; this library reads {self.const}"
            if self.minimum is not None and value < self.minimum:
                return f"expected an integer of at least {self.minimum}, got {value!r}"
            return None
        if type(value) is tuple:
            if self.min_items is not None and len(value) < self.min_items:
                return f"expected at least {self.min_items} items, got {len(value)}"
            if self.unique_items and len(set(value)) != len(value):
                return "expected no repeated items"
        return None

    def test_source(self, kind: type, name: str) -> str:
        """Python source of a test that [`problem`][care_justice_protocol.model.Constraint.problem]
        finds nothing wrong.

        The JSON loader's generated fast path inlines it: *name* is a variable already
        known to hold a *kind* (``str``, ``int`` or ``tuple``) value.

        An identifier's test calls ``_identifier_ok(v)`` (bound by the caller to
        [`is_identifier`][care_justice_protocol.model.is_identifier], or a function that agrees with
        it) only for a string that is not plain printable ASCII with single inner spaces.

        Examples:
            >>> TEXT.test_source(str, "v")
            '0 <= len(v) <= 1000'
            >>> ID.test_source(str, "v")
            "1 <= len(v) <= 64 and (v.isascii() and v.isprintable() and v[0] != ' ' and \
v[-1] != ' ' and '  ' not in v or _identifier_ok(v))"
            >>> Constraint(min_items=2, unique_items=True).test_source(tuple, "v")
            'len(v) >= 2 and len(set(v)) == len(v)'
        """
        tests = []
        if kind is str:
            low, high = self.string_bounds()
            tests.append(f"{low} <= len({name}) <= {high}")
            if self.meaning in _ALPHABET:
                tests.append(
                    f"({name}.isascii() and {name}.isprintable() and {name}[0] != ' ' and "
                    f"{name}[-1] != ' ' and '  ' not in {name} or _identifier_ok({name}))"
                )
        elif kind is int:
            if self.const is not None:
                tests.append(f"{name} == {self.const!r}")
            if self.minimum is not None:
                tests.append(f"{name} >= {self.minimum!r}")
        elif kind is tuple:
            if self.min_items is not None:
                tests.append(f"len({name}) >= {self.min_items!r}")
            if self.unique_items:
                tests.append(f"len(set({name})) == len({name})")
        return " and ".join(tests) or "True"

    def schema(self, fragment: dict[str, Any]) -> dict[str, Any]:
        """*fragment* (the JSON Schema of the field's type) with this constraint's keywords."""
        kind = fragment.get("type")
        out = dict(fragment)
        if kind == "string" and "enum" not in fragment and "format" not in fragment:
            out["minLength"], out["maxLength"] = self.string_bounds()
        elif kind == "integer":
            if self.minimum is not None:
                out["minimum"] = self.minimum
            if self.const is not None:
                out["const"] = self.const
        elif kind == "array":
            if self.min_items is not None:
                out["minItems"] = self.min_items
            if self.unique_items:
                out["uniqueItems"] = True
        return out

    # ----------------------------------------------------------------- constructors

    def violation(self, name: str, value: object) -> str | None:
        """The constructor's message for field *name* holding *value*, or ``None``.

        Values of another type than the constraint is about are left alone (attrs does
        not check annotations); ``None`` is allowed (an optional field), except where
        [`const`][care_justice_protocol.model.Constraint] is set.
        """
        if self.const is not None:
            if type(value) is int and value == self.const:
                return None
            return f"unsupported {name} {value!r}; this library reads {self.const}"
        if value is None:
            return None
        if isinstance(value, tuple | list):
            if self.min_items is not None and len(value) < self.min_items:
                return f"{name} must have at least {self.min_items} items, not {len(value)}"
            if self.unique_items and len(set(value)) != len(value):
                return f"{name} must not repeat an item, not {value!r}"
            item = self.items()
            for index, element in enumerate(value):
                found = item.violation(f"{name}[{index}]", element)
                if found is not None:
                    return found
            return None
        if self.choices is not None:
            if value in self.choices:
                return None
            allowed = ", ".join(repr(_plain(choice)) for choice in self.choices)
            return f"{name} must be {self.described_as} ({allowed}), not {value!r}"
        if isinstance(value, str):
            low, high = self.string_bounds()
            if len(value) > high:
                return f"{name} too long: {len(value)} characters, at most {high} allowed"
            if len(value) < low:
                return f"{name} too short: {len(value)} characters, at least {low} needed"
            if self.meaning in _ALPHABET:
                found = identifier_problem(value)
                return None if found is None else f"{name}: {found}"
            return None
        if (
            isinstance(value, int)
            and not isinstance(value, bool)
            and self.minimum is not None
            and value < self.minimum
        ):
            return f"{name} must be at least {self.minimum}, not {value!r}"
        return None

    def validate(self, _instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        """The attrs validator: raise [`FieldValueError`][care_justice_protocol.FieldValueError] on
        a [`violation`][care_justice_protocol.model.Constraint.violation]."""
        found = self.violation(attribute.name, value)
        if found is not None:
            raise FieldValueError(attribute.name, value, found)

    def _validator(self) -> Callable[[object, attrs.Attribute[Any], object], None]:
        """Build [`check`][care_justice_protocol.model.Constraint].

        The common constraints get a check that settles a valid value with one or two
        tests and leaves everything else to
        [`validate`][care_justice_protocol.model.Constraint.validate]: entities are built by the
        hundred thousand when a caseload is loaded.
        """
        validate = self.validate
        if self.choices is not None:
            return validate
        if self.items() is not self:
            if self.items() != NO_CONSTRAINT:
                return validate
            least = self.min_items or 0
            unique = self.unique_items

            def check_items(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
                if (
                    value.__class__ is not tuple
                    or len(value) < least
                    or (unique and len(set(value)) != len(value))
                ):
                    validate(instance, attribute, value)

            return check_items
        if self.const is not None:
            const = self.const

            def check_const(
                instance: object, attribute: attrs.Attribute[Any], value: object
            ) -> None:
                if value.__class__ is not int or value != const:
                    validate(instance, attribute, value)

            return check_const
        if self.minimum is not None:
            minimum = self.minimum

            def check_minimum(
                instance: object, attribute: attrs.Attribute[Any], value: object
            ) -> None:
                if value is not None and (value.__class__ is not int or value < minimum):
                    validate(instance, attribute, value)

            return check_minimum
        low, high = self.string_bounds()
        if self.meaning in _ALPHABET:
            known = _KNOWN

            def check_identifiers(
                instance: object, attribute: attrs.Attribute[Any], value: Any
            ) -> None:
                if value.__class__ is str:
                    if low <= len(value) <= high and (value in known or is_identifier(value)):
                        return
                elif value.__class__ is tuple:
                    for item in value:
                        if (
                            item.__class__ is not str
                            or not low <= len(item) <= high
                            or not is_identifier(item)
                        ):
                            break
                    else:
                        return
                validate(instance, attribute, value)

            return check_identifiers

        def check_strings(instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
            if value.__class__ is str:
                if low <= len(value) <= high:
                    return
            elif value.__class__ is tuple:
                for item in value:
                    if item.__class__ is not str or not low <= len(item) <= high:
                        break
                else:
                    return
            validate(instance, attribute, value)

        return check_strings

    @property
    def metadata(self) -> Mapping[str, Constraint]:
        """The attrs metadata that attaches this constraint to a field."""
        return MappingProxyType({_KEY: self})


#: The constraint of a field that declares none.
NO_CONSTRAINT: Final = Constraint()
#: An identifier field (or a tuple of identifiers): 1 to
#: [`ID_MAX_LENGTH`][care_justice_protocol.ID_MAX_LENGTH] characters of the identifier alphabet
#: ([`identifier_problem`][care_justice_protocol.identifier_problem]).
ID: Final = Constraint(min_length=1, max_length=ID_MAX_LENGTH, meaning=Meaning.IDENTIFIER)
#: A free-text field: at most [`TEXT_MAX_LENGTH`][care_justice_protocol.TEXT_MAX_LENGTH] characters,
#: never shown.
TEXT: Final = Constraint(min_length=0, max_length=TEXT_MAX_LENGTH, meaning=Meaning.FREE_TEXT)
#: A document version number (from 1).
VERSION: Final = Constraint(minimum=1)
#: A source system's reference to a case, an event or a staff member (``external_ref``):
#: 1 to ``EXTERNAL_REF_MAX_LENGTH`` characters of the identifier alphabet (printable,
#: no control, format or invisible characters, single inner spaces), never quoted.
EXTERNAL_REF: Final = Constraint(
    min_length=1, max_length=EXTERNAL_REF_MAX_LENGTH, meaning=Meaning.EXTERNAL_REFERENCE
)


def constraint_of(attribute: attrs.Attribute[Any]) -> Constraint:
    """The constraint declared on an attrs field
    ([`NO_CONSTRAINT`][care_justice_protocol.model.NO_CONSTRAINT] if none).

    Raises:
        TypeError: if the field carries a constraint but not its validator, so a
            constraint can never be enforced by the loader and not by the constructor.
    """
    found: Constraint = attribute.metadata.get(_KEY, NO_CONSTRAINT)
    if found is not NO_CONSTRAINT and attribute.validator is not found.check:
        raise TypeError(
            f"field {attribute.name!r} declares {found!r} but not its validator: "
            "use attrs.field(validator=C.check, metadata=C.metadata)"
        )
    return found


# --------------------------------------------------------------------------- shapes


@attrs.frozen
class Scalar:
    """A ``str``, ``int``, ``bool`` or ``date`` value with its constraint."""

    type: type
    constraint: Constraint = NO_CONSTRAINT


@attrs.frozen
class Choice:
    """An enum value; ``members`` are the allowed ones (all, unless ``restricted``)."""

    type: type[enum.Enum]
    members: tuple[enum.Enum, ...]
    restricted: bool


@attrs.frozen
class Maybe:
    """``X | None``."""

    inner: Shape


@attrs.frozen
class Many:
    """``tuple[X, ...]``, with the constraint on the tuple (item count, uniqueness)."""

    item: Shape
    constraint: Constraint = NO_CONSTRAINT


@attrs.frozen
class Record:
    """A nested attrs class."""

    type: type


@attrs.frozen
class Tagged:
    """A union of attrs classes told apart by their class-level ``type`` tag.

    ``open`` is the class that holds an event of any other tag (a type a protocol file
    declares), if the union has one.
    """

    union: Any
    tags: Mapping[str, type]
    open: type | None = None


Shape: TypeAlias = Scalar | Choice | Maybe | Many | Record | Tagged


@attrs.frozen
class FieldSpec:
    """One field of an attrs class, as every consumer of the model sees it.

    Attributes:
        name: the attribute name (the JSON key).
        alias: the ``__init__`` argument name.
        shape: the resolved type, constraints pushed down to where they apply.
        constraint: the constraint declared on the field.
        default: the default value, or ``attrs.NOTHING``.
        required: whether a document must carry the field.
    """

    name: str
    alias: str
    shape: Shape
    constraint: Constraint
    default: Any
    required: bool


_NONE: Final = type(None)


def shape_of(type_: Any, constraint: Constraint = NO_CONSTRAINT) -> Shape:
    """The shape of a resolved type annotation with *constraint* applied.

    Raises:
        TypeError: for a type the documents cannot hold.
    """
    origin, args = get_origin(type_), get_args(type_)
    if origin in (Union, types.UnionType):
        if _NONE in args and len(args) == 2:
            inner = next(arg for arg in args if arg is not _NONE)
            return Maybe(shape_of(inner, constraint))
        tagged = [arg for arg in args if isinstance(getattr(arg, "type", None), str)]
        others = [arg for arg in args if arg not in tagged]
        if tagged and all(attrs.has(arg) for arg in args) and len(others) <= 1:
            return Tagged(type_, {arg.type: arg for arg in tagged}, others[0] if others else None)
        raise TypeError(f"no shape for the union {type_!r}")
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return Many(shape_of(args[0], constraint.items()), constraint)
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        members = tuple(type_) if constraint.choices is None else constraint.choices
        return Choice(type_, members, constraint.choices is not None)
    if type_ in (str, int, bool, date):
        return Scalar(type_, constraint)
    if attrs.has(type_):
        return Record(type_)
    raise TypeError(f"no shape for {type_!r}")


def _holds_strings(type_: Any) -> bool:
    return type_ is str or any(_holds_strings(arg) for arg in get_args(type_))


_WALKED: Final[dict[type, tuple[FieldSpec, ...]]] = {}


def fields_of(cls: type) -> tuple[FieldSpec, ...]:
    """Every field of the attrs class *cls*, annotations resolved, in declaration order.

    Raises:
        InvalidArgumentError: *cls* is not an attrs class.
        TypeError: a field's type cannot be held by a document, a string field
            declares no constraint, or a constraint is declared without its validator.

    Examples:
        >>> from care_justice_protocol.model._entities import StaffMember
        >>> [(f.name, type(f.shape).__name__, f.required) for f in fields_of(StaffMember)]
        [('id', 'Scalar', True), ('role', 'Choice', True), ('service', 'Choice', True), \
('name', 'Maybe', False), ('external_ref', 'Maybe', False)]
    """
    walked = _WALKED.get(cls)
    if walked is not None:
        return walked
    if not attrs.has(cls):
        raise InvalidArgumentError(f"{cls!r} is not an attrs class")
    klass: Any = cls
    attrs.resolve_types(klass)
    out = []
    for field in attrs.fields(klass):
        constraint = constraint_of(field)
        if constraint is NO_CONSTRAINT and _holds_strings(field.type):
            raise TypeError(
                f"{cls.__name__}.{field.name}: a string field must declare whether it is "
                "an identifier (ID) or free text (TEXT)"
            )
        out.append(
            FieldSpec(
                name=field.name,
                alias=field.alias or field.name,
                shape=shape_of(field.type, constraint),
                constraint=constraint,
                default=field.default,
                required=field.default is attrs.NOTHING or constraint.required,
            )
        )
    walked = _WALKED[cls] = tuple(out)
    return walked
