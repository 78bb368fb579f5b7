"""403 ``csrf_failed`` says which problem Django's CSRF check found, and what fixes it: a
page without a token, no CSRF cookie, a stale token, an untrusted origin. JSON and plain
HTML forms alike; nothing is written."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from orderkit.exceptions import CsrfFailed
from orderkit.views.csrf import csrf_message
from tests.helpers import toggle_url
from tests.test_html_forms import messages_of, post_form
from tests.testapp.models import Card

NO_COOKIE = (
    "Your browser sent no CSRF cookie. Allow cookies for this site and reload the page; if "
    "that does not help, the page never set one: render {% csrf_token %} in its template."
)
NO_TOKEN = (
    "The page sent no CSRF token, so reloading it will not help: render {% csrf_token %} in "
    "its template, or send the token in the X-CSRFTOKEN header."
)
NO_READABLE_TOKEN = (
    "The page sent no CSRF token, and scripts cannot read it from a cookie here "
    "(CSRF_COOKIE_HTTPONLY or CSRF_USE_SESSIONS is set), so reloading the page will not help: "
    "render {% csrf_token %} in its template."
)
STALE = (
    "The page's CSRF token does not match this browser's CSRF cookie: the page is out of date "
    "(after logging in or out in another tab, for instance). Reload the page and try again."
)
UNTRUSTED = (
    "This site does not trust the origin of the request (its Origin or Referer header), so "
    "reloading the page will not help: the site must list its own address in "
    "CSRF_TRUSTED_ORIGINS, or, behind an HTTPS proxy, set SECURE_PROXY_SSL_HEADER."
)


@pytest.fixture
def browser(editor: User) -> Client:
    """A logged-in browser that checks CSRF like a real one, without a CSRF cookie yet."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    return client


def open_page(client: Client) -> None:
    """Open a page that renders ``{% csrf_token %}``, which gives the browser its CSRF secret
    (in the cookie, or in the session under ``CSRF_USE_SESSIONS``)."""
    client.get("/accounts/login/")


def with_cookie(client: Client) -> str:
    """Open such a page; the token of the CSRF cookie that it set."""
    open_page(client)
    return str(client.cookies["csrftoken"].value)


def csrf_error(response: Any) -> str:
    """The message of a 403 ``csrf_failed`` answer."""
    assert response.status_code == 403
    (error,) = response.json()["errors"]["__all__"]
    assert error["code"] == "csrf_failed"
    return str(error["message"])


def post_json(client: Client, card: Card, **extra: Any) -> Any:
    return client.post(toggle_url(card), "{}", content_type="application/json", **extra)


# No CSRF cookie


def test_no_cookie_says_so(browser: Client, cards: list[Card]) -> None:
    assert csrf_error(post_json(browser, cards[0])) == NO_COOKIE
    assert not Card.objects.get(pk=cards[0].pk).is_done


# No token in the request


def test_a_page_without_token_says_reloading_will_not_help(
    browser: Client, cards: list[Card]
) -> None:
    with_cookie(browser)
    assert csrf_error(post_json(browser, cards[0])) == NO_TOKEN


@override_settings(CSRF_HEADER_NAME="HTTP_X_XSRF_TOKEN")
def test_the_missing_token_names_the_projects_header(browser: Client, cards: list[Card]) -> None:
    with_cookie(browser)
    message = csrf_error(post_json(browser, cards[0]))
    assert message.endswith("or send the token in the X-XSRF-TOKEN header.")


@pytest.mark.parametrize("setting", ["CSRF_COOKIE_HTTPONLY", "CSRF_USE_SESSIONS"])
def test_a_cookie_that_scripts_cannot_read_is_named(
    browser: Client, cards: list[Card], setting: str
) -> None:
    """orderkit's script falls back on the cookie, which it cannot read here: the page
    itself must hold the token."""
    with override_settings(**{setting: True}):
        open_page(browser)
        assert csrf_error(post_json(browser, cards[0])) == NO_READABLE_TOKEN


# A token that does not match the cookie


def token_of_another_browser() -> str:
    return with_cookie(Client(enforce_csrf_checks=True))


