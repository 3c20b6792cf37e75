"""DistributionBars can put its probabilities under the names, leaving the air above free."""

from __future__ import annotations

import pytest

from scenes.kit.bars import DistributionBars


def test_values_below_stay_in_one_row_under_the_names_whatever_the_heights():
    chart = DistributionBars([0.7, 0.2, 0.1], ["person", "tree", "lamp"], value_side="bottom")
    row = [v.get_top()[1] for v in chart.values]
    assert row == pytest.approx([row[0]] * 3)
    assert row[0] < chart.labels.get_bottom()[1]
    chart.set_probs([0.1, 0.2, 0.7])
    assert [v.get_top()[1] for v in chart.values] == pytest.approx(row)
    assert [v.shown for v in chart.values] == ["0.10", "0.20", "0.70"]
    for value, label in zip(chart.values, chart.labels, strict=True):
        assert value.get_x() == pytest.approx(label.get_x())


def test_values_on_top_ride_the_bars_as_before():
    chart = DistributionBars([0.7, 0.3])
    assert chart.values[0].get_bottom()[1] > chart.bars[0].get_top()[1]
    with pytest.raises(ValueError, match="value_side"):
        DistributionBars([0.5, 0.5], value_side="left")
