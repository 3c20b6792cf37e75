"""Part 9: swapping belief and reality changes the cost; measured fairly, above each coin's
own floor H(p), the model that calls a common outcome rare (a fair coin believed rigged)
is still the costly one. The source thread says the opposite; the maths wins."""

from __future__ import annotations

import math
import re

import pytest

import infotheory as it
from scenes.dryrun import dry_run
from scenes.parts.p09_asymmetry import CLEARANCE, Asymmetry, AsymmetryParams
from tests.scenes.reading import worked_out

# Worked by hand for the default rigged coin (heads 0.9):
# a) p = (1/2, 1/2), q = (0.9, 0.1): H(p, q) = (log2 10/9 + log2 10) / 2 = 1.73697 bits,
#    H(p) = 1 bit, so the extra is 0.73697.
# b) p = (0.9, 0.1), q = (1/2, 1/2): H(p, q) = 1 bit, H(p) = 0.9 log2 10/9 + 0.1 log2 10
#    = 0.46900 bits, so the extra is 0.53100.
A = {"cross_entropy": "1.737", "entropy": "1.000", "extra": "0.737"}
B = {"cross_entropy": "1.000", "entropy": "0.469", "extra": "0.531"}


def _verdict(play, params=None):
    return play(Asymmetry, params).beat_record("verdict").readouts


def test_the_first_case_costs_more_on_both_counts(play):
    """The direction, read back from the screen: more cross-entropy and more extra
    above the floor for the fair coin believed rigged."""
    shown = _verdict(play)
    assert shown["a.cross_entropy"][0] > shown["b.cross_entropy"][0]
    assert shown["a.extra"][0] > shown["b.extra"][0]


def test_each_case_shows_its_floor_extra_and_cross_entropy(play):
    shown = _verdict(play)
    for case, expected in (("a", A), ("b", B)):
        for name, text in expected.items():
            assert shown[f"{case}.{name}"][1] == text, (case, name)
    fair, rigged = it.fair_coin(), it.rigged_coin(0.9)
    assert shown["a.cross_entropy"][0] == it.cross_entropy(fair, rigged)
    assert shown["a.extra"][0] == it.kl_divergence(fair, rigged)
    assert shown["b.entropy"][0] == it.entropy(rigged)
    assert shown["b.extra"][0] == it.kl_divergence(rigged, fair)
    # The floor and the extra, computed apart, make up the cross-entropy.
    for case in "ab":
        floor, extra = shown[f"{case}.entropy"][0], shown[f"{case}.extra"][0]
        assert floor + extra == pytest.approx(shown[f"{case}.cross_entropy"][0], abs=1e-12)


def test_each_column_shows_what_its_heading_names(play):
    """Read each case as drawn: the heading over a column names reality and belief
    ("Fair coin, believed rigged"); the coins drawn in that column must be those, and
    each labelled number there must be what its label names, worked out by hand."""
    scene = play(Asymmetry)
    readings = scene.beat_record("verdict").readings
    coins = {"fair": [0.5, 0.5], "rigged": [0.9, 0.1]}
    names = {"H(p, q)": "cross_entropy", "H(p)": "entropy", '"extra"': "extra"}
    headings = []
    for picture in (scene.a, scene.b):
        heading = picture.heading.text
        reality, belief = re.fullmatch(r"(\w+) coin, believed (\w+)", heading).groups()
        p, q = coins[reality.lower()], coins[belief]
        key = picture.case.key
        # The heading stands over its column: on the side of the frame its read-outs are.
        column = [r.get_x() for r in picture.readouts]
        assert all((x < 0) == (picture.heading.get_x() < 0) for x in column), heading
        drawn = {
            name: [float(readings[f"{key}.{name}[{side}]"].text) for side in ("heads", "tails")]
            for name in ("p", "q")
        }
        assert drawn == {"p": p, "q": q}, heading
        for label, name in names.items():
            reading = readings[f"{key}.{name}"]
            assert reading.label == label
            by_hand = worked_out(label.replace('"extra"', '"KL"(p || q)'), {"p": p, "q": q})
            assert reading.text == f"{by_hand:.3f}", (heading, label)
        headings.append(heading)
    assert headings == ["Fair coin, believed rigged", "Rigged coin, believed fair"]


