"""System checks for every registration (``orderkit.E001`` ...), each with a hint."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db import models
from django.db.models.fields import NOT_PROVIDED

from orderkit.conf import build_settings
from orderkit.registry import Kit, registry


@register(Tags.models)
def check_registrations(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> Sequence[CheckMessage]:
    wanted = None if app_configs is None else {config.label for config in app_configs}
    messages: list[CheckMessage] = []
    for kit in registry.kits():
        if wanted is None or kit.model._meta.app_label in wanted:
            messages.extend(check_kit(kit))
    for model in dict.fromkeys(registry.duplicates):
        if wanted is not None and model._meta.app_label not in wanted:
            continue
        messages.append(
            Error(
                f"{model._meta.label} is registered with orderkit more than once.",
                hint="Register each model once; the last registration replaced the others.",
                obj=model,
                id="orderkit.E006",
            )
        )
    return messages


@register()
def check_settings(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> Sequence[CheckMessage]:
    """``settings.ORDERKIT`` is a dict of known keys with values of the right kind."""
    try:
        build_settings()
    except ImproperlyConfigured as error:
        return [
            Error(
                str(error),
                hint="See orderkit's settings page for the keys and their defaults.",
                id="orderkit.E008",
            )
        ]
    return []


def check_kit(kit: Kit) -> list[CheckMessage]:
    """All the problems of one registration."""
    type_errors = list(_check_option_types(kit))
    if type_errors:
        return type_errors
    return [
        *_check_order_field(kit),
        *_check_group_by(kit),
        *_check_toggles(kit),
        *_check_relations(kit),
    ]


def _error(kit: Kit, message: str, hint: str, number: int) -> Error:
    return Error(message, hint=hint, obj=type(kit), id=f"orderkit.E{number:03d}")


def _check_option_types(kit: Kit) -> Iterator[CheckMessage]:
    for option in ("group_by", "toggles", "relations"):
        value = getattr(kit, option)
        if (
            isinstance(value, str)
            or not isinstance(value, Sequence | Mapping)
            or not all(isinstance(name, str) for name in value)
        ):
            yield _error(
                kit,
                f"{type(kit).__name__}.{option} must be a tuple of field names, not {value!r}.",
                f'Write {option} = ("{value}",) for a single name.'
                if isinstance(value, str)
                else f"List the names as strings in {option}.",
                7,
            )
    if isinstance(kit.toggles, Mapping):
        for name, permission in kit.toggles.items():
            if not isinstance(permission, str) or permission.count(".") != 1:
                yield _error(
                    kit,
                    f"{type(kit).__name__}.toggles gives {name!r} the permission "
                    f"{permission!r}, which is not an 'app_label.codename' string.",
                    f'Write toggles = {{"{name}": "app_label.codename"}}, or list the field '
                    "in a tuple when the kit's own permission is enough.",
                    7,
                )
    spacing: object = kit.spacing
    if isinstance(spacing, bool) or not isinstance(spacing, int) or spacing < 1:
        yield _error(
            kit,
            f"{type(kit).__name__}.spacing must be a positive integer, not {spacing!r}.",
            "Leave spacing = 1 for dense positions, or set e.g. spacing = 1024 for sparse ones.",
            9,
        )
    order_field: object = kit.order_field
    if order_field is not None and not isinstance(order_field, str):
        yield _error(
            kit,
            f"{type(kit).__name__}.order_field must be a field name, not {order_field!r}.",
            'Name the integer field, e.g. order_field = "position".',
            7,
        )


def kind_of(field: object) -> str:
    """``"a CharField"``, ``"an IntegerField"``: the field's class with its article."""
    name = type(field).__name__
    return f"{'an' if name[0] in 'AEIOU' else 'a'} {name}"


def _concrete_field(kit: Kit, name: str) -> models.Field[Any, Any] | None:
    try:
        return kit.field(name)
    except FieldDoesNotExist:
        return None


