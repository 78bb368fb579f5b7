"""django-admin-sortable2's changelist for its table: 100 rows a page, sorted by position."""

from __future__ import annotations

from adminsortable2.admin import SortableAdminMixin  # type: ignore[attr-defined]
from django.contrib import admin

from benchmarks.benchapp.models import SortableItem

PAGE_SIZE = 100


@admin.register(SortableItem)
class SortableItemAdmin(SortableAdminMixin, admin.ModelAdmin[SortableItem]):  # type: ignore[misc]
    list_display = ("position", "is_active")
    list_per_page = PAGE_SIZE
    ordering = ("position",)
