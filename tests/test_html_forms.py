"""Plain HTML forms (docs/endpoints.md, "Plain HTML forms"): a 303 and a message instead of
JSON."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.test import Client

from tests.helpers import link_url, order_of, reorder_url, toggle_url
from tests.testapp.models import Board, Card, Label

HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def post_form(client: Client, url: str, data: dict[str, Any], **extra: Any) -> Any:
    return client.post(url, data, HTTP_ACCEPT=HTML, **extra)


def messages_of(response: Any) -> list[tuple[str, str]]:
    return [(message.level_tag, str(message)) for message in get_messages(response.wsgi_request)]


def test_toggle_form_redirects_to_next_with_a_message(api: Client, cards: list[Card]) -> None:
    response = post_form(api, toggle_url(cards[0]), {"value": "on", "next": "/board/1/"})
    assert response.status_code == 303
    assert response["Location"] == "/board/1/"
    assert messages_of(response) == [("success", "Is done is on for “card 0”.")]
    assert Card.objects.get(pk=cards[0].pk).is_done


def test_reorder_form_with_repeated_order_fields(
    api: Client, board: Board, cards: list[Card]
) -> None:
    response = post_form(api, reorder_url(), {"order": [cards[2].pk, cards[0].pk], "next": "/"})
    assert response.status_code == 303
    assert messages_of(response) == [("success", "The new order is saved.")]
    assert order_of(board) == ["card 2", "card 1", "card 0", "card 3", "card 4"]


def test_move_form(api: Client, board: Board, cards: list[Card]) -> None:
    response = post_form(api, reorder_url(), {"pk": cards[3].pk, "to": "first"})
    assert response.status_code == 303
    assert messages_of(response) == [("success", "“card 3” is moved.")]
    assert order_of(board)[0] == "card 3"


@pytest.mark.parametrize("action", ["attach", "detach"])
def test_link_forms(api: Client, cards: list[Card], labels: list[Label], action: str) -> None:
    if action == "detach":
        cards[0].labels.add(labels[0])
    response = post_form(api, link_url(action, cards[0]), {"pk": labels[0].pk})
    assert response.status_code == 303
    verb = "attached to" if action == "attach" else "detached from"
    assert messages_of(response) == [("success", f"“red” is {verb} “card 0”.")]
    assert cards[0].labels.exists() is (action == "attach")


def test_invalid_form_says_why_and_writes_nothing(api: Client, cards: list[Card]) -> None:
    response = post_form(api, toggle_url(cards[0]), {"value": "maybe", "next": "/here/"})
    assert response.status_code == 303
    assert response["Location"] == "/here/"
    assert messages_of(response) == [("error", "Enter true or false.")]
    assert not Card.objects.get(pk=cards[0].pk).is_done


def test_refused_form_says_why(client: Client, viewer: User, cards: list[Card]) -> None:
    client.force_login(viewer)
    response = post_form(client, toggle_url(cards[0]), {"value": "on"})
    assert response.status_code == 303
    assert messages_of(response) == [("error", "You are not allowed to do this.")]


def test_anonymous_form_goes_to_login(client: Client, cards: list[Card]) -> None:
    response = post_form(client, toggle_url(cards[0]), {"value": "on", "next": "/stables/"})
    assert response.status_code == 303
    assert response["Location"] == "/accounts/login/?next=/stables/"


@pytest.mark.parametrize(
    ("next_url", "referer", "expected"),
    [
        ("https://evil.example/", "", "/"),
        ("//evil.example/", "http://testserver/list/", "http://testserver/list/"),
        ("", "http://evil.example/list/", "/"),
        ("", "http://testserver/list/?page=2", "http://testserver/list/?page=2"),
        ("javascript:alert(1)", "", "/"),
        ("/fine/", "http://testserver/list/", "/fine/"),
    ],
)
def test_redirects_only_to_safe_places(
    api: Client, cards: list[Card], next_url: str, referer: str, expected: str
) -> None:
    data = {"next": next_url} if next_url else {}
    response = post_form(api, toggle_url(cards[0]), data, HTTP_REFERER=referer)
    assert response.status_code == 303
    assert response["Location"] == expected


def test_form_post_that_prefers_json_gets_json(api: Client, cards: list[Card]) -> None:
    response = api.post(toggle_url(cards[0]), {"value": "on"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["value"] is True


def test_form_post_that_accepts_anything_gets_json(api: Client, cards: list[Card]) -> None:
    response = api.post(toggle_url(cards[0]), {"value": "off"}, HTTP_ACCEPT="*/*")
    assert response.json() == {
        "changed": False,
        "pk": str(cards[0].pk),
        "field": "is_done",
        "value": False,
    }


def test_form_may_carry_the_csrf_token(editor: User, cards: list[Card]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    client.get("/accounts/login/")  # renders {% csrf_token %}, which sets the cookie
    token = client.cookies["csrftoken"].value
    response = post_form(client, toggle_url(cards[0]), {"csrfmiddlewaretoken": token})
    assert response.status_code == 303
    assert messages_of(response) == [("success", "Is done is on for “card 0”.")]


def test_form_without_csrf_token_is_refused_with_a_message(
    editor: User, cards: list[Card]
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = post_form(client, toggle_url(cards[0]), {"value": "on"})
    assert response.status_code == 303
    ((level, message),) = messages_of(response)
    assert (level, message.split(".")[0]) == ("error", "Your browser sent no CSRF cookie")
    assert not Card.objects.get(pk=cards[0].pk).is_done


def test_json_header_token_is_accepted(editor: User, cards: list[Card]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    client.get("/accounts/login/")  # renders {% csrf_token %}, which sets the cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        toggle_url(cards[0]), "{}", content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert response.status_code == 200
