"""The demo's ``/`` page in Chromium: drag, keyboard, toggle, detach and undo, attach, refusals,
lists added later, names that hold HTML, and the same page without JavaScript."""

from __future__ import annotations

import re

from django.contrib.auth.models import Permission, User
from playwright.sync_api import expect

from ponies.models import Pony, Tag
from tests.browser.helpers import Pages, db_order, item, messages, page_order, stable_named

XSS = "<img src=x onerror=alert(1)>"
REORDER = re.compile(r"/orderkit/ponies\.pony/reorder/$")


def ponies_of(name: str) -> list[Pony]:
    return list(stable_named(name).ponies.order_by("position", "pk"))


def revoke_all(user: User) -> None:
    user.user_permissions.set(Permission.objects.none())


def test_mouse_drag_is_stored_and_survives_a_reload(pages: Pages, pony_editor: User) -> None:
    page = pages.open(pony_editor)
    stable = stable_named("Stable 1")
    ponies = ponies_of("Stable 1")
    with page.expect_response(REORDER) as answer:
        item(page, ponies[3]).locator("[data-orderkit-handle]").drag_to(
            item(page, ponies[0]), target_position={"x": 5, "y": 2}
        )
    assert answer.value.status == 200
    expected = [str(p.pk) for p in [ponies[3], *ponies[:3], *ponies[4:]]]
    assert page_order(page, stable) == expected
    assert db_order(stable) == expected
    page.reload()
    assert page_order(page, stable) == expected


def test_keyboard_move_is_announced_stored_and_keeps_focus(
    pages: Pages, pony_editor: User
) -> None:
    page = pages.open(pony_editor)
    stable = stable_named("Stable 2")
    ponies = ponies_of("Stable 2")
    handle = item(page, ponies[0]).locator("[data-orderkit-handle]")
    announcement = page.locator("[data-orderkit-messages] .orderkit-announcement")
    handle.focus()
    page.keyboard.press("Space")
    expect(announcement).to_contain_text("position 1 of 10")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(announcement).to_contain_text("position 3 of 10")
    with page.expect_response(REORDER) as answer:
        page.keyboard.press("Enter")
    # One request, relative to the new neighbour above; pks as the page holds them.
    assert answer.value.request.post_data_json == {
        "pk": str(ponies[0].pk),
        "after": str(ponies[2].pk),
    }
    expect(announcement).to_contain_text("dropped at position 3 of 10")
    expected = [str(p.pk) for p in [ponies[1], ponies[2], ponies[0], *ponies[3:]]]
    assert page_order(page, stable) == expected
    assert db_order(stable) == expected
    assert page.evaluate("document.activeElement.closest('li').dataset.pk") == str(ponies[0].pk)


def test_escape_puts_the_item_back_without_a_request(pages: Pages, pony_editor: User) -> None:
    page = pages.open(pony_editor)
    stable = stable_named("Stable 1")
    before = page_order(page, stable)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    item(page, ponies_of("Stable 1")[4]).locator("[data-orderkit-handle]").focus()
    for key in ("Enter", "ArrowUp", "ArrowUp", "Escape"):
        page.keyboard.press(key)
    expect(page.locator(".orderkit-announcement")).to_contain_text("back at position 5 of 10")
    assert page_order(page, stable) == before
    assert requests == []


def test_toggle_flips_the_switch_and_the_row(pages: Pages, pony_editor: User) -> None:
    pony = ponies_of("Stable 1")[0]
    assert pony.is_active
    page = pages.open(pony_editor)
    switch = item(page, pony).locator('[data-orderkit="toggle"]')
    with page.expect_response(re.compile("toggle/is_active/$")):
        switch.click()
    expect(switch).to_have_attribute("aria-pressed", "false")
    expect(switch).to_be_enabled()
    assert Pony.objects.get(pk=pony.pk).is_active is False


