"""Pure position arithmetic: which rows get which positions. No database in here."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

Pk = Hashable
Row = tuple[Pk, int | None]


def in_order(rows: Sequence[Row]) -> list[Row]:
    """Rows in their group's order: ascending position, NULLs last, ties broken by pk."""
    return sorted(rows, key=lambda row: (row[1] is None, row[1] or 0, _pk_key(row[0])))


def _pk_key(pk: Pk) -> tuple[int, str]:
    # pks of one model share a type; the tuple keeps ints numeric and others comparable.
    return (pk, "") if isinstance(pk, int) else (0, str(pk))


def is_legacy(rows: Sequence[Row]) -> bool:
    """Whether a group holds NULL or duplicate positions and must be renumbered."""
    positions = [position for _, position in rows]
    return None in positions or len(set(positions)) != len(positions)


def has_gaps(rows: Sequence[Row], start: int = 0) -> bool:
    """Whether a clean group's positions differ from ``start, start + 1, ...``."""
    ordered = in_order(rows)
    return any(position != start + index for index, (_, position) in enumerate(ordered))


def clean_positions(rows: Sequence[Row]) -> dict[Pk, int]:
    """Positions by pk of a group that is not legacy (no NULLs)."""
    positions: dict[Pk, int] = {}
    for pk, position in rows:
        if position is None:
            raise ValueError("A legacy group (NULL positions) must be renumbered first.")
        positions[pk] = position
    return positions


def dense(pks: Sequence[Pk], start: int = 0) -> dict[Pk, int]:
    """Positions ``start, start + 1, ...`` for ``pks`` in the given order."""
    return {pk: start + index for index, pk in enumerate(pks)}


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
    """Plan moving ``pk`` so that it ends at ``index`` of its group (0 is first).

    Returns the group's new positions of every row whose position changes and the plan
    that writes them (``None`` when nothing changes). A legacy group is renumbered whole.
    """
    ordered = [row_pk for row_pk, _ in in_order(rows)]
    new_order = [row_pk for row_pk in ordered if row_pk != pk]
    new_order.insert(index, pk)
    if is_legacy(rows):
        return _assign_changes(rows, dense(new_order))
    current = clean_positions(rows)
    old_index = ordered.index(pk)
    if old_index == index:
        return {}, None
    low_index, high_index = sorted((old_index, index))
    window_before = ordered[low_index : high_index + 1]
    window_after = new_order[low_index : high_index + 1]
    slots = sorted(current[row_pk] for row_pk in window_before)
    new_positions = dict(zip(window_after, slots, strict=True))
    changes = {row_pk: p for row_pk, p in new_positions.items() if current[row_pk] != p}
    low, high = slots[0], slots[-1]
    if high - low == len(slots) - 1:
        delta = 1 if index < old_index else -1
        return changes, Shift(pk=pk, target=new_positions[pk], low=low, high=high, delta=delta)
    return changes, Assign(changes)


def reorder(rows: Sequence[Row], listed: Sequence[Pk]) -> tuple[dict[Pk, int], Plan | None]:
    """Plan giving the ``listed`` rows, in the listed order, the positions they hold now.

    In a legacy group the listed rows take the slots they hold in the group's current order
    and the whole group is renumbered densely.
    """
    if is_legacy(rows):
        ordered = [row_pk for row_pk, _ in in_order(rows)]
        listed_set = set(listed)
        slots = [index for index, row_pk in enumerate(ordered) if row_pk in listed_set]
        for slot, row_pk in zip(slots, listed, strict=True):
            ordered[slot] = row_pk
        return _assign_changes(rows, dense(ordered))
    current = clean_positions(rows)
    slots = sorted(current[row_pk] for row_pk in listed)
    return _assign_changes(rows, dict(zip(listed, slots, strict=True)))


def renumber(
    rows: Sequence[Row], start: int = 0, *, descending: bool = False
) -> tuple[dict[Pk, int], Plan | None]:
    """Plan renumbering a whole group densely, keeping the order its users see.

    Ascending (the default): by (position, pk), NULLs last, numbered ``start, start + 1, ...``.
    ``descending`` (a model ordered by ``-position``): shown by position from high to low,
    ties by pk, NULLs last, and numbered from high to low so that it is shown the same way.
    """
    if not descending:
        return _assign_changes(rows, dense([row_pk for row_pk, _ in in_order(rows)], start))
    shown = sorted(rows, key=lambda row: (row[1] is None, -(row[1] or 0), _pk_key(row[0])))
    top = start + len(shown) - 1
    return _assign_changes(rows, {row_pk: top - index for index, (row_pk, _) in enumerate(shown)})


def _assign_changes(
    rows: Sequence[Row], wanted: dict[Pk, int]
) -> tuple[dict[Pk, int], Plan | None]:
    current = dict(rows)
    changes = {row_pk: p for row_pk, p in wanted.items() if current.get(row_pk) != p}
    return changes, (Assign(changes) if changes else None)
