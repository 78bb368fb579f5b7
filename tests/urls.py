"""The tests serve the demo project's URLs: the stables page, the favicon, orderkit, the admin
and the login pages."""

from __future__ import annotations

from demo_site.urls import urlpatterns

__all__ = ["urlpatterns"]
