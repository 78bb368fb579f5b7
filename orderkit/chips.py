"""The HTML of a row's many-to-many links: a chip with a detach button per linked object, and
a form that attaches one more.

A page holds one chip template per relation, however many rows show it: the client fills
in a copy for each object attached (see docs/client.md). As in :mod:`orderkit.controls`,
nothing here decides who may act.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Model
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from orderkit.controls import NOTHING, LinkUrls, disabled, handle, item, post_form


def detach_button(
    urls: LinkUrls, related: Model, label: str, *, allowed: bool, undo: bool
) -> SafeString:
    """The button that detaches ``related``; with ``undo`` its message offers Undo."""
    return format_html(
        '<button type="submit" class="orderkit-detach" data-orderkit="detach" data-url="{}" '
        'data-pk="{}"{} aria-label="{}"{}>{}</button>',
        urls.detach,
        related.pk,
        format_html(' data-orderkit-undo-url="{}"', urls.attach) if undo else NOTHING,
        _("Remove %(related)s") % {"related": related},
        disabled(allowed),
        label,
    )


def detach_form(
    request: HttpRequest, urls: LinkUrls, related: Model, label: str, *, allowed: bool, undo: bool
) -> SafeString:
    button = detach_button(urls, related, label, allowed=allowed, undo=undo)
    return post_form(request, urls.detach, {"pk": related.pk}, button)


def chip(
    request: HttpRequest, urls: LinkUrls, related: Model, *, detach: bool, attach: bool
) -> SafeString:
    """One linked object: its name and its detach button, which offers Undo when the caller
    may ``attach`` it again."""
    return format_html(
        '<li class="orderkit-chip" {}><span class="orderkit-chip-name">{}</span>{}</li>',
        item(related),
        related,
        detach_form(request, urls, related, "\u00d7", allowed=detach, undo=attach),
    )


def ordered_chip(
    request: HttpRequest,
    urls: LinkUrls,
    link: Model,
    related: Model,
    *,
    detach: bool,
    attach: bool,
    movable: bool,
) -> SafeString:
    """One link of an ordered relation: an item of the through row ``link`` (the rows that
    the reorder endpoint orders) that names ``related`` in ``data-orderkit-related``, with a
    handle when the caller may move it."""
    return format_html(
        '<li class="orderkit-chip" data-orderkit-item data-pk="{}" data-orderkit-related="{}" '
        'data-orderkit-label="{}">{}<span class="orderkit-chip-name">{}</span>{}</li>',
        link.pk,
        related.pk,
        related,
        handle(related) if movable else NOTHING,
        related,
        detach_form(request, urls, related, "\u00d7", allowed=detach, undo=attach),
    )


def chip_template(request: HttpRequest, key: str, *, movable: bool = False) -> SafeString:
    """The chip that the client copies for an object attached to any row of the relation
    ``key``: its slots are empty, and its labels keep ``%(related)s`` for the client to
    put the object's name in. A ``movable`` chip (of an ordered relation) has a handle."""
    grip = handle("%(related)s") if movable else NOTHING
    button = format_html(
        '<button type="submit" class="orderkit-detach" data-orderkit="detach" data-url="" '
        'data-pk="" aria-label="{}">{}</button>',
        _("Remove %(related)s"),
        "\u00d7",
    )
    return format_html(
        '<template data-orderkit-chip="{}"><li class="orderkit-chip" data-orderkit-item '
        'data-pk="" data-orderkit-label="">{}<span class="orderkit-chip-name"></span>{}</li>'
        "</template>",
        key,
        grip,
        post_form(request, "", {"pk": ""}, button),
    )


def attach_form(
    request: HttpRequest,
    obj: Model,
    urls: LinkUrls,
    candidates: Sequence[Model],
    *,
    key: str,
    detach: bool,
    select_attributes: SafeString = NOTHING,
) -> SafeString:
    """A select of ``candidates`` and an Add button. The button names the chip template
    ``key`` and, when the caller may ``detach`` from ``obj``, the URL its chips detach from.
    ``select_attributes`` are added to the select's tag (such as those of the admin's
    autocomplete, which fills the select as the user types)."""
    options = format_html_join(
        "", '<option value="{}">{}</option>', ((c.pk, c) for c in candidates)
    )
    chip_attributes = format_html(' data-orderkit-chip="{}"', key)
    if detach:
        chip_attributes = format_html(
            '{} data-orderkit-detach-url="{}"', chip_attributes, urls.detach
        )
    inner = format_html(
        '<select name="pk" aria-label="{}"{}><option value="">{}</option>{}</select>'
        '<button type="submit" class="orderkit-attach-button" data-orderkit="attach" '
        'data-url="{}"{}>{}</button>',
        _("Add to %(object)s") % {"object": obj},
        select_attributes,
        _("Add…"),
        options,
        urls.attach,
        chip_attributes,
        _("Add"),
    )
    return format_html(
        '<li class="orderkit-attach" data-orderkit-attach>{}</li>',
        post_form(request, urls.attach, {}, inner),
    )


def links(
    chips: Sequence[SafeString], attach: SafeString, sortable: SafeString = NOTHING
) -> SafeString:
    """The list of ``chips`` and the ``attach`` form; ``sortable`` is the attributes of a
    sortable container (:func:`orderkit.controls.sortable`) for an ordered relation."""
    return format_html(
        '<ul class="orderkit-links" data-orderkit-links{}>{}{}</ul>',
        format_html(" {}", sortable) if sortable else NOTHING,
        format_html_join("", "{}", ((c,) for c in chips)),
        attach,
    )
