"""The change page: relations listed with detach and attach controls, outside the form."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from ponies.models import Pony, Stable, Tag


def pony_with_tags(stable: Stable) -> tuple[Pony, list[Tag]]:
    pony = stable.ponies.order_by("position").first()
    assert pony is not None
    tags = [Tag.objects.create(name=name) for name in ("brave", "calm", "shy")]
    pony.tags.add(tags[0], tags[1])
    return pony, tags


def test_the_change_page_lists_the_links_after_the_form(
    staff_client: Client, stable: Stable
) -> None:
    pony, tags = pony_with_tags(stable)
    html = staff_client.get(f"/admin/ponies/pony/{pony.pk}/change/").content.decode()
    panel = html[html.index("</form></div>") :]
    assert 'aria-label="Remove brave"' in panel
    assert 'aria-label="Remove calm"' in panel
    assert "data-orderkit-undo-url" in panel
    assert f'<option value="{tags[2].pk}">shy</option>' in panel
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
    client.force_login(watcher)
    html = client.get(f"/admin/ponies/pony/{pony.pk}/change/").content.decode()
    panel = html[html.index("orderkit-admin-links") :]
    assert panel.count(" disabled>") == 2
    assert 'data-orderkit="attach"' not in panel
    assert "data-orderkit-undo-url" not in panel
