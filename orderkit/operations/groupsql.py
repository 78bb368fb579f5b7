"""The parts of a group's SQL statements (see ``statements.py``): its table, columns, WHERE
and SET clauses, and how primary keys go in and come back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field

from orderkit.kit import Group, Kit
from orderkit.operations.groups import position_range
from orderkit.operations.positions import Pk

Converter = Callable[[Any, Any, BaseDatabaseWrapper], Any]


class GroupSql:
    """What the statements of one group of ``kit`` on the database ``using`` are made of:
    its quoted table and columns, the WHERE clause that names the group and its parameters,
    the SET clause that puts a row into it, the column's range, and how keys are prepared
    and read back."""

    def __init__(self, kit: Kit, group: Group, using: str) -> None:
        self.kit, self.group, self.using = kit, group, using
        connection = connections[using]
        self.connection = connection
        quote = connection.ops.quote_name
        opts = kit.model._meta
        pk = opts.pk
        assert pk is not None
        assert pk.column is not None
        position = kit.field(kit.position_name)
        assert position.column is not None
        self.pk_field: Field[Any, Any] = pk
        self.table = quote(opts.db_table)
        self.pk = quote(pk.column)
        self.position = quote(position.column)
        where: list[str] = []
        self.group_params: list[Any] = []
        #: ``column = %s`` for each group column, and their values: what puts a row here.
        self.sets: list[str] = []
        self.set_params: list[Any] = []
        for attname, value in group.items():
            field = opts.get_field(attname)
            assert isinstance(field, Field)
            assert field.column is not None
            prepared = None if value is None else field.get_db_prep_value(value, connection)
            if value is None:
                where.append(f"{quote(field.column)} IS NULL")
            else:
                where.append(f"{quote(field.column)} = %s")
                self.group_params.append(prepared)
            self.sets.append(f"{quote(field.column)} = %s")
            self.set_params.append(prepared)
        self.where = " AND ".join(where) if where else "1 = 1"
        self.floor, self.ceiling = position_range(kit, using)
        self.lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        self.pk_column = pk.get_col(opts.db_table)
        self.converters: list[Converter] = [
            *connection.ops.get_db_converters(self.pk_column),
            # Typed in newer django-stubs only.
            *cast(Any, pk).get_db_converters(connection),
        ]

    def pks(self, pks: Sequence[Pk]) -> tuple[str, list[Any]]:
        """``(%s, ...)`` for an IN list, and the prepared keys."""
        prepared = [self.pk_field.get_db_prep_value(pk, self.connection) for pk in pks]
        return listed(["%s"] * len(prepared)), prepared

    def key(self, value: Any) -> Pk:
        for convert in self.converters:
            value = convert(value, self.pk_column, self.connection)
        return value  # type: ignore[no-any-return]

    def select(self, sql: str, params: list[Any]) -> list[tuple[Pk, Any]]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(self.key(pk), position) for pk, position in cursor.fetchall()]

    def update(self, sql: str, params: list[Any]) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)


def listed(items: Sequence[str]) -> str:
    """``(a, b, ...)``: an IN list."""
    return f"({', '.join(items)})"
