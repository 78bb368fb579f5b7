"""docs/client.md's minimal page in a browser that asks for Persian or German
(Accept-Language, read by LocaleMiddleware): the server's texts (a refusal answered as JSON,
the message after a form posted without JavaScript) and the client's (the keyboard's
announcements, a detach's message and its Undo) change language; in Persian the page is
right to left (``<html dir="rtl">``) and drawn so."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import Page, expect

from orderkit.registry import registry
from ponies.models import Pony, Stable, Tag
from tests.browser.geometry import box, text_box
from tests.browser.helpers import Pages, messages
from tests.browser.test_minimal_page import WIDE, assert_switches_drawn, message_sides

#: The Undo button, as written by hand (the other texts are read from the catalogues).
UNDO = {"fa": "واگرد", "de": "Rückgängig"}
LANGUAGES = list(UNDO)


def said(language: str, msgid: str, **values: object) -> str:
    """``msgid`` in ``language``, filled in with ``values``: never the English text."""
    with translation.override(language):
        text = gettext(msgid) % values
    assert text != msgid % values, f"{msgid!r} is not translated into {language}"
    return text


def first_pony() -> Pony:
    pony = Stable.objects.get(name="Stable 1").ponies.order_by("position").first()
    assert pony is not None
    assert pony.name == "Applejack 1"
    return pony


def open_in(pages: Pages, user: User, language: str, *, javascript: bool = True) -> Page:
    path = reverse("minimal-page", args=[first_pony().stable_id])
    return pages.open(user, path=path, locale=language, viewport=WIDE, javascript=javascript)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_client_speaks_the_pages_language(
    pages: Pages, pony_editor: User, language: str
) -> None:
    pony = first_pony()
    pony.tags.add(Tag.objects.get(name="brave"))
    page = open_in(pages, pony_editor, language)
    row = page.locator(f'[data-orderkit-item][data-pk="{pony.pk}"]')
    announcement = page.locator(".orderkit-announcement")
    place = {"label": pony.name, "index": 1, "total": 10}
    row.locator("[data-orderkit-handle]").focus()
    page.keyboard.press("Space")
    picked_up = (
        "Picked up %(label)s, position %(index)s of %(total)s. "
        "Use the arrow keys to move it, Space or Enter to drop it, Escape to cancel."
    )
    expect(announcement).to_have_text(said(language, picked_up, **place))
    page.keyboard.press("Escape")
    back = said(language, "%(label)s is back at position %(index)s of %(total)s.", **place)
    expect(announcement).to_have_text(back)
    row.locator('.orderkit-chip[data-orderkit-label="brave"] [data-orderkit="detach"]').click()
    message = messages(page).last
    expect(message).to_contain_text(said(language, "Removed “%(label)s”.", label="brave"))
    assert said(language, "Undo") == UNDO[language]
    with page.expect_response(lambda answer: "/attach/tags/" in answer.url):
        message.get_by_role("button", name=UNDO[language]).click()
    restored = said(language, "Restored “%(label)s”.", label="brave")
    expect(messages(page).last).to_have_text(restored)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_servers_refusal_speaks_the_pages_language(
    pages: Pages, pony_editor: User, language: str
) -> None:
    page = open_in(pages, pony_editor, language)
    pony_editor.user_permissions.remove(Permission.objects.get(codename="change_pony"))
    pages.expect_status(403)
    page.locator(f'[data-pk="{first_pony().pk}"] .orderkit-toggle').click()
    refused = said(language, "You are not allowed to do this.")
    expect(messages(page).last).to_have_text(refused)


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_the_servers_message_speaks_the_pages_language(
    pages: Pages, pony_editor: User, language: str
) -> None:
    assert first_pony().is_active
    page = open_in(pages, pony_editor, language, javascript=False)
    with page.expect_navigation():
        page.locator(f'[data-pk="{first_pony().pk}"] .orderkit-toggle').click()
    expect(messages(page)).to_have_count(1)
    field = registry.get(Pony, "toggle", "is_active").verbose_name("is_active")
    off = said(language, "%(field)s is off for “%(object)s”.", field=field, object="Applejack 1")
    expect(messages(page).first).to_have_text(off)
    assert not first_pony().is_active


def test_in_persian_the_page_is_right_to_left(pages: Pages, pony_editor: User) -> None:
    page = open_in(pages, pony_editor, "fa")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "fa",
        "rtl",
    ]
    assert_switches_drawn(page, rtl=True)
    rows = page.locator("[data-orderkit='sortable'] > [data-orderkit-item]")
    handle, name = box(rows.first.locator("[data-orderkit-handle]")), text_box(rows.first)
    assert handle.left >= name.right, "the handle starts the row, on the right"
    rows.first.locator(".orderkit-chip [data-orderkit='detach']").first.click()
    message = messages(page).last
    expect(message).to_contain_text(UNDO["fa"])
    assert message_sides(message) == ("0px", "4px")
