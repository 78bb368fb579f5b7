from __future__ import annotations

from django.contrib import admin

from orderkit.admin import OrderkitAdminMixin, OrderkitTabularInline
from ponies.models import Pony, Stable, Tag


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
    filter_horizontal = ["tags"]
    list_per_page = 5
    orderkit_toggles = ["is_active"]
