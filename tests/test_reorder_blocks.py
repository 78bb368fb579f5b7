"""The reorder endpoint moving a block of rows (docs/endpoints.md, "Block moves"): the listed
rows keep their relative order beside one anchor, in one transaction, at a cost that does not
grow with the block or the group; bad input changes nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.dispatch import Signal
from django.http import HttpRequest
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from orderkit import signals
from orderkit.kit import Action
from orderkit.registry import registry
from tests.helpers import PostJson, code_of, make_user, order_of, reorder_url, world
from tests.test_html_forms import messages_of, post_form
from tests.testapp.models import Board, Card, Step


def stored(cards: list[Card], indexes: list[int]) -> dict[str, int | None]:
    """The stored positions of the cards at ``indexes``, keyed by pk as a string."""
    pks = [cards[index].pk for index in indexes]
    return {
        str(pk): position
        for pk, position in Card.objects.filter(pk__in=pks).values_list("pk", "position")
    }


def body_of(cards: list[Card], pks: list[int], **anchor: int) -> dict[str, object]:
    """A block body for the cards at ``pks`` with the card at the anchor's index."""
    placed = {name: cards[index].pk for name, index in anchor.items()}
    return {"pks": [cards[index].pk for index in pks], **placed}


@pytest.mark.parametrize(
    ("pks", "anchor", "expected"),
    [
        ([4, 1], {"before": 0}, [4, 1, 0, 2, 3]),
        ([0, 3], {"after": 4}, [1, 2, 4, 0, 3]),
        ([3, 0, 1], {"after": 2}, [2, 3, 0, 1, 4]),
        ([4, 2], {"before": 3}, [0, 1, 4, 2, 3]),
    ],
)
def test_a_block_moves_beside_its_anchor_in_the_listed_order(
    post_json: PostJson,
    board: Board,
    cards: list[Card],
    pks: list[int],
    anchor: dict[str, int],
    expected: list[int],
) -> None:
    response = post_json(reorder_url(), body_of(cards, pks, **anchor))
    assert response.status_code == 200, response.content
    named = [*pks, *anchor.values()]
    assert response.json() == {"changed": True, "positions": stored(cards, named)}
    assert order_of(board) == [f"card {index}" for index in expected]


@pytest.mark.parametrize(("pks", "anchor"), [([1, 2], {"before": 3}), ([2, 3], {"after": 1})])
def test_a_block_already_in_place_changes_nothing(
    post_json: PostJson,
    board: Board,
    cards: list[Card],
    received: Callable[[Signal], list[dict[str, Any]]],
    django_capture_on_commit_callbacks: Any,
    pks: list[int],
    anchor: dict[str, int],
) -> None:
    """A dense block written again in place is answered ``changed: false``, with no
    LogEntry and no signal, as a single move to where its row is."""
    before = stored(cards, [0, 1, 2, 3, 4])
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(reorder_url(), body_of(cards, pks, **anchor))
    assert response.json() == {
        "changed": False,
        "positions": stored(cards, [*pks, *anchor.values()]),
    }
    assert stored(cards, [0, 1, 2, 3, 4]) == before
    assert order_of(board) == [f"card {index}" for index in range(5)]
    assert LogEntry.objects.count() == 0
    assert received(signals.reordered) == []


@pytest.fixture
def post_step(client: Client, db: None) -> PostJson:
    """Posts JSON as a user who may change steps (a sparse kit)."""
    client.force_login(make_user("stepper", "testapp.change_step"))

    def post(url: str, body: object) -> Any:
        return client.post(url, json.dumps(body), content_type="application/json")

    return post


