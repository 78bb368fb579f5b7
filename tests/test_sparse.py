"""Sparse positions (``Step`` is registered with ``spacing = 4``): a move writes the moved row
alone while its neighbours leave a free integer, and rebalances a window, then the whole
group, when they do not. Every DB-level guarantee of dense kits still holds."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any, Literal

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.transaction import TransactionManagementError
from django.test import Client
from django.test.utils import CaptureQueriesContext

from orderkit import operations
from orderkit.models import GroupLock
from orderkit.operations import planner
from orderkit.operations.groups import position_range
from orderkit.registry import registry
from tests.helpers import make_user, reorder_url
from tests.testapp.models import Board, Step, Tick

SPACING = 4


@pytest.fixture
def kit() -> Any:
    return registry.get(Step)


@pytest.fixture
def steps(board: Board) -> list[Step]:
    return [Step.objects.create(title=f"step {i}", board=board) for i in range(6)]


def stored(board: Board) -> list[tuple[str, int | None]]:
    return list(
        Step.objects.filter(board=board)
        .order_by("position", "pk")
        .values_list("title", "position")
    )


def titles(board: Board) -> list[str]:
    return [title for title, _ in stored(board)]


def updated_rows(queries: CaptureQueriesContext) -> list[str]:
    """The UPDATEs of the steps' table (MariaDB's carry a ``SET STATEMENT`` prefix)."""
    table = f"UPDATE {connection.ops.quote_name(Step._meta.db_table)}"
    return [q["sql"] for q in queries.captured_queries if table in q["sql"]]


def test_new_rows_go_last_by_the_spacing(steps: list[Step], board: Board) -> None:
    assert [position for _, position in stored(board)] == [0, 4, 8, 12, 16, 20]


@pytest.mark.parametrize(
    ("move", "order", "position"),
    [
        ({"before": 1}, [0, 5, 1, 2, 3, 4], 2),
        ({"after": 1}, [0, 1, 5, 2, 3, 4], 6),
        ({"to": "first"}, [5, 0, 1, 2, 3, 4], 1),
        ({"to": "last"}, [1, 2, 3, 4, 5, 0], 24),
    ],
)
def test_a_move_into_a_gap_writes_the_moved_row_alone(
    kit: Any,
    steps: list[Step],
    board: Board,
    move: dict[str, Any],
    order: list[int],
    position: int,
) -> None:
    moved = steps[0] if move.get("to") == "last" else steps[5]
    if move.get("to") == "first":
        Step.objects.filter(pk=steps[0].pk).update(position=2)  # room below the first row
        operations.reorder(kit, [steps[0]])  # the group's first write checks it
    else:
        operations.reorder(kit, [steps[0]])
    anchor = {key: steps[value] for key, value in move.items() if key != "to"}
    before = dict(stored(board))
    with CaptureQueriesContext(connection) as queries:
        result = operations.move(kit, moved, to=move.get("to"), **anchor)
    assert titles(board) == [f"step {i}" for i in order]
    assert result.positions[moved.pk] == position
    (update,) = updated_rows(queries)
    assert update.count("WHEN") == 1
    after = dict(stored(board))
    assert {t: p for t, p in after.items() if before[t] != p} == {moved.title: position}


def test_moving_where_the_row_is_changes_nothing(kit: Any, steps: list[Step]) -> None:
    result = operations.move(kit, steps[2], after=steps[1])
    assert result.changed is False
    assert result.positions == {steps[2].pk: 8, steps[1].pk: 4}


def test_a_full_gap_is_rebalanced_in_a_window(kit: Any, steps: list[Step], board: Board) -> None:
    # Two moves between step 0 (0) and step 1 (4) take 2, then 1; the third finds no room.
    operations.move(kit, steps[5], before=steps[1])
    operations.move(kit, steps[4], before=steps[5])
    assert [p for _, p in stored(board)][:4] == [0, 1, 2, 4]
    with CaptureQueriesContext(connection) as queries:
        operations.move(kit, steps[3], after=steps[0])
    assert titles(board) == ["step 0", "step 3", "step 4", "step 5", "step 1", "step 2"]
    found = [p for _, p in stored(board)]
    assert len(set(found)) == len(found)
    assert len(updated_rows(queries)) == 1


def test_the_floor_forces_a_rebalance_for_to_first(
    kit: Any, steps: list[Step], board: Board
) -> None:
    result = operations.move(kit, steps[3], to="first")
    assert titles(board) == ["step 3", "step 0", "step 1", "step 2", "step 4", "step 5"]
    # step 0 holds the floor (0): the window is respaced from it, by the spacing.
    assert [p for _, p in stored(board)] == [0, 4, 8, 12, 16, 20]
    assert result.positions == {steps[3].pk: 0}


def test_past_the_window_the_whole_group_is_respaced(
    kit: Any, steps: list[Step], board: Board, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(planner, "WINDOW", 1)
    Step.objects.filter(board=board).update(position=None)
    for index, step in enumerate(steps):
        Step.objects.filter(pk=step.pk).update(position=index)
    operations.reorder(kit, [steps[0]])
    result = operations.move(kit, steps[5], after=steps[1])
    assert titles(board) == ["step 0", "step 1", "step 5", "step 2", "step 3", "step 4"]
    assert [p for _, p in stored(board)] == [0, 4, 8, 12, 16, 20]
    assert result.positions == {steps[5].pk: 8, steps[1].pk: 4}


def test_to_first_past_the_window(
    kit: Any, steps: list[Step], board: Board, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(planner, "WINDOW", 1)
    for index, step in enumerate(steps):
        Step.objects.filter(pk=step.pk).update(position=index)
    operations.move(kit, steps[4], to="first")
    assert titles(board) == ["step 4", "step 0", "step 1", "step 2", "step 3", "step 5"]
    assert [p for _, p in stored(board)] == [0, 4, 8, 12, 16, 20]


def test_legacy_groups_are_renumbered_by_the_spacing(
    kit: Any, steps: list[Step], board: Board
) -> None:
    Step.objects.filter(board=board).update(position=None)
    operations.move(kit, steps[2], to="first")
    assert titles(board) == ["step 2", "step 0", "step 1", "step 3", "step 4", "step 5"]
    assert [p for _, p in stored(board)] == [0, 4, 8, 12, 16, 20]


def test_duplicates_written_after_the_check_are_found_where_a_move_meets_them(
    kit: Any, steps: list[Step], board: Board
) -> None:
    operations.reorder(kit, [steps[0]])
    Step.objects.filter(pk=steps[3].pk).update(position=8)  # step 2 holds 8 too
    operations.move(kit, steps[5], before=steps[2])
    assert titles(board) == ["step 0", "step 1", "step 5", "step 2", "step 3", "step 4"]
    # Renumbered by the spacing first (step 2 before step 3, by pk), then one row written.
    assert [p for _, p in stored(board)] == [0, 4, 6, 8, 12, 16]


def test_an_order_list_keeps_the_listed_rows_slots(
    kit: Any, steps: list[Step], board: Board
) -> None:
    result = operations.reorder(kit, [steps[4], steps[1]])
    assert titles(board) == ["step 0", "step 4", "step 2", "step 3", "step 1", "step 5"]
    assert result.positions == {steps[4].pk: 4, steps[1].pk: 16}


def test_the_endpoint_answers_sparse_positions(client: Client, steps: list[Step]) -> None:
    client.force_login(make_user("stepper", "testapp.change_step"))
    response = client.post(
        reorder_url("testapp.step"),
        json.dumps({"pk": steps[5].pk, "after": steps[0].pk}),
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json() == {
        "changed": True,
        "positions": {str(steps[5].pk): 2, str(steps[0].pk): 0},
    }


def test_a_later_move_reads_a_constant_number_of_rows(
    kit: Any, board: Board, django_assert_num_queries: Any
) -> None:
    Step.objects.bulk_create(
        [Step(title=f"s{i}", board=board, position=i * SPACING) for i in range(3000)]
    )
    rows = list(Step.objects.filter(board=board).order_by("position"))
    operations.reorder(kit, rows[:1])
    # A savepoint and its release (inside the test's transaction), the group's lock (one
    # statement, which on PostgreSQL also sets the lock timeout), the named rows with their
    # neighbour, the write.
    statements = 5
    with django_assert_num_queries(statements):
        operations.move(kit, rows[-1], before=rows[1500])


def test_renumber_spreads_by_the_spacing_and_accepts_gaps(steps: list[Step], board: Board) -> None:
    out = StringIO()
    call_command("orderkit_renumber", "testapp.step", "--check", stdout=out)
    assert "0 faulty" in out.getvalue()
    Step.objects.filter(pk=steps[1].pk).update(position=0)
    call_command("orderkit_renumber", "testapp.step", stdout=out)
    assert [p for _, p in stored(board)] == [0, 4, 8, 12, 16, 20]


def test_spacing_must_be_a_positive_integer() -> None:
    from orderkit.checks import check_kit
    from orderkit.kit import Kit

    for bad in (0, -4, "4", True, 2.5):
        kit = type("BadKit", (Kit,), {"order_field": "position", "spacing": bad})(Step)
        (error,) = [message for message in check_kit(kit) if message.id == "orderkit.E009"]
        assert "spacing must be a positive integer" in error.msg


@pytest.mark.parametrize(
    ("nulled", "moved", "to", "order", "numbers"),
    [
        # The named row holds NULL: renumbered, then moved.
        (1, 1, "first", [1, 0, 2, 3, 4, 5], [0, 4, 8, 12, 16, 20]),
        # Another row holds NULL, past the last (NULLs come last): renumbered 0, 4, ... 20
        # in that order, then step 0 goes past 20.
        (2, 0, "last", [1, 3, 4, 5, 2, 0], [4, 8, 12, 16, 20, 24]),
    ],
)
def test_a_null_written_after_the_check_is_renumbered_by_the_move_that_meets_it(
    kit: Any,
    steps: list[Step],
    board: Board,
    nulled: int,
    moved: int,
    to: Literal["first", "last"],
    order: list[int],
    numbers: list[int],
) -> None:
    operations.reorder(kit, [steps[0]])
    Step.objects.filter(pk=steps[nulled].pk).update(position=None)
    result = operations.move(kit, steps[moved], to=to)
    assert result.changed is True
    assert titles(board) == [f"step {index}" for index in order]
    assert [p for _, p in stored(board)] == numbers


def test_the_group_lock_row_names_its_model(kit: Any, steps: list[Step]) -> None:
    operations.reorder(kit, [steps[0]])
    lock = GroupLock.objects.get()
    assert lock.checked is True
    assert str(lock) == f"testapp.step {lock.group_key[:12]}"


def test_holding_a_group_needs_a_transaction(kit: Any, steps: list[Step]) -> None:
    with transaction.atomic():
        operations.hold_group(kit, steps[0])
        assert GroupLock.objects.filter(model="testapp.step").exists()


@pytest.mark.django_db(transaction=True)
def test_holding_a_group_outside_a_transaction_is_refused(kit: Any, board: Board) -> None:
    step = Step.objects.create(title="alone", board=board)
    with pytest.raises(TransactionManagementError, match="needs a transaction"):
        operations.hold_group(kit, step)


@pytest.mark.parametrize("legacy", ["duplicate", "null"])
def test_a_renumbering_fits_a_small_integer_column(board: Board, legacy: str) -> None:
    """70 rows by 1024 would reach 70,656, past a PositiveSmallIntegerField's range
    (PostgreSQL's 32,767, MariaDB's 65,535; SQLite does not bound it): the renumbering of a
    legacy group spaces them closer, and later moves still fit."""
    kit = registry.get(Tick)
    ceiling = position_range(kit, connection.alias)[1]
    ticks = Tick.objects.bulk_create(
        [Tick(board=board, position=index * 400) for index in range(70)]
    )
    Tick.objects.filter(pk=ticks[0].pk).update(position=None if legacy == "null" else 400)
    assert operations.move(kit, ticks[5], to="first").changed is True
    for tick in ticks[:10]:
        operations.move(kit, tick, to="last")
    found = list(Tick.objects.filter(board=board).values_list("position", flat=True))
    numbers = [number for number in found if number is not None]
    assert len(set(numbers)) == len(found) == 70
    assert max(numbers) <= ceiling
