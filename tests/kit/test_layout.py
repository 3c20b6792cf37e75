"""The layout check reports exactly what is wrong, naming the objects, and nothing else.

Every scene test leans on ``layout_problems`` finding nothing; these cases show it
finds each kind of problem when there is one: past the safe margin, text on text,
text on a bar, text too small for 480p. Hidden objects and exempted groups do not count.
"""

from __future__ import annotations

import pytest
from manim import DOWN, RIGHT, UP, Rectangle, Square, VGroup, config

import infotheory as it
from scenes.dryrun import dry_run
from scenes.kit import (
    DistributionBars,
    ExplainerScene,
    LayoutError,
    Txt,
    allow_offscreen,
    allow_overlap,
    keep_clear,
    layout_problems,
)
from scenes.theme import current_theme

MARGIN = current_theme().margin
RIGHT_EDGE = config.frame_width / 2 - MARGIN  # the safe area's right edge


def only(problems, kind: str, *names: str):
    """The single problem in ``problems``, checked to be ``kind`` and to name ``names``."""
    assert len(problems) == 1, [str(p) for p in problems]
    (problem,) = problems
    assert problem.kind == kind, str(problem)
    for name in names:
        assert name in problem.message, f"{name!r} not named in {problem}"
    return problem


def test_a_clean_picture_has_no_problems():
    title = Txt("Apples").to_edge(UP, buff=1)
    box = Square(2).move_to(DOWN)
    label = Txt("in a box").move_to(box)  # text inside a shape that is not a bar is fine
    edge = Square(1).move_to([RIGHT_EDGE - 0.5, 0, 0])  # touching the safe edge exactly
    assert layout_problems([title, box, label, edge]) == []


def test_a_shape_past_the_safe_margin():
    square = Square(1).move_to([RIGHT_EDGE - 0.5 + 0.4, 0, 0])
    problem = only(layout_problems([Txt("Apples"), square]), "offscreen", "Square")
    assert "0.40 units past the safe area" in problem.message


def test_text_past_the_safe_margin_is_named_by_its_words():
    words = Txt("Pears").next_to([-RIGHT_EDGE, 0, 0], RIGHT, buff=-0.2)
    only(layout_problems([words]), "offscreen", "Txt('Pears')", "0.20 units")


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
    only(layout_problems([bars, on_bar]), "overlap", "Txt('Apples')", "lies on", "Rectangle")
    # The chart's own labels sit below and above its bars.
    assert layout_problems([bars]) == []


def test_a_label_over_any_bar_marked_keep_clear_but_not_over_a_plain_box():
    bar = Rectangle(width=1, height=3, fill_opacity=0.8)
    label = Txt("Pears", "label").move_to(bar.get_top())
    assert layout_problems([bar, label]) == []
    only(layout_problems([keep_clear(bar), label]), "overlap", "Pears", "Rectangle")


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
        with self.beat("stray", "A square wanders off to the right."):
            self.add(Square(1).move_to(10 * RIGHT))


def test_a_scene_with_a_problem_stops_at_that_beat(tmp_path):
    with pytest.raises(LayoutError, match=r"end of beat 'stray'[\s\S]*offscreen: Square"):
        dry_run(_OffFrame, layout="error", cache_dir=tmp_path)
    scene = dry_run(_OffFrame, layout="warn", cache_dir=tmp_path)
    only(scene.beat_record("stray").problems, "offscreen", "Square")
    assert [b.name for b in scene.beats if b.problems] == ["stray"]
