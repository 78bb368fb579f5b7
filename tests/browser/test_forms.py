"""Forms bound by ``data-orderkit="form"`` in Chromium, answered by ``JsonFormMixin``: errors
placed and cleared in Django's own markup (``/tags/new/``), crispy-forms' Bootstrap 5 markup
(the pony page) and a prefixed form; ``__all__`` errors; HTML in messages with
``ESCAPE_HTML`` off and on; a file; and the same forms without JavaScript."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.test import override_settings
from playwright.sync_api import Page, expect

from ponies.models import Pony, Tag
from tests.browser.helpers import Pages, messages
from tests.helpers import make_user

NEW_TAG = "/tags/new/"
NOTE = "/forms/note/"
#: Keeps the page where it is after a success, to look at it (the redirect is tested apart).
STAY = "document.addEventListener('orderkit:done', (event) => event.preventDefault())"


@pytest.fixture
def tagger(seeded: None) -> User:
    return make_user("tagger", "ponies.add_tag")


def errors(page: Page) -> list[str]:
    texts: list[str] = page.locator("[data-orderkit-error]").all_text_contents()
    return texts


def test_django_markup_error_after_its_field_then_cleared(pages: Pages, tagger: User) -> None:
    pages.expect_status(400)
    page = pages.open(tagger, path=NEW_TAG)
    page.evaluate(STAY)
    name = page.locator("#id_name")
    name.fill("fast")
    with page.expect_response(NEW_TAG) as answer:
        page.get_by_role("button", name="Add the tag").click()
    assert answer.value.status == 400
    note = name.locator("xpath=following-sibling::*[1]")
    expect(note).to_have_text("Tag with this Name already exists.")
    expect(note).to_have_attribute("data-orderkit-error", "")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_be_focused()
    assert name.get_attribute("aria-describedby") == note.get_attribute("id")
    assert page.url.endswith(NEW_TAG)
    name.fill("shy")
    with page.expect_response(NEW_TAG) as answer:
        page.get_by_role("button", name="Add the tag").click()
    assert answer.value.status == 201
    expect(messages(page).last).to_have_text("“shy” was added.")
    assert errors(page) == []
    expect(name).not_to_have_attribute("aria-invalid", "true")
    assert Tag.objects.filter(name="shy").exists()


def test_success_follows_the_redirect(pages: Pages, tagger: User) -> None:
    page = pages.open(tagger, path=NEW_TAG)
    page.locator("#id_name").fill("<b>bold</b>")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the tag").click()
    expect(page.locator(".tags")).to_contain_text("<b>bold</b>")
    expect(messages(page)).to_have_text(["“<b>bold</b>” was added."])
    assert page.locator("b").count() == 0


def test_crispy_markup_error_in_div_id_field(pages: Pages, pony_editor: User) -> None:
    pony, twin = Pony.objects.filter(stable__name="Stable 1").order_by("position")[:2]
    pages.expect_status(400)
    page = pages.open(pony_editor, path=f"/ponies/{pony.pk}/edit/")
    page.evaluate(STAY)
    name = page.locator("#id_name")
    name.fill(twin.name)
    with page.expect_response(re.compile(r"/edit/$")):
        page.get_by_role("button", name="Save").click()
    note = page.locator("#div_id_name > [data-orderkit-error]")
    expect(note).to_have_text("This stable has a pony of that name already.")
    expect(note).to_have_class("orderkit-error invalid-feedback d-block")
    expect(name).to_have_class(re.compile(r"\bis-invalid\b"))
    assert note.evaluate("note => note.previousElementSibling.id") == "id_name"
    name.fill("Renamed")
    with page.expect_response(re.compile(r"/edit/$")):
        page.get_by_role("button", name="Save").click()
    expect(messages(page).last).to_have_text("“Renamed” was saved.")
    expect(page.locator("#div_id_name > [data-orderkit-error]")).to_have_count(0)
    expect(name).not_to_have_class(re.compile(r"\bis-invalid\b"))
    assert Pony.objects.get(pk=pony.pk).name == "Renamed"


def test_prefixed_form_error_after_its_field(pages: Pages, seeded: None) -> None:
    pages.expect_status(400)
    page = pages.open(path="/forms/note/prefixed/")
    field = page.locator("#id_note-text")
    field.evaluate("input => input.removeAttribute('maxlength')")
    field.fill("x" * 21)
    with page.expect_response("/forms/note/prefixed/"):
        page.get_by_role("button", name="Save").click()
    expect(field.locator("xpath=following-sibling::*[1]")).to_have_text(
        "Ensure this value has at most 20 characters (it has 21)."
    )
    expect(field).to_have_attribute("aria-invalid", "true")


@pytest.mark.parametrize(
    ("escape_html", "shown"),
    [(False, "<b>No</b> notes like that."), (True, "&lt;b&gt;No&lt;/b&gt; notes like that.")],
)
def test_all_errors_shown_as_text(
    pages: Pages, seeded: None, escape_html: bool, shown: str
) -> None:
    pages.expect_status(400)
    page = pages.open(path=NOTE)
    page.locator("#id_text").fill("<b>no</b>")
    with override_settings(ORDERKIT={"ESCAPE_HTML": escape_html}):
        with page.expect_response(NOTE):
            page.get_by_role("button", name="Save").click()
        area = page.locator("form > [data-orderkit-form-errors]")
        expect(area).to_have_text(shown)
    assert area.locator("b").count() == 0
    expect(page.locator(".orderkit-announcement")).to_have_text(shown)


def test_a_file_is_sent(pages: Pages, seeded: None) -> None:
    page = pages.open(path="/forms/upload/")
    page.evaluate(STAY)
    page.locator("#id_attachment").set_input_files(
        {"name": "hay.txt", "mimeType": "text/plain", "buffer": b"hay"}
    )
    with page.expect_response("/forms/upload/") as answer:
        page.get_by_role("button", name="Save").click()
    assert answer.value.request.headers["accept"] == "application/json"
    expect(messages(page).last).to_have_text("Received “hay.txt”.")


def test_without_javascript_the_page_flow(pages: Pages, tagger: User) -> None:
    page = pages.open(tagger, javascript=False, path=NEW_TAG)
    page.locator("#id_name").fill("fast")
    page.get_by_role("button", name="Add the tag").click()
    expect(page.locator(".errorlist")).to_have_text("Tag with this Name already exists.")
    page.locator("#id_name").fill("shy")
    with page.expect_navigation():
        page.get_by_role("button", name="Add the tag").click()
    assert page.url.endswith(NEW_TAG)
    expect(messages(page)).to_have_text(["“shy” was added."])
    expect(page.locator(".tags")).to_contain_text("shy")
