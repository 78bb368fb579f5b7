"""A rule-based state machine (Hypothesis) that drives the real endpoints with moves, block
moves, order lists, toggles, attaches and detaches on a dense kit (cards) and a sparse one
(steps), mixed with legacy writes from outside orderkit (a duplicate or a NULL position
written with ``.update()``), and holds the database to a plain Python model after every step."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.db import connection, transaction
from django.db.models import Model
from django.test import Client, TestCase
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from orderkit import signals
from tests.fuzzing import PROFILE, counted_breaks, report, tally
from tests.helpers import link_url, make_user, reorder_url, toggle_url
from tests.list_model import Kind, Op, apply_to_list
from tests.testapp.models import Board, Card, Label, Step

SIZE = 5
MODELS: dict[str, type[Card] | type[Step]] = {"dense": Card, "sparse": Step}


def stored_order(model: type[Model], board: Board) -> list[int]:
    """The group's order as orderkit reads it: by (position, pk), NULLs last."""
    rows = model._default_manager.filter(board=board).values_list("pk", "position")
    return [
        pk for pk, position in sorted(rows, key=lambda row: (row[1] is None, row[1] or 0, row[0]))
    ]


def positions_of(model: type[Model], board: Board) -> list[int | None]:
    return list(model._default_manager.filter(board=board).values_list("position", flat=True))


