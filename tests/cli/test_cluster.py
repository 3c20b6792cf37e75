"""`explainer render --cluster`: units as Dask tasks on a LocalCluster or a scheduler of its
own, batches in one queue, and the faults: a worker killed mid-unit, a scheduler gone, a
worker with other sources."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from cli_checks import (
    BEATS,
    ancestry,
    assert_complete,
    descendants,
    leftovers,
    outputs,
    wait_for,
)

from scenes.render.runner import Variant, render_batch

pytestmark = pytest.mark.slow

DASK = str(Path(sys.executable).with_name("dask"))


def _assert_same_files(ours, theirs) -> None:
    """Two renders of one scene published the same files, byte for byte, and the same
    key file but for its times."""
    mine, other = json.loads(ours.key_file.read_text()), json.loads(theirs.key_file.read_text())
    assert mine["files"] == other["files"]
    for name in mine["files"]:
        assert (ours.folder / name).read_bytes() == (theirs.folder / name).read_bytes(), name
    timed = ("render_seconds", "publish_seconds", "rendered_at", "frame_cost")
    assert {k: v for k, v in mine.items() if k not in timed} == {
        k: v for k, v in other.items() if k not in timed
    }


def test_a_batch_renders_on_a_local_cluster_with_progress_and_as_locally(tiny, tmp_path):
    """Two themes × two voices of a scene, four units in one queue on two workers, which
    reach the media folder: each publishes its scene itself, nothing travels."""
    seen = []
    voices = [{}, {"tiny-one": {"voice": "espeak"}}]
    variants = [Variant("low", theme, v) for v in voices for theme in ("dark", "light")]
    exchange = tmp_path / "exchange"  # for parts, if any came back: none do
    report = render_batch(
        tiny.entries[:1],
        variants,
        media_dir=tiny.media,
        cluster="local:2",
        exchange=str(exchange),
        on_update=lambda r: seen.append((r.stem, r.status, r.progress)),
    )
    stems = ["01-tiny-one", "01-tiny-one~theme=light"]
    stems += ["01-tiny-one~voice=espeak", "01-tiny-one~voice=espeak~theme=light"]
    assert [r.stem for r in report.results] == stems
    assert all(r.status == "rendered" for r in report.results), report.results
    for stem in stems:
        assert_complete(outputs(tiny.media, stem))
    assert not exchange.exists()
    # Each unit's progress reached this process while it rendered.
    assert {stem for stem, status, progress in seen if status == "rendering" and progress > 0} == (
        set(stems)
    )
    # The same scene rendered here, without a cluster, is the same film.
    local = tmp_path / "local"
    here = tiny.drive("render", "tiny-one", "-q", "low", "--media-dir", str(local))
    assert here.wait(timeout=120) == 0, here.communicate()
    _assert_same_files(outputs(local, "01-tiny-one"), outputs(tiny.media, "01-tiny-one"))


def test_a_worker_that_cannot_reach_the_media_folder_sends_its_files_back(
    tiny, tmp_path, monkeypatch
):
    """A probe that reads another token (as on a machine without the client's folder):
    the unit renders in the worker's scratch folder and its part comes back through the
    exchange folder for this process to publish."""
    import scenes.render.cluster as cluster

    def elsewhere(folder: Path) -> tuple[str, str]:
        path, token = cluster_probe(folder)
        return path, token[::-1]

    cluster_probe = cluster.write_probe
    monkeypatch.setattr(cluster, "write_probe", elsewhere)
    exchange = tmp_path / "exchange"
    report = render_batch(
        tiny.entries[:1], [Variant("low")], media_dir=tiny.media, cluster="local:1",
        exchange=str(exchange),
    )  # fmt: skip
    assert [r.status for r in report.results] == ["rendered"], [r.message for r in report.results]
    assert exchange.is_dir() and not [p for p in exchange.rglob("*") if p.is_file()]
    assert leftovers(tiny.media) == []
    assert_complete(outputs(tiny.media, "01-tiny-one"))


def test_the_command_line_batch_is_every_params_file_theme_and_quality(tiny, cli, monkeypatch):
    import scenes.cli.render as render_cli

    calls = {}

    def fake_batch(entries, variants, **options):
        calls.update(variants=variants, options=options)
        raise KeyboardInterrupt  # nothing to render: stop before any worker

    monkeypatch.setattr(render_cli, "render_batch", fake_batch)
    (tiny.folder / "a.toml").write_text('[all]\nvoice = "espeak"\n')
    (tiny.folder / "b.toml").write_text("[all]\nspeaking_rate = 1.2\n")
    args = ["render", "1", "--params", str(tiny.folder / "a.toml")]
    args += ["--params", str(tiny.folder / "b.toml"), "--theme", "dark,light", "-q", "low,high"]
    cli(*args, "--cluster", "tcp://example:8786", "--split", "3")
    variants = calls["variants"]
    assert len(variants) == 8
    assert {(v.quality, v.theme) for v in variants} == {
        (q, t) for q in ("low", "high") for t in ("dark", "light")
    }
    assert {json.dumps(v.overrides, sort_keys=True) for v in variants} == {
        '{"tiny-one": {"voice": "espeak"}}',
        '{"tiny-one": {"speaking_rate": 1.2}}',
    }
    assert calls["options"]["cluster"] == "tcp://example:8786"
    assert calls["options"]["split"] == "3"
    bad = cli("render", "1", "--theme", "dark,purple")
    assert bad.exit_code == 2 and "'purple' is not one of 'dark', 'light'" in bad.stderr


def test_a_worker_killed_mid_unit_is_replaced_and_the_run_completes(tiny):
    run = tiny.drive(
        "render", "tiny-one", "-q", "low", "--media-dir", str(tiny.media),
        "--cluster", "local:2", "--split", "2", env={"TINY_SLOW": "0.05"},
    )  # fmt: skip
    units = wait_for(
        lambda: descendants(run.pid, b"scenes._worker") or run.poll() is not None, timeout=90
    )
    assert run.poll() is None, run.communicate()
    dask_worker = ancestry(units[0])[0]  # the unit's process is a child of its Dask worker
    os.kill(dask_worker, signal.SIGKILL)
    # The lost unit starts again in a new process (on the other worker or a new one).
    wait_for(
        lambda: set(descendants(run.pid, b"scenes._worker")) - set(units) or run.poll() is not None
    )
    stdout, stderr = run.communicate(timeout=180)
    assert run.returncode == 0, stderr
    assert "rendered (2 units)" in stdout
    assert_complete(outputs(tiny.media, "01-tiny-one"))


@contextmanager
def scheduler_and_workers(folder: Path, *workers: dict[str, str], threads: int = 1):
    """A Dask scheduler and one worker per environment in ``workers`` (added to this one),
    each a process of its own; the scheduler's address, and the processes (the
    scheduler's first)."""
    folder.mkdir(parents=True, exist_ok=True)
    file = folder / "scheduler.json"
    started = []
    try:
        command = [DASK, "scheduler", "--scheduler-file", str(file), "--host", "127.0.0.1"]
        log = (folder / "scheduler.log").open("wb")
        command += ["--port", "0", "--no-dashboard"]
        started.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log))
        wait_for(lambda: file.exists() and file.read_text().strip(), timeout=60)
        address = json.loads(file.read_text())["address"]
        logs = []
        for index, env in enumerate(workers):
            command = [DASK, "worker", address, "--nthreads", str(threads), "--no-nanny"]
            command += ["--no-dashboard", "--local-directory", str(folder / f"scratch-{index}")]
            logs.append(folder / f"worker-{index}.log")
            started.append(
                subprocess.Popen(
                    command,
                    stdout=subprocess.DEVNULL,
                    stderr=logs[-1].open("wb"),
                    env={**os.environ, **env},
                )
            )
        for path in logs:
            wait_for(lambda path=path: b"Registered to" in path.read_bytes(), timeout=60)
        yield address, started
    finally:
        for process in started:
            process.kill()
            process.wait()


