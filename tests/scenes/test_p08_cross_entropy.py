"""Part 8: each draw costs log 1/q, the running mean settles on H(p, q), and the coin's
cross-entropy curve touches its floor H(p) exactly at q = p, the gap above it shaded."""

from __future__ import annotations

import numpy as np
import pytest

import infotheory as it
from scenes.dryrun import dry_run
from scenes.kit.samples import RealityAndModel
from scenes.parts.p08_cross_entropy import Q_RANGE, CrossEntropy, CrossEntropyParams
from scenes.theme import DARK

DEFAULT = CrossEntropyParams()
VARIANT = CrossEntropyParams(
    world=RealityAndModel(outcomes=("A", "B", "C"), p=(0.6, 0.3, 0.1), q=(0.3, 0.4, 0.3)),
    num_samples=200,
    seed=11,
    coin_heads=0.4,
    sweep_from=0.8,
    unit="nats",
)
BOTH = pytest.mark.parametrize("params", [DEFAULT, VARIANT], ids=["default", "variant"])


def _run(params: CrossEntropyParams) -> it.RunningAverage:
    world = params.world
    return it.running_average_surprise(
        world.true, world.model, params.num_samples, params.seed, unit=params.unit
    )


def _tolerance(params: CrossEntropyParams) -> float:
    """Four standard errors of the mean of n surprises: a seeded run outside it is a bug."""
    world = params.world
    s = np.asarray(it.surprisal(world.model.probs, unit=params.unit))
    p = world.true.probs
    sd = np.sqrt(p @ s**2 - (p @ s) ** 2)
    return 4 * sd / np.sqrt(params.num_samples)


@pytest.fixture(scope="module")
def default(play):
    return play(CrossEntropy, DEFAULT)


def test_the_costs_are_the_model_s_surprises(default):
    """Worked by hand for q = (0.2, 0.4, 0.3, 0.1): log2 5, log2 2.5, log2 10/3, log2 10."""
    shown = default.beat_record("score").readouts
    expected = {"sun": "2.32", "cloud": "1.32", "rain": "1.74", "snow": "3.32"}
    assert {name: shown[f"S[{name}]"][1] for name in expected} == expected
    assert shown["S[snow]"][0] == pytest.approx(np.log2(10), abs=1e-12)
    # What q expects most (cloud, 0.4) costs least; what it thinks rarest (snow) most.
    record = default.beat_record("score")
    assert (record.shown["cheap"], record.shown["dear"]) == ("S[cloud]", "S[snow]")
    # The box and the ring end on the dearest: snow's cost, and its point on the curve.
    assert record.shown["boxed"] == "S[snow]"
    curve = default.plots.surprise
    assert record.shown["ringed"] == pytest.approx(curve.c2p(0.1, np.log2(10)), abs=1e-6)


def test_log_one_over_q_is_written_as_it_is_said(default):
    record = default.beat_record("score")
    sentence = [
        (start, start + s.duration)
        for line in record.lines
        for s, start in zip(line.sentences, line.starts, strict=True)
        if "of one over q" in s.text
    ]
    assert len(sentence) == 1
    start, end = sentence[0]
    # Written over the sentence's last words, not before it is said or after it ends.
    assert start + (end - start) / 2 <= record.shown["formula_written"] < end


def test_highlights_point_but_never_recolour_the_costs(default):
    surprise = DARK.color.surprise
    for cost in default.draws.costs:
        assert cost.number.get_fill_color() == surprise
    # The pointer that follows the draws is a box in the highlight colour, not a recolour.
    assert default.draws.pointer.get_stroke_color() == DARK.color.highlight


def test_counts_sit_under_the_labels_out_of_the_draws_path(default):
    stream = default.draws.stream
    assert stream.counts_at == "below"
    labels_bottom = stream.labels.get_bottom()[1]
    for readout, bar in zip(stream.count_readouts, stream.bars, strict=True):
        assert readout.get_top()[1] < labels_bottom < bar.get_bottom()[1]


@BOTH
def test_running_mean_settles_on_the_cross_entropy(play, params):
    readouts = play(CrossEntropy, params).beat_record("average").readouts
    world, run = params.world, _run(params)
    exact = it.cross_entropy(world.true, world.model, unit=params.unit)
    assert readouts["cross_entropy"] == (exact, f"{exact:.3f}")
    last, shown = readouts["running_mean"]
    assert last == run.running_mean[-1]
    assert shown == f"{last:.3f}"
    assert abs(last - exact) < _tolerance(params)
    if params == DEFAULT:
        # Worked by hand: 0.5 log2 5 + 0.25 log2 2.5 + 0.15 log2 10/3 + 0.1 log2 10.
        assert readouts["cross_entropy"][1] == "2.084"
        assert abs(last - exact) < 0.05


