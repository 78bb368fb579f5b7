"""Markdown for the benchmarks' reports: numbers, tables, and a page's result markers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def ms(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def count(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) or value >= 100 else f"{value:,.1f}"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


START = "<!-- benchmarks:results -->"
END = "<!-- /benchmarks:results -->"


def splice(page: Path, text: str, markers: tuple[str, str] = (START, END)) -> None:
    """Replace the lines between the page's two result markers with ``text``.

    Only a line that is a marker alone counts, so that the page may mention the markers.
    """
    start, end = markers
    lines = page.read_text().splitlines(keepends=True)
    bare = [line.strip() for line in lines]
    if bare.count(start) != 1 or bare.count(end) != 1 or bare.index(start) > bare.index(end):
        raise ValueError(f"{page} needs one line {start} and, below it, one line {end}.")
    head, tail = lines[: bare.index(start) + 1], lines[bare.index(end) :]
    page.write_text("".join([*head, text, *tail]))
