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
from orderkit.operations.grouplock import holding_group, mark_checked
from orderkit.operations.groups import (
    Group,
    group_of,
    lock_group,
    order_field_name,
    renumber,
    rows_of,
)
from orderkit.operations.positions import Pk, Plan, Row
from orderkit.operations.statements import Beside, GroupRows
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


class _Legacy(Exception):
    """The rows that a move reads hold NULL or duplicate positions: renumber first."""


class _Group:
    """One locked group, as a move sees it: its neighbours, and how to place a row."""

    def __init__(self, kit: Kit, group: Group, using: str) -> None:
        self.kit = kit
        self.group = group
        self.using = using
        self.dense = kit.spacing == 1
        self.rows = GroupRows(kit, group, using)
        self.floor, self.ceiling = self.rows.floor, self.rows.ceiling

    def nearest(self, **where: Any) -> list[tuple[Pk, int]]:
        return self.rows.nearest(**where)

    def write(self, plan: Plan) -> None:
        """Write ``plan`` with one UPDATE, whatever the number of rows it moves."""
        if isinstance(plan, positions.Spread):
            renumber(
                self.kit,
                self.group,
                self.using,
                start=plan.start,
                step=plan.step,
                place=(plan.pk, plan.key),
            )
        elif isinstance(plan, positions.Assign):
            self.rows.assign(plan)
        else:
            self.rows.shift(plan)

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

    def plan(group: _Group, now: dict[Pk, int], beside: Row | None) -> Plan | None:
        low: Row | None
        high: Row | None
        if anchor is None:
            low, high = (None, beside) if to == "first" else (beside, None)
        elif before is not None:
            low, high = beside, (anchor.pk, now[anchor.pk])
        else:
            low, high = (anchor.pk, now[anchor.pk]), beside
        return group.place(obj.pk, now[obj.pk], low, high)

    if anchor is None:
        beside = Beside("above" if to == "first" else "below")
    else:
        beside = Beside("below" if before is not None else "above", of=anchor.pk)
    named = [obj] if anchor is None else [obj, anchor]
    return _reorder(kit, named, plan, user, request, beside)


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

    def plan(group: _Group, now: dict[Pk, int], beside: Row | None) -> Plan | None:
        return positions.reorder(list(now.items()), listed)[1]

    return _reorder(kit, list(objs), plan, user, request)


def _check(kit: Kit, group: Group, using: str, checked: bool) -> bool:
    """At the group's first write (the group lock held), read it whole and renumber it if it
    holds NULL or duplicate positions; return whether that renumbered anything."""
    if checked:
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
    plan_for: Callable[[_Group, dict[Pk, int], Row | None], Plan | None],
    user: User | None,
    request: HttpRequest | None,
    beside: Beside | None = None,
) -> ReorderResult:
    field = order_field_name(kit)
    group = group_of(kit, named[0])
    if any(group_of(kit, obj) != group for obj in named):
        raise ValueError("The rows are in different groups.")
    using = router.db_for_write(kit.model)
    pks = [obj.pk for obj in named]

    def read(view: _Group, beside: Beside | None = None) -> tuple[dict[Pk, int], Row | None]:
        now, neighbour = view.rows.read(pks, beside)
        if len(now) != len(pks):
            # A named row left the group (or the table) between the caller's look and the lock.
            raise Conflict()
        found = list(now.values())
        if None in found or len(set(found)) != len(found):
            raise _Legacy()
        anchor_at = None if beside is None or beside.of is None else now[beside.of]
        if neighbour is not None and neighbour[1] == anchor_at:
            # A row shares the anchor's position: which side of it is it on?
            raise _Legacy()
        return now, neighbour  # type: ignore[return-value]

    def planned(view: _Group) -> tuple[dict[Pk, int], Plan | None]:
        now, neighbour = read(view, beside)
        return now, plan_for(view, now, neighbour)

    def write() -> ReorderResult:
        with holding_group(kit, group, using) as checked:
            renumbered = _check(kit, group, using, checked)
            view = _Group(kit, group, using)
            try:
                before, plan = planned(view)
            except _Legacy:
                # Out-of-band writes since the check: renumber now, then plan again.
                renumbered = renumber(kit, group, using, step=kit.spacing) > 0 or renumbered
                before, plan = planned(view)
            final = before
            if plan is not None:
                view.write(plan)
                final = _moved(plan, before) or read(view)[0]
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
