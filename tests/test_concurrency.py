"""Many writers at once, each on its own database connection, on the same groups.

Afterwards every group holds exactly its rows with unique, dense positions; every flip that
was answered 200 is in the data (two flips never cancel into one); and no request failed but
with an occasional 409.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client

from tests.conftest import FIGURES, reorder_url, toggle_url
from tests.testapp.models import Board, Card

WRITERS = 8
REQUESTS_PER_WRITER = 50
ROWS_PER_GROUP = 30


def random_request(
    generator: random.Random, groups: list[list[int]]
) -> tuple[str, dict[str, Any]]:
    rows = generator.choice(groups)
    kind = generator.choice(["before", "after", "to", "order", "toggle", "toggle"])
    pk, other = generator.sample(rows, 2)
    if kind in ("before", "after"):
        return reorder_url(), {"pk": pk, kind: other}
    if kind == "to":
        return reorder_url(), {"pk": pk, "to": generator.choice(["first", "last"])}
    if kind == "order":
        return reorder_url(), {"order": generator.sample(rows, generator.randint(2, 10))}
    return toggle_url(Card(pk=pk)), {}


def writer(
    number: int,
    session_cookie: str,
    groups: list[list[int]],
    start: threading.Barrier,
    outcomes: list[tuple[int, str, dict[str, Any]]],
) -> None:
    client = Client()
    client.cookies["sessionid"] = session_cookie
    generator = random.Random(number)
    try:
        start.wait()
        for _ in range(REQUESTS_PER_WRITER):
            url, body = random_request(generator, groups)
            response = client.post(url, json.dumps(body), content_type="application/json")
            outcomes.append((response.status_code, url, response.json()))
    finally:
        connection.close()


@pytest.mark.server_db
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_every_group_whole(editor: User) -> None:
    boards = [Board.objects.create(name=f"board {i}") for i in range(2)]
    for board in boards:
        Card.objects.bulk_create(
            [
                Card(title=f"{board.name} card {i}", board=board, position=i)
                for i in range(ROWS_PER_GROUP)
            ]
        )
    members = {
        board.pk: set(Card.objects.filter(board=board).values_list("pk", flat=True))
        for board in boards
    }
    groups = [sorted(pks) for pks in members.values()]
    login = Client()
    login.force_login(editor)
    cookie = login.cookies["sessionid"].value
    outcomes: list[tuple[int, str, dict[str, Any]]] = []
    start = threading.Barrier(WRITERS)
    threads = [
        threading.Thread(target=writer, args=(number, cookie, groups, start, outcomes))
        for number in range(WRITERS)
    ]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began

    statuses = Counter(status for status, _, _ in outcomes)
    assert len(outcomes) == WRITERS * REQUESTS_PER_WRITER
    assert set(statuses) <= {200, 409}, [o for o in outcomes if o[0] not in (200, 409)][:3]
    assert statuses[409] <= len(outcomes) // 20

    for board in boards:
        rows = list(Card.objects.filter(board=board).values_list("pk", "position"))
        assert {pk for pk, _ in rows} == members[board.pk]
        assert sorted(position or 0 for _, position in rows) == list(range(ROWS_PER_GROUP))
        assert None not in {position for _, position in rows}

    flips = Counter(
        body["pk"] for status, url, body in outcomes if status == 200 and "/toggle/" in url
    )
    for card in Card.objects.all():
        assert card.is_done is (flips[str(card.pk)] % 2 == 1)

    FIGURES.append(
        f"concurrency on {connection.display_name}: {WRITERS} writers, {len(outcomes)} requests "
        f"({sum(flips.values())} toggles) on {len(boards)} groups of {ROWS_PER_GROUP} rows in "
        f"{seconds:.2f} s ({len(outcomes) / seconds:.0f} requests/s), {statuses[409]} answered 409"
    )
