"""``{% orderkit_sortable rows %}`` takes a queryset of a model registered with an
``order_field``, read in the kit's order; anything else is refused with the fix."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F
from django.test import override_settings

from orderkit.templatetags.orderkit import warn_once
from tests.helpers import reorder_url
from tests.test_templatetags import page_request, render
from tests.testapp.models import Board, Card, Chapter, Label

SORTABLE = f'data-orderkit="sortable" data-url="{reorder_url()}"'
FIX = (
    "Give the queryset .order_by('board', 'position'), or set Meta.ordering = ['board', "
    "'position'] on testapp.Card."
)


@pytest.fixture(autouse=True)
def fresh_warnings() -> Iterator[None]:
    """Each test starts with nothing logged yet (the tag logs each problem once)."""
    warn_once.cache_clear()
    yield
    warn_once.cache_clear()


def sortable(editor: User, rows: Any) -> str:
    return render("{% orderkit_sortable rows %}", page_request(editor), rows=rows)


def refusal(editor: User, source: str, **context: Any) -> str:
    with pytest.raises(ImproperlyConfigured) as raised:
        render(source, page_request(editor), **context)
    return str(raised.value)


# Anything that is not a queryset


def test_an_undefined_variable_is_named_as_such(editor: User) -> None:
    assert refusal(editor, "{% orderkit_sortable ponies %}") == (
        "{% orderkit_sortable %} takes the queryset of the rows that the list shows, e.g. "
        "{% orderkit_sortable stable.ponies.all %}, not '' (the value of a variable that the "
        "template does not know: check its name)."
    )


@pytest.mark.parametrize(
    ("rows", "kind"),
    [(Card(title="one"), "a Card"), ("cards", "a str"), (None, "a NoneType")],
)
def test_what_is_not_a_queryset_is_refused(editor: User, rows: Any, kind: str) -> None:
    assert refusal(editor, "{% orderkit_sortable rows %}", rows=rows) == (
        "{% orderkit_sortable %} takes the queryset of the rows that the list shows, e.g. "
        f"{{% orderkit_sortable stable.ponies.all %}}, not {kind}."
    )


def test_a_list_of_rows_is_refused(editor: User, cards: list[Card]) -> None:
    """A list (``rows|dictsort:"title"``, ``list(rows)``) says nothing of its order."""
    assert refusal(editor, "{% orderkit_sortable rows %}", rows=cards).endswith(
        "{% orderkit_sortable stable.ponies.all %}, not a list."
    )


# A queryset of a model that orderkit does not reorder


def test_a_queryset_of_an_unregistered_model_names_the_registration(editor: User) -> None:
    assert refusal(editor, "{% orderkit_sortable rows %}", rows=Board.objects.all()) == (
        "testapp.Board is not registered with orderkit; register it with "
        "@orderkit.register(Board) in a kits.py."
    )


def test_a_queryset_of_a_model_without_order_field_names_the_option(editor: User) -> None:
    assert refusal(editor, "{% orderkit_sortable rows %}", rows=Label.objects.all()) == (
        "testapp.Label is registered without order_field, which reordering needs: set "
        "order_field on its Kit."
    )


# The order the rows are read in


@pytest.mark.parametrize(
    "rows",
    [
        lambda board: Card.objects.all(),
        lambda board: board.card_set.all(),
        lambda board: Card.objects.filter(board=board).order_by("position"),
        lambda board: Card.objects.order_by("board_id", F("position").asc(), "title"),
        lambda board: Card.objects.order_by("title").order_by("board", "position"),
        lambda board: Card.objects.order_by("-position").reverse(),
    ],
    ids=["meta-ordering", "related-manager", "one-group", "expression", "reordered", "reversed"],
)
def test_rows_in_the_kits_order_are_sortable(editor: User, board: Board, rows: Any) -> None:
    assert sortable(editor, rows(board)) == SORTABLE


@pytest.mark.parametrize(
    ("rows", "shown"),
    [
        (lambda: Card.objects.order_by("title"), "['title']"),
        (lambda: Card.objects.order_by("-position"), "['-position']"),
        (lambda: Card.objects.order_by("board", "-position"), "['board', '-position']"),
        (lambda: Card.objects.order_by(), "[]"),
        (lambda: Card.objects.order_by("position").reverse(), "['position'], reversed"),
        (lambda: Card.objects.order_by().reverse(), "[], reversed"),
        (lambda: Card.objects.extra(order_by=["title"]), "['title']"),
    ],
    ids=[
        "other-field",
        "descending",
        "group-then-descending",
        "unordered",
        "reversed",
        "unordered-reversed",
        "extra",
    ],
)
@override_settings(DEBUG=True)
def test_under_debug_rows_in_another_order_are_an_error(
    editor: User, rows: Any, shown: str
) -> None:
    message = refusal(editor, "{% orderkit_sortable rows %}", rows=rows())
    assert message.startswith(
        f"{{% orderkit_sortable %}} got testapp.Card rows ordered by {shown}"
    )
    assert FIX in message


@override_settings(DEBUG=True)
def test_under_debug_a_meta_ordering_of_another_order_is_an_error(
    editor: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Card._meta, "ordering", ["title"])
    message = refusal(editor, "{% orderkit_sortable rows %}", rows=Card.objects.all())
    assert message == (
        "{% orderkit_sortable %} got testapp.Card rows ordered by ['title'], but a sortable "
        "list must show them by 'position' from low to high (after the group_by fields, if "
        f"any): a drag there would seem undone by the next page load. {FIX}"
    )


def test_the_fix_of_a_kit_without_groups_names_the_order_field(editor: User) -> None:
    with override_settings(DEBUG=True):
        message = refusal(
            editor, "{% orderkit_sortable rows %}", rows=Chapter.objects.order_by("title")
        )
    assert message.endswith(
        "Give the queryset .order_by('number'), or set Meta.ordering = ['number'] on "
        "testapp.Chapter."
    )


def test_without_debug_rows_in_another_order_are_not_sortable_and_logged_once(
    editor: User, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="orderkit"):
        for _ in range(3):
            assert sortable(editor, Card.objects.order_by("title")) == ""
        assert sortable(editor, Chapter.objects.order_by("title")) == ""
    assert [(record.name, record.levelno) for record in caplog.records] == [
        ("orderkit", logging.WARNING),
        ("orderkit", logging.WARNING),
    ]
    card, chapter = (record.getMessage() for record in caplog.records)
    assert card.startswith("orderkit: {% orderkit_sortable %} got testapp.Card rows ordered by")
    assert card.endswith(FIX)
    assert chapter.startswith("orderkit: {% orderkit_sortable %} got testapp.Chapter rows")


def test_without_debug_the_rows_of_a_list_that_is_not_sortable_get_no_handles(
    editor: User, board: Board, cards: list[Card]
) -> None:
    """Handles would be buttons that do nothing, outside a sortable container."""
    html = render(
        "<ol {% orderkit_sortable rows %}>{% for card in rows %}{% orderkit_handle card %}"
        "{% endfor %}</ol><ol {% orderkit_sortable chapters %}>{% orderkit_handle chapter %}</ol>",
        page_request(editor),
        rows=Card.objects.order_by("title"),
        chapters=Chapter.objects.all(),
        chapter=Chapter.objects.create(title="one"),
    )
    sortable_chapters = f'data-orderkit="sortable" data-url="{reorder_url("testapp.chapter")}"'
    assert html.startswith(f"<ol ></ol><ol {sortable_chapters}><button")
    assert html.count("data-orderkit-handle") == 1
