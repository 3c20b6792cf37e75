"""RGBA frames to the encoder's YUV, converting only the rows that changed.

Consecutive frames of an animation mostly differ in a band of rows: a moving
marker, a growing bar, a read-out ticking over. Measured on parts 3, 6, 9 and
12, the rows that change are a quarter to under half of the frame, on average.
:class:`RowConverter` converts that band (with a margin) and takes every other
row from the picture before, which gives exactly the picture a whole conversion
gives: each luma row is converted on its own, and the scaler's chroma filter
reaches at most two rows past a band's edge (tests/kit/test_conversion.py).
"""

from __future__ import annotations

import av
import numpy as np
from av.video.reformatter import VideoReformatter

from scenes.render.planes import plane_rows

__all__ = ["RowConverter", "changed_rows"]

# A chroma row is filtered from the luma rows about it: a change reaches the chroma
# rows within REACH rows of it, which are converted again too. The band converted
# runs MARGIN rows further, as their context. Both even: bands start on a chroma row.
REACH = 4
MARGIN = 8
# Past this share of the rows, one whole conversion is cheaper than band and copies.
WHOLE_SHARE = 0.75
# Rows compared at a time when scanning for the band (about 250 kB of a 1080p frame).
SCAN_ROWS = 32


def changed_rows(
    pixels: np.ndarray, last: np.ndarray, within: tuple[int, int] | None = None
) -> tuple[int, int] | None:
    """``(first, end)``: the rows in which two RGBA frames differ, ``None`` if they are equal.

    ``within``: the rows outside which they are known to be equal (by default, all).
    Scans down from its top to the first row that differs, then up from its bottom
    to the last: the rows between are never read. The scan reads two frames' worth
    of memory each frame, so skipping the band is most of the saving.
    """
    a, b = _as_words(pixels), _as_words(last)
    top, bottom = within if within is not None else (0, a.shape[0])
    first = None
    for start in range(top, bottom, SCAN_ROWS):
        rows = _differing(a, b, start, min(start + SCAN_ROWS, bottom))
        if rows.size:
            first = start + int(rows[0])
            break
    if first is None:
        return None
    for end in range(bottom, first, -SCAN_ROWS):
        start = max(first, end - SCAN_ROWS)
        rows = _differing(a, b, start, end)
        if rows.size:
            return first, start + int(rows[-1]) + 1
    raise AssertionError("unreachable: the first differing row differs")


def _differing(a: np.ndarray, b: np.ndarray, start: int, stop: int) -> np.ndarray:
    """The rows from ``start`` to ``stop`` in which ``a`` and ``b`` differ, counted from
    ``start``."""
    return np.flatnonzero((a[start:stop] != b[start:stop]).any(axis=1))


def _as_words(pixels: np.ndarray) -> np.ndarray:
    """An RGBA frame as rows of machine words, for fast comparison."""
    rows = np.asarray(pixels).reshape(pixels.shape[0], -1)  # a plain array: no frame's record
    return rows.view(np.uint64) if rows.shape[1] % 8 == 0 else rows.view(np.uint32)


class RowConverter:
    """Converts RGBA frames to ``pixel_format``, each one only where it changed.

    Give :meth:`convert` the rows that changed since the frame it converted
    last (from :func:`changed_rows`), or ``None`` for a whole conversion. Only
    ``yuv420p`` (H.264) converts in bands; other formats always convert whole.
    """

    def __init__(self, pixel_format: str) -> None:
        self.pixel_format = pixel_format
        self._scaler = VideoReformatter()
        self._last: av.VideoFrame | None = None

    def convert(self, pixels: np.ndarray, rows: tuple[int, int] | None = None) -> av.VideoFrame:
        height = pixels.shape[0]
        banded = (
            rows is not None
            and self._last is not None
            and self.pixel_format == "yuv420p"
            and height % 2 == 0
            and rows[1] - rows[0] < WHOLE_SHARE * height
        )
        if not banded:
            self._last = self._reformat(pixels)
        else:
            self._last = self._patched(pixels, *rows)
        return self._last

    def _reformat(self, pixels: np.ndarray) -> av.VideoFrame:
        # manim hands over a C-contiguous RGBA frame it never touches again: no copy.
        rgba = av.VideoFrame.from_numpy_buffer(np.ascontiguousarray(pixels), format="rgba")
        return self._scaler.reformat(rgba, format=self.pixel_format, threads=1)

    def _patched(self, pixels: np.ndarray, first: int, end: int) -> av.VideoFrame:
        """The last picture with rows ``first`` to ``end`` converted again."""
        height = pixels.shape[0]
        start = max(0, (first - REACH - MARGIN) & ~1)
        stop = min(height, (end + REACH + MARGIN + 1) & ~1)
        band = self._reformat(pixels[start:stop])
        # Rows of the band far enough from its edges to equal a whole conversion's.
        keep_from = start + MARGIN if start > 0 else 0
        keep_to = stop - MARGIN if stop < height else height
        picture = av.VideoFrame(pixels.shape[1], height, self.pixel_format)
        for index, plane in enumerate(picture.planes):
            step = 1 if index == 0 else 2  # chroma planes have a row per two
            a, b = keep_from // step, keep_to // step
            out, before = plane_rows(plane), plane_rows(self._last.planes[index])
            out[:a] = before[:a]
            out[a:b] = plane_rows(band.planes[index])[a - start // step : b - start // step]
            out[b:] = before[b:]
        return picture
