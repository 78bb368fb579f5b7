"""Reordering: move one row next to another or to an end, or reorder a listed set of rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from django.db import router
from django.db.models import Model

from orderkit import signals
from orderkit.exceptions import Conflict
from orderkit.operations import positions
from orderkit.operations.audit import log_change, send_on_commit
from orderkit.operations.groups import (
    group_of,
    lock_group,
    order_field_name,
    read_group,
    renumber,
    write_plan,
)
from orderkit.operations.positions import Pk, Plan, Row
from orderkit.operations.transactions import run_atomic
from orderkit.registry import Kit

if TYPE_CHECKING:
    from django.http import HttpRequest

    from orderkit.operations.audit import User

End = Literal["first", "last"]


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

    def plan(rows: Sequence[Row]) -> tuple[dict[Pk, int], Plan | None]:
        others = [pk for pk, _ in positions.in_order(rows) if pk != obj.pk]
        if to == "first":
            index = 0
        elif to == "last":
            index = len(others)
        else:
            assert anchor is not None
            index = others.index(anchor.pk) + (1 if after is not None else 0)
        return positions.move(rows, obj.pk, index)

    named = [obj] if anchor is None else [obj, anchor]
    return _reorder(kit, named, plan, user, request)


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
    listed = [obj.pk for obj in objs]
    if len(set(listed)) != len(listed):
        raise ValueError("reorder() names a row more than once.")
    return _reorder(kit, list(objs), lambda rows: positions.reorder(rows, listed), user, request)


def _reorder(
    kit: Kit,
    named: Sequence[Model],
    plan_for: Callable[[Sequence[Row]], tuple[dict[Pk, int], Plan | None]],
    user: User | None,
    request: HttpRequest | None,
) -> ReorderResult:
    field = order_field_name(kit)
    group = group_of(kit, named[0])
    if any(group_of(kit, obj) != group for obj in named):
        raise ValueError("The rows are in different groups.")
    using = router.db_for_write(kit.model)

    def write() -> ReorderResult:
        rows = lock_group(kit, group, using)
        before = dict(rows)
        if any(obj.pk not in before for obj in named):
            # A named row left the group (or the table) between the caller's look and the lock.
            raise Conflict()
        renumbered = positions.is_legacy(rows) and renumber(kit, group, using) > 0
        if renumbered:
            rows = read_group(kit, group, using)
        changes, plan = plan_for(rows)
        if plan is not None:
            write_plan(kit, group, plan, using)
        final = {**dict(rows), **changes}
        result = {obj.pk: final[obj.pk] for obj in named}
        moved = [obj for obj in named if before[obj.pk] != final[obj.pk]]
        for obj in moved:
            setattr(obj, field, final[obj.pk])
        log_change(user, moved, [kit.verbose_name(field)])
        changed = renumbered or bool(changes)
        if changed:
            send_on_commit(signals.reordered, kit.model, using, request, user, positions=result)
        return ReorderResult(changed=changed, positions=result)  # type: ignore[arg-type]

    return run_atomic(kit.model, write)
