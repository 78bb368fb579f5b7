"""The move planner (``orderkit.operations.planner``) and the writer's sequence
(``carrying.carry_out``), on an in-memory group instead of a database.

``Table`` answers the planner's reads and writes its plans as orderkit's SQL does (the same
statements are checked on the real databases by ``test_moving_properties``). The property
tests drive the real planner and writer loop with random moves and reorders, and hold the
group against a plain Python list that is moved the obvious way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import cast

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from orderkit.exceptions import Conflict
from orderkit.operations import blocks, planner
from orderkit.operations.carrying import carry_out
from orderkit.operations.planner import (
    Beside,
    Bounds,
    CountRows,
    Move,
    Order,
    ReadWindow,
    Renumber,
    Request,
    Seen,
)
from orderkit.operations.positions import Assign, Pk, Plan, Shift, Spread
from tests.list_model import Kind, Op, apply_to_list, one_op, ops, request_of


class Table:
    """One group as the database holds it: positions by pk (pks are ints here)."""

    def __init__(self, positions: Mapping[int, int | None], bounds: Bounds) -> None:
        self.positions: dict[Pk, int | None] = dict(positions.items())
        self.bounds = bounds
        self.statements = 0

    def order(self) -> list[int]:
        """The group's order: ascending position, NULLs last, ties by pk."""
        return sorted(cast(list[int], list(self.positions)), key=self._sort_key)

    def _sort_key(self, pk: int) -> tuple[bool, int, int]:
        position = self.positions[pk]
        return (position is None, position or 0, pk)

    def _nearest(
        self, side: str, edge: int | None, excluded: Sequence[Pk], count: int
    ) -> list[tuple[Pk, int]]:
        if edge is None:  # SQL: a comparison with NULL holds for no row
            return []
        rows = [
            (cast(int, pk), p)
            for pk, p in self.positions.items()
            if p is not None
            and pk not in excluded
            and (p <= edge if side == "below" else p >= edge)
        ]
        rows.sort(key=lambda row: (row[1], row[0]), reverse=side == "below")
        return list(rows[:count])

    def read(self, pks: Sequence[Pk], beside: Beside | None = None) -> Seen:
        self.statements += 1
        now = {pk: self.positions[pk] for pk in pks if pk in self.positions}
        taken = {position for position in now.values() if position is not None}
        shared = any(p in taken for pk, p in self.positions.items() if pk not in now)
        if beside is None:
            return Seen(now, shared=shared)
        edge: int | None
        if beside.of is None:
            edge = self.bounds.ceiling if beside.side == "below" else self.bounds.floor
        else:
            edge = self.positions.get(beside.of)
        found = self._nearest(beside.side, edge, pks, 1)
        return Seen(now, found[0] if found else None, shared=shared)

    def window(self, need: ReadWindow) -> tuple[list[tuple[Pk, int]], list[tuple[Pk, int]]]:
        self.statements += 1
        below = (
            [] if need.low is None else self._nearest("below", need.low, [need.skip], need.rows)
        )
        above = (
            [] if need.high is None else self._nearest("above", need.high, [need.skip], need.rows)
        )
        return below, above

    def count(self) -> int:
        self.statements += 1
        return len(self.positions)

    def write(self, plan: Plan) -> None:
        self.statements += 1
        if isinstance(plan, Shift):
            for pk, p in list(self.positions.items()):
                if pk == plan.pk:
                    self.positions[pk] = plan.target
                elif p is not None and plan.low <= p <= plan.high:
                    self.positions[pk] = p + plan.delta
        elif isinstance(plan, Assign):
            self.positions.update(plan.positions)
        else:
            self._number(plan.start, plan.step, placed=plan)

    def renumber(self) -> int:
        self.statements += 1
        return self._number(0, self.bounds.spacing)

    def _number(self, start: int, step: int, placed: Spread | None = None) -> int:
        def key(pk: int) -> tuple[bool, int, int]:
            p = self.positions[pk]
            if placed is not None:
                doubled = placed.key if pk == placed.pk else None if p is None else 2 * p
                return (doubled is None, doubled or 0, pk)
            return (p is None, p or 0, pk)

        changed = 0
        for index, pk in enumerate(sorted(cast(list[int], list(self.positions)), key=key)):
            wanted = start + index * step
            changed += self.positions[pk] != wanted
            self.positions[pk] = wanted
        return changed

    def values(self) -> list[int]:
        """Every position, for the invariants (the properties never leave a NULL)."""
        found = list(self.positions.values())
        assert None not in found
        return cast(list[int], found)


def run(table: Table, request: Request) -> None:
    carry_out(table, table.bounds, [request])


DENSE = Bounds(spacing=1, floor=0, ceiling=2**31 - 1)


def dense_table(size: int) -> Table:
    return Table({pk: pk - 1 for pk in range(1, size + 1)}, DENSE)


