"""Where rendered files go: the one place that names every output path.

Everything a render produces for one scene shares the scene's stem
(``05-surprise-formula``, plus ``~key=value`` for a parameter variant)::

    media/
      <quality>/                                  low, medium, high or 4k
        05-surprise-formula.mp4                   the scene (or .webm, .gif, .mov)
        05-surprise-formula.srt                   its captions: the narration, cue by cue
        05-surprise-formula.mp4.sections.json     its sections: manim's index, one entry per beat
        05-surprise-formula.sections/             one clip per beat, named like the stills
          01-opening.mp4  02-curve.mp4  ...
        05-surprise-formula.stills/               `explainer still`: the last frame of each beat
          01-opening.png  02-curve.png  ...
        .05-surprise-formula.mp4.key              what the video was rendered from (incremental)
        .05-surprise-formula.lock                 held while a process writes this scene
      .explainer/
        work/<run>/                               a run's scratch space: manim's partial
                                                  movies, Typst files, logs; removed after
        logs/<quality>-<stem>.log                 the log of the last failed render of a scene

The sections index is manim's (name, video, nb_frames, duration, avg_frame_rate,
...), with ``video`` relative to the index's folder and ``index``, ``start`` and
``end`` (seconds into the scene) added. Files that depend on the format carry its
extension; the captions and stills do not. GIF renders cut their section clips
as mp4. Every file reaches its final path by a rename, so a final path never
holds a partial file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ENCODER_OPTIONS",
    "FORMATS",
    "QUALITIES",
    "Quality",
    "SceneOutputs",
    "clip_extension",
    "control_dir",
    "format_named",
    "quality_named",
    "scene_outputs",
]


@dataclass(frozen=True)
class Quality:
    """A render quality: its folder name, manim's name for it, frame size and rate."""

    name: str
    manim_name: str
    width: int
    height: int
    fps: int

    @property
    def label(self) -> str:
        """``1080p60``."""
        return f"{self.height}p{self.fps}"


QUALITIES: dict[str, Quality] = {
    q.name: q
    for q in (
        Quality("low", "low_quality", 854, 480, 15),
        Quality("medium", "medium_quality", 1280, 720, 30),
        Quality("high", "high_quality", 1920, 1080, 60),
        Quality("4k", "fourk_quality", 3840, 2160, 60),
    )
}

FORMATS: tuple[str, ...] = ("mp4", "webm", "gif", "mov")

DEFAULT_QUALITY = "high"
DEFAULT_FORMAT = "mp4"

# x264's "superfast" preset with "veryfast"'s macroblock tree (mbtree over a 10-frame
# lookahead), one thread: measured by tests/benchmarks/bench_encoder.py on part 9 at
# 1080p60 against the other presets, tunes and thread counts, it costs 19 % less CPU
# than plain "veryfast" for files 3 % larger at the same PSNR. Plain "superfast" drops
# the macroblock tree and its files grow by 60 % (these flat scenes gain most from
# spending bits on pictures that stay); "ultrafast" variants save more time only with
# files 40 % larger or more. Manim's default "medium" takes twice the CPU. Each render
# worker already keeps a core busy; x264's own threads only add overhead and size.
# Single changes on top save no CPU (no deblocking, aq-mode=0, subme=0), or only with
# larger files (bframes=0: 15 % less CPU, 17 % larger).
_X264 = {"preset": "superfast", "x264-params": "mbtree=1:rc-lookahead=10", "threads": "1"}
ENCODER_OPTIONS: dict[str, dict[str, str]] = {"mp4": _X264, "mov": _X264, "gif": _X264, "webm": {}}


def quality_named(name: str) -> Quality:
    try:
        return QUALITIES[name]
    except KeyError:
        raise ValueError(
            f"unknown quality {name!r}; choose one of: {', '.join(QUALITIES)}"
        ) from None


def format_named(fmt: str) -> str:
    """``fmt`` if it is one of :data:`FORMATS`; else a ValueError listing them."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    return fmt


def clip_extension(fmt: str) -> str:
    """The container of the section clips: manim cuts GIF renders' sections as mp4."""
    return "mp4" if format_named(fmt) == "gif" else fmt


@dataclass(frozen=True)
class SceneOutputs:
    """Every path one scene's render at one quality and format writes."""

    folder: Path
    stem: str
    fmt: str

    @property
    def video(self) -> Path:
        return self.folder / f"{self.stem}.{self.fmt}"

    @property
    def captions(self) -> Path:
        return self.folder / f"{self.stem}.srt"

    @property
    def sections_index(self) -> Path:
        return self.folder / f"{self.stem}.{self.fmt}.sections.json"

    @property
    def sections_dir(self) -> Path:
        return self.folder / f"{self.stem}.sections"

    @property
    def stills_dir(self) -> Path:
        return self.folder / f"{self.stem}.stills"

    @property
    def key_file(self) -> Path:
        return self.folder / f".{self.stem}.{self.fmt}.key"

    @property
    def lock_file(self) -> Path:
        return self.folder / f".{self.stem}.lock"

    def clip(self, index: int, beat: str) -> Path:
        """The clip of the ``index``-th beat (counting from 1)."""
        return self.sections_dir / f"{index:02d}-{beat}.{clip_extension(self.fmt)}"

    def still(self, index: int, beat: str) -> Path:
        """The poster of the ``index``-th beat (counting from 1)."""
        return self.stills_dir / f"{index:02d}-{beat}.png"


def scene_outputs(
    media_dir: Path, quality: str, stem: str, fmt: str = DEFAULT_FORMAT
) -> SceneOutputs:
    """The output paths of the scene with file stem ``stem``."""
    quality_named(quality)
    format_named(fmt)
    return SceneOutputs(Path(media_dir) / quality, stem, fmt)


def control_dir(media_dir: Path) -> Path:
    """The renderer's own folder inside ``media_dir``: work folders and failure logs."""
    return Path(media_dir) / ".explainer"
