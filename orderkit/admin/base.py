"""What the admin mixin's pages share: the kit, who may act through this admin, checks and
media."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.core.checks import CheckMessage
from django.forms import Media
from django.http import HttpRequest

from orderkit.access import Access
from orderkit.admin import checks
from orderkit.admin.media import admin_media
from orderkit.admin.ordering import default_ordering
from orderkit.kit import Action, Kit
from orderkit.registry import registry

if TYPE_CHECKING:
    _ModelAdmin = admin.ModelAdmin[Any]
else:
    _ModelAdmin = admin.ModelAdmin


class OrderkitAdminBase(_ModelAdmin):
    """The ground of :class:`~orderkit.admin.OrderkitAdminMixin`'s change list and change
    form."""

    #: Names in ``list_display`` to show as switches; each must be a registered toggle.
    orderkit_toggles: Sequence[str] = ()
    #: Relations to show on the change page; ``None`` means every registered relation.
    orderkit_relations: Sequence[str] | None = None

    @property
    def orderkit_kit(self) -> Kit:
        return registry.get(self.model, "reorder")

    def check(self, **kwargs: Any) -> list[CheckMessage]:
        return [
            *super().check(**kwargs),
            *checks.check_apps(type(self)),
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

    def orderkit_descending(self, request: HttpRequest) -> bool | None:
        ordering = default_ordering(self.model, self.get_ordering(request))
        return self.orderkit_kit.order_direction(ordering)


def template_names(template_name: Any) -> list[str]:
    """A response's ``template_name`` as a list, for ``select_template()``."""
    return [template_name] if isinstance(template_name, str) else list(template_name)
