"""A registered model's default ordering (``Meta.ordering``), which a list of its rows
shows unless it picks another: it must show orderkit's order."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.checks import CheckMessage, Warning

from orderkit.kit import Kit


def check_default_ordering(kit: Kit) -> Iterator[CheckMessage]:
    if kit.order_field is None:
        return
    ordering = kit.model._meta.ordering or ()
    if kit.order_direction(ordering) is not None:
        return
    label = kit.model._meta.label
    wanted = [*kit.group_by, kit.order_field]
    found = (
        f"The default ordering of {label} is {list(ordering)!r}; it does not begin with "
        f"{kit.order_field!r} (after the group_by fields, if any)"
        if ordering
        else f"{label} has no default ordering (Meta.ordering)"
    )
    yield Warning(
        f"{found}, so a list of its rows that picks no order of its own is not in orderkit's "
        "order: what is dragged there seems to move back on the next page load.",
        hint=f"Set ordering = {wanted!r} in the Meta of {label}, or give each sortable list "
        f".order_by({', '.join(map(repr, wanted))}).",
        obj=kit.model,
        id="orderkit.W002",
    )
