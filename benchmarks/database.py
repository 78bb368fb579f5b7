"""The benchmark's own database: creating it, filling tables fast, counting rows written."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

from django.db import connection, models

#: The columns that every approach's table has (see ``benchapp.models.Item``).
_SHAPE = ("group", "position", "is_active")
#: Databases that other work on the same server uses; the benchmark never touches them.
_FORBIDDEN = ("test",)


def check_database_name(url: str) -> str:
    """The database name of a PostgreSQL URL; refuses ``test`` and ``test_*``."""
    name = urlsplit(url).path.lstrip("/")
    if not name or name in _FORBIDDEN or name.startswith("test_"):
        raise ValueError(f"The benchmark needs a database of its own, not {name!r}.")
    return name


def create_postgresql_database(url: str) -> None:
    """Create the URL's database unless it exists (connecting to ``postgres`` to do so)."""
    import psycopg
    from psycopg import sql

    name = check_database_name(url)
    server = urlsplit(url)._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if found is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def fill(
    model: type[models.Model], group_ids: Sequence[int], per_group: int, spacing: int
) -> None:
    """Empty ``model``'s table, then give each group ``per_group`` rows at positions
    ``0, spacing, 2 * spacing, ...``, with pks ``1, 2, 3, ...`` in group and position order.

    One ``INSERT ... SELECT`` on PostgreSQL, one ``executemany`` elsewhere: a million rows
    through the ORM would take minutes.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    group, position, flag = (column(model, name) for name in _SHAPE)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {table} RESTART IDENTITY")
            cursor.execute(
                f"INSERT INTO {table} ({group}, {position}, {flag}) "
                "SELECT g, (n - 1) * %s, false FROM unnest(%s::bigint[]) g, "
                "generate_series(1, %s) n ORDER BY g, n",
                [spacing, list(group_ids), per_group],
            )
        else:
            cursor.execute(f"DELETE FROM {table}")
            rows = [
                (number * per_group + n + 1, group_id, n * spacing, False)
                for number, group_id in enumerate(group_ids)
                for n in range(per_group)
            ]
            cursor.executemany(
                f"INSERT INTO {table} (id, {group}, {position}, {flag}) VALUES (%s, %s, %s, %s)",
                rows,
            )
    tidy(model)


def column(model: type[models.Model], name: str) -> str:
    """The quoted column name of the field ``name``."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    assert field.column is not None
    return connection.ops.quote_name(field.column)


def tidy(model: type[models.Model]) -> None:
    """Reclaim dead rows and refresh the planner's statistics, so that the next phase
    starts from the same state whatever the previous one wrote."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"VACUUM ANALYZE {table}")
        elif connection.vendor == "mysql":
            cursor.execute(f"ANALYZE TABLE {table}")
            cursor.fetchall()
        else:
            cursor.execute(f"ANALYZE {table}")


def rows_written() -> int:
    """Rows inserted, updated or deleted so far, in every table (a counter: use deltas).

    PostgreSQL: the statistics views, after forcing this backend to flush its pending
    counts (they are flushed at most once a second otherwise). SQLite: ``total_changes()``
    of this connection.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_stat_force_next_flush()")
            # The flush happens when the backend goes idle after the statement above, so
            # this second statement sees it.
            cursor.execute(
                "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) "
                "FROM pg_stat_user_tables"
            )
        else:
            cursor.execute("SELECT total_changes()")
        row = cursor.fetchone()
    return int(row[0])


def server_version() -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"
