"""Sortable inlines: the client's numbers are a sort key; orderkit writes the positions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pytest
from django.contrib.admin import site
from django.contrib.auth.models import User
from django.db import DatabaseError, transaction
from django.test import Client, RequestFactory, override_settings

from orderkit import operations
from orderkit.models import GroupLock
from orderkit.operations import grouplock
from orderkit.registry import registry
from ponies.models import Pony, Stable
from tests.admin.helpers import history, names, ponies, positions
from tests.helpers import held_elsewhere

PREFIX = "ponies"


def formset_data(stable: Stable, keys: Sequence[int | None], **changes: Any) -> dict[str, Any]:
    """The stable's change form as the browser posts it, with the given sort keys."""
    rows = ponies(stable)
    data: dict[str, Any] = {
        "name": stable.name,
        f"{PREFIX}-TOTAL_FORMS": len(rows),
        f"{PREFIX}-INITIAL_FORMS": len(rows),
        f"{PREFIX}-MIN_NUM_FORMS": 0,
        f"{PREFIX}-MAX_NUM_FORMS": 1000,
    }
    for index, (pony, key) in enumerate(zip(rows, keys, strict=True)):
        data[f"{PREFIX}-{index}-id"] = pony.pk
        data[f"{PREFIX}-{index}-stable"] = stable.pk
        data[f"{PREFIX}-{index}-name"] = pony.name
        data[f"{PREFIX}-{index}-is_active"] = "on"
        data[f"{PREFIX}-{index}-orderkit_sort_key"] = "" if key is None else key
    data.update(changes)
    return data


def save(client: Client, stable: Stable, data: dict[str, Any]) -> Any:
    return client.post(f"/admin/ponies/stable/{stable.pk}/change/", data)


def test_the_inline_is_sortable_on_djangos_own_template(
    staff_client: Client, stable: Stable
) -> None:
    html = staff_client.get(f"/admin/ponies/stable/{stable.pk}/change/").content.decode()
    assert '<fieldset class="module sortable"' in html
    assert html.count('class="_reorder_"') == 10
    assert "adminsortable2/js/adminsortable2" in html


def test_a_sorted_inline_is_saved_dense_and_logged(staff_client: Client, stable: Stable) -> None:
    rows = ponies(stable)
    # The client numbered the rows 1..10 after pony 9 was dragged to the top.
    keys = [2, 3, 4, 5, 6, 7, 8, 9, 10, 1]
    response = save(staff_client, stable, formset_data(stable, keys))
    assert response.status_code == 302
    assert ponies(stable) == [rows[9], *rows[:9]]
    assert positions(stable) == list(range(10))
    assert history(rows[9]) == ["Changed Position."]
    # The parent's entry names the rows in the order that the page posted.
    assert history(stable) == [
        "Changed Position for pony “pony 9”. Changed Position for pony "
        "“pony 0”. Changed Position for pony “pony 1”. Changed Position "
        "for pony “pony 2”. Changed Position for pony “pony 3”. Changed "
        "Position for pony “pony 4”. Changed Position for pony “pony 5”. "
        "Changed Position for pony “pony 6”. Changed Position for pony "
        "“pony 7”. Changed Position for pony “pony 8”."
    ]


def test_an_unsorted_save_writes_no_position(staff_client: Client, stable: Stable) -> None:
    keys = list(range(1, 11))
    data = formset_data(stable, keys, **{f"{PREFIX}-3-name": "renamed"})
    assert save(staff_client, stable, data).status_code == 302
    assert names(stable)[3] == "renamed"
    assert positions(stable) == list(range(10))
    assert history(ponies(stable)[0]) == []


