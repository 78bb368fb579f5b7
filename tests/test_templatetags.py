"""``{% load orderkit %}``: the HTML contract of docs/client.md, per permission, and its forms."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.contrib.messages import add_message, constants
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django.template import Context, Template
from django.test import Client, RequestFactory, override_settings

from tests.helpers import edit_url, link_url, make_user, order_of, reorder_url, toggle_url
from tests.testapp.kits import CardKit
from tests.testapp.models import Board, Card, Chapter, Label

XSS = "<img src=x onerror=alert(1)>"


def page_request(user: User | AnonymousUser, path: str = "/cards/?page=2") -> HttpRequest:
    request = RequestFactory().get(path)
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def render(source: str, request: HttpRequest | None, **context: Any) -> str:
    if request is not None:
        context["request"] = request
    return Template("{% load orderkit %}" + source).render(Context(context))


class Forms(HTMLParser):
    """Each ``<form>`` of a page: its action and its fields, as a browser would post them."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self.forms.append({"action": found["action"], "fields": {}, "buttons": []})
        elif tag == "input" and self.forms:
            self.forms[-1]["fields"][found["name"]] = found["value"]
        elif tag == "button" and self.forms:
            self.forms[-1]["buttons"].append(found)


def forms_of(html: str) -> list[dict[str, Any]]:
    parser = Forms()
    parser.feed(html)
    return parser.forms


@pytest.fixture
def card(board: Board, labels: list[Label]) -> Card:
    card = Card.objects.create(title="card", board=board)
    card.labels.add(labels[0])
    return card


def test_assets_point_at_the_built_files_and_the_csrf_header() -> None:
    html = render("{% orderkit_css %}{% orderkit_script %}", None)
    assert '<link rel="stylesheet" href="/static/orderkit/orderkit.css">' in html
    assert 'src="/static/orderkit/orderkit.js" defer' in html
    assert 'data-orderkit-csrf-header="X-CSRFTOKEN"' in html
    assert 'data-orderkit-csrf-cookie="csrftoken"' in html


@override_settings(CSRF_HEADER_NAME="HTTP_X_XSRF_TOKEN", CSRF_COOKIE_NAME="xsrf")
def test_script_follows_the_csrf_settings() -> None:
    html = render("{% orderkit_script %}", None)
    assert 'data-orderkit-csrf-header="X-XSRF-TOKEN"' in html
    assert 'data-orderkit-csrf-cookie="xsrf"' in html


def test_editor_gets_a_sortable_container_with_handles(editor: User, card: Card) -> None:
    request = page_request(editor)
    html = render(
        "<ol {% orderkit_sortable rows %}><li {% orderkit_item card %}>"
        "{% orderkit_handle card %}</li></ol>",
        request,
        rows=Card.objects.all(),
        card=card,
    )
    assert f'<ol data-orderkit="sortable" data-url="{reorder_url()}">' in html
    assert f'<li data-orderkit-item data-pk="{card.pk}" data-orderkit-label="card">' in html
    assert (
        '<button type="button" class="orderkit-handle" data-orderkit-handle '
        'aria-label="Move card">⠿</button>'
    ) in html


@pytest.mark.parametrize("who", ["anonymous", "viewer"])
def test_callers_who_may_not_reorder_get_no_sortable_and_no_handle(
    who: str, viewer: User, card: Card
) -> None:
    user = AnonymousUser() if who == "anonymous" else viewer
    html = render(
        "<ol {% orderkit_sortable cards %}>{% orderkit_handle card %}</ol>",
        page_request(user),
        cards=Card.objects.all(),
        card=card,
    )
    assert html == "<ol ></ol>"


