"""adminsortable2's update URL, answered by orderkit: positions are only a sort key."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orderkit.registry import registry
from ponies.models import Pony, Stable
from tests.admin.helpers import (
    UPDATE_URL,
    history,
    ponies,
    positions,
    post_items,
    refuse_to_change,
)
from tests.helpers import make_user


def items(rows: list[Pony], first: int) -> list[list[object]]:
    """What adminsortable2's client sends: pks as strings, numbers from the page it shows."""
    return [[str(pony.pk), first + index] for index, pony in enumerate(rows)]


def test_a_drag_stores_the_new_order(staff_client: Client, stable: Stable) -> None:
    rows = ponies(stable)
    response = post_items(staff_client, items([rows[4], *rows[:4]], 0))
    assert response.status_code == 200
    assert response.json()["changed"] is True
    assert ponies(stable) == [rows[4], *rows[:4], *rows[5:]]
    assert positions(stable) == list(range(10))


def test_two_stale_pages_leave_no_duplicate_positions(
    staff_client: Client, stable: Stable
) -> None:
    rows = ponies(stable)
    # Both admins loaded the list while it was rows[0..9] at positions 0..9.
    first = items([rows[9], *rows[:9]], 0)
    second = items([rows[5], rows[2], rows[3], rows[4]], 2)
    assert post_items(staff_client, first).status_code == 200
    assert post_items(staff_client, second).status_code == 200
    assert positions(stable) == list(range(10))
    assert ponies(stable) == [
        rows[9],
        rows[0],
        rows[1],
        rows[5],
        rows[2],
        rows[3],
        rows[4],
        rows[6],
        rows[7],
        rows[8],
    ]


def test_the_keys_sort_even_when_sent_out_of_order(staff_client: Client, stable: Stable) -> None:
    rows = ponies(stable)
    response = post_items(staff_client, [[rows[0].pk, 7], [rows[1].pk, 3]])
    assert response.status_code == 200
    assert ponies(stable)[:2] == [rows[1], rows[0]]


def test_a_drag_is_on_the_moved_rows_history(staff_client: Client, stable: Stable) -> None:
    rows = ponies(stable)
    post_items(staff_client, items([rows[1], rows[0]], 0))
    assert history(rows[0]) == ["Changed Position."]
    assert history(rows[1]) == ["Changed Position."]
    assert history(rows[2]) == []


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"updatedItems": "x"}, "updatedItems", "invalid"),
        ({"updatedItems": [[1, "a"]]}, "updatedItems", "invalid"),
        ({"updatedItems": [[1, True]]}, "updatedItems", "invalid"),
        ({"updatedItems": [1]}, "updatedItems", "invalid"),
        ({}, "__all__", "required"),
        ({"updatedItems": []}, "updatedItems", "required"),
        ({"updatedItems": [[999999, 1]]}, "order", "invalid_choice"),
        ({"updatedItems": [[1, 1], [1, 2]]}, "order", "duplicate"),
    ],
)
def test_bad_bodies_are_json_errors(
    staff_client: Client, stable: Stable, body: object, field: str, code: str
) -> None:
    response = staff_client.post(UPDATE_URL, json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][field][0]["code"] == code


def test_rows_of_two_stables_are_refused(staff_client: Client, stable: Stable) -> None:
    other = Stable.objects.create(name="Other")
    stranger = Pony.objects.create(name="stranger", stable=other)
    response = post_items(staff_client, [[ponies(stable)[0].pk, 0], [stranger.pk, 1]])
    assert response.status_code == 400
    assert response.json()["errors"]["order"][0]["code"] == "other_group"


def test_anonymous_callers_get_json_not_a_login_page(client: Client, stable: Stable) -> None:
    response = post_items(client, [[ponies(stable)[0].pk, 0]])
    assert response.status_code == 403
    assert response.json()["errors"]["__all__"][0]["code"] == "login_required"


