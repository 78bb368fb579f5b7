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


@pytest.mark.parametrize("rows", groups())
def test_move_lands_each_row_at_each_index(rows: list[Row]) -> None:
    shown = [pk for pk, _ in positions.in_order(rows)]
    for pk, index in itertools.product(shown, range(len(shown))):
        changes, plan = positions.move(rows, pk, index)
        result = apply(rows, plan)
        expected = [other for other in shown if other != pk]
        expected.insert(index, pk)
        assert order(result) == expected
        assert None not in result.values()
        assert len(set(result.values())) == len(result)
        assert {key: value for key, value in result.items() if dict(rows)[key] != value} == (
            changes
        )


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
    assert positions.move([(1, 0), (2, 1)], 2, 1) == ({}, None)
    assert positions.reorder([(1, 0), (2, 1)], [1, 2]) == ({}, None)


def test_dense_window_is_one_shift() -> None:
    changes, plan = positions.move([(1, 0), (2, 1), (3, 2), (4, 3)], 4, 0)
    assert plan == Shift(pk=4, target=0, low=0, high=3, delta=1)
    assert changes == {4: 0, 1: 1, 2: 2, 3: 3}


@pytest.mark.parametrize(
    ("rows", "legacy"),
    [([(1, 0), (2, 1)], False), ([(1, 0), (2, 0)], True), ([(1, None)], True), ([], False)],
)
def test_is_legacy(rows: list[Row], legacy: bool) -> None:
    assert positions.is_legacy(rows) is legacy


@pytest.mark.parametrize("rows", [[(1, None)], [(1, 2), (2, 2)]])
def test_legacy_groups_must_be_renumbered_first(rows: list[Row]) -> None:
    with pytest.raises(ValueError, match="renumbered first"):
        positions.move(rows, 1, 0)
    with pytest.raises(ValueError, match="renumbered first"):
        positions.reorder(rows, [1])


def test_a_gapped_window_is_one_shift_that_keeps_the_gaps_elsewhere() -> None:
    rows: list[Row] = [(1, 0), (2, 5), (3, 6), (4, 9)]
    changes, plan = positions.move(rows, 3, 0)
    assert plan == Shift(pk=3, target=0, low=0, high=6, delta=1)
    assert changes == {3: 0, 1: 1, 2: 6}


def test_moving_down_shifts_toward_the_place_left() -> None:
    rows: list[Row] = [(1, 0), (2, 2), (3, 3), (4, 7)]
    changes, plan = positions.move(rows, 1, 2)
    assert plan == Shift(pk=1, target=3, low=0, high=3, delta=-1)
    assert changes == {1: 3, 2: 1, 3: 2}


def test_positions_never_go_below_the_lowest() -> None:
    for rows in groups():
        lowest = min(position for _, position in rows if position is not None)
        for pk, index in itertools.product([pk for pk, _ in rows], range(len(rows))):
            result = apply(rows, positions.move(rows, pk, index)[1])
            assert min(p for p in result.values() if p is not None) >= lowest
