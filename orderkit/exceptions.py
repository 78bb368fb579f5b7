"""Every way orderkit refuses a request, as a class that carries its error code and status.

The views answer any :class:`OrderkitError` with ``{"errors": error.errors()}`` and
``error.status``; the operations raise the few that code calling them from Python meets
(:class:`Conflict`, :class:`NotFound`, :class:`NotRegistered`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.core.exceptions import ImproperlyConfigured
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.forms import BaseForm
    from django.utils.functional import _StrPromise


class OrderkitError(Exception):
    """A refused request. ``message`` is a translated sentence, safe to show to users."""

    code: ClassVar[str] = "error"
    status: ClassVar[int] = 400
    default_message: ClassVar[_StrPromise] = _("The request could not be carried out.")
    #: Headers that the answer carries (``Allow`` for a 405).
    headers: ClassVar[dict[str, str]] = {}

    def __init__(self, message: object = None, *, field: str = "__all__") -> None:
        self.message = str(message if message is not None else self.default_message)
        self.field = field
        super().__init__(self.message)

    def errors(self, *, escape_html: bool = False) -> dict[str, list[dict[str, Any]]]:
        """The value of the answer's ``errors``, shaped like ``Form.errors.get_json_data()``
        (whose ``escape_html`` escapes the messages as HTML)."""
        message = escape(self.message) if escape_html else self.message
        return {self.field: [{"message": message, "code": self.code}]}


class InvalidJson(OrderkitError):
    code = "invalid_json"
    default_message = _("The body must be a JSON object.")


class BadRequest(OrderkitError):
    """A body that cannot be read: one that Django itself refuses to parse (a multipart body
    without its boundary, too many files, a form in a charset other than UTF-8), or a
    ``Content-Length`` that is not a length."""

    code = "bad_request"
    default_message = _("The request body cannot be read.")


class TooManyFields(OrderkitError):
    code = "too_many"
    default_message = _("The request has too many fields.")


class FormInvalid(OrderkitError):
    """A body that its form refused; answered with the form's own errors."""

    code = "invalid"

    def __init__(self, form: BaseForm) -> None:
        self.form = form
        super().__init__(
            " ".join(
                str(error["message"])
                for errors in form.errors.get_json_data().values()
                for error in errors
            )
        )

    def errors(self, *, escape_html: bool = False) -> dict[str, list[dict[str, Any]]]:
        return self.form.errors.get_json_data(escape_html=escape_html)


class CsrfFailed(OrderkitError):
    code = "csrf_failed"
    status = 403
    default_message = _("CSRF verification failed. Reload the page and try again.")


class LoginRequired(OrderkitError):
    code = "login_required"
    status = 403
    default_message = _("Log in to do this.")


class PermissionDenied(OrderkitError):
    """The caller may not do this, to the model or to ``obj`` (when one row is refused)."""

    code = "permission_denied"
    status = 403
    default_message = _("You are not allowed to do this.")

    def __init__(self, message: object = None, *, obj: object = None) -> None:
        super().__init__(message)
        self.obj = obj


class NotFound(OrderkitError):
    """An unregistered model, field or relation, or a row outside the caller's scope."""

    code = "not_found"
    status = 404
    default_message = _("Not found.")


class NotRegistered(NotFound, ImproperlyConfigured):
    """The model, field or relation is not registered with orderkit as the caller needs.

    To a request it is a :class:`NotFound`; to code or a template that names it, an
    ``ImproperlyConfigured`` whose message says what to register.
    """


class MethodNotAllowed(OrderkitError):
    code = "method_not_allowed"
    status = 405
    default_message = _("Only POST is allowed here.")
    headers = {"Allow": "POST"}  # noqa: RUF012 (read only)


class Conflict(OrderkitError):
    """A lock could not be had in time, or a deadlock persisted after the retries.

    ``retryable`` is true for a deadlock or serialization failure met inside an outer
    transaction: the code that owns that transaction may run it again as a whole.
    """

    code = "conflict"
    status = 409
    default_message = _("Someone else changed these rows at the same time. Reload and try again.")

    def __init__(self, message: object = None, *, retryable: bool = False) -> None:
        super().__init__(message)
        self.retryable = retryable


class TooLarge(OrderkitError):
    code = "too_large"
    status = 413

    def __init__(self, limit: int) -> None:
        super().__init__(_("The request body is larger than %(limit)d bytes.") % {"limit": limit})


class LengthRequired(OrderkitError):
    """A body sent without a ``Content-Length`` (chunked): never read as an empty one."""

    code = "length_required"
    status = 411
    default_message = _("Send the body with a Content-Length header, not chunked.")


class UnsupportedMediaType(OrderkitError):
    code = "unsupported_media_type"
    status = 415
    default_message = _("Send the body as JSON (application/json) or as form fields.")


class ServerError(OrderkitError):
    code = "server_error"
    status = 500
    default_message = _("Something went wrong on the server; nothing was changed.")


class Unavailable(OrderkitError):
    """The database cannot be reached, or the connection to it was lost while the request
    ran: its transaction was rolled back, or never began."""

    code = "unavailable"
    status = 503
    default_message = _("The database cannot be reached right now. Try again in a moment.")
    headers = {"Retry-After": "5"}  # noqa: RUF012 (read only)
