"""Ordered many-to-many: a relation whose through model is a kit grouped by its owner
(``Playlist.songs`` through ``Track``). Attach puts the new link last, detach leaves the
rest in order, the reorder endpoint orders the links, and reordering asks the through
kit's permission and the owner's."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db.models import Prefetch
from django.db.models.signals import m2m_changed
from django.template import Context, Template
from django.test import Client, RequestFactory

from orderkit import operations
from orderkit.registry import registry
from tests.helpers import PostJson, Register, code_of, link_url, make_user, reorder_url
from tests.testapp.models import Card, Oddity, Playlist, Song, Track

ORDERER = ("testapp.change_playlist", "testapp.change_track")


@pytest.fixture
def songs(db: None) -> list[Song]:
    return [Song.objects.create(title=title) for title in ("a", "b", "c", "d")]


@pytest.fixture
def playlist(songs: list[Song]) -> Playlist:
    playlist = Playlist.objects.create(name="mix")
    for song in songs[:3]:
        Track.objects.create(playlist=playlist, song=song)
    return playlist


@pytest.fixture
def orderer(db: None) -> User:
    return make_user("orderer", *ORDERER)


@pytest.fixture
def as_orderer(client: Client, orderer: User) -> Client:
    client.force_login(orderer)
    return client


def titles(playlist: Playlist) -> list[str]:
    tracks = Track.objects.filter(playlist=playlist).order_by("position", "pk")
    return [track.song.title for track in tracks]


def positions(playlist: Playlist) -> list[int | None]:
    tracks = Track.objects.filter(playlist=playlist).order_by("position", "pk")
    return list(tracks.values_list("position", flat=True))


def track(playlist: Playlist, song: Song) -> Track:
    return Track.objects.get(playlist=playlist, song=song)


def test_the_through_kit_orders_the_links_of_the_owners_relation() -> None:
    order = registry.link_order(registry.get(Playlist), "songs")
    assert order is not None
    assert (order.kit, order.owner, order.related) == (registry.get(Track), "playlist", "song")
    assert registry.links_owner(registry.get(Track)) == (registry.get(Playlist), order)
    assert registry.link_order(registry.get(Card), "labels") is None
    assert registry.links_owner(registry.get(Card)) is None


def test_links_are_in_the_through_kits_order_only_from_the_owner_it_is_grouped_by(
    register: Register,
) -> None:
    song_kit = register(Song, relations=("playlists",))
    assert song_kit.through_fields("playlists") == (Track, "song", "playlist")
    assert registry.link_order(song_kit, "playlists") is None
    register(Oddity, relations=("nothing", "labels"))
    assert registry.links_owner(registry.get(Track)) is not None


def test_attach_puts_the_new_link_last(
    post_json: PostJson, as_orderer: Client, playlist: Playlist, songs: list[Song]
) -> None:
    url = link_url("attach", playlist, "songs")
    response = post_json(url, {"pk": songs[3].pk}, client=as_orderer)
    assert response.status_code == 200, response.content
    assert response.json()["link_pk"] == str(track(playlist, songs[3]).pk)
    assert titles(playlist) == ["a", "b", "c", "d"]
    assert positions(playlist) == [0, 1, 2, 3]


def test_attach_from_python_goes_last_and_sends_m2m_changed(
    playlist: Playlist, songs: list[Song]
) -> None:
    seen: list[str] = []

    def receiver(action: str, **kwargs: Any) -> None:
        seen.append(action)

    m2m_changed.connect(receiver, sender=Track)
    try:
        operations.move(registry.get(Track), track(playlist, songs[2]), to="first")
        result = operations.attach(registry.get(Playlist), playlist, "songs", songs[3])
    finally:
        m2m_changed.disconnect(receiver, sender=Track)
    assert result.changed is True
    assert seen == ["pre_add", "post_add"]
    assert titles(playlist) == ["c", "a", "b", "d"]


def test_attach_to_an_owner_without_links_starts_at_zero(songs: list[Song]) -> None:
    empty = Playlist.objects.create(name="empty")
    operations.attach(registry.get(Playlist), empty, "songs", songs[1])
    assert positions(empty) == [0]


def test_detach_closes_the_gap_in_a_dense_order(
    post_json: PostJson, as_orderer: Client, playlist: Playlist, songs: list[Song]
) -> None:
    other = Playlist.objects.create(name="other")
    Track.objects.create(playlist=other, song=songs[1])
    Track.objects.create(playlist=other, song=songs[3])
    response = post_json(
        link_url("detach", playlist, "songs"), {"pk": songs[0].pk}, client=as_orderer
    )
    assert response.status_code == 200, response.content
    assert titles(playlist) == ["b", "c"]
    assert positions(playlist) == [0, 1]
    assert positions(other) == [0, 1], "another owner's links are left alone"


def test_detach_in_a_sparse_order_keeps_the_rest_in_order_with_a_gap(
    monkeypatch: pytest.MonkeyPatch, songs: list[Song]
) -> None:
    monkeypatch.setattr(registry.get(Track), "spacing", 8)
    playlist = Playlist.objects.create(name="sparse")
    for song in songs:
        operations.attach(registry.get(Playlist), playlist, "songs", song)
    assert positions(playlist) == [0, 8, 16, 24]
    operations.detach(registry.get(Playlist), playlist, "songs", songs[1])
    assert titles(playlist) == ["a", "c", "d"]
    assert positions(playlist) == [0, 16, 24]


def test_the_reorder_endpoint_orders_the_links(
    post_json: PostJson, as_orderer: Client, playlist: Playlist, songs: list[Song]
) -> None:
    body = {"pk": track(playlist, songs[2]).pk, "before": track(playlist, songs[0]).pk}
    response = post_json(reorder_url("testapp.track"), body, client=as_orderer)
    assert response.status_code == 200, response.content
    assert titles(playlist) == ["c", "a", "b"]
    assert [song.title for song in playlist.songs.order_by("track__position")] == ["c", "a", "b"]


def test_links_of_two_owners_cannot_be_ordered_together(
    post_json: PostJson, as_orderer: Client, playlist: Playlist, songs: list[Song]
) -> None:
    other = Playlist.objects.create(name="other")
    stranger = Track.objects.create(playlist=other, song=songs[3])
    body = {"pk": track(playlist, songs[0]).pk, "after": stranger.pk}
    response = post_json(reorder_url("testapp.track"), body, client=as_orderer)
    assert code_of(response, 400, "after") == "other_group"
    assert titles(playlist) == ["a", "b", "c"]


@pytest.mark.parametrize(
    "perms",
    [("testapp.change_playlist",), ("testapp.change_track",)],
    ids=["without the through kit's permission", "without the owner's permission"],
)
def test_reordering_links_is_refused_without_both_permissions(
    post_json: PostJson,
    client: Client,
    playlist: Playlist,
    songs: list[Song],
    perms: tuple[str, ...],
) -> None:
    client.force_login(make_user("half", *perms))
    body = {"pk": track(playlist, songs[2]).pk, "to": "first"}
    response = post_json(reorder_url("testapp.track"), body, client=client)
    assert code_of(response, 403) == "permission_denied"
    assert titles(playlist) == ["a", "b", "c"]


@pytest.mark.parametrize(
    ("name", "status", "field", "code"),
    [("locked", 403, "__all__", "permission_denied"), ("hidden", 400, "pk", "invalid_choice")],
    ids=["an owner its kit refuses", "an owner outside its kit's scope"],
)
def test_reordering_links_asks_the_owners_kit_about_the_owner_row(
    post_json: PostJson,
    as_orderer: Client,
    songs: list[Song],
    name: str,
    status: int,
    field: str,
    code: str,
) -> None:
    owner = Playlist.objects.create(name=name)
    for song in songs[:2]:
        Track.objects.create(playlist=owner, song=song)
    body = {"pk": track(owner, songs[1]).pk, "to": "first"}
    response = post_json(reorder_url("testapp.track"), body, client=as_orderer)
    assert code_of(response, status, field) == code
    assert titles(owner) == ["a", "b"]


def rendered_links(user: User, playlist: Playlist) -> str:
    request = RequestFactory().get("/")
    request.user = user
    template = Template('{% load orderkit %}{% orderkit_links playlist "songs" %}')
    return template.render(Context({"request": request, "playlist": playlist}))


def test_links_in_order_render_sortable_with_a_handle_each(
    orderer: User, playlist: Playlist, songs: list[Song]
) -> None:
    operations.move(registry.get(Track), track(playlist, songs[0]), to="last")
    html = rendered_links(orderer, playlist)
    assert f'data-orderkit="sortable" data-url="{reorder_url("testapp.track")}"' in html
    items = re.findall(r'data-pk="(\d+)" data-orderkit-related="(\d+)"', html)
    shown = [(track(playlist, song).pk, song.pk) for song in (songs[1], songs[2], songs[0])]
    assert items == [(str(link), str(song)) for link, song in shown]
    assert html.count("data-orderkit-handle") == 3 + 1, "a handle each, and one in the template"
    assert 'aria-label="Move %(related)s"' in html


def test_prefetched_links_cost_no_query_of_their_own(
    django_assert_num_queries: Any, orderer: User, playlist: Playlist
) -> None:
    tracks = Prefetch("track_set", Track.objects.select_related("song"))
    prefetched = Playlist.objects.prefetch_related(tracks).get(pk=playlist.pk)
    rendered_links(orderer, playlist)  # the attach candidates and the permissions, cached
    with django_assert_num_queries(1):  # the attach candidates, read once per page
        html = rendered_links(orderer, prefetched)
    assert html.count("data-orderkit-related") == 3


def test_without_the_through_kits_permission_the_links_are_not_sortable(
    playlist: Playlist,
) -> None:
    html = rendered_links(make_user("linker", "testapp.change_playlist"), playlist)
    assert 'data-orderkit="sortable"' not in html
    assert "data-orderkit-handle" not in html
    assert html.count("data-orderkit-related") == 3
