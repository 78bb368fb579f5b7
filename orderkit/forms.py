"""Forms that validate every request body and resolve its pks inside the caller's scope."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from orderkit.fields import GroupField, PkField, PkListField, StrictBooleanField
from orderkit.kit import Group, Kit

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


MODES = ("before", "after", "to", "order")


class ReorderForm(BodyForm):
    """Exactly one of ``{pk, before}``, ``{pk, after}``, ``{pk, to}`` (with ``group``, under
    ``move_between_groups``), ``{order}``, or a block: ``{pks, before}`` or ``{pks, after}``.

    Once valid, ``objects`` holds the named rows (the moved rows first), ``target`` the group
    that the moved row goes into when it is another one, and :meth:`placement` the arguments
    of :func:`orderkit.operations.move`. ``accepts`` says which groups rows may go into;
    without it, rows stay in their group.
    """

    def __init__(
        self,
        data: Any,
        *,
        kit: Kit,
        scope: QuerySet[Any],
        accepts: Callable[[Group], bool] | None = None,
    ) -> None:
        super().__init__(data)
        self.kit = kit
        self.scope = scope
        self.accepts = accepts
        self.target: Group | None = None
        model = kit.model
        self.fields["pk"] = PkField(model, required=False)
        self.fields["before"] = PkField(model, required=False)
        self.fields["after"] = PkField(model, required=False)
        self.fields["to"] = forms.ChoiceField(
            choices=[("first", "first"), ("last", "last")], required=False
        )
        self.fields["order"] = PkListField(model, required=False)
        self.fields["pks"] = PkListField(model, required=False)
        self.fields["group"] = GroupField(kit, required=False)
        self.objects: list[Model] = []
        self.mode = ""
        self.block = "pks" in data  # a block move, whether or not its list is empty

    def _given(self, name: str) -> bool:
        """Whether the body gives ``name`` a value that its field would not read as empty."""
        field = self.fields[name]
        value = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        return value not in field.empty_values

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
        if self.block:
            self._check_block()
        elif self.mode == "order":
            if self._given("pk"):
                self.add_error(
                    "pk",
                    ValidationError(_("pk is not used with order."), code="unexpected"),
                )
        elif not self._given("pk"):
            self.add_error("pk", ValidationError(REQUIRED, code="required"))
        if self._given("group") and self.mode != "to":
            self.add_error(
                "group", ValidationError(_("group is used only with to."), code="unexpected")
            )
        if self.errors:
            return cleaned
        moved = cleaned["pks"] if self.block else [cleaned["pk"]]
        if self.mode in ("before", "after") and cleaned[self.mode] in moved:
            self.add_error(
                self.mode,
                ValidationError(_("A row cannot be moved next to itself."), code="invalid"),
            )
            return cleaned
        self._resolve(cleaned)
        return cleaned

    def _check_block(self) -> None:
        """``pks`` name at least one row and go with ``before`` or ``after`` alone."""
        for name in ("pk", "order", "to"):
            if self._given(name):
                message = _("%(name)s is not used with pks.") % {"name": name}
                self.add_error(name, ValidationError(message, code="unexpected"))
        if not self._given("pks"):
            self.add_error("pks", ValidationError(REQUIRED, code="required"))

    def _resolve(self, cleaned: dict[str, Any]) -> None:
        if self.block:
            wanted = {"pks": cleaned["pks"], self.mode: [cleaned[self.mode]]}
        elif self.mode == "order":
            wanted = {"order": cleaned["order"]}
        elif self.mode == "to":
            wanted = {"pk": [cleaned["pk"]]}
        else:
            wanted = {"pk": [cleaned["pk"]], self.mode: [cleaned[self.mode]]}
        found = self.resolve(self.scope, wanted)
        if self.errors:
            return
        self.objects = [found[pk] for field_pks in wanted.values() for pk in field_pks]
        field = "order" if self.mode == "order" else self.mode
        target = self.kit.group_of(self.objects[-1])
        if self.mode == "to":
            field, target = "group", cleaned["group"] or self.kit.group_of(self.objects[0])
        if all(self.kit.group_of(obj) == target for obj in self.objects):
            return
        # A block stays in its group, even under move_between_groups (a current limit).
        if self.accepts is None or self.mode == "order" or self.block:
            self.add_error(
                field,
                ValidationError(_("The rows are in different groups."), code="other_group"),
            )
        elif not self.accepts(target):
            self.add_error(field, ValidationError(INVALID_CHOICE, code="invalid_choice"))
        else:
            self._check_unique_in(target)

    def _check_unique_in(self, target: Group) -> None:
        """Whether the moved row, in ``target``, would break a uniqueness rule of its model
        (other than its position's): each message under ``__all__``, with the model's code."""
        moved = copy.copy(self.objects[0])
        for attname, value in target.items():
            setattr(moved, attname, value)
        exclude = {self.kit.position_name}
        try:
            moved.validate_unique(exclude=exclude)
            moved.validate_constraints(exclude=exclude)
        except ValidationError as error:
            by_field = error.update_error_dict({})
            self.add_error(None, [e for errors in by_field.values() for e in errors])
            return
        self.target = target

    def placement(self) -> dict[str, Any]:
        """``before=``, ``after=`` or ``to=``, as :func:`orderkit.operations.move` takes it."""
        if self.mode == "to":
            return {"to": self.cleaned_data["to"], "group": self.target}
        return {self.mode: self.objects[-1]}


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
