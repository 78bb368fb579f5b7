"""The change list's reorder URL (at adminsortable2's path and name): orderkit's reorder
endpoint under the admin's access rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest

from orderkit.access import Access
from orderkit.admin.forms import UpdatedItemsForm
from orderkit.exceptions import FormInvalid
from orderkit.http import Body
from orderkit.views import ReorderView


class AdminReorderView(ReorderView):
    """The change list's drag and drop: the admin's access rules and row scope (through
    ``access_for``, which the admin gives), orderkit's form, operation and JSON answers.

    It reads the body of orderkit's reorder endpoint (``{"pk", "before"}``, ...), which the
    change list's script sends, and adminsortable2's ``{"updatedItems": [[pk, key], ...]}``:
    the rows it names take, in the order of their keys, the positions they hold now. The
    first kind's answer has the reorder endpoint's keys and ``message``."""

    access_for: Callable[[HttpRequest], Access] | None = None

    def get_access(self, request: HttpRequest) -> Access:
        assert self.access_for is not None
        return self.access_for(request)

    def act(self, request: HttpRequest, data: Body) -> tuple[dict[str, Any], str]:
        if "updatedItems" not in data:
            # The answer carries its message, which the change list shows once saved.
            payload, message = super().act(request, data)
            return {**payload, "message": message}, message
        items = UpdatedItemsForm(data)
        if not items.is_valid():
            raise FormInvalid(items)
        return super().act(request, {"order": items.cleaned_data["updatedItems"]})
