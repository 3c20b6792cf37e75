"""pulse(): a highlight that swells and settles back, never recolouring."""

from __future__ import annotations

import numpy as np
import pytest
from manim import RED, Square
from manim.animation.animation import prepare_animation

from scenes.kit import pulse


def test_a_pulse_swells_midway_and_ends_where_it_began():
    square = Square(side_length=1.0, fill_color=RED, fill_opacity=1)
    before = square.get_all_points().copy()
    animation = prepare_animation(pulse(square, 1.5))
    animation.begin()
    animation.interpolate(0.5)
    assert square.width == pytest.approx(1.5)
    assert square.get_fill_color() == RED
    animation.interpolate(1.0)
    animation.finish()
    assert np.allclose(square.get_all_points(), before)
    assert square.get_fill_color() == RED


def test_a_pulse_needs_a_positive_factor():
    with pytest.raises(ValueError, match="factor"):
        pulse(Square(), 0)
