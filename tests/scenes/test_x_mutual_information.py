"""Extra scene `mutual-information`: the joint grid and its margins, the second coin's odds
after each face of the first, and H(Y) split into H(Y | X) + I(X; Y) on one scale, all
checked against values worked by hand."""

from __future__ import annotations

import math

import pytest

import infotheory as it
from scenes.extras.mutual_information import (
    CLEARANCE,
    MutualInformation,
    MutualInformationParams,
)
from scenes.params import ParamsError, apply_overrides, parse_assignments
from scenes.registry import EXTRAS, find

TIGHTER = MutualInformationParams(joint=((0.45, 0.05), (0.05, 0.45)), unit="nats")
CELLS = {"heads,heads": "0.40", "heads,tails": "0.10", "tails,heads": "0.10", "tails,tails": "0.40"}


def h(x: float) -> float:
    """Binary entropy in bits, by hand."""
    return -x * math.log2(x) - (1 - x) * math.log2(1 - x)


def test_it_is_an_extra_after_the_twelve():
    entry = find("mutual-information")
    assert entry in EXTRAS and entry.part is None
    assert entry.stem == "x-mutual-information"
    assert entry.title == "Mutual information"


def test_the_beats_tell_the_story(play):
    names = [b.name for b in play(MutualInformation).beats]
    assert names == ["opening", "pairs", "alone", "knowing", "independent", "takeaway"]


def test_the_joint_grid_shows_the_table_and_its_margins_sum_rows_and_columns(play):
    scene = play(MutualInformation)
    pairs = scene.beat_record("pairs")
    assert {k: pairs.readouts[f"joint[{k}]"][1] for k in CELLS} == CELLS
    assert "same face with probability 0.80" in pairs.narration  # 0.40 + 0.40
    alone = scene.beat_record("alone").readouts
    for side in ("heads", "tails"):
        assert alone[f"joint.x[{side}]"] == (pytest.approx(0.5, abs=1e-15), "0.50")  # a row
        assert alone[f"joint.y[{side}]"] == (pytest.approx(0.5, abs=1e-15), "0.50")  # a column
    assert alone["HY.total"] == (pytest.approx(1.0, abs=1e-12), "1.000")


def test_the_areas_of_the_squares_are_the_probabilities(play):
    grid = play(MutualInformation).grid
    areas = [c.square.width * c.square.height for row in grid.cells for c in row]
    margins = [c.square.width * c.square.height for c in grid.x_margin]
    # Back at the correlated coins after the finale: areas in the ratio of 0.4 : 0.1 : 0.5.
    assert areas[1] / areas[0] == pytest.approx(0.1 / 0.4, rel=1e-9)
    assert margins[0] / areas[0] == pytest.approx(0.5 / 0.4, rel=1e-9)


def test_the_second_coins_odds_after_each_face_are_a_row_scaled_up(play):
    record = play(MutualInformation).beat_record("knowing")
    heads, tails = record.shown["odds"]
    assert heads == pytest.approx([0.8, 0.2], abs=1e-15)  # 0.40 / 0.50, 0.10 / 0.50
    assert tails == pytest.approx([0.2, 0.8], abs=1e-15)
    assert record.readouts["Y|heads[heads]"][1] == "0.80"
    assert record.readouts["Y|tails[tails]"][1] == "0.80"
    assert "shows heads, its row, scaled up, gives the second's odds" in record.narration


def test_the_first_coin_shows_the_face_whose_row_is_pointed_at(play):
    scene = play(MutualInformation)
    (side_a, box_a), (side_b, box_b) = scene.beat_record("knowing").shown["faces"]
    rows = scene.grid.cells
    assert side_a == "heads" and box_a[1] == pytest.approx(rows[0].get_y(), abs=1e-6)
    assert side_b == "tails" and box_b[1] == pytest.approx(rows[1].get_y(), abs=1e-6)


def test_h_y_splits_into_what_is_left_and_what_is_shared_on_one_scale(play):
    record = play(MutualInformation).beat_record("knowing")
    assert record.readouts["H(Y|X)"] == (pytest.approx(h(0.2), abs=1e-12), "0.722")
    assert record.readouts["I"] == (pytest.approx(1 - h(0.2), abs=1e-12), "0.278")
    assert record.readouts["HY.total"][1] == "1.000"
    unit_length, (left, shared), total = record.shown["bar"]
    assert left / unit_length == pytest.approx(h(0.2), abs=1e-9)
    assert shared / unit_length == pytest.approx(1 - h(0.2), abs=1e-9)
    assert (left + shared) / unit_length == pytest.approx(total, abs=1e-9)  # fills H(Y)
    assert "keeps only 0.722 of its 1.000 bit: the 0.278 it loses" in record.narration
    assert record.narration.count("Either way") == 1  # both faces leave the same 0.722


