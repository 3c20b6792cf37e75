"""Converting only the changed rows gives exactly the picture a whole conversion gives."""

from __future__ import annotations

import numpy as np
import pytest

from scenes.kit.conversion import SCAN_ROWS, RowConverter, changed_rows
from scenes.render.planes import plane_rows

HEIGHT, WIDTH = 96, 64


def _frame(rng: np.random.Generator) -> np.ndarray:
    rgba = rng.integers(0, 256, (HEIGHT, WIDTH, 4), dtype=np.uint8)
    rgba[..., 3] = 255
    return rgba


def _planes(picture) -> list[np.ndarray]:
    return [plane_rows(plane).copy() for plane in picture.planes]


def _whole(pixels: np.ndarray) -> list[np.ndarray]:
    return _planes(RowConverter("yuv420p").convert(pixels))


def test_changed_rows_finds_the_band_that_differs():
    rng = np.random.default_rng(0)
    before = _frame(rng)
    after = before.copy()
    assert changed_rows(after, before) is None
    after[37, 5, 1] ^= 1  # one channel of one pixel
    after[52, 60, 3] ^= 4  # the opacity counts too
    assert changed_rows(after, before) == (37, 53)


@pytest.mark.parametrize("width", [6, 7])  # rows of whole words, and of odd pixels
def test_changed_rows_matches_a_row_by_row_comparison_for_any_band(width):
    """The scan skips the rows between the band's ends: bands that start and end on,
    just before and just after its blocks' edges, and single rows at the frame's edges."""
    rng = np.random.default_rng(width)
    height = 3 * SCAN_ROWS + 5
    before = rng.integers(0, 256, (height, width, 4), dtype=np.uint8)
    edges = [0, 1, SCAN_ROWS - 1, SCAN_ROWS, SCAN_ROWS + 1, 2 * SCAN_ROWS, height - 1]
    for first in edges:
        for last in [e for e in edges if e >= first]:
            after = before.copy()
            after[first, rng.integers(width), rng.integers(4)] ^= 1
            after[last, rng.integers(width), rng.integers(4)] ^= 128
            differs = np.flatnonzero((after != before).any(axis=(1, 2)))
            assert changed_rows(after, before) == (int(differs[0]), int(differs[-1]) + 1)


@pytest.mark.parametrize("first", range(0, 20))
@pytest.mark.parametrize("size", [1, 2, 3, 9])
def test_a_band_at_any_row_converts_as_the_whole_frame(first, size):
    """Each start row modulo the chroma rows and the margins, near the top edge and
    inside; the noise makes every chroma sample depend on every row it may reach."""
    rng = np.random.default_rng(first * 31 + size)
    before, after = _frame(rng), None
    converter = RowConverter("yuv420p")
    converter.convert(before)
    for shift in (0, HEIGHT - 2 * first - size):  # near the top, then near the bottom
        start = first + shift if shift else first
        start = min(max(start, 0), HEIGHT - size)
        after = before.copy()
        after[start : start + size] = _frame(rng)[start : start + size]
        rows = changed_rows(after, before)
        patched = _planes(converter.convert(after, rows))
        for ours, whole in zip(patched, _whole(after), strict=True):
            assert np.array_equal(ours, whole)
        before = after


def test_a_band_is_converted_and_the_rest_is_copied(monkeypatch):
    """The rows outside the band are not converted again: a wrong copy would show."""
    rng = np.random.default_rng(7)
    before = _frame(rng)
    converter = RowConverter("yuv420p")
    converter.convert(before)
    after = before.copy()
    after[40:44] = 0
    seen = []
    reformat = converter._reformat
    monkeypatch.setattr(converter, "_reformat", lambda p: seen.append(len(p)) or reformat(p))
    converter.convert(after, changed_rows(after, before))
    assert seen and seen[0] < HEIGHT / 2


def test_large_changes_and_other_formats_convert_whole():
    rng = np.random.default_rng(3)
    before, after = _frame(rng), _frame(rng)
    converter = RowConverter("yuv420p")
    converter.convert(before)
    whole = _planes(converter.convert(after, changed_rows(after, before)))
    assert all(np.array_equal(a, b) for a, b in zip(whole, _whole(after), strict=True))
    webm = RowConverter("yuva420p")
    webm.convert(before)
    told_less = _planes(webm.convert(after, (0, 2)))  # only two rows, it is told
    for ours, whole in zip(
        told_less, _planes(RowConverter("yuva420p").convert(after)), strict=True
    ):
        assert np.array_equal(ours, whole)
