from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Board(models.Model):
    name = models.CharField(max_length=50)

    def __str__(self) -> str:
        return self.name


class Label(models.Model):
    name = models.CharField(max_length=50)

    def __str__(self) -> str:
        return self.name


class Card(models.Model):
    """Ordered per board (a NULL board is a group too); scoped by ``is_hidden``."""

    title = models.CharField(max_length=100)
    board = models.ForeignKey(Board, null=True, blank=True, on_delete=models.CASCADE)
    position = models.PositiveIntegerField(null=True, blank=True)
    is_done = models.BooleanField(default=False)
    is_hidden = models.BooleanField(default=False)
    labels = models.ManyToManyField(Label, blank=True, related_name="cards")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["board", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Ordered(models.Model):
    """Positions unique per board, checked at commit on PostgreSQL (the other databases
    cannot defer the check, and do not create the constraint)."""

    title = models.CharField(max_length=100)
    board = models.ForeignKey(Board, on_delete=models.CASCADE)
    position = models.PositiveIntegerField(null=True, blank=True)
    is_done = models.BooleanField(default=False)

    class Meta:
        abstract = True
        ordering = ["board", "position", "pk"]
        indexes = [models.Index(fields=["board", "position"])]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "position"],
                name="%(class)s_unique_position",
                deferrable=models.Deferrable.DEFERRED,
            )
        ]

    def __str__(self) -> str:
        return self.title


class Rung(Ordered):
    """Dense positions under the unique constraint."""

    class Meta(Ordered.Meta):
        pass


class Step(Ordered):
    """Sparse positions (spaced by 4, so that moves often rebalance) under the constraint."""

    class Meta(Ordered.Meta):
        pass


class Tick(models.Model):
    """Sparse positions (spaced by 1024) in a small integer column: 32 rows fill its range."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE)
    position = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["board", "position", "pk"]
        indexes = [models.Index(fields=["board", "position"])]


class Chapter(models.Model):
    """Ordered as one group, with a string (UUID) pk and a permission-guarded toggle."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField(max_length=100)
    number = models.IntegerField(null=True, blank=True)
    is_published = models.BooleanField(default=False)

    class Meta:
        ordering = ["number"]
        permissions = [("publish_chapter", "Can publish a chapter")]

    def __str__(self) -> str:
        return self.title


class Oddity(models.Model):
    """Fields of every wrong kind, for the system checks."""

    name = models.CharField(max_length=50)
    count = models.IntegerField(default=0)
    flag = models.BooleanField(default=False)
    board = models.ForeignKey(Board, null=True, on_delete=models.CASCADE)
    labels = models.ManyToManyField(Label, blank=True)


class Annex(Oddity):
    """A child by multi-table inheritance: its parent's columns are in the parent's table."""

    rank = models.IntegerField(null=True, blank=True)


class Song(models.Model):
    title = models.CharField(max_length=50)

    def __str__(self) -> str:
        return self.title


class Playlist(models.Model):
    """Ordered many-to-many: its songs in the order of the through model ``Track``."""

    name = models.CharField(max_length=50)
    songs: models.ManyToManyField[Song, Track] = models.ManyToManyField(
        Song, through="Track", blank=True, related_name="playlists"
    )

    def __str__(self) -> str:
        return self.name


class Track(models.Model):
    """A song's place in a playlist, ordered per playlist by ``position``."""

    playlist = models.ForeignKey(Playlist, on_delete=models.CASCADE)
    song = models.ForeignKey(Song, on_delete=models.CASCADE)
    position = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["playlist", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["playlist", "song"], name="track_unique_song")
        ]

    def __str__(self) -> str:
        return f"{self.song} in {self.playlist}"
