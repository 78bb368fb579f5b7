"""The kit behind an admin class."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model

from orderkit.registry import Kit, registry


def kit_of(model: type[Model]) -> Kit:
    """The kit of ``model``; the system checks (``orderkit.E101``, ``E102``) report a
    missing one, or one without ``order_field``, before any request comes."""
    kit = registry.for_model(model)
    if kit is None or kit.order_field is None:
        raise ImproperlyConfigured(
            f"{model._meta.label} is not registered with orderkit with an order_field "
            "(see orderkit.E101 and orderkit.E102)."
        )
    return kit