def test_new_rows_go_last_and_deleted_rows_leave_unique_positions(
    client: Client, root: User, stable: Stable
) -> None:
    client.force_login(root)
    rows = ponies(stable)
    keys: list[int | None] = [2, 1, *range(3, 11)]
    data = formset_data(
        stable,
        keys,
        **{
            f"{PREFIX}-TOTAL_FORMS": 11,
            f"{PREFIX}-10-stable": stable.pk,
            f"{PREFIX}-10-name": "newcomer",
            f"{PREFIX}-10-is_active": "on",
            f"{PREFIX}-4-DELETE": "on",
        },
    )
    assert save(client, stable, data).status_code == 302
    assert names(stable) == [
        "pony 1",
        "pony 0",
        "pony 2",
        "pony 3",
        *(f"pony {i}" for i in range(5, 10)),
        "newcomer",
    ]
    stored = positions(stable)
    assert len(set(stored)) == len(stored) == 10
    assert not Pony.objects.filter(pk=rows[4].pk).exists()


def test_a_missing_key_keeps_the_rows_place(staff_client: Client, stable: Stable) -> None:
    rows = ponies(stable)
    keys: list[int | None] = [None, *range(2, 11)]
    assert save(staff_client, stable, formset_data(stable, keys)).status_code == 302
    assert ponies(stable) == rows


def test_a_user_whom_the_kit_refuses_cannot_sort(
    client: Client, root: User, stable: Stable, monkeypatch: Any
) -> None:
    from ponies.kits import PonyKit

    client.force_login(root)
    rows = ponies(stable)
    monkeypatch.setattr(
        PonyKit, "has_permission", lambda self, request, action, obj=None: obj != rows[9]
    )
    response = save(client, stable, formset_data(stable, [2, 3, 4, 5, 6, 7, 8, 9, 10, 1]))
    assert response.status_code == 200
    assert "You are not allowed to move “pony 9”." in response.content.decode()
    assert ponies(stable) == rows


def test_a_view_only_user_gets_no_sortable_inline(
    client: Client, watcher: User, stable: Stable
) -> None:
    client.force_login(watcher)
    html = client.get(f"/admin/ponies/stable/{stable.pk}/change/").content.decode()
    assert "sortable" not in html.split('id="ponies-group"')[1][:800]
    assert "_reorder_" not in html


def test_an_invalid_row_leaves_the_order_alone(staff_client: Client, stable: Stable) -> None:
    rows = ponies(stable)
    data = formset_data(stable, [2, 1, *range(3, 11)], **{f"{PREFIX}-5-name": ""})
    assert save(staff_client, stable, data).status_code == 200
    assert ponies(stable) == rows


def test_rows_outside_the_kits_scope_are_refused(
    staff_client: Client, stable: Stable, monkeypatch: Any
) -> None:
    from ponies.kits import PonyKit

    rows = ponies(stable)
    monkeypatch.setattr(
        PonyKit, "get_queryset", lambda self, request: Pony.objects.exclude(pk=rows[0].pk)
    )
    response = save(staff_client, stable, formset_data(stable, [2, 1, *range(3, 11)]))
    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert ponies(stable) == rows


@pytest.mark.server_db
@pytest.mark.django_db(transaction=True)
@override_settings(ORDERKIT={"LOCK_TIMEOUT": 0.3})
def test_a_group_held_elsewhere_is_a_form_error_not_a_failed_save(
    staff_client: Client, stable: Stable
) -> None:
    rows = ponies(stable)
    kit = registry.get(Pony)
    data = formset_data(stable, [2, 1, *range(3, 11)], name="Renamed")
    with held_elsewhere(lambda: operations.hold_group(kit, rows[0])):
        response = save(staff_client, stable, data)
    assert response.status_code == 200
    assert "Someone else changed these rows at the same time." in response.content.decode()
    assert ponies(stable) == rows
    stable.refresh_from_db()
    assert stable.name == "Sunny"
    # Once the lock is free, the same form saves.
    assert save(staff_client, stable, data).status_code == 302
    assert ponies(stable) == [rows[1], rows[0], *rows[2:]]


