"""Links in order, when a relation's through model is a registered kit
(:meth:`~orderkit.registry.Registry.link_order`): a new link goes last among its owner's
links, and a removed one leaves no gap in a dense order.

Attach and detach (:mod:`orderkit.operations.links`) call these inside their transaction,
after locking the owner; each takes the lock of the owner's group of through rows too, the
one that moves of those rows take, and writes through the relation's own manager, so
Django's ``m2m_changed`` signals are sent as for any ``add()`` or ``remove()``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, Model

from orderkit.kit import Group
from orderkit.operations.grouplock import holding_group
from orderkit.operations.groups import rows_of
from orderkit.operations.placing import place_new
from orderkit.registry import LinkOrder


def links_group(order: LinkOrder, obj: Model) -> Group:
    """The group of ``obj``'s through rows, e.g. ``{"pony_id": 3}``."""
    return {order.kit.field(order.owner).attname: obj.pk}


def add_last(order: LinkOrder, obj: Model, related: Model, manager: Any, using: str) -> Any:
    """Link ``related`` to ``obj`` with ``manager.add()``, its through row after ``obj``'s
    last link (``add()`` creates it with ``bulk_create``, which sends no ``pre_save``: the
    position goes in ``through_defaults``); return the through row's pk."""
    kit = order.kit
    group = links_group(order, obj)
    with holding_group(kit, group, using):
        row = kit.model(**group)
        place_new(kit, row, using)
        field = kit.position_name
        manager.add(related, through_defaults={field: getattr(row, field)})
        link = {kit.field(order.related).attname: related.pk}
        return rows_of(kit, group, using).filter(**link).values_list("pk", flat=True).first()


def remove_closing_gap(
    order: LinkOrder, obj: Model, related: Model, manager: Any, using: str
) -> None:
    """Unlink ``related`` from ``obj`` with ``manager.remove()``; in a dense order (spacing
    1) the links after it move up one place, so the positions stay 0, 1, 2, ..."""
    kit = order.kit
    field = kit.position_name
    group = links_group(order, obj)
    with holding_group(kit, group, using):
        rows = rows_of(kit, group, using)
        link = {kit.field(order.related).attname: related.pk}
        gone = list(rows.filter(**link).values_list(field, flat=True))
        manager.remove(related)
        if kit.spacing != 1:
            return
        for position in sorted((p for p in gone if p is not None), reverse=True):
            rows.filter(**{f"{field}__gt": position}).update(**{field: F(field) - 1})
