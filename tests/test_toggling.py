"""Toggles (``operations.toggle`` and the toggle endpoint), over HTTP and from Python."""

from __future__ import annotations

import pytest
from django.test import Client

from orderkit import operations
from orderkit.exceptions import NotFound
from orderkit.registry import registry
from tests.helpers import PostJson, make_user, toggle_url
from tests.testapp.models import Card, Chapter


def is_done(card: Card) -> bool:
    return Card.objects.get(pk=card.pk).is_done


def test_flip_twice(post_json: PostJson, cards: list[Card]) -> None:
    assert post_json(toggle_url(cards[0]), {}).json()["value"] is True
    assert post_json(toggle_url(cards[0]), {}).json()["value"] is False
    assert not is_done(cards[0])


@pytest.mark.parametrize(("value", "changed"), [(True, True), (False, False)])
def test_set(post_json: PostJson, cards: list[Card], value: bool, changed: bool) -> None:
    response = post_json(toggle_url(cards[0]), {"value": value})
    assert response.json() == {
        "changed": changed,
        "pk": str(cards[0].pk),
        "field": "is_done",
        "value": value,
    }
    assert is_done(cards[0]) is value


def test_toggle_writes_only_its_field(post_json: PostJson, cards: list[Card]) -> None:
    Card.objects.filter(pk=cards[0].pk).update(title="changed elsewhere")
    post_json(toggle_url(cards[0]), {})
    card = Card.objects.get(pk=cards[0].pk)
    assert (card.title, card.is_done, card.is_hidden) == ("changed elsewhere", True, False)


def test_flip_reads_the_value_inside_the_lock(cards: list[Card]) -> None:
    stale = Card.objects.get(pk=cards[0].pk)
    Card.objects.filter(pk=cards[0].pk).update(is_done=True)
    result = operations.toggle(registry.get(Card), stale, "is_done")
    assert result.value is False
    assert stale.is_done is False


def test_toggle_with_extra_permission(client: Client, db: None) -> None:
    chapter = Chapter.objects.create(title="one")
    client.force_login(make_user("publisher", "testapp.change_chapter", "testapp.publish_chapter"))
    response = client.post(
        toggle_url(chapter, "is_published"), {"value": True}, content_type="application/json"
    )
    assert response.json()["value"] is True
    assert Chapter.objects.get(pk=chapter.pk).is_published


def test_toggle_of_an_unregistered_field_from_python(cards: list[Card]) -> None:
    with pytest.raises(NotFound):
        operations.toggle(registry.get(Card), cards[0], "is_hidden")


def test_toggle_of_a_vanished_row(cards: list[Card]) -> None:
    Card.objects.filter(pk=cards[0].pk).delete()
    with pytest.raises(NotFound):
        operations.toggle(registry.get(Card), cards[0], "is_done")
