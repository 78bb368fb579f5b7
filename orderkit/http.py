"""Between HTTP and orderkit: reading request bodies, and answering with JSON or a redirect."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core import exceptions as django_exceptions
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.http.request import RawPostDataException, UnreadablePostError
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from orderkit.conf import get_settings
from orderkit.exceptions import (
    BadRequest,
    InvalidJson,
    LengthRequired,
    LoginRequired,
    MethodNotAllowed,
    OrderkitError,
    TooLarge,
    TooManyFields,
    UnsupportedMediaType,
)

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
Body = dict[str, Any] | QueryDict

#: What Django raises when it refuses to read or to parse a body.
UNPARSABLE = (
    django_exceptions.RequestDataTooBig,
    django_exceptions.TooManyFieldsSent,
    django_exceptions.TooManyFilesSent,
    django_exceptions.BadRequest,
    django_exceptions.SuspiciousMultipartForm,
    MultiPartParserError,
    UnreadablePostError,
)


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


def refused_by_headers(request: HttpRequest) -> OrderkitError | None:
    """What the headers alone say against the body, before anything reads it: a
    ``Content-Length`` that is not a length (400), a body sent without one (411, never read
    as an empty body), or one declared larger than ``ORDERKIT["MAX_BODY_BYTES"]`` (413)."""
    declared = request.headers.get("content-length", "")
    if not declared:
        if request.headers.get("transfer-encoding"):
            return LengthRequired()
        return None
    if not (declared.isascii() and declared.isdigit()):
        return BadRequest(_("The Content-Length header is not a length."))
    limit = get_settings().MAX_BODY_BYTES
    if int(declared) > limit:
        return TooLarge(limit)
    return None


def load_body(request: HttpRequest) -> None:
    """Judge the body by its headers, then read it whole, before anything parses it (the
    CSRF check parses a form body for its token). Raises the refusal, if any.

    Django then parses a form body from memory: a multipart body never spools files, and
    a body that could not be read is refused, never parsed as an empty form.
    """
    refused = refused_by_headers(request)
    if refused is not None:
        raise refused
    try:
        body = request.body
    except RawPostDataException:
        # Something before the view parsed the form body from the stream already.
        return
    limit = get_settings().MAX_BODY_BYTES
    if len(body) > limit:
        # No declared length, and yet a body (an ASGI server reads it whole).
        raise TooLarge(limit)


def django_refusal(exc: BaseException) -> OrderkitError | None:
    """orderkit's refusal for one of Django's refusals to read or parse a body
    (:data:`UNPARSABLE`), or ``None`` for any other exception."""
    if isinstance(exc, django_exceptions.RequestDataTooBig):
        # Django's own limit on what it reads into memory.
        return TooLarge(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    if isinstance(exc, django_exceptions.TooManyFieldsSent):
        return TooManyFields()
    if isinstance(exc, django_exceptions.TooManyFilesSent):
        return TooManyFields(_("The request has too many files."))
    if isinstance(exc, UNPARSABLE):
        return BadRequest()
    return None


@contextmanager
def django_refusals() -> Iterator[None]:
    """Raise Django's refusals to read or parse a body (:data:`UNPARSABLE`) as orderkit's."""
    try:
        yield
    except UNPARSABLE as exc:
        raise cast(OrderkitError, django_refusal(exc)) from None


def read_body(request: HttpRequest) -> Body:
    """The body as a dict (JSON object) or a QueryDict (form-encoded); refused otherwise."""
    load_body(request)
    content_type = request.content_type or ""
    if content_type in FORM_TYPES:
        with django_refusals():
            return request.POST
    body = request.body
    if not body:
        # No fields, whatever the declared type (runserver calls a missing one text/plain).
        return {}
    if content_type == "application/json" or content_type.endswith("+json"):
        return _json_object(body)
    raise UnsupportedMediaType()


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        raise InvalidJson()
    return data


def wants_html(request: HttpRequest) -> bool:
    """A plain HTML form post: form-encoded, and ``text/html`` preferred to JSON."""
    if request.content_type not in FORM_TYPES:
        return False
    return request.get_preferred_type(["application/json", "text/html"]) == "text/html"


def wants_json(request: HttpRequest) -> bool:
    """A request that prefers JSON to HTML: ``Accept: application/json``, as the orderkit
    client (and jQuery's ``dataType: "json"``) sends it. A browser's own page request, or a
    request with no ``Accept`` header, prefers HTML."""
    return request.get_preferred_type(["text/html", "application/json"]) == "application/json"


def refusal(request: HttpRequest, error: OrderkitError, *, html: bool) -> HttpResponse:
    """The answer to a refused request: JSON, or for a plain HTML form a 303 back with the
    message (to the login page for an anonymous caller)."""
    if html and not isinstance(error, MethodNotAllowed):
        if isinstance(error, LoginRequired):
            return to_login(request)
        return back(request, error.message, messages.ERROR)
    errors = error.errors(escape_html=get_settings().ESCAPE_HTML)
    response = JsonResponse({"errors": errors}, status=error.status)
    for name, value in error.headers.items():
        response[name] = value
    return response


def back(request: HttpRequest, message: str, level: int) -> HttpResponse:
    """303 to the posted ``next``, else a safe ``Referer``, else ``/``, with a message."""
    messages.add_message(request, level, message, fail_silently=True)
    return HttpResponseSeeOther(safe_next(request))


def to_login(request: HttpRequest) -> HttpResponse:
    response = redirect_to_login(safe_next(request), settings.LOGIN_URL)
    response.status_code = 303
    return response


def posted_next(request: HttpRequest) -> str:
    """The posted ``next`` field; empty when the body is refused or cannot be parsed."""
    if refused_by_headers(request) is not None:
        return ""
    try:
        return str(request.POST.get("next", ""))
    except UNPARSABLE:
        return ""


def safe_next(request: HttpRequest) -> str:
    allowed = {request.get_host()}
    secure = request.is_secure()
    candidates: list[str] = [posted_next(request), request.headers.get("referer", "")]
    for candidate in candidates:
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts=allowed, require_https=secure
        ):
            return candidate
    return "/"
