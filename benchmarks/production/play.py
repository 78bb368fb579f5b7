"""A scenario's run, once Django is set up on its database (see :mod:`.scenario`)."""

from __future__ import annotations

import statistics
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.db import connections
from django.urls import reverse

from benchmarks.approaches import OrderkitApproach
from benchmarks.benchapp.models import DenseItem, SparseItem
from benchmarks.concurrent import Session
from benchmarks.measure import percentile
from benchmarks.production.checks import Rows, answer_violations, data_violations
from benchmarks.production.faults import Fault, Injector, Target
from benchmarks.production.mariadb import Database
from benchmarks.production.postgres import Instance
from benchmarks.production.spec import Spec
from benchmarks.production.workload import Client, Outcome, Table, run_clients
from benchmarks.server import Running, serving
from orderkit.models import GroupLock


def fill(spec: Spec) -> list[Rows]:
    """Empty the log and the group locks, then fill both tables, each group written once
    (its first write reads it whole; see the benchmarks' set-up)."""
    LogEntry.objects.all().delete()
    GroupLock.objects.all().delete()
    found = []
    for model, rows, spacing in (
        (DenseItem, spec.dense_rows, 1),
        (SparseItem, spec.sparse_rows, 1024),
    ):
        approach = OrderkitApproach(model.__name__, model.__name__, model, spacing=spacing)
        approach.setup(rows, spec.groups)
        members = {
            group.pk: set(model._base_manager.filter(group=group).values_list("pk", flat=True))
            for group in approach.groups
        }
        found.append(Rows(model, members, dense=spacing == 1))
    return found


def tables_of(rows: Sequence[Rows]) -> list[Table]:
    return [
        Table(
            table.model._meta.label_lower,
            tuple(tuple(sorted(pks)) for pks in table.members.values()),
        )
        for table in rows
    ]


def target_for(spec: Spec, server: Running) -> Target:
    if spec.postgres_folder:
        instance = Instance(Path(spec.postgres_folder), spec.postgres_port)
        name = urlsplit(spec.direct_url).path.lstrip("/")

        def terminate() -> str:
            return f"{instance.terminate_backends(name)} backends terminated"

        def restart() -> str:
            instance.restart()
            return "PostgreSQL restarted (pg_ctl restart -m fast)"

        return Target(terminate, restart, server.workers, server.kill_worker)
    database = Database(spec.mariadb)
    return Target(
        lambda: f"{database.kill_connections()} connections killed",
        None,
        server.workers,
        server.kill_worker,
    )


def summary(
    phase: str, outcomes: Sequence[Outcome], seconds: float, faults: Sequence[Fault]
) -> dict[str, Any]:
    statuses = Counter(outcome.status for outcome in outcomes)
    latencies = [(o.end - o.start) * 1000 for o in outcomes if o.status] or [0.0]
    return {
        "phase": phase,
        "seconds": round(seconds, 2),
        "requests": len(outcomes),
        "requests_per_second": round(len(outcomes) / seconds, 1),
        "p50_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
        "ok": statuses[200],
        "conflicts": statuses[409],
        "server_errors": sum(count for status, count in statuses.items() if status >= 500),
        "unavailable": sum(1 for o in outcomes if o.status == 503 and o.code == "unavailable"),
        "no_answer": statuses[0],
        "statuses": {str(status): count for status, count in sorted(statuses.items())},
        "faults": [
            {
                "kind": fault.kind,
                "at": round(fault.started - outcomes[0].start, 2) if outcomes else 0.0,
                "detail": fault.detail,
                "recovery_seconds": fault.recovery_seconds,
                "probes": len(fault.probes),
            }
            for fault in faults
        ],
    }


def play(spec: Spec) -> dict[str, Any]:
    started = time.monotonic()
    call_command("migrate", run_syncdb=True, interactive=False, verbosity=0)
    rows = fill(spec)
    tables = tables_of(rows)
    session = Session.login()
    served = {
        "ORDERKIT_BENCH_DATABASE_URL": spec.served_url,
        "ORDERKIT_BENCH_CONNECTIONS": spec.connections,
    }
    probe_row = tables[1].groups[0][0]
    probe_url = reverse("orderkit:reorder", kwargs={"model": tables[1].label})
    violations: list[str] = []
    phases = []
    everything: list[Outcome] = []
    with serving(spec.workers, spec.server, served) as server:

        def probe() -> Outcome:
            return Client(server.port, session).post(
                probe_url, {"order": [probe_row]}, "probe", tables[1].label
            )

        # Every worker opens its connections before the clock runs.
        warm, _ = run_clients(server.port, session, tables, spec.workers, 1.0, spec.seed)
        everything += warm
        steady, seconds = run_clients(
            server.port, session, tables, spec.clients, spec.steady_seconds, spec.seed + 1
        )
        everything += steady
        phases.append(summary("steady", steady, seconds, []))
        violations += [f"steady: {v}" for v in answer_violations(warm + steady, [])]
        connections.close_all()
        for table in rows:
            violations += [f"steady: {v}" for v in data_violations(table, everything)]
        injector = Injector(
            target_for(spec, server), probe, spec.faults, spec.fault_seconds, spec.seed
        )
        injector.start()
        faulty, seconds = run_clients(
            server.port, session, tables, spec.clients, spec.fault_seconds, spec.seed + 2
        )
        injector.join()
        if injector.error is not None:
            raise injector.error
        everything += faulty
        phases.append(summary("faults", faulty, seconds, injector.faults))
        violations += [f"faults: {v}" for v in answer_violations(faulty, injector.faults)]
        final = probe()
        if final.status != 200:
            violations.append(f"after the faults the server answers {final.status}")
        workers = len(server.workers())
        if workers != spec.workers:
            violations.append(f"{workers} workers serve after the faults, not {spec.workers}")
    connections.close_all()
    for table in rows:
        violations += [f"faults: {v}" for v in data_violations(table, everything)]
    return {
        "spec": asdict(spec),
        "phases": phases,
        "violations": violations,
        "seconds": round(time.monotonic() - started, 1),
    }
