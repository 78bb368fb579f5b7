"""Reordering: move a row next to another or to an end, move a block of rows next to one, or
reorder a listed set. The planner decides what to write; this module reads and writes.

Every write follows the same sequence, in one transaction: take the group's lock; at the
group's first write, check it whole; then, for each request, read the named rows, ask the
planner, read or renumber what it needs, write its plan; then log and signal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import router
from django.db.models import Model

from orderkit import signals
from orderkit.exceptions import Conflict
from orderkit.kit import Group, Kit
from orderkit.operations.audit import log_change, send_on_commit
from orderkit.operations.carrying import ReorderResult, carry_out
from orderkit.operations.grouplock import holding_group
from orderkit.operations.planner import Bounds, End, Move, Order, Request
from orderkit.operations.regrouping import refresh_group, regroup
from orderkit.operations.repairing import check_group
from orderkit.operations.statements import GroupRows
from orderkit.operations.transactions import run_atomic

if TYPE_CHECKING:
    from django.http import HttpRequest

    from orderkit.operations.audit import User


def move(
    kit: Kit,
    obj: Model,
    *,
    before: Model | None = None,
    after: Model | None = None,
    to: End | None = None,
    group: Group | None = None,
    user: User | None = None,
    request: HttpRequest | None = None,
) -> ReorderResult:
    """Move ``obj`` right before ``before``, right after ``after``, or to an end of its group
    (of ``group``, with ``to``).

    The neighbour is looked up where it is when the group is locked, not where it was when
    the caller looked. Give exactly one of ``before``, ``after`` and ``to``. Under a kit's
    ``move_between_groups``, a neighbour in another group, or a ``group`` (a column filter
    such as ``{"stable_id": 3}``) other than the row's, moves the row into that group.
    """
    given = [value for value in (before, after, to) if value is not None]
    if len(given) != 1:
        raise TypeError("move() takes exactly one of before, after and to.")
    if to is not None and to not in ("first", "last"):
        raise ValueError(f'move() takes to="first" or to="last", not {to!r}.')
    if group is not None and to is None:
        raise TypeError("move() takes group only with to.")
    if group is not None and set(group) != set(kit.group_attnames()):
        raise ValueError(f"move() takes a group of {', '.join(kit.group_attnames())}.")
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
    moved = Moved([obj], before, after, to)
    try:
        return _move_to(kit, named, wanted, group, user, request, moved)
    except Conflict as conflict:
        # A row not in its group under the lock: under move_between_groups, another request
        # may have moved it into another group since the caller read it, and it moves from
        # there (one more try). A retryable conflict belongs to the caller's transaction.
        if conflict.retryable or not kit.move_between_groups or not refresh_group(kit, obj):
            raise
    return _move_to(kit, named, wanted, group, user, request, moved)


def _move_to(
    kit: Kit,
    named: Sequence[Model],
    wanted: Move,
    group: Group | None,
    user: User | None,
    request: HttpRequest | None,
    moved: Moved,
) -> ReorderResult:
    """Carry out ``wanted``, in the group of its neighbour (or ``group``) when that is
    another one than the row's."""
    obj = named[0]
    anchor = named[1] if len(named) > 1 else None
    target = kit.group_of(anchor) if anchor is not None else group
    if target is not None and target != kit.group_of(obj):
        if not kit.move_between_groups:
            raise ValueError("The rows are in different groups.")
        return regroup(kit, [obj], anchor, [wanted], target, user, request)
    return _write(kit, named, [wanted], user, request, moved)


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
    the others gather around it. Under a kit's ``move_between_groups``, rows of one group
    move into the anchor's group when it is another one.

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
    source, target = kit.group_of(movers[0]), kit.group_of(anchor)
    if target != source and kit.move_between_groups:
        if any(kit.group_of(obj) != source for obj in movers):
            raise ValueError("The rows are in different groups.")
        return regroup(kit, movers, anchor, wanted, target, user, request)
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
        shifted = {pk for pk, position in before.items() if after.get(pk) != position}
        # Dense rows whose named rows are back on their numbers are all where they were
        # (moves never reorder the rows that they pass), as after a block written again in
        # place; a sparse row may have changed places and kept its number.
        wrote = shifted if kit.spacing == 1 else carried.wrote | shifted
        moved = [obj for obj in named if obj.pk in wrote]
        for obj in moved:
            setattr(obj, field, after[obj.pk])
        label = [kit.verbose_name(field)]
        if moves is None:
            log_change(user, moved, label)
        else:
            logged = [obj for obj in moves.rows if obj in moved]
            log_change(user, logged, label, {"moved": moves.note()})
        changed = renumbered or carried.renumbered or bool(wrote)
        result = {obj.pk: after[obj.pk] for obj in named}
        if changed:
            send_on_commit(signals.reordered, kit.model, using, request, user, positions=result)
        return ReorderResult(changed=changed, positions=result)

    # The group lock's upsert is the transaction's first statement, a write.
    return run_atomic(kit.model, write, writes_first=True)