# The planner, decision by decision.


def test_a_named_row_missing_from_the_group_is_a_conflict() -> None:
    with pytest.raises(Conflict):
        planner.plan(Move(1, before=2), Seen({1: 0}), DENSE)


@pytest.mark.parametrize(
    "seen",
    [
        Seen({1: None, 2: 3}),
        Seen({1: 3, 2: 3}),
        Seen({1: 0, 2: 3}, neighbour=(5, 3)),  # a row shares the anchor's position
        Seen({1: 0, 2: 3}, neighbour=(5, 0)),  # ... or the moved row's
        Seen({1: 0, 2: 3}, neighbour=(5, 1), shared=True),  # a row not named shares one
        Seen({1: 0, 2: 3}, shared=True),
    ],
)
def test_rows_without_distinct_positions_are_renumbered_first(seen: Seen) -> None:
    assert planner.plan(Move(1, before=2), seen, DENSE) == Renumber()


def test_dense_moves_are_one_shift() -> None:
    # Row 4 (at 3) right before row 2 (at 1), whose neighbour under it is row 1 (at 0).
    assert planner.plan(Move(4, before=2), Seen({4: 3, 2: 1}, (1, 0)), DENSE) == Shift(
        pk=4, target=1, low=1, high=3, delta=1
    )


def test_a_row_already_in_its_place_needs_nothing() -> None:
    assert planner.plan(Move(2, to="first"), Seen({2: 0}, (1, 1)), DENSE) is None
    assert planner.plan(Order((1, 2)), Seen({1: 0, 2: 1}), DENSE) is None


def test_an_order_permutes_the_rows_slots() -> None:
    plan = planner.plan(Order((3, 1)), Seen({3: 30, 1: 10}), DENSE)
    assert plan == Assign({3: 10, 1: 30})


SPARSE = Bounds(spacing=8, floor=0, ceiling=1000)


def test_a_sparse_move_into_a_gap_writes_the_moved_row_alone() -> None:
    plan = planner.plan(Move(5, after=1), Seen({5: 40, 1: 8}, (2, 16)), SPARSE)
    assert plan == Assign({5: 12})


def test_a_sparse_move_without_room_reads_ever_wider_windows_then_counts() -> None:
    move, seen = Move(5, after=1), Seen({5: 40, 1: 8}, (2, 9))
    assert planner.plan(move, seen, SPARSE) == ReadWindow(8, 8, 9, 5)
    for rows in (8, 32, 128, 512):
        # As many rows as asked on each side (no end of the group in sight), and no room.
        below = [(100 + index, 8) for index in range(rows)]
        above = [(2000 + index, 9) for index in range(rows)]
        seen = seen.with_window(ReadWindow(rows, 8, 9, 5), below, above)
        wanted = ReadWindow(rows * 4, 8, 9, 5) if rows < 512 else CountRows()
        assert planner.plan(move, seen, SPARSE) == wanted
    assert planner.plan(move, seen.with_size(2000), Bounds(8, 0, 2**31 - 1)) == Spread(
        pk=5, key=17, start=0, step=8
    )


def test_a_window_with_room_is_respaced_evenly() -> None:
    move = Move(5, after=1)
    seen = Seen({5: 40, 1: 8}, (2, 9)).with_window(
        ReadWindow(8, 8, 9, 5), [(1, 8), (3, 0)], [(2, 9), (4, 16)]
    )
    # The window reached both ends of the group (fewer rows than asked): it may grow by the
    # spacing at each end.
    assert planner.plan(move, seen, SPARSE) == Assign({1: 6, 5: 12, 2: 18, 4: 24})


# The writer's sequence on a table.


def test_a_renumbered_group_is_read_again_and_planned() -> None:
    # Row 2 shares row 1's position: the neighbour read under row 3 meets it.
    table = Table({1: 0, 2: 0, 3: 1}, DENSE)
    carried = carry_out(table, DENSE, [Move(1, before=3)])
    assert carried.renumbered
    assert table.order() == [2, 1, 3]
    assert table.positions == {2: 0, 1: 1, 3: 2}


@pytest.mark.parametrize(
    "op",
    [Op("last", (1,)), Op("after", (1, 4)), Op("before", (1, 4)), Op("order", (4, 1))],
    ids=["to-last", "after", "before", "order"],
)
def test_a_row_not_named_that_shares_a_named_rows_position_is_renumbered_first(op: Op) -> None:
    """An out-of-band write gave row 2 the position of row 1 after the group was checked:
    shifted down with the rows after row 1, row 2 would go to -1."""
    table = Table({1: 0, 2: 0, 3: 1, 4: 2}, DENSE)
    carried = carry_out(table, DENSE, [request_of(op)])
    assert carried.renumbered
    assert table.order() == apply_to_list([1, 2, 3, 4], op)
    assert sorted(table.values()) == [0, 1, 2, 3]


