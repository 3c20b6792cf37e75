"""Part 12: the four measures on one scale of bits, their examples worked by hand, and the
gap (KL) closing as the model moves onto reality."""

from __future__ import annotations

import math

import numpy as np
import pytest

import infotheory as it
from scenes.parts.p12_recap import CLEARANCE, Recap, RecapParams
from tests.scenes.reading import worked_out

BEATS = ["opening", "surprise", "entropy", "cross-entropy", "kl-divergence", "gap", "takeaway"]

# Worked by hand for the weather: p = (0.5, 0.25, 0.15, 0.1), q = (0.2, 0.4, 0.3, 0.1).
P = (0.5, 0.25, 0.15, 0.1)
Q = (0.2, 0.4, 0.3, 0.1)
S_RAIN = math.log2(1 / 0.15)  # 2.737
H = sum(p * math.log2(1 / p) for p in P)  # 0.5 + 0.5 + 0.4105 + 0.3322 = 1.743
CE = sum(p * math.log2(1 / q) for p, q in zip(P, Q, strict=True))  # 2.084
KL = sum(p * math.log2(p / q) for p, q in zip(P, Q, strict=True))  # 0.341
SHOWN = {"S": "2.737", "H": "1.743", "CE": "2.084", "KL": "0.341"}


def test_the_beats_walk_the_road_then_close_the_gap(play):
    scene = play(Recap)
    assert [b.name for b in scene.beats] == BEATS


@pytest.mark.parametrize(
    ("beat", "key", "value"),
    [
        ("surprise", "S", S_RAIN),
        ("entropy", "H", H),
        ("cross-entropy", "CE", CE),
        ("kl-divergence", "KL", KL),
    ],
)
def test_each_example_is_worked_by_hand_and_said(play, beat, key, value):
    record = play(Recap).beat_record(beat)
    shown, text = record.readouts[key]
    assert shown == pytest.approx(value, abs=1e-12)
    assert text == SHOWN[key]
    assert f"{text} bits" in record.narration


@pytest.mark.parametrize("beat", ["kl-divergence", "gap"])
def test_each_example_shows_what_its_label_names(play, beat):
    """Read every example as drawn (label and number) and work out what the label names
    by hand: with the model q until the gap closes, then with q moved onto p."""
    readings = play(Recap).beat_record(beat).readings
    odds = {"p": P, "q": Q if beat != "gap" else P}
    outcomes = ("sun", "cloud", "rain", "snow")
    shown = {r.label: r.text for r in readings.values()}
    assert set(shown) == {'S("rain")', "H(p)", "H(p, q)", '"KL"(p || q)'}
    for label, text in shown.items():
        assert text == f"{worked_out(label, odds, outcomes=outcomes):.3f}", label
    if beat == "gap":
        assert shown['"KL"(p || q)'] == "0.000" and shown["H(p, q)"] == shown["H(p)"]


def test_the_row_keeps_every_example_on_screen(play):
    readouts = play(Recap).beat_record("kl-divergence").readouts
    assert {key: readouts[key][1] for key in SHOWN} == SHOWN


def test_one_scale_the_dot_sits_at_its_blocks_height_and_the_bar_on_the_plots_scale(play):
    scene = play(Recap)
    plot = scene.beat_record("surprise").shown["plot"]
    dot = scene.beat_record("surprise").shown["mark"][-1]
    strip = scene.beat_record("entropy").shown["strip"]
    rain = RecapParams().outcomes.index("rain")
    block = strip.blocks[rain]
    # The dot at (0.15, 2.737 bits) on the plot, and rain's block as tall as that.
    assert dot.get_center()[:2] == pytest.approx(plot.c2p(0.15, S_RAIN)[:2], abs=1e-6)
    assert block.get_top()[1] == pytest.approx(dot.get_center()[1], abs=1e-6)
    assert block.get_bottom()[1] == pytest.approx(plot.c2p(0, 0)[1], abs=1e-6)
    # The stacked bar stands on the same baseline at the same bits per unit of height.
    kl_beat = scene.beat_record("kl-divergence").shown
    stack = kl_beat["stack"]
    per_bit = plot.c2p(0, 1)[1] - plot.c2p(0, 0)[1]
    h, kl, ce = kl_beat["heights"]
    assert stack.base[1] == pytest.approx(plot.c2p(0, 0)[1], abs=1e-9)
    assert (h / per_bit, kl / per_bit, ce / per_bit) == pytest.approx((H, KL, CE), abs=1e-9)


