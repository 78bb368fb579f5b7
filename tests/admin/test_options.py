"""The admin classes' options and hooks, one at a time, on throwaway admin sites."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.test import RequestFactory

from orderkit.admin import OrderkitAdminMixin, OrderkitStackedInline
from orderkit.admin.sortkeys import SORT_KEY
from ponies.models import Pony, Stable, Tag
from tests.admin.helpers import ponies

site = admin.AdminSite(name="options")


def request_of(user: User, path: str = "/") -> HttpRequest:
    request = RequestFactory().get(path)
    request.user = user
    return request


class BarePonyAdmin(OrderkitAdminMixin, admin.ModelAdmin[Pony]):
    list_display = ["name", "is_active"]
    actions = None
    orderkit_relations = ()
    fieldsets = [(None, {"fields": [("name", "position"), ("position",), "stable", "tags"]})]


def test_without_actions_there_are_no_move_actions(root: User) -> None:
    model_admin = BarePonyAdmin(Pony, site)
    assert model_admin.actions is None
    assert model_admin.get_actions(request_of(root)) == {}


def test_the_handle_goes_first_and_the_next_column_is_the_link(root: User) -> None:
    model_admin = BarePonyAdmin(Pony, site)
    request = request_of(root)
    display = model_admin.get_list_display(request)
    assert [getattr(entry, "__name__", entry) for entry in display] == [
        "_reorder_",
        "name",
        "is_active",
    ]
    assert model_admin.get_list_display_links(request, display) == ["name"]


def test_fieldsets_lose_the_order_field_and_the_listed_relations(root: User) -> None:
    model_admin = BarePonyAdmin(Pony, site)
    fieldsets = model_admin.get_fieldsets(request_of(root), Pony(name="x"))
    # orderkit_relations = () lists no relation, so the form keeps its tags.
    assert fieldsets == [(None, {"fields": [("name",), "stable", "tags"]})]


def test_no_listed_relation_means_no_panel(
    client: Any, root: User, stable: Stable, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(admin.site.get_model_admin(Pony), "orderkit_relations", ())
    client.force_login(root)
    html = client.get(f"/admin/ponies/pony/{ponies(stable)[0].pk}/change/").content
    assert b"orderkit-admin-links" not in html


def test_a_descending_inline_is_reversed_and_numbered_from_the_bottom(
    root: User, stable: Stable
) -> None:
    class PonyInline(OrderkitStackedInline):
        model = Pony
        ordering = ["-position"]
        classes = ["collapse", "sortable"]

    inline = PonyInline(Stable, site)
    request = request_of(root)
    formset = inline.get_formset(request, stable)(
        instance=stable, queryset=inline.get_queryset(request)
    )
    assert inline.classes == ["collapse", "sortable", "reversed"]
    keys = [form.fields[SORT_KEY].initial for form in formset.initial_forms]
    assert keys == list(range(10, 0, -1))
    assert [form.instance for form in formset.initial_forms] == ponies(stable)[::-1]


def test_an_admin_of_an_unregistered_model_is_improperly_configured() -> None:
    class TagAdmin(OrderkitAdminMixin, admin.ModelAdmin):  # type: ignore[type-arg]
        pass

    with pytest.raises(
        ImproperlyConfigured, match=r"^ponies\.Tag is not registered with orderkit"
    ):
        _ = TagAdmin(Tag, site).orderkit_kit
