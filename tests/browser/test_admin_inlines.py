"""Which element drags an inline's row, as docs/admin.md says: the thin title strip above a
tabular row (the row's name and its "Change" link), the title bar of a stacked one; never
the row's fields."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Locator, Page, expect

from orderkit.admin import OrderkitStackedInline
from ponies.admin import StableAdmin
from ponies.models import Pony, Stable
from tests.browser.helpers import Pages, db_order, stable_named

#: Each kind of inline: its saved rows, and the element of a row that drags it.
ROWS = {
    "tabular": "#ponies-group tr.has_original",
    "stacked": "#ponies-group .inline-related.has_original",
}
HANDLES = {"tabular": "td.original p", "stacked": "h3"}


class StackedPonyInline(OrderkitStackedInline):
    model = Pony
    fields = ["name", "is_active"]
    extra = 0
    show_change_link = True


@pytest.fixture(params=["tabular", "stacked"])
def kind(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The demo's stable page, with its tabular inline or a stacked one in its place."""
    if request.param == "stacked":
        monkeypatch.setattr(StableAdmin, "inlines", [StackedPonyInline])
    return str(request.param)


def stable_page(pages: Pages, stable: Stable) -> Page:
    page = pages.open(
        User.objects.get(username="admin"), path=f"/admin/ponies/stable/{stable.pk}/change/"
    )
    # adminsortable2 binds the inline once the page has loaded; the page is tall enough to
    # show every row, so that the mouse stays on the page.
    page.wait_for_load_state("load")
    page.set_viewport_size({"width": 1280, "height": 2400})
    return page


