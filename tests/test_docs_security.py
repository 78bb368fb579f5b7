"""docs/security.md's table of threats names, for each, a test that shows it: each of those
tests exists, so that the table cannot point at a test renamed or removed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TABLE = (ROOT / "docs" / "security.md").read_text()
SECTION = TABLE.split("## Threats, at a glance", 1)[1].split("\n## ", 1)[0]
NAMED = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", SECTION)


def test_the_table_names_tests() -> None:
    assert len(NAMED) >= 20


@pytest.mark.parametrize(("path", "name"), NAMED, ids=[f"{p}::{n}" for p, n in NAMED])
def test_each_named_test_exists(path: str, name: str) -> None:
    source = (ROOT / path).read_text()
    assert re.search(rf"^(async )?def {name}\(", source, re.MULTILINE), f"{path} has no {name}"
