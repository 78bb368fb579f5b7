"""What ``{% orderkit_links %}`` shows of a relation: its linked objects as chips, and for an
ordered relation (its through model a kit grouped by the owner) the chips of the through
rows in their order, sortable for a caller who may reorder them (a module of helpers, not
a tag library: it has no ``register``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.http import HttpRequest
from django.utils.safestring import SafeString

from orderkit import chips, controls
from orderkit.access import Access
from orderkit.kit import Kit
from orderkit.registry import LinkOrder, registry


@dataclass(frozen=True)
class ShownLinks:
    #: The linked objects, in the order shown.
    linked: list[Model]
    chips: list[SafeString]
    #: The attributes of a sortable list, or nothing.
    sortable: SafeString


def through_rows(obj: Model, order: LinkOrder) -> list[Model]:
    """``obj``'s through rows in their order, each with its related object: from the
    reverse accessor's prefetched rows if the page prefetched them (with their related
    objects: ``Prefetch("ponytag_set", PonyTag.objects.select_related("tag"))``), else read
    with their related objects in one query."""
    owner_field: Any = order.kit.model._meta.get_field(order.owner)
    accessor = owner_field.remote_field.get_accessor_name()
    manager = getattr(obj, accessor)
    prefetched = accessor in getattr(obj, "_prefetched_objects_cache", {})
    rows = list(manager.all() if prefetched else manager.select_related(order.related))
    field = order.kit.position_name

    def place(row: Model) -> tuple[bool, int, Any]:
        position = getattr(row, field)
        return position is None, position or 0, row.pk

    return sorted(rows, key=place)


def shown_links(
    request: HttpRequest,
    kit: Kit,
    obj: Model,
    relation: str,
    *,
    detach: bool,
    attach: bool,
) -> ShownLinks:
    """The chips of ``obj``'s links through ``relation``, as the caller may act on them."""
    urls = controls.LinkUrls.of(kit, obj, relation)
    order = registry.link_order(kit, relation)
    if order is None:
        linked = list(getattr(obj, kit.relation_accessor(relation)).all())
        shown = [chips.chip(request, urls, r, detach=detach, attach=attach) for r in linked]
        return ShownLinks(linked, shown, controls.NOTHING)
    access = Access(order.kit, request, "reorder")
    rows = through_rows(obj, order)
    linked = [getattr(row, order.related) for row in rows]
    shown = [
        chips.ordered_chip(
            request,
            urls,
            row,
            related,
            detach=detach,
            attach=attach,
            movable=access.allows(row),
        )
        for row, related in zip(rows, linked, strict=True)
    ]
    sortable = controls.sortable(order.kit) if access.allows() else controls.NOTHING
    return ShownLinks(linked, shown, sortable)
