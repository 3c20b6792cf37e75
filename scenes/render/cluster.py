"""Rendering on a Dask cluster: every unit is a task.

``explainer render --cluster tcp://HOST:8786`` connects to a running Dask scheduler;
``--cluster local:N`` starts a ``LocalCluster`` of N worker processes on this machine.
Each worker needs this package (the same version), its voices and, for a project's own
scenes, the project folder at the same path.

A unit's task (:func:`render_unit`) runs on its worker as a local unit runs here: a
``python -m scenes._worker`` process (:func:`scenes.render.pool.spawn_worker`) with the
worker's own Typst and voice caches. The worker process first checks that the scene's
sources there give the source key this client computed, and refuses to render
otherwise. Its ``started``, ``waiting`` and ``progress`` events reach this process
through a Dask event topic. Where the worker reaches this client's media folder at the
same path (this machine, or a shared file system: a probe file tells), the unit works
in the run's work folder as a local unit does, and a whole scene publishes itself from
the worker; the task returns only its last event. Elsewhere the unit works in a scratch
folder of the worker and its part comes back as the task's result (the files as bytes)
or, with ``exchange``, through a folder or fsspec URL that both sides can reach; the
runner joins the parts and publishes them (:mod:`scenes.render.parts`).

Faults: when a worker dies mid-unit, Dask runs the unit again on another worker (up to
the scheduler's ``allowed-failures``, 3 by default) and it starts over. When the
scheduler goes away, the run ends with :class:`~scenes.render.runner.ClusterLostError`:
finished scenes are published, the others never reached the media folder, and the next
run renders only those. The workers' units stop as the client gives up (a Dask worker
outlives its scheduler), so none publishes after the run has ended.
"""

from __future__ import annotations

import logging
import os
import queue
import shutil
import socket
import tempfile
import threading
import time
import uuid
from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import Any

from scenes.render.pool import read_events, spawn_worker, stop_process
from scenes.render.worker import Job

__all__ = ["ClusterUnavailableError", "DaskPool", "UnitFailed", "parse_cluster", "render_unit"]

CONNECT_TIMEOUT = 20  # seconds to reach a scheduler
LOST_AFTER = 3.0  # seconds without a scheduler before the run gives up
STOP_POLL = 1.0  # seconds between a task's checks for "stop"
LOG_TAIL = 40  # lines of a failed unit's log sent back with its error
# A local cluster, set for a few tasks of minutes rather than Dask's many small ones:
# one unit per worker at a time keeps the queue longest first to the end (by default a
# busy worker is handed the next one too), and its upkeep (a 20 ms event-loop tick, a
# 10 ms profiler, a 100 ms memory check) cost a tenth of a core while the units render.
LOCAL_CLUSTER = {
    "distributed.scheduler.worker-saturation": 1.0,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
}


class ClusterUnavailableError(RuntimeError):
    """The Dask scheduler cannot be reached, or ``--cluster`` is not an address."""


class UnitFailed(RuntimeError):
    """A unit's worker process failed; ``kind`` is the worker's (``scene``, ``stale``,
    ``system``) and ``log`` its last lines."""

    def __init__(self, message: str, kind: str = "scene", log: str = ""):
        super().__init__(message, kind, log)
        self.message, self.kind, self.log = message, kind, log

    def __str__(self) -> str:
        return self.message


def parse_cluster(address: str) -> tuple[str, int | None]:
    """``("local", N)`` for ``local:N``, else ``(address, None)`` for a scheduler's address."""
    if address.startswith("local:"):
        try:
            workers = int(address.partition(":")[2])
        except ValueError:
            workers = 0
        if workers < 1:
            raise ClusterUnavailableError(
                f"--cluster {address}: local:N needs a number of workers, e.g. local:4"
            )
        return "local", workers
    if "://" not in address:
        raise ClusterUnavailableError(
            f"--cluster {address}: give a scheduler's address (tcp://HOST:8786) or local:N"
        )
    return address, None


# -- on the worker ---------------------------------------------------------------------


