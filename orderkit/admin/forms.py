"""The body that adminsortable2's change list client sends, read as a sort key only, and the
change list's action form."""

from __future__ import annotations

from typing import Any, ClassVar

from adminsortable2.admin import MovePageActionForm
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from orderkit.forms import BodyForm


class UpdatedItemsField(forms.Field):
    """``[[pk, key], ...]``: the rows in the order of their keys (ties keep the sent order).

    adminsortable2's client computes positions from the page it shows, which may be stale;
    orderkit never stores them, it only sorts by them.
    """

    default_error_messages: ClassVar[dict[str, Any]] = {
        "invalid": _("Send a list of [pk, order] pairs."),
    }

    def to_python(self, value: Any) -> list[Any]:
        if value in self.empty_values:
            return []
        invalid = ValidationError(self.error_messages["invalid"], code="invalid")
        if not isinstance(value, list):
            raise invalid
        for item in value:
            if not (isinstance(item, list) and len(item) == 2):
                raise invalid
            key = item[1]
            if isinstance(key, bool) or not isinstance(key, int | float):
                raise invalid
        return [pk for pk, _key in sorted(value, key=lambda item: item[1])]


class UpdatedItemsForm(BodyForm):
    updatedItems = UpdatedItemsField()


class PageActionForm(MovePageActionForm):
    """adminsortable2's action form, whose number boxes have no label: each gets its name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = {"step": _("Number of pages"), "page": _("Page number")}
        for field, name in names.items():
            self.fields[field].widget.attrs["aria-label"] = name
