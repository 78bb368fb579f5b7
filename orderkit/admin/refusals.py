"""What the admin says when orderkit refuses to move a row: the admin's messages cannot point
at the row, so they name it."""

from __future__ import annotations

from django.utils.translation import gettext as _


def move_refused(obj: object) -> str:
    return _("You are not allowed to move “%(object)s”.") % {"object": obj}
