"""Zooming into a picture until its pixels are squares you can read: a magnifier view.

:class:`PixelZoom` is a square view of a :class:`~scenes.kit.pixels.PixelImage` that shows
one *window* of it (a square of pixels), always drawn hard-edged: each screen pixel takes the
value of the image pixel under it, never a blend. :meth:`PixelZoom.zoom_to` animates the
window from the whole picture down to a small block, zooming about the point that stays put,
so the pixels grow steadily into squares; a :meth:`~PixelZoom.marker` on the picture follows
the window, showing where the view looks (no connector lines across the picture). At the
end, :meth:`~PixelZoom.cells` are the block's pixels as squares with their values, drawn
exactly over the view::

    zoom = PixelZoom(picture, size=4.4).move_to(right)
    marker = zoom.marker()
    self.add(zoom, marker)
    self.play(zoom.zoom_to(row, col, 4), run_time=3)
    cells = zoom.cells()
    self.add(cells); self.remove(zoom)
"""

from __future__ import annotations

import numpy as np
from manim import UL, Animation, Group, Rectangle, VGroup, config, smooth

from scenes.kit.pixels import PixelImage
from scenes.kit.raster import gray_to_rgba, raster, show_pixels
from scenes.theme import current_theme

__all__ = ["PixelZoom"]


class PixelZoom(Group):
    """A ``size``-wide square view of a window of ``picture``, drawn pixel-hard.

    The window is ``(top, left, side)`` in image pixels (floats allowed); it starts as the
    whole picture. Parts: ``view`` (the image) and ``frame`` (its outline, ``faint``).
    """

    def __init__(self, picture: PixelImage, size: float = 4.0):
        super().__init__()
        if not size > 0:
            raise ValueError(f"a zoom view needs a positive size, not {size!r}")
        self.picture = picture
        self.size = float(size)
        # One raster pixel per screen pixel at the render's resolution: hard edges, no blur.
        self.resolution = max(32, round(size * config.pixel_height / config.frame_height))
        rows, cols = picture.values.shape
        self.window = (0.0, 0.0, float(max(rows, cols)))
        self.view = raster(self._pixels(), width=size, height=size, crisp=True)
        self.frame = Rectangle(
            width=size, height=size, stroke_color=current_theme().color.faint, stroke_width=2
        ).move_to(self.view)
        self.add(self.view, self.frame)

    # -- drawing ---------------------------------------------------------------------

    def _pixels(self) -> np.ndarray:
        """The window, sampled nearest-pixel onto the view's raster."""
        top, left, side = self.window
        values = self.picture.values
        steps = (np.arange(self.resolution) + 0.5) / self.resolution * side
        rows = np.clip(np.floor(top + steps).astype(int), 0, values.shape[0] - 1)
        cols = np.clip(np.floor(left + steps).astype(int), 0, values.shape[1] - 1)
        return gray_to_rgba(values[np.ix_(rows, cols)], self.picture.levels)

    def set_window(self, top: float, left: float, side: float) -> PixelZoom:
        """Show the square of ``side`` pixels whose top-left corner is ``(top, left)``."""
        if not side > 0:
            raise ValueError(f"a window needs a positive side, not {side!r}")
        self.window = (float(top), float(left), float(side))
        show_pixels(self.view, self._pixels())
        return self

    def window_box(self) -> Rectangle:
        """Where the window lies on the picture: a box in the ``highlight`` colour."""
        top, left, side = self.window
        pixel = self.picture.pixel_size
        corner = self.picture.image.get_corner(UL)
        box = Rectangle(
            width=side * pixel,
            height=side * pixel,
            stroke_color=current_theme().color.highlight,
            stroke_width=3,
        )
        return box.move_to(corner + pixel * np.array([left + side / 2, -(top + side / 2), 0.0]))

    def marker(self) -> Rectangle:
        """A box on the picture that follows the window (it keeps an updater: remove the box
        when you are done with it)."""
        box = self.window_box()
        box.add_updater(lambda m: m.become(self.window_box()))
        return box

    # -- motion ----------------------------------------------------------------------

    def zoom_to(self, row: int, col: int, n: int, **kwargs) -> Animation:
        """Zoom in (or out) until the view shows the ``n × n`` block at ``(row, col)``."""
        rows, cols = self.picture.values.shape
        if not (n >= 1 and 0 <= row <= rows - n and 0 <= col <= cols - n):
            raise ValueError(f"the {n} × {n} block at ({row}, {col}) is not inside the picture")
        return _Zoom(self, (float(row), float(col), float(n)), **kwargs)

    def cells(self, label_size: str | float = "small") -> VGroup:
        """The window's pixels as squares with their values (:meth:`PixelImage.magnify`, in
        type size ``label_size``), exactly over the view. The window must be a whole block
        (after :meth:`zoom_to`)."""
        top, left, side = self.window
        n = round(side)
        if not (top.is_integer() and left.is_integer() and side == n):
            raise ValueError(f"the window {self.window} is not a whole block of pixels")
        cells = self.picture.magnify(
            int(top), int(left), n, cell=self.size / n, label_size=label_size
        )
        return cells.move_to(self.view)


class _Zoom(Animation):
    """The window's side changes geometrically (a steady zoom) about the one point of the
    image that sits at the same place in the view at the start and at the end."""

    def __init__(
        self, zoom: PixelZoom, target: tuple[float, float, float], rate_func=smooth, **kwargs
    ):
        self.start_window = zoom.window
        self.target = target
        super().__init__(zoom, rate_func=rate_func, **kwargs)

    def _window(self, t: float) -> tuple[float, float, float]:
        (top0, left0, s0), (top1, left1, s1) = self.start_window, self.target
        if abs(s1 - s0) < 1e-12:
            return (top0 + (top1 - top0) * t, left0 + (left1 - left0) * t, s0)
        side = s0 * (s1 / s0) ** t
        fixed = [(a0 * s1 - a1 * s0) / (s1 - s0) for a0, a1 in ((top0, top1), (left0, left1))]
        top, left = (f + (a0 - f) * side / s0 for f, a0 in zip(fixed, (top0, left0), strict=True))
        return top, left, side

    def interpolate_mobject(self, alpha: float) -> None:
        self.mobject.set_window(*self._window(self.rate_func(alpha)))

    def finish(self) -> None:
        super().finish()
        self.mobject.set_window(*self.target)
