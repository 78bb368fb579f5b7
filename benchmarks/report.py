"""The run's outputs: a JSON file, a markdown table, and the table spliced into a page."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks.concurrent import Level
from benchmarks.floor import Floor
from benchmarks.markdown import count, ms, table
from benchmarks.markdown import splice as splice
from benchmarks.paired import Comparison, Ratio
from benchmarks.runner import Result


@dataclass(frozen=True)
class Run:
    """Everything one run measured, and where."""

    command: str
    database: str
    machine: str
    software: str
    started: str
    seconds: float
    #: The machine's load averages (1 minute) at the start and at the end: other work on
    #: the machine shows in the timings.
    load: tuple[float, float]
    options: dict[str, Any]
    results: list[Result]
    concurrent: list[Level]
    #: Approaches that made the same moves, compared move by move.
    paired: list[Comparison]
    #: orderkit's sparse move beside the floor, request by request (None: not measured).
    floor: Floor | None = None


def write_json(run: Run, path: Path) -> None:
    path.write_text(json.dumps(asdict(run), indent=2) + "\n")


def interval(found: Ratio) -> str:
    return f"{found.median:.3f} ({found.low:.3f} to {found.high:.3f})"


def paired_table(comparisons: Sequence[Comparison]) -> list[str]:
    if not comparisons:
        return []
    return [
        "The same moves, made in turns, compared move by move: the median of each move's "
        "time over the peer's time for it, with its 95 % confidence interval (below 1: "
        "faster than the peer):",
        "",
        *table(
            ["approach", "peer", "rows", "last → first", "moves", "random", "moves"],
            [
                [
                    found.approach,
                    found.peer,
                    f"{found.rows:,}",
                    interval(found.last_to_first),
                    str(found.last_to_first.moves),
                    interval(found.random),
                    str(found.random.moves),
                ]
                for found in comparisons
            ],
        ),
        "",
    ]


def floor_table(found: Floor | None) -> list[str]:
    if found is None:
        return []
    return [
        f"orderkit's sparse move beside the floor, a bare authenticated Django view that "
        f"updates one row, as requests through Django's WSGI handler in this process, "
        f"{found.floor.requests:,} of each in turns, in a group of {found.rows:,} rows "
        f"(statements besides BEGIN and COMMIT):",
        "",
        *table(
            ["request", "statements", "median ms", "p95 ms"],
            [
                [
                    requests.approach,
                    count(requests.statements),
                    ms(requests.median_ms),
                    ms(requests.p95_ms),
                ]
                for requests in (found.orderkit, found.floor)
            ],
        ),
        "",
        f"orderkit's time over the floor's, round by round: {interval(found.ratio)} "
        f"(median, 95 % interval).",
        "",
    ]


def markdown(run: Run, plot: str) -> str:
    moves = table(
        [
            "approach",
            "rows",
            "statements",
            "rows written",
            "median ms",
            "p95 ms",
            "random: statements",
            "rows written / move",
            "median ms",
            "p95 ms",
            "moves timed",
        ],
        [
            [
                result.approach,
                f"{result.rows:,}",
                count(result.last_to_first.statements),
                count(result.last_to_first.rows_per_move),
                ms(result.last_to_first.median_ms),
                ms(result.last_to_first.p95_ms),
                count(result.random.statements),
                count(result.random.rows_per_move),
                ms(result.random.median_ms),
                ms(result.random.p95_ms),
                f"{result.last_to_first.moves} + {result.random.moves}",
            ]
            for result in sorted(run.results, key=lambda result: result.rows)
        ],
    )
    levels = table(
        [
            "approach",
            "clients",
            "workers",
            "requests/s",
            "p50 ms",
            "p95 ms",
            "409s",
            "errors",
            "violations",
        ],
        [
            [
                level.approach,
                str(level.clients),
                str(level.workers),
                f"{level.requests_per_second:,.1f}",
                ms(level.p50_ms),
                ms(level.p95_ms),
                str(level.conflicts),
                str(level.errors),
                str(level.violations),
            ]
            for level in run.concurrent
        ],
    )
    concurrent = run.options["concurrent"]
    lines = [
        f"Measured on {run.database}, {run.machine}; {run.software}.",
        f"Started {run.started}, took {run.seconds / 60:.0f} minutes; load average "
        f"{run.load[0]:.1f} at the start, {run.load[1]:.1f} at the end:",
        "",
        f"    {run.command}",
        "",
        "Moves in one group, timed in-process (the columns after *rows written* are for random "
        "moves):",
        "",
        *moves,
        "",
        *paired_table(run.paired),
        *floor_table(run.floor),
        f"Concurrent clients against {concurrent['workers']} server processes, "
        f"{concurrent['groups']} groups of {concurrent['rows_per_group']:,} rows, "
        f"{concurrent['seconds']:g} s per client count:",
        "",
        *levels,
        "",
        f"![Median milliseconds and rows written per move]({plot})",
        "",
    ]
    return "\n".join(lines)
