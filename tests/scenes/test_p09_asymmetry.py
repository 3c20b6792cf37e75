"""Part 9: swapping belief and reality changes the cross-entropy, and the model that calls a
common outcome rare (a fair coin believed rigged) is the costly one."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

import infotheory as it
from scenes.kit import format_value
from scenes.parts.p09_asymmetry import Asymmetry, AsymmetryParams

# Reference values from the brief.
FAIR_BELIEVED_RIGGED = 1.736965594166206  # H(fair, rigged 0.9/0.1)
RIGGED_BELIEVED_FAIR = 1.0  # H(rigged 0.9/0.1, fair)
TAIL_UNDER_RIGGED = math.log2(10)  # surprise of tails when the model says 0.1


def _readouts(play, params=None):
    return play(Asymmetry, params).beat_record("verdict").readouts


def test_case_a_is_larger_than_case_b(play):
    """The direction test: read both cross-entropies back from the screen."""
    shown = _readouts(play)
    a, b = shown["a.cross_entropy"][0], shown["b.cross_entropy"][0]
    assert a > b
    assert shown["verdict.a"][0] == a and shown["verdict.b"][0] == b


def test_both_cases_equal_infotheory_and_the_reference_values(play):
    shown = _readouts(play)
    fair, rigged = it.fair_coin(), it.rigged_coin(0.9)
    assert shown["a.cross_entropy"][0] == it.cross_entropy(fair, rigged)
    assert shown["b.cross_entropy"][0] == it.cross_entropy(rigged, fair)
    assert shown["a.cross_entropy"] == pytest.approx((FAIR_BELIEVED_RIGGED, "1.737"), abs=1e-12)
    assert shown["b.cross_entropy"] == (RIGGED_BELIEVED_FAIR, "1.000")


def test_the_verdict_names_each_case_by_truth_then_belief(play):
    """Read each verdict as drawn: its label names H(truth, belief); the number beside it
    must be that cross-entropy, worked out here from the names."""
    coins = {"fair": [0.5, 0.5], "rigged": [0.9, 0.1]}
    verdicts = play(Asymmetry).beat_record("verdict").shown
    labels = set()
    for key in ("verdict.a", "verdict.b"):
        shown = verdicts[key]
        truth, belief = re.fullmatch(r'H\("(\w+)", "(\w+)"\)', shown.label).groups()
        p, q = np.array(coins[truth]), np.array(coins[belief])
        cross_entropy = float(-(p * np.log2(q)).sum())
        assert shown.text == format_value(cross_entropy), key
        assert shown.unit == ("bit" if shown.text == "1.000" else "bits"), key
        labels.add(shown.label)
    assert labels == {'H("fair", "rigged")', 'H("rigged", "fair")'}
    assert str(verdicts["verdict.a"]) == 'H("fair", "rigged") = 1.737 bits'


def test_every_tail_costs_log2_10_bits_in_case_a(play):
    shown = _readouts(play)
    value, text = shown["a.surprise[tails]"]
    assert value == pytest.approx(TAIL_UNDER_RIGGED, abs=1e-12)
    assert text == "3.32"
    # Case b: every flip costs exactly one bit under the fair model.
    assert shown["b.surprise[heads]"] == (1.0, "1.00")
    assert shown["b.surprise[tails]"] == (1.0, "1.00")


def test_bars_show_each_case_s_reality_and_model(play):
    shown = play(Asymmetry).beat_record("believed-fair").readouts
    assert shown["a.p[tails]"] == (0.5, "0.50")
    assert shown["a.q[tails]"][1] == "0.10"
    assert shown["b.p[heads]"] == (0.9, "0.90")
    assert shown["b.q[heads]"] == (0.5, "0.50")


def test_narration_follows_the_maths(play):
    scene = play(Asymmetry)
    rigged = scene.beat_record("believed-rigged").narration
    assert "3.32 bits for each" in rigged and "1.737 on average" in rigged
    assert "the average is 1.000 bit." in scene.beat_record("believed-fair").narration
    verdict = scene.beat_record("verdict").narration
    assert "1.737 against 1.000" in verdict and "The first case hurts more" in verdict


def test_parameters_change_what_is_shown_and_said(play):
    params = AsymmetryParams(rigged_heads=0.8, unit="nats")
    scene, default = play(Asymmetry, params), play(Asymmetry)
    shown = scene.beat_record("verdict").readouts
    fair, rigged = it.fair_coin(), it.rigged_coin(0.8)
    a = it.cross_entropy(fair, rigged, unit="nats")
    b = it.cross_entropy(rigged, fair, unit="nats")
    assert shown["a.cross_entropy"] == (a, f"{a:.3f}")
    assert shown["b.cross_entropy"] == (b, f"{b:.3f}")
    assert a > b
    for beat in ("believed-rigged", "believed-fair", "verdict"):
        assert scene.beat_record(beat).narration != default.beat_record(beat).narration
    assert "probability 0.80" in scene.beat_record("believed-rigged").narration
    assert f"{a:.3f} against {b:.3f}" in scene.beat_record("verdict").narration


@pytest.mark.parametrize(
    "bad",
    [{"rigged_heads": 0.5}, {"rigged_heads": 1.0}, {"rigged_heads": 1.2}, {"rigged_heads": "x"}],
)
def test_bad_bias_is_refused(bad):
    with pytest.raises(ValueError, match="rigged_heads"):
        AsymmetryParams(**bad)


def test_bad_unit_is_refused():
    with pytest.raises(ValueError, match="unit"):
        AsymmetryParams(unit="bytes")
