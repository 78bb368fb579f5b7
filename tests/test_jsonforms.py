"""``JsonFormMixin`` (docs/forms.md): the article's ``PonyAjaxUpdateView`` with
django-braces, each generic form view, Django's own access mixins, and every refusal in the
endpoints' JSON shape, while a plain request keeps the view's normal page flow."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.core.exceptions import SuspiciousOperation
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse

from ponies.models import Pony, Stable
from tests.helpers import code_of, errors_of, make_user
from tests.testapp.models import Board, Card
from tests.testapp.views import NoteView

JSON = "application/json"
HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def post(client: Client, url: str, data: dict[str, Any], accept: str = JSON) -> Any:
    """A form post, as the orderkit client sends it (multipart, ``Accept: application/json``)
    or as a browser does."""
    return client.post(url, data, HTTP_ACCEPT=accept)


@pytest.fixture
def stable(db: None) -> Stable:
    return Stable.objects.create(name="North")


@pytest.fixture
def pony(stable: Stable) -> Pony:
    return Pony.objects.create(name="Bramble", stable=stable)


@pytest.fixture
def pony_editor(db: None) -> User:
    return make_user("pony_editor", "ponies.change_pony")


def logged_in(user: User, *, enforce_csrf_checks: bool = False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    client.force_login(user)
    return client


@pytest.fixture
def editing(pony_editor: User) -> Client:
    return logged_in(pony_editor)


def pony_url(pony: Pony) -> str:
    return reverse("pony_update", kwargs={"pk": pony.pk})


# The article's PonyAjaxUpdateView: braces' LoginRequiredMixin and PermissionRequiredMixin.


def test_article_ajax_success_answers_json(editing: Client, pony: Pony, stable: Stable) -> None:
    response = post(editing, pony_url(pony), {"name": "Clover", "stable": stable.pk})
    assert response.status_code == 200
    assert response.json() == {
        "message": "“Clover” was saved.",
        "pk": str(pony.pk),
        "label": "Clover",
        "redirect": "/ponies/",
    }
    assert Pony.objects.get(pk=pony.pk).name == "Clover"


def test_article_ajax_invalid_form_answers_its_errors(
    editing: Client, pony: Pony, stable: Stable
) -> None:
    response = post(editing, pony_url(pony), {"name": "", "stable": 999})
    assert errors_of(response, 400) == {
        "name": [{"message": "This field is required.", "code": "required"}],
        "stable": [
            {
                "message": "Select a valid choice. That choice is not one of the available "
                "choices.",
                "code": "invalid_choice",
            }
        ],
    }
    assert Pony.objects.get(pk=pony.pk).name == "Bramble"


def test_article_plain_success_redirects(editing: Client, pony: Pony, stable: Stable) -> None:
    response = post(editing, pony_url(pony), {"name": "Clover", "stable": stable.pk}, HTML)
    assert response.status_code == 302
    assert response["Location"] == "/ponies/"
    assert Pony.objects.get(pk=pony.pk).name == "Clover"


def test_article_plain_invalid_form_shows_the_page(editing: Client, pony: Pony) -> None:
    response = post(editing, pony_url(pony), {"name": ""}, HTML)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert 'data-orderkit="form"' in response.content.decode()
    assert response.context["form"].errors["name"] == ["This field is required."]


def test_article_get_shows_the_page_to_a_json_request_too(editing: Client, pony: Pony) -> None:
    response = editing.get(pony_url(pony), HTTP_ACCEPT=JSON)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_article_anonymous_json_is_login_required(client: Client, pony: Pony) -> None:
    response = post(client, pony_url(pony), {"name": "Clover"})
    assert code_of(response, 403) == "login_required"


def test_article_anonymous_plain_goes_to_the_login_page(client: Client, pony: Pony) -> None:
    response = post(client, pony_url(pony), {"name": "Clover"}, HTML)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={pony_url(pony)}"


def test_braces_redirect_unauthenticated_users_still_answers_json(
    client: Client, pony: Pony
) -> None:
    url = reverse("pony_strict", kwargs={"pk": pony.pk})
    assert code_of(post(client, url, {"name": "Clover"}), 403) == "login_required"
    assert post(client, url, {"name": "Clover"}, HTML).status_code == 302


def test_article_json_without_permission_is_permission_denied(
    client: Client, pony: Pony, viewer: User
) -> None:
    client.force_login(viewer)
    response = post(client, pony_url(pony), {"name": "Clover"})
    assert code_of(response, 403) == "permission_denied"
    assert Pony.objects.get(pk=pony.pk).name == "Bramble"


def test_article_json_for_a_missing_pony_is_not_found(editing: Client, pony: Pony) -> None:
    response = post(editing, reverse("pony_update", kwargs={"pk": pony.pk + 1}), {})
    assert code_of(response, 404) == "not_found"


def test_article_plain_for_a_missing_pony_is_django_s_404(editing: Client, pony: Pony) -> None:
    response = post(editing, reverse("pony_update", kwargs={"pk": pony.pk + 1}), {}, HTML)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


# CSRF: checked first, as the middleware does; JSON for a JSON request.


def test_csrf_failure_json(pony: Pony, pony_editor: User) -> None:
    client = logged_in(pony_editor, enforce_csrf_checks=True)
    response = post(client, pony_url(pony), {"name": "Clover"})
    assert code_of(response, 403) == "csrf_failed"
    assert Pony.objects.get(pk=pony.pk).name == "Bramble"


def test_csrf_failure_plain_is_django_s_page(pony: Pony, pony_editor: User) -> None:
    client = logged_in(pony_editor, enforce_csrf_checks=True)
    response = post(client, pony_url(pony), {"name": "Clover"}, HTML)
    assert response.status_code == 403
    assert "CSRF" in response.content.decode()


def test_csrf_token_passes(pony: Pony, pony_editor: User, stable: Stable) -> None:
    client = logged_in(pony_editor, enforce_csrf_checks=True)
    token = client.get(pony_url(pony)).context["csrf_token"]
    data = {"name": "Clover", "stable": stable.pk, "csrfmiddlewaretoken": str(token)}
    assert post(client, pony_url(pony), data).status_code == 200


def test_a_csrf_exempt_view_stays_exempt(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    assert post(client, reverse("note_exempt"), {"text": "hi"}).status_code == 200


# Methods.


def test_json_method_not_allowed_names_the_view_s_methods(editing: Client, pony: Pony) -> None:
    response = editing.delete(pony_url(pony), HTTP_ACCEPT=JSON)
    assert code_of(response, 405) == "method_not_allowed"
    assert response["Allow"] == "GET, POST, PUT, HEAD, OPTIONS"
    assert response.json()["errors"]["__all__"][0]["message"] == (
        "Allowed methods: GET, POST, PUT, HEAD, OPTIONS."
    )


def test_plain_method_not_allowed_is_django_s(editing: Client, pony: Pony) -> None:
    response = editing.delete(pony_url(pony), HTTP_ACCEPT=HTML)
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST, PUT, HEAD, OPTIONS"
    assert response.content == b""


# Sizes and unreadable bodies.


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100)
def test_json_body_over_django_s_limit_is_too_large(db: None, client: Client) -> None:
    response = post(client, reverse("note"), {"text": "x" * 200})
    assert code_of(response, 413) == "too_large"
    assert response.json()["errors"]["__all__"][0]["message"] == (
        "The request body is larger than 100 bytes."
    )


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=2)
def test_json_body_with_too_many_fields(db: None, client: Client) -> None:
    response = post(client, reverse("note"), {"a": "1", "b": "2", "c": "3"})
    assert code_of(response, 400) == "too_many"


@override_settings(DATA_UPLOAD_MAX_NUMBER_FILES=1)
def test_json_body_with_too_many_files(db: None, client: Client) -> None:
    files = {name: SimpleUploadedFile(f"{name}.txt", b"x") for name in ("a", "b")}
    response = post(client, reverse("note"), files)
    assert code_of(response, 400) == "too_many"


def test_malformed_multipart_json_is_bad_request(db: None, client: Client) -> None:
    response = client.post(
        reverse("note"),
        b"text=hi",
        content_type="multipart/form-data; boundary=",
        HTTP_ACCEPT=JSON,
    )
    assert code_of(response, 400) == "bad_request"


def test_a_suspicious_operation_in_the_view_is_bad_request(
    db: None, client: Client, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """As Django answers a ``SuspiciousOperation`` with a 400, never a logged 500."""

    def suspicious(*args: object) -> None:
        raise SuspiciousOperation("a forged value")

    monkeypatch.setattr(NoteView, "form_valid", suspicious)
    with caplog.at_level(logging.ERROR, logger="orderkit"):
        response = post(client, reverse("note"), {"text": "hi"})
    assert code_of(response, 400) == "bad_request"
    assert "forged" not in response.content.decode()
    assert caplog.records == []


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100)
def test_plain_body_over_the_limit_is_django_s_400(db: None, client: Client) -> None:
    assert post(client, reverse("note"), {"text": "x" * 200}, HTML).status_code == 400


# Generic views: create, delete, a plain form, with Django's access mixins.


@pytest.fixture
def card_maker(client: Client, db: None) -> Client:
    client.force_login(make_user("maker", "testapp.add_card", "testapp.delete_card"))
    return client


def test_create_answers_201_with_the_new_object(card_maker: Client, board: Board) -> None:
    response = post(card_maker, reverse("card_create"), {"title": "<new>", "board": board.pk})
    assert response.status_code == 201
    card = Card.objects.get()
    assert response.json() == {
        "message": "“<new>” was added.",
        "pk": str(card.pk),
        "label": "<new>",
        "redirect": "/cards/",
    }


def test_create_with_django_s_mixins_anonymous_json(client: Client, db: None) -> None:
    response = post(client, reverse("card_create"), {"title": "x"})
    assert code_of(response, 403) == "login_required"


def test_create_with_django_s_mixins_anonymous_plain(client: Client, db: None) -> None:
    response = post(client, reverse("card_create"), {"title": "x"}, HTML)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_create_with_django_s_mixins_without_permission(client: Client, viewer: User) -> None:
    client.force_login(viewer)
    assert code_of(post(client, reverse("card_create"), {"title": "x"}), 403) == (
        "permission_denied"
    )
    assert post(client, reverse("card_create"), {"title": "x"}, HTML).status_code == 403
    assert not Card.objects.exists()


def test_delete_answers_what_was_deleted(card_maker: Client, cards: list[Card]) -> None:
    response = post(card_maker, reverse("card_delete", kwargs={"pk": cards[0].pk}), {})
    assert response.status_code == 200
    assert response.json() == {
        "message": "“card 0” was deleted.",
        "pk": str(cards[0].pk),
        "label": "card 0",
        "redirect": "/cards/",
    }
    assert not Card.objects.filter(pk=cards[0].pk).exists()


def test_form_view_without_an_object(db: None, client: Client) -> None:
    response = post(client, reverse("note"), {"text": "hi"})
    assert response.status_code == 200
    assert response.json() == {
        "message": "Your answers were sent.",
        "pk": None,
        "label": None,
        "redirect": "/notes/",
    }


def test_success_message_mixin_gives_the_message(db: None, client: Client) -> None:
    response = post(client, reverse("note_thanked"), {"text": "hi"})
    assert response.json()["message"] == "Thanks for “hi”."
    # Queued as in the normal flow, for the page that the client goes to next.
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Thanks for “hi”."]


def test_a_view_that_shows_a_page_on_success_gives_no_redirect(db: None, client: Client) -> None:
    response = post(client, reverse("note_rendered"), {"text": "hi"})
    assert response.status_code == 200
    assert response.json()["redirect"] is None


def test_non_field_errors_are_under_all(db: None, client: Client) -> None:
    response = post(client, reverse("note"), {"text": "<b>no</b>"})
    assert errors_of(response, 400) == {
        "__all__": [{"message": "<b>No</b> notes like that.", "code": "refused"}]
    }


def test_a_form_valid_that_refuses_the_form_answers_400(db: None, client: Client) -> None:
    response = post(client, reverse("note_answered"), {"text": "later"})
    assert errors_of(response, 400) == {"text": [{"message": "Not now.", "code": "later"}]}


def test_a_form_valid_that_answers_json_itself_is_left_alone(db: None, client: Client) -> None:
    response = post(client, reverse("note_answered"), {"text": "json"})
    assert response.status_code == 200
    assert response.json() == {"own": True}


def test_an_orderkit_error_in_the_view_is_answered_as_such(db: None, client: Client) -> None:
    response = post(client, reverse("note_answered"), {"text": "busy"})
    assert code_of(response, 409) == "conflict"


def test_an_unexpected_error_is_a_logged_500_naming_nothing(
    db: None, client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="orderkit"):
        response = post(client, reverse("note_answered"), {"text": "crash"})
    assert code_of(response, 500) == "server_error"
    assert "secret" not in response.content.decode()
    assert "secret detail" in caplog.text


def test_an_unexpected_error_rolls_back_an_atomic_request(
    db: None, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(connection.settings_dict, "ATOMIC_REQUESTS", True)
    response = post(client, reverse("note_answered"), {"text": "crash"})
    assert code_of(response, 500) == "server_error"
    assert not Card.objects.filter(title="half-written").exists()


def test_an_unexpected_error_in_a_plain_request_propagates(db: None, client: Client) -> None:
    with pytest.raises(RuntimeError, match="secret detail"):
        post(client, reverse("note_answered"), {"text": "crash"}, HTML)
