"""``{% load orderkit %}``: the attributes and controls of the client's HTML contract.

Every tag builds its HTML with ``format_html``. Controls are real ``<form method="post">``
elements, so they work without JavaScript; the script takes them over when it runs. A caller
who may not act gets no handle, and switches and buttons that are disabled.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from orderkit.permissions import may
from orderkit.registry import Kit, registry

register = template.Library()

Rows = QuerySet[Any] | Model


def kit_for(rows: Rows) -> Kit:
    """The kit of a queryset's or an instance's model (a model class in a template context
    is called by the template engine, so an instance is what arrives)."""
    model: type[Model] = rows.model if isinstance(rows, QuerySet) else type(rows)
    kit = registry.for_model(model)
    if kit is None:
        raise ImproperlyConfigured(
            f"{model._meta.label} is not registered with orderkit; register it with "
            "@orderkit.register before using orderkit's template tags for it."
        )
    return kit


def request_of(context: template.Context) -> HttpRequest:
    request = context.get("request")
    if not isinstance(request, HttpRequest):
        raise ImproperlyConfigured(
            "orderkit's template tags need the request in the context: add "
            "'django.template.context_processors.request' to the template context processors."
        )
    return request


def csrf_header_name() -> str:
    """``CSRF_HEADER_NAME`` as a header (``HTTP_X_CSRFTOKEN`` -> ``X-CSRFTOKEN``)."""
    name = str(settings.CSRF_HEADER_NAME)
    name = name.removeprefix("HTTP_")
    return name.replace("_", "-")


def post_form(request: HttpRequest, url: str, fields: dict[str, Any], inner: str) -> SafeString:
    """A ``<form method="post">`` to ``url`` that comes back to this page without JavaScript."""
    hidden = {"csrfmiddlewaretoken": get_token(request), "next": request.get_full_path()}
    hidden.update(fields)
    return format_html(
        '<form method="post" action="{}" class="orderkit-form">{}{}</form>',
        url,
        format_html_join(
            "", '<input type="hidden" name="{}" value="{}">', ((k, v) for k, v in hidden.items())
        ),
        inner,
    )


def disabled(allowed: bool) -> SafeString:
    return SafeString("") if allowed else SafeString(" disabled")


@register.simple_tag
def orderkit_css() -> SafeString:
    """The stylesheet of orderkit's controls."""
    return format_html('<link rel="stylesheet" href="{}">', static("orderkit/orderkit.css"))


@register.simple_tag
def orderkit_script() -> SafeString:
    """The client script, told where Django expects the CSRF token."""
    return format_html(
        '<script src="{}" defer data-orderkit-csrf-header="{}" '
        'data-orderkit-csrf-cookie="{}"></script>',
        static("orderkit/orderkit.js"),
        csrf_header_name(),
        settings.CSRF_COOKIE_NAME,
    )


@register.simple_tag(takes_context=True)
def orderkit_messages(context: template.Context) -> SafeString:
    """The live region where the script shows messages, holding Django's pending messages."""
    pending = get_messages(request_of(context))
    return format_html(
        '<div class="orderkit-messages" data-orderkit-messages role="status" '
        'aria-live="polite">{}</div>',
        format_html_join(
            "",
            '<p class="orderkit-message orderkit-message--{}">{}</p>',
            ((message.level_tag or "info", message.message) for message in pending),
        ),
    )


@register.simple_tag(takes_context=True)
def orderkit_sortable(context: template.Context, rows: Rows) -> SafeString:
    """Attributes of a sortable container, empty for a caller who may not reorder."""
    kit = kit_for(rows)
    if kit.order_field is None:
        raise ImproperlyConfigured(f"{kit.model._meta.label} is registered without order_field.")
    if not may(kit, request_of(context), "reorder"):
        return SafeString("")
    url = reverse("orderkit:reorder", kwargs={"model": kit.label})
    return format_html('data-orderkit="sortable" data-url="{}"', url)


@register.simple_tag
def orderkit_item(obj: Model) -> SafeString:
    """Attributes of one item: its pk, and its name for messages and announcements."""
    return format_html('data-orderkit-item data-pk="{}" data-orderkit-label="{}"', obj.pk, obj)


@register.simple_tag(takes_context=True)
def orderkit_handle(context: template.Context, obj: Model) -> SafeString:
    """The drag and keyboard handle of ``obj``; nothing for a caller who may not move it."""
    if not may(kit_for(obj), request_of(context), "reorder", obj):
        return SafeString("")
    return format_html(
        '<button type="button" class="orderkit-handle" data-orderkit-handle '
        'aria-label="{}">⠿</button>',
        _("Move %(object)s") % {"object": obj},
    )


def toggle_target(obj: Model, field: str) -> tuple[Kit, str]:
    """The kit of ``obj`` and the toggle URL of its registered toggle ``field``."""
    kit = kit_for(obj)
    if field not in kit.toggle_names:
        raise ImproperlyConfigured(f"{kit.model._meta.label}.{field} is not a registered toggle.")
    url = reverse("orderkit:toggle", kwargs={"model": kit.label, "pk": obj.pk, "field": field})
    return kit, url


def switch(
    request: HttpRequest,
    target: tuple[Kit, str],
    obj: Model,
    field: str,
    label: str | None,
    *,
    submit: bool,
    allowed: bool,
) -> SafeString:
    kit, url = target
    return format_html(
        '<button type="{}" class="orderkit-toggle" data-orderkit="toggle" data-url="{}" '
        'data-pk="{}" aria-pressed="{}"{}>{}</button>',
        "submit" if submit else "button",
        url,
        obj.pk,
        "true" if getattr(obj, field) else "false",
        disabled(allowed and may(kit, request, "toggle", obj, field)),
        label if label is not None else kit.verbose_name(field),
    )