def test_object_permission_removes_single_handles(
    editor: User, board: Board, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = (Card.objects.create(title=t, board=board) for t in ("mine", "theirs"))

    def only_mine(self: CardKit, request: Any, action: Any, obj: Any = None) -> bool:
        return obj is None or obj.title == "mine"

    monkeypatch.setattr(CardKit, "has_permission", only_mine)
    html = render(
        "{% orderkit_handle mine %}|{% orderkit_handle theirs %}",
        page_request(editor),
        mine=mine,
        theirs=theirs,
    )
    handle, nothing = html.split("|")
    assert "data-orderkit-handle" in handle
    assert nothing == ""


def test_toggle_is_a_form_with_a_pressed_button(editor: User, card: Card) -> None:
    html = render("{% orderkit_toggle card 'is_done' %}", page_request(editor), card=card)
    (form,) = forms_of(html)
    assert form["action"] == toggle_url(card)
    assert set(form["fields"]) == {"csrfmiddlewaretoken", "next"}
    assert form["fields"]["next"] == "/cards/?page=2"
    (button,) = form["buttons"]
    assert button == {
        "type": "submit",
        "class": "orderkit-toggle",
        "data-orderkit": "toggle",
        "data-url": toggle_url(card),
        "data-pk": str(card.pk),
        "aria-pressed": "false",
    }
    assert ">Is done</button>" in html


def test_toggle_label_can_be_given(editor: User, card: Card) -> None:
    card.is_done = True
    html = render("{% orderkit_toggle card 'is_done' 'Done' %}", page_request(editor), card=card)
    assert 'aria-pressed="true">Done</button>' in html


@pytest.mark.parametrize("who", ["anonymous", "viewer"])
def test_toggle_is_disabled_for_callers_who_may_not_toggle(
    who: str, viewer: User, card: Card
) -> None:
    user = AnonymousUser() if who == "anonymous" else viewer
    html = render("{% orderkit_toggle card 'is_done' %}", page_request(user), card=card)
    assert 'aria-pressed="false" disabled>' in html


def test_toggle_needs_its_registered_permission(db: None) -> None:
    chapter = Chapter.objects.create(title="one")
    source = "{% orderkit_toggle chapter 'is_published' %}"
    without = make_user("without", "testapp.change_chapter")
    publisher = make_user("publisher", "testapp.change_chapter", "testapp.publish_chapter")
    assert " disabled>" in render(source, page_request(without), chapter=chapter)
    assert " disabled>" not in render(source, page_request(publisher), chapter=chapter)


def test_links_show_chips_with_detach_forms_and_an_attach_form(
    editor: User, card: Card, labels: list[Label]
) -> None:
    red, green, _secret = labels
    html = render("{% orderkit_links card 'labels' %}", page_request(editor), card=card)
    assert html.startswith('<ul class="orderkit-links" data-orderkit-links>')
    detach, attach, template = forms_of(html)
    assert detach["action"] == link_url("detach", card)
    assert detach["fields"]["pk"] == str(red.pk)
    assert detach["buttons"][0]["data-orderkit-undo-url"] == link_url("attach", card)
    assert detach["buttons"][0]["aria-label"] == "Remove red"
    assert attach["action"] == link_url("attach", card)
    (add,) = attach["buttons"]
    assert add["data-orderkit"] == "attach"
    assert add["data-orderkit-chip"] == "testapp.card:labels"
    assert add["data-orderkit-detach-url"] == link_url("detach", card)
    # The candidates: related_queryset (no "secret") minus what is linked already.
    assert f'<option value="{green.pk}">green</option>' in html
    assert f'value="{red.pk}">red</option>' not in html
    assert "secret" not in html
    # One chip template with empty slots, which the client fills in for what it attaches.
    assert (
        '</ul><template data-orderkit-chip="testapp.card:labels"><li class="orderkit-chip"' in html
    )
    assert template["action"] == ""
    assert template["fields"]["pk"] == ""
    assert set(template["fields"]) == {"csrfmiddlewaretoken", "next", "pk"}
    (remove,) = template["buttons"]
    assert (remove["data-url"], remove["data-pk"]) == ("", "")
    assert remove["aria-label"] == "Remove %(related)s"
    assert "data-orderkit-undo-url" not in remove


def test_a_page_holds_one_chip_template_per_relation(
    editor: User, board: Board, labels: list[Label]
) -> None:
    rows = [Card.objects.create(title=f"c{i}", board=board) for i in range(5)]
    for row in rows:
        row.labels.add(labels[0])
    html = render(
        "{% for c in rows %}{% orderkit_links c 'labels' %}{% endfor %}"
        "{% for c in rows %}{% orderkit_links c 'labels' %}{% endfor %}",
        page_request(editor),
        rows=rows,
    )
    assert html.count("<template") == 1
    # Per row and listing: one detach form and one attach form; then the template's.
    assert len(forms_of(html)) == 2 * 5 * 2 + 1


def test_a_chip_template_rides_along_included_templates(
    editor: User, board: Board, labels: list[Label]
) -> None:
    rows = [Card.objects.create(title=f"c{i}", board=board) for i in range(3)]
    engine = Template("{% load orderkit %}{% orderkit_links c 'labels' %}").engine
    row = engine.from_string("{% load orderkit %}{% orderkit_links c 'labels' %}")
    html = render(
        "{% for c in rows %}{% include row %}{% endfor %}",
        page_request(editor),
        rows=rows,
        row=row,
    )
    assert html.count("<template") == 1


def test_who_may_attach_but_not_detach_gets_chips_that_cannot_detach(
    editor: User, card: Card, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_detach(self: CardKit, request: Any, action: str, obj: Any = None) -> bool:
        return action != "detach"

    monkeypatch.setattr(CardKit, "has_permission", no_detach)
    html = render("{% orderkit_links card 'labels' %}", page_request(editor), card=card)
    detach, attach, _template = forms_of(html)
    assert "disabled" in detach["buttons"][0]
    (add,) = attach["buttons"]
    assert "data-orderkit-detach-url" not in add
    assert add["data-orderkit-chip"] == "testapp.card:labels"


def test_viewer_sees_links_without_buttons_that_work(viewer: User, card: Card) -> None:
    html = render("{% orderkit_links card 'labels' %}", page_request(viewer), card=card)
    (detach,) = forms_of(html)
    (button,) = detach["buttons"]
    assert "disabled" in button
    assert "data-orderkit-undo-url" not in button
    assert "data-orderkit-attach" not in html


def test_detach_alone_takes_a_label(editor: User, card: Card, labels: list[Label]) -> None:
    html = render(
        "{% orderkit_detach card 'labels' red 'Remove' %}",
        page_request(editor),
        card=card,
        red=labels[0],
    )
    assert ">Remove</button></form>" in html


def test_attach_candidates_are_read_once_per_render(
    editor: User, board: Board, labels: list[Label], django_assert_num_queries: Any
) -> None:
    many = [Card.objects.create(title=f"c{i}", board=board) for i in range(5)]
    rows = list(Card.objects.filter(pk__in=[c.pk for c in many]).prefetch_related("labels"))
    request = page_request(editor)
    request.user.has_perm("testapp.change_card")  # the permission cache, as in a real page
    with django_assert_num_queries(1):
        render(
            "{% for c in rows %}{% orderkit_links c 'labels' %}{% endfor %}",
            request,
            rows=rows,
        )


def test_edit_is_a_form_with_the_value_in_an_input(editor: User, card: Card) -> None:
    html = render("{% orderkit_edit card 'title' %}", page_request(editor), card=card)
    (form,) = forms_of(html)
    assert form["action"] == edit_url(card)
    assert form["fields"] == {
        "csrfmiddlewaretoken": form["fields"]["csrfmiddlewaretoken"],
        "next": "/cards/?page=2",
        "value": "card",
    }
    assert (
        f'class="orderkit-form" data-orderkit="edit" data-url="{edit_url(card)}" '
        f'data-pk="{card.pk}">'
    ) in html
    assert (
        '<input type="text" name="value" value="card" class="orderkit-edit-input" '
        'aria-label="Title of card" maxlength="100">'
        '<button type="submit" class="orderkit-edit-save">Save</button>'
    ) in html


def test_edit_label_can_be_given(editor: User, card: Card) -> None:
    html = render("{% orderkit_edit card 'title' 'Rename' %}", page_request(editor), card=card)
    assert 'aria-label="Rename"' in html


def test_edit_is_the_plain_value_for_callers_who_may_not_edit(viewer: User, board: Board) -> None:
    evil = Card.objects.create(title=XSS, board=board)
    plain = '<span class="orderkit-edit-value">&lt;img src=x onerror=alert(1)&gt;</span>'
    for user in (AnonymousUser(), viewer):
        assert render("{% orderkit_edit evil 'title' %}", page_request(user), evil=evil) == plain


def test_names_are_escaped_everywhere(editor: User, board: Board) -> None:
    evil = Card.objects.create(title=XSS, board=board)
    label = Label.objects.create(name=XSS)
    evil.labels.add(label)
    html = render(
        "<li {% orderkit_item evil %}>{% orderkit_handle evil %}"
        "{% orderkit_toggle evil 'is_done' label %}{% orderkit_links evil 'labels' %}"
        "{% orderkit_edit evil 'title' %}</li>",
        page_request(editor),
        evil=evil,
        label=XSS,
    )
    assert "<img" not in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") >= 7


def test_messages_region_holds_pending_messages_as_text(editor: User) -> None:
    request = page_request(editor)
    add_message(request, constants.ERROR, XSS)
    add_message(request, constants.SUCCESS, "Saved.")
    html = render("{% orderkit_messages %}", request)
    assert html == (
        '<div class="orderkit-messages" data-orderkit-messages role="status" '
        'aria-live="polite">'
        '<p class="orderkit-message orderkit-message--error">'
        "&lt;img src=x onerror=alert(1)&gt;</p>"
        '<p class="orderkit-message orderkit-message--success">Saved.</p></div>'
    )


@pytest.mark.parametrize(
    ("source", "match"),
    [
        ("{% orderkit_sortable boards %}", "testapp.Board is not registered with orderkit"),
        ("{% orderkit_sortable labels %}", "testapp.Label is registered without order_field"),
        ("{% orderkit_toggle card 'is_hidden' %}", "testapp.Card.is_hidden is not a registered"),
        ("{% orderkit_links card 'owner' %}", "testapp.Card.owner is not a registered relation"),
        ("{% orderkit_edit card 'owner' %}", "testapp.Card.owner is not a registered editable"),
    ],
)
def test_misuse_is_named(source: str, match: str, editor: User, card: Card) -> None:
    context = {"boards": Board.objects.all(), "labels": Label.objects.all(), "card": card}
    with pytest.raises(ImproperlyConfigured, match=match):
        render(source, page_request(editor), **context)


def test_tags_that_check_permissions_need_the_request(card: Card) -> None:
    with pytest.raises(ImproperlyConfigured, match=r"context_processors\.request"):
        render("{% orderkit_handle card %}", None, card=card)


def post_rendered_form(client: Client, form: dict[str, Any], **extra: Any) -> Any:
    return client.post(form["action"], form["fields"], HTTP_ACCEPT="text/html", **extra)


def test_rendered_forms_work_without_javascript(
    client: Client, editor: User, card: Card, labels: list[Label]
) -> None:
    client.force_login(editor)
    request = page_request(editor, "/board/")
    toggle = forms_of(render("{% orderkit_toggle card 'is_done' %}", request, card=card))[0]
    links = forms_of(render("{% orderkit_links card 'labels' %}", request, card=card))
    detach, attach = links[0], links[1]

    response = post_rendered_form(client, toggle)
    assert (response.status_code, response["Location"]) == (303, "/board/")
    assert Card.objects.get(pk=card.pk).is_done is True

    edit = forms_of(render("{% orderkit_edit card 'title' %}", request, card=card))[0]
    post_rendered_form(client, {**edit, "fields": {**edit["fields"], "value": "renamed"}})
    assert Card.objects.get(pk=card.pk).title == "renamed"

    post_rendered_form(client, detach)
    assert list(card.labels.all()) == []
    post_rendered_form(client, {**attach, "fields": {**attach["fields"], "pk": labels[1].pk}})
    assert list(card.labels.all()) == [labels[1]]
    assert order_of(card.board) == ["renamed"]
