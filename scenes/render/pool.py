"""Worker processes on this machine: the local way to run render units.

Each unit runs as ``python -m scenes._worker`` (:mod:`scenes.render.worker`) in its own
process group, with the job on stdin and its events, one JSON object a line, on stdout.
:class:`LocalPool` starts at most ``jobs`` of them and puts every event on one queue as
``(unit name, event)``, ending each unit's stream with ``{"event": "exited", "code": N}``.
It forks them from a server that has imported manim once for the run
(:mod:`scenes.render.zygote`; ``EXPLAINER_FORK_SERVER=0`` starts each one afresh).
The Dask executor (:mod:`scenes.render.cluster`) starts the same processes on its
workers with :func:`spawn_worker`, so a unit renders the same way everywhere.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import IO, Any

from scenes.render.worker import Job
from scenes.render.zygote import ForkServer, ForkServerUnavailable, available

__all__ = ["GRACE", "LocalPool", "read_events", "spawn_worker", "stop_process"]

GRACE = 2.0  # seconds a worker gets between SIGTERM and SIGKILL
PROJECT_ROOT = str(Path(__file__).resolve().parents[2])
# glibc's allocator for a render: every frame is a new 8 MB array (33 MB at 4K), which
# by default glibc maps and unmaps from the kernel now and then, faulting its pages in
# afresh. Fixed thresholds above a frame keep them in the heap for reuse: half the page
# faults and about 1 s less system time per 1080p scene (one run each way, part 1).
# A variable the environment already sets wins.
FRAME_ALLOCATOR = {
    "MALLOC_MMAP_THRESHOLD_": str(64 << 20),
    "MALLOC_TRIM_THRESHOLD_": str(256 << 20),
}


def _worker_env(extra: dict[str, str | None] | None = None) -> dict[str, str]:
    """This process's environment, changed by ``extra`` (``None`` unsets a variable)."""
    changed = {**os.environ, **(extra or {})}
    env = {name: value for name, value in changed.items() if value is not None}
    for name, value in FRAME_ALLOCATOR.items():
        if changed.get(name) is None:  # not set, or unset on purpose: ours
            env[name] = value
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (PROJECT_ROOT, os.environ.get("PYTHONPATH", "")) if p
    )
    # Python salts its string hashes per process, and some drawing code iterates over
    # sets: two renders of one scene then differed in a few pixels. A fixed seed makes
    # every render of a scene, whole or split, draw the same frames.
    env["PYTHONHASHSEED"] = "0"
    return env


def spawn_worker(
    job: Job, log: IO[bytes], env: dict[str, str | None] | None = None
) -> subprocess.Popen:
    """Start the worker process for ``job`` (its stderr into ``log``), in this process's
    environment changed by ``env``; its events come on its stdout (:func:`read_events`)."""
    process = subprocess.Popen(
        # The arguments only label the process (ps); the job comes on stdin.
        [sys.executable, "-m", "scenes._worker", job.stem, job.quality, job.work_dir],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=log,
        env=_worker_env(env),
        start_new_session=True,  # its own process group: Ctrl-C is ours to pass on
    )
    assert process.stdin is not None
    # A worker that dies at once closes its stdin; its exit code is reported later.
    with suppress(BrokenPipeError):
        process.stdin.write(job.to_json().encode())
        process.stdin.close()
    return process


def read_events(process: Any) -> Iterator[dict[str, Any]]:
    """The worker's events, then ``{"event": "exited", "code": N}`` once it has exited."""
    assert process.stdout is not None
    for line in process.stdout:
        try:
            yield json.loads(line)
        except ValueError:
            continue
    yield {"event": "exited", "code": process.wait()}


def stop_process(process: Any, deadline: float) -> None:
    """SIGKILL ``process``'s group if it has not ended by ``deadline`` (monotonic)."""
    try:
        process.wait(timeout=max(0.0, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        _signal_group(process, signal.SIGKILL)
        process.wait()


def _signal_group(process: Any, sig: int) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


class LocalPool:
    """At most ``jobs`` worker processes at once on this machine, forked from a server
    started now if ``work`` (the run's folder, which keeps the server's log) is given."""

    def __init__(self, jobs: int, events: queue.Queue, work: Path | None = None) -> None:
        self.capacity = self.workers = jobs
        self.events = events
        self.processes: dict[str, Any] = {}  # Popen, or ForkedWorker
        self.server: ForkServer | None = None
        wanted = os.environ.get("EXPLAINER_FORK_SERVER", "1") != "0"
        if work is not None and wanted and available():
            # Started before the first unit is ready: it imports while the run plans.
            with (work / "fork-server.log").open("wb") as log:
                self.server = ForkServer(_worker_env(), label=str(work), log=log)

    def describe(self) -> str:
        return f"{self.capacity} at a time"

    def start(self, name: str, job: Job, log: Path) -> None:
        with log.open("wb") as log_handle:
            process = self._spawn(job, log_handle)
        self.processes[name] = process
        threading.Thread(target=self._forward, args=(name, process), daemon=True).start()

    def _spawn(self, job: Job, log: IO[bytes]) -> Any:
        if self.server is not None:
            try:
                return self.server.spawn(job.to_json(), log)
            except ForkServerUnavailable as error:
                log.write(f"starting each worker afresh: {error}\n".encode())
                log.flush()
                self.server = None
        return spawn_worker(job, log)

    def _forward(self, name: str, process: Any) -> None:
        for event in read_events(process):
            self.events.put((name, event))

    def finished(self, name: str) -> None:
        self.processes.pop(name, None)

    def cancel(self, name: str) -> None:
        """Stop one unit (its sibling failed); its ``exited`` event still comes."""
        process = self.processes.get(name)
        if process is not None:
            _signal_group(process, signal.SIGTERM)

    def stop_all(self) -> None:
        """SIGTERM every worker's process group, then SIGKILL what is left after a grace."""
        running = list(self.processes.values())
        for process in running:
            _signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + GRACE
        for process in running:
            stop_process(process, deadline)

    def close(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
