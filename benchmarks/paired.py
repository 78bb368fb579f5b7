"""Two approaches that made the same moves in turns, compared move by move.

orderkit dense and django-ordered-model make the very same moves (the same rows, in the same
rounds), so the ratio of their times for each move cancels what the moves themselves cost
and most of what the machine did meanwhile. The median of those ratios, with a 95 %
confidence interval from the order statistics (the sign test's, which assumes nothing about
their distribution), says whether one is slower than the other.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.measure import Phase
from benchmarks.runner import Result

#: The pairs compared when both ran: (approach, peer).
PAIRS = (("orderkit-dense", "ordered-model"),)


@dataclass(frozen=True)
class Ratio:
    """``approach``'s time over ``peer``'s for the same moves: median and 95 % interval."""

    moves: int
    median: float
    low: float
    high: float


@dataclass(frozen=True)
class Comparison:
    approach: str
    peer: str
    rows: int
    last_to_first: Ratio
    random: Ratio


def ratio(mine: Phase, theirs: Phase) -> Ratio:
    """The ratios of the moves both made (the first ones, where one made fewer)."""
    return ratio_of(mine.ms, theirs.ms)


def ratio_of(mine: Sequence[float], theirs: Sequence[float]) -> Ratio:
    """The median of ``mine[n] / theirs[n]``, with its 95 % interval."""
    ratios = sorted(a / b for a, b in zip(mine, theirs, strict=False) if b > 0)
    low, high = median_interval(ratios)
    return Ratio(
        moves=len(ratios),
        median=round(statistics.median(ratios), 4),
        low=round(low, 4),
        high=round(high, 4),
    )


def median_interval(ordered: Sequence[float]) -> tuple[float, float]:
    """A 95 % confidence interval of the median of ``ordered`` (sorted): the values of ranks
    n/2 - 1.96·√n/2 and 1 + n/2 + 1.96·√n/2 (rounded outwards); all of the range when there
    are too few values for that."""
    n = len(ordered)
    half = 1.96 * math.sqrt(n) / 2
    lower = math.floor(n / 2 - half)
    upper = math.ceil(1 + n / 2 + half)
    return ordered[max(lower, 1) - 1], ordered[min(upper, n) - 1]


def compare(results: Sequence[Result]) -> list[Comparison]:
    """Every pair of :data:`PAIRS` at every size where both ran."""
    found = {(result.key, result.rows): result for result in results}
    return [
        Comparison(
            approach=mine.approach,
            peer=theirs.approach,
            rows=rows,
            last_to_first=ratio(mine.last_to_first, theirs.last_to_first),
            random=ratio(mine.random, theirs.random),
        )
        for key, peer in PAIRS
        for (found_key, rows), mine in sorted(found.items(), key=lambda item: item[0][1])
        if found_key == key and (theirs := found.get((peer, rows))) is not None
    ]
