"""What the options name: fields of the right kind, in the model's own table."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.checks import CheckMessage, Error, Warning
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.fields import NOT_PROVIDED

from orderkit.kit import Kit
from orderkit.registry import registry


def kind_of(field: object) -> str:
    """``"a CharField"``, ``"an IntegerField"``: the field's class with its article."""
    name = type(field).__name__
    return f"{'an' if name[0] in 'AEIOU' else 'a'} {name}"


def concrete_field(kit: Kit, name: str) -> models.Field[Any, Any] | None:
    try:
        return kit.field(name)
    except FieldDoesNotExist:
        return None


def any_field(kit: Kit, name: str) -> object | None:
    """The field, relation or reverse accessor of the model called ``name``, if any."""
    for candidate in kit.model._meta.get_fields():
        accessor = getattr(candidate, "get_accessor_name", None)
        if candidate.name == name or (accessor is not None and accessor() == name):
            return candidate
    return None


def check_order_field(kit: Kit) -> Iterator[CheckMessage]:
    name = kit.order_field
    if name is None:
        return
    label = kit.model._meta.label
    field = concrete_field(kit, name)
    if field is None:
        yield Error(
            f"order_field {name!r} is not a field of {label}.",
            hint=f"Name an integer field of {label}, e.g. a PositiveIntegerField.",
            obj=type(kit),
            id="orderkit.E001",
        )
        return
    if not isinstance(field, models.IntegerField) or isinstance(field, models.AutoField):
        yield Error(
            f"{label}.{name} is {kind_of(field)}; order_field must be an integer field.",
            hint="Use an IntegerField, PositiveIntegerField or BigIntegerField for positions.",
            obj=type(kit),
            id="orderkit.E002",
        )
        return
    yield from check_own_table(kit, "order_field", field)
    if field.default is not NOT_PROVIDED and field.default is not None:
        yield Warning(
            f"{label}.{name} has a default ({field.default!r}), so new rows take it instead of "
            "going last in their group.",
            hint=f"Remove the default from {label}.{name} (add null=True if the column needs it).",
            obj=type(kit),
            id="orderkit.W001",
        )


def check_group_by(kit: Kit) -> Iterator[CheckMessage]:
    label = kit.model._meta.label
    if kit.group_by and kit.order_field is None:
        yield Error(
            f"{type(kit).__name__} ({label}) sets group_by but no order_field.",
            hint="Set order_field, or remove group_by.",
            obj=type(kit),
            id="orderkit.E012",
        )
        return
    for name in kit.group_by:
        field = concrete_field(kit, name)
        if field is None:
            yield Error(
                f"group_by names {name!r}, which is not a field of {label}.",
                hint=f"Name fields of {label} (a foreign key such as the parent, or plain "
                "columns).",
                obj=type(kit),
                id="orderkit.E005",
            )
        else:
            yield from check_own_table(kit, "group_by", field)


def check_own_table(kit: Kit, option: str, field: models.Field[Any, Any]) -> Iterator[Error]:
    """Positions are read and written in the registered model's own table, so the order
    field and the group fields must be its columns, not a parent model's."""
    owner = field.model._meta.concrete_model
    if owner is None or owner is kit.model._meta.concrete_model:
        return
    label = kit.model._meta.label
    yield Error(
        f"{option} names {field.name!r}, which {label} inherits from {owner._meta.label} "
        "(multi-table inheritance): its column is in the parent's table.",
        hint=f"Register {owner._meta.label} itself, or give {label} a field of its own.",
        obj=type(kit),
        id="orderkit.E010",
    )


def check_toggles(kit: Kit) -> Iterator[CheckMessage]:
    label = kit.model._meta.label
    for name in kit.toggle_names:
        field = concrete_field(kit, name)
        if field is None:
            yield Error(
                f"toggles names {name!r}, which is not a field of {label}.",
                hint=f"Name BooleanFields of {label}.",
                obj=type(kit),
                id="orderkit.E011",
            )
        elif not isinstance(field, models.BooleanField):
            yield Error(
                f"{label}.{name} is {kind_of(field)}; toggles must be BooleanFields.",
                hint=f"Remove {name!r} from toggles, or make it a BooleanField.",
                obj=type(kit),
                id="orderkit.E003",
            )


def check_relations(kit: Kit) -> Iterator[CheckMessage]:
    label = kit.model._meta.label
    for name in kit.relations:
        try:
            kit.relation_field(name)
        except FieldDoesNotExist:
            found = any_field(kit, name)
            kind = "not a field" if found is None else kind_of(found)
            yield Error(
                f"relations names {name!r}, which is {kind} of {label}, not a many-to-many "
                "relation.",
                hint="Name ManyToManyFields of the model, or the accessors of many-to-many "
                "fields that point to it (e.g. pony_set).",
                obj=type(kit),
                id="orderkit.E004",
            )
            continue
        yield from check_link_order(kit, name)


def check_link_order(kit: Kit, relation: str) -> Iterator[CheckMessage]:
    """A relation whose through model is registered with an ``order_field`` orders its
    links when that kit is grouped by the through model's foreign key to one side alone."""
    through, owner, related = kit.through_fields(relation)
    if through not in registry:
        return
    through_kit = registry.get(through)
    if through_kit.order_field is None or tuple(through_kit.group_by) in ((owner,), (related,)):
        return
    label, through_label = kit.model._meta.label, through._meta.label
    yield Warning(
        f"The links of {label}.{relation} are in no order: their through model "
        f"{through_label} is registered with order_field {through_kit.order_field!r} but "
        f"grouped by {tuple(through_kit.group_by)!r}, not by its foreign key to one side.",
        hint=f"Register {through_label} with group_by = ({owner!r},) to keep each "
        f"{kit.model._meta.verbose_name}'s links in order (see docs/ordered-links.md), or "
        "leave out its order_field.",
        obj=type(kit),
        id="orderkit.W003",
    )


def check_editable(kit: Kit) -> Iterator[CheckMessage]:
    label = kit.model._meta.label
    for name in kit.editable:
        field = concrete_field(kit, name)
        if field is None:
            yield Error(
                f"editable names {name!r}, which is not a field of {label}.",
                hint=f"Name CharFields of {label}.",
                obj=type(kit),
                id="orderkit.E018",
            )
        elif not isinstance(field, models.CharField) or field.primary_key or not field.editable:
            kind = "its primary key" if field.primary_key else kind_of(field)
            yield Error(
                f"{label}.{name} is {kind}"
                f"{'' if field.editable else ' with editable=False'}; editable must name "
                "CharFields that forms may edit.",
                hint=f"Remove {name!r} from editable.",
                obj=type(kit),
                id="orderkit.E019",
            )
