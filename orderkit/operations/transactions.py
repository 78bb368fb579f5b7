"""One write = one transaction: lock timeout, bounded retries, failures turned into 409."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.db import DatabaseError, connections, router, transaction
from django.db.models import Model, QuerySet

from orderkit.conf import get_settings
from orderkit.exceptions import Conflict

T = TypeVar("T")

# SQLSTATEs (PostgreSQL) and error numbers (MariaDB/MySQL) that mean "try again".
_RETRY_SQLSTATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected
_TIMEOUT_SQLSTATES = {"55P03"}  # lock_not_available (lock_timeout)
_RETRY_ERRNOS = {1213}  # ER_LOCK_DEADLOCK
_TIMEOUT_ERRNOS = {1205}  # ER_LOCK_WAIT_TIMEOUT


def failure_kind(exc: DatabaseError) -> str | None:
    """``"retry"`` for a deadlock or serialization failure, ``"timeout"`` for a lock that
    could not be had in time, ``None`` for anything else."""
    cause = exc.__cause__
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    errno = cause.args[0] if cause is not None and cause.args else None
    if sqlstate in _RETRY_SQLSTATES or errno in _RETRY_ERRNOS:
        return "retry"
    if sqlstate in _TIMEOUT_SQLSTATES or errno in _TIMEOUT_ERRNOS:
        return "timeout"
    if "database is locked" in str(exc) or "database table is locked" in str(exc):
        return "timeout"
    return None


def lock_timeout_ms(using: str) -> int | None:
    """``ORDERKIT["LOCK_TIMEOUT"]`` in milliseconds when ``using`` is PostgreSQL (whose
    ``lock_timeout`` is set per transaction), else ``None``."""
    seconds = get_settings().LOCK_TIMEOUT
    if seconds is None or connections[using].vendor != "postgresql":
        return None
    return max(1, round(seconds * 1000))


@contextmanager
def bounded_waits(using: str, *, set_by_caller: bool = False) -> Iterator[None]:
    """Let the statements run inside wait at most ``ORDERKIT["LOCK_TIMEOUT"]`` seconds for a
    lock.

    The bound applies to the transaction on PostgreSQL (``SET LOCAL``) and to each statement
    inside on MariaDB (``SET STATEMENT ... FOR``), so no session setting leaks into the rest
    of the connection's life. SQLite waits for its own busy timeout, MySQL for its
    ``innodb_lock_wait_timeout``. With ``set_by_caller`` no ``SET LOCAL`` is sent: the
    caller's first statement sets :func:`lock_timeout_ms` itself, one round trip fewer.
    """
    connection = connections[using]
    timeout = lock_timeout_ms(using)
    if timeout is not None and not set_by_caller:
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL lock_timeout = {timeout}")
    seconds = get_settings().LOCK_TIMEOUT
    if seconds is not None and connection.vendor == "mysql" and connection.mysql_is_mariadb:  # type: ignore[attr-defined]
        prefix = f"SET STATEMENT innodb_lock_wait_timeout = {max(1, round(seconds))} FOR "

        def bounded(
            execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
        ) -> Any:
            return execute(prefix + sql, params, many, context)

        with connection.execute_wrapper(bounded):
            yield
        return
    yield


def locked(queryset: QuerySet[Any]) -> list[Any]:
    """Evaluate a ``select_for_update()`` queryset within :func:`bounded_waits`."""
    with bounded_waits(queryset.db):
        return list(queryset)


def run_atomic(model: type[Model], write: Callable[[], T]) -> T:
    """Run ``write`` in one transaction on ``model``'s write database: the one owner of an
    orderkit write's transaction and its retries.

    A deadlock or serialization failure rolls the transaction back and runs ``write`` again,
    up to ``ORDERKIT["RETRIES"]`` more times, then raises
    :class:`~orderkit.exceptions.Conflict`; so does a lock that could not be had in time, at
    once. A retryable ``Conflict`` raised inside ``write`` (by a ``run_atomic`` nested in it)
    is retried the same way. Inside a transaction of the caller's, ``write`` runs in a
    savepoint and is not run again, since the failure spoiled the caller's transaction too:
    the ``Conflict`` is marked ``retryable`` for the code that owns it.
    """
    using = router.db_for_write(model)
    attempts = 1 if connections[using].in_atomic_block else get_settings().RETRIES + 1
    attempt = 1
    while True:
        try:
            with transaction.atomic(using=using):
                return write()
        except DatabaseError as exc:
            kind = failure_kind(exc)
            if kind is None:
                raise
            if kind == "timeout" or attempt == attempts:
                raise Conflict(retryable=kind == "retry" and attempts == 1) from exc
        except Conflict as conflict:
            if not conflict.retryable or attempts == 1:
                raise
            if attempt == attempts:
                raise Conflict() from conflict
        attempt += 1