class Endpoints(RuleBasedStateMachine):
    """One dense and one sparse group, the cards' flags and labels, and their model."""

    def __init__(self) -> None:
        super().__init__()
        self.savepoint: AbstractContextManager[Any] = transaction.atomic()
        self.savepoint.__enter__()
        self.boards = {kind: Board.objects.create(name=kind) for kind in MODELS}
        self.rows = {
            kind: [
                model.objects.create(title=f"{kind} {i}", board=self.boards[kind]).pk
                for i in range(SIZE)
            ]
            for kind, model in MODELS.items()
        }
        self.orders = {kind: list(rows) for kind, rows in self.rows.items()}
        self.dirty: set[str] = set()
        self.flags = dict.fromkeys(self.rows["dense"], False)
        self.labels = [Label.objects.create(name=name).pk for name in ("red", "green")]
        self.links: set[tuple[int, int]] = set()
        self.client = Client()
        self.client.force_login(make_user("editor", "testapp.change_card", "testapp.change_step"))
        self.logged = 0
        self.signalled = 0
        self.counting = {"n": 0}
        for signal in SIGNALS:
            signal.connect(self.count_signal, weak=False)

    def count_signal(self, **kwargs: Any) -> None:
        self.counting["n"] += 1

    def teardown(self) -> None:
        for signal in SIGNALS:
            signal.disconnect(self.count_signal)
        transaction.set_rollback(True)
        self.savepoint.__exit__(None, None, None)

    def post(self, url: str, body: dict[str, Any], *, renumbers: bool = False) -> dict[str, Any]:
        """Post ``body``; a change has its signal and its LogEntry (which a renumbering of a
        legacy group may leave out: orderkit logs the named rows that moved)."""
        before = self.counting["n"]
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, json.dumps(body), content_type="application/json")
        tally(response)
        with counted_breaks():
            assert response.status_code == 200, response.content
            answer: dict[str, Any] = response.json()
            signalled = self.counting["n"] - before
            assert signalled == int(answer["changed"])
            logged = LogEntry.objects.count()
            if not (renumbers and answer["changed"]):
                assert (logged > self.logged) == answer["changed"]
            self.logged = logged
        return answer

    # Moves and order lists, against apply_to_list.

    @rule(
        kind=st.sampled_from(list(MODELS)),
        how=st.sampled_from(["before", "after", "first", "last"]),
        moved=st.integers(0, SIZE - 1),
        anchor=st.integers(0, SIZE - 1),
    )
    def move(self, kind: str, how: Kind, moved: int, anchor: int) -> None:
        pks = self.rows[kind]
        if how in ("first", "last"):
            op, body = Op(how, (pks[moved],)), {"pk": pks[moved], "to": how}
        else:
            anchor = anchor if anchor != moved else (moved + 1) % SIZE
            op = Op(how, (pks[moved], pks[anchor]))
            body = {"pk": pks[moved], how: pks[anchor]}
        self.reorder(kind, op, body)

    @rule(
        kind=st.sampled_from(list(MODELS)),
        how=st.sampled_from(["before", "after"]),
        data=st.data(),
    )
    def block(self, kind: str, how: Kind, data: st.DataObject) -> None:
        """A block of one to three rows next to another row (the last one drawn)."""
        drawn = st.lists(st.sampled_from(self.rows[kind]), min_size=2, max_size=4, unique=True)
        picked = data.draw(drawn)
        body = {"pks": picked[:-1], how: picked[-1]}
        self.reorder(kind, Op(how, tuple(picked)), body)

    @rule(kind=st.sampled_from(list(MODELS)), data=st.data())
    def order(self, kind: str, data: st.DataObject) -> None:
        listed = data.draw(
            st.lists(st.sampled_from(self.rows[kind]), min_size=1, max_size=SIZE, unique=True)
        )
        self.reorder(kind, Op("order", tuple(listed)), {"order": [str(pk) for pk in listed]})

    def reorder(self, kind: str, op: Op, body: dict[str, Any]) -> None:
        """Post ``body``, then hold the stored order to ``op``'s; ``changed`` says whether
        the order changed."""
        model = MODELS[kind]
        url = reorder_url(model._meta.label_lower)
        board = self.boards[kind]
        old, positions = self.orders[kind], positions_of(model, board)
        dirty = kind in self.dirty
        met = self.meets_legacy(model, op, positions)
        answer = self.post(url, body, renumbers=dirty)
        wanted = apply_to_list(old, op)
        with counted_breaks():
            if not dirty or met:
                # docs/endpoints.md, "Legacy groups": a reorder that meets a NULL or a
                # duplicate renumbers the group, then applies the request to its order.
                assert stored_order(model, board) == wanted
                assert self.sound(kind)
                assert answer["changed"] == (dirty or wanted != old)
            elif not answer["changed"]:
                assert positions_of(model, board) == positions
        # Legacy rows that the request did not meet may stay where they were.
        self.orders[kind] = stored_order(model, board)
        if self.sound(kind):
            self.dirty.discard(kind)

    @staticmethod
    def meets_legacy(model: type[Model], op: Op, positions: list[int | None]) -> bool:
        """Whether a named row held NULL or a position that another row held too, or the
        request goes to the end of a group that holds NULL (NULLs come last)."""
        named = model._default_manager.filter(pk__in=op.pks).values_list("position", flat=True)
        if op.kind == "last" and None in positions:
            return True
        return any(position is None or positions.count(position) > 1 for position in named)

    # Toggles and links, against a dict and a set.

    @rule(index=st.integers(0, SIZE - 1), value=st.sampled_from([None, True, False]))
    def toggle(self, index: int, value: bool | None) -> None:
        pk = self.rows["dense"][index]
        card = Card.objects.get(pk=pk)
        answer = self.post(toggle_url(card), {} if value is None else {"value": value})
        wanted = not self.flags[pk] if value is None else value
        with counted_breaks():
            assert answer["changed"] == (wanted != self.flags[pk])
            assert answer["value"] == wanted
        self.flags[pk] = wanted

    @rule(
        action=st.sampled_from(["attach", "detach"]),
        index=st.integers(0, SIZE - 1),
        label=st.integers(0, 1),
    )
    def link(self, action: str, index: int, label: int) -> None:
        pair = (self.rows["dense"][index], self.labels[label])
        card = Card.objects.get(pk=pair[0])
        answer = self.post(link_url(action, card), {"pk": pair[1]})
        with counted_breaks():
            assert answer["changed"] == ((pair in self.links) == (action == "detach"))
        if action == "attach":
            self.links.add(pair)
        else:
            self.links.discard(pair)

    # Legacy writes: what code outside orderkit leaves behind.

    @precondition(lambda self: connection.vendor != "postgresql")
    @rule(
        kind=st.sampled_from(list(MODELS)),
        row=st.integers(0, SIZE - 1),
        twin=st.integers(0, SIZE - 1),
    )
    def legacy_duplicate(self, kind: str, row: int, twin: int) -> None:
        """A position that another row holds (PostgreSQL's deferred constraint forbids it for
        steps at commit, so it is not written there)."""
        model, pks = MODELS[kind], self.rows[kind]
        taken = model._default_manager.get(pk=pks[twin]).position
        model._default_manager.filter(pk=pks[row]).update(position=taken)
        self.legacy_written(kind)

    @rule(kind=st.sampled_from(list(MODELS)), row=st.integers(0, SIZE - 1))
    def legacy_null(self, kind: str, row: int) -> None:
        MODELS[kind]._default_manager.filter(pk=self.rows[kind][row]).update(position=None)
        self.legacy_written(kind)

    def legacy_written(self, kind: str) -> None:
        self.orders[kind] = stored_order(MODELS[kind], self.boards[kind])
        if not self.sound(kind):
            self.dirty.add(kind)

    def sound(self, kind: str) -> bool:
        taken = positions_of(MODELS[kind], self.boards[kind])
        if None in taken or len(set(taken)) != len(taken):
            return False
        return kind != "dense" or sorted(taken) == list(range(SIZE))  # type: ignore[type-var]

    @invariant()
    def matches_the_model(self) -> None:
        with counted_breaks():
            for kind in MODELS:
                if kind not in self.dirty:
                    assert self.sound(kind), positions_of(MODELS[kind], self.boards[kind])
                assert stored_order(MODELS[kind], self.boards[kind]) == self.orders[kind]
            stored = Card.objects.filter(pk__in=self.flags).values_list("pk", "is_done")
            assert dict(stored) == self.flags
            links = Card.labels.through.objects.values_list("card_id", "label_id")
            assert set(links) == self.links


SIGNALS = (signals.reordered, signals.toggled, signals.attached, signals.detached)


@pytest.fixture(autouse=True, scope="module")
def figures() -> Iterator[None]:
    yield
    report("state machine")


def test_the_endpoints_follow_the_model(db: None) -> None:
    # A run is a dozen requests or more: a quarter of the examples of a request's fuzz.
    run_state_machine_as_test(
        Endpoints, settings=settings(PROFILE, max_examples=max(PROFILE.max_examples // 4, 1))
    )
