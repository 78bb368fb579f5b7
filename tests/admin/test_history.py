"""The History page: orderkit's notes said in words, other entries as Django says them."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import translation

from orderkit import operations
from orderkit.registry import registry
from ponies.models import Pony, Stable
from tests.admin.helpers import history, ponies


@pytest.mark.parametrize(
    ("where", "said"),
    [
        ({"before": 1}, "Moved before “pony 1”."),
        ({"after": 1}, "Moved after “pony 1”."),
        ({"to": "first"}, "Moved to the top."),
        ({"to": "last"}, "Moved to the bottom."),
    ],
)
def test_each_move_says_where_the_row_went(
    stable: Stable, root: User, where: dict[str, object], said: str
) -> None:
    rows = ponies(stable)
    kit = registry.get(Pony, "reorder")
    place = {
        side: rows[value] if isinstance(value, int) else value for side, value in where.items()
    }
    operations.move(kit, rows[5], user=root, **place)  # type: ignore[arg-type]
    assert history(rows[5]) == [said]


def test_the_history_page_shows_the_notes_in_the_readers_language(
    client: Client, stable: Stable, root: User
) -> None:
    rows = ponies(stable)
    operations.toggle(
        registry.get(Pony, "toggle", "is_active"), rows[4], "is_active", False, user=root
    )
    operations.move(registry.get(Pony, "reorder"), rows[4], before=rows[1], user=root)
    client.force_login(root)
    page = client.get(f"/admin/ponies/pony/{rows[4].pk}/history/").content.decode()
    assert "Moved before “pony 1”." in page
    assert "Changed Is active." in page
    assert "Changed Position." not in page
    with translation.override("es"):
        page = client.get(
            f"/admin/ponies/pony/{rows[4].pk}/history/", HTTP_ACCEPT_LANGUAGE="es"
        ).content.decode()
    assert "Movido antes de «pony 1»." in page


def log(pony: Pony, user: User, message: str) -> None:
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Pony),
        object_id=str(pony.pk),
        object_repr=str(pony),
        action_flag=CHANGE,
        change_message=message,
    )


def test_entries_without_a_note_are_said_as_django_says_them(stable: Stable, root: User) -> None:
    pony = ponies(stable)[0]
    log(pony, root, '[{"changed": {"fields": ["Name"]}}, ["not a part"]]')
    log(pony, root, "Renamed by hand.")
    assert history(pony) == ["Changed Name.", "Renamed by hand."]


def test_the_history_of_a_missing_row_is_still_djangos_redirect(
    client: Client, root: User
) -> None:
    client.force_login(root)
    assert client.get("/admin/ponies/pony/999999/history/").status_code == 302
