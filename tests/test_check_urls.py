"""``orderkit.E017``: orderkit's URLs are mounted, in the ``orderkit`` namespace."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib import admin
from django.core.checks import Tags, run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings
from django.urls import URLPattern, URLResolver, include, path

from orderkit.checks import check_urls
from tests.helpers import only

#: This module is a URLconf without orderkit's URLs.
urlpatterns: list[URLPattern | URLResolver] = [path("admin/", admin.site.urls)]

HINT = (
    'Add path("orderkit/", include("orderkit.urls")) to the urlpatterns of tests.test_check_urls.'
)


class MountedElsewhere:
    urlpatterns = [path("api/sorting/", include("orderkit.urls"))]


class MountedUnderAnInstanceNamespace:
    urlpatterns = [path("orderkit/", include("orderkit.urls", namespace="site-orderkit"))]


def test_the_projects_urls_pass() -> None:
    assert check_urls() == []


@override_settings(ROOT_URLCONF=__name__)
def test_urls_without_orderkit_are_e017() -> None:
    error = only(check_urls())
    assert error.id == "orderkit.E017"
    assert error.msg == (
        "orderkit's URLs are not mounted: the 'orderkit' namespace is not in "
        "tests.test_check_urls, so the template tags, the admin's switches and links, and the "
        "client have no endpoint to post to."
    )
    assert error.hint == HINT


@pytest.mark.parametrize("urlconf", [MountedElsewhere, MountedUnderAnInstanceNamespace])
def test_any_prefix_and_instance_namespace_pass(urlconf: type) -> None:
    with override_settings(ROOT_URLCONF=urlconf):
        assert check_urls() == []


@override_settings(ROOT_URLCONF=None)
def test_a_project_without_urlconf_is_left_to_django() -> None:
    assert check_urls() == []


@override_settings(ROOT_URLCONF=__name__)
def test_the_check_runs_with_the_urls_tag() -> None:
    assert [message.id for message in run_checks(tags=[Tags.urls])] == ["orderkit.E017"]
    assert "orderkit.E017" not in [message.id for message in run_checks(tags=[Tags.models])]


@override_settings(ROOT_URLCONF=__name__)
def test_check_command_reports_unmounted_urls() -> None:
    with pytest.raises(SystemCheckError) as raised:
        call_command("check", stdout=StringIO())
    assert "?: (orderkit.E017) orderkit's URLs are not mounted" in str(raised.value)
    assert f"HINT: {HINT}" in str(raised.value)
