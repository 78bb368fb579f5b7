"""Helpers that the tests share: users, URLs, orders, a lock held by another connection, and
kits for the system checks."""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.core.checks import CheckMessage
from django.db import connection, transaction
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from orderkit.kit import Kit
from tests.testapp.models import Board, Card

PostJson = Callable[..., Any]

#: Lines that tests report at the end of the run (the concurrency test's figures).
FIGURES: list[str] = []


def make_user(username: str, *perms: str, staff: bool = False) -> User:
    user = User.objects.create_user(username, password="pw", is_staff=staff)
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return User.objects.get(pk=user.pk)


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


def edit_url(obj: Any, field: str = "title") -> str:
    return reverse(
        "orderkit:edit",
        kwargs={"model": obj._meta.label_lower, "pk": str(obj.pk), "field": field},
    )


def order_of(board: Board | None) -> list[str]:
    return list(
        Card.objects.filter(board=board).order_by("position", "pk").values_list("title", flat=True)
    )


def kit_for(model: type[Model], **options: object) -> Kit:
    """A kit built like ``orderkit.register(model, **options)``, but not registered."""
    kit_class = type(f"{model.__name__}Kit", (Kit,), dict(options))
    kit: Kit = kit_class(model)
    return kit


def only(messages: Sequence[CheckMessage]) -> CheckMessage:
    assert len(messages) == 1, messages
    return messages[0]


class Register(Protocol):
    """The ``register`` fixture: ``orderkit.register(model, **options)``, undone after the
    test."""

    def __call__(self, model: type[Model], /, **options: object) -> Kit: ...


def errors_of(response: Any, status: int) -> dict[str, list[dict[str, str]]]:
    """The ``errors`` object of a JSON error response, after checking its status and shape."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert list(body) == ["errors"]
    for field_errors in body["errors"].values():
        for error in field_errors:
            assert set(error) == {"message", "code"}
            assert isinstance(error["message"], str)
            assert error["message"]
    return dict(body["errors"])


def code_of(response: Any, status: int, field: str = "__all__") -> str:
    errors = errors_of(response, status)
    assert field in errors, errors
    return errors[field][0]["code"]


def world(board: Board) -> tuple[object, ...]:
    """What the requests of a test could write: the board's order, every card's flag and
    title, every card's labels, and the admin's log."""
    return (
        order_of(board),
        list(Card.objects.order_by("pk").values_list("is_done", "title")),
        list(Card.labels.through.objects.values_list("card_id", "label_id")),
        LogEntry.objects.count(),
    )


#: A request that a writer posts: (status, URL, JSON answer).
Outcome = tuple[int, str, dict[str, Any]]


def run_writers(
    session: str,
    writers: int,
    requests: int,
    draw: Callable[[random.Random], tuple[str, dict[str, Any]]],
) -> list[Outcome]:
    """``writers`` threads, each on its own database connection with the session cookie
    ``session``, all starting at once, post ``requests`` JSON requests each, which ``draw``
    makes (seeded by the writer's number); the outcome of every request."""
    outcomes: list[Outcome] = []
    start = threading.Barrier(writers)

    def writer(number: int) -> None:
        client = Client()
        client.cookies["sessionid"] = session
        generator = random.Random(number)
        try:
            start.wait()
            for _ in range(requests):
                url, body = draw(generator)
                response = client.post(url, json.dumps(body), content_type="application/json")
                outcomes.append((response.status_code, url, response.json()))
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(number,)) for number in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes
