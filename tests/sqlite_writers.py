"""Writers at once on a file-backed SQLite database with Django's default settings (a
DEFERRED transaction mode, a busy timeout of 5 s): ``python -m tests.sqlite_writers``.

Run in a process of its own by ``tests/test_concurrency.py`` (the tests' SQLite database is
in memory). Prints one JSON object: how many requests got each status, and whether every
group still holds unique positions.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

WRITERS = 4
REQUESTS_PER_WRITER = 40


def configure(path: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django
    from django.conf import settings

    settings.DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}}
    django.setup()


def main() -> int:
    with tempfile.TemporaryDirectory() as directory:
        configure(Path(directory) / "db.sqlite3")
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        sys.stdout.write(json.dumps(writers_at_once()) + "\n")
    return 0


def writers_at_once() -> dict[str, Any]:
    from django.test import Client

    from tests.helpers import link_url, make_user, reorder_url, run_writers, toggle_url
    from tests.testapp.models import Board, Card, Label

    editor = make_user("editor", "testapp.change_card")
    board = Board.objects.create(name="board")
    cards = [Card.objects.create(title=f"card {i}", board=board) for i in range(20)]
    label = Label.objects.create(name="red")
    login = Client()
    login.force_login(editor)
    session = login.cookies["sessionid"].value

    def request(generator: random.Random) -> tuple[str, dict[str, Any]]:
        card, other = generator.sample(cards, 2)
        kind = generator.choice(["before", "to", "order", "toggle", "attach", "detach"])
        if kind == "before":
            return reorder_url(), {"pk": card.pk, "before": other.pk}
        if kind == "to":
            return reorder_url(), {"pk": card.pk, "to": generator.choice(["first", "last"])}
        if kind == "order":
            return reorder_url(), {"order": [card.pk, other.pk]}
        if kind == "toggle":
            return toggle_url(card), {}
        return link_url(kind, card), {"pk": label.pk}

    outcomes = run_writers(session, WRITERS, REQUESTS_PER_WRITER, request)
    statuses = Counter(status for status, _, _ in outcomes)
    found = list(Card.objects.filter(board=board).values_list("position", flat=True))
    return {
        "statuses": {str(status): count for status, count in sorted(statuses.items())},
        "positions_unique": len(set(found)) == len(found) == len(cards),
    }


if __name__ == "__main__":
    raise SystemExit(main())
