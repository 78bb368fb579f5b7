"""Settings for orderkit's test suite. ``ORDERKIT_TEST_DB`` picks the database:
``sqlite`` (default), ``postgresql`` or ``mariadb``."""

from __future__ import annotations

import os

import django_stubs_ext

django_stubs_ext.monkeypatch()

SECRET_KEY = "orderkit-tests"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
USE_TZ = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "adminsortable2",
    "crispy_forms",
    "crispy_bootstrap5",
    "orderkit",
    "tests.testapp",
    "ponies",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of a request from its Accept-Language header (English without one): the
    # translation tests ask in German or Persian.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "tests.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
STATIC_URL = "static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "/accounts/login/"
# The demo's pony page is drawn by crispy-forms' Bootstrap 5 pack.
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

DATABASE_URLS = {
    "sqlite": "sqlite://:memory:",
    "postgresql": "postgres://postgres@127.0.0.1:5432/test",
    "mariadb": "mysql://root@127.0.0.1:3306/test",
}
_which = os.environ.get("ORDERKIT_TEST_DB", "sqlite")
if _which not in DATABASE_URLS:
    raise ValueError(f"ORDERKIT_TEST_DB must be one of {sorted(DATABASE_URLS)}, not {_which!r}.")

import dj_database_url  # noqa: E402

DATABASES = {"default": dj_database_url.parse(DATABASE_URLS[_which])}
if _which == "mariadb":
    DATABASES["default"]["OPTIONS"] = {"charset": "utf8mb4"}
    DATABASES["default"]["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}
# Two runs on one server at once (a CI clone beside a checkout) need test databases of
# their own names: ORDERKIT_TEST_DB_NAME=test_mine. SQLite's stays in memory, private to its
# run: a name would make it a file, which the live server's threads crash on.
if os.environ.get("ORDERKIT_TEST_DB_NAME") and _which != "sqlite":
    DATABASES["default"].setdefault("TEST", {})["NAME"] = os.environ["ORDERKIT_TEST_DB_NAME"]

# The test models' unique (board, position) constraints are deferred, which only PostgreSQL
# supports; elsewhere Django leaves them out and says so (models.W038), as it should.
SILENCED_SYSTEM_CHECKS = ["models.W038"]
