from __future__ import annotations

import pytest
import pytest_django
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from orderkit.conf import Settings, get_settings


def test_defaults() -> None:
    with override_settings(ORDERKIT={}):
        assert get_settings() == Settings(
            MAX_ORDER_LENGTH=1000,
            MAX_BODY_BYTES=65536,
            LOG_ENTRIES=True,
            RETRIES=3,
            LOCK_TIMEOUT=5.0,
            ESCAPE_HTML=False,
        )


def test_no_orderkit_setting_gives_the_defaults(settings: pytest_django.Settings) -> None:
    settings.ORDERKIT = {"RETRIES": 9}  # setting_changed: the cache is dropped
    del settings.ORDERKIT
    assert get_settings() == Settings()


def test_override_is_merged_over_the_defaults() -> None:
    with override_settings(ORDERKIT={"MAX_ORDER_LENGTH": 10, "LOCK_TIMEOUT": None}):
        assert get_settings() == Settings(MAX_ORDER_LENGTH=10, LOCK_TIMEOUT=None)


def test_override_replaces_settings_read_before_it() -> None:
    get_settings()
    with override_settings(ORDERKIT={"RETRIES": 0}):
        assert get_settings().RETRIES == 0


def test_leaving_an_override_restores_the_settings() -> None:
    with override_settings(ORDERKIT={"RETRIES": 0}):
        get_settings()
    assert get_settings().RETRIES == 3


def test_settings_are_built_once() -> None:
    assert get_settings() is get_settings()


def test_other_settings_keep_the_cache() -> None:
    before = get_settings()
    with override_settings(DEBUG=True):
        assert get_settings() is before


@pytest.mark.parametrize("value", [None, [("RETRIES", 1)], "RETRIES=1"])
def test_orderkit_that_is_not_a_dict_is_improperly_configured(value: object) -> None:
    with (
        override_settings(ORDERKIT=value),
        pytest.raises(ImproperlyConfigured, match=r"^settings\.ORDERKIT must be a dict\.$"),
    ):
        get_settings()


def test_unknown_keys_are_improperly_configured() -> None:
    with (
        override_settings(ORDERKIT={"RETRIES": 1, "RETRY": 1, "MAX_LENGTH": 5}),
        pytest.raises(ImproperlyConfigured) as raised,
    ):
        get_settings()
    assert str(raised.value) == (
        "settings.ORDERKIT has unknown keys ['MAX_LENGTH', 'RETRY']; the known keys are "
        "['ESCAPE_HTML', 'LOCK_TIMEOUT', 'LOG_ENTRIES', 'MAX_BODY_BYTES', 'MAX_ORDER_LENGTH', "
        "'RETRIES']."
    )


@pytest.mark.parametrize(
    ("key", "value", "wanted"),
    [
        ("MAX_ORDER_LENGTH", 0, "a positive integer"),
        ("MAX_ORDER_LENGTH", "10", "a positive integer"),
        ("MAX_BODY_BYTES", True, "a positive integer"),
        ("LOG_ENTRIES", 1, "True or False"),
        ("ESCAPE_HTML", "yes", "True or False"),
        ("RETRIES", -1, "a whole number of retries (0 or more)"),
        ("RETRIES", 1.5, "a whole number of retries (0 or more)"),
        ("LOCK_TIMEOUT", 0, "a positive number of seconds, or None"),
        ("LOCK_TIMEOUT", "5", "a positive number of seconds, or None"),
        ("LOCK_TIMEOUT", False, "a positive number of seconds, or None"),
    ],
)
def test_values_of_the_wrong_kind_are_improperly_configured(
    key: str, value: object, wanted: str
) -> None:
    with override_settings(ORDERKIT={key: value}), pytest.raises(ImproperlyConfigured) as raised:
        get_settings()
    assert str(raised.value) == f'settings.ORDERKIT["{key}"] must be {wanted}, not {value!r}.'


@pytest.mark.parametrize(
    "given",
    [
        {"RETRIES": 0},
        {"LOCK_TIMEOUT": None},
        {"LOCK_TIMEOUT": 0.25},
        {"LOG_ENTRIES": False},
        {"ESCAPE_HTML": True},
    ],
)
def test_values_at_the_edges_are_accepted(given: dict[str, object]) -> None:
    with override_settings(ORDERKIT=given):
        key, value = next(iter(given.items()))
        assert getattr(get_settings(), key) == value
