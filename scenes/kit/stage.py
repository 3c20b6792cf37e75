"""Named regions of the frame, so scenes place things by purpose instead of coordinates.

The frame is about 14.2 × 8 units with the origin at its centre; the theme's margin
keeps everything off the very edge. Inside that safe area the stage has three bands:

- ``header``: the top strip, for a scene's heading and, at the end, its takeaway;
- ``main``: everything between, where the pictures live (``left``/``right`` halves,
  ``thirds``);
- ``caption_band``: the bottom strip, kept calm for captions (players draw them there,
  and ``--burn-captions`` writes them there), so no scene puts text in it.

``stage.left.place(chart)`` centres a mobject in a region, ``stage.main.fit(chart)``
also shrinks it to fit, and ``stage.main.split(3)`` cuts a region into columns::

    left, right = self.stage.left, self.stage.right
    left.place(p_chart)
    right.place(q_chart, align=UP)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from manim import RIGHT, Mobject, config

from scenes.theme import Theme, current_theme

__all__ = ["Region", "Stage", "stage"]

# Heights of the two bands, in manim units (the frame is 8 high).
HEADER_HEIGHT = 0.9
CAPTION_BAND_HEIGHT = 0.8


@dataclass(frozen=True)
class Region:
    """A rectangle of the frame: ``left``, ``right``, ``bottom``, ``top`` in manim units."""

    name: str
    left: float
    right: float
    bottom: float
    top: float

    @property
    def width(self) -> float:
        """The region's width (manim units)."""
        return self.right - self.left

    @property
    def height(self) -> float:
        """The region's height (manim units)."""
        return self.top - self.bottom

    @property
    def center(self) -> np.ndarray:
        """The region's centre point."""
        return np.array([(self.left + self.right) / 2, (self.bottom + self.top) / 2, 0.0])

    def point(self, direction: np.ndarray) -> np.ndarray:
        """The centre, an edge's midpoint or a corner: ``UP``, ``DL``, ``ORIGIN``..."""
        x = self.center[0] + direction[0] * self.width / 2
        y = self.center[1] + direction[1] * self.height / 2
        return np.array([x, y, 0.0])

    def place(self, mob: Mobject, align: np.ndarray | None = None) -> Mobject:
        """Move ``mob`` to the region's centre, or against the side(s) ``align`` names
        (``UP`` to the top edge, ``DL`` to the bottom-left corner); returns it."""
        if align is None or not np.any(align):
            return mob.move_to(self.center)
        return mob.move_to(self.point(align), aligned_edge=align)

    def fit(self, mob: Mobject, align: np.ndarray | None = None) -> Mobject:
        """Shrink ``mob`` (never grow it) until it fits inside, then :meth:`place` it."""
        factor = min(1.0, self.width / max(mob.width, 1e-9), self.height / max(mob.height, 1e-9))
        if factor < 1.0:
            mob.scale(factor)
        return self.place(mob, align)

    def contains(self, mob: Mobject, tolerance: float = 1e-3) -> bool:
        """Whether ``mob``'s bounding box lies inside the region."""
        return (
            mob.get_left()[0] >= self.left - tolerance
            and mob.get_right()[0] <= self.right + tolerance
            and mob.get_bottom()[1] >= self.bottom - tolerance
            and mob.get_top()[1] <= self.top + tolerance
        )

    def split(self, parts: int, gutter: float = 0.0, direction: np.ndarray = RIGHT) -> list[Region]:
        """``parts`` equal regions side by side (``RIGHT``) or stacked (``DOWN``), with
        ``gutter`` units between neighbours."""
        across = bool(direction[0])
        span = self.width if across else self.height
        size = (span - gutter * (parts - 1)) / parts
        regions = []
        for i in range(parts):
            if across:
                left = self.left + i * (size + gutter)
                name = f"{self.name}[{i}]"
                regions.append(Region(name, left, left + size, self.bottom, self.top))
            else:
                top = self.top - i * (size + gutter)
                name = f"{self.name}[{i}]"
                regions.append(Region(name, self.left, self.right, top - size, top))
        return regions

    def below(self, height: float) -> Region:
        """The strip of ``height`` at the bottom of this region."""
        return Region(f"{self.name}.low", self.left, self.right, self.bottom, self.bottom + height)

    def above(self, height: float) -> Region:
        """The strip of ``height`` at the top of this region."""
        return Region(f"{self.name}.high", self.left, self.right, self.top - height, self.top)


@dataclass(frozen=True)
class Stage:
    """The safe area of the frame and its named bands and halves."""

    safe: Region
    header: Region
    main: Region
    caption_band: Region
    left: Region
    right: Region

    @classmethod
    def for_theme(cls, theme: Theme | None = None) -> Stage:
        """The stage of the current frame and ``theme``'s margins (default: the current one)."""
        theme = theme or current_theme()
        w, h = config.frame_width / 2 - theme.margin, config.frame_height / 2 - theme.margin
        safe = Region("safe", -w, w, -h, h)
        header = Region("header", -w, w, h - HEADER_HEIGHT, h)
        caption_band = Region("caption_band", -w, w, -h, -h + CAPTION_BAND_HEIGHT)
        main = Region("main", -w, w, caption_band.top, header.bottom)
        left, right = main.split(2, gutter=theme.space.l)
        return cls(
            safe,
            header,
            main,
            caption_band,
            Region("left", left.left, left.right, left.bottom, left.top),
            Region("right", right.left, right.right, right.bottom, right.top),
        )

    def thirds(self, gutter: float | None = None) -> list[Region]:
        """The main band in three columns."""
        return self.main.split(3, gutter=current_theme().space.m if gutter is None else gutter)


def stage() -> Stage:
    """The stage of the current theme."""
    return Stage.for_theme()
