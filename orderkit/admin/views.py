"""adminsortable2's update URL, answered by orderkit: the rows that the client names take,
in the client's order, the positions that they hold now."""

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
    ``access_for``, which the admin gives), orderkit's form, operation and JSON answers."""

    access_for: Callable[[HttpRequest], Access] | None = None

    def get_access(self, request: HttpRequest) -> Access:
        assert self.access_for is not None
        return self.access_for(request)

    def act(self, request: HttpRequest, data: Body) -> tuple[dict[str, Any], str]:
        items = UpdatedItemsForm(data)
        if not items.is_valid():
            raise FormInvalid(items)
        return super().act(request, {"order": items.cleaned_data["updatedItems"]})
