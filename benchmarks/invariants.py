"""What must hold after concurrent writers, whatever order their requests ran in."""

from __future__ import annotations

from collections import Counter, defaultdict

from benchmarks.benchapp.models import Item


def violations(model: type[Item], members: dict[int, set[int]], flips: Counter[int]) -> list[str]:
    """Every broken rule, one line each (empty when all hold):

    - each group holds exactly the rows it was filled with;
    - positions are set and unique within each group;
    - each row's flag was flipped once per toggle answered ``changed`` (all start false).
    """
    found: list[str] = []
    held: defaultdict[int, set[int]] = defaultdict(set)
    positions: defaultdict[int, Counter[int | None]] = defaultdict(Counter)
    rows = model._base_manager.values_list("pk", "group_id", "position", "is_active")
    for pk, group, position, active in rows:
        held[group].add(pk)
        positions[group][position] += 1
        if active != (flips[pk] % 2 == 1):
            found.append(f"row {pk}: is_active={active} after {flips[pk]} flips")
    for group, pks in members.items():
        if held[group] != pks:
            found.append(f"group {group}: rows {sorted(held[group] ^ pks)} moved in or out")
        for position, count in positions[group].items():
            if position is None or count > 1:
                found.append(f"group {group}: position {position} held by {count} rows")
    return found
