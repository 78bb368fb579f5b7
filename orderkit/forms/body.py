"""The base of every body form: unknown keys refused, pks resolved in the caller's scope."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

INVALID_CHOICE = _("Select a valid choice. That choice is not one of the available choices.")
REQUIRED = forms.Field.default_error_messages["required"]


class BodyForm(forms.Form):
    """Rejects unknown keys in a JSON body (a form-encoded body may carry ``next`` and the
    CSRF token)."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if isinstance(self.data, dict) and not isinstance(self.data, QueryDict):
            unknown = sorted(set(self.data) - set(self.fields))
            if unknown:
                self.add_error(
                    None,
                    ValidationError(
                        _("Unexpected field(s): %(names)s."),
                        code="unexpected",
                        params={"names": ", ".join(unknown)},
                    ),
                )
        return cleaned

    def resolve(
        self, scope: QuerySet[Any], wanted: Mapping[str, Sequence[Any]]
    ) -> dict[Any, Model]:
        """Fetch every wanted pk from ``scope`` in one query, unsorted (they are looked up by
        pk); mark the missing ones ``invalid_choice`` on the field that named them."""
        pks = {pk for field_pks in wanted.values() for pk in field_pks}
        found = {obj.pk: obj for obj in scope.filter(pk__in=pks).order_by()} if pks else {}
        for field, field_pks in wanted.items():
            if any(pk not in found for pk in field_pks):
                self.add_error(field, ValidationError(INVALID_CHOICE, code="invalid_choice"))
        return found
