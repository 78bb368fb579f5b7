"""The change list: handles, switches, who sees what, and what a page load costs."""

from __future__ import annotations

import re

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
from tests.admin.helpers import changelist_url, refuse_to_change

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
    assert html.count('<button type="button" class="orderkit-handle" data-orderkit-handle') == 5
    assert html.count("data-orderkit-row data-orderkit-item") == 5
    assert '<span hidden data-orderkit-changelist data-url="/admin/ponies/pony/' in html
    assert html.count('data-orderkit="toggle"') == 5
    assert 'type="button" class="orderkit-toggle"' in html
    assert "admin_sortable2_config" not in html
    assert "orderkit-sorting-off" not in html
    assert "move_to_last_page" in html
    assert 'aria-label="Page to move to"' in html
    assert 'aria-label="Number of pages to move by"' in html


def test_an_unfiltered_list_of_a_grouped_model_is_sortable_within_each_group(
    staff_client: Client, stable: Stable
) -> None:
    other = Stable.objects.create(name="Other")
    Pony.objects.create(name="stranger", stable=other)
    html = page(staff_client, "/admin/ponies/pony/?all=")
    assert html.count("data-orderkit-handle") == 11
    assert html.count(f'data-orderkit-group="[{stable.pk}]"') == 10
    assert html.count(f'data-orderkit-group="[{other.pk}]"') == 1
    # Page moves need one group.
    assert "move_to_last_page" not in html


@pytest.mark.parametrize(
    ("query", "line"),
    [
        ("o=1", 'sorted by a column. <a href="?stable__id__exact={pk}">Remove the column'),
        ("q=pony", 'shows search results. <a href="?stable__id__exact={pk}">Clear the search'),
    ],
)
def test_a_list_sorted_otherwise_says_why_and_how_to_sort_again(
    staff_client: Client, stable: Stable, query: str, line: str
) -> None:
    html = page(staff_client, f"{changelist_url(stable)}&{query}")
    assert "data-orderkit-handle" not in html
    assert "data-orderkit-changelist" not in html
    assert '<p class="orderkit-sorting-off">Sorting by dragging is off while the list ' in html
    assert line.format(pk=stable.pk) in html
    assert html.count('class="orderkit-handle orderkit-handle--off" title="Sorting by') == 5
    assert "move_to_last_page" not in html


def test_a_list_ordered_otherwise_says_so(
    staff_client: Client, stable: Stable, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PonyAdmin, "ordering", ["name"])
    html = page(staff_client, changelist_url(stable))
    assert "this list is not ordered by Position. Its admin&#x27;s ordering must start" in html
    assert "data-orderkit-handle" not in html


def test_a_list_of_several_groups_not_ordered_by_group_says_to_filter(
    staff_client: Client, stable: Stable, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PonyAdmin, "ordering", ["position"])
    html = page(staff_client, "/admin/ponies/pony/")
    assert "mixes several groups. Filter the list by one stable to turn it on." in html
    assert "data-orderkit-handle" in page(staff_client, changelist_url(stable))


def test_a_row_that_the_admin_may_not_change_has_no_handle(
    staff_client: Client, stable: Stable, monkeypatch: pytest.MonkeyPatch
) -> None:
    refused = stable.ponies.order_by("position")[0]
    refuse_to_change(monkeypatch, refused)
    html = page(staff_client, changelist_url(stable))
    assert html.count("data-orderkit-row data-orderkit-item") == 5
    assert html.count("data-orderkit-handle") == 4
    assert f'aria-label="Move {refused.name}"' not in html


def test_a_descending_list_tells_the_script(
    staff_client: Client, stable: Stable, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PonyAdmin, "ordering", ["stable", "-position"])
    html = page(staff_client, changelist_url(stable))
    assert "data-orderkit-changelist" in html
    assert "data-orderkit-reversed" in html


def test_an_admin_that_turns_sorting_off_says_so(
    staff_client: Client, stable: Stable, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PonyAdmin, "orderkit_sortable", lambda self, request: False)
    html = page(staff_client, changelist_url(stable))
    assert '<p class="orderkit-sorting-off">Sorting by dragging is off on this page.</p>' in html


def test_a_view_only_user_sees_no_handles_and_django_s_boolean_icons(
    client: Client, watcher: User, stable: Stable
) -> None:
    client.force_login(watcher)
    html = page(client, changelist_url(stable))
    assert "orderkit-handle" not in html
    assert "column-_reorder_" not in html
    assert "orderkit-sorting-off" not in html
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
    assert re.search(r'<input type="number" name="page"[^>]* aria-label="Page to move to"', html)
    assert re.search(
        r'<input type="number" name="step"[^>]* aria-label="Number of pages to move by"', html
    )


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
@pytest.mark.parametrize("who", ["root", "staff"])
def test_a_page_load_costs_at_most_one_statement_more(
    client: Client, stable: Stable, root: User, staff: User, filtered: bool, who: str
) -> None:
    client.force_login(root if who == "root" else staff)
    query = f"?stable__id__exact={stable.pk}" if filtered else "?all="
    counts = {}
    for prefix in ("plain", "admin"):
        client.get(f"/{prefix}/ponies/pony/{query}")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/{prefix}/ponies/pony/{query}").status_code == 200
        counts[prefix] = len(queries)
    assert counts["admin"] - counts["plain"] <= 1, counts
