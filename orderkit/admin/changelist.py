"""The change list: adminsortable2's drag handles and "move to page" actions, written by
orderkit, and switch columns."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.contrib.admin.views.main import ALL_VAR, ORDER_VAR
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from orderkit.admin.base import OrderkitAdminBase, template_names
from orderkit.admin.columns import handle_column, is_column, toggle_column
from orderkit.admin.forms import PageActionForm
from orderkit.admin.ordering import group_pinned
from orderkit.admin.pages import Target, move_to_page
from orderkit.admin.views import AdminReorderView

if TYPE_CHECKING:
    from django.contrib.admin.options import _ListDisplayT
    from django.utils.functional import _StrOrPromise as StrOrPromise

MOVE_ACTIONS = (
    "move_to_first_page",
    "move_to_back_page",
    "move_to_forward_page",
    "move_to_last_page",
    "move_to_exact_page",
)


def _move_action(target: Target, description: StrOrPromise) -> Any:
    @admin.action(description=description, permissions=["orderkit_reorder"])
    def action(
        model_admin: OrderkitChangeListMixin, request: HttpRequest, queryset: QuerySet[Any]
    ) -> None:
        model_admin.orderkit_move_to_page(request, queryset, target)

    return action


class OrderkitChangeListMixin(OrderkitAdminBase):
    """Drag and drop, page moves and switches in the change list."""

    action_form = PageActionForm

    move_to_first_page = _move_action("first", _("Move selected to first page"))
    move_to_back_page = _move_action("back", _("Move selected ... pages back"))
    move_to_forward_page = _move_action("forward", _("Move selected ... pages forward"))
    move_to_last_page = _move_action("last", _("Move selected to last page"))
    move_to_exact_page = _move_action("exact", _("Move selected to specific page"))

    def __init__(self, model: type[Model], admin_site: admin.AdminSite) -> None:
        super().__init__(model, admin_site)
        # Added to the instance so that a subclass's own ``actions`` list keeps them; each
        # is offered only while the page can be sorted (has_orderkit_reorder_permission).
        if self.actions is not None:
            self.actions = [*self.actions, *MOVE_ACTIONS]

    def orderkit_may_reorder(self, request: HttpRequest) -> bool:
        """Whether the user may reorder at all."""
        return self.orderkit_access(request).allows()

    def orderkit_sortable(self, request: HttpRequest) -> bool:
        """Whether this change list page can be sorted: the user may reorder, the rows are
        shown in the kit's order (no column picked), and, for a kit with ``group_by``, the
        filters name one group."""
        return (
            self.orderkit_may_reorder(request)
            and ORDER_VAR not in request.GET
            and group_pinned(self.orderkit_kit, request)
            and self.orderkit_descending(request) is not None
        )

    def orderkit_move_to_page(
        self, request: HttpRequest, queryset: QuerySet[Any], target: Target
    ) -> None:
        """The "move to page" actions: the selected rows go to the page ``target`` names."""
        message, level = move_to_page(
            request,
            self.orderkit_access(request),
            self.get_changelist_instance(request),
            queryset,
            target,
            descending=bool(self.orderkit_descending(request)),
        )
        self.message_user(request, message, level)

    def has_orderkit_reorder_permission(self, request: HttpRequest) -> bool:
        """The "move to page" actions' permission: a sortable page, paginated."""
        return ALL_VAR not in request.GET and self.orderkit_sortable(request)

    def get_list_display(self, request: HttpRequest) -> _ListDisplayT[Any]:
        kit = self.orderkit_kit
        columns: list[Any] = list(super().get_list_display(request))
        for index, name in enumerate(columns):
            if isinstance(name, str) and name in self.orderkit_toggles:
                columns[index] = toggle_column(self.orderkit_access(request, "toggle", name))
        if self.orderkit_may_reorder(request):
            handle = handle_column(kit, self.orderkit_sortable(request))
            if kit.order_field in columns:
                columns[columns.index(kit.order_field)] = handle
            else:
                columns.insert(0, handle)
        return columns

    def get_list_display_links(
        self, request: HttpRequest, list_display: _ListDisplayT[Any]
    ) -> _ListDisplayT[Any]:
        links = super().get_list_display_links(request, list_display)
        if links is None or not any(is_column(link) for link in links):
            return links
        # Neither a handle nor a switch can be a link: the first other column is.
        others = [entry for entry in list_display if not is_column(entry)]
        return others[:1]

    def get_urls(self) -> list[URLPattern]:
        opts = self.model._meta
        view = AdminReorderView.as_view(access_for=self.orderkit_access)
        update = path(
            "adminsortable2_update/",
            never_cache(view),
            name=f"{opts.app_label}_{opts.model_name}_sortable_update",
        )
        return [update, *super().get_urls()]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        if isinstance(response, TemplateResponse) and response.context_data is not None:
            opts = self.model._meta
            # adminsortable2's template adds its client's settings to the page the admin
            # would show.
            response.context_data["base_change_list_template"] = select_template(
                template_names(response.template_name)
            )
            response.context_data["sortable_update_url"] = reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_sortable_update"
            )
            response.template_name = "adminsortable2/change_list.html"
        return response
