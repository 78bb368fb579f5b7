"""The production-shape run's short preset passes: orderkit's endpoints under gunicorn's and
uvicorn's workers, PostgreSQL behind pgbouncer in transaction pooling and MariaDB reached
directly, 32 clients, with database backends terminated, workers killed and PostgreSQL
restarted meanwhile (``make production`` runs the long one; see docs/benchmarks.md).

The run checks every group, every LogEntry and every answer itself and exits 1 on the
first violation; this test also reads its figures, to show that each fault took place and
what the clients got for it. It needs pgbouncer (Debian's package; .ci/run installs it)
and the MariaDB server, and runs its own PostgreSQL with initdb: the shared one is never
touched.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent

# The run makes its own databases, whatever the tests' database: once, in the SQLite run.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    out = tmp_path_factory.mktemp("production")
    command = [sys.executable, "-m", "benchmarks", "production", "--quick", "--out", str(out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr[-20000:]}")
    loaded: list[dict[str, Any]] = json.loads((out / "results.json").read_text())
    return loaded


def phase(outcome: dict[str, Any], name: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [phase for phase in outcome["phases"] if phase["phase"] == name]
    assert len(found) == 1
    return found[0]


def test_every_server_and_database_ran_both_phases(outcomes: list[dict[str, Any]]) -> None:
    ran = {(o["spec"]["server"], o["spec"]["connections"]) for o in outcomes}
    assert ran == {("gunicorn", "pooled"), ("uvicorn", "pooled"), ("gunicorn", "checked")}
    for outcome in outcomes:
        assert outcome["violations"] == []
        assert outcome["spec"]["clients"] == 32
        for name in ("steady", "faults"):
            assert phase(outcome, name)["ok"] > 0


def test_without_faults_every_answer_is_a_200_or_a_409(outcomes: list[dict[str, Any]]) -> None:
    for outcome in outcomes:
        steady = phase(outcome, "steady")
        assert steady["requests"] == steady["ok"] + steady["conflicts"]


def test_each_fault_was_injected_and_the_server_answered_again(
    outcomes: list[dict[str, Any]],
) -> None:
    for outcome in outcomes:
        faults = phase(outcome, "faults")["faults"]
        kinds = {fault["kind"] for fault in faults}
        wanted = {"terminate", "kill"} | (
            {"restart"} if outcome["spec"]["postgres_port"] else set()
        )
        assert kinds == wanted
        assert [fault["kind"] for fault in faults] == list(outcome["spec"]["faults"])
        for fault in faults:
            assert 0 < fault["recovery_seconds"] <= 10
        terminated = [f["detail"] for f in faults if f["kind"] == "terminate"]
        assert all(int(detail.split()[0]) > 0 for detail in terminated)


def test_the_faults_own_server_errors_are_503_unavailable(
    outcomes: list[dict[str, Any]],
) -> None:
    """A fault's request gets a 503 ``unavailable`` or, on a worker killed under it, no
    answer; the run itself checks that each of them met a fault, and that nothing else
    failed."""
    for outcome in outcomes:
        faults = phase(outcome, "faults")
        assert faults["server_errors"] == faults["unavailable"]
        assert set(faults["statuses"]) <= {"0", "200", "409", "503"}
        assert (
            faults["requests"]
            == faults["ok"] + faults["conflicts"] + faults["unavailable"] + faults["no_answer"]
        )
