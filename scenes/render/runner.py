"""Render scenes in parallel, skipping those already up to date.

:func:`render_batch` is the one entry point (:func:`render_scenes` is a batch of one
variant); ``explainer render`` and the lecture kit call it. It checks the media folder
can be written, works out the key of each scene in each variant (quality, theme,
parameters), skips those whose outputs match it, and renders the rest as *units*
(:mod:`scenes.render.units`): a whole scene, or one chunk of its beats when the scene
is split. Every unit of a batch waits in one queue, longest first. Units run in worker
processes on this machine (:class:`~scenes.render.pool.LocalPool`, at most ``jobs`` at
once) or on a Dask cluster (:mod:`scenes.render.cluster`).

A whole scene publishes itself from its worker, under the scene's lock. A split scene
comes back as parts that this process joins and publishes (:mod:`scenes.render.parts`),
holding the scene's lock from its first unit to the join: nothing reaches the media
folder until a scene is whole. So does a whole scene rendered on a cluster's worker that
cannot reach the media folder: its one part is published here, under the lock.

On Ctrl-C (or SIGTERM) every unit is stopped, the run's work folder is removed and
:class:`RenderInterrupted` carries the report of what finished; a cluster whose
scheduler goes away raises :class:`ClusterLostError` the same way.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from scenes.params import DEFAULT_THEME, chosen_theme, variant_suffix
from scenes.registry import SceneEntry
from scenes.render.atomic import release, try_lock
from scenes.render.costs import Measured, expected_costs, record_factors, save_factors
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
from scenes.render.parts import join_parts, read_part
from scenes.render.scene_info import SceneInfo, known_info, save_rendered, typst_cache_dir
from scenes.render.units import Chunk, balanced, chunks_per_scene, longest_first, split_setting
from scenes.render.workdir import run_folder
from scenes.render.worker import EXIT_SYSTEM, Job, clear_leftovers, read_key_file, up_to_date

__all__ = [
    "ClusterLostError",
    "OutputNotWritableError",
    "RenderInterrupted",
    "RenderReport",
    "SceneResult",
    "SystemLibrariesError",
    "Variant",
    "check_writable",
    "default_jobs",
    "render_batch",
    "render_scenes",
]

LOG_TAIL = 12  # lines of a failed worker's log quoted in its message


class OutputNotWritableError(OSError):
    """The media folder cannot be created or written."""


class SystemLibrariesError(RuntimeError):
    """manim cannot be imported in a worker: Cairo, Pango or PyAV is missing."""


@dataclass
class SceneResult:
    """One scene of a run, in one variant: what happened to it, and where its files are."""

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
    progress: float = 0.0  # seconds of video drawn so far (by all its units)
    sections: int = 0
    units: int = 1  # how many units render it (more than 1: split)
    units_done: int = 0
    log: Path | None = None

    @property
    def stem(self) -> str:
        return self.outputs.stem

    @property
    def quality(self) -> str:
        return self.outputs.folder.name

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
    quality: str  # of the first variant (a batch may have more: see each result's)
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

    @property
    def qualities(self) -> list[str]:
        return list(dict.fromkeys(r.quality for r in self.results))

    def videos(self) -> dict[str, Path]:
        """The video of every scene that finished, by stem (of the first quality)."""
        return {
            r.stem: r.outputs.video
            for r in self.results
            if r.finished and r.quality == self.quality
        }


class RenderInterrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM stopped the run; ``report`` says what finished."""

    def __init__(self, report: RenderReport):
        super().__init__("render interrupted")
        self.report = report


