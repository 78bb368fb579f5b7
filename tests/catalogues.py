"""orderkit's translation catalogues, refreshed by ``make messages``
(``python -m tests.catalogues``):

1. The client's texts: the ``gettext("…")`` calls of static/src, written into
   orderkit/client_texts.py, whose ``gettext_noop()`` calls put them into the catalogues
   beside the server's texts.
2. ``django-admin makemessages`` for each language, over orderkit/ (Python and templates):
   new msgids come in untranslated, gone ones go.
3. ``django-admin compilemessages``: the .mo files, committed, so that the wheel ships them.

Then translate what is new in orderkit/locale/<language>/LC_MESSAGES/django.po and run it
again. tests/test_catalogues.py fails while a text of the client is not in
client_texts.py, a msgid of the sources is missing from a catalogue, a catalogue has an
untranslated or fuzzy entry, or a .mo is not compiled from its .po. It also fails on a text
for people in static/src that is not in a gettext() call (:func:`untranslated`).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

from tests.jslex import Token, tokens

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "orderkit"
CLIENT_SOURCES = ROOT / "static" / "src"
CLIENT_TEXTS = PACKAGE / "client_texts.py"
#: The languages that orderkit ships (German, Spanish, Persian, French).
LANGUAGES = ("de", "es", "fa", "fr")
#: The options of every makemessages run: no line numbers, so a catalogue changes only
#: when its texts do.
MAKEMESSAGES = ["makemessages", "--no-obsolete", "--add-location=file"]
#: event.key values: names of keys, not texts for people.
KEY_NAMES = {"Enter", "Escape", "Spacebar"}
#: Texts for people, unlike selectors, class lists, attribute and event names: in a string,
#: a capitalised word followed by more ("The server", "Removed “"), a capitalised word alone
#: ("Undo"), or a sentence's end ("…reached."); in a template, a word with a space or
#: punctuation ("position ${x} of ${y}", "Removed “${x}”.").
PROSE = re.compile(r"\b[A-Z][a-z]+\s+\S|[a-z]{2,}[.!?…]$")
LABEL = re.compile(r"[A-Z][a-z]+")
WORD = re.compile(r"(?<![\w$-])[A-Za-z]{2,}(?![\w-])")
SPACE_OR_PUNCTUATION = re.compile(r"[\s.,!?…“”«»„]")

HEADER = '''"""The browser client's texts: the msgids of the gettext() calls in static/src.

Written by ``make messages`` (tests/catalogues.py) from the sources: do not edit.
``gettext_noop()`` puts them into orderkit's catalogues beside the server's texts, and
``{% orderkit_script %}`` gives the script their translations in the active language
(:func:`orderkit.controls.client_catalog`).
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

TEXTS = (
'''


class SourceError(ValueError):
    """A gettext() call that `make messages` cannot read: its argument is not a literal."""


def sources(folder: Path = CLIENT_SOURCES) -> Iterator[tuple[str, list[Token]]]:
    for path in sorted(folder.glob("*.js")):
        yield path.name, tokens(path.read_text())


def gettext_calls(name: str, found: list[Token]) -> Iterator[tuple[list[int], str]]:
    """Each ``gettext(`` call: the indexes of its string literals and their msgid (the
    literals joined by ``+``, as JavaScript joins them)."""
    for index, token in enumerate(found):
        if token.kind != "name" or token.text != "gettext":
            continue
        before = found[index - 1] if index else None
        if before is not None and before.text in ("function", "."):
            continue
        if index + 1 >= len(found) or found[index + 1].text != "(":
            continue
        literals, position = [], index + 2
        while position < len(found) and found[position].kind == "string":
            literals.append(position)
            if position + 1 >= len(found) or found[position + 1].text != "+":
                break
            position += 2
        closing = found[literals[-1] + 1] if literals and literals[-1] + 1 < len(found) else None
        if closing is None or closing.text not in ",)":
            raise SourceError(f"{name}:{token.line}: gettext() takes a string literal")
        yield literals, "".join(found[position].text for position in literals)


def client_msgids(folder: Path = CLIENT_SOURCES) -> list[str]:
    """Every msgid of the client, once each, in the order of the sources."""
    found: dict[str, None] = {}
    for name, lexed in sources(folder):
        for _, msgid in gettext_calls(name, lexed):
            found.setdefault(msgid)
    return list(found)


def is_prose(token: Token) -> bool:
    if token.kind == "template":
        text = token.text.replace("${}", "\0")
        return bool(WORD.search(text) and SPACE_OR_PUNCTUATION.search(text))
    if LABEL.fullmatch(token.text):
        return token.text not in KEY_NAMES
    return PROSE.search(token.text) is not None


def untranslated(folder: Path = CLIENT_SOURCES) -> list[str]:
    """The literals of static/src that read as text for people but are not a gettext()
    msgid, as ``file:line: text``."""
    problems = []
    for name, lexed in sources(folder):
        msgids = {position for literals, _ in gettext_calls(name, lexed) for position in literals}
        problems += [
            f"{name}:{token.line}: {token.text}"
            for position, token in enumerate(lexed)
            if token.kind in ("string", "template") and position not in msgids
            if is_prose(token)
        ]
    return problems


def python_literal(text: str, indent: str) -> str:
    """``text`` as Python string literals that fit in 99 columns (one, or several that
    Python joins), each on its own line."""
    width = 99 - len(indent) - len('gettext_noop(""),')
    pieces = textwrap.wrap(
        text, width, drop_whitespace=False, break_on_hyphens=False, replace_whitespace=False
    )
    if "".join(pieces) != text:
        pieces = [text]
    return f"\n{indent}".join(json.dumps(piece, ensure_ascii=False) for piece in pieces)


def client_texts_module(msgids: list[str]) -> str:
    entries = []
    for msgid in msgids:
        literal = python_literal(msgid, " " * 8)
        if "\n" in literal:
            entries.append(f"    gettext_noop(\n        {literal}\n    ),\n")
        else:
            entries.append(f"    gettext_noop({literal}),\n")
    return HEADER + "".join(entries) + ")\n"


def django_admin(*args: str, cwd: Path = PACKAGE) -> None:
    """``django-admin`` in orderkit/ (or a copy of it), without the settings of a project:
    only orderkit's sources and catalogues take part."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    subprocess.run(
        [sys.executable, "-m", "django", *args],
        cwd=cwd,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> int:
    CLIENT_TEXTS.write_text(client_texts_module(client_msgids()))
    problems = untranslated()
    django_admin(*MAKEMESSAGES, *(f"--locale={language}" for language in LANGUAGES))
    django_admin("compilemessages")
    for problem in problems:
        sys.stderr.write(f"tests.catalogues: a text outside gettext(): {problem}\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
