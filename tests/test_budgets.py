"""Query budgets: one request costs the same statements at 20 rows as at 5,000.

The counts include everything a request runs: the session, the user, the permission lookups,
BEGIN and COMMIT. The ContentType cache is warm, as it is in a server that has run a while.
The test runs without the test's own transaction, so the requests' transactions are real ones
(no savepoints), as in production.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from orderkit import operations
from tests.helpers import edit_url, link_url, reorder_url, toggle_url
from tests.testapp.kits import CardKit
from tests.testapp.models import Board, Card, Label

#: Statements per request. A reorder takes the group's lock with one upsert, which also
#: answers whether the group was checked and, on PostgreSQL, sets the transaction's
#: ``lock_timeout``; MariaDB needs a second statement for the answer (and puts its lock
#: timeout into each locking statement; SQLite has none). A toggle or a detach runs
#: ``SET LOCAL lock_timeout`` on PostgreSQL before its locking read, and on SQLite (in its
#: default DEFERRED transaction mode) a write that takes the write lock, so that it waits
#: for it; so does an edit (whose validation reads nothing more for a field without a
#: uniqueness check).
BUDGETS = {
    "move": {"sqlite": 11, "postgresql": 11, "mysql": 12},
    "order of 10": {"sqlite": 11, "postgresql": 11, "mysql": 12},
    "toggle": {"sqlite": 11, "postgresql": 11, "mysql": 10},
    "detach": {"sqlite": 12, "postgresql": 12, "mysql": 11},
    "edit": {"sqlite": 11, "postgresql": 11, "mysql": 10},
}
CEILING = 12


def request_for(operation: str, cards: list[Card], label: Label) -> tuple[str, dict[str, Any]]:
    if operation == "move":
        return reorder_url(), {"pk": cards[-1].pk, "before": cards[len(cards) // 2].pk}
    if operation == "order of 10":
        return reorder_url(), {"order": [card.pk for card in reversed(cards[3:13])]}
    if operation == "toggle":
        return toggle_url(cards[7]), {}
    if operation == "edit":
        return edit_url(cards[7]), {"value": "renamed"}
    return link_url("detach", cards[5]), {"pk": label.pk}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", [20, 5000])
@pytest.mark.parametrize("operation", list(BUDGETS))
def test_budget(api: Client, django_assert_num_queries: Any, operation: str, size: int) -> None:
    board = Board.objects.create(name="big")
    Card.objects.bulk_create(
        [Card(title=f"card {i}", board=board, position=i) for i in range(size)]
    )
    cards = list(Card.objects.filter(board=board).order_by("position"))
    label = Label.objects.create(name="red")
    cards[5].labels.add(label)
    ContentType.objects.get_for_model(Card)
    # The group's first orderkit write reads it whole once (see the test below).
    operations.reorder(CardKit(Card), cards[:1])
    url, body = request_for(operation, cards, label)
    budget = BUDGETS[operation][connection.vendor]
    assert budget <= CEILING
    with django_assert_num_queries(budget):
        response = api.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["changed"] is True


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", [20, 5000])
def test_first_write_to_a_legacy_group_costs_three_statements_more_at_any_size(
    api: Client, django_assert_num_queries: Any, size: int
) -> None:
    """The group's first write reads it whole, renumbers its NULLs with one UPDATE, and marks
    it checked; later writes skip all three."""
    board = Board.objects.create(name="legacy")
    Card.objects.bulk_create([Card(title=f"card {i}", board=board) for i in range(size)])
    Card.objects.filter(board=board).update(position=None)
    cards = list(Card.objects.filter(board=board).order_by("pk"))
    ContentType.objects.get_for_model(Card)
    with django_assert_num_queries(BUDGETS["move"][connection.vendor] + 3):
        response = api.post(
            reorder_url(),
            json.dumps({"pk": cards[-1].pk, "before": cards[0].pk}),
            content_type="application/json",
        )
    assert response.json()["positions"] == {str(cards[-1].pk): 0, str(cards[0].pk): 1}
    shown = Card.objects.filter(board=board).order_by("position")
    assert list(shown.values_list("pk", flat=True)) == [cards[-1].pk] + [
        card.pk for card in cards[:-1]
    ]
    assert list(shown.values_list("position", flat=True)) == list(range(size))


@pytest.mark.django_db(transaction=True)
def test_sqlite_in_immediate_mode_takes_no_write_lock_first(
    api: Client, cards: list[Card], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A connection that begins its transactions IMMEDIATE holds the write lock from BEGIN."""
    options = connection.settings_dict.setdefault("OPTIONS", {})
    monkeypatch.setitem(options, "transaction_mode", "IMMEDIATE")
    ContentType.objects.get_for_model(Card)
    with CaptureQueriesContext(connection) as queries:
        response = api.post(toggle_url(cards[0]), "{}", content_type="application/json")
    assert response.status_code == 200
    assert not [query for query in queries if "WHERE 1 = 0" in query["sql"]]
    fewer = 1 if connection.vendor == "sqlite" else 0
    assert len(queries) == BUDGETS["toggle"][connection.vendor] - fewer
