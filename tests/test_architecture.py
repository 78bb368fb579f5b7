"""The layers of docs/architecture.md, held against the code: a module imports only from the
layers under its own, or from its own package. Type-only imports count too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import orderkit

ROOT = Path(orderkit.__file__).parent

#: From the bottom up; each name is a module or a package of orderkit.
LAYERS: list[set[str]] = [
    {"exceptions", "conf", "signals", "models", "client_texts", "kitrelations"},
    {"kit"},
    {"registry", "fields"},
    {"access", "operations", "controls", "http"},
    {"forms", "chips", "checks"},
    {"views", "templatetags", "management"},
    {"admin"},
    {"apps", "urls", "__init__"},
]
RANK = {name: index for index, names in enumerate(LAYERS) for name in names}


def room_of(path: Path) -> str:
    """``operations`` for orderkit/operations/moving.py, ``kit`` for orderkit/kit.py."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return parts[0]


def imported_rooms(path: Path) -> set[str]:
    rooms: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module is not None:
            parts = node.module.split(".")
            if parts[0] != "orderkit":
                continue
            if len(parts) > 1:
                rooms.add(parts[1])
            else:  # from orderkit import operations, signals
                rooms.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "orderkit" and len(parts) > 1:
                    rooms.add(parts[1])
    return rooms


MODULES = sorted(
    path for path in ROOT.rglob("*.py") if room_of(path) not in ("migrations", "static")
)


def test_every_room_has_a_layer() -> None:
    assert {room_of(path) for path in MODULES} <= set(RANK)


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_imports_go_down_the_layers(path: Path) -> None:
    room = room_of(path)
    wrong = sorted(
        other
        for other in imported_rooms(path)
        if other != room and RANK.get(other, len(LAYERS)) >= RANK[room]
    )
    assert wrong == [], f"{room} (layer {RANK[room]}) may not import {wrong}"


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_modules_stay_small(path: Path) -> None:
    assert len(path.read_text().splitlines()) <= 250
