"""Who may act on what: the one place that combines a kit's hooks with a toggle's extra
permission, for everything that shows controls (template tags, the admin)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orderkit.registry import Action, Kit

if TYPE_CHECKING:
    from django.db.models import Model
    from django.http import HttpRequest


def may(
    kit: Kit, request: HttpRequest, action: Action, obj: Model | None = None, field: str = ""
) -> bool:
    """Whether the endpoint would let ``request`` perform ``action`` on ``obj``.

    It asks the model-level question first, as the views do before they read a body, then
    the question about ``obj``, and for a toggle of ``field`` its registered permission.
    """
    if not kit.has_permission(request, action):
        return False
    if obj is not None and not kit.has_permission(request, action, obj):
        return False
    extra = kit.toggle_permission(field) if action == "toggle" else None
    return extra is None or request.user.has_perm(extra)
