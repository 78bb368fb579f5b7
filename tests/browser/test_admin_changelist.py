"""The change list in Chromium, sorted by orderkit's own client: mouse, keyboard and touch
drags, refusals rolled back with a message in the admin's message list, grouped lists, the
line that says why sorting is off, and a phone's width."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from playwright.sync_api import Locator, Page, Response, expect

from ponies.models import Pony, Stable
from tests.admin.helpers import history, refuse_to_change
from tests.browser.helpers import Pages, db_order, stable_named

UPDATE = re.compile(r"/admin/ponies/pony/adminsortable2_update/$")
PHONE = {"width": 390, "height": 844}


def admin_user() -> User:
    return User.objects.get(username="admin")


def changelist(pages: Pages, stable: Stable | None, query: str = "", **options: Any) -> Page:
    filtered = f"stable__id__exact={stable.pk}&" if stable else ""
    page = pages.open(admin_user(), path=f"/admin/ponies/pony/?{filtered}{query}", **options)
    page.wait_for_load_state("load")
    expect(page.locator('#result_list tbody[data-orderkit="sortable"]')).to_have_count(
        0 if "o=" in query else 1
    )
    return page


def ponies_of(stable: Stable) -> list[Pony]:
    return list(stable.ponies.order_by("position", "pk"))


def open_stable(
    pages: Pages, name: str, query: str = "", **options: Any
) -> tuple[Stable, list[Pony], Page]:
    """The stable called ``name``, its ponies in order, and its change list."""
    stable = stable_named(name)
    return stable, ponies_of(stable), changelist(pages, stable, query, **options)


def row(pony: Pony) -> str:
    return f'#result_list tbody tr[data-pk="{pony.pk}"]'


def handle(page: Page, pony: Pony) -> Locator:
    return page.locator(f"{row(pony)} [data-orderkit-handle]")


def shown(page: Page) -> list[str]:
    pks: list[str] = page.locator("#result_list tbody tr").evaluate_all(
        "rows => rows.map(row => row.querySelector('input.action-select').value)"
    )
    return pks


def admin_messages(page: Page) -> Locator:
    return page.locator("ul.messagelist > li:not(.orderkit-announcement)")


def test_a_drag_sends_the_moved_row_and_its_new_neighbour_and_says_it_is_saved(
    pages: Pages, seeded: None
) -> None:
    stable, ponies, page = open_stable(pages, "Stable 1")
    with page.expect_request(UPDATE) as sent:
        handle(page, ponies[3]).drag_to(handle(page, ponies[1]), target_position={"x": 5, "y": 2})
    assert json.loads(sent.value.post_data or "") == {
        "pk": str(ponies[3].pk),
        "after": str(ponies[0].pk),
    }
    expect(admin_messages(page).last).to_contain_text(f"Moved “{ponies[3]}”.")
    expect(admin_messages(page).last.get_by_role("button", name="Undo")).to_be_visible()
    expect(admin_messages(page).last).to_have_class(re.compile(r"\bsuccess\b"))
    expected = [str(p.pk) for p in [ponies[0], ponies[3], ponies[1], ponies[2], ponies[4]]]
    assert shown(page) == expected
    assert db_order(stable)[:5] == expected
    assert history(ponies[3]) == [f"Moved after “{ponies[0]}”."]
    assert history(ponies[0]) == history(ponies[1]) == []


def test_the_keyboard_picks_moves_and_drops_a_row(pages: Pages, seeded: None) -> None:
    stable, ponies, page = open_stable(pages, "Stable 1")
    handle(page, ponies[4]).focus()
    page.keyboard.press("Space")
    announcement = page.locator("ul.messagelist .orderkit-announcement")
    expect(announcement).to_contain_text(f"Picked up {ponies[4]}, position 5 of 5.")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(announcement).to_have_text(f"{ponies[4]}, position 3 of 5.")
    with page.expect_response(UPDATE) as answer:
        page.keyboard.press("Space")
    assert answer.value.status == 200
    assert json.loads(answer.value.request.post_data or "") == {
        "pk": str(ponies[4].pk),
        "after": str(ponies[1].pk),
    }
    expected = [str(p.pk) for p in [ponies[0], ponies[1], ponies[4], ponies[2], ponies[3]]]
    assert db_order(stable)[:5] == expected
    expect(handle(page, ponies[4])).to_be_focused()
    # Escape puts a picked row back, and sends nothing.
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    assert shown(page) == expected


def keyboard_move(page: Page, pony: Pony, key: str) -> Response:
    """Pick ``pony``'s row up by keyboard, press ``key`` once and drop it: the answer."""
    handle(page, pony).focus()
    page.keyboard.press("Space")
    page.keyboard.press(key)
    with page.expect_response(UPDATE) as answer:
        page.keyboard.press("Space")
    return answer.value


