"""One request, one transaction: retries, lock timeouts, and nothing half-written."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.db import (
    Error,
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    connections,
    transaction,
)
from django.test import Client, override_settings

from orderkit import operations
from orderkit.exceptions import Conflict
from orderkit.operations import toggling, transactions
from orderkit.operations.transactions import failure_kind, locked, run_atomic
from tests.helpers import (
    PostJson,
    assert_session_lock_timeout_untouched,
    order_of,
    reorder_url,
    toggle_url,
)
from tests.testapp.models import Board, Card


class Cause(Exception):
    """A driver error as mysqlclient raises it: its error number first in ``args``."""


class PsycopgCause(Exception):
    """A driver error as psycopg raises it: a ``sqlstate``, None when the client raised it
    (a connection that failed or was lost)."""

    def __init__(self, sqlstate: str | None) -> None:
        super().__init__()
        self.sqlstate = sqlstate


class SqliteCause(Exception):
    """A driver error as Python's sqlite3 raises it: an extended result code."""

    def __init__(self, code: int) -> None:
        super().__init__()
        self.sqlite_errorcode = code


def driver_error(
    *args: object,
    sqlstate: str | None = None,
    text: str = "",
    cause: Exception | None = None,
    kind: type[Error] = OperationalError,
) -> Error:
    error = kind(text)
    if cause is None:
        cause = PsycopgCause(sqlstate) if sqlstate is not None else Cause(*args)
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (driver_error(sqlstate="40P01"), "retry"),
        (driver_error(sqlstate="40001"), "retry"),
        (driver_error(sqlstate="55P03"), "timeout"),
        (driver_error(1213, "Deadlock found"), "retry"),
        (driver_error(1205, "Lock wait timeout exceeded"), "timeout"),
        (OperationalError("database is locked"), "timeout"),
        (OperationalError("database table is locked"), "timeout"),
        (driver_error(text="database is locked", cause=SqliteCause(5)), "timeout"),
        (driver_error(sqlstate="23505"), None),
        (driver_error(1062, "Duplicate entry"), None),
        (IntegrityError("plain"), None),
        # A database out of reach, or a connection lost.
        (driver_error(cause=PsycopgCause(None)), "unavailable"),
        (driver_error(cause=PsycopgCause(None), kind=InterfaceError), "unavailable"),
        (driver_error(sqlstate="08006"), "unavailable"),
        (driver_error(sqlstate="57P01"), "unavailable"),
        (driver_error(sqlstate="53300"), "unavailable"),
        (driver_error(2003, "Can't connect"), "unavailable"),
        (driver_error(2013, "Lost connection"), "unavailable"),
        (driver_error(1927, "Connection was killed"), "unavailable"),
        (driver_error(cause=SqliteCause(14)), "unavailable"),  # SQLITE_CANTOPEN
        (driver_error(cause=SqliteCause(10 | 3 << 8)), "unavailable"),  # SQLITE_IOERR_WRITE
        # ... and what is neither: a statement timeout, a query killed, a bad parameter, a
        # constraint violated by a statement, a missing table.
        (driver_error(sqlstate="57014"), None),
        (driver_error(1317, "Query execution was interrupted"), None),
        (driver_error(cause=SqliteCause(21), kind=InterfaceError), None),  # SQLITE_MISUSE
        (driver_error(cause=PsycopgCause(None), kind=IntegrityError), None),
        (driver_error(text="no such table", cause=SqliteCause(1)), None),
    ],
)
def test_failure_kind(error: Error, kind: str | None) -> None:
    assert failure_kind(error) == kind


def failing(errors: list[BaseException]) -> tuple[Callable[[], str], list[int]]:
    """A write that raises each of ``errors`` in turn, then succeeds; and its call count."""
    calls = [0]

    def write() -> str:
        calls[0] += 1
        if errors:
            raise errors.pop(0)
        return "written"

    return write, calls


