"""One write = one transaction: lock timeout, bounded retries, failures turned into 409."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import DatabaseError, connections, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

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


def set_lock_timeout(connection: BaseDatabaseWrapper) -> None:
    """Bound how long this transaction waits for a row lock (``ORDERKIT["LOCK_TIMEOUT"]``)."""
    seconds = get_settings().LOCK_TIMEOUT
    if seconds is None:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SET LOCAL lock_timeout = {max(1, round(seconds * 1000))}")
        elif connection.vendor == "mysql":
            cursor.execute(f"SET SESSION innodb_lock_wait_timeout = {max(1, round(seconds))}")


def run_atomic(model: type[Model], write: Callable[[], T]) -> T:
    """Run ``write`` in one transaction on ``model``'s write database.

    Deadlocks and serialization failures roll the transaction back and run ``write`` again,
    up to ``ORDERKIT["RETRIES"]`` more times; inside an outer transaction, which such a
    failure has already spoiled, there is no retry. Then, and for a lock that could not be
    had in time, :class:`~orderkit.exceptions.Conflict` is raised.
    """
    using = router.db_for_write(model)
    connection = connections[using]
    attempts = 1 if connection.in_atomic_block else get_settings().RETRIES + 1
    for attempt in range(1, attempts + 1):
        try:
            with transaction.atomic(using=using):
                set_lock_timeout(connection)
                return write()
        except DatabaseError as exc:
            kind = failure_kind(exc)
            if kind is None:
                raise
            if kind == "timeout" or attempt == attempts:
                raise Conflict() from exc
    raise AssertionError("unreachable")  # pragma: no cover
