"""What the fuzz tests share: their Hypothesis profiles, the documented error table, the
world they write in (cards, steps, ponies, labels, users), its snapshot and its invariants,
and their figures (requests, statuses seen, invariant breaks).

``ORDERKIT_FUZZ=long`` (``make fuzz``) picks the long profile, with
``ORDERKIT_FUZZ_EXAMPLES`` examples a test (2000 by default); otherwise the bounded ``ci``
profile keeps the fuzz tests within seconds on each database.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Model
from hypothesis import HealthCheck, settings

from ponies.models import Pony, Stable
from tests.helpers import FIGURES, make_user
from tests.testapp.models import Board, Card, Label, Step

# Function-scoped fixtures (``db``, ``received``) are not reset between examples: every
# example builds its world inside a savepoint that it rolls back (see ``rolled_back``).
_SHARED = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile("fuzz-ci", _SHARED, max_examples=40, stateful_step_count=12)
settings.register_profile(
    "fuzz-long",
    _SHARED,
    max_examples=int(os.environ.get("ORDERKIT_FUZZ_EXAMPLES", "2000")),
    stateful_step_count=40,
)
LONG = os.environ.get("ORDERKIT_FUZZ") == "long"
PROFILE = settings.get_profile("fuzz-long" if LONG else "fuzz-ci")

#: docs/endpoints.md's table: the error codes that each status may carry. 500 and 503 are
#: documented too, but with the database in reach either one is a defect.
CODES: dict[int, set[str]] = {
    400: {
        "bad_request",
        "invalid_json",
        "required",
        "ambiguous",
        "invalid",
        "invalid_choice",
        "duplicate",
        "too_many",
        "other_group",
        "unexpected",
        # Edit: the model's own codes for a title.
        "max_length",
        "blank",
    },
    403: {"csrf_failed", "login_required", "permission_denied"},
    404: {"not_found"},
    405: {"method_not_allowed"},
    409: {"conflict"},
    411: {"length_required"},
    413: {"too_large"},
    415: {"unsupported_media_type"},
}
#: What a caller who may not act can be answered, whatever the body: its headers and its
#: parse are judged first (docs/endpoints.md, "The order of the checks").
BEFORE_LOGIN = {(400, "bad_request"), (400, "too_many"), (405, "method_not_allowed")} | {
    (411, "length_required"),
    (413, "too_large"),
}
FIELDS = {"__all__", "pk", "pks", "before", "after", "to", "order", "group", "value"} | {
    "updatedItems"
}

TALLY: Counter[str] = Counter()


def report(name: str) -> None:
    """Add the figures of the fuzz test ``name`` to the run's summary, and start anew."""
    statuses = ", ".join(
        f"{key[7:]}: {TALLY[key]}" for key in sorted(TALLY) if key.startswith("status ")
    )
    FIGURES.append(
        f"fuzz {name}: {TALLY['requests']} requests, statuses {{{statuses}}}, "
        f"invariant breaks {TALLY['breaks']}"
    )
    TALLY.clear()


@contextmanager
def counted_breaks() -> Iterator[None]:
    try:
        yield
    except AssertionError:
        TALLY["breaks"] += 1
        raise


def error_pairs(response: Any) -> list[tuple[str, str]]:
    """The (field, code) pairs of an error answer, after checking its documented shape and
    that each code belongs to the answer's status."""
    status = response.status_code
    assert status in CODES, (status, response.content)
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert isinstance(body, dict)
    assert list(body) == ["errors"]
    assert isinstance(body["errors"], dict)
    assert body["errors"]
    pairs = []
    for field, errors in body["errors"].items():
        assert field in FIELDS, field
        assert isinstance(errors, list)
        assert errors
        for error in errors:
            assert isinstance(error, dict)
            assert set(error) == {"message", "code"}
            assert isinstance(error["message"], str)
            assert error["message"]
            assert error["code"] in CODES[status], (status, error)
            pairs.append((field, error["code"]))
    if status == 405:
        assert response["Allow"] == "POST"
    return pairs


def tally(response: Any) -> None:
    TALLY["requests"] += 1
    TALLY[f"status {response.status_code}"] += 1


@dataclass
class World:
    """The rows of one example: a dense board of cards (one hidden: outside the kit's
    scope), another board, a sparse board of steps, a stable of ponies (the admin's), the
    labels (``secret`` is outside the related scope) and the users."""

    board: Board
    other: Board
    cards: list[Card]
    hidden: Card
    strangers: list[Card]
    steps: list[Step]
    stable: Stable
    ponies: list[Pony]
    labels: list[Label]
    users: dict[str, User | None]


def build_world() -> World:
    board, other, steps_board = (Board.objects.create(name=name) for name in "ABS")
    cards = [Card.objects.create(title=f"card {i}", board=board) for i in range(4)]
    hidden = Card.objects.create(title="hidden", board=board, is_hidden=True)
    strangers = [Card.objects.create(title=f"other {i}", board=other) for i in range(2)]
    steps = [Step.objects.create(title=f"step {i}", board=steps_board) for i in range(4)]
    stable = Stable.objects.create(name="Sunny")
    ponies = [Pony.objects.create(name=f"pony {i}", stable=stable) for i in range(4)]
    labels = [Label.objects.create(name=name) for name in ("red", "green", "secret")]
    cards[0].labels.add(labels[0], labels[2])
    users: dict[str, User | None] = {
        "anonymous": None,
        "viewer": make_user("viewer", "testapp.view_card", "ponies.view_pony", staff=True),
        "editor": make_user(
            "editor",
            "testapp.change_card",
            "testapp.change_label",
            "testapp.change_step",
            "ponies.change_pony",
            "ponies.view_pony",
            staff=True,
        ),
    }
    return World(board, other, cards, hidden, strangers, steps, stable, ponies, labels, users)


@contextmanager
def rolled_back() -> Iterator[None]:
    """A savepoint that is rolled back whatever happens in it: one example's world."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def snapshot() -> tuple[object, ...]:
    """Everything a request could write: positions, flags, titles, links, the admin's log."""
    return (
        list(Card.objects.order_by("pk").values_list("board", "position", "is_done", "title")),
        list(Step.objects.order_by("pk").values_list("position", "is_done")),
        list(Pony.objects.order_by("pk").values_list("position", "is_active", "name")),
        sorted(Card.labels.through.objects.values_list("card_id", "label_id")),
        LogEntry.objects.count(),
    )


#: The ordered models of the world, their group column and whether their kit is dense.
ORDERED: list[tuple[type[Model], str, bool]] = [
    (Card, "board_id", True),
    (Step, "board_id", False),
    (Pony, "stable_id", True),
]


def assert_positions_sound() -> None:
    """No NULL and no duplicate position in any group; a dense group is 0, 1, 2, ..."""
    for model, group, dense in ORDERED:
        groups: dict[object, list[int]] = defaultdict(list)
        for key, position in model._default_manager.values_list(group, "position"):
            assert position is not None, (model, key)
            groups[key].append(position)
        for key, taken in groups.items():
            assert len(set(taken)) == len(taken), (model, key, sorted(taken))
            if dense:
                assert sorted(taken) == list(range(len(taken))), (model, key, sorted(taken))
