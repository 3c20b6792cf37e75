"""Frames that know which rows were drawn on, so most of a frame is neither restored nor compared.

Each frame of an animation starts as manim's still picture of the mobjects that
do not move, and the camera draws the moving ones on top. A :class:`DrawnFrame`
remembers the picture it started as and which rows the drawing could reach
(each shape's box, with room for its line's corners). Two frames begun from
the same picture can differ only in rows drawn on in one of them, so

- the encoder looks for the rows that changed only between the first and the
  last of those (:func:`rows_to_compare`);
- the camera draws a new frame into an old one that nothing else holds any
  more, restoring only the rows drawn on last time (:class:`FramePool`): no new
  array to fault in (about 0.65 ms a 1080p frame with the copy), and a copy of
  only those rows (a whole 1080p picture into a reused array: about 0.15 ms).

Drawing the camera cannot bound (manim's warped images, background-coloured
shapes, point clouds) marks the frame as drawn everywhere: it is then compared
and restored whole.
"""

from __future__ import annotations

import math
import sys

import numpy as np

__all__ = ["DrawnFrame", "FramePool", "rows_to_compare"]

# Frames the pool keeps: the one being drawn, those queued for the encoder and the one it
# compares with; a static picture in use holds one more.
KEPT_FRAMES = 6


class DrawnFrame(np.ndarray):
    """An RGBA frame and what was drawn on it: ``start``, the picture it began as, and
    ``drawn``, one flag per row drawn on since (``None``: anywhere)."""

    start: np.ndarray | None
    drawn: np.ndarray | None

    def __array_finalize__(self, obj) -> None:
        # A view or a computed array is not the frame drawn: it knows nothing of it.
        self.start = None
        self.drawn = None

    def mark(self, top: float, bottom: float) -> None:
        """Rows ``top`` to ``bottom`` (device pixels, clipped to the frame) were drawn on."""
        if self.drawn is not None:
            self.drawn[max(math.floor(top), 0) : max(math.ceil(bottom), 0)] = True

    def mark_all(self) -> None:
        self.drawn = None


def rows_to_compare(frame: np.ndarray, last: np.ndarray) -> tuple[int, int]:
    """``(first, end)``: the rows outside which ``frame`` and ``last`` are known to be equal
    (both begun from one picture, drawn on nowhere else); ``(0, 0)`` if they are equal
    throughout, all rows if nothing is known."""
    height = frame.shape[0]
    drawn, before = getattr(frame, "drawn", None), getattr(last, "drawn", None)
    # (a frame with its rows noted always has its start picture)
    if drawn is None or before is None or frame.start is not last.start:
        return 0, height
    rows = np.flatnonzero(drawn | before)
    return (int(rows[0]), int(rows[-1]) + 1) if rows.size else (0, 0)


class FramePool:
    """New frames for the camera, drawn into old ones that nothing else holds any more.

    The renderer hands each frame to the encoder uncopied, so a frame is free
    again only when no one but the pool refers to it: the encoder has written it
    and compared the next one with it.
    """

    def __init__(self) -> None:
        self._frames: list[DrawnFrame] = []

    def frame(self, start: np.ndarray, word: np.uint32 | None = None) -> DrawnFrame:
        """A frame showing ``start`` (an RGBA picture; ``word``, its one pixel as a 32-bit
        word if it is in one colour), nothing drawn on it yet."""
        height = start.shape[0]
        frame, rows = None, [(0, height)]
        for index in range(len(self._frames)):
            if sys.getrefcount(self._frames[index]) <= _FREE and (
                self._frames[index].shape == start.shape
            ):
                frame = self._frames[index]
                if frame.start is start and frame.drawn is not None:
                    rows = _runs(frame.drawn)
                break
        if frame is None:
            frame = DrawnFrame(start.shape, np.uint8)
            self._frames.append(frame)
            if len(self._frames) > KEPT_FRAMES:
                self._frames.pop(0)  # the oldest: left to whoever still holds it
        for first, end in rows:
            if word is None:
                frame[first:end] = start[first:end]
            else:
                frame[first:end].view(np.uint32).fill(word)
        frame.start, frame.drawn = start, np.zeros(height, dtype=bool)
        return frame


def _runs(flags: np.ndarray) -> list[tuple[int, int]]:
    """The runs of ``True`` in ``flags``, as ``(first, end)``."""
    edges = np.flatnonzero(np.diff(flags.view(np.int8), prepend=0, append=0))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))


def _references_of_a_free_frame() -> int:
    """What ``sys.getrefcount`` says, in :meth:`FramePool.frame`, of a frame only the pool
    holds (its list, and the call's argument)."""
    frames = [DrawnFrame((1, 1, 4), np.uint8)]
    return sys.getrefcount(frames[0])


_FREE = _references_of_a_free_frame()
