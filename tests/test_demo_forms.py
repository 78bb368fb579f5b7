"""The demo's form pages (demo/ponies): ``/tags/new/`` and the pony page drawn by
crispy-forms, both through ``JsonFormMixin`` (docs/forms.md, "In the demo")."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from ponies.models import Pony, Tag
from tests.helpers import code_of, errors_of, make_user

JSON = "application/json"
HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
NEW_TAG = "/tags/new/"


@pytest.fixture
def tagger(client: Client, db: None) -> Client:
    client.force_login(make_user("tagger", "ponies.add_tag"))
    return client


def messages_of(response: Any) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_new_tag_json_answers_201_with_the_tag(tagger: Client) -> None:
    response = tagger.post(NEW_TAG, {"name": "shy"}, HTTP_ACCEPT=JSON)
    assert response.status_code == 201
    tag = Tag.objects.get(name="shy")
    assert response.json() == {
        "message": "“shy” was added.",
        "pk": str(tag.pk),
        "label": "shy",
        "redirect": NEW_TAG,
    }


def test_new_tag_json_with_a_taken_name_is_a_field_error(tagger: Client) -> None:
    Tag.objects.create(name="shy")
    response = tagger.post(NEW_TAG, {"name": "shy"}, HTTP_ACCEPT=JSON)
    assert errors_of(response, 400) == {
        "name": [{"message": "Tag with this Name already exists.", "code": "unique"}]
    }
    assert Tag.objects.count() == 1


def test_new_tag_plain_post_redirects_with_a_message(tagger: Client) -> None:
    response = tagger.post(NEW_TAG, {"name": "shy"}, HTTP_ACCEPT=HTML)
    assert response.status_code == 302
    assert response["Location"] == NEW_TAG
    assert messages_of(response) == ["“shy” was added."]


def test_new_tag_plain_post_with_errors_shows_the_page(tagger: Client) -> None:
    response = tagger.post(NEW_TAG, {"name": ""}, HTTP_ACCEPT=HTML)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form method="post" data-orderkit="form">' in html
    assert "This field is required." in html


def test_new_tag_needs_a_login(client: Client, db: None) -> None:
    assert code_of(client.post(NEW_TAG, {"name": "x"}, HTTP_ACCEPT=JSON), 403) == (
        "login_required"
    )
    response = client.get(NEW_TAG)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={NEW_TAG}"


def test_new_tag_needs_the_add_tag_permission(client: Client, db: None) -> None:
    client.force_login(make_user("groom", "ponies.change_pony"))
    response = client.post(NEW_TAG, {"name": "x"}, HTTP_ACCEPT=JSON)
    assert code_of(response, 403) == "permission_denied"
    assert not Tag.objects.exists()


def test_new_tag_page_lists_the_tags(tagger: Client) -> None:
    Tag.objects.create(name="<b>bold</b>")
    html = tagger.get(NEW_TAG).content.decode()
    assert "<li>&lt;b&gt;bold&lt;/b&gt;</li>" in html


def pony_url(pony: Pony) -> str:
    return reverse("pony_edit", kwargs={"pk": pony.pk})


def test_pony_page_is_drawn_by_crispy_forms(groom: Client, ponies: list[Pony]) -> None:
    html = groom.get(pony_url(ponies[0])).content.decode()
    assert 'id="div_id_name"' in html
    assert 'class="textinput form-control"' in html
    assert 'data-orderkit-invalid-class="is-invalid"' in html


def test_pony_rename_json(groom: Client, ponies: list[Pony]) -> None:
    response = groom.post(pony_url(ponies[0]), {"name": "Dusty"}, HTTP_ACCEPT=JSON)
    assert response.status_code == 200
    assert response.json()["message"] == "“Dusty” was saved."
    assert response.json()["redirect"] == "/"
    pony = Pony.objects.get(pk=ponies[0].pk)
    assert (pony.name, pony.is_active) == ("Dusty", False)


def test_pony_name_taken_in_its_stable_is_a_field_error(groom: Client, ponies: list[Pony]) -> None:
    response = groom.post(pony_url(ponies[0]), {"name": "Clover"}, HTTP_ACCEPT=JSON)
    assert errors_of(response, 400) == {
        "name": [{"message": "This stable has a pony of that name already.", "code": "unique"}]
    }


def test_pony_page_needs_the_change_permission(tagger: Client, ponies: list[Pony]) -> None:
    response = tagger.post(pony_url(ponies[0]), {"name": "X"}, HTTP_ACCEPT=JSON)
    assert code_of(response, 403) == "permission_denied"


def test_pony_names_are_unique_per_stable_in_the_database(ponies: list[Pony]) -> None:
    Pony.objects.create(name="Bramble", stable=ponies[2].stable)
    with pytest.raises(IntegrityError), transaction.atomic():
        Pony.objects.create(name="Bramble", stable=ponies[0].stable)


def test_the_stables_page_links_to_the_new_tag_form(client: Client, db: None) -> None:
    assert f'href="{NEW_TAG}"' in client.get("/").content.decode()
