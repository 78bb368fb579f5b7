from __future__ import annotations

from tests.helpers import PostJson, link_url, order_of, reorder_url, toggle_url
from tests.testapp.models import Board, Card, Label


def test_move_before(post_json: PostJson, board: Board, cards: list[Card]) -> None:
    response = post_json(reorder_url(), {"pk": cards[4].pk, "before": cards[1].pk})
    assert response.status_code == 200, response.content
    assert response.json() == {
        "changed": True,
        "positions": {str(cards[4].pk): 1, str(cards[1].pk): 2},
    }
    assert order_of(board) == ["card 0", "card 4", "card 1", "card 2", "card 3"]


def test_toggle(post_json: PostJson, cards: list[Card]) -> None:
    response = post_json(toggle_url(cards[0]), {})
    assert response.json() == {
        "changed": True,
        "pk": str(cards[0].pk),
        "field": "is_done",
        "value": True,
    }


def test_detach(post_json: PostJson, cards: list[Card], labels: list[Label]) -> None:
    cards[0].labels.add(labels[0])
    response = post_json(link_url("detach", cards[0]), {"pk": labels[0].pk})
    assert response.status_code == 200, response.content
    assert response.json()["changed"] is True
    assert not cards[0].labels.exists()
