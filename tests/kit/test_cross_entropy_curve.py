"""CrossEntropyCurve draws H(p, q_x) from infotheory on its floor H(p), shades the gap
between them (KL at every x), and its slider reads the exact values for any model."""

from __future__ import annotations

import numpy as np
import pytest
from manim import Mobject

import infotheory as it
from scenes.kit.cross_entropy_curve import CrossEntropyCurve

TRUE_HEADS = 0.7


@pytest.fixture(scope="module")
def coin() -> CrossEntropyCurve:
    return CrossEntropyCurve.for_coin(TRUE_HEADS, q_range=(0.05, 0.95), width=6.0, height=4.0)


def _data(curve: CrossEntropyCurve, points: np.ndarray) -> np.ndarray:
    """Screen points back to (x, bits) on the curve's axes."""
    return np.array([curve.plot.axes.p2c(point) for point in points])


def test_the_curve_is_the_cross_entropy_of_each_model(coin):
    xs, ys = _data(coin, coin.curve.get_anchors()).T
    # Worked by hand: H(p, q) = 0.7 log2 1/q + 0.3 log2 1/(1 - q).
    expected = 0.7 * np.log2(1 / xs) + 0.3 * np.log2(1 / (1 - xs))
    np.testing.assert_allclose(ys, expected, atol=1e-9)
    assert xs.min() == pytest.approx(0.05) and xs.max() == pytest.approx(0.95)


def test_the_floor_is_the_entropy_and_the_curve_touches_it_only_at_q_equals_p(coin):
    h = 0.7 * np.log2(1 / 0.7) + 0.3 * np.log2(1 / 0.3)  # 0.881 bits
    assert coin.entropy == pytest.approx(h, abs=1e-12)
    (_, y0), (_, y1) = _data(coin, [coin.floor.get_start(), coin.floor.get_end()])
    assert y0 == pytest.approx(h) and y1 == pytest.approx(h)
    assert coin.minimum == (TRUE_HEADS, pytest.approx(h, abs=1e-12))
    above = coin.values - h
    assert above.min() == pytest.approx(0, abs=1e-12)
    assert np.count_nonzero(above < 1e-9) == 1  # one touching point: the true coin
    assert coin.floor_readout.key == "coin.H" and coin.floor_readout.shown == "0.881"


def test_the_gap_s_area_is_the_integral_of_kl_over_the_models(coin):
    """The shaded region, measured on screen, against KL(p‖q) integrated over q."""
    points = _data(coin, coin.gap.get_anchors())
    x, y = points[:, 0], points[:, 1]
    area = 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))
    qs = coin.x
    kl = [it.kl_divergence([0.7, 0.3], [q, 1 - q]) for q in qs]
    assert area == pytest.approx(np.trapezoid(kl, qs), rel=1e-6)


def test_the_slider_reads_exact_values_between_grid_points():
    curve = CrossEntropyCurve.for_coin(0.3, width=6.0, height=4.0)
    curve.add_slider(0.123)
    q_readout, ce_readout = curve.readouts
    assert (q_readout.key, q_readout.shown) == ("coin.x", "0.123")
    assert ce_readout.value == pytest.approx(it.cross_entropy([0.3, 0.7], [0.123, 0.877]))
    assert curve.kl(0.123) == pytest.approx(it.kl_divergence([0.3, 0.7], [0.123, 0.877]))
    # Read-outs stand over the axes, where no curve or drop line can cross them.
    assert curve.readouts.get_bottom()[1] > curve.plot.axes.get_top()[1]


def _play(animation) -> None:
    animation.begin()
    animation.interpolate(0.5)
    animation.finish()


