from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.views.generic import ListView

from ponies.models import Pony, Stable


class StableListView(ListView[Stable]):
    """The stables side by side, each a sortable list of its ponies with their switches and
    tags. A constant number of queries, however many ponies there are."""

    template_name = "ponies/stables.html"
    context_object_name = "stables"

    def get_queryset(self) -> QuerySet[Stable]:
        ponies = Pony.objects.order_by("position", "pk").prefetch_related("tags")
        return Stable.objects.prefetch_related(Prefetch("ponies", queryset=ponies))
