"""What one scenario of the production-shape run runs, and against what."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Spec:
    """What one scenario runs, and against what."""

    name: str
    server: str
    workers: int
    clients: int
    steady_seconds: float
    fault_seconds: float
    faults: tuple[str, ...]
    #: The database as this process reaches it (set-up and checks), and as the server does.
    direct_url: str
    served_url: str
    #: ``benchmarks.settings.CONNECTIONS`` of the server: ``pooled`` or ``checked``.
    connections: str
    groups: int
    dense_rows: int
    sparse_rows: int
    seed: int
    #: The run's own PostgreSQL (its folder and port), or its MariaDB database's name.
    postgres_folder: str = ""
    postgres_port: int = 0
    mariadb: str = ""
