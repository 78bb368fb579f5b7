"""One write = one transaction: lock timeout, bounded retries, failures turned into 409."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal, TypeVar

from django.db import (
    Error,
    InterfaceError,
    OperationalError,
    connections,
    router,
    transaction,
)
from django.db.models import Model, QuerySet

from orderkit.conf import get_settings
from orderkit.exceptions import Conflict, Unavailable
from orderkit.models import GroupLock

T = TypeVar("T")

# SQLSTATEs (PostgreSQL) and error numbers (MariaDB/MySQL) that mean "try again".
_RETRY_SQLSTATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected
_TIMEOUT_SQLSTATES = {"55P03"}  # lock_not_available (lock_timeout)
_RETRY_ERRNOS = {1213}  # ER_LOCK_DEADLOCK
_TIMEOUT_ERRNOS = {1205}  # ER_LOCK_WAIT_TIMEOUT

# ... and those that mean "the database cannot be reached, or the connection was lost".
# PostgreSQL: the class 08 (connection_exception), admin_shutdown, crash_shutdown,
# cannot_connect_now, too_many_connections; a psycopg error without a SQLSTATE never came
# from the server: the client lost it.
_LOST_SQLSTATES = {"57P01", "57P02", "57P03", "53300"}
# MariaDB/MySQL: too many connections, server shutdown, connection killed, disconnected
# after inactivity; the client's can't connect (socket, TCP, unknown host), server gone
# away, lost connection during a query or at its start.
_LOST_ERRNOS = {1040, 1053, 1927, 4031, 2002, 2003, 2005, 2006, 2013, 2055}
# SQLite's primary result codes SQLITE_IOERR and SQLITE_CANTOPEN: the file is out of reach.
_LOST_SQLITE_CODES = {10, 14}

Kind = Literal["retry", "timeout", "unavailable"]


def failure_kind(exc: Error) -> Kind | None:
    """``"retry"`` for a deadlock or serialization failure, ``"timeout"`` for a lock that
    could not be had in time, ``"unavailable"`` for a database that cannot be reached or a
    connection lost, ``None`` for anything else."""
    cause = exc.__cause__
    sqlstate = getattr(cause, "sqlstate", None) or getattr(cause, "pgcode", None)
    errno = cause.args[0] if cause is not None and cause.args else None
    if sqlstate in _RETRY_SQLSTATES or errno in _RETRY_ERRNOS:
        return "retry"
    if sqlstate in _TIMEOUT_SQLSTATES or errno in _TIMEOUT_ERRNOS:
        return "timeout"
    if "database is locked" in str(exc) or "database table is locked" in str(exc):
        return "timeout"
    if isinstance(exc, OperationalError | InterfaceError) and _lost(cause, sqlstate, errno):
        return "unavailable"
    return None


def refusal_for(kind: Kind, *, retryable: bool = True) -> Unavailable | Conflict:
    """The refusal for a failure of ``kind``: :class:`~orderkit.exceptions.Unavailable` for
    a database out of reach, else a :class:`~orderkit.exceptions.Conflict`, marked
    ``retryable`` for a deadlock or serialization failure when the code that owns the
    transaction may still run it again."""
    if kind == "unavailable":
        return Unavailable()
    return Conflict(retryable=retryable and kind == "retry")


def _lost(cause: BaseException | None, sqlstate: str | None, errno: object) -> bool:
    """Whether the driver's error ``cause`` says that the connection failed."""
    sqlite_code = getattr(cause, "sqlite_errorcode", None)
    if sqlite_code is not None:
        return sqlite_code & 0xFF in _LOST_SQLITE_CODES
    if hasattr(cause, "sqlstate") or hasattr(cause, "pgcode"):
        return sqlstate is None or sqlstate.startswith("08") or sqlstate in _LOST_SQLSTATES
    return errno in _LOST_ERRNOS


def _gone(using: str, raw: Any) -> bool:
    """Whether the DB-API connection ``raw`` broke under an error that did not say so:
    Django dropped it when the rollback after the error failed (and may have opened another
    since), or the driver marks it broken or closed.

    psycopg raises such an error (an ``InternalError`` without a SQLSTATE, "received 2
    results from command 'BEGIN'") when pgbouncer's notice that the server connection went
    away arrives as a second answer to a BEGIN or a COMMIT.
    """
    if connections[using].connection is not raw:
        return True
    return getattr(raw, "broken", False) is True or getattr(raw, "closed", False) not in (False, 0)


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


def take_write_lock(using: str) -> None:
    """On SQLite, take the database's write lock now, waiting up to the busy timeout.

    A transaction that SQLite began DEFERRED and that reads before it writes cannot wait for
    the write lock when another connection holds it: SQLite answers "database is locked" at
    once, rather than risk a deadlock. A first statement that writes (and changes nothing)
    takes the lock up front, and waits for it. Nothing to do on other databases, or when
    the connection begins its transactions ``IMMEDIATE`` (or ``EXCLUSIVE``) already.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    mode = connection.settings_dict.get("OPTIONS", {}).get("transaction_mode")
    if str(mode).upper() in ("IMMEDIATE", "EXCLUSIVE"):
        return
    quote = connection.ops.quote_name
    table, checked = quote(GroupLock._meta.db_table), quote("checked")
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {checked} = {checked} WHERE 1 = 0")


def run_atomic(model: type[Model], write: Callable[[], T], *, writes_first: bool = False) -> T:
    """Run ``write`` in one transaction on ``model``'s write database: the one owner of an
    orderkit write's transaction and its retries.

    A deadlock or serialization failure rolls the transaction back and runs ``write`` again,
    up to ``ORDERKIT["RETRIES"]`` more times, then raises
    :class:`~orderkit.exceptions.Conflict`; so does a lock that could not be had in time, at
    once. A retryable ``Conflict`` raised inside ``write`` (by a ``run_atomic`` nested in it)
    is retried the same way. Inside a transaction of the caller's, ``write`` runs in a
    savepoint and is not run again, since the failure spoiled the caller's transaction too:
    the ``Conflict`` is marked ``retryable`` for the code that owns it.

    A database out of reach, or a connection lost, raises
    :class:`~orderkit.exceptions.Unavailable` at once, never runs ``write`` again: the
    transaction was rolled back (or, lost during the commit itself, committed whole).

    On SQLite the transaction that it begins takes the write lock first
    (:func:`take_write_lock`), so that it waits for a writer on another connection instead
    of failing at once; ``writes_first`` says that ``write``'s first statement writes, and
    takes it so.
    """
    using = router.db_for_write(model)
    outermost = not connections[using].in_atomic_block
    attempts = get_settings().RETRIES + 1 if outermost else 1
    attempt = 1
    while True:
        raw = None
        try:
            with transaction.atomic(using=using):
                raw = connections[using].connection
                if outermost and not writes_first:
                    take_write_lock(using)
                return write()
        except Error as exc:
            kind = failure_kind(exc)
            if kind is None and raw is not None and _gone(using, raw):
                kind = "unavailable"
            if kind is None:
                raise
            if kind != "retry" or attempt == attempts:
                raise refusal_for(kind, retryable=attempts == 1) from exc
        except Conflict as conflict:
            if not conflict.retryable or attempts == 1:
                raise
            if attempt == attempts:
                raise Conflict() from conflict
        attempt += 1
