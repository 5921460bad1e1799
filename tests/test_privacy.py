"""Privacy: no names or dates of birth in reprs, strs or error messages; pseudonymise."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import random
import re
import secrets
import string
import warnings
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    EVENT_TYPES,
    CareStatus,
    Caseload,
    Complainant,
    DocumentKind,
    InvalidArgumentError,
    JointCase,
    LegalStatus,
    MeetingKind,
    Role,
    SentenceOutcome,
    Service,
    ValidationError,
    dump_caseload,
    dumps_caseload,
    evaluate_caseload,
    example_caseload,
    load_caseload,
)
from care_justice_protocol.cli import main
from care_justice_protocol.io._pseudonymise import key_weakness, pseudonymise
from care_justice_protocol.testing import Scenario
from tests.strategies import caseloads

AS_OF = date(2027, 1, 4)
#: Fixed keys of 32 bytes (SHA-256 digests: no pattern), so failures reproduce.
KEY = hashlib.sha256(b"test_privacy key").digest()
OTHER_KEY = hashlib.sha256(b"test_privacy other key").digest()
_DATA = Path(__file__).parent / "data"


def _invented_names(count: int, seed: int) -> tuple[str, ...]:
    """``count`` distinct names of two capitalised words of 6 to 11 letters each."""
    rng = random.Random(seed)

    def word() -> str:
        size = rng.randint(5, 10)
        return rng.choice(string.ascii_uppercase) + "".join(
            rng.choices(string.ascii_lowercase, k=size)
        )

    out: dict[str, None] = {}
    while len(out) < count:
        out[f"{word()} {word()}"] = None
    return tuple(out)


#: Distinctive names (two capitalised words, so they cannot turn up by coincidence),
#: drawn from a fixed pool: sampling a pool costs far less than ``st.from_regex``, which
#: made drawing the names cost more than everything else in these tests.
names = st.sampled_from(_invented_names(2000, seed=12))


@st.composite
def named_caseloads(draw: st.DrawFn) -> Caseload:
    """Generated caseloads in which every young person and staff member has a name."""
    caseload = draw(caseloads())
    cases = tuple(
        attrs.evolve(
            case,
            young_person=attrs.evolve(case.young_person, name=draw(names)),
            staff=tuple(attrs.evolve(member, name=draw(names)) for member in case.staff),
        )
        for case in caseload.cases
    )
    return attrs.evolve(caseload, cases=cases)


def personal_data(caseload: Caseload, also_shown: frozenset[date] = frozenset()) -> list[str]:
    """Names and dates of birth (in the forms a repr or message would show them).

    A date of birth that is also the date of some other value in the document (an event
    on the same day) is left out: it could legitimately appear as that value.
    """
    found: list[str] = []
    other_dates = _other_dates(caseload) | also_shown
    for case in caseload.cases:
        person = case.young_person
        found += [person.name or ""] + [member.name or "" for member in case.staff]
        dob = person.date_of_birth
        if dob not in other_dates:
            found += [dob.isoformat(), repr(dob), f"{dob.year}, {dob.month}, {dob.day})"]
    return [text for text in found if text]


def _other_dates(caseload: Caseload) -> set[date]:
    document = dump_caseload(caseload)
    for case in document["cases"]:
        del case["young_person"]["date_of_birth"]
    text = json.dumps(document)
    return {date.fromisoformat(m) for m in re.findall(r"\d{4}-\d{2}-\d{2}", text)}


def shown(*values: object) -> str:
    return "\n".join(f"{value!r}\n{value}" for value in values)


def assert_nothing_personal(
    text: str, caseload: Caseload, also_shown: frozenset[date] = frozenset()
) -> None:
    for secret in personal_data(caseload, also_shown):
        assert secret not in text


#: Whole generated caseloads, each pseudonymised or evaluated: a property over 100 of them
#: (the CI profile's 200 made these ten tests a fifth of the suite's time).
_CASELOADS = settings(max_examples=min(100, settings.default.max_examples))


class TestReprsAndStrs:
    @_CASELOADS
    @given(named_caseloads())
    def test_no_name_or_date_of_birth_in_any_repr_or_str(self, caseload: Caseload) -> None:
        parts: list[object] = [caseload, *caseload.management_meetings]
        parts += list(caseload.quality_assurance)
        for case in caseload.cases:
            parts += [case, case.young_person, *case.staff, *case.events, case.events]
        assert_nothing_personal(shown(*parts), caseload)

    @_CASELOADS
    @given(named_caseloads())
    def test_no_name_or_date_of_birth_in_evaluation_results(self, caseload: Caseload) -> None:
        report = evaluate_caseload(caseload, AS_OF, protocol=BUNDLED_PROTOCOLS)
        text = shown(report, *report.results)
        text += json.dumps([result.to_dict() for result in report.results])
        # A computed date (a due date, a period's end) may coincide with a date of birth.
        computed = frozenset(
            d for r in report.results for d in (r.due, r.trigger, r.met_on) if d is not None
        )
        assert_nothing_personal(text, caseload, computed)


class TestErrorMessages:
    @_CASELOADS
    @given(named_caseloads(), st.sampled_from([12345, [], {}, True, 1.5]))
    def test_a_bad_field_next_to_real_names_does_not_show_them(
        self, caseload: Caseload, bad: object
    ) -> None:
        document = dump_caseload(caseload)
        document["cases"].append(
            {
                "case_id": "C-bad",
                "young_person": {
                    "id": "YP-bad",
                    "date_of_birth": "2008-02-29",
                    "care_status": "relevant",
                    "has_icta": False,
                    "legal_status": "charged",
                    "name": "Bernadette Quincey-Smith",
                },
                "staff": [{"id": "S-bad", "role": "spoc", "service": "yos", "name": bad}],
            }
        )
        with pytest.raises(ValidationError) as caught:
            load_caseload(json.dumps(document))
        message = str(caught.value) + repr(caught.value) + "".join(caught.value.errors)
        assert "Bernadette" not in message
        assert "2008-02-29" not in message
        assert_nothing_personal(message, caseload)

    def test_the_cli_error_line_does_not_show_names(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        document = json.loads((_DATA / "caseload.json").read_text())
        document["cases"][0]["young_person"]["name"] = "Bernadette Quincey"
        document["cases"][0]["young_person"]["has_icta"] = "yes"
        path = tmp_path / "caseload.json"
        path.write_text(json.dumps(document))
        assert main(["check", str(path), "--as-of", "2027-01-04"]) == 2
        captured = capsys.readouterr()
        assert "Bernadette" not in captured.err + captured.out

    def test_an_impossible_date_of_birth_is_not_quoted(self) -> None:
        document = json.loads((_DATA / "caseload.json").read_text())
        document["cases"][0]["young_person"]["date_of_birth"] = "2008-02-30"
        with pytest.raises(ValidationError) as caught:
            load_caseload(json.dumps(document))
        assert "2008-02-30" not in str(caught.value)


# --------------------------------------------------------------------------- pseudonymise


def expected_pseudonym(ident: str, key: bytes = KEY) -> str:
    digest = hmac.new(key, ident.encode("utf-8", "surrogatepass"), hashlib.sha256)
    return "P-" + digest.hexdigest()[:16]


def ids_in(document: Any) -> list[str]:
    """Every identifier in a dumped caseload document."""
    found: list[str] = []
    for case in document["cases"]:
        found += [case["case_id"], case["young_person"]["id"]]
        found += [member["id"] for member in case["staff"]]
        for event in case["events"]:
            for key in ("recorded_by", "worker_id", "disagreement_id"):
                if key in event:
                    found.append(event[key])
            found += event.get("attendees", [])
    for meeting in document["management_meetings"]:
        found += meeting["attendees"] + meeting["case_ids"]
    for record in document["quality_assurance"]:
        found += record["by"] + record["case_ids"]
    return found


def _outcome(result: Any) -> tuple[Any, ...]:
    return (result.obligation, result.status, result.due, result.trigger, result.met_on)


def by_case(report: Any) -> dict[str | None, list[tuple[Any, ...]]]:
    """Each case's result outcomes, in the engine's order, by case id."""
    out: dict[str | None, list[tuple[Any, ...]]] = {}
    for r in report.results:
        out.setdefault(r.case_id, []).append(_outcome(r))
    return out


def pseudonymised_case(copy: Caseload, case: JointCase, key: bytes = KEY) -> JointCase:
    return copy.case(expected_pseudonym(case.case_id, key))


class TestPseudonymise:
    @_CASELOADS
    @given(named_caseloads())
    def test_every_id_is_replaced_by_its_keyed_hash(self, caseload: Caseload) -> None:
        copy = pseudonymise(caseload, KEY)
        before, after = dump_caseload(caseload), dump_caseload(copy)
        assert sorted(ids_in(after)) == sorted(expected_pseudonym(i) for i in ids_in(before))
        for case in caseload.cases:  # each case keeps its own ids (in a new order)
            new = pseudonymised_case(copy, case)
            assert new.young_person.id == expected_pseudonym(case.young_person.id)
            assert sorted(m.id for m in new.staff) == sorted(
                expected_pseudonym(m.id) for m in case.staff
            )
            assert sorted(e.recorded_by for e in new.events) == sorted(
                expected_pseudonym(e.recorded_by) for e in case.events
            )

    @_CASELOADS
    @given(named_caseloads())
    def test_no_original_id_name_or_birthday_is_left(self, caseload: Caseload) -> None:
        anonymous = pseudonymise(caseload, KEY)
        document = dump_caseload(anonymous)
        originals = set(ids_in(dump_caseload(caseload)))
        assert all(re.fullmatch(r"P-[0-9a-f]{16}", i) for i in ids_in(document))
        assert not originals & set(ids_in(document))
        text = dumps_caseload(anonymous)
        for case in caseload.cases:
            for member in case.staff:
                assert member.name is not None
                assert member.name not in text
            assert case.young_person.name is not None
            assert case.young_person.name not in text
        for case in anonymous.cases:
            assert case.young_person.name is None
            assert case.young_person.date_of_birth.day == 1
            assert all(member.name is None for member in case.staff)
            assert all(getattr(event, "about", "") == "" for event in case.events)
        # Every string field of the model is an identifier or free text (the model refuses
        # one that is neither), so a field added later, such as an external reference,
        # cannot pass through unchanged: this walks the whole document, not known keys.
        terms = {str(m) for kind in _ENUMS for m in kind} | set(EVENT_TYPES)
        for value in _strings(document):
            assert value in terms or re.fullmatch(r"|P-[0-9a-f]{16}|\d{4}-\d\d-\d\d", value)

    @_CASELOADS
    @given(named_caseloads())
    def test_date_of_birth_keeps_year_and_month(self, caseload: Caseload) -> None:
        anonymous = pseudonymise(caseload, KEY)
        for old in caseload.cases:
            new = pseudonymised_case(anonymous, old)
            assert new.young_person.date_of_birth == old.young_person.date_of_birth.replace(day=1)

    @_CASELOADS
    @given(named_caseloads())
    def test_is_deterministic_for_a_key_and_differs_between_keys(self, caseload: Caseload) -> None:
        first, again = pseudonymise(caseload, KEY), pseudonymise(caseload, KEY)
        assert dumps_caseload(first) == dumps_caseload(again)
        other = pseudonymise(caseload, OTHER_KEY)
        assert not set(ids_in(dump_caseload(first))) & set(ids_in(dump_caseload(other)))

    @_CASELOADS
    @given(named_caseloads())
    def test_does_not_change_its_input(self, caseload: Caseload) -> None:
        before = dumps_caseload(caseload)
        pseudonymise(caseload, KEY)
        assert dumps_caseload(caseload) == before

    @_CASELOADS
    @given(named_caseloads())
    def test_the_result_round_trips_through_json(self, caseload: Caseload) -> None:
        anonymous = pseudonymise(caseload, KEY)
        assert load_caseload(dumps_caseload(anonymous)) == anonymous

    @_CASELOADS
    @given(named_caseloads())
    def test_compliance_statuses_are_unchanged(self, caseload: Caseload) -> None:
        before = evaluate_caseload(caseload, AS_OF, protocol=BUNDLED_PROTOCOLS)
        after = evaluate_caseload(pseudonymise(caseload, KEY), AS_OF, protocol=BUNDLED_PROTOCOLS)
        expected = {
            None if cid is None else expected_pseudonym(cid): outcomes
            for cid, outcomes in by_case(before).items()
        }
        assert by_case(after) == expected

    def test_statuses_of_the_sample_caseload_are_unchanged(self) -> None:
        caseload = load_caseload((_DATA / "caseload.json").read_bytes())
        before = evaluate_caseload(caseload, AS_OF, protocol=BUNDLED_PROTOCOLS)
        after = evaluate_caseload(pseudonymise(caseload, KEY), AS_OF, protocol=BUNDLED_PROTOCOLS)
        assert sorted(by_case(after).values()) == sorted(by_case(before).values())
        assert len(before.results) > 0

    @pytest.mark.parametrize(
        "key",
        [b"", b"short", b"x" * 15, "a str key of 32 characters or more", None,
         hashlib.sha256(b"31").digest()[:31], bytearray(KEY)],
    )  # fmt: skip
    def test_a_short_or_non_bytes_key_is_refused(self, key: Any) -> None:
        with pytest.raises(InvalidArgumentError, match="key must be") as caught:
            pseudonymise(Caseload(), key)
        assert "secrets.token_bytes(32)" in str(caught.value)

    def test_a_key_of_32_random_bytes_is_accepted(self) -> None:
        assert pseudonymise(Caseload(), secrets.token_bytes(32)) == Caseload()
        assert pseudonymise(Caseload(), secrets.token_bytes(64)) == Caseload()

    def test_a_non_caseload_is_refused(self) -> None:
        with pytest.raises(InvalidArgumentError, match="caseload must be a Caseload"):
            pseudonymise(JointCase, KEY)  # type: ignore[arg-type]


class TestWeakKeys:
    @pytest.mark.parametrize(
        ("key", "named"),
        [
            (bytes(16), "at least 32 bytes, not 16"),  # the issue's key of 16 zero bytes
            (bytes(32), "one byte repeated (all 32 bytes the same)"),
            (b"\xff" * 40, "one byte repeated (all 40 bytes the same)"),
            (b"ab" * 16, "a repeating pattern (a block of 2 bytes, repeated)"),
            (b"password" * 4, "a repeating pattern (a block of 8 bytes, repeated)"),
            (bytes(range(16)) * 2, "a repeating pattern (a block of 16 bytes, repeated)"),
            (bytes(range(32)), "counting bytes (each byte 1 more than the one before)"),
            (bytes(range(0, 96, 3)), "counting bytes (each byte 3 more than the one before)"),
            (bytes(range(255, 223, -1)), "counting bytes (each byte 1 less than the one before)"),
            # counting across 255 -> 0 is still counting
            (bytes((240 + i) % 256 for i in range(32)), "counting bytes (each byte 1 more"),
            (bytes(31) + b"\x01", "mostly one byte value (31 of 32 bytes the same)"),
            (b"\x07" * 17 + KEY[:15], "mostly one byte value (17 of 32 bytes the same)"),
        ],
    )
    def test_a_pattern_is_refused_naming_what_is_wrong(self, key: bytes, named: str) -> None:
        with pytest.raises(InvalidArgumentError) as caught:
            pseudonymise(Caseload(), key)
        message = str(caught.value)
        assert named in message
        assert "secrets.token_bytes(32)" in message

    @pytest.mark.parametrize(
        "key", [bytes(32), b"ab" * 16, bytes(range(32)), b"password" * 4, bytes(31) + b"!"]
    )
    def test_the_message_never_shows_the_key(self, key: bytes) -> None:
        with pytest.raises(InvalidArgumentError) as caught:
            pseudonymise(Caseload(), key)
        message = str(caught.value) + repr(caught.value)
        for shown_as in (repr(key), key.hex(), key.decode("latin-1"), str(list(key[:4]))[1:-1]):
            assert shown_as not in message
        assert "password" not in message

    def test_half_the_bytes_the_same_is_not_refused(self) -> None:
        # 16 of 32: "more than half" is the line; a hex-encoded secret (16 symbols) passes
        key = b"\x07" * 16 + KEY[:16]
        assert key.count(7) == 16
        assert pseudonymise(Caseload(), key) == Caseload()
        assert pseudonymise(Caseload(), secrets.token_hex(32).encode()) == Caseload()

    @given(st.binary(min_size=32, max_size=64))
    def test_any_key_is_either_accepted_or_refused_with_a_reason(self, key: bytes) -> None:
        weakness = key_weakness(key)
        if weakness is None:
            assert pseudonymise(Caseload(), key) == Caseload()
        else:
            with pytest.raises(
                InvalidArgumentError, match=r"^key must be secret random bytes, not "
            ):
                pseudonymise(Caseload(), key)


class TestOrders:
    """Orders that carry no meaning are replaced: keyed for cases, by date for records."""

    def test_cases_come_in_the_order_of_their_pseudonyms(self) -> None:
        caseload = example_caseload()
        copy = pseudonymise(caseload, KEY)
        ids = [case.case_id for case in copy.cases]
        assert ids == sorted(ids) == sorted(expected_pseudonym(c.case_id) for c in caseload.cases)

    def test_the_input_order_of_cases_and_staff_makes_no_difference(self) -> None:
        caseload = example_caseload()
        reversed_ = attrs.evolve(
            caseload,
            cases=tuple(attrs.evolve(c, staff=c.staff[::-1]) for c in reversed(caseload.cases)),
            management_meetings=caseload.management_meetings[::-1],
            quality_assurance=caseload.quality_assurance[::-1],
        )
        assert pseudonymise(reversed_, KEY) == pseudonymise(caseload, KEY)

    def test_the_order_differs_between_keys(self) -> None:
        caseload = example_caseload()
        position = {
            key: [copy.cases.index(pseudonymised_case(copy, c, key)) for c in caseload.cases]
            for key in (KEY, OTHER_KEY)
            for copy in [pseudonymise(caseload, key)]
        }
        assert position[KEY] != position[OTHER_KEY]
        assert position[KEY] != list(range(len(caseload.cases)))

    def test_events_come_in_date_order_keeping_same_day_recording_order(self) -> None:
        s = Scenario.for_case("C-1").allocate(date(2026, 3, 2), "yos")
        s = s.charged(date(2026, 1, 5))  # recorded late
        s = s.check_other_service(date(2026, 3, 2), "yos", "next-step", open_to_other=True)
        s = s.allocate(date(2026, 3, 2), "next-step")
        case = s.build()
        [new] = pseudonymise(Caseload(cases=(case,)), KEY).cases
        assert [e.type for e in new.events] == [
            "charged", "allocated", "other-service-checked", "allocated"
        ]  # fmt: skip
        assert [e.service for e in new.events if e.type == "allocated"] == ["yos", "next-step"]
        assert new.events == tuple(new.timeline())

    @settings(max_examples=20)  # a shape check: a few caseloads are enough
    @given(named_caseloads())
    def test_records_and_lists_are_sorted(self, caseload: Caseload) -> None:
        copy = pseudonymise(caseload, KEY)
        for records in (copy.management_meetings, copy.quality_assurance):
            assert [r.on for r in records] == sorted(r.on for r in records)
        for m in copy.management_meetings:
            assert list(m.attendees) == sorted(m.attendees)
            assert list(m.case_ids) == sorted(m.case_ids)
        for q in copy.quality_assurance:
            assert list(q.by) == sorted(q.by)
            assert list(q.case_ids) == sorted(q.case_ids)
        for case in copy.cases:
            assert [m.id for m in case.staff] == sorted(m.id for m in case.staff)
            assert [e.on for e in case.events] == sorted(e.on for e in case.events)


_ENUMS = (CareStatus, LegalStatus, Service, Role, MeetingKind, DocumentKind, SentenceOutcome,
          Complainant)  # fmt: skip


def _strings(value: Any) -> Any:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


# --------------------------------------------------------------------------- malformed documents

#: The enum-valued keys of a caseload document (a name may be typed into any of them).
ENUM_KEYS = frozenset(
    {
        "care_status", "legal_status", "role", "service", "kind", "document", "outcome",
        "from_service", "to_service", "other_service", "notes_taken_by", "about_service",
        "signed_by_service", "services", "attended_by", "between", "by",
    }
)  # fmt: skip


def _enum_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The paths of every enum value (or item of a list of them) in a document."""
    out = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ENUM_KEYS and isinstance(item, str):
                out.append((*path, key))
            elif key in ENUM_KEYS and isinstance(item, list):
                out += [(*path, key, i) for i, x in enumerate(item) if isinstance(x, str)]
            else:
                out += _enum_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _enum_paths(item, (*path, index))
    return out


