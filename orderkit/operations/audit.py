"""What a committed write leaves behind: admin LogEntry rows and orderkit's signals."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import transaction
from django.db.models import Model
from django.dispatch import Signal

from orderkit.conf import get_settings

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    User = AbstractBaseUser | AnonymousUser


def log_change(
    user: User | None,
    objects: Sequence[Model],
    labels: Sequence[str],
    note: dict[str, Any] | None = None,
) -> None:
    """Write one CHANGE LogEntry per object, naming the changed fields as the admin does.

    ``note`` is one more part of the structured change message, which orderkit's admin shows
    in place of the fields (``{"moved": {"before": "Clover 3"}}``, see
    ``orderkit/admin/history.py``); Django's own History pages show the fields."""
    _log(user, objects, [{"changed": {"fields": list(labels)}}, *([note] if note else [])])


def log_link(
    user: User | None, obj: Model, link_name: str, related: Model, *, added: bool
) -> None:
    """Write a CHANGE LogEntry on ``obj`` that names the object linked to it or unlinked, in
    the words the admin uses for a many-to-many inline's row ("Deleted Pony-tag
    relationship “brave”."): Django's structured message, which its History page
    translates."""
    change = {"name": link_name, "object": str(related)}
    _log(user, [obj], [{"added" if added else "deleted": change}])


def _log(user: User | None, objects: Sequence[Model], message: list[dict[str, Any]]) -> None:
    if not objects or user is None or user.pk is None:
        return
    if not get_settings().LOG_ENTRIES or not apps.is_installed("django.contrib.admin"):
        return
    from django.contrib.admin.models import CHANGE, LogEntry

    LogEntry.objects.log_actions(
        user_id=user.pk, queryset=list(objects), action_flag=CHANGE, change_message=message
    )


def send_on_commit(
    signal: Signal,
    model: type[Model],
    using: str,
    request: HttpRequest | None,
    user: User | None,
    **details: Any,
) -> None:
    """Send ``signal`` once the transaction commits; a failing receiver is logged, not raised."""
    transaction.on_commit(
        lambda: signal.send(sender=model, request=request, user=user, **details),
        using=using,
        robust=True,
    )
