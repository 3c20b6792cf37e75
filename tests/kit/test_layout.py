"""The layout check reports exactly what is wrong, naming the objects, and nothing else:
one line per problem per thing on screen, saying where and by how much.

Every scene test leans on ``layout_problems`` finding nothing; these cases show it
finds each kind of problem when there is one: past the safe margin, text on text,
text on a bar, text too small for 480p. Hidden objects, what is on its way out and
groups that overlap by design do not count.
"""

from __future__ import annotations

import pytest
from manim import DOWN, LEFT, RIGHT, UP, Rectangle, Square, VGroup, config

import infotheory as it
from scenes.dryrun import dry_run
from scenes.kit import (
    DistributionBars,
    ExplainerScene,
    LayoutError,
    Readout,
    Txt,
    allow_offscreen,
    allow_overlap,
    keep_clear,
    layout_problems,
)
from scenes.theme import current_theme

MARGIN = current_theme().margin
RIGHT_EDGE = config.frame_width / 2 - MARGIN  # the safe area's right edge


def safe_right() -> float:
    return config.frame_width / 2 - MARGIN


def safe_top() -> float:
    return config.frame_height / 2 - MARGIN


def only(problems, kind: str, *names: str):
    """The single problem in ``problems``, checked to be ``kind`` and to name ``names``."""
    assert len(problems) == 1, [str(p) for p in problems]
    (problem,) = problems
    assert problem.kind == kind, str(problem)
    for name in names:
        assert name in problem.message, f"{name!r} not named in {problem}"
    return problem


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


def test_texts_side_by_side_do_not_overlap_and_a_group_may_by_design():
    left = Txt("left")
    right = Txt("right").next_to(left, RIGHT, buff=0.1)
    assert layout_problems([left, right]) == []
    on_top = Txt("on top").move_to(left)
    assert layout_problems([allow_overlap(VGroup(left, on_top))]) == []


def test_a_small_read_out_is_one_line():
    tiny = Readout("H", 1.0, size=12, key="tiny").shift(2 * UP + 2 * LEFT)
    problems = layout_problems([tiny])
    assert len(problems) == 1
    assert problems[0].kind == "too-small"
    assert problems[0].message.startswith("Readout('H', 1.000) has font size 12.0, below")


@pytest.mark.parametrize("size", ["minimum", "small"])
def test_the_minimum_size_is_allowed(size):
    assert layout_problems([Txt("readable", size)]) == []


def test_extent_measures_what_is_visible_only():
    from manim import ValueTracker

    from scenes.kit import extent

    seen = Rectangle(width=2, height=1, fill_opacity=1).move_to([1, -2, 0])
    hidden = Rectangle(width=9, height=9, stroke_opacity=0, fill_opacity=0)
    tracker = ValueTracker(50.0)  # a value kept as a point, not a shape
    assert extent([VGroup(seen, hidden), tracker]) == pytest.approx((0, 2, -2.5, -1.5))
    with pytest.raises(ValueError, match="nothing visible"):
        extent([hidden])


def test_a_text_held_by_two_groups_is_one_text_not_an_overlap():
    # An animation's group holds what it moves; the scene may hold the same text too.
    word = Txt("alone", "body")
    assert layout_problems([VGroup(word), VGroup(VGroup(word)), word]) == []
    other = Txt("alone", "body")  # a second text in the same place does overlap
    (problem,) = layout_problems([VGroup(word), other])
    assert problem.kind == "overlap"


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


def test_a_clean_picture_has_no_problems():
    title = Txt("Apples").to_edge(UP, buff=1)
    box = Square(2).move_to(DOWN)
    label = Txt("in a box").move_to(box)  # text inside a shape that is not a bar is fine
    edge = Square(1).move_to([RIGHT_EDGE - 0.5, 0, 0])  # touching the safe edge exactly
    assert layout_problems([title, box, label, edge]) == []


def test_a_shape_past_the_safe_margin():
    square = Square(1).move_to([RIGHT_EDGE - 0.5 + 0.4, 0, 0])
    problem = only(layout_problems([Txt("Apples"), square]), "offscreen", "Square")
    assert "reaches past the right edge by 0.40 units" in problem.message


def test_text_past_the_safe_margin_is_named_by_its_words():
    words = Txt("Pears").next_to([-RIGHT_EDGE, 0, 0], RIGHT, buff=-0.2)
    only(layout_problems([words]), "offscreen", "Txt('Pears')", "left edge by 0.20 units")


def test_two_overlapping_labels():
    apples = Txt("Apples")
    pears = Txt("Pears").move_to(apples.get_right())
    elsewhere = Txt("Plums").to_edge(DOWN, buff=1)
    only(layout_problems([apples, pears, elsewhere]), "overlap", "Apples", "Pears")


