"""What the change list shows above its rows: the settings of orderkit's script for a sortable
page, or the line that says why sorting is off and how to turn it on."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString

from orderkit.admin.sorting import Sorting


def list_head(request: HttpRequest, sorting: Sorting, url: str, descending: bool) -> SafeString:
    """For a sortable page, an empty element that the admin's script reads: the reorder
    ``url`` and whether the page shows the kit's order reversed. Otherwise the line."""
    if sorting.on:
        return format_html(
            '<span hidden data-orderkit-changelist data-url="{}"{}></span>',
            url,
            " data-orderkit-reversed" if descending else "",
        )
    if not sorting.clear:
        return format_html('<p class="orderkit-sorting-off">{}</p>', sorting.tooltip)
    query = request.GET.copy()
    for name in sorting.clear:
        query.pop(name, None)
    return format_html(
        '<p class="orderkit-sorting-off">{} <a href="?{}">{}</a></p>',
        sorting.reason,
        query.urlencode(),
        sorting.how,
    )
