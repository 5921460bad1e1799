"""The loader's two structuring paths agree on every input, and fast-path bugs surface.

``load_caseload`` and ``load_case`` first try a generated fast path. It may say
"invalid, re-read in detail" only by raising ``_FastPathError``; then the detailed
converter must refuse the document too (a :class:`ValidationError`). When the fast path
accepts a document, the detailed path must accept it and build an equal object. Any
other exception from the fast path is a bug, and must reach the caller.
"""

from __future__ import annotations

import json
import random
import zlib
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol import ValidationError, dump_case, dump_caseload
from care_justice_protocol.io import _json
from care_justice_protocol.io._json import (
    _detailed_case,
    _detailed_caseload,
    _fast_case,
    _fast_caseload,
    _FastPathError,
    load_case,
    load_caseload,
)
from care_justice_protocol.model._events import Caseload
from tests.strategies import caseloads, cases
from tests.test_fuzz import BAD_VALUES, Mutator, bases, json_values, mutated_inputs

DATA = Path(__file__).parent / "data"
#: Mutated documents per loader (the fuzz corpus's generator, its own seeds).
INPUTS = 1500

PATHS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any], Callable[[Any], Any]]] = {
    "load_caseload": (_fast_caseload, _detailed_caseload, load_caseload),
    "load_case": (_fast_case, _detailed_case, load_case),
}
#: How each input ended, per loader (checked by the last test).
OUTCOMES: dict[str, dict[str, int]] = {name: {"both accept": 0, "both refuse": 0} for name in PATHS}


def agree(name: str, data: Any) -> None:
    """Both paths accept *data* with equal results, or the fast one signals and the
    detailed one refuses. Any other exception from either fails the test."""
    fast, detailed, load = PATHS[name]
    try:
        value = _json._parse(data, "document")
    except ValidationError:
        return  # malformed JSON: refused before either path runs
    try:
        result = fast(value)
    except _FastPathError:
        with pytest.raises(ValidationError):
            load(value)
        OUTCOMES[name]["both refuse"] += 1
        return
    assert detailed(value) == result
    assert load(value) == result
    OUTCOMES[name]["both accept"] += 1


class TestTheFuzzCorpus:
    @pytest.mark.parametrize("name", list(PATHS))
    def test_mutated_documents(self, name: str) -> None:
        seed = zlib.crc32(name.encode()) % 1000 + 7
        for data in mutated_inputs(seed=seed, count=INPUTS, base=bases()[name]):
            agree(name, data)

    @pytest.mark.parametrize("path", sorted((DATA / "invalid").glob("*.json")), ids=str)
    def test_the_invalid_documents(self, path: Path) -> None:
        agree("load_caseload", path.read_bytes())
        assert OUTCOMES["load_caseload"]["both refuse"] >= 1

    def test_the_valid_documents(self) -> None:
        before = dict(OUTCOMES["load_caseload"])
        agree("load_caseload", (DATA / "caseload.json").read_bytes())
        agree("load_case", (DATA / "case.json").read_bytes())
        assert OUTCOMES["load_caseload"]["both accept"] == before["both accept"] + 1

    @pytest.mark.parametrize("bad", BAD_VALUES, ids=repr)
    def test_every_bad_value_in_every_place(self, bad: Any) -> None:
        """Put one bad value at every path of the bundled caseload document."""
        base = bases()["load_caseload"]
        mutator = Mutator(random.Random(0))
        for path in mutator._paths(base)[1:]:
            document = json.loads(json.dumps(base))
            parent = document
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]] = bad
            agree("load_caseload", document)


class TestGeneratedDocuments:
    @given(caseloads(), st.integers(0, 2**32))
    def test_generated_caseloads_and_one_mutation(self, caseload: Caseload, seed: int) -> None:
        document = dump_caseload(caseload)
        agree("load_caseload", document)
        agree("load_caseload", Mutator(random.Random(seed)).mutate(document))

    @given(cases(), st.integers(0, 2**32))
    def test_generated_cases_and_one_mutation(self, case: Any, seed: int) -> None:
        document = dump_case(case)
        agree("load_case", document)
        agree("load_case", Mutator(random.Random(seed)).mutate(document))

    @given(json_values)
    def test_arbitrary_json_values(self, value: Any) -> None:
        for name in PATHS:
            agree(name, value)


class TestMappingsThatAreNotDicts:
    def test_are_left_to_the_detailed_path_with_the_same_result(self) -> None:
        document = json.loads((DATA / "caseload.json").read_text())
        with pytest.raises(_FastPathError):
            _fast_caseload(MappingProxyType(document))
        assert load_caseload(MappingProxyType(document)) == load_caseload(document)


class TestFastPathFailuresAreNotSwallowed:
    def test_a_bug_in_the_fast_path_reaches_the_caller(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        def broken(value: Any, lexicon: Any = None) -> Any:
            raise ZeroDivisionError("a bug")

        monkeypatch.setattr(_json, "_fast_caseload", broken)
        with pytest.raises(ZeroDivisionError, match="a bug"):
            load_caseload('{"schema_version": 1}')

    def test_only_the_dedicated_signal_sends_a_document_to_the_detailed_path(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        calls = []

        def detailed(value: Any, lexicon: Any = None) -> Any:
            calls.append(value)
            return _detailed_caseload(value, lexicon)

        monkeypatch.setattr(_json, "_detailed_caseload", detailed)
        load_caseload('{"schema_version": 1}')
        assert calls == []  # valid: read once, by the fast path
        with pytest.raises(ValidationError):
            load_caseload('{"schema_version": 1, "cases": 5}')
        assert calls == [{"schema_version": 1, "cases": 5}]


def test_zz_both_outcomes_were_seen() -> None:
    """Runs last in this module: both outcomes occurred for both loaders."""
    print(f"fast/detailed agreement: {OUTCOMES}")
    if all(sum(outcome.values()) > INPUTS // 2 for outcome in OUTCOMES.values()):
        assert all(min(outcome.values()) > 0 for outcome in OUTCOMES.values())
