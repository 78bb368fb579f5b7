"""The benchmark suite's quick preset runs end to end on SQLite and reports what it must.

A test of the suite itself: it checks the shape of the output and the facts that do not
depend on the machine (rows written, statements, invariants), never a timing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROWS = 500
MARKERS = ("<!-- benchmarks:results -->", "<!-- /benchmarks:results -->")
PAGE = f"""# Results

The run replaces what stands between `{MARKERS[0]}` and `{MARKERS[1]}`.

{MARKERS[0]}
stale
{MARKERS[1]}

After.
"""
PEERS = {"orderkit-dense", "orderkit-sparse", "ordered-model", "sortable2-drag", "sortable2-page"}

# The suite uses a SQLite file of its own, whatever the tests' database: the run on SQLite is
# enough (the other databases deselect these tests; see conftest.py).
pytestmark = pytest.mark.sqlite_only


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("benchmarks")
    (folder / "page.md").write_text(PAGE)
    command = [sys.executable, "-m", "benchmarks", "run", "--db", "sqlite", "--quick"]
    command += [
        "--sizes",
        str(ROWS),
        "--out",
        str(folder / "out"),
        "--docs",
        str(folder / "page.md"),
    ]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        pytest.fail(f"{' '.join(command)} failed:\n{done.stderr}")
    return folder


@pytest.fixture(scope="module")
def results(out: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((out / "out" / "results.json").read_text())
    return loaded


def by_key(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {result["key"]: result for result in results["results"]}


def test_every_approach_has_a_row_for_every_size(results: dict[str, Any]) -> None:
    pairs = {(result["key"], result["rows"]) for result in results["results"]}
    keys = {key for key, _ in pairs}
    assert keys >= PEERS
    assert pairs == {(key, ROWS) for key in keys}
    for result in results["results"]:
        for phase in (result["last_to_first"], result["random"]):
            assert phase["moves"] >= 1
            assert 0 < phase["median_ms"] <= phase["p95_ms"]


def test_shifting_moves_write_the_whole_group(results: dict[str, Any]) -> None:
    found = by_key(results)
    dense = found["orderkit-dense"]["last_to_first"]
    # Every row of the group shifts, and the upsert that takes the group's lock writes its row.
    assert dense["rows_per_move"] == ROWS + 1
    assert found["ordered-model"]["last_to_first"]["rows_per_move"] == ROWS
    assert found["ordered-model"]["last_to_first"]["statements"] == 2
    assert found["sortable2-page"]["last_to_first"]["rows_per_move"] == ROWS


def test_dense_approaches_make_the_same_random_moves(results: dict[str, Any]) -> None:
    found = by_key(results)
    dense, peer = found["orderkit-dense"]["random"], found["ordered-model"]["random"]
    assert dense["moves"] == peer["moves"]
    # The same rows shift in both tables; orderkit also writes its group lock's row.
    assert dense["rows_written"] == peer["rows_written"] + dense["moves"]
    assert dense["max_rows"] == peer["max_rows"] + 1
    assert dense["statements"] == 3


def test_the_same_moves_are_compared_move_by_move(out: Path, results: dict[str, Any]) -> None:
    found = by_key(results)
    (compared,) = results["paired"]
    assert (compared["approach"], compared["peer"], compared["rows"]) == (
        "orderkit dense",
        "django-ordered-model to()",
        ROWS,
    )
    for phase in ("last_to_first", "random"):
        ratio = compared[phase]
        assert ratio["moves"] == found["orderkit-dense"][phase]["moves"]
        assert len(found["orderkit-dense"][phase]["ms"]) == ratio["moves"]
        assert 0 < ratio["low"] <= ratio["median"] <= ratio["high"]
    assert "compared move by move" in (out / "out" / "results.md").read_text()
    assert "beside the floor" in (out / "out" / "results.md").read_text()


def test_a_sparse_move_writes_the_moved_row_alone(results: dict[str, Any]) -> None:
    sparse = by_key(results)["orderkit-sparse"]
    for phase in (sparse["last_to_first"], sparse["random"]):
        # The moved row, and the group lock's row; no rebalance at this size.
        assert phase["rows_per_move"] == 2
        assert phase["multi_row_moves"] == 0


def test_a_drag_writes_its_page(results: dict[str, Any]) -> None:
    drag = by_key(results)["sortable2-drag"]["last_to_first"]
    assert drag["rows_per_move"] == 100
    # One SELECT per row, and one bulk UPDATE.
    assert drag["statements"] == 101


def test_random_moves_write_less_than_the_group(results: dict[str, Any]) -> None:
    for result in results["results"]:
        random = result["random"]
        assert random["rows_written"] == round(random["rows_per_move"] * random["moves"])
        assert 1 <= random["max_rows"] <= ROWS + 2


def test_concurrent_run_keeps_the_invariants(results: dict[str, Any]) -> None:
    levels = results["concurrent"]
    assert {level["approach"] for level in levels} >= {"orderkit dense"}
    for level in levels:
        assert level["ok"] > 0
        assert level["errors"] == 0
        assert level["violations"] == 0
        assert level["requests"] == level["ok"] + level["conflicts"] + level["errors"]


def test_the_sparse_move_is_set_beside_the_floor(results: dict[str, Any]) -> None:
    floor = results["floor"]
    assert floor["rows"] == ROWS
    # The floor: the session, the user, its UPDATE. orderkit also reads the named rows in
    # the caller's scope, takes the group's lock, reads the rows it moves between under it,
    # and writes the LogEntry.
    assert floor["floor"]["statements"] == 3
    assert floor["orderkit"]["statements"] == 7
    for side in ("orderkit", "floor"):
        assert floor[side]["requests"] == len(floor[side]["ms"]) == 5
        assert 0 < floor[side]["median_ms"] <= floor[side]["p95_ms"]
    assert floor["ratio"]["moves"] == 5
    assert 0 < floor["ratio"]["low"] <= floor["ratio"]["median"] <= floor["ratio"]["high"]
    (level,) = [level for level in results["concurrent"] if level["approach"] == "floor"]
    assert level["ok"] == level["requests"] > 0


def test_table_and_plot(out: Path, results: dict[str, Any]) -> None:
    table = (out / "out" / "results.md").read_text()
    for result in results["results"]:
        assert f"| {result['approach']} | {ROWS} |" in table
    assert "](plot.png)" in table
    assert (out / "out" / "plot.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_the_page_gets_the_table_between_its_marker_lines(out: Path) -> None:
    page = (out / "page.md").read_text()
    head, rest = page.split(f"\n{MARKERS[0]}\n")
    body, tail = rest.split(f"{MARKERS[1]}\n")
    assert head == PAGE.split(f"\n{MARKERS[0]}\n")[0]
    assert tail == "\nAfter.\n"
    assert "stale" not in body
    assert "python -m benchmarks run --db sqlite --quick" in body
    assert "](out/plot.png)" in body


def test_a_move_into_another_group_or_a_block_costs_the_same_statements_at_any_size() -> None:
    command = [sys.executable, "-m", "benchmarks", "cross-group", "--db", "sqlite"]
    command += ["--sizes", "200,2000", "--moves", "3"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    rows = [line.split("|")[1:-1] for line in done.stdout.splitlines() if line.startswith("| a ")]
    cells = [[cell.strip() for cell in row] for row in rows]
    cases = [
        "a move within the group",
        "a move into the other group",
        "a block of 10 rows within the group",
        "a block of 10 rows into the other group",
    ]
    assert [(row[0], row[1], row[5]) for row in cells] == [
        (case, size, "3") for size in ("200", "2,000") for case in cases
    ]
    for case in range(len(cases)):
        assert len({row[2] for row in cells[case :: len(cases)]}) == 1
