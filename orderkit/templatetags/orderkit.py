"""``{% load orderkit %}``: the attributes and controls of the client's HTML contract.

Each tag finds the kit (``registry.get``), asks the access gate what the caller may do, and
renders with :mod:`orderkit.controls` and :mod:`orderkit.chips`. A caller who may not act
gets no handle, and switches and buttons that are disabled.
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from django import template
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model
from django.http import HttpRequest
from django.utils.safestring import SafeString

from orderkit import chips, controls
from orderkit.access import Access
from orderkit.kit import Kit
from orderkit.registry import registry
from orderkit.templatetags.linkrows import shown_links
from orderkit.templatetags.rows import board_group, order_problem, sortable_rows

register = template.Library()
logger = logging.getLogger("orderkit")
#: The page memo's key for the labels of the models whose list on the page is not sortable.
UNSORTABLE = "unsortable"


def request_of(context: template.Context) -> HttpRequest:
    request = context.get("request")
    if not isinstance(request, HttpRequest):
        raise ImproperlyConfigured(
            "orderkit's template tags need the request in the context: add "
            "'django.template.context_processors.request' to the template context processors."
        )
    return request


def page_memo(context: template.Context) -> dict[str, Any]:
    """What the tags remember for the whole page being rendered, included templates too
    (the render context's bottom layer, where Django's ``{% include %}`` keeps its own)."""
    bottom: Any = context.render_context.dicts[0]
    memo: dict[str, Any] = bottom.setdefault("orderkit", {})
    return memo


@register.simple_tag
def orderkit_css() -> SafeString:
    """The stylesheet of orderkit's controls."""
    return controls.stylesheet()


@register.simple_tag
def orderkit_script() -> SafeString:
    """The client script, told where Django expects the CSRF token."""
    return controls.script()


@register.simple_tag(takes_context=True)
def orderkit_messages(context: template.Context) -> SafeString:
    """The live region where the script shows messages, holding Django's pending messages."""
    return controls.messages_region(get_messages(request_of(context)))


@register.simple_tag(takes_context=True)
def orderkit_sortable(context: template.Context, rows: object, **group: object) -> SafeString:
    """Attributes of a sortable container, empty for a caller who may not reorder.

    With the list's group, by the kit's ``group_by`` names (``stable=stable``), a kit with
    ``move_between_groups`` makes the list one of a board, whose lists exchange items, for
    a caller whom ``has_permission(request, "regroup")`` allows.

    ``rows`` is the queryset that the container lists, which must show the kit's order:
    under ``DEBUG`` another order raises ``ImproperlyConfigured``; otherwise the list is
    rendered without drag and drop (a drag there would seem undone by the next page load):
    no attributes here, no handles for the model's rows after it, and a warning logged once.
    """
    queryset = sortable_rows(rows)
    kit = registry.get(queryset.model, "reorder")
    problem = order_problem(kit, queryset)
    if problem is not None:
        if settings.DEBUG:
            raise ImproperlyConfigured(problem)
        warn_once(problem)
        page_memo(context).setdefault(UNSORTABLE, set()).add(kit.label)
        return controls.NOTHING
    access = Access(kit, request_of(context), "reorder")
    if not access.allows():
        return controls.NOTHING
    named = board_group(kit, group)
    if named is None or not access.for_action("regroup").allows():
        return controls.sortable(kit)
    return controls.sortable(kit, *named)


@functools.cache
def warn_once(problem: str) -> None:
    """Log ``problem`` the first time only: a page renders on every request."""
    logger.warning("orderkit: %s", problem)


@register.simple_tag
def orderkit_item(obj: Model) -> SafeString:
    """Attributes of one item: its pk, and its name for messages and announcements."""
    return controls.item(obj)


@register.simple_tag(takes_context=True)
def orderkit_handle(context: template.Context, obj: Model) -> SafeString:
    """The drag and keyboard handle of ``obj``; nothing for a caller who may not move it."""
    kit = registry.get(obj, "reorder")
    if kit.label in page_memo(context).get(UNSORTABLE, ()):
        return controls.NOTHING
    if not Access(kit, request_of(context), "reorder").allows(obj):
        return controls.NOTHING
    return controls.handle(obj)


