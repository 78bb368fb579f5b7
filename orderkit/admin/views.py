"""adminsortable2's update URL, answered by orderkit: the rows that the client names take,
in the client's order, the positions that they hold now."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from orderkit import operations
from orderkit.admin.forms import UpdatedItemsForm
from orderkit.forms import ReorderForm
from orderkit.http import FormInvalid
from orderkit.permissions import may
from orderkit.views import Body, ReorderView

if TYPE_CHECKING:
    from orderkit.admin.mixins import OrderkitAdminMixin


class AdminReorderView(ReorderView):
    """The change list's drag and drop: the admin's access rules, the admin's row scope,
    orderkit's form, operation and JSON answers."""

    model_admin: OrderkitAdminMixin | None = None

    def check_permissions(self, request: HttpRequest) -> bool:
        admin = self.model_admin
        assert admin is not None
        kit = self.kit = admin.orderkit_kit
        if not admin.admin_site.has_permission(request):
            return False
        return admin.has_change_permission(request) and may(kit, request, "reorder")

    def act(self, request: HttpRequest, data: Body) -> tuple[dict[str, Any], str]:
        admin = self.model_admin
        assert admin is not None
        items = UpdatedItemsForm(data)
        if not items.is_valid():
            raise FormInvalid(items)
        order = items.cleaned_data["updatedItems"]
        form = ReorderForm({"order": order}, kit=self.kit, scope=admin.orderkit_scope(request))
        if not form.is_valid():
            raise FormInvalid(form)
        for obj in form.objects:
            self.deny_unless(
                admin.has_change_permission(request, obj)
                and self.kit.has_permission(request, "reorder", obj)
            )
        result = operations.reorder(self.kit, form.objects, user=request.user, request=request)
        positions = {str(pk): position for pk, position in result.positions.items()}
        return {"changed": result.changed, "positions": positions}, _("The new order is saved.")
