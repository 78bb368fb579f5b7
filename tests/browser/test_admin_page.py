"""The admin's change page and switch columns in Chromium: the relations panel in the form's
layout, in the admin's look, light and dark, wide and 390 px wide; switches named after their
row, keeping focus after a toggle, drawn right to left; no console error and no 404 (the
``pages`` fixture fails the test on either), the favicon included."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import Page, expect

from ponies.models import Pony, Stable, Tag
from tests.browser.geometry import box, colours, contrast, luminance, pseudo_boxes
from tests.browser.helpers import Pages, stable_named

WIDE = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
#: WCAG's AA ratio for text.
READABLE = 4.5
VIEWS: dict[str, dict[str, Any]] = {
    "light": {"viewport": WIDE, "color_scheme": "light"},
    "dark": {"viewport": WIDE, "color_scheme": "dark"},
    "phone-dark": {"viewport": PHONE, "color_scheme": "dark"},
}


def admin_user() -> User:
    return User.objects.get(username="admin")


def tagged_pony() -> Pony:
    pony = Stable.objects.get(name="Stable 1").ponies.order_by("position").first()
    assert pony is not None
    pony.tags.add(*Tag.objects.order_by("name")[:3])
    return pony


def change_page(pages: Pages, pony: Pony, **options: Any) -> Page:
    path = reverse("admin:ponies_pony_change", args=[pony.pk])
    page = pages.open(admin_user(), path=path, **options)
    page.wait_for_load_state("load")
    return page


def changelist(pages: Pages, stable: Stable, **options: Any) -> Page:
    path = f"{reverse('admin:ponies_pony_changelist')}?stable__id__exact={stable.pk}"
    page = pages.open(admin_user(), path=path, **options)
    page.wait_for_load_state("load")
    return page


@pytest.mark.parametrize("view", VIEWS)
def test_the_relations_panel_is_in_the_forms_layout(pages: Pages, seeded: None, view: str) -> None:
    options = VIEWS[view]
    width = options["viewport"]["width"]
    page = change_page(pages, tagged_pony(), **options)
    panel = page.locator("#pony_form .orderkit-admin-links")
    expect(panel).to_have_count(1)
    # Right before the bottom submit row, inside the form's layout.
    following = panel.evaluate("panel => panel.nextElementSibling.className")
    assert following == "submit-row"
    assert box(panel).bottom <= box(page.locator("#pony_form .submit-row").last).top
    assert box(panel).right <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    chips = page.locator(".orderkit-admin-links .orderkit-chip")
    expect(chips).to_have_count(3)
    for chip in chips.all():
        assert chip.evaluate("chip => getComputedStyle(chip).listStyleType") == "none"
        assert box(panel).contains(box(chip))
        text, background = colours(chip)
        assert contrast(text, background) >= READABLE, (text, background)
    text, background = colours(chips.first)
    assert (luminance(background) < luminance(text)) is ("dark" in view)
    attach = page.locator(".orderkit-admin-links .orderkit-attach")
    # The demo's Tag admin has search_fields: the admin's autocomplete, over the select.
    for control in (attach.locator(".select2-selection"), attach.locator("button")):
        text, background = colours(control)
        assert contrast(text, background) >= READABLE, (text, background)
        assert box(panel).contains(box(control))
    # The admin's own colours: its button as the admin's (not default) buttons.
    another = page.locator("#pony_form .submit-row input[name=_addanother]")
    assert colours(attach.locator("button")) == colours(another)
    assert page.request.get("/favicon.ico").status == 200


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_without_search_fields_the_attach_control_is_a_select_drawn_as_the_admins(
    pages: Pages, seeded: None, monkeypatch: pytest.MonkeyPatch, scheme: str
) -> None:
    monkeypatch.setattr(admin.site.get_model_admin(Tag), "search_fields", [])
    page = change_page(pages, tagged_pony(), viewport=PHONE, color_scheme=scheme)
    select = page.locator(".orderkit-admin-links .orderkit-attach select")
    expect(select).to_be_visible()
    expect(page.locator(".orderkit-admin-links .select2-container")).to_have_count(0)
    # The colours of the admin's own fields, such as the name's.
    assert colours(select) == colours(page.locator("#id_name"))
    text, background = colours(select)
    assert contrast(text, background) >= READABLE
    assert box(page.locator(".orderkit-admin-links")).contains(box(select))


def test_the_panel_attaches_and_detaches_inside_the_admins_form(
    pages: Pages, seeded: None
) -> None:
    pony = tagged_pony()
    page = change_page(pages, pony)
    chips = page.locator(".orderkit-admin-links .orderkit-chip")
    with page.expect_response(re.compile("detach/tags/$")):
        chips.first.locator('[data-orderkit="detach"]').click()
    expect(chips).to_have_count(2)
    tag = Tag.objects.order_by("name")[0]
    page.locator(".orderkit-admin-links .select2-selection").click()
    page.locator(".select2-search__field").fill(tag.name)
    page.locator(".select2-results__option", has_text=tag.name).click()
    with page.expect_response(re.compile("attach/tags/$")):
        page.locator(".orderkit-admin-links .orderkit-attach button").click()
    expect(chips).to_have_count(3)
    assert pony.tags.count() == 3
    expect(page.locator(".orderkit-admin-links .select2-selection__rendered")).not_to_contain_text(
        tag.name
    )
    # The admin's form still saves: the panel's controls are not its fields.
    page.locator("input[name=_save]").click()
    expect(page.locator("ul.messagelist")).to_contain_text("was changed successfully")
    assert pony.tags.count() == 3


def test_a_switch_is_named_after_its_row_and_keeps_focus(pages: Pages, seeded: None) -> None:
    stable = stable_named("Stable 1")
    pony = stable.ponies.order_by("position").first()
    assert pony is not None
    page = changelist(pages, stable)
    switch = page.get_by_role("button", name=f"Is active: {pony.name}", exact=True)
    expect(switch).to_have_count(1)
    expect(switch).to_have_text("")
    switch.focus()
    with page.expect_response(re.compile("toggle/is_active/$")):
        page.keyboard.press("Space")
    expect(switch).to_have_attribute("aria-pressed", "false")
    expect(switch).to_be_focused()
    page.locator("select[name=action]").select_option("move_to_exact_page")
    expect(page.get_by_role("spinbutton", name="Page to move to")).to_be_visible()


@pytest.mark.parametrize("view", ["wide", "phone"])
def test_a_switch_is_drawn_right_to_left(pages: Pages, seeded: None, view: str) -> None:
    viewport = WIDE if view == "wide" else PHONE
    page = changelist(pages, stable_named("Stable 1"), viewport=viewport, locale="fa")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    switches = page.locator("#result_list .orderkit-toggle")
    drawn = pseudo_boxes(switches)
    assert len(drawn) == 5
    for switch, parts in zip(switches.all(), drawn, strict=True):
        track, knob, button = parts["before"], parts["after"], box(switch)
        assert track.contains(knob)
        assert button.contains(track)
        room_left, room_right = knob.left - track.left, track.right - knob.right
        pressed = switch.get_attribute("aria-pressed") == "true"
        # Right to left, "on" is at the left end.
        assert room_left < room_right if pressed else room_right < room_left


def test_a_message_right_to_left_is_one_of_the_admins_own(pages: Pages, seeded: None) -> None:
    """In the admin, orderkit's messages are items of Django's message list, drawn as its
    own (its icon, its padding) and written right to left on a right-to-left page."""
    page = change_page(pages, tagged_pony(), viewport=WIDE, locale="fa")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    with page.expect_response(re.compile("detach/tags/$")):
        page.locator(".orderkit-admin-links .orderkit-chip [data-orderkit='detach']").first.click()
    message = page.locator("ul.messagelist > li.orderkit-message").last
    expect(message).to_be_visible()
    # Beside it, a message as Django renders one: drawn the same way, whichever side this
    # Django version puts the icon on right to left.
    mine, djangos = message.evaluate(
        """m => {
            const django = document.createElement("li");
            django.className = "success";
            django.textContent = "Django";
            m.parentNode.appendChild(django);
            const drawn = (li) => {
                const style = getComputedStyle(li);
                return [style.direction, style.paddingLeft, style.paddingRight,
                        style.backgroundImage, style.backgroundPosition];
            };
            return [drawn(m), drawn(django)];
        }"""
    )
    assert mine[0] == "rtl"
    assert "icon-yes.svg" in mine[3]
    assert mine == djangos
