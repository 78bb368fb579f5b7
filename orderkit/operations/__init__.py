"""orderkit's writes, as plain ORM code: the views, the admin and commands all call these.

Each runs in one transaction, locks what it changes, re-reads inside the lock and writes
with a constant number of statements.
"""

from __future__ import annotations

from orderkit.operations.grouplock import hold_group
from orderkit.operations.links import LinkResult, attach, detach
from orderkit.operations.reorder import ReorderResult, move, reorder
from orderkit.operations.toggle import ToggleResult, toggle

__all__ = [
    "LinkResult",
    "ReorderResult",
    "ToggleResult",
    "attach",
    "detach",
    "hold_group",
    "move",
    "reorder",
    "toggle",
]
