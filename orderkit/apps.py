from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import pre_save
from django.utils.module_loading import autodiscover_modules


class OrderkitConfig(AppConfig):
    name = "orderkit"
    verbose_name = "orderkit"

    def ready(self) -> None:
        from orderkit import checks  # noqa: F401  (registers the system checks)
        from orderkit.placement import place_last

        pre_save.connect(place_last, dispatch_uid="orderkit.place_last")
        # Registrations may live in each app's kits.py, the way admin.py holds ModelAdmins.
        autodiscover_modules("kits")
