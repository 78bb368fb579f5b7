"""Reordering from Python (``orderkit.operations.move``, ``move_block`` and ``reorder``): their
arguments, their results, and, on each database, any sequence of them against a plain list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.db.models import Model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orderkit import operations, signals
from orderkit.exceptions import Conflict, NotRegistered
from orderkit.registry import registry
from tests.helpers import order_of
from tests.list_model import Op, apply_to_list, ops
from tests.testapp.models import Board, Card, Label, Rung, Step


def test_move_needs_exactly_one_target(cards: list[Card]) -> None:
    with pytest.raises(TypeError, match="exactly one"):
        operations.move(registry.get(Card), cards[0])
    with pytest.raises(TypeError, match="exactly one"):
        operations.move(registry.get(Card), cards[0], to="first", before=cards[1])


def test_move_to_takes_first_or_last(cards: list[Card]) -> None:
    with pytest.raises(ValueError, match="not 'middle'"):
        operations.move(registry.get(Card), cards[0], to="middle")  # type: ignore[arg-type]


def test_move_next_to_itself(cards: list[Card]) -> None:
    with pytest.raises(ValueError, match="next to itself"):
        operations.move(registry.get(Card), cards[0], after=cards[0])


def test_rows_of_other_groups_are_refused(cards: list[Card]) -> None:
    elsewhere = Card.objects.create(title="elsewhere", board=None)
    with pytest.raises(ValueError, match="different groups"):
        operations.move(registry.get(Card), cards[0], before=elsewhere)
    with pytest.raises(ValueError, match="different groups"):
        operations.reorder(registry.get(Card), [cards[0], elsewhere])


def test_reorder_refuses_duplicates(cards: list[Card]) -> None:
    with pytest.raises(ValueError, match="more than once"):
        operations.reorder(registry.get(Card), [cards[0], cards[1], cards[0]])


def test_reorder_needs_a_row() -> None:
    with pytest.raises(ValueError, match="at least one row"):
        operations.reorder(registry.get(Card), [])


def test_move_updates_the_instances(cards: list[Card], editor: User) -> None:
    result = operations.move(registry.get(Card), cards[4], before=cards[0], user=editor)
    assert result.positions == {cards[4].pk: 0, cards[0].pk: 1}
    assert (cards[4].position, cards[0].position) == (0, 1)


def test_a_row_that_left_its_group_is_a_conflict(board: Board, cards: list[Card]) -> None:
    # cards[1] still says board, but another request has moved it meanwhile.
    Card.objects.filter(pk=cards[1].pk).update(board=Board.objects.create(name="elsewhere"))
    with pytest.raises(Conflict):
        operations.move(registry.get(Card), cards[0], after=cards[1])
    assert order_of(board) == ["card 0", "card 2", "card 3", "card 4"]


def test_a_kit_without_order_field_cannot_reorder(db: None) -> None:
    red, green = Label.objects.create(name="red"), Label.objects.create(name="green")
    with pytest.raises(NotRegistered, match="registered without order_field"):
        operations.move(registry.get(Label), red, before=green)
    with pytest.raises(NotRegistered, match="registered without order_field"):
        operations.reorder(registry.get(Label), [green, red])


# move_block: several rows next to one anchor, in one transaction.


def test_a_block_goes_before_the_anchor_in_the_listed_order(
    board: Board, cards: list[Card], editor: User
) -> None:
    result = operations.move_block(
        registry.get(Card), [cards[4], cards[3]], before=cards[1], user=editor
    )
    assert order_of(board) == ["card 0", "card 4", "card 3", "card 1", "card 2"]
    assert result.changed is True
    assert result.positions == {cards[4].pk: 1, cards[3].pk: 2, cards[1].pk: 3}
    assert (cards[4].position, cards[3].position, cards[1].position) == (1, 2, 3)


def test_a_block_goes_after_the_anchor_in_the_listed_order(
    board: Board, cards: list[Card]
) -> None:
    operations.move_block(registry.get(Card), [cards[0], cards[1]], after=cards[3])
    assert order_of(board) == ["card 2", "card 3", "card 0", "card 1", "card 4"]


def test_the_anchor_among_the_block_stays_where_it_is(board: Board, cards: list[Card]) -> None:
    operations.move_block(registry.get(Card), [cards[4], cards[2], cards[0]], before=cards[2])
    assert order_of(board) == ["card 1", "card 4", "card 0", "card 2", "card 3"]


def test_a_block_leaves_one_signal_and_a_log_entry_per_moved_row(
    cards: list[Card], editor: User, django_capture_on_commit_callbacks: Any, received: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        operations.move_block(
            registry.get(Card), [cards[3], cards[4]], after=cards[0], user=editor
        )
    sent = [signal["positions"] for signal in received(signals.reordered)]
    assert sent == [{cards[3].pk: 1, cards[4].pk: 2, cards[0].pk: 0}]
    logged = LogEntry.objects.values_list("object_id", flat=True).order_by("object_id")
    assert list(logged) == sorted([str(cards[3].pk), str(cards[4].pk)])


def test_a_block_that_meets_a_conflict_moves_nothing(board: Board, cards: list[Card]) -> None:
    Card.objects.filter(pk=cards[4].pk).update(board=Board.objects.create(name="elsewhere"))
    with pytest.raises(Conflict):
        operations.move_block(registry.get(Card), [cards[3], cards[4]], before=cards[0])
    assert order_of(board) == ["card 0", "card 1", "card 2", "card 3"]


@pytest.mark.parametrize(
    ("arguments", "error", "match"),
    [
        ({}, TypeError, "exactly one of before and after"),
        ({"before": 0, "after": 1}, TypeError, "exactly one of before and after"),
        ({"before": 0, "rows": [0]}, ValueError, "a row other than the anchor"),
        ({"before": 0, "rows": [1, 2, 1]}, ValueError, "more than once"),
    ],
)
def test_move_block_refuses_bad_arguments(
    cards: list[Card], arguments: dict[str, Any], error: type[Exception], match: str
) -> None:
    rows = [cards[index] for index in arguments.pop("rows", [3, 4])]
    anchors = {side: cards[index] for side, index in arguments.items()}
    with pytest.raises(error, match=match):
        operations.move_block(registry.get(Card), rows, **anchors)


# A sparse move whose window respacing leaves the moved row its number still moved it.


def test_a_respaced_move_that_keeps_the_rows_number_is_a_change(
    board: Board, editor: User, django_capture_on_commit_callbacks: Any, received: Any
) -> None:
    rows = [Step.objects.create(title=f"step {i}", board=board) for i in range(3)]
    for index, row in enumerate(rows):
        Step.objects.filter(pk=row.pk).update(position=index)
    kit = registry.get(Step)
    operations.reorder(kit, rows[:1])  # the group's first write checks it
    with django_capture_on_commit_callbacks(execute=True):
        result = operations.move(kit, rows[2], after=rows[0], user=editor)
    stored = list(
        Step.objects.filter(board=board).order_by("position").values_list("title", "position")
    )
    # step 2 keeps 2 and step 0 keeps 0; step 1 makes room at 4.
    assert stored == [("step 0", 0), ("step 2", 2), ("step 1", 4)]
    assert result == operations.ReorderResult(
        changed=True, positions={rows[2].pk: 2, rows[0].pk: 0}
    )
    assert LogEntry.objects.get().object_id == str(rows[2].pk)
    sent = [signal["positions"] for signal in received(signals.reordered)]
    assert sent == [{rows[2].pk: 2, rows[0].pk: 0}]


# Any sequence of moves and reorders, on the database, against a plain list.


@pytest.mark.parametrize("model", [Rung, Step], ids=["dense", "sparse"])
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_moves_and_reorders_keep_the_lists_order(
    db: None, model: type[Rung] | type[Step], data: st.DataObject
) -> None:
    board = Board.objects.create(name="property")
    size = data.draw(st.integers(1, 8), label="size")
    rows = {
        index: model.objects.create(title=f"row {index}", board=board) for index in range(size)
    }
    kit = registry.get(model)
    order = list(rows)
    steps: list[Op] = data.draw(ops(order, most=6), label="ops")
    for op in steps:
        named = [rows[index] for index in op.pks]
        call(kit, op, named)
        order = apply_to_list(order, op)
        stored = list(model.objects.filter(board=board).order_by("position", "pk"))
        assert [row.pk for row in stored] == [rows[index].pk for index in order]
        found = [row.position for row in stored]
        assert len(set(found)) == len(found)
        if model is Rung:
            assert found == list(range(size))


def call(kit: Any, op: Op, named: Sequence[Model]) -> None:
    if op.kind == "order":
        operations.reorder(kit, named)
    elif op.kind in ("first", "last"):
        operations.move(kit, named[0], to=op.kind)
    elif op.kind == "before":
        operations.move(kit, named[0], before=named[1])
    else:
        operations.move(kit, named[0], after=named[1])
