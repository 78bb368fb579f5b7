"""A database out of reach, or a connection lost while a request runs: 503 ``unavailable``
with a ``Retry-After`` header, never a bare 500, and nothing half-written. The faults are
real: a connection pointed at a closed port (a missing file on SQLite), and a backend that
another connection terminates (PostgreSQL) or kills (MariaDB) in the middle of a request.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.messages import get_messages
from django.db import IntegrityError, connection, transaction
from django.test import Client

from orderkit import operations
from orderkit.exceptions import Unavailable
from orderkit.models import GroupLock
from orderkit.registry import registry
from tests.helpers import PostJson, code_of, order_of, reorder_url, toggle_url
from tests.testapp.models import Board, Card

pytestmark = pytest.mark.django_db(transaction=True)


def closed_port() -> int:
    """A port of 127.0.0.1 that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def out_of_reach() -> Iterator[None]:
    """The tests' connection pointed where no database answers, until the block ends: a
    closed port, or for SQLite a file in a directory that does not exist."""
    settings = connection.settings_dict
    saved = dict(settings)
    if connection.vendor == "sqlite":
        # Closing SQLite's in-memory test database would destroy it: keep it aside.
        kept, connection.connection = connection.connection, None
        settings["NAME"] = "/nonexistent/orderkit/db.sqlite3"
    else:
        connection.close()
        settings["PORT"] = closed_port()
    try:
        yield
    finally:
        settings.clear()
        settings.update(saved)
        if connection.vendor == "sqlite":
            connection.connection = kept
        else:
            connection.close()


def assert_unavailable(response: Any) -> None:
    assert code_of(response, 503) == "unavailable"
    assert response["Retry-After"] == "5"


def test_a_database_out_of_reach_is_a_503(
    post_json: PostJson, board: Board, cards: list[Card], caplog: pytest.LogCaptureFixture
) -> None:
    with out_of_reach():
        response = post_json(toggle_url(cards[0]), {"value": True})
    assert_unavailable(response)
    assert not Card.objects.get(pk=cards[0].pk).is_done
    (record,) = [record for record in caplog.records if record.name == "orderkit"]
    assert record.levelname == "WARNING"
    assert record.getMessage().startswith("orderkit: the database is unavailable: ")
    assert record.exc_info is None


def test_an_html_form_meets_a_database_out_of_reach_with_a_message(
    api: Client, cards: list[Card]
) -> None:
    with out_of_reach():
        response = api.post(
            toggle_url(cards[0]),
            {"value": "on", "next": "/list/"},
            HTTP_ACCEPT="text/html",
        )
    assert response.status_code == 303
    assert response["Location"] == "/list/"
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "The database cannot be reached right now. Try again in a moment."
    ]


def test_a_database_error_that_is_no_lost_connection_stays_a_500(
    post_json: PostJson, cards: list[Card], monkeypatch: pytest.MonkeyPatch
) -> None:
    def violate(*args: object, **kwargs: object) -> None:
        raise IntegrityError("a constraint of the project's own")

    monkeypatch.setattr(operations, "toggle", violate)
    response = post_json(toggle_url(cards[0]), {})
    assert code_of(response, 500) == "server_error"


# A connection lost in the middle of a request: PostgreSQL and MariaDB.


def backend_id() -> int:
    connection.ensure_connection()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_backend_pid()")
        else:
            cursor.execute("SELECT CONNECTION_ID()")
        return int(cursor.fetchone()[0])


def end_backend(number: int) -> None:
    """End the backend ``number`` from another connection, as an operator or a failover
    would; wait until it is gone."""

    def end() -> None:
        try:
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("SELECT pg_terminate_backend(%s, 10000)", [number])
                else:
                    cursor.execute(f"KILL CONNECTION {number}")
        finally:
            connection.close()

    other = threading.Thread(target=end)
    other.start()
    other.join()


@contextmanager
def lost_before(statement: str) -> Iterator[list[str]]:
    """End this thread's backend right before its first statement that begins with
    ``statement`` (``"UPDATE"``, ``"INSERT INTO ..."``); yields the statements that ran
    before it."""
    number = backend_id()
    ran: list[str] = []
    ended = threading.Event()

    def wrapper(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        if not ended.is_set():
            if sql.lstrip().startswith(statement):
                ended.set()
                end_backend(number)
            else:
                ran.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(wrapper):
        yield ran


@pytest.mark.server_db
def test_a_connection_lost_mid_move_is_a_503_and_writes_nothing(
    post_json: PostJson, board: Board, cards: list[Card]
) -> None:
    before = order_of(board)
    with lost_before("UPDATE") as ran:
        response = post_json(reorder_url(), {"pk": cards[4].pk, "to": "first"})
    assert_unavailable(response)
    # The group lock's row was written, then rolled back with the rest.
    assert any("orderkit_grouplock" in sql for sql in ran)
    assert not GroupLock.objects.exists()
    assert order_of(board) == before
    assert not LogEntry.objects.exists()
    # The next request gets a new connection.
    response = post_json(reorder_url(), {"pk": cards[4].pk, "to": "first"})
    assert response.status_code == 200
    assert order_of(board)[0] == "card 4"


@pytest.mark.server_db
def test_a_connection_lost_after_a_toggle_wrote_leaves_it_unwritten(
    post_json: PostJson, cards: list[Card]
) -> None:
    quoted = connection.ops.quote_name(LogEntry._meta.db_table)
    with lost_before(f"INSERT INTO {quoted}") as ran:
        response = post_json(toggle_url(cards[0]), {"value": True})
    assert_unavailable(response)
    assert any(sql.lstrip().startswith("UPDATE") for sql in ran)
    assert not Card.objects.get(pk=cards[0].pk).is_done
    assert not LogEntry.objects.exists()


@pytest.mark.server_db
def test_hold_group_raises_unavailable_for_a_lost_connection(cards: list[Card]) -> None:
    kit = registry.get(Card)
    number = backend_id()

    def hold() -> None:
        with transaction.atomic():
            end_backend(number)
            operations.hold_group(kit, cards[0])

    with pytest.raises(Unavailable):
        hold()
    assert Card.objects.count() == len(cards)
