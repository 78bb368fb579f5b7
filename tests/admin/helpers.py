"""Helpers that the admin tests share: the demo's ponies, the change list's URLs and the
admin's History."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from orderkit.admin.history import change_message
from ponies.models import Pony, Stable

UPDATE_URL = "/admin/ponies/pony/adminsortable2_update/"


def ponies(stable: Stable) -> list[Pony]:
    return list(stable.ponies.order_by("position", "pk"))


def names(stable: Stable) -> list[str]:
    return [pony.name for pony in ponies(stable)]


def positions(stable: Stable) -> list[int | None]:
    return list(stable.ponies.order_by("position", "pk").values_list("position", flat=True))


def changelist_url(stable: Stable, **params: Any) -> str:
    query = "&".join(
        f"{key}={value}" for key, value in {"stable__id__exact": stable.pk, **params}.items()
    )
    return f"/admin/ponies/pony/?{query}"


def post_items(client: Client, items: list[list[Any]]) -> Any:
    return client.post(
        UPDATE_URL, json.dumps({"updatedItems": items}), content_type="application/json"
    )


def history(obj: Any) -> list[str]:
    """The change messages on ``obj``'s admin History page, oldest first, as orderkit's admin
    shows them."""
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).order_by("pk")
    return [change_message(entry) for entry in entries]


def refuse_to_change(monkeypatch: pytest.MonkeyPatch, row: Pony) -> None:
    """Let ``PonyAdmin.has_change_permission`` refuse ``row``, and only it."""
    from ponies.admin import PonyAdmin

    monkeypatch.setattr(
        PonyAdmin,
        "has_change_permission",
        lambda self, request, obj=None: obj is None or obj.pk != row.pk,
    )
