"""The run's plot: milliseconds and rows written per move against the group's size."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # No display: write files only.

import matplotlib.pyplot as plt

from benchmarks.runner import Result


def plot(results: list[Result], title: str, path: Path) -> None:
    figure, (times, writes) = plt.subplots(1, 2, figsize=(12, 4.8))
    names = list(dict.fromkeys(result.approach for result in results))
    for name in names:
        mine = sorted((r for r in results if r.approach == name), key=lambda r: r.rows)
        rows = [r.rows for r in mine]
        (line,) = times.plot(rows, [r.last_to_first.median_ms for r in mine], "o-", label=name)
        times.plot(rows, [r.random.median_ms for r in mine], "s--", color=line.get_color())
        writes.plot(rows, [r.random.rows_per_move for r in mine], "s--", label=name)
    times.set_title("Median ms per move (solid: last → first, dashed: random)")
    writes.set_title("Rows written per random move")
    for axes in (times, writes):
        axes.set_xscale("log")
        axes.set_yscale("log")
        axes.set_xlabel("rows in the group")
        axes.grid(True, which="major", alpha=0.4)
    times.set_ylabel("ms")
    writes.set_ylabel("rows")
    times.legend(fontsize="small")
    figure.suptitle(title)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
