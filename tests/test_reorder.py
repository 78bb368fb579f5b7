"""The reorder endpoint (docs/endpoints.md, "Reorder"), over HTTP."""

from __future__ import annotations

import pytest
from django.test import Client

from orderkit import operations
from orderkit.registry import registry
from tests.helpers import PostJson, make_user, order_of, reorder_url
from tests.testapp.models import Board, Card, Chapter


def with_pks(body: dict[str, object], cards: list[Card]) -> dict[str, object]:
    """``body`` with each card index (an int) replaced by that card's pk."""

    def pk(index: object) -> object:
        return cards[index].pk if isinstance(index, int) else index

    return {
        key: [pk(item) for item in value] if isinstance(value, list) else pk(value)
        for key, value in body.items()
    }


@pytest.mark.parametrize(
    ("body", "expected", "positions"),
    [
        ({"pk": 4, "before": 1}, [0, 4, 1, 2, 3], {4: 1, 1: 2}),
        ({"pk": 0, "after": 3}, [1, 2, 3, 0, 4], {0: 3, 3: 2}),
        ({"pk": 3, "to": "first"}, [3, 0, 1, 2, 4], {3: 0}),
        ({"pk": 1, "to": "last"}, [0, 2, 3, 4, 1], {1: 4}),
        ({"pk": 2, "before": 0}, [2, 0, 1, 3, 4], {2: 0, 0: 1}),
        ({"pk": 2, "after": 4}, [0, 1, 3, 4, 2], {2: 4, 4: 3}),
        ({"order": [4, 0]}, [4, 1, 2, 3, 0], {4: 0, 0: 4}),
        ({"order": [3, 1, 2]}, [0, 3, 1, 2, 4], {3: 1, 1: 2, 2: 3}),
    ],
)
def test_moves(
    post_json: PostJson,
    board: Board,
    cards: list[Card],
    body: dict[str, object],
    expected: list[int],
    positions: dict[int, int],
) -> None:
    real = with_pks(body, cards)
    response = post_json(reorder_url(), real)
    assert response.status_code == 200, response.content
    assert response.json() == {
        "changed": True,
        "positions": {str(cards[index].pk): position for index, position in positions.items()},
    }
    assert order_of(board) == [f"card {index}" for index in expected]


@pytest.mark.parametrize(
    "body",
    [
        {"pk": 1, "before": 2},
        {"pk": 1, "after": 0},
        {"pk": 0, "to": "first"},
        {"pk": 4, "to": "last"},
        {"order": [0, 1, 2]},
        {"order": [3]},
    ],
)
def test_asking_for_what_holds_changes_nothing(
    post_json: PostJson, board: Board, cards: list[Card], body: dict[str, object]
) -> None:
    real = with_pks(body, cards)
    response = post_json(reorder_url(), real)
    assert response.status_code == 200
    assert response.json()["changed"] is False
    assert order_of(board) == [f"card {i}" for i in range(5)]


def test_pks_may_be_strings(post_json: PostJson, board: Board, cards: list[Card]) -> None:
    response = post_json(reorder_url(), {"pk": str(cards[4].pk), "to": "first"})
    assert response.json()["positions"] == {str(cards[4].pk): 0}


def test_other_groups_are_untouched(post_json: PostJson, board: Board, cards: list[Card]) -> None:
    other = Board.objects.create(name="other")
    theirs = [Card.objects.create(title=f"other {i}", board=other) for i in range(3)]
    loose = Card.objects.create(title="loose", board=None)
    before = list(Card.objects.exclude(board=board).values_list("pk", "position"))
    post_json(reorder_url(), {"pk": cards[4].pk, "to": "first"})
    post_json(reorder_url(), {"order": [cards[0].pk, cards[3].pk]})
    assert list(Card.objects.exclude(board=board).values_list("pk", "position")) == before
    stored = {card.pk: card.position for card in Card.objects.exclude(board=board)}
    assert [stored[card.pk] for card in theirs] == [0, 1, 2]
    assert stored[loose.pk] == 0


def test_a_null_board_is_a_group_of_its_own(post_json: PostJson, cards: list[Card]) -> None:
    loose = [Card.objects.create(title=f"loose {i}", board=None) for i in range(3)]
    response = post_json(reorder_url(), {"pk": loose[2].pk, "before": loose[0].pk})
    assert response.json()["positions"] == {str(loose[2].pk): 0, str(loose[0].pk): 1}
    assert order_of(None) == ["loose 2", "loose 0", "loose 1"]


def test_rows_outside_the_scope_still_hold_their_place(
    post_json: PostJson, board: Board, cards: list[Card]
) -> None:
    Card.objects.filter(pk=cards[2].pk).update(is_hidden=True)
    post_json(reorder_url(), {"pk": cards[4].pk, "to": "first"})
    assert order_of(board) == ["card 4", "card 0", "card 1", "card 2", "card 3"]


@pytest.mark.parametrize(
    ("legacy", "expected"),
    [
        ([None, None, None, None, None], ["card 4", "card 0", "card 1", "card 2", "card 3"]),
        ([1, 1, 0, None, 1], ["card 4", "card 2", "card 0", "card 1", "card 3"]),
    ],
)
def test_legacy_group_is_renumbered_by_the_first_write(
    post_json: PostJson,
    board: Board,
    cards: list[Card],
    legacy: list[int | None],
    expected: list[str],
) -> None:
    for card, position in zip(cards, legacy, strict=True):
        Card.objects.filter(pk=card.pk).update(position=position)
    response = post_json(reorder_url(), {"pk": cards[4].pk, "to": "first"})
    assert response.json()["changed"] is True
    rows = list(Card.objects.filter(board=board).order_by("position"))
    assert [card.title for card in rows] == expected
    assert [card.position for card in rows] == [0, 1, 2, 3, 4]


