"""Editing in place (``operations.edit`` and the edit endpoint): the model's own validation,
unique constraints, the same guards as the other endpoints, and the plain-form fallback."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.test import Client

import orderkit
from orderkit import operations
from orderkit.exceptions import NotFound
from orderkit.operations import editing
from orderkit.registry import registry
from ponies.models import Pony, Stable
from tests.helpers import PostJson, code_of, edit_url, errors_of, make_user
from tests.testapp.models import Card

HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def title_of(card: Card) -> str:
    return Card.objects.get(pk=card.pk).title


def test_edit_sets_the_field(post_json: PostJson, cards: list[Card]) -> None:
    response = post_json(edit_url(cards[0]), {"value": "Renamed"})
    assert response.status_code == 200
    assert response.json() == {
        "changed": True,
        "pk": str(cards[0].pk),
        "field": "title",
        "value": "Renamed",
    }
    assert title_of(cards[0]) == "Renamed"
    entry = LogEntry.objects.get()
    assert entry.object_id == str(cards[0].pk)
    assert entry.get_change_message() == "Changed Title."


def test_edit_to_the_same_value_changes_nothing(post_json: PostJson, cards: list[Card]) -> None:
    response = post_json(edit_url(cards[0]), {"value": "card 0"})
    assert response.json()["changed"] is False
    assert not LogEntry.objects.exists()


def test_edit_strips_the_value_as_a_form_does(post_json: PostJson, cards: list[Card]) -> None:
    assert post_json(edit_url(cards[0]), {"value": "  Spaced  "}).json()["value"] == "Spaced"


def test_edit_writes_only_its_field(post_json: PostJson, cards: list[Card]) -> None:
    Card.objects.filter(pk=cards[0].pk).update(is_done=True)
    post_json(edit_url(cards[0]), {"value": "Renamed"})
    card = Card.objects.get(pk=cards[0].pk)
    assert (card.title, card.is_done, card.position) == ("Renamed", True, 0)


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"value": "x" * 101}, "value", "max_length"),
        ({"value": "   "}, "value", "blank"),
        ({}, "value", "required"),
        ({"value": 5}, "value", "invalid"),
        ({"value": None}, "value", "invalid"),
        ({"value": "a\x00b"}, "value", "null_characters_not_allowed"),
        ({"value": "x", "title": "y"}, "__all__", "unexpected"),
    ],
)
def test_edit_refuses_what_the_model_refuses(
    post_json: PostJson, cards: list[Card], body: dict[str, Any], field: str, code: str
) -> None:
    response = post_json(edit_url(cards[0]), body)
    assert code_of(response, 400, field) == code
    assert title_of(cards[0]) == "card 0"
    assert not LogEntry.objects.exists()


def post_value(client: Client, url: str, value: object) -> Any:
    return client.post(url, {"value": value}, content_type="application/json")


def test_a_unique_constraint_of_the_field_and_its_group(groom: Client, ponies: list[Pony]) -> None:
    response = post_value(groom, edit_url(ponies[0], "name"), "Clover")
    assert errors_of(response, 400) == {
        "value": [{"message": "This stable has a pony of that name already.", "code": "unique"}]
    }
    assert Pony.objects.get(pk=ponies[0].pk).name == "Bramble"
    assert post_value(groom, edit_url(ponies[0], "name"), "Dusty").status_code == 200


def test_a_name_taken_between_the_check_and_the_write_is_the_field_s_error(
    transactional_db: None, groom: Client, ponies: list[Pony], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another request stores the name after this one's check passed (the first check is
    made blind to stand for it): the write meets the database's constraint, and the request
    runs again as a whole, whose check names the field's error: a 400, never a 500. (Only
    a transaction of orderkit's own is run again: hence a test without the test's one.)"""
    real_validate = editing.validate
    checks: list[str] = []

    def validate_late(row: Any, field: str) -> None:
        checks.append(field)
        if len(checks) > 1:
            real_validate(row, field)

    monkeypatch.setattr(editing, "validate", validate_late)
    response = post_value(groom, edit_url(ponies[0], "name"), "Clover")
    assert errors_of(response, 400) == {
        "value": [{"message": "This stable has a pony of that name already.", "code": "unique"}]
    }
    assert checks == ["name", "name"]
    assert Pony.objects.get(pk=ponies[0].pk).name == "Bramble"
    assert not LogEntry.objects.exists()


