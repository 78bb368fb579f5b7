"""The package as published: its metadata matches what CI tests, the README works on the
package index, and tests.distribution (run by `make dist`) finds what a build lacks."""

from __future__ import annotations

import io
import re
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

from tests import distribution
from tests.distribution import ROOT

pytestmark = pytest.mark.sqlite_only

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
README = (ROOT / "README.md").read_text()
CI = (ROOT / ".ci" / "run").read_text()
TRACKED = {"LICENSE", "README.md", "orderkit/__init__.py", "static/src/index.js", ".ci/run"}
DIST_INFO = "orderkit-1.0.dist-info"


def ci_lines() -> list[tuple[str, str]]:
    """(Python, Django) of each `make test` in .ci/run: ("3.11", "5.2"), ..."""
    runs = re.findall(r"""make test PYTHON="\$py(\d)(\d+)" .*DJANGO_SPEC='>=(\d+\.\d+),""", CI)
    return [(f"{major}.{minor}", django) for major, minor, django in runs]


def test_ci_tests_two_lines() -> None:
    assert ci_lines() == [("3.11", "5.2"), ("3.13", "6.1")]


def test_the_classifiers_name_the_tested_versions() -> None:
    classifiers = set(PROJECT["classifiers"])
    for python, django in ci_lines():
        assert f"Programming Language :: Python :: {python}" in classifiers
        assert f"Framework :: Django :: {django}" in classifiers
    # Only what CI runs: Python 3.12 is allowed by requires-python but not claimed.
    prefix = "Programming Language :: Python :: 3."
    pythons = {
        c.removeprefix("Programming Language :: Python :: ")
        for c in classifiers
        if c.startswith(prefix)
    }
    assert pythons == {python for python, _ in ci_lines()}
    djangos = {c.rsplit(" ", 1)[1] for c in classifiers if c.startswith("Framework :: Django ::")}
    assert djangos == {django for _, django in ci_lines()}


def test_the_django_range_is_the_tested_lines() -> None:
    (spec,) = [d[len("Django") :] for d in PROJECT["dependencies"] if d.startswith("Django")]
    allowed = SpecifierSet(spec)
    for _, django in ci_lines():
        assert allowed.contains(f"{django}.0")
        assert allowed.contains(f"{django}.9")
    for untested in ("5.1.9", "6.0", "6.0.4", "6.2", "7.0"):
        assert not allowed.contains(untested)
    assert SpecifierSet(PROJECT["requires-python"]).contains(f"{ci_lines()[0][0]}.0")
    assert not SpecifierSet(PROJECT["requires-python"]).contains("3.10.9")


def test_no_extras_are_published() -> None:
    assert "optional-dependencies" not in PROJECT


def test_the_license_is_declared_and_shipped() -> None:
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")


def test_the_readme_opens_with_the_two_commands_then_how_to_use_it() -> None:
    assert re.match(r"# orderkit\n\n```sh\nmake demo .*\n(?: +#.*\n)*make test ", README)
    usage = README.index("## Use it in your project")
    for step in ("pip install orderkit", '"adminsortable2"', 'include("orderkit.urls")'):
        assert step in README[usage:]
    assert "@orderkit.register(" in README[usage:]


def test_readme_links_and_images_work_on_the_package_index() -> None:
    """The README is the package's page there: no relative link or image; the project's own
    files are named by the repository that [project.urls] declares, and exist."""
    source = PROJECT["urls"]["Source"]
    blob, raw = f"{source}/blob/main/", source.replace("github.com", "raw.githubusercontent.com")
    targets = re.findall(r"\]\(([^)\s]+)\)", README) + re.findall(r"<(https?://[^>]+)>", README)
    images = re.findall(r"!\[[^]]*\]\(([^)\s]+)\)", README)
    assert targets
    assert images
    for target in targets:
        assert target.startswith("https://"), target
        if target.startswith(blob):
            path = target.removeprefix(blob).split("#", 1)[0]
            assert (ROOT / path).is_file(), target
    for image in images:
        assert image.startswith(f"{raw}/main/"), image
        assert (ROOT / image.removeprefix(f"{raw}/main/")).is_file(), image
    for url in PROJECT["urls"].values():
        assert url.startswith(source)


