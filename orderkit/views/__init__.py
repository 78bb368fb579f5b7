"""orderkit's four endpoints (see docs/endpoints.md)."""

from __future__ import annotations

from orderkit.views.endpoints import AttachView, DetachView, ReorderView, ToggleView

__all__ = ["AttachView", "DetachView", "ReorderView", "ToggleView"]
