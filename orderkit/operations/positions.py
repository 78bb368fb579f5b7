"""Pure position arithmetic: which rows get which positions. No database in here."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

Pk = Hashable
Row = tuple[Pk, int | None]


def in_order(rows: Sequence[Row]) -> list[tuple[Pk, int]]:
    """The rows of a clean group in its order: ascending position."""
    return sorted(clean_positions(rows).items(), key=lambda row: row[1])


def is_legacy(rows: Sequence[Row]) -> bool:
    """Whether a group holds NULL or duplicate positions and must be renumbered."""
    positions = [position for _, position in rows]
    return None in positions or len(set(positions)) != len(positions)


def clean_positions(rows: Sequence[Row]) -> dict[Pk, int]:
    """Positions by pk of a group that is not legacy (no NULLs, no duplicates)."""
    if is_legacy(rows):
        raise ValueError("A legacy group (NULL or duplicate positions) must be renumbered first.")
    return dict(rows)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Shift:
    """Move ``pk`` to ``target``; every other row with a position in ``[low, high]`` moves by
    ``delta``. One UPDATE writes it, whatever the number of shifted rows."""

    pk: Pk
    target: int
    low: int
    high: int
    delta: int


@dataclass(frozen=True)
class Assign:
    """Give each listed row the listed position."""

    positions: dict[Pk, int]


Plan = Shift | Assign


def move(rows: Sequence[Row], pk: Pk, index: int) -> tuple[dict[Pk, int], Plan | None]:
    """Plan moving ``pk`` so that it ends at ``index`` of its clean group (0 is first).

    The row takes the position of the row that is at ``index`` now, and the rows from there
    to its old position shift by one toward the place it left. Gaps elsewhere stay as they
    are, so one UPDATE writes it, whatever the group holds. Returns the new positions of
    every row whose position changes and the plan (``None`` when nothing changes).
    """
    current = clean_positions(rows)
    ordered = sorted(current, key=current.__getitem__)
    old_index = ordered.index(pk)
    if old_index == index:
        return {}, None
    target = current[ordered[index]]
    low, high = sorted((current[pk], target))
    delta = 1 if index < old_index else -1
    changes = {
        row_pk: position + delta
        for row_pk, position in current.items()
        if row_pk != pk and low <= position <= high
    }
    changes[pk] = target
    return changes, Shift(pk=pk, target=target, low=low, high=high, delta=delta)


def reorder(rows: Sequence[Row], listed: Sequence[Pk]) -> tuple[dict[Pk, int], Plan | None]:
    """Plan giving the ``listed`` rows of a clean group, in the listed order, the positions
    they hold now."""
    current = clean_positions(rows)
    slots = sorted(current[row_pk] for row_pk in listed)
    return _assign_changes(rows, dict(zip(listed, slots, strict=True)))


def _assign_changes(
    rows: Sequence[Row], wanted: dict[Pk, int]
) -> tuple[dict[Pk, int], Plan | None]:
    current = dict(rows)
    changes = {row_pk: p for row_pk, p in wanted.items() if current.get(row_pk) != p}
    return changes, (Assign(changes) if changes else None)
