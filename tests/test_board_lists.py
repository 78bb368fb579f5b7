"""``{% orderkit_sortable rows board=board %}``: the lists of a kit that moves rows between
groups name their group, and so form a board whose lists exchange items."""

from __future__ import annotations

import html
import json

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

from orderkit.registry import registry
from tests.helpers import reorder_url
from tests.test_templatetags import page_request, render
from tests.testapp.models import Board, Card

SORTABLE = f'data-orderkit="sortable" data-url="{reorder_url()}"'
SOURCE = "{% orderkit_sortable rows board=board %}"


@pytest.fixture
def between(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry.get(Card), "move_between_groups", True)


def board_list(editor: User, board: Board | None, source: str = SOURCE) -> str:
    rows = Card.objects.filter(board=board)
    return render(source, page_request(editor), rows=rows, board=board)


@pytest.mark.usefixtures("between")
def test_a_list_that_names_its_group_is_a_list_of_the_board(editor: User, board: Board) -> None:
    group = html.escape(json.dumps({"board": board.pk}))
    assert board_list(editor, board) == (
        f'{SORTABLE} data-orderkit-board="testapp.card" data-orderkit-group="{group}" '
        'data-orderkit-group-label="Board"'
    )


@pytest.mark.usefixtures("between")
def test_the_null_group_is_named_with_null(editor: User) -> None:
    rendered = board_list(editor, None)
    assert f'data-orderkit-group="{html.escape(json.dumps({"board": None}))}"' in rendered


@pytest.mark.usefixtures("between")
def test_a_list_that_names_no_group_stays_alone(editor: User, board: Board) -> None:
    assert board_list(editor, board, "{% orderkit_sortable rows %}") == SORTABLE


def test_a_kit_that_keeps_rows_in_their_groups_makes_no_board(editor: User, board: Board) -> None:
    assert board_list(editor, board) == SORTABLE


@pytest.mark.usefixtures("between")
def test_a_caller_who_may_not_regroup_gets_a_list_of_its_own(
    editor: User, board: Board, monkeypatch: pytest.MonkeyPatch
) -> None:
    def has_permission(request: HttpRequest, action: str, obj: object = None) -> bool:
        return action != "regroup"

    monkeypatch.setattr(registry.get(Card), "has_permission", has_permission)
    assert board_list(editor, board) == SORTABLE


@pytest.mark.usefixtures("between")
def test_a_group_named_by_other_names_is_refused_with_the_kits_names(
    editor: User, board: Board
) -> None:
    with pytest.raises(ImproperlyConfigured) as raised:
        board_list(editor, board, "{% orderkit_sortable rows stable=board %}")
    assert str(raised.value) == (
        "{% orderkit_sortable %} names the group of a list of testapp.Card by board, "
        "not by stable."
    )
