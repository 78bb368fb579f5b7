"""The group lock: one row per group that serializes the group's writers, whatever its size."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import Error, connections, router, transaction
from django.db.models import Model
from django.db.transaction import TransactionManagementError

from orderkit.exceptions import Conflict, Unavailable
from orderkit.kit import Group, Kit
from orderkit.models import GroupLock
from orderkit.operations.transactions import bounded_waits, failure_kind, lock_timeout_ms


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

    An upsert both creates and locks the row, so two first writers of a new group queue
    on it instead of both finding it missing. On PostgreSQL the same statement sets the
    transaction's ``lock_timeout`` first.
    """
    with bounded_waits(using, set_by_caller=True):
        yield _lock_row(kit, group, using)


def _lock_row(kit: Kit, group: Group, using: str) -> bool:
    connection = connections[using]
    quote = connection.ops.quote_name
    opts = GroupLock._meta
    table = quote(opts.db_table)
    key, model, checked = (
        quote(field.column) for field in opts.concrete_fields if field.column is not None
    )
    name = group_key(kit, group)
    params: list[str] = [name, kit.label]
    values = f"INSERT INTO {table} ({key}, {model}, {checked}) VALUES (%s, %s, FALSE)"
    timeout = lock_timeout_ms(using)
    if timeout is not None:
        # set_config() runs before the insert looks for a conflict, and so before it waits.
        values = (
            "WITH orderkit_bound AS (SELECT set_config('lock_timeout', %s, true)) "
            f"INSERT INTO {table} ({key}, {model}, {checked}) "
            "SELECT %s, %s, FALSE FROM orderkit_bound"
        )
        params.insert(0, str(timeout))
    with connection.cursor() as cursor:
        if connection.vendor == "mysql":
            # ON DUPLICATE KEY takes the row's exclusive lock; INSERT IGNORE would take a
            # shared one, and two writers upgrading it would deadlock.
            cursor.execute(f"{values} ON DUPLICATE KEY UPDATE {model} = VALUES({model})", params)
        else:
            upsert = f"{values} ON CONFLICT ({key}) DO UPDATE SET {model} = excluded.{model}"
            if connection.features.can_return_columns_from_insert:
                cursor.execute(f"{upsert} RETURNING {checked}", params)
                return bool(cursor.fetchone()[0])
            cursor.execute(upsert, params)  # pragma: no cover - SQLite before 3.35
        # A locking read: under MariaDB's REPEATABLE READ a plain one could answer from a
        # snapshot taken before the lock was granted.
        lock = "" if connection.vendor == "sqlite" else " FOR UPDATE"
        cursor.execute(f"SELECT {checked} FROM {table} WHERE {key} = %s{lock}", [name])
        row = cursor.fetchone()
    return bool(row[0])


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
        if kind == "unavailable":
            raise Unavailable() from error
        raise Conflict(retryable=kind == "retry") from error
