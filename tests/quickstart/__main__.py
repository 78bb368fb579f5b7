"""``python -m tests.quickstart DIST_DIR``: see the package's docstring."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import django

from tests.quickstart.apply import apply
from tests.quickstart.blocks import blocks_of
from tests.quickstart.browser import Database, walk
from tests.quickstart.project import Project

ROOT = Path(__file__).resolve().parent.parent.parent
#: The docs whose marked blocks make the project, the quickstart first: it runs the commands
#: and writes the files in its order; the others must agree with it.
DOCS = ("docs/quickstart.md", "docs/client.md", "docs/admin.md", "README.md")


def follow(root: Path, wheel: Path) -> None:
    project = Project.create(root, wheel, django.get_version())
    blocks = [block for doc in DOCS for block in blocks_of(ROOT / doc, ROOT)]
    sys.stdout.write(f"quickstart: {len(blocks)} marked blocks from {', '.join(DOCS)}\n")
    apply(project.folder, blocks, project.shell)
    project.manage("check", "--fail-level", "WARNING")
    project.manage("migrate", "--noinput")
    seeded = project.seed()
    stable, tags = seeded["stable"], seeded["tags"]
    assert isinstance(stable, int)
    assert isinstance(tags, list)
    with project.serving() as base_url:
        walk(base_url, Database(project.folder / "db.sqlite3"), stable, tags)


def main(argv: list[str]) -> int:
    dist = Path(argv[0]) if argv else ROOT / "dist"
    wheels = sorted(dist.glob("orderkit-*.whl"))
    if len(wheels) != 1:
        sys.stderr.write(
            f"quickstart: expected one wheel in {dist} (make dist), found {len(wheels)}\n"
        )
        return 1
    root = Path(tempfile.mkdtemp(prefix="orderkit-quickstart-"))
    try:
        follow(root, wheels[0].resolve())
    except BaseException:
        sys.stderr.write(f"quickstart: failed; the project and its server's log are in {root}\n")
        raise
    shutil.rmtree(root)
    sys.stdout.write(
        f"quickstart: followed with {wheels[0].name} and Django {django.get_version()}\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
