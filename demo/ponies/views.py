from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.views.generic import ListView

from ponies.models import Pony, Stable


class StableListView(ListView[Stable]):
    """The stables with their ponies in order (the interactive page comes with the client)."""

    template_name = "ponies/stables.html"
    context_object_name = "stables"

    def get_queryset(self) -> Any:
        ponies = Pony.objects.order_by("position", "pk").prefetch_related("tags")
        return Stable.objects.prefetch_related(Prefetch("ponies", queryset=ponies))
