"""A fork server for render workers: manim is imported once per run, not once per scene.

A worker process spends about 1.3 CPU seconds starting Python and importing
manim, numpy, SciPy and the scene kit before it draws anything: over the
explainer's 14 scenes, 18 CPU seconds of a 2-core render that lasts under five
minutes. :class:`ForkServer` starts one process (``python -m scenes._zygote``)
that imports all of that once, then forks a worker for each job. Each forked
worker is what :func:`scenes.render.pool.spawn_worker` starts, already past its
imports: its own process group, its events on the pipe the pool gave it, its
stderr into the scene's log, the same job; only its parent is the server.

- The server dies with the pool (``PR_SET_PDEATHSIG``, and it checks), and each
  worker dies with the server, as a worker dies with the pool.
- The server holds no thread when it forks, and reaps its workers: it reports
  each one's exit code to the pool, which is all ``Popen.wait`` gave before.
- If the server cannot start (manim does not import, or no ``fork`` and
  descriptor passing here), the pool starts workers itself, as before.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import traceback
from typing import IO, Any

__all__ = ["ForkServer", "ForkServerUnavailable", "ForkedWorker", "available", "serve"]

# What every worker imports before it draws: imported once, in the server.
PRELOAD = (
    "manim",
    "scenes.kit",
    "scenes.kit.frames",
    "scenes.render.worker",
    "scenes.render.publish",
    "scenes.render.sound",
    "scenes.render.join",
    "scenes.voice.loudness",
    "scenes.kit.pacing",
    "pyloudnorm",
    "typst",
)
READY_TIMEOUT = 120.0  # seconds the server may take to import (a cold disk cache)
REAP_EVERY = 0.05  # seconds between the server's checks for ended workers
MESSAGE = 1 << 20  # the largest message: a job is a few kB


class ForkServerUnavailable(RuntimeError):
    """The fork server could not start, or has stopped: start workers directly."""


def available() -> bool:
    """Whether this platform can fork workers and pass them their pipes."""
    return sys.platform.startswith("linux") and hasattr(socket, "send_fds")


# -- the server -------------------------------------------------------------------


def serve(control_fd: int, pool_pid: int) -> int:
    """Run the server: import, say ready, then fork a worker per request until the
    pool closes the socket or dies."""
    _die_with(pool_pid)
    control = socket.socket(fileno=control_fd)
    try:
        for module in PRELOAD:
            __import__(module)
    except BaseException as error:  # the pool then starts workers itself
        _send(control, {"failed": f"{type(error).__name__}: {error}"})
        return 1
    _send(control, {"ready": True})
    while os.getppid() == pool_pid:
        _report_ended(control)
        readable, _, _ = select.select([control], [], [], REAP_EVERY)
        if not readable:
            continue
        try:
            data, fds, _, _ = socket.recv_fds(control, MESSAGE, 2)
        except OSError:
            break
        if not data:  # the pool closed its end: the run is over
            break
        try:
            pid = _fork_worker(data.decode(), fds, control)
        finally:
            for fd in fds:
                os.close(fd)
        _send(control, {"forked": pid})
    return 0


def _fork_worker(job_text: str, fds: list[int], control: socket.socket) -> int:
    from scenes.render import worker

    job = worker.Job.from_json(job_text)
    job.parent_pid = os.getpid()  # the worker dies with this server
    pid = os.fork()
    if pid:
        return pid
    code = worker.EXIT_FAILED
    try:  # the worker: never return into the server's loop
        control.close()
        os.setsid()  # its own process group, as spawn_worker gives it
        events, log = fds
        stdin = os.open(os.devnull, os.O_RDONLY)
        for fd, target in ((stdin, 0), (events, 1), (log, 2)):
            os.dup2(fd, target)
            os.close(fd)
        code = worker.main(job.to_json())
    except BaseException:
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


def _report_ended(control: socket.socket) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        _send(control, {"pid": pid, "code": os.waitstatus_to_exitcode(status)})


def _send(control: socket.socket, message: dict[str, Any]) -> None:
    with contextlib.suppress(OSError):  # the pool is gone: nobody to tell
        control.send(json.dumps(message).encode())


def _die_with(pool_pid: int) -> None:
    from scenes.render.worker import killed_with_parent

    killed_with_parent()
    if os.getppid() != pool_pid:
        os._exit(1)


# -- the pool's side ----------------------------------------------------------------


class ForkedWorker:
    """A worker the server forked, as much of ``subprocess.Popen`` as the pool uses."""

    def __init__(self, pid: int, stdout: IO[bytes]) -> None:
        self.pid = pid
        self.stdout = stdout
        self.returncode: int | None = None
        self._ended = threading.Event()

    def ended(self, code: int) -> None:
        self.returncode = code
        self._ended.set()

    def wait(self, timeout: float | None = None) -> int:
        if not self._ended.wait(timeout):
            raise subprocess.TimeoutExpired(f"worker {self.pid}", timeout or 0.0)
        assert self.returncode is not None
        return self.returncode


class ForkServer:
    """The server process of one run, started at once; :meth:`spawn` waits until it is
    ready, and raises :class:`ForkServerUnavailable` if it never was or has stopped."""

    def __init__(
        self,
        env: dict[str, str],
        label: str,
        log: IO[bytes] | None = None,
        module: str = "scenes._zygote",  # the server's entry point (tests break it)
    ) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        # The label (the run's work folder) names the process in ps, as a worker's
        # arguments do.
        command = [sys.executable, "-m", module, str(theirs.fileno())]
        command += [str(os.getpid()), label]
        try:
            self.process = subprocess.Popen(
                command,
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=log if log is not None else subprocess.DEVNULL,
                env=env,
                start_new_session=True,  # Ctrl-C is the pool's to pass on
            )
        finally:
            theirs.close()
        self._socket = ours
        self._lock = threading.Lock()  # one request at a time
        self._changed = threading.Condition()
        self._state = "starting"  # then "ready" or "stopped"
        self._forked: int | None = None  # the pid of the worker last asked for
        self._workers: dict[int, ForkedWorker] = {}
        self._codes: dict[int, int] = {}  # exit codes of workers not yet registered
        self.reason = ""
        threading.Thread(target=self._listen, daemon=True).start()

    def spawn(self, job_text: str, log: IO[bytes]) -> ForkedWorker:
        """A worker for ``job_text``, its stderr into ``log``; its events come on its
        ``stdout``."""
        with self._lock:
            self._wait_for(lambda: self._state != "starting", READY_TIMEOUT)
            if self._state != "ready":
                raise ForkServerUnavailable(self.reason or "the fork server stopped")
            read_end, write_end = os.pipe()
            self._forked = None
            try:
                socket.send_fds(self._socket, [job_text.encode()], [write_end, log.fileno()])
            except OSError as error:
                os.close(read_end)
                raise ForkServerUnavailable(f"the fork server stopped: {error}") from error
            finally:
                os.close(write_end)  # the worker holds it: its end is our end of file
            self._wait_for(lambda: self._forked is not None or self._state == "stopped", None)
            if self._forked is None:
                os.close(read_end)
                raise ForkServerUnavailable(self.reason or "the fork server stopped")
            pid = self._forked
            worker = ForkedWorker(pid, os.fdopen(read_end, "rb"))
            with self._changed:
                self._workers[pid] = worker
                if pid in self._codes:  # it ended before we got here
                    worker.ended(self._codes.pop(pid))
            return worker

    def close(self) -> None:
        """End the server (its workers have ended: the pool waits for them first)."""
        with contextlib.suppress(OSError):
            self._socket.shutdown(socket.SHUT_RDWR)
        self._socket.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _wait_for(self, condition, timeout: float | None) -> None:
        with self._changed:
            if not self._changed.wait_for(condition, timeout):
                self._state = "stopped"
                self.reason = "the fork server did not start in time"

    def _listen(self) -> None:
        while True:
            try:
                data = self._socket.recv(MESSAGE)
            except OSError:
                data = b""
            if not data:
                break
            message = json.loads(data)
            with self._changed:
                if "ready" in message:
                    self._state = "ready"
                elif "failed" in message:
                    self._state, self.reason = "stopped", message["failed"]
                elif "forked" in message:
                    self._forked = message["forked"]
                elif message["pid"] in self._workers:
                    self._workers.pop(message["pid"]).ended(message["code"])
                else:
                    self._codes[message["pid"]] = message["code"]
                self._changed.notify_all()
        # The server is gone, and with it every worker it forked (they die with it).
        with self._changed:
            self._state = "stopped"
            self.reason = self.reason or "the fork server stopped"
            for worker in self._workers.values():
                worker.ended(-signal.SIGKILL)
            self._workers.clear()
            self._changed.notify_all()
