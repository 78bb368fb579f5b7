from __future__ import annotations

import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F

from orderkit.operations.positions import faults
from tests.testapp.models import Board, Card, Chapter


def run(*args: str) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("orderkit_renumber", *args, stdout=out)
    except SystemExit as exc:
        return int(str(exc.code)), out.getvalue()
    return 0, out.getvalue()


def cards_with(board: Board | None, positions: list[int | None]) -> list[Card]:
    made = [
        Card.objects.create(title=f"t{i}", board=board, position=0) for i in range(len(positions))
    ]
    for card, position in zip(made, positions, strict=True):
        Card.objects.filter(pk=card.pk).update(position=position)
    return made


def titles(board: Board | None) -> list[tuple[str, int | None]]:
    rows = Card.objects.filter(board=board).order_by("position", "pk")
    return list(rows.values_list("title", "position"))


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ([0, 1, 2], []),
        ([5, 6, 7], []),
        ([0, 0, 1], ["1 duplicate"]),
        ([0, 0, 0], ["2 duplicates"]),
        ([0, None, 1], ["1 NULL"]),
        ([None, None], ["2 NULLs"]),
        ([0, 2, 3], ["gaps"]),
        ([0, 0, None, 9], ["1 duplicate", "1 NULL"]),
        ([], []),
    ],
)
def test_faults_names_each_problem(given: list[int | None], expected: list[str]) -> None:
    rows = [(index, position) for index, position in enumerate(given)]
    assert faults(rows, dense=True) == expected


@pytest.mark.django_db
def test_check_passes_on_clean_groups(board: Board, cards: list[Card]) -> None:
    status, output = run("--check")
    assert status == 0
    assert "0 faulty" in output


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("positions", "problem"),
    [([0, 0, 1], "1 duplicate"), ([0, None, 1], "1 NULL"), ([0, 4, 9], "gaps")],
)
def test_check_fails_and_writes_nothing(
    board: Board, positions: list[int | None], problem: str
) -> None:
    cards_with(board, positions)
    before = titles(board)
    status, output = run("--check")
    assert status == 1
    assert f"testapp.card board_id={board.pk}: {problem}" in output
    assert titles(board) == before


@pytest.mark.django_db
def test_repair_keeps_order_with_nulls_last(board: Board) -> None:
    cards_with(board, [3, 3, None, 7, 1])
    status, output = run()
    assert status == 0
    assert "(renumbered, 5 rows rewritten)" in output
    assert titles(board) == [("t4", 0), ("t0", 1), ("t1", 2), ("t3", 3), ("t2", 4)]
    assert run("--check")[0] == 0


@pytest.mark.django_db
def test_repair_touches_only_faulty_groups(board: Board) -> None:
    other = Board.objects.create(name="other")
    cards_with(board, [0, 0])
    cards_with(other, [5, 6])
    run()
    assert titles(other) == [("t0", 5), ("t1", 6)]


@pytest.mark.django_db
def test_null_group_is_a_group(db: None) -> None:
    cards_with(None, [1, 1])
    status, output = run("--check")
    assert status == 1
    assert "testapp.card board_id=None: 1 duplicate" in output
    run()
    assert titles(None) == [("t0", 0), ("t1", 1)]


@pytest.mark.django_db
def test_model_without_group_by_is_one_group() -> None:
    Chapter.objects.create(title="a", number=4)
    Chapter.objects.create(title="b", number=4)
    status, output = run("testapp.chapter", "--check")
    assert status == 1
    assert "testapp.chapter (one group): 1 duplicate" in output
    run("testapp.chapter")
    assert list(Chapter.objects.order_by("number").values_list("number", flat=True)) == [0, 1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "ordering", [["-number"], [F("number").desc()]], ids=["name", "expression"]
)
def test_descending_ordering_keeps_what_users_see(
    monkeypatch: pytest.MonkeyPatch, ordering: list[Any]
) -> None:
    """The admin and the command read an ordering the same way (Kit.order_direction)."""
    monkeypatch.setattr(Chapter._meta, "ordering", ordering)
    high = Chapter.objects.create(title="high", number=9)
    tie_first = Chapter.objects.create(title="tie", number=5)
    tie_second = Chapter.objects.create(title="tie 2", number=5)
    unnumbered = Chapter.objects.create(title="none", number=1)
    Chapter.objects.filter(pk=unnumbered.pk).update(number=None)
    # Ties go by pk in the database's own order (MariaDB sorts its UUID type its own way).
    ties = list(Chapter.objects.filter(pk__in=[tie_first.pk, tie_second.pk]).order_by("pk"))
    run("testapp.chapter")
    shown = list(Chapter.objects.order_by("-number").values_list("pk", flat=True))
    assert shown == [high.pk, ties[0].pk, ties[1].pk, unnumbered.pk]
    assert Chapter.objects.get(pk=unnumbered.pk).number == 0


@pytest.mark.django_db
def test_label_limits_the_run(board: Board) -> None:
    cards_with(board, [0, 0])
    status, output = run("TestApp.Chapter", "--check")
    assert status == 0
    assert "testapp.card" not in output


@pytest.mark.django_db
@pytest.mark.parametrize("label", ["nope.model", "testapp.label", "testapp"])
def test_bad_label_is_a_clear_error(label: str) -> None:
    with pytest.raises(
        CommandError, match=re.escape("Registered: ponies.pony, ponies.ponytag, testapp.card")
    ):
        call_command("orderkit_renumber", label)


@pytest.mark.django_db
def test_quiet_run_prints_nothing_when_clean(board: Board, cards: list[Card]) -> None:
    out = StringIO()
    call_command("orderkit_renumber", verbosity=0, stdout=out)
    assert out.getvalue() == ""


@pytest.mark.django_db
def test_ordering_without_the_order_field_counts_as_ascending(
    monkeypatch: pytest.MonkeyPatch, board: Board
) -> None:
    monkeypatch.setattr(Card._meta, "ordering", ["title"])
    cards_with(board, [5, None, 5])
    run("testapp.card")
    assert titles(board) == [("t0", 0), ("t2", 1), ("t1", 2)]


@pytest.mark.django_db
def test_repair_rewrites_only_the_rows_that_change(board: Board) -> None:
    cards_with(board, [0, 1, 1, 2])
    status, output = run()
    assert status == 0
    assert "1 duplicate (renumbered, 2 rows rewritten)" in output
    assert titles(board) == [("t0", 0), ("t1", 1), ("t2", 2), ("t3", 3)]
