"""Render scenes in parallel worker processes, skipping those already up to date.

:func:`render_scenes` is the one entry point; ``explainer render`` and the
lecture kit both call it. It checks the media folder can be written, works out
each scene's key, skips scenes whose outputs match it, and runs one
``python -m scenes._worker`` per remaining scene, at most ``jobs`` at a time.
Each worker runs in its own process group; on Ctrl-C (or SIGTERM) every group
is terminated, the run's work folder is removed and :class:`RenderInterrupted`
carries the report of what finished.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scenes.params import chosen_theme, variant_suffix
from scenes.registry import SceneEntry
from scenes.render.keys import (
    SourceMissingError,
    module_file,
    render_key,
    source_key,
    sources_digest,
)
from scenes.render.layout import (
    DEFAULT_FORMAT,
    DEFAULT_QUALITY,
    SceneOutputs,
    control_dir,
    format_named,
    quality_named,
    scene_outputs,
)
from scenes.render.scene_info import known_info, typst_cache_dir
from scenes.render.workdir import run_folder
from scenes.render.worker import EXIT_SYSTEM, Job, up_to_date

__all__ = [
    "OutputNotWritableError",
    "RenderInterrupted",
    "RenderReport",
    "SceneResult",
    "SystemLibrariesError",
    "check_writable",
    "default_jobs",
    "render_scenes",
]

GRACE = 2.0  # seconds a worker gets between SIGTERM and SIGKILL
LOG_TAIL = 12  # lines of a failed worker's log quoted in its message


class OutputNotWritableError(OSError):
    """The media folder cannot be created or written."""


class SystemLibrariesError(RuntimeError):
    """manim cannot be imported in a worker: Cairo, Pango or PyAV is missing."""


@dataclass
class SceneResult:
    """One scene of a run: what happened to it, and where its files are."""

    entry: SceneEntry
    outputs: SceneOutputs
    status: str = "queued"  # queued, waiting, rendering, rendered, up to date, failed, cancelled
    message: str = ""
    # Why a failed scene failed, where callers act on it: "no source" (its module is not
    # written yet), "system" (libraries missing: the whole run stops), else "".
    cause: str = ""
    source_key: str | None = None  # the hash of its sources, parameters and theme, once read
    duration: float | None = None  # seconds of video
    render_seconds: float | None = None
    expected_duration: float | None = None  # from an earlier render or dry run
    progress: float = 0.0  # seconds of video drawn so far
    sections: int = 0
    log: Path | None = None

    @property
    def stem(self) -> str:
        return self.outputs.stem

    @property
    def finished(self) -> bool:
        return self.status in ("rendered", "up to date")

    @property
    def source_missing(self) -> bool:
        return self.status == "failed" and self.cause == "no source"

    @property
    def fraction(self) -> float | None:
        if self.finished:
            return 1.0
        if not self.expected_duration:
            return None
        return min(self.progress / self.expected_duration, 0.99)


@dataclass
class RenderReport:
    quality: str
    fmt: str
    media_dir: Path
    results: list[SceneResult] = field(default_factory=list)
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.interrupted and all(r.finished for r in self.results)

    @property
    def failed(self) -> list[SceneResult]:
        return [r for r in self.results if r.status == "failed"]

    def videos(self) -> dict[str, Path]:
        """The video of every scene that finished, by stem."""
        return {r.stem: r.outputs.video for r in self.results if r.finished}


class RenderInterrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM stopped the run; ``report`` says what finished."""

    def __init__(self, report: RenderReport):
        super().__init__("render interrupted")
        self.report = report


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def check_writable(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputNotWritableError(f"cannot write to {folder}: {reason}") from None


def _path_entry(module: str) -> str | None:
    """The sys.path folder ``module`` was found in, for the worker to import it too."""
    path = module_file(module)
    if path is None:
        return None
    depth = module.count(".") + (1 if path.name == "__init__.py" else 0)
    return str(path.parents[depth])


def _project_root() -> str:
    return str(Path(__file__).resolve().parents[2])


@dataclass
class _Running:
    result: SceneResult
    process: subprocess.Popen
    log: Path
    reported: bool = False


def render_scenes(
    entries: Iterable[SceneEntry],
    *,
    quality: str = DEFAULT_QUALITY,
    fmt: str = DEFAULT_FORMAT,
    media_dir: str | Path = "media",
    jobs: int | None = None,
    force: bool = False,
    overrides: Mapping[str, Mapping[str, Any]] | None = None,
    theme: str | None = None,
    on_update: Callable[[SceneResult], None] | None = None,
) -> RenderReport:
    """Render ``entries`` into ``media_dir/<quality>/`` (see :mod:`scenes.render.layout`).

    ``overrides`` maps a scene's slug to its parameter overrides (dotted paths);
    a scene with overrides writes to a variant stem (``06-entropy~thick_coin.edge=0.2``),
    and a theme other than the default adds ``~theme=light`` to it
    (:func:`scenes.params.variant_suffix`).
    ``on_update`` is called whenever a scene's :class:`SceneResult` changes.
    Returns the report; raises :class:`OutputNotWritableError`,
    :class:`SystemLibrariesError` or :class:`RenderInterrupted`. Scenes that fail
    are reported in the results, not raised.
    """
    quality_named(quality)  # each raises a ValueError listing the valid names
    format_named(fmt)
    jobs = jobs or default_jobs()
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    media_dir = Path(media_dir).absolute()
    theme = chosen_theme(theme)
    overrides = overrides or {}
    notify = on_update or (lambda result: None)

    check_writable(media_dir / quality)
    check_writable(control_dir(media_dir))

    report = RenderReport(quality, fmt, media_dir)
    pending: list[Job] = []
    seen: set[str] = set()
    for entry in entries:
        scene_overrides = dict(overrides.get(entry.slug, {}))
        stem = entry.stem + variant_suffix(scene_overrides, theme=theme)
        if stem in seen:
            continue
        seen.add(stem)
        result = SceneResult(entry, scene_outputs(media_dir, quality, stem, fmt))
        report.results.append(result)
        try:
            sources = sources_digest(entry.module)
            skey = source_key(
                entry.module, entry.class_name, scene_overrides, theme, sources=sources
            )
        except SourceMissingError:
            result.status, result.cause = "failed", "no source"
            result.message = f"not written yet: {entry.path} does not exist"
            notify(result)
            continue
        except (OSError, SyntaxError) as error:
            result.status = "failed"
            result.message = f"cannot read {entry.path}: {error}"
            notify(result)
            continue
        result.source_key = skey
        key = render_key(skey, quality, fmt)
        if not force and up_to_date(result.outputs, key):
            result.status = "up to date"
            notify(result)
            continue
        info = known_info(skey, stem, sources)
        result.expected_duration = info.duration if info else None
        notify(result)
        pending.append(
            Job(
                module=entry.module,
                class_name=entry.class_name,
                stem=stem,
                quality=quality,
                fmt=fmt,
                media_dir=str(media_dir),
                work_dir="",
                typst_cache=str(typst_cache_dir()),
                key=key,
                source_key=skey,
                overrides=scene_overrides,
                force=force,
                path_entry=entry.folder or _path_entry(entry.module),
                parent_pid=os.getpid(),
            )
        )
    if pending:
        _run_jobs(pending, report, jobs, theme, notify)
    return report


def _run_jobs(
    pending: Sequence[Job],
    report: RenderReport,
    jobs: int,
    theme: str,
    notify: Callable[[SceneResult], None],
) -> None:
    by_stem = {r.stem: r for r in report.results}
    events: queue.Queue[tuple[str, dict[str, Any] | None]] = queue.Queue()
    running: dict[str, _Running] = {}
    waiting = list(pending)
    env = {**os.environ, "EXPLAINER_THEME": theme}
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in (_project_root(), os.environ.get("PYTHONPATH", "")) if p
    )

    previous_term = _on_sigterm_raise_interrupt()
    try:
        with run_folder(report.media_dir) as work:
            try:
                while waiting or running:
                    while waiting and len(running) < jobs:
                        job = waiting.pop(0)
                        running[job.stem] = _start(job, by_stem[job.stem], work, env, events)
                        by_stem[job.stem].status = "rendering"
                        notify(by_stem[job.stem])
                    try:
                        stem, event = events.get(timeout=0.25)
                    except queue.Empty:
                        continue
                    _handle(stem, event, running, report, notify)
                    if waiting and by_stem[stem].cause == "system":
                        # Missing libraries fail every scene alike: start no more workers.
                        for job in waiting:
                            by_stem[job.stem].status = "cancelled"
                            notify(by_stem[job.stem])
                        waiting.clear()
            except KeyboardInterrupt:
                _stop_all(running.values())
                for result in report.results:
                    if not result.finished and result.status != "failed":
                        result.status = "cancelled"
                        notify(result)
                report.interrupted = True
                raise RenderInterrupted(report) from None
    finally:
        _restore_sigterm(previous_term)
    system = [r for r in report.failed if r.cause == "system"]
    if system:
        raise SystemLibrariesError(system[0].message)


