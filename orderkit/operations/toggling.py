"""Toggling: flip a registered boolean field of one row, or set it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import router
from django.db.models import Model

from orderkit import signals
from orderkit.exceptions import NotFound
from orderkit.kit import Kit
from orderkit.operations.onefield import write_field
from orderkit.operations.transactions import locked, run_atomic

if TYPE_CHECKING:
    from django.http import HttpRequest

    from orderkit.operations.audit import User


@dataclass(frozen=True)
class ToggleResult:
    changed: bool
    value: bool


def toggle(
    kit: Kit,
    obj: Model,
    field: str,
    value: bool | None = None,
    *,
    user: User | None = None,
    request: HttpRequest | None = None,
) -> ToggleResult:
    """Set ``obj.<field>`` to ``value``, or flip it when ``value`` is None.

    The row is locked and its value re-read first, so two flips never cancel into one.
    """
    kit.require("toggle", field)
    using = router.db_for_write(kit.model)
    rows = kit.model._base_manager.using(using).filter(pk=obj.pk)

    def write() -> ToggleResult:
        found = locked(rows.select_for_update().values_list(field, flat=True))
        if not found:
            raise NotFound()
        current = found[0]
        wanted = (not current) if value is None else value
        if wanted == current:
            return ToggleResult(changed=False, value=bool(current))
        write_field(
            kit, obj, rows, field, wanted, signal=signals.toggled, user=user, request=request
        )
        return ToggleResult(changed=True, value=wanted)

    return run_atomic(kit.model, write)