def test_independent_coins_share_nothing(play):
    record = play(MutualInformation).beat_record("independent")
    assert {k: record.readouts[f"joint[{k}]"][1] for k in CELLS} == dict.fromkeys(CELLS, "0.25")
    assert record.readouts["I"] == (0.0, "0.000")
    assert record.readouts["H(Y|X)"][1] == "1.000"
    assert record.readouts["Y|heads[heads]"][1] == record.readouts["Y|tails[heads]"][1] == "0.50"
    _, (left, shared) = record.shown["bar"]
    assert shared < 1e-2 < left
    assert "every pair has chance 0.25" in record.narration
    assert record.narration.endswith("falls to 0.000.")


def test_the_numbers_follow_the_parameters(play):
    default, changed = play(MutualInformation), play(MutualInformation, TIGHTER)
    record = changed.beat_record("knowing")
    info = it.mutual_information(TIGHTER.joint, unit="nats")
    assert record.readouts["I"] == (info, f"{info:.3f}")
    assert f"the {info:.3f} it loses" in record.narration
    assert record.shown["odds"][0] == pytest.approx([0.9, 0.1], abs=1e-15)
    assert "0.90" in changed.beat_record("pairs").narration
    assert record.narration != default.beat_record("knowing").narration


def test_lopsided_odds_are_averaged_not_claimed_equal(play):
    # After heads the second coin is (2/3, 1/3), after tails (1/4, 3/4): unequal entropies,
    # so the narration says "on average", not "either way".
    params = MutualInformationParams(joint=((0.4, 0.2), (0.1, 0.3)))
    record = play(MutualInformation, params).beat_record("knowing")
    assert record.narration.count("On average") == 1 and "Either way" not in record.narration
    expected = 0.6 * it.entropy([2 / 3, 1 / 3]) + 0.4 * it.entropy([0.25, 0.75])
    assert record.readouts["H(Y|X)"][0] == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("assignment", "message"),
    [
        ("joint=[[0.5, 0.5], [0.5, 0.5]]", r"joint: pxy \(all entries, axis=None\) sums to 2\.0"),
        ("joint=[[0.6, -0.1], [0.1, 0.4]]", r"joint: pxy\[0, 1\] = -0\.1 is negative"),
        ("joint=[[0.5, 0.5]]", "joint takes 2 values, not 1"),
        ("joint=[[0.5, 0.5], [0, 0]]", "each face of each coin a chance above 0"),
        ("joint=[[0.5, 0], [0.5, 0]]", "each face of each coin a chance above 0"),
        ("flips=9", "flips must be a whole number from 1 to 6"),
        ("seed=-1", "seed must be a whole number >= 0"),
        ("unit=bytes", "unit"),
    ],
)
def test_invalid_parameters_are_refused_with_the_reason(assignment, message):
    with pytest.raises(ParamsError, match=message):
        apply_overrides(MutualInformationParams(), parse_assignments([assignment]))


def test_set_reaches_the_nested_table():
    params = apply_overrides(
        MutualInformationParams(), parse_assignments(["joint=[[0.45, 0.05], [0.05, 0.45]]"])
    )
    assert params.joint == ((0.45, 0.05), (0.05, 0.45))


def test_direct_construction_checks_the_shape():
    with pytest.raises(ValueError, match="joint must be a 2 × 2 table"):
        MutualInformationParams(joint=((0.25, 0.25, 0.0), (0.25, 0.25, 0.0)))


def test_nothing_comes_within_80_pixels_of_the_frame_edge(play):
    from manim import config

    left, right, bottom, top = play(MutualInformation).beat_record("knowing").shown["extent"]
    half_w, half_h = config.frame_width / 2, config.frame_height / 2
    nearest = min(left + half_w, half_w - right, bottom + half_h, half_h - top)
    assert nearest >= CLEARANCE - 1e-9


def test_every_word_and_number_reads_at_480p(typst_cache):
    """Nothing on screen at the end of the scene's own beats is set smaller than the
    label size (the small size is hard to read at 480p), and the two read-outs under
    the split bar keep a neighbour's gap apart."""
    from scenes.theme import current_theme
    from tests.scenes.readable import own_beats, smallest_text

    scene = own_beats(MutualInformation, typst_cache)
    theme = current_theme()
    size, which = smallest_text(scene.mobjects)
    assert size >= theme.size.label - 1e-6, which
    assert scene.beat_record("knowing").shown["readout_gap"] >= theme.space.m
