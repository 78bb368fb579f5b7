"""``python -m benchmarks run``: the command line of the benchmark suite."""

from __future__ import annotations

import argparse
import logging
import os
import platform
import shlex
import sys
import tempfile
from collections.abc import Sequence
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import django

from benchmarks.database import create_postgresql_database
from benchmarks.machine import machine

POSTGRESQL_URL = "postgres://postgres@127.0.0.1:5432/orderkit_bench"

#: The full run, and ``--quick``: a small one that checks the suite itself (CI).
PRESETS: dict[str, dict[str, Any]] = {
    "full": {
        "sizes": "1000,10000,100000,1000000",
        "moves": 100,
        "random_moves": 1000,
        "seconds": 60.0,
        "min_moves": 3,
        "clients": "8,16,32",
        "concurrent_seconds": 10.0,
        "groups": 4,
        "rows_per_group": 10_000,
        "workers": 4,
        "floor_requests": 1000,
        "floor_rows": 10_000,
    },
    "quick": {
        "sizes": "500",
        "moves": 3,
        "random_moves": 5,
        "seconds": 1.0,
        "min_moves": 1,
        "clients": "2",
        "concurrent_seconds": 1.0,
        "groups": 2,
        "rows_per_group": 50,
        "workers": 2,
        "floor_requests": 5,
        "floor_rows": 500,
    },
}


def numbers(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part]


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    commands = main.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="measure every approach and write the results")
    run.add_argument("--db", choices=["postgresql", "sqlite"], default="postgresql")
    run.add_argument(
        "--postgresql-url",
        default=POSTGRESQL_URL,
        help="created if missing; never a database named test or test_* (default: %(default)s)",
    )
    run.add_argument("--quick", action="store_true", help="the small preset (for CI)")
    run.add_argument("--out", type=Path, default=Path("docs/benchmarks"))
    run.add_argument("--docs", type=Path, help="a page whose result markers get the table")
    run.add_argument("--approaches", help="comma-separated keys (default: all)")
    run.add_argument("--seed", type=int, default=1)
    given = run.add_argument_group("overriding the preset")
    given.add_argument("--sizes", help="rows in the group, comma-separated")
    given.add_argument("--moves", type=int, help="last-to-first moves to time per size")
    given.add_argument("--random-moves", type=int, help="random moves to time per size")
    given.add_argument("--seconds", type=float, help="time budget of each series of moves")
    given.add_argument("--min-moves", type=int, help="moves timed even over the budget")
    given.add_argument("--clients", help="client counts of the concurrent run (0: none)")
    given.add_argument("--concurrent-seconds", type=float, help="seconds per client count")
    given.add_argument("--groups", type=int, help="groups in the concurrent run's table")
    given.add_argument("--rows-per-group", type=int, help="rows per group (concurrent run)")
    given.add_argument("--workers", type=int, help="server processes (gunicorn sync workers)")
    given.add_argument(
        "--floor-requests", type=int, help="sparse moves and floor writes, in process (0: none)"
    )
    given.add_argument("--floor-rows", type=int, help="rows in the floor comparison's group")
    side_runs = {
        "first-write": "time and peak Python memory of the first write to a group never checked",
        "cross-group": "statements and time of a sparse move into another group and of a "
        "block move of 10 rows, beside a move within one group",
    }
    for name, what in side_runs.items():
        side = commands.add_parser(name, help=what)
        side.add_argument("--db", choices=["postgresql", "sqlite"], default="postgresql")
        side.add_argument("--postgresql-url", default=POSTGRESQL_URL)
        side.add_argument("--sizes", default="1000000", help="rows per group, comma-separated")
    commands.choices["cross-group"].add_argument(
        "--moves", type=int, default=50, help="moves of each kind per size"
    )
    production = commands.add_parser(
        "production",
        help="the endpoints under real servers, a pooler and injected faults (make production)",
    )
    from benchmarks.production.run import add_arguments

    add_arguments(production)
    return main


def options(argv: Sequence[str]) -> argparse.Namespace:
    args = parser().parse_args(argv)
    if args.command != "run":
        return args
    for name, value in PRESETS["quick" if args.quick else "full"].items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    return args