class ClusterLostError(RuntimeError):
    """The Dask scheduler went away mid-run; ``report`` says what was published."""

    def __init__(self, message: str, report: RenderReport):
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class Variant:
    """One column of a batch: a quality, a theme and each scene's parameter overrides
    (by slug). Every variant of a scene has its own stem (:func:`variant_suffix`)."""

    quality: str = DEFAULT_QUALITY
    theme: str = DEFAULT_THEME
    overrides: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)


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
    **options: Any,
) -> RenderReport:
    """Render ``entries`` into ``media_dir/<quality>/`` (see :mod:`scenes.render.layout`).

    ``overrides`` maps a scene's slug to its parameter overrides (dotted paths);
    a scene with overrides writes to a variant stem (``06-entropy~thick_coin.edge=0.2``),
    and a theme other than the default adds ``~theme=light`` to it
    (:func:`scenes.params.variant_suffix`). Other ``options`` (``split``, ``cluster``,
    ``exchange``) are :func:`render_batch`'s.
    """
    variant = Variant(quality, chosen_theme(theme), overrides or {})
    return render_batch(
        entries,
        [variant],
        fmt=fmt,
        media_dir=media_dir,
        jobs=jobs,
        force=force,
        on_update=on_update,
        **options,
    )


def render_batch(
    entries: Iterable[SceneEntry],
    variants: Sequence[Variant],
    *,
    fmt: str = DEFAULT_FORMAT,
    media_dir: str | Path = "media",
    jobs: int | None = None,
    force: bool = False,
    on_update: Callable[[SceneResult], None] | None = None,
    split: bool | int | str | None = None,
    cluster: str | None = None,
    exchange: str | None = None,
) -> RenderReport:
    """Render every scene of ``entries`` in every one of ``variants``, all units in one queue.

    ``split``: ``False`` renders each scene as one unit, a number splits every scene
    into that many chunks, ``True`` into as many as there are workers, and ``None``
    (the default; ``$EXPLAINER_SPLIT`` may say otherwise) splits only when there are
    fewer scenes than workers. ``cluster`` is a Dask scheduler's address
    (``tcp://host:8786``) or ``local:N`` for a local cluster of N worker processes;
    without it units run here, ``jobs`` at a time. ``exchange`` is a folder or fsspec
    URL that cluster workers and this process share, for the parts of workers that
    cannot reach ``media_dir`` to travel through instead of the scheduler's
    connections. ``on_update`` is called whenever a
    :class:`SceneResult` changes. Returns the report; raises
    :class:`OutputNotWritableError`, :class:`SystemLibrariesError`,
    :class:`RenderInterrupted` or :class:`ClusterLostError`. Scenes that fail are
    reported in the results, not raised.
    """
    format_named(fmt)
    if not variants:
        raise ValueError("a batch needs at least one variant")
    for variant in variants:
        quality_named(variant.quality)  # raises a ValueError listing the valid names
    jobs = jobs or default_jobs()
    if jobs < 1:
        raise ValueError("jobs must be at least 1")
    if split is None or isinstance(split, str):
        split = split_setting(split if split is not None else os.environ.get("EXPLAINER_SPLIT"))
    media_dir = Path(media_dir).absolute()
    notify = on_update or (lambda result: None)

    for quality in dict.fromkeys(v.quality for v in variants):
        check_writable(media_dir / quality)
    check_writable(control_dir(media_dir))

    report = RenderReport(variants[0].quality, fmt, media_dir)
    scenes = _prepare(list(entries), variants, fmt, media_dir, force, report, notify)
    if scenes:
        _run(scenes, report, jobs, split, cluster, exchange, notify)
    return report


@dataclass
class _Scene:
    """A scene variant to render: its result, its job, and its units' state."""

    result: SceneResult
    job: Job
    info: SceneInfo | None = None  # its beats, if known from an earlier render
    chunks: int = 1
    in_parts: bool = False  # split: its units leave parts that this process joins
    parts: dict[int, Path] = field(default_factory=dict)
    progress: dict[int, float] = field(default_factory=dict)
    lock: int | None = None  # our descriptor on its lock, while we hold it
    started: float | None = None
    running: set[str] = field(default_factory=set)


@dataclass
class _Unit:
    name: str
    scene: _Scene
    chunk: Chunk | None
    reported: bool = False


