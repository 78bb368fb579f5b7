"""The demo's pages (mounted at the root of the demo site and of the tests' site)."""

from __future__ import annotations

from django.urls import path

from ponies import views

urlpatterns = [
    path("", views.StableListView.as_view(), name="home"),
    path("tags/new/", views.TagCreateView.as_view(), name="tag_new"),
    path("ponies/<int:pk>/edit/", views.PonyUpdateView.as_view(), name="pony_edit"),
]
