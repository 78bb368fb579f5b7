"""Forms that validate every request body and resolve its pks inside the caller's scope."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from orderkit.conf import get_settings
from orderkit.operations.groups import group_of
from orderkit.registry import Kit

INVALID_CHOICE = _("Select a valid choice. That choice is not one of the available choices.")
REQUIRED = forms.Field.default_error_messages["required"]


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
        pks = [to_pk(self.model, item) for item in value]
        if len(set(pks)) != len(pks):
            raise ValidationError(self.error_messages["duplicate"], code="duplicate")
        limit = get_settings().MAX_ORDER_LENGTH
        if len(pks) > limit:
            raise ValidationError(
                self.error_messages["too_many"],
                code="too_many",
                params={"count": len(pks), "limit": limit},
            )
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
        """Fetch every wanted pk from ``scope`` in one query; mark the missing ones
        ``invalid_choice`` on the field that named them."""
        pks = {pk for field_pks in wanted.values() for pk in field_pks}
        found = {obj.pk: obj for obj in scope.filter(pk__in=pks)} if pks else {}
        for field, field_pks in wanted.items():
            if any(pk not in found for pk in field_pks):
                self.add_error(field, ValidationError(INVALID_CHOICE, code="invalid_choice"))
        return found


MODES = ("before", "after", "to", "order")


class ReorderForm(BodyForm):
    """Exactly one of ``{pk, before}``, ``{pk, after}``, ``{pk, to}`` or ``{order}``."""

    def __init__(self, data: Any, *, kit: Kit, scope: QuerySet[Any]) -> None:
        super().__init__(data)
        self.kit = kit
        self.scope = scope
        model = kit.model
        self.fields["pk"] = PkField(model, required=False)
        self.fields["before"] = PkField(model, required=False)
        self.fields["after"] = PkField(model, required=False)
        self.fields["to"] = forms.ChoiceField(
            choices=[("first", "first"), ("last", "last")], required=False
        )
        self.fields["order"] = PkListField(model, required=False)
        self.objects: list[Model] = []
        self.mode = ""

    def _given(self, name: str) -> bool:
        value = self.data.getlist(name) if hasattr(self.data, "getlist") else self.data.get(name)
        return value not in (None, "", [])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        given = [name for name in MODES if self._given(name)]
        if len(given) != 1:
            self.add_error(
                None,
                ValidationError(
                    _("Give exactly one of before, after, to or order."),
                    code="required" if not given else "ambiguous",
                ),
            )
            return cleaned
        self.mode = given[0]
        if self.mode == "order":
            if self._given("pk"):
                self.add_error(
                    "pk",
                    ValidationError(_("pk is not used with order."), code="unexpected"),
                )
        elif not self._given("pk"):
            self.add_error("pk", ValidationError(REQUIRED, code="required"))
        if self.errors:
            return cleaned
        if self.mode in ("before", "after") and cleaned[self.mode] == cleaned["pk"]:
            self.add_error(
                self.mode,
                ValidationError(_("A row cannot be moved next to itself."), code="invalid"),
            )
            return cleaned
        self._resolve(cleaned)
        return cleaned

    def _resolve(self, cleaned: dict[str, Any]) -> None:
        if self.mode == "order":
            wanted = {"order": cleaned["order"]}
        elif self.mode == "to":
            wanted = {"pk": [cleaned["pk"]]}
        else:
            wanted = {"pk": [cleaned["pk"]], self.mode: [cleaned[self.mode]]}
        found = self.resolve(self.scope, wanted)
        if self.errors:
            return
        self.objects = [found[pk] for field_pks in wanted.values() for pk in field_pks]
        groups = {tuple(group_of(self.kit, obj).values()) for obj in self.objects}
        if len(groups) > 1:
            field = "order" if self.mode == "order" else self.mode
            self.add_error(
                field,
                ValidationError(_("The rows are in different groups."), code="other_group"),
            )


class ToggleForm(BodyForm):
    """``{}`` flips the field; ``{"value": true|false}`` sets it (in a form, ``value`` may be
    any word that :class:`StrictBooleanField` knows)."""

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


def detachable(allowed: QuerySet[Any], linked: QuerySet[Any]) -> QuerySet[Any]:
    """What a detach may name: what could be attached, and what is linked now."""
    manager: Any = allowed.model._default_manager
    return manager.filter(  # type: ignore[no-any-return]
        Q(pk__in=allowed.values("pk")) | Q(pk__in=linked.values("pk"))
    )
