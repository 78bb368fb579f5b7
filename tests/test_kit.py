"""The :class:`~orderkit.kit.Kit`: what its options name, how it reads an ordering, and its
default hooks."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F, Model
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.test import RequestFactory

from orderkit.exceptions import NotRegistered
from orderkit.kit import ACTIONS, Action, Kit
from orderkit.registry import registry
from ponies.models import Pony
from tests.helpers import make_user
from tests.testapp.kits import CardKit, LabelKit
from tests.testapp.models import Board, Card, Chapter, Label


def request_by(user: User | AnonymousUser) -> HttpRequest:
    request = RequestFactory().post("/")
    request.user = user
    return request


# How a kit is named


def test_repr_names_the_kit_and_the_model() -> None:
    assert repr(CardKit(Card)) == "<CardKit for testapp.Card>"


def test_label_is_label_lower() -> None:
    assert CardKit(Card).label == "testapp.card"


# Toggles


def test_toggle_permission_from_a_mapping() -> None:
    assert registry.get(Chapter).toggle_permission("is_published") == "testapp.publish_chapter"


def test_toggle_permission_of_a_field_outside_the_mapping_is_none() -> None:
    assert registry.get(Chapter).toggle_permission("title") is None


def test_toggle_permission_with_a_tuple_is_none() -> None:
    assert CardKit(Card).toggle_permission("is_done") is None


def test_toggle_names_of_a_mapping_are_its_keys() -> None:
    assert registry.get(Chapter).toggle_names == ("is_published",)


def test_toggle_names_of_a_tuple() -> None:
    assert CardKit(Card).toggle_names == ("is_done",)


# Fields and relations


def test_field_is_the_model_field() -> None:
    assert CardKit(Card).field("position") is Card._meta.get_field("position")


def test_field_of_a_reverse_relation_does_not_exist() -> None:
    with pytest.raises(FieldDoesNotExist, match=r"testapp\.Board has no concrete field 'card'"):
        Kit(Board).field("card")


def test_field_of_a_many_to_many_does_not_exist() -> None:
    with pytest.raises(FieldDoesNotExist, match=r"testapp\.Card has no concrete field 'labels'"):
        CardKit(Card).field("labels")


def test_field_of_an_unknown_name_does_not_exist() -> None:
    with pytest.raises(FieldDoesNotExist):
        CardKit(Card).field("rank")


def test_group_attnames_name_the_columns() -> None:
    assert CardKit(Card).group_attnames() == ("board_id",)


def test_group_attnames_without_group_by_are_empty() -> None:
    assert registry.get(Chapter).group_attnames() == ()


def test_verbose_name_of_a_field() -> None:
    assert CardKit(Card).verbose_name("is_done") == "Is done"


def test_verbose_name_of_a_forward_relation() -> None:
    assert CardKit(Card).verbose_name("labels") == "Labels"


class ReverseKit(Kit):
    relations = ("cards", "oddity_set")


@pytest.mark.parametrize(("name", "expected"), [("cards", "Cards"), ("oddity_set", "Odditys")])
def test_verbose_name_of_a_reverse_relation_is_the_related_models_plural(
    name: str, expected: str
) -> None:
    assert ReverseKit(Label).verbose_name(name) == expected


def test_verbose_name_of_an_unknown_name_does_not_exist() -> None:
    with pytest.raises(FieldDoesNotExist):
        CardKit(Card).verbose_name("rank")


def test_relation_field_of_a_forward_relation() -> None:
    assert CardKit(Card).relation_field("labels") is Card._meta.get_field("labels")


@pytest.mark.parametrize(
    ("name", "query_name"),
    [("cards", "cards"), ("oddity_set", "oddity"), ("oddity", "oddity")],
    ids=["related-name", "accessor", "query-name"],
)
def test_relation_field_of_a_reverse_relation(name: str, query_name: str) -> None:
    assert Kit(Label).relation_field(name) is Label._meta.get_field(query_name)


@pytest.mark.parametrize("name", ["tags", "board", "title"])
def test_relation_field_of_anything_else_does_not_exist(name: str) -> None:
    with pytest.raises(
        FieldDoesNotExist, match=rf"testapp\.Card has no many-to-many relation '{name}'"
    ):
        CardKit(Card).relation_field(name)


@pytest.mark.parametrize(
    ("model", "relation", "accessor"),
    [(Card, "labels", "labels"), (Label, "cards", "cards"), (Label, "oddity", "oddity_set")],
    ids=["forward", "reverse-related-name", "reverse-query-name"],
)
def test_relation_accessor(model: type[Model], relation: str, accessor: str) -> None:
    assert Kit(model).relation_accessor(relation) == accessor


def test_related_model_of_a_forward_relation() -> None:
    assert CardKit(Card).related_model("labels") is Label


def test_related_model_of_a_reverse_relation() -> None:
    assert LabelKit(Label).related_model("cards") is Card


# The default hooks


@pytest.mark.django_db
@pytest.mark.parametrize("action", ACTIONS)
def test_has_permission_with_the_change_permission(action: Action) -> None:
    card = Card.objects.create(title="card")
    user = make_user("user", "testapp.change_card")
    assert Kit(Card).has_permission(request_by(user), action, card)


@pytest.mark.django_db
def test_has_permission_without_the_change_permission() -> None:
    user = make_user("user", "testapp.view_card", "testapp.add_card", "testapp.change_label")
    assert not Kit(Card).has_permission(request_by(user), "reorder")


@pytest.mark.django_db
def test_has_permission_of_a_superuser() -> None:
    user = User.objects.create_superuser("root", password="pw")
    assert Kit(Card).has_permission(request_by(user), "detach")


def test_has_permission_of_an_anonymous_user() -> None:
    assert not Kit(Card).has_permission(request_by(AnonymousUser()), "toggle")


@pytest.mark.django_db
def test_default_get_queryset_is_every_row() -> None:
    shown = Card.objects.create(title="shown")
    hidden = Card.objects.create(title="hidden", is_hidden=True)
    assert list(Kit(Card).get_queryset(None).order_by("pk")) == [shown, hidden]


@pytest.mark.django_db
def test_default_related_queryset_is_every_related_row(labels: list[Label]) -> None:
    assert list(Kit(Card).related_queryset(None, "labels").order_by("pk")) == labels


@pytest.mark.django_db
def test_default_related_queryset_of_a_reverse_relation() -> None:
    shown = Card.objects.create(title="shown")
    hidden = Card.objects.create(title="hidden", is_hidden=True)
    queryset = LabelKit(Label).related_queryset(None, "cards")
    assert list(queryset.order_by("pk")) == [shown, hidden]


# Groups and the order on show


def test_group_of_names_the_rows_group_by_its_columns(board: Board) -> None:
    card = Card.objects.create(title="card", board=board)
    assert registry.get(Card).group_of(card) == {"board_id": board.pk}
    assert registry.get(Chapter).group_of(Chapter(title="one")) == {}


@pytest.mark.parametrize(
    ("ordering", "descending"),
    [
        (["position"], False),
        (["-position"], True),
        (["stable", "-position"], True),
        (["stable_id", "position", "name"], False),
        (["stable__name", "position"], False),
        ([F("position").desc()], True),
        ([F("position")], False),
        ([F("stable"), F("position").asc()], False),
        (["name", "-position"], None),
        ([Lower("name")], None),
        (["stable"], None),
        ([], None),
    ],
)
def test_order_direction(ordering: list[Any], descending: bool | None) -> None:
    assert registry.get(Pony).order_direction(ordering) is descending


@pytest.mark.parametrize(
    ("ordering", "lead"),
    [
        (["stable", "position"], True),
        (["stable_id", "-position"], True),
        (["stable__name", "position"], True),
        ([F("stable"), "position"], True),
        (["stable"], True),
        (["position", "stable"], False),
        ([Lower("name"), "stable"], False),
        ([], False),
    ],
)
def test_groups_lead_when_the_ordering_starts_with_every_group_field(
    ordering: list[Any], lead: bool
) -> None:
    assert registry.get(Pony).groups_lead(ordering) is lead


def test_shown_descending_reads_the_models_meta_ordering(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    kit = registry.get(Chapter)
    assert kit.shown_descending() is False
    monkeypatch.setattr(Chapter._meta, "ordering", [F("number").desc(nulls_last=True)])
    assert kit.shown_descending() is True


def test_position_name_needs_an_order_field() -> None:
    assert registry.get(Card).position_name == "position"
    with pytest.raises(NotRegistered, match="registered without order_field"):
        _ = registry.get(Label).position_name


@pytest.mark.parametrize(
    ("action", "name"), [("reorder", None), ("toggle", "is_done"), ("attach", "labels")]
)
def test_require_passes_what_the_kit_registers(action: Action, name: str | None) -> None:
    registry.get(Card).require(action, name)
