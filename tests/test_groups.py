"""A registered model's groups in SQL (``orderkit.operations.groups``): whether a group
holds legacy positions, asked of the database on each of them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from orderkit.operations.groups import holds_legacy
from orderkit.registry import registry
from tests.testapp.models import Board, Card


@pytest.mark.parametrize(
    ("positions", "legacy"),
    [
        ([0, 1, 2], False),
        ([0, 5, 9], False),
        ([0, 1, 1], True),
        ([3, 0, 3], True),
        ([0, None, 1], True),
        ([None], True),
        ([], False),
    ],
)
def test_holds_legacy(board: Board, positions: list[int | None], legacy: bool) -> None:
    for index, position in enumerate(positions):
        Card.objects.create(title=f"card {index}", board=board, position=0)
        Card.objects.filter(title=f"card {index}").update(position=position)
    # Other groups' duplicates and NULLs are theirs.
    elsewhere = Board.objects.create(name="elsewhere")
    for title in ("a", "b", "c", "d"):
        Card.objects.create(title=title, board=elsewhere)
    Card.objects.filter(board=elsewhere, title__in=["a", "b"]).update(position=None)
    Card.objects.filter(board=elsewhere, title__in=["c", "d"]).update(position=0)
    with CaptureQueriesContext(connection) as queries:
        found = holds_legacy(registry.get(Card), {"board_id": board.pk}, connection.alias)
    assert found is legacy
    assert len(queries) == 1
