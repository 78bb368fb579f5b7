"""orderkit's catalogues (orderkit/locale) against the sources, as `make messages` refreshes
them (tests/catalogues.py): every msgid of the Python code, the templates and the client is
in each language's catalogue, translated, nothing fuzzy; each .mo is its .po compiled; every
text of static/src is a gettext() msgid, listed in orderkit/client_texts.py. The gettext
tools (msgfmt, msgcmp, xgettext) must be installed: apt-get install gettext."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest

from orderkit import client_texts
from tests import catalogues
from tests.catalogues import LANGUAGES, PACKAGE, SourceError, client_msgids, untranslated

pytestmark = pytest.mark.sqlite_only

LOCALE = PACKAGE / "locale"


def catalogue(language: str, suffix: str = "po") -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"django.{suffix}"


def gettext_tool(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    if shutil.which(str(args[0])) is None:
        pytest.fail(f"{args[0]} is missing: apt-get install gettext", pytrace=False)
    return subprocess.run(
        [str(arg) for arg in args], capture_output=True, text=True, check=False, cwd=cwd
    )


@pytest.fixture(scope="module")
def fresh_pot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The template that `make messages` extracts from orderkit's sources now, made in a
    copy of the package so that the checkout's catalogues stay as they are."""
    copy = tmp_path_factory.mktemp("orderkit") / "orderkit"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("static", "__pycache__"))
    shutil.rmtree(copy / "locale")
    (copy / "locale").mkdir()
    catalogues.django_admin(*catalogues.MAKEMESSAGES, "--locale=xx", "--keep-pot", cwd=copy)
    return copy / "locale" / "django.pot"


def test_the_languages_are_the_ones_shipped() -> None:
    assert sorted(path.name for path in LOCALE.iterdir()) == sorted(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_entry_is_translated_and_none_fuzzy(language: str) -> None:
    checked = gettext_tool(
        "msgfmt", "--check", "--statistics", "-o", "/dev/null", catalogue(language)
    )
    assert checked.returncode == 0, checked.stderr
    # Only "N translated messages.": no fuzzy and no untranslated count after it.
    count, words = checked.stderr.strip().split(" ", 1)
    assert words == "translated messages.", checked.stderr
    assert int(count) >= len(client_texts.TEXTS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_msgid_of_the_sources_is_in_the_catalogue(language: str, fresh_pot: Path) -> None:
    """msgcmp fails on a msgid of the sources that the catalogue lacks or leaves
    untranslated or fuzzy: `make messages` was not run, or its new entries not translated."""
    compared = gettext_tool("msgcmp", catalogue(language), fresh_pot)
    assert compared.returncode == 0, compared.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_mo_is_the_po_compiled(language: str, tmp_path: Path) -> None:
    compiled = tmp_path / "django.mo"
    assert gettext_tool("msgfmt", "-o", compiled, catalogue(language)).returncode == 0
    with compiled.open("rb") as fresh, catalogue(language, "mo").open("rb") as committed:
        expected, shipped = gettext.GNUTranslations(fresh), gettext.GNUTranslations(committed)
    assert vars(shipped)["_catalog"] == vars(expected)["_catalog"]


def test_client_texts_holds_the_msgids_of_static_src() -> None:
    """orderkit/client_texts.py is what `make messages` writes from static/src now."""
    assert tuple(client_msgids()) == client_texts.TEXTS
    written = Path(client_texts.__file__).read_text()
    assert written == catalogues.client_texts_module(client_msgids())


def test_static_src_has_no_text_outside_gettext() -> None:
    assert untranslated() == []


def lexed_folder(tmp_path: Path, source: str) -> Path:
    (tmp_path / "module.js").write_text(source)
    return tmp_path


def test_msgids_are_read_from_gettext_calls_of_literals(tmp_path: Path) -> None:
    source = """
      import { gettext } from "./i18n.js";  // gettext("in a comment")
      /* gettext("in a block comment") */
      export function gettext(msgid) { return msgid; }
      const pattern = /gettext\\("(not a call)"\\)/g;
      const a = gettext("Undo");
      const b = gettext('It\\'s “%(label)s”.\\u00a0') + other.gettext(x);
      const c = interpolate(gettext("Two " + "parts."), {
        label: `x ${gettext("In a template")}` });
      const d = gettext("Undo");
    """
    assert client_msgids(lexed_folder(tmp_path, source)) == [
        "Undo",
        "It's “%(label)s”.\u00a0",
        "Two parts.",
        "In a template",
    ]


@pytest.mark.parametrize(
    "call", ["gettext(label)", "gettext(`Hi ${name}`)", 'gettext("a" + b)', "gettext()"]
)
def test_a_gettext_call_without_a_literal_is_refused(tmp_path: Path, call: str) -> None:
    with pytest.raises(SourceError, match=r"module\.js:1: gettext\(\) takes a string literal"):
        client_msgids(lexed_folder(tmp_path, f"const text = {call};"))


def test_texts_for_people_outside_gettext_are_found(tmp_path: Path) -> None:
    source = """
      show("The server is down.");
      button.textContent = "Undo";
      say(`${label} moved to ${place}.`);
      say(`Removed “${label}”.`);
      if (event.key === "Escape" || event.key === "Enter") {}
      const SELECTOR = "a, button, input:not([type=hidden])";
      element.className = `orderkit-message orderkit-message--${level}`;
      element.id = `id_${name}`;
      headers["Content-Type"] = "application/json";
      ok(gettext("Fine as it is."));
    """
    assert untranslated(lexed_folder(tmp_path, source)) == [
        "module.js:2: The server is down.",
        "module.js:3: Undo",
        "module.js:4: ${} moved to ${}.",
        "module.js:5: Removed “${}”.",
    ]
