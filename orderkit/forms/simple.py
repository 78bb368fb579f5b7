"""The small bodies: a toggle's value, a related object's pk, an edited text."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from orderkit.fields import PkField, StrictBooleanField
from orderkit.forms.body import REQUIRED, BodyForm


class ToggleForm(BodyForm):
    """``{}`` flips the field; ``{"value": true|false}`` sets it (in a form, ``value`` may be
    any word that :class:`~orderkit.fields.StrictBooleanField` knows)."""

    value = StrictBooleanField(required=False)

    def clean_value(self) -> bool | None:
        value: bool | None = self.cleaned_data["value"]
        given_in_json = not isinstance(self.data, QueryDict) and "value" in self.data
        if given_in_json and not isinstance(self.data["value"], bool):
            raise ValidationError(self.fields["value"].error_messages["invalid"], code="invalid")
        return value


class LinkForm(BodyForm):
    """``{"pk": R}``: the related object to attach or detach, resolved in ``scope``."""

    def __init__(self, data: Any, *, model: type[Model], scope: QuerySet[Any]) -> None:
        super().__init__(data)
        self.fields["pk"] = PkField(model)
        self.scope = scope
        self.related: Model | None = None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not self.errors:
            pk = cleaned["pk"]
            self.related = self.resolve(self.scope, {"pk": [pk]}).get(pk)
        return cleaned


class EditForm(BodyForm):
    """``{"value": "..."}``: the new text of an editable field (which the model validates)."""

    value = forms.CharField(required=False)

    def clean_value(self) -> str:
        if "value" not in self.data:
            raise ValidationError(REQUIRED, code="required")
        if not isinstance(self.data, QueryDict) and not isinstance(self.data["value"], str):
            raise ValidationError(_("Enter a text."), code="invalid")
        value: str = self.cleaned_data["value"]
        return value

    def refused(self, error: ValidationError) -> None:
        """The model refused the value: every message of ``error`` goes to ``value``."""
        by_field = error.update_error_dict({})
        self.add_error(
            "value", ValidationError([e for errors in by_field.values() for e in errors])
        )
