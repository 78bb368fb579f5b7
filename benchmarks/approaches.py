"""The approaches under test, each behind one interface.

An approach owns one table of the shape of ``benchapp.models.Item``. It fills it with rows
in groups and prepares moves; the runner times each prepared move alone, so that finding
the rows to move is not part of the figure. Add an approach by adding an instance to
:func:`all_approaches`.
"""

from __future__ import annotations

import json
import random
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.contrib.auth.models import User
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import resolve, reverse

import orderkit
from benchmarks import database
from benchmarks.benchapp.admin import PAGE_SIZE
from benchmarks.benchapp.models import (
    DenseItem,
    Group,
    Item,
    OrderedModelItem,
    SortableItem,
    SparseItem,
)
from orderkit import operations
from orderkit.kit import Kit

#: A prepared move: calling it performs the move, and nothing else.
Move = Callable[[], object]


@dataclass
class Approach(ABC):
    """One way of moving rows, with a table of its own."""

    #: The name shown in tables and plots.
    name: str
    #: The short name used on the command line and in the JSON file.
    key: str
    model: type[Item]
    #: The distance between neighbouring positions when a table is filled.
    spacing: int = 1
    #: Rows that every move writes besides the table's (orderkit: its group lock's row).
    bookkeeping_rows: int = field(default=0, init=False)
    groups: list[Group] = field(default_factory=list, init=False)
    per_group: int = field(default=0, init=False)

    def setup(self, per_group: int, groups: int = 1) -> None:
        """Fill the table with ``groups`` groups of ``per_group`` rows each."""
        self.groups = [
            Group._default_manager.get_or_create(name=f"group {n}")[0] for n in range(groups)
        ]
        self.per_group = per_group
        database.fill(self.model, [group.pk for group in self.groups], per_group, self.spacing)

    def last(self) -> Item:
        """The last row of the first group."""
        return self.model._base_manager.filter(group=self.groups[0]).order_by("-position")[0]

    def random_row(self, rng: random.Random, *, besides: Item | None = None) -> Item:
        """A random row of the first group (whose pks are 1 to ``per_group``)."""
        while True:
            row: Item = self.model._base_manager.get(pk=rng.randint(1, self.per_group))
            if besides is None or row.pk != besides.pk:
                return row

    def random_pair(self, rng: random.Random) -> tuple[Item, Item]:
        """A random row and another one whose place it is to take: every approach that
        moves single rows draws the same pairs from the same seed, so they make the same
        moves."""
        row = self.random_row(rng)
        return row, self.random_row(rng, besides=row)

    @abstractmethod
    def last_to_first(self) -> Move:
        """Prepare moving the group's last row to its first place."""

    @abstractmethod
    def random_move(self, rng: random.Random) -> Move:
        """Prepare moving a random row to a random place in its group."""


@dataclass
class OrderkitApproach(Approach):
    """``orderkit.operations.move`` with the kit registered on the approach's model."""

    def __post_init__(self) -> None:
        # On SQLite the upsert that takes the group's lock writes the lock's row; elsewhere
        # a locking read takes it and writes nothing.
        self.bookkeeping_rows = 1 if connection.vendor == "sqlite" else 0

    @property
    def kit(self) -> Kit:
        kit = orderkit.registry.get(self.model)
        if kit is None:
            raise LookupError(f"{self.model.__name__} is not registered with orderkit.")
        return kit

    def setup(self, per_group: int, groups: int = 1) -> None:
        super().setup(per_group, groups)
        # A group's first orderkit write reads it whole, once, to find legacy positions;
        # later writes read only the rows they touch. That read is set-up, not a move.
        for group in self.groups:
            first = self.model._base_manager.filter(group=group).order_by("position")[:1]
            if first:
                operations.reorder(self.kit, list(first))

    def last_to_first(self) -> Move:
        kit, row = self.kit, self.last()
        return lambda: operations.move(kit, row, to="first")

    def random_move(self, rng: random.Random) -> Move:
        kit, (row, anchor) = self.kit, self.random_pair(rng)
        # The row takes the anchor's place: before it when moving up, after it moving down.
        if anchor.position < row.position:
            return lambda: operations.move(kit, row, before=anchor)
        return lambda: operations.move(kit, row, after=anchor)


@dataclass
class OrderedModelApproach(Approach):
    """django-ordered-model's ``to(n)`` (positions 0 to N - 1)."""

    def last_to_first(self) -> Move:
        row: Any = self.last()
        return lambda: row.to(0)

    def random_move(self, rng: random.Random) -> Move:
        row: Any
        row, anchor = self.random_pair(rng)
        target = anchor.position
        return lambda: row.to(target)