@register.simple_tag(takes_context=True)
def orderkit_toggle(
    context: template.Context, obj: Model, field: str, label: str | None = None
) -> SafeString:
    """A switch for the boolean ``field`` of ``obj``, in a form that flips it without
    JavaScript."""
    kit = registry.get(obj, "toggle", field)
    request = request_of(context)
    allowed = Access(kit, request, "toggle", field=field).allows(obj)
    button = controls.switch(kit, obj, field, label, submit=True, allowed=allowed)
    return controls.post_form(request, controls.toggle_url(kit, obj, field), {}, button)


@register.simple_tag(takes_context=True)
def orderkit_detach(
    context: template.Context, obj: Model, relation: str, related: Model, label: str = "\u00d7"
) -> SafeString:
    """A button that detaches ``related`` from ``obj``; its message offers Undo when the
    caller may attach it again."""
    kit = registry.get(obj, "detach", relation)
    request = request_of(context)
    urls = controls.LinkUrls.of(kit, obj, relation)
    detach, attach = (Access(kit, request, action).allows(obj) for action in ("detach", "attach"))
    return chips.detach_form(request, urls, related, label, allowed=detach, undo=attach)


@register.simple_tag(takes_context=True)
def orderkit_links(
    context: template.Context,
    obj: Model,
    relation: str,
    attach_attributes: SafeString | None = None,
) -> SafeString:
    """The objects linked to ``obj`` through ``relation``, each with a detach button, and a
    form that attaches one more (for a caller who may attach). With ``attach_attributes``
    (the admin's autocomplete) its select lists no candidates: a script fills it. When the
    relation's through model is a kit grouped by the owner, the chips are in its order, and
    sortable."""
    kit = registry.get(obj, "attach", relation)
    request = request_of(context)
    detach, attach = (Access(kit, request, action).allows(obj) for action in ("detach", "attach"))
    shown = shown_links(request, kit, obj, relation, detach=detach, attach=attach)
    if not attach:
        return chips.links(shown.chips, controls.NOTHING, shown.sortable)
    taken = {related.pk for related in shown.linked}
    candidates = (
        []
        if attach_attributes
        else [c for c in attach_candidates(context, kit, relation) if c.pk not in taken]
    )
    key = f"{kit.label}:{relation}"
    urls = controls.LinkUrls.of(kit, obj, relation)
    form = chips.attach_form(
        request,
        obj,
        urls,
        candidates,
        key=key,
        detach=detach,
        select_attributes=attach_attributes or controls.NOTHING,
    )
    template = chips.chip_template(request, key, movable=bool(shown.sortable))
    return format_once(context, key, chips.links(shown.chips, form, shown.sortable), template)


@register.simple_tag(takes_context=True)
def orderkit_edit(
    context: template.Context, obj: Model, field: str, label: str | None = None
) -> SafeString:
    """``obj.<field>`` in an input that saves it in place (Enter saves, Escape cancels), in
    a form that saves it without JavaScript; the plain value for a caller who may not edit."""
    kit = registry.get(obj, "edit", field)
    request = request_of(context)
    if not Access(kit, request, "edit").allows(obj):
        return controls.edit_value(obj, field)
    return controls.inline_edit(request, kit, obj, field, label)


def attach_candidates(context: template.Context, kit: Kit, relation: str) -> list[Model]:
    """``related_queryset`` read once per page, however many rows show links."""
    memo = page_memo(context)
    key = f"candidates:{kit.label}:{relation}"
    if key not in memo:
        memo[key] = list(kit.related_queryset(request_of(context), relation))
    candidates: list[Model] = memo[key]
    return candidates


def format_once(
    context: template.Context, key: str, html: SafeString, then: SafeString
) -> SafeString:
    """``html``, followed by ``then`` the first time on the page for ``key``."""
    emitted: set[str] = page_memo(context).setdefault("chip templates", set())
    if key in emitted:
        return html
    emitted.add(key)
    return SafeString(html + then)
