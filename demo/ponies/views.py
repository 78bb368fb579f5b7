from __future__ import annotations

from pathlib import Path

from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, HttpRequest
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from ponies.models import Pony, Stable

FAVICON = Path(__file__).resolve().parent / "favicon.ico"


class StableListView(ListView[Stable]):
    """The stables side by side, each a sortable list of its ponies with their switches and
    tags. A constant number of queries, however many ponies there are."""

    template_name = "ponies/stables.html"
    context_object_name = "stables"

    def get_queryset(self) -> QuerySet[Stable]:
        ponies = Pony.objects.order_by("position", "pk").prefetch_related("tags")
        return Stable.objects.prefetch_related(Prefetch("ponies", queryset=ponies))


@require_safe
@cache_control(max_age=86400)
def favicon(request: HttpRequest) -> FileResponse:
    """The site's icon. Browsers ask for /favicon.ico on pages that name none (the admin's)."""
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")
