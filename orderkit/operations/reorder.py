"""Reordering: move one row next to another or to an end, or reorder a listed set of rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from django.db import router
from django.db.models import Model

from orderkit import signals
from orderkit.exceptions import Conflict
from orderkit.operations import positions
from orderkit.operations.audit import log_change, send_on_commit
from orderkit.operations.grouplock import lock_group_row, mark_checked
from orderkit.operations.groups import (
    Group,
    group_of,
    lock_group,
    nearest,
    order_field_name,
    position_range,
    read_named,
    renumber,
    rows_of,
    write_plan,
)
from orderkit.operations.positions import Pk, Plan, Row
from orderkit.operations.transactions import bounded_waits, run_atomic
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


class _Legacy(Exception):
    """The rows that a move reads hold NULL or duplicate positions: renumber first."""


class _Group:
    """One locked group, as a move sees it: its neighbours, and how to place a row."""

    def __init__(self, kit: Kit, group: Group, using: str) -> None:
        self.kit = kit
        self.group = group
        self.using = using
        self.floor, self.ceiling = position_range(kit, using)
        self.dense = kit.spacing == 1

    def nearest(self, **where: Any) -> list[tuple[Pk, int]]:
        return nearest(self.kit, self.group, self.using, **where)

    def neighbour(
        self, moved: Pk, pk: Pk, position: int, *, side: Literal["below", "above"]
    ) -> Row | None:
        """The row right under (or over) the row ``pk`` at ``position``, other than the
        ``moved`` one; a row sharing ``position`` makes the group legacy."""
        found = self.nearest(**{side: position}, exclude=[moved, pk])
        if found and found[0][1] == position:
            raise _Legacy()
        return found[0] if found else None

    def end(self, moved: Pk, *, first: bool) -> Row | None:
        """The first (or last) row of the group, other than the ``moved`` one."""
        where = {"above": self.floor} if first else {"below": self.ceiling}
        found = self.nearest(**where, exclude=[moved])
        return found[0] if found else None

    def place(self, pk: Pk, position: int, low: Row | None, high: Row | None) -> Plan | None:
        """The plan that puts the row ``pk`` (now at ``position``) between ``low`` and
        ``high``; ``None`` when it is there already."""
        if self.dense:
            return positions.shift_between(pk, position, low, high)
        low_at = None if low is None else low[1]
        high_at = None if high is None else high[1]
        if (low_at is None or low_at < position) and (high_at is None or position < high_at):
            return None
        slot = positions.slot_between(low_at, high_at, self.kit.spacing, self.floor, self.ceiling)
        if slot is not None:
            return positions.Assign({pk: slot})
        return self.rebalance(pk, low_at, high_at)

    def rebalance(self, pk: Pk, low: int | None, high: int | None) -> Plan:
        """Respace the smallest window around the place that leaves room, growing it four
        times at each step; past ``WINDOW`` rows a side, the whole group."""
        count = 8
        while count <= WINDOW:
            below = [] if low is None else self.nearest(below=low, exclude=[pk], count=count)
            above = [] if high is None else self.nearest(above=high, exclude=[pk], count=count)
            plan = positions.spread_window(
                pk,
                below,
                above,
                reached_start=len(below) < count,
                reached_end=len(above) < count,
                spacing=self.kit.spacing,
                floor=self.floor,
                ceiling=self.ceiling,
            )
            if plan is not None:
                return plan
            count *= 4
        rows = rows_of(self.kit, self.group, self.using).count()
        start, step = positions.whole_group_step(rows, self.kit.spacing, self.floor, self.ceiling)
        assert low is not None or high is not None  # a row is moved next to another
        key = 2 * low + 1 if low is not None else 2 * high - 1  # type: ignore[operator]
        return positions.Spread(pk=pk, key=key, start=start, step=step)


#: The most rows on each side of a place that a sparse move respaces before it respaces the
#: whole group.
WINDOW = 512


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

    def plan(group: _Group, now: dict[Pk, int]) -> Plan | None:
        low: Row | None
        high: Row | None
        if anchor is None:
            low = None if to == "first" else group.end(obj.pk, first=False)
            high = group.end(obj.pk, first=True) if to == "first" else None
        elif before is not None:
            high = (anchor.pk, now[anchor.pk])
            # A dense move up needs no lower neighbour: the row takes the anchor's place.
            up = group.dense and now[anchor.pk] < now[obj.pk]
            low = None if up else group.neighbour(obj.pk, anchor.pk, now[anchor.pk], side="below")
        else:
            low = (anchor.pk, now[anchor.pk])
            down = group.dense and now[anchor.pk] > now[obj.pk]
            high = (
                None if down else group.neighbour(obj.pk, anchor.pk, now[anchor.pk], side="above")
            )
        return group.place(obj.pk, now[obj.pk], low, high)

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

    def plan(group: _Group, now: dict[Pk, int]) -> Plan | None:
        return positions.reorder(list(now.items()), listed)[1]

    return _reorder(kit, list(objs), plan, user, request)


def _check(kit: Kit, group: Group, using: str) -> bool:
    """Take the group's lock. At the group's first write, read it whole and renumber it if
    it holds NULL or duplicate positions; return whether that renumbered anything."""
    if lock_group_row(kit, group, using):
        return False
    rows = lock_group(kit, group, using)
    renumbered = positions.is_legacy(rows) and renumber(kit, group, using, step=kit.spacing) > 0
    mark_checked(kit, group, using)
    return renumbered


def _moved(plan: Plan, now: dict[Pk, int]) -> dict[Pk, int] | None:
    """The named rows' positions after ``plan``, when the plan tells them."""
    if isinstance(plan, positions.Shift):
        return {
            pk: plan.target
            if pk == plan.pk
            else position + plan.delta
            if plan.low <= position <= plan.high
            else position
            for pk, position in now.items()
        }
    if isinstance(plan, positions.Assign):
        return {**now, **{pk: p for pk, p in plan.positions.items() if pk in now}}
    return None


