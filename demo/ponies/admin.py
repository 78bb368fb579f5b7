from __future__ import annotations

from django.contrib import admin

from ponies.models import Pony, Stable, Tag


@admin.register(Stable)
class StableAdmin(admin.ModelAdmin[Stable]):
    search_fields = ["name"]


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin[Tag]):
    search_fields = ["name"]


@admin.register(Pony)
class PonyAdmin(admin.ModelAdmin[Pony]):
    list_display = ["name", "stable", "position", "is_active"]
    list_filter = ["stable", "is_active"]
    filter_horizontal = ["tags"]
