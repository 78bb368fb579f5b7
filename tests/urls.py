"""The tests serve the demo project's URLs: the stables page, the favicon, orderkit, the admin
and the login pages; and docs/client.md's minimal page."""

from __future__ import annotations

from demo_site.urls import urlpatterns as demo_urlpatterns
from django.urls import path

from tests.minimal_page import minimal_page

urlpatterns = [
    *demo_urlpatterns,
    path("minimal/<int:pk>/", minimal_page, name="minimal-page"),
]
