"""The fork server: workers forked from one process that imported manim once.

Real processes: the server, its workers, their pipes and signals. A job whose
scene module does not exist fails fast after the imports, which is all these
tests need from a worker; the command-line tests render through the server too.
"""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys

import pytest
from cli_checks import wait_for

from scenes.render.atomic import exclusive_lock
from scenes.render.pool import LocalPool, _worker_env, read_events
from scenes.render.worker import EXIT_FAILED, Job
from scenes.render.zygote import ForkedWorker, ForkServer, ForkServerUnavailable, available

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not available(), reason="no fork server on this platform"),
]


def _job(tmp_path) -> Job:
    return Job(
        module="no_such_scene_module",
        class_name="Missing",
        stem="01-missing",
        quality="low",
        fmt="mp4",
        media_dir=str(tmp_path / "media"),
        work_dir=str(tmp_path / "work"),
        typst_cache=str(tmp_path / "typst"),
        key="key",
        source_key="sources",
        parent_pid=os.getpid(),
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """One server for the tests that only fork from it (each start imports manim)."""
    folder = tmp_path_factory.mktemp("fork-server")
    with (folder / "server.log").open("wb") as log:
        server = ForkServer(_worker_env(), label=str(folder), log=log)
    yield server
    server.close()


def test_a_forked_worker_reports_its_events_its_log_and_its_exit_code(server, tmp_path):
    log = tmp_path / "worker.log"
    with log.open("wb") as handle:
        worker = server.spawn(_job(tmp_path).to_json(), handle)
    assert isinstance(worker, ForkedWorker)
    events = list(read_events(worker))
    assert events[0] == {"event": "started", "pid": worker.pid}
    failed = events[-2]
    assert failed["event"] == "failed" and "no_such_scene_module" in failed["message"]
    assert events[-1] == {"event": "exited", "code": EXIT_FAILED}
    assert "ModuleNotFoundError" in log.read_text()  # its stderr went to the scene's log
    assert worker.pid != server.process.pid


def test_a_forked_worker_is_its_own_process_group_and_its_signal_is_reported(server, tmp_path):
    job = _job(tmp_path)
    with exclusive_lock(job.outputs.lock_file):  # the worker waits for the scene's lock
        with (tmp_path / "worker.log").open("wb") as handle:
            worker = server.spawn(job.to_json(), handle)
        waiting = iter(read_events(worker))
        assert next(waiting)["event"] == "waiting"
        assert os.getpgid(worker.pid) == worker.pid  # pool.stop_all signals its group
        with pytest.raises(subprocess.TimeoutExpired):
            worker.wait(timeout=0.1)
        os.killpg(worker.pid, signal.SIGTERM)
        assert worker.wait(timeout=10) == -signal.SIGTERM


def test_the_pool_forks_from_its_server_and_closing_the_pool_ends_it(tmp_path):
    events: queue.Queue = queue.Queue()
    pool = LocalPool(1, events, tmp_path)
    server = pool.server
    assert server is not None
    pool.start("unit", _job(tmp_path), tmp_path / "unit.log")
    assert isinstance(pool.processes["unit"], ForkedWorker)
    got = _until_exit(events)
    assert got[-1] == ("unit", {"event": "exited", "code": EXIT_FAILED})
    pool.close()
    assert server.process.poll() is not None


def test_a_server_that_cannot_start_leaves_the_pool_starting_workers_itself(tmp_path):
    env = _worker_env()
    broken = ForkServer(env, label=str(tmp_path), module="no_such_server")  # exits at once
    with pytest.raises(ForkServerUnavailable), (tmp_path / "x.log").open("wb") as handle:
        broken.spawn(_job(tmp_path).to_json(), handle)
    broken.close()

    events: queue.Queue = queue.Queue()
    pool = LocalPool(1, events)  # no work folder: no server of its own
    pool.server = ForkServer(env, label=str(tmp_path), module="no_such_server")
    pool.start("unit", _job(tmp_path), tmp_path / "unit.log")
    assert isinstance(pool.processes["unit"], subprocess.Popen)
    assert pool.server is None
    got = _until_exit(events)
    assert got[-1] == ("unit", {"event": "exited", "code": EXIT_FAILED})
    assert "starting each worker afresh" in (tmp_path / "unit.log").read_text()
    pool.close()


def test_the_server_dies_with_its_pool(tmp_path):
    # A pool process that starts a server, says its pid, then waits to be killed.
    script = (
        "import os, sys\n"
        "from scenes.render.pool import _worker_env\n"
        "from scenes.render.zygote import ForkServer\n"
        f"server = ForkServer(_worker_env(), label={str(tmp_path)!r})\n"
        "print(server.process.pid, flush=True)\n"
        "sys.stdin.read()\n"
    )
    pool = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=_worker_env(),
    )
    server_pid = int(pool.stdout.readline())
    assert _alive(server_pid)
    pool.kill()
    pool.wait()
    wait_for(lambda: not _alive(server_pid), timeout=10)


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def _until_exit(events: queue.Queue) -> list:
    """Every event of the pool's one unit, up to its exit."""
    got = [events.get(timeout=60)]
    while got[-1][1]["event"] != "exited":
        got.append(events.get(timeout=60))
    return got