def test_detach_then_undo(pages: Pages, pony_editor: User) -> None:
    pony = ponies_of("Stable 1")[1]
    tag = pony.tags.order_by("name")[0]
    page = pages.open(pony_editor)
    chip = item(page, pony).locator(f'.orderkit-chip[data-orderkit-related="{tag.pk}"]')
    with page.expect_response(re.compile("detach/tags/$")):
        chip.locator('[data-orderkit="detach"]').click()
    expect(chip).to_have_count(0)
    expect(messages(page).last).to_contain_text(f"Removed “{tag.name}”.")
    assert not pony.tags.filter(pk=tag.pk).exists()
    with page.expect_response(re.compile("attach/tags/$")):
        messages(page).last.get_by_role("button", name="Undo").click()
    expect(chip).to_have_count(1)
    expect(messages(page).last).to_contain_text(f"Restored “{tag.name}”.")
    assert pony.tags.filter(pk=tag.pk).exists()


def test_a_message_floats_over_the_page_and_moves_nothing(pages: Pages, pony_editor: User) -> None:
    pony = ponies_of("Stable 1")[1]
    tag = pony.tags.order_by("name")[0]
    page = pages.open(pony_editor)
    grid = page.locator(".stables").bounding_box()
    with page.expect_response(re.compile("detach/tags/$")):
        item(page, pony).locator(
            f'.orderkit-chip[data-orderkit-related="{tag.pk}"] [data-orderkit="detach"]'
        ).click()
    expect(messages(page).last).to_be_in_viewport()
    moved = page.locator(".stables").bounding_box()
    assert grid is not None
    assert moved is not None
    assert (moved["x"], moved["y"]) == (grid["x"], grid["y"])


def test_attach_needs_a_choice_then_adds_a_chip(pages: Pages, pony_editor: User) -> None:
    pony = ponies_of("Stable 3")[0]
    free = Tag.objects.exclude(ponies=pony).order_by("name")[0]
    pages.expect_status(400)
    page = pages.open(pony_editor)
    links = item(page, pony).locator("[data-orderkit-links]")
    select = links.locator('select[name="pk"]')
    with page.expect_response(re.compile("attach/tags/$")) as answer:
        links.locator('[data-orderkit="attach"]').click()
    assert answer.value.status == 400
    expect(select).to_have_attribute("aria-invalid", "true")
    expect(links.locator("[data-orderkit-error]")).to_have_text("This field is required.")
    select.select_option(str(free.pk))
    with page.expect_response(re.compile("attach/tags/$")):
        links.locator('[data-orderkit="attach"]').click()
    expect(links.locator("[data-orderkit-error]")).to_have_count(0)
    expect(select).not_to_have_attribute("aria-invalid", "true")
    expect(links.locator(f'.orderkit-chip[data-orderkit-related="{free.pk}"]')).to_have_count(1)
    assert pony.tags.filter(pk=free.pk).exists()


def test_refused_writes_leave_the_page_as_it_was_and_say_why(
    pages: Pages, pony_editor: User
) -> None:
    stable = stable_named("Stable 1")
    ponies = ponies_of("Stable 1")
    pages.expect_status(403)
    page = pages.open(pony_editor)
    listing = page.locator(f"#stable-{stable.pk} + ol")
    before = listing.inner_html()
    revoke_all(pony_editor)

    item(page, ponies[2]).locator("[data-orderkit-handle]").focus()
    for key in ("Space", "ArrowUp", "Space"):
        page.keyboard.press(key)
    expect(messages(page).last).to_have_text("You are not allowed to do this.")
    item(page, ponies[0]).locator('[data-orderkit="toggle"]').click()
    expect(messages(page)).to_have_count(2)
    item(page, ponies[0]).locator('[data-orderkit="detach"]').first.click()
    expect(messages(page)).to_have_count(3)

    expect(listing.locator("[aria-busy]")).to_have_count(0)
    assert listing.inner_html() == before
    assert db_order(stable) == [str(p.pk) for p in ponies]
    assert Pony.objects.get(pk=ponies[0].pk).is_active == ponies[0].is_active
    assert ponies[0].tags.count() == Pony.objects.get(pk=ponies[0].pk).tags.count()


