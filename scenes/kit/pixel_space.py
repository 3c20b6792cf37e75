"""The space of pictures, drawn as far as a page allows: one axis per pixel.

A picture of ``d`` pixels is a list of ``d`` numbers, so a point in a ``d``-dimensional
space whose every axis runs from 0 to the brightest grey. :class:`PixelSpace` draws it
growing: two pixels span a square (a point on a plane), three a cube (drawn in oblique
projection, the third axis slanting back), and then more axes than can be drawn fan out
from the same corner, the point staying where it is::

    space = PixelSpace((97, 210, 143), levels=256, size=3.0)
    space.centre_in(self.stage.right)   # the whole drawing, fan included, fits there
    self.add(space)
    self.play(space.plane())        # x1 and x2, the square, the point and its coordinates
    self.play(space.cube())         # x3 slants back, the square becomes a cube
    self.play(space.many())         # a fan of further axes: no longer drawable one by one
    space.settle()

Axis names are Typst maths (``x_1`` ...); the point's label is its pixel values.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    DOWN,
    LEFT,
    ORIGIN,
    RIGHT,
    UP,
    Animation,
    AnimationGroup,
    Create,
    DashedLine,
    Dot,
    FadeIn,
    LaggedStart,
    Line,
    Polygon,
    Transform,
    VectorizedPoint,
    VGroup,
)

from scenes.kit.stage import Region
from scenes.kit.text import Formula, Txt
from scenes.theme import current_theme

__all__ = ["PixelSpace"]

# The third axis slants back at this angle (radians) and is drawn this much shorter.
SLANT = np.radians(38)
FORESHORTEN = 0.55
# The fan of further axes spreads over these directions (radians from the first axis).
FAN = (np.radians(-22), np.radians(112))


def _reach(k: int) -> float:
    """Axis ``k`` of the fan is 75 % to 100 % of the size: a ragged fan reads as many."""
    return 0.75 + 0.25 * ((k * 7) % 5) / 4


class PixelSpace(VGroup):
    """Axes for the first pixels of a picture, ``size`` units long, from 0 to ``levels - 1``.

    ``values`` are the first three pixel values (the point's coordinates); ``fan`` is how
    many further axes :meth:`many` draws. Until :meth:`plane` the space holds only its
    origin (an invisible point), so place it with :meth:`centre_in` or by moving it; parts
    are drawn where the origin is when they come in. After :meth:`plane`: ``axes``,
    ``names``, ``dot`` (the point), ``coordinates``; after :meth:`many`: ``fan``.
    ``label_size`` is the type size of the axis names and the point's coordinates,
    ``tick_size`` that of the axes' end values.
    """

    def __init__(
        self,
        values: Sequence[int],
        *,
        levels: int = 256,
        size: float = 3.0,
        fan: int = 28,
        label_size: str | float = "label",
        tick_size: str | float = "small",
    ):
        super().__init__()
        values = [int(v) for v in values]
        if len(values) != 3 or not all(0 <= v < levels for v in values):
            raise ValueError(f"three pixel values in [0, {levels}) are needed, not {values}")
        if fan < 1:
            raise ValueError(f"the fan needs at least one axis, not {fan}")
        self.values, self.levels, self.size, self.fan_count = values, levels, float(size), fan
        self.label_size, self.tick_size = label_size, tick_size
        self.anchor = VectorizedPoint(ORIGIN)
        self.add(self.anchor)
        self.built = False
        # The whole drawing's box around the origin, for placing it before it is drawn.
        whole = self._build(ORIGIN)
        self.reach = (whole.get_corner(DOWN + LEFT), whole.get_corner(UP + RIGHT))

    # -- geometry --------------------------------------------------------------------

    @property
    def origin(self) -> np.ndarray:
        """Where value 0 of every axis is drawn (follows the space when it moves)."""
        return self.anchor.get_center()

    def point(self, x: float, y: float, z: float, origin: np.ndarray | None = None) -> np.ndarray:
        """The screen point of pixel values ``(x, y, z)``."""
        scale = self.size / (self.levels - 1)
        slant = FORESHORTEN * np.array([np.cos(SLANT), np.sin(SLANT), 0.0])
        base = self.origin if origin is None else origin
        return base + scale * (x * RIGHT + y * UP + z * slant)

    def centre_in(self, region: Region) -> PixelSpace:
        """Move the space so its whole drawing (cube, labels and fan) is centred in ``region``."""
        low, high = self.reach
        return self.shift(region.center - (low + high) / 2 - self.origin)

    # -- the drawing -----------------------------------------------------------------

    def _build(self, origin: np.ndarray) -> VGroup:
        """Every part, drawn from ``origin``; kept as attributes, returned as one group."""
        theme = current_theme()
        muted, faint, gap = theme.color.muted, theme.color.faint, theme.space.xs
        top = self.levels - 1
        at = lambda x, y, z: self.point(x, y, z, origin)  # noqa: E731
        ends = [at(top, 0, 0), at(0, top, 0), at(0, 0, top)]
        self.axes = VGroup(*(Line(at(0, 0, 0), e, color=muted, stroke_width=2.5) for e in ends))
        self.names = VGroup(
            *(
                Formula(name, self.label_size, "muted").next_to(end, side, buff=gap)
                for name, end, side in zip(
                    ("x_1", "x_2", "x_3"), ends, (RIGHT, UP, UP + RIGHT), strict=True
                )
            )
        )
        self.ends = VGroup(
            # Each end value tucks in under its axis's end, clear of the axis's name beyond it.
            Txt(str(top), self.tick_size, "muted").next_to(
                ends[0], DOWN, buff=gap, aligned_edge=RIGHT
            ),
            Txt(str(top), self.tick_size, "muted").next_to(
                ends[1], LEFT, buff=gap, aligned_edge=UP
            ),
            Txt("0", self.tick_size, "muted").next_to(at(0, 0, 0), DOWN + LEFT, buff=gap),
        )

        def face(z: float) -> Polygon:
            corners = [at(0, 0, z), at(top, 0, z), at(top, top, z), at(0, top, z)]
            return Polygon(*corners, color=faint, stroke_width=2)

        self.square, self.back = face(0), face(top)
        self.edges = VGroup(
            *(
                Line(at(x, y, 0), at(x, y, top), color=faint, stroke_width=2)
                for x, y in ((top, 0), (0, top), (top, top))
            )
        )
        v1, v2, v3 = self.values
        self.dot = Dot(at(v1, v2, 0), radius=0.09, color=theme.color.highlight)
        self.drops = VGroup(
            DashedLine(at(v1, v2, 0), at(v1, 0, 0), color=muted),
            DashedLine(at(v1, v2, 0), at(0, v2, 0), color=muted),
        )
        self.coordinates = self._coordinates(self.values[:2], self.dot.get_center())
        self.far = at(v1, v2, v3)
        self.far_coordinates = self._coordinates(self.values, self.far)
        self.depth_line = DashedLine(at(v1, v2, 0), self.far, color=muted)
        angles = np.linspace(*FAN, self.fan_count)
        self.fan = VGroup(
            *(
                Line(
                    at(0, 0, 0),
                    at(0, 0, 0) + self.size * _reach(k) * np.array([np.cos(a), np.sin(a), 0.0]),
                    color=muted,
                    stroke_width=1.5,
                    stroke_opacity=0.35 + 0.4 * ((k * 3) % 4) / 3,  # some nearer, some further
                )
                for k, a in enumerate(angles)
            )
        )
        return VGroup(
            self.axes, self.names, self.ends, self.back, self.edges, self.fan,
            self.coordinates, self.far_coordinates,
        )  # fmt: skip

    def _coordinates(self, values: Sequence[int], at: np.ndarray) -> Formula:
        label = Formula("(" + ", ".join(str(v) for v in values) + ")", self.label_size)
        return label.next_to(at, UP + RIGHT, buff=current_theme().space.xs)

    # -- motion ----------------------------------------------------------------------

    def plane(self, **kwargs) -> Animation:
        """Two axes and their square, then the point with its dashed drops and coordinates."""
        self._build(self.origin)  # where the space stands now
        self.built = True
        self.add(self.axes[:2], self.names[:2], self.ends, self.square)
        self.add(self.dot, self.drops, self.coordinates)
        return LaggedStart(
            AnimationGroup(
                *(Create(a) for a in self.axes[:2]),
                FadeIn(self.names[:2], self.ends),
                Create(self.square),
            ),
            AnimationGroup(FadeIn(self.dot, scale=2.0), *(Create(d) for d in self.drops)),
            FadeIn(self.coordinates, shift=0.1 * UP),
            lag_ratio=0.6,
            **kwargs,
        )

    def cube(self, **kwargs) -> Animation:
        """The third axis slants back; the square becomes a cube; the point moves back by
        the third value along a dashed line, and its coordinates gain the third."""
        if not self.built:
            raise RuntimeError("cube() comes after plane()")
        self.add(self.axes[2], self.names[2], self.back, self.edges, self.depth_line)
        return LaggedStart(
            AnimationGroup(
                Create(self.axes[2]),
                *(Create(e) for e in self.edges),
                Create(self.back),
            ),
            AnimationGroup(
                self.dot.animate.move_to(self.far),
                Create(self.depth_line),
                Transform(self.coordinates, self.far_coordinates),
            ),
            # The third axis's name last: it stands inside the square, where the point's
            # coordinates were until they moved back with it.
            FadeIn(self.names[2]),
            lag_ratio=0.5,
            **kwargs,
        )

    def many(self, **kwargs) -> Animation:
        """The fan of further axes spreads from the corner, too many to draw one by one;
        the cube's faces, the dashes and the axis ends give way to it."""
        if not self.built:
            raise RuntimeError("many() comes after plane()")
        self.add(self.fan)
        self.leaving = [self.square, self.back, self.edges, self.drops, self.depth_line, self.ends]
        # Faded in place (a FadeOut would pull them out of the group); settle() drops them.
        return AnimationGroup(
            *(m.animate.set_opacity(0) for m in self.leaving),
            LaggedStart(*(Create(line) for line in self.fan), lag_ratio=0.08),
            **kwargs,
        )

    def settle(self) -> PixelSpace:
        """After :meth:`many`: drop what faded out from the group."""
        self.remove(*getattr(self, "leaving", []))
        return self
