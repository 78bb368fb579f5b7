"""Writing one field of one locked row: the ``UPDATE``, the instance, the LogEntry and the
signal, for the toggle and the edit alike."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Model, QuerySet
from django.dispatch import Signal

from orderkit.kit import Kit
from orderkit.operations.audit import log_change, send_on_commit

if TYPE_CHECKING:
    from django.http import HttpRequest

    from orderkit.operations.audit import User


def write_field(
    kit: Kit,
    obj: Model,
    rows: QuerySet[Any],
    field: str,
    value: Any,
    *,
    signal: Signal,
    user: User | None,
    request: HttpRequest | None,
) -> None:
    """Write ``value`` into ``field`` of the row that ``rows`` names (and of ``obj``), log
    the change and send ``signal`` once the transaction commits."""
    rows.update(**{field: value})
    setattr(obj, field, value)
    log_change(user, [obj], [kit.verbose_name(field)])
    send_on_commit(
        signal, kit.model, rows.db, request, user, instance=obj, field=field, value=value
    )
