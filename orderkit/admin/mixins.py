"""``OrderkitAdminMixin``: drag and drop, page moves, switches and links in the admin."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from adminsortable2.admin import MovePageActionForm
from django.contrib import admin
from django.contrib.admin.views.main import ALL_VAR, ORDER_VAR
from django.core.checks import CheckMessage
from django.db.models import Model, QuerySet
from django.forms import Media
from django.http import HttpRequest, HttpResponse
from django.template.loader import select_template
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from orderkit.access import Access
from orderkit.admin import checks
from orderkit.admin.columns import handle_column, is_column, toggle_column
from orderkit.admin.media import admin_media
from orderkit.admin.ordering import default_ordering, group_pinned
from orderkit.admin.pages import Target, move_to_page
from orderkit.admin.views import AdminReorderView
from orderkit.kit import Action, Kit
from orderkit.registry import registry

if TYPE_CHECKING:
    from django.contrib.admin.options import _ListDisplayT
    from django.utils.functional import _StrOrPromise as StrOrPromise

    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _ModelAdmin = admin.ModelAdmin

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
        model_admin: OrderkitAdminMixin, request: HttpRequest, queryset: QuerySet[Any]
    ) -> None:
        model_admin.orderkit_move_to_page(request, queryset, target)

    return action


class OrderkitAdminMixin(_ModelAdmin):
    """Put it before ``admin.ModelAdmin`` in the bases of the admin of a model registered
    with orderkit (with an ``order_field``).

    The change list gets adminsortable2's drag handles and "move to page" actions, written
    by orderkit; ``orderkit_toggles`` columns become switches; the change page lists each of
    ``orderkit_relations`` with detach buttons and an attach form.
    """

    #: Names in ``list_display`` to show as switches; each must be a registered toggle.
    orderkit_toggles: Sequence[str] = ()
    #: Relations to show on the change page; ``None`` means every registered relation.
    orderkit_relations: Sequence[str] | None = None

    action_form = MovePageActionForm

    move_to_first_page = _move_action("first", _("Move selected to first page"))
    move_to_back_page = _move_action("back", _("Move selected … pages back"))
    move_to_forward_page = _move_action("forward", _("Move selected … pages forward"))
    move_to_last_page = _move_action("last", _("Move selected to last page"))
    move_to_exact_page = _move_action("exact", _("Move selected to specific page"))

    def __init__(self, model: type[Model], admin_site: admin.AdminSite) -> None:
        super().__init__(model, admin_site)
        # Added to the instance so that a subclass's own ``actions`` list keeps them; each
        # is offered only while the page can be sorted (has_orderkit_reorder_permission).
        if self.actions is not None:
            self.actions = [*self.actions, *MOVE_ACTIONS]

    @property
    def orderkit_kit(self) -> Kit:
        return registry.get(self.model, "reorder")

    def check(self, **kwargs: Any) -> list[CheckMessage]:
        return [
            *super().check(**kwargs),
            *checks.check_model_admin(
                type(self),
                self.model,
                self.ordering,
                self.orderkit_toggles,
                self.orderkit_relations,
            ),
        ]

    @property
    def media(self) -> Media:
        return super().media + admin_media()

    # Hooks.

    def orderkit_access(
        self, request: HttpRequest, action: Action = "reorder", field: str | None = None
    ) -> Access:
        """Who may do ``action`` through this admin: the admin site's and this admin's change
        permission, on the model and on each row, and the kit's ``has_permission``; among
        the rows of ``get_queryset(request)`` that are also in the kit's."""
        site = self.admin_site
        return Access(
            self.orderkit_kit,
            request,
            action,
            field=field,
            also=lambda obj: (
                site.has_permission(request) and self.has_change_permission(request, obj)
            ),
            within=self.get_queryset(request),
        )

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

    def orderkit_descending(self, request: HttpRequest) -> bool | None:
        ordering = default_ordering(self.model, self.get_ordering(request))
        return self.orderkit_kit.order_direction(ordering)

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

    # The change list.

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
                _names(response.template_name)
            )
            response.context_data["sortable_update_url"] = reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_sortable_update"
            )
            response.template_name = "adminsortable2/change_list.html"
        return response

    # The change form.

    def orderkit_relation_names(self) -> Sequence[str]:
        if self.orderkit_relations is not None:
            return self.orderkit_relations
        return tuple(self.orderkit_kit.relations)

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        """The admin's fieldsets without the order field (orderkit places new rows, the
        change list moves them) and, on a change page, without the relations that the page
        lists with detach and attach controls."""
        hidden = {self.orderkit_kit.order_field}
        if obj is not None:
            hidden.update(self.orderkit_relation_names())
        return [
            (name, {**options, "fields": _without(options.get("fields", ()), hidden)})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> HttpResponse:
        response = super().render_change_form(request, context, add, change, form_url, obj)
        relations = self.orderkit_relation_names()
        kit = self.orderkit_kit
        if obj is not None and relations and isinstance(response, TemplateResponse):
            assert response.context_data is not None
            response.context_data["orderkit_base_template"] = select_template(
                _names(response.template_name)
            )
            response.context_data["orderkit_relations"] = [
                (name, kit.verbose_name(name)) for name in relations
            ]
            response.template_name = "orderkit/admin/change_form.html"
        return response


def _names(template_name: Any) -> list[str]:
    return [template_name] if isinstance(template_name, str) else list(template_name)


def _without(fields: Sequence[Any], hidden: set[Any]) -> list[Any]:
    kept: list[Any] = []
    for entry in fields:
        if isinstance(entry, list | tuple):
            line = [name for name in entry if name not in hidden]
            if line:
                kept.append(tuple(line))
        elif entry not in hidden:
            kept.append(entry)
    return kept
