"""Checking and repairing a group's positions: at a group's first write, and for the
``orderkit_renumber`` command."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import router

from orderkit.kit import Group, Kit
from orderkit.operations import positions
from orderkit.operations.grouplock import holding_group, mark_checked
from orderkit.operations.groups import holds_legacy, lock_group, renumber_by_spacing, rows_of
from orderkit.operations.transactions import run_atomic


def check_group(kit: Kit, group: Group, using: str) -> bool:
    """At the group's first write (its lock held), ask the database whether the group holds
    NULL or duplicate positions, and renumber it if it does; return whether that renumbered
    anything. Nothing of the group comes into Python, whatever its size."""
    legacy = holds_legacy(kit, group, using)
    renumbered = legacy and renumber_by_spacing(kit, group, using) > 0
    mark_checked(kit, group, using)
    return renumbered


@dataclass(frozen=True)
class Repair:
    #: What was wrong (``"2 duplicates"``, ``"1 NULL"``, ``"gaps"``); empty when clean.
    problems: list[str]
    #: How many rows were rewritten.
    rewritten: int


def groups_of(kit: Kit) -> list[Group]:
    """Every group of ``kit`` that holds a row, in the order of its column values."""
    names = kit.group_attnames()
    if not names:
        return [{}]
    values = rows_of(kit, {}, router.db_for_write(kit.model)).values_list(*names).distinct()
    return [dict(zip(names, row, strict=True)) for row in values.order_by(*names)]


def repair_group(kit: Kit, group: Group, *, write: bool = True) -> Repair:
    """Lock the group and look for duplicates, NULLs, and gaps under a dense kit; with
    ``write``, renumber it from 0 by the kit's spacing, in the order its users see (the
    model's ordering may show it descending), and mark it checked."""
    using = router.db_for_write(kit.model)

    def repair() -> Repair:
        with holding_group(kit, group, using):
            problems = positions.faults(lock_group(kit, group, using), dense=kit.spacing == 1)
            if not write:
                return Repair(problems, 0)
            rewritten = 0
            if problems:
                descending = kit.shown_descending()
                rewritten = renumber_by_spacing(kit, group, using, descending=descending)
            # Clean now: orderkit's writes may skip reading the whole group.
            mark_checked(kit, group, using)
            return Repair(problems, rewritten)

    return run_atomic(kit.model, repair, writes_first=True)
