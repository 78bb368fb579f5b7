"""``ModelAdmin.check()`` for orderkit's admin classes (``orderkit.E101`` to ``E107``), each
with a hint. Django runs them with the other admin checks.

They take what they check as arguments. A kit that has problems of its own (reported by
orderkit's checks, ``orderkit.E001``...) gets no admin errors on top: its options may name
fields that do not exist, which no hint here should propose.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import apps
from django.core.checks import CheckMessage, Error
from django.db.models import Model
from django.forms.models import _get_foreign_key

from orderkit.admin.ordering import default_ordering
from orderkit.checks import check_kit
from orderkit.exceptions import NotRegistered
from orderkit.kit import Kit
from orderkit.registry import registry


def check_apps(owner: type) -> list[CheckMessage]:
    """The apps whose templates and static files orderkit's admin classes use: without
    adminsortable2 the change list answers 500 (``TemplateDoesNotExist``) and an inline's
    rows cannot be dragged (its script is a 404), while the rest of the admin works."""
    if apps.is_installed("adminsortable2"):
        return []
    return [
        Error(
            f"{owner.__name__} uses orderkit's admin, which needs adminsortable2's templates "
            "and static files, but 'adminsortable2' is not in INSTALLED_APPS.",
            hint='Add "adminsortable2" to INSTALLED_APPS (django-admin-sortable2 is installed '
            "with orderkit).",
            obj=owner,
            id="orderkit.E107",
        )
    ]


def _kit(owner: type, model: type[Model]) -> tuple[Kit | None, list[CheckMessage]]:
    """The kit of the admin's model, or the errors that say why there is none to use (none
    when the kit's own checks report it)."""
    label = model._meta.label
    try:
        kit = registry.get(model)
    except NotRegistered:
        return None, [
            Error(
                f"{owner.__name__} uses orderkit, but {label} is not registered with orderkit.",
                hint=f"Register it with @orderkit.register({model.__name__}) in a kits.py, "
                "with an order_field.",
                obj=owner,
                id="orderkit.E101",
            )
        ]
    if check_kit(kit):
        return None, []
    if kit.order_field is None:
        return None, [
            Error(
                f"{label} is registered with orderkit without an order_field, which "
                f"{owner.__name__} needs to sort its rows.",
                hint="Set order_field on its Kit (an integer field).",
                obj=owner,
                id="orderkit.E102",
            )
        ]
    return kit, []


def _check_ordering(owner: type, kit: Kit, ordering: Sequence[Any] | None) -> list[CheckMessage]:
    shown = default_ordering(kit.model, ordering)
    if kit.order_direction(shown) is not None:
        return []
    wanted = [*kit.group_by, kit.order_field]
    return [
        Error(
            f"The ordering of {owner.__name__} is {list(shown)!r}; it must start with "
            f"{kit.order_field!r} (after the group_by fields, if any) for rows to be shown in "
            "orderkit's order.",
            hint=f"Set ordering = {wanted!r} on the admin or on the model's Meta.",
            obj=owner,
            id="orderkit.E103",
        )
    ]


def check_model_admin(
    owner: type,
    model: type[Model],
    ordering: Sequence[Any] | None,
    toggles: Sequence[str],
    relations: Sequence[str] | None,
) -> list[CheckMessage]:
    kit, errors = _kit(owner, model)
    if kit is None:
        return errors
    errors = _check_ordering(owner, kit, ordering)
    label = model._meta.label
    for name in toggles:
        if name not in kit.toggle_names:
            errors.append(
                Error(
                    f"{owner.__name__}.orderkit_toggles names {name!r}, which is not a "
                    f"registered toggle of {label}.",
                    hint=f"Add {name!r} to the toggles of its Kit, or remove it from "
                    "orderkit_toggles.",
                    obj=owner,
                    id="orderkit.E104",
                )
            )
    for name in relations or ():
        if name not in kit.relations:
            errors.append(
                Error(
                    f"{owner.__name__}.orderkit_relations names {name!r}, which is not a "
                    f"registered relation of {label}.",
                    hint=f"Add {name!r} to the relations of its Kit, or remove it from "
                    "orderkit_relations.",
                    obj=owner,
                    id="orderkit.E105",
                )
            )
    return errors


def check_inline(
    owner: type,
    model: type[Model],
    parent_model: type[Model],
    fk_name: str | None,
    ordering: Sequence[Any] | None,
) -> list[CheckMessage]:
    kit, errors = _kit(owner, model)
    if kit is None:
        return errors
    errors = _check_ordering(owner, kit, ordering)
    try:
        fk = _get_foreign_key(parent_model, model, fk_name=fk_name)
    except ValueError:
        # Django's own check (admin.E202) reports it.
        return errors
    assert fk is not None  # _get_foreign_key() raises rather than answer None
    if not set(kit.group_by) <= {fk.name}:
        errors.append(
            Error(
                f"{owner.__name__} shows the {model._meta.label} rows of one {fk.name}, but "
                f"they are ordered per {', '.join(kit.group_by)}: an inline's rows must be one "
                "group.",
                hint=f"Register the model with group_by = ({fk.name!r},) or without group_by.",
                obj=owner,
                id="orderkit.E106",
            )
        )
    return errors
