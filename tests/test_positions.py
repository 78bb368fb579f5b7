"""The pure position arithmetic, checked exhaustively on small groups."""

from __future__ import annotations

import itertools
import random

import pytest

from orderkit.operations import positions
from orderkit.operations.positions import Assign, Pk, Plan, Row, Shift


def apply(rows: list[Row], plan: Plan | None) -> dict[Pk, int | None]:
    """What the database holds after ``plan`` is written (the SQL of ``write_plan``)."""
    result = dict(rows)
    if isinstance(plan, Assign):
        result.update(plan.positions)
    elif isinstance(plan, Shift):
        for pk, position in rows:
            if pk == plan.pk:
                result[pk] = plan.target
            elif position is not None and plan.low <= position <= plan.high:
                result[pk] = position + plan.delta
    return result


def order(result: dict[Pk, int | None]) -> list[Pk]:
    return [pk for pk, _ in positions.in_order(list(result.items()))]


def groups() -> list[list[Row]]:
    """Clean groups: dense, with gaps, starting anywhere, pks in any order."""
    found: list[list[Row]] = [
        [(1, 0), (2, 1), (3, 2), (4, 3)],
        [(1, 5), (2, 6), (3, 7)],
        [(1, 0), (2, 4), (3, 9), (4, 10), (5, 30)],
        [(4, 0), (3, 1), (2, 2), (1, 3)],
        [(1, 3)],
    ]
    generator = random.Random(7)
    for size in range(2, 8):
        for _ in range(10):
            values = generator.sample(range(12), size)
            found.append(list(enumerate(values, start=1)))
    return found


def plan_move(rows: list[Row], pk: Pk, index: int, spacing: int = 1) -> Plan | None:
    """Move ``pk`` to ``index`` of its group as orderkit does, from the neighbours it reads:
    the rows that will be right below and right above it, and for a rebalance, the rest."""
    current = positions.clean_positions(rows)
    others = [(other, p) for other, p in positions.in_order(rows) if other != pk]
    low = others[index - 1] if index > 0 else None
    high = others[index] if index < len(others) else None
    if spacing == 1:
        return positions.shift_between(pk, current[pk], low, high)
    at = current[pk]
    if (low is None or low[1] < at) and (high is None or at < high[1]):
        return None
    slot = positions.slot_between(
        None if low is None else low[1], None if high is None else high[1], spacing, 0, CEILING
    )
    if slot is not None:
        return Assign({pk: slot})
    return positions.spread_window(
        pk,
        list(reversed(others[:index])),
        others[index:],
        reached_start=True,
        reached_end=True,
        spacing=spacing,
        floor=0,
        ceiling=CEILING,
    )


CEILING = 40


@pytest.mark.parametrize("spacing", [1, 2, 8])
@pytest.mark.parametrize("rows", groups())
def test_move_lands_each_row_at_each_index(rows: list[Row], spacing: int) -> None:
    shown = [pk for pk, _ in positions.in_order(rows)]
    for pk, index in itertools.product(shown, range(len(shown))):
        result = apply(rows, plan_move(rows, pk, index, spacing))
        expected = [other for other in shown if other != pk]
        expected.insert(index, pk)
        assert order(result) == expected
        assert None not in result.values()
        assert len(set(result.values())) == len(result)
        assert all(0 <= p <= CEILING for p in result.values() if p is not None)


@pytest.mark.parametrize("rows", groups())
def test_a_sparse_move_into_a_gap_writes_one_row(rows: list[Row]) -> None:
    shown = [pk for pk, _ in positions.in_order(rows)]
    for pk, index in itertools.product(shown, range(len(shown))):
        plan = plan_move(rows, pk, index, spacing=8)
        if isinstance(plan, Assign) and len(plan.positions) > 1:
            current = dict(rows)
            others = sorted(p for other, p in current.items() if other != pk)  # type: ignore[type-var]
            # A rebalance only where the neighbours left no free integer.
            low = others[index - 1] if index > 0 else None
            high = others[index] if index < len(others) else None
            assert positions.slot_between(low, high, 8, 0, CEILING) is None


@pytest.mark.parametrize("rows", groups())
def test_reorder_permutes_the_listed_rows_in_their_slots(rows: list[Row]) -> None:
    shown = [pk for pk, _ in positions.in_order(rows)]
    generator = random.Random(len(rows))
    for _ in range(20):
        listed = generator.sample(shown, generator.randint(1, len(shown)))
        changes, plan = positions.reorder(rows, listed)
        result = apply(rows, plan)
        after = order(result)
        # Unlisted rows keep their places; listed rows fill the listed rows' slots in order.
        assert [pk for pk in after if pk not in listed] == [pk for pk in shown if pk not in listed]
        assert [pk for pk in after if pk in listed] == listed
        slots = [index for index, pk in enumerate(shown) if pk in listed]
        assert [after[slot] for slot in slots] == listed
        assert len(set(result.values())) == len(result)
        assert None not in result.values()
        assert changes == {k: v for k, v in result.items() if dict(rows)[k] != v}


def test_clean_group_keeps_its_positions_when_reordered() -> None:
    rows: list[Row] = [(1, 10), (2, 20), (3, 30)]
    changes, plan = positions.reorder(rows, [3, 1])
    assert changes == {3: 10, 1: 30}
    assert plan == Assign({3: 10, 1: 30})


def test_moving_to_where_a_row_is_changes_nothing() -> None:
    assert positions.shift_between(2, 1, (1, 0), None) is None
    assert positions.reorder([(1, 0), (2, 1)], [1, 2]) == ({}, None)


def test_dense_window_is_one_shift() -> None:
    plan = positions.shift_between(4, 3, None, (1, 0))
    assert plan == Shift(pk=4, target=0, low=0, high=3, delta=1)


@pytest.mark.parametrize(
    ("rows", "legacy"),
    [([(1, 0), (2, 1)], False), ([(1, 0), (2, 0)], True), ([(1, None)], True), ([], False)],
)
def test_is_legacy(rows: list[Row], legacy: bool) -> None:
    assert positions.is_legacy(rows) is legacy


@pytest.mark.parametrize("rows", [[(1, None)], [(1, 2), (2, 2)]])
def test_legacy_groups_must_be_renumbered_first(rows: list[Row]) -> None:
    with pytest.raises(ValueError, match="renumbered first"):
        positions.reorder(rows, [1])


def test_a_gapped_window_is_one_shift_that_keeps_the_gaps_elsewhere() -> None:
    rows: list[Row] = [(1, 0), (2, 5), (3, 6), (4, 9)]
    plan = plan_move(rows, 3, 0)
    assert plan == Shift(pk=3, target=0, low=0, high=6, delta=1)
    assert apply(rows, plan) == {1: 1, 2: 6, 3: 0, 4: 9}


def test_moving_down_shifts_toward_the_place_left() -> None:
    rows: list[Row] = [(1, 0), (2, 2), (3, 3), (4, 7)]
    plan = plan_move(rows, 1, 2)
    assert plan == Shift(pk=1, target=3, low=0, high=3, delta=-1)
    assert apply(rows, plan) == {1: 3, 2: 1, 3: 2, 4: 7}


def test_positions_never_go_below_the_lowest() -> None:
    for rows in groups():
        lowest = min(position for _, position in rows if position is not None)
        for pk, index in itertools.product([pk for pk, _ in rows], range(len(rows))):
            result = apply(rows, plan_move(rows, pk, index))
            assert min(p for p in result.values() if p is not None) >= lowest


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
