"""Multi-select in Chromium: Ctrl-click and Shift-click on the demo's ``/`` page, a drag of
several ponies stored as one block move and undone, a keyboard selection moved with the
arrows, refusals rolled back with a message, and the admin change list's checked rows
dragged together."""

from __future__ import annotations

import json
import re
from typing import Any

from django.contrib.auth.models import Permission, User
from playwright.sync_api import Locator, Page, expect

from ponies.models import Pony
from tests.admin.helpers import history
from tests.browser.helpers import Pages, db_order, item, messages, page_order, stable_named
from tests.browser.test_admin_changelist import UPDATE, admin_messages, handle, open_stable, row
from tests.browser.test_admin_changelist import shown as admin_shown

REORDER = re.compile(r"/orderkit/ponies\.pony/reorder/$")
SELECTED = re.compile(r"\borderkit-selected\b")


def ponies_of(name: str) -> list[Pony]:
    return list(stable_named(name).ponies.order_by("position", "pk"))


def pks(ponies: list[Pony]) -> list[str]:
    return [str(pony.pk) for pony in ponies]


def grip(page: Page, pony: Pony) -> Locator:
    return item(page, pony).locator("[data-orderkit-handle]")


def selected(page: Page) -> list[str]:
    found: list[str] = page.locator("li.orderkit-selected").evaluate_all(
        "items => items.map(item => item.dataset.pk)"
    )
    return found


def test_ctrl_and_shift_clicks_select_and_a_drag_moves_them_together_then_undo(
    pages: Pages, pony_editor: User
) -> None:
    page = pages.open(pony_editor)
    stable = stable_named("Stable 1")
    ponies = ponies_of("Stable 1")
    grip(page, ponies[1]).click(modifiers=["ControlOrMeta"])
    grip(page, ponies[3]).click(modifiers=["Shift"])
    grip(page, ponies[5]).click(modifiers=["ControlOrMeta"])
    assert selected(page) == pks([ponies[1], ponies[2], ponies[3], ponies[5]])
    expect(item(page, ponies[2])).to_have_class(SELECTED)
    expect(page.locator(".orderkit-announcement")).to_have_text("Selected: 4.")
    with page.expect_response(REORDER) as answer:
        grip(page, ponies[5]).drag_to(item(page, ponies[0]), target_position={"x": 5, "y": 2})
    assert answer.value.status == 200
    block = [ponies[1], ponies[2], ponies[3], ponies[5]]
    assert answer.value.request.post_data_json == {"pks": pks(block), "before": str(ponies[0].pk)}
    moved = pks([*block, ponies[0], ponies[4], *ponies[6:]])
    expect(messages(page).last).to_contain_text("Moved 4 rows.")
    assert page_order(page, stable) == moved
    assert db_order(stable) == moved
    assert history(ponies[2]) == [f"Moved before “{ponies[0]}”."]
    page.reload()
    assert page_order(page, stable) == moved
    assert selected(page) == []


def test_the_undo_of_a_block_puts_every_row_back_between_its_former_neighbours(
    pages: Pages, pony_editor: User
) -> None:
    page = pages.open(pony_editor)
    stable = stable_named("Stable 2")
    ponies = ponies_of("Stable 2")
    for pony in (ponies[0], ponies[2], ponies[3]):
        grip(page, pony).click(modifiers=["ControlOrMeta"])
    with page.expect_response(REORDER):
        grip(page, ponies[2]).drag_to(item(page, ponies[5]), target_position={"x": 5, "y": 2})
    expect(messages(page).last).to_contain_text("Moved 3 rows.")
    assert db_order(stable) != pks(ponies)
    bodies = []
    page.on(
        "request",
        lambda request: (
            bodies.append(request.post_data_json) if REORDER.search(request.url) else None
        ),
    )
    messages(page).last.get_by_role("button", name="Undo").click()
    expect(messages(page).last).to_have_text("Moved 3 rows back.")
    assert bodies == [
        {"pks": [str(ponies[0].pk)], "before": str(ponies[1].pk)},
        {"pks": pks(ponies[2:4]), "after": str(ponies[1].pk)},
    ]
    assert page_order(page, stable) == pks(ponies)
    assert db_order(stable) == pks(ponies)
    expect(page.get_by_role("button", name="Undo")).to_have_count(0)


