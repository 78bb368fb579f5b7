"""The reorder body: a move, a block move or an order, its rows resolved in the caller's
scope, and the group that they go into."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from orderkit.fields import GroupField, PkField, PkListField
from orderkit.forms.body import INVALID_CHOICE, REQUIRED, BodyForm
from orderkit.kit import Group, Kit

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
        # The moved rows go into another group together, from one group.
        source = self.kit.group_of(self.movers[0])
        split = any(self.kit.group_of(obj) != source for obj in self.movers)
        if self.accepts is None or self.mode == "order" or split:
            self.add_error(
                field,
                ValidationError(_("The rows are in different groups."), code="other_group"),
            )
        elif not self.accepts(target):
            self.add_error(field, ValidationError(INVALID_CHOICE, code="invalid_choice"))
        else:
            self._check_unique_in(target)

    @property
    def movers(self) -> list[Model]:
        """The rows that the request moves: a block's, or the one row of a move."""
        return self.objects[:-1] if self.block else self.objects[:1]

    def _check_unique_in(self, target: Group) -> None:
        """Whether a moved row, in ``target``, would break a uniqueness rule of its model
        (other than its position's): each message under ``__all__``, with the model's code."""
        exclude = {self.kit.position_name}
        for obj in self.movers:
            moved = copy.copy(obj)
            for attname, value in target.items():
                setattr(moved, attname, value)
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
