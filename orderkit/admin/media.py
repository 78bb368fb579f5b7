"""The admin pages' scripts and stylesheets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.forms import Media, Script

from orderkit.controls import script_attributes


def sortable2_script() -> str:
    """adminsortable2's client, named exactly as adminsortable2 names it, so that a page
    that also shows adminsortable2's own admins loads it once."""
    return "adminsortable2/js/adminsortable2{}.js".format("" if settings.DEBUG else ".min")


def inline_media() -> Media:
    """What a sortable inline needs: adminsortable2's client binds ``fieldset.sortable``;
    orderkit's admin script (told the client's texts) adds the keyboard and the move
    buttons, and orderkit's stylesheet draws them."""
    glue = Script("orderkit/orderkit-admin.js", **script_attributes())
    # Django accepts Script objects among the paths; its type stubs know only strings.
    scripts: list[Any] = [sortable2_script(), glue]
    css: dict[str, Sequence[str]] = {
        "all": ["adminsortable2/css/sortable.css", "orderkit/orderkit.css"]
    }
    return Media(css=css, js=scripts)


def admin_media() -> Media:
    """Change list and change form: adminsortable2's dragging, orderkit's client for the
    switches and links, and the glue between Django's actions script and the dragging.

    Django's own ``actions.js`` stays: adminsortable2 swaps in a copy per Django version,
    and has none for every version (a 404 on Django 6.1); the glue does what its copy did.
    """
    client: Any = Script("orderkit/orderkit.js", **script_attributes())
    return inline_media() + Media(js=[client])