def drag_up(page: Page, source: Locator, target: Locator) -> None:
    """Press the mouse on ``source``, move it in steps to the top of ``target``, release.

    SortableJS ignores a move over a row that is still sliding from the previous swap, so
    on a busy machine the last step can be lost; the mouse then stays over the target,
    moving by a pixel, until the source row has passed it (or a few tries have shown that
    it will not, as when a field is pressed instead of the row's handle)."""
    start, end = source.bounding_box(), target.bounding_box()
    assert start is not None
    assert end is not None
    moved, anchor = source.element_handle(), target.element_handle()
    page.mouse.move(start["x"] + 5, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(start["x"] + 5, end["y"] + 2, steps=20)
    for attempt in range(10):
        if page.evaluate(
            "([moved, anchor]) => Boolean("
            "anchor.compareDocumentPosition(moved) & Node.DOCUMENT_POSITION_PRECEDING)",
            [moved, anchor],
        ):
            break
        page.wait_for_timeout(100)
        page.mouse.move(start["x"] + 5, end["y"] + 2 + attempt % 2)
    page.mouse.up()


def shown_order(page: Page, kind: str) -> list[str]:
    pks: list[str] = page.locator(f"{ROWS[kind]} input[name$='-id']").evaluate_all(
        "inputs => inputs.map(input => input.value)"
    )
    return pks


def test_the_title_drags_the_row(pages: Pages, seeded: None, kind: str) -> None:
    stable = stable_named("Stable 2")
    before = db_order(stable)
    page = stable_page(pages, stable)
    handles = page.locator(f"{ROWS[kind]} {HANDLES[kind]}")
    expect(handles.nth(4)).to_contain_text(Pony.objects.get(pk=before[4]).name)
    assert handles.nth(4).evaluate("handle => getComputedStyle(handle).cursor") == "grab"
    drag_up(page, handles.nth(4), handles.nth(0))
    expected = [before[4], *before[:4], *before[5:]]
    assert shown_order(page, kind) == expected
    page.locator("input[name=_save]").click()
    expect(page.locator("ul.messagelist")).to_contain_text("was changed successfully")
    assert db_order(stable) == expected


@pytest.mark.parametrize("field", ["name", "is_active"])
def test_the_fields_do_not_drag_the_row(pages: Pages, seeded: None, kind: str, field: str) -> None:
    stable = stable_named("Stable 2")
    page = stable_page(pages, stable)
    cells = page.locator(f"{ROWS[kind]} .field-{field}")
    drag_up(page, cells.nth(4), cells.nth(0))
    assert shown_order(page, kind) == db_order(stable)


def test_a_page_shown_again_after_an_error_saves_what_it_shows(
    pages: Pages, seeded: None, kind: str
) -> None:
    stable = stable_named("Stable 2")
    before = db_order(stable)
    page = stable_page(pages, stable)
    handles = page.locator(f"{ROWS[kind]} {HANDLES[kind]}")
    drag_up(page, handles.nth(4), handles.nth(0))
    expected = [before[4], *before[:4], *before[5:]]
    page.locator("input[name=name]").fill("")
    page.locator("input[name=_save]").click()
    expect(page.locator(".errornote")).to_be_visible()
    assert shown_order(page, kind) == expected
    assert db_order(stable) == before
    page.locator("input[name=name]").fill("Stable 2")
    page.locator("input[name=_save]").click()
    expect(page.locator("ul.messagelist")).to_contain_text("was changed successfully")
    assert db_order(stable) == expected


def test_a_sort_that_the_kit_refuses_at_save_time_is_an_inline_error(
    pages: Pages, seeded: None, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ponies.kits import PonyKit

    stable = stable_named("Stable 2")
    before = db_order(stable)
    page = stable_page(pages, stable)
    handles = page.locator(f"{ROWS[kind]} {HANDLES[kind]}")
    drag_up(page, handles.nth(4), handles.nth(0))
    # The kit stops letting this user reorder between the page's load and its save.
    monkeypatch.setattr(PonyKit, "has_permission", lambda self, request, action, obj=None: False)
    page.locator("input[name=_save]").click()
    expect(page.locator("#ponies-group .errorlist")).to_contain_text(
        "You are not allowed to do this."
    )
    expect(page.locator("ul.messagelist")).to_have_count(0)
    assert db_order(stable) == before


def test_a_row_is_sorted_with_the_keyboard_and_the_move_buttons(
    pages: Pages, seeded: None, kind: str
) -> None:
    stable = stable_named("Stable 2")
    before = db_order(stable)
    ponies = {str(pony.pk): pony for pony in Pony.objects.filter(stable=stable)}
    page = stable_page(pages, stable)
    third = ponies[before[2]].name
    handle = page.get_by_role("button", name=f"Move {third}", exact=True)
    expect(handle).to_have_count(1)
    handle.focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Space")
    expect(page.locator(".orderkit-announcement")).to_have_text(
        f"{third} dropped at position 1 of 10."
    )
    expect(handle).to_be_focused()
    expected = [before[2], *before[:2], *before[3:]]
    assert shown_order(page, kind) == expected
    first = ponies[before[0]].name
    bottom = page.get_by_role("button", name=f"Move {first} to the bottom", exact=True)
    bottom.click()
    expect(bottom).to_be_focused()
    expected = [before[2], before[1], *before[3:], before[0]]
    assert shown_order(page, kind) == expected
    keys = page.locator(f"{ROWS[kind]} input._reorder_").evaluate_all(
        "inputs => inputs.map(input => input.value)"
    )
    assert keys == [str(n) for n in range(1, 11)]
    page.locator("input[name=_save]").click()
    expect(page.locator("ul.messagelist")).to_contain_text("was changed successfully")
    assert db_order(stable) == expected


def test_the_inlines_buttons_speak_the_pages_language(pages: Pages, seeded: None) -> None:
    stable = stable_named("Stable 1")
    page = pages.open(
        User.objects.get(username="admin"),
        path=f"/admin/ponies/stable/{stable.pk}/change/",
        locale="de",
    )
    first = stable.ponies.order_by("position").first()
    assert first is not None
    expect(
        page.get_by_role("button", name=f"{first.name} verschieben", exact=True)
    ).to_be_visible()
    expect(
        page.get_by_role("button", name=f"{first.name} nach ganz unten verschieben", exact=True)
    ).to_be_visible()
