"""orderkit's URLs, mounted in the project's URLconf (``Tags.urls``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.urls import NoReverseMatch, reverse


def check_urls(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> Sequence[CheckMessage]:
    # Like Django's own URL checks: a project without a URLconf serves no page to check.
    if not getattr(settings, "ROOT_URLCONF", None):
        return []
    try:
        reverse("orderkit:reorder", kwargs={"model": "app_label.model_name"})
    except NoReverseMatch:
        return [
            Error(
                "orderkit's URLs are not mounted: the 'orderkit' namespace is not in "
                f"{settings.ROOT_URLCONF}, so the template tags, the admin's switches and "
                "links, and the client have no endpoint to post to.",
                hint='Add path("orderkit/", include("orderkit.urls")) to the urlpatterns of '
                f"{settings.ROOT_URLCONF}.",
                id="orderkit.E017",
            )
        ]
    return []
