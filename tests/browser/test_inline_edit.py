"""Renaming a pony in place on the demo's ``/`` (``{% orderkit_edit %}``): Enter saves,
Escape cancels, a duplicate name is an error next to the input, a refusal puts the name
back, and without JavaScript the form posts and comes back."""

from __future__ import annotations

import re

from django.contrib.auth.models import Permission, User
from playwright.sync_api import Locator, Page, expect

from ponies.models import Pony
from tests.browser.helpers import Pages, item, messages

EDIT = re.compile(r"/edit/name/$")


def ponies() -> list[Pony]:
    return list(Pony.objects.filter(stable__name="Stable 1").order_by("position"))


def name_input(page: Page, pony: Pony) -> Locator:
    return item(page, pony).locator('[data-orderkit="edit"] input[name="value"]')


def test_enter_saves_the_new_name(pages: Pages, pony_editor: User) -> None:
    pony = ponies()[0]
    page = pages.open(pony_editor)
    field = name_input(page, pony)
    field.fill("Thistle")
    with page.expect_response(EDIT) as answer:
        field.press("Enter")
    assert answer.value.status == 200
    assert answer.value.request.post_data_json == {"value": "Thistle"}
    expect(field).to_have_value("Thistle")
    expect(field).to_be_focused()
    assert Pony.objects.get(pk=pony.pk).name == "Thistle"
    page.reload()
    expect(name_input(page, pony)).to_have_value("Thistle")


def test_a_taken_name_is_an_error_next_to_the_input_and_escape_cancels(
    pages: Pages, pony_editor: User
) -> None:
    pony, twin = ponies()[:2]
    pages.expect_status(400)
    page = pages.open(pony_editor)
    field = name_input(page, pony)
    field.fill(twin.name)
    with page.expect_response(EDIT):
        field.press("Enter")
    note = field.locator("xpath=following-sibling::*[1]")
    expect(note).to_have_text("This stable has a pony of that name already.")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_value(twin.name)
    field.press("Escape")
    expect(field).to_have_value(pony.name)
    expect(item(page, pony).locator("[data-orderkit-error]")).to_have_count(0)
    expect(field).not_to_have_attribute("aria-invalid", "true")
    assert Pony.objects.get(pk=pony.pk).name == pony.name


def test_a_refusal_puts_the_name_back(pages: Pages, pony_editor: User) -> None:
    pony = ponies()[2]
    pages.expect_status(403)
    page = pages.open(pony_editor)
    pony_editor.user_permissions.set(Permission.objects.none())
    field = name_input(page, pony)
    field.fill("Thistle")
    with page.expect_response(EDIT):
        field.press("Enter")
    expect(field).to_have_value(pony.name)
    expect(messages(page).last).to_have_text("You are not allowed to do this.")
    assert Pony.objects.get(pk=pony.pk).name == pony.name


def test_viewers_see_the_name_as_text(pages: Pages, pony_viewer: User) -> None:
    pony = ponies()[0]
    page = pages.open(pony_viewer)
    expect(item(page, pony).locator(".pony-name")).to_have_text(pony.name)
    expect(page.locator('[data-orderkit="edit"]')).to_have_count(0)


def test_without_javascript_the_form_posts_and_comes_back(pages: Pages, pony_editor: User) -> None:
    pony = ponies()[3]
    page = pages.open(pony_editor, javascript=False)
    field = name_input(page, pony)
    field.fill("Thistle")
    with page.expect_navigation():
        field.press("Enter")
    expect(page.locator("[data-orderkit-messages]")).to_contain_text("Name is now “Thistle”.")
    expect(name_input(page, pony)).to_have_value("Thistle")
    assert Pony.objects.get(pk=pony.pk).name == "Thistle"
