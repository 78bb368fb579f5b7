"""The code blocks of the docs that the quickstart test applies, found by their markers.

A marker is an HTML comment on the line before a fenced code block (invisible once the
Markdown is rendered)::

    <!-- quickstart: run -->                      the block's shell commands are run
    <!-- quickstart: file ponies/models.py -->    the block is the whole file
    <!-- quickstart: append mysite/settings.py --> the block is added at the file's end
    <!-- quickstart: excerpt ponies/admin.py -->  each statement of the block is in the file

Paths are relative to the project's folder. A block inside a list item is indented: the
marker and the fence are indented alike, and the block is read without that indent.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

#: Each action, with how many paths it takes.
ACTIONS = {
    "run": (range(1), "no path"),
    "file": (range(1, 2), "one path"),
    "append": (range(1, 2), "one path"),
    "excerpt": (range(1, 100), "one or more paths"),
}
MARKER = re.compile(r"^(?P<indent>\s*)<!-- quickstart: (?P<action>\S+)(?P<paths>[^>]*?) -->$")
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>```+)(?P<info>\S*)")


class MarkerError(ValueError):
    """A marker that names no known action, a wrong number of paths, or no block."""


@dataclass(frozen=True)
class Block:
    where: str  # "docs/quickstart.md:12", for messages
    action: str
    paths: tuple[str, ...]
    language: str
    text: str


def blocks_of(path: Path, root: Path) -> list[Block]:
    """The marked blocks of one Markdown file, in their order."""
    lines = path.read_text().splitlines()
    name = path.relative_to(root).as_posix()
    found = []
    for number, line in enumerate(lines):
        marker = MARKER.match(line)
        if marker is None:
            continue
        where = f"{name}:{number + 1}"
        action, paths = marker["action"], tuple(marker["paths"].split())
        if action not in ACTIONS:
            raise MarkerError(f"{where}: unknown action {action!r} (one of {', '.join(ACTIONS)})")
        counts, takes = ACTIONS[action]
        if len(paths) not in counts:
            raise MarkerError(f"{where}: {action!r} takes {takes}")
        language, text = fenced_after(lines, number + 1, where)
        found.append(Block(where, action, paths, language, text))
    return found


def fenced_after(lines: list[str], start: int, where: str) -> tuple[str, str]:
    """The language and the dedented text of the fenced block that starts at ``start``."""
    opening = FENCE.match(lines[start]) if start < len(lines) else None
    if opening is None:
        raise MarkerError(f"{where}: the marker is not followed by a fenced code block")
    indent, fence = opening["indent"], opening["fence"]
    for end in range(start + 1, len(lines)):
        if lines[end].strip() == fence and lines[end].startswith(indent):
            body = "\n".join(lines[start + 1 : end])
            return opening["info"], textwrap.dedent(body) + "\n"
    raise MarkerError(f"{where}: the code block is not closed")
