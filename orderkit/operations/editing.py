"""Editing in place: one registered text field of one row, validated by the model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, router
from django.db.models import Model, UniqueConstraint

from orderkit import signals
from orderkit.exceptions import Conflict, NotFound
from orderkit.kit import Kit
from orderkit.operations.onefield import write_field
from orderkit.operations.transactions import locked, run_atomic

if TYPE_CHECKING:
    from django.http import HttpRequest

    from orderkit.operations.audit import User


@dataclass(frozen=True)
class EditResult:
    changed: bool
    value: Any


def edit(
    kit: Kit,
    obj: Model,
    field: str,
    value: str,
    *,
    user: User | None = None,
    request: HttpRequest | None = None,
) -> EditResult:
    """Set ``obj.<field>`` to ``value`` once the model accepts it.

    The row is locked and read again, ``value`` put in and validated as a ``ModelForm``
    would (see :func:`validate`), then written alone. Raises ``ValidationError`` (nothing
    written) when the model refuses it.
    """
    kit.require("edit", field)
    using = router.db_for_write(kit.model)
    rows = kit.model._base_manager.using(using).filter(pk=obj.pk)

    def write() -> EditResult:
        found: list[Model] = locked(rows.select_for_update())
        if not found:
            raise NotFound()
        row = found[0]
        current = getattr(row, field)
        setattr(row, field, value)
        validate(row, field)
        wanted = getattr(row, field)
        if wanted == current:
            return EditResult(changed=False, value=current)
        try:
            write_field(
                kit, obj, rows, field, wanted, signal=signals.edited, user=user, request=request
            )
        except IntegrityError:
            # Another request took the value between the check and the write. The whole
            # transaction is rolled back and run again, whose check sees that request's row
            # and names the field's error.
            raise Conflict(retryable=True) from None
        return EditResult(changed=True, value=wanted)

    return run_atomic(kit.model, write)


def validate(row: Model, field: str) -> None:
    """Validate ``row.<field>`` as a ``ModelForm`` with that one field would: the field's
    cleaning and validators and the model's ``clean()``, then the uniqueness checks and
    constraints that name the field, with the row's other values as stored."""
    others = {other.name for other in row._meta.concrete_fields if other.name != field}
    row.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
    unrelated = others - sharing_checks(row, field)
    row.validate_unique(exclude=unrelated)
    row.validate_constraints(exclude=unrelated)


def sharing_checks(row: Model, field: str) -> set[str]:
    """The fields that share a uniqueness check with ``field`` (``unique_together``, a
    ``UniqueConstraint`` of fields): they must stay in those checks for them to run."""
    opts = row._meta
    groups = [set(names) for names in opts.unique_together]
    groups += [set(c.fields) for c in opts.constraints if isinstance(c, UniqueConstraint)]
    return {name for group in groups if field in group for name in group}
