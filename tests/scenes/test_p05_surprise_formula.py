"""Part 5: it opens on part 4's last picture; chances multiply so surprises add; the ruler
becomes the y-axis of log 1/p; a sure thing is worth nothing; each halving adds one bit;
heads with a die's face is the die's bits plus the coin's one."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scenes.parts.p04_surprise import CALLS, Surprise
from scenes.parts.p05_surprise_formula import SurpriseFormula, SurpriseFormulaParams
from scenes.theme import DARK


def _boxes(mobjects) -> np.ndarray:
    return np.array(
        [[*m.get_corner([-1, -1, 0])[:2], *m.get_corner([1, 1, 0])[:2]] for m in mobjects]
    )


def test_it_opens_on_part_4s_last_picture(play):
    ending, opening = play(Surprise).shown("board"), play(SurpriseFormula).shown("board")
    for name in CALLS:
        assert _boxes(opening.bars[name].blocks) == pytest.approx(
            _boxes(ending.bars[name].blocks), abs=1e-9
        )
        assert opening.props[name].get_center() == pytest.approx(
            ending.props[name].get_center(), abs=1e-9
        )
        assert opening.chances[name].shown == ending.chances[name].shown
    assert opening.ruler.get_center() == pytest.approx(ending.ruler.get_center(), abs=1e-9)


def test_multiplying_chances_and_adding_surprises_come_before_the_log(play):
    record = play(SurpriseFormula).beat_record("multiply")
    formulas = [f.expression for f in record.shown["formulas"]]
    assert formulas == [  # by hand: the two dice
        "{{ 1 slash 6 dot 1 slash 6 = 1 slash 36 : p }}",
        "{{ 2.585 + 2.585 = 5.170 : surprise }}",
    ]
    words = record.narration
    assert words.index("chances multiply") < words.index("surprises add") < words.index("log")
    assert "1 chance in 36" in words and "5.170 bits" in words
    assert "log base 2 of one over p" in words


def test_the_bars_stand_at_their_chance_and_end_on_the_curve(play):
    scene = play(SurpriseFormula)
    plot = scene.shown("picture").plot
    stacks = scene.beat_record("multiply").shown["stacks"]
    by_hand = {
        "coin": (1 / 2, [1.0]),
        "die": (1 / 6, [math.log2(6)]),
        "double": (1 / 36, [math.log2(6)] * 2),
    }
    bit = plot.c2p(0, 1)[1] - plot.c2p(0, 0)[1]
    for name, (p, parts) in by_hand.items():
        blocks = stacks[name].blocks
        assert blocks.get_bottom() == pytest.approx(plot.c2p(p, 0), abs=1e-9)
        assert [b.height / bit for b in blocks] == pytest.approx(parts, abs=1e-9)
        # The top is the curve's height at p.
        assert blocks.get_top()[1] == pytest.approx(plot.c2p(p, math.log2(1 / p))[1], abs=1e-9)
    # Part 4's ruler ticks become the y-axis ticks, 1 to 6 bits.
    labels = [t.text for t in plot.tick_labels]
    assert labels[-6:] == ["1", "2", "3", "4", "5", "6"]


def test_a_sure_thing_reads_zero_and_the_dot_clears_the_labels(play):
    scene = play(SurpriseFormula)
    record = scene.beat_record("certain")
    assert record.shown["certain"] == ((1.0, "1.000"), (0.0, "0.000"))
    plot, dot = scene.shown("picture").plot, record.shown["dot at 1"]
    space = scene.theme.space
    for label in (*plot.tick_labels, plot.x_label):
        apart = max(
            label.get_left()[0] - dot.get_right()[0],
            dot.get_left()[0] - label.get_right()[0],
            label.get_bottom()[1] - dot.get_top()[1],
            dot.get_bottom()[1] - label.get_top()[1],
        )
        assert apart >= space.xs, label


def test_each_halving_adds_exactly_one_bit(play):
    record = play(SurpriseFormula).beat_record("halving")
    for k, (p, shown_p, shown_s) in enumerate(
        [(0.5, "0.500", "1.000"), (0.25, "0.250", "2.000"), (0.125, "0.125", "3.000")], start=1
    ):
        (p_value, p_text), (s_value, s_text) = record.shown[f"dot at 1/{2**k}"]
        assert (p_value, p_text, s_value, s_text) == (p, shown_p, k, shown_s)
        blocks = record.shown[f"stack at 1/{2**k}"].blocks
        assert len(blocks) == k  # one block per halving
        assert len({round(b.height, 9) for b in blocks}) == 1
    assert "Each halving of the chance adds exactly one bit." in record.narration
    assert record.narration.endswith("1 in 2: 1 bit. 1 in 4: 2 bits. 1 in 8: 3 bits.")


def test_heads_and_a_six_add_the_coins_bit_to_the_dies(play):
    scene = play(SurpriseFormula)
    record = scene.beat_record("independent")
    picture = record.shown["picture"]
    rows = picture.ledger.rows
    assert (
        rows["product"].expression
        == "{{ p_A p_B : p }} = {{ 1 slash 2 dot 1 slash 6 = 1 slash 12 : p_1 }}"
    )
    assert rows["sum"].expression == "{{ 2.585 + 1.000 = 3.585 : surprise }}"
    # 1/12 is shown as a product before the dot reads 0.083.
    (p_before, _), _ = record.shown["dot with the product"]
    assert p_before == pytest.approx(1 / 6)
    assert record.readouts["surprise.x"] == (pytest.approx(1 / 12), "0.083")
    assert record.readouts["surprise"] == (pytest.approx(math.log2(12)), "3.585")
    # The stack at 1/12: the die's 2.585 bits, then the coin's one on top.
    plot, both = picture.plot, picture.stacks["both"].blocks
    bit = plot.c2p(0, 1)[1] - plot.c2p(0, 0)[1]
    assert [b.height / bit for b in both] == pytest.approx([math.log2(6), 1.0], abs=1e-9)
    assert "1/2 × 1/6 = 1/12" in record.narration


def test_read_outs_wear_their_quantitys_colour(play):
    plot = play(SurpriseFormula).shown("picture").plot
    p_readout, s_readout = plot.readout
    assert p_readout.number.get_color() == DARK.color.p
    assert s_readout.number.get_color() == DARK.color.surprise


def test_the_curve_gets_most_of_the_width_beside_the_formulas(play):
    scene = play(SurpriseFormula)
    picture = scene.shown("picture")
    rows = list(picture.ledger.rows.values())
    stage, space = scene.stage, scene.theme.space
    # The formulas keep a gutter from the plot's labels ...
    plot_left = min(m.get_left()[0] for m in (picture.plot.axes, *picture.plot.tick_labels))
    assert all(r.get_right()[0] + space.m <= plot_left for r in rows)
    # ... and the plot's axes span over half the stage: the curve is the picture.
    assert picture.plot.axes.width > stage.main.width / 2
    # The formulas reach as low as the plot's lower half: no empty left half.
    assert rows[-1].get_bottom()[1] < picture.plot.axes.get_center()[1]
    assert not scene.beat_record("takeaway").problems


def test_parameters_change_what_is_shown_and_said(play):
    scene = play(SurpriseFormula, SurpriseFormulaParams(die_faces=4, halvings=2))
    record = scene.beat_record("independent")
    assert record.readouts["surprise"] == (3.0, "3.000")
    assert record.shown["picture"].ledger.rows["sum"].expression == (
        "{{ 2.000 + 1.000 = 3.000 : surprise }}"
    )
    assert "3.000 bits" in record.narration and "a 4 together" in record.narration
    halving = scene.beat_record("halving")
    assert "dot at 1/8" not in halving.shown and "dot at 1/4" in halving.shown


def test_nats_on_request(play):
    scene = play(SurpriseFormula, SurpriseFormulaParams(unit="nats"))
    halving = scene.beat_record("halving")
    (_, _), (value, shown) = halving.shown["dot at 1/2"]
    assert value == pytest.approx(math.log(2)) and shown == "0.693"
    assert "one bit, 0.693 nats" in halving.narration
    assert "natural log of one over p" in scene.beat_record("multiply").narration


@pytest.mark.parametrize(
    "bad",
    [{"halvings": 0}, {"halvings": 5}, {"die_faces": 3}, {"die_faces": 7}, {"unit": "bytes"}],
)
def test_bad_parameters_are_refused(bad):
    with pytest.raises(ValueError, match=next(iter(bad))):
        SurpriseFormulaParams(**bad)
