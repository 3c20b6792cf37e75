"""The layout check: one line per problem per thing on screen, saying where and by how much."""

from __future__ import annotations

import pytest
from manim import DOWN, LEFT, RIGHT, UP, Rectangle, VGroup, config

from scenes.kit import Readout, Txt, allow_offscreen, allow_overlap, layout_problems
from scenes.theme import current_theme

MARGIN = current_theme().margin


def safe_right() -> float:
    return config.frame_width / 2 - MARGIN


def safe_top() -> float:
    return config.frame_height / 2 - MARGIN


def test_a_text_past_the_edge_is_one_line_with_its_worst_distance():
    words = Txt("several glyphs here", "body")
    words.move_to((safe_right() + 0.3 - words.width / 2) * RIGHT)  # right edge 0.3 past
    problems = layout_problems([words])
    assert len(problems) == 1  # not one per glyph, each with its own distance
    assert str(problems[0]) == (
        "offscreen: Txt('several glyphs here') reaches past the right edge by 0.30 units "
        f"(the safe area ends {MARGIN} inside the frame)"
    )


def test_a_corner_names_both_edges_worst_first():
    box = Rectangle(width=2, height=1, fill_opacity=1)
    box.move_to([safe_right() - 1 + 0.5, safe_top() - 0.5 + 0.2, 0])
    (problem,) = layout_problems([VGroup(box)])
    assert "reaches past the right edge by 0.50 and the top edge by 0.20 units" in problem.message


def test_inside_the_safe_area_and_exempted_shapes_are_fine():
    words = Txt("centred")
    wide = allow_offscreen(Rectangle(width=20, height=1, fill_opacity=0.5))
    assert layout_problems([words, wide]) == []


def test_read_outs_that_overlap_are_one_line():
    a = Readout("H(p)", 1.0, key="a")
    b = Readout("H(q)", 2.0, key="b").move_to(a).shift(0.05 * DOWN)
    problems = layout_problems([a, b])
    # label, number and unit of each overlap the other's: nine pairs, one problem
    assert [str(p) for p in problems] == [
        "overlap: Readout('H(p)', 1.000) overlaps Readout('H(q)', 2.000)"
    ]


def test_a_text_on_a_read_out_names_both():
    a = Readout(None, 0.25, unit=None, key="a")
    label = Txt("p").move_to(a)
    (problem,) = layout_problems([a, label])
    assert problem.message == "Readout(0.250) overlaps Txt('p')"


def test_texts_side_by_side_do_not_overlap_and_exempt_text_may():
    left = Txt("left")
    right = Txt("right").next_to(left, RIGHT, buff=0.1)
    assert layout_problems([left, right]) == []
    on_top = allow_overlap(Txt("on top").move_to(left))
    assert layout_problems([left, on_top]) == []


def test_a_small_read_out_is_one_line():
    tiny = Readout("H", 1.0, size=12, key="tiny").shift(2 * UP + 2 * LEFT)
    problems = layout_problems([tiny])
    assert len(problems) == 1
    assert problems[0].kind == "too-small"
    assert problems[0].message.startswith("Readout('H', 1.000) has font size 12.0, below")


@pytest.mark.parametrize("size", ["minimum", "small"])
def test_the_minimum_size_is_allowed(size):
    assert layout_problems([Txt("readable", size)]) == []


def test_a_read_out_past_the_edge_is_named_as_one():
    readout = Readout("H(p)", 1.369, key="H")
    readout.move_to((safe_right() + 0.2 - readout.width / 2) * RIGHT)
    (problem,) = layout_problems([readout])
    assert problem.message.startswith(
        "Readout('H(p)', 1.369) reaches past the right edge by 0.20 units"
    )


def test_the_small_labels_of_a_scaled_chart_are_one_line():
    from scenes.kit import DistributionBars

    chart = DistributionBars([0.25] * 4, ["a", "b", "c", "d"], show_values=False).scale(0.7)
    (problem,) = layout_problems([chart])
    assert problem.message == (
        "4 texts in DistributionBars (Txt('a'), Txt('b'), Txt('c'), ...) have font size 19.6, "
        "below the minimum 22"
    )
