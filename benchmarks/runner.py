"""One benchmark run: every approach at every size, then the concurrent run."""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass
from functools import partial

from benchmarks import concurrent, database
from benchmarks.approaches import Approach, OrderkitApproach
from benchmarks.measure import Budget, Phase, run_phases

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
    approaches: list[Approach], size: int, moves: Budget, random_moves: Budget, seed: int
) -> list[Result]:
    """Every approach at one size: each fills its table, then the approaches take turns
    move by move, last to first and then random moves."""
    setup: list[float] = []
    for approach in approaches:
        start = time.monotonic()
        approach.setup(size)
        setup.append(time.monotonic() - start)
        log.info("%s, %s rows: filled in %.1f s", approach.name, f"{size:,}", setup[-1])
    bookkeeping = [approach.bookkeeping_rows for approach in approaches]
    last_to_first = run_phases(
        [approach.last_to_first for approach in approaches], moves, bookkeeping
    )
    for approach, phase in zip(approaches, last_to_first, strict=True):
        log.info("  %s, last to first: %s", approach.name, phase)
        # The series left dead rows behind (a million of them per dense move at 1M rows).
        database.tidy(approach.model)
    # Each approach draws from a generator of its own with the same seed: the approaches that
    # move single rows (orderkit's and django-ordered-model's) make the very same moves.
    generators = [random.Random(seed) for _ in approaches]
    shuffled = run_phases(
        [
            partial(approach.random_move, rng)
            for approach, rng in zip(approaches, generators, strict=True)
        ],
        random_moves,
        bookkeeping,
    )
    for approach, phase in zip(approaches, shuffled, strict=True):
        log.info("  %s, random: %s", approach.name, phase)
    return [
        Result(
            approach=approach.name,
            key=approach.key,
            rows=size,
            setup_seconds=round(seconds, 2),
            last_to_first=first,
            random=random_phase,
        )
        for approach, seconds, first, random_phase in zip(
            approaches, setup, last_to_first, shuffled, strict=True
        )
    ]


def sequential(
    approaches: list[Approach],
    sizes: list[int],
    moves: Budget,
    random_moves: Budget,
    seed: int,
) -> list[Result]:
    """Every size in turn, smallest first (the approaches interleaved at each)."""
    results = [
        result for size in sizes for result in measure(approaches, size, moves, random_moves, seed)
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
