"""Moving rows between groups from Python (``orderkit.operations.move`` under a kit's
``move_between_groups``), on each database: both groups keep unique positions (dense:
0, 1, 2, ...), the row lands in its place, the log and the signal say from where to where."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.db import IntegrityError, connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orderkit import operations, signals
from orderkit.admin.history import change_message
from orderkit.exceptions import Conflict
from orderkit.kit import Kit
from orderkit.registry import registry
from ponies.models import Pony, Stable
from tests.helpers import order_of
from tests.testapp.models import Board, Card, Rung, Step


@pytest.fixture
def between(monkeypatch: pytest.MonkeyPatch) -> None:
    """Card, Rung and Step kits with ``move_between_groups`` on, for the test."""
    for model in (Card, Rung, Step):
        monkeypatch.setattr(registry.get(model), "move_between_groups", True)


def positions_of(model: type[Model], board: Board | None) -> list[int | None]:
    rows = model._default_manager.filter(board=board).order_by("position", "pk")
    return list(rows.values_list("position", flat=True))


def test_a_move_between_groups_needs_the_kits_option(
    cards: list[Card], others: list[Card]
) -> None:
    with pytest.raises(ValueError, match="different groups"):
        operations.move(registry.get(Card), cards[0], before=others[1])
    with pytest.raises(ValueError, match="different groups"):
        operations.move(registry.get(Card), cards[0], to="last", group={"board_id": None})


@pytest.mark.usefixtures("between")
def test_a_row_moved_before_a_row_of_another_group_goes_there(
    board: Board, other: Board, cards: list[Card], others: list[Card]
) -> None:
    result = operations.move(registry.get(Card), cards[1], before=others[1])
    assert order_of(board) == ["card 0", "card 2", "card 3", "card 4"]
    assert order_of(other) == ["other 0", "card 1", "other 1", "other 2"]
    assert positions_of(Card, board) == [0, 1, 2, 3]
    assert positions_of(Card, other) == [0, 1, 2, 3]
    assert result.changed is True
    assert result.positions == {cards[1].pk: 1, others[1].pk: 2}
    assert (cards[1].board_id, cards[1].position, others[1].position) == (other.pk, 1, 2)


@pytest.mark.usefixtures("between")
def test_a_row_moved_after_the_last_row_of_another_group_goes_last(
    board: Board, other: Board, cards: list[Card], others: list[Card]
) -> None:
    operations.move(registry.get(Card), cards[0], after=others[2])
    assert order_of(board) == ["card 1", "card 2", "card 3", "card 4"]
    assert order_of(other) == ["other 0", "other 1", "other 2", "card 0"]
    assert positions_of(Card, board) == [0, 1, 2, 3]


@pytest.mark.usefixtures("between")
@pytest.mark.parametrize(("to", "index"), [("first", 0), ("last", 3)])
def test_a_row_moved_to_an_end_of_a_named_group_goes_there(
    board: Board, other: Board, cards: list[Card], others: list[Card], to: Any, index: int
) -> None:
    operations.move(registry.get(Card), cards[4], to=to, group={"board_id": other.pk})
    assert order_of(other).index("card 4") == index
    assert positions_of(Card, other) == [0, 1, 2, 3]
    assert order_of(board) == ["card 0", "card 1", "card 2", "card 3"]


@pytest.mark.usefixtures("between")
def test_a_row_moved_into_an_empty_group_takes_its_first_place(
    board: Board, cards: list[Card]
) -> None:
    empty = Board.objects.create(name="Empty")
    operations.move(registry.get(Card), cards[2], to="first", group={"board_id": empty.pk})
    assert positions_of(Card, empty) == [0]
    assert order_of(board) == ["card 0", "card 1", "card 3", "card 4"]


@pytest.mark.usefixtures("between")
def test_a_row_moved_to_its_own_group_by_name_moves_within_it(
    board: Board, cards: list[Card]
) -> None:
    operations.move(registry.get(Card), cards[4], to="first", group={"board_id": board.pk})
    assert order_of(board) == ["card 4", "card 0", "card 1", "card 2", "card 3"]


def test_move_takes_a_group_only_with_to_and_with_the_kits_columns(
    cards: list[Card], other: Board
) -> None:
    kit = registry.get(Card)
    with pytest.raises(TypeError, match="group only with to"):
        operations.move(kit, cards[0], before=cards[1], group={"board_id": other.pk})
    with pytest.raises(ValueError, match="a group of board_id"):
        operations.move(kit, cards[0], to="last", group={"board": other.pk})


@pytest.mark.usefixtures("between")
def test_a_move_between_groups_leaves_a_log_entry_and_a_signal_that_say_where_from_and_to(
    cards: list[Card],
    others: list[Card],
    board: Board,
    other: Board,
    editor: User,
    django_capture_on_commit_callbacks: Any,
    received: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        operations.move(registry.get(Card), cards[0], after=others[0], user=editor)
    [sent] = received(signals.reordered)
    assert sent["from_group"] == {"board_id": board.pk}
    assert sent["to_group"] == {"board_id": other.pk}
    assert sent["positions"] == {cards[0].pk: 1, others[0].pk: 0}
    entry = LogEntry.objects.get()
    assert entry.object_id == str(cards[0].pk)
    assert entry.get_change_message() == "Changed Board and Position."
    assert change_message(entry) == "Moved from “Board” to “Other”."


@pytest.mark.usefixtures("between")
def test_a_move_into_the_null_group_is_logged_with_its_value(
    cards: list[Card], editor: User
) -> None:
    operations.move(registry.get(Card), cards[0], to="last", group={"board_id": None}, user=editor)
    assert order_of(None) == ["card 0"]
    assert change_message(LogEntry.objects.get()) == "Moved from “Board” to “None”."


@pytest.mark.usefixtures("between")
def test_a_row_that_left_its_group_meanwhile_is_a_conflict_and_nothing_moves(
    board: Board, other: Board, cards: list[Card], others: list[Card]
) -> None:
    Card.objects.filter(pk=others[1].pk).update(board=None)
    with pytest.raises(Conflict):
        operations.move(registry.get(Card), cards[0], before=others[1])
    assert order_of(board) == ["card 0", "card 1", "card 2", "card 3", "card 4"]
    assert order_of(other) == ["other 0", "other 2"]


@pytest.mark.usefixtures("between")
def test_a_row_moved_elsewhere_meanwhile_moves_from_where_it_is_now(
    board: Board, other: Board, cards: list[Card], others: list[Card]
) -> None:
    # cards[0] still says board, but another request has moved it to the other board last.
    Card.objects.filter(pk=cards[0].pk).update(board=other, position=3)
    operations.move(registry.get(Card), cards[0], before=cards[2])
    assert order_of(board) == ["card 1", "card 0", "card 2", "card 3", "card 4"]
    assert positions_of(Card, other) == [0, 1, 2]
    operations.move(registry.get(Card), cards[1], after=cards[0])
    assert order_of(board) == ["card 0", "card 1", "card 2", "card 3", "card 4"]


@pytest.mark.usefixtures("between")
def test_a_row_deleted_meanwhile_is_a_conflict(cards: list[Card], others: list[Card]) -> None:
    Card.objects.filter(pk=cards[0].pk).delete()
    with pytest.raises(Conflict):
        operations.move(registry.get(Card), cards[0], before=others[0])


@pytest.mark.usefixtures("between")
def test_legacy_groups_on_both_sides_are_renumbered_first(
    board: Board, other: Board, cards: list[Card], others: list[Card]
) -> None:
    Card.objects.filter(board=board).update(position=None)
    Card.objects.filter(board=other).update(position=7)
    operations.move(registry.get(Card), cards[3], before=others[2])
    assert order_of(board) == ["card 0", "card 1", "card 2", "card 4"]
    assert positions_of(Card, board) == [0, 1, 2, 3]
    assert order_of(other) == ["other 0", "other 1", "card 3", "other 2"]
    assert positions_of(Card, other) == [0, 1, 2, 3]


@pytest.mark.usefixtures("between")
def test_a_row_entering_a_sparse_group_at_the_top_of_the_column_renumbers_it(
    db: None,
) -> None:
    left, right = Board.objects.create(name="left"), Board.objects.create(name="right")
    moved = Step.objects.create(title="moved", board=left)
    ceiling = connection.ops.integer_field_range("PositiveIntegerField")[1]
    top = Step.objects.create(title="top", board=right, position=ceiling)
    operations.move(registry.get(Step), moved, after=top)
    assert list(Step.objects.filter(board=right).values_list("title", "position")) == [
        ("top", 0),
        ("moved", 4),
    ]


# Any sequence of moves within and between two groups, against two plain lists.


@pytest.mark.usefixtures("between")
@pytest.mark.parametrize("model", [Rung, Step], ids=["dense", "sparse"])
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_moves_between_two_groups_keep_both_lists_order(
    db: None, model: type[Rung] | type[Step], data: st.DataObject
) -> None:
    boards = [Board.objects.create(name="left"), Board.objects.create(name="right")]
    sizes = data.draw(st.tuples(st.integers(0, 5), st.integers(1, 5)), label="sizes")
    lists: list[list[Any]] = [
        [model.objects.create(title=f"{side} {i}", board=boards[side]) for i in range(size)]
        for side, size in enumerate(sizes)
    ]
    kit: Kit = registry.get(model)
    for _ in range(data.draw(st.integers(1, 6), label="steps")):
        rows = [row for side in lists for row in side]
        if data.draw(st.booleans(), label="block"):
            move_block_between(data, kit, lists)
            assert_stored(model, boards, lists)
            continue
        moved = data.draw(st.sampled_from(rows), label="moved")
        moved.refresh_from_db()
        side = data.draw(st.integers(0, 1), label="side")
        targets = [row for row in lists[side] if row.pk != moved.pk]
        how = data.draw(st.sampled_from(["first", "last", "before", "after"]), label="how")
        source = next(items for items in lists if moved in items)
        source.remove(moved)
        if how in ("first", "last") or not targets:
            where = "first" if how == "first" else "last"
            group = {"board_id": boards[side].pk}
            operations.move(kit, moved, to=where, group=group)  # type: ignore[arg-type]
            lists[side].insert(0 if where == "first" else len(lists[side]), moved)
        else:
            anchor = data.draw(st.sampled_from(targets), label="anchor")
            anchor.refresh_from_db()
            operations.move(kit, moved, **{how: anchor})
            index = lists[side].index(anchor) + (1 if how == "after" else 0)
            lists[side].insert(index, moved)
        assert_stored(model, boards, lists)


def move_block_between(data: st.DataObject, kit: Kit, lists: list[list[Any]]) -> None:
    """A block of rows of one list, moved next to a row of either list, as
    ``move_block()`` does it; ``lists`` follows."""
    source = data.draw(st.sampled_from([items for items in lists if items]), label="source")
    movers = data.draw(
        st.lists(st.sampled_from(source), min_size=1, max_size=3, unique=True), label="movers"
    )
    anchors = [row for items in lists for row in items if row not in movers]
    if not anchors:
        return
    anchor = data.draw(st.sampled_from(anchors), label="block anchor")
    how = data.draw(st.sampled_from(["before", "after"]), label="block how")
    for row in [*movers, anchor]:
        row.refresh_from_db()
    operations.move_block(kit, movers, **{how: anchor})
    for row in movers:
        source.remove(row)
    target = next(items for items in lists if anchor in items)
    index = target.index(anchor) + (1 if how == "after" else 0)
    target[index:index] = movers


def assert_stored(
    model: type[Rung] | type[Step], boards: list[Board], lists: list[list[Any]]
) -> None:
    for number, board in enumerate(boards):
        stored = list(model.objects.filter(board=board).order_by("position", "pk"))
        assert [row.pk for row in stored] == [row.pk for row in lists[number]]
        found = [row.position for row in stored]
        assert len(set(found)) == len(found)
        if model is Rung:
            assert found == list(range(len(found)))


# A row that another request moved into another group since the caller read it


@pytest.mark.usefixtures("between")
@pytest.mark.parametrize("anchor_side", ["old", "new"])
def test_a_row_moved_away_since_it_was_read_moves_from_where_it_is(
    board: Board, other: Board, cards: list[Card], others: list[Card], anchor_side: str
) -> None:
    kit = registry.get(Card)
    stale = Card.objects.get(pk=cards[1].pk)
    operations.move(kit, cards[1], before=others[0])  # another request, meanwhile
    anchor = cards[3] if anchor_side == "old" else others[2]
    result = operations.move(kit, stale, before=anchor)
    assert result.changed is True
    if anchor_side == "old":
        assert order_of(board) == ["card 0", "card 2", "card 1", "card 3", "card 4"]
        assert order_of(other) == ["other 0", "other 1", "other 2"]
    else:
        assert order_of(other) == ["other 0", "other 1", "card 1", "other 2"]
    assert positions_of(Card, board) == list(range(len(order_of(board))))
    assert positions_of(Card, other) == list(range(len(order_of(other))))
    assert stale.board_id == (board.pk if anchor_side == "old" else other.pk)


@pytest.mark.parametrize("option", [True, False])
def test_a_row_gone_since_it_was_read_is_a_conflict(
    monkeypatch: pytest.MonkeyPatch, cards: list[Card], option: bool
) -> None:
    kit = registry.get(Card)
    monkeypatch.setattr(kit, "move_between_groups", option)
    stale = Card.objects.get(pk=cards[1].pk)
    Card.objects.filter(pk=stale.pk).delete()
    with pytest.raises(Conflict):
        operations.move(kit, stale, before=cards[3])


def test_the_option_costs_no_statement_for_a_move_within_the_group(
    monkeypatch: pytest.MonkeyPatch, board: Board, cards: list[Card]
) -> None:
    """The row's group is read again only when the locked read misses it."""
    kit = registry.get(Card)
    operations.move(kit, cards[4], to="last")  # the group's first write checks it
    counts = []
    for option in (False, True):
        monkeypatch.setattr(kit, "move_between_groups", option)
        with CaptureQueriesContext(connection) as queries:
            operations.move(kit, cards[4], before=cards[0])
        counts.append(len(queries))
        operations.move(kit, cards[4], to="last")
    assert counts[0] == counts[1]