def test_legacy_group_is_renumbered_by_an_order_list(
    post_json: PostJson, board: Board, cards: list[Card]
) -> None:
    Card.objects.filter(board=board).update(position=7)
    response = post_json(reorder_url(), {"order": [cards[3].pk, cards[1].pk]})
    assert response.json()["positions"] == {str(cards[3].pk): 1, str(cards[1].pk): 3}
    assert order_of(board) == ["card 0", "card 3", "card 2", "card 1", "card 4"]


# A duplicate that code outside orderkit writes after the group was checked, shared between
# a row that the request names and one that it does not.


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"pk": 0, "to": "last"}, ["card 1", "card 2", "card 3", "card 4", "card 0"]),
        ({"pk": 0, "after": 3}, ["card 1", "card 2", "card 3", "card 0", "card 4"]),
        ({"pk": 1, "before": 4}, ["card 0", "card 2", "card 3", "card 1", "card 4"]),
        ({"order": [3, 0]}, ["card 3", "card 1", "card 2", "card 0", "card 4"]),
        # Both twins in one block: for the move of each, the other is a row not named.
        ({"pks": [0, 1], "before": 3}, ["card 2", "card 0", "card 1", "card 3", "card 4"]),
        ({"pks": [1, 0], "after": 4}, ["card 2", "card 3", "card 4", "card 1", "card 0"]),
    ],
)
def test_a_duplicate_written_after_the_check_is_renumbered_by_the_write_that_meets_it(
    post_json: PostJson,
    board: Board,
    cards: list[Card],
    body: dict[str, object],
    expected: list[str],
) -> None:
    """Card 1 takes card 0's place (0) out of band. ``to: "last"`` would shift card 1 down
    to -1, which a PositiveIntegerField refuses: a 500 at every try."""
    post_json(reorder_url(), {"pk": cards[0].pk, "to": "first"})  # the group is checked
    Card.objects.filter(pk=cards[1].pk).update(position=0)
    changed = []
    for _ in range(2):
        response = post_json(reorder_url(), with_pks(body, cards))
        assert response.status_code == 200, response.content
        changed.append(response.json()["changed"])
        assert order_of(board) == expected
        rows = Card.objects.filter(board=board).order_by("position")
        assert list(rows.values_list("position", flat=True)) == [0, 1, 2, 3, 4]
    assert changed == [True, False]


def test_a_duplicate_written_after_the_check_never_goes_below_zero_in_a_signed_column(
    client: Client, db: None
) -> None:
    client.force_login(make_user("writer", "testapp.change_chapter"))
    chapters = [Chapter.objects.create(title=f"ch {i}") for i in range(4)]
    kit = registry.get(Chapter)
    operations.move(kit, chapters[0], to="first")  # the group is checked
    Chapter.objects.filter(pk=chapters[1].pk).update(number=0)
    result = operations.move(kit, chapters[0], to="last")
    assert result.changed is True
    shown = Chapter.objects.order_by("number").values_list("title", "number")
    assert list(shown) == [("ch 1", 0), ("ch 2", 1), ("ch 3", 2), ("ch 0", 3)]


def test_string_pks(client: Client, db: None) -> None:
    client.force_login(make_user("writer", "testapp.change_chapter"))
    chapters = [Chapter.objects.create(title=f"ch {i}") for i in range(3)]
    response = client.post(
        reorder_url("testapp.chapter"),
        {"pk": str(chapters[2].pk), "after": str(chapters[0].pk)},
        content_type="application/json",
    )
    assert response.json() == {
        "changed": True,
        "positions": {str(chapters[2].pk): 1, str(chapters[0].pk): 0},
    }
    shown = Chapter.objects.order_by("number").values_list("title", flat=True)
    assert list(shown) == ["ch 0", "ch 2", "ch 1"]


def test_object_permission_is_asked_for_every_named_row(
    client: Client, board: Board, cards: list[Card], monkeypatch: pytest.MonkeyPatch
) -> None:
    user = make_user("partial", "testapp.change_card")
    client.force_login(user)
    asked: list[object] = []
    kit = registry.get(Card)

    def has_permission(request: object, action: str, obj: Card | None = None) -> bool:
        asked.append(obj)
        return obj is None or obj.pk != cards[1].pk

    monkeypatch.setattr(kit, "has_permission", has_permission)
    response = client.post(
        reorder_url(), {"pk": cards[0].pk, "after": cards[1].pk}, content_type="application/json"
    )
    assert response.status_code == 403
    assert asked == [None, cards[0], cards[1]]
    assert order_of(board) == [f"card {i}" for i in range(5)]


def test_a_null_written_after_the_check_is_met_by_a_move_to_the_end(
    post_json: PostJson, board: Board, cards: list[Card]
) -> None:
    """NULLs come last in the kit's order, so the end of the group lies past them: a move
    there renumbers the group first rather than stopping before the NULL."""
    post_json(reorder_url(), {"pk": cards[0].pk, "to": "first"})  # the group is checked
    Card.objects.filter(pk=cards[2].pk).update(position=None)
    response = post_json(reorder_url(), {"pk": cards[0].pk, "to": "last"})
    assert response.status_code == 200, response.content
    assert response.json()["changed"] is True
    assert order_of(board) == ["card 1", "card 3", "card 4", "card 2", "card 0"]
    rows = Card.objects.filter(board=board).order_by("position")
    assert list(rows.values_list("position", flat=True)) == [0, 1, 2, 3, 4]