def test_a_traced_curve_shows_where_the_slider_has_been():
    curve = CrossEntropyCurve.for_coin(0.7, width=6.0, height=4.0)
    curve.add_slider(0.4)
    curve.trace()
    for target in (0.3, 0.8):
        _play(curve.slide_to(target))
    xs = _data(curve, curve.curve.get_anchors())[:, 0]
    assert xs.min() == pytest.approx(0.3, abs=0.01) and xs.max() == pytest.approx(0.8, abs=0.01)
    assert curve.tracker.get_value() == 0.8
    curve.stop_tracing()
    _play(curve.slide_to(0.9))
    assert _data(curve, curve.curve.get_anchors())[:, 0].max() == pytest.approx(0.8, abs=0.01)


def test_the_gap_marker_spans_kl_at_the_slider():
    curve = CrossEntropyCurve.for_coin(0.7, width=6.0, height=4.0)
    curve.add_slider(0.2)
    marker = curve.gap_marker()
    (_, low), (_, high) = _data(curve, [marker.get_start(), marker.get_end()])
    assert low == pytest.approx(curve.entropy)
    assert high - low == pytest.approx(it.kl_divergence([0.7, 0.3], [0.2, 0.8]))


def test_the_inequality_sits_above_the_curve_clear_of_it(coin):
    box = coin.inequality
    points = coin.screen_points()
    under = (points[:, 0] >= box.get_left()[0]) & (points[:, 0] <= box.get_right()[0])
    assert under.any()
    assert np.all(points[under, 1] < box.get_bottom()[1])
    assert box.get_top()[1] <= coin.plot.axes.get_top()[1]


def test_any_family_of_models_works_a_training_run_say():
    """Part 11's loss: the model at each step, the curve falling towards its floor."""
    p = np.array([0.5, 0.3, 0.2])
    steps = np.arange(6.0)
    start = np.array([1 / 3, 1 / 3, 1 / 3])
    models = np.array([start + (p - start) * (1 - 0.5**s) for s in steps])
    curve = CrossEntropyCurve(p, models, steps, x_label='"step"', width=6.0, height=3.0)
    np.testing.assert_allclose(curve.values, [it.cross_entropy(p, m) for m in models])
    assert np.all(np.diff(curve.values) < 0)
    assert curve.entropy == it.entropy(p)
    # Between steps the model is the straight mix of its neighbours: a distribution.
    assert curve.cross_entropy(2.5) == pytest.approx(
        it.cross_entropy(p, (models[2] + models[3]) / 2)
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (([0.5, 0.5], [[0.5, 0.5], [0.4, 0.6]], [0.0, 0.0]), "strictly increasing"),
        (([0.5, 0.5], [[0.5, 0.5]], [0.0, 1.0]), r"one model over 2 outcomes per value of x"),
        (([0.5, 0.5], [[0.5, 0.5], [1.0, 0.0]], [0.0, 1.0]), r"model at x = 1 gives an outcome"),
        (([0.5, 0.6], [[0.5, 0.5], [0.4, 0.6]], [0.0, 1.0]), "p"),
        (([0.5, 0.5], [[0.5, 0.5], [0.4, 0.7]], [0.0, 1.0]), "models"),
        (([0.5, 0.5], [[0.5, 0.5], [0.4, 0.6]], [0.0]), "at least two"),
    ],
)
def test_bad_input_is_refused_with_the_fault_named(args, message):
    with pytest.raises(ValueError, match=message):
        CrossEntropyCurve(*args)


def test_a_y_range_under_the_curve_is_refused():
    with pytest.raises(ValueError, match="y_max must be above the curve's top"):
        CrossEntropyCurve.for_coin(0.7, y_max=2.0)


def test_the_slider_must_exist_before_it_moves():
    curve = CrossEntropyCurve.for_coin(0.7)
    with pytest.raises(RuntimeError, match="add_slider"):
        curve.slide_to(0.5)


def test_parts_are_separate_mobjects_to_animate(coin):
    for part in (coin.plot, coin.curve, coin.floor, coin.floor_readout, coin.gap, coin.inequality):
        assert isinstance(part, Mobject)
        assert part in coin.submobjects
