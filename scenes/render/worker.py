"""One scene, rendered in a process of its own: ``python -m scenes._worker < job.json``.

The job (a :class:`Job` as JSON on stdin) says which scene, at what quality and
format, into which media folder. The worker

1. takes the scene's lock in the media folder, so two runs never write one scene
   at once, and re-checks the key: another run may have rendered it meanwhile;
2. renders with manim into the job's own work folder (partial movies, sections,
   Typst files), with a private Typst folder seeded from the shared cache;
3. renames the clips to ``NN-beat.ext``, rewrites the sections index to point at
   them, and publishes everything by rename, the key file last
   (:mod:`scenes.render.publish`).

A job with ``publish`` false is one unit of a split render (or of a cluster render
whose worker cannot reach the media folder): it takes no lock, checks that the sources
here are the ones the client keyed, draws only its ``chunk`` of the beats (all of them
without one) and leaves a part in its work folder for the client to join
(:mod:`scenes.render.parts`). A whole scene on a cluster's worker that reaches the media
folder publishes as here, after the same check (``verify_sources``).

It reports on its original stdout, one JSON object per line: ``started``,
``waiting``, ``progress`` (seconds of video drawn, sections begun), then one of
``done`` (with ``part``, its folder, for a unit), ``skipped`` or ``failed``.
Everything else it prints goes to stderr, which the parent keeps as the scene's log.
The worker dies with its parent.
"""

from __future__ import annotations

import ctypes
import importlib
import json
import os
import signal
import sys
import threading
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from scenes.params import params_for
from scenes.render.atomic import exclusive_lock, remove_leftovers
from scenes.render.keys import StaleSourcesError, check_sources
from scenes.render.layout import ENCODER_OPTIONS, SceneOutputs, quality_named, scene_outputs
from scenes.render.parts import write_part
from scenes.render.publish import Finished, publish
from scenes.render.scene_info import save_rendered
from scenes.render.units import Chunk

__all__ = ["EXIT_FAILED", "EXIT_SYSTEM", "Job", "main", "read_key_file", "up_to_date"]

EXIT_FAILED = 1
EXIT_SYSTEM = 3  # manim (Cairo, Pango, PyAV) cannot be imported
PROGRESS_EVERY = 0.2  # seconds between progress reports


@dataclass
class Job:
    module: str
    class_name: str
    stem: str
    quality: str
    fmt: str
    media_dir: str
    work_dir: str
    typst_cache: str
    key: str
    source_key: str
    overrides: dict[str, Any] = field(default_factory=dict)
    force: bool = False
    path_entry: str | None = None  # a folder to put on sys.path to import ``module``
    parent_pid: int | None = None
    theme: str = "dark"
    # A unit of a split or cluster render (see the module's docstring).
    publish: bool = True
    chunk: Chunk | None = None  # the beats it draws; None: all
    # Instead of rendering: play the scene without drawing and leave the sound of every
    # sentence it says (for a split scene's units on other machines: scenes.render.cluster).
    narrate: bool = False
    # Refuse to render if the sources here are not the client's (a cluster's worker);
    # a unit (``publish`` false) always checks.
    verify_sources: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> Job:
        fields = json.loads(text)
        if fields.get("chunk") is not None:
            fields["chunk"] = Chunk(**fields["chunk"])
        return cls(**fields)

    @property
    def outputs(self) -> SceneOutputs:
        return scene_outputs(Path(self.media_dir), self.quality, self.stem, self.fmt)


