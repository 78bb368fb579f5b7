"""The newcomer's page and admin in Chromium: drag, keyboard move, toggle, detach and attach
on the page, a drag in the admin's change list; each change read back from the project's
SQLite database. A console error or an HTTP error answer on the way fails the run."""

from __future__ import annotations

import re
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from playwright.sync_api import (
    ConsoleMessage,
    Locator,
    Page,
    Response,
    expect,
    sync_playwright,
)

from tests.browser.chromium import FLAGS, find
from tests.quickstart.project import PASSWORD, USERNAME

REORDER = re.compile(r"/orderkit/ponies\.pony/reorder/$")
ADMIN_DRAG = re.compile(r"/admin/ponies/pony/adminsortable2_update/$")


class Database:
    """The project's SQLite database, read afresh for every question."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def rows(self, sql: str, *params: int) -> list[tuple[int, ...]]:
        with closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as connection:
            return connection.execute(sql, params).fetchall()

    def order(self, stable: int) -> list[int]:
        sql = "SELECT id FROM ponies_pony WHERE stable_id = ? ORDER BY position, id"
        return [pk for (pk,) in self.rows(sql, stable)]

    def is_active(self, pony: int) -> bool:
        ((value,),) = self.rows("SELECT is_active FROM ponies_pony WHERE id = ?", pony)
        return bool(value)

    def tags(self, pony: int) -> set[int]:
        sql = "SELECT tag_id FROM ponies_pony_tags WHERE pony_id = ?"
        return {pk for (pk,) in self.rows(sql, pony)}


def stored(what: str, actual: object, expected: object) -> None:
    if actual != expected:
        raise AssertionError(f"{what}: the database holds {actual!r}, not {expected!r}")
    sys.stdout.write(f"quickstart: {what}: stored\n")


@contextmanager
def browser_page(base_url: str) -> Iterator[tuple[Page, list[str]]]:
    """A Chromium page on the project, and the problems that it has met."""
    path = find()
    if path is None:
        raise AssertionError("Chromium is not installed: apt-get install chromium")
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=FLAGS)
        page = browser.new_page(base_url=base_url)
        # Chromium asks for /favicon.ico by itself; a new project has none, and that is fine.
        page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
        page.set_default_timeout(15_000)

        def console(message: ConsoleMessage) -> None:
            if message.type == "error":
                problems.append(f"console: {message.text} ({message.location['url']})")

        def response(answer: Response) -> None:
            if answer.status >= 400:
                problems.append(f"HTTP {answer.status}: {answer.url}")

        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        page.on("console", console)
        page.on("response", response)
        try:
            yield page, problems
        finally:
            browser.close()


def ok(response: Response) -> None:
    if response.status != 200:
        raise AssertionError(f"{response.url} answered {response.status}: {response.text()[:500]}")


def item(page: Page, pony: int) -> Locator:
    return page.locator(f'[data-orderkit-item][data-pk="{pony}"]').first


def walk(base_url: str, database: Database, stable: int, tags: list[int]) -> None:
    with browser_page(base_url) as (page, problems):
        page.goto(f"/stables/{stable}/")
        # The view wants a login, and sends the visitor to the admin's form and back.
        page.fill("#id_username", USERNAME)
        page.fill("#id_password", PASSWORD)
        page.locator("input[type=submit]").click()
        page.wait_for_url(f"**/stables/{stable}/")
        on_the_page(page, database, stable, tags)
        in_the_admin(page, database, stable)
        if problems:
            raise AssertionError("the browser met problems:\n" + "\n".join(problems))


def on_the_page(page: Page, database: Database, stable: int, tags: list[int]) -> None:
    ponies = database.order(stable)
    with page.expect_response(REORDER) as answer:
        item(page, ponies[2]).locator("[data-orderkit-handle]").drag_to(
            item(page, ponies[0]), target_position={"x": 5, "y": 2}
        )
    ok(answer.value)
    order = [ponies[2], ponies[0], ponies[1], ponies[3]]
    stored("a drag", database.order(stable), order)

    item(page, order[0]).locator("[data-orderkit-handle]").focus()
    page.keyboard.press("Space")
    page.keyboard.press("ArrowDown")
    with page.expect_response(REORDER) as answer:
        page.keyboard.press("Space")
    ok(answer.value)
    order = [order[1], order[0], *order[2:]]
    stored("a keyboard move", database.order(stable), order)

    pony = item(page, order[0])
    with page.expect_response(re.compile(r"/toggle/is_active/$")) as answer:
        pony.locator('[data-orderkit="toggle"]').click()
    ok(answer.value)
    expect(pony.locator('[data-orderkit="toggle"]')).to_have_attribute("aria-pressed", "false")
    stored("a toggle", database.is_active(order[0]), False)

    brave, fast = tags[0], tags[1]
    with page.expect_response(re.compile(r"/detach/tags/$")) as answer:
        pony.locator(f'.orderkit-chip[data-pk="{brave}"] [data-orderkit="detach"]').click()
    ok(answer.value)
    stored("a detach", database.tags(order[0]), set())

    pony.locator('select[name="pk"]').select_option(str(fast))
    with page.expect_response(re.compile(r"/attach/tags/$")) as answer:
        pony.locator('[data-orderkit="attach"]').click()
    ok(answer.value)
    expect(pony.locator(f'.orderkit-chip[data-pk="{fast}"]')).to_have_count(1)
    stored("an attach", database.tags(order[0]), {fast})


def in_the_admin(page: Page, database: Database, stable: int) -> None:
    changelist = page.goto(f"/admin/ponies/pony/?stable__id__exact={stable}")
    assert changelist is not None
    ok(changelist)
    page.wait_for_load_state("load")  # orderkit's admin script adopts the rows once loaded

    def handle(pony: int) -> Locator:
        return page.locator(
            f'#result_list tr:has(input.action-select[value="{pony}"]) [data-orderkit-handle]'
        )

    ponies = database.order(stable)
    with page.expect_response(ADMIN_DRAG) as answer:
        handle(ponies[3]).drag_to(handle(ponies[0]), target_position={"x": 5, "y": 2})
    ok(answer.value)
    stored("a drag in the admin", database.order(stable), [ponies[3], *ponies[:3]])
