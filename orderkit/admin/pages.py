"""The change list's "move to another page" actions, as orderkit moves.

Each selected row is moved next to the first (or last) row of the target page with one
:func:`orderkit.operations.move`: a constant number of statements per selected row,
whatever the table's size, in one transaction for the whole selection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from django.contrib import messages
from django.db import router, transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from orderkit import operations
from orderkit.exceptions import OrderkitError
from orderkit.forms import ReorderForm
from orderkit.http import form_error_text

if TYPE_CHECKING:
    from orderkit.admin.mixins import OrderkitAdminMixin

Target = Literal["first", "back", "forward", "last", "exact"]


class Refused(Exception):
    """One selected row may not be moved: nothing is."""


def posted_number(request: HttpRequest, name: str, default: int) -> int:
    # The admin has validated the action form (MovePageActionForm's integer fields).
    value = request.POST.get(name)
    return int(value) if value else default


def target_page(request: HttpRequest, target: Target, current: int, last: int) -> int:
    """The page that the action names, from adminsortable2's ``step`` and ``page`` inputs."""
    step = max(1, posted_number(request, "step", 1))
    pages = {
        "first": 1,
        "back": current - step,
        "forward": current + step,
        "last": last,
        "exact": posted_number(request, "page", current),
    }
    return pages[target]


def move_to_page(
    model_admin: OrderkitAdminMixin, request: HttpRequest, queryset: QuerySet[Any], target: Target
) -> None:
    kit = model_admin.orderkit_kit
    changelist = model_admin.get_changelist_instance(request)
    current = changelist.page_num
    last = changelist.paginator.num_pages
    page = target_page(request, target, current, last)
    if page == current or not 1 <= page <= last:
        model_admin.message_user(
            request,
            _("Pick a page other than this one, from 1 to %(last)d.") % {"last": last},
            messages.WARNING,
        )
        return
    per_page = changelist.list_per_page
    selected: list[Model] = list(queryset[: per_page + 1])
    if len(selected) > per_page:
        model_admin.message_user(
            request,
            _("Move at most %(count)d rows at a time.") % {"count": per_page},
            messages.ERROR,
        )
        return
    rows = changelist.queryset
    backward = page < current
    # The first row of an earlier page, or the last row of a later one: the selection goes
    # right before, or right after it, and so fills the target page from that end.
    index = (
        (page - 1) * per_page if backward else min(page * per_page, changelist.result_count) - 1
    )
    anchor = rows[index]
    descending = model_admin.orderkit_descending(request)
    # In a descending list, "before on the page" is "after" in the kit's order.
    side = "before" if backward != descending else "after"
    movers = selected if backward else selected[::-1]
    try:
        with transaction.atomic(using=router.db_for_write(kit.model)):
            for obj in movers:
                if obj.pk != anchor.pk:
                    move_one(model_admin, request, obj, anchor, side)
    except (Refused, OrderkitError) as error:
        model_admin.message_user(request, str(error), messages.ERROR)
        return
    model_admin.message_user(
        request,
        ngettext(
            "%(count)d row is moved to page %(page)d.",
            "%(count)d rows are moved to page %(page)d.",
            len(selected),
        )
        % {"count": len(selected), "page": page},
        messages.SUCCESS,
    )


def move_one(
    model_admin: OrderkitAdminMixin, request: HttpRequest, obj: Model, anchor: Model, side: str
) -> None:
    kit = model_admin.orderkit_kit
    form = ReorderForm(
        {"pk": obj.pk, side: anchor.pk}, kit=kit, scope=model_admin.orderkit_scope(request)
    )
    if not form.is_valid():
        raise Refused(form_error_text(form))
    obj, anchor = form.objects
    if not (
        model_admin.has_change_permission(request, obj)
        and kit.has_permission(request, "reorder", obj)
    ):
        raise Refused(_("You are not allowed to move “%(object)s”.") % {"object": obj})
    operations.move(
        kit,
        obj,
        before=anchor if side == "before" else None,
        after=anchor if side == "after" else None,
        user=request.user,
        request=request,
    )
