"""The JSON endpoints: thin views that check, validate, call an operation and answer."""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from braces.views import (
    CsrfExemptMixin,
    JSONResponseMixin,
    LoginRequiredMixin,
    PermissionRequiredMixin,
)
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, ValidationError
from django.db import connections, transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from django.views import View

from orderkit import operations
from orderkit.exceptions import NotFound, OrderkitError
from orderkit.forms import LinkForm, ReorderForm, ToggleForm, detachable, to_pk
from orderkit.http import (
    FormInvalid,
    back,
    error_json,
    read_body,
    to_login,
    too_large,
    wants_html,
)
from orderkit.operations.transactions import run_atomic
from orderkit.registry import Action, Kit, registry

logger = logging.getLogger("orderkit")
Body = dict[str, Any] | QueryDict


def _csrf_failure(request: HttpRequest) -> HttpResponse | None:
    """Django's own CSRF check; the response it would give on failure, or None."""
    return CsrfViewMiddleware(_no_response).process_view(request, _no_response, (), {})


def _no_response(request: HttpRequest) -> HttpResponse:  # pragma: no cover - never called
    return HttpResponse()


class GuardMixin:
    """Method and CSRF first (as Django does), then every refusal as JSON or a redirect."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.html = wants_html(request)
        try:
            if request.method != "POST":
                raise OrderkitError(_("Only POST is allowed here."), code="method_not_allowed")
            if _csrf_failure(request) is not None:
                raise OrderkitError(
                    _("CSRF verification failed. Reload the page and try again."),
                    code="csrf_failed",
                )
            response: HttpResponse = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        except OrderkitError as error:
            return self.refuse(request, error)
        except RequestDataTooBig:
            # Django's own limits (DATA_UPLOAD_MAX_MEMORY_SIZE), met while the CSRF check
            # parses a form-encoded body.
            return self.refuse(request, too_large())
        except TooManyFieldsSent:
            return self.refuse(
                request,
                OrderkitError(_("The request has too many fields."), code="too_many"),
            )
        except Exception:
            logger.exception("orderkit: unexpected error in %s %s", request.method, request.path)
            return self.refuse(
                request,
                OrderkitError(
                    _("Something went wrong on the server; nothing was changed."),
                    code="server_error",
                ),
            )
        return response

    def refuse(self, request: HttpRequest, error: OrderkitError) -> HttpResponse:
        if self.html and error.code != "method_not_allowed":
            if error.code == "login_required":
                return to_login(request)
            return back(request, error.message, messages.ERROR)
        return error_json(error)


class OrderkitView(
    CsrfExemptMixin,
    GuardMixin,
    LoginRequiredMixin,
    PermissionRequiredMixin,
    JSONResponseMixin,
    View,
):
    """Common ground of the four endpoints; subclasses set ``action`` and write ``act()``."""

    action: ClassVar[Action]
    kit: Kit

    def raise_exception(self, request: HttpRequest) -> HttpResponse:
        """braces calls this for a refused caller: answer 403 as JSON (or redirect)."""
        if not request.user.is_authenticated:
            raise OrderkitError(_("Log in to do this."), code="login_required")
        raise OrderkitError(_("You are not allowed to do this."), code="permission_denied")

    def check_permissions(self, request: HttpRequest) -> bool:
        """Find the kit (404 if not registered), then ask its ``has_permission``."""
        kit = registry.for_label(self.kwargs["model"])
        if kit is None:
            raise NotFound()
        self.kit = kit
        self.check_registered(kit)
        return kit.has_permission(request, self.action)

    def check_registered(self, kit: Kit) -> None:
        """Raise NotFound unless the URL names what this endpoint needs registered."""

    def deny_unless(self, allowed: bool) -> None:
        if not allowed:
            raise OrderkitError(_("You are not allowed to do this."), code="permission_denied")

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        """The view, exempt from ``ATOMIC_REQUESTS``: each request runs in a transaction of
        its own, which :func:`run_atomic` can retry as a whole after a deadlock."""
        view = super().as_view(**initkwargs)
        for alias in connections:
            view = transaction.non_atomic_requests(alias)(view)
        return view

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        data = read_body(request)
        # Validation, permission checks per row and the write share one transaction, so an
        # error anywhere leaves nothing written.
        payload, message = run_atomic(self.kit.model, lambda: self.act(request, data))
        if self.html:
            return back(request, message, messages.SUCCESS)
        return self.render_json_response(payload)

    def act(self, request: HttpRequest, data: Body) -> tuple[dict[str, Any], str]:
        raise NotImplementedError

    def url_object(self, request: HttpRequest) -> Model:
        """The row named by the URL's pk, inside the kit's scope (404 otherwise)."""
        try:
            pk = to_pk(self.kit.model, self.kwargs["pk"])
        except ValidationError:
            raise NotFound() from None
        found: list[Model] = list(self.kit.get_queryset(request).filter(pk=pk)[:1])
        if not found:
            raise NotFound()
        self.deny_unless(self.kit.has_permission(request, self.action, found[0]))
        return found[0]


class ReorderView(OrderkitView):
    action = "reorder"

    def check_registered(self, kit: Kit) -> None:
        if kit.order_field is None:
            raise NotFound()

    def act(self, request: HttpRequest, data: Body) -> tuple[dict[str, Any], str]:
        form = ReorderForm(data, kit=self.kit, scope=self.kit.get_queryset(request))
        if not form.is_valid():
            raise FormInvalid(form)
        for obj in form.objects:
            self.deny_unless(self.kit.has_permission(request, "reorder", obj))
        user = request.user
        if form.mode == "order":
            result = operations.reorder(self.kit, form.objects, user=user, request=request)
            message = _("The new order is saved.")
        else:
            obj = form.objects[0]
            anchor = form.objects[1] if len(form.objects) > 1 else None
            result = operations.move(
                self.kit,
                obj,
                before=anchor if form.mode == "before" else None,
                after=anchor if form.mode == "after" else None,
                to=form.cleaned_data["to"] or None,
                user=user,
                request=request,
            )
            message = _("“%(object)s” is moved.") % {"object": obj}
        positions = {str(pk): position for pk, position in result.positions.items()}
        return {"changed": result.changed, "positions": positions}, message


class ToggleView(OrderkitView):
    action = "toggle"

    def check_registered(self, kit: Kit) -> None:
        if self.kwargs["field"] not in kit.toggle_names:
            raise NotFound()

    def act(self, request: HttpRequest, data: Body) -> tuple[dict[str, Any], str]:
        field = self.kwargs["field"]
        obj = self.url_object(request)
        extra = self.kit.toggle_permission(field)
        if extra is not None:
            self.deny_unless(request.user.has_perm(extra))
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
        ) % {
            "field": self.kit.verbose_name(field),
            "object": obj,
        }
        payload = {
            "changed": result.changed,
            "pk": str(obj.pk),
            "field": field,
            "value": result.value,
        }
        return payload, message


class LinkView(OrderkitView):
    """Attach or detach one related object."""

    def check_registered(self, kit: Kit) -> None:
        if self.kwargs["relation"] not in kit.relations:
            raise NotFound()

    def scope(self, request: HttpRequest, obj: Model, relation: str) -> QuerySet[Any]:
        return self.kit.related_queryset(request, relation)

    def act(self, request: HttpRequest, data: Body) -> tuple[dict[str, Any], str]:
        relation = self.kwargs["relation"]
        obj = self.url_object(request)
        form = LinkForm(
            data,
            model=self.kit.related_model(relation),
            scope=self.scope(request, obj, relation),
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

    def scope(self, request: HttpRequest, obj: Model, relation: str) -> QuerySet[Any]:
        linked = getattr(obj, self.kit.relation_accessor(relation)).all()
        return detachable(self.kit.related_queryset(request, relation), linked)
