"""The demo project's app (demo/ponies): seeding, the stables page, the API on seeded data."""

from __future__ import annotations

import json
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Max
from django.test import Client
from django.urls import reverse

from ponies.models import Pony, PonyTag, Stable, Tag


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> list[tuple[int, str, int | None]]:
    return list(Pony.objects.order_by("pk").values_list("stable_id", "name", "position"))


@pytest.fixture
def seeded(db: None) -> str:
    return seed()


def test_seed_makes_the_default_world(seeded: str) -> None:
    assert Stable.objects.count() == 3
    assert {s.n for s in Stable.objects.annotate(n=Count("ponies"))} == {10}
    assert Tag.objects.count() == 6
    assert Pony.tags.through.objects.exists()
    # Each tagged pony's tags are in order, 0 and 1 (the seed gives PonyTag its positions).
    tagged = PonyTag.objects.values("pony").annotate(n=Count("pk"), top=Max("position"))
    assert {(row["n"], row["top"]) for row in tagged} == {(2, 1)}
    assert not PonyTag.objects.filter(position__isnull=True).exists()
    assert User.objects.get(username="admin").check_password("admin")
    assert "local demo only" in seeded


def test_seed_is_idempotent(seeded: str) -> None:
    before = snapshot()
    links = Pony.tags.through.objects.count()
    output = seed()
    assert snapshot() == before
    assert Pony.tags.through.objects.count() == links
    assert "already exists" in output


def test_seed_grows_to_larger_numbers(seeded: str) -> None:
    seed("--stables", "4", "--ponies", "25")
    assert Stable.objects.count() == 4
    assert {s.n for s in Stable.objects.annotate(n=Count("ponies"))} == {25}


def test_seeded_positions_are_dense_per_stable(seeded: str) -> None:
    seed("--ponies", "12")
    for stable in Stable.objects.all():
        positions = list(stable.ponies.order_by("position").values_list("position", flat=True))
        assert positions == list(range(12))


@pytest.mark.django_db
@pytest.mark.parametrize("args", [("--stables", "0"), ("--ponies", "-1")])
def test_seed_refuses_bad_numbers(args: tuple[str, str]) -> None:
    with pytest.raises(CommandError, match="at least"):
        seed(*args)


def test_home_lists_ponies_in_order_and_escapes_names(seeded: str, client: Client) -> None:
    stable = Stable.objects.get(name="Stable 1")
    Pony.objects.create(name="<img src=x onerror=alert(1)>", stable=stable)
    first = stable.ponies.order_by("position")[0]
    Pony.objects.filter(pk=first.pk).update(position=999)
    html = client.get("/").content.decode()
    names = [p.name for p in stable.ponies.order_by("position") if "<" not in p.name]
    offsets = [html.index(f'<span class="orderkit-edit-value">{name}</span>') for name in names]
    assert offsets == sorted(offsets)
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_home_gives_the_admin_every_control(seeded: str, client: Client) -> None:
    client.login(username="admin", password="admin")
    html = client.get("/").content.decode()
    # A sortable list per stable, and per pony its tags, in the order of their PonyTag rows.
    assert html.count('data-orderkit="sortable"') == Stable.objects.count() + Pony.objects.count()
    # A handle per pony and per tag, and one in the tags' chip template.
    handles = Pony.objects.count() + PonyTag.objects.count() + 1
    assert html.count("data-orderkit-handle") == handles
    assert html.count('data-orderkit="toggle"') == Pony.objects.count()
    assert html.count('data-orderkit="edit"') == Pony.objects.count()
    assert html.count('class="pony-page"') == Pony.objects.count()
    assert html.count('data-orderkit="detach"') >= Pony.tags.through.objects.count()
    assert " disabled" not in html
    assert 'src="/static/orderkit/orderkit.js"' in html


def test_home_shows_anonymous_visitors_no_working_controls(seeded: str, client: Client) -> None:
    html = client.get("/").content.decode()
    assert 'data-orderkit="sortable"' not in html
    assert "data-orderkit-handle" not in html
    assert 'data-orderkit="edit"' not in html
    assert 'class="pony-page"' not in html
    assert (
        html.count('aria-pressed="true" disabled') + html.count('aria-pressed="false" disabled')
        == Pony.objects.count()
    )


def test_home_costs_the_same_queries_at_any_size(
    seeded: str, client: Client, django_assert_num_queries: Any
) -> None:
    client.login(username="admin", password="admin")
    client.get("/")
    with django_assert_num_queries(6) as small:
        client.get("/")
    seed("--stables", "5", "--ponies", "30")
    with django_assert_num_queries(len(small.captured_queries)):
        client.get("/")


def test_admin_can_use_every_endpoint_on_seeded_ponies(seeded: str, client: Client) -> None:
    client.login(username="admin", password="admin")
    ponies = list(Pony.objects.filter(stable__name="Stable 1").order_by("position"))

    def post(url: str, body: dict[str, object]) -> dict[str, object]:
        response = client.post(url, json.dumps(body), content_type="application/json")
        assert response.status_code == 200, response.content
        return dict(response.json())

    moved = post(
        reverse("orderkit:reorder", args=["ponies.pony"]), {"pk": ponies[9].pk, "to": "first"}
    )
    assert moved["positions"] == {str(ponies[9].pk): 0}
    toggled = post(reverse("orderkit:toggle", args=["ponies.pony", ponies[0].pk, "is_active"]), {})
    assert toggled["value"] is not ponies[0].is_active
    tag = ponies[0].tags.all()[0]
    detached = post(
        reverse("orderkit:detach", args=["ponies.pony", ponies[0].pk, "tags"]), {"pk": tag.pk}
    )
    assert detached == {
        "changed": True,
        "pk": str(ponies[0].pk),
        "relation": "tags",
        "related_pk": str(tag.pk),
    }
    renamed = post(
        reverse("orderkit:edit", args=["ponies.pony", ponies[0].pk, "name"]), {"value": "Zed"}
    )
    assert renamed["value"] == "Zed"
    twin = post_json(
        client, reverse("orderkit:edit", args=["ponies.pony", ponies[1].pk, "name"]), "Zed"
    )
    assert twin.status_code == 400
    assert twin.json()["errors"]["value"][0]["code"] == "unique"


def post_json(client: Client, url: str, value: str) -> Any:
    return client.post(url, json.dumps({"value": value}), content_type="application/json")