def touch_drag(page: Page, source: Pony, target: Pony, below: bool) -> None:
    """Drag ``source``'s handle onto ``target``'s row with emulated touch events."""
    start = page.locator(f"{row(source)} [data-orderkit-handle]").bounding_box()
    end = page.locator(row(target)).bounding_box()
    assert start is not None
    assert end is not None
    x, y = start["x"] + start["width"] / 2, start["y"] + start["height"] / 2
    goal = end["y"] + end["height"] * (0.8 if below else 0.2)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    steps = 12
    for step in range(1, steps + 1):
        point = {"x": x, "y": y + (goal - y) * step / steps}
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [point]})
        page.wait_for_timeout(30)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


@pytest.mark.parametrize(("moved", "onto"), [(0, 3), (2, 0), (4, 1)])
def test_a_touch_drag_stores_the_order_shown(
    pages: Pages, seeded: None, moved: int, onto: int
) -> None:
    stable, ponies, page = open_stable(
        pages, "Stable 2", viewport=PHONE, has_touch=True, is_mobile=True
    )
    with page.expect_response(UPDATE) as answer:
        touch_drag(page, ponies[moved], ponies[onto], below=moved < onto)
    assert answer.value.status == 200
    expect(admin_messages(page).last).to_have_class(re.compile(r"\bsuccess\b"))
    order = ponies[:5]
    order.insert(onto, order.pop(moved))
    expected = [str(p.pk) for p in order]
    assert shown(page) == expected
    assert db_order(stable)[:5] == expected
    assert page.locator(".sortable-fallback").count() == 0


def refusing(
    monkeypatch: pytest.MonkeyPatch, name: str, refused: int
) -> tuple[Stable, list[Pony]]:
    """The stable called ``name`` and its ponies, of which the admin may not change the one
    at index ``refused``."""
    stable = stable_named(name)
    ponies = ponies_of(stable)
    refuse_to_change(monkeypatch, ponies[refused])
    return stable, ponies


