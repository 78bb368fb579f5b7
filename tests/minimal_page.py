"""docs/client.md's minimal page ("a page in eight tags"), served by the tests from the docs'
own block, so that the browser tests look at what a newcomer's project shows: orderkit.css
alone, no style of the site's.

The page is served as a site in the active language serves it: ``<html lang dir>``, which
the docs' block leaves to the site (docs/translations.md).
"""

from __future__ import annotations

import functools
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template import engines
from django.utils import translation
from django.utils.html import format_html

from ponies.models import Stable
from tests.quickstart.blocks import blocks_of

ROOT = Path(__file__).resolve().parent.parent
DOCS_PAGE = ROOT / "docs" / "client.md"
#: Where the quickstart writes the docs' page in a new project.
PAGE_PATH = "ponies/templates/ponies/stable_detail.html"
HTML = "<html>"


@functools.cache
def page_source() -> str:
    """The text of the docs' page: the one block of docs/client.md that writes it."""
    (block,) = (b for b in blocks_of(DOCS_PAGE, ROOT) if b.paths == (PAGE_PATH,))
    if block.text.count(HTML) != 1:
        raise AssertionError(f"{block.where}: the page must open with one {HTML}")
    return block.text


def minimal_page(request: HttpRequest, pk: int) -> HttpResponse:
    stable = get_object_or_404(Stable, pk=pk)
    html = engines["django"].from_string(page_source()).render({"stable": stable}, request)
    opening = format_html(
        '<html lang="{}" dir="{}">',
        translation.get_language(),
        "rtl" if translation.get_language_bidi() else "ltr",
    )
    return HttpResponse(html.replace(HTML, opening, 1))
