from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from ponies.views import favicon

urlpatterns = [
    path("", include("ponies.urls")),
    path("favicon.ico", favicon, name="favicon"),
    path("orderkit/", include("orderkit.urls")),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
]
