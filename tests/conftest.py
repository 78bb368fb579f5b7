from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from tests.testapp.models import Board, Card, Label

PostJson = Callable[..., Any]

#: Lines that tests report at the end of the run (the concurrency test's figures).
FIGURES: list[str] = []


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


def make_user(username: str, *perms: str, staff: bool = False) -> User:
    user = User.objects.create_user(username, password="pw", is_staff=staff)
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return User.objects.get(pk=user.pk)


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
def labels(db: None) -> list[Label]:
    return [Label.objects.create(name=name) for name in ("red", "green", "secret")]


@contextmanager
def held_elsewhere(take: Callable[[], object]) -> Iterator[None]:
    """Run ``take`` in a transaction of another connection, held open until the block ends."""
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with transaction.atomic():
                take()
                taken.set()
                release.wait(10)
        finally:
            connection.close()

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert taken.wait(10)
        yield
    finally:
        release.set()
        holder.join()


def assert_session_lock_timeout_untouched() -> None:
    """The lock timeout that a request set ended with its transaction (PostgreSQL) or its
    statement (MariaDB): the connection is back to the server's default."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW lock_timeout")
            assert cursor.fetchone() == ("0",)
        else:
            cursor.execute("SELECT @@SESSION.innodb_lock_wait_timeout")
            assert cursor.fetchone() == (50,)


def reorder_url(label: str = "testapp.card") -> str:
    return reverse("orderkit:reorder", kwargs={"model": label})


def toggle_url(obj: Any, field: str = "is_done") -> str:
    return reverse(
        "orderkit:toggle",
        kwargs={"model": obj._meta.label_lower, "pk": str(obj.pk), "field": field},
    )


def link_url(action: str, obj: Any, relation: str = "labels") -> str:
    return reverse(
        f"orderkit:{action}",
        kwargs={"model": obj._meta.label_lower, "pk": str(obj.pk), "relation": relation},
    )


def order_of(board: Board | None) -> list[str]:
    return list(
        Card.objects.filter(board=board).order_by("position", "pk").values_list("title", flat=True)
    )
