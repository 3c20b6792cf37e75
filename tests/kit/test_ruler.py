"""Ruler: whole-unit ticks that line up with what is measured against them, in neutral grey."""

from __future__ import annotations

import numpy as np
import pytest
from manim import UP

from scenes.kit import QuantityBar, Ruler
from scenes.kit.baseline import baseline_of
from scenes.theme import DARK


def test_ticks_sit_at_every_whole_unit_from_zero():
    ruler = Ruler(5.17, unit_length=1.5)
    assert ruler.tick_values == (0, 1, 2, 3, 4, 5)
    xs = [t.get_center()[0] - ruler.zero[0] for t in ruler.ticks]
    assert xs == pytest.approx([1.5 * k for k in range(6)], abs=1e-9)
    assert [lab.text for lab in ruler.tick_labels] == ["0", "1", "2", "3", "4", "5"]
    assert len({round(baseline_of(lab), 9) for lab in ruler.tick_labels}) == 1
    # The arrow runs past the last tick.
    assert ruler.line.get_right()[0] > ruler.ticks[-1].get_center()[0]


def test_it_is_neutral_and_titled_by_quantity_and_unit():
    ruler = Ruler(4, unit="nats")
    assert ruler.title.text == "surprise in nats"
    assert ruler.title.get_right()[0] < ruler.zero[0]
    for part in (ruler.line, *ruler.ticks, *ruler.tick_labels):
        assert part.get_color() == DARK.color.muted
    assert Ruler(2, title="bits of a PIN").title.text == "bits of a PIN"


def test_a_bar_with_the_same_unit_length_lines_up_with_the_ticks():
    ruler = Ruler(6, unit_length=0.8).shift([1.0, -2.0, 0])
    bar = QuantityBar([2.5, 2.5], unit_length=0.8)
    bar.shift(ruler.zero + UP - bar.origin)
    assert bar.blocks[-1].get_right()[0] == pytest.approx(ruler.point_at(5)[0], abs=1e-9)
    grid = ruler.gridlines(1.5)
    assert [g.get_center()[0] for g in grid] == pytest.approx(
        [t.get_center()[0] for t in ruler.ticks[1:]], abs=1e-9
    )
    assert all(np.isclose(g.get_bottom()[1], ruler.zero[1]) for g in grid)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"top": 0}, "positive top"), ({"top": 3, "unit_length": 0}, "unit_length")],
)
def test_bad_sizes_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Ruler(**kwargs)
