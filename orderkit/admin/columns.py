"""Change list columns made for one request: the drag handle and the switches.

``list_display`` callables only see the row, so what they need of the request (may this user
drag, may they flip this row) is bound in when ``get_list_display(request)`` makes them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from orderkit import controls
from orderkit.access import Access
from orderkit.admin.sorting import Sorting

#: The handle column's name (its cells' CSS class is ``column-_reorder_``).
HANDLE = "_reorder_"


class Column:
    """A ``list_display`` entry: called with each row; Django reads ``short_description``,
    ``admin_order_field``, ``boolean`` and ``__name__`` (the cell's CSS class) from it."""

    def __init__(
        self,
        name: str,
        label: str,
        order_field: str,
        render: Callable[[Model], Any],
        *,
        boolean: bool = False,
    ) -> None:
        self.__name__ = name
        self.short_description = label
        self.admin_order_field = order_field
        self.boolean = boolean
        self.render = render

    def __call__(self, obj: Model) -> Any:
        return self.render(obj)


def handle_column(access: Access, sorting: Sorting) -> Column:
    """orderkit's handle, and the row's item attributes that the admin's script puts on the
    row (Django writes the ``<tr>``); for a row that ``access`` refuses, the item without a
    handle; while ``sorting`` is off, a mark whose tooltip says why."""
    kit = access.kit
    field = kit.position_name

    def render(obj: Model) -> SafeString:
        if not sorting.on:
            return format_html(
                '<span class="orderkit-handle orderkit-handle--off" title="{}">⠿</span>',
                sorting.tooltip,
            )
        group = json.dumps(list(kit.group_of(obj).values()), cls=DjangoJSONEncoder)
        row = format_html(
            '<span hidden data-orderkit-row {} data-orderkit-group="{}"></span>',
            controls.item(obj),
            group,
        )
        return row + controls.handle(obj) if access.allows(obj) else row

    return Column(HANDLE, kit.verbose_name(field), field, render)


def toggle_column(access: Access) -> Column:
    """The switch of the toggle ``access`` is about, disabled for rows that it refuses; its
    accessible name names the row ("Is active: Applejack 1"), the column's header its field.
    For a user who may not toggle at all, Django's boolean icons."""
    kit, field = access.kit, access.field
    assert field is not None
    label = kit.verbose_name(field)
    if not access.allows():
        return Column(field, label, field, lambda obj: getattr(obj, field), boolean=True)

    def render(obj: Model) -> SafeString:
        name = _("%(field)s: %(object)s") % {"field": label, "object": obj}
        allowed = access.allows(obj)
        return controls.switch(kit, obj, field, "", submit=False, allowed=allowed, name=name)

    return Column(field, label, field, render)


def is_column(entry: Any, name: str | None = None) -> bool:
    return isinstance(entry, Column) and (name is None or entry.__name__ == name)
