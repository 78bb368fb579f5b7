"""orderkit's system checks, registered in ``OrderkitConfig.ready()``: one literal ID per
problem, each with a hint.

- :mod:`~orderkit.checks.options`: options of the wrong type (``orderkit.E007``, ``E009``,
  ``E013``, ``E014``, ``E020``);
- :mod:`~orderkit.checks.fields`: what the options name (``E001`` to ``E005``, ``E010`` to
  ``E012``, ``W001``);
- :mod:`~orderkit.checks.ordering`: a registered model's default ordering (``W002``);
- :mod:`~orderkit.checks.registrations`: every kit, and models registered twice (``E006``);
- :mod:`~orderkit.checks.settings`: ``settings.ORDERKIT`` (``E008``, ``E015``, ``E016``);
- :mod:`~orderkit.checks.urls`: orderkit's URLs mounted (``E017``, tag ``urls``).

The admin's checks (``E101`` to ``E107``) run with Django's admin checks, from
:mod:`orderkit.admin.checks`.
"""

from __future__ import annotations

from orderkit.checks.registrations import check_kit, check_registrations
from orderkit.checks.settings import check_settings
from orderkit.checks.urls import check_urls

__all__ = ["check_kit", "check_registrations", "check_settings", "check_urls"]
