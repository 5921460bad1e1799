"""Field constraints and the type walker: one declaration, every consumer agrees.

For every constrained field of every document class, the attrs validator, the detailed
cattrs hook, the fast path's inlined test and the JSON Schema accept and reject the
same values (boundary values: 0, 1, the limit and one past it), and the Hypothesis
strategy only draws values all of them accept.
"""

from __future__ import annotations

import enum
from datetime import date
from typing import Any

import attrs
import pytest
from cattrs.errors import IterableValidationError
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from care_justice_protocol.io._json import (
    _CLASSES,
    _FastCompiler,
    _FastPathError,
    _InvalidError,
    _shape_hook,
    make_converter,
)
from care_justice_protocol.io._schema import caseload_json_schema
from care_justice_protocol.model import (
    ID,
    ID_MAX_LENGTH,
    NO_CONSTRAINT,
    TEXT,
    TEXT_MAX_LENGTH,
    VERSION,
    Choice,
    Constraint,
    FieldValueError,
    Many,
    Maybe,
    Meaning,
    Record,
    Scalar,
    Tagged,
    constraint_of,
    fields_of,
    shape_of,
)
from care_justice_protocol.model._entities import Service, StaffMember
from care_justice_protocol.model._events import (
    EVENT_TYPES,
    Allocated,
    Caseload,
    DeclaredEvent,
    DisagreementRaised,
    Event,
    JointCase,
    MeetingHeld,
    ResponsibilityAccepted,
    Sentenced,
)
from care_justice_protocol.testing._strategies import _KIT

SCHEMA = caseload_json_schema()
CONVERTER = make_converter()


