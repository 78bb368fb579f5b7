"""The block planner: whether the moves of a block want anything written. Pure, like
:mod:`~orderkit.operations.planner`, whose requests and reads it takes."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from orderkit.operations.planner import Move, ReadWindow, Request, Seen


def block_in_place(requests: Sequence[Request], seen: Seen) -> bool | ReadWindow:
    """Whether the moves of a block (each of its rows beside one anchor, as
    :func:`~orderkit.operations.moving.move_block` lists them) want nothing written: its rows
    stand beside the anchor in the listed order, with no other row among them. ``seen``
    holds every row that the block names; a :class:`ReadWindow` of the rows nearest the
    anchor on the block's side is needed to tell, after which the writer asks again."""
    moves = [wanted for wanted in requests if isinstance(wanted, Move)]
    anchors = {wanted.anchor for wanted in moves}
    if len(moves) < 2 or len(moves) != len(requests) or len(anchors) != 1 or seen.shared:
        return False
    anchor = moves[0].anchor
    assert anchor is not None
    # Each row goes right beside the anchor in turn, so the last one listed ends nearest it.
    nearest = [wanted.pk for wanted in reversed(moves)]
    # Under ``before`` the block is below the anchor: its numbers fall away from it.
    sign = -1 if moves[0].before is not None else 1
    away: list[int] = []
    for pk in (anchor, *nearest):
        position = seen.positions.get(pk)
        if position is None:
            return False
        away.append(sign * position)
    if any(near >= far for near, far in itertools.pairwise(away)):
        return False
    if not seen.window:
        at = sign * away[0]
        low, high = (at - 1, None) if sign < 0 else (None, at + 1)
        return ReadWindow(len(nearest), low, high, anchor)
    read = seen.below if sign < 0 else seen.above
    return [pk for pk, _ in read] == nearest
