"""Every registration, and models registered more than once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error

from orderkit.checks.fields import (
    check_editable,
    check_group_by,
    check_order_field,
    check_relations,
    check_toggles,
)
from orderkit.checks.options import check_option_types
from orderkit.checks.ordering import check_default_ordering
from orderkit.kit import Kit
from orderkit.registry import registry


def check_registrations(
    app_configs: Sequence[AppConfig] | None = None, **kwargs: Any
) -> Sequence[CheckMessage]:
    wanted = None if app_configs is None else {config.label for config in app_configs}
    messages: list[CheckMessage] = []
    for kit in registry.kits():
        if wanted is None or kit.model._meta.app_label in wanted:
            problems = check_kit(kit)
            messages.extend(problems)
            # The ordering is read through the kit's fields, once they are known to be right.
            if not any(problem.is_serious() for problem in problems):
                messages.extend(check_default_ordering(kit))
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


def check_kit(kit: Kit) -> list[CheckMessage]:
    """All the problems of one registration; what the options name is checked only once
    their types are right."""
    type_errors = list(check_option_types(kit))
    if type_errors:
        return type_errors
    return [
        *check_order_field(kit),
        *check_group_by(kit),
        *check_toggles(kit),
        *check_relations(kit),
        *check_editable(kit),
    ]
