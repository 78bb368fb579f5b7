"""What must hold after the run, whatever the faults: every answer is one the contract
allows at that moment, every group is whole, and nothing is half-written (a flip or a move
without its LogEntry, or a LogEntry without its write)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from benchmarks.benchapp.models import Item
from benchmarks.production.faults import DATABASE_FAULTS, WORKER_FAULTS, Fault
from benchmarks.production.workload import Outcome
from orderkit.models import GroupLock

#: How long after a fault's probe succeeded a request may still have met the fault.
GRACE = 1.0
#: The longest a server may take to answer again after a fault.
RECOVERY_LIMIT = 10.0


def windows(faults: Sequence[Fault], kinds: Sequence[str]) -> list[tuple[float, float]]:
    """When each fault of ``kinds`` could be met: from its injection to its recovery."""
    return [
        (fault.started, max(fault.injected, fault.recovered) + GRACE)
        for fault in faults
        if fault.kind in kinds
    ]


def met(outcome: Outcome, spans: Sequence[tuple[float, float]]) -> bool:
    return any(outcome.start <= end and outcome.end >= start for start, end in spans)


def describe(outcome: Outcome) -> str:
    code = f" {outcome.code}" if outcome.code else ""
    return f"{outcome.kind} {outcome.label} {list(outcome.pks)}: {outcome.status}{code}"


def answer_violations(outcomes: Sequence[Outcome], faults: Sequence[Fault]) -> list[str]:
    """Every answer but 200 and 409 ``conflict`` must be a fault's own: a 503
    ``unavailable`` with ``Retry-After`` while a database fault lasted, or no answer from
    the worker that was killed. Each fault's server must have answered again in time."""
    database, workers = windows(faults, DATABASE_FAULTS), windows(faults, WORKER_FAULTS)
    found: list[str] = []
    for outcome in outcomes:
        if outcome.status == 200 or (outcome.status == 409 and outcome.code == "conflict"):
            continue
        if outcome.status == 503 and outcome.code == "unavailable" and outcome.retry_after:
            if met(outcome, database):
                continue
        elif outcome.status == 0 and met(outcome, workers):
            continue
        found.append(f"unexpected answer: {describe(outcome)}")
    for fault in faults:
        if fault.recovery_seconds > RECOVERY_LIMIT:
            found.append(f"{fault.kind}: answered again after {fault.recovery_seconds} s")
    return found


@dataclass(frozen=True)
class Rows:
    """An orderkit table of the run: its model, its groups' rows, dense or not."""

    model: type[Item]
    members: dict[int, set[int]]
    dense: bool


def logged(model: type[Item]) -> dict[str, Counter[int]]:
    """LogEntries of ``model``'s rows, counted by row, per changed field name."""
    counted: defaultdict[str, Counter[int]] = defaultdict(Counter)
    kind = ContentType.objects.get_for_model(model)
    for object_id, message in LogEntry.objects.filter(content_type=kind).values_list(
        "object_id", "change_message"
    ):
        for field in json.loads(message)[0]["changed"]["fields"]:
            # object_id is typed optional (django-stubs 6.1); orderkit's entries name a row.
            counted[field][int(str(object_id))] += 1
    return counted


def data_violations(rows: Rows, outcomes: Sequence[Outcome]) -> list[str]:
    """Each group holds exactly its rows, at unique positions (dense: 0 to n - 1); each
    row's flag has been flipped once per LogEntry of its flips, between the flips answered
    ``changed`` and those plus the ones whose answer was lost; moves are logged likewise."""
    model, label = rows.model, rows.model._meta.label_lower
    found: list[str] = []
    held: defaultdict[int, list[int | None]] = defaultdict(list)
    members: defaultdict[int, set[int]] = defaultdict(set)
    active: dict[int, bool] = {}
    for pk, group, position, flag in model._base_manager.values_list(
        "pk", "group_id", "position", "is_active"
    ):
        held[group].append(position)
        members[group].add(pk)
        active[pk] = flag
    for group, pks in rows.members.items():
        if members[group] != pks:
            found.append(f"{label} group {group}: rows {sorted(members[group] ^ pks)} moved")
        positions = held[group]
        if None in positions or len(set(positions)) != len(positions):
            found.append(f"{label} group {group}: duplicate or NULL positions")
        elif rows.dense and sorted(positions) != list(range(len(positions))):  # type: ignore[type-var]
            found.append(f"{label} group {group}: positions not 0 to {len(positions) - 1}")
    mine = [outcome for outcome in outcomes if outcome.label == label and outcome.kind != "probe"]
    entries = logged(model)
    flips = entries["Is active"]
    certain: Counter[int] = Counter()
    uncertain: Counter[int] = Counter()
    for outcome in mine:
        if outcome.kind == "toggle":
            if outcome.status == 200 and outcome.changed:
                certain[outcome.pks[0]] += 1
            elif outcome.status in (0, 503):
                uncertain[outcome.pks[0]] += 1
    for pk, flag in active.items():
        if flag != (flips[pk] % 2 == 1):
            found.append(f"{label} row {pk}: is_active={flag} after {flips[pk]} logged flips")
        if not certain[pk] <= flips[pk] <= certain[pk] + uncertain[pk]:
            found.append(
                f"{label} row {pk}: {flips[pk]} logged flips, {certain[pk]} answered "
                f"and {uncertain[pk]} unanswered"
            )
    moved = sum(entries["Position"].values())
    reorders = [outcome for outcome in mine if outcome.kind in ("move", "order")]
    low = sum(1 for outcome in reorders if outcome.status == 200 and outcome.changed)
    high = sum(
        len(outcome.pks)
        for outcome in reorders
        if (outcome.status == 200 and outcome.changed) or outcome.status in (0, 503)
    )
    if not low <= moved <= high:
        found.append(f"{label}: {moved} moves logged, {low} to {high} expected")
    locks = GroupLock.objects.filter(model=label)
    if locks.count() != len(rows.members) or locks.filter(checked=False).exists():
        found.append(f"{label}: {locks.count()} group locks for {len(rows.members)} groups")
    return found