def _reorder(
    kit: Kit,
    named: Sequence[Model],
    plan_for: Callable[[_Group, dict[Pk, int]], Plan | None],
    user: User | None,
    request: HttpRequest | None,
) -> ReorderResult:
    field = order_field_name(kit)
    group = group_of(kit, named[0])
    if any(group_of(kit, obj) != group for obj in named):
        raise ValueError("The rows are in different groups.")
    using = router.db_for_write(kit.model)
    pks = [obj.pk for obj in named]

    def read() -> dict[Pk, int]:
        now = read_named(kit, group, using, pks)
        if len(now) != len(pks):
            # A named row left the group (or the table) between the caller's look and the lock.
            raise Conflict()
        found = list(now.values())
        if None in found or len(set(found)) != len(found):
            raise _Legacy()
        return now  # type: ignore[return-value]

    def write() -> ReorderResult:
        with bounded_waits(using):
            renumbered = _check(kit, group, using)
            view = _Group(kit, group, using)
            try:
                before = read()
                plan = plan_for(view, before)
            except _Legacy:
                # Out-of-band writes since the check: renumber now, then plan again.
                renumbered = renumber(kit, group, using, step=kit.spacing) > 0 or renumbered
                before = read()
                plan = plan_for(view, before)
            final = before
            if plan is not None:
                write_plan(kit, group, plan, using)
                final = _moved(plan, before) or read()
        result = {obj.pk: final[obj.pk] for obj in named}
        moved = [obj for obj in named if before[obj.pk] != final[obj.pk]]
        for obj in moved:
            setattr(obj, field, final[obj.pk])
        log_change(user, moved, [kit.verbose_name(field)])
        changed = renumbered or bool(moved)
        if changed:
            send_on_commit(signals.reordered, kit.model, using, request, user, positions=result)
        return ReorderResult(changed=changed, positions=result)

    return run_atomic(kit.model, write)
