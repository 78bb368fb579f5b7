"""Whether a change list page can be sorted by dragging, and when not, why and how to turn it
on: the line shown above the list and in the handles' tooltip."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.admin.views.main import ORDER_VAR, SEARCH_VAR
from django.http import HttpRequest
from django.utils.translation import gettext as _

from orderkit.admin.ordering import group_pinned
from orderkit.kit import Kit


@dataclass(frozen=True)
class Sorting:
    """A page's sorting: ``on``, and when off the ``reason``, what turns it on (``how``),
    and the query parameters that the page drops to turn it on (``clear``), if any."""

    on: bool
    reason: str = ""
    how: str = ""
    clear: tuple[str, ...] = ()

    @property
    def tooltip(self) -> str:
        return f"{self.reason} {self.how}".strip()


def page_sorting(kit: Kit, request: HttpRequest, ordering: Sequence[Any]) -> Sorting:
    """Sorting on this page: the rows are shown in the kit's order (no column picked, no
    search, an ordering by the order field after the group fields), and each group's rows
    are one run (the filters name one group, or the ordering starts with the group fields)."""
    if ORDER_VAR in request.GET:
        reason = _("Sorting by dragging is off while the list is sorted by a column.")
        return Sorting(False, reason, _("Remove the column sorting to turn it on."), (ORDER_VAR,))
    if request.GET.get(SEARCH_VAR):
        reason = _("Sorting by dragging is off while the list shows search results.")
        return Sorting(False, reason, _("Clear the search to turn it on."), (SEARCH_VAR,))
    if kit.order_direction(ordering) is None:
        reason = _("Sorting by dragging is off: this list is not ordered by %(field)s.")
        how = _("Its admin's ordering must start with it.")
        return Sorting(False, reason % {"field": kit.verbose_name(kit.position_name)}, how)
    if not group_pinned(kit, request) and not kit.groups_lead(ordering):
        reason = _("Sorting by dragging is off while the list mixes several groups.")
        return Sorting(
            False,
            reason,
            _("Filter the list by one %(group)s to turn it on.")
            % {"group": " / ".join(str(kit.field(name).verbose_name) for name in kit.group_by)},
        )
    return Sorting(True)
