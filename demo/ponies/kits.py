"""The demo's orderkit registration."""

from __future__ import annotations

import orderkit
from ponies.models import Pony, PonyTag


@orderkit.register(Pony)
class PonyKit(orderkit.Kit):
    order_field = "position"
    group_by = ("stable",)
    toggles = ("is_active",)
    relations = ("tags",)
    editable = ("name",)
    #: The stables page is a board: ponies move between stables.
    move_between_groups = True


# A pony's tags in order: the through model of Pony.tags, grouped by its pony.
orderkit.register(PonyTag, order_field="position", group_by=("pony",))
