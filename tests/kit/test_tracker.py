"""A plot's tracker: with snap, its two read-outs agree in every frame and land on exact values."""

from __future__ import annotations

import math

import pytest

from scenes.kit import SurprisePlot
from scenes.theme import DARK


def _tracked(snap: bool) -> SurprisePlot:
    plot = SurprisePlot(y_max=6)
    plot.add_surprise_tracker(0.5, x_label="p", x_role="p", snap=snap)
    return plot


def _frame(plot: SurprisePlot, x: float) -> tuple[str, float, str]:
    """Move the dot to ``x`` as a frame mid-animation would, and read both read-outs."""
    plot.tracker.set_value(x)
    for mob in plot.get_family():
        mob.update(0)
    p_readout, s_readout = plot.readout
    return p_readout.shown, s_readout.value, s_readout.shown


def test_mid_motion_the_surprise_is_of_the_p_shown():
    plot = _tracked(snap=True)
    plot.track_to(1 / 12)
    p_text, value, s_text = _frame(plot, 0.12537)
    assert p_text == "0.125" and value == 3.0 and s_text == "3.000"  # log2 8, by hand
    # Without snap the same frame reads 0.125 beside 2.996.
    assert _frame(_tracked(snap=False), 0.12537)[::2] == ("0.125", "2.996")


def test_at_a_stop_both_read_outs_are_exact():
    plot = _tracked(snap=True)
    plot.track_to(1 / 12)
    p_text, value, s_text = _frame(plot, 1 / 12)
    assert (p_text, s_text) == ("0.083", "3.585")
    assert value == pytest.approx(math.log2(12), abs=1e-12)


def test_the_x_read_out_takes_its_role_and_the_axis_can_run_past_one():
    plot = _tracked(snap=True)
    assert plot.readout[0].number.get_color() == DARK.color.p
    long = SurprisePlot(y_max=6, x_end=1.1, label_gap=0.3)
    assert long.axes.x_axis.get_right()[0] > long.c2p(1, 0)[0]
    one = long.tick_labels[3]  # the x ticks come first: 0.25, 0.5, 0.75, 1
    assert one.text == "1" and long.c2p(1, 0)[1] - one.get_top()[1] == pytest.approx(0.3)
    with pytest.raises(ValueError, match="x_end"):
        SurprisePlot(x_end=0.9)
