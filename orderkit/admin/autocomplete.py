"""The change page's attach control as the admin's autocomplete, where the admin has one.

Django's ``AutocompleteJsonView`` serves a forward many-to-many field of the page's model
whose related model has an admin with ``search_fields``; the attach select then takes that
widget's attributes (select2 fills it as the user types) and the page its media.
"""

from __future__ import annotations

from typing import Any

from django.contrib.admin import AdminSite
from django.contrib.admin.widgets import AutocompleteSelect
from django.db import models
from django.forms.utils import flatatt
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from orderkit.kit import Kit


def autocomplete_widget(
    site: AdminSite, request: HttpRequest, kit: Kit, relation: str
) -> AutocompleteSelect | None:
    """The admin's autocomplete for ``relation``, or ``None`` when the admin has none for
    this user: a reverse relation, a related model without an admin, or without
    ``search_fields``, or that the user may not view."""
    field: Any = kit.relation_field(relation)
    if not isinstance(field, models.ManyToManyField):
        return None
    model: Any = field.related_model
    if not site.is_registered(model):
        return None
    related = site.get_model_admin(model)
    # The autocomplete's view answers only a user who may view the related model there.
    if not related.get_search_fields(request) or not related.has_view_permission(request):
        return None
    return AutocompleteSelect(field, site)


def select_attributes(widget: AutocompleteSelect) -> SafeString:
    """The attributes that make the attach select the widget's autocomplete."""
    attributes = widget.build_attrs(widget.attrs)
    attributes["data-placeholder"] = _("Add…")
    return flatatt(attributes)