def test_the_units_of_a_split_scene_hear_one_voice_whatever_each_machine_cached(tiny, tmp_path):
    """Two workers with caches of their own: Piper would time the scene differently on
    each, so the units take the sound a narration task recorded once."""
    # Slow enough that both single-threaded workers take a unit at once.
    caches = [
        {"XDG_CACHE_HOME": str(tmp_path / name), "TINY_SLOW": "0.05"}
        for name in ("cache-a", "cache-b")
    ]
    with scheduler_and_workers(tmp_path / "dask", *caches) as (address, _):
        run = tiny.drive("render", "tiny-one", "-q", "low", "--media-dir", str(tiny.media),
                         "--cluster", address, "--split", "2")  # fmt: skip
        stdout, stderr = run.communicate(timeout=180)
    assert run.returncode == 0, stderr
    assert "rendered (2 units)" in stdout
    assert_complete(outputs(tiny.media, "01-tiny-one"))


def test_a_worker_with_other_sources_refuses_to_render(tiny, tmp_path):
    stale = tmp_path / "stale"
    stale.mkdir()
    source = tiny.source("tiny_one").read_text()
    (stale / "tiny_one.py").write_text(source.replace('"A square."', '"An old square."'))
    # Modules on the worker's PYTHONPATH come before the client's scene folder.
    with scheduler_and_workers(tmp_path / "dask", {"PYTHONPATH": str(stale)}) as (address, _):
        run = tiny.drive("render", "tiny-one", "-q", "low", "--media-dir", str(tiny.media),
                         "--cluster", address)  # fmt: skip
        _, stderr = run.communicate(timeout=120)
    stderr = " ".join(stderr.split())  # as one line, however the console wrapped it
    assert run.returncode == 1
    assert "has other sources for tiny_one.TinyOne than this client" in stderr
    assert "install the same version of the explainer" in stderr
    assert not outputs(tiny.media, "01-tiny-one").video.exists()


