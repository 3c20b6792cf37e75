"""A grayscale image as data: a real pixel array, a zoom onto its numbers, and its unrolling.

:func:`face_pixels` makes a deterministic ``side × side`` array of grey levels
(a smooth face-like pattern from a seed). :class:`PixelImage` draws it with
every pixel a crisp square (``side × side`` real pixels, never a coarser grid
pretending to be one), can mark and :meth:`~PixelImage.magnify` a small block
to show its values, and :meth:`~PixelImage.unroll` its rows, one after the
other, into a single column: the vector of ``side²`` numbers the image *is*.

Pixel colours are the data (grey level ``v`` of ``levels`` is the grey
``v / (levels - 1)``, 0 black), not palette roles.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from manim import (
    DL,
    DOWN,
    DR,
    LEFT,
    PI,
    RIGHT,
    UL,
    UP,
    UR,
    Animation,
    AnimationGroup,
    Group,
    ImageMobject,
    LaggedStart,
    Line,
    Rectangle,
    Square,
    Transform,
    VGroup,
    config,
)
from scipy.ndimage import gaussian_filter

from scenes.kit.pixel_samples import shade
from scenes.kit.raster import gray_to_rgba, raster
from scenes.kit.text import Txt
from scenes.theme import current_theme

__all__ = ["PixelImage", "Unrolling", "face_pixels"]


def face_pixels(side: int = 100, levels: int = 256, seed: int = 7) -> np.ndarray:
    """A ``side × side`` int array of grey levels in ``[0, levels)``: a soft face on a backdrop.

    Deterministic in ``seed`` (which also jitters the features and the texture).
    """
    rng = np.random.default_rng(seed)
    t = (np.arange(side) + 0.5) / side * 2 - 1
    x, y = np.meshgrid(t, -t)  # y up, row 0 at the top

    def bump(cx: float, cy: float, sx: float, sy: float) -> np.ndarray:
        return np.exp(-(((x - cx) / sx) ** 2 + ((y - cy) / sy) ** 2) / 2)

    j = lambda scale: rng.uniform(-scale, scale)  # noqa: E731
    backdrop = 0.18 + 0.12 * (y + 1) / 2
    rx, ry = 0.56 + j(0.04), 0.72 + j(0.04)
    r = np.hypot(x / rx, (y + 0.02) / ry)
    face = 1 / (1 + np.exp((r - 1) / 0.05))
    # Light from the upper left: the face is brighter there.
    shading = 0.62 + 0.22 * bump(-0.25, 0.3, 0.6, 0.7)
    img = backdrop * (1 - face) + shading * face
    ex, ey = 0.22 + j(0.03), 0.16 + j(0.03)
    for side_x in (-ex, ex):
        img -= 0.42 * face * bump(side_x, ey, 0.075, 0.05)
        img -= 0.1 * face * bump(side_x, ey + 0.13, 0.1, 0.025)  # brows
    img -= 0.08 * face * bump(0.03, -0.08, 0.05, 0.14)  # the nose's shadow
    mouth_y = -0.36 + j(0.03)
    curve = mouth_y + 0.9 * x**2
    img -= 0.3 * face * np.exp(-(((y - curve) / 0.03) ** 2) / 2) * (np.abs(x) < 0.24)
    img += 0.03 * gaussian_filter(rng.standard_normal((side, side)), max(side / 60, 0.8))
    img = np.clip(img, 0.0, 1.0)
    return np.round(img * (levels - 1)).astype(np.int64)


class PixelImage(Group):
    """A grey-level image drawn pixel for pixel, ``width`` units wide.

    ``values`` is a 2-D int array of grey levels in ``[0, levels)``. The drawing
    is ``self.image`` (crisp: enlarged pixels stay squares); a thin frame in the
    theme's ``faint`` colour keeps black pixels visible on a dark background.
    """

    def __init__(self, values: np.ndarray, *, levels: int = 256, width: float = 4.0):
        super().__init__()
        values = np.asarray(values)
        if values.ndim != 2:
            raise ValueError(f"an image is a 2-D array of grey levels, not shape {values.shape}")
        if values.min() < 0 or values.max() >= levels:
            raise ValueError(
                f"grey levels must lie in [0, {levels}), got {values.min()}..{values.max()}"
            )
        self.values = values
        self.levels = levels
        self.rows_n, self.cols_n = values.shape
        self.image = raster(gray_to_rgba(values, levels), width=width, crisp=True)
        self.frame = Rectangle(
            width=self.image.width,
            height=self.image.height,
            stroke_color=current_theme().color.faint,
            stroke_width=2,
        ).move_to(self.image)
        self.add(self.image, self.frame)

    # -- geometry --------------------------------------------------------------------

    @property
    def pixel_size(self) -> float:
        """The side of one pixel on screen (manim units)."""
        return self.image.width / self.cols_n

    def pixel_center(self, row: int, col: int) -> np.ndarray:
        """The screen point at the centre of pixel (``row``, ``col``), counted from the top left."""
        corner = self.image.get_corner(UP + LEFT)
        return corner + self.pixel_size * np.array([col + 0.5, -(row + 0.5), 0.0])

    # -- zooming in ------------------------------------------------------------------

    def block_marker(self, row: int, col: int, n: int, color="highlight") -> Rectangle:
        """A box around the ``n × n`` block whose top-left pixel is ``(row, col)``."""
        theme = current_theme()
        size = n * self.pixel_size
        center = self.pixel_center(row, col) + (n - 1) / 2 * self.pixel_size * np.array(
            [1.0, -1.0, 0.0]
        )
        return Square(side_length=size, stroke_color=theme.color[color], stroke_width=3).move_to(
            center
        )

    def magnify(
        self, row: int, col: int, n: int, *, cell: float = 0.8, label_size: str | float = "small"
    ) -> VGroup:
        """The ``n × n`` block at ``(row, col)`` drawn large, each pixel with its value
        (in type size ``label_size``).

        Not added or placed: ``.move_to`` it, then :meth:`zoom_lines` joins it to the marker.
        Each cell's number is in the background or text colour, whichever stands out on it.
        """
        theme = current_theme()
        cells = VGroup()
        for i in range(n):
            for k in range(n):
                value = int(self.values[row + i, col + k])
                square = Square(
                    side_length=cell,
                    fill_color=shade(value, self.levels),
                    fill_opacity=1,
                    stroke_color=theme.color.faint,
                    stroke_width=1.5,
                ).move_to([k * cell, -i * cell, 0])
                light = value / (self.levels - 1) > 0.5
                ink = theme.color.background if light else theme.color.text
                number = Txt(str(value), label_size, ink).move_to(square)
                cells.add(VGroup(square, number))
        cells.values_shown = [int(v) for v in self.values[row : row + n, col : col + n].ravel()]
        return cells

    def zoom_lines(self, marker: Rectangle, blowup: VGroup, color="highlight") -> VGroup:
        """Two lines joining the marker to the blow-up, on the sides that face each other."""
        theme = current_theme()
        if blowup.get_center()[0] > marker.get_center()[0]:
            pairs = ((UR, UL), (DR, DL))
        else:
            pairs = ((UL, UR), (DL, DR))
        return VGroup(
            *(
                Line(
                    marker.get_corner(a),
                    blowup.get_corner(b),
                    stroke_color=theme.color[color],
                    stroke_width=2,
                    stroke_opacity=0.7,
                )
                for a, b in pairs
            )
        )

    # -- unrolling -------------------------------------------------------------------

    def column(self, height: float, width: float = 0.35) -> ImageMobject:
        """The image as one column vector: all ``side²`` pixels, row after row, top to bottom.

        Drawn as a ``height``-tall strip. Far more entries than screen pixels fit in
        it, so each screen pixel shows the average of the entries it covers (an
        honest picture of the whole vector, without the moiré of skipping entries).
        """
        return raster(self._squeezed(self.values.ravel(), height), width=width, height=height)

    def _squeezed(self, entries: np.ndarray, height: float) -> np.ndarray:
        """``entries`` as a one-pixel-wide RGBA column, area-averaged to the output resolution."""
        rows = max(1, min(len(entries), round(height * config.pixel_height / config.frame_height)))
        edges = np.linspace(0, len(entries), rows + 1)
        cumulative = np.concatenate([[0.0], np.cumsum(entries, dtype=float)])
        sums = np.interp(edges, np.arange(len(entries) + 1), cumulative)
        means = np.diff(sums) / np.diff(edges)
        return gray_to_rgba(means.reshape(-1, 1), self.levels)

    def row_strip(self, i: int) -> ImageMobject:
        """Row ``i`` as its own crisp image, exactly where it sits in the picture."""
        strip = raster(
            gray_to_rgba(self.values[i : i + 1, :], self.levels),
            width=self.image.width,
            height=self.pixel_size,
            crisp=True,
        )
        middle = self.pixel_center(i, 0) + (self.cols_n - 1) / 2 * self.pixel_size * RIGHT
        return strip.move_to(middle)

    def unroll(
        self,
        column: ImageMobject,
        *,
        single_rows: int = 6,
        chunks: int = 8,
        run_time: float = 4.0,
    ) -> Unrolling:
        """Slide the rows, in order, into ``column`` (see :meth:`column`).

        The first ``single_rows`` rows each turn a quarter and slide, outlined, into
        their own stretch of the column (the left end of a row goes to the top);
        the remaining rows follow in ``chunks`` bundles of consecutive rows, each
        folding into the stretch of the column it fills. The picture stays where it
        is: what moves are copies of its rows. In the scene::

            unrolling = picture.unroll(column)
            unrolling.start(self)        # copies of the rows appear over the picture
            self.play(unrolling.animation)
            unrolling.finish(self)       # the pieces give way to the one column
        """
        theme = current_theme()
        n = max(1, min(single_rows, self.rows_n - 1))
        seg = column.height / self.rows_n  # one row's stretch of the column
        top = column.get_top()
        moves, pieces, extras = [], Group(), Group()
        for i in range(n):
            strip = self.row_strip(i)
            outline = Rectangle(
                width=strip.width,
                height=strip.height,
                stroke_color=theme.color.highlight,
                stroke_width=2,
                stroke_opacity=0,  # lights up as its row leaves the picture
            ).move_to(strip)
            target = strip.copy()
            target.stretch_to_fit_width(seg).stretch_to_fit_height(column.width)
            target.rotate(-PI / 2)  # clockwise: the row's left end goes to the top
            target.move_to(top + (i + 0.5) * seg * DOWN)
            outline_target = Rectangle(
                width=column.width + 0.12,
                height=max(seg, 0.02),
                stroke_color=theme.color.highlight,
                stroke_width=2,
            ).move_to(target)
            pieces.add(strip, outline)
            extras.add(outline)
            moves.append(
                AnimationGroup(Transform(strip, target), Transform(outline, outline_target))
            )
        bounds = np.linspace(n, self.rows_n, min(chunks, self.rows_n - n) + 1).round().astype(int)
        folds = []
        for a, b in itertools.pairwise(bounds):
            block = raster(
                gray_to_rgba(self.values[a:b, :], self.levels),
                width=self.image.width,
                height=self.pixel_size * (b - a),
                crisp=True,
            )
            block.move_to(self.pixel_center(a, 0), aligned_edge=UL)
            block.shift(self.pixel_size / 2 * (LEFT + UP))
            stretch = raster(
                self._squeezed(self.values[a:b, :].ravel(), seg * (b - a)),
                width=column.width,
                height=seg * (b - a),
            )
            stretch.move_to(top + (a + (b - a) / 2) * seg * DOWN)
            fold = _Fold(block, stretch)
            pieces.add(fold.mobject)
            extras.add(stretch)
            folds.append(fold)
        return Unrolling(
            column, pieces, extras, LaggedStart(*moves, *folds, lag_ratio=0.45, run_time=run_time)
        )


class _Fold(Animation):
    """A bundle of rows folds into its stretch of the column: one fades into the other
    while both travel from the bundle's box to the stretch's.

    The group starts in its first frame (the stretch invisible on the bundle), so a
    LaggedStart that has not reached it yet shows nothing out of place.
    """

    def __init__(self, block: ImageMobject, stretch: ImageMobject, **kwargs):
        self.start_box = (block.get_center(), block.width, block.height)
        self.end_box = (stretch.get_center(), stretch.width, stretch.height)
        self.block = block
        self.ghost = stretch.copy()
        super().__init__(Group(block, self.ghost), **kwargs)
        self.interpolate_mobject(0.0)

    def interpolate_mobject(self, alpha: float) -> None:
        t = self.rate_func(alpha)
        (c0, w0, h0), (c1, w1, h1) = self.start_box, self.end_box
        center, width, height = c0 + (c1 - c0) * t, w0 + (w1 - w0) * t, h0 + (h1 - h0) * t
        for image, opacity in ((self.block, 1.0 - t), (self.ghost, t)):
            image.stretch_to_fit_width(width).stretch_to_fit_height(height).move_to(center)
            image.set_opacity(opacity)


@dataclass
class Unrolling:
    """An unrolling in progress: see :meth:`PixelImage.unroll`."""

    column: ImageMobject
    pieces: Group  # what starts over the picture
    extras: Group  # what the pieces become or leave behind
    animation: Animation

    def start(self, scene) -> None:
        scene.add(self.pieces)

    def finish(self, scene) -> None:
        scene.remove(*self.pieces, *self.extras)
        scene.add(self.column)
