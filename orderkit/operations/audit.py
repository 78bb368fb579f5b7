"""What a committed write leaves behind: admin LogEntry rows and orderkit's signals."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import transaction
from django.db.models import Model
from django.dispatch import Signal

from orderkit.conf import get_settings
from orderkit.kit import Group, Kit

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    User = AbstractBaseUser | AnonymousUser


#: A part of orderkit's own in a structured change message (``{"moved": {...}}``).
Note = dict[str, Any]


def log_change(
    user: User | None,
    objects: Sequence[Model],
    labels: Sequence[str],
    note: Note | Callable[[], Note] | None = None,
) -> None:
    """Write one CHANGE LogEntry per object, naming the changed fields as the admin does.

    ``note`` is one more part of the structured change message, which orderkit's admin shows
    in place of the fields (``{"moved": {"before": "Clover 3"}}``, see
    ``orderkit/admin/history.py``); Django's own History pages show the fields. A callable
    makes it only when an entry is written."""
    author = _author(user, objects)
    if author is None:
        return
    made = note() if callable(note) else note
    _log(author, objects, [{"changed": {"fields": list(labels)}}, *([made] if made else [])])


def log_link(
    user: User | None, obj: Model, link_name: str, related: Model, *, added: bool
) -> None:
    """Write a CHANGE LogEntry on ``obj`` that names the object linked to it or unlinked, in
    the words the admin uses for a many-to-many inline's row ("Deleted Pony-tag
    relationship “brave”."): Django's structured message, which its History page
    translates."""
    author = _author(user, [obj])
    if author is not None:
        change = {"name": link_name, "object": str(related)}
        _log(author, [obj], [{"added" if added else "deleted": change}])


def _author(user: User | None, objects: Sequence[Model]) -> Any | None:
    """The pk of the user whose LogEntry rows are written for ``objects``; ``None`` when
    none is: no rows, no saved user, the setting off or no admin app."""
    if not objects or user is None or user.pk is None:
        return None
    if not get_settings().LOG_ENTRIES or not apps.is_installed("django.contrib.admin"):
        return None
    return user.pk


def _log(author: Any, objects: Sequence[Model], message: list[Note]) -> None:
    from django.contrib.admin.models import CHANGE, LogEntry

    LogEntry.objects.log_actions(
        user_id=author, queryset=list(objects), action_flag=CHANGE, change_message=message
    )


def describe_group(kit: Kit, group: Group) -> str:
    """The group as people read it: each ``group_by`` value (a related object by its
    ``str()``), joined by commas."""
    shown = []
    for name in kit.group_by:
        field = kit.field(name)
        value = group[field.attname]
        if field.is_relation and value is not None:
            manager: Any = field.related_model._base_manager  # type: ignore[union-attr]
            target = field.target_field.attname  # type: ignore[attr-defined]
            value = manager.filter(**{target: value}).first() or value
        shown.append(str(value))
    return ", ".join(shown)


def regroup_note(kit: Kit, source: Group, target: Group) -> Note:
    """The change message's note for a row moved from ``source`` to ``target``."""
    return {"regrouped": {"from": describe_group(kit, source), "to": describe_group(kit, target)}}


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