def test_every_tail_costs_log2_10_bits_in_the_first_case(play):
    shown = _verdict(play)
    value, text = shown["a.surprise[tails]"]
    assert value == pytest.approx(math.log2(10), abs=1e-12)
    assert text == "3.32"
    assert shown["a.surprise[heads]"][1] == "0.15"  # log2 10/9
    # Under the fair model every flip costs exactly one bit.
    assert shown["b.surprise[heads]"] == (1.0, "1.00")
    assert shown["b.surprise[tails]"] == (1.0, "1.00")


def test_belief_and_reality_trade_places_and_both_stay_at_the_verdict(play):
    shown = _verdict(play)
    assert [shown[f"a.p[{o}]"][1] for o in ("heads", "tails")] == ["0.50", "0.50"]
    assert [shown[f"a.q[{o}]"][1] for o in ("heads", "tails")] == ["0.90", "0.10"]
    # The second case's reality is the first case's belief, and the other way round.
    for outcome in ("heads", "tails"):
        assert shown[f"b.p[{outcome}]"] == shown[f"a.q[{outcome}]"]
        assert shown[f"b.q[{outcome}]"] == shown[f"a.p[{outcome}]"]


def test_the_verdict_sets_the_two_extra_costs_side_by_side(play):
    """The verdict's picture: each case's name under its own extra cost (worked by hand
    above), the larger on the left of "more than", the bars to one scale, and the whole
    picture clear of the read-outs under it."""
    scene = play(Asymmetry)
    record = scene.beat_record("verdict")
    names, numbers = record.shown["verdict"]
    # Each name goes with the number standing over it.
    shown = {
        name.text: min(numbers, key=lambda number: abs(number.get_x() - name.get_x()))
        for name in names
    }
    assert {name: number.number.text for name, number in shown.items()} == {
        "believed rigged": A["extra"],
        "believed fair": B["extra"],
    }
    assert record.readouts["verdict.a"][1] == A["extra"]
    assert record.readouts["verdict.b"][1] == B["extra"]
    rigged, fair = shown["believed rigged"], shown["believed fair"]
    assert rigged.get_x() < fair.get_x()
    bars = record.shown["compared"]
    assert bars[0].get_x() == pytest.approx(rigged.get_x())
    assert bars[0].height / bars[1].height == pytest.approx(0.73697 / 0.53100, rel=1e-4)
    assert record.shown["verdict_clear"] >= scene.theme.space.s


def test_the_tails_block_flashes_as_pays_heavily_is_said(play):
    record = play(Asymmetry).beat_record("verdict")
    _, cost = record.shown["outlined"]
    assert cost.key == "a.surprise[tails]"
    starts = [
        start
        for line in record.lines
        for sentence, start in zip(line.sentences, line.starts, strict=True)
        if sentence.text.startswith("It pays heavily")
    ]
    assert starts == [pytest.approx(record.shown["flash_at"], abs=1e-9)]


@pytest.mark.parametrize("beat", ["believed-rigged", "verdict"])
def test_nothing_comes_within_80_px_of_the_frame_edge(play, beat):
    from manim import config

    left, right, bottom, top = play(Asymmetry).beat_record(beat).shown["extent"]
    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    assert 80 / 1920 * config.frame_width <= CLEARANCE
    assert left >= -half_w + CLEARANCE and right <= half_w - CLEARANCE
    assert bottom >= -half_h + CLEARANCE and top <= half_h - CLEARANCE


