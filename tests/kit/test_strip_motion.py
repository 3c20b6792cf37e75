"""AverageStrip reshaped for other chances: blocks, labels and the average follow the maths."""

from __future__ import annotations

import math

import numpy as np
import pytest

import infotheory as it
from scenes.kit import AverageStrip


def _h(p: float) -> float:
    return -p * math.log2(p) - (1 - p) * math.log2(1 - p)


def test_set_probs_reshapes_the_blocks_and_the_average():
    strip = AverageStrip(it.fair_coin(), width=4.0, unit_height=0.5, overhang=0)
    left, base = strip.blocks.get_left()[0], strip.baseline.get_y()
    strip.set_probs([0.2, 0.8])
    heads, tails = strip.blocks
    assert (heads.width, tails.width) == pytest.approx((0.8, 3.2), abs=1e-9)
    assert heads.height == pytest.approx(0.5 * math.log2(5), abs=1e-9)
    assert tails.height == pytest.approx(0.5 * math.log2(1.25), abs=1e-9)
    assert heads.get_left()[0] == pytest.approx(left, abs=1e-9)
    assert tails.get_left()[0] == pytest.approx(heads.get_right()[0], abs=1e-9)
    assert {round(b.get_bottom()[1], 9) for b in strip.blocks} == {round(base, 9)}
    assert strip.average == pytest.approx(_h(0.2), abs=1e-12)
    assert [lab.get_x() for lab in strip.labels] == pytest.approx([b.get_x() for b in strip.blocks])


def test_morph_to_passes_through_distributions_and_lands_exactly():
    strip = AverageStrip(it.fair_coin(), width=4.0)
    motion = strip.morph_to([0.9, 0.1])
    motion.begin()
    motion.interpolate(0.5)
    assert strip.p.sum() == pytest.approx(1.0, abs=1e-12)
    assert strip.average == pytest.approx(float(it.entropy(strip.p)), abs=1e-12)
    motion.finish()
    assert np.array_equal(strip.p, [0.9, 0.1])
    assert strip.average == pytest.approx(_h(0.1), abs=1e-12)


def test_a_cross_entropy_strip_keeps_its_model():
    strip = AverageStrip([0.5, 0.5], [0.9, 0.1], width=2.0)
    strip.set_probs([0.25, 0.75])
    assert strip.average == pytest.approx(it.cross_entropy([0.25, 0.75], [0.9, 0.1]), abs=1e-12)


def test_an_impossible_outcome_may_stay_impossible():
    # Reality with an outcome that never happens, under a moving model (part 12's slide).
    strip = AverageStrip([0.5, 0.5, 0.0], [0.2, 0.3, 0.5], width=2.0)
    strip.set_probs([0.5, 0.5, 0.0], [0.4, 0.4, 0.2])
    assert strip.average == pytest.approx(
        it.cross_entropy([0.5, 0.5, 0.0], [0.4, 0.4, 0.2]), abs=1e-12
    )
    assert strip.blocks[0].height == pytest.approx(math.log2(1 / 0.4), abs=1e-9)
    with pytest.raises(ValueError, match="possible or impossible"):
        strip.set_probs([0.4, 0.4, 0.2], [0.4, 0.4, 0.2])


def test_no_overhang_puts_the_baseline_exactly_under_the_blocks():
    strip = AverageStrip(it.fair_die(6), width=3.0, overhang=0)
    assert strip.baseline.get_left()[0] == pytest.approx(strip.blocks.get_left()[0], abs=1e-9)
    assert strip.baseline.get_right()[0] == pytest.approx(strip.blocks.get_right()[0], abs=1e-9)
    assert AverageStrip(it.fair_die(6), width=3.0).baseline.width == pytest.approx(3.2)


@pytest.mark.parametrize(
    ("probs", "message"),
    [([1.0, 0.0], "possible or impossible"), ([0.5, 0.6], "sums to"), ([1.0], "1 prob")],
)
def test_bad_chances_are_refused(probs, message):
    strip = AverageStrip(it.fair_coin())
    with pytest.raises(ValueError, match=message):
        strip.set_probs(probs)


@pytest.mark.parametrize(("recolor", "role"), [(True, "entropy"), (False, "surprise")])
def test_pour_lands_on_a_bar_as_tall_as_the_average_in_one_colour(recolor, role):
    from scenes.theme import DARK

    strip = AverageStrip(it.thick_coin(edge=0.1), width=4.0, unit_height=0.5)
    strip.pour(recolor=recolor)
    bar = strip.levelled  # what the pour lands on
    assert bar.height == pytest.approx(0.5 * float(it.entropy(it.thick_coin(edge=0.1))), abs=1e-9)
    assert bar.get_fill_color() == DARK.color[role]