@pytest.mark.parametrize(
    ("positions", "pks", "anchor"),
    [
        ([0, 4, 8, 12, 16], [1, 2], {"before": 3}),
        ([0, 4, 8, 12, 16], [2, 3], {"after": 1}),
        # Far apart in numbers, yet no other row among them.
        ([0, 1, 900, 5000, 5001], [1, 2, 3], {"after": 0}),
    ],
)
def test_a_sparse_block_already_in_place_is_read_and_not_written(
    post_step: PostJson,
    board: Board,
    received: Callable[[Signal], list[dict[str, Any]]],
    django_capture_on_commit_callbacks: Any,
    positions: list[int],
    pks: list[int],
    anchor: dict[str, int],
) -> None:
    """A sparse block standing beside its anchor in the listed order: one read of the rows
    nearest the anchor tells, and nothing is written, logged or signalled."""
    steps = Step.objects.bulk_create(
        Step(title=f"step {i}", board=board, position=position)
        for i, position in enumerate(positions)
    )
    body = {
        "pks": [steps[index].pk for index in pks],
        **{name: steps[index].pk for name, index in anchor.items()},
    }
    with (
        django_capture_on_commit_callbacks(execute=True),
        CaptureQueriesContext(connection) as queries,
    ):
        response = post_step(reorder_url("testapp.step"), body)
    named = [*pks, *anchor.values()]
    assert response.json() == {
        "changed": False,
        "positions": {str(steps[index].pk): positions[index] for index in named},
    }
    table = connection.ops.quote_name(Step._meta.db_table)
    assert not [q for q in queries.captured_queries if f"UPDATE {table}" in q["sql"]]
    stored_positions = Step.objects.filter(board=board).order_by("pk")
    assert list(stored_positions.values_list("position", flat=True)) == positions
    assert LogEntry.objects.count() == 0
    assert received(signals.reordered) == []


def test_a_sparse_block_in_order_with_another_row_among_it_moves(
    post_step: PostJson, board: Board
) -> None:
    steps = Step.objects.bulk_create(
        Step(title=f"step {i}", board=board, position=4 * i) for i in range(4)
    )
    body = {"pks": [steps[0].pk, steps[2].pk], "before": steps[3].pk}
    assert post_step(reorder_url("testapp.step"), body).json()["changed"] is True
    titles = Step.objects.filter(board=board).order_by("position").values_list("title", flat=True)
    assert list(titles) == ["step 1", "step 0", "step 2", "step 3"]


def test_a_block_logs_each_moved_row_with_where_it_went_and_signals_once(
    post_json: PostJson,
    cards: list[Card],
    received: Callable[[Signal], list[dict[str, Any]]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        post_json(reorder_url(), body_of(cards, [4, 3], after=0))
    entries = LogEntry.objects.all()
    assert sorted(str(entry.object_id) for entry in entries) == sorted(
        [str(cards[3].pk), str(cards[4].pk)]
    )
    note = f'{{"moved": {{"after": "{cards[0]}"}}}}'
    assert all(note in entry.change_message for entry in entries)
    (sent,) = received(signals.reordered)
    assert set(sent["positions"]) == {cards[4].pk, cards[3].pk, cards[0].pk}


def test_a_block_in_a_form_body_is_repeated_pks_fields(
    api: Client, board: Board, cards: list[Card]
) -> None:
    response = post_form(api, reorder_url(), {**body_of(cards, [3, 4], before=1), "next": "/"})
    assert response.status_code == 303
    assert messages_of(response) == [("success", "2 rows are moved.")]
    assert order_of(board) == ["card 0", "card 3", "card 4", "card 1", "card 2"]


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"pks": [], "before": 0}, "pks", "required"),
        ({"pks": None, "after": 0}, "pks", "required"),
        ({"pks": [1], "pk": 2, "before": 0}, "pk", "unexpected"),
        ({"pks": [1], "order": [2, 3]}, "order", "unexpected"),
        ({"pks": [1], "to": "first"}, "to", "unexpected"),
        ({"pks": [1, 2]}, "__all__", "required"),
        ({"pks": [1, 2], "before": 0, "after": 3}, "__all__", "ambiguous"),
        ({"pks": [1, 0], "before": 0}, "before", "invalid"),
        ({"pks": [1, 2, 1], "before": 0}, "pks", "duplicate"),
        ({"pks": [1, "x"], "before": 0}, "pks", "invalid"),
        ({"pks": 1, "before": 0}, "pks", "invalid"),
        ({"pks": [1, 999999], "before": 0}, "pks", "invalid_choice"),
        ({"pks": [1], "before": 0, "group": {"board": 1}}, "group", "unexpected"),
    ],
)
def test_a_bad_block_is_refused_with_a_clear_code_and_changes_nothing(
    post_json: PostJson,
    board: Board,
    cards: list[Card],
    body: dict[str, Any],
    field: str,
    code: str,
) -> None:
    def pk(value: object) -> object:
        return cards[value].pk if isinstance(value, int) and value < 5 else value

    real = {
        key: [pk(item) for item in value] if isinstance(value, list) else pk(value)
        for key, value in body.items()
    }
    if "pks" in real and isinstance(body["pks"], int):
        real["pks"] = cards[1].pk
    if "group" in real:
        real["group"] = {"board": board.pk}
    before = world(board)
    assert code_of(post_json(reorder_url(), real), 400, field) == code
    assert world(board) == before