def build(tmp_path: Path, sdist: set[str], wheel: set[str], metadata: str = "") -> Path:
    """A dist folder with an sdist and a wheel that hold these files."""
    with tarfile.open(tmp_path / "orderkit-1.0.tar.gz", "w:gz") as archive:
        for name in sorted(sdist):
            data = name.encode()
            member = tarfile.TarInfo(f"orderkit-1.0/{name}")
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
    with zipfile.ZipFile(tmp_path / "orderkit-1.0-py3-none-any.whl", "w") as archive:
        for name in sorted(wheel):
            archive.writestr(name, name)
        archive.writestr(f"{DIST_INFO}/METADATA", f"Name: orderkit\n{metadata}\n")
    return tmp_path


COMPLETE_SDIST = {"LICENSE", "README.md", "orderkit/__init__.py", "static/src/index.js"}
COMPLETE_WHEEL = {"orderkit/__init__.py", f"{DIST_INFO}/licenses/LICENSE"}


def test_a_complete_build_passes(tmp_path: Path) -> None:
    dist = build(tmp_path, COMPLETE_SDIST | {"PKG-INFO"}, COMPLETE_WHEEL)
    assert distribution.problems_of(dist, TRACKED) == []


def test_an_sdist_without_license_or_client_sources_fails(tmp_path: Path) -> None:
    dist = build(tmp_path, {"README.md", "orderkit/__init__.py", "db.sqlite3"}, COMPLETE_WHEEL)
    assert distribution.problems_of(dist, TRACKED) == [
        "sdist: LICENSE is missing",
        "sdist: static/src/index.js is missing",
        "sdist: db.sqlite3 is not tracked by git",
    ]


def test_a_wheel_without_license_with_extras_or_strays_fails(tmp_path: Path) -> None:
    dist = build(
        tmp_path,
        COMPLETE_SDIST,
        {"orderkit/__init__.py", "tests/__init__.py"},
        metadata="Provides-Extra: test",
    )
    assert distribution.problems_of(dist, TRACKED) == [
        "wheel: the LICENSE is missing",
        "wheel: tests/__init__.py is not a file of the package",
        "wheel: publishes the extra 'test' (tools go in [dependency-groups])",
    ]


def test_a_wheel_missing_a_module_fails(tmp_path: Path) -> None:
    dist = build(tmp_path, COMPLETE_SDIST, {f"{DIST_INFO}/licenses/LICENSE"})
    assert distribution.problems_of(dist, TRACKED) == ["wheel: orderkit/__init__.py is missing"]


def test_a_wheel_with_a_catalogue_not_compiled_fails(tmp_path: Path) -> None:
    po = "orderkit/locale/de/LC_MESSAGES/django.po"
    tracked = TRACKED | {po}
    dist = build(tmp_path, COMPLETE_SDIST | {po}, COMPLETE_WHEEL | {po})
    assert distribution.problems_of(dist, tracked) == [
        f"wheel: {po} is not compiled (no orderkit/locale/de/LC_MESSAGES/django.mo)"
    ]
    compiled = po.removesuffix(".po") + ".mo"
    dist = build(tmp_path, COMPLETE_SDIST | {po, compiled}, COMPLETE_WHEEL | {po, compiled})
    assert distribution.problems_of(dist, tracked | {compiled}) == []


def test_a_wheel_with_two_dist_infos_fails(tmp_path: Path) -> None:
    dist = build(tmp_path, COMPLETE_SDIST, COMPLETE_WHEEL | {"other-2.0.dist-info/RECORD"})
    assert distribution.problems_of(dist, TRACKED) == ["wheel: 2 .dist-info folders"]


def test_a_dist_folder_needs_one_of_each(tmp_path: Path) -> None:
    assert distribution.problems_of(tmp_path, TRACKED) == [
        f"{tmp_path}: expected one sdist and one wheel, found 0 and 0"
    ]


def test_main_says_what_is_wrong(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert distribution.main([str(tmp_path)]) == 1
    assert "expected one sdist and one wheel" in capsys.readouterr().err


def test_main_passes_a_good_build(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(distribution, "tracked", lambda: TRACKED)
    dist = build(tmp_path, COMPLETE_SDIST, COMPLETE_WHEEL)
    assert distribution.main([str(dist)]) == 0
    assert "hold what they must" in capsys.readouterr().out


def test_tracked_lists_the_checkout() -> None:
    files = distribution.tracked()
    assert {"LICENSE", "pyproject.toml", "static/package-lock.json", ".ci/run"} <= files
