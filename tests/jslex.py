"""Just enough of a JavaScript lexer to read the client's texts: string literals, template
literals (with the code of their ``${…}`` lexed too), names and punctuation, with comments
and regular expression literals left out. tests/catalogues.py reads static/src with it."""

from __future__ import annotations

import re
from dataclasses import dataclass

NAME = re.compile(r"[A-Za-z_$][\w$]*")
NUMBER = re.compile(r"\d[\w.]*")
#: After these, a ``/`` starts a regular expression, not a division.
BEFORE_REGEX_PUNCT = set("(,=:[!&|?{};+-*%<>~^")
BEFORE_REGEX_NAMES = {"return", "typeof", "case", "do", "else", "in", "of", "new", "delete"}
BEFORE_REGEX_NAMES |= {"void", "throw", "instanceof", "yield", "await"}
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}


class LexError(ValueError):
    """Source that this lexer does not read: an unclosed string, comment or template."""


@dataclass(frozen=True)
class Token:
    kind: str  # "string", "template", "name", "number", "punct", "regex"
    text: str  # a string's value; a template's text, each ${…} as "${}"
    line: int


def tokens(source: str) -> list[Token]:
    found, end = lex(source, 0, inside_braces=False)
    if end != len(source):
        raise LexError(f"line {line_at(source, end)}: a '}}' closes nothing")
    return found


def line_at(source: str, index: int) -> int:
    return source.count("\n", 0, index) + 1


def lex(source: str, start: int, *, inside_braces: bool) -> tuple[list[Token], int]:
    """The tokens from ``start``; inside a template's ``${…}``, up to its closing brace."""
    found: list[Token] = []
    depth = 0
    i = start
    while i < len(source):
        char = source[i]
        if char.isspace():
            i += 1
        elif source.startswith("//", i):
            newline = source.find("\n", i)
            i = len(source) if newline == -1 else newline
        elif source.startswith("/*", i):
            close = source.find("*/", i + 2)
            if close == -1:
                raise LexError(f"line {line_at(source, i)}: unclosed comment")
            i = close + 2
        elif char in "\"'":
            value, after = read_string(source, i)
            found.append(Token("string", value, line_at(source, i)))
            i = after
        elif char == "`":
            i = read_template(source, i, found)
        elif char == "/" and regex_may_start(found):
            i = skip_regex(source, i)
            found.append(Token("regex", "", line_at(source, i)))
        elif match := NAME.match(source, i):
            found.append(Token("name", match.group(), line_at(source, i)))
            i = match.end()
        elif match := NUMBER.match(source, i):
            found.append(Token("number", match.group(), line_at(source, i)))
            i = match.end()
        else:
            if char == "{":
                depth += 1
            elif char == "}":
                if depth == 0 and inside_braces:
                    return found, i
                depth -= 1
            found.append(Token("punct", char, line_at(source, i)))
            i += 1
    if inside_braces:
        raise LexError(f"line {line_at(source, start)}: unclosed ${{…}} in a template")
    return found, i


def regex_may_start(found: list[Token]) -> bool:
    if not found:
        return True
    last = found[-1]
    if last.kind == "punct":
        return last.text in BEFORE_REGEX_PUNCT
    return last.kind == "name" and last.text in BEFORE_REGEX_NAMES


def read_string(source: str, start: int) -> tuple[str, int]:
    """The value of the string literal at ``start`` and the index after it."""
    quote = source[start]
    value: list[str] = []
    i = start + 1
    while i < len(source) and source[i] != quote:
        if source[i] == "\n":
            break
        if source[i] == "\\":
            char, i = read_escape(source, i)
            value.append(char)
        else:
            value.append(source[i])
            i += 1
    if i >= len(source) or source[i] != quote:
        raise LexError(f"line {line_at(source, start)}: unclosed string")
    return "".join(value), i + 1


def read_escape(source: str, start: int) -> tuple[str, int]:
    """The character of the escape at ``start`` (a backslash) and the index after it."""
    char = source[start + 1]
    if char == "x":
        return chr(int(source[start + 2 : start + 4], 16)), start + 4
    if char == "u" and source[start + 2] == "{":
        close = source.index("}", start)
        return chr(int(source[start + 3 : close], 16)), close + 1
    if char == "u":
        return chr(int(source[start + 2 : start + 6], 16)), start + 6
    if char == "\n":
        return "", start + 2
    return ESCAPES.get(char, char), start + 2


def read_template(source: str, start: int, found: list[Token]) -> int:
    """Adds the template literal at ``start`` (then the tokens of its ``${…}``) to ``found``;
    the index after it."""
    text: list[str] = []
    inner: list[Token] = []
    i = start + 1
    while i < len(source) and source[i] != "`":
        if source[i] == "\\":
            char, i = read_escape(source, i)
            text.append(char)
        elif source.startswith("${", i):
            expression, close = lex(source, i + 2, inside_braces=True)
            inner += expression
            text.append("${}")
            i = close + 1
        else:
            text.append(source[i])
            i += 1
    if i >= len(source):
        raise LexError(f"line {line_at(source, start)}: unclosed template")
    found.append(Token("template", "".join(text), line_at(source, start)))
    found += inner
    return i + 1


def skip_regex(source: str, start: int) -> int:
    """The index after the regular expression literal at ``start``, flags included."""
    i, in_class = start + 1, False
    while i < len(source) and source[i] != "\n":
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "/" and not in_class:
            match = NAME.match(source, i + 1)
            return match.end() if match else i + 1
        i += 1
    raise LexError(f"line {line_at(source, start)}: unclosed regular expression")
