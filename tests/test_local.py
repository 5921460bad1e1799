"""Local variants: a council's timescales, closures, policies and contacts, from data."""

from __future__ import annotations

import json
from datetime import date

import pytest

from care_justice_protocol import (
    BUNDLED_PROTOCOLS,
    PROTOCOL_3_14_12,
    LocalTimescale,
    LocalVariant,
    PeriodPolicy,
    Service,
    ValidationError,
    WorkingDaysAfter,
    load_local_variant,
)


class TestLoad:
    def test_a_full_document(self) -> None:
        v = load_local_variant(json.dumps({
            "schema_version": 1,
            "timescales": {"3.14.12/2/joint-meeting-with-young-person": 10},
            "extra_closures": ["2026-12-24"],
            "policies": {"3.14.12/3/quarterly-management-meeting":
                         "at-most-n-months-since-last"},
            "contacts": {"next-step": "Next Step SPOC (duty inbox)"},
        }), protocols=BUNDLED_PROTOCOLS)  # fmt: skip
        assert v.timescales == {"3.14.12/2/joint-meeting-with-young-person": 10}
        assert v.extra_closures == frozenset({date(2026, 12, 24)})
        assert v.contacts == {Service.NEXT_STEP: "Next Step SPOC (duty inbox)"}
        assert v.calendar().add_working_days(date(2026, 12, 18), 15) == date(2027, 1, 14)
        p = v.apply(PROTOCOL_3_14_12)
        [ob] = [o for o in p.obligations if o.id.endswith("joint-meeting-with-young-person")]
        assert ob.deadline == LocalTimescale(WorkingDaysAfter(10))
        [q] = [o for o in p.periodic if o.id.endswith("quarterly-management-meeting")]
        assert q.recurrence.policy is PeriodPolicy.AT_MOST_N_MONTHS_SINCE_LAST

    def test_the_empty_variant_changes_nothing(self) -> None:
        assert LocalVariant().apply(PROTOCOL_3_14_12) == PROTOCOL_3_14_12
        assert load_local_variant("{}", protocols=BUNDLED_PROTOCOLS) == LocalVariant()

    def test_every_problem_is_reported_with_its_path(self) -> None:
        with pytest.raises(ValidationError) as info:
            load_local_variant(json.dumps({
                "timescales": {"3.14.12/2/meet-within-15-working-days": 3,
                               "3.14.12/2/joint-meeting-with-young-person": "5"},
                "extra_closures": ["2026-02-30"],
                "policies": {"3.14.12/3/quarterly-management-meeting": "weekly"},
                "contacts": {"police": "x"},
                "colour": "blue",
            }), protocols=BUNDLED_PROTOCOLS)  # fmt: skip
        errors = info.value.errors
        assert len(errors) == 6
        assert any(e.endswith('@ $.timescales["3.14.12/2/meet-within-15-working-days"]')
                   for e in errors)  # fmt: skip
        assert "expected a date YYYY-MM-DD, got '2026-02-30' @ $.extra_closures[0]" in errors
        assert any("unknown key 'colour'" in e for e in errors)

    @pytest.mark.parametrize("text", ["", "[", "[]", "null", '{"schema_version": 2}'])
    def test_malformed_documents(self, text: str) -> None:
        with pytest.raises(ValidationError):
            load_local_variant(text, protocols=BUNDLED_PROTOCOLS)
