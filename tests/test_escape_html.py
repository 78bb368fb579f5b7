"""``ORDERKIT["ESCAPE_HTML"]``: every JSON error body, the endpoints' and the form mixin's,
carries its messages as text (the default) or escaped as HTML."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from orderkit.exceptions import NotFound
from tests.helpers import PostJson, errors_of, toggle_url
from tests.testapp.models import Card

#: A message that holds HTML, and the same escaped.
NOTE = "<b>No</b> notes like that."
NOTE_ESCAPED = "&lt;b&gt;No&lt;/b&gt; notes like that."


@pytest.mark.parametrize(
    ("escape_html", "message"),
    [
        (False, "Unexpected field(s): <b>x</b>."),
        (True, "Unexpected field(s): &lt;b&gt;x&lt;/b&gt;."),
    ],
)
def test_endpoint_form_errors(
    post_json: PostJson, cards: list[Card], escape_html: bool, message: str
) -> None:
    with override_settings(ORDERKIT={"ESCAPE_HTML": escape_html}):
        response = post_json(toggle_url(cards[0]), {"<b>x</b>": 1})
    assert errors_of(response, 400)["__all__"] == [{"message": message, "code": "unexpected"}]
    assert not Card.objects.get(pk=cards[0].pk).is_done


@pytest.mark.parametrize(("escape_html", "message"), [(False, NOTE), (True, NOTE_ESCAPED)])
def test_form_mixin_errors(db: None, client: Client, escape_html: bool, message: str) -> None:
    with override_settings(ORDERKIT={"ESCAPE_HTML": escape_html}):
        response = client.post(
            reverse("note"), {"text": "<b>no</b>"}, HTTP_ACCEPT="application/json"
        )
    assert errors_of(response, 400) == {"__all__": [{"message": message, "code": "refused"}]}


@pytest.mark.parametrize(
    ("escape_html", "message"), [(False, "“<Card>” & co."), (True, "“&lt;Card&gt;” &amp; co.")]
)
def test_refusal_messages(escape_html: bool, message: str) -> None:
    error = NotFound("“<Card>” & co.")
    assert error.errors(escape_html=escape_html) == {
        "__all__": [{"message": message, "code": "not_found"}]
    }
