"""The browser client's texts: the msgids of the gettext() calls in static/src.

Written by ``make messages`` (tests/catalogues.py) from the sources: do not edit.
``gettext_noop()`` puts them into orderkit's catalogues beside the server's texts, and
``{% orderkit_script %}`` gives the script their translations in the active language
(:func:`orderkit.controls.client_catalog`).
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

TEXTS = (
    gettext_noop("That list has no row for the selected rows to go next to."),
    gettext_noop("The selected rows can only move among the rows of their group."),
    gettext_noop("Moved %(count)s rows back."),
    gettext_noop("Moved %(count)s rows."),
    gettext_noop("%(label)s moved to %(list)s, position %(index)s of %(total)s."),
    gettext_noop("Someone else changed these rows at the same time. Reload and try again."),
    gettext_noop("The server is unavailable for a moment. Try again."),
    gettext_noop("The server could not be reached."),
    gettext_noop("The server answered %(status)s without details."),
    gettext_noop("Move %(label)s"),
    gettext_noop("Move %(label)s to the top"),
    gettext_noop("Move %(label)s to the bottom"),
    gettext_noop(
        "Picked up %(count)s rows, position %(index)s of %(total)s. Use the arrow "
        "keys to move them, Space or Enter to drop them, Escape to cancel."
    ),
    gettext_noop(
        "Picked up %(label)s, position %(index)s of %(total)s. Use the arrow keys "
        "to move it, Space or Enter to drop it, Escape to cancel."
    ),
    gettext_noop("%(count)s rows, position %(index)s of %(total)s."),
    gettext_noop("%(label)s, position %(index)s of %(total)s."),
    gettext_noop("%(count)s rows, in %(list)s, position %(index)s of %(total)s."),
    gettext_noop("%(label)s, in %(list)s, position %(index)s of %(total)s."),
    gettext_noop("%(count)s rows dropped in %(list)s at position %(index)s of %(total)s."),
    gettext_noop("%(count)s rows dropped at position %(index)s of %(total)s."),
    gettext_noop("%(label)s dropped in %(list)s at position %(index)s of %(total)s."),
    gettext_noop("%(label)s dropped at position %(index)s of %(total)s."),
    gettext_noop("%(count)s rows are back where they were."),
    gettext_noop("%(label)s is back at position %(index)s of %(total)s."),
    gettext_noop("Restored “%(label)s”."),
    gettext_noop("Undo"),
    gettext_noop("Removed “%(label)s”."),
    gettext_noop("Added “%(label)s”."),
    gettext_noop("%(label)s can only move among the rows of its group."),
    gettext_noop("%(label)s moved to position %(index)s of %(total)s."),
    gettext_noop("Selected"),
    gettext_noop("Selected: %(count)s."),
    gettext_noop("Selection cleared."),
    gettext_noop("Moved “%(label)s” back."),
    gettext_noop("Moved “%(label)s”."),
)
