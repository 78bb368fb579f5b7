"""Django's own CSRF check, run by the views, and a refusal that says which problem Django
found and what fixes it: reloading the page cures a stale token, not a missing one."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import (
    REASON_BAD_ORIGIN,
    REASON_BAD_REFERER,
    REASON_CSRF_TOKEN_MISSING,
    REASON_INCORRECT_LENGTH,
    REASON_INSECURE_REFERER,
    REASON_INVALID_CHARACTERS,
    REASON_MALFORMED_REFERER,
    REASON_NO_CSRF_COOKIE,
    REASON_NO_REFERER,
    CsrfViewMiddleware,
)
from django.utils.translation import gettext as _

from orderkit.controls import csrf_header_name
from orderkit.exceptions import CsrfFailed

#: Why Django refuses the request's Origin or Referer (``%s`` stands for the header's value).
ORIGIN_REASONS = (
    REASON_BAD_ORIGIN,
    REASON_NO_REFERER,
    REASON_BAD_REFERER,
    REASON_MALFORMED_REFERER,
    REASON_INSECURE_REFERER,
)
#: How Django's reasons for a token that does not match the cookie end: "CSRF token from
#: POST incorrect.", "CSRF cookie has incorrect length.".
TOKEN_REASONS = tuple(
    f"{reason}." for reason in ("incorrect", REASON_INCORRECT_LENGTH, REASON_INVALID_CHARACTERS)
)


class ReasonKeepingCheck(CsrfViewMiddleware):
    """``CsrfViewMiddleware``'s check, keeping Django's reason for a refusal (Django's own
    ``requires_csrf_token`` overrides ``_reject`` the same way)."""

    reason = ""

    def _reject(self, request: HttpRequest, reason: str) -> HttpResponse:
        self.reason = reason
        # Django's refusal: its log record on django.security.csrf.
        response: HttpResponse = super()._reject(request, reason)  # type: ignore[misc]
        return response


def csrf_refusal(request: HttpRequest) -> tuple[HttpResponse, CsrfFailed] | None:
    """Django's CSRF check: None when the request passes it; otherwise Django's own answer
    (its 403 page) and orderkit's refusal, whose message names Django's reason."""
    check = ReasonKeepingCheck(_no_response)
    response = check.process_view(request, _no_response, (), {})
    if response is None:
        return None
    return response, CsrfFailed(csrf_message(check.reason))


def check_csrf(request: HttpRequest) -> None:
    """Raise :class:`~orderkit.exceptions.CsrfFailed` for a request that fails Django's CSRF
    check, with a message that names Django's reason."""
    refused = csrf_refusal(request)
    if refused is not None:
        raise refused[1]


def csrf_message(reason: str) -> str | None:
    """What Django's ``reason`` means to the person in front of the page, and its fix;
    None for a reason that orderkit does not know, which keeps the general message."""
    if reason == REASON_NO_CSRF_COOKIE:
        return _(
            "Your browser sent no CSRF cookie. Allow cookies for this site and reload the "
            "page; if that does not help, the page never set one: render {% csrf_token %} in "
            "its template."
        )
    if reason == REASON_CSRF_TOKEN_MISSING:
        return _missing_token()
    if reason.startswith(tuple(template.partition("%s")[0] for template in ORIGIN_REASONS)):
        return _(
            "This site does not trust the origin of the request (its Origin or Referer "
            "header), so reloading the page will not help: the site must list its own "
            "address in CSRF_TRUSTED_ORIGINS, or, behind an HTTPS proxy, set "
            "SECURE_PROXY_SSL_HEADER."
        )
    if reason.endswith(TOKEN_REASONS):
        return _(
            "The page's CSRF token does not match this browser's CSRF cookie: the page is "
            "out of date (after logging in or out in another tab, for instance). Reload the "
            "page and try again."
        )
    return None


def _missing_token() -> str:
    if settings.CSRF_COOKIE_HTTPONLY or settings.CSRF_USE_SESSIONS:
        return _(
            "The page sent no CSRF token, and scripts cannot read it from a cookie here "
            "(CSRF_COOKIE_HTTPONLY or CSRF_USE_SESSIONS is set), so reloading the page will "
            "not help: render {% csrf_token %} in its template."
        )
    return _(
        "The page sent no CSRF token, so reloading it will not help: render {%% csrf_token %%} "
        "in its template, or send the token in the %(header)s header."
    ) % {"header": csrf_header_name()}


def _no_response(request: HttpRequest) -> HttpResponse:  # pragma: no cover - never called
    return HttpResponse()