def test_narration_follows_the_maths(play):
    scene = play(Asymmetry)
    rigged = scene.beat_record("believed-rigged").narration
    assert "costs this model 3.32 bits: 1.737 on average" in rigged
    assert "is 1.000 bit; the model adds 0.737" in rigged
    fair = scene.beat_record("believed-fair").narration
    assert "swap belief and reality" in fair
    assert "Every flip costs 1.00 bit: 1.000 on average" in fair
    assert "0.469 bits; the model adds 0.531" in fair
    verdict = scene.beat_record("verdict").narration
    assert "the first model still adds more: 0.737 against 0.531" in verdict


def test_parameters_change_what_is_shown_and_said(play):
    params = AsymmetryParams(rigged_heads=0.8, unit="nats")
    scene, default = play(Asymmetry, params), play(Asymmetry)
    shown = scene.beat_record("verdict").readouts
    fair, rigged = it.fair_coin(), it.rigged_coin(0.8)
    a = it.cross_entropy(fair, rigged, unit="nats")
    kl_a = it.kl_divergence(fair, rigged, unit="nats")
    kl_b = it.kl_divergence(rigged, fair, unit="nats")
    assert shown["a.cross_entropy"] == (a, f"{a:.3f}")
    assert shown["a.extra"] == (kl_a, f"{kl_a:.3f}")
    assert shown["b.extra"] == (kl_b, f"{kl_b:.3f}")
    assert kl_a > kl_b
    for beat in ("believed-rigged", "believed-fair", "verdict"):
        assert scene.beat_record(beat).narration != default.beat_record(beat).narration
    assert "probability 0.80" in scene.beat_record("believed-rigged").narration
    assert f"{kl_a:.3f} against {kl_b:.3f}" in scene.beat_record("verdict").narration


def test_the_verdict_holds_for_every_coin_the_scene_allows():
    """The narration says the first model adds more whatever rigged_heads is: by hand,
    KL(fair‖r) = -1 - log2(r(1 - r)) / 2 and KL(r‖fair) = 1 - H(r), and the first is the
    larger, by at least 0.005 (plain to see at three decimals), for every r from
    0.7 to 0.98 (the scene's range), as infotheory agrees. At 0.6 both show 0.029."""
    import numpy as np

    r = np.linspace(0.7, 0.98, 57)
    first = -1 - np.log2(r * (1 - r)) / 2
    second = 1 + r * np.log2(r) + (1 - r) * np.log2(1 - r)
    assert np.all(first - second >= 0.005)
    for heads in (0.7, 0.98):
        AsymmetryParams(rigged_heads=heads)  # both ends are allowed
        fair, rigged = it.fair_coin(), it.rigged_coin(heads)
        assert it.kl_divergence(fair, rigged) == pytest.approx(
            -1 - np.log2(heads * (1 - heads)) / 2
        )
        assert it.kl_divergence(fair, rigged) > it.kl_divergence(rigged, fair)
    with pytest.raises(ValueError, match=r"rigged_heads must be from 0\.7 to 0\.98"):
        AsymmetryParams(rigged_heads=0.6)


@pytest.mark.parametrize("heads", [0.7, 0.98])
def test_the_ends_of_the_range_lay_out_cleanly(typst_cache, heads):
    """The smallest and the largest extra costs the scene allows, mid-animation too."""
    dry_run(
        Asymmetry,
        AsymmetryParams(rigged_heads=heads),
        layout="error",
        midway=True,
        cache_dir=typst_cache,
    )


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


def test_every_word_and_number_reads_at_480p(typst_cache):
    """Nothing on screen at the end of the scene's own beats is set smaller than the
    label size (the small size is hard to read at 480p)."""
    from scenes.theme import current_theme
    from tests.scenes.readable import own_beats, smallest_text

    scene = own_beats(Asymmetry, typst_cache)
    size, which = smallest_text(scene.mobjects)
    assert size >= current_theme().size.label - 1e-6, which
