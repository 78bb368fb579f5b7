"""orderkit's one table: a row per ordered group that orderkit has written to."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class GroupLock(models.Model):
    """The lock that writers of one group take turns on, and what orderkit knows of the group.

    Locking this one row serializes the moves of a group whatever its size, so a move locks
    and reads only the rows it touches. ``checked`` says that orderkit has read the whole
    group once and found, or made, its positions unique and not NULL.
    """

    group_key = models.CharField(max_length=64, primary_key=True)
    model = models.CharField(_("model"), max_length=200)
    checked = models.BooleanField(default=False)

    class Meta:
        db_table = "orderkit_grouplock"
        verbose_name = _("group lock")

    def __str__(self) -> str:
        return f"{self.model} {self.group_key[:12]}"
