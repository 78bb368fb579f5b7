from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from benchmarks.benchapp.views import set_position

urlpatterns = [
    path("admin/", admin.site.urls),
    path("orderkit/", include("orderkit.urls")),
    path("floor/<int:pk>/", set_position, name="floor"),
]
