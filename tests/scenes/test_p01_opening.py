"""Part 1: the die's odds stay on screen while surprise, entropy, cross-entropy and KL grow
out of them, each on one scale, each number the one worked out by hand below."""

from __future__ import annotations

import math
import re

import pytest

from scenes.parts.p01_opening import (
    BANNER_BOTTOM,
    CROSS_LABEL,
    ENTROPY_LABEL,
    KL_FORMULA,
    KL_LABEL,
    Opening,
    OpeningParams,
    cross_entropy_formula,
    entropy_formula,
    surprise_formula,
)
from scenes.theme import current_theme
from tests.scenes.readable import small_labels

BEATS = [
    "opening",
    "roll",
    "odds",
    "surprise",
    "entropy",
    "cross-entropy",
    "kl-divergence",
    "takeaway",
]

# Worked by hand for the fair die and the default model q = (0.1, 0.1, 0.1, 0.1, 0.1, 0.5):
#   S(6)   = log2 6                                   = 2.58496...
#   H(p)   = 6 · (1/6) log2 6                         = 2.58496...
#   H(p,q) = 5 · (1/6) log2 10 + (1/6) log2 2         = 2.93494...
#   KL     = H(p,q) - H(p)                            = 0.34998...
HAND = {"S": "2.585", "H": "2.585", "H(p,q)": "2.935", "KL": "0.350"}


def test_beats_tell_the_story_in_order(play):
    assert [b.name for b in play(Opening).beats] == BEATS


def test_the_odds_are_one_sixth_each_and_said_as_shown(play):
    record = play(Opening).beat_record("odds")
    for face in "123456":
        value, shown = record.readouts[f"p[{face}]"]
        assert value == pytest.approx(1 / 6, abs=1e-15)
        assert shown == "0.167"
    assert "the odds: 0.167 each" in record.narration


def test_each_measure_shows_the_hand_worked_number(play):
    scene = play(Opening)
    for beat, key in [
        ("surprise", "S"),
        ("entropy", "H"),
        ("cross-entropy", "H(p,q)"),
        ("kl-divergence", "KL"),
    ]:
        assert scene.beat_record(beat).readouts[key][1] == HAND[key], (beat, key)
    assert "2.585 bits for a 6" in scene.beat_record("surprise").narration
    assert "2.585 bits" in scene.beat_record("entropy").narration
    assert "puts 0.500 on a 6" in scene.beat_record("cross-entropy").narration
    assert "cross-entropy: 2.935 bits" in scene.beat_record("cross-entropy").narration
    assert "The excess, 0.350 bits, is the KL divergence" in (
        scene.beat_record("kl-divergence").narration
    )
    q = scene.beat_record("cross-entropy").readouts
    assert [q[f"q[{face}]"][1] for face in "123456"] == ["0.100"] * 5 + ["0.500"]


def test_the_die_bars_stay_on_screen_to_the_end(play):
    """Every measure grows out of the bars, so they never leave (not even under the banner)."""
    takeaway = play(Opening).beat_record("takeaway").readouts
    assert all(takeaway[f"p[{face}]"][1] == "0.167" for face in "123456")
    assert all(f"q[{face}]" in takeaway for face in "123456")
    assert {"H", "H(p,q)", "KL"} <= set(takeaway)


def test_every_label_on_the_picture_reads_at_480p(play):
    """Bar values, face names, ticks and read-outs: none below the body size (the picture
    under the banner; the banner is the kit's)."""
    assert small_labels(play(Opening), below=BANNER_BOTTOM) == []


def test_the_surprise_names_its_face(play):
    record = play(Opening).beat_record("surprise")
    assert record.readouts["S"][1] == "2.585"
    assert "S(6)" in record.shown["surprise"].label.expression.replace(" ", "").replace(
        "{{S:surprise}}", "S"
    )