@override_settings(ORDERKIT={"MAX_ORDER_LENGTH": 2})
def test_a_block_longer_than_the_limit_is_refused(
    post_json: PostJson, board: Board, cards: list[Card]
) -> None:
    response = post_json(reorder_url(), body_of(cards, [1, 2, 3], before=0))
    assert code_of(response, 400, "pks") == "too_many"


def test_without_the_option_a_block_and_its_anchor_must_share_a_group(
    post_json: PostJson, board: Board, cards: list[Card], others: list[Card]
) -> None:
    before = (world(board), order_of(others[0].board))
    body = {"pks": [cards[0].pk, cards[1].pk], "before": others[0].pk}
    assert code_of(post_json(reorder_url(), body), 400, "before") == "other_group"
    assert (world(board), order_of(others[0].board)) == before


@pytest.mark.parametrize("between", [False, True])
def test_a_block_of_rows_from_several_groups_is_refused(
    post_json: PostJson,
    board: Board,
    cards: list[Card],
    others: list[Card],
    monkeypatch: pytest.MonkeyPatch,
    between: bool,
) -> None:
    monkeypatch.setattr(registry.get(Card), "move_between_groups", between)
    before = (world(board), order_of(others[0].board))
    body = {"pks": [cards[0].pk, others[1].pk], "before": cards[3].pk}
    assert code_of(post_json(reorder_url(), body), 400, "before") == "other_group"
    body = {"pks": [cards[0].pk, others[1].pk], "before": others[2].pk}
    assert code_of(post_json(reorder_url(), body), 400, "before") == "other_group"
    assert (world(board), order_of(others[0].board)) == before


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        ({"before": 1}, ["other 0", "card 3", "card 1", "other 1", "other 2"]),
        ({"after": 2}, ["other 0", "other 1", "other 2", "card 3", "card 1"]),
    ],
)
def test_under_the_option_a_block_moves_into_its_anchors_group(
    post_json: PostJson,
    board: Board,
    other: Board,
    cards: list[Card],
    others: list[Card],
    monkeypatch: pytest.MonkeyPatch,
    received: Callable[[Signal], list[dict[str, Any]]],
    django_capture_on_commit_callbacks: Any,
    anchor: dict[str, int],
    expected: list[str],
) -> None:
    monkeypatch.setattr(registry.get(Card), "move_between_groups", True)
    ((name, index),) = anchor.items()
    body = {"pks": [cards[3].pk, cards[1].pk], name: others[index].pk}
    with django_capture_on_commit_callbacks(execute=True):
        response = post_json(reorder_url(), body)
    assert response.status_code == 200, response.content
    assert response.json()["changed"] is True
    assert order_of(other) == expected
    assert order_of(board) == ["card 0", "card 2", "card 4"]
    assert list(Card.objects.filter(board=board).values_list("position", flat=True)) == [0, 1, 2]
    stored = Card.objects.filter(board=other).order_by("position")
    assert list(stored.values_list("position", flat=True)) == [0, 1, 2, 3, 4]
    entries = LogEntry.objects.all()
    assert sorted(str(entry.object_id) for entry in entries) == sorted(
        [str(cards[1].pk), str(cards[3].pk)]
    )
    assert all('"regrouped"' in entry.change_message for entry in entries)
    (sent,) = received(signals.reordered)
    assert sent["from_group"] == {"board_id": board.pk}
    assert sent["to_group"] == {"board_id": other.pk}


