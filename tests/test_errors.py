"""Every row of the error table in docs/endpoints.md: status, code, JSON shape, and nothing
written."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.test import Client, override_settings
from django.test.client import MULTIPART_CONTENT
from django.urls import reverse

from orderkit import fields, operations
from orderkit.exceptions import OrderkitError
from orderkit.fields import to_pk
from tests.helpers import (
    PostJson,
    code_of,
    errors_of,
    link_url,
    make_user,
    reorder_url,
    toggle_url,
)
from tests.testapp.models import Board, Card, Chapter, Label

FIRST = "<first card>"
#: Each endpoint's URL for the first of the cards.
ENDPOINTS: dict[str, Callable[[list[Card]], str]] = {
    "reorder": lambda cards: reorder_url(),
    "toggle": lambda cards: toggle_url(cards[0]),
    "attach": lambda cards: link_url("attach", cards[0]),
    "detach": lambda cards: link_url("detach", cards[0]),
}


pytestmark = pytest.mark.usefixtures("untouched")


# 400 invalid_json


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b'"text"', b"null", b" ", b"\xff{}"])
def test_body_that_is_not_a_json_object(api: Client, cards: list[Card], body: bytes) -> None:
    # The test client drops an empty body's Content-Type; CONTENT_TYPE puts it back.
    response = api.post(
        toggle_url(cards[0]),
        body,
        content_type="application/json",
        CONTENT_TYPE="application/json",
    )
    assert code_of(response, 400) == "invalid_json"


def test_deeply_nested_json_is_invalid_not_a_crash(api: Client, cards: list[Card]) -> None:
    body = "[" * 100_000 + "]" * 100_000
    with override_settings(ORDERKIT={"MAX_BODY_BYTES": 1_000_000}):
        response = api.post(toggle_url(cards[0]), body, content_type="application/json")
    assert code_of(response, 400) == "invalid_json"


# 400 validation: a field's code


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({}, "__all__", "required"),
        ({"pk": FIRST}, "__all__", "required"),
        ({"before": FIRST}, "pk", "required"),
        ({"pk": FIRST, "before": 2, "to": "first"}, "__all__", "ambiguous"),
        ({"pk": "abc", "to": "first"}, "pk", "invalid"),
        ({"pk": True, "to": "first"}, "pk", "invalid"),
        ({"pk": 1.5, "to": "first"}, "pk", "invalid"),
        ({"pk": [FIRST], "to": "first"}, "pk", "invalid"),
        ({"pk": "1\x00", "to": "first"}, "pk", "invalid"),
        ({"pk": 2**70, "to": "first"}, "pk", "invalid"),
        ({"pk": 999999, "to": "first"}, "pk", "invalid_choice"),
        ({"pk": FIRST, "to": "middle"}, "to", "invalid_choice"),
        ({"order": "1,2"}, "order", "invalid"),
        ({"order": [FIRST, "x"]}, "order", "invalid"),
        ({"order": [999999]}, "order", "invalid_choice"),
        ({"order": [FIRST], "pk": FIRST}, "pk", "unexpected"),
        ({"pk": FIRST, "to": "first", "color": "red"}, "__all__", "unexpected"),
        # Values that their field reads as empty are not given.
        ({"pk": FIRST, "to": {}}, "__all__", "required"),
        ({"pk": FIRST, "to": ""}, "__all__", "required"),
        ({"pk": FIRST, "before": None}, "__all__", "required"),
        ({"order": {}}, "__all__", "required"),
        ({"order": []}, "__all__", "required"),
    ],
)
def test_reorder_validation(
    post_json: PostJson, cards: list[Card], body: dict[str, Any], field: str, code: str
) -> None:
    def real(value: Any) -> Any:
        # FIRST stands for the pk of a real card.
        if value == FIRST:
            return cards[0].pk
        return [real(item) for item in value] if isinstance(value, list) else value

    response = post_json(reorder_url(), {key: real(value) for key, value in body.items()})
    assert code_of(response, 400, field) == code


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"to": ["first", ""]}, "__all__", "required"),
        ({"to": [""]}, "__all__", "required"),
        ({"order": [""]}, "order", "invalid"),
    ],
    ids=["to-then-empty", "to-empty", "order-empty"],
)
def test_a_form_body_with_empty_values_is_a_400(
    api: Client, cards: list[Card], fields: dict[str, list[str]], field: str, code: str
) -> None:
    body = {"pk": [str(cards[0].pk)], **fields} if "to" in fields else fields
    response = api.post(reorder_url(), body)
    assert code_of(response, 400, field) == code


def test_reorder_next_to_itself(post_json: PostJson, cards: list[Card]) -> None:
    response = post_json(reorder_url(), {"pk": cards[0].pk, "after": cards[0].pk})
    assert code_of(response, 400, "after") == "invalid"


def test_reorder_duplicate_in_order(post_json: PostJson, cards: list[Card]) -> None:
    response = post_json(reorder_url(), {"order": [cards[0].pk, str(cards[1].pk), cards[0].pk]})
    assert code_of(response, 400, "order") == "duplicate"


@override_settings(ORDERKIT={"MAX_ORDER_LENGTH": 3})
def test_reorder_too_many(post_json: PostJson, cards: list[Card]) -> None:
    response = post_json(reorder_url(), {"order": [card.pk for card in cards]})
    errors = errors_of(response, 400)
    assert errors["order"][0]["code"] == "too_many"
    assert errors["order"][0]["message"] == "The list names 5 rows; at most 3 are allowed."


@override_settings(ORDERKIT={"MAX_ORDER_LENGTH": 3})
def test_a_list_too_long_is_refused_before_any_item_is_converted(
    post_json: PostJson, cards: list[Card], monkeypatch: pytest.MonkeyPatch
) -> None:
    converted: list[object] = []

    def counting_to_pk(model: Any, value: object) -> Any:
        converted.append(value)
        return to_pk(model, value)

    monkeypatch.setattr(fields, "to_pk", counting_to_pk)
    response = post_json(reorder_url(), {"order": list(range(1, 5001))})
    assert code_of(response, 400, "order") == "too_many"
    assert converted == []
    post_json(reorder_url(), {"order": [card.pk for card in cards[:3]]})
    assert len(converted) == 3


def test_reorder_other_group(post_json: PostJson, cards: list[Card]) -> None:
    elsewhere = Card.objects.create(title="elsewhere", board=Board.objects.create(name="b2"))
    response = post_json(reorder_url(), {"pk": cards[0].pk, "before": elsewhere.pk})
    assert code_of(response, 400, "before") == "other_group"
    response = post_json(reorder_url(), {"order": [cards[0].pk, elsewhere.pk]})
    assert code_of(response, 400, "order") == "other_group"
    elsewhere.delete()


def test_pk_out_of_scope_is_invalid_choice_like_an_absent_one(
    post_json: PostJson, cards: list[Card]
) -> None:
    Card.objects.filter(pk=cards[4].pk).update(is_hidden=True)
    hidden = post_json(reorder_url(), {"pk": cards[0].pk, "before": cards[4].pk})
    absent = post_json(reorder_url(), {"pk": cards[0].pk, "before": 999999})
    assert hidden.json() == absent.json()
    assert code_of(hidden, 400, "before") == "invalid_choice"
    Card.objects.filter(pk=cards[4].pk).update(is_hidden=False)


@pytest.mark.parametrize("value", ["maybe", 1, 0, None, [True], {}, "true", "on", "1", ""])
def test_toggle_value_must_be_a_json_boolean(
    post_json: PostJson, cards: list[Card], value: Any
) -> None:
    response = post_json(toggle_url(cards[0]), {"value": value})
    assert code_of(response, 400, "value") == "invalid"


def test_toggle_unexpected_key(post_json: PostJson, cards: list[Card]) -> None:
    response = post_json(toggle_url(cards[0]), {"value": True, "field": "is_hidden"})
    assert code_of(response, 400) == "unexpected"


@pytest.mark.parametrize("action", ["attach", "detach"])
@pytest.mark.parametrize(
    ("body", "code"),
    [({}, "required"), ({"pk": "x"}, "invalid"), ({"pk": 999999}, "invalid_choice")],
)
def test_link_validation(
    post_json: PostJson, cards: list[Card], action: str, body: dict[str, Any], code: str
) -> None:
    response = post_json(link_url(action, cards[0]), body)
    assert code_of(response, 400, "pk") == code


def test_attach_outside_related_scope_is_invalid_choice(
    post_json: PostJson, cards: list[Card], labels: list[Label]
) -> None:
    secret = labels[2]
    response = post_json(link_url("attach", cards[0]), {"pk": secret.pk})
    assert code_of(response, 400, "pk") == "invalid_choice"


def test_detach_of_an_unlinked_object_outside_scope_is_invalid_choice(
    post_json: PostJson, cards: list[Card], labels: list[Label]
) -> None:
    response = post_json(link_url("detach", cards[0]), {"pk": labels[2].pk})
    assert code_of(response, 400, "pk") == "invalid_choice"


# 403 csrf_failed


def test_csrf_is_enforced_by_the_view(editor: User, cards: list[Card]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(toggle_url(cards[0]), "{}", content_type="application/json")
    assert code_of(response, 403) == "csrf_failed"


def test_csrf_is_checked_before_login(cards: list[Card]) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(toggle_url(cards[0]), "{}", content_type="application/json")
    assert code_of(response, 403) == "csrf_failed"


def test_csrf_is_checked_before_the_body(editor: User, cards: list[Card]) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(toggle_url(cards[0]), "{oops", content_type="application/json")
    assert code_of(response, 403) == "csrf_failed"


# 403 login_required


@pytest.mark.parametrize("endpoint", [*ENDPOINTS, "unregistered"])
def test_anonymous_gets_login_required(client: Client, cards: list[Card], endpoint: str) -> None:
    url = reorder_url("auth.user") if endpoint == "unregistered" else ENDPOINTS[endpoint](cards)
    response = client.post(url, "{}", content_type="application/json")
    assert code_of(response, 403) == "login_required"


# 403 permission_denied


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_viewer_gets_permission_denied(
    client: Client, viewer: User, cards: list[Card], endpoint: str
) -> None:
    client.force_login(viewer)
    response = client.post(ENDPOINTS[endpoint](cards), "{}", content_type="application/json")
    assert code_of(response, 403) == "permission_denied"


def test_permission_is_checked_before_the_body_is_read(
    client: Client, viewer: User, cards: list[Card]
) -> None:
    client.force_login(viewer)
    response = client.post(toggle_url(cards[0]), "{oops", content_type="application/json")
    assert code_of(response, 403) == "permission_denied"


def test_denied_caller_learns_nothing_about_rows(client: Client, viewer: User) -> None:
    client.force_login(viewer)
    existing = client.post(reorder_url(), json.dumps({"pk": 1, "to": "first"}), "application/json")
    absent = client.post(
        reorder_url(), json.dumps({"pk": 999999, "to": "first"}), "application/json"
    )
    assert existing.json() == absent.json()
    assert code_of(absent, 403) == "permission_denied"


def test_extra_toggle_permission(client: Client, editor: User) -> None:
    chapter = Chapter.objects.create(title="one", number=0)
    client.force_login(make_user("chapters", "testapp.change_chapter"))
    response = client.post(
        toggle_url(chapter, "is_published"), "{}", content_type="application/json"
    )
    assert code_of(response, 403) == "permission_denied"
    assert not Chapter.objects.get(pk=chapter.pk).is_published


# 404 not_found


@pytest.mark.parametrize(
    "url",
    [
        lambda cards: reorder_url("auth.user"),
        lambda cards: reorder_url("nope.nope"),
        lambda cards: reorder_url("testapp.label"),
        lambda cards: reverse("orderkit:toggle", args=["auth.user", 1, "is_active"]),
        lambda cards: toggle_url(cards[0], "is_hidden"),
        lambda cards: toggle_url(cards[0], "title"),
        lambda cards: link_url("attach", cards[0], "owner"),
        lambda cards: link_url("detach", cards[0], "labels_set"),
        lambda cards: reverse("orderkit:toggle", args=["testapp.card", "abc", "is_done"]),
        lambda cards: reverse("orderkit:toggle", args=["testapp.card", 999999, "is_done"]),
        lambda cards: reverse("orderkit:toggle", args=["testapp.card", 2**70, "is_done"]),
        lambda cards: reverse("orderkit:detach", args=["testapp.card", 999999, "labels"]),
    ],
)
def test_not_found(post_json: PostJson, cards: list[Card], url: Any) -> None:
    response = post_json(url(cards), {"pk": 1})
    assert code_of(response, 404) == "not_found"


def test_url_pk_outside_scope_is_not_found_like_an_absent_one(
    post_json: PostJson, cards: list[Card]
) -> None:
    Card.objects.filter(pk=cards[0].pk).update(is_hidden=True)
    hidden = post_json(toggle_url(cards[0]), {})
    absent = post_json(reverse("orderkit:toggle", args=["testapp.card", 999999, "is_done"]), {})
    assert hidden.json() == absent.json()
    assert code_of(hidden, 404) == "not_found"
    Card.objects.filter(pk=cards[0].pk).update(is_hidden=False)


# 405 method_not_allowed


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete", "head", "options"])
def test_only_post(api: Client, cards: list[Card], method: str) -> None:
    response = getattr(api, method)(toggle_url(cards[0]))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    if method != "head":
        assert code_of(response, 405) == "method_not_allowed"


def test_method_is_checked_before_login(client: Client, cards: list[Card]) -> None:
    response = client.get(toggle_url(cards[0]))
    assert code_of(response, 405) == "method_not_allowed"


# 413 too_large


@override_settings(ORDERKIT={"MAX_BODY_BYTES": 100})
def test_body_over_the_limit(post_json: PostJson, cards: list[Card]) -> None:
    response = post_json(toggle_url(cards[0]), {"value": True, "padding": "x" * 200})
    assert code_of(response, 413) == "too_large"


@override_settings(ORDERKIT={"MAX_BODY_BYTES": 100})
def test_declared_length_over_the_limit(api: Client, cards: list[Card]) -> None:
    response = api.post(
        toggle_url(cards[0]), "{}", content_type="application/json", CONTENT_LENGTH="5000"
    )
    assert code_of(response, 413) == "too_large"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
@pytest.mark.parametrize("encoded", [False, True])
def test_html_form_over_djangos_own_limit_goes_back_with_a_message(
    api: Client, cards: list[Card], encoded: bool
) -> None:
    data = {"next": "/ignored/", "padding": "x" * 2000}
    response = api.post(
        toggle_url(cards[0]),
        urlencode(data) if encoded else data,
        content_type="application/x-www-form-urlencoded" if encoded else MULTIPART_CONTENT,
        HTTP_ACCEPT="text/html",
        HTTP_REFERER="http://testserver/list/",
    )
    assert response.status_code == 303
    assert response["Location"] == "http://testserver/list/"
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "The request body is larger than 1000 bytes."  # Django's limit, the one that was met
    ]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_form_body_over_djangos_own_limit(api: Client, cards: list[Card]) -> None:
    response = api.post(toggle_url(cards[0]), {"value": "on", "padding": "x" * 2000})
    assert code_of(response, 413) == "too_large"


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=3)
def test_form_body_with_too_many_fields(api: Client, cards: list[Card]) -> None:
    response = api.post(reorder_url(), {"order": [card.pk for card in cards]})
    assert code_of(response, 400) == "too_many"


# 415 unsupported_media_type


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/xml", "application/octet-stream"]
)
def test_unsupported_media_type(api: Client, cards: list[Card], content_type: str) -> None:
    response = api.post(toggle_url(cards[0]), "{}", content_type=content_type)
    assert code_of(response, 415) == "unsupported_media_type"


def test_json_suffix_media_type_is_json(api: Client, cards: list[Card]) -> None:
    response = api.post(
        toggle_url(cards[0]), '{"value": false}', content_type="application/merge-patch+json"
    )
    assert response.status_code == 200
    assert response.json()["changed"] is False


@pytest.mark.parametrize("content_type", ["", "text/plain", "application/json"])
def test_an_empty_body_has_no_fields(api: Client, cards: list[Card], content_type: str) -> None:
    # The test client drops an empty body's Content-Type; CONTENT_TYPE puts it back.
    response = api.generic(
        "POST", link_url("attach", cards[0]), b"", content_type="", CONTENT_TYPE=content_type
    )
    assert code_of(response, 400, "pk") == "required"


# 500 server_error


def test_unexpected_error_is_logged_and_echoes_nothing(
    post_json: PostJson,
    cards: list[Card],
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret table name ponies_internal")

    monkeypatch.setattr(operations, "toggle", explode)
    with caplog.at_level(logging.ERROR, logger="orderkit"):
        response = post_json(toggle_url(cards[0]), {})
    assert code_of(response, 500) == "server_error"
    assert b"secret" not in response.content
    assert b"RuntimeError" not in response.content
    (record,) = [record for record in caplog.records if record.name == "orderkit"]
    assert record.exc_info is not None
    assert "secret table name" in str(record.exc_info[1])


def test_every_error_class_has_its_row_in_the_docs_table() -> None:
    table = (Path(__file__).resolve().parent.parent / "docs" / "endpoints.md").read_text()
    rows = set(re.findall(r"^\| (\d{3}) \| `(\w+)` \|", table, flags=re.MULTILINE))

    def subclasses(cls: type[OrderkitError]) -> list[type[OrderkitError]]:
        return [sub for child in cls.__subclasses__() for sub in (child, *subclasses(child))]

    documented = {(str(cls.status), cls.code) for cls in subclasses(OrderkitError)}
    assert {("400", "bad_request"), ("411", "length_required"), ("503", "unavailable")} <= (
        documented
    )
    assert documented <= rows
