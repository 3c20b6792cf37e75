"""Part 8: the running mean of the model's surprise settles on H(p, q), and the coin's
cross-entropy curve is lowest exactly at q = p, where it equals H(p)."""

from __future__ import annotations

import numpy as np
import pytest

import infotheory as it
from scenes.kit.samples import RealityAndModel
from scenes.parts.p08_cross_entropy import CrossEntropy, CrossEntropyParams

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
    # The default run is tight: within 0.05 bits of H(p, q) after 400 draws.
    if params == DEFAULT:
        assert abs(last - exact) < 0.05


@BOTH
def test_each_outcome_costs_its_surprise_under_the_model(play, params):
    readouts = play(CrossEntropy, params).beat_record("score").readouts
    world = params.world
    for name, q in zip(world.outcomes, world.model.probs, strict=True):
        s = it.surprisal(q, unit=params.unit)
        assert readouts[f"S[{name}]"] == (s, f"{s:.2f}")


@BOTH
def test_draws_are_the_seeded_samples(play, params):
    score = play(CrossEntropy, params).beat_record("score").readouts
    average = play(CrossEntropy, params).beat_record("average").readouts
    counts = np.bincount(_run(params).samples, minlength=len(params.world.outcomes))
    first = np.bincount(
        _run(params).samples[: params.first_draws], minlength=len(params.world.outcomes)
    )
    for name, n_first, n_all in zip(params.world.outcomes, first, counts, strict=True):
        assert score[f"count[{name}]"][0] == n_first
        assert average[f"count[{name}]"] == (n_all, str(n_all))
    assert average["count.n"][0] == params.num_samples


@BOTH
def test_curve_minimum_sits_at_q_equals_p_with_value_h_p(play, params):
    readouts = play(CrossEntropy, params).beat_record("minimum").readouts
    coin = it.rigged_coin(params.coin_heads)
    h = it.entropy(coin, unit=params.unit)
    q_shown, q_text = readouts["coin.x"]
    value, text = readouts["coin"]
    assert q_shown == params.coin_heads
    assert q_text == f"{params.coin_heads:.3f}"
    assert value == pytest.approx(h, abs=1e-12)
    assert text == f"{h:.3f}"
    assert readouts["entropy"] == (h, f"{h:.3f}")
    # Gibbs: every model on the drawn curve does at least as badly.
    _, ce = it.coin_cross_entropy_curve(params.coin_heads, 0.05, 0.95, unit=params.unit)
    assert ce.min() == pytest.approx(value, abs=1e-12)
    assert np.all(ce >= h - 1e-12)


def test_the_slider_starts_where_asked(play):
    readouts = play(CrossEntropy, DEFAULT).beat_record("slider").readouts
    # The sweep ends at the low end of the drawn range, far from the minimum.
    assert readouts["coin.x"][0] == pytest.approx(0.05)
    assert readouts["coin"][0] > readouts["coin_p[heads]"][0]


def test_parameters_change_what_is_shown_and_said(play):
    default, variant = play(CrossEntropy, DEFAULT), play(CrossEntropy, VARIANT)
    for beat in ("average", "slider", "minimum"):
        assert default.beat_record(beat).narration != variant.beat_record(beat).narration
    h = it.entropy(it.rigged_coin(0.4), unit="nats")
    assert f"equals the coin's entropy, {h:.3f} nats" in variant.beat_record("minimum").narration
    assert "probability 0.40" in variant.beat_record("slider").narration
    exact = it.cross_entropy(VARIANT.world.true, VARIANT.world.model, unit="nats")
    assert f"near {exact:.3f} nats" in variant.beat_record("average").narration


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
