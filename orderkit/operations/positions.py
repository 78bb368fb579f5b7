"""Pure position arithmetic and the plans it yields: which rows get which positions. No
database in here; :mod:`orderkit.operations.planner` decides which of these a request needs."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

Pk = Hashable
Row = tuple[Pk, int | None]


def faults(rows: Sequence[Row], *, dense: bool) -> list[str]:
    """What is wrong with a whole group: duplicates, NULLs, and gaps when it should be
    ``dense`` (empty when it is clean)."""
    found = [position for _, position in rows if position is not None]
    problems = []
    duplicates = len(found) - len(set(found))
    nulls = len(rows) - len(found)
    if duplicates:
        problems.append(f"{duplicates} duplicate{'s' if duplicates > 1 else ''}")
    if nulls:
        problems.append(f"{nulls} NULL{'s' if nulls > 1 else ''}")
    if dense and found and not duplicates and max(found) - min(found) != len(found) - 1:
        problems.append("gaps")
    return problems


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


@dataclass(frozen=True)
class Spread:
    """Number the whole group ``start, start + step, ...`` in its order, with ``pk`` sorted
    by ``key`` among the others' doubled positions (``2 * p + 1`` puts it right after the row
    at ``p``). One UPDATE writes it."""

    pk: Pk
    key: int
    start: int
    step: int


Plan = Shift | Assign | Spread


def outcome(plan: Plan | None, now: dict[Pk, int]) -> dict[Pk, int] | None:
    """The positions of the rows ``now`` after ``plan``; ``None`` for a :class:`Spread`,
    which only the database can tell."""
    if plan is None:
        return dict(now)
    if isinstance(plan, Shift):
        return {
            pk: plan.target
            if pk == plan.pk
            else position + plan.delta
            if plan.low <= position <= plan.high
            else position
            for pk, position in now.items()
        }
    if isinstance(plan, Assign):
        return {pk: plan.positions.get(pk, position) for pk, position in now.items()}
    return None


def permute(now: dict[Pk, int], listed: Sequence[Pk]) -> Assign | None:
    """Give the ``listed`` rows, in the listed order, the positions that they hold ``now``."""
    slots = sorted(now[pk] for pk in listed)
    changes = {pk: slot for pk, slot in zip(listed, slots, strict=True) if now[pk] != slot}
    return Assign(changes) if changes else None


def shift_between(pk: Pk, position: int, low: Row | None, high: Row | None) -> Shift | None:
    """Plan a dense move of ``pk`` (now at ``position``) to between the rows ``low`` and
    ``high`` (either may be absent: an end of the group).

    Moving up, it takes ``high``'s position and the rows from there shift down by one; moving
    down, it takes ``low``'s and the rows from there shift up. ``None`` when it is already
    there.
    """
    if high is not None and high[1] is not None and high[1] < position:
        return Shift(pk=pk, target=high[1], low=high[1], high=position, delta=1)
    if low is not None and low[1] is not None and low[1] > position:
        return Shift(pk=pk, target=low[1], low=position, high=low[1], delta=-1)
    return None


def slot_between(
    low: int | None, high: int | None, spacing: int, floor: int, ceiling: int
) -> int | None:
    """A free position strictly between ``low`` and ``high`` (an end when ``None``), within
    ``[floor, ceiling]``: the middle of a gap, or ``spacing`` beyond an end; ``None`` when no
    integer is free there."""
    if low is not None and high is not None:
        return low + (high - low) // 2 if high - low >= 2 else None
    if high is not None:
        if high - spacing >= floor:
            return high - spacing
        return floor + (high - floor) // 2 if high > floor else None
    if low is not None:
        if low + spacing <= ceiling:
            return low + spacing
        return low + (ceiling - low + 1) // 2 if low < ceiling else None
    return None


def after_last(top: int | None, spacing: int, ceiling: int) -> int:
    """The position of a new row after the group's highest position ``top``: by the spacing
    while the column has room; past it, one more (the next move rebalances)."""
    if top is None:
        return 0
    return min(top + spacing, max(top + 1, ceiling))


def spread_window(
    pk: Pk,
    below: Sequence[tuple[Pk, int]],
    above: Sequence[tuple[Pk, int]],
    *,
    reached_start: bool,
    reached_end: bool,
    spacing: int,
    floor: int,
    ceiling: int,
) -> Assign | None:
    """Respace a window of rows around the place of ``pk``, evenly, with ``pk`` in its place.

    ``below`` are the nearest rows under the place (nearest first), ``above`` those over it.
    An end of the window that reached an end of the group may grow by ``spacing``. ``None``
    when the window is too crowded to leave gaps of at least ``max(2, spacing // 8)``, unless
    it is the whole group, which only needs distinct positions.
    """
    ordered = [*reversed(below), (pk, None), *above]
    known = [position for _, position in ordered if position is not None]
    low, high = min(known), max(known)
    if reached_start:
        low = max(floor, low - spacing)
    if reached_end:
        high = min(ceiling, high + spacing)
    step = (high - low) // (len(ordered) - 1)
    enough = 1 if reached_start and reached_end else max(2, spacing // 8)
    if step < enough:
        return None
    wanted = {row_pk: low + index * step for index, (row_pk, _) in enumerate(ordered)}
    current = dict(ordered)
    return Assign({row_pk: p for row_pk, p in wanted.items() if current[row_pk] != p})


def whole_group_step(count: int, spacing: int, floor: int, ceiling: int) -> tuple[int, int]:
    """``(start, step)`` to number ``count`` rows: from 0 (or ``floor`` when that is above 0)
    by ``spacing``, or closer together when the field's range is too small for that."""
    start = max(floor, 0)
    room = ceiling - start
    step = min(spacing, room // max(1, count - 1)) if count > 1 else spacing
    if step < 1:
        start, step = floor, 1
        if floor + count - 1 > ceiling:
            raise OverflowError(f"{count} rows do not fit in positions {floor}..{ceiling}.")
    return start, step
