"""Many-to-many links (``operations.attach`` and ``detach``, and their endpoints), over
HTTP and from Python."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db.models.signals import m2m_changed
from django.test import Client

from orderkit import operations
from orderkit.exceptions import NotFound
from orderkit.registry import registry
from tests.helpers import PostJson, link_url, make_user
from tests.testapp.models import Card, Label


@pytest.fixture
def removals(db: None) -> Any:
    seen: list[tuple[str, set[Any]]] = []

    def receiver(action: str, pk_set: set[Any], **kwargs: Any) -> None:
        seen.append((action, pk_set))

    m2m_changed.connect(receiver, sender=Card.labels.through)
    yield seen
    m2m_changed.disconnect(receiver, sender=Card.labels.through)


def test_attach(
    post_json: PostJson, cards: list[Card], labels: list[Label], removals: list[Any]
) -> None:
    response = post_json(link_url("attach", cards[0]), {"pk": str(labels[1].pk)})
    assert response.json() == {
        "changed": True,
        "pk": str(cards[0].pk),
        "relation": "labels",
        "related_pk": str(labels[1].pk),
    }
    assert list(cards[0].labels.all()) == [labels[1]]
    assert removals == [("pre_add", {labels[1].pk}), ("post_add", {labels[1].pk})]


def test_attach_of_a_present_link_changes_nothing(
    post_json: PostJson, cards: list[Card], labels: list[Label], removals: list[Any]
) -> None:
    cards[0].labels.add(labels[1])
    removals.clear()
    response = post_json(link_url("attach", cards[0]), {"pk": labels[1].pk})
    assert response.json()["changed"] is False
    assert removals == []


def test_detach_calls_remove(
    post_json: PostJson, cards: list[Card], labels: list[Label], removals: list[Any]
) -> None:
    cards[0].labels.add(labels[0], labels[1])
    removals.clear()
    response = post_json(link_url("detach", cards[0]), {"pk": labels[0].pk})
    assert response.json()["changed"] is True
    assert list(cards[0].labels.all()) == [labels[1]]
    assert removals == [("pre_remove", {labels[0].pk}), ("post_remove", {labels[0].pk})]


def test_detach_of_an_absent_link_changes_nothing(
    post_json: PostJson, cards: list[Card], labels: list[Label]
) -> None:
    response = post_json(link_url("detach", cards[0]), {"pk": labels[0].pk})
    assert response.status_code == 200
    assert response.json()["changed"] is False


def test_detach_of_a_linked_object_outside_the_attach_scope(
    post_json: PostJson, cards: list[Card], labels: list[Label]
) -> None:
    secret = labels[2]
    cards[0].labels.add(secret)
    response = post_json(link_url("detach", cards[0]), {"pk": secret.pk})
    assert response.json()["changed"] is True
    assert not cards[0].labels.exists()


def test_reverse_relation(client: Client, cards: list[Card], labels: list[Label]) -> None:
    client.force_login(make_user("labeller", "testapp.change_label"))
    response = client.post(
        link_url("attach", labels[0], "cards"),
        {"pk": cards[3].pk},
        content_type="application/json",
    )
    assert response.json()["related_pk"] == str(cards[3].pk)
    assert list(labels[0].cards.all()) == [cards[3]]


def test_link_of_a_vanished_owner(cards: list[Card], labels: list[Label]) -> None:
    Card.objects.filter(pk=cards[0].pk).delete()
    with pytest.raises(NotFound):
        operations.attach(registry.get(Card), cards[0], "labels", labels[0])


def test_link_of_an_unregistered_relation_from_python(
    cards: list[Card], labels: list[Label], editor: User
) -> None:
    with pytest.raises(NotFound):
        operations.detach(registry.get(Label), labels[0], "card_set", cards[0], user=editor)