@pytest.mark.django_db(transaction=True)
def test_deadlocks_are_retried() -> None:
    write, calls = failing([driver_error(sqlstate="40P01"), driver_error(1213)])
    assert run_atomic(Card, write) == "written"
    assert calls == [3]


@pytest.mark.django_db(transaction=True)
@override_settings(ORDERKIT={"RETRIES": 1})
def test_retries_are_bounded() -> None:
    write, calls = failing([driver_error(sqlstate="40001")] * 5)
    with pytest.raises(Conflict) as raised:
        run_atomic(Card, write)
    assert calls == [2]
    assert raised.value.code == "conflict"


@pytest.mark.django_db(transaction=True)
def test_a_lock_timeout_is_a_conflict_at_once() -> None:
    write, calls = failing([driver_error(sqlstate="55P03")])
    with pytest.raises(Conflict):
        run_atomic(Card, write)
    assert calls == [1]


@pytest.mark.django_db(transaction=True)
def test_other_database_errors_are_raised() -> None:
    write, calls = failing([IntegrityError("boom")])
    with pytest.raises(IntegrityError):
        run_atomic(Card, write)
    assert calls == [1]


@pytest.mark.django_db(transaction=True)
def test_inside_an_outer_transaction_the_outermost_retries() -> None:
    write, calls = failing([driver_error(sqlstate="40P01")])

    def outer() -> str:
        return run_atomic(Card, write)

    assert run_atomic(Card, outer) == "written"
    assert calls == [2]


@pytest.mark.django_db(transaction=True)
@override_settings(ORDERKIT={"RETRIES": 2})
def test_a_nested_deadlock_that_persists_is_a_conflict_for_the_caller() -> None:
    write, calls = failing([driver_error(sqlstate="40P01")] * 5)

    def outer() -> str:
        return run_atomic(Card, write)

    with pytest.raises(Conflict) as raised:
        run_atomic(Card, outer)
    assert calls == [3]
    assert not raised.value.retryable


@pytest.mark.django_db
def test_inside_a_callers_transaction_a_deadlock_is_a_retryable_conflict() -> None:
    write, _ = failing([driver_error(sqlstate="40P01")])
    with pytest.raises(Conflict) as raised:
        run_atomic(Card, write)
    assert raised.value.retryable


@pytest.mark.django_db
def test_a_plain_conflict_is_not_retried() -> None:
    write, calls = failing([Conflict()])
    with pytest.raises(Conflict):
        run_atomic(Card, write)
    assert calls == [1]


# A database error in the middle of a request leaves nothing written.


@pytest.fixture
def broken_log(monkeypatch: pytest.MonkeyPatch) -> None:
    """The LogEntry INSERT, which comes after the position UPDATE, fails."""

    def explode(*args: object, **kwargs: object) -> None:
        raise IntegrityError("forced failure after the UPDATE")

    monkeypatch.setattr(LogEntry.objects, "log_actions", explode)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("broken_log")
def test_forced_error_mid_reorder_writes_nothing(
    post_json: PostJson, board: Board, cards: list[Card]
) -> None:
    response = post_json(reorder_url(), {"pk": cards[4].pk, "to": "first"})
    assert response.status_code == 500
    assert response.json()["errors"]["__all__"][0]["code"] == "server_error"
    assert order_of(board) == [f"card {i}" for i in range(5)]


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("broken_log")
def test_forced_error_mid_toggle_writes_nothing(post_json: PostJson, cards: list[Card]) -> None:
    assert post_json(toggle_url(cards[0]), {}).status_code == 500
    assert not Card.objects.get(pk=cards[0].pk).is_done


