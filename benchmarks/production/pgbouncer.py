"""pgbouncer in transaction pooling mode, in front of the run's own PostgreSQL: its own
configuration in a temporary directory, a free port, stopped at the end."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from benchmarks.production.postgres import postgres_user
from benchmarks.server import free_port, wait_for

#: Transaction pooling: a client holds a server connection for one transaction only.
#: ``server_login_retry``: after the server went away, try to reach it again every second
#: (the default, 15 s, would keep the site down that long after a restart).
CONFIG = """
[databases]
{database} = host=127.0.0.1 port={server_port} dbname={database} user=postgres

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir = {folder}
auth_type = trust
auth_file = {folder}/users.txt
pool_mode = transaction
max_client_conn = 400
default_pool_size = 10
server_login_retry = 1
server_connect_timeout = 5
query_wait_timeout = 30
logfile = {folder}/pgbouncer.log
pidfile = {folder}/pgbouncer.pid
"""


def executable() -> str:
    found = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    if not Path(found).exists():
        raise RuntimeError("pgbouncer is not installed (apt-get install pgbouncer).")
    return found


@dataclass
class Bouncer:
    """One pgbouncer, pooling connections to ``database`` on the server at ``server_port``."""

    folder: Path
    database: str
    server_port: int
    port: int = 0
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> Bouncer:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        config = self.folder / "pgbouncer.ini"
        config.write_text(
            CONFIG.format(
                database=self.database,
                server_port=self.server_port,
                port=self.port,
                folder=self.folder,
            )
        )
        (self.folder / "users.txt").write_text('"postgres" ""\n')
        if os.geteuid() == 0:
            # pgbouncer refuses to run as root.
            for path in (self.folder, *self.folder.iterdir()):
                shutil.chown(path, "postgres", "postgres")
        user = postgres_user()
        self.process = subprocess.Popen(
            [executable(), "--quiet", str(config)], cwd=self.folder, user=user, group=user
        )
        wait_for(self.port, self.process, "pgbouncer")
        return self

    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{self.database}"

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
