"""Undo of a move on the demo's ``/`` page in Chromium: by mouse and by keyboard it puts the
row back in the page and in the database; a refused undo is rolled back with a message; a
newer change of the list withdraws the stale Undo."""

from __future__ import annotations

import re

from django.contrib.auth.models import Permission, User
from playwright.sync_api import Page, expect

from ponies.models import Pony
from tests.browser.helpers import Pages, db_order, item, messages, page_order, stable_named

REORDER = re.compile(r"/orderkit/ponies\.pony/reorder/$")


def ponies_of(name: str) -> list[Pony]:
    return list(stable_named(name).ponies.order_by("position", "pk"))


def pks(ponies: list[Pony]) -> list[str]:
    return [str(pony.pk) for pony in ponies]


def drag_above(page: Page, pony: Pony, target: Pony) -> None:
    """Drags ``pony`` by its handle onto the top of ``target``; returns once it is stored."""
    with page.expect_response(REORDER):
        item(page, pony).locator("[data-orderkit-handle]").drag_to(
            item(page, target), target_position={"x": 5, "y": 2}
        )


def test_undo_of_a_mouse_drag_puts_the_row_back_in_the_page_and_the_database(
    pages: Pages, pony_editor: User
) -> None:
    page = pages.open(pony_editor)
    stable = stable_named("Stable 1")
    ponies = ponies_of("Stable 1")
    drag_above(page, ponies[3], ponies[0])
    expect(messages(page).last).to_contain_text(f"Moved “{ponies[3].name}”.")
    assert db_order(stable) == pks([ponies[3], *ponies[:3], *ponies[4:]])
    with page.expect_response(REORDER) as answer:
        messages(page).last.get_by_role("button", name="Undo").click()
    assert answer.value.request.post_data_json == {
        "pk": str(ponies[3].pk),
        "after": str(ponies[2].pk),
    }
    expect(messages(page).last).to_have_text(f"Moved “{ponies[3].name}” back.")
    expect(page.get_by_role("button", name="Undo")).to_have_count(0)
    assert page_order(page, stable) == pks(ponies)
    assert db_order(stable) == pks(ponies)


def test_undo_of_a_keyboard_move_is_reached_by_keyboard_and_gives_focus_back(
    pages: Pages, pony_editor: User
) -> None:
    stable = stable_named("Stable 2")
    ponies = ponies_of("Stable 2")
    page = pages.open(pony_editor)
    handle = item(page, ponies[0]).locator("[data-orderkit-handle]")
    handle.focus()
    with page.expect_response(REORDER):
        for key in ("Space", "ArrowDown", "ArrowDown", "Enter"):
            page.keyboard.press(key)
    undo = messages(page).last.get_by_role("button", name="Undo")
    expect(undo).to_be_visible()
    assert db_order(stable) == pks([ponies[1], ponies[2], ponies[0], *ponies[3:]])
    undo.focus()
    with page.expect_response(REORDER) as answer:
        page.keyboard.press("Enter")
    assert answer.value.request.post_data_json == {
        "pk": str(ponies[0].pk),
        "before": str(ponies[1].pk),
    }
    expect(messages(page).last).to_have_text(f"Moved “{ponies[0].name}” back.")
    assert page_order(page, stable) == pks(ponies)
    assert db_order(stable) == pks(ponies)
    expect(handle).to_be_focused()


def test_a_refused_undo_is_rolled_back_with_a_message(pages: Pages, pony_editor: User) -> None:
    stable = stable_named("Stable 3")
    ponies = ponies_of("Stable 3")
    pages.expect_status(403)
    page = pages.open(pony_editor)
    drag_above(page, ponies[5], ponies[1])
    moved = pks([ponies[0], ponies[5], *ponies[1:5], *ponies[6:]])
    expect(messages(page).last).to_contain_text(f"Moved “{ponies[5].name}”.")
    pony_editor.user_permissions.set(Permission.objects.none())
    with page.expect_response(REORDER) as answer:
        messages(page).last.get_by_role("button", name="Undo").click()
    assert answer.value.status == 403
    expect(messages(page).last).to_have_text("You are not allowed to do this.")
    expect(page.locator("[aria-busy]")).to_have_count(0)
    assert page_order(page, stable) == moved
    assert db_order(stable) == moved


def test_a_newer_change_of_the_list_withdraws_the_stale_undo(
    pages: Pages, pony_editor: User
) -> None:
    page = pages.open(pony_editor)
    ponies = ponies_of("Stable 1")
    others = ponies_of("Stable 2")
    drag_above(page, ponies[2], ponies[0])
    undo = page.get_by_role("button", name="Undo")
    expect(undo).to_have_count(1)
    item(page, others[0]).locator('[data-orderkit="toggle"]').click()
    expect(page.locator("[aria-busy]")).to_have_count(0)
    expect(undo).to_have_count(1)
    item(page, ponies[4]).locator('[data-orderkit="toggle"]').click()
    expect(undo).to_have_count(0)