@BOTH
def test_draws_are_the_seeded_samples(play, params):
    scene = play(CrossEntropy, params)
    average = scene.beat_record("average").readouts
    counts = np.bincount(_run(params).samples, minlength=len(params.world.outcomes))
    for name, n_all in zip(params.world.outcomes, counts, strict=True):
        assert average[f"count[{name}]"] == (n_all, str(n_all))
    assert average["count.n"][0] == params.num_samples


@BOTH
def test_the_curve_touches_its_floor_at_q_equals_p(play, params):
    scene = play(CrossEntropy, params)
    readouts = scene.beat_record("minimum").readouts
    coin = it.rigged_coin(params.coin_heads)
    h = it.entropy(coin, unit=params.unit)
    assert readouts["coin.x"] == (params.coin_heads, f"{params.coin_heads:.3f}")
    value, text = readouts["coin"]
    assert value == pytest.approx(h, abs=1e-12) and text == f"{h:.3f}"
    assert readouts["coin.H"] == (h, f"{h:.3f}")
    # Gibbs: every model on the drawn curve does at least as badly as the floor.
    _, ce = it.coin_cross_entropy_curve(params.coin_heads, *Q_RANGE, unit=params.unit)
    assert ce.min() == pytest.approx(h, abs=1e-12)
    assert np.all(ce >= h - 1e-12)


def test_the_default_floor_is_the_coin_s_entropy_worked_by_hand(default):
    h = 0.7 * np.log2(1 / 0.7) + 0.3 * np.log2(1 / 0.3)
    assert default.beat_record("minimum").readouts["coin.H"] == (
        pytest.approx(h, abs=1e-12),
        "0.881",
    )


def test_the_slider_sweeps_the_whole_curve_then_settles_on_p(default):
    curve = default.curve
    xs = np.array([curve.plot.axes.p2c(p)[0] for p in curve.curve.get_anchors()])
    assert xs.min() == pytest.approx(Q_RANGE[0]) and xs.max() == pytest.approx(Q_RANGE[1])
    assert default.beat_record("slider").readouts["coin.x"][0] == pytest.approx(Q_RANGE[1])
    assert default.beat_record("minimum").readouts["coin.x"][0] == DEFAULT.coin_heads
    # The model's bars followed the slider to p.
    assert default.beat_record("minimum").readouts["coin_q[heads]"][1] == "0.70"


def test_q_is_in_the_model_s_colour_and_the_inequality_stands_by_the_curve(default):
    curve = default.curve
    assert curve.plot.x_label.get_color() == DARK.color.q
    assert curve.readouts[0].number.get_fill_color() == DARK.color.q
    assert curve.inequality in default.mobjects or any(
        curve.inequality in m.get_family() for m in default.mobjects
    )
    box, axes = curve.inequality, curve.plot.axes
    assert axes.get_left()[0] < box.get_x() < axes.get_right()[0]
    assert axes.get_bottom()[1] < box.get_y() < axes.get_top()[1]


def test_parameters_change_what_is_shown_and_said(play):
    default, variant = play(CrossEntropy, DEFAULT), play(CrossEntropy, VARIANT)
    for beat in ("average", "slider", "minimum"):
        assert default.beat_record(beat).narration != variant.beat_record(beat).narration
    h = it.entropy(it.rigged_coin(0.4), unit="nats")
    assert f"the coin's entropy, {h:.3f} nats" in variant.beat_record("minimum").narration
    assert "probability 0.40" in variant.beat_record("slider").narration
    exact = it.cross_entropy(VARIANT.world.true, VARIANT.world.model, unit="nats")
    assert f"near {exact:.3f} nats" in variant.beat_record("average").narration
    assert "natural log of one over q" in variant.beat_record("score").narration


def test_six_outcomes_lay_out_halfway_through_every_animation(typst_cache):
    """Six outcomes, another coin and sweep, in the light theme: checked mid-animation
    too (the defaults are checked with every scene)."""
    params = CrossEntropyParams(
        world=RealityAndModel(
            outcomes=tuple("abcdef"),
            p=(0.3, 0.2, 0.2, 0.1, 0.1, 0.1),
            q=(0.25, 0.2, 0.15, 0.15, 0.15, 0.1),
        ),
        coin_heads=0.1,
        sweep_from=0.5,
    )
    dry_run(CrossEntropy, params, layout="error", midway=True, theme="light", cache_dir=typst_cache)


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"num_samples": 20}, "num_samples"),
        ({"first_draws": 11}, "first_draws"),
        ({"seed": -2}, "seed"),
        ({"coin_heads": 1.5}, "coin_heads"),
        ({"coin_heads": 0.95}, "coin_heads"),
        ({"sweep_from": 0.99}, "sweep_from"),
        ({"sweep_from": 0.65}, "sweep_from"),
        ({"world": "rain"}, "world"),
        ({"unit": "bytes"}, "unit"),
    ],
)
def test_bad_parameters_are_refused(bad, field):
    with pytest.raises(ValueError, match=field):
        CrossEntropyParams(**bad)
