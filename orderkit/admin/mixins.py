"""``OrderkitAdminMixin``: drag and drop, page moves, switches and links in the admin."""

from __future__ import annotations

from orderkit.admin.changeform import OrderkitChangeFormMixin
from orderkit.admin.changelist import OrderkitChangeListMixin
from orderkit.admin.history import OrderkitHistoryMixin


class OrderkitAdminMixin(OrderkitChangeListMixin, OrderkitChangeFormMixin, OrderkitHistoryMixin):
    """Put it before ``admin.ModelAdmin`` in the bases of the admin of a model registered
    with orderkit (with an ``order_field``).

    The change list gets adminsortable2's drag handles and "move to page" actions, written
    by orderkit; ``orderkit_toggles`` columns become switches; the change page lists each of
    ``orderkit_relations`` with detach buttons and an attach form.
    """
