"""Times in the kit: exact fractions of a second, rounded to milliseconds once, on output.

A scene's length is a whole number of frames, so its duration and every offset
built from durations are exact fractions (``636/15`` s). Caption and chapter files
store milliseconds; :func:`to_ms` is the one place where an exact time is rounded,
so a cue shifted by the sum of the scenes before it lands on the same millisecond
as a chapter that starts there.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

__all__ = ["clock", "offsets_ms", "to_ms"]


def to_ms(seconds: Fraction | int) -> int:
    """``seconds`` in whole milliseconds, halves rounded up (as webvtt-py rounds)."""
    value = Fraction(seconds) * 1000
    return int((value + Fraction(1, 2)) // 1)


def offsets_ms(durations: Iterable[Fraction]) -> list[int]:
    """Where each of a run of clips starts once they are joined, in milliseconds.

    The offsets are the exact running sums, each rounded once: rounding errors
    never accumulate along the explainer.
    """
    offsets, total = [], Fraction(0)
    for duration in durations:
        offsets.append(to_ms(total))
        total += Fraction(duration)
    return offsets


def clock(ms: int) -> str:
    """A time for people: ``4:07`` or ``1:02:03``."""
    seconds = ms // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
