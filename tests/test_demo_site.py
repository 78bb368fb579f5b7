"""The demo project around its page: `make demo`, its settings, the favicon, the login page,
the hint that only users who may reorder get, and the reader's colour scheme on every page."""

from __future__ import annotations

import os
import re
import runpy
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from ponies.models import Pony, Stable
from tests.helpers import make_user

ROOT = Path(__file__).resolve().parent.parent
HINT = "Drag a handle"


def make_demo(tmp_path: Path, *args: str) -> str:
    """What `make demo` would run, from a virtualenv that does not exist yet (make -n)."""
    venv = tmp_path / "venv"
    # Not the variables of a make that runs this test (make test PORT=...), nor a PORT of the
    # environment: the Makefile's own defaults.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "PORT")}
    done = subprocess.run(
        ["make", "-n", "-C", str(ROOT), "demo", f"VENV={venv}", *args],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return done.stdout


@pytest.mark.sqlite_only
def test_make_demo_installs_only_what_the_demo_needs(tmp_path: Path) -> None:
    commands = make_demo(tmp_path)
    installs = [line for line in commands.splitlines() if " pip install " in line]
    assert any("-e . --group demo" in line for line in installs), installs
    for tool_group in ("test", "lint", "bench", "dist", "mariadb"):
        assert f"--group {tool_group}" not in commands


@pytest.mark.sqlite_only
def test_make_demo_serves_on_port_8000_unless_told(tmp_path: Path) -> None:
    assert "runserver 127.0.0.1:8000" in make_demo(tmp_path)
    assert "runserver 127.0.0.1:8123" in make_demo(tmp_path, "PORT=8123")


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "url", [None, "postgres://demo@127.0.0.1:5432/demo", "mysql://root@127.0.0.1:3306/demo"]
)
def test_demo_settings_keep_no_connection_open(
    url: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under the development server each request has its own thread: a connection kept for
    the next request of that thread is never reused, and piles up on the database server."""
    if url is None:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("DATABASE_URL", url)
    settings = runpy.run_path(str(ROOT / "demo" / "demo_site" / "settings.py"))
    assert settings["DATABASES"]["default"]["CONN_MAX_AGE"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/favicon.ico", "/favicon.ico?v=2"])
def test_the_favicon_is_served(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.getvalue().startswith(b"\x00\x00\x01\x00")


@pytest.mark.django_db
def test_the_pages_name_the_favicon(client: Client) -> None:
    for path in ("/", "/accounts/login/"):
        assert '<link rel="icon" href="/favicon.ico">' in client.get(path).content.decode()


@pytest.mark.django_db
def test_the_login_page_tells_the_demo_account(client: Client) -> None:
    html = client.get("/accounts/login/").content.decode()
    assert "username <kbd>admin</kbd>, password\n    <kbd>admin</kbd>" in html


@pytest.mark.django_db
def test_no_drag_hint_for_visitors_who_cannot_drag(client: Client) -> None:
    assert HINT not in client.get("/").content.decode()
    client.force_login(make_user("viewer", "ponies.view_pony"))
    assert HINT not in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_drag_hint_for_users_who_may_reorder(client: Client) -> None:
    client.force_login(make_user("editor", "ponies.change_pony"))
    assert HINT in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_stables_page_follows_the_readers_colour_scheme(client: Client) -> None:
    """The page declares both schemes and draws its cards from its colours, which a dark
    scheme redefines: a dark reader does not get white cards around orderkit's dark chips."""
    html = client.get("/").content.decode()
    assert "color-scheme: light dark" in html
    assert "@media (prefers-color-scheme: dark)" in html
    assert "background: #fff" not in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/tags/new/", "/ponies/{pk}/edit/"])
def test_the_other_pages_follow_the_readers_colour_scheme(client: Client, path: str) -> None:
    """The login page and the form pages declare both schemes, as the stables page does, and
    draw their text in colours for each: a dark reader who logs in or follows "New tag" does
    not land on a white page, nor read text drawn for a white one."""
    stable = Stable.objects.create(name="North")
    pony = Pony.objects.create(name="Bramble", stable=stable)
    client.force_login(make_user("groom", "ponies.add_tag", "ponies.change_pony"))
    html = client.get(path.format(pk=pony.pk)).content.decode()
    assert re.search(r"color-scheme(: |\" content=\")light dark", html)
    assert not re.search(r"[^-]color: #", html)
