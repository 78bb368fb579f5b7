"""Audit (docs/signals.md, docs/security.md): one LogEntry per changed row, and signals once
the transaction commits."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.db import transaction
from django.dispatch import Signal
from django.test import override_settings
from django.utils import translation

from orderkit import operations, signals
from orderkit.registry import registry
from tests.helpers import PostJson, edit_url, link_url, reorder_url, toggle_url
from tests.testapp.models import Card, Label


def entries() -> list[tuple[str | None, int, str]]:
    """The LogEntry rows in the order they were written (object ids are text: "10" sorts
    before "9")."""
    return [
        (entry.object_id, entry.action_flag, entry.get_change_message())
        for entry in LogEntry.objects.order_by("pk")
    ]


def test_a_move_logs_the_moved_row_only_with_where_it_went(
    post_json: PostJson, cards: list[Card]
) -> None:
    post_json(reorder_url(), {"pk": cards[4].pk, "before": cards[1].pk})
    assert entries() == [(str(cards[4].pk), CHANGE, "Changed Position.")]
    assert LogEntry.objects.get().change_message == (
        f'[{{"changed": {{"fields": ["Position"]}}}}, {{"moved": {{"before": "{cards[1]}"}}}}]'
    )


def test_an_order_logs_each_named_row_that_moved(post_json: PostJson, cards: list[Card]) -> None:
    post_json(reorder_url(), {"order": [cards[2].pk, cards[1].pk, cards[0].pk]})
    assert entries() == [
        (str(cards[2].pk), CHANGE, "Changed Position."),
        (str(cards[0].pk), CHANGE, "Changed Position."),
    ]


def test_a_named_row_that_did_not_move_is_not_logged(
    post_json: PostJson, cards: list[Card]
) -> None:
    post_json(reorder_url(), {"pk": cards[3].pk, "after": cards[1].pk})
    assert entries() == [(str(cards[3].pk), CHANGE, "Changed Position.")]


def test_a_toggle_logs_its_field_and_a_link_names_the_object(
    post_json: PostJson, cards: list[Card], labels: list[Label], editor: User
) -> None:
    post_json(toggle_url(cards[0]), {})
    post_json(link_url("attach", cards[1]), {"pk": labels[0].pk})
    post_json(link_url("detach", cards[1]), {"pk": labels[0].pk})
    label = labels[0].name
    assert entries() == [
        (str(cards[0].pk), CHANGE, "Changed Is done."),
        (str(cards[1].pk), CHANGE, f"Added card-label relationship “{label}”."),
        (str(cards[1].pk), CHANGE, f"Deleted card-label relationship “{label}”."),
    ]
    assert {entry.user_id for entry in LogEntry.objects.all()} == {editor.pk}
    # Django's structured message, which the History page translates.
    last = LogEntry.objects.order_by("pk").last()
    assert last is not None
    assert json.loads(last.change_message) == [
        {"deleted": {"name": "card-label relationship", "object": label}}
    ]
    with translation.override("de"):
        assert last.get_change_message() == f"Card-label relationship „{label}“ gelöscht."


def test_a_link_through_a_reverse_relation_names_the_object(
    post_json: PostJson, cards: list[Card], labels: list[Label]
) -> None:
    post_json(link_url("attach", labels[0], "cards"), {"pk": cards[1].pk})
    assert entries() == [
        (str(labels[0].pk), CHANGE, f"Added card-label relationship “{cards[1]}”.")
    ]


def test_nothing_changed_nothing_logged(
    post_json: PostJson, cards: list[Card], labels: list[Label]
) -> None:
    post_json(toggle_url(cards[0]), {"value": False})
    post_json(reorder_url(), {"pk": cards[0].pk, "to": "first"})
    post_json(link_url("detach", cards[0]), {"pk": labels[0].pk})
    assert entries() == []


@override_settings(ORDERKIT={"LOG_ENTRIES": False})
def test_log_entries_can_be_switched_off(post_json: PostJson, cards: list[Card]) -> None:
    post_json(toggle_url(cards[0]), {})
    assert entries() == []


def test_python_callers_without_a_user_leave_no_log_entry(cards: list[Card]) -> None:
    operations.toggle(registry.get(Card), cards[0], "is_done")
    assert entries() == []


def test_signals_are_sent_after_commit(
    post_json: PostJson,
    cards: list[Card],
    labels: list[Label],
    editor: User,
    received: Callable[[Signal], list[dict[str, Any]]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_json(reorder_url(), {"pk": cards[4].pk, "to": "first"})
        post_json(toggle_url(cards[0]), {})
        post_json(link_url("attach", cards[0]), {"pk": labels[0].pk})
        post_json(link_url("detach", cards[0]), {"pk": labels[0].pk})
        post_json(edit_url(cards[1]), {"value": "Renamed"})
    assert received(signals.reordered) == []
    assert received(signals.edited) == []
    for callback in callbacks:
        callback()
    (moved,) = received(signals.reordered)
    assert moved["sender"] is Card
    assert moved["positions"] == {cards[4].pk: 0}
    assert moved["user"] == editor
    assert moved["request"].path == reorder_url()
    (toggled,) = received(signals.toggled)
    assert (toggled["instance"], toggled["field"], toggled["value"]) == (cards[0], "is_done", True)
    (edited,) = received(signals.edited)
    assert (edited["instance"], edited["field"], edited["value"]) == (cards[1], "title", "Renamed")
    (attached,) = received(signals.attached)
    (detached,) = received(signals.detached)
    for sent in (attached, detached):
        assert (sent["instance"], sent["relation"], sent["related"]) == (
            cards[0],
            "labels",
            labels[0],
        )


def test_no_signal_when_nothing_changed(
    cards: list[Card],
    received: Callable[[Signal], list[dict[str, Any]]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        operations.toggle(registry.get(Card), cards[0], "is_done", False)
        operations.move(registry.get(Card), cards[0], to="first")
    assert received(signals.toggled) == []
    assert received(signals.reordered) == []


def test_no_signal_when_the_outer_transaction_rolls_back(
    cards: list[Card],
    received: Callable[[Signal], list[dict[str, Any]]],
    django_capture_on_commit_callbacks: Any,
) -> None:
    def toggle_then_fail() -> None:
        with transaction.atomic():
            operations.toggle(registry.get(Card), cards[0], "is_done")
            raise RuntimeError("caller's own failure")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        toggle_then_fail()
    assert callbacks == []
    assert not Card.objects.get(pk=cards[0].pk).is_done


def test_a_failing_receiver_is_logged_not_raised(
    cards: list[Card], caplog: pytest.LogCaptureFixture, django_capture_on_commit_callbacks: Any
) -> None:
    def broken(**kwargs: Any) -> None:
        raise RuntimeError("receiver bug")

    signals.toggled.connect(broken)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            result = operations.toggle(registry.get(Card), cards[0], "is_done")
    finally:
        signals.toggled.disconnect(broken)
    assert result.changed
    assert "receiver bug" in caplog.text
