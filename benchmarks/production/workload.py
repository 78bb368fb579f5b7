"""The clients: threads posting moves, reorders and toggles on dense and sparse groups to
one server, each request's outcome kept with its start and end (to tell which fault it
met)."""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from benchmarks.concurrent import Session


@dataclass(frozen=True)
class Table:
    """An orderkit kit's table as the clients see it: its label and its groups' pks."""

    label: str
    groups: tuple[tuple[int, ...], ...]


@dataclass(frozen=True)
class Outcome:
    """One request: when it ran (``time.monotonic()``), what it asked and what it got."""

    start: float
    end: float
    #: The HTTP status; 0 when no answer came (the connection was reset or closed).
    status: int
    #: The error code of a refusal (``conflict``, ``unavailable``, ...); "" otherwise.
    code: str
    retry_after: bool
    #: ``move``, ``order``, ``toggle`` or ``probe``.
    kind: str
    label: str
    pks: tuple[int, ...]
    changed: bool


def request_for(rng: random.Random, tables: list[Table]) -> tuple[str, dict[str, Any], str, str]:
    """A random request on a random group of a random table: a move (one in two: before,
    after, to first or last), a reorder of 2 to 8 of its rows (one in five) or a flip."""
    table = rng.choice(tables)
    group = rng.choice(table.groups)
    draw = rng.random()
    if draw < 0.3:
        pk = rng.choice(group)
        url = reverse(
            "orderkit:toggle", kwargs={"model": table.label, "pk": str(pk), "field": "is_active"}
        )
        return url, {}, "toggle", table.label
    url = reverse("orderkit:reorder", kwargs={"model": table.label})
    if draw < 0.5:
        return url, {"order": rng.sample(group, rng.randint(2, 8))}, "order", table.label
    pk, other = rng.sample(group, 2)
    side = rng.choice(["before", "after", "to"])
    if side == "to":
        return url, {"pk": pk, "to": rng.choice(["first", "last"])}, "move", table.label
    return url, {"pk": pk, side: other}, "move", table.label


def named(url: str, body: dict[str, Any]) -> tuple[int, ...]:
    """The rows a request names: the toggled row, or the rows of a move or a reorder."""
    if "/toggle/" in url:
        return (int(url.split("/")[-4]),)
    if "order" in body:
        return tuple(body["order"])
    return tuple(value for key, value in body.items() if key != "to" and isinstance(value, int))


class Client:
    """One client's connection to the server (reopened after a failure)."""

    def __init__(self, port: int, session: Session) -> None:
        self.port = port
        self.headers = {
            "Cookie": session.cookie,
            "X-CSRFToken": session.token,
            "Content-Type": "application/json",
        }
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def post(self, url: str, body: dict[str, Any], kind: str, label: str) -> Outcome:
        start = time.monotonic()
        try:
            self.connection.request("POST", url, json.dumps(body), self.headers)
            response = self.connection.getresponse()
            answer = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            return Outcome(
                start, time.monotonic(), 0, "", False, kind, label, named(url, body), False
            )
        end = time.monotonic()
        try:
            data = json.loads(answer)
        except ValueError:
            data = {}
        errors = data.get("errors", {}) if isinstance(data, dict) else {}
        code = errors["__all__"][0]["code"] if "__all__" in errors else ""
        return Outcome(
            start,
            end,
            response.status,
            code,
            response.getheader("Retry-After") is not None,
            kind,
            label,
            named(url, body),
            bool(isinstance(data, dict) and data.get("changed")),
        )


def run_clients(
    port: int, session: Session, tables: list[Table], clients: int, seconds: float, seed: int
) -> tuple[list[Outcome], float]:
    """``clients`` threads post for ``seconds``; every outcome, and the time it took."""
    outcomes: list[list[Outcome]] = [[] for _ in range(clients)]
    deadline = time.monotonic() + seconds

    def loop(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        client = Client(port, session)
        while time.monotonic() < deadline:
            outcomes[number].append(client.post(*request_for(rng, tables)))

    threads = [threading.Thread(target=loop, args=(n,)) for n in range(clients)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [outcome for mine in outcomes for outcome in mine], time.monotonic() - start
