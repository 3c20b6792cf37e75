"""Stage regions, the spacing scale and the tick picker: placing by purpose, not coordinates."""

from __future__ import annotations

import numpy as np
import pytest
from manim import DL, DOWN, UP, UR, Rectangle, config

from scenes.kit.plots import nice_ticks
from scenes.kit.stage import Stage
from scenes.theme import DARK


@pytest.fixture
def stage() -> Stage:
    return Stage.for_theme(DARK)


def test_bands_tile_the_safe_area_from_top_to_bottom(stage):
    half_h = config.frame_height / 2 - DARK.margin
    assert stage.header.top == pytest.approx(half_h)
    assert stage.header.bottom == pytest.approx(stage.main.top)
    assert stage.main.bottom == pytest.approx(stage.caption_band.top)
    assert stage.caption_band.bottom == pytest.approx(-half_h)
    assert stage.left.right + DARK.space.l == pytest.approx(stage.right.left)
    assert stage.left.width == pytest.approx(stage.right.width)


def test_place_centres_or_aligns_to_an_edge(stage):
    box = Rectangle(width=2, height=1)
    stage.left.place(box)
    assert np.allclose(box.get_center(), stage.left.center)
    stage.right.place(box, align=UP)
    assert box.get_top()[1] == pytest.approx(stage.right.top)
    stage.main.place(box, align=DL)
    assert box.get_corner(DL)[:2] == pytest.approx([stage.main.left, stage.main.bottom])
    assert stage.main.contains(box) and not stage.header.contains(box)


def test_fit_shrinks_what_is_too_big_and_never_grows(stage):
    big = Rectangle(width=30, height=2)
    stage.left.fit(big, align=UR)
    assert big.width == pytest.approx(stage.left.width)
    assert stage.left.contains(big)
    small = Rectangle(width=1, height=1)
    stage.left.fit(small)
    assert small.width == pytest.approx(1)


def test_split_cuts_columns_and_rows_with_gutters(stage):
    columns = stage.main.split(3, gutter=0.5)
    assert [c.width for c in columns] == pytest.approx([(stage.main.width - 1.0) / 3] * 3)
    assert columns[1].left - columns[0].right == pytest.approx(0.5)
    rows = stage.main.split(2, direction=DOWN)
    assert rows[0].top == pytest.approx(stage.main.top)
    assert rows[1].bottom == pytest.approx(stage.main.bottom)


@pytest.mark.parametrize(
    ("top", "count", "whole", "expected"),
    [
        (1.0, 4, False, (0.25, 0.5, 0.75, 1.0)),
        (2.3, 4, False, (0.5, 1.0, 1.5, 2.0)),
        (3.2, 3, False, (1.0, 2.0, 3.0)),
        (40, 4, False, (10.0, 20.0, 30.0, 40.0)),
        (13, 8, True, (2.0, 4.0, 6.0, 8.0, 10.0, 12.0)),
        (0.6, 8, True, ()),
    ],
)
def test_nice_ticks(top, count, whole, expected):
    assert nice_ticks(top, count, whole) == pytest.approx(expected)


def test_nice_ticks_never_exceed_the_count_or_the_top():
    for top in np.linspace(0.05, 500, 997):
        for count in (2, 3, 4, 8):
            ticks = nice_ticks(float(top), count)
            assert 1 <= len(ticks) <= count and ticks[-1] <= top + 1e-9
