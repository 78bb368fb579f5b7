"""The faults injected while the clients run, each followed by probes until the server
answers again: database backends terminated, a server worker killed, the database
restarted."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from benchmarks.production.workload import Outcome

#: What may answer a request that met each fault: its kind of answer, and the faults it
#: comes from. A connection lost or a database away is a 503 ``unavailable``; a worker
#: killed in the middle of a request leaves that request with no answer at all.
DATABASE_FAULTS = ("terminate", "restart")
WORKER_FAULTS = ("kill",)


@dataclass
class Fault:
    """One injected fault: when it was injected, what it hit, when the server answered a
    probe again."""

    kind: str
    started: float
    injected: float = 0.0
    recovered: float = 0.0
    detail: str = ""
    probes: list[Outcome] = field(default_factory=list)

    @property
    def recovery_seconds(self) -> float:
        return round(self.recovered - self.injected, 3)


@dataclass
class Target:
    """How to hurt the scenario's database and server."""

    #: End the database's backends (busy or idle); answers a description.
    terminate: Callable[[], str]
    #: Restart the database server, or None where the run does not own it.
    restart: Callable[[], str] | None
    #: The server's worker processes, and how to kill one.
    workers: Callable[[], list[int]]
    kill: Callable[[int], None]


class Injector(threading.Thread):
    """Injects ``kinds`` in turn, evenly spread over ``seconds``; after each, probes every
    50 ms until a probe is answered 200 (at most ``patience`` seconds)."""

    def __init__(
        self,
        target: Target,
        probe: Callable[[], Outcome],
        kinds: tuple[str, ...],
        seconds: float,
        seed: int,
        patience: float = 60.0,
    ) -> None:
        super().__init__(name="orderkit-faults")
        self.target, self.probe, self.kinds = target, probe, kinds
        self.seconds, self.patience = seconds, patience
        self.rng = random.Random(seed)
        self.faults: list[Fault] = []
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            begin = time.monotonic()
            for number, kind in enumerate(self.kinds):
                due = begin + self.seconds * (number + 1) / (len(self.kinds) + 1)
                time.sleep(max(0.0, due - time.monotonic()))
                self.faults.append(self.inject(kind))
        except BaseException as error:
            self.error = error

    def inject(self, kind: str) -> Fault:
        fault = Fault(kind, time.monotonic())
        if kind == "terminate":
            fault.detail = self.target.terminate()
        elif kind == "restart":
            assert self.target.restart is not None
            fault.detail = self.target.restart()
        else:
            pid = self.rng.choice(self.target.workers())
            self.target.kill(pid)
            fault.detail = f"worker {pid} killed (SIGKILL)"
        fault.injected = time.monotonic()
        deadline = fault.injected + self.patience
        while time.monotonic() < deadline:
            outcome = self.probe()
            fault.probes.append(outcome)
            if outcome.status == 200:
                fault.recovered = outcome.end
                return fault
            time.sleep(0.05)
        raise RuntimeError(f"The server did not answer within {self.patience} s after {kind}.")
