"""The docs' pictures: docs/client.md's minimal page, light and dark, and docs/admin.md's
change list, change page (light and dark) and sortable inline: ``make screenshots`` (pytest
runs this file by name only: it is not a test module).

The minimal page is the one that tests/browser/test_minimal_page.py measures, served by the
tests' live server from the docs' own block, with orderkit.css alone; the admin pages are
the demo's, as tests/browser/test_admin_changelist.py, test_admin_page.py and
test_admin_inlines.py drive them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.browser.helpers import Pages, stable_named
from tests.browser.test_admin_page import tagged_pony

DOCS = Path(__file__).resolve().parent.parent.parent / "docs"
VIEWPORT = {"width": 760, "height": 330}
ADMIN = {"width": 1024, "height": 900}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_picture(pages: Pages, pony_editor: User, scheme: str) -> None:
    path = reverse("minimal-page", args=[stable_named("Stable 1").pk])
    page = pages.open(pony_editor, path=path, viewport=VIEWPORT, color_scheme=scheme)
    page.screenshot(path=DOCS / f"minimal-page-{scheme}.png")


def test_change_list_picture(pages: Pages, seeded: None) -> None:
    """docs/admin.md's change list: a row just moved by keyboard (its message at the top) and
    another one picked up."""
    admin = User.objects.get(username="admin")
    path = f"/admin/ponies/pony/?stable__id__exact={stable_named('Stable 1').pk}"
    page = pages.open(admin, path=path, viewport={"width": 1100, "height": 560})
    handles = page.locator("#result_list [data-orderkit-handle]")
    handles.nth(3).focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowUp")
    with page.expect_response(re.compile("adminsortable2_update/$")):
        page.keyboard.press("Space")
    page.locator("ul.messagelist li.success").wait_for()
    handles.nth(1).focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.screenshot(path=DOCS / "admin-change-list.png")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_change_page_picture(pages: Pages, seeded: None, scheme: str) -> None:
    pony = tagged_pony()
    path = reverse("admin:ponies_pony_change", args=[pony.pk])
    page = pages.open(
        User.objects.get(username="admin"), path=path, viewport=ADMIN, color_scheme=scheme
    )
    page.wait_for_load_state("load")
    page.locator("#content").screenshot(path=DOCS / f"admin-change-page-{scheme}.png")


def test_inline_picture(pages: Pages, seeded: None) -> None:
    stable = stable_named("Stable 1")
    path = reverse("admin:ponies_stable_change", args=[stable.pk])
    page = pages.open(User.objects.get(username="admin"), path=path, viewport=ADMIN)
    page.wait_for_load_state("load")
    page.locator("#ponies-group").screenshot(path=DOCS / "admin-inline.png")
