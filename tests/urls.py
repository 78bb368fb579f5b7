"""The tests serve the demo project's URLs (the stables page, the favicon, orderkit, the admin,
the login pages), the form views of the tests, and docs/client.md's minimal page."""

from __future__ import annotations

from demo_site.urls import urlpatterns as demo_urlpatterns
from django.urls import path

from tests.minimal_page import minimal_page
from tests.testapp import views

urlpatterns = [
    *demo_urlpatterns,
    # The form views of tests/test_jsonforms.py and tests/browser/test_forms.py.
    path("forms/pony/<int:pk>/", views.PonyAjaxUpdateView.as_view(), name="pony_update"),
    path("forms/pony/<int:pk>/strict/", views.StrictPonyView.as_view(), name="pony_strict"),
    path("forms/card/new/", views.CardCreateView.as_view(), name="card_create"),
    path("forms/card/<int:pk>/delete/", views.CardDeleteView.as_view(), name="card_delete"),
    path("forms/note/", views.NoteView.as_view(), name="note"),
    path("forms/note/thanked/", views.ThankedNoteView.as_view(), name="note_thanked"),
    path("forms/note/prefixed/", views.PrefixedNoteView.as_view(), name="note_prefixed"),
    path("forms/upload/", views.UploadView.as_view(), name="upload"),
    path("forms/note/rendered/", views.RenderedNoteView.as_view(), name="note_rendered"),
    path("forms/note/answered/", views.AnsweredNoteView.as_view(), name="note_answered"),
    path("forms/note/exempt/", views.ExemptNoteView.as_view(), name="note_exempt"),
    # docs/client.md's page in eight tags (tests/browser/test_minimal_page.py).
    path("minimal/<int:pk>/", minimal_page, name="minimal-page"),
]
