"""orderkit's registrations of the benchmark tables (imported by orderkit's autodiscovery)."""

from __future__ import annotations

import orderkit
from benchmarks.benchapp.models import DenseItem, SparseItem

orderkit.register(DenseItem, order_field="position", group_by=("group",), toggles=("is_active",))
orderkit.register(
    SparseItem,
    order_field="position",
    group_by=("group",),
    toggles=("is_active",),
    spacing=1024,
)