def test_a_lost_scheduler_stops_the_run_cleanly_and_the_next_run_resumes(tiny, tmp_path):
    slow = {"TINY_SLOW_TinyOne": "0.25"}  # tiny-one takes long, tiny-two does not
    with scheduler_and_workers(tmp_path / "dask", slow, threads=2) as (address, processes):
        scheduler, worker = processes
        run = tiny.drive("render", "-q", "low", "--media-dir", str(tiny.media),
                         "--cluster", address)  # fmt: skip
        two = outputs(tiny.media, "02-tiny-two")
        wait_for(lambda: two.key_file.exists() or run.poll() is not None, timeout=120)
        assert run.poll() is None, run.communicate()
        scheduler.kill()
        started = time.monotonic()
        _, stderr = run.communicate(timeout=60)
        # The Dask worker outlives its scheduler; the unit it was rendering stops.
        assert worker.poll() is None
        wait_for(lambda: not descendants(worker.pid, b"scenes._worker"), timeout=20)
    stderr = " ".join(stderr.split())  # as one line, however the console wrapped it
    assert run.returncode == 1, stderr
    assert time.monotonic() - started < 30
    assert f"lost the Dask scheduler at {address}" in stderr
    assert "Finished: 02-tiny-two" in stderr and "Not finished: 01-tiny-one" in stderr
    assert "Traceback" not in stderr, stderr
    one = outputs(tiny.media, "01-tiny-one")
    assert not one.video.exists() and not one.key_file.exists()
    assert leftovers(tiny.media) == []

    again = tiny.drive("render", "-q", "low", "--media-dir", str(tiny.media))
    stdout, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr
    assert "up to date" in stdout and stdout.count("rendered") == 1
    assert_complete(one)
    assert_complete(two)
    assert json.loads(one.key_file.read_text())["beats"] == BEATS


def test_a_units_process_sheds_the_tuning_a_dask_nanny_gave_its_worker(monkeypatch):
    """A nanny fixes glibc's trim threshold in its worker's environment (a render in a
    process that inherits it ran 60 % slower); what the user set stays."""
    from scenes.render.cluster import _as_locally
    from scenes.render.pool import FRAME_ALLOCATOR, _worker_env

    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")  # as the nanny sets it
    monkeypatch.setenv("OMP_NUM_THREADS", "4")  # not the nanny's 1: the user's
    env = _worker_env({**_as_locally(), "XDG_CACHE_HOME": "/elsewhere"})
    assert env["MALLOC_TRIM_THRESHOLD_"] == FRAME_ALLOCATOR["MALLOC_TRIM_THRESHOLD_"]
    assert env["OMP_NUM_THREADS"] == "4"
    assert env["XDG_CACHE_HOME"] == "/elsewhere"


def test_a_render_process_keeps_its_frames_in_the_heap_unless_told_otherwise(monkeypatch):
    from scenes.render.pool import FRAME_ALLOCATOR, _worker_env

    monkeypatch.delenv("MALLOC_MMAP_THRESHOLD_", raising=False)
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "12345")  # the user's own
    env = _worker_env()
    assert env["MALLOC_MMAP_THRESHOLD_"] == FRAME_ALLOCATOR["MALLOC_MMAP_THRESHOLD_"]
    assert env["MALLOC_TRIM_THRESHOLD_"] == "12345"


def test_a_unit_stops_once_its_scheduler_has_been_gone_as_long_as_the_client_waits(
    monkeypatch,
):
    """A Dask worker outlives its scheduler (it waits to reconnect): the unit it runs must
    not go on to publish a scene for a run that has ended."""
    import scenes.render.cluster as cluster
    from scenes.render.cluster import _stop_when_asked

    LOST_AFTER = 1.0
    monkeypatch.setattr(cluster, "LOST_AFTER", LOST_AFTER)

    class Gone:
        def wait(self, timeout: float) -> bool:
            raise OSError("no scheduler")

    unit = subprocess.Popen(["sleep", "30"], start_new_session=True)
    started = time.monotonic()
    _stop_when_asked(unit, Gone())
    assert unit.poll() is not None
    assert LOST_AFTER <= time.monotonic() - started < LOST_AFTER + 3


def _sleeping_unit(event: str) -> int:
    """A task that runs a process as render_unit does, until it is stopped."""
    from scenes.render.cluster import watch_for_stop

    process = subprocess.Popen(["sleep", "30"], start_new_session=True)
    watch_for_stop(process, event)
    return process.wait()


def test_a_unit_stops_when_the_client_asks():
    """Cancelled or interrupted, the client sets the unit's stop event; the unit's process
    on the worker ends (not only the task, which Dask cannot kill)."""
    from distributed import Client, Event, LocalCluster

    from scenes.render.cluster import LOST_AFTER, stop_event

    event = stop_event("test", "unit")
    with (
        LocalCluster(
            n_workers=1, threads_per_worker=1, dashboard_address=":0", silence_logs=50
        ) as cluster,
        Client(cluster) as client,
    ):
        unit = client.submit(_sleeping_unit, event, pure=False)
        wait_for(lambda: client.processing() and any(client.processing().values()))
        # Longer than a unit waits for a lost scheduler: this one is not lost.
        time.sleep(LOST_AFTER + 1)
        assert not unit.done()
        started = time.monotonic()
        Event(event, client=client).set()
        assert unit.result(timeout=15) == -signal.SIGTERM
        assert time.monotonic() - started < LOST_AFTER
