"""The endpoints: each validates its body with a form, asks the access gate about the
rows it names, calls one operation and says what happened."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from orderkit import operations
from orderkit.access import Access
from orderkit.exceptions import Conflict, FormInvalid
from orderkit.forms import EditForm, LinkForm, ReorderForm, ToggleForm
from orderkit.http import Body
from orderkit.operations import ReorderResult
from orderkit.views.base import OrderkitView


def reorder_answer(result: ReorderResult) -> dict[str, Any]:
    """The JSON answer of a reorder: every pk as a string."""
    positions = {str(pk): position for pk, position in result.positions.items()}
    return {"changed": result.changed, "positions": positions}


class ReorderView(OrderkitView):
    action = "reorder"

    def act(self, request: HttpRequest, data: Body) -> tuple[dict[str, Any], str]:
        accepts = self.access.accepts_group if self.kit.move_between_groups else None
        form = ReorderForm(data, kit=self.kit, scope=self.access.rows(), accepts=accepts)
        if not form.is_valid():
            raise FormInvalid(form)
        self.access.require_each(form.objects)
        if form.target is not None:
            self.access.for_action("regroup").require_each(form.movers)
        user = request.user
        if form.mode == "order":
            result = operations.reorder(self.kit, form.objects, user=user, request=request)
            return reorder_answer(result), _("The new order is saved.")
        if form.block:
            movers = form.movers
            result = operations.move_block(
                self.kit, movers, **form.placement(), user=user, request=request
            )
            count = len(movers)
            message = ngettext("%(count)d row is moved.", "%(count)d rows are moved.", count)
            return reorder_answer(result), message % {"count": count}
        obj = form.objects[0]
        try:
            result = operations.move(self.kit, obj, **form.placement(), user=user, request=request)
        except IntegrityError:
            if form.target is None:
                raise
            # A row that it would clash with in the target group (a uniqueness rule of the
            # model) was written since the form checked: sent again, the form says so.
            raise Conflict() from None
        return reorder_answer(result), _("“%(object)s” is moved.") % {"object": obj}


class ToggleView(OrderkitView):
    action = "toggle"

    def registered_name(self) -> str:
        return str(self.kwargs["field"])

    def get_access(self, request: HttpRequest) -> Access:
        return Access(self.get_kit(), request, "toggle", field=self.registered_name())

    def act(self, request: HttpRequest, data: Body) -> tuple[dict[str, Any], str]:
        field = self.registered_name()
        obj = self.url_object(request)
        form = ToggleForm(data)
        if not form.is_valid():
            raise FormInvalid(form)
        result = operations.toggle(
            self.kit, obj, field, form.cleaned_data["value"], user=request.user, request=request
        )
        message = (
            _("%(field)s is on for “%(object)s”.")
            if result.value
            else _("%(field)s is off for “%(object)s”.")
        ) % {"field": self.kit.verbose_name(field), "object": obj}
        payload = {"changed": result.changed, "pk": str(obj.pk), "field": field}
        return {**payload, "value": result.value}, message


class LinkView(OrderkitView):
    """Attach or detach one related object."""

    def registered_name(self) -> str:
        return str(self.kwargs["relation"])

    def act(self, request: HttpRequest, data: Body) -> tuple[dict[str, Any], str]:
        relation = self.registered_name()
        obj = self.url_object(request)
        form = LinkForm(
            data,
            model=self.kit.related_model(relation),
            scope=self.access.related(relation, obj),
        )
        if not form.is_valid():
            raise FormInvalid(form)
        related = form.related
        assert related is not None
        operation = operations.attach if self.action == "attach" else operations.detach
        result = operation(self.kit, obj, relation, related, user=request.user, request=request)
        payload = {
            "changed": result.changed,
            "pk": str(obj.pk),
            "relation": relation,
            "related_pk": str(related.pk),
        }
        if result.link_pk is not None:
            payload["link_pk"] = str(result.link_pk)
        names = {"related": related, "object": obj}
        message = (
            _("“%(related)s” is attached to “%(object)s”.")
            if self.action == "attach"
            else _("“%(related)s” is detached from “%(object)s”.")
        ) % names
        return payload, message


class AttachView(LinkView):
    action = "attach"


class DetachView(LinkView):
    action = "detach"


class EditView(OrderkitView):
    """Set one editable text field of one row, as the model validates it."""

    action = "edit"

    def registered_name(self) -> str:
        return str(self.kwargs["field"])

    def act(self, request: HttpRequest, data: Body) -> tuple[dict[str, Any], str]:
        field = self.registered_name()
        obj = self.url_object(request)
        form = EditForm(data)
        if not form.is_valid():
            raise FormInvalid(form)
        try:
            result = operations.edit(
                self.kit,
                obj,
                field,
                form.cleaned_data["value"],
                user=request.user,
                request=request,
            )
        except ValidationError as error:
            form.refused(error)
            raise FormInvalid(form) from None
        message = _("%(field)s is now “%(value)s”.") % {
            "field": self.kit.verbose_name(field),
            "value": result.value,
        }
        payload = {"changed": result.changed, "pk": str(obj.pk), "field": field}
        return {**payload, "value": result.value}, message
