"""The group lock: one row per group that serializes the group's writers, whatever its size."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import Error, connections, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model
from django.db.transaction import TransactionManagementError

from orderkit.kit import Group, Kit
from orderkit.models import GroupLock
from orderkit.operations.transactions import (
    bounded_waits,
    failure_kind,
    lock_timeout_ms,
    refusal_for,
)


def group_key(kit: Kit, group: Group) -> str:
    """A fixed-length name for ``group``: the model's label and the group's column values."""
    named = json.dumps([kit.label, sorted(group.items())], default=str, separators=(",", ":"))
    return hashlib.sha256(named.encode()).hexdigest()


@contextmanager
def holding_group(kit: Kit, group: Group, using: str) -> Iterator[bool]:
    """Take the group's lock until the transaction ends, creating its row the first time,
    with every wait inside bounded by
    :func:`~orderkit.operations.transactions.bounded_waits`; yields whether the group was
    checked before.

    Once the row exists a locking read takes it (see :func:`_lock_row`); the group's first
    writer creates it with an upsert, which locks it too, so two first writers of a new
    group queue on it instead of both finding it missing. On PostgreSQL the same statement
    sets the transaction's ``lock_timeout`` first.
    """
    with holding_groups(kit, [group], using) as checked:
        yield checked[0]


@contextmanager
def holding_groups(kit: Kit, groups: Sequence[Group], using: str) -> Iterator[list[bool]]:
    """Take the locks of several groups, as :func:`holding_group` takes one, in the order of
    their keys, whatever the order given: two writers that each need the same two groups
    queue on the first instead of each holding one and waiting for the other. Yields
    whether each group (in the order given) was checked before."""
    with bounded_waits(using, set_by_caller=True):
        keyed = {group_key(kit, group): group for group in groups}
        checked = {key: _lock_row(kit, keyed[key], using) for key in sorted(keyed)}
        yield [checked[group_key(kit, group)] for group in groups]


def _lock_row(kit: Kit, group: Group, using: str) -> bool:
    """Lock the group's row and answer its ``checked``: one statement once the row exists.

    On PostgreSQL and MariaDB a locking read takes the existing row's exclusive lock, as an
    upsert would, and writes nothing (no new row version, no dead one for VACUUM); the
    upsert runs at the group's first write only. SQLite has no row locks: there the upsert,
    a write, takes the database's write lock before the positions are read.
    """
    connection = connections[using]
    sql = _LockStatements(connection, lock_timeout_ms(using))
    name = group_key(kit, group)
    with connection.cursor() as cursor:
        if connection.vendor != "sqlite":
            cursor.execute(*sql.locking_read(name))
            row = cursor.fetchone()
            if row is not None:
                return bool(row[0])
        cursor.execute(*sql.upsert(name, kit.label))
        if not sql.returning:
            # MySQL's upsert answers nothing (nor does SQLite's before 3.35): read the row,
            # locking it, since under MariaDB's REPEATABLE READ a plain read could answer
            # from a snapshot taken before the lock was granted.
            cursor.execute(*sql.locking_read(name))
        row = cursor.fetchone()
    return bool(row[0])


class _LockStatements:
    """The group lock's statements on one connection. With ``timeout`` (PostgreSQL), a
    statement sets the transaction's ``lock_timeout`` first: ``set_config()`` runs before
    the row is looked for, and so before any wait, one round trip fewer than a
    ``SET LOCAL``."""

    BOUND = "WITH orderkit_bound AS (SELECT set_config('lock_timeout', %s, true)) "

    def __init__(self, connection: BaseDatabaseWrapper, timeout: int | None) -> None:
        self.vendor = connection.vendor
        quote = connection.ops.quote_name
        opts = GroupLock._meta
        self.table = quote(opts.db_table)
        self.key, self.model, self.checked = (
            quote(field.column) for field in opts.concrete_fields if field.column is not None
        )
        self.first: list[str] = [] if timeout is None else [str(timeout)]
        self.returning = (
            self.vendor != "mysql" and connection.features.can_return_columns_from_insert
        )

    def locking_read(self, name: str) -> tuple[str, list[str]]:
        """``checked`` of the group's row, locked (no row: the group's first write)."""
        if self.first:
            return (
                f"{self.BOUND}SELECT {self.checked} FROM orderkit_bound, {self.table} "
                f"WHERE {self.key} = %s FOR UPDATE OF {self.table}",
                [*self.first, name],
            )
        # SQLite has no FOR UPDATE; it reads the row only after its upsert, before 3.35.
        lock = "" if self.vendor == "sqlite" else " FOR UPDATE"
        return f"SELECT {self.checked} FROM {self.table} WHERE {self.key} = %s{lock}", [name]

    def upsert(self, name: str, label: str) -> tuple[str, list[str]]:
        """Create the group's row, or lock it where another writer created it first; it
        answers ``checked`` where the database can (RETURNING)."""
        insert = f"INSERT INTO {self.table} ({self.key}, {self.model}, {self.checked})"
        values = f"{insert} VALUES (%s, %s, FALSE)"
        if self.first:
            values = f"{self.BOUND}{insert} SELECT %s, %s, FALSE FROM orderkit_bound"
        params = [*self.first, name, label]
        if self.vendor == "mysql":
            # ON DUPLICATE KEY takes the row's exclusive lock; INSERT IGNORE would take a
            # shared one, and two writers upgrading it would deadlock.
            return f"{values} ON DUPLICATE KEY UPDATE {self.model} = VALUES({self.model})", params
        upsert = (
            f"{values} ON CONFLICT ({self.key}) DO UPDATE SET {self.model} = excluded.{self.model}"
        )
        return f"{upsert} RETURNING {self.checked}" if self.returning else upsert, params


def mark_checked(kit: Kit, group: Group, using: str) -> None:
    GroupLock._default_manager.using(using).filter(group_key=group_key(kit, group)).update(
        checked=True
    )


def hold_group(kit: Kit, obj: Model) -> None:
    """Take the lock of ``obj``'s group until the caller's transaction ends.

    Code that writes several rows of a group and then reorders them (the admin's sortable
    inlines) takes it first, as a move does, so that the two never wait for each other in a
    circle. It waits in a savepoint: a lock that cannot be had in time raises ``Conflict``,
    and the caller's transaction can go on.
    """
    using = router.db_for_write(kit.model)
    if not connections[using].in_atomic_block:
        raise TransactionManagementError("hold_group() needs a transaction to hold the lock.")
    try:
        with transaction.atomic(using=using), holding_group(kit, kit.group_of(obj), using):
            pass
    except Error as error:
        kind = failure_kind(error)
        if kind is None:
            raise
        raise refusal_for(kind) from error