@pytest.mark.parametrize(
    "token",
    [token_of_another_browser, lambda: "short", lambda: "!" * 64],
    ids=["incorrect", "incorrect-length", "invalid-characters"],
)
def test_a_token_that_does_not_match_says_reload(
    browser: Client, cards: list[Card], token: Callable[[], str]
) -> None:
    with_cookie(browser)
    response = post_json(browser, cards[0], HTTP_X_CSRFTOKEN=token())
    assert csrf_error(response) == STALE


def test_a_broken_cookie_says_reload(browser: Client, cards: list[Card]) -> None:
    """Django's answer sets a new cookie, so a reload does cure it."""
    token = with_cookie(browser)
    browser.cookies["csrftoken"] = "broken"
    response = post_json(browser, cards[0], HTTP_X_CSRFTOKEN=token)
    assert csrf_error(response) == STALE
    assert len(response.cookies["csrftoken"].value) == 32


def test_a_form_token_that_does_not_match_says_reload(browser: Client, cards: list[Card]) -> None:
    with_cookie(browser)
    response = browser.post(
        toggle_url(cards[0]), {"csrfmiddlewaretoken": token_of_another_browser()}
    )
    assert csrf_error(response) == STALE


# An origin that the site does not trust


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "http://testserver", "secure": True},
        {"secure": True},
        {"secure": True, "HTTP_REFERER": "https://evil.example/page/"},
        {"secure": True, "HTTP_REFERER": "http://testserver/page/"},
        {"secure": True, "HTTP_REFERER": "https://"},
    ],
    ids=["bad-origin", "proxy", "no-referer", "bad-referer", "insecure-referer", "malformed"],
)
def test_an_untrusted_origin_names_the_settings(
    browser: Client, cards: list[Card], headers: dict[str, Any]
) -> None:
    token = with_cookie(browser)
    response = post_json(browser, cards[0], HTTP_X_CSRFTOKEN=token, **headers)
    assert csrf_error(response) == UNTRUSTED


@override_settings(CSRF_TRUSTED_ORIGINS=["https://shop.example"])
def test_a_trusted_origin_passes(browser: Client, cards: list[Card]) -> None:
    token = with_cookie(browser)
    response = post_json(
        browser, cards[0], HTTP_X_CSRFTOKEN=token, HTTP_ORIGIN="https://shop.example"
    )
    assert response.status_code == 200


# What every refusal shares


def test_a_reason_that_orderkit_does_not_know_keeps_the_general_message() -> None:
    assert csrf_message("CSRF check failed for a reason of a newer Django.") is None
    assert CsrfFailed(None).message == "CSRF verification failed. Reload the page and try again."


def test_django_logs_the_refusal_with_its_reason(
    browser: Client, cards: list[Card], caplog: pytest.LogCaptureFixture
) -> None:
    with_cookie(browser)
    with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
        post_json(browser, cards[0])
    logged = [r.getMessage() for r in caplog.records if r.name == "django.security.csrf"]
    assert logged == [f"Forbidden (CSRF token missing.): {toggle_url(cards[0])}"]


def no_cookie(client: Client) -> dict[str, str]:
    return {}


def no_token(client: Client) -> dict[str, str]:
    open_page(client)
    return {}


def stale_token(client: Client) -> dict[str, str]:
    open_page(client)
    return {"csrfmiddlewaretoken": token_of_another_browser()}


@pytest.mark.parametrize(
    ("fields", "message"),
    [(no_cookie, NO_COOKIE), (no_token, NO_TOKEN), (stale_token, STALE)],
    ids=["no-cookie", "no-token", "stale"],
)
def test_a_plain_html_form_gets_the_same_message(
    browser: Client,
    cards: list[Card],
    fields: Callable[[Client], dict[str, str]],
    message: str,
) -> None:
    response = post_form(browser, toggle_url(cards[0]), {"value": "on", **fields(browser)})
    assert response.status_code == 303
    assert messages_of(response) == [("error", message)]
    assert not Card.objects.get(pk=cards[0].pk).is_done
