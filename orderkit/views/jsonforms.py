"""``JsonFormMixin``: a ``FormView``, ``CreateView``, ``UpdateView`` or ``DeleteView`` that
answers a request asking for JSON with JSON, and any other request with its normal page flow
(see docs/forms.md)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import connections, transaction
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from orderkit.access import refusal
from orderkit.exceptions import BadRequest, FormInvalid, MethodNotAllowed, NotFound, OrderkitError
from orderkit.http import django_refusal, wants_json
from orderkit.http import refusal as refusal_answer
from orderkit.views.csrf import csrf_refusal
from orderkit.views.failures import unexpected

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.forms import BaseForm
    from django.views.generic.edit import FormMixin, ProcessFormView

    class _FormView(FormMixin[Any], ProcessFormView): ...

    Base = _FormView
else:
    Base = object

#: What the JSON answer of a success says: ``(pk, str(obj))`` of the view's object, if any.
Identity = tuple[Any, str] | None


class JsonFormMixin(Base):
    """Answers JSON to a request that prefers it (``Accept: application/json``): on success
    ``{"message", "pk", "label", "redirect"}`` (201 when the form created the object),
    an invalid form as 400 ``{"errors": form.errors.get_json_data()}``, and every refusal in
    the shape and status of orderkit's endpoints. Any other request gets the view's own flow.

    It composes with Django's access mixins and django-braces', in any order: for a JSON
    request they raise instead of redirecting to the login page.
    """

    #: Whether this request asked for JSON; set by :meth:`setup`.
    answers_json: bool = False
    # The access mixins' switches (Django's and django-braces'), set per request.
    raise_exception: Any
    redirect_unauthenticated_users: bool

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Callable[..., HttpResponse]:
        """The view, wrapped so that a JSON request's CSRF failure and every exception
        that leaves the view (whichever mixin raised it) are answered as JSON."""
        view: Callable[..., HttpResponse] = super().as_view(**initkwargs)  # type: ignore[assignment]
        checks_csrf = not getattr(view, "csrf_exempt", False)

        @functools.wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            as_json = wants_json(request)
            try:
                refused = csrf_refusal(request) if checks_csrf else None
                if refused is not None:
                    page, csrf_failed = refused
                    if not as_json:
                        return page
                    raise csrf_failed
                return view(request, *args, **kwargs)
            except Exception as exc:
                if not as_json:
                    raise
                error = json_error(request, exc)
            roll_back_request(guarded)
            return refusal_answer(request, error, html=False)

        # The CSRF check runs in guarded(), as the middleware's would, but answers JSON.
        guarded.csrf_exempt = True  # type: ignore[attr-defined]
        return guarded

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.answers_json = wants_json(request)
        if self.answers_json:
            # A JSON client cannot follow a redirect to the login page.
            self.raise_exception = True
            self.redirect_unauthenticated_users = False

    def http_method_not_allowed(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        if not self.answers_json:
            return super().http_method_not_allowed(request, *args, **kwargs)
        allowed = ", ".join(
            method.upper() for method in self.http_method_names if hasattr(self, method)
        )
        error = MethodNotAllowed(_("Allowed methods: %(methods)s.") % {"methods": allowed})
        response = refusal_answer(request, error, html=False)
        response["Allow"] = allowed
        return response

    def form_invalid(self, form: Any) -> HttpResponse:
        if not self.answers_json:
            return super().form_invalid(form)
        return refusal_answer(self.request, FormInvalid(form), html=False)

    def form_valid(self, form: Any) -> HttpResponse:
        if not self.answers_json:
            return super().form_valid(form)
        before = self._identity()
        response = super().form_valid(form)
        if response.status_code >= 400 or isinstance(response, JsonResponse):
            # The view answered otherwise itself (a form_invalid() of its own, say).
            return response
        after = self._identity()
        created = before is None and after is not None
        answer = self.get_json_answer(form, before, after)
        answer["redirect"] = response["Location"] if response.has_header("Location") else None
        return JsonResponse(answer, status=201 if created else 200)

    def get_json_answer(self, form: BaseForm, before: Identity, after: Identity) -> dict[str, Any]:
        """The JSON answer of a success: ``message``, and the ``pk`` (a string) and ``label``
        (``str()``) of the object that the form created, changed or deleted (``None`` for a
        view without one). ``before`` and ``after`` are that ``(pk, str)`` before and after
        the form was saved (``None`` where there was no object). ``redirect`` is added: where
        the normal flow would have redirected."""
        identity = after or before
        pk, label = identity if identity is not None else (None, None)
        return {
            "message": self.get_json_message(form, before, after),
            "pk": None if pk is None else str(pk),
            "label": label,
        }

    def get_json_message(self, form: BaseForm, before: Identity, after: Identity) -> str:
        """The success message: ``SuccessMessageMixin``'s, when the view has one, else
        what happened to the object."""
        success_message: Callable[[dict[str, Any]], str] | None
        success_message = getattr(self, "get_success_message", None)
        text = success_message(form.cleaned_data) if success_message is not None else ""
        if text:
            return str(text)
        if after is not None and before is None:
            return _("“%(object)s” was added.") % {"object": after[1]}
        if after is not None:
            return _("“%(object)s” was saved.") % {"object": after[1]}
        if before is not None:
            return _("“%(object)s” was deleted.") % {"object": before[1]}
        return _("Your answers were sent.")

    def _identity(self) -> Identity:
        """``(pk, str(obj))`` of the view's saved object, or ``None``."""
        obj = getattr(self, "object", None)
        if not isinstance(obj, Model) or obj.pk is None:
            return None
        return obj.pk, str(obj)


def json_error(request: HttpRequest, exc: Exception) -> OrderkitError:
    """What an exception that left the view means to a JSON client; an unexpected one is
    logged, and answered as a server error that names nothing of it."""
    if isinstance(exc, OrderkitError):
        return exc
    if isinstance(exc, Http404):
        return NotFound()
    if isinstance(exc, PermissionDenied):
        return refusal(request)
    refused = django_refusal(exc)
    if refused is not None:
        return refused
    if isinstance(exc, SuspiciousOperation):
        return BadRequest()
    return unexpected(request, exc)


def roll_back_request(view: Callable[..., HttpResponse]) -> None:
    """An exception that left ``view`` would have rolled back the transaction that
    ``ATOMIC_REQUESTS`` wraps it in; answering the exception must not commit what it wrote."""
    outside: set[str] = getattr(view, "_non_atomic_requests", set())
    for alias in connections:
        connection = connections[alias]
        atomic = connection.settings_dict["ATOMIC_REQUESTS"] and alias not in outside
        if atomic and connection.in_atomic_block:
            transaction.set_rollback(True, using=alias)
