"""SpeechBubble: one clean outline around the words, its tail pointing where it is told."""

from __future__ import annotations

import numpy as np
import pytest
from manim import DOWN, LEFT, RIGHT, UP

from scenes.kit import SpeechBubble


def test_the_outline_is_one_closed_path_around_the_words():
    bubble = SpeechBubble("I call heads")
    outline, words = bubble.outline, bubble.words
    paths = outline.get_subpaths()
    assert len(paths) == 1  # no seams: the tail is part of the same path
    assert np.allclose(paths[0][0], paths[0][-1])  # closed
    assert outline.get_left()[0] < words.get_left()[0]
    assert (
        outline.get_bottom()[1] < words.get_bottom()[1] < words.get_top()[1] < outline.get_top()[1]
    )


@pytest.mark.parametrize("side", [RIGHT, LEFT])
def test_the_tail_sticks_out_on_its_side_at_mid_height(side):
    bubble = SpeechBubble("I call a 4", "label", tail=side)
    tip = bubble.tip
    assert tip[1] == pytest.approx(bubble.words.get_center()[1], abs=1e-6)
    far = bubble.outline.get_right()[0] if side[0] > 0 else bubble.outline.get_left()[0]
    assert tip[0] == pytest.approx(far, abs=1e-9)
    # The words sit in the box part, away from the tail.
    assert (tip[0] - bubble.words.get_center()[0]) * side[0] > bubble.words.width / 2


def test_point_to_leaves_a_gap_before_the_target():
    bubble = SpeechBubble("I call two 6s").point_to(np.array([2.0, 1.0, 0.0]), gap=0.3)
    assert bubble.tip == pytest.approx([1.7, 1.0, 0.0], abs=1e-6)


@pytest.mark.parametrize("side", [UP, DOWN, UP + RIGHT])
def test_a_tail_points_left_or_right(side):
    with pytest.raises(ValueError, match="LEFT or RIGHT"):
        SpeechBubble("no", tail=side)
