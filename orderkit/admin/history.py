"""The History page's change messages for orderkit's own notes.

orderkit writes each change message in Django's structured format (a JSON list), with its
notes as parts of their own (``{"moved": {"before": "Clover 3"}}``) beside the ``changed``
fields, and says it in words here, when the page is shown, in the reader's language. Django's
own History pages, which do not know the notes, show the fields ("Changed Position.").
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from orderkit.admin.base import OrderkitAdminBase

if TYPE_CHECKING:
    from django.contrib.admin.models import LogEntry


def moved(note: dict[str, str]) -> str:
    if "before" in note:
        return _("Moved before “%(object)s”.") % {"object": note["before"]}
    if "after" in note:
        return _("Moved after “%(object)s”.") % {"object": note["after"]}
    return _("Moved to the top.") if note.get("to") == "first" else _("Moved to the bottom.")


def regrouped(note: dict[str, str]) -> str:
    return _("Moved from “%(source)s” to “%(target)s”.") % {
        "source": note["from"],
        "target": note["to"],
    }


#: How each note is said, by its key in the change message.
NOTES: dict[str, Callable[[Any], str]] = {"moved": moved, "regrouped": regrouped}


def change_message(entry: LogEntry) -> str:
    """What the History page says of ``entry``: orderkit's notes in words, or else Django's
    own message."""
    text = entry.change_message or ""
    parts = json.loads(text) if text.startswith("[") else []
    said = [
        NOTES[key](value)
        for part in parts
        if isinstance(part, dict)
        for key, value in part.items()
        if key in NOTES
    ]
    # The class's method: the History page puts this function on each entry in its place.
    return " ".join(said) or type(entry).get_change_message(entry)


class OrderkitHistoryMixin(OrderkitAdminBase):
    """The History page, with orderkit's notes in words."""

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().history_view(request, object_id, extra_context)
        if isinstance(response, TemplateResponse) and response.context_data is not None:
            page = response.context_data["action_list"]
            entries = list(page.object_list)
            for entry in entries:
                # The template calls entry.get_change_message.
                setattr(entry, "get_change_message", lambda entry=entry: change_message(entry))  # noqa: B010
            page.object_list = entries
        return response
