"""Take the README's picture of the demo page: ``python -m tests.browser.screenshot [URL] [PNG]``.

Run it while ``make demo`` serves the page. It logs in as the demo's ``admin`` user, so the
page shows every control, and uses Chromium as the browser tests do.
"""

from __future__ import annotations

import sys

from playwright.sync_api import sync_playwright

from tests.browser.chromium import FLAGS, find


def main(url: str = "http://127.0.0.1:8000/", out: str = "docs/demo.png") -> int:
    chromium = find()
    if chromium is None:
        sys.stderr.write("Chromium is not installed (apt-get install chromium).\n")
        return 1
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(url + "accounts/login/?next=/")
        page.fill('input[name="username"]', "admin")
        page.fill('input[name="password"]', "admin")
        page.click('button[type="submit"]')
        page.wait_for_url(url)
        page.locator("ol > li > [data-orderkit-handle]").nth(2).focus()
        page.keyboard.press("Space")
        page.keyboard.press("ArrowUp")
        page.screenshot(path=out)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
