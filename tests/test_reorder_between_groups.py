"""The reorder endpoint moving rows between groups (docs/endpoints.md, "Moves between
groups"): the option, the target group's scope, the ``regroup`` permission, the model's
uniqueness rules, and a cost that does not grow with the groups."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import IntegrityError, connection
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext

from orderkit import operations
from orderkit.kit import Group
from orderkit.operations.statements import GroupRows
from orderkit.registry import registry
from ponies.models import Pony, Stable
from tests.helpers import PostJson, code_of, make_user, order_of, reorder_url, world
from tests.testapp.models import Board, Card, Rung


@pytest.fixture
def between(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry.get(Card), "move_between_groups", True)


def test_with_the_option_off_a_neighbour_in_another_group_is_refused(
    post_json: PostJson, board: Board, cards: list[Card], others: list[Card]
) -> None:
    before = world(board)
    response = post_json(reorder_url(), {"pk": cards[0].pk, "before": others[0].pk})
    assert code_of(response, 400, "before") == "other_group"
    assert world(board) == before


def test_with_the_option_off_a_named_group_is_refused(
    post_json: PostJson, board: Board, cards: list[Card], other: Board
) -> None:
    body = {"pk": cards[0].pk, "to": "last", "group": {"board": other.pk}}
    assert code_of(post_json(reorder_url(), body), 400, "group") == "other_group"
    assert order_of(other) == []


@pytest.mark.usefixtures("between")
def test_a_neighbour_in_another_group_moves_the_row_there(
    post_json: PostJson, board: Board, other: Board, cards: list[Card], others: list[Card]
) -> None:
    response = post_json(reorder_url(), {"pk": cards[0].pk, "after": others[0].pk})
    assert response.status_code == 200, response.content
    assert response.json() == {
        "changed": True,
        "positions": {str(cards[0].pk): 1, str(others[0].pk): 0},
    }
    assert order_of(other) == ["other 0", "card 0", "other 1", "other 2"]
    assert order_of(board) == ["card 1", "card 2", "card 3", "card 4"]


@pytest.mark.usefixtures("between")
@pytest.mark.parametrize("value", ["other", None])
def test_to_may_name_the_target_group(
    post_json: PostJson, board: Board, other: Board, cards: list[Card], value: str | None
) -> None:
    target = other if value else None
    body = {"pk": cards[2].pk, "to": "first", "group": {"board": target and str(target.pk)}}
    response = post_json(reorder_url(), body)
    assert response.status_code == 200, response.content
    assert order_of(target) == ["card 2"]


@pytest.mark.usefixtures("between")
@pytest.mark.parametrize(
    ("group", "code"),
    [
        ("3", "invalid"),
        ({"stable": 1}, "invalid"),
        ({"board": 1, "title": "x"}, "invalid"),
        ({"board": True}, "invalid"),
        ({"board": [1]}, "invalid"),
        ({"board": "abc"}, "invalid_choice"),
        ({"board": 999999}, "invalid_choice"),
    ],
)
def test_a_group_that_names_no_group_of_the_kit_is_refused(
    post_json: PostJson, board: Board, cards: list[Card], group: Any, code: str
) -> None:
    before = world(board)
    response = post_json(reorder_url(), {"pk": cards[0].pk, "to": "last", "group": group})
    assert code_of(response, 400, "group") == code
    assert world(board) == before


@pytest.mark.usefixtures("between")
@pytest.mark.parametrize("mode", ["before", "order"])
def test_group_is_used_only_with_to(
    post_json: PostJson, board: Board, cards: list[Card], other: Board, mode: str
) -> None:
    body: dict[str, Any] = {"pk": cards[0].pk, "before": cards[1].pk}
    if mode == "order":
        body = {"order": [cards[1].pk, cards[0].pk]}
    body["group"] = {"board": other.pk}
    assert code_of(post_json(reorder_url(), body), 400, "group") == "unexpected"


@pytest.mark.usefixtures("between")
def test_an_order_list_across_groups_stays_refused(
    post_json: PostJson, board: Board, cards: list[Card], others: list[Card]
) -> None:
    response = post_json(reorder_url(), {"order": [cards[0].pk, others[0].pk]})
    assert code_of(response, 400, "order") == "other_group"


@pytest.mark.usefixtures("between")
def test_a_group_outside_the_callers_scope_is_refused_as_if_absent(
    post_json: PostJson,
    board: Board,
    other: Board,
    cards: list[Card],
    others: list[Card],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[Group] = []

    def accepts_group(request: HttpRequest, group: Group) -> bool:
        asked.append(group)
        return bool(group["board_id"] != other.pk)

    monkeypatch.setattr(registry.get(Card), "accepts_group", accepts_group)
    before = world(board)
    response = post_json(reorder_url(), {"pk": cards[0].pk, "before": others[0].pk})
    assert code_of(response, 400, "before") == "invalid_choice"
    body = {"pk": cards[0].pk, "to": "last", "group": {"board": other.pk}}
    assert code_of(post_json(reorder_url(), body), 400, "group") == "invalid_choice"
    assert world(board) == before
    assert order_of(other) == ["other 0", "other 1", "other 2"]
    assert asked == [{"board_id": other.pk}] * 2


@pytest.mark.usefixtures("between", "other")
def test_the_permission_hook_is_asked_to_regroup_and_its_refusal_changes_nothing(
    post_json: PostJson, board: Board, cards: list[Card], others: list[Card], monkeypatch: Any
) -> None:
    other = others[0].board
    asked: list[tuple[str, object]] = []

    def has_permission(request: HttpRequest, action: str, obj: Any = None) -> bool:
        asked.append((action, obj))
        return action != "regroup" or obj is None

    monkeypatch.setattr(registry.get(Card), "has_permission", has_permission)
    before = world(board)
    response = post_json(reorder_url(), {"pk": cards[0].pk, "before": others[0].pk})
    assert code_of(response, 403) == "permission_denied"
    assert world(board) == before
    assert order_of(other) == ["other 0", "other 1", "other 2"]
    assert asked[-2:] == [("regroup", None), ("regroup", cards[0])]
    assert post_json(reorder_url(), {"pk": cards[0].pk, "before": cards[2].pk}).status_code == 200


def test_a_move_that_breaks_the_models_uniqueness_is_refused(
    groom: Client, ponies: list[Pony], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry.get(Pony), "move_between_groups", True)
    south = Stable.objects.get(name="South")
    Pony.objects.create(name="Bramble", stable=south)
    body = json.dumps({"pk": ponies[0].pk, "to": "last", "group": {"stable": south.pk}})
    response = groom.post(reorder_url("ponies.pony"), body, content_type="application/json")
    assert code_of(response, 400) == "unique"
    ponies[0].refresh_from_db()
    assert ponies[0].stable.name == "North"


def test_a_clash_written_after_the_check_is_a_conflict_and_writes_nothing(
    groom: Client, ponies: list[Pony], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pony of the same name enters the target stable between the request's check and
    its write: 409, and nothing of the move is written."""
    monkeypatch.setattr(registry.get(Pony), "move_between_groups", True)
    south = Stable.objects.get(name="South")
    take = GroupRows.take

    def clash_first(rows: GroupRows, pk: Any, position: int) -> None:
        Pony.objects.create(name=ponies[0].name, stable=south)
        take(rows, pk, position)

    monkeypatch.setattr(GroupRows, "take", clash_first)
    body = json.dumps({"pk": ponies[0].pk, "to": "last", "group": {"stable": south.pk}})
    response = groom.post(reorder_url("ponies.pony"), body, content_type="application/json")
    assert code_of(response, 409) == "conflict"
    ponies[0].refresh_from_db()
    assert ponies[0].stable.name == "North"
    assert not Pony.objects.filter(stable=south, name=ponies[0].name).exists()


