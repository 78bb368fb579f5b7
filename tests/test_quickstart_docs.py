"""The docs' marked code blocks, which `make quickstart` applies to a new project: how they
are read and applied, and that the docs agree with each other (the browser run is
`make quickstart` itself)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.quickstart.__main__ import DOCS, ROOT
from tests.quickstart.apply import DocsDisagree, apply, missing_from
from tests.quickstart.blocks import Block, MarkerError, blocks_of

pytestmark = pytest.mark.sqlite_only

PAGE = """# Title

<!-- quickstart: run -->
```sh
django-admin startproject mysite .
```

Some text.

1. In a list:

   <!-- quickstart: file app/models.py -->
   ```python
   X = 1
   ```

<!-- quickstart: excerpt a.py b.py -->
````python
A = [..., 2]
````
"""


def doc(tmp_path: Path, text: str) -> list[Block]:
    path = tmp_path / "docs" / "page.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text)
    return blocks_of(path, tmp_path)


def test_markers_name_their_blocks(tmp_path: Path) -> None:
    assert doc(tmp_path, PAGE) == [
        Block("docs/page.md:3", "run", (), "sh", "django-admin startproject mysite .\n"),
        Block("docs/page.md:12", "file", ("app/models.py",), "python", "X = 1\n"),
        Block("docs/page.md:17", "excerpt", ("a.py", "b.py"), "python", "A = [..., 2]\n"),
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("<!-- quickstart: paste a.py -->\n```\n```\n", "unknown action 'paste'"),
        ("<!-- quickstart: run a.py -->\n```\n```\n", "'run' takes no path"),
        ("<!-- quickstart: file -->\n```\n```\n", "'file' takes one path"),
        ("<!-- quickstart: append a.py b.py -->\n```\n```\n", "'append' takes one path"),
        ("<!-- quickstart: excerpt -->\n```\n```\n", "'excerpt' takes one or more paths"),
        ("<!-- quickstart: run -->\n\n```\n```\n", "not followed by a fenced code block"),
        ("<!-- quickstart: run -->", "not followed by a fenced code block"),
        ("<!-- quickstart: run -->\n```sh\nls\n", "the code block is not closed"),
    ],
)
def test_bad_markers_are_refused(tmp_path: Path, text: str, problem: str) -> None:
    with pytest.raises(MarkerError, match=f"^docs/page.md:1: .*{re.escape(problem)}"):
        doc(tmp_path, text)


def block(action: str, *paths: str, text: str = "", where: str = "doc.md:1") -> Block:
    return Block(where, action, paths, "python", text)


def test_apply_runs_writes_and_appends_in_order(tmp_path: Path) -> None:
    ran: list[str] = []

    def run(script: str) -> None:
        ran.append(script)
        (tmp_path / "settings.py").write_text("DEBUG = True\n")

    apply(
        tmp_path,
        [
            block("run", text="startproject\n"),
            block("append", "settings.py", text="APPS = ['a']\n"),
            block("file", "app/models.py", text="X = 1\n"),
            block("file", "app/models.py", text="X = 1\n", where="other.md:5"),
            block("excerpt", "settings.py", "app/models.py", text="X = 1\nAPPS = [..., 'a']\n"),
        ],
        run,
    )
    assert ran == ["startproject\n"]
    assert (tmp_path / "settings.py").read_text() == "DEBUG = True\n\nAPPS = ['a']\n"
    assert (tmp_path / "app" / "models.py").read_text() == "X = 1\n"


def test_two_docs_that_show_a_file_otherwise_disagree(tmp_path: Path) -> None:
    blocks = [
        block("file", "views.py", text="X = 1\n", where="quickstart.md:3"),
        block("file", "views.py", text="X = 2\n", where="client.md:9"),
    ]
    with pytest.raises(
        DocsDisagree, match=r"^client.md:9 shows views.py otherwise than quickstart.md:3$"
    ):
        apply(tmp_path, blocks, print)


def test_an_excerpt_the_project_does_not_hold_disagrees(tmp_path: Path) -> None:
    (tmp_path / "urls.py").write_text("urlpatterns = [path('a/', a)]\n")
    blocks = [block("excerpt", "urls.py", text="urlpatterns = [..., path('b/', b)]\n")]
    with pytest.raises(DocsDisagree, match=r"urls.py do not hold: urlpatterns = \[\.\.\., path"):
        apply(tmp_path, blocks, print)


@pytest.mark.parametrize(
    ("excerpt", "missing"),
    [
        ("from x import a, b\n", []),
        ("# a comment\nfrom x import a, b  # and another\n", []),
        ("from x import a\n", ["from x import a"]),
        ("APPS = [..., 'b', 'd', ...]\n", []),
        ("APPS = ['a', ..., 'd']\n", []),
        ("APPS = [..., 'd', 'b']\n", ["APPS = [..., 'd', 'b']"]),
        ("APPS = [..., 'e']\n", ["APPS = [..., 'e']"]),
        ("APPS = ['a', 'b']\n", ["APPS = ['a', 'b']"]),
        ("OTHER = [..., 'a']\n", ["OTHER = [..., 'a']"]),
        ("class A:\n    x = 1\n", []),
        ("class A:\n    x = 2\n", ["class A:\n    x = 2"]),
    ],
)
def test_missing_from(excerpt: str, missing: list[str]) -> None:
    modules = [
        "from x import a, b\nAPPS = ['z']\n",
        "class A:\n    x = 1\n\n\nAPPS = ['a', 'b', 'c', 'd']\n",
    ]
    assert missing_from(excerpt, modules) == missing


def test_the_docs_agree_with_each_other(tmp_path: Path) -> None:
    """The project that the docs' blocks make, short of running their commands: the files
    shown twice are shown alike, and every excerpt is what the project holds."""
    blocks = [marked for name in DOCS for marked in blocks_of(ROOT / name, ROOT)]
    (tmp_path / "mysite").mkdir()
    (tmp_path / "mysite" / "settings.py").write_text("INSTALLED_APPS = []\n")
    scripts: list[str] = []
    apply(tmp_path, blocks, scripts.append)
    assert scripts[0].startswith("django-admin startproject mysite .\n")
    assert "python manage.py makemigrations ponies\n" in scripts[1]
    written = {path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.*")}
    assert written == {
        "mysite/settings.py",
        "mysite/urls.py",
        "ponies/models.py",
        "ponies/kits.py",
        "ponies/views.py",
        "ponies/admin.py",
        "ponies/templates/ponies/stable_detail.html",
    }


def test_every_code_block_of_the_quickstart_is_applied() -> None:
    """A Python or template block without a marker would be a step that nothing tests."""
    text = (ROOT / "docs" / "quickstart.md").read_text()
    fences = re.findall(r"(?m)^(.*)\n```(python|django|html)$", text)
    assert fences
    for before, language in fences:
        assert before.startswith("<!-- quickstart: "), f"a {language} block has no marker"


def test_the_other_docs_mark_what_the_quickstart_applies() -> None:
    marked = {
        name: {(b.action, b.paths) for b in blocks_of(ROOT / name, ROOT)} for name in DOCS[1:]
    }
    page = ("file", ("ponies/templates/ponies/stable_detail.html",))
    assert marked["docs/client.md"] == {page}
    assert marked["docs/admin.md"] == {
        ("excerpt", ("mysite/settings.py", "mysite/urls.py")),
        ("excerpt", ("ponies/admin.py",)),
    }


def test_the_minimal_page_has_as_many_tags_as_its_title_says() -> None:
    text = (ROOT / "docs" / "client.md").read_text()
    assert "## A page in eight tags\n" in text
    (page,) = blocks_of(ROOT / "docs" / "client.md", ROOT)
    assert len(set(re.findall(r"{% (orderkit_\w+)", page.text))) == 8
