"""The HTML of orderkit's controls, for the template tags and the admin alike.

Everything is built with ``format_html``. These functions decide nothing: whether a caller
may act comes in as ``allowed`` flags, which their callers ask :mod:`orderkit.access` for.
Controls are real ``<form method="post">`` elements, so they work without JavaScript.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.base import Message
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from orderkit.client_texts import TEXTS
from orderkit.kit import Kit

NOTHING = SafeString("")


def csrf_header_name() -> str:
    """``CSRF_HEADER_NAME`` as a header (``HTTP_X_CSRFTOKEN`` -> ``X-CSRFTOKEN``)."""
    return str(settings.CSRF_HEADER_NAME).removeprefix("HTTP_").replace("_", "-")


def client_catalog() -> dict[str, str]:
    """The client's texts that the catalogues translate in the active language, by msgid:
    empty in English, or in a language that neither orderkit nor the site translates."""
    translated = {text: _(text) for text in TEXTS}
    return {msgid: text for msgid, text in translated.items() if text != msgid}


def script_attributes() -> dict[str, str]:
    """What the client script is told: where Django expects the CSRF token, and the
    translations of its texts (as JSON, which the attribute's escaping keeps text)."""
    attributes = {
        "data-orderkit-csrf-header": csrf_header_name(),
        "data-orderkit-csrf-cookie": settings.CSRF_COOKIE_NAME,
    }
    catalog = client_catalog()
    if catalog:
        attributes["data-orderkit-catalog"] = json.dumps(
            catalog, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
    return attributes


def stylesheet() -> SafeString:
    return format_html('<link rel="stylesheet" href="{}">', static("orderkit/orderkit.css"))


def script() -> SafeString:
    attributes = format_html_join("", ' {}="{}"', script_attributes().items())
    return format_html(
        '<script src="{}" defer{}></script>', static("orderkit/orderkit.js"), attributes
    )


def messages_region(pending: Iterable[Message]) -> SafeString:
    """The live region where the script shows messages, holding ``pending`` ones as text."""
    return format_html(
        '<div class="orderkit-messages" data-orderkit-messages role="status" '
        'aria-live="polite">{}</div>',
        format_html_join(
            "",
            '<p class="orderkit-message orderkit-message--{}">{}</p>',
            ((message.level_tag or "info", message.message) for message in pending),
        ),
    )


def disabled(allowed: bool) -> SafeString:
    return NOTHING if allowed else SafeString(" disabled")


def post_form(
    request: HttpRequest,
    url: str,
    fields: dict[str, Any],
    inner: str,
    attributes: SafeString = NOTHING,
) -> SafeString:
    """A ``<form method="post">`` to ``url`` that comes back to this page without JavaScript;
    ``attributes`` are added to its tag."""
    hidden = {"csrfmiddlewaretoken": get_token(request), "next": request.get_full_path()}
    hidden.update(fields)
    return format_html(
        '<form method="post" action="{}" class="orderkit-form"{}>{}{}</form>',
        url,
        attributes,
        format_html_join("", '<input type="hidden" name="{}" value="{}">', hidden.items()),
        inner,
    )


def sortable(kit: Kit, group: Mapping[str, Any] | None = None, label: str = "") -> SafeString:
    """The attributes of a sortable container; with ``group`` (``{"stable": 3}``, as a
    reorder body names it), those of a list of a board, which exchanges items with the
    kit's other lists on the page, and its ``label`` for announcements."""
    url = reverse("orderkit:reorder", kwargs={"model": kit.label})
    attributes = format_html('data-orderkit="sortable" data-url="{}"', url)
    if group is None:
        return attributes
    return format_html(
        '{} data-orderkit-board="{}" data-orderkit-group="{}" data-orderkit-group-label="{}"',
        attributes,
        kit.label,
        json.dumps(group, cls=DjangoJSONEncoder, sort_keys=True),
        label,
    )


def item(obj: Model) -> SafeString:
    """The attributes of one item: its pk, and its name for messages and announcements."""
    return format_html('data-orderkit-item data-pk="{}" data-orderkit-label="{}"', obj.pk, obj)


def handle(obj: Model | str) -> SafeString:
    """The drag and keyboard handle of ``obj`` (or of a name: a chip template's handle is
    named ``%(related)s``, which the client fills in)."""
    return format_html(
        '<button type="button" class="orderkit-handle" data-orderkit-handle '
        'aria-label="{}">⠿</button>',
        _("Move %(object)s") % {"object": obj},
    )


def toggle_url(kit: Kit, obj: Model, field: str) -> str:
    return reverse("orderkit:toggle", kwargs={"model": kit.label, "pk": obj.pk, "field": field})


def switch(
    kit: Kit,
    obj: Model,
    field: str,
    label: str | None,
    *,
    submit: bool,
    allowed: bool,
    name: str | None = None,
) -> SafeString:
    """The switch of ``obj.<field>``: a button whose ``aria-pressed`` holds the value.
    ``submit=False`` makes it a plain button, for a page that wraps it in a form of its own
    (the admin's change list). ``name``, when given, is its accessible name (for a switch
    whose visible label is left out, as in a column headed by the label)."""
    return format_html(
        '<button type="{}" class="orderkit-toggle" data-orderkit="toggle" data-url="{}" '
        'data-pk="{}" aria-pressed="{}"{}{}>{}</button>',
        "submit" if submit else "button",
        toggle_url(kit, obj, field),
        obj.pk,
        "true" if getattr(obj, field) else "false",
        format_html(' aria-label="{}"', name) if name is not None else NOTHING,
        disabled(allowed),
        label if label is not None else kit.verbose_name(field),
    )


@dataclass(frozen=True)
class LinkUrls:
    """The detach and attach URLs of one row's relation."""

    detach: str
    attach: str

    @classmethod
    def of(cls, kit: Kit, obj: Model, relation: str) -> LinkUrls:
        kwargs = {"model": kit.label, "pk": obj.pk, "relation": relation}
        return cls(
            reverse("orderkit:detach", kwargs=kwargs), reverse("orderkit:attach", kwargs=kwargs)
        )


def edit_url(kit: Kit, obj: Model, field: str) -> str:
    return reverse("orderkit:edit", kwargs={"model": kit.label, "pk": obj.pk, "field": field})


def edit_value(obj: Model, field: str) -> SafeString:
    """The value of ``obj.<field>``, as text, for a caller who may not edit it."""
    return format_html('<span class="orderkit-edit-value">{}</span>', getattr(obj, field))


def inline_edit(
    request: HttpRequest, kit: Kit, obj: Model, field: str, label: str | None
) -> SafeString:
    """``obj.<field>`` in an input, in a form that posts it to the edit endpoint: the client
    saves it on Enter and puts it back on Escape; without JavaScript the form posts."""
    url = edit_url(kit, obj, field)
    max_length = kit.field(field).max_length
    inner = format_html(
        '<input type="text" name="value" value="{}" class="orderkit-edit-input" '
        'aria-label="{}"{}><button type="submit" class="orderkit-edit-save">{}</button>',
        getattr(obj, field),
        label or _("%(field)s of %(object)s") % {"field": kit.verbose_name(field), "object": obj},
        format_html(' maxlength="{}"', max_length) if max_length else NOTHING,
        _("Save"),
    )
    attributes = format_html(' data-orderkit="edit" data-url="{}" data-pk="{}"', url, obj.pk)
    return post_form(request, url, {}, inner, attributes)
