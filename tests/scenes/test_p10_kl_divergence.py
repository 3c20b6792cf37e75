"""Part 10: cross-entropy splits into H(p) and KL on part 8's curve; the curve less its
floor is KL against q(heads), never below zero and zero only at q = p. Values worked by
hand for a fair coin and a model that bets 0.9 on heads."""

from __future__ import annotations

import math

import numpy as np
import pytest

import infotheory as it
from scenes.parts.p10_kl_divergence import CLEARANCE, KLDivergence, KLDivergenceParams
from tests.scenes.reading import worked_out

# p = (1/2, 1/2), q = (0.9, 0.1): H(p, q) = (log2 10/9 + log2 10) / 2, H(p) = 1, KL = H(p, q) - 1.
CE = (math.log2(10 / 9) + math.log2(10)) / 2  # 1.73697
KL = CE - 1.0


def kl_fair(q: float) -> float:
    """KL of a fair coin from the model (q, 1 - q), by hand."""
    return 0.5 * math.log2(0.5 / q) + 0.5 * math.log2(0.5 / (1 - q))


@pytest.mark.parametrize("beat", ["split", "kl-curve", "match", "never-negative", "takeaway"])
def test_each_labelled_number_is_what_its_label_names_for_the_coins_drawn(play, beat):
    """Read the beat as drawn: the coins' bars (p and q), and each read-out's label and
    number. The quantity the label names, worked out by hand from the drawn coins, must
    be the number beside it: a swapped label or a wrong number fails."""
    readings = play(KLDivergence).beat_record(beat).readings
    coins = {
        name: [float(readings[f"{name}[{side}]"].text) for side in ("heads", "tails")]
        for name in ("p", "q")
    }
    labels = {r.label: r.text for key, r in readings.items() if key.startswith("stack.")}
    assert set(labels) == {"H(p, q)", "H(p)", '"KL"(p || q)'}
    for label, text in labels.items():
        assert text == f"{worked_out(label, coins):.3f}", (beat, label)
    assert readings["x"].label == 'q("heads")' and readings["x"].text == f"{coins['q'][0]:.3f}"


def test_the_split_is_worked_by_hand_and_said_sentence_by_sentence(play):
    record = play(KLDivergence).beat_record("split")
    shown = {k: record.readouts[f"stack.{k}"] for k in ("CE", "H", "KL")}
    assert shown["CE"] == (pytest.approx(CE, abs=1e-12), "1.737")
    assert shown["H"] == (1.0, "1.000")
    assert shown["KL"] == (pytest.approx(KL, abs=1e-12), "0.737")
    # One sentence for the whole, one for each part, in that order.
    texts = [line.text for line in record.lines]
    assert "1.737 bits, splits in two" in texts[0]
    assert texts[1].startswith("Entropy, 1.000 bit") and "0.737 bits" in texts[2]
    assert record.readouts["x"] == (0.9, "0.900")
    assert [record.readouts[f"p[{o}]"][1] for o in ("heads", "tails")] == ["0.50", "0.50"]
    assert [record.readouts[f"q[{o}]"][1] for o in ("heads", "tails")] == ["0.90", "0.10"]


def test_reality_is_p_and_the_model_is_q_throughout(play):
    scene = play(KLDivergence)
    said = " ".join(b.narration for b in scene.beats)
    assert "models" not in said  # never "p models q": reality and the model, always
    assert "a model that bets 0.90 on heads" in said


def test_the_bar_stands_on_the_curves_scale(play):
    record = play(KLDivergence).beat_record("split")
    h, kl, _ = record.shown["heights"]
    per_bit = record.shown["unit_height"]
    assert h / per_bit == pytest.approx(1.0, abs=1e-9)
    assert kl / per_bit == pytest.approx(KL, abs=1e-9)


