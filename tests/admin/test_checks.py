"""``ModelAdmin.check()`` of orderkit's admin classes: ``orderkit.E101`` ... ``E107``."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from orderkit.admin import OrderkitAdminMixin, OrderkitStackedInline, OrderkitTabularInline
from orderkit.kit import Kit
from orderkit.registry import registry
from ponies.models import Pony, Stable
from tests.testapp.models import Board, Card, Chapter, Label


def ids(admin_class: type[Any], model: type[Any]) -> list[str]:
    site = admin.AdminSite(name="checks")
    messages = admin_class(model, site).check()
    assert all(message.hint for message in messages if message.id.startswith("orderkit."))
    return [message.id for message in messages]


def errors_of_inline(inline: type[Any], parent: type[Any]) -> list[str]:
    class ParentAdmin(admin.ModelAdmin[Any]):
        inlines = [inline]

    return ids(ParentAdmin, parent)


def test_a_good_admin_passes() -> None:
    class CardAdmin(OrderkitAdminMixin, admin.ModelAdmin[Card]):
        orderkit_toggles = ["is_done"]
        orderkit_relations = ["labels"]

    assert ids(CardAdmin, Card) == []


def test_an_unregistered_model_is_e101() -> None:
    class BoardAdmin(OrderkitAdminMixin, admin.ModelAdmin[Board]):
        pass

    assert ids(BoardAdmin, Board) == ["orderkit.E101"]


def test_a_kit_without_order_field_is_e102() -> None:
    class LabelAdmin(OrderkitAdminMixin, admin.ModelAdmin[Label]):
        pass

    assert ids(LabelAdmin, Label) == ["orderkit.E102"]


@pytest.mark.parametrize("ordering", [["title"], ["-pk", "position"], ["board"]])
def test_an_ordering_that_does_not_start_with_the_order_field_is_e103(
    ordering: list[Any],
) -> None:
    class CardAdmin(OrderkitAdminMixin, admin.ModelAdmin[Card]):
        pass

    CardAdmin.ordering = ordering
    assert ids(CardAdmin, Card) == ["orderkit.E103"]


@pytest.mark.parametrize(
    "ordering", [["-position"], ["board", "position"], ["board_id", "-position"]]
)
def test_orderings_that_show_the_order_pass(ordering: list[Any]) -> None:
    class CardAdmin(OrderkitAdminMixin, admin.ModelAdmin[Card]):
        pass

    CardAdmin.ordering = ordering
    assert ids(CardAdmin, Card) == []


def test_the_models_meta_ordering_counts_when_the_admin_has_none() -> None:
    class ChapterAdmin(OrderkitAdminMixin, admin.ModelAdmin[Chapter]):
        pass

    assert ids(ChapterAdmin, Chapter) == []


def test_a_toggle_column_of_an_unregistered_field_is_e104() -> None:
    class CardAdmin(OrderkitAdminMixin, admin.ModelAdmin[Card]):
        orderkit_toggles = ["is_hidden"]

    assert ids(CardAdmin, Card) == ["orderkit.E104"]


def test_an_unregistered_relation_is_e105() -> None:
    class CardAdmin(OrderkitAdminMixin, admin.ModelAdmin[Card]):
        orderkit_relations = ["owner"]

    assert ids(CardAdmin, Card) == ["orderkit.E105"]


def test_a_good_inline_passes() -> None:
    class CardInline(OrderkitTabularInline):
        model = Card

    assert errors_of_inline(CardInline, Board) == []


def test_an_inline_of_an_unregistered_model_is_e101() -> None:
    class BoardInline(OrderkitStackedInline):
        model = Card.labels.through

    assert errors_of_inline(BoardInline, Card) == ["orderkit.E101"]


def test_an_inline_whose_rows_span_groups_is_e106() -> None:
    class CardInline(OrderkitTabularInline):
        model = Card
        fk_name = "owner"

    from django.contrib.auth.models import User

    assert errors_of_inline(CardInline, User) == ["orderkit.E106"]


def test_an_inline_ordered_otherwise_is_e103() -> None:
    class PonyInline(OrderkitTabularInline):
        model = Pony
        ordering = ["name"]

    assert errors_of_inline(PonyInline, Stable) == ["orderkit.E103"]


def test_an_inline_without_a_foreign_key_is_left_to_django() -> None:
    class PonyInline(OrderkitTabularInline):
        model = Pony

    assert errors_of_inline(PonyInline, Board) == ["admin.E202"]


@pytest.fixture
def misspelt_pony_kit(monkeypatch: pytest.MonkeyPatch) -> Kit:
    """The demo's Pony registered with ``group_by = "stable"``: a string, not a tuple."""
    kit = registry.get(Pony)
    monkeypatch.setattr(kit, "group_by", "stable")
    return kit


