"""Browser tests: the demo page in Debian's Chromium, driven by Playwright, against a live server.

Every page opened here is watched: a console error, an uncaught exception, a dialog (an
``alert`` from injected HTML) or an HTTP error answer fails the test, unless the test said it
expects that status.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import Browser, sync_playwright

from tests.browser.chromium import FLAGS, find
from tests.browser.helpers import Pages
from tests.helpers import make_user

# Playwright's sync API runs an event loop in the test's thread; the ORM calls that the tests
# make between browser steps are synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    path = find()
    if path is None:
        pytest.fail(
            "Chromium is not installed: apt-get install chromium, or set ORDERKIT_CHROMIUM.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def pages(chromium: Browser, live_server: object, transactional_db: None) -> Iterator[Pages]:
    opened = Pages(chromium, str(live_server))
    yield opened
    opened.close()
    assert opened.problems == []


@pytest.fixture
def seeded(transactional_db: None) -> None:
    call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def pony_editor(seeded: None) -> User:
    return make_user("pony_editor", "ponies.change_pony", "ponies.view_pony")


@pytest.fixture
def pony_viewer(seeded: None) -> User:
    return make_user("pony_viewer", "ponies.view_pony")
