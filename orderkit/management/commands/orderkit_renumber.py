"""Check and repair the positions of registered models, one group at a time."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from orderkit import operations
from orderkit.exceptions import NotRegistered
from orderkit.kit import Kit
from orderkit.registry import registry


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
            for group in operations.groups_of(kit):
                groups += 1
                repair = operations.repair_group(kit, group, write=not check)
                if repair.problems:
                    faulty += 1
                    rewritten += repair.rewritten
                    where = " ".join(f"{name}={value}" for name, value in group.items())
                    action = "" if check else f" (renumbered, {repair.rewritten} rows rewritten)"
                    self.stdout.write(
                        f"{kit.label} {where or '(one group)'}: "
                        f"{', '.join(repair.problems)}{action}"
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
        try:
            return [registry.get(label.lower(), "reorder")]
        except NotRegistered:
            known = ", ".join(sorted(kit.label for kit in ordered)) or "none"
            raise CommandError(
                f"{label!r} is not a model registered with orderkit with an order_field. "
                f"Registered: {known}."
            ) from None
