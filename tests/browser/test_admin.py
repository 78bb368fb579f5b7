"""The admin in Chromium: drag the change list, move to a page, flip a switch, detach and
undo, sort an inline; a view-only user; no console error and no missing static file (the
``pages`` fixture fails the test on either)."""

from __future__ import annotations

import re

from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from ponies.models import Pony, Stable
from tests.browser.helpers import Pages, db_order, messages, stable_named
from tests.helpers import make_user

UPDATE = re.compile(r"/admin/ponies/pony/adminsortable2_update/$")


def admin_user() -> User:
    return User.objects.get(username="admin")


def changelist(pages: Pages, stable: Stable, user: User | None = None, page: int = 1) -> Page:
    path = f"/admin/ponies/pony/?stable__id__exact={stable.pk}&p={page}"
    opened = pages.open(user or admin_user(), path=path)
    opened.wait_for_load_state("load")
    return opened


def row(page: Page, pony: Pony) -> str:
    return f'#result_list tbody tr:has(input.action-select[value="{pony.pk}"])'


def ponies_of(stable: Stable) -> list[Pony]:
    return list(stable.ponies.order_by("position", "pk"))


def logged(pony: Pony) -> list[str]:
    return [
        entry.get_change_message()
        for entry in LogEntry.objects.filter(object_id=str(pony.pk), content_type__model="pony")
    ]


def test_a_dragged_row_is_stored(pages: Pages, seeded: None) -> None:
    stable = stable_named("Stable 1")
    ponies = ponies_of(stable)
    page = changelist(pages, stable)
    with page.expect_response(UPDATE) as answer:
        page.locator(f"{row(page, ponies[3])} [data-orderkit-handle]").drag_to(
            page.locator(f"{row(page, ponies[0])} [data-orderkit-handle]"),
            target_position={"x": 5, "y": 2},
        )
    assert answer.value.status == 200
    expected = [str(p.pk) for p in [ponies[3], *ponies[:3], *ponies[4:]]]
    assert db_order(stable) == expected
    assert logged(ponies[3]) == ["Changed Position."]
    page.reload()
    shown = page.locator("#result_list tbody input.action-select").evaluate_all(
        "boxes => boxes.map(box => box.value)"
    )
    assert shown == expected[:5]


def test_move_to_first_page(pages: Pages, seeded: None) -> None:
    stable = stable_named("Stable 2")
    ponies = ponies_of(stable)
    page = changelist(pages, stable, page=2)
    page.locator(f"{row(page, ponies[7])} input.action-select").check()
    page.locator("select[name=action]").select_option("move_to_first_page")
    page.locator("#changelist-form button[name=index]").click()
    expect(page.locator("ul.messagelist")).to_contain_text("moved to page 1")
    assert db_order(stable)[0] == str(ponies[7].pk)
    assert logged(ponies[7]) == ["Changed Position."]


def test_a_switch_flips(pages: Pages, seeded: None) -> None:
    stable = stable_named("Stable 1")
    pony = ponies_of(stable)[1]
    page = changelist(pages, stable)
    switch = page.locator(f'{row(page, pony)} [data-orderkit="toggle"]')
    expect(switch).to_have_attribute("aria-pressed", "true")
    with page.expect_response(re.compile("toggle/is_active/$")) as answer:
        switch.click()
    assert answer.value.status == 200
    expect(switch).to_have_attribute("aria-pressed", "false")
    pony.refresh_from_db()
    assert pony.is_active is False
    assert logged(pony) == ["Changed Is active."]


def test_detach_and_undo_on_the_change_page(pages: Pages, seeded: None) -> None:
    pony = Pony.objects.filter(tags__isnull=False).order_by("pk").first()
    assert pony is not None
    tag = pony.tags.order_by("name").first()
    assert tag is not None
    page = pages.open(admin_user(), path=f"/admin/ponies/pony/{pony.pk}/change/")
    chip = page.locator(
        f'.orderkit-admin-links [data-orderkit-item][data-orderkit-related="{tag.pk}"]'
    )
    with page.expect_response(re.compile("detach/tags/$")):
        chip.locator('[data-orderkit="detach"]').click()
    expect(chip).to_have_count(0)
    assert tag not in pony.tags.all()
    with page.expect_response(re.compile("attach/tags/$")):
        messages(page).last.get_by_role("button", name="Undo").click()
    expect(chip).to_have_count(1)
    assert tag in pony.tags.all()
    page.goto(f"/admin/ponies/pony/{pony.pk}/history/")
    expect(page.locator("#change-history")).to_contain_text(f"Deleted pony tag “{tag.name}”.")
    expect(page.locator("#change-history")).to_contain_text(f"Added pony tag “{tag.name}”.")


def test_an_inline_is_sorted_and_saved(pages: Pages, seeded: None) -> None:
    stable = stable_named("Stable 3")
    ponies = ponies_of(stable)
    page = pages.open(admin_user(), path=f"/admin/ponies/stable/{stable.pk}/change/")
    page.wait_for_load_state("load")
    rows = page.locator("#ponies-group tr.has_original td.original p")
    rows.nth(4).drag_to(rows.nth(0), target_position={"x": 5, "y": 2})
    keys = page.locator("#ponies-group tr.has_original input._reorder_").evaluate_all(
        "inputs => inputs.map(input => input.value)"
    )
    assert keys == [str(n) for n in range(1, 11)]
    page.locator("input[name=_save]").click()
    expect(page.locator("ul.messagelist")).to_contain_text("was changed successfully")
    expected = [str(p.pk) for p in [ponies[4], *ponies[:4], *ponies[5:]]]
    assert db_order(stable) == expected
    stored = stable.ponies.order_by("position").values_list("position", flat=True)
    assert list(stored) == list(range(10))


def test_a_view_only_user_sees_no_handles(pages: Pages, seeded: None) -> None:
    watcher = make_user("watcher", "ponies.view_pony", "ponies.view_stable", staff=True)
    stable = stable_named("Stable 1")
    page = changelist(pages, stable, user=watcher)
    expect(page.locator("#result_list tbody tr")).to_have_count(5)
    expect(page.locator("#result_list .orderkit-handle")).to_have_count(0)
    expect(page.locator("#result_list td.field-is_active img")).to_have_count(5)
    page.goto(f"/admin/ponies/stable/{stable.pk}/change/")
    expect(page.locator("#ponies-group fieldset.sortable")).to_have_count(0)
