"""Server processes on a free local port: gunicorn's sync workers (WSGI) or uvicorn's
workers (ASGI), serving the benchmark project."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The servers, by name: how each is started with ``{workers}`` processes on ``{port}``.
COMMANDS = {
    "gunicorn": [
        "-m",
        "gunicorn",
        "benchmarks.wsgi:application",
        "--workers={workers}",
        "--bind=127.0.0.1:{port}",
        "--timeout=120",
        "--log-level=warning",
    ],
    "uvicorn": [
        "-m",
        "uvicorn",
        "benchmarks.asgi:application",
        "--workers={workers}",
        "--host=127.0.0.1",
        "--port={port}",
        "--log-level=warning",
        "--no-access-log",
    ],
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def command_line(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""  # it ended meanwhile


@dataclass(frozen=True)
class Running:
    """A server that answers on ``port``; ``process`` is its master (or supervisor)."""

    name: str
    port: int
    process: subprocess.Popen[bytes]

    def workers(self) -> list[int]:
        """The process ids of the master's children but uvicorn's multiprocessing helper:
        its workers."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        pids = [int(pid) for pid in children.read_text().split()]
        return [pid for pid in pids if b"resource_tracker" not in command_line(pid)]

    def kill_worker(self, pid: int) -> None:
        """SIGKILL one worker, as the kernel's OOM killer or a crash would end it."""
        os.kill(pid, signal.SIGKILL)


@contextmanager
def serving(
    workers: int, name: str = "gunicorn", env: Mapping[str, str] | None = None
) -> Iterator[Running]:
    """Run the benchmark project under the server ``name`` with ``workers`` processes.

    The workers inherit this process's environment (and ``env`` over it), so they use the
    same database unless ``env`` names another, and its standard error, so that a failing
    request's traceback shows in the run's output.
    """
    port = free_port()
    command = [sys.executable] + [
        part.format(workers=workers, port=port) for part in COMMANDS[name]
    ]
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "benchmarks.settings", **(env or {})}
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=sys.stderr)
    try:
        wait_for(port, process, name)
        yield Running(name, port, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for(
    port: int, process: subprocess.Popen[bytes], name: str = "The server", seconds: float = 60
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with status {process.returncode}.")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            time.sleep(0.1)
        else:
            return
    raise RuntimeError(f"{name} did not listen on port {port} within {seconds} s.")
