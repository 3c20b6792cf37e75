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

from scenes.lecture.timing import offsets_ms, to_ms

__all__ = [
    "Chapter",
    "Section",
    "av_chapters",
    "chapters_vtt",
    "read_sections_json",
    "scene_chapters",
    "section_chapters",
    "section_title",
]

MS = Fraction(1, 1000)


@dataclass(frozen=True)
class Section:
    """One section of a rendered scene: its name and its length in frames."""

    name: str
    frames: int


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


def read_sections_json(path: Path) -> tuple[list[Section], Fraction]:
    """The sections manim's ``--save_sections`` lists, and their frame rate."""
    entries = json.loads(Path(path).read_text())
    if not entries:
        raise ValueError(f"{path} lists no sections")
    rates = {Fraction(e["avg_frame_rate"]) for e in entries}
    if len(rates) != 1:
        raise ValueError(f"{path}: sections at different frame rates {sorted(rates)}")
    sections = [Section(e["name"], int(e["nb_frames"])) for e in entries]
    return sections, rates.pop()


def section_chapters(
    sections: Sequence[Section], fps: Fraction, titles: dict[str, str] | None = None
) -> list[Chapter]:
    """One chapter per section, back to back from 0 to the end of the last frame."""
    durations = [Fraction(s.frames) / fps for s in sections]
    starts = offsets_ms(durations)
    end = to_ms(sum(durations, Fraction(0)))
    titles = titles or {}
    return [
        Chapter(start, stop, titles.get(s.name) or section_title(s.name))
        for s, start, stop in zip(sections, starts, [*starts[1:], end], strict=True)
    ]


def scene_chapters(durations: Sequence[Fraction], titles: Sequence[str]) -> list[Chapter]:
    """One chapter per joined scene, from the scenes' exact durations."""
    starts = offsets_ms(durations)
    end = to_ms(sum(durations, Fraction(0)))
    return [
        Chapter(start, stop, title)
        for title, start, stop in zip(titles, starts, [*starts[1:], end], strict=True)
    ]


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
