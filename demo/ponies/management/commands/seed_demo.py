"""Fill the demo database; running it again adds only what is missing."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Max

from ponies.models import Pony, PonyTag, Stable, Tag

TAG_NAMES = ["brave", "fast", "gentle", "muddy", "sleepy", "spotted"]
PONY_NAMES = [
    "Applejack",
    "Blossom",
    "Clover",
    "Dusty",
    "Ember",
    "Fable",
    "Ginger",
    "Hazel",
    "Indigo",
    "Juniper",
    "Kestrel",
    "Lark",
    "Maple",
    "Nutmeg",
    "Olive",
    "Pepper",
]
BATCH = 5000


class Command(BaseCommand):
    help = "Create demo stables, ponies and tags, and a local-only superuser admin/admin."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--stables", type=int, default=3, help="stables to have (default 3)")
        parser.add_argument(
            "--ponies", type=int, default=10, help="ponies to have in each stable (default 10)"
        )

    def handle(self, *args: Any, stables: int, ponies: int, **options: Any) -> None:
        if stables < 1 or ponies < 0:
            raise CommandError("--stables must be at least 1 and --ponies at least 0.")
        with transaction.atomic():
            tags = [Tag.objects.get_or_create(name=name)[0] for name in TAG_NAMES]
            created = 0
            for number in range(1, stables + 1):
                stable, _ = Stable.objects.get_or_create(name=f"Stable {number}")
                created += self._fill(stable, ponies)
            self._tag(tags)
        self.stdout.write(
            f"Seeded {stables} stables of {ponies} ponies ({created} new ponies), "
            f"{len(tags)} tags."
        )
        self._superuser()

    def _fill(self, stable: Stable, wanted: int) -> int:
        have = stable.ponies.count()
        top = stable.ponies.aggregate(top=Max("position"))["top"]
        start = 0 if top is None else top + 1
        missing = max(0, wanted - have)
        # Numbered across the stables, so that a pony moved to another stable on the board
        # keeps a name that is unique there (names are unique per stable).
        seen = Pony.objects.count()
        new = [
            Pony(
                name=f"{PONY_NAMES[(seen + i) % len(PONY_NAMES)]} {seen + i + 1}",
                stable=stable,
                position=start + i,
                is_active=(have + i) % 4 != 3,
            )
            for i in range(missing)
        ]
        Pony.objects.bulk_create(new, batch_size=BATCH)
        return missing

    def _tag(self, tags: list[Tag]) -> None:
        links = []
        for stable in Stable.objects.all():
            first = stable.ponies.order_by("position", "pk").values_list("pk", flat=True)[:10]
            for index, pony_id in enumerate(first):
                if PonyTag.objects.filter(pony_id=pony_id).exists():
                    continue
                for position, tag in enumerate(
                    (tags[index % len(tags)], tags[(index + 2) % len(tags)])
                ):
                    links.append(PonyTag(pony_id=pony_id, tag_id=tag.pk, position=position))
        PonyTag.objects.bulk_create(links)

    def _superuser(self) -> None:
        users = get_user_model()._default_manager
        if users.filter(username="admin").exists():
            self.stdout.write("The superuser admin already exists.")
            return
        users.create_superuser("admin", "admin@example.invalid", "admin")
        self.stdout.write(
            "Created the superuser admin with the password admin. It is for this local demo "
            "only: never load this data anywhere reachable."
        )
