"""Django settings of the benchmark project. ``ORDERKIT_BENCH_DATABASE_URL`` names its
database; the runner sets it, and server processes inherit it."""

from __future__ import annotations

import os

import dj_database_url
import django_stubs_ext

django_stubs_ext.monkeypatch()

SECRET_KEY = "orderkit-benchmarks"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
USE_TZ = True

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "adminsortable2",
    "orderkit",
    "benchmarks.benchapp",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "benchmarks.urls"
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
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# How the server processes hold their connections (``ORDERKIT_BENCH_CONNECTIONS``):
# - ``persistent`` (the benchmark's): kept between requests, as a production deployment
#   would; a new connection per request would measure PostgreSQL's connection setup;
# - ``checked`` (production shape, a database server reached directly): kept for a minute
#   and checked at the start of each request (``CONN_HEALTH_CHECKS``), so that one that the
#   server closed meanwhile is replaced instead of failing the request;
# - ``pooled`` (production shape, behind pgbouncer in transaction pooling): one connection
#   to the pooler per request (``CONN_MAX_AGE = 0``; the pooler keeps the server's), no
#   server-side cursors and no prepared statements, which would outlive the transaction
#   that the pooler lends a server connection for.
CONNECTIONS = os.environ.get("ORDERKIT_BENCH_CONNECTIONS", "persistent")
DATABASES = {"default": dj_database_url.parse(os.environ["ORDERKIT_BENCH_DATABASE_URL"])}
if CONNECTIONS == "persistent":
    DATABASES["default"]["CONN_MAX_AGE"] = 600
elif CONNECTIONS == "checked":
    DATABASES["default"].update({"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True})
elif CONNECTIONS == "pooled":
    DATABASES["default"].update(
        {
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "DISABLE_SERVER_SIDE_CURSORS": True,
            "OPTIONS": {"prepare_threshold": None},
        }
    )
else:
    raise ValueError(
        f"ORDERKIT_BENCH_CONNECTIONS: {CONNECTIONS!r} is not persistent, checked or pooled."
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes SQLite's write lock at BEGIN, so concurrent writers wait for it
    # (up to the timeout) instead of failing when a read lock cannot be upgraded.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.mysql":
    DATABASES["default"]["OPTIONS"] = {"charset": "utf8mb4"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