def test_a_refused_drag_is_rolled_back_with_a_message(
    pages: Pages, seeded: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    stable, ponies = refusing(monkeypatch, "Stable 1", 0)
    pages.expect_status(403)
    page = changelist(pages, stable)
    # The row that the admin may not change has no handle, and is not to be moved next to.
    expect(handle(page, ponies[0])).to_have_count(0)
    before = shown(page)
    with page.expect_response(UPDATE) as answer:
        handle(page, ponies[2]).drag_to(
            page.locator(row(ponies[0])), target_position={"x": 5, "y": 2}
        )
    assert answer.value.status == 403
    expect(admin_messages(page).last).to_have_class(re.compile(r"\berror\b"))
    expect(admin_messages(page).last).to_contain_text("not allowed")
    assert shown(page) == before
    assert db_order(stable)[:5] == before


def test_a_grouped_list_sorts_within_each_group_and_refuses_a_drop_outside(
    pages: Pages, seeded: None
) -> None:
    first = stable_named("Stable 1")
    ours = ponies_of(first)
    # Tall enough for every row: a drag that scrolls the page is not what this is about.
    page = changelist(pages, None, "all=", viewport={"width": 1280, "height": 2400})
    expect(page.locator(".orderkit-sorting-off")).to_have_count(0)
    with page.expect_response(UPDATE) as answer:
        handle(page, ours[-1]).drag_to(handle(page, ours[-3]), target_position={"x": 5, "y": 2})
    assert answer.value.status == 200
    assert db_order(first)[-3] == str(ours[-1].pk)
    sent: list[str] = []
    page.on(
        "request", lambda request: sent.append(request.url) if UPDATE.search(request.url) else None
    )
    before = shown(page)
    # The last pony of Stable 1 taken one row down, among Stable 2's.
    handle(page, ours[-2]).focus()
    for key in ("Space", "ArrowDown", "Space"):
        page.keyboard.press(key)
    expect(admin_messages(page).last).to_have_text(
        f"{ours[-2]} can only move among the rows of its group."
    )
    expect(admin_messages(page).last).to_have_class(re.compile(r"\berror\b"))
    assert shown(page) == before
    assert sent == []


def test_a_list_sorted_by_a_column_says_why_it_cannot_be_sorted(
    pages: Pages, seeded: None
) -> None:
    stable = stable_named("Stable 1")
    page = changelist(pages, stable, "o=1")
    line = page.locator("p.orderkit-sorting-off")
    expect(line).to_be_visible()
    expect(line).to_contain_text(
        "Sorting by dragging is off while the list is sorted by a column."
    )
    mark = page.locator("#result_list tbody .orderkit-handle--off").first
    expect(mark).to_have_attribute(
        "title", re.compile("sorted by a column. Remove the column sorting")
    )
    line.get_by_role("link", name="Remove the column sorting to turn it on.").click()
    expect(page.locator('#result_list tbody[data-orderkit="sortable"]')).to_have_count(1)
    expect(page.locator("p.orderkit-sorting-off")).to_have_count(0)


def test_clicking_a_handle_does_not_select_its_row(pages: Pages, seeded: None) -> None:
    stable = stable_named("Stable 1")
    pony = ponies_of(stable)[1]
    page = changelist(pages, stable)
    handle(page, pony).click()
    expect(page.locator(row(pony))).not_to_have_class(re.compile("selected"))
    expect(page.locator(f"{row(pony)} input.action-select")).not_to_be_checked()


def test_a_refused_page_action_says_so(
    pages: Pages, seeded: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    stable, ponies = refusing(monkeypatch, "Stable 2", 6)
    page = changelist(pages, stable, "p=2")
    page.locator(f"{row(ponies[6])} input.action-select").check()
    page.locator("select[name=action]").select_option("move_to_first_page")
    page.locator("#changelist-form button[name=index]").click()
    expect(admin_messages(page)).to_have_text([f"You are not allowed to move “{ponies[6]}”."])
    expect(admin_messages(page).first).to_have_class(re.compile(r"\berror\b"))


def test_a_page_move_links_to_the_page_where_the_rows_went(pages: Pages, seeded: None) -> None:
    _stable, ponies, page = open_stable(pages, "Stable 2", "p=2")
    page.locator(f"{row(ponies[7])} input.action-select").check()
    page.locator("select[name=action]").select_option("move_to_exact_page")
    expect(page.locator("#changelist-form-step")).to_be_hidden()
    page.locator("#changelist-form-page").fill("1")
    page.locator("#changelist-form button[name=index]").click()
    message = admin_messages(page).first
    expect(message).to_contain_text("1 row is moved to page 1.")
    message.get_by_role("link", name="Show page 1").click()
    expect(page.locator(row(ponies[7]))).to_have_count(1)
    assert shown(page)[0] == str(ponies[7].pk)


def test_messages_are_reachable_on_a_phone(pages: Pages, seeded: None) -> None:
    _stable, ponies, page = open_stable(pages, "Stable 3", viewport=PHONE)
    keyboard_move(page, ponies[4], "ArrowUp")
    message = admin_messages(page).last
    expect(message).to_be_visible()
    message.scroll_into_view_if_needed()
    box = message.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
    # Nothing covers it: the point at its middle is the message itself.
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('ul.messagelist > li') !== null",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert hit
    assert page.locator("ul.messagelist").get_attribute("aria-live") == "polite"


def test_a_drag_after_the_session_ended_is_rolled_back_with_a_message(
    pages: Pages, seeded: None
) -> None:
    stable, ponies, page = open_stable(pages, "Stable 3")
    before = shown(page)
    # Logged out in another tab: the session is gone, the CSRF cookie stays.
    page.context.clear_cookies(name=settings.SESSION_COOKIE_NAME)
    pages.expect_status(403)
    assert keyboard_move(page, ponies[2], "ArrowDown").status == 403
    expect(admin_messages(page).last).to_have_text("Log in to do this.")
    expect(admin_messages(page).last).to_have_class(re.compile(r"\berror\b"))
    assert shown(page) == before
    assert db_order(stable)[:5] == before
