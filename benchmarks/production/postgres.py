"""A PostgreSQL instance of the run's own: created in a temporary directory on a free port,
restarted by the fault injection, removed at the end. The machine's shared server is never
touched."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import psycopg

from benchmarks.server import free_port

#: The instance's settings: the clients' time zone (Django's, UTC) so that no connection
#: needs a ``SET TIME ZONE`` (which would outlive its transaction behind a pooler).
CONFIG = """
listen_addresses = '127.0.0.1'
port = {port}
unix_socket_directories = '{folder}'
timezone = 'UTC'
max_connections = 100
logging_collector = off
"""


def binary(name: str) -> str:
    """The newest installed PostgreSQL's ``name`` (Debian keeps them out of PATH)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda path: int(path.parts[-3])
    )
    if not found:
        raise RuntimeError(
            f"No PostgreSQL {name} under /usr/lib/postgresql (apt-get install postgresql)."
        )
    return str(found[-1])


def postgres_user() -> str | None:
    """PostgreSQL (and pgbouncer) refuse to run as root: run them as the postgres user then
    (its group too)."""
    return "postgres" if os.geteuid() == 0 else None


@dataclass
class Instance:
    """One PostgreSQL server whose data and socket live in ``folder``."""

    folder: Path
    port: int = 0

    def __post_init__(self) -> None:
        self.data = self.folder / "data"

    def run(self, *command: str) -> None:
        user = postgres_user()
        subprocess.run(
            command, check=True, capture_output=True, cwd=self.folder, user=user, group=user
        )

    def start(self) -> Instance:
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self.port = free_port()
        initdb = binary("initdb")
        self.run(initdb, "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync")
        with (self.data / "postgresql.auto.conf").open("a") as conf:
            conf.write(CONFIG.format(port=self.port, folder=self.folder))
        self.pg_ctl("start")
        return self

    def pg_ctl(self, action: str, *options: str) -> None:
        log = self.folder / "postgresql.log"
        self.run(binary("pg_ctl"), action, "-D", str(self.data), "-l", str(log), "-w", *options)

    def restart(self) -> None:
        """Stop the server (its backends end, their transactions roll back) and start it."""
        self.pg_ctl("restart", "-m", "fast")

    def stop(self) -> None:
        self.pg_ctl("stop", "-m", "immediate")

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> None:
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')

    def terminate_backends(self, database: str) -> int:
        """End every backend connected to ``database`` (``pg_terminate_backend``), busy or
        idle, as an administrator or a failover would; answer how many."""
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            rows = conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [database],
            ).fetchall()
        return sum(1 for (ended,) in rows if ended)
