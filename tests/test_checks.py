"""The shared argument checks (care_justice_protocol._checks): one home, one contract."""

from __future__ import annotations

import datetime as dt
import enum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from care_justice_protocol import InvalidArgumentError, InvalidDateTypeError, Service, Status
from care_justice_protocol._checks import (
    check_choice,
    check_choices,
    check_count,
    check_date,
    check_flag,
    check_int,
)


class TestCheckDate:
    @given(st.dates())
    def test_every_date_is_returned_as_it_is(self, day: dt.date) -> None:
        assert check_date("on", day) is day

    @given(st.datetimes())
    def test_a_datetime_is_refused_with_a_hint(self, moment: dt.datetime) -> None:
        with pytest.raises(InvalidDateTypeError) as info:
            check_date("on", moment)
        # a date and time may be a date of birth: the value itself is never quoted
        assert (
            str(info.value) == "on must be a datetime.date, not datetime (call .date() on it first)"
        )


class TestCheckCount:
    @given(st.integers(-50, 50), st.integers(-5, 5), st.none() | st.integers(-5, 20))
    def test_accepts_exactly_the_ints_in_range(
        self, value: int, minimum: int, maximum: int | None
    ) -> None:
        inside = value >= minimum and (maximum is None or value <= maximum)
        if inside:
            assert check_count("n", value, minimum, maximum) == value
        else:
            with pytest.raises(InvalidArgumentError, match="n must be a whole number"):
                check_count("n", value, minimum, maximum)

    @pytest.mark.parametrize("value", [True, False, 1.0, "1", None])
    def test_bools_floats_and_strings_are_not_whole_numbers(self, value: object) -> None:
        with pytest.raises(InvalidArgumentError, match=r"n must be a whole number >= 0, got "):
            check_count("n", value)


class TestCheckChoice:
    @pytest.mark.parametrize("kind", [Service, Status])
    def test_every_member_and_its_value_give_the_member(self, kind: type[enum.Enum]) -> None:
        for member in kind:
            assert check_choice(kind, "x", member) is member
            assert check_choice(kind, "x", member.value) is member

    def test_an_unknown_value_lists_every_allowed_one(self) -> None:
        with pytest.raises(InvalidArgumentError) as info:
            check_choice(Status, "status", "late")
        # Status has eight members; each is named, in declaration order
        assert str(info.value) == (
            "status must be a Status ('met', 'met-late', 'due', 'overdue', 'not-applicable', "
            "'no-timescale', 'good-practice-missed', 'not-followed'), not 'late'"
        )

    def test_an_unhashable_value_is_refused_the_same_way(self) -> None:
        with pytest.raises(InvalidArgumentError, match="status must be a Status"):
            check_choice(Status, "status", ["met"])

    def test_a_string_is_not_a_collection_of_choices(self) -> None:
        with pytest.raises(InvalidArgumentError, match="statuses must be a collection"):
            check_choices(Status, "statuses", "met")
        assert check_choices(Status, "statuses", ["met", Status.DUE]) == (Status.MET, Status.DUE)


class TestFlagsAndInts:
    @pytest.mark.parametrize("value", [0, 1, "yes", None])
    def test_only_true_and_false_are_flags(self, value: object) -> None:
        with pytest.raises(InvalidArgumentError, match="must be True or False"):
            check_flag("f", value)
        assert check_flag("f", True) is True

    def test_an_int_subclass_is_returned_as_a_plain_int_but_a_bool_is_refused(self) -> None:
        class Count(int):
            pass

        assert type(check_int("n", Count(3))) is int
        with pytest.raises(InvalidArgumentError, match="n must be an int, not bool"):
            check_int("n", True)


class TestGcPaused:
    """``_gc.gc_paused``: the collector paused inside, restored after, the pause's objects
    handed to the oldest generation rather than scanned as young ones."""

    def test_the_collector_is_paused_inside_and_restored_after(self) -> None:
        import gc

        from care_justice_protocol._gc import gc_paused

        assert gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
            with gc_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()  # a pause inside a pause leaves it paused
        assert gc.isenabled()

    def test_a_disabled_collector_stays_disabled(self) -> None:
        import gc

        from care_justice_protocol._gc import gc_paused

        gc.disable()
        try:
            with gc_paused():
                pass
            assert not gc.isenabled()
        finally:
            gc.enable()

    def test_objects_made_in_the_pause_are_not_left_young(self) -> None:
        import gc

        from care_justice_protocol._gc import gc_paused

        with gc_paused():
            made = [[i] for i in range(10_000)]
        # 10,000 tracked lists were allocated; had they stayed in the young generation its
        # count would be over 10,000 and the next allocation would scan them all.
        assert gc.get_count()[0] < 1_000
        assert gc.get_freeze_count() == 0  # nothing left frozen
        assert all(gc.is_tracked(x) for x in made[:3])

    def test_a_program_s_own_frozen_objects_stay_frozen(self) -> None:
        import gc

        from care_justice_protocol._gc import gc_paused

        gc.freeze()
        try:
            frozen = gc.get_freeze_count()
            assert frozen > 0
            with gc_paused():
                _ = [[i] for i in range(100)]
            assert gc.get_freeze_count() == frozen
        finally:
            gc.unfreeze()
