"""Moving rows into another group: both groups locked in one fixed order, the rows taken
into their new group and moved there, the group that they left closed up, in one
transaction.

The row enters the target group after its last row (:func:`planner.entry`), the group that
it left closes the gap (:func:`planner.departure`), and a plain :class:`Move` then puts it
in its place: a constant number of statements, whatever the groups' sizes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import router
from django.db.models import Model

from orderkit import signals
from orderkit.kit import Group, Kit
from orderkit.operations import planner
from orderkit.operations.audit import log_change, regroup_note, send_on_commit
from orderkit.operations.carrying import ReorderResult, carry_out
from orderkit.operations.grouplock import holding_groups
from orderkit.operations.planner import Bounds, Move, Order
from orderkit.operations.positions import Pk
from orderkit.operations.repairing import check_group
from orderkit.operations.statements import GroupRows
from orderkit.operations.transactions import run_atomic

if TYPE_CHECKING:
    from django.http import HttpRequest

    from orderkit.operations.audit import User


def refresh_group(kit: Kit, obj: Model) -> bool:
    """Set ``obj``'s group fields to those stored now (one SELECT); whether they changed: a
    row that another request moved into another group since the caller read it. The target
    is never refreshed: a neighbour that left the group that the caller was allowed into is
    a conflict."""
    names = kit.group_attnames()
    using = router.db_for_write(kit.model)
    stored = kit.model._base_manager.using(using).filter(pk=obj.pk).values_list(*names).first()
    if stored is None:
        return False
    before = kit.group_of(obj)
    for attname, value in zip(names, stored, strict=True):
        setattr(obj, attname, value)
    return kit.group_of(obj) != before


def regroup(
    kit: Kit,
    movers: Sequence[Model],
    anchor: Model | None,
    wanted: Sequence[Move],
    target: Group,
    user: User | None,
    request: HttpRequest | None,
) -> ReorderResult:
    """Carry out ``wanted`` for ``movers``, rows of one group that move into ``target``
    (where their neighbour ``anchor``, if any, is): each enters it after its last row and
    the group that it leaves closes up, then the moves put them in place; then log and
    signal."""
    source = kit.group_of(movers[0])
    using = router.db_for_write(kit.model)

    def write() -> ReorderResult:
        with holding_groups(kit, [source, target], using) as checked:
            for group, was_checked in zip((source, target), checked, strict=True):
                if not was_checked:
                    check_group(kit, group, using)
            leaving, coming = GroupRows(kit, source, using), GroupRows(kit, target, using)
            bounds = Bounds(kit.spacing, coming.floor, coming.ceiling)
            for obj in movers:
                _enter(leaving, coming, bounds, obj.pk)
            after = carry_out(coming, bounds, wanted).after
        field = kit.position_name
        named = [*movers, *([] if anchor is None else [anchor])]
        for obj in movers:
            for attname, value in target.items():
                setattr(obj, attname, value)
        for row in named:
            setattr(row, field, after[row.pk])
        labels = [*(kit.verbose_name(name) for name in kit.group_by), kit.verbose_name(field)]
        log_change(user, movers, labels, lambda: regroup_note(kit, source, target))
        result = {row.pk: after[row.pk] for row in named}
        send_on_commit(
            signals.reordered,
            kit.model,
            using,
            request,
            user,
            positions=result,
            from_group=source,
            to_group=target,
        )
        return ReorderResult(changed=True, positions=result)

    # The group locks' upserts are the transaction's first statements, writes.
    return run_atomic(kit.model, write, writes_first=True)


def _enter(leaving: GroupRows, coming: GroupRows, bounds: Bounds, pk: Pk) -> None:
    """Take the row ``pk`` from ``leaving`` into ``coming``, after its last row; under a
    dense kit the rows that it leaves behind close up."""
    # Where the row is now: read under the lock, a legacy group renumbered first.
    left = carry_out(leaving, bounds, [Order((pk,))]).after[pk]
    place = planner.entry(coming.last(), bounds)
    if place is None:
        coming.renumber()
        place = planner.entry(coming.last(), bounds)
    assert place is not None, "a renumbered group leaves room over its last row"
    coming.take(pk, place)
    gap = planner.departure(pk, left, bounds)
    if gap is not None:
        leaving.write(gap)
