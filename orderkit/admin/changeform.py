"""The change form: the order field left out, and each relation listed with detach buttons
and an attach form."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import select_template
from django.template.response import TemplateResponse

from orderkit.admin.autocomplete import autocomplete_widget, select_attributes
from orderkit.admin.base import OrderkitAdminBase, template_names


class OrderkitChangeFormMixin(OrderkitAdminBase):
    """The relations panel of the change page."""

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
        relations = self.orderkit_relation_names() if obj is not None else ()
        kit = self.orderkit_kit
        widgets = {
            name: autocomplete_widget(self.admin_site, request, kit, name) for name in relations
        }
        found = [widget for widget in widgets.values() if widget is not None]
        if found:
            # Every autocomplete has the same media: select2 and the admin's glue.
            context["media"] = context["media"] + found[0].media
        response = super().render_change_form(request, context, add, change, form_url, obj)
        if relations and isinstance(response, TemplateResponse):
            assert response.context_data is not None
            response.context_data["orderkit_base_template"] = select_template(
                template_names(response.template_name)
            )
            response.context_data["orderkit_relations"] = [
                (name, kit.verbose_name(name), select_attributes(widget) if widget else None)
                for name, widget in widgets.items()
            ]
            response.template_name = "orderkit/admin/change_form.html"
        return response


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
