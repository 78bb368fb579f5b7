"""Options of the wrong type: the kit's options are read only once these pass."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from django.core.checks import CheckMessage, Error

from orderkit.checks.fields import any_field
from orderkit.kit import Kit


def check_option_types(kit: Kit) -> Iterator[CheckMessage]:
    name = type(kit).__name__
    for option in ("group_by", "toggles", "relations", "editable"):
        value = getattr(kit, option)
        if (
            isinstance(value, str)
            or not isinstance(value, Sequence | Mapping)
            or not all(isinstance(item, str) for item in value)
        ):
            yield Error(
                f"{name}.{option} must be a tuple of field names, not {value!r}.",
                hint=_tuple_hint(kit, option, value),
                obj=type(kit),
                id="orderkit.E007",
            )
    if isinstance(kit.toggles, Mapping):
        for field, permission in kit.toggles.items():
            if not isinstance(permission, str) or permission.count(".") != 1:
                yield Error(
                    f"{name}.toggles gives {field!r} the permission {permission!r}, which is "
                    "not an 'app_label.codename' string.",
                    hint=f'Write toggles = {{"{field}": "app_label.codename"}}, or list the '
                    "field in a tuple when the kit's own permission is enough.",
                    obj=type(kit),
                    id="orderkit.E013",
                )
    spacing: object = kit.spacing
    if isinstance(spacing, bool) or not isinstance(spacing, int) or spacing < 1:
        yield Error(
            f"{name}.spacing must be a positive integer, not {spacing!r}.",
            hint="Leave spacing = 1 for dense positions, or set e.g. spacing = 1024 for sparse "
            "ones.",
            obj=type(kit),
            id="orderkit.E009",
        )
    between: object = kit.move_between_groups
    if not isinstance(between, bool):
        yield Error(
            f"{name}.move_between_groups must be True or False, not {between!r}.",
            hint="Write move_between_groups = True to let reorders move rows between groups.",
            obj=type(kit),
            id="orderkit.E020",
        )
    order_field: object = kit.order_field
    if order_field is not None and not isinstance(order_field, str):
        yield Error(
            f"{name}.order_field must be a field name, not {order_field!r}.",
            hint='Name the integer field, e.g. order_field = "position".',
            obj=type(kit),
            id="orderkit.E014",
        )


def _tuple_hint(kit: Kit, option: str, value: object) -> str:
    """The tuple to write instead of a single name, when that name is one of the model's
    (a hint never proposes a name that is not)."""
    if not isinstance(value, str):
        return f"List the names as strings in {option}."
    if any_field(kit, value) is not None:
        return f'Write {option} = ("{value}",) for a single name.'
    return f"Write {option} as a tuple of names of {kit.model._meta.label}'s fields."
