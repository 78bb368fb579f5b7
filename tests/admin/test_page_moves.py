"""The "move to page" actions: orderkit moves, a constant number of statements."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from orderkit import operations
from orderkit.registry import registry
from ponies.models import Pony, Stable
from tests.admin.helpers import (
    changelist_url,
    history,
    names,
    ponies,
    positions,
    refuse_to_change,
)
from tests.helpers import FIGURES


def run(
    client: Client, stable: Stable, action: str, rows: list[Pony], on_page: int, **extra: Any
) -> Any:
    return client.post(
        changelist_url(stable, p=on_page),
        {"action": action, "_selected_action": [pony.pk for pony in rows], "index": 0, **extra},
        follow=True,
    )


def test_move_to_first_page(staff_client: Client, stable: Stable) -> None:
    rows = ponies(stable)
    response = run(staff_client, stable, "move_to_first_page", [rows[6], rows[8]], 2)
    assert response.status_code == 200
    assert ponies(stable) == [rows[6], rows[8], *rows[:6], rows[7], rows[9]]
    assert positions(stable) == list(range(10))
    assert history(rows[6]) == ["Moved before “pony 0”."]
    assert history(rows[8]) == ["Moved before “pony 0”."]
    # The row that they went next to was not named by the admin.
    assert history(rows[0]) == []


def test_move_to_last_page(staff_client: Client, stable: Stable) -> None:
    rows = ponies(stable)
    run(staff_client, stable, "move_to_last_page", [rows[0], rows[2]], 1)
    # They fill the end of the last page.
    assert ponies(stable) == [rows[1], *rows[3:], rows[0], rows[2]]


def test_move_forward_and_back_by_steps(staff_client: Client, stable: Stable) -> None:
    rows = ponies(stable)
    run(staff_client, stable, "move_to_forward_page", [rows[0]], 1, step=1)
    assert names(stable)[-1] == "pony 0"
    run(staff_client, stable, "move_to_back_page", [rows[0]], 2, step=1)
    assert names(stable)[0] == "pony 0"


def test_move_to_an_exact_page_out_of_range_is_a_warning(
    staff_client: Client, stable: Stable
) -> None:
    rows = ponies(stable)
    response = run(staff_client, stable, "move_to_exact_page", [rows[0]], 1, page=9)
    assert ponies(stable) == rows
    assert "Pick a page other than this one" in response.content.decode()


def test_more_than_a_page_at_once_is_refused(staff_client: Client, stable: Stable) -> None:
    rows = ponies(stable)
    response = staff_client.post(
        changelist_url(stable, p=2),
        {
            "action": "move_to_first_page",
            "select_across": 1,
            "index": 0,
            "_selected_action": [rows[9].pk],
        },
        follow=True,
    )
    assert ponies(stable) == rows
    assert "Move at most 5 rows at a time." in response.content.decode()


def test_a_refused_row_moves_nothing(
    staff_client: Client, stable: Stable, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = ponies(stable)
    refuse_to_change(monkeypatch, rows[8])
    response = run(staff_client, stable, "move_to_first_page", [rows[6], rows[8]], 2)
    assert ponies(stable) == rows
    assert "You are not allowed to move" in response.content.decode()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("size", [20, 20_000])
def test_a_page_move_costs_the_same_at_any_size(
    client: Client, django_user_model: Any, size: int
) -> None:
    stable = Stable.objects.create(name="big")
    Pony.objects.bulk_create(
        [Pony(name=f"pony {i}", stable=stable, position=i) for i in range(size)]
    )
    client.force_login(django_user_model.objects.create_superuser("root", "", "pw"))
    ContentType.objects.get_for_model(Pony)
    last_page = size // 5
    mover = ponies(stable)[-1]
    # The group's first orderkit write reads it whole once; page moves come later.
    operations.reorder(registry.get(Pony), ponies(stable)[:1])
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            changelist_url(stable, p=last_page),
            {"action": "move_to_first_page", "_selected_action": [mover.pk], "index": 0},
        )
    assert response.status_code == 302
    assert ponies(stable)[0] == mover
    FIGURES.append(
        f"admin move to first page, {size} rows ({connection.vendor}): {len(queries)} statements"
    )
    # The same at 20 and 20,000 rows, on every database: the admin's own (session, user,
    # change list counts) and one block move in one transaction.
    assert len(queries) == 18


def test_a_selection_of_the_anchor_alone_moves_nothing(
    staff_client: Client, stable: Stable
) -> None:
    rows = ponies(stable)
    response = run(staff_client, stable, "move_to_first_page", [rows[0]], 2)
    assert ponies(stable) == rows
    assert "1 row is moved to page 1." in response.content.decode()


def test_the_anchor_itself_stays_where_it_is(staff_client: Client, stable: Stable) -> None:
    rows = ponies(stable)
    run(staff_client, stable, "move_to_first_page", [rows[0], rows[7]], 2)
    assert ponies(stable) == [rows[7], *rows[:7], rows[8], rows[9]]


def test_a_row_outside_the_kits_scope_moves_nothing(
    staff_client: Client, stable: Stable, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ponies.kits import PonyKit

    rows = ponies(stable)
    monkeypatch.setattr(
        PonyKit, "get_queryset", lambda self, request: Pony.objects.exclude(pk=rows[8].pk)
    )
    response = run(staff_client, stable, "move_to_first_page", [rows[6], rows[8]], 2)
    assert ponies(stable) == rows
    assert "Select a valid choice." in response.content.decode()


@pytest.mark.parametrize(
    ("action", "on_page"),
    [
        ("move_to_first_page", 2),  # the anchor would be row 0 of no rows
        ("move_to_forward_page", 0),  # ... or row -1
        ("move_to_exact_page", 3),
    ],
)
def test_a_page_move_on_an_empty_change_list_is_an_error_not_a_crash(
    staff_client: Client, stable: Stable, action: str, on_page: int
) -> None:
    """The change list shows an empty stable; the selection names a row of another one."""
    rows = ponies(stable)
    empty = Stable.objects.create(name="empty")
    response = run(staff_client, empty, action, [rows[3]], on_page, step=1, page=1)
    assert response.status_code == 200
    assert ponies(stable) == rows
    assert positions(stable) == list(range(10))
    assert history(rows[3]) == []
    assert "There are no rows on this list to move next to." in response.content.decode()
