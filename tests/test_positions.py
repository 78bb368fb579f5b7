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
    """Clean groups (dense, with gaps, starting anywhere) and legacy ones (NULLs, ties)."""
    found: list[list[Row]] = [
        [(1, 0), (2, 1), (3, 2), (4, 3)],
        [(1, 5), (2, 6), (3, 7)],
        [(1, 0), (2, 4), (3, 9), (4, 10), (5, 30)],
        [(4, 0), (3, 1), (2, 2), (1, 3)],
        [(1, 2), (2, 2), (3, 1)],
        [(1, None), (2, 0), (3, None), (4, 1)],
        [(1, 3)],
    ]
    generator = random.Random(7)
    for size in range(2, 7):
        for _ in range(10):
            values = [generator.choice([None, *range(6)]) for _ in range(size)]
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


def test_gapped_window_is_an_assignment() -> None:
    changes, plan = positions.move([(1, 0), (2, 5), (3, 6)], 3, 0)
    assert isinstance(plan, Assign)
    assert changes == {3: 0, 1: 5, 2: 6}


def test_legacy_group_is_renumbered_whole() -> None:
    changes, plan = positions.move([(1, None), (2, 3), (3, 3)], 1, 0)
    assert changes == {1: 0, 2: 1, 3: 2}
    assert isinstance(plan, Assign)


@pytest.mark.parametrize(
    ("rows", "legacy"),
    [([(1, 0), (2, 1)], False), ([(1, 0), (2, 0)], True), ([(1, None)], True), ([], False)],
)
def test_is_legacy(rows: list[Row], legacy: bool) -> None:
    assert positions.is_legacy(rows) is legacy


def test_clean_positions_refuses_nulls() -> None:
    with pytest.raises(ValueError, match="renumbered first"):
        positions.clean_positions([(1, None)])


@pytest.mark.parametrize(
    ("rows", "gaps"), [([(1, 0), (2, 1)], False), ([(2, 0), (1, 2)], True), ([], False)]
)
def test_has_gaps(rows: list[Row], gaps: bool) -> None:
    assert positions.has_gaps(rows) is gaps


def test_in_order_breaks_ties_by_pk_and_puts_nulls_last() -> None:
    rows: list[Row] = [(3, 1), (2, None), (1, 1), (4, 0)]
    assert [pk for pk, _ in positions.in_order(rows)] == [4, 1, 3, 2]


def test_in_order_sorts_string_pks_as_strings() -> None:
    rows: list[Row] = [("b", 0), ("a", 0), ("c", None)]
    assert [pk for pk, _ in positions.in_order(rows)] == ["a", "b", "c"]


def test_renumber_ascending_from_start() -> None:
    changes, _ = positions.renumber([(1, 9), (2, None), (3, 4)], start=1)
    assert changes == {3: 1, 1: 2, 2: 3}


def test_renumber_descending_keeps_the_shown_order() -> None:
    rows: list[Row] = [(1, 9), (2, None), (3, 4), (4, 4)]
    changes, _ = positions.renumber(rows, descending=True)
    result = apply(rows, Assign(changes))
    shown = sorted(result, key=lambda pk: -(result[pk] or 0))
    assert shown == [1, 3, 4, 2]


def test_renumber_of_a_clean_group_changes_nothing() -> None:
    assert positions.renumber([(1, 0), (2, 1)]) == ({}, None)