def test_the_keyboard_selects_picks_up_moves_and_drops_a_block(
    pages: Pages, pony_editor: User
) -> None:
    page = pages.open(pony_editor)
    stable = stable_named("Stable 3")
    ponies = ponies_of("Stable 3")
    announcement = page.locator(".orderkit-announcement")
    grip(page, ponies[2]).focus()
    page.keyboard.press("Shift+Space")
    grip(page, ponies[4]).focus()
    page.keyboard.press("Shift+Space")
    expect(announcement).to_have_text("Selected: 2.")
    assert selected(page) == pks([ponies[2], ponies[4]])
    page.keyboard.press("Space")
    expect(announcement).to_contain_text("Picked up 2 rows, position 4 of")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(announcement).to_contain_text("2 rows, position 2 of")
    with page.expect_response(REORDER) as answer:
        page.keyboard.press("Enter")
    assert answer.value.request.post_data_json == {
        "pks": pks([ponies[2], ponies[4]]),
        "after": str(ponies[0].pk),
    }
    moved = pks([ponies[0], ponies[2], ponies[4], ponies[1], ponies[3], *ponies[5:]])
    assert db_order(stable) == moved
    expect(grip(page, ponies[4])).to_be_focused()
    # Escape with the block held puts it back; with nothing held it clears the selection.
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert page_order(page, stable) == moved
    assert selected(page) == pks([ponies[2], ponies[4]])
    page.keyboard.press("Escape")
    expect(announcement).to_have_text("Selection cleared.")
    assert selected(page) == []


def test_the_keyboard_carries_a_block_into_the_next_stable(
    pages: Pages, pony_editor: User
) -> None:
    page = pages.open(pony_editor)
    south, east = stable_named("Stable 2"), stable_named("Stable 3")
    there, here = ponies_of("Stable 3"), ponies_of("Stable 2")
    announcement = page.locator(".orderkit-announcement")
    for pony in (here[1], here[3]):
        grip(page, pony).focus()
        page.keyboard.press("Shift+Space")
    page.keyboard.press("Space")
    page.keyboard.press("ArrowRight")
    # Gathered around the held pony (the 4th), the block starts 3rd: so it does in Stable 3.
    expect(announcement).to_have_text(f"2 rows, in Stable 3, position 3 of {len(there) + 2}.")
    with page.expect_response(REORDER) as answer:
        page.keyboard.press("Enter")
    assert answer.value.status == 200, answer.value.text()
    assert answer.value.request.post_data_json == {
        "pks": pks([here[1], here[3]]),
        "after": str(there[1].pk),
    }
    assert db_order(east) == pks([*there[:2], here[1], here[3], *there[2:]])
    assert db_order(south) == pks([here[0], here[2], *here[4:]])


def test_a_block_dragged_into_another_stable_is_stored_there_and_undone(
    pages: Pages, pony_editor: User
) -> None:
    """The demo's stables move ponies between them (move_between_groups): the selection
    goes into the other stable as one request, and Undo brings each pony back."""
    page = pages.open(pony_editor)
    north, south = stable_named("Stable 1"), stable_named("Stable 2")
    left, right = ponies_of("Stable 1"), ponies_of("Stable 2")
    grip(page, left[0]).click(modifiers=["ControlOrMeta"])
    grip(page, left[2]).click(modifiers=["ControlOrMeta"])
    target = item(page, right[2])
    target.scroll_into_view_if_needed()
    with page.expect_response(REORDER) as answer:
        grip(page, left[2]).drag_to(target, target_position={"x": 5, "y": 2})
    assert answer.value.status == 200, answer.value.text()
    body = answer.value.request.post_data_json
    assert body is not None
    assert body["pks"] == pks([left[0], left[2]])
    expected = pks([*right[:2], left[0], left[2], *right[2:]])
    assert page_order(page, south) == expected
    assert db_order(south) == expected
    assert db_order(north) == pks([left[1], *left[3:]])
    expect(messages(page).last).to_contain_text("Moved 2 rows.")
    with page.expect_response(REORDER) as first, page.expect_response(REORDER) as second:
        messages(page).last.get_by_role("button", name="Undo").click()
    assert first.value.status == second.value.status == 200
    expect(messages(page).last).to_contain_text("Moved 2 rows back.")
    assert page_order(page, north) == pks(left)
    assert db_order(north) == pks(left)
    assert db_order(south) == pks(right)


