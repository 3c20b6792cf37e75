"""Part 4: three lucky calls, their chances and their surprise, a bit defined before it is
used, and the bits laid on one ruler (the picture part 5 opens on)."""

from __future__ import annotations

import math

import numpy as np
import pytest

import infotheory as it
from scenes.kit import room_below_banner
from scenes.kit.baseline import baseline_of
from scenes.parts.p04_surprise import CALLS, Surprise, SurpriseParams
from scenes.theme import DARK
from tests.scenes.readable import small_labels

VARIANT = SurpriseParams(unit="nats", coin_call="tails", die_faces=4, die_call=2, double_face=3)


def test_each_call_shows_its_chance_as_a_lit_share_in_lower_case_p(play):
    scene = play(Surprise)
    expected = {  # by hand: a coin side, a die face, a pair of faces
        "coin": (0.5, "0.500", 'p("heads") = 1 slash 2'),
        "die": (1 / 6, "0.167", 'p("4") = 1 slash 6'),
        "double": (1 / 36, "0.028", 'p("6, 6") = 1 slash 6 dot 1 slash 6 = 1 slash 36'),
    }
    for name, (p, shown, label) in expected.items():
        readout = scene.beat_record(name).readouts[f"p[{name}]"]
        assert readout[0] == pytest.approx(p, abs=1e-15) and readout[1] == shown
        assert scene.shown(f"lit[{name}]") == pytest.approx(p, abs=1e-15)
        chance = scene.shown(f"chance[{name}]")
        assert chance.label.expression == f"{label} = 0"  # the read-out's label, as typeset
        assert chance.number.get_color() == DARK.color.p


def test_a_bit_is_defined_by_the_coin_call_before_any_bits_are_used(play):
    scene = play(Surprise)
    said = [(b.name, b.narration) for b in scene.beats]
    first = next(name for name, words in said if "bit" in words)
    assert first == "coin"
    coin = scene.beat_record("coin")
    assert "one bit, a right call on a fair coin" in coin.narration
    assert coin.readouts["S[coin]"] == (1.0, "1.000")
    assert it.surprisal(0.5) == 1.0  # the definition agrees with the maths


def test_the_die_beats_two_coin_calls_and_the_double_is_two_die_calls(play):
    scene = play(Surprise)
    die = scene.beat_record("die")
    assert die.readouts["S[die]"] == (pytest.approx(math.log2(6), abs=1e-15), "2.585")
    assert "rarer than two right coin calls in a row" in die.narration
    assert "more than two bits: 2.585 bits" in die.narration
    assert 1 / 6 < 0.5**2  # rarer than two right coin calls, by hand
    double = scene.beat_record("double").readouts
    # 2.585 + 2.585 stacks into 5.170: the parts shown, and the sum infotheory gives.
    assert double["S[double][0]"][1] == double["S[double][1]"][1] == "2.585"
    assert double["S[double]"] == (pytest.approx(math.log2(36), abs=1e-12), "5.170")
    assert "1/6 × 1/6, 1 chance in 36" in scene.beat_record("double").narration


def test_the_ruler_bars_are_as_long_as_the_surprises_from_one_zero(play):
    scene = play(Surprise)
    board = scene.shown("board")
    ruler, unit = board.ruler, board.ruler.unit_length
    zero = ruler.zero[0]
    by_hand = {"coin": [1.0], "die": [math.log2(6)], "double": [math.log2(6)] * 2}
    for name in CALLS:
        blocks = board.bars[name].blocks
        assert blocks[0].get_left()[0] == pytest.approx(zero, abs=1e-9)
        assert [b.width / unit for b in blocks] == pytest.approx(by_hand[name], abs=1e-9)
    readouts = scene.beat_record("ruler").readouts
    assert readouts["bar[double].total"] == (pytest.approx(math.log2(36)), "5.170")
    assert readouts["bar[double][0]"][1] == readouts["bar[double][1]"][1] == "2.585"
    assert readouts["bar[coin][0]"] == (1.0, "1.000")
    # Rarer calls reach further.
    ends = [board.bars[n].blocks.get_right()[0] for n in CALLS]
    assert ends == sorted(ends)


