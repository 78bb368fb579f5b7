"""The docs' pictures of docs/client.md's minimal page, light and dark:
``make screenshots`` (pytest runs this file by name only: it is not a test module).

The page is the one that tests/browser/test_minimal_page.py measures, served by the tests'
live server from the docs' own block, with orderkit.css alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.browser.helpers import Pages, stable_named

DOCS = Path(__file__).resolve().parent.parent.parent / "docs"
VIEWPORT = {"width": 760, "height": 330}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_picture(pages: Pages, pony_editor: User, scheme: str) -> None:
    path = reverse("minimal-page", args=[stable_named("Stable 1").pk])
    page = pages.open(pony_editor, path=path, viewport=VIEWPORT, color_scheme=scheme)
    page.screenshot(path=DOCS / f"minimal-page-{scheme}.png")
