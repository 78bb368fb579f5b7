"""The change list's "move to another page" actions, as one orderkit block move.

The selected rows go right before the first row of an earlier page, or right after the last
row of a later one, with :func:`orderkit.operations.move_block`: a constant number of
statements per selected row, whatever the table's size, in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from django.contrib import messages
from django.contrib.admin.views.main import PAGE_VAR, ChangeList
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from orderkit import operations
from orderkit.access import Access
from orderkit.admin.refusals import move_refused
from orderkit.exceptions import FormInvalid, OrderkitError, PermissionDenied
from orderkit.forms import ReorderForm

Target = Literal["first", "back", "forward", "last", "exact"]
#: What to tell the user: a message and its level.
Outcome = tuple[str, int]


def posted_number(posted: Mapping[str, Any], name: str, default: int) -> int:
    # The admin has validated the action form (MovePageActionForm's integer fields).
    value = posted.get(name)
    return int(value) if value else default


def target_page(posted: Mapping[str, Any], target: Target, current: int, last: int) -> int:
    """The page that the action names, from adminsortable2's ``step`` and ``page`` inputs."""
    step = max(1, posted_number(posted, "step", 1))
    pages = {
        "first": 1,
        "back": current - step,
        "forward": current + step,
        "last": last,
        "exact": posted_number(posted, "page", current),
    }
    return pages[target]


def move_to_page(
    request: HttpRequest,
    access: Access,
    changelist: ChangeList,
    selection: QuerySet[Any],
    target: Target,
    *,
    descending: bool,
) -> Outcome:
    """Move the ``selection`` of ``changelist`` to the page ``target`` names."""
    current = changelist.page_num
    last = changelist.paginator.num_pages
    page = target_page(request.POST, target, current, last)
    if page == current or not 1 <= page <= last:
        message = _("Pick a page other than this one, from 1 to %(last)d.") % {"last": last}
        return message, messages.WARNING
    per_page = changelist.list_per_page
    selected: list[Model] = list(selection[: per_page + 1])
    if len(selected) > per_page:
        return _("Move at most %(count)d rows at a time.") % {"count": per_page}, messages.ERROR
    backward = page < current
    # The first row of an earlier page, or the last row of a later one: the selection goes
    # right before, or right after it, and so fills the target page from that end.
    index = (
        (page - 1) * per_page if backward else min(page * per_page, changelist.result_count) - 1
    )
    if not 0 <= index < changelist.result_count:
        # An empty change list, shown at a page number other than 1.
        return _("There are no rows on this list to move next to."), messages.ERROR
    anchor = changelist.queryset[index]
    # The page shows the kit's order, or its reverse: "before on the page" is then "after".
    side = "before" if backward != descending else "after"
    in_kit_order = selected[::-1] if descending else selected
    try:
        _move(request, access, in_kit_order, anchor, side)
    except PermissionDenied as refused:
        return move_refused(refused.obj), messages.ERROR
    except OrderkitError as error:
        return error.message, messages.ERROR
    message = ngettext(
        "%(count)d row is moved to page %(page)d.",
        "%(count)d rows are moved to page %(page)d.",
        len(selected),
    ) % {"count": len(selected), "page": page}
    # The admin can follow the rows there.
    link = changelist.get_query_string({PAGE_VAR: page})
    there = _("Show page %(page)d") % {"page": page}
    return format_html('{} <a href="{}">{}</a>', message, link, there), messages.SUCCESS


def _move(
    request: HttpRequest, access: Access, rows: list[Model], anchor: Model, side: str
) -> None:
    """Resolve the rows in the request's scope and check each as the reorder endpoint would,
    then move them as one block."""
    movers = [row for row in rows if row.pk != anchor.pk]
    if not movers:
        return
    named = [*(row.pk for row in movers), anchor.pk]
    form = ReorderForm({"order": named}, kit=access.kit, scope=access.rows())
    if not form.is_valid():
        raise FormInvalid(form)
    *movers, anchor = form.objects
    access.require_each(movers)
    operations.move_block(access.kit, movers, **{side: anchor}, user=request.user, request=request)