@pytest.mark.parametrize(
    ("perms", "staff"),
    [
        (("ponies.view_pony",), True),
        (("ponies.change_pony",), False),
    ],
)
def test_who_may_not_change_is_refused(
    client: Client, stable: Stable, perms: tuple[str, ...], staff: bool
) -> None:
    client.force_login(make_user("someone", *perms, staff=staff))
    rows = ponies(stable)
    response = post_items(client, [[rows[1].pk, 0], [rows[0].pk, 1]])
    assert response.status_code == 403
    assert response.json()["errors"]["__all__"][0]["code"] == "permission_denied"
    assert ponies(stable) == rows


def test_a_row_that_the_admin_may_not_change_is_refused(
    staff_client: Client, stable: Stable, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = ponies(stable)
    refuse_to_change(monkeypatch, rows[0])
    response = post_items(staff_client, [[rows[1].pk, 0], [rows[0].pk, 1]])
    assert response.status_code == 403
    assert ponies(stable) == rows


def test_rows_outside_the_admins_queryset_are_not_found(
    staff_client: Client, stable: Stable, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ponies.admin import PonyAdmin

    rows = ponies(stable)
    original = PonyAdmin.get_queryset
    monkeypatch.setattr(
        PonyAdmin,
        "get_queryset",
        lambda self, request: original(self, request).exclude(pk=rows[0].pk),
    )
    response = post_items(staff_client, [[rows[1].pk, 0], [rows[0].pk, 1]])
    assert response.status_code == 400
    assert response.json()["errors"]["order"][0]["code"] == "invalid_choice"


def test_get_is_405(staff_client: Client) -> None:
    response = staff_client.get(UPDATE_URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_the_csrf_token_is_checked(stable: Stable, staff: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    response = post_items(client, [[ponies(stable)[0].pk, 0]])
    assert response.status_code == 403
    assert response.json()["errors"]["__all__"][0]["code"] == "csrf_failed"


def post_move(client: Client, url: str, body: Mapping[str, object]) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json")


def test_a_drag_names_the_moved_row_and_its_new_neighbour(
    staff_client: Client, stable: Stable
) -> None:
    rows = ponies(stable)
    response = post_move(staff_client, UPDATE_URL, {"pk": rows[7].pk, "before": rows[2].pk})
    assert response.status_code == 200
    assert response.json()["changed"] is True
    assert response.json()["message"] == "“pony 7” is moved."
    assert ponies(stable) == [*rows[:2], rows[7], *rows[2:7], *rows[8:]]
    assert positions(stable) == list(range(10))
    assert history(rows[7]) == ["Moved before “pony 2”."]
    assert [history(row) for row in rows if row != rows[7]] == [[]] * 9


def test_a_drag_next_to_a_row_of_another_group_is_refused(
    staff_client: Client, stable: Stable, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For a kit that does not move rows between groups (the demo's ponies do: there the
    same request moves the pony, as the site's reorder endpoint does)."""
    monkeypatch.setattr(type(registry.get(Pony)), "move_between_groups", False)
    stranger = Pony.objects.create(name="stranger", stable=Stable.objects.create(name="Other"))
    rows = ponies(stable)
    response = post_move(staff_client, UPDATE_URL, {"pk": rows[0].pk, "after": stranger.pk})
    assert response.status_code == 400
    assert response.json()["errors"]["after"][0]["code"] == "other_group"
    assert ponies(stable) == rows


@pytest.mark.parametrize("user", ["staff", "root"])
def test_a_drag_costs_the_statements_of_the_sites_reorder_endpoint(
    client: Client, stable: Stable, staff: User, root: User, user: str
) -> None:
    client.force_login(staff if user == "staff" else root)
    rows = ponies(stable)
    site_url = reverse("orderkit:reorder", kwargs={"model": "ponies.pony"})
    # Warm caches (content types) first, then each moves a row three places up.
    post_move(client, site_url, {"pk": rows[9].pk, "to": "first"})
    counts = {}
    for name, url, moved in [("site", site_url, 5), ("admin", UPDATE_URL, 7)]:
        body = {"pk": rows[moved].pk, "after": rows[moved - 3].pk}
        with CaptureQueriesContext(connection) as queries:
            assert post_move(client, url, body).status_code == 200
        counts[name] = len(queries)
    assert counts["admin"] == counts["site"], counts