def toggle_button(
    request: HttpRequest,
    obj: Model,
    field: str,
    label: str | None = None,
    *,
    submit: bool = True,
    allowed: bool = True,
) -> SafeString:
    """The switch of ``obj.<field>`` alone. ``submit=False`` makes it a plain button, for
    pages that already wrap it in a form of their own (the admin's change list); it is
    disabled unless the endpoint would accept the flip and ``allowed`` holds."""
    target = toggle_target(obj, field)
    return switch(request, target, obj, field, label, submit=submit, allowed=allowed)


@register.simple_tag(takes_context=True)
def orderkit_toggle(
    context: template.Context, obj: Model, field: str, label: str | None = None
) -> SafeString:
    """A switch for the boolean ``field`` of ``obj``: a button whose ``aria-pressed`` holds
    the value, in a form that flips it without JavaScript."""
    request = request_of(context)
    target = toggle_target(obj, field)
    button = switch(request, target, obj, field, label, submit=True, allowed=True)
    return post_form(request, target[1], {}, button)


def link_urls(kit: Kit, obj: Model, relation: str) -> tuple[str, str]:
    kwargs = {"model": kit.label, "pk": obj.pk, "relation": relation}
    return reverse("orderkit:detach", kwargs=kwargs), reverse("orderkit:attach", kwargs=kwargs)


@register.simple_tag(takes_context=True)
def orderkit_detach(
    context: template.Context, obj: Model, relation: str, related: Model, label: str = "\u00d7"
) -> SafeString:
    """A button that detaches ``related`` from ``obj``; its message offers Undo when the
    caller may attach it again."""
    kit = kit_for(obj)
    check_relation(kit, relation)
    request = request_of(context)
    detach_url, attach_url = link_urls(kit, obj, relation)
    undo = (
        format_html(' data-orderkit-undo-url="{}"', attach_url)
        if may(kit, request, "attach", obj)
        else ""
    )
    button = format_html(
        '<button type="submit" class="orderkit-detach" data-orderkit="detach" data-url="{}" '
        'data-pk="{}"{} aria-label="{}"{}>{}</button>',
        detach_url,
        related.pk,
        undo,
        _("Remove %(related)s") % {"related": related},
        disabled(may(kit, request, "detach", obj)),
        label,
    )
    return post_form(request, detach_url, {"pk": related.pk}, button)


def check_relation(kit: Kit, relation: str) -> None:
    if relation not in kit.relations:
        raise ImproperlyConfigured(
            f"{kit.model._meta.label}.{relation} is not a registered relation."
        )


def chip(context: template.Context, obj: Model, relation: str, related: Model) -> SafeString:
    return format_html(
        '<li class="orderkit-chip" {}><span class="orderkit-chip-name">{}</span>{}</li>',
        orderkit_item(related),
        related,
        orderkit_detach(context, obj, relation, related),
    )


@register.simple_tag(takes_context=True)
def orderkit_links(context: template.Context, obj: Model, relation: str) -> SafeString:
    """The objects linked to ``obj`` through ``relation``, each with a detach button, and a
    form that attaches one more (for a caller who may attach)."""
    kit = kit_for(obj)
    check_relation(kit, relation)
    linked = list(getattr(obj, kit.relation_accessor(relation)).all())
    chips = format_html_join("", "{}", ((chip(context, obj, relation, r),) for r in linked))
    attach = SafeString("")
    if may(kit, request_of(context), "attach", obj):
        taken = {related.pk for related in linked}
        candidates = [c for c in attach_candidates(context, kit, relation) if c.pk not in taken]
        attach = attach_form(context, kit, obj, relation, candidates)
    return format_html('<ul class="orderkit-links" data-orderkit-links>{}{}</ul>', chips, attach)


def attach_candidates(context: template.Context, kit: Kit, relation: str) -> list[Model]:
    """``related_queryset`` read once per template render, however many rows show links."""
    key = f"orderkit:attach_candidates:{kit.label}:{relation}"
    cache = context.render_context
    if key not in cache:
        cache[key] = list(kit.related_queryset(request_of(context), relation))
    candidates: list[Model] = cache[key]
    return candidates


def attach_form(
    context: template.Context, kit: Kit, obj: Model, relation: str, candidates: list[Model]
) -> SafeString:
    attach_url = link_urls(kit, obj, relation)[1]
    options = format_html_join(
        "", '<option value="{}">{}</option>', ((c.pk, c) for c in candidates)
    )
    templates = format_html_join(
        "",
        '<template data-orderkit-template="{}">{}</template>',
        ((c.pk, chip(context, obj, relation, c)) for c in candidates),
    )
    inner = format_html(
        '<select name="pk" aria-label="{}"><option value="">{}</option>{}</select>'
        '<button type="submit" class="orderkit-attach-button" data-orderkit="attach" '
        'data-url="{}">{}</button>{}',
        _("Add to %(object)s") % {"object": obj},
        _("Add…"),
        options,
        attach_url,
        _("Add"),
        templates,
    )
    return format_html(
        '<li class="orderkit-attach" data-orderkit-attach>{}</li>',
        post_form(request_of(context), attach_url, {}, inner),
    )
