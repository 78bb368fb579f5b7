"""How an admin's ordering and filters relate to a kit's order: which way the rows run, and
whether the rows on show are one group."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import F, Model, OrderBy
from django.http import HttpRequest

from orderkit.registry import Kit


def ordering_name(part: Any) -> tuple[bool, str | None]:
    """``(descending, field name)`` of one ``ordering`` item; ``None`` for an expression
    that does not name a field."""
    if isinstance(part, str):
        return part.startswith("-"), part.removeprefix("-")
    if isinstance(part, OrderBy):
        return part.descending, _f_name(part.expression)
    return False, _f_name(part)


def _f_name(expression: Any) -> str | None:
    # F.name is public in Django, though the newest type stubs leave it out.
    name: str | None = getattr(expression, "name", None) if isinstance(expression, F) else None
    return name


def order_direction(kit: Kit, ordering: Sequence[Any]) -> bool | None:
    """Whether ``ordering`` shows the kit's order descending (``True``), ascending
    (``False``), or not at all (``None``).

    Leading items that name a ``group_by`` field keep each group together, so they may come
    first: ``["stable", "position"]`` shows each stable's ponies in order.
    """
    group_names = set(kit.group_by) | set(kit.group_attnames())
    for part in ordering:
        descending, name = ordering_name(part)
        if name is not None and name.split("__")[0] in group_names:
            continue
        if name == kit.order_field:
            return descending
        return None
    return None


def default_ordering(model: type[Model], ordering: Sequence[Any] | None) -> Sequence[Any]:
    """The ordering that a change list or inline uses when the user has not picked one."""
    return ordering or model._meta.ordering or ()


def group_pinned(kit: Kit, request: HttpRequest) -> bool:
    """Whether the change list's filters name one value of every ``group_by`` field.

    The admin's list filters use these parameters (``stable__id__exact=3``,
    ``stable__isnull=True``); a kit without ``group_by`` is one group whatever the filters.
    """
    for name in kit.group_by:
        field = kit.field(name)
        keys = {name, f"{name}__exact", field.attname, f"{field.attname}__exact"}
        # A foreign key's list filter names its target: stable__id__exact.
        target = getattr(getattr(field, "target_field", None), "name", "pk")
        keys.update({f"{name}__isnull", f"{name}__{target}__exact", f"{name}__pk__exact"})
        if not keys & set(request.GET):
            return False
    return True
