"""A database of the run's own on the machine's MariaDB server, reached directly: created
at the start, dropped at the end; the faults kill only its own connections."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

HOST, PORT, USER = "127.0.0.1", 3306, "root"


@contextmanager
def connected(database: str | None = None) -> Iterator[Any]:
    # Imported here: `python -m benchmarks run` works without mysqlclient.
    import MySQLdb

    conn = MySQLdb.connect(host=HOST, port=PORT, user=USER, database=database or "")
    conn.autocommit(True)
    try:
        yield conn.cursor()
    finally:
        conn.close()


@dataclass(frozen=True)
class Database:
    name: str

    def create(self) -> Database:
        with connected() as cursor:
            cursor.execute(f"CREATE DATABASE `{self.name}` CHARACTER SET utf8mb4")
        return self

    def drop(self) -> None:
        with connected() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS `{self.name}`")

    def url(self) -> str:
        return f"mysql://{USER}@{HOST}:{PORT}/{self.name}"

    def kill_connections(self) -> int:
        """``KILL CONNECTION`` every connection to this database but this one, busy or idle;
        answer how many."""
        import MySQLdb

        with connected() as cursor:
            cursor.execute(
                "SELECT id FROM information_schema.PROCESSLIST "
                "WHERE db = %s AND id <> CONNECTION_ID()",
                [self.name],
            )
            ids = [row[0] for row in cursor.fetchall()]
            killed = 0
            for connection_id in ids:
                try:
                    cursor.execute(f"KILL CONNECTION {int(connection_id)}")
                    killed += 1
                except MySQLdb.OperationalError:
                    continue  # it ended by itself meanwhile
        return killed
