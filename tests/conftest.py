"""Fixtures and hooks of the test suite; the helpers that tests import are in tests.helpers."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Model
from django.dispatch import Signal
from django.test import Client
from django.utils import translation

import orderkit
from orderkit import signals
from orderkit.kit import Kit
from orderkit.registry import registry
from ponies.models import Pony, Stable
from tests.helpers import FIGURES, PostJson, Register, make_user, world
from tests.testapp.models import Board, Card, Label


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if FIGURES:
        terminalreporter.section("orderkit figures")
        for line in FIGURES:
            terminalreporter.write_line(line)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``server_db`` need PostgreSQL or MariaDB: deselect them on SQLite. Tests
    marked ``sqlite_only`` do not use the tests' database at all: run them once, on SQLite."""
    marker = "server_db" if connection.vendor == "sqlite" else "sqlite_only"
    kept = [item for item in items if item.get_closest_marker(marker) is None]
    dropped = [item for item in items if item.get_closest_marker(marker) is not None]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(autouse=True)
def settings_language_after_each_test() -> Iterator[None]:
    """A request through LocaleMiddleware leaves its language active on the thread: each
    test ends back in the settings' language, so that the next one does not speak Spanish."""
    yield
    translation.deactivate()


@pytest.fixture
def editor(db: None) -> User:
    return make_user(
        "editor", "testapp.change_card", "testapp.change_chapter", "testapp.change_label"
    )


@pytest.fixture
def viewer(db: None) -> User:
    return make_user("viewer", "testapp.view_card")


@pytest.fixture
def api(client: Client, editor: User) -> Client:
    client.force_login(editor)
    return client


@pytest.fixture
def post_json(api: Client) -> PostJson:
    def post(url: str, data: Any = None, client: Client | None = None, **extra: Any) -> Any:
        body = json.dumps({} if data is None else data)
        return (client or api).post(url, body, content_type="application/json", **extra)

    return post


@pytest.fixture
def board(db: None) -> Board:
    return Board.objects.create(name="Board")


@pytest.fixture
def cards(board: Board) -> list[Card]:
    return [Card.objects.create(title=f"card {i}", board=board) for i in range(5)]


@pytest.fixture
def other(db: None) -> Board:
    """A second board, for moves between groups."""
    return Board.objects.create(name="Other")


@pytest.fixture
def others(other: Board) -> list[Card]:
    return [Card.objects.create(title=f"other {i}", board=other) for i in range(3)]


@pytest.fixture
def labels(db: None) -> list[Label]:
    return [Label.objects.create(name=name) for name in ("red", "green", "secret")]


@pytest.fixture
def register() -> Iterator[Register]:
    """Register kits in the real registry, and remove them again after the test."""
    added: list[type[Model]] = []

    def add(model: type[Model], /, **options: object) -> Kit:
        if model not in added:
            assert model not in registry, f"the project registers {model}"
            added.append(model)
        kit: Kit = orderkit.register(model, **options)
        return kit

    yield add
    for model in added:
        registry.remove(model)


@pytest.fixture
def ponies(db: None) -> list[Pony]:
    """Two ponies in the North stable, one in the South (pony names are unique per stable)."""
    north, south = Stable.objects.create(name="North"), Stable.objects.create(name="South")
    return [
        Pony.objects.create(name="Bramble", stable=north),
        Pony.objects.create(name="Clover", stable=north),
        Pony.objects.create(name="Dusty", stable=south),
    ]


@pytest.fixture
def groom(client: Client, db: None) -> Client:
    """The test client, logged in as a user who may change ponies."""
    client.force_login(make_user("groom", "ponies.change_pony"))
    return client


@pytest.fixture
def untouched(board: Board, cards: list[Card], labels: list[Label]) -> Iterator[None]:
    """Asserts, after the test, that nothing of the world was written."""
    cards[0].labels.add(labels[0])
    before = world(board)
    yield
    assert world(board) == before


@pytest.fixture
def received() -> Iterator[Callable[[Signal], list[dict[str, Any]]]]:
    seen: dict[Signal, list[dict[str, Any]]] = {}
    hooks = []
    for signal in (
        signals.reordered,
        signals.toggled,
        signals.attached,
        signals.detached,
        signals.edited,
    ):

        def receiver(signal: Signal, **kwargs: Any) -> None:
            seen.setdefault(signal, []).append(kwargs)

        signal.connect(receiver, weak=False)
        hooks.append((signal, receiver))
    yield lambda signal: seen.get(signal, [])
    for signal, receiver in hooks:
        signal.disconnect(receiver)