class TestConstraint:
    def test_identifier_limits_are_1_to_64_characters(self) -> None:
        assert ID.string_bounds() == (1, ID_MAX_LENGTH) == (1, 64)
        assert ID.problem("x" * 64) is None
        assert ID.problem("x" * 65) == "string too long: 65 characters, at most 64 allowed"
        assert ID.problem("") == "string too short: 0 characters, at least 1 needed"

    def test_free_text_is_at_most_1000_characters_and_may_be_empty(self) -> None:
        assert TEXT.string_bounds() == (0, TEXT_MAX_LENGTH) == (0, 1000)
        assert TEXT.problem("") is None
        assert TEXT.problem("x" * 1001) == (
            "string too long: 1001 characters, at most 1000 allowed"
        )

    def test_a_field_without_a_length_gets_the_text_limit(self) -> None:
        assert NO_CONSTRAINT.string_bounds() == (0, 1000)

    def test_constructor_messages_name_the_field_and_never_quote_a_string(self) -> None:
        long_name = "Jo Bloggs " * 101  # 1010 characters
        message = TEXT.violation("name", long_name)
        assert message == "name too long: 1010 characters, at most 1000 allowed"
        assert "Jo" not in message
        assert ID.violation("attendees", ("S-1", "")) == (
            "attendees[1] too short: 0 characters, at least 1 needed"
        )

    def test_minimum_and_const(self) -> None:
        assert VERSION.violation("version", 0) == "version must be at least 1, not 0"
        assert VERSION.problem(0) == "expected an integer of at least 1, got 0"
        assert VERSION.problem(1) is None
        version = Constraint(const=1, required=True)
        assert version.problem(2, "schema_version") == (
            "unsupported schema_version 2; this library reads 1"
        )
        assert version.violation("schema_version", None) == (
            "unsupported schema_version None; this library reads 1"
        )
        assert version.violation("schema_version", 1) is None

    def test_choices_are_named_in_the_message(self) -> None:
        probation = Constraint(
            choices=(Service.CRC, Service.NPS), described_as="a probation service"
        )
        assert probation.violation("service", Service.YOS) == (
            "service must be a probation service ('crc', 'nps'), not 'yos'"
        )
        assert probation.violation("service", "nps") is None  # a StrEnum equals its value

    def test_item_limits_apply_to_the_tuple_and_the_rest_to_each_item(self) -> None:
        parties = Constraint(min_items=2, unique_items=True, min_length=1, max_length=3)
        assert parties.items() == Constraint(min_length=1, max_length=3)
        assert parties.problem(("a",)) == "expected at least 2 items, got 1"
        assert parties.problem(("a", "a")) == "expected no repeated items"
        assert parties.violation("between", ("a", "b")) is None
        assert parties.violation("between", ("a", "bbbb")) == (
            "between[1] too long: 4 characters, at most 3 allowed"
        )

    def test_schema_keywords_per_json_type(self) -> None:
        assert ID.schema({"type": "string"}) == {"type": "string", "minLength": 1, "maxLength": 64}
        assert VERSION.schema({"type": "integer"}) == {"type": "integer", "minimum": 1}
        assert Constraint(const=1).schema({"type": "integer"}) == {"type": "integer", "const": 1}
        assert Constraint(min_items=2, unique_items=True).schema({"type": "array"}) == {
            "type": "array",
            "minItems": 2,
            "uniqueItems": True,
        }
        # a date string keeps its own format: no length keywords
        assert ID.schema({"type": "string", "format": "date"}) == {
            "type": "string",
            "format": "date",
        }

    def test_test_source_is_the_inlined_problem_check(self) -> None:
        assert TEXT.test_source(str, "v") == "0 <= len(v) <= 1000"
        assert ID.test_source(str, "v") == (
            "1 <= len(v) <= 64 and (v.isascii() and v.isprintable() and v[0] != ' ' and "
            "v[-1] != ' ' and '  ' not in v or _identifier_ok(v))"
        )
        assert VERSION.test_source(int, "v") == "v >= 1"
        assert Constraint(const=1).test_source(int, "v") == "v == 1"
        assert NO_CONSTRAINT.test_source(int, "v") == "True"

    def test_meaning_tells_identifiers_from_free_text(self) -> None:
        assert ID.meaning is Meaning.IDENTIFIER
        assert TEXT.meaning is Meaning.FREE_TEXT
        assert VERSION.meaning is Meaning.VALUE

    def test_the_validator_raises_field_value_error_with_the_field(self) -> None:
        with pytest.raises(FieldValueError) as raised:
            StaffMember("x" * 65, "spoc", "yos")  # type: ignore[arg-type]
        assert raised.value.field == "id"
        assert str(raised.value) == "id too long: 65 characters, at most 64 allowed"

    def test_a_constraint_without_its_validator_is_refused_by_the_walker(self) -> None:
        @attrs.frozen
        class Bad:
            id: str = attrs.field(metadata=ID.metadata)

        with pytest.raises(TypeError, match=r"declares .* but not its validator"):
            constraint_of(attrs.fields(Bad).id)

    def test_a_string_field_without_a_constraint_is_refused_by_the_walker(self) -> None:
        @attrs.frozen
        class Loose:
            label: str

        with pytest.raises(TypeError, match=r"Loose\.label: a string field must declare"):
            fields_of(Loose)


class TestWalker:
    def test_staff_member_fields(self) -> None:
        specs = fields_of(StaffMember)
        assert [spec.name for spec in specs] == ["id", "role", "service", "name", "external_ref"]
        assert specs[0].shape == Scalar(str, ID)
        assert specs[0].required is True
        assert specs[3].shape == Maybe(Scalar(str, TEXT))
        assert specs[3].required is False
        assert specs[3].default is None
        assert isinstance(specs[1].shape, Choice)
        assert specs[1].shape.restricted is False

    def test_constraints_are_pushed_down_to_where_they_apply(self) -> None:
        between = next(f for f in fields_of(DisagreementRaised) if f.name == "between")
        assert between.shape == Many(
            Choice(Service, tuple(Service), restricted=False),
            Constraint(min_items=2, unique_items=True),
        )
        attendees = next(f for f in fields_of(MeetingHeld) if f.name == "attendees")
        assert attendees.shape == Many(Scalar(str, ID), ID)

    def test_restricted_choices(self) -> None:
        probation = Constraint(choices=(Service.CRC, Service.NPS), described_as="probation")

        @attrs.frozen
        class Handover:
            service: Service = attrs.field(validator=probation.check, metadata=probation.metadata)

        (service,) = fields_of(Handover)
        assert service.shape == Choice(Service, (Service.CRC, Service.NPS), restricted=True)

    def test_responsibility_may_be_accepted_by_any_service_the_protocol_names(self) -> None:
        # Which services may accept responsibility is the protocol's to say (3.14.13 matches
        # "@probation"), so the event's field is not restricted.
        (service,) = [f for f in fields_of(ResponsibilityAccepted) if f.name == "service"]
        assert service.shape == Choice(Service, tuple(Service), restricted=False)

    def test_nested_classes_dates_and_the_event_union(self) -> None:
        shapes = {f.name: f.shape for f in fields_of(JointCase)}
        assert shapes["young_person"] == Record(
            next(f for f in fields_of(JointCase) if f.name == "young_person").shape.type  # type: ignore[union-attr]
        )
        events = shapes["events"]
        assert isinstance(events, Many)
        assert isinstance(events.item, Tagged)
        assert dict(events.item.tags) == dict(EVENT_TYPES)
        assert shape_of(date) == Scalar(date)
        assert shape_of(int | None) == Maybe(Scalar(int))

    def test_schema_version_is_required_though_it_has_a_default(self) -> None:
        version = fields_of(Caseload)[0]
        assert (version.name, version.required, version.default) == ("schema_version", True, 1)

    def test_the_walk_is_done_once_per_class(self) -> None:
        assert fields_of(Sentenced) is fields_of(Sentenced)

    def test_a_type_documents_cannot_hold_is_refused(self) -> None:
        with pytest.raises(TypeError, match="no shape"):
            shape_of(float)
        with pytest.raises(TypeError, match="no shape for the union"):
            shape_of(int | str)