def test_the_python_api_leaves_uniqueness_to_the_database(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/python-api.md: a row that breaks a uniqueness rule in its new group raises the
    database's IntegrityError, and nothing is written."""
    kit = registry.get(Pony)
    monkeypatch.setattr(kit, "move_between_groups", True)
    stables = [Stable.objects.create(name=name) for name in ("North", "South")]
    moved = Pony.objects.create(name="Bramble", stable=stables[0])
    Pony.objects.create(name="Bramble", stable=stables[1])
    with pytest.raises(IntegrityError):
        operations.move(kit, moved, to="last", group={"stable_id": stables[1].pk})
    moved.refresh_from_db()
    assert moved.stable == stables[0]


@pytest.mark.parametrize("option", [False, True])
def test_a_block_of_several_groups_or_without_the_option_is_refused(
    monkeypatch: pytest.MonkeyPatch, cards: list[Card], others: list[Card], option: bool
) -> None:
    kit = registry.get(Card)
    monkeypatch.setattr(kit, "move_between_groups", option)
    with pytest.raises(ValueError, match="different groups"):
        operations.move_block(kit, [cards[0], others[1]], before=others[2])
    if not option:
        with pytest.raises(ValueError, match="different groups"):
            operations.move_block(kit, [cards[0], cards[1]], before=others[2])