def _check_order_field(kit: Kit) -> Iterator[CheckMessage]:
    name = kit.order_field
    if name is None:
        return
    label = kit.model._meta.label
    field = _concrete_field(kit, name)
    if field is None:
        yield _error(
            kit,
            f"order_field {name!r} is not a field of {label}.",
            f"Name an integer field of {label}, e.g. a PositiveIntegerField.",
            1,
        )
        return
    if not isinstance(field, models.IntegerField) or isinstance(field, models.AutoField):
        yield _error(
            kit,
            f"{label}.{name} is {kind_of(field)}; order_field must be an integer field.",
            "Use an IntegerField, PositiveIntegerField or BigIntegerField for positions.",
            2,
        )
        return
    yield from _check_own_table(kit, "order_field", field)
    if field.default is not NOT_PROVIDED and field.default is not None:
        yield Warning(
            f"{label}.{name} has a default ({field.default!r}), so new rows take it instead of "
            "going last in their group.",
            hint=f"Remove the default from {label}.{name} (add null=True if the column needs it).",
            obj=type(kit),
            id="orderkit.W001",
        )


def _check_group_by(kit: Kit) -> Iterator[CheckMessage]:
    label = kit.model._meta.label
    for name in kit.group_by:
        field = _concrete_field(kit, name)
        if field is None:
            yield _error(
                kit,
                f"group_by names {name!r}, which is not a field of {label}.",
                f"Name fields of {label} (a foreign key such as the parent, or plain columns).",
                5,
            )
        elif kit.order_field is None:
            yield _error(
                kit,
                f"{type(kit).__name__} ({label}) sets group_by but no order_field.",
                "Set order_field, or remove group_by.",
                5,
            )
            return
        else:
            yield from _check_own_table(kit, "group_by", field)


def _check_own_table(kit: Kit, option: str, field: models.Field[Any, Any]) -> Iterator[Error]:
    """Positions are read and written in the registered model's own table, so the order
    field and the group fields must be its columns, not a parent model's."""
    owner = field.model._meta.concrete_model
    if owner is None or owner is kit.model._meta.concrete_model:
        return
    label = kit.model._meta.label
    yield _error(
        kit,
        f"{option} names {field.name!r}, which {label} inherits from {owner._meta.label} "
        "(multi-table inheritance): its column is in the parent's table.",
        f"Register {owner._meta.label} itself, or give {label} a field of its own.",
        10,
    )


def _check_toggles(kit: Kit) -> Iterator[CheckMessage]:
    label = kit.model._meta.label
    for name in kit.toggle_names:
        field = _concrete_field(kit, name)
        if field is None:
            yield _error(
                kit,
                f"toggles names {name!r}, which is not a field of {label}.",
                f"Name BooleanFields of {label}.",
                1,
            )
        elif not isinstance(field, models.BooleanField):
            yield _error(
                kit,
                f"{label}.{name} is {kind_of(field)}; toggles must be BooleanFields.",
                f"Remove {name!r} from toggles, or make it a BooleanField.",
                3,
            )


def _any_field(kit: Kit, name: str) -> object | None:
    """The field, relation or reverse accessor of the model called ``name``, if any."""
    for candidate in kit.model._meta.get_fields():
        accessor = getattr(candidate, "get_accessor_name", None)
        if candidate.name == name or (accessor is not None and accessor() == name):
            return candidate
    return None


def _check_relations(kit: Kit) -> Iterator[CheckMessage]:
    label = kit.model._meta.label
    for name in kit.relations:
        try:
            kit.relation_field(name)
        except FieldDoesNotExist:
            found = _any_field(kit, name)
            kind = "not a field" if found is None else kind_of(found)
            yield _error(
                kit,
                f"relations names {name!r}, which is {kind} of {label}, not a many-to-many "
                "relation.",
                "Name ManyToManyFields of the model, or the accessors of many-to-many fields "
                "that point to it (e.g. pony_set).",
                4,
            )
