from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import Model
from django.http import HttpRequest
from django.test import RequestFactory

import orderkit
from orderkit.exceptions import NotFound, NotRegistered
from orderkit.kit import ACTIONS, Action, Kit
from orderkit.registry import Registry, registry
from tests.helpers import make_user
from tests.testapp.kits import CardKit, LabelKit
from tests.testapp.models import Board, Card, Chapter, Label, Oddity


@pytest.fixture
def scratch() -> Iterator[None]:
    """Oddity is free to register during the test, and unregistered after it."""
    assert Oddity not in registry
    yield
    registry.remove(Oddity)


def request_by(user: User | AnonymousUser) -> HttpRequest:
    request = RequestFactory().post("/")
    request.user = user
    return request


# The decorator form of register()


def test_decorator_registers_an_instance_of_the_class(scratch: None) -> None:
    @orderkit.register(Oddity)
    class OddityKit(orderkit.Kit):
        toggles = ("flag",)

    assert type(registry.get(Oddity)) is OddityKit


def test_decorator_gives_the_kit_its_model(scratch: None) -> None:
    @orderkit.register(Oddity)
    class OddityKit(orderkit.Kit):
        toggles = ("flag",)

    assert registry.get(Oddity).model is Oddity


def test_decorator_returns_the_class(scratch: None) -> None:
    class OddityKit(orderkit.Kit):
        toggles = ("flag",)

    assert orderkit.register(Oddity)(OddityKit) is OddityKit


def test_decorating_a_non_kit_is_a_type_error(scratch: None) -> None:
    class NotAKit:
        toggles = ("flag",)

    decorate = orderkit.register(Oddity)
    with pytest.raises(TypeError, match=r"decorates a subclass of orderkit\.Kit"):
        decorate(NotAKit)  # type: ignore[type-var]
    assert Oddity not in registry


def test_decorating_a_kit_instance_is_a_type_error(scratch: None) -> None:
    decorate = orderkit.register(Oddity)
    with pytest.raises(TypeError, match=r"decorates a subclass of orderkit\.Kit"):
        decorate(Kit(Oddity))  # type: ignore[type-var]
    assert Oddity not in registry


# The function form of register()


def test_function_form_returns_the_registered_kit(scratch: None) -> None:
    kit = orderkit.register(Oddity, toggles=("flag",))
    assert registry.get(Oddity) is kit


def test_function_form_sets_the_options(scratch: None) -> None:
    kit = orderkit.register(Oddity, toggles=("flag",), relations=("labels",))
    assert (kit.order_field, kit.group_by, kit.toggles, kit.relations) == (
        None,
        (),
        ("flag",),
        ("labels",),
    )


def test_function_form_names_the_kit_class_after_the_model(scratch: None) -> None:
    kit = orderkit.register(Oddity, toggles=("flag",))
    assert repr(kit) == "<OddityKit for testapp.Oddity>"


def test_function_form_rejects_unknown_options(scratch: None) -> None:
    with pytest.raises(TypeError, match=r"unknown options \['orderfield', 'toggle'\]"):
        orderkit.register(Oddity, orderfield="count", toggle=("flag",), toggles=("flag",))
    assert Oddity not in registry


# Registry


def test_get_finds_the_registered_kit() -> None:
    assert type(registry.get(Card)) is CardKit


def test_get_finds_it_by_instance_and_by_label() -> None:
    assert registry.get(Card(title="x")) is registry.get("testapp.card") is registry.get(Card)


def test_get_of_an_unregistered_model_says_how_to_register_it() -> None:
    assert Board not in registry
    with pytest.raises(NotRegistered) as raised:
        registry.get(Board)
    assert str(raised.value) == (
        "testapp.Board is not registered with orderkit; register it with "
        "@orderkit.register(Board) in a kits.py."
    )


@pytest.mark.parametrize("label", ["testapp.board", "testapp.Card", "card", ""])
def test_get_of_any_other_label_is_not_registered(label: str) -> None:
    with pytest.raises(NotRegistered, match="No model registered with orderkit is called"):
        registry.get(label)


@pytest.mark.parametrize("thing", [[], None, 3, object()])
def test_get_of_something_that_is_not_a_model_names_it(thing: object) -> None:
    with pytest.raises(NotRegistered, match="looks kits up by a model"):
        registry.get(thing)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("model", "action", "name", "match"),
    [
        (Label, "reorder", None, "testapp.Label is registered without order_field."),
        (Card, "toggle", "is_hidden", "testapp.Card.is_hidden is not a registered toggle."),
        (Card, "attach", "owner", "testapp.Card.owner is not a registered relation."),
        (Card, "detach", "owner", "testapp.Card.owner is not a registered relation."),
    ],
)
def test_get_with_an_action_needs_it_registered(
    model: type[Model], action: Action, name: str | None, match: str
) -> None:
    with pytest.raises(NotRegistered, match=f"^{match}$"):
        registry.get(model, action, name)


def test_get_with_a_registered_action_gives_the_kit() -> None:
    assert registry.get(Card, "toggle", "is_done") is registry.get(Card, "reorder")


def test_not_registered_is_not_found_to_requests_and_improperly_configured_to_code() -> None:
    assert issubclass(NotRegistered, NotFound)
    assert issubclass(NotRegistered, ImproperlyConfigured)


def test_kits_lists_the_project_registrations() -> None:
    labels = {kit.label for kit in registry.kits()}
    assert {"testapp.card", "testapp.chapter", "testapp.label", "ponies.pony"} <= labels


def test_second_add_replaces_the_first() -> None:
    kits = Registry()
    first, second = Kit(Oddity), Kit(Oddity)
    kits.add(first)
    kits.add(second)
    assert kits.kits() == [second]


def test_second_add_is_recorded_as_duplicate() -> None:
    kits = Registry()
    kits.add(Kit(Oddity))
    kits.add(Kit(Card))
    kits.add(Kit(Oddity))
    assert kits.duplicates == [Oddity]


def test_remove_forgets_the_kit_and_its_duplicates() -> None:
    kits = Registry()
    kits.add(Kit(Oddity))
    kits.add(Kit(Oddity))
    kits.add(Kit(Card))
    kits.add(Kit(Card))
    kits.remove(Oddity)
    assert (Oddity in kits, kits.duplicates) == (False, [Card])


def test_remove_of_an_unregistered_model_does_nothing() -> None:
    kits = Registry()
    kit = Kit(Card)
    kits.add(kit)
    kits.remove(Oddity)
    assert (kits.kits(), kits.duplicates) == ([kit], [])


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
