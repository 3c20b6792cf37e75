"""The transcript: the narration sentence by sentence, each with the time it is spoken.

The sentences come from the render's sections index when the voice wrote them
there (each entry's ``lines``: the caption form, the words as spoken, and when
each was said), else from the caption cues, whose fragments of one sentence are
joined again. Either way each sentence belongs to the section it starts in.

A transcript is read, so it gives each sentence in its written form
(``KL(p ‖ q) = 0.737 bits``), timed by the speech; the spoken form (``K L of p
and q``) is written for the voice and kept beside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from webvtt import WebVTT

from scenes.lecture.timing import clock, to_ms

__all__ = ["Block", "Line", "by_section", "lines_from_cues", "lines_from_json", "transcript"]

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*$")


@dataclass(frozen=True)
class Line:
    """One sentence of narration, in seconds from its scene's start."""

    text: str  # as the captions show it: H(p, q) = 1.737 bits
    spoken: str  # as the voice said it
    start: float
    end: float


@dataclass(frozen=True)
class Block:
    """A titled stretch of a transcript: a section, or a scene's heading (no lines)."""

    start_ms: int
    title: str
    lines: Sequence[Line] = ()
    offset_ms: int = 0  # where the lines' scene starts, in the transcript's video


def lines_from_json(entries: Iterable[dict]) -> tuple[Line, ...]:
    """A sections-index entry's ``lines`` (``text``, ``spoken``, ``start``, ``end``)."""
    lines = []
    for entry in entries:
        text = str(entry["text"])
        start, end = float(entry["start"]), float(entry["end"])
        if not end >= start >= 0:
            raise ValueError(f"a line of narration ends before it starts: {entry!r}")
        lines.append(Line(text, str(entry.get("spoken") or text), start, end))
    return tuple(lines)


def lines_from_cues(captions: WebVTT) -> list[Line]:
    """Sentences from caption cues: cues that split one sentence are joined again."""
    lines: list[Line] = []
    words: list[str] = []
    start = None
    for cue in captions:
        text = " ".join(cue.text.split())
        if not text:
            continue
        if start is None:
            start = cue.start_time.in_milliseconds() / 1000
        words.append(text)
        if _SENTENCE_END.search(text):
            sentence = " ".join(words)
            lines.append(Line(sentence, sentence, start, cue.end_time.in_milliseconds() / 1000))
            words, start = [], None
    if words:  # a last cue without a full stop
        sentence = " ".join(words)
        end = captions.captions[-1].end_time.in_milliseconds() / 1000
        lines.append(Line(sentence, sentence, start, end))
    return lines


def by_section(
    lines: Sequence[Line], bounds: Sequence[Fraction], fps: Fraction
) -> list[list[Line]]:
    """``lines`` shared among the sections that ``bounds`` delimit, by where each starts.

    A line that starts within half a frame before a section's first frame is
    that section's: the voice starts with the picture, rounded to a frame.
    """
    slack = 1 / (2 * fps) if fps else Fraction(0)
    starts = list(bounds[:-1])
    sections: list[list[Line]] = [[] for _ in starts]
    for line in lines:
        at = Fraction(line.start) + slack
        index = max((i for i, s in enumerate(starts) if s <= at), default=0)
        sections[index].append(line)
    return sections


def transcript(heading: str, duration_ms: int, blocks: Iterable[Block]) -> str:
    """Plain text: a heading and length, then each block's time and title, and under it
    each sentence with the time it is said."""
    out = [heading, f"Length {clock(duration_ms)}", ""]
    for block in blocks:
        out.append(f"[{clock(block.start_ms)}] {block.title}")
        out += [
            f"  {clock(block.offset_ms + to_ms(Fraction(line.start))):>5}  {line.text}"
            for line in block.lines
        ]
        out.append("")
    return "\n".join(out).rstrip() + "\n"