def main(argv: Sequence[str]) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    args = options(argv)
    if args.command == "production":
        from benchmarks.production.run import main as production

        return production(args)
    with ExitStack() as stack:
        if args.db == "postgresql":
            create_postgresql_database(args.postgresql_url)
            url = args.postgresql_url
        else:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="orderkit-bench-"))
            url = f"sqlite:///{folder}/bench.sqlite3"
        # The settings read the URL; the server processes inherit it.
        os.environ["ORDERKIT_BENCH_DATABASE_URL"] = url
        os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
        django.setup()
        if args.command in ("first-write", "cross-group"):
            side_run(args)
        else:
            execute(args, argv)
    return 0


def side_run(args: argparse.Namespace) -> None:
    """``first-write`` or ``cross-group``: one table, after the database and the machine."""
    from django.core.management import call_command

    from benchmarks import crossgroup, database, firstwrite

    call_command("migrate", run_syncdb=True, interactive=False, verbosity=0)
    sys.stdout.write(f"{database.server_version()}, {machine()}\n\n")
    if args.command == "first-write":
        sys.stdout.write(firstwrite.run(numbers(args.sizes)) + "\n")
    else:
        sys.stdout.write(crossgroup.run(numbers(args.sizes), args.moves) + "\n")


def execute(args: argparse.Namespace, argv: Sequence[str]) -> None:
    # Imported once Django is set up: they import models.
    from django.core.management import call_command

    from benchmarks import concurrent, database, floor, paired, report, runner
    from benchmarks.approaches import OrderkitApproach, all_approaches
    from benchmarks.measure import Budget
    from benchmarks.plot import plot

    started = datetime.now(UTC)
    load = os.getloadavg()[0]
    call_command("migrate", run_syncdb=True, interactive=False, verbosity=0)
    approaches = all_approaches()
    if args.approaches:
        wanted = args.approaches.split(",")
        approaches = [approach for approach in approaches if approach.key in wanted]
    plan = concurrent.Plan(
        groups=args.groups,
        rows_per_group=args.rows_per_group,
        workers=args.workers,
        clients=tuple(n for n in numbers(args.clients) if n),
        seconds=args.concurrent_seconds,
    )
    args.out.mkdir(parents=True, exist_ok=True)
    results = runner.sequential(
        approaches,
        numbers(args.sizes),
        Budget(args.moves, args.seconds, args.min_moves),
        Budget(args.random_moves, args.seconds, args.min_moves),
        args.seed,
    )
    sparse = [a for a in approaches if isinstance(a, OrderkitApproach) and a.spacing > 1]
    beside = (
        floor.compare(sparse[0], args.floor_rows, args.floor_requests, args.seed)
        if sparse and args.floor_requests
        else None
    )
    levels = runner.concurrency(approaches, plan) if plan.clients else []
    if beside is not None and plan.clients:
        levels += concurrent.run_floor(plan)
    software = ", ".join(
        f"{name} {version(name)}"
        for name in ("Django", "django-ordered-model", "django-admin-sortable2", "gunicorn")
    )
    run = report.Run(
        command=shlex.join(["python", "-m", "benchmarks", *argv]),
        database=database.server_version(),
        machine=machine(),
        software=f"Python {platform.python_version()}, {software}",
        started=started.strftime("%Y-%m-%d %H:%M UTC"),
        seconds=round((datetime.now(UTC) - started).total_seconds(), 1),
        load=(load, os.getloadavg()[0]),
        options={
            **vars(args),
            "out": str(args.out),
            "docs": str(args.docs),
            "concurrent": vars(plan),
        },
        results=results,
        concurrent=levels,
        paired=paired.compare(results),
        floor=beside,
    )
    report.write_json(run, args.out / "results.json")
    text = report.markdown(run, plot="plot.png")
    (args.out / "results.md").write_text(text)
    plot(results, f"orderkit benchmarks, {run.database}", args.out / "plot.png")
    if args.docs is not None:
        relative = os.path.relpath(args.out / "plot.png", args.docs.parent)
        report.splice(args.docs, report.markdown(run, plot=relative))
    logging.getLogger("benchmarks").info("wrote %s in %.0f s", args.out, run.seconds)


def version(name: str) -> str:
    from importlib.metadata import version as installed

    return installed(name)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
