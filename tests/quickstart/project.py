"""A newcomer's project: a clean virtualenv with the wheel and one Django, a project folder,
its manage.py commands, and its development server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks.server import free_port, wait_for

USERNAME, PASSWORD = "quickstart", "quickstart-password"

#: Sample data, made the way a newcomer would in the admin: one stable, four ponies, three
#: tags, each pony tagged "brave". Prints the pks as JSON.
SEED = f"""
import json
from django.contrib.auth import get_user_model
from ponies.models import Pony, Stable, Tag

get_user_model().objects.create_superuser({USERNAME!r}, "", {PASSWORD!r})
stable = Stable.objects.create(name="Sunny Meadow")
tags = [Tag.objects.create(name=name) for name in ("brave", "fast", "sleepy")]
ponies = [
    Pony.objects.create(name=name, stable=stable)
    for name in ("Applejack", "Blossom", "Clover", "Dusty")
]
for pony in ponies:
    pony.tags.add(tags[0])
print(json.dumps({{"stable": stable.pk, "tags": [tag.pk for tag in tags]}}))
"""


@dataclass(frozen=True)
class Project:
    folder: Path
    venv: Path

    @classmethod
    def create(cls, root: Path, wheel: Path, django: str) -> Project:
        """A virtualenv under ``root`` with the wheel (not editable) and Django ``django``,
        and an empty folder for the project, as a newcomer starts."""
        venv, folder = root / "venv", root / "project"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
        subprocess.run(
            [*pip, "--disable-pip-version-check", str(wheel), f"Django=={django}"], check=True
        )
        folder.mkdir()
        return cls(folder, venv)

    def env(self) -> dict[str, str]:
        """The environment of an activated virtualenv, without this test run's settings."""
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DJANGO_SETTINGS_MODULE", "PYTHONPATH")
        }
        env["VIRTUAL_ENV"] = str(self.venv)
        env["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        return env

    def shell(self, script: str) -> None:
        """Runs a doc's shell commands in the project's folder, stopping at the first failure."""
        sys.stdout.write(f"quickstart: $ {script.strip().replace(chr(10), chr(10) + '  $ ')}\n")
        subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script], cwd=self.folder, env=self.env(), check=True
        )

    def manage(self, *args: str) -> str:
        done = subprocess.run(
            [str(self.venv / "bin" / "python"), "manage.py", *args],
            cwd=self.folder,
            env=self.env(),
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise AssertionError(f"manage.py {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def seed(self) -> dict[str, object]:
        seeded: dict[str, object] = json.loads(self.manage("shell", "-v", "0", "-c", SEED))
        return seeded

    @contextmanager
    def serving(self) -> Iterator[str]:
        """The development server on a free port; yields its base URL."""
        port = free_port()
        with (self.folder.parent / "runserver.log").open("w") as log:
            command = ["manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"]
            server = subprocess.Popen(
                [str(self.venv / "bin" / "python"), *command],
                cwd=self.folder,
                env=self.env(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                wait_for(port, server)
                yield f"http://127.0.0.1:{port}"
            finally:
                server.terminate()
                server.wait(timeout=10)