def read_key_file(outputs: SceneOutputs) -> dict[str, Any] | None:
    try:
        return json.loads(outputs.key_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def up_to_date(outputs: SceneOutputs, key: str) -> bool:
    """Whether the outputs exist and were rendered from ``key``."""
    recorded = read_key_file(outputs)
    if not recorded or recorded.get("key") != key:
        return False
    return all((outputs.folder / name).exists() for name in recorded.get("files", []))


# -- talking to the parent ------------------------------------------------------


class _Reporter:
    def __init__(self, stream: TextIO):
        self.stream = stream
        self.last = 0.0

    def send(self, event: str, **data: Any) -> None:
        self.stream.write(json.dumps({"event": event, **data}) + "\n")
        self.stream.flush()

    def progress(self, seconds: float, sections: int, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self.last >= PROGRESS_EVERY:
            self.last = now
            self.send("progress", seconds=round(seconds, 3), sections=sections)


def killed_with_parent() -> None:
    """Have the kernel SIGKILL this process when its parent dies (Linux only)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


def _die_with_parent(parent_pid: int | None) -> None:
    """Never outlive the parent: a killed ``explainer render`` takes its workers along."""
    if parent_pid is None:
        return
    killed_with_parent()

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(0.5)
        os._exit(EXIT_FAILED)

    if os.getppid() != parent_pid:
        os._exit(EXIT_FAILED)
    threading.Thread(target=watch, daemon=True).start()


# -- rendering --------------------------------------------------------------------


def _manim_settings(job: Job, work: Path, tex_dir: Path) -> dict[str, Any]:
    out = work / "out"
    return {
        "quality": quality_named(job.quality).manim_name,
        "format": job.fmt,
        "save_sections": True,
        "media_dir": str(work),
        "video_dir": str(out),
        "sections_dir": str(out / "sections"),
        "partial_movie_dir": str(work / "partial"),
        "images_dir": str(work / "images"),
        "text_dir": str(work / "text"),
        "tex_dir": str(tex_dir),
        "output_file": job.stem,
        # The whole scene is the unit of caching here: hashing every play for
        # manim's own cache costs time and its files would only be thrown away.
        "disable_caching": True,
        "progress_bar": "none",
        "verbosity": "WARNING",
        "preview": False,
        "max_inflight_encoders": 2,
        "video_encoder_options": dict(ENCODER_OPTIONS[job.fmt]),
    }


def _load_scene_class(job: Job) -> type:
    from scenes.kit.base import ExplainerScene

    module = importlib.import_module(job.module)
    scene_class = getattr(module, job.class_name, None)
    if not (isinstance(scene_class, type) and issubclass(scene_class, ExplainerScene)):
        raise TypeError(
            f"{job.class_name} in {module.__file__} is not a scene derived from ExplainerScene"
        )
    return scene_class


def _track_progress(scene: Any, reporter: _Reporter) -> None:
    """Report the seconds of video drawn (a unit skips some), by wrapping this scene's
    renderer only."""
    renderer = scene.renderer
    add_frame = renderer.add_frame
    drawn = 0.0

    def add_frame_and_report(frame: Any, num_frames: int = 1) -> None:
        nonlocal drawn
        add_frame(frame, num_frames)
        if not renderer.skip_animations:
            drawn += num_frames / renderer.camera.frame_rate
            reporter.progress(drawn, len(renderer.file_writer.sections))

    renderer.add_frame = add_frame_and_report


def _finished(scene: Any, render_seconds: float) -> Finished:
    """What the render left in its work folder."""
    from scenes.kit.frames import frame_cost

    plan = scene.output_plan
    sections = [
        {**entry, "video": str(Path(plan.sections_dir) / entry["video"])}
        for entry in json.loads(Path(plan.section_index).read_text(encoding="utf-8"))
    ]
    captions = Path(plan.subcaption_file)
    track = scene.voice_track
    cost = frame_cost(scene)
    return Finished(
        sections=sections,
        lines={beat.name: [line.as_dict() for line in beat.lines] for beat in scene.beats},
        captions=captions if captions.exists() else None,
        track=track,
        voice=scene.params.voice if track is not None else "none",
        duration=float(scene.renderer.time),
        render_seconds=render_seconds,
        video=Path(plan.primary_artifact) if plan.primary_artifact else None,
        # Where the time went (CPU seconds): the benchmark prints it per scene.
        extra={"frame_cost": cost.as_dict() if cost else None},
    )


def _render(job: Job, reporter: _Reporter) -> int:
    from manim import tempconfig

    from scenes.render.typst_cache import private_typst_dir

    work = Path(job.work_dir)
    scene_class = _load_scene_class(job)
    params = params_for(scene_class, job.overrides)
    with private_typst_dir(work / "tex", Path(job.typst_cache)) as tex_dir:
        started = time.perf_counter()
        with tempconfig(_manim_settings(job, work, tex_dir)):
            scene = scene_class()
            scene.manim_adds_voice = False  # publishing muxes it into the video and the clips
            if params is not None:
                scene.params = params
            if job.chunk is not None:
                scene.drawn_beats = job.chunk
            _track_progress(scene, reporter)
            scene.render()
        finished = _finished(scene, time.perf_counter() - started)
        if not job.publish:
            part = write_part(job, finished, [beat.name for beat in scene.beats], work / "part")
            reporter.send("done", part=str(part), duration=finished.duration)
            return 0
        record = publish(job, finished, work / "staging")
    save_rendered(job.source_key, record)
    reporter.send(
        "done",
        video=str(job.outputs.video),
        duration=record["duration"],
        render_seconds=record["render_seconds"],
    )
    return 0


def _narrate(job: Job, reporter: _Reporter) -> int:
    """Play the scene without drawing it, with its voice, and copy the cached sound of
    every sentence it says into ``work_dir/voice``."""
    import shutil

    from scenes.dryrun import dry_run
    from scenes.render.typst_cache import private_typst_dir

    work = Path(job.work_dir)
    scene_class = _load_scene_class(job)
    params = params_for(scene_class, job.overrides)
    with private_typst_dir(work / "tex", Path(job.typst_cache)) as tex_dir:
        scene = dry_run(
            scene_class, params, layout="off", cache_dir=tex_dir, theme=job.theme, voice=None
        )
    folder = work / "voice"
    folder.mkdir(parents=True, exist_ok=True)
    for line in scene.narrator.lines:
        for sentence in line.sentences:
            cached = scene.narrator.voice.cache_file(sentence.spoken)
            if cached is not None and cached.exists():
                shutil.copyfile(cached, folder / cached.name)
    reporter.send("done", part=str(folder))
    return 0


def clear_leftovers(outputs: SceneOutputs) -> None:
    """Delete what an interrupted publication of a scene's files left; hold its lock."""
    names = [
        outputs.video.name,
        outputs.captions.name,
        outputs.sections_index.name,
        outputs.sections_dir.name,
        outputs.key_file.name,
    ]
    remove_leftovers(outputs.folder, names)
    remove_leftovers(outputs.sections_dir, ["*"])


def run(job: Job, reporter: _Reporter) -> int:
    if not job.publish or job.verify_sources:
        check_sources(job.module, job.class_name, job.overrides, job.theme, job.source_key)
    if not job.publish:  # a unit: the client holds the lock and publishes
        reporter.send("started", pid=os.getpid())
        return _narrate(job, reporter) if job.narrate else _render(job, reporter)
    outputs = job.outputs
    # "waiting": another run is writing this scene.
    with exclusive_lock(outputs.lock_file, on_wait=lambda: reporter.send("waiting")):
        reporter.send("started", pid=os.getpid())
        clear_leftovers(outputs)
        if not job.force and up_to_date(outputs, job.key):
            recorded = read_key_file(outputs) or {}
            reporter.send("skipped", reason="rendered by another run", **_summary(recorded))
            return 0
        return _render(job, reporter)


def _summary(recorded: dict[str, Any]) -> dict[str, Any]:
    return {"duration": recorded.get("duration"), "render_seconds": recorded.get("render_seconds")}


def main(job_text: str | None = None) -> int:
    """Render the job on stdin (or ``job_text``, from the fork server)."""
    # Keep the original stdout for reports; anything else printed goes to stderr.
    reports = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    reporter = _Reporter(reports)
    try:
        job = Job.from_json(sys.stdin.read() if job_text is None else job_text)
    except (ValueError, TypeError) as error:
        reporter.send("failed", kind="internal", message=f"bad job: {error}")
        return EXIT_FAILED
    _die_with_parent(job.parent_pid)
    os.environ["EXPLAINER_THEME"] = job.theme  # read by the scenes' theme
    theme = sys.modules.get("scenes.theme")
    if theme is not None:  # forked from the fork server, which imported it already
        theme.use_theme(job.theme)
    if job.path_entry and job.path_entry not in sys.path:
        sys.path.append(job.path_entry)  # appended: installed packages keep their names
    try:
        import manim  # noqa: F401  (Cairo, Pango and PyAV load here)
    except (ImportError, OSError) as error:
        reporter.send("failed", kind="system", message=str(error))
        return EXIT_SYSTEM
    try:
        return run(job, reporter)
    except StaleSourcesError as error:
        reporter.send("failed", kind="stale", message=str(error))
        return EXIT_FAILED
    except Exception as error:
        traceback.print_exc()
        message = str(error).strip() or type(error).__name__
        reporter.send("failed", kind="scene", message=f"{type(error).__name__}: {message}")
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
