"""The pure position arithmetic (``orderkit.operations.positions``), case by case."""

from __future__ import annotations

import pytest

from orderkit.operations import positions
from orderkit.operations.positions import Assign, Shift, Spread


@pytest.mark.parametrize(
    ("given", "dense", "expected"),
    [
        ([0, 1, 2], True, []),
        ([5, 6, 7], True, []),
        ([0, 0, 1], True, ["1 duplicate"]),
        ([0, 0, 0], True, ["2 duplicates"]),
        ([0, None, 1], True, ["1 NULL"]),
        ([None, None], True, ["2 NULLs"]),
        ([0, 2, 3], True, ["gaps"]),
        ([0, 2, 3], False, []),
        ([0, 0, None, 9], True, ["1 duplicate", "1 NULL"]),
        ([], True, []),
    ],
)
def test_faults_names_each_problem(
    given: list[int | None], dense: bool, expected: list[str]
) -> None:
    rows = [(index, position) for index, position in enumerate(given)]
    assert positions.faults(rows, dense=dense) == expected


def test_permute_gives_the_listed_rows_their_slots_in_order() -> None:
    assert positions.permute({1: 10, 2: 20, 3: 30}, [3, 1]) == Assign({3: 10, 1: 30})


def test_permute_of_rows_in_order_is_nothing() -> None:
    assert positions.permute({1: 0, 2: 1}, [1, 2]) is None


def test_shift_up_takes_the_high_neighbours_place() -> None:
    assert positions.shift_between(4, 3, None, (1, 0)) == Shift(
        pk=4, target=0, low=0, high=3, delta=1
    )


def test_shift_down_takes_the_low_neighbours_place() -> None:
    assert positions.shift_between(1, 0, (3, 3), (4, 7)) == Shift(
        pk=1, target=3, low=0, high=3, delta=-1
    )


def test_shift_to_where_a_row_is_is_nothing() -> None:
    assert positions.shift_between(2, 1, (1, 0), None) is None


@pytest.mark.parametrize(
    ("plan", "after"),
    [
        (None, {1: 0, 2: 5, 3: 6}),
        (Shift(pk=3, target=0, low=0, high=6, delta=1), {1: 1, 2: 6, 3: 0}),
        (Assign({3: 2, 9: 40}), {1: 0, 2: 5, 3: 2}),
        (Spread(pk=3, key=1, start=0, step=1), None),
    ],
)
def test_outcome(plan: positions.Plan | None, after: dict[int, int] | None) -> None:
    assert positions.outcome(plan, {1: 0, 2: 5, 3: 6}) == after


@pytest.mark.parametrize(
    ("low", "high", "slot"),
    [
        (0, 8, 4),  # the middle of a gap
        (4, 5, None),  # no integer between neighbours
        (4, 6, 5),
        (None, 20, 12),  # spacing below the first row
        (None, 5, 2),  # not room for the spacing: halfway to the floor
        (None, 0, None),  # the first row is at the floor
        (30, None, 38),  # spacing above the last row
        (36, None, 38),  # halfway to the ceiling
        (40, None, None),
        (None, None, None),
    ],
)
def test_slot_between(low: int | None, high: int | None, slot: int | None) -> None:
    assert positions.slot_between(low, high, 8, 0, 40) == slot


@pytest.mark.parametrize(
    ("top", "position"),
    [(None, 0), (0, 8), (30, 38), (38, 40), (40, 41)],
)
def test_after_last(top: int | None, position: int) -> None:
    # By the spacing while the column has room; then one more, which the next move rebalances.
    assert positions.after_last(top, 8, 40) == position


def test_a_crowded_window_is_refused_unless_it_is_the_whole_group() -> None:
    below, above = [(2, 11), (1, 10)], [(3, 12), (4, 13)]
    options = {"spacing": 64, "floor": 0, "ceiling": 1000}
    assert (
        positions.spread_window(9, below, above, reached_start=False, reached_end=False, **options)
        is None
    )
    plan = positions.spread_window(
        9, below, above, reached_start=True, reached_end=True, **options
    )
    assert plan == Assign({1: 0, 2: 19, 9: 38, 3: 57, 4: 76})


def test_whole_group_step_keeps_the_spacing_when_it_fits() -> None:
    assert positions.whole_group_step(10, 1024, 0, 2**31 - 1) == (0, 1024)
    assert positions.whole_group_step(1, 1024, 0, 10) == (0, 1024)
    # 3,000,000 rows spaced by 1024 would pass 2**31: closer together then.
    assert positions.whole_group_step(3_000_000, 1024, 0, 2**31 - 1) == (0, 715)


def test_whole_group_step_uses_negative_positions_when_it_must() -> None:
    assert positions.whole_group_step(5, 8, -10, 2) == (-10, 1)
    with pytest.raises(OverflowError, match="do not fit"):
        positions.whole_group_step(20, 8, -10, 2)
