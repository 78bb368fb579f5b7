from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import FilteredSelectMultiple
from django.db import models
from django.http import HttpRequest

from orderkit.admin import OrderkitAdminMixin, OrderkitTabularInline
from orderkit.operations import repair_group
from orderkit.registry import registry
from ponies.models import Pony, PonyTag, Stable, Tag


class PonyInline(OrderkitTabularInline):
    """The stable's ponies, sortable by dragging on the stable's change page."""

    model = Pony
    fields = ["name", "is_active"]
    extra = 0
    show_change_link = True


@admin.register(Stable)
class StableAdmin(admin.ModelAdmin[Stable]):
    search_fields = ["name"]
    inlines = [PonyInline]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin[Tag]):
    search_fields = ["name"]


@admin.register(Pony)
class PonyAdmin(OrderkitAdminMixin, admin.ModelAdmin[Pony]):
    list_display = ["name", "stable", "position", "is_active"]
    list_filter = ["stable", "is_active"]
    search_fields = ["name"]
    list_per_page = 5
    orderkit_toggles = ["is_active"]

    def formfield_for_manytomany(
        self, db_field: models.ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField[Any] | None:
        """The tags on the add page, as ``filter_horizontal`` would show them: the admin
        leaves out a relation with a through model (PonyTag orders a pony's tags)."""
        if db_field.name != "tags":
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        kwargs["widget"] = FilteredSelectMultiple(db_field.verbose_name, is_stacked=False)
        field = db_field.formfield(**kwargs)
        assert isinstance(field, forms.ModelMultipleChoiceField)
        return field

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        """The form links tags with ``set()``, which gives their through rows no position:
        number the pony's tags (those without a position go last)."""
        super().save_related(request, form, formsets, change)
        repair_group(registry.get(PonyTag), {"pony_id": form.instance.pk})