def superuser() -> User:
    """The user that the admin views and the concurrent run's clients act as."""
    user, _ = User.objects.get_or_create(
        username="bench", defaults={"is_staff": True, "is_superuser": True}
    )
    return user


class AdminClient:
    """Calls django-admin-sortable2's views as the admin's URLconf resolves them (with
    ``admin_site.admin_view`` around them), as a superuser, without HTTP."""

    def __init__(self) -> None:
        self.factory = RequestFactory()
        self.user = superuser()

    def post(self, path: str, query: str = "", **kwargs: Any) -> HttpResponse:
        request = self.factory.post(f"{path}?{query}" if query else path, **kwargs)
        request.user = self.user
        request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
        request._messages = CookieStorage(request)  # type: ignore[attr-defined]
        view: Callable[[HttpRequest], HttpResponse] = resolve(path).func
        return view(request)


def expect(response: HttpResponse, status: int) -> None:
    """A peer's view that answers otherwise did not move anything: stop the run."""
    if response.status_code != status:
        raise RuntimeError(f"Expected {status}, got {response.status_code}: {response.content!r}")


@dataclass
class SortableApproach(Approach):
    """django-admin-sortable2's changelist, ``PAGE_SIZE`` rows a page, by position."""

    @cached_property
    def client(self) -> AdminClient:
        return AdminClient()

    def pages(self) -> int:
        return -(-self.per_group // PAGE_SIZE)

    @staticmethod
    def page_of(row: Item) -> int:
        """The changelist page that shows ``row`` (1 is the first; positions are dense)."""
        return row.position // PAGE_SIZE + 1


@dataclass
class SortableDragApproach(SortableApproach):
    """Its drag and drop: the ``updatedItems`` that its script sends to
    ``adminsortable2_update/`` after a drag within one page."""

    def page(self, number: int) -> list[tuple[int, int]]:
        """(pk, position) of the rows on page ``number`` (0 is the first)."""
        rows = self.model._base_manager.order_by("position").values_list("pk", "position")
        return list(rows[number * PAGE_SIZE : (number + 1) * PAGE_SIZE])

    def drag(self, page: list[tuple[int, int]], old: int, new: int) -> Move:
        """The request its script sends for a drag from index ``old`` to ``new``: the rows
        from the lower to the higher index, numbered up from the first one's position."""
        low, high = sorted((old, new))
        pks = [pk for pk, _ in page]
        pks.insert(new, pks.pop(old))
        first = page[low][1]
        items = [[str(pk), first + n] for n, pk in enumerate(pks[low : high + 1])]
        body = json.dumps({"updatedItems": items})
        path = reverse("admin:benchapp_sortableitem_sortable_update")
        client = self.client
        return lambda: expect(client.post(path, data=body, content_type="application/json"), 200)

    def last_to_first(self) -> Move:
        page = self.page(0)
        return self.drag(page, len(page) - 1, 0)

    def random_move(self, rng: random.Random) -> Move:
        page = self.page(rng.randrange(self.pages()))
        old, new = rng.sample(range(len(page)), 2)
        return self.drag(page, old, new)


@dataclass
class SortablePageApproach(SortableApproach):
    """Its changelist actions that move a selected row to another page, posted to the
    changelist as its action form sends them."""

    def act(self, row: Item, action: str, target: int = 1) -> Move:
        if action == "move_to_exact_page" and self.pages() <= 4:
            # The changelist offers the action only then; without it nothing would move.
            raise ValueError("The exact page action needs more than 4 pages (400 rows).")
        path = reverse("admin:benchapp_sortableitem_changelist")
        data = {
            "action": action,
            "_selected_action": [str(row.pk)],
            "index": "0",
            # Read by "move to exact page" only.
            "page": str(target),
        }
        client = self.client
        query = f"p={self.page_of(row)}"
        return lambda: expect(client.post(path, query, data=data), 302)

    def last_to_first(self) -> Move:
        return self.act(self.last(), "move_to_first_page")

    def random_move(self, rng: random.Random) -> Move:
        row = self.random_row(rng)
        others = [n for n in range(1, self.pages() + 1) if n != self.page_of(row)]
        target = rng.choice(others)
        return self.act(row, "move_to_exact_page", target)


def all_approaches() -> list[Approach]:
    """Every approach, in the order of the tables and the plot's legend."""
    return [
        OrderkitApproach("orderkit dense", "orderkit-dense", DenseItem),
        OrderkitApproach("orderkit sparse", "orderkit-sparse", SparseItem, spacing=1024),
        OrderedModelApproach("django-ordered-model to()", "ordered-model", OrderedModelItem),
        SortableDragApproach("adminsortable2 drag, 100-row page", "sortable2-drag", SortableItem),
        SortablePageApproach("adminsortable2 page action", "sortable2-page", SortableItem),
    ]