def test_a_block_reads_its_rows_once_more_at_the_end() -> None:
    table = dense_table(6)
    carried = carry_out(table, DENSE, [Move(5, before=2), Move(6, before=2)])
    assert table.order() == [1, 5, 6, 2, 3, 4]
    assert carried.after == {5: 1, 2: 3, 6: 2}
    assert table.statements == 2 * 2 + 1


# Properties: any sequence of moves and reorders leaves the list model's order.


@st.composite
def groups(draw: st.DrawFn) -> Table:
    """A clean group of 1 to 12 rows: dense from any start, or sparse with any gaps, in a
    column that may be cramped (a low ceiling forces window and whole-group respacing)."""
    size = draw(st.integers(1, 12))
    spacing = draw(st.sampled_from([1, 2, 4, 8, 1024]))
    ceiling = draw(st.sampled_from([size * 3, 60, 2**31 - 1]))
    bounds = Bounds(spacing=spacing, floor=0, ceiling=max(ceiling, size))
    if spacing == 1:
        start = draw(st.integers(0, bounds.ceiling - size + 1))
        values = list(range(start, start + size))
    else:
        values = sorted(
            draw(st.sets(st.integers(0, bounds.ceiling), min_size=size, max_size=size))
        )
    pks = draw(st.permutations(range(1, size + 1)))
    return Table(dict(zip(pks, values, strict=True)), bounds)


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_moves_and_reorders_keep_the_models_order(data: st.DataObject) -> None:
    table = data.draw(groups())
    dense = table.bounds.spacing == 1
    model = table.order()
    steps: list[Op] = data.draw(ops(model))
    for op in steps:
        run(table, request_of(op))
        model = apply_to_list(model, op)
        found = table.values()
        assert table.order() == model
        assert len(set(found)) == len(found)
        assert all(table.bounds.floor <= p <= table.bounds.ceiling for p in found)
        if dense:
            assert sorted(found) == list(range(min(found), min(found) + len(found)))


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_a_move_to_where_the_row_is_writes_nothing(data: st.DataObject) -> None:
    table = data.draw(groups())
    order = table.order()
    index = data.draw(st.integers(0, len(order) - 1))
    pk = order[index]
    before = dict(table.positions)
    requests: list[Request] = (
        [Move(pk, to="first")] if index == 0 else [Move(pk, after=order[index - 1])]
    )
    if index == len(order) - 1:
        requests.append(Move(pk, to="last"))
    if index + 1 < len(order):
        requests.append(Move(pk, before=order[index + 1]))
    for request in requests:
        carried = carry_out(table, table.bounds, [request])
        assert not carried.wrote
        assert table.positions == before


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_duplicate_written_out_of_band_is_renumbered_when_a_request_names_it(
    data: st.DataObject,
) -> None:
    """After the group was checked, code outside orderkit gave a row another's position: a
    request that names either of them renumbers the group, then does what it asked."""
    table = data.draw(groups())
    pks = table.order()
    # Room to number the rows by the spacing (the cramped columns are for the rebalancing).
    assume(len(pks) > 1 and (len(pks) - 1) * table.bounds.spacing <= table.bounds.ceiling)
    named, twin = data.draw(st.lists(st.sampled_from(pks), min_size=2, max_size=2, unique=True))
    table.positions[twin] = table.positions[named]
    model = table.order()
    op = data.draw(one_op(sorted(pks)).filter(lambda op: named in op.pks or twin in op.pks))
    carried = carry_out(table, table.bounds, [request_of(op)])
    found = table.values()
    assert carried.renumbered
    assert table.order() == apply_to_list(model, op)
    assert len(set(found)) == len(found)
    assert all(table.bounds.floor <= p <= table.bounds.ceiling for p in found)


# A row that changes groups: where it enters, and what the group it left writes.


@pytest.mark.parametrize(
    ("last", "bounds", "expected"),
    [
        (None, DENSE, 0),
        (4, DENSE, 5),
        (None, SPARSE, 0),
        (16, SPARSE, 24),
        (996, SPARSE, 998),
        (1000, SPARSE, None),
    ],
)
def test_a_row_from_another_group_enters_after_the_last_row(
    last: int | None, bounds: Bounds, expected: int | None
) -> None:
    assert planner.entry(last, bounds) == expected


def test_a_dense_group_closes_the_gap_that_a_leaving_row_leaves() -> None:
    assert planner.departure(7, 3, DENSE) == Shift(
        pk=7, target=3, low=4, high=DENSE.ceiling, delta=-1
    )
    assert planner.departure(7, 3, SPARSE) is None


# Blocks: the moves that ``move_block`` lists, each row beside one anchor.