def _start(
    job: Job, result: SceneResult, work: Path, env: dict[str, str], events: queue.Queue
) -> _Running:
    scene_work = work / job.stem
    scene_work.mkdir(parents=True, exist_ok=True)
    job.work_dir = str(scene_work)
    log = work / f"{job.stem}.log"
    with log.open("wb") as log_handle:
        process = subprocess.Popen(
            # The arguments only label the process (ps); the job comes on stdin.
            [sys.executable, "-m", "scenes._worker", job.stem, job.quality, job.media_dir],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log_handle,
            env=env,
            start_new_session=True,  # its own process group: Ctrl-C is ours to pass on
        )
    assert process.stdin is not None
    # A worker that dies at once closes its stdin; its exit code is reported later.
    with suppress(BrokenPipeError):
        process.stdin.write(job.to_json().encode())
        process.stdin.close()
    threading.Thread(target=_read_events, args=(job.stem, process, events), daemon=True).start()
    return _Running(result, process, log)


def _read_events(stem: str, process: subprocess.Popen, events: queue.Queue) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        try:
            events.put((stem, json.loads(line)))
        except ValueError:
            continue
    events.put((stem, None))  # the worker closed its stdout: it has exited


def _handle(
    stem: str,
    event: dict[str, Any] | None,
    running: dict[str, _Running],
    report: RenderReport,
    notify: Callable[[SceneResult], None],
) -> None:
    slot = running.get(stem)
    if slot is None:
        return
    result = slot.result
    if event is None:
        code = slot.process.wait()
        del running[stem]
        if not slot.reported:
            result.status = "failed"
            result.cause = "system" if code == EXIT_SYSTEM else ""
            result.message = f"worker exited with code {code}"
            _keep_log(slot, report)
            notify(result)
        return
    kind = event.get("event")
    if kind == "waiting":
        result.status = "waiting"
    elif kind == "started":
        result.status = "rendering"
    elif kind == "progress":
        result.progress = float(event.get("seconds", 0.0))
        result.sections = int(event.get("sections", 0))
    elif kind in ("done", "skipped"):
        slot.reported = True
        result.status = "rendered" if kind == "done" else "up to date"
        result.duration = event.get("duration")
        result.render_seconds = event.get("render_seconds")
        if kind == "skipped":
            result.message = event.get("reason", "")
    elif kind == "failed":
        slot.reported = True
        result.status = "failed"
        result.cause = "system" if event.get("kind") == "system" else ""
        result.message = str(event.get("message", "failed"))
        _keep_log(slot, report)
    notify(result)