def test_the_ruler_ticks_line_up_in_a_neutral_colour(play):
    board = play(Surprise).shown("board")
    ruler = board.ruler
    assert ruler.tick_values == (0, 1, 2, 3, 4, 5, 6)
    xs = [t.get_center()[0] for t in ruler.ticks]
    assert np.diff(xs) == pytest.approx([ruler.unit_length] * 6, abs=1e-9)
    assert [g.get_center()[0] for g in board.grid] == pytest.approx(xs[1:], abs=1e-9)
    # Labels centred on their ticks, on one baseline.
    assert [lab.get_center()[0] for lab in ruler.tick_labels] == pytest.approx(xs, abs=1e-9)
    assert len({round(baseline_of(lab), 6) for lab in ruler.tick_labels}) == 1
    for part in (*ruler.ticks, *ruler.tick_labels, ruler.line):
        assert part.get_color() == DARK.color.muted  # not entropy's green


def test_props_keep_clear_of_the_ruler_and_its_arrowhead(play):
    scene = play(Surprise)
    board, space = scene.shown("board"), scene.theme.space
    line = board.ruler.line
    for prop in board.props.values():
        assert prop.get_right()[0] + space.m <= board.ruler.zero[0]
        assert prop.get_bottom()[1] - line.get_top()[1] >= space.m
    tip = line.get_right()[0]
    assert all(bar.get_right()[0] + space.m <= tip for bar in board.bars.values())


def test_three_rows_are_laid_out_from_the_first_frame(play):
    scene = play(Surprise)
    opening = scene.beat_record("opening").shown
    props, strips = opening["props"], opening["strips"]
    assert set(props) == set(strips) == set(CALLS)
    ys = [props[n].get_center()[1] for n in CALLS]
    assert ys == sorted(ys, reverse=True)
    main = scene.stage.main
    # The rows span the stage: the last sits in its lower third.
    assert strips["double"].get_center()[1] < main.bottom + main.height / 3
    assert len(strips["double"].cells) == 36


def test_the_last_picture_stays_whole_under_the_takeaway(play):
    scene = play(Surprise)
    board = scene.shown("board")
    banner = room_below_banner(scene.stage, scene.takeaway_line())
    assert board.group().get_top()[1] <= banner.top + 1e-9
    assert not scene.beat_record("takeaway").problems


def test_every_label_of_the_calls_and_the_board_reads_at_480p(play):
    """Bubbles, chances, surprises and the board's values, ticks and title: body size at
    least, during the calls (the double's beat) and on the last picture."""
    scene = play(Surprise)
    banner = room_below_banner(scene.stage, scene.takeaway_line())
    board = scene.board
    assert small_labels(scene, below=banner.top, props=list(board.props.values())) == []
    body = DARK.size.body
    for name in CALLS:  # each call's chance, over its strip, as it was lit
        chance = scene.beat_record(name).shown[f"chance[{name}]"]
        assert chance.number.font_size == pytest.approx(body, abs=0.5), name


def test_parameters_and_unit_change_what_is_shown_and_said(play):
    scene = play(Surprise, VARIANT)
    assert scene.beat_record("die").readouts["p[die]"] == (0.25, "0.250")
    # 1/16 = 0.0625 exactly: shown rounded half up, as by hand.
    assert scene.beat_record("double").readouts["p[double]"] == (0.0625, "0.063")
    coin = scene.beat_record("coin")
    assert coin.readouts["S[coin]"] == (pytest.approx(math.log(2)), "0.693")
    assert "calls tails" in coin.narration and "0.693 nats: one bit" in coin.narration
    die = scene.beat_record("die")
    assert die.readouts["S[die]"] == (pytest.approx(math.log(4)), "1.386")
    # A four-sided die is exactly two coin calls.
    assert "as rare as two right coin calls" in die.narration
    assert "worth two bits: 1.386 nats" in die.narration
    double = scene.beat_record("double")
    assert double.readouts["S[double]"] == (pytest.approx(math.log(16)), "2.773")
    assert "Two 3s" in double.narration and "1 chance in 16" in double.narration
    assert scene.shown("board").ruler.title.text == "surprise in nats"


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
