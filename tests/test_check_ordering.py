"""``orderkit.W002``: a registered model's default ordering must show orderkit's order."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.checks import WARNING
from django.core.management import call_command
from django.db.models import F
from django.db.models.functions import Lower

from orderkit.checks import check_registrations
from orderkit.checks.ordering import check_default_ordering
from tests.helpers import Register, kit_for, only
from tests.testapp.models import Annex, Card, Label, Oddity

HINT = (
    "Set ordering = ['board', 'position'] in the Meta of testapp.Card, or give each sortable "
    "list .order_by('board', 'position')."
)


def card_ordering(monkeypatch: pytest.MonkeyPatch, ordering: list[Any]) -> list[Any]:
    monkeypatch.setattr(Card._meta, "ordering", ordering)
    kit = kit_for(Card, order_field="position", group_by=("board",))
    return list(check_default_ordering(kit))


@pytest.mark.parametrize(
    "ordering",
    [
        ["board", "position", "pk"],
        ["board_id", "position"],
        ["position"],
        [F("board"), F("position").asc()],
        ["-position"],
        ["board", "-position", "pk"],
        [F("position").desc()],
        ["-board__name", "position"],
    ],
    ids=[
        "group-then-order",
        "group-column",
        "order-alone",
        "expressions",
        "descending",
        "group-then-descending",
        "descending-expression",
        "descending-group",
    ],
)
def test_an_ordering_that_shows_the_kits_order_passes(
    monkeypatch: pytest.MonkeyPatch, ordering: list[Any]
) -> None:
    assert card_ordering(monkeypatch, ordering) == []


@pytest.mark.parametrize(
    "ordering",
    [["title"], ["pk", "position"], ["board"], [Lower("title"), "position"], ["?"]],
    ids=["other-field", "order-field-second", "group-alone", "expression", "random"],
)
def test_an_ordering_that_does_not_begin_with_the_order_is_w002(
    monkeypatch: pytest.MonkeyPatch, ordering: list[Any]
) -> None:
    warning = only(card_ordering(monkeypatch, ordering))
    assert warning.id == "orderkit.W002"
    assert warning.level == WARNING
    assert warning.msg == (
        f"The default ordering of testapp.Card is {ordering!r}; it does not begin with "
        "'position' (after the group_by fields, if any), so a list of its rows that picks no "
        "order of its own is not in orderkit's order: what is dragged there seems to move "
        "back on the next page load."
    )
    assert warning.hint == HINT
    assert warning.obj is Card


def test_no_default_ordering_is_w002(monkeypatch: pytest.MonkeyPatch) -> None:
    warning = only(card_ordering(monkeypatch, []))
    assert warning.id == "orderkit.W002"
    assert warning.msg.startswith(
        "testapp.Card has no default ordering (Meta.ordering), so a list of its rows that "
        "picks no order of its own is not in orderkit's order"
    )
    assert warning.hint == HINT


def test_the_hint_of_a_kit_without_groups_names_the_order_field() -> None:
    warning = only(list(check_default_ordering(kit_for(Annex, order_field="rank"))))
    assert warning.hint == (
        "Set ordering = ['rank'] in the Meta of testapp.Annex, or give each sortable list "
        ".order_by('rank')."
    )


def test_a_kit_without_order_field_has_no_ordering_to_show() -> None:
    assert list(check_default_ordering(kit_for(Label, relations=("cards",)))) == []


def test_check_command_shows_the_warning(register: Register) -> None:
    register(Annex, order_field="rank")
    out, err = StringIO(), StringIO()
    call_command("check", stdout=out, stderr=err)
    assert "testapp.Annex: (orderkit.W002) testapp.Annex has no default ordering" in err.getvalue()
    assert "HINT: Set ordering = ['rank'] in the Meta of testapp.Annex" in err.getvalue()


def test_a_kit_with_errors_gets_no_ordering_warning(register: Register) -> None:
    register(Annex, order_field="rank", group_by=("stable",))
    assert [message.id for message in check_registrations()] == ["orderkit.E005"]


def test_a_kit_with_warnings_of_its_own_is_checked_too(register: Register) -> None:
    register(Oddity, order_field="count")  # an order_field with a default: W001
    assert [message.id for message in check_registrations()] == [
        "orderkit.W001",
        "orderkit.W002",
    ]
