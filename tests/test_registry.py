from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model
from django.http import HttpRequest
from django.test import RequestFactory

import orderkit
from orderkit.exceptions import NotFound, NotRegistered
from orderkit.kit import Action, Kit
from orderkit.registry import Registry, registry
from tests.testapp.kits import CardKit
from tests.testapp.models import Board, Card, Label, Oddity


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
        (
            Label,
            "reorder",
            None,
            "testapp.Label is registered without order_field, which reordering needs: set "
            "order_field on its Kit.",
        ),
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


def test_get_with_an_unknown_action_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="must be one of reorder, toggle, attach, detach"):
        registry.get(Card, "bogus", "labels")  # type: ignore[arg-type]


@pytest.mark.parametrize("action", ["toggle", "attach", "detach"])
def test_get_with_an_action_on_a_name_needs_the_name(action: Action) -> None:
    with pytest.raises(TypeError, match=f"The {action} action needs the name"):
        registry.get(Card, action)


@pytest.mark.parametrize(
    ("thing", "found"),
    [
        (Card, True),
        (Card(title="x"), True),
        ("testapp.card", True),
        (Board, False),
        (Board(name="x"), False),
        ("testapp.Card", False),
        ([], False),
    ],
)
def test_in_answers_what_get_would_find(thing: object, found: bool) -> None:
    assert (thing in registry) is found


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
