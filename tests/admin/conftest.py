"""Fixtures of the admin tests: the demo's ponies and users."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from ponies.models import Pony, Stable
from tests.helpers import make_user


@pytest.fixture
def stable(db: None) -> Stable:
    stable = Stable.objects.create(name="Sunny")
    for number in range(10):
        Pony.objects.create(name=f"pony {number}", stable=stable)
    return stable


@pytest.fixture
def staff(db: None) -> User:
    return make_user(
        "staff",
        "ponies.change_pony",
        "ponies.view_pony",
        "ponies.change_stable",
        "ponies.view_stable",
        staff=True,
    )


@pytest.fixture
def watcher(db: None) -> User:
    return make_user("watcher", "ponies.view_pony", "ponies.view_stable", staff=True)


@pytest.fixture
def root(db: None) -> User:
    return User.objects.create_superuser("root", "", "pw")


@pytest.fixture
def staff_client(client: Client, staff: User) -> Client:
    client.force_login(staff)
    return client
