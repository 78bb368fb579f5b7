"""``ModelAdmin.check()`` for orderkit's admin classes (``orderkit.E101`` ...), each with a
hint. Django runs them with the other admin checks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.checks import CheckMessage, Error
from django.forms.models import _get_foreign_key

from orderkit.admin.ordering import default_ordering, order_direction
from orderkit.registry import Kit, registry

if TYPE_CHECKING:
    from orderkit.admin.inlines import OrderkitInlineMixin
    from orderkit.admin.mixins import OrderkitAdminMixin


def _kit(admin_obj: Any) -> tuple[Kit | None, list[CheckMessage]]:
    """The kit of the admin's model, or the error that says why there is none to use."""
    model = admin_obj.model
    label = model._meta.label
    kit = registry.for_model(model)
    if kit is None:
        return None, [
            Error(
                f"{type(admin_obj).__name__} uses orderkit, but {label} is not registered "
                "with orderkit.",
                hint=f"Register it with @orderkit.register({model.__name__}) in a kits.py, "
                "with an order_field.",
                obj=type(admin_obj),
                id="orderkit.E101",
            )
        ]
    if kit.order_field is None:
        return None, [
            Error(
                f"{label} is registered with orderkit without an order_field, which "
                f"{type(admin_obj).__name__} needs to sort its rows.",
                hint="Set order_field on its Kit (an integer field).",
                obj=type(admin_obj),
                id="orderkit.E102",
            )
        ]
    return kit, []


def _check_ordering(admin_obj: Any, kit: Kit) -> list[CheckMessage]:
    ordering = default_ordering(admin_obj.model, admin_obj.ordering)
    if order_direction(kit, ordering) is not None:
        return []
    wanted = [*kit.group_by, kit.order_field]
    return [
        Error(
            f"The ordering of {type(admin_obj).__name__} is {list(ordering)!r}; it must start "
            f"with {kit.order_field!r} (after the group_by fields, if any) for rows to be "
            "shown in orderkit's order.",
            hint=f"Set ordering = {wanted!r} on the admin or on the model's Meta.",
            obj=type(admin_obj),
            id="orderkit.E103",
        )
    ]


def check_model_admin(model_admin: OrderkitAdminMixin) -> list[CheckMessage]:
    kit, errors = _kit(model_admin)
    if kit is None:
        return errors
    errors = _check_ordering(model_admin, kit)
    for name in model_admin.orderkit_toggles:
        if name not in kit.toggle_names:
            errors.append(
                Error(
                    f"{type(model_admin).__name__}.orderkit_toggles names {name!r}, which is "
                    f"not a registered toggle of {kit.model._meta.label}.",
                    hint=f"Add {name!r} to the toggles of its Kit, or remove it from "
                    "orderkit_toggles.",
                    obj=type(model_admin),
                    id="orderkit.E104",
                )
            )
    for name in model_admin.orderkit_relations or ():
        if name not in kit.relations:
            errors.append(
                Error(
                    f"{type(model_admin).__name__}.orderkit_relations names {name!r}, which "
                    f"is not a registered relation of {kit.model._meta.label}.",
                    hint=f"Add {name!r} to the relations of its Kit, or remove it from "
                    "orderkit_relations.",
                    obj=type(model_admin),
                    id="orderkit.E105",
                )
            )
    return errors


def check_inline(inline: OrderkitInlineMixin) -> list[CheckMessage]:
    kit, errors = _kit(inline)
    if kit is None:
        return errors
    errors = _check_ordering(inline, kit)
    try:
        fk = _get_foreign_key(inline.parent_model, inline.model, fk_name=inline.fk_name)
    except ValueError:
        # Django's own check (admin.E202) reports it.
        return errors
    assert fk is not None  # _get_foreign_key() raises rather than answer None
    if not set(kit.group_by) <= {fk.name}:
        errors.append(
            Error(
                f"{type(inline).__name__} shows the {kit.model._meta.label} rows of one "
                f"{fk.name}, but they are ordered per {', '.join(kit.group_by)}: an inline's "
                "rows must be one group.",
                hint=f"Register the model with group_by = ({fk.name!r},) or without group_by.",
                obj=type(inline),
                id="orderkit.E106",
            )
        )
    return errors
