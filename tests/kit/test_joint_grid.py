"""JointGrid: a joint table's cells drawn to scale, its margins the row and column sums."""

from __future__ import annotations

import numpy as np
import pytest
from manim import VGroup

from scenes.kit import JointGrid, readouts_in

TABLE = [[0.5, 0.25], [0.0, 0.25]]  # p(x) = (0.75, 0.25), p(y) = (0.5, 0.5)
SIDES = ["heads", "tails"]


def _played(*animations) -> None:
    """Play ``animations`` on a bare scene with the frames skipped, as a dry run does."""
    from manim import Scene, tempconfig

    with tempconfig({"dry_run": True, "quality": "low_quality"}):
        scene = Scene()
        scene.renderer.skip_animations = True
        for animation in animations:
            scene.play(animation)


def _area(cell) -> float:
    return cell.square.width * cell.square.height


def test_cells_show_the_table_and_areas_scale_with_probability():
    grid = JointGrid(TABLE, SIDES, SIDES, key="j")
    shown = {k: r.shown for k, r in readouts_in([grid]).items()}
    assert shown == {
        "j[heads,heads]": "0.50",
        "j[heads,tails]": "0.25",
        "j[tails,heads]": "0.00",
        "j[tails,tails]": "0.25",
    }
    a = [[_area(c) for c in row] for row in grid.cells]
    assert a[0][1] / a[0][0] == pytest.approx(0.5, rel=1e-9)
    assert a[1][1] == pytest.approx(a[0][1], rel=1e-9)
    assert a[1][0] < 1e-5  # an impossible pair has (next to) no square


def test_margins_are_the_row_and_column_sums_beside_and_below_the_grid():
    grid = JointGrid(TABLE, SIDES, SIDES, key="j")
    grid.shift([2.0, -1.0, 0])  # the margins follow the grid wherever it goes
    _played(grid.collapse_rows())
    _played(grid.collapse_cols())
    grid.add(grid.margins)
    shown = {k: r.value for k, r in readouts_in([grid]).items()}
    assert [shown["j.x[heads]"], shown["j.x[tails]"]] == [0.75, 0.25]
    assert [shown["j.y[heads]"], shown["j.y[tails]"]] == [0.5, 0.5]
    for row, margin in zip(grid.cells, grid.x_margin, strict=True):
        assert margin.get_y() == pytest.approx(row[-1].get_y())
        assert margin.get_left()[0] > row[-1].get_right()[0]
    for j, margin in enumerate(grid.y_margin):
        assert margin.get_x() == pytest.approx(grid.cells[-1][j].get_x())
        assert margin.get_top()[1] < grid.cells[-1][j].get_bottom()[1]
    assert _area(grid.x_margin[0]) / _area(grid.cells[0][0]) == pytest.approx(1.5, rel=1e-9)


def test_a_margin_square_is_one_square_after_the_pour():
    grid = JointGrid(TABLE, SIDES, SIDES)
    _played(grid.collapse_rows())
    assert all(not c.square.submobjects for c in grid.x_margin)


def test_to_moves_every_cell_and_margin_along_the_way():
    grid = JointGrid(TABLE, SIDES, SIDES, key="j")
    target = np.full((2, 2), 0.25)
    animation = grid.to(target)
    animation.begin()
    animation.interpolate(0.5)  # smooth(0.5) = 0.5: halfway between the tables
    assert grid.table == pytest.approx(0.5 * np.array(TABLE) + 0.5 * target)
    assert readouts_in([VGroup(grid, grid.x_margin)])["j.x[heads]"].value == pytest.approx(0.625)
    animation.finish()
    assert np.array_equal(grid.table, target)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ([[0.5, 0.5], [0.5, 0.5]], "sums to 2"),
        ([[0.5, 0.5]], "one row per row name"),
        ([[0.6, -0.1], [0.1, 0.4]], "negative"),
    ],
)
def test_a_bad_table_is_refused_with_the_reason(table, message):
    with pytest.raises(ValueError, match=message):
        JointGrid(table, SIDES, SIDES)
