"""Between HTTP and orderkit: reading request bodies, and answering with JSON or a redirect."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse, QueryDict
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from orderkit.conf import get_settings
from orderkit.exceptions import (
    InvalidJson,
    InvalidRequest,
    LoginRequired,
    MethodNotAllowed,
    OrderkitError,
    TooLarge,
    UnsupportedMediaType,
)

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
Body = dict[str, Any] | QueryDict


class HttpResponseSeeOther(HttpResponseRedirect):
    status_code = 303


def read_body(request: HttpRequest) -> Body:
    """The body as a dict (JSON object) or a QueryDict (form-encoded); refused otherwise."""
    limit = get_settings().MAX_BODY_BYTES
    try:
        declared = int(request.headers.get("content-length") or 0)
    except ValueError:
        # Django could not read such a body either.
        raise InvalidRequest(_("The Content-Length header is not a number.")) from None
    if declared > limit:
        raise TooLarge(limit)
    content_type = request.content_type or ""
    if content_type in FORM_TYPES:
        # Django parses form bodies itself, and the CSRF check may have done so already,
        # reading the stream; the declared length above bounds what it reads.
        return request.POST
    # Django reads at most the declared length (WSGI), which is within the limit.
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
    """The posted ``next`` field; empty when the body cannot be parsed."""
    try:
        return str(request.POST.get("next", ""))
    except (RequestDataTooBig, TooManyFieldsSent):
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
