"""Check and repair the positions of registered models, one group at a time."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import router, transaction

from orderkit.operations import positions
from orderkit.operations.grouplock import holding_group, mark_checked
from orderkit.operations.groups import Group, lock_group, renumber
from orderkit.registry import Kit, registry


def is_descending(kit: Kit) -> bool:
    """Whether the model's ``Meta.ordering`` shows the order field from high to low."""
    for entry in kit.model._meta.ordering or ():
        if isinstance(entry, str) and entry.lstrip("-") == kit.order_field:
            return entry.startswith("-")
    return False


def faults(rows: Sequence[positions.Row], *, dense: bool = True) -> list[str]:
    """What is wrong with a group: duplicates, NULLs, and gaps when it should be ``dense``
    (empty when it is clean)."""
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


class Command(BaseCommand):
    help = (
        "Check and repair the positions of models registered with orderkit. Each group is "
        "locked and renumbered from 0, by the kit's spacing, in its own transaction, keeping "
        "the order users see: by (position, pk) with NULLs last, or, when Meta.ordering puts "
        "the order field "
        "descending, by position from high to low (ties by pk, NULLs last) and numbered from "
        "high to low. With --check nothing is written and the exit status is 1 when a group "
        "holds duplicates, NULLs, or gaps under a dense kit."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "label", nargs="?", help="app_label.model to limit the run to (default: all)"
        )
        parser.add_argument(
            "--check", action="store_true", help="report faulty groups, write nothing"
        )

    def handle(self, *args: Any, label: str | None, check: bool, **options: Any) -> None:
        verbosity: int = options["verbosity"]
        faulty = rewritten = groups = 0
        for kit in self._kits(label):
            for group in self._groups(kit):
                groups += 1
                problems, count = self._one_group(kit, group, check)
                if problems:
                    faulty += 1
                    rewritten += count
                    where = " ".join(f"{name}={value}" for name, value in group.items())
                    action = "" if check else f" (renumbered, {count} rows rewritten)"
                    self.stdout.write(
                        f"{kit.label} {where or '(one group)'}: {', '.join(problems)}{action}"
                    )
        verb = "faulty" if check else "repaired"
        if verbosity or faulty:
            self.stdout.write(
                f"{groups} groups checked, {faulty} {verb}, {rewritten} rows rewritten."
            )
        if check and faulty:
            raise SystemExit(1)

    def _kits(self, label: str | None) -> list[Kit]:
        ordered = [kit for kit in registry.kits() if kit.order_field is not None]
        if label is None:
            return ordered
        for kit in ordered:
            if kit.label == label.lower():
                return [kit]
        known = ", ".join(sorted(kit.label for kit in ordered)) or "none"
        raise CommandError(
            f"{label!r} is not a model registered with orderkit with an order_field. "
            f"Registered: {known}."
        )

    def _groups(self, kit: Kit) -> list[Group]:
        names = kit.group_attnames()
        if not names:
            return [{}]
        using = router.db_for_write(kit.model)
        values = kit.model._base_manager.using(using).values_list(*names).distinct()
        return [dict(zip(names, row, strict=True)) for row in values.order_by(*names)]

    def _one_group(self, kit: Kit, group: Group, check: bool) -> tuple[list[str], int]:
        using = router.db_for_write(kit.model)
        with transaction.atomic(using=using), holding_group(kit, group, using):
            rows = lock_group(kit, group, using)
            problems = faults(rows, dense=kit.spacing == 1)
            if problems and check:
                return problems, 0
            count = 0
            if problems:
                count = renumber(
                    kit, group, using, descending=is_descending(kit), step=kit.spacing
                )
            # Clean now: orderkit's writes may skip reading the whole group.
            mark_checked(kit, group, using)
            return problems, count
