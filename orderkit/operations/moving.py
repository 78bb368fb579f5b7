"""Reordering: move a row next to another or to an end, move a block of rows next to one, or
reorder a listed set. The planner decides what to write; this module reads and writes.

Every write follows the same sequence, in one transaction: take the group's lock; at the
group's first write, check it whole; then, for each request, read the named rows, ask the
planner, read or renumber what it needs, write its plan; then log and signal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from django.db import router
from django.db.models import Model

from orderkit import signals
from orderkit.kit import Kit
from orderkit.operations import planner, positions
from orderkit.operations.audit import log_change, send_on_commit
from orderkit.operations.grouplock import holding_group
from orderkit.operations.planner import Beside, Bounds, End, Move, Order, ReadWindow, Request, Seen
from orderkit.operations.positions import Pk, Plan
from orderkit.operations.repairing import check_group
from orderkit.operations.statements import GroupRows
from orderkit.operations.transactions import run_atomic

if TYPE_CHECKING:
    from django.http import HttpRequest

    from orderkit.operations.audit import User


@dataclass(frozen=True)
class ReorderResult:
    changed: bool
    #: The new position of every row that the request named, by pk.
    positions: dict[Pk, int]


def move(
    kit: Kit,
    obj: Model,
    *,
    before: Model | None = None,
    after: Model | None = None,
    to: End | None = None,
    user: User | None = None,
    request: HttpRequest | None = None,
) -> ReorderResult:
    """Move ``obj`` right before ``before``, right after ``after``, or to an end of its group.

    The neighbour is looked up where it is when the group is locked, not where it was when
    the caller looked. Give exactly one of ``before``, ``after`` and ``to``.
    """
    given = [value for value in (before, after, to) if value is not None]
    if len(given) != 1:
        raise TypeError("move() takes exactly one of before, after and to.")
    if to is not None and to not in ("first", "last"):
        raise ValueError(f'move() takes to="first" or to="last", not {to!r}.')
    anchor = before or after
    if anchor is not None and anchor.pk == obj.pk:
        raise ValueError("A row cannot be moved next to itself.")
    wanted = Move(
        obj.pk,
        before=None if before is None else before.pk,
        after=None if after is None else after.pk,
        to=to,
    )
    named = [obj] if anchor is None else [obj, anchor]
    return _write(kit, named, [wanted], user, request, Moved([obj], before, after, to))


def move_block(
    kit: Kit,
    objs: Sequence[Model],
    *,
    before: Model | None = None,
    after: Model | None = None,
    user: User | None = None,
    request: HttpRequest | None = None,
) -> ReorderResult:
    """Move ``objs``, in this order, as one block right before ``before`` or right after
    ``after``, in one transaction. The anchor, if it is among ``objs``, stays where it is and
    the others gather around it.

    It costs a constant number of statements per row of the block, whatever the group's size.
    """
    if (before is None) == (after is None):
        raise TypeError("move_block() takes exactly one of before and after.")
    anchor = before or after
    assert anchor is not None
    movers = [obj for obj in objs if obj.pk != anchor.pk]
    if not movers:
        raise ValueError("move_block() needs a row other than the anchor.")
    if len({obj.pk for obj in movers}) != len(movers):
        raise ValueError("move_block() names a row more than once.")
    if before is not None:
        wanted = [Move(obj.pk, before=anchor.pk) for obj in movers]
    else:
        # Each one right after the anchor, the last first: they end in the listed order.
        wanted = [Move(obj.pk, after=anchor.pk) for obj in reversed(movers)]
    moved = Moved(movers, before, after, None)
    return _write(kit, [*movers, anchor], wanted, user, request, moved)


def reorder(
    kit: Kit,
    objs: Sequence[Model],
    *,
    user: User | None = None,
    request: HttpRequest | None = None,
) -> ReorderResult:
    """Give ``objs``, in this order, the positions that they hold now. Others do not move."""
    if not objs:
        raise ValueError("reorder() needs at least one row.")
    listed = tuple(obj.pk for obj in objs)
    if len(set(listed)) != len(listed):
        raise ValueError("reorder() names a row more than once.")
    return _write(kit, list(objs), [Order(listed)], user, request)


@dataclass(frozen=True)
class Moved:
    """The rows that a move or block move names as moved (not its anchor), and where to:
    what their History entries say ("Moved before “Clover 3”.")."""

    rows: Sequence[Model]
    before: Model | None
    after: Model | None
    to: End | None

    def note(self) -> dict[str, str]:
        """The ``moved`` part of the entries' structured change message."""
        if self.before is not None:
            return {"before": str(self.before)}
        if self.after is not None:
            return {"after": str(self.after)}
        assert self.to is not None
        return {"to": self.to}


