"""A pony's tags on the demo's ``/`` page, in the order of their PonyTag rows (an ordered
many-to-many): sorted by drag and by keyboard, stored, and shown so after a reload; a new
tag goes last; without the pony's permission a move is refused and rolled back."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission, User
from playwright.sync_api import Locator, Page, expect

from ponies.models import Pony, PonyTag, Tag
from tests.browser.helpers import Pages, db_order, item, messages, page_order, stable_named
from tests.helpers import make_user

REORDER = re.compile(r"/orderkit/ponies\.ponytag/reorder/$")


@pytest.fixture
def tag_orderer(seeded: None) -> User:
    return make_user("tag_orderer", "ponies.change_pony", "ponies.change_ponytag")


def tagged_pony() -> Pony:
    """The first pony of Stable 1, given a third tag, so that it has tags a move can pass."""
    pony = stable_named("Stable 1").ponies.order_by("position", "pk")[0]
    spare = Tag.objects.exclude(ponies=pony).order_by("name")[0]
    PonyTag.objects.create(pony=pony, tag=spare)
    return pony


def db_tags(pony: Pony) -> list[str]:
    links = PonyTag.objects.filter(pony=pony).order_by("position", "pk")
    return [str(pk) for pk in links.values_list("tag_id", flat=True)]


def tags_list(page: Page, pony: Pony) -> Locator:
    return item(page, pony).locator("[data-orderkit-links]")


def page_tags(page: Page, pony: Pony) -> list[str]:
    pks: list[str] = (
        tags_list(page, pony)
        .locator("> [data-orderkit-item]")
        .evaluate_all("chips => chips.map(chip => chip.dataset.orderkitRelated)")
    )
    return pks


def chip(page: Page, pony: Pony, tag_pk: str) -> Locator:
    return tags_list(page, pony).locator(f'> [data-orderkit-related="{tag_pk}"]')


def test_dragging_a_tag_chip_orders_the_ponys_tags(pages: Pages, tag_orderer: User) -> None:
    pony = tagged_pony()
    before = db_tags(pony)
    stable = stable_named("Stable 1")
    ponies = db_order(stable)
    page = pages.open(tag_orderer)
    assert page_tags(page, pony) == before
    with page.expect_response(REORDER) as answer:
        chip(page, pony, before[2]).locator("[data-orderkit-handle]").drag_to(
            chip(page, pony, before[0]), target_position={"x": 2, "y": 2}
        )
    assert answer.value.status == 200
    expected = [before[2], before[0], before[1]]
    assert page_tags(page, pony) == expected
    assert db_tags(pony) == expected
    assert page_order(page, stable) == db_order(stable) == ponies, "the pony stays in place"
    expect(messages(page).last).to_contain_text("Moved")
    page.reload()
    assert page_tags(page, pony) == expected


def test_the_keyboard_orders_the_tags_and_a_new_tag_goes_last(
    pages: Pages, tag_orderer: User
) -> None:
    pony = tagged_pony()
    before = db_tags(pony)
    page = pages.open(tag_orderer)
    handle = chip(page, pony, before[0]).locator("[data-orderkit-handle]")
    handle.focus()
    with page.expect_response(REORDER) as answer:
        for key in ("Space", "ArrowDown", "Enter"):
            page.keyboard.press(key)
    links = PonyTag.objects.filter(pony=pony)
    assert answer.value.request.post_data_json == {
        "pk": str(links.get(tag_id=before[0]).pk),
        "after": str(links.get(tag_id=before[1]).pk),
    }
    expected = [before[1], before[0], before[2]]
    assert db_tags(pony) == expected
    assert page_tags(page, pony) == expected
    expect(handle).to_be_focused()

    free = Tag.objects.exclude(ponies=pony).order_by("name")[0]
    tags_list(page, pony).locator("select").select_option(str(free.pk))
    tags_list(page, pony).locator('[data-orderkit="attach"]').click()
    expect(chip(page, pony, str(free.pk))).to_have_count(1)
    assert db_tags(pony) == [*expected, str(free.pk)]
    assert page_tags(page, pony) == [*expected, str(free.pk)]
    added = chip(page, pony, str(free.pk)).locator("[data-orderkit-handle]")
    expect(added).to_have_attribute("aria-label", f"Move {free.name}")
    added.focus()
    with page.expect_response(REORDER):
        for key in ("Space", "ArrowUp", "Enter"):
            page.keyboard.press(key)
    assert db_tags(pony) == [*expected[:2], str(free.pk), expected[2]]


def test_without_the_ponytag_permission_the_tags_do_not_move(
    pages: Pages, pony_editor: User
) -> None:
    pony = tagged_pony()
    page = pages.open(pony_editor)
    expect(tags_list(page, pony).locator("[data-orderkit-handle]")).to_have_count(0)
    expect(tags_list(page, pony)).not_to_have_attribute("data-orderkit", "sortable")


def test_a_refused_tag_move_is_rolled_back_with_a_message(pages: Pages, tag_orderer: User) -> None:
    pony = tagged_pony()
    before = db_tags(pony)
    pages.expect_status(403)
    page = pages.open(tag_orderer)
    tag_orderer.user_permissions.remove(Permission.objects.get(codename="change_pony"))
    handle = chip(page, pony, before[0]).locator("[data-orderkit-handle]")
    handle.focus()
    with page.expect_response(REORDER) as answer:
        for key in ("Space", "ArrowDown", "Enter"):
            page.keyboard.press(key)
    assert answer.value.status == 403
    expect(messages(page).last).to_have_text("You are not allowed to do this.")
    expect(tags_list(page, pony)).not_to_have_attribute("aria-busy", "true")
    assert page_tags(page, pony) == before
    assert db_tags(pony) == before
