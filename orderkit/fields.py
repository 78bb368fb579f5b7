"""The form fields of request bodies: pks given as JSON numbers or strings, lists of them,
and strict booleans."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from orderkit.conf import get_settings
from orderkit.kit import Group, Kit


def to_pk(model: type[Model], value: object) -> Any:
    """``value`` (a JSON number or string) as ``model``'s pk, or ``ValidationError``."""
    invalid = ValidationError(_("Enter a valid identifier."), code="invalid")
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise invalid
    if isinstance(value, str) and "\x00" in value:
        raise invalid
    pk_field = model._meta.pk
    assert pk_field is not None
    try:
        pk = pk_field.to_python(value)
        # The column's range (e.g. a 2**70 pk would overflow SQLite's INTEGER).
        pk_field.run_validators(pk)
    except ValidationError:
        raise invalid from None
    return pk


class PkField(forms.Field):
    """One pk of ``model``: a JSON number or string."""

    def __init__(self, model: type[Model], **kwargs: Any) -> None:
        self.model = model
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        return to_pk(self.model, value)


class PkListField(forms.Field):
    """A list of distinct pks of ``model`` (``order`` repeated, in a form-encoded body)."""

    widget = forms.MultipleHiddenInput
    default_error_messages: ClassVar[dict[str, Any]] = {
        "invalid_list": _("Enter a list of identifiers."),
        "duplicate": _("The list names a row more than once."),
        "too_many": _("The list names %(count)s rows; at most %(limit)s are allowed."),
    }

    def __init__(self, model: type[Model], **kwargs: Any) -> None:
        self.model = model
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[Any]:
        if value in self.empty_values:
            return []
        if not isinstance(value, list):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid")
        # The length first: a list too long is refused before any item is converted.
        limit = get_settings().MAX_ORDER_LENGTH
        if len(value) > limit:
            raise ValidationError(
                self.error_messages["too_many"],
                code="too_many",
                params={"count": len(value), "limit": limit},
            )
        pks = [to_pk(self.model, item) for item in value]
        if len(set(pks)) != len(pks):
            raise ValidationError(self.error_messages["duplicate"], code="duplicate")
        return pks


class StrictBooleanField(forms.Field):
    """A boolean, or one of the words ``true``, ``false``, ``1``, ``0``, ``on``, ``off``.
    Absent means "not given" (``None``)."""

    default_error_messages: ClassVar[dict[str, Any]] = {"invalid": _("Enter true or false.")}
    _words: ClassVar[dict[str, bool]] = {
        "true": True,
        "1": True,
        "on": True,
        "false": False,
        "0": False,
        "off": False,
    }

    def to_python(self, value: Any) -> bool | None:
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in self._words:
            return self._words[value.lower()]
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class GroupField(forms.Field):
    """A group of ``kit``, as a JSON object of its ``group_by`` names and their values
    (``{"stable": 3}``), each value checked as the model's own form field would check it
    (a foreign key must name an existing row). Cleaned, the column filter
    (``{"stable_id": 3}``)."""

    default_error_messages: ClassVar[dict[str, Any]] = {
        "invalid": _("Enter an object of the fields %(names)s."),
    }

    def __init__(self, kit: Kit, **kwargs: Any) -> None:
        self.kit = kit
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Group | None:
        if value in self.empty_values:
            return None
        names = tuple(self.kit.group_by)
        if not isinstance(value, dict) or sorted(value) != sorted(names) or not names:
            raise ValidationError(
                self.error_messages["invalid"],
                code="invalid",
                params={"names": ", ".join(names)},
            )
        group: Group = {}
        for name in names:
            field = self.kit.field(name)
            item = value[name]
            if isinstance(item, bool) or not isinstance(item, int | str | None):
                raise ValidationError(_("Enter a valid identifier."), code="invalid")
            if item is None and not field.null:
                raise ValidationError(forms.Field.default_error_messages["required"], "required")
            formfield = field.formfield() or forms.Field()
            cleaned = item if item is None else formfield.clean(item)
            if isinstance(cleaned, Model):
                cleaned = getattr(cleaned, field.target_field.attname)  # type: ignore[attr-defined]
            group[field.attname] = cleaned
        return group