def test_a_refused_block_move_is_rolled_back_with_a_message(
    pages: Pages, pony_editor: User
) -> None:
    stable = stable_named("Stable 3")
    ponies = ponies_of("Stable 3")
    pages.expect_status(403)
    page = pages.open(pony_editor)
    for pony in (ponies[1], ponies[3]):
        grip(page, pony).focus()
        page.keyboard.press("Shift+Space")
    pony_editor.user_permissions.set(Permission.objects.none())
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    with page.expect_response(REORDER) as answer:
        page.keyboard.press("Space")
    assert answer.value.status == 403
    expect(messages(page).last).to_have_text("You are not allowed to do this.")
    expect(page.locator("[aria-busy]")).to_have_count(0)
    assert page_order(page, stable) == pks(ponies)
    assert db_order(stable) == pks(ponies)


def test_the_checked_rows_of_the_change_list_move_together(pages: Pages, seeded: None) -> None:
    stable, ponies, page = open_stable(pages, "Stable 1")
    for pony in (ponies[2], ponies[4]):
        page.locator(f"{row(pony)} input.action-select").check()
    expect(page.locator("#result_list tbody tr.selected")).to_have_count(2)
    with page.expect_response(UPDATE) as answer:
        handle(page, ponies[4]).drag_to(handle(page, ponies[1]), target_position={"x": 5, "y": 2})
    assert answer.value.status == 200
    assert json.loads(answer.value.request.post_data or "") == {
        "pks": pks([ponies[2], ponies[4]]),
        "after": str(ponies[0].pk),
    }
    expect(admin_messages(page).last).to_contain_text("Moved 2 rows.")
    expected = pks([ponies[0], ponies[2], ponies[4], ponies[1], ponies[3]])
    assert admin_shown(page)[:5] == expected
    assert db_order(stable)[:5] == expected
    assert history(ponies[4]) == [f"Moved after “{ponies[0]}”."]
    # By keyboard: the checked rows go down one place together.
    handle(page, ponies[2]).focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    with page.expect_response(UPDATE) as answer:
        page.keyboard.press("Space")
    assert json.loads(answer.value.request.post_data or "") == {
        "pks": pks([ponies[2], ponies[4]]),
        "after": str(ponies[1].pk),
    }
    expected = pks([ponies[0], ponies[1], ponies[2], ponies[4], ponies[3]])
    assert db_order(stable)[:5] == expected


def selection_style(page: Page, pony: Pony) -> dict[str, str]:
    style: dict[str, str] = item(page, pony).evaluate(
        "node => { const s = getComputedStyle(node); return"
        " {background: s.backgroundColor, outline: s.outlineStyle, color: s.outlineColor}; }"
    )
    return style


def test_a_selected_item_is_marked_in_light_dark_and_forced_colours(
    pages: Pages, pony_editor: User
) -> None:
    pony = ponies_of("Stable 1")[0]
    seen = {}
    contexts: dict[str, dict[str, Any]] = {
        "light": {"color_scheme": "light"},
        "dark": {"color_scheme": "dark"},
        "forced": {"forced_colors": "active"},
    }
    for name, options in contexts.items():
        page = pages.open(pony_editor, **options)
        plain = selection_style(page, pony)
        grip(page, pony).click(modifiers=["ControlOrMeta"])
        expect(item(page, pony)).to_have_class(SELECTED)
        seen[name] = selection_style(page, pony)
        assert seen[name] != plain
        page.context.close()
    assert seen["light"] == {
        "background": "rgb(221, 244, 255)",
        "outline": "solid",
        "color": "rgb(9, 105, 218)",
    }
    assert seen["dark"] == {
        "background": "rgb(12, 45, 107)",
        "outline": "solid",
        "color": "rgb(88, 166, 255)",
    }
    assert seen["forced"]["outline"] == "double"
