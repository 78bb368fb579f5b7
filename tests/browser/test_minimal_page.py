"""docs/client.md's minimal page ("a page in eight tags") with orderkit.css alone, light and
dark, left to right and right to left, wide and 390 px wide: the geometry and the colours that
Chromium computed. Each switch is centred on its text's line, its knob inside its track and
clear of its label; no chip, select or button overlaps another or the text; the select and
its button stand apart; every chip's text contrasts at least 4.5:1 with the chip."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

from ponies.models import Pony, Stable
from tests.browser.geometry import (
    Box,
    box,
    colours,
    contrast,
    luminance,
    pseudo_boxes,
    text_box,
)
from tests.browser.helpers import Pages, messages, stable_named

WIDE = {"width": 1024, "height": 768}
PHONE = {"width": 390, "height": 844}
#: How far (px) a switch's centre may sit from the centre of its line's text.
CENTRED = 1.0
#: The room (px) at least between the attach select and its button.
APART = 2.0
#: WCAG's AA ratio for text.
READABLE = 4.5

MODES: dict[str, dict[str, Any]] = {
    "light": {"viewport": WIDE, "color_scheme": "light"},
    "dark": {"viewport": WIDE, "color_scheme": "dark"},
    "rtl": {"viewport": WIDE, "color_scheme": "light", "rtl": True},
    "phone": {"viewport": PHONE, "color_scheme": "light"},
    "phone-dark-rtl": {"viewport": PHONE, "color_scheme": "dark", "rtl": True},
}


def minimal_page(pages: Pages, user: User, stable: Stable, **options: Any) -> Page:
    rtl = options.pop("rtl", False)
    page = pages.open(user, path=reverse("minimal-page", args=[stable.pk]), **options)
    if rtl:
        page.evaluate("document.documentElement.dir = 'rtl'")
    return page


def items(page: Page) -> list[Locator]:
    return page.locator('[data-orderkit="sortable"] > [data-orderkit-item]').all()


def assert_switches_drawn(page: Page, *, rtl: bool) -> None:
    """Each switch: its track and knob centred on the line of the item's name, the knob
    inside the track at the end its state says (mirrored right to left), the label beside the
    track on its inline-end side, never under the knob."""
    rows = items(page)
    drawn = pseudo_boxes(page.locator(".orderkit-toggle"))
    assert len(drawn) == len(rows) == 10
    for row, parts in zip(rows, drawn, strict=True):
        name, track, knob = text_box(row), parts["before"], parts["after"]
        toggle = row.locator(".orderkit-toggle")
        label = text_box(toggle)
        assert abs(track.middle - name.middle) <= CENTRED, (
            row.get_attribute("data-orderkit-label"),
            track,
            name,
        )
        assert abs(knob.middle - name.middle) <= CENTRED
        assert track.contains(knob)
        assert abs(label.middle - name.middle) <= CENTRED
        assert not label.overlaps(track)
        assert label.left >= track.right if not rtl else label.right <= track.left
        pressed = toggle.get_attribute("aria-pressed") == "true"
        room_left, room_right = knob.left - track.left, track.right - knob.right
        at_right = pressed != rtl
        assert room_right < room_left if at_right else room_left < room_right, (pressed, rtl)


def boxes_of(row: Locator) -> dict[str, Box]:
    """What the row shows, each by name: its handle, the name, the switch, every chip, the
    attach select and button."""
    shown = {
        "handle": box(row.locator("[data-orderkit-handle]")),
        "name": text_box(row),
        "switch": box(row.locator(".orderkit-toggle")),
        "select": box(row.locator(".orderkit-attach select")),
        "add": box(row.locator(".orderkit-attach button")),
    }
    for number, chip in enumerate(row.locator(".orderkit-chip").all()):
        shown[f"chip {number}"] = box(chip)
    return shown


def assert_nothing_overlaps(page: Page, width: int) -> None:
    """No two things of the page overlap, in a row or across rows; the attach select and
    button stand side by side, apart; everything fits the width, with no sideways scroll."""
    every: list[tuple[str, Box]] = []
    for number, row in enumerate(items(page)):
        shown = boxes_of(row)
        select, add = shown["select"], shown["add"]
        assert select.top < add.bottom, "not side by side"
        assert add.top < select.bottom, "not side by side"
        assert select.gap(add) >= APART, (select, add)
        row_box = box(row)
        for name, found in shown.items():
            assert row_box.contains(found), (number, name, found, row_box)
            assert found.left >= 0
            assert found.right <= width
        every += [(f"row {number} {name}", found) for name, found in shown.items()]
    for (name, one), (other_name, other) in itertools.combinations(every, 2):
        assert not one.overlaps(other), f"{name} {one} overlaps {other_name} {other}"
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def assert_chips_readable(page: Page, *, dark: bool) -> None:
    """Every chip's text, and the attach controls' text, against their own background: at
    least 4.5:1; a dark chip on a dark page."""
    controls = page.locator(".orderkit-chip, .orderkit-attach select, .orderkit-attach button")
    assert controls.count() > 20
    for control in controls.all():
        text, background = colours(control)
        assert contrast(text, background) >= READABLE, (control, text, background)
    text, background = colours(page.locator(".orderkit-chip").first)
    assert (luminance(background) < luminance(text)) is dark


@pytest.mark.parametrize("mode", MODES)
def test_the_minimal_page_is_laid_out(pages: Pages, pony_editor: User, mode: str) -> None:
    options = dict(MODES[mode])
    page = minimal_page(pages, pony_editor, stable_named("Stable 1"), **options)
    rtl = bool(options.get("rtl"))
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == (
        "rtl" if rtl else "ltr"
    )
    assert_switches_drawn(page, rtl=rtl)
    assert_nothing_overlaps(page, options["viewport"]["width"])
    assert_chips_readable(page, dark=options["color_scheme"] == "dark")


def test_a_flipped_switch_moves_its_knob_across(pages: Pages, pony_editor: User) -> None:
    stable = stable_named("Stable 1")
    pony = stable.ponies.order_by("position").first()
    assert pony is not None
    for rtl in (False, True):
        page = minimal_page(pages, pony_editor, stable, viewport=WIDE, rtl=rtl)
        toggle = page.locator(".orderkit-toggle").first
        before = pseudo_boxes(toggle)[0]["after"]
        toggle.click()
        expect(toggle).to_have_attribute("aria-pressed", "false" if pony.is_active else "true")
        expect(toggle).not_to_have_attribute("aria-busy", "true")
        page.wait_for_timeout(300)  # the knob's 0.15 s transition
        after = pseudo_boxes(toggle)[0]["after"]
        went_right = after.left > before.left
        assert went_right == (pony.is_active == rtl), (rtl, before, after)
        pony.refresh_from_db()
        page.close()


def message_sides(message: Locator) -> tuple[str, str]:
    widths: list[str] = message.evaluate(
        "m => [getComputedStyle(m).borderLeftWidth, getComputedStyle(m).borderRightWidth]"
    )
    return widths[0], widths[1]


@pytest.mark.parametrize("rtl", [False, True])
def test_a_message_has_its_accent_on_the_inline_start_side(
    pages: Pages, pony_editor: User, rtl: bool
) -> None:
    pony = Pony.objects.filter(tags__isnull=False).order_by("pk").first()
    assert pony is not None
    page = minimal_page(pages, pony_editor, pony.stable, viewport=WIDE, rtl=rtl)
    page.locator(f'[data-pk="{pony.pk}"] .orderkit-chip [data-orderkit="detach"]').first.click()
    message = messages(page).last
    expect(message.get_by_role("button", name="Undo")).to_be_visible()
    left, right = message_sides(message)
    assert (left, right) == (("0px", "4px") if rtl else ("4px", "0px"))
    undo, text = box(message.get_by_role("button")), text_box(message)
    assert undo.gap(text) > 0
    assert (undo.right <= text.left) if rtl else (text.right <= undo.left)


@pytest.mark.parametrize("theme", ["prefers-color-scheme", "data-theme"])
def test_the_admins_chips_follow_its_theme(pages: Pages, seeded: None, theme: str) -> None:
    """Django's admin dark, by the visitor's preference or by its theme switch
    (``html[data-theme="dark"]``, kept in localStorage): orderkit's chips are dark and
    readable there."""
    pony = Pony.objects.filter(tags__isnull=False).order_by("pk").first()
    assert pony is not None
    admin = User.objects.get(username="admin")
    scheme = "dark" if theme == "prefers-color-scheme" else "light"
    opened = pages.open(
        admin, path=reverse("admin:ponies_pony_change", args=[pony.pk]), color_scheme=scheme
    )
    if theme == "data-theme":
        opened.evaluate("localStorage.setItem('theme', 'dark')")
        opened.reload()
        assert opened.evaluate("document.documentElement.dataset.theme") == "dark"
    chip = opened.locator(".orderkit-admin-links .orderkit-chip").first
    text, background = colours(chip)
    assert contrast(text, background) >= READABLE
    assert luminance(background) < luminance(text)
