"""Pictures of shapes with an exact mix of greys, pictures painted from any shade indices,
and knobs whose pointers show their values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from scenes.kit import Knobs, PixelSamples, shape_pictures


def test_shape_pictures_hold_exactly_the_counts_asked_for():
    pictures = shape_pictures(["ring", "cross"], [90, 60, 40, 10], rows=10, cols=10)
    assert pictures.shape == (2, 10, 10)
    assert np.bincount(pictures.ravel(), minlength=4).tolist() == [90, 60, 40, 10]
    # Each picture takes its share of every shade (here 45, 30, 20 and 5 pixels).
    for picture in pictures:
        assert np.bincount(picture.ravel(), minlength=4).tolist() == [45, 30, 20, 5]


def test_the_brightest_pixels_lie_on_the_shape():
    (ring,) = shape_pictures(["ring"], [60, 20, 20], rows=10, cols=10)
    t = (np.arange(10) + 0.5) / 10 * 2 - 1
    x, y = np.meshgrid(t, -t)
    r = np.hypot(x, y)
    bright, dark = r[ring == 2], r[ring == 0]
    assert np.abs(bright - 0.55).max() < np.abs(dark - 0.55).min()  # nearer the ring's line
    assert ring[0, 0] == 0 and ring[5, 5] == 0  # a corner and the centre are off the line


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"shapes": ["blob"], "counts": [100]}, "shapes must name"),
        ({"shapes": ["ring"], "counts": [50, 49]}, "adding up to the 100 pixels"),
        ({"shapes": ["ring"], "counts": [101, -1]}, "whole numbers >= 0"),
    ],
)
def test_shape_pictures_refuse_what_cannot_be_drawn(kwargs, message):
    with pytest.raises(ValueError, match=message):
        shape_pictures(**kwargs)


def test_paint_shows_any_indices_and_reseed_draws_afresh():
    samples = PixelSamples([0.5, 0.5], count=1, rows=4, cols=4, seed=1)
    first = samples.indices.copy()
    checker = (np.indices((1, 4, 4)).sum(axis=0) % 2).astype(np.int64)
    samples.paint(checker)
    assert np.array_equal(samples.indices, checker)
    # Every pixel of a shade is one small square in that shade's layer.
    layers = samples.pictures[0][0]
    assert [len(layer.points) // 16 for layer in layers] == [8, 8]
    samples.reseed(2)
    assert not np.array_equal(samples.indices, first)
    assert samples.seed == 2
    with pytest.raises(ValueError, match="shape"):
        samples.paint(np.zeros((2, 4, 4), dtype=np.int64))
    with pytest.raises(ValueError, match="whole numbers from 0 to 1"):
        samples.paint(np.full((1, 4, 4), 2))


def _angle(dial) -> float:
    """The pointer's angle, clockwise from straight up."""
    disc, _, pointer, _ = dial
    dx, dy = (pointer.get_end() - disc.get_center())[:2]
    return math.atan2(dx, dy)


def test_knobs_point_at_their_values_and_turn():
    knobs = Knobs([0.0, 1.0, -0.5], per_unit=math.pi / 4)
    assert [_angle(d) for d in knobs.dials] == pytest.approx([0, math.pi / 4, -math.pi / 8])
    turn = knobs.turn_to([1.0, 1.0, 1.0])
    turn.begin()
    turn.interpolate(0.5)  # smooth(0.5) = 0.5: halfway
    assert knobs.values == pytest.approx([0.5, 1.0, 0.25])
    turn.finish()
    assert [_angle(d) for d in knobs.dials] == pytest.approx([math.pi / 4] * 3)


def test_knobs_line_up_under_what_they_drive():
    from manim import Square, VGroup

    boxes = VGroup(*(Square(0.5).move_to([x, 1, 0]) for x in (-1, 0.5, 2)))
    knobs = Knobs([0, 0, 0], radius=0.2).place_under(list(boxes), buff=0.1)
    assert [d.get_x() for d in knobs.dials] == pytest.approx([-1, 0.5, 2])
    assert knobs.get_top()[1] == pytest.approx(boxes.get_bottom()[1] - 0.1)
    with pytest.raises(ValueError, match="3 values"):
        Knobs([0, 0]).set_values([1, 2, 3])
