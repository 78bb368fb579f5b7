"""The concurrent run: client threads posting JSON moves and toggles to orderkit's
endpoints, served by several server processes, then the invariants checked."""

from __future__ import annotations

import http.client
import json
import random
import secrets
import string
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.test import Client
from django.urls import reverse

from benchmarks import database, invariants
from benchmarks.approaches import OrderkitApproach, superuser
from benchmarks.benchapp.models import FloorItem, Group
from benchmarks.measure import percentile
from benchmarks.server import serving


@dataclass(frozen=True)
class Plan:
    """What the concurrent run does: its table, its servers and its client counts."""

    groups: int
    rows_per_group: int
    workers: int
    clients: tuple[int, ...]
    seconds: float


@dataclass(frozen=True)
class Level:
    """The outcome of one client count."""

    approach: str
    clients: int
    workers: int
    seconds: float
    requests: int
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    ok: int
    conflicts: int
    errors: int
    violations: int


@dataclass
class Tally:
    """One client thread's outcomes."""

    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    flips: Counter[int] = field(default_factory=Counter)


@dataclass(frozen=True)
class Session:
    """A logged-in user's cookies, and the CSRF token to send back in a header."""

    cookie: str
    token: str

    @classmethod
    def login(cls) -> Session:
        client = Client()
        client.force_login(superuser())
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        # Django accepts any 32-character secret of its alphabet as the CSRF cookie, and
        # the same secret in the header.
        token = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        cookies = {settings.SESSION_COOKIE_NAME: session, settings.CSRF_COOKIE_NAME: token}
        return cls(
            cookie="; ".join(f"{name}={value}" for name, value in cookies.items()), token=token
        )


def request_for(
    rng: random.Random, label: str, groups: list[list[int]]
) -> tuple[str, dict[str, object]]:
    """A random move (three in four) or flip, within one random group."""
    pks = rng.choice(groups)
    pk, other = rng.sample(pks, 2)
    kind = rng.choice(["before", "after", "to", "toggle"])
    if kind == "toggle":
        url = reverse(
            "orderkit:toggle", kwargs={"model": label, "pk": str(pk), "field": "is_active"}
        )
        return url, {}
    body: dict[str, object] = {"pk": pk, kind: other}
    if kind == "to":
        body["to"] = rng.choice(["first", "last"])
    return reverse("orderkit:reorder", kwargs={"model": label}), body


#: Makes a client's next request: its URL and JSON body, from the client's generator.
Requests = Callable[[random.Random], tuple[str, dict[str, object]]]


def orderkit_requests(label: str, groups: list[list[int]]) -> Requests:
    return lambda rng: request_for(rng, label, groups)


def floor_requests(pks: list[int]) -> Requests:
    """The floor's: one row's position set (``benchapp.views.set_position``)."""
    return lambda rng: (
        reverse("floor", kwargs={"pk": rng.choice(pks)}),
        {"position": rng.randrange(10**9)},
    )


def client_loop(
    port: int,
    session: Session,
    requests: Requests,
    seed: int,
    deadline: float,
    tally: Tally,
) -> None:
    rng = random.Random(seed)
    headers = {
        "Cookie": session.cookie,
        "X-CSRFToken": session.token,
        "Content-Type": "application/json",
    }
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    while time.monotonic() < deadline:
        url, body = requests(rng)
        start = time.perf_counter()
        try:
            connection.request("POST", url, json.dumps(body), headers)
            response = connection.getresponse()
            answer = response.read()
        except (OSError, http.client.HTTPException):
            # Counted as an error; a flip that the server made anyway shows up as a
            # parity violation.
            connection.close()
            tally.statuses[0] += 1
            continue
        tally.latencies.append((time.perf_counter() - start) * 1000)
        tally.statuses[response.status] += 1
        if response.status == 200 and "toggle" in url and json.loads(answer)["changed"]:
            tally.flips[int(url.split("/")[-4])] += 1


def run_level(
    port: int, session: Session, requests: Requests, clients: int, seconds: float
) -> tuple[Tally, float]:
    """``clients`` threads send requests for ``seconds``; their outcomes, and the time taken."""
    tallies = [Tally() for _ in range(clients)]
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client_loop, args=(port, session, requests, n, deadline, tally))
        for n, tally in enumerate(tallies)
    ]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    total = Tally()
    for tally in tallies:
        total.latencies += tally.latencies
        total.statuses += tally.statuses
        total.flips += tally.flips
    return total, time.monotonic() - start


def run(approach: OrderkitApproach, plan: Plan) -> list[Level]:
    """Fill the approach's table, serve it, and run each client count in turn; check the
    invariants after each."""
    approach.setup(plan.rows_per_group, plan.groups)
    members = {
        group.pk: set(
            approach.model._base_manager.filter(group=group).values_list("pk", flat=True)
        )
        for group in approach.groups
    }
    groups = [sorted(pks) for pks in members.values()]
    flips: Counter[int] = Counter()

    def check(tally: Tally) -> int:
        flips.update(tally.flips)
        return len(invariants.violations(approach.model, members, flips))

    requests = orderkit_requests(approach.model._meta.label_lower, groups)
    return serve(approach.name, requests, plan, check)


def run_floor(plan: Plan) -> list[Level]:
    """The floor under the same server and clients: one row's position set per request, in
    a table of the same size; it promises nothing to check."""
    groups = [
        Group._default_manager.get_or_create(name=f"group {n}")[0] for n in range(plan.groups)
    ]
    database.fill(FloorItem, [group.pk for group in groups], plan.rows_per_group, 1)
    pks = list(FloorItem._base_manager.values_list("pk", flat=True))
    levels = serve("floor", floor_requests(pks), plan, lambda tally: 0)
    database.fill(FloorItem, [], 0, 1)
    return levels


def serve(name: str, requests: Requests, plan: Plan, check: Callable[[Tally], int]) -> list[Level]:
    """Serve the project and run each client count in turn; ``check`` counts what broke."""
    session = Session.login()
    levels = []
    with serving(plan.workers) as server:
        port = server.port
        # A short warm-up: every worker opens its database connection before the clock runs.
        warm, _ = run_level(port, session, requests, plan.workers, 1.0)
        check(warm)
        for clients in plan.clients:
            tally, elapsed = run_level(port, session, requests, clients, plan.seconds)
            violations = check(tally)
            done = sum(tally.statuses.values())
            levels.append(
                Level(
                    approach=name,
                    clients=clients,
                    workers=plan.workers,
                    seconds=round(elapsed, 2),
                    requests=done,
                    requests_per_second=round(done / elapsed, 1),
                    p50_ms=round(percentile(tally.latencies or [0.0], 50), 1),
                    p95_ms=round(percentile(tally.latencies or [0.0], 95), 1),
                    ok=tally.statuses[200],
                    conflicts=tally.statuses[409],
                    errors=done - tally.statuses[200] - tally.statuses[409],
                    violations=violations,
                )
            )
    return levels
