"""The SQL of a move's hot path, for one group: a few short statements written out as SQL
rather than built as querysets, so that a move spends its time in the database, not in the
ORM's query compiler.

Every statement names the group's columns and then the position, so that it goes through an
index on (group, position). Values are prepared as the ORM prepares them
(``get_db_prep_value``) and primary keys come back through the ORM's converters, so a UUID
key on SQLite or MariaDB reads and writes as it does through a queryset.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from orderkit.operations.groups import renumber, renumber_by_spacing
from orderkit.operations.groupsql import GroupSql, listed
from orderkit.operations.planner import Beside, ReadWindow, Seen
from orderkit.operations.positions import Assign, Pk, Plan, Shift, Spread


class GroupRows(GroupSql):
    """The rows of one group of ``kit`` on the database ``using``: their reads and writes."""

    def read(self, pks: Sequence[Pk], beside: Beside | None = None) -> Seen:
        """The positions of the rows ``pks`` that are in the group and, in the same
        statement, the row ``beside`` names and a row not named that shares a named row's
        position (a duplicate written since the group was checked); all of them locked.
        For the group's end (``to: "last"``) also a row not named that holds NULL: NULLs
        come last in the kit's order, so the end lies past them."""
        keys, named = self.pks(pks)
        # More items of the IN list, rather than ORs: MariaDB then still reads (and locks)
        # the rows by primary key, not the whole group.
        found_by = ["%s"] * len(named)
        params = list(named)
        if beside is not None:
            nearest, extra = self._beside(beside, keys, named)
            found_by.append(f"({nearest})")
            params += extra
        found_by.append(
            f"(SELECT {self.pk} FROM {self.table} WHERE {self.where} AND NOT {self.pk} IN {keys} "
            f"AND {self.position} IN (SELECT {self.position} FROM {self.table} "
            f"WHERE {self.where} AND {self.pk} IN {keys}) LIMIT 1)"
        )
        params += [*self.group_params, *named, *self.group_params, *named]
        if beside == Beside("below"):
            found_by.append(
                f"(SELECT {self.pk} FROM {self.table} WHERE {self.where} "
                f"AND NOT {self.pk} IN {keys} AND {self.position} IS NULL LIMIT 1)"
            )
            params += [*self.group_params, *named]
        found = self.select(
            f"SELECT {self.pk}, {self.position} FROM {self.table} "
            f"WHERE {self.where} AND {self.pk} IN {listed(found_by)}{self.lock}",
            [*self.group_params, *params],
        )
        wanted = set(pks)
        now = {pk: position for pk, position in found if pk in wanted}
        others = [(pk, position) for pk, position in found if pk not in wanted]
        taken = set(now.values())
        # Two rows not named: the neighbour, and one that shares a named row's position
        # (or did, when the statement began) or holds NULL past the group's last.
        shared = len(others) > 1 or any(
            position is None or position in taken for _, position in others
        )
        return Seen(now, others[0] if others else None, shared=shared)

    def _beside(self, beside: Beside, keys: str, named: list[Any]) -> tuple[str, list[Any]]:
        """The subquery that finds the row ``beside`` names, and its parameters."""
        edge, params = "%s", [*self.group_params, *named]
        if beside.of is None:
            params.append(self.ceiling if beside.side == "below" else self.floor)
        else:
            edge = (
                f"(SELECT {self.position} FROM {self.table} WHERE {self.where} AND {self.pk} = %s)"
            )
            params += [
                *self.group_params,
                self.pk_field.get_db_prep_value(beside.of, self.connection),
            ]
        return self._nearest(self.pk, beside.side, edge, keys, "1"), params

    def _nearest(self, columns: str, side: str, edge: str, excluded: str, limit: str) -> str:
        """A SELECT of the rows nearest to ``edge`` on ``side``, nearest first, other than
        the ``excluded`` ones (an IN list; empty for none)."""
        bound, order = ("<=", "DESC") if side == "below" else (">=", "ASC")
        others = f" AND NOT {self.pk} IN {excluded}" if excluded else ""
        return (
            f"SELECT {columns} FROM {self.table} WHERE {self.where}{others} "
            f"AND {self.position} {bound} {edge} "
            f"ORDER BY {self.position} {order}, {self.pk} {order} LIMIT {limit}"
        )

    def nearest(
        self,
        *,
        below: int | None = None,
        above: int | None = None,
        exclude: Sequence[Pk] = (),
        count: int = 1,
    ) -> list[tuple[Pk, int]]:
        """The ``count`` rows nearest to a position, locked: at or under ``below`` (highest
        first), or at or over ``above`` (lowest first). Through the (group, position) index
        this reads ``count`` rows whatever the group's size."""
        side, edge = ("below", below) if below is not None else ("above", above)
        keys, excluded = self.pks(exclude) if exclude else ("", [])
        columns = f"{self.pk}, {self.position}"
        return self.select(
            self._nearest(columns, side, "%s", keys, "%s") + self.lock,
            [*self.group_params, *excluded, edge, count],
        )

    def window(self, need: ReadWindow) -> tuple[list[tuple[Pk, int]], list[tuple[Pk, int]]]:
        """The rows that ``need`` asks for: under its low side and over its high side."""
        below = (
            []
            if need.low is None
            else self.nearest(below=need.low, exclude=[need.skip], count=need.rows)
        )
        above = (
            []
            if need.high is None
            else self.nearest(above=need.high, exclude=[need.skip], count=need.rows)
        )
        return below, above

    def count(self) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM {self.table} WHERE {self.where}", self.group_params
            )
            return int(cursor.fetchone()[0])

    def renumber(self) -> int:
        """Number the group by its kit's spacing, in its order (NULLs last, ties by pk)."""
        return renumber_by_spacing(self.kit, self.group, self.using)

    def last(self) -> int | None:
        """The group's highest position (locked), or ``None`` for an empty group."""
        found = self.nearest(below=self.ceiling)
        return found[0][1] if found else None

    def take(self, pk: Pk, position: int) -> None:
        """Put the row ``pk``, from another group, into this one at ``position``."""
        self.update(
            f"UPDATE {self.table} SET {', '.join(self.sets)}, {self.position} = %s "
            f"WHERE {self.pk} = %s",
            [*self.set_params, position, self.pk_field.get_db_prep_value(pk, self.connection)],
        )

    def write(self, plan: Plan) -> None:
        """Write ``plan`` with one UPDATE, whatever the number of rows it moves."""
        if isinstance(plan, Spread):
            renumber(
                self.kit,
                self.group,
                self.using,
                start=plan.start,
                step=plan.step,
                place=(plan.pk, plan.key),
            )
        elif isinstance(plan, Assign):
            self.assign(plan)
        else:
            self.shift(plan)

    def shift(self, plan: Shift) -> None:
        """Write a dense move: the moved row and the rows it passes, in one UPDATE."""
        moved = self.pk_field.get_db_prep_value(plan.pk, self.connection)
        self.update(
            f"UPDATE {self.table} SET {self.position} = CASE WHEN {self.pk} = %s THEN %s "
            f"ELSE {self.position} + %s END "
            f"WHERE {self.where} AND {self.position} >= %s AND {self.position} <= %s",
            [moved, plan.target, plan.delta, *self.group_params, plan.low, plan.high],
        )

    def assign(self, plan: Assign) -> None:
        """Give the listed rows their listed positions, in one UPDATE."""
        cases: list[str] = []
        params: list[Any] = []
        for pk, position in plan.positions.items():
            cases.append(f"WHEN {self.pk} = %s THEN %s")
            params += [self.pk_field.get_db_prep_value(pk, self.connection), position]
        keys, listed = self.pks(list(plan.positions))
        self.update(
            f"UPDATE {self.table} SET {self.position} = CASE {' '.join(cases)} "
            f"ELSE {self.position} END WHERE {self.where} AND {self.pk} IN {keys}",
            [*params, *self.group_params, *listed],
        )
