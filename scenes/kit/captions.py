"""Narration into caption cues: short, readable, and timed on the speech they show."""

from __future__ import annotations

import re

from scenes.voice.speech import READING_RATE, reading_time

__all__ = ["MAX_CUE_CHARS", "READING_RATE", "reading_time", "split_cues", "time_cues"]

# Two caption lines of about 42 characters: the usual broadcast limit.
MAX_CUE_CHARS = 84


def split_cues(narration: str, limit: int = MAX_CUE_CHARS) -> list[str]:
    """Split a narration line into cues of at most ``limit`` characters.

    Breaks at sentence ends first, then at clause punctuation, then between
    words, so each cue reads as a unit.
    """
    text = " ".join(narration.split())
    if not text:
        return []
    cues: list[str] = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        cues.extend(_split_long(sentence, limit))
    return cues


def _split_long(text: str, limit: int) -> list[str]:
    if len(text) <= limit:
        return [text]
    # Prefer a clause break nearest the middle, else a space nearest the middle.
    middle = len(text) / 2
    for pattern in (r"[,;:—–]\s+", r"\s+"):
        breaks = [m.end() for m in re.finditer(pattern, text) if 0 < m.end() < len(text)]
        if breaks:
            cut = min(breaks, key=lambda i: abs(i - middle))
            head, tail = text[:cut].rstrip(), text[cut:].lstrip()
            if head and tail:
                return _split_long(head, limit) + _split_long(tail, limit)
    return [text]


def time_cues(cues: list[str], start: float, end: float) -> list[tuple[str, float, float]]:
    """Share ``[start, end]`` (one sentence's speech) among its ``cues`` in proportion
    to their length."""
    total = sum(len(c) for c in cues)
    timed: list[tuple[str, float, float]] = []
    t = start
    for i, cue in enumerate(cues):
        stop = end if i == len(cues) - 1 else t + (end - start) * len(cue) / total
        timed.append((cue, t, stop))
        t = stop
    return timed
