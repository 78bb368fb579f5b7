"""What ``{% orderkit_sortable %}`` accepts: a queryset of a model registered with an
``order_field``, read in the kit's order, from low to high as the client sorts (a module of
helpers, not a tag library: it has no ``register``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet

from orderkit.kit import Kit


def sortable_rows(rows: object) -> QuerySet[Any]:
    """``rows``, if it is a queryset; ``ImproperlyConfigured`` for anything else."""
    if not isinstance(rows, QuerySet):
        what = (
            "'' (the value of a variable that the template does not know: check its name)"
            if isinstance(rows, str) and not rows
            else f"a {type(rows).__name__}"
        )
        raise ImproperlyConfigured(
            f"{{% orderkit_sortable %}} takes the queryset of the rows that the list shows, "
            f"e.g. {{% orderkit_sortable stable.ponies.all %}}, not {what}."
        )
    return rows


def order_problem(kit: Kit, rows: QuerySet[Any]) -> str | None:
    """Why ``rows`` are not read in the kit's order, from low to high as the client sorts
    them, if they are not."""
    ordering = shown_ordering(rows)
    descending = kit.order_direction(ordering)
    reversed_ = not rows.query.standard_ordering  # QuerySet.reverse()
    if descending is not None and descending is reversed_:
        return None
    label = kit.model._meta.label
    wanted = ", ".join(repr(name) for name in (*kit.group_by, kit.order_field))
    return (
        f"{{% orderkit_sortable %}} got {label} rows ordered by {list(ordering)!r}"
        f"{', reversed' if reversed_ else ''}, but a sortable list must show them by "
        f"{kit.order_field!r} from low to high (after the group_by fields, if any): a drag "
        "there would seem undone by the next page load. Give the queryset "
        f".order_by({wanted}), or set Meta.ordering = [{wanted}] on {label}."
    )


def board_group(kit: Kit, group: Mapping[str, object]) -> tuple[dict[str, Any], str] | None:
    """The group that ``{% orderkit_sortable rows stable=stable %}`` names, as a reorder
    body names it (``{"stable": 3}``), and its label (``"North"``); ``None`` when the tag
    names none or the kit keeps rows in their groups."""
    if not group or not kit.move_between_groups:
        return None
    if sorted(group) != sorted(kit.group_by):
        raise ImproperlyConfigured(
            f"{{% orderkit_sortable %}} names the group of a list of {kit.model._meta.label} "
            f"by {', '.join(kit.group_by)}, not by {', '.join(sorted(group))}."
        )
    named: dict[str, Any] = {}
    for name in kit.group_by:
        value = group[name]
        if isinstance(value, Model):
            field: Any = kit.field(name)
            value = getattr(value, field.target_field.attname)
        named[name] = value
    return named, ", ".join(str(group[name]) for name in kit.group_by)


def shown_ordering(rows: QuerySet[Any]) -> Sequence[Any]:
    """The ordering that ``rows`` are read in, as Django's SQL compiler picks it."""
    query = rows.query
    if query.extra_order_by:
        return tuple(query.extra_order_by)
    if query.order_by or not query.default_ordering:
        return tuple(query.order_by)
    return tuple(rows.model._meta.ordering)