@pytest.mark.django_db(transaction=True)
def test_forced_error_after_the_operation_writes_nothing(
    post_json: PostJson, board: Board, cards: list[Card], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_str(self: Card) -> str:
        raise ValueError("__str__ bug")

    monkeypatch.setattr(Card, "__str__", broken_str)
    response = post_json(reorder_url(), {"pk": cards[4].pk, "to": "first"})
    assert response.status_code == 500
    assert order_of(board) == [f"card {i}" for i in range(5)]


# Real lock waits on the database servers.


def hold_lock(card: Card, locked: threading.Event, release: threading.Event) -> None:
    """In a connection of its own, lock ``card`` until ``release`` is set."""
    try:
        with transaction.atomic():
            list(Card.objects.select_for_update().filter(pk=card.pk))
            locked.set()
            release.wait(10)
    finally:
        connection.close()


@pytest.mark.server_db
@pytest.mark.django_db(transaction=True)
@override_settings(ORDERKIT={"LOCK_TIMEOUT": 0.3})
def test_a_lock_held_too_long_is_answered_409(api: Client, cards: list[Card]) -> None:
    locked, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=hold_lock, args=(cards[0], locked, release))
    holder.start()
    try:
        assert locked.wait(10)
        response = api.post(toggle_url(cards[0]), "{}", content_type="application/json")
    finally:
        release.set()
        holder.join()
    assert response.status_code == 409
    assert response.json()["errors"]["__all__"][0]["code"] == "conflict"
    assert not Card.objects.get(pk=cards[0].pk).is_done


@pytest.mark.server_db
@pytest.mark.django_db(transaction=True)
def test_the_lock_timeout_does_not_outlive_the_request(api: Client, cards: list[Card]) -> None:
    api.post(toggle_url(cards[0]), "{}", content_type="application/json")
    assert_session_lock_timeout_untouched()


@pytest.mark.django_db
@override_settings(ORDERKIT={"LOCK_TIMEOUT": None})
def test_no_lock_timeout_means_the_databases_own(
    cards: list[Card], django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(1) as captured:
        transactions.locked(Card.objects.select_for_update().filter(pk=cards[0].pk))
    assert "lock_timeout" not in captured.captured_queries[0]["sql"]
    assert "innodb_lock_wait_timeout" not in captured.captured_queries[0]["sql"]


@pytest.mark.server_db
@pytest.mark.django_db
def test_mysql_without_set_statement_waits_its_own_timeout(
    cards: list[Card], monkeypatch: pytest.MonkeyPatch, django_assert_num_queries: Any
) -> None:
    wrapper = connections["default"]
    monkeypatch.setattr(wrapper, "vendor", "mysql")
    monkeypatch.setitem(wrapper.__dict__, "mysql_is_mariadb", False)
    with django_assert_num_queries(1) as captured:
        transactions.locked(Card.objects.filter(pk=cards[0].pk))
    assert "SET" not in captured.captured_queries[0]["sql"]


@pytest.mark.django_db(transaction=True)
def test_atomic_requests_do_not_stop_the_retries(
    post_json: PostJson, cards: list[Card], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under ATOMIC_REQUESTS the views run outside any transaction, so the operation's is the
    outermost one and a deadlock inside it is retried."""
    monkeypatch.setitem(connections["default"].settings_dict, "ATOMIC_REQUESTS", True)
    real_locked = locked
    calls: list[bool] = []

    def deadlock_once(queryset: Any) -> Any:
        calls.append(connection.in_atomic_block)
        if len(calls) == 1:
            raise driver_error(sqlstate="40P01")
        return real_locked(queryset)

    monkeypatch.setattr(toggling, "locked", deadlock_once)
    response = post_json(toggle_url(cards[0]), {})
    assert response.status_code == 200
    assert calls == [True, True]
    assert Card.objects.get(pk=cards[0].pk).is_done


@pytest.mark.django_db(transaction=True)
def test_the_views_leave_the_transaction_to_the_operation(
    post_json: PostJson, cards: list[Card], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Validation and permission checks read outside any transaction; the operation opens
    the one transaction of the request."""
    depths: list[bool] = []
    real_toggle = operations.toggle

    def toggle(*args: Any, **kwargs: Any) -> Any:
        depths.append(connection.in_atomic_block)
        return real_toggle(*args, **kwargs)

    monkeypatch.setattr(operations, "toggle", toggle)
    assert post_json(toggle_url(cards[0]), {}).status_code == 200
    assert depths == [False]
