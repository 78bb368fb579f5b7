"""A registered model's groups: how to name one, lock it, and write positions into it."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, F, Model, QuerySet, Value, When

from orderkit.operations.positions import Assign, Plan, Row
from orderkit.operations.transactions import locked
from orderkit.registry import Kit

Group = dict[str, Any]


def order_field_name(kit: Kit) -> str:
    if kit.order_field is None:
        raise ValueError(f"{kit.model._meta.label} is registered without an order_field.")
    return kit.order_field


def group_of(kit: Kit, obj: Model) -> Group:
    """The column filter naming ``obj``'s group, e.g. ``{"stable_id": 3}``."""
    return {attname: getattr(obj, attname) for attname in kit.group_attnames()}


def rows_of(kit: Kit, group: Group, using: str) -> QuerySet[Any]:
    return kit.model._base_manager.using(using).filter(**group)


def lock_group(kit: Kit, group: Group, using: str) -> list[Row]:
    """Lock every row of the group, in pk order, and return their (pk, position)."""
    field = order_field_name(kit)
    rows = rows_of(kit, group, using).select_for_update().order_by("pk")
    return locked(rows.values_list("pk", field))


def write_plan(kit: Kit, group: Group, plan: Plan, using: str) -> None:
    """Write ``plan`` with one UPDATE, whatever the number of rows it moves."""
    name = order_field_name(kit)
    field = kit.field(name)
    output = type(field)()
    rows = rows_of(kit, group, using)
    if isinstance(plan, Assign):
        whens = [When(pk=pk, then=Value(position)) for pk, position in plan.positions.items()]
        rows.filter(pk__in=list(plan.positions)).update(
            **{name: Case(*whens, default=F(name), output_field=output)}
        )
        return
    rows.filter(**{f"{name}__gte": plan.low, f"{name}__lte": plan.high}).update(
        **{
            name: Case(
                When(pk=plan.pk, then=Value(plan.target)),
                default=F(name) + plan.delta,
                output_field=output,
            )
        }
    )