def test_refused_drag_is_rolled_back(pages: Pages, pony_editor: User) -> None:
    stable = stable_named("Stable 2")
    ponies = ponies_of("Stable 2")
    pages.expect_status(403)
    page = pages.open(pony_editor)
    revoke_all(pony_editor)
    with page.expect_response(REORDER):
        item(page, ponies[5]).locator("[data-orderkit-handle]").drag_to(
            item(page, ponies[1]), target_position={"x": 5, "y": 2}
        )
    expect(messages(page).last).to_have_text("You are not allowed to do this.")
    assert page_order(page, stable) == [str(p.pk) for p in ponies]
    assert db_order(stable) == [str(p.pk) for p in ponies]


def test_view_only_user_gets_no_handles_and_disabled_controls(
    pages: Pages, pony_viewer: User
) -> None:
    page = pages.open(pony_viewer)
    assert page.locator("[data-orderkit-handle]").count() == 0
    assert page.locator('[data-orderkit="sortable"]').count() == 0
    switches = page.locator('[data-orderkit="toggle"]')
    assert switches.count() == Pony.objects.count()
    expect(switches.first).to_be_disabled()
    expect(page.locator('[data-orderkit="detach"]').first).to_be_disabled()
    assert page.locator('[data-orderkit="attach"]').count() == 0


def test_lists_added_after_load_work(pages: Pages, pony_editor: User) -> None:
    stable = stable_named("Stable 3")
    ponies = ponies_of("Stable 3")
    page = pages.open(pony_editor)
    # Replace the list by a copy of its HTML, as htmx would: new, unbound elements.
    page.evaluate(
        "pk => { const list = document.querySelector(`#stable-${pk} + ol`);"
        " list.outerHTML = list.outerHTML; }",
        stable.pk,
    )
    item(page, ponies[1]).locator("[data-orderkit-handle]").focus()
    with page.expect_response(REORDER):
        for key in ("Space", "ArrowUp", "Space"):
            page.keyboard.press(key)
    with page.expect_response(re.compile("toggle/is_active/$")):
        item(page, ponies[2]).locator('[data-orderkit="toggle"]').click()
    assert db_order(stable) == [str(p.pk) for p in [ponies[1], ponies[0], *ponies[2:]]]
    assert Pony.objects.get(pk=ponies[2].pk).is_active is not ponies[2].is_active


def test_names_holding_html_stay_text(pages: Pages, pony_editor: User) -> None:
    stable = stable_named("Stable 1")
    evil = Pony.objects.create(name=XSS, stable=stable)
    evil_tag = Tag.objects.create(name=XSS)
    evil.tags.add(evil_tag)
    page = pages.open(pony_editor)
    expect(item(page, evil).locator(".pony-name input[name=value]")).to_have_value(XSS)
    item(page, evil).locator("[data-orderkit-handle]").focus()
    page.keyboard.press("Space")
    expect(page.locator(".orderkit-announcement")).to_contain_text(XSS)
    page.keyboard.press("Escape")
    with page.expect_response(re.compile("detach/tags/$")):
        item(page, evil).locator('[data-orderkit="detach"]').click()
    expect(messages(page).last).to_contain_text(f"Removed “{XSS}”.")
    assert page.locator("img").count() == 0


def test_without_javascript_the_forms_post_and_come_back(pages: Pages, pony_editor: User) -> None:
    pony = ponies_of("Stable 1")[0]
    tag = pony.tags.order_by("name")[0]
    page = pages.open(pony_editor, javascript=False)
    item(page, pony).locator('[data-orderkit="toggle"]').click()
    page.wait_for_url(re.compile("/$"))
    expect(page.locator("[data-orderkit-messages]")).to_contain_text("Is active is off")
    expect(item(page, pony).locator('[data-orderkit="toggle"]')).to_have_attribute(
        "aria-pressed", "false"
    )
    item(page, pony).locator(
        f'.orderkit-chip[data-orderkit-related="{tag.pk}"] [data-orderkit="detach"]'
    ).click()
    expect(page.locator("[data-orderkit-messages]")).to_contain_text("is detached from")
    expect(
        item(page, pony).locator(f'.orderkit-chip[data-orderkit-related="{tag.pk}"]')
    ).to_have_count(0)
    assert not Pony.objects.get(pk=pony.pk).is_active
    assert not pony.tags.filter(pk=tag.pk).exists()
