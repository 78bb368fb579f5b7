from __future__ import annotations

from pathlib import Path
from typing import Any

from braces.views import LoginRequiredMixin, PermissionRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, HttpRequest
from django.urls import reverse_lazy
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import CreateView, ListView, UpdateView

from orderkit.views import JsonFormMixin
from ponies.forms import PonyForm
from ponies.models import Pony, PonyTag, Stable, Tag

FAVICON = Path(__file__).resolve().parent / "favicon.ico"


class StableListView(ListView[Stable]):
    """The stables side by side, each a sortable list of its ponies with their switches and
    tags. A constant number of queries, however many ponies there are."""

    template_name = "ponies/stables.html"
    context_object_name = "stables"

    def get_queryset(self) -> QuerySet[Stable]:
        tags = Prefetch("ponytag_set", PonyTag.objects.select_related("tag"))
        ponies = Pony.objects.order_by("position", "pk").prefetch_related(tags)
        return Stable.objects.prefetch_related(Prefetch("ponies", queryset=ponies))


@require_safe
@cache_control(max_age=86400)
def favicon(request: HttpRequest) -> FileResponse:
    """The site's icon. Browsers ask for /favicon.ico on pages that name none (the admin's)."""
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")


class TagCreateView(
    LoginRequiredMixin,
    PermissionRequiredMixin,
    SuccessMessageMixin[Any],
    JsonFormMixin,
    CreateView[Tag, Any],
):
    """``/tags/new/``: a JSON request gets 201 with the new tag or 400 with the form's
    errors; a plain post is redirected back here with a message, or shown its errors."""

    model = Tag
    fields = ["name"]
    permission_required = "ponies.add_tag"
    template_name = "ponies/tag_form.html"
    success_url = reverse_lazy("tag_new")
    success_message = "“%(name)s” was added."

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(tags=Tag.objects.all(), **kwargs)


class PonyUpdateView(
    LoginRequiredMixin,
    PermissionRequiredMixin,
    SuccessMessageMixin[PonyForm],
    JsonFormMixin,
    UpdateView[Pony, PonyForm],
):
    """The article's ``PonyAjaxUpdateView``, on orderkit's mixin: a page drawn by
    crispy-forms (Bootstrap 5), whose errors the client places by ``div_id_<field>``."""

    model = Pony
    form_class = PonyForm
    permission_required = "ponies.change_pony"
    template_name = "ponies/pony_form.html"
    success_url = reverse_lazy("home")
    success_message = "“%(name)s” was saved."