def _keep_log(slot: _Running, report: RenderReport) -> None:
    """Keep a failed worker's log under ``.explainer/logs`` and quote its tail."""
    logs = control_dir(report.media_dir) / "logs"
    try:
        logs.mkdir(parents=True, exist_ok=True)
        kept = logs / f"{report.quality}-{slot.result.stem}.log"
        shutil.copyfile(slot.log, kept)
        slot.result.log = kept
    except OSError:
        slot.result.log = None


def log_tail(path: Path | None, lines: int = LOG_TAIL) -> str:
    if path is None:
        return ""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.rstrip().splitlines()[-lines:])


def _stop_all(slots: Iterable[_Running]) -> None:
    """SIGTERM every worker's process group, then SIGKILL what is left after a grace."""
    slots = list(slots)
    for slot in slots:
        _signal_group(slot.process, signal.SIGTERM)
    deadline = time.monotonic() + GRACE
    for slot in slots:
        try:
            slot.process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _signal_group(slot.process, signal.SIGKILL)
            slot.process.wait()


def _signal_group(process: subprocess.Popen, sig: int) -> None:
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def _on_sigterm_raise_interrupt():
    """While rendering, SIGTERM stops the run like Ctrl-C (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, interrupt)


def _restore_sigterm(previous) -> None:
    if previous is not None:
        signal.signal(signal.SIGTERM, previous)