def test_a_database_error_other_than_a_lock_is_not_a_form_error(
    staff_client: Client, stable: Stable, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any) -> None:
        raise DatabaseError("the disk is full")

    # The group lock's statement fails for a reason other than a lock wait.
    monkeypatch.setattr(grouplock, "_lock_row", broken)
    rows = ponies(stable)
    with pytest.raises(DatabaseError, match="the disk is full"):
        save(staff_client, stable, formset_data(stable, [2, 1, *range(3, 11)]))
    assert ponies(stable) == rows


@pytest.mark.django_db(transaction=True)
def test_a_formset_validated_outside_a_transaction_takes_the_lock_when_it_saves(
    rf: RequestFactory, staff: User, stable: Stable
) -> None:
    rows = ponies(stable)
    request = rf.post("/")
    request.user = staff
    model_admin = site._registry[Stable]
    (inline,) = model_admin.get_inline_instances(request, stable)
    formset_class = inline.get_formset(request, stable)
    data = formset_data(stable, [2, 1, *range(3, 11)])
    formset = formset_class(data, instance=stable, prefix=PREFIX)
    assert formset.is_valid(), formset.errors
    assert not GroupLock.objects.exists()
    with transaction.atomic():
        formset.save()
    assert ponies(stable) == [rows[1], rows[0], *rows[2:]]


def shown_rows(html: str) -> list[tuple[str, str]]:
    """The inline's saved rows as the page shows them, top first: each one's pk and key."""
    keys = dict(re.findall(r'name="ponies-(\d+)-orderkit_sort_key" value="(\d*)"', html))
    rows = re.findall(r'name="ponies-(\d+)-id" value="(\d+)"', html)
    return [(pk, keys[index]) for index, pk in rows]


def test_a_page_shown_again_shows_the_posted_order_with_the_posted_keys(
    staff_client: Client, stable: Stable
) -> None:
    rows = ponies(stable)
    keys = [2, 3, 4, 5, 6, 7, 8, 9, 10, 1]
    # An error elsewhere on the page (the stable's name is required).
    response = save(staff_client, stable, formset_data(stable, keys, name=""))
    assert response.status_code == 200
    moved = [rows[9], *rows[:9]]
    assert shown_rows(response.content.decode()) == [
        (str(pony.pk), str(key)) for pony, key in zip(moved, range(1, 11), strict=True)
    ]
    assert ponies(stable) == rows
    # Sent again as shown, it saves what was shown.
    assert save(staff_client, stable, formset_data(stable, keys)).status_code == 302
    assert ponies(stable) == moved


def test_a_page_posted_after_a_row_was_deleted_is_shown_again_as_django_shows_it(
    staff_client: Client, stable: Stable
) -> None:
    rows = ponies(stable)
    data = formset_data(stable, [2, 1, *range(3, 11)])
    kept = [*rows[:5], *rows[6:]]
    posted = [str(pony.pk) for pony in rows]
    rows[5].delete()
    response = save(staff_client, stable, data)
    assert response.status_code == 200
    # Not sorted by their keys: Django pairs the ten forms posted, in their places, with
    # the nine rows left, and shows nine.
    assert [pk for pk, _ in shown_rows(response.content.decode())] == posted[:9]
    assert ponies(stable) == kept


def test_a_sort_posted_by_a_user_whom_the_kit_now_refuses_is_an_inline_error(
    staff_client: Client, stable: Stable, monkeypatch: Any
) -> None:
    from ponies.kits import PonyKit

    rows = ponies(stable)
    monkeypatch.setattr(PonyKit, "has_permission", lambda self, request, action, obj=None: False)
    response = save(staff_client, stable, formset_data(stable, [2, 1, *range(3, 11)]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "You are not allowed to do this." in html
    assert "was changed successfully" not in html
    assert ponies(stable) == rows
    unsorted = formset_data(stable, list(range(1, 11)), name="renamed")
    assert save(staff_client, stable, unsorted).status_code == 302
