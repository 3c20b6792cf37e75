"""Chapters: a scene's sections, and the scenes of the full explainer.

One list of :class:`Chapter` feeds both the WebVTT chapters track (for the page
and for players that read ``kind="chapters"``) and the markers written into the
mp4 and webm containers, so the two can never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from webvtt import Caption, WebVTT
from webvtt.models import Timestamp

from scenes.lecture.timing import to_ms
from scenes.lecture.transcript import Line, lines_from_json

__all__ = [
    "Chapter",
    "Section",
    "av_chapters",
    "chapters_between",
    "chapters_vtt",
    "read_sections_json",
    "scene_bounds",
    "scene_chapters",
    "section_bounds",
    "section_chapters",
    "section_title",
]

MS = Fraction(1, 1000)


@dataclass(frozen=True)
class Section:
    """One section of a rendered scene: its name, its length in frames, and the
    sentences its narration speaks (when the render recorded them)."""

    name: str
    frames: int
    lines: tuple[Line, ...] = ()


@dataclass(frozen=True)
class Chapter:
    """A titled stretch of a video, in milliseconds from its start."""

    start_ms: int
    end_ms: int
    title: str

    @property
    def start(self) -> float:
        return self.start_ms / 1000

    @property
    def end(self) -> float:
        return self.end_ms / 1000


def section_title(name: str) -> str:
    """A section's name as a chapter title: ``kl-gap`` becomes ``Kl gap``."""
    words = name.replace("_", " ").replace("-", " ").split()
    return " ".join(words).capitalize() if words else name


def read_sections_json(path: Path) -> list[Section]:
    """The sections manim's ``--save_sections`` lists (name and frame count of each),
    with the ``lines`` of narration a voiced render adds to each entry."""
    entries = json.loads(Path(path).read_text())
    if not entries:
        raise ValueError(f"{path} lists no sections")
    return [
        Section(e["name"], int(e["nb_frames"]), lines_from_json(e.get("lines") or ()))
        for e in entries
    ]


def section_bounds(
    sections: Sequence[Section], frame_times: Sequence[Fraction], duration: Fraction
) -> list[Fraction]:
    """Where each section starts, and the video's end: exact times from the video's frames.

    A section starts when its first frame is shown. manim's frames are not all
    equally long (joining partial movies can shorten one by a few ticks), so the
    times come from the frames' own timestamps, never from ``frames / fps``.
    """
    total = sum(s.frames for s in sections)
    if total != len(frame_times):
        raise ValueError(f"the sections hold {total} frames but the video has {len(frame_times)}")
    bounds, seen = [], 0
    for section in sections:
        bounds.append(frame_times[seen] if seen < len(frame_times) else duration)
        seen += section.frames
    return [*bounds, duration]


def chapters_between(bounds: Sequence[Fraction], titles: Sequence[str]) -> list[Chapter]:
    """Back-to-back chapters from exact boundaries (``len(titles) + 1`` of them)."""
    if len(bounds) != len(titles) + 1:
        raise ValueError(f"{len(titles)} chapters need {len(titles) + 1} bounds, not {len(bounds)}")
    ms = [to_ms(b) for b in bounds]
    return [Chapter(a, b, t) for t, a, b in zip(titles, ms, ms[1:], strict=False)]


def section_chapters(
    sections: Sequence[Section],
    bounds: Sequence[Fraction],
    titles: dict[str, str] | None = None,
) -> list[Chapter]:
    """One chapter per section, titled from ``titles`` or from the section's name."""
    titles = titles or {}
    return chapters_between(bounds, [titles.get(s.name) or section_title(s.name) for s in sections])


def scene_bounds(durations: Sequence[Fraction]) -> list[Fraction]:
    """Where each of a run of joined scenes starts, and where the last one ends (exact)."""
    bounds = [Fraction(0)]
    for duration in durations:
        bounds.append(bounds[-1] + Fraction(duration))
    return bounds


def scene_chapters(durations: Sequence[Fraction], titles: Sequence[str]) -> list[Chapter]:
    """One chapter per joined scene, from the scenes' exact durations."""
    return chapters_between(scene_bounds(durations), titles)


def chapters_vtt(chapters: Sequence[Chapter]) -> WebVTT:
    """A WebVTT chapters track: one cue per chapter, its text the title."""
    return WebVTT(
        captions=[
            Caption(
                str(Timestamp.from_seconds(c.start_ms / 1000)),
                str(Timestamp.from_seconds(c.end_ms / 1000)),
                c.title,
                identifier=f"chapter-{i}",
            )
            for i, c in enumerate(chapters, start=1)
        ]
    )


def av_chapters(chapters: Sequence[Chapter]) -> list[dict]:
    """The chapters as PyAV's ``Container.set_chapters`` takes them (milliseconds)."""
    return [
        {
            "id": i,
            "start": c.start_ms,
            "end": c.end_ms,
            "time_base": MS,
            "metadata": {"title": c.title},
        }
        for i, c in enumerate(chapters, start=1)
    ]
