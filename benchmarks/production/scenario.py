"""One server in front of one database, run in a process of its own (Django's database is
the scenario's): fill the tables, serve them, run the clients without faults and then with
faults, check everything; write the outcome as JSON.

``python -m benchmarks.production.scenario SPEC.json OUT.json`` (the run starts it).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import django

from benchmarks.production.spec import Spec


def main(spec_path: str, out_path: str) -> int:
    data = json.loads(Path(spec_path).read_text())
    spec = Spec(**{**data, "faults": tuple(data["faults"])})
    os.environ["ORDERKIT_BENCH_DATABASE_URL"] = spec.direct_url
    os.environ["ORDERKIT_BENCH_CONNECTIONS"] = "persistent"
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    django.setup()
    from benchmarks.production.play import play

    outcome = play(spec)
    Path(out_path).write_text(json.dumps(outcome, indent=2) + "\n")
    return 0 if not outcome["violations"] else 1


if __name__ == "__main__":
    started = time.monotonic()
    status = main(*sys.argv[1:3])
    sys.stderr.write(f"scenario finished in {time.monotonic() - started:.0f} s\n")
    raise SystemExit(status)
