"""New rows of a registered model go last in their group unless their creator set a
position."""

from __future__ import annotations

from typing import Any

from django.db.models import Max, Model

from orderkit.kit import Kit
from orderkit.operations import positions
from orderkit.operations.groups import position_range, rows_of
from orderkit.registry import registry


def place_new(kit: Kit, instance: Model, using: str) -> None:
    """Give ``instance``, a row about to be created without a position, the position after
    its group's last row.

    Two rows created at the same moment may get the same position; the next orderkit write
    to their group renumbers it (the renumber command repairs it at once).
    """
    field = kit.position_name
    top = rows_of(kit, kit.group_of(instance), using).aggregate(top=Max(field))["top"]
    ceiling = position_range(kit, using)[1]
    setattr(instance, field, positions.after_last(top, kit.spacing, ceiling))


def place_new_rows(
    sender: type[Model], instance: Model, raw: bool = False, using: str = "default", **kwargs: Any
) -> None:
    """``pre_save`` receiver: :func:`place_new` for new rows of a reorderable kit that come
    without a position (not for fixtures, which are loaded as they are)."""
    model = sender._meta.concrete_model or sender
    if raw or not instance._state.adding or model not in registry:
        return
    kit = registry.get(model)
    if kit.order_field is not None and getattr(instance, kit.order_field) is None:
        place_new(kit, instance, using)
