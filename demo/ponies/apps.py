from __future__ import annotations

from django.apps import AppConfig


class PoniesConfig(AppConfig):
    name = "ponies"
    default_auto_field = "django.db.models.BigAutoField"
