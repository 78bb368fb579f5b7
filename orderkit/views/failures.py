"""What an exception that no refusal names means to a client: the one place that tells a
database out of reach (503, and a retry may cure it) from a fault of the server (500)."""

from __future__ import annotations

import logging

from django.db import Error
from django.http import HttpRequest

from orderkit.exceptions import OrderkitError, ServerError, Unavailable
from orderkit.operations.transactions import failure_kind

logger = logging.getLogger("orderkit")


def unexpected(request: HttpRequest, exc: Exception) -> OrderkitError:
    """:class:`Unavailable` for a database that cannot be reached or a connection lost
    (logged as a warning that says why), otherwise :class:`ServerError`, logged with its
    traceback; call it where ``exc`` is being handled."""
    if isinstance(exc, Error) and failure_kind(exc) == "unavailable":
        logger.warning("orderkit: the database is unavailable: %s", exc)
        return Unavailable()
    logger.exception("orderkit: unexpected error in %s %s", request.method, request.path)
    return ServerError()
