"""The change page: relations listed with detach and attach controls, outside the form."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.test import Client, RequestFactory

from orderkit.admin.autocomplete import autocomplete_widget
from orderkit.registry import registry
from ponies.models import Pony, Stable, Tag
from tests.testapp.models import Card, Label


def pony_with_tags(stable: Stable) -> tuple[Pony, list[Tag]]:
    pony = stable.ponies.order_by("position").first()
    assert pony is not None
    tags = [Tag.objects.create(name=name) for name in ("brave", "calm", "shy")]
    pony.tags.add(tags[0], tags[1])
    return pony, tags


def panel_of(client: Client, user: User, pony: Pony) -> str:
    """The relations panel of the pony's change page, as ``user`` sees it."""
    client.force_login(user)
    html = client.get(f"/admin/ponies/pony/{pony.pk}/change/").content.decode()
    return html[html.index("orderkit-admin-links") :]


def test_the_change_page_lists_the_links_after_the_form(
    staff_client: Client, stable: Stable
) -> None:
    """A user who may not view tags in the admin (its autocomplete would refuse them) gets
    a select of the candidates."""
    pony, tags = pony_with_tags(stable)
    html = staff_client.get(f"/admin/ponies/pony/{pony.pk}/change/").content.decode()
    panel = html[html.index("</form></div>") :]
    assert 'aria-label="Remove brave"' in panel
    assert 'aria-label="Remove calm"' in panel
    assert "data-orderkit-undo-url" in panel
    assert f'<option value="{tags[2].pk}">shy</option>' in panel
    assert "admin-autocomplete" not in html
    form = html[: html.index("</form></div>")]
    assert 'name="tags"' not in form
    assert 'name="position"' not in form
    assert 'name="is_active"' in form


def test_the_add_page_keeps_the_relations_and_places_the_row_last(
    client: Client, root: User, stable: Stable
) -> None:
    staff_client = client
    staff_client.force_login(root)
    html = staff_client.get("/admin/ponies/pony/add/").content.decode()
    assert 'name="tags"' in html
    assert 'name="position"' not in html
    assert "orderkit-admin-links" not in html
    response = staff_client.post(
        "/admin/ponies/pony/add/", {"name": "new", "stable": stable.pk, "is_active": "on"}
    )
    assert response.status_code == 302
    assert Pony.objects.get(name="new").position == 10


def test_saving_the_form_leaves_the_links_alone(staff_client: Client, stable: Stable) -> None:
    pony, tags = pony_with_tags(stable)
    response = staff_client.post(
        f"/admin/ponies/pony/{pony.pk}/change/",
        {"name": "renamed", "stable": stable.pk, "is_active": "on"},
    )
    assert response.status_code == 302
    pony.refresh_from_db()
    assert pony.name == "renamed"
    assert pony.position == 0
    assert set(pony.tags.all()) == {tags[0], tags[1]}


def test_a_view_only_user_gets_disabled_detach_buttons_and_no_attach_form(
    client: Client, watcher: User, stable: Stable
) -> None:
    pony, _ = pony_with_tags(stable)
    panel = panel_of(client, watcher, pony)
    assert panel.count(" disabled>") == 2
    assert 'data-orderkit="attach"' not in panel
    assert "data-orderkit-undo-url" not in panel


def test_the_attach_control_is_the_admins_autocomplete_when_the_tags_admin_searches(
    client: Client, root: User, stable: Stable
) -> None:
    pony, _ = pony_with_tags(stable)
    panel = panel_of(client, root, pony)
    select = panel[panel.index('<select name="pk"') : panel.index("</select>")]
    assert 'class="admin-autocomplete"' in select
    assert 'data-field-name="tags"' in select
    assert 'data-model-name="pony"' in select
    assert 'data-placeholder="Add…"' in select
    assert select.count("<option") == 1
    assert (
        "admin/js/autocomplete.js"
        in client.get(f"/admin/ponies/pony/{pony.pk}/change/").content.decode()
    )
    search = client.get(
        "/admin/autocomplete/",
        {"app_label": "ponies", "model_name": "pony", "field_name": "tags", "term": "sh"},
    )
    assert [found["text"] for found in search.json()["results"]] == ["shy"]


@pytest.mark.parametrize(
    ("model", "relation"),
    [(Card, "labels"), (Label, "cards"), (Pony, "tags")],
    ids=["a related model without an admin", "a reverse relation", "an admin without search"],
)
def test_no_autocomplete_where_the_admin_has_none(
    root: User, monkeypatch: pytest.MonkeyPatch, model: type, relation: str
) -> None:
    monkeypatch.setattr(admin.site.get_model_admin(Tag), "search_fields", [])
    request = RequestFactory().get("/")
    request.user = root
    kit = registry.get(model, "attach", relation)
    assert autocomplete_widget(admin.site, request, kit, relation) is None
