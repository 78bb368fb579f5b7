"""Helpers that the browser tests share: a page opener that records every problem, and the
demo page's orders, items and messages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import Browser, Locator, Page

from ponies.models import Pony, Stable


class Pages:
    """Opens pages of the live server, logged in as a user or not, and records problems."""

    def __init__(self, browser: Browser, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.problems: list[str] = []
        self.expected_statuses: set[int] = set()

    def open(
        self,
        user: User | None = None,
        *,
        javascript: bool = True,
        path: str = "/",
        **options: Any,
    ) -> Page:
        """A page in a context of its own; ``options`` are the context's (``viewport``,
        ``color_scheme``, ``locale``...)."""
        context = self.browser.new_context(
            base_url=self.base_url, java_script_enabled=javascript, **options
        )
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": self.base_url}]
            )
        page = context.new_page()
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        page.on("dialog", self._dialog)
        page.on("response", self._response)
        page.goto(path)
        return page

    def expect_status(self, status: int) -> None:
        """The test provokes answers with this status on purpose."""
        self.expected_statuses.add(status)

    def _console(self, message: object) -> None:
        kind, text = getattr(message, "type", ""), str(getattr(message, "text", ""))
        expected = any(f"status of {status}" in text for status in self.expected_statuses)
        if kind == "error" and not expected:
            self.problems.append(f"console error: {text}")

    def _dialog(self, dialog: object) -> None:
        self.problems.append(f"dialog: {getattr(dialog, 'message', '')}")
        getattr(dialog, "dismiss")()  # noqa: B009 - a Playwright Dialog

    def _response(self, response: object) -> None:
        status = int(getattr(response, "status", 0))
        if status >= 400 and status not in self.expected_statuses:
            self.problems.append(f"HTTP {status}: {getattr(response, 'url', '')}")

    def close(self) -> None:
        for context in self.browser.contexts:
            context.close()


def stable_named(name: str) -> Stable:
    return Stable.objects.get(name=name)


def db_order(stable: Stable) -> list[str]:
    """The stable's pony pks in the stored order."""
    pks = stable.ponies.order_by("position", "pk").values_list("pk", flat=True)
    return [str(pk) for pk in pks]


def page_order(page: Page, stable: Stable) -> list[str]:
    pks: list[str] = page.locator(f"#stable-{stable.pk} + ol > li").evaluate_all(
        "items => items.map(item => item.dataset.pk)"
    )
    return pks


def item(page: Page, pony: Pony) -> Locator:
    """The pony's item in its sortable list."""
    return page.locator(f'ol > li[data-pk="{pony.pk}"]')


def messages(page: Page) -> Locator:
    return page.locator("[data-orderkit-messages] .orderkit-message")
