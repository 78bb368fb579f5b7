"""orderkit speaks the request's language (LocaleMiddleware, here from Accept-Language): its
server texts from orderkit/locale (JSON refusals, the message after a plain form's post, the
admin's action names, which are adminsortable2's msgids), and the client's texts, given to the
script as a JSON catalogue by {% orderkit_script %} and by the admin's media."""

from __future__ import annotations

import gettext
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from unittest import mock

import adminsortable2
import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.template import Context, Template
from django.test import Client, override_settings
from django.utils import translation

from orderkit.admin.changelist import MOVE_ACTIONS, OrderkitChangeListMixin
from orderkit.admin.media import admin_media
from orderkit.client_texts import TEXTS
from tests.catalogues import LANGUAGES
from tests.helpers import errors_of, toggle_url
from tests.testapp.models import Card

PLACEHOLDER = re.compile(r"%\(\w+\)s")
#: adminsortable2's catalogues; orderkit's action names are msgids of theirs.
SORTABLE2_LOCALE = Path(adminsortable2.__file__).parent / "locale"


class ScriptTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(dict(attrs))


def catalog_of(html: str) -> dict[str, str] | None:
    """The catalogue that the page's one script tag gives the client (None without one)."""
    parser = ScriptTags()
    parser.feed(html)
    (script,) = parser.scripts
    attribute = script.get("data-orderkit-catalog")
    if attribute is None:
        return None
    catalog: dict[str, str] = json.loads(attribute)
    return catalog


def script_tag() -> str:
    return Template("{% load orderkit %}{% orderkit_script %}").render(Context())


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_script_gets_every_client_text_translated(language: str) -> None:
    with translation.override(language):
        catalog = catalog_of(script_tag())
    assert catalog is not None
    assert sorted(catalog) == sorted(TEXTS)
    for msgid, text in catalog.items():
        assert text != msgid
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(msgid)), text


def test_in_english_the_script_gets_no_catalogue() -> None:
    with translation.override("en"):
        assert catalog_of(script_tag()) is None


def test_the_catalogue_is_text_in_its_attribute() -> None:
    """Quotes, angle brackets and ampersands of a translation stay in the JSON, escaped in
    the attribute: the tag cannot be closed or added to by a catalogue."""
    tricky = '"><img src=x onerror=alert(1)> & “%(label)s”'
    with translation.override("de"), mock.patch("orderkit.controls._", return_value=tricky):
        html = script_tag()
    assert "<img" not in html
    assert catalog_of(html) == dict.fromkeys(TEXTS, tricky)


def test_the_admins_script_gets_the_catalogue_too() -> None:
    with translation.override("fa"):
        html = str(admin_media())
    scripts = [line for line in html.splitlines() if "orderkit/orderkit.js" in line]
    assert len(scripts) == 1
    catalog = catalog_of(scripts[0])
    assert catalog is not None
    assert catalog["Undo"] == "واگرد"


def test_a_site_adds_a_language_in_its_own_catalogue(tmp_path: Path) -> None:
    """A language that orderkit does not ship (Italian), translated in the site's
    LOCALE_PATHS: the client's texts come from there, the rest stays English."""
    if shutil.which("msgfmt") is None:
        pytest.fail("msgfmt is missing: apt-get install gettext", pytrace=False)
    folder = tmp_path / "it" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Undo"\nmsgstr "Annulla"\n\n'
        'msgid "Removed “%(label)s”."\nmsgstr "“%(label)s” rimosso."\n'
    )
    subprocess.run(["msgfmt", "-o", folder / "django.mo", folder / "django.po"], check=True)
    with override_settings(LOCALE_PATHS=[tmp_path]), translation.override("it"):
        catalog = catalog_of(script_tag())
    assert catalog == {"Undo": "Annulla", "Removed “%(label)s”.": "“%(label)s” rimosso."}


# Texts in each language (spellchecker off).
@pytest.mark.parametrize(
    ("language", "refusal"),
    [
        ("de", "Sie dürfen das nicht tun."),
        ("fa", "شما اجازهٔ انجام این کار را ندارید."),
        ("fr", "Vous n\u2019avez pas le droit d\u2019effectuer cette action."),
        ("es", "No tiene permiso para hacer esto."),
        ("en", "You are not allowed to do this."),
    ],
)
def test_a_json_refusal_speaks_the_requests_language(
    client: Client, viewer: User, cards: list[Card], language: str, refusal: str
) -> None:
    client.force_login(viewer)
    response = client.post(
        toggle_url(cards[0]),
        "{}",
        content_type="application/json",
        headers={"accept-language": language},
    )
    assert errors_of(response, 403) == {
        "__all__": [{"message": refusal, "code": "permission_denied"}]
    }
    assert response["Content-Language"] == language


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("de", "Is done ist für „card 0“ eingeschaltet."),
        ("fa", "Is done برای «card 0» روشن شد."),
        ("fr", "Is done est activé pour «\u00a0card 0\u00a0»."),
        ("es", "Is done está activado para “card 0”."),
    ],
)
# (spellchecker on)
def test_a_plain_forms_message_speaks_the_requests_language(
    api: Client, cards: list[Card], language: str, message: str
) -> None:
    cards[0].is_done = False
    cards[0].save()
    response = api.post(
        toggle_url(cards[0]),
        {"next": "/"},
        headers={"accept": "text/html", "accept-language": language},
    )
    assert response.status_code == 303
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert shown == [message]


def action_names(language: str) -> dict[str, str]:
    with translation.override(language):
        return {
            name: str(getattr(OrderkitChangeListMixin, name).short_description)
            for name in MOVE_ACTIONS
        }


def sortable2_msgids() -> set[str]:
    with (SORTABLE2_LOCALE / "de" / "LC_MESSAGES" / "django.mo").open("rb") as compiled:
        catalog: dict[Any, str] = vars(gettext.GNUTranslations(compiled))["_catalog"]
    return {msgid for msgid in catalog if isinstance(msgid, str) and msgid}


def test_the_admins_action_names_are_adminsortable2s_msgids() -> None:
    """So that adminsortable2's catalogues translate them too, in the languages that
    orderkit does not ship (its Italian, Polish, Russian, Ukrainian)."""
    assert set(action_names("en").values()) <= sortable2_msgids()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admins_action_names_are_translated(language: str) -> None:
    english, translated = action_names("en"), action_names(language)
    assert all(translated[name] != english[name] for name in MOVE_ACTIONS), translated
