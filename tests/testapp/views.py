"""Form views of the tests: the article's ``PonyAjaxUpdateView`` (django-braces' access
mixins, then orderkit's), and the mixin under each generic form view with Django's own
access mixins."""

from __future__ import annotations

from typing import Any

from braces.views import LoginRequiredMixin, PermissionRequiredMixin
from django import forms
from django.contrib.auth import mixins as auth
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import CreateView, DeleteView, FormView, UpdateView

from orderkit.exceptions import Conflict
from orderkit.views import JsonFormMixin
from ponies.models import Pony
from tests.testapp.models import Card

TEMPLATE = "testapp/form.html"


class PonyAjaxUpdateView(
    LoginRequiredMixin, PermissionRequiredMixin, JsonFormMixin, UpdateView[Pony, Any]
):
    """The article's view: braces' mixins first, as braces asks."""

    model = Pony
    fields = ["name", "stable"]
    permission_required = "ponies.change_pony"
    template_name = TEMPLATE
    success_url = "/ponies/"


class StrictPonyView(PonyAjaxUpdateView):
    """braces' switches for a 403 page, but a login page for an anonymous caller."""

    raise_exception = True
    redirect_unauthenticated_users = True


class CardCreateView(
    JsonFormMixin, auth.LoginRequiredMixin, auth.PermissionRequiredMixin, CreateView[Card, Any]
):
    model = Card
    fields = ["title", "board"]
    permission_required = "testapp.add_card"
    template_name = TEMPLATE
    success_url = "/cards/"


class CardDeleteView(auth.LoginRequiredMixin, JsonFormMixin, DeleteView[Card, Any]):
    model = Card
    template_name = TEMPLATE
    success_url = "/cards/"


class NoteForm(forms.Form):
    text = forms.CharField(max_length=20)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("text") == "<b>no</b>":
            raise ValidationError("<b>No</b> notes like that.", code="refused")
        return cleaned


class NoteView(JsonFormMixin, FormView[NoteForm]):
    form_class = NoteForm
    template_name = TEMPLATE
    success_url = "/notes/"


class ThankedNoteView(SuccessMessageMixin[NoteForm], NoteView):
    success_message = "Thanks for “%(text)s”."


class PrefixedNoteView(NoteView):
    prefix = "note"


class UploadForm(forms.Form):
    attachment = forms.FileField()


class UploadView(SuccessMessageMixin[UploadForm], JsonFormMixin, FormView[UploadForm]):
    form_class = UploadForm
    template_name = TEMPLATE
    success_url = "/forms/upload/"
    success_message = "Received “%(attachment)s”."


class RenderingFormView(FormView[NoteForm]):
    """A form view that shows a page after a valid form, where others redirect."""

    form_class = NoteForm
    template_name = TEMPLATE

    def form_valid(self, form: NoteForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form))


class RenderedNoteView(JsonFormMixin, RenderingFormView):
    pass


class AnsweringFormView(FormView[NoteForm]):
    """A form view whose valid form may still be refused, or answered in JSON of its own."""

    form_class = NoteForm
    template_name = TEMPLATE

    def form_valid(self, form: NoteForm) -> HttpResponse:
        text = form.cleaned_data["text"]
        if text == "busy":
            raise Conflict()
        if text == "crash":
            Card.objects.create(title="half-written")
            raise RuntimeError("secret detail")
        if text == "json":
            return JsonResponse({"own": True})
        form.add_error("text", ValidationError("Not now.", code="later"))
        return self.form_invalid(form)


class AnsweredNoteView(JsonFormMixin, AnsweringFormView):
    pass


@method_decorator(csrf_exempt, name="dispatch")
class ExemptNoteView(NoteView):
    pass
