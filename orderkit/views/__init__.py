"""orderkit's endpoints (see docs/endpoints.md), and the mixin that gives your own form
views the same JSON answers (see docs/forms.md)."""

from __future__ import annotations

from orderkit.views.endpoints import AttachView, DetachView, EditView, ReorderView, ToggleView
from orderkit.views.jsonforms import JsonFormMixin

__all__ = ["AttachView", "DetachView", "EditView", "JsonFormMixin", "ReorderView", "ToggleView"]
