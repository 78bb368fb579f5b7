"""orderkit's settings: one ``ORDERKIT`` dict merged over these defaults."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver


@dataclass(frozen=True)
class Settings:
    """The effective settings; read them through :func:`get_settings`."""

    #: Longest ``order`` list that a reorder request may name.
    MAX_ORDER_LENGTH: int = 1000
    #: Largest request body, in bytes; a longer one is answered 413.
    MAX_BODY_BYTES: int = 64 * 1024
    #: Write an admin ``LogEntry`` for each changed row (needs ``django.contrib.admin``).
    LOG_ENTRIES: bool = True
    #: How often a write is tried again after a deadlock or serialization failure.
    RETRIES: int = 3
    #: Seconds a write waits for a row lock before it is answered 409 (None: the database's own).
    LOCK_TIMEOUT: float | None = 5.0
    #: Escape the messages of every JSON error body as HTML, for clients that insert them
    #: as HTML (``Form.errors.get_json_data(escape_html=True)``).
    ESCAPE_HTML: bool = False


_cached: Settings | None = None


KNOWN = frozenset(f.name for f in fields(Settings))


def unknown_keys(given: dict[str, Any]) -> list[str]:
    """The keys of ``ORDERKIT`` that orderkit does not know, sorted."""
    return sorted(set(given) - KNOWN)


def invalid_values(given: dict[str, Any]) -> list[str]:
    """A sentence for each known key of ``ORDERKIT`` whose value is of the wrong kind."""
    return [
        f'settings.ORDERKIT["{name}"] must be {wanted}, not {given[name]!r}.'
        for name, valid, wanted in _RULES
        if name in given and not valid(given[name])
    ]


def build_settings() -> Settings:
    """The settings from ``settings.ORDERKIT``; ``ImproperlyConfigured`` when they are wrong
    (the system checks ``orderkit.E008``, ``E015`` and ``E016`` say so at startup)."""
    given: Any = getattr(django_settings, "ORDERKIT", {})
    if not isinstance(given, dict):
        raise ImproperlyConfigured("settings.ORDERKIT must be a dict.")
    unknown = unknown_keys(given)
    if unknown:
        raise ImproperlyConfigured(
            f"settings.ORDERKIT has unknown keys {unknown}; the known keys are {sorted(KNOWN)}."
        )
    invalid = invalid_values(given)
    if invalid:
        raise ImproperlyConfigured(invalid[0])
    return Settings(**given)


def _positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


_RULES: tuple[tuple[str, Callable[[Any], bool], str], ...] = (
    ("MAX_ORDER_LENGTH", _positive_int, "a positive integer"),
    ("MAX_BODY_BYTES", _positive_int, "a positive integer"),
    ("LOG_ENTRIES", lambda value: isinstance(value, bool), "True or False"),
    ("ESCAPE_HTML", lambda value: isinstance(value, bool), "True or False"),
    (
        "RETRIES",
        lambda value: _positive_int(value) or value == 0,
        "a whole number of retries (0 or more)",
    ),
    (
        "LOCK_TIMEOUT",
        lambda value: (
            value is None
            or (isinstance(value, int | float) and not isinstance(value, bool) and value > 0)
        ),
        "a positive number of seconds, or None",
    ),
)


def get_settings() -> Settings:
    """Return the effective settings, built once and rebuilt when ``ORDERKIT`` changes."""
    global _cached
    if _cached is None:
        _cached = build_settings()
    return _cached


@receiver(setting_changed)
def _reset(*, setting: str, **kwargs: object) -> None:
    global _cached
    if setting == "ORDERKIT":
        _cached = None