def test_a_block_moved_into_another_group_is_asked_for_each_row(
    post_json: PostJson,
    board: Board,
    cards: list[Card],
    others: list[Card],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The regroup permission is asked of every row, the target group of accepts_group()."""
    kit = registry.get(Card)
    monkeypatch.setattr(kit, "move_between_groups", True)
    asked: list[tuple[str, Any]] = []
    allowed = kit.has_permission

    def has_permission(request: HttpRequest, action: Action, obj: Any = None) -> bool:
        asked.append((action, obj))
        return allowed(request, action, obj) and not (action == "regroup" and obj == cards[2])

    monkeypatch.setattr(kit, "has_permission", has_permission)
    before = (world(board), order_of(others[0].board))
    body = {"pks": [cards[1].pk, cards[2].pk], "after": others[0].pk}
    assert code_of(post_json(reorder_url(), body), 403) == "permission_denied"
    assert ("regroup", cards[1]) in asked
    assert (world(board), order_of(others[0].board)) == before
    monkeypatch.setattr(kit, "has_permission", allowed)
    monkeypatch.setattr(kit, "accepts_group", lambda request, group: False)
    assert code_of(post_json(reorder_url(), body), 400, "after") == "invalid_choice"
    assert (world(board), order_of(others[0].board)) == before


def test_a_row_outside_the_callers_scope_is_refused_as_if_absent(
    post_json: PostJson, board: Board, cards: list[Card], monkeypatch: pytest.MonkeyPatch
) -> None:
    kit = registry.get(Card)
    monkeypatch.setattr(kit, "get_queryset", lambda request: Card.objects.exclude(pk=cards[2].pk))
    response = post_json(reorder_url(), body_of(cards, [4, 2], before=0))
    assert code_of(response, 400, "pks") == "invalid_choice"
    assert order_of(board) == [f"card {index}" for index in range(5)]


def test_every_row_of_a_block_is_asked_for_permission(
    post_json: PostJson, board: Board, cards: list[Card], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[object] = []

    def has_permission(request: HttpRequest, action: str, obj: Any = None) -> bool:
        asked.append(obj)
        return obj is None or obj.pk != cards[2].pk

    monkeypatch.setattr(registry.get(Card), "has_permission", has_permission)
    response = post_json(reorder_url(), body_of(cards, [4, 3, 2], before=0))
    assert code_of(response, 403) == "permission_denied"
    assert {cards[2], cards[3], cards[4]} <= set(asked)
    assert order_of(board) == [f"card {index}" for index in range(5)]


def test_a_block_move_costs_the_same_statements_at_any_size(
    post_json: PostJson, cards: list[Card]
) -> None:
    # A first request warms the caches (the user's permissions, the content types).
    assert post_json(reorder_url(), body_of(cards, [3, 4], before=0)).status_code == 200
    counts = []
    block = 4
    for size in (20, 1000):
        board = Board.objects.create(name=f"size {size}")
        Card.objects.bulk_create(
            Card(title=f"{size} {i}", board=board, position=i) for i in range(size)
        )
        rows = list(Card.objects.filter(board=board).order_by("position"))
        picked = rows[size - 1 : size - 1 - 3 * block : -3]
        body = {"pks": [row.pk for row in picked], "after": rows[1].pk}
        with CaptureQueriesContext(connection) as queries:
            assert post_json(reorder_url(), body).status_code == 200
        counts.append(len(queries))
        titles = list(Card.objects.filter(board=board).order_by("position").values_list("title"))
        assert [title for (title,) in titles[2 : 2 + block]] == [row.title for row in picked]
    assert counts[0] == counts[1]
