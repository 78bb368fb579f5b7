"""One benchmark run: every approach at every size, then the concurrent run."""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass

from benchmarks import concurrent, database
from benchmarks.approaches import Approach, OrderkitApproach
from benchmarks.measure import Budget, Phase, run_phase

log = logging.getLogger("benchmarks")


@dataclass(frozen=True)
class Result:
    """One approach at one size."""

    approach: str
    key: str
    rows: int
    setup_seconds: float
    #: The group's last row moved to the first place, again and again.
    last_to_first: Phase
    #: A random row moved next to another random row (or to a random place).
    random: Phase


def measure(
    approach: Approach, size: int, moves: Budget, random_moves: Budget, seed: int
) -> Result:
    start = time.monotonic()
    approach.setup(size)
    setup_seconds = time.monotonic() - start
    log.info("%s, %s rows: filled in %.1f s", approach.name, f"{size:,}", setup_seconds)
    last_to_first = run_phase(approach.last_to_first, moves, approach.bookkeeping_rows)
    log.info("  last to first: %s", last_to_first)
    # The first phase left dead rows behind (a million of them per dense move at 1M rows).
    database.tidy(approach.model)
    rng = random.Random(seed)
    shuffled = run_phase(
        lambda: approach.random_move(rng), random_moves, approach.bookkeeping_rows
    )
    log.info("  random: %s", shuffled)
    return Result(
        approach=approach.name,
        key=approach.key,
        rows=size,
        setup_seconds=round(setup_seconds, 2),
        last_to_first=last_to_first,
        random=shuffled,
    )


def sequential(
    approaches: list[Approach],
    sizes: list[int],
    moves: Budget,
    random_moves: Budget,
    seed: int,
) -> list[Result]:
    results = [
        measure(approach, size, moves, random_moves, seed)
        for size in sizes
        for approach in approaches
    ]
    for approach in approaches:
        # Leave no million-row tables behind.
        approach.setup(0)
    return results


def concurrency(approaches: list[Approach], plan: concurrent.Plan) -> list[concurrent.Level]:
    """The concurrent run, for the approaches that have endpoints with locking: orderkit's."""
    levels: list[concurrent.Level] = []
    for approach in approaches:
        if isinstance(approach, OrderkitApproach):
            levels += concurrent.run(approach, plan)
            log.info("concurrent, %s: %s", approach.name, levels[-len(plan.clients) :])
            approach.setup(0)
    return levels
