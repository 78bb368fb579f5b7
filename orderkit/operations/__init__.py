"""orderkit's writes, as plain ORM code: the views, the admin and commands all call these.

Each runs in one transaction, locks what it changes, re-reads inside the lock and writes
with a constant number of statements. Nothing in here knows about HTTP.
"""

from __future__ import annotations

from orderkit.operations.carrying import ReorderResult
from orderkit.operations.editing import EditResult, edit
from orderkit.operations.grouplock import hold_group
from orderkit.operations.links import LinkResult, attach, detach
from orderkit.operations.moving import move, move_block, reorder
from orderkit.operations.placing import place_new
from orderkit.operations.repairing import Repair, groups_of, repair_group
from orderkit.operations.toggling import ToggleResult, toggle

__all__ = [
    "EditResult",
    "LinkResult",
    "ReorderResult",
    "Repair",
    "ToggleResult",
    "attach",
    "detach",
    "edit",
    "groups_of",
    "hold_group",
    "move",
    "move_block",
    "place_new",
    "reorder",
    "repair_group",
    "toggle",
]
