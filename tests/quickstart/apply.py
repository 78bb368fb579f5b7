"""Applying the docs' marked blocks to a project folder, in the docs' order.

``run`` blocks run; ``file`` blocks write a file, and a second block that names the same file
must hold the same text (two docs that show one file cannot tell different stories);
``append`` blocks add to a file; ``excerpt`` blocks are checked once everything is written:
each of their statements must be one of the files' (compared as Python syntax trees, so
comments and line breaks do not count), and in a list assigned to a name (``INSTALLED_APPS
= [..., "orderkit"]``), ``...`` stands for the elements left out, in order.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from pathlib import Path

from tests.quickstart.blocks import Block


class DocsDisagree(AssertionError):
    """The docs show a file two ways, or an excerpt that the project does not hold."""


def apply(folder: Path, blocks: Iterable[Block], run: Callable[[str], None]) -> None:
    written: dict[str, Block] = {}
    excerpts: list[Block] = []
    for block in blocks:
        if block.action == "run":
            run(block.text)
        elif block.action == "file":
            write(folder, block, written)
        elif block.action == "append":
            with (folder / block.paths[0]).open("a") as target:
                target.write("\n" + block.text)
        else:
            excerpts.append(block)
    for block in excerpts:
        modules = [(folder / path).read_text() for path in block.paths]
        missing = missing_from(block.text, modules)
        if missing:
            raise DocsDisagree(
                f"{block.where}: {', '.join(block.paths)} do not hold: " + "; ".join(missing)
            )


def write(folder: Path, block: Block, written: dict[str, Block]) -> None:
    path = block.paths[0]
    earlier = written.get(path)
    if earlier is not None:
        if earlier.text != block.text:
            raise DocsDisagree(f"{block.where} shows {path} otherwise than {earlier.where}")
        return
    target = folder / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(block.text)
    written[path] = block


def missing_from(excerpt: str, modules: list[str]) -> list[str]:
    """The statements of ``excerpt`` that none of ``modules`` holds."""
    statements: set[str] = set()
    lists: dict[str, list[str]] = {}
    for module in modules:
        for statement in ast.parse(module).body:
            statements.add(ast.dump(statement))
            named = assigned_list(statement)
            if named is not None:
                lists[named[0]] = [ast.dump(element) for element in named[1]]
    missing = []
    for statement in ast.parse(excerpt).body:
        if ast.dump(statement) in statements:
            continue
        named = assigned_list(statement)
        if named is not None:
            name, elements = named
            shown = [ast.dump(element) for element in elements if not is_ellipsis(element)]
            if len(shown) < len(elements) and in_order(shown, lists.get(name, [])):
                continue
        missing.append(ast.unparse(statement))
    return missing


def assigned_list(statement: ast.stmt) -> tuple[str, list[ast.expr]] | None:
    """The name and the elements of ``NAME = [...]``."""
    if (
        isinstance(statement, ast.Assign)
        and len(statement.targets) == 1
        and isinstance(statement.targets[0], ast.Name)
        and isinstance(statement.value, ast.List)
    ):
        return statement.targets[0].id, statement.value.elts
    return None


def is_ellipsis(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is Ellipsis


def in_order(part: list[str], whole: list[str]) -> bool:
    """Whether ``part`` is ``whole`` with some elements left out."""
    rest = iter(whole)
    return all(element in rest for element in part)
