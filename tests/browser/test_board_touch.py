"""A touch drag on the demo's board in Chromium, as a tablet sends it (the stables side by
side): a pony dragged by its handle from one stable into another, stored there."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.models import User
from playwright.sync_api import Locator, Page

from tests.browser.helpers import Pages, db_order, item, page_order, stable_named
from tests.browser.test_board import pks, ponies_of

REORDER = re.compile(r"/orderkit/ponies\.pony/reorder/$")
TABLET: dict[str, Any] = {
    "viewport": {"width": 820, "height": 1180},
    "has_touch": True,
    "is_mobile": True,
}


def centre(locator: Locator) -> tuple[float, float]:
    box = locator.bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def touch_drag(page: Page, handle: Locator, target: Locator) -> None:
    """Touch ``handle``, slide the finger onto the upper part of ``target`` in small steps,
    and lift it; the touch events go through Chromium's input pipeline (DevTools
    protocol), as a touchscreen's would."""
    session = page.context.new_cdp_session(page)

    def touch(kind: str, x: float = 0, y: float = 0) -> None:
        points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
        session.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    x, y = centre(handle)
    touch("touchStart", x, y)
    box = target.bounding_box()
    assert box is not None
    to_x, to_y = box["x"] + box["width"] / 2, box["y"] + 3
    steps = 20
    for step in range(1, steps + 1):
        touch("touchMove", x + (to_x - x) * step / steps, y + (to_y - y) * step / steps)
        page.wait_for_timeout(16)
    # Stay over the target until the list has made room there (SortableJS ignores moves
    # over a row that is still sliding).
    for _ in range(10):
        if target.evaluate(
            "(el) => el.previousElementSibling?.classList.contains('orderkit-ghost')"
        ):
            break
        touch("touchMove", to_x, to_y + 1)
        page.wait_for_timeout(50)
    touch("touchEnd")


def test_a_pony_dragged_by_touch_into_another_stable_is_stored_there(
    pages: Pages, pony_editor: User
) -> None:
    page = pages.open(pony_editor, **TABLET)
    north, south = stable_named("Stable 1"), stable_named("Stable 2")
    left, right = ponies_of("Stable 1"), ponies_of("Stable 2")
    handle = item(page, left[1]).locator("[data-orderkit-handle]")
    target = item(page, right[1])
    target.scroll_into_view_if_needed()
    handle.scroll_into_view_if_needed()
    with page.expect_response(REORDER) as answer:
        touch_drag(page, handle, target)
    assert answer.value.status == 200, answer.value.text()
    assert answer.value.request.post_data_json == {
        "pk": str(left[1].pk),
        "after": str(right[0].pk),
    }
    expected = pks([right[0], left[1], *right[1:]])
    assert page_order(page, south) == expected
    assert db_order(south) == expected
    assert db_order(north) == pks([left[0], *left[2:]])
    assert pages.problems == []