# --------------------------------------------------------------------------- agreement


def _constrained() -> list[tuple[type, str]]:
    """(class, field) for every field with a constraint, in every document class."""
    found = []
    for cls in _CLASSES:
        for spec in fields_of(cls):
            if spec.constraint is not NO_CONSTRAINT:
                found.append((cls, spec.name))
    return found


CONSTRAINED = _constrained()


def _unwrap(shape: Any) -> Any:
    return shape.inner if isinstance(shape, Maybe) else shape


@st.composite
def boundary_values(draw: st.DrawFn, shape: Any) -> Any:
    return _boundary_values(draw, shape)


def _boundary_values(draw: st.DrawFn, shape: Any) -> Any:
    """A Python value of *shape*'s type near one of its constraint's limits."""
    if isinstance(shape, Maybe) and draw(st.booleans()):
        return None
    shape = _unwrap(shape)
    if isinstance(shape, Scalar) and shape.type is str:
        low, high = shape.constraint.string_bounds()
        length = draw(st.sampled_from([0, 1, max(low - 1, 0), low, high, high + 1, high + 2]))
        return draw(st.sampled_from("xé✓")) * length
    if isinstance(shape, Scalar) and shape.type is int:
        c = shape.constraint
        anchors = [0, -1, 1, 2, 10**6]
        anchors += [c.minimum - 1, c.minimum, c.minimum + 1] if c.minimum is not None else []
        anchors += [c.const - 1, c.const, c.const + 1] if c.const is not None else []
        return draw(st.sampled_from(anchors))
    if isinstance(shape, Choice):
        return draw(st.sampled_from(tuple(shape.type)))
    if isinstance(shape, Many):
        size = draw(st.integers(0, 4))
        return tuple(_boundary_values(draw, shape.item) for _ in range(size))
    raise AssertionError(f"no boundary values for {shape!r}")  # pragma: no cover


def _json(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_json(item) for item in value]
    if isinstance(value, enum.Enum):
        return value.value
    return value


def _verdicts(cls: type, name: str, value: Any) -> dict[str, bool]:
    """Whether each consumer accepts *value* for field *name* of *cls*."""
    spec = next(f for f in fields_of(cls) if f.name == name)
    attribute = getattr(attrs.fields(cls), name)
    verdicts = {}
    try:
        attribute.validator(None, attribute, value)
        verdicts["attrs validator"] = True
    except FieldValueError:
        verdicts["attrs validator"] = False
    hook = _shape_hook(CONVERTER, spec.shape, True)
    try:
        hook(_json(value), None)
        verdicts["cattrs hook"] = True
    except (_InvalidError, IterableValidationError):
        verdicts["cattrs hook"] = False
    compiler = _FastCompiler()
    function = f"def _check(x):\n    return {compiler.expr(spec.shape, 'x')}"
    exec(function, compiler.namespace)  # the fast path's expression for this field
    try:
        compiler.namespace["_check"](_json(value))
        verdicts["fast path"] = True
    except _FastPathError:
        verdicts["fast path"] = False
    schema = {"$defs": SCHEMA["$defs"], **SCHEMA["$defs"][cls.__name__]["properties"][name]}
    verdicts["JSON Schema"] = Draft202012Validator(schema).is_valid(_json(value))
    return verdicts


