"""What the built sdist and wheel must hold: ``python -m tests.distribution DIST_DIR``.

`make dist` runs it after building. The sdist is the release's source: every file that git
tracks except the repository's CI script, so that the tests run and the client's bundle can
be rebuilt from it (static/src, package.json, package-lock.json, build.mjs, static/test),
and nothing that git does not track (a stray database or ``node_modules``). The wheel holds
every file that git tracks under ``orderkit/``, the LICENSE, each catalogue of
``orderkit/locale`` compiled (the .mo beside its .po: Django reads only the .mo), and
publishes no extras: the repository's tools are dependency groups, which are never published.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from email.parser import HeaderParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: Tracked files that only the repository needs.
NOT_IN_SDIST = (".ci/",)
#: Files that the build backend writes into the sdist.
SDIST_GENERATED = {"PKG-INFO"}
PACKAGE = "orderkit/"
LOCALE = "orderkit/locale/"


def tracked(root: Path = ROOT) -> set[str]:
    """The files that git tracks (or has staged) in the checkout at ``root``."""
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True, text=True
    )
    return {name for name in listing.stdout.split("\0") if name}


def sdist_names(path: Path) -> set[str]:
    """The sdist's files, without its top folder (``orderkit-0.1.0/``)."""
    with tarfile.open(path) as archive:
        return {
            member.name.split("/", 1)[1]
            for member in archive.getmembers()
            if member.isfile() and "/" in member.name
        }


def sdist_problems(names: set[str], files: set[str]) -> list[str]:
    wanted = {name for name in files if not name.startswith(NOT_IN_SDIST)}
    missing = [f"sdist: {name} is missing" for name in sorted(wanted - names)]
    stray = [
        f"sdist: {name} is not tracked by git" for name in sorted(names - files - SDIST_GENERATED)
    ]
    return missing + stray


def wheel_problems(path: Path, files: set[str]) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        info = {name.split("/", 1)[0] for name in names if ".dist-info/" in name}
        if len(info) != 1:
            return [f"wheel: {len(info)} .dist-info folders"]
        (dist_info,) = info
        metadata = HeaderParser().parsestr(archive.read(f"{dist_info}/METADATA").decode())
    wanted = {name for name in files if name.startswith(PACKAGE)}
    problems = [f"wheel: {name} is missing" for name in sorted(wanted - names)]
    if f"{dist_info}/licenses/LICENSE" not in names:
        problems.append("wheel: the LICENSE is missing")
    problems += [
        f"wheel: {name} is not compiled (no {name.removesuffix('.po')}.mo)"
        for name in sorted(names)
        if name.startswith(LOCALE) and name.endswith(".po")
        if f"{name.removesuffix('.po')}.mo" not in names
    ]
    problems += [
        f"wheel: {name} is not a file of the package"
        for name in sorted(names - wanted)
        if not name.startswith(f"{dist_info}/")
    ]
    problems += [
        f"wheel: publishes the extra {extra!r} (tools go in [dependency-groups])"
        for extra in metadata.get_all("Provides-Extra", [])
    ]
    return problems


def problems_of(dist: Path, files: set[str]) -> list[str]:
    sdists, wheels = sorted(dist.glob("*.tar.gz")), sorted(dist.glob("*.whl"))
    if len(sdists) != 1 or len(wheels) != 1:
        return [f"{dist}: expected one sdist and one wheel, found {len(sdists)} and {len(wheels)}"]
    return sdist_problems(sdist_names(sdists[0]), files) + wheel_problems(wheels[0], files)


def main(argv: list[str]) -> int:
    dist = Path(argv[0]) if argv else ROOT / "dist"
    problems = problems_of(dist, tracked())
    for problem in problems:
        sys.stderr.write(f"tests.distribution: {problem}\n")
    if problems:
        return 1
    sys.stdout.write(
        f"tests.distribution: the sdist and the wheel in {dist} hold what they must\n"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
