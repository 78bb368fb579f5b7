"""``settings.ORDERKIT``: a dict of known keys with values of the right kind."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error

from orderkit.conf import KNOWN, invalid_values, unknown_keys

HINT = "See orderkit's settings page for the keys and their defaults."


def check_settings(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> Sequence[CheckMessage]:
    given: Any = getattr(settings, "ORDERKIT", {})
    if not isinstance(given, dict):
        return [Error("settings.ORDERKIT must be a dict.", hint=HINT, id="orderkit.E008")]
    messages: list[CheckMessage] = []
    unknown = unknown_keys(given)
    if unknown:
        messages.append(
            Error(
                f"settings.ORDERKIT has unknown keys {unknown}.",
                hint=f"The known keys are {sorted(KNOWN)}; remove the others.",
                id="orderkit.E015",
            )
        )
    messages.extend(Error(text, hint=HINT, id="orderkit.E016") for text in invalid_values(given))
    return messages