def _prepare(
    entries: list[SceneEntry],
    variants: Sequence[Variant],
    fmt: str,
    media_dir: Path,
    force: bool,
    report: RenderReport,
    notify: Callable[[SceneResult], None],
) -> list[_Scene]:
    """Key every scene variant; those up to date or unreadable are settled here."""
    pending: list[_Scene] = []
    seen: set[tuple[str, str]] = set()
    for variant in variants:
        for entry in entries:
            scene_overrides = dict(variant.overrides.get(entry.slug, {}))
            stem = entry.stem + variant_suffix(scene_overrides, theme=variant.theme)
            if (variant.quality, stem) in seen:
                continue
            seen.add((variant.quality, stem))
            result = SceneResult(entry, scene_outputs(media_dir, variant.quality, stem, fmt))
            report.results.append(result)
            try:
                sources = sources_digest(entry.module)
                skey = source_key(
                    entry.module, entry.class_name, scene_overrides, variant.theme, sources=sources
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
            key = render_key(skey, variant.quality, fmt)
            if not force and up_to_date(result.outputs, key):
                result.status = "up to date"
                notify(result)
                continue
            info = known_info(skey, stem, sources)
            result.expected_duration = info.duration if info else None
            notify(result)
            job = Job(
                module=entry.module,
                class_name=entry.class_name,
                stem=stem,
                quality=variant.quality,
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
                theme=variant.theme,
            )
            pending.append(_Scene(result, job, info))
    return pending


def _plan(scenes: list[_Scene], workers: int, split: bool | int) -> list[_Unit]:
    """Each scene's units, the longest expected render first (:mod:`scenes.render.costs`)."""
    chunks = chunks_per_scene(len(scenes), workers, split)
    units: list[_Unit] = []
    for scene in scenes:
        count = chunks if scene.job.fmt != "gif" else 1  # a GIF's palette spans the scene
        if scene.info:
            count = min(count, len(scene.info.beats))  # a unit draws at least one beat
        scene.chunks = count
        scene.in_parts = count > 1
        scene.result.units = count
        base = f"{scene.job.quality}-{scene.job.stem}"
        if count == 1:
            units.append(_Unit(base, scene, None))
        else:
            lengths = scene.info.lengths if scene.info else None
            owners = balanced(lengths, count) if lengths else None
            for chunk in Chunk.all_of(count, owners):
                units.append(_Unit(f"{base}@{chunk.index + 1}of{count}", scene, chunk))
    seconds = expected_costs(
        (
            u.scene.result.quality,
            u.scene.result.entry.stem,
            (u.scene.result.expected_duration / u.scene.chunks)
            if u.scene.result.expected_duration
            else None,
        )
        for u in units
    )
    return longest_first(units, seconds)


def _run(
    scenes: list[_Scene],
    report: RenderReport,
    jobs: int,
    split: bool | int,
    cluster: str | None,
    exchange: str | None,
    notify: Callable[[SceneResult], None],
) -> None:
    events: queue.Queue[tuple[str, dict[str, Any]]] = queue.Queue()
    previous_term = _on_sigterm_raise_interrupt()
    try:
        with run_folder(report.media_dir) as work:
            if cluster:
                from scenes.render.cluster import DaskPool

                pool: Any = DaskPool(cluster, events, work, exchange)
            else:
                from scenes.render.pool import LocalPool

                pool = LocalPool(jobs, events, work)
            try:
                units = _plan(scenes, pool.workers, split)
                _Loop(units, pool, events, work, report, notify).run()
                save_factors(record_factors(_measured(scenes)))
            finally:
                pool.close()
    finally:
        _restore_sigterm(previous_term)
    system = [r for r in report.failed if r.cause == "system"]
    if system:
        raise SystemLibrariesError(system[0].message)


def _measured(scenes: list[_Scene]) -> list[Measured]:
    """What this run measured of each scene rendered whole, for the next run's order."""
    results = [s.result for s in scenes if not s.in_parts]
    return [
        (r.quality, r.entry.stem, r.duration, r.render_seconds)
        for r in results
        if r.status == "rendered" and r.duration and r.render_seconds
    ]


class _Loop:
    """Start units as the pool has room, follow their events, join and publish parts."""

    def __init__(
        self,
        units: list[_Unit],
        pool: Any,
        events: queue.Queue,
        work: Path,
        report: RenderReport,
        notify: Callable[[SceneResult], None],
    ) -> None:
        self.waiting = list(units)
        self.scenes = list({id(u.scene): u.scene for u in units}.values())
        self.running: dict[str, _Unit] = {}
        self.joining: list[_Scene] = []  # every part in, waiting for the scene's lock
        self.pool = pool
        self.events = events
        self.work = work
        self.report = report
        self.notify = notify

    def run(self) -> None:
        try:
            while self.waiting or self.running or self.joining:
                self._start_what_fits()
                self._join_what_is_whole()
                try:
                    name, event = self.events.get(timeout=0.25)
                except queue.Empty:
                    continue
                self._handle(name, event)
        except KeyboardInterrupt:
            self._stop("cancelled")
            self.report.interrupted = True
            raise RenderInterrupted(self.report) from None
        except ClusterLostError:
            self._stop("cancelled")
            raise
        finally:
            for scene in self.scenes:
                self._unlock(scene)

    # -- starting ---------------------------------------------------------------------

    def _start_what_fits(self) -> None:
        blocked: set[int] = set()
        for unit in list(self.waiting):
            if len(self.running) >= self.pool.capacity:
                return
            scene = unit.scene
            if id(scene) in blocked:
                continue
            if scene.in_parts and scene.lock is None and not self._lock(scene):
                blocked.add(id(scene))
                continue
            if scene.result.finished:  # another run rendered it while we waited
                self.waiting = [u for u in self.waiting if u.scene is not scene]
                continue
            self.waiting.remove(unit)
            self._start(unit)

    def _lock(self, scene: _Scene) -> bool:
        """Take the scene's lock for its units; ``False`` while another run holds it."""
        result, outputs = scene.result, scene.result.outputs
        scene.lock = try_lock(outputs.lock_file)
        if scene.lock is None:
            if result.status != "waiting":
                result.status = "waiting"
                self.notify(result)
            return False
        clear_leftovers(outputs)
        if not scene.job.force and up_to_date(outputs, scene.job.key):
            result.status, result.message = "up to date", "rendered by another run"
            self._unlock(scene)
            self.notify(result)
        return True

    def _unlock(self, scene: _Scene) -> None:
        release(scene.lock)
        scene.lock = None

    def _start(self, unit: _Unit) -> None:
        scene = unit.scene
        folder = self.work / unit.name
        folder.mkdir(parents=True, exist_ok=True)
        job = replace(
            scene.job,
            work_dir=str(folder),
            publish=not scene.in_parts,
            chunk=unit.chunk,
        )
        self.pool.start(unit.name, job, self._log(unit))
        self.running[unit.name] = unit
        scene.running.add(unit.name)
        if scene.started is None:
            scene.started = time.perf_counter()
        if scene.result.status != "rendering":
            scene.result.status = "rendering"
            self.notify(scene.result)

    def _log(self, unit: _Unit) -> Path:
        return self.work / f"{unit.name}.log"

    # -- events -----------------------------------------------------------------------

    def _handle(self, name: str, event: dict[str, Any]) -> None:
        kind = event.get("event")
        if kind == "lost":  # the cluster's scheduler is gone
            raise ClusterLostError(str(event.get("message")), self.report)
        unit = self.running.get(name)
        if unit is None:
            return
        scene, result = unit.scene, unit.scene.result
        if kind == "exited":
            del self.running[name]
            scene.running.discard(name)
            self.pool.finished(name)
            if not unit.reported:
                code = event.get("code")
                cause = "system" if code == EXIT_SYSTEM else ""
                self._fail(unit, f"worker exited with code {code}", cause)
            if scene.lock is not None and not scene.running and result.status == "failed":
                self._unlock(scene)
            return
        if result.status in ("failed", "cancelled"):
            return  # a sibling unit failed: nothing more to show
        if kind == "waiting":
            result.status = "waiting"
        elif kind == "started":
            result.status = "rendering"
        elif kind == "progress":
            scene.progress[unit.chunk.index if unit.chunk else 0] = float(event.get("seconds", 0))
            result.progress = sum(scene.progress.values())
            result.sections = int(event.get("sections", 0))
        elif kind == "skipped":
            unit.reported = True
            result.status = "up to date"
            result.message = event.get("reason", "")
            result.duration = event.get("duration")
            result.render_seconds = event.get("render_seconds")
        elif kind == "done":
            unit.reported = True
            if "part" in event:
                self._part_done(unit, Path(event["part"]))
            else:
                result.status = "rendered"
                result.duration = event.get("duration")
                result.render_seconds = event.get("render_seconds")
                result.units_done = 1
        elif kind == "failed":
            unit.reported = True
            cause = "system" if event.get("kind") == "system" else ""
            self._fail(unit, str(event.get("message", "failed")), cause)
            return
        self.notify(result)

    def _part_done(self, unit: _Unit, part: Path) -> None:
        scene, result = unit.scene, unit.scene.result
        scene.parts[unit.chunk.index if unit.chunk else 0] = part
        result.units_done = len(scene.parts)
        if len(scene.parts) == scene.chunks:
            self.joining.append(scene)  # joined by the loop's next turn

    def _join_what_is_whole(self) -> None:
        """Join the scenes whose parts are all in. A split scene holds its lock already; a
        whole scene's part (from a cluster's worker that cannot reach the media folder)
        takes it now, or waits for another run to let go of it."""
        for scene in list(self.joining):
            if scene.lock is None and not self._lock(scene):
                continue
            self.joining.remove(scene)
            if scene.result.finished:  # rendered by another run meanwhile
                continue
            self._join(scene)

    def _join(self, scene: _Scene) -> None:
        result = scene.result
        seconds = time.perf_counter() - (scene.started or time.perf_counter())
        try:
            record = join_parts(
                scene.job,
                [read_part(p) for p in scene.parts.values()],
                self.work / f"{result.quality}-{result.stem}.join",
                seconds,
            )
        except Exception as error:  # a part that cannot be read or joined fails its scene
            result.status, result.message = "failed", f"joining the units: {error}"
        else:
            save_rendered(scene.job.source_key, record)
            result.status = "rendered"
            result.duration = record["duration"]
            result.render_seconds = record["render_seconds"]
        finally:
            self._unlock(scene)
        self.notify(result)

    def _fail(self, unit: _Unit, message: str, cause: str) -> None:
        """A unit failed: so does its scene; its other units are stopped. Missing libraries
        fail every scene alike: nothing more is started."""
        scene, result = unit.scene, unit.scene.result
        if result.status != "failed":
            result.status, result.cause, result.message = "failed", cause, message
            self._keep_log(unit)
            for sibling in list(scene.running - {unit.name}):
                self.pool.cancel(sibling)
            self.waiting = [u for u in self.waiting if u.scene is not scene]
            self.notify(result)
        if cause == "system":
            for other in self.waiting:
                other.scene.result.status = "cancelled"
                self.notify(other.scene.result)
            self.waiting.clear()

    def _keep_log(self, unit: _Unit) -> None:
        """Keep a failed unit's log under ``.explainer/logs``."""
        result = unit.scene.result
        logs = control_dir(self.report.media_dir) / "logs"
        try:
            logs.mkdir(parents=True, exist_ok=True)
            kept = logs / f"{result.quality}-{result.stem}.log"
            shutil.copyfile(self._log(unit), kept)
            result.log = kept
        except OSError:
            result.log = None

    def _stop(self, status: str) -> None:
        self.pool.stop_all()
        self._settle_published()
        for result in self.report.results:
            if not result.finished and result.status != "failed":
                result.status = status
                self.notify(result)

    def _settle_published(self) -> None:
        """Whole scenes that a worker published before the run stopped, though its word
        never came (a cluster's result lost with its scheduler): finished, as their key
        files say. Not with ``force``: the key file may be the previous render's."""
        for scene in self.scenes:
            result = scene.result
            if result.finished or result.status == "failed" or scene.in_parts:
                continue
            if scene.job.force or not up_to_date(result.outputs, scene.job.key):
                continue
            record = read_key_file(result.outputs) or {}
            result.status = "rendered"
            result.duration = record.get("duration")
            result.render_seconds = record.get("render_seconds")
            self.notify(result)


def log_tail(path: Path | None, lines: int = LOG_TAIL) -> str:
    if path is None:
        return ""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.rstrip().splitlines()[-lines:])


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
