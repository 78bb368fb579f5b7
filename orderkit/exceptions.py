"""Errors that orderkit's operations and views raise; each carries a stable ``code``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class OrderkitError(Exception):
    """A refused write. ``code`` is the API's error code; ``message`` is safe to show."""

    code = "error"
    default_message = _("The request could not be carried out.")

    def __init__(
        self, message: object = None, *, code: str | None = None, field: str = "__all__"
    ) -> None:
        self.message = str(message if message is not None else self.default_message)
        self.field = field
        if code is not None:
            self.code = code
        super().__init__(self.message)


class Conflict(OrderkitError):
    """A lock could not be had in time, or a deadlock persisted after the retries.

    ``retryable`` is true for a deadlock or serialization failure met inside an outer
    transaction: the code that owns that transaction may run it again as a whole.
    """

    code = "conflict"
    default_message = _("Someone else changed these rows at the same time. Reload and try again.")

    def __init__(self, message: object = None, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class NotFound(OrderkitError):
    """An unregistered model, field or relation, or a row outside the caller's scope."""

    code = "not_found"
    default_message = _("Not found.")
