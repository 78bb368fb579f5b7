"""Bodies that cannot be taken as they come: the 400 ``bad_request``, 411 ``length_required``
and 413 ``too_large`` rows of the error table. Their headers are judged before anything reads
them, and they are read whole, within ``ORDERKIT["MAX_BODY_BYTES"]``, before anything parses
them (the CSRF check parses a form body for its token).
"""

from __future__ import annotations

import http.client
import io
import json
import logging
import socket
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.asgi import ASGIRequest
from django.http import HttpRequest, HttpResponse
from django.test import Client, override_settings
from django.test.client import BOUNDARY, MULTIPART_CONTENT, RequestFactory, encode_multipart

from orderkit.views import ToggleView
from tests.helpers import code_of, toggle_url
from tests.testapp.models import Card

pytestmark = pytest.mark.usefixtures("untouched")

#: A CSRF cookie that a caller chose itself: Django's check then parses a form body.
CHOSEN_TOKEN = "a" * 32


def too_many_files() -> bytes:
    """A multipart body of 101 small files: one more than DATA_UPLOAD_MAX_NUMBER_FILES."""
    files = [SimpleUploadedFile(f"f{i}.txt", b"x") for i in range(101)]
    return encode_multipart(BOUNDARY, {"value": "on", "upload": files})


#: Bodies that Django refuses to parse: (body, Content-Type).
UNPARSABLE: dict[str, tuple[bytes, str]] = {
    "multipart-without-boundary": (b"value=on", "multipart/form-data"),
    "form-in-latin-1": (b"value=on", "application/x-www-form-urlencoded; charset=latin-1"),
}


def caller(kind: str, editor: User) -> Client:
    """A logged-in editor, or an anonymous caller with a CSRF cookie of its own choosing."""
    if kind == "editor":
        client = Client()
        client.force_login(editor)
    else:
        client = Client(enforce_csrf_checks=True)
        client.cookies["csrftoken"] = CHOSEN_TOKEN
    return client


def no_errors_logged(caplog: pytest.LogCaptureFixture) -> None:
    assert [record for record in caplog.records if record.levelno >= logging.ERROR] == []


@pytest.mark.parametrize("kind", ["editor", "anonymous"])
@pytest.mark.parametrize("body", UNPARSABLE, ids=list(UNPARSABLE))
def test_a_body_that_django_refuses_to_parse_is_a_400(
    editor: User,
    cards: list[Card],
    caplog: pytest.LogCaptureFixture,
    kind: str,
    body: str,
) -> None:
    data, content_type = UNPARSABLE[body]
    with caplog.at_level(logging.WARNING):
        response = caller(kind, editor).generic(
            "POST", toggle_url(cards[0]), data, content_type=content_type
        )
    assert code_of(response, 400) == "bad_request"
    no_errors_logged(caplog)