def test_a_kit_with_errors_of_its_own_gets_no_admin_errors(misspelt_pony_kit: Kit) -> None:
    class PonyAdmin(OrderkitAdminMixin, admin.ModelAdmin[Pony]):
        ordering = ["name"]  # would be E103 for a kit without errors

    assert ids(PonyAdmin, Pony) == []


def test_an_inline_of_a_kit_with_errors_of_its_own_gets_no_admin_errors(
    misspelt_pony_kit: Kit,
) -> None:
    class PonyInline(OrderkitTabularInline):
        model = Pony

    assert errors_of_inline(PonyInline, Stable) == []


def test_check_with_the_admin_mixin_and_a_string_group_by_reports_e007(
    misspelt_pony_kit: Kit,
) -> None:
    """The demo registers PonyAdmin with the mixin: ``manage.py check`` reports the kit's
    E007 instead of crashing on ``Pony has no field named 's'``."""
    with pytest.raises(SystemCheckError) as raised:
        call_command("check")
    report = str(raised.value)
    assert "orderkit.E007" in report
    assert "group_by must be a tuple of field names, not 'stable'" in report
    assert 'Write group_by = ("stable",) for a single name.' in report
    assert "orderkit.E1" not in report


without_adminsortable2 = override_settings(
    INSTALLED_APPS=[name for name in settings.INSTALLED_APPS if name != "adminsortable2"]
)
E107_HINT = (
    'Add "adminsortable2" to INSTALLED_APPS (django-admin-sortable2 is installed with orderkit).'
)


@without_adminsortable2
def test_an_admin_without_adminsortable2_installed_is_e107() -> None:
    class CardAdmin(OrderkitAdminMixin, admin.ModelAdmin[Card]):
        pass

    (error,) = CardAdmin(Card, admin.AdminSite(name="checks")).check()
    assert error.id == "orderkit.E107"
    assert error.msg == (
        "CardAdmin uses orderkit's admin, which needs adminsortable2's templates and static "
        "files, but 'adminsortable2' is not in INSTALLED_APPS."
    )
    assert error.hint == E107_HINT
    assert error.obj is CardAdmin


@without_adminsortable2
@pytest.mark.parametrize("inline_class", [OrderkitTabularInline, OrderkitStackedInline])
def test_an_inline_without_adminsortable2_installed_is_e107(inline_class: type[Any]) -> None:
    class CardInline(inline_class):  # type: ignore[misc]
        model = Card

    assert errors_of_inline(CardInline, Board) == ["orderkit.E107"]


@without_adminsortable2
def test_check_command_names_every_admin_that_needs_adminsortable2() -> None:
    """The demo's PonyAdmin (the mixin) and the inline of its StableAdmin."""
    with pytest.raises(SystemCheckError) as raised:
        call_command("check")
    report = str(raised.value)
    assert report.count("orderkit.E107") == 2
    assert "<class 'ponies.admin.PonyAdmin'>: (orderkit.E107) PonyAdmin uses" in report
    assert "<class 'ponies.admin.PonyInline'>: (orderkit.E107) PonyInline uses" in report
    assert f"HINT: {E107_HINT}" in report