def _write(
    kit: Kit,
    named: Sequence[Model],
    requests: Sequence[Request],
    user: User | None,
    request: HttpRequest | None,
    moves: Moved | None = None,
) -> ReorderResult:
    """Carry out ``requests`` on the group of the ``named`` rows, then log and signal.

    The History has an entry for each row named as moved (``moves``), or, for an order,
    each named row, whose position changed."""
    field = kit.position_name
    group = kit.group_of(named[0])
    if any(kit.group_of(obj) != group for obj in named):
        raise ValueError("The rows are in different groups.")
    using = router.db_for_write(kit.model)

    def write() -> ReorderResult:
        with holding_group(kit, group, using) as checked:
            renumbered = not checked and check_group(kit, group, using)
            rows = GroupRows(kit, group, using)
            bounds = Bounds(kit.spacing, rows.floor, rows.ceiling)
            carried = carry_out(rows, bounds, requests)
        before, after = carried.before, carried.after
        moved = [
            obj for obj in named if obj.pk in carried.wrote or before[obj.pk] != after[obj.pk]
        ]
        for obj in moved:
            setattr(obj, field, after[obj.pk])
        label = [kit.verbose_name(field)]
        if moves is None:
            log_change(user, moved, label)
        else:
            logged = [obj for obj in moves.rows if obj in moved]
            log_change(user, logged, label, {"moved": moves.note()})
        changed = renumbered or carried.renumbered or bool(carried.wrote)
        result = {obj.pk: after[obj.pk] for obj in named}
        if changed:
            send_on_commit(signals.reordered, kit.model, using, request, user, positions=result)
        return ReorderResult(changed=changed, positions=result)

    # The group lock's upsert is the transaction's first statement, a write.
    return run_atomic(kit.model, write, writes_first=True)


class Rows(Protocol):
    """One locked group's reads and writes, as :class:`~orderkit.operations.statements.GroupRows`
    carries them out in SQL."""

    def read(self, pks: Sequence[Pk], beside: Beside | None = None) -> Seen: ...

    def window(self, need: ReadWindow) -> tuple[list[tuple[Pk, int]], list[tuple[Pk, int]]]: ...

    def count(self) -> int: ...

    def write(self, plan: Plan) -> None: ...

    def renumber(self) -> int: ...


@dataclass
class Carried:
    """What the requests did: the named rows' positions before and after, the rows that the
    requests moved, and whether a legacy group was renumbered on the way."""

    before: dict[Pk, int]
    after: dict[Pk, int]
    wrote: set[Pk]
    renumbered: bool


def carry_out(rows: Rows, bounds: Bounds, requests: Sequence[Request]) -> Carried:
    """Plan and write each request in turn, reading what the planner needs."""
    carried = Carried(before={}, after={}, wrote=set(), renumbered=False)
    for wanted in requests:
        seen = rows.read(wanted.named, wanted.beside)
        step = planner.plan(wanted, seen, bounds)
        renumbered_here = False
        while isinstance(step, planner.Need):
            if isinstance(step, planner.Renumber):
                # Out-of-band writes since the group was checked: renumber, then read again.
                assert not renumbered_here, "a renumbered group holds no duplicates"
                renumbered_here = True
                carried.renumbered = rows.renumber() > 0 or carried.renumbered
                seen = rows.read(wanted.named, wanted.beside)
            elif isinstance(step, planner.ReadWindow):
                seen = seen.with_window(step, *rows.window(step))
            else:
                seen = seen.with_size(rows.count())
            step = planner.plan(wanted, seen, bounds)
        now = {pk: position for pk, position in seen.positions.items() if position is not None}
        carried.before = {**now, **carried.before}
        if step is not None:
            rows.write(step)
            # A move's row changed places even where a respaced window left it its number.
            carried.wrote.update(step.positions if isinstance(step, positions.Assign) else ())
            if isinstance(wanted, Move):
                carried.wrote.add(wanted.pk)
        carried.after = positions.outcome(step, now) or {}
    if len(requests) > 1 or not carried.after:
        # A block's earlier rows may have shifted since; a spread is only known by reading.
        found = rows.read(list(carried.before)).positions
        carried.after = {pk: position for pk, position in found.items() if position is not None}
    return carried
