"""Part 6: the surprise curve's heights become blocks p wide; their area, poured level, is
the entropy; a slider on the fair coin traces the binary-entropy curve; even odds over n
outcomes give log n, and favouring one outcome lowers the level."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest

import infotheory as it
from scenes.params import apply_overrides, parse_assignments
from scenes.parts.p05_surprise_formula import SurpriseFormula
from scenes.parts.p06_entropy import Entropy, EntropyParams, ThickCoinParams
from scenes.theme import DARK

H_THICK = 0.9 * math.log2(1 / 0.45) + 0.1 * math.log2(10)  # by hand: 1.3689...

VARIANT = EntropyParams(
    unit="nats",
    thick_coin=ThickCoinParams(edge=0.2),
    heads_stops=(0.3,),
    outcome_counts=(3, 5),
    peak=0.5,
)


def _h2(p: float) -> float:
    return -p * math.log2(p) - (1 - p) * math.log2(1 - p)


def test_it_opens_on_part_5s_last_picture(play):
    ending = play(SurpriseFormula).shown("picture").boxes()
    opening = play(Entropy).beat_record("opening").shown["carried"]
    assert set(opening) == set(ending)
    for name, box in ending.items():
        assert opening[name] == pytest.approx(box, abs=1e-9), name


def test_the_coins_bit_on_the_curve_widens_into_the_fair_coins_blocks(play):
    opening = play(Entropy).beat_record("opening").shown
    heads, tails = opening["fair on the curve"].blocks
    carried = opening["carried"]
    (axis_x, axis_y), bar = carried["axes"][0][:2], carried["stack coin"]
    # Heads runs from p = 0 to the coin's bar at p = 1/2 and is as tall as that bar (1 bit).
    assert heads.get_left()[0] == pytest.approx(axis_x, abs=1e-9)
    assert heads.get_right()[0] == pytest.approx(bar[:, 0].mean(), abs=1e-9)
    assert heads.get_top()[1] == pytest.approx(bar[1][1], abs=1e-9)
    assert heads.get_bottom()[1] == pytest.approx(axis_y, abs=1e-9)
    # Tails: the same again, from 1/2 to 1.
    assert tails.get_left()[0] == pytest.approx(heads.get_right()[0], abs=1e-9)
    assert (tails.width, tails.height) == pytest.approx((heads.width, heads.height), abs=1e-9)


def test_blocks_are_p_wide_with_braces_and_surprise_tall(play):
    scene = play(Entropy)
    record = scene.beat_record("coins")
    thick = it.thick_coin(edge=0.1)
    for outcome, p, text in (
        ("heads", 0.45, "0.45"),
        ("tails", 0.45, "0.45"),
        ("edge", 0.1, "0.10"),
    ):
        assert record.readouts[f"p.thick[{outcome}]"] == (pytest.approx(p), text)
        s = math.log2(1 / p)
        assert record.readouts[f"S.thick[{outcome}]"] == (pytest.approx(s), f"{s:.3f}")
        assert thick.probability(outcome) == pytest.approx(p)
    assert record.readouts["p.fair[heads]"] == (0.5, "0.50")
    assert record.readouts["S.thick[edge]"][1] == "3.322"
    assert "p wide, its surprise tall" in record.narration


def test_the_thick_coins_blocks_take_their_heights_from_the_curve(play):
    scene = play(Entropy)
    fair = scene.beat_record("opening").shown["fair on the curve"]
    thick = scene.beat_record("coins").shown["thick on the curve"]
    bit = fair.blocks[0].height  # the fair coin's side: one bit on the curve's axes
    p_width = fair.blocks[0].width / 0.5
    heights = [b.height / bit for b in thick.blocks]
    assert heights == pytest.approx([math.log2(1 / p) for p in (0.45, 0.45, 0.1)], abs=1e-9)
    assert [b.width / p_width for b in thick.blocks] == pytest.approx([0.45, 0.45, 0.1], abs=1e-9)
    bottoms = {round(b.get_bottom()[1], 9) for b in (*thick.blocks, *fair.blocks)}
    assert len(bottoms) == 1  # both stand on the curve's p axis


def test_blocks_keep_the_surprise_colour_and_the_baseline_has_no_stubs(play):
    scene = play(Entropy)
    for key in ("fair on the curve",):
        strip = scene.beat_record("opening").shown[key]
        assert {b.get_fill_color().to_hex() for b in strip.blocks} == {DARK.color.surprise.to_hex()}
    strip = scene.beat_record("coins").shown["thick on the curve"]
    assert {b.get_fill_color().to_hex() for b in strip.blocks} == {DARK.color.surprise.to_hex()}
    assert strip.baseline.get_left()[0] == pytest.approx(strip.blocks.get_left()[0], abs=1e-9)
    assert strip.baseline.get_right()[0] == pytest.approx(strip.blocks.get_right()[0], abs=1e-9)


def test_the_levelled_sums_read_the_entropy(play):
    record = play(Entropy).beat_record("level")
    assert record.readouts["H.fair"] == (1.0, "1.000")
    assert record.readouts["sum.fair"] == (1.0, "1.000")
    assert record.readouts["H.thick"] == (pytest.approx(H_THICK, abs=1e-12), "1.369")
    assert record.readouts["sum.thick"] == (pytest.approx(H_THICK, abs=1e-12), "1.369")
    for name, dist in (("fair", it.fair_coin()), ("thick", it.thick_coin(edge=0.1))):
        line, level = record.shown[f"level {name}"]
        assert level.shown in line.text  # said in the sentence that shows it
        # Each term is p times surprise as shown; they add up to the sum shown.
        terms = [piece[-1].expression for piece in record.shown[f"sum {name}"][0]]
        pairs = [
            re.fullmatch(r"\{\{ ([\d.]+) : p \}\} dot \{\{ ([\d.]+) : surprise \}\}", t)
            for t in terms
        ]
        shown_p, shown_s = np.array([[float(m[1]), float(m[2])] for m in pairs]).T
        assert shown_p == pytest.approx(dist.probs, abs=0.005)
        assert shown_s == pytest.approx(np.log2(1 / dist.probs), abs=0.0005)
        assert shown_p @ shown_s == pytest.approx(record.readouts[f"sum.{name}"][0], abs=0.001)


def test_the_levelled_bar_is_as_tall_as_the_entropy_and_as_wide_as_the_strip(play):
    scene = play(Entropy)
    record = scene.beat_record("level")
    widths = set()
    for name, h in (("fair", 1.0), ("thick", H_THICK)):
        bar = record.shown["levelled"][name]
        assert bar.height / scene.unit_height == pytest.approx(h, abs=1e-9)
        assert bar.width == pytest.approx(scene.coins[name].strip.baseline.width, abs=1e-9)
        widths.add(round(bar.width, 9))
    assert len(widths) == 1  # one p scale: both coins' strips are a chance of 1 wide


def test_the_pour_starts_as_it_is_said(play):
    record = play(Entropy).beat_record("level")
    line, start = record.shown["pour"]
    assert line.text == "Pour the blocks level."
    assert start == pytest.approx(line.start, abs=1e-6)


def test_the_slider_reshapes_the_fair_coin_and_traces_binary_entropy(play):
    scene = play(Entropy)
    record = scene.beat_record("binary")
    for stop in EntropyParams().heads_stops:
        strip, level_y, (p, p_text), (h, h_text) = record.shown[f"slider at {stop}"]
        assert (p, p_text) == (stop, f"{stop:.3f}")
        assert (h, h_text) == (pytest.approx(_h2(stop), abs=1e-12), f"{_h2(stop):.3f}")
        widths = [b.width / strip.strip_width for b in strip.blocks]
        assert widths == pytest.approx([stop, 1 - stop], abs=1e-9)
        assert strip.average == pytest.approx(_h2(stop), abs=1e-12)
        assert level_y == pytest.approx(strip.baseline.get_y() + _h2(stop) * scene.unit_height)
    assert record.readouts["binary"] == (1.0, "1.000")
    assert record.readouts["binary.x"] == (0.5, "0.500")
    assert record.shown["peak"] == (0.5, 1.0)
    assert "peaks at even odds, 1.000 bit" in record.narration


def test_even_odds_hold_until_their_sentence_ends(play):
    record = play(Entropy).beat_record("spread")
    even, favour, morph = record.shown["spread"]
    assert "even odds" in even.text and favour.text.startswith("Favour one outcome")
    assert morph >= even.end - 1e-6


def test_more_even_outcomes_mean_more_entropy_and_favouring_one_lowers_it(play):
    record = play(Entropy).beat_record("spread")
    counts = EntropyParams().outcome_counts
    even = [record.readouts[f"H.uniform{n}"] for n in counts]
    assert [e[1] for e in even] == ["1.000", "1.585", "2.000", "2.585"]
    assert [e[0] for e in even] == pytest.approx(np.log2(counts), abs=1e-12)
    for n in counts:
        rest = [0.3 / (n - 1)] * (n - 1)
        h = -(0.7 * math.log2(0.7) + sum(r * math.log2(r) for r in rest))
        assert record.readouts[f"H.peaked{n}"][0] == pytest.approx(h, abs=1e-12)
        assert h < math.log2(n)
    for mini, n in zip(record.shown["minis"], counts, strict=True):
        assert len(mini.blocks) == n and mini.p[0] == pytest.approx(0.7)  # they end peaked


def test_edge_and_other_parameters_change_numbers_and_narration(play):
    default, scene = play(Entropy), play(Entropy, VARIANT)
    h = it.entropy(it.thick_coin(edge=0.2), unit="nats")
    level = scene.beat_record("level")
    assert level.readouts["H.thick"] == (h, f"{h:.3f}")
    assert level.readouts["H.thick"] != default.beat_record("level").readouts["H.thick"]
    coins = scene.beat_record("coins")
    assert coins.readouts["p.thick[edge]"] == (0.2, "0.20")
    assert "with p = 0.20" in coins.narration
    binary = scene.beat_record("binary")
    assert set(k for k in binary.shown if k.startswith("slider")) == {"slider at 0.3"}
    assert "0.693 nats" in binary.narration
    spread = scene.beat_record("spread").readouts
    assert set(spread) >= {"H.uniform3", "H.uniform5", "H.peaked3", "H.peaked5"}
    assert "H.uniform2" not in spread
    assert spread["H.peaked3"][0] == pytest.approx(it.entropy([0.5, 0.25, 0.25], unit="nats"))


def test_edge_is_set_by_dotted_path():
    params = apply_overrides(EntropyParams(), parse_assignments(["thick_coin.edge=0.2"]))
    assert params.thick_coin.edge == 0.2


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: ThickCoinParams(edge=0.7), "thick_coin.edge"),
        (lambda: ThickCoinParams(edge=0.0), "thick_coin.edge"),
        (lambda: EntropyParams(heads_stops=(0.05,)), "heads_stops"),
        (lambda: EntropyParams(heads_stops=()), "heads_stops"),
        (lambda: EntropyParams(outcome_counts=(1, 2)), "outcome_counts"),
        (lambda: EntropyParams(outcome_counts=(4, 3)), "outcome_counts"),
        (lambda: EntropyParams(peak=0.4), "peak"),
        (lambda: EntropyParams(unit="bytes"), "unit"),
    ],
)
def test_bad_parameters_are_refused(make, field):
    with pytest.raises(ValueError, match=field):
        make()