def test_labels_that_only_touch_do_not_overlap():
    apples = Txt("Apples")
    pears = Txt("Pears").next_to(apples, RIGHT, buff=0.01)
    assert layout_problems([apples, pears]) == []


def test_a_label_over_a_bar():
    bars = DistributionBars(it.fair_coin(), height=3.0)
    on_bar = Txt("Apples", "label").move_to(bars.bars[0])
    only(
        layout_problems([bars, on_bar]),
        "on-bar",
        "Txt('Apples')",
        "lies on Rectangle of DistributionBars",
    )
    # The chart's own labels sit below and above its bars.
    assert layout_problems([bars]) == []


def test_a_label_over_any_bar_marked_keep_clear_but_not_over_a_plain_box():
    bar = Rectangle(width=1, height=3, fill_opacity=0.8)
    label = Txt("Pears", "label").move_to(bar.get_top())
    assert layout_problems([bar, label]) == []
    only(layout_problems([keep_clear(bar), label]), "on-bar", "Pears", "lies on Rectangle")


def test_text_too_small_at_480p():
    minimum = current_theme().size.minimum
    small = Txt("Apples", minimum - 4).to_edge(UP, buff=1)
    fine = Txt("Pears", minimum).to_edge(DOWN, buff=1)
    problem = only(layout_problems([small, fine]), "too-small", "Apples")
    assert f"below the minimum {minimum}" in problem.message


def test_hidden_objects_do_not_count():
    apples = Txt("Apples")
    hidden_text = Txt("Pears").move_to(apples).set_opacity(0)
    hidden_small = Txt("Plums", 8).to_edge(DOWN, buff=1).set_opacity(0)
    hidden_square = Square(1).move_to([RIGHT_EDGE + 2, 0, 0]).set_opacity(0)
    hidden_bar = keep_clear(Rectangle(width=2, height=2)).move_to(apples).set_opacity(0)
    scene = [apples, hidden_text, hidden_small, hidden_square, hidden_bar]
    assert layout_problems(scene) == []
    hidden_text.set_opacity(1)  # the same picture with the text shown again
    only(layout_problems(scene), "overlap", "Apples", "Pears")


def test_a_group_that_overlaps_by_design_is_exempt_but_only_that_group():
    stacked = VGroup(Txt("Apples"), Txt("Pears")).arrange(DOWN, buff=-0.1)
    only(layout_problems([stacked]), "overlap", "Apples", "Pears")
    allow_overlap(stacked)
    assert layout_problems([stacked]) == []
    # Text from outside landing on the group is still reported, as is the group on a bar.
    plums = Txt("Plums").next_to(stacked, DOWN, buff=-0.06)
    only(layout_problems([stacked, plums]), "overlap", "Plums", "Pears")
    bar = keep_clear(Rectangle(width=0.5, height=3, fill_opacity=0.8)).move_to(stacked)
    problems = layout_problems([stacked, bar])
    assert len(problems) == 2 and all("lies on Rectangle" in p.message for p in problems)
    assert layout_problems([allow_overlap(VGroup(stacked, bar))]) == []


def test_a_mobject_meant_to_bleed_off_the_frame_is_exempt():
    backdrop = Rectangle(width=30, height=20, fill_opacity=1)
    only(layout_problems([backdrop]), "offscreen", "Rectangle")
    assert layout_problems([allow_offscreen(backdrop)]) == []


class _OffFrame(ExplainerScene):
    hook = "A scene with a square past the edge."
    takeaway = "Keep inside the frame."

    def body(self):
        square = Square(1).move_to(10 * RIGHT)
        with self.beat("stray", "A square wanders off to the right."):
            self.add(square)
        with self.beat("back", "And it is taken away."):
            self.remove(square)


def test_a_scene_with_a_problem_stops_at_that_beat(tmp_path):
    with pytest.raises(LayoutError, match=r"end of beat 'stray'[\s\S]*offscreen: Square"):
        dry_run(_OffFrame, layout="error", cache_dir=tmp_path)
    scene = dry_run(_OffFrame, layout="warn", cache_dir=tmp_path)
    only(scene.beat_record("stray").problems, "offscreen", "Square")
    assert [b.name for b in scene.beats if b.problems] == ["stray"]


def test_what_is_on_its_way_out_may_cross_anything():
    apples = Txt("Apples")
    leaving = VGroup(Txt("Pears").move_to(apples), Square(1).move_to(10 * RIGHT))
    bar = keep_clear(Rectangle(width=1, height=2, fill_opacity=0.8)).move_to(apples)
    assert len(layout_problems([apples, leaving])) == 2  # on the words, past the edge
    assert layout_problems([apples, leaving], passing=[leaving]) == []
    # Text on a bar, unless one of them is leaving.
    only(layout_problems([apples, bar]), "on-bar", "Apples", "lies on")
    assert layout_problems([apples, bar], passing=[bar]) == []
    assert layout_problems([apples, bar], passing=[apples]) == []
