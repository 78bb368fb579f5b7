"""The production-shape run's table: per server and phase, what the clients got."""

from __future__ import annotations

import argparse
import platform
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks import markdown as md
from benchmarks.machine import machine

MARKERS = ("<!-- production:results -->", "<!-- /production:results -->")
HEADER = [
    "server",
    "phase",
    "requests",
    "requests/s",
    "p50 ms",
    "p95 ms",
    "409s",
    "5xx",
    "of them 503 unavailable",
    "no answer",
    "slowest recovery s",
]


def rows_of(outcome: dict[str, Any]) -> list[list[str]]:
    rows = []
    for phase in outcome["phases"]:
        recovery = [fault["recovery_seconds"] for fault in phase["faults"]]
        rows.append(
            [
                outcome["spec"]["name"],
                phase["phase"],
                f"{phase['requests']:,}",
                f"{phase['requests_per_second']:,.1f}",
                md.ms(phase["p50_ms"]),
                md.ms(phase["p95_ms"]),
                str(phase["conflicts"]),
                str(phase["server_errors"]),
                str(phase["unavailable"]),
                str(phase["no_answer"]),
                f"{max(recovery):.2f}" if recovery else "",
            ]
        )
    return rows


def fault_lines(outcome: dict[str, Any]) -> list[str]:
    name = outcome["spec"]["name"]
    lines = [
        f"- {name}: at {fault['at']:.1f} s, {fault['kind']}: {fault['detail']}; "
        f"answered again {fault['recovery_seconds']:.2f} s later"
        for phase in outcome["phases"]
        for fault in phase["faults"]
    ]
    return lines + [f"- **{name}: {violation}**" for violation in outcome["violations"]]


def markdown(outcomes: Sequence[dict[str, Any]], args: argparse.Namespace) -> str:
    command = shlex.join(["python", "-m", "benchmarks", *sys.argv[1:]])
    checked = "every check passed" if not any(o["violations"] for o in outcomes) else "FAILED"
    lines = [
        f"{args.clients} clients against {args.workers} server workers on {machine()}; "
        f"Python {platform.python_version()}; {checked}:",
        "",
        f"    {command}",
        "",
        *md.table(HEADER, [row for outcome in outcomes for row in rows_of(outcome)]),
        "",
        "The faults, in order:",
        "",
        *[line for outcome in outcomes for line in fault_lines(outcome)],
        "",
    ]
    return "\n".join(lines)


def splice(page: Path, text: str) -> None:
    md.splice(page, text, MARKERS)
