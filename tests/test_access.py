"""The access gate (``orderkit.access``): the one place that decides who may act on what."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Model
from django.http import HttpRequest
from django.test import RequestFactory

from orderkit.access import Access, refusal
from orderkit.exceptions import LoginRequired, PermissionDenied
from orderkit.registry import registry
from tests.helpers import make_user
from tests.testapp.kits import CardKit
from tests.testapp.models import Board, Card, Chapter, Label


def request_by(user: User | AnonymousUser) -> HttpRequest:
    request = RequestFactory().post("/")
    request.user = user
    return request


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """Every question put to CardKit.has_permission; rows titled "theirs" are refused."""
    questions: list[tuple[str, Any]] = []

    def has_permission(self: CardKit, request: Any, action: str, obj: Any = None) -> bool:
        questions.append((action, obj))
        return obj is None or obj.title != "theirs"

    monkeypatch.setattr(CardKit, "has_permission", has_permission)
    return questions


def test_the_model_level_question_is_asked_once_per_gate(
    editor: User, board: Board, asked: list[tuple[str, Any]]
) -> None:
    mine = Card.objects.create(title="mine", board=board)
    access = Access(registry.get(Card), request_by(editor), "reorder")
    assert access.allows()
    assert access.allows(mine)
    assert access.allows(mine)
    assert asked == [("reorder", None), ("reorder", mine), ("reorder", mine)]


def test_a_row_is_refused_by_the_kits_question_about_it(
    editor: User, board: Board, asked: list[tuple[str, Any]]
) -> None:
    theirs = Card.objects.create(title="theirs", board=board)
    access = Access(registry.get(Card), request_by(editor), "detach")
    assert access.allows()
    assert not access.allows(theirs)
    with pytest.raises(PermissionDenied) as raised:
        access.require(theirs)
    assert raised.value.obj == theirs
    assert raised.value.message == "You are not allowed to do this."


def test_a_model_level_refusal_refuses_every_row_without_asking_about_it(
    viewer: User, board: Board
) -> None:
    row = Card.objects.create(title="mine", board=board)
    access = Access(registry.get(Card), request_by(viewer), "reorder")
    assert not access.allows()
    assert not access.allows(row)


def test_an_anonymous_caller_is_told_to_log_in(board: Board, db: None) -> None:
    access = Access(registry.get(Card), request_by(AnonymousUser()), "toggle")
    with pytest.raises(LoginRequired):
        access.require()


def test_refusal_names_login_or_permission(editor: User) -> None:
    assert isinstance(refusal(request_by(AnonymousUser())), LoginRequired)
    denied = refusal(request_by(editor), editor)
    assert isinstance(denied, PermissionDenied)
    assert denied.obj == editor


def test_require_each_stops_at_the_first_refused_row(
    editor: User, board: Board, asked: list[tuple[str, Any]]
) -> None:
    rows = [Card.objects.create(title=title, board=board) for title in ("a", "theirs", "b")]
    access = Access(registry.get(Card), request_by(editor), "reorder")
    with pytest.raises(PermissionDenied) as raised:
        access.require_each(rows)
    assert raised.value.obj == rows[1]
    assert asked == [("reorder", None), ("reorder", rows[0]), ("reorder", rows[1])]


def test_a_toggles_own_permission_is_asked_with_the_model(db: None) -> None:
    chapter = Chapter.objects.create(title="one")
    kit = registry.get(Chapter)
    without = request_by(make_user("without", "testapp.change_chapter"))
    publisher = request_by(
        make_user("publisher", "testapp.change_chapter", "testapp.publish_chapter")
    )
    assert not Access(kit, without, "toggle", field="is_published").allows()
    assert Access(kit, publisher, "toggle", field="is_published").allows(chapter)
    # Other actions, and toggles without a permission of their own, do not ask it.
    assert Access(kit, without, "reorder").allows(chapter)


def test_the_callers_condition_is_asked_with_the_model_then_each_row(
    editor: User, board: Board
) -> None:
    rows = [Card.objects.create(title=title, board=board) for title in ("a", "b")]
    seen: list[Model | None] = []

    def only_a(obj: Model | None) -> bool:
        seen.append(obj)
        return obj is None or obj.pk == rows[0].pk

    access = Access(registry.get(Card), request_by(editor), "reorder", also=only_a)
    assert access.allows(rows[0])
    assert not access.allows(rows[1])
    assert seen == [None, rows[0], rows[1]]


def test_a_callers_condition_that_refuses_the_model_refuses_all(editor: User) -> None:
    access = Access(registry.get(Card), request_by(editor), "reorder", also=lambda obj: False)
    assert not access.allows()


def test_rows_are_the_kits_scope(editor: User, board: Board) -> None:
    shown = Card.objects.create(title="shown", board=board)
    Card.objects.create(title="hidden", board=board, is_hidden=True)
    access = Access(registry.get(Card), request_by(editor), "reorder")
    assert list(access.rows()) == [shown]


def test_rows_within_the_callers_queryset_are_in_both(editor: User, board: Board) -> None:
    shown = [Card.objects.create(title=title, board=board) for title in ("a", "b")]
    Card.objects.create(title="hidden", board=board, is_hidden=True)
    within = Card.objects.exclude(pk=shown[1].pk)
    access = Access(registry.get(Card), request_by(editor), "reorder", within=within)
    assert list(access.rows()) == [shown[0]]


def test_attach_may_name_what_related_queryset_offers(editor: User, labels: list[Label]) -> None:
    access = Access(registry.get(Card), request_by(editor), "attach")
    assert {label.name for label in access.related("labels")} == {"red", "green"}


def test_detach_may_also_name_what_is_linked_now(
    editor: User, board: Board, labels: list[Label]
) -> None:
    card = Card.objects.create(title="card", board=board)
    secret = labels[2]
    card.labels.add(secret)
    access = Access(registry.get(Card), request_by(editor), "detach")
    assert {label.name for label in access.related("labels", card)} == {
        "red",
        "green",
        "secret",
    }
    # Without the row, only what could be attached.
    assert secret not in access.related("labels")
