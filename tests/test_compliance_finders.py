"""The compiled event searches of the compliance engine agree with the general matcher.

``evaluate`` compiles every pattern once into a specialised search (tuple membership per
field when the pattern has no tokens); these tests hold each specialisation to the
reference: filter the events of the pattern's type with ``matches``.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol import ALL_PROTOCOLS, JointCase, example_caseload
from care_justice_protocol.compliance._matching import finder, index, matches
from care_justice_protocol.model._events import CaseEvent
from care_justice_protocol.protocols import Match, Protocol
from tests.strategies import cases

AS_OF = date(2026, 11, 25)


def _patterns() -> Iterator[tuple[Protocol, Match]]:
    for p in ALL_PROTOCOLS.values():
        for ob in p.obligations:
            yield p, ob.trigger
            yield p, ob.evidence
            yield from ((p, m) for m in ob.applies_if)
            if isinstance(ob.deadline.awaits, Match):
                yield p, ob.deadline.awaits


PATTERNS = tuple(dict.fromkeys(_patterns()))


def _reference(
    by_type: dict[str, list[CaseEvent]], m: Match, trigger: CaseEvent | None, p: Protocol
) -> list[CaseEvent]:
    return [e for e in by_type.get(m.type, ()) if matches(m, e, trigger, p)]


def _disagreements(case: JointCase) -> list[tuple[str, str, object]]:
    by_type = index(case, date.max)
    triggers: list[CaseEvent | None] = [None, *case.events]
    bad = []
    for p, m in PATTERNS:
        find = finder(m)
        for t in triggers:
            got = find(by_type, t, p)
            if got != _reference(by_type, m, t, p):
                bad.append((p.id, m.describe(), t))
    return bad


class TestCompiledSearches:
    def test_every_pattern_has_a_specialised_or_general_search(self) -> None:
        kinds = {finder(m).__name__ for _, m in PATTERNS}
        # The bundled records exercise all five shapes of search (find_refs: plain values
        # and "@trigger.<field>" references only).
        assert kinds == {"find_all", "find_1", "find_n", "find_refs", "find_general"}

    def test_agree_with_the_general_matcher_on_the_bundled_caseload(self) -> None:
        caseload = example_caseload()
        found = 0
        for case in caseload.cases:
            assert _disagreements(case) == []
            by_type = index(case, date.max)
            found += sum(bool(finder(m)(by_type, None, p)) for p, m in PATTERNS)
        # Not vacuous: the searches do find events in the example caseload.
        assert found > 100

    @given(cases())
    def test_agree_with_the_general_matcher_on_generated_cases(self, case: JointCase) -> None:
        assert _disagreements(case) == []

    @given(st.sampled_from(PATTERNS))
    def test_searches_are_built_once_per_pattern(self, pm: tuple[Protocol, Match]) -> None:
        _, m = pm
        assert finder(m) is finder(m)
