"""The move planner: from a reorder request and what was read of the group under its lock,
the writes that carry the request out. Pure: no database in here.

:func:`plan` answers a :class:`Move` or an :class:`Order` with a plan to write, ``None``
when the rows are where the request wants them already, or a :data:`Need`: something to do
or read first, after which the writer asks again with what it read.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from orderkit.exceptions import Conflict
from orderkit.operations import positions
from orderkit.operations.positions import Assign, Pk, Plan, Row, Shift, Spread

End = Literal["first", "last"]

#: The rows on each side of a place that a sparse move respaces first; each further try
#: reads four times as many, up to ``WINDOW``, past which it respaces the whole group.
FIRST_WINDOW = 8
WINDOW = 512


@dataclass(frozen=True)
class Beside:
    """A row to read with the named ones: the nearest one under (``"below"``) or over
    (``"above"``) the row ``of``; with ``of=None``, the group's last or first row. Never a
    named row."""

    side: Literal["below", "above"]
    of: Pk | None = None


@dataclass(frozen=True)
class Move:
    """Put the row ``pk`` right before ``before``, right after ``after``, or at the ``to``
    end of its group."""

    pk: Pk
    before: Pk | None = None
    after: Pk | None = None
    to: End | None = None

    @property
    def anchor(self) -> Pk | None:
        return self.before if self.before is not None else self.after

    @property
    def named(self) -> tuple[Pk, ...]:
        return (self.pk,) if self.anchor is None else (self.pk, self.anchor)

    @property
    def beside(self) -> Beside:
        """The row on the far side of the place: under the anchor for ``before``, over it
        for ``after``; the group's first row for ``to="first"``, its last for ``"last"``."""
        if self.anchor is None:
            return Beside("above" if self.to == "first" else "below")
        return Beside("below" if self.before is not None else "above", of=self.anchor)


@dataclass(frozen=True)
class Order:
    """Give the rows ``pks``, in this order, the positions that they hold now."""

    pks: tuple[Pk, ...]
    beside = None

    @property
    def named(self) -> tuple[Pk, ...]:
        return self.pks


Request = Move | Order


@dataclass(frozen=True)
class Bounds:
    """The group's spacing and the lowest and highest position its column holds."""

    spacing: int
    floor: int
    ceiling: int


@dataclass(frozen=True)
class Seen:
    """What the writer read of the group, under its lock."""

    #: The positions of the named rows that are in the group.
    positions: Mapping[Pk, int | None]
    #: The row that the request's ``beside`` names, if the group has one.
    neighbour: Row | None = None
    #: The rows nearest to the place, at or under its low side and at or over its high side
    #: (nearest first), and how many of each a :class:`ReadWindow` asked for.
    below: tuple[tuple[Pk, int], ...] = ()
    above: tuple[tuple[Pk, int], ...] = ()
    window: int = 0
    #: How many rows the group holds, once a :class:`CountRows` asked.
    size: int | None = None
    #: Whether a row that the request does not name holds a named row's position, or
    #: NULL where the request's place is (past the last row, for ``to="last"``).
    shared: bool = False

    def with_window(
        self, need: ReadWindow, below: Sequence[tuple[Pk, int]], above: Sequence[tuple[Pk, int]]
    ) -> Seen:
        """This, with the window that ``need`` asked for."""
        return replace(self, below=tuple(below), above=tuple(above), window=need.rows)

    def with_size(self, size: int) -> Seen:
        return replace(self, size=size)


@dataclass(frozen=True)
class Renumber:
    """The rows read hold NULL or duplicate positions, or share one with a row not named:
    renumber the group, then read again."""


@dataclass(frozen=True)
class ReadWindow:
    """Read ``rows`` rows at or under ``low`` and at or over ``high`` (none on a side that
    is ``None``), without the row ``skip``, into ``Seen.below`` and ``Seen.above``."""

    rows: int
    low: int | None
    high: int | None
    skip: Pk


