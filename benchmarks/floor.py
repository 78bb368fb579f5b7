"""orderkit's sparse move beside the floor, request by request.

The floor is the least a Django site does to change one row for a logged-in user: the same
middleware, one JSON body, one ``UPDATE`` (``benchapp.views.set_position``). Both are
called through Django's WSGI handler in this process, as gunicorn's workers call it (no
HTTP, no server), with the same session cookie and CSRF token, in turns: one of each, then
the next round, so that whatever else the machine does falls on both alike.
"""

from __future__ import annotations

import io
import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchmarks import database
from benchmarks.approaches import OrderkitApproach
from benchmarks.benchapp.models import FloorItem
from benchmarks.concurrent import Session
from benchmarks.measure import TRANSACTION_CONTROL, percentile
from benchmarks.paired import Ratio, ratio_of

#: A prepared request: its path and its JSON body.
Prepared = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class Requests:
    """One approach's requests: statements (besides BEGIN and COMMIT) and milliseconds."""

    approach: str
    requests: int
    statements: float
    median_ms: float
    p95_ms: float
    ms: tuple[float, ...] = field(default=(), repr=False)


@dataclass(frozen=True)
class Floor:
    """orderkit's sparse move beside the floor, and the ratio of their times per round."""

    rows: int
    orderkit: Requests
    floor: Requests
    ratio: Ratio


class Caller:
    """Calls the project's WSGI application as a server would, as one logged-in user."""

    def __init__(self, session: Session) -> None:
        self.application = WSGIHandler()
        self.session = session

    def environ(self, path: str, body: bytes) -> dict[str, Any]:
        return {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "SCRIPT_NAME": "",
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_COOKIE": self.session.cookie,
            "HTTP_X_CSRFTOKEN": self.session.token,
            "CONTENT_TYPE": "application/json",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
            "wsgi.errors": sys.stderr,
            "wsgi.url_scheme": "http",
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }

    def post(self, prepared: Prepared) -> None:
        path, data = prepared
        statuses: list[str] = []

        def start(status: str, headers: list[tuple[str, str]], *info: Any) -> Any:
            statuses.append(status)
            return None

        environ = self.environ(path, json.dumps(data).encode())
        answer = b"".join(self.application(environ, cast(Any, start)))
        if not statuses[0].startswith("200"):
            raise RuntimeError(f"{path} answered {statuses[0]}: {answer!r}")


def timed(caller: Caller, prepared: Prepared) -> tuple[float, int]:
    """Milliseconds and statements of one request."""
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        caller.post(prepared)
        elapsed = time.perf_counter() - start
    statements = sum(1 for query in queries if query["sql"] not in TRANSACTION_CONTROL)
    return elapsed * 1000, statements


def summary(name: str, samples: list[tuple[float, int]]) -> Requests:
    times = [ms for ms, _ in samples]
    return Requests(
        approach=name,
        requests=len(samples),
        statements=statistics.median(statements for _, statements in samples),
        median_ms=round(statistics.median(times), 3),
        p95_ms=round(percentile(times, 95), 3),
        ms=tuple(round(ms, 3) for ms in times),
    )


def compare(sparse: OrderkitApproach, rows: int, requests: int, seed: int) -> Floor:
    """``requests`` random sparse moves (a row to the place of another) and as many floor
    writes of one row, in turns, after as many of each to warm up."""
    sparse.setup(rows)
    database.fill(FloorItem, [sparse.groups[0].pk], rows, sparse.spacing)
    caller = Caller(Session.login())
    rng = random.Random(seed)
    label = sparse.model._meta.label_lower
    reorder = reverse("orderkit:reorder", kwargs={"model": label})

    def move() -> Prepared:
        row, anchor = sparse.random_pair(rng)
        side = "before" if anchor.position < row.position else "after"
        return reorder, {"pk": row.pk, side: anchor.pk}

    def write() -> Prepared:
        pk = rng.randint(1, rows)
        return reverse("floor", kwargs={"pk": pk}), {"position": rng.randrange(10**9)}

    prepares: list[Callable[[], Prepared]] = [move, write]
    for _ in range(min(requests, 50)):
        for prepare in prepares:
            caller.post(prepare())
    samples: list[list[tuple[float, int]]] = [[], []]
    for number in range(requests):
        order = (0, 1) if number % 2 == 0 else (1, 0)
        for index in order:
            samples[index].append(timed(caller, prepares[index]()))
    mine, floor = summary(sparse.name, samples[0]), summary("floor", samples[1])
    sparse.setup(0)
    database.fill(FloorItem, [], 0, 1)
    return Floor(rows=rows, orderkit=mine, floor=floor, ratio=ratio_of(mine.ms, floor.ms))