def render_unit(
    job_json: str,
    name: str,
    topic: str,
    exchange: str | None,
    voice: dict[str, Any] | None = None,
    probe: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """A Dask task: render one unit on this worker; its last event, or its part's files.

    ``probe`` is a file in the client's work folder and the token it holds. A worker that
    reads that token there reaches the client's media folder at the same path (the same
    machine, or a shared file system): the unit then runs exactly as a local one, in the
    client's work folder, and a whole scene publishes itself under its lock; the task
    returns the unit's ``done`` (or ``skipped``) event. Elsewhere the unit renders in a
    scratch folder of the worker and its part comes back as bytes, or through
    ``exchange``, for the client to publish.

    ``voice`` is the sound of every sentence of the scene (a narration task's result):
    the unit hears those rather than this worker's own cache, so every unit of a split
    scene, on whatever machine, times the scene alike (Piper's sound is random).
    """
    from distributed import get_worker

    from scenes.render.scene_info import typst_cache_dir, voice_cache_dir

    worker = get_worker()
    scratch = Path(tempfile.mkdtemp(prefix="explainer-unit-", dir=worker.local_directory))
    here = {"host": socket.gethostname(), "worker_pid": os.getpid()}
    shared = reaches(probe)
    env = _as_locally()
    try:
        job = replace(
            Job.from_json(job_json),
            typst_cache=str(typst_cache_dir()),  # this worker's own cache
            parent_pid=os.getpid(),
            verify_sources=True,
        )
        if not shared:
            job = replace(job, work_dir=str(scratch), media_dir=str(scratch), publish=False)
        if voice is not None:
            cache = scratch / "cache"
            sounds = voice_cache_dir(cache)
            sounds.mkdir(parents=True)
            for file_name, data in voice["files"].items():
                (sounds / file_name).write_bytes(data)
            env["XDG_CACHE_HOME"] = str(cache)
        log_path = scratch / "worker.log"
        with log_path.open("wb") as log:
            process = spawn_worker(job, log, env)
        watch_for_stop(process, stop_event(topic, name))
        outcome: dict[str, Any] = {}
        for event in read_events(process):
            kind = event.get("event")
            if kind in ("started", "waiting", "progress"):
                worker.log_event(topic, {"unit": name, **event, **here})
            elif kind in ("done", "skipped", "failed", "exited"):
                outcome.setdefault(kind, event)
        last = outcome.get("done") or outcome.get("skipped")
        if last is None:
            failed = outcome.get("failed", {})
            code = outcome.get("exited", {}).get("code")
            raise UnitFailed(
                f"{failed.get('message') or f'worker exited with code {code}'} (on {here['host']})",
                failed.get("kind", "scene"),
                _tail(log_path),
            )
        if shared:
            return last
        return _ship(Path(last["part"]), exchange, topic, name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _as_locally() -> dict[str, str | None]:
    """What a unit's process unsets to run as it would on this machine without Dask.

    A Dask nanny tunes its worker's environment for Dask's many small tasks
    (``distributed.nanny.pre-spawn-environ``), and a process it starts would inherit
    that: glibc's trim threshold fixed at 64 kB maps and unmaps every frame's buffers
    anew, and a render ran 60 % slower.
    """
    import dask
    import distributed  # noqa: F401  (its settings join dask's)

    tuned = dask.config.get("distributed.nanny.pre-spawn-environ", default={}) or {}
    return {name: None for name, value in tuned.items() if os.environ.get(name) == str(value)}


def write_probe(folder: Path) -> tuple[str, str]:
    """A file in ``folder`` holding a fresh token: the probe :func:`reaches` reads."""
    token = uuid.uuid4().hex
    path = folder / "probe"
    path.write_text(token, encoding="utf-8")
    return str(path), token


def reaches(probe: tuple[str, str] | None) -> bool:
    """Whether this machine reads the client's probe at its path (see :func:`render_unit`)."""
    if probe is None:
        return False
    path, token = probe
    try:
        return Path(path).read_text(encoding="utf-8") == token
    except (OSError, UnicodeDecodeError):
        return False


def stop_event(topic: str, name: str) -> str:
    """The name of the Dask event by which the client stops the unit ``name``."""
    return f"{topic}-stop-{name}"


def watch_for_stop(process, event: str) -> None:
    """In a task: stop ``process`` when the client sets ``event`` (see
    :func:`_stop_when_asked`), watching from a thread of its own."""
    from distributed import Event, get_client

    # Given the worker's client here: a thread that is no task cannot find it itself.
    stop = Event(event, client=get_client())
    threading.Thread(target=_stop_when_asked, args=(process, stop), daemon=True).start()


def _stop_when_asked(process, stop) -> None:
    """End the unit's process when the client asks (it was cancelled or interrupted), or
    once the scheduler has been gone as long as the client waits for it: a Dask worker
    outlives its scheduler, and a unit of a run that has ended must not publish."""
    import signal

    lost_since = None
    while process.poll() is None:
        try:
            asked = stop.wait(timeout=STOP_POLL)
            lost_since = None
        except Exception:  # no scheduler to ask
            asked = False
            lost_since = lost_since or time.monotonic()
            time.sleep(STOP_POLL)
        if asked or (lost_since is not None and time.monotonic() - lost_since >= LOST_AFTER):
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            stop_process(process, time.monotonic() + 2.0)
            return


def _tail(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").rstrip().splitlines()
    except OSError:
        return ""
    return "\n".join(lines[-LOG_TAIL:])


def _ship(part: Path, exchange: str | None, topic: str, name: str) -> dict[str, Any]:
    """The part's files as bytes, or copied to ``exchange/<topic>/<name>/``."""
    files = sorted(p for p in part.iterdir() if p.is_file())
    if exchange is None:
        return {"files": {p.name: p.read_bytes() for p in files}}
    from fsspec.core import url_to_fs

    fs, root = url_to_fs(exchange)
    folder = f"{root.rstrip('/')}/{topic}/{name}"
    fs.makedirs(folder, exist_ok=True)
    for path in files:
        fs.put_file(str(path), f"{folder}/{path.name}")
    return {"exchange": folder, "names": [p.name for p in files]}


# -- on the client -----------------------------------------------------------------------


class DaskPool:
    """Units as tasks of a Dask cluster; their events and parts on the runner's queue."""

    def __init__(self, address: str, events: queue.Queue, work: Path, exchange: str | None):
        self.address = address
        self.events = events
        self.work = work
        self.exchange = exchange
        self.topic = f"explainer-{uuid.uuid4().hex[:12]}"
        self.probe = write_probe(work)
        self.futures: dict[str, Any] = {}
        self.narrations: dict[str, Any] = {}  # a split scene's narration task, by stem
        self.logs: dict[str, Path] = {}
        self.stopping = False
        self.cluster, self.client = _connect(address)
        self.workers = max(1, sum(self.client.nthreads().values()))
        self.capacity = 1 << 30  # every unit goes to the scheduler's queue at once
        self.priority = 1 << 20  # the first submitted (the longest) the most urgent
        self.client.subscribe_topic(self.topic, self._on_event)
        self._watching = True
        threading.Thread(target=self._watch_scheduler, daemon=True).start()

    def describe(self) -> str:
        return f"on the Dask cluster at {self.address} ({self.workers} workers)"

    def start(self, name: str, job: Job, log: Path) -> None:
        self.logs[name] = log
        self.priority -= 1
        voice = self._narration(job) if job.chunk is not None else None
        future = self.client.submit(
            render_unit,
            job.to_json(),
            name,
            self.topic,
            self.exchange,
            voice,
            self.probe,
            key=f"{name}-{self.topic}",
            pure=False,
            priority=self.priority,
        )
        self.futures[name] = future
        future.add_done_callback(lambda f, name=name: self._on_done(name, f))

    def _narration(self, job: Job) -> Any:
        """The task that records the sound of a split scene's sentences, once per scene: its
        units, on any worker, take it as their voice cache (see :func:`render_unit`)."""
        if job.stem not in self.narrations:
            narrate = replace(job, narrate=True, chunk=None)
            self.narrations[job.stem] = self.client.submit(
                render_unit,
                narrate.to_json(),
                f"{job.stem}-narration",
                self.topic,
                None,
                key=f"{job.stem}-narration-{self.topic}",
                pure=False,
                priority=self.priority + 1,  # before the units that need it
            )
        return self.narrations[job.stem]

    def _on_event(self, event: tuple[float, dict[str, Any]]) -> None:
        message = dict(event[1])
        name = message.pop("unit", None)
        if name in self.futures:
            self.events.put((name, message))

    def _on_done(self, name: str, future: Any) -> None:
        """In Dask's callback thread: the unit's last event (its part received into the
        work folder if it came as files), or its error."""
        if self.stopping:
            return
        if self.client.status != "running":
            self._say_lost()
            return
        if future.status == "cancelled":
            self.events.put((name, {"event": "exited", "code": None}))
            return
        try:
            shipped = future.result()
            event = shipped if "event" in shipped else self._receive(name, shipped)
        except UnitFailed as failed:
            self.logs[name].write_text(failed.log + "\n", encoding="utf-8")
            event = {"event": "failed", "kind": failed.kind, "message": str(failed)}
            self.events.put((name, event))
        except Exception as error:  # the task itself failed (a worker that died too often...)
            message = f"{type(error).__name__}: {error}".strip()
            self.events.put((name, {"event": "failed", "kind": "cluster", "message": message}))
        else:
            self.events.put((name, event))
        finally:
            self.events.put((name, {"event": "exited", "code": 0}))

    def _receive(self, name: str, shipped: dict[str, Any]) -> dict[str, Any]:
        """The part's files into the work folder; the ``done`` event that says where."""
        part = self.work / name / "part"
        part.mkdir(parents=True, exist_ok=True)
        if "files" in shipped:
            for file_name, data in shipped["files"].items():
                (part / file_name).write_bytes(data)
        else:
            from fsspec.core import url_to_fs

            fs, _ = url_to_fs(self.exchange)
            for file_name in shipped["names"]:
                fs.get_file(f"{shipped['exchange']}/{file_name}", str(part / file_name))
            fs.rm(shipped["exchange"], recursive=True)
        return {"event": "done", "part": str(part)}

    def _watch_scheduler(self) -> None:
        """Say once that the scheduler is gone, when the client has lost it for a while."""
        lost_since = None
        while self._watching:
            time.sleep(0.5)
            if self.client.status == "running":
                lost_since = None
                continue
            lost_since = lost_since or time.monotonic()
            if time.monotonic() - lost_since >= LOST_AFTER and not self.stopping:
                self._say_lost()
                return

    def _say_lost(self) -> None:
        # Our one line says it: not the client's tracebacks as it gives up reconnecting.
        for name in [*logging.root.manager.loggerDict, "distributed"]:
            if name.startswith("distributed"):
                logging.getLogger(name).setLevel(logging.CRITICAL)
        message = (
            f"lost the Dask scheduler at {self.address}: the scenes that finished are "
            "published, the others are not; run the same command again to render the rest"
        )
        self.events.put(("*", {"event": "lost", "message": message}))

    def finished(self, name: str) -> None:
        self.futures.pop(name, None)

    def cancel(self, name: str) -> None:
        future = self.futures.get(name)
        if future is None:
            return
        self._ask_to_stop(name)
        future.cancel()

    def _ask_to_stop(self, name: str) -> None:
        from distributed import Event

        with suppress(Exception):  # no scheduler to tell: its workers stop with it
            Event(stop_event(self.topic, name), client=self.client).set()

    def stop_all(self) -> None:
        self.stopping = True
        if self.client.status != "running":
            return
        for name, future in list(self.futures.items()):
            if future.status == "pending":
                self._ask_to_stop(name)
        self.client.cancel(list(self.futures.values()))

    def close(self) -> None:
        self._watching = False
        self.stopping = True
        with suppress(Exception):  # a client that lost its scheduler may fail to close
            self.client.close(timeout=5)
        if self.cluster is not None:
            self.cluster.close(timeout=10)


def _connect(address: str) -> tuple[Any, Any]:
    """A client of ``address`` (and, for ``local:N``, the cluster it started)."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterUnavailableError(
            "rendering on a cluster needs Dask: pip install 'infotheory-explainer[cluster]'"
        ) from None
    target, workers = parse_cluster(address)
    if workers is not None:
        with dask.config.set(LOCAL_CLUSTER):
            cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,  # a unit's worker process uses a core of its own
                processes=True,
                dashboard_address=":0",  # any free port: two runs at once do not clash
                silence_logs=logging.ERROR,
            )
            return cluster, Client(cluster)
    try:
        return None, Client(target, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as error:
        raise ClusterUnavailableError(
            f"cannot reach the Dask scheduler at {target}: {error}"
        ) from None
