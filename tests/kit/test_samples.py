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


def test_counts_below_sit_in_one_row_under_the_labels_and_follow_the_chart():
    """A falling draw lands on its bar's top: counts in a row under the labels are never
    in its path, and the row stays level (one baseline) however tall the bars grow."""
    stream = SampleStream(OUTCOMES, DRAWS, height=3.0, counts="below").shift([1.0, -2.0, 0])
    for n in (1, 8):
        stream.show(n)
        tops = [r.get_top()[1] for r in stream.count_readouts]
        assert max(tops) - min(tops) < 1e-6
        assert tops[0] < stream.labels.get_bottom()[1] - 0.1
        for readout, bar in zip(stream.count_readouts, stream.bars, strict=True):
            assert readout.get_x() == pytest.approx(bar.get_x())
            assert readout.get_top()[1] < bar.get_bottom()[1]


def test_counts_go_above_or_below_only():
    with pytest.raises(ValueError, match='counts must be "above" or "below" the bars, not'):
        SampleStream(OUTCOMES, DRAWS, counts="beside")
