"""The change list: handles, switches, who sees what, and what a page load costs."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import include, path

from ponies.admin import PonyAdmin
from ponies.models import Pony, Stable
from tests.admin.helpers import changelist_url

plain_site = admin.AdminSite(name="plain")


@admin.register(Pony, site=plain_site)
class PlainPonyAdmin(admin.ModelAdmin[Pony]):
    """The demo's PonyAdmin without orderkit."""

    list_display = PonyAdmin.list_display
    list_filter = PonyAdmin.list_filter
    search_fields = PonyAdmin.search_fields
    list_per_page = PonyAdmin.list_per_page


urlpatterns = [
    path("plain/", plain_site.urls),
    path("admin/", admin.site.urls),
    path("orderkit/", include("orderkit.urls")),
]


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_filtered_list_has_handles_and_switches(staff_client: Client, stable: Stable) -> None:
    html = page(staff_client, changelist_url(stable))
    assert html.count('class="drag handle"') == 5
    assert html.count('data-orderkit="toggle"') == 5
    assert 'type="button" class="orderkit-toggle"' in html
    assert 'id="admin_sortable2_config"' in html
    assert "move_to_last_page" in html


def test_an_unfiltered_list_of_a_grouped_model_has_greyed_handles(
    staff_client: Client, stable: Stable
) -> None:
    html = page(staff_client, "/admin/ponies/pony/")
    assert 'class="drag handle"' not in html
    assert html.count('class="drag"') == 5
    assert "move_to_last_page" not in html


def test_a_list_sorted_by_a_column_has_greyed_handles(
    staff_client: Client, stable: Stable
) -> None:
    html = page(staff_client, changelist_url(stable, o="1"))
    assert 'class="drag handle"' not in html
    assert "move_to_last_page" not in html


def test_a_view_only_user_sees_no_handles_and_django_s_boolean_icons(
    client: Client, watcher: User, stable: Stable
) -> None:
    client.force_login(watcher)
    html = page(client, changelist_url(stable))
    assert 'class="drag' not in html
    assert "column-_reorder_" not in html
    assert 'data-orderkit="toggle"' not in html
    icons = re.findall(r'<td class="field-is_active"><img src="[^"]*/icon-(yes|no)\.svg"', html)
    active = stable.ponies.order_by("position")[:5].values_list("is_active", flat=True)
    assert icons == ["yes" if value else "no" for value in active]
    assert "move_to_last_page" not in html


def test_each_switch_is_named_after_its_row_and_shows_no_label(
    staff_client: Client, stable: Stable
) -> None:
    html = page(staff_client, changelist_url(stable))
    names = re.findall(r'class="orderkit-toggle"[^>]* aria-label="([^"]*)"[^>]*></button>', html)
    ponies = stable.ponies.order_by("position")[:5]
    assert names == [f"Is active: {pony.name}" for pony in ponies]


def test_the_page_number_boxes_of_the_move_actions_are_labelled(
    staff_client: Client, stable: Stable
) -> None:
    html = page(staff_client, changelist_url(stable))
    assert re.search(r'<input type="number" name="page"[^>]* aria-label="Page number"', html)
    assert re.search(r'<input type="number" name="step"[^>]* aria-label="Number of pages"', html)


def test_the_handle_is_never_the_row_link(staff_client: Client, stable: Stable) -> None:
    request = RequestFactory().get("/")
    request.user = User.objects.get(username="staff")
    model_admin = admin.site.get_model_admin(Pony)
    display = model_admin.get_list_display(request)
    model_admin.list_display_links = ()
    assert model_admin.get_list_display_links(request, display) == ["name"]
    del model_admin.list_display_links


def test_every_script_and_stylesheet_exists(staff_client: Client, stable: Stable) -> None:
    tags = str(admin.site.get_model_admin(Pony).media)
    names = re.findall(r'(?:src|href)="/static/([^"]+)"', tags)
    assert all(finders.find(name) for name in names), names
    assert "admin/js/actions.js" in names


@pytest.mark.urls("tests.admin.test_changelist")
@pytest.mark.parametrize("filtered", [True, False])
def test_a_page_load_costs_at_most_one_statement_more(
    client: Client, django_user_model: Any, stable: Stable, filtered: bool
) -> None:
    client.force_login(django_user_model.objects.create_superuser("root", "", "pw"))
    query = f"?stable__id__exact={stable.pk}" if filtered else ""
    counts = {}
    for prefix in ("plain", "admin"):
        client.get(f"/{prefix}/ponies/pony/{query}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/{prefix}/ponies/pony/{query}").status_code == 200
        counts[prefix] = len(queries)
    assert counts["admin"] - counts["plain"] <= 1, counts
