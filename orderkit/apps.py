from __future__ import annotations

from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import pre_save
from django.utils.module_loading import autodiscover_modules


class OrderkitConfig(AppConfig):
    name = "orderkit"
    verbose_name = "orderkit"

    def ready(self) -> None:
        from orderkit.checks import check_registrations, check_settings, check_urls
        from orderkit.operations.placing import place_new_rows

        checks.register(check_registrations, checks.Tags.models)
        checks.register(check_settings)
        checks.register(check_urls, checks.Tags.urls)
        pre_save.connect(place_new_rows, dispatch_uid="orderkit.place_new_rows")
        # Registrations may live in each app's kits.py, the way admin.py holds ModelAdmins.
        autodiscover_modules("kits")