@pytest.fixture
def stable_kit(db: None) -> Iterator[None]:
    """Stables registered with a ``unique=True`` name, for the test's time."""
    orderkit.register(Stable, editable=("name",))
    yield
    registry.remove(Stable)


def test_a_unique_field(stable_kit: None, client: Client, ponies: list[Pony]) -> None:
    client.force_login(make_user("keeper", "ponies.change_stable"))
    north = Stable.objects.get(name="North")
    response = post_value(client, edit_url(north, "name"), "South")
    assert errors_of(response, 400) == {
        "value": [{"message": "Stable with this Name already exists.", "code": "unique"}]
    }


def test_an_unregistered_field_is_not_found(post_json: PostJson, cards: list[Card]) -> None:
    assert code_of(post_json(edit_url(cards[0], "is_hidden"), {"value": "x"}), 404) == (
        "not_found"
    )


def test_a_row_outside_the_scope_is_not_found(post_json: PostJson, cards: list[Card]) -> None:
    Card.objects.filter(pk=cards[0].pk).update(is_hidden=True)
    assert code_of(post_json(edit_url(cards[0]), {"value": "x"}), 404) == "not_found"


def test_edit_needs_a_login(client: Client, cards: list[Card]) -> None:
    assert code_of(post_value(client, edit_url(cards[0]), "x"), 403) == "login_required"


def test_edit_needs_the_permission(client: Client, viewer: User, cards: list[Card]) -> None:
    client.force_login(viewer)
    assert code_of(post_value(client, edit_url(cards[0]), "x"), 403) == "permission_denied"
    assert title_of(cards[0]) == "card 0"


def test_edit_checks_csrf(editor: User, cards: list[Card]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert code_of(post_value(client, edit_url(cards[0]), "x"), 403) == "csrf_failed"


def test_edit_is_post_only(api: Client, cards: list[Card]) -> None:
    assert code_of(api.get(edit_url(cards[0])), 405) == "method_not_allowed"


def test_plain_form_edit_comes_back_with_a_message(api: Client, cards: list[Card]) -> None:
    response = api.post(edit_url(cards[0]), {"value": "Renamed", "next": "/b/"}, HTTP_ACCEPT=HTML)
    assert response.status_code == 303
    assert response["Location"] == "/b/"
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Title is now “Renamed”."]
    assert title_of(cards[0]) == "Renamed"


def test_plain_form_edit_refused_comes_back_with_the_error(api: Client, cards: list[Card]) -> None:
    response = api.post(edit_url(cards[0]), {"value": "x" * 101}, HTTP_ACCEPT=HTML)
    assert response.status_code == 303
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Ensure this value has at most 100 characters (it has 101)."
    ]
    assert title_of(cards[0]) == "card 0"


def test_edit_from_python_raises_the_model_s_error(cards: list[Card]) -> None:
    with pytest.raises(ValidationError) as raised:
        operations.edit(registry.get(Card), cards[0], "title", "")
    assert raised.value.message_dict == {"title": ["This field cannot be blank."]}
    assert cards[0].title == "card 0"


def test_edit_from_python_sets_the_instance(cards: list[Card]) -> None:
    result = operations.edit(registry.get(Card), cards[0], "title", "Renamed")
    assert (result.changed, result.value, cards[0].title) == (True, "Renamed", "Renamed")


def test_edit_of_a_vanished_row(cards: list[Card]) -> None:
    Card.objects.filter(pk=cards[0].pk).delete()
    with pytest.raises(NotFound):
        operations.edit(registry.get(Card), cards[0], "title", "x")


def test_edit_of_an_unregistered_field_from_python(cards: list[Card]) -> None:
    with pytest.raises(NotFound):
        operations.edit(registry.get(Card), cards[0], "is_hidden", "x")
