"""Registrations of the test app (autodiscovered like the demo's)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

import orderkit
from orderkit.kit import Action
from tests.testapp.models import Card, Chapter, Label, Playlist, Rung, Step, Tick, Track


@orderkit.register(Card)
class CardKit(orderkit.Kit):
    order_field = "position"
    group_by = ("board",)
    toggles = ("is_done",)
    relations = ("labels",)
    editable = ("title",)

    def get_queryset(self, request: HttpRequest | None) -> QuerySet[Any]:
        return Card.objects.filter(is_hidden=False)

    def related_queryset(self, request: HttpRequest | None, relation: str) -> QuerySet[Any]:
        return Label.objects.exclude(name="secret")


orderkit.register(
    Chapter,
    order_field="number",
    toggles={"is_published": "testapp.publish_chapter"},
)


@orderkit.register(Label)
class LabelKit(orderkit.Kit):
    relations = ("cards",)


orderkit.register(Rung, order_field="position", group_by=("board",), toggles=("is_done",))


@orderkit.register(Step)
class StepKit(orderkit.Kit):
    order_field = "position"
    group_by = ("board",)
    toggles = ("is_done",)
    spacing = 4


orderkit.register(Tick, order_field="position", group_by=("board",), spacing=1024)


@orderkit.register(Playlist)
class PlaylistKit(orderkit.Kit):
    relations = ("songs",)

    def get_queryset(self, request: HttpRequest | None) -> QuerySet[Any]:
        return Playlist.objects.exclude(name="hidden")

    def has_permission(self, request: HttpRequest, action: Action, obj: Any = None) -> bool:
        """As the default, and a playlist named "locked" may not be changed."""
        return (
            super().has_permission(request, action, obj) and getattr(obj, "name", "") != "locked"
        )


orderkit.register(Track, order_field="position", group_by=("playlist",))
