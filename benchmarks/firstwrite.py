"""The first orderkit write to a group that orderkit has not checked yet, which checks the
group for legacy positions (NULLs, duplicates) and renumbers it if it finds any:
``python -m benchmarks first-write``. Its time, and the peak of Python's memory
(``tracemalloc``), in a group that is clean and in one that holds a duplicate."""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks import database
from benchmarks.benchapp.models import DenseItem, Group
from orderkit import operations
from orderkit.models import GroupLock
from orderkit.registry import registry

MiB = 2**20


@dataclass(frozen=True)
class Figures:
    case: str
    rows: int
    seconds: float
    peak_bytes: int


def prepare(rows: int, duplicate: bool) -> Callable[[], object]:
    """A group of ``rows`` rows at 0, 1, 2, ... (with ``duplicate``, the second row at 0
    too) that orderkit has never written; the first write: the last row to the front."""
    group = Group._default_manager.get_or_create(name="first write")[0]
    database.fill(DenseItem, [group.pk], rows, 1)
    if duplicate:
        DenseItem._default_manager.filter(pk=2).update(position=0)
    GroupLock._default_manager.all().delete()
    kit = registry.get(DenseItem)
    last = DenseItem._default_manager.get(pk=rows)
    gc.collect()
    return lambda: operations.move(kit, last, to="first")


def measure(rows: int, duplicate: bool) -> Figures:
    """Time the write once, then trace its memory in a second, fresh, group (tracing slows
    Python down, so it is not timed)."""
    write = prepare(rows, duplicate)
    started = time.perf_counter()
    write()
    seconds = time.perf_counter() - started
    write = prepare(rows, duplicate)
    tracemalloc.start()
    try:
        write()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    case = "one duplicate" if duplicate else "clean"
    return Figures(case, rows, seconds, peak)


def table(figures: list[Figures]) -> str:
    lines = [
        "| group | rows | time (s) | peak Python memory (MiB) |",
        "|---|---:|---:|---:|",
    ]
    lines += [
        f"| {f.case} | {f.rows:,} | {f.seconds:.2f} | {f.peak_bytes / MiB:.1f} |" for f in figures
    ]
    return "\n".join(lines)


def run(sizes: list[int]) -> str:
    figures = [measure(rows, duplicate) for rows in sizes for duplicate in (False, True)]
    return table(figures)
