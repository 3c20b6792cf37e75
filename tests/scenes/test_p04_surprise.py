"""Part 4 shows each lucky call's odds and surprise, from infotheory, in order of rarity."""

from __future__ import annotations

import math

import numpy as np
import pytest

import infotheory as it
from scenes.parts.p04_surprise import Surprise, SurpriseParams

VARIANT = SurpriseParams(unit="nats", coin_call="tails", die_faces=4, die_call=2, double_face=3)


def test_each_call_shows_its_probability(play):
    readouts = play(Surprise).beat_record("bits").readouts
    die = it.fair_die(6)
    assert readouts["p[coin]"] == (it.fair_coin().probability("heads"), "0.500")
    assert readouts["p[die]"] == (die.probability("4"), "0.167")
    # Two independent dice: the product of the two probabilities.
    assert readouts["p[double]"][0] == pytest.approx(die.probability("6") ** 2, abs=1e-15)
    assert readouts["p[double]"][1] == "0.028"


def test_die_call_is_more_surprising_than_coin_call(play):
    readouts = play(Surprise).beat_record("bits").readouts
    coin, die, double = (readouts[f"S[{k}]"] for k in ("coin", "die", "double"))
    assert coin == (it.surprisal(0.5), "1.000")
    assert die == (it.surprisal(1 / 6), "2.585")
    assert double[0] == pytest.approx(it.surprisal(1 / 36), abs=1e-12)
    assert double[1] == "5.170"
    assert coin[0] < die[0] < double[0]


def _surprise_at(scene, x: float) -> float:
    """The surprise at ``x`` on the axis as drawn, read off its numbered ticks."""
    ticks = sorted((int(label.markup), line.get_x()) for line, label in scene.axis_ticks)
    numbers, xs = np.array(ticks).T
    assert list(numbers) == list(range(len(ticks))), "ticks are numbered 0, 1, 2, ..."
    spacing = np.diff(xs)
    assert np.allclose(spacing, spacing[0]), "the ticks are evenly spaced"
    return float((x - xs[0]) / spacing[0])


def test_rarer_calls_sit_further_along_the_axis_at_their_surprise(play):
    scene = play(Surprise)
    # Worked by hand: a call that comes true 1 time in n is worth log2(n) bits.
    chances = {"coin": 2, "die": 6, "double": 36}
    for name, n in chances.items():
        mark, prop = scene.marks[name].get_x(), scene.props[name].get_x()
        assert _surprise_at(scene, mark) == pytest.approx(math.log2(n), abs=1e-9), name
        assert prop == pytest.approx(mark, abs=1e-9), f"the {name} stands on its mark"
    by_position = sorted(chances, key=lambda name: scene.marks[name].get_x())
    assert by_position == ["coin", "die", "double"]


def test_narration_reads_the_computed_odds_and_bits(play):
    scene = play(Surprise)
    assert "1 time in 2" in scene.beat_record("coin").narration
    assert "1 time in 6" in scene.beat_record("die").narration
    assert "1 chance in 36" in scene.beat_record("double").narration
    bits = scene.beat_record("bits").narration
    assert all(v in bits for v in ("1.000", "2.585", "5.170")) and "bits" in bits


def test_parameters_and_unit_change_what_is_shown_and_said(play):
    scene = play(Surprise, VARIANT)
    readouts = scene.beat_record("bits").readouts
    assert readouts["p[die]"] == (0.25, "0.250")
    assert readouts["p[double]"] == (0.0625, "0.063")  # 1/16, rounded half up
    assert readouts["S[coin]"][0] == it.surprisal(0.5, unit="nats")
    assert readouts["S[die]"] == (it.surprisal(0.25, unit="nats"), "1.386")
    assert readouts["S[double]"][0] == pytest.approx(np.log(16))
    assert "calls tails" in scene.beat_record("coin").narration
    assert "1 time in 4" in scene.beat_record("die").narration
    assert "two 3s" in scene.beat_record("double").narration
    assert "1 chance in 16" in scene.beat_record("double").narration
    bits = scene.beat_record("bits").narration
    assert "In nats" in bits and "1.386" in bits and "2.773" in bits


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"coin_call": "edge"}, "coin_call"),
        ({"die_faces": 3}, "die_faces"),
        ({"die_faces": 7}, "die_faces"),
        ({"die_faces": 4, "die_call": 5}, "die_call"),
        ({"double_face": 0}, "double_face"),
        ({"unit": "bytes"}, "unit"),
    ],
)
def test_bad_parameters_are_refused(bad, field):
    with pytest.raises(ValueError, match=field):
        SurpriseParams(**bad)