def test_an_integrity_error_of_a_move_within_its_group_stays_a_server_error(
    post_json: PostJson, cards: list[Card], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a move into another group has a check that a row written since can outrun."""

    def clash(*args: Any, **kwargs: Any) -> None:
        raise IntegrityError("unexpected")

    monkeypatch.setattr(operations, "move", clash)
    response = post_json(reorder_url(), {"pk": cards[0].pk, "before": cards[2].pk})
    assert code_of(response, 500) == "server_error"


@pytest.mark.usefixtures("between")
def test_a_move_between_groups_costs_the_same_statements_at_any_size(
    post_json: PostJson, cards: list[Card]
) -> None:
    # A first request warms the caches (the user's permissions, the content types).
    assert post_json(reorder_url(), {"pk": cards[0].pk, "to": "last"}).status_code == 200
    counts = []
    for size in (10, 1000):
        board, other = Board.objects.create(name="left"), Board.objects.create(name="right")
        Card.objects.bulk_create(
            Card(title=f"{side} {i}", board=side, position=i)
            for side in (board, other)
            for i in range(size)
        )
        left = list(Card.objects.filter(board=board).order_by("position"))
        right = list(Card.objects.filter(board=other).order_by("position"))
        body = {"pk": left[1].pk, "before": right[size // 2].pk}
        with CaptureQueriesContext(connection) as queries:
            assert post_json(reorder_url(), body).status_code == 200
        counts.append(len(queries))
        assert list(Card.objects.filter(board=board).values_list("position", flat=True)) == (
            list(range(size - 1))
        )
    assert counts[0] == counts[1]


def test_a_null_for_a_group_field_that_cannot_be_null_is_required(
    post_json: PostJson, monkeypatch: pytest.MonkeyPatch, board: Board
) -> None:
    monkeypatch.setattr(registry.get(Rung), "move_between_groups", True)
    rung = Rung.objects.create(title="rung", board=board)
    rigger = Client()
    rigger.force_login(make_user("rigger", "testapp.change_rung"))
    body = {"pk": rung.pk, "to": "last", "group": {"board": None}}
    response = post_json(reorder_url("testapp.rung"), body, client=rigger)
    assert code_of(response, 400, "group") == "required"


@pytest.mark.usefixtures("between")
def test_a_group_in_a_form_body_is_invalid(
    api: Client, board: Board, cards: list[Card], other: Board
) -> None:
    body = {"pk": cards[0].pk, "to": "last", "group": str(other.pk)}
    assert code_of(api.post(reorder_url(), body), 400, "group") == "invalid"
    assert order_of(other) == []
