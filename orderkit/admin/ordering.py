"""How an admin's ordering and filters relate to a kit's order: the ordering in force, and
whether the rows on show are one group."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Model
from django.http import HttpRequest

from orderkit.kit import Kit


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