def test_blocks_and_levels_stand_on_one_scale(play):
    scene = play(Opening)
    axis = scene.shown("axis")
    unit = axis.unit_height
    entropy_part, kl_part = scene.shown("segments")  # the split bar: entropy below, KL above
    assert entropy_part.height / unit == pytest.approx(math.log2(6), rel=1e-6)
    assert kl_part.height / unit == pytest.approx(
        5 / 6 * math.log2(10) + 1 / 6 - math.log2(6), rel=1e-6
    )
    # The surprise blocks: a sixth of the strip wide, log2 6 tall; the model's: log2 1/q tall.
    blocks, model_blocks = scene.shown("blocks"), scene.shown("model blocks")
    strip_width = sum(w for w, _ in blocks)
    for width, height in blocks:
        assert width == pytest.approx(strip_width / 6, rel=1e-6)
        assert height / unit == pytest.approx(math.log2(6), rel=1e-6)
    assert [w for w, _ in model_blocks] == pytest.approx([strip_width / 6] * 6, rel=1e-6)
    heights = [h / unit for _, h in model_blocks]
    assert heights == pytest.approx([math.log2(10)] * 5 + [1.0], rel=1e-6)
    # The axis reads the same scale: its tick "1" stands one bit above the baseline.
    ticks = [float(t.text) for t in axis.tick_labels]
    assert ticks == [1.0, 2.0, 3.0]
    one = axis.marks[0].get_y() - axis.origin[1]
    assert one == pytest.approx(unit)


def test_entropys_readout_names_its_floor_line_while_the_model_pours(play):
    """Once entropy's bar has become a dashed floor, H(p) stands level with it (log2 6)."""
    scene = play(Opening)
    axis = scene.shown("axis")
    y = scene.beat_record("cross-entropy").shown["entropy readout y"]
    assert y == pytest.approx(axis.origin[1] + math.log2(6) * axis.unit_height, abs=1e-9)


def test_p_and_q_wear_their_colours_in_every_formula_and_readout():
    """In H(p) the p is p's colour, not entropy's; q is q's colour wherever it appears."""
    from scenes.kit import Formula

    theme = current_theme()
    expressions = [
        surprise_formula("bits"),
        entropy_formula("bits"),
        cross_entropy_formula("bits"),
        KL_FORMULA,
        ENTROPY_LABEL,
        CROSS_LABEL,
        KL_LABEL,
    ]
    seen = set()
    for expression in expressions:
        formula = Formula(expression)
        for part, label in re.findall(r"\{\{ (.+?) : (\w+) \}\}", expression):
            role = re.sub(r"_\d+$", "", label)
            if role in ("p", "q"):
                assert part.startswith(role)  # the part labelled p is a p, and so on
                colour = formula.part(label)[0].get_fill_color()
                assert colour.to_hex() == theme.color[role].to_hex(), (expression, label)
                seen.add(role)
        # Each measure's letter wears the measure's colour, never p's or q's.
        assert "{{ H(p" not in expression and "{{ S(p" not in expression
    assert seen == {"p", "q"}


def test_unit_and_model_follow_the_parameters(play):
    nats = play(Opening, OpeningParams(unit="nats"))
    # ln 6 = 1.79176, ln 10 · 5/6 + ln 2 / 6 = 2.03434, difference 0.24258.
    assert nats.beat_record("entropy").readouts["H"][1] == "1.792"
    assert nats.beat_record("kl-divergence").readouts["KL"][1] == "0.243"
    assert nats.axis.label.text == "nats"
    assert "ln" in surprise_formula("nats") and "log_2" not in entropy_formula("nats")

    model = (0.25, 0.25, 0.25, 0.25)
    four = play(Opening, OpeningParams(die_faces=4, rolls=(1, 3), model=model))
    record = four.beat_record("kl-divergence")
    assert record.readouts["KL"][1] == "0.000"  # the right model costs nothing
    assert four.beat_record("roll").narration.startswith("Roll a die: 1, then 3.")
    assert "0.250 each" in four.beat_record("odds").narration
    shown = four.beat_record("cross-entropy").readouts
    assert [shown[f"q[{face}]"][1] for face in "1234"] == ["0.250"] * 4


@pytest.mark.parametrize(
    ("bad", "field"),
    [
        ({"rolls": (7, 1)}, "rolls"),
        ({"rolls": (2,)}, "rolls"),
        ({"unit": "bytes"}, "unit"),
        ({"model": (0.5, 0.5)}, "model"),
        ({"model": (0.2, 0.2, 0.2, 0.2, 0.2, 0.2)}, "model"),  # sums to 1.2
        ({"model": (0.0, 0.2, 0.2, 0.2, 0.2, 0.2)}, "model"),  # a face at 0
        ({"die_faces": 7}, "die_faces"),
    ],
)
def test_bad_parameters_are_refused(bad, field):
    with pytest.raises(ValueError, match=field):
        OpeningParams(**bad)
