"""The demo's stables as a board in Chromium: a pony dragged into another stable, moved there
with the keyboard, a refused move put back with a message, and the board at 390 px and in
dark mode."""

from __future__ import annotations

import re

from django.contrib.auth.models import Permission, User
from playwright.sync_api import expect

from ponies.models import Pony
from tests.browser.helpers import Pages, db_order, item, messages, page_order, stable_named

REORDER = re.compile(r"/orderkit/ponies\.pony/reorder/$")


def ponies_of(name: str) -> list[Pony]:
    return list(stable_named(name).ponies.order_by("position", "pk"))


def pks(ponies: list[Pony]) -> list[str]:
    return [str(pony.pk) for pony in ponies]


def test_a_pony_dragged_into_another_stable_is_stored_there(
    pages: Pages, pony_editor: User
) -> None:
    page = pages.open(pony_editor)
    north, south = stable_named("Stable 1"), stable_named("Stable 2")
    left, right = ponies_of("Stable 1"), ponies_of("Stable 2")
    target = item(page, right[2])
    target.scroll_into_view_if_needed()
    with page.expect_response(REORDER) as answer:
        item(page, left[1]).locator("[data-orderkit-handle]").drag_to(
            target, target_position={"x": 5, "y": 2}
        )
    assert answer.value.status == 200
    expected = pks([*right[:2], left[1], *right[2:]])
    assert page_order(page, south) == expected
    assert db_order(south) == expected
    assert db_order(north) == pks([left[0], *left[2:]])
    positions = list(south.ponies.order_by("position").values_list("position", flat=True))
    assert positions == list(range(len(expected)))
    expect(page.locator(".orderkit-announcement")).to_contain_text(
        f"{left[1].name} moved to Stable 2, position 3 of {len(expected)}."
    )
    page.reload()
    assert page_order(page, south) == expected


def test_the_arrows_move_a_picked_pony_to_the_next_stable_announced(
    pages: Pages, pony_editor: User
) -> None:
    page = pages.open(pony_editor)
    south, east = stable_named("Stable 2"), stable_named("Stable 3")
    moved, there = ponies_of("Stable 2")[1], ponies_of("Stable 3")
    announcement = page.locator("[data-orderkit-messages] .orderkit-announcement")
    handle = item(page, moved).locator("[data-orderkit-handle]")
    handle.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    expect(announcement).to_have_text(
        f"{moved.name}, in Stable 3, position 2 of {len(there) + 1}."
    )
    page.keyboard.press("ArrowLeft")
    expect(announcement).to_contain_text("in Stable 2, position 2 of")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowUp")
    with page.expect_response(REORDER) as answer:
        page.keyboard.press("Enter")
    assert answer.value.request.post_data_json == {"pk": str(moved.pk), "before": str(there[0].pk)}
    expect(announcement).to_have_text(
        f"{moved.name} dropped in Stable 3 at position 1 of {len(there) + 1}."
    )
    expected = pks([moved, *there])
    assert page_order(page, east) == expected
    assert db_order(east) == expected
    assert str(moved.pk) not in db_order(south)
    assert page.evaluate("document.activeElement.closest('li').dataset.pk") == str(moved.pk)


def test_a_refused_move_into_another_stable_is_rolled_back_with_a_message(
    pages: Pages, pony_editor: User
) -> None:
    north, south = stable_named("Stable 1"), stable_named("Stable 2")
    left, right = ponies_of("Stable 1"), ponies_of("Stable 2")
    pages.expect_status(403)
    page = pages.open(pony_editor)
    pony_editor.user_permissions.set(Permission.objects.none())
    with page.expect_response(REORDER):
        item(page, left[0]).locator("[data-orderkit-handle]").drag_to(
            item(page, right[0]), target_position={"x": 5, "y": 2}
        )
    expect(messages(page).last).to_have_text("You are not allowed to do this.")
    assert (page_order(page, north), page_order(page, south)) == (pks(left), pks(right))
    assert (db_order(north), db_order(south)) == (pks(left), pks(right))


def test_at_390_px_the_stables_stack_and_the_page_does_not_scroll_sideways(
    pages: Pages, pony_editor: User
) -> None:
    page = pages.open(pony_editor, viewport={"width": 390, "height": 844}, color_scheme="dark")
    boxes = [box for box in (s.bounding_box() for s in page.locator(".stable").all()) if box]
    assert len(boxes) > 1
    assert len({round(box["x"]) for box in boxes}) == 1
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= 390 for box in boxes)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    card = page.locator(".stable").first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert card == "rgb(21, 27, 35)"


def test_on_a_wide_screen_the_stables_stand_side_by_side(pages: Pages, pony_editor: User) -> None:
    page = pages.open(pony_editor, viewport={"width": 1400, "height": 900})
    boxes = [box for box in (s.bounding_box() for s in page.locator(".stable").all()) if box]
    assert len({round(box["y"]) for box in boxes}) == 1
    assert len({round(box["x"]) for box in boxes}) == len(boxes)