def block_requests(op: Op) -> list[Request]:
    """The planner's requests for the block ``op``, as ``move_block`` lists them."""
    *moved, anchor = op.pks
    if op.kind == "before":
        return [Move(pk, before=anchor) for pk in moved]
    return [Move(pk, after=anchor) for pk in reversed(moved)]


@st.composite
def block_ops(draw: st.DrawFn, pks: list[int]) -> Op:
    """A block of one row or more (not all of them) beside another row."""
    picked = draw(st.lists(st.sampled_from(pks), min_size=2, max_size=len(pks), unique=True))
    kind: Kind = draw(st.sampled_from(["before", "after"]))
    return Op(kind, tuple(picked))


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_blocks_keep_the_models_order(data: st.DataObject) -> None:
    table = data.draw(groups())
    assume(len(table.positions) > 1)
    model = table.order()
    op = data.draw(block_ops(model))
    carry_out(table, table.bounds, block_requests(op))
    found = table.values()
    assert table.order() == apply_to_list(model, op)
    assert len(set(found)) == len(found)
    if table.bounds.spacing == 1:
        assert sorted(found) == list(range(min(found), min(found) + len(found)))


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_block_already_in_place_writes_nothing(data: st.DataObject) -> None:
    """Rows that stand beside the anchor in the listed order: one read of the block's rows
    and one of the rows nearest the anchor, then nothing written."""
    table = data.draw(groups())
    assume(len(table.positions) > 2)
    order = table.order()
    start = data.draw(st.integers(0, len(order) - 3))
    end = data.draw(st.integers(start + 3, len(order)))
    run = order[start:end]
    kind: Kind = data.draw(st.sampled_from(["before", "after"]))
    op = Op(kind, (*run[:-1], run[-1]) if kind == "before" else (*run[1:], run[0]))
    before = dict(table.positions)
    carried = carry_out(table, table.bounds, block_requests(op))
    assert table.positions == before
    assert not carried.wrote
    assert carried.after == carried.before == before_of(before, op.pks)
    assert table.statements == 2


def before_of(positions: Mapping[Pk, int | None], pks: Sequence[int]) -> dict[Pk, int | None]:
    return {pk: positions[pk] for pk in pks}


@pytest.mark.parametrize(
    ("positions", "requests", "expected"),
    [
        # In order beside the anchor, but another row (4) lies among the block's rows.
        ({1: 0, 4: 2, 2: 4, 3: 8}, [Move(1, before=3), Move(2, before=3)], [4, 1, 2, 3]),
        # The same after the anchor.
        ({3: 0, 1: 4, 4: 6, 2: 8}, [Move(2, after=3), Move(1, after=3)], [3, 1, 2, 4]),
        # Adjacent, but in the other order.
        ({2: 0, 1: 4, 3: 8}, [Move(1, before=3), Move(2, before=3)], [1, 2, 3]),
    ],
)
def test_a_block_in_order_with_a_row_among_it_still_moves(
    positions: dict[int, int], requests: list[Request], expected: list[int]
) -> None:
    table = Table(positions, Bounds(spacing=4, floor=0, ceiling=2**31 - 1))
    carried = carry_out(table, table.bounds, requests)
    assert carried.wrote
    assert table.order() == expected


@pytest.mark.parametrize(
    ("seen", "requests"),
    [
        # A single move is the planner's own to judge.
        (Seen({1: 0, 2: 4}), [Move(1, before=2)]),
        # Moves beside different anchors are not one block.
        (Seen({1: 0, 2: 4, 3: 8}), [Move(1, before=3), Move(2, before=1)]),
        # A row that holds NULL, or whose position another row shares, is renumbered first.
        (Seen({1: None, 2: 4, 3: 8}), [Move(1, before=3), Move(2, before=3)]),
        (Seen({1: 0, 2: 4, 3: 8}, shared=True), [Move(1, before=3), Move(2, before=3)]),
    ],
)
def test_only_a_block_of_placed_rows_is_checked_in_place(
    seen: Seen, requests: list[Request]
) -> None:
    assert blocks.block_in_place(requests, seen) is False


@pytest.mark.parametrize("how", ["before", "after"])
def test_a_duplicate_between_two_rows_of_a_block_is_renumbered_first(how: str) -> None:
    """The block's first read takes all its rows; a row of the block that shares the moved
    row's position is, for that move, a row not named that shares it."""
    table = Table({1: 0, 2: 0, 3: 1, 4: 2, 5: 3}, DENSE)
    kind: Kind = "before" if how == "before" else "after"
    op = Op(kind, (1, 2, 4))
    model = table.order()
    carried = carry_out(table, DENSE, block_requests(op))
    assert carried.renumbered
    assert table.order() == apply_to_list(model, op)
    assert sorted(table.values()) == [0, 1, 2, 3, 4]