def _put(document: Any, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        document = document[step]
    document[path[-1]] = value


def date_forms(day: date) -> dict[str, Any]:
    """A date of birth as people and spreadsheets write it (all but the first are refused)."""
    serial = (day - date(1899, 12, 30)).days  # a spreadsheet's day number
    return {
        "dd/mm/yyyy": day.strftime("%d/%m/%Y"),
        "yyyymmdd": day.strftime("%Y%m%d"),
        "dd-mm-yyyy": day.strftime("%d-%m-%Y"),
        "yyyy/mm/dd": day.strftime("%Y/%m/%d"),
        "d month yyyy": f"{day.day} {day:%B %Y}",
        "date-time": f"{day.isoformat()}T00:00:00",
        "serial": serial,
        "serial as a number": float(serial),
        "serial as text": str(serial),
        "impossible": f"{day.year}-02-30",
        "parts": [day.year, day.month, day.day],
    }


def secrets_of_day(day: date) -> list[str]:
    """Every form in which a date of birth could leak, to look for in the output."""
    serial = (day - date(1899, 12, 30)).days
    texts = [str(v) for v in date_forms(day).values() if not isinstance(v, list)]
    return [*texts, day.isoformat(), day.strftime("%d%m%Y"), str(serial), f"{day.year}-02-30"]


def secrets_of_name(name: str) -> list[str]:
    return [name, name.lower(), name.upper(), *name.split()]


SAMPLE = json.loads((_DATA / "caseload.json").read_text())


class TestNoPersonalDataInMalformedDocuments:
    """Item 4 of "Trustworthy with children's data": no date of birth, name or free text,
    in any form, in an error, a warning or a log, whatever is wrong with the document."""

    @given(st.data())
    def test_no_error_or_warning_shows_a_date_of_birth_a_name_or_free_text(
        self, data: st.DataObject
    ) -> None:
        document = copy.deepcopy(SAMPLE)
        secrets: list[str] = []
        for case in SAMPLE["cases"]:  # the sample's own dates of birth
            secrets.append(case["young_person"]["date_of_birth"])
        name = data.draw(names)  # a valid name beside whatever is wrong
        document["cases"][0]["young_person"]["name"] = name
        secrets += secrets_of_name(name)
        about = data.draw(names)
        document["cases"][1]["events"].append(
            {"type": "disagreement-raised", "on": "2026-01-05", "recorded_by": "S-1",
             "disagreement_id": "D-1", "between": ["yos", "next-step"], "about": about}
        )  # fmt: skip
        secrets += secrets_of_name(about)
        for _ in range(data.draw(st.integers(1, 3))):
            where = data.draw(st.sampled_from(["birth", "enum", "name", "about", "date"]))
            case = data.draw(st.integers(0, len(document["cases"]) - 1))
            person = document["cases"][case]["young_person"]
            if where == "birth":  # a date of birth in another format
                day = data.draw(st.dates(date(2000, 1, 1), date(2010, 12, 31)))
                form = data.draw(st.sampled_from(sorted(date_forms(day))))
                person["date_of_birth"] = date_forms(day)[form]
                secrets += secrets_of_day(day)
            elif where == "enum":  # a name typed into an enum field
                typed = data.draw(names)
                _put(document, data.draw(st.sampled_from(_enum_paths(document))), typed)
                secrets += secrets_of_name(typed)
            elif where == "name":  # a name of the wrong type
                typed = data.draw(names)
                person["name"] = data.draw(st.sampled_from([[typed], {"first": typed}, 7]))
                secrets += secrets_of_name(typed)
            elif where == "about":  # free text too long, or of the wrong type
                typed = data.draw(names)
                document["cases"][1]["events"][-1]["about"] = data.draw(
                    st.sampled_from([typed * 100, [typed], {"text": typed}])
                )
                secrets += secrets_of_name(typed)
            else:  # a name typed into a date field
                typed = data.draw(names)
                person["date_of_birth"] = typed
                secrets += secrets_of_name(typed)
        texts = []
        for given_as in (json.dumps(document), document):  # the fast and the detailed path
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    load_caseload(given_as)
                except ValidationError as error:
                    texts += [str(error), repr(error), *error.errors]
            texts += [str(w.message) for w in caught]
        output = "\n".join(texts)
        for secret in secrets:
            assert secret not in output, secret

    @pytest.mark.parametrize("form", sorted(date_forms(date(2008, 2, 29))))
    def test_cjp_shows_no_form_of_a_date_of_birth(
        self, form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        document = copy.deepcopy(SAMPLE)
        document["cases"][0]["young_person"]["date_of_birth"] = date_forms(date(2008, 2, 29))[form]
        document["cases"][1]["events"][0]["service"] = "Bernadette Quincey"
        path = tmp_path / "caseload.json"
        path.write_text(json.dumps(document))
        assert main(["check", str(path), "--as-of", "2027-01-04", "--format", "csv"]) == 2
        captured = capsys.readouterr()
        shown_text = captured.err + captured.out
        for secret in [*secrets_of_day(date(2008, 2, 29)), "Bernadette", "Quincey"]:
            assert secret not in shown_text
