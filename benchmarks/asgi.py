"""The ASGI application that the production-shape run serves under uvicorn: the same
project and views as :mod:`benchmarks.wsgi` (orderkit's views are synchronous; Django runs
them in a thread of each worker)."""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
application = get_asgi_application()
