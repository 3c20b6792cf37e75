"""Captions: manim's subcaptions (``.srt``) as SRT and WebVTT, clamped, shifted and joined.

Every cue is read and written by webvtt-py, never formatted by hand. A kit's
caption files are built from one :class:`~webvtt.WebVTT` per video, so the
``.srt`` and the ``.vtt`` beside a video always hold the same cues.
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path

import webvtt
from webvtt import Caption, WebVTT
from webvtt.models import Timestamp

__all__ = [
    "clamp",
    "copy",
    "cue_times_ms",
    "data_uri",
    "join",
    "read_srt",
    "write_pair",
]


def read_srt(path: Path) -> WebVTT:
    """The cues of a SubRip file (manim writes one beside each video)."""
    return webvtt.from_srt(str(path))


def copy(captions: Iterable[Caption]) -> list[Caption]:
    """Independent copies of ``captions``: shifting the copies leaves the originals alone."""
    return [Caption(c.start, c.end, c.text, identifier=c.identifier) for c in captions]


def cue_times_ms(captions: WebVTT) -> list[tuple[int, int]]:
    """Each cue's (start, end) in milliseconds."""
    return [(c.start_time.in_milliseconds(), c.end_time.in_milliseconds()) for c in captions]


def clamp(captions: WebVTT, duration_ms: int) -> WebVTT:
    """The cues that lie within a video of ``duration_ms``, cut at its end.

    manim times the last cue to the end of the scene, which can pass the last
    frame by a rounding; a cue that would start at or after the end is dropped.
    """
    kept = []
    for cue in copy(captions):
        start, end = cue.start_time.in_milliseconds(), cue.end_time.in_milliseconds()
        if start >= duration_ms or end <= start:
            continue
        if end > duration_ms:
            cue.end_time = Timestamp.from_seconds(duration_ms / 1000)
        kept.append(cue)
    return WebVTT(captions=kept)


def join(parts: Iterable[tuple[WebVTT, int, int]]) -> WebVTT:
    """One track from ``(captions, start_ms, end_ms)`` parts joined end to end.

    Each part's cues move later by ``start_ms`` (exactly, in whole milliseconds)
    and are then kept within ``[start_ms, end_ms]``, the part's place in the
    joined video: a cue never spills into the next scene.
    """
    cues: list[Caption] = []
    for captions, start_ms, end_ms in parts:
        moved = WebVTT(captions=copy(captions))
        moved.shift(timedelta(milliseconds=start_ms))
        cues.extend(clamp(moved, end_ms).captions)
    return WebVTT(captions=cues)


def write_pair(captions: WebVTT, stem: Path) -> tuple[Path, Path]:
    """Write ``stem.srt`` and ``stem.vtt``; return their paths."""
    srt, vtt = stem.with_name(stem.name + ".srt"), stem.with_name(stem.name + ".vtt")
    captions.save_as_srt(str(srt))
    captions.save(str(vtt))
    return srt, vtt


def data_uri(captions: WebVTT) -> str:
    """The track as a ``data:`` URL.

    Browsers refuse to load a ``<track>`` file from a page opened as ``file://``
    (each file is its own origin), so the page carries its tracks inline; the
    ``.vtt`` files are there for downloads and embedding.
    """
    return "data:text/vtt;charset=utf-8," + urllib.parse.quote(captions.content, safe="")
