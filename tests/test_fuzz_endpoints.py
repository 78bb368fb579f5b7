"""Fuzzing the endpoints (reorder, toggle, attach, detach, edit) and the admin's drag endpoint
with Hypothesis: any body (JSON of any shape, form fields, multipart, wrong or missing
content types, bytes in odd encodings), any caller (anonymous, without permission, editor)
and any row (existing, absent, of another group, outside the scope). After each request:
the status and the error codes are the documented ones, an error body has the documented
shape, a refusal changes nothing, every group keeps sound positions, and ``changed: true``
is answered exactly when something changed, with its LogEntry and its signal."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import pytest
from django.contrib.admin.models import LogEntry
from django.dispatch import Signal
from django.test import Client, TestCase
from hypothesis import given
from hypothesis import strategies as st

from orderkit import signals
from orderkit.registry import registry
from tests.admin.helpers import UPDATE_URL
from tests.fuzzing import (
    BEFORE_LOGIN,
    PROFILE,
    World,
    assert_positions_sound,
    build_world,
    counted_breaks,
    error_pairs,
    report,
    rolled_back,
    snapshot,
    tally,
)
from tests.helpers import edit_url, link_url, reorder_url, toggle_url
from tests.testapp.models import Card

Received = Callable[[Signal], list[dict[str, Any]]]


@dataclass(frozen=True)
class Ref:
    """A row of the world, named before the world exists; sent as a number or a string."""

    role: str
    as_text: bool


ROWS = ("card0", "card1", "card3", "hidden", "stranger", "step0", "step2", "pony0", "pony3")
LABELS = ("red", "green", "secret")


def resolve(world: World, role: str, target: str) -> object:
    """The pk of ``role`` in ``world`` (an absent or malformed one for the odd roles);
    ``mine0`` to ``mine2`` are rows of the kind that ``target`` takes."""
    if role.startswith("mine"):
        kinds: dict[str, list[Any]] = {
            "reorder step": world.steps,
            "admin drag": world.ponies,
            "attach": world.labels,
            "detach": world.labels,
        }
        return kinds.get(target, world.cards)[int(role[4:])].pk
    rows: dict[str, Any] = {
        **{f"card{i}": card for i, card in enumerate(world.cards)},
        **{f"step{i}": step for i, step in enumerate(world.steps)},
        **{f"pony{i}": pony for i, pony in enumerate(world.ponies)},
        **{label.name: label for label in world.labels},
        "hidden": world.hidden,
        "stranger": world.strangers[0],
    }
    if role in rows:
        return rows[role].pk
    return {"absent": 2**31 - 7, "huge": 2**64, "word": "abc"}[role]


def filled(world: World, value: Any, target: str) -> Any:
    """``value`` with every :class:`Ref` replaced by its pk."""
    if isinstance(value, Ref):
        pk = resolve(world, value.role, target)
        return str(pk) if value.as_text else pk
    if isinstance(value, list):
        return [filled(world, item, target) for item in value]
    if isinstance(value, dict):
        return {key: filled(world, item, target) for key, item in value.items()}
    return value


refs = st.builds(Ref, st.sampled_from((*ROWS, *LABELS, "absent", "huge", "word")), st.booleans())
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=12)
    | st.sampled_from(["first", "last", "true", "off", "", " "])
)


def nested(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=6), inner)


values = st.recursive(scalars | refs, nested, max_leaves=10)
KEYS = (
    "pk",
    "pks",
    "before",
    "after",
    "to",
    "order",
    "group",
    "value",
    "updatedItems",
    "next",
    "x",
)
pair_lists = st.lists(st.lists(refs | scalars, min_size=2, max_size=2), max_size=5)
# Bodies that a client of the endpoints would send, with rows of the world.
sound_refs = st.builds(
    Ref,
    st.sampled_from(("mine0", "mine1", "mine2", "mine0", "mine1", "mine2", "card0", "red")),
    st.booleans(),
)
sound_bodies = st.one_of(
    st.fixed_dictionaries({"pk": sound_refs, "to": st.sampled_from(["first", "last"])}),
    st.fixed_dictionaries({"pk": sound_refs, "before": sound_refs}),
    st.fixed_dictionaries({"pk": sound_refs, "after": sound_refs}),
    st.fixed_dictionaries({"order": st.lists(sound_refs, min_size=1, max_size=4)}),
    st.fixed_dictionaries(
        {"pks": st.lists(sound_refs, min_size=1, max_size=3), "before": sound_refs}
    ),
    st.fixed_dictionaries(
        {"pks": st.lists(sound_refs, min_size=1, max_size=3), "after": sound_refs}
    ),
    st.fixed_dictionaries({"value": st.booleans()}),
    st.fixed_dictionaries({"value": st.text(max_size=8)}),
    st.fixed_dictionaries(
        {"updatedItems": st.lists(st.tuples(sound_refs, st.integers(0, 9)).map(list))}
    ),
)
bodies = st.one_of(
    sound_bodies,
    sound_bodies,
    sound_bodies,
    st.fixed_dictionaries(
        {"pk": refs},
        optional={
            "before": refs,
            "after": refs,
            "to": st.sampled_from(["first", "last"]) | values,
            "group": st.dictionaries(st.sampled_from(["board", "x"]), refs | scalars) | values,
        },
    ),
    st.fixed_dictionaries({"order": st.lists(refs, max_size=6)}),
    st.fixed_dictionaries(
        {"pks": st.lists(refs, max_size=5) | values},
        optional={"before": refs, "after": refs, "pk": refs, "to": values, "order": values},
    ),
    st.fixed_dictionaries({"value": st.booleans() | values}),
    st.fixed_dictionaries({"updatedItems": pair_lists | values}),
    st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=6), values, max_size=4),
    values,
)
ENCODINGS = (
    "json",
    "json; charset=utf-8",
    "merge-patch+json",
    "form",
    "multipart",
    "form; charset=latin-1",
    "text/plain",
    "none",
    "empty",
    "bytes",
)


def form_fields(data: Any) -> list[tuple[str, str]]:
    """A JSON value as form fields: a list repeats its key, anything else is its text."""
    if not isinstance(data, dict):
        return [("value", json.dumps(data))]
    fields = []
    for key, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            fields.append((key, item if isinstance(item, str) else json.dumps(item)))
    return fields


def send(client: Client, method: str, url: str, data: Any, encoding: str, raw: bytes) -> Any:
    if method != "POST":
        return client.generic(method, url)
    if encoding == "multipart":
        return client.post(url, dict_of_lists(form_fields(data)))
    content_type, body = {
        "json": ("application/json", json.dumps(data).encode()),
        "json; charset=utf-8": ("application/json; charset=utf-8", json.dumps(data).encode()),
        "merge-patch+json": ("application/merge-patch+json", json.dumps(data).encode()),
        "form": ("application/x-www-form-urlencoded", urlencode(form_fields(data)).encode()),
        "form; charset=latin-1": (
            "application/x-www-form-urlencoded; charset=latin-1",
            urlencode(form_fields(data), encoding="latin-1", errors="replace").encode(),
        ),
        "text/plain": ("text/plain", json.dumps(data).encode()),
        "none": ("", json.dumps(data).encode()),
        "empty": ("application/json", b""),
        "bytes": ("application/json", raw),
    }[encoding]
    return client.generic("POST", url, body, content_type=content_type, CONTENT_TYPE=content_type)


def dict_of_lists(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for key, value in fields:
        grouped.setdefault(key, []).append(value)
    return grouped


TARGETS = ("reorder card", "reorder step", "toggle", "attach", "detach", "edit", "admin drag")


def url_of(world: World, target: str, row: str, relation: str) -> str:
    obj = {"card0": world.cards[0], "card3": world.cards[3], "hidden": world.hidden}.get(row)
    if target.startswith("reorder"):
        return reorder_url("testapp." + target.split()[1])
    if target == "admin drag":
        return UPDATE_URL
    path = {"toggle": toggle_url, "edit": edit_url}.get(target)
    if obj is None:
        # A pk that does not exist, or is not a pk at all.
        fake = type("Fake", (), {"_meta": world.cards[0]._meta, "pk": row})()
        return path(fake) if path else link_url(target, fake, relation)
    return path(obj) if path else link_url(target, obj, relation)


@pytest.mark.parametrize("between", [False, True], ids=["in-groups", "between-groups"])
@PROFILE
@given(
    target=st.sampled_from(TARGETS),
    who=st.sampled_from(["editor", "editor", "editor", "viewer", "anonymous"]),
    row=st.sampled_from(["card0", "card3", "card0", "card3", "hidden", "999999", "abc"]),
    relation=st.sampled_from(["labels", "labels", "labels", "nothing"]),
    method=st.sampled_from(["POST"] * 12 + ["GET", "PUT"]),
    data=bodies,
    encoding=st.sampled_from(["json"] * 6 + list(ENCODINGS)),
    raw=st.binary(max_size=40),
)
def test_any_request_is_answered_as_documented(
    db: None,
    received: Received,
    between: bool,
    target: str,
    who: str,
    row: str,
    relation: str,
    method: str,
    data: Any,
    encoding: str,
    raw: bytes,
) -> None:
    with rolled_back(), moving_between_groups(between):
        world = build_world()
        client = Client()
        user = world.users[who]
        if user is not None:
            client.force_login(user)
        body = filled(world, data, target)
        url = url_of(world, target, row, relation)
        before = snapshot()
        sent = {signal: len(received(signal)) for signal in SIGNALS}
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = send(client, method, url, body, encoding, raw)
        tally(response)
        with counted_breaks():
            unregistered = relation == "nothing" and target in ("attach", "detach")
            check(response, who, unregistered, before, received, sent)


@contextmanager
def moving_between_groups(on: bool) -> Iterator[None]:
    """The card kit with ``move_between_groups`` on or off, for one example."""
    kit = registry.get(Card)
    kit.move_between_groups = on
    try:
        yield
    finally:
        del kit.move_between_groups


SIGNALS = (signals.reordered, signals.toggled, signals.attached, signals.detached, signals.edited)


def check(
    response: Any,
    who: str,
    unregistered: bool,
    before: tuple[object, ...],
    received: Received,
    sent: dict[Signal, int],
) -> None:
    assert_positions_sound()
    after = snapshot()
    signalled = sum(len(received(signal)) - sent[signal] for signal in SIGNALS)
    if response.status_code != 200:
        pairs = error_pairs(response)
        assert after == before
        assert signalled == 0
        if who == "anonymous":
            assert all(
                (response.status_code, code) in BEFORE_LOGIN | {(403, "login_required")}
                for _, code in pairs
            ), pairs
        if who == "viewer":
            # The URL's relation is looked up before the permission (404).
            found = {(404, "not_found")} if unregistered else set()
            assert all(
                (response.status_code, code) in BEFORE_LOGIN | found | {(403, "permission_denied")}
                for _, code in pairs
            ), pairs
        return
    assert who == "editor"
    answer = response.json()
    assert isinstance(answer["changed"], bool)
    logged = LogEntry.objects.count() - before[-1]  # type: ignore[operator]
    if answer["changed"]:
        assert after[:-1] != before[:-1]
        assert logged >= 1
        assert signalled == 1
    else:
        assert after == before
        assert signalled == 0


@pytest.fixture(autouse=True, scope="module")
def figures() -> Iterator[None]:
    """The module's figures, in the run's summary (pytest's ``orderkit figures``)."""
    yield
    report("endpoints")
