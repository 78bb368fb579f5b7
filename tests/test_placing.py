from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from pytest_django import DjangoAssertNumQueries

from tests.testapp.models import Board, Card, Chapter, Label

pytestmark = pytest.mark.django_db


def cards_at(board: Board | None, *positions: int) -> list[Card]:
    return [
        Card.objects.create(title=f"card {position}", board=board, position=position)
        for position in positions
    ]


# New rows without a position


def test_new_row_goes_after_the_highest_position(board: Board) -> None:
    cards_at(board, 0, 3, 7)
    assert Card.objects.create(title="new", board=board).position == 8


def test_first_row_of_an_empty_group_gets_zero(board: Board) -> None:
    cards_at(board, 0, 1, 2)
    other = Board.objects.create(name="Other")
    assert Card.objects.create(title="new", board=other).position == 0


def test_rows_without_a_board_are_a_group_of_their_own(board: Board) -> None:
    cards_at(board, 0, 1, 2)
    assert Card.objects.create(title="loose").position == 0


def test_rows_without_a_board_go_last_among_themselves(board: Board) -> None:
    cards_at(None, 4)
    cards_at(board, 9)
    assert Card.objects.create(title="loose").position == 5


def test_rows_outside_the_kit_scope_count(board: Board) -> None:
    Card.objects.create(title="hidden", board=board, position=6, is_hidden=True)
    assert Card.objects.create(title="new", board=board).position == 7


def test_model_without_group_by_is_one_group() -> None:
    Chapter.objects.create(title="one", number=2)
    assert Chapter.objects.create(title="two").number == 3


def test_placing_costs_one_query(
    board: Board, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    cards_at(board, 0, 1)
    with django_assert_num_queries(2):  # the MAX(), then the INSERT
        Card.objects.create(title="new", board=board)


# New rows with a position


def test_explicit_position_is_kept(board: Board) -> None:
    cards_at(board, 0, 1, 2)
    assert Card.objects.create(title="new", board=board, position=1).position == 1


def test_explicit_zero_is_kept(board: Board) -> None:
    cards_at(board, 0, 1, 2)
    assert Card.objects.create(title="new", board=board, position=0).position == 0


def test_explicit_position_does_not_move_other_rows(board: Board) -> None:
    cards_at(board, 0, 1, 2)
    Card.objects.create(title="new", board=board, position=1)
    positions = Card.objects.exclude(title="new").order_by("pk").values_list("position")
    assert list(positions) == [(0,), (1,), (2,)]


def test_explicit_position_costs_no_query(
    board: Board, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    cards_at(board, 0, 1)
    with django_assert_num_queries(1):  # the INSERT
        Card.objects.create(title="new", board=board, position=5)


# Rows that are left alone


def test_saving_an_existing_row_keeps_its_position(board: Board) -> None:
    first, _, _ = cards_at(board, 0, 1, 2)
    first.title = "renamed"
    first.save()
    first.refresh_from_db()
    assert first.position == 0


def test_saving_an_existing_row_without_position_does_not_place_it(board: Board) -> None:
    first, _ = cards_at(board, 0, 1)
    Card.objects.filter(pk=first.pk).update(position=None)
    first.refresh_from_db()
    first.save()
    first.refresh_from_db()
    assert first.position is None


def test_fixture_loading_is_left_alone(board: Board, tmp_path: Path) -> None:
    cards_at(board, 0, 1)
    fixture = tmp_path / "cards.json"
    fixture.write_text(
        json.dumps([{"model": "testapp.card", "fields": {"title": "loaded", "board": board.pk}}])
    )
    call_command("loaddata", str(fixture), verbosity=0)
    assert Card.objects.get(title="loaded").position is None


def test_unregistered_model_is_untouched(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    with django_assert_num_queries(1):
        Board.objects.create(name="Board")


def test_model_registered_without_order_field_is_untouched(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    with django_assert_num_queries(1):
        Label.objects.create(name="red")
