"""What every endpoint does before and after its own work: method and CSRF first (as Django
does), then login and permission, then one operation, and every refusal answered as JSON or,
for a plain HTML form, as a redirect with a message."""

from __future__ import annotations

from typing import Any, ClassVar

from braces.views import JSONResponseMixin, LoginRequiredMixin, PermissionRequiredMixin
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from orderkit.access import Access, refusal
from orderkit.exceptions import (
    MethodNotAllowed,
    NotFound,
    NotRegistered,
    OrderkitError,
)
from orderkit.fields import to_pk
from orderkit.http import Body, back, django_refusals, load_body, read_body, wants_html
from orderkit.http import refusal as refusal_answer
from orderkit.kit import Action, Kit
from orderkit.registry import registry
from orderkit.views.csrf import check_csrf
from orderkit.views.failures import unexpected


class GuardMixin:
    """Method first, then the body's headers, then CSRF (as Django does), then every refusal
    as JSON or a redirect.

    The body is judged by its headers and read (within ``ORDERKIT["MAX_BODY_BYTES"]``)
    before the CSRF check, which parses a form body for its token. The view is exempt from
    the CSRF middleware, which would answer an HTML page: the check runs here instead, and
    its failure is answered like any other refusal.
    """

    html = False

    @method_decorator(csrf_exempt)
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.html = wants_html(request)
        try:
            if request.method != "POST":
                raise MethodNotAllowed()
            with django_refusals():
                load_body(request)
                check_csrf(request)
            response: HttpResponse = super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
        except OrderkitError as error:
            return refusal_answer(request, error, html=self.html)
        except Exception as exc:
            return refusal_answer(request, unexpected(request, exc), html=self.html)
        return response


class BracesAccessMixin(LoginRequiredMixin, PermissionRequiredMixin, JSONResponseMixin):
    """django-braces' login, permission and JSON mixins: orderkit's only use of braces.

    braces refuses an anonymous caller, then asks :meth:`check_permissions`; a refusal
    calls :meth:`raise_exception`, which raises orderkit's own error for the guard to answer.
    """

    def raise_exception(self, request: HttpRequest) -> HttpResponse:
        raise refusal(request)


class OrderkitView(GuardMixin, BracesAccessMixin, View):
    """Common ground of the endpoints; subclasses set ``action`` and write :meth:`act`.

    A request runs no transaction of its own: :meth:`act` calls one operation, which owns
    the transaction and its retries (see :mod:`orderkit.operations.transactions`).
    """

    action: ClassVar[Action]
    kit: Kit
    access: Access

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        """The view, exempt from ``ATOMIC_REQUESTS``: the operation's transaction is then
        the outermost one, which it can retry as a whole after a deadlock."""
        view = super().as_view(**initkwargs)
        for alias in connections:
            view = transaction.non_atomic_requests(alias)(view)
        return view

    def registered_name(self) -> str | None:
        """The toggle or relation that the URL names, which the kit must register."""
        return None

    def get_kit(self) -> Kit:
        """The kit of the URL's model, registering this action (404 otherwise)."""
        try:
            return registry.get(self.kwargs["model"], self.action, self.registered_name())
        except NotRegistered:
            raise NotFound() from None

    def get_access(self, request: HttpRequest) -> Access:
        """The access gate of this request, for the URL's kit."""
        return Access(self.get_kit(), request, self.action)

    def check_permissions(self, request: HttpRequest) -> bool:
        """Find the kit (404 if not registered), then ask the model-level question."""
        self.access = self.get_access(request)
        self.kit = self.access.kit
        return self.access.allows()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        payload, message = self.act(request, read_body(request))
        if self.html:
            return back(request, message, messages.SUCCESS)
        return self.render_json_response(payload)

    def act(self, request: HttpRequest, data: Body) -> tuple[dict[str, Any], str]:
        """Validate ``data``, call the operation; return the JSON answer and the message."""
        raise NotImplementedError

    def url_object(self, request: HttpRequest) -> Model:
        """The row named by the URL's pk, inside the request's scope (404 otherwise), which
        the request may act on (403 otherwise)."""
        try:
            pk = to_pk(self.kit.model, self.kwargs["pk"])
        except ValidationError:
            raise NotFound() from None
        found: list[Model] = list(self.access.rows().filter(pk=pk)[:1])
        if not found:
            raise NotFound()
        self.access.require(found[0])
        return found[0]
