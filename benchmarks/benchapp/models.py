"""One table per approach, all of the same shape, so that no approach's writes (or bloat)
touch another's. The app has no migrations: ``migrate --run-syncdb`` creates the tables,
so an approach's model is all a new approach needs."""

from __future__ import annotations

from django.db import models
from ordered_model.models import OrderedModelBase  # type: ignore[import-untyped]


class Group(models.Model):
    """The parent whose foreign key splits the rows into separately ordered groups."""

    name = models.CharField(max_length=50)

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    """The table shape: a group foreign key, an integer position and a boolean."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE)
    position = models.IntegerField()
    is_active = models.BooleanField(default=False)

    class Meta:
        abstract = True
        ordering = ("group", "position")
        indexes = (models.Index(fields=["group", "position"], name="%(class)s_group_position"),)

    def __str__(self) -> str:
        return f"{type(self).__name__} {self.pk}"


class DenseItem(Item):
    """Moved by orderkit with dense positions."""


class SparseItem(Item):
    """Moved by orderkit with sparse positions (``spacing = 1024``)."""


class OrderedModelItem(OrderedModelBase, Item):  # type: ignore[misc]
    """Moved by django-ordered-model's ``to()``."""

    order_field_name = "position"
    order_with_respect_to = "group"

    class Meta(Item.Meta):
        pass


class SortableItem(Item):
    """Moved through django-admin-sortable2's changelist (see ``admin.py``)."""


class FloorItem(Item):
    """Written by the floor: a bare Django view that updates one row (``views.py``)."""
