"""``python -m benchmarks production``: the databases and the pooler of the run's own, then
each scenario in a process of its own, then the report."""

from __future__ import annotations

import argparse
import json
import logging
import os
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from benchmarks.production.mariadb import Database
from benchmarks.production.pgbouncer import Bouncer
from benchmarks.production.postgres import Instance
from benchmarks.production.report import markdown, splice
from benchmarks.production.spec import Spec
from benchmarks.server import ROOT

log = logging.getLogger("benchmarks")

#: The database that the run creates on its own PostgreSQL.
DATABASE = "orderkit_production"

PRESETS: dict[str, dict[str, Any]] = {
    "full": {"steady": 20.0, "faulty": 40.0, "groups": 8, "dense_rows": 200, "sparse_rows": 2000},
    "quick": {"steady": 4.0, "faulty": 12.0, "groups": 4, "dense_rows": 40, "sparse_rows": 200},
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--quick", action="store_true", help="the short preset (CI)")
    parser.add_argument("--out", type=Path, help="a folder for results.json and results.md")
    parser.add_argument("--docs", type=Path, help="a page whose production markers get the table")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--steady-seconds", type=float, help="clients without faults, per server")
    parser.add_argument("--fault-seconds", type=float, help="clients with faults, per server")


def scenarios(
    args: argparse.Namespace, pg: Instance, bouncer: Bouncer, mariadb: Database
) -> list[Spec]:
    preset = PRESETS["quick" if args.quick else "full"]
    base = Spec(
        name="",
        server="gunicorn",
        workers=args.workers,
        clients=args.clients,
        steady_seconds=args.steady_seconds or preset["steady"],
        fault_seconds=args.fault_seconds or preset["faulty"],
        faults=(),
        direct_url=pg.url(DATABASE),
        served_url=bouncer.url(),
        connections="pooled",
        groups=preset["groups"],
        dense_rows=preset["dense_rows"],
        sparse_rows=preset["sparse_rows"],
        seed=args.seed,
        postgres_folder=str(pg.folder),
        postgres_port=pg.port,
    )
    return [
        replace(
            base,
            name="gunicorn (sync workers), PostgreSQL through pgbouncer",
            faults=("terminate", "kill", "terminate", "restart", "kill", "terminate"),
        ),
        replace(
            base,
            name="uvicorn (ASGI workers), PostgreSQL through pgbouncer",
            server="uvicorn",
            faults=("terminate", "kill", "terminate", "restart", "kill", "terminate"),
        ),
        replace(
            base,
            name="gunicorn (sync workers), MariaDB",
            direct_url=mariadb.url(),
            served_url=mariadb.url(),
            connections="checked",
            faults=("terminate", "kill", "terminate", "kill", "terminate"),
            postgres_folder="",
            postgres_port=0,
            mariadb=mariadb.name,
        ),
    ]


def play(spec: Spec, folder: Path, number: int) -> dict[str, Any]:
    """Run one scenario in a process of its own; its outcome (or why it has none)."""
    spec_path, out_path = folder / f"scenario-{number}.json", folder / f"outcome-{number}.json"
    spec_path.write_text(json.dumps(asdict(spec)))
    log.info("%s: %s clients, %s workers", spec.name, spec.clients, spec.workers)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.production.scenario", str(spec_path), str(out_path)],
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    if not out_path.exists():
        return {
            "spec": asdict(spec),
            "phases": [],
            "violations": [f"exited with {done.returncode}"],
        }
    outcome: dict[str, Any] = json.loads(out_path.read_text())
    return outcome


def main(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    outcomes = []
    with ExitStack() as stack:
        folder = Path(
            stack.enter_context(tempfile.TemporaryDirectory(prefix="orderkit-production-"))
        )
        # The postgres user runs the database and the pooler in folders below this one.
        folder.chmod(0o755)
        pg = Instance(folder / "postgresql").start()
        stack.callback(pg.stop)
        pg.create_database(DATABASE)
        bouncer = Bouncer(folder / "pgbouncer", DATABASE, pg.port).start()
        stack.callback(bouncer.stop)
        mariadb = Database(f"orderkit_production_{os.getpid()}").create()
        stack.callback(mariadb.drop)
        log.info(
            "PostgreSQL on port %s, pgbouncer on %s, MariaDB database %s",
            pg.port,
            bouncer.port,
            mariadb.name,
        )
        for number, spec in enumerate(scenarios(args, pg, bouncer, mariadb)):
            outcomes.append(play(spec, folder, number))
    text = markdown(outcomes, args)
    sys.stdout.write(text)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "results.json").write_text(json.dumps(outcomes, indent=2) + "\n")
        (args.out / "results.md").write_text(text)
    if args.docs is not None:
        splice(args.docs, text)
    failed = [outcome for outcome in outcomes if outcome["violations"]]
    for outcome in failed:
        for violation in outcome["violations"][:20]:
            sys.stderr.write(f"{outcome['spec']['name']}: {violation}\n")
    return 1 if failed else 0
