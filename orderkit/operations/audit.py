"""What a committed write leaves behind: admin LogEntry rows and orderkit's signals."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import transaction
from django.db.models import Model
from django.dispatch import Signal
from django.utils.translation import gettext as _

from orderkit.conf import get_settings
from orderkit.kit import Group, Kit

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpRequest

    User = AbstractBaseUser | AnonymousUser


def log_change(
    user: User | None,
    objects: Sequence[Model],
    labels: Sequence[str],
    message: Callable[[], str] | None = None,
) -> None:
    """Write one CHANGE LogEntry per object, naming the changed fields as the admin does,
    or with the text that ``message`` makes (asked only when an entry is written)."""
    if not objects or user is None or user.pk is None:
        return
    if not get_settings().LOG_ENTRIES or not apps.is_installed("django.contrib.admin"):
        return
    from django.contrib.admin.models import CHANGE, LogEntry

    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=list(objects),
        action_flag=CHANGE,
        change_message=[{"changed": {"fields": list(labels)}}] if message is None else message(),
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


def regroup_message(kit: Kit, source: Group, target: Group, labels: Sequence[str]) -> str:
    """A LogEntry's text for a row moved from ``source`` to ``target``."""
    return _("Moved from “%(source)s” to “%(target)s” (%(fields)s).") % {
        "source": describe_group(kit, source),
        "target": describe_group(kit, target),
        "fields": ", ".join(labels),
    }


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
