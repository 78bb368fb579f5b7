"""orderkit in the Django admin: see docs/admin.md."""

from __future__ import annotations

from orderkit.admin.inlines import (
    OrderkitInlineMixin,
    OrderkitStackedInline,
    OrderkitTabularInline,
)
from orderkit.admin.mixins import OrderkitAdminMixin

__all__ = [
    "OrderkitAdminMixin",
    "OrderkitInlineMixin",
    "OrderkitStackedInline",
    "OrderkitTabularInline",
]
