"""Part 6 shows entropy as computed by infotheory: as bars, as an area, as a curve."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

import infotheory as it
from scenes.kit import Formula, format_value
from scenes.params import apply_overrides, parse_assignments
from scenes.parts.p06_entropy import Entropy, EntropyParams, ThickCoinParams

# Reference values from the brief.
H_FAIR = 1.0
H_THICK = 1.3689955935892812

VARIANT = EntropyParams(
    unit="nats", thick_coin=ThickCoinParams(edge=0.2), outcome_counts=(3, 5), peak=0.5
)


def test_entropies_read_one_bit_and_1_369_bits(play):
    readouts = play(Entropy).beat_record("level").readouts
    fair, thick = readouts["H.fair"], readouts["H.thick"]
    assert fair == (it.entropy(it.fair_coin()), "1.000")
    assert thick == (it.entropy(it.thick_coin(edge=0.1)), "1.369")
    assert fair[0] == H_FAIR and thick[0] == pytest.approx(H_THICK, abs=1e-15)
    assert thick[0] > fair[0]  # the thread's claim: the thick coin is more uncertain


def test_bars_show_each_outcomes_probability_and_surprise(play):
    readouts = play(Entropy).beat_record("coins").readouts
    thick = it.thick_coin(edge=0.1)
    for outcome in thick.outcomes:
        p = thick.probability(outcome)
        assert readouts[f"p.thick[{outcome}]"] == (p, format_value(p, 2))
        assert readouts[f"S.thick[{outcome}]"] == (it.surprisal(p), format_value(it.surprisal(p)))
    assert readouts["S.thick[edge]"][1] == "3.322"
    assert readouts["S.fair[heads]"] == (1.0, "1.000")


def test_levelled_bars_stand_as_tall_as_their_entropies(play):
    """The two bars as drawn: their heights compare as the entropies worked out by hand."""
    scene = play(Entropy)
    fair, thick = scene.levelled["fair"], scene.levelled["thick"]
    # 1 bit for the fair coin; the thick coin: 2 x 0.45 log2(1/0.45) + 0.1 log2(10).
    by_hand = 2 * 0.45 * math.log2(1 / 0.45) + 0.1 * math.log2(10)
    assert by_hand == pytest.approx(H_THICK, abs=1e-15)
    assert thick.height / fair.height == pytest.approx(by_hand, rel=1e-9)
    for name, bar in scene.levelled.items():
        baseline = scene.strips[name].baseline
        assert bar.get_bottom()[1] == pytest.approx(baseline.get_y(), abs=1e-9), name
        # As wide as the strip, which overhangs its baseline by 0.1 at each end.
        assert bar.width == pytest.approx(baseline.width - 0.2, abs=1e-9), name


def test_formula_terms_are_p_times_surprise_and_add_up(play):
    scene = play(Entropy)
    for name, dist in (("fair", it.fair_coin()), ("thick", it.thick_coin(edge=0.1))):
        terms = []
        for piece in scene.terms[name]:
            (formula,) = [m for m in piece if isinstance(m, Formula) and "dot" in m.expression]
            p, s = re.fullmatch(
                r"\{\{ ([\d.]+) : p \}\} dot \{\{ ([\d.]+) : surprise \}\}", formula.expression
            ).groups()
            terms.append((float(p), float(s)))
        shown_p, shown_s = np.array(terms).T
        assert np.allclose(shown_p, dist.probs, atol=0.005)
        assert np.allclose(shown_s, it.surprisal(dist.probs), atol=0.0005)
        assert shown_p @ shown_s == pytest.approx(it.entropy(dist), abs=0.01)


def test_binary_entropy_peaks_at_one_half_with_one_bit(play):
    scene = play(Entropy)
    readouts = scene.beat_record("curve").readouts
    assert readouts["binary.x"] == (0.5, "0.500")
    assert readouts["binary"] == (it.binary_entropy(0.5), "1.000")
    x, h = it.binary_entropy_curve()
    assert scene.peak == (0.5, 1.0) == (x[np.argmax(h)], h.max())
    assert "peaks at 1.000 bit when p = 0.5" in scene.beat_record("curve").narration


def test_more_even_outcomes_mean_more_entropy(play):
    readouts = play(Entropy).beat_record("spread").readouts
    counts = EntropyParams().outcome_counts
    even = [readouts[f"H.uniform{n}"][0] for n in counts]
    peaked = [readouts[f"H.peaked{n}"][0] for n in counts]
    assert even == [it.entropy(it.uniform([str(k) for k in range(n)])) for n in counts]
    assert np.allclose(even, np.log2(counts), atol=1e-12)
    assert [readouts[f"H.uniform{n}"][1] for n in counts] == ["1.000", "1.585", "2.000", "2.585"]
    assert np.all(np.diff(even) > 0)
    assert all(p < e for p, e in zip(peaked, even, strict=True))
    favourite = EntropyParams().peak
    for n, h in zip(counts, peaked, strict=True):
        rest = [(1 - favourite) / (n - 1)] * (n - 1)
        assert h == it.entropy(it.categorical([str(k) for k in range(n)], [favourite, *rest]))


def test_edge_and_other_parameters_change_numbers_and_narration(play):
    default, scene = play(Entropy), play(Entropy, VARIANT)
    thick = it.thick_coin(edge=0.2)
    h = it.entropy(thick, unit="nats")
    readouts = scene.beat_record("level").readouts
    assert readouts["H.thick"] == (h, format_value(h))
    assert readouts["H.thick"] != default.beat_record("level").readouts["H.thick"]
    assert scene.levelled["thick"].height / scene.strips["thick"].unit_height == pytest.approx(h)
    coins = scene.beat_record("coins")
    assert coins.readouts["p.thick[edge]"] == (0.2, "0.20")
    assert f"p = 0.20: {format_value(it.surprisal(0.2, unit='nats'))} nats" in coins.narration
    assert coins.narration != default.beat_record("coins").narration
    assert format_value(h) in scene.beat_record("level").narration
    assert "0.693 nats" in scene.beat_record("curve").narration
    spread = scene.beat_record("spread").readouts
    assert set(spread) >= {"H.uniform3", "H.uniform5", "H.peaked3", "H.peaked5"}
    assert "H.uniform2" not in spread
    peaked = it.categorical(["1", "2", "3"], [0.5, 0.25, 0.25])
    assert spread["H.peaked3"][0] == it.entropy(peaked, unit="nats")


def test_edge_is_set_by_dotted_path():
    params = apply_overrides(EntropyParams(), parse_assignments(["thick_coin.edge=0.2"]))
    assert params.thick_coin.edge == 0.2


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: ThickCoinParams(edge=0.7), "thick_coin.edge"),
        (lambda: ThickCoinParams(edge=0.0), "thick_coin.edge"),
        (lambda: EntropyParams(outcome_counts=(1, 2)), "outcome_counts"),
        (lambda: EntropyParams(outcome_counts=(4, 3)), "outcome_counts"),
        (lambda: EntropyParams(peak=0.4), "peak"),
        (lambda: EntropyParams(unit="bytes"), "unit"),
    ],
)
def test_bad_parameters_are_refused(make, field):
    with pytest.raises(ValueError, match=field):
        make()
