"""A registered model's groups as querysets and SQL: lock a whole group, number it, and the
range of its positions."""

from __future__ import annotations

from typing import Any

from django.db import connections
from django.db.models import (
    BigIntegerField,
    Case,
    Count,
    F,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, RowNumber

from orderkit.kit import Group, Kit
from orderkit.operations.positions import Pk, Row, whole_group_step


def rows_of(kit: Kit, group: Group, using: str) -> QuerySet[Any]:
    return kit.model._base_manager.using(using).filter(**group)


def lock_group(kit: Kit, group: Group, using: str) -> list[Row]:
    """Lock every row of the group, in pk order, and return their (pk, position). Call it
    inside :func:`~orderkit.operations.transactions.bounded_waits`."""
    field = kit.position_name
    rows = rows_of(kit, group, using).select_for_update().order_by("pk")
    return list(rows.values_list("pk", field))


def holds_legacy(kit: Kit, group: Group, using: str) -> bool:
    """Whether the group holds a NULL or a duplicate position, asked of the database in one
    statement: a NULL is looked up, and duplicates found by a ``GROUP BY`` with ``HAVING``,
    both through the (group, position) index. One boolean comes back, whatever the group's
    size; the database stops at the first NULL or duplicate it meets."""
    field = kit.position_name
    rows = rows_of(kit, group, using).order_by()
    nulls = rows.filter(**{f"{field}__isnull": True}).values("pk")[:1]
    repeated = (
        rows.filter(**{f"{field}__isnull": False})
        .values(field)
        .annotate(orderkit_rows=Count("*"))
        .filter(orderkit_rows__gt=1)
        .values(field)[:1]
    )
    nulls_sql, nulls_params = nulls.query.sql_with_params()
    repeated_sql, repeated_params = repeated.query.sql_with_params()
    with connections[using].cursor() as cursor:
        cursor.execute(
            f"SELECT EXISTS ({nulls_sql}) OR EXISTS ({repeated_sql})",
            [*nulls_params, *repeated_params],
        )
        return bool(cursor.fetchone()[0])


def position_range(kit: Kit, using: str) -> tuple[int, int]:
    """The lowest and highest position that the order field's column holds."""
    field = kit.field(kit.position_name)
    low, high = connections[using].ops.integer_field_range(field.get_internal_type())
    return int(low), int(high)


def renumber(
    kit: Kit,
    group: Group,
    using: str,
    *,
    descending: bool = False,
    start: int = 0,
    step: int = 1,
    place: tuple[Pk, int] | None = None,
) -> int:
    """Number the group ``start, start + step, ...`` in the order its users see, with one
    UPDATE.

    That order is ascending position (descending with ``descending``), NULLs last, ties by
    pk; with ``descending`` the numbers run from high to low, so that the group is shown the
    same way. ``place=(pk, key)`` sorts that row by ``key`` among the others' doubled
    positions, wherever it is now (``2 * p + 1`` puts it right after the row at ``p``). Only
    rows whose position changes are written; returns how many were.
    """
    name = kit.position_name
    field = kit.field(name)
    pk_field = kit.model._meta.pk
    assert pk_field is not None
    assert pk_field.column is not None
    assert field.column is not None
    pk_name = pk_field.attname
    key: Any = F(name)
    if place is not None:
        # Twice the position leaves an odd key free next to any row for the placed one.
        moved, placed = place
        doubled = Cast(F(name), BigIntegerField()) * 2
        slot = Value(placed, output_field=BigIntegerField())
        key = Case(When(pk=moved, then=slot), default=doubled, output_field=BigIntegerField())
    by_position = key.desc(nulls_last=True) if descending else key.asc(nulls_last=True)
    number = Window(RowNumber(), order_by=[by_position, F(pk_name).asc()]) - 1
    if descending:
        number = Window(Count("*")) - 1 - number
    number = number * step + start
    numbered = (
        rows_of(kit, group, using)
        .order_by()
        .annotate(orderkit_pk=F(pk_name), orderkit_new=number)
        .values("orderkit_pk", "orderkit_new")
    )
    connection = connections[using]
    quote = connection.ops.quote_name
    table = quote(kit.model._meta.db_table)
    column = f"{table}.{quote(field.column)}"
    pk_column = f"{table}.{quote(pk_field.column)}"
    inner, params = numbered.query.sql_with_params()
    if connection.vendor == "mysql":
        sql = (
            f"UPDATE {table} INNER JOIN ({inner}) orderkit_n ON {pk_column} = "
            f"orderkit_n.orderkit_pk SET {column} = orderkit_n.orderkit_new "
            f"WHERE NOT ({column} <=> orderkit_n.orderkit_new)"
        )
    else:
        distinct = "IS NOT" if connection.vendor == "sqlite" else "IS DISTINCT FROM"
        sql = (
            f"UPDATE {table} SET {quote(field.column)} = orderkit_n.orderkit_new "
            f"FROM ({inner}) orderkit_n WHERE {pk_column} = orderkit_n.orderkit_pk "
            f"AND {column} {distinct} orderkit_n.orderkit_new"
        )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return int(cursor.rowcount)


def renumber_by_spacing(kit: Kit, group: Group, using: str, *, descending: bool = False) -> int:
    """:func:`renumber` the group by its kit's spacing, closer together where the order
    field's range is too small for that spacing (a small integer column); returns how many
    rows were written. A sparse kit counts the group's rows first; a dense one needs not."""
    start, step = 0, kit.spacing
    if kit.spacing > 1:
        floor, ceiling = position_range(kit, using)
        count = rows_of(kit, group, using).order_by().count()
        start, step = whole_group_step(count, kit.spacing, floor, ceiling)
    return renumber(kit, group, using, descending=descending, start=start, step=step)
