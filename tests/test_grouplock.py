"""What a move locks: its group's lock row, then the rows it reads and writes, nothing else;
and the wait for the group's lock is bounded like any other."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest
from django.db import connection, transaction
from django.db.models import Model
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from orderkit import operations
from orderkit.models import GroupLock
from orderkit.registry import registry
from tests.helpers import (
    assert_session_lock_timeout_untouched,
    held_elsewhere,
    make_user,
    reorder_url,
)
from tests.testapp.models import Board, Card, Step

pytestmark = [pytest.mark.server_db, pytest.mark.django_db(transaction=True)]


def filled(model: type[Model], board: Board, spacing: int) -> list[Any]:
    model._default_manager.bulk_create(
        [model(title=f"row {i}", board=board, position=i * spacing) for i in range(300)]
    )
    rows = list(model._default_manager.filter(board=board).order_by("position"))
    # The group's first write checks it whole, once; the moves below are later ones.
    operations.reorder(registry.get(model), rows[:1])
    return rows


def order_of(model: type[Model], board: Board) -> list[int]:
    rows = model._default_manager.filter(board=board).order_by("position")
    return list(rows.values_list("pk", flat=True))


@override_settings(ORDERKIT={"LOCK_TIMEOUT": 0.5})
@pytest.mark.parametrize(("model", "spacing"), [(Card, 1), (Step, 4)])
def test_a_move_waits_for_no_row_that_it_does_not_touch(
    model: type[Model], spacing: int, board: Board
) -> None:
    rows = filled(model, board, spacing)
    kit = registry.get(model)
    far = model._default_manager.select_for_update().filter(pk=rows[150].pk)
    with held_elsewhere(lambda: list(far)):
        operations.move(kit, rows[20], before=rows[5])
        operations.move(kit, rows[40], after=rows[60])
        operations.move(kit, rows[30], to="first")
    wanted = [row.pk for row in rows]
    for moved, place in ((20, 5), (40, 60), (30, 0)):
        wanted.remove(rows[moved].pk)
        wanted.insert(wanted.index(rows[place].pk) + (moved == 40), rows[moved].pk)
    assert order_of(model, board) == wanted


@override_settings(ORDERKIT={"LOCK_TIMEOUT": 0.3})
def test_a_move_waits_for_its_group_lock_at_most_the_lock_timeout(
    client: Client, board: Board
) -> None:
    client.force_login(make_user("stepper", "testapp.change_step"))
    rows = filled(Step, board, 4)
    kit = registry.get(Step)
    body = json.dumps({"pk": rows[-1].pk, "to": "first"})
    with held_elsewhere(lambda: operations.hold_group(kit, rows[0])):
        start = time.monotonic()
        response = client.post(reorder_url("testapp.step"), body, content_type="application/json")
        waited = time.monotonic() - start
    assert response.status_code == 409
    assert response.json()["errors"]["__all__"][0]["code"] == "conflict"
    assert 0.25 < waited < 5
    assert order_of(Step, board)[0] == rows[0].pk
    response = client.post(reorder_url("testapp.step"), body, content_type="application/json")
    assert response.status_code == 200
    assert order_of(Step, board)[0] == rows[-1].pk


def test_the_move_lock_timeout_does_not_outlive_the_request(client: Client, board: Board) -> None:
    client.force_login(make_user("stepper", "testapp.change_step"))
    rows = filled(Step, board, 4)
    body = json.dumps({"pk": rows[-1].pk, "to": "first"})
    assert (
        client.post(reorder_url("testapp.step"), body, content_type="application/json").status_code
        == 200
    )
    assert_session_lock_timeout_untouched()


def lock_row_version() -> Any:
    """The version of the lock's row: PostgreSQL's ``xmin`` changes with every write."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT xmin::text FROM orderkit_grouplock")
        return cursor.fetchall()


def test_taking_a_lock_whose_row_exists_is_one_locking_read_that_writes_nothing(
    board: Board,
) -> None:
    rows = filled(Step, board, 4)
    (lock,) = GroupLock.objects.all()
    version = lock_row_version() if connection.vendor == "postgresql" else None
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        operations.hold_group(registry.get(Step), rows[5])
    statements = [
        query["sql"]
        for query in queries
        if not query["sql"].startswith(("BEGIN", "COMMIT", "SAVEPOINT", "RELEASE SAVEPOINT"))
    ]
    assert len(statements) == 1, statements
    assert statements[0].startswith(("SELECT", "WITH", "SET STATEMENT")), statements
    assert "INSERT" not in statements[0]
    assert "FOR UPDATE" in statements[0]
    assert GroupLock.objects.get() == lock
    if connection.vendor == "postgresql":
        assert lock_row_version() == version