def test_the_curve_less_its_floor_is_kl_everywhere(play):
    points = play(KLDivergence).beat_record("kl-curve").shown["kl_points"]
    q, height = points[:, 0], points[:, 1]
    assert q.min() == pytest.approx(0.05, abs=1e-9) and q.max() == pytest.approx(0.95, abs=1e-9)
    expected = np.array([kl_fair(x) for x in q])
    assert height == pytest.approx(expected, abs=1e-9)
    # Never below zero, and zero only where the model is reality.
    assert height.min() >= -1e-12
    zero = np.isclose(height, 0.0, atol=1e-12)
    assert q[zero] == pytest.approx([0.5])


def test_at_q_equal_to_p_kl_is_exactly_zero(play):
    record = play(KLDivergence).beat_record("match")
    assert record.readouts["stack.KL"] == (0.0, "0.000")
    assert record.readouts["x"] == (0.5, "0.500")
    assert record.readouts["stack.CE"][1] == record.readouts["stack.H"][1] == "1.000"
    assert record.narration.endswith("exactly 0.000.")


def test_the_sweep_finds_no_lower_point_than_q_equal_to_p(play):
    scene = play(KLDivergence)
    lowest_q, lowest = scene.beat_record("never-negative").shown["lowest"]
    assert (lowest_q, lowest) == (pytest.approx(0.5, abs=1e-9), pytest.approx(0.0, abs=1e-9))
    assert scene.beat_record("never-negative").readouts["x"][1] == "0.500"


@pytest.mark.parametrize("beat", ["split", "never-negative"])
def test_room_to_spare_from_the_frame_edge(play, beat):
    from manim import config

    scene = play(KLDivergence)
    left, right, bottom, top = scene.beat_record(beat).shown["extent"]
    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    assert min(left + half_w, half_w - right) >= CLEARANCE + scene.theme.space.s - 1e-9
    assert min(bottom + half_h, half_h - top) >= CLEARANCE - 1e-9


def test_kl_keeps_its_colour(play):
    scene = play(KLDivergence)
    kl = scene.theme.color.kl
    assert scene.curve.stack.kl_segment.get_fill_color() == kl
    assert scene.readouts[3].number.get_fill_color() == kl


def test_parameters_change_what_is_shown_and_said(play):
    params = KLDivergenceParams(reality=(0.6, 0.4), model=(0.2, 0.8), unit="nats")
    scene = play(KLDivergence, params)
    record = scene.beat_record("split")
    kl = it.kl_divergence([0.6, 0.4], [0.2, 0.8], unit="nats")
    assert record.readouts["stack.KL"] == (kl, f"{kl:.3f}")
    assert record.narration.startswith("A coin, and a model that bets 0.20 on heads")
    assert f"{kl:.3f} nats" in record.narration
    lowest_q, lowest = scene.beat_record("never-negative").shown["lowest"]
    assert (lowest_q, lowest) == (pytest.approx(0.6, abs=1e-9), pytest.approx(0, abs=1e-9))


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"reality": (0.5, 0.6)}, "reality"),
        ({"model": (1.0, 0.0)}, "model"),  # off the curve, and KL infinite
        ({"model": (0.55, 0.45)}, "model"),  # too near reality to see a divergence
        ({"outcomes": ("a", "b", "c"), "reality": (0.4, 0.3, 0.3)}, "reality"),
        ({"reality": (0.02, 0.98)}, "reality"),
        ({"unit": "bytes"}, "unit"),
    ],
)
def test_bad_parameters_are_refused_by_name(bad, field):
    with pytest.raises(ValueError, match=field):
        KLDivergenceParams(**bad)


def test_every_word_and_number_reads_at_480p(typst_cache):
    """Nothing on screen at the end of the scene's own beats is set smaller than the
    label size (the small size is hard to read at 480p)."""
    from scenes.theme import current_theme
    from tests.scenes.readable import own_beats, smallest_text

    scene = own_beats(KLDivergence, typst_cache)
    size, which = smallest_text(scene.mobjects)
    assert size >= current_theme().size.label - 1e-6, which
