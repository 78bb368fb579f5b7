"""A plain Python list, moved the obvious way: the model that orderkit's moves and reorders
are held against, in memory (``test_planner``) and on the databases
(``test_moving_properties``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from hypothesis import strategies as st

from orderkit.operations.planner import Move, Order, Request

Kind = Literal["before", "after", "first", "last", "order"]


@dataclass(frozen=True)
class Op:
    """A move of ``pks[0]`` (to an end), of ``pks[:-1]`` as a block next to ``pks[-1]``
    (one row or several), or an order of ``pks``."""

    kind: Kind
    pks: tuple[int, ...]


def apply_to_list(order: list[int], op: Op) -> list[int]:
    """``order`` after ``op``."""
    if op.kind == "order":
        slots = sorted(order.index(pk) for pk in op.pks)
        result = list(order)
        for slot, pk in zip(slots, op.pks, strict=True):
            result[slot] = pk
        return result
    if op.kind in ("first", "last"):
        result = [pk for pk in order if pk != op.pks[0]]
        return [op.pks[0], *result] if op.kind == "first" else [*result, op.pks[0]]
    *moved, anchor = op.pks
    result = [pk for pk in order if pk not in moved]
    at = result.index(anchor) + (op.kind == "after")
    return [*result[:at], *moved, *result[at:]]


def request_of(op: Op) -> Request:
    """The planner's request for ``op`` (of one row)."""
    if op.kind == "order":
        return Order(op.pks)
    if op.kind in ("first", "last"):
        return Move(op.pks[0], to=op.kind)
    anchor = op.pks[1]
    return Move(op.pks[0], before=anchor) if op.kind == "before" else Move(op.pks[0], after=anchor)


@st.composite
def one_op(draw: st.DrawFn, pks: list[int]) -> Op:
    kinds: list[Kind] = ["first", "last", "order"]
    if len(pks) > 1:
        kinds += ["before", "after"]
    kind = draw(st.sampled_from(kinds))
    if kind == "order":
        listed = draw(st.lists(st.sampled_from(pks), min_size=1, max_size=len(pks), unique=True))
        return Op(kind, tuple(listed))
    moved = draw(st.sampled_from(pks))
    if kind in ("first", "last"):
        return Op(kind, (moved,))
    anchor = draw(st.sampled_from([pk for pk in pks if pk != moved]))
    return Op(kind, (moved, anchor))


def ops(pks: list[int], most: int = 8) -> st.SearchStrategy[list[Op]]:
    """Sequences of moves and reorders of the rows ``pks``."""
    return st.lists(one_op(sorted(pks)), min_size=1, max_size=most)