def test_the_gap_closes_as_the_model_moves_onto_reality(play):
    record = play(Recap).beat_record("gap")
    chart = record.shown["chart"]
    assert np.array_equal(chart.probs, np.array(P))  # the model's bars now stand at p
    assert record.readouts["KL"] == (0.0, "0.000")
    assert record.readouts["CE"][1] == SHOWN["H"]  # cross-entropy down to its floor
    h, kl, _ = record.shown["stack"].segment_heights()
    assert kl < 1e-2 < h
    assert record.narration.startswith(f"Those {SHOWN['KL']} bits are the gap")
    assert "Training works to close it" in record.narration


def test_the_takeaway_names_the_gap_and_what_training_minimises(play):
    record = play(Recap).beat_record("takeaway")
    assert record.narration.startswith("KL divergence is the gap between model and reality")
    assert "cross-entropy is what training minimises" in record.narration
    assert "measures" not in record.narration  # not "cross-entropy measures how far"


@pytest.mark.parametrize("beat", ["kl-divergence", "gap"])
def test_nothing_comes_within_80_pixels_of_the_frame_edge(play, beat):
    from manim import config

    left, right, bottom, top = play(Recap).beat_record(beat).shown["extent"]
    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    assert min(left + half_w, half_w - right, bottom + half_h, half_h - top) >= CLEARANCE - 1e-9


def test_parameters_change_the_numbers_and_the_narration(play):
    params = RecapParams(q=(0.4, 0.3, 0.2, 0.1), example="snow", unit="nats")
    scene = play(Recap, params)
    p, q = np.array(P), np.array(params.q)
    expected = {
        "S": math.log(1 / 0.1),
        "H": float(np.sum(p * np.log(1 / p))),
        "CE": float(np.sum(p * np.log(1 / q))),
        "KL": float(np.sum(p * np.log(p / q))),
    }
    for beat, key in zip(BEATS[1:5], expected, strict=True):
        record = scene.beat_record(beat)
        value, shown = record.readouts[key]
        assert value == pytest.approx(expected[key], rel=1e-12)
        assert f"{shown} nats" in record.narration
    assert "snow, at 0.10" in scene.beat_record("surprise").narration
    assert "ln" in scene.road.stations[0].formula.expression


def test_a_p_that_does_not_sum_to_one_is_refused_with_infotheorys_message():
    outcomes = RecapParams().outcomes
    bad = (0.5, 0.25, 0.15, 0.2)
    with pytest.raises(ValueError) as maths:
        it.categorical(outcomes, bad)
    with pytest.raises(ValueError, match="p") as refused:
        RecapParams(p=bad)
    assert str(maths.value) in str(refused.value)


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"q": (0.5, 0.5, 0.0, 0.0)}, "q"),  # the model rules out what happens
        ({"q": (0.5, 0.25, 0.15, 0.1)}, "q"),  # no gap at all
        ({"example": "fog"}, "example"),
        ({"p": (0.5, 0.5, 0.0, 0.0), "q": (0.4, 0.4, 0.1, 0.1), "example": "rain"}, "example"),
        ({"outcomes": ("a",), "p": (1.0,), "q": (1.0,), "example": "a"}, "outcomes"),
        ({"unit": "bytes"}, "unit"),
    ],
)
def test_bad_parameters_are_refused(bad, field):
    with pytest.raises(ValueError, match=field):
        RecapParams(**bad)


def test_every_word_and_number_reads_at_480p(typst_cache):
    """Nothing on screen at the end of the scene's own beats is set smaller than the
    label size (the small size is hard to read at 480p)."""
    from scenes.theme import current_theme
    from tests.scenes.readable import own_beats, smallest_text

    scene = own_beats(Recap, typst_cache)
    size, which = smallest_text(scene.mobjects)
    assert size >= current_theme().size.label - 1e-6, which
