"""Charts take a distribution as given: validated, never normalised, one label per outcome;
a strip poured level keeps its area."""

from __future__ import annotations

import math

import numpy as np
import pytest
from manim import Scene, tempconfig

import infotheory as it
from scenes.kit.bars import AverageStrip, DistributionBars
from scenes.kit.odds import ChanceStrip


def test_labels_default_to_the_distributions_outcomes_then_to_numbers():
    assert DistributionBars(it.fair_coin()).outcomes == ["heads", "tails"]
    assert ChanceStrip([0.5, 0.25, 0.25]).outcomes == ["1", "2", "3"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: DistributionBars([0.5, 0.5], ["a", "b", "c"]), "3 labels for 2 probabilities"),
        (lambda: ChanceStrip([0.5, 0.5], ["a"]), "1 outcomes for 2 probabilities"),
    ],
)
def test_a_label_count_that_does_not_match_is_refused(make, message):
    with pytest.raises(ValueError, match=message):
        make()


@pytest.mark.parametrize("chart", [DistributionBars, ChanceStrip])
def test_weights_that_do_not_sum_to_one_are_refused_not_normalised(chart):
    with pytest.raises(ValueError, match="normalize"):
        chart(np.array([2.0, 1.0, 1.0]))


def test_pouring_a_strip_keeps_the_blocks_area_and_levels_at_the_entropy():
    strip = AverageStrip([0.45, 0.45, 0.1], labels=["heads", "tails", "edge"], unit_height=0.6)
    area = sum(block.width * block.height for block in strip.blocks)  # as drawn
    with tempconfig({"dry_run": True, "progress_bar": "none"}):
        scene = Scene(skip_animations=True)  # Succession needs a scene; nothing is drawn
        scene.add(strip)
        scene.play(strip.pour())
    bar = strip.levelled
    assert bar.width * bar.height == pytest.approx(area, rel=1e-9)
    # By hand: 2 x 0.45 log2(1/0.45) + 0.1 log2(10) bits, at 0.6 units a bit.
    entropy = 2 * 0.45 * math.log2(1 / 0.45) + 0.1 * math.log2(10)
    assert bar.height == pytest.approx(0.6 * entropy, rel=1e-9)
    assert bar.get_bottom()[1] == pytest.approx(strip.baseline.get_y(), abs=1e-9)


def test_a_strip_s_floor_and_extra_stand_where_entropy_and_kl_say():
    """The floor sits at H(p) and the extra bar rises from it by KL(p‖q), each from its
    own infotheory function; together they reach the average line, H(p, q)."""
    from scenes.kit.bars import AverageStrip

    p, q = [0.5, 0.5], [0.9, 0.1]
    strip = AverageStrip(p, q, width=3.0, unit_height=0.8).shift([1.0, -2.0, 0])
    base = strip.baseline.get_y()
    floor, extra = strip.floor_line(), strip.extra_bar()
    assert strip.floor == it.entropy(p) == 1.0
    assert strip.extra == pytest.approx(np.log2(10) / 2 + np.log2(10 / 9) / 2 - 1, abs=1e-12)
    assert floor.get_y() == pytest.approx(base + 1.0 * 0.8)
    assert floor.width == pytest.approx(strip.baseline.width)
    assert extra.get_bottom()[1] == pytest.approx(floor.get_y())
    assert extra.height == pytest.approx(strip.extra * 0.8)
    assert extra.get_top()[1] == pytest.approx(strip.average_line().get_y(), abs=1e-9)
    assert extra.get_left()[0] == pytest.approx(strip.baseline.get_right()[0])