@pytest.mark.parametrize("kind", ["editor", "anonymous"])
def test_more_files_than_django_takes_are_too_many(
    editor: User, cards: list[Card], caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    """As a form with more fields than Django takes: 400 ``too_many``, saying what."""
    with caplog.at_level(logging.WARNING):
        response = caller(kind, editor).generic(
            "POST", toggle_url(cards[0]), too_many_files(), content_type=MULTIPART_CONTENT
        )
    assert code_of(response, 400) == "too_many"
    assert response.json()["errors"]["__all__"][0]["message"] == "The request has too many files."
    no_errors_logged(caplog)


def test_an_html_form_that_cannot_be_parsed_goes_back_with_a_message(
    api: Client, cards: list[Card]
) -> None:
    response = api.generic(
        "POST",
        toggle_url(cards[0]),
        b"value=on&next=/ignored/",
        content_type="application/x-www-form-urlencoded; charset=latin-1",
        HTTP_ACCEPT="text/html",
        HTTP_REFERER="http://testserver/list/",
    )
    assert response.status_code == 303
    assert response["Location"] == "http://testserver/list/"
    assert [str(message) for message in get_messages(response.wsgi_request)] == [
        "The request body cannot be read."
    ]


@pytest.mark.parametrize("kind", ["editor", "anonymous"])
@pytest.mark.parametrize("length", ["many", "-1", "1e3", "+5", "\u0665"])
def test_a_content_length_that_is_not_a_length_is_a_400(
    editor: User, cards: list[Card], kind: str, length: str
) -> None:
    response = caller(kind, editor).post(
        toggle_url(cards[0]), "{}", content_type="application/json", CONTENT_LENGTH=length
    )
    assert code_of(response, 400) == "bad_request"


# 411: a body that Django would not read is never taken as an empty one.


@pytest.mark.parametrize("content_type", ["application/json", "application/x-www-form-urlencoded"])
def test_a_chunked_body_is_a_411_and_sets_nothing(
    api: Client, cards: list[Card], content_type: str
) -> None:
    """Read as ``{}``, ``{"value": true}`` would flip the switch off."""
    Card.objects.filter(pk=cards[1].pk).update(is_done=True)
    body = json.dumps({"value": True}) if content_type == "application/json" else "value=true"
    response = api.generic(
        "POST",
        toggle_url(cards[1]),
        body,
        content_type=content_type,
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
    )
    assert code_of(response, 411) == "length_required"
    assert Card.objects.get(pk=cards[1].pk).is_done is True
    Card.objects.filter(pk=cards[1].pk).update(is_done=False)


@pytest.mark.django_db(transaction=True)
def test_a_chunked_body_over_a_real_socket_is_a_411(
    live_server: Any, editor: User, cards: list[Card]
) -> None:
    """Django's test server passes a chunked body on undecoded, without a Content-Length.

    The request goes out in one write: the server answers from the headers and may close
    the connection before a body sent in several writes has gone out."""
    login = Client()
    login.force_login(editor)
    host, port = live_server.url.removeprefix("http://").split(":")
    cookie = f"sessionid={login.cookies['sessionid'].value}; csrftoken={CHOSEN_TOKEN}"
    request = (
        f"POST {toggle_url(cards[0])} HTTP/1.1\r\nHost: {host}:{port}\r\n"
        f"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
        f"Cookie: {cookie}\r\nX-CSRFToken: {CHOSEN_TOKEN}\r\nConnection: close\r\n\r\n"
        'a\r\n{"value": \r\n5\r\ntrue}\r\n0\r\n\r\n'
    ).encode()
    with socket.create_connection((host, int(port)), timeout=10) as connection:
        connection.sendall(request)
        response = http.client.HTTPResponse(connection)
        response.begin()
        assert response.status == 411
        assert json.loads(response.read())["errors"]["__all__"][0]["code"] == "length_required"
    assert Card.objects.get(pk=cards[0].pk).is_done is False


# 413: the declared length is judged before anything reads the body.


class Unread(io.RawIOBase):
    """A request's input that counts the reads of it, and holds nothing."""

    def __init__(self) -> None:
        self.reads = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        self.reads += 1
        return 0


@override_settings(ORDERKIT={"MAX_BODY_BYTES": 1000})
@pytest.mark.parametrize("accept", ["application/json", "text/html"])
def test_a_body_declared_too_large_is_refused_unread_even_before_csrf(
    cards: list[Card], accept: str
) -> None:
    """An anonymous 200 MiB multipart post: nothing reads it (no temporary file is
    spooled), not even the CSRF check or the redirect back looking for ``next``."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CHOSEN_TOKEN
    stream = Unread()
    extra: dict[str, Any] = {"wsgi.input": stream}
    response = client.generic(
        "POST",
        toggle_url(cards[0]),
        b"",
        content_type=MULTIPART_CONTENT,
        # The test client leaves an empty body's type out; the declared one is long.
        CONTENT_TYPE=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(200 * 2**20),
        HTTP_ACCEPT=accept,
        **extra,
    )
    if accept == "text/html":
        assert response.status_code == 303
        assert [str(message) for message in get_messages(response.wsgi_request)] == [
            "The request body is larger than 1000 bytes."
        ]
    else:
        assert code_of(response, 413) == "too_large"
    assert stream.reads == 0


class GoneAway(io.RawIOBase):
    """A request's input whose client went away: reading it fails."""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        raise OSError("the client went away")


def test_a_body_that_cannot_be_read_is_a_400_and_flips_nothing(
    editor: User, cards: list[Card]
) -> None:
    """Once the CSRF check had failed to read it, Django took the form for an empty one:
    ``{}``, a flip."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    client.cookies["csrftoken"] = CHOSEN_TOKEN
    extra: dict[str, Any] = {"wsgi.input": GoneAway()}
    response = client.generic(
        "POST",
        toggle_url(cards[0]),
        b"",
        CONTENT_TYPE="application/x-www-form-urlencoded",
        CONTENT_LENGTH="10",
        HTTP_X_CSRFTOKEN=CHOSEN_TOKEN,
        **extra,
    )
    assert code_of(response, 400) == "bad_request"


@override_settings(ORDERKIT={"MAX_BODY_BYTES": 100})
def test_an_asgi_body_without_a_declared_length_is_judged_by_its_own(
    editor: User, cards: list[Card]
) -> None:
    """An ASGI server hands the body over whole, declared or not."""
    body = json.dumps({"value": True, "padding": "x" * 200}).encode()
    scope = {
        "type": "http",
        "method": "POST",
        "path": toggle_url(cards[0]),
        "query_string": b"",
        "headers": [(b"host", b"testserver"), (b"content-type", b"application/json")],
    }
    request = ASGIRequest(scope, io.BytesIO(body))
    request.user = editor
    request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
    response = toggle_view(request, cards[0])
    assert code_of(response, 413) == "too_large"


def test_a_form_parsed_before_the_view_is_read_as_it_was_parsed(
    editor: User, cards: list[Card]
) -> None:
    """A middleware that read ``request.POST`` of a multipart body has read its stream."""
    request = RequestFactory().post(toggle_url(cards[0]), {"value": "off"})
    assert request.POST["value"] == "off"
    request.user = editor
    request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
    response = toggle_view(request, cards[0])
    assert response.status_code == 200
    assert json.loads(response.content)["changed"] is False


def toggle_view(request: HttpRequest, card: Card) -> HttpResponse:
    """The toggle endpoint's view, called as Django's handler would call it."""
    view: Callable[..., HttpResponse] = ToggleView.as_view()
    return view(request, model="testapp.card", pk=str(card.pk), field="is_done")