class TestEveryConsumerAgrees:
    def test_every_constrained_field_is_covered(self) -> None:
        names = {f"{cls.__name__}.{name}" for cls, name in CONSTRAINED}
        assert {
            "StaffMember.id",
            "StaffMember.name",
            "Meeting.attendees",
            "DocumentShared.version",
            "Sentenced.term_months",
            "DisagreementRaised.between",
            "DisagreementRaised.about",
            "JointCase.case_id",
            "Caseload.schema_version",
        } <= names
        # 27 events x recorded_by, + 4 x version, + 2+2+2+2 on StaffMember, YoungPerson,
        # Meeting, QualityAssuranceRecord, + worker_id, attendees, term_months,
        # 3 on DisagreementRaised, 2 more disagreement_ids, case_id, schema_version:
        # 27 + 4 + 8 + 3 + 3 + 2 + 1 + 1 = 49 (responsibility-accepted's service is not
        # restricted: the protocol says whose acceptance counts); + external_ref on the 27
        # events, on StaffMember and on JointCase: 49 + 29 = 78
        assert len(CONSTRAINED) == 78
        assert {"JointCase.external_ref", "StaffMember.external_ref",
                "Allocated.external_ref", "ComplaintMade.external_ref"} <= names  # fmt: skip

    @given(st.data())
    def test_validator_hook_fast_path_and_schema_accept_the_same_boundary_values(
        self, data: st.DataObject
    ) -> None:
        cls, name = data.draw(st.sampled_from(CONSTRAINED))
        spec = next(f for f in fields_of(cls) if f.name == name)
        value = data.draw(boundary_values(spec.shape))
        verdicts = _verdicts(cls, name, value)
        assert len(set(verdicts.values())) == 1, (cls.__name__, name, value, verdicts)

    @pytest.mark.parametrize(
        ("cls", "name", "value", "accepted"),
        [
            (StaffMember, "id", "x" * 64, True),
            (StaffMember, "id", "x" * 65, False),
            (StaffMember, "id", "", False),
            (StaffMember, "name", "x" * 1000, True),
            (StaffMember, "name", "x" * 1001, False),
            (StaffMember, "name", None, True),
            (DisagreementRaised, "between", (Service.YOS, Service.NPS), True),
            (DisagreementRaised, "between", (Service.YOS, Service.YOS), False),
            (DisagreementRaised, "between", (Service.YOS,), False),
            (Sentenced, "term_months", 1, True),
            (Sentenced, "term_months", 0, False),
            (Caseload, "schema_version", 1, True),
            (Caseload, "schema_version", 2, False),
            (JointCase, "external_ref", "x" * 128, True),
            (JointCase, "external_ref", "x" * 129, False),
            (JointCase, "external_ref", "", False),
            (JointCase, "external_ref", None, True),
            (StaffMember, "external_ref", "LL-WORKER-88231", True),
            (Allocated, "external_ref", "MOSAIC/STEP/4471", True),
        ],
    )
    def test_named_boundaries(self, cls: type, name: str, value: Any, accepted: bool) -> None:
        assert _verdicts(cls, name, value) == dict.fromkeys(
            ("attrs validator", "cattrs hook", "fast path", "JSON Schema"), accepted
        )

    @given(st.data())
    def test_the_strategies_only_draw_values_every_consumer_accepts(
        self, data: st.DataObject
    ) -> None:
        cls, name = data.draw(st.sampled_from(CONSTRAINED))
        spec = next(f for f in fields_of(cls) if f.name == name)
        value = data.draw(_KIT.shape(spec.shape))
        verdicts = _verdicts(cls, name, value)
        assert all(verdicts.values()), (cls.__name__, name, value, verdicts)


def test_the_event_union_is_walked_as_a_tagged_union() -> None:
    # The core types by tag, and DeclaredEvent for the types a protocol file declares.
    assert shape_of(Event) == Tagged(Event, dict(EVENT_TYPES), DeclaredEvent)
