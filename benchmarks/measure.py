"""Timing prepared moves one at a time: milliseconds, statements and rows written."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks import database
from benchmarks.approaches import Move


@dataclass(frozen=True)
class Budget:
    """How many moves to time: ``moves``, unless they take longer than ``seconds`` in all;
    then fewer, but never fewer than ``minimum``."""

    moves: int
    seconds: float
    minimum: int = 3


@dataclass(frozen=True)
class Sample:
    ms: float
    statements: int
    rows: int


@dataclass(frozen=True)
class Phase:
    """The summary of one series of moves."""

    moves: int
    median_ms: float
    p95_ms: float
    #: Median SQL statements per move.
    statements: float
    rows_written: int
    rows_per_move: float
    #: The most rows one move wrote.
    max_rows: int
    #: Moves that wrote more rows than the moved row (and the approach's own bookkeeping,
    #: such as orderkit's group lock): every shifting move, and a sparse scheme's rebalances.
    multi_row_moves: int
    #: Every move's milliseconds, in the order the moves were made.
    ms: tuple[float, ...] = field(default=(), repr=False)

    @classmethod
    def of(cls, samples: list[Sample], bookkeeping: int = 0) -> Phase:
        times = [sample.ms for sample in samples]
        rows = [sample.rows for sample in samples]
        return cls(
            moves=len(samples),
            median_ms=round(statistics.median(times), 3),
            p95_ms=round(percentile(times, 95), 3),
            statements=statistics.median(sample.statements for sample in samples),
            rows_written=sum(rows),
            rows_per_move=round(sum(rows) / len(rows), 2),
            max_rows=max(rows),
            multi_row_moves=sum(1 for count in rows if count > 1 + bookkeeping),
            ms=tuple(round(value, 3) for value in times),
        )


def percentile(values: list[float], percent: float) -> float:
    """The nearest-rank percentile (the largest value for few samples)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def time_one(move: Move) -> Sample:
    """Run one move; only the move itself is inside the timer."""
    before = database.rows_written()
    # The log keeps 9,000 queries; a full log would make the capture below count none.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        move()
        elapsed = time.perf_counter() - start
    statements = sum(1 for query in queries if query["sql"] not in TRANSACTION_CONTROL)
    return Sample(ms=elapsed * 1000, statements=statements, rows=database.rows_written() - before)


#: Not counted as statements: whether they pass through Django's cursor (and so are
#: captured) depends on the backend and its transaction mode, not on the approach.
TRANSACTION_CONTROL = {"BEGIN", "BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"}


def run_phases(
    prepares: Sequence[Callable[[], Move]], budget: Budget, bookkeeping: Sequence[int]
) -> list[Phase]:
    """Time one series of moves per approach, taking turns: one move of each approach, then
    the next round, so that whatever else the machine does falls on all of them alike. The
    moves of one approach are still made in their order.

    An approach leaves the rounds at its budget's count of moves, or once the time that its
    own turns took (finding the rows included) passes the budget's seconds, but never
    before ``minimum`` moves.
    """
    samples: list[list[Sample]] = [[] for _ in prepares]
    spent = [0.0 for _ in prepares]

    def wants(index: int) -> bool:
        done = len(samples[index])
        return done < budget.moves and (spent[index] < budget.seconds or done < budget.minimum)

    count = len(prepares)
    rounds = 0
    while any(wants(index) for index in range(count)):
        # Each round starts one approach further, so that no approach always follows the
        # same one (and the checkpoint that a heavy writer before it set off).
        for index in [(rounds + step) % count for step in range(count)]:
            if wants(index):
                start = time.monotonic()
                samples[index].append(time_one(prepares[index]()))
                spent[index] += time.monotonic() - start
        rounds += 1
    return [Phase.of(taken, rows) for taken, rows in zip(samples, bookkeeping, strict=True)]
