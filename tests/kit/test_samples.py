"""The histogram of draws counts what was drawn and keeps its numbers clear of other bars."""

from __future__ import annotations

import numpy as np
import pytest

from scenes.kit.samples import SampleStream

OUTCOMES = ("sun", "cloud", "rain")
DRAWS = [0, 0, 1, 0, 2, 1, 0, 0]


def test_show_counts_the_first_draws():
    stream = SampleStream(OUTCOMES, DRAWS, height=3.0).show(5)
    assert stream.counts.tolist() == [3, 1, 1]
    assert [r.value for r in stream.count_readouts] == [3, 1, 1]
    heights = [bar.height for bar in stream.bars]
    np.testing.assert_allclose(heights, np.array([3, 1, 1]) / 5 * 3.0)


def test_counts_sit_above_the_bars_they_must_clear():
    behind = (0.9, 0.05, 0.05)  # sun's bar behind stands far above its share of draws
    stream = SampleStream(OUTCOMES, DRAWS, height=3.0, clear_of=behind).show(8)
    base = stream.base_y
    for readout, bar, floor in zip(stream.count_readouts, stream.bars, behind, strict=True):
        top = max(bar.get_top()[1], base + floor * 3.0)
        assert readout.get_bottom()[1] == pytest.approx(top + 0.1)


def test_clear_of_needs_one_height_per_outcome():
    with pytest.raises(ValueError, match=r"clear_of must give one height per outcome \(3\), got 2"):
        SampleStream(OUTCOMES, DRAWS, clear_of=(0.5, 0.5))
