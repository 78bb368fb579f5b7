"""Carrying out reorder requests on one locked group: for each request, read the named rows,
ask the planner, fulfil its needs, write its plan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from orderkit.operations import blocks, planner, positions
from orderkit.operations.planner import Beside, Bounds, Move, ReadWindow, Request, Seen
from orderkit.operations.positions import Pk, Plan


@dataclass(frozen=True)
class ReorderResult:
    changed: bool
    #: The new position of every row that the request named, by pk.
    positions: dict[Pk, int]


class Rows(Protocol):
    """One locked group's reads and writes, as :class:`~orderkit.operations.statements.GroupRows`
    carries them out in SQL."""

    def read(self, pks: Sequence[Pk], beside: Beside | None = None) -> Seen: ...

    def window(self, need: ReadWindow) -> tuple[list[tuple[Pk, int]], list[tuple[Pk, int]]]: ...

    def count(self) -> int: ...

    def write(self, plan: Plan) -> None: ...

    def renumber(self) -> int: ...


@dataclass
class Carried:
    """What the requests did: the named rows' positions before and after, the rows that the
    requests moved, and whether a legacy group was renumbered on the way."""

    before: dict[Pk, int]
    after: dict[Pk, int]
    wrote: set[Pk]
    renumbered: bool


def carry_out(rows: Rows, bounds: Bounds, requests: Sequence[Request]) -> Carried:
    """Plan and write each request in turn, reading what the planner needs."""
    carried = Carried(before={}, after={}, wrote=set(), renumbered=False)
    # The first read takes every row that the requests name: a block's rows where they stood
    # before any of them moved.
    everyone = list(dict.fromkeys(pk for wanted in requests for pk in wanted.named))
    for index, wanted in enumerate(requests):
        read = everyone if index == 0 else wanted.named
        seen = rows.read(read, wanted.beside)
        carried.before = {**_placed(seen), **carried.before}
        if index == 0 and _in_place(rows, requests, seen):
            # A block that stands where it is asked to go already: nothing to write.
            carried.after = dict(carried.before)
            return carried
        seen = _only(seen, wanted.named)
        step = planner.plan(wanted, seen, bounds)
        renumbered_here = False
        while isinstance(step, planner.Need):
            if isinstance(step, planner.Renumber):
                # Out-of-band writes since the group was checked: renumber, then read again.
                assert not renumbered_here, "a renumbered group holds no duplicates"
                renumbered_here = True
                carried.renumbered = rows.renumber() > 0 or carried.renumbered
                seen = rows.read(read, wanted.beside)
                # The renumbered positions stand for where the first request's rows were;
                # a later request's rows keep where they were first read.
                fresh = _placed(seen)
                carried.before = (
                    {**carried.before, **fresh} if index == 0 else {**fresh, **carried.before}
                )
                seen = _only(seen, wanted.named)
            elif isinstance(step, planner.ReadWindow):
                seen = seen.with_window(step, *rows.window(step))
            else:
                seen = seen.with_size(rows.count())
            step = planner.plan(wanted, seen, bounds)
        now = _placed(seen)
        if step is not None:
            rows.write(step)
            # A move's row changed places even where a respaced window left it its number.
            carried.wrote.update(step.positions if isinstance(step, positions.Assign) else ())
            if isinstance(wanted, Move):
                carried.wrote.add(wanted.pk)
        carried.after = positions.outcome(step, now) or {}
    if len(requests) > 1 or not carried.after:
        # A block's earlier rows may have shifted since; a spread is only known by reading.
        found = rows.read(list(carried.before)).positions
        carried.after = {pk: position for pk, position in found.items() if position is not None}
    return carried


def _in_place(rows: Rows, requests: Sequence[Request], seen: Seen) -> bool:
    """Whether ``requests``, a block of moves, wants nothing written (see
    :func:`~orderkit.operations.blocks.block_in_place`)."""
    answer = blocks.block_in_place(requests, seen)
    if isinstance(answer, ReadWindow):
        answer = blocks.block_in_place(requests, seen.with_window(answer, *rows.window(answer)))
    return answer is True


def _placed(seen: Seen) -> dict[Pk, int]:
    """The positions read, without the rows that hold NULL."""
    return {pk: position for pk, position in seen.positions.items() if position is not None}


def _only(seen: Seen, named: Sequence[Pk]) -> Seen:
    """``seen`` with the positions of the ``named`` rows alone (those found), for the planner;
    a row that it leaves out (of a block's first read) and that holds a named row's position
    is a row not named that shares it."""
    kept = {pk: seen.positions[pk] for pk in named if pk in seen.positions}
    taken = {position for position in kept.values() if position is not None}
    left_out = (p for pk, p in seen.positions.items() if pk not in kept)
    return replace(seen, positions=kept, shared=seen.shared or any(p in taken for p in left_out))