@dataclass(frozen=True)
class CountRows:
    """Count the group's rows into ``Seen.size``."""


Need = Renumber | ReadWindow | CountRows


def plan(request: Request, seen: Seen, bounds: Bounds) -> Plan | Need | None:
    """What to write for ``request``, given ``seen``; see the module's docstring."""
    if len(seen.positions) != len(request.named):
        # A named row left the group (or the table) between the caller's look and the lock.
        raise Conflict()
    found = list(seen.positions.values())
    if None in found or len(set(found)) != len(found) or seen.shared:
        return Renumber()
    if seen.neighbour is not None and seen.neighbour[1] in found:
        # A row shares a named row's position: which side of it is it on?
        return Renumber()
    now: dict[Pk, int] = {
        pk: position for pk, position in seen.positions.items() if position is not None
    }
    if isinstance(request, Order):
        return positions.permute(now, request.pks)
    return _place(request, now, seen, bounds)


def _place(move: Move, now: dict[Pk, int], seen: Seen, bounds: Bounds) -> Plan | Need | None:
    anchor: Row | None = None if move.anchor is None else (move.anchor, now[move.anchor])
    if move.to == "first" or move.before is not None:
        low, high = (seen.neighbour, anchor) if anchor is not None else (None, seen.neighbour)
    else:
        low, high = (anchor, seen.neighbour) if anchor is not None else (seen.neighbour, None)
    position = now[move.pk]
    if bounds.spacing == 1:
        return positions.shift_between(move.pk, position, low, high)
    low_at = None if low is None else low[1]
    high_at = None if high is None else high[1]
    if (low_at is None or low_at < position) and (high_at is None or position < high_at):
        return None
    slot = positions.slot_between(low_at, high_at, bounds.spacing, bounds.floor, bounds.ceiling)
    if slot is not None:
        return Assign({move.pk: slot})
    return _rebalance(move.pk, low_at, high_at, seen, bounds)


def _rebalance(
    pk: Pk, low: int | None, high: int | None, seen: Seen, bounds: Bounds
) -> Plan | Need:
    """Respace the smallest window around the place that leaves room, reading four times as
    many rows at each try; past ``WINDOW`` rows a side, the whole group."""
    if seen.window:
        window = positions.spread_window(
            pk,
            seen.below,
            seen.above,
            reached_start=len(seen.below) < seen.window,
            reached_end=len(seen.above) < seen.window,
            spacing=bounds.spacing,
            floor=bounds.floor,
            ceiling=bounds.ceiling,
        )
        if window is not None:
            return window
    wider = seen.window * 4 if seen.window else FIRST_WINDOW
    if wider <= WINDOW:
        return ReadWindow(wider, low, high, pk)
    if seen.size is None:
        return CountRows()
    start, step = positions.whole_group_step(
        seen.size, bounds.spacing, bounds.floor, bounds.ceiling
    )
    key = 2 * low + 1 if low is not None else 2 * high - 1  # type: ignore[operator]
    return Spread(pk=pk, key=key, start=start, step=step)


# A row that changes groups: it enters the target group after its last row, and the group
# that it leaves closes the gap (dense kits); then it moves within the target group.


def entry(last: int | None, bounds: Bounds) -> int | None:
    """Where a row coming from another group enters, after the group's highest position
    ``last``: ``None`` when the column has no room over it (renumber the group first)."""
    if last is None:
        return 0
    return positions.slot_between(last, None, bounds.spacing, bounds.floor, bounds.ceiling)


def departure(pk: Pk, position: int, bounds: Bounds) -> Shift | None:
    """What the group that the row ``pk`` left at ``position`` writes: under a dense kit the
    rows over it move down by one, under a sparse kit nothing."""
    if bounds.spacing != 1:
        return None
    return Shift(pk=pk, target=position, low=position + 1, high=bounds.ceiling, delta=-1)
