"""A sparse move into another group and sparse block moves of 10 rows (within the group and
into the other) beside a sparse move within one group, at a size:
``python -m benchmarks cross-group --sizes 1000000``. Two groups of that many rows each
(spacing 1024); each move is timed on its own, in its own transaction, and its statements
counted (``BEGIN`` and ``COMMIT`` included)."""

from __future__ import annotations

import copy
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext

from benchmarks import database
from benchmarks.benchapp.models import Group, SparseItem
from orderkit import operations
from orderkit.kit import Kit
from orderkit.registry import registry

#: The rows of a block move.
BLOCK = 10


@dataclass(frozen=True)
class Figures:
    case: str
    rows: int
    statements: int
    median_ms: float
    p95_ms: float
    moves: int


def timed(moves: list[Callable[[], Callable[[], object]]]) -> tuple[int, list[float]]:
    """Prepare each move (find its rows), then run it, timed; the median of the statements
    that the moves sent."""
    counts, seconds = [], []
    for prepare in moves:
        move = prepare()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            move()
            seconds.append(time.perf_counter() - started)
        counts.append(len(queries))
    return int(statistics.median(counts)), seconds


def figures(case: str, rows: int, counted: tuple[int, list[float]]) -> Figures:
    statements, seconds = counted
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    median = statistics.median(seconds)
    return Figures(case, rows, statements, median * 1000, p95 * 1000, len(ordered))


def measure(rows: int, count: int) -> list[Figures]:
    """``count`` moves of each kind, in two groups of ``rows`` rows: the last row of the
    first group to the first place (within it), the last row of the first group next to
    a random row of the second (into it), 10 random rows of the first group, as a block,
    before another random row of it, and 10 before a random row of the second."""
    left, right = (Group._default_manager.get_or_create(name=name)[0] for name in ("a", "b"))
    database.fill(SparseItem, [left.pk, right.pk], rows, 1024)
    plain: Kit = registry.get(SparseItem)
    between = copy.copy(plain)
    between.move_between_groups = True
    items = SparseItem._default_manager
    generator = random.Random(0)
    # The first write to each group checks it whole: once, before the timed moves.
    operations.move(plain, items.get(pk=rows), to="first")
    operations.move(plain, items.get(pk=2 * rows), to="first")

    def within() -> Callable[[], object]:
        last = items.filter(group=left).order_by("-position")[0]
        return lambda: operations.move(plain, last, to="first")

    def across() -> Callable[[], object]:
        last = items.filter(group=left).order_by("-position")[0]
        anchor = items.get(pk=rows + generator.randint(1, rows))
        return lambda: operations.move(between, last, before=anchor)

    def drawn_in_first_group(count: int) -> list[SparseItem]:
        """Rows that started in the first group, and are still in it."""
        drawn = generator.sample(range(1, rows + 1), 2 * count)
        found = items.filter(group=left).in_bulk(drawn)
        return [found[pk] for pk in drawn if pk in found][:count]

    def block() -> Callable[[], object]:
        *movers, anchor = drawn_in_first_group(BLOCK + 1)
        return lambda: operations.move_block(plain, movers, before=anchor)

    def block_across() -> Callable[[], object]:
        movers = drawn_in_first_group(BLOCK)
        anchor = items.get(pk=rows + generator.randint(1, rows))
        return lambda: operations.move_block(between, movers, before=anchor)

    return [
        figures("a move within the group", rows, timed([within] * count)),
        figures("a move into the other group", rows, timed([across] * count)),
        figures(f"a block of {BLOCK} rows within the group", rows, timed([block] * count)),
        figures(
            f"a block of {BLOCK} rows into the other group", rows, timed([block_across] * count)
        ),
    ]


def table(found: list[Figures]) -> str:
    header = "| sparse move (spacing 1024) | rows per group | statements | median ms | p95 ms |"
    lines = [f"{header} moves |", "|---|---:|---:|---:|---:|---:|"]
    for f in found:
        timing = f"{f.median_ms:.2f} | {f.p95_ms:.2f}"
        lines.append(f"| {f.case} | {f.rows:,} | {f.statements} | {timing} | {f.moves} |")
    return "\n".join(lines)


def run(sizes: list[int], count: int) -> str:
    return table([row for rows in sizes for row in measure(rows, count)])
