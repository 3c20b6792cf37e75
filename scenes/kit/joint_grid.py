"""A joint distribution of two variables as a grid, with its marginals in the margins.

::

              heads   tails                 Y
            ┌──────┬──────┐   ┌──────┐
     heads  │  ██  │  ▪   │ → │  ██  │      p(x): each row summed
            │ 0.40 │ 0.10 │   │ 0.50 │
     tails  │  ▪   │  ██  │ → │  ██  │
            │ 0.10 │ 0.40 │   │ 0.50 │
            └──────┴──────┘   └──────┘
               ↓      ↓
            ┌──────┬──────┐
            │  ██  │  ██  │                  p(y): each column summed
            │ 0.50 │ 0.50 │
            └──────┴──────┘
     X

Cell ``(i, j)`` is ``p(X = x_i, Y = y_j)``: a square whose *area* is that share of the
largest square a cell holds, with the value under it. The margins hold the row sums
(``p(x)``, a column on the right) and the column sums (``p(y)``, a row below), computed by
:func:`infotheory.marginals`; :meth:`JointGrid.collapse_rows` and
:meth:`JointGrid.collapse_cols` pour each row's (column's) squares into its margin, which
is how a marginal is made.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    FadeIn,
    ReplacementTransform,
    RoundedRectangle,
    Square,
    Succession,
    VGroup,
    smooth,
)
from numpy.typing import ArrayLike

import infotheory as it
from scenes.kit.baseline import align_baselines
from scenes.kit.text import Readout, Txt, resolve_color
from scenes.theme import current_theme

__all__ = ["JointGrid"]


class _Cell(VGroup):
    """One cell: a frame, a square of area ``p`` (of the largest) and the value ``p``."""

    def __init__(
        self, p: float, *, size: float, role: str, key: str, decimals: int, text_size: str | float
    ):
        super().__init__()
        theme = current_theme()
        self.frame = RoundedRectangle(
            corner_radius=0.06,
            width=size,
            height=size,
            stroke_color=theme.color.faint,
            stroke_width=2,
            fill_opacity=0,
        )
        self.value = Readout(
            None, p, unit=None, decimals=decimals, key=key, color=role, size=text_size
        )
        pad = theme.space.xs / 2
        # The square's room: the cell above the value, less a pad all round. Measured on
        # "0.00", not this value: every cell's square must be drawn to the same scale.
        probe = Readout(None, 0.0, unit=None, decimals=decimals, size=text_size)
        self.room = size - probe.height - 3 * pad
        self.square = Square(
            side_length=1.0, fill_color=resolve_color(role), fill_opacity=0.85, stroke_width=0
        )
        self.add(self.frame, self.square, self.value)
        self.set_p(p)

    def set_p(self, p: float) -> None:
        pad = current_theme().space.xs / 2
        top = self.frame.get_top()[1] - pad
        side = max(np.sqrt(p) * self.room, 1e-3)
        self.square.stretch_to_fit_width(side).stretch_to_fit_height(side)
        self.square.move_to([self.frame.get_x(), top - self.room / 2, 0])
        self.value.set_value(p)
        self.value.move_to([self.frame.get_x(), 0, 0])
        self.value.align_to(self.frame, DOWN).shift(pad * UP)


class JointGrid(VGroup):
    """``table[i][j] = p(X = x_i, Y = y_j)`` as a grid of cells, with the margins.

    ``rows`` names X's outcomes (left of the rows), ``cols`` names Y's (above the
    columns); ``table`` is validated by :mod:`infotheory` (the whole table sums to 1,
    never normalised). ``cell`` is a cell's side; ``role`` colours the squares and
    values (``"p"``: reality). Read-outs are keyed ``"{key}[x_i,y_j]"`` for the cells,
    ``"{key}.x[x_i]"`` and ``"{key}.y[y_j]"`` for the margins.

    Parts: :attr:`cells` (rows of cells), :attr:`row_labels`, :attr:`col_labels`,
    :attr:`x_margin` (one cell per row, right of the grid) and :attr:`y_margin` (one
    per column, below it). The margins are built but not added: bring them in with
    :meth:`collapse_rows` and :meth:`collapse_cols`, then ``grid.add`` them.
    :meth:`row` and :meth:`column` give a row's or column's cells (to point at);
    :meth:`set_table` jumps to another table with the same outcomes and :meth:`to`
    animates there (every frame a table).
    """

    def __init__(
        self,
        table: ArrayLike,
        rows: Sequence[str],
        cols: Sequence[str],
        *,
        cell: float = 1.0,
        role: str = "p",
        key: str = "joint",
        decimals: int = 2,
        label_size: str | float = "small",
    ):
        super().__init__()
        theme = current_theme()
        self.table = self._check(table, rows, cols)
        self.rows, self.cols = list(rows), list(cols)
        self.key = key
        space = theme.space
        pitch = cell + space.s
        px, py = it.marginals(self.table)

        def make(p: float, name: str) -> _Cell:
            return _Cell(
                p,
                size=cell,
                role=role,
                key=f"{key}{name}",
                decimals=decimals,
                text_size=label_size,
            )

        self.cells = VGroup()
        for i, x in enumerate(self.rows):
            row = VGroup()
            for j, y in enumerate(self.cols):
                c = make(self.table[i, j], f"[{x},{y}]")
                c.move_to([j * pitch, -i * pitch, 0])
                row.add(c)
            self.cells.add(row)
        self.x_margin = VGroup(*(make(px[i], f".x[{x}]") for i, x in enumerate(self.rows)))
        self.y_margin = VGroup(*(make(py[j], f".y[{y}]") for j, y in enumerate(self.cols)))
        self._place_margins()
        self.row_labels = VGroup(
            *(
                Txt(x, label_size, "muted").next_to(row[0], LEFT, buff=space.s)
                for x, row in zip(self.rows, self.cells, strict=True)
            )
        )
        self.col_labels = VGroup(
            *(
                Txt(y, label_size, "muted").next_to(c, UP, buff=space.s)
                for y, c in zip(self.cols, self.cells[0], strict=True)
            )
        )
        align_baselines(self.col_labels)
        self.add(self.cells, self.row_labels, self.col_labels)

    def _place_margins(self) -> None:
        """The margins beside the grid wherever it stands now: p(x) right of each row,
        p(y) below each column, a wider gap than between cells (the sums stand apart)."""
        gap = current_theme().space.m
        for row, c in zip(self.cells, self.x_margin, strict=True):
            c.next_to(row[-1], RIGHT, buff=gap)
        for j, c in enumerate(self.y_margin):
            c.next_to(self.cells[-1][j], DOWN, buff=gap)

    @staticmethod
    def _check(table: ArrayLike, rows: Sequence[str], cols: Sequence[str]) -> np.ndarray:
        a = np.asarray(table, dtype=float)
        if a.ndim != 2 or a.shape != (len(rows), len(cols)):
            raise ValueError(
                f"table must have one row per row name ({len(rows)}) and one column per "
                f"column name ({len(cols)}), not shape {a.shape}"
            )
        it.marginals(a)  # infotheory's validation: the whole table sums to 1
        return a

    # -- parts ------------------------------------------------------------------------

    def row(self, i: int) -> VGroup:
        """Row ``i``'s cells."""
        return self.cells[i]

    def column(self, j: int) -> VGroup:
        """Column ``j``'s cells."""
        return VGroup(*(row[j] for row in self.cells))

    @property
    def margins(self) -> VGroup:
        """Both margins, p(x) right of the rows and p(y) under the columns."""
        return VGroup(self.x_margin, self.y_margin)

    # -- values -----------------------------------------------------------------------

    def set_table(self, table: ArrayLike) -> JointGrid:
        """Show another table over the same outcomes (a jump); the margins follow."""
        self.table = self._check(table, self.rows, self.cols)
        px, py = it.marginals(self.table)
        for row, values in zip(self.cells, self.table, strict=True):
            for c, p in zip(row, values, strict=True):
                c.set_p(float(p))
        for c, p in zip(self.x_margin, px, strict=True):
            c.set_p(float(p))
        for c, p in zip(self.y_margin, py, strict=True):
            c.set_p(float(p))
        return self

    def to(self, table: ArrayLike, **kwargs) -> Animation:
        """Animate to another table along the straight path (every frame sums to 1)."""
        return _GridTo(self, self._check(table, self.rows, self.cols), **kwargs)

    # -- motion ------------------------------------------------------------------------

    def collapse_rows(self, **kwargs) -> Animation:
        """Each row's squares pour into its margin cell, which then shows their sum, p(x).

        The margin's parts join the scene one by one; afterwards ``grid.add(grid.x_margin)``
        makes them part of the grid (so it moves and fades as one)."""
        return self._collapse(self.cells, self.x_margin, **kwargs)

    def collapse_cols(self, **kwargs) -> Animation:
        """Each column's squares pour into its margin cell below: p(y)."""
        columns = [self.column(j) for j in range(len(self.cols))]
        return self._collapse(columns, self.y_margin, **kwargs)

    def _collapse(self, lines, margin: VGroup, **kwargs) -> Animation:
        if margin not in self.submobjects:
            self._place_margins()  # the grid may have moved since it was built
        pours = []
        for line, target in zip(lines, margin, strict=True):
            squares = VGroup(*(c.square.copy() for c in line))
            pours.append(ReplacementTransform(squares, target.square))
        return Succession(
            AnimationGroup(FadeIn(VGroup(*(c.frame for c in margin))), *pours),
            FadeIn(VGroup(*(c.value for c in margin))),
            **kwargs,
        )


class _GridTo(Animation):
    def __init__(self, grid: JointGrid, target: np.ndarray, rate_func=smooth, **kwargs):
        self.start = grid.table.copy()
        self.target = target
        super().__init__(grid, rate_func=rate_func, **kwargs)

    def interpolate_mobject(self, alpha: float) -> None:
        alpha = self.rate_func(alpha)
        self.mobject.set_table((1 - alpha) * self.start + alpha * self.target)

    def finish(self) -> None:
        super().finish()
        self.mobject.set_table(self.target)
