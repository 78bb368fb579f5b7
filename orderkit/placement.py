"""New rows of a registered model go last in their group unless their creator set a position."""

from __future__ import annotations

from typing import Any

from django.db.models import Max, Model

from orderkit.operations.groups import group_of, position_range, rows_of
from orderkit.registry import registry


def place_last(
    sender: type[Model], instance: Model, raw: bool = False, using: str = "default", **kwargs: Any
) -> None:
    """``pre_save`` receiver: give a new row without a position the group's next position.

    Two rows created at the same moment may get the same position; the next orderkit write
    to their group renumbers it (see the renumber command to repair it at once).
    """
    if raw or not instance._state.adding:
        return
    kit = registry.for_model(sender._meta.concrete_model or sender)
    if kit is None or kit.order_field is None or getattr(instance, kit.order_field) is not None:
        return
    highest = rows_of(kit, group_of(kit, instance), using).aggregate(top=Max(kit.order_field))
    top = highest["top"]
    if top is None:
        position = 0
    else:
        # By the spacing while the column has room; past it, the next reorder rebalances.
        position = min(top + kit.spacing, max(top + 1, position_range(kit, using)[1]))
    setattr(instance, kit.order_field, position)
